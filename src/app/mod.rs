//! The explorer's state and how it changes: the model of an Elm-style loop.
//!
//! [`App`] holds everything the screen shows; [`App::update`] applies one [`Msg`] (a key, a
//! click, the outcome of a file operation) and returns the file operations to perform as
//! [`Effect`]s. Nothing here draws or touches the file system: the runner in
//! [`crate::explorer`] performs effects and feeds their outcomes back as messages, and
//! [`crate::ui`] draws the state. Every change to the scenario recomputes the engine result
//! here, so drawing only reads it.

pub mod compare_view;
pub mod field;
pub mod history;
pub mod keys;
pub mod notes;
pub mod sens;
pub mod teach;
pub mod view;

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use compare_view::{CompareColumn, CompareState, ReportFormat, report_format};
pub use field::{Choice, Field, Kind, NumberSpec, Section};
pub use history::History;
pub use notes::{FieldNote, field_note, is_ignored};
pub use sens::{SensEdit, SensField, SensState, SensitivityData};
pub use teach::Walkthrough;
pub use view::View;

use crate::diagnostic::Diagnostic;
use crate::engine::{Band, ScoreResult, adjustment_for, band_ranges, published_score, score};
use crate::format::{number, percent, two};
use crate::national::{BandShares, Group, National, ReportingStatus};
use crate::rules::{Category, RuleSet, YearRules};
use crate::scenario::{
    Participation, Problem, ReportingOption, SaveError, Scenario, check, to_toml,
};

/// The folder the open dialog lists and the save dialog suggests.
pub const SCENARIOS_DIR: &str = "scenarios";

/// Longest text accepted in a number field while typing.
const MAX_TYPED: usize = 16;
/// Longest path accepted in the file dialogs.
const MAX_PATH: usize = 1024;

/// Something that happened: the only way state changes.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    /// A click on a field (mouse mode).
    Click(Field),
    /// The wheel turned over a field (or elsewhere: then the focused field).
    Scroll {
        field: Option<Field>,
        up: bool,
    },
    Resize(u16, u16),
    /// The outcome of [`Effect::Save`].
    Saved(Result<PathBuf, SaveError>),
    /// The outcome of [`Effect::Open`].
    Opened {
        path: PathBuf,
        result: Result<Scenario, Diagnostic>,
    },
    /// The outcome of [`Effect::ListScenarios`]: paths of scenario files, or why none.
    Listed(Result<Vec<String>, String>),
    /// The outcome of [`Effect::Export`], with the report (kept to write it again if asked).
    Exported {
        result: Result<PathBuf, SaveError>,
        contents: String,
    },
}

/// File work for the runner; its outcome comes back as a [`Msg`].
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Save {
        path: PathBuf,
        contents: String,
        overwrite: bool,
    },
    Open(PathBuf),
    ListScenarios,
    /// Write a client report.
    Export {
        path: PathBuf,
        contents: String,
        overwrite: bool,
    },
}

/// How a status message reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// A transient message in the status bar (cleared by the next key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusMessage {
    pub text: String,
    pub level: Level,
}

/// A number being typed into the focused field.
#[derive(Clone, Debug, PartialEq)]
pub struct EditBuffer {
    pub field: Field,
    pub text: String,
    /// The scenario before typing began (Esc goes back to it; Enter records it for undo).
    pub before: Scenario,
    /// Why the text is not a valid value (the result stays at the last valid one).
    pub error: Option<String>,
    /// The text is a valid start ("20" of a year) but not yet a value.
    pub incomplete: bool,
}

/// The save dialog: a file name being typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveDialog {
    pub input: String,
    pub error: Option<String>,
}

/// What a key did to a file-name prompt.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum NameKey {
    /// Esc: leave the prompt.
    Cancel,
    /// Enter on a name (trimmed, not empty).
    Submit(String),
    /// The name was edited, or the key did nothing.
    Editing,
}

impl SaveDialog {
    /// Editing keys shared by every file-name prompt: type, Backspace, Ctrl-U, Esc, Enter (an
    /// empty name is refused in place).
    pub(crate) fn key(&mut self, key: KeyEvent) -> NameKey {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return NameKey::Cancel,
            KeyCode::Enter => {
                let typed = self.input.trim().to_string();
                if typed.is_empty() {
                    self.error = Some("Type a file name".into());
                } else {
                    return NameKey::Submit(typed);
                }
            }
            KeyCode::Char('u') if ctrl => self.input.clear(),
            KeyCode::Backspace => {
                self.input.pop();
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() && self.input.len() < MAX_PATH => {
                self.input.push(c);
            }
            _ => {}
        }
        NameKey::Editing
    }
}

/// The open dialog: scenario files to pick from, and a path or filter being typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenDialog {
    pub input: String,
    /// Every file found in `scenarios/`.
    pub entries: Vec<String>,
    /// Index into the entries that match the typed text.
    pub selected: usize,
    /// Why the list is empty, if it is.
    pub note: Option<String>,
}

impl OpenDialog {
    /// The entries containing the typed text (all when nothing is typed).
    pub fn matches(&self) -> Vec<&str> {
        let needle = self.input.to_lowercase();
        self.entries
            .iter()
            .filter(|e| e.to_lowercase().contains(&needle))
            .map(String::as_str)
            .collect()
    }

    /// What Enter opens: the highlighted match, or the typed path when nothing matches (or
    /// it names an entry exactly).
    pub fn target(&self) -> Option<String> {
        let matches = self.matches();
        if !self.input.is_empty() && (matches.is_empty() || matches.contains(&self.input.as_str()))
        {
            return Some(self.input.clone());
        }
        matches
            .get(self.selected.min(matches.len().saturating_sub(1)))
            .map(|s| s.to_string())
    }
}

/// A dialog or panel drawn over the main screen, taking the keys while it is open.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Overlay {
    #[default]
    None,
    Help {
        scroll: u16,
    },
    Save(SaveDialog),
    ConfirmOverwrite {
        path: PathBuf,
    },
    Open(OpenDialog),
    /// A file that could not be opened: the full diagnostic.
    FileError {
        path: String,
        text: String,
    },
    /// The export dialog: the report's file name being typed.
    Export(SaveDialog),
    /// The report's file exists: replace it?
    ConfirmExport {
        path: PathBuf,
        contents: String,
    },
}

/// The pinned state results are compared with.
#[derive(Clone, Debug, PartialEq)]
pub struct Baseline {
    pub scenario: Scenario,
    pub result: ScoreResult,
}

/// The national comparison group the chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartGroup {
    pub group: Group,
    pub reporting: ReportingStatus,
}

/// What the band chart draws, worked out when the scenario changes.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartData {
    /// The national band shares shown (the nearest published year for the group).
    pub shares: Option<BandShares>,
    /// The current year's bands: (band, low score, high score).
    pub ranges: Vec<(Band, f64, f64)>,
    /// The adjustment at each end of each band, percent: (band, at low, at high).
    pub adjustments: Vec<(Band, f64, f64)>,
    /// Score-axis edges: PT/4, PT, and 89 (or the exceptional threshold).
    pub edges: Vec<f64>,
    /// The bar the clinician lands in (a band of the data shown).
    pub highlighted: Option<Band>,
    /// The bar the baseline lands in.
    pub baseline_bar: Option<Band>,
    /// The one band-chart model (shared with the reports): its highlight and notes.
    pub model: Option<crate::national::chart::BandChart>,
}

/// The engine's answer for the current scenario, kept until the scenario changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Computed {
    pub result: ScoreResult,
    /// Rules the scenario breaks (the explorer keeps it valid; shown if it ever is not).
    pub problems: Vec<Problem>,
    pub chart: ChartData,
    /// The adjustment across the band of maxima at 100 (cheap; every view).
    pub range: crate::sensitivity::AdjustmentRange,
    /// The Sensitivity view's data: only while that view is open.
    pub sensitivity: Option<Box<SensitivityData>>,
}

/// Values to come back to when a category is scored again or charges entered again.
#[derive(Clone, Debug, Default)]
struct Remembered {
    scores: [Option<f64>; 4],
    charges: Option<f64>,
}

/// The whole state of the explorer.
pub struct App {
    pub rules: RuleSet,
    pub national: National,
    /// First and last supported performance years.
    pub years: (u16, u16),
    pub scenario: Scenario,
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
    pub computed: Computed,
    /// Terminal size in cells (for mouse hit-testing and layout).
    pub size: (u16, u16),
    pub should_quit: bool,
    remembered: Remembered,
    /// The Compare view's columns and comparison.
    pub compare: CompareState,
    /// The Sensitivity view's target and band of maxima (not part of the scenario).
    pub sens: SensState,
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
            group: default_group(&scenario),
            reporting: ReportingStatus::Overall,
        };
        let year = rules
            .year(scenario.performance_year)
            .or_else(|| rules.years().last())
            .expect("a rule set has at least one year");
        let sens = SensState::default();
        let computed = compute(
            &scenario,
            year,
            &rules,
            &national,
            chart_group,
            None,
            &sens.max_range,
        );
        App {
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
            sens,
        }
        .with_compare()
    }

    fn with_compare(mut self) -> App {
        self.refresh_compare();
        self
    }

    /// The rules of the scenario's year.
    pub fn year_rules(&self) -> &YearRules {
        self.rules
            .year(self.scenario.performance_year)
            .or_else(|| self.rules.years().last())
            .expect("a rule set has at least one year")
    }

    pub fn result(&self) -> &ScoreResult {
        &self.computed.result
    }

    /// The fields shown for the current scenario, in order.
    pub fn fields(&self) -> Vec<Field> {
        field::visible_fields(&self.scenario, self.year_rules())
    }

    /// Whether the scenario differs from the file (or the starting state).
    pub fn is_modified(&self) -> bool {
        self.scenario != self.saved
    }

    fn recompute(&mut self) {
        // The comparison group follows the practice (a 9-clinician edit is a small
        // practice) until the user picks one with g / G.
        if !self.chart_group_chosen {
            self.chart_group.group = default_group(&self.scenario);
        }
        let year = self
            .rules
            .year(self.scenario.performance_year)
            .or_else(|| self.rules.years().last())
            .expect("a rule set has at least one year");
        self.computed = compute(
            &self.scenario,
            year,
            &self.rules,
            &self.national,
            self.chart_group,
            self.baseline.as_ref(),
            &self.sens.max_range,
        );
        self.refresh_compare();
    }

    fn info(&mut self, text: impl Into<String>) {
        self.status = Some(StatusMessage {
            text: text.into(),
            level: Level::Info,
        });
    }

    fn warn(&mut self, text: impl Into<String>) {
        self.status = Some(StatusMessage {
            text: text.into(),
            level: Level::Warning,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.status = Some(StatusMessage {
            text: text.into(),
            level: Level::Error,
        });
    }

    /// Apply one message; returns the file work to do.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let effects = self.update_inner(msg);
        self.refresh_sensitivity();
        effects
    }

    fn update_inner(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(key) => self.on_key(key),
            Msg::Click(field) => {
                if self.overlay == Overlay::None && self.finish_edit_for_move() {
                    self.status = None;
                    self.history.break_run();
                    self.focus = field;
                }
                Vec::new()
            }
            Msg::Scroll { field, up } => {
                if self.overlay == Overlay::None && self.finish_edit_for_move() {
                    self.status = None;
                    if let Some(f) = field {
                        if f != self.focus {
                            self.history.break_run();
                        }
                        self.focus = f;
                    }
                    self.nudge(if up { 1.0 } else { -1.0 }, StepSize::Normal);
                }
                Vec::new()
            }
            Msg::Resize(w, h) => {
                self.size = (w, h);
                Vec::new()
            }
            Msg::Saved(result) => {
                self.on_saved(result);
                Vec::new()
            }
            Msg::Opened { path, result } => {
                self.on_opened(path, result);
                Vec::new()
            }
            Msg::Exported { result, contents } => {
                self.on_exported(result, contents);
                Vec::new()
            }
            Msg::Listed(result) => {
                if let Overlay::Open(d) = &mut self.overlay {
                    match result {
                        Ok(entries) => {
                            d.note = entries.is_empty().then(|| {
                                format!("No .toml files in {SCENARIOS_DIR}/: type a path")
                            });
                            d.entries = entries;
                            d.selected = 0;
                        }
                        Err(why) => {
                            d.entries.clear();
                            d.note = Some(why);
                        }
                    }
                }
                Vec::new()
            }
        }
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind != KeyEventKind::Press {
            return Vec::new();
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('C')) {
            self.should_quit = true;
            return Vec::new();
        }
        // A message lasts until the next key.
        self.status = None;
        match self.overlay {
            Overlay::None => {
                if self.sens.edit.is_some() {
                    self.on_sens_edit_key(key);
                    Vec::new()
                } else if self.edit.is_some() {
                    self.on_edit_key(key)
                } else {
                    self.on_main_key(key)
                }
            }
            Overlay::Help { .. } => {
                self.on_help_key(key);
                Vec::new()
            }
            Overlay::Save(_) => self.on_save_key(key),
            Overlay::ConfirmOverwrite { .. } => self.on_confirm_key(key),
            Overlay::Open(_) => self.on_open_key(key),
            Overlay::Export(_) => self.on_export_key(key),
            Overlay::ConfirmExport { .. } => self.on_confirm_export_key(key),
            Overlay::FileError { .. } => {
                if matches!(
                    key.code,
                    KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') | KeyCode::Char(' ')
                ) {
                    self.overlay = Overlay::None;
                }
                Vec::new()
            }
        }
    }

    // ---- main screen ------------------------------------------------------------------

    fn on_main_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        let moves_on = !matches!(
            key.code,
            KeyCode::Left
                | KeyCode::Right
                | KeyCode::Char('+')
                | KeyCode::Char('-')
                | KeyCode::Char('=')
                | KeyCode::Char('h')
                | KeyCode::Char('l')
                | KeyCode::Char('[')
                | KeyCode::Char(']')
                | KeyCode::Char('<')
                | KeyCode::Char('>')
                | KeyCode::PageUp
                | KeyCode::PageDown
        );
        if moves_on {
            self.history.break_run();
        }
        if !ctrl && !alt && (self.on_teach_key(key).is_some() || self.on_sensitivity_key(key)) {
            return Vec::new();
        }
        match key.code {
            KeyCode::Char('s') | KeyCode::Char('S') if ctrl => return self.open_save_dialog(),
            KeyCode::Char('o') | KeyCode::Char('O') if ctrl => return self.open_open_dialog(),
            KeyCode::Char('r') | KeyCode::Char('R') if ctrl => self.redo(),
            KeyCode::Left if ctrl || alt => self.nudge(-1.0, StepSize::Fine),
            KeyCode::Right if ctrl || alt => self.nudge(1.0, StepSize::Fine),
            KeyCode::Left if shift => self.nudge(-1.0, StepSize::Big),
            KeyCode::Right if shift => self.nudge(1.0, StepSize::Big),
            _ if ctrl || alt => {}
            KeyCode::Tab => self.move_focus(1, true),
            KeyCode::BackTab => self.move_focus(-1, true),
            KeyCode::Down | KeyCode::Char('j') => self.move_focus(1, false),
            KeyCode::Up | KeyCode::Char('k') => self.move_focus(-1, false),
            KeyCode::Right | KeyCode::Char('+') | KeyCode::Char('=') | KeyCode::Char('l') => {
                self.nudge(1.0, StepSize::Normal)
            }
            KeyCode::Left | KeyCode::Char('-') | KeyCode::Char('h') => {
                self.nudge(-1.0, StepSize::Normal)
            }
            KeyCode::PageUp | KeyCode::Char(']') => self.nudge(1.0, StepSize::Big),
            KeyCode::PageDown | KeyCode::Char('[') => self.nudge(-1.0, StepSize::Big),
            KeyCode::Char('>') => self.nudge(1.0, StepSize::Fine),
            KeyCode::Char('<') => self.nudge(-1.0, StepSize::Fine),
            KeyCode::Home => self.jump_to_limit(false),
            KeyCode::End => self.jump_to_limit(true),
            KeyCode::Char(c) if c.is_ascii_digit() || c == '.' => {
                self.begin_edit(Some(c.to_string()))
            }
            KeyCode::Backspace => self.begin_edit(None),
            KeyCode::Enter => match self.focus.kind() {
                Kind::Number => {
                    let text = self.focus.edit_text(&self.scenario);
                    self.begin_edit(Some(text));
                }
                _ => self.space(),
            },
            KeyCode::Char(' ') => self.space(),
            KeyCode::Char('u') => self.undo(),
            KeyCode::Char('b') => self.pin_baseline(),
            KeyCode::Char('B') => self.back_to_baseline(),
            KeyCode::Char('x') => self.drop_baseline(),
            KeyCode::Char('g') => self.next_chart_group(),
            KeyCode::Char('G') => self.next_chart_status(),
            KeyCode::Char('t') => {
                self.show_trace = !self.show_trace;
                self.info(if self.show_trace {
                    "Rule trace shown (t hides it)"
                } else {
                    "Rule trace hidden"
                });
            }
            KeyCode::Char('v') => self.view = self.view.step(1),
            KeyCode::Char('V') => self.view = self.view.step(-1),
            KeyCode::F(n) if View::from_function_key(n).is_some() => {
                self.view = View::from_function_key(n).unwrap_or_default();
            }
            KeyCode::Char('s') => return self.open_save_dialog(),
            KeyCode::Char('o') => return self.open_open_dialog(),
            KeyCode::Char('a') => self.pin_to_compare(),
            KeyCode::Char('A') => return self.open_compare_file(),
            KeyCode::Char('c') => self.clear_compare(),
            KeyCode::Char('e') => self.open_export_dialog(),
            KeyCode::Char('?') => self.overlay = Overlay::Help { scroll: 0 },
            KeyCode::Char('q') | KeyCode::Esc => self.should_quit = true,
            KeyCode::Char(c) => {
                self.info(format!("“{c}” does nothing here: press ? for the keys"));
            }
            _ => {}
        }
        Vec::new()
    }

    fn move_focus(&mut self, delta: i32, wrap: bool) {
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
    fn keep_focus_visible(&mut self) {
        if !self.fields().contains(&self.focus) {
            self.focus = Field::PerformanceYear;
        }
    }

    /// Change the scenario as one undoable step: normalise, recompute, explain.
    fn change(&mut self, field: Field, nudge: bool, f: impl FnOnce(&mut Scenario)) -> bool {
        let before = self.scenario.clone();
        f(&mut self.scenario);
        let fixes = normalize(&mut self.scenario, &self.rules);
        if self.scenario == before {
            return false;
        }
        self.history.record(before, nudge.then_some(field));
        self.recompute();
        self.keep_focus_visible();
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

    fn nudge(&mut self, dir: f64, size: StepSize) {
        let field = self.focus;
        match field.kind() {
            Kind::Number => {
                let year = self.year_rules();
                let Some(spec) = field.number_spec(year, self.years) else {
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
                    StepSize::Normal => spec.steps.normal,
                    StepSize::Big => spec.steps.big,
                    StepSize::Fine => spec.steps.fine,
                };
                let target = field::tidy((current + dir * step).clamp(spec.min, spec.max));
                if field.get_number(&self.scenario) == Some(target) {
                    self.info(format!(
                        "{} is at its {} ({})",
                        field.name(),
                        if dir > 0.0 { "maximum" } else { "minimum" },
                        spec.range_text(field)
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

    fn jump_to_limit(&mut self, max: bool) {
        let field = self.focus;
        match field.kind() {
            Kind::Toggle => return self.nudge(if max { 1.0 } else { -1.0 }, StepSize::Normal),
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
        let Some(spec) = field.number_spec(self.year_rules(), self.years) else {
            return;
        };
        if field.get_number(&self.scenario).is_none()
            && matches!(field, Field::Score(_) | Field::PartBCharges)
        {
            return self.nudge(1.0, StepSize::Normal);
        }
        let v = if max { spec.max } else { spec.min };
        self.change(field, false, |s| field.set_number(s, Some(v)));
    }

    /// Space: the focused field's toggle.
    fn space(&mut self) {
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
            .category_scores
            .iter()
            .find(|s| s.category == c)
            .map_or(0.0, |s| s.median_2024)
    }

    // ---- typing a value -----------------------------------------------------------------

    /// Start typing into the focused number field: with `text`, or (Backspace) with the
    /// current value minus its last character.
    fn begin_edit(&mut self, text: Option<String>) {
        let field = self.focus;
        if field.kind() != Kind::Number {
            self.info(format!(
                "{} is chosen, not typed: use ←/→ or Space",
                field.name()
            ));
            return;
        }
        let text = match text {
            Some(t) => t,
            None => {
                let mut t = field.edit_text(&self.scenario);
                t.pop();
                t
            }
        };
        self.edit = Some(EditBuffer {
            field,
            text,
            before: self.scenario.clone(),
            error: None,
            incomplete: false,
        });
        self.apply_typed();
    }

    fn on_edit_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') | KeyCode::Char('U') if ctrl => {
                if let Some(e) = &mut self.edit {
                    e.text.clear();
                }
                self.apply_typed();
            }
            _ if ctrl => {}
            KeyCode::Char(c) if c.is_ascii_digit() || c == '.' || c == ',' => {
                if let Some(e) = &mut self.edit
                    && e.text.chars().count() < MAX_TYPED
                {
                    e.text.push(c);
                }
                self.apply_typed();
            }
            KeyCode::Backspace => {
                if let Some(e) = &mut self.edit {
                    e.text.pop();
                }
                self.apply_typed();
            }
            KeyCode::Enter => {
                self.commit_edit();
            }
            KeyCode::Esc => self.cancel_edit(),
            KeyCode::Tab
            | KeyCode::BackTab
            | KeyCode::Up
            | KeyCode::Down
            | KeyCode::Char('j')
            | KeyCode::Char('k')
            | KeyCode::Left
            | KeyCode::Right
            | KeyCode::Char('+')
            | KeyCode::Char('-')
            | KeyCode::Char('=')
            | KeyCode::Char('[')
            | KeyCode::Char(']')
            | KeyCode::Char('<')
            | KeyCode::Char('>')
            | KeyCode::PageUp
            | KeyCode::PageDown => {
                if self.finish_edit_for_move() {
                    return self.on_main_key(key);
                }
            }
            _ => {
                let kept = self
                    .edit
                    .as_ref()
                    .map(|e| self.focus.edit_text(&e.before))
                    .unwrap_or_default();
                self.info(format!(
                    "Typing a value: Enter keeps it, Esc goes back to {}",
                    if kept.is_empty() {
                        "not set".into()
                    } else {
                        kept
                    }
                ));
            }
        }
        Vec::new()
    }

    /// Parse the typed text and, when it is a valid value, apply it at once.
    fn apply_typed(&mut self) {
        let Some(edit) = &self.edit else { return };
        let field = edit.field;
        let text = edit.text.clone();
        let year = self.year_rules();
        let Some(spec) = field.number_spec(year, self.years) else {
            return;
        };
        match spec.parse(&text) {
            Ok(v) => {
                let v = field::tidy(v);
                field.set_number(&mut self.scenario, Some(v));
                let fixes = normalize(&mut self.scenario, &self.rules);
                self.recompute();
                self.keep_focus_visible();
                if let Some(e) = &mut self.edit {
                    e.error = None;
                    e.incomplete = false;
                }
                if !fixes.is_empty() {
                    self.warn(fixes.join(" "));
                }
            }
            Err(why) => {
                let incomplete = text.is_empty() || spec.could_become_valid(&text);
                let range = spec.range_text(field);
                if let Some(e) = &mut self.edit {
                    e.incomplete = incomplete;
                    e.error =
                        (!incomplete).then(|| format!("{why}: {} takes {range}", field.name()));
                }
            }
        }
    }

    /// Enter: keep the typed value (if valid) as one undoable step.
    fn commit_edit(&mut self) -> bool {
        let Some(edit) = &self.edit else { return true };
        if let Some(err) = &edit.error {
            self.error(format!("{err} — fix it, or Esc to cancel"));
            return false;
        }
        if edit.incomplete {
            if edit.text.is_empty() {
                // Nothing typed: nothing changes.
                self.cancel_edit();
                return true;
            }
            let range = edit
                .field
                .number_spec(self.year_rules(), self.years)
                .map(|s| s.range_text(edit.field))
                .unwrap_or_default();
            self.error(format!(
                "“{}” is not a value yet: {} takes {range}",
                edit.text,
                edit.field.name()
            ));
            return false;
        }
        let edit = self.edit.take().expect("checked above");
        if self.scenario != edit.before {
            self.history.record(edit.before, None);
            let note = field_note(self, edit.field);
            if note.ignored {
                self.warn(format!("{} changed, but: {}", edit.field.name(), note.text));
            }
        }
        self.history.break_run();
        true
    }

    fn cancel_edit(&mut self) {
        if let Some(edit) = self.edit.take() {
            if self.scenario != edit.before {
                self.scenario = edit.before;
                self.recompute();
                self.keep_focus_visible();
            }
            self.info("Typing cancelled");
        }
    }

    /// Before moving away while typing: keep a valid value, drop an empty or unfinished one,
    /// and refuse (with the reason) when the text is invalid. True when moving may go on.
    fn finish_edit_for_move(&mut self) -> bool {
        let Some(edit) = &self.edit else { return true };
        if edit.error.is_some() {
            return self.commit_edit();
        }
        if edit.incomplete {
            let text = edit.text.clone();
            self.cancel_edit();
            if !text.is_empty() {
                self.info(format!("“{text}” was not a value: kept the previous one"));
            } else {
                self.status = None;
            }
            return true;
        }
        self.commit_edit()
    }

    // ---- undo, baseline, chart ----------------------------------------------------------

    fn undo(&mut self) {
        match self.history.undo(&self.scenario) {
            Some(prev) => {
                let what = describe_change(&self.scenario, &prev, self.year_rules());
                self.scenario = prev;
                self.recompute();
                self.keep_focus_visible();
                self.info(format!("Undone: {what} (Ctrl-R redoes)"));
            }
            None => self.info("Nothing to undo"),
        }
    }

    fn redo(&mut self) {
        match self.history.redo(&self.scenario) {
            Some(next) => {
                let what = describe_change(&self.scenario, &next, self.year_rules());
                self.scenario = next;
                self.recompute();
                self.keep_focus_visible();
                self.info(format!("Redone: {what}"));
            }
            None => self.info("Nothing to redo"),
        }
    }

    fn pin_baseline(&mut self) {
        self.baseline = Some(Baseline {
            scenario: self.scenario.clone(),
            result: self.computed.result.clone(),
        });
        self.recompute();
        let r = &self.computed.result;
        let text = format!(
            "Baseline pinned: {} → {}. Results now show changes against it (B returns, x drops)",
            two(published_score(r.final_score)),
            percent(r.payment_adjustment_percent)
        );
        self.info(text);
    }

    fn back_to_baseline(&mut self) {
        let Some(b) = &self.baseline else {
            self.info("No baseline yet: b pins the current state");
            return;
        };
        let target = b.scenario.clone();
        if self.scenario == target {
            self.info("Already at the baseline");
            return;
        }
        let before = std::mem::replace(&mut self.scenario, target);
        self.history.record(before, None);
        self.recompute();
        self.keep_focus_visible();
        self.info("Back to the baseline (u undoes)");
    }

    fn drop_baseline(&mut self) {
        if self.baseline.take().is_some() {
            self.recompute();
            self.info("Baseline dropped");
        } else {
            self.info("No baseline to drop");
        }
    }

    fn next_chart_group(&mut self) {
        let at = Group::ALL
            .iter()
            .position(|g| *g == self.chart_group.group)
            .unwrap_or(0);
        self.chart_group.group = Group::ALL[(at + 1) % Group::ALL.len()];
        self.chart_group_chosen = true;
        self.recompute();
        self.chart_message();
    }

    fn next_chart_status(&mut self) {
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

    // ---- help ---------------------------------------------------------------------------

    fn on_help_key(&mut self, key: KeyEvent) {
        let Overlay::Help { scroll } = &mut self.overlay else {
            return;
        };
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => *scroll = scroll.saturating_add(1),
            KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => *scroll = scroll.saturating_add(10),
            KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
            KeyCode::Home => *scroll = 0,
            KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::Enter => {
                self.overlay = Overlay::None
            }
            _ => {}
        }
    }

    // ---- files --------------------------------------------------------------------------

    /// The scenario as it is written to `path`: the built-in example's name would mislabel a
    /// saved variation of it, so such a file is named after itself.
    fn scenario_for_saving(&self, path: &Path) -> Scenario {
        let mut s = self.scenario.clone();
        if s.name == Scenario::default_group().name
            && let Some(stem) = path.file_stem()
        {
            s.name = Some(stem.to_string_lossy().into_owned());
        }
        s
    }

    fn open_save_dialog(&mut self) -> Vec<Effect> {
        let input = match &self.file {
            Some(p) => p.display().to_string(),
            None => format!("{SCENARIOS_DIR}/my-scenario.toml"),
        };
        self.overlay = Overlay::Save(SaveDialog { input, error: None });
        Vec::new()
    }

    fn on_save_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Overlay::Save(d) = &mut self.overlay else {
            return Vec::new();
        };
        match d.key(key) {
            NameKey::Cancel => {
                self.overlay = Overlay::None;
                self.info("Not saved");
            }
            NameKey::Submit(typed) => {
                let path = with_toml_extension(&typed);
                d.input = path.display().to_string();
                d.error = None;
                let contents = to_toml(&self.scenario_for_saving(&path));
                return vec![Effect::Save {
                    path,
                    contents,
                    overwrite: false,
                }];
            }
            NameKey::Editing => {}
        }
        Vec::new()
    }

    fn on_confirm_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Overlay::ConfirmOverwrite { path } = &self.overlay else {
            return Vec::new();
        };
        let path = path.clone();
        match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => {
                let contents = to_toml(&self.scenario_for_saving(&path));
                return vec![Effect::Save {
                    path,
                    contents,
                    overwrite: true,
                }];
            }
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => {
                self.overlay = Overlay::Save(SaveDialog {
                    input: path.display().to_string(),
                    error: Some("Not overwritten: choose another name".into()),
                });
            }
            _ => {}
        }
        Vec::new()
    }

    fn on_saved(&mut self, result: Result<PathBuf, SaveError>) {
        match result {
            Ok(full) => {
                let shown = match &self.overlay {
                    Overlay::Save(d) => PathBuf::from(&d.input),
                    Overlay::ConfirmOverwrite { path } => path.clone(),
                    _ => full.clone(),
                };
                self.overlay = Overlay::None;
                self.scenario = self.scenario_for_saving(&shown);
                self.file = Some(shown);
                self.saved = self.scenario.clone();
                self.info(format!("Saved to {}", full.display()));
            }
            Err(SaveError::Exists(path)) => {
                self.overlay = Overlay::ConfirmOverwrite { path };
            }
            Err(e) => {
                let text = e.to_string();
                let input = match &self.overlay {
                    Overlay::Save(d) => d.input.clone(),
                    Overlay::ConfirmOverwrite { path } => path.display().to_string(),
                    _ => String::new(),
                };
                self.overlay = Overlay::Save(SaveDialog {
                    input,
                    error: Some(text.clone()),
                });
                self.error(format!("Not saved: {text}"));
            }
        }
    }

    fn open_open_dialog(&mut self) -> Vec<Effect> {
        self.overlay = Overlay::Open(OpenDialog {
            input: String::new(),
            entries: Vec::new(),
            selected: 0,
            note: None,
        });
        vec![Effect::ListScenarios]
    }

    fn on_open_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Overlay::Open(d) = &mut self.overlay else {
            return Vec::new();
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let count = d.matches().len();
        match key.code {
            KeyCode::Esc => {
                self.overlay = Overlay::None;
                self.cancel_compare_file();
                self.info("Nothing opened");
            }
            KeyCode::Down | KeyCode::Tab if count > 0 => {
                d.selected = (d.selected + 1).min(count - 1);
            }
            KeyCode::Up | KeyCode::BackTab => d.selected = d.selected.saturating_sub(1),
            KeyCode::Enter => match d.target() {
                Some(t) => return vec![Effect::Open(PathBuf::from(t))],
                None => {
                    d.note = Some("Type a path to a scenario file".into());
                }
            },
            KeyCode::Char('u') if ctrl => {
                d.input.clear();
                d.selected = 0;
            }
            KeyCode::Backspace => {
                d.input.pop();
                d.selected = 0;
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() && d.input.len() < MAX_PATH => {
                d.input.push(c);
                d.selected = 0;
            }
            _ => {}
        }
        Vec::new()
    }

    fn on_opened(&mut self, path: PathBuf, result: Result<Scenario, Diagnostic>) {
        if self.opened_as_column(&path, &result) {
            return;
        }
        match result {
            Ok(mut s) => {
                s.performance_year = s.performance_year.clamp(self.years.0, self.years.1);
                let before = std::mem::replace(&mut self.scenario, s);
                if before != self.scenario {
                    self.history.record(before, None);
                }
                self.saved = self.scenario.clone();
                self.file = Some(path.clone());
                self.remembered = Remembered::default();
                if !self.chart_group_chosen {
                    self.chart_group.group = default_group(&self.scenario);
                }
                self.overlay = Overlay::None;
                self.edit = None;
                self.recompute();
                self.keep_focus_visible();
                self.info(format!(
                    "Opened {} (u goes back to the previous state)",
                    path.display()
                ));
            }
            Err(d) => {
                self.overlay = Overlay::FileError {
                    path: path.display().to_string(),
                    text: d.to_string(),
                };
                self.error(format!("Not opened, nothing changed: {}", d.one_line()));
            }
        }
    }
}

/// The three nudge sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StepSize {
    Normal,
    Big,
    Fine,
}

/// The chart's starting comparison group: the practice's own kind.
fn default_group(s: &Scenario) -> Group {
    crate::national::chart::group_for(&s.practice).0
}

/// A typed file name with `.toml` added when it has no extension.
fn with_toml_extension(typed: &str) -> PathBuf {
    let p = PathBuf::from(typed);
    if p.extension().is_none() && !typed.ends_with('/') {
        p.with_extension("toml")
    } else {
        p
    }
}

/// Keep a scenario valid across fields after a change (an MVP moved to a year without MVPs,
/// a bonus above a year's maximum...). Returns what was adjusted, in words.
pub fn normalize(s: &mut Scenario, rules: &RuleSet) -> Vec<String> {
    let mut fixes = Vec::new();
    let Some(year) = rules.year(s.performance_year) else {
        return fixes;
    };
    if s.reporting_option == ReportingOption::Mvp && !year.mvp_available() {
        s.reporting_option = ReportingOption::Traditional;
        fixes.push(format!(
            "PY{} has no MVPs: reporting option set to traditional.",
            s.performance_year
        ));
    }
    if s.reporting_option == ReportingOption::App && year.app.is_none() {
        s.reporting_option = ReportingOption::Traditional;
        fixes.push(format!(
            "PY{} has no APP: reporting option set to traditional.",
            s.performance_year
        ));
    }
    if s.practice.participation == Participation::Subgroup
        && s.reporting_option != ReportingOption::Mvp
    {
        s.practice.participation = Participation::Group;
        fixes.push("Subgroups report MVPs only: participation set to group.".into());
    }
    let cpb_max = year.complex_patient_bonus_max.value;
    if s.complex_patient_bonus > cpb_max {
        s.complex_patient_bonus = cpb_max;
        fixes.push(format!(
            "Complex patient bonus lowered to {}, PY{}'s maximum.",
            number(cpb_max),
            s.performance_year
        ));
    }
    if s.assumptions.exceptional_bonus_max.is_some() && year.exceptional_bonus.is_none() {
        s.assumptions.exceptional_bonus_max = None;
        fixes.push(format!(
            "PY{} has no exceptional bonus: that assumption was dropped.",
            s.performance_year
        ));
    }
    if let Some(m) = s.assumptions.max_positive_adjustment {
        let hi = 3.0 * year.ap();
        if m > hi {
            s.assumptions.max_positive_adjustment = Some(hi);
            fixes.push(format!(
                "Maximum positive adjustment lowered to {}%, PY{}'s limit.",
                number(hi),
                s.performance_year
            ));
        }
    }
    fixes
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

/// The engine result and the chart's data for a scenario.
fn compute(
    scenario: &Scenario,
    year: &YearRules,
    rules: &RuleSet,
    national: &National,
    group: ChartGroup,
    baseline: Option<&Baseline>,
    max_range: &crate::sensitivity::MaxRange,
) -> Computed {
    let result = score(scenario, year);
    let problems = check(scenario, rules);
    let shares = national
        .nearest_shares(scenario.performance_year, group.group, group.reporting)
        .cloned();
    let ranges = band_ranges(year);
    let max_positive = result.max_positive_adjustment;
    let exceptional_max = result.exceptional_bonus_max.unwrap_or(0.0);
    let adjustments = ranges
        .iter()
        .map(|&(b, lo, hi)| {
            (
                b,
                adjustment_for(year, lo, max_positive, exceptional_max).total(),
                adjustment_for(year, hi, max_positive, exceptional_max).total(),
            )
        })
        .collect();
    let pt = year.pt();
    let split = year
        .exceptional_bonus
        .as_ref()
        .map_or(crate::engine::POSITIVE_SPLIT_SCORE, |e| e.threshold.value);
    let mut edges = vec![pt / 4.0, pt];
    if split > pt && split < 100.0 {
        edges.push(split);
    }
    let model = crate::national::chart::build(
        &result,
        year,
        rules,
        national,
        group.group,
        group.reporting,
        format!("{}, {}", group.group.label(), group.reporting.label()),
        baseline.map(|b| &b.result),
    );
    Computed {
        chart: ChartData {
            shares,
            ranges,
            adjustments,
            edges,
            highlighted: model.as_ref().and_then(|m| m.highlighted),
            baseline_bar: model.as_ref().and_then(|m| m.baseline_bar),
            model,
        },
        range: sens::range_for(&result, year, max_range),
        sensitivity: None,
        result,
        problems,
    }
}

/// The bar of a data set that shows a band (one home: the band-chart model).
pub use crate::national::chart::bar_for;

/// Where the open dialog looks, relative to the working folder.
pub fn scenarios_dir() -> &'static Path {
    Path::new(SCENARIOS_DIR)
}
