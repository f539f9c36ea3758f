//! Rules on values that their types alone do not hold, checked for every file that is opened,
//! imported or printed (the untrusted-file check): levels are 1 to 3, review steps are counted
//! from 0, a unit's scheme is usable. The message names the record in Chinese.

use super::Content;

/// The first value `c` holds that the model does not accept, in words.
pub fn check_values(c: &Content) -> Result<(), String> {
    let scheme = &c.unit.scheme;
    if scheme.review.steps.is_empty() {
        return Err("单位的方案模板没有审核步骤".to_owned());
    }
    let steps = i64::try_from(scheme.review.steps.len()).unwrap_or(i64::MAX);
    for rp in &c.risk_points {
        if let Some(g) = rp.grade.filter(|g| !(1..=3).contains(g)) {
            return Err(format!("风险点“{}”的等级为 {g}，只能是 1、2、3 级", rp.description));
        }
        if !(0..steps).contains(&rp.review_step) {
            return Err(format!("风险点“{}”的审核步骤为 {}，方案只有 {steps} 步", rp.description, rp.review_step));
        }
    }
    c.review_records.iter().try_for_each(check_review_record)
}

/// A review record's own rule (also checked alone for a file read without its history).
pub fn check_review_record(r: &super::ReviewRecord) -> Result<(), String> {
    if r.step_index < 0 {
        return Err(format!("审核记录“{}”的步骤序号为负数", r.step_name));
    }
    Ok(())
}
