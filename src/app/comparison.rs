//! The Compare view's state: the columns pinned to compare (a, A, c) and the comparison
//! worked out from them, kept up to date as the scenario changes. The report export of these
//! columns is a file prompt ([`super::files`]).

use std::path::Path;

use super::msg::Effect;
use super::{App, Overlay};
use crate::compare::{Comparison, Entry, MAX_SCENARIOS, compare_scored};
use crate::diagnostic::Diagnostic;
use crate::engine::ScoreResult;
use crate::scenario::Scenario;

/// A scenario kept as a column of the Compare view.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareColumn {
    pub entry: Entry,
    pub result: ScoreResult,
}

/// What the Compare view shows, kept up to date as the scenario changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CompareState {
    /// Columns pinned with `a` (the current state) or `A` (a file), oldest first.
    pub pins: Vec<CompareColumn>,
    /// Baseline (if pinned), the pins, then the current state: at most four columns.
    pub comparison: Option<Comparison>,
    /// The open dialog adds a column instead of replacing the scenario.
    pub(super) opening_column: bool,
}

impl App {
    /// Columns the current state can still be compared with (the current state itself is
    /// always the last column).
    fn pin_room(&self) -> usize {
        MAX_SCENARIOS
            - usize::from(!self.session.current_left_out)
            - usize::from(self.baseline.is_some())
    }

    /// The columns of the Compare view, in order: baseline, pins, current (unless it is left
    /// out), each under its name.
    pub fn compare_columns(&self) -> Vec<(Entry, ScoreResult)> {
        let mut out = Vec::with_capacity(MAX_SCENARIOS);
        if let Some(b) = &self.baseline {
            out.push((self.baseline_entry(b), b.result.clone()));
        }
        for p in self.compare.pins.iter().take(self.pin_room()) {
            out.push((p.entry.clone(), p.result.clone()));
        }
        if !self.session.current_left_out || out.is_empty() {
            out.push((self.current_entry(), self.computed.result.clone()));
        }
        out
    }

    /// Pinned columns left out because the baseline took their place.
    pub fn compare_hidden(&self) -> usize {
        self.compare.pins.len().saturating_sub(self.pin_room())
    }

    /// Work the comparison out again (after any change to the scenario or the columns).
    pub(super) fn refresh_compare(&mut self) {
        let columns = self.compare_columns();
        self.compare.comparison = if columns.len() >= 2 {
            compare_scored(columns)
                .ok()
                .map(|c| c.with_ranges(&self.rules, &self.sensitivity.max_range))
        } else {
            None
        };
    }

    fn add_column(&mut self, entry: Entry, result: ScoreResult) -> bool {
        if self.compare.pins.len() >= self.pin_room() {
            self.compare_full();
            return false;
        }
        self.compare.pins.push(CompareColumn { entry, result });
        self.refresh_compare();
        true
    }

    fn compare_full(&mut self) {
        self.warn(format!(
            "Compare holds {MAX_SCENARIOS} scenarios at most (the current state is one): \
             c clears the pinned columns"
        ));
    }

    /// `a`: keep the current state as a column of the Compare view, and ask for its name
    /// (proposing the scenario's own, or "Option N").
    pub(super) fn pin_to_compare(&mut self) {
        if let Some(same) = self.identical_column(&self.scenario) {
            self.warn(format!(
                "Not pinned: the current state is the same as the column “{same}” (change something first)"
            ));
            return;
        }
        let name = self.proposed_column_name(self.scenario.name.as_deref());
        let mut entry = Entry::new(name.clone(), self.scenario.clone());
        if let Some(f) = &self.file
            && !self.is_modified()
        {
            entry = entry.with_source(f.display().to_string());
        }
        if self.add_column(entry, self.computed.result.clone()) {
            let i = self.compare.pins.len() - 1;
            self.overlay =
                Overlay::Name(super::NamePrompt::new(super::Purpose::ColumnName(i), name));
            self.info("Pinned as a Compare column: name it (Enter keeps the name shown)");
        }
    }

    /// `A`: pick a scenario file to add as a column.
    pub(super) fn open_compare_file(&mut self) -> Vec<Effect> {
        if self.compare.pins.len() >= self.pin_room() {
            self.compare_full();
            return Vec::new();
        }
        let effects = self.open_open_picker();
        self.compare.opening_column = true;
        effects
    }

    /// The open dialog's file arrives as a column (true when it was meant to).
    pub(super) fn opened_as_column(
        &mut self,
        path: &Path,
        result: &Result<Scenario, Diagnostic>,
    ) -> bool {
        if !std::mem::take(&mut self.compare.opening_column) {
            return false;
        }
        let Ok(s) = result else {
            return false;
        };
        let mut s = s.clone();
        s.performance_year = s.performance_year.clamp(self.years.0, self.years.1);
        let Some(year) = self.rules.year(s.performance_year) else {
            return false;
        };
        let result = crate::engine::score(&s, year);
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".into());
        self.overlay = Overlay::None;
        let same_as_current = !self.session.current_left_out
            && Scenario {
                name: None,
                ..s.clone()
            } == Scenario {
                name: None,
                ..self.scenario.clone()
            };
        if let Some(same) = self
            .identical_column(&s)
            .or_else(|| same_as_current.then(|| self.current_name()))
        {
            self.warn(format!(
                "Not added: {} is the same scenario as the column “{same}”",
                path.display()
            ));
            return true;
        }
        let own = s.name.clone().unwrap_or(stem);
        let name = self.proposed_column_name(Some(&own));
        let entry = Entry::new(name, s).with_source(path.display().to_string());
        if self.add_column(entry, result) {
            self.info(format!("Added {} to Compare", path.display()));
        }
        true
    }

    /// The open dialog was closed without a file.
    pub(super) fn cancel_compare_file(&mut self) {
        self.compare.opening_column = false;
    }

    /// `c`: drop the pinned columns (the baseline stays: x drops it).
    pub(super) fn clear_compare(&mut self) {
        if self.compare.pins.is_empty() {
            self.info("No pinned columns to clear (x drops the baseline)");
            return;
        }
        self.compare.pins.clear();
        self.refresh_compare();
        self.info("Pinned columns cleared");
    }

    /// The report's scenarios: the Compare columns (current state alone if there are none).
    pub(super) fn report_entries(&self) -> Vec<Entry> {
        self.compare_columns().into_iter().map(|(e, _)| e).collect()
    }
}
