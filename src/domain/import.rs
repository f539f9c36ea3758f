//! Rows pasted from Excel/WPS (tab-separated): parsed, checked and turned into new entities,
//! shown as a preview before anything is saved.

use std::collections::HashMap;

use super::change::{Change, Edit};
use super::model::{Department, Person, Post, PostHolder, PostTier, Stamp};
use super::{Content, Id, new_id};

/// What is being pasted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    Departments,
    Posts,
    People,
}

impl ImportKind {
    pub const ALL: [Self; 3] = [Self::Departments, Self::Posts, Self::People];

    pub fn label(self) -> &'static str {
        match self {
            Self::Departments => "部门",
            Self::Posts => "岗位",
            Self::People => "人员",
        }
    }

    /// The columns expected, in order; the first row is skipped when it repeats them.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Self::Departments => &["部门名称", "类型", "上级部门", "负责人"],
            Self::Posts => &["部门", "岗位名称", "岗位层次", "岗位职责", "履职依据", "在岗人员"],
            Self::People => &["姓名", "职务", "部门"],
        }
    }
}

/// One pasted row and what will happen to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRow {
    /// 1-based line in the pasted text.
    pub line: usize,
    pub cells: Vec<String>,
    /// Why the row will be skipped.
    pub error: Option<String>,
    /// What the row will create besides itself (新建部门 …).
    pub note: String,
}

/// The preview: rows with their fate, and the new or changed entities to save.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPlan {
    pub rows: Vec<ImportRow>,
    pub departments: Vec<Department>,
    pub people: Vec<Person>,
    pub posts: Vec<Post>,
    pub holders: Vec<PostHolder>,
}

impl ImportPlan {
    pub fn accepted(&self) -> usize {
        self.rows.iter().filter(|r| r.error.is_none()).count()
    }

    /// The accepted rows as one edit: new departments first, then people, posts and who fills
    /// them (the order foreign keys need).
    pub fn edit(&self, label: impl Into<String>) -> Edit {
        let mut changes: Vec<Change> = self.departments.iter().cloned().map(Change::save).collect();
        changes.extend(self.people.iter().cloned().map(Change::save));
        changes.extend(self.posts.iter().cloned().map(Change::save));
        changes.extend(self.holders.iter().cloned().map(Change::save));
        Edit::new(label, changes)
    }
}

/// Splits pasted text into cells: tabs between cells, one row per line, blank lines skipped.
pub fn parse_tsv(text: &str) -> Vec<(usize, Vec<String>)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.split('\t').map(|c| c.trim().to_owned()).collect::<Vec<_>>()))
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .collect()
}

/// 领导/中层/一般, or the scheme's own tier names.
pub fn parse_tier(cell: &str, tier_names: &[String]) -> Option<PostTier> {
    let c = cell.trim();
    if let Some(i) = tier_names.iter().position(|n| n == c) {
        return PostTier::ALL.get(i).copied();
    }
    match c {
        "" | "一般" | "一般岗位" | "重要岗位" | "一般（重要）岗位" => Some(PostTier::General),
        "领导" | "领导岗位" => Some(PostTier::Leader),
        "中层" | "中层岗位" | "中层干部" => Some(PostTier::Middle),
        _ => None,
    }
}

/// Builds the preview of pasting `text` as `kind` into `content`.
pub fn plan_import(content: &Content, kind: ImportKind, text: &str) -> ImportPlan {
    let mut rows = parse_tsv(text);
    if let Some((_, first)) = rows.first()
        && first.first().map(String::as_str) == kind.columns().first().copied()
    {
        rows.remove(0);
    }
    let mut b = Builder::new(content);
    for (line, cells) in rows {
        // A row is all or nothing: what a failing row created is taken back.
        let saved = (b.plan.clone(), b.depts.clone(), b.people.clone());
        let result = match kind {
            ImportKind::Departments => b.department_row(&cells),
            ImportKind::Posts => b.post_row(&cells),
            ImportKind::People => b.person_row(&cells),
        };
        let (error, note) = match result {
            Ok(note) => (None, note),
            Err(e) => {
                (b.plan, b.depts, b.people) = saved;
                (Some(e), String::new())
            }
        };
        b.plan.rows.push(ImportRow { line, cells, error, note });
    }
    b.plan
}

struct Builder<'c> {
    content: &'c Content,
    plan: ImportPlan,
    /// Department name → id, existing and new.
    depts: HashMap<String, Id>,
    /// Person name → ids, existing and new.
    people: HashMap<String, Vec<Id>>,
}

impl<'c> Builder<'c> {
    fn new(content: &'c Content) -> Self {
        let depts = content.departments.iter().map(|d| (d.name.clone(), d.id)).collect();
        let mut people: HashMap<String, Vec<Id>> = HashMap::new();
        for p in &content.people {
            people.entry(p.name.clone()).or_default().push(p.id);
        }
        Self { content, plan: ImportPlan::default(), depts, people }
    }

    fn cell(cells: &[String], i: usize) -> &str {
        cells.get(i).map_or("", String::as_str)
    }

    fn next_dept_seq(&self) -> i64 {
        let existing = self.content.departments.iter().map(|d| d.seq).max().unwrap_or(-1);
        existing + 1 + i64::try_from(self.plan.departments.len()).unwrap_or(0)
    }

    /// The id of department `name`, creating it when `create` (noted in `note`).
    fn dept(&mut self, name: &str, note: &mut Vec<String>) -> Id {
        if let Some(id) = self.depts.get(name) {
            return *id;
        }
        let id = new_id();
        let seq = self.next_dept_seq();
        self.plan.departments.push(Department {
            id,
            parent_id: None,
            seq,
            name: name.to_owned(),
            kind: "部门".into(),
            head_person_id: None,
            stamp: Stamp::now(),
        });
        self.depts.insert(name.to_owned(), id);
        note.push(format!("新建部门“{name}”"));
        id
    }

    /// The person called `name`: the only one of that name, or a new one in `dept`.
    fn person(&mut self, name: &str, dept: Option<Id>, note: &mut Vec<String>) -> Result<Id, String> {
        let known = self.people.get(name).map_or(&[][..], Vec::as_slice);
        match super::ops::organisation::the_person(known, name).map_err(|e| e.to_string())? {
            Some(id) => Ok(id),
            None => {
                let person = super::ops::organisation::new_person(name, Vec::new(), dept);
                let id = person.id;
                self.plan.people.push(person);
                self.people.entry(name.to_owned()).or_default().push(id);
                note.push(format!("新建人员“{name}”"));
                Ok(id)
            }
        }
    }

    fn department_row(&mut self, cells: &[String]) -> Result<String, String> {
        let name = Self::cell(cells, 0);
        if name.is_empty() {
            return Err("部门名称为空".into());
        }
        if self.depts.contains_key(name) {
            return Err(format!("已有部门“{name}”"));
        }
        let mut note = Vec::new();
        let parent = Self::cell(cells, 2);
        let parent_id = if parent.is_empty() { None } else { Some(self.dept(parent, &mut note)) };
        let kind = Self::cell(cells, 1);
        let id = new_id();
        let seq = self.next_dept_seq();
        self.depts.insert(name.to_owned(), id);
        let head = Self::cell(cells, 3);
        let head_person_id = if head.is_empty() { None } else { Some(self.person(head, Some(id), &mut note)?) };
        self.plan.departments.push(Department {
            id,
            parent_id,
            seq,
            name: name.to_owned(),
            kind: if kind.is_empty() { "部门".into() } else { kind.to_owned() },
            head_person_id,
            stamp: Stamp::now(),
        });
        Ok(note.join("；"))
    }

    fn post_row(&mut self, cells: &[String]) -> Result<String, String> {
        let (dept_name, name) = (Self::cell(cells, 0), Self::cell(cells, 1));
        if dept_name.is_empty() || name.is_empty() {
            return Err("部门或岗位名称为空".into());
        }
        let tier = parse_tier(Self::cell(cells, 2), &self.content.unit.scheme.tier_names)
            .ok_or_else(|| format!("岗位层次“{}”应为 领导、中层 或 一般", Self::cell(cells, 2)))?;
        let mut note = Vec::new();
        let dept_id = self.dept(dept_name, &mut note);
        let taken = self.content.posts.iter().chain(&self.plan.posts).any(|p| p.dept_id == dept_id && p.name == name);
        if taken {
            return Err(format!("“{dept_name}”已有岗位“{name}”"));
        }
        let post_id = new_id();
        let holders: Vec<Id> = super::names::split_list(Self::cell(cells, 5))
            .iter()
            .map(|n| self.person(n, Some(dept_id), &mut note))
            .collect::<Result<_, _>>()?;
        let seq = self.content.posts.iter().chain(&self.plan.posts).filter(|p| p.dept_id == dept_id).count();
        self.plan.posts.push(Post {
            id: post_id,
            dept_id,
            seq: i64::try_from(seq).unwrap_or(i64::MAX),
            name: name.to_owned(),
            tier,
            duties: Self::cell(cells, 3).to_owned(),
            basis: Self::cell(cells, 4).to_owned(),
            key_post: tier != PostTier::General,
            stamp: Stamp::now(),
        });
        for person_id in holders {
            self.plan.holders.push(PostHolder { id: new_id(), post_id, person_id, stamp: Stamp::now() });
        }
        Ok(note.join("；"))
    }

    fn person_row(&mut self, cells: &[String]) -> Result<String, String> {
        let name = Self::cell(cells, 0);
        if name.is_empty() {
            return Err("姓名为空".into());
        }
        let mut note = Vec::new();
        let dept_name = Self::cell(cells, 2);
        let dept_id = if dept_name.is_empty() { None } else { Some(self.dept(dept_name, &mut note)) };
        if self.people.get(name).is_some_and(|ids| !ids.is_empty()) {
            note.push(format!("已有同名人员“{name}”，将另建一人"));
        }
        let person =
            super::ops::organisation::new_person(name, super::names::split_list(Self::cell(cells, 1)), dept_id);
        let id = person.id;
        self.plan.people.push(person);
        self.people.entry(name.to_owned()).or_default().push(id);
        Ok(note.join("；"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Scheme;

    fn unit() -> Content {
        Content::new_unit("福州实验小学", "小学", Scheme::preset("fzsx2013").unwrap().unwrap())
    }

    #[test]
    fn posts_pasted_from_excel_create_departments_and_people() {
        let text = "部门\t岗位名称\t岗位层次\t岗位职责\t履职依据\t在岗人员\n\
                    教务处\t教务主任\t中层\t主持教务处全面工作\t《教育法》\t林剑峰\n\
                    教务处\t教材管理员\t一般\t负责教材征订\t\t薛莲、肖群\n\
                    \n\
                    教务处\t教材管理员\t一般\t重复\t\t\n\
                    总务处\t\t一般\t\t\t\n\
                    总务处\t采购员\t科员\t\t\t";
        let plan = plan_import(&unit(), ImportKind::Posts, text);
        assert_eq!(plan.rows.len(), 5, "header and blank line skipped");
        assert_eq!(plan.accepted(), 2);
        assert_eq!(plan.rows[0].line, 2);
        assert!(plan.rows[0].note.contains("新建部门“教务处”"));
        assert!(plan.rows[2].error.as_deref().unwrap().contains("已有岗位“教材管理员”"));
        assert!(plan.rows[3].error.as_deref().unwrap().contains("为空"));
        assert!(plan.rows[4].error.as_deref().unwrap().contains("岗位层次"));
        assert_eq!(plan.departments.len(), 1, "failed rows create nothing (no 总务处)");
        assert_eq!(plan.posts.len(), 2);
        assert_eq!(plan.posts[0].tier, PostTier::Middle);
        assert_eq!(plan.people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["林剑峰", "薛莲", "肖群"]);
        assert_eq!(plan.holders.len(), 3);
    }

    #[test]
    fn departments_and_people() {
        let c = unit();
        let plan = plan_import(&c, ImportKind::Departments, "党总支办公室\t处室\t\t王小梅\n党总支办公室\t\t\t");
        assert_eq!(plan.accepted(), 1);
        assert!(plan.rows[1].error.as_deref().unwrap().contains("已有部门"));
        assert_eq!(plan.departments[0].head_person_id, Some(plan.people[0].id));
        let plan = plan_import(&c, ImportKind::People, "姓名\t职务\t部门\n马连华\t党委副书记、院长\t校长办公室");
        assert_eq!(plan.people[0].titles, ["党委副书记", "院长"]);
        assert_eq!(plan.departments[0].name, "校长办公室");
    }

    #[test]
    fn tiers_by_scheme_names() {
        let names = vec!["学校领导班子".to_owned(), "部门、单位".to_owned(), "重要岗位专职人员".to_owned()];
        assert_eq!(parse_tier("部门、单位", &names), Some(PostTier::Middle));
        assert_eq!(parse_tier("领导", &names), Some(PostTier::Leader));
        assert_eq!(parse_tier("", &names), Some(PostTier::General));
        assert_eq!(parse_tier("科员", &names), None);
    }
}
