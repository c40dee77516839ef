//! The national band chart's data, worked out when the scenario changes: the comparison
//! group, the band shares shown, each band's scores and adjustments, and the bar highlighted.

use super::{Baseline, Computed};
use crate::engine::{Band, adjustment_for, band_ranges, score};
use crate::national::{BandShares, Group, National, ReportingStatus};
use crate::rules::{RuleSet, YearRules};
use crate::scenario::{Scenario, check};

/// The national comparison group the chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartGroup {
    pub group: Group,
    pub reporting: ReportingStatus,
}

/// What the band chart draws, worked out when the scenario changes.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartData {
    /// The national band shares shown (the nearest published year for the group).
    pub shares: Option<BandShares>,
    /// The current year's bands: (band, low score, high score).
    pub ranges: Vec<(Band, f64, f64)>,
    /// The adjustment at each end of each band, percent: (band, at low, at high).
    pub adjustments: Vec<(Band, f64, f64)>,
    /// Score-axis edges: PT/4, PT, and 89 (or the exceptional threshold).
    pub edges: Vec<f64>,
    /// The bar the clinician lands in (a band of the data shown).
    pub highlighted: Option<Band>,
    /// The bar the baseline lands in.
    pub baseline_bar: Option<Band>,
    /// The one band-chart model (shared with the reports): its highlight and notes.
    pub model: Option<crate::national::chart::BandChart>,
}

/// The chart's starting comparison group: the practice's own kind.
pub fn default_group(s: &Scenario) -> Group {
    crate::national::chart::group_for(&s.practice).0
}

/// The engine result and the chart's data for a scenario.
pub(super) fn compute(
    scenario: &Scenario,
    year: &YearRules,
    rules: &RuleSet,
    national: &National,
    group: ChartGroup,
    baseline: Option<&Baseline>,
    max_range: &crate::sensitivity::MaxRange,
) -> Computed {
    let result = score(scenario, year);
    let problems = check(scenario, rules);
    let shares = national
        .nearest_shares(scenario.performance_year, group.group, group.reporting)
        .cloned();
    let ranges = band_ranges(year);
    let max_positive = result.max_positive_adjustment;
    let exceptional_max = result.exceptional_bonus_max.unwrap_or(0.0);
    let adjustments = ranges
        .iter()
        .map(|&(b, lo, hi)| {
            (
                b,
                adjustment_for(year, lo, max_positive, exceptional_max).total(),
                adjustment_for(year, hi, max_positive, exceptional_max).total(),
            )
        })
        .collect();
    let pt = year.pt();
    let split = year
        .exceptional_bonus
        .as_ref()
        .map_or(crate::engine::POSITIVE_SPLIT_SCORE, |e| e.threshold.value);
    let mut edges = vec![pt / 4.0, pt];
    if split > pt && split < 100.0 {
        edges.push(split);
    }
    // The highlight and notes come from the one band-chart model the reports use too.
    let model = crate::national::chart::build(
        &result,
        year,
        rules,
        national,
        group.group,
        group.reporting,
        format!("{}, {}", group.group.label(), group.reporting.label()),
        baseline.map(|b| &b.result),
    );
    Computed {
        chart: ChartData {
            shares,
            ranges,
            adjustments,
            edges,
            highlighted: model.as_ref().and_then(|m| m.highlighted),
            baseline_bar: model.as_ref().and_then(|m| m.baseline_bar),
            model,
        },
        uncertainty: crate::sensitivity::adjustment_range_for(&result, year, max_range),
        sensitivity: None,
        result,
        problems,
    }
}

/// The bar of a data set that shows a band (one home: the band-chart model).
pub use crate::national::chart::bar_for;
