//! 防控措施落实: the state of a measure, the one definition of "overdue", and the rules for
//! marking a measure 已落实 or 不再适用 (and taking that back).

use chrono::NaiveDate;

use super::dates::format_date;
use super::{Measure, Note};

/// Where a measure stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MeasureState {
    /// 未落实
    Open,
    /// 已落实
    Done,
    /// 不再适用 (kept on record, never overdue)
    NotApplicable,
}

impl MeasureState {
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "未落实",
            Self::Done => "已落实",
            Self::NotApplicable => "不再适用",
        }
    }
}

/// What the measures list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MeasureFilter {
    #[default]
    All,
    Open,
    Overdue,
    Done,
    NotApplicable,
}

impl MeasureFilter {
    pub const ALL: [Self; 5] = [Self::All, Self::Open, Self::Overdue, Self::Done, Self::NotApplicable];

    pub fn label(self) -> &'static str {
        match self {
            Self::All => "全部",
            Self::Open => "未落实",
            Self::Overdue => "逾期未落实",
            Self::Done => "已落实",
            Self::NotApplicable => "不再适用",
        }
    }

    pub fn keeps(self, m: &Measure, today: NaiveDate) -> bool {
        match self {
            Self::All => true,
            Self::Open => m.state() == MeasureState::Open,
            Self::Overdue => m.is_overdue(today),
            Self::Done => m.state() == MeasureState::Done,
            Self::NotApplicable => m.state() == MeasureState::NotApplicable,
        }
    }
}

impl Measure {
    /// A new, open measure of risk point `risk_point_id` in `phase`.
    pub fn new(risk_point_id: super::Id, phase: super::MeasurePhase, content: String) -> Self {
        Self {
            id: super::new_id(),
            risk_point_id,
            phase,
            seq: i64::try_from(phase.index()).unwrap_or(0),
            content,
            owner_person_id: None,
            owner_text: Note::default(),
            due_on: None,
            done: false,
            done_on: None,
            confirmed_by: Note::default(),
            evidence: Note::default(),
            not_applicable: false,
            not_applicable_reason: Note::default(),
            stamp: super::Stamp::now(),
        }
    }

    pub fn state(&self) -> MeasureState {
        if self.not_applicable {
            MeasureState::NotApplicable
        } else if self.done {
            MeasureState::Done
        } else {
            MeasureState::Open
        }
    }

    /// Overdue: its due date has passed and it is neither 落实 nor 不再适用. The one definition
    /// (the area figures count the same in SQL: `store::consolidate::OVERDUE_MEASURE`).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.state() == MeasureState::Open && self.due_on.is_some_and(|d| d < today)
    }

    /// The state in words, with its date and reason (已落实（2026年3月1日）).
    pub fn state_text(&self, today: NaiveDate) -> String {
        match self.state() {
            MeasureState::Done => match self.done_on {
                Some(d) => format!("已落实（{}）", format_date(d)),
                None => "已落实".to_owned(),
            },
            MeasureState::NotApplicable => format!("不再适用：{}", self.not_applicable_reason),
            MeasureState::Open if self.is_overdue(today) => "逾期未落实".to_owned(),
            MeasureState::Open => "未落实".to_owned(),
        }
    }
}

/// What the user records when a measure is 落实.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub on: NaiveDate,
    /// 确认人
    pub confirmed_by: String,
    /// 证明材料 (制度文件 X 号 …)
    pub evidence: String,
}

/// Why a measure cannot be changed as asked.
pub type Refusal = super::ops::Rule;

/// `m` marked 已落实 as `c` says. Refused for a date after `today` or without 确认人.
pub fn mark_done(m: &Measure, c: &Completion, today: NaiveDate) -> Result<Measure, Refusal> {
    if c.on > today {
        return Err(Refusal::Forbidden(format!("落实日期 {} 晚于今天，请核对", format_date(c.on))));
    }
    if c.confirmed_by.trim().is_empty() {
        return Err(Refusal::Empty("确认人"));
    }
    let mut out = m.clone();
    out.done = true;
    out.done_on = Some(c.on);
    out.confirmed_by = c.confirmed_by.trim().into();
    out.evidence = c.evidence.trim().into();
    out.not_applicable = false;
    out.not_applicable_reason = Note::default();
    out.stamp.touch();
    Ok(out)
}

/// `m` marked 不再适用 with `reason` (required): kept, not deleted, never overdue.
pub fn mark_not_applicable(m: &Measure, reason: &str) -> Result<Measure, Refusal> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Refusal::Forbidden("标记“不再适用”须填写理由".to_owned()));
    }
    let mut out = m.clone();
    out.not_applicable = true;
    out.not_applicable_reason = reason.into();
    out.stamp.touch();
    Ok(out)
}

/// `m` back to 未落实 (the 落实 record or the 不再适用 mark taken back).
pub fn reopen(m: &Measure) -> Measure {
    let mut out = m.clone();
    out.done = false;
    out.done_on = None;
    out.confirmed_by = Note::default();
    out.evidence = Note::default();
    out.not_applicable = false;
    out.not_applicable_reason = Note::default();
    out.stamp.touch();
    out
}

/// One undoable edit applying `change` to every one of `targets`, named by what it does and to
/// how many measures (落实措施“…”, 落实 12 条措施). The first refusal refuses the whole edit.
pub fn edit_measures(
    targets: &[&Measure],
    verb: &str,
    change: impl Fn(&Measure) -> Result<Measure, Refusal>,
) -> Result<super::change::Edit, Refusal> {
    let changes = targets.iter().map(|m| change(m).map(super::change::Change::save)).collect::<Result<Vec<_>, _>>()?;
    let label = match targets {
        [one] => format!("{verb}措施“{}”", one.content),
        _ => format!("{verb} {} 条措施", targets.len()),
    };
    Ok(super::change::Edit::new(label, changes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{MeasurePhase, new_id};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn measure(due: Option<NaiveDate>) -> Measure {
        Measure {
            owner_text: "财务处".into(),
            due_on: due,
            ..Measure::new(new_id(), MeasurePhase::Before, "建立报销审核制度".into())
        }
    }

    fn completion(on: NaiveDate) -> Completion {
        Completion { on, confirmed_by: "张三".into(), evidence: "财务制度〔2026〕3号".into() }
    }

    #[test]
    fn overdue_only_when_open_and_past_due() {
        let today = day(6, 1);
        assert!(measure(Some(day(5, 31))).is_overdue(today));
        assert!(!measure(Some(day(6, 1))).is_overdue(today), "due today is not late yet");
        assert!(!measure(None).is_overdue(today));
        let done = mark_done(&measure(Some(day(5, 1))), &completion(day(5, 20)), today).unwrap();
        assert!(!done.is_overdue(today));
        let dropped = mark_not_applicable(&measure(Some(day(5, 1))), "岗位已撤销").unwrap();
        assert!(!dropped.is_overdue(today));
        assert_eq!(dropped.state_text(today), "不再适用：岗位已撤销");
        assert!(MeasureFilter::Overdue.keeps(&measure(Some(day(5, 1))), today));
        assert!(!MeasureFilter::Overdue.keeps(&dropped, today));
    }

    #[test]
    fn marking_done_records_who_and_what_and_can_be_taken_back() {
        let today = day(6, 1);
        let m = measure(Some(day(5, 1)));
        let done = mark_done(&m, &completion(day(5, 20)), today).unwrap();
        assert_eq!(done.state(), MeasureState::Done);
        assert_eq!(done.done_on, Some(day(5, 20)));
        assert_eq!(&*done.confirmed_by, "张三");
        assert_eq!(&*done.evidence, "财务制度〔2026〕3号");
        assert_eq!(done.state_text(today), "已落实（2026年5月20日）");
        let back = reopen(&done);
        assert_eq!(back.state(), MeasureState::Open);
        assert!(back.confirmed_by.is_empty() && back.done_on.is_none());
    }

    #[test]
    fn refusals_say_why_in_chinese() {
        let today = day(6, 1);
        let m = measure(None);
        assert!(mark_done(&m, &completion(day(6, 2)), today).unwrap_err().to_string().contains("晚于今天"));
        let nobody = Completion { confirmed_by: " ".into(), ..completion(day(5, 1)) };
        assert!(mark_done(&m, &nobody, today).unwrap_err().to_string().contains("确认人"));
        assert!(mark_not_applicable(&m, "  ").unwrap_err().to_string().contains("理由"));
    }
}
