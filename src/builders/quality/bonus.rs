//! Step 4: bonus points, in the numerator only (42 CFR 414.1380(b)(1)): high-priority and
//! end-to-end electronic reporting (PY2017–2021), the small-practice bonus (PY2019+) and the
//! complex organization adjustment (PY2025+), each capped at 10% of the points available.

use super::selection::Selection;
use super::{Entry, SOURCE_BONUS, SOURCE_COA, Status, year_parameters};
use crate::builders::{Context, Trace, num};
use crate::engine::MeasureStep;
use crate::measures::CollectionType;
use crate::rules::Confidence;
use crate::scenario::Participation;

/// Step 4: the bonus points and how each was earned.
pub(super) struct Bonuses {
    /// High-priority, end-to-end and small-practice bonus points.
    pub(super) bonus: f64,
    /// The complex organization adjustment.
    pub(super) complex: f64,
    lines: Vec<String>,
    /// The year has high-priority and end-to-end bonuses: which reported measures earn them
    /// beyond the counted ones is not settled by a source.
    measure_bonuses: bool,
    /// An uncounted eCQM under 10 points would also have earned the adjustment.
    complex_uncounted: bool,
}

impl Bonuses {
    /// Every bonus point added to the numerator.
    pub(super) fn total(&self) -> f64 {
        self.bonus + self.complex
    }

    /// The bonus step of the trace, when any bonus applies.
    pub(super) fn record(&self, trace: &mut Trace) {
        if self.measure_bonuses {
            trace.note(Confidence::Likely);
        }
        if self.lines.is_empty() {
            return;
        }
        trace.step(
            MeasureStep::QualityBonus,
            format!("Quality bonus points +{}", num(self.total())),
            self.lines.join("; ") + " (numerator only)",
            if self.measure_bonuses || self.complex_uncounted {
                Confidence::Likely
            } else {
                Confidence::Confirmed
            },
            if self.complex > 0.0 {
                SOURCE_COA
            } else {
                SOURCE_BONUS
            },
        );
    }
}

pub(super) fn bonuses(context: &Context, entries: &[Entry], selection: &Selection) -> Bonuses {
    let year = context.performance_year;
    let params = year_parameters(year);
    let denominator = selection.denominator;
    let mut bonus = 0.0;
    let mut lines: Vec<String> = Vec::new();
    let bonus_cap = denominator * 0.1;
    let submitted = entries.iter().any(|e| {
        e.input.is_some() && !e.administrative && e.measure.is_some() || e.id.starts_with("CAHPS_")
    });
    if params.bonuses {
        bonus += measure_bonuses(
            year,
            entries,
            selection.outcome_slot,
            denominator,
            &mut lines,
        );
    }
    if params.small_practice_bonus > 0.0 && context.small() && submitted {
        bonus += params.small_practice_bonus;
        lines.push(format!(
            "small practice +{}",
            num(params.small_practice_bonus)
        ));
    }
    let mut complex = 0.0;
    let mut complex_uncounted = false;
    if complex_organization_applies(context) {
        (complex, complex_uncounted) = complex_organization(entries, bonus_cap, &mut lines);
    }
    Bonuses {
        bonus,
        complex,
        lines,
        measure_bonuses: params.bonuses,
        complex_uncounted,
    }
}

/// High-priority and end-to-end electronic bonus points (PY2017–2021), each capped at 10% of
/// `denominator`; their trace lines go to `bonus_lines`.
fn measure_bonuses(
    year: u16,
    entries: &[Entry],
    outcome_slot: Option<usize>,
    denominator: f64,
    bonus_lines: &mut Vec<String>,
) -> f64 {
    let bonus_cap = denominator * 0.1;
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
    hp + e2e
}

/// Does the complex organization adjustment apply to this clinician's year and participation
/// (PY2025+, APM Entities and virtual groups)?
pub(super) fn complex_organization_applies(context: &Context) -> bool {
    year_parameters(context.performance_year).complex_organization
        && matches!(
            context.participation,
            Participation::ApmEntity | Participation::VirtualGroup
        )
}

/// Does an entry earn the complex organization adjustment when it counts (an eCQM meeting
/// data completeness and the case minimum)?
fn earns_complex_organization(e: &Entry) -> bool {
    e.collection_type == CollectionType::ElectronicHealthRecord
        && e.status != Status::Removed
        && e.dc_met
        && e.cases_met
}

/// The complex organization adjustment an entry adds if it counts: one point, no measure above
/// 10. The selection ranks measures by their points plus this, so the six that count are the
/// six worth most with it, and a better rate never lowers the category.
pub(super) fn complex_organization_gain(applies: bool, e: &Entry) -> f64 {
    if applies && earns_complex_organization(e) {
        (10.0 - e.score.points).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// The complex organization adjustment (PY2025+, APM Entities and virtual groups), capped at
/// `bonus_cap`, and whether an uncounted eCQM would also have earned it.
fn complex_organization(
    entries: &[Entry],
    bonus_cap: f64,
    bonus_lines: &mut Vec<String>,
) -> (f64, bool) {
    let mut complex_uncounted = false;
    let qualifies = |e: &&Entry| earns_complex_organization(e);
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
    let complex = raw.min(bonus_cap);
    if raw > 0.0 {
        bonus_lines.push(format!("complex organization adjustment +{}", num(complex)));
    }
    (complex, complex_uncounted)
}
