//! 预警与检查: warnings and responses, the yellow card where the scheme has it, inspection rounds.

use super::View;
use crate::domain::dates::format_opt_date;
use crate::domain::warning::yellow_cards;
use crate::ui::app::Command;
use crate::ui::document::Document;
use crate::ui::widgets::{WARN, cell_ui, empty_ui, section_ui};

#[derive(Default)]
pub struct WarningsView;

impl View for WarningsView {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            yellow_card_ui(ui, doc);
            warnings_ui(ui, doc);
            inspections_ui(ui, doc);
        });
        Vec::new()
    }
}

fn yellow_card_ui(ui: &mut egui::Ui, doc: &Document) {
    let Some(rule) = &doc.scheme().yellow_card else { return };
    let c = &doc.content;
    section_ui(ui, &rule.label);
    ui.label(format!(
        "规则：重点岗位群众举报 {} 次以上且查实的，给予{}。{}",
        rule.min_verified_reports, rule.label, rule.consequence
    ));
    let cards = yellow_cards(c);
    if cards.is_empty() {
        ui.label("目前没有岗位达到黄牌警告条件。");
    }
    for (post_id, n) in cards {
        let post = doc.index.post(c, Some(post_id));
        let dept = doc.index.dept_name(c, post.map(|p| p.dept_id));
        ui.colored_label(
            WARN,
            format!("{}·{}：查实举报 {n} 次 —— {}，重点监管", dept, post.map_or("", |p| p.name.as_str()), rule.label),
        );
    }
}

fn warnings_ui(ui: &mut egui::Ui, doc: &Document) {
    let c = &doc.content;
    section_ui(ui, &format!("预警记录（{} 条）", c.warnings.len()));
    if c.warnings.is_empty() {
        empty_ui(ui, "预警记录");
    }
    egui::Grid::new("warnings").striped(true).num_columns(6).show(ui, |ui| {
        for h in ["日期", "对象", "来源", "内容", "是否查实", "处置"] {
            ui.strong(h);
        }
        ui.end_row();
        for w in &c.warnings {
            let target = match doc.index.post(c, w.post_id) {
                Some(p) => format!("{}·{}", doc.index.dept_name(c, Some(p.dept_id)), p.name),
                None => doc.index.person_name(c, w.person_id).to_owned(),
            };
            let responses: Vec<String> = c
                .warning_responses
                .iter()
                .filter(|r| r.warning_id == w.id)
                .map(|r| format!("{}（{}）", r.kind, format_opt_date(r.responded_on)))
                .collect();
            ui.label(format_opt_date(w.received_on));
            ui.label(target);
            ui.label(&w.source);
            ui.scope(|ui| {
                ui.set_max_width(360.0);
                cell_ui(ui, &w.content);
            });
            ui.label(if w.verified { "已查实" } else { "未查实" });
            ui.label(responses.join("、"));
            ui.end_row();
        }
    });
}

fn inspections_ui(ui: &mut egui::Ui, doc: &Document) {
    let c = &doc.content;
    for round in &c.inspection_rounds {
        section_ui(
            ui,
            &format!("{}（{}—{}）", round.name, format_opt_date(round.starts_on), format_opt_date(round.ends_on)),
        );
        egui::Grid::new(round.id).striped(true).num_columns(4).show(ui, |ui| {
            for h in ["部门", "自查情况", "考核意见", "等次"] {
                ui.strong(h);
            }
            ui.end_row();
            let mut results: Vec<_> = c.inspection_results.iter().filter(|r| r.round_id == round.id).collect();
            results.sort_by_key(|r| doc.index.department(c, Some(r.dept_id)).map_or(i64::MAX, |d| d.seq));
            for r in results {
                ui.label(doc.index.dept_name(c, Some(r.dept_id)));
                ui.scope(|ui| {
                    ui.set_max_width(420.0);
                    cell_ui(ui, &r.self_check);
                });
                ui.scope(|ui| {
                    ui.set_max_width(360.0);
                    cell_ui(ui, &r.assessment);
                });
                ui.label(&r.rating);
                ui.end_row();
            }
        });
    }
    if c.inspection_rounds.is_empty() {
        section_ui(ui, "检查考核");
        empty_ui(ui, "检查考核记录");
    }
}
