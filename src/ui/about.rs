//! 帮助 → 关于: the program, its version and build (as `lianfang --version` says), where its
//! data lives and the licences of what it carries.

use std::path::Path;

use crate::about;

/// The 关于 window while `open`; its 关闭 button clears `open`. (No title-bar ×: egui names
/// it "Close window" for screen readers, and every control here has a Chinese name.)
pub fn about_ui(ctx: &egui::Context, open: &mut bool, data_dir: Option<&Path>) {
    if !*open {
        return;
    }
    let mut close = false;
    egui::Window::new(format!("关于{}", about::PROGRAM_NAME)).collapsible(false).resizable(false).show(ctx, |ui| {
        ui.heading(format!("{}（{}）", about::PROGRAM_NAME, about::SHORT_NAME));
        egui::Grid::new("about_facts").num_columns(2).show(ui, |ui| {
            for (name, value) in about::facts() {
                ui.label(format!("{name}："));
                ui.label(value);
                ui.end_row();
            }
            ui.label("数据文件夹：");
            ui.label(data_dir.map_or_else(|| "（未找到）".to_owned(), |d| d.display().to_string()));
            ui.end_row();
        });
        ui.separator();
        ui.label("随程序提供的字体：思源宋体、思源黑体（Noto Serif/Sans CJK SC），SIL 开放字体许可证 1.1。");
        ui.label("笔画数据：Unicode Unihan 数据库，Unicode 许可证。");
        ui.label("程序：MIT 或 Apache-2.0 许可证。");
        close = ui.button("关闭").clicked();
    });
    if close {
        *open = false;
    }
}
