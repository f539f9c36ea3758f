//! The window driven headless with egui_kittest: open the app on a demo file, click every tab
//! by its Chinese label and find its data; use the menu and the built-in file dialogs.
//! A missing glyph panics (kittest's default), so every drawn character is checked too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests: a failing unwrap is a failing test")]

mod common;

use common::ui::{click, click_button, harness, shows, type_into};
use egui_kittest::kittest::Queryable as _;
use lianfang::ui::Tab;

#[test]
fn every_tab_shows_the_files_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path(), "jxau2010");
    let mut h = harness(&path);
    h.run();
    assert!(h.state().document().is_some(), "{:?}", h.state().notices());
    let expectations: [(Tab, &[&str]); 9] = [
        (Tab::Plan, &["江西农业大学开展廉政风险防范管理工作实施方案", "筹备启动阶段", "第一批（试点单位）"]),
        (Tab::Organisation, &["廉政风险防范管理工作领导小组名单（预览）", "添加成员", "部门与岗位"]),
        (Tab::Inventory, &["共 3208 个风险点"]),
        (Tab::Grading, &["评定办法：按危害程度评定", "有可能构成犯罪", "各部门风险点等级分布"]),
        (Tab::Matrix, &["一级：单位负责人和分管领导直接管理，主要领导负责", "后勤集团", "按风险点", "责任书"]),
        (Tab::Measures, &["共 9624 条措施"]),
        (Tab::Warnings, &["廉政风险黄牌警告", "预警记录（13 条）", "检查考核", "年度动态调整"]),
        (Tab::Forms, &["部门廉政风险识别防控表", "个人廉政风险识别防控表"]),
        (Tab::Exchange, &["当前数据文件", "数据统计", "3208"]),
    ];
    for (tab, texts) in expectations {
        click(&mut h, &tab.to_string());
        assert_eq!(h.state().tab(), tab);
        for text in texts {
            assert!(shows(&h, text), "{tab}: “{text}” not shown");
        }
    }
}

#[test]
fn help_about_names_the_version_and_the_licences() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path(), "jxau2010");
    let mut h = harness(&path);
    h.run();
    click(&mut h, "帮助");
    click_button(&mut h, "关于…");
    let version = env!("CARGO_PKG_VERSION");
    for text in ["关于廉政风险防控管理系统", "单位数据文件版本：", "构建日期：", version, "SIL 开放字体许可证 1.1。"]
    {
        assert!(shows(&h, text), "{text}");
    }
    // (A notice may offer its own 关闭.)
    let window = h.get_by_role_and_label(egui::Role::Window, "关于廉政风险防控管理系统");
    window.get_by_role_and_label(egui::Role::Button, "关闭").click();
    h.run();
    assert!(!shows(&h, "构建日期："), "the window closes");
}

#[test]
fn a_seed_roster_is_shown_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path(), "imut2011");
    let mut h = harness(&path);
    h.run();
    click(&mut h, "领导小组与机构");
    for text in
        ["副组长：邢永明\u{3000}刘志雄（常务）", "刘振洪", "领导小组办公室设在纪委、监察处，办公室主任：王世勤（兼）。"]
    {
        assert!(shows(&h, text), "“{text}” not shown");
    }
}

#[test]
fn search_in_the_inventory_finds_chinese_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path(), "fzsx2013");
    let mut h = harness(&path);
    h.run();
    click(&mut h, "风险点查找向导");
    let total = h.state().document().unwrap().content.risk_points.len();
    let expected =
        h.state().document().unwrap().content.risk_points.iter().filter(|r| r.description.contains("新生入学")).count();
    assert!(expected > 0 && expected < total);
    type_into(&mut h, "搜索：", "新生入学");
    let shown = format!("共 {total} 个风险点，显示 {expected} 个");
    assert!(shows(&h, &shown), "expected “{shown}”");
}

#[test]
fn the_built_in_dialog_saves_a_clean_copy_and_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path(), "lxfl2012");
    let mut h = harness(&path);
    h.run();
    click(&mut h, "数据报送");
    click(&mut h, "另存为干净副本…");
    type_into(&mut h, "文件夹：", &dir.path().to_string_lossy());
    type_into(&mut h, "文件名：", "报送副本");
    click(&mut h, "确定");
    let copy = dir.path().join("报送副本.db");
    assert!(copy.is_file(), "{:?}", h.state().notices());
    assert!(h.state().notices().iter().any(|n| n.contains("已另存为")));
    lianfang::store::check_file(&copy).unwrap();

    click_button(&mut h, "文件");
    click(&mut h, "打开…");
    type_into(&mut h, "文件名：", "报送副本.db");
    click(&mut h, "确定");
    let open = h.state().document().unwrap().store.path().to_owned();
    assert_eq!(open, copy);
}

#[test]
fn new_file_form_creates_a_unit_with_the_chosen_scheme() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path(), "tjbh2012");
    let mut h = harness(&path);
    h.run();
    click_button(&mut h, "文件");
    click(&mut h, "新建…");
    type_into(&mut h, "单位名称：", "济南市历下区教育局");
    let target = dir.path().join("教育局.db");
    type_into(&mut h, "文件位置：", &target.to_string_lossy());
    click(&mut h, "创建");
    let doc = h.state().document().unwrap();
    assert_eq!(doc.content.unit.name, "济南市历下区教育局");
    assert_eq!(doc.store.path(), target);
    assert_eq!(doc.scheme().id, "tjbh2012");
}

#[test]
fn a_bad_file_shows_a_chinese_message_and_no_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("坏文件.db");
    std::fs::write(&path, "garbage".repeat(300)).unwrap();
    let mut h = harness(&path);
    h.run();
    assert!(h.state().document().is_none());
    assert!(shows(&h, "不是 SQLite 数据库文件"));
    assert!(shows(&h, "新建本单位文件"), "the start page offers the way on");
}
