//! The types of one year's CMS measure data, and the parser of the embedded form.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How a quality (or cost) measure's data reach CMS — CMS's `submissionMethod` names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CollectionType {
    /// Medicare Part B claims measures.
    Claims,
    /// MIPS CQMs and QCDR measures (and Medicare CQMs, ids ending in `SSP`).
    Registry,
    /// eCQMs.
    ElectronicHealthRecord,
    /// The CMS Web Interface.
    CmsWebInterface,
    /// The CAHPS for MIPS survey.
    CertifiedSurveyVendor,
    /// Measures CMS computes from administrative claims (and the cost measures).
    AdministrativeClaims,
}

impl CollectionType {
    pub const ALL: [CollectionType; 6] = [
        CollectionType::Claims,
        CollectionType::Registry,
        CollectionType::ElectronicHealthRecord,
        CollectionType::CmsWebInterface,
        CollectionType::CertifiedSurveyVendor,
        CollectionType::AdministrativeClaims,
    ];

    /// CMS's name, as written in scenario files and JSON output.
    pub fn key(self) -> &'static str {
        match self {
            CollectionType::Claims => "claims",
            CollectionType::Registry => "registry",
            CollectionType::ElectronicHealthRecord => "electronicHealthRecord",
            CollectionType::CmsWebInterface => "cmsWebInterface",
            CollectionType::CertifiedSurveyVendor => "certifiedSurveyVendor",
            CollectionType::AdministrativeClaims => "administrativeClaims",
        }
    }

    /// The name people use.
    pub fn label(self) -> &'static str {
        match self {
            CollectionType::Claims => "Medicare Part B claims",
            CollectionType::Registry => "MIPS CQM",
            CollectionType::ElectronicHealthRecord => "eCQM",
            CollectionType::CmsWebInterface => "CMS Web Interface",
            CollectionType::CertifiedSurveyVendor => "CAHPS for MIPS survey",
            CollectionType::AdministrativeClaims => "administrative claims",
        }
    }

    /// Friendly names accepted besides CMS's own.
    pub const ALIASES: [(&'static str, CollectionType); 7] = [
        ("mips_cqm", CollectionType::Registry),
        ("qcdr", CollectionType::Registry),
        ("ecqm", CollectionType::ElectronicHealthRecord),
        ("medicare_part_b_claims", CollectionType::Claims),
        ("web_interface", CollectionType::CmsWebInterface),
        ("cahps", CollectionType::CertifiedSurveyVendor),
        (
            "administrative_claims",
            CollectionType::AdministrativeClaims,
        ),
    ];

    /// CMS's name or one of the [`ALIASES`](Self::ALIASES).
    pub fn from_name(name: &str) -> Option<CollectionType> {
        Self::ALL.into_iter().find(|c| c.key() == name).or_else(|| {
            Self::ALIASES
                .iter()
                .find(|(a, _)| *a == name)
                .map(|(_, c)| *c)
        })
    }
}

impl fmt::Display for CollectionType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A quality measure of the year's inventory.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct QualityMeasure {
    pub id: String,
    pub title: String,
    /// CMS's `measureType`: process, outcome, intermediateOutcome, patientReportedOutcome,
    /// patientEngagementExperience, efficiency, structure…
    pub measure_type: String,
    /// CMS's `metricType` (singlePerformanceRate, nonProportion, cahps, costScore…).
    pub metric_type: String,
    pub high_priority: bool,
    pub inverse: bool,
    pub collection_types: Vec<CollectionType>,
    pub first_year: Option<u16>,
    pub last_year: Option<u16>,
    /// Collection types on CMS's limited-measure-choice list (PY2025+): no 7-point cap.
    pub seven_point_cap_removed: Option<Vec<CollectionType>>,
    /// Multi-rate measures: which rate is scored.
    pub overall_algorithm: Option<String>,
    /// CMS's `allowedPrograms` (mips, app1, appPlus, pcf, …).
    pub programs: Vec<String>,
}

impl QualityMeasure {
    /// Satisfies the outcome requirement (outcome, intermediate outcome, patient-reported
    /// outcome).
    pub fn is_outcome(&self) -> bool {
        matches!(
            self.measure_type.as_str(),
            "outcome"
                | "intermediateOutcome"
                | "patientReportedOutcome"
                | "intermediateOutcomeAndProcess"
        )
    }

    /// Outcome or patient experience: the +2 high-priority bonus kind (PY2017–2021).
    pub fn is_outcome_or_experience(&self) -> bool {
        self.is_outcome() || self.measure_type == "patientEngagementExperience"
    }

    /// Computed by CMS from administrative claims (no submission).
    pub fn is_administrative_claims(&self) -> bool {
        self.collection_types == [CollectionType::AdministrativeClaims]
    }

    pub fn has_collection_type(&self, collection_type: CollectionType) -> bool {
        self.collection_types.contains(&collection_type)
    }
}

/// A cost measure of the year's inventory.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CostMeasure {
    pub id: String,
    pub title: String,
    pub collection_types: Vec<CollectionType>,
    pub first_year: Option<u16>,
    pub last_year: Option<u16>,
}

/// An improvement activity's weight (PY2017–2024; none from PY2025).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityWeight {
    Medium,
    High,
}

impl ActivityWeight {
    pub fn key(self) -> &'static str {
        match self {
            ActivityWeight::Medium => "medium",
            ActivityWeight::High => "high",
        }
    }
}

/// An improvement activity of the year's inventory.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Activity {
    pub id: String,
    pub title: String,
    pub subcategory: String,
    pub weight: Option<ActivityWeight>,
    /// PY2017–2018: also earns the PI bonus for an activity done with CEHRT.
    pub cehrt_eligible: bool,
    pub first_year: Option<u16>,
    pub last_year: Option<u16>,
}

/// A Promoting Interoperability (ACI in PY2017) measure of the year's inventory.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PiMeasure {
    pub id: String,
    pub title: String,
    pub objective: String,
    /// `proportion` (numerator / denominator) or `boolean` (yes / no).
    pub metric_type: String,
    pub required: bool,
    pub bonus: bool,
    /// required, bonus, exclusion; PY2017–2018 base, performanceBonus, registryBonus, cehrtBonus,
    /// attestation, preAttestation.
    pub reporting_category: String,
    /// PY2017–2019: the points the measure is worth.
    pub weight: Option<f64>,
    /// The exclusion measures that can replace it.
    pub exclusions: Vec<String>,
    pub substitutes: Vec<String>,
    /// Part of the PY2017–2018 transition (2014 Edition) measure set.
    pub transition: bool,
}

impl PiMeasure {
    pub fn is_boolean(&self) -> bool {
        self.metric_type == "boolean"
    }

    pub fn is_exclusion(&self) -> bool {
        self.reporting_category == "exclusion" || self.title.ends_with("Exclusion")
    }
}

/// A benchmark's numbers, in the year's file form.
#[derive(Clone, Debug, PartialEq)]
pub enum BenchmarkValues {
    /// PY2017–2022: 9 numbers (bounds of deciles 2–10) or 10 (deciles 1–10).
    Deciles(Vec<f64>),
    /// PY2023+: the values at percentiles 1, 10, 20, … 90, 99.
    Percentiles([f64; 11]),
}

/// One (measure, collection type) benchmark.
#[derive(Clone, Debug, PartialEq)]
pub struct Benchmark {
    pub id: String,
    pub collection_type: CollectionType,
    pub benchmark_year: u16,
    pub inverse: bool,
    pub topped_out: bool,
    /// Topped out this year and last: capped at 7 points (PY2019+).
    pub topped_out_by_program: bool,
    /// On the limited-measure-choice list: scored on the defined topped-out benchmark (PY2025+).
    pub seven_point_cap_removed: bool,
    /// CMS's fixed 10-point bands.
    pub flat: bool,
    pub values: BenchmarkValues,
    /// Mean performance rate (mean cost for cost measures), PY2023+.
    pub average: Option<f64>,
}

impl Benchmark {
    /// Built from the performance period itself rather than two years earlier.
    pub fn is_performance_period(&self, performance_year: u16) -> bool {
        self.benchmark_year == performance_year
    }
}

/// One performance year of CMS measure data.
#[derive(Clone, Debug, PartialEq)]
pub struct YearMeasures {
    pub performance_year: u16,
    /// Sorted by id.
    pub quality: Vec<QualityMeasure>,
    pub cost: Vec<CostMeasure>,
    pub improvement_activities: Vec<Activity>,
    pub promoting_interoperability: Vec<PiMeasure>,
    /// Sorted by (id, collection type).
    pub benchmarks: Vec<Benchmark>,
}

impl YearMeasures {
    pub fn quality_measure(&self, id: &str) -> Option<&QualityMeasure> {
        find_by_id(&self.quality, id, |m| &m.id)
    }

    pub fn cost_measure(&self, id: &str) -> Option<&CostMeasure> {
        find_by_id(&self.cost, id, |m| &m.id)
    }

    pub fn activity(&self, id: &str) -> Option<&Activity> {
        find_by_id(&self.improvement_activities, id, |m| &m.id)
    }

    pub fn pi_measure(&self, id: &str) -> Option<&PiMeasure> {
        find_by_id(&self.promoting_interoperability, id, |m| &m.id)
    }

    /// The benchmark of a measure in one collection type.
    pub fn benchmark(&self, id: &str, collection_type: CollectionType) -> Option<&Benchmark> {
        self.benchmarks
            .binary_search_by(|b| (b.id.as_str(), b.collection_type).cmp(&(id, collection_type)))
            .ok()
            .map(|i| &self.benchmarks[i])
    }

    /// Every benchmark of a measure, one per collection type.
    pub fn benchmarks_of(&self, id: &str) -> &[Benchmark] {
        let start = self.benchmarks.partition_point(|b| b.id.as_str() < id);
        let end = start + self.benchmarks[start..].partition_point(|b| b.id == id);
        &self.benchmarks[start..end]
    }
}

fn find_by_id<'a, T>(items: &'a [T], id: &str, key: impl Fn(&T) -> &String) -> Option<&'a T> {
    items
        .binary_search_by(|m| key(m).as_str().cmp(id))
        .ok()
        .map(|i| &items[i])
}

// ---------------------------------------------------------------------------------------------
// The embedded form: each section is `{"columns": [...], "rows": [[...], ...]}`; a row is a JSON
// array in column order (see assets/measures/README.md).

#[derive(Deserialize)]
struct Section<T> {
    columns: Vec<String>,
    rows: Vec<T>,
}

#[derive(Deserialize)]
struct File {
    performance_year: u16,
    quality: Section<QualityMeasure>,
    cost: Section<CostMeasure>,
    improvement_activities: Section<Activity>,
    promoting_interoperability: Section<PiMeasure>,
    benchmarks: Section<BenchmarkRow>,
}

#[derive(Deserialize)]
struct BenchmarkRow(
    String,
    CollectionType,
    u16,
    bool,
    bool,
    bool,
    bool,
    bool,
    Option<Vec<f64>>,
    Option<[f64; 11]>,
    Option<f64>,
);

const QUALITY_COLUMNS: &[&str] = &[
    "id",
    "title",
    "measure_type",
    "metric_type",
    "high_priority",
    "inverse",
    "collection_types",
    "first_year",
    "last_year",
    "seven_point_cap_removed",
    "overall_algorithm",
    "programs",
];
const COST_COLUMNS: &[&str] = &["id", "title", "collection_types", "first_year", "last_year"];
const ACTIVITY_COLUMNS: &[&str] = &[
    "id",
    "title",
    "subcategory",
    "weight",
    "cehrt_eligible",
    "first_year",
    "last_year",
];
const PI_COLUMNS: &[&str] = &[
    "id",
    "title",
    "objective",
    "metric_type",
    "required",
    "bonus",
    "reporting_category",
    "weight",
    "exclusions",
    "substitutes",
    "transition",
];
const BENCHMARK_COLUMNS: &[&str] = &[
    "id",
    "collection_type",
    "benchmark_year",
    "inverse",
    "topped_out",
    "topped_out_by_program",
    "seven_point_cap_removed",
    "flat",
    "deciles",
    "percentiles",
    "average",
];

fn check_columns(section: &str, found: &[String], expected: &[&str]) -> Result<(), String> {
    if found
        .iter()
        .map(String::as_str)
        .eq(expected.iter().copied())
    {
        Ok(())
    } else {
        Err(format!(
            "{section}: columns {found:?}, expected {expected:?} (regenerate with tools/measures-assets/generate.py)"
        ))
    }
}

pub(super) fn parse(text: &str) -> Result<YearMeasures, String> {
    let file: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
    check_columns("quality", &file.quality.columns, QUALITY_COLUMNS)?;
    check_columns("cost", &file.cost.columns, COST_COLUMNS)?;
    check_columns(
        "improvement_activities",
        &file.improvement_activities.columns,
        ACTIVITY_COLUMNS,
    )?;
    check_columns(
        "promoting_interoperability",
        &file.promoting_interoperability.columns,
        PI_COLUMNS,
    )?;
    check_columns("benchmarks", &file.benchmarks.columns, BENCHMARK_COLUMNS)?;
    let mut benchmarks = Vec::with_capacity(file.benchmarks.rows.len());
    for row in file.benchmarks.rows {
        let values = match (row.8, row.9) {
            (Some(d), None) if d.len() == 9 || d.len() == 10 => BenchmarkValues::Deciles(d),
            (None, Some(p)) => BenchmarkValues::Percentiles(p),
            _ => {
                return Err(format!(
                    "benchmark {} {}: needs 9 or 10 deciles or 11 percentiles",
                    row.0, row.1
                ));
            }
        };
        benchmarks.push(Benchmark {
            id: row.0,
            collection_type: row.1,
            benchmark_year: row.2,
            inverse: row.3,
            topped_out: row.4,
            topped_out_by_program: row.5,
            seven_point_cap_removed: row.6,
            flat: row.7,
            values,
            average: row.10,
        });
    }
    let mut year = YearMeasures {
        performance_year: file.performance_year,
        quality: file.quality.rows,
        cost: file.cost.rows,
        improvement_activities: file.improvement_activities.rows,
        promoting_interoperability: file.promoting_interoperability.rows,
        benchmarks,
    };
    // The generator sorts; sorting again costs microseconds and makes lookups safe whatever
    // order a hand-edited file has.
    year.quality.sort_by(|a, b| a.id.cmp(&b.id));
    year.cost.sort_by(|a, b| a.id.cmp(&b.id));
    year.improvement_activities.sort_by(|a, b| a.id.cmp(&b.id));
    year.promoting_interoperability
        .sort_by(|a, b| a.id.cmp(&b.id));
    year.benchmarks.sort_by(|a, b| {
        (a.id.as_str(), a.collection_type).cmp(&(b.id.as_str(), b.collection_type))
    });
    Ok(year)
}
