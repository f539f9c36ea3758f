//! An edit as plain data: rows to save or delete and audit notes. Domain operations
//! (`domain::ops`) build edits from the content and a user's draft; the store commits them in
//! one transaction and the document applies them in memory. No SQL here: an entity's `NAME` is
//! the name the store gives its table.

pub use super::model::Stamped;
use super::snapshot::Snapshot;
use super::*;

/// A kind of row that edits can save or delete.
pub trait Entity {
    /// The kind's stable name (also its table's name and the audit log's `table_name`).
    const NAME: &'static str;
}

macro_rules! entities {
    ($($variant:ident => $name:literal),* $(,)?) => {
        $(impl Entity for $variant {
            const NAME: &'static str = $name;
        }

        impl Stamped for $variant {
            fn stamp_mut(&mut self) -> &mut Stamp { &mut self.stamp }
        })*

        /// Any row of any entity kind, as an edit carries it.
        #[expect(clippy::large_enum_variant, reason = "edits are few and short-lived; boxing would burden every caller")]
        #[derive(Clone, Debug, PartialEq)]
        pub enum Row { $($variant($variant)),* }

        $(impl From<$variant> for Row {
            fn from(v: $variant) -> Self { Self::$variant(v) }
        })*

        impl Row {
            /// The name of the row's kind (`Entity::NAME`).
            pub fn table(&self) -> &'static str {
                match self {
                    $(Self::$variant(_) => <$variant as Entity>::NAME,)*
                }
            }

            pub fn id(&self) -> Id {
                match self {
                    $(Self::$variant(v) => v.id,)*
                }
            }
        }
    };
}

entities!(
    Unit => "unit", LeadingGroup => "leading_group", Plan => "plan", Phase => "phase", Task => "task",
    PilotBatch => "pilot_batch", PilotBatchDept => "pilot_batch_dept", Department => "department",
    Person => "person", GroupMember => "group_member", Supervision => "supervision", Post => "post",
    PostHolder => "post_holder", Power => "power", PowerStep => "power_step", RiskPoint => "risk_point",
    ReviewRecord => "review_record", Measure => "measure", Warning => "warning",
    WarningResponse => "warning_response", InspectionRound => "inspection_round",
    InspectionResult => "inspection_result", Commitment => "commitment",
    ResponsibilityLetter => "responsibility_letter", Snapshot => "snapshot",
);

/// The audit log is written by the store only; edits never save or delete its lines.
impl Entity for AuditEntry {
    const NAME: &'static str = "audit_log";
}

/// One change of an edit.
#[expect(clippy::large_enum_variant, reason = "edits are few and short-lived; boxing would burden every caller")]
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Insert or update a row.
    Save(Row),
    /// Delete a row of kind `table` (its `Entity::NAME`).
    Delete { table: &'static str, id: Id },
    /// Only an audit line, to record why a change was made (e.g. a manual override's reason).
    Note { action: &'static str, table: &'static str, id: Id, detail: String },
}

impl Change {
    pub fn save(row: impl Into<Row>) -> Self {
        Self::Save(row.into())
    }

    pub fn delete<T: Entity>(id: Id) -> Self {
        Self::Delete { table: T::NAME, id }
    }

    /// The kind of row it changes (`Entity::NAME`); a note names the row it explains.
    pub fn table(&self) -> &'static str {
        match self {
            Self::Save(row) => row.table(),
            Self::Delete { table, .. } | Self::Note { table, .. } => table,
        }
    }
}

/// What the user did, as one undoable step: `label` names it in the 编辑 menu and the audit
/// log (e.g. 添加部门“财务处”).
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub label: String,
    pub changes: Vec<Change>,
}

impl Edit {
    pub fn new(label: impl Into<String>, changes: Vec<Change>) -> Self {
        Self { label: label.into(), changes }
    }

    /// An edit saving one row.
    pub fn save(label: impl Into<String>, row: impl Into<Row>) -> Self {
        Self::new(label, vec![Change::save(row)])
    }

    /// An edit deleting one row.
    pub fn delete<T: Entity>(label: impl Into<String>, id: Id) -> Self {
        Self::new(label, vec![Change::delete::<T>(id)])
    }
}
