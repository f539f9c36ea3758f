//! The plan skeleton a scheme pre-fills: its phases (with dates in the plan's year) and tasks.

use chrono::NaiveDate;

use super::model::{Phase, Plan, Stamp, Task, WorkStatus};
use super::{Id, Scheme};

/// A plan with the scheme's phases and tasks, for `year`. `next_id` gives the ids (random in
/// the app, deterministic in the demo).
pub fn plan_from_scheme(
    scheme: &Scheme,
    year: i32,
    title: &str,
    mut next_id: impl FnMut() -> Id,
) -> (Plan, Vec<Phase>, Vec<Task>) {
    let plan = Plan {
        id: next_id(),
        doc_no: String::new(),
        title: title.to_owned(),
        issuer: String::new(),
        signer: String::new(),
        signed_on: None,
        issued_on: None,
        guiding_text: String::new(),
        stamp: Stamp::now(),
    };
    let mut phases = Vec::new();
    let mut tasks = Vec::new();
    for (seq, preset) in scheme.phases.iter().enumerate() {
        let ends_on = month_day(year, &preset.end);
        let phase = Phase {
            id: next_id(),
            plan_id: plan.id,
            seq: i64::try_from(seq).unwrap_or(i64::MAX),
            name: preset.name.clone(),
            starts_on: month_day(year, &preset.start),
            ends_on,
            description: preset.description.clone(),
            dept_id: None,
            status: WorkStatus::NotStarted,
            stamp: Stamp::now(),
        };
        for (tseq, content) in preset.tasks.iter().enumerate() {
            tasks.push(Task {
                id: next_id(),
                phase_id: phase.id,
                seq: i64::try_from(tseq).unwrap_or(i64::MAX),
                content: content.clone(),
                dept_id: None,
                due_on: written_date(year, content).or(ends_on),
                status: WorkStatus::NotStarted,
                stamp: Stamp::now(),
            });
        }
        phases.push(phase);
    }
    (plan, phases, tasks)
}

/// The first date a task's text names (填写《个人廉政风险自查表》（5月25日）), in `year`: the
/// seeds write a task's deadline into its text; without one, the task is due with its phase.
fn written_date(year: i32, text: &str) -> Option<NaiveDate> {
    let chars: Vec<char> = text.chars().collect();
    let number = |from: usize| -> (u32, usize) {
        let digits: String = chars.iter().skip(from).take_while(|c| c.is_ascii_digit()).collect();
        (digits.parse().unwrap_or(0), from + digits.len())
    };
    (0..chars.len()).find_map(|i| {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            return None;
        }
        let (month, after) = number(i);
        if chars.get(after) != Some(&'月') {
            return None;
        }
        let (day, end) = number(after + 1);
        (chars.get(end) == Some(&'日')).then(|| NaiveDate::from_ymd_opt(year, month, day)).flatten()
    })
}

/// The working year a new unit starts in on `today`: this year while the scheme's last phase
/// can still be finished in it, else next year, so that nothing is overdue on day one.
pub fn default_working_year(scheme: &Scheme, today: NaiveDate) -> i32 {
    use chrono::Datelike as _;
    let year = today.year();
    let last_end = scheme.phases.iter().filter_map(|p| month_day(year, &p.end)).max();
    match last_end {
        Some(end) if end < today => year + 1,
        _ => year,
    }
}

/// The plan's working year: that of its first phase, else of its signing, else `today`'s.
pub fn working_year(c: &super::Content, today: NaiveDate) -> i32 {
    use chrono::Datelike as _;
    let first_phase = c.phases.iter().filter_map(|p| p.starts_on).min();
    let signed = c.plans.first().and_then(|p| p.signed_on.or(p.issued_on));
    first_phase.or(signed).map_or_else(|| today.year(), |d| d.year())
}

/// `"05-16"` in `year`; `None` when the preset's date is not a real day.
fn month_day(year: i32, md: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{year}-{md}"), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_is_due_on_the_date_its_text_names() {
        let day = |m, d| NaiveDate::from_ymd_opt(2013, m, d);
        assert_eq!(written_date(2013, "填写《个人廉政风险自查表》（5月25日）"), day(5, 25));
        assert_eq!(written_date(2013, "5月14日交党总支汇总上报并公示"), day(5, 14));
        assert_eq!(written_date(2013, "编制岗位职责（5月13日交分管校长初审）"), day(5, 13));
        assert_eq!(written_date(2013, "制作廉政风险警示牌"), None);
        assert_eq!(written_date(2013, "第2月30日"), None, "not a day of the year");
        let fz = Scheme::preset("fzsx2013").unwrap().unwrap();
        let (_, _, tasks) = plan_from_scheme(&fz, 2013, "方案", crate::domain::new_id);
        let due: Vec<Option<NaiveDate>> =
            tasks.iter().filter(|t| t.content.contains("（6月")).map(|t| t.due_on).collect();
        assert_eq!(due, [day(6, 5), day(6, 15), day(6, 20), day(6, 25)], "001's sub-deadlines");
    }

    #[test]
    fn seed_001_phases_with_their_dates() {
        let s = Scheme::preset("fzsx2013").unwrap().unwrap();
        let (plan, phases, tasks) = plan_from_scheme(&s, 2013, "实施方案", crate::domain::new_id);
        assert_eq!(phases.len(), 4);
        assert!(phases.iter().all(|p| p.plan_id == plan.id));
        let find = &phases[1];
        assert_eq!(find.name, "排查廉政风险");
        assert_eq!(find.starts_on, NaiveDate::from_ymd_opt(2013, 5, 16));
        assert_eq!(find.ends_on, NaiveDate::from_ymd_opt(2013, 7, 15));
        assert!(tasks.iter().any(|t| t.phase_id == find.id && t.content.contains("个人廉政风险自查表")));
        assert!(month_day(2013, "02-30").is_none());
    }

    #[test]
    fn a_new_unit_late_in_the_year_plans_for_next_year() {
        let s = Scheme::preset("tjbh2012").unwrap().unwrap();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(default_working_year(&s, day(2026, 1, 5)), 2026);
        assert_eq!(default_working_year(&s, day(2026, 12, 2)), 2027);
        let (_, phases, _) = plan_from_scheme(&s, 2027, "方案", crate::domain::new_id);
        assert!(phases.iter().all(|p| p.ends_on.is_some_and(|e| e > day(2026, 12, 2))), "nothing overdue on day one");
    }
}
