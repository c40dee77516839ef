//! The explorer's state and how it changes.
//!
//! [`App`] holds everything the screen shows. [`App::update`] applies one [`Msg`] (a key, a
//! click, the outcome of a file operation): a key becomes an [`Action`] through the one
//! keymap table ([`keymap`]), and the action is handled by the state it belongs to. File work
//! comes back as [`Effect`]s. Nothing here draws or touches the file system: the runner in
//! [`crate::explorer`] performs effects and feeds their outcomes back as messages, and
//! [`crate::ui`] draws the state. The scenario changes only through [`App::set_scenario`],
//! which recomputes the engine result, so drawing only reads it.

pub mod action;
pub mod baseline;
pub mod chart;
pub mod comparison;
pub mod edit;
pub mod field;
mod field_jump;
pub mod files;
pub mod hints;
pub mod history;
pub mod input_bounds;
pub mod keymap;
pub mod lesson;
pub mod measure_worth;
pub mod measures_view;
pub mod msg;
mod name_prompts;
pub mod notes;
mod opening;
mod paste;
pub mod prompts;
mod questions;
mod quit_guard;
mod report_details;
pub mod roster_view;
pub mod rules_views;
pub mod sensitivity;
pub mod session;
mod session_workspace;
pub mod teaching_notes;
pub mod typing;
mod update;
pub mod view;
pub mod walkthrough;

use std::path::PathBuf;

pub use action::{Action, Dir, Step};
pub use baseline::Baseline;
pub use chart::{ChartData, ChartGroup, bar_for};
pub use comparison::{CompareColumn, CompareState};
pub use field::{Choice, Field, InputBounds, Kind, Section};
pub use files::{ROSTERS_DIR, SCENARIOS_DIR, scenarios_dir};
pub use history::History;
pub use lesson::LessonSession;
pub use measures_view::MeasuresViewState;
pub use msg::{Effect, Level, Msg, StatusMessage};
pub use notes::{FieldNote, field_note, is_ignored};
pub use prompts::{DetailPart, NamePrompt, OpenPicker, Overlay, Purpose, Question, QuestionKind};
pub use roster_view::{RosterAction, RosterView};
pub use rules_views::{ChangesData, RulesViewState};
pub use sensitivity::{SensitivityData, SensitivityEdit, SensitivityField, SensitivityState};
pub use session::SessionState;
pub use typing::EditBuffer;
pub use view::View;
pub use walkthrough::Walkthrough;

use edit::Remembered;

use crate::engine::ScoreResult;
use crate::national::{National, ReportingStatus};
use crate::rules::{Category, RuleSet, YearRules};
use crate::scenario::{Problem, Scenario};

/// The engine's answer for the current scenario, kept until the scenario changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Computed {
    pub result: ScoreResult,
    /// Rules the scenario breaks (the explorer keeps it valid; shown if it ever is not).
    pub problems: Vec<Problem>,
    pub chart: ChartData,
    /// The adjustment across the band of maxima at 100 (cheap; every view).
    pub uncertainty: crate::sensitivity::AdjustmentUncertainty,
    /// The Sensitivity view's data: only while that view is open.
    pub sensitivity: Option<Box<SensitivityData>>,
}

/// The whole state of the explorer.
pub struct App {
    pub rules: RuleSet,
    pub national: National,
    /// First and last supported performance years.
    pub years: (u16, u16),
    /// Changed only through [`App::set_scenario`], so `computed` always matches it.
    scenario: Scenario,
    /// The file the scenario was opened from or last saved to.
    pub file: Option<PathBuf>,
    /// The scenario as on disk (or as it started), for the "modified" mark.
    pub saved: Scenario,
    pub focus: Field,
    pub edit: Option<EditBuffer>,
    pub overlay: Overlay,
    pub baseline: Option<Baseline>,
    pub history: History,
    pub status: Option<StatusMessage>,
    pub chart_group: ChartGroup,
    /// The user picked the chart group (g / G); otherwise it follows the practice.
    chart_group_chosen: bool,
    pub show_trace: bool,
    /// What the right-hand side shows.
    pub view: View,
    /// Where the walkthrough view is in the rule trace.
    pub walkthrough: Walkthrough,
    /// The view presentation mode goes back to when it is left.
    pub before_presentation: View,
    /// The engine's answer for `scenario`.
    computed: Computed,
    /// Terminal size in cells (for mouse hit-testing and layout).
    pub size: (u16, u16),
    pub should_quit: bool,
    remembered: Remembered,
    /// The Compare view's columns and comparison.
    pub compare: CompareState,
    /// The Sensitivity view's target and band of maxima (not part of the scenario).
    pub sensitivity: SensitivityState,
    /// Names, report details, the workspace file, the quit question, restoring.
    pub session: SessionState,
    /// The Rules and What changed views: the year shown, what changed in it.
    pub rules_view: RulesViewState,
    /// The lesson being played, if any.
    pub lesson: Option<LessonSession>,
    /// The teaching notes of the scenario's file (its header comment), when it has some.
    pub notes: Option<String>,
    /// The Measures view: selected measure and value, typing, the picker.
    pub measures_view: MeasuresViewState,
    /// Measures scored at many values (what one is worth, what a target needs), kept between
    /// keystrokes so a value is built once while the rest of its category stays the same.
    pub(crate) measure_probes: crate::sensitivity::measure::MeasureProbes,
    /// The percents the categories built from measures last built to, with their inputs: an
    /// edit that leaves the inputs alone (a category percent, the year's band) rebuilds nothing.
    built_percents: crate::builders::BuiltPercents,
    /// The Roster view: the roster open, its order, filters and what-if (None: no roster).
    pub roster: Option<Box<RosterView>>,
}

impl App {
    /// A new explorer on `scenario` (already checked), opened from `file` if any.
    pub fn new(
        rules: RuleSet,
        national: National,
        mut scenario: Scenario,
        file: Option<PathBuf>,
    ) -> App {
        let years = (rules.first_year(), rules.last_year());
        scenario.performance_year = scenario.performance_year.clamp(years.0, years.1);
        let chart_group = ChartGroup {
            group: chart::default_group(&scenario),
            reporting: ReportingStatus::Overall,
        };
        let year = rules
            .year(scenario.performance_year)
            .or_else(|| rules.years().last())
            .expect("a rule set has at least one year");
        let sensitivity = SensitivityState::default();
        let rules_view = RulesViewState::new(&rules, &national);
        let computed = chart::compute(
            &scenario,
            year,
            &rules,
            &national,
            chart_group,
            None,
            &sensitivity.max_range,
        );
        let mut app = App {
            rules,
            national,
            years,
            saved: scenario.clone(),
            scenario,
            file,
            focus: Field::Score(Category::Quality),
            edit: None,
            overlay: Overlay::None,
            baseline: None,
            history: History::default(),
            status: None,
            chart_group,
            chart_group_chosen: false,
            show_trace: false,
            view: View::default(),
            walkthrough: Walkthrough::default(),
            before_presentation: View::default(),
            computed,
            size: (0, 0),
            should_quit: false,
            remembered: Remembered::default(),
            compare: CompareState::default(),
            sensitivity,
            session: SessionState::default(),
            rules_view,
            lesson: None,
            notes: None,
            measures_view: MeasuresViewState::default(),
            measure_probes: Default::default(),
            built_percents: Default::default(),
            roster: None,
        };
        app.refresh_compare();
        app
    }

    /// The scenario being explored.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The engine's answer for the scenario, with the chart's data and the range.
    pub fn computed(&self) -> &Computed {
        &self.computed
    }

    pub fn result(&self) -> &ScoreResult {
        &self.computed.result
    }

    /// The rules of the scenario's year.
    pub fn year_rules(&self) -> &YearRules {
        self.rules
            .year(self.scenario.performance_year)
            .or_else(|| self.rules.years().last())
            .expect("a rule set has at least one year")
    }

    /// The fields shown for the current scenario, in order.
    pub fn fields(&self) -> Vec<Field> {
        field::visible_fields(&self.scenario, self.year_rules())
    }

    /// Whether the scenario differs from the file (or the starting state).
    pub fn is_modified(&self) -> bool {
        self.scenario != self.saved
    }

    /// Replace the scenario and work out everything that depends on it (the only way the
    /// scenario changes).
    fn set_scenario(&mut self, mut scenario: Scenario) {
        // Categories built from measures follow the change (a practice edit moves them too).
        crate::builders::refresh_kept(&mut scenario, &mut self.built_percents);
        self.scenario = scenario;
        self.recompute();
        self.keep_focus_visible();
    }

    /// Work the result out again (after the scenario, the baseline, the chart group or the
    /// band of maxima changed).
    fn recompute(&mut self) {
        // The comparison group follows the practice (a 9-clinician edit is a small
        // practice) until the user picks one with g / G.
        if !self.chart_group_chosen {
            self.chart_group.group = chart::default_group(&self.scenario);
        }
        let year = self
            .rules
            .year(self.scenario.performance_year)
            .or_else(|| self.rules.years().last())
            .expect("a rule set has at least one year");
        self.computed = chart::compute(
            &self.scenario,
            year,
            &self.rules,
            &self.national,
            self.chart_group,
            self.baseline.as_ref(),
            &self.sensitivity.max_range,
        );
        self.refresh_compare();
    }

    fn say(&mut self, level: Level, text: impl Into<String>) {
        self.status = Some(StatusMessage {
            text: text.into(),
            level,
        });
    }

    fn info(&mut self, text: impl Into<String>) {
        self.say(Level::Info, text);
    }

    fn warn(&mut self, text: impl Into<String>) {
        self.say(Level::Warning, text);
    }

    fn error(&mut self, text: impl Into<String>) {
        self.say(Level::Error, text);
    }
}
