//! The preview of an import: each row checked and applied to a working copy of the lists, so
//! that later rows (and later sheets) see what earlier ones added. A row is all or nothing:
//! everything it needs is looked up and parsed before anything is changed.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::{ImportKind, Mapping, clean, clean_name};

mod organisation;
mod risks;
use crate::domain::change::{Change, Edit};
use crate::domain::model::*;
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
    /// Risk points by their words alone (a measure row that does not say where its risk sits).
    risks_by_words: HashMap<String, Vec<usize>>,
    /// The `seq` a new risk point takes (after every other).
    next_risk_seq: i64,
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
            w.risks_by_words.entry(rp.description.clone()).or_default().push(i);
        }
        for (i, m) in w.measures.iter().enumerate() {
            w.measures_of.entry(m.risk_point_id).or_default().push(i);
        }
        w.next_risk_seq = next_seq(&w.risks);
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
        let header = header.map(cleaned_row);
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut out = Vec::with_capacity(rows.len());
        for (line, cells) in rows {
            let outcome = if header.as_ref().is_some_and(|h| *h == cleaned_row(&cells)) {
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

    /// The post `name` of department `dept`, or a new one of `tier` placed last there (not yet
    /// marked as changed: the caller knows whether the row goes on to save it); and whether it
    /// is new.
    fn ensure_post(&mut self, dept: Id, name: String, tier: PostTier) -> (usize, bool) {
        if let Some(i) = self.w.post_by_key.get(&(dept, name.clone())) {
            return (*i, false);
        }
        let seq = next_seq(self.w.posts.iter().filter(|p| p.dept_id == dept));
        let i = self.w.posts.len();
        self.w.posts.push(Post::new(dept, seq, name.clone(), tier));
        self.w.post_by_key.insert((dept, name), i);
        (i, true)
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
}

/// Sets `field` to `value` when the cell has text that differs (an empty cell keeps it).
fn set_text<T>(field: &mut T, value: &str, title: &'static str, changed: &mut Vec<&'static str>)
where
    T: PartialEq<str> + for<'v> From<&'v str>,
{
    if !value.is_empty() && *field != *value {
        *field = T::from(value);
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

/// A row as compared with the header row (a sheet printed with its header on every page repeats it):
/// cells cleaned, trailing empty ones dropped.
fn cleaned_row(cells: &[String]) -> Vec<&str> {
    let mut row: Vec<&str> = cells.iter().map(|c| clean(c)).collect();
    while row.last().is_some_and(|c| c.is_empty()) {
        row.pop();
    }
    row
}
