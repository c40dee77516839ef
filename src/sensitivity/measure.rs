//! What one measure is worth: the final score, adjustment and dollars as a quality measure's rate
//! (or a cost measure's dollars) moves with everything else held; what one more percentage point
//! (or 1% lower cost) is worth; and the rate (or cost) each target needs.
//!
//! Every number comes from the category builders and the engine's numbers-only scoring: the
//! scenario is changed, its built categories rebuilt ([`crate::builders::apply`]) and scored.

use serde::Serialize;

use super::{Point, ResolvedTarget};
use crate::builders::cost::CostValue;
use crate::builders::points::decile_bounds;
use crate::builders::quality::{Performance, rate_of};
use crate::engine::score_numbers;
use crate::measures::CollectionType;
use crate::rules::{Category, YearRules};
use crate::scenario::Scenario;

/// One measure of a scenario that is built from measures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureRef {
    pub category: Category,
    pub id: String,
    pub collection_type: CollectionType,
    /// Position in the category's list of measures.
    #[serde(skip)]
    pub index: usize,
    /// Lower is better (inverse quality measures, every cost measure).
    pub lower_is_better: bool,
}

/// Why a measure cannot be moved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeasureError {
    pub message: String,
    pub allowed: String,
}

/// Finds a quality or cost measure of the scenario by id (and collection type when the id is
/// listed more than once).
pub fn find_measure(
    s: &Scenario,
    id: &str,
    collection_type: Option<CollectionType>,
) -> Result<MeasureRef, MeasureError> {
    let data = crate::measures::year(s.performance_year);
    let mut found: Vec<MeasureRef> = Vec::new();
    let mut listed: Vec<String> = Vec::new();
    if let Some(q) = &s.measures.quality {
        for (i, m) in q.measures.iter().enumerate() {
            listed.push(format!("{} ({})", m.id, m.collection_type.key()));
            if m.id == id && collection_type.is_none_or(|c| c == m.collection_type) {
                let inverse = data
                    .and_then(|d| d.benchmark(&m.id, m.collection_type))
                    .map(|b| b.inverse)
                    .or_else(|| {
                        data.and_then(|d| d.quality_measure(&m.id))
                            .map(|q| q.inverse)
                    })
                    .unwrap_or(false);
                found.push(MeasureRef {
                    category: Category::Quality,
                    id: m.id.clone(),
                    collection_type: m.collection_type,
                    index: i,
                    lower_is_better: inverse,
                });
            }
        }
    }
    if let Some(c) = &s.measures.cost {
        for (i, m) in c.measures.iter().enumerate() {
            listed.push(m.id.clone());
            if m.id == id && matches!(m.value, CostValue::Cost(_)) {
                found.push(MeasureRef {
                    category: Category::Cost,
                    id: m.id.clone(),
                    collection_type: CollectionType::AdministrativeClaims,
                    index: i,
                    lower_is_better: true,
                });
            }
        }
    }
    let allowed = if listed.is_empty() {
        "a quality measure (with a rate) or cost measure (with a cost) listed in the scenario's [quality] or [cost] tables".to_string()
    } else {
        format!("one of the scenario's measures: {}", listed.join(", "))
    };
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(MeasureError {
            message: format!("{id} is not a measure of this scenario that has a rate or a cost"),
            allowed,
        }),
        _ => Err(MeasureError {
            message: format!("{id} is listed in several collection types: name one"),
            allowed: found
                .iter()
                .map(|m| format!("--collection-type {}", m.collection_type.key()))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// The measure's rate (percent) or cost (dollars) now.
pub fn value_of(s: &Scenario, m: &MeasureRef) -> f64 {
    match m.category {
        Category::Quality => s
            .measures
            .quality
            .as_ref()
            .and_then(|q| q.measures.get(m.index))
            .and_then(|x| rate_of(x.performance, s.performance_year))
            .unwrap_or(0.0),
        _ => s
            .measures
            .cost
            .as_ref()
            .and_then(|c| c.measures.get(m.index))
            .map(|x| match x.value {
                CostValue::Cost(v) => v,
                CostValue::Points(_) => 0.0,
            })
            .unwrap_or(0.0),
    }
}

/// The scenario with the measure at `value`, its category rebuilt.
pub fn with_value(s: &Scenario, m: &MeasureRef, value: f64) -> Scenario {
    let mut t = s.clone();
    match m.category {
        Category::Quality => {
            if let Some(x) = t
                .measures
                .quality
                .as_mut()
                .and_then(|q| q.measures.get_mut(m.index))
            {
                x.performance = Performance::Rate(value);
            }
        }
        _ => {
            if let Some(x) = t
                .measures
                .cost
                .as_mut()
                .and_then(|c| c.measures.get_mut(m.index))
            {
                x.value = CostValue::Cost(value);
            }
        }
    }
    crate::builders::apply(&mut t);
    t
}

/// The outcome with the measure at one value.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MeasurePoint {
    /// The rate (percent) or cost (dollars).
    pub value: f64,
    /// The measure's achievement points.
    pub measure_points: f64,
    /// The category percent (None: not scored).
    pub category_percent: Option<f64>,
    #[serde(flatten)]
    pub outcome: Point,
}

/// Scores the scenario with the measure at `value`.
pub fn evaluate_at(s: &Scenario, rules: &YearRules, m: &MeasureRef, value: f64) -> MeasurePoint {
    let t = with_value(s, m, value);
    let points = crate::builders::build_category(&t, m.category)
        .and_then(|b| b.measures.get(m.index).map(|x| x.points))
        .unwrap_or(0.0);
    let r = score_numbers(&t, rules);
    MeasurePoint {
        value,
        measure_points: points,
        category_percent: t.scores.get(m.category),
        outcome: Point::of(t.scores.get(m.category).unwrap_or(0.0), &r),
    }
}

/// The measure's values from `from` to `to` by `step` (at most 1,001 points).
pub fn measure_sweep(
    s: &Scenario,
    rules: &YearRules,
    m: &MeasureRef,
    from: f64,
    to: f64,
    step: f64,
) -> Vec<MeasurePoint> {
    let n = (((to - from) / step).floor() as usize).min(1000);
    (0..=n)
        .map(|k| {
            let v = if k == n && (from + step * n as f64 - to).abs() < step * 1e-6 {
                to
            } else {
                from + step * k as f64
            };
            evaluate_at(s, rules, m, (v * 10_000.0).round() / 10_000.0)
        })
        .collect()
}

/// What one step better is worth: one more percentage point of rate (one less for inverse
/// measures), or a cost 1% lower.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MeasureMarginal {
    pub now: MeasurePoint,
    pub better: MeasurePoint,
    /// The value where the next decile starts, when there is one (a higher decile's bound).
    pub next_decile_at: Option<f64>,
}

pub fn measure_marginal(s: &Scenario, rules: &YearRules, m: &MeasureRef) -> MeasureMarginal {
    let v = value_of(s, m);
    let better = match (m.category, m.lower_is_better) {
        (Category::Cost, _) => v * 0.99,
        (_, true) => (v - 1.0).max(0.0),
        (_, false) => (v + 1.0).min(100.0),
    };
    let now = evaluate_at(s, rules, m, v);
    MeasureMarginal {
        now,
        better: evaluate_at(s, rules, m, better),
        next_decile_at: next_decile(s, m, v),
    }
}

/// Where the next higher decile of the measure's benchmark starts.
fn next_decile(s: &Scenario, m: &MeasureRef, v: f64) -> Option<f64> {
    let data = crate::measures::year(s.performance_year)?;
    let b = data.benchmark(&m.id, m.collection_type)?;
    let bounds = decile_bounds(b);
    bounds.iter().flatten().copied().find(|&bound| {
        if m.lower_is_better {
            bound < v
        } else {
            bound > v
        }
    })
}

/// The value one target needs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum MeasureNeed {
    /// Reached as things stand.
    AlreadyReached,
    /// The measure must reach this rate (or come down to this cost), to 0.01.
    Needs { value: f64 },
    /// Even the best value (a rate of 100, 0 for inverse measures, a cost of 0) does not.
    NotReachable { final_score_at_best: f64 },
}

/// The value the measure needs, alone, to reach `target` (binary search on the 0.01 grid:
/// points never fall as the measure improves).
pub fn measure_needed(
    s: &Scenario,
    rules: &YearRules,
    m: &MeasureRef,
    target: &ResolvedTarget,
) -> (MeasureNeed, Option<MeasurePoint>) {
    let v = value_of(s, m);
    let reached = |x: f64| {
        let t = with_value(s, m, x);
        target.is_reached(&score_numbers(&t, rules))
    };
    if reached(v) {
        return (MeasureNeed::AlreadyReached, None);
    }
    let best = if m.lower_is_better { 0.0 } else { 100.0 };
    if !reached(best) {
        let p = evaluate_at(s, rules, m, best);
        return (
            MeasureNeed::NotReachable {
                final_score_at_best: p.outcome.final_score,
            },
            None,
        );
    }
    // Integer hundredths between the value now (not reached) and the best (reached).
    let now = (v * 100.0).round() as i64;
    let value;
    if m.lower_is_better {
        // The highest x ≤ now that reaches.
        let (mut lo, mut hi) = (0i64, now);
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if reached(mid as f64 / 100.0) {
                lo = mid
            } else {
                hi = mid
            }
        }
        value = lo as f64 / 100.0;
    } else {
        let (mut lo, mut hi) = (now, 10_000i64);
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if reached(mid as f64 / 100.0) {
                hi = mid
            } else {
                lo = mid
            }
        }
        value = hi as f64 / 100.0;
    }
    (
        MeasureNeed::Needs { value },
        Some(evaluate_at(s, rules, m, value)),
    )
}
