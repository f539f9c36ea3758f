//! The forms that are printed so far, each a small declaration: title, columns and the rows
//! taken from the content handed in. No SQL here. (The other forms of the catalogue follow.)

use super::layout::{Column, TableForm};
use crate::domain::content::ContentIndex;
use crate::domain::dates::{format_opt_date, today};
use crate::domain::roster::roster_lines;
use crate::domain::{Content, MeasurePhase, RiskScope};

/// Which rows: the whole unit, or one department by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subject {
    pub dept: Option<String>,
}

/// Form ids that can be printed now.
pub const PRINTABLE: [&str; 4] = ["post_risk_analysis", "post_level_catalogue", "task_breakdown", "group_roster"];

fn columns(spec: &[(&str, f32)]) -> Vec<Column> {
    spec.iter().map(|(h, w)| Column { header: (*h).to_owned(), weight: *w }).collect()
}

fn signature() -> Vec<String> {
    vec!["填表人（签字）：　　　　　　　　　　审核人/负责人（签字）：".to_owned()]
}

fn particulars(c: &Content) -> (String, String) {
    (format!("单位（公章）：{}", c.unit.name), "填表日期：　　　　年　　月　　日".to_owned())
}

/// The form `id` for `subject`, or why not.
pub fn build(c: &Content, id: &str, subject: &Subject) -> Result<TableForm, String> {
    let dept_id = match &subject.dept {
        Some(name) => Some(
            c.departments.iter().find(|d| d.name == *name).map(|d| d.id).ok_or(format!("没有名为“{name}”的部门"))?,
        ),
        None => None,
    };
    let info = crate::domain::forms::by_id(id).ok_or(format!("没有编号为“{id}”的表格（lianfang forms 可列出全部）"))?;
    let index = ContentIndex::build(c);
    let s = c.scheme();
    let mut form = TableForm {
        title: format!("{}{}", c.unit.name, info.title),
        particulars: particulars(c),
        columns: Vec::new(),
        rows: Vec::new(),
        landscape: false,
        signature: signature(),
    };
    match id {
        "post_risk_analysis" => {
            form.landscape = true;
            let phase = |p| s.measure_phase_name(p).to_owned();
            form.columns = columns(&[
                ("序号", 0.6),
                ("部门", 1.2),
                ("岗位", 1.3),
                ("风险点", 2.0),
                ("表现形式", 3.6),
                ("风险等级", 0.9),
                (&phase(MeasurePhase::Before), 2.2),
                (&phase(MeasurePhase::During), 2.2),
                (&phase(MeasurePhase::After), 2.2),
            ]);
            let posts = c.risk_points.iter().filter(|r| r.scope == RiskScope::Post);
            for (n, rp) in posts.filter(|r| dept_id.is_none() || r.dept_id == dept_id).enumerate() {
                let post = index.post(c, rp.post_id);
                let measure = |p: MeasurePhase| {
                    index
                        .measures_of
                        .get(&rp.id)
                        .into_iter()
                        .flatten()
                        .filter_map(|i| c.measures.get(*i))
                        .filter(|m| m.phase == p)
                        .map(|m| m.content.clone())
                        .collect::<Vec<_>>()
                        .join("；")
                };
                form.rows.push(vec![
                    (n + 1).to_string(),
                    index.dept_name(c, rp.dept_id.or(post.map(|p| p.dept_id))).to_owned(),
                    post.map_or_else(String::new, |p| p.name.clone()),
                    rp.description.clone(),
                    rp.manifestation.clone(),
                    s.level_name(rp.grade).to_owned(),
                    measure(MeasurePhase::Before),
                    measure(MeasurePhase::During),
                    measure(MeasurePhase::After),
                ]);
            }
        }
        "post_level_catalogue" => {
            form.columns = columns(&[
                ("序号", 0.6),
                ("部门", 1.6),
                ("岗位", 1.8),
                ("岗位层次", 1.4),
                ("风险等级", 1.0),
                ("风险点数", 0.9),
            ]);
            let levels = crate::domain::levels::DerivedLevels::compute(c);
            let posts = c.posts.iter().filter(|p| dept_id.is_none() || Some(p.dept_id) == dept_id);
            for (n, p) in posts.enumerate() {
                let count = c.risk_points.iter().filter(|r| r.post_id == Some(p.id)).count();
                form.rows.push(vec![
                    (n + 1).to_string(),
                    index.dept_name(c, Some(p.dept_id)).to_owned(),
                    p.name.clone(),
                    s.tier_name(p.tier).to_owned(),
                    s.level_name(levels.post(p.id)).to_owned(),
                    count.to_string(),
                ]);
            }
        }
        "task_breakdown" => {
            form.landscape = true;
            form.columns = columns(&[
                ("阶段", 2.0),
                ("起止时间", 1.8),
                ("工作任务", 3.5),
                ("责任部门", 1.4),
                ("完成时限", 1.4),
                ("状态", 0.8),
            ]);
            for ph in &c.phases {
                let span = format!("{}—{}", format_opt_date(ph.starts_on), format_opt_date(ph.ends_on));
                let tasks: Vec<_> = c.tasks.iter().filter(|t| t.phase_id == ph.id).collect();
                if tasks.is_empty() {
                    form.rows.push(vec![
                        ph.name.clone(),
                        span.clone(),
                        ph.description.clone(),
                        index.dept_name(c, ph.dept_id).to_owned(),
                        String::new(),
                        ph.status.label().to_owned(),
                    ]);
                }
                for t in tasks {
                    form.rows.push(vec![
                        ph.name.clone(),
                        span.clone(),
                        t.content.clone(),
                        index.dept_name(c, t.dept_id).to_owned(),
                        format_opt_date(t.due_on),
                        t.status.label().to_owned(),
                    ]);
                }
            }
        }
        "group_roster" => {
            form.title = format!("{}{}名单", c.unit.name, c.leading_group.name);
            form.columns = columns(&[("职位", 1.4), ("姓名", 1.2), ("职务", 3.0)]);
            for line in roster_lines(c) {
                form.rows.push(vec![line.role_text, line.name_text, line.titles]);
            }
            if !c.leading_group.members_note.is_empty() {
                form.rows.push(vec!["成员".into(), c.leading_group.members_note.clone(), String::new()]);
            }
            let office = if c.leading_group.office_location.is_empty() {
                index.dept_name(c, c.leading_group.office_dept_id).to_owned()
            } else {
                c.leading_group.office_location.clone()
            };
            form.rows.push(vec!["办公室设在".into(), office, String::new()]);
            form.particulars.1 = format!("日期：{}", crate::domain::dates::format_date(today()));
        }
        _ => return Err(format!("“{}”的打印尚未实现；目前可打印：{}", info.title, PRINTABLE.join("、"))),
    }
    Ok(form)
}
