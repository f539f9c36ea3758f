//! Driving the window headless with egui_kittest.

use std::path::Path;

use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
use lianfang::ui::App;

/// The app on `path`, with the CJK fonts installed (a missing glyph panics).
pub fn harness(path: &Path) -> Harness<'static, App> {
    harness_for(App::for_file(path))
}

/// A window on `app` (e.g. one started as the program starts, without a file).
pub fn harness_for(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        // A worker thread (the backup opening starts, a print) wakes the window when it ends,
        // at whatever step that falls on: `run` may need a few more steps than egui's default
        // 4 to settle (seen once under a full test run: 6). A window that never settles still fails.
        .with_max_steps(12)
        .with_context_setup(lianfang::fonts::install_egui_fonts)
        .build_ui_state(|ui, app: &mut App| app.ui_root(ui), app)
}

/// Runs frames until `done` holds (a worker thread finishing), at most about a minute.
pub fn wait_until(h: &mut Harness<'_, App>, mut done: impl FnMut(&Harness<'_, App>) -> bool) -> bool {
    for _ in 0..3000 {
        // One frame at a time: while work runs on a thread the UI keeps asking for frames, and
        // `run` (which waits for it to settle) gives up when that takes long on a busy machine.
        h.step();
        if done(h) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}

pub fn click(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// Clicks the button labelled `label` (other widgets may show the same text).
pub fn click_button(h: &mut Harness<'_, App>, label: &str) {
    // As a user would, scroll it into view first (it may sit below the fold of a panel).
    h.get_by_role_and_label(Role::Button, label).scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, label).click();
    h.run();
}

/// Whether some widget shows `text`: in its label, or as the value of a text field.
pub fn shows(h: &Harness<'_, App>, text: &str) -> bool {
    let by = By::new()
        .include_labels()
        .predicate(move |n| n.label().is_some_and(|l| l.contains(text)) || n.value().is_some_and(|v| v.contains(text)));
    h.query_all(by).next().is_some()
}

/// The one- or multi-line text field labelled `label`.
fn text_field<'h>(h: &'h Harness<'_, App>, label: &'h str) -> egui_kittest::Node<'h> {
    let by = By::new().label(label).predicate(|n| matches!(n.role(), Role::TextInput | Role::MultilineTextInput));
    h.get(by)
}

/// Focuses the text field labelled `label` and types `text` (replacing what was there).
pub fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    text_field(h, label).scroll_to_me();
    h.run();
    text_field(h, label).click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    text_field(h, label).type_text(text);
    h.run();
}

/// Opens the combo box labelled `combo` and chooses `option` (scrolled into view first).
pub fn pick(h: &mut Harness<'_, App>, combo: &str, option: &str) {
    h.get_by_role_and_label(Role::ComboBox, combo).click();
    h.run();
    h.get_by_role_and_label(Role::Button, option).scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, option).click();
    h.run();
}

/// 上级汇总 → 打开或新建汇总文件… → `office`/全区汇总.db, as a person does it.
pub fn open_area(h: &mut Harness<'_, App>, office: &Path) {
    click(h, "上级汇总");
    click_button(h, "打开或新建汇总文件…");
    type_into(h, "文件夹：", &office.to_string_lossy());
    type_into(h, "文件名：", "全区汇总.db");
    click_button(h, "确定");
}
