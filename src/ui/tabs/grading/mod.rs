//! 风险等级评定: the distribution of levels (charts), grading one risk point by the scheme's
//! method (with an audited manual override), and the scheme's grading settings.

mod grade;

mod overview;
mod settings;

use super::View;
use crate::ui::command::Command;
use crate::ui::document::Document;
use crate::ui::widgets::editing_ui;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Section {
    #[default]
    Overview,
    Grade,
    Settings,
}

#[derive(Default)]
pub struct GradingView {
    section: Section,
    seen_revision: Option<u64>,
    grade: grade::GradeEditor,
    settings: settings::SettingsEditor,
}

impl View for GradingView {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        if self.seen_revision != Some(doc.revision) {
            self.seen_revision = Some(doc.revision);
            self.grade.reset();
            self.settings.reset();
        }
        crate::ui::widgets::sections_ui(
            ui,
            &mut self.section,
            &[(Section::Overview, "等级分布"), (Section::Grade, "评定风险点"), (Section::Settings, "评定办法")],
        );
        match self.section {
            Section::Overview => {
                overview::overview_ui(ui, doc);
                Vec::new()
            }
            Section::Grade => editing_ui(ui, doc, |ui| self.grade.ui(ui, doc)),
            Section::Settings => editing_ui(ui, doc, |ui| self.settings.ui(ui, doc)),
        }
    }
}
