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
        self.refresh_roster();
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
                let mut effects = self.on_listed(result);
                effects.extend(self.preview_effect());
                return effects;
            }
            Msg::Described(d) => {
                if let Overlay::Open(p) = &mut self.overlay {
                    p.described = d;
                }
            }
            Msg::Completed(c) => self.on_completed(c),
            Msg::WorkspaceOpened {
                path,
                result,
                on_disk,
            } => self.on_workspace_opened(path, result, on_disk),
            Msg::Paste(text) => self.on_paste(&text),
            Msg::Suspended(Ok(())) => {}
            Msg::Suspended(Err(why)) => self.warn(format!("Ctrl-Z: {why}")),
            Msg::Notes { path, notes } => self.on_notes(path, notes),
            Msg::RosterOpened { path, result } => self.on_roster_opened(path, result.map(|r| *r)),
            Msg::RosterSaved {
                result,
                saved,
                over_its_file,
            } => self.on_roster_saved(result, saved, over_its_file),
        }
        Vec::new()
    }

    /// Who takes keys now.
    pub fn mode(&self) -> Mode {
        match self.overlay {
            Overlay::None if self.roster_typing().is_some() => Mode::RosterTyping,
            Overlay::None if self.measures_view.picker.is_some() => Mode::OpenPicker,
            Overlay::None if self.measures_view.edit.is_some() => Mode::Typing,
            Overlay::None if self.sensitivity.edit.is_some() => Mode::SensitivityTyping,
            Overlay::None if self.edit.is_some() => Mode::Typing,
            Overlay::None => Mode::Main,
            Overlay::Help { .. } => Mode::Help,
            Overlay::Name(_) => Mode::NamePrompt,
            Overlay::Replace { .. } => Mode::Replace,
            Overlay::Open(_) => Mode::OpenPicker,
            Overlay::FileError { .. } => Mode::FileError,
            Overlay::QuitGuard { .. } => Mode::QuitGuard,
            Overlay::Question(_) => Mode::Question,
        }
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind != KeyEventKind::Press {
            return Vec::new();
        }
        match action_for(&[Mode::Anywhere], key) {
            Some(Action::QuitNow) => {
                self.quit_now_pressed();
                return Vec::new();
            }
            Some(Action::Suspend) => {
                self.request_suspend();
                return Vec::new();
            }
            _ => {}
        }
        self.session.ctrl_c_disarm();
        // A message lasts until the next key.
        self.status = None;
        if let Overlay::Help {
            search,
            searching: searching @ true,
            scroll,
        } = &mut self.overlay
        {
            match key.code {
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    search.push(c);
                    *scroll = 0;
                }
                KeyCode::Backspace => {
                    search.pop();
                }
                KeyCode::Enter => *searching = false,
                KeyCode::Esc => {
                    search.clear();
                    *searching = false;
                }
                _ => {}
            }
            return Vec::new();
        }
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
            Mode::RosterTyping => return self.on_roster_typing_key(key),
            _ => {
                let Some(action) = action_for(&[mode], key) else {
                    return Vec::new();
                };
                match &mut self.overlay {
                    Overlay::Help {
                        searching, scroll, ..
                    } if action == Action::JumpToField => {
                        *searching = true;
                        *scroll = 0;
                    }
                    Overlay::Help { scroll, .. } => match scroll_help(*scroll, action) {
                        Some(s) => *scroll = s,
                        None => self.overlay = Overlay::None,
                    },
                    Overlay::FileError { .. } => self.overlay = Overlay::None,
                    Overlay::Name(_) => return self.on_name_prompt(action),
                    Overlay::Replace { .. } => return self.on_replace(action),
                    Overlay::Open(_) => return self.on_open_picker(action),
                    Overlay::QuitGuard { .. } => return self.on_quit_guard(action),
                    Overlay::Question(_) => return self.on_question(action),
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
        // "-5": a digit right after a "-" nudge is a negative number, not a nudge and a 5.
        let before_minus = self.session.before_minus.take();
        if key.code == KeyCode::Char('-') && action.is_some_and(Action::is_nudge) {
            self.session.before_minus = Some(self.scenario.clone());
        } else if let (Some(before), Some(Action::StartTyping(c))) = (before_minus, action)
            && c.is_ascii_digit()
            && self.focus.kind() == Kind::Number
        {
            if before != self.scenario {
                self.set_scenario(before);
            }
            self.error(format!(
                "−{c} is not a value: {} takes 0 or more (− alone nudges down; the nudge is undone)",
                self.focus.name()
            ));
            return Vec::new();
        }
        match action {
            Some(action) if self.view == View::Measures && self.measures_act(action) => {}
            Some(action) if self.view == View::Roster && self.roster_act(action) => {}
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
                let tabs = View::tabs(self.roster.is_some());
                self.view = match action {
                    A::NextView => self.view.step_among(tabs, 1),
                    A::PreviousView => self.view.step_among(tabs, -1),
                    A::ShowView(v) => v,
                    _ => self.view,
                };
            }
            A::PinColumn => self.pin_to_compare(),
            A::AddColumnFile => return self.open_compare_file(),
            A::ClearColumns => self.ask_clear_columns(),
            A::RenameColumn => self.rename_column(),
            A::ToggleCurrentInComparison => self.toggle_current_in_comparison(),
            A::SaveWorkspace => return self.save_workspace(),
            A::NameScenario => self.open_scenario_name_prompt(),
            A::Suspend => self.request_suspend(),
            A::EditReportDetails => self.edit_report_details(None),
            A::JumpToField => self.open_jump_prompt(),
            A::JumpToGroup(n) => self.jump_to_group(n),
            A::Complete | A::ScrollBottom => {}
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
            A::ShowHelp => {
                self.overlay = Overlay::Help {
                    scroll: 0,
                    search: String::new(),
                    searching: false,
                }
            }
            A::Quit => self.request_quit(),
            A::QuitNow => self.quit_now_pressed(),
            A::Close => self.nothing_to_close(),
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
            | A::Replace
            | A::KeepFile
            | A::SaveAndQuit
            | A::DiscardAndQuit
            | A::Confirm
            | A::Decline
            // The Measures view's own: handled by its state.
            | A::MeasureValue(_)
            | A::NextCategory(_)
            | A::SwitchBuiltFrom
            | A::AddMeasure
            | A::RemoveMeasure
            // The Roster view's own: handled by its state.
            | A::Roster(_) => {}
        }
        Vec::new()
    }
}
