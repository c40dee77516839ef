//! Changing the selected measure: nudges, typing a value (each keystroke applied, Enter keeps
//! it as one undoable step, Esc goes back), the switch between the category's percent and its
//! measures, and removing a measure.

use ratatui::crossterm::event::KeyEvent;

use super::parts::{MAX_TYPED, Part, part_value, set_part};
use super::shown_category;
use crate::app::action::{Action, Dir, Step};
use crate::app::keymap::{Mode, action_for};
use crate::app::msg::Effect;
use crate::app::{App, Field, View};
use crate::builders::{build_category, percent_matches};
use crate::format::number;
use crate::rules::Category;
use crate::scenario::Scenario;

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

impl App {
    pub(in crate::app) fn nudge_measure(&mut self, dir: Dir, size: Step) {
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
        let target =
            crate::app::field::tidy((current + dir.sign() * step).clamp(spec.min, spec.max));
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
    pub(in crate::app) fn changed_measure(
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
    pub(in crate::app) fn use_measures(&mut self, next: &mut Scenario, c: Category) {
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

    pub(in crate::app) fn begin_measure_edit(&mut self, text: Option<String>) {
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
    pub(in crate::app) fn apply_measure_typed(&mut self) {
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
    pub(in crate::app) fn on_measure_typing_key(&mut self, key: KeyEvent) -> Vec<Effect> {
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
    pub(in crate::app) fn keep_measure_edit(&mut self) -> bool {
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

    pub(in crate::app) fn cancel_measure_edit(&mut self) {
        if let Some(e) = self.measures_view.edit.take() {
            if self.scenario != e.before {
                self.set_scenario(e.before);
            }
            self.info("Typing cancelled");
        }
    }

    /// %: the category from its measures, or back to the percent it had (neither is lost).
    pub(in crate::app) fn switch_built_from(&mut self) {
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

    pub(in crate::app) fn remove_measure(&mut self) {
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
                Category::ImprovementActivities => {
                    m.improvement_activities
                        .as_mut()
                        .and_then(|a| match &mut a.activities {
                            crate::builders::improvement_activities::Activities::Listed(ids) => {
                                ids.remove(index);
                                Some(ids.len())
                            }
                            _ => None,
                        })
                }
            }
        };
        let mut said = format!("Removed {id} (u undoes)");
        if left == Some(0) {
            // No measures left: the category is a percent again (the one it had, if any).
            match c {
                Category::Quality => next.measures.quality = None,
                Category::Cost => next.measures.cost = None,
                Category::ImprovementActivities => next.measures.improvement_activities = None,
                Category::PromotingInteroperability => {
                    next.measures.promoting_interoperability = None
                }
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
