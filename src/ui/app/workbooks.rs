//! The window's Excel workbooks: 导出 Excel (the unit's lists, a tab's lists, the area's
//! figures) and 从 Excel 导入 (the workbook read, then the import window).

use std::path::Path;

use super::{App, Notice};
use crate::ui::workbook_import::WorkbookImport;

impl App {
    /// Writes the unit's lists (those named, or all) to `path`.
    pub(super) fn export_workbook(&mut self, path: &Path, sheets: Option<&[&str]>) {
        let Some(doc) = &self.doc else { return };
        let c = &doc.content;
        let tables = crate::domain::lists::tables(c, &doc.index, sheets);
        let title = format!("{}廉政风险防控数据", c.unit.name);
        let written = crate::workbook::tables_workbook(&tables, &title, &c.unit.name, &c.unit.scheme)
            .and_then(|bytes| crate::fsutil::write_atomically(path, &bytes));
        match written {
            Ok(()) => {
                let sheets: Vec<String> = tables.iter().map(|t| format!("{} {} 行", t.name, t.rows.len())).collect();
                let text = format!("已导出 Excel：{}（{}）", path.display(), sheets.join("，"));
                self.notices.push(Notice::with_file(text, false, path.to_owned()));
            }
            Err(e) => self.error(format!("导出 Excel 失败：{e}")),
        }
    }

    /// Writes the area's per-unit figures to `path`.
    pub(super) fn export_area_workbook(&mut self, path: &Path) {
        match self.views.consolidation.area_workbook().and_then(|bytes| crate::fsutil::write_atomically(path, &bytes)) {
            Ok(()) => {
                let text = format!("已导出各单位情况：{}", path.display());
                self.notices.push(Notice::with_file(text, false, path.to_owned()));
            }
            Err(e) => self.error(format!("导出 Excel 失败：{e}")),
        }
    }

    /// Reads the workbook at `path` and opens the import window on it.
    pub(super) fn read_workbook(&mut self, path: &Path) {
        let Some(doc) = &self.doc else { return };
        match crate::workbook::read_workbook(path) {
            Ok(sheets) if sheets.iter().all(|s| s.rows.is_empty()) => {
                self.error(format!("“{}”中没有内容", path.display()))
            }
            Ok(sheets) => self.workbook_import = Some(WorkbookImport::new(path.to_owned(), sheets, doc)),
            Err(e) => self.error(format!("无法导入：{e}")),
        }
    }

    /// Draws the import window while it is open; returns what it asks for.
    pub(super) fn workbook_import_ui(&mut self, ctx: &egui::Context) -> Vec<crate::ui::Command> {
        let (Some(window), Some(doc)) = (&mut self.workbook_import, &self.doc) else {
            self.workbook_import = None;
            return Vec::new();
        };
        let (commands, open) = window.ui(ctx, doc);
        if !open {
            self.workbook_import = None;
        }
        commands
    }
}
