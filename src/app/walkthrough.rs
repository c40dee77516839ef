//! Teaching and presenting: where the walkthrough is in the rule trace (n / N step), and
//! presentation mode (P toggles, Esc leaves).
//!
//! The walkthrough steps through the engine's own trace (nothing is recomputed here). It
//! remembers the kind of step it is on (weights, band, ...), so an edit that adds or
//! removes steps (charges entered, a category not scored) keeps it on the same rule.

use super::field::{Kind, choice_text, current_choice};
use super::{App, Field, View};
use crate::engine::{StepKind, TraceStep};
use crate::format::{dollars, number};

/// Where the walkthrough is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Walkthrough {
    /// The step shown when its kind is no longer in the trace (clamped to the trace).
    index: usize,
    /// The kind of step shown, followed across edits.
    kind: Option<StepKind>,
}

impl Walkthrough {
    /// The index of the step shown in this trace (0 when the trace is empty).
    pub fn current(&self, trace: &[TraceStep]) -> usize {
        self.kind
            .and_then(|k| trace.iter().position(|s| s.step == k))
            .unwrap_or(self.index)
            .min(trace.len().saturating_sub(1))
    }

    /// Move `delta` steps along this trace, stopping at the first and the last.
    /// Returns false when already at that end.
    pub fn step(&mut self, trace: &[TraceStep], delta: i32) -> bool {
        if trace.is_empty() {
            return false;
        }
        let at = self.current(trace);
        let next = (at as i64 + i64::from(delta)).clamp(0, trace.len() as i64 - 1) as usize;
        self.index = next;
        self.kind = Some(trace[next].step);
        next != at
    }
}

/// What the focused field holds, as the presentation hint shows it ("77.79", "$600,000").
pub fn focused_value(app: &App) -> String {
    let f = app.focus;
    match f.kind() {
        Kind::Number => match f.get_number(app.scenario()) {
            Some(v) if f == Field::PartBCharges => dollars(v),
            Some(v) => number(v),
            None => match f.default_number(app.year_rules()) {
                Some(v) => format!("{} (default)", number(v)),
                None => "not entered".into(),
            },
        },
        Kind::Choice => current_choice(f, app.scenario()).map_or_else(String::new, |c| {
            choice_text(c, app.year_rules()).to_string()
        }),
        Kind::Toggle => if f.get_toggle(app.scenario()) {
            "yes"
        } else {
            "no"
        }
        .into(),
    }
}

impl App {
    /// The step the walkthrough shows, as an index into the current trace.
    pub fn walkthrough_step(&self) -> usize {
        self.walkthrough.current(&self.computed.result.trace)
    }

    /// Open or leave presentation mode (leaving goes back to the view it was opened from).
    pub fn toggle_presentation(&mut self) {
        if self.view == View::Presentation {
            self.view = self.before_presentation;
            self.info("Presentation mode left");
        } else {
            self.before_presentation = self.view;
            self.view = View::Presentation;
        }
    }

    pub(super) fn walk(&mut self, delta: i32) {
        let trace = &self.computed.result.trace;
        let total = trace.len();
        if !self.walkthrough.step(trace, delta) {
            self.info(if delta > 0 {
                format!("Last step ({total} of {total}): N goes back")
            } else {
                "First step: n goes forward".to_string()
            });
        }
    }
}
