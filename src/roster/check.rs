//! Scoring a row and comparing the result with CMS's own, within CMS's published rounding;
//! where they differ, the change to the row that reproduces CMS's numbers names the likely
//! reason. A targeted-review finder: it points at rows worth a second look, it does not
//! prove CMS wrong.

use super::read::RosterRow;
use crate::engine::{ScoreResult, adjustment_for, score_numbers};
use crate::format::{number, two_decimals};
use crate::rules::{Category, Confidence, RuleSet, YearRules};
use crate::scenario::Scenario;

/// Adjustments are published to two decimals: within this they agree.
pub const ADJUSTMENT_TOLERANCE: f64 = 0.01;
/// A final score this close is a rounding difference, not a different computation.
pub const ROUNDING_LIMIT: f64 = 0.05;

/// A row compared with CMS's results.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub cms_final_score: Option<f64>,
    pub cms_payment_adjustment_percent: Option<f64>,
    /// `None`: not comparable (facility-based scoring).
    pub agrees: Option<bool>,
    /// Why they differ (or why the row is not compared).
    pub disagreement: Option<String>,
}

/// A scored row.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoredRow {
    pub row: RosterRow,
    pub result: ScoreResult,
    pub comparison: Option<Comparison>,
    /// The weakest of the result's confidence and the reading's.
    pub confidence: Confidence,
}

/// How far the final score can be from CMS's published one through rounding alone: half a
/// unit of its two decimals, plus each scored category's rounding times its weight.
fn final_tolerance(row: &RosterRow, result: &ScoreResult) -> f64 {
    let mut t = 0.005 + 1e-6;
    if !result.fewer_than_two_scored {
        for c in Category::ALL {
            t += result.weights.get(c) / 100.0 * row.detail.rounding[c.index()];
        }
        if result.complex_patient_bonus > 0.0 {
            t += row.detail.bonus_rounding;
        }
    }
    t
}

/// How a result meets CMS's numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fit {
    No,
    Yes,
    /// The final scores agree and CMS's adjustment is one that some split of the year's
    /// unpublished maximum gives: the base maximum at 100 it implies.
    WithSplit(f64),
}

/// Is the year's positive maximum (or its split with the exceptional bonus) only assumed?
fn split_unknown(year: &YearRules) -> bool {
    year.max_positive_adjustment
        .as_ref()
        .is_none_or(|m| m.confidence == Confidence::Assumed)
}

/// The adjustment at `fs` with a base maximum of `base` at 100 (the exceptional bonus getting
/// the rest of the published total, where the year has one).
fn adjustment_with_base(year: &YearRules, fs: f64, base: f64) -> f64 {
    let exceptional = match (&year.exceptional_bonus, year.published_total_max) {
        (Some(_), Some(total)) => (total - base).max(0.0),
        _ => 0.0,
    };
    adjustment_for(year, fs, base, exceptional).total()
}

/// The base maxima a year's adjustment could have: the published total split any way, or,
/// with no published total, anything up to three times the applicable percent.
fn base_range(year: &YearRules) -> (f64, f64) {
    match (&year.exceptional_bonus, year.published_total_max) {
        (Some(_), Some(total)) => (0.0, total),
        _ => (0.0, 3.0 * year.ap()),
    }
}

/// Does a result reproduce CMS's numbers?
fn fit(row: &RosterRow, result: &ScoreResult, year: &YearRules) -> Fit {
    let Some(cms) = row.cms else { return Fit::Yes };
    let final_ok = cms
        .final_score
        .is_none_or(|f| (result.final_score - f).abs() <= final_tolerance(row, result));
    if !final_ok {
        return Fit::No;
    }
    let Some(a) = cms.payment_adjustment_percent else {
        return Fit::Yes;
    };
    let fs = cms.final_score.unwrap_or(result.final_score);
    let at = adjustment_for(
        year,
        fs,
        result.max_positive_adjustment,
        result.exceptional_bonus_max.unwrap_or(0.0),
    )
    .total();
    if (at - a).abs() <= ADJUSTMENT_TOLERANCE + 1e-9 {
        return Fit::Yes;
    }
    let assumed_here = result.max_positive_origin != crate::engine::MaxPositiveOrigin::Published;
    if at > 0.0 && (split_unknown(year) || assumed_here) {
        let (lo, hi) = base_range(year);
        let (at_lo, at_hi) = (
            adjustment_with_base(year, fs, lo),
            adjustment_with_base(year, fs, hi),
        );
        let (min, max) = (at_lo.min(at_hi), at_lo.max(at_hi));
        if a >= min - ADJUSTMENT_TOLERANCE - 1e-9 && a <= max + ADJUSTMENT_TOLERANCE + 1e-9 {
            let base = if (at_hi - at_lo).abs() > 1e-12 {
                (lo + (hi - lo) * (a - at_lo) / (at_hi - at_lo)).clamp(lo, hi)
            } else {
                lo
            };
            return Fit::WithSplit(base);
        }
    }
    Fit::No
}

fn fits(row: &RosterRow, result: &ScoreResult, year: &YearRules) -> bool {
    fit(row, result, year) != Fit::No
}

fn names(categories: &[Category]) -> String {
    let n: Vec<&str> = categories.iter().map(|c| c.short()).collect();
    match n.len() {
        0 => String::new(),
        1 => n[0].to_string(),
        _ => format!("{} and {}", n[..n.len() - 1].join(", "), n[n.len() - 1]),
    }
}

/// Score a row; where it carries CMS's results, compare them.
pub fn evaluate(mut row: RosterRow, rules: &RuleSet) -> ScoredRow {
    let year = rules
        .year(row.scenario.performance_year)
        .expect("rows are checked: the year is supported");
    let mut result = score_numbers(&row.scenario, year);
    let comparison = row.cms.map(|cms| {
        if row.detail.facility_scored {
            return Comparison {
                cms_final_score: cms.final_score,
                cms_payment_adjustment_percent: cms.payment_adjustment_percent,
                agrees: None,
                disagreement: Some(
                    "not compared: CMS used facility-based scoring (received facility score), which the row's category scores do not show".into(),
                ),
            };
        }
        let mut agrees = fits(&row, &result, year);
        // Before PY2023 a 0 does not tell "scored 0" from "not scored": keep the reading
        // CMS's numbers fit.
        if !agrees && let Some((scenario, zeros)) = zeros_not_scored(&row, year) {
            result = score_numbers(&scenario, year);
            row.scenario = scenario;
            row.notes.push(format!(
                "{} 0 read as not scored: only that reproduces CMS's final score",
                names(&zeros)
            ));
            row.confidence = row.confidence.weakest(Confidence::Likely);
            agrees = true;
        }
        if let Fit::WithSplit(base) = fit(&row, &result, year) {
            row.notes.push(format!(
                "PY{}'s split of the positive adjustment is not published: CMS's {}% fits a base adjustment of {}% at a final score of 100",
                year.performance_year,
                two_decimals(cms.payment_adjustment_percent.unwrap_or(0.0)),
                two_decimals(base)
            ));
        }
        Comparison {
            cms_final_score: cms.final_score,
            cms_payment_adjustment_percent: cms.payment_adjustment_percent,
            agrees: Some(agrees),
            disagreement: (!agrees).then(|| diagnose(&row, &result, year)),
        }
    });
    let confidence = result.confidence.weakest(row.confidence);
    ScoredRow {
        row,
        result,
        comparison,
        confidence,
    }
}

/// The smallest set of the row's ambiguous zeros that, read as not scored, reproduces CMS's
/// numbers.
fn zeros_not_scored(row: &RosterRow, year: &YearRules) -> Option<(Scenario, Vec<Category>)> {
    let zeros: Vec<Category> = Category::ALL
        .into_iter()
        .filter(|c| row.detail.ambiguous_zero[c.index()])
        .collect();
    let mut subsets: Vec<u32> = (1..(1u32 << zeros.len())).collect();
    subsets.sort_by_key(|m| m.count_ones());
    for mask in subsets {
        let chosen: Vec<Category> = zeros
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, c)| *c)
            .collect();
        let mut s = row.scenario.clone();
        for c in &chosen {
            s.scores.set(*c, None);
        }
        if fits(row, &score_numbers(&s, year), year) {
            return Some((s, chosen));
        }
    }
    None
}

/// The likely reason CMS's numbers differ: the first change to the row that reproduces them.
fn diagnose(row: &RosterRow, ours: &ScoreResult, year: &YearRules) -> String {
    let cms = row.cms.unwrap_or_default();
    let py = year.performance_year;
    let try_fit = |s: &Scenario| fits(row, &score_numbers(s, year), year);
    let shown_cms = match (cms.final_score, cms.payment_adjustment_percent) {
        (Some(f), Some(a)) => format!("CMS {} → {}%", two_decimals(f), two_decimals(a)),
        (Some(f), None) => format!("CMS {}", two_decimals(f)),
        (None, Some(a)) => format!("CMS {}%", two_decimals(a)),
        (None, None) => "CMS".into(),
    };
    let shown = format!(
        "{}; here {} → {}%",
        shown_cms,
        two_decimals(ours.final_score),
        two_decimals(ours.payment_adjustment_percent)
    );
    let final_differs = cms.final_score.map(|f| f - ours.final_score);
    let final_ok = cms
        .final_score
        .is_none_or(|f| (ours.final_score - f).abs() <= final_tolerance(row, ours));

    if !final_ok {
        // 1. A reweighting the file's flags imply but CMS's scores do not.
        for c in Category::ALL {
            if row.detail.not_scored_by_flag[c.index()] {
                let mut s = row.scenario.clone();
                s.scores.set(c, Some(0.0));
                if try_fit(&s) {
                    return format!(
                        "reweighting: the file flags {} as approved for reweighting and gives it 0, but CMS's final score counts {} as scored at 0 ({shown})",
                        c.short(),
                        c.short()
                    );
                }
            }
            if row.detail.flagged[c.index()] && row.scenario.scores.get(c).is_some_and(|v| v > 0.0)
            {
                let mut s = row.scenario.clone();
                s.scores.set(c, None);
                if try_fit(&s) {
                    return format!(
                        "reweighting: CMS's final score fits {} not scored, as the file's flags say, although the row gives {} a score of {} ({shown})",
                        c.short(),
                        c.short(),
                        number(row.scenario.scores.get(c).unwrap_or(0.0))
                    );
                }
            }
        }
        // 2. A category CMS did not score (or scored at 0) that the file does not say.
        for c in Category::ALL {
            let mut s = row.scenario.clone();
            let now = s.scores.get(c);
            s.scores
                .set(c, if now.is_some() { None } else { Some(0.0) });
            if try_fit(&s) {
                return if now.is_some() {
                    format!(
                        "reweighting: CMS's final score fits {} not scored (its weight redistributed), which neither the scores nor the flags say ({shown})",
                        c.short()
                    )
                } else {
                    format!(
                        "reweighting: CMS's final score fits {} scored at 0, but the row leaves it not scored ({shown})",
                        c.short()
                    )
                };
            }
        }
        // 4. Practice size: the small-practice rows and bonuses.
        let mut s = row.scenario.clone();
        s.practice.clinicians = if s.practice.is_small() { 16 } else { 15 };
        if try_fit(&s) {
            let was = if row.scenario.practice.is_small() {
                "small"
            } else {
                "large"
            };
            let cms_saw = if was == "small" { "large" } else { "small" };
            return format!(
                "practice size: CMS's numbers fit a {cms_saw} practice; the row is read as {was}{} ({shown})",
                if row.detail.size_clamped {
                    " (by its small-practice flag, against its practice size)"
                } else {
                    ""
                }
            );
        }
        // 3. The file's own weights (PY2023+) against the rules'.
        if let Some(w) = row.detail.weights
            && Category::ALL
                .iter()
                .any(|&c| (w.get(c) - ours.weights.get(c)).abs() > 0.01)
            && !ours.fewer_than_two_scored
        {
            return format!(
                "weights: the file gives {w} but the PY{py} rules give {} for this row ({shown})",
                ours.weights
            );
        }
        // 5. Bonuses.
        if ours.complex_patient_bonus > 0.0 {
            let mut s = row.scenario.clone();
            s.complex_patient_bonus = 0.0;
            if try_fit(&s) {
                return format!(
                    "bonus: CMS's final score leaves out the complex patient bonus of {} points the row gives ({shown})",
                    number(ours.complex_patient_bonus)
                );
            }
        }
        if let Some(d) = final_differs {
            // 6. Rounding.
            if d.abs() <= ROUNDING_LIMIT {
                return format!(
                    "rounding: the final score differs by {} points, more than the file's rounded category scores explain (±{}) ({shown})",
                    two_decimals(d.abs()),
                    two_decimals(final_tolerance(row, ours))
                );
            }
            // 7. An unrecorded bonus.
            let room = year.complex_patient_bonus_max.value - ours.complex_patient_bonus;
            if d > 0.0 && d <= room + 0.005 && !ours.fewer_than_two_scored && ours.capped_by == 0.0
            {
                let mut s = row.scenario.clone();
                s.complex_patient_bonus =
                    (ours.complex_patient_bonus + d).min(year.complex_patient_bonus_max.value);
                if try_fit(&s) {
                    return format!(
                        "bonus: CMS's final score is {} points higher than the row's categories and bonuses give — a bonus the row does not record (the PY{py} complex patient bonus is up to {}) ({shown})",
                        two_decimals(d),
                        number(year.complex_patient_bonus_max.value)
                    );
                }
            }
        }
        return format!(
            "no single change to the row reproduces CMS's final score: review the row's category scores, flags and bonuses ({shown})"
        );
    }

    // The final score agrees: the adjustment does not.
    let Some(a) = cms.payment_adjustment_percent else {
        return format!("the numbers differ ({shown})");
    };
    let fs = cms.final_score.unwrap_or(ours.final_score);
    let at = adjustment_for(
        year,
        fs,
        ours.max_positive_adjustment,
        ours.exceptional_bonus_max.unwrap_or(0.0),
    );
    if at.exceptional > 0.0 && (at.base - a).abs() <= ADJUSTMENT_TOLERANCE + 1e-9 {
        return format!(
            "bonus: CMS's adjustment leaves out the exceptional performance bonus of {}% ({shown})",
            two_decimals(at.exceptional)
        );
    }
    if at.total() > 0.0
        && (split_unknown(year)
            || ours.max_positive_origin != crate::engine::MaxPositiveOrigin::Published)
    {
        let (lo, hi) = base_range(year);
        let (a_lo, a_hi) = (
            adjustment_with_base(year, fs, lo),
            adjustment_with_base(year, fs, hi),
        );
        return format!(
            "scaling: the final scores agree, but CMS's {}% at {} is outside what any split of PY{py}'s positive adjustment gives ({}% to {}%; the split is not published) ({shown})",
            two_decimals(a),
            two_decimals(fs),
            two_decimals(a_lo.min(a_hi)),
            two_decimals(a_lo.max(a_hi))
        );
    }
    format!(
        "adjustment: CMS's adjustment does not follow from its own final score under the PY{py} rules ({}% at {}) — a re-issued adjustment or an error in the file ({shown})",
        two_decimals(at.total()),
        two_decimals(fs)
    )
}
