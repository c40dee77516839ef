//! What the rules do with one category's score in a scenario: does it move the final score,
//! and if not, why not. Found by asking the engine, never by re-reading the rules.

use serde::Serialize;

use super::{Probe, sanitize};
use crate::engine::{CategoryStatus, ScoreResult, score_numbers};
use crate::format::{number, two_decimals};
use crate::rules::{Category, Weights, YearRules};
use crate::scenario::Scenario;

/// Why a category's score does not move the final score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlatKind {
    /// The rules weight the category 0 (cost under the APP, cost in PY2017).
    WeightedZero,
    /// The rules fix its score whatever is entered (IA full credit under the APP; 0 for a
    /// required category a non-reporting clinician did not report).
    FixedScore,
    /// Not scored whatever is entered (the PI of a small practice that submitted no data).
    NeverScored,
    /// Fewer than two categories are scored even with this one: the final score is fixed at
    /// the performance threshold.
    FewerThanTwoScored,
    /// Scored and weighted, but the final score does not move (capped at 100 throughout).
    NoChange,
}

/// A flat line, with the reason in words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Flat {
    pub kind: FlatKind,
    pub reason: String,
}

/// How one category's score acts on the final score in a scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lever {
    pub category: Category,
    /// The score entered now (None: not scored).
    pub current: Option<f64>,
    /// Not scored now but scored once given a score: sweeps and goal seeking score it, which
    /// gives it a weight and changes the other categories' weights.
    pub scored_for_analysis: bool,
    /// The weights in force when the category is scored (those of a sweep).
    pub weights: Weights,
    /// This category's weight then, percent.
    pub weight: f64,
    /// The final score with this category at 0 and at 100 (everything else held).
    pub final_score_at_0: f64,
    pub final_score_at_100: f64,
    /// Why the score does not move the final score; `None` when it does.
    pub flat: Option<Flat>,
}

impl Lever {
    pub fn is_flat(&self) -> bool {
        self.flat.is_some()
    }

    /// What to tell the user before any number: the flat reason, or that a category not
    /// scored now is analysed as scored. `None` for a scored category that counts.
    pub fn statement(&self) -> Option<String> {
        if let Some(f) = &self.flat {
            return Some(if self.scored_for_analysis {
                format!(
                    "{} is not scored now; scored, {}",
                    self.category.label(),
                    lower_first(&f.reason)
                )
            } else {
                f.reason.clone()
            });
        }
        self.scored_for_analysis.then(|| {
            format!(
                "{} is not scored now; it is analysed as if scored, with weights {} (quality/cost/IA/PI).",
                self.category.label(),
                self.weights
            )
        })
    }
}

/// Ask the engine what the category's score does in this scenario: score it at 0 and at 100
/// with everything else held and compare.
pub fn lever(s: &Scenario, rules: &YearRules, c: Category) -> Lever {
    lever_with(s, rules, c, &score_numbers(s, rules))
}

/// [`lever`], given the engine's result for the scenario as it stands.
pub(crate) fn lever_with(s: &Scenario, rules: &YearRules, c: Category, now: &ScoreResult) -> Lever {
    lever_in(&mut Probe::new(s, rules, c), s, rules, c, now)
}

/// [`lever_with`], scoring through `probe` (a probe of `c` on `s`, which keeps the results at 0
/// and 100 for the searches that follow).
pub(crate) fn lever_in(
    probe: &mut Probe,
    s: &Scenario,
    rules: &YearRules,
    c: Category,
    now: &ScoreResult,
) -> Lever {
    let r0 = probe.at(0.0);
    let r100 = probe.at(100.0);
    let (o0, o100) = (r0.category(c), r100.category(c));
    let label = c.label();
    let note = o100
        .note
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let flat = match o100.status {
        CategoryStatus::Ignored => Some(Flat {
            kind: FlatKind::WeightedZero,
            reason: format!("{label} is {note}: its score does not count."),
        }),
        CategoryStatus::NotScored => Some(Flat {
            kind: FlatKind::NeverScored,
            reason: format!("{label}: {note}; a score entered does not count."),
        }),
        CategoryStatus::Scored if o0.score == o100.score => Some(Flat {
            kind: FlatKind::FixedScore,
            reason: format!(
                "{label}: {note}; the score entered does not count (it is {} whatever is entered).",
                number(o100.score.unwrap_or(0.0))
            ),
        }),
        CategoryStatus::Scored if r100.fewer_than_two_scored => Some(Flat {
            kind: FlatKind::FewerThanTwoScored,
            reason: format!(
                "Fewer than two categories scored: the final score is fixed at the threshold ({}) whatever {label} scores.",
                number(rules.pt())
            ),
        }),
        CategoryStatus::Scored if r0.final_score == r100.final_score => Some(Flat {
            kind: FlatKind::NoChange,
            reason: if r100.final_score >= 100.0 {
                format!("The final score is capped at 100 whatever {label} scores.")
            } else {
                format!(
                    "The final score is {} whatever {label} scores.",
                    two_decimals(r100.final_score)
                )
            },
        }),
        CategoryStatus::Scored => None,
    };
    let current = s.scores.get(c).map(sanitize);
    Lever {
        category: c,
        current,
        scored_for_analysis: now.category(c).status != CategoryStatus::Scored
            && o100.status == CategoryStatus::Scored,
        weights: r100.weights,
        weight: o100.weight,
        final_score_at_0: r0.final_score,
        final_score_at_100: r100.final_score,
        flat,
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
