//! The risk-inventory wizard and review loop as a first-time user drives them, in two schemes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests: a failing unwrap is a failing test")]

mod common;

use std::path::{Path, PathBuf};

use common::ui::{click, click_button, harness, pick, shows, type_into};
use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use lianfang::domain::*;
use lianfang::store::Store;
use lianfang::ui::App;

/// A unit with 财务处 (post 会计岗, held by 李红) and a leader 赵刚 in the group.
fn unit(dir: &Path, scheme: &str) -> PathBuf {
    let mut c = Content::new_unit("测试单位", "", Scheme::preset(scheme).unwrap().unwrap());
    let dept = Department {
        id: new_id(),
        parent_id: None,
        seq: 0,
        name: "财务处".into(),
        kind: "处室".into(),
        head_person_id: None,
        stamp: Stamp::now(),
    };
    let post = Post {
        id: new_id(),
        dept_id: dept.id,
        seq: 0,
        name: "会计岗".into(),
        tier: PostTier::General,
        duties: "负责报销审核".into(),
        basis: String::new(),
        key_post: true,
        stamp: Stamp::now(),
    };
    let person = |name: &str, title: &str| Person {
        id: new_id(),
        name: name.into(),
        titles: vec![title.into()],
        dept_id: Some(dept.id),
        note: String::new(),
        stamp: Stamp::now(),
    };
    c.people = vec![person("李红", "会计"), person("赵刚", "副校长")];
    c.departments = vec![dept];
    c.posts = vec![post];
    let path = dir.join(format!("{scheme}.db"));
    Store::create(&path, &c).unwrap().close().unwrap();
    path
}

fn radio(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_role_and_label(Role::RadioButton, label).click();
    h.run();
}

fn next(h: &mut Harness<'_, App>) {
    click_button(h, "下一步");
}

/// Step 1 for `scope` (as the scheme names it).
fn object(h: &mut Harness<'_, App>, scope: &str) {
    radio(h, scope);
    match scope {
        "部门" | "科室" => pick(h, "部门：", "财务处"),
        "岗位" => {
            pick(h, "部门：", "财务处");
            pick(h, "岗位：", "会计岗");
        }
        "个人" => pick(h, "个人：", "赵刚　副校长"),
        _ => {}
    }
    next(h);
}

/// Steps 3–7 with Chinese text; step 7 (grading) is left to the caller.
fn texts_to_measures(h: &mut Harness<'_, App>, class: &str, description: &str, found_by: &str) {
    radio(h, class);
    next(h);
    type_into(h, "风险点：", description);
    type_into(h, "表现形式：", "对不合规票据、超标准开支审核不严，人情放行，甚至虚开发票套取资金。");
    next(h);
    next(h); // 职权与环节: optional
    radio(h, found_by);
    next(h);
    type_into(h, "前期预防措施：", "严格执行报销审批制度和开支标准");
    type_into(h, "中期监控措施：", "推行公务卡结算，大额支出事前审批");
    type_into(h, "后期处置措施：", "违规报销的追回资金并追究责任");
    type_into(h, "后期处置完成时限：", "2026年12月31日");
    next(h);
}

fn find<'c>(c: &'c Content, description: &str) -> &'c RiskPoint {
    c.risk_points.iter().find(|r| r.description == description).unwrap_or_else(|| panic!("{description} not saved"))
}

#[test]
fn every_level_in_the_five_class_scheme() {
    let dir = tempfile::tempdir().unwrap();
    let path = unit(dir.path(), "tjbh2012");
    let mut h = harness(&path);
    h.run();
    click(&mut h, "风险点查找向导");
    for (scope, class, description) in [
        ("学院", "权力风险", "“三重一大”事项未经集体决策"),
        ("部门", "制度缺失风险", "财务处报销制度存在空白"),
        ("岗位", "管理风险", "报销审核把关不严"),
        ("个人", "人员素质风险", "廉洁自律意识松懈"),
    ] {
        click_button(&mut h, "查找向导");
        object(&mut h, scope);
        texts_to_measures(&mut h, class, description, "互相查");
        pick(&mut h, "发生几率：", "高");
        pick(&mut h, "危害程度：", "较重");
        next(&mut h);
        assert!(shows(&h, &format!("风险点：{description}")), "the summary shows what was typed");
        click_button(&mut h, "保存并提交审核");
        let c = &h.state().document().unwrap().content;
        let rp = find(c, description);
        assert_eq!(rp.status, ReviewStatus::InReview, "{scope}");
        assert_eq!(rp.grade, Some(1), "高 × 较重 is 一级 in the default matrix");
        assert_eq!(c.measures.iter().filter(|m| m.risk_point_id == rp.id).count(), 3);
    }
    drop(h);
    let c = Store::open_read_only(&path).unwrap().load().unwrap();
    let scopes: Vec<RiskScope> = c.risk_points.iter().map(|r| r.scope).collect();
    assert_eq!(scopes, [RiskScope::Unit, RiskScope::Department, RiskScope::Post, RiskScope::Person]);
    let person = find(&c, "廉洁自律意识松懈");
    assert_eq!(c.people.iter().find(|p| Some(p.id) == person.person_id).unwrap().name, "赵刚");
}

#[test]
fn a_draft_is_continued_then_reviewed_with_a_rejection_and_found_by_search() {
    let dir = tempfile::tempdir().unwrap();
    let path = unit(dir.path(), "lxfl2012");
    let mut h = harness(&path);
    h.run();
    click(&mut h, "风险点查找向导");
    click_button(&mut h, "查找向导");
    // 历下区妇联 has no department level: 单位, 岗位, 个人 only.
    assert!(h.query_by_role_and_label(Role::RadioButton, "科室").is_none());
    object(&mut h, "岗位");
    radio(&mut h, "业务流程风险");
    next(&mut h);
    type_into(&mut h, "风险点：", "救助资金发放不公");
    // Back and forward keep what was typed.
    click_button(&mut h, "上一步");
    next(&mut h);
    assert!(shows(&h, "救助资金发放不公"));
    click_button(&mut h, "保存草稿");
    let draft = find(&h.state().document().unwrap().content, "救助资金发放不公").clone();
    assert_eq!(draft.status, ReviewStatus::Draft);
    // Continue the draft from the list.
    click_button(&mut h, "风险点清单");
    type_into(&mut h, "搜索：", "救助资金");
    assert!(shows(&h, "共 1 个风险点，显示 1 个"));
    click_button(&mut h, "救助资金发放不公");
    click_button(&mut h, "在向导中继续编辑");
    next(&mut h);
    next(&mut h);
    type_into(&mut h, "表现形式：", "不按标准确定救助对象，优亲厚友。");
    next(&mut h);
    next(&mut h);
    radio(&mut h, "民主评");
    next(&mut h);
    next(&mut h);
    radio(&mut h, "从事人财物等管理岗位");
    next(&mut h);
    click_button(&mut h, "保存并提交审核");
    let c = &h.state().document().unwrap().content;
    assert_eq!(c.risk_points.len(), 1, "the draft was continued, not duplicated");
    assert_eq!(find(c, "救助资金发放不公").status, ReviewStatus::InReview);
    // Review: 自己找 → 单位查 → 民主评 → 组织评; rejected at 组织评, back to 自己找.
    click_button(&mut h, "风险点清单");
    click_button(&mut h, "救助资金发放不公");
    for step in ["自己找", "单位查", "民主评"] {
        // Each step starts with an empty reviewer (no one has signed it before).
        assert_eq!(h.get_by_role_and_label(Role::TextInput, "审核人：").value().unwrap_or_default(), "");
        type_into(&mut h, "审核人：", "王主席");
        type_into(&mut h, "意见：", "同意");
        click_button(&mut h, &format!("通过“{step}”"));
    }
    type_into(&mut h, "审核人：", "组织部");
    click_button(&mut h, "退回");
    assert!(shows(&h, "退回须填写意见"), "a return needs an opinion");
    assert_eq!(find(&h.state().document().unwrap().content, "救助资金发放不公").status, ReviewStatus::InReview);
    type_into(&mut h, "意见：", "表现形式笼统，重新查找");
    click_button(&mut h, "退回");
    let rp = find(&h.state().document().unwrap().content, "救助资金发放不公").clone();
    assert_eq!((rp.status, rp.review_step), (ReviewStatus::Returned, 0));
    assert!(shows(&h, "对未能通过审定的，要重新实施前三个环节"));
    // The history under the risk point is read from the file: each step as signed, the return too.
    assert!(shows(&h, "审核：民主评　王主席"));
    assert!(shows(&h, "未通过：表现形式笼统，重新查找"));
    // Re-editing in the wizard shows why it came back.
    click_button(&mut h, "在向导中继续编辑");
    assert!(shows(&h, "退回意见（组织评，组织部）：表现形式笼统，重新查找"));
    click_button(&mut h, "风险点清单");
    click_button(&mut h, "救助资金发放不公");
    click_button(&mut h, "提交审核");
    for (step, who) in [("自己找", "王主席"), ("单位查", "王主席"), ("民主评", "王主席"), ("组织评", "组织部")]
    {
        // The second time round, each step offers whoever signed it last.
        assert_eq!(h.get_by_role_and_label(Role::TextInput, "审核人：").value().unwrap_or_default(), who, "{step}");
        click_button(&mut h, &format!("通过“{step}”"));
    }
    drop(h);
    let c = Store::open_read_only(&path).unwrap().load().unwrap();
    let rp = find(&c, "救助资金发放不公");
    assert_eq!(rp.status, ReviewStatus::Approved);
    assert_eq!(rp.grade, Some(1));
    let records: Vec<(String, bool)> =
        c.review_records.iter().filter(|r| r.risk_point_id == rp.id).map(|r| (r.step_name.clone(), r.passed)).collect();
    assert_eq!(records.len(), 8);
    assert!(records.contains(&("组织评".to_owned(), false)));
    assert!(records.contains(&("组织评".to_owned(), true)));
}

#[test]
fn unit_and_person_levels_in_the_four_class_scheme() {
    let dir = tempfile::tempdir().unwrap();
    let path = unit(dir.path(), "lxfl2012");
    let mut h = harness(&path);
    h.run();
    click(&mut h, "风险点查找向导");
    for (scope, description) in [("单位", "重大事项未经集体研究"), ("个人", "接受服务对象宴请")] {
        click_button(&mut h, "查找向导");
        object(&mut h, scope);
        texts_to_measures(&mut h, "外部环境风险", description, "组织评");
        radio(&mut h, "单位领导班子正职岗位");
        next(&mut h);
        click_button(&mut h, "保存并提交审核");
    }
    let c = &h.state().document().unwrap().content;
    assert_eq!(find(c, "重大事项未经集体研究").scope, RiskScope::Unit);
    let person = find(c, "接受服务对象宴请");
    assert_eq!((person.scope, person.grade), (RiskScope::Person, Some(1)));
    // The list filters by department and post.
    click_button(&mut h, "风险点清单");
    pick(&mut h, "部门：", "财务处");
    assert!(shows(&h, "共 2 个风险点，显示 1 个"), "赵刚 is in 财务处: his own risk point counts there");
    pick(&mut h, "岗位：", "会计岗");
    assert!(shows(&h, "共 2 个风险点，显示 0 个"), "neither is on the post 会计岗");
}

#[test]
fn missing_fields_are_asked_for_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&unit(dir.path(), "imut2011"));
    h.run();
    click(&mut h, "风险点查找向导");
    click_button(&mut h, "查找向导");
    radio(&mut h, "岗位");
    next(&mut h);
    assert!(shows(&h, "请选择部门和岗位"));
    click_button(&mut h, "保存草稿");
    assert!(shows(&h, "请选择部门和岗位"));
    assert!(h.state().document().unwrap().content.risk_points.is_empty());
}
