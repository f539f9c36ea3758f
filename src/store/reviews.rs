//! The review history (审核记录) read from the file when it is shown: the window does not hold
//! it in memory (`Keep::WithoutHistory`; at 100,000 risk points it is the largest table).

use std::collections::HashSet;

use super::{Store, StoreError, table};
use crate::domain::stamp::Moment;
use crate::domain::{Id, ReviewRecord};

impl Store {
    /// The review records of one risk point in the order they were made (the table's order).
    pub fn review_history(&self, risk_point: Id) -> Result<Vec<ReviewRecord>, StoreError> {
        let tail = format!("WHERE risk_point_id = ?1 ORDER BY {}", <ReviewRecord as table::Table>::ORDER);
        table::select_where(&self.conn, &tail, [risk_point.to_string()])
    }

    /// The review record with `id`, if there is one.
    pub fn review_record(&self, id: Id) -> Result<Option<ReviewRecord>, StoreError> {
        Ok(table::select_where(&self.conn, "WHERE id = ?1", [id.to_string()])?.pop())
    }

    /// The review records of `risk_points` (each risk point's looked up by its index).
    pub fn review_records_of(&self, risk_points: &HashSet<Id>) -> Result<Vec<ReviewRecord>, StoreError> {
        let mut out = Vec::new();
        for rp in risk_points {
            out.extend(self.review_history(*rp)?);
        }
        Ok(out)
    }

    /// The newest record of review step `step` (of any risk point) signed by name, if any.
    /// A scan of the whole history (50 ms at 100,000 risk points): the window keeps what it
    /// learns up to date as it commits (`LastReview::followed_by`).
    pub fn last_review(&self, step: i64) -> Result<Option<LastReview>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached(
                "SELECT created_at, id, reviewer FROM review_record WHERE step_index = ?1 AND reviewer <> '' \
                 ORDER BY created_at DESC, id DESC LIMIT 1",
            )?
            .query_row([step], |r| {
                let created_at: String = r.get(0)?;
                Ok(LastReview { created_at: Moment::from(created_at.as_str()), id: r.get(1)?, reviewer: r.get(2)? })
            })
            .optional()?)
    }

    /// How many review records the file holds.
    pub fn review_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM review_record", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or_default())
    }
}

/// The newest review record of a step signed by name, by the order the file gives them: when
/// it was made, then its id, both as the file's text (SQLite compares them byte by byte, and so
/// do these).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastReview {
    pub created_at: Moment,
    pub id: String,
    pub reviewer: String,
}

impl LastReview {
    /// What the last review of a step is once `record` (of that step) was saved, as far as
    /// this says: `Some` the answer, `None` unknown (the last one itself was changed).
    pub fn followed_by(last: Option<&Self>, record: &ReviewRecord) -> Option<Option<Self>> {
        let id = record.id.to_string();
        let newer = |last: &Self| (&record.stamp.created_at, id.as_str()) > (&last.created_at, last.id.as_str());
        match last {
            Some(last) if last.id == id => None,
            Some(last) if record.reviewer.is_empty() || !newer(last) => Some(Some(last.clone())),
            None if record.reviewer.is_empty() => Some(None),
            _ => {
                Some(Some(Self { created_at: record.stamp.created_at.clone(), id, reviewer: record.reviewer.clone() }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    /// A saved record is the last of its step when signed and newer (made later, or at the same
    /// time with a larger id, as the file's text orders them); the last one changed is unknown.
    #[test]
    fn a_saved_record_follows_the_last_review_of_its_step() {
        let record = |at: &str, id: &str, reviewer: &str| ReviewRecord {
            id: id.parse().unwrap(),
            risk_point_id: Id::nil(),
            step_index: 1,
            step_name: "初审".into(),
            reviewer: reviewer.into(),
            reviewed_on: None,
            opinion: String::new(),
            passed: true,
            stamp: crate::domain::stamp::Stamp { created_at: at.into(), updated_at: at.into() },
        };
        let last_of = |r: &ReviewRecord| LastReview {
            created_at: r.stamp.created_at.clone(),
            id: r.id.to_string(),
            reviewer: r.reviewer.clone(),
        };
        let (a, b) = ("00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b");
        let first = record("2026-12-03T09:00:00+08:00", b, "张三");
        let last = last_of(&first);
        let follows = |r: &ReviewRecord| LastReview::followed_by(Some(&last), r);
        let later = record("2026-12-03T09:00:01+08:00", a, "李四");
        assert_eq!(follows(&later), Some(Some(last_of(&later))), "made later");
        let same_time_larger_id = record("2026-12-03T09:00:00+08:00", "00000000-0000-4000-8000-00000000000c", "王五");
        assert_eq!(follows(&same_time_larger_id), Some(Some(last_of(&same_time_larger_id))));
        let same_time_smaller_id = record("2026-12-03T09:00:00+08:00", a, "王五");
        assert_eq!(follows(&same_time_smaller_id), Some(Some(last.clone())), "older by id");
        assert_eq!(follows(&record("2026-12-03T09:00:01+08:00", a, "")), Some(Some(last.clone())), "unsigned");
        assert_eq!(follows(&record("2026-12-03T09:00:05+08:00", b, "")), None, "the last one itself, changed");
        assert_eq!(LastReview::followed_by(None, &later), Some(Some(last_of(&later))), "the first signed");
        assert_eq!(LastReview::followed_by(None, &record("2026-12-03T09:00:01+08:00", a, "")), Some(None));
    }

    /// Each query gives what a scan of the whole history in memory gives.
    #[test]
    fn queries_agree_with_the_history_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(&dir.path().join("h.db"), &crate::demo::build("jxau2010").unwrap()).unwrap();
        let content = store.load().unwrap();
        let all = &content.review_records;
        assert!(all.len() > 100, "{}", all.len());
        assert_eq!(store.review_count().unwrap(), all.len());
        for rp in content.risk_points.iter().step_by(97) {
            let mine: Vec<&ReviewRecord> = all.iter().filter(|r| r.risk_point_id == rp.id).collect();
            assert_eq!(store.review_history(rp.id).unwrap().iter().collect::<Vec<_>>(), mine);
            let set: HashSet<Id> = [rp.id].into();
            assert_eq!(store.review_records_of(&set).unwrap().iter().collect::<Vec<_>>(), mine);
        }
        let some: HashSet<Id> = content.risk_points.iter().step_by(97).map(|r| r.id).collect();
        let mut got: Vec<Id> = store.review_records_of(&some).unwrap().iter().map(|r| r.id).collect();
        let mut want: Vec<Id> = all.iter().filter(|r| some.contains(&r.risk_point_id)).map(|r| r.id).collect();
        got.sort();
        want.sort();
        assert!(want.len() > 10 && got == want, "{} of {}", got.len(), want.len());
        let first = &all[0];
        assert_eq!(store.review_record(first.id).unwrap().as_ref(), Some(first));
        assert_eq!(store.review_record(crate::domain::new_id()).unwrap(), None);
        for step in 0..4 {
            let last = all
                .iter()
                .filter(|r| r.step_index == step && !r.reviewer.is_empty())
                .max_by(|a, b| (&a.stamp.created_at, a.id).cmp(&(&b.stamp.created_at, b.id)))
                .map(|r| r.reviewer.clone());
            assert_eq!(store.last_review(step).unwrap().map(|l| l.reviewer), last, "step {step}");
        }
    }
}
