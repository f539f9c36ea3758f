//! The window: one file per tab in `tabs/`, commands returned by views and applied by the app.

mod about;
mod app;
mod command;
mod completion;
mod dialogs;
mod document;
mod form;
mod import_preview;
mod print_job;
mod start;
pub mod tabs;
mod widgets;
mod workbook_import;

use std::path::PathBuf;

pub use app::{App, Persisted};
pub use command::Command;
pub use document::Document;
pub use tabs::Tab;

/// Where the default database lives: `$LIANFANG_DATA_DIR`, else the user's data directory.
pub fn data_dir() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("LIANFANG_DATA_DIR") {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("cn", "lianfang", "lianfang")
        .map(|d| d.data_dir().to_owned())
        .ok_or_else(|| "找不到用户数据目录（HOME 未设置）".to_owned())
}

/// The window's icon (the desktop menu's icon comes from assets/icons through the package).
static ICON: &[u8] = include_bytes!("../../assets/icons/hicolor/256x256/apps/lianfang.png");

/// Opens the window on `file`, or on the file open when the program was last closed, or on
/// the start page.
pub fn run(file: Option<PathBuf>) -> Result<(), String> {
    if let Some(p) = file.as_ref().filter(|p| !p.exists()) {
        return Err(format!("找不到文件：{}（要运行命令请先查看 lianfang --help）", p.display()));
    }
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(app::TITLE)
        .with_inner_size([1360.0, 840.0])
        .with_min_inner_size([900.0, 600.0]);
    match eframe::icon_data::from_png_bytes(ICON) {
        Ok(icon) => viewport = viewport.with_icon(std::sync::Arc::new(icon)),
        Err(e) => eprintln!("窗口图标无法读取（不影响使用）：{e}"),
    }
    let options = eframe::NativeOptions { viewport, renderer: eframe::Renderer::Glow, ..Default::default() };
    eframe::run_native(
        app::TITLE,
        options,
        Box::new(move |cc| {
            crate::fonts::install_egui_fonts(&cc.egui_ctx);
            // Follow the system's light or dark; where it says nothing, light (offices print
            // on white and work in light WPS/Word).
            cc.egui_ctx.options_mut(|o| {
                o.theme_preference = egui::ThemePreference::System;
                o.fallback_theme = egui::Theme::Light;
            });
            let persisted = cc.storage.and_then(|s| eframe::get_value(s, eframe::APP_KEY)).unwrap_or_default();
            Ok(Box::new(App::new(persisted, file, true)))
        }),
    )
    .map_err(|e| format!("无法打开窗口（没有可用的图形显示环境？）：{e}"))
}
