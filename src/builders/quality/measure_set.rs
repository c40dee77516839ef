//! The APP's quality measure sets (42 CFR 414.1367): which measures they hold in a year, and
//! how a report is scored on one: the set's measures, each once, a member that cannot be
//! scored out of numerator and denominator, one not reported 0.

use serde::Serialize;

use super::selection::Counting;
use super::{Entry, QualityInput, SOURCE_APP_SET, Status};
use crate::measures::{QualityMeasure, YearMeasures};
use crate::rules::Confidence;

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

/// Step 3 under the APP (PY2021+, not the CMS Web Interface): the set's measures, each scored
/// once (its best collection type); a member that cannot be scored on a benchmark and case
/// minimum is out of numerator and denominator; one not reported scores 0; no 7-point cap.
pub(super) fn count(
    data: &YearMeasures,
    year: u16,
    input: &QualityInput,
    entries: &mut [Entry],
) -> Counting {
    let mut detail = String::new();
    let mut confidence = Confidence::Confirmed;
    let mut counted: Vec<usize> = Vec::new();
    let mut missing_names: Vec<String> = Vec::new();
    let set = match input.measure_set {
        Some(s) if year >= s.first_year() => s,
        Some(s) => {
            detail.push_str(&format!(
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
                base_measure_id(&entries[i].id) == member && !entries[i].id.starts_with("CAHPS_")
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
            confidence = confidence.weakest(Confidence::Assumed);
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
    let slots = members.len() - removed_members.len();
    let missing = slots.saturating_sub(counted.len());
    detail.push_str(&format!(
        "{} measure set of PY{year}: {} ({} measures, {} points available); measures without a benchmark or case minimum are removed from numerator and denominator; no 7-point cap",
        set.label(),
        members.join(", "),
        members.len(),
        10 * members.len()
    ));
    if !removed_members.is_empty() {
        detail.push_str(&format!("; removed: {}", removed_members.join(", ")));
    }
    if !missing_members.is_empty() {
        detail.push_str(&format!(
            "; not reported, 0 points each: {}",
            missing_members.join(", ")
        ));
    }
    missing_names.extend(missing_members.iter().map(|m| m.to_string()));
    let source = SOURCE_APP_SET.to_string();
    Counting {
        counted,
        outcome_slot: None,
        slots,
        missing,
        missing_names,
        detail,
        confidence,
        source,
    }
}
