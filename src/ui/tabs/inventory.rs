//! 风险点查找向导 (inventory list): every risk point in a virtualised table with search and
//! filters; the selected one in full with its measures and review steps.

use super::View;
use crate::domain::dates::format_opt_date;
use crate::domain::{Id, ReviewStatus, RiskPoint, RiskScope};
use crate::ui::app::Command;
use crate::ui::document::Document;
use crate::ui::widgets::{cell_ui, level_badge_ui, section_ui};

#[derive(Default)]
pub struct InventoryView {
    search: String,
    scope: Option<RiskScope>,
    status: Option<ReviewStatus>,
    selected: Option<Id>,
}

impl InventoryView {
    fn matches(&self, doc: &Document, rp: &RiskPoint) -> bool {
        let q = self.search.trim();
        self.scope.is_none_or(|s| s == rp.scope)
            && self.status.is_none_or(|s| s == rp.status)
            && (q.is_empty()
                || rp.description.contains(q)
                || rp.manifestation.contains(q)
                || rp.class.contains(q)
                || doc.index.risk_subject(&doc.content, rp).contains(q))
    }

    fn filters_ui(&mut self, ui: &mut egui::Ui, doc: &Document) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("搜索：");
            ui.add(egui::TextEdit::singleline(&mut self.search).hint_text("风险点、表现形式、类别、部门或岗位"))
                .labelled_by(label.id);
            egui::ComboBox::from_label("层级")
                .selected_text(self.scope.map_or("全部", |s| doc.scheme().scope_name(s)))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.scope, None, "全部");
                    for s in RiskScope::ALL {
                        ui.selectable_value(&mut self.scope, Some(s), doc.scheme().scope_name(s));
                    }
                });
            egui::ComboBox::from_label("审核状态")
                .selected_text(self.status.map_or("全部", ReviewStatus::label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.status, None, "全部");
                    for s in ReviewStatus::ALL {
                        ui.selectable_value(&mut self.status, Some(s), s.label());
                    }
                });
        });
    }
}

impl View for InventoryView {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        self.filters_ui(ui, doc);
        let rows: Vec<&RiskPoint> = doc.content.risk_points.iter().filter(|rp| self.matches(doc, rp)).collect();
        ui.label(format!("共 {} 个风险点，显示 {} 个", doc.content.risk_points.len(), rows.len()));
        egui::Panel::bottom("risk_detail").resizable(true).default_size(230.0).show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| detail_ui(ui, doc, self.selected));
        });
        self.table_ui(ui, doc, &rows);
        Vec::new()
    }
}

impl InventoryView {
    fn table_ui(&mut self, ui: &mut egui::Ui, doc: &Document, rows: &[&RiskPoint]) {
        use egui_extras::{Column, TableBuilder};
        let scheme = doc.scheme();
        TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .column(Column::exact(56.0))
            .column(Column::exact(48.0))
            .column(Column::initial(200.0).clip(true))
            .column(Column::initial(96.0).clip(true))
            .column(Column::initial(280.0).clip(true))
            .column(Column::exact(64.0))
            .column(Column::exact(72.0))
            .column(Column::remainder().clip(true))
            .header(22.0, |mut h| {
                for title in ["序号", "层级", "所属", "类别", "风险点", "等级", "状态", "表现形式"] {
                    h.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(22.0, rows.len(), |mut row| {
                    let Some(rp) = rows.get(row.index()) else { return };
                    row.set_selected(self.selected == Some(rp.id));
                    row.col(|ui| {
                        ui.label((row_number(rp)).to_string());
                    });
                    row.col(|ui| {
                        ui.label(scheme.scope_name(rp.scope));
                    });
                    row.col(|ui| cell_ui(ui, &doc.index.risk_subject(&doc.content, rp)));
                    row.col(|ui| cell_ui(ui, &rp.class));
                    row.col(|ui| cell_ui(ui, &rp.description));
                    row.col(|ui| {
                        level_badge_ui(ui, scheme, rp.grade);
                    });
                    row.col(|ui| {
                        ui.label(rp.status.label());
                    });
                    row.col(|ui| cell_ui(ui, &rp.manifestation));
                    if row.response().clicked() {
                        self.selected = Some(rp.id);
                    }
                });
            });
    }
}

fn row_number(rp: &RiskPoint) -> i64 {
    rp.seq + 1
}

fn detail_ui(ui: &mut egui::Ui, doc: &Document, selected: Option<Id>) {
    let c = &doc.content;
    let Some(rp) = selected.and_then(|id| c.risk_points.iter().find(|r| r.id == id)) else {
        ui.weak("点击表格中的一行，在此查看风险点全文、防控措施和审核记录。");
        return;
    };
    let scheme = doc.scheme();
    section_ui(ui, &format!("{}　{}", doc.index.risk_subject(c, rp), rp.description));
    ui.label(format!(
        "层级：{}　类别：{}　查找方式：{}　等级：{}　状态：{}（{}）",
        scheme.scope_name(rp.scope),
        rp.class,
        rp.found_by,
        scheme.level_name(rp.grade),
        rp.status.label(),
        scheme.review_step_name(rp.review_step)
    ));
    if !rp.grade_rationale.is_empty() {
        ui.label(format!("评定依据：{}", rp.grade_rationale));
    }
    if let Some(power) = doc.index.power(c, rp.power_id) {
        let step = doc.index.power_step(c, rp.power_step_id).map_or(String::new(), |s| format!(" → {}", s.name));
        ui.label(format!("所属职权：{}{step}", power.name));
    }
    ui.label(format!("表现形式：{}", rp.manifestation));
    for i in doc.index.measures_of.get(&rp.id).into_iter().flatten() {
        if let Some(m) = c.measures.get(*i) {
            ui.label(format!(
                "【{}】{}（责任人：{}，期限：{}，{}）",
                scheme.measure_phase_name(m.phase),
                m.content,
                doc.index.person_name(c, m.owner_person_id),
                format_opt_date(m.due_on),
                if m.done { "已落实" } else { "未落实" }
            ));
        }
    }
    for r in c.review_records.iter().filter(|r| r.risk_point_id == rp.id) {
        ui.weak(format!(
            "审核：{}　{}　{}　{}：{}",
            r.step_name,
            r.reviewer,
            format_opt_date(r.reviewed_on),
            if r.passed { "通过" } else { "未通过" },
            r.opinion
        ));
    }
}
