//! 领导小组与机构: the leadership group and its office, 分管, departments and their posts.

use super::View;
use crate::domain::{GroupRole, Id};
use crate::ui::app::Command;
use crate::ui::document::Document;
use crate::ui::widgets::{WARN, cell_ui, empty_ui, level_badge_ui, section_ui};

#[derive(Default)]
pub struct OrganisationView {
    selected_dept: Option<Id>,
    filter: String,
}

impl View for OrganisationView {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        egui::Panel::left("group").default_size(420.0).resizable(true).show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                group_ui(ui, doc);
                supervision_ui(ui, doc);
            });
        });
        egui::CentralPanel::default().show(ui, |ui| self.departments_ui(ui, doc));
        Vec::new()
    }
}

fn group_ui(ui: &mut egui::Ui, doc: &Document) {
    let c = &doc.content;
    section_ui(ui, &c.leading_group.name);
    if c.group_members.is_empty() {
        empty_ui(ui, "领导小组成员");
    }
    egui::Grid::new("roster").num_columns(2).striped(true).show(ui, |ui| {
        for role in GroupRole::ALL {
            for m in c.group_members.iter().filter(|m| m.role == role) {
                let Some(p) = doc.index.person(c, Some(m.person_id)) else { continue };
                let mut label = role.label().to_owned();
                if m.executive {
                    label.push_str("（常务）");
                }
                ui.strong(label);
                let mut name = format!("{}　{}", p.name, p.titles_text());
                if m.concurrent {
                    name.push_str("（兼）");
                }
                ui.label(name);
                ui.end_row();
            }
        }
    });
    if !c.leading_group.members_note.is_empty() {
        ui.label(format!("成员：{}", c.leading_group.members_note));
    }
    let office = if c.leading_group.office_location.is_empty() {
        doc.index.dept_name(c, c.leading_group.office_dept_id).to_owned()
    } else {
        c.leading_group.office_location.clone()
    };
    ui.label(format!("办公室设在：{}", if office.is_empty() { "（未填写）" } else { &office }));
}

fn supervision_ui(ui: &mut egui::Ui, doc: &Document) {
    let c = &doc.content;
    section_ui(ui, "分管");
    let mut leaders: Vec<Id> = Vec::new();
    for s in &c.supervisions {
        if !leaders.contains(&s.leader_person_id) {
            leaders.push(s.leader_person_id);
        }
    }
    for leader in &leaders {
        let depts: Vec<&str> = c
            .supervisions
            .iter()
            .filter(|s| s.leader_person_id == *leader)
            .map(|s| doc.index.dept_name(c, Some(s.dept_id)))
            .collect();
        ui.label(format!("{}：{}", doc.index.person_name(c, Some(*leader)), depts.join("、")));
    }
    let orphans: Vec<&str> = c
        .departments
        .iter()
        .filter(|d| !doc.index.supervisors_of.contains_key(&d.id))
        .map(|d| d.name.as_str())
        .collect();
    if !orphans.is_empty() {
        ui.colored_label(WARN, format!("无分管领导的部门：{}", orphans.join("、")));
    }
}

impl OrganisationView {
    fn departments_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        let c = &doc.content;
        section_ui(ui, &format!("机构（{} 个部门，{} 个岗位）", c.departments.len(), c.posts.len()));
        ui.horizontal(|ui| {
            let label = ui.label("筛选：");
            ui.add(egui::TextEdit::singleline(&mut self.filter).hint_text("部门或岗位名称")).labelled_by(label.id);
        });
        let filter = self.filter.trim();
        ui.columns(2, |cols| {
            egui::ScrollArea::vertical().id_salt("depts").show(&mut cols[0], |ui| {
                for d in c.departments.iter().filter(|d| filter.is_empty() || d.name.contains(filter)) {
                    let head = doc.index.person_name(c, d.head_person_id);
                    let posts = c.posts.iter().filter(|p| p.dept_id == d.id).count();
                    ui.horizontal(|ui| {
                        let grade = doc.levels.department(d.id);
                        level_badge_ui(ui, doc.scheme().level_name(grade), grade);
                        let text = format!(
                            "{}（{}）负责人：{}　{} 个岗位",
                            d.name,
                            d.kind,
                            if head.is_empty() { "未设" } else { head },
                            posts
                        );
                        if ui.selectable_label(self.selected_dept == Some(d.id), text).clicked() {
                            self.selected_dept = Some(d.id);
                        }
                    });
                }
            });
            posts_ui(&mut cols[1], doc, self.selected_dept);
        });
    }
}

fn posts_ui(ui: &mut egui::Ui, doc: &Document, dept: Option<Id>) {
    let c = &doc.content;
    let Some(dept) = doc.index.department(c, dept) else {
        ui.weak("选择左侧的部门查看其岗位。");
        return;
    };
    ui.strong(format!("{} 的岗位", dept.name));
    egui::ScrollArea::vertical().id_salt("posts").show(ui, |ui| {
        for p in c.posts.iter().filter(|p| p.dept_id == dept.id) {
            let holders: Vec<&str> = doc
                .index
                .holders_of
                .get(&p.id)
                .map(|v| v.iter().filter_map(|&i| c.people.get(i)).map(|p| p.name.as_str()).collect())
                .unwrap_or_default();
            ui.horizontal(|ui| {
                let grade = doc.levels.post(p.id);
                level_badge_ui(ui, doc.scheme().level_name(grade), grade);
                ui.strong(&p.name);
                ui.label(format!("{}{}", doc.scheme().tier_name(p.tier), if p.key_post { "·重点岗位" } else { "" }));
                ui.label(format!("在岗：{}", holders.join("、")));
            });
            cell_ui(ui, &format!("职责：{}", p.duties));
        }
    });
}
