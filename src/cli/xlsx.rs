//! `lianfang xlsx-export` and `lianfang xlsx-import`: the window's 导出 Excel and 从 Excel 导入
//! without a window.

use std::fmt::Write as _;
use std::path::Path;

use crate::fsutil::{refuse_overwriting_input, write_atomically};
use crate::store::Store;
use crate::workbook::{Sheet, SheetChoice, guess_choice, plan, read_workbook, remember, unit_workbook};

/// Writes the unit's lists of `db` as a workbook at `out`.
pub fn export(db: &Path, out: &Path) -> Result<String, String> {
    refuse_overwriting_input(out, &[db])?;
    let content = Store::read_checked(db).map_err(|e| e.to_string())?;
    let bytes = unit_workbook(&content)?;
    write_atomically(out, &bytes)?;
    Ok(format!(
        "已导出 Excel：{}（{}：{} 个部门、{} 个岗位、{} 个风险点、{} 条措施）\n",
        out.display(),
        content.unit.name,
        content.departments.len(),
        content.posts.len(),
        content.risk_points.len(),
        content.measures.len()
    ))
}

/// Imports the workbook `input` (or its sheet `only`) into `db`; with `dry_run` prints the
/// preview and writes nothing.
pub fn import(input: &Path, db: &Path, only: Option<&str>, dry_run: bool) -> Result<String, String> {
    let sheets = read_workbook(input)?;
    if let Some(name) = only
        && !sheets.iter().any(|s| s.name == name)
    {
        let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
        return Err(format!("“{}”中没有工作表“{name}”（有：{}）", input.display(), names.join("、")));
    }
    // A dry run reads the file as it is: no claim, no upgrade of an older version.
    let opened = if dry_run { Store::open_read_only(db) } else { Store::open(db) };
    let mut store = opened.map_err(|e| e.to_string())?;
    if let Some(reason) = store.read_only().filter(|_| !dry_run) {
        return Err(format!("“{}”只能只读打开，未导入：{}", db.display(), reason.message()));
    }
    // An import adds and updates rows; the history is not needed (and the open decoded the rest).
    let content = store.load_keeping(crate::store::Keep::WithoutHistory).map_err(|e| e.to_string())?;
    let choices: Vec<SheetChoice> = sheets
        .iter()
        .map(|s| match only {
            Some(name) if s.name != name => SheetChoice { kind: None, header: 0, mapping: Default::default() },
            _ => guess_choice(&content, s),
        })
        .collect();
    if let Some(name) = only
        && let Some((s, _)) = sheets.iter().zip(&choices).find(|(s, c)| s.name == name && c.kind.is_none())
    {
        return Err(format!("看不出工作表“{}”是哪一种名单：表头应含 部门、岗位名称、姓名、风险点 等列", s.name));
    }
    let (preview, _) = plan(&content, &sheets, &choices);
    let mut out = describe(&sheets, &choices);
    for sheet in &preview.sheets {
        let _ = writeln!(out, "【{}】", sheet.kind.sheet());
        for row in &sheet.rows {
            let _ = writeln!(out, "第 {} 行：{}", row.line, row.outcome.text());
        }
    }
    let _ = writeln!(out, "合计：{}", preview.summary());
    if dry_run {
        out.push_str("（试导入：未写入文件）\n");
        return Ok(out);
    }
    if preview.accepted() == 0 {
        out.push_str("没有要导入的行，文件未改动。\n");
        return Ok(out);
    }
    let label = format!("从 Excel 导入（{}）", preview.summary());
    let edit = preview.edit(label.clone(), remember(&content, &sheets, &choices));
    store.apply_labelled(&label, &edit.changes).map_err(|e| format!("未能保存：{e}"))?;
    let _ = writeln!(out, "已导入并保存：{}", db.display());
    Ok(out)
}

/// Which sheet is read as what, its header row, and which column goes to which field.
fn describe(sheets: &[Sheet], choices: &[SheetChoice]) -> String {
    let mut out = String::new();
    for (sheet, choice) in sheets.iter().zip(choices) {
        let Some(kind) = choice.kind else {
            let _ = writeln!(out, "工作表“{}”：不导入", sheet.name);
            continue;
        };
        let columns: Vec<String> = choice
            .headers(sheet)
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.trim().is_empty())
            .map(|(col, h)| match choice.mapping.field(col).and_then(|f| kind.fields().get(f)) {
                Some(f) => format!("{} → {}", h.trim(), f.title),
                None => format!("{}（不导入）", h.trim()),
            })
            .collect();
        let _ = writeln!(
            out,
            "工作表“{}”作为“{}”导入，表头在第 {} 行：{}",
            sheet.name,
            kind.sheet(),
            sheet.line(choice.header),
            columns.join("，")
        );
    }
    out
}
