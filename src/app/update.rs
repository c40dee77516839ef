//! How the state changes: a message in; a key becomes an action through the keymap table
//! and goes to the state it belongs to (typing, a prompt, a view, the main screen); file work
//! comes back as effects.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Dir, Step};
use super::field::Kind;
use super::keymap::{Mode, action_for};
use super::msg::{Effect, Msg};
use super::prompts::{Overlay, scroll_help};
use super::{App, View};

impl App {
    /// Apply one message; returns the file work to do.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let effects = self.update_inner(msg);
        self.refresh_sensitivity();
        self.refresh_year_changes();
        self.refresh_measures_view();
        effects
    }

    fn update_inner(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(key) => return self.on_key(key),
            Msg::Click(field) => {
                if self.overlay == Overlay::None && self.finish_edit_for_move() {
                    self.status = None;
                    self.history.break_run();
                    self.focus = field;
                }
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
                    let dir = if up { Dir::Up } else { Dir::Down };
                    self.nudge(dir, Step::Normal);
                }
            }
            Msg::Resize(w, h) => self.size = (w, h),
            Msg::Written {
                purpose,
                result,
                contents,
            } => self.on_written(purpose, result, contents),
            Msg::Opened { path, result } => {
                let opened = result.is_ok() && !self.adding_compare_column();
                self.on_opened(path.clone(), result);
                if opened && self.file.as_ref() == Some(&path) {
                    self.notes = None;
                    return vec![Effect::ReadNotes(path)];
                }
            }
            Msg::Listed(result) => {
                self.on_listed(result);
                return self.preview_effect();
            }
            Msg::Notes { path, notes } => self.on_notes(path, notes),
        }
        Vec::new()
    }

    /// Who takes keys now.
    pub fn mode(&self) -> Mode {
        match self.overlay {
            Overlay::None if self.measures_view.picker.is_some() => Mode::OpenPicker,
            Overlay::None if self.measures_view.edit.is_some() => Mode::Typing,
            Overlay::None if self.sens.edit.is_some() => Mode::SensitivityTyping,
            Overlay::None if self.edit.is_some() => Mode::Typing,
            Overlay::None => Mode::Main,
            Overlay::Help { .. } => Mode::Help,
            Overlay::Name(_) => Mode::NamePrompt,
            Overlay::Replace { .. } => Mode::Replace,
            Overlay::Open(_) => Mode::OpenPicker,
            Overlay::FileError { .. } => Mode::FileError,
        }
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind != KeyEventKind::Press {
            return Vec::new();
        }
        if action_for(&[Mode::Anywhere], key) == Some(Action::QuitNow) {
            self.should_quit = true;
            return Vec::new();
        }
        // A message lasts until the next key.
        self.status = None;
        let mode = self.mode();
        match mode {
            Mode::Main | Mode::InView(_) | Mode::Lesson | Mode::Anywhere => {
                return self.on_main_key(key);
            }
            Mode::OpenPicker if self.measures_view.picker.is_some() => {
                return self.on_measure_picker_key(key);
            }
            Mode::Typing if self.measures_view.edit.is_some() => {
                return self.on_measure_typing_key(key);
            }
            Mode::Typing => return self.on_typing_key(key),
            Mode::SensitivityTyping => self.on_sensitivity_typing(key),
            _ => {
                let Some(action) = action_for(&[mode], key) else {
                    return Vec::new();
                };
                match &mut self.overlay {
                    Overlay::Help { scroll } => match scroll_help(*scroll, action) {
                        Some(s) => *scroll = s,
                        None => self.overlay = Overlay::None,
                    },
                    Overlay::FileError { .. } => self.overlay = Overlay::None,
                    Overlay::Name(_) => return self.on_name_prompt(action),
                    Overlay::Replace { .. } => return self.on_replace(action),
                    Overlay::Open(_) => return self.on_open_picker(action),
                    Overlay::None => {}
                }
            }
        }
        Vec::new()
    }

    /// A key on the main screen: the current view's keys first, then everyone's.
    pub(super) fn on_main_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let action = if self.lesson.is_some() {
            action_for(&[Mode::Lesson, Mode::InView(self.view), Mode::Main], key)
        } else {
            action_for(&[Mode::InView(self.view), Mode::Main], key)
        };
        if !action.is_some_and(Action::is_nudge) {
            self.history.break_run();
        }
        match action {
            Some(action) if self.view == View::Measures && self.measures_act(action) => {}
            Some(action) => return self.act(action),
            None => {
                let plain = !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
                if let KeyCode::Char(c) = key.code
                    && plain
                {
                    self.info(format!("“{c}” does nothing here: press ? for the keys"));
                }
            }
        }
        Vec::new()
    }

    /// Do what a main-screen action asks.
    fn act(&mut self, action: Action) -> Vec<Effect> {
        use Action as A;
        match action {
            A::NextField => self.move_focus(1, true),
            A::PreviousField => self.move_focus(-1, true),
            A::FieldBelow => self.move_focus(1, false),
            A::FieldAbove => self.move_focus(-1, false),
            A::Nudge(dir, step) => self.nudge(dir, step),
            A::ToLimit(dir) => self.jump_to_limit(dir),
            A::StartTyping(c) => {
                if !self.typing_hidden() {
                    self.begin_edit(Some(c.to_string()))
                }
            }
            A::EditValue => {
                if !self.typing_hidden() {
                    self.begin_edit(None)
                }
            }
            A::EnterValue => match self.focus.kind() {
                Kind::Number => {
                    if !self.typing_hidden() {
                        let text = self.focus.edit_text(&self.scenario);
                        self.begin_edit(Some(text));
                    }
                }
                _ => self.toggle(),
            },
            A::Toggle => self.toggle(),
            A::Undo => self.undo(),
            A::Redo => self.redo(),
            A::PinBaseline => self.pin_baseline(),
            A::BackToBaseline => self.back_to_baseline(),
            A::DropBaseline => self.drop_baseline(),
            A::NextChartGroup => self.next_chart_group(),
            A::NextChartStatus => self.next_chart_status(),
            A::ToggleTrace => {
                self.show_trace = !self.show_trace;
                self.info(if self.show_trace {
                    "Rule trace shown (t hides it)"
                } else {
                    "Rule trace hidden"
                });
            }
            A::NextView | A::PreviousView | A::ShowView(_) => {
                // Should this open presentation mode, Esc comes back here.
                if self.view != View::Presentation {
                    self.before_presentation = self.view;
                }
                self.view = match action {
                    A::NextView => self.view.step(1),
                    A::PreviousView => self.view.step(-1),
                    A::ShowView(v) => v,
                    _ => self.view,
                };
            }
            A::PinColumn => self.pin_to_compare(),
            A::AddColumnFile => return self.open_compare_file(),
            A::ClearColumns => self.clear_compare(),
            A::NextStep => self.walk(1),
            A::PreviousStep => self.walk(-1),
            A::TogglePresentation | A::LeavePresentation => self.toggle_presentation(),
            A::ShowChanges => self.show_rules_view(View::Changes),
            A::ShowRules => self.show_rules_view(View::Rules),
            A::SelectYear(dir) => self.select_year(dir),
            A::LeaveRulesView => self.leave_rules_view(),
            A::LessonNext => self.lesson_step(1),
            A::LessonBack => self.lesson_step(-1),
            A::RevealQuestion => self.reveal_question(),
            A::TogglePresenterStrip => self.toggle_presenter_strip(),
            A::BackToScript => self.back_to_script(),
            A::TypeSensitivity(field) => self.begin_sensitivity_typing(field),
            A::Save => self.open_save_prompt(),
            A::Open => return self.open_open_picker(),
            A::Export => self.open_export_prompt(),
            A::ShowHelp => self.overlay = Overlay::Help { scroll: 0 },
            A::Quit | A::QuitNow => self.should_quit = true,
            // Typing, prompts and the help: handled where they are open.
            A::Insert(_)
            | A::DeleteChar
            | A::ClearText
            | A::Keep
            | A::Cancel
            | A::SelectNext
            | A::SelectPrevious
            | A::ScrollDown
            | A::ScrollUp
            | A::PageDown
            | A::PageUp
            | A::ScrollTop
            | A::Close
            | A::Replace
            | A::KeepFile
            // The Measures view's own: handled by its state.
            | A::MeasureValue(_)
            | A::NextCategory(_)
            | A::SwitchBuiltFrom
            | A::AddMeasure
            | A::RemoveMeasure => {}
        }
        Vec::new()
    }
}
