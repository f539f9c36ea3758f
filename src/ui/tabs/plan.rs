//! 工作方案: the plan document, its phases and tasks (today's phase shown, overdue ones in red),
//! and pilot batches — all editable; every change is one undoable, saved edit.

use std::collections::HashMap;

use chrono::{Datelike as _, NaiveDate};

use super::View;
use crate::domain::dates::{format_month_day, format_opt_date, today};
use crate::domain::ops::plan as ops;
use crate::domain::ops::reorder;
use crate::domain::{Id, Phase, PilotBatch, PilotBatchDept, Plan, WorkStatus};
use crate::ui::command::{Command, outcome};
use crate::ui::document::Document;
use crate::ui::form::{
    add_row_ui, date_field_ui, date_text, dept_combo_ui, error_ui, multiline_field_ui, status_combo_ui, text_field_ui,
};
use crate::ui::widgets::editing_ui;
use crate::ui::widgets::{OK, WARN, empty_ui, section_ui};

/// Editable texts of the plan header (dates as typed).
#[derive(Default)]
struct PlanDraft {
    doc_no: String,
    title: String,
    issuer: String,
    signer: String,
    signed_on: String,
    issued_on: String,
    guiding_text: String,
    error: String,
}

/// Editable texts of a phase or task.
#[derive(Default)]
struct RowDraft {
    name: String,
    start: String,
    end: String,
    description: String,
    error: String,
}

#[derive(Default)]
pub struct PlanView {
    seen_revision: Option<u64>,
    plan: Option<PlanDraft>,
    rows: HashMap<Id, RowDraft>,
    new_task: HashMap<Id, String>,
    new_phase: String,
    new_batch: String,
    error: String,
    batch_error: String,
}

/// The year a typed month and day (3/31) falls in: the plan's working year.
fn plan_year(doc: &Document) -> i32 {
    crate::domain::plan::working_year(&doc.content, today())
}

impl View for PlanView {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        if self.seen_revision != Some(doc.revision) {
            // The file changed (an edit or an undo): drafts start again from what is saved.
            *self = Self { seen_revision: Some(doc.revision), ..Self::default() };
        }
        let mut out = Vec::new();
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            // Editors are disabled in a read-only file; the phases still open for reading.
            out.extend(editing_ui(ui, doc, |ui| self.plan_header_ui(ui, doc)));
            out.extend(self.phases_ui(ui, doc));
            out.extend(editing_ui(ui, doc, |ui| self.batches_ui(ui, doc)));
        });
        out
    }
}

impl PlanView {
    fn plan_header_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        section_ui(ui, "实施方案");
        let Some(plan) = doc.content.plans.first() else {
            empty_ui(ui, "实施方案");
            if ui.button("按方案模板新建实施方案").clicked() {
                return vec![Command::Edit(ops::new_plan(&doc.content, today().year()))];
            }
            return Vec::new();
        };
        let d = self.plan.get_or_insert_with(|| PlanDraft {
            doc_no: plan.doc_no.clone(),
            title: plan.title.clone(),
            issuer: plan.issuer.clone(),
            signer: plan.signer.clone(),
            signed_on: date_text(plan.signed_on),
            issued_on: date_text(plan.issued_on),
            guiding_text: plan.guiding_text.clone(),
            error: String::new(),
        });
        let mut commit = false;
        let year = plan_year(doc);
        egui::Grid::new("plan_header").num_columns(2).show(ui, |ui| {
            commit |= text_field_ui(ui, "文号：", &mut d.doc_no, 360.0);
            ui.end_row();
            commit |= text_field_ui(ui, "标题：", &mut d.title, 720.0);
            ui.end_row();
            commit |= text_field_ui(ui, "发文机关：", &mut d.issuer, 360.0);
            ui.end_row();
            commit |= text_field_ui(ui, "签发人：", &mut d.signer, 200.0);
            ui.end_row();
            commit |= date_field_ui(ui, "签发日期：", &mut d.signed_on, year).is_some();
            ui.end_row();
            commit |= date_field_ui(ui, "印发日期：", &mut d.issued_on, year).is_some();
            ui.end_row();
        });
        commit |= multiline_field_ui(ui, "指导思想：", &mut d.guiding_text, 3);
        ui.label(format!("方案模板：{}", doc.scheme().name));
        error_ui(ui, &d.error);
        if !commit {
            return Vec::new();
        }
        let (signed, issued) = match (
            crate::domain::dates::parse_date(&d.signed_on, year),
            crate::domain::dates::parse_date(&d.issued_on, year),
        ) {
            (Ok(s), Ok(i)) => (s, i),
            (Err(e), _) | (_, Err(e)) => {
                d.error = e;
                return Vec::new();
            }
        };
        let new = Plan {
            doc_no: d.doc_no.clone(),
            title: d.title.clone(),
            issuer: d.issuer.clone(),
            signer: d.signer.clone(),
            signed_on: signed,
            issued_on: issued,
            guiding_text: d.guiding_text.clone(),
            ..plan.clone()
        };
        outcome(ops::edit_plan(plan, new), &mut d.error)
    }

    fn phases_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let mut out = Vec::new();
        section_ui(ui, "阶段与任务");
        let c = &doc.content;
        if c.phases.is_empty() {
            empty_ui(ui, "阶段");
        }
        let today = today();
        let year = plan_year(doc);
        for (i, phase) in c.phases.iter().enumerate() {
            let current = phase.starts_on.is_some_and(|s| s <= today) && phase.ends_on.is_some_and(|e| today <= e);
            let overdue = phase.is_overdue(today);
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
                    editing_ui(ui, doc, |ui| {
                        out.extend(self.phase_editor_ui(ui, doc, phase, year));
                        out.extend(self.phase_buttons_ui(ui, doc, i));
                        out.extend(self.tasks_ui(ui, doc, phase, year));
                    });
                });
        }
        out.extend(editing_ui(ui, doc, |ui| {
            let labels = ("新阶段名称：", "添加阶段");
            add_row_ui(ui, labels, &mut self.new_phase, &mut self.error, |name| ops::add_phase(c, name))
        }));
        error_ui(ui, &self.error);
        out
    }

    fn phase_editor_ui(&mut self, ui: &mut egui::Ui, doc: &Document, phase: &Phase, year: i32) -> Vec<Command> {
        let d = self.rows.entry(phase.id).or_insert_with(|| RowDraft {
            name: phase.name.clone(),
            start: date_text(phase.starts_on),
            end: date_text(phase.ends_on),
            description: phase.description.clone(),
            error: String::new(),
        });
        let mut new = phase.clone();
        let mut commit = false;
        ui.horizontal(|ui| {
            commit |= text_field_ui(ui, "阶段名称：", &mut d.name, 260.0);
            if let Some(r) = date_field_ui(ui, "开始：", &mut d.start, year) {
                commit |= apply_date(r, &mut new.starts_on, &mut d.error);
            }
            if let Some(r) = date_field_ui(ui, "结束：", &mut d.end, year) {
                commit |= apply_date(r, &mut new.ends_on, &mut d.error);
            }
        });
        ui.horizontal(|ui| {
            commit |= status_combo_ui(ui, "状态：", ("phase_status", phase.id), &mut new.status);
            commit |= dept_combo_ui(ui, "责任部门：", ("phase_dept", phase.id), doc, &mut new.dept_id);
        });
        commit |= multiline_field_ui(ui, "工作内容：", &mut d.description, 2);
        error_ui(ui, &d.error);
        if !commit {
            return Vec::new();
        }
        new.name.clone_from(&d.name);
        new.description.clone_from(&d.description);
        outcome(ops::edit_phase(phase, new), &mut d.error)
    }

    fn phase_buttons_ui(&mut self, ui: &mut egui::Ui, doc: &Document, i: usize) -> Vec<Command> {
        let phases = &doc.content.phases;
        let Some(phase) = phases.get(i) else { return Vec::new() };
        let mut out = Vec::new();
        ui.horizontal(|ui| {
            let all: Vec<&Phase> = phases.iter().collect();
            let label = format!("调整阶段“{}”的顺序", phase.name);
            if ui.add_enabled(i > 0, egui::Button::new("上移")).clicked() {
                out.extend(reorder(&all, i, i.saturating_sub(1), label.clone()).map(Command::Edit));
            }
            if ui.add_enabled(i + 1 < phases.len(), egui::Button::new("下移")).clicked() {
                out.extend(reorder(&all, i, i + 1, label).map(Command::Edit));
            }
            let tasks = doc.content.tasks.iter().filter(|t| t.phase_id == phase.id).count();
            let hint = format!("删除此阶段及其 {tasks} 项任务（可撤销）");
            if ui.button("删除阶段").on_hover_text(hint).clicked() {
                out.push(Command::Edit(ops::remove_phase(&doc.content, phase)));
            }
        });
        out
    }

    fn tasks_ui(&mut self, ui: &mut egui::Ui, doc: &Document, phase: &Phase, year: i32) -> Vec<Command> {
        let mut out = Vec::new();
        let today = today();
        ui.strong("任务");
        for task in doc.content.tasks.iter().filter(|t| t.phase_id == phase.id) {
            let d = self.rows.entry(task.id).or_insert_with(|| RowDraft {
                name: task.content.clone(),
                end: date_text(task.due_on),
                ..RowDraft::default()
            });
            let mut new = task.clone();
            let mut commit = false;
            let late = task.is_overdue(today);
            ui.horizontal(|ui| {
                commit |= text_field_ui(ui, "任务：", &mut d.name, 360.0);
                commit |= dept_combo_ui(ui, "责任部门：", ("task_dept", task.id), doc, &mut new.dept_id);
                if let Some(r) = date_field_ui(ui, "时限：", &mut d.end, year) {
                    commit |= apply_date(r, &mut new.due_on, &mut d.error);
                }
                commit |= status_combo_ui(ui, "状态：", ("task_status", task.id), &mut new.status);
                if late {
                    ui.colored_label(WARN, "已逾期");
                }
                if ui.button("删除").on_hover_text("删除此任务（可撤销）").clicked() {
                    out.push(Command::Edit(ops::remove_task(task)));
                }
            });
            error_ui(ui, &d.error);
            if commit && d.error.is_empty() {
                new.content.clone_from(&d.name);
                out.extend(outcome(ops::edit_task(task, new), &mut d.error));
            }
        }
        let text = self.new_task.entry(phase.id).or_default();
        ui.horizontal(|ui| {
            text_field_ui(ui, "新任务：", text, 360.0);
            if ui.button("添加任务").clicked()
                && let Ok(edit) = ops::add_task(&doc.content, phase, text)
            {
                text.clear();
                out.push(Command::Edit(edit));
            }
        });
        out
    }

    fn batches_ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let mut out = Vec::new();
        let c = &doc.content;
        section_ui(ui, "分批推进（试点单位）");
        if c.pilot_batches.is_empty() {
            ui.weak("不分批时无需填写。分批推进时（如第一批试点单位、第二批其他单位），添加批次并勾选其部门。");
        }
        let year = plan_year(doc);
        for batch in &c.pilot_batches {
            out.extend(self.batch_ui(ui, doc, batch, year));
        }
        let labels = ("新批次名称：", "添加批次");
        out.extend(add_row_ui(ui, labels, &mut self.new_batch, &mut self.batch_error, |name| ops::add_batch(c, name)));
        error_ui(ui, &self.batch_error);
        out
    }

    fn batch_ui(&mut self, ui: &mut egui::Ui, doc: &Document, batch: &PilotBatch, year: i32) -> Vec<Command> {
        let mut out = Vec::new();
        let c = &doc.content;
        let d = self.rows.entry(batch.id).or_insert_with(|| RowDraft {
            name: batch.name.clone(),
            start: date_text(batch.starts_on),
            description: batch.note.clone(),
            ..RowDraft::default()
        });
        let mut new = batch.clone();
        let mut commit = false;
        let links: Vec<&PilotBatchDept> = c.pilot_batch_depts.iter().filter(|l| l.batch_id == batch.id).collect();
        ui.horizontal(|ui| {
            commit |= text_field_ui(ui, "批次：", &mut d.name, 200.0);
            if let Some(r) = date_field_ui(ui, "开始：", &mut d.start, year) {
                commit |= apply_date(r, &mut new.starts_on, &mut d.error);
            }
            commit |= text_field_ui(ui, "说明：", &mut d.description, 300.0);
            if ui.button("删除批次").on_hover_text("删除此批次（部门本身不受影响；可撤销）").clicked()
            {
                out.push(Command::Edit(ops::remove_batch(c, batch)));
            }
        });
        error_ui(ui, &d.error);
        if commit {
            new.name.clone_from(&d.name);
            new.note.clone_from(&d.description);
            out.extend(outcome(ops::edit_batch(batch, new), &mut d.error));
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{} 个部门：", links.len()));
            for dept in &c.departments {
                let link = links.iter().find(|l| l.dept_id == dept.id);
                let mut ticked = link.is_some();
                if ui.checkbox(&mut ticked, &dept.name).changed() {
                    out.push(Command::Edit(ops::toggle_batch_dept(c, batch, dept)));
                }
            }
        });
        ui.separator();
        out
    }
}

fn phase_dates(p: &Phase) -> String {
    match (p.starts_on, p.ends_on) {
        // The year is shown once, with the start (2027年3月1日—4月30日).
        (Some(s), Some(e)) if s.year() == e.year() => format!("{}—{}", format_opt_date(Some(s)), format_month_day(e)),
        (Some(s), Some(e)) => format!("{}—{}", format_opt_date(Some(s)), format_opt_date(Some(e))),
        (s, e) => format!("{}—{}", format_opt_date(s), format_opt_date(e)),
    }
}

/// Takes a parsed date into `slot`, or keeps the error. Returns whether the field committed.
fn apply_date(result: Result<Option<NaiveDate>, String>, slot: &mut Option<NaiveDate>, error: &mut String) -> bool {
    match result {
        Ok(date) => {
            *slot = date;
            error.clear();
            true
        }
        Err(e) => {
            *error = e;
            false
        }
    }
}
