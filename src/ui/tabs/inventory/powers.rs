//! 职权目录 (seeds 000, 001 附件7): each department's powers with 名称, 内容, 行使主体, 行使依据,
//! 程序, 时限, 相应责任, and each power's steps drawn as a flow whose boxes carry the colour of
//! the highest level of their risk points; a click shows a step's risk points.

use std::collections::HashMap;

use crate::domain::levels::higher;
use crate::domain::ops::{inventory, reorder};
use crate::domain::{Id, Power, PowerStep};
use crate::ui::command::{Command, outcome};
use crate::ui::document::Document;
use crate::ui::form::{dept_combo_ui, error_ui, multiline_field_ui, text_field_ui};
use crate::ui::widgets::{level_badge_ui, level_color32, section_ui};

#[derive(Default, Clone)]
struct PowerDraft {
    name: String,
    content: String,
    subject: String,
    basis: String,
    procedure: String,
    time_limit: String,
    responsibility: String,
}

#[derive(Default)]
pub struct PowersView {
    seen_revision: Option<u64>,
    dept: Option<Id>,
    power: Option<Id>,
    step: Option<Id>,
    draft: Option<(Id, PowerDraft)>,
    step_names: HashMap<Id, String>,
    new_power: String,
    new_step: String,
    error: String,
    /// Why the selected power's last edit was refused.
    power_error: String,
}

/// A new risk point to start in the wizard: (department, power, step).
pub type NewOnStep = (Id, Id, Id);

impl PowersView {
    pub fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> (Vec<Command>, Option<NewOnStep>) {
        if self.seen_revision != Some(doc.revision) {
            self.seen_revision = Some(doc.revision);
            self.draft = None;
            self.step_names.clear();
        }
        let c = &doc.content;
        let mut out = Vec::new();
        ui.horizontal(|ui| {
            dept_combo_ui(ui, "部门：", "powers_dept", doc, &mut self.dept);
        });
        let Some(dept) = doc.index.department(c, self.dept) else {
            ui.weak("选择一个部门，查看和编辑它的职权目录与流程。");
            return (out, None);
        };
        let powers: Vec<&Power> = c.powers.iter().filter(|p| p.dept_id == dept.id).collect();
        let mut new_on_step = None;
        ui.columns(2, |cols| {
            out.extend(self.list_ui(&mut cols[0], doc, dept.id, &powers));
            if let Some(power) = powers.iter().find(|p| Some(p.id) == self.power) {
                out.extend(self.editor_ui(&mut cols[1], power));
            }
        });
        if let Some(power) = powers.iter().find(|p| Some(p.id) == self.power) {
            let (commands, new) = self.flow_ui(ui, doc, power);
            out.extend(commands);
            new_on_step = new;
        }
        (out, new_on_step)
    }

    fn list_ui(&mut self, ui: &mut egui::Ui, doc: &Document, dept: Id, powers: &[&Power]) -> Vec<Command> {
        section_ui(ui, &format!("职权（{}）", powers.len()));
        let mut out: Vec<Command> =
            crate::ui::widgets::export_workbook_ui(ui, Some(crate::domain::lists::POWER_SHEETS)).into_iter().collect();
        for p in powers {
            if ui.selectable_label(self.power == Some(p.id), &p.name).clicked() {
                self.power = Some(p.id);
                self.step = None;
            }
        }
        let mut add = false;
        ui.horizontal(|ui| {
            text_field_ui(ui, "新职权：", &mut self.new_power, 160.0);
            add = ui.button("添加职权").clicked();
        });
        error_ui(ui, &self.error);
        if !add {
            return out;
        }
        match inventory::add_power(&doc.content, dept, &self.new_power) {
            Ok((edit, id)) => {
                self.error.clear();
                self.new_power.clear();
                self.power = Some(id);
                out.push(Command::Edit(edit));
            }
            Err(rule) => self.error = rule.to_string(),
        }
        out
    }

    fn editor_ui(&mut self, ui: &mut egui::Ui, power: &Power) -> Vec<Command> {
        if self.draft.as_ref().is_none_or(|(id, _)| *id != power.id) {
            let d = PowerDraft {
                name: power.name.clone(),
                content: power.content.clone(),
                subject: power.subject.clone(),
                basis: power.basis.clone(),
                procedure: power.procedure.clone(),
                time_limit: power.time_limit.clone(),
                responsibility: power.responsibility.clone(),
            };
            self.draft = Some((power.id, d));
        }
        let Some((_, d)) = self.draft.as_mut() else { return Vec::new() };
        section_ui(ui, &format!("职权：{}", power.name));
        let mut commit = text_field_ui(ui, "名称：", &mut d.name, 260.0);
        commit |= multiline_field_ui(ui, "内容：", &mut d.content, 2);
        commit |= text_field_ui(ui, "行使主体：", &mut d.subject, 260.0);
        commit |= multiline_field_ui(ui, "行使依据：", &mut d.basis, 2);
        commit |= multiline_field_ui(ui, "程序：", &mut d.procedure, 2);
        commit |= text_field_ui(ui, "时限：", &mut d.time_limit, 260.0);
        commit |= multiline_field_ui(ui, "相应责任：", &mut d.responsibility, 2);
        error_ui(ui, &self.power_error);
        if !commit {
            return Vec::new();
        }
        let new = Power {
            name: d.name.clone(),
            content: d.content.clone(),
            subject: d.subject.clone(),
            basis: d.basis.clone(),
            procedure: d.procedure.clone(),
            time_limit: d.time_limit.clone(),
            responsibility: d.responsibility.clone(),
            ..power.clone()
        };
        outcome(inventory::edit_power(power, new), &mut self.power_error)
    }

    /// The flow: one box per step, coloured by the highest level of its risk points.
    fn flow_ui(&mut self, ui: &mut egui::Ui, doc: &Document, power: &Power) -> (Vec<Command>, Option<NewOnStep>) {
        let c = &doc.content;
        let mut out = Vec::new();
        let steps: Vec<&PowerStep> = c.power_steps.iter().filter(|s| s.power_id == power.id).collect();
        section_ui(ui, &format!("“{}”流程图（点击环节查看其风险点）", power.name));
        let level_of = |step: Id| {
            c.risk_points.iter().filter(|r| r.power_step_id == Some(step)).fold(None, |acc, r| higher(acc, r.grade))
        };
        ui.horizontal_wrapped(|ui| {
            for (i, s) in steps.iter().enumerate() {
                let grade = level_of(s.id);
                let n = c.risk_points.iter().filter(|r| r.power_step_id == Some(s.id)).count();
                let text = if n > 0 { format!("{}（{n}）", s.name) } else { s.name.clone() };
                let mut button = egui::Button::new(egui::RichText::new(text).strong()).min_size(egui::vec2(96.0, 40.0));
                if grade.is_some() {
                    button = button.fill(level_color32(doc.scheme(), grade));
                }
                if ui.add(button).on_hover_text(&s.description).clicked() {
                    self.step = Some(s.id);
                }
                if i + 1 < steps.len() {
                    ui.label(egui::RichText::new("→").size(22.0));
                }
            }
        });
        ui.horizontal(|ui| {
            ui.weak("图例：");
            for g in 1..=3 {
                level_badge_ui(ui, doc.scheme(), Some(g));
            }
            ui.weak("环节上风险点的最高等级；括号内为风险点数");
        });
        let mut add = false;
        ui.horizontal(|ui| {
            text_field_ui(ui, "新环节：", &mut self.new_step, 160.0);
            add = ui.button("添加环节").clicked();
        });
        if add && let Ok(edit) = inventory::add_step(c, power, &self.new_step) {
            self.new_step.clear();
            out.push(Command::Edit(edit));
        }
        let Some(step) = steps.iter().find(|s| Some(s.id) == self.step) else { return (out, None) };
        let (commands, new) = self.step_ui(ui, doc, power, step, &steps);
        out.extend(commands);
        (out, new)
    }

    fn step_ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &Document,
        power: &Power,
        step: &PowerStep,
        steps: &[&PowerStep],
    ) -> (Vec<Command>, Option<NewOnStep>) {
        let c = &doc.content;
        let mut out = Vec::new();
        section_ui(ui, &format!("环节：{}", step.name));
        let name = self.step_names.entry(step.id).or_insert_with(|| step.name.clone());
        if text_field_ui(ui, "环节名称：", name, 200.0)
            && let Ok(Some(edit)) = inventory::rename_step(step, name)
        {
            out.push(Command::Edit(edit));
        }
        let risks: Vec<_> = c.risk_points.iter().filter(|r| r.power_step_id == Some(step.id)).collect();
        for rp in &risks {
            ui.horizontal(|ui| {
                level_badge_ui(ui, doc.scheme(), rp.grade);
                ui.label(format!("{}：{}", doc.index.risk_subject(c, rp), rp.description));
            });
        }
        if risks.is_empty() {
            ui.weak("此环节尚无风险点。");
        }
        let mut new_on_step = None;
        ui.horizontal(|ui| {
            if ui.button("为此环节添加风险点").clicked() {
                new_on_step = Some((power.dept_id, power.id, step.id));
            }
            let pos = steps.iter().position(|s| s.id == step.id).unwrap_or(0);
            let label = format!("调整环节“{}”的顺序", step.name);
            if ui.add_enabled(pos > 0, egui::Button::new("前移")).clicked() {
                out.extend(reorder(steps, pos, pos.saturating_sub(1), label.clone()).map(Command::Edit));
            }
            if ui.add_enabled(pos + 1 < steps.len(), egui::Button::new("后移")).clicked() {
                out.extend(reorder(steps, pos, pos + 1, label).map(Command::Edit));
            }
            let hint = if risks.is_empty() {
                "删除此环节（可撤销）"
            } else {
                "环节上还有风险点，须先把它们改到其他环节"
            };
            if ui.add_enabled(risks.is_empty(), egui::Button::new("删除环节")).on_hover_text(hint).clicked()
                && let Ok(edit) = inventory::remove_step(c, step)
            {
                out.push(Command::Edit(edit));
            }
        });
        (out, new_on_step)
    }
}
