//! Departments (a tree) and their posts, with the people in each post.

use std::collections::HashMap;

use crate::domain::ops::organisation;
use crate::domain::ops::removal::{Removal, remove_department, remove_post};
use crate::domain::ops::reorder;
use crate::domain::{Department, Id, Post, PostHolder, PostTier};
use crate::ui::command::{Command, outcome};
use crate::ui::document::Document;
use crate::ui::form::{choice_combo_ui, error_ui, multiline_field_ui, person_combo_ui, text_field_ui};
use crate::ui::widgets::editing_ui;
use crate::ui::widgets::{level_badge_ui, section_ui};

#[derive(Default)]
struct DeptDraft {
    name: String,
    kind: String,
    error: String,
}

#[derive(Default)]
struct PostDraft {
    name: String,
    duties: String,
    basis: String,
    error: String,
}

#[derive(Default)]
pub struct StructureEditor {
    filter: String,
    selected_dept: Option<Id>,
    selected_post: Option<Id>,
    dept: HashMap<Id, DeptDraft>,
    post: HashMap<Id, PostDraft>,
    new_dept: String,
    new_post: String,
    new_holder: String,
    error: String,
}

/// Departments in tree order with their depth.
fn tree(depts: &[Department]) -> Vec<(usize, &Department)> {
    fn walk<'a>(depts: &'a [Department], parent: Option<Id>, depth: usize, out: &mut Vec<(usize, &'a Department)>) {
        for d in depts.iter().filter(|d| d.parent_id == parent) {
            if out.iter().any(|(_, seen)| seen.id == d.id) {
                continue; // a cycle in a foreign file must not loop forever
            }
            out.push((depth, d));
            walk(depts, Some(d.id), depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(depts, None, 0, &mut out);
    // Departments whose parent is missing are shown at the top level rather than hidden.
    for d in depts {
        if !out.iter().any(|(_, seen)| seen.id == d.id) {
            out.push((0, d));
        }
    }
    out
}

/// `id` and every department below it.
fn subtree(depts: &[Department], id: Id) -> Vec<Id> {
    let mut out = vec![id];
    let mut i = 0;
    while let Some(&cur) = out.get(i) {
        let children: Vec<Id> =
            depts.iter().filter(|d| d.parent_id == Some(cur) && !out.contains(&d.id)).map(|d| d.id).collect();
        out.extend(children);
        i += 1;
    }
    out
}

impl StructureEditor {
    pub fn reset(&mut self) {
        self.dept.clear();
        self.post.clear();
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> (Vec<Command>, Option<Removal>) {
        let mut out = Vec::new();
        let mut removal = None;
        ui.horizontal(|ui| {
            let label = ui.label("筛选：");
            ui.add(egui::TextEdit::singleline(&mut self.filter).hint_text("部门或岗位名称")).labelled_by(label.id);
        });
        ui.columns(3, |cols| {
            out.extend(self.departments_ui(&mut cols[0], doc));
            let (c, from_dept) = editing_ui(&mut cols[1], doc, |ui| self.dept_editor_ui(ui, doc));
            out.extend(c);
            let (c, from_post) = self.posts_ui(&mut cols[2], doc);
            out.extend(c);
            removal = from_dept.or(from_post);
        });
        (out, removal)
    }

    fn departments_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let c = &doc.content;
        section_ui(ui, &format!("部门（{}）", c.departments.len()));
        let filter = self.filter.trim().to_owned();
        egui::ScrollArea::vertical().id_salt("dept_list").max_height(520.0).show(ui, |ui| {
            for (depth, d) in tree(&c.departments) {
                let posts_match = c.posts.iter().any(|p| p.dept_id == d.id && p.name.contains(&filter));
                if !filter.is_empty() && !d.name.contains(&filter) && !posts_match {
                    continue;
                }
                ui.horizontal(|ui| {
                    ui.add_space(16.0 * depth as f32);
                    let grade = doc.levels.department(d.id);
                    level_badge_ui(ui, doc.scheme(), grade);
                    if ui.selectable_label(self.selected_dept == Some(d.id), &d.name).clicked() {
                        self.selected_dept = Some(d.id);
                        self.selected_post = None;
                    }
                });
            }
        });
        let mut add = false;
        editing_ui(ui, doc, |ui| {
            ui.horizontal(|ui| {
                text_field_ui(ui, "新部门：", &mut self.new_dept, 140.0);
                add = ui.button("添加部门").clicked();
            })
        });
        error_ui(ui, &self.error);
        if !add {
            return Vec::new();
        }
        match organisation::add_department(c, &self.new_dept) {
            Ok((edit, id)) => {
                self.error.clear();
                self.new_dept.clear();
                self.selected_dept = Some(id);
                vec![Command::Edit(edit)]
            }
            Err(rule) => {
                self.error = rule.to_string();
                Vec::new()
            }
        }
    }

    fn dept_editor_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> (Vec<Command>, Option<Removal>) {
        let c = &doc.content;
        let mut out = Vec::new();
        let Some(dept) = doc.index.department(c, self.selected_dept) else {
            section_ui(ui, "部门信息");
            ui.weak("在左侧选择一个部门。");
            return (out, None);
        };
        section_ui(ui, &format!("部门：{}", dept.name));
        let d = self.dept.entry(dept.id).or_insert_with(|| DeptDraft {
            name: dept.name.clone(),
            kind: dept.kind.clone(),
            error: String::new(),
        });
        let mut new = dept.clone();
        let mut commit = false;
        let below = subtree(&c.departments, dept.id);
        let people: Vec<Id> = c.people.iter().map(|p| p.id).collect();
        egui::Grid::new("dept_editor").num_columns(2).show(ui, |ui| {
            commit |= text_field_ui(ui, "部门名称：", &mut d.name, 200.0);
            ui.end_row();
            commit |= text_field_ui(ui, "类型：", &mut d.kind, 200.0);
            ui.end_row();
            let mut parents: Vec<(Option<Id>, &str)> = vec![(None, "（无）")];
            parents
                .extend(c.departments.iter().filter(|p| !below.contains(&p.id)).map(|p| (Some(p.id), p.name.as_str())));
            commit |= choice_combo_ui(ui, "上级部门：", "dept_parent", &mut new.parent_id, &parents);
            ui.end_row();
            commit |= person_combo_ui(ui, "负责人：", "dept_head", doc, &mut new.head_person_id, &people);
            ui.end_row();
        });
        error_ui(ui, &d.error);
        let mut removal = None;
        ui.horizontal(|ui| {
            let siblings: Vec<&Department> = c.departments.iter().filter(|x| x.parent_id == dept.parent_id).collect();
            let pos = siblings.iter().position(|x| x.id == dept.id).unwrap_or(0);
            let label = format!("调整部门“{}”的顺序", dept.name);
            if ui.add_enabled(pos > 0, egui::Button::new("上移")).clicked() {
                out.extend(reorder(&siblings, pos, pos.saturating_sub(1), label.clone()).map(Command::Edit));
            }
            if ui.add_enabled(pos + 1 < siblings.len(), egui::Button::new("下移")).clicked() {
                out.extend(reorder(&siblings, pos, pos + 1, label).map(Command::Edit));
            }
            if ui.button("删除部门…").clicked() {
                removal = Some(remove_department(c, doc, dept));
            }
        });
        if commit {
            let typed = Department { name: d.name.clone(), kind: d.kind.clone(), ..new };
            out.extend(outcome(organisation::edit_department(c, dept, typed), &mut d.error));
        }
        (out, removal)
    }

    fn posts_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> (Vec<Command>, Option<Removal>) {
        let c = &doc.content;
        let mut out = Vec::new();
        let Some(dept) = doc.index.department(c, self.selected_dept) else { return (out, None) };
        let posts: Vec<&Post> = c.posts.iter().filter(|p| p.dept_id == dept.id).collect();
        section_ui(ui, &format!("{}的岗位（{}）", dept.name, posts.len()));
        let filter = self.filter.trim().to_owned();
        // The filter narrows the posts too, unless it is what selected the department.
        let narrow = !filter.is_empty() && !dept.name.contains(&filter);
        egui::ScrollArea::vertical().id_salt("post_list").max_height(220.0).show(ui, |ui| {
            for p in posts.iter().filter(|p| !narrow || p.name.contains(&filter)) {
                ui.horizontal(|ui| {
                    let grade = doc.levels.post(p.id);
                    level_badge_ui(ui, doc.scheme(), grade);
                    let text = format!("{}（{}）", p.name, doc.scheme().tier_name(p.tier));
                    if ui.selectable_label(self.selected_post == Some(p.id), text).clicked() {
                        self.selected_post = Some(p.id);
                    }
                });
            }
        });
        let mut add = false;
        editing_ui(ui, doc, |ui| {
            ui.horizontal(|ui| {
                text_field_ui(ui, "新岗位：", &mut self.new_post, 160.0);
                add = ui.button("添加岗位").clicked();
            })
        });
        if add {
            match organisation::add_post(c, dept, &self.new_post) {
                Ok((edit, id)) => {
                    self.selected_post = Some(id);
                    self.new_post.clear();
                    out.push(Command::Edit(edit));
                }
                Err(rule) => self.error = rule.to_string(),
            }
        }
        let Some(post) = doc.index.post(c, self.selected_post).filter(|p| p.dept_id == dept.id) else {
            return (out, None);
        };
        let (commands, removal) = editing_ui(ui, doc, |ui| self.post_editor_ui(ui, doc, post));
        out.extend(commands);
        (out, removal)
    }

    fn post_editor_ui(&mut self, ui: &mut egui::Ui, doc: &Document, post: &Post) -> (Vec<Command>, Option<Removal>) {
        let c = &doc.content;
        let mut out = Vec::new();
        section_ui(ui, &format!("岗位：{}", post.name));
        let d = self.post.entry(post.id).or_insert_with(|| PostDraft {
            name: post.name.clone(),
            duties: post.duties.clone(),
            basis: post.basis.clone(),
            error: String::new(),
        });
        let mut new = post.clone();
        let mut commit = text_field_ui(ui, "岗位名称：", &mut d.name, 200.0);
        ui.horizontal(|ui| {
            let tiers: Vec<(PostTier, &str)> = PostTier::ALL.iter().map(|t| (*t, doc.scheme().tier_name(*t))).collect();
            commit |= choice_combo_ui(ui, "岗位层次：", "post_tier", &mut new.tier, &tiers);
            commit |= ui.checkbox(&mut new.key_post, "重点岗位").changed();
        });
        commit |= multiline_field_ui(ui, "岗位职责：", &mut d.duties, 3);
        commit |= multiline_field_ui(ui, "履职依据：", &mut d.basis, 2);
        error_ui(ui, &d.error);
        if commit {
            let typed = Post { name: d.name.clone(), duties: d.duties.clone(), basis: d.basis.clone(), ..new };
            out.extend(outcome(organisation::edit_post(c, post, typed), &mut d.error));
        }
        out.extend(self.holders_ui(ui, doc, post));
        let mut removal = None;
        if ui.button("删除岗位…").clicked() {
            removal = Some(remove_post(c, doc, post));
        }
        (out, removal)
    }

    /// The people in a post: remove one, pick an existing person, or type a new name.
    fn holders_ui(&mut self, ui: &mut egui::Ui, doc: &Document, post: &Post) -> Vec<Command> {
        let c = &doc.content;
        let mut out = Vec::new();
        ui.strong("在岗人员");
        let holders: Vec<&PostHolder> = c.post_holders.iter().filter(|h| h.post_id == post.id).collect();
        if holders.is_empty() {
            ui.weak("（无）");
        }
        for h in &holders {
            ui.horizontal(|ui| {
                let name = doc.index.person_name(c, Some(h.person_id));
                ui.label(name);
                if ui.small_button("移除").clicked() {
                    out.push(Command::Edit(organisation::remove_holder(post, h, name)));
                }
            });
        }
        let mut pick: Option<Id> = None;
        let others: Vec<Id> =
            c.people.iter().filter(|p| !holders.iter().any(|h| h.person_id == p.id)).map(|p| p.id).collect();
        let mut add_new = false;
        ui.horizontal(|ui| {
            person_combo_ui(ui, "添加已有人员：", ("holder_pick", post.id), doc, &mut pick, &others);
        });
        ui.horizontal(|ui| {
            text_field_ui(ui, "或新人员姓名：", &mut self.new_holder, 100.0);
            add_new = ui.button("添加到岗").clicked();
        });
        if let Some(person_id) = pick {
            let name = doc.index.person_name(c, Some(person_id));
            out.push(Command::Edit(organisation::add_holder(post, person_id, name)));
        }
        if add_new && let Ok(edit) = organisation::add_new_holder(post, &self.new_holder) {
            self.new_holder.clear();
            out.push(Command::Edit(edit));
        }
        out
    }
}
