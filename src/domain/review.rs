//! The review loop of a scheme (seed 000's six steps, seed 003's four with "not approved → back
//! to the first three steps"), as a rule over a risk point's status and step.

use super::Scheme;
use super::model::ReviewStatus;

/// What a reviewer or the author does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewAction {
    /// The author hands the draft (or the returned risk point) in.
    Submit,
    /// The current step is passed.
    Pass,
    /// The current step is not passed: back to the scheme's restart step.
    Reject,
}

impl ReviewAction {
    pub fn label(self) -> &'static str {
        match self {
            Self::Submit => "提交审核",
            Self::Pass => "通过",
            Self::Reject => "退回",
        }
    }
}

/// The status and step after `action`, or why it is not possible now.
pub fn advance(
    scheme: &Scheme,
    status: ReviewStatus,
    step: i64,
    action: ReviewAction,
) -> Result<(ReviewStatus, i64), String> {
    let steps = i64::try_from(scheme.review.steps.len()).unwrap_or(0);
    if steps == 0 {
        return Err("方案模板没有规定审核步骤".into());
    }
    let restart = i64::try_from(scheme.review.reject_to).unwrap_or(0).clamp(0, steps - 1);
    match (status, action) {
        (ReviewStatus::Draft, ReviewAction::Submit) => Ok((ReviewStatus::InReview, 0)),
        (ReviewStatus::Returned, ReviewAction::Submit) => Ok((ReviewStatus::InReview, step.clamp(0, steps - 1))),
        (ReviewStatus::InReview, ReviewAction::Pass) if step + 1 >= steps => Ok((ReviewStatus::Approved, steps - 1)),
        (ReviewStatus::InReview, ReviewAction::Pass) => Ok((ReviewStatus::InReview, step.max(0) + 1)),
        (ReviewStatus::InReview, ReviewAction::Reject) => Ok((ReviewStatus::Returned, restart)),
        (ReviewStatus::Approved, ReviewAction::Reject) => Ok((ReviewStatus::Returned, restart)),
        (s, a) => Err(format!("“{}”状态的风险点不能“{}”", s.label(), a.label())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReviewAction::*;
    use ReviewStatus::*;

    #[test]
    fn seed_000_six_steps_and_back_to_re_finding() {
        let s = Scheme::preset("tjbh2012").unwrap().unwrap();
        let mut state = advance(&s, Draft, 0, Submit).unwrap();
        assert_eq!(state, (InReview, 0));
        for expected in 1..=5 {
            state = advance(&s, state.0, state.1, Pass).unwrap();
            assert_eq!(state, (InReview, expected), "now at {}", s.review_step_name(state.1));
        }
        assert_eq!(s.review_step_name(state.1), "返回本人确认");
        assert_eq!(advance(&s, state.0, state.1, Pass).unwrap(), (Approved, 5));
        // Rejected at 领导班子辨识审核: back to 重新查找.
        let (st, step) = advance(&s, InReview, 4, Reject).unwrap();
        assert_eq!((st, s.review_step_name(step)), (Returned, "重新查找".to_owned()));
        assert_eq!(advance(&s, st, step, Submit).unwrap(), (InReview, 1));
    }

    #[test]
    fn seed_003_not_approved_redoes_the_first_three_steps() {
        let s = Scheme::preset("lxfl2012").unwrap().unwrap();
        let (st, step) = advance(&s, InReview, 3, Reject).unwrap();
        assert_eq!((st, s.review_step_name(step)), (Returned, "自己找".to_owned()));
        assert!(advance(&s, Draft, 0, Pass).is_err());
        assert!(advance(&s, Approved, 3, Submit).unwrap_err().contains("已确认"));
    }
}
