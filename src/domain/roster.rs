//! The leadership group as the seeds write it: one line per seat, members in the group's order
//! (manual, 拼音, or 姓氏笔画 within each role).

use super::model::{GroupMember, GroupRole};
use super::names::sort_by_name;
use super::{Content, Id};

/// One seat, ready to show or print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterLine {
    pub member_id: Id,
    pub person_id: Id,
    pub role: GroupRole,
    /// 副组长（常务）, 办公室主任
    pub role_text: String,
    /// 刘志雄 or 王小梅（兼）
    pub name_text: String,
    /// 党委副书记、院长
    pub titles: String,
}

impl RosterLine {
    /// `副组长：马连华　党委副书记、院长`
    pub fn text(&self) -> String {
        if self.titles.is_empty() {
            format!("{}：{}", self.role_text, self.name_text)
        } else {
            format!("{}：{}　{}", self.role_text, self.name_text, self.titles)
        }
    }
}

/// The members of `role` in display order.
pub fn members_of(content: &Content, role: GroupRole) -> Vec<&GroupMember> {
    let name = |m: &&GroupMember| -> &str {
        content.people.iter().find(|p| p.id == m.person_id).map_or("", |p| p.name.as_str())
    };
    let mut members: Vec<&GroupMember> = content.group_members.iter().filter(|m| m.role == role).collect();
    members.sort_by_key(|m| m.seq);
    // The order rule applies to plain members; leaders are listed in the order the unit gives.
    if role == GroupRole::Member {
        sort_by_name(&mut members, content.leading_group.member_order, name);
    }
    members
}

/// Where the group's office sits: as written (纪委、监察处), else the department it is in;
/// empty when neither is given.
pub fn office_text(content: &Content, index: &super::content::ContentIndex) -> String {
    let g = &content.leading_group;
    if g.office_location.is_empty() {
        index.dept_name(content, g.office_dept_id).to_owned()
    } else {
        g.office_location.clone()
    }
}

/// Every seat of the group and its office, role by role.
pub fn roster_lines(content: &Content) -> Vec<RosterLine> {
    let mut out = Vec::new();
    for role in GroupRole::ALL {
        for m in members_of(content, role) {
            let Some(p) = content.people.iter().find(|p| p.id == m.person_id) else { continue };
            let mut role_text = role.label().to_owned();
            if m.executive {
                role_text.push_str("（常务）");
            }
            let mut name_text = p.name.clone();
            if m.concurrent {
                name_text.push_str("（兼）");
            }
            out.push(RosterLine {
                member_id: m.id,
                person_id: p.id,
                role,
                role_text,
                name_text,
                titles: p.titles_text(),
            });
        }
    }
    out
}
