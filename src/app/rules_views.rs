//! The Rules and What changed views: which year they show (the scenario's, until ↑ ↓ choose
//! another), the view they go back to, and what changed in that year with the scenario's
//! inputs scored under both years (worked out only while What changed is open).

use super::action::Dir;
use super::{App, View};
use crate::national::National;
use crate::rules::RuleSet;
use crate::scenario::Scenario;
use crate::teaching::timeline::Timeline;
use crate::teaching::year_changes::{SideBySide, YearChanges, side_by_side};

/// What the What changed view shows, for one scenario and year.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangesData {
    pub year: u16,
    /// The scenario the side-by-side scores are for.
    pub scenario: Scenario,
    /// None for the first year of the rules.
    pub changes: Option<YearChanges>,
    pub side: Option<SideBySide>,
}

/// The state of the two views.
#[derive(Clone, Debug, PartialEq)]
pub struct RulesViewState {
    /// Every year of the rules, built once.
    pub timeline: Timeline,
    /// The year shown; None follows the scenario's year.
    pub selected: Option<u16>,
    /// The view Esc goes back to.
    pub before: View,
    pub changes: Option<ChangesData>,
}

impl RulesViewState {
    pub fn new(rules: &RuleSet, national: &National) -> RulesViewState {
        RulesViewState {
            timeline: Timeline::build(rules, national),
            selected: None,
            before: View::Results,
            changes: None,
        }
    }
}

fn is_rules_view(v: View) -> bool {
    matches!(v, View::Rules | View::Changes)
}

impl App {
    /// The year the Rules and What changed views show.
    pub fn rules_year(&self) -> u16 {
        self.rules_view
            .selected
            .unwrap_or(self.scenario().performance_year)
    }

    /// Open the Rules or What changed view. From another view it shows the scenario's year;
    /// between the two it keeps the chosen year.
    pub(super) fn show_rules_view(&mut self, view: View) {
        if !is_rules_view(self.view) {
            self.rules_view.selected = None;
            self.rules_view.before = if self.view == View::Presentation {
                self.before_presentation
            } else {
                self.view
            };
        }
        self.view = view;
        if view == View::Changes {
            self.refresh_year_changes();
            if let Some(d) = &self.rules_view.changes
                && let Some(c) = &d.changes
            {
                let n = c.rule_changes().count();
                self.info(format!(
                    "PY{}: {n} rule change{} from PY{} (↑↓ another year, Esc back)",
                    c.year,
                    if n == 1 { "" } else { "s" },
                    c.since
                ));
            }
        }
    }

    /// The year before (Down) or after (Up) in the Rules and What changed views.
    pub(super) fn select_year(&mut self, dir: Dir) {
        let at = self.rules_year();
        let next = match dir {
            Dir::Up => at.saturating_add(1),
            Dir::Down => at.saturating_sub(1),
        };
        if self.rules.year(next).is_none() {
            self.info(format!(
                "PY{at} is the {} year of these rules",
                if dir == Dir::Up { "last" } else { "first" }
            ));
            return;
        }
        self.rules_view.selected = Some(next);
        self.refresh_year_changes();
    }

    /// Back to the view the Rules or What changed view was opened from.
    pub(super) fn leave_rules_view(&mut self) {
        let back = self.rules_view.before;
        self.view = if is_rules_view(back) {
            View::Results
        } else {
            back
        };
    }

    /// Work out what changed (and the side-by-side scores) while the view is open and its
    /// year or the scenario changed.
    pub(super) fn refresh_year_changes(&mut self) {
        if self.view != View::Changes {
            self.rules_view.changes = None;
            return;
        }
        let year = self.rules_year();
        let fresh = self
            .rules_view
            .changes
            .as_ref()
            .is_some_and(|d| d.year == year && d.scenario == *self.scenario());
        if fresh {
            return;
        }
        let changes = YearChanges::from_previous(&self.rules, &self.national, year);
        let side = changes
            .as_ref()
            .and_then(|c| side_by_side(self.scenario(), &self.rules, c.year, c.since));
        self.rules_view.changes = Some(ChangesData {
            year,
            scenario: self.scenario().clone(),
            changes,
            side,
        });
    }
}
