//! Mapping between domain structs and table rows. Every entity is (de)serialised through
//! serde: its field names are its column names; booleans and nested JSON values are the only
//! columns that need a hint.

use rusqlite::types::{Value, ValueRef};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::StoreError;
use crate::domain::change::Entity;
use crate::domain::*;

/// How a column's SQL value turns back into JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Plain,
    Bool,
    Json,
}

/// A table that holds one domain entity type; it is named `Entity::NAME`.
pub trait Table: Entity + Serialize + DeserializeOwned {
    const COLUMNS: &'static [(&'static str, Kind)];
    /// `ORDER BY` of listing: the stable order the UI and dumps use.
    const ORDER: &'static str;
    /// The same order in memory: compares what `ORDER` sorts by, as Rust values (text as
    /// SQLite's BINARY collation does, `None` first like NULL). An edit applied to the content
    /// in memory puts a row where a reload would read it; a test holds the two together.
    fn order_cmp(&self, other: &Self) -> std::cmp::Ordering;
}

macro_rules! table {
    ($ty:ty, $order:literal, |$r:ident| $key:expr, [$($col:literal $(: $kind:ident)?),* $(,)?]) => {
        impl Table for $ty {
            const ORDER: &'static str = $order;
            const COLUMNS: &'static [(&'static str, Kind)] = &[$(($col, table!(@kind $($kind)?))),*];
            fn order_cmp(&self, other: &Self) -> std::cmp::Ordering {
                let mine = { let $r = self; $key };
                let theirs = { let $r = other; $key };
                mine.cmp(&theirs)
            }
        }
    };
    (@kind) => { Kind::Plain };
    (@kind bool) => { Kind::Bool };
    (@kind json) => { Kind::Json };
}

const STAMP: [&str; 2] = ["created_at", "updated_at"];

table!(Unit, "id", |r| r.id, ["id", "name", "kind", "scheme": json, "created_at", "updated_at"]);
table!(
    LeadingGroup,
    "id",
    |r| r.id,
    ["id", "name", "office_dept_id", "office_location", "members_note", "member_order", "created_at", "updated_at"]
);
table!(
    Plan,
    "signed_on, id",
    |r| (r.signed_on, r.id),
    ["id", "doc_no", "title", "issuer", "signer", "signed_on", "issued_on", "guiding_text", "created_at", "updated_at"]
);
table!(
    Phase,
    "seq, id",
    |r| (r.seq, r.id),
    [
        "id",
        "plan_id",
        "seq",
        "name",
        "starts_on",
        "ends_on",
        "description",
        "dept_id",
        "status",
        "created_at",
        "updated_at"
    ]
);
table!(
    Task,
    "seq, id",
    |r| (r.seq, r.id),
    ["id", "phase_id", "seq", "content", "dept_id", "due_on", "status", "created_at", "updated_at"]
);
table!(
    PilotBatch,
    "seq, id",
    |r| (r.seq, r.id),
    ["id", "plan_id", "seq", "name", "starts_on", "note", "created_at", "updated_at"]
);
table!(PilotBatchDept, "id", |r| r.id, ["id", "batch_id", "dept_id", "created_at", "updated_at"]);
table!(
    Department,
    "seq, id",
    |r| (r.seq, r.id),
    ["id", "parent_id", "seq", "name", "kind", "head_person_id", "created_at", "updated_at"]
);
table!(Person, "name, id", |r| (r.name.as_str(), r.id), ["id", "name", "titles": json, "dept_id", "note", "created_at", "updated_at"]);
table!(GroupMember, "seq, id", |r| (r.seq, r.id), [
    "id", "person_id", "role", "executive": bool, "concurrent": bool, "seq", "created_at", "updated_at"
]);
table!(Supervision, "id", |r| r.id, ["id", "leader_person_id", "dept_id", "created_at", "updated_at"]);
table!(Post, "seq, id", |r| (r.seq, r.id), [
    "id", "dept_id", "seq", "name", "tier", "duties", "basis", "key_post": bool, "created_at", "updated_at"
]);
table!(PostHolder, "id", |r| r.id, ["id", "post_id", "person_id", "created_at", "updated_at"]);
table!(
    Power,
    "seq, id",
    |r| (r.seq, r.id),
    [
        "id",
        "dept_id",
        "seq",
        "name",
        "content",
        "subject",
        "basis",
        "procedure",
        "time_limit",
        "responsibility",
        "created_at",
        "updated_at"
    ]
);
table!(
    PowerStep,
    "seq, id",
    |r| (r.seq, r.id),
    ["id", "power_id", "seq", "name", "description", "created_at", "updated_at"]
);
table!(RiskPoint, "seq, id", |r| (r.seq, r.id), [
    "id", "scope", "dept_id", "post_id", "person_id", "seq", "class", "description", "manifestation", "power_id",
    "power_step_id", "found_by", "status", "review_step", "grade", "grade_inputs": json, "grade_rationale",
    "grade_override_reason", "created_at", "updated_at"
]);
// In the order they were made: a risk point's history reads as it happened (a step redone
// after 退回 comes after the first try), and a new record goes at the end.
table!(ReviewRecord, "created_at, id", |r| (&r.stamp.created_at, r.id), [
    "id", "risk_point_id", "step_index", "step_name", "reviewer", "reviewed_on", "opinion", "passed": bool,
    "created_at", "updated_at"
]);
table!(Measure, "seq, id", |r| (r.seq, r.id), [
    "id", "risk_point_id", "phase", "seq", "content", "owner_person_id", "owner_text", "due_on", "done": bool,
    "done_on", "confirmed_by", "evidence", "not_applicable": bool, "not_applicable_reason", "created_at", "updated_at"
]);
table!(Warning, "received_on, id", |r| (r.received_on, r.id), [
    "id", "post_id", "person_id", "source", "received_on", "content", "verified": bool, "follow_up", "created_at",
    "updated_at"
]);
table!(
    WarningResponse,
    "responded_on, id",
    |r| (r.responded_on, r.id),
    ["id", "warning_id", "kind", "responded_on", "content", "created_at", "updated_at"]
);
table!(
    InspectionRound,
    "year, id",
    |r| (r.year, r.id),
    ["id", "name", "year", "starts_on", "ends_on", "created_at", "updated_at"]
);
table!(
    InspectionResult,
    "id",
    |r| r.id,
    ["id", "round_id", "dept_id", "self_check", "assessment", "rating", "created_at", "updated_at"]
);
table!(
    Commitment,
    "year, id",
    |r| (r.year, r.id),
    ["id", "person_id", "year", "text", "signed_on", "created_at", "updated_at"]
);
table!(
    ResponsibilityLetter,
    "year, id",
    |r| (r.year, r.id),
    [
        "id",
        "kind",
        "year",
        "signer_person_id",
        "counterpart_person_id",
        "dept_id",
        "signed_on",
        "created_at",
        "updated_at"
    ]
);
table!(snapshot::Snapshot, "year, id", |r| (r.year, r.id), [
    "id", "year", "label", "inventory": json, "created_at", "updated_at"
]);
table!(AuditEntry, "seq", |r| r.seq, ["seq", "at", "actor", "action", "table_name", "row_id", "detail"]);

/// The Chinese name of a table, for messages and the history list.
pub fn table_label(name: &str) -> &'static str {
    match name {
        "unit" => "单位",
        "leading_group" => "领导小组",
        "plan" => "工作方案",
        "phase" => "阶段",
        "task" => "任务",
        "pilot_batch" => "试点批次",
        "pilot_batch_dept" => "试点批次的部门",
        "department" => "部门",
        "person" => "人员",
        "group_member" => "领导小组成员",
        "supervision" => "分管关系",
        "post" => "岗位",
        "post_holder" => "在岗人员",
        "power" => "职权",
        "power_step" => "职权环节",
        "risk_point" => "风险点",
        "review_record" => "审核记录",
        "measure" => "防控措施",
        "warning" => "预警",
        "warning_response" => "预警处置",
        "inspection_round" => "检查考核",
        "inspection_result" => "检查考核结果",
        "commitment" => "廉政承诺书",
        "responsibility_letter" => "责任书",
        "snapshot" => "年度快照",
        "audit_log" => "修改记录",
        "schema" => "数据结构",
        _ => "数据",
    }
}

/// The Chinese name of a column, for messages; the column's own name where none is known.
pub fn column_label(name: &str) -> &str {
    match name {
        "id" => "编号",
        "name" => "名称",
        "kind" => "类型",
        "scheme" => "方案模板",
        "note" => "备注",
        "titles" => "职务",
        "content" => "内容",
        "title" => "标题",
        "doc_no" => "文号",
        "issuer" => "发文机关",
        "signer" => "签发人",
        "guiding_text" => "指导思想",
        "description" => "说明",
        "duties" => "岗位职责",
        "basis" => "依据",
        "subject" => "行使主体",
        "procedure" => "程序",
        "time_limit" => "时限",
        "responsibility" => "相应责任",
        "class" => "类别",
        "manifestation" => "表现形式",
        "found_by" => "查找方式",
        "grade_rationale" => "评定依据",
        "grade_inputs" => "评定依据的数据",
        "grade_override_reason" => "调整理由",
        "step_name" => "审核步骤",
        "reviewer" => "审核人",
        "opinion" => "意见",
        "owner_text" => "责任人",
        "confirmed_by" => "确认人",
        "evidence" => "证明材料",
        "not_applicable_reason" => "不再适用的理由",
        "source" => "来源",
        "follow_up" => "后续跟踪",
        "self_check" => "自查情况",
        "assessment" => "考核意见",
        "rating" => "等次",
        "text" => "正文",
        "label" => "名称",
        "inventory" => "清单",
        "office_location" => "办公室所在",
        "members_note" => "成员说明",
        "detail" => "内容",
        other => other,
    }
}

fn column_list<T: Table>() -> String {
    T::COLUMNS.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(", ")
}

/// Converts one entity into SQL values in column order.
pub fn to_values<T: Table>(row: &T) -> Result<Vec<Value>, StoreError> {
    let json = serde_json::to_value(row).map_err(StoreError::Encode)?;
    let obj = json.as_object().ok_or_else(|| StoreError::Internal(format!("{} 不是对象", T::NAME)))?;
    T::COLUMNS
        .iter()
        .map(|(col, _)| {
            let v = obj.get(*col).ok_or_else(|| StoreError::Internal(format!("{}.{col} 缺失", T::NAME)))?;
            json_to_sql(v)
        })
        .collect()
}

fn json_to_sql(v: &serde_json::Value) -> Result<Value, StoreError> {
    use serde_json::Value as J;
    Ok(match v {
        J::Null => Value::Null,
        J::Bool(b) => Value::Integer(i64::from(*b)),
        J::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or_default()),
        },
        J::String(s) => Value::Text(s.clone()),
        J::Array(_) | J::Object(_) => Value::Text(serde_json::to_string(v).map_err(StoreError::Encode)?),
    })
}

/// Every row of `T`'s table, in its stable order.
pub fn select_all<T: Table>(conn: &rusqlite::Connection) -> Result<Vec<T>, StoreError> {
    select_with(conn, &format!("ORDER BY {}", T::ORDER))
}

/// Rows of `T`'s table; `tail` is the SQL after `FROM table` (a fixed ORDER BY / LIMIT).
pub fn select_with<T: Table>(conn: &rusqlite::Connection, tail: &str) -> Result<Vec<T>, StoreError> {
    select_where(conn, tail, [])
}

/// As `select_with`, with `params` bound to the `?N` of `tail`.
pub fn select_where<T: Table>(
    conn: &rusqlite::Connection,
    tail: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<T>, StoreError> {
    let mut out = Vec::new();
    for_each_row_where(conn, tail, params, |row| {
        out.push(row);
        Ok(())
    })?;
    Ok(out)
}

/// Hands each row of `T`'s table (`tail` as in `select_with`) to `use_row` as it is decoded.
pub fn for_each_row<T: Table>(
    conn: &rusqlite::Connection,
    tail: &str,
    use_row: impl FnMut(T) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    for_each_row_where(conn, tail, [], use_row)
}

/// As `for_each_row`, with `params` bound to the `?N` of `tail`.
fn for_each_row_where<T: Table>(
    conn: &rusqlite::Connection,
    tail: &str,
    params: impl rusqlite::Params,
    mut use_row: impl FnMut(T) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let sql = format!("SELECT {} FROM {} {tail}", column_list::<T>(), T::NAME);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params)?;
    while let Some(row) = rows.next()? {
        let item = T::deserialize(super::row::RowDe { row, columns: T::COLUMNS }).map_err(|e| {
            let row_id = match row.get_ref(0) {
                Ok(ValueRef::Text(t)) => String::from_utf8_lossy(t).into_owned(),
                Ok(ValueRef::Integer(i)) => i.to_string(),
                _ => String::new(),
            };
            let column = match e.column {
                Some(column) => format!("“{}”列", column_label(column)),
                None => format!("编号为 {row_id} 的一行"),
            };
            StoreError::BadValue { table: T::NAME.to_owned(), column, what: e.what }
        })?;
        use_row(item)?;
    }
    Ok(())
}

/// Inserts `row` as a new row.
pub fn insert<T: Table>(conn: &rusqlite::Connection, row: &T) -> Result<(), StoreError> {
    let placeholders = (1..=T::COLUMNS.len()).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let sql = format!("INSERT INTO {} ({}) VALUES ({placeholders})", T::NAME, column_list::<T>());
    conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(to_values(row)?))?;
    Ok(())
}

/// Inserts `row`, or updates every column but `id` and `created_at` of the row with its id.
/// Returns whether a row existed before.
pub fn upsert<T: Table>(conn: &rusqlite::Connection, row: &T) -> Result<bool, StoreError> {
    let values = to_values(row)?;
    let id = values.first().cloned().unwrap_or(Value::Null);
    let existed = conn.prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", T::NAME))?.exists([&id])?;
    if !existed {
        insert(conn, row)?;
        return Ok(false);
    }
    let sets: Vec<String> = T::COLUMNS
        .iter()
        .enumerate()
        .filter(|(_, (c, _))| *c != "id" && *c != STAMP[0])
        .map(|(i, (c, _))| format!("{c} = ?{}", i + 1))
        .collect();
    let sql = format!("UPDATE {} SET {} WHERE id = ?1", T::NAME, sets.join(", "));
    conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(values))?;
    Ok(true)
}

/// Deletes the row with `id`; returns whether there was one.
pub fn delete<T: Table>(conn: &rusqlite::Connection, id: &str) -> Result<bool, StoreError> {
    let n = conn.prepare_cached(&format!("DELETE FROM {} WHERE id = ?1", T::NAME))?.execute([id])?;
    Ok(n > 0)
}
