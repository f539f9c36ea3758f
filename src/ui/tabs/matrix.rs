//! 责任矩阵 (分级管理): who manages and who answers, derived from levels and 分管 — by
//! department, by risk point and by leader, with gaps flagged — and the signed letters.

use super::View;
use crate::domain::dates::{format_opt_date, today};
use crate::domain::ops::warnings::{self, LetterDraft};
use crate::domain::responsibility::{Role, duty, duty_of, leader_loads, principal, rule_text};
use crate::domain::{Department, Id, LetterKind, RiskPoint};
use crate::ui::command::Command;
use crate::ui::document::Document;
use crate::ui::form::{calendar_for_ui, choice_combo_ui, dept_combo_ui, error_ui, person_combo_ui, text_field_ui};
use crate::ui::widgets::{WARN, cell_ui, level_badge_ui, section_ui};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Section {
    #[default]
    Departments,
    RiskPoints,
    Leaders,
    Letters,
}

#[derive(Default)]
pub struct MatrixView {
    section: Section,
    search: String,
    letter: LetterDraft,
    letter_error: String,
}

/// `分管领导：张三`, or （缺） when nobody fills the role.
fn named(doc: &Document, role: Role, people: impl IntoIterator<Item = Id>) -> String {
    let names: Vec<&str> =
        people.into_iter().map(|p| doc.index.person_name(&doc.content, Some(p))).filter(|n| !n.is_empty()).collect();
    let names = if names.is_empty() { "（缺）".to_owned() } else { names.join("、") };
    format!("{}：{names}", role.name(&doc.scheme().responsibility))
}

impl View for MatrixView {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        crate::ui::widgets::sections_ui(
            ui,
            &mut self.section,
            &[
                (Section::Departments, "按部门"),
                (Section::RiskPoints, "按风险点"),
                (Section::Leaders, "按领导"),
                (Section::Letters, "责任书"),
            ],
        );
        ui.label(rule_text(doc.scheme()));
        match self.section {
            Section::Departments => {
                departments_ui(ui, doc);
                Vec::new()
            }
            Section::RiskPoints => {
                self.risk_points_ui(ui, doc);
                Vec::new()
            }
            Section::Leaders => {
                leaders_ui(ui, doc);
                Vec::new()
            }
            Section::Letters => self.letters_ui(ui, doc),
        }
    }
}

fn departments_ui(ui: &mut egui::Ui, doc: &Document) {
    let c = &doc.content;
    section_ui(ui, "按部门");
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        egui::Grid::new("matrix").striped(true).show(ui, |ui| {
            for h in ["部门", "部门等级", "风险点数（一/二/三级）", "管理人", "责任领导", "负责人责任书", "缺口"]
            {
                ui.strong(h);
            }
            ui.end_row();
            for d in &c.departments {
                dept_row_ui(ui, doc, d);
            }
        });
    });
}

fn dept_row_ui(ui: &mut egui::Ui, doc: &Document, d: &Department) {
    let c = &doc.content;
    let grade = doc.levels.department(d.id);
    let mut counts = [0_usize; 3];
    for rp in c.risk_points.iter().filter(|r| crate::domain::responsibility::risk_dept(c, &doc.index, r) == Some(d.id))
    {
        if let Some(g) = rp.grade {
            counts[usize::from(g.clamp(1, 3)) - 1] += 1;
        }
    }
    let (managers, answers) = duty(&doc.scheme().responsibility, grade);
    let holder = |role| crate::domain::responsibility::holders(c, &doc.index, role, Some(d.id));
    let head_letter = d.head_person_id.is_some_and(|h| {
        c.responsibility_letters.iter().any(|l| l.kind == LetterKind::GradedRisk && l.signer_person_id == h)
    });
    let mut gaps = Vec::new();
    if d.head_person_id.is_none() {
        gaps.push("无部门负责人");
    }
    if !doc.index.supervisors_of.contains_key(&d.id) {
        gaps.push("无分管领导");
    }
    if grade.is_some() && d.head_person_id.is_some() && !head_letter {
        gaps.push("负责人未签分级管理责任书");
    }
    ui.label(&d.name);
    level_badge_ui(ui, doc.scheme(), grade);
    ui.label(format!("{} / {} / {}", counts[0], counts[1], counts[2]));
    ui.label(managers.iter().map(|r| named(doc, *r, holder(*r))).collect::<Vec<_>>().join("；"));
    ui.label(named(doc, answers, holder(answers)));
    ui.label(if head_letter { "已签" } else { "未签" });
    if gaps.is_empty() {
        ui.label("—")
    } else {
        ui.colored_label(WARN, gaps.join("；"))
    };
    ui.end_row();
}

impl MatrixView {
    fn risk_points_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        let c = &doc.content;
        ui.horizontal(|ui| {
            let label = ui.label("查找：");
            ui.add(egui::TextEdit::singleline(&mut self.search).hint_text("风险点、部门或岗位")).labelled_by(label.id);
        });
        let rows: Vec<&RiskPoint> =
            c.risk_points.iter().filter(|r| doc.index.risk_matches(c, r, &self.search)).collect();
        use egui_extras::{Column, TableBuilder};
        TableBuilder::new(ui)
            .striped(true)
            .column(Column::initial(220.0).clip(true))
            .column(Column::initial(300.0).clip(true))
            .column(Column::exact(60.0))
            .column(Column::initial(320.0).clip(true))
            .column(Column::remainder().clip(true))
            .header(22.0, |mut h| {
                for t in ["所属", "风险点", "等级", "管理人", "责任领导"] {
                    h.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, rows.len(), |mut row| {
                    let Some(rp) = rows.get(row.index()) else { return };
                    let d = duty_of(c, &doc.index, rp);
                    row.col(|ui| cell_ui(ui, &doc.index.risk_subject(c, rp)));
                    row.col(|ui| cell_ui(ui, &rp.description));
                    row.col(|ui| {
                        level_badge_ui(ui, doc.scheme(), rp.grade);
                    });
                    let managers = d.managers.iter().map(|(r, p)| named(doc, *r, *p)).collect::<Vec<_>>().join("；");
                    row.col(|ui| cell_ui(ui, &managers));
                    row.col(|ui| cell_ui(ui, &named(doc, d.answers.0, d.answers.1.iter().copied())));
                });
            });
    }

    fn letters_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let c = &doc.content;
        let mut out = Vec::new();
        section_ui(ui, &format!("已签责任书（{} 份）", c.responsibility_letters.len()));
        egui::ScrollArea::vertical().max_height(380.0).show(ui, |ui| {
            egui::Grid::new("letters").striped(true).show(ui, |ui| {
                for h in ["种类", "年度", "签订人", "对方", "部门", "签订日期", ""] {
                    ui.strong(h);
                }
                ui.end_row();
                for l in &c.responsibility_letters {
                    ui.label(l.kind.label());
                    ui.label(l.year.to_string());
                    ui.label(doc.index.person_name(c, Some(l.signer_person_id)));
                    ui.label(doc.index.person_name(c, l.counterpart_person_id));
                    ui.label(doc.index.dept_name(c, l.dept_id));
                    ui.label(format_opt_date(l.signed_on));
                    if ui.small_button("删除").clicked() {
                        out.push(Command::Edit(warnings::remove_letter(c, &doc.index, l)));
                    }
                    ui.end_row();
                }
            });
        });
        out.extend(self.new_letter_ui(ui, doc));
        out
    }

    fn new_letter_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let c = &doc.content;
        section_ui(ui, "登记新签的责任书");
        let d = &mut self.letter;
        let people: Vec<Id> = c.people.iter().map(|p| p.id).collect();
        let kinds = [
            (LetterKind::GradedRisk, LetterKind::GradedRisk.label()),
            (LetterKind::PartyConduct, LetterKind::PartyConduct.label()),
        ];
        ui.horizontal_wrapped(|ui| {
            choice_combo_ui(ui, "种类：", "letter_kind", &mut d.kind, &kinds);
            person_combo_ui(ui, "签订人：", "letter_signer", doc, &mut d.signer, &people);
            person_combo_ui(ui, "对方：", "letter_counterpart", doc, &mut d.counterpart, &people);
            dept_combo_ui(ui, "部门：", "letter_dept", doc, &mut d.dept);
            text_field_ui(ui, "签订日期：", &mut d.date, 130.0);
            calendar_for_ui(ui, "签订日期：", &mut d.date, crate::domain::plan::working_year(c, today()));
        });
        if d.counterpart.is_none() {
            d.counterpart = principal(c);
        }
        error_ui(ui, &self.letter_error);
        if !ui.button("登记").clicked() {
            return Vec::new();
        }
        match warnings::register_letter(c, &doc.index, d, crate::domain::plan::working_year(c, today())) {
            Ok(edit) => {
                self.letter_error.clear();
                vec![Command::Edit(edit)]
            }
            Err(rule) => {
                self.letter_error = rule.to_string();
                Vec::new()
            }
        }
    }
}

fn leaders_ui(ui: &mut egui::Ui, doc: &Document) {
    let c = &doc.content;
    section_ui(ui, "按领导");
    let loads = leader_loads(c, &doc.index);
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        egui::Grid::new("leaders").striped(true).show(ui, |ui| {
            let s = doc.scheme();
            let header = [
                "领导".to_owned(),
                "分管部门（一/二/三级风险点）".to_owned(),
                format!(
                    "负责的风险点（{}/{}/{}）",
                    s.level_name(Some(1)),
                    s.level_name(Some(2)),
                    s.level_name(Some(3))
                ),
                "分级管理责任书".to_owned(),
            ];
            for h in header {
                ui.strong(h);
            }
            ui.end_row();
            for l in &loads {
                ui.label(doc.index.person_name(c, Some(l.person_id)));
                let depts: Vec<String> = l
                    .departments
                    .iter()
                    .map(|(d, n)| format!("{}（{}/{}/{}）", doc.index.dept_name(c, Some(*d)), n[0], n[1], n[2]))
                    .collect();
                ui.scope(|ui| {
                    ui.set_max_width(520.0);
                    cell_ui(ui, &if depts.is_empty() { "（无）".to_owned() } else { depts.join("、") });
                });
                ui.label(format!("{} / {} / {}", l.answers[0], l.answers[1], l.answers[2]));
                if l.letter_missing() {
                    ui.colored_label(WARN, format!("负责{}风险点但未签责任书", s.level_name(Some(1))));
                } else {
                    ui.label(if l.has_letter { "已签" } else { "—" });
                }
                ui.end_row();
            }
        });
    });
}
