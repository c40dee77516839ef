//! What the next point in a category is worth now, with the kinks said in words.

use serde::Serialize;

use super::{Lever, Probe, dollars_for};
use crate::engine::{Band, ScoreResult, band_ranges, published_score, score_numbers};
use crate::format::{number, percent, two_decimals};
use crate::rules::{Category, YearRules};
use crate::scenario::Scenario;

/// Whether a marginal value could be computed, and if not why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MarginalKind {
    /// Scored and counting: the numbers are what the next point is worth.
    Scored,
    /// Its score does not count (the note says why): a point is worth nothing.
    Flat,
    /// Not scored now: scoring it changes the weights, so "one more point" has no meaning;
    /// the sweep shows what scoring it would do.
    NotScored,
    /// Already at 100.
    AtMaximum,
}

/// The value of one more point (or what is left to 100) in one category.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Marginal {
    pub category: Category,
    pub kind: MarginalKind,
    /// The score now (None: not scored).
    pub current: Option<f64>,
    /// Points added: 1, or less when fewer are left to 100 (0 when nothing was computed).
    pub step: f64,
    /// Final-score points gained.
    pub final_score_points: f64,
    /// Payment adjustment gained, in percentage points.
    pub adjustment_points: f64,
    /// Dollars gained in the payment year, when Part B allowed charges are set.
    pub dollars: Option<f64>,
    /// The kinks and reasons in words ("capped at 100: a point is worth nothing", …).
    pub notes: Vec<String>,
    /// Where the year's maximum is not published (PY2025+): the adjustment gained across the
    /// band of maxima, percentage points, and its dollars (see [`add_ranges`]).
    pub adjustment_points_range: Option<(f64, f64)>,
    pub dollars_range: Option<(f64, f64)>,
}

/// Give each marginal value its range across the band of maxima where the year's maximum is
/// not published (`now` is the scenario's result).
pub fn add_ranges(
    ms: &mut [Marginal],
    rules: &YearRules,
    now: &ScoreResult,
    u: &super::AdjustmentUncertainty,
) {
    for m in ms.iter_mut().filter(|m| m.kind == MarginalKind::Scored) {
        let from = now.final_score_published;
        if let Some(range) = u.change(rules, from, from + m.final_score_points) {
            m.adjustment_points_range = Some(range);
            m.dollars_range = now
                .part_b_allowed_charges
                .map(|c| (c * range.0 / 100.0, c * range.1 / 100.0));
        }
    }
}

/// The marginal value of every category (in CMS's order) at the scenario as it stands.
pub fn marginal_values(s: &Scenario, rules: &YearRules) -> Vec<Marginal> {
    let now = score_numbers(s, rules);
    Category::ALL
        .into_iter()
        .map(|c| marginal_with(s, rules, c, &now))
        .collect()
}

/// The marginal value of one category at the scenario as it stands.
pub fn marginal_value(s: &Scenario, rules: &YearRules, c: Category) -> Marginal {
    let now = score_numbers(s, rules);
    marginal_with(s, rules, c, &now)
}

fn marginal_with(s: &Scenario, rules: &YearRules, c: Category, now: &ScoreResult) -> Marginal {
    let mut probe = Probe::new(s, rules, c);
    let lever = super::lever::lever_in(&mut probe, s, rules, c, now);
    marginal_in(&mut probe, &lever, rules, now)
}

/// The marginal value of `lever`'s category, scoring through `probe` (a probe of that
/// category on `s`).
pub(super) fn marginal_in(
    probe: &mut Probe,
    lever: &Lever,
    rules: &YearRules,
    now: &ScoreResult,
) -> Marginal {
    let c = lever.category;
    let charges = now.part_b_allowed_charges;
    let mut m = Marginal {
        category: c,
        kind: MarginalKind::Scored,
        current: lever.current,
        step: 0.0,
        final_score_points: 0.0,
        adjustment_points: 0.0,
        dollars: dollars_for(charges, 0.0),
        notes: Vec::new(),
        adjustment_points_range: None,
        dollars_range: None,
    };
    if lever.is_flat() {
        m.kind = MarginalKind::Flat;
        let why = lever.statement().unwrap_or_default();
        m.notes.push(format!("{why} A point is worth nothing."));
        return m;
    }
    let Some(v) = lever.current else {
        m.kind = MarginalKind::NotScored;
        m.notes.push(format!(
            "{} is not scored now: scoring it changes the weights (to {}), so the sweep shows what it is worth.",
            c.label(),
            lever.weights
        ));
        return m;
    };
    if v >= 100.0 {
        m.kind = MarginalKind::AtMaximum;
        m.notes.push(format!("{} is already at 100.", c.label()));
        return m;
    }
    let step = (100.0 - v).min(1.0);
    let after = probe.at(v + step);
    m.step = step;
    // In published points: the score that sets everything is the two-decimal one.
    m.final_score_points = after.final_score_published - now.final_score_published;
    m.adjustment_points = after.payment_adjustment_percent - now.payment_adjustment_percent;
    m.dollars = dollars_for(charges, m.adjustment_points);
    m.notes = kinks(rules, lever, v, step, now, &after, probe);
    m
}

/// The kinks between the scenario now and one step up, in words.
fn kinks(
    rules: &YearRules,
    lever: &Lever,
    v: f64,
    step: f64,
    before: &ScoreResult,
    after: &ScoreResult,
    probe: &mut Probe,
) -> Vec<String> {
    let c = lever.category;
    let name = c.short();
    let pt = rules.pt();
    let quarter = pt / 4.0;
    let ap = rules.ap();
    let (b0, b1) = (before.band, after.band);
    let mut notes = Vec::new();
    if step < 1.0 {
        notes.push(format!("only {} points left to 100", number(step)));
    }
    let used = before.category(c);
    if let (Some(u), Some(note)) = (used.score, &used.note)
        && u > v + 1e-9
    {
        notes.push(format!(
            "{note}: points below {} are worth nothing",
            number(u)
        ));
    }
    if before.capped_by > 0.0 || before.final_score >= 100.0 {
        notes.push("capped at 100: a point is worth nothing".into());
    } else if after.capped_by > 0.0 {
        notes.push("the cap at 100 takes part of this point".into());
    }
    match (b0, b1) {
        (Band::MaxNegative, Band::MaxNegative) => {
            let negative_start = band_ranges(rules)
                .iter()
                .find(|(b, _, _)| *b == Band::Negative)
                .map_or(quarter + 0.01, |r| r.1);
            let until = match probe.lowest(|r| r.band >= Band::Negative) {
                Some((x, _)) => format!(" ({name} {})", two_decimals(x)),
                None => format!(
                    "; {name} alone cannot get there (max {} at 100)",
                    two_decimals(published_score(lever.final_score_at_100))
                ),
            };
            notes.push(format!(
                "below PT/4: at or below {} (a quarter of the threshold) the adjustment is the −{}% floor, so a point is worth nothing until the final score reaches {}{until}",
                two_decimals(quarter),
                number(ap),
                two_decimals(negative_start)
            ));
        }
        (Band::MaxNegative, _) => notes.push(format!(
            "this point lifts the final score above {} (a quarter of the threshold): off the −{}% floor",
            two_decimals(quarter),
            number(ap)
        )),
        _ => {}
    }
    if b0 < Band::Neutral && b1 == Band::Neutral {
        notes.push(format!(
            "this point reaches the threshold {}: no penalty",
            number(pt)
        ));
    } else if b0 < Band::Neutral && b1 > Band::Neutral {
        notes.push(format!(
            "this point crosses the threshold {}: the penalty ends and the positive scale starts",
            number(pt)
        ));
    } else if b0 == Band::Neutral && b1 > Band::Neutral {
        notes.push("at the threshold the next point starts the positive scale".into());
    }
    if b0 < Band::Exceptional && b1 == Band::Exceptional {
        let apt = rules
            .exceptional_bonus
            .as_ref()
            .map_or(0.0, |e| e.threshold.value);
        notes.push(format!(
            "this point reaches the additional performance threshold {}: the exceptional bonus starts ({})",
            number(apt),
            percent(after.exceptional_bonus_percent)
        ));
    }
    if b0 < Band::Positive89Plus && b1 == Band::Positive89Plus {
        notes.push(
            "this point enters the 89+ band (CMS's reporting split; the positive scale's slope does not change)"
                .into(),
        );
    }
    notes
}
