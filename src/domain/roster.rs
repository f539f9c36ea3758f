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
    /// 常务 (a deputy leader).
    pub executive: bool,
}

impl RosterLine {
    /// The name as the printed 名单 has it: 刘志雄（常务）, 王小梅（兼）.
    pub fn printed_name(&self) -> String {
        if self.executive { format!("{}（常务）", self.name_text) } else { self.name_text.clone() }
    }

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
                executive: m.executive,
            });
        }
    }
    out
}

/// The 领导小组名单 as the plan prints it, line by line in the scheme's words (`RosterWording`):
/// each role with its label once; where the members have titles, one member per line, the
/// later ones set under the first name; otherwise the names on one line. 常务 and 兼 go with
/// the name (刘志雄（常务）). The members' order rule is said after the label (以姓氏笔画为序),
/// the names then on the next line; the 成员 text written out (学校各处室主任、副主任) stands
/// on the label's line; the office's lines follow, and a line whose blank has nothing to fill
/// is left out.
pub fn printed_roster(content: &Content, index: &super::content::ContentIndex) -> Vec<String> {
    let wording = &content.unit.scheme.roster;
    let g = &content.leading_group;
    let lines = roster_lines(content);
    let seats_of = |role| -> Vec<(String, String)> {
        lines.iter().filter(|l| l.role == role).map(|l| (l.printed_name(), l.titles.clone())).collect()
    };
    let mut out = Vec::new();
    for role in [GroupRole::Leader, GroupRole::DeputyLeader, GroupRole::Member] {
        let seats = seats_of(role);
        let label = match role {
            GroupRole::Leader => "组\u{3000}长",
            GroupRole::DeputyLeader => "副组长",
            _ if wording.member_label == "成员" => "成\u{3000}员",
            _ => wording.member_label.as_str(),
        };
        let mut head = String::new();
        if role == GroupRole::Member {
            let order = match g.member_order {
                super::model::MemberOrder::Manual => "",
                super::model::MemberOrder::Pinyin => "（以姓名拼音为序）",
                super::model::MemberOrder::Strokes => "（以姓氏笔画为序）",
            };
            head = if g.members_note.is_empty() { order.to_owned() } else { g.members_note.clone() };
            if seats.is_empty() && g.members_note.is_empty() {
                continue;
            }
            if seats.is_empty() {
                out.push(format!("{label}：{head}"));
                continue;
            }
        } else if seats.is_empty() {
            continue;
        }
        out.extend(role_lines(label, &head, &seats, &wording.name_separator));
    }
    let names =
        |role| seats_of(role).into_iter().map(|(name, _)| name).collect::<Vec<_>>().join(&wording.name_separator);
    let blanks = [
        ("{办公室}", office_text(content, index)),
        ("{办公室主任}", names(GroupRole::OfficeDirector)),
        ("{办公室成员}", names(GroupRole::OfficeMember)),
    ];
    for line in &wording.office_lines {
        let used: Vec<&(&str, String)> = blanks.iter().filter(|(blank, _)| line.contains(blank)).collect();
        if used.iter().any(|(_, value)| value.is_empty()) {
            continue;
        }
        out.push(used.iter().fold(line.clone(), |text, (blank, value)| text.replace(blank, value)));
    }
    out
}

/// One role: `label：head` and the names on the next line, or the names after the label; with
/// titles, one name per line, set under the first.
fn role_lines(label: &str, head: &str, seats: &[(String, String)], separator: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lead = format!("{label}：");
    if !head.is_empty() {
        out.push(format!("{lead}{head}"));
        lead = "\u{3000}".repeat(lead.chars().count());
    }
    if seats.iter().all(|(_, titles)| titles.is_empty()) {
        let names: Vec<&str> = seats.iter().map(|(name, _)| name.as_str()).collect();
        out.push(format!("{lead}{}", names.join(separator)));
        return out;
    }
    for (name, titles) in seats {
        out.push(if titles.is_empty() { format!("{lead}{name}") } else { format!("{lead}{name}\u{3000}{titles}") });
        lead = "\u{3000}".repeat(lead.chars().count());
    }
    out
}
