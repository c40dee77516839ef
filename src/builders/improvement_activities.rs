//! The improvement activities category from its activities (42 CFR 414.1380(b)(3)), PY2017–2026.

use crate::engine::MeasureStep;
use serde::Serialize;

use super::{CategoryBuild, Context, Marks, MeasureScore, Trace, num};
use crate::measures::{ActivityWeight, YearMeasures};
use crate::rules::{Category, Confidence};
use crate::scenario::{Participation, ReportingOption};

/// The activities performed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Activities {
    /// The year's activity ids.
    Listed(Vec<String>),
    /// How many of each weight (PY2017–2024).
    Weighted { high: u32, medium: u32 },
    /// How many (PY2025+, no weights).
    Count(u32),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImprovementActivitiesInput {
    pub activities: Activities,
    /// A certified patient-centered medical home or comparable specialty practice.
    pub pcmh: bool,
    /// Participates in a MIPS APM while reporting traditional MIPS.
    pub mips_apm: bool,
    /// For a group: the percent of its clinicians who performed each listed activity (an
    /// activity not listed here: all of them). From PY2020 a group gets credit for an activity
    /// only when at least half its clinicians performed it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clinicians_percent: Vec<(String, f64)>,
}

impl Default for ImprovementActivitiesInput {
    fn default() -> Self {
        ImprovementActivitiesInput {
            activities: Activities::Listed(Vec::new()),
            pcmh: false,
            mips_apm: false,
            clinicians_percent: Vec::new(),
        }
    }
}

/// From PY2020 a group (virtual group, subgroup, APM Entity) gets credit for an activity when
/// at least this percent of its clinicians performed it.
pub const GROUP_SHARE_PERCENT: f64 = 50.0;
/// The first year of the group share rule.
pub const GROUP_SHARE_FIRST_YEAR: u16 = 2020;
const SOURCE_GROUP_SHARE: &str = "CMS, CY 2020 Physician Fee Schedule final rule (improvement activities: a group gets credit when at least 50% of its clinicians perform the activity)";

const SOURCE: &str = "42 CFR 414.1380(b)(3) (improvement activities)";
const FULL: f64 = 40.0;

/// Whether activities carry weights in a year.
pub fn weighted_year(year: u16) -> bool {
    year <= 2024
}

/// Points of one activity before doubling: (points, confidence).
fn activity_points(year: u16, weight: Option<ActivityWeight>) -> Option<(f64, Confidence)> {
    if weighted_year(year) {
        match weight? {
            ActivityWeight::High => Some((20.0, Confidence::Confirmed)),
            ActivityWeight::Medium => Some((10.0, Confidence::Confirmed)),
        }
    } else {
        // Weights removed: two activities give full credit (one with special status).
        Some((20.0, Confidence::Assumed))
    }
}

/// Scores the improvement activities category.
pub fn build(
    data: &YearMeasures,
    context: &Context,
    input: &ImprovementActivitiesInput,
) -> CategoryBuild {
    let year = context.performance_year;
    let special = context.special_status;
    let factor = if special { 2.0 } else { 1.0 };
    let mut trace = Trace::new();
    let mut measures: Vec<MeasureScore> = Vec::new();
    let mut pcmh = input.pcmh;
    let mut cehrt: Vec<String> = Vec::new();
    let group = context.participation != Participation::Individual;
    let mut share_steps: Vec<String> = Vec::new();
    let blank = |id: &str| MeasureScore {
        id: id.to_string(),
        collection_type: None,
        value: None,
        points: 0.0,
        max_points: 0.0,
        decile: None,
        counted: false,
        reason: String::new(),
        marks: Marks::default(),
        confidence: Confidence::Confirmed,
    };
    match &input.activities {
        Activities::Listed(ids) => {
            let mut seen: Vec<&str> = Vec::new();
            for id in ids {
                let mut m = blank(id);
                if seen.contains(&id.as_str()) {
                    m.reason = "listed twice: counted once".into();
                    measures.push(m);
                    continue;
                }
                seen.push(id);
                let Some(activity) = data.activity(id) else {
                    m.reason = format!("not a PY{year} improvement activity");
                    measures.push(m);
                    continue;
                };
                if id == "IA_PCMH" {
                    pcmh = true;
                    m.counted = true;
                    m.reason = "patient-centered medical home: full credit".into();
                    m.points = FULL;
                    m.max_points = FULL;
                    measures.push(m);
                    continue;
                }
                if let Some(&(_, share)) = input.clinicians_percent.iter().find(|(a, _)| a == id)
                    && group
                {
                    let needed = if year >= GROUP_SHARE_FIRST_YEAR {
                        GROUP_SHARE_PERCENT
                    } else {
                        // Before PY2020 no share is set by the sources read: one clinician
                        // performing the activity is taken as enough.
                        f64::MIN_POSITIVE
                    };
                    share_steps.push(format!(
                        "{id}: performed by {}% of the group's clinicians{}",
                        num(share),
                        if share >= needed {
                            ""
                        } else {
                            " — no credit"
                        }
                    ));
                    if share < needed {
                        m.reason = if year >= GROUP_SHARE_FIRST_YEAR {
                            format!(
                                "performed by {}% of the group's clinicians: a group needs at least {}%",
                                num(share),
                                num(GROUP_SHARE_PERCENT)
                            )
                        } else {
                            "performed by none of the group's clinicians: no credit".into()
                        };
                        m.confidence = share_confidence(year);
                        measures.push(m);
                        continue;
                    }
                }
                if activity.cehrt_eligible {
                    cehrt.push(id.clone());
                }
                match activity_points(year, activity.weight) {
                    Some((p, conf)) => {
                        m.points = p * factor;
                        m.max_points = p * factor;
                        m.counted = true;
                        m.confidence = conf;
                        m.reason = match activity.weight.filter(|_| weighted_year(year)) {
                            Some(w) => format!(
                                "{} weight: {}{}",
                                w.key(),
                                num(p),
                                if special {
                                    ", doubled with special status"
                                } else {
                                    ""
                                }
                            ),
                            None => format!(
                                "{} points per activity{}",
                                num(p),
                                if special {
                                    ", doubled with special status"
                                } else {
                                    ""
                                }
                            ),
                        };
                    }
                    None => m.reason = format!("no weight in PY{year}: not counted"),
                }
                measures.push(m);
            }
        }
        Activities::Weighted { high, medium } => {
            for (weight, n) in [
                (ActivityWeight::High, *high),
                (ActivityWeight::Medium, *medium),
            ] {
                for k in 0..n {
                    let mut m = blank(&format!("{}-{}", weight.key(), k + 1));
                    let (p, conf) =
                        activity_points(year, Some(weight)).unwrap_or((20.0, Confidence::Assumed));
                    m.points = p * factor;
                    m.max_points = p * factor;
                    m.counted = true;
                    m.confidence = conf;
                    m.reason = format!(
                        "{} weight: {}{}",
                        weight.key(),
                        num(p),
                        if special {
                            ", doubled with special status"
                        } else {
                            ""
                        }
                    );
                    measures.push(m);
                }
            }
        }
        Activities::Count(n) => {
            for k in 0..*n {
                let mut m = blank(&format!("activity-{}", k + 1));
                let (p, conf) = if weighted_year(year) {
                    // Unweighted counts before PY2025: each read as a medium activity.
                    (10.0, Confidence::Assumed)
                } else {
                    (20.0, Confidence::Assumed)
                };
                m.points = p * factor;
                m.max_points = p * factor;
                m.counted = true;
                m.confidence = conf;
                m.reason = format!(
                    "{} points per activity{}",
                    num(p),
                    if special {
                        ", doubled with special status"
                    } else {
                        ""
                    }
                );
                measures.push(m);
            }
        }
    }
    for m in &measures {
        trace.note(m.confidence);
    }
    let total: f64 = measures
        .iter()
        .filter(|m| m.counted)
        .map(|m| m.points)
        .sum();
    let lines: Vec<String> = measures
        .iter()
        .map(|m| format!("{} → {}: {}", m.id, num(m.points), m.reason))
        .collect();
    let rule = if weighted_year(year) {
        format!(
            "medium 10, high 20 points{}; 40 points = 100%",
            if special {
                ", doubled (special status)"
            } else {
                ""
            }
        )
    } else {
        format!(
            "weights removed from PY2025: {} for full credit",
            if special {
                "1 activity (special status)"
            } else {
                "2 activities"
            }
        )
    };
    trace.step(
        MeasureStep::IaActivities,
        format!("Improvement activities: {} points", num(total)),
        format!("{rule}. {}", lines.join("; ")),
        if weighted_year(year) {
            Confidence::Confirmed
        } else {
            Confidence::Likely
        },
        SOURCE,
    );
    if !input.clinicians_percent.is_empty() {
        let detail = if !group {
            "an individual's activities: the share of a group's clinicians does not apply".into()
        } else if year >= GROUP_SHARE_FIRST_YEAR {
            format!(
                "a group gets credit for an activity when at least {}% of its clinicians performed it; {}",
                num(GROUP_SHARE_PERCENT),
                share_steps.join("; ")
            )
        } else {
            format!(
                "PY{year}: no minimum share of the group's clinicians (one clinician performing the activity is taken as enough); {}",
                share_steps.join("; ")
            )
        };
        trace.step(
            MeasureStep::IaActivities,
            "Improvement activities: the group's share of clinicians".into(),
            detail,
            if group {
                share_confidence(year)
            } else {
                Confidence::Confirmed
            },
            SOURCE_GROUP_SHARE,
        );
    }
    let mut percent = total.min(FULL) / FULL * 100.0;
    let mut how = format!("min(40, {}) / 40 × 100 = {}%", num(total), num(percent));
    if context.reporting_option == ReportingOption::App && year >= 2021 {
        percent = 100.0;
        how = "APP: improvement activities get full credit automatically".into();
    } else if pcmh {
        percent = 100.0;
        how =
            "patient-centered medical home (or comparable specialty practice): full credit".into();
    } else if input.mips_apm && percent < 50.0 {
        // From PY2023 the credit needs an attested activity, or quality and PI reported.
        let attested = measures.iter().any(|m| m.counted);
        if year < 2023 || attested || context.reports_quality_and_pi {
            percent = 50.0;
            how.push_str("; raised to 50% for a MIPS APM participant");
        } else {
            how.push_str("; no 50% for a MIPS APM participant: from PY2023 it needs an attested activity, or quality and Promoting Interoperability reported");
        }
        trace.note(Confidence::Likely);
    }
    if !cehrt.is_empty() && year <= 2018 {
        how.push_str(&format!(
            "; {} done with CEHRT also earn the Promoting Interoperability bonus",
            cehrt.join(", ")
        ));
    }
    trace.step(
        MeasureStep::IaScore,
        format!("Improvement activities {}%", num(percent)),
        how,
        Confidence::Confirmed,
        SOURCE,
    );
    let (steps, confidence) = trace.finish();
    CategoryBuild {
        category: Category::ImprovementActivities,
        performance_year: year,
        percent: Some(percent),
        measures,
        numerator: total,
        denominator: FULL,
        bonus_points: 0.0,
        improvement: 0.0,
        confidence,
        steps,
    }
}

/// The 50% group rule rests on a secondary source; no share before PY2020 is assumed.
fn share_confidence(year: u16) -> Confidence {
    if year >= GROUP_SHARE_FIRST_YEAR {
        Confidence::Likely
    } else {
        Confidence::Assumed
    }
}

/// Whether listed activities earn the PY2017–2018 bonus for an activity done with CEHRT.
pub fn earns_cehrt_bonus(data: &YearMeasures, input: &ImprovementActivitiesInput) -> bool {
    data.performance_year <= 2018
        && match &input.activities {
            Activities::Listed(ids) => ids
                .iter()
                .any(|id| data.activity(id).is_some_and(|a| a.cehrt_eligible)),
            _ => false,
        }
}
