//! `mips-whatif report FILE... [--format markdown|html] [-o PATH [--force]]`

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::EXIT_BAD_INPUT;
use crate::files::{SaveError, save_atomically, save_atomically_with};
use crate::report::{
    Format, MAX_SCENARIOS, MIN_SCENARIOS, ReportDetails, build_with, resolve_date,
};
use crate::rules::RuleSet;

/// The report's details from the command line (each replaces the workspace's, if any).
#[derive(clap::Args, Debug, Default, Clone)]
pub struct DetailsArgs {
    /// The report's title [default: the workspace's, else "MIPS what-if report"]
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The client or practice the report is for
    #[arg(long, value_name = "TEXT")]
    pub client: Option<String>,
    /// Who prepared the report
    #[arg(long, value_name = "TEXT")]
    pub prepared_by: Option<String>,
    /// The report's date, as it should read ("2026-12-01", "1 December 2026"), or `today`
    /// (the only time the report reads the clock)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// A note or recommendation, shown after the executive summary (blank lines separate
    /// paragraphs)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

impl DetailsArgs {
    fn details(&self) -> ReportDetails {
        ReportDetails {
            title: self.title.clone(),
            client: self.client.clone(),
            prepared_by: self.prepared_by.clone(),
            date: self.date.as_deref().map(resolve_date),
            note: self.note.clone(),
        }
    }
}

fn bad(message: String, allowed: &str) -> ExitCode {
    eprintln!("error: {message}\n  = allowed: {allowed}");
    ExitCode::from(EXIT_BAD_INPUT)
}

/// Is `output` one of the scenario files (the same file, however it is named)?
fn is_an_input(output: &Path, files: &[PathBuf]) -> bool {
    let Ok(out) = std::fs::canonicalize(output) else {
        return false;
    };
    files
        .iter()
        .filter_map(|f| std::fs::canonicalize(f).ok())
        .any(|f| f == out)
}

pub fn run(
    files: &[PathBuf],
    format: Option<Format>,
    output: Option<&Path>,
    force: bool,
    details: &DetailsArgs,
    rules: &RuleSet,
) -> color_eyre::Result<ExitCode> {
    let one_workspace = files.len() == 1 && crate::workspace::is_workspace_file(&files[0]);
    if !one_workspace && !(MIN_SCENARIOS..=MAX_SCENARIOS).contains(&files.len()) {
        return Ok(bad(
            format!(
                "report takes {MIN_SCENARIOS} to {MAX_SCENARIOS} scenario files, got {}",
                files.len()
            ),
            "1 to 4 files; with 2 to 4 the report compares them against the first, e.g. mips-whatif report scenarios/small-practice-no-pi.toml scenarios/small-practice-reporting-pi.toml",
        ));
    }
    // The output is checked before any work, so a refused write costs nothing.
    // `-o NAME.xlsx`: the report's tables as a workbook.
    let spreadsheet = format.is_none()
        && output.is_some_and(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
        });
    let format = match (format, output) {
        _ if spreadsheet => Format::DEFAULT,
        (Some(f), _) => f,
        (None, None) => Format::DEFAULT,
        (None, Some(path)) => match Format::from_path(path) {
            Ok(f) => f.unwrap_or(Format::DEFAULT),
            Err(ext) => {
                return Ok(bad(
                    format!(
                        "-o {}: cannot tell the format from the extension .{ext}",
                        path.display()
                    ),
                    "a file ending in .md, .html or .xlsx (the report's tables), or --format markdown|html",
                ));
            }
        },
    };
    if let Some(path) = output {
        if path.is_dir() {
            return Ok(bad(
                format!("-o {}: is a folder", path.display()),
                "a file path, e.g. -o report.html",
            ));
        }
        if is_an_input(path, files) {
            return Ok(bad(
                format!(
                    "-o {}: is one of the scenario files; the report would replace it",
                    path.display()
                ),
                "another file name",
            ));
        }
        if path.exists() && !force {
            return Ok(bad(
                format!("-o {}: already exists", path.display()),
                "a new file name, or --force to replace the file",
            ));
        }
    }

    let inputs = match super::inputs::load(files, rules) {
        Ok(i) => i,
        Err(code) => return Ok(ExitCode::from(code)),
    };
    if let Some(path) = output
        && is_an_input(path, &inputs.files)
    {
        return Ok(bad(
            format!(
                "-o {}: is one of the workspace's scenario files; the report would replace it",
                path.display()
            ),
            "another file name",
        ));
    }
    let (given, max_range) = match &inputs.workspace {
        Some(w) => match w.max_range() {
            Ok(m) => (w.report.clone(), m),
            Err(d) => {
                eprintln!("error: {d}");
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
        },
        None => match crate::sensitivity::MaxRange::embedded() {
            Ok(m) => (ReportDetails::default(), m),
            Err(d) => {
                eprintln!("error: {d}");
                return Ok(ExitCode::from(1));
            }
        },
    };
    let details = given.overridden_by(&details.details());
    let report = match build_with(&inputs.entries, rules, &details, max_range) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    };
    if let (true, Some(path)) = (spreadsheet, output) {
        let bytes = report.to_xlsx()?;
        return Ok(
            match save_atomically_with(path, "", force, |f, _| f.write_all(&bytes)) {
                Ok(written) => {
                    eprintln!("wrote {}", written.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    let allowed = match e {
                        SaveError::Exists(_) => "a new file name, or --force to replace the file",
                        SaveError::IsDirectory(_) => "a file path, e.g. -o tables.xlsx",
                        SaveError::Io { .. } => "a path in an existing folder you can write to",
                    };
                    bad(format!("-o: {e}"), allowed)
                }
            },
        );
    }
    let text = format.render(&report);
    match output {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
        Some(path) => match save_atomically(path, &text, force) {
            Ok(written) => eprintln!("wrote {}", written.display()),
            Err(e) => {
                let allowed = match e {
                    SaveError::Exists(_) => "a new file name, or --force to replace the file",
                    SaveError::IsDirectory(_) => "a file path, e.g. -o report.html",
                    SaveError::Io { .. } => "a path in an existing folder you can write to",
                };
                return Ok(bad(format!("-o: {e}"), allowed));
            }
        },
    }
    Ok(ExitCode::SUCCESS)
}
