//! Excel/WPS workbooks in and out. Out: the unit's lists (`domain::lists`), one sheet each.
//! In: every sheet read as text (`read`), its kind, header row and columns guessed from the
//! headers (`domain::import`), corrected by the user, previewed row by row, saved as one edit
//! that also remembers the user's column choices in the file.

mod ods;
mod read;
mod write;

use crate::domain::change::Change;
use crate::domain::import::{
    ImportKind, ImportPlan, Importer, Mapping, guess_kind, guess_mapping, header_row, remembered_with,
};
use crate::domain::lists::{Table, unit_tables};
use crate::domain::{Content, Scheme};

pub use read::{MAX_BYTES, MAX_CELLS, Sheet, read_workbook};
pub use write::workbook_bytes;

/// The unit's lists as an .xlsx workbook.
pub fn unit_workbook(c: &Content) -> Result<Vec<u8>, String> {
    tables_workbook(&unit_tables(c), &format!("{}廉政风险防控数据", c.unit.name), &c.unit.name, &c.unit.scheme)
}

/// `tables` as an .xlsx workbook, levels coloured as `scheme` colours them.
pub fn tables_workbook(tables: &[Table], title: &str, author: &str, scheme: &Scheme) -> Result<Vec<u8>, String> {
    workbook_bytes(tables, title, author, |g| scheme.level_rgb(Some(g)))
}

/// How one sheet is to be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetChoice {
    /// What it holds; `None`: not imported.
    pub kind: Option<ImportKind>,
    /// Index in the sheet's rows of its header row.
    pub header: usize,
    pub mapping: Mapping,
}

impl SheetChoice {
    /// The header row's cells.
    pub fn headers<'s>(&self, sheet: &'s Sheet) -> &'s [String] {
        sheet.rows.get(self.header).map_or(&[], Vec::as_slice)
    }
}

/// The guessed choice for `sheet`: its kind, the header row, the columns.
pub fn guess_choice(c: &Content, sheet: &Sheet) -> SheetChoice {
    let kind = guess_kind(&sheet.name, &sheet.rows);
    match kind {
        Some(k) => choice_as(c, sheet, k),
        None => SheetChoice { kind: None, header: 0, mapping: Mapping::default() },
    }
}

/// The choice for `sheet` read as `kind`.
pub fn choice_as(c: &Content, sheet: &Sheet, kind: ImportKind) -> SheetChoice {
    let header = header_row(kind, &sheet.rows).unwrap_or(0);
    let headers = sheet.rows.get(header).map_or(&[][..], Vec::as_slice);
    SheetChoice { kind: Some(kind), header, mapping: guess_mapping(c, kind, headers) }
}

/// The preview of importing `sheets` as `choices` say, in the order references need (部门
/// before 岗位 before 风险点 …), so that a whole exported workbook imports in one go.
pub fn plan(c: &Content, sheets: &[Sheet], choices: &[SheetChoice]) -> (ImportPlan, Vec<usize>) {
    let mut order: Vec<usize> = (0..sheets.len().min(choices.len())).filter(|i| choices[*i].kind.is_some()).collect();
    order.sort_by_key(|i| (choices[*i].kind.map(ImportKind::order), *i));
    let mut importer = Importer::new(c);
    for &i in &order {
        let (sheet, choice) = (&sheets[i], &choices[i]);
        let Some(kind) = choice.kind else { continue };
        let rows = sheet
            .rows
            .iter()
            .enumerate()
            .skip(choice.header + 1)
            .filter(|(_, r)| r.iter().any(|c| !crate::domain::import::clean(c).is_empty()))
            .map(|(n, r)| (sheet.line(n), r.clone()))
            .collect();
        importer.sheet(kind, &choice.mapping, rows, Some(choice.headers(sheet)));
    }
    (importer.finish(), order)
}

/// The unit saved with the column choices of `choices` remembered, when they add anything.
pub fn remember(c: &Content, sheets: &[Sheet], choices: &[SheetChoice]) -> Option<Change> {
    let mut unit = c.unit.clone();
    let mut changed = false;
    for (sheet, choice) in sheets.iter().zip(choices) {
        let Some(kind) = choice.kind else { continue };
        if let Some(map) = remembered_with(&unit.scheme, kind, choice.headers(sheet), &choice.mapping) {
            unit.scheme.import_columns.insert(kind.key().to_owned(), map);
            changed = true;
        }
    }
    changed.then(|| {
        unit.stamp.touch();
        Change::save(unit)
    })
}
