//! Teaching MIPS: the rules of every year side by side, what changed from one year to
//! another, and lessons a trainer can script and present.
//!
//! - [`timeline`]: every performance year's headline rules in one table, each cell with its
//!   confidence and source, the cells that changed from the year before marked;
//! - [`year_changes`]: what changed between two years, in plain words, and what it does to a
//!   scenario (the same inputs scored under both years);
//! - [`lesson`]: lesson files (a sequence of steps over scenarios) and a player for them;
//! - [`notes`]: a scenario file's teaching notes (its header comment).
//!
//! Everything here is computed from the rules data and the engine: a change in a rules file
//! shows up in the timeline and in the differences without touching code.

pub mod lesson;
pub mod notes;
pub mod render;
pub mod timeline;
pub mod year_changes;

use crate::rules::Confidence;

/// The mark a confidence gets beside a value: ✓ confirmed, ~ likely, ? assumed.
pub fn confidence_mark(c: Confidence) -> &'static str {
    match c {
        Confidence::Confirmed => "✓",
        Confidence::Likely => "~",
        Confidence::Assumed => "?",
    }
}
