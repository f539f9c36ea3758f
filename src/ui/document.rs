//! The open file: the store, its content in memory and what is derived from it.

use crate::domain::content::ContentIndex;
use crate::domain::levels::DerivedLevels;
use crate::domain::{AuditEntry, Content, Scheme};
use crate::store::{Change, Store, StoreError, inverse};

/// How many edits can be undone.
const UNDO_DEPTH: usize = 100;

/// One undoable edit: what it was called and the changes that take it back.
struct UndoStep {
    label: String,
    inverse: Vec<Change>,
}

/// An open file and everything the views read.
pub struct Document {
    pub store: Store,
    pub content: Content,
    pub index: ContentIndex,
    pub levels: DerivedLevels,
    /// The newest edits as the user named them, newest first (read with the content, not per frame).
    pub recent_audit: Vec<AuditEntry>,
    /// Size of the file on disk in bytes, read with the content.
    pub file_size: u64,
    /// Raised by every applied edit, so views can refresh their drafts.
    pub revision: u64,
    undo: Vec<UndoStep>,
    /// When the last backup was written (none yet: one is due).
    last_backup: Option<std::time::Instant>,
    /// The backups found the last time the user asked to see them.
    pub backups: Option<Vec<crate::store::backup::BackupInfo>>,
    /// The last hand-up export of this session and its printed 报送单.
    pub last_export: Option<Exported>,
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
        let content = store.load()?;
        let index = ContentIndex::build(&content);
        let levels = DerivedLevels::compute(&content);
        let recent_audit = store.recent_edits(RECENT_AUDIT)?;
        let file_size = file_size(&store);
        Ok(Self {
            store,
            content,
            index,
            levels,
            recent_audit,
            file_size,
            revision: 0,
            undo: Vec::new(),
            last_backup: None,
            backups: None,
            last_export: None,
        })
    }

    pub fn scheme(&self) -> &Scheme {
        &self.content.unit.scheme
    }

    /// Commits `changes` in one transaction and remembers how to undo them. When this returns
    /// `Ok`, the edit is on disk and the views show what is on disk.
    pub fn apply(&mut self, label: &str, changes: &[Change]) -> Result<(), StoreError> {
        let inverse = inverse(&self.content, changes);
        self.commit(label, changes).inspect_err(|e| self.reload_if_stale(e))?;
        self.undo.push(UndoStep { label: label.to_owned(), inverse });
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        Ok(())
    }

    /// Writes a backup if none was written yet or the last is older than `BACKUP_EVERY`.
    /// Read-only files are not backed up (they do not change).
    pub fn backup_if_due(&mut self) -> Result<Option<std::path::PathBuf>, StoreError> {
        if self.store.read_only().is_some() || self.last_backup.is_some_and(|t| t.elapsed() < BACKUP_EVERY) {
            return Ok(None);
        }
        self.backup_now().map(Some)
    }

    pub fn backup_now(&mut self) -> Result<std::path::PathBuf, StoreError> {
        let path = self.store.backup()?;
        self.last_backup = Some(std::time::Instant::now());
        self.backups = None;
        Ok(path)
    }

    /// What the next undo would take back.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|u| u.label.as_str())
    }

    /// Takes back the last edit (itself a committed, audited edit). Returns its label.
    pub fn undo(&mut self) -> Result<Option<String>, StoreError> {
        let Some(step) = self.undo.pop() else { return Ok(None) };
        if let Err(e) = self.commit(&format!("撤销：{}", step.label), &step.inverse) {
            self.undo.push(step);
            self.reload_if_stale(&e);
            return Err(e);
        }
        Ok(Some(step.label))
    }

    /// After a refused stale edit: show what is on disk now. The undo steps were computed from
    /// the old content and could put back someone else's change, so they are dropped.
    fn reload_if_stale(&mut self, e: &StoreError) {
        if !matches!(e, StoreError::Stale) {
            return;
        }
        if let Ok(content) = self.store.load() {
            self.index = ContentIndex::build(&content);
            self.levels = DerivedLevels::compute(&content);
            self.content = content;
            self.recent_audit = self.store.recent_edits(RECENT_AUDIT).unwrap_or_default();
            self.file_size = file_size(&self.store);
            self.revision += 1;
            self.undo.clear();
        }
    }

    fn commit(&mut self, label: &str, changes: &[Change]) -> Result<(), StoreError> {
        self.store.apply_labelled(label, changes)?;
        self.content = self.store.load()?;
        self.index = ContentIndex::build(&self.content);
        self.levels = DerivedLevels::compute(&self.content);
        self.recent_audit = self.store.recent_edits(RECENT_AUDIT)?;
        self.file_size = file_size(&self.store);
        self.revision += 1;
        Ok(())
    }
}

fn file_size(store: &Store) -> u64 {
    std::fs::metadata(store.path()).map(|m| m.len()).unwrap_or_default()
}
