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
    if format == CompareFormat::Xlsx {
        let bytes = comparison_workbook(&comparison)?;
        return Ok(crate::spreadsheet::workbook_to_stdout(
            &bytes,
            "mips-whatif compare A.toml B.toml --format xlsx > comparison.xlsx",
        )?);
    }
    let mut out = std::io::stdout().lock();
    match format {
        CompareFormat::Xlsx => unreachable!("written above"),
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

/// The comparison as a workbook: one row per scenario, the differences against the first.
fn comparison_workbook(c: &crate::compare::Comparison) -> color_eyre::Result<Vec<u8>> {
    use crate::rules::Category;
    use crate::spreadsheet::{Kind, SheetWriter, Value};
    let mut columns: Vec<(String, Kind)> = vec![
        ("scenario".into(), Kind::Text),
        ("label".into(), Kind::Text),
        ("performance_year".into(), Kind::Integer),
        ("clinicians".into(), Kind::Integer),
    ];
    columns.extend(
        Category::ALL
            .iter()
            .map(|c| (c.key().to_string(), Kind::Score)),
    );
    columns.extend([
        ("complex_patient_bonus".into(), Kind::Score),
        ("final_score".into(), Kind::Score),
        ("band".into(), Kind::Text),
        ("payment_adjustment_percent".into(), Kind::Percent),
        ("dollar_impact".into(), Kind::Dollars),
    ]);
    columns.extend(crate::spreadsheet::category_columns("_weight"));
    columns.extend([
        ("weights_reason".into(), Kind::Text),
        ("confidence".into(), Kind::Text),
        ("change_points".into(), Kind::Score),
        ("change_adjustment_points".into(), Kind::Number),
        ("change_dollars".into(), Kind::Dollars),
    ]);
    let cols: Vec<(&str, Kind)> = columns.iter().map(|(n, k)| (n.as_str(), *k)).collect();
    let mut wb = rust_xlsxwriter::Workbook::new();
    {
        let mut w = SheetWriter::new(&mut wb, "Comparison", &cols)?;
        for s in &c.scenarios {
            let r = &s.result;
            let mut v: Vec<Value> = vec![
                s.key.into(),
                s.label.clone().into(),
                Value::Number(r.performance_year as f64),
                Value::Number(s.inputs.practice.clinicians as f64),
            ];
            for cat in Category::ALL {
                v.push(s.inputs.scores.get(cat).into());
            }
            v.push(s.inputs.complex_patient_bonus.into());
            v.push(r.final_score.into());
            v.push(r.band.label().into());
            v.push(r.payment_adjustment_percent.into());
            v.push(r.dollar_impact.into());
            for cat in Category::ALL {
                v.push(r.weights.get(cat).into());
            }
            v.push(r.weights_reason.clone().into());
            v.push(r.confidence.as_str().into());
            v.push(s.difference.map(|d| d.final_score_points).into());
            v.push(s.difference.map(|d| d.payment_adjustment_points).into());
            v.push(s.difference.and_then(|d| d.dollar_impact).into());
            w.row(&v)?;
        }
    }
    Ok(crate::spreadsheet::to_bytes(wb)?)
}
