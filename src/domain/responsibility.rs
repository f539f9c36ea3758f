//! Graded responsibility (分级管理, seeds 001 and 003): who manages a risk of a given level and
//! who answers for it.

use super::scheme::ResponsibilityRoles;

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

/// Who manages and who answers for a risk of `grade` (1 = highest):
/// 一级 — head and supervising leader manage, principal answers; 二级 — head manages,
/// supervising leader answers; 三级 and ungraded — head manages and answers.
pub fn duty(grade: Option<u8>) -> (&'static [Role], Role) {
    match grade {
        Some(1) => (&[Role::DeptHead, Role::Supervising], Role::Principal),
        Some(2) => (&[Role::DeptHead], Role::Supervising),
        _ => (&[Role::DeptHead], Role::DeptHead),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_001_rule_with_seed_003_names() {
        let roles = crate::domain::Scheme::preset("lxfl2012").unwrap().unwrap().responsibility;
        let (managers, answers) = duty(Some(1));
        assert_eq!(managers, [Role::DeptHead, Role::Supervising]);
        assert_eq!(answers.name(&roles), "主席");
        assert_eq!(duty(Some(2)).1.name(&roles), "分管副主席");
        assert_eq!(duty(Some(3)), (&[Role::DeptHead][..], Role::DeptHead));
        assert_eq!(duty(None).1.name(&roles), "科室负责人");
    }
}
