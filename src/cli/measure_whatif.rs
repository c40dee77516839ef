//! `mips-whatif sweep FILE --measure ID` and `mips-whatif solve FILE --measure ID`: one measure
//! of a scenario built from measures, moved with everything else held.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::whatif::{StateJson, WhatIfArgs, heading, prepare, resolved_targets, uncertainty_text};
use super::{EXIT_BAD_INPUT, Format, TableFormat};
use crate::engine::score_numbers;
use crate::format::{number, percent, signed_dollars, two_decimals};
use crate::measures::CollectionType;
use crate::rules::{Category, RuleSet};
use crate::sensitivity::measure::{
    MeasureMarginal, MeasureNeed, MeasurePoint, MeasureRef, find_measure, measure_marginal,
    measure_needed, measure_sweep, value_of,
};
use crate::sensitivity::{ResolvedTarget, Target, adjustment_range_for};

fn locate(
    p: &super::whatif::Prepared,
    id: &str,
    collection_type: Option<&str>,
) -> Option<MeasureRef> {
    let ct = match collection_type {
        Some(name) => match CollectionType::from_name(name) {
            Some(c) => Some(c),
            None => {
                eprintln!(
                    "error: --collection-type {name}: not a collection type\n  = allowed: registry (mips_cqm), electronicHealthRecord (ecqm), claims, cmsWebInterface, certifiedSurveyVendor, administrativeClaims"
                );
                return None;
            }
        },
        None => None,
    };
    match find_measure(&p.scenario, id, ct) {
        Ok(m) => Some(m),
        Err(e) => {
            eprintln!(
                "error: {}: --measure {id}: {}\n  = allowed: {}",
                p.file, e.message, e.allowed
            );
            None
        }
    }
}

fn value_text(m: &MeasureRef, v: f64) -> String {
    if m.category == Category::Cost {
        format!("${}", two_decimals(v))
    } else {
        format!("{}%", number(v))
    }
}

fn outcome_text(p: &MeasurePoint) -> String {
    let o = &p.outcome;
    let mut s = format!(
        "{} points · {} {} · final score {} · {} · {}",
        number(p.measure_points),
        "category",
        p.category_percent.map_or("not scored".into(), number),
        two_decimals(o.final_score),
        o.band.label(),
        percent(o.adjustment_percent)
    );
    if let Some(d) = o.dollars {
        s.push_str(&format!(" · {}", signed_dollars(d)));
    }
    s
}

#[derive(Serialize)]
struct SweepJson<'a> {
    file: &'a str,
    measure: &'a MeasureRef,
    now: MeasurePoint,
    marginal: MeasureMarginal,
    points: &'a [MeasurePoint],
}

pub fn sweep(
    file: &Path,
    id: &str,
    collection_type: Option<&str>,
    (from, to, step): (Option<f64>, Option<f64>, Option<f64>),
    format: TableFormat,
    args: &WhatIfArgs,
    rules: &RuleSet,
) -> color_eyre::Result<ExitCode> {
    let Some(p) = prepare(file, args, rules) else {
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    };
    let Some(m) = locate(&p, id, collection_type) else {
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    };
    let v = value_of(&p.scenario, &m);
    let (lo_default, hi_default, step_default, hi_limit) = if m.category == Category::Cost {
        (v * 0.5, v * 1.5, (v * 0.05).max(0.01), f64::MAX)
    } else {
        (0.0, 100.0, 1.0, 100.0)
    };
    let from = from.unwrap_or(lo_default);
    let to = to.unwrap_or(hi_default);
    let step = step.unwrap_or(step_default);
    if !(from.is_finite() && to.is_finite() && from >= 0.0 && to <= hi_limit && from <= to) {
        eprintln!(
            "error: --from {} --to {}: out of range\n  = allowed: {}",
            number(from),
            number(to),
            if m.category == Category::Cost {
                "dollars, 0 ≤ from ≤ to"
            } else {
                "rates from 0 to 100, from ≤ to"
            }
        );
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    if !(step.is_finite() && step >= 0.01 && (to - from) / step <= 1000.0) {
        eprintln!(
            "error: --step {}: out of range\n  = allowed: 0.01 or more, at most 1,000 steps from --from to --to",
            number(step)
        );
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let points = measure_sweep(&p.scenario, p.rules, &m, from, to, step);
    let marginal = measure_marginal(&p.scenario, p.rules, &m);
    let mut out = std::io::stdout().lock();
    match format {
        TableFormat::Xlsx => {
            use crate::spreadsheet::{Kind, SheetWriter};
            let mut wb = rust_xlsxwriter::Workbook::new();
            {
                let mut w = SheetWriter::new(
                    &mut wb,
                    "Sweep",
                    &[
                        ("value", Kind::Number),
                        ("measure_points", Kind::Score),
                        ("category_percent", Kind::Score),
                        ("final_score", Kind::Score),
                        ("band", Kind::Text),
                        ("payment_adjustment_percent", Kind::Percent),
                        ("dollars", Kind::Dollars),
                    ],
                )?;
                for x in &points {
                    w.row(&[
                        x.value.into(),
                        x.measure_points.into(),
                        x.category_percent.into(),
                        x.outcome.final_score.into(),
                        x.outcome.band.label().into(),
                        x.outcome.adjustment_percent.into(),
                        x.outcome.dollars.into(),
                    ])?;
                }
            }
            let bytes = crate::spreadsheet::to_bytes(wb)?;
            let written = crate::spreadsheet::workbook_to_stdout(
                &bytes,
                "mips-whatif sweep FILE --measure ID --format xlsx > sweep.xlsx",
            )?;
            if written != ExitCode::SUCCESS {
                return Ok(written);
            }
        }
        TableFormat::Json => {
            serde_json::to_writer_pretty(
                &mut out,
                &SweepJson {
                    file: &p.file,
                    measure: &m,
                    now: marginal.now,
                    marginal,
                    points: &points,
                },
            )?;
            writeln!(out)?;
        }
        TableFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "value",
                "measure_points",
                "category_percent",
                "final_score",
                "band",
                "payment_adjustment_percent",
                "dollars",
            ])?;
            for x in &points {
                w.write_record([
                    x.value.to_string(),
                    x.measure_points.to_string(),
                    x.category_percent
                        .map(|c| c.to_string())
                        .unwrap_or_default(),
                    x.outcome.final_score.to_string(),
                    x.outcome.band.key().to_string(),
                    x.outcome.adjustment_percent.to_string(),
                    x.outcome.dollars.map(|d| d.to_string()).unwrap_or_default(),
                ])?;
            }
            w.flush()?;
        }
        TableFormat::Text => {
            let now = score_numbers(&p.scenario, p.rules);
            let unc = adjustment_range_for(&now, p.rules, &p.max_range);
            let mut o = heading(&p, &now, &unc);
            o.push_str(&format!(
                "\n{} {} ({}), {} now: {}\n",
                m.category.label(),
                m.id,
                m.collection_type.label(),
                value_text(&m, v),
                outcome_text(&marginal.now)
            ));
            o.push_str(&marginal_text(&m, &marginal));
            o.push('\n');
            for x in &points {
                o.push_str(&format!(
                    "  {:>12}  {}\n",
                    value_text(&m, x.value),
                    outcome_text(x)
                ));
            }
            o.push('\n');
            o.push_str(&uncertainty_text(&unc, &p.max_range));
            out.write_all(o.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn marginal_text(m: &MeasureRef, x: &MeasureMarginal) -> String {
    let step = match (m.category, m.lower_is_better) {
        (Category::Cost, _) => "1% lower cost".to_string(),
        (_, true) => "one percentage point lower".to_string(),
        (_, false) => "one more percentage point".to_string(),
    };
    let d_points = x.better.measure_points - x.now.measure_points;
    let d_final = x.better.outcome.final_score - x.now.outcome.final_score;
    let mut s = format!(
        "  {step} ({}) is worth {:+.4} measure points, {:+.2} final-score points",
        value_text(m, x.better.value),
        d_points,
        d_final
    );
    if let (Some(a), Some(b)) = (x.now.outcome.dollars, x.better.outcome.dollars) {
        s.push_str(&format!(", {}", signed_dollars(b - a)));
    }
    s.push('\n');
    if let Some(n) = x.next_decile_at {
        let now = x.now.value;
        if m.category == Category::Cost {
            s.push_str(&format!(
                "  the next decile starts at {} ({} lower, {:.1}%)\n",
                value_text(m, n),
                signed_dollars(now - n).trim_start_matches('+'),
                (now - n) / now.max(1e-9) * 100.0
            ));
        } else {
            s.push_str(&format!(
                "  the next decile starts at {}\n",
                value_text(m, n)
            ));
        }
    }
    s
}

#[derive(Serialize)]
struct Answer<'a> {
    target: &'a ResolvedTarget,
    need: MeasureNeed,
    at: Option<MeasurePoint>,
}

#[derive(Serialize)]
struct SolveJson<'a> {
    file: &'a str,
    measure: &'a MeasureRef,
    now_value: f64,
    now: StateJson,
    answers: &'a [Answer<'a>],
}

pub fn solve(
    file: &Path,
    id: &str,
    collection_type: Option<&str>,
    targets: &[Target],
    format: Format,
    args: &WhatIfArgs,
    rules: &RuleSet,
) -> color_eyre::Result<ExitCode> {
    let Some(p) = prepare(file, args, rules) else {
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    };
    let Some(m) = locate(&p, id, collection_type) else {
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    };
    let Some(resolved) = resolved_targets(p.rules, targets) else {
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    };
    let answers: Vec<Answer> = resolved
        .iter()
        .map(|t| {
            let (need, at) = measure_needed(&p.scenario, p.rules, &m, t);
            Answer {
                target: t,
                need,
                at,
            }
        })
        .collect();
    let v = value_of(&p.scenario, &m);
    let now = score_numbers(&p.scenario, p.rules);
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(
                &mut out,
                &SolveJson {
                    file: &p.file,
                    measure: &m,
                    now_value: v,
                    now: StateJson::of(&now),
                    answers: &answers,
                },
            )?;
            writeln!(out)?;
        }
        Format::Text => {
            let unc = adjustment_range_for(&now, p.rules, &p.max_range);
            let mut o = heading(&p, &now, &unc);
            o.push_str(&format!(
                "\n{} {} ({}) is {} now; what it needs, alone, with everything else held (to 0.01):\n",
                m.category.label(),
                m.id,
                m.collection_type.label(),
                value_text(&m, v)
            ));
            for a in &answers {
                let line = match a.need {
                    MeasureNeed::AlreadyReached => "reached already".to_string(),
                    MeasureNeed::Needs { value } => {
                        let change = if m.category == Category::Cost {
                            format!(
                                "{} lower, {:.1}%",
                                signed_dollars(v - value).trim_start_matches('+'),
                                (v - value) / v.max(1e-9) * 100.0
                            )
                        } else {
                            format!("{:+} points", number(value - v))
                        };
                        format!(
                            "{} ({change}) → {}",
                            value_text(&m, value),
                            a.at.map(|x| outcome_text(&x)).unwrap_or_default()
                        )
                    }
                    MeasureNeed::NotReachable {
                        final_score_at_best,
                    } => format!(
                        "not reachable with this measure alone (final score {} at its best)",
                        two_decimals(final_score_at_best)
                    ),
                };
                o.push_str(&format!("  {:<60} {line}\n", a.target.name));
            }
            o.push('\n');
            o.push_str(&uncertainty_text(&unc, &p.max_range));
            out.write_all(o.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
