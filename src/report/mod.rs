//! The printable forms' layout engine: text measured with the shipped fonts' real advances,
//! wrapped by CJK rules. (The table, paging and PDF stages build on this; see README.)

pub mod layout;
pub mod metrics;
pub mod wrap;
