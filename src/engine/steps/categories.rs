//! Step 3: which categories are scored, and the percent each one counts with.

use super::PathwayChoice;
use crate::engine::{CategoryNote, CategoryOutcome, CategoryStatus, built};
use crate::rules::{Category, CategorySet, Cited, Confidence, Pathway, Weights, YearRules};
use crate::scenario::{Participation, Scenario};

/// Step 3: each category's status and score.
pub(in crate::engine) struct Categories<'a> {
    pub outcomes: Vec<CategoryOutcome>,
    /// PY2020–2021: CMS weighted cost at 0% for everyone (COVID-19), whatever is entered.
    pub cost_for_all: Option<&'a Cited<bool>>,
    /// The weakest confidence of the rules that set a status or a score here.
    pub confidence: Confidence,
}

impl Categories<'_> {
    /// How many categories count toward the final score.
    pub fn scored_count(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|o| o.status == CategoryStatus::Scored)
            .count()
    }

    /// How many categories the rules weigh at all, scored or not (all but the ignored ones).
    pub fn weighed_count(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|o| o.status != CategoryStatus::Ignored)
            .count()
    }

    /// The categories not scored: their weight goes to the others.
    pub fn not_scored(&self) -> CategorySet {
        self.outcomes
            .iter()
            .filter(|o| o.status == CategoryStatus::NotScored)
            .map(|o| o.category)
            .collect()
    }
}

pub(in crate::engine) fn categories<'a>(
    scenario: &Scenario,
    rules: &'a YearRules,
    choice: &PathwayChoice,
) -> Categories<'a> {
    let (pathway, app_rules, scoring) = (choice.pathway, choice.app_rules, &*choice.scoring);
    let practice = &scenario.practice;
    let small = practice.is_small();
    let reporting = practice.reporting;
    let mut confidence = Confidence::Confirmed;
    let base_row = rules
        .base_row(pathway)
        .or_else(|| rules.base_row(Pathway::Traditional));
    let base_weights = base_row.map_or(Weights::ZERO, |r| r.weights);
    let ia_full_credit =
        pathway == Pathway::App && app_rules.is_some_and(|a| a.ia_full_credit.value);
    let pi_auto = rules
        .small_practice_pi_reweighting
        .as_ref()
        .is_some_and(|c| c.value)
        && small;
    // PY2020–2021: CMS weighted cost at 0% for everyone (COVID-19), whatever is entered.
    let cost_for_all = (pathway == Pathway::Traditional && base_weights.cost > 0.0)
        .then(|| rules.cost_reweighted_for_all())
        .flatten();
    let apm_ia_floor = (pathway == Pathway::Traditional
        && reporting
        && practice.participation == Participation::ApmEntity)
        .then_some(rules.apm_participant_ia_minimum.as_ref())
        .flatten();

    let mut outcomes: Vec<CategoryOutcome> = Vec::with_capacity(4);
    for c in Category::ALL {
        let entered = scenario.scores.get(c).map(|v| {
            if v.is_finite() {
                v.clamp(0.0, 100.0)
            } else {
                0.0
            }
        });
        let mut out = CategoryOutcome {
            category: c,
            entered: scenario.scores.get(c),
            status: CategoryStatus::Scored,
            score: entered,
            weight: 0.0,
            contribution: 0.0,
            note: None,
            built_from: built::BuiltFrom::Percent,
            measures: None,
            build: None,
        };
        if base_weights.get(c) == 0.0 {
            out.status = CategoryStatus::Ignored;
            out.score = None;
            out.note = Some(if pathway == Pathway::App {
                CategoryNote::WeightedZeroUnder(scoring.to_string())
            } else {
                CategoryNote::WeightedZeroIn(rules.performance_year)
            });
        } else if c == Category::Cost
            && let Some(covid) = cost_for_all
        {
            out.status = CategoryStatus::Ignored;
            out.score = None;
            out.note = Some(CategoryNote::CostZeroForAll(rules.performance_year));
            confidence = confidence.weakest(covid.confidence);
        } else if c == Category::ImprovementActivities && ia_full_credit {
            out.score = Some(100.0);
            out.note = Some(CategoryNote::FullCreditUnder(scoring.to_string()));
        } else if !reporting && c != Category::Cost {
            if c == Category::PromotingInteroperability && pi_auto {
                out.status = CategoryStatus::NotScored;
                out.score = None;
                out.note = Some(CategoryNote::SmallPracticePiReweighted);
            } else {
                out.score = Some(0.0);
                out.note = Some(CategoryNote::RequiredNotReported);
            }
        } else {
            match entered {
                None => {
                    out.status = CategoryStatus::NotScored;
                    out.note = Some(if c == Category::PromotingInteroperability && pi_auto {
                        CategoryNote::SmallPracticePiReweighted
                    } else {
                        CategoryNote::NotScored
                    });
                }
                Some(v) => {
                    if c == Category::ImprovementActivities
                        && let Some(floor) = apm_ia_floor
                        && v < floor.value
                    {
                        out.score = Some(floor.value);
                        out.note = Some(CategoryNote::ApmParticipantIaFloor(floor.value));
                        confidence = confidence.weakest(floor.confidence);
                    }
                }
            }
        }
        outcomes.push(out);
    }
    Categories {
        outcomes,
        cost_for_all,
        confidence,
    }
}
