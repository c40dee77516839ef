//! The consultant's session: what it holds beyond the scenario (the baseline's name, the
//! report's details, a workspace file, whether the current state is compared), the question
//! before quitting with unsaved work, the session as a [`Workspace`] (saved by `W`, written
//! to the recovery file on every change) and back, and the offer to restore an earlier run.
//!
//! Nothing here touches a file: writes and reads are [`Effect`]s the runner performs.

use std::path::{Path, PathBuf};

use super::action::Action;
use super::baseline::Baseline;
use super::comparison::CompareColumn;
use super::msg::Effect;
use super::prompts::{NamePrompt, Overlay, Purpose, Question, QuestionKind};
use super::{App, View};
use crate::compare::Entry;
use crate::report::ReportDetails;
use crate::scenario::Scenario;
use crate::workspace::{ChartChoice, Column, Opened, Workspace, folder_of, to_toml};

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
    saved: Option<Workspace>,
    /// The report's details (title, client, author, date, note).
    pub report: ReportDetails,
    /// The baseline column's name.
    pub baseline_name: Option<String>,
    /// The current state's column name (from a workspace).
    pub current_name: Option<String>,
    /// The current state is left out of the comparison.
    pub current_left_out: bool,
    /// Quit once the save asked for by the quit question is written.
    quit_after_save: bool,
    /// Ctrl-C was pressed once with unsaved work: a second press quits at once.
    ctrl_c_armed: bool,
    /// A session an earlier run left, offered for restoring.
    offer: Option<Box<Offer>>,
    /// The save prompt's file, kept while the scenario's name for it is asked.
    save_as: Option<PathBuf>,
    /// The file the scenario's name was last asked for (not asked twice for one file).
    named_for: Option<PathBuf>,
    /// The scenario just before a `-` nudge (a digit right after it means "-5").
    pub(super) before_minus: Option<Scenario>,
    /// Ctrl-Z was pressed: the runner suspends the terminal.
    pub suspend_requested: bool,
    /// The export prompt's file name, while the report's details are asked from it.
    details_return: Option<String>,
}

impl SessionState {
    /// Any key but Ctrl-C: the next Ctrl-C asks again.
    pub(super) fn ctrl_c_disarm(&mut self) {
        self.ctrl_c_armed = false;
    }
}

/// An earlier session to restore.
#[derive(Clone, Debug, PartialEq)]
struct Offer {
    workspace: Workspace,
    /// Its recovery file (forgotten once answered).
    file: PathBuf,
    /// The current scenario's file as it is on disk now, if it has one (for "modified").
    current_on_disk: Option<Scenario>,
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
    /// What would be lost by quitting now, in words (empty: nothing).
    pub fn unsaved_work(&self) -> Vec<String> {
        let mut out: Vec<String> = self.roster_unsaved().into_iter().collect();
        if let Some(saved) = &self.session.saved {
            let mut now = self.session_workspace();
            now.written_at = saved.written_at;
            now.workspace_file = saved.workspace_file.clone();
            if *saved == now {
                return out;
            }
        }
        if self.is_modified() {
            out.push(match &self.file {
                Some(f) => format!("changes to {} not saved", f.display()),
                None => "a scenario not saved to a file".into(),
            });
        }
        if self.baseline.is_some() {
            out.push("a pinned baseline".into());
        }
        match self.compare.pins.len() {
            0 => {}
            1 => out.push("a Compare column".into()),
            n => out.push(format!("{n} Compare columns")),
        }
        if out.is_empty() && self.session.saved.is_some() {
            out.push("changes to the workspace not saved".into());
        }
        out
    }

    /// `q`: quit, or ask first when there is unsaved work.
    pub(super) fn request_quit(&mut self) {
        let unsaved = self.unsaved_work();
        if unsaved.is_empty() {
            self.should_quit = true;
        } else {
            self.overlay = Overlay::QuitGuard { unsaved };
        }
    }

    /// Ctrl-C: quit at once when nothing is unsaved or when pressed a second time; otherwise
    /// ask (and the next Ctrl-C quits).
    pub(super) fn quit_now_pressed(&mut self) {
        let unsaved = self.unsaved_work();
        if unsaved.is_empty() || self.session.ctrl_c_armed {
            self.should_quit = true;
            return;
        }
        self.session.ctrl_c_armed = true;
        self.edit = None;
        self.sensitivity.edit = None;
        self.overlay = Overlay::QuitGuard { unsaved };
        self.warn("Ctrl-C again quits at once, without saving");
    }

    /// A key in the quit question: save first, discard, or stay.
    pub(super) fn on_quit_guard(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::DiscardAndQuit => {
                self.should_quit = true;
            }
            Action::SaveAndQuit => {
                self.session.quit_after_save = true;
                self.overlay = Overlay::None;
                if self.roster_unsaved().is_some() {
                    self.open_roster_save_prompt();
                    return Vec::new();
                }
                let as_workspace = self.baseline.is_some()
                    || !self.compare.pins.is_empty()
                    || self.session.workspace_file.is_some();
                return if as_workspace {
                    self.save_workspace()
                } else {
                    match self.file.clone() {
                        Some(path) => self.write_scenario(path, true),
                        None => {
                            self.open_save_prompt();
                            Vec::new()
                        }
                    }
                };
            }
            Action::Cancel => {
                self.overlay = Overlay::None;
                self.session.ctrl_c_armed = false;
                self.info("Not quitting");
            }
            _ => {}
        }
        Vec::new()
    }

    /// A write the quit question asked for is done: quit now.
    pub(super) fn quit_if_saved_for_it(&mut self) {
        if std::mem::take(&mut self.session.quit_after_save) {
            self.should_quit = true;
        }
    }

    /// The quit question's save did not happen (the prompt was cancelled): stay.
    pub(super) fn stay_after_cancelled_save(&mut self) {
        self.session.quit_after_save = false;
        self.session.ctrl_c_armed = false;
    }

    /// Esc on the main screen: nothing is open to close.
    pub(super) fn nothing_to_close(&mut self) {
        self.info("Nothing to close: q quits, ? shows the keys");
    }

    // ---- the session as a workspace

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

    /// The whole session as a workspace: baseline, pinned columns, the current state (with
    /// its file), chart group, band of maxima, view and report details.
    pub fn session_workspace(&self) -> Workspace {
        let mut columns = Vec::new();
        let mut names: Vec<String> = Vec::new();
        let mut unique = |name: String| {
            let mut n = name.clone();
            let mut i = 2;
            while names.contains(&n) {
                n = format!("{name} ({i})");
                i += 1;
            }
            names.push(n.clone());
            n
        };
        if let Some(b) = &self.baseline {
            columns.push(Column {
                name: unique(self.baseline_name()),
                baseline: true,
                current: false,
                compared: true,
                file: None,
                scenario: b.scenario.clone(),
                inline: true,
            });
        }
        for p in &self.compare.pins {
            columns.push(Column {
                name: unique(p.entry.label.clone()),
                baseline: false,
                current: false,
                compared: true,
                file: p.entry.source.as_ref().map(PathBuf::from),
                scenario: p.entry.scenario.clone(),
                inline: true,
            });
        }
        columns.push(Column {
            name: unique(self.current_name()),
            baseline: false,
            current: true,
            compared: !self.session.current_left_out,
            file: self.file.clone(),
            scenario: self.scenario.clone(),
            inline: true,
        });
        let default_range = super::sensitivity::default_max_range();
        let range = &self.sensitivity.max_range;
        Workspace {
            columns,
            report: self.session.report.clone(),
            chart: Some(ChartChoice {
                group: self.chart_group.group,
                reporting: self.chart_group.reporting,
            }),
            max_range: (range.low != default_range.low || range.high != default_range.high)
                .then_some((range.low, range.high)),
            view: Some(self.view.label().to_lowercase()),
            written_at: None,
            workspace_file: self.session.workspace_file.clone(),
        }
    }

    /// Take a session from a workspace: the current column becomes the scenario (the last
    /// column that is not the baseline when none is marked), the baseline the baseline, the
    /// others Compare columns. `on_disk` is the current column's file as it is now.
    pub fn restore_session(
        &mut self,
        workspace: &Workspace,
        workspace_file: Option<PathBuf>,
        on_disk: Option<Scenario>,
    ) {
        let mut columns = workspace.columns.clone();
        let current_at = columns.iter().position(|c| c.current).or_else(|| {
            columns
                .iter()
                .rposition(|c| !c.baseline)
                .or(columns.len().checked_sub(1))
        });
        let current = current_at.map(|i| columns.remove(i));
        let baseline_at = columns.iter().position(|c| c.baseline);
        let baseline = baseline_at.map(|i| columns.remove(i));

        self.edit = None;
        self.sensitivity.edit = None;
        self.overlay = Overlay::None;
        if let Some(c) = &current {
            let mut s = c.scenario.clone();
            s.performance_year = s.performance_year.clamp(self.years.0, self.years.1);
            if s != self.scenario {
                self.history.record(self.scenario.clone(), None);
            }
            self.file = c.file.clone();
            self.saved = on_disk.unwrap_or_else(|| {
                if c.file.is_some() {
                    // A file that is gone: the copy is not on disk anywhere.
                    Scenario {
                        name: None,
                        ..s.clone()
                    }
                } else {
                    s.clone()
                }
            });
            self.set_scenario(s);
            self.session.current_left_out = !c.compared;
            self.session.current_name = Some(c.name.clone()).filter(|n| n != CURRENT_NAME);
        }
        self.baseline = baseline.as_ref().and_then(|b| {
            let year = self.rules.year(b.scenario.performance_year)?;
            Some(Baseline {
                scenario: b.scenario.clone(),
                result: crate::engine::score(&b.scenario, year),
            })
        });
        self.session.baseline_name = baseline
            .as_ref()
            .map(|b| b.name.clone())
            .filter(|n| n != BASELINE_NAME);
        self.compare.pins = columns
            .iter()
            .filter_map(|c| {
                let year = self.rules.year(c.scenario.performance_year)?;
                Some(CompareColumn {
                    entry: c.entry(),
                    result: crate::engine::score(&c.scenario, year),
                })
            })
            .collect();
        if let Some(ch) = workspace.chart {
            self.chart_group.group = ch.group;
            self.chart_group.reporting = ch.reporting;
            self.set_chart_group_chosen();
        }
        if let Some((low, high)) = workspace.max_range
            && let Ok(r) =
                super::sensitivity::default_max_range().with_bounds(Some(low), Some(high))
        {
            self.sensitivity.max_range = r;
        }
        if let Some(v) = &workspace.view
            && let Some(view) = View::ALL.iter().find(|v2| v2.label().to_lowercase() == *v)
        {
            self.view = *view;
        }
        self.session.report = workspace.report.clone();
        self.session.workspace_file = workspace_file;
        self.recompute();
        self.session.saved = self
            .session
            .workspace_file
            .is_some()
            .then(|| self.session_workspace());
    }

    /// A workspace was opened (from the command line or the open picker).
    pub fn open_workspace(&mut self, path: PathBuf, opened: &Opened, on_disk: Option<Scenario>) {
        self.restore_session(&opened.workspace, Some(path.clone()), on_disk);
        let mut said = vec![format!(
            "Opened the workspace {} ({} columns)",
            path.display(),
            opened.workspace.columns.len()
        )];
        said.extend(opened.notes.iter().cloned());
        said.extend(
            opened
                .dropped
                .iter()
                .map(|d| format!("left out: {}", d.one_line())),
        );
        if opened.notes.is_empty() && opened.dropped.is_empty() {
            self.info(said.join("; "));
        } else {
            self.warn(said.join("; "));
        }
    }

    /// `S`: save the session as a workspace, to its file if it has one, else asking for one.
    pub(super) fn save_workspace(&mut self) -> Vec<Effect> {
        match self.session.workspace_file.clone() {
            Some(path) => {
                let contents = self.workspace_contents(&path);
                vec![Effect::Write {
                    purpose: Purpose::Workspace,
                    path,
                    contents,
                    overwrite: true,
                }]
            }
            None => {
                let proposal = match &self.file {
                    Some(f) => f.with_extension("workspace.toml"),
                    None => PathBuf::from("comparison.workspace.toml"),
                };
                self.overlay = Overlay::Name(NamePrompt::new(
                    Purpose::Workspace,
                    proposal.display().to_string(),
                ));
                Vec::new()
            }
        }
    }

    /// The workspace file's text for a path (its scenario paths relative to its folder).
    pub(super) fn workspace_contents(&self, path: &Path) -> String {
        let mut w = self.session_workspace();
        w.workspace_file = None;
        to_toml(&w, &folder_of(path))
    }

    /// The workspace was written to `path`.
    pub(super) fn workspace_written(&mut self, path: PathBuf, full: &Path) {
        self.session.workspace_file = Some(path);
        self.session.saved = Some(self.session_workspace());
        let n = self.session_workspace().columns.len();
        self.info(format!(
            "Workspace saved to {} ({n} column{})",
            full.display(),
            if n == 1 { "" } else { "s" }
        ));
    }

    // ---- restoring an earlier run

    /// Offer the session an earlier run left (`when`: "08:42 today (12 minutes ago)").
    pub fn offer_restore(
        &mut self,
        workspace: Workspace,
        file: PathBuf,
        when: &str,
        current_on_disk: Option<Scenario>,
    ) {
        let mut lines = vec![
            "An earlier session was not closed normally.".to_string(),
            format!("It was last saved {when}:"),
        ];
        for c in &workspace.columns {
            let role = if c.baseline {
                " (baseline)"
            } else if c.current {
                " (being edited)"
            } else {
                ""
            };
            let file = c
                .file
                .as_ref()
                .map(|f| format!(" — {}", f.display()))
                .unwrap_or_default();
            lines.push(format!("  • {}{role}{file}", c.name));
        }
        self.session.offer = Some(Box::new(Offer {
            workspace,
            file,
            current_on_disk,
        }));
        self.overlay = Overlay::Question(Question {
            kind: QuestionKind::Restore,
            title: "Restore the earlier session?".into(),
            lines,
            yes: "restore it".into(),
            no: "discard it".into(),
            later: "decide at the next start".into(),
        });
    }

    /// `c`: ask before clearing the pinned columns.
    pub(super) fn ask_clear_columns(&mut self) {
        if self.compare.pins.is_empty() {
            self.info("No pinned columns to clear (x drops the baseline)");
            return;
        }
        let names: Vec<String> = self
            .compare
            .pins
            .iter()
            .map(|p| format!("  • {}", p.entry.label))
            .collect();
        let mut lines = vec![format!(
            "Clear {} pinned column{} from Compare?",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        )];
        lines.extend(names);
        self.overlay = Overlay::Question(Question {
            kind: QuestionKind::ClearColumns,
            title: "Clear the Compare columns?".into(),
            lines,
            yes: "clear them".into(),
            no: "keep them".into(),
            later: "keep them".into(),
        });
    }

    /// y / n / Esc on a question.
    pub(super) fn on_question(&mut self, action: Action) -> Vec<Effect> {
        let Overlay::Question(q) = &self.overlay else {
            return Vec::new();
        };
        let kind = q.kind;
        if !matches!(action, Action::Confirm | Action::Decline | Action::Cancel) {
            return Vec::new();
        }
        self.overlay = Overlay::None;
        match (kind, action) {
            (QuestionKind::ClearColumns, Action::Confirm) => self.clear_compare(),
            (QuestionKind::ClearColumns, _) => self.info("Columns kept"),
            (QuestionKind::Restore, Action::Confirm) => {
                if let Some(offer) = self.session.offer.take() {
                    self.restore_session(
                        &offer.workspace,
                        offer.workspace.workspace_file.clone(),
                        offer.current_on_disk,
                    );
                    // Restored work is unsaved work until it is saved again.
                    self.session.saved = None;
                    self.info("Earlier session restored (q asks before quitting; S saves it)");
                    return vec![Effect::ForgetRecovery(offer.file)];
                }
            }
            (QuestionKind::Restore, Action::Decline) => {
                if let Some(offer) = self.session.offer.take() {
                    self.info("Earlier session discarded");
                    return vec![Effect::ForgetRecovery(offer.file)];
                }
            }
            (QuestionKind::Restore, _) => {
                self.session.offer = None;
                self.info("The earlier session is kept: it is offered again at the next start");
            }
        }
        Vec::new()
    }

    // ---- names

    /// The names in use by the columns (but the pinned column `except`).
    fn names_in_use(&self, except: Option<usize>) -> Vec<String> {
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

    /// The recovery file could not be written (said once).
    pub fn warn_recovery_failed(&mut self, why: &str) {
        self.warn(format!(
            "The recovery copy of this session could not be written ({why}): save with s or S"
        ));
    }

    /// An earlier recovery file could not be read and was set aside.
    pub fn warn_recovery_set_aside(&mut self, moved_to: &Path, problem: &str) {
        self.warn(format!(
            "Recovery file set aside (it could not be read): {} — {problem}",
            moved_to.display()
        ));
    }

    /// Ctrl-Z: ask the runner to suspend.
    pub(super) fn request_suspend(&mut self) {
        self.session.suspend_requested = true;
    }

    /// The chart group is the workspace's (not the practice's default).
    fn set_chart_group_chosen(&mut self) {
        self.chart_group_chosen = true;
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

impl App {
    /// Pasted text goes to what has the focus, and never runs a command: a number field (or
    /// a typed Sensitivity value) takes the number in it, a prompt takes the text, a question
    /// takes nothing.
    pub(super) fn on_paste(&mut self, text: &str) {
        use super::keymap::Mode;
        match self.mode() {
            Mode::Main | Mode::InView(_) | Mode::Anywhere | Mode::Typing => self.paste_number(text),
            Mode::SensitivityTyping => match crate::number_text::number_from_paste(text) {
                Ok(n) => {
                    if let Some(e) = &mut self.sensitivity.edit {
                        e.text = n.text;
                        e.error = None;
                    }
                    match n.dropped {
                        Some(d) => self.info(format!("Pasted; {d} (Enter keeps, Esc cancels)")),
                        None => self.info("Pasted (Enter keeps, Esc cancels)"),
                    }
                }
                Err(why) => self.error(format!("Nothing pasted: {why}")),
            },
            Mode::NamePrompt | Mode::OpenPicker => {
                let (line, cut) = crate::number_text::one_line(text, 1024);
                match &mut self.overlay {
                    Overlay::Name(p) => {
                        p.input.push_str(&line);
                        p.error = None;
                    }
                    Overlay::Open(picker) => {
                        picker.input.push_str(&line);
                        picker.selected = 0;
                    }
                    _ => {}
                }
                if cut {
                    self.info("Pasted the first line only (a name is one line)");
                }
            }
            _ => self.info("A paste does not answer a question: nothing changed"),
        }
    }

    /// A workspace file was opened (or could not be).
    pub(super) fn on_workspace_opened(
        &mut self,
        path: PathBuf,
        result: Result<Box<Opened>, crate::diagnostic::Diagnostic>,
        on_disk: Option<Scenario>,
    ) {
        if std::mem::take(&mut self.compare.opening_column) {
            self.overlay = Overlay::None;
            self.warn(format!(
                "{} is a workspace, not a scenario: o opens it as the whole session",
                path.display()
            ));
            return;
        }
        match result {
            Ok(opened) if !opened.workspace.columns.is_empty() => {
                self.open_workspace(path, &opened, on_disk)
            }
            Ok(opened) => {
                let why = opened
                    .dropped
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n");
                self.overlay = Overlay::FileError {
                    path: path.display().to_string(),
                    text: why,
                };
                self.error("Not opened, nothing changed: none of the workspace's columns opens");
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

impl App {
    /// The report's details, asked one after the other (from the export prompt, `back` is
    /// its file name: the prompt comes back once the details are done).
    pub(super) fn edit_report_details(&mut self, back: Option<String>) {
        self.session.details_return = back;
        self.ask_detail(super::prompts::DetailPart::Title);
    }

    fn ask_detail(&mut self, part: super::prompts::DetailPart) {
        use super::prompts::DetailPart as D;
        let r = &self.session.report;
        let now = match part {
            D::Title => &r.title,
            D::Client => &r.client,
            D::PreparedBy => &r.prepared_by,
            D::Date => &r.date,
            D::Note => &r.note,
        };
        let text = now.clone().unwrap_or_default().replace('\n', " ");
        self.overlay = Overlay::Name(NamePrompt::new(Purpose::ReportDetail(part), text));
    }

    /// One detail typed (empty clears it): on to the next, or back to the export prompt.
    fn detail_submitted(&mut self, part: super::prompts::DetailPart, typed: String) {
        use super::prompts::DetailPart as D;
        let value = Some(typed.trim().to_string()).filter(|t| !t.is_empty());
        let value = match part {
            D::Date => value.map(|d| crate::report::resolve_date(&d)),
            _ => value,
        };
        let r = &mut self.session.report;
        match part {
            D::Title => r.title = value,
            D::Client => r.client = value,
            D::PreparedBy => r.prepared_by = value,
            D::Date => r.date = value,
            D::Note => r.note = value,
        }
        match part.next() {
            Some(next) => self.ask_detail(next),
            None => self.details_done(),
        }
    }

    /// The details are done (or Esc stopped them): back to the export prompt, if from there.
    fn details_done(&mut self) {
        match self.session.details_return.take() {
            Some(input) => {
                self.overlay = Overlay::Name(NamePrompt::new(Purpose::Export, input));
            }
            None => {
                self.overlay = Overlay::None;
                self.info(
                    "Report details kept: e writes the report (S saves them in the workspace)",
                );
            }
        }
    }
}

impl App {
    /// `/`: ask for a field's name.
    pub(super) fn open_jump_prompt(&mut self) {
        if self.view == View::Presentation {
            self.info("Jumping to a field needs the inputs: P leaves presentation mode");
            return;
        }
        self.overlay = Overlay::Name(NamePrompt::new(Purpose::JumpToField, String::new()));
    }

    /// The field a typed name means: a name starting with it, else one containing it (the
    /// short names IA and PI too).
    fn field_named(&self, typed: &str) -> Option<super::Field> {
        let t = typed.trim().to_lowercase();
        if t.is_empty() {
            return None;
        }
        let fields = self.fields();
        let names = |f: &super::Field| {
            let mut n = vec![f.name().to_lowercase(), f.label().trim().to_lowercase()];
            if let super::Field::Score(c) = f {
                n.push(c.short().to_lowercase());
                n.push(c.key().replace('_', " "));
            }
            n
        };
        fields
            .iter()
            .find(|f| names(f).contains(&t))
            .or_else(|| {
                fields
                    .iter()
                    .find(|f| names(f).iter().any(|n| n.starts_with(&t)))
            })
            .or_else(|| {
                fields
                    .iter()
                    .find(|f| names(f).iter().any(|n| n.contains(&t)))
            })
            .copied()
    }

    fn jump_to_named_field(&mut self, typed: &str) {
        match self.field_named(typed) {
            Some(f) => {
                self.overlay = Overlay::None;
                self.history.break_run();
                self.focus = f;
                self.info(format!("{} (Tab and the arrows move on)", f.name()));
            }
            None => {
                let known: Vec<&str> = self.fields().iter().map(|f| f.name()).collect();
                if let Overlay::Name(p) = &mut self.overlay {
                    p.error = Some(format!(
                        "No field called “{}”: {}",
                        typed.trim(),
                        known.join(", ")
                    ));
                }
            }
        }
    }

    /// Alt-1 … Alt-4: the first field of a group.
    pub(super) fn jump_to_group(&mut self, n: u8) {
        use super::Section;
        let section = match n {
            1 => Section::Scores,
            2 => Section::YearAndReporting,
            3 => Section::Practice,
            _ => Section::Assumptions,
        };
        match self.fields().into_iter().find(|f| f.section() == section) {
            Some(f) => {
                self.history.break_run();
                self.focus = f;
            }
            None => self.info(format!(
                "No {} fields for this year",
                section.title().to_lowercase()
            )),
        }
    }
}
