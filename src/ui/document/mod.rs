//! The open file: the store, its content in memory and what is derived from it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use crate::domain::change::Change;
use crate::domain::content::{ContentIndex, StaleParts};
use crate::domain::levels::DerivedLevels;
use crate::domain::{AuditEntry, Content, RiskPoint, Scheme, model};
use crate::store::{Keep, Store, StoreError, Touched, apply_in_memory, restoring};

mod history;

/// How many edits can be undone.
const UNDO_DEPTH: usize = 100;

/// Which way through the edit history: take back, or do again what was taken back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum History {
    Undo,
    Redo,
}

impl History {
    /// 撤销 / 重做, as the menu and the audit log say it.
    pub fn verb(self) -> &'static str {
        match self {
            Self::Undo => "撤销",
            Self::Redo => "重做",
        }
    }
}

/// One undoable edit: what it was called and the changes that take it back.
struct UndoStep {
    label: String,
    inverse: Vec<Change>,
}

/// An open file and everything the views read. The content is what the file holds except the
/// history (`Keep::WithoutHistory`): the audit log (views show `recent_audit`) and the review
/// records, read from the file when shown (`review_history`). An edit is committed to the file
/// first, then applied to the content, the index and the levels in memory — costing what it
/// changes, not the size of the file; a test holds this equal to a fresh reload.
pub struct Document {
    pub store: Store,
    /// Shared with a print running on a worker thread: an edit during the print copies it
    /// (`Arc::make_mut`), otherwise it is never copied (at 100,000 risk points it is ~0.2 GB).
    pub content: Arc<Content>,
    pub index: ContentIndex,
    pub levels: DerivedLevels,
    /// The newest edits as the user named them, newest first (read with the content, not per frame).
    pub recent_audit: Vec<AuditEntry>,
    /// Size of the file on disk in bytes, read with the content.
    pub file_size: u64,
    /// Raised by every applied edit, so views can refresh their drafts.
    pub revision: u64,
    undo: Vec<UndoStep>,
    /// Edits taken back by undo, newest last; any new edit clears them.
    redo: Vec<UndoStep>,
    /// When the last backup was started (none yet: one is due).
    last_backup: Option<std::time::Instant>,
    /// A backup being written on another thread, and whether the user asked for it.
    backup_job: Option<(std::thread::JoinHandle<Result<std::path::PathBuf, StoreError>>, bool)>,
    /// The backups found the last time the user asked to see them.
    pub backups: Option<Vec<crate::store::backup::BackupInfo>>,
    /// The last hand-up export of this session and its printed 报送单.
    pub last_export: Option<Exported>,
    /// The review history last asked for, with the revision and risk point it is of: read
    /// from the file once, not every frame.
    history_shown: RefCell<Option<history::ShownHistory>>,
    /// How many review records the file held at a revision.
    review_count: RefCell<Option<(u64, usize)>>,
    /// The last review signed by name of each step asked for: a scan of the history in the
    /// file (50 ms at 100,000 risk points), so read once per step and kept up to date by each
    /// commit (`history::Document::follow_reviews`), not read again after every review.
    last_reviews: RefCell<HashMap<i64, Option<crate::store::LastReview>>>,
}

/// A hand-up export: the verified copy, its text slip, and the slip printed as PDF.
pub struct Exported {
    pub report: crate::store::ExportReport,
    pub slip_pdf: std::path::PathBuf,
}

/// A backup is written after edits when the last one is older than this.
const BACKUP_EVERY: std::time::Duration = std::time::Duration::from_secs(10 * 60);

const RECENT_AUDIT: usize = 20;

impl Document {
    pub fn new(store: Store) -> Result<Self, StoreError> {
        let content = load_working(&store)?;
        let index = ContentIndex::build(&content);
        let levels = DerivedLevels::compute(&content);
        let recent_audit = store.recent_edits(RECENT_AUDIT)?;
        let file_size = file_size(&store);
        Ok(Self {
            store,
            content: Arc::new(content),
            index,
            levels,
            recent_audit,
            file_size,
            revision: 0,
            undo: Vec::new(),
            redo: Vec::new(),
            last_backup: None,
            backup_job: None,
            backups: None,
            last_export: None,
            history_shown: RefCell::new(None),
            review_count: RefCell::new(None),
            last_reviews: RefCell::new(HashMap::new()),
        })
    }

    pub fn scheme(&self) -> &Scheme {
        &self.content.unit.scheme
    }

    /// Commits `changes` in one transaction and remembers how to undo them. When this returns
    /// `Ok`, the edit is on disk and the views show what is on disk.
    pub fn apply(&mut self, label: &str, changes: &[Change]) -> Result<(), StoreError> {
        let inverse = self.commit(label, changes).inspect_err(|e| self.reload_if_stale(e))?;
        self.push_undo(UndoStep { label: label.to_owned(), inverse });
        self.redo.clear();
        Ok(())
    }

    fn push_undo(&mut self, step: UndoStep) {
        self.undo.push(step);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    /// Starts a backup if none was written yet or the last is older than `BACKUP_EVERY`.
    /// Read-only files are not backed up (they do not change).
    pub fn backup_if_due(&mut self, wake: Option<egui::Context>) {
        if self.store.read_only().is_some() || self.last_backup.is_some_and(|t| t.elapsed() < BACKUP_EVERY) {
            return;
        }
        self.start_backup(false, wake);
    }

    /// Starts a backup on another thread (unless one is running); `asked`: the user asked for
    /// it, so its success is told too. When it ends the window `wake` is repainted, where
    /// `finished_backup` hands over the result.
    pub fn start_backup(&mut self, asked: bool, wake: Option<egui::Context>) {
        if let Some((_, was_asked)) = &mut self.backup_job {
            *was_asked |= asked;
            return;
        }
        let path = self.store.path().to_owned();
        self.last_backup = Some(std::time::Instant::now());
        let job = std::thread::spawn(move || {
            let result = crate::store::backup::backup_file(&path);
            if let Some(ctx) = wake {
                ctx.request_repaint();
            }
            result
        });
        self.backup_job = Some((job, asked));
    }

    /// Whether a backup is being written.
    pub fn backing_up(&self) -> bool {
        self.backup_job.is_some()
    }

    /// The result of a finished backup, with whether the user asked for it; `None` while it
    /// runs or when there is none.
    pub fn finished_backup(&mut self) -> Option<(Result<std::path::PathBuf, StoreError>, bool)> {
        if !self.backup_job.as_ref().is_some_and(|(job, _)| job.is_finished()) {
            return None;
        }
        self.wait_for_backup()
    }

    /// Waits for a running backup (before the file is closed or replaced) and hands over its
    /// result as `finished_backup` does.
    pub fn wait_for_backup(&mut self) -> Option<(Result<std::path::PathBuf, StoreError>, bool)> {
        let (job, asked) = self.backup_job.take()?;
        // The list shown on 数据报送 no longer holds: it is read again when asked for.
        self.backups = None;
        let result = job.join().unwrap_or_else(|_| Err(StoreError::Internal("备份线程意外退出".to_owned())));
        Some((result, asked))
    }

    /// What the next undo (or redo) would take back (or do again).
    pub fn history_label(&self, way: History) -> Option<&str> {
        self.history(way).last().map(|u| u.label.as_str())
    }

    /// Takes back the last edit (itself a committed, audited edit). Returns its label.
    pub fn undo(&mut self) -> Result<Option<String>, StoreError> {
        self.replay(History::Undo)
    }

    /// Does again the last undone edit (a committed, audited edit). Returns its label.
    pub fn redo(&mut self) -> Result<Option<String>, StoreError> {
        self.replay(History::Redo)
    }

    fn history(&self, way: History) -> &Vec<UndoStep> {
        match way {
            History::Undo => &self.undo,
            History::Redo => &self.redo,
        }
    }

    /// Commits the newest step of `way` (an audited edit) and files what takes it back under
    /// the other way. Returns its label.
    pub fn replay(&mut self, way: History) -> Result<Option<String>, StoreError> {
        let popped = match way {
            History::Undo => self.undo.pop(),
            History::Redo => self.redo.pop(),
        };
        let Some(step) = popped else { return Ok(None) };
        match self.commit(&format!("{}：{}", way.verb(), step.label), &step.inverse) {
            Ok(back) => {
                let back = UndoStep { label: step.label.clone(), inverse: back };
                match way {
                    History::Undo => self.redo.push(back),
                    History::Redo => self.push_undo(back),
                }
                Ok(Some(step.label))
            }
            Err(e) => {
                match way {
                    History::Undo => self.undo.push(step),
                    History::Redo => self.redo.push(step),
                }
                self.reload_if_stale(&e);
                Err(e)
            }
        }
    }

    /// After a refused stale edit: show what is on disk now. The undo steps were computed from
    /// the old content and could put back someone else's change, so they are dropped.
    fn reload_if_stale(&mut self, e: &StoreError) {
        if !matches!(e, StoreError::Stale) {
            return;
        }
        if self.reload().is_ok() {
            self.recent_audit = self.store.recent_edits(RECENT_AUDIT).unwrap_or_default();
            self.file_size = file_size(&self.store);
            self.revision += 1;
            self.undo.clear();
            self.redo.clear();
        }
    }

    /// Reads the content again and derives the index and levels from it afresh.
    fn reload(&mut self) -> Result<(), StoreError> {
        self.replace_content(load_working(&self.store)?);
        Ok(())
    }

    /// Takes `fresh` as the content and derives the index and levels from it afresh.
    fn replace_content(&mut self, fresh: Content) {
        self.last_reviews.borrow_mut().clear();
        self.content = Arc::new(fresh);
        self.index = ContentIndex::build(&self.content);
        self.levels = DerivedLevels::compute(&self.content);
    }

    /// Commits `changes` and brings the content, index and levels up to date. Returns the
    /// changes that undo them.
    fn commit(&mut self, label: &str, changes: &[Change]) -> Result<Vec<Change>, StoreError> {
        let (changes, read) = self.with_history_deletes(changes)?;
        let changes = changes.as_ref();
        // Taken back first: undoing a new risk point deletes it, and its new records must go
        // before the cascade would take them unseen.
        let mut undo = self.history_inverse(changes, read)?;
        let applied = self.store.apply_labelled(label, changes)?;
        self.follow_reviews(changes, &applied.existed);
        let reviews = self.review_count.borrow().filter(|(revision, _)| *revision == self.revision);
        undo.extend(if applied.only_as_said {
            let (touched, undo) = apply_in_memory(Arc::make_mut(&mut self.content), changes, &applied.existed);
            self.index.refresh(&self.content, stale_parts(&touched));
            if touched.changed::<RiskPoint>() || touched.moved::<model::Post>() {
                self.levels = DerivedLevels::compute(&self.content);
            }
            undo
        } else {
            // Foreign-key actions changed rows the edit did not name: read what is on disk, and
            // undo by restoring every row that differs (those actions included).
            let fresh = load_working(&self.store)?;
            let undo = restoring(&self.content, &fresh);
            self.replace_content(fresh);
            undo
        });
        self.recent_audit = self.store.recent_edits(RECENT_AUDIT)?;
        self.file_size = file_size(&self.store);
        self.revision += 1;
        // The review records counted before, with those this edit added and deleted (a count
        // in the file is 8 ms at 100,000 risk points); after foreign-key actions, counted again.
        if let Some((_, n)) = reviews.filter(|_| applied.only_as_said) {
            let counted = history::count_after(n, changes, &applied.existed);
            *self.review_count.borrow_mut() = Some((self.revision, counted));
        }
        Ok(undo)
    }
}

/// The file's content as the window holds it: without the history (`Keep::WithoutHistory`).
fn load_working(store: &Store) -> Result<Content, StoreError> {
    store.load_keeping(Keep::WithoutHistory)
}

/// The index parts an edit made stale.
fn stale_parts(t: &Touched) -> StaleParts {
    use model::*;
    StaleParts {
        people: t.moved::<Person>(),
        departments: t.moved::<Department>(),
        posts: t.moved::<Post>(),
        powers: t.moved::<Power>(),
        power_steps: t.moved::<PowerStep>(),
        risk_points: t.moved::<RiskPoint>(),
        measures: t.moved::<Measure>(),
        post_holders: t.moved::<PostHolder>(),
        supervisions: t.moved::<Supervision>(),
    }
}

fn file_size(store: &Store) -> u64 {
    std::fs::metadata(store.path()).map(|m| m.len()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]
    use serde_json::Value;

    use super::*;
    use crate::domain::ReviewRecord;
    use crate::domain::change::{Entity, Row};
    use crate::store::edit::{LIST_TABLES, row_at, row_count, rows_in_sql_order, rows_of};

    const WORDS: [&str; 6] = ["财务", "采购审批", "“三重一大”", "x", "", "招生录取环节未按规定公示"];

    /// A value for `key` of a row: mostly the same field of another row (ids stay valid links,
    /// enums stay enums), else something new of the same JSON type.
    fn mutate(rng: &mut fastrand::Rng, key: &str, value: &Value, content: &Content, table: &str) -> Value {
        // Within the model's rules (`domain::validate`), which every read of the file holds.
        match key {
            "grade" => return if rng.bool() { Value::from(rng.u8(1..4)) } else { Value::Null },
            "review_step" => return Value::from(rng.usize(..content.unit.scheme.review.steps.len())),
            "step_index" => return Value::from(rng.u8(..10)),
            _ => {}
        }
        let others = row_count(content, table);
        if rng.bool() && others > 0 {
            let other = row_at(content, table, rng.usize(..others)).map(|r| r.to_json());
            if let Some(v) = other.as_ref().and_then(|o| o.get(key)) {
                return v.clone();
            }
        }
        match value {
            Value::Bool(b) => Value::Bool(!b),
            Value::Number(_) => Value::from(rng.i64(-2..40)),
            Value::String(s) if chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() => {
                Value::from(format!("20{:02}-{:02}-{:02}", rng.u8(20..30), rng.u8(1..13), rng.u8(1..29)))
            }
            Value::String(s) if key != "id" && !key.ends_with("_id") => {
                Value::from(format!("{s}{}", WORDS[rng.usize(..WORDS.len())]))
            }
            Value::Null if key.ends_with("_on") => Value::from("2027-03-01"),
            other => other.clone(),
        }
    }

    /// How many rows `table` has and a random one of them, as the document holds them; the
    /// review history (not in memory) as the file holds it.
    fn random_row(rng: &mut fastrand::Rng, doc: &Document, table: &str) -> (usize, Option<Row>) {
        if table == ReviewRecord::NAME {
            let history = rows_in_sql_order(doc.store.conn(), table).unwrap();
            let row = history.get(rng.usize(..history.len().max(1))).cloned();
            return (history.len(), row);
        }
        let count = row_count(&doc.content, table);
        (count, row_at(&doc.content, table, rng.usize(..count.max(1))))
    }

    /// One random edit of one random table: an update, an insert of a changed copy, or a delete.
    fn random_change(rng: &mut fastrand::Rng, doc: &Document) -> Option<Change> {
        let content = &doc.content;
        let singles = ["unit", "leading_group"];
        let table =
            if rng.u8(..10) == 0 { singles[rng.usize(..2)] } else { LIST_TABLES[rng.usize(..LIST_TABLES.len())] };
        let table = LIST_TABLES.iter().chain(&singles).find(|t| **t == table)?;
        let (count, row) = random_row(rng, doc, table);
        let row = row?;
        // A file has one unit and one group (updated only); rows are not deleted from short
        // tables (one 检查考核 round takes all its results).
        let op = match count {
            _ if singles.contains(table) => 0,
            0..4 => rng.u8(..8),
            _ => rng.u8(..10),
        };
        if op >= 8 {
            return Some(Change::Delete { table, id: row.id() });
        }
        let mut json = row.to_json();
        let obj = json.as_object_mut()?;
        if op >= 5 {
            obj.insert("id".into(), Value::from(crate::domain::new_id().to_string()));
        }
        let keys: Vec<String> = obj.keys().filter(|k| *k != "id").cloned().collect();
        for _ in 0..rng.usize(1..3) {
            let key = &keys[rng.usize(..keys.len())];
            let value = mutate(rng, key, &obj[key.as_str()], content, table);
            obj.insert(key.clone(), value);
        }
        Row::from_json(table, json).map(Change::Save)
    }

    /// The whole file (the history too) but the audit log, which every edit and undo lengthens.
    fn whole_file(doc: &Document) -> Content {
        Content { audit_log: Vec::new(), ..doc.store.load().unwrap() }
    }

    /// Undoes the edit just applied and redoes it, holding the whole file, the review history
    /// too, to what it was before and after the edit.
    fn assert_undo_is_exact(doc: &mut Document, before: &Content, step: usize) {
        let after = whole_file(doc);
        doc.undo().unwrap();
        assert!(whole_file(doc) == *before, "step {step}: undo did not bring the file back");
        doc.redo().unwrap();
        assert!(whole_file(doc) == after, "step {step}: redo did not do the edit again");
    }

    /// The last reviewer of each step, as the window keeps it across commits, is the file's.
    fn assert_last_reviewers_as_in_the_file(doc: &Document, step: usize) {
        for review_step in 0..=doc.scheme().review.steps.len() {
            let step_index = i64::try_from(review_step).unwrap();
            let file = doc.store.last_review(step_index).unwrap().map(|l| l.reviewer);
            assert_eq!(doc.last_reviewer(step_index).unwrap(), file, "step {step}: review step {step_index}");
        }
    }

    fn assert_same_as_reload(doc: &Document, step: usize) {
        let fresh = load_working(&doc.store).unwrap();
        for table in LIST_TABLES.iter().chain(&["unit", "leading_group"]) {
            let (mine, disk) = (rows_of(&doc.content, table), rows_of(&fresh, table));
            let first = mine.iter().zip(&disk).position(|(a, b)| a != b);
            assert!(
                mine.len() == disk.len() && first.is_none(),
                "step {step}: {table} in memory differs from the file ({} rows, {} on disk): {:?} vs {:?}",
                mine.len(),
                disk.len(),
                first.map(|i| &mine[i]),
                first.map(|i| &disk[i]),
            );
        }
        assert!(*doc.content == fresh, "step {step}: the content in memory differs from the file");
        assert!(doc.index == ContentIndex::build(&fresh), "step {step}: the index differs from a fresh one");
        assert!(doc.levels == DerivedLevels::compute(&fresh), "step {step}: levels differ from fresh ones");
    }

    const STEPS: usize = 1200;

    #[test]
    fn edits_applied_in_memory_equal_a_reload_after_many_random_edits_undos_and_redos() {
        for seed in [1_u64, 2, 3] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("random.db");
            // This seed's demo has pilot batches; a snapshot is added so every table has rows.
            let mut content = crate::demo::build_seeded("jxau2010", seed).unwrap();
            content.snapshots.push(crate::domain::snapshot::Snapshot {
                id: crate::domain::new_id(),
                year: 2010,
                label: "2010年度风险清单".into(),
                // A few risks: every edit of a snapshot writes it whole into the audit log.
                inventory: crate::domain::snapshot::Inventory {
                    risks: content.inventory().risks.into_iter().take(3).collect(),
                },
                stamp: model::Stamp::now(),
            });
            let store = Store::create(&path, &content).unwrap();
            let mut doc = Document::new(store).unwrap();
            let mut rng = fastrand::Rng::with_seed(seed);
            let (mut applied, mut refused, mut undone, mut redone, mut exact) = (0, 0, 0, 0, 0);
            let mut kinds = std::collections::BTreeSet::new();
            for step in 0..STEPS {
                match rng.u8(..10) {
                    0..=5 => {
                        let changes: Vec<Change> =
                            (0..rng.usize(1..4)).filter_map(|_| random_change(&mut rng, &doc)).collect();
                        // Now and then the whole file is compared across an undo and a redo.
                        let before = rng.u8(..12).eq(&0).then(|| whole_file(&doc));
                        match doc.apply("随机修改", &changes) {
                            Ok(()) => {
                                applied += 1;
                                if let Some(before) = &before {
                                    assert_undo_is_exact(&mut doc, before, step);
                                    exact += 1;
                                }
                                kinds.extend(changes.iter().filter_map(|c| match c {
                                    Change::Save(row) => Some(row.table()),
                                    Change::Delete { table, .. } => Some(*table),
                                    Change::Note { .. } => None,
                                }));
                            }
                            Err(_) => refused += 1,
                        }
                    }
                    6 | 7 => undone += usize::from(doc.undo().unwrap().is_some()),
                    _ => redone += usize::from(doc.redo().unwrap().is_some()),
                }
                if step % 100 == 0 {
                    assert_same_as_reload(&doc, step);
                }
                if step % 7 == 0 {
                    assert_last_reviewers_as_in_the_file(&doc, step);
                    let counted = doc.content.counts(doc.store.review_count().unwrap());
                    assert_eq!(doc.counts().unwrap(), counted, "step {step}: the counts 数据报送 shows");
                }
            }
            assert_same_as_reload(&doc, STEPS);
            // The sequence did what it is meant to: many edits of each kind, some refused.
            assert!(
                applied > 400 && refused > 20 && undone > 150 && redone > 30 && exact > 20,
                "{applied} {refused} {undone} {redone} {exact}"
            );
            assert_eq!(kinds.len(), LIST_TABLES.len() + 2, "every kind of row was edited: {kinds:?}");
        }
    }

    /// The review history is not in memory: deleting risk points must still take it by name
    /// and one undo bring it back, and a new risk point's new records go before it on undo.
    #[test]
    fn the_history_in_the_file_goes_and_comes_back_with_its_risk_points() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(&dir.path().join("h.db"), &crate::demo::build("jxau2010").unwrap()).unwrap();
        let mut doc = Document::new(store).unwrap();
        assert!(doc.content.review_records.is_empty() && doc.content.audit_log.is_empty());
        let reviewed = |doc: &Document| {
            doc.content.risk_points.iter().find(|r| !doc.review_history(r.id).unwrap().is_empty()).unwrap().clone()
        };
        // One risk point.
        let rp = reviewed(&doc);
        let before = whole_file(&doc);
        doc.apply("删除风险点", &[Change::delete::<RiskPoint>(rp.id)]).unwrap();
        assert!(doc.store.review_history(rp.id).unwrap().is_empty());
        assert_undo_is_exact(&mut doc, &before, 1);
        // A department, as the window removes it: the records are counted and listed from the file.
        let dept = doc.content.departments.iter().find(|d| d.name == "财务处").unwrap().clone();
        let removal = crate::domain::ops::removal::remove_department(&doc.content, &doc, &dept);
        let reviews = removal.edit.changes.iter().filter(|c| c.table() == ReviewRecord::NAME).count();
        assert!(reviews > 10, "{reviews}");
        assert!(removal.summary.iter().any(|l| l.contains(&format!("{reviews} 条审核记录"))), "{:?}", removal.summary);
        let before = whole_file(&doc);
        // Enough deletions that the content in memory takes them out in one pass per list.
        let deletes = removal.edit.changes.iter().filter(|c| matches!(c, Change::Delete { .. })).count();
        assert!(deletes > 200, "{deletes}");
        doc.apply(&removal.edit.label, &removal.edit.changes).unwrap();
        assert_eq!(doc.store.review_count().unwrap(), before.review_records.len() - reviews);
        assert_same_as_reload(&doc, 2);
        assert_undo_is_exact(&mut doc, &before, 2);
        assert_same_as_reload(&doc, 2);
        // A new risk point with its first record, then undone.
        let mut new = reviewed(&doc);
        let old_id = new.id;
        new.id = crate::domain::new_id();
        new.seq += 100_000;
        let mut record = doc.review_history(old_id).unwrap()[0].clone();
        record.id = crate::domain::new_id();
        record.risk_point_id = new.id;
        let before = whole_file(&doc);
        doc.apply("新风险点", &[Change::save(new), Change::save(record)]).unwrap();
        assert_undo_is_exact(&mut doc, &before, 3);
        assert_eq!(
            doc.counts().unwrap().iter().find(|(k, _)| *k == "审核记录").unwrap().1,
            before.review_records.len() + 1
        );
    }

    /// An import's thousands of new rows take the bulk path of `apply_in_memory` (appended,
    /// sorted once): in memory it must still equal the file, and after undo and redo too.
    #[test]
    fn a_bulk_import_in_memory_equals_a_reload_and_undoes_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bulk.db");
        let store = Store::create(&path, &crate::demo::build_seeded("jxau2010", 4).unwrap()).unwrap();
        let mut doc = Document::new(store).unwrap();
        // Another unit's lists, as a workbook read back gives them.
        let sheets: Vec<crate::workbook::Sheet> =
            crate::domain::lists::unit_tables(&crate::demo::build_seeded("jxau2010", 9).unwrap())
                .into_iter()
                .map(|t| {
                    let mut rows = vec![t.columns.clone()];
                    rows.extend(t.rows.iter().map(|r| r.iter().map(crate::domain::lists::Cell::text).collect()));
                    crate::workbook::Sheet { name: t.name, first_row: 0, rows }
                })
                .collect();
        let choices: Vec<_> = sheets.iter().map(|s| crate::workbook::guess_choice(&doc.content, s)).collect();
        let (plan, _) = crate::workbook::plan(&doc.content, &sheets, &choices);
        let skipped: Vec<String> = plan
            .sheets
            .iter()
            .flat_map(|s| &s.rows)
            .map(|r| r.outcome.text())
            .filter(|t| t.starts_with("跳过"))
            .collect();
        assert!(
            plan.added() > 200 && plan.updated() > 1_000,
            "{}: {:?}",
            plan.summary(),
            skipped.iter().take(5).collect::<Vec<_>>()
        );
        let edit = plan.edit("导入", crate::workbook::remember(&doc.content, &sheets, &choices));
        doc.apply(&edit.label, &edit.changes).unwrap();
        assert_same_as_reload(&doc, 1);
        doc.undo().unwrap();
        assert_same_as_reload(&doc, 2);
        doc.redo().unwrap();
        assert_same_as_reload(&doc, 3);
    }

    /// A print on a worker thread holds the content as it was when it started: an edit during
    /// the print copies the content for the window and leaves the print's alone; with no print
    /// running, an edit copies nothing.
    #[test]
    fn a_print_keeps_the_content_it_started_with_and_edits_copy_only_while_one_runs() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(&dir.path().join("print.db"), &crate::demo::build("tjbh2012").unwrap()).unwrap();
        let mut doc = Document::new(store).unwrap();
        let renamed = |doc: &Document, name: &str| {
            let mut dept = doc.content.departments[0].clone();
            dept.name = name.to_owned();
            Change::save(dept)
        };
        let printing = Arc::clone(&doc.content);
        let before = printing.departments[0].name.clone();
        doc.apply("改名", &[renamed(&doc, "印制期间改的名")]).unwrap();
        assert_eq!(printing.departments[0].name, before, "the print's content is left as it started");
        assert_eq!(doc.content.departments[0].name, "印制期间改的名");
        assert!(!Arc::ptr_eq(&printing, &doc.content));
        drop(printing);
        let shown = Arc::as_ptr(&doc.content);
        doc.apply("改名", &[renamed(&doc, "再改")]).unwrap();
        assert_eq!(Arc::as_ptr(&doc.content), shown, "no print: the content is changed where it is");
        assert_same_as_reload(&doc, 1);
    }
}
