//! Steps 6 and 7: the bonus points, and the final score capped at 100 as CMS publishes it.

use crate::format::number;
use crate::rules::{Confidence, SmallPracticeBonusMode, YearRules};
use crate::scenario::Scenario;

/// Step 6: the bonus points added to the weighted score.
pub(in crate::engine) struct Bonuses {
    pub complex_patient: f64,
    /// The small-practice bonus on the final score (PY2018); 0 where it sits in the quality
    /// numerator.
    pub small_practice: f64,
    /// What was added or not, and why, in words.
    pub lines: Vec<String>,
    /// The confidence of a bonus that was added, to weigh into the result's.
    pub confidence: Option<Confidence>,
}

pub(in crate::engine) fn bonuses(
    scenario: &Scenario,
    rules: &YearRules,
    fewer_than_two: bool,
) -> Bonuses {
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
pub(in crate::engine) struct FinalScore {
    pub value: f64,
    /// Points lost to the cap.
    pub capped_by: f64,
    /// The score CMS publishes (two decimals): it decides everything from here on.
    pub published: f64,
}

pub(in crate::engine) fn final_score(
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
        published: crate::engine::published_score(value),
    }
}
