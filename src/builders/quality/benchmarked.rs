//! A measure scored on its benchmark: the decile with partial points, the year's floor, the
//! 7-point topped-out cap and the new-measure floors (42 CFR 414.1380(b)(1)(i), (iv)).

use crate::builders::points::{place, round4};
use crate::builders::{Context, Marks, MeasureScore, num};
use crate::measures::{Benchmark, CollectionType, QualityMeasure};
use crate::rules::Confidence;
use crate::scenario::ReportingOption;

use super::year_parameters;

/// The six measures capped at 7 in PY2018, as recalled from the CY2018 rule (CMS's 2018 data
/// mark topped-out benchmarks but do not name the six).
const CAPPED_2018: [&str; 6] = ["021", "023", "052", "224", "262", "359"];

/// Points of a benchmarked measure: decile with partial points, the floor, the 7-point cap and
/// new-measure floors.
pub fn benchmarked_points(
    year: u16,
    benchmark: &Benchmark,
    measure: Option<&QualityMeasure>,
    rate: f64,
    context: &Context,
) -> MeasureScore {
    let params = year_parameters(year);
    let placement = place(benchmark, rate);
    let mut marks = Marks {
        flat: benchmark.flat,
        topped_out: benchmark.topped_out || benchmark.topped_out_by_program,
        ..Default::default()
    };
    let mut confidence = Confidence::Confirmed;
    let mut reason = match (placement.decile, placement.from, placement.to) {
        (Some(10), _, _) => "decile 10".to_string(),
        (Some(d), Some(from), Some(to)) => format!(
            "decile {d}: {d} + {}/{} partial points",
            num((rate - from).abs()),
            num((to - from).abs())
        ),
        (Some(d), _, _) => format!("decile {d}"),
        (None, _, Some(lowest)) => {
            confidence = Confidence::Assumed;
            format!("worse than the lowest benchmark bound ({})", num(lowest))
        }
        (None, _, None) => "no decile".to_string(),
    };
    let mut points = round4(placement.raw_points);
    if points < params.floor {
        points = params.floor;
        marks.floor = true;
        reason.push_str(&format!("; raised to the {} floor", num(params.floor)));
    }
    let ct = benchmark.collection_type;
    let capped = match year {
        ..=2017 => false,
        2018 => {
            // Which six measures the CY2018 rule capped is recalled, not read from a source:
            // every topped-out PY2018 benchmark's cap (or its absence) is assumed.
            if benchmark.topped_out {
                confidence = confidence.weakest(Confidence::Assumed);
            }
            benchmark.topped_out && CAPPED_2018.contains(&benchmark.id.as_str())
        }
        _ => {
            benchmark.topped_out_by_program
                && ct != CollectionType::CmsWebInterface
                && context.reporting_option != ReportingOption::App
                && !(year >= 2025 && benchmark.seven_point_cap_removed)
        }
    };
    if capped && points > 7.0 {
        points = 7.0;
        marks.capped = true;
        reason.push_str("; capped at 7 (topped out)");
    } else if capped {
        reason.push_str("; topped out: at most 7");
    }
    if year >= 2025 && benchmark.seven_point_cap_removed {
        reason.push_str("; defined topped-out benchmark, no cap");
    }
    if benchmark.flat {
        reason.push_str("; flat benchmark");
    }
    // Administrative-claims measures are computed, not submitted: no new-measure floor.
    if params.new_measure_floors
        && ct != CollectionType::AdministrativeClaims
        && let Some(first) = measure.and_then(|m| m.first_year)
    {
        let floor = if first == year {
            Some(7.0)
        } else if first + 1 == year {
            Some(5.0)
        } else {
            None
        };
        if let Some(f) = floor
            && points < f
        {
            points = f;
            marks.floor = true;
            reason.push_str(&format!("; new-measure floor {}", num(f)));
        }
    }
    MeasureScore {
        id: benchmark.id.clone(),
        collection_type: Some(ct),
        value: Some(rate),
        points,
        max_points: 10.0,
        decile: placement.decile,
        counted: true,
        reason,
        marks,
        confidence,
    }
}
