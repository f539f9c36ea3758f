//! Rows of the organisation's lists: 部门, 人员, 岗位, 领导小组, 职权目录.

use super::super::cells::{parse_role, parse_yes_no};
use super::{Importer, Outcome, Record, Who, fate, set_text};
use crate::domain::import::{clean, clean_name};
use crate::domain::model::*;
use crate::domain::names::split_list;
use crate::domain::{Id, new_id};

impl Importer<'_> {
    /// Whether department `dept` is `ancestor` or below it (a parent set the other way round
    /// would close a loop in the tree).
    fn is_below(&self, dept: Id, ancestor: Id) -> bool {
        let parent_of = |id| self.w.departments.iter().find(|d| d.id == id).and_then(|d| d.parent_id);
        let mut at = Some(dept);
        // A tree is never deeper than it has departments; a longer walk is a loop already.
        for _ in 0..=self.w.departments.len() {
            match at {
                Some(id) if id == ancestor => return true,
                Some(id) => at = parent_of(id),
                None => return false,
            }
        }
        true
    }

    pub(super) fn department_row(&mut self, r: &Record<'_>) -> Result<Outcome, String> {
        let name = r.name("name");
        let existing = self.dept_id(&name);
        let parent = r.name("parent");
        if !parent.is_empty() && parent == name {
            return Err("上级部门不能是它自己".into());
        }
        if let (Some(id), Some(parent_id)) = (existing, self.dept_id(&parent))
            && self.is_below(parent_id, id)
        {
            return Err(format!("“{parent}”是“{name}”的下级部门，不能再做它的上级"));
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

    /// The person a 人员 or 领导小组 row is about, by name within the department it names (a
    /// department not in the file means a new person there): its position, whether the row
    /// creates it, and that department (created when new).
    fn row_person(&mut self, r: &Record<'_>, note: &mut Vec<String>) -> Result<(usize, bool, Option<Id>), String> {
        let dept = r.name("dept");
        let dept_known = if dept.is_empty() { None } else { self.dept_id(&dept) };
        let who = if dept.is_empty() || dept_known.is_some() {
            self.person_strict(r.get("name"), dept_known)?
        } else {
            Who::New
        };
        let dept_id = (!dept.is_empty()).then(|| self.ensure_dept(&dept, note));
        let i = self.ensure_person(who, r.get("name"), dept_id, note);
        Ok((i, matches!(who, Who::New), dept_id))
    }

    pub(super) fn person_row(&mut self, r: &Record<'_>) -> Result<Outcome, String> {
        let mut note = Vec::new();
        let (i, added, dept_id) = self.row_person(r, &mut note)?;
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

    pub(super) fn post_row(&mut self, r: &Record<'_>) -> Result<Outcome, String> {
        let scheme = &self.content.unit.scheme;
        let tier = if r.has("tier") {
            Some(
                crate::domain::import::parse_tier(r.get("tier"), &scheme.tier_names)
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
        let (i, added) = self.ensure_post(dept_id, name, tier.unwrap_or(PostTier::General));
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

    pub(super) fn group_row(&mut self, r: &Record<'_>) -> Result<Outcome, String> {
        let (role, executive) = parse_role(r.get("role"))?;
        let concurrent = r.get("note").contains('兼');
        let executive = executive || r.get("note").contains("常务");
        let mut note = Vec::new();
        let (i, _, dept_id) = self.row_person(r, &mut note)?;
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

    pub(super) fn power_row(&mut self, r: &Record<'_>) -> Result<Outcome, String> {
        let mut note = Vec::new();
        let dept_id = self.ensure_dept(r.get("dept"), &mut note);
        let name = r.name("name");
        let existing = self.w.power_by_key.get(&(dept_id, name.clone())).copied();
        let i = existing.unwrap_or_else(|| {
            let seq = next_seq(self.w.powers.iter().filter(|p| p.dept_id == dept_id));
            self.w.power_by_key.insert((dept_id, name), self.w.powers.len());
            self.w.powers.push(Power::new(dept_id, seq, clean(r.get("name")).to_owned()));
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
}
