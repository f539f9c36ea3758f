//! The unit's grading settings (its copy of the scheme): method, level names and colours, the
//! rules of each method, and the likelihood × harm matrix (size, labels, cell levels).

use crate::domain::Scheme;
use crate::domain::ops::grading::set_grading;
use crate::domain::scheme::{GradeRule, Grading, GradingMethod};
use crate::ui::command::{Command, outcome};
use crate::ui::document::Document;
use crate::ui::form::{choice_combo_ui, error_ui};
use crate::ui::widgets::{level_color32, section_ui};

#[derive(Default)]
pub struct SettingsEditor {
    draft: Option<Grading>,
    error: String,
}

const EXPLAIN: [(GradingMethod, &str); 3] = [
    (
        GradingMethod::Harm,
        "一级：可能构成犯罪；二级：应受党纪政纪处分；三级：造成不良影响或一定经济损失（内蒙古工业大学、江西农业大学方案）。",
    ),
    (GradingMethod::PostType, "按方案列出的岗位类型定为一级、二级，其余岗位为三级（福州实验小学、历下区妇联方案）。"),
    (GradingMethod::Matrix, "按发生几率和危害程度查矩阵定级；矩阵大小、各格等级可由单位设定（默认 3×3）。"),
];

impl SettingsEditor {
    pub fn reset(&mut self) {
        self.draft = None;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let saved = &doc.scheme().grading;
        let g = self.draft.get_or_insert_with(|| saved.clone());
        let mut out = Vec::new();
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            section_ui(ui, "评定办法");
            for (method, text) in EXPLAIN {
                ui.radio_value(&mut g.method, method, method.label());
                ui.weak(text);
            }
            levels_ui(ui, g);
            match g.method {
                GradingMethod::Harm => rules_ui(ui, "危害程度规则", &mut g.harm_rules, &g.level_names),
                GradingMethod::PostType => {
                    rules_ui(ui, "岗位类型规则", &mut g.post_type_rules, &g.level_names);
                    let levels: Vec<(u8, &str)> = (1..=3).map(|l| (l, name(&g.level_names, l))).collect();
                    let mut default = g.default_grade;
                    choice_combo_ui(ui, "其他岗位定为：", "default_grade", &mut default, &levels);
                    g.default_grade = default;
                }
                GradingMethod::Matrix => matrix_ui(ui, g),
            }
            error_ui(ui, &self.error);
            ui.horizontal(|ui| {
                let changed = *g != *saved;
                if ui.add_enabled(changed, egui::Button::new("保存评定办法")).clicked() {
                    out.extend(outcome(set_grading(&doc.content, g.clone()), &mut self.error));
                }
                if ui.add_enabled(changed, egui::Button::new("放弃修改")).clicked() {
                    *g = saved.clone();
                }
            });
            ui.weak("保存后，可在“评定风险点”中按新办法重新评定全部风险点。");
        });
        out
    }
}

fn name(names: &[String], grade: u8) -> &str {
    names.get(usize::from(grade).wrapping_sub(1)).map_or("", String::as_str)
}

/// Level names (一级/二级/三级 or 高/中/低) and colours.
fn levels_ui(ui: &mut egui::Ui, g: &mut Grading) {
    section_ui(ui, "等级名称和颜色（一级最高）");
    g.level_names.resize(3, String::new());
    let defaults: Vec<[u8; 3]> = (1..=3).map(|l| crate::domain::levels::level_color(Some(l))).collect();
    if g.level_colors.len() != 3 {
        g.level_colors.clone_from(&defaults);
    }
    for i in 0..3 {
        ui.horizontal(|ui| {
            let label = ui.label(format!("第{}级：", i + 1));
            if let Some(n) = g.level_names.get_mut(i) {
                ui.add(egui::TextEdit::singleline(n).desired_width(100.0)).labelled_by(label.id);
            }
            if let Some(c) = g.level_colors.get_mut(i) {
                ui.color_edit_button_srgb(c).on_hover_text("等级颜色");
            }
        });
    }
    if g.level_colors == defaults {
        g.level_colors.clear(); // the default palette is not stored
    }
}

fn rules_ui(ui: &mut egui::Ui, title: &str, rules: &mut Vec<GradeRule>, names: &[String]) {
    section_ui(ui, title);
    let levels: Vec<(u8, &str)> = (1..=3).map(|l| (l, name(names, l))).collect();
    let mut remove = None;
    for (i, rule) in rules.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            choice_combo_ui(ui, &format!("规则{}：", i + 1), ("rule_grade", i), &mut rule.grade, &levels);
            ui.add(egui::TextEdit::singleline(&mut rule.text).desired_width(520.0).hint_text("规则内容"));
            if ui.small_button("删除").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        rules.remove(i);
    }
    if ui.button("添加规则").clicked() {
        rules.push(GradeRule { grade: 3, text: String::new() });
    }
}

/// The matrix: rows of likelihood, columns of harm, each cell a level in its colour.
fn matrix_ui(ui: &mut egui::Ui, g: &mut Grading) {
    section_ui(ui, "发生几率 × 危害程度矩阵");
    let scheme_like = Scheme { grading: g.clone(), ..Scheme::default() };
    let m = &mut g.matrix;
    let levels: Vec<(u8, String)> = (1..=3).map(|l| (l, scheme_like.level_name(Some(l)).to_owned())).collect();
    let level_refs: Vec<(u8, &str)> = levels.iter().map(|(l, n)| (*l, n.as_str())).collect();
    egui::Grid::new("matrix_cells").show(ui, |ui| {
        ui.strong("几率＼危害");
        for (j, h) in m.harm_labels.iter_mut().enumerate() {
            let label = ui.label(format!("危害{}", j + 1));
            ui.add(egui::TextEdit::singleline(h).desired_width(70.0)).labelled_by(label.id);
        }
        ui.end_row();
        for (i, row) in m.cells.iter_mut().enumerate() {
            if let Some(l) = m.likelihood_labels.get_mut(i) {
                let label = ui.label(format!("几率{}", i + 1));
                ui.add(egui::TextEdit::singleline(l).desired_width(70.0)).labelled_by(label.id);
            }
            for (j, cell) in row.iter_mut().enumerate() {
                let color = level_color32(&scheme_like, Some(*cell));
                let current = level_refs.iter().find(|(l, _)| l == cell).map_or("", |(_, n)| *n);
                ui.scope(|ui| {
                    ui.visuals_mut().widgets.inactive.weak_bg_fill = color;
                    let response = egui::ComboBox::from_id_salt(("cell", i, j))
                        .selected_text(current)
                        .show_ui(ui, |ui| {
                            for (l, n) in &level_refs {
                                ui.selectable_value(cell, *l, *n);
                            }
                        })
                        .response;
                    let name = format!("几率{}×危害{}", i + 1, j + 1);
                    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &name));
                });
            }
            ui.end_row();
        }
    });
    ui.horizontal(|ui| {
        let (rows, cols) = (m.likelihood_labels.len(), m.harm_labels.len());
        if ui.add_enabled(rows < 5, egui::Button::new("增加一行")).clicked() {
            m.likelihood_labels.push(format!("等级{}", rows + 1));
            m.cells.push(vec![1; cols]);
        }
        if ui.add_enabled(rows > 2, egui::Button::new("减少一行")).clicked() {
            m.likelihood_labels.pop();
            m.cells.pop();
        }
        if ui.add_enabled(cols < 5, egui::Button::new("增加一列")).clicked() {
            m.harm_labels.push(format!("等级{}", cols + 1));
            m.cells.iter_mut().for_each(|r| r.push(1));
        }
        if ui.add_enabled(cols > 2, egui::Button::new("减少一列")).clicked() {
            m.harm_labels.pop();
            m.cells.iter_mut().for_each(|r| {
                r.pop();
            });
        }
    });
}
