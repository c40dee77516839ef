//! What `compare` and `report` compare: scenario files, or one workspace file (its columns
//! with their names, the baseline first, its report details and band of maxima).

use std::path::PathBuf;

use super::{EXIT_BAD_INPUT, load_entries, report};
use crate::compare::Entry;
use crate::rules::RuleSet;
use crate::workspace::{Workspace, is_workspace_file};

/// The scenarios to compare, and the workspace they came from, if one.
pub(crate) struct Inputs {
    pub entries: Vec<Entry>,
    pub workspace: Option<Workspace>,
    /// Every scenario file read (the workspace's included), for "do not overwrite an input".
    pub files: Vec<PathBuf>,
}

/// Read the command line's files: one workspace, or scenario files. Bad input is reported
/// on stderr and gives `Err(exit code)`. A workspace's notes (a scenario file changed or
/// vanished while the workspace keeps a copy) go to stderr as notes.
pub(crate) fn load(files: &[PathBuf], rules: &RuleSet) -> Result<Inputs, u8> {
    let workspaces: Vec<&PathBuf> = files.iter().filter(|f| is_workspace_file(f)).collect();
    match (workspaces.as_slice(), files.len()) {
        ([], _) => {
            let entries = load_entries(files, rules).ok_or(EXIT_BAD_INPUT)?;
            Ok(Inputs {
                entries,
                workspace: None,
                files: files.to_vec(),
            })
        }
        ([ws], 1) => {
            let opened = crate::workspace::open(ws, rules).map_err(|d| {
                report(&d);
                EXIT_BAD_INPUT
            })?;
            for note in &opened.notes {
                eprintln!("note: {}: {note}", ws.display());
            }
            if !opened.dropped.is_empty() {
                for d in &opened.dropped {
                    report(d);
                }
                return Err(EXIT_BAD_INPUT);
            }
            let w = opened.workspace;
            let mut read: Vec<PathBuf> = w.columns.iter().filter_map(|c| c.file.clone()).collect();
            read.push((*ws).clone());
            Ok(Inputs {
                entries: w.comparison_entries(),
                workspace: Some(w),
                files: read,
            })
        }
        ([ws, ..], _) => {
            eprintln!(
                "error: {} is a workspace: give it on its own, without other files\n  = allowed: one workspace file, or 1 to 4 scenario files",
                ws.display()
            );
            Err(EXIT_BAD_INPUT)
        }
    }
}
