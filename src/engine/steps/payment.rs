//! Steps 8 to 10: the maxima at 100 in use, the band and the payment adjustment (with the
//! exceptional bonus in PY2017–2022), and what it is worth in dollars.

use super::FinalScore;
use crate::engine::{Adjustment, MaxPositiveOrigin, adjustment_for};
use crate::rules::{Confidence, YearRules};
use crate::scenario::{Practice, Scenario};

/// Step 8: the maxima at a final score of 100 in use.
pub(in crate::engine) struct MaxPositive<'a> {
    /// The base positive maximum, percent.
    pub value: f64,
    /// Where it comes from (published, the year's default assumption, the scenario).
    pub origin: MaxPositiveOrigin,
    pub confidence: Confidence,
    pub source: &'a str,
    /// The exceptional bonus at 100, percent, in years that have one.
    pub exceptional_max: Option<f64>,
}

pub(in crate::engine) fn max_positive<'a>(
    scenario: &Scenario,
    rules: &'a YearRules,
) -> MaxPositive<'a> {
    let (value, origin, confidence, source) = match scenario.assumptions.max_positive_adjustment {
        Some(m) if m.is_finite() => (
            m.clamp(0.0, rules.max_positive_limit()),
            MaxPositiveOrigin::ScenarioAssumption,
            Confidence::Assumed,
            "set in the scenario's [assumptions]",
        ),
        _ => {
            let d = rules.default_max_positive();
            let origin = if rules.max_positive_adjustment.is_some() {
                MaxPositiveOrigin::Published
            } else {
                MaxPositiveOrigin::DefaultAssumption
            };
            (d.value, origin, d.confidence, d.source.as_str())
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
pub(in crate::engine) struct Payment {
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

pub(in crate::engine) fn payment(
    rules: &YearRules,
    final_score: &FinalScore,
    max: &MaxPositive<'_>,
) -> Payment {
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
pub(in crate::engine) struct ExceptionalBonus<'a> {
    /// The year's bonus rules (its threshold and its published maximum).
    pub rules: &'a crate::rules::ExceptionalBonus,
    /// The bonus at a final score of 100 in use, percent.
    pub max: f64,
    /// The maximum was set in the scenario's `[assumptions]`.
    pub set_in_scenario: bool,
    pub confidence: Confidence,
}

pub(in crate::engine) fn exceptional_bonus<'a>(
    scenario: &Scenario,
    rules: &'a YearRules,
    max: &MaxPositive<'_>,
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
pub(in crate::engine) struct Dollars {
    /// The Part B allowed charges entered (a usable amount only).
    pub charges: Option<f64>,
    /// The charges times the adjustment.
    pub impact: Option<f64>,
}

pub(in crate::engine) fn dollars(practice: &Practice, total_percent: f64) -> Dollars {
    let charges = practice
        .part_b_allowed_charges
        .filter(|d| d.is_finite() && *d >= 0.0);
    Dollars {
        charges,
        impact: charges.map(|d| d * total_percent / 100.0),
    }
}
