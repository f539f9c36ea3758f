//! Domain operations: what an edit of each entity family does, as plain functions from the
//! content and a user's draft to an `Edit` — or a `Rule` saying why not. Views keep drafts and
//! widgets and call these; the rules (names unique where they must be, where a new row goes,
//! what a deletion takes with it) live here once and are tested without a file or a window.

pub mod grading;
pub mod inventory;
pub mod organisation;
pub mod plan;
pub mod removal;
pub mod warnings;

use super::change::{Change, Edit, Row, Stamped};
use super::model::Sequenced;

/// Why an edit is refused, in the words the user reads next to the field.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Rule {
    /// A required field left empty.
    #[error("{0}不能为空")]
    Empty(&'static str),
    /// A name already used where names must differ: 本部门已有岗位“出纳”.
    #[error("{place}已有{what}“{name}”")]
    Taken { place: String, what: &'static str, name: String },
    /// Anything else the rules forbid, said in full.
    #[error("{0}")]
    Forbidden(String),
}

/// `text` trimmed; empty is refused, naming `what`.
pub fn required(text: &str, what: &'static str) -> Result<String, Rule> {
    let t = text.trim();
    if t.is_empty() { Err(Rule::Empty(what)) } else { Ok(t.to_owned()) }
}

/// Saves `new` in place of `old` when they differ, stamped as changed now.
pub fn updated<T>(label: impl Into<String>, old: &T, mut new: T) -> Option<Edit>
where
    T: PartialEq + Stamped + Into<Row>,
{
    (new != *old).then(|| {
        new.stamp_mut().touch();
        Edit::save(label, new)
    })
}

/// Moves `items[from]` to position `to` and renumbers the list 0, 1, 2 … so the order is
/// exact even where earlier rows shared a number; only rows whose number changes are saved.
pub fn reorder<T>(items: &[&T], from: usize, to: usize, label: String) -> Option<Edit>
where
    T: Sequenced + Clone + Into<Row>,
{
    if from >= items.len() || to >= items.len() || from == to {
        return None;
    }
    let mut order: Vec<&T> = items.to_vec();
    let moved = order.remove(from);
    order.insert(to, moved);
    let changes = order
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let want = i64::try_from(i).unwrap_or(i64::MAX);
            (item.seq() != want).then(|| {
                let mut row = (*item).clone();
                row.set_seq(want);
                row.stamp_mut().touch();
                Change::save(row)
            })
        })
        .collect();
    Some(Edit::new(label, changes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Department, Stamp, new_id};

    fn dept(name: &str, seq: i64) -> Department {
        Department {
            id: new_id(),
            parent_id: None,
            seq,
            name: name.into(),
            kind: String::new(),
            head_person_id: None,
            stamp: Stamp::default(),
        }
    }

    /// The order after applying the reorder's saves to `items`.
    fn after(items: &[Department], from: usize, to: usize) -> Vec<String> {
        let refs: Vec<&Department> = items.iter().collect();
        let Some(edit) = reorder(&refs, from, to, String::new()) else { panic!("no reorder") };
        let mut rows = items.to_vec();
        for c in edit.changes {
            if let Change::Save(Row::Department(d)) = c
                && let Some(r) = rows.iter_mut().find(|r| r.id == d.id)
            {
                *r = d;
            }
        }
        rows.sort_by_key(|d| d.seq);
        rows.into_iter().map(|d| d.name).collect()
    }

    #[test]
    fn reorder_moves_up_and_down_even_with_equal_numbers() {
        let distinct = [dept("甲", 0), dept("乙", 1), dept("丙", 2)];
        assert_eq!(after(&distinct, 0, 1), ["乙", "甲", "丙"]);
        assert_eq!(after(&distinct, 2, 1), ["甲", "丙", "乙"]);
        let equal = [dept("甲", 5), dept("乙", 5), dept("丙", 5)];
        assert_eq!(after(&equal, 0, 1), ["乙", "甲", "丙"], "down");
        assert_eq!(after(&equal, 2, 1), ["甲", "丙", "乙"], "up");
        let refs: Vec<&Department> = distinct.iter().collect();
        assert!(reorder(&refs, 0, 0, String::new()).is_none());
        assert!(reorder(&refs, 0, 9, String::new()).is_none());
    }

    #[test]
    fn an_unchanged_row_is_not_saved_and_a_changed_one_is_stamped() {
        let old = dept("甲", 0);
        assert!(updated("x", &old, old.clone()).is_none());
        let edit = updated("改名", &old, Department { name: "乙".into(), ..old.clone() }).unwrap();
        let Change::Save(Row::Department(d)) = &edit.changes[0] else { panic!() };
        assert_ne!(d.stamp.updated_at, old.stamp.updated_at);
        assert_eq!(required("  ", "部门名称").unwrap_err().to_string(), "部门名称不能为空");
    }
}
