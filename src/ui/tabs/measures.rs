//! 防控措施: every measure with its phase, owner, deadline and state; overdue ones in red.

use super::View;
use crate::domain::dates::{format_opt_date, today};
use crate::domain::{Measure, MeasurePhase};
use crate::ui::app::Command;
use crate::ui::document::Document;
use crate::ui::widgets::{OK, WARN, cell_ui};

#[derive(Default)]
pub struct MeasuresView {
    phase: Option<MeasurePhase>,
    overdue_only: bool,
    search: String,
}

fn overdue(m: &Measure) -> bool {
    !m.done && m.due_on.is_some_and(|d| d < today())
}

impl View for MeasuresView {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let scheme = doc.scheme();
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("搜索：");
            ui.text_edit_singleline(&mut self.search).labelled_by(label.id);
            egui::ComboBox::from_label("阶段")
                .selected_text(self.phase.map_or("全部", |p| scheme.measure_phase_name(p)))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.phase, None, "全部");
                    for p in MeasurePhase::ALL {
                        ui.selectable_value(&mut self.phase, Some(p), scheme.measure_phase_name(p));
                    }
                });
            ui.checkbox(&mut self.overdue_only, "只看逾期未落实");
        });
        let c = &doc.content;
        let risk_of: std::collections::HashMap<_, _> = c.risk_points.iter().map(|r| (r.id, r)).collect();
        let q = self.search.trim();
        let rows: Vec<&Measure> = c
            .measures
            .iter()
            .filter(|m| self.phase.is_none_or(|p| p == m.phase))
            .filter(|m| !self.overdue_only || overdue(m))
            .filter(|m| {
                q.is_empty()
                    || m.content.contains(q)
                    || risk_of.get(&m.risk_point_id).is_some_and(|r| r.description.contains(q))
            })
            .collect();
        let late = c.measures.iter().filter(|m| overdue(m)).count();
        ui.label(format!("共 {} 条措施，显示 {} 条；逾期未落实 {} 条", c.measures.len(), rows.len(), late));
        use egui_extras::{Column, TableBuilder};
        TableBuilder::new(ui)
            .striped(true)
            .column(Column::initial(240.0).clip(true))
            .column(Column::exact(80.0))
            .column(Column::initial(360.0).clip(true))
            .column(Column::initial(80.0).clip(true))
            .column(Column::exact(120.0))
            .column(Column::remainder())
            .header(22.0, |mut h| {
                for t in ["风险点", "阶段", "措施", "责任人", "期限", "落实情况"] {
                    h.col(|ui| {
                        ui.strong(t);
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, rows.len(), |mut row| {
                    let Some(m) = rows.get(row.index()) else { return };
                    let risk = risk_of.get(&m.risk_point_id).map_or("", |r| r.description.as_str());
                    row.col(|ui| cell_ui(ui, risk));
                    row.col(|ui| {
                        ui.label(scheme.measure_phase_name(m.phase));
                    });
                    row.col(|ui| cell_ui(ui, &m.content));
                    row.col(|ui| {
                        let owner = doc.index.person_name(c, m.owner_person_id);
                        cell_ui(ui, if owner.is_empty() { &m.owner_text } else { owner });
                    });
                    row.col(|ui| {
                        ui.label(format_opt_date(m.due_on));
                    });
                    row.col(|ui| {
                        if m.done {
                            ui.colored_label(OK, "已落实");
                        } else if overdue(m) {
                            ui.colored_label(WARN, "逾期未落实");
                        } else {
                            ui.label("未落实");
                        }
                    });
                });
            });
        Vec::new()
    }
}
