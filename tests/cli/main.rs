//! The command line through the real binary: every subcommand's output in each format, the
//! bad-input catalogue (exact messages, exit code 2), reports, rosters, spreadsheets, and the
//! documents' examples (docs). One module per subject; run one with `cargo test --test cli MODULE::`.

#[path = "../common/mod.rs"]
mod common;

mod bad_inputs;
mod compare;
mod completions;
mod docs;
mod measures;
mod report;
mod report_details;
mod roster;
mod roster_check;
mod roster_chunks;
mod score_table;
mod spreadsheets;
mod sweep_solve;
