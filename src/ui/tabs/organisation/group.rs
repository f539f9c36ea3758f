//! The leadership group: its name and office, its seats role by role (as the seeds write
//! them), member order (manual, 拼音, 姓氏笔画), and a preview of the roster.

use std::collections::HashMap;

use crate::domain::names::split_list;
use crate::domain::ops::{organisation, reorder};
use crate::domain::roster::{members_of, printed_roster};
use crate::domain::{GroupMember, GroupRole, Id, MemberOrder, Person};
use crate::ui::command::{Command, outcome};
use crate::ui::document::Document;
use crate::ui::form::{choice_combo_ui, dept_combo_ui, error_ui, text_field_ui};
use crate::ui::widgets::section_ui;

#[derive(Default)]
struct SeatDraft {
    name: String,
    titles: String,
    error: String,
}

#[derive(Default)]
pub struct GroupEditor {
    group: Option<(String, String, String)>,
    seats: HashMap<Id, SeatDraft>,
    new_name: String,
    new_titles: String,
    new_role: Option<GroupRole>,
    error: String,
}

impl GroupEditor {
    pub fn reset(&mut self) {
        self.group = None;
        self.seats.clear();
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let mut out = Vec::new();
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            ui.columns(2, |cols| {
                out.extend(self.settings_ui(&mut cols[0], doc));
                out.extend(self.seats_ui(&mut cols[0], doc));
                out.extend(self.add_ui(&mut cols[0], doc));
                preview_ui(&mut cols[1], doc);
            });
        });
        out
    }

    fn settings_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let g = &doc.content.leading_group;
        let (name, location, note) =
            self.group.get_or_insert_with(|| (g.name.clone(), g.office_location.clone(), g.members_note.clone()));
        section_ui(ui, "领导小组");
        let mut new = g.clone();
        let mut commit = false;
        egui::Grid::new("group_settings").num_columns(2).show(ui, |ui| {
            commit |= text_field_ui(ui, "名称：", name, 320.0);
            ui.end_row();
            commit |= dept_combo_ui(ui, "办公室所在部门：", "office_dept", doc, &mut new.office_dept_id);
            ui.end_row();
            commit |= text_field_ui(ui, "办公室设在（原文）：", location, 320.0);
            ui.end_row();
            commit |= text_field_ui(ui, "其他成员（原文）：", note, 320.0);
            ui.end_row();
        });
        ui.horizontal(|ui| {
            ui.label("成员排序：");
            for (order, label) in
                [(MemberOrder::Manual, "手动"), (MemberOrder::Pinyin, "按拼音"), (MemberOrder::Strokes, "按姓氏笔画")]
            {
                commit |= ui.radio_value(&mut new.member_order, order, label).changed();
            }
        });
        if !commit {
            return Vec::new();
        }
        new.name.clone_from(name);
        new.office_location.clone_from(location);
        new.members_note.clone_from(note);
        outcome(organisation::edit_group(g, new), &mut self.error)
    }

    fn seats_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let mut out = Vec::new();
        let c = &doc.content;
        for role in GroupRole::ALL {
            let members = members_of(c, role);
            ui.add_space(4.0);
            ui.strong(role.label());
            if members.is_empty() {
                ui.weak("（无）");
            }
            let ordered = role != GroupRole::Member || c.leading_group.member_order == MemberOrder::Manual;
            for (i, m) in members.iter().enumerate() {
                let Some(person) = doc.index.person(c, Some(m.person_id)) else { continue };
                ui.horizontal(|ui| {
                    out.extend(self.seat_ui(ui, person, m));
                    let mut seat = (*m).clone();
                    if role == GroupRole::DeputyLeader && ui.checkbox(&mut seat.executive, "常务").changed() {
                        out.extend(
                            organisation::set_seat(m, seat.clone(), &format!("{}常务", person.name)).map(Command::Edit),
                        );
                    }
                    if role.is_office() && ui.checkbox(&mut seat.concurrent, "兼").changed() {
                        out.extend(
                            organisation::set_seat(m, seat, &format!("{}（兼）", person.name)).map(Command::Edit),
                        );
                    }
                    let label = format!("调整{}的排序", person.name);
                    if ui.add_enabled(ordered && i > 0, egui::Button::new("上移")).clicked() {
                        out.extend(reorder(&members, i, i.saturating_sub(1), label.clone()).map(Command::Edit));
                    }
                    if ui.add_enabled(ordered && i + 1 < members.len(), egui::Button::new("下移")).clicked() {
                        out.extend(reorder(&members, i, i + 1, label).map(Command::Edit));
                    }
                    if ui.button("移出").on_hover_text("从领导小组中移出（人员本身保留）").clicked() {
                        out.push(Command::Edit(organisation::remove_seat(m, &person.name)));
                    }
                });
                if let Some(d) = self.seats.get(&m.id) {
                    error_ui(ui, &d.error);
                }
            }
        }
        out
    }

    /// Name and titles of the person in a seat.
    fn seat_ui(&mut self, ui: &mut egui::Ui, person: &Person, m: &GroupMember) -> Vec<Command> {
        let d = self.seats.entry(m.id).or_insert_with(|| SeatDraft {
            name: person.name.clone(),
            titles: person.titles_text(),
            error: String::new(),
        });
        let mut commit = text_field_ui(ui, "姓名", &mut d.name, 90.0);
        commit |= text_field_ui(ui, "职务", &mut d.titles, 200.0);
        if !commit {
            return Vec::new();
        }
        let typed = Person { name: d.name.clone(), titles: split_list(&d.titles), ..person.clone() };
        outcome(organisation::edit_person(person, typed), &mut d.error)
    }

    fn add_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        section_ui(ui, "添加成员");
        let role = self.new_role.get_or_insert(GroupRole::Member);
        let mut add = false;
        ui.horizontal(|ui| {
            let choices: Vec<(GroupRole, &str)> = GroupRole::ALL.iter().map(|r| (*r, r.label())).collect();
            choice_combo_ui(ui, "职位：", "new_role", role, &choices);
            text_field_ui(ui, "姓名：", &mut self.new_name, 100.0);
            text_field_ui(ui, "职务：", &mut self.new_titles, 200.0);
            add = ui.button("添加").clicked();
        });
        error_ui(ui, &self.error);
        if !add {
            return Vec::new();
        }
        match organisation::add_seat(&doc.content, *role, &self.new_name, split_list(&self.new_titles)) {
            Ok(edit) => {
                self.error.clear();
                self.new_name.clear();
                self.new_titles.clear();
                vec![Command::Edit(edit)]
            }
            Err(rule) => {
                self.error = rule.to_string();
                Vec::new()
            }
        }
    }
}

/// The roster as it will be printed (the same lines as the printed 名单).
fn preview_ui(ui: &mut egui::Ui, doc: &Document) {
    let c = &doc.content;
    section_ui(ui, &format!("{}名单（预览）", c.leading_group.name));
    for line in printed_roster(c, &doc.index) {
        ui.label(line);
    }
}
