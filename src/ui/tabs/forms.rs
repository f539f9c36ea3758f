//! 表格打印: the forms the unit's scheme uses, with the subjects and row counts each would print.

use super::View;
use crate::domain::forms::{CATALOGUE, FormInfo, FormSubject};
use crate::domain::{GroupRole, RiskScope};
use crate::ui::app::Command;
use crate::ui::document::Document;
use crate::ui::widgets::section_ui;

#[derive(Default)]
pub struct FormsView {
    form: Option<&'static str>,
    dept: Option<crate::domain::Id>,
}

/// How many subjects (copies) and rows the form has on this file's data.
fn extent(doc: &Document, f: &FormInfo) -> String {
    let c = &doc.content;
    let risks = |scope: RiskScope| c.risk_points.iter().filter(|r| r.scope == scope).count();
    match f.id {
        "power_catalogue" => format!("{} 个部门，{} 项职权", c.departments.len(), c.powers.len()),
        "task_breakdown" => format!("{} 个阶段，{} 项任务", c.phases.len(), c.tasks.len()),
        "group_roster" => format!("{} 人", c.group_members.len()),
        "commitment" => format!("{} 份", c.commitments.len()),
        "responsibility_letter" => format!("{} 份", c.responsibility_letters.len()),
        "dept_statistics" => format!("{} 个部门", c.departments.len()),
        "post_level_catalogue" | "warning_card" => format!("{} 个岗位", c.posts.len()),
        _ => match f.subject {
            FormSubject::Unit => format!("{} 行", risks(RiskScope::Unit)),
            FormSubject::Department => {
                format!("{} 个部门，{} 行", c.departments.len(), risks(RiskScope::Post) + risks(RiskScope::Department))
            }
            FormSubject::Post => format!("{} 个岗位，{} 行", c.posts.len(), risks(RiskScope::Post)),
            FormSubject::Person => {
                let leaders = c.group_members.iter().filter(|m| !matches!(m.role, GroupRole::OfficeMember)).count();
                format!("{} 人（含领导小组 {leaders} 人），{} 行", c.people.len(), risks(RiskScope::Person))
            }
        },
    }
}

fn forms_grid_ui(ui: &mut egui::Ui, doc: &Document, id: &str, forms: &[&FormInfo]) {
    egui::Grid::new(id).striped(true).num_columns(5).show(ui, |ui| {
        for h in ["表格", "出处", "每份内容", "打印对象", "本文件数据"] {
            ui.strong(h);
        }
        ui.end_row();
        for f in forms {
            ui.label(f.title);
            ui.label(f.seeds);
            ui.label(f.rows);
            ui.label(f.subject.label());
            ui.label(extent(doc, f));
            ui.end_row();
        }
    });
}

impl View for FormsView {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let scheme = doc.scheme();
        let mut out = Vec::new();
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            section_ui(ui, "打印为 PDF");
            let printable: Vec<(Option<&'static str>, &str)> = std::iter::once((None, "（请选择表格）"))
                .chain(
                    crate::report::forms::PRINTABLE
                        .iter()
                        .filter_map(|id| crate::domain::forms::by_id(id))
                        .map(|f| (Some(f.id), f.title)),
                )
                .collect();
            ui.horizontal(|ui| {
                crate::ui::form::choice_combo_ui(ui, "表格：", "print_form", &mut self.form, &printable);
                crate::ui::form::dept_combo_ui(ui, "只打印部门：", "print_dept", doc, &mut self.dept);
                if ui.add_enabled(self.form.is_some(), egui::Button::new("保存为 PDF…")).clicked()
                    && let Some(form) = self.form
                {
                    out.push(Command::Pick(crate::ui::dialogs::FilePurpose::Print { form, dept: self.dept }));
                }
            });
            ui.weak("A4，宋体正文、黑体标题，字体已嵌入；单元格自动换行、跨页时重复表头，末尾有签字栏。其余表格的打印尚在开发中。");
            section_ui(ui, &format!("本方案使用的表格（{}）", scheme.name));
            let used: Vec<&FormInfo> = CATALOGUE.iter().filter(|f| scheme.forms.iter().any(|id| id == f.id)).collect();
            forms_grid_ui(ui, doc, "used_forms", &used);
            section_ui(ui, "其他方案的表格");
            let others: Vec<&FormInfo> =
                CATALOGUE.iter().filter(|f| !scheme.forms.iter().any(|id| id == f.id)).collect();
            forms_grid_ui(ui, doc, "other_forms", &others);
            ui.add_space(8.0);
            ui.weak("命令行可列出全部表格：lianfang forms；打印：lianfang print 表格编号 --db 文件 --out 输出.pdf");
        });
        out
    }
}
