//! 风险等级评定: the scheme's grading method explained, distributions by department and class,
//! and the list of posts at the highest level.

use std::collections::HashMap;

use super::View;
use crate::domain::Id;
use crate::domain::scheme::GradingMethod;
use crate::ui::app::Command;
use crate::ui::document::Document;
use crate::ui::widgets::{level_badge_ui, section_ui};

#[derive(Default)]
pub struct GradingView;

/// Counts per key and level (index 0..3 = 一级..三级, 3 = 未评定).
fn count_by<K: std::hash::Hash + Eq>(items: impl Iterator<Item = (K, Option<u8>)>) -> HashMap<K, [usize; 4]> {
    let mut out: HashMap<K, [usize; 4]> = HashMap::new();
    for (k, grade) in items {
        let slot = grade.map_or(3, |g| usize::from(g.clamp(1, 3)) - 1);
        out.entry(k).or_default()[slot] += 1;
    }
    out
}

impl View for GradingView {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            method_ui(ui, doc);
            by_department_ui(ui, doc);
            by_class_ui(ui, doc);
            top_posts_ui(ui, doc);
        });
        Vec::new()
    }
}

fn method_ui(ui: &mut egui::Ui, doc: &Document) {
    let g = &doc.scheme().grading;
    section_ui(ui, &format!("评定办法：{}", g.method.label()));
    if !g.source_text.is_empty() {
        ui.label(&g.source_text);
    }
    let rules = match g.method {
        GradingMethod::Harm => &g.harm_rules,
        GradingMethod::PostType => &g.post_type_rules,
        GradingMethod::Matrix => {
            let m = &g.matrix;
            for (l, row) in m.cells.iter().enumerate() {
                let cells: Vec<String> = row
                    .iter()
                    .zip(&m.harm_labels)
                    .map(|(c, h)| format!("危害{h}→{}", doc.scheme().level_name(Some(*c))))
                    .collect();
                ui.label(format!(
                    "几率{}：{}",
                    m.likelihood_labels.get(l).map_or("", String::as_str),
                    cells.join("　")
                ));
            }
            return;
        }
    };
    for r in rules {
        ui.horizontal(|ui| {
            level_badge_ui(ui, doc.scheme().level_name(Some(r.grade)), Some(r.grade));
            ui.label(&r.text);
        });
    }
}

fn level_header_ui(ui: &mut egui::Ui, doc: &Document, first: &str) {
    ui.strong(first);
    for g in 1..=3 {
        level_badge_ui(ui, doc.scheme().level_name(Some(g)), Some(g));
    }
    ui.strong("未评定");
    ui.end_row();
}

fn counts_row_ui(ui: &mut egui::Ui, name: &str, counts: [usize; 4]) {
    ui.label(name);
    for n in counts {
        ui.label(n.to_string());
    }
    ui.end_row();
}

fn by_department_ui(ui: &mut egui::Ui, doc: &Document) {
    let c = &doc.content;
    section_ui(ui, "各部门风险点等级分布");
    let post_dept: HashMap<Id, Id> = c.posts.iter().map(|p| (p.id, p.dept_id)).collect();
    let counts = count_by(c.risk_points.iter().filter_map(|r| {
        r.dept_id.or_else(|| r.post_id.and_then(|p| post_dept.get(&p).copied())).map(|d| (d, r.grade))
    }));
    egui::Grid::new("by_dept").striped(true).show(ui, |ui| {
        level_header_ui(ui, doc, "部门");
        for d in &c.departments {
            counts_row_ui(ui, &d.name, counts.get(&d.id).copied().unwrap_or_default());
        }
    });
}

fn by_class_ui(ui: &mut egui::Ui, doc: &Document) {
    section_ui(ui, "各类别风险点等级分布");
    let counts = count_by(doc.content.risk_points.iter().map(|r| (r.class.as_str(), r.grade)));
    egui::Grid::new("by_class").striped(true).show(ui, |ui| {
        level_header_ui(ui, doc, "类别");
        for class in &doc.scheme().risk_classes {
            counts_row_ui(ui, &class.name, counts.get(class.name.as_str()).copied().unwrap_or_default());
        }
    });
}

fn top_posts_ui(ui: &mut egui::Ui, doc: &Document) {
    let c = &doc.content;
    let top: Vec<_> = c.posts.iter().filter(|p| doc.levels.post(p.id) == Some(1)).collect();
    section_ui(ui, &format!("{}岗位（{} 个）", doc.scheme().level_name(Some(1)), top.len()));
    ui.label(
        top.iter()
            .map(|p| format!("{}·{}", doc.index.dept_name(c, Some(p.dept_id)), p.name))
            .collect::<Vec<_>>()
            .join("；"),
    );
}
