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

/// A fresh unit of `scheme` in a file of its own.
fn fresh_unit(dir: &Path, scheme: &str) -> std::path::PathBuf {
    let db = dir.join(format!("{scheme}-空.db"));
    let unit = Content::new_unit("福州实验小学", "小学", Scheme::preset(scheme).unwrap().unwrap());
    Store::create(&db, &unit).unwrap().close().unwrap();
    db
}

fn load(db: &Path) -> Content {
    Store::open_read_only(db).unwrap().load().unwrap()
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workbooks").join(name)
}

#[test]
fn a_legacy_xls_with_merged_cells_titles_repeated_headers_and_padded_names() {
    office_roster("岗位名单.xls");
}

#[test]
fn the_same_roster_as_an_opendocument_spreadsheet() {
    office_roster("岗位名单.ods");
}

/// The roster fixture `name` (tests/fixtures/workbooks/make_fixtures.py) imported into a new unit.
fn office_roster(name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_unit(dir.path(), "fzsx2013");
    let preview = import_all(&db, &fixture(name));
    let outcomes: Vec<String> =
        preview.sheets[0].rows.iter().map(|r| format!("{} {}", r.line, r.outcome.text())).collect();
    assert_eq!(preview.sheets[0].kind, ImportKind::Posts);
    assert!(outcomes.contains(&"8 跳过：重复的表头行".to_owned()), "{outcomes:?}");
    assert_eq!(preview.added(), 5, "{outcomes:?}");
    let c = load(&db);
    let dept = |name: &str| c.departments.iter().find(|d| d.name == name).map(|d| d.id);
    let in_dept = |name: &str| {
        c.posts.iter().filter(|p| Some(p.dept_id) == dept(name)).map(|p| p.name.as_str()).collect::<Vec<_>>()
    };
    assert_eq!(in_dept("总务处"), ["总务主任", "采购员", "保管员"], "the merged 处室 cell fills its three rows");
    assert_eq!(in_dept("財務室"), ["出纳"], "traditional characters are kept as typed");
    assert_eq!(in_dept("教导处"), ["教务员"], "rows after a repeated header row are read");
    let names: Vec<&str> = c.people.iter().map(|p| p.name.as_str()).collect();
    for name in ["林强", "王静", "陈小红", "黄海", "劉麗", "肖群"] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    assert!(c.departments.iter().all(|d| !d.name.contains("一览表")), "the title row is not a department");
    // Nothing was corrected, so nothing is remembered: the guesses stand on their own.
    assert!(c.unit.scheme.import_columns.is_empty(), "{:?}", c.unit.scheme.import_columns);
}

/// A workbook of risk points and measures as an office might keep it, written by
/// rust_xlsxwriter: title row, merged 部门, dates of every kind, formulas, numbers as text,
/// full-width spaces and digits.
fn office_risk_workbook(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
    let mut book = Workbook::new();
    let risks = book.add_worksheet().set_name("风险排查").unwrap();
    risks.merge_range(0, 0, 0, 4, "财务室廉政风险点排查表", &Format::new()).unwrap();
    for (col, h) in ["科室", "岗位名称", "风险描述", "风险等级", "防控措施"].iter().enumerate() {
        risks.write_string(2, u16::try_from(col).unwrap(), *h).unwrap();
    }
    let rows = [
        ("　财务室　", "出纳", "现金收付不及时入账", "一级", "每日核对现金日记账\n每月盘点库存现金"),
        ("", "出纳", "私自出借公款", "2", "大额支出须两人经办"),
        ("", "会计", "报销审核把关不严", "三级", ""),
    ];
    for (i, (dept, post, what, level, measures)) in rows.iter().enumerate() {
        let r = u32::try_from(i).unwrap() + 3;
        risks.write_string(r, 0, *dept).unwrap();
        risks.write_string(r, 1, *post).unwrap();
        risks.write_string(r, 2, *what).unwrap();
        if *level == "2" {
            risks.write_number(r, 3, 2.0).unwrap();
        } else {
            risks.write_string(r, 3, *level).unwrap();
        }
        risks.write_string(r, 4, *measures).unwrap();
    }
    // 财务室 written once over its three rows.
    risks.merge_range(3, 0, 5, 0, "　财务室　", &Format::new()).unwrap();
    let ms = book.add_worksheet().set_name("措施落实").unwrap();
    for (col, h) in ["部门", "岗位", "风险点", "措施", "完成时间", "落实情况", "落实日期", "确认人"].iter().enumerate()
    {
        ms.write_string(0, u16::try_from(col).unwrap(), *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let measure = |ms: &mut rust_xlsxwriter::Worksheet, r: u32, content: &str| {
        ms.write_string(r, 0, "财务室").unwrap();
        ms.write_formula(r, 1, Formula::new("=\"出\"&\"纳\"").set_result("出纳")).unwrap();
        ms.write_string(r, 2, "现金收付不及时入账").unwrap();
        ms.write_string(r, 3, content).unwrap();
    };
    measure(ms, 1, "每日核对现金日记账");
    ms.write_datetime_with_format(1, 4, ExcelDateTime::from_ymd(2026, 3, 31).unwrap(), &date).unwrap();
    ms.write_string(1, 5, "已落实").unwrap();
    ms.write_number(1, 6, 46_100.0).unwrap(); // a date as a serial number, no date format
    ms.write_string(1, 7, "王　静").unwrap();
    measure(ms, 2, "每月盘点库存现金");
    ms.write_string(2, 4, "２０２６年６月３０日").unwrap(); // full-width digits, as text
    ms.write_string(2, 5, "未落实").unwrap();
    measure(ms, 3, "每季度轮岗复核");
    ms.write_string(3, 4, "46203").unwrap(); // a serial number stored as text
    measure(ms, 4, "年底前完成");
    ms.write_string(4, 4, "年底前").unwrap();
    book.save(path).unwrap();
}

#[test]
fn an_office_workbook_of_risks_and_measures_with_every_kind_of_cell() {
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_unit(dir.path(), "fzsx2013");
    let xlsx = dir.path().join("财务室风险.xlsx");
    office_risk_workbook(&xlsx);
    let preview = import_all(&db, &xlsx);
    let kinds: Vec<ImportKind> = preview.sheets.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [ImportKind::RiskPoints, ImportKind::Measures], "kinds guessed from the headers");
    let fates: Vec<String> =
        preview.sheets.iter().flat_map(|s| &s.rows).map(|r| format!("{}:{}", r.line, r.outcome.text())).collect();
    assert!(
        fates.iter().any(|f| f.starts_with("5:跳过") && f.contains("完成时限") && f.contains("年底前")),
        "{fates:?}"
    );
    let c = load(&db);
    let dept = c.departments.iter().find(|d| d.name == "财务室").expect("full-width spaces trimmed");
    assert_eq!(c.departments.len(), 1);
    let rps: Vec<&RiskPoint> = c.risk_points.iter().filter(|r| r.dept_id == Some(dept.id)).collect();
    assert_eq!(rps.len(), 3, "the merged 科室 cell gives all three rows their department");
    assert_eq!(
        rps.iter().map(|r| r.grade).collect::<Vec<_>>(),
        [Some(1), Some(2), Some(3)],
        "一级, the number 2, 三级"
    );
    assert!(
        rps.iter().all(|r| r.grade_override_reason.contains("导入")),
        "a level from a sheet says where it came from"
    );
    let cash = rps[0];
    let measures: Vec<&Measure> = c.measures.iter().filter(|m| m.risk_point_id == cash.id).collect();
    let by = |content: &str| measures.iter().find(|m| m.content == content).unwrap_or_else(|| panic!("{content}"));
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    let daily = by("每日核对现金日记账");
    assert_eq!(daily.due_on, day(2026, 3, 31), "a real date cell");
    assert!(daily.done, "落实 recorded");
    assert_eq!(daily.done_on, day(2026, 3, 19), "serial 46100");
    assert_eq!(&*daily.confirmed_by, "王　静".trim(), "the confirmer as typed");
    assert_eq!(by("每月盘点库存现金").due_on, day(2026, 6, 30), "full-width digits in a text date");
    assert_eq!(by("每季度轮岗复核").due_on, day(2026, 6, 30), "a serial number stored as text");
    assert!(measures.iter().all(|m| m.content != "年底前完成"), "the row with an unreadable date is skipped");
    assert_eq!(measures.len(), 3, "two from the risk sheet's cell (one line each), one more from the measures sheet");
}

#[test]
fn damaged_encrypted_and_other_files_are_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("好.xlsx");
    office_risk_workbook(&good);
    let bytes = std::fs::read(&good).unwrap();
    let cut = dir.path().join("截断.xlsx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let text = dir.path().join("文本.xls");
    std::fs::write(&text, "部门\t岗位\n财务室\t出纳\n").unwrap();
    let empty = dir.path().join("空.xlsx");
    std::fs::write(&empty, b"").unwrap();
    let mut garbled = bytes.clone();
    for b in garbled.iter_mut().skip(200).step_by(7) {
        *b ^= 0x5A;
    }
    let noise = dir.path().join("乱码.xlsx");
    std::fs::write(&noise, &garbled).unwrap();
    // A zip bomb's signature: a part that says it unpacks to 3.75 GB (its central directory
    // entry's uncompressed size, at offset 24 of the first entry).
    let mut bomb = bytes.clone();
    let entry = bomb.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    bomb[entry + 24..entry + 28].copy_from_slice(&0xF000_0000_u32.to_le_bytes());
    let bomb_path = dir.path().join("炸弹.xlsx");
    std::fs::write(&bomb_path, &bomb).unwrap();
    let cases: [(&Path, &str); 7] = [
        (&bomb_path, "解压后"),
        (&fixture("加密.xlsx"), "密码"),
        (&cut, "不完整"),
        (&text, "不是 Excel 或 WPS 表格"),
        (&empty, "不是 Excel 或 WPS 表格"),
        (&noise, "无法读取"),
        (dir.path(), "不是普通文件"),
    ];
    for (path, expected) in cases {
        let err = read_workbook(path).expect_err(&path.display().to_string());
        assert!(err.contains(expected), "{}: {err}", path.display());
        let said = err.rsplit('”').next().unwrap_or("").to_lowercase();
        for word in ["error", "zip", "xml", "invalid", "eocd", "cfb"] {
            assert!(!said.contains(word), "no English in “{err}”");
        }
    }
}

#[test]
fn ten_thousand_rows_import_in_one_edit() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let db = fresh_unit(dir.path(), "tjbh2012");
    let xlsx = dir.path().join("一万行.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, h) in ["部门", "岗位", "风险点", "表现形式", "前期预防措施"].iter().enumerate() {
        sheet.write_string(0, u16::try_from(col).unwrap(), *h).unwrap();
    }
    for i in 0..10_000u32 {
        let r = i + 1;
        sheet.write_string(r, 0, format!("第{}处", i % 40)).unwrap();
        sheet.write_string(r, 1, format!("岗位{}", i % 300)).unwrap();
        sheet.write_string(r, 2, format!("第{i}项风险：审批把关不严，存在优亲厚友的可能")).unwrap();
        sheet.write_string(r, 3, "在审批过程中不按规定程序办理，对不符合条件的申请予以通过。".repeat(3)).unwrap();
        sheet.write_string(r, 4, "严格执行审批制度，实行集体研究").unwrap();
    }
    book.save(&xlsx).unwrap();
    let preview = import_all(&db, &xlsx);
    assert_eq!(preview.added(), 10_000);
    let c = load(&db);
    assert_eq!(c.risk_points.len(), 10_000);
    assert_eq!(c.measures.len(), 10_000);
    assert_eq!(c.departments.len(), 40);
}
