//! The scoring engine: a scenario and its year's rules in, the final score, the payment
//! adjustment and a rule trace out. Pure: no I/O, no terminal, no clock.

mod adjustment;
mod built;
mod steps;
mod trace;

use std::collections::BTreeSet;

use serde::Serialize;

pub use adjustment::{
    Adjustment, Band, POSITIVE_SPLIT_SCORE, adjustment_for, band_for, band_ranges, published_score,
};
pub use built::{BuildSummary, BuiltFrom};
pub use trace::{MeasureStep, StepKind};

use crate::format::{number, percent, percent_precise, two_decimals};
use crate::rules::{Category, Confidence, RuleSet, Weights, YearRules};
use crate::scenario::{Problem, ReportingOption, Scenario, check};

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
    pub note: Option<String>,
    /// Given as a percent, or built from its measures.
    pub built_from: built::BuiltFrom,
    /// Built from measures: every measure's points and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measures: Option<Vec<crate::builders::MeasureScore>>,
    /// Built from measures: the category's numerator, denominator, bonus and improvement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build: Option<built::BuildSummary>,
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
    /// "Traditional MIPS", "MVP", "APM Performance Pathway (APP)", "APM scoring standard".
    pub scoring: String,
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

/// Collects the trace and the assumptions when asked to; otherwise builds no text at all.
struct Recorder {
    enabled: bool,
    steps: Vec<TraceStep>,
    assumptions: Vec<String>,
}

impl Recorder {
    fn step(&mut self, make: impl FnOnce() -> TraceStep) {
        if self.enabled {
            self.steps.push(make());
        }
    }

    fn assume(&mut self, make: impl FnOnce() -> String) {
        if self.enabled {
            self.assumptions.push(make());
        }
    }
}

fn evaluate(scenario: &Scenario, rules: &YearRules, explain: bool) -> ScoreResult {
    let mut rec = Recorder {
        enabled: explain,
        steps: Vec::new(),
        assumptions: Vec::new(),
    };
    let mut weakest = Confidence::Confirmed;
    let mut note_conf = |c: Confidence| weakest = weakest.weakest(c);

    let pt = rules.pt();
    let ap = rules.ap();
    let practice = &scenario.practice;
    let small = practice.is_small();
    let reporting = practice.reporting;

    // 1. The year.
    rec.step(|| TraceStep {
        step: StepKind::Year,
        title: format!("Performance year {} → payment year {}", rules.performance_year, rules.payment_year),
        detail: format!(
            "Performance threshold {} points; applicable percent ±{}%; scores at or below {} (a quarter of the threshold) get −{}%.",
            number(pt),
            number(ap),
            number(pt / 4.0),
            number(ap)
        ),
        confidence: rules.performance_threshold.confidence,
        source: rules.performance_threshold.source.clone(),
    });
    note_conf(rules.performance_threshold.confidence);

    // 2. The pathway.
    let steps::PathwayChoice {
        app_rules,
        pathway,
        scoring,
        detail: pathway_detail,
        confidence: pathway_conf,
        source: pathway_source,
    } = steps::pathway(scenario, rules);
    if scenario.reporting_option == ReportingOption::App && !reporting {
        rec.assume(|| {
            "A non-reporting clinician is scored as traditional MIPS, not under the APP.".into()
        });
    }
    note_conf(pathway_conf);
    rec.step(|| TraceStep {
        step: StepKind::Pathway,
        title: format!("Scored as {scoring}"),
        detail: pathway_detail,
        confidence: pathway_conf,
        source: pathway_source,
    });

    // 3. Which categories are scored.
    let steps::Categories {
        mut outcomes,
        cost_for_all,
        confidence: categories_conf,
    } = steps::categories(scenario, rules, pathway, app_rules, &scoring);
    note_conf(categories_conf);
    let scored: Vec<&CategoryOutcome> = outcomes
        .iter()
        .filter(|o| o.status == CategoryStatus::Scored)
        .collect();
    let not_scored: BTreeSet<Category> = outcomes
        .iter()
        .filter(|o| o.status == CategoryStatus::NotScored)
        .map(|o| o.category)
        .collect();
    rec.step(|| TraceStep {
        step: StepKind::Categories,
        title: format!("{} of {} categories scored", scored.len(), outcomes.iter().filter(|o| o.status != CategoryStatus::Ignored).count()),
        detail: trace::categories_detail(&outcomes),
        confidence: cost_for_all.map_or(Confidence::Confirmed, |c| c.confidence),
        source: match cost_for_all {
            Some(covid) => format!("42 CFR 414.1380(c): a reweighted category is not scored; a required category not reported scores 0. Cost: {}", covid.source),
            None => "42 CFR 414.1380(c): a reweighted category is not scored; a required category not reported scores 0".into(),
        },
    });
    if practice.rural || practice.hpsa || practice.non_patient_facing {
        rec.step(|| special_status_step(scenario, rules));
    }

    // 4. Weights.
    let steps::WeightChoice {
        weights,
        reason: weights_reason,
        confidence: weights_conf,
        source: weights_source,
        fewer_than_two,
    } = steps::weights(
        rules,
        pathway,
        small,
        &scoring,
        &not_scored,
        cost_for_all,
        scored.len(),
    );
    note_conf(weights_conf);
    if weights_conf == Confidence::Assumed {
        rec.assume(|| format!("Weights {weights_reason} are assumed ({weights_source})."));
    }
    rec.step(|| TraceStep {
        step: StepKind::Weights,
        title: if fewer_than_two {
            "Weights do not apply".into()
        } else {
            format!("Weights {}", weights)
        },
        detail: format!("{} — {}.", capitalise(&weights_reason), weights_conf),
        confidence: weights_conf,
        source: weights_source.clone(),
    });

    // 5. Contributions.
    let weighted = steps::contributions(&mut outcomes, &weights, fewer_than_two);
    if !fewer_than_two {
        rec.step(|| trace::contributions_step(&outcomes, weighted));
    }

    // 6. Bonuses.
    let cpb_max = rules.complex_patient_bonus_max.value;
    let steps::Bonuses {
        complex_patient: cpb,
        small_practice: spb,
        lines: bonus_lines,
        confidence: bonus_conf,
    } = steps::bonuses(scenario, rules, fewer_than_two);
    if let Some(c) = bonus_conf {
        note_conf(c);
    }
    if !bonus_lines.is_empty() || cpb_max > 0.0 {
        rec.step(|| TraceStep {
            step: StepKind::Bonuses,
            title: if cpb + spb > 0.0 {
                format!("Bonuses +{}", number(cpb + spb))
            } else {
                "No bonus points added".into()
            },
            detail: if bonus_lines.is_empty() {
                "No complex patient bonus entered.".into()
            } else {
                bonus_lines.join(" ")
            },
            confidence: rules
                .small_practice_bonus
                .confidence
                .weakest(rules.complex_patient_bonus_max.confidence),
            source: format!(
                "{}; {}",
                rules.complex_patient_bonus_max.source, rules.small_practice_bonus.source
            ),
        });
    }

    // 7. Cap and final score.
    let steps::FinalScore {
        value: final_score,
        capped_by,
        published: fs_pub,
    } = steps::final_score(weighted, (cpb, spb), pt, fewer_than_two);
    rec.step(|| TraceStep {
        step: StepKind::Cap,
        title: format!("Final score {}", two_decimals(fs_pub)),
        detail: trace::cap_detail(
            weighted,
            (cpb, spb),
            final_score,
            capped_by,
            pt,
            fewer_than_two,
        ),
        confidence: Confidence::Confirmed,
        source: "42 CFR 414.1380(c): final score = min(100, weighted score + bonuses)".into(),
    });

    // 8. Maximum positive adjustment in use.
    let steps::MaxPositive {
        value: max_positive,
        origin,
        confidence: max_conf,
        source: max_source,
        exceptional_max,
    } = steps::max_positive(scenario, rules);

    // 9. Band and adjustment.
    let adj = adjustment_for(
        rules,
        final_score,
        max_positive,
        exceptional_max.unwrap_or(0.0),
    );
    rec.step(|| TraceStep {
        step: StepKind::Band,
        title: format!("Band: {}", adj.band.label()),
        detail: format!(
            "{} Bands use the score as CMS publishes it, to two decimals.",
            trace::band_detail(rules, adj.band, fs_pub)
        ),
        confidence: Confidence::Confirmed,
        source: "42 CFR 414.1405(b); band edges as in CMS, 2024 QPP Participation and Performance Results At-a-Glance, §5".into(),
    });
    let positive = adj.base > 0.0;
    let adj_conf = if positive {
        max_conf
    } else {
        rules.applicable_percent.confidence
    };
    if positive {
        note_conf(max_conf);
    }
    rec.step(|| TraceStep {
        step: StepKind::Adjustment,
        title: format!("Base adjustment {}", percent(adj.base)),
        detail: trace::adjustment_formula(rules, &adj, fs_pub, max_positive, origin),
        confidence: adj_conf,
        source: if positive {
            max_source.clone()
        } else {
            rules.applicable_percent.source.clone()
        },
    });
    match origin {
        MaxPositiveOrigin::DefaultAssumption => rec.assume(|| format!(
            "PY{} scaling factor not yet published: assumed {}% at a final score of 100 (the last published maximum).",
            rules.performance_year,
            number(max_positive)
        )),
        MaxPositiveOrigin::ScenarioAssumption => rec.assume(|| format!(
            "Maximum positive adjustment at 100 assumed {}% (set in the scenario).",
            number(max_positive)
        )),
        MaxPositiveOrigin::Published => {
            if max_conf == Confidence::Assumed && positive {
                rec.assume(|| format!(
                    "PY{}: the base part of the published maximum is assumed ({}% at 100; {}).",
                    rules.performance_year,
                    number(max_positive),
                    max_source
                ));
            }
        }
    }
    if let (Some(e), Some(emax)) = (&rules.exceptional_bonus, exceptional_max) {
        let conf = if scenario.assumptions.exceptional_bonus_max.is_some() {
            Confidence::Assumed
        } else {
            e.max_at_100.confidence
        };
        if adj.exceptional > 0.0 {
            note_conf(conf);
            if conf == Confidence::Assumed {
                rec.assume(|| {
                    format!(
                        "Exceptional bonus at 100 assumed {}% ({}).",
                        number(emax),
                        if scenario.assumptions.exceptional_bonus_max.is_some() {
                            "set in the scenario".to_string()
                        } else {
                            e.max_at_100.source.clone()
                        }
                    )
                });
            }
        }
        rec.step(|| {
            let (title, detail) =
                trace::exceptional_bonus_words(&adj, emax, e.threshold.value, fs_pub);
            TraceStep {
                step: StepKind::ExceptionalBonus,
                title,
                detail,
                confidence: conf,
                source: e.max_at_100.source.clone(),
            }
        });
    }

    // 10. Dollars.
    let total = adj.total();
    let steps::Dollars {
        charges,
        impact: dollar_impact,
    } = steps::dollars(practice, total);
    if let (Some(d), Some(imp)) = (charges, dollar_impact) {
        rec.step(|| TraceStep {
            step: StepKind::Dollars,
            title: format!("{} in {}", crate::format::signed_dollars(imp), rules.payment_year),
            detail: format!(
                "{} Part B allowed charges × {} = {}, assuming the same charges in payment year {}.",
                crate::format::dollars(d),
                percent_precise(total),
                crate::format::signed_dollars(imp),
                rules.payment_year
            ),
            confidence: adj_conf,
            source: "42 CFR 414.1405: the adjustment applies to Part B covered professional services paid in the payment year".into(),
        });
    }

    let mut result = ScoreResult {
        name: scenario.name.clone(),
        performance_year: rules.performance_year,
        payment_year: rules.payment_year,
        scoring,
        small_practice: small,
        categories: outcomes,
        weights,
        weights_reason,
        weights_confidence: weights_conf,
        weights_source,
        fewer_than_two_scored: fewer_than_two,
        weighted_score: if fewer_than_two { 0.0 } else { weighted },
        complex_patient_bonus: cpb,
        small_practice_bonus: spb,
        capped_by,
        final_score,
        final_score_published: fs_pub,
        performance_threshold: pt,
        band: adj.band,
        base_adjustment_percent: adj.base,
        exceptional_bonus_percent: adj.exceptional,
        payment_adjustment_percent: total,
        max_positive_adjustment: max_positive,
        max_positive_origin: origin,
        max_positive_basis: rules.max_positive_basis,
        exceptional_bonus_max: exceptional_max,
        part_b_allowed_charges: charges,
        dollar_impact,
        assumptions: rec.assumptions,
        confidence: weakest,
        trace: rec.steps,
    };
    built::attach(scenario, &mut result, explain);
    result
}

/// How rural, HPSA and non-patient-facing status act: through the category percents the user
/// enters, not as separate terms of the final score.
fn special_status_step(scenario: &Scenario, rules: &YearRules) -> TraceStep {
    let p = &scenario.practice;
    let mut which = Vec::new();
    if p.rural {
        which.push("rural");
    }
    if p.hpsa {
        which.push("HPSA");
    }
    if p.non_patient_facing {
        which.push("non-patient-facing");
    }
    let ia = if rules.performance_year <= 2024 {
        "improvement activities count double (a high-weighted activity is 40 of 40 points, a medium one 20)"
    } else {
        "one improvement activity gives full IA credit instead of two"
    };
    let mut detail = format!(
        "Special status ({}): {ia}; enter the IA percent as CMS scored it.",
        which.join(", ")
    );
    if p.non_patient_facing {
        detail.push_str(
            " Non-patient-facing clinicians who submit no PI data have PI reweighted: leave PI out.",
        );
    }
    TraceStep {
        step: StepKind::SpecialStatus,
        title: "Special status acts through the category scores".into(),
        detail,
        confidence: Confidence::Likely,
        source: "42 CFR 414.1380(b)(3) (improvement activities weighting by special status)".into(),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
