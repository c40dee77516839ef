//! Rosters: one row per clinician, group or TIN, from CSV or XLSX, in the scenario's own
//! column names or CMS's QPP Experience public use file names of each era. Rows stream
//! through: read → scenario → result (with CMS's own numbers compared where the row has
//! them); nothing holds the whole file.

pub mod check;
pub mod columns;
pub mod mapping;
pub mod read;
pub mod source;
pub mod summary;
pub mod table;
pub mod whatif;
pub mod whatif_line;

use std::path::Path;

pub use check::{Comparison, ScoredRow, evaluate};
pub use columns::{Era, Field};
pub use mapping::Mapping;
pub use read::{CmsNumbers, FileDetail, Layout, RosterRow, RowReader, YearOrigin};
pub use source::{Cell, ColumnStyle, RowCells};
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

/// Read, score and compare every row of a roster file, handing each to `each` as it comes.
/// A file-level problem (no such file, no header, a column given twice, no year) stops
/// before any row; a bad row is handed over as [`Event::Bad`] and the rest go on.
pub fn score_file(
    path: &Path,
    options: &ReadOptions,
    rules: &RuleSet,
    each: impl FnMut(Event<'_>),
) -> Result<(), Diagnostic> {
    let shown = path.display().to_string();
    if path.is_dir() {
        return Err(Diagnostic::file(&shown, "is a folder, not a file")
            .with_help("the path of a .csv or .xlsx roster"));
    }
    match FileKind::of(path)? {
        FileKind::Xlsx => {
            let mut each = each;
            let inline = |r: Read<'_>| match r {
                Read::Columns(l) => each(Event::Columns(l)),
                Read::Row(row) => each(Event::Scored(evaluate(row, rules))),
                Read::Bad(b) => each(Event::Bad(b)),
                Read::Note(n) => each(Event::Note(n)),
            };
            let mut driver =
                Driver::new(&shown, ColumnStyle::Letter, options, rules, inline, false);
            source::read_xlsx(path, &shown, |r| driver.record(r))?;
            driver.finish()
        }
        FileKind::Csv => {
            let file = std::fs::File::open(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Diagnostic::file(&shown, "no such file")
                    .with_help("the path of an existing roster (.csv or .xlsx)"),
                std::io::ErrorKind::PermissionDenied => {
                    Diagnostic::file(&shown, "permission denied")
                        .with_help("a file you are allowed to read")
                }
                _ => Diagnostic::file(&shown, format!("cannot read: {e}")),
            })?;
            score_csv(&shown, file, options, rules, each)
        }
    }
}

/// [`score_file`] for CSV text from any reader (`shown` names it in messages). One thread
/// reads and checks the rows while this one scores them and hands them over, in order.
pub fn score_csv(
    shown: &str,
    input: impl std::io::Read + Send,
    options: &ReadOptions,
    rules: &RuleSet,
    mut each: impl FnMut(Event<'_>),
) -> Result<(), Diagnostic> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Sent>(8);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut input = std::io::BufReader::with_capacity(1 << 16, input);
            // The delimiter decides whether `85,5` is a decimal comma.
            let delimiter = {
                use std::io::BufRead as _;
                let start = input
                    .fill_buf()
                    .map_err(|e| Diagnostic::file(shown, format!("cannot read: {e}")))?;
                source::sniff_delimiter(start)
            };
            let mut batch: Vec<Item> = Vec::with_capacity(BATCH);
            let mut open = true;
            let send = |tx: &std::sync::mpsc::SyncSender<Sent>, m: Sent, open: &mut bool| {
                if *open && tx.send(m).is_err() {
                    *open = false;
                }
            };
            let sink = |r: Read<'_>| {
                match r {
                    Read::Columns(l) => {
                        let pending = std::mem::take(&mut batch);
                        if !pending.is_empty() {
                            send(&tx, Sent::Rows(pending), &mut open);
                        }
                        send(&tx, Sent::Columns(Box::new(l.clone())), &mut open);
                        return;
                    }
                    Read::Row(row) => batch.push(Item::Row(row)),
                    Read::Bad(b) => batch.push(Item::Bad(b)),
                    Read::Note(n) => batch.push(Item::Note(n)),
                }
                if batch.len() >= BATCH {
                    send(
                        &tx,
                        Sent::Rows(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))),
                        &mut open,
                    );
                }
            };
            let mut driver = Driver::new(
                shown,
                ColumnStyle::Number,
                options,
                rules,
                sink,
                delimiter == b';',
            );
            let read = source::read_csv(shown, input, |r| driver.record(r));
            let finished = driver.finish();
            if !batch.is_empty() {
                send(&tx, Sent::Rows(std::mem::take(&mut batch)), &mut open);
            }
            drop(tx);
            read.map(|_| ()).and(finished)
        });
        let mut layout: Option<Box<Layout>> = None;
        for m in rx {
            match m {
                Sent::Columns(l) => {
                    each(Event::Columns(&l));
                    layout = Some(l);
                }
                Sent::Rows(items) => {
                    for item in items {
                        match item {
                            Item::Row(row) => each(Event::Scored(evaluate(row, rules))),
                            Item::Bad(b) => each(Event::Bad(b)),
                            Item::Note(n) => each(Event::Note(n)),
                        }
                    }
                }
            }
        }
        let _ = layout;
        reader.join().expect("the reading thread does not panic")
    })
}

/// A row read, before scoring. (Nearly every item is a row: boxing rows to shrink the rare
/// others would only add an allocation a row.)
#[allow(clippy::large_enum_variant)]
enum Read<'a> {
    Columns(&'a Layout),
    Row(RosterRow),
    Bad(BadRow),
    Note(String),
}

/// What the reading thread sends the scoring one, in file order.
enum Sent {
    Columns(Box<Layout>),
    Rows(Vec<Item>),
}

#[allow(clippy::large_enum_variant)]
enum Item {
    Row(RosterRow),
    Bad(BadRow),
    Note(String),
}

/// Rows sent across at a time.
const BATCH: usize = 512;

/// Turns records into rows read.
struct Driver<'o, F> {
    shown: String,
    style: ColumnStyle,
    options: &'o ReadOptions,
    rules: &'o RuleSet,
    each: F,
    layout: Option<Layout>,
    error: Option<Diagnostic>,
    rows: usize,
    told_not_utf8: bool,
    decimal_comma: bool,
}

impl<'o, F: FnMut(Read<'_>)> Driver<'o, F> {
    fn new(
        shown: &str,
        style: ColumnStyle,
        options: &'o ReadOptions,
        rules: &'o RuleSet,
        each: F,
        decimal_comma: bool,
    ) -> Self {
        Driver {
            shown: shown.to_string(),
            style,
            options,
            rules,
            each,
            layout: None,
            error: None,
            rows: 0,
            told_not_utf8: false,
            decimal_comma,
        }
    }

    fn record(&mut self, r: source::Record<'_>) {
        if self.error.is_some() {
            return;
        }
        match r {
            source::Record::Header(names) => {
                match Layout::new(
                    &self.shown,
                    self.style,
                    names,
                    self.options.mapping.as_ref(),
                    self.options.performance_year,
                    self.decimal_comma,
                    self.rules,
                ) {
                    Ok(l) => {
                        if let Some((y, YearOrigin::FileName)) = l.default_year {
                            (self.each)(Read::Note(format!(
                                "{}: performance year {y} taken from the file name",
                                self.shown
                            )));
                        }
                        if !l.unrecognised.is_empty() {
                            let shown: Vec<String> = l
                                .unrecognised
                                .iter()
                                .take(8)
                                .map(|h| format!("`{}`", crate::diagnostic::quote_short(h, 40)))
                                .collect();
                            let more = l.unrecognised.len().saturating_sub(8);
                            (self.each)(Read::Note(format!(
                                "{}: {} column{} not used: {}{} (see docs/roster.md for the column names, or map them with --mapping)",
                                self.shown,
                                l.unrecognised.len(),
                                if l.unrecognised.len() == 1 { "" } else { "s" },
                                shown.join(", "),
                                if more > 0 {
                                    format!(" and {more} more")
                                } else {
                                    String::new()
                                }
                            )));
                        }
                        (self.each)(Read::Columns(&l));
                        self.layout = Some(l);
                    }
                    Err(d) => self.error = Some(d),
                }
            }
            source::Record::Row {
                line,
                cells,
                not_utf8,
            } => {
                let Some(layout) = &self.layout else { return };
                self.rows += 1;
                if not_utf8 && !self.told_not_utf8 {
                    self.told_not_utf8 = true;
                    (self.each)(Read::Note(format!(
                        "{}:{line}: not UTF-8 text: read as Windows-1252 (what Excel writes on Windows)",
                        self.shown
                    )));
                }
                let reader = RowReader {
                    layout,
                    rules: self.rules,
                };
                match reader.read(cells, self.rows, line) {
                    Ok(row) => (self.each)(Read::Row(row)),
                    Err(problems) => {
                        let id = [Field::Id, Field::Name, Field::ProviderKey]
                            .into_iter()
                            .filter_map(|f| layout.single_index(f))
                            .map(|i| cells.cell(i))
                            .find(|c| !c.is_blank())
                            .map(|c| c.text().into_owned());
                        (self.each)(Read::Bad(BadRow {
                            row: self.rows,
                            line,
                            id,
                            problems,
                        }))
                    }
                }
            }
        }
    }

    fn finish(self) -> Result<(), Diagnostic> {
        match self.error {
            Some(d) => Err(d),
            None => Ok(()),
        }
    }
}
