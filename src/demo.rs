//! Realistic demo data built from a seed's preset: the seed's real leadership roster and plan,
//! and a synthetic but plausible organisation of that kind of institution (a primary school's
//! 处室, 年段 and 教研组; a university's 处室 and 学院; a 妇联's 科室 and 街道妇联: ≥ 20
//! departments, ≥ 280 posts, ≥ 2,500 risk points whose texts name the 职权 step they hang on
//! and fit the post's tier, with measures, powers, reviews, warnings). Deterministic.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::grading;
use crate::domain::scheme::GradingMethod;
use crate::domain::*;

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("没有编号为“{0}”的方案模板；可用 `lianfang schemes` 查看")]
    UnknownScheme(String),
    #[error("示例数据资源有误：{0}")]
    Asset(String),
}

#[derive(Deserialize)]
struct SeedFacts {
    unit: String,
    kind: String,
    year: i32,
    catalogue: String,
    plan: PlanFacts,
    group_name: String,
    roster: Vec<RosterEntry>,
    office_location: String,
    office_dept: String,
    members_note: String,
    member_order: MemberOrder,
    pilot_batches: Vec<BatchFacts>,
}

#[derive(Deserialize)]
struct PlanFacts {
    doc_no: String,
    title: String,
    issuer: String,
    signer: String,
    signed_on: Option<NaiveDate>,
    issued_on: Option<NaiveDate>,
    guiding_text: String,
}

/// One seat of a seed's roster, as written in the seed.
#[derive(Clone, Debug, Deserialize)]
pub struct RosterEntry {
    pub name: String,
    pub titles: Vec<String>,
    pub role: GroupRole,
    #[serde(default)]
    pub executive: bool,
    #[serde(default)]
    pub concurrent: bool,
}

#[derive(Deserialize)]
struct BatchFacts {
    name: String,
    starts_on: Option<NaiveDate>,
    note: String,
    depts: Vec<String>,
}

#[derive(Deserialize)]
struct Catalogue {
    fillers: Vec<String>,
    areas: HashMap<String, Area>,
    catalogues: HashMap<String, Vec<DeptTemplate>>,
    /// The posts of a department, by kind of department: `default`, a primary school's
    /// `grade` (年段) and `subject` (教研组).
    post_sets: HashMap<String, Vec<PostTemplate>>,
    area_names: HashMap<String, String>,
    surnames: String,
    given: String,
    /// Risks of a 职权 step, by what the step does (审核, 公示 …).
    step_kinds: Vec<StepKind>,
    /// Risks of a post's own conduct: `lead` for leader and middle posts, `staff` for the rest.
    duty_risks: HashMap<String, Vec<RiskTemplate>>,
}

/// The risk of a 职权 step whose name contains one of `words`, for posts that `fits` (lead or
/// staff); `{power}` and `{step}` are filled in.
#[derive(Deserialize)]
struct StepKind {
    words: Vec<String>,
    fits: String,
    risk: String,
    manifestation: String,
    measures: [String; 3],
}

/// A department's 职权 and its steps, as the risks hang on them.
struct DeptPower {
    id: Id,
    name: String,
    steps: Vec<(Id, String)>,
}

/// A risk drafted for a post: its texts and the 职权 step it hangs on.
struct Drafted {
    risk: String,
    manifestation: String,
    measures: [String; 3],
    power: Option<(Id, Id)>,
}

#[derive(Deserialize)]
struct Area {
    risks: Vec<RiskTemplate>,
    powers: Vec<PowerTemplate>,
}

#[derive(Deserialize)]
struct RiskTemplate {
    risk: String,
    manifestation: String,
    measures: [String; 3],
}

#[derive(Deserialize)]
struct PowerTemplate {
    name: String,
    content: String,
    basis: String,
    steps: Vec<String>,
}

#[derive(Deserialize)]
struct DeptTemplate {
    name: String,
    kind: String,
    area: String,
    /// Which post set staffs it (`default` when absent).
    #[serde(default)]
    posts: Option<String>,
}

#[derive(Deserialize)]
struct PostTemplate {
    name: String,
    tier: PostTier,
    duties: String,
    /// How many such posts a department has (numbered （一）（二） … when more than one).
    count: usize,
}

const SEEDS: &str = include_str!("../assets/demo/seeds.json");
const CATALOGUE: &str = include_str!("../assets/demo/catalogue.json");

/// Each post's risks: one of its area's, up to this many on the 职权 steps it takes part in,
/// and its own conduct's.
const STEPS_PER_POST: usize = 4;
const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// The roster of a seed exactly as its text gives it (empty when the seed names nobody).
pub fn seed_roster(scheme_id: &str) -> Result<Vec<RosterEntry>, DemoError> {
    let mut seeds: HashMap<String, SeedFacts> =
        serde_json::from_str(SEEDS).map_err(|e| DemoError::Asset(e.to_string()))?;
    seeds.remove(scheme_id).map(|s| s.roster).ok_or_else(|| DemoError::UnknownScheme(scheme_id.to_owned()))
}

/// Builds the demo content for the preset `scheme_id`.
pub fn build(scheme_id: &str) -> Result<Content, DemoError> {
    build_seeded(scheme_id, 0)
}

/// The demo with ids and choices drawn from `seed` (so many distinct units can be made, e.g.
/// for the consolidation benchmark). `build` is `build_seeded(_, 0)`.
pub fn build_seeded(scheme_id: &str, seed: u64) -> Result<Content, DemoError> {
    let scheme = Scheme::preset(scheme_id)
        .map_err(|e| DemoError::Asset(e.to_string()))?
        .ok_or_else(|| DemoError::UnknownScheme(scheme_id.to_owned()))?;
    let mut seeds: HashMap<String, SeedFacts> =
        serde_json::from_str(SEEDS).map_err(|e| DemoError::Asset(e.to_string()))?;
    let facts = seeds.remove(scheme_id).ok_or_else(|| DemoError::UnknownScheme(scheme_id.to_owned()))?;
    let catalogue: Catalogue = serde_json::from_str(CATALOGUE).map_err(|e| DemoError::Asset(e.to_string()))?;
    let depts = catalogue
        .catalogues
        .get(&facts.catalogue)
        .ok_or_else(|| DemoError::Asset(format!("缺少机构目录 {}", facts.catalogue)))?;
    let mut b = Builder {
        rng: fastrand::Rng::with_seed(0x4C46_4E47 ^ u64::from(facts.year.unsigned_abs()) ^ seed.rotate_left(17)),
        content: Content::empty(&facts.unit, &facts.kind, scheme),
        catalogue: &catalogue,
        year: facts.year,
        used_names: std::collections::HashSet::new(),
    };
    // Every unit file, a demo too, gets a random unit id (the higher office tells units apart
    // by it); the draw that once made it is kept so the other ids stay as they were.
    let _ = b.id();
    b.departments(depts, &facts.office_dept)?;
    b.group(&facts)?;
    b.plan(&facts);
    b.posts_and_risks(depts)?;
    b.leader_posts();
    b.unit_risks();
    b.warnings_and_inspections();
    b.letters();
    Ok(b.content)
}

/// What a risk point is about: its scope and the department, post or person it belongs to.
struct On {
    scope: RiskScope,
    dept_id: Option<Id>,
    post_id: Option<Id>,
    person_id: Option<Id>,
}

struct Builder<'a> {
    rng: fastrand::Rng,
    content: Content,
    catalogue: &'a Catalogue,
    year: i32,
    used_names: std::collections::HashSet<String>,
}

fn stamp() -> Stamp {
    Stamp::now()
}

fn i64_of(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Builder<'_> {
    fn id(&mut self) -> Id {
        let mut bytes = [0_u8; 16];
        self.rng.fill(&mut bytes);
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    /// The dates of the demo plan's phase whose name has one of `words` (else the phase at
    /// `fallback`, else the whole year): the demo's records fall inside the seed's own timeline.
    fn phase_span(&self, words: &[&str], fallback: usize) -> (NaiveDate, NaiveDate) {
        let phases = &self.content.phases;
        let phase = phases
            .iter()
            .find(|p| words.iter().any(|w| p.name.contains(w)))
            .or_else(|| phases.get(fallback.min(phases.len().saturating_sub(1))));
        let year_start = NaiveDate::from_ymd_opt(self.year, 1, 1).unwrap_or_default();
        let year_end = NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or_default();
        (phase.and_then(|p| p.starts_on).unwrap_or(year_start), phase.and_then(|p| p.ends_on).unwrap_or(year_end))
    }

    /// When risk points are found and reviewed: from the finding phase to the end of the
    /// measures phase.
    fn review_span(&self) -> (NaiveDate, NaiveDate) {
        (self.phase_span(&["查找", "排查"], 1).0, self.measures_span().1)
    }

    /// When measures are due: the measures phase (003 健全防控措施, 004 制定措施 … 6月18日).
    fn measures_span(&self) -> (NaiveDate, NaiveDate) {
        self.phase_span(&["措施"], 2)
    }

    /// While the measures run: from the measures phase to the end of the plan.
    fn monitoring_span(&self) -> (NaiveDate, NaiveDate) {
        let end = self.content.phases.iter().filter_map(|p| p.ends_on).max();
        let start = self.measures_span().0;
        (start, end.unwrap_or(start).max(start))
    }

    /// A day in the `part`-th of `parts` equal parts of `span`.
    fn date_in(&mut self, (from, to): (NaiveDate, NaiveDate), part: usize, parts: usize) -> Option<NaiveDate> {
        let days = (to - from).num_days().max(0);
        let parts = i64::try_from(parts.max(1)).unwrap_or(1);
        let part = i64::try_from(part).unwrap_or(0).min(parts - 1);
        let (lo, hi) = (days * part / parts, days * (part + 1) / parts);
        let offset = if hi > lo { self.rng.i64(lo..hi) } else { lo };
        from.checked_add_signed(chrono::Duration::days(offset))
    }

    fn name(&mut self) -> String {
        let surnames: Vec<char> = self.catalogue.surnames.chars().collect();
        let given: Vec<char> = self.catalogue.given.chars().collect();
        loop {
            let mut n = String::new();
            n.push(surnames[self.rng.usize(..surnames.len())]);
            for _ in 0..self.rng.usize(1..=2) {
                n.push(given[self.rng.usize(..given.len())]);
            }
            if self.used_names.insert(n.clone()) {
                return n;
            }
        }
    }

    fn person(&mut self, name: String, titles: Vec<String>, dept_id: Option<Id>, note: &str) -> Id {
        let id = self.id();
        self.content.people.push(Person { id, name, titles, dept_id, note: note.to_owned(), stamp: stamp() });
        id
    }

    fn dept_id(&self, name: &str) -> Option<Id> {
        self.content.departments.iter().find(|d| d.name == name).map(|d| d.id)
    }

    fn departments(&mut self, templates: &[DeptTemplate], office_dept: &str) -> Result<(), DemoError> {
        let mut names: Vec<(String, String)> = templates.iter().map(|t| (t.name.clone(), t.kind.clone())).collect();
        if !office_dept.is_empty() && !names.iter().any(|(n, _)| n == office_dept) {
            names.insert(0, (office_dept.to_owned(), "处室".to_owned()));
        }
        for (seq, (name, kind)) in names.into_iter().enumerate() {
            let id = self.id();
            self.content.departments.push(Department {
                id,
                parent_id: None,
                seq: i64_of(seq),
                name,
                kind,
                head_person_id: None,
                stamp: stamp(),
            });
        }
        if self.content.departments.len() < 20 {
            return Err(DemoError::Asset("部门少于 20 个".into()));
        }
        Ok(())
    }

    fn group(&mut self, facts: &SeedFacts) -> Result<(), DemoError> {
        let office_dept = self.dept_id(&facts.office_dept);
        let lg = &mut self.content.leading_group;
        lg.name = facts.group_name.clone();
        lg.office_dept_id = office_dept;
        lg.office_location = facts.office_location.clone();
        lg.members_note = facts.members_note.clone();
        lg.member_order = facts.member_order;
        let roster = if facts.roster.is_empty() { self.invented_roster() } else { facts.roster.clone() };
        let mut ids: HashMap<String, Id> = HashMap::new();
        for (seq, seat) in roster.iter().enumerate() {
            let person_id = match ids.get(&seat.name) {
                Some(id) => *id,
                None => {
                    self.used_names.insert(seat.name.clone());
                    let note = if facts.roster.is_empty() { "示例数据（虚构）" } else { "" };
                    let id = self.person(seat.name.clone(), seat.titles.clone(), None, note);
                    ids.insert(seat.name.clone(), id);
                    id
                }
            };
            let id = self.id();
            self.content.group_members.push(GroupMember {
                id,
                person_id,
                role: seat.role,
                executive: seat.executive,
                concurrent: seat.concurrent,
                seq: i64_of(seq),
                stamp: stamp(),
            });
        }
        self.supervisions();
        Ok(())
    }

    /// Seeds 003 and 004 name nobody; their demo roster is invented and says so.
    fn invented_roster(&mut self) -> Vec<RosterEntry> {
        let seat = |name: String, title: &str, role| RosterEntry {
            name,
            titles: vec![title.to_owned()],
            role,
            executive: false,
            concurrent: false,
        };
        let agency = self.content.unit.kind.contains("机关");
        let (top, deputy) = if agency { ("主席", "副主席") } else { ("党委书记", "副校长") };
        let mut out = vec![seat(self.name(), top, GroupRole::Leader)];
        for _ in 0..2 {
            out.push(seat(self.name(), deputy, GroupRole::DeputyLeader));
        }
        for _ in 0..3 {
            out.push(seat(self.name(), if agency { "科室负责人" } else { "副校长" }, GroupRole::Member));
        }
        out.push(RosterEntry { concurrent: true, ..seat(self.name(), "纪委副书记", GroupRole::OfficeDirector) });
        out
    }

    /// Each department is supervised by one of the leaders who are not 组长 (round robin).
    fn supervisions(&mut self) {
        let mut leaders: Vec<Id> = Vec::new();
        for m in &self.content.group_members {
            if matches!(m.role, GroupRole::DeputyLeader | GroupRole::Member) && !leaders.contains(&m.person_id) {
                leaders.push(m.person_id);
            }
        }
        if leaders.is_empty() {
            return;
        }
        let depts: Vec<Id> = self.content.departments.iter().map(|d| d.id).collect();
        for (i, dept_id) in depts.into_iter().enumerate() {
            let id = self.id();
            let leader_person_id = leaders[i % leaders.len()];
            self.content.supervisions.push(Supervision { id, leader_person_id, dept_id, stamp: stamp() });
        }
    }

    fn plan(&mut self, facts: &SeedFacts) {
        let p = &facts.plan;
        let scheme = self.content.unit.scheme.clone();
        let (mut plan, mut phases, mut tasks) = plan::plan_from_scheme(&scheme, self.year, &p.title, || self.id());
        plan.doc_no.clone_from(&p.doc_no);
        plan.issuer.clone_from(&p.issuer);
        plan.signer.clone_from(&p.signer);
        plan.signed_on = p.signed_on;
        plan.issued_on = p.issued_on;
        plan.guiding_text.clone_from(&p.guiding_text);
        let plan_id = plan.id;
        // In the demo every phase but the last is done, and the office is responsible.
        let office = self.content.leading_group.office_dept_id;
        let last = phases.len().saturating_sub(1);
        let done: Vec<Id> = phases.iter().take(last).map(|ph| ph.id).collect();
        for (i, ph) in phases.iter_mut().enumerate() {
            ph.dept_id = office;
            ph.status = if i < last { WorkStatus::Done } else { WorkStatus::InProgress };
        }
        for t in &mut tasks {
            t.dept_id = office;
            t.status = if done.contains(&t.phase_id) { WorkStatus::Done } else { WorkStatus::NotStarted };
        }
        self.content.plans = vec![plan];
        self.content.phases = phases;
        self.content.tasks = tasks;
        for (seq, bf) in facts.pilot_batches.iter().enumerate() {
            let batch_id = self.id();
            self.content.pilot_batches.push(PilotBatch {
                id: batch_id,
                plan_id,
                seq: i64_of(seq),
                name: bf.name.clone(),
                starts_on: bf.starts_on,
                note: bf.note.clone(),
                stamp: stamp(),
            });
            let named: Vec<Id> = bf.depts.iter().filter_map(|n| self.dept_id(n)).collect();
            // The last batch without names takes every department not in an earlier batch.
            let members: Vec<Id> = if bf.depts.is_empty() {
                let taken: Vec<Id> = self.content.pilot_batch_depts.iter().map(|d| d.dept_id).collect();
                self.content.departments.iter().map(|d| d.id).filter(|d| !taken.contains(d)).collect()
            } else {
                named
            };
            for dept_id in members {
                let id = self.id();
                self.content.pilot_batch_depts.push(PilotBatchDept { id, batch_id, dept_id, stamp: stamp() });
            }
        }
    }

    fn posts_and_risks(&mut self, templates: &[DeptTemplate]) -> Result<(), DemoError> {
        let depts: Vec<(Id, String, String, String)> = self
            .content
            .departments
            .iter()
            .map(|d| {
                let t = templates.iter().find(|t| t.name == d.name);
                let area = t.map_or("admin", |t| t.area.as_str());
                let set = t.and_then(|t| t.posts.as_deref()).unwrap_or("default");
                (d.id, d.name.clone(), area.to_owned(), set.to_owned())
            })
            .collect();
        for (dept_id, dept_name, area_key, set) in depts {
            let posts =
                self.catalogue.post_sets.get(&set).ok_or_else(|| DemoError::Asset(format!("缺少岗位设置 {set}")))?;
            let area = self
                .catalogue
                .areas
                .get(&area_key)
                .ok_or_else(|| DemoError::Asset(format!("缺少业务领域 {area_key}")))?;
            let area_name = self.catalogue.area_names.get(&area_key).cloned().unwrap_or_default();
            let powers = self.powers(dept_id, &dept_name, area);
            self.dept_risks(dept_id, &dept_name, (area, &area_key), &powers);
            let mut seq = 0;
            for (t_index, t) in posts.iter().enumerate() {
                for n in 0..t.count {
                    let base = t.name.replace("{area}", &area_name);
                    let name = if t.count > 1 { format!("{base}（{}）", NUMERALS[n % NUMERALS.len()]) } else { base };
                    let duties = t.duties.replace("{dept}", &dept_name).replace("{area}", &area_name);
                    let drafts = self.post_drafts((&dept_name, &name), t.tier, seq, area, &powers);
                    let post_id = self.post(dept_id, seq, name, t.tier, duties, &area_key);
                    let holder = self.holder(post_id, dept_id, t_index == 0);
                    for (r, d) in drafts.into_iter().enumerate() {
                        self.post_risk(post_id, dept_id, holder, d, t.tier, &area_key, r);
                    }
                    seq += 1;
                }
            }
        }
        Ok(())
    }

    fn powers(&mut self, dept_id: Id, dept_name: &str, area: &Area) -> Vec<DeptPower> {
        let mut out = Vec::new();
        for (seq, pt) in area.powers.iter().enumerate() {
            let id = self.id();
            self.content.powers.push(Power {
                id,
                dept_id,
                seq: i64_of(seq),
                name: pt.name.clone(),
                content: pt.content.clone(),
                subject: dept_name.to_owned(),
                basis: pt.basis.clone(),
                procedure: pt.steps.join("→"),
                time_limit: "按规定时限办结，一般不超过15个工作日".into(),
                responsibility: "对未按程序办理、超时办理或造成不良后果的，依规追究经办人和审核人责任".into(),
                stamp: stamp(),
            });
            let mut steps = Vec::new();
            for (sseq, s) in pt.steps.iter().enumerate() {
                let step_id = self.id();
                self.content.power_steps.push(PowerStep {
                    id: step_id,
                    power_id: id,
                    seq: i64_of(sseq),
                    name: s.clone(),
                    description: format!("{dept_name}在“{}”中的“{s}”环节", pt.name),
                    stamp: stamp(),
                });
                steps.push((step_id, s.clone()));
            }
            out.push(DeptPower { id, name: pt.name.clone(), steps });
        }
        out
    }

    fn post(&mut self, dept_id: Id, seq: usize, name: String, tier: PostTier, duties: String, area: &str) -> Id {
        let id = self.id();
        let key_post = tier != PostTier::General || matches!(area, "finance" | "assets" | "construction" | "student");
        self.content.posts.push(Post {
            id,
            dept_id,
            seq: i64_of(seq),
            name,
            tier,
            duties,
            basis: "国家有关法律法规、上级有关规定和本单位规章制度、岗位职责说明书".into(),
            key_post,
            stamp: stamp(),
        });
        id
    }

    fn holder(&mut self, post_id: Id, dept_id: Id, head: bool) -> Id {
        let name = self.name();
        let title = if head { "负责人" } else { "工作人员" };
        let person_id = self.person(name, vec![title.to_owned()], Some(dept_id), "");
        let id = self.id();
        self.content.post_holders.push(PostHolder { id, post_id, person_id, stamp: stamp() });
        if head && let Some(d) = self.content.departments.iter_mut().find(|d| d.id == dept_id) {
            d.head_person_id = Some(person_id);
        }
        person_id
    }

    fn long_text(&mut self, lead: &str) -> String {
        let fillers = &self.catalogue.fillers;
        let a = self.rng.usize(..fillers.len());
        let b = (a + 1 + self.rng.usize(..fillers.len() - 1)) % fillers.len();
        format!("{lead}{}{}", fillers[a], fillers[b])
    }

    fn grade_inputs(&mut self, tier: PostTier, area: &str) -> GradeInputs {
        let scheme = &self.content.unit.scheme;
        match scheme.grading.method {
            GradingMethod::Harm => {
                // Crime-level risks are rare, more so away from money, goods and construction.
                let n = scheme.grading.harm_rules.len().max(1);
                let crime_per_mille = if matches!(area, "finance" | "assets" | "construction") { 40 } else { 3 };
                let roll = self.rng.usize(..1000);
                let rule = if roll < crime_per_mille {
                    0
                } else if roll < 400 {
                    1.min(n - 1)
                } else {
                    n - 1
                };
                GradeInputs { harm_rule: u16::try_from(rule).ok(), ..Default::default() }
            }
            GradingMethod::PostType => {
                // The scheme's own rule for the kind of post, found by what its text says (the
                // presets word their rules differently and in another order): money, goods and
                // construction → the 人财物 rule; middle posts → 一般经济管理; others → the rule
                // for minor breaches where the scheme has one, else its default level.
                let rules = &scheme.grading.post_type_rules;
                let find = |words: &[&str]| rules.iter().position(|r| words.iter().any(|w| r.text.contains(w)));
                let rule = match (tier, area) {
                    (PostTier::Leader, "deputy") => find(&["一般经济管理"]),
                    (PostTier::Leader, _) => find(&["正职"]),
                    (_, "finance" | "assets" | "construction") => find(&["人财物", "财务"]),
                    (PostTier::Middle, _) => find(&["一般经济管理"]),
                    _ => find(&["轻微"]),
                };
                GradeInputs { post_type_rule: rule.and_then(|r| u16::try_from(r).ok()), ..Default::default() }
            }
            GradingMethod::Matrix => {
                // Skewed towards low likelihood and harm, as in a real inventory.
                let rows = scheme.grading.matrix.likelihood_labels.len().max(1);
                let cols = scheme.grading.matrix.harm_labels.len().max(1);
                let low = |rng: &mut fastrand::Rng, n: usize| rng.usize(..n).min(rng.usize(..n));
                let likelihood = low(&mut self.rng, rows);
                let harm = low(&mut self.rng, cols);
                GradeInputs {
                    likelihood: u16::try_from(likelihood).ok(),
                    harm: u16::try_from(harm).ok(),
                    ..Default::default()
                }
            }
        }
    }

    /// What a post's risks are: one of its area's (a department head all of them), those of
    /// the 职权 steps that fit its tier (审批 and 公示 for heads, 受理 and 登记 for staff), a
    /// different few for each post, and its own conduct's. Texts name the post, the 职权 and
    /// the step.
    fn post_drafts(
        &self,
        (dept, post): (&str, &str),
        tier: PostTier,
        slot: usize,
        area: &Area,
        powers: &[DeptPower],
    ) -> Vec<Drafted> {
        let fits = if tier == PostTier::General { "staff" } else { "lead" };
        let fill = |s: &str, power: &str, step: &str| {
            s.replace("{power}", power).replace("{step}", step).replace("{dept}", dept).replace("{post}", post)
        };
        let plain = |t: &RiskTemplate| Drafted {
            risk: fill(&t.risk, "", ""),
            manifestation: fill(&t.manifestation, "", ""),
            measures: t.measures.clone().map(|m| fill(&m, "", "")),
            power: None,
        };
        let mut out: Vec<Drafted> = if slot == 0 {
            area.risks.iter().map(plain).collect()
        } else {
            area.risks.get(slot % area.risks.len().max(1)).map(plain).into_iter().collect()
        };
        let steps: Vec<(&DeptPower, Id, &str, &StepKind)> = powers
            .iter()
            .flat_map(|p| p.steps.iter().map(move |(id, name)| (p, *id, name.as_str())))
            .filter_map(|(p, id, name)| {
                let kind =
                    self.catalogue.step_kinds.iter().find(|k| k.words.iter().any(|w| name.contains(w.as_str())))?;
                (kind.fits == fits).then_some((p, id, name, kind))
            })
            .collect();
        let first = slot * STEPS_PER_POST;
        for k in 0..STEPS_PER_POST.min(steps.len()) {
            if let Some((p, step_id, step, kind)) = steps.get((first + k) % steps.len()) {
                out.push(Drafted {
                    risk: fill(&kind.risk, &p.name, step),
                    manifestation: fill(&kind.manifestation, &p.name, step),
                    measures: kind.measures.clone().map(|m| fill(&m, &p.name, step)),
                    power: Some((p.id, *step_id)),
                });
            }
        }
        out.extend(self.catalogue.duty_risks.get(fits).into_iter().flatten().map(plain));
        out
    }

    #[expect(clippy::too_many_arguments, reason = "one call site; the arguments are the post's context")]
    fn post_risk(
        &mut self,
        post_id: Id,
        dept_id: Id,
        holder: Id,
        d: Drafted,
        tier: PostTier,
        area_key: &str,
        r: usize,
    ) {
        let class = self.class_for(RiskScope::Post, r);
        let inputs = self.grade_inputs(tier, area_key);
        let manifestation = self.long_text(&d.manifestation);
        let rp_id = self.risk_point(
            On { scope: RiskScope::Post, dept_id: Some(dept_id), post_id: Some(post_id), person_id: None },
            class,
            d.risk,
            manifestation,
            inputs,
            r,
        );
        if let Some(rp) = self.content.risk_points.iter_mut().rev().find(|x| x.id == rp_id) {
            (rp.power_id, rp.power_step_id) = d.power.map_or((None, None), |(p, s)| (Some(p), Some(s)));
        }
        self.measures(rp_id, &d.measures, Some(holder));
    }

    fn class_for(&mut self, scope: RiskScope, r: usize) -> String {
        let classes: Vec<&str> = self
            .content
            .unit
            .scheme
            .risk_classes
            .iter()
            .filter(|c| c.scopes.is_empty() || c.scopes.contains(&scope))
            .map(|c| c.name.as_str())
            .collect();
        classes.get(r % classes.len().max(1)).map_or_else(String::new, |c| (*c).to_owned())
    }

    fn risk_point(
        &mut self,
        on: On,
        class: String,
        description: String,
        manifestation: String,
        inputs: GradeInputs,
        r: usize,
    ) -> Id {
        let On { scope, dept_id, post_id, person_id } = on;
        let id = self.id();
        let scheme = &self.content.unit.scheme;
        let graded = grading::grade(scheme, &inputs);
        let methods = [scheme.found_by_methods.clone(), scheme.found_by_channels.clone()].concat();
        let found_by = methods.get(self.rng.usize(..methods.len().max(1))).cloned().unwrap_or_default();
        let steps = scheme.review.steps.len();
        let roll = self.rng.usize(..20);
        let (status, review_step) = match roll {
            0..=1 => (ReviewStatus::Draft, 0),
            2 => (ReviewStatus::Returned, scheme.review.reject_to),
            3..=5 => (ReviewStatus::InReview, self.rng.usize(..steps.max(1))),
            _ => (ReviewStatus::Approved, steps.saturating_sub(1)),
        };
        let seq = i64_of(self.content.risk_points.len());
        self.content.risk_points.push(RiskPoint {
            id,
            scope,
            dept_id,
            post_id,
            person_id,
            seq,
            class: Shared::pooled(&class),
            description,
            manifestation,
            power_id: None,
            power_step_id: None,
            found_by: Shared::pooled(&found_by),
            status,
            review_step: i64_of(review_step),
            grade: if status == ReviewStatus::Draft { None } else { graded.as_ref().map(|g| g.0) },
            grade_inputs: inputs,
            grade_rationale: if status == ReviewStatus::Draft {
                Shared::default()
            } else {
                Shared::pooled(&graded.map(|g| g.1).unwrap_or_default())
            },
            grade_override_reason: Note::default(),
            stamp: stamp(),
        });
        self.reviews(id, status, review_step, r);
        id
    }

    fn reviews(&mut self, risk_point_id: Id, status: ReviewStatus, step: usize, r: usize) {
        let passed_steps = match status {
            ReviewStatus::Draft => 0,
            ReviewStatus::Approved => step + 1,
            ReviewStatus::InReview | ReviewStatus::Returned => step,
        };
        let steps: Vec<String> = self.content.unit.scheme.review.steps.iter().map(|s| s.name.clone()).collect();
        let reviewer = self.content.people.first().map(|p| p.name.clone()).unwrap_or_default();
        for (i, name) in steps.iter().enumerate().take(passed_steps) {
            let id = self.id();
            let span = self.review_span();
            let reviewed_on = self.date_in(span, i, steps.len());
            self.content.review_records.push(ReviewRecord {
                id,
                risk_point_id,
                step_index: i64_of(i),
                step_name: name.clone(),
                reviewer: reviewer.clone(),
                reviewed_on,
                opinion: if r.is_multiple_of(3) {
                    "风险点查找准确，表现形式具体，同意。".into()
                } else {
                    "同意".into()
                },
                passed: true,
                stamp: stamp(),
            });
        }
        if status == ReviewStatus::Returned {
            let id = self.id();
            let span = self.review_span();
            let reviewed_on = self.date_in(span, steps.len().saturating_sub(1), steps.len());
            self.content.review_records.push(ReviewRecord {
                id,
                risk_point_id,
                step_index: i64_of(steps.len().saturating_sub(1)),
                step_name: steps.last().cloned().unwrap_or_default(),
                reviewer,
                reviewed_on,
                opinion: "表现形式描述笼统，未结合本岗位实际，退回重新查找。".into(),
                passed: false,
                stamp: stamp(),
            });
        }
    }

    fn measures(&mut self, risk_point_id: Id, texts: &[String; 3], owner: Option<Id>) {
        for (phase, text) in MeasurePhase::ALL.into_iter().zip(texts) {
            let id = self.id();
            let span = self.measures_span();
            let due_on = self.date_in(span, phase.index(), MeasurePhase::ALL.len());
            let done = self.rng.usize(..10) < 6;
            self.content.measures.push(Measure {
                id,
                risk_point_id,
                phase,
                seq: i64_of(phase.index()),
                content: text.clone(),
                owner_person_id: owner,
                owner_text: Note::default(),
                due_on,
                done,
                done_on: if done { due_on } else { None },
                confirmed_by: if done { "纪委办公室".into() } else { Note::default() },
                evidence: Note::default(),
                not_applicable: false,
                not_applicable_reason: Note::default(),
                stamp: stamp(),
            });
        }
    }

    /// A department's own risks, graded as its middle posts are (by the department's area).
    fn dept_risks(&mut self, dept_id: Id, dept_name: &str, (area, area_key): (&Area, &str), powers: &[DeptPower]) {
        for (r, t) in area.risks.iter().enumerate().take(2) {
            let class = self.class_for(RiskScope::Department, r + 1);
            let inputs = self.grade_inputs(PostTier::Middle, area_key);
            let manifestation = self.long_text(&format!("{dept_name}：{}", t.manifestation));
            let id = self.risk_point(
                On { scope: RiskScope::Department, dept_id: Some(dept_id), post_id: None, person_id: None },
                class,
                t.risk.clone(),
                manifestation,
                inputs,
                r,
            );
            if let (Some(rp), Some(p)) = (self.content.risk_points.last_mut(), powers.first()) {
                rp.power_id = Some(p.id);
            }
            let head = None;
            self.measures(id, &t.measures, head);
        }
    }

    /// The leadership's own posts (领导岗位 tier): one per 组长 and 副组长, in a 领导班子 of its
    /// own, each with risks of the scheme's leader focus (重大事项决策 …); the first 组长's post
    /// is the 正职.
    fn leader_posts(&mut self) {
        let mut seats: Vec<(Id, GroupRole)> = Vec::new();
        for role in [GroupRole::Leader, GroupRole::DeputyLeader] {
            for m in roster::members_of(&self.content, role) {
                if !seats.iter().any(|(p, _)| *p == m.person_id) {
                    seats.push((m.person_id, role));
                }
            }
        }
        if seats.is_empty() {
            return;
        }
        let dept_id = self.id();
        let seq = self.content.departments.len();
        self.content.departments.push(Department {
            id: dept_id,
            parent_id: None,
            seq: i64_of(seq),
            name: "领导班子".into(),
            kind: "领导班子".into(),
            head_person_id: seats.first().map(|(p, _)| *p),
            stamp: stamp(),
        });
        let focus = self.content.unit.scheme.focus.leader.clone();
        let unit = self.content.unit.name.clone();
        for (i, (person_id, role)) in seats.into_iter().enumerate() {
            let person = self.content.people.iter().find(|p| p.id == person_id);
            let mut title = person.and_then(|p| p.titles.first().cloned()).unwrap_or_else(|| role.label().to_owned());
            // Two seats with one title (a seed's roster without titles: 组长, 组长) are two
            // posts a user tells apart by name, as the import does.
            if self.content.posts.iter().any(|p| p.dept_id == dept_id && p.name == title) {
                title = format!("{title}（{}）", person.map_or("", |p| p.name.as_str()));
            }
            let duties = if i == 0 {
                format!("主持{unit}全面工作，对廉政风险防控工作负总责。")
            } else {
                "协助主要负责人工作，负责分管部门的工作和廉政风险防控，落实“一岗双责”。".to_owned()
            };
            let post_id = self.post(dept_id, i, title, PostTier::Leader, duties, "leader");
            let holder = self.id();
            self.content.post_holders.push(PostHolder { id: holder, post_id, person_id, stamp: stamp() });
            for (r, area) in focus.iter().enumerate().skip(i % 2).step_by(2).take(2) {
                let class = self.class_for(RiskScope::Post, r);
                let inputs = self.grade_inputs(PostTier::Leader, if i == 0 { "principal" } else { "deputy" });
                let description = format!("{area}中不执行集体决策，个人说了算");
                let manifestation = self
                    .long_text(&format!("在{area}中未经领导班子集体研究或会前不充分沟通，以个人意见代替集体决策。"));
                let rp = self.risk_point(
                    On { scope: RiskScope::Post, dept_id: Some(dept_id), post_id: Some(post_id), person_id: None },
                    class,
                    description,
                    manifestation,
                    inputs,
                    r,
                );
                let measures = [
                    format!("严格执行“三重一大”集体决策制度，{area}事项一律提交领导班子集体研究。"),
                    format!("{area}决策前征求意见，决策过程记录在案，纪检部门全程监督。"),
                    format!("每年向党委报告{area}执行情况，接受民主评议和审计监督。"),
                ];
                self.measures(rp, &measures, Some(person_id));
            }
        }
    }

    fn unit_risks(&mut self) {
        let Some(party) = self.catalogue.areas.get("party") else { return };
        let leaders: Vec<Id> = self
            .content
            .group_members
            .iter()
            .filter(|m| matches!(m.role, GroupRole::Leader | GroupRole::DeputyLeader))
            .map(|m| m.person_id)
            .collect();
        for (r, t) in party.risks.iter().enumerate() {
            let class = self.class_for(RiskScope::Unit, r + 3);
            let inputs = self.grade_inputs(PostTier::Leader, "");
            let manifestation = self.long_text(&t.manifestation);
            let id = self.risk_point(
                On { scope: RiskScope::Unit, dept_id: None, post_id: None, person_id: None },
                class,
                t.risk.clone(),
                manifestation,
                inputs,
                r,
            );
            self.measures(id, &t.measures, leaders.first().copied());
        }
        let personal = [
            (
                "廉洁自律意识松懈",
                "在人际交往中放松要求，接受管理服务对象的宴请、礼品礼金或参加可能影响公正执行公务的活动。",
            ),
            (
                "“三重一大”事项个人决断",
                "在重大事项决策、重要人事任免、重大项目安排和大额度资金使用中不充分听取班子成员意见，个人说了算。",
            ),
        ];
        for person_id in leaders {
            for (r, (risk, manifestation)) in personal.iter().enumerate() {
                let class = self.class_for(RiskScope::Person, 0);
                let inputs = self.grade_inputs(PostTier::Leader, "");
                let manifestation = self.long_text(manifestation);
                let id = self.risk_point(
                    On { scope: RiskScope::Person, dept_id: None, post_id: None, person_id: Some(person_id) },
                    class,
                    (*risk).to_owned(),
                    manifestation,
                    inputs,
                    r,
                );
                let texts = [
                    "加强理论学习和警示教育，签订廉政承诺书".to_owned(),
                    "执行个人有关事项报告和述职述廉制度，接受民主评议".to_owned(),
                    "对苗头性问题及时谈话提醒，违纪的依规处理".to_owned(),
                ];
                self.measures(id, &texts, Some(person_id));
            }
        }
    }

    fn warnings_and_inspections(&mut self) {
        let scheme = self.content.unit.scheme.clone();
        let key_posts: Vec<Id> = self.content.posts.iter().filter(|p| p.key_post).map(|p| p.id).take(12).collect();
        for (i, post_id) in key_posts.iter().enumerate() {
            // The first key post gets two verified reports: the yellow-card case where the scheme has one.
            let reports = if i == 0 { 2 } else { 1 };
            for k in 0..reports {
                let id = self.id();
                let source = scheme
                    .warning_sources
                    .get((i + k) % scheme.warning_sources.len().max(1))
                    .cloned()
                    .unwrap_or_default();
                let span = self.monitoring_span();
                let received_on = self.date_in(span, k, 3);
                self.content.warnings.push(Warning {
                    id,
                    post_id: Some(*post_id),
                    person_id: None,
                    source,
                    received_on,
                    content: "群众反映该岗位在办理业务中存在优亲厚友、吃拿卡要问题，办理程序不公开，结果不公示。"
                        .into(),
                    verified: i == 0 || i % 3 == 1,
                    follow_up: if i % 2 == 0 {
                        "已责令整改，整改情况已报防控办。".into()
                    } else {
                        String::new()
                    },
                    stamp: stamp(),
                });
                let rid = self.id();
                let kind = scheme
                    .warning_responses
                    .get(i % scheme.warning_responses.len().max(1))
                    .cloned()
                    .unwrap_or_default();
                let span = self.monitoring_span();
                let responded_on = self.date_in(span, 2, 3);
                self.content.warning_responses.push(WarningResponse {
                    id: rid,
                    warning_id: id,
                    kind,
                    responded_on,
                    content: "由分管领导对岗位负责人进行谈话，指出问题，提出整改要求和时限。".into(),
                    stamp: stamp(),
                });
            }
        }
        // In the plan's checking phase (004: 6月19日—30日), its last fortnight at most.
        let (from, to) = self.phase_span(&["检查", "考核", "验收", "总结"], usize::MAX);
        let inspection = (from.max(to - chrono::Duration::days(15)), to);
        let round_id = self.id();
        self.content.inspection_rounds.push(InspectionRound {
            id: round_id,
            name: format!("{}年度廉政风险防控检查考核", self.year),
            year: i64::from(self.year),
            starts_on: Some(inspection.0),
            ends_on: Some(inspection.1),
            stamp: stamp(),
        });
        let depts: Vec<Id> = self.content.departments.iter().map(|d| d.id).collect();
        let ratings = ["好", "较好", "一般"];
        for (i, dept_id) in depts.into_iter().enumerate() {
            let id = self.id();
            // Seed 004: a department with a yellow card is not rated 好.
            let rating = ratings[i % ratings.len()];
            let rating = if warning::check_rating(&self.content, dept_id, rating).is_ok() { rating } else { "较好" };
            self.content.inspection_results.push(InspectionResult {
                id,
                round_id,
                dept_id,
                self_check: "本部门对照风险点逐项检查防控措施落实情况，措施实施前后对比，风险总体可控，个别措施尚未落实到位，已明确整改时限。".into(),
                assessment: "风险点查找较为全面，防控措施具有针对性，建议进一步细化流程节点的监控措施。".into(),
                rating: rating.into(),
                stamp: stamp(),
            });
        }
    }

    fn letters(&mut self) {
        let principal = self.content.group_members.iter().find(|m| m.role == GroupRole::Leader).map(|m| m.person_id);
        let year = i64::from(self.year);
        let supervisions: Vec<(Id, Id)> =
            self.content.supervisions.iter().map(|s| (s.leader_person_id, s.dept_id)).collect();
        let mut signed_leaders = Vec::new();
        for (leader, _) in &supervisions {
            if !signed_leaders.contains(leader) {
                signed_leaders.push(*leader);
            }
        }
        for leader in signed_leaders {
            self.letter(LetterKind::GradedRisk, year, leader, principal, None);
        }
        let heads: Vec<(Id, Id)> =
            self.content.departments.iter().filter_map(|d| d.head_person_id.map(|h| (h, d.id))).collect();
        for (i, (head, dept)) in heads.into_iter().enumerate() {
            // A few departments have not signed yet, so the matrix has gaps to show.
            if i % 7 != 3 {
                let supervisor = supervisions.iter().find(|(_, d)| *d == dept).map(|(l, _)| *l);
                self.letter(LetterKind::GradedRisk, year, head, supervisor, Some(dept));
                self.letter(LetterKind::PartyConduct, year, head, principal, Some(dept));
            }
        }
        let people: Vec<Id> = self.content.group_members.iter().map(|m| m.person_id).collect();
        let heads: Vec<Id> = self.content.departments.iter().filter_map(|d| d.head_person_id).collect();
        for person_id in people.into_iter().chain(heads) {
            if self.content.commitments.iter().any(|c| c.person_id == person_id) {
                continue;
            }
            let id = self.id();
            let span = self.measures_span();
            let signed_on = self.date_in(span, 0, 1);
            self.content.commitments.push(Commitment {
                id,
                person_id,
                year,
                text: "本人郑重承诺：严格遵守党风廉政建设各项规定，认真查找并防控本岗位廉政风险，不利用职务之便谋取私利，自觉接受组织和群众监督。".into(),
                signed_on,
                stamp: stamp(),
            });
        }
    }

    fn letter(&mut self, kind: LetterKind, year: i64, signer: Id, counterpart: Option<Id>, dept_id: Option<Id>) {
        let id = self.id();
        let span = self.measures_span();
        let signed_on = self.date_in(span, 1, 2);
        self.content.responsibility_letters.push(ResponsibilityLetter {
            id,
            kind,
            year,
            signer_person_id: signer,
            counterpart_person_id: counterpart,
            dept_id,
            signed_on,
            stamp: stamp(),
        });
    }
}

/// The demo of `scheme_id` grown to `risk_points` risk points (at least the demo's own): its
/// risk points copied, with their measures and review records, under fresh ids and further
/// sequence numbers, in the same posts and departments. A large unit for benchmarks and for
/// trying the program at scale (`lianfang demo --risk-points N`). The lists are in the order
/// they were made; a file written from this reads back in the store's order.
pub fn scaled(scheme_id: &str, risk_points: usize) -> Result<Content, DemoError> {
    let mut c = build(scheme_id)?;
    let originals = c.risk_points.clone();
    let mut measures_of: HashMap<Id, Vec<Measure>> = HashMap::new();
    for m in &c.measures {
        measures_of.entry(m.risk_point_id).or_default().push(m.clone());
    }
    let mut reviews_of: HashMap<Id, Vec<ReviewRecord>> = HashMap::new();
    for r in &c.review_records {
        reviews_of.entry(r.risk_point_id).or_default().push(r.clone());
    }
    let first_seq = c.risk_points.iter().map(|r| r.seq).max().unwrap_or(0) + 1;
    let copies = originals.iter().cycle().take(risk_points.saturating_sub(originals.len()));
    for (seq, original) in (first_seq..).zip(copies) {
        let copy = RiskPoint { id: new_id(), seq, ..original.clone() };
        for m in measures_of.get(&original.id).into_iter().flatten() {
            c.measures.push(Measure { id: new_id(), risk_point_id: copy.id, ..m.clone() });
        }
        for r in reviews_of.get(&original.id).into_iter().flatten() {
            c.review_records.push(ReviewRecord { id: new_id(), risk_point_id: copy.id, ..r.clone() });
        }
        c.risk_points.push(copy);
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scheme_demo_is_big_enough() {
        for s in Scheme::presets().unwrap() {
            let c = build(&s.id).unwrap();
            assert!(c.departments.len() >= 20, "{}", s.id);
            assert!(c.posts.len() >= 280, "{}: {}", s.id, c.posts.len());
            assert!(c.risk_points.len() >= 2500, "{}: {}", s.id, c.risk_points.len());
            assert!(!c.powers.is_empty() && !c.measures.is_empty(), "{}", s.id);
            let classes: Vec<&str> = s.risk_classes.iter().map(|c| c.name.as_str()).collect();
            assert!(c.risk_points.iter().all(|r| classes.contains(&r.class.as_str())), "{}", s.id);
            assert!(c.risk_points.iter().any(|r| r.manifestation.chars().count() > 120), "{}", s.id);
        }
    }

    #[test]
    fn demo_is_deterministic_apart_from_timestamps() {
        let a = build("imut2011").unwrap();
        let b = build("imut2011").unwrap();
        assert_eq!(a.risk_points.len(), b.risk_points.len());
        assert_eq!(a.risk_points[100].id, b.risk_points[100].id);
        assert_eq!(a.people[50].name, b.people[50].name);
    }

    #[test]
    fn plans_are_issued_as_the_seeds_print_them() {
        // 000 is printed “中共天津滨海职业学院委员会办公室　2012年4月17日印发”.
        let c = build("tjbh2012").unwrap();
        let plan = &c.plans[0];
        assert_eq!(plan.issuer, "中共天津滨海职业学院委员会办公室");
        assert_eq!(plan.issued_on, NaiveDate::from_ymd_opt(2012, 4, 17));
    }

    #[test]
    fn demo_levels_follow_each_schemes_own_rule_and_form_a_pyramid() {
        for s in Scheme::presets().unwrap() {
            let c = build(&s.id).unwrap();
            let count = |g| c.risk_points.iter().filter(|r| r.grade == Some(g)).count();
            let (one, two, three) = (count(1), count(2), count(3));
            assert!(one * 4 < one + two + three, "{}: 一级 {one} of {} is no minority", s.id, one + two + three);
            assert!(three > two && three > one, "{}: {one}/{two}/{three}", s.id);
            for rp in c.risk_points.iter().filter(|r| r.grade.is_some()) {
                let by_rule = grading::grade(&c.unit.scheme, &rp.grade_inputs).unwrap();
                assert_eq!((rp.grade, rp.grade_rationale.as_str()), (Some(by_rule.0), by_rule.1.as_str()), "{}", s.id);
            }
        }
        // Every demo has the leadership's own posts (领导岗位), with risks; 001's 正职 is 一级.
        for s in Scheme::presets().unwrap() {
            let c = build(&s.id).unwrap();
            let leaders: Vec<Id> = c.posts.iter().filter(|p| p.tier == PostTier::Leader).map(|p| p.id).collect();
            assert!(leaders.len() >= 2, "{}", s.id);
            assert!(c.risk_points.iter().any(|r| r.post_id.is_some_and(|p| leaders.contains(&p))), "{}", s.id);
        }
        let fz = build("fzsx2013").unwrap();
        let head = fz.posts.iter().find(|p| p.tier == PostTier::Leader).unwrap();
        let graded: Vec<&RiskPoint> =
            fz.risk_points.iter().filter(|r| r.post_id == Some(head.id) && r.grade.is_some()).collect();
        assert!(graded.iter().all(|r| r.grade == Some(1) && r.grade_rationale.contains("正职")), "{graded:?}");
        // 003 puts 人财物 posts at 一级: its 财务室's risk points say so.
        let c = build("lxfl2012").unwrap();
        let finance = c.departments.iter().find(|d| d.name == "财务室").unwrap();
        let graded: Vec<&RiskPoint> =
            c.risk_points.iter().filter(|r| r.dept_id == Some(finance.id) && r.grade.is_some()).collect();
        assert!(!graded.is_empty());
        for rp in graded {
            assert_eq!(rp.grade, Some(1), "{}", rp.grade_rationale);
            assert!(rp.grade_rationale.contains("人财物"), "{}", rp.grade_rationale);
        }
    }

    #[test]
    fn demo_dates_fall_inside_each_seeds_timeline() {
        for s in Scheme::presets().unwrap() {
            let c = build(&s.id).unwrap();
            let first = c.phases.iter().filter_map(|p| p.starts_on).min().unwrap();
            let last = c.phases.iter().filter_map(|p| p.ends_on).max().unwrap();
            let issued = c.plans[0].issued_on.unwrap_or(first);
            let measures = c.phases.iter().find(|p| p.name.contains("措施")).or(c.phases.get(2)).unwrap();
            let (m_from, m_to) = (measures.starts_on.unwrap(), measures.ends_on.unwrap());
            for r in &c.review_records {
                let on = r.reviewed_on.unwrap();
                assert!(on >= issued && on >= first && on <= last, "{}: review on {on}", s.id);
            }
            for m in &c.measures {
                let due = m.due_on.unwrap();
                assert!(m_from <= due && due <= m_to, "{}: measure due {due} outside {m_from}—{m_to}", s.id);
            }
            for w in &c.warnings {
                let on = w.received_on.unwrap();
                assert!(first <= on && on <= last, "{}: warning on {on}", s.id);
            }
            for round in &c.inspection_rounds {
                let (from, to) = (round.starts_on.unwrap(), round.ends_on.unwrap());
                assert!(first <= from && from <= to && to <= last, "{}: inspection {from}—{to}", s.id);
            }
        }
        // 004: measures reported by 6月18日, checking from 6月19日.
        let jx = build("jxau2010").unwrap();
        let june = |d| NaiveDate::from_ymd_opt(2010, 6, d).unwrap();
        assert!(jx.measures.iter().all(|m| m.due_on.unwrap() <= june(18)));
        assert!(jx.inspection_rounds.iter().all(|r| r.starts_on.unwrap() >= june(19)));
    }

    #[test]
    fn unknown_scheme_is_refused() {
        assert!(matches!(build("nope"), Err(DemoError::UnknownScheme(_))));
    }
}
