//! 廉政风险警示牌 (001): a sign per department and per post — on the wall (墙牌, A4) or folded on
//! a desk (桌牌) — showing its name and highest level large, in the level's colour, its main
//! risk points and measures, and who manages and answers for them (`report::sign` sets them).

use super::Ctx;
use crate::domain::forms::FormId;
use crate::domain::responsibility::{Role, duty, holders};
use crate::domain::{Department, Id, Post, RiskPoint, RiskScope};
use crate::report::layout::{Block, Form, Sign, SignStyle};

pub(super) fn build(ctx: &Ctx<'_>) -> Vec<Form> {
    let s = ctx.subject;
    let mut out = Vec::new();
    if s.post.is_none() && s.person.is_none() {
        for d in ctx.departments() {
            out.push(dept_card(ctx, d));
        }
    }
    for p in ctx.posts() {
        out.push(post_card(ctx, p));
    }
    if out.is_empty() {
        out.push(card(ctx, String::new(), String::new(), None, &[], None));
    }
    out
}

fn dept_card(ctx: &Ctx<'_>, d: &Department) -> Form {
    let c = ctx.c;
    let risks: Vec<&RiskPoint> = c
        .risk_points
        .iter()
        .filter(|r| crate::domain::responsibility::risk_dept(c, ctx.index, r) == Some(d.id))
        .filter(|r| matches!(r.scope, RiskScope::Department | RiskScope::Post))
        .collect();
    card(ctx, c.unit.name.clone(), d.name.clone(), ctx.levels.department(d.id), &risks, Some(d.id))
}

fn post_card(ctx: &Ctx<'_>, p: &Post) -> Form {
    let c = ctx.c;
    let s = c.scheme();
    let risks: Vec<&RiskPoint> = c.risk_points.iter().filter(|r| r.post_id == Some(p.id)).collect();
    let detail = format!(
        "{}：{}　任职人员：{}",
        s.scope_name(RiskScope::Department),
        ctx.index.dept_name(c, Some(p.dept_id)),
        ctx.holders(p.id)
    );
    card(ctx, detail, p.name.clone(), ctx.levels.post(p.id), &risks, Some(p.dept_id))
}

/// The highest risks first, at most this many on a wall sign and on a desk sign (the rest
/// are in the registers); the measures of the first few.
const ON_WALL: usize = 6;
const ON_DESK: usize = 3;
const MEASURED: usize = 3;

fn card(
    ctx: &Ctx<'_>,
    detail: String,
    name: String,
    level: Option<u8>,
    risks: &[&RiskPoint],
    dept: Option<Id>,
) -> Form {
    let c = ctx.c;
    let s = c.scheme();
    let style = if ctx.info.id == FormId::DeskCard { SignStyle::Desk } else { SignStyle::Wall };
    let mut sorted: Vec<&&RiskPoint> = risks.iter().collect();
    sorted.sort_by_key(|r| r.grade.unwrap_or(u8::MAX));
    let on_card = if style == SignStyle::Desk { ON_DESK } else { ON_WALL };
    let mut risk_lines: Vec<String> = sorted
        .iter()
        .take(on_card)
        .enumerate()
        .map(|(i, r)| format!("{}. {}（{}）", i + 1, r.description, ctx.level(r.grade)))
        .collect();
    let more = risks.len().saturating_sub(on_card);
    if more > 0 {
        risk_lines.push(format!("另有{more}个风险点，见风险点登记表。"));
    }
    if risk_lines.is_empty() {
        risk_lines.push("尚未登记风险点。".to_owned());
    }
    let mut measure_lines: Vec<String> = Vec::new();
    for r in sorted.iter().take(MEASURED) {
        for line in ctx.measures_text(r).lines() {
            if !measure_lines.iter().any(|m| m.ends_with(line)) {
                measure_lines.push(format!("{}. {line}", measure_lines.len() + 1));
            }
        }
    }
    let (managers, answers) = duty(&s.responsibility, level);
    let who = |role: Role| {
        let names: Vec<&str> =
            holders(c, ctx.index, role, dept).into_iter().map(|p| ctx.index.person_name(c, Some(p))).collect();
        format!("{}（{}）", role.name(&s.responsibility), names.join("、"))
    };
    let managing: Vec<String> = managers.iter().map(|r| who(*r)).collect();
    let office = crate::domain::roster::office_text(c, ctx.index);
    let mut sections = vec![("主要风险点".to_owned(), risk_lines)];
    if style == SignStyle::Wall && !measure_lines.is_empty() {
        sections.push(("防控措施".to_owned(), measure_lines));
    }
    sections.push(("分级管理".to_owned(), vec![format!("管理：{}；负责：{}", managing.join("、"), who(answers))]));
    sections.push(("监督举报".to_owned(), vec![format!("{}（{}）", c.leading_group.name, office)]));
    let date = crate::domain::dates::format_date(crate::domain::dates::today());
    let sign = Sign {
        style,
        heading: ctx.plain_title(),
        name,
        detail,
        level: if level.is_some() {
            format!("{}风险", s.level_name(level))
        } else {
            "风险等级：未评定".to_owned()
        },
        rgb: s.level_rgb(level),
        sections,
        footer: format!("制牌单位：{}　　制牌日期：{date}", c.unit.name),
    };
    let mut form = ctx.form(String::new());
    form.signature = Vec::new();
    form.blocks.push(Block::Sign(sign));
    form
}
