//! The Roster view inside the explorer: opening a roster, its keys, a row opened as the
//! scenario and its edits written back, saving.

use super::order::next_band;
use super::*;

impl App {
    /// Open a roster (read and scored) in the Roster view.
    pub fn open_roster(&mut self, roster: Roster) {
        let scored = roster.scored().count();
        let bad = roster.bad_rows();
        let file = roster.file.display().to_string();
        self.roster = Some(Box::new(RosterView::new(roster)));
        self.view = View::Roster;
        self.overlay = Overlay::None;
        self.info(format!(
            "Opened roster {file}: {scored} row{} scored{}",
            if scored == 1 { "" } else { "s" },
            if bad > 0 {
                format!(", {bad} bad (shown with their reasons)")
            } else {
                String::new()
            }
        ));
    }

    /// The outcome of opening a roster from the open dialog.
    pub(in crate::app) fn on_roster_opened(
        &mut self,
        path: PathBuf,
        result: Result<Roster, Diagnostic>,
    ) {
        let mut result = Some(result);
        if self.on_roster_restored(&path, &mut result) {
            return;
        }
        let Some(result) = result else { return };
        if self.adding_compare_column() {
            self.cancel_compare_file();
            self.overlay = Overlay::None;
            self.error(format!(
                "{} is a roster, not a scenario: a Compare column is a scenario file (.toml); o opens a roster",
                path.display()
            ));
            return;
        }
        let year_asked = self.session.roster_year_for.as_deref() == Some(path.as_path());
        if year_asked {
            self.session.roster_year_for = None;
        }
        match result {
            Ok(r) => {
                if self.roster.as_ref().is_some_and(|v| v.unsaved) {
                    // The earlier roster's edits: not silently lost.
                    self.warn("Another roster is open with unsaved edits: save it (s in the Roster view) before opening another");
                    self.overlay = Overlay::None;
                    return;
                }
                self.open_roster(r)
            }
            Err(d) if crate::roster::needs_a_year(&d) => {
                if self.roster.as_ref().is_some_and(|v| v.unsaved) {
                    self.warn("Another roster is open with unsaved edits: save it (s in the Roster view) before opening another");
                    self.overlay = Overlay::None;
                    return;
                }
                // CMS's public use file has one file per year and no year column: ask.
                let (first, last) = self.years;
                self.session.roster_year_for = Some(path);
                self.overlay = Overlay::Name(NamePrompt::new(
                    Purpose::RosterYear { first, last },
                    String::new(),
                ));
            }
            Err(d) if year_asked && d.field.as_deref() == Some("performance_year") => {
                // The year typed does not fit the file's columns: asked again, saying why.
                let (first, last) = self.years;
                let why = d.message.replace(" (--performance-year)", "");
                let mut prompt =
                    NamePrompt::new(Purpose::RosterYear { first, last }, String::new());
                prompt.error = Some(match &d.help {
                    Some(h) if !h.is_empty() => format!("{why}: {h}"),
                    _ => why,
                });
                self.session.roster_year_for = Some(path);
                self.overlay = Overlay::Name(prompt);
                self.warn("Not opened yet: type another year, or Esc");
            }
            Err(d) => {
                self.overlay = Overlay::FileError {
                    path: path.display().to_string(),
                    text: d.to_string(),
                };
                self.error(format!("Not opened, nothing changed: {}", d.one_line()));
            }
        }
    }

    /// The year typed for a roster whose file gives none: open it with that year.
    pub(in crate::app) fn roster_year_submitted(
        &mut self,
        typed: &str,
        first: u16,
        last: u16,
    ) -> Vec<Effect> {
        let year = typed
            .trim()
            .trim_start_matches(['P', 'p'])
            .trim_start_matches(['Y', 'y'])
            .parse::<u16>()
            .ok()
            .filter(|y| (first..=last).contains(y));
        let Some(year) = year else {
            if let Overlay::Name(p) = &mut self.overlay {
                p.error = Some(format!(
                    "“{typed}” is not a performance year: a year from {first} to {last}"
                ));
            }
            return Vec::new();
        };
        // Kept until the file is read: a year its columns refuse is asked again.
        let Some(path) = self.session.roster_year_for.clone() else {
            self.overlay = Overlay::None;
            return Vec::new();
        };
        self.overlay = Overlay::None;
        self.info(format!("Opening {} as PY{year}…", path.display()));
        vec![Effect::OpenRoster {
            path,
            performance_year: Some(year),
        }]
    }

    /// The roster whose year is being asked.
    pub fn roster_year_file(&self) -> Option<&std::path::Path> {
        self.session.roster_year_for.as_deref()
    }

    /// What the quit question lists for the roster.
    pub fn roster_unsaved(&self) -> Option<String> {
        let v = self.roster.as_ref().filter(|v| v.unsaved)?;
        let n = v.changed_rows;
        Some(format!(
            "{n} edited row{} of the roster {} not saved",
            if n == 1 { "" } else { "s" },
            v.roster.file.display()
        ))
    }

    /// Is the roster's line being typed?
    pub fn roster_typing(&self) -> Option<RosterTyping> {
        self.roster.as_ref().and_then(|v| v.typing)
    }

    /// What-if rows still to work out.
    pub fn roster_work_pending(&self) -> bool {
        self.roster
            .as_ref()
            .is_some_and(|v| v.what_if.is_active() && !v.what_if.complete())
    }

    /// Work the what-if out for `budget` (None: to the end).
    pub fn roster_work(&mut self, budget: Option<Duration>) {
        let rules = &self.rules;
        if let Some(v) = self.roster.as_mut() {
            v.work(budget, rules);
        }
    }

    /// After every message: write an opened row's edits back to the roster.
    pub(in crate::app) fn refresh_roster(&mut self) {
        let Some(v) = self.roster.as_mut() else {
            return;
        };
        // The table's height (the body: the screen less the title and status lines).
        v.page = layout_of(self.size.0, self.size.1.saturating_sub(2)).rows;
        v.scroll_to_selection(v.page);
        let Some(i) = v.editing else { return };
        // Another file opened as the scenario: the row is no longer what is edited.
        if self.file.is_some() || self.lesson.is_some() {
            v.editing = None;
            return;
        }
        let Some(Entry::Scored(row)) = std::sync::Arc::make_mut(&mut v.roster).entries.get_mut(i)
        else {
            v.editing = None;
            return;
        };
        if row.read.scenario == self.scenario {
            return;
        }
        v.orders = [None, None, None];
        let was_changed = row.changed;
        row.rescore(self.scenario.clone(), &self.rules);
        v.changed_rows += usize::from(!was_changed);
        let key = RowKey::of(&v.roster.entries[i]);
        v.keys[i] = key;
        v.unsaved = true;
        // The result and the "modified" mark follow the row, not a file.
        self.saved = self.scenario.clone();
        v.retotal();
        if v.what_if.is_active() {
            // The totals are sums over every row: counted again from the start.
            v.restart_what_if();
        }
    }

    fn no_roster(&mut self) {
        self.info("No roster open: o opens one (type a .csv or .xlsx path), or start with `mips-whatif roster.csv`");
    }

    /// An action of the main screen while the Roster view is open; false: not the view's.
    pub(in crate::app) fn roster_act(&mut self, action: Action) -> bool {
        use Action as A;
        let handled = matches!(
            action,
            A::Roster(_)
                | A::SelectNext
                | A::SelectPrevious
                | A::PageDown
                | A::PageUp
                | A::ScrollTop
                | A::ScrollBottom
        );
        if !handled {
            return false;
        }
        let Some(v) = self.roster.as_mut() else {
            self.no_roster();
            return true;
        };
        let n = v.order.len();
        let last = n.saturating_sub(1);
        match action {
            A::SelectNext => v.selected = (v.selected + 1).min(last),
            A::SelectPrevious => v.selected = v.selected.saturating_sub(1),
            A::PageDown => v.selected = (v.selected + v.page.max(1)).min(last),
            A::PageUp => v.selected = v.selected.saturating_sub(v.page.max(1)),
            A::ScrollTop => v.selected = 0,
            A::ScrollBottom => v.selected = last,
            A::Roster(r) => return self.roster_key(r),
            _ => {}
        }
        if n == 0 {
            self.info("No row is shown: Esc clears the filters");
        }
        true
    }

    fn roster_key(&mut self, action: RosterAction) -> bool {
        let Some(v) = self.roster.as_mut() else {
            self.no_roster();
            return true;
        };
        match action {
            RosterAction::OpenRow => self.open_selected_row(),
            RosterAction::NextSort => {
                v.sort = v.sort.next();
                v.descending = false;
                v.resort();
                let text = format!("Sorted by {} (r reverses)", v.sort.label());
                self.info(text);
            }
            RosterAction::ReverseSort => {
                v.descending = !v.descending;
                v.resort();
                let text = format!(
                    "Sorted by {}, {}",
                    v.sort.label(),
                    if v.descending { "reversed" } else { "in order" }
                );
                self.info(text);
            }
            RosterAction::TypeFilter => v.typing = Some(RosterTyping::Filter),
            RosterAction::TypeWhatIf => v.typing = Some(RosterTyping::WhatIf),
            RosterAction::NextBand => {
                v.band = next_band(v.band);
                v.refilter();
                let text = format!(
                    "Band: {} ({} rows shown)",
                    v.band.map_or("every band", Band::label),
                    v.order.len()
                );
                self.info(text);
            }
            RosterAction::NextSize => {
                v.size = v.size.next();
                v.refilter();
                let text = format!("Size: {} ({} rows shown)", v.size.label(), v.order.len());
                self.info(text);
            }
            RosterAction::ClearFilters => {
                if v.filter.is_empty() && v.band.is_none() && v.size == SizeFilter::All {
                    self.info("No filter to clear: q quits, ? shows the keys");
                } else {
                    v.filter.clear();
                    v.band = None;
                    v.size = SizeFilter::All;
                    v.refilter();
                    self.info("Filters cleared: every row shown");
                }
            }
            RosterAction::Save => self.open_roster_save_prompt(),
        }
        true
    }

    /// Enter: the selected row becomes the current scenario.
    fn open_selected_row(&mut self) {
        let Some(v) = self.roster.as_mut() else {
            return;
        };
        let Some(i) = v.selected_entry() else {
            self.info("No row is shown: Esc clears the filters");
            return;
        };
        let entry = &v.roster.entries[i];
        let Entry::Scored(row) = entry else {
            let text = format!(
                "Row {} cannot be opened: {}",
                entry.row(),
                entry.reason().unwrap_or_default()
            );
            self.warn(text);
            return;
        };
        if v.editing.is_none() && self.scenario != self.saved {
            // The scenario being explored would be replaced: its changes are not lost unasked.
            self.warn("The current scenario has unsaved changes: save them (s) or undo them (u) before opening a row");
            return;
        }
        let scenario = row.read.scenario.clone();
        let label = format!("row {} ({})", row.read.row, row.name());
        v.editing = Some(i);
        // Undo stays within the row: it cannot go back to another scenario and write that
        // into the row.
        self.history = History::default();
        self.file = None;
        self.edit = None;
        self.saved = scenario.clone();
        self.set_scenario(scenario);
        self.view = View::Results;
        self.info(format!(
            "Editing {label}: its edits go back to the roster (R returns to the Roster view)"
        ));
    }

    /// `s` in the Roster view: ask where to save the roster.
    pub(in crate::app) fn open_roster_save_prompt(&mut self) {
        let Some(v) = &self.roster else {
            self.no_roster();
            return;
        };
        let path = v.saved_to.clone().unwrap_or_else(|| v.roster.file.clone());
        self.overlay = Overlay::Name(NamePrompt::new(Purpose::Roster, path.display().to_string()));
    }

    /// The save of the roster as a file of `path`'s kind, or why it cannot be written.
    pub(in crate::app) fn roster_save(
        &self,
        path: &std::path::Path,
        overwrite: bool,
    ) -> Result<Effect, String> {
        let v = self.roster.as_ref().ok_or("no roster is open")?;
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let kind = match ext.as_str() {
            "csv" => FileKind::Csv,
            "xlsx" => FileKind::Xlsx,
            _ => return Err("end the name with .csv or .xlsx".into()),
        };
        Ok(Effect::SaveRoster {
            roster: v.roster.clone(),
            path: path.to_path_buf(),
            kind,
            overwrite,
        })
    }

    /// The outcome of a save of the roster.
    pub(in crate::app) fn on_roster_saved(
        &mut self,
        result: Result<PathBuf, crate::files::SaveError>,
        saved: Option<Saved>,
        over_its_file: Option<crate::files::FileStamp>,
    ) {
        if let (Ok(_), Some(v)) = (&result, self.roster.as_mut()) {
            if let Some(s) = &saved
                && over_its_file.is_some()
            {
                // The file it reads its other columns from next time is the one just saved.
                std::sync::Arc::make_mut(&mut v.roster).saved_over_its_file(s, over_its_file);
            }
            v.last_save = saved;
        }
        self.on_written(Purpose::Roster, result, String::new());
    }

    /// The roster was written to `full` (typed as `shown`).
    pub(in crate::app) fn roster_written(&mut self, shown: PathBuf, full: &std::path::Path) {
        let Some(v) = self.roster.as_mut() else {
            return;
        };
        v.unsaved = false;
        v.saved_to = Some(shown);
        let (rows, bad) = (v.scored_rows, v.bad_rows);
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let others = v.last_save.take().map(|s| s.other_columns);
        let (kept, left_out) = match &others {
            Some(OtherColumns::Kept(n)) => (format!(", {n} other column{} kept", plural(*n)), None),
            // Said first: the status line may be too short for the whole message.
            Some(OtherColumns::NotKept { columns, why }) => (
                String::new(),
                Some(format!(
                    ", but not the file's {columns} other column{}: {why}",
                    plural(*columns)
                )),
            ),
            Some(OtherColumns::None) | None => (String::new(), None),
        };
        let text = format!(
            "Roster saved to {} ({rows} scored row{}{kept}){}{}",
            full.display(),
            plural(rows),
            left_out.as_deref().unwrap_or(""),
            if bad > 0 {
                format!(
                    "; {bad} row{} as read, not scored: fix {} there",
                    plural(bad),
                    if bad == 1 { "it" } else { "them" },
                )
            } else {
                String::new()
            },
        );
        if left_out.is_some() {
            self.warn(text);
        } else {
            self.info(text);
        }
    }

    /// A key while the filter or the what-if line is typed.
    pub(in crate::app) fn on_roster_typing_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(v) = self.roster.as_mut() else {
            return Vec::new();
        };
        let Some(typing) = v.typing else {
            return Vec::new();
        };
        let mut text = match typing {
            RosterTyping::Filter => v.filter.clone(),
            RosterTyping::WhatIf => v.what_if.text.clone(),
        };
        match action_for(&[Mode::RosterTyping], key) {
            Some(Action::Insert(c)) => {
                if text.chars().count() < MAX_TYPED {
                    text.push(c);
                }
            }
            Some(Action::DeleteChar) => {
                text.pop();
            }
            Some(Action::ClearText) => text.clear(),
            Some(Action::Keep) => {
                v.typing = None;
                if typing == RosterTyping::WhatIf
                    && let Some(e) = v.what_if.error.clone()
                {
                    self.warn(format!("What-if not read: {e}"));
                }
                return Vec::new();
            }
            Some(Action::Cancel) => {
                v.typing = None;
                match typing {
                    RosterTyping::Filter => {
                        v.filter.clear();
                        v.refilter();
                    }
                    RosterTyping::WhatIf => {
                        v.set_what_if_text(String::new(), &self.rules);
                        self.info("What-if off");
                    }
                }
                return Vec::new();
            }
            _ => {
                self.info("Typing: Enter keeps it, Esc clears it");
                return Vec::new();
            }
        }
        match typing {
            RosterTyping::Filter => {
                v.filter = text;
                v.refilter();
            }
            RosterTyping::WhatIf => {
                v.set_what_if_text(text, &self.rules);
                v.work(Some(WORK_PER_KEY), &self.rules);
            }
        }
        Vec::new()
    }
}
