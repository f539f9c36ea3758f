//! The paste window: rows copied from Excel/WPS are previewed with what will happen to each,
//! then saved together as one undoable edit.

use crate::domain::import::{ImportKind, ImportPlan, plan_import};
use crate::ui::command::Command;
use crate::ui::document::Document;
use crate::ui::widgets::{OK, WARN};

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
                for k in ImportKind::ALL {
                    ui.selectable_value(&mut self.kind, Some(k), k.label());
                }
            });
            ui.label(format!("在表格中选中这几列后复制，再粘贴到下面：{}", kind.columns().join(" | ")));
            let label = ui.label("粘贴区：");
            ui.add(egui::TextEdit::multiline(&mut self.text).desired_rows(6).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            // The preview follows the text and the kind; it is rebuilt only when they change.
            let key = format!("{kind:?}\u{0}{}", self.text);
            if self.preview.as_ref().is_none_or(|(k, _)| *k != key) {
                self.preview = Some((key, plan_import(&doc.content, kind, &self.text)));
            }
            let Some((_, plan)) = &self.preview else { return };
            preview_ui(ui, kind, plan);
            ui.horizontal(|ui| {
                let n = plan.accepted();
                if ui.add_enabled(n > 0, egui::Button::new(format!("确认导入 {n} 行"))).clicked() {
                    command.push(Command::Edit(plan.edit(format!("粘贴导入{} {n} 行", kind.label()))));
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

fn preview_ui(ui: &mut egui::Ui, kind: ImportKind, plan: &ImportPlan) {
    if plan.rows.is_empty() {
        ui.weak("（尚未粘贴）");
        return;
    }
    let skipped = plan.rows.len() - plan.accepted();
    ui.label(format!("共 {} 行：{} 行将导入，{skipped} 行将跳过", plan.rows.len(), plan.accepted()));
    egui::ScrollArea::both().max_height(320.0).show(ui, |ui| {
        egui::Grid::new("paste_preview").striped(true).show(ui, |ui| {
            ui.strong("行");
            for col in kind.columns() {
                ui.strong(*col);
            }
            ui.strong("结果");
            ui.end_row();
            for row in &plan.rows {
                ui.label(row.line.to_string());
                for i in 0..kind.columns().len() {
                    ui.label(row.cells.get(i).map_or("", String::as_str));
                }
                match &row.error {
                    Some(e) => ui.colored_label(WARN, format!("跳过：{e}")),
                    None if row.note.is_empty() => ui.colored_label(OK, "导入"),
                    None => ui.colored_label(OK, format!("导入；{}", row.note)),
                };
                ui.end_row();
            }
        });
    });
}
