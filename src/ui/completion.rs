//! The 落实 form: date, 确认人, 证明材料 and the three actions (已落实, 撤销, 不再适用) over the
//! measures handed to it — used by the 防控措施 tab (ticked rows) and a risk point's detail in
//! the inventory list (one measure).

use chrono::Datelike as _;

use super::command::{Command, outcome};
use super::form::{calendar_for_ui, error_ui, text_field_ui};
use crate::domain::Measure;
use crate::domain::change::Edit;
use crate::domain::dates::{format_date, parse_date, today};
use crate::domain::measures::{Completion, MeasureState, edit_measures, mark_done, mark_not_applicable, reopen};
use crate::domain::ops::Rule;

/// The 落实 fields and buttons, acting on the measures handed to `ui` (the 防控措施 tab's
/// ticked or selected rows, or one measure in a risk point's detail).
pub struct CompletionForm {
    date: String,
    confirmed_by: String,
    evidence: String,
    reason: String,
    error: String,
}

impl Default for CompletionForm {
    fn default() -> Self {
        Self {
            date: format_date(today()),
            confirmed_by: String::new(),
            evidence: String::new(),
            reason: String::new(),
            error: String::new(),
        }
    }
}

impl CompletionForm {
    /// Draws the fields and the three actions for `targets`; returns the edit chosen.
    pub fn ui(&mut self, ui: &mut egui::Ui, targets: &[&Measure]) -> Vec<Command> {
        let today = today();
        ui.horizontal_wrapped(|ui| {
            text_field_ui(ui, "落实日期：", &mut self.date, 130.0);
            calendar_for_ui(ui, "落实日期：", &mut self.date, today.year());
            text_field_ui(ui, "确认人：", &mut self.confirmed_by, 100.0);
            text_field_ui(ui, "证明材料：", &mut self.evidence, 260.0);
        });
        let any = !targets.is_empty();
        let mut out = Vec::new();
        ui.horizontal_wrapped(|ui| {
            if ui.add_enabled(any, egui::Button::new("标记已落实")).clicked() {
                out = self.done(targets, today);
            }
            let marked = targets.iter().any(|m| m.state() != MeasureState::Open);
            if ui.add_enabled(marked, egui::Button::new("撤销落实标记")).on_hover_text("改回“未落实”").clicked()
            {
                // Only what is marked changes; open measures are left as they are.
                let marked: Vec<&Measure> =
                    targets.iter().copied().filter(|m| m.state() != MeasureState::Open).collect();
                out = self.checked(edit_measures(&marked, "改回未落实", |m| Ok(reopen(m))));
            }
            ui.separator();
            text_field_ui(ui, "不再适用的理由：", &mut self.reason, 220.0);
            if ui.add_enabled(any, egui::Button::new("标记不再适用")).clicked() {
                let reason = self.reason.clone();
                out = self.checked(edit_measures(targets, "标记不再适用", |m| mark_not_applicable(m, &reason)));
            }
        });
        error_ui(ui, &self.error);
        out
    }

    fn done(&mut self, targets: &[&Measure], today: chrono::NaiveDate) -> Vec<Command> {
        let on = match parse_date(&self.date, today.year()) {
            Ok(Some(d)) => d,
            Ok(None) => {
                self.error = "请填写落实日期".to_owned();
                return Vec::new();
            }
            Err(e) => {
                self.error = e;
                return Vec::new();
            }
        };
        self.date = format_date(on);
        let c = Completion { on, confirmed_by: self.confirmed_by.clone(), evidence: self.evidence.clone() };
        self.checked(edit_measures(targets, "落实", |m| mark_done(m, &c, today)))
    }

    fn checked(&mut self, result: Result<Edit, Rule>) -> Vec<Command> {
        outcome(result, &mut self.error)
    }
}

/// 已落实 on a date, by whom, with what; or 不再适用 and why.
pub fn record_text(m: &Measure) -> String {
    match m.state() {
        MeasureState::Done => format!(
            "落实记录：{}，确认人：{}{}",
            crate::domain::dates::format_opt_date(m.done_on),
            if m.confirmed_by.is_empty() { "（未填）" } else { &m.confirmed_by },
            if m.evidence.is_empty() { String::new() } else { format!("，证明材料：{}", m.evidence) }
        ),
        MeasureState::NotApplicable => format!("不再适用：{}", m.not_applicable_reason),
        MeasureState::Open => "未落实".to_owned(),
    }
}
