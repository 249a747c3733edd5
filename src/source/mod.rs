//! Reads `releases/` and understands every input shape; produces `model::Entry` values.

pub mod dates;
pub mod press_review;
