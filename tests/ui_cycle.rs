//! The year's whole cycle, as a new clerk does it in the window: by clicks and typed Chinese
//! only (no command injected, no store call), from the start page of a first start to the
//! higher office's 上级汇总 of the exported file. Each step asserts what the user sees.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests: a failing unwrap is a failing test")]

mod common;

use common::ui::{click, click_button, harness_for, pick, shows, type_into, wait_until};
use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable as _};
use lianfang::domain::measures::MeasureState;
use lianfang::domain::{ReviewStatus, RiskPoint};
use lianfang::ui::{App, Persisted};

const UNIT: &str = "历下区妇联测试单位";
const RISK: &str = "救助资金发放不公";

fn risk(h: &Harness<'_, App>) -> RiskPoint {
    let c = &h.state().document().expect("a file is open").content;
    c.risk_points.iter().find(|r| r.description == RISK).cloned().expect("the risk point is saved")
}

fn add_member(h: &mut Harness<'_, App>, role: &str, name: &str, titles: &str) {
    pick(h, "职位：", role);
    type_into(h, "姓名：", name);
    type_into(h, "职务：", titles);
    click_button(h, "添加");
    // The preview prints the roster as the seed does: 组　长：张慧　主席.
    assert!(shows(h, &format!("{name}\u{3000}{titles}")), "{role} {name} is in the roster preview");
}

fn next(h: &mut Harness<'_, App>) {
    click_button(h, "下一步");
}

fn radio(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_role_and_label(Role::RadioButton, label).click();
    h.run();
}

/// Start page → a new unit of 历下区妇联's scheme in working year 2027.
fn start_a_new_unit(h: &mut Harness<'_, App>) {
    assert!(shows(h, "欢迎使用廉政风险防控管理系统"), "a first start shows the start page");
    type_into(h, "单位名称：", UNIT);
    radio(h, "四类风险·四步评审（历下区妇联 2012）");
    type_into(h, "工作年度：", "2027");
    click_button(h, "新建本单位文件");
    let doc = h.state().document().expect("the new file is open");
    assert_eq!(doc.content.unit.name, UNIT);
    assert!(doc.content.phases.iter().all(|p| p.starts_on.is_some_and(|d| chrono::Datelike::year(&d) == 2027)));
    click(h, "工作方案");
    assert!(!shows(h, "已逾期"), "nothing is overdue on the first day");
}

/// 领导小组 (组长, 副组长, 成员), a department with its head, a post with its holder, 分管.
fn organise(h: &mut Harness<'_, App>) {
    click(h, "领导小组与机构");
    add_member(h, "组长", "张慧", "主席");
    add_member(h, "副组长", "李敏", "副主席");
    add_member(h, "成员", "王芳", "权益部部长");
    click_button(h, "部门与岗位");
    type_into(h, "新部门：", "权益部");
    click_button(h, "添加部门");
    pick(h, "负责人：", "王芳　权益部部长");
    type_into(h, "新岗位：", "救助专干");
    click_button(h, "添加岗位");
    type_into(h, "或新人员姓名：", "赵静");
    click_button(h, "添加到岗");
    assert!(shows(h, "赵静"), "the holder is listed");
    click_button(h, "分管");
    h.get_by_label("李敏分管权益部").click();
    h.run();
    let c = &h.state().document().unwrap().content;
    assert_eq!(c.supervisions.len(), 1);
    assert_eq!(c.departments[0].head_person_id, c.people.iter().find(|p| p.name == "王芳").map(|p| p.id));
}

/// The wizard: a post's risk point with three measures, graded by the post-type rule.
fn find_a_risk(h: &mut Harness<'_, App>) {
    click(h, "风险点查找向导");
    click_button(h, "查找向导");
    radio(h, "岗位");
    pick(h, "部门：", "权益部");
    pick(h, "岗位：", "救助专干");
    next(h);
    radio(h, "业务流程风险");
    next(h);
    type_into(h, "风险点：", RISK);
    type_into(h, "表现形式：", "不按标准确定救助对象，优亲厚友，虚报冒领救助资金。");
    next(h);
    next(h); // 职权与环节: optional
    radio(h, "民主评");
    next(h);
    type_into(h, "前期预防措施：", "公开救助标准和程序，集体研究确定救助对象");
    type_into(h, "中期监控措施：", "救助名单公示七天，接受群众监督");
    type_into(h, "后期处置措施：", "发现虚报冒领的追回资金并追究责任");
    type_into(h, "后期处置完成时限：", "2027-6-30");
    next(h);
    radio(h, "从事人财物等管理岗位");
    next(h);
    assert!(shows(h, &format!("风险点：{RISK}")));
    click_button(h, "保存并提交审核");
    assert_eq!(risk(h).status, ReviewStatus::InReview);
}

/// 自己找 → 单位查 → 民主评, returned at 民主评 with an opinion, then through all four.
fn review(h: &mut Harness<'_, App>) {
    click_button(h, "风险点清单");
    click_button(h, RISK);
    for step in ["自己找", "单位查"] {
        type_into(h, "审核人：", "王芳");
        click_button(h, &format!("通过“{step}”"));
    }
    type_into(h, "审核人：", "李敏");
    type_into(h, "意见：", "表现形式不具体，请补充发放环节");
    click_button(h, "退回");
    assert_eq!(risk(h).status, ReviewStatus::Returned);
    click_button(h, "在向导中继续编辑");
    assert!(shows(h, "退回意见（民主评，李敏）：表现形式不具体，请补充发放环节"));
    next(h);
    next(h);
    type_into(h, "表现形式：", "发放环节不公示、不签收，优亲厚友，虚报冒领救助资金。");
    for _ in 0..5 {
        next(h);
    }
    click_button(h, "保存并提交审核");
    click_button(h, "风险点清单");
    click_button(h, RISK);
    for step in ["自己找", "单位查", "民主评", "组织评"] {
        if step == "组织评" {
            type_into(h, "审核人：", "区妇联党组");
        }
        click_button(h, &format!("通过“{step}”"));
    }
    assert_eq!(risk(h).status, ReviewStatus::Approved);
    assert!(shows(h, "已确认"));
}

/// 风险等级评定 confirms 一级; the matrix names the supervising leader and the principal.
fn grade_and_matrix(h: &mut Harness<'_, App>) {
    click(h, "风险等级评定");
    click_button(h, "评定风险点");
    click_button(h, &format!("权益部 / 救助专干：{RISK}"));
    radio(h, "从事人财物等管理岗位");
    click_button(h, "保存评定");
    assert_eq!(risk(h).grade, Some(1));
    click(h, "责任矩阵");
    assert!(shows(h, "分管副主席：李敏"), "the supervising leader manages a 一级 risk");
    assert!(shows(h, "主席：张慧"));
}

/// Every measure 落实, in bulk, with 确认人 and evidence; undone once and redone.
fn carry_out_measures(h: &mut Harness<'_, App>) {
    click(h, "防控措施");
    assert!(shows(h, "已落实 0 条，未落实 3 条"));
    pick(h, "落实情况：", "未落实");
    click_button(h, "全选当前显示");
    assert!(shows(h, "已勾选 3 条措施"));
    type_into(h, "确认人：", "王芳");
    type_into(h, "证明材料：", "历下妇发〔2027〕5号 救助资金管理办法");
    click_button(h, "标记已落实");
    let c = &h.state().document().unwrap().content;
    assert!(c.measures.iter().all(|m| m.state() == MeasureState::Done && &*m.confirmed_by == "王芳"));
    assert!(shows(h, "已落实 3 条，未落实 0 条"));
    click_button(h, "编辑");
    let undo =
        By::new().role(Role::Button).predicate(|n| n.label().is_some_and(|l| l.starts_with("撤销：落实 3 条措施")));
    h.get(undo).click();
    h.run();
    assert!(shows(h, "已落实 0 条，未落实 3 条"), "one undo takes back the whole bulk edit");
    click_button(h, "编辑");
    let redo =
        By::new().role(Role::Button).predicate(|n| n.label().is_some_and(|l| l.starts_with("重做：落实 3 条措施")));
    h.get(redo).click();
    h.run();
    assert!(shows(h, "已落实 3 条，未落实 0 条"), "redo does the bulk edit again");
    let c = &h.state().document().unwrap().content;
    assert!(c.measures.iter().all(|m| &*m.confirmed_by == "王芳"), "with the same 确认人");
}

fn print_all(h: &mut Harness<'_, App>, dir: &std::path::Path) {
    click(h, "表格打印");
    click_button(h, "全部打印…");
    type_into(h, "文件夹：", &dir.to_string_lossy());
    click_button(h, "确定");
    assert!(
        wait_until(h, |h| h.state().notices().iter().any(|n| n.starts_with("已全部打印"))),
        "{:?}",
        h.state().notices()
    );
    let folder = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).find(|p| p.is_dir()).unwrap();
    assert!(folder.file_name().unwrap().to_string_lossy().starts_with(&format!("{UNIT}_表格_全单位_")));
    assert_eq!(common::files_in(&folder).len(), 6, "the scheme's six forms");
}

fn export(h: &mut Harness<'_, App>, dir: &std::path::Path) -> std::path::PathBuf {
    click(h, "数据报送");
    click_button(h, "导出报送文件…");
    type_into(h, "文件夹：", &dir.to_string_lossy());
    click_button(h, "确定");
    let files = common::files_in(dir);
    let db = files.iter().find(|f| f.ends_with(".db")).expect("the hand-up copy");
    assert!(files.iter().any(|f| f.ends_with(".报送单.pdf")) && files.iter().any(|f| f.ends_with(".报送单.txt")));
    let path = dir.join(db);
    let sha = lianfang::store::sha256_file(&path).unwrap();
    assert!(shows(h, &sha), "the SHA-256 is shown in the tab");
    assert!(h.query_by_role_and_label(Role::Button, "打开所在文件夹").is_some());
    path
}

fn consolidate(h: &mut Harness<'_, App>, office: &std::path::Path, submitted: &std::path::Path) {
    common::ui::open_area(h, office);
    click_button(h, "导入单位报送文件…");
    type_into(h, "文件夹：", &submitted.to_string_lossy());
    click_button(h, "确定");
    assert!(
        wait_until(h, |h| shows(h, "各单位情况（1 个单位）") && !shows(h, "正在导入")),
        "{:?}",
        h.state().notices()
    );
    assert!(shows(h, UNIT));
}

#[test]
fn a_new_user_finishes_the_years_cycle_by_clicks() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("数据");
    let prints = home.path().join("打印");
    let handup = home.path().join("报送");
    let office = home.path().join("区纪委");
    for d in [&prints, &handup, &office] {
        std::fs::create_dir_all(d).unwrap();
    }
    let mut h = harness_for(App::with_data_dir(Persisted::default(), None, false, Some(data.clone())));
    h.run();
    start_a_new_unit(&mut h);
    organise(&mut h);
    find_a_risk(&mut h);
    review(&mut h);
    grade_and_matrix(&mut h);
    carry_out_measures(&mut h);
    print_all(&mut h, &prints);
    let exported = export(&mut h, &handup);
    let file = h.state().document().unwrap().store.path().to_owned();
    assert_eq!(file, data.join(format!("{UNIT}.db")));
    // Closing and starting again opens the same file.
    let persisted = h.state().persisted().clone();
    drop(h);
    let mut h = harness_for(App::with_data_dir(persisted, None, false, Some(data.clone())));
    h.run();
    let doc = h.state().document().expect("the last file is open again");
    assert_eq!(std::fs::canonicalize(doc.store.path()).unwrap(), std::fs::canonicalize(&file).unwrap());
    assert_eq!(doc.content.measures.iter().filter(|m| m.done).count(), 3);
    consolidate(&mut h, &office, exported.parent().unwrap());
}
