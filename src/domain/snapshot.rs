//! Yearly snapshots of the inventory and what changed since one (动态管理, seeds 001–003).

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::Id;
use super::model::Stamp;

/// One risk point as it stood when the snapshot was taken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotRisk {
    pub id: Id,
    /// Where it sits, in words (财务处 / 会计岗).
    pub subject: String,
    pub class: String,
    pub description: String,
    pub grade: Option<u8>,
    /// Its measures' texts, sorted, so that a change in any of them shows.
    pub measures: Vec<String>,
}

/// The inventory as it stood.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inventory {
    pub risks: Vec<SnapshotRisk>,
}

/// A saved snapshot (table `snapshot`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub id: Id,
    pub year: i64,
    /// 2025年度风险清单
    pub label: String,
    pub inventory: Inventory,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// What changed between two inventories.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    pub added: Vec<SnapshotRisk>,
    pub removed: Vec<SnapshotRisk>,
    /// (before, after) for risk points whose level changed.
    pub regraded: Vec<(SnapshotRisk, SnapshotRisk)>,
    /// (before, after) for risk points whose measures changed.
    pub measures_changed: Vec<(SnapshotRisk, SnapshotRisk)>,
    /// (before, after) for risk points whose description or class changed.
    pub reworded: Vec<(SnapshotRisk, SnapshotRisk)>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.regraded.is_empty()
            && self.measures_changed.is_empty()
            && self.reworded.is_empty()
    }
}

/// Compares `before` (a snapshot) with `after` (usually now), matching risk points by id.
pub fn diff(before: &Inventory, after: &Inventory) -> Diff {
    let old: HashMap<Id, &SnapshotRisk> = before.risks.iter().map(|r| (r.id, r)).collect();
    let new_ids: BTreeSet<Id> = after.risks.iter().map(|r| r.id).collect();
    let mut d = Diff::default();
    for r in &after.risks {
        match old.get(&r.id) {
            None => d.added.push(r.clone()),
            Some(o) => {
                if o.grade != r.grade {
                    d.regraded.push(((*o).clone(), r.clone()));
                }
                if o.measures != r.measures {
                    d.measures_changed.push(((*o).clone(), r.clone()));
                }
                if o.description != r.description || o.class != r.class {
                    d.reworded.push(((*o).clone(), r.clone()));
                }
            }
        }
    }
    d.removed = before.risks.iter().filter(|r| !new_ids.contains(&r.id)).cloned().collect();
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_year_shows_what_changed() {
        let mut c = crate::demo::build("fzsx2013").unwrap();
        let last_year = c.inventory();
        assert!(diff(&last_year, &c.inventory()).is_empty());
        let removed = c.risk_points.remove(5).id;
        c.risk_points[0].grade = Some(1);
        c.risk_points[0].grade_rationale = "重新评定".into();
        let changed_measure = c.measures.iter().position(|m| m.risk_point_id == c.risk_points[1].id).unwrap();
        c.measures[changed_measure].content = "新增：每季度开展一次专项检查".into();
        let mut added = c.risk_points[2].clone();
        added.id = crate::domain::new_id();
        added.description = "新发现：课后服务收费管理不规范".into();
        c.risk_points.push(added.clone());
        let was_one = last_year.risks[0].grade == Some(1);
        let d = diff(&last_year, &c.inventory());
        assert_eq!(d.added.iter().map(|r| r.id).collect::<Vec<_>>(), [added.id]);
        assert_eq!(d.removed.iter().map(|r| r.id).collect::<Vec<_>>(), [removed]);
        assert_eq!(d.regraded.len(), usize::from(!was_one));
        assert_eq!(d.measures_changed.len(), 1);
        assert!(d.measures_changed[0].1.measures.iter().any(|m| m.contains("专项检查")));
    }
}
