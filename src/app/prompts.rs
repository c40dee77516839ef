//! What is drawn over the main screen and takes the keys while open: the help, ONE file-name
//! prompt (to save the scenario or to export a report), the open picker, the question before
//! replacing a file, and a file's error. Each prompt handles its own keys and returns an
//! outcome; [`super::files`] turns outcomes into file work.

use std::path::PathBuf;

use super::action::Action;

/// Longest path accepted in the file prompts.
const MAX_PATH: usize = 1024;

/// What a file-name prompt is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Save the scenario (TOML).
    Save,
    /// Write a client report (HTML or Markdown).
    Export,
    /// Save the session as a workspace (TOML).
    Workspace,
    /// Name a Compare column: the index of the pinned column (a name, not a file).
    ColumnName(usize),
    /// Name the scenario (a name, not a file).
    ScenarioName,
    /// One of the report's details (a text, not a file).
    ReportDetail(DetailPart),
    /// A field's name to jump to (`/`).
    JumpToField,
    /// Save the open roster (CSV or XLSX).
    Roster,
    /// The performance year of a roster's rows, for a file with neither a year column nor a
    /// year in its name (such as CMS's public use file): from `first` to `last`.
    RosterYear { first: u16, last: u16 },
}

impl Purpose {
    /// The prompt asks for a name or a text, not a file.
    pub fn is_a_name(self) -> bool {
        matches!(
            self,
            Purpose::ColumnName(_)
                | Purpose::ScenarioName
                | Purpose::ReportDetail(_)
                | Purpose::JumpToField
                | Purpose::RosterYear { .. }
        )
    }
}

/// The report's details, asked one after the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetailPart {
    Title,
    Client,
    PreparedBy,
    Date,
    Note,
}

impl DetailPart {
    pub const ALL: [DetailPart; 5] = [
        DetailPart::Title,
        DetailPart::Client,
        DetailPart::PreparedBy,
        DetailPart::Date,
        DetailPart::Note,
    ];

    /// What the prompt asks.
    pub fn question(self) -> &'static str {
        match self {
            DetailPart::Title => "The report's title (empty: \"MIPS what-if report\"):",
            DetailPart::Client => "The client or practice it is for:",
            DetailPart::PreparedBy => "Prepared by:",
            DetailPart::Date => "The report's date as it should read (\"today\" puts today's):",
            DetailPart::Note => "A note or recommendation (shown after the summary):",
        }
    }

    /// "2 of 5".
    pub fn position(self) -> usize {
        DetailPart::ALL.iter().position(|p| *p == self).unwrap_or(0) + 1
    }

    pub fn next(self) -> Option<DetailPart> {
        DetailPart::ALL.get(self.position()).copied()
    }
}

/// A dialog or panel drawn over the main screen, taking the keys while it is open.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Overlay {
    #[default]
    None,
    Help {
        scroll: u16,
        /// Only the keys whose label or text contains this (empty: every key).
        search: String,
        /// The search is being typed (`/` starts it, Enter keeps it, Esc clears it).
        searching: bool,
    },
    /// A file name being typed.
    Name(NamePrompt),
    /// The file exists: replace it with `contents`?
    Replace {
        purpose: Purpose,
        path: PathBuf,
        contents: String,
    },
    Open(OpenPicker),
    /// A file that could not be opened: the full diagnostic.
    FileError {
        path: String,
        text: String,
    },
    /// Quit with unsaved work: save, discard or stay (what is unsaved, in words).
    QuitGuard {
        unsaved: Vec<String>,
    },
    /// A yes / no question.
    Question(Question),
}

/// What a yes / no question is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuestionKind {
    /// Clear the pinned Compare columns?
    ClearColumns,
    /// Restore the session an earlier run left?
    Restore,
}

/// A yes / no question: its title and lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    pub kind: QuestionKind,
    pub title: String,
    pub lines: Vec<String>,
    /// What y, n and Esc do, in words.
    pub yes: String,
    pub no: String,
    pub later: String,
}

/// A file name being typed, for a purpose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamePrompt {
    pub purpose: Purpose,
    pub input: String,
    pub error: Option<String>,
    /// The files Tab could complete the typed path to, when more than one.
    pub choices: Vec<String>,
}

/// What an action did to a prompt.
#[derive(Debug, PartialEq, Eq)]
pub enum PromptOutcome {
    /// Esc: leave the prompt.
    Cancel,
    /// Enter on a name (trimmed, not empty) or a file to open.
    Submit(String),
    /// The text was edited, or the action did nothing.
    Editing,
}

/// Type, delete, clear: the editing every prompt shares.
fn edit_text(text: &mut String, action: Action) -> bool {
    match action {
        Action::ClearText => text.clear(),
        Action::DeleteChar => {
            text.pop();
        }
        Action::Insert(c) if text.len() < MAX_PATH => text.push(c),
        _ => return false,
    }
    true
}

impl NamePrompt {
    pub fn new(purpose: Purpose, input: String) -> NamePrompt {
        NamePrompt {
            purpose,
            input,
            error: None,
            choices: Vec::new(),
        }
    }

    /// Type, Backspace, Ctrl-U, Esc, Enter (an empty name is refused in place).
    pub fn act(&mut self, action: Action) -> PromptOutcome {
        match action {
            Action::Cancel => return PromptOutcome::Cancel,
            Action::Keep => {
                let typed = self.input.trim().to_string();
                if typed.is_empty() {
                    self.error = Some("Type a file name".into());
                } else {
                    return PromptOutcome::Submit(typed);
                }
            }
            other => {
                edit_text(&mut self.input, other);
            }
        }
        PromptOutcome::Editing
    }
}

/// What the picker shows about a file: its summary line and a preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Described {
    pub path: String,
    /// "Small practice, PI not reported · PY2024 · 83.50".
    pub summary: String,
    /// The file's leading comment, for the preview of the selected file.
    pub preview: Vec<String>,
}

/// Rows a page of the picker moves.
const PICKER_PAGE: usize = 10;

/// The open picker: scenario files to pick from, and a path or filter being typed.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct OpenPicker {
    pub input: String,
    /// Every file found in `scenarios/`.
    pub entries: Vec<String>,
    /// What each file holds (filled in when read).
    pub described: Vec<Described>,
    /// The files Tab could complete the typed path to, when more than one.
    pub choices: Vec<String>,
    /// Index into the entries that match the typed text.
    pub selected: usize,
    /// Why the list is empty, if it is.
    pub note: Option<String>,
    /// The highlighted file's teaching notes (its header comment), once read: (path, notes).
    pub preview: Option<(String, Option<String>)>,
}

impl OpenPicker {
    /// What is known about a listed file.
    pub fn described(&self, path: &str) -> Option<&Described> {
        self.described.iter().find(|d| d.path == path)
    }

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

    /// Choose, type a filter or a path, Enter opens, Esc cancels.
    pub fn act(&mut self, action: Action) -> PromptOutcome {
        let count = self.matches().len();
        let last = count.saturating_sub(1);
        match action {
            Action::Cancel => return PromptOutcome::Cancel,
            Action::SelectNext if count > 0 => self.selected = (self.selected + 1).min(last),
            Action::Complete if count > 0 => {
                self.selected = (self.selected + 1) % count;
            }
            Action::SelectPrevious => self.selected = self.selected.saturating_sub(1),
            Action::PageDown => self.selected = (self.selected + PICKER_PAGE).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(PICKER_PAGE),
            Action::ScrollTop => self.selected = 0,
            Action::ScrollBottom => self.selected = last,
            Action::Keep => match self.target() {
                Some(t) => return PromptOutcome::Submit(t),
                None => self.note = Some("Type a path to a scenario file".into()),
            },
            other => {
                if edit_text(&mut self.input, other) {
                    self.selected = 0;
                }
            }
        }
        PromptOutcome::Editing
    }
}

/// The help's scroll position after an action; None closes the help.
pub fn scroll_help(scroll: u16, action: Action) -> Option<u16> {
    Some(match action {
        Action::ScrollDown => scroll.saturating_add(1),
        Action::ScrollUp => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(10),
        Action::PageUp => scroll.saturating_sub(10),
        Action::ScrollTop => 0,
        Action::ScrollBottom => u16::MAX,
        Action::Close => return None,
        _ => scroll,
    })
}
