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
use crate::roster::table::{Entry, OtherColumns, Outcome, Roster, Saved};
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
    /// Shared with a save while the runner writes it (an edit copies it only then).
    pub roster: std::sync::Arc<Roster>,
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
    /// What the last save wrote (for its message).
    pub last_save: Option<Saved>,
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
            roster: std::sync::Arc::new(roster),
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
            last_save: None,
            totals: Totals::default(),
            page: 20,
        };
        v.refilter();
        v
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

/// A roster file's reading options from the explorer (the year from a column or the name).
pub fn read_options() -> ReadOptions {
    ReadOptions::default()
}

/// A path the explorer opens as a roster (by its extension).
pub fn is_roster_file(path: &std::path::Path) -> bool {
    crate::roster::is_roster_path(path)
}

mod in_app;
mod order;
mod recovery;
mod what_if;

pub use recovery::PendingRoster;

#[cfg(test)]
mod tests {
    use super::order::contains;

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
