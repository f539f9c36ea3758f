//! 从 Excel 导入 and 导出 Excel as a user does them: the file picked in the window's own dialog,
//! the guessed columns shown and one corrected, the preview read, the import confirmed and
//! undone in one step, the correction remembered for the next workbook; the lists exported and
//! read back; the higher office's per-unit figures exported from 上级汇总.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests: a failing unwrap is a failing test")]

mod common;

use std::path::{Path, PathBuf};

use common::ui::{click, click_button, harness, pick, shows, type_into};
use egui::Role;
use egui_kittest::kittest::Queryable as _;
use lianfang::domain::{Content, Scheme};
use lianfang::store::Store;

fn new_unit(dir: &Path) -> PathBuf {
    let path = dir.join("福州实验小学.db");
    let c = Content::new_unit("福州实验小学", "小学", Scheme::preset("fzsx2013").unwrap().unwrap());
    Store::create(&path, &c).unwrap().close().unwrap();
    path
}

fn reopen(path: &Path) -> Content {
    Store::open_read_only(path).unwrap().load().unwrap()
}

/// 从 Excel 导入… → the built-in dialog → `dir`/`name` → 确定.
fn pick_workbook(h: &mut egui_kittest::Harness<'_, lianfang::ui::App>, dir: &Path, name: &str) {
    click_button(h, "从 Excel 导入…");
    type_into(h, "文件夹：", &dir.to_string_lossy());
    type_into(h, "文件名：", name);
    click_button(h, "确定");
}

#[test]
fn a_workbook_is_previewed_corrected_imported_undone_and_its_columns_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_unit(dir.path());
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/workbooks/岗位名单.xls");
    std::fs::copy(&fixture, dir.path().join("岗位名单.xls")).unwrap();
    let mut h = harness(&path);
    h.run();
    click(&mut h, "领导小组与机构");
    pick_workbook(&mut h, dir.path(), "岗位名单.xls");
    assert!(shows(&h, "从 Excel/WPS 导入"), "the import window opens");
    assert!(shows(&h, "工作表“岗位一览”"));
    assert!(shows(&h, "新增 5 行，更新 0 行，无变化 0 行，跳过 1 行"), "the preview counts every row");
    assert!(shows(&h, "跳过：重复的表头行"));
    assert!(shows(&h, "新建部门“財務室”"));
    // 主要职责 was guessed as 岗位职责; this office means 履职依据 by it.
    pick(&mut h, "列“主要职责”：", "履职依据");
    click_button(&mut h, "确认导入 5 行");
    assert!(!shows(&h, "从 Excel/WPS 导入"), "the window closes");
    let c = reopen(&path);
    let buyer = c.posts.iter().find(|p| p.name == "采购员").expect("imported and saved");
    assert_eq!((buyer.duties.as_str(), buyer.basis.as_str()), ("", "负责物资采购"));
    assert!(c.people.iter().any(|p| p.name == "王静"), "the padded name");
    assert_eq!(c.unit.scheme.import_columns["posts"]["主要职责"], "basis", "the correction is in the file");
    // One step takes the whole import back.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let c = reopen(&path);
    assert!(c.posts.is_empty() && c.people.is_empty(), "undone in one step");
    assert!(c.unit.scheme.import_columns.is_empty(), "the remembered choice goes with it");
    // Imported again: the correction is still known (redo brought it back with the rows).
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z);
    h.run();
    pick_workbook(&mut h, dir.path(), "岗位名单.xls");
    let combo = h.get_by_role_and_label(Role::ComboBox, "列“主要职责”：");
    assert_eq!(combo.value().as_deref(), Some("履职依据"), "remembered from the first import");
    assert!(shows(&h, "无变化 5 行"), "the rows are in the file already");
    click_button(&mut h, "取消");
    assert!(!shows(&h, "从 Excel/WPS 导入"));
}

#[test]
fn the_unit_lists_are_exported_to_a_workbook_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("示例.db");
    Store::create(&path, &lianfang::demo::build("jxau2010").unwrap()).unwrap().close().unwrap();
    let mut h = harness(&path);
    h.run();
    click(&mut h, "数据报送");
    click_button(&mut h, "导出 Excel…");
    type_into(&mut h, "文件夹：", &dir.path().to_string_lossy());
    type_into(&mut h, "文件名：", "报上级的名单");
    click_button(&mut h, "确定");
    let out = dir.path().join("报上级的名单.xlsx");
    assert!(shows(&h, "已导出 Excel"), "the user is told where it went");
    let sheets = lianfang::workbook::read_workbook(&out).unwrap();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["部门", "人员", "岗位", "领导小组", "职权目录", "风险点", "防控措施", "预警", "检查考核"]);
    let c = reopen(&path);
    let risks = sheets.iter().find(|s| s.name == "风险点").unwrap();
    assert_eq!(risks.rows.len(), c.risk_points.len() + 1);
    // From the 风险点清单's own toolbar: only its lists.
    click(&mut h, "风险点查找向导");
    click(&mut h, "风险点清单");
    click_button(&mut h, "导出 Excel…");
    type_into(&mut h, "文件名：", "风险点清单");
    click_button(&mut h, "确定");
    let sheets = lianfang::workbook::read_workbook(&dir.path().join("风险点清单.xlsx")).unwrap();
    assert_eq!(sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["风险点", "防控措施"]);
}

#[test]
fn the_area_figures_are_exported_to_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let units: Vec<PathBuf> = ["fzsx2013", "lxfl2012"].iter().map(|s| common::demo_file(dir.path(), s)).collect();
    let area = dir.path().join("汇总.db");
    let mut args = vec!["consolidate".to_owned(), "--into".to_owned(), area.to_string_lossy().into_owned()];
    args.extend(units.iter().map(|u| u.to_string_lossy().into_owned()));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lianfang")).args(&args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut h = harness(&area);
    h.run();
    click_button(&mut h, "导出 Excel…");
    type_into(&mut h, "文件夹：", &dir.path().to_string_lossy());
    type_into(&mut h, "文件名：", "各单位情况");
    click_button(&mut h, "确定");
    assert!(shows(&h, "已导出各单位情况"), "{:?}", h.state().notices());
    let sheets = lianfang::workbook::read_workbook(&dir.path().join("各单位情况.xlsx")).unwrap();
    let rows = &sheets[0].rows;
    assert_eq!(rows[0][0], "单位");
    let names: Vec<&str> = rows.iter().skip(1).map(|r| r[0].as_str()).collect();
    assert_eq!(names.len(), 3, "two units and the 合计 row: {names:?}");
    assert!(names.contains(&"历下区妇联") && names.contains(&"福州实验小学") && names[2] == "合计", "{names:?}");
    // Every count column adds up to the 合计 row.
    for col in 1..=10 {
        let sum: i64 = rows[1..3].iter().map(|r| r[col].parse::<i64>().unwrap()).sum();
        assert_eq!(rows[3][col].parse::<i64>().unwrap(), sum, "column {}", rows[0][col]);
    }
}

#[test]
fn a_whole_exported_workbook_previews_sheet_by_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let demo = lianfang::demo::build("lxfl2012").unwrap();
    std::fs::write(dir.path().join("全部名单.xlsx"), lianfang::workbook::unit_workbook(&demo).unwrap()).unwrap();
    let path = dir.path().join("新单位.db");
    let empty = Content::new_unit("历下区妇联", "群团机关", demo.unit.scheme.clone());
    Store::create(&path, &empty).unwrap().close().unwrap();
    let mut h = harness(&path);
    h.run();
    click(&mut h, "风险点查找向导");
    click(&mut h, "风险点清单");
    pick_workbook(&mut h, dir.path(), "全部名单.xlsx");
    assert!(shows(&h, "工作表“预警”"), "every sheet is listed");
    let risks = format!("风险点（{} 行，跳过 0）", demo.risk_points.len());
    assert!(shows(&h, &risks), "the risk sheet's rows are counted");
    click(&mut h, &risks);
    let first = &demo.risk_points[0].description;
    assert!(shows(&h, first.chars().take(20).collect::<String>().as_str()), "its rows are listed");
    click_button(&mut h, "取消");
    assert!(reopen(&path).risk_points.is_empty(), "cancelled: nothing written");
}
