//! What a typed name is for: a Compare column's name (refused when another column has it),
//! the scenario's name (asked too when saving under a new file name), a report detail or a
//! field to jump to.

use std::path::Path;

use super::App;
use super::msg::Effect;
use super::prompts::{NamePrompt, Overlay, Purpose};
use super::session::name_from_file;
use crate::scenario::Scenario;

impl App {
    /// `r` in Compare: rename the last pinned column.
    pub(super) fn rename_column(&mut self) {
        let Some(i) = self.compare.pins.len().checked_sub(1) else {
            self.info("No pinned column to rename: a pins the current state");
            return;
        };
        let name = self.compare.pins[i].entry.label.clone();
        self.overlay = Overlay::Name(NamePrompt::new(Purpose::ColumnName(i), name));
    }

    /// A name typed for a column or the scenario: refused in place when it is taken.
    pub(super) fn on_name_submitted(&mut self, purpose: Purpose, typed: String) -> Vec<Effect> {
        match purpose {
            Purpose::ReportDetail(part) => self.detail_submitted(part, typed),
            Purpose::JumpToField => self.jump_to_named_field(&typed),
            Purpose::RosterYear { first, last } => {
                return self.roster_year_submitted(&typed, first, last);
            }
            Purpose::ColumnName(i) => {
                if self.names_in_use(Some(i)).contains(&typed) {
                    if let Overlay::Name(p) = &mut self.overlay {
                        p.error = Some(format!("“{typed}” is the name of another column"));
                    }
                    return Vec::new();
                }
                self.overlay = Overlay::None;
                if let Some(p) = self.compare.pins.get_mut(i) {
                    p.entry.label = typed.clone();
                    self.refresh_compare();
                    self.info(format!("Column named “{typed}”"));
                }
            }
            Purpose::ScenarioName => {
                self.overlay = Overlay::None;
                let name = Some(typed.clone());
                if self.scenario.name != name {
                    self.history.record(self.scenario.clone(), None);
                    let mut next = self.scenario.clone();
                    next.name = name;
                    self.set_scenario(next);
                }
                if let Some(path) = self.session.save_as.take() {
                    self.session.named_for = Some(path.clone());
                    return self.write_scenario(path, false);
                }
                self.info(format!("Scenario named “{typed}” (s saves it)"));
            }
            _ => {}
        }
        Vec::new()
    }

    /// A name prompt was cancelled.
    pub(super) fn on_name_cancelled(&mut self, purpose: Purpose) {
        self.overlay = Overlay::None;
        match purpose {
            Purpose::ReportDetail(_) => self.details_done(),
            Purpose::JumpToField => self.info("Focus kept"),
            Purpose::RosterYear { .. } => {
                if let Some(path) = self.session.roster_year_for.take() {
                    self.info(format!("{} not opened, nothing changed", path.display()));
                }
            }
            Purpose::ColumnName(_) => self.info("The column keeps its name"),
            Purpose::ScenarioName => {
                if self.session.save_as.take().is_some() {
                    self.info("Not saved");
                    self.stay_after_cancelled_save();
                } else {
                    self.info("The scenario keeps its name");
                }
            }
            _ => {}
        }
    }

    /// Ctrl-N: name the scenario.
    pub(super) fn open_scenario_name_prompt(&mut self) {
        let name = self.scenario.name.clone().unwrap_or_default();
        self.overlay = Overlay::Name(NamePrompt::new(Purpose::ScenarioName, name));
    }

    /// Saving under a new file name: ask for the scenario's name too, proposing one made
    /// from the new file's name when the old name was made from the old file's (or was the
    /// built-in example's). True when the question is asked (the save waits for it).
    pub(super) fn ask_name_for_save_as(&mut self, path: &Path) -> bool {
        if self.file.as_deref() == Some(path) || self.session.named_for.as_deref() == Some(path) {
            return false;
        }
        let current = self.scenario.name.clone().unwrap_or_default();
        let derived_from_old = match &self.file {
            Some(old) => {
                name_from_file(old).as_deref() == Some(current.as_str())
                    || old
                        .file_stem()
                        .is_some_and(|s| s.to_string_lossy() == current)
            }
            None => true,
        };
        let builtin = self.scenario.name == Scenario::default_group().name;
        let proposal = if derived_from_old || builtin || current.trim().is_empty() {
            name_from_file(path).unwrap_or(current)
        } else {
            current
        };
        self.session.save_as = Some(path.to_path_buf());
        let mut prompt = NamePrompt::new(Purpose::ScenarioName, proposal);
        prompt.error = None;
        self.overlay = Overlay::Name(prompt);
        true
    }
}
