//! The Sensitivity view's state: the typed target final score, the band of maxima at 100
//! used for the uncertainty range, and the sensitivity data, computed only while the view is
//! open (and again only when what it depends on changes).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::keymap::{Mode, action_for};
use super::measure_worth::{MeasureWorth, ranked_worths};
use super::{App, View};
use crate::engine::{ScoreResult, adjustment_for};
use crate::format::number;
use crate::rules::{Category, YearRules};
use crate::scenario::Scenario;
use crate::sensitivity::measure::CategoryCut;
use crate::sensitivity::{
    AdjustmentUncertainty, KeptResults, MaxRange, Overview, Probe, Sweep, SweepSpan, Target,
    dollars_for, lever_in, overview_kept, sweep,
};

/// The target final score typed by default.
pub const DEFAULT_TARGET: f64 = 80.0;

/// A value of the Sensitivity view that can be typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SensitivityField {
    /// The target final score (points needed).
    Target,
    /// The low end of the band of maxima at 100.
    MaxLow,
    /// The high end of the band of maxima at 100.
    MaxHigh,
}

impl SensitivityField {
    pub fn name(self) -> &'static str {
        match self {
            SensitivityField::Target => "Target final score",
            SensitivityField::MaxLow => "Lowest maximum at 100",
            SensitivityField::MaxHigh => "Highest maximum at 100",
        }
    }
}

/// A value being typed in the Sensitivity view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SensitivityEdit {
    pub field: SensitivityField,
    pub text: String,
    /// Why Enter did not keep the value (shown beside it).
    pub error: Option<String>,
}

/// Longest text accepted for a Sensitivity value.
const MAX_TYPED: usize = 8;

impl SensitivityEdit {
    /// Type, delete or clear.
    fn edit(&mut self, action: Action) {
        match action {
            Action::ClearText => self.text.clear(),
            Action::DeleteChar => {
                self.text.pop();
            }
            Action::Insert(c) if self.text.len() < MAX_TYPED => self.text.push(c),
            _ => return,
        }
        self.error = None;
    }
}

/// The adjustment along the sweep under the band's lowest and highest maxima.
#[derive(Clone, Debug, PartialEq)]
pub struct UncertaintyPoint {
    pub low_percent: f64,
    pub high_percent: f64,
    pub low_dollars: Option<f64>,
    pub high_dollars: Option<f64>,
}

/// What the Sensitivity view shows for one category.
#[derive(Clone, Debug, PartialEq)]
pub struct SensitivityData {
    /// The category charted (the focused one, Cost otherwise).
    pub category: Category,
    /// The target final score it was computed for.
    pub target: f64,
    /// The category from 0 to 100 by 1, everything else held.
    pub sweep: Sweep,
    /// The uncertainty range at each point of the sweep.
    pub uncertainty: Vec<UncertaintyPoint>,
    /// Marginal values, points needed (neutral, positive, top band, the target) and the
    /// range now.
    pub overview: Option<Overview>,
    /// Each measure with a rate or a cost of the categories built from their measures, the
    /// cheapest lever first: what one step better is worth and what each target needs (only
    /// the rows on screen: [`measure_rows`]).
    pub measures: Vec<MeasureWorth>,
    /// How many such measures the scenario has (more than shown when the screen is short).
    pub measures_total: usize,
    /// How many measure rows the screen had room for when they were worked out (a resize
    /// that changes it works them out again).
    pub measure_rows: usize,
}

/// How many measures the Sensitivity view lists at a terminal height (what each target
/// needs is worked out for these only).
pub fn measure_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(34)).clamp(2, 12)
}

/// The Sensitivity view's own state (not part of the scenario).
#[derive(Clone, Debug)]
pub struct SensitivityState {
    pub target: f64,
    pub max_range: MaxRange,
    pub edit: Option<SensitivityEdit>,
    /// The last sweep and its range, kept while what they depend on stays.
    kept: Option<Box<KeptSweep>>,
}

/// A sweep and its range with what they depend on: the scenario with the charted category's
/// own score left out (the curve does not depend on where the category is now, only the
/// marker does), and the band of maxima.
#[derive(Clone, Debug)]
struct KeptSweep {
    key: Scenario,
    category: Category,
    maxima: (f64, f64, f64),
    sweep: Sweep,
    uncertainty: Vec<UncertaintyPoint>,
    /// The engine's results for the category's scores the lever, the marginal value and the
    /// points needed asked for (they depend on the key only).
    results: KeptResults,
}

/// The scenario a sweep of `c` depends on: `c`'s own score left out.
fn sweep_key(s: &Scenario, c: Category) -> Scenario {
    let mut k = s.clone();
    k.scores.set(c, None);
    k
}

/// The sweep of `c` from 0 to 100 and the adjustment's range at each point.
fn sweep_and_range(
    s: &Scenario,
    rules: &YearRules,
    c: Category,
    now: &AdjustmentUncertainty,
    exc_max: f64,
) -> Option<(Sweep, Vec<UncertaintyPoint>)> {
    let sw = sweep(s, rules, c, &SweepSpan::default()).ok()?;
    let charges = sw.part_b_allowed_charges;
    let range = sw
        .points
        .iter()
        .map(|p| {
            let fs = p.point.final_score;
            let low = adjustment_for(rules, fs, now.max_low, exc_max).total();
            let high = adjustment_for(rules, fs, now.max_high, exc_max).total();
            UncertaintyPoint {
                low_percent: low,
                high_percent: high,
                low_dollars: dollars_for(charges, low),
                high_dollars: dollars_for(charges, high),
            }
        })
        .collect();
    Some((sw, range))
}

impl Default for SensitivityState {
    fn default() -> Self {
        SensitivityState {
            target: DEFAULT_TARGET,
            max_range: default_max_range(),
            edit: None,
            kept: None,
        }
    }
}

/// The shipped band of maxima (the published maxima of recent years, from the built-in data).
pub fn default_max_range() -> MaxRange {
    MaxRange::embedded().expect("the built-in band of maxima is valid (checked by the tests)")
}

/// The category the view charts for a focused field.
pub fn charted_category(app: &App) -> Category {
    match app.focus {
        super::Field::Score(c) => c,
        _ => Category::Cost,
    }
}

/// The sensitivity data for a scenario.
pub fn compute_sensitivity(
    s: &Scenario,
    rules: &YearRules,
    c: Category,
    target: f64,
    band: &MaxRange,
    now: &AdjustmentUncertainty,
    exc_max: f64,
) -> Option<SensitivityData> {
    let (sw, range) = sweep_and_range(s, rules, c, now, exc_max)?;
    let now_result = crate::engine::score_numbers(s, rules);
    Some(with_sweep(
        s,
        rules,
        c,
        target,
        band,
        (sw, range),
        &now_result,
        None,
    ))
}

/// The sensitivity data around a sweep already made and its range (`now`: the engine's
/// numbers for `s`; `kept`: results kept for one category's scores, see [`overview_kept`]).
#[allow(clippy::too_many_arguments)]
fn with_sweep(
    s: &Scenario,
    rules: &YearRules,
    c: Category,
    target: f64,
    band: &MaxRange,
    (sw, range): (Sweep, Vec<UncertaintyPoint>),
    now: &ScoreResult,
    kept: Option<(Category, &mut KeptResults)>,
) -> SensitivityData {
    let targets = [
        Target::Neutral,
        Target::Positive,
        Target::TopBand,
        Target::FinalScore(target),
    ];
    SensitivityData {
        category: c,
        target,
        sweep: sw,
        uncertainty: range,
        overview: overview_kept(s, rules, &targets, band, now, kept).ok(),
        measures: Vec::new(),
        measures_total: 0,
        measure_rows: 0,
    }
}

impl App {
    /// Compute the sensitivity data when the view is open and it is missing or stale.
    pub(super) fn refresh_sensitivity(&mut self) {
        if self.view != View::Sensitivity {
            return;
        }
        let c = charted_category(self);
        let fresh = self.computed.sensitivity.as_ref().is_some_and(|d| {
            d.category == c
                && d.target == self.sensitivity.target
                && (self.scenario.measures.is_empty()
                    || d.measure_rows == measure_rows(self.size.1))
        });
        if fresh {
            return;
        }
        let rules = self
            .rules
            .year(self.scenario.performance_year)
            .or_else(|| self.rules.years().last())
            .expect("a rule set has at least one year");
        let now = &self.computed.uncertainty;
        let exc_max = self.computed.result.exceptional_bonus_max.unwrap_or(0.0);
        let maxima = (now.max_low, now.max_high, exc_max);
        // The curve of the charted category does not move when only its own score does: the
        // sweep is kept, with where the category is now worked out again.
        let key = sweep_key(&self.scenario, c);
        // The engine's numbers for the scenario as it stands, scored once for every panel.
        let now_result = crate::engine::score_numbers(&self.scenario, rules);
        let valid = self
            .sensitivity
            .kept
            .as_deref()
            .is_some_and(|k| k.category == c && k.maxima == maxima && k.key == key);
        if !valid {
            self.sensitivity.kept = None;
        }
        let swept = match self.sensitivity.kept.as_deref_mut() {
            Some(k) => {
                let mut sw = k.sweep.clone();
                // The lever's scores at 0 and 100 are among the results kept.
                let mut probe = Probe::keeping(&self.scenario, rules, c, &mut k.results);
                sw.lever = lever_in(&mut probe, &self.scenario, rules, c, &now_result);
                sw.now = crate::sensitivity::Now::of(sw.lever.current, &now_result);
                Some((sw, k.uncertainty.clone()))
            }
            None => {
                let made = sweep_and_range(&self.scenario, rules, c, now, exc_max);
                self.sensitivity.kept = made.as_ref().map(|(sw, u)| {
                    Box::new(KeptSweep {
                        key,
                        category: c,
                        maxima,
                        sweep: sw.clone(),
                        uncertainty: u.clone(),
                        results: KeptResults::default(),
                    })
                });
                made
            }
        };
        let results = self.sensitivity.kept.as_deref_mut().map(|k| &mut k.results);
        let mut data = swept.map(|(sw, range)| {
            with_sweep(
                &self.scenario,
                rules,
                c,
                self.sensitivity.target,
                &self.sensitivity.max_range,
                (sw, range),
                &now_result,
                results.map(|r| (c, r)),
            )
        });
        if let Some(d) = &mut data
            && !self.scenario.measures.is_empty()
        {
            // The category's points needed decide most of a measure's values unscored.
            let targets: Vec<_> = d
                .overview
                .iter()
                .flat_map(|o| &o.points_needed)
                .filter(|p| matches!(p.category, Category::Quality | Category::Cost))
                .map(|p| (p.category, p.target.clone(), CategoryCut::of(p)))
                .collect();
            let (measures, total) = ranked_worths(
                &self.scenario,
                &self.computed.result,
                &now_result,
                rules,
                &mut self.measure_probes,
                &targets,
                &self.computed.uncertainty,
                measure_rows(self.size.1),
            );
            d.measures = measures;
            d.measures_total = total;
            d.measure_rows = measure_rows(self.size.1);
        }
        self.computed.sensitivity = data.map(Box::new);
    }

    /// `T`, `m`, `M`: start typing the target or an end of the band of maxima.
    pub(super) fn begin_sensitivity_typing(&mut self, field: SensitivityField) {
        let now = match field {
            SensitivityField::Target => number(self.sensitivity.target),
            SensitivityField::MaxLow => number(self.sensitivity.max_range.low),
            SensitivityField::MaxHigh => number(self.sensitivity.max_range.high),
        };
        self.sensitivity.edit = Some(SensitivityEdit {
            field,
            text: String::new(),
            error: None,
        });
        self.info(format!(
            "{} (now {now}): type a value, Enter keeps it, Esc cancels",
            field.name()
        ));
    }

    /// A key while a Sensitivity value is being typed.
    pub(super) fn on_sensitivity_typing(&mut self, key: KeyEvent) {
        let action = action_for(&[Mode::SensitivityTyping], key);
        let Some(e) = &mut self.sensitivity.edit else {
            return;
        };
        match action {
            Some(Action::Cancel) => {
                let name = e.field.name();
                self.sensitivity.edit = None;
                self.info(format!("{name} not changed"));
            }
            Some(Action::Keep) => self.keep_sensitivity_value(),
            Some(a) => e.edit(a),
            None => match key.code {
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    e.error = Some(format!("“{c}”: digits and . only"));
                }
                _ => {}
            },
        }
    }

    /// Enter on a typed Sensitivity value: keep it when valid, or say why not.
    fn keep_sensitivity_value(&mut self) {
        let Some(e) = self.sensitivity.edit.clone() else {
            return;
        };
        let limit = self.year_rules().max_positive_limit();
        let parsed: Result<f64, String> = match e.text.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ if e.text.trim().is_empty() => Err("type a value".into()),
            _ => Err(format!("“{}” is not a number", e.text)),
        };
        let outcome = parsed.and_then(|v| match e.field {
            SensitivityField::Target if (0.0..=100.0).contains(&v) => Ok(v),
            SensitivityField::Target => Err(format!("{} is not a final score (0–100)", number(v))),
            SensitivityField::MaxLow | SensitivityField::MaxHigh if !(0.0..=limit).contains(&v) => {
                Err(format!(
                    "{}% is outside 0–{}% (3 × the applicable percent)",
                    number(v),
                    number(limit)
                ))
            }
            SensitivityField::MaxLow if v > self.sensitivity.max_range.high => Err(format!(
                "low {}% is above high {}%",
                number(v),
                number(self.sensitivity.max_range.high)
            )),
            SensitivityField::MaxHigh if v < self.sensitivity.max_range.low => Err(format!(
                "high {}% is below low {}%",
                number(v),
                number(self.sensitivity.max_range.low)
            )),
            _ => Ok(v),
        });
        match outcome {
            Err(why) => {
                if let Some(edit) = &mut self.sensitivity.edit {
                    edit.error = Some(why.clone());
                }
                self.error(format!("{}: {why}", e.field.name()));
            }
            Ok(v) => {
                self.sensitivity.edit = None;
                match e.field {
                    SensitivityField::Target => self.sensitivity.target = v,
                    SensitivityField::MaxLow | SensitivityField::MaxHigh => {
                        let (low, high) = if e.field == SensitivityField::MaxLow {
                            (Some(v), None)
                        } else {
                            (None, Some(v))
                        };
                        match self.sensitivity.max_range.with_bounds(low, high) {
                            Ok(r) => self.sensitivity.max_range = r,
                            Err(why) => {
                                self.error(why);
                                return;
                            }
                        }
                        self.recompute();
                    }
                }
                self.info(format!("{} set to {}", e.field.name(), number(v)));
            }
        }
    }
}
