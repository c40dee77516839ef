//! The status bar's key hints: which actions matter now, most important first. The keys are
//! spelled from the keymap table ([`super::keymap::hint_label`]), so a hint can only name a
//! key that does what it says in the current mode.

use super::action::{Action, Dir, Step};
use super::field::{Field, Kind};
use super::keymap::{Mode, hint_label};
use super::prompts::{Overlay, Purpose};
use super::sensitivity::SensitivityField;
use super::{App, View};

/// Hints being gathered for one mode.
struct Hints {
    modes: Vec<Mode>,
    out: Vec<(String, String)>,
}

impl Hints {
    fn new(modes: &[Mode]) -> Hints {
        Hints {
            modes: modes.to_vec(),
            out: Vec::with_capacity(16),
        }
    }

    fn label(&self, action: Action) -> &'static str {
        hint_label(&self.modes, action).unwrap_or("")
    }

    /// One action's keys and what they do.
    fn add(&mut self, action: Action, text: impl Into<String>) -> &mut Hints {
        let key = self.label(action).to_string();
        self.out.push((key, text.into()));
        self
    }

    /// Two actions' keys joined by `sep` ("←→ Space", "P/Esc").
    fn add2(&mut self, a: Action, sep: &str, b: Action, text: impl Into<String>) -> &mut Hints {
        let key = format!("{}{sep}{}", self.label(a), self.label(b));
        self.out.push((key, text.into()));
        self
    }

    fn done(&mut self) -> Vec<(String, String)> {
        std::mem::take(&mut self.out)
    }
}

/// The key hints for the status bar, most important first: they always match what the keys
/// do in the current context (the steps are the focused field's own).
pub fn hints(app: &App) -> Vec<(String, String)> {
    use Action as A;
    match &app.overlay {
        Overlay::Help { .. } => Hints::new(&[Mode::Help])
            .add(A::ScrollDown, "scroll")
            .add(A::JumpToField, "search")
            .add(A::Close, "close help")
            .done(),
        Overlay::Name(p) => Hints::new(&[Mode::NamePrompt])
            .add(
                A::Keep,
                match p.purpose {
                    Purpose::Save => "save",
                    Purpose::Export => "write the report",
                    Purpose::Workspace => "save the workspace",
                    Purpose::Roster => "save the roster",
                    Purpose::ColumnName(_) | Purpose::ScenarioName => "keep the name",
                    Purpose::ReportDetail(_) => "keep, next detail",
                    Purpose::JumpToField => "go to the field",
                    Purpose::RosterYear { .. } => "open the roster",
                },
            )
            .add(A::Cancel, "cancel")
            .add(A::DeleteChar, "delete")
            .add(A::ClearText, "clear")
            .done(),
        Overlay::Replace { .. } => Hints::new(&[Mode::Replace])
            .add(A::Replace, "overwrite")
            .add(A::KeepFile, "choose another name")
            .done(),
        Overlay::Open(_) => Hints::new(&[Mode::OpenPicker])
            .add(A::SelectNext, "choose")
            .add(A::Insert(' '), "filter or a path")
            .add(A::Keep, "open")
            .add(A::Cancel, "cancel")
            .done(),
        Overlay::FileError { .. } => Hints::new(&[Mode::FileError]).add(A::Close, "close").done(),
        Overlay::None if app.roster_typing().is_some() => Hints::new(&[Mode::RosterTyping])
            .add(
                A::Insert(' '),
                match app.roster_typing() {
                    Some(super::roster_view::RosterTyping::WhatIf) => "the what-if",
                    _ => "the filter",
                },
            )
            .add(A::Keep, "keep")
            .add(A::Cancel, "clear")
            .add(A::DeleteChar, "delete")
            .add(A::ClearText, "clear the line")
            .done(),
        Overlay::None if app.measures_view.picker.is_some() => Hints::new(&[Mode::OpenPicker])
            .add(A::SelectNext, "choose")
            .add(A::Insert(' '), "search")
            .add(A::Keep, "add")
            .add(A::Cancel, "cancel")
            .done(),
        Overlay::None if app.measures_view.edit.is_some() => {
            let invalid = app
                .measures_view
                .edit
                .as_ref()
                .is_some_and(|e| e.error.is_some());
            let mut h = Hints::new(&[Mode::Typing, Mode::InView(View::Measures), Mode::Main]);
            if invalid {
                h.add(A::DeleteChar, "fix")
                    .add(A::ClearText, "clear")
                    .add(A::Cancel, "cancel")
                    .done()
            } else {
                h.add(A::Keep, "keep")
                    .add(A::Cancel, "cancel")
                    .add(A::Insert('0'), "type")
                    .add(A::DeleteChar, "delete")
                    .add(A::MeasureValue(Dir::Up), "keep + next value")
                    .done()
            }
        }
        Overlay::QuitGuard { .. } => Hints::new(&[Mode::QuitGuard])
            .add(A::SaveAndQuit, "save, then quit")
            .add(A::DiscardAndQuit, "discard and quit")
            .add(A::Cancel, "stay")
            .done(),
        Overlay::Question(q) => Hints::new(&[Mode::Question])
            .add(A::Confirm, q.yes.clone())
            .add(A::Decline, q.no.clone())
            .add(A::Cancel, q.later.clone())
            .done(),
        Overlay::None => {
            if let Some(e) = &app.sensitivity.edit {
                let mut h = Hints::new(&[Mode::SensitivityTyping]);
                return if e.error.is_some() {
                    h.add(A::DeleteChar, "fix")
                        .add(A::ClearText, "clear")
                        .add(A::Cancel, "cancel")
                        .done()
                } else {
                    h.add(A::Keep, "keep")
                        .add(A::Cancel, "cancel")
                        .add(A::Insert('0'), "type")
                        .add(A::DeleteChar, "delete")
                        .done()
                };
            }
            if let Some(e) = &app.edit {
                // Only what works now: an invalid value cannot be kept or left.
                let mut h = Hints::new(&[Mode::Typing, Mode::Main]);
                return if e.error.is_some() {
                    h.add(A::DeleteChar, "fix")
                        .add(A::ClearText, "clear")
                        .add(A::Cancel, "cancel")
                        .done()
                } else if e.incomplete {
                    h.add(A::Insert('0'), "type")
                        .add(A::DeleteChar, "delete")
                        .add(A::Cancel, "cancel")
                        .done()
                } else {
                    h.add(A::Keep, "keep")
                        .add(A::Cancel, "cancel")
                        .add(A::Insert('0'), "type")
                        .add(A::DeleteChar, "delete")
                        .add(A::NextField, "keep + next")
                        .done()
                };
            }
            main_hints(app)
        }
    }
}

fn main_hints(app: &App) -> Vec<(String, String)> {
    use Action as A;
    let mut h = if app.lesson.is_some() {
        Hints::new(&[Mode::Lesson, Mode::InView(app.view), Mode::Main])
    } else {
        Hints::new(&[Mode::InView(app.view), Mode::Main])
    };
    let nudge = A::Nudge(Dir::Up, Step::Normal);
    if app.lesson.is_some() {
        h.add(A::LessonNext, "lesson step")
            .add(A::RevealQuestion, "ask");
        if app.off_script() {
            h.add(A::BackToScript, "back to the script");
        }
        h.add(A::TogglePresenterStrip, "strip");
    }
    if matches!(app.view, View::Rules | View::Changes) {
        h.add(A::SelectYear(Dir::Up), "year");
        if app.view == View::Rules {
            h.add(A::ShowChanges, "what changed");
        } else {
            h.add(A::ShowRules, "all years");
        }
        h.add(A::LeaveRulesView, "back");
    }
    let f = app.focus;
    if app.view == View::Presentation {
        // No inputs panel: say which field the nudges change, and how to leave.
        let what = format!("{} {}", f.label(), super::walkthrough::focused_value(app));
        match f.kind() {
            Kind::Number => h.add(nudge, format!("nudge {what}")),
            Kind::Choice => h.add2(nudge, " ", A::Toggle, format!("change {what}")),
            Kind::Toggle => h.add(A::Toggle, format!("toggle {what}")),
        };
        return h
            .add(A::NextField, "other field")
            .add(A::Undo, "undo")
            .add2(
                A::TogglePresentation,
                "/",
                A::LeavePresentation,
                "leave presentation",
            )
            .add(A::NextChartGroup, "group")
            .add(A::Quit, "quit")
            .add(A::ShowHelp, "help")
            .done();
    }
    if app.view == View::Roster {
        use super::roster_view::RosterAction as R;
        if app.roster.is_none() {
            return h
                .add(A::Open, "open a roster")
                .add(A::NextView, "view")
                .add(A::Quit, "quit")
                .add(A::ShowHelp, "help")
                .done();
        }
        return h
            .add(A::SelectNext, "row")
            .add(A::Roster(R::OpenRow), "open row")
            .add2(
                A::Roster(R::NextSort),
                "/",
                A::Roster(R::ReverseSort),
                "sort / reverse",
            )
            .add(A::Roster(R::TypeFilter), "filter")
            .add2(
                A::Roster(R::NextBand),
                "/",
                A::Roster(R::NextSize),
                "band / size",
            )
            .add(A::Roster(R::TypeWhatIf), "what-if")
            .add(A::Roster(R::Save), "save roster")
            .add(A::NextView, "view")
            .add(A::Quit, "quit")
            .add(A::ShowHelp, "help")
            .done();
    }
    if app.view == View::Measures {
        // No inputs panel: the keys change the selected measure.
        return h
            .add(nudge, "nudge")
            .add(A::StartTyping('0'), "type")
            .add(A::SelectNext, "measure")
            .add(A::MeasureValue(Dir::Up), "value")
            .add(A::NextCategory(Dir::Up), "category")
            .add(A::SwitchBuiltFrom, "percent / measures")
            .add(A::AddMeasure, "add")
            .add(A::RemoveMeasure, "remove")
            .add(A::Undo, "undo")
            .add(A::Save, "save")
            .add(A::NextView, "view")
            .add(A::ShowHelp, "help")
            .done();
    }
    if app.view == View::Walkthrough && app.lesson.is_none() {
        h.add(A::NextStep, "next / back step");
    }
    match f.kind() {
        Kind::Number => {
            if let Some(spec) = f.input_bounds(app.year_rules(), app.years) {
                let step = |x: f64| step_text(f, x);
                h.add(nudge, format!("±{}", step(spec.steps.normal)));
                if spec.steps.big != spec.steps.normal {
                    h.add(
                        A::Nudge(Dir::Up, Step::Big),
                        format!("±{}", step(spec.steps.big)),
                    );
                }
                if spec.steps.fine != spec.steps.normal {
                    h.add(
                        A::Nudge(Dir::Up, Step::Fine),
                        format!("±{}", step(spec.steps.fine)),
                    );
                }
            }
            h.add(A::StartTyping('0'), "type");
            match f {
                Field::Score(_) => h.add(A::Toggle, "not scored"),
                Field::PartBCharges => h.add(A::Toggle, "none"),
                Field::MaxPositive | Field::ExceptionalBonusMax => h.add(A::Toggle, "default"),
                _ => &mut h,
            };
        }
        Kind::Choice => {
            h.add2(nudge, " ", A::Toggle, "option");
        }
        Kind::Toggle => {
            h.add(A::Toggle, "toggle");
        }
    }
    if matches!(app.view, View::Rules | View::Changes) {
        // ↑ ↓ choose the year here.
        h.add(A::NextField, "field");
    } else {
        h.add2(A::NextField, " ", A::FieldBelow, "field");
    }
    match app.view {
        View::Compare => {
            h.add(A::PinColumn, "pin column")
                .add(A::AddColumnFile, "add file");
            if !app.compare.pins.is_empty() {
                h.add(A::ClearColumns, "clear columns");
            }
            h.add(A::Export, "export report");
        }
        View::National => {
            h.add(A::Export, "export report");
        }
        View::Sensitivity => {
            h.add(A::TypeSensitivity(SensitivityField::Target), "target")
                .add(A::TypeSensitivity(SensitivityField::MaxLow), "max range");
        }
        View::Measures | View::Roster => {}
        View::Results | View::Walkthrough | View::Presentation | View::Rules | View::Changes => {}
    }
    h.add(A::Undo, "undo").add(A::PinBaseline, "baseline");
    if app.baseline.is_some() {
        h.add(A::BackToBaseline, "back to baseline");
    }
    if app.roster.is_some() {
        // A roster is open (a row of it may be the scenario): the way back to it.
        h.add(A::ShowView(View::Roster), "roster");
    }
    h.add(A::Save, "save")
        .add(A::Open, "open")
        .add(A::Quit, "quit")
        .add(A::ToggleTrace, "trace")
        .add(A::NextView, "view")
        .add(A::NextChartGroup, "group")
        .add(A::TogglePresentation, "present")
        .add(A::ShowChanges, "what changed")
        .add(A::ShowHelp, "help")
        .done()
}

/// A step as the status bar shows it: "1", "0.1", "$10k".
fn step_text(field: Field, step: f64) -> String {
    if field == Field::PartBCharges {
        format!("${}k", crate::format::number(step / 1000.0))
    } else {
        crate::format::number(step)
    }
}
