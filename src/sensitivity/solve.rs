//! Points needed: the lowest score of one category (to 0.01) that reaches a target, everything
//! else held.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::{Flat, Lever, Point, Probe};
use crate::engine::{Band, ScoreResult, published_score, score_numbers};
use crate::format::{number, signed_dollars, two_decimals};
use crate::rules::{Category, YearRules};
use crate::scenario::Scenario;

/// What the user wants to reach.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", content = "final_score", rename_all = "snake_case")]
pub enum Target {
    /// No penalty: final score at or above the performance threshold.
    Neutral,
    /// Any positive adjustment: published final score above the threshold.
    Positive,
    /// The top band: 89+ from PY2023; the exceptional performance threshold in PY2017–2022.
    TopBand,
    /// A final score of at least this much (0–100).
    FinalScore(f64),
}

impl Target {
    /// The targets shown when none is asked for: neutral, positive, top band.
    pub const STANDARD: [Target; 3] = [Target::Neutral, Target::Positive, Target::TopBand];

    /// The word used on the command line: neutral, positive, 89, or the score.
    pub fn key(&self) -> String {
        match self {
            Target::Neutral => "neutral".into(),
            Target::Positive => "positive".into(),
            Target::TopBand => "89".into(),
            Target::FinalScore(x) => number(*x),
        }
    }
}

/// A target that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetError {
    pub input: String,
    pub message: String,
    pub allowed: String,
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (allowed: {})", self.message, self.allowed)
    }
}

impl std::error::Error for TargetError {}

const TARGET_HELP: &str = "neutral, positive, 89 (the top band: 89+, or the exceptional threshold in PY2017–2022), or a final score from 0 to 100";

fn final_score_target(input: &str, x: f64) -> Result<Target, TargetError> {
    if x.is_finite() && (0.0..=100.0).contains(&x) {
        Ok(Target::FinalScore(x))
    } else {
        Err(TargetError {
            input: input.to_string(),
            message: format!("{input} is not a final score (final scores run from 0 to 100)"),
            allowed: TARGET_HELP.into(),
        })
    }
}

impl FromStr for Target {
    type Err = TargetError;

    /// `neutral`, `positive`, `89` (also `top`, `exceptional`: the top band), or any other
    /// number from 0 to 100 as a final score (`89.0` is the final score 89).
    fn from_str(s: &str) -> Result<Target, TargetError> {
        let t = s.trim();
        match t.to_ascii_lowercase().as_str() {
            "neutral" | "no-penalty" | "no_penalty" => Ok(Target::Neutral),
            "positive" => Ok(Target::Positive),
            "89" | "top" | "exceptional" | "89+" => Ok(Target::TopBand),
            other => match other.parse::<f64>() {
                Ok(x) => final_score_target(t, x),
                Err(_) => Err(TargetError {
                    input: t.to_string(),
                    message: format!("'{t}' is not a target"),
                    allowed: TARGET_HELP.into(),
                }),
            },
        }
    }
}

/// How a target is tested on a result.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Goal {
    /// The band (decided on the published score) is this one or higher.
    BandAtLeast(Band),
    /// The published final score is at least this.
    FinalScoreAtLeast(f64),
}

/// A target made concrete for a year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResolvedTarget {
    pub target: Target,
    /// What it means in words: "no penalty (final score ≥ 75)", "the 89+ band (final score ≥ 89)".
    pub name: String,
    /// The lowest final score, as CMS publishes it, that reaches the target.
    pub final_score: f64,
    /// What the year changes about it (e.g. no 89+ band before PY2023).
    pub note: Option<String>,
    #[serde(skip)]
    goal: Goal,
}

impl ResolvedTarget {
    /// Does this engine result reach the target?
    pub fn is_reached(&self, r: &ScoreResult) -> bool {
        match self.goal {
            Goal::BandAtLeast(b) => r.band >= b,
            Goal::FinalScoreAtLeast(x) => published_score(r.final_score) >= x - 1e-9,
        }
    }
}

/// Make a target concrete for a year: which band or final score it means.
pub fn resolve_target(rules: &YearRules, target: Target) -> Result<ResolvedTarget, TargetError> {
    let pt = rules.pt();
    let y = rules.performance_year;
    Ok(match target {
        Target::Neutral => ResolvedTarget {
            target,
            name: format!("no penalty (final score ≥ {}, the threshold)", number(pt)),
            final_score: pt,
            note: None,
            goal: Goal::BandAtLeast(Band::Neutral),
        },
        Target::Positive => {
            let first = published_score(pt + 0.01);
            ResolvedTarget {
                target,
                name: format!(
                    "a positive adjustment (final score above {}, i.e. ≥ {})",
                    number(pt),
                    two_decimals(first)
                ),
                final_score: first,
                note: None,
                goal: Goal::BandAtLeast(Band::Positive),
            }
        }
        Target::TopBand => match &rules.exceptional_bonus {
            Some(e) => {
                let apt = e.threshold.value;
                ResolvedTarget {
                    target,
                    name: format!(
                        "the exceptional performance bonus (final score ≥ {}, the additional performance threshold)",
                        number(apt)
                    ),
                    final_score: apt,
                    note: Some(if apt == 89.0 {
                        format!(
                            "PY{y} has no 89+ band: the top target is the exceptional performance threshold, which is also 89."
                        )
                    } else {
                        format!(
                            "PY{y} has no 89+ band: the top target is the exceptional performance threshold, {}, not 89.",
                            number(apt)
                        )
                    }),
                    goal: Goal::BandAtLeast(Band::Exceptional),
                }
            }
            None => ResolvedTarget {
                target,
                name: format!(
                    "the 89+ band (final score ≥ {})",
                    number(crate::engine::POSITIVE_SPLIT_SCORE)
                ),
                final_score: crate::engine::POSITIVE_SPLIT_SCORE,
                note: Some(
                    "89+ is CMS's reporting split; the positive scale does not change there."
                        .into(),
                ),
                goal: Goal::BandAtLeast(Band::Positive89Plus),
            },
        },
        Target::FinalScore(x) => {
            final_score_target(&number(x), x)?;
            ResolvedTarget {
                target,
                name: format!("a final score of {} or more", number(x)),
                final_score: x,
                note: None,
                goal: Goal::FinalScoreAtLeast(x),
            }
        }
    })
}

/// The answer for one category and one target.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Need {
    /// The scenario as it stands reaches the target. `lowest_score`: the lowest score of this
    /// category (to 0.01) that still reaches it, or `None` when the category does not count
    /// (or, for a category not scored now, when scoring it at all would lose the target).
    AlreadyReached { lowest_score: Option<f64> },
    /// The category must reach `score` (to 0.01, the true minimum).
    Needs { score: f64 },
    /// Even 100 in this category alone does not reach the target.
    NotReachable { final_score_at_100: f64 },
}

/// Points needed in one category for one target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PointsNeeded {
    pub category: Category,
    pub target: ResolvedTarget,
    /// The score entered now (None: not scored).
    pub current: Option<f64>,
    /// Not scored now: the answer is for the category scored.
    pub scored_for_analysis: bool,
    /// Why this category's score does not count, when it does not.
    pub flat: Option<Flat>,
    pub need: Need,
    /// The outcome at the lowest score that reaches the target, when there is one.
    pub at: Option<Point>,
    /// The answer in words, without the category name: "45.03 or more (now 30, +15.03) →
    /// final score 75.00, 0.00%".
    pub summary: String,
    /// Where the year's maximum is not published (PY2025+): the adjustment at `at` across
    /// the band of maxima, percent, and its dollars (see [`add_ranges`]).
    pub adjustment_range: Option<(f64, f64)>,
    pub dollars_range: Option<(f64, f64)>,
}

/// Give each answer's adjustment its range across the band of maxima where the year's maximum
/// is not published, in the numbers and in the words.
pub fn add_ranges(
    answers: &mut [PointsNeeded],
    rules: &YearRules,
    u: &super::AdjustmentUncertainty,
    charges: Option<f64>,
) {
    for a in answers {
        let Some(p) = a.at else { continue };
        let Some(range) = u.at_score(rules, p.final_score_published) else {
            continue;
        };
        if (range.1 - range.0).abs() < 1e-12 {
            continue;
        }
        let before = outcome(&p, None, None);
        a.adjustment_range = Some(range);
        a.dollars_range = charges.map(|c| (c * range.0 / 100.0, c * range.1 / 100.0));
        let after = outcome(&p, a.adjustment_range, a.dollars_range);
        a.summary = a.summary.replace(&before, &after);
    }
}

/// The points `c` needs to reach `target`, everything else held.
pub fn points_needed(
    s: &Scenario,
    rules: &YearRules,
    c: Category,
    target: Target,
) -> Result<PointsNeeded, TargetError> {
    let t = resolve_target(rules, target)?;
    Ok(points_needed_for(s, rules, c, &t))
}

/// [`points_needed`] for a target already resolved.
pub fn points_needed_for(
    s: &Scenario,
    rules: &YearRules,
    c: Category,
    target: &ResolvedTarget,
) -> PointsNeeded {
    let now = score_numbers(s, rules);
    let mut probe = Probe::new(s, rules, c);
    let lever = super::lever::lever_in(&mut probe, s, rules, c, &now);
    solve(&lever, &now, &mut probe, target)
}

/// Points needed for every category (in CMS's order) and every target, category by category:
/// `targets.len() × 4` answers, targets varying fastest.
pub fn all_points_needed(
    s: &Scenario,
    rules: &YearRules,
    targets: &[Target],
) -> Result<Vec<PointsNeeded>, TargetError> {
    let resolved = targets
        .iter()
        .map(|&t| resolve_target(rules, t))
        .collect::<Result<Vec<_>, _>>()?;
    let now = score_numbers(s, rules);
    let mut out = Vec::with_capacity(resolved.len() * 4);
    for c in Category::ALL {
        let mut probe = Probe::new(s, rules, c);
        let lever = super::lever::lever_in(&mut probe, s, rules, c, &now);
        for t in &resolved {
            out.push(solve(&lever, &now, &mut probe, t));
        }
    }
    Ok(out)
}

pub(super) fn solve(
    lever: &Lever,
    now: &ScoreResult,
    probe: &mut Probe,
    t: &ResolvedTarget,
) -> PointsNeeded {
    let reached_now = t.is_reached(now);
    // A flat category that is scored (or never can be) leaves the state as it is; one not
    // scored now still changes the weights once scored, so it is searched like any other.
    let (need, at) = if lever.is_flat() && !lever.scored_for_analysis {
        if reached_now {
            (Need::AlreadyReached { lowest_score: None }, None)
        } else {
            (
                Need::NotReachable {
                    final_score_at_100: lever.final_score_at_100,
                },
                None,
            )
        }
    } else {
        let lowest = probe.lowest_for(t);
        let at = lowest.as_ref().map(|(v, r)| Point::of(*v, r));
        match (reached_now, lowest) {
            (true, found) => (
                Need::AlreadyReached {
                    lowest_score: found.map(|(v, _)| v),
                },
                at,
            ),
            (false, Some((v, _))) => (Need::Needs { score: v }, at),
            (false, None) => (
                Need::NotReachable {
                    final_score_at_100: lever.final_score_at_100,
                },
                None,
            ),
        }
    };
    let summary = summarise(lever, &need, at.as_ref());
    PointsNeeded {
        category: lever.category,
        target: t.clone(),
        current: lever.current,
        scored_for_analysis: lever.scored_for_analysis,
        flat: lever.flat.clone(),
        need,
        at,
        summary,
        adjustment_range: None,
        dollars_range: None,
    }
}

fn outcome(p: &Point, range: Option<(f64, f64)>, dollars: Option<(f64, f64)>) -> String {
    let mut s = format!(
        "final score {}, {}",
        two_decimals(p.final_score_published),
        super::percent_or_range(p.adjustment_percent, range)
    );
    match (dollars, p.dollars) {
        (Some((l, h)), _) => {
            s.push_str(&format!(", {} to {}", signed_dollars(l), signed_dollars(h)))
        }
        (None, Some(d)) => s.push_str(&format!(", {}", signed_dollars(d))),
        (None, None) => {}
    }
    s
}

fn summarise(lever: &Lever, need: &Need, at: Option<&Point>) -> String {
    let name = lever.category.short();
    match need {
        Need::AlreadyReached { lowest_score } => match (lever.current, lowest_score) {
            _ if lever.is_flat() && !lever.scored_for_analysis => match lever.statement() {
                Some(why) => format!("already reached ({name} does not count here: {why})"),
                None => format!("already reached ({name} does not count here)"),
            },
            (Some(_), Some(x)) if *x <= 0.0 => format!("already reached, at any {name} score"),
            (Some(v), Some(x)) => format!(
                "already reached; {name} could fall to {} (now {}) and keep it",
                two_decimals(*x),
                number(v)
            ),
            (None, Some(x)) if *x <= 0.0 => {
                format!("already reached ({name} not scored); scored, any score keeps it")
            }
            (None, Some(x)) => format!(
                "already reached ({name} not scored); scored, {} or more keeps it",
                two_decimals(*x)
            ),
            (None, None) => {
                format!("already reached ({name} not scored); scoring it would lose it")
            }
            (Some(_), None) => "already reached".into(),
        },
        Need::Needs { score } => {
            let tail = at
                .map(|p| format!(" → {}", outcome(p, None, None)))
                .unwrap_or_default();
            match lever.current {
                Some(v) => format!(
                    "{} or more (now {}, +{}){tail}",
                    two_decimals(*score),
                    number(v),
                    two_decimals(score - v)
                ),
                None if *score <= 0.0 => {
                    format!("score {name} (not scored now): any score reaches it{tail}")
                }
                None => format!(
                    "score {name} (not scored now) at {} or more{tail}",
                    two_decimals(*score)
                ),
            }
        }
        Need::NotReachable { final_score_at_100 } => {
            let max = format!(
                "not reachable with {name} alone (max {} at 100)",
                two_decimals(published_score(*final_score_at_100))
            );
            match lever.statement() {
                Some(why) if lever.is_flat() => format!("{max}: {why}"),
                _ => max,
            }
        }
    }
}
