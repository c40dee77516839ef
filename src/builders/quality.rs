//! The quality category from its measures (42 CFR 414.1380(b)(1)), PY2017–2026.
//!
//! [`build`] runs one step per file, each returning a small typed intermediate that the next
//! steps read and that words its own trace step:
//!
//! 1. [`measure`]: each reported measure's points ([`benchmarked`]: deciles, partial points,
//!    floors, the cap, new-measure floors; otherwise a fixed score or out of both sides);
//! 2. [`survey`]: the CAHPS for MIPS summary measures as one measure (321);
//! 3. [`selection`]: which measures count and the points available — the APP's measure set
//!    ([`measure_set`]), the CMS Web Interface, or six with an outcome ([`six_measures`]);
//! 4. [`bonus`]: bonus points and the complex organization adjustment (numerator only);
//! 5. [`improvement`]: the improvement percent score (PY2018+);
//! 6. [`category_score`]: the category percent, and the measures as reported.

mod benchmarked;
mod bonus;
mod category_score;
mod improvement;
mod measure;
mod measure_set;
mod selection;
mod six_measures;
mod survey;

use serde::Serialize;

use super::{CategoryBuild, Context, MeasureScore, Trace};
use crate::measures::{CollectionType, QualityMeasure, YearMeasures};
use crate::rules::Category;

pub use benchmarked::benchmarked_points;
pub use measure_set::{MeasureSet, base_measure_id, measure_set_members};

/// How a measure's performance is given.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Performance {
    /// Percent (or the measure's own unit for non-proportion measures).
    Rate(f64),
    /// Performance numerator over performance denominator.
    Fraction { numerator: f64, denominator: f64 },
}

/// One reported quality measure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QualityMeasureInput {
    /// CMS measure id for the year ("047", "CAHPS_1", "479").
    pub id: String,
    pub collection_type: CollectionType,
    pub performance: Performance,
    /// Percent of eligible patients reported; `None`: 100.
    pub data_completeness: Option<f64>,
    /// Eligible cases; `None`: the performance denominator when given, otherwise meets the case
    /// minimum.
    pub cases: Option<u32>,
    /// Reported end to end electronically (bonus PY2017–2021); `None`: yes for eCQMs only.
    pub end_to_end: Option<bool>,
}

/// Last year's quality result, for improvement scoring (PY2018+).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct QualityImprovementInput {
    /// Last year's achievement percent (achievement points / available points, no bonuses).
    pub prior_achievement_percent: f64,
    /// Last year's quality category score (bonuses included); `None`: the achievement percent.
    pub prior_category_score: Option<f64>,
    /// Scored under facility-based measurement last year: no improvement score
    /// (42 CFR 414.1380(b)(1)(vi)(A)(4)).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub prior_facility_based: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QualityInput {
    pub measures: Vec<QualityMeasureInput>,
    pub improvement: Option<QualityImprovementInput>,
    /// Under the APP: which quality measure set is reported; `None`: the APP's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure_set: Option<MeasureSet>,
    /// The group registered for the CAHPS for MIPS survey but CMS's minimum beneficiary sample
    /// was not met (42 CFR 414.1380(b)(1)(vii)(B)).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cahps_sample_not_met: bool,
    /// Measures CMS excluded for significant changes that year (ICD-10, CPT or guideline
    /// changes; 42 CFR 414.1380(b)(1)(vii)(A)): out of numerator and denominator.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<String>,
}

/// The year's quality parameters (42 CFR 414.1380(b)(1), 414.1340).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct QualityYear {
    /// Data completeness threshold, percent.
    pub data_completeness: f64,
    /// Lowest achievement points of a benchmarked measure.
    pub floor: f64,
    /// High-priority and end-to-end bonus points (PY2017–2021).
    pub bonuses: bool,
    /// Small-practice bonus in the quality numerator (PY2019+).
    pub small_practice_bonus: f64,
    /// Improvement scoring (PY2018+).
    pub improvement: bool,
    /// New-measure floors of 7 (first year) and 5 (second year), PY2022+
    /// (42 CFR 414.1380(b)(1)(i)(A)(3) and (C)).
    pub new_measure_floors: bool,
    /// Complex organization adjustment for APM Entities and virtual groups (PY2025+).
    pub complex_organization: bool,
    /// Decimals CMS's engine keeps of a rate computed from numerator and denominator.
    pub rate_decimals: i32,
}

/// The quality parameters of a year.
pub fn year_parameters(year: u16) -> QualityYear {
    QualityYear {
        data_completeness: match year {
            ..=2017 => 50.0,
            2018 | 2019 => 60.0,
            2020..=2023 => 70.0,
            _ => 75.0,
        },
        floor: if year <= 2022 { 3.0 } else { 1.0 },
        bonuses: year <= 2021,
        small_practice_bonus: if year >= 2019 { 6.0 } else { 0.0 },
        improvement: year >= 2018,
        new_measure_floors: year >= 2022,
        complex_organization: year >= 2025,
        rate_decimals: if year <= 2020 { 4 } else { 2 },
    }
}

const SOURCE_CATEGORY: &str = "42 CFR 414.1380(b)(1)";
const SOURCE_POINTS: &str = "42 CFR 414.1380(b)(1)(i) (benchmarks, deciles and partial points)";
const SOURCE_DC: &str = "42 CFR 414.1340 (data completeness); 42 CFR 414.1380(b)(1)";
const SOURCE_CAP: &str = "42 CFR 414.1380(b)(1)(iv) (topped-out measures)";
const SOURCE_APP: &str = "42 CFR 414.1367(c)(1)";
const SOURCE_COUNT: &str =
    "42 CFR 414.1335(a)(1) (six measures, one outcome); 42 CFR 414.1380(b)(1)";
const SOURCE_BONUS: &str = "42 CFR 414.1380(b)(1) (bonus points)";
const SOURCE_COA: &str = "42 CFR 414.1380(b)(1)(vii)(C) (complex organization adjustment)";
const SOURCE_IMPROVEMENT: &str = "42 CFR 414.1380(b)(1)(vi) (quality improvement percent score)";
const SOURCE_CAHPS: &str =
    "42 CFR 414.1380(b)(1)(vii)(B) (CAHPS for MIPS survey registered, sample not met)";
const SOURCE_SUPPRESSED: &str =
    "42 CFR 414.1380(b)(1)(vii)(A) (measures impacted by significant changes)";
const SOURCE_APP_SET: &str = "42 CFR 414.1367(c)(1); CMS, APP and APP Plus quality measure sets in the year's measures file (allowedPrograms)";

/// The first year CMS excludes quality measures impacted by significant changes.
pub const SUPPRESSION_FIRST_YEAR: u16 = 2020;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    /// Scored against a benchmark.
    Benchmarked,
    /// A fixed score: no benchmark, under the case minimum, or under data completeness.
    Fixed,
    /// Out of numerator and denominator.
    Removed,
}

struct Entry<'a> {
    id: String,
    collection_type: CollectionType,
    measure: Option<&'a QualityMeasure>,
    rate: Option<f64>,
    status: Status,
    score: MeasureScore,
    dc_met: bool,
    cases_met: bool,
    end_to_end: bool,
    administrative: bool,
    /// Excluded by CMS for significant changes (out of numerator and denominator).
    suppressed: bool,
    /// Index of the input (the 321 survey built from CAHPS rows has none).
    input: Option<usize>,
}

impl Entry<'_> {
    fn outcome(&self) -> bool {
        self.measure.is_some_and(QualityMeasure::is_outcome)
    }
    fn high_priority(&self) -> bool {
        self.measure.is_some_and(|m| m.high_priority)
    }
    fn outcome_or_experience(&self) -> bool {
        self.measure
            .is_some_and(QualityMeasure::is_outcome_or_experience)
    }
}

/// The rate a performance gives, rounded as CMS's engine rounds a computed rate.
pub fn rate_of(performance: Performance, year: u16) -> Option<f64> {
    match performance {
        Performance::Rate(r) if r.is_finite() => Some(r),
        Performance::Rate(_) => None,
        Performance::Fraction {
            numerator,
            denominator,
        } => {
            if denominator > 0.0 && numerator.is_finite() {
                let scale = 10f64.powi(year_parameters(year).rate_decimals);
                Some((numerator / denominator * 100.0 * scale).round() / scale)
            } else {
                None
            }
        }
    }
}

/// Scores the quality category from its measures.
pub fn build(data: &YearMeasures, context: &Context, input: &QualityInput) -> CategoryBuild {
    let year = context.performance_year;
    let mut trace = Trace::new();

    // 1. Each reported measure's points; 2. the CAHPS for MIPS survey as one measure (321).
    let mut entries = measure::score_all(data, context, input);
    survey::fold_survey(data, context, &mut entries);
    measure::record(&entries, input.measures.len(), year, &mut trace);

    // 3. Which measures count, and the points available.
    let selection = selection::select(data, context, input, &mut entries);
    selection.record(&mut trace);

    // 4. Bonus points (numerator only).
    let bonuses = bonus::bonuses(context, &entries, &selection);
    bonuses.record(&mut trace);

    // 5. Improvement (PY2018+).
    let improvement = improvement::improvement(year, input.improvement, &entries, &selection);
    if let Some(improvement) = &improvement {
        improvement.record(&mut trace);
    }

    // 6. The category percent, and the measures in input order (the 321 survey last, then the
    // required measures not reported).
    let score = category_score::category_score(&selection, &bonuses, improvement.as_ref());
    score.record(&mut trace);
    let measures = category_score::reported_measures(entries, &selection);

    let (steps, confidence) = trace.finish();
    CategoryBuild {
        category: Category::Quality,
        performance_year: year,
        percent: score.percent,
        measures,
        numerator: score.numerator,
        denominator: selection.denominator,
        bonus_points: bonuses.total(),
        improvement: score.improvement,
        confidence,
        steps,
    }
}
