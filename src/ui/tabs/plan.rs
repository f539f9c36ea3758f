//! 工作方案: the plan document, its phases and tasks (today's phase shown, overdue ones in red),
//! and pilot batches.

use super::View;
use crate::domain::dates::{format_month_day, format_opt_date, today};
use crate::domain::{Phase, WorkStatus};
use crate::ui::app::Command;
use crate::ui::document::Document;
use crate::ui::widgets::{OK, WARN, empty_ui, section_ui};

#[derive(Default)]
pub struct PlanView;

impl View for PlanView {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            plan_header_ui(ui, doc);
            phases_ui(ui, doc);
            batches_ui(ui, doc);
        });
        Vec::new()
    }
}

fn plan_header_ui(ui: &mut egui::Ui, doc: &Document) {
    section_ui(ui, "实施方案");
    let Some(plan) = doc.content.plans.first() else {
        empty_ui(ui, "实施方案");
        return;
    };
    egui::Grid::new("plan_header").num_columns(2).striped(true).show(ui, |ui| {
        for (k, v) in [
            ("文号", plan.doc_no.clone()),
            ("标题", plan.title.clone()),
            ("发文机关", plan.issuer.clone()),
            ("签发人", plan.signer.clone()),
            ("签发日期", format_opt_date(plan.signed_on)),
            ("印发日期", format_opt_date(plan.issued_on)),
            ("方案模板", doc.scheme().name.clone()),
        ] {
            ui.strong(k);
            ui.label(if v.is_empty() { "—".to_owned() } else { v });
            ui.end_row();
        }
    });
    ui.add_space(4.0);
    ui.strong("指导思想");
    ui.label(&plan.guiding_text);
}

fn phase_dates(p: &Phase) -> String {
    match (p.starts_on, p.ends_on) {
        (Some(s), Some(e)) => format!("{}—{}", format_month_day(s), format_month_day(e)),
        (s, e) => format!("{}—{}", format_opt_date(s), format_opt_date(e)),
    }
}

fn phases_ui(ui: &mut egui::Ui, doc: &Document) {
    section_ui(ui, "阶段与任务");
    if doc.content.phases.is_empty() {
        empty_ui(ui, "阶段");
    }
    let today = today();
    for phase in &doc.content.phases {
        let current = phase.starts_on.is_some_and(|s| s <= today) && phase.ends_on.is_some_and(|e| today <= e);
        let overdue = phase.status != WorkStatus::Done && phase.ends_on.is_some_and(|e| e < today);
        let mut title = format!("{}　{}　{}", phase.name, phase_dates(phase), phase.status.label());
        if current {
            title.push_str("　【当前阶段】");
        }
        if overdue {
            title.push_str("　【已逾期】");
        }
        let color = if overdue {
            WARN
        } else if phase.status == WorkStatus::Done {
            OK
        } else {
            ui.visuals().text_color()
        };
        egui::CollapsingHeader::new(egui::RichText::new(title).color(color).strong())
            .id_salt(phase.id)
            .default_open(current)
            .show(ui, |ui| {
                if !phase.description.is_empty() {
                    ui.label(&phase.description);
                }
                ui.label(format!("责任部门：{}", doc.index.dept_name(&doc.content, phase.dept_id)));
                for task in doc.content.tasks.iter().filter(|t| t.phase_id == phase.id) {
                    let late = task.status != WorkStatus::Done && task.due_on.is_some_and(|d| d < today);
                    let text = format!(
                        "· {}（{}，时限 {}）{}",
                        task.content,
                        task.status.label(),
                        format_opt_date(task.due_on),
                        if late { "【已逾期】" } else { "" }
                    );
                    if late {
                        ui.colored_label(WARN, text)
                    } else {
                        ui.label(text)
                    };
                }
            });
    }
}

fn batches_ui(ui: &mut egui::Ui, doc: &Document) {
    if doc.content.pilot_batches.is_empty() {
        return;
    }
    section_ui(ui, "分批推进");
    for batch in &doc.content.pilot_batches {
        let mut members: Vec<&crate::domain::Department> = doc
            .content
            .pilot_batch_depts
            .iter()
            .filter(|d| d.batch_id == batch.id)
            .filter_map(|d| doc.index.department(&doc.content, Some(d.dept_id)))
            .collect();
        members.sort_by_key(|d| d.seq);
        let depts: Vec<&str> = members.iter().map(|d| d.name.as_str()).collect();
        ui.label(egui::RichText::new(format!("{}（{}起）", batch.name, format_opt_date(batch.starts_on))).strong());
        if !batch.note.is_empty() {
            ui.weak(&batch.note);
        }
        ui.label(format!("{} 个部门：{}", depts.len(), depts.join("、")));
    }
}
