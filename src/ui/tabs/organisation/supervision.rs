//! 分管: which leader supervises which departments, as a grid of tick boxes. Departments with
//! no supervising leader and leaders supervising nothing are flagged.

use crate::domain::ops::organisation;
use crate::domain::{GroupRole, Id};
use crate::ui::command::Command;
use crate::ui::document::Document;
use crate::ui::widgets::{WARN, section_ui};

/// The people who can supervise: seats other than the office, in roster order.
fn leaders(doc: &Document) -> Vec<Id> {
    let mut out = Vec::new();
    for line in crate::domain::roster::roster_lines(&doc.content) {
        if !line.role.is_office() && line.role != GroupRole::Leader && !out.contains(&line.person_id) {
            out.push(line.person_id);
        }
    }
    // 组长 may supervise too, but is listed last: most seeds give 分管 to the deputies.
    for line in crate::domain::roster::roster_lines(&doc.content) {
        if line.role == GroupRole::Leader && !out.contains(&line.person_id) {
            out.push(line.person_id);
        }
    }
    out
}

pub fn grid_ui(ui: &mut egui::Ui, doc: &Document, filter: &mut String) -> Vec<Command> {
    let mut out = Vec::new();
    let c = &doc.content;
    let leaders = leaders(doc);
    section_ui(ui, "分管关系");
    if leaders.is_empty() {
        ui.label("请先在“领导小组”中添加组长、副组长或成员。");
        return out;
    }
    let idle: Vec<&str> = leaders
        .iter()
        .filter(|l| !c.supervisions.iter().any(|s| s.leader_person_id == **l))
        .map(|l| doc.index.person_name(c, Some(*l)))
        .collect();
    let orphans = c.departments.iter().filter(|d| !doc.index.supervisors_of.contains_key(&d.id)).count();
    if orphans > 0 {
        ui.colored_label(WARN, format!("{orphans} 个部门没有分管领导"));
    }
    if !idle.is_empty() {
        ui.colored_label(WARN, format!("未分管任何部门：{}", idle.join("、")));
    }
    ui.horizontal(|ui| {
        let label = ui.label("筛选部门：");
        ui.add(egui::TextEdit::singleline(filter).hint_text("部门名称")).labelled_by(label.id);
    });
    let q = filter.trim().to_owned();
    egui::ScrollArea::both().auto_shrink(false).show(ui, |ui| {
        egui::Grid::new("supervision_grid").striped(true).show(ui, |ui| {
            ui.strong("部门");
            for l in &leaders {
                ui.strong(doc.index.person_name(c, Some(*l)));
            }
            ui.strong("");
            ui.end_row();
            for d in c.departments.iter().filter(|d| q.is_empty() || d.name.contains(&q)) {
                ui.label(&d.name);
                for l in &leaders {
                    let link = c.supervisions.iter().find(|s| s.leader_person_id == *l && s.dept_id == d.id);
                    let mut ticked = link.is_some();
                    let name = doc.index.person_name(c, Some(*l));
                    let response = ui.checkbox(&mut ticked, "").on_hover_text(format!("{name}分管{}", d.name));
                    // A tick box without text still needs an accessible name for screen readers.
                    response.widget_info(|| {
                        egui::WidgetInfo::selected(egui::Role::CheckBox, true, ticked, format!("{name}分管{}", d.name))
                    });
                    if response.changed() {
                        out.push(Command::Edit(organisation::toggle_supervision(c, *l, name, d)));
                    }
                }
                if doc.index.supervisors_of.contains_key(&d.id) {
                    ui.label("");
                } else {
                    ui.colored_label(WARN, "无分管领导");
                }
                ui.end_row();
            }
        });
    });
    out
}
