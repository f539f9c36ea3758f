//! Small drawing helpers shared by the views.

use crate::domain::Scheme;

/// The colour of a level in `scheme`, for egui.
pub fn level_color32(scheme: &Scheme, grade: Option<u8>) -> egui::Color32 {
    let [r, g, b] = scheme.level_rgb(grade);
    egui::Color32::from_rgb(r, g, b)
}

/// A level's name (as the scheme names it) drawn in its colour.
pub fn level_badge_ui(ui: &mut egui::Ui, scheme: &Scheme, grade: Option<u8>) -> egui::Response {
    let text = egui::RichText::new(scheme.level_name(grade))
        .strong()
        .color(egui::Color32::WHITE)
        .background_color(level_color32(scheme, grade));
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
