//! The cost category from its measures (42 CFR 414.1380(b)(2)), PY2018–2026.

use crate::engine::MeasureStep;
use serde::Serialize;

use super::points::{place, round4};
use super::{CategoryBuild, Context, Marks, MeasureScore, Trace, num};
use crate::measures::{CollectionType, YearMeasures};
use crate::rules::{Category, Confidence};

/// What is known of one cost measure.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CostValue {
    /// The measure's cost in dollars, as CMS's feedback reports it.
    Cost(f64),
    /// The measure's achievement points, when only those are known.
    Points(f64),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostMeasureInput {
    /// CMS's id ("TPCC_1", "MSPB_1", "COST_KA_1").
    pub id: String,
    pub value: CostValue,
    /// Attributed beneficiaries or episodes; `None`: meets the case minimum.
    pub cases: Option<u32>,
}

/// Last year's cost result, for improvement scoring.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CostImprovementInput {
    /// Last year's cost category percent (same identifier, scored both years).
    pub prior_percent: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CostInput {
    pub measures: Vec<CostMeasureInput>,
    pub improvement: Option<CostImprovementInput>,
    /// Measures CMS excluded for significant changes that year (PY2022+): not scored.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<String>,
}

/// The first year CMS excludes cost measures impacted by significant changes.
pub const SUPPRESSION_FIRST_YEAR: u16 = 2022;

/// Procedural episode-based measures (case minimum 10); which measure is of which kind is taken
/// from CMS's measure specifications as recalled, not from a stored source.
const PROCEDURAL: [&str; 15] = [
    "COST_AKID_1",
    "COST_CCLI_1",
    "COST_CRR_1",
    "COST_EOPCI_1",
    "COST_FIHR_1",
    "COST_HAC_1",
    "COST_IOL_1",
    "COST_KA_1",
    "COST_LPMSM_1",
    "COST_LSFDD_1",
    "COST_MR_1",
    "COST_NECABG_1",
    "COST_PHA_1",
    "COST_RUSST_1",
    "COST_SSC_1",
];

/// A cost measure's case minimum and its confidence (42 CFR 414.1350(c)).
pub fn case_minimum(id: &str) -> (u32, Confidence) {
    match id {
        "TPCC_1" => (20, Confidence::Confirmed),
        "MSPB_1" => (35, Confidence::Confirmed),
        _ if PROCEDURAL.contains(&id) => (10, Confidence::Assumed),
        // Acute inpatient medical condition (20, confirmed) and chronic condition (20, likely)
        // episode measures: 20 either way; the kind is from recalled specifications.
        _ => (20, Confidence::Likely),
    }
}

const SOURCE: &str =
    "42 CFR 414.1380(b)(2) (cost achievement points); 42 CFR 414.1350(c) (case minimums)";
const SOURCE_MEDIAN: &str = "CMS, 2024 QPP Participation and Performance Results At-a-Glance, §7 (national median cost at 10% of the performance threshold)";
const SOURCE_IMPROVEMENT: &str = "42 CFR 414.1380(b)(2) (cost improvement score)";
const SOURCE_SUPPRESSED: &str =
    "42 CFR 414.1380(b)(2) (cost measures impacted by significant changes)";

/// Scores the cost category from its measures; `percent` is `None` (not scored) when no measure
/// has a benchmark and meets its case minimum.
pub fn build(data: &YearMeasures, context: &Context, input: &CostInput) -> CategoryBuild {
    let year = context.performance_year;
    let mut trace = Trace::new();
    let mut measures = Vec::with_capacity(input.measures.len());
    let mut suppressed = Vec::new();
    for m in &input.measures {
        let mut score = score_measure(data, year, m);
        if input.suppressed.contains(&m.id) && year >= SUPPRESSION_FIRST_YEAR {
            score.counted = false;
            score.reason = "excluded by CMS for significant changes: not scored".to_string();
            suppressed.push(m.id.clone());
        }
        measures.push(score);
    }
    for m in &measures {
        trace.note(m.confidence);
    }
    let scored: Vec<&MeasureScore> = measures.iter().filter(|m| m.counted).collect();
    let lines: Vec<String> = measures
        .iter()
        .map(|m| {
            let value = match m.value {
                Some(v) => format!(" ${}", num(v)),
                None => String::new(),
            };
            format!("{}{value} → {}: {}", m.id, num(m.points), m.reason)
        })
        .collect();
    let median_method = year >= 2024;
    trace.step(
        MeasureStep::CostMeasures,
        format!(
            "Cost: {} of {} measures scored against the PY{year} benchmarks",
            scored.len(),
            measures.len()
        ),
        lines.join("; "),
        Confidence::Confirmed,
        &match (median_method, suppressed.is_empty()) {
            (true, true) => format!("{SOURCE}; {SOURCE_MEDIAN}"),
            (true, false) => format!("{SOURCE}; {SOURCE_MEDIAN}; {SOURCE_SUPPRESSED}"),
            (false, true) => SOURCE.to_string(),
            (false, false) => format!("{SOURCE}; {SOURCE_SUPPRESSED}"),
        },
    );
    let denominator = 10.0 * scored.len() as f64;
    let achievement: f64 = scored.iter().map(|m| m.points).sum();
    let mut improvement = 0.0;
    let percent = if year <= 2017 {
        trace.step(
            MeasureStep::CostScore,
            "Cost not scored".into(),
            "PY2017: cost is weighted 0 (feedback only)".into(),
            Confidence::Confirmed,
            "42 CFR 414.1380(b)(2)",
        );
        None
    } else if scored.is_empty() {
        let why = if data
            .benchmarks
            .iter()
            .all(|b| data.cost_measure(&b.id).is_none())
        {
            format!("CMS published no PY{year} cost benchmarks: cost was reweighted for everyone")
        } else {
            format!(
                "no measure has a benchmark and meets its case minimum{}",
                if suppressed.is_empty() {
                    ""
                } else {
                    " (excluded measures are not scored)"
                }
            )
        };
        trace.step(
            MeasureStep::CostScore,
            "Cost not scored".into(),
            format!("{why}; its weight goes to the other categories"),
            Confidence::Confirmed,
            "42 CFR 414.1380(b)(2)",
        );
        None
    } else {
        let achievement_percent = achievement / denominator * 100.0;
        if let Some(prior) = input.improvement {
            if year >= 2023 {
                if prior.prior_percent > 0.0 {
                    improvement = ((achievement_percent - prior.prior_percent)
                        / prior.prior_percent)
                        .clamp(0.0, 1.0);
                }
                trace.step(
                    MeasureStep::CostImprovement,
                    format!("Cost improvement +{}", num(improvement)),
                    format!(
                        "({}% − {}%) / {}% × 1 percentage point = {} (0 to 1)",
                        num(achievement_percent),
                        num(prior.prior_percent),
                        num(prior.prior_percent),
                        num(improvement)
                    ),
                    Confidence::Confirmed,
                    SOURCE_IMPROVEMENT,
                );
            } else {
                trace.step(
                    MeasureStep::CostImprovement,
                    "Cost improvement 0".into(),
                    format!("PY{year}: the cost improvement score's maximum is 0"),
                    Confidence::Confirmed,
                    SOURCE_IMPROVEMENT,
                );
            }
        }
        let p = (achievement_percent + improvement).min(100.0);
        trace.step(
            MeasureStep::CostScore,
            format!("Cost {}%", num(p)),
            format!(
                "{} points / {} available × 100{} = {}%",
                num(achievement),
                num(denominator),
                if improvement > 0.0 {
                    format!(" + {} improvement", num(improvement))
                } else {
                    String::new()
                },
                num(p)
            ),
            Confidence::Confirmed,
            "42 CFR 414.1380(b)(2)",
        );
        Some(p)
    };
    let (steps, confidence) = trace.finish();
    CategoryBuild {
        category: Category::Cost,
        performance_year: year,
        percent,
        measures,
        numerator: achievement,
        denominator,
        bonus_points: 0.0,
        improvement,
        confidence,
        steps,
    }
}

/// One cost measure's achievement points.
pub fn score_measure(data: &YearMeasures, year: u16, input: &CostMeasureInput) -> MeasureScore {
    let benchmark = data.benchmark(&input.id, CollectionType::AdministrativeClaims);
    let (minimum, minimum_confidence) = case_minimum(&input.id);
    let value = match input.value {
        CostValue::Cost(c) => Some(c),
        CostValue::Points(_) => None,
    };
    let mut score = MeasureScore {
        id: input.id.clone(),
        collection_type: Some(CollectionType::AdministrativeClaims),
        value,
        points: 0.0,
        max_points: 10.0,
        decile: None,
        counted: false,
        reason: String::new(),
        marks: Marks::default(),
        confidence: Confidence::Confirmed,
    };
    if data.cost_measure(&input.id).is_none() {
        score.reason = format!("not a PY{year} cost measure");
        return score;
    }
    let Some(benchmark) = benchmark else {
        score.reason = format!("no PY{year} benchmark: not scored");
        return score;
    };
    if let Some(cases) = input.cases
        && cases < minimum
    {
        score.reason = format!("{cases} cases, under the case minimum of {minimum}: not scored");
        score.confidence = minimum_confidence;
        return score;
    }
    score.counted = true;
    match input.value {
        CostValue::Points(p) => {
            score.points = round4(if p.is_finite() {
                p.clamp(1.0, 10.0)
            } else {
                1.0
            });
            score.reason = "points as given".into();
        }
        CostValue::Cost(c) => {
            let placement = place(benchmark, c);
            score.decile = placement.decile;
            let mut points = round4(placement.raw_points);
            score.reason = match (placement.decile, placement.from, placement.to) {
                (Some(10), _, _) => "decile 10".into(),
                (Some(d), Some(from), Some(to)) => format!(
                    "decile {d}: {d} + {}/{} partial points",
                    num((from - c).abs()),
                    num((from - to).abs())
                ),
                (Some(d), _, _) => format!("decile {d}"),
                (None, _, _) => "above the highest benchmark cost".into(),
            };
            if points < 1.0 {
                points = 1.0;
                score.marks.floor = true;
                score.reason.push_str("; 1 point");
            }
            if year >= 2024 {
                // The median-based benchmark: the national median scores 7.5.
                if let crate::measures::BenchmarkValues::Percentiles(p) = &benchmark.values {
                    let median = (p[3] + p[4]) / 2.0;
                    score
                        .reason
                        .push_str(&format!("; national median ${} = 7.5 points", num(median)));
                }
            }
            score.points = points;
        }
    }
    score
}
