//! 风险点查找向导: the wizard, the inventory list (filters, review loop, bulk actions, 公示),
//! coverage gaps, and the power catalogue (职权目录) with each power's flow.

mod coverage;
mod list;
mod powers;
mod wizard;

use super::View;
use crate::ui::command::Command;
use crate::ui::document::Document;
use crate::ui::widgets::editing_ui;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Section {
    Wizard,
    #[default]
    List,
    Coverage,
    Powers,
}

#[derive(Default)]
pub struct InventoryView {
    section: Section,
    wizard: wizard::Wizard,
    list: list::ListView,
    powers: powers::PowersView,
}

impl View for InventoryView {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        crate::ui::widgets::sections_ui(
            ui,
            &mut self.section,
            &[
                (Section::Wizard, "查找向导"),
                (Section::List, "风险点清单"),
                (Section::Coverage, "覆盖检查"),
                (Section::Powers, "职权目录"),
            ],
        );
        let mut out = Vec::new();
        let mut open = None;
        match self.section {
            Section::Wizard => out.extend(editing_ui(ui, doc, |ui| self.wizard.ui(ui, doc))),
            Section::List => {
                let (commands, continue_with) = self.list.ui(ui, doc);
                out.extend(commands);
                open = continue_with.map(|id| {
                    doc.content.risk_points.iter().find(|r| r.id == id).map(|rp| wizard::Wizard::continuing(doc, rp))
                });
            }
            Section::Coverage => coverage::coverage_ui(ui, doc),
            Section::Powers => {
                let (commands, new_on_step) = editing_ui(ui, doc, |ui| self.powers.ui(ui, doc));
                out.extend(commands);
                open = new_on_step.map(|(dept, power, step)| Some(wizard::Wizard::on_step(dept, power, step)));
            }
        }
        if let Some(Some(w)) = open {
            self.wizard = w;
            self.section = Section::Wizard;
            // The switch happens after drawing: draw again so it shows at once.
            ui.ctx().request_repaint();
        }
        out
    }
}
