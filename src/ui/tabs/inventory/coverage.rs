//! Coverage gaps (不漏岗、不缺项): posts and departments with no risk point yet, and risk points
//! missing a measure in one of the three phases.

use crate::domain::coverage::coverage;
use crate::ui::document::Document;
use crate::ui::widgets::{OK, WARN, section_ui};

pub fn coverage_ui(ui: &mut egui::Ui, doc: &Document) {
    let c = &doc.content;
    let s = doc.scheme();
    let cov = coverage(c);
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        section_ui(ui, &format!("尚无风险点的岗位（{}）", cov.posts_without_risks.len()));
        if cov.posts_without_risks.is_empty() {
            ui.colored_label(OK, "每个岗位都已查找风险点。");
        }
        for id in &cov.posts_without_risks {
            if let Some(p) = doc.index.post(c, Some(*id)) {
                ui.colored_label(WARN, format!("{}·{}", doc.index.dept_name(c, Some(p.dept_id)), p.name));
            }
        }
        section_ui(ui, &format!("尚无风险点的部门（{}）", cov.depts_without_risks.len()));
        if cov.depts_without_risks.is_empty() {
            ui.colored_label(OK, "每个部门都已查找风险点。");
        }
        for id in &cov.depts_without_risks {
            ui.colored_label(WARN, doc.index.dept_name(c, Some(*id)));
        }
        section_ui(ui, &format!("缺少某一阶段防控措施的风险点（{}）", cov.missing_phases.len()));
        if cov.missing_phases.is_empty() {
            ui.colored_label(OK, "每个风险点都有三个阶段的防控措施。");
        }
        for (id, phases) in cov.missing_phases.iter().take(1000) {
            let Some(rp) = c.risk_points.iter().find(|r| r.id == *id) else { continue };
            let names: Vec<&str> = phases.iter().map(|p| s.measure_phase_name(*p)).collect();
            ui.label(format!("{}：{}　缺：{}", doc.index.risk_subject(c, rp), rp.description, names.join("、")));
        }
        if cov.missing_phases.len() > 1000 {
            ui.weak(format!("（另有 {} 个未列出，可在清单中筛选）", cov.missing_phases.len() - 1000));
        }
    });
}
