//! Small drawing helpers shared by the views.

use crate::domain::levels::level_color;

/// The colour of a level, for egui.
pub fn level_color32(grade: Option<u8>) -> egui::Color32 {
    let [r, g, b] = level_color(grade);
    egui::Color32::from_rgb(r, g, b)
}

/// A level's name drawn in its colour.
pub fn level_badge_ui(ui: &mut egui::Ui, name: &str, grade: Option<u8>) -> egui::Response {
    let text = egui::RichText::new(name).strong().color(egui::Color32::WHITE).background_color(level_color32(grade));
    ui.label(text)
}

/// A heading inside a tab.
pub fn section_ui(ui: &mut egui::Ui, title: &str) {
    ui.add_space(6.0);
    ui.heading(title);
    ui.separator();
}

/// A one-line cell; egui shows the full text on hover when it is elided (tables keep rows one
/// line high; the full text is in the detail panels and on the printed forms).
pub fn cell_ui(ui: &mut egui::Ui, text: &str) {
    ui.add(egui::Label::new(text).truncate());
}

/// What an empty list shows, in words.
pub fn empty_ui(ui: &mut egui::Ui, what: &str) {
    ui.weak(format!("（尚无{what}）"));
}

/// Red for problems the user should act on.
pub const WARN: egui::Color32 = egui::Color32::from_rgb(0xC6, 0x28, 0x28);
/// Green for what is done.
pub const OK: egui::Color32 = egui::Color32::from_rgb(0x2E, 0x7D, 0x32);
