//! Changing the scenario as undoable steps: move the focus, nudge, jump to a limit, toggle,
//! undo and redo. Every change goes through [`App::change`] (normalise, record, recompute,
//! explain), so the result always matches the scenario.

use super::App;
use super::action::{Dir, Step};
use super::field::{self, Field, Kind};
use super::notes::field_note;
use crate::format::number;
use crate::rules::{Category, YearRules};
use crate::scenario::{Scenario, normalize};

/// Values to come back to when a category is scored again or charges entered again.
#[derive(Clone, Debug, Default)]
pub(super) struct Remembered {
    pub(super) scores: [Option<f64>; 4],
    pub(super) charges: Option<f64>,
}

impl App {
    pub(super) fn move_focus(&mut self, delta: i32, wrap: bool) {
        let fields = self.fields();
        let n = fields.len() as i32;
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0) as i32;
        let next = if wrap {
            (at + delta).rem_euclid(n)
        } else {
            (at + delta).clamp(0, n - 1)
        };
        self.focus = fields[next as usize];
    }

    /// Keep the focus on a visible field after the year (and so the field list) changed.
    pub(super) fn keep_focus_visible(&mut self) {
        if !self.fields().contains(&self.focus) {
            self.focus = Field::PerformanceYear;
        }
    }

    /// Change the scenario as one undoable step: normalise, recompute, explain.
    pub(super) fn change(
        &mut self,
        field: Field,
        nudge: bool,
        f: impl FnOnce(&mut Scenario),
    ) -> bool {
        let mut next = self.scenario.clone();
        f(&mut next);
        let fixes = normalize(&mut next, &self.rules);
        if next == self.scenario {
            return false;
        }
        self.history
            .record(self.scenario.clone(), nudge.then_some(field));
        self.set_scenario(next);
        self.explain_change(field, &fixes);
        true
    }

    /// After a change: say what the rules did with it when that is not obvious.
    fn explain_change(&mut self, field: Field, fixes: &[String]) {
        if !fixes.is_empty() {
            self.warn(fixes.join(" "));
            return;
        }
        let note = field_note(self, field);
        if note.ignored {
            self.warn(format!("{} changed, but: {}", field.name(), note.text));
        }
    }

    pub(super) fn nudge(&mut self, dir: Dir, size: Step) {
        let dir = dir.sign();
        let field = self.focus;
        match field.kind() {
            Kind::Number => {
                let year = self.year_rules();
                let Some(spec) = field.input_bounds(year, self.years) else {
                    return;
                };
                let current = field
                    .get_number(&self.scenario)
                    .or_else(|| field.default_number(year));
                let Some(current) = current else {
                    self.info(match field {
                        Field::Score(c) => format!(
                            "{} is not scored: Space scores it again, or type a value",
                            c.label()
                        ),
                        _ => format!(
                            "{} is not entered: type a value or press Space",
                            field.name()
                        ),
                    });
                    return;
                };
                let step = match size {
                    Step::Normal => spec.steps.normal,
                    Step::Big => spec.steps.big,
                    Step::Fine => spec.steps.fine,
                };
                let target = field::tidy((current + dir * step).clamp(spec.min, spec.max));
                if field.get_number(&self.scenario) == Some(target) {
                    self.info(format!(
                        "{} is at its {} ({})",
                        field.name(),
                        if dir > 0.0 { "maximum" } else { "minimum" },
                        spec.bounds_text(field)
                    ));
                    return;
                }
                self.change(field, true, |s| field.set_number(s, Some(target)));
            }
            Kind::Choice => {
                let year = self.year_rules();
                let options = field::choices(field, &self.scenario, year);
                let Some(current) = field::current_choice(field, &self.scenario) else {
                    return;
                };
                let at = options.iter().position(|o| *o == current).unwrap_or(0) as i32;
                let next = (at + dir as i32).clamp(0, options.len() as i32 - 1) as usize;
                if next as i32 == at {
                    self.info(format!(
                        "{}: no option {} this one",
                        field.name(),
                        if dir > 0.0 { "after" } else { "before" }
                    ));
                    return;
                }
                let choice = options[next];
                self.change(field, true, |s| field::set_choice(s, choice));
            }
            Kind::Toggle => {
                let v = dir > 0.0;
                if field.get_toggle(&self.scenario) != v {
                    self.change(field, false, |s| field.set_toggle(s, v));
                }
            }
        }
    }

    pub(super) fn jump_to_limit(&mut self, dir: Dir) {
        let max = dir == Dir::Up;
        let field = self.focus;
        match field.kind() {
            Kind::Toggle => return self.nudge(dir, Step::Normal),
            Kind::Choice => {
                let options = field::choices(field, &self.scenario, self.year_rules());
                let target = if max { options.last() } else { options.first() };
                if let Some(&choice) = target {
                    self.change(field, false, |s| field::set_choice(s, choice));
                }
                return;
            }
            Kind::Number => {}
        }
        let Some(spec) = field.input_bounds(self.year_rules(), self.years) else {
            return;
        };
        if field.get_number(&self.scenario).is_none()
            && matches!(field, Field::Score(_) | Field::PartBCharges)
        {
            return self.nudge(Dir::Up, Step::Normal);
        }
        let v = if max { spec.max } else { spec.min };
        self.change(field, false, |s| field.set_number(s, Some(v)));
    }

    /// The focused field's toggle: score or not score a category, yes / no, the next option,
    /// charges entered or not, an assumption back to the rules' value.
    pub(super) fn toggle(&mut self) {
        let field = self.focus;
        match field {
            Field::Score(c) => match self.scenario.scores.get(c) {
                Some(v) => {
                    self.remembered.scores[c.index()] = Some(v);
                    self.change(field, false, |s| s.scores.set(c, None));
                    if self.status.is_none() {
                        self.info(format!(
                            "{} not scored: weight redistributed (not the same as 0)",
                            c.label()
                        ));
                    }
                }
                None => {
                    let (v, from) = match self.remembered.scores[c.index()] {
                        Some(v) => (v, "its last value"),
                        None => (self.national_median(c), "the national median"),
                    };
                    self.change(field, false, |s| s.scores.set(c, Some(v)));
                    if self.status.is_none() {
                        self.info(format!(
                            "{} scored again at {} ({from}); type a value to change it",
                            c.label(),
                            number(v)
                        ));
                    }
                }
            },
            Field::PartBCharges => match self.scenario.practice.part_b_allowed_charges {
                Some(v) => {
                    self.remembered.charges = Some(v);
                    self.change(field, false, |s| s.practice.part_b_allowed_charges = None);
                    self.info("Part B allowed charges cleared: no dollar impact shown");
                }
                None => {
                    let v = self.remembered.charges.unwrap_or(100_000.0);
                    self.change(field, false, |s| {
                        s.practice.part_b_allowed_charges = Some(v)
                    });
                    self.info(format!(
                        "Part B allowed charges set to {}; type a value to change it",
                        crate::format::dollars(v)
                    ));
                }
            },
            Field::MaxPositive | Field::ExceptionalBonusMax => {
                if field.get_number(&self.scenario).is_some() {
                    self.change(field, false, |s| field.set_number(s, None));
                    self.info(format!("{}: back to the rules' value", field.name()));
                } else {
                    self.info(format!(
                        "{} already uses the rules' value: nudge or type to assume another",
                        field.name()
                    ));
                }
            }
            _ => match field.kind() {
                Kind::Toggle => {
                    let v = !field.get_toggle(&self.scenario);
                    self.change(field, false, |s| field.set_toggle(s, v));
                }
                Kind::Choice => {
                    // Space steps through the options and starts over after the last.
                    let year = self.year_rules();
                    let options = field::choices(field, &self.scenario, year);
                    if let Some(current) = field::current_choice(field, &self.scenario) {
                        let at = options.iter().position(|o| *o == current).unwrap_or(0);
                        let choice = options[(at + 1) % options.len()];
                        self.change(field, false, |s| field::set_choice(s, choice));
                    }
                }
                Kind::Number => self.info(format!(
                    "{}: use ←/→ or type a value (Space toggles only yes/no fields and categories)",
                    field.name()
                )),
            },
        }
    }

    fn national_median(&self, c: Category) -> f64 {
        self.national
            .latest_category_stat(c)
            .map_or(0.0, |s| s.median)
    }

    pub(super) fn undo(&mut self) {
        match self.history.undo(&self.scenario) {
            Some(prev) => {
                let what = describe_change(&self.scenario, &prev, self.year_rules());
                self.set_scenario(prev);
                self.info(format!("Undone: {what} (Ctrl-R redoes)"));
            }
            None => self.info("Nothing to undo"),
        }
    }

    pub(super) fn redo(&mut self) {
        match self.history.redo(&self.scenario) {
            Some(next) => {
                let what = describe_change(&self.scenario, &next, self.year_rules());
                self.set_scenario(next);
                self.info(format!("Redone: {what}"));
            }
            None => self.info("Nothing to redo"),
        }
    }
}

/// "Cost 84.58 → 74.58" for the first field that differs (or "the scenario").
fn describe_change(from: &Scenario, to: &Scenario, year: &YearRules) -> String {
    let show = |f: Field, s: &Scenario| -> String {
        match f.kind() {
            Kind::Number => match f.get_number(s) {
                Some(v) if f == Field::PartBCharges => crate::format::dollars(v),
                Some(v) => number(v),
                None => match f {
                    Field::Score(_) => "not scored".into(),
                    Field::MaxPositive | Field::ExceptionalBonusMax => "default".into(),
                    _ => "none".into(),
                },
            },
            Kind::Toggle => if f.get_toggle(s) { "yes" } else { "no" }.into(),
            Kind::Choice => field::current_choice(f, s)
                .map(|c| field::choice_text(c, year).to_string())
                .unwrap_or_default(),
        }
    };
    let changed: Vec<Field> = Field::ALL
        .iter()
        .copied()
        .filter(|f| show(*f, from) != show(*f, to))
        .collect();
    match changed.as_slice() {
        [] => "the scenario".into(),
        [f] => format!("{} {} → {}", f.name(), show(*f, from), show(*f, to)),
        [f, rest @ ..] => format!(
            "{} {} → {} and {} more",
            f.name(),
            show(*f, from),
            show(*f, to),
            rest.len()
        ),
    }
}
