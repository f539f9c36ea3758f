//! The plan (实施方案): its header, phases and their tasks, and pilot batches.

use super::{Rule, required, updated};
use crate::domain::change::{Change, Edit};
use crate::domain::*;

/// The plan, its phases and tasks as the scheme lays them out, dated in `year`.
pub fn new_plan(c: &Content, year: i32) -> Edit {
    let title = format!("{}廉政风险防控工作实施方案", c.unit.name);
    let (plan, phases, tasks) = plan::plan_from_scheme(&c.unit.scheme, year, &title, new_id);
    let mut changes = vec![Change::save(plan)];
    changes.extend(phases.into_iter().map(Change::save));
    changes.extend(tasks.into_iter().map(Change::save));
    Edit::new("新建实施方案", changes)
}

/// The plan's header as typed (texts trimmed, the guiding text kept as written).
pub fn edit_plan(old: &Plan, mut new: Plan) -> Result<Option<Edit>, Rule> {
    new.title = required(&new.title, "标题")?;
    for text in [&mut new.doc_no, &mut new.issuer, &mut new.signer] {
        *text = text.trim().to_owned();
    }
    Ok(updated("修改实施方案", old, new))
}

fn the_plan(c: &Content) -> Result<&Plan, Rule> {
    c.plans.first().ok_or_else(|| Rule::Forbidden("请先新建实施方案".into()))
}

/// A new phase called `name`, last in the plan.
pub fn add_phase(c: &Content, name: &str) -> Result<Edit, Rule> {
    let name = required(name, "阶段名称")?;
    let phase = Phase {
        id: new_id(),
        plan_id: the_plan(c)?.id,
        seq: next_seq(&c.phases),
        name,
        starts_on: None,
        ends_on: None,
        description: String::new(),
        dept_id: None,
        status: WorkStatus::NotStarted,
        stamp: Stamp::now(),
    };
    Ok(Edit::save("添加阶段", phase))
}

/// A phase as edited: named, and not ending before it starts.
pub fn edit_phase(old: &Phase, mut new: Phase) -> Result<Option<Edit>, Rule> {
    new.name = required(&new.name, "阶段名称")?;
    if let (Some(s), Some(e)) = (new.starts_on, new.ends_on)
        && e < s
    {
        return Err(Rule::Forbidden("结束日期早于开始日期".into()));
    }
    Ok(updated(format!("修改阶段“{}”", new.name), old, new))
}

/// A phase with its tasks.
pub fn remove_phase(c: &Content, phase: &Phase) -> Edit {
    let tasks: Vec<Id> = c.tasks.iter().filter(|t| t.phase_id == phase.id).map(|t| t.id).collect();
    let label = format!("删除阶段“{}”及其 {} 项任务", phase.name, tasks.len());
    let mut changes: Vec<Change> = tasks.into_iter().map(Change::delete::<Task>).collect();
    changes.push(Change::delete::<Phase>(phase.id));
    Edit::new(label, changes)
}

/// A new task, last in its phase, with the phase's department and end date as its own.
pub fn add_task(c: &Content, phase: &Phase, content: &str) -> Result<Edit, Rule> {
    let task = Task {
        id: new_id(),
        phase_id: phase.id,
        seq: next_seq(c.tasks.iter().filter(|t| t.phase_id == phase.id)),
        content: required(content, "任务内容")?,
        dept_id: phase.dept_id,
        due_on: phase.ends_on,
        status: WorkStatus::NotStarted,
        stamp: Stamp::now(),
    };
    Ok(Edit::save("添加任务", task))
}

pub fn edit_task(old: &Task, mut new: Task) -> Result<Option<Edit>, Rule> {
    new.content = required(&new.content, "任务内容")?;
    Ok(updated(format!("修改任务“{}”", new.content), old, new))
}

pub fn remove_task(task: &Task) -> Edit {
    Edit::delete::<Task>(format!("删除任务“{}”", task.content), task.id)
}

/// A new pilot batch, last.
pub fn add_batch(c: &Content, name: &str) -> Result<Edit, Rule> {
    let batch = PilotBatch {
        id: new_id(),
        plan_id: the_plan(c)?.id,
        seq: next_seq(&c.pilot_batches),
        name: required(name, "批次名称")?,
        starts_on: None,
        note: String::new(),
        stamp: Stamp::now(),
    };
    Ok(Edit::save("添加批次", batch))
}

pub fn edit_batch(old: &PilotBatch, mut new: PilotBatch) -> Result<Option<Edit>, Rule> {
    new.name = required(&new.name, "批次名称")?;
    new.note = new.note.trim().to_owned();
    Ok(updated(format!("修改批次“{}”", new.name), old, new))
}

/// A batch and its department links (the departments stay).
pub fn remove_batch(c: &Content, batch: &PilotBatch) -> Edit {
    let links = c.pilot_batch_depts.iter().filter(|l| l.batch_id == batch.id);
    let mut changes: Vec<Change> = links.map(|l| Change::delete::<PilotBatchDept>(l.id)).collect();
    changes.push(Change::delete::<PilotBatch>(batch.id));
    Edit::new(format!("删除批次“{}”", batch.name), changes)
}

/// Puts `dept` into `batch`, or takes it out.
pub fn toggle_batch_dept(c: &Content, batch: &PilotBatch, dept: &Department) -> Edit {
    match c.pilot_batch_depts.iter().find(|l| l.batch_id == batch.id && l.dept_id == dept.id) {
        Some(l) => Edit::delete::<PilotBatchDept>(format!("{}移出{}", dept.name, batch.name), l.id),
        None => {
            let link = PilotBatchDept { id: new_id(), batch_id: batch.id, dept_id: dept.id, stamp: Stamp::now() };
            Edit::save(format!("{}加入{}", dept.name, batch.name), link)
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::change::Row;

    fn planned() -> Content {
        let mut c = Content::new_unit("单位", "", Scheme::preset("jxau2010").unwrap().unwrap());
        (c.plans, c.phases, c.tasks) = (Vec::new(), Vec::new(), Vec::new());
        for change in new_plan(&c, 2027).changes {
            match change {
                Change::Save(Row::Plan(p)) => c.plans.push(p),
                Change::Save(Row::Phase(p)) => c.phases.push(p),
                Change::Save(Row::Task(t)) => c.tasks.push(t),
                other => panic!("{other:?}"),
            }
        }
        c
    }

    #[test]
    fn a_phase_needs_a_plan_a_name_and_dates_in_order() {
        let mut empty = Content::new_unit("单位", "", Scheme::preset("jxau2010").unwrap().unwrap());
        empty.plans.clear();
        assert_eq!(add_phase(&empty, "总结").unwrap_err().to_string(), "请先新建实施方案");
        let c = planned();
        assert!(!c.phases.is_empty() && c.plans.len() == 1);
        let Change::Save(Row::Phase(p)) = &add_phase(&c, " 总结 ").unwrap().changes[0] else { panic!() };
        assert_eq!((p.name.as_str(), p.seq), ("总结", next_seq(&c.phases)));
        let first = &c.phases[0];
        let backwards = Phase {
            starts_on: NaiveDate::from_ymd_opt(2027, 5, 1),
            ends_on: NaiveDate::from_ymd_opt(2027, 4, 1),
            ..first.clone()
        };
        assert_eq!(edit_phase(first, backwards).unwrap_err().to_string(), "结束日期早于开始日期");
    }

    #[test]
    fn tasks_go_last_in_their_phase_and_go_with_it() {
        let c = planned();
        let phase = &c.phases[0];
        let Change::Save(Row::Task(t)) = &add_task(&c, phase, "自查").unwrap().changes[0] else { panic!() };
        let in_phase = c.tasks.iter().filter(|t| t.phase_id == phase.id);
        assert_eq!(t.seq, in_phase.clone().map(|t| t.seq + 1).max().unwrap_or(0));
        assert_eq!((t.due_on, t.dept_id), (phase.ends_on, phase.dept_id));
        let removal = remove_phase(&c, phase);
        assert_eq!(removal.changes.len(), in_phase.count() + 1);
        assert_eq!(removal.changes.last(), Some(&Change::delete::<Phase>(phase.id)));
    }

    #[test]
    fn a_late_task_is_overdue_until_done() {
        let c = planned();
        let mut t = c.tasks[0].clone();
        t.due_on = NaiveDate::from_ymd_opt(2027, 3, 1);
        let day_after = NaiveDate::from_ymd_opt(2027, 3, 2).unwrap();
        assert!(t.is_overdue(day_after) && !t.is_overdue(NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()));
        t.status = WorkStatus::Done;
        assert!(!t.is_overdue(day_after));
    }
}
