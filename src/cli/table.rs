//! `mips-whatif table [--year Y] [--step S] [--format text|json|csv]`

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{EXIT_BAD_INPUT, TableFormat};
use crate::engine::{Band, adjustment_for, band_ranges, published_score};
use crate::format::{number, percent, two_decimals};
use crate::rules::RuleSet;

#[derive(Serialize)]
struct Row {
    final_score: f64,
    band: Band,
    base_adjustment_percent: f64,
    exceptional_bonus_percent: f64,
    payment_adjustment_percent: f64,
    /// This row is a band edge (always included whatever the step).
    band_edge: bool,
}

#[derive(Serialize)]
struct TableJson<'a> {
    performance_year: u16,
    payment_year: u16,
    performance_threshold: f64,
    max_positive_adjustment: f64,
    max_positive_assumed: bool,
    bands: Vec<BandJson>,
    rows: &'a [Row],
}

#[derive(Serialize)]
struct BandJson {
    band: Band,
    label: &'static str,
    from: f64,
    to: f64,
}

pub fn run(
    year: u16,
    step: f64,
    max_positive: Option<f64>,
    format: TableFormat,
    rules: &RuleSet,
) -> color_eyre::Result<ExitCode> {
    let Some(y) = rules.year(year) else {
        eprintln!(
            "error: --year {year}: not a supported performance year\n  = allowed: {}",
            rules.years_text()
        );
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    };
    if !(step.is_finite() && (0.01..=100.0).contains(&step)) {
        eprintln!("error: --step {step}: out of range\n  = allowed: 0.01 to 100");
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let hi = y.max_positive_limit();
    if let Some(m) = max_positive
        && !(m.is_finite() && (0.0..=hi).contains(&m))
    {
        eprintln!(
            "error: --max-positive {m}: out of range\n  = allowed: 0 to {} (percent at a final score of 100)",
            number(hi)
        );
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let default = y.default_max_positive();
    let maxp = max_positive.unwrap_or(default.value);
    let assumed = max_positive.is_some() || y.max_positive_adjustment.is_none();
    let exc = y
        .exceptional_bonus
        .as_ref()
        .map_or(0.0, |e| e.max_at_100.value);

    let ranges = band_ranges(y);
    let mut edges: Vec<f64> = Vec::new();
    for (_, lo, hi) in &ranges {
        edges.push(*lo);
        edges.push(*hi);
    }
    let mut scores: Vec<(f64, bool)> = Vec::new();
    let n = (100.0 / step).floor() as usize;
    for i in 0..=n {
        scores.push((published_score(i as f64 * step), false));
    }
    for e in edges {
        scores.push((published_score(e), true));
    }
    scores.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    scores.dedup_by(|a, b| {
        if a.0 == b.0 {
            b.1 |= a.1;
            true
        } else {
            false
        }
    });
    let rows: Vec<Row> = scores
        .into_iter()
        .map(|(fs, edge)| {
            let a = adjustment_for(y, fs, maxp, exc);
            Row {
                final_score: fs,
                band: a.band,
                base_adjustment_percent: a.base,
                exceptional_bonus_percent: a.exceptional,
                payment_adjustment_percent: a.total(),
                band_edge: edge,
            }
        })
        .collect();

    if format == TableFormat::Xlsx {
        use crate::spreadsheet::{Kind, SheetWriter, Value};
        let mut wb = rust_xlsxwriter::Workbook::new();
        {
            let mut w = SheetWriter::new(
                &mut wb,
                &format!("PY{}", y.performance_year),
                &[
                    ("final_score", Kind::Score),
                    ("band", Kind::Text),
                    ("base_adjustment_percent", Kind::Percent),
                    ("exceptional_bonus_percent", Kind::Percent),
                    ("payment_adjustment_percent", Kind::Percent),
                    ("band_edge", Kind::Text),
                ],
            )?;
            for r in &rows {
                w.row(&[
                    r.final_score.into(),
                    r.band.label().into(),
                    r.base_adjustment_percent.into(),
                    r.exceptional_bonus_percent.into(),
                    r.payment_adjustment_percent.into(),
                    Value::Bool(r.band_edge),
                ])?;
            }
        }
        let bytes = crate::spreadsheet::to_bytes(wb)?;
        return Ok(crate::spreadsheet::workbook_to_stdout(
            &bytes,
            "mips-whatif table --year 2024 --format xlsx > table.xlsx",
        )?);
    }
    let mut out = std::io::stdout().lock();
    match format {
        TableFormat::Xlsx => unreachable!("written above"),
        TableFormat::Json => {
            let t = TableJson {
                performance_year: y.performance_year,
                payment_year: y.payment_year,
                performance_threshold: y.pt(),
                max_positive_adjustment: maxp,
                max_positive_assumed: assumed,
                bands: ranges
                    .iter()
                    .map(|(b, lo, hi)| BandJson {
                        band: *b,
                        label: b.label(),
                        from: *lo,
                        to: *hi,
                    })
                    .collect(),
                rows: &rows,
            };
            serde_json::to_writer_pretty(&mut out, &t)?;
            writeln!(out)?;
        }
        TableFormat::Csv => {
            writeln!(
                out,
                "final_score,band,base_adjustment_percent,exceptional_bonus_percent,payment_adjustment_percent,band_edge"
            )?;
            for r in &rows {
                writeln!(
                    out,
                    "{},{},{},{},{},{}",
                    number(r.final_score),
                    r.band.key(),
                    r.base_adjustment_percent,
                    r.exceptional_bonus_percent,
                    r.payment_adjustment_percent,
                    r.band_edge
                )?;
            }
        }
        TableFormat::Text => {
            writeln!(
                out,
                "PY{} final score → payment adjustment in {} (performance threshold {})",
                y.performance_year,
                y.payment_year,
                number(y.pt())
            )?;
            writeln!(
                out,
                "Positive side: {}% at 100 ({}){}",
                number(maxp),
                if max_positive.is_some() {
                    "ASSUMED: --max-positive".to_string()
                } else if y.max_positive_adjustment.is_some() {
                    format!("published, {}", default.confidence)
                } else {
                    "ASSUMED: not yet published".to_string()
                },
                if exc > 0.0 {
                    format!(", plus up to {}% exceptional bonus", number(exc))
                } else {
                    String::new()
                }
            )?;
            writeln!(out)?;
            writeln!(out, "Bands:")?;
            for (b, lo, hi) in &ranges {
                let range = if lo == hi {
                    two_decimals(*lo)
                } else {
                    format!("{} – {}", two_decimals(*lo), two_decimals(*hi))
                };
                writeln!(out, "  {:<15} {}", b.label(), range)?;
            }
            writeln!(out)?;
            let exc_col = exc > 0.0;
            if exc_col {
                writeln!(
                    out,
                    "{:>11}  {:<15}{:>10}{:>13}{:>10}",
                    "Final score", "Band", "Base", "Exceptional", "Total"
                )?;
            } else {
                writeln!(
                    out,
                    "{:>11}  {:<15}{:>10}",
                    "Final score", "Band", "Adjustment"
                )?;
            }
            for r in &rows {
                let mark = if r.band_edge { " ◂ edge" } else { "" };
                if exc_col {
                    writeln!(
                        out,
                        "{:>11}  {:<15}{:>10}{:>13}{:>10}{}",
                        two_decimals(r.final_score),
                        r.band.label(),
                        percent(r.base_adjustment_percent),
                        percent(r.exceptional_bonus_percent),
                        percent(r.payment_adjustment_percent),
                        mark
                    )?;
                } else {
                    writeln!(
                        out,
                        "{:>11}  {:<15}{:>10}{}",
                        two_decimals(r.final_score),
                        r.band.label(),
                        percent(r.payment_adjustment_percent),
                        mark
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
