//! Inspection rounds (检查考核): each department's self-check and the office's assessment.

use std::collections::HashMap;

use crate::domain::dates::{format_opt_date, today};
use crate::domain::ops::warnings as ops;
use crate::domain::{Id, InspectionResult, InspectionRound};
use crate::ui::command::{Command, outcome};
use crate::ui::document::Document;
use crate::ui::form::{choice_combo_ui, error_ui, text_field_ui};
use crate::ui::widgets::section_ui;

const RATINGS: [&str; 5] = ["", "好", "较好", "一般", "差"];

#[derive(Default)]
pub struct InspectionsEditor {
    selected: Option<Id>,
    new_name: String,
    drafts: HashMap<Id, (String, String)>,
    error: String,
}

impl InspectionsEditor {
    pub fn reset(&mut self) {
        self.drafts.clear();
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let c = &doc.content;
        let mut out = Vec::new();
        section_ui(ui, "检查考核轮次");
        // The newest round is open until another is chosen.
        if self.selected.is_none_or(|id| !c.inspection_rounds.iter().any(|r| r.id == id)) {
            self.selected = c.inspection_rounds.last().map(|r| r.id);
        }
        for r in &c.inspection_rounds {
            let text = format!("{}（{}—{}）", r.name, format_opt_date(r.starts_on), format_opt_date(r.ends_on));
            if ui.selectable_label(self.selected == Some(r.id), text).clicked() {
                self.selected = Some(r.id);
            }
        }
        ui.horizontal(|ui| {
            text_field_ui(ui, "新一轮名称：", &mut self.new_name, 280.0);
            if ui.button("添加检查考核").clicked() {
                match ops::add_round(&self.new_name, today()) {
                    Ok((edit, id)) => {
                        self.selected = Some(id);
                        self.new_name.clear();
                        self.error.clear();
                        out.push(Command::Edit(edit));
                    }
                    Err(rule) => self.error = rule.to_string(),
                }
            }
        });
        error_ui(ui, &self.error);
        if let Some(round) = c.inspection_rounds.iter().find(|r| Some(r.id) == self.selected) {
            out.extend(self.results_ui(ui, doc, round));
        }
        out
    }

    fn results_ui(&mut self, ui: &mut egui::Ui, doc: &Document, round: &InspectionRound) -> Vec<Command> {
        let c = &doc.content;
        let mut out = Vec::new();
        section_ui(ui, &round.name);
        let results: Vec<&InspectionResult> = c.inspection_results.iter().filter(|r| r.round_id == round.id).collect();
        let missing: Vec<Id> =
            c.departments.iter().filter(|d| !results.iter().any(|r| r.dept_id == d.id)).map(|d| d.id).collect();
        if !missing.is_empty() && ui.button(format!("为其余 {} 个部门建立考核记录", missing.len())).clicked()
        {
            out.extend(ops::add_missing_results(c, round).map(Command::Edit));
        }
        error_ui(ui, &self.error);
        let mut sorted = results.clone();
        sorted.sort_by_key(|r| doc.index.department(c, Some(r.dept_id)).map_or(i64::MAX, |d| d.seq));
        let carded = crate::domain::warning::carded_departments(c);
        ui.horizontal(|ui| {
            let half = (ui.available_width() / 2.0 - 12.0).max(200.0);
            ui.add_sized([half, 18.0], egui::Label::new(egui::RichText::new("自查情况").strong()));
            ui.add_sized([half, 18.0], egui::Label::new(egui::RichText::new("考核意见").strong()));
        });
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            for r in sorted {
                ui.separator();
                out.extend(self.result_row_ui(ui, doc, r, carded.contains(&r.dept_id)));
            }
        });
        out
    }

    /// One department: its name and rating on a line, then the self-check and the
    /// assessment side by side, wrapping in wide fields.
    fn result_row_ui(&mut self, ui: &mut egui::Ui, doc: &Document, r: &InspectionResult, carded: bool) -> Vec<Command> {
        let name = doc.index.dept_name(&doc.content, Some(r.dept_id));
        let (self_check, assessment) =
            self.drafts.entry(r.id).or_insert_with(|| (r.self_check.clone(), r.assessment.clone()));
        let mut new = r.clone();
        let ratings: Vec<(&str, &str)> =
            RATINGS.iter().map(|x| (*x, if x.is_empty() { "（未评）" } else { *x })).collect();
        let mut rating = new.rating.as_str();
        let rated = ui
            .horizontal(|ui| {
                ui.strong(name);
                let rated = choice_combo_ui(ui, &format!("{name}等次："), ("rating", r.id), &mut rating, &ratings);
                if carded {
                    let text = if rating == crate::domain::warning::TOP_RATING {
                        "有黄牌警告，按方案不能评为“好”等次，请改评"
                    } else {
                        "有黄牌警告"
                    };
                    ui.colored_label(crate::ui::widgets::WARN, text);
                }
                rated
            })
            .inner;
        new.rating = rating.to_owned();
        let half = (ui.available_width() / 2.0 - 12.0).max(200.0);
        let (a, b) = ui
            .horizontal_top(|ui| {
                let a = ui.add(
                    egui::TextEdit::multiline(self_check).desired_rows(2).desired_width(half).hint_text("自查情况"),
                );
                let b = ui.add(
                    egui::TextEdit::multiline(assessment).desired_rows(2).desired_width(half).hint_text("考核意见"),
                );
                (a, b)
            })
            .inner;
        if !(a.lost_focus() || b.lost_focus() || rated) {
            return Vec::new();
        }
        new.self_check.clone_from(self_check);
        new.assessment.clone_from(assessment);
        outcome(ops::edit_result(&doc.content, r, new, name), &mut self.error)
    }
}
