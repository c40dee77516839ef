//! What `sweep` and `solve` share: the category argument, the dollar and uncertainty options,
//! and loading a scenario with them applied.

use std::path::Path;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::report;
use crate::engine::{Band, ScoreResult, published_score};
use crate::format::{dollars, number, one_line, percent, signed, signed_dollars, two_decimals};
use crate::rules::{Category, RuleSet, YearRules};
use crate::scenario::{MAX_PART_B_CHARGES, Scenario};
use crate::sensitivity::{AdjustmentUncertainty, Marginal, MarginalKind, MaxRange, RangeKind};

/// One category on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CategoryArg {
    Quality,
    Cost,
    #[value(
        name = "improvement_activities",
        alias = "ia",
        alias = "improvement-activities"
    )]
    ImprovementActivities,
    #[value(
        name = "promoting_interoperability",
        alias = "pi",
        alias = "promoting-interoperability"
    )]
    PromotingInteroperability,
}

impl CategoryArg {
    pub fn category(self) -> Category {
        match self {
            CategoryArg::Quality => Category::Quality,
            CategoryArg::Cost => Category::Cost,
            CategoryArg::ImprovementActivities => Category::ImprovementActivities,
            CategoryArg::PromotingInteroperability => Category::PromotingInteroperability,
        }
    }
}

/// One category, or all four.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CategoryChoice {
    All,
    Quality,
    Cost,
    #[value(
        name = "improvement_activities",
        alias = "ia",
        alias = "improvement-activities"
    )]
    ImprovementActivities,
    #[value(
        name = "promoting_interoperability",
        alias = "pi",
        alias = "promoting-interoperability"
    )]
    PromotingInteroperability,
}

impl CategoryChoice {
    pub fn categories(self) -> Vec<Category> {
        match self {
            CategoryChoice::All => Category::ALL.to_vec(),
            CategoryChoice::Quality => vec![Category::Quality],
            CategoryChoice::Cost => vec![Category::Cost],
            CategoryChoice::ImprovementActivities => vec![Category::ImprovementActivities],
            CategoryChoice::PromotingInteroperability => {
                vec![Category::PromotingInteroperability]
            }
        }
    }
}

/// Dollar and uncertainty options shared by `sweep` and `solve`.
#[derive(Args, Debug, Clone, Default)]
pub struct WhatIfArgs {
    /// Part B allowed charges in dollars, for the dollar figures (default: the scenario's)
    #[arg(long, value_name = "DOLLARS", allow_negative_numbers = true)]
    pub part_b_charges: Option<f64>,
    /// Low end of the band of positive maxima at a final score of 100, in percent (default 1.05,
    /// the lowest published maximum of recent years)
    #[arg(long, value_name = "PERCENT", allow_negative_numbers = true)]
    pub max_low: Option<f64>,
    /// High end of that band, in percent (default 2.34, the highest)
    #[arg(long, value_name = "PERCENT", allow_negative_numbers = true)]
    pub max_high: Option<f64>,
}

/// A scenario ready for analysis: loaded, checked, with the options applied.
pub struct Prepared<'a> {
    pub file: String,
    pub scenario: Scenario,
    pub rules: &'a YearRules,
    pub max_range: MaxRange,
}

/// The `--target` values resolved against the year (the standard targets when none is given);
/// `None` after printing why one is not a target for the year.
pub fn resolved_targets(
    rules: &crate::rules::YearRules,
    targets: &[crate::sensitivity::Target],
) -> Option<Vec<crate::sensitivity::ResolvedTarget>> {
    use crate::sensitivity::{Target, resolve_target};
    let targets = if targets.is_empty() {
        Target::STANDARD.as_slice()
    } else {
        targets
    };
    let mut resolved = Vec::with_capacity(targets.len());
    for t in targets {
        match resolve_target(rules, *t) {
            Ok(r) => resolved.push(r),
            Err(e) => {
                eprintln!(
                    "error: --target {}: {}\n  = allowed: {}",
                    e.input, e.message, e.allowed
                );
                return None;
            }
        }
    }
    Some(resolved)
}

/// Load the scenario and apply the options; on bad input, print the message and return
/// `None` (the caller exits with code 2).
pub fn prepare<'a>(path: &Path, args: &WhatIfArgs, rules: &'a RuleSet) -> Option<Prepared<'a>> {
    let mut scenario = match Scenario::load(path, rules) {
        Ok(s) => s,
        Err(d) => {
            report(&d);
            return None;
        }
    };
    let Some(year) = rules.year(scenario.performance_year) else {
        eprintln!(
            "error: {}: performance_year: {} is not a supported performance year\n  = allowed: {}",
            path.display(),
            scenario.performance_year,
            rules.years_text()
        );
        return None;
    };
    if let Some(d) = args.part_b_charges {
        if !(d.is_finite() && (0.0..=MAX_PART_B_CHARGES).contains(&d)) {
            eprintln!(
                "error: --part-b-charges {}: out of range\n  = allowed: dollars from 0 to 10,000,000,000",
                number(d)
            );
            return None;
        }
        scenario.practice.part_b_allowed_charges = Some(d);
    }
    let base = match MaxRange::embedded() {
        Ok(r) => r,
        Err(d) => {
            report(&d);
            return None;
        }
    };
    let max_range = match base.with_bounds(args.max_low, args.max_high) {
        Ok(r) => r,
        Err(m) => {
            eprintln!(
                "error: --max-low/--max-high: {m}\n  = allowed: 0 ≤ low ≤ high ≤ {} (percent at a final score of 100; the scaling factor is at most 3)",
                number(year.max_positive_limit())
            );
            return None;
        }
    };
    let hi = year.max_positive_limit();
    if max_range.high > hi {
        eprintln!(
            "error: --max-high {}: out of range for PY{}\n  = allowed: 0 to {} (percent at a final score of 100; the scaling factor is at most 3)",
            number(max_range.high),
            year.performance_year,
            number(hi)
        );
        return None;
    }
    Some(Prepared {
        file: path.display().to_string(),
        scenario,
        rules: year,
        max_range,
    })
}

/// The scenario as it stands, for JSON.
#[derive(Serialize)]
pub struct StateJson {
    pub final_score: f64,
    pub final_score_published: f64,
    pub band: Band,
    pub band_label: &'static str,
    pub payment_adjustment_percent: f64,
    pub part_b_allowed_charges: Option<f64>,
    pub dollar_impact: Option<f64>,
}

impl StateJson {
    pub fn of(r: &ScoreResult) -> StateJson {
        StateJson {
            final_score: r.final_score,
            final_score_published: published_score(r.final_score),
            band: r.band,
            band_label: r.band.label(),
            payment_adjustment_percent: r.payment_adjustment_percent,
            part_b_allowed_charges: r.part_b_allowed_charges,
            dollar_impact: r.dollar_impact,
        }
    }
}

/// "Small rural group  (file)" and the year line; where the year's maximum is not published,
/// the adjustment is given as the range first.
pub fn heading(p: &Prepared, r: &ScoreResult, u: &AdjustmentUncertainty) -> String {
    let title = one_line(p.scenario.name.as_deref().unwrap_or("Scenario"));
    let mut o = format!("{title}  ({})\n", one_line(&p.file));
    o.push_str(&format!(
        "PY{} → payment year {} · {} · now: final score {}, {}, ",
        r.performance_year,
        r.payment_year,
        r.scoring,
        two_decimals(r.final_score),
        r.band.label(),
    ));
    let money = |d: Option<f64>| d.map(signed_dollars);
    if u.primary && u.kind == RangeKind::Positive {
        o.push_str(&format!(
            "{} to {}",
            percent(u.low_percent),
            percent(u.high_percent)
        ));
        if let (Some(lo), Some(hi)) = (money(u.low_dollars), money(u.high_dollars)) {
            o.push_str(&format!(" ({lo} to {hi})"));
        }
        o.push_str(&format!(
            " — maximum not yet published; {} assumes {}% at 100",
            percent(u.point_percent),
            number(u.max_point)
        ));
    } else {
        o.push_str(&percent(r.payment_adjustment_percent));
        if let Some(d) = money(r.dollar_impact) {
            o.push_str(&format!(" ({d})"));
        }
    }
    if let Some(c) = r.part_b_allowed_charges {
        o.push_str(&format!(" · Part B allowed charges {}", dollars(c)));
    }
    o.push('\n');
    o
}

/// The marginal values as text lines.
pub fn marginal_text(ms: &[Marginal]) -> String {
    let mut o = String::from("What one more point is worth now (everything else held):\n");
    for m in ms {
        let label = m.category.label();
        match m.kind {
            MarginalKind::Scored => {
                let money = match (m.dollars_range, m.dollars) {
                    (Some((l, h)), _) => {
                        format!("  {} to {}", signed_dollars(l), signed_dollars(h))
                    }
                    (None, Some(d)) => format!("  {:>10}", signed_dollars(d)),
                    (None, None) => String::new(),
                };
                let pp = match m.adjustment_points_range {
                    Some((l, h)) => format!("{} to {}", signed(l, 3), signed(h, 3)),
                    None => signed(m.adjustment_points, 3),
                };
                let step = if m.step < 1.0 {
                    format!(" (+{} to 100)", number(m.step))
                } else {
                    String::new()
                };
                o.push_str(&format!(
                    "  {:<28}{:>7} final-score points  {:>8} pp{money}{step}\n",
                    label,
                    signed(m.final_score_points, 2),
                    pp,
                ));
            }
            MarginalKind::Flat => o.push_str(&format!("  {label:<28}flat\n")),
            MarginalKind::NotScored => o.push_str(&format!("  {label:<28}not scored\n")),
            MarginalKind::AtMaximum => o.push_str(&format!("  {label:<28}at 100\n")),
        }
        for n in &m.notes {
            o.push_str(&format!("  {:<28}  · {n}\n", ""));
        }
    }
    o
}

/// The uncertainty range as text lines.
pub fn uncertainty_text(u: &AdjustmentUncertainty, range: &MaxRange) -> String {
    if !u.shows_range() {
        return format!("Uncertainty of the adjustment now:\n  {}\n", u.statement);
    }
    let mut o = format!(
        "Uncertainty of the adjustment now ({}positive maxima at 100 from {}% to {}%):\n  {}\n",
        if u.hypothetical { "hypothetical, " } else { "" },
        number(range.low),
        number(range.high),
        u.statement
    );
    o.push_str(&format!(
        "  Band of maxima: {} — {}.\n",
        range.confidence, range.source
    ));
    o
}
