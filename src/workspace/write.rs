//! Writing a workspace: a commented TOML file in a fixed order, so the same workspace always
//! gives the same bytes.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use super::parse::{group_key, reporting_key};
use super::{FORMAT_VERSION, Workspace, absolute};
use crate::scenario::write_tables;

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn num(v: f64) -> String {
    toml::Value::Float(v).to_string()
}

/// A moment to the second, as a TOML date-time in UTC (`2026-12-01T08:42:00Z`).
fn seconds(at: &jiff::Timestamp) -> String {
    let whole = jiff::Timestamp::from_second(at.as_second()).unwrap_or(*at);
    whole.to_string()
}

/// `path` as seen from the folder `base` (`../scenarios/a.toml`), with `/` between parts; the
/// absolute path when there is no relative way (another drive).
pub fn relative_path(path: &Path, base: &Path) -> String {
    let path = absolute(path);
    let base = absolute(base);
    let p: Vec<Component> = path.components().collect();
    let b: Vec<Component> = base.components().collect();
    if p.first() != b.first() {
        return path.display().to_string();
    }
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = Vec::new();
    for c in &b[common..] {
        if matches!(c, Component::Normal(_)) {
            parts.push("..".into());
        }
    }
    for c in &p[common..] {
        parts.push(c.as_os_str().to_string_lossy().into_owned());
    }
    if parts.is_empty() {
        return ".".into();
    }
    parts.join("/")
}

/// The workspace as TOML, its scenario paths relative to `dir` (the folder it is written to).
pub fn to_toml(w: &Workspace, dir: &Path) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# mips-whatif workspace: a client comparison (format: docs/workspace.md)"
    );
    let _ = writeln!(out, "workspace = {FORMAT_VERSION}");

    let r = &w.report;
    if !r.is_empty() {
        let _ = writeln!(out, "\n[report]");
        for (key, value) in [
            ("title", &r.title),
            ("client", &r.client),
            ("prepared_by", &r.prepared_by),
            ("date", &r.date),
            ("note", &r.note),
        ] {
            if let Some(v) = value {
                let _ = writeln!(out, "{key} = {}", quoted(v));
            }
        }
    }
    if let Some(c) = &w.chart {
        let _ = writeln!(
            out,
            "\n[chart]  # the national band chart's comparison group"
        );
        let _ = writeln!(
            out,
            "group = {}  # all | small | solo | rural",
            quoted(group_key(c.group))
        );
        let _ = writeln!(
            out,
            "reporting = {}  # overall | reporting | non_reporting",
            quoted(reporting_key(c.reporting))
        );
    }
    if let Some((low, high)) = w.max_range {
        let _ = writeln!(
            out,
            "\n[max_positive_at_100]  # the band of maxima behind the adjustment's range, percent"
        );
        let _ = writeln!(out, "low = {}", num(low));
        let _ = writeln!(out, "high = {}", num(high));
    }
    if w.view.is_some() || w.written_at.is_some() || w.workspace_file.is_some() {
        let _ = writeln!(out, "\n[explorer]");
        if let Some(v) = &w.view {
            let _ = writeln!(out, "view = {}", quoted(v));
        }
        if let Some(at) = &w.written_at {
            let _ = writeln!(out, "written_at = {}", seconds(at));
        }
        if let Some(f) = &w.workspace_file {
            let _ = writeln!(out, "workspace_file = {}", quoted(&relative_path(f, dir)));
        }
    }
    for c in &w.columns {
        let _ = writeln!(out, "\n[[column]]");
        let _ = writeln!(out, "name = {}", quoted(&c.name));
        if c.baseline {
            let _ = writeln!(
                out,
                "baseline = true  # the differences are against this one"
            );
        }
        if c.current {
            let _ = writeln!(out, "current = true  # the scenario the explorer edits");
        }
        if !c.compared {
            let _ = writeln!(out, "compared = false  # left out of the comparison");
        }
        if let Some(f) = &c.file {
            let _ = writeln!(out, "file = {}", quoted(&relative_path(f, dir)));
        }
        if c.inline {
            let _ = writeln!(out, "\n[column.scenario]");
            write_tables(&mut out, &c.scenario, "column.scenario");
        }
    }
    if let Some(r) = &w.roster {
        let _ = writeln!(
            out,
            "\n[roster]  # the roster the Roster view had open, and the rows edited since"
        );
        let _ = writeln!(out, "file = {}", quoted(&relative_path(&r.file, dir)));
        if let Some(y) = r.performance_year {
            let _ = writeln!(
                out,
                "performance_year = {y}  # for rows without a year column"
            );
        }
        if let Some(st) = &r.stamp {
            let _ = writeln!(out, "file_bytes = {}  # the file as it was read", st.bytes);
            let _ = writeln!(out, "file_modified = {}", st.modified);
        }
        if let Some(row) = r.editing {
            let _ = writeln!(
                out,
                "editing = {row}  # the data row opened as the scenario"
            );
        }
        for e in &r.rows {
            let _ = writeln!(out, "\n[[roster.row]]  # a row as edited");
            let _ = writeln!(out, "row = {}", e.row);
            if let Some(id) = &e.id {
                let _ = writeln!(out, "id = {}", quoted(id));
            }
            if let Some(v) = e.cms_final_score {
                let _ = writeln!(out, "cms_final_score = {}", num(v));
            }
            if let Some(v) = e.cms_payment_adjustment_percent {
                let _ = writeln!(out, "cms_payment_adjustment_percent = {}", num(v));
            }
            if e.reading != crate::rules::Confidence::Confirmed {
                let _ = writeln!(
                    out,
                    "reading = {}  # how surely the file's row was read",
                    quoted(e.reading.as_str())
                );
            }
            let _ = writeln!(out, "\n[roster.row.scenario]");
            write_tables(&mut out, &e.scenario, "roster.row.scenario");
        }
    }
    out
}

/// The folder a workspace written to `path` is relative to.
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
