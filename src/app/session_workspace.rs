//! The session as a [`Workspace`] and back: the baseline, the pinned columns and the current
//! state as columns, with the chart group, the band of maxima, the view and the report's
//! details; saved by `S` (and written to the recovery file on every change), opened from the
//! command line or the open picker.

use std::path::{Path, PathBuf};

use super::baseline::Baseline;
use super::comparison::CompareColumn;
use super::msg::Effect;
use super::prompts::{NamePrompt, Overlay, Purpose};
use super::session::{BASELINE_NAME, CURRENT_NAME};
use super::{App, View};
use crate::scenario::Scenario;
use crate::workspace::{ChartChoice, Column, Opened, Workspace, folder_of, to_toml};

impl App {
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
            roster: None,
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
        // A workspace holds no roster (only the recovery file does): not the Roster view.
        if w.view.as_deref() == Some("roster") {
            w.view = None;
        }
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

    /// The chart group is the workspace's (not the practice's default).
    fn set_chart_group_chosen(&mut self) {
        self.chart_group_chosen = true;
    }
}
