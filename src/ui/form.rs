//! Field helpers for editors: a label, a field, and a "commit" signal when the user leaves the
//! field (Enter moves on to the next field, as in a spreadsheet).

use chrono::NaiveDate;

use crate::domain::dates::{format_date, parse_date};

/// A labelled one-line field. Returns true when the user leaves it (Enter, Tab or click away).
pub fn text_field_ui(ui: &mut egui::Ui, label: &str, value: &mut String, width: f32) -> bool {
    let label = ui.label(label);
    let response = ui.add(egui::TextEdit::singleline(value).desired_width(width)).labelled_by(label.id);
    left_field(ui, &response)
}

/// A labelled multi-line field. Returns true when the user leaves it.
pub fn multiline_field_ui(ui: &mut egui::Ui, label: &str, value: &mut String, rows: usize) -> bool {
    let label = ui.label(label);
    let response =
        ui.add(egui::TextEdit::multiline(value).desired_rows(rows).desired_width(f32::INFINITY)).labelled_by(label.id);
    response.lost_focus()
}

/// Commit on leaving a one-line field; Enter also moves the focus to the next field.
fn left_field(ui: &egui::Ui, response: &egui::Response) -> bool {
    if response.lost_focus() {
        if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            ui.memory_mut(|m| m.move_focus(egui::FocusDirection::Next));
        }
        return true;
    }
    false
}

/// The text shown in a date field.
pub fn date_text(date: Option<NaiveDate>) -> String {
    date.map(format_date).unwrap_or_default()
}

/// A labelled date field over `text`. On leaving it returns the parsed date, or the Chinese
/// error to show beside it.
pub fn date_field_ui(
    ui: &mut egui::Ui,
    label: &str,
    text: &mut String,
    default_year: i32,
) -> Option<Result<Option<NaiveDate>, String>> {
    text_field_ui(ui, label, text, 130.0).then(|| parse_date(text, default_year))
}

/// An error in red beside a field; nothing when there is none.
pub fn error_ui(ui: &mut egui::Ui, error: &str) {
    if !error.is_empty() {
        ui.colored_label(super::widgets::WARN, error);
    }
}

/// A combo box choosing a department or none. Returns true when the choice changed.
pub fn dept_combo_ui(
    ui: &mut egui::Ui,
    id_salt: impl egui::AsIdSalt,
    doc: &super::Document,
    value: &mut Option<crate::domain::Id>,
) -> bool {
    let before = *value;
    let current = doc.index.dept_name(&doc.content, *value);
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(if current.is_empty() { "（未指定）" } else { current })
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "（未指定）");
            for d in &doc.content.departments {
                ui.selectable_value(value, Some(d.id), &d.name);
            }
        });
    *value != before
}

/// A combo box over a phase's or task's status. Returns true when it changed.
pub fn status_combo_ui(ui: &mut egui::Ui, id_salt: impl egui::AsIdSalt, value: &mut crate::domain::WorkStatus) -> bool {
    use crate::domain::WorkStatus;
    let before = *value;
    egui::ComboBox::from_id_salt(id_salt).selected_text(value.label()).show_ui(ui, |ui| {
        for s in [WorkStatus::NotStarted, WorkStatus::InProgress, WorkStatus::Done] {
            ui.selectable_value(value, s, s.label());
        }
    });
    *value != before
}
