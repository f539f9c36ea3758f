//! Deleting a department, post or person: what depends on it, in words, and the explicit changes
//! that remove it with its dependents (children first), so the user is asked before anything
//! goes and one undo brings everything back.

use std::collections::HashSet;

use crate::domain::change::{Change, Edit, Row, Stamped};
use crate::domain::*;

/// A deletion ready to confirm.
#[derive(Debug)]
pub struct Removal {
    /// 删除部门“财务处” and its changes.
    pub edit: Edit,
    /// What goes with it, in words (empty when nothing depends on it).
    pub summary: Vec<String>,
    /// Why it cannot be deleted as is.
    pub blocker: Option<String>,
}

/// Where the review records of risk points are found: the content when it holds them; for the
/// window, which does not (`store::Keep::WithoutHistory`), the file.
pub trait ReviewIds {
    /// The ids of the review records of `risk_points`, or why they cannot be read.
    fn review_ids(&self, risk_points: &HashSet<Id>) -> Result<Vec<Id>, String>;
}

impl ReviewIds for Content {
    fn review_ids(&self, risk_points: &HashSet<Id>) -> Result<Vec<Id>, String> {
        Ok(self.review_records.iter().filter(|r| risk_points.contains(&r.risk_point_id)).map(|r| r.id).collect())
    }
}

#[derive(Default)]
struct Collector {
    deletes: Vec<Change>,
    clears: Vec<Change>,
    summary: Vec<String>,
    risk_points: HashSet<Id>,
    warnings: HashSet<Id>,
    /// The review records could not be listed: nothing may be deleted.
    unreadable: Option<String>,
}

impl Collector {
    fn count(&mut self, n: usize, what: &str) {
        if n > 0 {
            self.summary.push(format!("{n} {what}"));
        }
    }

    /// Risk points with their measures and review records.
    fn risk_points<'a>(&mut self, c: &Content, history: &dyn ReviewIds, points: impl Iterator<Item = &'a RiskPoint>) {
        let ids: Vec<Id> = points.map(|r| r.id).filter(|id| self.risk_points.insert(*id)).collect();
        if ids.is_empty() {
            return;
        }
        // A set: a department can take thousands of risk points, each with its measures and
        // reviews among hundreds of thousands.
        let set: HashSet<Id> = ids.iter().copied().collect();
        let measures: Vec<Id> = c.measures.iter().filter(|m| set.contains(&m.risk_point_id)).map(|m| m.id).collect();
        let reviews = history.review_ids(&set).unwrap_or_else(|e| {
            self.unreadable = Some(format!("无法列出要一起删除的审核记录：{e}"));
            Vec::new()
        });
        self.count(ids.len(), &format!("个风险点（含 {} 条防控措施、{} 条审核记录）", measures.len(), reviews.len()));
        self.deletes.extend(reviews.into_iter().map(Change::delete::<ReviewRecord>));
        self.deletes.extend(measures.into_iter().map(Change::delete::<Measure>));
        self.deletes.extend(ids.into_iter().map(Change::delete::<RiskPoint>));
    }

    fn warnings<'a>(&mut self, c: &Content, warnings: impl Iterator<Item = &'a Warning>) {
        let ids: Vec<Id> = warnings.map(|w| w.id).filter(|id| self.warnings.insert(*id)).collect();
        let set: HashSet<Id> = ids.iter().copied().collect();
        let responses: Vec<Id> =
            c.warning_responses.iter().filter(|r| set.contains(&r.warning_id)).map(|r| r.id).collect();
        self.count(ids.len(), "条预警记录");
        self.deletes.extend(responses.into_iter().map(Change::delete::<WarningResponse>));
        self.deletes.extend(ids.into_iter().map(Change::delete::<Warning>));
    }

    fn post(&mut self, c: &Content, history: &dyn ReviewIds, post: &Post) {
        self.risk_points(c, history, c.risk_points.iter().filter(|r| r.post_id == Some(post.id)));
        self.warnings(c, c.warnings.iter().filter(|w| w.post_id == Some(post.id)));
        let holders: Vec<Id> = c.post_holders.iter().filter(|h| h.post_id == post.id).map(|h| h.id).collect();
        self.deletes.extend(holders.into_iter().map(Change::delete::<PostHolder>));
        self.deletes.push(Change::delete::<Post>(post.id));
    }

    fn finish(self, label: String, target: Change, blocker: Option<String>) -> Removal {
        let mut changes = self.deletes;
        changes.extend(self.clears);
        changes.push(target);
        Removal { edit: Edit::new(label, changes), summary: self.summary, blocker: self.unreadable.or(blocker) }
    }
}

/// Saves `row` with `clear` applied, if it changes it.
fn cleared<T: Clone + PartialEq + Stamped + Into<Row>>(row: &T, clear: impl FnOnce(&mut T)) -> Option<Change> {
    let mut new = row.clone();
    clear(&mut new);
    (new != *row).then(|| {
        new.stamp_mut().touch();
        Change::save(new)
    })
}

/// `history`: where the review records are (the content itself when it holds them).
pub fn remove_post(c: &Content, history: &dyn ReviewIds, post: &Post) -> Removal {
    let mut k = Collector::default();
    k.post(c, history, post);
    let target = k.deletes.pop().unwrap_or(Change::delete::<Post>(post.id));
    k.finish(format!("删除岗位“{}”", post.name), target, None)
}

pub fn remove_department(c: &Content, history: &dyn ReviewIds, dept: &Department) -> Removal {
    let mut k = Collector::default();
    let children: Vec<&str> =
        c.departments.iter().filter(|d| d.parent_id == Some(dept.id)).map(|d| d.name.as_str()).collect();
    let blocker = (!children.is_empty()).then(|| format!("请先删除或移走下级部门：{}", children.join("、")));
    let posts: Vec<&Post> = c.posts.iter().filter(|p| p.dept_id == dept.id).collect();
    k.count(posts.len(), "个岗位");
    let post_ids: HashSet<Id> = posts.iter().map(|p| p.id).collect();
    // The department's risk points and its posts' in one count (and one pass over the measures
    // and reviews); each post then finds its own already taken.
    k.risk_points(
        c,
        history,
        c.risk_points.iter().filter(|r| r.dept_id == Some(dept.id) || r.post_id.is_some_and(|p| post_ids.contains(&p))),
    );
    for post in posts {
        k.post(c, history, post);
    }
    let powers: Vec<Id> = c.powers.iter().filter(|p| p.dept_id == dept.id).map(|p| p.id).collect();
    let steps: Vec<Id> = c.power_steps.iter().filter(|s| powers.contains(&s.power_id)).map(|s| s.id).collect();
    k.count(powers.len(), "项职权");
    for rp in c.risk_points.iter().filter(|r| !k.risk_points.contains(&r.id)) {
        let linked = r_power_linked(rp, &powers, &steps);
        if linked {
            k.clears.extend(cleared(rp, |r| (r.power_id, r.power_step_id) = (None, None)));
        }
    }
    k.deletes.extend(steps.into_iter().map(Change::delete::<PowerStep>));
    k.deletes.extend(powers.into_iter().map(Change::delete::<Power>));
    let sup: Vec<Id> = c.supervisions.iter().filter(|s| s.dept_id == dept.id).map(|s| s.id).collect();
    k.deletes.extend(sup.into_iter().map(Change::delete::<Supervision>));
    let links: Vec<Id> = c.pilot_batch_depts.iter().filter(|l| l.dept_id == dept.id).map(|l| l.id).collect();
    k.deletes.extend(links.into_iter().map(Change::delete::<PilotBatchDept>));
    let results: Vec<Id> = c.inspection_results.iter().filter(|r| r.dept_id == dept.id).map(|r| r.id).collect();
    k.count(results.len(), "条检查考核结果");
    k.deletes.extend(results.into_iter().map(Change::delete::<InspectionResult>));
    let here = Some(dept.id);
    let people = c.people.iter().filter(|p| p.dept_id == here);
    k.clears.extend(people.filter_map(|p| cleared(p, |p| p.dept_id = None)));
    k.clears.extend(c.phases.iter().filter_map(|p| {
        cleared(p, |p| {
            if p.dept_id == here {
                p.dept_id = None
            }
        })
    }));
    k.clears.extend(c.tasks.iter().filter_map(|t| {
        cleared(t, |t| {
            if t.dept_id == here {
                t.dept_id = None
            }
        })
    }));
    k.clears.extend(c.responsibility_letters.iter().filter_map(|l| {
        cleared(l, |l| {
            if l.dept_id == here {
                l.dept_id = None
            }
        })
    }));
    k.clears.extend(cleared(&c.leading_group, |g| {
        if g.office_dept_id == here {
            g.office_dept_id = None
        }
    }));
    k.finish(format!("删除部门“{}”", dept.name), Change::delete::<Department>(dept.id), blocker)
}

fn r_power_linked(rp: &RiskPoint, powers: &[Id], steps: &[Id]) -> bool {
    rp.power_id.is_some_and(|p| powers.contains(&p)) || rp.power_step_id.is_some_and(|s| steps.contains(&s))
}

pub fn remove_person(c: &Content, history: &dyn ReviewIds, person: &Person) -> Removal {
    let mut k = Collector::default();
    let me = Some(person.id);
    let seats: Vec<Id> = c.group_members.iter().filter(|m| m.person_id == person.id).map(|m| m.id).collect();
    k.count(seats.len(), "个领导小组职务");
    k.deletes.extend(seats.into_iter().map(Change::delete::<GroupMember>));
    let sup: Vec<Id> = c.supervisions.iter().filter(|s| s.leader_person_id == person.id).map(|s| s.id).collect();
    k.count(sup.len(), "项分管关系");
    k.deletes.extend(sup.into_iter().map(Change::delete::<Supervision>));
    let holders: Vec<Id> = c.post_holders.iter().filter(|h| h.person_id == person.id).map(|h| h.id).collect();
    k.count(holders.len(), "个在岗记录");
    k.deletes.extend(holders.into_iter().map(Change::delete::<PostHolder>));
    k.risk_points(c, history, c.risk_points.iter().filter(|r| r.person_id == me));
    k.warnings(c, c.warnings.iter().filter(|w| w.person_id == me));
    let commitments: Vec<Id> = c.commitments.iter().filter(|x| x.person_id == person.id).map(|x| x.id).collect();
    k.count(commitments.len(), "份承诺书");
    k.deletes.extend(commitments.into_iter().map(Change::delete::<Commitment>));
    let letters: Vec<Id> =
        c.responsibility_letters.iter().filter(|l| l.signer_person_id == person.id).map(|l| l.id).collect();
    k.count(letters.len(), "份责任书");
    k.deletes.extend(letters.iter().copied().map(Change::delete::<ResponsibilityLetter>));
    k.clears.extend(c.measures.iter().filter(|m| !k.risk_points.contains(&m.risk_point_id)).filter_map(|m| {
        cleared(m, |m| {
            if m.owner_person_id == me {
                m.owner_person_id = None
            }
        })
    }));
    k.clears.extend(c.departments.iter().filter_map(|d| {
        cleared(d, |d| {
            if d.head_person_id == me {
                d.head_person_id = None
            }
        })
    }));
    k.clears.extend(c.responsibility_letters.iter().filter(|l| !letters.contains(&l.id)).filter_map(|l| {
        cleared(l, |l| {
            if l.counterpart_person_id == me {
                l.counterpart_person_id = None
            }
        })
    }));
    k.finish(format!("删除人员“{}”", person.name), Change::delete::<Person>(person.id), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_department_with_sub_departments_is_not_removed_blindly() {
        let mut c = Content::new_unit("单位", "", Scheme::preset("tjbh2012").unwrap().unwrap());
        let parent = Department {
            id: new_id(),
            parent_id: None,
            seq: 0,
            name: "继续教育学院".into(),
            kind: "系部".into(),
            head_person_id: None,
            stamp: Stamp::now(),
        };
        let child = Department { id: new_id(), parent_id: Some(parent.id), name: "培训科".into(), ..parent.clone() };
        c.departments = vec![parent.clone(), child];
        assert!(remove_department(&c, &c, &parent).blocker.unwrap().contains("培训科"));
    }

    /// The department's risk points and those of its posts are counted in one line, and every
    /// one goes with its measures and reviews.
    #[test]
    fn a_department_goes_with_all_its_risk_points_counted_once() {
        #![allow(clippy::unwrap_used, reason = "tests")]
        let c = crate::demo::build_seeded("jxau2010", 3).unwrap();
        let dept = c.departments.iter().max_by_key(|d| c.posts.iter().filter(|p| p.dept_id == d.id).count()).unwrap();
        let posts: HashSet<Id> = c.posts.iter().filter(|p| p.dept_id == dept.id).map(|p| p.id).collect();
        let mine: HashSet<Id> = c
            .risk_points
            .iter()
            .filter(|r| r.dept_id == Some(dept.id) || r.post_id.is_some_and(|p| posts.contains(&p)))
            .map(|r| r.id)
            .collect();
        let posts_with_risks = posts.iter().filter(|p| c.risk_points.iter().any(|r| r.post_id == Some(**p))).count();
        assert!(posts_with_risks > 1 && mine.len() > 10, "{posts_with_risks} posts with risks, {} in all", mine.len());
        let removal = remove_department(&c, &c, dept);
        let lines: Vec<&String> = removal.summary.iter().filter(|l| l.contains("个风险点")).collect();
        assert_eq!(lines.len(), 1, "{:?}", removal.summary);
        assert!(lines[0].starts_with(&format!("{} 个风险点", mine.len())), "{}", lines[0]);
        let deleted: HashSet<(&str, Id)> = removal
            .edit
            .changes
            .iter()
            .filter_map(|ch| match ch {
                Change::Delete { table, id } => Some((*table, *id)),
                _ => None,
            })
            .collect();
        let gone = |table: &str, id: Id| deleted.contains(&(table, id));
        assert!(mine.iter().all(|id| gone("risk_point", *id)));
        assert!(c.measures.iter().filter(|m| mine.contains(&m.risk_point_id)).all(|m| gone("measure", m.id)));
        assert!(
            c.review_records.iter().filter(|r| mine.contains(&r.risk_point_id)).all(|r| gone("review_record", r.id))
        );
        assert!(posts.iter().all(|id| gone("post", *id)));
    }
}
