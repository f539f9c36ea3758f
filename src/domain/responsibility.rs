//! Graded responsibility (分级管理, seeds 001 and 003): who manages a risk of a given level and
//! who answers for it.

use std::collections::HashMap;

use super::content::ContentIndex;
use super::model::{GroupRole, LetterKind, RiskPoint, RiskScope};
use super::scheme::ResponsibilityRoles;
use super::{Content, Id};

/// Roles in a department's chain of responsibility.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// 主要领导 / 主席
    Principal,
    /// 分管领导 / 分管副主席
    Supervising,
    /// 部门（科室）负责人
    DeptHead,
}

impl Role {
    pub fn name(self, roles: &ResponsibilityRoles) -> &str {
        match self {
            Self::Principal => &roles.principal,
            Self::Supervising => &roles.supervising,
            Self::DeptHead => &roles.dept_head,
        }
    }
}

/// Who manages and who answers for a risk of `grade` (1 = highest), by the scheme's rule:
/// 一级 — head and supervising leader manage (003: the supervising leader alone), principal
/// answers; 二级 — head manages, supervising leader answers; 三级 and ungraded — head manages
/// and answers.
pub fn duty(roles: &ResponsibilityRoles, grade: Option<u8>) -> (&'static [Role], Role) {
    match grade {
        Some(1) if roles.first_level_by_supervising_alone => (&[Role::Supervising], Role::Principal),
        Some(1) => (&[Role::DeptHead, Role::Supervising], Role::Principal),
        Some(2) => (&[Role::DeptHead], Role::Supervising),
        _ => (&[Role::DeptHead], Role::DeptHead),
    }
}

/// The rule in the scheme's words, level by level: 一级：科室负责人和分管领导直接管理，主要领导负责；…
pub fn rule_text(scheme: &super::Scheme) -> String {
    let roles = &scheme.responsibility;
    let parts: Vec<String> = (1..=3_u8)
        .map(|g| {
            let (managers, answers) = duty(roles, Some(g));
            let managing: Vec<&str> = managers.iter().map(|r| r.name(roles)).collect();
            let level = scheme.level_name(Some(g));
            if managers == [answers] {
                format!("{level}：{}直接管理和负责", answers.name(roles))
            } else {
                format!("{level}：{}直接管理，{}负责", managing.join("和"), answers.name(roles))
            }
        })
        .collect();
    format!("{}。", parts.join("；"))
}

/// The principal leaders: the first 组长, or as many as the scheme names (001: two).
pub fn principals(content: &Content) -> Vec<Id> {
    let mut leaders: Vec<_> = content.group_members.iter().filter(|m| m.role == GroupRole::Leader).collect();
    leaders.sort_by_key(|m| m.seq);
    let n = content.unit.scheme.responsibility.principals.max(1);
    leaders.into_iter().take(n).map(|m| m.person_id).collect()
}

/// The first principal leader (the usual other party of a letter).
pub fn principal(content: &Content) -> Option<Id> {
    principals(content).first().copied()
}

/// Whether `id` is one of the principal leaders.
pub fn is_principal(content: &Content, id: Id) -> bool {
    principals(content).contains(&id)
}

/// Everyone who fills `role` for `dept`: every principal leader, else the one holder.
pub fn holders(content: &Content, index: &ContentIndex, role: Role, dept: Option<Id>) -> Vec<Id> {
    match role {
        Role::Principal => principals(content),
        _ => holder(content, index, role, dept).into_iter().collect(),
    }
}

/// The department a risk point belongs to (its own, its post's, or its person's).
pub fn risk_dept(content: &Content, index: &ContentIndex, rp: &RiskPoint) -> Option<Id> {
    match rp.scope {
        RiskScope::Unit => None,
        RiskScope::Department => rp.dept_id,
        RiskScope::Post => rp.dept_id.or_else(|| index.post(content, rp.post_id).map(|p| p.dept_id)),
        RiskScope::Person => rp.dept_id.or_else(|| index.person(content, rp.person_id).and_then(|p| p.dept_id)),
    }
}

/// Who fills `role` for department `dept` (unit-level risks belong to the principal).
pub fn holder(content: &Content, index: &ContentIndex, role: Role, dept: Option<Id>) -> Option<Id> {
    match role {
        Role::Principal => principal(content),
        Role::Supervising => dept
            .and_then(|d| index.supervisors_of.get(&d))
            .and_then(|v| v.first())
            .and_then(|&i| content.people.get(i))
            .map(|p| p.id),
        Role::DeptHead => match dept {
            Some(d) => index.department(content, Some(d)).and_then(|d| d.head_person_id),
            None => principal(content),
        },
    }
}

/// One risk point's managers, as (role, person), and who answers for it (every principal
/// leader where principals answer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duty {
    pub managers: Vec<(Role, Option<Id>)>,
    pub answers: (Role, Vec<Id>),
}

pub fn duty_of(content: &Content, index: &ContentIndex, rp: &RiskPoint) -> Duty {
    let dept = risk_dept(content, index, rp);
    let (managers, answers) = duty(&content.unit.scheme.responsibility, rp.grade);
    Duty {
        managers: managers.iter().map(|r| (*r, holder(content, index, *r, dept))).collect(),
        answers: (answers, holders(content, index, answers, dept)),
    }
}

/// A leader's load: risks per level in the departments they supervise, how many risks of the
/// highest level they answer for, and whether they have a signed graded-risk letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaderLoad {
    pub person_id: Id,
    /// (department, counts of 一级/二级/三级)
    pub departments: Vec<(Id, [usize; 3])>,
    /// Risk points this leader answers for, by level.
    pub answers: [usize; 3],
    pub has_letter: bool,
}

impl LeaderLoad {
    /// Answers for 一级 risks without a recorded 廉政风险分级管理责任书.
    pub fn letter_missing(&self) -> bool {
        self.answers[0] > 0 && !self.has_letter
    }
}

/// Every leader of the group (组长, 副组长, 成员), with their load.
pub fn leader_loads(content: &Content, index: &ContentIndex) -> Vec<LeaderLoad> {
    let mut loads: Vec<LeaderLoad> = Vec::new();
    for m in &content.group_members {
        if m.role.is_office() || loads.iter().any(|l| l.person_id == m.person_id) {
            continue;
        }
        let has_letter = content.responsibility_letters.iter().any(|l| {
            l.kind == LetterKind::GradedRisk
                && (l.signer_person_id == m.person_id || l.counterpart_person_id == Some(m.person_id))
        });
        let departments = content
            .supervisions
            .iter()
            .filter(|s| s.leader_person_id == m.person_id)
            .map(|s| (s.dept_id, [0; 3]))
            .collect();
        loads.push(LeaderLoad { person_id: m.person_id, departments, answers: [0; 3], has_letter });
    }
    let at: HashMap<Id, usize> = loads.iter().enumerate().map(|(i, l)| (l.person_id, i)).collect();
    for rp in &content.risk_points {
        let Some(g) = rp.grade else { continue };
        let slot = usize::from(g.clamp(1, 3)) - 1;
        let dept = risk_dept(content, index, rp);
        for load in &mut loads {
            for (d, counts) in &mut load.departments {
                if Some(*d) == dept {
                    counts[slot] += 1;
                }
            }
        }
        for p in duty_of(content, index, rp).answers.1 {
            if let Some(&i) = at.get(&p) {
                loads[i].answers[slot] += 1;
            }
        }
    }
    loads
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_answers_follows_level_and_supervision() {
        let c = crate::demo::build("fzsx2013").unwrap();
        let index = ContentIndex::build(&c);
        let principal = principal(&c).unwrap();
        assert_eq!(c.people.iter().find(|p| p.id == principal).unwrap().name, "夏青", "the first 组长");
        for rp in c.risk_points.iter().filter(|r| r.scope == RiskScope::Post).take(200) {
            let d = duty_of(&c, &index, rp);
            let dept = risk_dept(&c, &index, rp).unwrap();
            let head = c.departments.iter().find(|x| x.id == dept).unwrap().head_person_id;
            match rp.grade {
                Some(1) => assert_eq!(d.answers, (Role::Principal, principals(&c))),
                Some(2) => {
                    let sup = c.supervisions.iter().find(|s| s.dept_id == dept).map(|s| s.leader_person_id);
                    assert_eq!(d.answers, (Role::Supervising, sup.into_iter().collect()));
                }
                _ => assert_eq!(d.answers, (Role::DeptHead, head.into_iter().collect())),
            }
            assert_eq!(d.managers[0], (Role::DeptHead, head));
        }
        // 001: both 组长 (夏青 党总支书记, 王国光 校长) are principal leaders; each answers for
        // every risk of the highest level.
        let both: Vec<&str> =
            principals(&c).iter().map(|id| c.people.iter().find(|p| p.id == *id).unwrap().name.as_str()).collect();
        assert_eq!(both, ["夏青", "王国光"]);
        let loads = leader_loads(&c, &index);
        let level_one = c.risk_points.iter().filter(|r| r.grade == Some(1)).count();
        for id in principals(&c) {
            let top = loads.iter().find(|l| l.person_id == id).unwrap();
            assert_eq!(top.answers[0], level_one, "each principal answers for every 一级 risk");
        }
        let tj = crate::demo::build("tjbh2012").unwrap();
        assert_eq!(principals(&tj).len(), 1, "000 has one 组长, one principal");
    }

    #[test]
    fn each_seed_rule_in_its_own_words() {
        let fz = crate::domain::Scheme::preset("fzsx2013").unwrap().unwrap();
        assert_eq!(duty(&fz.responsibility, Some(1)).0, [Role::DeptHead, Role::Supervising], "001");
        let lx = crate::domain::Scheme::preset("lxfl2012").unwrap().unwrap();
        let roles = &lx.responsibility;
        let (managers, answers) = duty(roles, Some(1));
        assert_eq!((managers, answers.name(roles)), (&[Role::Supervising][..], "主席"), "003: 分管副主席直接管理");
        assert_eq!(duty(roles, Some(2)).1.name(roles), "分管副主席");
        assert_eq!(duty(roles, Some(3)), (&[Role::DeptHead][..], Role::DeptHead));
        assert_eq!(duty(roles, None).1.name(roles), "科室负责人");
        assert_eq!(
            rule_text(&lx),
            "一级：分管副主席直接管理，主席负责；二级：科室负责人直接管理，分管副主席负责；三级：科室负责人直接管理和负责。"
        );
        assert!(rule_text(&fz).starts_with("高：科室负责人和分管副校长直接管理，主要领导负责"), "{}", rule_text(&fz));
    }
}
