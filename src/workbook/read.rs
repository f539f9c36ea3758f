//! An .xlsx, .xls or .ods workbook (calamine) → sheets of text cells, as the import reads them:
//! formulas as their cached values, a merged range's value in each of its cells, dates as
//! 2026-03-31, whole numbers without “.0”. The file is the user's pick but not trusted: a
//! regular file of bounded size, a bounded number of cells, refusals in Chinese, no panic.

use std::io::{Cursor, Read as _};
use std::path::Path;

use calamine::{Data, Dimensions, Ods, Range, Reader, Sheets, Xls, Xlsb, Xlsx, open_workbook_from_rs};

/// Workbooks larger than this are refused (a list of 100,000 rows is far smaller).
pub const MAX_BYTES: u64 = 200 * 1024 * 1024;
/// What the parts of an .xlsx or .ods may unpack to, together (a workbook of 100,000 rows of
/// long Chinese text unpacks to a few hundred megabytes).
pub const MAX_UNPACKED: u128 = 2 * 1024 * 1024 * 1024;
/// Cells of one sheet (rows × columns of its used range) beyond this are refused.
pub const MAX_CELLS: usize = 20_000_000;

/// One sheet: its name and rows; `first_row` is the 0-based row of `rows[0]` in the sheet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    pub first_row: usize,
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    /// The row as the spreadsheet numbers it (1-based) of `rows[i]`.
    pub fn line(&self, i: usize) -> usize {
        self.first_row + i + 1
    }
}

type Book = Sheets<Cursor<Vec<u8>>>;

/// The first bytes of a zip (.xlsx, .ods, .xlsb).
const ZIP: &[u8] = b"PK\x03\x04";

/// Reads every sheet of the workbook at `path`.
pub fn read_workbook(path: &Path) -> Result<Vec<Sheet>, String> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| format!("无法读取“{shown}”：{}", crate::fsutil::io_reason(&e)))?;
    if !meta.is_file() {
        return Err(format!("“{shown}”不是普通文件"));
    }
    if meta.len() > MAX_BYTES {
        return Err(format!("“{shown}”超过 {} MB，不像是一份名单表格，未读取", MAX_BYTES / 1024 / 1024));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("无法读取“{shown}”：{}", crate::fsutil::io_reason(&e)))?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if bytes.starts_with(ZIP) {
        // Before anything unpacks a part (calamine, or the .ods merged ranges below).
        refuse_zip_bomb(&bytes).map_err(|e| format!("“{shown}”{e}"))?;
    }
    let ods_merges = if is_ods(&bytes) { super::ods::merged_ranges(&bytes) } else { Default::default() };
    let mut book = open(bytes, &ext).map_err(|e| format!("“{shown}”{e}"))?;
    let names = book.sheet_names();
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let range = book.worksheet_range(&name).map_err(|e| format!("“{shown}”的工作表“{name}”{}", reason(&e)))?;
        let merged = match ods_merges.get(&name) {
            Some(m) => m.clone(),
            None => merged_ranges(&mut book, &name),
        };
        sheets.push(sheet(name, &range, &merged)?);
    }
    Ok(sheets)
}

/// Opens the bytes as the format their first bytes say (the extension decides between
/// formats that look alike: .xlsb in a zip, an encrypted .xlsx in an OLE container).
fn open(bytes: Vec<u8>, ext: &str) -> Result<Book, String> {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let is_ods = is_ods(&bytes);
    let cursor = Cursor::new(bytes);
    let book = if cursor.get_ref().starts_with(ZIP) {
        if is_ods {
            Sheets::Ods(open_workbook_from_rs::<Ods<_>, _>(cursor).map_err(|e| reason(&e.into()))?)
        } else if ext == "xlsb" {
            Sheets::Xlsb(open_workbook_from_rs::<Xlsb<_>, _>(cursor).map_err(|e| reason(&e.into()))?)
        } else {
            Sheets::Xlsx(open_workbook_from_rs::<Xlsx<_>, _>(cursor).map_err(|e| reason(&e.into()))?)
        }
    } else if cursor.get_ref().starts_with(OLE) {
        if matches!(ext, "xlsx" | "xlsm") {
            Sheets::Xlsx(open_workbook_from_rs::<Xlsx<_>, _>(cursor).map_err(|e| reason(&e.into()))?)
        } else {
            Sheets::Xls(open_workbook_from_rs::<Xls<_>, _>(cursor).map_err(|e| reason(&e.into()))?)
        }
    } else {
        return Err("不是 Excel 或 WPS 表格（.xlsx、.xls、.ods），请在 Excel/WPS 中另存为 .xlsx 后再导入".to_owned());
    };
    Ok(book)
}

/// Refuses a zip whose parts say they unpack to more than `MAX_UNPACKED` (checked before any
/// part is unpacked; a part that unpacks to more than it says is a damaged file to calamine).
fn refuse_zip_bomb(bytes: &[u8]) -> Result<(), String> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // calamine says what is wrong with it
    };
    let declared = match archive.decompressed_size() {
        Some(total) => total,
        None => (0..archive.len()).filter_map(|i| archive.by_index_raw(i).ok().map(|f| u128::from(f.size()))).sum(),
    };
    if declared > MAX_UNPACKED {
        return Err(format!("解压后有 {} MB，远超一份名单表格，未读取", declared / 1024 / 1024));
    }
    Ok(())
}

/// An OpenDocument spreadsheet (its first zip entry is the `mimetype` naming it).
fn is_ods(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP) && bytes.get(30..100).is_some_and(|b| b.windows(11).any(|w| w == b"opendocumen"))
}

/// Why calamine could not read, in words.
fn reason(e: &calamine::Error) -> String {
    let text = e.to_string();
    if text.contains("password") || text.contains("Password") || text.contains("encrypt") {
        "设有打开密码（已加密），无法读取：请在 Excel/WPS 中取消密码后另存，再导入".to_owned()
    } else if text.contains("Zip") || text.contains("zip") {
        "不完整或已损坏（压缩结构有误，可能未复制完整），无法读取".to_owned()
    } else if text.contains("Xml") || text.contains("xml") || text.contains("XML") {
        "内容已损坏（表格的 XML 结构有误），无法读取".to_owned()
    } else {
        "已损坏或不是能读取的表格文件".to_owned()
    }
}

/// The merged ranges of a sheet as calamine reports them (.xlsx and .xls).
fn merged_ranges(book: &mut Book, name: &str) -> Vec<Dimensions> {
    match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xlsb(_) | Sheets::Ods(_) => Vec::new(), // .ods: `ods::merged_ranges`
    }
}

fn sheet(name: String, range: &Range<Data>, merged: &[Dimensions]) -> Result<Sheet, String> {
    let (height, width) = range.get_size();
    if height.saturating_mul(width) > MAX_CELLS {
        return Err(format!("工作表“{name}”有 {height} 行 × {width} 列，超过可导入的大小"));
    }
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    for m in merged {
        spread(&mut rows, m, (row0, col0));
    }
    for row in &mut rows {
        while row.last().is_some_and(String::is_empty) {
            row.pop();
        }
    }
    let first_row = usize::try_from(row0).unwrap_or(0);
    Ok(Sheet { name, first_row, rows })
}

/// Copies a merged range's value (its top-left cell's) into its other cells.
fn spread(rows: &mut [Vec<String>], m: &Dimensions, (row0, col0): (u32, u32)) {
    let at = |r: u32, c: u32| (r.checked_sub(row0).map(|r| r as usize), c.checked_sub(col0).map(|c| c as usize));
    let (Some(r0), Some(c0)) = at(m.start.0, m.start.1) else { return };
    let Some(value) = rows.get(r0).and_then(|r| r.get(c0)).cloned() else { return };
    let (Some(r1), Some(c1)) = at(m.end.0, m.end.1) else { return };
    for row in rows.iter_mut().take(r1 + 1).skip(r0) {
        for c in c0..=c1.min(row.len().saturating_sub(1)) {
            if let Some(cell) = row.get_mut(c)
                && cell.is_empty()
            {
                cell.clone_from(&value);
            }
        }
    }
}

/// A cell as text: numbers as written (12, not 12.0), dates ISO, 是/否.
fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => crate::domain::lists::yes_no(*b).to_owned(),
        Data::DateTime(dt) if dt.is_datetime() => dt.as_datetime().map_or_else(
            || number(dt.as_f64()),
            |t| if t.time() == chrono::NaiveTime::MIN { t.date().to_string() } else { t.to_string() },
        ),
        Data::DateTime(dt) => number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{f:.0}") } else { f.to_string() }
}
