//! The whole content of one unit's file in memory, plus lookups. `lianfang dump` writes it as
//! JSON; `lianfang load` reads it back.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::model::*;
use super::snapshot::{Inventory, SnapshotRisk};
use super::{Id, Scheme};

/// Everything a file holds. Each vector is in the store's stable order (seq, then id).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Content {
    pub unit: Unit,
    pub leading_group: LeadingGroup,
    pub plans: Vec<Plan>,
    pub phases: Vec<Phase>,
    pub tasks: Vec<Task>,
    pub pilot_batches: Vec<PilotBatch>,
    pub pilot_batch_depts: Vec<PilotBatchDept>,
    pub departments: Vec<Department>,
    pub people: Vec<Person>,
    pub group_members: Vec<GroupMember>,
    pub supervisions: Vec<Supervision>,
    pub posts: Vec<Post>,
    pub post_holders: Vec<PostHolder>,
    pub powers: Vec<Power>,
    pub power_steps: Vec<PowerStep>,
    pub risk_points: Vec<RiskPoint>,
    pub review_records: Vec<ReviewRecord>,
    pub measures: Vec<Measure>,
    pub warnings: Vec<Warning>,
    pub warning_responses: Vec<WarningResponse>,
    pub inspection_rounds: Vec<InspectionRound>,
    pub inspection_results: Vec<InspectionResult>,
    pub commitments: Vec<Commitment>,
    pub responsibility_letters: Vec<ResponsibilityLetter>,
    /// Yearly snapshots of the inventory (schema version 2). Missing in older dumps.
    #[serde(default)]
    pub snapshots: Vec<super::snapshot::Snapshot>,
    pub audit_log: Vec<AuditEntry>,
}

/// The JSON interchange document of `lianfang dump`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dump {
    /// Always `lianfang-dump`.
    pub format: String,
    /// Version of the dump layout (equals the schema version that wrote it).
    pub version: u32,
    pub content: Content,
}

pub const DUMP_FORMAT: &str = "lianfang-dump";

impl Content {
    /// The risk inventory as it is now (what a yearly snapshot keeps).
    pub fn inventory(&self) -> Inventory {
        let content = self;
        let index = ContentIndex::build(content);
        let risks = content
            .risk_points
            .iter()
            .map(|rp| {
                let mut measures: Vec<String> = index
                    .measures_of
                    .get(&rp.id)
                    .into_iter()
                    .flatten()
                    .filter_map(|i| content.measures.get(*i))
                    .map(|m| m.content.clone())
                    .collect();
                measures.sort();
                SnapshotRisk {
                    id: rp.id,
                    subject: index.risk_subject(content, rp),
                    class: rp.class.to_string(),
                    description: rp.description.clone(),
                    grade: rp.grade,
                    measures,
                }
            })
            .collect();
        Inventory { risks }
    }

    /// A new unit's content: its scheme and a plan pre-filled with the scheme's phases for the
    /// current year; everything else empty.
    pub fn new_unit(name: &str, kind: &str, scheme: Scheme) -> Self {
        let year = super::plan::default_working_year(&scheme, super::dates::today());
        Self::new_unit_in(name, kind, scheme, year)
    }

    /// A new unit whose plan runs in working year `year` (the scheme's month/day moved there).
    pub fn new_unit_in(name: &str, kind: &str, scheme: Scheme, year: i32) -> Self {
        let title = format!("{name}廉政风险防控工作实施方案");
        let (plan, phases, tasks) = super::plan::plan_from_scheme(&scheme, year, &title, super::new_id);
        Self { plans: vec![plan], phases, tasks, ..Self::empty(name, kind, scheme) }
    }

    /// A unit's content with nothing in it but the unit and its leadership group.
    pub fn empty(name: &str, kind: &str, scheme: Scheme) -> Self {
        Self {
            unit: Unit {
                id: super::new_id(),
                name: name.to_owned(),
                kind: kind.to_owned(),
                scheme,
                stamp: Stamp::now(),
            },
            leading_group: LeadingGroup {
                id: super::new_id(),
                name: "廉政风险防控工作领导小组".into(),
                office_dept_id: None,
                office_location: String::new(),
                members_note: String::new(),
                member_order: MemberOrder::Manual,
                stamp: Stamp::now(),
            },
            plans: Vec::new(),
            phases: Vec::new(),
            tasks: Vec::new(),
            pilot_batches: Vec::new(),
            pilot_batch_depts: Vec::new(),
            departments: Vec::new(),
            people: Vec::new(),
            group_members: Vec::new(),
            supervisions: Vec::new(),
            posts: Vec::new(),
            post_holders: Vec::new(),
            powers: Vec::new(),
            power_steps: Vec::new(),
            risk_points: Vec::new(),
            review_records: Vec::new(),
            measures: Vec::new(),
            warnings: Vec::new(),
            warning_responses: Vec::new(),
            inspection_rounds: Vec::new(),
            inspection_results: Vec::new(),
            commitments: Vec::new(),
            responsibility_letters: Vec::new(),
            snapshots: Vec::new(),
            audit_log: Vec::new(),
        }
    }

    pub fn scheme(&self) -> &Scheme {
        &self.unit.scheme
    }

    /// Row counts shown on the 数据报送 tab (`ui::Document::counts`), with `review_records`
    /// counted by whoever holds them (the window counts them in the file).
    pub fn counts(&self, review_records: usize) -> Vec<(&'static str, usize)> {
        vec![
            ("部门", self.departments.len()),
            ("岗位", self.posts.len()),
            ("人员", self.people.len()),
            ("领导小组成员", self.group_members.len()),
            ("职权", self.powers.len()),
            ("风险点", self.risk_points.len()),
            ("防控措施", self.measures.len()),
            ("审核记录", review_records),
            ("预警", self.warnings.len()),
            ("检查考核", self.inspection_results.len()),
            ("承诺书", self.commitments.len()),
            ("责任书", self.responsibility_letters.len()),
        ]
    }
}

/// Id → position maps and one-to-many lists, built once per content version.
#[derive(Debug, Default, PartialEq)]
pub struct ContentIndex {
    people: HashMap<Id, usize>,
    departments: HashMap<Id, usize>,
    posts: HashMap<Id, usize>,
    powers: HashMap<Id, usize>,
    power_steps: HashMap<Id, usize>,
    risk_points: HashMap<Id, usize>,
    /// Measures of each risk point, as indices into `measures`.
    pub measures_of: HashMap<Id, Vec<usize>>,
    /// Holders of each post, as indices into `people`.
    pub holders_of: HashMap<Id, Vec<usize>>,
    /// Supervising leaders of each department, as indices into `people`.
    pub supervisors_of: HashMap<Id, Vec<usize>>,
}

fn positions<T>(items: &[T], id: impl Fn(&T) -> Id) -> HashMap<Id, usize> {
    items.iter().enumerate().map(|(i, t)| (id(t), i)).collect()
}

/// Which parts of a `ContentIndex` an edit made stale: the positions of a list changed (rows
/// added, removed, reordered) or, for the one-to-many lists, a link they follow changed.
#[derive(Clone, Copy, Debug, Default)]
pub struct StaleParts {
    pub people: bool,
    pub departments: bool,
    pub posts: bool,
    pub powers: bool,
    pub power_steps: bool,
    pub risk_points: bool,
    pub measures: bool,
    pub post_holders: bool,
    pub supervisions: bool,
}

impl StaleParts {
    /// Everything: a fresh build.
    pub const ALL: Self = Self {
        people: true,
        departments: true,
        posts: true,
        powers: true,
        power_steps: true,
        risk_points: true,
        measures: true,
        post_holders: true,
        supervisions: true,
    };
}

impl ContentIndex {
    pub fn build(c: &Content) -> Self {
        let mut index = Self::default();
        index.refresh(c, StaleParts::ALL);
        index
    }

    /// Rebuilds the parts `stale` names, from `c` as it is now; the rest is kept. An edit costs
    /// what it moves: changing a risk point's text or a measure's state rebuilds nothing.
    pub fn refresh(&mut self, c: &Content, stale: StaleParts) {
        if stale.people {
            self.people = positions(&c.people, |p| p.id);
        }
        if stale.departments {
            self.departments = positions(&c.departments, |d| d.id);
        }
        if stale.posts {
            self.posts = positions(&c.posts, |p| p.id);
        }
        if stale.powers {
            self.powers = positions(&c.powers, |p| p.id);
        }
        if stale.power_steps {
            self.power_steps = positions(&c.power_steps, |p| p.id);
        }
        if stale.risk_points {
            self.risk_points = positions(&c.risk_points, |r| r.id);
        }
        if stale.measures {
            let mut measures_of: HashMap<Id, Vec<usize>> = HashMap::new();
            for (i, m) in c.measures.iter().enumerate() {
                measures_of.entry(m.risk_point_id).or_default().push(i);
            }
            self.measures_of = measures_of;
        }
        if stale.people || stale.post_holders {
            self.holders_of = self.people_by(c.post_holders.iter().map(|h| (h.post_id, h.person_id)));
        }
        if stale.people || stale.supervisions {
            self.supervisors_of = self.people_by(c.supervisions.iter().map(|s| (s.dept_id, s.leader_person_id)));
        }
    }

    /// For each key, the positions in `people` of the persons paired with it.
    fn people_by(&self, pairs: impl Iterator<Item = (Id, Id)>) -> HashMap<Id, Vec<usize>> {
        let mut out: HashMap<Id, Vec<usize>> = HashMap::new();
        for (key, person) in pairs {
            if let Some(&p) = self.people.get(&person) {
                out.entry(key).or_default().push(p);
            }
        }
        out
    }

    pub fn person<'c>(&self, c: &'c Content, id: Option<Id>) -> Option<&'c Person> {
        id.and_then(|id| self.people.get(&id)).and_then(|&i| c.people.get(i))
    }

    /// Where department `id` stands in the content's list of departments.
    pub fn department_position(&self, id: Id) -> Option<usize> {
        self.departments.get(&id).copied()
    }

    pub fn department<'c>(&self, c: &'c Content, id: Option<Id>) -> Option<&'c Department> {
        id.and_then(|id| self.departments.get(&id)).and_then(|&i| c.departments.get(i))
    }

    pub fn post<'c>(&self, c: &'c Content, id: Option<Id>) -> Option<&'c Post> {
        id.and_then(|id| self.posts.get(&id)).and_then(|&i| c.posts.get(i))
    }

    pub fn power<'c>(&self, c: &'c Content, id: Option<Id>) -> Option<&'c Power> {
        id.and_then(|id| self.powers.get(&id)).and_then(|&i| c.powers.get(i))
    }

    pub fn power_step<'c>(&self, c: &'c Content, id: Option<Id>) -> Option<&'c PowerStep> {
        id.and_then(|id| self.power_steps.get(&id)).and_then(|&i| c.power_steps.get(i))
    }

    pub fn risk_point<'c>(&self, c: &'c Content, id: Id) -> Option<&'c RiskPoint> {
        self.risk_points.get(&id).and_then(|&i| c.risk_points.get(i))
    }

    /// Name of a department, or an empty string.
    pub fn dept_name<'c>(&self, c: &'c Content, id: Option<Id>) -> &'c str {
        self.department(c, id).map_or("", |d| d.name.as_str())
    }

    /// Name of a person, or an empty string.
    pub fn person_name<'c>(&self, c: &'c Content, id: Option<Id>) -> &'c str {
        self.person(c, id).map_or("", |p| p.name.as_str())
    }

    /// Whether the text search `q` (trimmed; empty matches all) finds `rp`: in its words,
    /// manifestation, class, or where it sits.
    pub fn risk_matches(&self, c: &Content, rp: &RiskPoint, q: &str) -> bool {
        let q = q.trim();
        q.is_empty()
            || rp.description.contains(q)
            || rp.manifestation.contains(q)
            || rp.class.contains(q)
            || self.risk_subject(c, rp).contains(q)
    }

    /// Where a risk point sits, in words: 财务处 / 会计岗 / 张三.
    pub fn risk_subject(&self, c: &Content, rp: &RiskPoint) -> String {
        match rp.scope {
            RiskScope::Unit => c.unit.name.clone(),
            RiskScope::Department => self.dept_name(c, rp.dept_id).to_owned(),
            RiskScope::Post => {
                let post = self.post(c, rp.post_id);
                let dept = self.dept_name(c, rp.dept_id.or(post.map(|p| p.dept_id)));
                format!("{dept} / {}", post.map_or("", |p| p.name.as_str()))
            }
            RiskScope::Person => self.person_name(c, rp.person_id).to_owned(),
        }
    }
}
