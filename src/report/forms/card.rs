//! 廉政风险警示牌 (001): a card per department and per post, showing its highest level in the
//! level's colour, its main risk points and measures, and who manages and answers for them.

use super::{Ctx, columns};
use crate::domain::responsibility::{Role, duty, holder};
use crate::domain::{Department, Id, Post, RiskPoint, RiskScope};
use crate::report::layout::{Block, Form};

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
        out.push(card(ctx, String::new(), None, &[], None));
    }
    out
}

fn dept_card(ctx: &Ctx<'_>, d: &Department) -> Form {
    let c = ctx.c;
    let risks: Vec<&RiskPoint> = c
        .risk_points
        .iter()
        .filter(|r| crate::domain::responsibility::risk_dept(c, &ctx.index, r) == Some(d.id))
        .filter(|r| matches!(r.scope, RiskScope::Department | RiskScope::Post))
        .collect();
    let subtitle = format!("{}：{}", c.scheme().scope_name(RiskScope::Department), d.name);
    card(ctx, subtitle, ctx.levels.department(d.id), &risks, Some(d.id))
}

fn post_card(ctx: &Ctx<'_>, p: &Post) -> Form {
    let c = ctx.c;
    let s = c.scheme();
    let risks: Vec<&RiskPoint> = c.risk_points.iter().filter(|r| r.post_id == Some(p.id)).collect();
    let subtitle = format!(
        "{}：{}　{}：{}　任职人员：{}",
        s.scope_name(RiskScope::Department),
        ctx.index.dept_name(c, Some(p.dept_id)),
        s.scope_name(RiskScope::Post),
        p.name,
        ctx.holders(p.id)
    );
    card(ctx, subtitle, ctx.levels.post(p.id), &risks, Some(p.dept_id))
}

/// The highest risks first, at most this many on a card (the rest are in the registers).
const ON_CARD: usize = 8;

fn card(ctx: &Ctx<'_>, subtitle: String, level: Option<u8>, risks: &[&RiskPoint], dept: Option<Id>) -> Form {
    let c = ctx.c;
    let s = c.scheme();
    let mut form = ctx.form(subtitle);
    form.particulars.1 = format!("制牌日期：{}", crate::domain::dates::format_date(crate::domain::dates::today()));
    form.signature = Vec::new();
    let band =
        if level.is_some() { format!("{}风险", s.level_name(level)) } else { "风险等级：未评定".to_owned() };
    form.blocks.push(Block::Band { text: band, rgb: s.level_rgb(level) });
    let mut sorted: Vec<&&RiskPoint> = risks.iter().collect();
    sorted.sort_by_key(|r| r.grade.unwrap_or(u8::MAX));
    let shown = sorted.iter().take(ON_CARD);
    let risk_lines: Vec<String> = shown
        .clone()
        .enumerate()
        .map(|(i, r)| format!("{}. {}（{}）", i + 1, r.description, ctx.level(r.grade)))
        .collect();
    let mut measure_lines: Vec<String> = Vec::new();
    for r in shown {
        for line in ctx.measures_text(r).lines() {
            if !measure_lines.iter().any(|m| m.ends_with(line)) {
                measure_lines.push(format!("{}. {line}", measure_lines.len() + 1));
            }
        }
    }
    let more = risks.len().saturating_sub(ON_CARD);
    let mut risk_text = risk_lines.join("\n");
    if more > 0 {
        risk_text.push_str(&format!("\n另有 {more} 个风险点，见风险点登记表。"));
    }
    let (managers, answers) = duty(level);
    let who = |role: Role| {
        format!("{}（{}）", role.name(&s.responsibility), ctx.index.person_name(c, holder(c, &ctx.index, role, dept)))
    };
    let managing: Vec<String> = managers.iter().map(|r| who(*r)).collect();
    let office = crate::domain::roster::office_text(c, &ctx.index);
    let rows = vec![
        vec!["主要风险点".to_owned(), risk_text],
        vec!["防控措施".to_owned(), measure_lines.join("\n")],
        vec!["分级管理".to_owned(), format!("管理：{}；负责：{}", managing.join("、"), who(answers))],
        vec!["监督举报".to_owned(), format!("{}（{}）", c.leading_group.name, office)],
    ];
    form.blocks.push(Block::Table { columns: columns(&[("项目", 1.0), ("内容", 5.0)]), rows });
    form
}
