//! 本单位的表格用语: the unit's title for a form, its own names for the columns, and for the
//! letters (承诺书, 责任书) their text. Kept in the unit's copy of the scheme, in the file.

use crate::domain::forms::FormId;
use crate::domain::ops::grading::set_wording;
use crate::domain::scheme::FormWording;
use crate::ui::command::Command;
use crate::ui::document::Document;
use crate::ui::form::{multiline_field_ui, text_field_ui};

#[derive(Default)]
pub struct WordingEditor {
    /// What the draft was loaded from: form and document revision.
    loaded: Option<(FormId, u64)>,
    draft: FormWording,
    defaults: Vec<String>,
}

impl WordingEditor {
    fn load(&mut self, doc: &Document, form: FormId) {
        self.draft = doc.scheme().form_wording.get(form.as_str()).cloned().unwrap_or_default();
        if self.draft.text.trim().is_empty() {
            self.draft.text = crate::report::forms::letter_template(form).unwrap_or_default().to_owned();
        }
        self.defaults = crate::report::forms::default_headers(&doc.content, form);
        self.loaded = Some((form, doc.revision));
    }

    /// The draft as it is stored: empty entries dropped, a default letter text left out.
    fn cleaned(&self, form: FormId) -> FormWording {
        let mut w = self.draft.clone();
        w.title = w.title.trim().to_owned();
        w.headers.retain(|default, new| !new.trim().is_empty() && new.trim() != default);
        if crate::report::forms::letter_template(form).is_none_or(|t| t.trim() == w.text.trim()) {
            w.text.clear();
        }
        w
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, doc: &Document, form: FormId) -> Vec<Command> {
        if self.loaded != Some((form, doc.revision)) {
            self.load(doc, form);
        }
        let info = form.info();
        ui.horizontal(|ui| {
            text_field_ui(ui, "标题：", &mut self.draft.title, 320.0);
            ui.weak(format!("留空即用默认：{}", info.title));
        });
        if !self.defaults.is_empty() {
            ui.label("列名（留空即用默认）：");
            egui::Grid::new("wording_headers").num_columns(4).show(ui, |ui| {
                for (i, default) in self.defaults.iter().enumerate() {
                    let value = self.draft.headers.entry(default.clone()).or_default();
                    text_field_ui(ui, &format!("{default}："), value, 140.0);
                    if i % 2 == 1 {
                        ui.end_row();
                    }
                }
            });
        }
        if crate::report::forms::letter_template(form).is_some() {
            multiline_field_ui(
                ui,
                "正文（每行一段；{姓名}、{单位}、{部门}、{职务}、{年度} 等会自动填写）：",
                &mut self.draft.text,
                6,
            );
        }
        let saved = doc.scheme().form_wording.get(form.as_str()).cloned().unwrap_or_default();
        let cleaned = self.cleaned(form);
        let mut out = Vec::new();
        ui.horizontal(|ui| {
            if ui.add_enabled(cleaned != saved, egui::Button::new("保存用语")).clicked() {
                out.push(save(doc, form, cleaned.clone()));
            }
            if ui.add_enabled(!saved.is_default(), egui::Button::new("恢复默认用语")).clicked() {
                out.push(save(doc, form, FormWording::default()));
            }
        });
        out
    }
}

fn save(doc: &Document, form: FormId, wording: FormWording) -> Command {
    Command::Edit(set_wording(&doc.content, form, wording))
}
