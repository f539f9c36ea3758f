//! 工作方案 and 领导小组与机构 as a user drives them: typing Chinese into every editor, ticking
//! 分管, reordering members, pasting Excel rows, undoing, and finding it all after reopening.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests: a failing unwrap is a failing test")]

mod common;

use std::path::{Path, PathBuf};

use common::ui::{click, click_button, harness, shows, type_into};
use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use lianfang::domain::roster::roster_lines;
use lianfang::domain::{Content, Scheme};
use lianfang::store::Store;
use lianfang::ui::App;

fn new_unit(dir: &Path, name: &str, scheme: &str) -> PathBuf {
    let path = dir.join(format!("{name}.db"));
    let c = Content::new_unit(name, "", Scheme::preset(scheme).unwrap().unwrap());
    Store::create(&path, &c).unwrap().close().unwrap();
    path
}

fn reopen(path: &Path) -> Content {
    Store::open_read_only(path).unwrap().load().unwrap()
}

fn undo(h: &mut Harness<'_, App>) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
}

fn add_member(h: &mut Harness<'_, App>, role: &str, name: &str, titles: &str) {
    h.get_by_role_and_label(Role::ComboBox, "职位：").click();
    h.run();
    h.get_by_role_and_label(Role::Button, role).click();
    h.run();
    type_into(h, "姓名：", name);
    type_into(h, "职务：", titles);
    click_button(h, "添加");
}

#[test]
fn seed_000_roster_typed_in_and_found_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_unit(dir.path(), "天津滨海职业学院", "tjbh2012");
    {
        let mut h = harness(&path);
        h.run();
        click(&mut h, "领导小组与机构");
        add_member(&mut h, "组长", "刘春友", "党委书记");
        add_member(&mut h, "副组长", "马连华", "党委副书记、院长");
        add_member(&mut h, "副组长", "王建枝", "党委副书记、纪委书记");
        add_member(&mut h, "成员", "杜学森", "副院长");
        add_member(&mut h, "成员", "王洪军", "副院长");
        add_member(&mut h, "成员", "刘一波", "副院长、纪委委员");
        type_into(&mut h, "办公室设在（原文）：", "组织处");
        h.key_press(egui::Key::Enter);
        h.run();
        for line in [
            "组\u{3000}长：刘春友\u{3000}党委书记",
            "副组长：马连华\u{3000}党委副书记、院长",
            "主要成员：杜学森\u{3000}副院长",
            "刘一波\u{3000}副院长、纪委委员",
            "下设廉政风险防控办公室（设在组织处）",
        ] {
            assert!(shows(&h, line), "preview lacks “{line}”; notices: {:?}", h.state().notices());
        }
    }
    let c = reopen(&path);
    let lines: Vec<String> = roster_lines(&c).iter().map(|l| l.text()).collect();
    assert_eq!(lines[0], "组长：刘春友　党委书记");
    assert_eq!(lines[2], "副组长：王建枝　党委副书记、纪委书记");
    assert_eq!(lines.len(), 6);
    assert_eq!(c.leading_group.office_location, "组织处");
}

#[test]
fn executive_deputy_strokes_order_and_manual_reorder() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_unit(dir.path(), "内蒙古工业大学", "imut2011");
    let mut h = harness(&path);
    h.run();
    click(&mut h, "领导小组与机构");
    add_member(&mut h, "组长", "刘振洪", "");
    add_member(&mut h, "副组长", "邢永明", "");
    add_member(&mut h, "副组长", "刘志雄", "");
    for name in ["峻峰", "刘进荣", "孙志强", "王世勤", "成涛", "王永明"] {
        add_member(&mut h, "成员", name, "");
    }
    // 常务 for the second deputy.
    h.get_all_by_role_and_label(Role::CheckBox, "常务").nth(1).unwrap().click();
    h.run();
    h.get_by_role_and_label(Role::RadioButton, "按姓氏笔画").click();
    h.run();
    assert!(shows(&h, "副组长：邢永明\u{3000}刘志雄（常务）"), "the preview prints 常务 with the name");
    assert!(shows(&h, "成\u{3000}员：（以姓氏笔画为序）"));
    let names: Vec<String> = roster_lines(&h.state().document().unwrap().content)
        .into_iter()
        .filter(|l| l.role_text == "成员")
        .map(|l| l.name_text)
        .collect();
    assert_eq!(names, ["王世勤", "王永明", "刘进荣", "孙志强", "成涛", "峻峰"]);
    // Manual order: move the first deputy down.
    h.get_by_role_and_label(Role::RadioButton, "手动").click();
    h.run();
    let down = h.get_all_by_role_and_label(Role::Button, "下移").find(|n| !n.accesskit_node().is_disabled()).unwrap();
    down.click();
    h.run();
    drop(h);
    let c = reopen(&path);
    let lines: Vec<String> = roster_lines(&c).iter().map(|l| l.text()).collect();
    assert_eq!(lines[1], "副组长（常务）：刘志雄", "{lines:?}");
    assert_eq!(lines[2], "副组长：邢永明");
}

#[test]
fn ticking_supervision_is_saved_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path(), "jxau2010");
    let mut h = harness(&path);
    h.run();
    click(&mut h, "领导小组与机构");
    click_button(&mut h, "分管");
    let c = h.state().document().unwrap().content.clone();
    let leader = c.supervisions[0].leader_person_id;
    let name = c.people.iter().find(|p| p.id == leader).unwrap().name.clone();
    let dept = c
        .departments
        .iter()
        .find(|d| !c.supervisions.iter().any(|s| s.leader_person_id == leader && s.dept_id == d.id))
        .unwrap();
    let before = c.supervisions.len();
    h.get_by_label(&format!("{name}分管{}", dept.name)).click();
    h.run();
    assert_eq!(h.state().document().unwrap().content.supervisions.len(), before + 1);
    assert!(h.state().notices().iter().any(|n| n.contains(&format!("已保存：{name}分管{}", dept.name))));
    undo(&mut h);
    assert_eq!(h.state().document().unwrap().content.supervisions.len(), before);
    h.get_by_label(&format!("{name}分管{}", dept.name)).click();
    h.run();
    drop(h);
    assert!(reopen(&path).supervisions.iter().any(|s| s.leader_person_id == leader && s.dept_id == dept.id));
}

#[test]
fn pasting_excel_rows_previews_then_imports_and_undo_takes_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_unit(dir.path(), "福州实验小学", "fzsx2013");
    let mut h = harness(&path);
    h.run();
    click(&mut h, "领导小组与机构");
    click_button(&mut h, "从 Excel/WPS 粘贴…");
    let rows = "部门\t岗位名称\t岗位层次\t岗位职责\t履职依据\t在岗人员\n\
                教务处\t教务主任\t中层\t主持教务处全面工作，负责教材征订审核\t《教育法》\t林剑峰\n\
                教务处\t教材管理员\t一般\t负责教材教辅征订\t\t薛莲、肖群\n\
                总务处\t采购员\t科员\t\t\t";
    type_into(&mut h, "粘贴区：", rows);
    assert!(shows(&h, "共 3 行：新增 2 行，更新 0 行，无变化 0 行，跳过 1 行"), "notices: {:?}", h.state().notices());
    assert!(shows(&h, "跳过：岗位层次“科员”应为 "), "the scheme's tier names are listed");
    assert!(shows(&h, "新建部门“教务处”"));
    click_button(&mut h, "确认导入 2 行");
    let c = &h.state().document().unwrap().content;
    assert_eq!(c.posts.len(), 2);
    assert_eq!(c.people.len(), 3);
    assert!(c.departments.iter().any(|d| d.name == "教务处"));
    undo(&mut h);
    assert!(h.state().document().unwrap().content.posts.is_empty(), "one undo takes the whole paste back");
    click_button(&mut h, "从 Excel/WPS 粘贴…");
    type_into(&mut h, "粘贴区：", rows);
    click_button(&mut h, "确认导入 2 行");
    drop(h);
    let c = reopen(&path);
    let post = c.posts.iter().find(|p| p.name == "教材管理员").unwrap();
    assert_eq!(c.post_holders.iter().filter(|x| x.post_id == post.id).count(), 2);
}

#[test]
fn departments_are_renamed_validated_and_deleted_with_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path(), "tjbh2012");
    let mut h = harness(&path);
    h.run();
    click(&mut h, "领导小组与机构");
    click_button(&mut h, "部门与岗位");
    click_button(&mut h, "财务处");
    type_into(&mut h, "部门名称：", "审计处");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(shows(&h, "同一上级下已有部门“审计处”"));
    type_into(&mut h, "部门名称：", "计划财务处");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.state().document().unwrap().content.departments.iter().any(|d| d.name == "计划财务处"));
    // Its own risk points and its posts', as the confirmation counts them: in one line.
    let risk_points = {
        let c = &h.state().document().unwrap().content;
        let dept = c.departments.iter().find(|d| d.name == "计划财务处").unwrap();
        let posts: Vec<_> = c.posts.iter().filter(|p| p.dept_id == dept.id).map(|p| p.id).collect();
        c.risk_points
            .iter()
            .filter(|r| r.dept_id == Some(dept.id) || r.post_id.is_some_and(|p| posts.contains(&p)))
            .count()
    };
    click_button(&mut h, "删除部门…");
    assert!(shows(&h, "删除部门“计划财务处”？"));
    assert!(shows(&h, "14 个岗位"));
    assert!(risk_points > 14 && shows(&h, &format!("{risk_points} 个风险点（含")), "{risk_points} risk points");
    click_button(&mut h, "确认删除");
    assert!(h.state().document().unwrap().content.departments.iter().all(|d| d.name != "计划财务处"));
    undo(&mut h);
    let c = &h.state().document().unwrap().content;
    let dept = c.departments.iter().find(|d| d.name == "计划财务处").unwrap();
    assert_eq!(c.posts.iter().filter(|p| p.dept_id == dept.id).count(), 14);
    drop(h);
    assert!(reopen(&path).departments.iter().any(|d| d.name == "计划财务处"));
}

#[test]
fn posts_and_people_are_edited_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_unit(dir.path(), "历下区妇联", "lxfl2012");
    let mut h = harness(&path);
    h.run();
    click(&mut h, "领导小组与机构");
    click_button(&mut h, "部门与岗位");
    type_into(&mut h, "新部门：", "权益部");
    click_button(&mut h, "添加部门");
    type_into(&mut h, "新岗位：", "信访接待岗");
    click_button(&mut h, "添加岗位");
    type_into(&mut h, "岗位职责：", "接待妇女儿童来信来访，登记、转办并跟踪反馈。");
    type_into(&mut h, "或新人员姓名：", "吉𠮷");
    click_button(&mut h, "添加到岗");
    click_button(&mut h, "人员");
    type_into(&mut h, "查找：", "吉𠮷");
    click_button(&mut h, "吉𠮷　　权益部");
    type_into(&mut h, "职务：", "科员、信访联络员");
    h.key_press(egui::Key::Enter);
    h.run();
    drop(h);
    let c = reopen(&path);
    let post = c.posts.iter().find(|p| p.name == "信访接待岗").unwrap();
    assert_eq!(post.duties, "接待妇女儿童来信来访，登记、转办并跟踪反馈。");
    let person = c.people.iter().find(|p| p.name == "吉𠮷").unwrap();
    assert_eq!(person.titles, ["科员", "信访联络员"]);
    assert!(c.post_holders.iter().any(|x| x.post_id == post.id && x.person_id == person.id));
}

#[test]
fn the_plan_is_edited_with_chinese_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = new_unit(dir.path(), "福州实验小学", "fzsx2013");
    let mut h = harness(&path);
    h.run();
    type_into(&mut h, "文号：", "闽实小党[2013]4号");
    h.key_press(egui::Key::Enter);
    h.run();
    type_into(&mut h, "签发日期：", "2013年2月30日");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(shows(&h, "“2013年2月30日”不是有效日期"));
    type_into(&mut h, "签发日期：", "2013年5月13日");
    h.key_press(egui::Key::Enter);
    h.run();
    type_into(&mut h, "新阶段名称：", "总结表彰阶段");
    click_button(&mut h, "添加阶段");
    drop(h);
    let c = reopen(&path);
    assert_eq!(c.plans[0].doc_no, "闽实小党[2013]4号");
    assert_eq!(c.plans[0].signed_on, chrono::NaiveDate::from_ymd_opt(2013, 5, 13));
    assert_eq!(c.phases.last().unwrap().name, "总结表彰阶段");
    assert_eq!(c.phases.len(), 5, "four phases from the scheme and the one added");
}
