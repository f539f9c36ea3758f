//! Tables → an .xlsx workbook (rust_xlsxwriter): Chinese headers, widths from the content,
//! wrapped text, frozen header row, autofilter, the level's colour on the level cell, dates as
//! real dates shown 2026年3月31日.

use rust_xlsxwriter::{Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::domain::levels::{Rgb, ink_on};
use crate::domain::lists::{Cell, Table};

/// Excel's limit on the characters of one cell.
const CELL_LIMIT: usize = 32_767;
/// Column widths in characters (a hanzi counts two): at least, at most.
const MIN_WIDTH: f64 = 6.0;
const MAX_WIDTH: f64 = 60.0;
/// Points per line of 11-point text (CJK fonts are a little taller than Latin ones).
const LINE_HEIGHT: f64 = 15.6;
/// Excel's highest row.
const MAX_ROW_HEIGHT: f64 = 409.0;
/// Rows measured for a column's width.
const SAMPLED_ROWS: usize = 2_000;

/// Writes `tables` as one workbook, a sheet each; `level_rgb` gives a level's colour.
pub fn workbook_bytes(
    tables: &[Table],
    title: &str,
    author: &str,
    level_rgb: impl Fn(u8) -> Rgb,
) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new().set_title(title).set_author(author).set_comment(crate::about::producer()),
    );
    for table in tables {
        let sheet = book.add_worksheet();
        write_sheet(sheet, table, &level_rgb).map_err(|e| sheet_error(table, &e))?;
    }
    book.save_to_buffer().map_err(|e| format!("未能生成 Excel 文件：{e}"))
}

fn sheet_error(table: &Table, e: &XlsxError) -> String {
    match e {
        XlsxError::MaxStringLengthExceeded => {
            format!("工作表“{}”中有单元格超过 Excel 每格 {CELL_LIMIT} 字的上限，无法导出", table.name)
        }
        other => format!("未能写出工作表“{}”：{other}", table.name),
    }
}

struct Formats {
    header: Format,
    text: Format,
    date: Format,
    count: Format,
}

impl Formats {
    fn new() -> Self {
        let base = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::Top).set_text_wrap();
        Self {
            header: base
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0x00E8_EAED))
                .set_align(FormatAlign::Center),
            date: base.clone().set_num_format("yyyy\"年\"m\"月\"d\"日\""),
            count: base.clone().set_align(FormatAlign::Center),
            text: base,
        }
    }

    fn level(&self, rgb: Rgb) -> Format {
        let hex = |c: Rgb| (u32::from(c[0]) << 16) | (u32::from(c[1]) << 8) | u32::from(c[2]);
        self.count
            .clone()
            .set_background_color(Color::RGB(hex(rgb)))
            .set_font_color(Color::RGB(hex(ink_on(rgb))))
            .set_bold()
    }
}

fn write_sheet(sheet: &mut Worksheet, table: &Table, level_rgb: &impl Fn(u8) -> Rgb) -> Result<(), XlsxError> {
    sheet.set_name(&table.name)?;
    let f = Formats::new();
    let widths: Vec<f64> = (0..table.columns.len()).map(|col| width(table, col)).collect();
    for (col, title) in table.columns.iter().enumerate() {
        sheet.write_string_with_format(0, to_col(col), title, &f.header)?;
        sheet.set_column_width(to_col(col), widths[col])?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        // Wrapped text needs a taller row: Calc and WPS do not grow rows on opening a file.
        let lines = row.iter().zip(&widths).map(|(cell, w)| lines_in(cell, *w)).max().unwrap_or(1);
        if lines > 1 {
            sheet.set_row_height(r, (LINE_HEIGHT * f64::from(lines)).min(MAX_ROW_HEIGHT))?;
        }
        for (col, cell) in row.iter().enumerate() {
            let col = to_col(col);
            match cell {
                Cell::Text(t) => sheet.write_string_with_format(r, col, t, &f.text)?,
                Cell::Date(d) => sheet.write_datetime_with_format(r, col, d, &f.date)?,
                #[expect(clippy::cast_precision_loss, reason = "counts and years are far below 2^52")]
                Cell::Count(n) => sheet.write_number_with_format(r, col, *n as f64, &f.count)?,
                Cell::Level { grade, name } => {
                    sheet.write_string_with_format(r, col, name, &f.level(level_rgb(*grade)))?
                }
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(table.rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
    let last_col = to_col(table.columns.len().saturating_sub(1));
    sheet.autofilter(0, 0, last_row, last_col)?;
    Ok(())
}

fn to_col(col: usize) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}

/// A column's width in characters: its widest line over the header and the sampled rows (a
/// hanzi two), a little room, within `MIN_WIDTH`..`MAX_WIDTH` (longer text wraps).
fn width(table: &Table, col: usize) -> f64 {
    let cell_width = |c: &Cell| match c {
        Cell::Date(_) => 16,
        other => other.text().lines().map(display_width).max().unwrap_or(0),
    };
    let header = table.columns.get(col).map_or(0, |h| display_width(h));
    let widest = table.rows.iter().take(SAMPLED_ROWS).filter_map(|r| r.get(col)).map(cell_width).max().unwrap_or(0);
    (f64::from(u32::try_from(header.max(widest)).unwrap_or(u32::MAX)) + 2.0).clamp(MIN_WIDTH, MAX_WIDTH)
}

/// Lines a cell takes in a column `width` characters wide (its own line breaks, and wrapping).
fn lines_in(cell: &Cell, width: f64) -> u32 {
    let Cell::Text(t) = cell else { return 1 };
    #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "widths are 6 to 60")]
    let room = (width - 1.0).max(1.0) as usize;
    let lines: usize = t.lines().map(|l| display_width(l).div_ceil(room).max(1)).sum();
    u32::try_from(lines.max(1)).unwrap_or(u32::MAX)
}

/// Width in Excel's character units: East Asian wide characters count two.
fn display_width(s: &str) -> usize {
    s.chars().map(|c| if u32::from(c) >= 0x1100 { 2 } else { 1 }).sum()
}
