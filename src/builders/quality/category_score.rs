//! Step 6: the category percent — (achievement + bonus) / points available × 100, plus the
//! improvement points, at most 100 (42 CFR 414.1380(b)(1)) — and the measures as reported.

use super::bonus::Bonuses;
use super::improvement::Improvement;
use super::selection::Selection;
use super::{Entry, SOURCE_CATEGORY};
use crate::builders::{Marks, MeasureScore, Trace, num};
use crate::engine::MeasureStep;
use crate::rules::Confidence;

/// Step 6: the category's numerator and percent.
pub(super) struct CategoryScore {
    /// `None`: no measure could be scored (every one left both sides).
    pub(super) percent: Option<f64>,
    /// Achievement and bonus points.
    pub(super) numerator: f64,
    /// Improvement percentage points added.
    pub(super) improvement: f64,
    achievement: f64,
    bonus: f64,
    denominator: f64,
}

pub(super) fn category_score(
    selection: &Selection,
    bonuses: &Bonuses,
    improvement: Option<&Improvement>,
) -> CategoryScore {
    let (achievement, denominator) = (selection.achievement, selection.denominator);
    let improvement = improvement.map_or(0.0, |i| i.points);
    let numerator = achievement + bonuses.bonus + bonuses.complex;
    let percent = if denominator > 0.0 {
        Some((numerator / denominator * 100.0 + improvement).min(100.0))
    } else {
        None
    };
    CategoryScore {
        percent,
        numerator,
        improvement,
        achievement,
        bonus: bonuses.total(),
        denominator,
    }
}

impl CategoryScore {
    /// The score step of the trace.
    pub(super) fn record(&self, trace: &mut Trace) {
        let CategoryScore {
            percent,
            numerator,
            improvement,
            achievement,
            bonus,
            denominator,
        } = *self;
        match percent {
            Some(p) => trace.step(
                MeasureStep::QualityScore,
                format!("Quality {}%", num(p)),
                format!(
                    "({} achievement + {} bonus) / {} × 100{} = {}%{}",
                    num(achievement),
                    num(bonus),
                    num(denominator),
                    if improvement > 0.0 {
                        format!(" + {} improvement", num(improvement))
                    } else {
                        String::new()
                    },
                    num(numerator / denominator * 100.0 + improvement),
                    if numerator / denominator * 100.0 + improvement > 100.0 {
                        ", capped at 100"
                    } else {
                        ""
                    }
                ),
                Confidence::Confirmed,
                SOURCE_CATEGORY,
            ),
            None => trace.step(
                MeasureStep::QualityScore,
                "Quality not scored".into(),
                "no measure could be scored: every one was removed from numerator and denominator"
                    .into(),
                Confidence::Likely,
                SOURCE_CATEGORY,
            ),
        }
    }
}

/// The measures in input order (the 321 survey last), then one zero for each required measure
/// not reported, named when it is a measure of the APP's set.
pub(super) fn reported_measures(entries: Vec<Entry>, selection: &Selection) -> Vec<MeasureScore> {
    let mut measures: Vec<MeasureScore> = entries.into_iter().map(|e| e.score).collect();
    for k in 0..selection.missing {
        measures.push(MeasureScore {
            id: "missing".into(),
            collection_type: None,
            value: None,
            points: 0.0,
            max_points: 10.0,
            decile: None,
            counted: true,
            reason: match selection.missing_names.get(k) {
                Some(name) => format!("{name}, a measure of the set, not reported: 0 points"),
                None => "required measure not reported: 0 points".into(),
            },
            marks: Marks::default(),
            confidence: Confidence::Confirmed,
        });
    }
    measures
}
