//! The Roster view's state and keys: a roster held whole ([`Roster`]), shown as a table over
//! an index vector (sorted by dollars, score or name, filtered by typed text, band and
//! size), its totals and band distribution, a row opened as the current scenario (its edits
//! written back to the row), saving the roster, and the portfolio what-if typed as a line and
//! applied live.
//!
//! The what-if scores every row it applies to. So that a keystroke never waits for a large
//! roster, the rows on screen are scored at once and the rest a slice at a time
//! ([`App::roster_work`]): the runner goes on with it while no key is waiting, and the totals
//! say how far they have got until they are complete.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::KeyEvent;

use super::action::Action;
use super::history::History;
use super::keymap::{Mode, action_for};
use super::msg::Effect;
use super::prompts::{NamePrompt, Overlay, Purpose};
use super::{App, View};
use crate::diagnostic::Diagnostic;
use crate::engine::Band;
use crate::roster::summary::{RowMark, Summary, band_rank};
use crate::roster::table::{Entry, Outcome, Roster};
use crate::roster::whatif::WhatIf;
use crate::roster::whatif_line::parse_what_if_line;
use crate::roster::{FileKind, ReadOptions};

/// Longest filter or what-if line accepted.
const MAX_TYPED: usize = 200;
/// The what-if work one keystroke does at most before the screen is drawn.
pub const WORK_PER_KEY: Duration = Duration::from_millis(8);

/// What the Roster view's own keys ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RosterAction {
    /// Enter: the selected row as the current scenario.
    OpenRow,
    NextSort,
    ReverseSort,
    TypeFilter,
    NextBand,
    NextSize,
    TypeWhatIf,
    /// Esc: every filter off (the what-if stays).
    ClearFilters,
    Save,
}

/// The table's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    File,
    Dollars,
    Score,
    Name,
}

impl SortKey {
    pub fn label(self) -> &'static str {
        match self {
            SortKey::File => "file order",
            SortKey::Dollars => "dollars",
            SortKey::Score => "final score",
            SortKey::Name => "name",
        }
    }

    fn next(self) -> SortKey {
        match self {
            SortKey::File => SortKey::Dollars,
            SortKey::Dollars => SortKey::Score,
            SortKey::Score => SortKey::Name,
            SortKey::Name => SortKey::File,
        }
    }
}

/// The rows shown by practice size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SizeFilter {
    #[default]
    All,
    /// 15 clinicians or fewer.
    Small,
    /// More than 15.
    Larger,
    Solo,
}

impl SizeFilter {
    pub fn label(self) -> &'static str {
        match self {
            SizeFilter::All => "every size",
            SizeFilter::Small => "small (≤15 clinicians)",
            SizeFilter::Larger => "more than 15 clinicians",
            SizeFilter::Solo => "solo",
        }
    }

    fn next(self) -> SizeFilter {
        match self {
            SizeFilter::All => SizeFilter::Small,
            SizeFilter::Small => SizeFilter::Larger,
            SizeFilter::Larger => SizeFilter::Solo,
            SizeFilter::Solo => SizeFilter::All,
        }
    }

    fn keeps(self, clinicians: u32) -> bool {
        match self {
            SizeFilter::All => true,
            SizeFilter::Small => clinicians <= 15,
            SizeFilter::Larger => clinicians > 15,
            SizeFilter::Solo => clinicians == 1,
        }
    }
}

/// Which line is being typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RosterTyping {
    Filter,
    WhatIf,
}

/// One row under the what-if.
#[derive(Clone, Debug, PartialEq)]
pub enum RowWhatIf {
    /// Not worked out yet.
    Pending,
    /// The what-if does not apply (a condition, or a bad row).
    NotApplied,
    Scored(Outcome),
    /// The change makes the row invalid (why).
    Invalid(String),
}

/// The what-if's totals over the rows worked out so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WhatIfTotals {
    /// Rows worked out (of every entry).
    pub done: usize,
    /// Rows the what-if applied to.
    pub rows: usize,
    pub invalid: usize,
    pub points: f64,
    pub adjustment_points: f64,
    pub dollars: f64,
    pub band_up: usize,
    pub band_down: usize,
}

/// The portfolio what-if: the typed line, what it means, and each row under it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WhatIfState {
    pub text: String,
    /// The line's what-if, or why it does not read (the last good one stays applied).
    pub error: Option<String>,
    pub what_if: WhatIf,
    /// One per roster entry (empty: no what-if).
    pub rows: Vec<RowWhatIf>,
    /// Entries before this one are worked out.
    next: usize,
    pub totals: WhatIfTotals,
}

impl WhatIfState {
    pub fn is_active(&self) -> bool {
        !self.what_if.is_empty()
    }

    /// Every row is worked out.
    pub fn complete(&self) -> bool {
        self.next >= self.rows.len()
    }
}

/// The totals of the rows shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals {
    /// Entries shown (scored and bad).
    pub shown: usize,
    pub bad: usize,
    /// The shown scored rows' bands per year, dollars, best and worst.
    pub summary: Summary,
    pub mean_score: Option<f64>,
    /// Shown rows edited since the file was opened.
    pub changed: usize,
}

/// The Roster view's state.
#[derive(Clone, Debug, PartialEq)]
pub struct RosterView {
    pub roster: Roster,
    /// Every entry in the sort's order.
    sorted: Vec<u32>,
    /// The entries shown, in order: `sorted` through the filters.
    pub order: Vec<u32>,
    /// What filtering, sorting and the totals read of each entry, packed (a pass over 100,000
    /// rows then reads a few megabytes, not the rows themselves).
    keys: Vec<RowKey>,
    /// Each entry's id and name in lower case, one after the other, for the text filter;
    /// entry `i`'s text is `search[search_at[i]..search_at[i + 1]]`.
    search: String,
    search_at: Vec<u32>,
    /// Every entry in dollars, final score and name order (ascending; and how many have the
    /// number: the rest come last), kept until a row is edited.
    orders: [Option<(Vec<u32>, usize)>; 3],
    pub sort: SortKey,
    pub descending: bool,
    pub filter: String,
    pub band: Option<Band>,
    pub size: SizeFilter,
    /// The selected position in `order`.
    pub selected: usize,
    /// The first position drawn (kept by the drawing's height).
    pub top: usize,
    pub typing: Option<RosterTyping>,
    pub what_if: WhatIfState,
    /// The entry opened as the current scenario (its edits are written back).
    pub editing: Option<usize>,
    /// Edits not saved to a file.
    pub unsaved: bool,
    /// Rows scored and rows bad (fixed once read), and rows edited since opened.
    pub scored_rows: usize,
    pub bad_rows: usize,
    pub changed_rows: usize,
    /// Where the roster was last saved.
    pub saved_to: Option<PathBuf>,
    pub totals: Totals,
    /// Rows the table has room for (set when drawn; a page for PgUp / PgDn).
    pub page: usize,
}

/// What the table's passes read of a row.
#[derive(Clone, Copy, Debug, PartialEq)]
struct RowKey {
    /// The 1-based data row.
    row: u32,
    /// None: a bad row.
    outcome: Option<Outcome>,
    clinicians: u32,
    rural: bool,
    changed: bool,
    /// CMS's numbers compared: whether they agree (None: not comparable).
    agrees: Option<Option<bool>>,
}

impl RowKey {
    fn of(e: &Entry) -> RowKey {
        match e {
            Entry::Scored(r) => RowKey {
                row: r.read.row as u32,
                outcome: Some(r.outcome),
                clinicians: r.read.scenario.practice.clinicians,
                rural: r.read.scenario.practice.rural,
                changed: r.changed,
                agrees: r.comparison.as_ref().map(|c| c.agrees),
            },
            Entry::Bad(b) => RowKey {
                row: b.row as u32,
                outcome: None,
                clinicians: 0,
                rural: false,
                changed: false,
                agrees: None,
            },
        }
    }
}

impl RosterView {
    pub fn new(roster: Roster) -> RosterView {
        let mut search = String::new();
        let mut search_at = Vec::with_capacity(roster.entries.len() + 1);
        for e in &roster.entries {
            search_at.push(search.len() as u32);
            search.push_str(&e.id().unwrap_or("").to_lowercase());
            search.push(' ');
            search.push_str(&e.name().to_lowercase());
        }
        search_at.push(search.len() as u32);
        let keys: Vec<RowKey> = roster.entries.iter().map(RowKey::of).collect();
        let bad_rows = keys.iter().filter(|k| k.outcome.is_none()).count();
        let scored_rows = keys.len() - bad_rows;
        let n = roster.entries.len() as u32;
        let mut v = RosterView {
            roster,
            sorted: (0..n).collect(),
            order: Vec::new(),
            keys,
            search,
            search_at,
            orders: [None, None, None],
            sort: SortKey::File,
            descending: false,
            filter: String::new(),
            band: None,
            size: SizeFilter::All,
            selected: 0,
            top: 0,
            typing: None,
            what_if: WhatIfState::default(),
            editing: None,
            unsaved: false,
            scored_rows,
            bad_rows,
            changed_rows: 0,
            saved_to: None,
            totals: Totals::default(),
            page: 20,
        };
        v.refilter();
        v
    }

    /// Sort every entry again (then filter). Each key's order is worked out once and kept
    /// until a row is edited, so changing the sort is a copy.
    pub fn resort(&mut self) {
        let n = self.roster.entries.len();
        let mut order: Vec<u32> = match self.sort {
            SortKey::File => (0..n as u32).collect(),
            key => {
                let slot = match key {
                    SortKey::Dollars => 0,
                    SortKey::Score => 1,
                    _ => 2,
                };
                if self.orders[slot].is_none() {
                    self.orders[slot] = Some(sorted_by(&self.roster.entries, &self.keys, key));
                }
                let (ascending, valued) = self.orders[slot].as_ref().expect("just worked out");
                if self.descending && key != SortKey::Name {
                    // The rows with the number reversed; those without stay last.
                    let mut o: Vec<u32> = ascending[..*valued].iter().rev().copied().collect();
                    o.extend_from_slice(&ascending[*valued..]);
                    o
                } else {
                    ascending.clone()
                }
            }
        };
        if self.descending && matches!(self.sort, SortKey::File | SortKey::Name) {
            order.reverse();
        }
        self.sorted = order;
        // The same rows in another order: the totals stay.
        self.apply_filters(false);
    }

    /// Apply the filters to the sorted entries (and work the totals out again).
    pub fn refilter(&mut self) {
        self.apply_filters(true);
    }

    fn apply_filters(&mut self, retotal: bool) {
        let selected_entry = self.order.get(self.selected).copied();
        let needle = self.filter.trim().to_lowercase();
        let search = self.search.as_bytes();
        let keeps = |i: u32| {
            let i = i as usize;
            let k = &self.keys[i];
            match &k.outcome {
                Some(o) => {
                    if !(self.band.is_none_or(|b| o.band == b) && self.size.keeps(k.clinicians)) {
                        return false;
                    }
                }
                // A bad row has no band or size: shown only with those filters off.
                None => {
                    if !(self.band.is_none() && self.size == SizeFilter::All) {
                        return false;
                    }
                }
            }
            needle.is_empty()
                || contains(
                    &search[self.search_at[i] as usize..self.search_at[i + 1] as usize],
                    needle.as_bytes(),
                )
        };
        self.order = self.sorted.iter().copied().filter(|i| keeps(*i)).collect();
        self.selected = selected_entry
            .and_then(|e| self.order.iter().position(|i| *i == e))
            .unwrap_or(0)
            .min(self.order.len().saturating_sub(1));
        if retotal {
            self.retotal();
        }
    }

    /// Work the shown rows' totals out again.
    pub fn retotal(&mut self) {
        let mut t = Totals {
            shown: self.order.len(),
            ..Totals::default()
        };
        let mut score_sum = 0.0;
        for &i in &self.order {
            let k = &self.keys[i as usize];
            let Some(o) = &k.outcome else {
                t.bad += 1;
                continue;
            };
            // The ids of the best and worst rows are filled in after.
            let row = k.row as usize;
            t.summary.add_numbers(
                row,
                None,
                [k.clinicians <= 15, k.clinicians == 1, k.rural],
                o.performance_year,
                o.band,
                RowMark {
                    row,
                    id: None,
                    final_score: o.final_score,
                    payment_adjustment_percent: o.payment_adjustment_percent,
                    dollar_impact: o.dollar_impact,
                },
            );
            if let Some(agrees) = k.agrees {
                t.summary.add_comparison(agrees);
            }
            score_sum += o.final_score;
            t.changed += usize::from(k.changed);
        }
        for m in [&mut t.summary.best, &mut t.summary.worst]
            .into_iter()
            .flatten()
        {
            // Entries are in file order, entry `i` being data row `i + 1`.
            let at = m.row.saturating_sub(1);
            let entry = match self.roster.entries.get(at) {
                Some(e) if e.row() == m.row => Some(e),
                _ => self.roster.entries.iter().find(|e| e.row() == m.row),
            };
            m.id = entry.and_then(|e| e.id()).map(str::to_string);
        }
        t.summary.bad_rows = t.bad;
        t.mean_score = (t.summary.rows > 0).then(|| score_sum / t.summary.rows as f64);
        self.totals = t;
    }

    /// The selected entry's index, if any row is shown.
    pub fn selected_entry(&self) -> Option<usize> {
        self.order.get(self.selected).map(|i| *i as usize)
    }

    /// Keep the selection on screen for a table `rows` high.
    pub fn scroll_to_selection(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + rows {
            self.top = self.selected + 1 - rows;
        }
        self.top = self.top.min(self.order.len().saturating_sub(1));
    }

    /// A new what-if line: read it, and start working the rows out again.
    fn set_what_if_text(&mut self, text: String, rules: &crate::rules::RuleSet) {
        self.what_if.text = text;
        match parse_what_if_line(&self.what_if.text, rules) {
            Ok(w) => {
                self.what_if.error = None;
                if w != self.what_if.what_if {
                    self.what_if.what_if = w;
                    self.restart_what_if();
                }
            }
            Err(m) => self.what_if.error = Some(m),
        }
    }

    /// Work every row out again (the what-if or a row changed).
    fn restart_what_if(&mut self) {
        let active = self.what_if.is_active();
        self.what_if.rows = if active {
            vec![RowWhatIf::Pending; self.roster.entries.len()]
        } else {
            Vec::new()
        };
        self.what_if.next = 0;
        self.what_if.totals = WhatIfTotals::default();
    }

    /// Work one row out under the what-if and count it.
    fn work_row(&mut self, i: usize, rules: &crate::rules::RuleSet) {
        if self.what_if.rows.get(i) != Some(&RowWhatIf::Pending) {
            return;
        }
        let w = &self.what_if.what_if;
        let t = &mut self.what_if.totals;
        t.done += 1;
        let outcome = match &self.roster.entries[i] {
            Entry::Scored(r) if w.applies_to(&r.read.scenario) => {
                match w.score(&r.read.scenario, rules) {
                    Ok((_, result)) => {
                        let after = Outcome::of(&result, r.read.confidence);
                        let before = &r.outcome;
                        t.rows += 1;
                        t.points += after.final_score - before.final_score;
                        t.adjustment_points +=
                            after.payment_adjustment_percent - before.payment_adjustment_percent;
                        t.dollars += after.dollar_impact.unwrap_or(0.0)
                            - before.dollar_impact.unwrap_or(0.0);
                        let (b, a) = (band_rank(before.band), band_rank(after.band));
                        t.band_up += usize::from(a > b);
                        t.band_down += usize::from(a < b);
                        RowWhatIf::Scored(after)
                    }
                    Err(problems) => {
                        t.invalid += 1;
                        RowWhatIf::Invalid(
                            problems
                                .iter()
                                .map(|p| p.to_string())
                                .collect::<Vec<_>>()
                                .join("; "),
                        )
                    }
                }
            }
            _ => RowWhatIf::NotApplied,
        };
        self.what_if.rows[i] = outcome;
    }

    /// Work rows out until `budget` is spent: the rows on screen first, then in file order.
    pub fn work(&mut self, budget: Option<Duration>, rules: &crate::rules::RuleSet) {
        if !self.what_if.is_active() || self.what_if.complete() {
            return;
        }
        let start = Instant::now();
        let visible: Vec<usize> = self
            .order
            .iter()
            .skip(self.top)
            .take(self.page.max(1))
            .map(|i| *i as usize)
            .collect();
        for i in visible {
            self.work_row(i, rules);
        }
        let n = self.what_if.rows.len();
        while self.what_if.next < n {
            // The clock is read every 64 rows (a row takes a few microseconds).
            for _ in 0..64 {
                if self.what_if.next >= n {
                    break;
                }
                let i = self.what_if.next;
                self.work_row(i, rules);
                self.what_if.next += 1;
            }
            if budget.is_some_and(|b| start.elapsed() >= b) {
                break;
            }
        }
    }
}

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
    pub(super) fn on_roster_opened(&mut self, path: PathBuf, result: Result<Roster, Diagnostic>) {
        if self.adding_compare_column() {
            self.cancel_compare_file();
            self.overlay = Overlay::None;
            self.error(format!(
                "{} is a roster, not a scenario: a Compare column is a scenario file (.toml); o opens a roster",
                path.display()
            ));
            return;
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
            Err(d) => {
                self.overlay = Overlay::FileError {
                    path: path.display().to_string(),
                    text: d.to_string(),
                };
                self.error(format!("Not opened, nothing changed: {}", d.one_line()));
            }
        }
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
    pub(super) fn refresh_roster(&mut self) {
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
        let Some(Entry::Scored(row)) = v.roster.entries.get_mut(i) else {
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
    pub(super) fn roster_act(&mut self, action: Action) -> bool {
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
    pub(super) fn open_roster_save_prompt(&mut self) {
        let Some(v) = &self.roster else {
            self.no_roster();
            return;
        };
        let path = v.saved_to.clone().unwrap_or_else(|| v.roster.file.clone());
        self.overlay = Overlay::Name(NamePrompt::new(Purpose::Roster, path.display().to_string()));
    }

    /// The roster as a file of `path`'s kind, or why it cannot be written.
    pub(super) fn roster_bytes(&self, path: &std::path::Path) -> Result<Vec<u8>, String> {
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
        v.roster.to_bytes(kind).map(|(bytes, _)| bytes)
    }

    /// The roster was written to `full` (typed as `shown`).
    pub(super) fn roster_written(&mut self, shown: PathBuf, full: &std::path::Path) {
        let Some(v) = self.roster.as_mut() else {
            return;
        };
        v.unsaved = false;
        v.saved_to = Some(shown);
        let (rows, bad) = (v.scored_rows, v.bad_rows);
        let text = format!(
            "Roster saved to {} ({rows} row{}){}",
            full.display(),
            if rows == 1 { "" } else { "s" },
            if bad > 0 {
                format!(
                    "; {bad} bad row{} not written (they have no values to write: fix them in the original file)",
                    if bad == 1 { "" } else { "s" }
                )
            } else {
                String::new()
            }
        );
        self.info(text);
    }

    /// A key while the filter or the what-if line is typed.
    pub(super) fn on_roster_typing_key(&mut self, key: KeyEvent) -> Vec<Effect> {
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

/// Lines under the table for the totals and the band distribution (beside it when wide).
pub const PANEL_LINES: usize = 9;
/// The width of the panel beside the table on a wide screen.
pub const SIDE_PANEL_WIDTH: u16 = 66;
/// From this width the panel goes beside the table.
const SIDE_FROM_WIDTH: u16 = 190;

/// Where the Roster view's parts go in an area of the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RosterLayout {
    /// Table rows drawn.
    pub rows: usize,
    /// The totals and bands go beside the table.
    pub side: bool,
}

/// The Roster view's layout for a body `width` × `height` (one home for the drawing and for
/// the state's page and scrolling).
pub fn layout_of(width: u16, height: u16) -> RosterLayout {
    let side = width >= SIDE_FROM_WIDTH;
    // The title line, the table's header, the selected row's detail, the what-if line.
    let fixed = 4 + if side { 0 } else { PANEL_LINES };
    RosterLayout {
        rows: (height as usize).saturating_sub(fixed).max(1),
        side,
    }
}

/// Every entry in ascending order of a key, with how many have it (the rest, bad rows and
/// rows without dollars, come last in file order).
fn sorted_by(entries: &[Entry], keys: &[RowKey], key: SortKey) -> (Vec<u32>, usize) {
    let n = entries.len() as u32;
    if key == SortKey::Name {
        let names: Vec<String> = entries.iter().map(|e| e.name().to_lowercase()).collect();
        let mut by: Vec<u32> = (0..n).collect();
        by.sort_by(|a, b| names[*a as usize].cmp(&names[*b as usize]));
        return (by, n as usize);
    }
    let value = |k: &RowKey| -> Option<f64> {
        let o = k.outcome.as_ref()?;
        match key {
            SortKey::Dollars => o.dollar_impact,
            _ => Some(o.final_score),
        }
    };
    let mut keyed: Vec<(f64, u32)> = Vec::with_capacity(entries.len());
    let mut without: Vec<u32> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        match value(k) {
            Some(v) => keyed.push((v, i as u32)),
            None => without.push(i as u32),
        }
    }
    keyed.sort_unstable_by(|(a, ia), (b, ib)| a.total_cmp(b).then(ia.cmp(ib)));
    let valued = keyed.len();
    let mut order: Vec<u32> = keyed.into_iter().map(|(_, i)| i).collect();
    order.extend(without);
    (order, valued)
}

/// Whether `needle` occurs in `haystack` (bytes of lower-case text; short strings, so a scan
/// from each place the first byte matches beats setting up a general searcher per row).
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    if haystack.len() < needle.len() {
        return false;
    }
    let last_start = haystack.len() - needle.len();
    haystack[..=last_start]
        .iter()
        .enumerate()
        .any(|(at, &b)| b == first && &haystack[at + 1..at + needle.len()] == rest)
}

/// Every band, then none.
fn next_band(b: Option<Band>) -> Option<Band> {
    match b {
        None => Some(Band::ALL[0]),
        Some(b) => {
            let at = Band::ALL.iter().position(|x| *x == b).unwrap_or(0);
            Band::ALL.get(at + 1).copied()
        }
    }
}

/// A roster file's reading options from the explorer (the year from a column or the name).
pub fn read_options() -> ReadOptions {
    ReadOptions::default()
}

/// A path the explorer opens as a roster (by its extension).
pub fn is_roster_file(path: &std::path::Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "csv" | "xlsx" | "xlsm"))
}

#[cfg(test)]
mod tests {
    use super::contains;

    #[test]
    fn the_text_filter_finds_a_piece_anywhere() {
        assert!(contains(b"1003000002 northgate", b"north"));
        assert!(contains(b"abc", b""));
        assert!(contains(b"abc", b"c"));
        assert!(!contains(b"abc", b"abcd"));
        assert!(!contains(b"abc", b"ac"));
        assert!(contains("renée".as_bytes(), "ée".as_bytes()));
    }
}
