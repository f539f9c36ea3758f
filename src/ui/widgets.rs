//! Small drawing helpers shared by the views.

use crate::domain::Scheme;

/// The colour of a level in `scheme`, for egui.
pub fn level_color32(scheme: &Scheme, grade: Option<u8>) -> egui::Color32 {
    let [r, g, b] = scheme.level_rgb(grade);
    egui::Color32::from_rgb(r, g, b)
}

/// A level's name (as the scheme names it) drawn in its colour, in black or white, whichever
/// reads better on it (white on amber is about 2:1; black on it above 9:1).
pub fn level_badge_ui(ui: &mut egui::Ui, scheme: &Scheme, grade: Option<u8>) -> egui::Response {
    let rgb = scheme.level_rgb(grade);
    let text = egui::RichText::new(scheme.level_name(grade))
        .strong()
        .color(text_on(rgb))
        .background_color(level_color32(scheme, grade));
    ui.label(text)
}

/// Black or white text for a background, by WCAG contrast.
pub fn text_on(rgb: [u8; 3]) -> egui::Color32 {
    let lum = relative_luminance(rgb);
    // Contrast with white: 1.05 / (L + 0.05); with black: (L + 0.05) / 0.05.
    if 1.05 / (lum + 0.05) >= (lum + 0.05) / 0.05 { egui::Color32::WHITE } else { egui::Color32::BLACK }
}

/// WCAG 2 relative luminance of an sRGB colour.
pub fn relative_luminance([r, g, b]: [u8; 3]) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// The row of a tab's sections (查找向导 | 风险点清单 | …), the chosen one marked, and a rule under it.
pub fn sections_ui<S: PartialEq + Copy>(ui: &mut egui::Ui, chosen: &mut S, sections: &[(S, &str)]) {
    ui.horizontal(|ui| {
        for (s, label) in sections {
            ui.selectable_value(chosen, *s, *label);
        }
    });
    ui.separator();
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

/// Draws an area of editors. In a read-only document (newer version, 汇总 drill-down, claimed
/// by another window or PC) its widgets are shown disabled, with the reason on hover: nothing
/// looks editable that would then be refused on saving.
pub fn editing_ui<R>(ui: &mut egui::Ui, doc: &super::Document, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    match doc.store.read_only() {
        None => add(ui),
        Some(reason) => {
            let response = ui.add_enabled_ui(false, add);
            response.response.on_disabled_hover_text(format!("只读：{}", reason.message()));
            response.inner
        }
    }
}

/// 导出 Excel…: the lists `sheets` (or, with `None`, all of the unit's) as a workbook.
pub fn export_workbook_ui(ui: &mut egui::Ui, sheets: Option<&'static [&'static str]>) -> Option<super::Command> {
    let hint = match sheets {
        Some(names) => format!("导出为 Excel 工作簿（工作表：{}）", names.join("、")),
        None => "全部名单导出为一个 Excel 工作簿，每份名单一个工作表".to_owned(),
    };
    ui.button("导出 Excel…")
        .on_hover_text(hint)
        .clicked()
        .then_some(super::Command::Pick(super::command::FilePurpose::Workbook(sheets)))
}

/// 从 Excel 导入…: pick a workbook to import (disabled in a read-only file).
pub fn import_workbook_ui(ui: &mut egui::Ui, doc: &super::Document) -> Option<super::Command> {
    editing_ui(ui, doc, |ui| ui.button("从 Excel 导入…").on_hover_text("读取 .xlsx、.xls 或 .ods，先预览每一行再确认"))
        .clicked()
        .then_some(super::Command::Pick(super::command::FilePurpose::ImportWorkbook))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every level colour of every scheme carries its name at a contrast of 4.5:1 or more.
    #[test]
    fn badges_are_readable_on_every_level_colour() {
        for s in Scheme::presets().unwrap() {
            for grade in [Some(1), Some(2), Some(3), None] {
                let bg = s.level_rgb(grade);
                let fg = text_on(bg);
                let (a, b) = (relative_luminance(bg), relative_luminance([fg.r(), fg.g(), fg.b()]));
                let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
                assert!(ratio >= 4.5, "{} {grade:?}: {ratio:.2}", s.name);
            }
        }
    }
}
