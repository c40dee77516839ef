//! The Measures view's state and keys: the focused category's measures, the selected one and
//! the value of it being changed (rate, numerator, denominator, data completeness, cases or
//! cost), a typed value, the picker that adds a measure, and the switch between the category's
//! percent and its measures. Every change goes through [`App::set_scenario`], so points,
//! category, final score, adjustment and the band chart follow each keystroke, and each is one
//! undoable step (a run of nudges on one value is one step).

//!
//! By concern: [`parts`] (the values a measure has), [`data`] (the rows shown), [`editing`]
//! (nudges, typing, the switch, removing) and [`picker`] (adding).

mod data;
mod editing;
mod parts;
mod picker;

pub use data::{MeasureRow, MeasuresData, measures_data, measures_data_with};
pub use editing::MeasureEdit;
pub use parts::{Part, part_value, parts_of, set_part};
pub use picker::{MeasurePicker, PickItem, picker_items};

use super::action::{Action, Dir};
pub use super::measure_worth::{MeasureWorth, measure_ref, measure_worth};
use super::{App, Field, View};
use crate::format::number;
use crate::rules::Category;
use crate::scenario::Scenario;
use crate::sensitivity::{Target, resolve_target};

/// The selected measure's worth, worked out for this scenario (kept until it changes).
#[derive(Clone, Debug, PartialEq)]
pub struct WorthFor {
    pub scenario: Scenario,
    pub category: Category,
    pub index: usize,
    /// The typed target final score (the Sensitivity view's) and the range it was worked
    /// out with.
    pub target: f64,
    pub uncertainty: crate::sensitivity::AdjustmentUncertainty,
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
        let fresh = st.worth.as_ref().is_some_and(|w| {
            w.category == c
                && w.index == index
                && w.target == self.sensitivity.target
                && w.uncertainty == self.computed.uncertainty
                && w.scenario == self.scenario
        });
        if !fresh {
            let rules = self
                .rules
                .year(self.scenario.performance_year)
                .or_else(|| self.rules.years().last())
                .expect("a rule set has at least one year");
            // The standard targets and the typed one (the Sensitivity view's target).
            let targets: Vec<_> = Target::STANDARD
                .iter()
                .copied()
                .chain([Target::FinalScore(self.sensitivity.target)])
                .filter_map(|t| resolve_target(rules, t).ok())
                .map(|t| (t, None))
                .collect();
            let worth = measure_worth(
                &self.scenario,
                rules,
                c,
                index,
                &mut self.measure_probes,
                &targets,
                &self.computed.uncertainty,
            );
            self.measures_view.worth = Some(WorthFor {
                scenario: self.scenario.clone(),
                category: c,
                index,
                target: self.sensitivity.target,
                uncertainty: self.computed.uncertainty.clone(),
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
}
