//! 风险等级评定, 责任矩阵 and 预警 as a user drives them: grading by each method, overriding
//! with a reason, watching the matrix follow, two verified reports giving the yellow card, and
//! a yearly snapshot showing what changed.
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

/// A small unit: 刘春友 (组长) supervises nobody, 王洪军 (副组长) supervises 财务处 headed by
/// 张敏; one key post 会计岗 with one ungraded risk point.
fn small_unit(dir: &Path, scheme: &str) -> PathBuf {
    let mut c = Content::new_unit("测试单位", "", Scheme::preset(scheme).unwrap().unwrap());
    let person = |name: &str, title: &str| Person {
        id: new_id(),
        name: name.into(),
        titles: vec![title.into()],
        dept_id: None,
        note: String::new(),
        stamp: Stamp::now(),
    };
    let (boss, deputy, head) = (person("刘春友", "党委书记"), person("王洪军", "副院长"), person("张敏", "处长"));
    let dept = Department {
        id: new_id(),
        parent_id: None,
        seq: 0,
        name: "财务处".into(),
        kind: "处室".into(),
        head_person_id: Some(head.id),
        stamp: Stamp::now(),
    };
    let post = Post {
        id: new_id(),
        dept_id: dept.id,
        seq: 0,
        name: "会计岗".into(),
        tier: PostTier::General,
        duties: String::new(),
        basis: String::new(),
        key_post: true,
        stamp: Stamp::now(),
    };
    let seat = |person_id, role, seq| GroupMember {
        id: new_id(),
        person_id,
        role,
        executive: false,
        concurrent: false,
        seq,
        stamp: Stamp::now(),
    };
    c.group_members = vec![seat(boss.id, GroupRole::Leader, 0), seat(deputy.id, GroupRole::DeputyLeader, 1)];
    c.supervisions =
        vec![Supervision { id: new_id(), leader_person_id: deputy.id, dept_id: dept.id, stamp: Stamp::now() }];
    c.risk_points = vec![RiskPoint {
        id: new_id(),
        scope: RiskScope::Post,
        dept_id: Some(dept.id),
        post_id: Some(post.id),
        person_id: None,
        seq: 0,
        class: c.unit.scheme.risk_classes[0].name.as_str().into(),
        description: "报销审核把关不严".into(),
        manifestation: "对不合规票据审核不严，人情放行。".into(),
        power_id: None,
        power_step_id: None,
        found_by: "自己找".into(),
        status: ReviewStatus::Approved,
        review_step: 0,
        grade: None,
        grade_inputs: GradeInputs::default(),
        grade_rationale: Default::default(),
        grade_override_reason: Default::default(),
        stamp: Stamp::now(),
    }];
    c.people = vec![boss, deputy, head];
    c.departments = vec![dept];
    c.posts = vec![post];
    let path = dir.join(format!("{scheme}.db"));
    Store::create(&path, &c).unwrap().close().unwrap();
    path
}

fn risk(h: &Harness<'_, App>) -> RiskPoint {
    h.state().document().unwrap().content.risk_points[0].clone()
}

fn open_grading(h: &mut Harness<'_, App>) {
    click(h, "风险等级评定");
    click_button(h, "评定风险点");
    click_button(h, "财务处 / 会计岗：报销审核把关不严");
}

#[test]
fn grading_by_harm() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&small_unit(dir.path(), "imut2011"));
    h.run();
    open_grading(&mut h);
    h.get_by_role_and_label(Role::RadioButton, "危害较大，应当受到纪律处分").click();
    h.run();
    assert!(shows(&h, "按危害程度：危害较大，应当受到纪律处分 → 二级"));
    click_button(&mut h, "保存评定");
    let rp = risk(&h);
    assert_eq!(rp.grade, Some(2));
    assert_eq!(rp.grade_inputs.harm_rule, Some(1));
    assert!(rp.grade_rationale.contains("应当受到纪律处分"));
}

#[test]
fn grading_by_post_type() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&small_unit(dir.path(), "fzsx2013"));
    h.run();
    open_grading(&mut h);
    let rule = "从事财务、物资采购、基建维修、工程招投标、重要项目管理、工程建设基建、招生、招聘等管理岗位";
    h.get_by_role_and_label(Role::RadioButton, rule).click();
    h.run();
    click_button(&mut h, "保存评定");
    assert_eq!(risk(&h).grade, Some(1));
    assert!(risk(&h).grade_rationale.ends_with("→ 高"), "{}", risk(&h).grade_rationale);
}

#[test]
fn grading_by_matrix_then_override_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = small_unit(dir.path(), "tjbh2012");
    let mut h = harness(&path);
    h.run();
    open_grading(&mut h);
    pick(&mut h, "发生几率：", "中");
    pick(&mut h, "危害程度：", "较重");
    click_button(&mut h, "保存评定");
    assert_eq!(risk(&h).grade, Some(2));
    assert!(risk(&h).grade_rationale.contains("发生几率“中”×危害程度“较重”"));
    // Override: the reason is required and goes to the audit log.
    h.get_by_role_and_label(Role::CheckBox, "手动调整等级（须说明理由，记入修改记录）").click();
    h.run();
    pick(&mut h, "调整为：", "一级");
    click_button(&mut h, "保存评定");
    assert!(shows(&h, "手动调整等级必须填写理由"));
    assert_eq!(risk(&h).grade, Some(2), "nothing saved without a reason");
    type_into(&mut h, "调整理由：", "近三年审计两次发现同类问题，提高一级管理");
    click_button(&mut h, "保存评定");
    let rp = risk(&h);
    assert_eq!(rp.grade, Some(1));
    assert_eq!(rp.grade_override_reason, "近三年审计两次发现同类问题，提高一级管理");
    drop(h);
    let audit = Store::open_read_only(&path).unwrap().recent_audit(5).unwrap();
    let note = audit.iter().find(|a| a.action == "override").expect("an override line in the audit log");
    assert!(note.detail.contains("由二级调整为一级") && note.detail.contains("近三年审计两次"), "{}", note.detail);
}

#[test]
fn the_matrix_follows_the_level() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&small_unit(dir.path(), "imut2011"));
    h.run();
    open_grading(&mut h);
    h.get_by_role_and_label(Role::RadioButton, "危害较小，造成不良影响或一定经济损失").click();
    h.run();
    click_button(&mut h, "保存评定");
    click(&mut h, "责任矩阵");
    // 三级: the department head manages and answers.
    assert!(shows(&h, "部门负责人：张敏"));
    assert!(!shows(&h, "主要领导：刘春友"));
    click(&mut h, "风险等级评定");
    h.get_by_role_and_label(Role::RadioButton, "危害大，触犯国家法律，构成犯罪").click();
    h.run();
    click_button(&mut h, "保存评定");
    click(&mut h, "责任矩阵");
    // 一级: head and supervising leader manage, the principal answers; no letter yet is a gap.
    assert!(shows(&h, "分管校领导：王洪军"));
    assert!(shows(&h, "主要领导：刘春友"));
    assert!(shows(&h, "负责人未签分级管理责任书"));
    click_button(&mut h, "按领导");
    assert!(shows(&h, "负责一级风险点但未签责任书"));
}

#[test]
fn two_verified_reports_give_the_yellow_card() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&small_unit(dir.path(), "jxau2010"));
    h.run();
    click(&mut h, "预警与检查");
    assert!(shows(&h, "目前没有岗位达到黄牌警告条件"));
    for content in ["群众反映会计岗报销时吃拿卡要", "审计发现会计岗违规报销招待费"] {
        click_button(&mut h, "新增预警");
        pick(&mut h, "岗位：", "财务处·会计岗");
        type_into(&mut h, "反映内容：", content);
        h.get_by_role_and_label(Role::CheckBox, "经核查属实（查实）").click();
        h.run();
        click_button(&mut h, "保存预警");
    }
    assert_eq!(h.state().document().unwrap().content.warnings.len(), 2);
    assert!(shows(&h, "财务处·会计岗：查实举报 2 次 —— 廉政风险黄牌警告，对该岗位负责人实行重点监管"));
    assert!(shows(&h, "不能评为“好”等次"), "the consequence for the unit's assessment is shown");
}

#[test]
fn a_snapshot_shows_what_changed_since() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&small_unit(dir.path(), "imut2011"));
    h.run();
    click(&mut h, "预警与检查");
    click_button(&mut h, "年度动态调整");
    type_into(&mut h, "快照名称：", "2025年度风险点清单");
    click_button(&mut h, "保存当前清单为快照");
    open_grading(&mut h);
    h.get_by_role_and_label(Role::RadioButton, "危害大，触犯国家法律，构成犯罪").click();
    h.run();
    click_button(&mut h, "保存评定");
    click(&mut h, "预警与检查");
    click_button(&mut h, "与当前比较");
    assert!(shows(&h, "等级变化（1）"));
    assert!(shows(&h, "财务处 / 会计岗：报销审核把关不严（未评定 → 一级）"));
}
