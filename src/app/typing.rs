//! Typing a value into the focused number field: the result follows every valid keystroke;
//! Enter keeps the value as one undoable step, Esc goes back, and a key that moves or nudges
//! keeps a valid value first and then acts as on the main screen.

use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

use super::action::Action;
use super::field::{self, Field, Kind};
use super::keymap::{Mode, action_for};
use super::msg::Effect;
use super::notes::field_note;
use super::{App, View};
use crate::scenario::{Scenario, normalize};

/// Longest text accepted in a number field while typing.
const MAX_TYPED: usize = 16;

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

impl EditBuffer {
    /// Type, delete or clear; true when the text is one of those actions.
    fn edit(&mut self, action: Action) -> bool {
        match action {
            Action::ClearText => self.text.clear(),
            Action::DeleteChar => {
                self.text.pop();
            }
            Action::Insert(c) => {
                if self.text.chars().count() < MAX_TYPED {
                    self.text.push(c);
                }
            }
            _ => return false,
        }
        true
    }
}

impl App {
    /// Start typing into the focused number field: with `text`, or (None) with the current
    /// value minus its last character.
    pub(super) fn begin_edit(&mut self, text: Option<String>) {
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

    /// A key while a value is typed.
    pub(super) fn on_typing_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        match action_for(&[Mode::Typing], key) {
            Some(Action::Keep) => {
                self.commit_edit();
            }
            Some(Action::Cancel) => self.cancel_edit(),
            Some(a) => {
                if let Some(e) = &mut self.edit
                    && e.edit(a)
                {
                    self.apply_typed();
                }
            }
            None => match action_for(&[Mode::InView(self.view), Mode::Main], key) {
                Some(a) if a.is_move() => {
                    if self.finish_edit_for_move() {
                        return self.on_main_key(key);
                    }
                }
                _ if key.modifiers.contains(KeyModifiers::CONTROL) => {}
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
            },
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
                let mut next = self.scenario.clone();
                field.set_number(&mut next, Some(v));
                let fixes = normalize(&mut next, &self.rules);
                self.set_scenario(next);
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
                self.set_scenario(edit.before);
            }
            self.info("Typing cancelled");
        }
    }

    /// Before moving away while typing: keep a valid value, drop an empty or unfinished one,
    /// and refuse (with the reason) when the text is invalid. True when moving may go on.
    pub(super) fn finish_edit_for_move(&mut self) -> bool {
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

    /// Typing needs the inputs panel, which presentation mode hides: true (and say so) there.
    pub(super) fn typing_hidden(&mut self) -> bool {
        if self.view == View::Presentation {
            self.info(
                "Typing a value needs the inputs: P leaves presentation mode (←→ still nudge)",
            );
            return true;
        }
        false
    }
}
