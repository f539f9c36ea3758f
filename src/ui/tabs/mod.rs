//! The tabs. Each lives in its own file and implements `View`; adding a tab means one file,
//! one variant of `Tab` and one field of `Views`.

mod consolidation;
mod exchange;
mod forms;
pub(crate) mod grading;
mod inventory;
mod matrix;
mod measures;
mod organisation;
mod plan;
mod warnings;

use serde::{Deserialize, Serialize};

use super::command::Command;
use super::document::Document;

/// A tab's view: draws from the document, returns what it wants done.
pub trait View {
    fn ui(&mut self, ui: &mut egui::Ui, doc: &Document) -> Vec<Command>;
}

/// The tabs, in the order of the work.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tab {
    #[default]
    Plan,
    Organisation,
    Inventory,
    Grading,
    Matrix,
    Measures,
    Warnings,
    Forms,
    Exchange,
    /// 汇总: drawn by the app itself (it needs no unit file).
    Consolidation,
}

impl Tab {
    pub const ALL: [Self; 10] = [
        Self::Plan,
        Self::Organisation,
        Self::Inventory,
        Self::Grading,
        Self::Matrix,
        Self::Measures,
        Self::Warnings,
        Self::Forms,
        Self::Exchange,
        Self::Consolidation,
    ];
}

impl std::fmt::Display for Tab {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Plan => "工作方案",
            Self::Organisation => "领导小组与机构",
            Self::Inventory => "风险点查找向导",
            Self::Grading => "风险等级评定",
            Self::Matrix => "责任矩阵",
            Self::Measures => "防控措施",
            Self::Warnings => "预警与检查",
            Self::Forms => "表格打印",
            Self::Exchange => "数据报送",
            Self::Consolidation => "上级汇总",
        })
    }
}

/// The state of every view (not persisted: it belongs to the open file).
#[derive(Default)]
pub struct Views {
    plan: plan::PlanView,
    organisation: organisation::OrganisationView,
    inventory: inventory::InventoryView,
    grading: grading::GradingView,
    matrix: matrix::MatrixView,
    measures: measures::MeasuresView,
    warnings: warnings::WarningsView,
    forms: forms::FormsView,
    exchange: exchange::ExchangeView,
    /// 上级汇总: its own area file, whether or not a unit's document is open.
    pub consolidation: consolidation::ConsolidationView,
}

impl Views {
    /// The view of `tab`; `None` when it needs a unit's document and none is open.
    pub fn ui(&mut self, tab: Tab, ui: &mut egui::Ui, doc: Option<&Document>) -> Option<Vec<Command>> {
        let view: &mut dyn View = match tab {
            Tab::Consolidation => return Some(self.consolidation.ui(ui)),
            Tab::Plan => &mut self.plan,
            Tab::Organisation => &mut self.organisation,
            Tab::Inventory => &mut self.inventory,
            Tab::Grading => &mut self.grading,
            Tab::Matrix => &mut self.matrix,
            Tab::Measures => &mut self.measures,
            Tab::Warnings => &mut self.warnings,
            Tab::Forms => &mut self.forms,
            Tab::Exchange => &mut self.exchange,
        };
        doc.map(|doc| view.ui(ui, doc))
    }
}
