//! Every key of the explorer, in one table: (mode, key) → [`Action`], each line with the
//! keys' label and help text. Dispatch looks keys up here, the help overlay lists the lines
//! and the status bar takes its key labels from them, so none can drift from another.

use std::sync::LazyLock;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Dir, Step};
use super::sensitivity::SensField;
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
    Files,
    Screen,
}

impl HelpGroup {
    pub const ALL: [HelpGroup; 7] = [
        HelpGroup::Move,
        HelpGroup::Change,
        HelpGroup::Explain,
        HelpGroup::Teach,
        HelpGroup::Sensitivity,
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

fn key(code: KeyCode) -> Keys {
    Keys::Key(code, KeyModifiers::NONE)
}
fn ch(c: char) -> Keys {
    key(KeyCode::Char(c))
}
fn ctrl(c: char) -> Keys {
    Keys::Key(KeyCode::Char(c), KeyModifiers::CONTROL)
}
fn with(code: KeyCode, mods: KeyModifiers) -> Keys {
    Keys::Key(code, mods)
}

fn help(group: HelpGroup, label: &'static str, text: &'static str) -> KeyLine {
    KeyLine::new(Some(group), label, text)
}
fn dialog(label: &'static str, text: &'static str) -> KeyLine {
    KeyLine::new(None, label, text)
}

/// The table, in the order the help lists it.
pub fn table() -> &'static [KeyLine] {
    static TABLE: LazyLock<Vec<KeyLine>> = LazyLock::new(build);
    &TABLE
}

fn build() -> Vec<KeyLine> {
    use Action as A;
    use HelpGroup as G;
    use KeyCode as K;
    use Mode::*;
    let shift = KeyModifiers::SHIFT;
    let ctrl_mod = KeyModifiers::CONTROL;
    let alt = KeyModifiers::ALT;
    let mut views = help(
        G::Explain,
        "v / V  F2…",
        "next / previous view; each view's function key is listed under Views",
    )
    .bind(Main, ch('v'), A::NextView)
    .hint("v")
    .bind(Main, ch('V'), A::PreviousView);
    for v in View::ALL {
        views = views.bind(Main, key(K::F(v.function_key())), A::ShowView(*v));
    }
    vec![
        // ---- Move
        help(
            G::Move,
            "Tab / Shift-Tab",
            "next / previous field (wraps around)",
        )
        .bind(Main, key(K::Tab), A::NextField)
        .hint("Tab")
        .bind(Main, key(K::BackTab), A::PreviousField),
        help(G::Move, "↓ ↑  j k", "next / previous field")
            .hint_line("↑↓")
            .bind(Main, key(K::Down), A::FieldBelow)
            .bind(Main, ch('j'), A::FieldBelow)
            .bind(Main, key(K::Up), A::FieldAbove)
            .bind(Main, ch('k'), A::FieldAbove),
        // ---- Change the focused field
        help(
            G::Change,
            "→ ←  + −  l h  =",
            "nudge up / down: 1 (dollars $10,000; assumptions 0.1); = is +",
        )
        .hint_line("←→")
        .bind(Main, key(K::Right), A::Nudge(Dir::Up, Step::Normal))
        .bind(Main, key(K::Left), A::Nudge(Dir::Down, Step::Normal))
        .bind(Main, ch('+'), A::Nudge(Dir::Up, Step::Normal))
        .bind(Main, ch('-'), A::Nudge(Dir::Down, Step::Normal))
        .bind(Main, ch('l'), A::Nudge(Dir::Up, Step::Normal))
        .bind(Main, ch('h'), A::Nudge(Dir::Down, Step::Normal))
        .bind(Main, ch('='), A::Nudge(Dir::Up, Step::Normal)),
        help(
            G::Change,
            "] [  PgUp PgDn  Shift-→ ←",
            "big step: 10 (dollars $100,000; assumptions 1; years 1)",
        )
        .hint_line("[ ]")
        .bind(Main, ch(']'), A::Nudge(Dir::Up, Step::Big))
        .bind(Main, ch('['), A::Nudge(Dir::Down, Step::Big))
        .bind(Main, key(K::PageUp), A::Nudge(Dir::Up, Step::Big))
        .bind(Main, key(K::PageDown), A::Nudge(Dir::Down, Step::Big))
        .bind(Main, with(K::Right, shift), A::Nudge(Dir::Up, Step::Big))
        .bind(Main, with(K::Left, shift), A::Nudge(Dir::Down, Step::Big)),
        help(
            G::Change,
            "> <  Ctrl-→ ←  Alt-→ ←",
            "fine step: 0.1 (dollars $1,000; assumptions 0.01; years 1)",
        )
        .hint_line("< >")
        .bind(Main, ch('>'), A::Nudge(Dir::Up, Step::Fine))
        .bind(Main, ch('<'), A::Nudge(Dir::Down, Step::Fine))
        .bind(
            Main,
            with(K::Right, ctrl_mod),
            A::Nudge(Dir::Up, Step::Fine),
        )
        .bind(
            Main,
            with(K::Left, ctrl_mod),
            A::Nudge(Dir::Down, Step::Fine),
        )
        .bind(Main, with(K::Right, alt), A::Nudge(Dir::Up, Step::Fine))
        .bind(Main, with(K::Left, alt), A::Nudge(Dir::Down, Step::Fine)),
        help(
            G::Change,
            "Home / End",
            "minimum / maximum (first / last option)",
        )
        .bind(Main, key(K::Home), A::ToLimit(Dir::Down))
        .bind(Main, key(K::End), A::ToLimit(Dir::Up)),
        help(
            G::Change,
            "0-9 .  Backspace",
            "type a value; the result follows every digit",
        )
        .bind_char(Main, Keys::Digits, A::StartTyping)
        .hint("0-9")
        .bind(Main, key(K::Backspace), A::EditValue)
        .bind_char(Typing, Keys::Number, A::Insert)
        .hint("0-9 .")
        .bind(Typing, key(K::Backspace), A::DeleteChar)
        .hint("Backspace")
        .bind_char(SensitivityTyping, Keys::Digits, A::Insert)
        .hint("0-9 .")
        .bind(SensitivityTyping, key(K::Backspace), A::DeleteChar)
        .hint("Backspace"),
        help(
            G::Change,
            "Enter / Esc",
            "keep / cancel the typed value (Enter on an option or yes/no: as Space)",
        )
        .bind(Main, key(K::Enter), A::EnterValue)
        .bind(Typing, key(K::Enter), A::Keep)
        .hint("Enter")
        .bind(Typing, key(K::Esc), A::Cancel)
        .hint("Esc"),
        help(
            G::Change,
            "Space",
            "toggle: score / not score a category, yes / no, next option, reset an assumption",
        )
        .bind(Main, ch(' '), A::Toggle),
        help(
            G::Change,
            "Ctrl-U",
            "clear the typed value (and a file name)",
        )
        .bind(Typing, ctrl('u'), A::ClearText)
        .bind(SensitivityTyping, ctrl('u'), A::ClearText)
        .bind(NamePrompt, ctrl('u'), A::ClearText)
        .bind(OpenPicker, ctrl('u'), A::ClearText),
        help(
            G::Change,
            "u / Ctrl-R",
            "undo / redo (a run of nudges is one step)",
        )
        .bind(Main, ch('u'), A::Undo)
        .hint("u")
        .bind(Main, ctrl('r'), A::Redo),
        // ---- Compare and explain
        help(
            G::Explain,
            "b",
            "pin the current state as the baseline (results show deltas)",
        )
        .bind(Main, ch('b'), A::PinBaseline),
        help(G::Explain, "B", "go back to the baseline").bind(Main, ch('B'), A::BackToBaseline),
        help(G::Explain, "x", "drop the baseline").bind(Main, ch('x'), A::DropBaseline),
        help(
            G::Explain,
            "g / G",
            "chart comparison group: all, small, solo, rural / reporting status",
        )
        .bind(Main, ch('g'), A::NextChartGroup)
        .hint("g")
        .bind(Main, ch('G'), A::NextChartStatus),
        help(
            G::Explain,
            "t",
            "show or hide the rule trace (why the number is what it is)",
        )
        .bind(Main, ch('t'), A::ToggleTrace),
        views,
        help(
            G::Explain,
            "a",
            "pin the current state as a Compare column (4 columns at most)",
        )
        .bind(Main, ch('a'), A::PinColumn),
        help(G::Explain, "A", "add a scenario file as a Compare column").bind(
            Main,
            ch('A'),
            A::AddColumnFile,
        ),
        help(G::Explain, "c", "clear the pinned Compare columns").bind(
            Main,
            ch('c'),
            A::ClearColumns,
        ),
        // ---- Teach and present
        help(
            G::Teach,
            "n / N",
            "in the walkthrough view: next / previous step of the computation",
        )
        .bind(InView(View::Walkthrough), ch('n'), A::NextStep)
        .hint("n/N")
        .bind(InView(View::Walkthrough), ch('N'), A::PreviousStep),
        help(
            G::Teach,
            "P",
            "presentation mode on / off: large type, no inputs",
        )
        .bind(Main, ch('P'), A::TogglePresentation),
        help(
            G::Teach,
            "Esc",
            "in presentation mode: leave it (←→ [ ] < > Space still nudge)",
        )
        .bind(
            InView(View::Presentation),
            key(K::Esc),
            A::LeavePresentation,
        ),
        // ---- Sensitivity view
        KeyLine {
            note: true,
            ..help(
                G::Sensitivity,
                "Tab ↑ ↓",
                "chart the focused category (Cost when the focus is not on a score)",
            )
        },
        help(
            G::Sensitivity,
            "T",
            "type the target final score for points needed",
        )
        .bind(
            InView(View::Sensitivity),
            ch('T'),
            A::TypeSensitivity(SensField::Target),
        ),
        help(
            G::Sensitivity,
            "m / M",
            "type the lowest / highest maximum at 100 for the range",
        )
        .hint_line("m M")
        .bind(
            InView(View::Sensitivity),
            ch('m'),
            A::TypeSensitivity(SensField::MaxLow),
        )
        .bind(
            InView(View::Sensitivity),
            ch('M'),
            A::TypeSensitivity(SensField::MaxHigh),
        ),
        help(
            G::Sensitivity,
            "Enter Tab / Esc",
            "keep / cancel the typed target or maximum",
        )
        .bind(SensitivityTyping, key(K::Enter), A::Keep)
        .hint("Enter")
        .bind(SensitivityTyping, key(K::Tab), A::Keep)
        .bind(SensitivityTyping, key(K::Esc), A::Cancel)
        .hint("Esc"),
        // ---- Files
        help(
            G::Files,
            "s  Ctrl-S",
            "save the scenario (asks for a file name)",
        )
        .bind(Main, ch('s'), A::Save)
        .hint("s")
        .bind(Main, ctrl('s'), A::Save),
        help(
            G::Files,
            "o  Ctrl-O",
            "open a scenario from scenarios/ or a typed path",
        )
        .bind(Main, ch('o'), A::Open)
        .hint("o")
        .bind(Main, ctrl('o'), A::Open),
        help(
            G::Files,
            "e",
            "export a client report of the Compare columns (.html or .md)",
        )
        .bind(Main, ch('e'), A::Export),
        // ---- Screen
        help(G::Screen, "?", "this help (Esc or ? closes it)").bind(Main, ch('?'), A::ShowHelp),
        help(G::Screen, "q  Esc", "quit (when not typing a value)")
            .bind(Main, ch('q'), A::Quit)
            .hint("q")
            .bind(Main, key(K::Esc), A::Quit),
        help(G::Screen, "Ctrl-C", "quit at once").bind(Anywhere, ctrl('c'), A::QuitNow),
        KeyLine {
            note: true,
            ..help(
                G::Screen,
                "mouse (--mouse)",
                "click a field to focus it; scroll over a field to nudge it",
            )
        },
        // ---- The help overlay
        dialog("↓ ↑  j k", "scroll the help")
            .hint_line("↑↓")
            .bind(Help, key(K::Down), A::ScrollDown)
            .bind(Help, ch('j'), A::ScrollDown)
            .bind(Help, key(K::Up), A::ScrollUp)
            .bind(Help, ch('k'), A::ScrollUp),
        dialog("PgDn Space / PgUp", "scroll a page down / up")
            .bind(Help, key(K::PageDown), A::PageDown)
            .bind(Help, ch(' '), A::PageDown)
            .bind(Help, key(K::PageUp), A::PageUp),
        dialog("Home", "back to the top").bind(Help, key(K::Home), A::ScrollTop),
        dialog("Esc ? q Enter", "close the help")
            .hint_line("Esc/?")
            .bind(Help, key(K::Esc), A::Close)
            .bind(Help, ch('?'), A::Close)
            .bind(Help, ch('q'), A::Close)
            .bind(Help, key(K::Enter), A::Close),
        // ---- File names, the open picker, the replace question, a file's error
        dialog("Enter / Esc", "save or write the report / cancel")
            .bind(NamePrompt, key(K::Enter), A::Keep)
            .hint("Enter")
            .bind(NamePrompt, key(K::Esc), A::Cancel)
            .hint("Esc")
            .bind(OpenPicker, key(K::Enter), A::Keep)
            .hint("Enter")
            .bind(OpenPicker, key(K::Esc), A::Cancel)
            .hint("Esc"),
        dialog("Backspace  type", "delete a character / type one")
            .bind(NamePrompt, key(K::Backspace), A::DeleteChar)
            .hint("Backspace")
            .bind_char(NamePrompt, Keys::Printable, A::Insert)
            .hint("type")
            .bind(OpenPicker, key(K::Backspace), A::DeleteChar)
            .hint("Backspace")
            .bind_char(OpenPicker, Keys::Printable, A::Insert)
            .hint("type"),
        dialog("↓ ↑  Tab Shift-Tab", "choose a file")
            .hint_line("↑↓")
            .bind(OpenPicker, key(K::Down), A::SelectNext)
            .bind(OpenPicker, key(K::Tab), A::SelectNext)
            .bind(OpenPicker, key(K::Up), A::SelectPrevious)
            .bind(OpenPicker, key(K::BackTab), A::SelectPrevious),
        dialog("y / n  Esc", "replace the file / choose another name")
            .bind(Replace, Keys::Letter('y'), A::Replace)
            .hint("y")
            .bind(Replace, Keys::Letter('n'), A::KeepFile)
            .hint("n/Esc")
            .bind(Replace, key(K::Esc), A::KeepFile),
        dialog("Enter Esc  q Space", "close the message")
            .hint_line("Enter/Esc")
            .bind(FileError, key(K::Enter), A::Close)
            .bind(FileError, key(K::Esc), A::Close)
            .bind(FileError, ch('q'), A::Close)
            .bind(FileError, ch(' '), A::Close),
    ]
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
        for token in part.split(' ').filter(|t| !t.is_empty() && *t != "/") {
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
#[path = "keymap_tests.rs"]
mod tests;
