//! The scoring engine: a scenario and its year's rules in, the final score, the payment
//! adjustment and a rule trace out. Pure: no I/O, no terminal, no clock.

mod adjustment;
mod built;

use std::collections::BTreeSet;

use serde::Serialize;

pub use adjustment::{
    Adjustment, Band, POSITIVE_SPLIT_SCORE, adjustment_for, band_for, band_ranges, published_score,
};
pub use built::{BuildSummary, BuiltFrom};

use crate::format::{number, percent, percent_precise, two};
use crate::rules::{
    Category, Confidence, Pathway, RuleSet, SmallPracticeBonusMode, Weights, YearRules,
};
use crate::scenario::{Participation, Problem, ReportingOption, Scenario, check};

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
    /// Stable identifier: year, pathway, categories, special_status, weights, contributions,
    /// bonuses, cap, band, adjustment, exceptional_bonus, dollars.
    pub step: &'static str,
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
        step: "year",
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
    let app_rules = rules.app.as_ref();
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
    let (pathway_detail, pathway_conf, pathway_source) = if !reporting {
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
    if scenario.reporting_option == ReportingOption::App && !reporting {
        rec.assume(|| {
            "A non-reporting clinician is scored as traditional MIPS, not under the APP.".into()
        });
    }
    note_conf(pathway_conf);
    rec.step(|| TraceStep {
        step: "pathway",
        title: format!("Scored as {scoring}"),
        detail: pathway_detail,
        confidence: pathway_conf,
        source: pathway_source,
    });

    // 3. Which categories are scored.
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
                format!("weighted 0 under the {}", scoring)
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
            note_conf(covid.confidence);
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
                        note_conf(floor.confidence);
                    }
                }
            }
        }
        outcomes.push(out);
    }
    let describe_cat = |o: &CategoryOutcome| match o.score {
        Some(s) => format!("{} {}", o.category.short(), number(s)),
        None => o.category.short().to_string(),
    };
    let scored: Vec<&CategoryOutcome> = outcomes
        .iter()
        .filter(|o| o.status == CategoryStatus::Scored)
        .collect();
    let not_scored: BTreeSet<Category> = outcomes
        .iter()
        .filter(|o| o.status == CategoryStatus::NotScored)
        .map(|o| o.category)
        .collect();
    let cat_detail = || {
        let mut cat_detail = format!(
            "Scored: {}.",
            if scored.is_empty() {
                "none".into()
            } else {
                scored
                    .iter()
                    .map(|o| describe_cat(o))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        );
        for o in outcomes
            .iter()
            .filter(|o| o.status != CategoryStatus::Scored)
        {
            cat_detail.push_str(&format!(
                " {}: {}.",
                o.category.short(),
                o.note.clone().unwrap_or_default()
            ));
        }
        for o in outcomes
            .iter()
            .filter(|o| o.status == CategoryStatus::Scored && o.note.is_some())
        {
            cat_detail.push_str(&format!(
                " {}: {}.",
                o.category.short(),
                o.note.clone().unwrap_or_default()
            ));
        }
        cat_detail
    };
    rec.step(|| TraceStep {
        step: "categories",
        title: format!("{} of {} categories scored", scored.len(), outcomes.iter().filter(|o| o.status != CategoryStatus::Ignored).count()),
        detail: cat_detail(),
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
    let fewer_than_two = scored.len() < 2;
    let practice_words = if small { "small practice, " } else { "" };
    // The row looked up: cost counts as not scored where CMS weighted it 0% for everyone.
    let mut lookup = not_scored.clone();
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
                number(pt)
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
                    format!("{}, ", scoring)
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
    let fewer_than_two = fewer_than_two || weights.sum() == 0.0;
    note_conf(weights_conf);
    if weights_conf == Confidence::Assumed {
        rec.assume(|| format!("Weights {weights_reason} are assumed ({weights_source})."));
    }
    rec.step(|| TraceStep {
        step: "weights",
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
    let mut weighted = 0.0;
    for o in outcomes.iter_mut() {
        o.weight = weights.get(o.category);
        if o.status == CategoryStatus::Scored && !fewer_than_two {
            o.contribution = o.weight * o.score.unwrap_or(0.0) / 100.0;
            weighted += o.contribution;
        }
    }
    // Clean floating noise (e.g. 74.99999999999999) without changing real decimals.
    let weighted = (weighted * 1e9).round() / 1e9;
    if !fewer_than_two {
        rec.step(|| {
            let parts: Vec<String> = outcomes
                .iter()
                .filter(|o| o.status == CategoryStatus::Scored && o.weight > 0.0)
                .map(|o| {
                    format!(
                        "{} {} × {}% = {}",
                        o.category.short(),
                        number(o.score.unwrap_or(0.0)),
                        crate::format::weight(o.weight),
                        two(o.contribution)
                    )
                })
                .collect();
            TraceStep {
                step: "contributions",
                title: format!("Weighted score {}", two(weighted)),
                detail: format!("{}; total {}.", parts.join("; "), two(weighted)),
                confidence: Confidence::Confirmed,
                source: "42 CFR 414.1380(c): weighted score = Σ weight × category score / 100"
                    .into(),
            }
        });
    }

    // 6. Bonuses.
    let cpb_max = rules.complex_patient_bonus_max.value;
    let cpb_entered = if scenario.complex_patient_bonus.is_finite() {
        scenario.complex_patient_bonus.max(0.0)
    } else {
        0.0
    };
    let mut cpb = 0.0;
    let mut spb = 0.0;
    // Formatted lines only when the trace is recorded (score_numbers builds no text).
    let mut bonus_lines = Vec::new();
    if fewer_than_two {
        if cpb_entered > 0.0 {
            bonus_lines.push(
                "Complex patient bonus not added: the final score is the performance threshold."
                    .to_string(),
            );
        }
    } else {
        if cpb_entered > 0.0 {
            if !reporting {
                bonus_lines.push("Complex patient bonus not added: it needs data submitted in at least one category.".into());
            } else {
                cpb = cpb_entered.min(cpb_max);
                if explain {
                    bonus_lines.push(format!(
                        "Complex patient bonus +{} (PY{} maximum {}).",
                        number(cpb),
                        rules.performance_year,
                        number(cpb_max)
                    ));
                }
            }
        }
        let sp = &rules.small_practice_bonus;
        if small && sp.value.mode == SmallPracticeBonusMode::FinalScore {
            if reporting {
                spb = sp.value.points;
                if explain {
                    bonus_lines.push(format!(
                        "Small-practice bonus +{} on the final score.",
                        number(spb)
                    ));
                }
                note_conf(sp.confidence);
            } else {
                bonus_lines.push("Small-practice bonus not added: it needs data submitted.".into());
            }
        } else if small && sp.value.mode == SmallPracticeBonusMode::QualityNumerator && explain {
            bonus_lines.push(format!(
                "Small-practice bonus: +{} points in the quality numerator, already inside the quality percent entered.",
                number(sp.value.points)
            ));
        }
    }
    if !bonus_lines.is_empty() || cpb_max > 0.0 {
        rec.step(|| TraceStep {
            step: "bonuses",
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
    let (final_score, capped_by) = if fewer_than_two {
        (pt, 0.0)
    } else {
        let raw = weighted + cpb + spb;
        (raw.min(100.0), (raw - 100.0).max(0.0))
    };
    // The score CMS publishes (two decimals) decides everything from here on.
    let fs_pub = published_score(final_score);
    let rounding_words = || {
        if (final_score - fs_pub).abs() > 1e-9 {
            format!(
                " CMS publishes it to two decimals: {} → {}, the score that sets the band, the adjustment and the dollars.",
                number(final_score),
                two(fs_pub)
            )
        } else {
            " CMS publishes it with two decimals.".to_string()
        }
    };
    rec.step(|| TraceStep {
        step: "cap",
        title: format!("Final score {}", two(fs_pub)),
        detail: if fewer_than_two {
            format!("Fewer than two categories scored: the final score is the performance threshold, {}, whatever the scores and bonuses.", number(pt))
        } else if capped_by > 0.0 {
            format!("{} + {} bonus = {}, capped at 100 ({} points lost to the cap).", number(weighted), number(cpb + spb), number(weighted + cpb + spb), number(capped_by))
        } else {
            format!("{} + {} bonus = {}; under the cap of 100.{}", number(weighted), number(cpb + spb), number(final_score), rounding_words())
        },
        confidence: Confidence::Confirmed,
        source: "42 CFR 414.1380(c): final score = min(100, weighted score + bonuses)".into(),
    });

    // 8. Maximum positive adjustment in use.
    let (max_positive, origin, max_conf, max_source) =
        match scenario.assumptions.max_positive_adjustment {
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

    // 9. Band and adjustment.
    let adj = adjustment_for(
        rules,
        final_score,
        max_positive,
        exceptional_max.unwrap_or(0.0),
    );
    let band_detail = || match adj.band {
        Band::MaxNegative => format!(
            "{} ≤ {} (a quarter of the threshold): the full −{}%.",
            two(fs_pub),
            two(pt / 4.0),
            number(ap)
        ),
        Band::Negative => format!(
            "{} is above {} and below the threshold {}: linear scale from −{}% at 0 to 0% at {}.",
            two(fs_pub),
            two(pt / 4.0),
            number(pt),
            number(ap),
            number(pt)
        ),
        Band::Neutral => format!(
            "{} equals the performance threshold: no adjustment.",
            two(fs_pub)
        ),
        Band::Positive => format!(
            "{} is above the threshold {}: linear scale from 0% to the maximum at 100.",
            two(fs_pub),
            number(pt)
        ),
        Band::Positive89Plus => format!(
            "{} is 89 or more (CMS keeps this split to compare with the old exceptional band).",
            two(fs_pub)
        ),
        Band::Exceptional => format!(
            "{} is at or above the additional performance threshold {}: the exceptional performance bonus applies too.",
            two(fs_pub),
            number(
                rules
                    .exceptional_bonus
                    .as_ref()
                    .map_or(0.0, |e| e.threshold.value)
            )
        ),
    };
    rec.step(|| TraceStep {
        step: "band",
        title: format!("Band: {}", adj.band.label()),
        detail: format!(
            "{} Bands use the score as CMS publishes it, to two decimals.",
            band_detail()
        ),
        confidence: Confidence::Confirmed,
        source: "42 CFR 414.1405(b); band edges as in CMS, 2024 QPP Participation and Performance Results At-a-Glance, §5".into(),
    });
    let formula = || match adj.band {
        Band::MaxNegative => format!("−{}% (the floor).", number(ap)),
        Band::Negative => format!(
            "−{} × ({} − {}) / {} = {}.",
            number(ap),
            number(pt),
            two(fs_pub),
            number(pt),
            percent_precise(adj.base)
        ),
        Band::Neutral => "0%.".to_string(),
        _ => format!(
            "{} × ({} − {}) / ({} − {}) = {}, where {}% is the base adjustment at 100 ({}).",
            number(max_positive),
            two(fs_pub),
            number(pt),
            100,
            number(pt),
            percent_precise(adj.base),
            number(max_positive),
            match origin {
                MaxPositiveOrigin::Published => rules.max_positive_basis.label(),
                MaxPositiveOrigin::DefaultAssumption => "ASSUMED: not yet published",
                MaxPositiveOrigin::ScenarioAssumption => "ASSUMED: set in the scenario",
            }
        ),
    };
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
        step: "adjustment",
        title: format!("Base adjustment {}", percent(adj.base)),
        detail: formula(),
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
        let apt = e.threshold.value;
        // Text only when the trace is recorded (score_numbers builds none).
        let texts = || {
            if adj.exceptional > 0.0 {
                (
                    format!("Exceptional performance bonus {}", percent(adj.exceptional)),
                    format!(
                        "{} × (0.5 + 9.5 × ({} − {}) / ({} − {})) = {}; {}% at 100.",
                        number(emax / 10.0),
                        two(fs_pub.max(apt)),
                        number(apt),
                        100,
                        number(apt),
                        percent_precise(adj.exceptional),
                        number(emax)
                    ),
                )
            } else {
                (
                    "No exceptional performance bonus".to_string(),
                    format!(
                        "It starts at the additional performance threshold, {}.",
                        number(apt)
                    ),
                )
            }
        };
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
            let (title, detail) = texts();
            TraceStep {
                step: "exceptional_bonus",
                title,
                detail,
                confidence: conf,
                source: e.max_at_100.source.clone(),
            }
        });
    }

    // 10. Dollars.
    let total = adj.total();
    let charges = practice
        .part_b_allowed_charges
        .filter(|d| d.is_finite() && *d >= 0.0);
    let dollar_impact = charges.map(|d| d * total / 100.0);
    if let (Some(d), Some(imp)) = (charges, dollar_impact) {
        rec.step(|| TraceStep {
            step: "dollars",
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
        step: "special_status",
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
