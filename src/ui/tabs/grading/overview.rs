//! The distribution of levels by department and by class, drawn as stacked bars, and the posts
//! at the highest level.

use std::collections::HashMap;

use crate::domain::Id;
use crate::domain::levels::level_slot;
use crate::domain::responsibility::risk_dept;
use crate::ui::document::Document;
use crate::ui::widgets::{level_badge_ui, level_color32, section_ui};

/// Counts per level: 一级, 二级, 三级, 未评定.
type Counts = [usize; 4];

pub fn overview_ui(ui: &mut egui::Ui, doc: &Document) {
    let c = &doc.content;
    let mut by_dept: HashMap<Id, Counts> = HashMap::new();
    let mut by_class: HashMap<&str, Counts> = HashMap::new();
    let mut total: Counts = [0; 4];
    for rp in &c.risk_points {
        let s = level_slot(rp.grade);
        total[s] += 1;
        by_class.entry(rp.class.as_str()).or_default()[s] += 1;
        if let Some(d) = risk_dept(c, &doc.index, rp) {
            by_dept.entry(d).or_default()[s] += 1;
        }
    }
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        let g = &doc.scheme().grading;
        section_ui(ui, &format!("评定办法：{}", g.method.label()));
        if !g.source_text.is_empty() {
            ui.label(&g.source_text);
        }
        legend_ui(ui, doc, total);
        // Each chart is scaled to its own widest row.
        let widest =
            |counts: &mut dyn Iterator<Item = &Counts>| counts.map(|c| c.iter().sum::<usize>()).max().unwrap_or(1);
        let widest_dept = widest(&mut by_dept.values());
        let widest_class = widest(&mut by_class.values());
        section_ui(ui, "各部门风险点等级分布");
        egui::Grid::new("dept_chart").striped(true).show(ui, |ui| {
            for d in &c.departments {
                bar_row_ui(ui, doc, &d.name, by_dept.get(&d.id).copied().unwrap_or_default(), widest_dept);
            }
        });
        section_ui(ui, "各类别风险点等级分布");
        egui::Grid::new("class_chart").striped(true).show(ui, |ui| {
            for class in &doc.scheme().risk_classes {
                let counts = by_class.get(class.name.as_str()).copied().unwrap_or_default();
                bar_row_ui(ui, doc, &class.name, counts, widest_class);
            }
        });
        top_posts_ui(ui, doc);
    });
}

fn legend_ui(ui: &mut egui::Ui, doc: &Document, total: Counts) {
    ui.horizontal(|ui| {
        ui.label(format!("共 {} 个风险点：", total.iter().sum::<usize>()));
        for g in 1..=3_u8 {
            level_badge_ui(ui, doc.scheme(), Some(g));
            ui.label(format!("{} 个", total[usize::from(g) - 1]));
        }
        level_badge_ui(ui, doc.scheme(), None);
        ui.label(format!("{} 个", total[3]));
    });
}

/// One row: name, a stacked bar in the level colours, and the numbers.
fn bar_row_ui(ui: &mut egui::Ui, doc: &Document, name: &str, counts: Counts, widest: usize) {
    ui.label(name);
    let width = 420.0;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, 16.0), egui::Sense::hover());
    let mut x = rect.left();
    let per = width / widest.max(1) as f32;
    for (i, n) in counts.iter().enumerate() {
        let w = per * *n as f32;
        let grade = u8::try_from(i + 1).ok().filter(|g| *g <= 3);
        let r = egui::Rect::from_min_size(egui::pos2(x, rect.top()), egui::vec2(w, rect.height()));
        ui.painter().rect_filled(r, 0.0, level_color32(doc.scheme(), grade));
        x += w;
    }
    let s = doc.scheme();
    let text = format!(
        "{} {}　{} {}　{} {}　未评定 {}",
        s.level_name(Some(1)),
        counts[0],
        s.level_name(Some(2)),
        counts[1],
        s.level_name(Some(3)),
        counts[2],
        counts[3]
    );
    response.on_hover_text(&text);
    ui.label(text);
    ui.end_row();
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
