//! 表格打印: the forms the unit's scheme uses, with the subjects and row counts each would print.

use super::View;
use crate::domain::forms::{CATALOGUE, FormInfo, FormSubject};
use crate::domain::{GroupRole, RiskScope};
use crate::ui::app::Command;
use crate::ui::document::Document;
use crate::ui::widgets::section_ui;

#[derive(Default)]
pub struct FormsView;

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
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            section_ui(ui, &format!("本方案使用的表格（{}）", scheme.name));
            let used: Vec<&FormInfo> = CATALOGUE.iter().filter(|f| scheme.forms.iter().any(|id| id == f.id)).collect();
            forms_grid_ui(ui, doc, "used_forms", &used);
            section_ui(ui, "其他方案的表格");
            let others: Vec<&FormInfo> =
                CATALOGUE.iter().filter(|f| !scheme.forms.iter().any(|id| id == f.id)).collect();
            forms_grid_ui(ui, doc, "other_forms", &others);
            ui.add_space(8.0);
            ui.weak("命令行可列出全部表格：lianfang forms");
        });
        Vec::new()
    }
}
