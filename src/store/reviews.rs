//! The review history (审核记录) read from the file when it is shown: the window does not hold
//! it in memory (`Keep::WithoutHistory`; at 100,000 risk points it is the largest table).

use std::collections::HashSet;

use super::{Store, StoreError, table};
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

    /// Who signed review step `step` last (of any risk point), if anyone did by name.
    pub fn last_reviewer(&self, step: i64) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached(
                "SELECT reviewer FROM review_record WHERE step_index = ?1 AND reviewer <> '' \
                 ORDER BY created_at DESC, id DESC LIMIT 1",
            )?
            .query_row([step], |r| r.get(0))
            .optional()?)
    }

    /// How many review records the file holds.
    pub fn review_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM review_record", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

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
            assert_eq!(store.last_reviewer(step).unwrap(), last, "step {step}");
        }
    }
}
