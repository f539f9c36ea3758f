//! The paste window: rows copied from Excel/WPS are previewed with what will happen to each,
//! then saved together as one undoable edit.

use crate::domain::import::{ImportKind, ImportPlan, parse_tsv, paste_header, plan_paste};
use crate::ui::command::Command;
use crate::ui::document::Document;
use crate::ui::import_preview::preview_ui;

#[derive(Default)]
pub struct PasteWindow {
    kind: Option<ImportKind>,
    text: String,
    preview: Option<(String, ImportPlan)>,
}

impl PasteWindow {
    /// Draws the window; returns the import to apply, and whether the window stays open.
    pub fn ui(&mut self, ctx: &egui::Context, doc: &Document) -> (Vec<Command>, bool) {
        let mut open = true;
        let mut command = Vec::new();
        let kind = *self.kind.get_or_insert(ImportKind::Posts);
        egui::Window::new("从 Excel/WPS 粘贴").default_width(900.0).collapsible(false).show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("录入：");
                for k in ImportKind::PASTE {
                    ui.selectable_value(&mut self.kind, Some(k), k.label());
                }
            });
            let titles = kind.paste_titles();
            ui.label(format!(
                "在表格中选中这几列后复制，再粘贴到下面（带表头行时列的次序不限）：{}",
                titles.join(" | ")
            ));
            let label = ui.label("粘贴区：");
            ui.add(egui::TextEdit::multiline(&mut self.text).desired_rows(6).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            // The preview follows the text and the kind; it is rebuilt only when they change.
            let key = format!("{kind:?}\u{0}{}", self.text);
            if self.preview.as_ref().is_none_or(|(k, _)| *k != key) {
                self.preview = Some((key, plan_paste(&doc.content, kind, &self.text)));
            }
            let Some((_, plan)) = &self.preview else { return };
            if self.text.trim().is_empty() {
                ui.weak("（尚未粘贴）");
            } else {
                let header = paste_header(kind, &parse_tsv(&self.text))
                    .unwrap_or_else(|| titles.iter().map(|t| (*t).to_owned()).collect());
                preview_ui(ui, plan, &[header], &mut 0);
            }
            ui.horizontal(|ui| {
                let n = plan.accepted();
                if ui.add_enabled(n > 0, egui::Button::new(format!("确认导入 {n} 行"))).clicked() {
                    let label = format!("粘贴导入{} {n} 行", kind.label());
                    command.push(Command::Edit(plan.edit(label, None)));
                    open = false;
                }
                if ui.button("取消").clicked() {
                    open = false;
                }
            });
        });
        (command, open)
    }
}
