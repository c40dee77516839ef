//! The scoring engine: a scenario and its year's rules in, the final score, the payment
//! adjustment and a rule trace out. Pure: no I/O, no terminal, no clock.

mod adjustment;
mod built;
mod step_kind;
mod steps;
mod trace;

use serde::Serialize;

pub use adjustment::{
    Adjustment, Band, POSITIVE_SPLIT_SCORE, adjustment_for, band_for, band_ranges, published_score,
};
pub use built::{BuildSummary, BuiltFrom};
pub use step_kind::{MeasureStep, StepKind};

use crate::rules::{Category, Confidence, RuleSet, Weights, YearRules};
use crate::scenario::{Problem, Scenario, check};

/// Whether a category counts toward the final score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CategoryStatus {
    /// Scored: its percent times its weight counts.
    Scored,
    /// Not scored: its weight went to other categories.
    NotScored,
    /// Weighted 0 by the rules whatever is entered (cost under the APP, cost in PY2017, cost
    /// for everyone in PY2020–2021).
    Ignored,
}

/// What happened to one category.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CategoryOutcome {
    pub category: Category,
    /// What the scenario says (None: not scored).
    pub entered: Option<f64>,
    pub status: CategoryStatus,
    /// The percent actually used (after full credit, floors, or non-reporting zeros).
    pub score: Option<f64>,
    /// Weight applied, percent.
    pub weight: f64,
    /// Points this category adds to the final score.
    pub contribution: f64,
    /// Why the category is treated as it is, when that is not simply "as entered".
    pub note: Option<CategoryNote>,
    /// Given as a percent, or built from its measures.
    pub built_from: built::BuiltFrom,
    /// Built from measures: every measure's points and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measures: Option<Vec<crate::builders::MeasureScore>>,
    /// Built from measures: the category's numerator, denominator, bonus and improvement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build: Option<built::BuildSummary>,
}

/// Why a category is treated as it is (its words are the note shown and written; JSON: the
/// words as a string).
#[derive(Clone, Debug, PartialEq)]
pub enum CategoryNote {
    /// Weighted 0 under a pathway (cost under the APP): the pathway's name.
    WeightedZeroUnder(String),
    /// Weighted 0 in a performance year (cost in PY2017).
    WeightedZeroIn(u16),
    /// PY2020–2021: cost weighted 0% for all clinicians (CMS's COVID-19 reweighting).
    CostZeroForAll(u16),
    /// Full credit under a pathway (IA under the APP): the pathway's name.
    FullCreditUnder(String),
    /// A small practice with no PI data: reweighted automatically.
    SmallPracticePiReweighted,
    /// Required but not reported: 0.
    RequiredNotReported,
    /// Not scored: its weight goes to the others.
    NotScored,
    /// A MIPS APM participant's improvement activities floor, percent.
    ApmParticipantIaFloor(f64),
}

impl std::fmt::Display for CategoryNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CategoryNote::WeightedZeroUnder(pathway) => write!(f, "weighted 0 under the {pathway}"),
            CategoryNote::WeightedZeroIn(year) => write!(f, "weighted 0 in PY{year}"),
            CategoryNote::CostZeroForAll(year) => write!(
                f,
                "weighted 0% for all clinicians in PY{year} (CMS's COVID-19 reweighting), so the cost-not-scored weights apply"
            ),
            CategoryNote::FullCreditUnder(pathway) => write!(f, "full credit under the {pathway}"),
            CategoryNote::SmallPracticePiReweighted => {
                f.write_str("small practice with no PI data: reweighted automatically")
            }
            CategoryNote::RequiredNotReported => f.write_str("required but not reported: 0"),
            CategoryNote::NotScored => f.write_str("not scored: weight redistributed"),
            CategoryNote::ApmParticipantIaFloor(floor) => write!(
                f,
                "MIPS APM participant: at least {}% IA credit",
                crate::format::number(*floor)
            ),
        }
    }
}

impl Serialize for CategoryNote {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One step of the computation, in order, with its numbers and where the rule comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TraceStep {
    /// What the step is (JSON: its stable key, e.g. "weights").
    pub step: StepKind,
    pub title: String,
    pub detail: String,
    pub confidence: Confidence,
    pub source: String,
}

/// Where the positive maximum at 100 came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MaxPositiveOrigin {
    /// Published by CMS for the year.
    Published,
    /// Not yet published: the year's default assumption.
    DefaultAssumption,
    /// Set by the user in the scenario.
    ScenarioAssumption,
}

/// The everything-included outcome of scoring one scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScoreResult {
    pub name: Option<String>,
    pub performance_year: u16,
    pub payment_year: u16,
    /// "Traditional MIPS", "MVP", "APM Performance Pathway (APP)", "APM scoring standard"
    /// (borrowed when it is one of the fixed names).
    pub scoring: std::borrow::Cow<'static, str>,
    pub small_practice: bool,
    pub categories: Vec<CategoryOutcome>,
    /// Weights applied, percent (all zero when fewer than two categories are scored).
    pub weights: Weights,
    pub weights_reason: String,
    pub weights_confidence: Confidence,
    pub weights_source: String,
    /// Fewer than two categories scored: the final score is the performance threshold.
    pub fewer_than_two_scored: bool,
    /// Sum of the category contributions.
    pub weighted_score: f64,
    pub complex_patient_bonus: f64,
    /// PY2018 small-practice bonus added to the final score.
    pub small_practice_bonus: f64,
    /// Points removed by the cap at 100.
    pub capped_by: f64,
    /// The final score, unrounded (CMS publishes it with two decimals: see
    /// `final_score_published`).
    pub final_score: f64,
    /// The final score as CMS publishes it, to two decimals: it decides the band, the
    /// adjustment and the dollars, and it is the score every screen and text shows.
    pub final_score_published: f64,
    pub performance_threshold: f64,
    pub band: Band,
    pub base_adjustment_percent: f64,
    pub exceptional_bonus_percent: f64,
    /// Total payment adjustment, percent (base + exceptional).
    pub payment_adjustment_percent: f64,
    /// Base positive adjustment at a final score of 100 used for this result.
    pub max_positive_adjustment: f64,
    pub max_positive_origin: MaxPositiveOrigin,
    /// How the year's base maximum is known when it is the published one: published, derived
    /// from CMS data (PY2017, PY2018, PY2021: only the total is published), or assumed.
    pub max_positive_basis: crate::rules::MaximumBasis,
    /// Exceptional bonus at a final score of 100 (PY2017–2022).
    pub exceptional_bonus_max: Option<f64>,
    pub part_b_allowed_charges: Option<f64>,
    /// Dollars added (or removed) in the payment year, assuming the same allowed charges.
    pub dollar_impact: Option<f64>,
    /// Plain statements of every assumption the result rests on.
    pub assumptions: Vec<String>,
    /// The weakest confidence of the rules applied.
    pub confidence: Confidence,
    pub trace: Vec<TraceStep>,
}

impl ScoreResult {
    pub fn category(&self, c: Category) -> &CategoryOutcome {
        &self.categories[c.index()]
    }

    pub fn is_assumption_based(&self) -> bool {
        self.max_positive_origin != MaxPositiveOrigin::Published
            && self.payment_adjustment_percent > 0.0
    }
}

/// Check a scenario against the rules, then score it.
pub fn score_checked(scenario: &Scenario, rules: &RuleSet) -> Result<ScoreResult, Vec<Problem>> {
    let problems = check(scenario, rules);
    if !problems.is_empty() {
        return Err(problems);
    }
    let year = rules
        .year(scenario.performance_year)
        .expect("checked: the year is supported");
    Ok(score(scenario, year))
}

/// Score a scenario under one year's rules.
///
/// Never panics: values the rules do not allow (a bonus over the year's maximum, an MVP
/// before 2023) are clamped or read as the nearest allowed thing; [`check`] reports them.
pub fn score(scenario: &Scenario, rules: &YearRules) -> ScoreResult {
    evaluate(scenario, rules, true)
}

/// The numbers of a result without the rule trace, for callers that score many variations
/// (sweeps, goal seeking): the same rules, none of the explanatory text.
pub fn score_numbers(scenario: &Scenario, rules: &YearRules) -> ScoreResult {
    evaluate(scenario, rules, false)
}

/// Collects the trace and the assumptions when asked to (otherwise builds no text at all),
/// and always the weakest confidence of the rules applied.
struct Recorder {
    enabled: bool,
    steps: Vec<TraceStep>,
    assumptions: Vec<String>,
    weakest: Confidence,
}

impl Recorder {
    fn new(enabled: bool) -> Self {
        Recorder {
            enabled,
            steps: Vec::new(),
            assumptions: Vec::new(),
            weakest: Confidence::Confirmed,
        }
    }

    fn step(&mut self, make: impl FnOnce() -> TraceStep) {
        if self.enabled {
            self.steps.push(make());
        }
    }

    /// An assumption the result rests on, when there is one.
    fn assume(&mut self, make: impl FnOnce() -> Option<String>) {
        if self.enabled
            && let Some(assumption) = make()
        {
            self.assumptions.push(assumption);
        }
    }

    /// A rule applied: the result is only as sure as its weakest rule.
    fn weigh(&mut self, confidence: Confidence) {
        self.weakest = self.weakest.weakest(confidence);
    }
}

/// The computation, one step at a time: each step returns its intermediate, the trace is
/// worded from it (only when explaining), and the result is put together from them all.
fn evaluate(scenario: &Scenario, rules: &YearRules, explain: bool) -> ScoreResult {
    let mut rec = Recorder::new(explain);
    let practice = &scenario.practice;

    // 1. The year: its threshold and applicable percent.
    rec.weigh(rules.performance_threshold.confidence);
    rec.step(|| trace::year(rules));

    // 2. How the clinician is scored (traditional, MVP, APP).
    let pathway = steps::pathway(scenario, rules);
    rec.weigh(pathway.confidence);
    rec.assume(|| trace::pathway_assumption(scenario));
    rec.step(|| trace::pathway(&pathway));

    // 3. Which categories are scored, and the percent each one counts with.
    let mut categories = steps::categories(scenario, rules, &pathway);
    rec.weigh(categories.confidence);
    rec.step(|| trace::categories(&categories));
    if practice.rural || practice.hpsa || practice.non_patient_facing {
        rec.step(|| trace::special_status(scenario, rules));
    }

    // 4. The weights, from the categories scored.
    let weights = steps::weights(rules, &pathway, practice.is_small(), &categories);
    let fewer_than_two = weights.fewer_than_two;
    rec.weigh(weights.confidence);
    rec.assume(|| trace::weights_assumption(&weights));
    rec.step(|| trace::weights(&weights));

    // 5. What each category adds: weight × percent.
    let weighted = steps::contributions(&mut categories.outcomes, &weights.weights, fewer_than_two);
    if !fewer_than_two {
        rec.step(|| trace::contributions(&categories.outcomes, weighted));
    }

    // 6. Bonus points.
    let bonuses = steps::bonuses(scenario, rules, fewer_than_two);
    if let Some(confidence) = bonuses.confidence {
        rec.weigh(confidence);
    }
    if bonuses.has_lines() || rules.complex_patient_bonus_max.value > 0.0 {
        rec.step(|| trace::bonuses(rules, &bonuses));
    }

    // 7. The final score, capped at 100, and as CMS publishes it.
    let bonus_points = (bonuses.complex_patient, bonuses.small_practice);
    let final_score = steps::final_score(weighted, bonus_points, rules.pt(), fewer_than_two);
    rec.step(|| trace::cap(&final_score, weighted, &bonuses, rules.pt(), fewer_than_two));

    // 8. The maxima at 100 in use; 9. the band and the adjustment.
    let max = steps::max_positive(scenario, rules);
    let payment = steps::payment(rules, &final_score, &max);
    rec.step(|| trace::band(rules, &payment, final_score.published));
    if payment.positive() {
        rec.weigh(max.confidence);
    }
    rec.step(|| trace::adjustment(rules, &payment, final_score.published, &max));
    rec.assume(|| trace::max_positive_assumption(rules, &max, payment.positive()));
    if let Some(exceptional) = steps::exceptional_bonus(scenario, rules, &max) {
        if payment.adjustment.exceptional > 0.0 {
            rec.weigh(exceptional.confidence);
            rec.assume(|| trace::exceptional_assumption(&exceptional));
        }
        rec.step(|| {
            trace::exceptional_bonus(&exceptional, &payment.adjustment, final_score.published)
        });
    }

    // 10. Dollars.
    let dollars = steps::dollars(practice, payment.adjustment.total());
    if let (Some(charges), Some(impact)) = (dollars.charges, dollars.impact) {
        rec.step(|| trace::dollars(rules, charges, impact, &payment));
    }

    let worked = Worked {
        pathway,
        categories,
        weights,
        weighted,
        bonuses,
        final_score,
        max,
        payment,
        dollars,
    };
    let mut result = worked.into_result(scenario, rules, rec);
    built::attach(scenario, &mut result, explain);
    result
}

/// Every step's intermediate, from which the result is put together.
struct Worked<'a> {
    pathway: steps::PathwayChoice<'a>,
    categories: steps::Categories<'a>,
    weights: steps::WeightChoice,
    weighted: f64,
    bonuses: steps::Bonuses,
    final_score: steps::FinalScore,
    max: steps::MaxPositive<'a>,
    payment: steps::Payment,
    dollars: steps::Dollars,
}

impl Worked<'_> {
    fn into_result(self, scenario: &Scenario, rules: &YearRules, rec: Recorder) -> ScoreResult {
        let Worked {
            pathway,
            categories,
            weights,
            weighted,
            bonuses,
            final_score,
            max,
            payment,
            dollars,
        } = self;
        let adjustment = payment.adjustment;
        ScoreResult {
            name: scenario.name.clone(),
            performance_year: rules.performance_year,
            payment_year: rules.payment_year,
            scoring: pathway.scoring,
            small_practice: scenario.practice.is_small(),
            categories: categories.outcomes,
            weights: weights.weights,
            weights_reason: weights.reason,
            weights_confidence: weights.confidence,
            weights_source: weights.source,
            fewer_than_two_scored: weights.fewer_than_two,
            weighted_score: if weights.fewer_than_two {
                0.0
            } else {
                weighted
            },
            complex_patient_bonus: bonuses.complex_patient,
            small_practice_bonus: bonuses.small_practice,
            capped_by: final_score.capped_by,
            final_score: final_score.value,
            final_score_published: final_score.published,
            performance_threshold: rules.pt(),
            band: adjustment.band,
            base_adjustment_percent: adjustment.base,
            exceptional_bonus_percent: adjustment.exceptional,
            payment_adjustment_percent: adjustment.total(),
            max_positive_adjustment: max.value,
            max_positive_origin: max.origin,
            max_positive_basis: rules.max_positive_basis,
            exceptional_bonus_max: max.exceptional_max,
            part_b_allowed_charges: dollars.charges,
            dollar_impact: dollars.impact,
            assumptions: rec.assumptions,
            confidence: rec.weakest,
            trace: rec.steps,
        }
    }
}
