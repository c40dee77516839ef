//! Categories built from their measures: which they are, their measures' points and their
//! trace steps, joined to the final score's result.

use serde::Serialize;

use super::{ScoreResult, TraceStep};
use crate::builders::{CategoryBuild, build_category, percent_matches};
use crate::scenario::Scenario;

/// How a category's percent was given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BuiltFrom {
    /// As a percent in `[scores]`.
    #[default]
    Percent,
    /// From its measures.
    Measures,
}

/// A built category's totals.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BuildSummary {
    pub numerator: f64,
    pub denominator: f64,
    pub bonus_points: f64,
    pub improvement: f64,
}

impl From<&CategoryBuild> for BuildSummary {
    fn from(b: &CategoryBuild) -> Self {
        BuildSummary {
            numerator: b.numerator,
            denominator: b.denominator,
            bonus_points: b.bonus_points,
            improvement: b.improvement,
        }
    }
}

/// Marks the categories built from measures. With `explain`, runs their builders and adds each
/// measure's points and the builders' trace steps (before the "categories" step); without it
/// (sweeps and goal seeking) only marks them, building nothing.
pub(super) fn attach(scenario: &Scenario, result: &mut ScoreResult, explain: bool) {
    if scenario.measures.is_empty() {
        return;
    }
    let mut steps: Vec<TraceStep> = Vec::new();
    for outcome in &mut result.categories {
        let c = outcome.category;
        if !scenario.measures.has(c) {
            continue;
        }
        if !explain {
            outcome.built_from = BuiltFrom::Measures;
            continue;
        }
        let Some(build) = build_category(scenario, c) else {
            continue;
        };
        // A percent changed by hand since the measures were read is a percent again.
        if !percent_matches(&build, scenario.scores.get(c)) {
            continue;
        }
        outcome.built_from = BuiltFrom::Measures;
        outcome.build = Some(BuildSummary::from(&build));
        result.confidence = result.confidence.weakest(build.confidence);
        steps.extend(build.steps);
        outcome.measures = Some(build.measures);
    }
    if !steps.is_empty() {
        let at = result
            .trace
            .iter()
            .position(|s| s.step == super::StepKind::Categories)
            .unwrap_or(result.trace.len());
        result.trace.splice(at..at, steps);
    }
}
