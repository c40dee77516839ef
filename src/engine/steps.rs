//! Steps of the computation that stand alone, each returning a small typed intermediate that
//! `evaluate` reads (and the trace is worded from). The numbers-only path calls the same
//! functions.

use super::MaxPositiveOrigin;
use crate::rules::{AppRules, Confidence, Pathway, YearRules};
use crate::scenario::{Practice, ReportingOption, Scenario};

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
