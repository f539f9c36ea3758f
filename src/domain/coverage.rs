//! Coverage of the inventory (seed 004: 不漏岗、不缺项): posts and departments with no risk
//! point yet, and risk points missing a measure in one of the three phases.

use std::collections::HashSet;

use super::model::{MeasurePhase, RiskScope};
use super::{Content, Id};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Posts with no risk point, in department order.
    pub posts_without_risks: Vec<Id>,
    /// Departments with no risk point of their own nor on any of their posts.
    pub depts_without_risks: Vec<Id>,
    /// Risk points and the measure phases they lack.
    pub missing_phases: Vec<(Id, Vec<MeasurePhase>)>,
}

pub fn coverage(c: &Content) -> Coverage {
    let posts_with: HashSet<Id> = c.risk_points.iter().filter_map(|r| r.post_id).collect();
    let mut depts_with: HashSet<Id> = c.risk_points.iter().filter_map(|r| r.dept_id).collect();
    depts_with.extend(c.posts.iter().filter(|p| posts_with.contains(&p.id)).map(|p| p.dept_id));
    let mut phases: std::collections::HashMap<Id, HashSet<MeasurePhase>> = std::collections::HashMap::new();
    for m in c.measures.iter().filter(|m| !m.content.trim().is_empty()) {
        phases.entry(m.risk_point_id).or_default().insert(m.phase);
    }
    Coverage {
        posts_without_risks: c.posts.iter().filter(|p| !posts_with.contains(&p.id)).map(|p| p.id).collect(),
        depts_without_risks: c.departments.iter().filter(|d| !depts_with.contains(&d.id)).map(|d| d.id).collect(),
        missing_phases: c
            .risk_points
            .iter()
            .filter_map(|r| {
                let have = phases.get(&r.id);
                let missing: Vec<MeasurePhase> =
                    MeasurePhase::ALL.into_iter().filter(|p| !have.is_some_and(|h| h.contains(p))).collect();
                (!missing.is_empty()).then_some((r.id, missing))
            })
            .collect(),
    }
}

/// The 公示 list: risk points (of a status, or all) as CSV with a BOM so Excel/WPS read the
/// Chinese correctly. Fields with commas, quotes or line breaks are quoted.
pub fn public_list_csv(c: &Content, status: Option<super::ReviewStatus>) -> String {
    let index = super::content::ContentIndex::build(c);
    let s = c.scheme();
    let quote = |t: &str| {
        if t.contains([',', '"', '\n', '\r']) { format!("\"{}\"", t.replace('"', "\"\"")) } else { t.to_owned() }
    };
    let mut out = String::from("\u{feff}序号,层级,所属,风险类别,风险点,表现形式,风险等级,审核状态\n");
    let rows = c.risk_points.iter().filter(|r| status.is_none_or(|st| r.status == st));
    for (i, r) in rows.enumerate() {
        let fields = [
            (i + 1).to_string(),
            s.scope_name(r.scope).to_owned(),
            index.risk_subject(c, r),
            r.class.to_string(),
            r.description.clone(),
            r.manifestation.clone(),
            s.level_name(r.grade).to_owned(),
            r.status.label().to_owned(),
        ];
        out.push_str(&fields.iter().map(|f| quote(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

/// Scopes the scheme uses, for the wizard's first step.
pub fn scopes(c: &Content) -> Vec<RiskScope> {
    let s = &c.scheme().scopes;
    if s.is_empty() { RiskScope::ALL.to_vec() } else { s.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_found() {
        let mut c = crate::demo::build("jxau2010").unwrap();
        assert!(coverage(&c).posts_without_risks.is_empty(), "the demo covers every post");
        let post = c.posts[3].id;
        c.risk_points.retain(|r| r.post_id != Some(post));
        let rp = c.risk_points[0].id;
        c.measures.retain(|m| !(m.risk_point_id == rp && m.phase == MeasurePhase::During));
        let cov = coverage(&c);
        assert_eq!(cov.posts_without_risks, [post]);
        assert_eq!(cov.missing_phases, [(rp, vec![MeasurePhase::During])]);
    }

    #[test]
    fn public_list_is_excel_friendly_csv() {
        let mut c = crate::demo::build("lxfl2012").unwrap();
        c.risk_points[0].description = "审核\"把关\",不严".into();
        c.risk_points[0].status = crate::domain::ReviewStatus::Approved;
        let csv = public_list_csv(&c, Some(crate::domain::ReviewStatus::Approved));
        assert!(csv.starts_with("\u{feff}序号,层级,所属"));
        let approved = c.risk_points.iter().filter(|r| r.status == crate::domain::ReviewStatus::Approved).count();
        assert_eq!(csv.lines().count(), approved + 1);
        assert!(csv.contains(",\"审核\"\"把关\"\",不严\","), "fields with commas and quotes are quoted");
    }
}
