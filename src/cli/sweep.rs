//! `mips-whatif sweep FILE --category C [--from 0 --to 100 --step 1] [--format text|json|csv]`

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::whatif::{
    CategoryArg, StateJson, WhatIfArgs, heading, marginal_text, prepare, uncertainty_text,
};
use super::{EXIT_BAD_INPUT, TableFormat};
use crate::engine::score_numbers;
use crate::format::{number, percent, signed_dollars, two_decimals};
use crate::rules::RuleSet;
use crate::sensitivity::{
    AdjustmentUncertainty, Marginal, MaxRange, Sweep, SweepSpan, adjustment_range_for,
    marginal_values, sweep,
};

#[derive(Serialize)]
struct SweepJson<'a> {
    file: &'a str,
    now: StateJson,
    #[serde(flatten)]
    sweep: &'a Sweep,
    marginal: &'a [Marginal],
    uncertainty: &'a AdjustmentUncertainty,
    max_range: &'a MaxRange,
}

#[allow(clippy::too_many_arguments)]
pub fn run(
    file: &Path,
    category: CategoryArg,
    from: f64,
    to: f64,
    step: f64,
    format: TableFormat,
    args: &WhatIfArgs,
    rules: &RuleSet,
) -> color_eyre::Result<ExitCode> {
    let range = SweepSpan { from, to, step };
    if let Err(e) = range.check() {
        let shown = match e.option {
            "from" => number(from),
            "to" => number(to),
            _ => number(step),
        };
        eprintln!(
            "error: --{} {}: {}\n  = allowed: {}",
            e.option, shown, e.message, e.allowed
        );
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let Some(p) = prepare(file, args, rules) else {
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    };
    let c = category.category();
    let sw = match sweep(&p.scenario, p.rules, c, &range) {
        Ok(sw) => sw,
        Err(e) => {
            eprintln!(
                "error: --{}: {}\n  = allowed: {}",
                e.option, e.message, e.allowed
            );
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    };
    let now = score_numbers(&p.scenario, p.rules);
    let mut marginal = marginal_values(&p.scenario, p.rules);
    let unc = adjustment_range_for(&now, p.rules, &p.max_range);
    crate::sensitivity::add_marginal_ranges(&mut marginal, p.rules, &now, &unc);

    if format == TableFormat::Xlsx {
        let bytes = sweep_workbook(&sw, &marginal)?;
        return Ok(crate::spreadsheet::workbook_to_stdout(
            &bytes,
            "mips-whatif sweep FILE --category cost --format xlsx > sweep.xlsx",
        )?);
    }
    let mut out = std::io::stdout().lock();
    match format {
        TableFormat::Xlsx => unreachable!("written above"),
        TableFormat::Json => {
            let j = SweepJson {
                file: &p.file,
                now: StateJson::of(&now),
                sweep: &sw,
                marginal: &marginal,
                uncertainty: &unc,
                max_range: &p.max_range,
            };
            serde_json::to_writer_pretty(&mut out, &j)?;
            writeln!(out)?;
        }
        TableFormat::Csv => {
            writeln!(
                out,
                "{},final_score,final_score_published,band,payment_adjustment_percent,exceptional_bonus_percent,dollars,band_change",
                c.key()
            )?;
            for r in &sw.points {
                let q = &r.point;
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{}",
                    number(q.score),
                    number(q.final_score),
                    two_decimals(q.final_score_published),
                    q.band.key(),
                    number(q.adjustment_percent),
                    number(q.exceptional_bonus_percent),
                    q.dollars.map(|d| format!("{d:.2}")).unwrap_or_default(),
                    r.band_change
                )?;
            }
        }
        TableFormat::Text => {
            let mut o = heading(&p, &now, &unc);
            o.push_str(&text_table(&sw, p.rules, &unc));
            o.push('\n');
            o.push_str(&marginal_text(&marginal));
            o.push('\n');
            o.push_str(&uncertainty_text(&unc, &p.max_range));
            out.write_all(o.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The sweep as a readable table with band changes marked, and the band edges (each with
/// its range across the band of maxima where the year's maximum is not published).
pub fn text_table(
    sw: &Sweep,
    rules: &crate::rules::YearRules,
    unc: &AdjustmentUncertainty,
) -> String {
    let c = sw.category;
    let name = c.short();
    let mut o = format!(
        "{} swept {}–{} by {}, everything else held\n",
        c.label(),
        number(sw.span.from),
        number(sw.span.to),
        number(sw.span.step)
    );
    if let Some(s) = sw.lever.statement() {
        if sw.lever.is_flat() {
            o.push_str(&format!("Flat line: {s}\n"));
        } else {
            o.push_str(&format!("{s}\n"));
        }
    }
    o.push('\n');
    let exc = sw
        .points
        .iter()
        .any(|r| r.point.exceptional_bonus_percent > 0.0);
    let money = sw.part_b_allowed_charges.is_some();
    let mut head = format!(
        "{:>8}  {:>11}  {:<15}{:>11}",
        name, "Final score", "Band", "Adjustment"
    );
    if exc {
        head.push_str(&format!("{:>13}", "Exc. bonus"));
    }
    if money {
        head.push_str(&format!("{:>12}", "Dollars"));
    }
    o.push_str(head.trim_end());
    o.push('\n');
    // Mark the row nearest the score now, when it is inside the sweep.
    let now_row = sw.lever.current.and_then(|v| {
        if v < sw.span.from - 1e-9 || v > sw.span.to + 1e-9 {
            return None;
        }
        sw.points
            .iter()
            .enumerate()
            .min_by(|a, b| {
                (a.1.point.score - v)
                    .abs()
                    .total_cmp(&(b.1.point.score - v).abs())
            })
            .map(|(i, _)| i)
    });
    let mut prev_band = None;
    for (i, r) in sw.points.iter().enumerate() {
        let q = &r.point;
        let mut line = format!(
            "{:>8}  {:>11}  {:<15}{:>11}",
            two_decimals(q.score),
            two_decimals(q.final_score_published),
            q.band.label(),
            percent(q.adjustment_percent)
        );
        if exc {
            line.push_str(&format!("{:>13}", percent(q.exceptional_bonus_percent)));
        }
        if money {
            line.push_str(&format!(
                "{:>12}",
                q.dollars.map(signed_dollars).unwrap_or_default()
            ));
        }
        let mut marks = Vec::new();
        if r.band_change
            && let Some(b) = prev_band
        {
            marks.push(format!(
                "{} → {}",
                crate::engine::Band::label(b),
                q.band.label()
            ));
        }
        if now_row == Some(i)
            && let Some(v) = sw.lever.current
        {
            marks.push(format!("now {}", number(v)));
        }
        if !marks.is_empty() {
            line.push_str(&format!("   ◂ {}", marks.join("; ")));
        }
        o.push_str(&line);
        o.push('\n');
        prev_band = Some(q.band);
    }
    if !sw.band_edges.is_empty() {
        o.push_str(&format!(
            "\nWhere each band begins along {} (lowest score to 0.01, everything else held):\n",
            c.label()
        ));
        for e in &sw.band_edges {
            let range = unc.at_score(rules, e.at.final_score_published);
            let money = crate::sensitivity::dollars_or_range(
                sw.part_b_allowed_charges,
                e.at.adjustment_percent,
                range,
            )
            .map(|d| format!(", {d}"))
            .unwrap_or_default();
            o.push_str(&format!(
                "  {:<15} from {name} {:>6}  (final score {}, {}{money})\n",
                e.band.label(),
                two_decimals(e.score),
                two_decimals(e.at.final_score_published),
                crate::sensitivity::percent_or_range(e.at.adjustment_percent, range)
            ));
        }
    }
    o
}

/// The sweep and the marginal values as a workbook.
fn sweep_workbook(sw: &Sweep, marginal: &[Marginal]) -> color_eyre::Result<Vec<u8>> {
    use crate::spreadsheet::{Kind, SheetWriter, Value};
    let mut wb = rust_xlsxwriter::Workbook::new();
    {
        let key = sw.category.key();
        let mut w = SheetWriter::new(
            &mut wb,
            "Sweep",
            &[
                (key, Kind::Score),
                ("final_score", Kind::Score),
                ("final_score_published", Kind::Score),
                ("band", Kind::Text),
                ("payment_adjustment_percent", Kind::Percent),
                ("exceptional_bonus_percent", Kind::Percent),
                ("dollars", Kind::Dollars),
                ("band_change", Kind::Text),
            ],
        )?;
        for r in &sw.points {
            let q = &r.point;
            w.row(&[
                q.score.into(),
                q.final_score.into(),
                q.final_score_published.into(),
                q.band.label().into(),
                q.adjustment_percent.into(),
                q.exceptional_bonus_percent.into(),
                q.dollars.into(),
                Value::Bool(r.band_change),
            ])?;
        }
    }
    {
        let mut w = SheetWriter::new(
            &mut wb,
            "One more point",
            &crate::spreadsheet::MARGINAL_COLUMNS,
        )?;
        for m in marginal {
            w.row(&crate::spreadsheet::marginal_cells(m))?;
        }
    }
    Ok(crate::spreadsheet::to_bytes(wb)?)
}
