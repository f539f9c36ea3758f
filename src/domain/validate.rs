//! Rules on values that their types alone do not hold, checked for every file that is opened,
//! imported or printed (the untrusted-file check): levels are 1 to 3, review steps are counted
//! from 0, a unit's scheme is usable. Each rule takes one row, so a file is checked as it is
//! read, whether its rows are kept or not. The message names the record in Chinese.

use super::{ReviewRecord, RiskPoint, Unit};

/// The number of review steps of the unit's scheme, which must have at least one.
pub fn review_steps(unit: &Unit) -> Result<i64, String> {
    match unit.scheme.review.steps.len() {
        0 => Err("单位的方案模板没有审核步骤".to_owned()),
        n => Ok(i64::try_from(n).unwrap_or(i64::MAX)),
    }
}

/// A risk point's own rules, for a scheme of `steps` review steps.
pub fn check_risk_point(rp: &RiskPoint, steps: i64) -> Result<(), String> {
    if let Some(g) = rp.grade.filter(|g| !(1..=3).contains(g)) {
        return Err(format!("风险点“{}”的等级为 {g}，只能是 1、2、3 级", rp.description));
    }
    if !(0..steps).contains(&rp.review_step) {
        return Err(format!("风险点“{}”的审核步骤为 {}，方案只有 {steps} 步", rp.description, rp.review_step));
    }
    Ok(())
}

/// A review record's own rule.
pub fn check_review_record(r: &ReviewRecord) -> Result<(), String> {
    if r.step_index < 0 {
        return Err(format!("审核记录“{}”的步骤序号为负数", r.step_name));
    }
    Ok(())
}
