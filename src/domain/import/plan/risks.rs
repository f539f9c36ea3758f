//! Rows of the risk inventory: 风险点 (with the measures its phase columns list) and 防控措施.

use super::super::cells::{parse_cell_date, parse_grade, parse_phase};
use super::{Importer, Outcome, Record, Who, fate, set_text};
use crate::domain::change::Change;
use crate::domain::import::clean;
use crate::domain::measures::{Completion, mark_done};
use crate::domain::model::*;
use crate::domain::{Id, new_id};

impl Importer<'_> {
    /// Where a row's risk point sits: scope, department, post and person, as far as they are
    /// known now (a post or person not yet in the file is `None` and created by `place`).
    fn scope_of(&self, r: &Record<'_>) -> Result<RiskScope, String> {
        let scheme = &self.content.unit.scheme;
        if r.has("scope") {
            let s = r.name("scope");
            return RiskScope::ALL
                .into_iter()
                .find(|sc| scheme.scope_name(*sc) == s || sc.label() == s || format!("{}风险", sc.label()) == s)
                .ok_or_else(|| format!("范围“{s}”应为 {}", RiskScope::ALL.map(|sc| scheme.scope_name(sc)).join("、")));
        }
        Ok(if r.has("person") {
            RiskScope::Person
        } else if r.has("post") {
            RiskScope::Post
        } else if r.has("dept") {
            RiskScope::Department
        } else {
            RiskScope::Unit
        })
    }

    /// Finds or creates the department, post and person of a risk-point row.
    fn place(
        &mut self,
        r: &Record<'_>,
        scope: RiskScope,
        person: Option<Who>,
        note: &mut Vec<String>,
    ) -> (Option<Id>, Option<Id>, Option<Id>) {
        let dept = r.has("dept").then(|| self.ensure_dept(r.get("dept"), note));
        let post = match (scope, dept) {
            (RiskScope::Post, Some(d)) if r.has("post") => {
                let name = r.name("post");
                let (i, created) = self.ensure_post(d, name.clone(), PostTier::General);
                if created {
                    note.push(format!("新建岗位“{name}”"));
                    let id = self.w.posts[i].id;
                    self.mark(id);
                }
                Some(self.w.posts[i].id)
            }
            _ => None,
        };
        let person = person.map(|who| {
            let i = self.ensure_person(who, r.get("person"), dept, note);
            self.w.people[i].id
        });
        (dept, post, person)
    }

    pub(super) fn risk_row(&mut self, r: &Record<'_>) -> Result<Outcome, String> {
        let scheme = &self.content.unit.scheme;
        let scope = self.scope_of(r)?;
        match scope {
            RiskScope::Department if !r.has("dept") => return Err("部门风险点须写明部门".into()),
            RiskScope::Post if !r.has("dept") || !r.has("post") => return Err("岗位风险点须写明部门和岗位".into()),
            RiskScope::Person if !r.has("person") => return Err("个人风险点须写明人员".into()),
            _ => {}
        }
        let grade = if r.has("grade") { Some(parse_grade(r.get("grade"), &scheme.grading.level_names)?) } else { None };
        let person = if scope == RiskScope::Person {
            Some(self.person_ref(r.get("person"), r.has("dept").then(|| self.dept_id(r.get("dept"))).flatten())?)
        } else {
            None
        };
        let mut note = Vec::new();
        let (dept_id, post_id, person_id) = self.place(r, scope, person, &mut note);
        let dept_id = if scope == RiskScope::Unit { None } else { dept_id };
        let description = clean(r.get("description")).to_owned();
        let key = (dept_id, post_id, person_id, description.clone());
        let existing = self.w.risk_by_key.get(&key).copied();
        let i = existing.unwrap_or_else(|| {
            let rp = new_risk_point(scope, (dept_id, post_id, person_id), self.w.next_risk_seq, description.clone());
            self.w.next_risk_seq += 1;
            self.w.risk_by_key.insert(key, self.w.risks.len());
            self.w.risks_by_words.entry(description).or_default().push(self.w.risks.len());
            self.w.risks.push(rp);
            self.w.risks.len() - 1
        });
        let added = existing.is_none();
        let (power_id, step_id) = self.power_link(r, dept_id, &mut note);
        let before = self.w.risks[i].clone();
        let scheme = &self.content.unit.scheme;
        let rp = &mut self.w.risks[i];
        let mut changed = Vec::new();
        if r.has("class") && !scheme.risk_classes.iter().any(|c| c.name == r.get("class")) {
            note.push(format!("风险类别“{}”不在方案中", r.get("class")));
        }
        set_text(&mut rp.class, r.get("class"), "风险类别", &mut changed);
        set_text(&mut rp.manifestation, r.get("manifestation"), "表现形式", &mut changed);
        set_text(&mut rp.found_by, r.get("found_by"), "查找方式", &mut changed);
        if power_id.is_some() && (rp.power_id, rp.power_step_id) != (power_id, step_id) {
            (rp.power_id, rp.power_step_id) = (power_id, step_id);
            changed.push("职权");
        }
        let rp_id = rp.id;
        if let Some(g) = grade.filter(|g| rp.grade != Some(*g)) {
            let from = scheme.level_name(rp.grade).to_owned();
            let to = scheme.level_name(Some(g)).to_owned();
            rp.grade = Some(g);
            rp.grade_rationale = format!("由表格导入为{to}").into();
            rp.grade_override_reason = "由 Excel/WPS 表格导入".into();
            changed.push("等级");
            let detail = format!("等级由{from}改为{to}（由表格导入）");
            self.w.notes.push(Change::Note { action: "override", table: "risk_point", id: rp_id, detail });
        }
        if *rp != before || added {
            if !added {
                rp.stamp.touch();
            }
            self.mark(rp_id);
        }
        let phases =
            [("before", MeasurePhase::Before), ("during", MeasurePhase::During), ("after", MeasurePhase::After)];
        let mut new_measures = 0;
        for (key, phase) in phases {
            for line in r.get(key).lines().map(clean).filter(|l| !l.is_empty()) {
                if self.measure_index(rp_id, phase, line).is_none() {
                    self.add_measure(rp_id, phase, line);
                    new_measures += 1;
                }
            }
        }
        if new_measures > 0 {
            if added {
                note.push(format!("{new_measures} 条措施"));
            } else {
                changed.push("措施");
            }
        }
        Ok(fate(added, note, &changed))
    }

    /// The 职权 and 环节 a risk-point row names, when the department's 职权目录 has them.
    fn power_link(&self, r: &Record<'_>, dept: Option<Id>, note: &mut Vec<String>) -> (Option<Id>, Option<Id>) {
        if !r.has("power") {
            return (None, None);
        }
        let power = dept.and_then(|d| self.w.power_by_key.get(&(d, r.name("power")))).map(|i| self.w.powers[*i].id);
        let Some(power) = power else {
            note.push(format!("职权“{}”不在该部门的职权目录中，未关联", r.get("power")));
            return (None, None);
        };
        let step = r
            .has("step")
            .then(|| self.w.step_by_key.get(&(power, r.name("step"))).map(|i| self.w.steps[*i].id))
            .flatten();
        if r.has("step") && step.is_none() {
            note.push(format!("环节“{}”不在该职权中，未关联", r.get("step")));
        }
        (Some(power), step)
    }

    fn measure_index(&self, rp: Id, phase: MeasurePhase, content: &str) -> Option<usize> {
        self.w.measures_of.get(&rp)?.iter().copied().find(|i| {
            let m = &self.w.measures[*i];
            m.phase == phase && m.content == content
        })
    }

    fn add_measure(&mut self, rp: Id, phase: MeasurePhase, content: &str) -> usize {
        let seq = self
            .w
            .measures_of
            .get(&rp)
            .map_or(0, |ms| ms.iter().map(|i| self.w.measures[*i].seq + 1).max().unwrap_or(0));
        let m = Measure { seq, ..Measure::new(rp, phase, content.to_owned()) };
        self.mark(m.id);
        let i = self.w.measures.len();
        self.w.measures_of.entry(rp).or_default().push(i);
        self.w.measures.push(m);
        i
    }

    pub(super) fn measure_row(&mut self, r: &Record<'_>) -> Result<Outcome, String> {
        let scheme = &self.content.unit.scheme;
        let phase = parse_phase(r.get("phase"), &scheme.measure_phases)?;
        let due = parse_cell_date(r.get("due"), "完成时限")?;
        let done_on = parse_cell_date(r.get("done_on"), "落实日期")?;
        let state = r.get("state");
        if !matches!(state, "" | "已落实" | "未落实" | "不再适用" | "逾期未落实") {
            return Err(format!("落实情况“{state}”应为 已落实、未落实 或 不再适用"));
        }
        let rp = self.find_risk(r)?;
        let rp_dept = self.w.risks[rp].dept_id;
        let owner = if r.has("owner") { Some(self.owner(r.get("owner"), rp_dept)) } else { None };
        let rp_id = self.w.risks[rp].id;
        let content = clean(r.get("content"));
        let existing = self.measure_index(rp_id, phase, content);
        let added = existing.is_none();
        let i = existing.unwrap_or_else(|| self.add_measure(rp_id, phase, content));
        let before = self.w.measures[i].clone();
        let mut note = Vec::new();
        let mut m = before.clone();
        let mut changed = Vec::new();
        if let Some((person, text)) = owner
            && (m.owner_person_id, &*m.owner_text) != (person, text.as_str())
        {
            (m.owner_person_id, m.owner_text) = (person, text.into());
            changed.push("责任人");
        }
        if due.is_some() && m.due_on != due {
            m.due_on = due;
            changed.push("完成时限");
        }
        match state {
            "已落实" if !m.done => match done_on {
                Some(on) => {
                    let completion = Completion {
                        on,
                        confirmed_by: r.get("confirmed_by").into(),
                        evidence: r.get("evidence").into(),
                    };
                    match mark_done(&m, &completion, self.today) {
                        Ok(done) => {
                            m = done;
                            changed.push("落实");
                        }
                        Err(e) => note.push(format!("未标记落实：{e}")),
                    }
                }
                None => note.push("未标记落实：没有落实日期".to_owned()),
            },
            "不再适用" if !m.not_applicable => {
                match crate::domain::measures::mark_not_applicable(&m, r.get("na_reason")) {
                    Ok(na) => {
                        m = na;
                        changed.push("不再适用");
                    }
                    Err(e) => note.push(format!("未标记不再适用：{e}")),
                }
            }
            _ => {}
        }
        if m != before {
            if !added {
                m.stamp.touch();
            }
            self.w.measures[i] = m;
        }
        Ok(fate(added, note, &changed))
    }

    /// The risk point a measure row names: the one at the place its 部门, 岗位 and 人员 cells
    /// give with those words; else, when the words name one risk point only, that one.
    fn find_risk(&self, r: &Record<'_>) -> Result<usize, String> {
        let description = clean(r.get("description"));
        let dept = if r.has("dept") {
            Some(self.dept_id(r.get("dept")).ok_or_else(|| format!("找不到部门“{}”", r.get("dept")))?)
        } else {
            None
        };
        let post = dept.and_then(|d| self.w.post_by_key.get(&(d, r.name("post")))).map(|i| self.w.posts[*i].id);
        let person = match r.has("person").then(|| self.person_ref(r.get("person"), dept)) {
            Some(Ok(Who::Found(i))) => Some(self.w.people[i].id),
            _ => None,
        };
        if let Some(i) = self.w.risk_by_key.get(&(dept, post, person, description.to_owned())) {
            return Ok(*i);
        }
        match self.w.risks_by_words.get(description).map(Vec::as_slice) {
            Some([i]) => Ok(*i),
            None | Some([]) => Err(format!("找不到风险点“{description}”，请先导入风险点")),
            Some(_) => Err(format!("有多个风险点“{description}”，请写明所在部门、岗位或人员")),
        }
    }

    /// 责任人 as a person of ours when one has the name, else as written.
    fn owner(&self, text: &str, dept: Option<Id>) -> (Option<Id>, String) {
        match self.person_ref(text, dept) {
            Ok(Who::Found(i)) => (Some(self.w.people[i].id), String::new()),
            _ => (None, clean(text).to_owned()),
        }
    }
}

fn new_risk_point(
    scope: RiskScope,
    (dept_id, post_id, person_id): (Option<Id>, Option<Id>, Option<Id>),
    seq: i64,
    description: String,
) -> RiskPoint {
    RiskPoint {
        id: new_id(),
        scope,
        dept_id,
        post_id,
        person_id,
        seq,
        class: Shared::default(),
        description,
        manifestation: String::new(),
        power_id: None,
        power_step_id: None,
        found_by: Shared::default(),
        status: ReviewStatus::Draft,
        review_step: 0,
        grade: None,
        grade_inputs: GradeInputs::default(),
        grade_rationale: Shared::default(),
        grade_override_reason: Note::default(),
        stamp: Stamp::now(),
    }
}
