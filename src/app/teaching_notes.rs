//! Teaching notes: a scenario file's header comment (what it teaches, what to expect), read
//! when the file is opened (shown on the walkthrough's first step) and for the file the open
//! picker highlights (shown under the list).

use std::path::PathBuf;

use super::App;
use super::msg::Effect;
use super::prompts::Overlay;

impl App {
    /// The file being opened goes to a Compare column, not to the scenario.
    pub(super) fn adding_compare_column(&self) -> bool {
        self.compare.opening_column
    }

    /// Read the notes of the file the open picker highlights, unless they are shown already.
    pub(super) fn preview_effect(&self) -> Vec<Effect> {
        let Overlay::Open(picker) = &self.overlay else {
            return Vec::new();
        };
        let Some(target) = picker.target() else {
            return Vec::new();
        };
        let shown = picker.preview.as_ref().is_some_and(|(p, _)| *p == target);
        // A roster has no teaching notes (and may be large): not read for a preview.
        if shown
            || !picker.entries.contains(&target)
            || crate::roster::is_roster_path(std::path::Path::new(&target))
        {
            return Vec::new();
        }
        vec![Effect::ReadNotes(PathBuf::from(target))]
    }

    /// A file's notes arrived: for the picker's highlighted file, or for the scenario's file.
    pub(super) fn on_notes(&mut self, path: PathBuf, notes: Option<String>) {
        let shown = path.display().to_string();
        if let Overlay::Open(picker) = &mut self.overlay
            && picker.target().as_deref() == Some(shown.as_str())
        {
            picker.preview = Some((shown, notes.clone()));
        }
        if self.file.as_ref() == Some(&path) {
            self.notes = notes;
        }
    }
}
