//! The preview of an import, shared by the paste window and 从 Excel 导入: the counts, and one
//! sheet's rows with their cells and what will happen to each (新增, 更新, 无变化, 跳过 and why)
//! in a table that lays out only the rows in view (10,000 rows scroll as easily as 10).

use egui_extras::{Column, TableBuilder};

use crate::domain::import::{ImportPlan, Outcome};
use crate::ui::widgets::{OK, WARN};

/// Counts, a choice of sheet when there are several (`shown`, an index into `plan.sheets`),
/// and that sheet's rows; `headers` are the sheets' column titles, in `plan.sheets` order.
pub fn preview_ui(ui: &mut egui::Ui, plan: &ImportPlan, headers: &[Vec<String>], shown: &mut usize) {
    let total: usize = plan.sheets.iter().map(|s| s.rows.len()).sum();
    if total == 0 {
        ui.weak("（没有可导入的行）");
        return;
    }
    ui.label(format!("共 {total} 行：{}", plan.summary()));
    if plan.sheets.len() > 1 {
        ui.horizontal_wrapped(|ui| {
            ui.label("查看：");
            for (i, sheet) in plan.sheets.iter().enumerate() {
                let skipped = sheet.rows.iter().filter(|r| matches!(r.outcome, Outcome::Skipped(_))).count();
                let text = format!("{}（{} 行，跳过 {skipped}）", sheet.kind.sheet(), sheet.rows.len());
                ui.selectable_value(shown, i, text);
            }
        });
    }
    *shown = (*shown).min(plan.sheets.len().saturating_sub(1));
    let (Some(sheet), header) = (plan.sheets.get(*shown), headers.get(*shown).map_or(&[][..], Vec::as_slice)) else {
        return;
    };
    let columns = header.len().max(sheet.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0));
    let mut table = TableBuilder::new(ui)
        .id_salt(("import_preview", *shown))
        .striped(true)
        .max_scroll_height(240.0)
        .column(Column::exact(44.0));
    for _ in 0..columns {
        table = table.column(Column::initial(110.0).at_least(40.0).clip(true).resizable(true));
    }
    table
        .column(Column::remainder().at_least(200.0).clip(true))
        .header(22.0, |mut h| {
            h.col(|ui| {
                ui.strong("行");
            });
            for c in 0..columns {
                h.col(|ui| {
                    ui.strong(header.get(c).map_or("", |t| t.trim()));
                });
            }
            h.col(|ui| {
                ui.strong("结果");
            });
        })
        .body(|body| {
            body.rows(20.0, sheet.rows.len(), |mut row| {
                let Some(r) = sheet.rows.get(row.index()) else { return };
                row.col(|ui| {
                    ui.label(r.line.to_string());
                });
                for c in 0..columns {
                    row.col(|ui| {
                        ui.label(short(r.cells.get(c).map_or("", String::as_str)));
                    });
                }
                row.col(|ui| {
                    let colour = if matches!(r.outcome, Outcome::Skipped(_)) { WARN } else { OK };
                    ui.colored_label(colour, r.outcome.text());
                });
            });
        });
}

/// A long cell cut for the preview (the import takes it whole).
fn short(cell: &str) -> String {
    const MAX: usize = 40;
    let one_line = cell.replace('\n', " ");
    if one_line.chars().count() <= MAX {
        return one_line;
    }
    let head: String = one_line.chars().take(MAX).collect();
    format!("{head}…")
}
