//! `mips-whatif solve FILE [--category C|all] [--target neutral|positive|89|SCORE]... [--format text|json]`

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::whatif::{
    CategoryChoice, StateJson, WhatIfArgs, heading, prepare, resolved_targets, uncertainty_text,
};
use super::{EXIT_BAD_INPUT, Format};
use crate::engine::score_numbers;
use crate::rules::RuleSet;
use crate::sensitivity::{
    AdjustmentUncertainty, MaxRange, PointsNeeded, ResolvedTarget, Target, adjustment_range_for,
    points_needed_for,
};

#[derive(Serialize)]
struct SolveJson<'a> {
    file: &'a str,
    performance_year: u16,
    payment_year: u16,
    now: StateJson,
    targets: &'a [ResolvedTarget],
    points_needed: &'a [PointsNeeded],
    uncertainty: &'a AdjustmentUncertainty,
    max_range: &'a MaxRange,
}

/// clap value parser for `--target`.
pub fn parse_target(s: &str) -> Result<Target, String> {
    s.parse::<Target>().map_err(|e| e.to_string())
}

pub fn run(
    file: &Path,
    category: CategoryChoice,
    targets: &[Target],
    format: Format,
    args: &WhatIfArgs,
    rules: &RuleSet,
) -> color_eyre::Result<ExitCode> {
    let Some(p) = prepare(file, args, rules) else {
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    };
    let Some(resolved) = resolved_targets(p.rules, targets) else {
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    };
    let categories = category.categories();
    let now = score_numbers(&p.scenario, p.rules);
    // Target by target, so the text groups by target.
    let mut answers: Vec<PointsNeeded> = Vec::with_capacity(resolved.len() * categories.len());
    for t in &resolved {
        for &c in &categories {
            answers.push(points_needed_for(&p.scenario, p.rules, c, t));
        }
    }
    let unc = adjustment_range_for(&now, p.rules, &p.max_range);
    crate::sensitivity::add_points_needed_ranges(
        &mut answers,
        p.rules,
        &unc,
        now.part_b_allowed_charges,
    );

    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            let j = SolveJson {
                file: &p.file,
                performance_year: p.rules.performance_year,
                payment_year: p.rules.payment_year,
                now: StateJson::of(&now),
                targets: &resolved,
                points_needed: &answers,
                uncertainty: &unc,
                max_range: &p.max_range,
            };
            serde_json::to_writer_pretty(&mut out, &j)?;
            writeln!(out)?;
        }
        Format::Text => {
            let mut o = heading(&p, &now, &unc);
            o.push_str(
                "\nPoints needed, one category at a time with everything else held (lowest score to 0.01):\n",
            );
            for (i, t) in resolved.iter().enumerate() {
                o.push_str(&format!("\nTarget: {}\n", t.name));
                if let Some(n) = &t.note {
                    o.push_str(&format!("  ({n})\n"));
                }
                let start = i * categories.len();
                for a in &answers[start..start + categories.len()] {
                    o.push_str(&format!("  {:<28}{}\n", a.category.label(), a.summary));
                }
            }
            o.push('\n');
            o.push_str(&uncertainty_text(&unc, &p.max_range));
            out.write_all(o.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
