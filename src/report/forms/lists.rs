//! The forms that list risk points: one declaration each — whose risk points, one copy per
//! what, and the columns (from what the seeds say the form records).

use std::collections::HashMap;

use super::{Ctx, columns};
use crate::domain::responsibility::risk_dept;
use crate::domain::{Content, Id, MeasurePhase, ReviewStatus, RiskPoint, RiskScope};
use crate::report::ReportError;
use crate::report::layout::Block;

/// A column of a risk-point table.
#[derive(Clone, Copy, Debug)]
enum Field {
    Seq,
    Dept,
    Post,
    /// 岗位 or 个人, for a person's list that holds both.
    Where,
    Class,
    Description,
    Manifestation,
    FoundBy,
    Level,
    Measures,
    Owners,
    Phase(MeasurePhase),
    Power,
    Step,
    Review,
}

/// One copy per what, and which risk points go in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Per {
    /// A post's own risk points.
    Post,
    /// A department's risk points (its own and its posts').
    Dept,
    /// A department's risk points that belong to a power, by power and step.
    DeptPowers,
    /// A person's own risk points and those of the posts they hold.
    Person,
    /// The unit's own risk points.
    Unit,
    /// Every post risk point of the subject in one table, with its department and post.
    Whole,
}

struct Spec {
    per: Per,
    landscape: bool,
    fields: &'static [(Field, f32)],
}

use crate::domain::forms::FormId;
use Field as F;

fn spec(id: FormId) -> Option<Spec> {
    let s = |per, landscape, fields| Some(Spec { per, landscape, fields });
    match id {
        // 000 附1: a post finds its risks itself, with how each was found.
        FormId::PostRiskSearch => s(
            Per::Post,
            true,
            &[
                (F::Seq, 0.5),
                (F::Class, 1.0),
                (F::Description, 2.0),
                (F::Manifestation, 3.4),
                (F::FoundBy, 1.0),
                (F::Level, 0.8),
                (F::Measures, 3.2),
            ],
        ),
        // 000 附2: the department's list, post by post.
        FormId::DeptRiskSearch => s(
            Per::Dept,
            true,
            &[
                (F::Seq, 0.5),
                (F::Post, 1.2),
                (F::Class, 1.0),
                (F::Description, 2.0),
                (F::Manifestation, 3.2),
                (F::FoundBy, 1.0),
                (F::Level, 0.8),
                (F::Measures, 3.0),
            ],
        ),
        // 001 附件2, 003: a person checks their own risks (思想道德 included) and their posts'.
        FormId::PersonSelfCheck => s(
            Per::Person,
            true,
            &[
                (F::Seq, 0.5),
                (F::Where, 1.3),
                (F::Class, 1.0),
                (F::Description, 2.0),
                (F::Manifestation, 3.2),
                (F::Level, 0.8),
                (F::Measures, 3.2),
            ],
        ),
        // 003: the unit's own risks and where each stands in the review loop.
        FormId::UnitSelfCheck => s(
            Per::Unit,
            true,
            &[
                (F::Seq, 0.5),
                (F::Class, 1.0),
                (F::Description, 2.0),
                (F::Manifestation, 3.0),
                (F::FoundBy, 1.0),
                (F::Level, 0.8),
                (F::Measures, 3.0),
                (F::Review, 1.2),
            ],
        ),
        // 001 附件5: the department's register, with who answers for each measure.
        FormId::DeptRiskRegister => s(
            Per::Dept,
            true,
            &[
                (F::Seq, 0.5),
                (F::Post, 1.2),
                (F::Class, 1.0),
                (F::Description, 2.0),
                (F::Manifestation, 3.0),
                (F::Level, 0.8),
                (F::Measures, 3.0),
                (F::Owners, 1.4),
            ],
        ),
        // 001 附件6: risks of the powers a department exercises, step by step.
        FormId::PowerRiskRegister => s(
            Per::DeptPowers,
            true,
            &[
                (F::Seq, 0.5),
                (F::Power, 1.4),
                (F::Step, 1.2),
                (F::Description, 2.0),
                (F::Manifestation, 3.0),
                (F::Level, 0.8),
                (F::Measures, 3.0),
            ],
        ),
        // 002 附件: every post's analysis, measures by phase.
        FormId::PostRiskAnalysis => s(
            Per::Whole,
            true,
            &[
                (F::Seq, 0.6),
                (F::Dept, 1.2),
                (F::Post, 1.3),
                (F::Description, 2.0),
                (F::Manifestation, 3.6),
                (F::Level, 0.9),
                (F::Phase(MeasurePhase::Before), 2.2),
                (F::Phase(MeasurePhase::During), 2.2),
                (F::Phase(MeasurePhase::After), 2.2),
            ],
        ),
        // 004 附表1: a department's risks, levels, measures, owners and dates.
        FormId::DeptIdentify => s(
            Per::Dept,
            true,
            &[
                (F::Seq, 0.5),
                (F::Post, 1.2),
                (F::Class, 1.0),
                (F::Description, 2.0),
                (F::Manifestation, 2.8),
                (F::Level, 0.8),
                (F::Measures, 3.0),
                (F::Owners, 1.4),
            ],
        ),
        // 004 附表2: one person's risks, levels and measures.
        FormId::PersonIdentify => s(
            Per::Person,
            true,
            &[
                (F::Seq, 0.5),
                (F::Where, 1.3),
                (F::Class, 1.0),
                (F::Description, 2.0),
                (F::Manifestation, 3.0),
                (F::Level, 0.8),
                (F::Measures, 3.0),
            ],
        ),
        FormId::PowerCatalogue
        | FormId::DeptRiskOverview
        | FormId::DeptStatistics
        | FormId::TaskBreakdown
        | FormId::PostLevelCatalogue
        | FormId::PostDuties
        | FormId::Commitment
        | FormId::ResponsibilityLetter
        | FormId::WarningCard
        | FormId::DeskCard
        | FormId::GroupRoster => None,
    }
}

fn header(ctx: &Ctx<'_>, field: Field) -> String {
    let s = ctx.c.scheme();
    match field {
        F::Seq => "序号".into(),
        F::Dept => s.scope_name(RiskScope::Department).to_owned(),
        F::Post => s.scope_name(RiskScope::Post).to_owned(),
        F::Where => "层级".into(),
        F::Class => "风险类别".into(),
        F::Description => "风险点".into(),
        F::Manifestation => "表现形式".into(),
        F::FoundBy => "查找方式".into(),
        F::Level => "风险等级".into(),
        F::Measures => "防控措施".into(),
        F::Owners => "责任人及完成时限".into(),
        F::Phase(p) => s.measure_phase_name(p).to_owned(),
        F::Power => "职权名称".into(),
        F::Step => "运行环节".into(),
        F::Review => "审核情况".into(),
    }
}

fn cell(ctx: &Ctx<'_>, field: Field, n: usize, rp: &RiskPoint) -> String {
    let c = ctx.c;
    match field {
        F::Seq => n.to_string(),
        F::Dept => ctx.index.dept_name(c, risk_dept(c, ctx.index, rp)).to_owned(),
        F::Post => ctx.post_name(rp),
        F::Where => match rp.scope {
            RiskScope::Post => format!("{}：{}", c.scheme().scope_name(RiskScope::Post), ctx.post_name(rp)),
            scope => c.scheme().scope_name(scope).to_owned(),
        },
        F::Class => rp.class.to_string(),
        F::Description => rp.description.clone(),
        F::Manifestation => rp.manifestation.clone(),
        F::FoundBy => rp.found_by.to_string(),
        F::Level => ctx.level(rp.grade),
        F::Measures => ctx.measures_text(rp),
        F::Owners => ctx.owners_text(rp),
        F::Phase(p) => ctx.measures_in(rp, p),
        F::Power => ctx.index.power(c, rp.power_id).map_or_else(String::new, |p| p.name.clone()),
        F::Step => ctx.index.power_step(c, rp.power_step_id).map_or_else(String::new, |s| s.name.clone()),
        F::Review => match rp.status {
            ReviewStatus::InReview | ReviewStatus::Returned => {
                format!("{}（{}）", rp.status.label(), c.scheme().review_step_name(rp.review_step))
            }
            status => status.label().to_owned(),
        },
    }
}

/// One copy: its subtitle and its risk points.
struct Copy<'c> {
    subtitle: String,
    risks: Vec<&'c RiskPoint>,
}

/// The positions in the list of the risk points of each post (`RiskScope::Post`) and of each
/// person (`RiskScope::Person`), in list order: one pass, not one per post or person (339
/// posts over 100,000 risk points took 0.3 s).
fn by_post_and_person(c: &Content) -> [HashMap<Id, Vec<usize>>; 2] {
    let mut out: [HashMap<Id, Vec<usize>>; 2] = Default::default();
    for (i, rp) in c.risk_points.iter().enumerate() {
        let key = match rp.scope {
            RiskScope::Post => rp.post_id.map(|id| (0, id)),
            RiskScope::Person => rp.person_id.map(|id| (1, id)),
            _ => None,
        };
        if let Some((which, id)) = key {
            out[which].entry(id).or_default().push(i);
        }
    }
    out
}

fn copies<'c>(ctx: &Ctx<'c>, per: Per) -> Vec<Copy<'c>> {
    let c = ctx.c;
    let all = || c.risk_points.iter();
    let dept_of = |rp: &RiskPoint| risk_dept(c, ctx.index, rp);
    let [of_post, of_person] =
        if matches!(per, Per::Post | Per::Person) { by_post_and_person(c) } else { Default::default() };
    let at = |positions: &[usize]| positions.iter().filter_map(|&i| c.risk_points.get(i)).collect();
    match per {
        Per::Post => ctx
            .posts()
            .into_iter()
            .map(|p| Copy {
                subtitle: format!(
                    "{}：{}　{}：{}（{}）　任职人员：{}",
                    c.scheme().scope_name(RiskScope::Department),
                    ctx.index.dept_name(c, Some(p.dept_id)),
                    c.scheme().scope_name(RiskScope::Post),
                    p.name,
                    c.scheme().tier_name(p.tier),
                    ctx.holders(p.id)
                ),
                risks: at(of_post.get(&p.id).map_or(&[], Vec::as_slice)),
            })
            .collect(),
        Per::Dept | Per::DeptPowers => ctx
            .departments()
            .into_iter()
            .map(|d| {
                let mut risks: Vec<&RiskPoint> = all()
                    .filter(|r| matches!(r.scope, RiskScope::Department | RiskScope::Post) && dept_of(r) == Some(d.id))
                    .collect();
                if per == Per::DeptPowers {
                    risks.retain(|r| r.power_id.is_some());
                    let seq = |r: &RiskPoint| {
                        let power = ctx.index.power(c, r.power_id).map_or(i64::MAX, |p| p.seq);
                        let step = ctx.index.power_step(c, r.power_step_id).map_or(i64::MAX, |s| s.seq);
                        (power, step)
                    };
                    risks.sort_by_key(|r| seq(r));
                }
                Copy {
                    subtitle: format!(
                        "{}：{}　负责人：{}",
                        c.scheme().scope_name(RiskScope::Department),
                        d.name,
                        ctx.index.person_name(c, d.head_person_id)
                    ),
                    risks,
                }
            })
            .collect(),
        Per::Person => ctx
            .people()
            .into_iter()
            .map(|p| {
                let held = ctx.held_posts(Some(p.id));
                let posts: Vec<String> =
                    held.iter().map(|h| ctx.index.post(c, Some(*h)).map_or("", |p| &p.name).to_owned()).collect();
                Copy {
                    subtitle: format!(
                        "姓名：{}　{}：{}　职务：{}　岗位：{}",
                        p.name,
                        c.scheme().scope_name(RiskScope::Department),
                        ctx.index.dept_name(c, p.dept_id),
                        p.titles_text(),
                        posts.join("、")
                    ),
                    risks: {
                        let mut mine: Vec<usize> =
                            held.iter().filter_map(|h| of_post.get(h)).flatten().copied().collect();
                        mine.extend(of_person.get(&p.id).into_iter().flatten().copied());
                        mine.sort_unstable();
                        mine.dedup();
                        at(&mine)
                    },
                }
            })
            .collect(),
        Per::Unit => {
            vec![Copy { subtitle: String::new(), risks: all().filter(|r| r.scope == RiskScope::Unit).collect() }]
        }
        Per::Whole => {
            let posts: std::collections::HashSet<Id> = ctx.posts().iter().map(|p| p.id).collect();
            let everything = ctx.subject == super::Subject::default();
            let subtitle = if everything { String::new() } else { ctx.subject.describe(c, ctx.index) };
            let risks = all()
                .filter(|r| r.scope == RiskScope::Post && (everything || r.post_id.is_some_and(|p| posts.contains(&p))))
                .collect();
            vec![Copy { subtitle, risks }]
        }
    }
}

/// The forms of `ctx.info.id`: one per copy; copies with nothing in them are left out when
/// printing the whole unit (a chosen subject always prints, blank if need be). Rows are built
/// until there are `budget` of them: the copy that reaches it is cut there, later copies are
/// counted and not built. Each form goes to `each` once built (a large print lays out and
/// writes one copy before the next is built); returns the rows and copies of the whole.
pub(super) fn build(ctx: &Ctx<'_>, budget: usize, each: super::Each<'_>) -> Result<(usize, usize), ReportError> {
    let spec = spec(ctx.info.id).ok_or(ReportError::Internal(format!("“{}”不是风险点表格", ctx.info.title)))?;
    let cols: Vec<(String, f32)> = spec.fields.iter().map(|(f, w)| (header(ctx, *f), *w)).collect();
    let refs: Vec<(&str, f32)> = cols.iter().map(|(h, w)| (h.as_str(), *w)).collect();
    let everything = ctx.subject == super::Subject::default();
    let mut built = 0;
    let all = copies(ctx, spec.per);
    let any = all.iter().any(|copy| !copy.risks.is_empty());
    let (mut left, mut rows_all, mut copies_all) = (budget, 0, 0);
    for (i, copy) in all.into_iter().enumerate() {
        if everything && copy.risks.is_empty() && (any || i > 0) {
            continue;
        }
        (rows_all, copies_all) = (rows_all + copy.risks.len(), copies_all + 1);
        if left == 0 && built > 0 {
            continue;
        }
        let shown = copy.risks.len().min(left);
        left -= shown;
        let rows = copy.risks[..shown]
            .iter()
            .enumerate()
            .map(|(n, rp)| spec.fields.iter().map(|(f, _)| cell(ctx, *f, n + 1, rp)).collect())
            .collect();
        let mut form = ctx.form(copy.subtitle);
        form.landscape = spec.landscape;
        form.blocks.push(Block::Table { columns: columns(&refs), rows });
        each(form)?;
        built += 1;
    }
    if built == 0 {
        let mut form = ctx.form(String::new());
        form.landscape = spec.landscape;
        form.blocks.push(Block::Table { columns: columns(&refs), rows: Vec::new() });
        each(form)?;
        copies_all = 1;
    }
    Ok((rows_all, copies_all))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each post's and each person's copy holds exactly the risk points a scan of the whole
    /// list picks, in list order (the grouping is one pass; the scan was one per copy).
    #[test]
    fn copies_by_post_and_person_are_what_a_scan_picks() {
        for seed in ["jxau2010", "tjbh2012"] {
            let c = crate::demo::build(seed).unwrap();
            let (index, levels) =
                (crate::domain::content::ContentIndex::build(&c), crate::domain::levels::DerivedLevels::compute(&c));
            let ctx = Ctx::new(&c, (&index, &levels), FormId::PersonIdentify.info(), super::super::Subject::default());
            let ids = |risks: &[&RiskPoint]| risks.iter().map(|r| r.id).collect::<Vec<_>>();
            let posts = copies(&ctx, Per::Post);
            for (copy, p) in posts.iter().zip(ctx.posts()) {
                let scan: Vec<&RiskPoint> =
                    c.risk_points.iter().filter(|r| r.scope == RiskScope::Post && r.post_id == Some(p.id)).collect();
                assert_eq!(ids(&copy.risks), ids(&scan), "{seed} {}", p.name);
            }
            let people = copies(&ctx, Per::Person);
            assert!(people.iter().filter(|c| !c.risks.is_empty()).count() > 10, "{seed}");
            for (copy, p) in people.iter().zip(ctx.people()) {
                let held = ctx.held_posts(Some(p.id));
                let scan: Vec<&RiskPoint> = c
                    .risk_points
                    .iter()
                    .filter(|r| {
                        (r.scope == RiskScope::Person && r.person_id == Some(p.id))
                            || (r.scope == RiskScope::Post && r.post_id.is_some_and(|x| held.contains(&x)))
                    })
                    .collect();
                assert_eq!(ids(&copy.risks), ids(&scan), "{seed} {}", p.name);
            }
        }
    }
}
