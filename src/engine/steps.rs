//! The steps of the computation, each returning a small typed intermediate that `evaluate`
//! reads and the trace is worded from (`trace.rs`). The numbers-only path calls the same
//! functions.

use super::{
    Adjustment, CategoryOutcome, CategoryStatus, MaxPositiveOrigin, adjustment_for, built,
};
use std::collections::BTreeSet;

use crate::format::number;
use crate::rules::{
    AppRules, Category, Cited, Confidence, Pathway, SmallPracticeBonusMode, Weights, YearRules,
};
use crate::scenario::{Participation, Practice, ReportingOption, Scenario};

/// Step 2: how the clinician is scored.
pub(super) struct PathwayChoice<'a> {
    /// The year's APP rules, if it has them.
    pub app_rules: Option<&'a AppRules>,
    pub pathway: Pathway,
    /// What the result says the clinician is scored as.
    pub scoring: String,
    pub detail: String,
    pub confidence: Confidence,
    pub source: String,
}

pub(super) fn pathway<'a>(scenario: &Scenario, rules: &'a YearRules) -> PathwayChoice<'a> {
    let reporting = scenario.practice.reporting;
    let app_rules = rules.app.as_ref();
    // The reporting option in force: an MVP or APP the year lacks is traditional.
    let option = match scenario.reporting_option {
        ReportingOption::Mvp if !rules.mvp_available() => ReportingOption::Traditional,
        ReportingOption::App if app_rules.is_none() => ReportingOption::Traditional,
        o => o,
    };
    let pathway = if option == ReportingOption::App && reporting {
        Pathway::App
    } else {
        Pathway::Traditional
    };
    let scoring = match (pathway, option) {
        (Pathway::App, _) => app_rules.map_or("APP".to_string(), |a| a.name.clone()),
        (_, ReportingOption::Mvp) => "MVP".to_string(),
        _ => "Traditional MIPS".to_string(),
    };
    let (detail, confidence, source) = if !reporting {
        (
            "Non-reporting: no data submitted. Quality, IA and PI are required and score 0 (a small practice's PI is reweighted from PY2022); cost is computed by CMS from claims; no complex patient bonus.".to_string(),
            Confidence::Likely,
            "42 CFR 414.1380(c); CMS, 2024 QPP Participation and Performance Results At-a-Glance, note 1 (non-reporting clinicians still receive a final score)".to_string(),
        )
    } else {
        match (pathway, option) {
            (Pathway::App, _) => {
                let a = app_rules.expect("app pathway implies app rules");
                (
                    format!(
                        "{}: quality 50 / cost 0 / IA 20 / PI 30; improvement activities get full credit whatever is entered; cost is not scored.",
                        a.name
                    ),
                    a.ia_full_credit.confidence,
                    a.ia_full_credit.source.clone(),
                )
            }
            (_, ReportingOption::Mvp) => {
                let m = rules.mvp.as_ref().expect("mvp option implies mvp rules");
                (
                    "MVP reporting uses the traditional MIPS weights and redistribution."
                        .to_string(),
                    m.confidence,
                    m.source.clone(),
                )
            }
            _ => (
                "Traditional MIPS weights and redistribution.".to_string(),
                Confidence::Confirmed,
                "42 CFR 414.1380(c)".to_string(),
            ),
        }
    };
    PathwayChoice {
        app_rules,
        pathway,
        scoring,
        detail,
        confidence,
        source,
    }
}

/// Step 8: the maxima at a final score of 100 in use.
pub(super) struct MaxPositive {
    /// The base positive maximum, percent.
    pub value: f64,
    /// Where it comes from (published, the year's default assumption, the scenario).
    pub origin: MaxPositiveOrigin,
    pub confidence: Confidence,
    pub source: String,
    /// The exceptional bonus at 100, percent, in years that have one.
    pub exceptional_max: Option<f64>,
}

pub(super) fn max_positive(scenario: &Scenario, rules: &YearRules) -> MaxPositive {
    let (value, origin, confidence, source) = match scenario.assumptions.max_positive_adjustment {
        Some(m) if m.is_finite() => (
            m.clamp(0.0, rules.max_positive_limit()),
            MaxPositiveOrigin::ScenarioAssumption,
            Confidence::Assumed,
            "set in the scenario's [assumptions]".to_string(),
        ),
        _ => {
            let d = rules.default_max_positive();
            let origin = if rules.max_positive_adjustment.is_some() {
                MaxPositiveOrigin::Published
            } else {
                MaxPositiveOrigin::DefaultAssumption
            };
            (d.value, origin, d.confidence, d.source.clone())
        }
    };
    let exceptional_max = rules.exceptional_bonus.as_ref().map(|e| {
        match scenario.assumptions.exceptional_bonus_max {
            Some(m) if m.is_finite() => m.clamp(0.0, crate::rules::EXCEPTIONAL_MAX),
            _ => e.max_at_100.value,
        }
    });
    MaxPositive {
        value,
        origin,
        confidence,
        source,
        exceptional_max,
    }
}

/// Step 9: the band and the payment adjustment.
pub(super) struct Payment {
    pub adjustment: Adjustment,
    /// The confidence of the rule that sets it: the maximum at 100 when it is positive, the
    /// applicable percent otherwise.
    pub confidence: Confidence,
}

impl Payment {
    /// A positive base adjustment: it rests on the maximum at 100.
    pub fn positive(&self) -> bool {
        self.adjustment.base > 0.0
    }
}

pub(super) fn payment(rules: &YearRules, final_score: &FinalScore, max: &MaxPositive) -> Payment {
    let adjustment = adjustment_for(
        rules,
        final_score.value,
        max.value,
        max.exceptional_max.unwrap_or(0.0),
    );
    let confidence = if adjustment.base > 0.0 {
        max.confidence
    } else {
        rules.applicable_percent.confidence
    };
    Payment {
        adjustment,
        confidence,
    }
}

/// Step 9, in PY2017–2022: the exceptional performance bonus.
pub(super) struct ExceptionalBonus<'a> {
    /// The year's bonus rules (its threshold and its published maximum).
    pub rules: &'a crate::rules::ExceptionalBonus,
    /// The bonus at a final score of 100 in use, percent.
    pub max: f64,
    /// The maximum was set in the scenario's `[assumptions]`.
    pub set_in_scenario: bool,
    pub confidence: Confidence,
}

pub(super) fn exceptional_bonus<'a>(
    scenario: &Scenario,
    rules: &'a YearRules,
    max: &MaxPositive,
) -> Option<ExceptionalBonus<'a>> {
    let (Some(bonus_rules), Some(max)) = (rules.exceptional_bonus.as_ref(), max.exceptional_max)
    else {
        return None;
    };
    let set_in_scenario = scenario.assumptions.exceptional_bonus_max.is_some();
    Some(ExceptionalBonus {
        rules: bonus_rules,
        max,
        set_in_scenario,
        confidence: if set_in_scenario {
            Confidence::Assumed
        } else {
            bonus_rules.max_at_100.confidence
        },
    })
}

/// Step 10: what the adjustment is worth in dollars.
pub(super) struct Dollars {
    /// The Part B allowed charges entered (a usable amount only).
    pub charges: Option<f64>,
    /// The charges times the adjustment.
    pub impact: Option<f64>,
}

pub(super) fn dollars(practice: &Practice, total_percent: f64) -> Dollars {
    let charges = practice
        .part_b_allowed_charges
        .filter(|d| d.is_finite() && *d >= 0.0);
    Dollars {
        charges,
        impact: charges.map(|d| d * total_percent / 100.0),
    }
}

/// Step 6: the bonus points added to the weighted score.
pub(super) struct Bonuses {
    pub complex_patient: f64,
    /// The small-practice bonus on the final score (PY2018); 0 where it sits in the quality
    /// numerator.
    pub small_practice: f64,
    /// What was added or not, and why, in words.
    pub lines: Vec<String>,
    /// The confidence of a bonus that was added, to weigh into the result's.
    pub confidence: Option<Confidence>,
}

pub(super) fn bonuses(scenario: &Scenario, rules: &YearRules, fewer_than_two: bool) -> Bonuses {
    let reporting = scenario.practice.reporting;
    let small = scenario.practice.is_small();
    let cpb_max = rules.complex_patient_bonus_max.value;
    let cpb_entered = if scenario.complex_patient_bonus.is_finite() {
        scenario.complex_patient_bonus.max(0.0)
    } else {
        0.0
    };
    let mut cpb = 0.0;
    let mut spb = 0.0;
    let mut lines = Vec::new();
    let mut confidence = None;
    if fewer_than_two {
        if cpb_entered > 0.0 {
            lines.push(
                "Complex patient bonus not added: the final score is the performance threshold."
                    .to_string(),
            );
        }
    } else {
        if cpb_entered > 0.0 {
            if !reporting {
                lines.push("Complex patient bonus not added: it needs data submitted in at least one category.".into());
            } else {
                cpb = cpb_entered.min(cpb_max);
                lines.push(format!(
                    "Complex patient bonus +{} (PY{} maximum {}).",
                    number(cpb),
                    rules.performance_year,
                    number(cpb_max)
                ));
            }
        }
        let sp = &rules.small_practice_bonus;
        if small && sp.value.mode == SmallPracticeBonusMode::FinalScore {
            if reporting {
                spb = sp.value.points;
                lines.push(format!(
                    "Small-practice bonus +{} on the final score.",
                    number(spb)
                ));
                confidence = Some(sp.confidence);
            } else {
                lines.push("Small-practice bonus not added: it needs data submitted.".into());
            }
        } else if small && sp.value.mode == SmallPracticeBonusMode::QualityNumerator {
            lines.push(format!(
                "Small-practice bonus: +{} points in the quality numerator, already inside the quality percent entered.",
                number(sp.value.points)
            ));
        }
    }
    Bonuses {
        complex_patient: cpb,
        small_practice: spb,
        lines,
        confidence,
    }
}

/// Step 7: the final score, capped at 100.
pub(super) struct FinalScore {
    pub value: f64,
    /// Points lost to the cap.
    pub capped_by: f64,
    /// The score CMS publishes (two decimals): it decides everything from here on.
    pub published: f64,
}

pub(super) fn final_score(
    weighted: f64,
    (complex_patient, small_practice): (f64, f64),
    performance_threshold: f64,
    fewer_than_two: bool,
) -> FinalScore {
    let (value, capped_by) = if fewer_than_two {
        (performance_threshold, 0.0)
    } else {
        let raw = weighted + complex_patient + small_practice;
        (raw.min(100.0), (raw - 100.0).max(0.0))
    };
    FinalScore {
        value,
        capped_by,
        published: super::published_score(value),
    }
}

/// Step 3: each category's status and score.
pub(super) struct Categories<'a> {
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
    pub fn not_scored(&self) -> BTreeSet<Category> {
        self.outcomes
            .iter()
            .filter(|o| o.status == CategoryStatus::NotScored)
            .map(|o| o.category)
            .collect()
    }
}

pub(super) fn categories<'a>(
    scenario: &Scenario,
    rules: &'a YearRules,
    choice: &PathwayChoice,
) -> Categories<'a> {
    let (pathway, app_rules, scoring) = (choice.pathway, choice.app_rules, choice.scoring.as_str());
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
                format!("weighted 0 under the {scoring}")
            } else {
                format!("weighted 0 in PY{}", rules.performance_year)
            });
        } else if c == Category::Cost
            && let Some(covid) = cost_for_all
        {
            out.status = CategoryStatus::Ignored;
            out.score = None;
            out.note = Some(format!(
                "weighted 0% for all clinicians in PY{} (CMS's COVID-19 reweighting), so the cost-not-scored weights apply",
                rules.performance_year
            ));
            confidence = confidence.weakest(covid.confidence);
        } else if c == Category::ImprovementActivities && ia_full_credit {
            out.score = Some(100.0);
            out.note = Some(format!("full credit under the {scoring}"));
        } else if !reporting && c != Category::Cost {
            if c == Category::PromotingInteroperability && pi_auto {
                out.status = CategoryStatus::NotScored;
                out.score = None;
                out.note = Some("small practice with no PI data: reweighted automatically".into());
            } else {
                out.score = Some(0.0);
                out.note = Some("required but not reported: 0".into());
            }
        } else {
            match entered {
                None => {
                    out.status = CategoryStatus::NotScored;
                    out.note = Some(if c == Category::PromotingInteroperability && pi_auto {
                        "small practice with no PI data: reweighted automatically".into()
                    } else {
                        "not scored: weight redistributed".into()
                    });
                }
                Some(v) => {
                    if c == Category::ImprovementActivities
                        && let Some(floor) = apm_ia_floor
                        && v < floor.value
                    {
                        out.score = Some(floor.value);
                        out.note = Some(format!(
                            "MIPS APM participant: at least {}% IA credit",
                            number(floor.value)
                        ));
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

/// Step 4: the weights, and why.
pub(super) struct WeightChoice {
    pub weights: Weights,
    pub reason: String,
    pub confidence: Confidence,
    pub source: String,
    /// Fewer than two categories scored (or no weights apply): the final score is the
    /// performance threshold.
    pub fewer_than_two: bool,
}

pub(super) fn weights(
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
pub(super) fn contributions(
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
