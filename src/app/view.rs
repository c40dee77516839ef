//! Views: what the right-hand side of the explorer shows, and the national comparison group
//! its band chart uses. The inputs stay on the left in every view, so editing goes on
//! whichever view is open.

use super::App;
use crate::national::{Group, ReportingStatus};

/// One screen of the explorer, reached with `v` / `V` (next / previous) or its function key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum View {
    /// The result, the national band chart and the rule trace.
    #[default]
    Results,
    /// Two to four scenarios side by side: the baseline, pinned columns, the current state.
    Compare,
    /// The national figures CMS published, with the current scenario placed against them.
    National,
    /// The computation one rule at a time, for teaching (n / N step).
    Walkthrough,
    /// Score and adjustment in large type for a projector (P toggles; no inputs panel).
    Presentation,
    /// How much a category's score matters: sweep, marginal values, points needed, range.
    Sensitivity,
    /// Every performance year's rules side by side (the scenario's year marked).
    Rules,
    /// What changed in a year's rules, with the scenario's inputs under both years.
    Changes,
    /// The focused category's measures, their points and benchmarks, edited live.
    Measures,
    /// A roster's rows, totals and band distribution, with a live portfolio what-if (shown
    /// among the tabs while a roster is open; R or F11).
    Roster,
}

impl View {
    /// Every view, in tab order; the n-th opens with function key F(n + 2).
    pub const ALL: &'static [View] = &[
        View::Results,
        View::Sensitivity,
        View::Compare,
        View::Walkthrough,
        View::National,
        View::Presentation,
        View::Rules,
        View::Changes,
        View::Measures,
    ];

    /// The name on the title line's tabs.
    pub fn label(self) -> &'static str {
        match self {
            View::Results => "Results",
            View::Sensitivity => "Sensitivity",
            View::Compare => "Compare",
            View::National => "National",
            View::Walkthrough => "Walkthrough",
            View::Presentation => "Presentation",
            View::Rules => "Rules",
            View::Changes => "Changes",
            View::Measures => "Measures",
            View::Roster => "Roster",
        }
    }

    /// What the view shows, for the help overlay.
    pub fn description(self) -> &'static str {
        match self {
            View::Results => "the result, the national band chart and the rule trace",
            View::Sensitivity => {
                "what a point of the focused category is worth, points needed, the range (T, m, M)"
            }
            View::Compare => "two to four scenarios side by side, with the differences",
            View::Walkthrough => "the computation one rule at a time, with sources (n / N)",
            View::National => "CMS's national results, with this scenario placed among them",
            View::Presentation => "large type for a projector (P toggles, Esc leaves)",
            View::Rules => "every year's rules side by side, changes and confidence marked (W)",
            View::Changes => {
                "what changed in a year's rules, and this scenario under both years (w)"
            }
            View::Measures => {
                "the focused category's measures: points, benchmark, edit, add, remove (I, D, %)"
            }
            View::Roster => {
                "a roster's rows: sort, filter, totals, bands, open a row, portfolio what-if (w)"
            }
        }
    }

    /// The function key that opens this view (F2 for the first).
    pub fn function_key(self) -> u8 {
        if self == View::Roster {
            return ROSTER_FUNCTION_KEY;
        }
        2 + View::ALL.iter().position(|v| *v == self).unwrap_or(0) as u8
    }

    /// The view opened by function key `n`, if any.
    pub fn from_function_key(n: u8) -> Option<View> {
        if n == ROSTER_FUNCTION_KEY {
            return Some(View::Roster);
        }
        View::ALL.get(usize::from(n.checked_sub(2)?)).copied()
    }

    /// The view `delta` places along the tabs, wrapping around.
    pub fn step(self, delta: i32) -> View {
        self.step_among(View::ALL, delta)
    }

    /// The view `delta` places along `views`, wrapping around.
    pub fn step_among(self, views: &[View], delta: i32) -> View {
        let n = views.len() as i32;
        let at = views.iter().position(|v| *v == self).unwrap_or(0) as i32;
        views[(at + delta).rem_euclid(n) as usize]
    }

    /// The tabs: every view, and the Roster view while a roster is open.
    pub fn tabs(roster_open: bool) -> &'static [View] {
        if roster_open { WITH_ROSTER } else { View::ALL }
    }
}

/// The Roster view's function key (after the nine views of [`View::ALL`]).
pub const ROSTER_FUNCTION_KEY: u8 = 11;

const WITH_ROSTER: &[View] = &[
    View::Results,
    View::Sensitivity,
    View::Compare,
    View::Walkthrough,
    View::National,
    View::Presentation,
    View::Rules,
    View::Changes,
    View::Measures,
    View::Roster,
];

impl App {
    pub(super) fn next_chart_group(&mut self) {
        let at = Group::ALL
            .iter()
            .position(|g| *g == self.chart_group.group)
            .unwrap_or(0);
        self.chart_group.group = Group::ALL[(at + 1) % Group::ALL.len()];
        self.chart_group_chosen = true;
        self.recompute();
        self.chart_message();
    }

    pub(super) fn next_chart_status(&mut self) {
        let at = ReportingStatus::ALL
            .iter()
            .position(|g| *g == self.chart_group.reporting)
            .unwrap_or(0);
        self.chart_group.reporting = ReportingStatus::ALL[(at + 1) % ReportingStatus::ALL.len()];
        self.chart_group_chosen = true;
        self.recompute();
        self.chart_message();
    }

    fn chart_message(&mut self) {
        let g = self.chart_group;
        let data = match &self.computed.chart.shares {
            Some(s) if s.performance_year == self.scenario.performance_year => {
                format!("CMS PY{} data", s.performance_year)
            }
            Some(s) => format!(
                "CMS PY{} data, the nearest published for this group",
                s.performance_year
            ),
            None => "no CMS data for this group".into(),
        };
        self.info(format!(
            "Chart: {}, {} ({data})",
            g.group.label(),
            g.reporting.label()
        ));
    }
}
