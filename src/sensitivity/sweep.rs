//! One category's score swept over a range, everything else held.

use std::fmt;

use serde::Serialize;

use super::{Lever, Now, Point, Probe, lever_in};
use crate::engine::{Band, band_ranges, score_numbers};
use crate::format::number;
use crate::rules::{Category, YearRules};
use crate::scenario::Scenario;

/// Most points one sweep returns (0 to 100 by 0.01, plus the end point).
pub const MAX_SWEEP_POINTS: usize = 10_002;

/// The smallest step accepted: category scores are compared on a 0.01 grid.
const MIN_STEP: f64 = 0.01;

/// Scores from `from` to `to` (both included) by `step`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SweepSpan {
    pub from: f64,
    pub to: f64,
    pub step: f64,
}

impl Default for SweepSpan {
    /// 0 to 100 by 1.
    fn default() -> Self {
        SweepSpan {
            from: 0.0,
            to: 100.0,
            step: 1.0,
        }
    }
}

/// A sweep span that cannot be used, naming the offending option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SweepSpanError {
    /// `from`, `to` or `step`.
    pub option: &'static str,
    pub message: String,
    pub allowed: String,
}

impl fmt::Display for SweepSpanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (allowed: {})",
            self.option, self.message, self.allowed
        )
    }
}

impl std::error::Error for SweepSpanError {}

impl SweepSpan {
    /// Every problem-free range passes; the first problem otherwise.
    pub fn check(&self) -> Result<(), SweepSpanError> {
        let err = |option, message: String, allowed: &str| SweepSpanError {
            option,
            message,
            allowed: allowed.to_string(),
        };
        for (option, v) in [("from", self.from), ("to", self.to)] {
            if !(v.is_finite() && (0.0..=100.0).contains(&v)) {
                return Err(err(
                    option,
                    format!("{} is not a category score", number(v)),
                    "0 to 100",
                ));
            }
        }
        if self.from > self.to {
            return Err(err(
                "from",
                format!(
                    "{} is above the end of the range, {}",
                    number(self.from),
                    number(self.to)
                ),
                "from ≤ to",
            ));
        }
        if !self.step.is_finite() || self.step <= 0.0 {
            return Err(err(
                "step",
                format!("{} is not a positive step", number(self.step)),
                "0.01 to 100",
            ));
        }
        if !(MIN_STEP - 1e-12..=100.0).contains(&self.step) {
            return Err(err(
                "step",
                format!("{} is out of range", number(self.step)),
                "0.01 to 100",
            ));
        }
        Ok(())
    }

    /// The scores of the sweep: `from`, `from + step`, …, and `to` itself. Empty when the
    /// range does not pass [`SweepSpan::check`].
    pub fn scores(&self) -> Vec<f64> {
        if self.check().is_err() {
            return Vec::new();
        }
        let n = ((self.to - self.from) / self.step + 1e-9).floor() as usize;
        let mut v: Vec<f64> = (0..=n.min(MAX_SWEEP_POINTS - 2))
            .map(|i| clean(self.from + i as f64 * self.step).min(self.to))
            .collect();
        if v.last().is_some_and(|&last| self.to - last > 1e-9) {
            v.push(self.to);
        }
        v
    }
}

/// Remove floating noise (0.30000000000000004) without touching real decimals.
fn clean(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// One row of a sweep.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SweepPoint {
    #[serde(flatten)]
    pub point: Point,
    /// The band differs from the previous row's.
    pub band_change: bool,
}

/// Where a band begins along a category's 0–100 range: the lowest score (to 0.01) at which the
/// final score is in this band or a higher one.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BandEdge {
    pub band: Band,
    pub score: f64,
    /// The outcome at that score.
    pub at: Point,
}

/// A sweep of one category.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sweep {
    pub category: Category,
    pub performance_year: u16,
    pub payment_year: u16,
    /// The scores swept (`range` in JSON).
    #[serde(rename = "range")]
    pub span: SweepSpan,
    /// What the category's score does here (flat, or not scored now and swept as scored).
    pub lever: Lever,
    /// The scenario as it stands.
    pub now: Now,
    pub part_b_allowed_charges: Option<f64>,
    pub points: Vec<SweepPoint>,
    /// Where each band begins along the whole 0–100 range (to 0.01), for the bands the
    /// category alone moves the final score into.
    pub band_edges: Vec<BandEdge>,
}

/// Sweep `c` over `span`, everything else held. A category not scored now is swept as scored
/// (see [`Lever::scored_for_analysis`]); one the rules ignore gives a flat line with
/// [`Lever::flat`] saying why.
pub fn sweep(
    s: &Scenario,
    rules: &YearRules,
    c: Category,
    span: &SweepSpan,
) -> Result<Sweep, SweepSpanError> {
    span.check()?;
    let now_result = score_numbers(s, rules);
    let mut probe = Probe::new(s, rules, c);
    let lever = lever_in(&mut probe, s, rules, c, &now_result);
    let scores = span.scores();
    let mut points: Vec<SweepPoint> = Vec::with_capacity(scores.len());
    let mut prev: Option<Band> = None;
    for v in scores {
        let r = probe.at(v);
        let point = Point::of(v, &r);
        points.push(SweepPoint {
            point,
            band_change: prev.is_some_and(|b| b != point.band),
        });
        prev = Some(point.band);
    }
    let band_edges = if lever.is_flat() {
        Vec::new()
    } else {
        edges_with(&mut probe, rules)
    };
    Ok(Sweep {
        category: c,
        performance_year: rules.performance_year,
        payment_year: rules.payment_year,
        span: *span,
        now: Now::of(lever.current, &now_result),
        lever,
        part_b_allowed_charges: now_result.part_b_allowed_charges,
        points,
        band_edges,
    })
}

/// Where each band begins as `c` runs from 0 to 100 (to 0.01), everything else held: the
/// kinks of the adjustment (PT/4, PT, the exceptional threshold) in category-score terms.
pub fn band_edges(s: &Scenario, rules: &YearRules, c: Category) -> Vec<BandEdge> {
    let mut probe = Probe::new(s, rules, c);
    edges_with(&mut probe, rules)
}

fn edges_with(probe: &mut Probe, rules: &YearRules) -> Vec<BandEdge> {
    let mut edges = Vec::new();
    for (band, low, _) in band_ranges(rules).into_iter().skip(1) {
        if let Some((score, r)) = probe.lowest_aimed(|r| r.band >= band, Some(low))
            && score > 0.0
        {
            edges.push(BandEdge {
                band,
                score,
                at: Point::of(score, &r),
            });
        }
    }
    edges
}
