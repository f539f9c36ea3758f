//! Forms about posts, powers and figures rather than single risk points: 职权目录表 (001 附件7),
//! 识别一览表 (001 附件8), 统计表 (001 附件11), 岗位廉政风险和等级目录 (003), 岗位职责 (001 附件二).

use super::{Ctx, columns};
use crate::domain::forms::FormId;
use crate::domain::responsibility::risk_dept;
use crate::domain::{Department, Id, RiskScope};
use crate::report::layout::{Block, Form};

pub(super) fn build(ctx: &Ctx<'_>) -> Vec<Form> {
    match ctx.info.id {
        FormId::PowerCatalogue => per_department(ctx, power_catalogue),
        FormId::DeptRiskOverview => per_department(ctx, dept_risk_overview),
        FormId::DeptStatistics => vec![dept_statistics(ctx)],
        FormId::PostDuties => per_department(ctx, post_duties),
        _ => vec![post_level_catalogue(ctx)],
    }
}

/// One copy per department of the subject; when printing the whole unit, departments with no
/// rows are left out (unless none has any: then one blank form).
fn per_department(ctx: &Ctx<'_>, one: fn(&Ctx<'_>, Option<&Department>) -> Form) -> Vec<Form> {
    let everything = ctx.subject == super::Subject::default();
    let mut out: Vec<Form> =
        ctx.departments().into_iter().map(|d| one(ctx, Some(d))).filter(|f| !everything || f.rows() > 0).collect();
    if out.is_empty() {
        out.push(one(ctx, None));
    }
    out
}

fn dept_subtitle(ctx: &Ctx<'_>, d: Option<&Department>) -> String {
    d.map_or_else(String::new, |d| format!("{}：{}", ctx.c.scheme().scope_name(RiskScope::Department), d.name))
}

/// 001 附件二: each post of a department with its duties, the basis it works on, and who holds it.
fn post_duties(ctx: &Ctx<'_>, d: Option<&Department>) -> Form {
    let c = ctx.c;
    let s = c.scheme();
    let mut form = ctx.form(dept_subtitle(ctx, d));
    let rows = ctx
        .posts()
        .into_iter()
        .filter(|p| d.is_some_and(|d| p.dept_id == d.id))
        .enumerate()
        .map(|(n, p)| {
            vec![
                (n + 1).to_string(),
                p.name.clone(),
                s.tier_name(p.tier).to_owned(),
                p.duties.clone(),
                p.basis.clone(),
                ctx.holders(p.id),
            ]
        })
        .collect();
    let cols = [
        ("序号", 0.5),
        (s.scope_name(RiskScope::Post), 1.4),
        ("岗位层次", 1.0),
        ("岗位职责", 3.6),
        ("履职依据", 2.2),
        ("在岗人员", 1.3),
    ];
    form.blocks.push(Block::Table { columns: columns(&cols), rows });
    form
}

/// 001 附件7: 职权名称、内容、行使主体、行使依据、程序、时限、相应责任.
fn power_catalogue(ctx: &Ctx<'_>, d: Option<&Department>) -> Form {
    let c = ctx.c;
    let mut form = ctx.form(dept_subtitle(ctx, d));
    form.landscape = true;
    let powers = c.powers.iter().filter(|p| d.is_some_and(|d| p.dept_id == d.id));
    let rows = powers
        .enumerate()
        .map(|(n, p)| {
            let steps: Vec<&str> =
                c.power_steps.iter().filter(|s| s.power_id == p.id).map(|s| s.name.as_str()).collect();
            let procedure = match (p.procedure.is_empty(), steps.is_empty()) {
                (false, true) => p.procedure.clone(),
                (true, false) => steps.join("→"),
                (false, false) => format!("{}\n流程：{}", p.procedure, steps.join("→")),
                (true, true) => String::new(),
            };
            vec![
                (n + 1).to_string(),
                p.name.clone(),
                p.content.clone(),
                p.subject.clone(),
                p.basis.clone(),
                procedure,
                p.time_limit.clone(),
                p.responsibility.clone(),
            ]
        })
        .collect();
    let cols = [
        ("序号", 0.5),
        ("职权名称", 1.4),
        ("职权内容", 2.6),
        ("行使主体", 1.2),
        ("行使依据", 2.2),
        ("运行程序", 2.4),
        ("时限", 0.9),
        ("相应责任", 1.8),
    ];
    form.blocks.push(Block::Table { columns: columns(&cols), rows });
    form
}

/// 001 附件8: each post with its holders, its risk points, its level and its measures.
fn dept_risk_overview(ctx: &Ctx<'_>, d: Option<&Department>) -> Form {
    let c = ctx.c;
    let s = c.scheme();
    let mut form = ctx.form(dept_subtitle(ctx, d));
    form.landscape = true;
    let posts = ctx.posts().into_iter().filter(|p| d.is_some_and(|d| p.dept_id == d.id));
    let rows = posts
        .enumerate()
        .map(|(n, p)| {
            let risks: Vec<_> = c.risk_points.iter().filter(|r| r.post_id == Some(p.id)).collect();
            let listed = |f: &dyn Fn(&crate::domain::RiskPoint) -> String| {
                risks
                    .iter()
                    .enumerate()
                    .map(|(i, r)| format!("{}. {}", i + 1, f(r)))
                    .filter(|l| !l.ends_with(". "))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            vec![
                (n + 1).to_string(),
                p.name.clone(),
                s.tier_name(p.tier).to_owned(),
                ctx.holders(p.id),
                listed(&|r| format!("{}（{}）", r.description, ctx.level(r.grade))),
                ctx.level(ctx.levels.post(p.id)),
                listed(&|r| ctx.measures_text(r).replace('\n', "；")),
            ]
        })
        .collect();
    let cols = [
        ("序号", 0.5),
        (s.scope_name(RiskScope::Post), 1.3),
        ("岗位层次", 1.0),
        ("任职人员", 1.1),
        ("主要风险点（等级）", 3.4),
        ("岗位风险等级", 0.9),
        ("防控措施", 4.2),
    ];
    form.blocks.push(Block::Table { columns: columns(&cols), rows });
    form
}

/// 001 附件11: per department, posts, risk points by level (未评定 too, so that the levels add
/// up to the risk points) and by class, measures and how many are carried out; a 合计 row.
fn dept_statistics(ctx: &Ctx<'_>) -> Form {
    let c = ctx.c;
    let s = c.scheme();
    let classes: Vec<&str> = s.risk_classes.iter().map(|k| k.name.as_str()).collect();
    let mut form = ctx.form(String::new());
    form.landscape = true;
    let depts = ctx.departments();
    let width = 8 + classes.len();
    let mut totals = vec![0_usize; width];
    let mut rows = Vec::new();
    let mut add = |name: String, dept: Option<Id>, rows: &mut Vec<Vec<String>>| {
        let risks: Vec<_> = c
            .risk_points
            .iter()
            .filter(|r| if dept.is_some() { risk_dept(c, ctx.index, r) == dept } else { r.scope == RiskScope::Unit })
            .collect();
        let measures: Vec<_> =
            risks.iter().flat_map(|r| ctx.index.measures_of.get(&r.id).into_iter().flatten()).collect();
        let done = measures.iter().filter(|i| c.measures.get(***i).is_some_and(|m| m.done)).count();
        let posts = dept.map_or(0, |d| c.posts.iter().filter(|p| p.dept_id == d).count());
        let mut figures = vec![posts, risks.len()];
        figures.extend([Some(1), Some(2), Some(3), None].map(|g| risks.iter().filter(|r| r.grade == g).count()));
        figures.extend(classes.iter().map(|k| risks.iter().filter(|r| r.class == *k).count()));
        figures.push(measures.len());
        figures.push(done);
        for (t, f) in totals.iter_mut().zip(&figures) {
            *t += f;
        }
        let mut row = vec![name];
        row.extend(figures.iter().map(ToString::to_string));
        rows.push(row);
    };
    if ctx.subject.dept.is_none() && c.risk_points.iter().any(|r| r.scope == RiskScope::Unit) {
        add(format!("{}（单位层面）", c.unit.name), None, &mut rows);
    }
    for d in depts {
        add(d.name.clone(), Some(d.id), &mut rows);
    }
    let mut total = vec!["合计".to_owned()];
    total.extend(totals.iter().map(ToString::to_string));
    rows.push(total);
    let mut heads: Vec<(String, f32)> =
        vec![(s.scope_name(RiskScope::Department).to_owned(), 2.0), ("岗位数".into(), 0.8), ("风险点数".into(), 0.9)];
    heads.extend((1..=3).map(|g| (s.level_name(Some(g)).to_owned(), 0.7)));
    heads.push((s.level_name(None).to_owned(), 0.7));
    heads.extend(classes.iter().map(|k| ((*k).to_owned(), 0.9)));
    heads.push(("防控措施".into(), 0.9));
    heads.push(("已落实".into(), 0.8));
    let refs: Vec<(&str, f32)> = heads.iter().map(|(h, w)| (h.as_str(), *w)).collect();
    form.blocks.push(Block::Table { columns: columns(&refs), rows });
    form
}

/// 003: every post of the subject with its tier, level and number of risk points.
fn post_level_catalogue(ctx: &Ctx<'_>) -> Form {
    let c = ctx.c;
    let s = c.scheme();
    let mut form = ctx.form(if ctx.subject == super::Subject::default() {
        String::new()
    } else {
        ctx.subject.describe(c, ctx.index)
    });
    // By department, then by level (the highest first, ungraded last), as 003's 目录 lists them.
    let mut posts = ctx.posts();
    posts.sort_by_key(|p| (ctx.dept_rank(p.dept_id), ctx.levels.post(p.id).unwrap_or(u8::MAX)));
    let rows = posts
        .into_iter()
        .enumerate()
        .map(|(n, p)| {
            let count = c.risk_points.iter().filter(|r| r.post_id == Some(p.id)).count();
            vec![
                (n + 1).to_string(),
                ctx.index.dept_name(c, Some(p.dept_id)).to_owned(),
                p.name.clone(),
                s.tier_name(p.tier).to_owned(),
                ctx.level(ctx.levels.post(p.id)),
                count.to_string(),
            ]
        })
        .collect();
    let cols = [
        ("序号", 0.6),
        (s.scope_name(RiskScope::Department), 1.6),
        (s.scope_name(RiskScope::Post), 1.8),
        ("岗位层次", 1.4),
        ("风险等级", 1.0),
        ("风险点数", 0.9),
    ];
    form.blocks.push(Block::Table { columns: columns(&cols), rows });
    form
}

#[cfg(test)]
mod tests {
    use crate::report::forms::{Subject, build};
    use crate::report::layout::Block;

    #[test]
    fn the_statistics_add_up_in_every_row_and_column() {
        let mut c = crate::demo::build("imut2011").unwrap();
        // Some risk points not yet graded: the 未评定 column keeps the row adding up.
        for r in c.risk_points.iter_mut().step_by(7) {
            r.grade = None;
        }
        let forms = build(&c, crate::domain::forms::FormId::DeptStatistics, &Subject::default()).unwrap();
        let Some(Block::Table { columns, rows }) = forms[0].blocks.first() else { panic!("a table") };
        let at = |name: &str| columns.iter().position(|col| col.header == name).unwrap();
        let (points, ungraded) = (at("风险点数"), at("未评定"));
        let number = |row: &Vec<String>, i: usize| row[i].parse::<usize>().unwrap();
        for row in rows {
            let levels: usize = (points + 1..=ungraded).map(|i| number(row, i)).sum();
            assert_eq!(levels, number(row, points), "{row:?}");
        }
        let (total, body) = rows.split_last().unwrap();
        for (i, column) in columns.iter().enumerate().skip(1) {
            assert_eq!(body.iter().map(|r| number(r, i)).sum::<usize>(), number(total, i), "{}", column.header);
        }
        assert!(number(total, ungraded) > 0);
    }

    #[test]
    fn the_post_level_catalogue_keeps_each_department_together_highest_level_first() {
        for scheme in ["fzsx2013", "jxau2010", "imut2011", "lxfl2012", "tjbh2012"] {
            post_levels_grouped(scheme);
        }
    }

    fn post_levels_grouped(scheme: &str) {
        let mut c = crate::demo::build(scheme).unwrap();
        // Posts numbered within their department, read back in the file's order (seq, id) —
        // as a unit's own file holds them: departments interleave.
        let mut next: std::collections::HashMap<crate::domain::Id, i64> = std::collections::HashMap::new();
        for p in &mut c.posts {
            let n = next.entry(p.dept_id).or_default();
            (p.seq, *n) = (*n, *n + 1);
        }
        c.posts.sort_by_key(|p| (p.seq, p.id));
        let forms = build(&c, crate::domain::forms::FormId::PostLevelCatalogue, &Subject::default()).unwrap();
        let Some(Block::Table { columns, rows }) = forms[0].blocks.first() else { panic!("a table") };
        let dept =
            columns.iter().position(|col| col.header == c.scheme().scope_name(crate::domain::RiskScope::Department));
        let (dept, level) = (dept.unwrap(), columns.iter().position(|col| col.header == "风险等级").unwrap());
        let rank = |name: &str| (1..=3u8).find(|g| c.scheme().level_name(Some(*g)) == name).unwrap_or(u8::MAX);
        let mut seen: Vec<&str> = Vec::new();
        for pair in rows.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a[dept] == b[dept] {
                assert!(rank(&a[level]) <= rank(&b[level]), "{a:?} before {b:?}");
            } else {
                assert!(!seen.contains(&b[dept].as_str()), "{} comes back after {}", b[dept], a[dept]);
                seen.push(&a[dept]);
            }
        }
        assert!(seen.len() > 2, "several departments");
        assert!(rows.iter().any(|r| rank(&r[level]) <= 3), "levels are read back ({scheme})");
    }
}
