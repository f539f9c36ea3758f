//! Departments, posts, the people in them, the leading group's seats and 分管.

use super::{Rule, required, updated};
use crate::domain::change::{Change, Edit};
use crate::domain::*;

/// The one person called `name` among `matches` (their ids), none yet, or a refusal when the
/// name is shared and the user must say which one is meant. Used wherever a typed name
/// stands for a person (领导小组, pasted rows).
pub fn the_person(matches: &[Id], name: &str) -> Result<Option<Id>, Rule> {
    match matches {
        [] => Ok(None),
        [id] => Ok(Some(*id)),
        _ => Err(Rule::Forbidden(format!("有多个叫“{name}”的人员，请先在“人员”中区分"))),
    }
}

/// A new person with nothing but a name (and a department, if known).
pub fn new_person(name: &str, titles: Vec<String>, dept_id: Option<Id>) -> Person {
    Person { id: new_id(), name: name.to_owned(), titles, dept_id, note: String::new(), stamp: Stamp::now() }
}

/// A new top-level department called `name` (trimmed), placed last. Returns its id too.
pub fn add_department(c: &Content, name: &str) -> Result<(Edit, Id), Rule> {
    let name = required(name, "部门名称")?;
    if c.departments.iter().any(|d| d.name == name && d.parent_id.is_none()) {
        return Err(Rule::Taken { place: String::new(), what: "部门", name });
    }
    let dept = Department {
        id: new_id(),
        parent_id: None,
        seq: next_seq(&c.departments),
        name: name.clone(),
        kind: "部门".into(),
        head_person_id: None,
        stamp: Stamp::now(),
    };
    let id = dept.id;
    Ok((Edit::save(format!("添加部门“{name}”"), dept), id))
}

/// `old` edited into `new` (name and type as typed): names are unique under one parent.
pub fn edit_department(c: &Content, old: &Department, mut new: Department) -> Result<Option<Edit>, Rule> {
    new.name = required(&new.name, "部门名称")?;
    new.kind = new.kind.trim().to_owned();
    if c.departments.iter().any(|x| x.id != old.id && x.name == new.name && x.parent_id == new.parent_id) {
        return Err(Rule::Taken { place: "同一上级下".into(), what: "部门", name: new.name });
    }
    Ok(updated(format!("修改部门“{}”", new.name), old, new))
}

/// A new post called `name` in `dept`, placed last among its posts. Returns its id too.
pub fn add_post(c: &Content, dept: &Department, name: &str) -> Result<(Edit, Id), Rule> {
    let name = required(name, "岗位名称")?;
    let siblings = c.posts.iter().filter(|p| p.dept_id == dept.id);
    if siblings.clone().any(|p| p.name == name) {
        return Err(Rule::Taken { place: format!("“{}”", dept.name), what: "岗位", name });
    }
    let post = Post::new(dept.id, next_seq(siblings), name.clone(), PostTier::General);
    let id = post.id;
    Ok((Edit::save(format!("添加岗位“{name}”"), post), id))
}

/// `old` edited into `new` (name as typed): post names are unique within a department.
pub fn edit_post(c: &Content, old: &Post, mut new: Post) -> Result<Option<Edit>, Rule> {
    new.name = required(&new.name, "岗位名称")?;
    if c.posts.iter().any(|p| p.dept_id == new.dept_id && p.id != old.id && p.name == new.name) {
        return Err(Rule::Taken { place: "本部门".into(), what: "岗位", name: new.name });
    }
    Ok(updated(format!("修改岗位“{}”", new.name), old, new))
}

/// `person` (named `name`) takes up `post`.
pub fn add_holder(post: &Post, person_id: Id, name: &str) -> Edit {
    let holder = PostHolder { id: new_id(), post_id: post.id, person_id, stamp: Stamp::now() };
    Edit::save(format!("{name}到岗“{}”", post.name), holder)
}

/// A new person called `name` (in the post's department) takes up `post`.
pub fn add_new_holder(post: &Post, name: &str) -> Result<Edit, Rule> {
    let name = required(name, "姓名")?;
    let person = new_person(&name, Vec::new(), Some(post.dept_id));
    let mut edit = add_holder(post, person.id, &name);
    edit.changes.insert(0, Change::save(person));
    Ok(edit)
}

/// `name` no longer holds `post`.
pub fn remove_holder(post: &Post, holder: &PostHolder, name: &str) -> Edit {
    Edit::delete::<PostHolder>(format!("{name}不再在岗“{}”", post.name), holder.id)
}

/// A new person called `name`. A namesake is allowed (two people may share a name) and is
/// said in the returned note, so the user can tell them apart by title or department.
pub fn add_person(c: &Content, name: &str) -> Result<(Edit, Id, Option<String>), Rule> {
    let name = required(name, "姓名")?;
    let note = c
        .people
        .iter()
        .any(|p| p.name == name)
        .then(|| format!("已有同名人员“{name}”，已另建一人；请用职务或部门区分"));
    let person = new_person(&name, Vec::new(), None);
    let id = person.id;
    Ok((Edit::save(format!("添加人员{name}"), person), id, note))
}

/// `old` edited into `new` (name and note as typed).
pub fn edit_person(old: &Person, mut new: Person) -> Result<Option<Edit>, Rule> {
    new.name = required(&new.name, "姓名")?;
    new.note = new.note.trim().to_owned();
    Ok(updated(format!("修改人员{}", new.name), old, new))
}

/// The leading group's settings as typed: its name is required.
pub fn edit_group(old: &LeadingGroup, mut new: LeadingGroup) -> Result<Option<Edit>, Rule> {
    new.name = required(&new.name, "领导小组名称")?;
    new.office_location = new.office_location.trim().to_owned();
    new.members_note = new.members_note.trim().to_owned();
    Ok(updated("修改领导小组设置", old, new))
}

/// A seat's flag (常务, 兼) changed; `what` says it (刘志雄常务).
pub fn set_seat(old: &GroupMember, new: GroupMember, what: &str) -> Option<Edit> {
    updated(format!("设置{what}"), old, new)
}

/// `name` leaves the group's `role` (the person stays).
pub fn remove_seat(seat: &GroupMember, name: &str) -> Edit {
    Edit::delete::<GroupMember>(format!("将{name}移出{}", seat.role.label()), seat.id)
}

/// `name` (with `titles` if new) takes a seat of `role`, placed last in it: the one person of
/// that name, or a new one.
pub fn add_seat(c: &Content, role: GroupRole, name: &str, titles: Vec<String>) -> Result<Edit, Rule> {
    let name = required(name, "姓名")?;
    let same: Vec<Id> = c.people.iter().filter(|p| p.name == name).map(|p| p.id).collect();
    let mut changes = Vec::new();
    let person_id = match the_person(&same, &name)? {
        Some(id) => id,
        None => {
            let p = new_person(&name, titles, None);
            let id = p.id;
            changes.push(Change::save(p));
            id
        }
    };
    if c.group_members.iter().any(|m| m.person_id == person_id && m.role == role) {
        return Err(Rule::Forbidden(format!("{name}已是{}", role.label())));
    }
    let seq = next_seq(c.group_members.iter().filter(|m| m.role == role));
    let seat =
        GroupMember { id: new_id(), person_id, role, executive: false, concurrent: false, seq, stamp: Stamp::now() };
    changes.push(Change::save(seat));
    Ok(Edit::new(format!("添加{}{name}", role.label()), changes))
}

/// Ticks or unticks `leader` (named `name`) supervising `dept`.
pub fn toggle_supervision(c: &Content, leader: Id, name: &str, dept: &Department) -> Edit {
    match c.supervisions.iter().find(|s| s.leader_person_id == leader && s.dept_id == dept.id) {
        Some(s) => Edit::delete::<Supervision>(format!("{name}不再分管{}", dept.name), s.id),
        None => {
            let link = Supervision { id: new_id(), leader_person_id: leader, dept_id: dept.id, stamp: Stamp::now() };
            Edit::save(format!("{name}分管{}", dept.name), link)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::Row;

    fn unit() -> Content {
        Content::new_unit("单位", "", Scheme::preset("tjbh2012").unwrap().unwrap())
    }

    fn saved(edit: &Edit) -> Vec<&Row> {
        edit.changes.iter().filter_map(|c| if let Change::Save(r) = c { Some(r) } else { None }).collect()
    }

    fn with_dept(c: &mut Content, name: &str) -> Department {
        let (edit, _) = add_department(c, name).unwrap();
        let Some(Row::Department(d)) = saved(&edit).first().copied().cloned() else { panic!() };
        c.departments.push(d.clone());
        d
    }

    #[test]
    fn departments_go_last_and_names_are_unique_under_one_parent() {
        let mut c = unit();
        let a = with_dept(&mut c, " 财务处 ");
        assert_eq!((a.name.as_str(), a.seq), ("财务处", 0));
        assert_eq!(with_dept(&mut c, "审计处").seq, 1);
        assert_eq!(add_department(&c, "财务处").unwrap_err().to_string(), "已有部门“财务处”");
        assert_eq!(add_department(&c, "　").unwrap_err(), Rule::Empty("部门名称"));
        let renamed = Department { name: "审计处".into(), ..a.clone() };
        assert_eq!(edit_department(&c, &a, renamed).unwrap_err().to_string(), "同一上级下已有部门“审计处”");
        let moved_down = Department { name: "审计处".into(), parent_id: Some(new_id()), ..a.clone() };
        assert!(edit_department(&c, &a, moved_down).unwrap().is_some(), "the same name under another parent");
        assert!(edit_department(&c, &a, a.clone()).unwrap().is_none(), "nothing changed, nothing saved");
    }

    #[test]
    fn posts_are_unique_within_their_department_and_a_new_holder_is_a_new_person() {
        let mut c = unit();
        let d = with_dept(&mut c, "财务处");
        let (edit, id) = add_post(&c, &d, "出纳").unwrap();
        let Some(Row::Post(p)) = saved(&edit).first().copied().cloned() else { panic!() };
        assert_eq!(p.id, id);
        c.posts.push(p.clone());
        assert_eq!(add_post(&c, &d, "出纳").unwrap_err().to_string(), "“财务处”已有岗位“出纳”");
        let edit = add_new_holder(&p, "王芳").unwrap();
        assert!(matches!(saved(&edit)[..], [Row::Person(person), Row::PostHolder(h)]
            if person.dept_id == Some(d.id) && h.person_id == person.id));
        assert_eq!(edit.label, "王芳到岗“出纳”");
    }

    #[test]
    fn a_seat_takes_the_one_person_of_that_name_and_refuses_when_the_name_is_shared() {
        let mut c = unit();
        let edit = add_seat(&c, GroupRole::Leader, "张三", vec!["党委书记".into()]).unwrap();
        assert_eq!(saved(&edit).len(), 2, "a new person and the seat");
        let zhang = new_person("张三", Vec::new(), None);
        c.people.push(zhang.clone());
        let edit = add_seat(&c, GroupRole::Leader, "张三", Vec::new()).unwrap();
        assert!(matches!(saved(&edit)[..], [Row::GroupMember(m)] if m.person_id == zhang.id));
        c.people.push(new_person("张三", Vec::new(), None));
        assert!(
            add_seat(&c, GroupRole::Member, "张三", Vec::new()).unwrap_err().to_string().contains("有多个叫“张三”")
        );
        let (_, _, note) = add_person(&c, "张三").unwrap();
        assert!(note.unwrap().contains("已另建一人"), "a namesake is allowed when adding a person");
    }
}
