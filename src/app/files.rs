//! Saving and exporting: what the save and export prompts ask the runner to do ([`Effect`]s),
//! the question before replacing a file, and what a write's outcome does to the state. The
//! runner does the I/O; opening a file is in `opening.rs`.

use std::path::{Path, PathBuf};

use super::App;
use super::action::Action;
use super::msg::Effect;
use super::prompts::{NamePrompt, Overlay, PromptOutcome, Purpose};
use crate::files::SaveError;
use crate::report::Format;
use crate::scenario::{Scenario, to_toml};

/// The folder the open picker lists and the save prompt suggests.
pub const SCENARIOS_DIR: &str = "scenarios";

/// The folder of rosters the open picker lists too.
pub const ROSTERS_DIR: &str = "rosters";

/// Where the open picker looks, relative to the working folder.
pub fn scenarios_dir() -> &'static Path {
    Path::new(SCENARIOS_DIR)
}

/// A typed file name with `extension` added when it has none.
fn with_extension(typed: &str, extension: &str) -> PathBuf {
    let p = PathBuf::from(typed);
    if p.extension().is_none() && !typed.ends_with('/') {
        p.with_extension(extension)
    } else {
        p
    }
}

impl Purpose {
    /// The extension added to a name typed without one.
    fn extension(self) -> &'static str {
        match self {
            Purpose::Save | Purpose::Workspace => "toml",
            Purpose::Roster => "csv",
            // The prompt suggests HTML: one self-contained page to hand over.
            Purpose::Export => Format::Html.extension(),
            Purpose::ColumnName(_)
            | Purpose::ScenarioName
            | Purpose::ReportDetail(_)
            | Purpose::JumpToField
            | Purpose::RosterYear { .. } => "",
        }
    }

    /// The status when nothing was written.
    fn not_written(self) -> &'static str {
        match self {
            Purpose::Save | Purpose::Workspace | Purpose::Roster => "Not saved",
            Purpose::Export => "No report written",
            Purpose::ColumnName(_)
            | Purpose::ScenarioName
            | Purpose::ReportDetail(_)
            | Purpose::JumpToField
            | Purpose::RosterYear { .. } => "Not named",
        }
    }
}

impl App {
    /// The scenario as it is written to `path`: the built-in example's name would mislabel a
    /// saved variation of it, so such a file is named after itself.
    fn scenario_for_saving(&self, path: &Path) -> Scenario {
        let mut s = self.scenario.clone();
        if s.name == Scenario::default_group().name
            && let Some(stem) = path.file_stem()
        {
            s.name = Some(stem.to_string_lossy().into_owned());
        }
        s
    }

    /// `s`: ask for the scenario's file name.
    pub(super) fn open_save_prompt(&mut self) {
        let input = match &self.file {
            Some(p) => p.display().to_string(),
            None => format!("{SCENARIOS_DIR}/my-scenario.toml"),
        };
        self.overlay = Overlay::Name(NamePrompt::new(Purpose::Save, input));
    }

    /// `e`: ask for the report's file name.
    pub(super) fn open_export_prompt(&mut self) {
        let stem = self
            .file
            .as_ref()
            .and_then(|p| p.file_stem())
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "mips-report".into());
        self.overlay = Overlay::Name(NamePrompt::new(Purpose::Export, format!("{stem}.html")));
    }

    /// What is written to `path` for a purpose, or why nothing can be.
    fn contents_for(&self, purpose: Purpose, path: &Path) -> Result<String, String> {
        match purpose {
            Purpose::Save => Ok(to_toml(&self.scenario_for_saving(path))),
            Purpose::Export => self.report_contents(path),
            Purpose::Workspace => Ok(self.workspace_contents(path)),
            Purpose::Roster => Err("a roster is written as bytes".into()),
            Purpose::ColumnName(_)
            | Purpose::ScenarioName
            | Purpose::ReportDetail(_)
            | Purpose::JumpToField
            | Purpose::RosterYear { .. } => Err("a name is not written to a file".into()),
        }
    }

    /// The report for a path, or why it cannot be written.
    fn report_contents(&self, path: &Path) -> Result<String, String> {
        let format = Format::from_path(path)
            .map_err(|ext| {
                format!("“.{ext}” is not a report format: end the name with .html or .md")
            })?
            .unwrap_or(Format::DEFAULT);
        // What the user set: the band of maxima (m/M) and any group picked with g/G.
        let context = crate::report::Context {
            national: self.national.clone(),
            max_range: self.sensitivity.max_range.clone(),
            group: self
                .chart_group_chosen
                .then_some((self.chart_group.group, self.chart_group.reporting)),
        };
        let report = crate::report::build_with(
            &self.report_entries(),
            &self.rules,
            &self.session.report,
            context,
        )
        .map_err(|e| e.to_string())?;
        Ok(format.render(&report))
    }

    /// An action in the file-name prompt.
    pub(super) fn on_name_prompt(&mut self, action: Action) -> Vec<Effect> {
        let Overlay::Name(p) = &mut self.overlay else {
            return Vec::new();
        };
        let purpose = p.purpose;
        if action == Action::Complete {
            if purpose.is_a_name() {
                return Vec::new();
            }
            let extensions = match purpose {
                Purpose::Export => vec!["html", "htm", "md", "markdown"],
                Purpose::Roster => vec!["csv", "xlsx"],
                _ => vec!["toml"],
            };
            return vec![Effect::Complete {
                text: p.input.clone(),
                extensions,
            }];
        }
        if action == Action::EditReportDetails {
            let back = (purpose == Purpose::Export).then(|| p.input.clone());
            self.edit_report_details(back);
            return Vec::new();
        }
        match p.act(action) {
            PromptOutcome::Cancel if purpose.is_a_name() => self.on_name_cancelled(purpose),
            PromptOutcome::Submit(typed) if purpose.is_a_name() => {
                return self.on_name_submitted(purpose, typed);
            }
            PromptOutcome::Cancel => {
                self.overlay = Overlay::None;
                self.info(purpose.not_written());
                self.stay_after_cancelled_save();
            }
            PromptOutcome::Submit(typed) if purpose == Purpose::Roster => {
                let path = with_extension(&typed, purpose.extension());
                p.input = path.display().to_string();
                return self.write_roster(path, false);
            }
            PromptOutcome::Submit(typed) if purpose == Purpose::Save => {
                let path = with_extension(&typed, purpose.extension());
                if self.ask_name_for_save_as(&path) {
                    return Vec::new();
                }
                return self.write_scenario(path, false);
            }
            PromptOutcome::Submit(typed) => {
                let path = with_extension(&typed, purpose.extension());
                p.input = path.display().to_string();
                let contents = self.contents_for(purpose, &path);
                let Overlay::Name(p) = &mut self.overlay else {
                    return Vec::new();
                };
                match contents {
                    Ok(contents) => {
                        p.error = None;
                        return vec![Effect::Write {
                            purpose,
                            path,
                            contents,
                            overwrite: false,
                        }];
                    }
                    Err(why) => p.error = Some(why),
                }
            }
            PromptOutcome::Editing => {}
        }
        Vec::new()
    }

    /// Write the scenario to `path` (from the save prompt, the name question or the quit
    /// question); the outcome comes back as [`Msg::Written`](super::Msg::Written).
    pub(super) fn write_scenario(&mut self, path: PathBuf, overwrite: bool) -> Vec<Effect> {
        let contents = to_toml(&self.scenario_for_saving(&path));
        if !matches!(self.overlay, Overlay::Name(_) | Overlay::Replace { .. }) {
            // Keep the path for the messages (and a replace question) of the outcome.
            self.overlay =
                Overlay::Name(NamePrompt::new(Purpose::Save, path.display().to_string()));
        }
        if let Overlay::Name(p) = &mut self.overlay {
            p.purpose = Purpose::Save;
            p.input = path.display().to_string();
            p.error = None;
        }
        vec![Effect::Write {
            purpose: Purpose::Save,
            path,
            contents,
            overwrite,
        }]
    }

    /// Write the roster to `path` (CSV or XLSX by its extension); a refused name stays in
    /// the prompt with the reason.
    pub(super) fn write_roster(&mut self, path: PathBuf, overwrite: bool) -> Vec<Effect> {
        let save = self.roster_save(&path, overwrite);
        if !matches!(self.overlay, Overlay::Name(_)) {
            self.overlay =
                Overlay::Name(NamePrompt::new(Purpose::Roster, path.display().to_string()));
        }
        let Overlay::Name(p) = &mut self.overlay else {
            return Vec::new();
        };
        p.purpose = Purpose::Roster;
        p.input = path.display().to_string();
        match save {
            Ok(effect) => {
                p.error = None;
                vec![effect]
            }
            Err(why) => {
                p.error = Some(why);
                Vec::new()
            }
        }
    }

    /// y / n on the question before replacing a file.
    pub(super) fn on_replace(&mut self, action: Action) -> Vec<Effect> {
        let Overlay::Replace {
            purpose,
            path,
            contents,
        } = &self.overlay
        else {
            return Vec::new();
        };
        match action {
            Action::Replace if *purpose == Purpose::Roster => {
                let path = path.clone();
                self.write_roster(path, true)
            }
            Action::Replace => vec![Effect::Write {
                purpose: *purpose,
                path: path.clone(),
                contents: contents.clone(),
                overwrite: true,
            }],
            Action::KeepFile => {
                let mut prompt = NamePrompt::new(*purpose, path.display().to_string());
                prompt.error = Some("Not overwritten: choose another name".into());
                self.overlay = Overlay::Name(prompt);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// The path shown in the prompt (or the question) the write came from.
    fn prompt_path(&self) -> Option<String> {
        match &self.overlay {
            Overlay::Name(p) => Some(p.input.clone()),
            Overlay::Replace { path, .. } => Some(path.display().to_string()),
            _ => None,
        }
    }

    /// A file was written, exists, or could not be written.
    pub(super) fn on_written(
        &mut self,
        purpose: Purpose,
        result: Result<PathBuf, SaveError>,
        contents: String,
    ) {
        match result {
            Ok(full) => {
                let shown = self.prompt_path().map(PathBuf::from);
                self.overlay = Overlay::None;
                match purpose {
                    Purpose::Save => {
                        let shown = shown.unwrap_or_else(|| full.clone());
                        let saved = self.scenario_for_saving(&shown);
                        if saved != self.scenario {
                            self.set_scenario(saved);
                        }
                        self.file = Some(shown);
                        self.saved = self.scenario.clone();
                        self.info(format!("Saved to {}", full.display()));
                    }
                    Purpose::Workspace => {
                        let shown = shown
                            .or_else(|| self.session.workspace_file.clone())
                            .unwrap_or_else(|| full.clone());
                        self.workspace_written(shown, &full);
                    }
                    Purpose::Roster => {
                        self.roster_written(shown.unwrap_or_else(|| full.clone()), &full);
                    }
                    Purpose::ColumnName(_)
                    | Purpose::ScenarioName
                    | Purpose::ReportDetail(_)
                    | Purpose::JumpToField
                    | Purpose::RosterYear { .. } => {}
                    Purpose::Export => {
                        let n = self.report_entries().len();
                        self.info(format!(
                            "Report written to {} ({n} scenario{})",
                            full.display(),
                            if n == 1 { "" } else { "s" }
                        ));
                    }
                }
                self.quit_if_saved_for_it();
            }
            Err(SaveError::Exists(path)) => {
                self.overlay = Overlay::Replace {
                    purpose,
                    path,
                    contents,
                };
            }
            Err(e) => {
                let text = e.to_string();
                let mut prompt = NamePrompt::new(purpose, self.prompt_path().unwrap_or_default());
                prompt.error = Some(text.clone());
                self.overlay = Overlay::Name(prompt);
                self.error(format!("{}: {text}", purpose.not_written()));
            }
        }
    }

    /// Tab's completion of the typed path arrived.
    pub(super) fn on_completed(&mut self, c: crate::completion::Completion) {
        let note = match c.matched {
            0 => Some("No file or folder starts with that".to_string()),
            1 => None,
            n => Some(format!("{n} match: Tab again after typing more")),
        };
        match &mut self.overlay {
            Overlay::Name(p) => {
                p.input = c.text;
                p.choices = c.choices;
                p.error = None;
            }
            Overlay::Open(p) => {
                p.input = c.text;
                p.choices = c.choices;
                p.selected = 0;
            }
            _ => return,
        }
        if let Some(n) = note {
            self.info(n);
        }
    }
}
