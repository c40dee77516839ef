//! The loop's vocabulary: what can happen ([`Msg`]), the file work the state asks for
//! ([`Effect`]), and the transient status message.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use super::field::Field;
use super::prompts::Purpose;
use crate::diagnostic::Diagnostic;
use crate::files::SaveError;
use crate::scenario::Scenario;

/// Something that happened: the only way state changes.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    /// A click on a field (mouse mode).
    Click(Field),
    /// The wheel turned over a field (or elsewhere: then the focused field).
    Scroll {
        field: Option<Field>,
        up: bool,
    },
    Resize(u16, u16),
    /// The outcome of [`Effect::Write`], with what was written (kept to write it again if
    /// the user agrees to replace the file).
    Written {
        purpose: Purpose,
        result: Result<PathBuf, SaveError>,
        contents: String,
    },
    /// The outcome of [`Effect::Open`].
    Opened {
        path: PathBuf,
        result: Result<Scenario, Diagnostic>,
    },
    /// The outcome of [`Effect::ListScenarios`]: paths of scenario files, or why none.
    Listed(Result<Vec<String>, String>),
    /// The outcome of [`Effect::Open`] on a workspace file, with the current column's file
    /// as it is on disk (for the "modified" mark).
    WorkspaceOpened {
        path: PathBuf,
        result: Result<Box<crate::workspace::Opened>, Diagnostic>,
        on_disk: Option<Scenario>,
    },
    /// Text pasted into the terminal (bracketed paste): never a command.
    Paste(String),
    /// Ctrl-Z could not suspend (why).
    Suspended(Result<(), String>),
    /// The outcome of [`Effect::Describe`].
    Described(Vec<super::prompts::Described>),
    /// The outcome of [`Effect::Complete`].
    Completed(crate::completion::Completion),
    /// The outcome of [`Effect::ReadNotes`]: a scenario file's teaching notes (None when it
    /// has none or cannot be read).
    Notes {
        path: PathBuf,
        notes: Option<String>,
    },
    /// The outcome of [`Effect::Open`] on a roster (.csv, .xlsx) or of [`Effect::OpenRoster`]:
    /// read and scored.
    RosterOpened {
        path: PathBuf,
        result: Result<Box<crate::roster::table::Roster>, Diagnostic>,
    },
    /// The outcome of [`Effect::SaveRoster`]: what was written, and the saved file's stamp
    /// when it replaced the roster's own file.
    RosterSaved {
        result: Result<PathBuf, SaveError>,
        saved: Option<crate::roster::table::Saved>,
        over_its_file: Option<crate::files::FileStamp>,
    },
}

/// File work for the runner; its outcome comes back as a [`Msg`].
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Write a file whole or not at all: the scenario (save) or a client report (export).
    Write {
        purpose: Purpose,
        path: PathBuf,
        contents: String,
        overwrite: bool,
    },
    Open(PathBuf),
    ListScenarios,
    /// Remove an earlier session's recovery file (restored or discarded).
    ForgetRecovery(PathBuf),
    /// Read what the listed files hold, for the open picker.
    Describe(Vec<String>),
    /// Complete a typed path (Tab), offering folders and files with these extensions.
    Complete {
        text: String,
        extensions: Vec<&'static str>,
    },
    /// Read a scenario file's teaching notes (its header comment).
    ReadNotes(PathBuf),
    /// Read and score a roster (the outcome is [`Msg::RosterOpened`]), with the year given for
    /// rows without a year column: a roster restored from a recovery file.
    OpenRoster {
        path: PathBuf,
        performance_year: Option<u16>,
    },
    /// Save the roster as a file of `kind`, whole or not at all, with the other columns of
    /// the file it was read from read again from it; the outcome is [`Msg::RosterSaved`].
    SaveRoster {
        roster: std::sync::Arc<crate::roster::table::Roster>,
        path: PathBuf,
        kind: crate::roster::FileKind,
        overwrite: bool,
    },
}

/// How a status message reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// A transient message in the status bar (cleared by the next key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusMessage {
    pub text: String,
    pub level: Level,
}
