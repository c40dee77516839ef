//! Step 3: which measures count, and the points available. Each measure once, at its best
//! collection type; then one of three ways to count: the APP's measure set
//! ([`super::measure_set`]), every CMS Web Interface measure, or six with an outcome
//! ([`super::six_measures`]). Administrative-claims measures outside the APP add 10 points
//! each to the denominator; measures CMS excluded leave both sides.

use super::bonus;
use super::six_measures::{self, Requirement};
use super::{
    Entry, QualityInput, SOURCE_APP, SOURCE_COUNT, SOURCE_SUPPRESSED, SUPPRESSION_FIRST_YEAR,
    Status, measure_set,
};
use crate::builders::{Context, Trace, num};
use crate::engine::MeasureStep;
use crate::measures::{CollectionType, YearMeasures};
use crate::rules::Confidence;
use crate::scenario::{Participation, ReportingOption};

/// The measures that count, as one of the three ways chose them.
pub(super) struct Counting {
    /// Entries that count, in the order chosen.
    pub(super) counted: Vec<usize>,
    /// The entry that fills the outcome (or high-priority) slot, under six measures.
    pub(super) outcome_slot: Option<usize>,
    /// Measures the points available are for (10 each).
    pub(super) slots: usize,
    /// Required measures not reported: 0 points each.
    pub(super) missing: usize,
    /// The set measures not reported (APP, APP Plus), to name the zeros.
    pub(super) missing_names: Vec<String>,
    pub(super) detail: String,
    pub(super) confidence: Confidence,
    pub(super) source: String,
}

/// Step 3: the measures that count and the achievement points over the points available.
pub(super) struct Selection {
    pub(super) counted: Vec<usize>,
    pub(super) outcome_slot: Option<usize>,
    pub(super) missing: usize,
    pub(super) missing_names: Vec<String>,
    /// Scored under the APP (PY2021+).
    pub(super) app: bool,
    /// A CMS Web Interface measure was reported.
    pub(super) web_interface: bool,
    /// Points available.
    pub(super) denominator: f64,
    /// Achievement points of the counted and administrative-claims measures.
    pub(super) achievement: f64,
    detail: String,
    confidence: Confidence,
    source: String,
    /// PY2017–2018: how CMS chose among a measure's collection types is assumed.
    collection_type_choice: Confidence,
}

pub(super) fn select(
    data: &YearMeasures,
    context: &Context,
    input: &QualityInput,
    entries: &mut [Entry],
) -> Selection {
    let year = context.performance_year;
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
    let complex_organization = bonus::complex_organization_applies(context);
    let (best, beaten) = best_per_measure(entries, complex_organization);
    if !set_scoring {
        for &i in &beaten {
            entries[i].score.counted = false;
            entries[i]
                .score
                .reason
                .push_str("; another collection type scores higher");
        }
    }
    let collection_type_choice =
        if year < 2019 && entries.iter().filter(|e| e.input.is_some()).count() > best.len() {
            Confidence::Assumed
        } else {
            Confidence::Confirmed
        };
    let mut suppressed_ids: Vec<String> = entries
        .iter()
        .filter(|e| e.suppressed)
        .map(|e| e.id.clone())
        .collect();
    suppressed_ids.sort_unstable();
    suppressed_ids.dedup();
    let suppressed_count = suppressed_ids.len();
    let counting = if set_scoring {
        measure_set::count(data, year, input, entries)
    } else if web_interface {
        web_interface_count(app, &best)
    } else {
        let requirement = Requirement {
            required,
            group,
            cahps_sample_not_met: input.cahps_sample_not_met,
            survey_scored,
            suppressed_count,
        };
        six_measures::count(year, &requirement, entries, &best)
    };
    let Counting {
        counted,
        outcome_slot,
        slots,
        missing,
        missing_names,
        mut detail,
        mut confidence,
        mut source,
    } = counting;
    // Administrative-claims measures scored outside the six (traditional MIPS, MVPs, the CMS
    // Web Interface); under the APP they are members of its set.
    let administrative: Vec<usize> = if set_scoring {
        Vec::new()
    } else {
        entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.administrative && e.status != Status::Removed)
            .map(|(i, _)| i)
            .collect()
    };
    if suppressed_count > 0 {
        detail.push_str(&format!(
            "; excluded by CMS for significant changes, out of numerator and denominator: {}",
            suppressed_ids.join(", ")
        ));
        source.push_str(&format!("; {SOURCE_SUPPRESSED}"));
        if year == SUPPRESSION_FIRST_YEAR {
            confidence = confidence.weakest(Confidence::Likely);
        }
    }
    let denominator = 10.0 * (slots + administrative.len()) as f64;
    let achievement: f64 = counted
        .iter()
        .chain(administrative.iter())
        .map(|&i| entries[i].score.points)
        .sum();
    if !administrative.is_empty() {
        detail.push_str(&format!(
            "; {} administrative-claims measure(s) add 10 points each to the denominator",
            administrative.len()
        ));
    }
    Selection {
        counted,
        outcome_slot,
        missing,
        missing_names,
        app,
        web_interface,
        denominator,
        achievement,
        detail,
        confidence,
        source,
        collection_type_choice,
    }
}

impl Selection {
    /// The selection step of the trace.
    pub(super) fn record(&self, trace: &mut Trace) {
        trace.note(self.collection_type_choice);
        trace.step(
            MeasureStep::QualitySelection,
            format!(
                "Quality achievement {} of {} points",
                num(self.achievement),
                num(self.denominator)
            ),
            self.detail.clone(),
            self.confidence,
            &self.source,
        );
    }
}

/// The best collection type per measure id (all but CAHPS rows, removed and
/// administrative), ordered by points, best first (ties: input order); and the entries beaten
/// by another collection type of their measure. Where the complex organization adjustment
/// applies, a measure is worth its points plus the adjustment it would add.
fn best_per_measure(entries: &[Entry], complex_organization: bool) -> (Vec<usize>, Vec<usize>) {
    let worth =
        |e: &Entry| e.score.points + bonus::complex_organization_gain(complex_organization, e);
    let mut best: Vec<usize> = Vec::new();
    let mut beaten: Vec<usize> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if e.status == Status::Removed || e.administrative || e.id.starts_with("CAHPS_") {
            continue;
        }
        match best.iter().position(|&j| entries[j].id == e.id) {
            Some(k) => {
                if worth(e) > worth(&entries[best[k]]) {
                    beaten.push(best[k]);
                    best[k] = i;
                } else {
                    beaten.push(i);
                }
            }
            None => best.push(i),
        }
    }
    best.sort_by(|&a, &b| {
        worth(&entries[b])
            .partial_cmp(&worth(&entries[a]))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    (best, beaten)
}

/// CMS Web Interface: every submitted measure counts; those without benchmark or case minimum
/// are out of numerator and denominator.
fn web_interface_count(app: bool, best: &[usize]) -> Counting {
    Counting {
        counted: best.to_vec(),
        outcome_slot: None,
        slots: best.len(),
        missing: 0,
        missing_names: Vec::new(),
        detail: "CMS Web Interface: every measure counts; measures without a benchmark or case minimum are removed".to_string(),
        confidence: Confidence::Likely,
        source: if app {
            SOURCE_APP.to_string()
        } else {
            SOURCE_COUNT.to_string()
        },
    }
}
