//! Forms of the plan: 廉政风险防控工作主要流程及任务分解表 (001 附件一) and the 领导小组 roster.

use super::{Ctx, columns};
use crate::domain::dates::{format_date, format_opt_date, today};
use crate::domain::roster::printed_roster;
use crate::report::layout::{Block, Form};

pub(super) fn build(ctx: &Ctx<'_>) -> Vec<Form> {
    vec![if ctx.info.id == crate::domain::forms::FormId::GroupRoster { group_roster(ctx) } else { task_breakdown(ctx) }]
}

/// Phases and their tasks; a phase without tasks is one row of its own. A department subject
/// keeps the tasks it owns.
fn task_breakdown(ctx: &Ctx<'_>) -> Form {
    let c = ctx.c;
    let dept = ctx.subject.dept;
    let mut form = ctx.form(dept.map_or_else(String::new, |_| ctx.subject.describe(c, ctx.index)));
    form.landscape = true;
    let mut rows = Vec::new();
    for ph in &c.phases {
        let span = format!("{}—{}", format_opt_date(ph.starts_on), format_opt_date(ph.ends_on));
        let tasks: Vec<_> =
            c.tasks.iter().filter(|t| t.phase_id == ph.id && (dept.is_none() || t.dept_id == dept)).collect();
        if tasks.is_empty() && (dept.is_none() || ph.dept_id == dept) {
            rows.push(vec![
                ph.name.clone(),
                span.clone(),
                ph.description.clone(),
                ctx.index.dept_name(c, ph.dept_id).to_owned(),
                String::new(),
                ph.status.label().to_owned(),
            ]);
        }
        for t in tasks {
            rows.push(vec![
                ph.name.clone(),
                span.clone(),
                t.content.clone(),
                ctx.index.dept_name(c, t.dept_id).to_owned(),
                format_opt_date(t.due_on),
                t.status.label().to_owned(),
            ]);
        }
    }
    let cols =
        [("阶段", 2.0), ("起止时间", 1.8), ("工作任务", 3.5), ("责任部门", 1.4), ("完成时限", 1.4), ("状态", 0.8)];
    form.blocks.push(Block::Table { columns: columns(&cols), rows });
    form
}

/// 组长、副组长、成员 and the office, written as the plan prints them (`printed_roster`).
fn group_roster(ctx: &Ctx<'_>) -> Form {
    let c = ctx.c;
    let mut form = ctx.form(String::new());
    if ctx.plain_title() == ctx.info.title {
        form.title = format!("{}{}名单", c.unit.name, c.leading_group.name);
    }
    let mut lines = printed_roster(c, ctx.index);
    if lines.is_empty() {
        lines.push("（领导小组成员尚未填写）".to_owned());
    }
    form.particulars.1 = format!("日期：{}", format_date(today()));
    form.blocks.push(Block::Lines(lines));
    form
}
