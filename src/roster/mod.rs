//! Rosters: one row per clinician, group or TIN, from CSV or XLSX, in the scenario's own
//! column names or CMS's QPP Experience public use file names of each era. Rows stream
//! through: read → scenario → result (with CMS's own numbers compared where the row has
//! them); nothing holds the whole file.

pub mod check;
pub mod columns;
mod csv_chunks;
mod layout;
pub mod mapping;
pub mod read;
pub mod source;
pub mod stream;
pub mod summary;
pub mod table;
mod values;
pub mod whatif;
pub mod whatif_line;

use std::path::Path;

pub use check::{Comparison, ScoredRow, evaluate};
pub use columns::{Era, Field};
pub use layout::needs_a_year;
pub use mapping::Mapping;
pub use read::{CmsNumbers, FileDetail, Layout, RosterRow, RowReader, YearOrigin};
pub use source::{Cell, ColumnStyle, RawCell, RowCells};
pub use stream::{Ordered, Parallelism, score_csv_with, score_file_with};
pub use summary::Summary;
pub use whatif::WhatIf;

use crate::diagnostic::Diagnostic;
use crate::rules::RuleSet;

/// How to read a roster.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// The performance year of rows without a year column.
    pub performance_year: Option<u16>,
    pub mapping: Option<Mapping>,
}

/// A row that could not be scored.
#[derive(Clone, Debug, PartialEq)]
pub struct BadRow {
    pub row: usize,
    pub line: usize,
    pub id: Option<String>,
    /// Every problem of the row, each naming its column.
    pub problems: Vec<Diagnostic>,
    /// The row's cells as read, by column (bad rows are few: saving a roster writes them
    /// back as they were, so that nothing typed is lost).
    pub cells: Vec<RawCell>,
}

/// What reading a roster hands over, in file order. (Events go to the caller one at a time
/// and are never stored together: boxing the scored row would only add an allocation a row.)
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Event<'a> {
    /// The header is read: the columns are known.
    Columns(&'a Layout),
    Scored(ScoredRow),
    Bad(BadRow),
    /// Something worth telling about the file as a whole (said once).
    Note(String),
}

/// The kind of file, from its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    Xlsx,
}

/// A path the explorer opens as a roster (by its extension: `.csv`, `.xlsx`, `.xlsm`).
pub fn is_roster_path(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| matches!(e.as_str(), "csv" | "xlsx" | "xlsm"))
}

impl FileKind {
    pub fn of(path: &Path) -> Result<FileKind, Diagnostic> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "xlsx" | "xlsm" => Ok(FileKind::Xlsx),
            "xls" => Err(Diagnostic::file(
                path.display().to_string(),
                "an Excel 97–2003 workbook (.xls) cannot be read",
            )
            .with_help("save it as .xlsx or .csv")),
            _ => Ok(FileKind::Csv),
        }
    }
}

/// Read, score and compare every row of a roster file, handing each to `each` as it comes,
/// in file order (rows are read and scored on every core: see [`score_file_with`]).
/// A file-level problem (no such file, no header, a column given twice, no year) stops
/// before any row; a bad row is handed over as [`Event::Bad`] and the rest go on.
pub fn score_file(
    path: &Path,
    options: &ReadOptions,
    rules: &RuleSet,
    mut each: impl FnMut(Event<'_>),
) -> Result<(), Diagnostic> {
    score_file_with(
        path,
        options,
        rules,
        Parallelism::default(),
        Vec::new,
        keep,
        |o| hand_over(o, &mut each),
    )
}

/// [`score_file`] for CSV text from any reader (`shown` names it in messages).
pub fn score_csv(
    shown: &str,
    input: impl std::io::Read + Send,
    options: &ReadOptions,
    rules: &RuleSet,
    mut each: impl FnMut(Event<'_>),
) -> Result<(), Diagnostic> {
    score_csv_with(
        shown,
        input,
        options,
        rules,
        Parallelism::default(),
        Vec::new,
        keep,
        |o| hand_over(o, &mut each),
    )
}

/// A row as the workers keep it for [`score_file`].
#[allow(clippy::large_enum_variant)]
enum Kept {
    Scored(ScoredRow),
    Bad(BadRow),
}

fn keep(rows: &mut Vec<Kept>, _: &Layout, e: Event<'_>) {
    match e {
        Event::Scored(s) => rows.push(Kept::Scored(s)),
        Event::Bad(b) => rows.push(Kept::Bad(b)),
        Event::Columns(_) | Event::Note(_) => {}
    }
}

fn hand_over(o: Ordered<'_, Vec<Kept>>, each: &mut impl FnMut(Event<'_>)) {
    match o {
        Ordered::Columns(l) => each(Event::Columns(l)),
        Ordered::Note(n) => each(Event::Note(n)),
        Ordered::Rows(rows) => {
            for r in rows {
                match r {
                    Kept::Scored(s) => each(Event::Scored(s)),
                    Kept::Bad(b) => each(Event::Bad(b)),
                }
            }
        }
    }
}
