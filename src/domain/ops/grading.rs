//! Grading risk points (by the scheme's rule or by hand, with a reason) and changing the unit's
//! copy of the scheme: its grading method and the wording of its forms.

use super::Rule;
use crate::domain::change::{Change, Edit};
use crate::domain::forms::FormId;
use crate::domain::grading::grade;
use crate::domain::scheme::{FormWording, Grading, GradingMethod};
use crate::domain::*;

/// A level set by hand instead of the rule's, and why.
#[derive(Clone, Debug)]
pub struct Override {
    pub grade: u8,
    pub reason: String,
}

/// Grades `rp` from `inputs` by the scheme's rule, or by `manual` (its reason is required and
/// goes to the audit log with both levels). Nothing to save gives `None`.
pub fn grade_risk_point(
    scheme: &Scheme,
    rp: &RiskPoint,
    inputs: &GradeInputs,
    manual: Option<&Override>,
) -> Result<Option<Edit>, Rule> {
    let by_rule = grade(scheme, inputs);
    let mut new = RiskPoint { grade_inputs: inputs.clone(), ..rp.clone() };
    let rule_text = by_rule.as_ref().map_or_else(|| "按规则未评定".to_owned(), |(_, why)| why.clone());
    let mut changes = Vec::new();
    match manual {
        Some(m) => {
            let reason = m.reason.trim();
            if reason.is_empty() {
                return Err(Rule::Forbidden("手动调整等级必须填写理由".into()));
            }
            new.grade = Some(m.grade);
            new.grade_rationale = format!("手动调整为{}（{rule_text}）", scheme.level_name(Some(m.grade))).into();
            new.grade_override_reason = reason.into();
            let detail = format!(
                "等级由{}调整为{}；理由：{reason}；{rule_text}",
                scheme.level_name(rp.grade),
                scheme.level_name(Some(m.grade))
            );
            changes.push(Change::Note { action: "override", table: "risk_point", id: rp.id, detail });
        }
        None => {
            new.grade = by_rule.as_ref().map(|(g, _)| *g);
            new.grade_rationale = Shared::pooled(&by_rule.map(|(_, why)| why).unwrap_or_default());
            new.grade_override_reason = Note::default();
        }
    }
    if new == *rp {
        return Ok(None);
    }
    new.stamp.touch();
    let label = if new.grade == rp.grade {
        format!("评定风险点“{}”：{}", rp.description, scheme.level_name(new.grade))
    } else {
        let (from, to) = (scheme.level_name(rp.grade), scheme.level_name(new.grade));
        format!("修改风险点“{}”的等级：{from} → {to}", rp.description)
    };
    changes.insert(0, Change::save(new));
    Ok(Some(Edit::new(label, changes)))
}

/// Re-grading every risk point by the scheme's current method: those whose level or rationale
/// would change (manual overrides stay as they are).
pub fn regrade_all(c: &Content) -> Edit {
    let scheme = &c.unit.scheme;
    let changes = c
        .risk_points
        .iter()
        .filter(|rp| rp.grade_override_reason.is_empty())
        .filter_map(|rp| {
            let by_rule = grade(scheme, &rp.grade_inputs);
            let (g, why) = (by_rule.as_ref().map(|(g, _)| *g), by_rule.map(|(_, w)| w).unwrap_or_default());
            (g != rp.grade || why != rp.grade_rationale).then(|| {
                let mut new = RiskPoint { grade: g, grade_rationale: Shared::pooled(&why), ..rp.clone() };
                new.stamp.touch();
                Change::save(new)
            })
        })
        .collect();
    Edit::new("按当前评定办法重新评定", changes)
}

/// Whether a grading method is complete: three named levels, and every rule (or the whole
/// matrix) written out.
pub fn check_grading(g: &Grading) -> Result<(), Rule> {
    if g.level_names.len() != 3 || g.level_names.iter().any(|n| n.trim().is_empty()) {
        return Err(Rule::Forbidden("三个等级都要有名称".into()));
    }
    let rules = match g.method {
        GradingMethod::Harm => &g.harm_rules,
        GradingMethod::PostType => &g.post_type_rules,
        GradingMethod::Matrix => {
            let m = &g.matrix;
            let labelled = m.likelihood_labels.iter().chain(&m.harm_labels).all(|l| !l.trim().is_empty());
            let square =
                m.cells.len() == m.likelihood_labels.len() && m.cells.iter().all(|r| r.len() == m.harm_labels.len());
            return if labelled && square {
                Ok(())
            } else {
                Err(Rule::Forbidden("矩阵的行、列都要有名称".into()))
            };
        }
    };
    if rules.is_empty() || rules.iter().any(|r| r.text.trim().is_empty()) {
        return Err(Rule::Forbidden("每条规则都要写明内容，且至少一条".into()));
    }
    Ok(())
}

/// The unit's grading method replaced by `grading`, if complete.
pub fn set_grading(c: &Content, grading: Grading) -> Result<Edit, Rule> {
    check_grading(&grading)?;
    let mut unit = c.unit.clone();
    unit.scheme.grading = grading;
    unit.stamp.touch();
    Ok(Edit::save("修改评定办法", unit))
}

/// The unit's own wording of `form` (the default wording is not stored).
pub fn set_wording(c: &Content, form: FormId, wording: FormWording) -> Edit {
    let mut unit = c.unit.clone();
    if wording.is_default() {
        unit.scheme.form_wording.remove(form.as_str());
    } else {
        unit.scheme.form_wording.insert(form.as_str().to_owned(), wording);
    }
    unit.stamp.touch();
    Edit::save("修改表格用语", unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::Row;

    #[test]
    fn a_manual_level_needs_a_reason_and_is_noted_with_both_levels() {
        let c = crate::demo::build("jxau2010").unwrap();
        let scheme = &c.unit.scheme;
        let rp = c.risk_points.iter().find(|r| r.grade == Some(2)).unwrap();
        let silent = Override { grade: 1, reason: " ".into() };
        let refused = grade_risk_point(scheme, rp, &rp.grade_inputs, Some(&silent)).unwrap_err();
        assert_eq!(refused.to_string(), "手动调整等级必须填写理由");
        let why = Override { grade: 1, reason: "涉及大额资金".into() };
        let edit = grade_risk_point(scheme, rp, &rp.grade_inputs, Some(&why)).unwrap().unwrap();
        assert!(matches!(&edit.changes[0], Change::Save(Row::RiskPoint(n)) if n.grade == Some(1)));
        assert!(matches!(&edit.changes[1], Change::Note { detail, .. } if detail.contains("理由：涉及大额资金")));
        assert!(grade_risk_point(scheme, rp, &rp.grade_inputs, None).unwrap().is_none(), "as graded: nothing");
    }

    #[test]
    fn an_incomplete_method_is_refused_and_the_default_wording_is_not_stored() {
        let c = crate::demo::build("fzsx2013").unwrap();
        let mut g = c.unit.scheme.grading.clone();
        g.level_names[1] = "　".into();
        assert_eq!(set_grading(&c, g).unwrap_err().to_string(), "三个等级都要有名称");
        let edit = set_wording(&c, FormId::ALL[0], FormWording::default());
        let Change::Save(Row::Unit(u)) = &edit.changes[0] else { panic!() };
        assert!(!u.scheme.form_wording.contains_key(FormId::ALL[0].as_str()));
    }
}
