//! 预警 (warnings and their responses), 检查考核 (rounds and department results), yearly
//! snapshots of the inventory, and registered responsibility letters.

use chrono::{Datelike as _, NaiveDate};

use super::{Rule, required, updated};
use crate::domain::change::{Change, Edit};
use crate::domain::content::ContentIndex;
use crate::domain::dates::parse_date;
use crate::domain::snapshot::Snapshot;
use crate::domain::*;

/// A warning as typed: on a post or a person, its source, date (as text), content and follow-up.
#[derive(Clone, Debug, Default)]
pub struct WarningDraft {
    pub on_post: bool,
    pub post: Option<Id>,
    pub person: Option<Id>,
    pub source: String,
    pub date: String,
    pub content: String,
    pub verified: bool,
    pub follow_up: String,
}

/// What a warning is about, in words: 财务处·出纳, or a person's name.
pub fn warning_target(c: &Content, index: &ContentIndex, w: &Warning) -> String {
    match index.post(c, w.post_id) {
        Some(p) => format!("{}·{}", index.dept_name(c, Some(p.dept_id)), p.name),
        None => index.person_name(c, w.person_id).to_owned(),
    }
}

/// Registers a new warning, or saves `existing` as edited: it needs an object and content;
/// a date that cannot be read is refused. Nothing changed gives `None`.
pub fn save_warning(
    c: &Content,
    index: &ContentIndex,
    d: &WarningDraft,
    existing: Option<&Warning>,
    year: i32,
) -> Result<Option<Edit>, Rule> {
    let (post_id, person_id) = if d.on_post { (d.post, None) } else { (None, d.person) };
    if post_id.is_none() && person_id.is_none() {
        return Err(Rule::Forbidden("请选择预警对象（岗位或个人）".into()));
    }
    if d.content.trim().is_empty() {
        return Err(Rule::Forbidden("请填写反映内容".into()));
    }
    let received_on = parse_date(&d.date, year).map_err(Rule::Forbidden)?;
    let w = Warning {
        id: existing.map_or_else(new_id, |w| w.id),
        post_id,
        person_id,
        source: d.source.clone(),
        received_on,
        content: d.content.trim().to_owned(),
        verified: d.verified,
        follow_up: d.follow_up.trim().to_owned(),
        stamp: existing.map_or_else(Stamp::now, |w| w.stamp.clone()),
    };
    let label = format!("{}预警（{}）", if existing.is_some() { "修改" } else { "登记" }, warning_target(c, index, &w));
    Ok(match existing {
        Some(old) => updated(label, old, w),
        None => Some(Edit::save(label, w)),
    })
}

/// A warning with its responses.
pub fn remove_warning(c: &Content, index: &ContentIndex, w: &Warning) -> Edit {
    let responses = c.warning_responses.iter().filter(|r| r.warning_id == w.id);
    let mut changes: Vec<Change> = responses.map(|r| Change::delete::<WarningResponse>(r.id)).collect();
    changes.push(Change::delete::<Warning>(w.id));
    Edit::new(format!("删除预警（{}）", warning_target(c, index, w)), changes)
}

/// A response (处置) to `w` of `kind`, dated as typed.
pub fn add_response(w: &Warning, kind: &str, date: &str, text: &str, year: i32) -> Result<Edit, Rule> {
    let r = WarningResponse {
        id: new_id(),
        warning_id: w.id,
        kind: kind.to_owned(),
        responded_on: parse_date(date, year).map_err(Rule::Forbidden)?,
        content: text.trim().to_owned(),
        stamp: Stamp::now(),
    };
    Ok(Edit::save(format!("添加处置“{kind}”"), r))
}

pub fn remove_response(r: &WarningResponse) -> Edit {
    Edit::delete::<WarningResponse>(format!("删除处置“{}”", r.kind), r.id)
}

/// A new round of 检查考核 starting `today`. Returns its id too.
pub fn add_round(name: &str, today: NaiveDate) -> Result<(Edit, Id), Rule> {
    let name =
        required(name, "名称").map_err(|_| Rule::Forbidden("请填写名称，如：2026年度廉政风险防控检查考核".into()))?;
    let round = InspectionRound {
        id: new_id(),
        name: name.clone(),
        year: i64::from(today.year()),
        starts_on: Some(today),
        ends_on: None,
        stamp: Stamp::now(),
    };
    let id = round.id;
    Ok((Edit::save(format!("添加“{name}”"), round), id))
}

/// Empty results for every department the round has none for yet.
pub fn add_missing_results(c: &Content, round: &InspectionRound) -> Option<Edit> {
    let changes: Vec<Change> = c
        .departments
        .iter()
        .filter(|d| !c.inspection_results.iter().any(|r| r.round_id == round.id && r.dept_id == d.id))
        .map(|d| {
            Change::save(InspectionResult {
                id: new_id(),
                round_id: round.id,
                dept_id: d.id,
                self_check: String::new(),
                assessment: String::new(),
                rating: String::new(),
                stamp: Stamp::now(),
            })
        })
        .collect();
    (!changes.is_empty()).then(|| Edit::new(format!("建立“{}”的部门考核记录", round.name), changes))
}

/// A department's result as edited (`name` is the department's): the rating must be one the
/// scheme allows it (a department with a yellow card cannot be rated 好).
pub fn edit_result(
    c: &Content,
    old: &InspectionResult,
    new: InspectionResult,
    name: &str,
) -> Result<Option<Edit>, Rule> {
    if new.rating != old.rating {
        warning::check_rating(c, old.dept_id, &new.rating).map_err(|why| Rule::Forbidden(format!("{name}：{why}")))?;
    }
    Ok(updated(format!("修改{name}的检查考核"), old, new))
}

/// The inventory as it stands, kept under `label` for comparison next year.
pub fn save_snapshot(c: &Content, label: &str, year: i32) -> Result<Edit, Rule> {
    let label = required(label, "快照名称")?;
    let snap = Snapshot {
        id: new_id(),
        year: i64::from(year),
        label: label.clone(),
        inventory: c.inventory(),
        stamp: Stamp::now(),
    };
    Ok(Edit::save(format!("保存快照“{label}”"), snap))
}

pub fn remove_snapshot(s: &Snapshot) -> Edit {
    Edit::delete::<Snapshot>(format!("删除快照“{}”", s.label), s.id)
}

/// A signed letter as typed: kind, who signed with whom, department, date (as text).
#[derive(Clone, Debug, Default)]
pub struct LetterDraft {
    pub kind: LetterKind,
    pub signer: Option<Id>,
    pub counterpart: Option<Id>,
    pub dept: Option<Id>,
    pub date: String,
}

/// Registers a signed responsibility letter; without a date it counts for `year` (the plan's
/// working year).
pub fn register_letter(c: &Content, index: &ContentIndex, d: &LetterDraft, year: i32) -> Result<Edit, Rule> {
    let signer = d.signer.ok_or_else(|| Rule::Forbidden("请选择签订人".into()))?;
    let signed_on = parse_date(&d.date, year).map_err(Rule::Forbidden)?;
    let letter = ResponsibilityLetter {
        id: new_id(),
        kind: d.kind,
        year: i64::from(signed_on.map_or(year, |s| s.year())),
        signer_person_id: signer,
        counterpart_person_id: d.counterpart,
        dept_id: d.dept,
        signed_on,
        stamp: Stamp::now(),
    };
    Ok(Edit::save(format!("登记{}的{}", index.person_name(c, Some(signer)), d.kind.label()), letter))
}

pub fn remove_letter(c: &Content, index: &ContentIndex, l: &ResponsibilityLetter) -> Edit {
    let label = format!("删除{}的{}", index.person_name(c, Some(l.signer_person_id)), l.kind.label());
    Edit::delete::<ResponsibilityLetter>(label, l.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::Row;

    #[test]
    fn a_warning_needs_an_object_and_content_and_a_readable_date() {
        let c = crate::demo::build("fzsx2013").unwrap();
        let index = ContentIndex::build(&c);
        let post = &c.posts[0];
        let mut d = WarningDraft { on_post: true, content: "反映收受礼品".into(), ..WarningDraft::default() };
        assert_eq!(save_warning(&c, &index, &d, None, 2027).unwrap_err().to_string(), "请选择预警对象（岗位或个人）");
        d.post = Some(post.id);
        d.date = "2月30日".into();
        assert!(save_warning(&c, &index, &d, None, 2027).is_err());
        d.date = "3月2日".into();
        let edit = save_warning(&c, &index, &d, None, 2027).unwrap().unwrap();
        let Change::Save(Row::Warning(w)) = &edit.changes[0] else { panic!() };
        assert_eq!(w.received_on, NaiveDate::from_ymd_opt(2027, 3, 2));
        assert!(edit.label.contains(&post.name), "{}", edit.label);
        assert!(save_warning(&c, &index, &d, Some(w), 2027).unwrap().is_none(), "saved again unchanged: nothing");
    }

    #[test]
    fn missing_results_are_made_once_and_a_letter_needs_its_signer() {
        let c = crate::demo::build("jxau2010").unwrap();
        let index = ContentIndex::build(&c);
        let round = &c.inspection_rounds[0];
        let have = c.inspection_results.iter().filter(|r| r.round_id == round.id).count();
        let made = add_missing_results(&c, round).map_or(0, |e| e.changes.len());
        assert_eq!(have + made, c.departments.len());
        let d = LetterDraft::default();
        assert_eq!(register_letter(&c, &index, &d, 2027).unwrap_err().to_string(), "请选择签订人");
        let d = LetterDraft { signer: Some(c.people[0].id), ..LetterDraft::default() };
        let Change::Save(Row::ResponsibilityLetter(l)) = &register_letter(&c, &index, &d, 2027).unwrap().changes[0]
        else {
            panic!()
        };
        assert_eq!((l.year, l.signed_on), (2027, None), "undated: the plan's working year");
    }
}
