//! Steps 6 and 7: the bonus points, and the final score capped at 100 as CMS publishes it.

use crate::rules::{Confidence, SmallPracticeBonusMode, YearRules};
use crate::scenario::Scenario;

/// Step 6: the bonus points added to the weighted score.
pub(in crate::engine) struct Bonuses {
    pub complex_patient: f64,
    /// The small-practice bonus on the final score (PY2018); 0 where it sits in the quality
    /// numerator.
    pub small_practice: f64,
    /// What happened to a complex patient bonus entered (None: none entered).
    pub complex_patient_line: Option<ComplexPatientLine>,
    /// What happened to the small-practice bonus (None: not a small practice, or no such
    /// bonus in the year).
    pub small_practice_line: Option<SmallPracticeLine>,
    /// The confidence of a bonus that was added, to weigh into the result's.
    pub confidence: Option<Confidence>,
}

impl Bonuses {
    /// Something to say about the bonuses.
    pub fn has_lines(&self) -> bool {
        self.complex_patient_line.is_some() || self.small_practice_line.is_some()
    }
}

/// What happened to the complex patient bonus entered (the trace words it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::engine) enum ComplexPatientLine {
    /// Fewer than two categories scored: the final score is the threshold.
    NotAddedAtThreshold,
    /// No data submitted.
    NotAddedNoData,
    /// Added, up to the year's maximum.
    Added,
}

/// What happened to the small-practice bonus (the trace words it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::engine) enum SmallPracticeLine {
    /// Added to the final score (PY2018).
    AddedToFinalScore,
    /// No data submitted.
    NotAddedNoData,
    /// Already inside the quality percent entered (its numerator, PY2019+).
    InQualityNumerator,
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
    let mut bonuses = Bonuses {
        complex_patient: 0.0,
        small_practice: 0.0,
        complex_patient_line: None,
        small_practice_line: None,
        confidence: None,
    };
    if fewer_than_two {
        if cpb_entered > 0.0 {
            bonuses.complex_patient_line = Some(ComplexPatientLine::NotAddedAtThreshold);
        }
        return bonuses;
    }
    if cpb_entered > 0.0 {
        bonuses.complex_patient_line = Some(if reporting {
            bonuses.complex_patient = cpb_entered.min(cpb_max);
            ComplexPatientLine::Added
        } else {
            ComplexPatientLine::NotAddedNoData
        });
    }
    let sp = &rules.small_practice_bonus;
    if small && sp.value.mode == SmallPracticeBonusMode::FinalScore {
        bonuses.small_practice_line = Some(if reporting {
            bonuses.small_practice = sp.value.points;
            bonuses.confidence = Some(sp.confidence);
            SmallPracticeLine::AddedToFinalScore
        } else {
            SmallPracticeLine::NotAddedNoData
        });
    } else if small && sp.value.mode == SmallPracticeBonusMode::QualityNumerator {
        bonuses.small_practice_line = Some(SmallPracticeLine::InQualityNumerator);
    }
    bonuses
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
