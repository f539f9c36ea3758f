//! The preview of an import, shared by the paste window and 从 Excel 导入: per sheet, each row
//! with its cells and what will happen to it (新增, 更新, 无变化, 跳过 and why).

use crate::domain::import::{ImportPlan, Outcome};
use crate::ui::widgets::{OK, WARN};

/// At most this many rows of a sheet are drawn (the counts cover all of them).
const SHOWN_ROWS: usize = 500;

/// The counts and the rows; `headers` are the sheets' column titles, in `plan.sheets` order.
pub fn preview_ui(ui: &mut egui::Ui, plan: &ImportPlan, headers: &[Vec<String>]) {
    let total: usize = plan.sheets.iter().map(|s| s.rows.len()).sum();
    if total == 0 {
        ui.weak("（没有可导入的行）");
        return;
    }
    ui.label(format!("共 {total} 行：{}", plan.summary()));
    egui::ScrollArea::both().id_salt("import_preview").max_height(360.0).auto_shrink([false, true]).show(ui, |ui| {
        for (i, sheet) in plan.sheets.iter().enumerate() {
            if plan.sheets.len() > 1 {
                ui.strong(format!("{}（{} 行）", sheet.kind.sheet(), sheet.rows.len()));
            }
            let header = headers.get(i).map_or(&[][..], Vec::as_slice);
            egui::Grid::new(("import_preview", i)).striped(true).show(ui, |ui| {
                ui.strong("行");
                for col in header {
                    ui.strong(col);
                }
                ui.strong("结果");
                ui.end_row();
                for row in sheet.rows.iter().take(SHOWN_ROWS) {
                    ui.label(row.line.to_string());
                    for c in 0..header.len().max(row.cells.len()) {
                        ui.label(short(row.cells.get(c).map_or("", String::as_str)));
                    }
                    let colour = if matches!(row.outcome, Outcome::Skipped(_)) { WARN } else { OK };
                    ui.colored_label(colour, row.outcome.text());
                    ui.end_row();
                }
            });
            if sheet.rows.len() > SHOWN_ROWS {
                ui.weak(format!("……另有 {} 行未列出", sheet.rows.len() - SHOWN_ROWS));
            }
        }
    });
}

/// A long cell cut for the preview (the import takes it whole).
fn short(cell: &str) -> String {
    const MAX: usize = 40;
    if cell.chars().count() <= MAX {
        return cell.replace('\n', " ");
    }
    let head: String = cell.chars().take(MAX).collect();
    format!("{}…", head.replace('\n', " "))
}
