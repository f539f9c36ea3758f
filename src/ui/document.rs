//! The open file: the store, its content in memory and what is derived from it.

use crate::domain::content::ContentIndex;
use crate::domain::levels::DerivedLevels;
use crate::domain::{AuditEntry, Content, Scheme};
use crate::store::{Change, Store, StoreError};

/// An open file and everything the views read.
pub struct Document {
    pub store: Store,
    pub content: Content,
    pub index: ContentIndex,
    pub levels: DerivedLevels,
    /// The newest audit lines, newest first (read with the content, not per frame).
    pub recent_audit: Vec<AuditEntry>,
    /// Size of the file on disk in bytes, read with the content.
    pub file_size: u64,
}

const RECENT_AUDIT: usize = 20;

impl Document {
    pub fn new(store: Store) -> Result<Self, StoreError> {
        let content = store.load()?;
        let index = ContentIndex::build(&content);
        let levels = DerivedLevels::compute(&content);
        let recent_audit = store.recent_audit(RECENT_AUDIT)?;
        let file_size = file_size(&store);
        Ok(Self { store, content, index, levels, recent_audit, file_size })
    }

    pub fn scheme(&self) -> &Scheme {
        &self.content.unit.scheme
    }

    /// Commits `changes` in one transaction, then re-reads the content so that the views show
    /// exactly what is on disk.
    pub fn apply(&mut self, changes: &[Change]) -> Result<(), StoreError> {
        self.store.apply(changes)?;
        self.content = self.store.load()?;
        self.index = ContentIndex::build(&self.content);
        self.levels = DerivedLevels::compute(&self.content);
        self.recent_audit = self.store.recent_audit(RECENT_AUDIT)?;
        self.file_size = file_size(&self.store);
        Ok(())
    }
}

fn file_size(store: &Store) -> u64 {
    std::fs::metadata(store.path()).map(|m| m.len()).unwrap_or_default()
}
