//! Step 5: the quality improvement percent score (PY2018+, 42 CFR 414.1380(b)(1)(vi)): the
//! rise in achievement percent over last year's (or over 30 when last year's score was 30% or
//! less), as up to 10 percentage points.

use super::selection::Selection;
use super::{Entry, QualityImprovementInput, SOURCE_IMPROVEMENT, year_parameters};
use crate::builders::{Trace, num};
use crate::engine::MeasureStep;
use crate::rules::Confidence;

/// Step 5: the improvement percentage points and why.
pub(super) struct Improvement {
    pub(super) points: f64,
    detail: String,
    /// Full improvement with a prior achievement of 0 is assumed.
    confidence: Confidence,
}

impl Improvement {
    /// The improvement step of the trace.
    pub(super) fn record(&self, trace: &mut Trace) {
        trace.note(self.confidence);
        trace.step(
            MeasureStep::QualityImprovement,
            format!("Quality improvement +{}", num(self.points)),
            self.detail.clone(),
            Confidence::Confirmed,
            SOURCE_IMPROVEMENT,
        );
    }
}

/// `None` when the year has no improvement scoring or last year's result is not given.
pub(super) fn improvement(
    year: u16,
    prior: Option<QualityImprovementInput>,
    entries: &[Entry],
    selection: &Selection,
) -> Option<Improvement> {
    let prior = prior.filter(|_| year_parameters(year).improvement)?;
    let (achievement, denominator) = (selection.achievement, selection.denominator);
    let mut improvement = 0.0;
    let mut confidence = Confidence::Confirmed;
    let achievement_percent = if denominator > 0.0 {
        achievement / denominator * 100.0
    } else {
        0.0
    };
    let full_participation = selection.missing == 0
        && selection.counted.iter().all(|&i| entries[i].dc_met)
        && (selection.app || selection.web_interface || selection.outcome_slot.is_some());
    let prior_score = prior
        .prior_category_score
        .unwrap_or(prior.prior_achievement_percent);
    let base = if prior_score <= 30.0 {
        30.0
    } else {
        prior.prior_achievement_percent
    };
    let detail;
    if prior.prior_facility_based {
        detail =
            "no improvement score: scored under facility-based measurement last year".to_string();
    } else if !full_participation {
        detail = "no improvement score: every required measure must be submitted and meet data completeness".to_string();
    } else if base <= 0.0 {
        improvement = if achievement_percent > 0.0 { 10.0 } else { 0.0 };
        confidence = Confidence::Assumed;
        detail =
            "prior achievement 0 with a prior score above 30%: full improvement assumed".into();
    } else {
        improvement = ((achievement_percent - base) / base * 10.0).clamp(0.0, 10.0);
        detail = format!(
            "({}% − {}%) / {}% × 10 = {} (0 to 10); base {} because last year's category score was {}",
            num(achievement_percent),
            num(base),
            num(base),
            num(improvement),
            if prior_score <= 30.0 {
                "30".to_string()
            } else {
                "last year's achievement".to_string()
            },
            if prior_score <= 30.0 {
                format!("{}% (30% or less)", num(prior_score))
            } else {
                format!("{}%", num(prior_score))
            },
        );
    }
    Some(Improvement {
        points: improvement,
        detail,
        confidence,
    })
}
