//! People: names, titles (several allowed) and department; the posts they fill.

use std::collections::HashMap;

use crate::domain::names::split_list;
use crate::domain::ops::organisation;
use crate::domain::ops::removal::{Removal, remove_person};
use crate::domain::{Id, Person};
use crate::ui::command::{Command, outcome};
use crate::ui::document::Document;
use crate::ui::form::{dept_combo_ui, error_ui, text_field_ui};
use crate::ui::widgets::editing_ui;
use crate::ui::widgets::section_ui;

#[derive(Default)]
struct PersonDraft {
    name: String,
    titles: String,
    note: String,
    error: String,
}

#[derive(Default)]
pub struct PeopleEditor {
    filter: String,
    selected: Option<Id>,
    drafts: HashMap<Id, PersonDraft>,
    new_name: String,
    error: String,
}

impl PeopleEditor {
    pub fn reset(&mut self) {
        self.drafts.clear();
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> (Vec<Command>, Option<Removal>) {
        let mut out = Vec::new();
        let mut removal = None;
        ui.columns(2, |cols| {
            out.extend(self.list_ui(&mut cols[0], doc));
            let (c, r) = editing_ui(&mut cols[1], doc, |ui| self.editor_ui(ui, doc));
            out.extend(c);
            removal = r;
        });
        (out, removal)
    }

    fn list_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let c = &doc.content;
        section_ui(ui, &format!("人员（{}）", c.people.len()));
        ui.horizontal(|ui| {
            let label = ui.label("查找：");
            ui.add(egui::TextEdit::singleline(&mut self.filter).hint_text("姓名、职务或部门")).labelled_by(label.id);
        });
        let q = self.filter.trim();
        let mut shown: Vec<&Person> = c
            .people
            .iter()
            .filter(|p| {
                q.is_empty()
                    || p.name.contains(q)
                    || p.titles.iter().any(|t| t.contains(q))
                    || doc.index.dept_name(c, p.dept_id).contains(q)
            })
            .collect();
        // By pinyin, as a person looks a name up (the file keeps them by character code).
        crate::domain::names::sort_by_name(&mut shown, crate::domain::MemberOrder::Pinyin, |p| p.name.as_str());
        egui::ScrollArea::vertical().id_salt("people_list").max_height(480.0).show_rows(
            ui,
            20.0,
            shown.len(),
            |ui, range| {
                for p in shown.get(range).unwrap_or_default() {
                    let text = format!("{}　{}　{}", p.name, p.titles_text(), doc.index.dept_name(c, p.dept_id));
                    if ui.selectable_label(self.selected == Some(p.id), text).clicked() {
                        self.selected = Some(p.id);
                    }
                }
            },
        );
        let mut add = false;
        ui.horizontal(|ui| {
            text_field_ui(ui, "新人员姓名：", &mut self.new_name, 120.0);
            add = ui.button("添加人员").clicked();
        });
        error_ui(ui, &self.error);
        if !add {
            return Vec::new();
        }
        match organisation::add_person(c, &self.new_name) {
            Ok((edit, id, note)) => {
                self.error = note.unwrap_or_default();
                self.selected = Some(id);
                self.new_name.clear();
                vec![Command::Edit(edit)]
            }
            Err(rule) => {
                self.error = rule.to_string();
                Vec::new()
            }
        }
    }

    fn editor_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> (Vec<Command>, Option<Removal>) {
        let c = &doc.content;
        let Some(person) = doc.index.person(c, self.selected) else {
            section_ui(ui, "人员信息");
            ui.weak("在左侧选择一个人。");
            return (Vec::new(), None);
        };
        section_ui(ui, &format!("人员：{}", person.name));
        let d = self.drafts.entry(person.id).or_insert_with(|| PersonDraft {
            name: person.name.clone(),
            titles: person.titles_text(),
            note: person.note.clone(),
            error: String::new(),
        });
        let mut new = person.clone();
        let mut commit = false;
        egui::Grid::new("person_editor").num_columns(2).show(ui, |ui| {
            commit |= text_field_ui(ui, "姓名：", &mut d.name, 160.0);
            ui.end_row();
            commit |= text_field_ui(ui, "职务：", &mut d.titles, 260.0);
            ui.end_row();
            commit |= dept_combo_ui(ui, "部门：", "person_dept", doc, &mut new.dept_id);
            ui.end_row();
            commit |= text_field_ui(ui, "备注：", &mut d.note, 260.0);
            ui.end_row();
        });
        ui.weak("多个职务用顿号分隔，如：党委副书记、院长");
        error_ui(ui, &d.error);
        let posts: Vec<String> = c
            .post_holders
            .iter()
            .filter(|h| h.person_id == person.id)
            .filter_map(|h| doc.index.post(c, Some(h.post_id)))
            .map(|p| format!("{}·{}", doc.index.dept_name(c, Some(p.dept_id)), p.name))
            .collect();
        ui.label(format!("在岗：{}", if posts.is_empty() { "（无）".to_owned() } else { posts.join("、") }));
        let removal = ui.button("删除人员…").clicked().then(|| remove_person(c, doc, person));
        if !commit {
            return (Vec::new(), removal);
        }
        new.name.clone_from(&d.name);
        new.titles = split_list(&d.titles);
        new.note.clone_from(&d.note);
        let command = outcome(organisation::edit_person(person, new), &mut d.error);
        (command, removal)
    }
}
