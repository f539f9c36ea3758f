//! 廉防 (lianfang): integrity-risk prevention and control, one SQLite file per unit.
//!
//! Layers: `domain` (pure types and rules), `store` (SQLite), `ui` (egui views),
//! `cli` (the same binary without a window). `demo` builds realistic data sets.

pub mod about;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod fonts;
pub mod fsutil;
pub mod report;
pub mod store;
pub mod ui;
pub mod workbook;
