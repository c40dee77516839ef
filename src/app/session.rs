//! The consultant's session: what it holds beyond the scenario (the baseline's name, the
//! report's details, a workspace file, whether the current state is compared) and the
//! columns' names. The rest of the session has a file each: the question before quitting
//! (`quit_guard.rs`), the session as a workspace and back (`session_workspace.rs`), the
//! offer to restore an earlier run (`questions.rs`), typed names (`name_prompts.rs`), the
//! report's details (`report_details.rs`), going to a field (`field_jump.rs`) and pasting
//! (`paste.rs`).
//!
//! Nothing here touches a file: writes and reads are [`Effect`](super::Effect)s the runner
//! performs.

use std::path::{Path, PathBuf};

use super::App;
use super::baseline::Baseline;
use crate::compare::Entry;
use crate::report::ReportDetails;
use crate::scenario::Scenario;
use crate::workspace::Workspace;

/// The name of the baseline column unless the session gives one.
pub const BASELINE_NAME: &str = "Baseline";
/// The name of the current state's column unless the session gives one.
pub const CURRENT_NAME: &str = "Current";

/// The session's parts that are not the scenario.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SessionState {
    /// The workspace file the session was opened from or last saved to.
    pub workspace_file: Option<PathBuf>,
    /// The session as that file holds it (for "unsaved").
    pub(super) saved: Option<Workspace>,
    /// The report's details (title, client, author, date, note).
    pub report: ReportDetails,
    /// The baseline column's name.
    pub baseline_name: Option<String>,
    /// The current state's column name (from a workspace).
    pub current_name: Option<String>,
    /// The current state is left out of the comparison.
    pub current_left_out: bool,
    /// Quit once the save asked for by the quit question is written.
    pub(super) quit_after_save: bool,
    /// Ctrl-C was pressed once with unsaved work: a second press quits at once.
    pub(super) ctrl_c_armed: bool,
    /// A session an earlier run left, offered for restoring.
    pub(super) offer: Option<Box<Offer>>,
    /// The save prompt's file, kept while the scenario's name for it is asked.
    pub(super) save_as: Option<PathBuf>,
    /// The file the scenario's name was last asked for (not asked twice for one file).
    pub(super) named_for: Option<PathBuf>,
    /// The scenario just before a `-` nudge (a digit right after it means "-5").
    pub(super) before_minus: Option<Scenario>,
    /// Ctrl-Z was pressed: the runner suspends the terminal.
    pub suspend_requested: bool,
    /// The export prompt's file name, while the report's details are asked from it.
    pub(super) details_return: Option<String>,
    /// A restored session's roster, while its file is read again.
    pub(super) roster_restore: Option<Box<super::roster_view::PendingRoster>>,
    /// A roster without a year column or a year in its name, while its year is asked.
    pub(super) roster_year_for: Option<PathBuf>,
}

impl SessionState {
    /// Any key but Ctrl-C: the next Ctrl-C asks again.
    pub(super) fn ctrl_c_disarm(&mut self) {
        self.ctrl_c_armed = false;
    }
}

/// An earlier session to restore.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Offer {
    pub(super) workspace: Workspace,
    /// Its recovery file (forgotten once answered).
    pub(super) file: PathBuf,
    /// The current scenario's file as it is on disk now, if it has one (for "modified").
    pub(super) current_on_disk: Option<Scenario>,
}

/// A name made from a file name: `small-practice-pi.toml` → "Small practice pi".
pub fn name_from_file(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_string_lossy();
    let stem = stem.strip_suffix(".workspace").unwrap_or(&stem);
    let words = stem.replace(['-', '_'], " ");
    let words = words.trim();
    let mut chars = words.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

impl App {
    /// The name the current state's column goes by ("Current", or the workspace's).
    pub fn current_name(&self) -> String {
        self.session
            .current_name
            .clone()
            .unwrap_or_else(|| CURRENT_NAME.into())
    }

    /// The baseline column's name.
    pub fn baseline_name(&self) -> String {
        self.session
            .baseline_name
            .clone()
            .unwrap_or_else(|| BASELINE_NAME.into())
    }

    /// The names in use by the columns (but the pinned column `except`).
    pub(super) fn names_in_use(&self, except: Option<usize>) -> Vec<String> {
        let mut out = vec![self.current_name()];
        if self.baseline.is_some() {
            out.push(self.baseline_name());
        }
        for (i, p) in self.compare.pins.iter().enumerate() {
            if Some(i) != except {
                out.push(p.entry.label.clone());
            }
        }
        out
    }

    /// A name for a new column: the scenario's own (when free), else "Option N".
    pub(super) fn proposed_column_name(&self, own: Option<&str>) -> String {
        let used = self.names_in_use(None);
        if let Some(n) = own.map(str::trim).filter(|n| !n.is_empty())
            && !used.iter().any(|u| u == n)
        {
            return n.to_string();
        }
        (1..)
            .map(|i| format!("Option {}", i + self.compare.pins.len()))
            .find(|n| !used.contains(n))
            .unwrap_or_else(|| "Option".into())
    }

    /// Which existing column holds exactly this scenario, if any (by name).
    pub(super) fn identical_column(&self, s: &Scenario) -> Option<String> {
        let same = |a: &Scenario| {
            Scenario {
                name: None,
                ..a.clone()
            } == Scenario {
                name: None,
                ..s.clone()
            }
        };
        if let Some(b) = &self.baseline
            && same(&b.scenario)
        {
            return Some(self.baseline_name());
        }
        self.compare
            .pins
            .iter()
            .find(|p| same(&p.entry.scenario))
            .map(|p| p.entry.label.clone())
    }

    /// `i` in Compare: leave the current state out of the comparison, or put it back.
    pub(super) fn toggle_current_in_comparison(&mut self) {
        if !self.session.current_left_out && self.baseline.is_none() && self.compare.pins.is_empty()
        {
            self.info("Nothing else to compare: pin a column (a) or a baseline (b) first");
            return;
        }
        self.session.current_left_out = !self.session.current_left_out;
        self.refresh_compare();
        self.info(if self.session.current_left_out {
            "The current state is left out of the comparison and the report (i puts it back)"
        } else {
            "The current state is compared again"
        });
    }

    /// Ctrl-Z: ask the runner to suspend.
    pub(super) fn request_suspend(&mut self) {
        self.session.suspend_requested = true;
    }

    /// The column entry of the baseline, named.
    pub(super) fn baseline_entry(&self, b: &Baseline) -> Entry {
        Entry::new(self.baseline_name(), b.scenario.clone())
    }

    /// The current state's column entry, named.
    pub(super) fn current_entry(&self) -> Entry {
        let e = Entry::new(self.current_name(), self.scenario.clone());
        match &self.file {
            Some(f) => e.with_source(f.display().to_string()),
            None => e,
        }
    }
}
