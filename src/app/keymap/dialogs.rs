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
        dialog("Home / End", "the top / the end")
            .bind(Help, key(K::Home), A::ScrollTop)
            .bind(Help, key(K::End), A::ScrollBottom),
        dialog(
            "/",
            "search the keys (Enter keeps the search, Esc clears it)",
        )
        .hint("/")
        .bind(Help, ch('/'), A::JumpToField),
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
        dialog("↓ ↑  Shift-Tab", "choose a file")
            .hint_line("↑↓")
            .bind(OpenPicker, key(K::Down), A::SelectNext)
            .bind(OpenPicker, key(K::Up), A::SelectPrevious)
            .bind(OpenPicker, key(K::BackTab), A::SelectPrevious),
        dialog(
            "PgDn PgUp  Home End",
            "a page down / up, the first / last file",
        )
        .bind(OpenPicker, key(K::PageDown), A::PageDown)
        .bind(OpenPicker, key(K::PageUp), A::PageUp)
        .bind(OpenPicker, key(K::Home), A::ScrollTop)
        .bind(OpenPicker, key(K::End), A::ScrollBottom),
        dialog(
            "Tab",
            "complete the typed path (the next file when nothing is typed)",
        )
        .hint("Tab")
        .bind(OpenPicker, key(K::Tab), A::Complete)
        .bind(NamePrompt, key(K::Tab), A::Complete),
        dialog("y / n  Esc", "replace the file / choose another name")
            .bind(Replace, Keys::Letter('y'), A::Replace)
            .hint("y")
            .bind(Replace, Keys::Letter('n'), A::KeepFile)
            .hint("n/Esc")
            .bind(Replace, key(K::Esc), A::KeepFile),
        dialog("s / d  Esc", "quit: save first / discard the work / stay")
            .bind(QuitGuard, Keys::Letter('s'), A::SaveAndQuit)
            .hint("s")
            .bind(QuitGuard, Keys::Letter('d'), A::DiscardAndQuit)
            .hint("d")
            .bind(QuitGuard, key(K::Esc), A::Cancel)
            .hint("Esc"),
        dialog("y Enter / n  Esc", "answer the question / decide later")
            .bind(Question, Keys::Letter('y'), A::Confirm)
            .hint("y")
            .bind(Question, key(K::Enter), A::Confirm)
            .bind(Question, Keys::Letter('n'), A::Decline)
            .hint("n")
            .bind(Question, key(K::Esc), A::Cancel)
            .hint("Esc"),
        dialog("Enter Esc  q Space", "close the message")
            .hint_line("Enter/Esc")
            .bind(FileError, key(K::Enter), A::Close)
            .bind(FileError, key(K::Esc), A::Close)
            .bind(FileError, ch('q'), A::Close)
            .bind(FileError, ch(' '), A::Close),
    ]
}
