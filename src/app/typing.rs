//! Typing a value into the focused number field: the result follows every valid keystroke;
//! Enter keeps the value as one undoable step, Esc goes back, and a key that moves or nudges
//! keeps a valid value first and then acts as on the main screen.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
                // A sign or any other character is not part of the number: say so (a "-"
                // here is not a nudge, and "1e9" does not become 19).
                Some(a)
                    if matches!(key.code, KeyCode::Char('-' | '+'))
                        || (!a.is_move() && matches!(key.code, KeyCode::Char(_))) =>
                {
                    self.refuse_typed(key);
                }
                None if matches!(key.code, KeyCode::Char(_))
                    && !key.modifiers.contains(KeyModifiers::CONTROL) =>
                {
                    self.refuse_typed(key);
                }
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

    /// A character that is not part of a number, typed into one: refused with the reason.
    /// It stays in the text, marked, until it is deleted: the value is not taken meanwhile.
    fn refuse_typed(&mut self, key: KeyEvent) {
        let KeyCode::Char(c) = key.code else { return };
        let Some(e) = &mut self.edit else { return };
        if e.text.chars().count() < MAX_TYPED {
            e.text.push(c);
        }
        self.apply_typed();
        if let Some(why) = self.edit.as_ref().and_then(|e| e.error.clone()) {
            self.error(format!("{why} — Backspace deletes it, Esc cancels"));
        }
    }

    /// Paste into the focused number field: the number is taken as if typed, and what was
    /// left out is said.
    pub(super) fn paste_number(&mut self, text: &str) {
        if self.focus.kind() != Kind::Number {
            self.warn(format!(
                "{} is chosen, not typed: nothing pasted (a paste goes into a number field or a prompt)",
                self.focus.name()
            ));
            return;
        }
        if self.typing_hidden() {
            return;
        }
        match crate::number_text::number_from_paste(text) {
            Ok(n) => {
                match &mut self.edit {
                    Some(e) if e.field == self.focus => {
                        e.text = n.text.clone();
                        self.apply_typed();
                    }
                    _ => {
                        if !self.finish_edit_for_move() {
                            return;
                        }
                        self.begin_edit(Some(n.text.clone()));
                    }
                }
                let field = self.focus.name();
                let msg = match n.dropped {
                    Some(d) => format!(
                        "Pasted {} into {field}; {d} (Enter keeps, Esc cancels)",
                        n.text
                    ),
                    None => format!("Pasted {} into {field} (Enter keeps, Esc cancels)", n.text),
                };
                if self.edit.as_ref().is_some_and(|e| e.error.is_some()) {
                    let why = self
                        .edit
                        .as_ref()
                        .and_then(|e| e.error.clone())
                        .unwrap_or_default();
                    self.error(format!("{msg}: {why}"));
                } else {
                    self.info(msg);
                }
            }
            Err(why) => self.error(format!("Nothing pasted into {}: {why}", self.focus.name())),
        }
    }

    /// Parse the typed text and, when it is a valid value, apply it at once.
    fn apply_typed(&mut self) {
        let Some(edit) = &self.edit else { return };
        let field = edit.field;
        let text = edit.text.clone();
        let year = self.year_rules();
        let Some(spec) = field.input_bounds(year, self.years) else {
            return;
        };
        // A character that is not part of a number makes the text no value at all ("1e9"
        // is not 1000000000 here, and never 19).
        if let Some((i, bad)) = text
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '$')))
            && let Some(why) = crate::number_text::refused_char(bad, &text[..i])
        {
            if let Some(e) = &mut self.edit {
                e.incomplete = false;
                e.error = Some(format!(
                    "{why}: {} takes {}",
                    field.name(),
                    spec.bounds_text(field)
                ));
            }
            return;
        }
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
                let range = spec.bounds_text(field);
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
                .input_bounds(self.year_rules(), self.years)
                .map(|s| s.bounds_text(edit.field))
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
