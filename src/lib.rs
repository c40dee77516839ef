//! mips-whatif: a what-if explorer for the Medicare MIPS final score and payment adjustment.
//!
//! The library holds everything the binary does, so tests and benchmarks use it directly:
//! - [`files`]: reading small text files and saving files whole or not at all;
//! - [`rules`]: the per-year rules, loaded from data in `assets/rules/`;
//! - [`scenario`]: scenario files, read, checked and written;
//! - [`measures`]: CMS's measure inventory and benchmarks per year, from `assets/measures/`;
//! - [`builders`]: the pure category builders (measures → category percent, with a trace);
//! - [`engine`]: the pure scoring engine (scenario → result with a rule trace);
//! - [`national`]: CMS's national results for context;
//! - [`compare`]: 2 to 4 scenarios side by side, with differences against the first;
//! - [`sensitivity`]: sweeps, marginal values, points needed and the uncertainty range;
//! - [`teaching`]: the rules timeline, what changed between years, and lessons;
//! - [`report`]: client reports of 1 to 4 scenarios, as Markdown or self-contained HTML;
//! - [`recovery`]: the explorer's session kept in the user's state folder, restored after a crash;
//! - [`workspace`]: a whole client comparison in one file (scenarios, names, baseline, report details);
//! - [`catalog`], [`completion`], [`number_text`]: what a folder's files hold (the open
//!   picker), Tab completion of paths, and what typed or pasted text holds, for the explorer;
//! - [`app`], [`ui`], [`explorer`]: the full-screen explorer (state and update, drawing,
//!   terminal and event loop);
//! - [`cli`]: the command line.

// `Diagnostic` (a located, explained input error) is ~150 bytes and only travels on the
// error path of file loading, never in a loop: boxing it would only add noise.
#![allow(clippy::result_large_err)]

pub mod app;
pub mod builders;
pub mod catalog;
pub mod cli;
pub mod compare;
pub mod completion;
pub mod diagnostic;
pub mod engine;
pub mod escape;
pub mod explorer;
pub mod files;
pub mod format;
pub mod measures;
pub mod national;
pub mod number_text;
pub mod recovery;
pub mod report;
pub mod roster;
pub mod rules;
pub mod scenario;
pub mod sensitivity;
pub mod spreadsheet;
pub mod teaching;
pub mod toml_input;
pub mod ui;
pub mod workspace;
