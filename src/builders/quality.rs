//! The quality category from its measures (42 CFR 414.1380(b)(1)), PY2017–2026.

use crate::engine::MeasureStep;
use serde::Serialize;

use super::points::{place, round4};
use super::{CategoryBuild, Context, MeasureScore, Trace, num};
use crate::measures::{Benchmark, CollectionType, QualityMeasure, YearMeasures};
use crate::rules::{Category, Confidence};
use crate::scenario::{Participation, ReportingOption};

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

/// The APP's quality measure sets (42 CFR 414.1367).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureSet {
    /// The APP quality measure set (PY2021+).
    App,
    /// The APP Plus quality measure set (PY2025+).
    AppPlus,
}

impl MeasureSet {
    pub const ALL: [MeasureSet; 2] = [MeasureSet::App, MeasureSet::AppPlus];

    /// The name written in scenario files.
    pub fn key(self) -> &'static str {
        match self {
            MeasureSet::App => "app",
            MeasureSet::AppPlus => "app_plus",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MeasureSet::App => "APP",
            MeasureSet::AppPlus => "APP Plus",
        }
    }

    pub fn from_key(key: &str) -> Option<MeasureSet> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// CMS's `allowedPrograms` name of the set in the measures file.
    pub fn program(self) -> &'static str {
        match self {
            MeasureSet::App => "app1",
            MeasureSet::AppPlus => "appPlus",
        }
    }

    /// The first performance year of the set.
    pub fn first_year(self) -> u16 {
        match self {
            MeasureSet::App => 2021,
            MeasureSet::AppPlus => 2025,
        }
    }
}

/// The measure a Medicare CQM (`001SSP`) is a collection type of (`001`).
pub fn base_measure_id(id: &str) -> &str {
    id.strip_suffix("SSP").unwrap_or(id)
}

/// The measures of an APP set in a year, as CMS's measures file lists them (`allowedPrograms`):
/// one entry per measure (Medicare CQMs folded into their measure; the CAHPS summary survey
/// measures into 321), sorted.
pub fn measure_set_members(data: &YearMeasures, set: MeasureSet) -> Vec<String> {
    let mut ids: Vec<String> = data
        .quality
        .iter()
        .filter(|m| m.programs.iter().any(|p| p == set.program()) && !m.id.starts_with("CAHPS_"))
        .map(|m| base_measure_id(&m.id).to_string())
        .collect();
    ids.sort();
    ids.dedup();
    ids
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

/// The six measures capped at 7 in PY2018, as recalled from the CY2018 rule (CMS's 2018 data
/// mark topped-out benchmarks but do not name the six).
const CAPPED_2018: [&str; 6] = ["021", "023", "052", "224", "262", "359"];

/// Case minimum of an administrative-claims measure, with its confidence.
fn administrative_case_minimum(id: &str) -> (u32, Confidence) {
    match id {
        "458" | "479" => (200, Confidence::Likely),
        "480" => (25, Confidence::Assumed),
        _ => (20, Confidence::Assumed),
    }
}

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
    let mut marks = super::Marks {
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
        marks: super::Marks::default(),
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
fn unbenchmarked(
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

/// Scores the quality category from its measures.
pub fn build(data: &YearMeasures, context: &Context, input: &QualityInput) -> CategoryBuild {
    let year = context.performance_year;
    let params = year_parameters(year);
    let mut trace = Trace::new();
    let mut entries: Vec<Entry> = input
        .measures
        .iter()
        .enumerate()
        .map(|(i, m)| score_entry(data, context, i, m, input.suppressed.contains(&m.id)))
        .collect();

    // The CAHPS for MIPS survey counts as one patient-experience measure (321): the mean of its
    // summary survey measures that were scored on a benchmark.
    let survey: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.id.starts_with("CAHPS_") && e.status != Status::Removed)
        .map(|(i, _)| i)
        .collect();
    if !survey.is_empty() {
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
                marks: super::Marks::default(),
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
            input.measures.len(),
            if input.measures.len() == 1 { "" } else { "s" }
        ),
        measure_lines.join("; "),
        measures_confidence,
        &format!(
            "{SOURCE_POINTS}; {SOURCE_DC}; {SOURCE_CAP}; CMS, PY{year} MIPS quality benchmarks"
        ),
    );

    // Which measures count.
    let web_interface = entries
        .iter()
        .any(|e| e.collection_type == CollectionType::CmsWebInterface);
    let app = context.reporting_option == ReportingOption::App && year >= 2021;
    let group = !matches!(context.participation, Participation::Individual);
    let survey_scored = entries.iter().any(|e| e.id == "321" && e.input.is_none());
    // Scored on the APP's (or APP Plus's) measure set.
    let set_scoring = app && !web_interface;
    let required: usize = match context.reporting_option {
        ReportingOption::Mvp => 4,
        _ => 6,
    };
    // Best collection type per measure id (all but CAHPS rows, removed and administrative).
    let mut best: Vec<usize> = Vec::new();
    let mut beaten: Vec<usize> = Vec::new();
    for i in 0..entries.len() {
        let e = &entries[i];
        if e.status == Status::Removed || e.administrative || e.id.starts_with("CAHPS_") {
            continue;
        }
        match best.iter().position(|&j| entries[j].id == e.id) {
            Some(k) => {
                if e.score.points > entries[best[k]].score.points {
                    beaten.push(best[k]);
                    best[k] = i;
                } else {
                    beaten.push(i);
                }
            }
            None => best.push(i),
        }
    }
    if !set_scoring {
        for &i in &beaten {
            entries[i].score.counted = false;
            entries[i]
                .score
                .reason
                .push_str("; another collection type scores higher");
        }
    }
    if year < 2019 && entries.iter().filter(|e| e.input.is_some()).count() > best.len() {
        trace.note(Confidence::Assumed);
    }
    // Ordered by points, best first (ties: input order).
    best.sort_by(|&a, &b| {
        entries[b]
            .score
            .points
            .partial_cmp(&entries[a].score.points)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut suppressed_ids: Vec<String> = entries
        .iter()
        .filter(|e| e.suppressed)
        .map(|e| e.id.clone())
        .collect();
    suppressed_ids.sort_unstable();
    suppressed_ids.dedup();
    let suppressed_count = suppressed_ids.len();
    let mut counted: Vec<usize> = Vec::new();
    let mut outcome_slot: Option<usize> = None;
    let missing;
    let mut selection_detail = String::new();
    let mut selection_confidence = Confidence::Confirmed;
    let mut selection_source = SOURCE_COUNT.to_string();
    let slots;
    // Administrative-claims measures scored outside the six (traditional MIPS, MVPs, the CMS
    // Web Interface); under the APP they are members of its set.
    let mut administrative: Vec<usize> = Vec::new();
    // The set measures not reported (APP, APP Plus), to name the zeros.
    let mut missing_names: Vec<String> = Vec::new();
    if set_scoring {
        // The APP and APP Plus: the set's measures, each scored once (its best collection
        // type); a member that cannot be scored on a benchmark and case minimum is out of
        // numerator and denominator; one not reported scores 0; no 7-point cap.
        let set = match input.measure_set {
            Some(s) if year >= s.first_year() => s,
            Some(s) => {
                selection_detail.push_str(&format!(
                    "the {} set starts in PY{}: scored on the APP set; ",
                    s.label(),
                    s.first_year()
                ));
                MeasureSet::App
            }
            None => MeasureSet::App,
        };
        let members = measure_set_members(data, set);
        let mut removed_members: Vec<String> = Vec::new();
        let mut missing_members: Vec<&str> = Vec::new();
        for member in &members {
            let candidates: Vec<usize> = (0..entries.len())
                .filter(|&i| {
                    base_measure_id(&entries[i].id) == member
                        && !entries[i].id.starts_with("CAHPS_")
                })
                .collect();
            let live = candidates
                .iter()
                .copied()
                .filter(|&i| entries[i].status != Status::Removed)
                .max_by(|&a, &b| {
                    entries[a]
                        .score
                        .points
                        .partial_cmp(&entries[b].score.points)
                        .unwrap_or(std::cmp::Ordering::Equal)
                        .then(b.cmp(&a))
                });
            if let Some(i) = live {
                counted.push(i);
                for &j in candidates.iter().filter(|&&j| j != i) {
                    if entries[j].status != Status::Removed {
                        entries[j].score.counted = false;
                        entries[j]
                            .score
                            .reason
                            .push_str("; another collection type scores higher");
                    }
                }
            } else if !candidates.is_empty() {
                removed_members.push(format!("{member} (no benchmark or case minimum)"));
            } else if member == "321" && input.cahps_sample_not_met {
                removed_members.push(
                    "321 (CAHPS for MIPS: the survey's sample was not met, no case minimum)".into(),
                );
            } else if data
                .quality_measure(member)
                .is_some_and(QualityMeasure::is_administrative_claims)
                || member == "MCC1"
            {
                // CMS computes it from claims; without its rate it cannot be placed.
                removed_members.push(format!(
                    "{member} (computed by CMS from claims; not given, so left out)"
                ));
                selection_confidence = selection_confidence.weakest(Confidence::Assumed);
            } else {
                missing_members.push(member);
            }
        }
        for (i, e) in entries.iter_mut().enumerate() {
            let member = members.iter().any(|m| m == base_measure_id(&e.id));
            if !member && !e.id.starts_with("CAHPS_") && e.status != Status::Removed {
                e.score.counted = false;
                e.score.reason.push_str(&format!(
                    "; not in the PY{year} {} measure set",
                    set.label()
                ));
            } else if member && e.status == Status::Removed && !counted.contains(&i) {
                e.score.counted = false;
            }
        }
        slots = members.len() - removed_members.len();
        missing = slots.saturating_sub(counted.len());
        selection_detail.push_str(&format!(
            "{} measure set of PY{year}: {} ({} measures, {} points available); measures without a benchmark or case minimum are removed from numerator and denominator; no 7-point cap",
            set.label(),
            members.join(", "),
            members.len(),
            10 * members.len()
        ));
        if !removed_members.is_empty() {
            selection_detail.push_str(&format!("; removed: {}", removed_members.join(", ")));
        }
        if !missing_members.is_empty() {
            selection_detail.push_str(&format!(
                "; not reported, 0 points each: {}",
                missing_members.join(", ")
            ));
        }
        missing_names.extend(missing_members.iter().map(|m| m.to_string()));
        selection_source = SOURCE_APP_SET.to_string();
    } else if web_interface {
        // CMS Web Interface: every submitted measure counts; those without benchmark or case
        // minimum are out of numerator and denominator.
        counted = best.clone();
        slots = counted.len();
        missing = 0;
        selection_detail.push_str(
            "CMS Web Interface: every measure counts; measures without a benchmark or case minimum are removed",
        );
        selection_confidence = Confidence::Likely;
        selection_source = if app {
            SOURCE_APP.to_string()
        } else {
            SOURCE_COUNT.to_string()
        };
    } else {
        outcome_slot = best
            .iter()
            .copied()
            .find(|&i| entries[i].outcome())
            .or_else(|| best.iter().copied().find(|&i| entries[i].high_priority()));
        if let Some(o) = outcome_slot {
            counted.push(o);
        }
        // The outcome slot is filled or scores 0: either way the others get required − 1.
        let others_room = required - 1;
        for &i in best
            .iter()
            .filter(|&&i| Some(i) != outcome_slot)
            .take(others_room)
        {
            counted.push(i);
        }
        for &i in best.iter().filter(|&&i| !counted.contains(&i)) {
            entries[i].score.counted = false;
            entries[i]
                .score
                .reason
                .push_str(&format!("; not among the {required} counted"));
        }
        // Registered for the CAHPS for MIPS survey, sample not met, 5 or fewer measures
        // (PY2019+, groups): 10 points fewer available.
        let mut cahps_relief = 0;
        let mut cahps_note = String::new();
        if input.cahps_sample_not_met && !survey_scored {
            let (relief, note, confidence) = if !group {
                (
                    false,
                    "the CAHPS for MIPS survey is for groups: no change to the points available"
                        .to_string(),
                    Confidence::Confirmed,
                )
            } else if year < 2019 {
                (
                    false,
                    format!(
                        "registered for the CAHPS for MIPS survey without its sample: the 10-point reduction starts in PY2019, so in PY{year} a missing measure scores 0"
                    ),
                    Confidence::Likely,
                )
            } else if best.len() >= required {
                (
                    false,
                    format!(
                        "registered for the CAHPS for MIPS survey without its sample, but {} measures were submitted: no reduction",
                        best.len()
                    ),
                    Confidence::Confirmed,
                )
            } else {
                (
                    true,
                    format!(
                        "registered for the CAHPS for MIPS survey, sample not met, {} measure(s) submitted: 10 points fewer available",
                        best.len()
                    ),
                    if required == 6 {
                        Confidence::Confirmed
                    } else {
                        // The rule is written for the six-measure requirement; its MVP
                        // reading (fewer than the MVP's four) is not settled by a source.
                        Confidence::Assumed
                    },
                )
            };
            cahps_relief = usize::from(relief);
            cahps_note = note;
            selection_confidence = selection_confidence.weakest(confidence);
            selection_source = format!("{SOURCE_COUNT}; {SOURCE_CAHPS}");
        }
        // Measures CMS excluded leave the requirement, but never below what was submitted.
        slots = (required - (suppressed_count + cahps_relief).min(required))
            .max(best.len().min(required));
        missing = slots.saturating_sub(counted.len());
        selection_detail = format!(
            "{required} measures required, one an outcome measure (or another high-priority measure); the best-scoring count"
        );
        match outcome_slot {
            Some(o) => selection_detail.push_str(&format!(
                "; {} fills the {} slot",
                entries[o].id,
                if entries[o].outcome() {
                    "outcome"
                } else {
                    "high-priority"
                }
            )),
            None => selection_detail.push_str(
                "; no outcome or high-priority measure reported: that required measure scores 0",
            ),
        }
        if !cahps_note.is_empty() {
            selection_detail.push_str(&format!("; {cahps_note}"));
        }
        if missing > 0 {
            selection_detail.push_str(&format!("; {missing} required measure(s) missing score 0"));
        }
        if outcome_slot.is_none_or(|o| !entries[o].outcome()) {
            selection_confidence = selection_confidence.weakest(Confidence::Likely);
        }
    }
    if !set_scoring {
        administrative = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.administrative && e.status != Status::Removed)
            .map(|(i, _)| i)
            .collect();
    }
    if suppressed_count > 0 {
        selection_detail.push_str(&format!(
            "; excluded by CMS for significant changes, out of numerator and denominator: {}",
            suppressed_ids.join(", ")
        ));
        selection_source.push_str(&format!("; {SOURCE_SUPPRESSED}"));
        if year == SUPPRESSION_FIRST_YEAR {
            selection_confidence = selection_confidence.weakest(Confidence::Likely);
        }
    }
    let denominator = 10.0 * (slots + administrative.len()) as f64;
    let achievement: f64 = counted
        .iter()
        .chain(administrative.iter())
        .map(|&i| entries[i].score.points)
        .sum();
    if !administrative.is_empty() {
        selection_detail.push_str(&format!(
            "; {} administrative-claims measure(s) add 10 points each to the denominator",
            administrative.len()
        ));
    }
    trace.step(
        MeasureStep::QualitySelection,
        format!(
            "Quality achievement {} of {} points",
            num(achievement),
            num(denominator)
        ),
        selection_detail,
        selection_confidence,
        &selection_source,
    );

    // Bonus points (numerator only).
    let mut bonus = 0.0;
    let mut bonus_lines: Vec<String> = Vec::new();
    let bonus_cap = denominator * 0.1;
    let submitted = entries.iter().any(|e| {
        e.input.is_some() && !e.administrative && e.measure.is_some() || e.id.starts_with("CAHPS_")
    });
    if params.bonuses {
        let eligible = |e: &Entry| {
            e.status != Status::Removed
                && !e.administrative
                && e.dc_met
                && e.cases_met
                && !e.id.starts_with("CAHPS_")
                // "A performance rate greater than zero": for inverse measures (lower is
                // better) CMS's engine gives the bonus at a rate of 0, so the test is on the
                // worst end instead.
                && e.rate.is_none_or(|r| {
                    if e.measure.is_some_and(|m| m.inverse) {
                        r < 100.0
                    } else {
                        r > 0.0
                    }
                })
        };
        let mut high_priority = 0.0_f64;
        let mut seen: Vec<&str> = Vec::new();
        // (id, bonus) of each measure that earns the high-priority bonus.
        let mut earned: Vec<(&str, f64)> = Vec::new();
        for e in entries.iter() {
            if !eligible(e) || !e.high_priority() {
                continue;
            }
            if year >= 2019 && e.collection_type == CollectionType::CmsWebInterface {
                continue;
            }
            if year >= 2019 {
                if seen.contains(&e.id.as_str()) {
                    continue;
                }
                seen.push(&e.id);
            }
            let value = if e.outcome_or_experience() { 2.0 } else { 1.0 };
            high_priority += value;
            earned.push((&e.id, value));
        }
        // The required outcome (or other high-priority) measure earns no bonus. When one
        // measure of that kind earns none anyway it is the required one; otherwise the
        // smallest bonus of that kind is withheld (so a better rate never costs points).
        if let Some(o) = outcome_slot {
            let outcome_kind = entries[o].outcome();
            let of_kind = |e: &Entry| {
                e.status != Status::Removed
                    && !e.administrative
                    && !e.id.starts_with("CAHPS_")
                    && if outcome_kind {
                        e.outcome()
                    } else {
                        e.high_priority()
                    }
            };
            let kind_ids: Vec<&str> = entries
                .iter()
                .filter(|e| of_kind(e))
                .map(|e| e.id.as_str())
                .collect();
            let all_earn = kind_ids
                .iter()
                .all(|id| earned.iter().any(|(e, _)| e == id));
            if all_earn {
                let withheld = earned
                    .iter()
                    .filter(|(id, _)| kind_ids.contains(id))
                    .map(|(_, v)| *v)
                    .fold(f64::INFINITY, f64::min);
                if withheld.is_finite() {
                    high_priority -= withheld;
                }
            }
        }
        let mut electronic = 0.0_f64;
        let mut seen: Vec<&str> = Vec::new();
        for e in entries.iter().filter(|e| eligible(e) && e.end_to_end) {
            if year >= 2019 {
                if seen.contains(&e.id.as_str()) {
                    continue;
                }
                seen.push(&e.id);
            }
            electronic += 1.0;
        }
        let hp = high_priority.min(bonus_cap);
        let e2e = electronic.min(bonus_cap);
        if high_priority > 0.0 {
            bonus_lines.push(format!(
                "high-priority +{}{}",
                num(hp),
                if hp < high_priority {
                    format!(" (capped at 10% of {})", num(denominator))
                } else {
                    String::new()
                }
            ));
        }
        if electronic > 0.0 {
            bonus_lines.push(format!(
                "end-to-end electronic +{}{}",
                num(e2e),
                if e2e < electronic {
                    format!(" (capped at 10% of {})", num(denominator))
                } else {
                    String::new()
                }
            ));
        }
        bonus += hp + e2e;
        // Which reported measures earn it beyond the counted ones is not settled by a source.
        trace.note(Confidence::Likely);
    }
    if params.small_practice_bonus > 0.0 && context.small() && submitted {
        bonus += params.small_practice_bonus;
        bonus_lines.push(format!(
            "small practice +{}",
            num(params.small_practice_bonus)
        ));
    }
    let mut complex = 0.0;
    let mut complex_uncounted = false;
    if params.complex_organization
        && matches!(
            context.participation,
            Participation::ApmEntity | Participation::VirtualGroup
        )
    {
        let qualifies = |e: &&Entry| {
            e.collection_type == CollectionType::ElectronicHealthRecord
                && e.status != Status::Removed
                && e.dc_met
                && e.cases_met
        };
        // The adjustment is added to a measure's points ("no measure above 10"): only the
        // eCQMs that count earn it, so an uncounted one that improves never lowers the score.
        let raw: f64 = entries
            .iter()
            .filter(qualifies)
            .filter(|e| e.score.counted)
            .map(|e| (10.0 - e.score.points).clamp(0.0, 1.0))
            .sum();
        if entries
            .iter()
            .filter(qualifies)
            .any(|e| !e.score.counted && e.score.points < 10.0)
        {
            complex_uncounted = true;
        }
        complex = raw.min(bonus_cap);
        if raw > 0.0 {
            bonus_lines.push(format!("complex organization adjustment +{}", num(complex)));
        }
    }
    if !bonus_lines.is_empty() {
        trace.step(
            MeasureStep::QualityBonus,
            format!("Quality bonus points +{}", num(bonus + complex)),
            bonus_lines.join("; ") + " (numerator only)",
            if params.bonuses || complex_uncounted {
                Confidence::Likely
            } else {
                Confidence::Confirmed
            },
            if complex > 0.0 {
                SOURCE_COA
            } else {
                SOURCE_BONUS
            },
        );
    }

    // Improvement (PY2018+).
    let mut improvement = 0.0;
    let achievement_percent = if denominator > 0.0 {
        achievement / denominator * 100.0
    } else {
        0.0
    };
    if let (true, Some(prior)) = (params.improvement, input.improvement) {
        let full_participation = missing == 0
            && counted.iter().all(|&i| entries[i].dc_met)
            && (app || web_interface || outcome_slot.is_some());
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
            detail = "no improvement score: scored under facility-based measurement last year"
                .to_string();
        } else if !full_participation {
            detail = "no improvement score: every required measure must be submitted and meet data completeness".to_string();
        } else if base <= 0.0 {
            improvement = if achievement_percent > 0.0 { 10.0 } else { 0.0 };
            trace.note(Confidence::Assumed);
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
        trace.step(
            MeasureStep::QualityImprovement,
            format!("Quality improvement +{}", num(improvement)),
            detail,
            Confidence::Confirmed,
            SOURCE_IMPROVEMENT,
        );
    }

    let numerator = achievement + bonus + complex;
    let percent = if denominator > 0.0 {
        Some((numerator / denominator * 100.0 + improvement).min(100.0))
    } else {
        None
    };
    match percent {
        Some(p) => trace.step(
            MeasureStep::QualityScore,
            format!("Quality {}%", num(p)),
            format!(
                "({} achievement + {} bonus) / {} × 100{} = {}%{}",
                num(achievement),
                num(bonus + complex),
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
            "42 CFR 414.1380(b)(1)",
        ),
        None => trace.step(
            MeasureStep::QualityScore,
            "Quality not scored".into(),
            "no measure could be scored: every one was removed from numerator and denominator"
                .into(),
            Confidence::Likely,
            "42 CFR 414.1380(b)(1)",
        ),
    }
    // Report in input order, the 321 survey last.
    let mut measures: Vec<MeasureScore> = entries.into_iter().map(|e| e.score).collect();
    for k in 0..missing {
        measures.push(MeasureScore {
            id: "missing".into(),
            collection_type: None,
            value: None,
            points: 0.0,
            max_points: 10.0,
            decile: None,
            counted: true,
            reason: match missing_names.get(k) {
                Some(name) => format!("{name}, a measure of the set, not reported: 0 points"),
                None => "required measure not reported: 0 points".into(),
            },
            marks: super::Marks::default(),
            confidence: Confidence::Confirmed,
        });
    }
    let (steps, confidence) = trace.finish();
    CategoryBuild {
        category: Category::Quality,
        performance_year: year,
        percent,
        measures,
        numerator,
        denominator,
        bonus_points: bonus + complex,
        improvement,
        confidence,
        steps,
    }
}
