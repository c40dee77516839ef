//! Reading a workspace file: every problem is reported with its file, line, column and field,
//! what is allowed, and a "did you mean" for misspelt keys (as for scenario files).

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use super::{ChartChoice, FORMAT_VERSION, MAX_COMPARED, VIEWS, Workspace};
use crate::diagnostic::{Diagnostic, quote_short};
use crate::national::{Group, ReportingStatus};
use crate::report::ReportDetails;
use crate::rules::{Confidence, RuleSet};
use crate::scenario::{Scenario, scenario_from_table, toml_syntax_error};
use crate::toml_input::{check_keys, choices_help, integer, located, pick_choice, wrong_type};

const TOP_KEYS: &[&str] = &[
    "workspace",
    "report",
    "chart",
    "max_positive_at_100",
    "explorer",
    "column",
    "roster",
];
const REPORT_KEYS: &[&str] = &["title", "client", "prepared_by", "date", "note"];
const CHART_KEYS: &[&str] = &["group", "reporting"];
const RANGE_KEYS: &[&str] = &["low", "high"];
const EXPLORER_KEYS: &[&str] = &["view", "written_at", "workspace_file"];
const ROSTER_KEYS: &[&str] = &[
    "file",
    "performance_year",
    "file_bytes",
    "file_modified",
    "editing",
    "row",
];
const ROSTER_ROW_KEYS: &[&str] = &[
    "row",
    "id",
    "cms_final_score",
    "cms_payment_adjustment_percent",
    "reading",
    "scenario",
];
const COLUMN_KEYS: &[&str] = &[
    "name", "baseline", "current", "compared", "file", "scenario",
];

const GROUPS: [(&str, Group); 4] = [
    ("all", Group::All),
    ("small", Group::Small),
    ("solo", Group::Solo),
    ("rural", Group::Rural),
];
const REPORTING: [(&str, ReportingStatus); 3] = [
    ("overall", ReportingStatus::Overall),
    ("reporting", ReportingStatus::Reporting),
    ("non_reporting", ReportingStatus::NonReporting),
];

/// The key of a chart group in a workspace.
pub(super) fn group_key(g: Group) -> &'static str {
    GROUPS
        .iter()
        .find(|(_, v)| *v == g)
        .map_or("all", |(k, _)| k)
}

/// The key of a reporting status in a workspace.
pub(super) fn reporting_key(r: ReportingStatus) -> &'static str {
    REPORTING
        .iter()
        .find(|(_, v)| *v == r)
        .map_or("overall", |(k, _)| k)
}

/// A column as the workspace file gives it (its scenario file not read yet).
#[derive(Clone, Debug, PartialEq)]
pub struct RawColumn {
    /// 1-based, in file order.
    pub index: usize,
    pub name: String,
    pub baseline: bool,
    pub current: bool,
    pub compared: bool,
    /// The scenario file, joined to the workspace's folder.
    pub file: Option<PathBuf>,
    /// Where `file = "..."` is in the workspace text.
    pub file_span: Range<usize>,
    /// The inline scenario, when there is one.
    pub scenario: Option<Scenario>,
}

/// A workspace as its file gives it: everything but the columns' scenario files.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// Report details, chart, band and view (no columns yet).
    pub workspace: Workspace,
    pub columns: Vec<RawColumn>,
}

/// Is this text a workspace (a TOML document with a top-level `workspace` key)?
/// Text that is not valid TOML counts as a workspace when a line sets `workspace` or opens
/// a `[[column]]`, so its syntax error is reported as a workspace's.
pub fn is_workspace_text(text: &str) -> bool {
    match DeTable::parse(text) {
        Ok(t) => t.get_ref().contains_key("workspace"),
        Err(_) => text.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with("[[column")
                || l.strip_prefix("workspace")
                    .is_some_and(|r| r.trim_start().starts_with('='))
        }),
    }
}

/// Parse and check a workspace. `file` is the name shown in messages; `dir` is the folder
/// that the columns' scenario paths are relative to.
pub fn parse(file: &str, text: &str, dir: &Path, rules: &RuleSet) -> Result<Parsed, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::file(file, "the file is empty").with_help(MINIMAL));
    }
    let root = DeTable::parse(text).map_err(|e| toml_syntax_error(file, text, &e))?;
    let r = Reader { file, text };
    r.read(root.get_ref(), dir, rules)
}

const MINIMAL: &str = "workspace = 1 and at least one [[column]] with a name and a file or a \
                       [column.scenario] table (see docs/workspace.md)";

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
}

impl Reader<'_> {
    fn err(
        &self,
        span: &Range<usize>,
        field: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Diagnostic {
        located(self.file, self.text, span, field, message, help)
    }

    fn check_keys(
        &self,
        table: &DeTable<'_>,
        place: &str,
        field_prefix: &str,
        allowed: &[&str],
    ) -> Result<(), Diagnostic> {
        check_keys(
            self.file,
            self.text,
            table,
            field_prefix,
            place,
            allowed,
            |key, shown| {
                home_of(key)
                    .filter(|_| field_prefix.is_empty())
                    .map(|home| format!(" — `{shown}` belongs in [{home}]"))
            },
        )
    }

    fn table<'t, 'i>(
        &self,
        parent: &'t DeTable<'i>,
        key: &str,
        field: &str,
    ) -> Result<Option<(&'t DeTable<'i>, Range<usize>)>, Diagnostic> {
        match parent.get(key) {
            None => Ok(None),
            Some(v) => match v.get_ref() {
                DeValue::Table(t) => Ok(Some((t, v.span()))),
                other => Err(self.err(
                    &v.span(),
                    field,
                    wrong_type("a table", other),
                    format!("a [{field}] section"),
                )),
            },
        }
    }

    fn string(
        &self,
        table: &DeTable<'_>,
        key: &str,
        field: &str,
        help: &str,
    ) -> Result<Option<(String, Range<usize>)>, Diagnostic> {
        let Some(v) = table.get(key) else {
            return Ok(None);
        };
        match v.get_ref() {
            DeValue::String(s) => Ok(Some((s.to_string(), v.span()))),
            other => Err(self.err(
                &v.span(),
                field,
                wrong_type("text in double quotes", other),
                help,
            )),
        }
    }

    fn boolean(
        &self,
        table: &DeTable<'_>,
        key: &str,
        field: &str,
    ) -> Result<Option<(bool, Range<usize>)>, Diagnostic> {
        let Some(v) = table.get(key) else {
            return Ok(None);
        };
        match v.get_ref() {
            DeValue::Boolean(b) => Ok(Some((*b, v.span()))),
            other => Err(self.err(
                &v.span(),
                field,
                wrong_type("true or false", other),
                "true or false (no quotes)",
            )),
        }
    }

    fn number(
        &self,
        table: &DeTable<'_>,
        key: &str,
        field: &str,
        help: &str,
    ) -> Result<Option<(f64, Range<usize>)>, Diagnostic> {
        let Some(v) = table.get(key) else {
            return Ok(None);
        };
        let n = match v.get_ref() {
            DeValue::Integer(i) => integer(i).ok().map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok().filter(|n| n.is_finite()),
            other => {
                return Err(self.err(&v.span(), field, wrong_type("a number", other), help));
            }
        };
        match n {
            Some(n) => Ok(Some((n, v.span()))),
            None => Err(self.err(&v.span(), field, "is not a usable number", help)),
        }
    }

    fn choice<T: Copy>(
        &self,
        table: &DeTable<'_>,
        key: &str,
        field: &str,
        options: &[(&str, T)],
    ) -> Result<Option<T>, Diagnostic> {
        let help = choices_help(options);
        let Some((s, span)) = self.string(table, key, field, &help)? else {
            return Ok(None);
        };
        pick_choice(&s, options)
            .map(Some)
            .map_err(|msg| self.err(&span, field, msg, help))
    }

    fn read(&self, root: &DeTable<'_>, dir: &Path, rules: &RuleSet) -> Result<Parsed, Diagnostic> {
        self.check_keys(root, "at the top level", "", TOP_KEYS)?;
        self.version(root)?;
        let mut workspace = Workspace::default();

        if let Some((t, _)) = self.table(root, "report", "report")? {
            self.check_keys(t, "in [report]", "report", REPORT_KEYS)?;
            let text = |key: &str| -> Result<Option<String>, Diagnostic> {
                let field = format!("report.{key}");
                Ok(self
                    .string(
                        t,
                        key,
                        &field,
                        "text in double quotes (\"\"\" for several lines)",
                    )?
                    .map(|(s, _)| s))
            };
            workspace.report = ReportDetails {
                title: text("title")?,
                client: text("client")?,
                prepared_by: text("prepared_by")?,
                date: match t.get("date").map(|v| v.get_ref()) {
                    Some(DeValue::Datetime(d)) => Some(d.to_string()),
                    _ => self
                        .string(
                            t,
                            "date",
                            "report.date",
                            "a date such as 2026-12-01 or \"1 December 2026\"",
                        )?
                        .map(|(s, _)| s),
                },
                note: text("note")?,
            }
            .tidied();
        }

        if let Some((t, _)) = self.table(root, "chart", "chart")? {
            self.check_keys(t, "in [chart]", "chart", CHART_KEYS)?;
            let group = self.choice(t, "group", "chart.group", &GROUPS)?;
            let reporting = self.choice(t, "reporting", "chart.reporting", &REPORTING)?;
            workspace.chart = Some(ChartChoice {
                group: group.unwrap_or(Group::All),
                reporting: reporting.unwrap_or(ReportingStatus::Overall),
            });
        }

        if let Some((t, span)) = self.table(root, "max_positive_at_100", "max_positive_at_100")? {
            self.check_keys(
                t,
                "in [max_positive_at_100]",
                "max_positive_at_100",
                RANGE_KEYS,
            )?;
            let help =
                "percent at a final score of 100, 0 ≤ low ≤ high, e.g. low = 1.05 and high = 2.34";
            let low = self.number(t, "low", "max_positive_at_100.low", help)?;
            let high = self.number(t, "high", "max_positive_at_100.high", help)?;
            let (Some((low, low_span)), Some((high, _))) = (low, high) else {
                return Err(self.err(
                    &span,
                    "max_positive_at_100",
                    "needs both low and high",
                    help,
                ));
            };
            if let Err(m) = crate::sensitivity::MaxRange::check_bounds(low, high) {
                return Err(self.err(&low_span, "max_positive_at_100", m, help));
            }
            workspace.max_range = Some((low, high));
        }

        if let Some((t, _)) = self.table(root, "explorer", "explorer")? {
            self.check_keys(t, "in [explorer]", "explorer", EXPLORER_KEYS)?;
            let views: Vec<(&str, &str)> = VIEWS.iter().map(|v| (*v, *v)).collect();
            workspace.view = self
                .choice(t, "view", "explorer.view", &views)?
                .map(str::to_string);
            if let Some(v) = t.get("written_at") {
                let help = "a date and time such as 2026-12-01T08:42:00Z (written by the explorer)";
                let DeValue::Datetime(d) = v.get_ref() else {
                    return Err(self.err(
                        &v.span(),
                        "explorer.written_at",
                        wrong_type("a date and time", v.get_ref()),
                        help,
                    ));
                };
                let at = d.to_string().parse::<jiff::Timestamp>().map_err(|_| {
                    self.err(
                        &v.span(),
                        "explorer.written_at",
                        format!("{d} is not a moment in time (it needs a time and a time zone)"),
                        help,
                    )
                })?;
                workspace.written_at = Some(at);
            }
            workspace.workspace_file = self
                .string(
                    t,
                    "workspace_file",
                    "explorer.workspace_file",
                    "a workspace file's path in double quotes",
                )?
                .map(|(f, _)| super::tidy_path(&dir.join(f)));
        }

        if let Some((t, span)) = self.table(root, "roster", "roster")? {
            workspace.roster = Some(self.roster(t, &span, dir, rules)?);
        }

        let columns = self.columns(root, dir, rules)?;
        Ok(Parsed { workspace, columns })
    }

    /// A whole number from `low` to `high`.
    fn whole(
        &self,
        table: &DeTable<'_>,
        key: &str,
        field: &str,
        (low, high): (f64, f64),
        help: &str,
    ) -> Result<Option<f64>, Diagnostic> {
        match self.number(table, key, field, help)? {
            None => Ok(None),
            Some((n, span)) if n.fract() != 0.0 || n < low || n > high => {
                Err(self.err(&span, field, format!("{n} is not allowed here"), help))
            }
            Some((n, _)) => Ok(Some(n)),
        }
    }

    /// `[roster]`: the roster the Roster view had open and its edited rows (recovery files).
    fn roster(
        &self,
        t: &DeTable<'_>,
        span: &Range<usize>,
        dir: &Path,
        rules: &RuleSet,
    ) -> Result<super::RosterRecord, Diagnostic> {
        self.check_keys(t, "in [roster]", "roster", ROSTER_KEYS)?;
        let file_help = "the roster file's path in double quotes (written by the explorer)";
        let Some((file, _)) = self.string(t, "file", "roster.file", file_help)? else {
            return Err(self.err(span, "roster.file", "is missing", file_help));
        };
        let performance_year = self
            .whole(
                t,
                "performance_year",
                "roster.performance_year",
                (2017.0, 9999.0),
                "a performance year such as 2024",
            )?
            .map(|y| y as u16);
        let bytes = self.whole(
            t,
            "file_bytes",
            "roster.file_bytes",
            (0.0, 9.0e15),
            "the file's size in bytes (written by the explorer)",
        )?;
        let modified = match t.get("file_modified") {
            None => None,
            Some(v) => {
                let help = "a date and time such as 2026-12-01T08:42:00Z (written by the explorer)";
                let DeValue::Datetime(d) = v.get_ref() else {
                    return Err(self.err(
                        &v.span(),
                        "roster.file_modified",
                        wrong_type("a date and time", v.get_ref()),
                        help,
                    ));
                };
                Some(d.to_string().parse::<jiff::Timestamp>().map_err(|_| {
                    self.err(
                        &v.span(),
                        "roster.file_modified",
                        format!("{d} is not a moment in time (it needs a time and a time zone)"),
                        help,
                    )
                })?)
            }
        };
        let stamp = match (bytes, modified) {
            (Some(b), Some(m)) => Some(crate::files::FileStamp {
                bytes: b as u64,
                modified: m,
            }),
            _ => None,
        };
        let row_help = "a data row of the roster, 1 or more";
        let editing = self
            .whole(t, "editing", "roster.editing", (1.0, 9.0e15), row_help)?
            .map(|r| r as usize);
        let mut rows = Vec::new();
        if let Some(v) = t.get("row") {
            let help = "[[roster.row]] tables, each with row = N and a [roster.row.scenario] table";
            let DeValue::Array(items) = v.get_ref() else {
                return Err(self.err(
                    &v.span(),
                    "roster.row",
                    wrong_type("a list of tables", v.get_ref()),
                    help,
                ));
            };
            for (i, item) in items.iter().enumerate() {
                let field = format!("roster.row[{}]", i + 1);
                let DeValue::Table(rt) = item.get_ref() else {
                    return Err(self.err(
                        &item.span(),
                        &field,
                        wrong_type("a table", item.get_ref()),
                        help,
                    ));
                };
                self.check_keys(rt, "in [[roster.row]]", &field, ROSTER_ROW_KEYS)?;
                let Some(row) =
                    self.whole(rt, "row", &format!("{field}.row"), (1.0, 9.0e15), row_help)?
                else {
                    return Err(self.err(
                        &item.span(),
                        &format!("{field}.row"),
                        "is missing",
                        row_help,
                    ));
                };
                let id = self
                    .string(
                        rt,
                        "id",
                        &format!("{field}.id"),
                        "the row's id in double quotes",
                    )?
                    .map(|(s, _)| s);
                let cms = |key: &str| -> Result<Option<f64>, Diagnostic> {
                    Ok(self
                        .number(rt, key, &format!("{field}.{key}"), "a number")?
                        .map(|(n, _)| n))
                };
                let cms_final_score = cms("cms_final_score")?;
                let cms_payment_adjustment_percent = cms("cms_payment_adjustment_percent")?;
                let reading = self
                    .choice(
                        rt,
                        "reading",
                        &format!("{field}.reading"),
                        &[
                            ("confirmed", Confidence::Confirmed),
                            ("likely", Confidence::Likely),
                            ("assumed", Confidence::Assumed),
                        ],
                    )?
                    .unwrap_or(Confidence::Confirmed);
                let Some((st, _)) = self.table(rt, "scenario", &format!("{field}.scenario"))?
                else {
                    return Err(self.err(
                        &item.span(),
                        &format!("{field}.scenario"),
                        "is missing",
                        "a [roster.row.scenario] table: the row as edited",
                    ));
                };
                let scenario = scenario_from_table(
                    self.file,
                    self.text,
                    st,
                    "roster.row.scenario",
                    &format!("{field}.scenario"),
                    rules,
                )?;
                rows.push(super::EditedRow {
                    row: row as usize,
                    id,
                    scenario,
                    cms_final_score,
                    cms_payment_adjustment_percent,
                    reading,
                });
            }
        }
        Ok(super::RosterRecord {
            file: super::tidy_path(&dir.join(file)),
            performance_year,
            stamp,
            editing,
            rows,
        })
    }

    fn version(&self, root: &DeTable<'_>) -> Result<(), Diagnostic> {
        let help = "workspace = 1 (the format this version of mips-whatif reads and writes)";
        let v = root
            .get("workspace")
            .ok_or_else(|| Diagnostic::file(self.file, "is missing").with_field("workspace"))
            .map_err(|d| d.with_help(help))?;
        match v.get_ref() {
            DeValue::Integer(i) => match integer(i) {
                Ok(FORMAT_VERSION) => Ok(()),
                Ok(n) if n > FORMAT_VERSION => Err(self.err(
                    &v.span(),
                    "workspace",
                    format!(
                        "format {n} was written by a newer version of mips-whatif; this one reads format {FORMAT_VERSION}"
                    ),
                    "a newer mips-whatif, or workspace = 1",
                )),
                _ => Err(self.err(
                    &v.span(),
                    "workspace",
                    format!("{i} is not a workspace format"),
                    help,
                )),
            },
            other => Err(self.err(
                &v.span(),
                "workspace",
                wrong_type("a whole number", other),
                help,
            )),
        }
    }

    fn columns(
        &self,
        root: &DeTable<'_>,
        dir: &Path,
        rules: &RuleSet,
    ) -> Result<Vec<RawColumn>, Diagnostic> {
        let column_help = "[[column]] tables, each with name = \"…\" and file = \"path.toml\" or a [column.scenario] table";
        let Some(v) = root.get("column") else {
            return Err(Diagnostic::file(
                self.file,
                "is missing: a workspace has at least one [[column]]",
            )
            .with_field("column")
            .with_help(column_help));
        };
        let DeValue::Array(items) = v.get_ref() else {
            return Err(self.err(
                &v.span(),
                "column",
                wrong_type("a list of tables", v.get_ref()),
                column_help,
            ));
        };
        if items.is_empty() {
            return Err(self.err(&v.span(), "column", "has no columns", column_help));
        }
        let mut out: Vec<RawColumn> = Vec::with_capacity(items.len());
        let mut name_spans: Vec<Range<usize>> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let index = i + 1;
            let field = format!("column[{index}]");
            let DeValue::Table(t) = item.get_ref() else {
                return Err(self.err(
                    &item.span(),
                    &field,
                    wrong_type("a table", item.get_ref()),
                    column_help,
                ));
            };
            self.check_keys(t, "in [[column]]", &field, COLUMN_KEYS)?;
            let Some((name, name_span)) = self.string(
                t,
                "name",
                &format!("{field}.name"),
                "the column's name in double quotes",
            )?
            else {
                return Err(self.err(
                    &item.span(),
                    &format!("{field}.name"),
                    format!("column {index} has no name"),
                    "name = \"Reporting PI\" (each column's name is shown in the comparison)",
                ));
            };
            let name = name.trim().to_string();
            if name.is_empty() {
                return Err(self.err(
                    &name_span,
                    &format!("{field}.name"),
                    "is empty",
                    "a name for the column, e.g. \"Reporting PI\"",
                ));
            }
            if let Some(first) = out.iter().position(|c| c.name == name) {
                let (line, _) = crate::diagnostic::line_column(self.text, name_spans[first].start);
                return Err(self.err(
                    &name_span,
                    &format!("{field}.name"),
                    format!(
                        "\"{}\" is already the name of column {} (line {line})",
                        quote_short(&name, 40),
                        first + 1
                    ),
                    "a name of its own for each column",
                ));
            }
            let flag =
                |key: &str, default: bool| -> Result<(bool, Option<Range<usize>>), Diagnostic> {
                    Ok(match self.boolean(t, key, &format!("{field}.{key}"))? {
                        Some((b, span)) => (b, Some(span)),
                        None => (default, None),
                    })
                };
            let (baseline, baseline_span) = flag("baseline", false)?;
            let (current, current_span) = flag("current", false)?;
            let (compared, compared_span) = flag("compared", true)?;
            let file = self.string(
                t,
                "file",
                &format!("{field}.file"),
                "a scenario file's path in double quotes, relative to the workspace's folder",
            )?;
            let scenario = match self.table(t, "scenario", &format!("{field}.scenario"))? {
                Some((st, _)) => Some(scenario_from_table(
                    self.file,
                    self.text,
                    st,
                    "column.scenario",
                    &format!("{field}.scenario"),
                    rules,
                )?),
                None => None,
            };
            if file.is_none() && scenario.is_none() {
                return Err(self.err(
                    &item.span(),
                    &field,
                    format!("column {index} (\"{}\") has no scenario", quote_short(&name, 40)),
                    "file = \"path.toml\" (relative to the workspace's folder) or a [column.scenario] table",
                ));
            }
            if let Some(span) = &baseline_span
                && baseline
                && let Some(other) = out.iter().find(|c| c.baseline)
            {
                return Err(self.err(
                    span,
                    &format!("{field}.baseline"),
                    format!("column {} is the baseline already", other.index),
                    "baseline = true on one column at most",
                ));
            }
            if let Some(span) = &current_span
                && current
                && let Some(other) = out.iter().find(|c| c.current)
            {
                return Err(self.err(
                    span,
                    &format!("{field}.current"),
                    format!("column {} is the current scenario already", other.index),
                    "current = true on one column at most",
                ));
            }
            if let Some(span) = &compared_span
                && !compared
                && (!current || baseline)
            {
                return Err(self.err(
                    span,
                    &format!("{field}.compared"),
                    if baseline {
                        "the baseline cannot be left out of the comparison".to_string()
                    } else {
                        "only the current scenario (current = true) can be left out of the comparison".to_string()
                    },
                    "compared = false together with current = true, on a column that is not the baseline",
                ));
            }
            if compared && out.iter().filter(|c| c.compared).count() == MAX_COMPARED {
                return Err(self.err(
                    &item.span(),
                    &field,
                    format!(
                        "a workspace compares {MAX_COMPARED} columns at most; this is the {}th",
                        MAX_COMPARED + 1
                    ),
                    "at most 4 compared columns (compared = false leaves the current scenario out)",
                ));
            }
            let (file, file_span) = match file {
                Some((f, span)) => {
                    if f.trim().is_empty() {
                        return Err(self.err(
                            &span,
                            &format!("{field}.file"),
                            "is empty",
                            "a scenario file's path, relative to the workspace's folder",
                        ));
                    }
                    (Some(super::tidy_path(&dir.join(&f))), span)
                }
                None => (None, item.span()),
            };
            name_spans.push(name_span);
            out.push(RawColumn {
                index,
                name,
                baseline,
                current,
                compared,
                file,
                file_span,
                scenario,
            });
        }
        Ok(out)
    }
}

/// The table a top-level key belongs in, for keys put at the wrong level.
fn home_of(key: &str) -> Option<&'static str> {
    if REPORT_KEYS.contains(&key) {
        Some("report")
    } else if CHART_KEYS.contains(&key) {
        Some("chart")
    } else if RANGE_KEYS.contains(&key) {
        Some("max_positive_at_100")
    } else if EXPLORER_KEYS.contains(&key) {
        Some("explorer")
    } else if ["baseline", "current", "compared", "file", "scenario"].contains(&key) {
        Some("[column]")
    } else {
        None
    }
}
