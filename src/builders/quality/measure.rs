//! Each reported measure's points: not a measure of the year, excluded by CMS, an
//! administrative-claims measure out of scope, no eligible cases, under data completeness,
//! scored on a benchmark, or a fixed score without one.

use super::{
    Entry, Performance, QualityInput, QualityMeasureInput, SOURCE_CAP, SOURCE_DC, SOURCE_POINTS,
    SUPPRESSION_FIRST_YEAR, Status, benchmarked_points, rate_of, year_parameters,
};
use crate::builders::{Context, Marks, MeasureScore, Trace, num};
use crate::engine::MeasureStep;
use crate::measures::{CollectionType, QualityMeasure, YearMeasures};
use crate::rules::Confidence;
use crate::scenario::{Participation, ReportingOption};

/// Step 1: every reported measure's points, in input order (a measure CMS excluded for
/// significant changes is out of both sides).
pub(super) fn score_all<'a>(
    data: &'a YearMeasures,
    context: &Context,
    input: &QualityInput,
) -> Vec<Entry<'a>> {
    input
        .measures
        .iter()
        .enumerate()
        .map(|(i, m)| score_entry(data, context, i, m, input.suppressed.contains(&m.id)))
        .collect()
}

/// The measures step of the trace: each measure's points and why.
pub(super) fn record(entries: &[Entry], reported: usize, year: u16, trace: &mut Trace) {
    let measure_lines: Vec<String> = entries
        .iter()
        .map(|e| {
            let value = e.rate.map(|r| format!(" {}%", num(r))).unwrap_or_default();
            format!(
                "{} ({}){value} → {}: {}",
                e.id,
                e.collection_type.label(),
                num(e.score.points),
                e.score.reason
            )
        })
        .collect();
    let measures_confidence = entries
        .iter()
        .fold(Confidence::Confirmed, |c, e| c.weakest(e.score.confidence));
    trace.step(
        MeasureStep::QualityMeasures,
        format!(
            "Quality: {} measure{} against the PY{year} benchmarks",
            reported,
            if reported == 1 { "" } else { "s" }
        ),
        measure_lines.join("; "),
        measures_confidence,
        &format!(
            "{SOURCE_POINTS}; {SOURCE_DC}; {SOURCE_CAP}; CMS, PY{year} MIPS quality benchmarks"
        ),
    );
}

/// Case minimum of an administrative-claims measure, with its confidence.
fn administrative_case_minimum(id: &str) -> (u32, Confidence) {
    match id {
        "458" | "479" => (200, Confidence::Likely),
        "480" => (25, Confidence::Assumed),
        _ => (20, Confidence::Assumed),
    }
}

fn score_entry<'a>(
    data: &'a YearMeasures,
    context: &Context,
    index: usize,
    input: &QualityMeasureInput,
    suppressed: bool,
) -> Entry<'a> {
    let year = context.performance_year;
    let params = year_parameters(year);
    let ct = input.collection_type;
    let measure = data.quality_measure(&input.id);
    let benchmark = data.benchmark(&input.id, ct);
    let rate = rate_of(input.performance, year);
    let administrative = ct == CollectionType::AdministrativeClaims;
    let web_interface = ct == CollectionType::CmsWebInterface;
    let app = context.reporting_option == ReportingOption::App && year >= 2021;
    let fraction_denominator = match input.performance {
        Performance::Fraction { denominator, .. } => Some(denominator),
        Performance::Rate(_) => None,
    };
    let (case_minimum, case_confidence) = if administrative {
        administrative_case_minimum(&input.id)
    } else {
        (20, Confidence::Confirmed)
    };
    let cases_met = match (input.cases, fraction_denominator) {
        (Some(c), _) => c >= case_minimum,
        (None, Some(d)) => d >= f64::from(case_minimum),
        (None, None) => true,
    } && rate.is_some();
    let dc = input.data_completeness.unwrap_or(100.0);
    let dc_met = administrative || dc >= params.data_completeness;
    let end_to_end = input
        .end_to_end
        .unwrap_or(ct == CollectionType::ElectronicHealthRecord)
        && ct != CollectionType::Claims;
    let blank = |points: f64, reason: String, confidence: Confidence| MeasureScore {
        id: input.id.clone(),
        collection_type: Some(ct),
        value: rate,
        points,
        max_points: 10.0,
        decile: None,
        counted: true,
        reason,
        marks: Marks::default(),
        confidence,
    };
    let entry = |status: Status, score: MeasureScore| Entry {
        id: input.id.clone(),
        collection_type: ct,
        measure,
        rate,
        status,
        score,
        dc_met,
        cases_met,
        end_to_end,
        administrative,
        suppressed: false,
        input: Some(index),
    };
    if measure.is_none() && benchmark.is_none() {
        let mut s = blank(
            0.0,
            format!("not a PY{year} quality measure"),
            Confidence::Confirmed,
        );
        s.counted = false;
        return entry(Status::Removed, s);
    }
    // Measures CMS excludes for significant changes (PY2020+): out of both sides.
    if suppressed && year >= SUPPRESSION_FIRST_YEAR {
        let mut s = blank(
            0.0,
            "excluded by CMS for significant changes: out of numerator and denominator".into(),
            if year == SUPPRESSION_FIRST_YEAR {
                Confidence::Likely
            } else {
                Confidence::Confirmed
            },
        );
        s.counted = false;
        let mut e = entry(Status::Removed, s);
        e.suppressed = true;
        return e;
    }
    // Administrative-claims measures: groups only, their own case minimum; removed otherwise.
    if administrative {
        let group = !matches!(context.participation, Participation::Individual);
        let size_ok = match input.id.as_str() {
            "458" | "479" => context.clinicians >= 16,
            _ => true,
        };
        let why = if !group {
            Some(
                "administrative-claims measures are scored for groups, not individuals".to_string(),
            )
        } else if !size_ok {
            Some("scored only for groups of 16 or more clinicians".to_string())
        } else if benchmark.is_none() {
            Some(format!("no PY{year} benchmark"))
        } else if !cases_met {
            Some(format!("under its case minimum of {case_minimum}"))
        } else {
            None
        };
        if let Some(why) = why {
            let mut s = blank(
                0.0,
                format!("removed from numerator and denominator: {why}"),
                case_confidence.weakest(Confidence::Likely),
            );
            s.counted = false;
            return entry(Status::Removed, s);
        }
    }
    let removable = web_interface || administrative || app;
    let Some(rate) = rate else {
        let reason = "no eligible cases (denominator 0)".to_string();
        if removable {
            let mut s = blank(
                0.0,
                format!("removed from numerator and denominator: {reason}"),
                Confidence::Confirmed,
            );
            s.counted = false;
            return entry(Status::Removed, s);
        }
        let (points, why, conf) = unbenchmarked(year, context.small(), true, measure);
        return entry(
            Status::Fixed,
            blank(points, format!("{reason}; {why}"), conf),
        );
    };
    let source_rule = if app {
        "APP"
    } else if web_interface {
        "CMS Web Interface"
    } else {
        ""
    };
    // Below data completeness.
    if !dc_met {
        let (points, why) = if web_interface {
            (
                0.0,
                "CMS Web Interface measure under data completeness scores 0".to_string(),
            )
        } else {
            let (p, w, _) = unbenchmarked(year, context.small(), false, measure);
            (p, w)
        };
        let mut s = blank(
            points,
            format!(
                "data completeness {}% under the {}% required; {why}",
                num(dc),
                num(params.data_completeness)
            ),
            Confidence::Confirmed,
        );
        s.marks.floor = points > 0.0;
        return entry(Status::Fixed, s);
    }
    // PY2021: whether CMS's engine kept 2 decimals of a computed rate (as in PY2022) or 4 (as
    // in PY2020) is not settled by a source.
    let rate_confidence = match input.performance {
        Performance::Fraction { .. } if year == 2021 => Confidence::Assumed,
        _ => Confidence::Confirmed,
    };
    match benchmark {
        Some(b) if cases_met => {
            let mut s = benchmarked_points(year, b, measure, rate, context);
            s.confidence = s.confidence.weakest(rate_confidence);
            entry(Status::Benchmarked, s)
        }
        _ => {
            let why = if benchmark.is_none() {
                format!("no PY{year} benchmark for {}", ct.label())
            } else {
                format!("under the case minimum of {case_minimum}")
            };
            if removable {
                let mut s = blank(
                    0.0,
                    format!("{source_rule} measure removed from numerator and denominator: {why}"),
                    Confidence::Confirmed,
                );
                s.counted = false;
                return entry(Status::Removed, s);
            }
            let (points, rule, conf) = unbenchmarked(year, context.small(), true, measure);
            let mut s = blank(points, format!("{why}; {rule}"), conf);
            s.marks.floor = points > 0.0;
            entry(Status::Fixed, s)
        }
    }
}

/// Points of a submitted measure that cannot be scored on a benchmark: (points, why, confidence).
pub(super) fn unbenchmarked(
    year: u16,
    small: bool,
    dc_met: bool,
    measure: Option<&QualityMeasure>,
) -> (f64, String, Confidence) {
    let params = year_parameters(year);
    if dc_met {
        if params.new_measure_floors
            && let Some(first) = measure.and_then(|m| m.first_year)
        {
            if first == year {
                return (
                    7.0,
                    "new measure (first year): 7 points".into(),
                    Confidence::Confirmed,
                );
            }
            if first + 1 == year {
                return (
                    5.0,
                    "new measure (second year): 5 points".into(),
                    Confidence::Confirmed,
                );
            }
        }
        if year <= 2022 || small {
            (3.0, "scores 3 points".into(), Confidence::Confirmed)
        } else {
            (
                0.0,
                "scores 0 (3 for small practices)".into(),
                Confidence::Confirmed,
            )
        }
    } else {
        match year {
            ..=2017 => (3.0, "scores 3 points".into(), Confidence::Confirmed),
            2018 | 2019 if !small => (
                1.0,
                "scores 1 point (3 for small practices)".into(),
                Confidence::Confirmed,
            ),
            _ if small => (
                3.0,
                "small practice: 3 points".into(),
                Confidence::Confirmed,
            ),
            _ => (
                0.0,
                "scores 0 (3 for small practices)".into(),
                Confidence::Confirmed,
            ),
        }
    }
}
