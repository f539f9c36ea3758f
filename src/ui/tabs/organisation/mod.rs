//! 领导小组与机构: the leadership group and its office, 分管, departments and posts, people —
//! all editable, with paste from Excel/WPS and deletions that say what goes with them.

mod group;
mod paste;
mod people;
mod structure;
mod supervision;

use super::View;
use crate::domain::ops::removal::Removal;
use crate::ui::command::Command;
use crate::ui::document::Document;
use crate::ui::widgets::WARN;
use crate::ui::widgets::editing_ui;

/// The parts of the tab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Section {
    #[default]
    Group,
    Supervision,
    Structure,
    People,
}

impl Section {
    const ALL: [Self; 4] = [Self::Group, Self::Supervision, Self::Structure, Self::People];

    fn label(self) -> &'static str {
        match self {
            Self::Group => "领导小组",
            Self::Supervision => "分管",
            Self::Structure => "部门与岗位",
            Self::People => "人员",
        }
    }
}

#[derive(Default)]
pub struct OrganisationView {
    section: Section,
    seen_revision: Option<u64>,
    group: group::GroupEditor,
    structure: structure::StructureEditor,
    people: people::PeopleEditor,
    paste: Option<paste::PasteWindow>,
    supervision_filter: String,
    confirm: Option<Removal>,
}

impl View for OrganisationView {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command> {
        if self.seen_revision != Some(doc.revision) {
            // The file changed: drafts start again from what is saved; selections stay.
            self.seen_revision = Some(doc.revision);
            self.group.reset();
            self.structure.reset();
            self.people.reset();
        }
        let mut out = Vec::new();
        ui.horizontal(|ui| {
            for s in Section::ALL {
                ui.selectable_value(&mut self.section, s, s.label());
            }
            ui.separator();
            let paste =
                editing_ui(ui, doc, |ui| ui.button("从 Excel/WPS 粘贴…").on_hover_text("成批录入部门、岗位或人员"));
            if paste.clicked() {
                self.paste = Some(paste::PasteWindow::default());
            }
            out.extend(crate::ui::widgets::import_workbook_ui(ui, doc));
            out.extend(crate::ui::widgets::export_workbook_ui(ui, Some(crate::domain::lists::ORGANISATION_SHEETS)));
        });
        ui.separator();
        let removal = match self.section {
            Section::Group => {
                out.extend(editing_ui(ui, doc, |ui| self.group.ui(ui, doc)));
                None
            }
            Section::Supervision => {
                out.extend(editing_ui(ui, doc, |ui| supervision::grid_ui(ui, doc, &mut self.supervision_filter)));
                None
            }
            Section::Structure => {
                let (commands, removal) = self.structure.ui(ui, doc);
                out.extend(commands);
                removal
            }
            Section::People => {
                let (commands, removal) = self.people.ui(ui, doc);
                out.extend(commands);
                removal
            }
        };
        if removal.is_some() {
            self.confirm = removal;
        }
        if let Some(p) = &mut self.paste {
            let (command, open) = p.ui(ui.ctx(), doc);
            out.extend(command);
            if !open {
                self.paste = None;
            }
        }
        out.extend(self.confirm_ui(ui.ctx()));
        out
    }
}

impl OrganisationView {
    /// Asks before a deletion, listing what goes with it.
    fn confirm_ui(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let Some(removal) = self.confirm.as_ref() else { return Vec::new() };
        let (mut yes, mut no) = (false, false);
        egui::Window::new("确认删除").collapsible(false).resizable(false).show(ctx, |ui| {
            ui.strong(format!("{}？", removal.edit.label));
            if removal.summary.is_empty() {
                ui.label("没有其他数据依赖它。");
            } else {
                ui.label("将一并删除或解除关联：");
                for line in &removal.summary {
                    ui.label(format!("· {line}"));
                }
            }
            if let Some(blocker) = &removal.blocker {
                ui.colored_label(WARN, blocker);
            } else {
                ui.weak("删除后可用“编辑 → 撤销”（Ctrl+Z）恢复。");
            }
            ui.horizontal(|ui| {
                yes = ui.add_enabled(removal.blocker.is_none(), egui::Button::new("确认删除")).clicked();
                no = ui.button("取消").clicked();
            });
        });
        if no {
            self.confirm = None;
            return Vec::new();
        }
        if !yes {
            return Vec::new();
        }
        self.confirm.take().map(|removal| Command::Edit(removal.edit)).into_iter().collect()
    }
}
