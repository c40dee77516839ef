//! Steps 4 and 5: the weights (from the categories scored), and what each category adds.

use super::{Categories, PathwayChoice};
use crate::engine::{CategoryOutcome, CategoryStatus};
use crate::format::number;
use crate::rules::{Category, Confidence, Pathway, Weights, YearRules};

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
    let (pathway, scoring) = (choice.pathway, choice.scoring.as_str());
    let cost_for_all = categories.cost_for_all;
    let fewer_than_two = categories.scored_count() < 2;
    let practice_words = if small { "small practice, " } else { "" };
    // The row looked up: cost counts as not scored where CMS weighted it 0% for everyone.
    let mut lookup = categories.not_scored();
    if cost_for_all.is_some() {
        lookup.insert(Category::Cost);
    }
    let missing_words = if lookup.is_empty() {
        "all scorable categories scored".to_string()
    } else {
        format!(
            "{} not scored{}",
            lookup
                .iter()
                .map(|c| c.short())
                .collect::<Vec<_>>()
                .join(" + "),
            if cost_for_all.is_some() {
                format!(
                    " (cost: 0% for all clinicians in PY{})",
                    rules.performance_year
                )
            } else {
                String::new()
            }
        )
    };
    let (weights, weights_reason, weights_conf, weights_source) = if fewer_than_two {
        (
            Weights::ZERO,
            format!(
                "fewer than two categories scored: final score = performance threshold ({})",
                number(rules.pt())
            ),
            Confidence::Confirmed,
            "42 CFR 414.1380(c) (as quoted by Northwest AHEC, CMS text on the 2020 performance year); reproduced by a PY2021 row of CMS, QPP Experience public use file".to_string(),
        )
    } else {
        match rules.weight_row(pathway, small, &lookup) {
            Some(row) => {
                let own_small_row = row.practice == crate::rules::PracticeScope::Small;
                let who = if own_small_row {
                    "small practice, "
                } else if pathway == Pathway::App {
                    ""
                } else {
                    practice_words
                };
                let prefix = if pathway == Pathway::App {
                    format!("{scoring}, ")
                } else {
                    String::new()
                };
                let (confidence, source) = match cost_for_all {
                    Some(covid) => (
                        row.confidence.weakest(covid.confidence),
                        format!("{}; cost at 0%: {}", row.source, covid.source),
                    ),
                    None => (row.confidence, row.source.clone()),
                };
                (
                    row.weights,
                    format!("{prefix}{who}{missing_words}: {}", row.weights),
                    confidence,
                    source,
                )
            }
            None => {
                // Validated rules always have a row; a hand-made rules folder might not.
                (
                    Weights::ZERO,
                    format!(
                        "no weight row for {missing_words} in these rules: final score = performance threshold"
                    ),
                    Confidence::Assumed,
                    rules.origin.clone(),
                )
            }
        }
    };
    WeightChoice {
        fewer_than_two: fewer_than_two || weights.sum() == 0.0,
        weights,
        reason: weights_reason,
        confidence: weights_conf,
        source: weights_source,
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
