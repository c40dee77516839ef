//! Every key of the explorer, in one table: (mode, key) → [`Action`], each line with the
//! keys' label and help text. Dispatch looks keys up here, the help overlay lists the lines
//! and the status bar takes its key labels from them, so none can drift from another.

use std::sync::LazyLock;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod dialogs;
mod table;

use super::action::Action;
use super::view::View;

/// Who gets a key: the main screen (in a view), typing, or a dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Whatever is open.
    Anywhere,
    /// The main screen, in every view.
    Main,
    /// The main screen, only in this view (looked up before [`Mode::Main`]).
    InView(View),
    /// The main screen while a lesson plays (looked up before [`Mode::InView`]).
    Lesson,
    /// A number typed into the focused field.
    Typing,
    /// A target or a maximum typed in the Sensitivity view.
    SensitivityTyping,
    Help,
    /// A file name typed to save the scenario or write a report.
    NamePrompt,
    /// The question before replacing a file.
    Replace,
    OpenPicker,
    FileError,
    /// Quit with unsaved work: save, discard or stay.
    QuitGuard,
    /// A yes / no question (clear the columns, restore the earlier session).
    Question,
    /// The Roster view's filter or what-if line being typed.
    RosterTyping,
}

/// Which keys a binding takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keys {
    /// One key with exactly these Ctrl and Alt modifiers (Shift too, except for characters).
    Key(KeyCode, KeyModifiers),
    /// A letter in either case (y / Y).
    Letter(char),
    /// A digit or `.`.
    Digits,
    /// A digit, `.` or `,` (a typed number).
    Number,
    /// Any printable character without Ctrl (a file name).
    Printable,
}

impl Keys {
    /// The character a key event gives, if the binding takes it.
    fn take(self, code: KeyCode, mods: KeyModifiers, ignore_shift: bool) -> Option<char> {
        let ctrl = mods.contains(KeyModifiers::CONTROL);
        let alt = mods.contains(KeyModifiers::ALT);
        let plain = !ctrl && !alt;
        match (self, code) {
            (Keys::Key(k, m), _) if k == code => {
                let same = |flag| m.contains(flag) == mods.contains(flag);
                let shift_free =
                    ignore_shift || matches!(code, KeyCode::Char(_) | KeyCode::BackTab);
                (same(KeyModifiers::CONTROL)
                    && same(KeyModifiers::ALT)
                    && (shift_free || same(KeyModifiers::SHIFT)))
                .then_some('\0')
            }
            (Keys::Letter(l), KeyCode::Char(c)) if plain && c.eq_ignore_ascii_case(&l) => Some(c),
            (Keys::Digits, KeyCode::Char(c)) if plain && (c.is_ascii_digit() || c == '.') => {
                Some(c)
            }
            (Keys::Number, KeyCode::Char(c))
                if !ctrl && (c.is_ascii_digit() || c == '.' || c == ',') =>
            {
                Some(c)
            }
            (Keys::Printable, KeyCode::Char(c)) if !ctrl && !c.is_control() => Some(c),
            _ => None,
        }
    }

    /// How the help spells these keys ("Ctrl-→", "0-9", "F2").
    pub fn spelled(self) -> String {
        match self {
            Keys::Key(code, mods) => {
                let mut s = String::new();
                if mods.contains(KeyModifiers::CONTROL) {
                    s.push_str("Ctrl-");
                }
                if mods.contains(KeyModifiers::ALT) {
                    s.push_str("Alt-");
                }
                if mods.contains(KeyModifiers::SHIFT) {
                    s.push_str("Shift-");
                }
                match code {
                    KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
                        s.push(c.to_ascii_uppercase())
                    }
                    _ => s.push_str(&key_name(code)),
                }
                s
            }
            Keys::Letter(c) => c.to_string(),
            Keys::Digits | Keys::Number => "0-9".into(),
            Keys::Printable => "type".into(),
        }
    }
}

/// A key's name as the help writes it.
fn key_name(code: KeyCode) -> String {
    match code {
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char('-') => "−".into(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Tab => "Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        other => format!("{other:?}"),
    }
}

/// What a binding does: an action, or one made from the typed character.
#[derive(Clone, Copy)]
pub enum Bound {
    Do(Action),
    Char(fn(char) -> Action),
}

impl Bound {
    fn action(self, c: char) -> Action {
        match self {
            Bound::Do(a) => a,
            Bound::Char(f) => f(c),
        }
    }
}

/// One (mode, keys) → action row.
#[derive(Clone, Copy)]
pub struct Binding {
    pub mode: Mode,
    pub keys: Keys,
    pub bound: Bound,
    /// How the status bar spells this key, when not as the line's label.
    pub hint: Option<&'static str>,
}

impl Binding {
    /// The action, with a sample character for character actions.
    pub fn action(&self) -> Action {
        self.bound.action('0')
    }
}

/// Where a line appears in the help overlay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpGroup {
    Move,
    Change,
    Explain,
    Teach,
    Sensitivity,
    Measures,
    Roster,
    Files,
    Screen,
}

impl HelpGroup {
    pub const ALL: [HelpGroup; 9] = [
        HelpGroup::Move,
        HelpGroup::Change,
        HelpGroup::Explain,
        HelpGroup::Teach,
        HelpGroup::Sensitivity,
        HelpGroup::Measures,
        HelpGroup::Roster,
        HelpGroup::Files,
        HelpGroup::Screen,
    ];

    pub fn title(self) -> &'static str {
        match self {
            HelpGroup::Move => "Move",
            HelpGroup::Change => "Change the focused field",
            HelpGroup::Explain => "Compare and explain",
            HelpGroup::Teach => "Teach and present",
            HelpGroup::Sensitivity => "Sensitivity view",
            HelpGroup::Measures => "Measures view",
            HelpGroup::Roster => "Roster view",
            HelpGroup::Files => "Files",
            HelpGroup::Screen => "Screen",
        }
    }
}

/// A line of the table: keys that belong together, their label and their help text.
pub struct KeyLine {
    /// The help overlay's group; None for a dialog's keys (shown on the dialog and in the
    /// status bar while it is open).
    pub group: Option<HelpGroup>,
    /// The keys as the help spells them ("→ ←  + −  l h").
    pub label: &'static str,
    pub help: &'static str,
    /// How the status bar spells the line's keys ("←→"), when not as the label.
    pub hint: Option<&'static str>,
    pub bindings: Vec<Binding>,
    /// A line that explains what keys bound elsewhere do here (no bindings of its own).
    pub note: bool,
}

impl KeyLine {
    fn new(group: Option<HelpGroup>, label: &'static str, help: &'static str) -> KeyLine {
        KeyLine {
            group,
            label,
            help,
            hint: None,
            bindings: Vec::new(),
            note: false,
        }
    }

    fn bind(mut self, mode: Mode, keys: Keys, action: Action) -> KeyLine {
        self.bindings.push(Binding {
            mode,
            keys,
            bound: Bound::Do(action),
            hint: None,
        });
        self
    }

    fn bind_char(mut self, mode: Mode, keys: Keys, f: fn(char) -> Action) -> KeyLine {
        self.bindings.push(Binding {
            mode,
            keys,
            bound: Bound::Char(f),
            hint: None,
        });
        self
    }

    /// The status bar's spelling of the last binding.
    fn hint(mut self, text: &'static str) -> KeyLine {
        if let Some(b) = self.bindings.last_mut() {
            b.hint = Some(text);
        }
        self
    }

    /// The status bar's spelling of the whole line.
    fn hint_line(mut self, text: &'static str) -> KeyLine {
        self.hint = Some(text);
        self
    }
}

/// The table, in the order the help lists it.
pub fn table() -> &'static [KeyLine] {
    static TABLE: LazyLock<Vec<KeyLine>> = LazyLock::new(table::build);
    &TABLE
}

/// The action a key asks for in the first of `modes` that binds it.
pub fn action_for(modes: &[Mode], key: KeyEvent) -> Option<Action> {
    let mut code = key.code;
    // Ctrl-S and Ctrl-Shift-S are one key.
    if key.modifiers.contains(KeyModifiers::CONTROL)
        && let KeyCode::Char(c) = code
    {
        code = KeyCode::Char(c.to_ascii_lowercase());
    }
    // Exact modifiers first; then Shift-↓ is ↓ when nothing binds Shift-↓.
    for ignore_shift in [false, true] {
        for mode in modes {
            for line in table() {
                for b in line.bindings.iter().filter(|b| b.mode == *mode) {
                    if let Some(c) = b.keys.take(code, key.modifiers, ignore_shift) {
                        return Some(b.bound.action(c));
                    }
                }
            }
        }
    }
    None
}

/// How the status bar spells the key for `action` in the first of `modes` that binds it.
pub fn hint_label(modes: &[Mode], action: Action) -> Option<&'static str> {
    modes.iter().find_map(|mode| {
        table().iter().find_map(|line| {
            line.bindings
                .iter()
                .find(|b| b.mode == *mode && b.action().same_as(action))
                .map(|b| b.hint.or(line.hint).unwrap_or(line.label))
        })
    })
}

/// The help overlay's groups, in order, each with its lines.
pub fn help_groups() -> Vec<(HelpGroup, Vec<&'static KeyLine>)> {
    HelpGroup::ALL
        .iter()
        .map(|g| {
            let lines = table().iter().filter(|l| l.group == Some(*g)).collect();
            (*g, lines)
        })
        .collect()
}

/// The keys a label names, with a modifier carried over to the keys after it
/// ("Shift-→ ←" is Shift-→ and Shift-←; "F2…" is F2 and the function keys after it).
pub fn label_keys(label: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in label.split("  ") {
        let mut prefix = String::new();
        // "/" separates keys ("q / Esc"), unless it is the key itself.
        let lone_slash = part.trim() == "/";
        for token in part
            .split(' ')
            .filter(|t| !t.is_empty() && (*t != "/" || lone_slash))
        {
            let mut token = token.to_string();
            for m in ["Ctrl-", "Alt-", "Shift-"] {
                if token.starts_with(m) && token != "Shift-Tab" {
                    prefix = m.to_string();
                    token = token[m.len()..].to_string();
                }
            }
            out.push(format!("{prefix}{token}"));
        }
    }
    out
}

#[cfg(test)]
mod tests;
