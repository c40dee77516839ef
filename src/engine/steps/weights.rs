//! Steps 4 and 5: the weights (from the categories scored), and what each category adds.

use super::{Categories, PathwayChoice};
use crate::engine::{CategoryOutcome, CategoryStatus};
use crate::format::number;
use std::fmt::Write as _;

use crate::rules::{Category, CategorySet, Confidence, Pathway, PracticeScope, Weights, YearRules};

/// Step 4: the weights, and why.
pub(in crate::engine) struct WeightChoice {
    pub weights: Weights,
    pub reason: String,
    pub confidence: Confidence,
    pub source: String,
    /// Fewer than two categories scored (or no weights apply): the final score is the
    /// performance threshold.
    pub fewer_than_two: bool,
}

pub(in crate::engine) fn weights(
    rules: &YearRules,
    choice: &PathwayChoice,
    small: bool,
    categories: &Categories,
) -> WeightChoice {
    let pathway = choice.pathway;
    let cost_for_all = categories.cost_for_all;
    let fewer_than_two = categories.scored_count() < 2;
    // The row looked up: cost counts as not scored where CMS weighted it 0% for everyone.
    let mut lookup = categories.not_scored();
    if cost_for_all.is_some() {
        lookup.insert(Category::Cost);
    }
    if fewer_than_two {
        return WeightChoice {
            weights: Weights::ZERO,
            reason: format!(
                "fewer than two categories scored: final score = performance threshold ({})",
                number(rules.pt())
            ),
            confidence: Confidence::Confirmed,
            source: "42 CFR 414.1380(c) (as quoted by Northwest AHEC, CMS text on the 2020 performance year); reproduced by a PY2021 row of CMS, QPP Experience public use file".to_string(),
            fewer_than_two: true,
        };
    }
    let Some(row) = rules.weight_row(pathway, small, lookup) else {
        // Validated rules always have a row; a hand-made rules folder might not.
        let mut reason = String::from("no weight row for ");
        push_missing_words(
            &mut reason,
            lookup,
            cost_for_all.map(|_| rules.performance_year),
        );
        reason.push_str(" in these rules: final score = performance threshold");
        return WeightChoice {
            weights: Weights::ZERO,
            reason,
            confidence: Confidence::Assumed,
            source: rules.origin.clone(),
            fewer_than_two: true,
        };
    };
    // One string, written once: this runs for every scenario scored, roster rows included.
    let mut reason = String::with_capacity(112);
    if pathway == Pathway::App {
        reason.push_str(&choice.scoring);
        reason.push_str(", ");
    }
    if row.practice == PracticeScope::Small || (small && pathway != Pathway::App) {
        reason.push_str("small practice, ");
    }
    push_missing_words(
        &mut reason,
        lookup,
        cost_for_all.map(|_| rules.performance_year),
    );
    let _ = write!(reason, ": {}", row.weights);
    let (confidence, source) = match cost_for_all {
        Some(covid) => (
            row.confidence.weakest(covid.confidence),
            [row.source.as_str(), "; cost at 0%: ", covid.source.as_str()].concat(),
        ),
        None => (row.confidence, row.source.clone()),
    };
    WeightChoice {
        fewer_than_two: row.weights.sum() == 0.0,
        weights: row.weights,
        reason,
        confidence,
        source,
    }
}

/// "Cost + PI not scored (cost: 0% for all clinicians in PY2021)", or "all scorable
/// categories scored".
fn push_missing_words(out: &mut String, lookup: CategorySet, cost_for_all_year: Option<u16>) {
    if lookup.is_empty() {
        out.push_str("all scorable categories scored");
        return;
    }
    for (i, c) in lookup.iter().enumerate() {
        if i > 0 {
            out.push_str(" + ");
        }
        out.push_str(c.short());
    }
    out.push_str(" not scored");
    if let Some(year) = cost_for_all_year {
        let _ = write!(out, " (cost: 0% for all clinicians in PY{year})");
    }
}

/// Step 5: each scored category's contribution (weight × score); returns the weighted score.
pub(in crate::engine) fn contributions(
    outcomes: &mut [CategoryOutcome],
    weights: &Weights,
    fewer_than_two: bool,
) -> f64 {
    let mut weighted = 0.0;
    for o in outcomes.iter_mut() {
        o.weight = weights.get(o.category);
        if o.status == CategoryStatus::Scored && !fewer_than_two {
            o.contribution = o.weight * o.score.unwrap_or(0.0) / 100.0;
            weighted += o.contribution;
        }
    }
    // Clean floating noise (e.g. 74.99999999999999) without changing real decimals.
    (weighted * 1e9).round() / 1e9
}
