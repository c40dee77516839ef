//! Playing a lesson in the explorer: each step puts its scenario on screen, opens its view,
//! focuses its field and marks the fields it changed; `n` / `N` step (on the walkthrough, its
//! rules first, like the builds of a slide), `i` asks the room, `p` hides the presenter strip,
//! and after free edits `r` puts the step's scenario back.

use super::{App, Field, View, Walkthrough};
use crate::engine::ScoreResult;
use crate::teaching::lesson::{Lesson, LessonView, Player, ScenarioField};

/// A lesson being played.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonSession {
    pub player: Player,
    /// The presenter strip is hidden (p).
    pub strip_hidden: bool,
    /// The step's own scenario scored: the numbers its talking points quote.
    pub script_result: ScoreResult,
    /// Where the step's expected results differ from what the rules give, in words.
    pub mismatches: Vec<String>,
}

/// The explorer's input for a scenario field of a lesson (the name has none).
pub fn field_for(f: ScenarioField) -> Option<Field> {
    Some(match f {
        ScenarioField::Name => return None,
        ScenarioField::PerformanceYear => Field::PerformanceYear,
        ScenarioField::ReportingOption => Field::ReportingOption,
        ScenarioField::Clinicians => Field::Clinicians,
        ScenarioField::Participation => Field::Participation,
        ScenarioField::Rural => Field::Rural,
        ScenarioField::Hpsa => Field::Hpsa,
        ScenarioField::NonPatientFacing => Field::NonPatientFacing,
        ScenarioField::Reporting => Field::Reporting,
        ScenarioField::PartBAllowedCharges => Field::PartBCharges,
        ScenarioField::Score(c) => Field::Score(c),
        ScenarioField::ComplexPatientBonus => Field::ComplexPatientBonus,
        ScenarioField::MaxPositiveAdjustment => Field::MaxPositive,
        ScenarioField::ExceptionalBonusMax => Field::ExceptionalBonusMax,
    })
}

/// The explorer's view for a lesson's.
pub fn view_for(v: LessonView) -> View {
    match v {
        LessonView::Results => View::Results,
        LessonView::Sensitivity => View::Sensitivity,
        LessonView::Compare => View::Compare,
        LessonView::Walkthrough => View::Walkthrough,
        LessonView::National => View::National,
        LessonView::Presentation => View::Presentation,
        LessonView::Rules => View::Rules,
        LessonView::Changes => View::Changes,
    }
}

impl App {
    /// Play a lesson from its first step.
    pub fn start_lesson(&mut self, lesson: Lesson) {
        let first = &lesson.steps[0];
        let year = self
            .rules
            .year(first.scenario.performance_year)
            .or_else(|| self.rules.years().last())
            .expect("a rule set has at least one year");
        let script_result = crate::engine::score(&first.scenario, year);
        self.lesson = Some(LessonSession {
            player: Player::new(lesson),
            strip_hidden: false,
            script_result,
            mismatches: Vec::new(),
        });
        self.file = None;
        self.notes = None;
        self.apply_lesson_step();
    }

    /// Put the current step on screen.
    fn apply_lesson_step(&mut self) {
        let Some(session) = &self.lesson else {
            return;
        };
        let step = session.player.step().clone();
        let position = session.player.position();
        if step.scenario != *self.scenario() {
            self.history.record(self.scenario().clone(), None);
        }
        self.saved = step.scenario.clone();
        self.edit = None;
        self.walkthrough = Walkthrough::default();
        self.set_scenario(step.scenario.clone());
        if let Some(view) = step.view.map(view_for) {
            match view {
                View::Rules | View::Changes => self.show_rules_view(view),
                View::Presentation if self.view != View::Presentation => {
                    self.before_presentation = self.view;
                    self.view = View::Presentation;
                }
                v => self.view = v,
            }
        }
        if let Some(f) = step.focus.and_then(field_for)
            && self.fields().contains(&f)
        {
            self.focus = f;
        }
        let year = self.year_rules().clone();
        let script_result = crate::engine::score(&step.scenario, &year);
        let mismatches = step.expect.mismatches(&script_result);
        if let Some(session) = &mut self.lesson {
            session.script_result = script_result;
            session.mismatches = mismatches;
        }
        self.info(format!("{position}: {}", step.title));
    }

    /// The next (1) or previous (-1) step; on the walkthrough its rules come first.
    pub(super) fn lesson_step(&mut self, delta: i32) {
        if self.view == View::Walkthrough {
            let total = self.result().trace.len();
            let at = self.walkthrough_step();
            if (delta > 0 && at + 1 < total) || (delta < 0 && at > 0) {
                self.walk(delta);
                return;
            }
        }
        let Some(session) = &mut self.lesson else {
            return;
        };
        let moved = if delta > 0 {
            session.player.forward()
        } else {
            session.player.back()
        };
        if moved {
            self.apply_lesson_step();
        } else {
            let n = session.player.len();
            self.info(if delta > 0 {
                format!("Last step of the lesson ({n} of {n}): N goes back, q quits")
            } else {
                "First step of the lesson: n goes forward".to_string()
            });
        }
    }

    /// Ask the room: the question, then (pressed again) its answer.
    pub(super) fn reveal_question(&mut self) {
        let Some(session) = &mut self.lesson else {
            return;
        };
        let had_answer = session.player.step().answer.is_some();
        if !session.player.reveal() {
            self.info(if had_answer {
                "The question and its answer are shown"
            } else {
                "The question is shown (this step has no written answer)"
            });
        }
        if let Some(session) = &mut self.lesson
            && session.strip_hidden
        {
            session.strip_hidden = false;
        }
    }

    pub(super) fn toggle_presenter_strip(&mut self) {
        let Some(session) = &mut self.lesson else {
            return;
        };
        session.strip_hidden = !session.strip_hidden;
        let hidden = session.strip_hidden;
        self.info(if hidden {
            "Presenter strip hidden (p shows it)"
        } else {
            "Presenter strip shown"
        });
    }

    /// After free edits: the step's own scenario again.
    pub(super) fn back_to_script(&mut self) {
        let Some(session) = &self.lesson else {
            return;
        };
        let script = session.player.scenario().clone();
        if script == *self.scenario() {
            self.info("Already on the lesson's scenario for this step");
            return;
        }
        self.history.record(self.scenario().clone(), None);
        self.edit = None;
        self.set_scenario(script);
        self.info("Back to the lesson's scenario (u brings your edits back)");
    }

    /// The scenario differs from the step's: the trainer edited it.
    pub fn off_script(&self) -> bool {
        self.lesson
            .as_ref()
            .is_some_and(|s| s.player.scenario() != self.scenario())
    }

    /// The inputs the current step changed, to mark on the inputs panel.
    pub fn lesson_changed_fields(&self) -> Vec<Field> {
        self.lesson.as_ref().map_or_else(Vec::new, |s| {
            s.player
                .changed()
                .iter()
                .filter_map(|f| field_for(*f))
                .collect()
        })
    }
}
