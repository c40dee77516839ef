//! "How much does it matter?": what a category score is worth and what it takes to reach a
//! target.
//!
//! - [`sweep`]: the final score, band, adjustment and dollars as one category's score runs over
//!   a range with everything else held;
//! - [`marginal_values`]: what +1 point in each category is worth now, with the kinks in words;
//! - [`points_needed`] / [`all_points_needed`]: the lowest score (to 0.01) that reaches a
//!   target, found by binary search on the 0.01 grid (the final score never falls when one
//!   category's score rises, with the set of scored categories fixed);
//! - [`adjustment_range`]: the positive adjustment across a band of maxima at 100, while the
//!   scaling factor is unknown.
//!
//! Pure: no I/O, no terminal. Every number comes from the engine's numbers-only scoring
//! ([`score_numbers`]); nothing here re-implements a scoring rule.

mod lever;
mod marginal;
pub mod measure;
mod solve;
mod sweep;
mod uncertainty;

use serde::Serialize;

pub(crate) use lever::lever_in;
pub use lever::{Flat, FlatKind, Lever, lever};

pub use marginal::{
    Marginal, MarginalKind, add_ranges as add_marginal_ranges, marginal_value, marginal_values,
};
pub use solve::add_ranges as add_points_needed_ranges;
pub use solve::{
    Need, PointsNeeded, ResolvedTarget, Target, TargetError, all_points_needed, points_needed,
    points_needed_for, resolve_target,
};
pub use sweep::{
    BandEdge, MAX_SWEEP_POINTS, Sweep, SweepPoint, SweepSpan, SweepSpanError, band_edges, sweep,
};
pub use uncertainty::{
    AdjustmentUncertainty, MaxRange, PublishedMaximum, RangeKind, UNCERTAINTY_TOML,
    adjustment_range, adjustment_range_for, dollars_or_range, percent_or_range,
};

use crate::engine::{Band, ScoreResult, published_score, score_numbers};
use crate::rules::{Category, YearRules};
use crate::scenario::Scenario;

/// The outcome of one evaluation, as sweeps and goal seeking report it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Point {
    /// The category score this point was computed at (percent).
    pub score: f64,
    /// The final score, unrounded.
    pub final_score: f64,
    /// The final score as CMS publishes it (two decimals).
    pub final_score_published: f64,
    pub band: Band,
    /// Total payment adjustment, percent (base + exceptional bonus).
    pub adjustment_percent: f64,
    /// The exceptional bonus part (PY2017–2022), percent.
    pub exceptional_bonus_percent: f64,
    /// Dollars in the payment year, when Part B allowed charges are set.
    pub dollars: Option<f64>,
}

impl Point {
    /// The point of an engine result, at category score `score`.
    pub fn of(score: f64, r: &ScoreResult) -> Point {
        Point {
            score,
            final_score: r.final_score,
            final_score_published: published_score(r.final_score),
            band: r.band,
            adjustment_percent: r.payment_adjustment_percent,
            exceptional_bonus_percent: r.exceptional_bonus_percent,
            dollars: r.dollar_impact,
        }
    }
}

/// The scenario as it stands, seen from one category.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Now {
    /// The category's score (None: not scored).
    pub score: Option<f64>,
    pub final_score: f64,
    pub final_score_published: f64,
    pub band: Band,
    pub adjustment_percent: f64,
    pub exceptional_bonus_percent: f64,
    pub dollars: Option<f64>,
}

impl Now {
    pub fn of(score: Option<f64>, r: &ScoreResult) -> Now {
        let p = Point::of(0.0, r);
        Now {
            score,
            final_score: p.final_score,
            final_score_published: p.final_score_published,
            band: p.band,
            adjustment_percent: p.adjustment_percent,
            exceptional_bonus_percent: p.exceptional_bonus_percent,
            dollars: p.dollars,
        }
    }
}

/// Dollars for an adjustment in percent, given the Part B allowed charges.
pub fn dollars_for(charges: Option<f64>, percent: f64) -> Option<f64> {
    charges.map(|d| d * percent / 100.0)
}

/// A category score as the engine reads it: clamped to 0–100, anything not finite as 0.
pub(crate) fn sanitize(v: f64) -> f64 {
    if v.is_finite() {
        v.clamp(0.0, 100.0)
    } else {
        0.0
    }
}

/// Scores one scenario many times with one category's score changed: one clone, reused.
/// The results at 0 and at 100 are kept (the lever, each target's search and the kinks all
/// start from them), and every result when the probe scores into [`KeptResults`]: the engine
/// is pure, so a kept result is the one it would give again.
pub(crate) struct Probe<'a> {
    scenario: Scenario,
    rules: &'a YearRules,
    category: Category,
    /// The results at 0 and at 100, once scored.
    ends: [Option<ScoreResult>; 2],
    /// Every result, by the score's bits, when kept for a caller.
    kept: Option<&'a mut KeptResults>,
}

/// The engine's results for one category's scores, kept by a caller between calls while the
/// scenario with that category's own score left out stays the same (the caller's to check:
/// see [`overview_kept`]).
#[derive(Clone, Debug, Default)]
pub struct KeptResults {
    results: Vec<(u64, ScoreResult)>,
    /// Each target's lowest score found on these results ([`Probe::lowest_for`]).
    lowest: Vec<(ResolvedTarget, Option<(f64, ScoreResult)>)>,
}

/// Most results kept (a few searches' worth).
const MAX_KEPT_RESULTS: usize = 256;

/// Most targets' answers kept.
const MAX_KEPT_LOWEST: usize = 64;

impl KeptResults {
    /// How many results are kept.
    pub fn len(&self) -> usize {
        self.results.len()
    }

    pub fn is_empty(&self) -> bool {
        self.results.is_empty()
    }
}

impl<'a> Probe<'a> {
    pub(crate) fn new(scenario: &Scenario, rules: &'a YearRules, category: Category) -> Self {
        Probe {
            scenario: scenario.clone(),
            rules,
            category,
            ends: [None, None],
            kept: None,
        }
    }

    /// A probe that looks its results up in `kept` first and keeps every new one there.
    pub(crate) fn keeping(
        scenario: &Scenario,
        rules: &'a YearRules,
        category: Category,
        kept: &'a mut KeptResults,
    ) -> Self {
        Probe {
            kept: Some(kept),
            ..Probe::new(scenario, rules, category)
        }
    }

    /// The engine's numbers with the category scored at `v`.
    pub(crate) fn at(&mut self, v: f64) -> ScoreResult {
        let bits = v.to_bits();
        if let Some(kept) = &mut self.kept {
            if let Some((_, r)) = kept.results.iter().find(|(b, _)| *b == bits) {
                return r.clone();
            }
            self.scenario.scores.set(self.category, Some(v));
            let r = score_numbers(&self.scenario, self.rules);
            if kept.results.len() >= MAX_KEPT_RESULTS {
                kept.results.clear();
                kept.lowest.clear();
            }
            kept.results.push((bits, r.clone()));
            return r;
        }
        let end = if bits == 0f64.to_bits() {
            Some(0)
        } else if bits == 100f64.to_bits() {
            Some(1)
        } else {
            None
        };
        if let Some(i) = end
            && let Some(r) = &self.ends[i]
        {
            return r.clone();
        }
        self.scenario.scores.set(self.category, Some(v));
        let r = score_numbers(&self.scenario, self.rules);
        if let Some(i) = end {
            self.ends[i] = Some(r.clone());
        }
        r
    }

    /// The lowest grid score that reaches `t` ([`Probe::lowest_aimed`] aimed at its final
    /// score), taken from the kept results when it was found on them before.
    pub(crate) fn lowest_for(&mut self, t: &ResolvedTarget) -> Option<(f64, ScoreResult)> {
        if let Some(kept) = &self.kept
            && let Some((_, found)) = kept.lowest.iter().find(|(k, _)| k == t)
        {
            return found.clone();
        }
        let found = self.lowest_aimed(|r| t.is_reached(r), Some(t.final_score));
        if let Some(kept) = &mut self.kept {
            if kept.lowest.len() >= MAX_KEPT_LOWEST {
                kept.lowest.clear();
            }
            kept.lowest.push((t.clone(), found.clone()));
        }
        found
    }

    /// The engine's numbers with the category at grid step `k` (score `k / 100`).
    pub(crate) fn at_step(&mut self, k: u32) -> ScoreResult {
        self.at(grid_score(k))
    }

    /// The lowest grid score (0.00, 0.01, …, 100.00) whose result satisfies `reached`, with
    /// that result; `None` when even 100 does not. `reached` must never turn false as the
    /// score rises, which holds for every target here because the final score is monotone in
    /// one category's score (the set of scored categories being fixed).
    pub(crate) fn lowest(
        &mut self,
        reached: impl Fn(&ScoreResult) -> bool,
    ) -> Option<(f64, ScoreResult)> {
        self.lowest_aimed(reached, None)
    }

    /// [`Probe::lowest`], starting where the final score crosses `aim` if it ran straight
    /// from its value at 0 to its value at 100 (it mostly does: the final score is a weighted
    /// sum): a guess checked with its neighbour answers at once, a wrong one only narrows the
    /// search. The answer is the same (the one grid score reached whose lower neighbour is not).
    pub(crate) fn lowest_aimed(
        &mut self,
        reached: impl Fn(&ScoreResult) -> bool,
        aim: Option<f64>,
    ) -> Option<(f64, ScoreResult)> {
        let top = self.at_step(GRID_STEPS);
        if !reached(&top) {
            return None;
        }
        let bottom = self.at_step(0);
        if reached(&bottom) {
            return Some((0.0, bottom));
        }
        // Invariant: not reached at `lo`, reached at `hi`.
        let (f0, f100) = (bottom.final_score, top.final_score);
        let (mut lo, mut hi, mut hi_result) = (0u32, GRID_STEPS, top);
        if let Some(aim) = aim
            && f100 > f0
        {
            // A final score reaches `aim` once it is published (to 0.01) as `aim`.
            let guess = ((aim - 0.005 - f0) / (f100 - f0) * f64::from(GRID_STEPS)).ceil();
            if guess.is_finite() {
                let k = (guess.max(1.0) as u32).clamp(1, GRID_STEPS - 1);
                let r = self.at_step(k);
                // From the guess, steps of 1, 2, 4, … until the answer flips: the bracket
                // left is as small as the guess was wrong.
                let mut step = 1;
                if reached(&r) {
                    (hi, hi_result) = (k, r);
                    while hi - lo > 1 {
                        let j = hi.saturating_sub(step).max(lo + 1);
                        let r = self.at_step(j);
                        if reached(&r) {
                            (hi, hi_result) = (j, r);
                            step *= 2;
                        } else {
                            lo = j;
                            break;
                        }
                    }
                } else {
                    lo = k;
                    while hi - lo > 1 {
                        let j = (lo + step).min(hi - 1);
                        let r = self.at_step(j);
                        if reached(&r) {
                            (hi, hi_result) = (j, r);
                            break;
                        }
                        lo = j;
                        step *= 2;
                    }
                }
            }
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            let r = self.at_step(mid);
            if reached(&r) {
                hi = mid;
                hi_result = r;
            } else {
                lo = mid;
            }
        }
        Some((grid_score(hi), hi_result))
    }
}

/// Steps of 0.01 from 0 to 100: goal seeking answers on this grid.
pub const GRID_STEPS: u32 = 10_000;

/// The category score at grid step `k` (steps of 0.01).
pub(crate) fn grid_score(k: u32) -> f64 {
    f64::from(k) / 100.0
}

/// Everything the explorer shows beside a scenario, in one call: the marginal value of each
/// category, the points needed for every category × target, and the uncertainty range.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Overview {
    pub marginal: Vec<Marginal>,
    /// Category by category (CMS's order), targets varying fastest.
    pub points_needed: Vec<PointsNeeded>,
    pub uncertainty: AdjustmentUncertainty,
}

/// [`marginal_values`], [`all_points_needed`] and [`adjustment_range`] together.
pub fn overview(
    s: &Scenario,
    rules: &YearRules,
    targets: &[Target],
    band: &MaxRange,
) -> Result<Overview, TargetError> {
    overview_with(s, rules, targets, band, &score_numbers(s, rules))
}

/// [`overview`], given the engine's numbers for the scenario as it stands: each category's
/// lever, scored at 0 and 100 once, serves its marginal value and every target's search.
pub fn overview_with(
    s: &Scenario,
    rules: &YearRules,
    targets: &[Target],
    band: &MaxRange,
    now: &ScoreResult,
) -> Result<Overview, TargetError> {
    overview_kept(s, rules, targets, band, now, None)
}

/// [`overview_with`], with the results for one category's scores kept in `kept` between calls
/// (the caller clears them when the scenario with that category's own score left out
/// changes): the answers are the same, with that category scored only where it was not
/// before.
pub fn overview_kept(
    s: &Scenario,
    rules: &YearRules,
    targets: &[Target],
    band: &MaxRange,
    now: &ScoreResult,
    mut kept: Option<(Category, &mut KeptResults)>,
) -> Result<Overview, TargetError> {
    let resolved = targets
        .iter()
        .map(|&t| resolve_target(rules, t))
        .collect::<Result<Vec<_>, _>>()?;
    let uncertainty = adjustment_range_for(now, rules, band);
    let mut marginal = Vec::with_capacity(Category::ALL.len());
    let mut points_needed = Vec::with_capacity(resolved.len() * Category::ALL.len());
    for c in Category::ALL {
        let mut probe = match &mut kept {
            Some((k, results)) if *k == c => Probe::keeping(s, rules, c, results),
            _ => Probe::new(s, rules, c),
        };
        let lever = lever::lever_in(&mut probe, s, rules, c, now);
        marginal.push(marginal::marginal_in(&mut probe, &lever, rules, now));
        for t in &resolved {
            points_needed.push(solve::solve(&lever, now, &mut probe, t));
        }
    }
    marginal::add_ranges(&mut marginal, rules, now, &uncertainty);
    solve::add_ranges(
        &mut points_needed,
        rules,
        &uncertainty,
        now.part_b_allowed_charges,
    );
    Ok(Overview {
        marginal,
        points_needed,
        uncertainty,
    })
}
