//! The keys of the dialogs, in the one table: see [`super::table`].

use ratatui::crossterm::event::KeyCode;

use super::table::{ch, key};
use super::{KeyLine, Keys, Mode};
use crate::app::action::Action;

fn dialog(label: &'static str, text: &'static str) -> KeyLine {
    KeyLine::new(None, label, text)
}

/// The keys of what is drawn over the main screen: the help, the file prompts, the open
/// picker, the replace question and a file's error (shown on the dialog and its status bar).
pub(super) fn lines() -> Vec<KeyLine> {
    use Action as A;
    use KeyCode as K;
    use Mode::*;
    vec![
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
