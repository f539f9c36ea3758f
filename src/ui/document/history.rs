//! The review history (审核记录) of the open file: not held in memory (`Keep::WithoutHistory`),
//! read from the file when a view shows it, and named in edits so that its undo is exact.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::Document;
use crate::domain::change::{Change, Entity, Row};
use crate::domain::{Id, ReviewRecord, RiskPoint};
use crate::store::StoreError;

/// A risk point's review history as the file held it at a revision.
pub(super) struct ShownHistory {
    revision: u64,
    risk_point: Id,
    records: Rc<[ReviewRecord]>,
}

/// `n` review records, after `changes` were committed (`existed`: per change, whether the
/// store found the row there; a deletion always does).
pub(super) fn count_after(n: usize, changes: &[Change], existed: &[bool]) -> usize {
    changes.iter().zip(existed).fold(n, |n, (change, &existed)| match change {
        Change::Save(Row::ReviewRecord(_)) if !existed => n + 1,
        Change::Delete { table, .. } if *table == <ReviewRecord as Entity>::NAME => n.saturating_sub(1),
        _ => n,
    })
}

impl Document {
    /// Who signed review step `step` last (of any risk point), if anyone did by name.
    pub fn last_reviewer(&self, step: i64) -> Result<Option<String>, StoreError> {
        let mut known = self.last_reviews.borrow_mut();
        let last = match known.get(&step) {
            Some(last) => last.clone(),
            None => known.entry(step).or_insert(self.store.last_review(step)?).clone(),
        };
        Ok(last.map(|l| l.reviewer))
    }

    /// Keeps the last reviews known true once `changes` are committed (`existed`: per change,
    /// whether the store found the row already there): a new review record is the last of its
    /// step if it is signed and newer; one that was the last of its step, changed or deleted,
    /// leaves that step to be read again, and so does a record updated in a step (the file
    /// keeps its creation time, which the saved row need not carry). A reload forgets them all.
    pub(super) fn follow_reviews(&self, changes: &[Change], existed: &[bool]) {
        let mut known = self.last_reviews.borrow_mut();
        for (change, &existed) in changes.iter().zip(existed) {
            let (gone, saved) = match change {
                Change::Save(Row::ReviewRecord(r)) => (r.id, Some(r)),
                Change::Delete { table, id } if *table == <ReviewRecord as Entity>::NAME => (*id, None),
                _ => continue,
            };
            let gone = gone.to_string();
            known.retain(|_, last| last.as_ref().is_none_or(|l| l.id != gone));
            let Some(r) = saved else { continue };
            let now = match known.get(&r.step_index) {
                Some(last) if !existed => crate::store::LastReview::followed_by(last.as_ref(), r),
                _ => None,
            };
            match now {
                Some(now) => known.insert(r.step_index, now),
                None => known.remove(&r.step_index),
            };
        }
    }

    /// The review records of risk point `rp` in the order they were made, as the file holds
    /// them now.
    pub fn review_history(&self, rp: Id) -> Result<Rc<[ReviewRecord]>, StoreError> {
        if let Some(shown) = &*self.history_shown.borrow()
            && (shown.revision, shown.risk_point) == (self.revision, rp)
        {
            return Ok(Rc::clone(&shown.records));
        }
        let records: Rc<[ReviewRecord]> = self.store.review_history(rp)?.into();
        *self.history_shown.borrow_mut() =
            Some(ShownHistory { revision: self.revision, risk_point: rp, records: Rc::clone(&records) });
        Ok(records)
    }

    /// Row counts for the 数据报送 tab: the content's, with the review records counted in the file.
    pub fn counts(&self) -> Result<Vec<(&'static str, usize)>, StoreError> {
        let cached = self.review_count.borrow().filter(|(revision, _)| *revision == self.revision);
        let reviews = match cached {
            Some((_, n)) => n,
            None => {
                let n = self.store.review_count()?;
                *self.review_count.borrow_mut() = Some((self.revision, n));
                n
            }
        };
        Ok(self.content.counts(reviews))
    }

    /// `changes` with the review records of every risk point they delete deleted first, by
    /// name: the history is not in memory, so its undo is read from the file
    /// (`history_inverse`), and a cascade would delete it unseen. Also those records as the
    /// file holds them, for the undo.
    pub(super) fn with_history_deletes<'c>(
        &self,
        changes: &'c [Change],
    ) -> Result<(Cow<'c, [Change]>, Vec<ReviewRecord>), StoreError> {
        let deleted = |kind: &str| -> HashSet<Id> {
            changes
                .iter()
                .filter_map(|c| match c {
                    Change::Delete { table, id } if *table == kind => Some(*id),
                    _ => None,
                })
                .collect()
        };
        let risk_points = deleted(RiskPoint::NAME);
        if risk_points.is_empty() {
            return Ok((Cow::Borrowed(changes), Vec::new()));
        }
        let records = self.store.review_records_of(&risk_points)?;
        let named = deleted(ReviewRecord::NAME);
        let mut history: Vec<Change> =
            records.iter().filter(|r| !named.contains(&r.id)).map(|r| Change::delete::<ReviewRecord>(r.id)).collect();
        if history.is_empty() {
            return Ok((Cow::Borrowed(changes), records));
        }
        history.extend_from_slice(changes);
        Ok((Cow::Owned(history), records))
    }

    /// The changes that undo the review-record changes among `changes`, from the rows in the
    /// file before them (each row as the changes before it in this edit left it), newest first.
    /// `read`: rows already read from the file before the edit; others are read one by one.
    pub(super) fn history_inverse(
        &self,
        changes: &[Change],
        read: Vec<ReviewRecord>,
    ) -> Result<Vec<Change>, StoreError> {
        let mut state: HashMap<Id, Option<ReviewRecord>> = read.into_iter().map(|r| (r.id, Some(r))).collect();
        let mut undo = Vec::new();
        for change in changes.iter().filter(|c| c.table() == ReviewRecord::NAME) {
            let (id, after) = match change {
                Change::Save(Row::ReviewRecord(r)) => (r.id, Some(r.clone())),
                Change::Delete { id, .. } => (*id, None),
                _ => continue,
            };
            let before = match state.remove(&id) {
                Some(known) => known,
                None => self.store.review_record(id)?,
            };
            let after = after.map(|mut r| {
                // An update keeps the row's creation time (see `table::upsert`).
                if let Some(old) = &before {
                    r.stamp.created_at.clone_from(&old.stamp.created_at);
                }
                r
            });
            match (&before, &after) {
                (Some(old), _) => undo.push(Change::save(old.clone())),
                (None, Some(_)) => undo.push(Change::delete::<ReviewRecord>(id)),
                (None, None) => {}
            }
            state.insert(id, after);
        }
        undo.reverse();
        Ok(undo)
    }
}

/// The review records are in the file, not in memory.
impl crate::domain::ops::removal::ReviewIds for Document {
    fn review_ids(&self, risk_points: &HashSet<Id>) -> Result<Vec<Id>, String> {
        let records = self.store.review_records_of(risk_points).map_err(|e| e.to_string())?;
        Ok(records.into_iter().map(|r| r.id).collect())
    }
}
