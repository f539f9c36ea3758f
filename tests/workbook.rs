//! Excel/WPS workbooks: the unit's lists exported and read back into an empty unit give the
//! same sheets (every scheme); workbooks as offices really keep them — merged cells, title and
//! repeated header rows, numbers stored as text, dates as serial numbers or text, full-width
//! spaces and characters, traditional characters, formulas, .xls — and damaged or
//! password-protected files, refused in Chinese.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests: a failing unwrap is a failing test")]

use std::path::Path;

use lianfang::domain::import::{ImportKind, ImportPlan};
use lianfang::domain::lists;
use lianfang::domain::*;
use lianfang::store::Store;
use lianfang::workbook::{Sheet, guess_choice, plan, read_workbook, remember, unit_workbook};

/// Imports every sheet of `path` into the file at `db` as guessed, saved as one edit.
fn import_all(db: &Path, path: &Path) -> ImportPlan {
    let sheets = read_workbook(path).unwrap();
    let mut store = Store::open(db).unwrap();
    let content = store.load().unwrap();
    let choices: Vec<_> = sheets.iter().map(|s| guess_choice(&content, s)).collect();
    let (preview, _) = plan(&content, &sheets, &choices);
    let edit = preview.edit("导入", remember(&content, &sheets, &choices));
    store.apply_labelled("导入", &edit.changes).unwrap();
    store.close().unwrap();
    preview
}

fn sheet<'s>(sheets: &'s [Sheet], name: &str) -> &'s Sheet {
    sheets.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("no sheet {name}"))
}

#[test]
fn export_import_export_gives_the_same_sheets_for_every_scheme() {
    let dir = tempfile::tempdir().unwrap();
    for scheme in Scheme::presets().unwrap() {
        // The lists as the file keeps them (its order), not as the generator made them.
        let stored = dir.path().join(format!("{}-demo.db", scheme.id));
        Store::create(&stored, &lianfang::demo::build(&scheme.id).unwrap()).unwrap().close().unwrap();
        let demo = Store::open_read_only(&stored).unwrap().load().unwrap();
        let first = dir.path().join(format!("{}-1.xlsx", scheme.id));
        std::fs::write(&first, unit_workbook(&demo).unwrap()).unwrap();
        let db = dir.path().join(format!("{}.db", scheme.id));
        let empty = Content::new_unit(&demo.unit.name, &demo.unit.kind, demo.unit.scheme.clone());
        Store::create(&db, &empty).unwrap().close().unwrap();
        let preview = import_all(&db, &first);
        assert_eq!(
            preview.skipped(),
            0,
            "{}: {:?}",
            scheme.id,
            preview.sheets.iter().flat_map(|s| &s.rows).find(|r| !r.outcome.is_change())
        );
        let imported = Store::open_read_only(&db).unwrap().load().unwrap();
        assert_eq!(imported.risk_points.len(), demo.risk_points.len(), "{}", scheme.id);
        assert_eq!(imported.measures.len(), demo.measures.len(), "{}", scheme.id);
        assert!(
            imported.risk_points.iter().all(|r| r.status == ReviewStatus::Draft),
            "imported points start their review"
        );
        let second = dir.path().join(format!("{}-2.xlsx", scheme.id));
        std::fs::write(&second, unit_workbook(&imported).unwrap()).unwrap();
        let (a, b) = (read_workbook(&first).unwrap(), read_workbook(&second).unwrap());
        for kind in ImportKind::ALL {
            let (sa, sb) = (sheet(&a, kind.sheet()), sheet(&b, kind.sheet()));
            let status = sa.rows[0].iter().position(|h| h == "审核状态");
            let without_status = |rows: &[Vec<String>]| -> Vec<Vec<String>> {
                rows.iter()
                    .map(|r| r.iter().enumerate().filter(|(i, _)| Some(*i) != status).map(|(_, c)| c.clone()).collect())
                    .collect()
            };
            assert_eq!(sa.rows.len(), sb.rows.len(), "{} {}", scheme.id, sa.name);
            for (ra, rb) in without_status(&sa.rows).iter().zip(without_status(&sb.rows).iter()) {
                assert_eq!(ra, rb, "{} {}", scheme.id, sa.name);
            }
        }
        // 预警 and 检查考核 are written for reading; the import does not take them.
        assert_eq!(sheet(&b, lists::WARNINGS).rows.len(), 1);
    }
}
