//! Letters signed by one person: 廉政承诺书 (003, 004) and 廉政风险分级管理责任书 (001). Their text
//! is a template the unit can edit (`FormWording::text`); `{姓名}`-style fields are filled in.

use std::collections::HashMap;

use super::{Ctx, columns};
use crate::domain::dates::today;
use crate::domain::forms::FormId;
use crate::domain::responsibility::{Role, duty_of, is_principal, principals, risk_dept, rule_text};
use crate::domain::{Id, Person, RiskPoint, RiskScope};
use crate::report::layout::{Block, Form};

/// The default 廉政承诺书; one paragraph per line.
pub const COMMITMENT_TEMPLATE: &str = "为切实加强党风廉政建设，认真落实{单位}廉政风险防控工作，本人郑重承诺：
一、严格遵守党的政治纪律和各项廉洁自律规定，不利用职务之便为本人或他人谋取私利。
二、认真查找本人及所在岗位的廉政风险点，落实各项防控措施，按规定的权限和程序行使权力。
三、不收受可能影响公正执行公务的礼品、礼金和有价证券，不参加可能影响公正执行公务的宴请和娱乐活动。
四、自觉接受组织和群众监督，如有违反，愿意承担相应责任。";

/// The default 廉政风险分级管理责任书; `{责任范围}`, `{分级管理}` and `{风险点统计}` are filled in.
pub const RESPONSIBILITY_TEMPLATE: &str =
    "为落实党风廉政建设责任制和“一岗双责”，推进廉政风险分级管理，根据{单位}廉政风险防控工作实施方案，签订本责任书。
一、责任范围：{责任范围}
二、分级管理：{分级管理}
三、{风险点统计}
四、责任人应督促落实各项防控措施，定期检查，发现问题及时纠正；对失职失责造成不良后果的，按有关规定追究责任。
本责任书一式两份，双方各执一份，有效期一年。";

pub(super) fn build(ctx: &Ctx<'_>) -> Vec<Form> {
    if ctx.info.id == FormId::Commitment { commitments(ctx) } else { responsibility_letters(ctx) }
}

fn fill(template: &str, fields: &[(&str, &str)]) -> Vec<String> {
    let mut text = template.to_owned();
    for (key, value) in fields {
        text = text.replace(&format!("{{{key}}}"), value);
    }
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// The year a letter without a record is for: the plan's working year.
fn year(c: &crate::domain::Content) -> i64 {
    i64::from(crate::domain::plan::working_year(c, today()))
}

/// The date line of a letter, left for the signer's hand.
const BLANK_DATE: &str = "　　　　年　　月　　日";

/// A letter: title, year, who signs (name, titles and department, never left empty when the
/// file knows them), the paragraphs and the signature lines.
fn letter(ctx: &Ctx<'_>, person: Option<&Person>, year: i64, paragraphs: Vec<String>, signature: Vec<String>) -> Form {
    let c = ctx.c;
    let mut form = ctx.form(format!("（{year}年度）"));
    form.title = ctx.plain_title();
    let (titles, dept) = person.map(|p| standing(ctx, p)).unwrap_or_default();
    form.particulars = (
        format!("姓名：{}　职务：{titles}", person.map_or("", |p| &p.name)),
        format!("{}：{dept}", c.scheme().scope_name(RiskScope::Department)),
    );
    form.blocks.push(Block::Letter(paragraphs));
    form.signature = signature;
    form
}

/// A person's titles and department as a letter names them: the recorded titles, else the
/// posts held, else the roles in the leading group; the recorded department, else that of the
/// first post held.
fn standing(ctx: &Ctx<'_>, p: &Person) -> (String, String) {
    let c = ctx.c;
    let posts: Vec<&crate::domain::Post> =
        ctx.held_posts(Some(p.id)).iter().filter_map(|id| ctx.index.post(c, Some(*id))).collect();
    let titles = if p.titles.is_empty() {
        let held: Vec<&str> = posts.iter().map(|post| post.name.as_str()).collect();
        let roles: Vec<String> = c
            .group_members
            .iter()
            .filter(|m| m.person_id == p.id)
            .map(|m| format!("{}{}", c.leading_group.name, m.role.label()))
            .collect();
        if held.is_empty() { roles.join("、") } else { held.join("、") }
    } else {
        p.titles_text()
    };
    // A leader of the unit belongs to no department: the unit stands there.
    let dept = p.dept_id.or_else(|| posts.first().map(|post| post.dept_id));
    let dept = if dept.is_some() { ctx.index.dept_name(c, dept).to_owned() } else { c.unit.name.clone() };
    (titles, dept)
}

/// The signature lines of a letter: who signs, the unit's seal, the date left blank.
fn signature_lines(ctx: &Ctx<'_>, signers: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = signers.iter().map(|s| format!("{s}（签字）：")).collect();
    lines.push(format!("{}（公章）", ctx.c.unit.name));
    lines.push(BLANK_DATE.to_owned());
    lines
}

/// The risk points a person answers for personally: their own and those of the posts they hold.
fn own_risks<'c>(ctx: &Ctx<'c>, p: &Person) -> Vec<&'c RiskPoint> {
    let held = ctx.held_posts(Some(p.id));
    ctx.c
        .risk_points
        .iter()
        .filter(|r| {
            (r.scope == RiskScope::Person && r.person_id == Some(p.id))
                || (r.scope == RiskScope::Post && r.post_id.is_some_and(|x| held.contains(&x)))
        })
        .collect()
}

/// One 承诺书 per person who has one on record (or the chosen person); the recorded text, else
/// the unit's template.
fn commitments(ctx: &Ctx<'_>) -> Vec<Form> {
    let c = ctx.c;
    let template = ctx.letter_text(COMMITMENT_TEMPLATE);
    let chosen = ctx.subject.person.is_some();
    let mut out = Vec::new();
    for p in ctx.people() {
        let record = c.commitments.iter().filter(|x| x.person_id == p.id).max_by_key(|x| x.year);
        if record.is_none() && !chosen {
            continue;
        }
        let year = record.map_or_else(|| year(c), |r| r.year);
        let text = record.map(|r| r.text.trim()).filter(|t| !t.is_empty()).unwrap_or(&template);
        let titles = p.titles_text();
        let dept = ctx.index.dept_name(c, p.dept_id);
        let paragraphs = fill(
            text,
            &[
                ("姓名", &p.name),
                ("单位", &c.unit.name),
                ("部门", dept),
                ("职务", &titles),
                ("年度", &year.to_string()),
            ],
        );
        let mut form = letter(ctx, Some(p), year, paragraphs, signature_lines(ctx, &["承诺人".to_owned()]));
        if c.scheme().commitment_names_risks {
            let risks = own_risks(ctx, p);
            let intro = if risks.is_empty() {
                "本人岗位和个人尚未登记廉政风险点。".to_owned()
            } else {
                format!("本人岗位和个人的廉政风险点共{}个，防控措施见下表，本人承诺逐项落实。", risks.len())
            };
            form.blocks.push(Block::Letter(vec![intro]));
            if !risks.is_empty() {
                form.blocks.push(risk_table(ctx, &risks));
            }
        }
        out.push(form);
    }
    if out.is_empty() {
        let paragraphs = fill(&template, &[("单位", &c.unit.name), ("年度", &year(c).to_string())]);
        out.push(letter(ctx, None, year(c), paragraphs, signature_lines(ctx, &["承诺人".to_owned()])));
    }
    out
}

/// What one person manages or answers for: (risk point, 管理/负责).
type Duties<'c> = HashMap<Id, Vec<(&'c RiskPoint, &'static str)>>;

fn duties<'c>(ctx: &Ctx<'c>) -> Duties<'c> {
    let mut out: Duties<'c> = HashMap::new();
    for rp in &ctx.c.risk_points {
        let d = duty_of(ctx.c, ctx.index, rp);
        let mut add = |who: Option<Id>, what: &'static str| {
            if let Some(who) = who {
                let list = out.entry(who).or_default();
                match list.last_mut() {
                    Some((last, w)) if last.id == rp.id => *w = "管理并负责",
                    _ => list.push((rp, what)),
                }
            }
        };
        for (_, who) in &d.managers {
            add(*who, "管理");
        }
        for who in d.answers.1 {
            add(Some(who), "负责");
        }
    }
    out
}

/// Who signs a graded-responsibility letter, in order: the principal leader, the supervising
/// leaders, the department heads (of the subject).
fn signers(ctx: &Ctx<'_>) -> Vec<Id> {
    let c = ctx.c;
    if let Some(p) = ctx.subject.person {
        return vec![p];
    }
    let depts: Vec<Id> = ctx.departments().iter().map(|d| d.id).collect();
    let mut out: Vec<Id> = Vec::new();
    let whole = ctx.subject == super::Subject::default();
    let principal = if whole { principals(c) } else { Vec::new() };
    let leaders = c.supervisions.iter().filter(|s| depts.contains(&s.dept_id)).map(|s| s.leader_person_id);
    let heads = c.departments.iter().filter(|d| depts.contains(&d.id)).filter_map(|d| d.head_person_id);
    for id in principal.into_iter().chain(leaders).chain(heads) {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// One 责任书 per leader or department head: the scope, the graded rule, and the risk points
/// the signer manages or answers for.
fn responsibility_letters(ctx: &Ctx<'_>) -> Vec<Form> {
    let c = ctx.c;
    let s = c.scheme();
    let roles = &s.responsibility;
    let template = ctx.letter_text(RESPONSIBILITY_TEMPLATE);
    let duties = duties(ctx);
    let rule = rule_text(s);
    let mut out = Vec::new();
    for id in signers(ctx) {
        let Some(person) = ctx.index.person(c, Some(id)) else { continue };
        let mine = duties.get(&id).map_or(&[][..], Vec::as_slice);
        let record = c
            .responsibility_letters
            .iter()
            .filter(|l| l.kind == crate::domain::LetterKind::GradedRisk && l.signer_person_id == id)
            .max_by_key(|l| l.year);
        let year = record.map_or_else(|| year(c), |r| r.year);
        let scope = scope_text(ctx, id);
        let mut counts = [0_usize; 4];
        for (rp, _) in mine {
            counts[crate::domain::levels::level_slot(rp.grade)] += 1;
        }
        let levels: Vec<String> =
            (1..=3_u8).map(|g| format!("{}{}个", s.level_name(Some(g)), counts[usize::from(g) - 1])).collect();
        let placed = placed(ctx, mine);
        let mut figures =
            format!("本人管理或负责的廉政风险点共{}个，其中{}，未评定{}个", mine.len(), levels.join("、"), counts[3]);
        if placed.is_empty() {
            figures.push('。');
        } else {
            let departments = by_department(ctx, &placed);
            figures.push_str(&format!("；分{}：{departments}；明细见附表。", s.scope_name(RiskScope::Department)));
        }
        let paragraphs = fill(
            &template,
            &[
                ("姓名", &person.name),
                ("单位", &c.unit.name),
                ("年度", &year.to_string()),
                ("责任范围", &scope),
                ("分级管理", &rule),
                ("风险点统计", &figures),
            ],
        );
        let counterpart = if is_principal(c, id) {
            "上级党组织代表".to_owned()
        } else if c.supervisions.iter().any(|s| s.leader_person_id == id) {
            roles.principal.clone()
        } else {
            roles.supervising.clone()
        };
        // The letter is signed; the risk points follow it as an attached table (nobody signs an
        // empty table: the letter already says 共0个).
        out.push(letter(
            ctx,
            Some(person),
            year,
            paragraphs,
            signature_lines(ctx, &["责任人".to_owned(), counterpart]),
        ));
        if !placed.is_empty() {
            out.push(attached_risks(ctx, person, year, &placed));
        }
    }
    if out.is_empty() {
        let paragraphs = fill(&template, &[("单位", &c.unit.name), ("分级管理", &rule)]);
        out.push(letter(ctx, None, year(c), paragraphs, signature_lines(ctx, &["责任人".to_owned()])));
    }
    out
}

/// A letter's risk points with their department, in the unit's order of departments, the
/// highest level first within each (the order of the 附表, and of the letter's counts).
fn placed<'c>(ctx: &Ctx<'_>, mine: &[(&'c RiskPoint, &'static str)]) -> Vec<Placed<'c>> {
    let mut out: Vec<Placed<'c>> = mine.iter().map(|&(rp, what)| (risk_dept(ctx.c, ctx.index, rp), rp, what)).collect();
    out.sort_by_cached_key(|(dept, rp, _)| {
        (dept.map_or(usize::MAX, |d| ctx.dept_rank(d)), *dept, crate::domain::levels::level_slot(rp.grade), rp.seq)
    });
    out
}

/// A risk point of a letter, with the department it belongs to and the signer's duty.
type Placed<'c> = (Option<Id>, &'c RiskPoint, &'static str);

/// 教务处12个（一级3个）、财务处8个（一级2个）…: a letter's risk points per department, each
/// with its count of the highest level.
fn by_department(ctx: &Ctx<'_>, placed: &[Placed<'_>]) -> String {
    let c = ctx.c;
    let top_name = c.scheme().level_name(Some(1));
    let parts: Vec<String> = placed
        .chunk_by(|a, b| a.0 == b.0)
        .map(|group| {
            let dept = group[0].0;
            let name = if dept.is_some() { ctx.index.dept_name(c, dept) } else { c.unit.name.as_str() };
            let top = group.iter().filter(|(_, rp, _)| rp.grade == Some(1)).count();
            format!("{name}{}个（{top_name}{top}个）", group.len())
        })
        .collect();
    parts.join("、")
}

/// 附表 of a 责任书: the risk points the signer manages or answers for, as `placed` orders them.
fn attached_risks(ctx: &Ctx<'_>, person: &Person, year: i64, placed: &[Placed<'_>]) -> Form {
    let c = ctx.c;
    let s = c.scheme();
    let rows = placed
        .iter()
        .enumerate()
        .map(|(n, (dept, rp, what))| {
            vec![
                (n + 1).to_string(),
                ctx.index.dept_name(c, *dept).to_owned(),
                match rp.scope {
                    RiskScope::Post => ctx.post_name(rp),
                    scope => s.scope_name(scope).to_owned(),
                },
                rp.description.clone(),
                ctx.level(rp.grade),
                (*what).to_owned(),
            ]
        })
        .collect();
    let mut form = ctx.form(format!("（{year}年度）"));
    form.title = format!("附表：{}管理或负责的廉政风险点", person.name);
    form.particulars = (format!("{}（{}）", ctx.plain_title(), person.name), format!("共{}个", placed.len()));
    let dept_col = s.scope_name(RiskScope::Department);
    let post_col = s.scope_name(RiskScope::Post);
    let cols = [("序号", 0.6), (dept_col, 1.5), (post_col, 1.5), ("风险点", 3.6), ("风险等级", 0.9), ("本人职责", 1.1)];
    form.blocks.push(Block::Table { columns: columns(&cols), rows });
    form.signature = Vec::new();
    form
}

/// The table of a 承诺书's own risk points (where the scheme asks the promise to follow the
/// person's risks: 003 “每人根据个人风险写出廉政承诺书”).
fn risk_table(ctx: &Ctx<'_>, risks: &[&RiskPoint]) -> Block {
    let c = ctx.c;
    let s = c.scheme();
    let rows = risks
        .iter()
        .enumerate()
        .map(|(n, rp)| {
            let measures: Vec<String> = ctx
                .index
                .measures_of
                .get(&rp.id)
                .into_iter()
                .flatten()
                .filter_map(|i| c.measures.get(*i))
                .map(|m| format!("{}：{}", s.measure_phase_name(m.phase), m.content))
                .collect();
            vec![(n + 1).to_string(), rp.description.clone(), ctx.level(rp.grade), measures.join("\n")]
        })
        .collect();
    let cols = [("序号", 0.6), ("本人廉政风险点", 3.0), ("风险等级", 0.9), ("防控措施", 3.5)];
    Block::Table { columns: columns(&cols), rows }
}

/// 本人作为主要领导，对全单位…；作为分管领导，分管教务处、财务处；作为部门负责人，负责…
fn scope_text(ctx: &Ctx<'_>, id: Id) -> String {
    let c = ctx.c;
    let roles = &c.scheme().responsibility;
    let mut parts = Vec::new();
    if is_principal(c, id) {
        parts.push(format!("作为{}，对{}廉政风险防控工作负总责", Role::Principal.name(roles), c.unit.name));
    }
    let supervised: Vec<&str> = c
        .supervisions
        .iter()
        .filter(|s| s.leader_person_id == id)
        .map(|s| ctx.index.dept_name(c, Some(s.dept_id)))
        .collect();
    if !supervised.is_empty() {
        parts.push(format!("作为{}，分管{}", Role::Supervising.name(roles), supervised.join("、")));
    }
    let headed: Vec<&str> =
        c.departments.iter().filter(|d| d.head_person_id == Some(id)).map(|d| d.name.as_str()).collect();
    if !headed.is_empty() {
        parts.push(format!("作为{}，负责{}", Role::DeptHead.name(roles), headed.join("、")));
    }
    if parts.is_empty() {
        "本人暂无分管或负责的部门。".to_owned()
    } else {
        format!("本人{}。", parts.join("；"))
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::forms::FormId;
    use crate::report::forms::{Subject, build};

    #[test]
    fn a_letter_without_a_record_is_for_the_plans_working_year() {
        let mut c = crate::demo::build("fzsx2013").unwrap();
        c.responsibility_letters.clear();
        c.commitments.clear();
        let year = crate::domain::plan::working_year(&c, crate::domain::dates::today());
        assert_ne!(year, 2026, "the demo's plan is dated in its own year");
        for id in [FormId::ResponsibilityLetter, FormId::Commitment] {
            let forms = build(&c, id, &Subject::default()).unwrap();
            assert!(forms.iter().all(|f| f.subtitle == format!("（{year}年度）")), "{id}: {}", forms[0].subtitle);
        }
    }
}
