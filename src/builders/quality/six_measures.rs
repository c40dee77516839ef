//! Step 3 for traditional MIPS and MVPs: six measures (four in an MVP), one an outcome
//! measure (or another high-priority measure), the best-scoring count; a required measure
//! not reported scores 0, and a group registered for the CAHPS for MIPS survey whose sample
//! was not met has 10 points fewer available (42 CFR 414.1335(a)(1), 414.1380(b)(1)(vii)(B)).

use super::selection::Counting;
use super::{Entry, SOURCE_CAHPS, SOURCE_COUNT};
use crate::rules::Confidence;

/// What the count reads besides the measures.
pub(super) struct Requirement {
    /// Measures required: 6, or 4 in an MVP.
    pub(super) required: usize,
    /// Reported as a group (the CAHPS for MIPS survey is for groups).
    pub(super) group: bool,
    /// Registered for the CAHPS for MIPS survey, sample not met.
    pub(super) cahps_sample_not_met: bool,
    /// The survey was scored (321 built from its summary measures).
    pub(super) survey_scored: bool,
    /// Measures CMS excluded for significant changes.
    pub(super) suppressed_count: usize,
}

/// The measures that count, from `best` (one entry per measure, best first).
pub(super) fn count(
    year: u16,
    requirement: &Requirement,
    entries: &mut [Entry],
    best: &[usize],
) -> Counting {
    let Requirement {
        required,
        group,
        cahps_sample_not_met,
        survey_scored,
        suppressed_count,
    } = *requirement;
    let mut confidence = Confidence::Confirmed;
    let mut source = SOURCE_COUNT.to_string();
    let mut counted: Vec<usize> = Vec::new();
    let outcome_slot = best
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
    if cahps_sample_not_met && !survey_scored {
        let (relief, note, relief_confidence) = if !group {
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
        confidence = confidence.weakest(relief_confidence);
        source = format!("{SOURCE_COUNT}; {SOURCE_CAHPS}");
    }
    // Measures CMS excluded leave the requirement, but never below what was submitted.
    let slots =
        (required - (suppressed_count + cahps_relief).min(required)).max(best.len().min(required));
    let missing = slots.saturating_sub(counted.len());
    let mut detail = format!(
        "{required} measures required, one an outcome measure (or another high-priority measure); the best-scoring count"
    );
    match outcome_slot {
        Some(o) => detail.push_str(&format!(
            "; {} fills the {} slot",
            entries[o].id,
            if entries[o].outcome() {
                "outcome"
            } else {
                "high-priority"
            }
        )),
        None => detail.push_str(
            "; no outcome or high-priority measure reported: that required measure scores 0",
        ),
    }
    if !cahps_note.is_empty() {
        detail.push_str(&format!("; {cahps_note}"));
    }
    if missing > 0 {
        detail.push_str(&format!("; {missing} required measure(s) missing score 0"));
    }
    if outcome_slot.is_none_or(|o| !entries[o].outcome()) {
        confidence = confidence.weakest(Confidence::Likely);
    }
    Counting {
        counted,
        outcome_slot,
        slots,
        missing,
        missing_names: Vec::new(),
        detail,
        confidence,
        source,
    }
}
