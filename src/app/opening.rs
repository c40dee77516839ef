//! Opening a file: the open picker (filled once the runner has listed the scenarios folder;
//! Tab completes a typed path) and what an opened scenario does to the state. A workspace
//! opens in `session_workspace.rs`, a Compare column in `comparison.rs`.

use std::path::PathBuf;

use super::action::Action;
use super::edit::Remembered;
use super::files::{ROSTERS_DIR, SCENARIOS_DIR};
use super::msg::Effect;
use super::prompts::{OpenPicker, Overlay, PromptOutcome};
use super::{App, chart};
use crate::diagnostic::Diagnostic;
use crate::scenario::Scenario;

impl App {
    /// `o`: the open picker, filled when the runner has listed the scenarios.
    pub(super) fn open_open_picker(&mut self) -> Vec<Effect> {
        self.overlay = Overlay::Open(OpenPicker::default());
        vec![Effect::ListScenarios]
    }

    /// An action in the open picker.
    pub(super) fn on_open_picker(&mut self, action: Action) -> Vec<Effect> {
        let Overlay::Open(picker) = &mut self.overlay else {
            return Vec::new();
        };
        // Tab completes a path being typed; over a filtered list it moves to the next file.
        if action == Action::Complete
            && !picker.input.is_empty()
            && (picker.input.contains('/') || picker.matches().is_empty())
        {
            return vec![Effect::Complete {
                text: picker.input.clone(),
                // Scenarios and workspaces, and rosters (the Roster view).
                extensions: vec!["toml", "csv", "xlsx"],
            }];
        }
        match picker.act(action) {
            PromptOutcome::Cancel => {
                self.overlay = Overlay::None;
                self.cancel_compare_file();
                self.info("Nothing opened");
                Vec::new()
            }
            PromptOutcome::Submit(target) => vec![Effect::Open(PathBuf::from(target))],
            PromptOutcome::Editing => self.preview_effect(),
        }
    }

    /// The scenario files found for the open picker (or why none).
    pub(super) fn on_listed(&mut self, result: Result<Vec<String>, String>) -> Vec<Effect> {
        if let Overlay::Open(d) = &mut self.overlay {
            match result {
                Ok(entries) => {
                    d.note = entries.is_empty().then(|| {
                        format!(
                            "No scenario, workspace or roster files in {SCENARIOS_DIR}/ or {ROSTERS_DIR}/: type a path"
                        )
                    });
                    d.entries = entries.clone();
                    d.selected = 0;
                    if !entries.is_empty() {
                        return vec![Effect::Describe(entries)];
                    }
                }
                Err(why) => {
                    d.entries.clear();
                    d.note = Some(why);
                }
            }
        }
        Vec::new()
    }

    /// A file was opened (as the scenario, or as a Compare column), or could not be.
    pub(super) fn on_opened(&mut self, path: PathBuf, result: Result<Scenario, Diagnostic>) {
        if self.opened_as_column(&path, &result) {
            return;
        }
        match result {
            Ok(mut s) => {
                s.performance_year = s.performance_year.clamp(self.years.0, self.years.1);
                if s != self.scenario {
                    self.history.record(self.scenario.clone(), None);
                }
                self.saved = s.clone();
                self.file = Some(path.clone());
                self.remembered = Remembered::default();
                if !self.chart_group_chosen {
                    self.chart_group.group = chart::default_group(&s);
                }
                self.overlay = Overlay::None;
                self.edit = None;
                self.set_scenario(s);
                self.info(format!(
                    "Opened {} (u goes back to the previous state)",
                    path.display()
                ));
            }
            Err(d) => {
                self.overlay = Overlay::FileError {
                    path: path.display().to_string(),
                    text: d.to_string(),
                };
                self.error(format!("Not opened, nothing changed: {}", d.one_line()));
            }
        }
    }
}
