//! Workspaces: one TOML file that holds a whole client comparison — the scenarios (inline or
//! by path, relative to the workspace file), which is the baseline, the column names and
//! order, the chart group, the band of maxima, what the explorer was showing, and the
//! report's details. The format is a public contract, documented in `docs/workspace.md`.
//!
//! [`parse`] reads the text (every problem located, like a scenario file); [`open`] also reads
//! the scenario files a workspace points to, and says which changed or vanished, keeping what
//! it can; [`to_toml`] writes a workspace back deterministically (save, open, save again gives
//! the same bytes).

mod parse;
mod write;

use std::path::{Path, PathBuf};

pub use parse::{is_workspace_text, parse};
pub use write::{folder_of, relative_path, to_toml};

use crate::compare::Entry;
use crate::diagnostic::Diagnostic;
use crate::files::read_text_file;
use crate::national::{Group, ReportingStatus};
use crate::report::ReportDetails;
use crate::rules::RuleSet;
use crate::scenario::Scenario;

/// The version of the format this build writes (the `workspace = 1` line).
pub const FORMAT_VERSION: i64 = 1;

/// Most columns a workspace compares (the side-by-side comparison holds four).
pub const MAX_COMPARED: usize = crate::compare::MAX_SCENARIOS;

/// The explorer's views, as a workspace names them.
pub const VIEWS: [&str; 10] = [
    "results",
    "sensitivity",
    "compare",
    "walkthrough",
    "national",
    "presentation",
    "rules",
    "changes",
    "measures",
    "roster",
];

/// A whole client comparison.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workspace {
    /// The columns, in order (at most [`MAX_COMPARED`] compared).
    pub columns: Vec<Column>,
    pub report: ReportDetails,
    /// The national band chart's comparison group, when chosen.
    pub chart: Option<ChartChoice>,
    /// The band of positive maxima at 100 (low, high, percent), when not the shipped one.
    pub max_range: Option<(f64, f64)>,
    /// The explorer's view (one of [`VIEWS`]).
    pub view: Option<String>,
    /// When the explorer wrote this file (its recovery file says when the session was saved).
    pub written_at: Option<jiff::Timestamp>,
    /// The workspace file the explorer session had open, if any (recovery files).
    pub workspace_file: Option<PathBuf>,
    /// The roster the Roster view had open, with the rows edited since (recovery files).
    pub roster: Option<RosterRecord>,
}

/// The roster a session had open, as its recovery file keeps it: where it came from and the
/// rows edited since it was opened (not the whole file: restoring reads the file again and
/// puts the edits back).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RosterRecord {
    /// The roster file (a path usable from here).
    pub file: PathBuf,
    /// The year given for rows without a year column (`--performance-year`).
    pub performance_year: Option<u16>,
    /// The file as it was read: a later change is said when restoring.
    pub stamp: Option<crate::files::FileStamp>,
    /// The data row opened as the scenario (its edits go back to the roster).
    pub editing: Option<usize>,
    /// The rows edited since the file was opened, in file order.
    pub rows: Vec<EditedRow>,
}

/// A roster row as edited.
#[derive(Clone, Debug, PartialEq)]
pub struct EditedRow {
    /// The 1-based data row in the file.
    pub row: usize,
    /// The row's NPI or name as the file gives it (to find the row if the file changed).
    pub id: Option<String>,
    /// The row's scenario, edits included.
    pub scenario: Scenario,
    /// CMS's numbers the row carried (final score, adjustment percent).
    pub cms_final_score: Option<f64>,
    pub cms_payment_adjustment_percent: Option<f64>,
    /// How surely the file's row was read (a public use file's conventions): kept for a row
    /// restored without its file.
    pub reading: crate::rules::Confidence,
}

/// The band chart's comparison group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartChoice {
    pub group: Group,
    pub reporting: ReportingStatus,
}

/// One scenario of the workspace, under its column name.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The column's name (unique in the workspace).
    pub name: String,
    /// The differences are measured against this column.
    pub baseline: bool,
    /// The scenario the explorer edits.
    pub current: bool,
    /// Shown in the comparison (only the current scenario can be left out).
    pub compared: bool,
    /// The scenario file this column was opened from or saved to, as a path usable from here
    /// (the workspace's folder joined with what the workspace says).
    pub file: Option<PathBuf>,
    /// The scenario, as the workspace holds it (or as read from `file`).
    pub scenario: Scenario,
    /// The workspace holds a copy of the scenario (written inline), not only its path.
    pub inline: bool,
}

impl Column {
    /// The column as a labelled comparison entry (the source is its file, when it has one).
    pub fn entry(&self) -> Entry {
        let e = Entry::new(self.name.clone(), self.scenario.clone());
        match &self.file {
            Some(f) => e.with_source(f.display().to_string()),
            None => e,
        }
    }
}

impl Workspace {
    /// The compared columns in comparison order: the baseline first, then the others as the
    /// workspace lists them.
    pub fn comparison_entries(&self) -> Vec<Entry> {
        let compared = self.columns.iter().filter(|c| c.compared);
        let (base, rest): (Vec<&Column>, Vec<&Column>) = compared.partition(|c| c.baseline);
        base.into_iter().chain(rest).map(Column::entry).collect()
    }

    /// The band of maxima to use: the workspace's, or the shipped one.
    pub fn max_range(&self) -> Result<crate::sensitivity::MaxRange, Diagnostic> {
        let shipped = crate::sensitivity::MaxRange::embedded()?;
        match self.max_range {
            None => Ok(shipped),
            Some((low, high)) => shipped
                .with_bounds(Some(low), Some(high))
                .map_err(|m| Diagnostic::file("max_positive_at_100", m)),
        }
    }
}

/// What opening a workspace found.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub workspace: Workspace,
    /// What changed since the workspace was saved and what was done about it (a scenario file
    /// changed or vanished while the workspace keeps a copy: the copy is used).
    pub notes: Vec<String>,
    /// Columns that could not be opened (their file vanished or fails, and the workspace holds
    /// no copy): left out of `workspace`, each with the problem.
    pub dropped: Vec<Diagnostic>,
}

/// Does this file look like a workspace (a TOML file with a top-level `workspace` key)? Read
/// errors say no: the caller then reads it as a scenario and reports the problem.
pub fn is_workspace_file(path: &Path) -> bool {
    read_text_file(path).is_ok_and(|t| is_workspace_text(&t))
}

/// Read a workspace file and the scenario files it points to (relative to its folder).
/// `Err` when the workspace itself cannot be read or is malformed; problems with the
/// scenario files it points to are in [`Opened::notes`] and [`Opened::dropped`].
pub fn open(path: &Path, rules: &RuleSet) -> Result<Opened, Diagnostic> {
    let shown = path.display().to_string();
    let text = read_text_file(path)?;
    let dir = path.parent().unwrap_or(Path::new(""));
    let parsed = parse(&shown, &text, dir, rules)?;
    let mut notes = Vec::new();
    let mut dropped = Vec::new();
    let mut columns = Vec::with_capacity(parsed.columns.len());
    for raw in parsed.columns {
        let column = |scenario: Scenario, inline: bool| Column {
            name: raw.name.clone(),
            baseline: raw.baseline,
            current: raw.current,
            compared: raw.compared,
            file: raw.file.clone(),
            scenario,
            inline,
        };
        let Some(file) = &raw.file else {
            if let Some(s) = &raw.scenario {
                columns.push(column(s.clone(), true));
            }
            continue;
        };
        let shown_file = file.display().to_string();
        match (Scenario::load(file, rules), &raw.scenario) {
            (Ok(s), None) => columns.push(column(s, false)),
            (Ok(s), Some(copy)) => {
                // The current scenario's copy differs from its file when it had unsaved
                // changes: that is the point of the copy, not news.
                if s != *copy && !raw.current {
                    notes.push(format!(
                        "column \"{}\": {shown_file} has changed since the workspace was saved; \
                         the workspace's copy is used (open the file to see the new version)",
                        raw.name
                    ));
                }
                columns.push(column(copy.clone(), true));
            }
            (Err(d), Some(copy)) => {
                notes.push(format!(
                    "column \"{}\": {} — the workspace's copy is used",
                    raw.name,
                    gone_or_broken(&d)
                ));
                columns.push(column(copy.clone(), true));
            }
            (Err(d), None) => {
                let problem = if d.file == shown_file && d.line.is_none() {
                    // The file itself is missing or unreadable: point at the workspace's line.
                    Diagnostic::at(
                        &shown,
                        &text,
                        raw.file_span.start,
                        format!(
                            "column \"{}\": {shown_file}: {}; the workspace holds no copy of it",
                            raw.name, d.message
                        ),
                    )
                    .with_field(format!("column[{}].file", raw.index))
                    .with_help(
                        "the path of an existing scenario file, relative to the workspace's folder",
                    )
                } else {
                    d
                };
                dropped.push(problem);
            }
        }
    }
    let mut workspace = parsed.workspace;
    workspace.columns = columns;
    if !dropped.is_empty() {
        fix_roles_after_drop(&mut workspace);
    }
    Ok(Opened {
        workspace,
        notes,
        dropped,
    })
}

/// "scenarios/a.toml: no such file", or the file's first problem.
fn gone_or_broken(d: &Diagnostic) -> String {
    if d.line.is_none() {
        format!("{}: {}", d.file, d.message)
    } else {
        format!("{} no longer opens ({})", d.file, d.one_line())
    }
}

/// With columns gone, a workspace may have lost its baseline or its current column: the
/// remaining columns keep their roles; nothing is invented.
fn fix_roles_after_drop(w: &mut Workspace) {
    if !w.columns.iter().any(|c| c.compared) {
        for c in &mut w.columns {
            c.compared = true;
        }
    }
}

/// `path` with `a/../` and `./` parts taken out, without touching the file system (a
/// workspace in `docs/examples/` naming `../../scenarios/a.toml` gives `scenarios/a.toml`).
pub(crate) fn tidy_path(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    if out.is_empty() {
        PathBuf::from(".")
    } else {
        out.iter().collect()
    }
}

/// Make `path` absolute without touching the file system (for comparing folders).
fn absolute(path: &Path) -> PathBuf {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
