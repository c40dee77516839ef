//! Step 2: the CAHPS for MIPS survey counts as one patient-experience measure (321): the mean
//! of its summary survey measures that were scored on a benchmark (42 CFR 414.1380(b)(1)).

use super::{Entry, Status, measure::unbenchmarked};
use crate::builders::points::round4;
use crate::builders::{Context, Marks, MeasureScore};
use crate::measures::{CollectionType, YearMeasures};
use crate::rules::Confidence;

/// Folds the summary survey measures into one entry, 321, added last; each summary measure
/// stays listed, no longer counted.
pub(super) fn fold_survey<'a>(
    data: &'a YearMeasures,
    context: &Context,
    entries: &mut Vec<Entry<'a>>,
) {
    let year = context.performance_year;
    let survey: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.id.starts_with("CAHPS_") && e.status != Status::Removed)
        .map(|(i, _)| i)
        .collect();
    if survey.is_empty() {
        return;
    }
    let scored: Vec<f64> = survey
        .iter()
        .filter(|&&i| entries[i].status == Status::Benchmarked)
        .map(|&i| entries[i].score.points)
        .collect();
    let (points, status, reason) = if scored.is_empty() {
        let (p, why, _) = unbenchmarked(year, context.small(), true, None);
        (
            p,
            Status::Fixed,
            format!("no summary survey measure has a benchmark; {why}"),
        )
    } else {
        let mean = round4(scored.iter().sum::<f64>() / scored.len() as f64);
        (
            mean,
            Status::Benchmarked,
            format!("mean of {} summary survey measures", scored.len()),
        )
    };
    for &i in &survey {
        entries[i].score.counted = false;
        entries[i]
            .score
            .reason
            .push_str("; averaged into 321 (CAHPS for MIPS)");
    }
    let dc_met = survey.iter().all(|&i| entries[i].dc_met);
    let cases_met = survey.iter().all(|&i| entries[i].cases_met);
    entries.push(Entry {
        id: "321".into(),
        collection_type: CollectionType::CertifiedSurveyVendor,
        measure: data.quality_measure("321"),
        rate: None,
        status,
        score: MeasureScore {
            id: "321".into(),
            collection_type: Some(CollectionType::CertifiedSurveyVendor),
            value: None,
            points,
            max_points: 10.0,
            decile: None,
            counted: true,
            reason,
            marks: Marks::default(),
            confidence: Confidence::Assumed,
        },
        dc_met,
        cases_met,
        end_to_end: false,
        administrative: false,
        suppressed: false,
        input: None,
    });
}
