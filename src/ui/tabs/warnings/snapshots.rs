//! Yearly snapshots of the inventory and what changed since (动态管理, seeds 001–003).

use chrono::Datelike as _;

use crate::domain::Id;
use crate::domain::dates::{format_stamp, today};
use crate::domain::ops::warnings as ops;
use crate::domain::snapshot::{Diff, SnapshotRisk, diff};
use crate::ui::command::Command;
use crate::ui::document::Document;
use crate::ui::form::text_field_ui;
use crate::ui::widgets::section_ui;

#[derive(Default)]
pub struct SnapshotsView {
    label: String,
    compare: Option<Id>,
    /// The comparison, computed once per revision and choice.
    diff: Option<(Id, Diff)>,
}

impl SnapshotsView {
    pub fn reset(&mut self) {
        self.diff = None;
    }

    pub fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        let c = &doc.content;
        let mut out = Vec::new();
        section_ui(ui, "年度快照");
        ui.label("每年检查考核后保存一次风险点清单快照；下一年度可看到新增、删除、等级变化和措施变化的风险点。");
        if self.label.is_empty() {
            self.label = format!("{}年度风险点清单", today().year());
        }
        ui.horizontal(|ui| {
            text_field_ui(ui, "快照名称：", &mut self.label, 240.0);
            if ui.button("保存当前清单为快照").clicked()
                && let Ok(edit) = ops::save_snapshot(c, &self.label, today().year())
            {
                out.push(Command::Edit(edit));
            }
        });
        for s in &c.snapshots {
            ui.horizontal(|ui| {
                ui.label(format!(
                    "{}（{}，{} 个风险点）",
                    s.label,
                    format_stamp(&s.stamp.created_at.to_string()),
                    s.inventory.risks.len()
                ));
                if ui.button("与当前比较").clicked() {
                    self.compare = Some(s.id);
                }
                if ui.small_button("删除").clicked() {
                    out.push(Command::Edit(ops::remove_snapshot(s)));
                }
            });
        }
        let Some(snap) = self.compare.and_then(|id| c.snapshots.iter().find(|s| s.id == id)) else { return out };
        if self.diff.as_ref().is_none_or(|(id, _)| *id != snap.id) {
            self.diff = Some((snap.id, diff(&snap.inventory, &c.inventory())));
        }
        if let Some((_, d)) = &self.diff {
            diff_ui(ui, doc, &snap.label, d);
        }
        out
    }
}

fn diff_ui(ui: &mut egui::Ui, doc: &Document, label: &str, d: &Diff) {
    section_ui(ui, &format!("与“{label}”相比"));
    if d.is_empty() {
        ui.label("没有变化。");
        return;
    }
    let s = doc.scheme();
    let line = |r: &SnapshotRisk| format!("{}：{}", r.subject, r.description);
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        group_ui(ui, &format!("新增风险点（{}）", d.added.len()), d.added.iter().map(line));
        group_ui(ui, &format!("删除的风险点（{}）", d.removed.len()), d.removed.iter().map(line));
        group_ui(
            ui,
            &format!("等级变化（{}）", d.regraded.len()),
            d.regraded
                .iter()
                .map(|(a, b)| format!("{}（{} → {}）", line(b), s.level_name(a.grade), s.level_name(b.grade))),
        );
        group_ui(
            ui,
            &format!("防控措施变化（{}）", d.measures_changed.len()),
            d.measures_changed
                .iter()
                .map(|(a, b)| format!("{}（{} 条 → {} 条）", line(b), a.measures.len(), b.measures.len())),
        );
        group_ui(
            ui,
            &format!("表述或类别变化（{}）", d.reworded.len()),
            d.reworded.iter().map(|(a, b)| format!("{} → {}", line(a), line(b))),
        );
    });
}

/// Shown lines per group; the rest is counted, never silently dropped.
const SHOWN: usize = 500;

fn group_ui(ui: &mut egui::Ui, title: &str, lines: impl ExactSizeIterator<Item = String>) {
    let total = lines.len();
    egui::CollapsingHeader::new(title).default_open(true).show(ui, |ui| {
        for l in lines.take(SHOWN) {
            ui.label(l);
        }
        if total > SHOWN {
            ui.weak(format!("（另有 {} 条未列出）", total - SHOWN));
        }
    });
}
