//! Pure types and rules of the programme: no egui, no SQL.

pub mod change;
pub mod content;
pub mod coverage;
pub mod dates;
pub mod exchange;
pub mod forms;
pub mod grading;
pub mod import;
pub mod levels;
pub mod lists;
pub mod measures;
pub mod model;
pub mod names;
pub mod ops;
pub mod plan;
pub mod responsibility;
pub mod review;
pub mod roster;
pub mod scheme;
pub mod snapshot;
pub mod stamp;
pub mod text;
pub mod validate;
pub mod warning;

pub use content::Content;
pub use model::*;
pub use scheme::Scheme;

/// Every row is identified by a random UUID so that files of different units never collide
/// when the higher office puts them together.
pub type Id = uuid::Uuid;

/// A fresh random id.
pub fn new_id() -> Id {
    uuid::Uuid::new_v4()
}
