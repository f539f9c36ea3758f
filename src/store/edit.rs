//! Reading the whole content, writing it into a new file, and applying edits with an audit
//! line each.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::StoreError;
use super::table::{self, Table};
use crate::domain::change::{Change, Entity, Row};
use crate::domain::snapshot::Snapshot;
use crate::domain::*;

macro_rules! rows {
    (singles: $($single:ident => $sfield:ident),*;
     lists: $($variant:ident => $field:ident $([$($link:ident),*])?),* $(,)?) => {
        rows!(@define $($single,)* $($variant),*);

        /// Applies committed `changes` to `content` as a reload would then read it: a saved row
        /// replaces the row with its id (moving if its place in the order changed) or is inserted
        /// in order; a deleted row is removed. `existed` says, per change, whether the store found
        /// the row already there (see `Applied`). Audit lines are not kept in memory, nor the
        /// review history (`Keep::WithoutHistory`): changes of review records are left to the
        /// caller, which takes their undo from the file (`ui::Document`). The fields
        /// in brackets above are those the content index follows: a change of one counts as a
        /// move. Returns what was touched and the changes that undo these (as `inverse` would).
        pub fn apply_in_memory(content: &mut Content, changes: &[Change], existed: &[bool]) -> (Touched, Vec<Change>) {
            let mut touched = Touched::default();
            // Many new rows (an import) are appended and each list sorted once at the end:
            // inserting each in order would move the rows after it every time.
            let inserts = changes.iter().zip(existed).filter(|(c, e)| matches!(c, Change::Save(_)) && !**e).count();
            let bulk = inserts > BULK_INSERTS;
            // Many deletions (a department with its risk points and measures) are gathered and
            // taken out of each list in one pass: removing each at once would move the rows
            // after it every time (24 s for 37,000 deletions at 100,000 risk points).
            let deletes = changes.iter().filter(|c| matches!(c, Change::Delete { .. })).count();
            let mut pending = (deletes > BULK_INSERTS).then(PendingDeletes::default);
            let mut undo: Vec<Undo> = Vec::with_capacity(changes.len());
            for (change, &existed) in changes.iter().zip(existed) {
                if change.table() == <ReviewRecord as Entity>::NAME {
                    continue;
                }
                match change {
                    $(Change::Save(Row::$single(row)) => {
                        let mut row = row.clone();
                        // An update keeps the row's creation time (see `table::upsert`).
                        row.stamp.created_at.clone_from(&content.$sfield.stamp.created_at);
                        let old = std::mem::replace(&mut content.$sfield, row);
                        undo.push(Undo::Ready(Change::Save(Row::$single(old))));
                        touched.record(<$single as Entity>::NAME, true);
                    })*
                    $(Change::Save(Row::$variant(row)) => {
                        let table = <$variant as Entity>::NAME;
                        // A row deleted earlier in this edit goes before it is saved again.
                        if let Some(p) = pending.as_mut().filter(|p| p.holds(table, row.id)) {
                            p.take_out(content, table);
                        }
                        let (moved, old) = put(&mut content.$field, row.clone(), (existed, bulk), |r| r.id, |old, new| {
                            new.stamp.created_at.clone_from(&old.stamp.created_at);
                            true $($(&& old.$link == new.$link)*)?
                        });
                        undo.push(Undo::Ready(match old {
                            Some(old) => Change::Save(Row::$variant(old)),
                            None => Change::Delete { table, id: row.id },
                        }));
                        touched.record(table, moved);
                    })*
                    Change::Delete { table, id } => {
                        match pending.as_mut() {
                            Some(p) => {
                                p.ids.entry(table).or_default().insert(*id);
                                undo.push(Undo::Taken(table, *id));
                            }
                            None => undo.extend(remove_row(content, table, *id).map(|row| Undo::Ready(Change::Save(row)))),
                        }
                        touched.record(table, true);
                    }
                    Change::Note { .. } => {}
                }
            }
            if bulk {
                // Stable and total (the order ends with the id): the order a reload reads.
                $(content.$field.sort_by(|a, b| a.order_cmp(b));)*
            }
            let mut taken = HashMap::new();
            if let Some(mut p) = pending {
                let tables: Vec<&'static str> = p.ids.keys().copied().collect();
                for table in tables {
                    p.take_out(content, table);
                }
                taken = p.taken;
            }
            // A row deleted twice is given back once, to its first deletion (as one at a time).
            let mut undo: Vec<Change> = undo
                .into_iter()
                .filter_map(|u| match u {
                    Undo::Ready(change) => Some(change),
                    Undo::Taken(table, id) => taken.remove(&(table, id)).map(Change::Save),
                })
                .collect();
            undo.reverse();
            (touched, undo)
        }

        /// Removes the row of `table_name` with `id` from `content`; the row, if it was there.
        fn remove_row(content: &mut Content, table_name: &str, id: Id) -> Option<Row> {
            $(if table_name == <$variant as Entity>::NAME {
                let i = content.$field.iter().position(|r| r.id == id)?;
                return Some(Row::$variant(content.$field.remove(i)));
            })*
            None
        }

        /// Takes the rows of `table_name` whose ids are in `ids` out of `content` in one pass.
        fn extract_rows(content: &mut Content, table_name: &str, ids: &HashSet<Id>) -> Vec<Row> {
            $(if table_name == <$variant as Entity>::NAME {
                return content.$field.extract_if(.., |r| ids.contains(&r.id)).map(Row::$variant).collect();
            })*
            Vec::new()
        }

        /// The changes that turn `now` back into `then`: every row of `then` that `now` lacks or
        /// holds otherwise is saved as it was, then every row only `now` has is deleted — child
        /// tables before their parents (`DELETE_ORDER`), so that neither a RESTRICT nor a
        /// cascade stands in the way. The undo of an edit whose foreign-key actions changed rows
        /// it did not name (`Applied::only_as_said`); foreign keys are checked at commit.
        pub fn restoring(then: &Content, now: &Content) -> Vec<Change> {
            let mut saves = Vec::new();
            let mut deletes: Vec<(usize, Change)> = Vec::new();
            $(if then.$sfield != now.$sfield {
                saves.push(Change::Save(Row::$single(then.$sfield.clone())));
            })*
            $({
                let now_rows: std::collections::HashMap<Id, &$variant> = now.$field.iter().map(|r| (r.id, r)).collect();
                let then_ids: std::collections::HashSet<Id> = then.$field.iter().map(|r| r.id).collect();
                for row in &then.$field {
                    if now_rows.get(&row.id).is_none_or(|n| *n != row) {
                        saves.push(Change::Save(Row::$variant(row.clone())));
                    }
                }
                let table = <$variant as Entity>::NAME;
                let rank = DELETE_ORDER.iter().position(|t| *t == table).unwrap_or(DELETE_ORDER.len());
                for row in now.$field.iter().filter(|r| !then_ids.contains(&r.id)) {
                    deletes.push((rank, Change::Delete { table, id: row.id }));
                }
            })*
            deletes.sort_by_key(|(rank, _)| *rank);
            saves.extend(deletes.into_iter().map(|(_, change)| change));
            saves
        }

        /// The names of the tables that hold many rows.
        #[cfg(test)]
        pub(crate) const LIST_TABLES: &[&str] = &[$(<$variant as Entity>::NAME),*];

        /// Every row of `table_name` in `content` (tests drive random edits through it).
        #[cfg(test)]
        pub(crate) fn rows_of(content: &Content, table_name: &str) -> Vec<Row> {
            $(if table_name == <$single as Entity>::NAME {
                return vec![Row::$single(content.$sfield.clone())];
            })*
            $(if table_name == <$variant as Entity>::NAME {
                return content.$field.iter().cloned().map(Row::$variant).collect();
            })*
            Vec::new()
        }

        /// Every row of `table_name` as SQL lists it (`ORDER BY` its `Table::ORDER`).
        #[cfg(test)]
        pub(crate) fn rows_in_sql_order(conn: &Connection, table_name: &str) -> Result<Vec<Row>, StoreError> {
            $(if table_name == <$variant as Entity>::NAME {
                return Ok(table::select_all::<$variant>(conn)?.into_iter().map(Row::$variant).collect());
            })*
            Ok(Vec::new())
        }

        /// How many rows `table_name` has in `content`.
        #[cfg(test)]
        pub(crate) fn row_count(content: &Content, table_name: &str) -> usize {
            $(if table_name == <$single as Entity>::NAME {
                return 1;
            })*
            $(if table_name == <$variant as Entity>::NAME {
                return content.$field.len();
            })*
            0
        }

        /// The row at position `i` of `table_name` in `content`.
        #[cfg(test)]
        pub(crate) fn row_at(content: &Content, table_name: &str, i: usize) -> Option<Row> {
            $(if table_name == <$single as Entity>::NAME {
                return (i == 0).then(|| Row::$single(content.$sfield.clone()));
            })*
            $(if table_name == <$variant as Entity>::NAME {
                return content.$field.get(i).cloned().map(Row::$variant);
            })*
            None
        }

        #[cfg(test)]
        impl Row {
            pub(crate) fn to_json(&self) -> serde_json::Value {
                match self {
                    $(Self::$single(v) => serde_json::to_value(v),)*
                    $(Self::$variant(v) => serde_json::to_value(v),)*
                }
                .unwrap_or_default()
            }

            /// A row of `table_name` from its JSON, if it reads as one.
            pub(crate) fn from_json(table_name: &str, value: serde_json::Value) -> Option<Self> {
                $(if table_name == <$single as Entity>::NAME {
                    return serde_json::from_value(value).ok().map(Self::$single);
                })*
                $(if table_name == <$variant as Entity>::NAME {
                    return serde_json::from_value(value).ok().map(Self::$variant);
                })*
                None
            }
        }

        /// The row of `table` with `id` as it is in `content` now.
        pub fn current_row(content: &Content, table_name: &str, id: Id) -> Option<Row> {
            $(if table_name == <$single as Entity>::NAME {
                return (content.$sfield.id == id).then(|| Row::$single(content.$sfield.clone()));
            })*
            $(if table_name == <$variant as Entity>::NAME {
                return content.$field.iter().find(|r| r.id == id).cloned().map(Row::$variant);
            })*
            None
        }
    };
    (@define $($variant:ident),* $(,)?) => {
        /// Inserts or updates `row` in its table; whether it existed.
        fn upsert_row(conn: &Connection, row: &Row) -> Result<bool, StoreError> {
            match row {
                $(Row::$variant(v) => table::upsert(conn, v),)*
            }
        }

        /// Deletes by table name, which `Change::Delete` carries.
        fn delete_in(conn: &Connection, table_name: &str, id: &str) -> Result<bool, StoreError> {
            $(if table_name == <$variant as Entity>::NAME {
                return table::delete::<$variant>(conn, id);
            })*
            Err(StoreError::Internal(format!("未知数据表 {table_name}")))
        }
    };
}

rows!(
    singles: Unit => unit, LeadingGroup => leading_group;
    lists: Plan => plans, Phase => phases, Task => tasks, PilotBatch => pilot_batches,
    PilotBatchDept => pilot_batch_depts, Department => departments, Person => people, GroupMember => group_members,
    Supervision => supervisions [leader_person_id, dept_id], Post => posts [dept_id],
    PostHolder => post_holders [post_id, person_id], Power => powers, PowerStep => power_steps,
    RiskPoint => risk_points, ReviewRecord => review_records, Measure => measures [risk_point_id], Warning => warnings,
    WarningResponse => warning_responses, InspectionRound => inspection_rounds, InspectionResult => inspection_results,
    Commitment => commitments, ResponsibilityLetter => responsibility_letters, Snapshot => snapshots,
);

/// Tables children first: a row is deleted before the rows it refers to (`restoring`).
const DELETE_ORDER: [&str; 23] = [
    "snapshot",
    "responsibility_letter",
    "commitment",
    "inspection_result",
    "inspection_round",
    "warning_response",
    "warning",
    "measure",
    "review_record",
    "risk_point",
    "power_step",
    "power",
    "post_holder",
    "post",
    "supervision",
    "group_member",
    "pilot_batch_dept",
    "pilot_batch",
    "task",
    "phase",
    "plan",
    "person",
    "department",
];

#[cfg(test)]
#[test]
fn every_list_table_has_its_place_in_the_delete_order() {
    let mut listed: Vec<&str> = DELETE_ORDER.to_vec();
    let mut tables: Vec<&str> = LIST_TABLES.to_vec();
    listed.sort_unstable();
    tables.sort_unstable();
    assert_eq!(listed, tables);
}

/// A file is read in its tables' own order and sorted in memory (`read_content_where`): the order
/// must be the one `ORDER BY` gives, for every table.
#[cfg(test)]
#[test]
fn content_is_read_in_the_order_sql_lists_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("order.db");
    let content = crate::demo::build("jxau2010").expect("demo");
    let store = super::Store::create(&path, &content).expect("create");
    let read = read_content_where(&store.conn, "", Keep::Everything).expect("read");
    for table in LIST_TABLES {
        let sql = rows_in_sql_order(&store.conn, table).expect("select");
        assert!(!sql.is_empty() || *table == "snapshot" || *table == "pilot_batch_dept", "{table} is empty");
        assert_eq!(rows_of(&read, table), sql, "{table}");
    }
}

/// Which tables an edit applied in memory changed, and in which of them rows were added,
/// removed, reordered or relinked (so positions or links the index holds are stale).
#[derive(Debug, Default)]
pub struct Touched {
    changed: std::collections::BTreeSet<&'static str>,
    moved: std::collections::BTreeSet<&'static str>,
}

impl Touched {
    fn record(&mut self, table: &'static str, moved: bool) {
        self.changed.insert(table);
        if moved {
            self.moved.insert(table);
        }
    }

    /// Some row of `T` changed.
    pub fn changed<T: Table>(&self) -> bool {
        self.changed.contains(T::NAME)
    }

    /// Rows of `T` were added, removed, reordered or relinked.
    pub fn moved<T: Table>(&self) -> bool {
        self.moved.contains(T::NAME)
    }
}

/// Puts `row` where a reload would read it: in place if it keeps its place in the order,
/// otherwise removed and inserted in order. `existed`: the store updated a row with this id
/// (else it inserted one). `update` is told the old row: it carries over what an update keeps
/// and says whether the links the index follows are the same. Returns whether positions or
/// links changed, and the old row.
fn put<T: Table>(
    rows: &mut Vec<T>,
    mut row: T,
    (existed, bulk): (bool, bool),
    id: impl Fn(&T) -> Id,
    update: impl Fn(&T, &mut T) -> bool,
) -> (bool, Option<T>) {
    if bulk && !existed {
        rows.push(row);
        return (true, None);
    }
    // In bulk the list may be out of order until the end: the row is found by its id, and
    // wherever it goes, the final sort puts it in its place.
    let at = rows.partition_point(|r| r.order_cmp(&row).is_lt());
    // Most updates keep the row's place: found by its order at once, else looked for.
    let found = match rows.get(at) {
        _ if !existed => None,
        Some(r) if id(r) == id(&row) => Some(at),
        _ => rows.iter().position(|r| id(r) == id(&row)),
    };
    let Some(i) = found else {
        rows.insert(at, row);
        return (true, None);
    };
    let same_links = update(&rows[i], &mut row);
    if i == at && rows.get(i + 1).is_none_or(|next| row.order_cmp(next).is_lt()) {
        return (!same_links, Some(std::mem::replace(&mut rows[i], row)));
    }
    let old = rows.remove(i);
    let at = rows.partition_point(|r| r.order_cmp(&row).is_lt());
    rows.insert(at, row);
    (true, Some(old))
}

/// More new rows than this in one edit are appended and sorted once, more deletions than this
/// gathered and taken out in one pass per list (`apply_in_memory`).
const BULK_INSERTS: usize = 64;

/// One change's undo in `apply_in_memory`: known at once, or the row a gathered deletion
/// takes out at the end.
#[expect(clippy::large_enum_variant, reason = "as `Change`: one per change of an edit, short-lived")]
enum Undo {
    Ready(Change),
    Taken(&'static str, Id),
}

/// Deletions gathered by a bulk `apply_in_memory`, and the rows taken out for them.
#[derive(Default)]
struct PendingDeletes {
    ids: HashMap<&'static str, HashSet<Id>>,
    taken: HashMap<(&'static str, Id), Row>,
}

impl PendingDeletes {
    fn holds(&self, table: &str, id: Id) -> bool {
        self.ids.get(table).is_some_and(|ids| ids.contains(&id))
    }

    /// Takes the rows gathered for `table` out of `content` now.
    fn take_out(&mut self, content: &mut Content, table: &'static str) {
        if let Some(ids) = self.ids.remove(table) {
            self.taken.extend(extract_rows(content, table, &ids).into_iter().map(|row| ((table, row.id()), row)));
        }
    }
}

/// How many rows `changes` write directly, audit lines included (see `Store::apply`: more
/// rows changed means foreign-key actions did something the changes do not say).
pub(super) fn direct_rows(changes: &[Change]) -> u64 {
    changes.iter().map(|c| if matches!(c, Change::Note { .. }) { 1 } else { 2 }).sum()
}

impl Row {
    /// A short human name of the row (its name, content or description), for messages.
    pub fn title(&self) -> String {
        let full = match self {
            Self::Unit(r) => &r.name,
            Self::LeadingGroup(r) => &r.name,
            Self::Plan(r) => &r.title,
            Self::Phase(r) => &r.name,
            Self::Task(r) => &r.content,
            Self::PilotBatch(r) => &r.name,
            Self::Department(r) => &r.name,
            Self::Person(r) => &r.name,
            Self::Post(r) => &r.name,
            Self::Power(r) => &r.name,
            Self::PowerStep(r) => &r.name,
            Self::RiskPoint(r) => &r.description,
            Self::ReviewRecord(r) => &r.step_name,
            Self::Measure(r) => &r.content,
            Self::Warning(r) => &r.content,
            Self::WarningResponse(r) => &r.kind,
            Self::InspectionRound(r) => &r.name,
            Self::Snapshot(r) => &r.label,
            _ => return String::new(),
        };
        let mut chars = full.chars();
        let short: String = chars.by_ref().take(30).collect();
        if chars.next().is_some() { format!("{short}…") } else { short }
    }
}

/// The changes that undo `changes` when applied after them, computed from `content` as it is
/// before `changes`: saved rows get their old values back (or are deleted if new), deleted rows
/// are saved again, in reverse order.
pub fn inverse(content: &Content, changes: &[Change]) -> Vec<Change> {
    let mut out: Vec<Change> = changes
        .iter()
        .filter_map(|change| match change {
            Change::Save(row) => Some(match current_row(content, row.table(), row.id()) {
                Some(old) => Change::Save(old),
                None => Change::Delete { table: row.table(), id: row.id() },
            }),
            Change::Delete { table, id } => current_row(content, table, *id).map(Change::Save),
            // The audit log is append-only: an undo adds its own lines, it does not remove notes.
            Change::Note { .. } => None,
        })
        .collect();
    out.reverse();
    out
}

/// Applies one change inside the caller's transaction and records it. Returns whether the
/// row was there before (a saved row updated, a deleted row; not for notes).
pub(super) fn apply(conn: &Connection, change: &Change) -> Result<bool, StoreError> {
    match change {
        Change::Save(row) => {
            let existed = upsert_row(conn, row)?;
            let action = if existed { "update" } else { "insert" };
            audit(conn, action, row.table(), &row.id().to_string(), &format!("{row:?}"))?;
            Ok(existed)
        }
        Change::Note { action, table, id, detail } => {
            audit(conn, action, table, &id.to_string(), detail).map(|()| false)
        }
        Change::Delete { table, id } => {
            let id = id.to_string();
            if delete_in(conn, table, &id)? {
                audit(conn, "delete", table, &id, "").map(|()| true)
            } else {
                Err(StoreError::Internal(format!("要删除的记录不存在（{table} {id}）")))
            }
        }
    }
}

/// Appends one line to the audit log.
pub(super) fn audit(
    conn: &Connection,
    action: &str,
    table_name: &str,
    row_id: &str,
    detail: &str,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, table_name, row_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute([&dates::now_stamp(), &super::current_actor(), action, table_name, row_id, detail])?;
    Ok(())
}

/// What of the rows read is kept. Every row is decoded and checked whatever is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    Everything,
    /// All but the history: the review records (审核记录) and the audit log, which are decoded
    /// and checked row by row and let go. No form prints them, and at 100,000 risk points the
    /// review records are the largest table; the window reads a risk point's history from the
    /// file when it shows it (`Store::review_history`), and the audit log only as the newest lines.
    WithoutHistory,
    /// Only the unit and its leading group: a check that reports (`check_file`: backups,
    /// exports, imports, `lianfang check`) holds no more than one row at a time.
    Nothing,
}

impl Keep {
    /// Whether rows of the lists other than the review history are kept.
    fn lists(self) -> bool {
        self != Self::Nothing
    }

    /// Whether the review records and the audit log are kept.
    fn history(self) -> bool {
        self == Self::Everything
    }
}

/// Reads every row of `T`'s table (`filter` as in `read_content_where`), each held to `rule`,
/// and hands them back sorted by `T::order_cmp` when `keep`, else none. Read in the table's own
/// order and sorted here by the same key as `ORDER BY` (a test holds the two together): SQLite
/// would sort the larger tables (no index has their order) through temporary files.
fn rows<T: Table>(
    conn: &Connection,
    filter: &str,
    keep: bool,
    rule: impl Fn(&T) -> Result<(), String>,
) -> Result<Vec<T>, StoreError> {
    let mut out = Vec::new();
    table::for_each_row(conn, filter, |row: T| {
        rule(&row).map_err(StoreError::Invalid)?;
        if keep {
            out.push(row);
        }
        Ok(())
    })?;
    out.sort_unstable_by(T::order_cmp);
    Ok(out)
}

/// Reads every table into a `Content`, keeping the rows that `filter` (a `WHERE …` clause
/// with no parameters, or empty) selects (used by consolidated files) and of those what `keep`
/// says. Every row read is held to the model's rules (`domain::validate`).
pub(super) fn read_content_where(conn: &Connection, filter: &str, keep: Keep) -> Result<Content, StoreError> {
    fn one<T: Table>(conn: &Connection, filter: &str) -> Result<T, StoreError> {
        let mut rows = rows::<T>(conn, filter, true, any)?;
        if rows.len() != 1 {
            return Err(StoreError::BadValue {
                table: T::NAME.to_owned(),
                column: String::new(),
                what: format!("应有 1 行，实有 {} 行", rows.len()),
            });
        }
        rows.pop().ok_or_else(|| StoreError::Internal(T::NAME.to_owned()))
    }
    let lists = keep.lists();
    let present = |name: &str| -> Result<bool, StoreError> {
        Ok(conn.prepare_cached("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1")?.exists([name])?)
    };
    let unit: Unit = one(conn, filter)?;
    let steps = validate::review_steps(&unit).map_err(StoreError::Invalid)?;
    Ok(Content {
        unit,
        leading_group: one(conn, filter)?,
        plans: rows(conn, filter, lists, any)?,
        phases: rows(conn, filter, lists, any)?,
        tasks: rows(conn, filter, lists, any)?,
        pilot_batches: rows(conn, filter, lists, any)?,
        pilot_batch_depts: rows(conn, filter, lists, any)?,
        departments: rows(conn, filter, lists, any)?,
        people: rows(conn, filter, lists, any)?,
        group_members: rows(conn, filter, lists, any)?,
        supervisions: rows(conn, filter, lists, any)?,
        posts: rows(conn, filter, lists, any)?,
        post_holders: rows(conn, filter, lists, any)?,
        powers: rows(conn, filter, lists, any)?,
        power_steps: rows(conn, filter, lists, any)?,
        risk_points: rows(conn, filter, lists, |rp| validate::check_risk_point(rp, steps))?,
        review_records: rows(conn, filter, keep.history(), validate::check_review_record)?,
        measures: rows(conn, filter, lists, any)?,
        warnings: rows(conn, filter, lists, any)?,
        warning_responses: rows(conn, filter, lists, any)?,
        inspection_rounds: rows(conn, filter, lists, any)?,
        inspection_results: rows(conn, filter, lists, any)?,
        commitments: rows(conn, filter, lists, any)?,
        responsibility_letters: rows(conn, filter, lists, any)?,
        // Older files (opened read-only, not migrated) may not have this table yet.
        snapshots: if present("snapshot")? { rows(conn, filter, lists, any)? } else { Vec::new() },
        audit_log: rows(conn, filter, keep.history(), any)?,
    })
}

/// The rule of a table whose rows' types hold all there is to check.
fn any<T>(_: &T) -> Result<(), String> {
    Ok(())
}

fn insert_all<T: Table>(conn: &Connection, rows: &[T]) -> Result<(), StoreError> {
    rows.iter().try_for_each(|r| table::insert(conn, r))
}

/// Writes a whole `Content` into an empty file inside the caller's transaction. The audit log
/// is copied verbatim (a load restores history; it does not invent any).
pub(super) fn write_content(conn: &Connection, c: &Content) -> Result<(), StoreError> {
    conn.pragma_update(None, "defer_foreign_keys", true)?;
    table::insert(conn, &c.unit)?;
    table::insert(conn, &c.leading_group)?;
    insert_all(conn, &c.people)?;
    insert_all(conn, &c.departments)?;
    insert_all(conn, &c.plans)?;
    insert_all(conn, &c.phases)?;
    insert_all(conn, &c.tasks)?;
    insert_all(conn, &c.pilot_batches)?;
    insert_all(conn, &c.pilot_batch_depts)?;
    insert_all(conn, &c.group_members)?;
    insert_all(conn, &c.supervisions)?;
    insert_all(conn, &c.posts)?;
    insert_all(conn, &c.post_holders)?;
    insert_all(conn, &c.powers)?;
    insert_all(conn, &c.power_steps)?;
    insert_all(conn, &c.risk_points)?;
    insert_all(conn, &c.review_records)?;
    insert_all(conn, &c.measures)?;
    insert_all(conn, &c.warnings)?;
    insert_all(conn, &c.warning_responses)?;
    insert_all(conn, &c.inspection_rounds)?;
    insert_all(conn, &c.inspection_results)?;
    insert_all(conn, &c.commitments)?;
    insert_all(conn, &c.responsibility_letters)?;
    insert_all(conn, &c.snapshots)?;
    insert_all(conn, &c.audit_log)?;
    Ok(())
}
