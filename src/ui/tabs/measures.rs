//! 防控措施: every measure with its phase, owner, deadline and state; overdue ones in red.
//! Measures are marked 已落实 (date, 确认人, 证明材料) or 不再适用 (with a reason) one at a
//! time or in bulk, and the mark can be taken back; every such edit can be undone.

use std::collections::HashSet;

use super::View;

use crate::domain::dates::today;
use crate::domain::measures::{MeasureFilter, MeasureState};
use crate::domain::{Id, Measure, MeasurePhase};
use crate::ui::command::Command;
use crate::ui::completion::{CompletionForm, record_text};
use crate::ui::document::Document;
use crate::ui::form::choice_combo_ui;
use crate::ui::widgets::editing_ui;
use crate::ui::widgets::{OK, WARN, cell_ui};

#[derive(Default)]
pub struct MeasuresView {
    phase: Option<MeasurePhase>,
    filter: MeasureFilter,
    search: String,
    selected: Option<Id>,
    ticked: HashSet<Id>,
    form: CompletionForm,
    /// The filters the table was last scrolled for: a new filter shows its first match.
    scrolled_for: String,
}

impl View for MeasuresView {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        self.filters_ui(ui, doc);
        let c = &doc.content;
        let today = today();
        let q = self.search.trim();
        let rows: Vec<&Measure> = c
            .measures
            .iter()
            .filter(|m| self.phase.is_none_or(|p| p == m.phase))
            .filter(|m| self.filter.keeps(m, today))
            .filter(|m| {
                q.is_empty()
                    || m.content.contains(q)
                    || doc.index.risk_point(c, m.risk_point_id).is_some_and(|r| r.description.contains(q))
            })
            .collect();
        let count = |s: MeasureState| c.measures.iter().filter(|m| m.state() == s).count();
        let late = c.measures.iter().filter(|m| m.is_overdue(today)).count();
        ui.label(format!(
            "共 {} 条措施，显示 {} 条；已落实 {} 条，未落实 {} 条（其中逾期 {late} 条），不再适用 {} 条",
            c.measures.len(),
            rows.len(),
            count(MeasureState::Done),
            count(MeasureState::Open),
            count(MeasureState::NotApplicable),
        ));
        let mut out = Vec::new();
        out.extend(crate::ui::widgets::export_workbook_ui(ui, Some(crate::domain::lists::MEASURE_SHEETS)));
        egui::Panel::bottom("measure_completion").resizable(true).min_size(150.0).show(ui, |ui| {
            out.extend(editing_ui(ui, doc, |ui| self.completion_ui(ui, doc, &rows)));
        });
        self.table_ui(ui, doc, &rows);
        out
    }
}

impl MeasuresView {
    fn filters_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        let scheme = doc.scheme();
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("搜索：");
            ui.add(egui::TextEdit::singleline(&mut self.search).hint_text("措施或风险点")).labelled_by(label.id);
            let phases: Vec<(Option<MeasurePhase>, &str)> = std::iter::once((None, "全部"))
                .chain(MeasurePhase::ALL.iter().map(|p| (Some(*p), scheme.measure_phase_name(*p))))
                .collect();
            choice_combo_ui(ui, "阶段：", "measure_phase", &mut self.phase, &phases);
            let filters: Vec<(MeasureFilter, &str)> = MeasureFilter::ALL.iter().map(|f| (*f, f.label())).collect();
            choice_combo_ui(ui, "落实情况：", "measure_filter", &mut self.filter, &filters);
        });
    }

    /// What the 落实 buttons act on: the ticked rows, else the selected one.
    fn completion_ui(&mut self, ui: &mut egui::Ui, doc: &Document, rows: &[&Measure]) -> Vec<Command> {
        let c = &doc.content;
        let targets: Vec<&Measure> = if self.ticked.is_empty() {
            self.selected.and_then(|id| c.measures.iter().find(|m| m.id == id)).into_iter().collect()
        } else {
            c.measures.iter().filter(|m| self.ticked.contains(&m.id)).collect()
        };
        ui.horizontal_wrapped(|ui| {
            ui.strong("落实登记");
            ui.label(match (self.ticked.len(), targets.first()) {
                (0, Some(m)) => format!("当前措施：{}", m.content),
                (0, None) => "请在表格中点击一条措施，或勾选多条措施批量登记".to_owned(),
                (n, _) => format!("已勾选 {n} 条措施"),
            });
            if ui.button("全选当前显示").clicked() {
                self.ticked.extend(rows.iter().map(|m| m.id));
            }
            if ui.add_enabled(!self.ticked.is_empty(), egui::Button::new("清除勾选")).clicked() {
                self.ticked.clear();
            }
        });
        if let [one] = targets.as_slice()
            && one.state() != MeasureState::Open
        {
            ui.label(record_text(one));
        }
        let command = self.form.ui(ui, &targets);
        if !command.is_empty() {
            self.ticked.clear();
        }
        command
    }

    fn table_ui(&mut self, ui: &mut egui::Ui, doc: &Document, rows: &[&Measure]) {
        use egui_extras::{Column, TableBuilder};
        let c = &doc.content;
        let scheme = doc.scheme();
        let today = today();
        let filters = format!("{}|{:?}|{:?}", self.search, self.phase, self.filter);
        let mut table = TableBuilder::new(ui);
        if filters != self.scrolled_for {
            self.scrolled_for = filters;
            table = table.scroll_to_row(0, Some(egui::Align::TOP));
        }
        table
            .striped(true)
            .sense(egui::Sense::click())
            .column(Column::exact(28.0))
            .column(Column::initial(220.0).clip(true))
            .column(Column::exact(80.0))
            .column(Column::initial(340.0).clip(true))
            .column(Column::initial(80.0).clip(true))
            .column(Column::exact(120.0))
            .column(Column::remainder().clip(true))
            .header(22.0, |mut h| {
                for t in ["选", "风险点", "阶段", "措施", "责任人", "期限", "落实情况"] {
                    h.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, rows.len(), |mut row| {
                    let i = row.index();
                    let Some(m) = rows.get(i) else { return };
                    row.set_selected(self.selected == Some(m.id));
                    row.col(|ui| self.tick_ui(ui, m.id, i));
                    let risk = doc.index.risk_point(c, m.risk_point_id).map_or("", |r| r.description.as_str());
                    row.col(|ui| cell_ui(ui, risk));
                    row.col(|ui| {
                        ui.label(scheme.measure_phase_name(m.phase));
                    });
                    row.col(|ui| {
                        let chosen = self.selected == Some(m.id);
                        if ui.add(egui::Button::selectable(chosen, m.content.as_str()).truncate()).clicked() {
                            self.selected = Some(m.id);
                        }
                    });
                    row.col(|ui| {
                        let owner = doc.index.person_name(c, m.owner_person_id);
                        cell_ui(ui, if owner.is_empty() { &m.owner_text } else { owner });
                    });
                    row.col(|ui| {
                        ui.label(crate::domain::dates::format_opt_date(m.due_on));
                    });
                    row.col(|ui| {
                        let text = m.state_text(today);
                        match m.state() {
                            MeasureState::Done => ui.colored_label(OK, text),
                            MeasureState::Open if m.is_overdue(today) => ui.colored_label(WARN, text),
                            _ => ui.label(text),
                        };
                    });
                    if row.response().clicked() {
                        self.selected = Some(m.id);
                    }
                });
            });
    }

    fn tick_ui(&mut self, ui: &mut egui::Ui, id: Id, i: usize) {
        let mut on = self.ticked.contains(&id);
        let r = ui.checkbox(&mut on, "");
        r.widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, format!("勾选第{}条", i + 1)));
        if on {
            self.ticked.insert(id);
        } else {
            self.ticked.remove(&id);
        }
    }
}
