//! 防控措施落实 and the other pieces of the year's loop, driven in the window: 不再适用 with a
//! reason, 落实 from a risk point's detail, refusals in Chinese, the calendar, reopening the
//! last file, a carded department's rating, and no English in the messages a user meets.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests: a failing unwrap is a failing test")]

mod common;

use common::ui::{click, click_button, harness, harness_for, pick, shows, type_into};
use egui::Role;
use egui_kittest::kittest::{By, Queryable as _};
use lianfang::domain::dates::{format_date, today};
use lianfang::domain::measures::MeasureState;
use lianfang::store::Store;
use lianfang::ui::{App, Persisted};

#[test]
fn a_measure_is_marked_not_applicable_with_a_reason_and_taken_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path(), "imut2011");
    let mut h = harness(&path);
    h.run();
    click(&mut h, "防控措施");
    pick(&mut h, "落实情况：", "未落实");
    // The first row shown is the first open measure.
    let first = h.state().document().unwrap().content.measures.iter().find(|m| !m.done).unwrap().clone();
    let content = first.content.clone();
    h.query_all(By::new().role(Role::Button).label(content.as_str())).next().unwrap().click();
    h.run();
    assert!(shows(&h, &format!("当前措施：{content}")));
    click_button(&mut h, "标记不再适用");
    assert!(shows(&h, "标记“不再适用”须填写理由"));
    type_into(&mut h, "不再适用的理由：", "该岗位已于年中撤并");
    click_button(&mut h, "标记不再适用");
    let m = |h: &egui_kittest::Harness<'_, App>| {
        h.state().document().unwrap().content.measures.iter().find(|m| m.id == first.id).unwrap().clone()
    };
    assert_eq!(m(&h).state(), MeasureState::NotApplicable);
    assert_eq!(&*m(&h).not_applicable_reason, "该岗位已于年中撤并");
    pick(&mut h, "落实情况：", "不再适用");
    assert!(shows(&h, "不再适用：该岗位已于年中撤并"), "kept, with its reason");
    h.query_all(By::new().role(Role::Button).label(content.as_str())).next().unwrap().click();
    h.run();
    click_button(&mut h, "撤销落实标记");
    assert_eq!(m(&h).state(), MeasureState::Open);
    drop(h);
    let reopened = Store::open_read_only(&path).unwrap().load().unwrap();
    assert!(reopened.measures.iter().any(|x| x.id == first.id && x.state() == MeasureState::Open));
}

#[test]
fn a_measure_is_marked_done_from_the_risk_points_detail_and_a_future_date_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path(), "fzsx2013");
    let mut h = harness(&path);
    h.run();
    let c = h.state().document().unwrap().content.clone();
    // A measure of a risk point whose text no other risk point shares (found by searching it).
    let unique = |id| {
        let rp = c.risk_points.iter().find(|r| r.id == id).unwrap();
        c.risk_points.iter().filter(|r| r.manifestation.contains(&rp.manifestation)).count() == 1
    };
    let m = c
        .measures
        .iter()
        .find(|m| !m.done && m.phase == lianfang::domain::MeasurePhase::Before && unique(m.risk_point_id))
        .unwrap();
    let rp = c.risk_points.iter().find(|r| r.id == m.risk_point_id).unwrap();
    click(&mut h, "风险点查找向导");
    click_button(&mut h, "风险点清单");
    type_into(&mut h, "搜索：", &rp.manifestation);
    let row = By::new().role(Role::Button).label(rp.description.as_str());
    h.query_all(row).next().unwrap().click();
    h.run();
    let phase = c.unit.scheme.measure_phase_name(m.phase).to_owned();
    let on_this_risk = |h: &egui_kittest::Harness<'_, App>| {
        h.state().document().unwrap().content.measures.iter().find(|x| x.id == m.id).unwrap().clone()
    };
    click_button(&mut h, &format!("登记落实：{phase}"));
    let tomorrow = today().succ_opt().unwrap();
    type_into(&mut h, "落实日期：", &format_date(tomorrow));
    type_into(&mut h, "确认人：", "陈校长");
    click_button(&mut h, "标记已落实");
    assert!(shows(&h, "晚于今天"), "a date in the future is refused");
    assert!(!on_this_risk(&h).done);
    // The calendar: 选日期 opens this month; today is picked by a click.
    click_button(&mut h, "落实日期选日期");
    click_button(&mut h, &format_date(today()));
    type_into(&mut h, "证明材料：", "闽实小〔2026〕12号");
    click_button(&mut h, "标记已落实");
    let done = on_this_risk(&h);
    assert_eq!((done.done, done.done_on, &*done.confirmed_by), (true, Some(today()), "陈校长"));
    assert!(shows(&h, &format!("落实记录：{}，确认人：陈校长，证明材料：闽实小〔2026〕12号", format_date(today()))));
}

#[test]
fn typed_dates_show_the_year_they_became() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path(), "tjbh2012");
    let mut h = harness(&path);
    h.run();
    click(&mut h, "工作方案");
    let year = lianfang::domain::plan::working_year(&h.state().document().unwrap().content, today());
    type_into(&mut h, "签发日期：", "3/31");
    h.key_press(egui::Key::Enter);
    h.run();
    let plan = h.state().document().unwrap().content.plans[0].clone();
    assert_eq!(plan.signed_on, chrono::NaiveDate::from_ymd_opt(year, 3, 31));
    assert!(shows(&h, &format!("{year}年3月31日")), "the field shows the whole date");
}

#[test]
fn a_missing_last_file_is_explained_and_the_start_page_shown() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("搬走了.db");
    let persisted = Persisted { last_open: Some(gone.clone()), ..Persisted::default() };
    let mut h = harness_for(App::with_data_dir(persisted, None, false, Some(dir.path().join("数据"))));
    h.run();
    assert!(h.state().document().is_none());
    assert!(shows(&h, "上次打开的文件"), "{:?}", h.state().notices());
    assert!(shows(&h, "新建本单位文件"));
    // A damaged last file: its reason is shown, nothing is opened, the start page stays.
    std::fs::write(&gone, b"not a database at all, just text".repeat(100)).unwrap();
    let persisted = Persisted { last_open: Some(gone), ..Persisted::default() };
    let mut h = harness_for(App::with_data_dir(persisted, None, false, Some(dir.path().join("数据"))));
    h.run();
    assert!(h.state().document().is_none());
    assert!(shows(&h, "不是 SQLite 数据库文件"));
}

#[test]
fn a_carded_department_cannot_be_rated_best() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path(), "jxau2010");
    let mut h = harness(&path);
    h.run();
    let c = h.state().document().unwrap().content.clone();
    let carded = lianfang::domain::warning::carded_departments(&c);
    let dept = c.departments.iter().find(|d| carded.contains(&d.id)).expect("the demo has a yellow card");
    click(&mut h, "预警与检查");
    click_button(&mut h, "检查考核");
    let round = c.inspection_rounds.first().expect("the demo has an inspection round");
    let round_name = round.name.clone();
    h.get(By::new().role(Role::Button).predicate(move |n| n.label().is_some_and(|l| l.starts_with(&round_name))))
        .click();
    h.run();
    assert!(shows(&h, "有黄牌警告"));
    pick(&mut h, &format!("{}等次：", dept.name), "好");
    assert!(shows(&h, "不能评为“好”等次"), "{:?}", h.state().notices());
    let after = &h.state().document().unwrap().content;
    let result = after.inspection_results.iter().find(|r| r.dept_id == dept.id && r.round_id == round.id).unwrap();
    assert_ne!(result.rating, "好");
}

/// Every message the window shows after these failures is Chinese (ASCII words allowed only
/// for names such as SQLite, PDF, SHA-256).
#[test]
fn error_messages_have_no_english() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("坏文件.db");
    std::fs::write(&bad, "garbage".repeat(300)).unwrap();
    let good = common::demo_file(dir.path(), "lxfl2012");
    let mut h = harness(&bad);
    h.run();
    let mut seen = h.state().notices();
    let mut h = harness(&good);
    h.run();
    click(&mut h, "数据报送");
    // A copy onto the open file itself, and into a folder that cannot be written.
    click_button(&mut h, "另存为干净副本…");
    type_into(&mut h, "文件夹：", &dir.path().to_string_lossy());
    type_into(&mut h, "文件名：", "lxfl2012.db");
    click_button(&mut h, "确定");
    let locked = dir.path().join("只读");
    std::fs::create_dir(&locked).unwrap();
    let mut perms = std::fs::metadata(&locked).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&locked, perms).unwrap();
    click_button(&mut h, "导出报送文件…");
    type_into(&mut h, "文件夹：", &locked.join("不存在").to_string_lossy());
    click_button(&mut h, "确定");
    assert!(shows(&h, "找不到文件夹"));
    click_button(&mut h, "取消");
    seen.extend(h.state().notices());
    assert!(seen.iter().any(|n| n.contains("不能另存到当前打开的文件本身")), "{seen:?}");
    assert!(seen.len() >= 3, "{seen:?}");
    let allowed = ["SQLite", "PDF", "SHA", "Excel", "WPS", "CSV"];
    for n in &seen {
        // Paths and file names are the user's own words.
        let text = n.replace(&dir.path().display().to_string(), "").replace("lxfl2012.db", "");
        for w in text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 3) {
            assert!(allowed.contains(&w), "English “{w}” in “{n}”");
        }
    }
}

#[test]
fn a_draft_with_a_date_that_is_no_date_is_refused_aloud() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path(), "lxfl2012");
    let mut h = harness(&path);
    h.run();
    let before = h.state().document().unwrap().content.risk_points.len();
    click(&mut h, "风险点查找向导");
    click_button(&mut h, "查找向导");
    h.get_by_role_and_label(Role::RadioButton, "单位").click();
    h.run();
    click_button(&mut h, "下一步");
    h.get_by_role_and_label(Role::RadioButton, "外部环境风险").click();
    h.run();
    click_button(&mut h, "下一步");
    type_into(&mut h, "风险点：", "重大事项未经集体研究");
    type_into(&mut h, "表现形式：", "个人说了算。");
    click_button(&mut h, "下一步");
    click_button(&mut h, "下一步");
    h.get_by_role_and_label(Role::RadioButton, "组织评").click();
    h.run();
    click_button(&mut h, "下一步");
    type_into(&mut h, "后期处置完成时限：", "明年上半年");
    click_button(&mut h, "保存草稿");
    assert!(shows(&h, "“明年上半年”不是有效日期"));
    assert_eq!(h.state().document().unwrap().content.risk_points.len(), before, "nothing saved");
}

#[test]
fn an_approved_risk_point_changed_in_substance_is_reviewed_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path(), "lxfl2012");
    let mut h = harness(&path);
    h.run();
    let c = h.state().document().unwrap().content.clone();
    let unique = |d: &str| c.risk_points.iter().filter(|r| r.description == d).count() == 1;
    let rp = c
        .risk_points
        .iter()
        .find(|r| r.status == lianfang::domain::ReviewStatus::Approved && unique(&r.description))
        .expect("an approved risk point")
        .clone();
    click(&mut h, "风险点查找向导");
    click_button(&mut h, "风险点清单");
    type_into(&mut h, "搜索：", &rp.description);
    h.query_all(By::new().role(Role::Button).label(rp.description.as_str())).next().unwrap().click();
    h.run();
    click_button(&mut h, "在向导中修改");
    for _ in 0..7 {
        click_button(&mut h, "下一步");
    }
    assert!(shows(&h, "本次未修改风险点的内容，保存后审核状态不变"));
    for _ in 0..5 {
        click_button(&mut h, "上一步");
    }
    type_into(&mut h, "风险点：", &format!("{}（补充）", rp.description));
    for _ in 0..5 {
        click_button(&mut h, "下一步");
    }
    assert!(shows(&h, "本次修改了风险点的内容，保存后须从头重新审核"));
    click_button(&mut h, "保存并提交审核");
    let after = h.state().document().unwrap().content.risk_points.iter().find(|r| r.id == rp.id).unwrap().clone();
    assert_eq!((after.status, after.review_step), (lianfang::domain::ReviewStatus::InReview, 0));
    assert_eq!(after.grade, rp.grade, "the grade stays");
}
