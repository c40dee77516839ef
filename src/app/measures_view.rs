//! The Measures view's state and keys: the focused category's measures, the selected one and
//! the value of it being changed (rate, numerator, denominator, data completeness, cases or
//! cost), a typed value, the picker that adds a measure, and the switch between the category's
//! percent and its measures. Every change goes through [`App::set_scenario`], so points,
//! category, final score, adjustment and the band chart follow each keystroke, and each is one
//! undoable step (a run of nudges on one value is one step).

use ratatui::crossterm::event::KeyEvent;

use super::action::{Action, Dir, Step};
use super::input_bounds::{InputBounds, Steps};
use super::keymap::{Mode, action_for};
use super::msg::Effect;
use super::{App, Field, View};
use crate::builders::cost::{CostInput, CostMeasureInput, CostValue};
use crate::builders::promoting_interoperability::PiValue;
use crate::builders::quality::{Performance, QualityInput, QualityMeasureInput, rate_of};
use crate::builders::{MeasureScore, build_category, percent_matches};
use crate::format::number;
use crate::measures::{CollectionType, YearMeasures};
use crate::rules::Category;
use crate::scenario::Scenario;
use crate::sensitivity::measure::{MeasureMarginal, MeasureNeed, MeasureProbes, MeasureRef};
use crate::sensitivity::{Target, resolve_target};

/// Longest text accepted while typing a measure's value.
const MAX_TYPED: usize = 16;
/// Largest count (numerator, denominator, cases) and cost in dollars accepted.
const MAX_COUNT: f64 = 10_000_000.0;

/// One value of a measure that can be changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Rate,
    Numerator,
    Denominator,
    DataCompleteness,
    Cases,
    Cost,
}

impl Part {
    pub fn label(self) -> &'static str {
        match self {
            Part::Rate => "Rate %",
            Part::Numerator => "Numerator",
            Part::Denominator => "Denominator",
            Part::DataCompleteness => "Completeness %",
            Part::Cases => "Cases",
            Part::Cost => "Cost $",
        }
    }

    /// Range and steps (percent for rates, whole numbers for counts, dollars for cost).
    pub fn spec(self) -> InputBounds {
        match self {
            Part::Rate | Part::DataCompleteness => InputBounds {
                min: 0.0,
                max: 100.0,
                steps: Steps {
                    normal: 1.0,
                    big: 10.0,
                    fine: 0.1,
                },
                integer: false,
            },
            Part::Numerator | Part::Denominator | Part::Cases => InputBounds {
                min: 0.0,
                max: MAX_COUNT,
                steps: Steps {
                    normal: 1.0,
                    big: 10.0,
                    fine: 1.0,
                },
                integer: true,
            },
            Part::Cost => InputBounds {
                min: 0.0,
                max: MAX_COUNT,
                steps: Steps {
                    normal: 10.0,
                    big: 100.0,
                    fine: 1.0,
                },
                integer: false,
            },
        }
    }

    fn range_text(self) -> String {
        let s = self.spec();
        format!("{}–{}", number(s.min), number(s.max))
    }
}

/// The values a category's measures can change.
pub fn parts_of(category: Category) -> &'static [Part] {
    match category {
        Category::Quality => &[
            Part::Rate,
            Part::Numerator,
            Part::Denominator,
            Part::DataCompleteness,
            Part::Cases,
        ],
        Category::Cost => &[Part::Cost, Part::Cases],
        Category::PromotingInteroperability => &[Part::Numerator, Part::Denominator],
        Category::ImprovementActivities => &[],
    }
}

/// A value of the selected measure being typed.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureEdit {
    pub category: Category,
    /// Position in the category's list of measures (the scenario's input).
    pub index: usize,
    pub part: Part,
    pub text: String,
    /// The scenario before typing began (Esc goes back to it; Enter records it for undo).
    pub before: Scenario,
    pub error: Option<String>,
}

/// One entry of the add-a-measure picker.
#[derive(Clone, Debug, PartialEq)]
pub struct PickItem {
    pub id: String,
    pub title: String,
    pub collection_type: CollectionType,
    /// CMS has a benchmark for the measure in this collection type this year.
    pub benchmarked: bool,
    pub topped_out: bool,
    pub flat: bool,
}

/// The searchable picker over the year's inventory of the category's measures.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasurePicker {
    pub category: Category,
    /// Measures with a benchmark in this collection type come first.
    pub collection_type: CollectionType,
    pub query: String,
    pub selected: usize,
    pub items: Vec<PickItem>,
}

/// One row of the table: a measure's score, and where its input is (None: a row the builder
/// adds, such as a required measure not reported).
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureRow {
    pub input: Option<usize>,
    pub title: String,
    pub score: MeasureScore,
    /// Numerator and denominator when given as a fraction; cases and data completeness.
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub data_completeness: Option<f64>,
    pub cases: Option<u32>,
}

/// What the view shows, worked out when the scenario (or the category shown) changes.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasuresData {
    pub category: Category,
    /// The percent the category's measures give (None: no measures; `Some(None)`: they
    /// give "not scored").
    pub built_percent: Option<Option<f64>>,
    /// The category's percent comes from its measures (not typed as a percent).
    pub from_measures: bool,
    pub rows: Vec<MeasureRow>,
}

/// What the selected measure is worth: one step better (a percentage point, or 1% lower cost)
/// and the value each standard target needs with this measure alone.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureWorth {
    pub measure: MeasureRef,
    pub marginal: MeasureMarginal,
    /// (what the target is, what it needs).
    pub needs: Vec<(String, MeasureNeed)>,
}

/// The selected measure's worth, worked out for this scenario (kept until it changes).
#[derive(Clone, Debug, PartialEq)]
pub struct WorthFor {
    pub scenario: Scenario,
    pub category: Category,
    pub index: usize,
    pub worth: Option<MeasureWorth>,
}

/// The Measures view's state (not part of the scenario).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MeasuresViewState {
    /// The selected row.
    pub selected: usize,
    /// The selected value of the row (an index into [`parts_of`]).
    pub part: usize,
    pub edit: Option<MeasureEdit>,
    pub picker: Option<MeasurePicker>,
    /// Each category's percent from before it was switched to its measures (% goes back).
    pub percents: [Option<Option<f64>>; 4],
    pub data: Option<MeasuresData>,
    /// The scenario `data` was worked out for.
    pub data_for: Option<Scenario>,
    /// The selected measure's worth (only the selected one: only it is on screen).
    pub worth: Option<WorthFor>,
}

/// The category the view shows: the focused score's, Quality otherwise.
pub fn shown_category(app: &App) -> Category {
    match app.focus {
        Field::Score(c) => c,
        _ => app
            .measures_view
            .data
            .as_ref()
            .map_or(Category::Quality, |d| d.category),
    }
}

/// The view's data for a scenario and category.
pub fn measures_data(s: &Scenario, category: Category) -> MeasuresData {
    let build = build_category(s, category);
    let from_measures = build
        .as_ref()
        .is_some_and(|b| percent_matches(b, s.scores.get(category)));
    let percent = build.as_ref().map(|b| b.percent);
    data_of(
        s,
        category,
        percent,
        from_measures,
        build.map(|b| b.measures),
    )
}

/// The view's data with the engine's result for the scenario: a category built from its
/// measures is built there already, so only a category given as a percent is built here.
pub fn measures_data_with(
    s: &Scenario,
    category: Category,
    result: &crate::engine::ScoreResult,
) -> MeasuresData {
    let outcome = result.category(category);
    match (&outcome.measures, outcome.built_from) {
        (Some(measures), crate::engine::BuiltFrom::Measures) => data_of(
            s,
            category,
            Some(s.scores.get(category)),
            true,
            Some(measures.clone()),
        ),
        _ => measures_data(s, category),
    }
}

fn data_of(
    s: &Scenario,
    category: Category,
    built_percent: Option<Option<f64>>,
    from_measures: bool,
    measures: Option<Vec<MeasureScore>>,
) -> MeasuresData {
    let data = crate::measures::year(s.performance_year);
    let mut rows = Vec::new();
    if let Some(measures) = measures {
        let inputs = input_count(s, category);
        for (i, score) in measures.into_iter().enumerate() {
            let input = match category {
                Category::Quality | Category::Cost => (i < inputs).then_some(i),
                Category::PromotingInteroperability => s
                    .measures
                    .promoting_interoperability
                    .as_ref()
                    .and_then(|p| p.measures.iter().position(|m| m.id == score.id)),
                Category::ImprovementActivities => None,
            };
            let mut row = MeasureRow {
                input,
                title: data
                    .map(|d| title_of(d, category, &score.id))
                    .unwrap_or_default(),
                score,
                numerator: None,
                denominator: None,
                data_completeness: None,
                cases: None,
            };
            if let Some(i) = input {
                fill_inputs(s, category, i, &mut row);
            }
            rows.push(row);
        }
    }
    MeasuresData {
        category,
        built_percent,
        from_measures,
        rows,
    }
}

/// The measure a row of a quality measure with a rate, or a cost measure with a cost, is
/// (None for others: points given directly, PI and activities).
pub fn measure_ref(s: &Scenario, category: Category, index: usize) -> Option<MeasureRef> {
    let data = crate::measures::year(s.performance_year);
    let measure = match category {
        Category::Quality => {
            let x = s.measures.quality.as_ref()?.measures.get(index)?;
            let inverse = data
                .and_then(|d| d.benchmark(&x.id, x.collection_type))
                .map(|b| b.inverse)
                .or_else(|| {
                    data.and_then(|d| d.quality_measure(&x.id))
                        .map(|q| q.inverse)
                })
                .unwrap_or(false);
            MeasureRef {
                category,
                id: x.id.clone(),
                collection_type: x.collection_type,
                index,
                lower_is_better: inverse,
            }
        }
        Category::Cost => {
            let x = s.measures.cost.as_ref()?.measures.get(index)?;
            if !matches!(x.value, CostValue::Cost(_)) {
                return None;
            }
            MeasureRef {
                category,
                id: x.id.clone(),
                collection_type: CollectionType::AdministrativeClaims,
                index,
                lower_is_better: true,
            }
        }
        _ => return None,
    };
    Some(measure)
}

/// What a quality measure with a rate, or a cost measure with a cost, is worth (None for
/// others), through `probes` kept between calls (a value built once is not built again while
/// the category's other inputs stay the same).
pub fn measure_worth(
    s: &Scenario,
    rules: &crate::rules::YearRules,
    category: Category,
    index: usize,
    probes: &mut MeasureProbes,
) -> Option<MeasureWorth> {
    let measure = measure_ref(s, category, index)?;
    let probe = probes.probe(s, &measure);
    let marginal = probe.marginal(rules);
    let needs = Target::STANDARD
        .iter()
        .filter_map(|t| resolve_target(rules, *t).ok())
        .map(|t| (t.name.clone(), probe.needed(rules, &t).0))
        .collect();
    Some(MeasureWorth {
        measure,
        marginal,
        needs,
    })
}

fn title_of(d: &YearMeasures, category: Category, id: &str) -> String {
    match category {
        Category::Quality => d.quality_measure(id).map(|m| m.title.clone()),
        Category::Cost => d.cost_measure(id).map(|m| m.title.clone()),
        Category::ImprovementActivities => d.activity(id).map(|m| m.title.clone()),
        Category::PromotingInteroperability => d.pi_measure(id).map(|m| m.title.clone()),
    }
    .unwrap_or_default()
}

fn fill_inputs(s: &Scenario, category: Category, i: usize, row: &mut MeasureRow) {
    let m = &s.measures;
    match category {
        Category::Quality => {
            if let Some(x) = m.quality.as_ref().and_then(|q| q.measures.get(i)) {
                if let Performance::Fraction {
                    numerator,
                    denominator,
                } = x.performance
                {
                    row.numerator = Some(numerator);
                    row.denominator = Some(denominator);
                }
                row.data_completeness = x.data_completeness;
                row.cases = x.cases;
            }
        }
        Category::Cost => {
            if let Some(x) = m.cost.as_ref().and_then(|c| c.measures.get(i)) {
                row.cases = x.cases;
            }
        }
        Category::PromotingInteroperability => {
            if let Some(x) = m
                .promoting_interoperability
                .as_ref()
                .and_then(|p| p.measures.get(i))
                && let PiValue::Fraction {
                    numerator,
                    denominator,
                } = x.value
            {
                row.numerator = Some(numerator);
                row.denominator = Some(denominator);
            }
        }
        Category::ImprovementActivities => {}
    }
}

fn input_count(s: &Scenario, category: Category) -> usize {
    let m = &s.measures;
    match category {
        Category::Quality => m.quality.as_ref().map_or(0, |q| q.measures.len()),
        Category::Cost => m.cost.as_ref().map_or(0, |c| c.measures.len()),
        Category::PromotingInteroperability => m
            .promoting_interoperability
            .as_ref()
            .map_or(0, |p| p.measures.len()),
        Category::ImprovementActivities => 0,
    }
}

/// A measure's value now (None: not given, e.g. a rate given as points only).
pub fn part_value(s: &Scenario, category: Category, index: usize, part: Part) -> Option<f64> {
    let m = &s.measures;
    match category {
        Category::Quality => {
            let x = m.quality.as_ref()?.measures.get(index)?;
            match (part, x.performance) {
                (Part::Rate, p) => rate_of(p, s.performance_year),
                (Part::Numerator, Performance::Fraction { numerator, .. }) => Some(numerator),
                (Part::Denominator, Performance::Fraction { denominator, .. }) => Some(denominator),
                (Part::DataCompleteness, _) => Some(x.data_completeness.unwrap_or(100.0)),
                (Part::Cases, _) => x.cases.map(f64::from),
                _ => None,
            }
        }
        Category::Cost => {
            let x = m.cost.as_ref()?.measures.get(index)?;
            match (part, x.value) {
                (Part::Cost, CostValue::Cost(v)) => Some(v),
                (Part::Cases, _) => x.cases.map(f64::from),
                _ => None,
            }
        }
        Category::PromotingInteroperability => {
            let x = m.promoting_interoperability.as_ref()?.measures.get(index)?;
            match (part, x.value) {
                (
                    Part::Numerator,
                    PiValue::Fraction {
                        numerator: n,
                        denominator: _,
                    },
                ) => Some(n),
                (
                    Part::Denominator,
                    PiValue::Fraction {
                        numerator: _,
                        denominator: d,
                    },
                ) => Some(d),
                _ => None,
            }
        }
        Category::ImprovementActivities => None,
    }
}

/// Change one value of a measure (already in its range); `Err` says why it cannot be.
pub fn set_part(
    s: &mut Scenario,
    category: Category,
    index: usize,
    part: Part,
    v: f64,
) -> Result<(), String> {
    let fraction = |n: f64, d: f64| -> Result<(f64, f64), String> {
        if d <= 0.0 {
            Err("the denominator must be above 0".into())
        } else if n > d {
            Err(format!(
                "the numerator ({}) is above the denominator ({})",
                number(n),
                number(d)
            ))
        } else {
            Ok((n, d))
        }
    };
    let m = &mut s.measures;
    match category {
        Category::Quality => {
            let x = m
                .quality
                .as_mut()
                .and_then(|q| q.measures.get_mut(index))
                .ok_or("no such measure")?;
            match part {
                Part::Rate => x.performance = Performance::Rate(v),
                Part::Numerator | Part::Denominator => {
                    let (n, d) = match x.performance {
                        Performance::Fraction {
                            numerator,
                            denominator,
                        } => (numerator, denominator),
                        // From a rate: the cases (or 100) as the denominator.
                        Performance::Rate(r) => {
                            let d = f64::from(x.cases.unwrap_or(100).max(1));
                            ((r / 100.0 * d).round(), d)
                        }
                    };
                    let (n, d) = if part == Part::Numerator {
                        fraction(v, d)?
                    } else {
                        fraction(n, v)?
                    };
                    x.performance = Performance::Fraction {
                        numerator: n,
                        denominator: d,
                    };
                }
                Part::DataCompleteness => x.data_completeness = Some(v),
                Part::Cases => x.cases = Some(v as u32),
                Part::Cost => return Err("a quality measure has a rate, not a cost".into()),
            }
        }
        Category::Cost => {
            let x = m
                .cost
                .as_mut()
                .and_then(|c| c.measures.get_mut(index))
                .ok_or("no such measure")?;
            match part {
                Part::Cost => x.value = CostValue::Cost(v),
                Part::Cases => x.cases = Some(v as u32),
                _ => return Err("a cost measure has a cost and cases".into()),
            }
        }
        Category::PromotingInteroperability => {
            let x = m
                .promoting_interoperability
                .as_mut()
                .and_then(|p| p.measures.get_mut(index))
                .ok_or("no such measure")?;
            let PiValue::Fraction {
                numerator,
                denominator,
            } = x.value
            else {
                return Err("this measure is attested or excluded, not counted".into());
            };
            let (n, d) = match part {
                Part::Numerator => fraction(v, denominator)?,
                Part::Denominator => fraction(numerator, v)?,
                _ => return Err("a PI measure has a numerator and a denominator".into()),
            };
            x.value = PiValue::Fraction {
                numerator: n,
                denominator: d,
            };
        }
        Category::ImprovementActivities => {
            return Err("activities are done or not: add or remove them".into());
        }
    }
    Ok(())
}

/// The year's measures of a category for the picker, filtered by the words typed (all of them,
/// in the id or the title); those with a benchmark in `collection_type` first.
pub fn picker_items(
    d: &YearMeasures,
    category: Category,
    collection_type: CollectionType,
    query: &str,
) -> Vec<PickItem> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let matches = |id: &str, title: &str| {
        let hay = format!("{} {}", id.to_lowercase(), title.to_lowercase());
        words.iter().all(|w| hay.contains(w.as_str()))
    };
    let mut items: Vec<PickItem> = Vec::new();
    match category {
        Category::Quality => {
            for m in d.quality.iter().filter(|m| matches(&m.id, &m.title)) {
                let ct = if m.has_collection_type(collection_type) {
                    collection_type
                } else {
                    d.benchmarks_of(&m.id)
                        .first()
                        .map(|b| b.collection_type)
                        .or_else(|| m.collection_types.first().copied())
                        .unwrap_or(collection_type)
                };
                let b = d.benchmark(&m.id, ct);
                items.push(PickItem {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    collection_type: ct,
                    benchmarked: b.is_some() && ct == collection_type,
                    topped_out: b.is_some_and(|b| b.topped_out),
                    flat: b.is_some_and(|b| b.flat),
                });
            }
        }
        Category::Cost => {
            for m in d.cost.iter().filter(|m| matches(&m.id, &m.title)) {
                let b = d.benchmark(&m.id, CollectionType::AdministrativeClaims);
                items.push(PickItem {
                    id: m.id.clone(),
                    title: m.title.clone(),
                    collection_type: CollectionType::AdministrativeClaims,
                    benchmarked: b.is_some(),
                    topped_out: false,
                    flat: b.is_some_and(|b| b.flat),
                });
            }
        }
        _ => {}
    }
    // Stable: id order within each group.
    items.sort_by_key(|i| !i.benchmarked);
    items
}

impl App {
    /// Work the view's data out again (after every message, while the view is open).
    pub(super) fn refresh_measures_view(&mut self) {
        if self.view != View::Measures {
            self.measures_view.data = None;
            return;
        }
        let c = shown_category(self);
        let fresh = self
            .measures_view
            .data
            .as_ref()
            .is_some_and(|d| d.category == c)
            && self.measures_view.data_for.as_ref() == Some(&self.scenario);
        let data = if fresh {
            self.measures_view.data.take().expect("checked above")
        } else {
            self.measures_view.data_for = Some(self.scenario.clone());
            measures_data_with(&self.scenario, c, &self.computed.result)
        };
        let st = &mut self.measures_view;
        st.selected = st.selected.min(data.rows.len().saturating_sub(1));
        st.part = st.part.min(parts_of(c).len().saturating_sub(1));
        let index = data
            .rows
            .get(st.selected)
            .filter(|_| data.from_measures)
            .and_then(|r| r.input);
        st.data = Some(data);
        let Some(index) = index else {
            st.worth = None;
            return;
        };
        let fresh = st
            .worth
            .as_ref()
            .is_some_and(|w| w.category == c && w.index == index && w.scenario == self.scenario);
        if !fresh {
            let rules = self
                .rules
                .year(self.scenario.performance_year)
                .or_else(|| self.rules.years().last())
                .expect("a rule set has at least one year");
            let worth = measure_worth(&self.scenario, rules, c, index, &mut self.measure_probes);
            self.measures_view.worth = Some(WorthFor {
                scenario: self.scenario.clone(),
                category: c,
                index,
                worth,
            });
        }
    }

    /// The view's data for the scenario as it stands (the one worked out after the last
    /// message when it still holds).
    fn measures_data_now(&self) -> std::borrow::Cow<'_, MeasuresData> {
        let c = shown_category(self);
        match &self.measures_view.data {
            Some(d)
                if d.category == c
                    && self.measures_view.data_for.as_ref() == Some(&self.scenario) =>
            {
                std::borrow::Cow::Borrowed(d)
            }
            _ => std::borrow::Cow::Owned(measures_data_with(
                &self.scenario,
                c,
                &self.computed.result,
            )),
        }
    }

    /// The selected row's input index and the selected value, when it can be changed.
    fn selected_part(&mut self) -> Option<(Category, usize, Part)> {
        let data = self.measures_data_now();
        let c = data.category;
        let Some(row) = data.rows.get(self.measures_view.selected) else {
            self.info(format!(
                "{} has no measures here: I adds one from the PY{} inventory",
                c.label(),
                self.scenario.performance_year
            ));
            return None;
        };
        let Some(index) = row.input else {
            self.info(format!(
                "{}: {} (added by the scoring, not changed here)",
                row.score.id, row.score.reason
            ));
            return None;
        };
        let Some(&part) = parts_of(c).get(self.measures_view.part) else {
            self.info("Activities are done or not: I adds one, D removes the selected one");
            return None;
        };
        Some((c, index, part))
    }

    /// A main-screen action in the Measures view; false when the action is not the view's.
    pub(super) fn measures_act(&mut self, action: Action) -> bool {
        use Action as A;
        match action {
            A::Nudge(dir, step) => self.nudge_measure(dir, step),
            A::StartTyping(c) => self.begin_measure_edit(Some(c.to_string())),
            A::EditValue => self.begin_measure_edit(None),
            A::EnterValue => {
                if let Some((c, i, p)) = self.selected_part() {
                    let text = part_value(&self.scenario, c, i, p)
                        .map(number)
                        .unwrap_or_default();
                    self.begin_measure_edit(Some(text));
                }
            }
            A::SelectNext | A::SelectPrevious => {
                let n = self.measures_data_now().rows.len();
                if n == 0 {
                    self.selected_part();
                    return true;
                }
                let st = &mut self.measures_view;
                st.selected = if action == A::SelectNext {
                    (st.selected + 1) % n
                } else {
                    (st.selected + n - 1) % n
                };
            }
            A::MeasureValue(dir) => {
                let c = shown_category(self);
                let n = parts_of(c).len();
                if n == 0 {
                    self.selected_part();
                    return true;
                }
                let st = &mut self.measures_view;
                st.part = match dir {
                    Dir::Up => (st.part + 1) % n,
                    Dir::Down => (st.part + n - 1) % n,
                };
                let part = parts_of(c)[self.measures_view.part];
                self.info(format!("Changing the measure's {}", part.label()));
            }
            A::NextCategory(dir) => {
                let c = shown_category(self);
                let step = match dir {
                    Dir::Up => 1,
                    Dir::Down => 3,
                };
                let next = Category::ALL[(c.index() + step) % 4];
                self.focus = Field::Score(next);
                self.measures_view.selected = 0;
                self.measures_view.part = 0;
            }
            A::SwitchBuiltFrom => self.switch_built_from(),
            A::AddMeasure => self.open_measure_picker(),
            A::RemoveMeasure => self.remove_measure(),
            _ => return false,
        }
        true
    }

    fn nudge_measure(&mut self, dir: Dir, size: Step) {
        let Some((c, index, part)) = self.selected_part() else {
            return;
        };
        let spec = part.spec();
        let Some(current) = part_value(&self.scenario, c, index, part) else {
            self.info(format!(
                "{} is not given for this measure: type a value",
                part.label()
            ));
            return;
        };
        let step = match size {
            Step::Normal => spec.steps.normal,
            Step::Big => spec.steps.big,
            Step::Fine => spec.steps.fine,
        };
        let target = super::field::tidy((current + dir.sign() * step).clamp(spec.min, spec.max));
        if target == current {
            self.info(format!(
                "{} is at its {} ({})",
                part.label(),
                if dir == Dir::Up { "maximum" } else { "minimum" },
                part.range_text()
            ));
            return;
        }
        let before = self.scenario.clone();
        match self.changed_measure(c, index, part, target) {
            Ok(next) => {
                // A run of nudges on one value is one undo step (any other key ends the run).
                self.history.record(before, Some(Field::Score(c)));
                self.set_scenario(next);
            }
            Err(why) => self.warn(format!("{}: {why}", part.label())),
        }
    }

    /// The scenario with one value of a measure changed and its category from its measures
    /// (remembering a percent typed before, for %).
    fn changed_measure(
        &mut self,
        c: Category,
        index: usize,
        part: Part,
        v: f64,
    ) -> Result<Scenario, String> {
        let mut next = self.scenario.clone();
        set_part(&mut next, c, index, part, v)?;
        self.use_measures(&mut next, c);
        Ok(next)
    }

    /// Make a category come from its measures in `next`, remembering its percent if it was
    /// given as one.
    fn use_measures(&mut self, next: &mut Scenario, c: Category) {
        let data = self.measures_data_now();
        let was_percent = if data.category == c {
            !data.from_measures
        } else {
            build_category(&self.scenario, c)
                .is_none_or(|b| !percent_matches(&b, self.scenario.scores.get(c)))
        };
        if was_percent {
            self.measures_view.percents[c.index()] = Some(self.scenario.scores.get(c));
            crate::builders::use_measures(next, c);
        }
        // A category already from its measures follows them when the scenario is set.
    }

    fn begin_measure_edit(&mut self, text: Option<String>) {
        let Some((category, index, part)) = self.selected_part() else {
            return;
        };
        let text = match text {
            Some(t) => t,
            None => {
                let mut t = part_value(&self.scenario, category, index, part)
                    .map(number)
                    .unwrap_or_default();
                t.pop();
                t
            }
        };
        self.measures_view.edit = Some(MeasureEdit {
            category,
            index,
            part,
            text,
            before: self.scenario.clone(),
            error: None,
        });
        self.apply_measure_typed();
    }

    /// Parse the typed text and, when valid, apply it at once.
    fn apply_measure_typed(&mut self) {
        let Some(e) = &self.measures_view.edit else {
            return;
        };
        let (c, index, part, text) = (e.category, e.index, e.part, e.text.clone());
        let parsed = part.spec().parse(&text);
        let error = match parsed {
            Ok(v) => match self.changed_measure(c, index, part, v) {
                Ok(next) => {
                    self.set_scenario(next);
                    None
                }
                Err(why) => Some(why),
            },
            Err(_) if text.is_empty() => None,
            Err(why) => Some(format!(
                "{why}: {} takes {}",
                part.label(),
                part.range_text()
            )),
        };
        if let Some(e) = &mut self.measures_view.edit {
            e.error = error;
        }
    }

    /// A key while a measure's value is typed.
    pub(super) fn on_measure_typing_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        match action_for(&[Mode::Typing], key) {
            Some(Action::Keep) => {
                self.keep_measure_edit();
            }
            Some(Action::Cancel) => self.cancel_measure_edit(),
            Some(a @ (Action::Insert(_) | Action::DeleteChar | Action::ClearText)) => {
                let Some(e) = &mut self.measures_view.edit else {
                    return Vec::new();
                };
                match a {
                    Action::Insert(ch) => {
                        if let Some(why) = crate::number_text::refused_char(ch, &e.text) {
                            self.warn(why);
                            return Vec::new();
                        }
                        if e.text.chars().count() < MAX_TYPED {
                            e.text.push(ch);
                        }
                    }
                    Action::DeleteChar => {
                        e.text.pop();
                    }
                    _ => e.text.clear(),
                }
                self.apply_measure_typed();
            }
            _ => match action_for(&[Mode::InView(View::Measures), Mode::Main], key) {
                Some(a)
                    if a.is_move()
                        || matches!(
                            a,
                            Action::SelectNext
                                | Action::SelectPrevious
                                | Action::MeasureValue(_)
                                | Action::NextCategory(_)
                        ) =>
                {
                    if self.keep_measure_edit() {
                        self.history.break_run();
                        self.measures_act(a);
                    }
                }
                _ => self.info("Typing a measure's value: Enter keeps it, Esc goes back"),
            },
        }
        Vec::new()
    }

    /// Enter: keep the typed value as one undoable step; false (and why) when it is invalid.
    fn keep_measure_edit(&mut self) -> bool {
        let Some(e) = &self.measures_view.edit else {
            return true;
        };
        if let Some(err) = &e.error {
            self.error(format!("{err} — fix it, or Esc to cancel"));
            return false;
        }
        let e = self.measures_view.edit.take().expect("checked above");
        if self.scenario != e.before {
            self.history.record(e.before, None);
        }
        self.history.break_run();
        true
    }

    fn cancel_measure_edit(&mut self) {
        if let Some(e) = self.measures_view.edit.take() {
            if self.scenario != e.before {
                self.set_scenario(e.before);
            }
            self.info("Typing cancelled");
        }
    }

    /// %: the category from its measures, or back to the percent it had (neither is lost).
    fn switch_built_from(&mut self) {
        let c = shown_category(self);
        let Some(build) = build_category(&self.scenario, c) else {
            self.info(format!(
                "{} has no measures: I adds one, and the category then comes from them",
                c.label()
            ));
            return;
        };
        let before = self.scenario.clone();
        let mut next = self.scenario.clone();
        if percent_matches(&build, self.scenario.scores.get(c)) {
            let Some(percent) = self.measures_view.percents[c.index()] else {
                self.info(format!(
                    "{} has no percent of its own: type one in the inputs (F2 Results) to use it",
                    c.label()
                ));
                return;
            };
            next.scores.set(c, percent);
            if percent_matches(&build, percent) {
                self.info(format!(
                    "{}'s percent is the one its measures give: nothing to switch",
                    c.label()
                ));
                return;
            }
            self.set_scenario(next);
            self.history.record(before, None);
            self.info(format!(
                "{} is the percent {} (its measures are kept: % uses them again)",
                c.label(),
                percent.map_or("not scored".into(), number)
            ));
        } else {
            self.use_measures(&mut next, c);
            self.set_scenario(next);
            self.history.record(before, None);
            self.info(format!(
                "{} comes from its measures (% goes back to the percent)",
                c.label()
            ));
        }
    }

    fn open_measure_picker(&mut self) {
        let c = shown_category(self);
        let Some(d) = crate::measures::year(self.scenario.performance_year) else {
            self.warn(format!(
                "No CMS measure data for PY{}",
                self.scenario.performance_year
            ));
            return;
        };
        if !matches!(c, Category::Quality | Category::Cost) {
            self.info(format!(
                "Measures are added here for Quality and Cost; {} is given in the scenario file",
                c.label()
            ));
            return;
        }
        // The collection type of the selected measure (or the category's first), else MIPS CQM.
        let collection_type = self
            .scenario
            .measures
            .quality
            .as_ref()
            .and_then(|q| {
                q.measures
                    .get(self.measures_view.selected)
                    .or(q.measures.first())
            })
            .map(|m| m.collection_type)
            .filter(|_| c == Category::Quality)
            .unwrap_or(if c == Category::Cost {
                CollectionType::AdministrativeClaims
            } else {
                CollectionType::Registry
            });
        let items = picker_items(d, c, collection_type, "");
        self.measures_view.picker = Some(MeasurePicker {
            category: c,
            collection_type,
            query: String::new(),
            selected: 0,
            items,
        });
    }

    /// A key while the picker is open (the open picker's keys: type, ↑ ↓, Enter, Esc).
    pub(super) fn on_measure_picker_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(action) = action_for(&[Mode::OpenPicker], key) else {
            return Vec::new();
        };
        let Some(p) = &mut self.measures_view.picker else {
            return Vec::new();
        };
        let refilter = |p: &mut MeasurePicker, year: u16| {
            if let Some(d) = crate::measures::year(year) {
                p.items = picker_items(d, p.category, p.collection_type, &p.query);
            }
            p.selected = 0;
        };
        let year = self.scenario.performance_year;
        match action {
            Action::Insert(ch) => {
                if p.query.chars().count() < 40 {
                    p.query.push(ch);
                }
                refilter(p, year);
            }
            Action::DeleteChar => {
                p.query.pop();
                refilter(p, year);
            }
            Action::ClearText => {
                p.query.clear();
                refilter(p, year);
            }
            Action::SelectNext | Action::SelectPrevious => {
                let n = p.items.len().max(1);
                p.selected = if action == Action::SelectNext {
                    (p.selected + 1) % n
                } else {
                    (p.selected + n - 1) % n
                };
            }
            Action::Cancel => {
                self.measures_view.picker = None;
                self.info("No measure added");
            }
            Action::Keep => {
                let Some(item) = p.items.get(p.selected).cloned() else {
                    self.info("No measure matches: Backspace, or Esc");
                    return Vec::new();
                };
                let c = p.category;
                self.measures_view.picker = None;
                self.add_measure(c, &item);
            }
            _ => {}
        }
        Vec::new()
    }

    fn add_measure(&mut self, c: Category, item: &PickItem) {
        let data = crate::measures::year(self.scenario.performance_year);
        let average = data
            .and_then(|d| d.benchmark(&item.id, item.collection_type))
            .and_then(|b| b.average);
        let before = self.scenario.clone();
        let mut next = self.scenario.clone();
        let at = match c {
            Category::Quality => {
                let q = next
                    .measures
                    .quality
                    .get_or_insert_with(|| Box::new(QualityInput::default()));
                q.measures.push(QualityMeasureInput {
                    id: item.id.clone(),
                    collection_type: item.collection_type,
                    performance: Performance::Rate(average.unwrap_or(0.0).clamp(0.0, 100.0)),
                    data_completeness: None,
                    cases: None,
                    end_to_end: None,
                });
                q.measures.len() - 1
            }
            _ => {
                let k = next
                    .measures
                    .cost
                    .get_or_insert_with(|| Box::new(CostInput::default()));
                k.measures.push(CostMeasureInput {
                    id: item.id.clone(),
                    value: CostValue::Cost(average.unwrap_or(0.0)),
                    cases: None,
                });
                k.measures.len() - 1
            }
        };
        self.use_measures(&mut next, c);
        self.set_scenario(next);
        self.history.record(before, None);
        self.measures_view.selected = at;
        self.measures_view.part = 0;
        let start = match average {
            Some(a) => format!("at CMS's benchmark mean, {}", number(a)),
            None => "at 0 (CMS's file has no mean for it)".into(),
        };
        self.info(format!(
            "Added {} ({}) {start}: type its {}",
            item.id,
            item.collection_type.label(),
            if c == Category::Cost { "cost" } else { "rate" }
        ));
    }

    fn remove_measure(&mut self) {
        let data = self.measures_data_now();
        let c = data.category;
        let Some(index) = data
            .rows
            .get(self.measures_view.selected)
            .and_then(|r| r.input)
        else {
            self.selected_part();
            return;
        };
        let id = data.rows[self.measures_view.selected].score.id.clone();
        let before = self.scenario.clone();
        let mut next = self.scenario.clone();
        let was_built = data.from_measures;
        let left = {
            let m = &mut next.measures;
            match c {
                Category::Quality => m.quality.as_mut().map(|q| {
                    q.measures.remove(index);
                    q.measures.len()
                }),
                Category::Cost => m.cost.as_mut().map(|k| {
                    k.measures.remove(index);
                    k.measures.len()
                }),
                Category::PromotingInteroperability => {
                    m.promoting_interoperability.as_mut().map(|p| {
                        p.measures.remove(index);
                        p.measures.len()
                    })
                }
                Category::ImprovementActivities => None,
            }
        };
        let mut said = format!("Removed {id} (u undoes)");
        if left == Some(0) {
            // No measures left: the category is a percent again (the one it had, if any).
            match c {
                Category::Quality => next.measures.quality = None,
                Category::Cost => next.measures.cost = None,
                _ => next.measures.promoting_interoperability = None,
            }
            if let Some(p) = self.measures_view.percents[c.index()].take() {
                next.scores.set(c, p);
            }
            said = format!(
                "Removed {id}, the last of {}: it is a percent again (u undoes)",
                c.label()
            );
        } else if was_built {
            crate::builders::use_measures(&mut next, c);
        }
        self.set_scenario(next);
        self.history.record(before, None);
        self.info(said);
    }
}
