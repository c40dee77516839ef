//! Playing a lesson: which step is shown, the scenario at that step, which fields changed in
//! it, and whether the step's question has been revealed. Pure state: the explorer draws it.

use super::field::ScenarioField;
use super::{Lesson, Step};
use crate::scenario::Scenario;

/// Where a lesson is being played.
#[derive(Clone, Debug, PartialEq)]
pub struct Player {
    lesson: Lesson,
    at: usize,
    revealed: Revealed,
}

/// How much of a step's question the room has seen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Revealed {
    /// Not yet asked.
    #[default]
    Nothing,
    /// The question is on screen.
    Question,
    /// The question and its answer are on screen.
    Answer,
}

impl Player {
    /// A player on the lesson's first step. (A parsed lesson has at least one step.)
    pub fn new(lesson: Lesson) -> Player {
        assert!(!lesson.steps.is_empty(), "a parsed lesson has steps");
        Player {
            lesson,
            at: 0,
            revealed: Revealed::Nothing,
        }
    }

    pub fn lesson(&self) -> &Lesson {
        &self.lesson
    }

    /// The index of the step shown (0 for the first).
    pub fn index(&self) -> usize {
        self.at
    }

    pub fn len(&self) -> usize {
        self.lesson.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lesson.steps.is_empty()
    }

    pub fn step(&self) -> &Step {
        &self.lesson.steps[self.at]
    }

    /// The scenario the script has at this step.
    pub fn scenario(&self) -> &Scenario {
        &self.step().scenario
    }

    /// The fields this step changed.
    pub fn changed(&self) -> &[ScenarioField] {
        &self.step().changed
    }

    pub fn is_first(&self) -> bool {
        self.at == 0
    }

    pub fn is_last(&self) -> bool {
        self.at + 1 == self.len()
    }

    /// "Step 2 of 7".
    pub fn position(&self) -> String {
        format!("Step {} of {}", self.at + 1, self.len())
    }

    /// Go to the next step; false when already on the last.
    pub fn forward(&mut self) -> bool {
        self.go_to(self.at + 1)
    }

    /// Go to the previous step; false when already on the first.
    pub fn back(&mut self) -> bool {
        match self.at.checked_sub(1) {
            Some(i) => self.go_to(i),
            None => false,
        }
    }

    /// Go to step `index` (0-based); false when there is no such step or it is already shown.
    /// The question of the new step starts hidden.
    pub fn go_to(&mut self, index: usize) -> bool {
        if index >= self.len() || index == self.at {
            return false;
        }
        self.at = index;
        self.revealed = Revealed::Nothing;
        true
    }

    pub fn revealed(&self) -> Revealed {
        self.revealed
    }

    /// Show the question, then (on the next call) its answer if the step has one; returns
    /// whether anything new is shown.
    pub fn reveal(&mut self) -> bool {
        let next = match self.revealed {
            Revealed::Nothing => Revealed::Question,
            Revealed::Question if self.step().answer.is_some() => Revealed::Answer,
            shown => shown,
        };
        let changed = next != self.revealed;
        self.revealed = next;
        changed
    }

    /// Hide the question (and answer) again.
    pub fn hide_question(&mut self) {
        self.revealed = Revealed::Nothing;
    }
}
