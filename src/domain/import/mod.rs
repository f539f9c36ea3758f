//! Rows from a spreadsheet — pasted from Excel/WPS, or read from a workbook — matched to our
//! fields by their column headers, checked, and turned into one edit: new rows added, rows the
//! file already has (matched by name within their department) updated, the rest skipped with
//! the reason. The preview shows each row's fate before anything is saved.

mod cells;
mod fields;
mod plan;

use std::collections::BTreeMap;

pub use cells::parse_cell_date;
pub use fields::{Field, ImportKind};
pub use plan::{ImportPlan, ImportRow, Importer, Outcome, SheetPlan, plan_rows};

use super::Content;
use super::model::PostTier;

/// Which field each column of the sheet fills (`None`: not imported).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping(pub Vec<Option<usize>>);

impl Mapping {
    /// The field of column `col`.
    pub fn field(&self, col: usize) -> Option<usize> {
        self.0.get(col).copied().flatten()
    }

    /// Column `col` fills `field` (or nothing); a field is filled from one column only.
    pub fn set(&mut self, col: usize, field: Option<usize>) {
        if col >= self.0.len() {
            self.0.resize(col + 1, None);
        }
        if let Some(f) = field {
            for slot in &mut self.0 {
                if *slot == Some(f) {
                    *slot = None;
                }
            }
        }
        self.0[col] = field;
    }

    /// Whether some column fills `field`.
    pub fn has(&self, field: usize) -> bool {
        self.0.contains(&Some(field))
    }
}

/// A header as it is compared: no spaces (also full-width), no line breaks, no `*` of a
/// required column, no trailing colon.
pub fn normalise_header(h: &str) -> String {
    h.chars().filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊' | '：' | ':')).collect()
}

/// The mapping of a sheet with `headers` as `kind`: the user's earlier choice for a header
/// (remembered in the file), else our title, else a known other name, else a phase word.
pub fn guess_mapping(content: &Content, kind: ImportKind, headers: &[String]) -> Mapping {
    let remembered = content.unit.scheme.import_columns.get(kind.key());
    let mut mapping = Mapping(vec![None; headers.len()]);
    let fields = kind.fields();
    let by_key = |key: &str| fields.iter().position(|f| f.key == key);
    for (col, h) in headers.iter().enumerate() {
        let h = normalise_header(h);
        if h.is_empty() {
            continue;
        }
        let choice = match remembered.and_then(|r| r.get(&h)) {
            Some(key) => by_key(key),
            None => fields::guess(kind, &h),
        };
        if let Some(f) = choice.filter(|f| !mapping.has(*f)) {
            mapping.set(col, Some(f));
        }
    }
    mapping
}

/// How many of `headers` `kind` recognises (to find the header row and the kind of a sheet).
pub fn recognised(kind: ImportKind, headers: &[String]) -> usize {
    let mut seen = Vec::new();
    for h in headers {
        if let Some(f) = fields::guess(kind, &normalise_header(h))
            && !seen.contains(&f)
        {
            seen.push(f);
        }
    }
    seen.len()
}

/// The header row of `rows` (the first of the first 20 that names the most fields of `kind`,
/// at least two) — title rows and blank rows above it are skipped.
pub fn header_row(kind: ImportKind, rows: &[Vec<String>]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().enumerate().take(20) {
        let n = recognised(kind, row);
        if n >= 2 && best.is_none_or(|(_, b)| n > b) {
            best = Some((i, n));
        }
    }
    best.map(|(i, _)| i)
}

/// The kind a sheet most likely holds: its name when it is one of ours (导出 Excel writes
/// them), else the kind that recognises most of its headers.
pub fn guess_kind(sheet_name: &str, rows: &[Vec<String>]) -> Option<ImportKind> {
    if let Some(k) = ImportKind::ALL.into_iter().find(|k| k.sheet() == sheet_name.trim()) {
        return Some(k);
    }
    ImportKind::ALL
        .into_iter()
        .map(|k| (k, rows.iter().take(20).map(|r| recognised(k, r)).max().unwrap_or(0)))
        .filter(|(_, n)| *n >= 2)
        .max_by_key(|(k, n)| (*n, std::cmp::Reverse(k.order())))
        .map(|(k, _)| k)
}

/// The file's remembered header → field choices of `kind`, updated with the user's choices in
/// `mapping` for `headers` where they differ from the program's own guess (an unmapped header
/// as not imported). `None` when that changes nothing.
pub fn remembered_with(
    scheme: &super::Scheme,
    kind: ImportKind,
    headers: &[String],
    mapping: &Mapping,
) -> Option<BTreeMap<String, String>> {
    let mut out = scheme.import_columns.get(kind.key()).cloned().unwrap_or_default();
    let before = out.clone();
    for (col, h) in headers.iter().enumerate() {
        let h = normalise_header(h);
        if h.is_empty() {
            continue;
        }
        // Only what differs from what the program would guess by itself: a header it learns
        // to read later is not held back by an old choice that merely agreed with it.
        let chosen = mapping.field(col);
        if chosen == fields::guess(kind, &h) {
            out.remove(&h);
        } else {
            let key = chosen.and_then(|f| kind.fields().get(f)).map_or("", |f| f.key);
            out.insert(h, key.to_owned());
        }
    }
    (out != before).then_some(out)
}

/// Cells as they are compared and stored: trimmed, also of full-width spaces and no-break spaces.
pub fn clean(cell: &str) -> &str {
    cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{feff}')
}

/// A name as it is matched: no spaces at all (rosters pad two-character names: 王　静), and
/// full-width Latin letters and digits as ASCII.
pub fn clean_name(cell: &str) -> String {
    cell.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').map(half_width).collect()
}

/// Names in one cell: 、，, ；; between them, or spaces — but spaces between single characters
/// pad one name (肖　群), as rosters write two-character names.
pub fn split_names(cell: &str) -> Vec<String> {
    cell.split(['、', '，', ',', '；', ';', '\n'])
        .flat_map(|part| {
            let pieces: Vec<&str> =
                part.split(|c: char| c.is_whitespace() || c == '\u{a0}').filter(|p| !p.is_empty()).collect();
            if pieces.len() > 1 && pieces.iter().all(|p| p.chars().count() == 1) {
                vec![pieces.concat()]
            } else {
                pieces.into_iter().map(str::to_owned).collect()
            }
        })
        .map(|n| clean_name(&n))
        .filter(|n| !n.is_empty())
        .collect()
}

/// Full-width ASCII letters and digits (ＡＢＣ１２３) as ASCII; every other character as typed.
pub fn half_width(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Splits pasted text into cells: tabs between cells, one row per line, blank lines skipped;
/// each row keeps its 1-based line.
pub fn parse_tsv(text: &str) -> Vec<(usize, Vec<String>)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.split('\t').map(|c| clean(c).to_owned()).collect::<Vec<_>>()))
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .collect()
}

/// The pasted header row: the first row, when it names at least two of our columns.
pub fn paste_header(kind: ImportKind, rows: &[(usize, Vec<String>)]) -> Option<Vec<String>> {
    rows.first().filter(|(_, first)| recognised(kind, first) >= 2).map(|(_, h)| h.clone())
}

/// The preview of pasting `text` as `kind`: the first row is the header when it names our
/// columns (then the columns may come in any order), else the columns are in `paste_columns`
/// order.
pub fn plan_paste(content: &Content, kind: ImportKind, text: &str) -> ImportPlan {
    let mut rows = parse_tsv(text);
    let header = paste_header(kind, &rows);
    let mapping = match &header {
        Some(h) => {
            rows.remove(0);
            guess_mapping(content, kind, h)
        }
        None => {
            Mapping(kind.paste_columns().iter().map(|key| kind.fields().iter().position(|f| f.key == *key)).collect())
        }
    };
    plan_rows(content, kind, &mapping, rows, header.as_deref())
}

/// 领导/中层/一般, or the scheme's own tier names.
pub fn parse_tier(cell: &str, tier_names: &[String]) -> Option<PostTier> {
    let c = clean_name(cell);
    if let Some(i) = tier_names.iter().position(|n| clean_name(n) == c) {
        return PostTier::ALL.get(i).copied();
    }
    match c.as_str() {
        "" | "一般" | "一般岗位" | "重要岗位" | "一般（重要）岗位" => Some(PostTier::General),
        "领导" | "领导岗位" => Some(PostTier::Leader),
        "中层" | "中层岗位" | "中层干部" => Some(PostTier::Middle),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
