//! 预警与检查: warnings and their responses (with the scheme's yellow-card rule), inspection
//! rounds, and yearly snapshots of the inventory with what changed since (动态管理).

mod inspections;
mod records;
mod snapshots;

use super::View;
use crate::ui::command::Command;
use crate::ui::document::Document;
use crate::ui::widgets::editing_ui;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Section {
    #[default]
    Warnings,
    Inspections,
    Snapshots,
}

#[derive(Default)]
pub struct WarningsView {
    section: Section,
    seen_revision: Option<u64>,
    records: records::RecordsEditor,
    inspections: inspections::InspectionsEditor,
    snapshots: snapshots::SnapshotsView,
}

impl View for WarningsView {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        if self.seen_revision != Some(doc.revision) {
            self.seen_revision = Some(doc.revision);
            self.records.reset();
            self.inspections.reset();
            self.snapshots.reset();
        }
        crate::ui::widgets::sections_ui(
            ui,
            &mut self.section,
            &[
                (Section::Warnings, "预警记录"),
                (Section::Inspections, "检查考核"),
                (Section::Snapshots, "年度动态调整"),
            ],
        );
        let mut out: Vec<Command> = match self.section {
            Section::Warnings | Section::Inspections => {
                crate::ui::widgets::export_workbook_ui(ui, Some(crate::domain::lists::WARNING_SHEETS))
                    .into_iter()
                    .collect()
            }
            Section::Snapshots => Vec::new(),
        };
        out.extend(match self.section {
            Section::Warnings => editing_ui(ui, doc, |ui| self.records.ui(ui, doc)),
            Section::Inspections => editing_ui(ui, doc, |ui| self.inspections.ui(ui, doc)),
            Section::Snapshots => editing_ui(ui, doc, |ui| self.snapshots.ui(ui, doc)),
        });
        out
    }
}
