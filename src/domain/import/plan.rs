//! The preview of an import: each row checked and applied to a working copy of the lists, so
//! that later rows (and later sheets) see what earlier ones added. A row is all or nothing:
//! everything it needs is looked up and parsed before anything is changed.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike as _, NaiveDate};

use super::{ImportKind, Mapping, clean, clean_name};
use crate::domain::change::{Change, Edit};
use crate::domain::measures::{Completion, mark_done};
use crate::domain::model::*;
use crate::domain::names::split_list;
use crate::domain::{Content, Id, new_id};

/// What happens to one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Added; what it also created or could not link.
    Added(String),
    /// Changed what the file has; which values.
    Updated(String),
    /// The file already has exactly this; what could not be taken over, if anything.
    Unchanged(String),
    /// Not imported, and why.
    Skipped(String),
}

impl Outcome {
    /// 新增 / 更新 / 无变化 / 跳过, with the detail.
    pub fn text(&self) -> String {
        let with = |word: &str, detail: &str| {
            if detail.is_empty() { word.to_owned() } else { format!("{word}：{detail}") }
        };
        match self {
            Self::Added(d) => with("新增", d),
            Self::Updated(d) => with("更新", d),
            Self::Unchanged(d) => with("无变化", d),
            Self::Skipped(why) => with("跳过", why),
        }
    }

    pub fn is_change(&self) -> bool {
        matches!(self, Self::Added(_) | Self::Updated(_))
    }
}

/// One row of a sheet and its fate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRow {
    /// 1-based row (line) in the sheet or the pasted text.
    pub line: usize,
    pub cells: Vec<String>,
    pub outcome: Outcome,
}

/// One sheet of an import.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetPlan {
    pub kind: ImportKind,
    pub rows: Vec<ImportRow>,
}

/// The preview of an import: every row's fate and the rows to save.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPlan {
    pub sheets: Vec<SheetPlan>,
    changes: Vec<Change>,
}

impl ImportPlan {
    fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.sheets.iter().flat_map(|s| &s.rows).filter(|r| f(&r.outcome)).count()
    }

    pub fn added(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Added(_)))
    }

    pub fn updated(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Updated(_)))
    }

    pub fn unchanged(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Unchanged(_)))
    }

    pub fn skipped(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Skipped(_)))
    }

    /// Rows that change the file.
    pub fn accepted(&self) -> usize {
        self.count(Outcome::is_change)
    }

    /// 新增 12 行，更新 3 行，无变化 1 行，跳过 2 行
    pub fn summary(&self) -> String {
        format!(
            "新增 {} 行，更新 {} 行，无变化 {} 行，跳过 {} 行",
            self.added(),
            self.updated(),
            self.unchanged(),
            self.skipped()
        )
    }

    /// The rows to save (new and changed), in the order their references need.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// Everything as one undoable edit, with `extra` (the remembered column choices) saved in
    /// the same transaction.
    pub fn edit(&self, label: impl Into<String>, extra: impl IntoIterator<Item = Change>) -> Edit {
        let mut changes = self.changes.clone();
        changes.extend(extra);
        Edit::new(label, changes)
    }
}

/// The preview of one sheet's `rows` (each with its line) as `kind`, columns as `mapping` says.
pub fn plan_rows(
    content: &Content,
    kind: ImportKind,
    mapping: &Mapping,
    rows: Vec<(usize, Vec<String>)>,
    header: Option<&[String]>,
) -> ImportPlan {
    let mut importer = Importer::new(content);
    importer.sheet(kind, mapping, rows, header);
    importer.finish()
}

/// The working copy the rows are applied to.
pub struct Importer<'c> {
    content: &'c Content,
    w: Work,
    /// Ids of rows added or changed.
    dirty: HashSet<Id>,
    /// People this import creates (as a reference: 负责人, 在岗人员 …): a 人员 row about one of
    /// them is taken as it is, an empty 部门 too.
    created_people: HashSet<Id>,
    sheets: Vec<SheetPlan>,
    today: NaiveDate,
}

/// The lists an import touches, as they will be, with lookups by name.
#[derive(Default)]
struct Work {
    departments: Vec<Department>,
    people: Vec<Person>,
    posts: Vec<Post>,
    holders: Vec<PostHolder>,
    members: Vec<GroupMember>,
    supervisions: Vec<Supervision>,
    powers: Vec<Power>,
    steps: Vec<PowerStep>,
    risks: Vec<RiskPoint>,
    measures: Vec<Measure>,
    notes: Vec<Change>,
    dept_by_name: HashMap<String, usize>,
    people_by_name: HashMap<String, Vec<usize>>,
    post_by_key: HashMap<(Id, String), usize>,
    power_by_key: HashMap<(Id, String), usize>,
    step_by_key: HashMap<(Id, String), usize>,
    risk_by_key: HashMap<RiskKey, usize>,
    measures_of: HashMap<Id, Vec<usize>>,
    holder_pairs: HashSet<(Id, Id)>,
    supervision_pairs: HashSet<(Id, Id)>,
}

/// A risk point is the same one when it sits at the same place with the same words.
type RiskKey = (Option<Id>, Option<Id>, Option<Id>, String);

fn risk_key(rp: &RiskPoint) -> RiskKey {
    (rp.dept_id, rp.post_id, rp.person_id, rp.description.clone())
}

impl Work {
    fn new(c: &Content) -> Self {
        let mut w = Self {
            departments: c.departments.clone(),
            people: c.people.clone(),
            posts: c.posts.clone(),
            holders: c.post_holders.clone(),
            members: c.group_members.clone(),
            supervisions: c.supervisions.clone(),
            powers: c.powers.clone(),
            steps: c.power_steps.clone(),
            risks: c.risk_points.clone(),
            measures: c.measures.clone(),
            ..Self::default()
        };
        for (i, d) in w.departments.iter().enumerate() {
            w.dept_by_name.entry(clean_name(&d.name)).or_insert(i);
        }
        for (i, p) in w.people.iter().enumerate() {
            w.people_by_name.entry(clean_name(&p.name)).or_default().push(i);
        }
        for (i, p) in w.posts.iter().enumerate() {
            w.post_by_key.entry((p.dept_id, clean_name(&p.name))).or_insert(i);
        }
        for (i, p) in w.powers.iter().enumerate() {
            w.power_by_key.entry((p.dept_id, clean_name(&p.name))).or_insert(i);
        }
        for (i, s) in w.steps.iter().enumerate() {
            w.step_by_key.entry((s.power_id, clean_name(&s.name))).or_insert(i);
        }
        for (i, rp) in w.risks.iter().enumerate() {
            w.risk_by_key.entry(risk_key(rp)).or_insert(i);
        }
        for (i, m) in w.measures.iter().enumerate() {
            w.measures_of.entry(m.risk_point_id).or_default().push(i);
        }
        w.holder_pairs = w.holders.iter().map(|h| (h.post_id, h.person_id)).collect();
        w.supervision_pairs = w.supervisions.iter().map(|s| (s.dept_id, s.leader_person_id)).collect();
        w
    }
}

/// A row's cells by field key.
struct Record<'r> {
    values: HashMap<&'static str, &'r str>,
}

impl<'r> Record<'r> {
    fn new(kind: ImportKind, mapping: &Mapping, cells: &'r [String]) -> Self {
        let fields = kind.fields();
        let values = cells
            .iter()
            .enumerate()
            .filter_map(|(col, cell)| Some((fields.get(mapping.field(col)?)?.key, clean(cell))))
            .collect();
        Self { values }
    }

    fn get(&self, key: &str) -> &'r str {
        self.values.get(key).copied().unwrap_or("")
    }

    fn name(&self, key: &str) -> String {
        clean_name(self.get(key))
    }

    fn has(&self, key: &str) -> bool {
        !self.get(key).is_empty()
    }
}

/// A person a row names: found, or to be created.
#[derive(Clone, Copy)]
enum Who {
    Found(usize),
    New,
}

impl<'c> Importer<'c> {
    pub fn new(content: &'c Content) -> Self {
        Self {
            content,
            w: Work::new(content),
            dirty: HashSet::new(),
            created_people: HashSet::new(),
            sheets: Vec::new(),
            today: crate::domain::dates::today(),
        }
    }

    /// Applies one sheet's rows.
    pub fn sheet(
        &mut self,
        kind: ImportKind,
        mapping: &Mapping,
        rows: Vec<(usize, Vec<String>)>,
        header: Option<&[String]>,
    ) {
        let header_cells: Option<Vec<String>> = header.map(|h| h.iter().map(|c| clean(c).to_owned()).collect());
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut out = Vec::with_capacity(rows.len());
        for (line, cells) in rows {
            let outcome = if header_cells.as_ref().is_some_and(|h| same_row(h, &cells)) {
                Outcome::Skipped("重复的表头行".to_owned())
            } else {
                let record = Record::new(kind, mapping, &cells);
                self.row(kind, &record, line, &mut seen)
            };
            out.push(ImportRow { line, cells, outcome });
        }
        self.sheets.push(SheetPlan { kind, rows: out });
    }

    fn row(&mut self, kind: ImportKind, r: &Record<'_>, line: usize, seen: &mut HashMap<String, usize>) -> Outcome {
        if let Some(missing) = kind.required().iter().find(|k| !r.has(k)) {
            let title = kind.fields().iter().find(|f| f.key == *missing).map_or(*missing, |f| f.title);
            return Outcome::Skipped(format!("“{title}”为空"));
        }
        let key: String = kind.identity().iter().map(|k| r.name(k)).collect::<Vec<_>>().join("\u{0}");
        if let Some(first) = seen.get(&key) {
            return Outcome::Skipped(format!("与第 {first} 行重复"));
        }
        seen.insert(key, line);
        let result = match kind {
            ImportKind::Departments => self.department_row(r),
            ImportKind::People => self.person_row(r),
            ImportKind::Posts => self.post_row(r),
            ImportKind::Group => self.group_row(r),
            ImportKind::Powers => self.power_row(r),
            ImportKind::RiskPoints => self.risk_row(r),
            ImportKind::Measures => self.measure_row(r),
        };
        result.unwrap_or_else(Outcome::Skipped)
    }

    /// Everything to save, in the order references need.
    pub fn finish(self) -> ImportPlan {
        let Self { w, dirty, sheets, .. } = self;
        let mut changes = Vec::new();
        let mut take = |rows: Vec<Change>| changes.extend(rows);
        fn pick<T: Clone + Into<crate::domain::change::Row>>(
            rows: &[T],
            id: impl Fn(&T) -> Id,
            dirty: &HashSet<Id>,
        ) -> Vec<Change> {
            rows.iter().filter(|r| dirty.contains(&id(r))).cloned().map(Change::save).collect()
        }
        take(pick(&w.departments, |r| r.id, &dirty));
        take(pick(&w.people, |r| r.id, &dirty));
        take(pick(&w.posts, |r| r.id, &dirty));
        take(pick(&w.holders, |r| r.id, &dirty));
        take(pick(&w.members, |r| r.id, &dirty));
        take(pick(&w.supervisions, |r| r.id, &dirty));
        take(pick(&w.powers, |r| r.id, &dirty));
        take(pick(&w.steps, |r| r.id, &dirty));
        take(pick(&w.risks, |r| r.id, &dirty));
        take(pick(&w.measures, |r| r.id, &dirty));
        take(w.notes);
        ImportPlan { sheets, changes }
    }

    // ---- lookups (read only) ----

    fn dept_id(&self, name: &str) -> Option<Id> {
        self.w.dept_by_name.get(&clean_name(name)).and_then(|i| self.w.departments.get(*i)).map(|d| d.id)
    }

    /// The person `name` of a row about that person: the one in `dept` (or the only one of the
    /// name when no department is given, or the only one without a department); `New` when none.
    fn person_strict(&self, name: &str, dept: Option<Id>) -> Result<Who, String> {
        let all = self.w.people_by_name.get(&clean_name(name)).map_or(&[][..], Vec::as_slice);
        let in_dept: Vec<usize> =
            all.iter().copied().filter(|i| dept.is_none() || self.w.people[*i].dept_id == dept).collect();
        let homeless: Vec<usize> = all.iter().copied().filter(|i| self.w.people[*i].dept_id.is_none()).collect();
        match (in_dept.as_slice(), homeless.as_slice()) {
            ([one], _) | ([], [one]) => Ok(Who::Found(*one)),
            ([], _) => Ok(Who::New),
            _ => Err(format!("有多个叫“{name}”的人员，请先在“人员”中区分")),
        }
    }

    /// A person a row refers to (负责人, 在岗人员, 责任人 …): the one in `dept`, else the only
    /// one of the name anywhere; `New` when there is none.
    fn person_ref(&self, name: &str, dept: Option<Id>) -> Result<Who, String> {
        let all = self.w.people_by_name.get(&clean_name(name)).map_or(&[][..], Vec::as_slice);
        let in_dept: Vec<usize> =
            all.iter().copied().filter(|i| dept.is_some() && self.w.people[*i].dept_id == dept).collect();
        match (in_dept.as_slice(), all) {
            ([one], _) | ([], [one]) => Ok(Who::Found(*one)),
            (_, []) => Ok(Who::New),
            _ => Err(format!("有多个叫“{name}”的人员，请先在“人员”中区分")),
        }
    }

    fn people_refs(&self, text: &str, dept: Option<Id>) -> Result<Vec<(String, Who)>, String> {
        super::split_names(text).into_iter().map(|n| self.person_ref(&n, dept).map(|w| (n, w))).collect()
    }

    // ---- changes (cannot fail) ----

    fn mark(&mut self, id: Id) {
        self.dirty.insert(id);
    }

    /// The department `name`, created (top level, last) when the file has none of that name.
    fn ensure_dept(&mut self, name: &str, note: &mut Vec<String>) -> Id {
        if let Some(id) = self.dept_id(name) {
            return id;
        }
        let name = clean_name(name);
        let dept = Department {
            id: new_id(),
            parent_id: None,
            seq: next_seq(&self.w.departments),
            name: name.clone(),
            kind: "部门".into(),
            head_person_id: None,
            stamp: Stamp::now(),
        };
        let id = dept.id;
        note.push(format!("新建部门“{name}”"));
        self.w.dept_by_name.insert(name, self.w.departments.len());
        self.w.departments.push(dept);
        self.mark(id);
        id
    }

    /// The person found, or a new one called `name` in `dept`.
    fn ensure_person(&mut self, who: Who, name: &str, dept: Option<Id>, note: &mut Vec<String>) -> usize {
        match who {
            Who::Found(i) => i,
            Who::New => {
                let name = clean_name(name);
                let person = crate::domain::ops::organisation::new_person(&name, Vec::new(), dept);
                note.push(format!("新建人员“{name}”"));
                let i = self.w.people.len();
                self.mark(person.id);
                self.created_people.insert(person.id);
                self.w.people_by_name.entry(name).or_default().push(i);
                self.w.people.push(person);
                i
            }
        }
    }

    fn person_ids(&mut self, refs: Vec<(String, Who)>, dept: Option<Id>, note: &mut Vec<String>) -> Vec<Id> {
        refs.into_iter()
            .map(|(n, who)| {
                let i = self.ensure_person(who, &n, dept, note);
                self.w.people[i].id
            })
            .collect()
    }

    // ---- one row of each kind ----

    fn department_row(&mut self, r: &Record<'_>) -> Result<Outcome, String> {
        let name = r.name("name");
        let existing = self.dept_id(&name);
        let parent = r.name("parent");
        if !parent.is_empty() && parent == name {
            return Err("上级部门不能是它自己".into());
        }
        let head = if r.has("head") { Some(self.person_ref(r.get("head"), existing)?) } else { None };
        let leaders = self.people_refs(r.get("leaders"), None)?;
        let mut note = Vec::new();
        let id = self.ensure_dept(&name, &mut note);
        let added = existing.is_none();
        let parent_id = (!parent.is_empty()).then(|| self.ensure_dept(&parent, &mut note));
        let head_id = head.map(|who| {
            let i = self.ensure_person(who, r.get("head"), Some(id), &mut note);
            self.w.people[i].id
        });
        let leader_ids = self.person_ids(leaders, None, &mut note);
        let i = self.w.dept_by_name[&name];
        let before = self.w.departments[i].clone();
        let d = &mut self.w.departments[i];
        let mut changed = Vec::new();
        set_text(&mut d.kind, r.get("kind"), "类型", &mut changed);
        if parent_id.is_some() && d.parent_id != parent_id {
            d.parent_id = parent_id;
            changed.push("上级部门");
        }
        if head_id.is_some() && d.head_person_id != head_id {
            d.head_person_id = head_id;
            changed.push("负责人");
        }
        let d_changed = *d != before;
        if d_changed && !added {
            d.stamp.touch();
        }
        if d_changed || added {
            self.mark(id);
        }
        for leader in leader_ids {
            if self.w.supervision_pairs.insert((id, leader)) {
                let s = Supervision { id: new_id(), leader_person_id: leader, dept_id: id, stamp: Stamp::now() };
                self.mark(s.id);
                self.w.supervisions.push(s);
                if !added {
                    changed.push("分管领导");
                }
            }
        }
        Ok(fate(added, note, &changed))
    }

    fn person_row(&mut self, r: &Record<'_>) -> Result<Outcome, String> {
        let dept = r.name("dept");
        let dept_known = if dept.is_empty() { None } else { self.dept_id(&dept) };
        let who = if dept.is_empty() || dept_known.is_some() {
            self.person_strict(r.get("name"), dept_known)?
        } else {
            Who::New
        };
        let mut note = Vec::new();
        let dept_id = (!dept.is_empty()).then(|| self.ensure_dept(&dept, &mut note));
        let added = matches!(who, Who::New);
        let i = self.ensure_person(who, r.get("name"), dept_id, &mut note);
        let fresh = self.created_people.contains(&self.w.people[i].id);
        let before = self.w.people[i].clone();
        let p = &mut self.w.people[i];
        let mut changed = Vec::new();
        if fresh {
            p.dept_id = dept_id;
        }
        let titles = split_list(r.get("titles"));
        if !titles.is_empty() && p.titles != titles {
            p.titles = titles;
            changed.push("职务");
        }
        if dept_id.is_some() && p.dept_id != dept_id {
            p.dept_id = dept_id;
            changed.push("部门");
        }
        set_text(&mut p.note, r.get("note"), "备注", &mut changed);
        if *p != before {
            if !added {
                p.stamp.touch();
            }
            let id = p.id;
            self.mark(id);
        }
        Ok(fate(added, note, &changed))
    }

    fn post_row(&mut self, r: &Record<'_>) -> Result<Outcome, String> {
        let scheme = &self.content.unit.scheme;
        let tier = if r.has("tier") {
            Some(
                super::parse_tier(r.get("tier"), &scheme.tier_names)
                    .ok_or_else(|| format!("岗位层次“{}”应为 {}", r.get("tier"), scheme.tier_names.join("、")))?,
            )
        } else {
            None
        };
        let key_post = if r.has("key_post") { Some(parse_yes_no(r.get("key_post"), "重点岗位")?) } else { None };
        let dept_known = self.dept_id(r.get("dept"));
        let holders = self.people_refs(r.get("holders"), dept_known)?;
        let mut note = Vec::new();
        let dept_id = self.ensure_dept(r.get("dept"), &mut note);
        let name = r.name("name");
        let existing = self.w.post_by_key.get(&(dept_id, name.clone())).copied();
        let i = existing.unwrap_or_else(|| {
            let tier = tier.unwrap_or(PostTier::General);
            let seq = next_seq(self.w.posts.iter().filter(|p| p.dept_id == dept_id));
            let post = Post {
                id: new_id(),
                dept_id,
                seq,
                name: name.clone(),
                tier,
                duties: String::new(),
                basis: String::new(),
                key_post: tier != PostTier::General,
                stamp: Stamp::now(),
            };
            self.w.post_by_key.insert((dept_id, name.clone()), self.w.posts.len());
            self.w.posts.push(post);
            self.w.posts.len() - 1
        });
        let added = existing.is_none();
        let holder_ids = self.person_ids(holders, Some(dept_id), &mut note);
        let before = self.w.posts[i].clone();
        let p = &mut self.w.posts[i];
        let mut changed = Vec::new();
        if let Some(t) = tier.filter(|t| *t != p.tier) {
            p.tier = t;
            changed.push("岗位层次");
        }
        if let Some(k) = key_post.filter(|k| *k != p.key_post) {
            p.key_post = k;
            changed.push("重点岗位");
        }
        set_text(&mut p.duties, r.get("duties"), "岗位职责", &mut changed);
        set_text(&mut p.basis, r.get("basis"), "履职依据", &mut changed);
        let post_id = p.id;
        if *p != before || added {
            if !added {
                p.stamp.touch();
            }
            self.mark(post_id);
        }
        for person in holder_ids {
            if self.w.holder_pairs.insert((post_id, person)) {
                let h = PostHolder { id: new_id(), post_id, person_id: person, stamp: Stamp::now() };
                self.mark(h.id);
                self.w.holders.push(h);
                if !added && !changed.contains(&"在岗人员") {
                    changed.push("在岗人员");
                }
            }
        }
        Ok(fate(added, note, &changed))
    }

    fn group_row(&mut self, r: &Record<'_>) -> Result<Outcome, String> {
        let (role, executive) = parse_role(r.get("role"))?;
        let concurrent = r.get("note").contains('兼');
        let executive = executive || r.get("note").contains("常务");
        let dept = r.name("dept");
        let dept_known = if dept.is_empty() { None } else { self.dept_id(&dept) };
        let who = if dept.is_empty() || dept_known.is_some() {
            self.person_strict(r.get("name"), dept_known)?
        } else {
            Who::New
        };
        let mut note = Vec::new();
        let dept_id = (!dept.is_empty()).then(|| self.ensure_dept(&dept, &mut note));
        let i = self.ensure_person(who, r.get("name"), dept_id, &mut note);
        let titles = split_list(r.get("titles"));
        let p = &mut self.w.people[i];
        if (!titles.is_empty() && p.titles.is_empty()) || (p.dept_id.is_none() && dept_id.is_some()) {
            if p.titles.is_empty() {
                p.titles = titles;
            }
            p.dept_id = p.dept_id.or(dept_id);
            let id = p.id;
            self.mark(id);
        }
        let person_id = self.w.people[i].id;
        let existing = self.w.members.iter().position(|m| m.person_id == person_id && m.role == role);
        let Some(m) = existing.map(|e| &mut self.w.members[e]) else {
            let m = GroupMember {
                id: new_id(),
                person_id,
                role,
                executive: executive && role == GroupRole::DeputyLeader,
                concurrent: concurrent && role == GroupRole::OfficeDirector,
                seq: next_seq(&self.w.members),
                stamp: Stamp::now(),
            };
            self.mark(m.id);
            self.w.members.push(m);
            return Ok(fate(true, note, &[]));
        };
        let before = m.clone();
        m.executive = executive && role == GroupRole::DeputyLeader;
        m.concurrent = concurrent && role == GroupRole::OfficeDirector;
        if *m == before {
            return Ok(fate(false, note, &[]));
        }
        m.stamp.touch();
        let id = m.id;
        self.mark(id);
        Ok(fate(false, note, &["备注"]))
    }

    fn power_row(&mut self, r: &Record<'_>) -> Result<Outcome, String> {
        let mut note = Vec::new();
        let dept_id = self.ensure_dept(r.get("dept"), &mut note);
        let name = r.name("name");
        let existing = self.w.power_by_key.get(&(dept_id, name.clone())).copied();
        let i = existing.unwrap_or_else(|| {
            let power = Power {
                id: new_id(),
                dept_id,
                seq: next_seq(self.w.powers.iter().filter(|p| p.dept_id == dept_id)),
                name: clean(r.get("name")).to_owned(),
                content: String::new(),
                subject: String::new(),
                basis: String::new(),
                procedure: String::new(),
                time_limit: String::new(),
                responsibility: String::new(),
                stamp: Stamp::now(),
            };
            self.w.power_by_key.insert((dept_id, name.clone()), self.w.powers.len());
            self.w.powers.push(power);
            self.w.powers.len() - 1
        });
        let added = existing.is_none();
        let before = self.w.powers[i].clone();
        let p = &mut self.w.powers[i];
        let mut changed = Vec::new();
        set_text(&mut p.content, r.get("content"), "职权内容", &mut changed);
        set_text(&mut p.subject, r.get("subject"), "行使主体", &mut changed);
        set_text(&mut p.basis, r.get("basis"), "行使依据", &mut changed);
        set_text(&mut p.procedure, r.get("procedure"), "运行程序", &mut changed);
        set_text(&mut p.time_limit, r.get("time_limit"), "办理时限", &mut changed);
        set_text(&mut p.responsibility, r.get("responsibility"), "相应责任", &mut changed);
        let power_id = p.id;
        if *p != before || added {
            if !added {
                p.stamp.touch();
            }
            self.mark(power_id);
        }
        let steps = r.get("steps").split(['→', '\n', '、', '；', ';']).map(clean).filter(|s| !s.is_empty());
        for step in steps.map(str::to_owned).collect::<Vec<_>>() {
            let key = (power_id, clean_name(&step));
            if self.w.step_by_key.contains_key(&key) {
                continue;
            }
            let s = PowerStep {
                id: new_id(),
                power_id,
                seq: next_seq(self.w.steps.iter().filter(|s| s.power_id == power_id)),
                name: step,
                description: String::new(),
                stamp: Stamp::now(),
            };
            self.mark(s.id);
            self.w.step_by_key.insert(key, self.w.steps.len());
            self.w.steps.push(s);
            if !added && !changed.contains(&"运行环节") {
                changed.push("运行环节");
            }
        }
        Ok(fate(added, note, &changed))
    }

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
                match self.w.post_by_key.get(&(d, name.clone())) {
                    Some(i) => Some(self.w.posts[*i].id),
                    None => {
                        let post = Post {
                            id: new_id(),
                            dept_id: d,
                            seq: next_seq(self.w.posts.iter().filter(|p| p.dept_id == d)),
                            name: name.clone(),
                            tier: PostTier::General,
                            duties: String::new(),
                            basis: String::new(),
                            key_post: false,
                            stamp: Stamp::now(),
                        };
                        note.push(format!("新建岗位“{name}”"));
                        self.mark(post.id);
                        self.w.post_by_key.insert((d, name), self.w.posts.len());
                        let id = post.id;
                        self.w.posts.push(post);
                        Some(id)
                    }
                }
            }
            _ => None,
        };
        let person = person.map(|who| {
            let i = self.ensure_person(who, r.get("person"), dept, note);
            self.w.people[i].id
        });
        (dept, post, person)
    }

    fn risk_row(&mut self, r: &Record<'_>) -> Result<Outcome, String> {
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
            let rp = new_risk_point(scope, (dept_id, post_id, person_id), next_seq(&self.w.risks), description);
            self.w.risk_by_key.insert(key, self.w.risks.len());
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
            rp.grade_rationale = format!("由表格导入为{to}");
            rp.grade_override_reason = "由 Excel/WPS 表格导入".to_owned();
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

    fn measure_row(&mut self, r: &Record<'_>) -> Result<Outcome, String> {
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
            && (m.owner_person_id, m.owner_text.as_str()) != (person, text.as_str())
        {
            (m.owner_person_id, m.owner_text) = (person, text);
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
                        confirmed_by: r.get("confirmed_by").to_owned(),
                        evidence: r.get("evidence").to_owned(),
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
        let mut same_words = self.w.risks.iter().enumerate().filter(|(_, rp)| rp.description == description);
        match (same_words.next(), same_words.next()) {
            (Some((i, _)), None) => Ok(i),
            (None, _) => Err(format!("找不到风险点“{description}”，请先导入风险点")),
            _ => Err(format!("有多个风险点“{description}”，请写明所在部门、岗位或人员")),
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
        class: String::new(),
        description,
        manifestation: String::new(),
        power_id: None,
        power_step_id: None,
        found_by: String::new(),
        status: ReviewStatus::Draft,
        review_step: 0,
        grade: None,
        grade_inputs: GradeInputs::default(),
        grade_rationale: String::new(),
        grade_override_reason: String::new(),
        stamp: Stamp::now(),
    }
}

/// Sets `field` to `value` when the cell has text that differs (an empty cell keeps it).
fn set_text(field: &mut String, value: &str, title: &'static str, changed: &mut Vec<&'static str>) {
    if !value.is_empty() && field != value {
        value.clone_into(field);
        changed.push(title);
    }
}

/// The outcome of a row that added (`added`) or may have changed something.
fn fate(added: bool, note: Vec<String>, changed: &[&str]) -> Outcome {
    if added {
        Outcome::Added(note.join("；"))
    } else if changed.is_empty() && note.iter().all(|n| !n.starts_with("新建")) {
        Outcome::Unchanged(note.join("；"))
    } else {
        let mut parts = vec![changed.join("、")];
        parts.extend(note);
        Outcome::Updated(parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join("；"))
    }
}

/// Whether `cells` repeats the header row (a sheet printed with its header on every page).
fn same_row(header: &[String], cells: &[String]) -> bool {
    let trimmed =
        |v: &[String]| v.iter().map(|c| clean(c).to_owned()).rev().skip_while(String::is_empty).collect::<Vec<_>>();
    trimmed(header) == trimmed(cells)
}

fn parse_yes_no(cell: &str, title: &str) -> Result<bool, String> {
    match cell {
        "是" | "Y" | "y" | "√" | "✓" | "1" | "重点" | "重点岗位" => Ok(true),
        "否" | "N" | "n" | "×" | "0" | "一般" => Ok(false),
        _ => Err(format!("{title}“{cell}”应为 是 或 否")),
    }
}

fn parse_role(cell: &str) -> Result<(GroupRole, bool), String> {
    let c = clean_name(cell);
    if c == "常务副组长" {
        return Ok((GroupRole::DeputyLeader, true));
    }
    let role = GroupRole::ALL.into_iter().find(|r| r.label() == c).or(match c.as_str() {
        "主任" | "领导小组办公室主任" => Some(GroupRole::OfficeDirector),
        "组员" | "小组成员" => Some(GroupRole::Member),
        "办公室组成人员" | "工作人员" => Some(GroupRole::OfficeMember),
        _ => None,
    });
    role.map(|r| (r, false))
        .ok_or_else(|| format!("小组职务“{cell}”应为 {}", GroupRole::ALL.map(GroupRole::label).join("、")))
}

/// A level by the scheme's name (一级, 高 …), or 1/2/3.
fn parse_grade(cell: &str, names: &[String]) -> Result<u8, String> {
    let c = clean_name(cell);
    let by_name = names.iter().position(|n| *n == c || format!("{n}风险") == c);
    let by_number = match c.trim_end_matches('级').trim_end_matches(".0") {
        "1" | "一" | "Ⅰ" => Some(0),
        "2" | "二" | "Ⅱ" => Some(1),
        "3" | "三" | "Ⅲ" => Some(2),
        _ => None,
    };
    by_name
        .or(by_number)
        .filter(|i| *i < names.len().min(3))
        .and_then(|i| u8::try_from(i + 1).ok())
        .ok_or_else(|| format!("等级“{cell}”应为 {}", names.join("、")))
}

fn parse_phase(cell: &str, names: &[String]) -> Result<MeasurePhase, String> {
    let c = clean_name(cell);
    MeasurePhase::ALL
        .into_iter()
        .find(|p| names.get(p.index()).is_some_and(|n| *n == c))
        .or_else(|| {
            [("前期", MeasurePhase::Before), ("中期", MeasurePhase::During), ("后期", MeasurePhase::After)]
                .into_iter()
                .find(|(w, _)| c.starts_with(w))
                .map(|(_, p)| p)
        })
        .or(c.is_empty().then_some(MeasurePhase::Before))
        .ok_or_else(|| format!("阶段“{cell}”应为 {}", names.join("、")))
}

/// A date cell: as the reader gives dates (2026-03-31), as people type them, or an Excel
/// serial number (46112) stored without a date format.
pub fn parse_cell_date(cell: &str, title: &str) -> Result<Option<NaiveDate>, String> {
    let c: String = clean(cell).chars().map(super::half_width).collect();
    if c.is_empty() {
        return Ok(None);
    }
    if let Ok(serial) = c.trim_end_matches(".0").parse::<i64>()
        && (20_000..=2_958_465).contains(&serial)
        && c.len() <= 7
    {
        let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or("日期")?;
        return Ok(epoch.checked_add_days(chrono::Days::new(serial.unsigned_abs())));
    }
    crate::domain::dates::parse_date(&c, crate::domain::dates::today().year()).map_err(|e| format!("{title}：{e}"))
}
