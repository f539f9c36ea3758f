//! People: names, titles (several allowed) and department; the posts they fill.

use std::collections::HashMap;

use crate::domain::change::Change;
use crate::domain::{Id, Person, Stamp, new_id};
use crate::ui::command::Command;
use crate::ui::document::Document;
use crate::ui::form::{dept_combo_ui, error_ui, non_empty, split_titles, text_field_ui};
use crate::ui::removal::{Removal, remove_person};
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

    fn list_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Option<Command> {
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
            return None;
        }
        match non_empty(&self.new_name, "姓名") {
            Ok(name) => {
                self.error = if c.people.iter().any(|p| p.name == name) {
                    format!("已有同名人员“{name}”，已另建一人；请用职务或部门区分")
                } else {
                    String::new()
                };
                let p = Person {
                    id: new_id(),
                    name: name.clone(),
                    titles: Vec::new(),
                    dept_id: None,
                    note: String::new(),
                    stamp: Stamp::now(),
                };
                self.selected = Some(p.id);
                self.new_name.clear();
                Some(Command::apply(format!("添加人员{name}"), vec![Change::save(p)]))
            }
            Err(e) => {
                self.error = e;
                None
            }
        }
    }

    fn editor_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> (Option<Command>, Option<Removal>) {
        let c = &doc.content;
        let Some(person) = doc.index.person(c, self.selected) else {
            section_ui(ui, "人员信息");
            ui.weak("在左侧选择一个人。");
            return (None, None);
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
        let removal = ui.button("删除人员…").clicked().then(|| remove_person(c, person));
        if !commit {
            return (None, removal);
        }
        match non_empty(&d.name, "姓名") {
            Ok(name) => {
                d.error.clear();
                new.name = name;
                new.titles = split_titles(&d.titles);
                new.note = d.note.trim().to_owned();
            }
            Err(e) => {
                d.error = e;
                return (None, removal);
            }
        }
        let command = (new != *person).then(|| {
            new.stamp.touch();
            Command::apply(format!("修改人员{}", new.name), vec![Change::save(new)])
        });
        (command, removal)
    }
}
