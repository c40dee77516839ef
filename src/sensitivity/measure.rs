//! What one measure is worth: the final score, adjustment and dollars as a quality measure's rate
//! (or a cost measure's dollars) moves with everything else held; what one more percentage point
//! (or 1% lower cost) is worth; and the rate (or cost) each target needs.
//!
//! Every number comes from the category builders and the engine's numbers-only scoring: the
//! scenario is changed, its built categories rebuilt ([`crate::builders::apply`]) and scored.

use std::collections::HashMap;

use serde::Serialize;

use super::{Point, ResolvedTarget};
use crate::builders::cost::CostValue;
use crate::builders::points::decile_bounds;
use crate::builders::quality::{Performance, rate_of};
use crate::builders::{Context, MeasureInputs};
use crate::engine::{ScoreResult, score_numbers};
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
    set_value(&mut t, m, value);
    crate::builders::apply(&mut t);
    t
}

/// Puts the measure's rate (a quality measure's performance becomes that rate) or cost.
fn set_value(s: &mut Scenario, m: &MeasureRef, value: f64) {
    set_input(&mut s.measures, m, value);
}

/// [`set_value`] on the scenario's measure inputs.
fn set_input(inputs: &mut MeasureInputs, m: &MeasureRef, value: f64) {
    match m.category {
        Category::Quality => {
            if let Some(x) = inputs
                .quality
                .as_mut()
                .and_then(|q| q.measures.get_mut(m.index))
            {
                x.performance = Performance::Rate(value);
            }
        }
        _ => {
            if let Some(x) = inputs
                .cost
                .as_mut()
                .and_then(|c| c.measures.get_mut(m.index))
            {
                x.value = CostValue::Cost(value);
            }
        }
    }
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

/// Where a target is reached along the measure's values, on the 0.01 grid (in hundredths),
/// whatever the measure's value is now.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Threshold {
    /// The lowest value that reaches (higher is better), or the highest (lower is better).
    At(i64),
    /// Not even the best value reaches.
    Never { final_score_at_best: f64 },
}

/// What the category's own percent must be for a target, everything else held, when it is
/// known (the points-needed answer for the measure's category): a measure's value then
/// reaches the target exactly when the percent it builds does, so most values are decided
/// without scoring (the final score never falls as one category's percent rises).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CategoryCut {
    /// The lowest percent on the 0.01 grid that reaches (the one below does not).
    Lowest(f64),
    /// No percent up to 100 reaches.
    Never,
}

impl CategoryCut {
    /// The cut a points-needed answer gives, when it gives one (a category whose score does
    /// not count gives none: its percents are scored one by one).
    pub fn of(answer: &super::PointsNeeded) -> Option<CategoryCut> {
        // A category that does not count (and is scored) is not searched.
        if answer.flat.is_some() && !answer.scored_for_analysis {
            return None;
        }
        match &answer.need {
            super::Need::Needs { score } => Some(CategoryCut::Lowest(*score)),
            super::Need::AlreadyReached {
                lowest_score: Some(score),
            } => Some(CategoryCut::Lowest(*score)),
            super::Need::NotReachable { .. } => Some(CategoryCut::Never),
            super::Need::AlreadyReached { lowest_score: None } => None,
        }
    }

    /// Whether a category percent reaches, when the cut decides it.
    fn decides(self, percent: f64) -> Option<bool> {
        match self {
            CategoryCut::Never => Some(false),
            CategoryCut::Lowest(q) if percent >= q => Some(true),
            CategoryCut::Lowest(q) if percent <= ((q * 100.0).round() - 1.0) / 100.0 => Some(false),
            CategoryCut::Lowest(_) => None,
        }
    }
}

/// One target's threshold, for the bracket it was searched in.
#[derive(Clone, Debug, PartialEq)]
struct Found {
    target: ResolvedTarget,
    /// The top of the bracket searched (hundredths): 100% for rates, a power of two above the
    /// cost for costs.
    top: i64,
    threshold: Threshold,
}

/// Most values remembered per measure (a sweep of 1,001 points and the searches fit).
const MAX_BUILDS: usize = 4096;

/// One measure of a scenario, scored at many values: its category rebuilt at each value, the
/// other categories held as they stand. Each value's build is remembered while the category's
/// other inputs and the practice stay the same, and each target's threshold while the rest of
/// the scenario does, so a probe kept between keystrokes answers again without rebuilding.
#[derive(Clone, Debug)]
pub struct MeasureProbe {
    pub measure: MeasureRef,
    /// The scenario whose measure's value (and its category's percent) is varied.
    scenario: Scenario,
    /// What a build depends on: the practice and the category's inputs, the measure's own
    /// value left out.
    build_key: (Context, MeasureInputs),
    /// The measure's points and the category percent at each value (by the value's bits).
    builds: HashMap<u64, (f64, Option<f64>)>,
    /// The scenario with the measure's value and its category's percent left out: what the
    /// thresholds depend on.
    answer_key: Scenario,
    found: Vec<Found>,
    /// The engine's numbers by the category percent (its bits), for `scenario` as it stands.
    scored: Vec<(Option<u64>, ScoreResult)>,
}

/// Most results remembered per measure for one scenario.
const MAX_SCORED: usize = 64;

/// The scenario with the measure's value and its category's percent left out (and the inputs
/// of the other categories kept only in `answer`).
fn masked(s: &Scenario, m: &MeasureRef) -> ((Context, MeasureInputs), Scenario) {
    let mut inputs = MeasureInputs::default();
    match m.category {
        Category::Quality => inputs.quality = s.measures.quality.clone(),
        _ => inputs.cost = s.measures.cost.clone(),
    }
    set_input(&mut inputs, m, -1.0);
    let mut answer = s.clone();
    // The inputs without what the builders last gave.
    let given = std::mem::take(&mut answer.measures);
    answer.measures.quality = given.quality;
    answer.measures.cost = given.cost;
    answer.measures.improvement_activities = given.improvement_activities;
    answer.measures.promoting_interoperability = given.promoting_interoperability;
    answer.scores.set(m.category, None);
    set_value(&mut answer, m, -1.0);
    ((Context::from_scenario(s), inputs), answer)
}

impl MeasureProbe {
    pub fn new(s: &Scenario, m: &MeasureRef) -> MeasureProbe {
        let (build_key, answer_key) = masked(s, m);
        MeasureProbe {
            measure: m.clone(),
            scenario: s.clone(),
            build_key,
            builds: HashMap::new(),
            answer_key,
            found: Vec::new(),
            scored: Vec::new(),
        }
    }

    /// Follow a changed scenario, keeping what still holds for it.
    pub fn update(&mut self, s: &Scenario) {
        if &self.scenario == s {
            return;
        }
        let (build_key, answer_key) = masked(s, &self.measure);
        if build_key != self.build_key {
            self.builds.clear();
            self.build_key = build_key;
        }
        if answer_key != self.answer_key {
            self.found.clear();
            self.answer_key = answer_key;
        }
        self.scored.clear();
        self.scenario = s.clone();
    }

    /// The measure's rate or cost in the scenario.
    pub fn value(&self) -> f64 {
        value_of(&self.scenario, &self.measure)
    }

    /// The measure's points and its category's percent with the measure at `value`.
    fn build(&mut self, value: f64) -> (f64, Option<f64>) {
        if let Some(b) = self.builds.get(&value.to_bits()) {
            return *b;
        }
        let now = self.value();
        let m = self.measure.clone();
        set_value(&mut self.scenario, &m, value);
        let built = crate::builders::build_category(&self.scenario, m.category);
        set_value(&mut self.scenario, &m, now);
        let b = built.map_or((0.0, None), |b| {
            (b.measures.get(m.index).map_or(0.0, |x| x.points), b.percent)
        });
        if self.builds.len() >= MAX_BUILDS {
            self.builds.clear();
        }
        self.builds.insert(value.to_bits(), b);
        b
    }

    /// The engine's numbers with the measure at `value` (and its category's percent built),
    /// scored once per category percent while the scenario stays the same.
    fn score_at(&mut self, rules: &YearRules, value: f64) -> (f64, Option<f64>, &ScoreResult) {
        let (points, percent) = self.build(value);
        let key = percent.map(f64::to_bits);
        let i = match self.scored.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let c = self.measure.category;
                let held = self.scenario.scores.get(c);
                self.scenario.scores.set(c, percent);
                let r = score_numbers(&self.scenario, rules);
                self.scenario.scores.set(c, held);
                if self.scored.len() >= MAX_SCORED {
                    self.scored.clear();
                }
                self.scored.push((key, r));
                self.scored.len() - 1
            }
        };
        (points, percent, &self.scored[i].1)
    }

    /// Gives the probe the engine's numbers for the scenario it follows as it stands (`now`
    /// must be `score_numbers` of that scenario): the value now is then not scored again.
    pub fn know_now(&mut self, now: &ScoreResult) {
        let key = self
            .scenario
            .scores
            .get(self.measure.category)
            .map(f64::to_bits);
        if !self.scored.iter().any(|(k, _)| *k == key) {
            if self.scored.len() >= MAX_SCORED {
                self.scored.clear();
            }
            self.scored.push((key, now.clone()));
        }
    }

    /// The outcome with the measure at `value`.
    pub fn evaluate(&mut self, rules: &YearRules, value: f64) -> MeasurePoint {
        let (points, percent, r) = self.score_at(rules, value);
        MeasurePoint {
            value,
            measure_points: points,
            category_percent: percent,
            outcome: Point::of(percent.unwrap_or(0.0), r),
        }
    }

    fn reached(
        &mut self,
        rules: &YearRules,
        target: &ResolvedTarget,
        cut: Option<CategoryCut>,
        value: f64,
    ) -> bool {
        if let Some(cut) = cut
            && let (_, Some(percent)) = self.build(value)
            && let Some(decided) = cut.decides(percent)
        {
            return decided;
        }
        let (_, _, r) = self.score_at(rules, value);
        target.is_reached(r)
    }

    /// What one step better is worth (see [`measure_marginal`]).
    pub fn marginal(&mut self, rules: &YearRules) -> MeasureMarginal {
        let v = self.value();
        let better = match (self.measure.category, self.measure.lower_is_better) {
            (Category::Cost, _) => v * 0.99,
            (_, true) => (v - 1.0).max(0.0),
            (_, false) => (v + 1.0).min(100.0),
        };
        let now = self.evaluate(rules, v);
        MeasureMarginal {
            now,
            better: self.evaluate(rules, better),
            next_decile_at: next_decile(&self.scenario, &self.measure, v),
        }
    }

    /// Where `target` is reached on the grid from 0 to `top` (hundredths), found once per
    /// scenario and kept (binary search: points never fall as the measure improves).
    fn threshold(
        &mut self,
        rules: &YearRules,
        target: &ResolvedTarget,
        cut: Option<CategoryCut>,
        top: i64,
    ) -> Threshold {
        if let Some(f) = self
            .found
            .iter()
            .find(|f| f.top == top && &f.target == target)
        {
            return f.threshold;
        }
        let at = |k: i64| k as f64 / 100.0;
        let threshold = if self.measure.lower_is_better {
            if !self.reached(rules, target, cut, 0.0) {
                Threshold::Never {
                    final_score_at_best: self.evaluate(rules, 0.0).outcome.final_score,
                }
            } else if self.reached(rules, target, cut, at(top)) {
                Threshold::At(top)
            } else {
                // The highest x that reaches: reached at `lo`, not at `hi`.
                let (mut lo, mut hi) = (0i64, top);
                while hi - lo > 1 {
                    let mid = (lo + hi) / 2;
                    if self.reached(rules, target, cut, at(mid)) {
                        lo = mid
                    } else {
                        hi = mid
                    }
                }
                Threshold::At(lo)
            }
        } else if !self.reached(rules, target, cut, at(top)) {
            Threshold::Never {
                final_score_at_best: self.evaluate(rules, at(top)).outcome.final_score,
            }
        } else if self.reached(rules, target, cut, 0.0) {
            Threshold::At(0)
        } else {
            // The lowest x that reaches: not reached at `lo`, reached at `hi`.
            let (mut lo, mut hi) = (0i64, top);
            while hi - lo > 1 {
                let mid = (lo + hi) / 2;
                if self.reached(rules, target, cut, at(mid)) {
                    hi = mid
                } else {
                    lo = mid
                }
            }
            Threshold::At(hi)
        };
        self.found.push(Found {
            target: target.clone(),
            top,
            threshold,
        });
        threshold
    }

    /// The value the measure needs, alone, to reach `target` (see [`measure_needed`]).
    pub fn needed(
        &mut self,
        rules: &YearRules,
        target: &ResolvedTarget,
    ) -> (MeasureNeed, Option<MeasurePoint>) {
        self.needed_with(rules, target, None)
    }

    /// [`MeasureProbe::needed`], given what the category's percent must be when it is known:
    /// the same answer, with fewer values scored.
    pub fn needed_with(
        &mut self,
        rules: &YearRules,
        target: &ResolvedTarget,
        cut: Option<CategoryCut>,
    ) -> (MeasureNeed, Option<MeasurePoint>) {
        let need = self.need_with(rules, target, cut);
        let at = match need {
            MeasureNeed::Needs { value } => Some(self.evaluate(rules, value)),
            _ => None,
        };
        (need, at)
    }

    /// [`MeasureProbe::needed_with`] without the outcome at the value needed.
    pub fn need_with(
        &mut self,
        rules: &YearRules,
        target: &ResolvedTarget,
        cut: Option<CategoryCut>,
    ) -> MeasureNeed {
        let v = self.value();
        let now = (v * 100.0).round() as i64;
        let lower = self.measure.lower_is_better;
        // Rates run to 100%; a cost is searched below a power of two above it (a bracket
        // that stays the same while the cost moves within it).
        let top = if self.measure.category == Category::Cost {
            ((now.max(0) + 1) as u64).next_power_of_two() as i64
        } else {
            10_000
        };
        let threshold = self.threshold(rules, target, cut, top);
        let on_grid = now as f64 / 100.0 == v;
        let reached = match threshold {
            Threshold::Never { .. } => false,
            Threshold::At(h) if on_grid => {
                if lower {
                    now <= h
                } else {
                    now >= h
                }
            }
            Threshold::At(_) => self.reached(rules, target, cut, v),
        };
        if reached {
            return MeasureNeed::AlreadyReached;
        }
        let value = match threshold {
            Threshold::Never {
                final_score_at_best,
            } => {
                return MeasureNeed::NotReachable {
                    final_score_at_best,
                };
            }
            // Past the value now (the value now, rounded to the grid, does not count).
            Threshold::At(h) if lower => h.min(now - 1),
            Threshold::At(h) => h.max(now + 1),
        } as f64
            / 100.0;
        MeasureNeed::Needs { value }
    }
}

/// Probes kept between calls, one per measure (the explorer keeps one across keystrokes).
#[derive(Clone, Debug, Default)]
pub struct MeasureProbes {
    probes: Vec<MeasureProbe>,
}

/// Most measures kept.
const MAX_PROBES: usize = 64;

impl MeasureProbes {
    /// The probe of measure `m`, following scenario `s`.
    pub fn probe(&mut self, s: &Scenario, m: &MeasureRef) -> &mut MeasureProbe {
        let at = match self.probes.iter().position(|p| &p.measure == m) {
            Some(i) => {
                self.probes[i].update(s);
                i
            }
            None => {
                if self.probes.len() >= MAX_PROBES {
                    self.probes.remove(0);
                }
                self.probes.push(MeasureProbe::new(s, m));
                self.probes.len() - 1
            }
        };
        &mut self.probes[at]
    }
}

/// Scores the scenario with the measure at `value`.
pub fn evaluate_at(s: &Scenario, rules: &YearRules, m: &MeasureRef, value: f64) -> MeasurePoint {
    MeasureProbe::new(s, m).evaluate(rules, value)
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
    let mut probe = MeasureProbe::new(s, m);
    let n = (((to - from) / step).floor() as usize).min(1000);
    (0..=n)
        .map(|k| {
            let v = if k == n && (from + step * n as f64 - to).abs() < step * 1e-6 {
                to
            } else {
                from + step * k as f64
            };
            probe.evaluate(rules, (v * 10_000.0).round() / 10_000.0)
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
    MeasureProbe::new(s, m).marginal(rules)
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
    MeasureProbe::new(s, m).needed(rules, target)
}
