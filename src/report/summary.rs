//! The executive summary that opens every comparison report: the best option, what each
//! option is worth against the baseline (final-score points, percentage points of the payment
//! adjustment and dollars, with the range where the year's maximum is not published), and
//! the break-even of each lever that differs from the baseline ("PI must reach 94.00% for B
//! to match A").
//!
//! Pure: every figure comes from the engine's results and from [`crate::sensitivity`]'s
//! points needed; nothing here re-implements a rule.

use crate::compare::Entry;
use crate::engine::{ScoreResult, published_score};
use crate::format::signed;
use crate::format::{number, percent, signed_dollars, two_decimals};
use crate::rules::{Category, RuleSet};
use crate::sensitivity::{
    AdjustmentUncertainty, MaxRange, Need, RangeKind, Target, adjustment_range_for, points_needed,
};

/// One option of the comparison, as the summary speaks of it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Standing {
    pub key: &'static str,
    pub label: String,
    pub final_score: f64,
    pub adjustment: f64,
    /// The adjustment across the band of maxima, where the year's maximum is not published.
    pub range: Option<(f64, f64)>,
    pub dollars: Option<f64>,
    pub dollars_range: Option<(f64, f64)>,
    pub payment_year: u16,
}

/// What one option is worth against the baseline.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Worth {
    pub option: Standing,
    pub points: f64,
    pub adjustment_points: f64,
    /// The difference of the adjustment across the band of maxima (low, high).
    pub adjustment_points_range: Option<(f64, f64)>,
    pub dollars: Option<f64>,
    pub dollars_range: Option<(f64, f64)>,
    /// The break-even of each category that differs from the baseline.
    pub break_evens: Vec<BreakEven>,
}

/// Where one lever breaks even against the baseline.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct BreakEven {
    pub category: Category,
    /// The option (key) whose category score is solved for, and the one it must match.
    pub solved_in: &'static str,
    pub against: &'static str,
    /// The final score to match (as CMS publishes it).
    pub to_match: f64,
    pub current: Option<f64>,
    pub need: Need,
}

/// The executive summary of a comparison.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Summary {
    pub baseline: Standing,
    /// Index of the best option (0: the baseline).
    pub best: usize,
    pub options: Vec<Worth>,
}

const KEYS: [&str; 4] = ["A", "B", "C", "D"];

fn option_of(
    key: &'static str,
    entry: &Entry,
    r: &ScoreResult,
    u: &AdjustmentUncertainty,
) -> Standing {
    let uncertain = u.primary && u.kind == RangeKind::Positive;
    Standing {
        key,
        label: entry.label.clone(),
        final_score: published_score(r.final_score),
        adjustment: r.payment_adjustment_percent,
        range: uncertain.then_some((u.low_percent, u.high_percent)),
        dollars: r.dollar_impact,
        dollars_range: match (uncertain, u.low_dollars, u.high_dollars) {
            (true, Some(lo), Some(hi)) => Some((lo, hi)),
            _ => None,
        },
        payment_year: r.payment_year,
    }
}

/// The ends of a difference of two figures that each run over the band of maxima (the same
/// maximum applies to both ends), lowest first.
fn difference_range(
    option: (f64, Option<(f64, f64)>),
    baseline: (f64, Option<(f64, f64)>),
) -> Option<(f64, f64)> {
    if option.1.is_none() && baseline.1.is_none() {
        return None;
    }
    let (ol, oh) = option.1.unwrap_or((option.0, option.0));
    let (bl, bh) = baseline.1.unwrap_or((baseline.0, baseline.0));
    let (a, b) = (ol - bl, oh - bh);
    Some((a.min(b), a.max(b)))
}

/// The categories whose score (or scored status) differs between two scenarios.
fn differing(a: &Entry, b: &Entry) -> Vec<Category> {
    Category::ALL
        .into_iter()
        .filter(|&c| a.scenario.scores.get(c) != b.scenario.scores.get(c))
        .collect()
}

/// The summary of scored entries (the first is the baseline); `None` with fewer than two.
pub(super) fn build(
    scored: &[(Entry, ScoreResult)],
    rules: &RuleSet,
    max_range: &MaxRange,
) -> Option<Summary> {
    if scored.len() < 2 {
        return None;
    }
    let mut options = Vec::with_capacity(scored.len());
    for (key, (entry, r)) in KEYS.iter().zip(scored) {
        let year = rules.year(r.performance_year)?;
        let u = adjustment_range_for(r, year, max_range);
        options.push(option_of(key, entry, r, &u));
    }
    let best = (0..options.len())
        .max_by(|&i, &j| {
            let (a, b) = (&options[i], &options[j]);
            a.adjustment
                .total_cmp(&b.adjustment)
                .then(a.final_score.total_cmp(&b.final_score))
                // The earlier option wins a tie.
                .then(j.cmp(&i))
        })
        .unwrap_or(0);
    let base = options[0].clone();
    let (base_entry, _) = &scored[0];
    let worths = options
        .iter()
        .zip(scored)
        .skip(1)
        .map(|(o, (entry, _))| {
            let mut break_evens = Vec::new();
            for c in differing(base_entry, entry) {
                // Solve in the scenario that scores the category (the option, unless only the
                // baseline scores it), for the other's final score.
                let (solved, solved_key, other) = if entry.scenario.scores.get(c).is_some()
                    || base_entry.scenario.scores.get(c).is_none()
                {
                    (entry, o.key, &base)
                } else {
                    (base_entry, base.key, o)
                };
                let Some(year) = rules.year(solved.scenario.performance_year) else {
                    continue;
                };
                let Ok(p) = points_needed(
                    &solved.scenario,
                    year,
                    c,
                    Target::FinalScore(other.final_score),
                ) else {
                    continue;
                };
                break_evens.push(BreakEven {
                    category: c,
                    solved_in: solved_key,
                    against: other.key,
                    to_match: other.final_score,
                    current: p.current,
                    need: p.need,
                });
            }
            Worth {
                option: o.clone(),
                points: o.final_score - base.final_score,
                adjustment_points: o.adjustment - base.adjustment,
                adjustment_points_range: difference_range(
                    (o.adjustment, o.range),
                    (base.adjustment, base.range),
                ),
                dollars: match (o.dollars, base.dollars) {
                    (Some(a), Some(b)) => Some(a - b),
                    _ => None,
                },
                dollars_range: match (o.dollars, base.dollars) {
                    (Some(a), Some(b)) => {
                        difference_range((a, o.dollars_range), (b, base.dollars_range))
                    }
                    _ => None,
                },
                break_evens,
            }
        })
        .collect();
    Some(Summary {
        baseline: base,
        best,
        options: worths,
    })
}

/// "+0.21%", or "+0.60% to +1.30%" where the maximum is not published.
fn adjustment_words(o: &Standing) -> String {
    match o.range {
        Some((lo, hi)) => format!("{} to {}", percent(lo), percent(hi)),
        None => percent(o.adjustment),
    }
}

fn dollars_words(o: &Standing) -> Option<String> {
    match (o.dollars_range, o.dollars) {
        (Some((lo, hi)), _) => Some(format!("{} to {}", signed_dollars(lo), signed_dollars(hi))),
        (None, Some(d)) => Some(signed_dollars(d)),
        _ => None,
    }
}

fn points_words(v: f64) -> String {
    let n = signed(v, 2);
    if n == "0.00" {
        "the same final score".into()
    } else {
        format!("{n} points")
    }
}

fn pp_words(v: f64, range: Option<(f64, f64)>) -> String {
    match range {
        Some((lo, hi)) if (hi - lo).abs() >= 0.005 => {
            format!("{} to {} percentage points", signed(lo, 2), signed(hi, 2))
        }
        _ => format!("{} percentage points", signed(v, 2)),
    }
}

fn money_words(v: Option<f64>, range: Option<(f64, f64)>) -> Option<String> {
    match (range, v) {
        (Some((lo, hi)), _) if (hi - lo).abs() >= 0.5 => {
            Some(format!("{} to {}", signed_dollars(lo), signed_dollars(hi)))
        }
        (_, Some(d)) => Some(signed_dollars(d)),
        _ => None,
    }
}

impl Summary {
    /// The sentence naming the best option. `user` makes user text (names) safe for the
    /// output format.
    pub fn best_sentence(&self, user: &impl Fn(&str) -> String) -> String {
        let o = if self.best == 0 {
            &self.baseline
        } else {
            &self.options[self.best - 1].option
        };
        let mut s = format!(
            "{} ({}): final score {}, payment adjustment {} in {}",
            o.key,
            user(&o.label),
            two_decimals(o.final_score),
            adjustment_words(o),
            o.payment_year
        );
        let mut aside: Vec<String> = dollars_words(o).into_iter().collect();
        if o.range.is_some() {
            aside.push(format!(
                "the {} maximum is not yet published",
                o.payment_year
            ));
        }
        if !aside.is_empty() {
            s.push_str(&format!(" ({})", aside.join("; ")));
        }
        if self.best == 0 {
            s.push_str(". It is the baseline: no other option does better.");
        } else {
            let w = &self.options[self.best - 1];
            s.push_str(&format!(
                ". Against the baseline ({}): {}.",
                self.baseline.key,
                worth_figures(w)
            ));
        }
        s
    }

    /// One sentence per option: what it is worth against the baseline.
    pub fn worth_sentences(&self, user: &impl Fn(&str) -> String) -> Vec<String> {
        self.options
            .iter()
            .map(|w| {
                format!(
                    "{} ({}) against {} ({}): {}.",
                    w.option.key,
                    user(&w.option.label),
                    self.baseline.key,
                    user(&self.baseline.label),
                    worth_figures(w)
                )
            })
            .collect()
    }

    /// One sentence per lever that differs from the baseline: where it breaks even.
    pub fn break_even_sentences(&self) -> Vec<String> {
        let mut out = Vec::new();
        for w in &self.options {
            for b in &w.break_evens {
                out.push(break_even_words(b));
            }
        }
        out
    }
}

fn worth_figures(w: &Worth) -> String {
    let mut parts = vec![
        points_words(w.points),
        pp_words(w.adjustment_points, w.adjustment_points_range),
    ];
    if let Some(d) = money_words(w.dollars, w.dollars_range) {
        parts.push(format!("{d} in {}", w.option.payment_year));
    }
    parts.join(", ")
}

fn break_even_words(b: &BreakEven) -> String {
    let name = b.category.short();
    let now = match b.current {
        Some(v) => format!("now {}", number(v)),
        None => "not scored now".into(),
    };
    let goal = format!(
        "for {} to match {}'s final score of {}",
        b.solved_in,
        b.against,
        two_decimals(b.to_match)
    );
    match &b.need {
        Need::Needs { score } => format!(
            "{name} must reach {}% ({now}) {goal}.",
            two_decimals(*score)
        ),
        Need::AlreadyReached {
            lowest_score: Some(x),
        } if *x <= 0.0 => format!(
            "{} matches {} at any {name} score ({now}).",
            b.solved_in, b.against
        ),
        Need::AlreadyReached {
            lowest_score: Some(x),
        } => format!(
            "{name} could fall to {}% ({now}) and {} would still match {}'s final score of {}.",
            two_decimals(*x),
            b.solved_in,
            b.against,
            two_decimals(b.to_match)
        ),
        Need::AlreadyReached { lowest_score: None } => format!(
            "{} matches {} whatever its {name} score ({name} does not count here).",
            b.solved_in, b.against
        ),
        Need::NotReachable { final_score_at_100 } => format!(
            "{name} alone cannot bring {} to {}'s final score of {}: even 100% gives {}.",
            b.solved_in,
            b.against,
            two_decimals(b.to_match),
            two_decimals(published_score(*final_score_at_100))
        ),
    }
}
