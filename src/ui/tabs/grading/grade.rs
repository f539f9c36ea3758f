//! Grading one risk point: the scheme's inputs, the level they give and why, and a manual
//! override that needs a reason and is written to the audit log.

use crate::domain::change::Edit;
use crate::domain::grading::grade;
use crate::domain::ops::grading::{self, Override};
use crate::domain::{GradeInputs, Id, RiskPoint};
use crate::ui::command::{Command, outcome};
use crate::ui::document::Document;
use crate::ui::form::{choice_combo_ui, error_ui, grade_inputs_ui};
use crate::ui::widgets::{level_badge_ui, section_ui};

#[derive(Default)]
struct Draft {
    inputs: GradeInputs,
    override_on: bool,
    override_grade: u8,
    reason: String,
    error: String,
}

#[derive(Default)]
pub struct GradeEditor {
    search: String,
    selected: Option<Id>,
    draft: Option<(Id, Draft)>,
    /// The re-grading the current method would do, computed once per file revision.
    regrade: Option<Edit>,
}

impl GradeEditor {
    pub fn reset(&mut self) {
        self.draft = None;
        self.regrade = None;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let mut out = Vec::new();
        ui.columns(2, |cols| {
            self.list_ui(&mut cols[0], doc);
            out.extend(self.editor_ui(&mut cols[1], doc));
        });
        let edit = self.regrade.get_or_insert_with(|| grading::regrade_all(&doc.content));
        out.extend(regrade_all_ui(ui, edit));
        out
    }

    fn list_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        let c = &doc.content;
        ui.horizontal(|ui| {
            let label = ui.label("查找风险点：");
            ui.add(egui::TextEdit::singleline(&mut self.search).hint_text("风险点、部门或岗位")).labelled_by(label.id);
        });
        let rows: Vec<&RiskPoint> =
            c.risk_points.iter().filter(|r| doc.index.risk_matches(c, r, &self.search)).collect();
        ui.label(format!("{} 个风险点", rows.len()));
        egui::ScrollArea::vertical().id_salt("grade_list").max_height(560.0).show_rows(
            ui,
            22.0,
            rows.len(),
            |ui, range| {
                for rp in rows.get(range).unwrap_or_default() {
                    ui.horizontal(|ui| {
                        level_badge_ui(ui, doc.scheme(), rp.grade);
                        let text = format!("{}：{}", doc.index.risk_subject(c, rp), rp.description);
                        if ui.selectable_label(self.selected == Some(rp.id), text).clicked() {
                            self.selected = Some(rp.id);
                        }
                    });
                }
            },
        );
    }

    fn editor_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let c = &doc.content;
        let Some(rp) = self.selected.and_then(|id| c.risk_points.iter().find(|r| r.id == id)) else {
            return Vec::new();
        };
        let scheme = doc.scheme();
        section_ui(ui, &format!("{}：{}", doc.index.risk_subject(c, rp), rp.description));
        ui.horizontal(|ui| {
            ui.label("当前等级：");
            level_badge_ui(ui, scheme, rp.grade);
            ui.label(rp.grade_rationale.as_str());
        });
        if !rp.grade_override_reason.is_empty() {
            ui.label(format!("手动调整理由：{}", rp.grade_override_reason));
        }
        if self.draft.as_ref().is_none_or(|(id, _)| *id != rp.id) {
            let d = Draft {
                inputs: rp.grade_inputs.clone(),
                override_on: !rp.grade_override_reason.is_empty(),
                override_grade: rp.grade.unwrap_or(3),
                reason: rp.grade_override_reason.to_string(),
                error: String::new(),
            };
            self.draft = Some((rp.id, d));
        }
        let Some((_, d)) = self.draft.as_mut() else { return Vec::new() };
        ui.add_space(6.0);
        ui.strong(scheme.grading.method.label());
        grade_inputs_ui(ui, doc, &mut d.inputs);
        let by_rule = grade(scheme, &d.inputs);
        ui.horizontal(|ui| {
            ui.label("按规则：");
            match &by_rule {
                Some((g, why)) => {
                    level_badge_ui(ui, scheme, Some(*g));
                    ui.label(why);
                }
                None => {
                    ui.label("请先选择评定依据");
                }
            }
        });
        ui.checkbox(&mut d.override_on, "手动调整等级（须说明理由，记入修改记录）");
        if d.override_on {
            let levels: Vec<(u8, &str)> = (1..=3).map(|g| (g, scheme.level_name(Some(g)))).collect();
            choice_combo_ui(ui, "调整为：", "override_grade", &mut d.override_grade, &levels);
            let label = ui.label("调整理由：");
            ui.add(egui::TextEdit::multiline(&mut d.reason).desired_rows(2)).labelled_by(label.id);
        }
        error_ui(ui, &d.error);
        if !ui.button("保存评定").clicked() {
            return Vec::new();
        }
        save(rp, d, doc)
    }
}

fn save(rp: &RiskPoint, d: &mut Draft, doc: &Document) -> Vec<Command> {
    let manual = d.override_on.then(|| Override { grade: d.override_grade, reason: d.reason.clone() });
    outcome(grading::grade_risk_point(doc.scheme(), rp, &d.inputs, manual.as_ref()), &mut d.error)
}

fn regrade_all_ui(ui: &mut egui::Ui, edit: &Edit) -> Vec<Command> {
    ui.separator();
    let n = edit.changes.len();
    let text = format!("按当前评定办法重新评定（{n} 个风险点的等级或依据会改变；手动调整的不变）");
    let clicked = ui.add_enabled(n > 0, egui::Button::new(text)).clicked();
    if clicked { vec![Command::Edit(edit.clone())] } else { Vec::new() }
}
