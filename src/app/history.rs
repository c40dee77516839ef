//! Undo and redo of scenario edits.

use super::field::Field;
use crate::scenario::Scenario;

/// How many edits can be undone.
pub const HISTORY_LIMIT: usize = 500;

/// Past and undone scenarios. A run of nudges on one field is one step, as dragging a slider
/// would be; a typed value is one step however many digits it took.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Scenario>,
    redo: Vec<Scenario>,
    /// The field of the nudge run in progress, if the last change was a nudge.
    nudge_run: Option<Field>,
}

impl History {
    /// Record the scenario as it was before a change. `nudge` names the field when the
    /// change is a nudge, so consecutive nudges on it merge into one step.
    pub fn record(&mut self, before: Scenario, nudge: Option<Field>) {
        let continues_run = nudge.is_some() && nudge == self.nudge_run;
        self.nudge_run = nudge;
        self.redo.clear();
        if continues_run {
            return;
        }
        self.undo.push(before);
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
    }

    /// End any nudge run (focus moved, another key was used).
    pub fn break_run(&mut self) {
        self.nudge_run = None;
    }

    /// The scenario to go back to; `current` becomes redoable.
    pub fn undo(&mut self, current: &Scenario) -> Option<Scenario> {
        self.nudge_run = None;
        let prev = self.undo.pop()?;
        self.redo.push(current.clone());
        Some(prev)
    }

    /// The scenario to go forward to; `current` becomes undoable again.
    pub fn redo(&mut self, current: &Scenario) -> Option<Scenario> {
        self.nudge_run = None;
        let next = self.redo.pop()?;
        self.undo.push(current.clone());
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Category;

    fn with_cost(c: f64) -> Scenario {
        let mut s = Scenario::default_group();
        s.scores.cost = Some(c);
        s
    }

    #[test]
    fn nudges_on_one_field_merge() {
        let mut h = History::default();
        let cost = Field::Score(Category::Cost);
        h.record(with_cost(1.0), Some(cost));
        h.record(with_cost(2.0), Some(cost));
        h.record(with_cost(3.0), Some(cost));
        assert_eq!(h.undo(&with_cost(4.0)), Some(with_cost(1.0)));
        assert!(!h.can_undo());
        assert_eq!(h.redo(&with_cost(1.0)), Some(with_cost(4.0)));
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut h = History::default();
        h.record(with_cost(1.0), None);
        let _ = h.undo(&with_cost(2.0));
        assert!(h.can_redo());
        h.record(with_cost(1.0), None);
        assert!(!h.can_redo());
    }
}
