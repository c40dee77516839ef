//! `mips-whatif compare A.toml B.toml [C.toml [D.toml]] [--format text|json|markdown]`

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{CompareFormat, EXIT_BAD_INPUT};
use crate::compare::{MAX_SCENARIOS, MIN_SCENARIOS, compare};
use crate::rules::RuleSet;

pub fn run(
    files: &[PathBuf],
    format: CompareFormat,
    rules: &RuleSet,
) -> color_eyre::Result<ExitCode> {
    let one_workspace = files.len() == 1 && crate::workspace::is_workspace_file(&files[0]);
    if !one_workspace && !(MIN_SCENARIOS..=MAX_SCENARIOS).contains(&files.len()) {
        eprintln!(
            "error: compare takes {MIN_SCENARIOS} to {MAX_SCENARIOS} scenario files, got {}\n  = allowed: {MIN_SCENARIOS} to {MAX_SCENARIOS} files, the first being the baseline, e.g. mips-whatif compare scenarios/small-practice-no-pi.toml scenarios/small-practice-reporting-pi.toml",
            files.len()
        );
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let entries = match super::inputs::load(files, rules) {
        Ok(i) => i.entries,
        Err(code) => return Ok(ExitCode::from(code)),
    };
    if one_workspace && entries.len() < MIN_SCENARIOS {
        eprintln!(
            "error: {}: the workspace compares {} column; compare needs {MIN_SCENARIOS} to {MAX_SCENARIOS}\n  = allowed: a workspace with 2 to 4 compared columns (mips-whatif report takes one)",
            files[0].display(),
            entries.len()
        );
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let comparison = match compare(&entries, rules) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    };
    let mut out = std::io::stdout().lock();
    match format {
        CompareFormat::Text => out.write_all(comparison.to_text().as_bytes())?,
        CompareFormat::Markdown => out.write_all(comparison.to_markdown().as_bytes())?,
        CompareFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &comparison)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
