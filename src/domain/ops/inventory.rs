//! The risk inventory: saving a risk point from the wizard's draft (with its three measures),
//! review steps, and the 职权目录 with its flow of steps.

use chrono::NaiveDate;

use super::{Rule, required, updated};
use crate::domain::change::{Change, Edit};
use crate::domain::dates::parse_date;
use crate::domain::grading::grade;
use crate::domain::review::{ReviewAction, advance};
use crate::domain::*;

/// One measure as typed: its text, owner and due date (as text until saved).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MeasureDraft {
    pub content: String,
    pub owner: Option<Id>,
    pub due: String,
}

/// A risk point as the wizard has it: the object, texts, step, grading inputs and measures.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskDraft {
    /// The risk point being continued (a draft or a returned one), if any.
    pub editing: Option<Id>,
    pub scope: RiskScope,
    pub dept: Option<Id>,
    pub post: Option<Id>,
    pub person: Option<Id>,
    pub class: String,
    pub description: String,
    pub manifestation: String,
    pub power: Option<Id>,
    pub power_step: Option<Id>,
    pub found_by: String,
    /// 事前, 事中, 事后.
    pub measures: [MeasureDraft; 3],
    pub inputs: GradeInputs,
}

impl Default for RiskDraft {
    /// A new risk point of a post, nothing typed yet.
    fn default() -> Self {
        Self {
            editing: None,
            scope: RiskScope::Post,
            dept: None,
            post: None,
            person: None,
            class: String::new(),
            description: String::new(),
            manifestation: String::new(),
            power: None,
            power_step: None,
            found_by: String::new(),
            measures: Default::default(),
            inputs: GradeInputs::default(),
        }
    }
}

impl RiskDraft {
    /// The draft that continues `rp`, with its measures (dates as the user writes them).
    pub fn of(c: &Content, rp: &RiskPoint) -> Self {
        let mut measures: [MeasureDraft; 3] = Default::default();
        for m in c.measures.iter().filter(|m| m.risk_point_id == rp.id) {
            if let Some(d) = measures.get_mut(m.phase.index()) {
                let due = m.due_on.map(dates::format_date).unwrap_or_default();
                *d = MeasureDraft { content: m.content.clone(), owner: m.owner_person_id, due };
            }
        }
        Self {
            editing: Some(rp.id),
            scope: rp.scope,
            dept: rp.dept_id,
            post: rp.post_id,
            person: rp.person_id,
            class: rp.class.to_string(),
            description: rp.description.clone(),
            manifestation: rp.manifestation.clone(),
            power: rp.power_id,
            power_step: rp.power_step_id,
            found_by: rp.found_by.to_string(),
            measures,
            inputs: rp.grade_inputs.clone(),
        }
    }

    /// The department the risk point belongs to: the post's for a post, the chosen one for a
    /// department, none otherwise.
    pub fn department(&self, c: &Content) -> Option<Id> {
        match self.scope {
            RiskScope::Post => c.posts.iter().find(|p| Some(p.id) == self.post).map(|p| p.dept_id),
            RiskScope::Department => self.dept,
            _ => None,
        }
    }

    /// Whether saving would change what reviewers passed: the object, class, or texts.
    pub fn changes_substance(&self, old: &RiskPoint, c: &Content) -> bool {
        let post = if self.scope == RiskScope::Post { self.post } else { None };
        let person = if self.scope == RiskScope::Person { self.person } else { None };
        old.scope != self.scope
            || old.dept_id != self.department(c)
            || old.post_id != post
            || old.person_id != person
            || old.class != self.class
            || old.description != self.description.trim()
            || old.manifestation != self.manifestation.trim()
    }

    /// The object is chosen: a department, a post, or a person as the scope needs.
    pub fn check_object(&self) -> Result<(), Rule> {
        let missing = match self.scope {
            RiskScope::Department if self.dept.is_none() => "请选择部门",
            RiskScope::Post if self.post.is_none() => "请选择部门和岗位",
            RiskScope::Person if self.person.is_none() => "请选择人员",
            _ => return Ok(()),
        };
        Err(Rule::Forbidden(missing.into()))
    }

    pub fn check_class(&self) -> Result<(), Rule> {
        if self.class.is_empty() { Err(Rule::Forbidden("请选择风险类别".into())) } else { Ok(()) }
    }

    /// The risk point and how it shows are written.
    pub fn check_text(&self) -> Result<(), Rule> {
        required(&self.description, "风险点")?;
        required(&self.manifestation, "表现形式").map(|_| ())
    }

    pub fn check_found_by(&self) -> Result<(), Rule> {
        if self.found_by.is_empty() { Err(Rule::Forbidden("请选择查找方式".into())) } else { Ok(()) }
    }

    /// A draft saved before it is finished needs its risk point written (and its object, as
    /// `check_object` says).
    pub fn check_draft(&self) -> Result<(), Rule> {
        if self.description.trim().is_empty() {
            return Err(Rule::Forbidden("保存草稿前至少填写风险点".into()));
        }
        Ok(())
    }

    /// The measures' due dates, read in `year` where the year is left out; a date that cannot
    /// be read is refused, never dropped.
    pub fn due_dates(&self, year: i32) -> Result<[Option<NaiveDate>; 3], Rule> {
        let mut out = [None; 3];
        for (slot, m) in out.iter_mut().zip(&self.measures) {
            *slot = parse_date(&m.due, year).map_err(Rule::Forbidden)?;
        }
        Ok(out)
    }
}

/// Saves `draft` as a risk point (new or continued) with its measures; `submit` sends it into
/// review. A reviewed risk point whose substance changed starts its review again; a manual
/// grade (with its reason) stands while the grading inputs are unchanged; a measure's 落实
/// record is kept; an emptied measure is deleted. `year` completes dates typed without one.
pub fn save_risk_point(c: &Content, draft: &RiskDraft, submit: bool, year: i32) -> Result<Edit, Rule> {
    let due = draft.due_dates(year)?;
    let scheme = &c.unit.scheme;
    let old = draft.editing.and_then(|id| c.risk_points.iter().find(|r| r.id == id));
    let (mut status, mut step) = old.map_or((ReviewStatus::Draft, 0), |o| (o.status, o.review_step));
    if matches!(status, ReviewStatus::InReview | ReviewStatus::Approved)
        && old.is_some_and(|o| draft.changes_substance(o, c))
    {
        (status, step) = (ReviewStatus::Draft, 0);
    }
    let keep_review = matches!(status, ReviewStatus::InReview | ReviewStatus::Approved);
    if submit && !keep_review {
        (status, step) = advance(scheme, status, step, ReviewAction::Submit).map_err(Rule::Forbidden)?;
    }
    let graded = grade(scheme, &draft.inputs);
    let mut rp = RiskPoint {
        id: old.map_or_else(new_id, |o| o.id),
        scope: draft.scope,
        dept_id: draft.department(c),
        post_id: if draft.scope == RiskScope::Post { draft.post } else { None },
        person_id: if draft.scope == RiskScope::Person { draft.person } else { None },
        seq: old.map_or_else(|| next_seq(&c.risk_points), |o| o.seq),
        class: Shared::pooled(&draft.class),
        description: draft.description.trim().to_owned(),
        manifestation: draft.manifestation.trim().to_owned(),
        power_id: draft.power,
        power_step_id: draft.power_step,
        found_by: Shared::pooled(&draft.found_by),
        status,
        review_step: step,
        grade: graded.as_ref().map(|(g, _)| *g),
        grade_inputs: draft.inputs.clone(),
        grade_rationale: Shared::pooled(&graded.map(|(_, w)| w).unwrap_or_default()),
        grade_override_reason: Note::default(),
        stamp: old.map_or_else(Stamp::now, |o| o.stamp.clone()),
    };
    if let Some(o) = old.filter(|o| !o.grade_override_reason.is_empty() && o.grade_inputs == draft.inputs) {
        rp.grade = o.grade;
        rp.grade_rationale.clone_from(&o.grade_rationale);
        rp.grade_override_reason.clone_from(&o.grade_override_reason);
    }
    rp.stamp.touch();
    let label = format!("{}风险点“{}”", if submit { "提交" } else { "保存草稿：" }, rp.description);
    let mut changes = measure_changes(c, draft, rp.id, due);
    changes.insert(0, Change::save(rp));
    Ok(Edit::new(label, changes))
}

fn measure_changes(c: &Content, draft: &RiskDraft, rp: Id, due: [Option<NaiveDate>; 3]) -> Vec<Change> {
    let mut out = Vec::new();
    for ((phase, d), due_on) in MeasurePhase::ALL.into_iter().zip(&draft.measures).zip(due) {
        let existing = c.measures.iter().find(|m| m.risk_point_id == rp && m.phase == phase);
        match (existing, d.content.trim().is_empty()) {
            (Some(m), true) => out.push(Change::delete::<Measure>(m.id)),
            (None, true) => {}
            (old, false) => {
                let base = old.cloned().unwrap_or_else(|| Measure::new(rp, phase, String::new()));
                let mut m = Measure {
                    seq: i64::try_from(phase.index()).unwrap_or(0),
                    content: d.content.trim().to_owned(),
                    owner_person_id: d.owner,
                    due_on,
                    ..base
                };
                if old != Some(&m) {
                    m.stamp.touch();
                    out.push(Change::save(m));
                }
            }
        }
    }
    out
}

/// Who reviews and what they say.
#[derive(Clone, Debug, Default)]
pub struct Review {
    pub reviewer: String,
    pub opinion: String,
}

impl Review {
    /// A pass or return needs a reviewer; a return needs an opinion.
    pub fn check(&self, action: ReviewAction) -> Result<(), Rule> {
        if action != ReviewAction::Submit && self.reviewer.trim().is_empty() {
            return Err(Rule::Forbidden("请填写审核人".into()));
        }
        if action == ReviewAction::Reject && self.opinion.trim().is_empty() {
            return Err(Rule::Forbidden("退回须填写意见".into()));
        }
        Ok(())
    }
}

/// The changes of one review `action` on `rp` on `today`: its new status and, for a pass or a
/// return, the review record.
pub fn review_changes(
    scheme: &Scheme,
    rp: &RiskPoint,
    action: ReviewAction,
    review: &Review,
    today: NaiveDate,
) -> Result<Vec<Change>, Rule> {
    review.check(action)?;
    let (status, step) = advance(scheme, rp.status, rp.review_step, action).map_err(Rule::Forbidden)?;
    let mut new = RiskPoint { status, review_step: step, ..rp.clone() };
    new.stamp.touch();
    let mut changes = vec![Change::save(new)];
    if action != ReviewAction::Submit {
        changes.push(Change::save(ReviewRecord {
            id: new_id(),
            risk_point_id: rp.id,
            step_index: rp.review_step,
            step_name: scheme.review_step_name(rp.review_step),
            reviewer: review.reviewer.trim().to_owned(),
            reviewed_on: Some(today),
            opinion: review.opinion.trim().to_owned(),
            passed: action == ReviewAction::Pass,
            stamp: Stamp::now(),
        }));
    }
    Ok(changes)
}

/// One review action on one risk point.
pub fn review(
    scheme: &Scheme,
    rp: &RiskPoint,
    action: ReviewAction,
    r: &Review,
    today: NaiveDate,
) -> Result<Edit, Rule> {
    let changes = review_changes(scheme, rp, action, r, today)?;
    Ok(Edit::new(format!("{}“{}”", action.label(), rp.description), changes))
}

/// One review action on many: those whose state does not allow it are skipped and counted.
pub fn review_many<'a>(
    scheme: &Scheme,
    points: impl Iterator<Item = &'a RiskPoint>,
    action: ReviewAction,
    r: &Review,
    today: NaiveDate,
) -> Result<(Option<Edit>, usize), Rule> {
    r.check(action)?;
    let (mut changes, mut done, mut skipped) = (Vec::new(), 0, 0);
    for rp in points {
        match review_changes(scheme, rp, action, r, today) {
            Ok(c) => {
                changes.extend(c);
                done += 1;
            }
            Err(_) => skipped += 1,
        }
    }
    let edit = (done > 0).then(|| Edit::new(format!("批量{} {done} 个风险点", action.label()), changes));
    Ok((edit, skipped))
}

/// A new power (职权) of `dept`, last; names are unique within a department.
pub fn add_power(c: &Content, dept: Id, name: &str) -> Result<(Edit, Id), Rule> {
    let name = required(name, "职权名称")?;
    let powers = c.powers.iter().filter(|p| p.dept_id == dept);
    if powers.clone().any(|p| p.name == name) {
        return Err(Rule::Taken { place: "本部门".into(), what: "职权", name });
    }
    let power = Power::new(dept, next_seq(powers), name.clone());
    let id = power.id;
    Ok((Edit::save(format!("添加职权“{name}”"), power), id))
}

/// A power as typed (one-line fields trimmed, longer texts kept as written).
pub fn edit_power(old: &Power, mut new: Power) -> Result<Option<Edit>, Rule> {
    new.name = required(&new.name, "职权名称")?;
    new.subject = new.subject.trim().to_owned();
    new.time_limit = new.time_limit.trim().to_owned();
    Ok(updated(format!("修改职权“{}”", new.name), old, new))
}

/// A new step at the end of `power`'s flow.
pub fn add_step(c: &Content, power: &Power, name: &str) -> Result<Edit, Rule> {
    let name = required(name, "环节名称")?;
    let step = PowerStep {
        id: new_id(),
        power_id: power.id,
        seq: next_seq(c.power_steps.iter().filter(|s| s.power_id == power.id)),
        name: name.clone(),
        description: String::new(),
        stamp: Stamp::now(),
    };
    Ok(Edit::save(format!("添加环节“{name}”"), step))
}

pub fn rename_step(old: &PowerStep, name: &str) -> Result<Option<Edit>, Rule> {
    let name = required(name, "环节名称")?;
    Ok(updated(format!("修改环节“{name}”"), old, PowerStep { name: name.clone(), ..old.clone() }))
}

/// A step with no risk points on it (they must be moved to another step first).
pub fn remove_step(c: &Content, step: &PowerStep) -> Result<Edit, Rule> {
    if c.risk_points.iter().any(|r| r.power_step_id == Some(step.id)) {
        return Err(Rule::Forbidden("环节上还有风险点，须先把它们改到其他环节".into()));
    }
    Ok(Edit::delete::<PowerStep>(format!("删除环节“{}”", step.name), step.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::Row;

    fn demo() -> Content {
        crate::demo::build("jxau2010").unwrap()
    }

    fn saved_point(edit: &Edit) -> &RiskPoint {
        let Some(Change::Save(Row::RiskPoint(rp))) = edit.changes.first() else { panic!("{edit:?}") };
        rp
    }

    #[test]
    fn a_changed_text_sends_an_approved_risk_point_back_to_review_and_a_bad_date_is_refused() {
        let c = demo();
        let approved = c.risk_points.iter().find(|r| r.status == ReviewStatus::Approved).unwrap();
        let mut draft = RiskDraft::of(&c, approved);
        let same = save_risk_point(&c, &draft, false, 2027).unwrap();
        assert_eq!(saved_point(&same).status, ReviewStatus::Approved, "unchanged substance keeps the review");
        draft.description.push_str("（补充）");
        let changed = save_risk_point(&c, &draft, false, 2027).unwrap();
        assert_eq!((saved_point(&changed).status, saved_point(&changed).review_step), (ReviewStatus::Draft, 0));
        draft.measures[1].due = "13月40日".into();
        assert!(save_risk_point(&c, &draft, false, 2027).is_err(), "never dropped silently");
    }

    #[test]
    fn an_emptied_measure_is_deleted_and_a_kept_one_keeps_its_record() {
        let c = demo();
        let rp = c.risk_points.iter().find(|r| c.measures.iter().filter(|m| m.risk_point_id == r.id).count() == 3);
        let rp = rp.unwrap();
        let mut draft = RiskDraft::of(&c, rp);
        draft.measures[0].content.clear();
        let edit = save_risk_point(&c, &draft, false, 2027).unwrap();
        let deletes = edit.changes.iter().filter(|ch| matches!(ch, Change::Delete { .. })).count();
        assert_eq!(deletes, 1);
        assert!(
            !edit.changes.iter().any(|ch| matches!(ch, Change::Save(Row::Measure(_)))),
            "the other two measures are unchanged, so not saved"
        );
    }

    #[test]
    fn a_return_needs_an_opinion_and_a_bulk_action_skips_what_it_cannot_do() {
        let c = demo();
        let scheme = &c.unit.scheme;
        let today = NaiveDate::from_ymd_opt(2027, 5, 1).unwrap();
        let in_review = c.risk_points.iter().find(|r| r.status == ReviewStatus::InReview).unwrap();
        let quiet = Review { reviewer: "李明".into(), opinion: String::new() };
        assert_eq!(
            review(scheme, in_review, ReviewAction::Reject, &quiet, today).unwrap_err().to_string(),
            "退回须填写意见"
        );
        let pass = review(scheme, in_review, ReviewAction::Pass, &quiet, today).unwrap();
        assert!(matches!(&pass.changes[1], Change::Save(Row::ReviewRecord(r)) if r.passed && r.reviewer == "李明"));
        let approved = c.risk_points.iter().find(|r| r.status == ReviewStatus::Approved).unwrap();
        let (edit, skipped) =
            review_many(scheme, [in_review, approved].into_iter(), ReviewAction::Pass, &quiet, today).unwrap();
        assert_eq!((edit.unwrap().label, skipped), ("批量通过 1 个风险点".to_owned(), 1));
    }

    #[test]
    fn a_step_with_risk_points_is_not_removed_and_power_names_are_unique_per_department() {
        let c = demo();
        let busy = c.power_steps.iter().find(|s| c.risk_points.iter().any(|r| r.power_step_id == Some(s.id)));
        assert!(remove_step(&c, busy.unwrap()).is_err());
        let power = &c.powers[0];
        assert!(add_power(&c, power.dept_id, &power.name).unwrap_err().to_string().starts_with("本部门已有职权"));
        let Change::Save(Row::PowerStep(s)) = &add_step(&c, power, "归档").unwrap().changes[0] else { panic!() };
        assert_eq!(s.seq, next_seq(c.power_steps.iter().filter(|x| x.power_id == power.id)));
    }
}
