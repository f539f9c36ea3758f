//! 从 Excel 导入: a workbook's sheets, what each is read as (guessed from its name and
//! headers), its header row and which column fills which field — all correctable — and the
//! preview of every row. 确认导入 saves everything as one undoable edit that also remembers the
//! column choices in the file.

use std::path::PathBuf;

use super::command::Command;
use super::document::Document;
use super::form::choice_combo_ui;
use super::import_preview::preview_ui;
use crate::domain::import::{ImportKind, ImportPlan};
use crate::workbook::{Sheet, SheetChoice, choice_as, guess_choice, plan, remember};

pub struct WorkbookImport {
    path: PathBuf,
    sheets: Vec<Sheet>,
    choices: Vec<SheetChoice>,
    /// The sheet whose columns are shown.
    selected: usize,
    /// The previewed sheet whose rows are listed (index into the plan's sheets).
    shown: usize,
    /// Bumped by every change of a choice; the preview is rebuilt when it or the file changes.
    generation: u64,
    preview: Option<Preview>,
}

struct Preview {
    built_for: (u64, u64),
    plan: ImportPlan,
    /// The header rows of the previewed sheets, in the plan's order.
    headers: Vec<Vec<String>>,
}

impl WorkbookImport {
    pub fn new(path: PathBuf, sheets: Vec<Sheet>, doc: &Document) -> Self {
        let choices: Vec<SheetChoice> = sheets.iter().map(|s| guess_choice(&doc.content, s)).collect();
        let selected = choices.iter().position(|c| c.kind.is_some()).unwrap_or(0);
        Self { path, sheets, choices, selected, shown: 0, generation: 0, preview: None }
    }

    /// Draws the window; returns the edit to commit, and whether the window stays open.
    pub fn ui(&mut self, ctx: &egui::Context, doc: &Document) -> (Vec<Command>, bool) {
        let mut out = Vec::new();
        let mut open = true;
        let file = self.path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        egui::Window::new("从 Excel/WPS 导入").default_width(980.0).default_pos([24.0, 56.0]).collapsible(false).show(
            ctx,
            |ui| {
                ui.label(format!("文件：{file}"));
                self.sheets_ui(ui, doc);
                ui.separator();
                self.columns_ui(ui);
                ui.separator();
                self.refresh_preview(doc);
                let Some(preview) = &self.preview else { return };
                preview_ui(ui, &preview.plan, &preview.headers, &mut self.shown);
                ui.horizontal(|ui| {
                    let n = preview.plan.accepted();
                    let read_only = doc.store.read_only().is_some();
                    let confirm = ui
                        .add_enabled(n > 0 && !read_only, egui::Button::new(format!("确认导入 {n} 行")))
                        .on_hover_text("全部作为一次修改保存，可用“撤销”整体撤回");
                    if confirm.clicked() {
                        let label = format!("从 Excel 导入 {file}（{}）", preview.plan.summary());
                        let remembered = remember(&doc.content, &self.sheets, &self.choices);
                        out.push(Command::Edit(preview.plan.edit(label, remembered)));
                        open = false;
                    }
                    if ui.button("取消").clicked() {
                        open = false;
                    }
                    if read_only {
                        ui.weak("文件只读，不能导入");
                    }
                });
            },
        );
        (out, open)
    }

    /// Each sheet: what it is read as, and its header row.
    fn sheets_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        let mut kinds: Vec<(Option<ImportKind>, &str)> = vec![(None, "不导入")];
        kinds.extend(ImportKind::ALL.iter().map(|k| (Some(*k), k.label())));
        // Bounded heights above the preview, so that its rows are always in view.
        egui::ScrollArea::vertical().id_salt("workbook_sheets").max_height(120.0).show(ui, |ui| {
            egui::Grid::new("workbook_sheets").striped(true).show(ui, |ui| {
                for (i, sheet) in self.sheets.iter().enumerate() {
                    if ui
                        .selectable_label(
                            self.selected == i,
                            format!("工作表“{}”（{} 行）", sheet.name, sheet.rows.len()),
                        )
                        .clicked()
                    {
                        self.selected = i;
                    }
                    let choice = &mut self.choices[i];
                    let mut kind = choice.kind;
                    if choice_combo_ui(ui, "导入为：", ("sheet_kind", i), &mut kind, &kinds) {
                        *choice = match kind {
                            Some(k) => choice_as(&doc.content, sheet, k),
                            None => SheetChoice { kind: None, ..choice.clone() },
                        };
                        self.selected = i;
                        self.generation += 1;
                    }
                    let label = ui.label("表头在第");
                    let mut line = sheet.line(choice.header);
                    let last = sheet.line(sheet.rows.len().saturating_sub(1));
                    let changed = ui
                        .add_enabled(
                            choice.kind.is_some(),
                            egui::DragValue::new(&mut line).range(sheet.first_row + 1..=last),
                        )
                        .labelled_by(label.id)
                        .changed();
                    ui.label("行");
                    if changed && let Some(k) = choice.kind {
                        let header = line.saturating_sub(sheet.first_row + 1);
                        let headers = sheet.rows.get(header).map_or(&[][..], Vec::as_slice);
                        *choice = SheetChoice {
                            kind: Some(k),
                            header,
                            mapping: crate::domain::import::guess_mapping(&doc.content, k, headers),
                        };
                        self.generation += 1;
                    }
                    ui.end_row();
                }
            });
        });
    }

    /// The selected sheet's columns and the field each fills.
    fn columns_ui(&mut self, ui: &mut egui::Ui) {
        let (Some(sheet), Some(choice)) = (self.sheets.get(self.selected), self.choices.get_mut(self.selected)) else {
            return;
        };
        let Some(kind) = choice.kind else {
            ui.weak(format!("工作表“{}”不导入", sheet.name));
            return;
        };
        ui.label(format!("工作表“{}”各列导入到（改过的选择会记在本文件中，下次自动套用）：", sheet.name));
        let mut fields: Vec<(Option<usize>, &str)> = vec![(None, "不导入")];
        fields.extend(kind.fields().iter().enumerate().map(|(i, f)| (Some(i), f.title)));
        let headers = choice.headers(sheet).to_vec();
        let mut changed = None;
        egui::ScrollArea::both().id_salt("workbook_columns").max_height(130.0).show(ui, |ui| {
            egui::Grid::new(("workbook_columns", self.selected)).show(ui, |ui| {
                for (col, header) in headers.iter().enumerate().filter(|(_, h)| !h.trim().is_empty()) {
                    let mut field = choice.mapping.field(col);
                    let label = format!("列“{}”：", header.trim());
                    if choice_combo_ui(ui, &label, ("column", self.selected, col), &mut field, &fields) {
                        changed = Some((col, field));
                    }
                    if (col + 1) % 4 == 0 {
                        ui.end_row();
                    }
                }
            });
        });
        if let Some((col, field)) = changed {
            choice.mapping.set(col, field);
            self.generation += 1;
        }
        let missing: Vec<&str> = kind
            .required()
            .iter()
            .filter(|k| !kind.fields().iter().position(|f| f.key == **k).is_some_and(|f| choice.mapping.has(f)))
            .filter_map(|k| kind.fields().iter().find(|f| f.key == *k).map(|f| f.title))
            .collect();
        if !missing.is_empty() {
            ui.colored_label(super::widgets::WARN, format!("还没有哪一列导入到：{}", missing.join("、")));
        }
    }

    /// Builds the preview for the current choices and file revision, when they changed.
    fn refresh_preview(&mut self, doc: &Document) {
        let key = (doc.revision, self.generation);
        if self.preview.as_ref().is_none_or(|p| p.built_for != key) {
            let (plan, order) = plan(&doc.content, &self.sheets, &self.choices);
            let headers = order.iter().map(|i| self.choices[*i].headers(&self.sheets[*i]).to_vec()).collect();
            self.preview = Some(Preview { built_for: key, plan, headers });
        }
    }
}
