//! Reading a roster on every core. One thread reads the file in chunks of whole records
//! (for CSV, raw bytes cut at a record boundary; for XLSX, rows of cells), worker threads
//! parse, check and score each chunk and turn it into the caller's output, and the calling
//! thread receives the chunks back in file order. Only a few chunks are ever in flight, so
//! memory does not grow with the file.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};
use std::sync::{Arc, Condvar, Mutex};

use super::check::evaluate;
use super::csv_chunks::{ChunkScratch, read_csv_chunks, score_csv_chunk};
use super::read::{Layout, RowReader, YearOrigin};
use super::source::{self, ColumnStyle, RowCells, SheetRow};
use super::{BadRow, Event, FileKind, ReadOptions};
use crate::diagnostic::Diagnostic;
use crate::rules::RuleSet;

/// How to share the work out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parallelism {
    /// Threads that parse and score (the reading thread and the calling one come on top).
    pub workers: usize,
    /// Bytes of CSV (or, for XLSX, rows: this divided by 256) a worker takes at a time.
    pub chunk_bytes: usize,
}

impl Default for Parallelism {
    /// One worker per core, chunks of 256 KiB (about a thousand public-use-file rows).
    fn default() -> Self {
        Parallelism {
            workers: std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 8)),
            chunk_bytes: 256 * 1024,
        }
    }
}

/// What the calling thread receives, in file order.
pub enum Ordered<'a, A> {
    /// The header is read: the columns are known (before any row).
    Columns(&'a Layout),
    /// Something worth telling about the file (each said once, where it arises).
    Note(String),
    /// A stretch of rows as the caller's work made it.
    Rows(A),
}

/// Read, score and compare every row of a roster file on every core. `start` makes an empty
/// stretch of output; `work` runs on the worker threads and adds one scored or bad row
/// ([`Event::Scored`] or [`Event::Bad`]) to it; `each` runs on the calling thread and gets
/// the columns, the notes and the stretches in file order. A file-level problem stops before
/// any row, as [`super::score_file`].
pub fn score_file_with<A: Send>(
    path: &Path,
    options: &ReadOptions,
    rules: &RuleSet,
    parallelism: Parallelism,
    start: impl Fn() -> A + Sync,
    work: impl Fn(&mut A, &Layout, Event<'_>) + Sync,
    each: impl FnMut(Ordered<'_, A>),
) -> Result<(), Diagnostic> {
    let shown = path.display().to_string();
    if path.is_dir() {
        return Err(Diagnostic::file(&shown, "is a folder, not a file")
            .with_help("the path of a .csv or .xlsx roster"));
    }
    match FileKind::of(path)? {
        FileKind::Xlsx => run(
            Source::Sheet(path),
            &shown,
            options,
            rules,
            parallelism,
            &start,
            &work,
            each,
        ),
        FileKind::Csv => {
            let file = std::fs::File::open(path).map_err(|e| source::cannot_read(&shown, &e))?;
            score_csv_with(&shown, file, options, rules, parallelism, start, work, each)
        }
    }
}

/// [`score_file_with`] for CSV text from any reader (`shown` names it in messages).
#[allow(clippy::too_many_arguments)]
pub fn score_csv_with<A: Send>(
    shown: &str,
    input: impl Read + Send,
    options: &ReadOptions,
    rules: &RuleSet,
    parallelism: Parallelism,
    start: impl Fn() -> A + Sync,
    work: impl Fn(&mut A, &Layout, Event<'_>) + Sync,
    each: impl FnMut(Ordered<'_, A>),
) -> Result<(), Diagnostic> {
    run(
        Source::Csv(Box::new(input)),
        shown,
        options,
        rules,
        parallelism,
        &start,
        &work,
        each,
    )
}

enum Source<'p> {
    Csv(Box<dyn Read + Send + 'p>),
    Sheet(&'p Path),
}

/// A chunk of work.
pub(super) enum Job {
    /// Whole CSV records; `first_line` is the file line the bytes start on.
    Csv {
        bytes: Vec<u8>,
        first_line: usize,
        delimiter: u8,
    },
    /// Sheet rows, numbered: (data row, sheet row, cells).
    Sheet(Vec<(usize, usize, SheetRow)>),
}

/// What goes back to the calling thread.
enum Message<A> {
    Header {
        layout: Arc<Layout>,
        notes: Vec<String>,
    },
    Chunk {
        index: usize,
        pieces: Vec<Piece<A>>,
    },
}

pub(super) enum Piece<A> {
    Rows(A),
    /// The first row of the chunk that was not UTF-8 (said once for the file).
    NotUtf8(String),
}

/// Chunks read but not yet handed over, per worker: what bounds the memory.
const IN_FLIGHT_PER_WORKER: usize = 3;

#[allow(clippy::too_many_arguments)]
fn run<A: Send>(
    source: Source<'_>,
    shown: &str,
    options: &ReadOptions,
    rules: &RuleSet,
    parallelism: Parallelism,
    start: &(dyn Fn() -> A + Sync),
    work: &(dyn Fn(&mut A, &Layout, Event<'_>) + Sync),
    mut each: impl FnMut(Ordered<'_, A>),
) -> Result<(), Diagnostic> {
    let workers = parallelism.workers.max(1);
    let chunk_bytes = parallelism.chunk_bytes.max(1);
    let in_flight = workers * IN_FLIGHT_PER_WORKER;
    let (job_tx, job_rx) = sync_channel::<(usize, Arc<Layout>, Job)>(in_flight);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = channel::<Message<A>>();
    let (ticket_tx, ticket_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        ticket_tx.send(()).expect("the ticket channel has room");
    }
    let rows_before = RowsBefore::default();

    std::thread::scope(|scope| {
        let reader_done = done_tx.clone();
        let reader = scope.spawn(|| {
            let mut feed = Feed {
                jobs: job_tx,
                tickets: ticket_rx,
                done: reader_done,
                next: 0,
            };
            match source {
                Source::Csv(input) => {
                    read_csv_chunks(shown, input, options, rules, chunk_bytes, &mut feed)
                }
                Source::Sheet(path) => {
                    read_sheet_chunks(path, shown, options, rules, chunk_bytes, &mut feed)
                }
            }
        });
        for _ in 0..workers {
            let done = done_tx.clone();
            let (job_rx, rows_before) = (&job_rx, &rows_before);
            scope.spawn(move || {
                let mut scratch = ChunkScratch::default();
                loop {
                    let next = job_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok((index, layout, job))) = next else {
                        break;
                    };
                    let pieces = match job {
                        Job::Csv {
                            bytes,
                            first_line,
                            delimiter,
                        } => score_csv_chunk(
                            &mut scratch,
                            &bytes,
                            first_line,
                            delimiter,
                            index,
                            &layout,
                            rules,
                            rows_before,
                            start,
                            work,
                        ),
                        Job::Sheet(rows) => score_sheet_chunk(rows, &layout, rules, start, work),
                    };
                    if done.send(Message::Chunk { index, pieces }).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);

        // Hand the chunks over in file order.
        let mut layout: Option<Arc<Layout>> = None;
        let mut waiting: BTreeMap<usize, Vec<Piece<A>>> = BTreeMap::new();
        let mut next = 0usize;
        let mut told_not_utf8 = false;
        for message in done_rx {
            match message {
                Message::Header { layout: l, notes } => {
                    for n in notes {
                        each(Ordered::Note(n));
                    }
                    each(Ordered::Columns(&l));
                    layout = Some(l);
                }
                Message::Chunk { index, pieces } => {
                    waiting.insert(index, pieces);
                    while let Some(pieces) = waiting.remove(&next) {
                        for p in pieces {
                            match p {
                                Piece::Rows(a) => each(Ordered::Rows(a)),
                                Piece::NotUtf8(n) => {
                                    if !told_not_utf8 {
                                        told_not_utf8 = true;
                                        each(Ordered::Note(n));
                                    }
                                }
                            }
                        }
                        next += 1;
                        // Never blocks: no more tickets are out than the channel holds.
                        let _ = ticket_tx.send(());
                    }
                }
            }
        }
        drop(layout);
        reader.join().expect("the reading thread does not panic")
    })
}

/// The reading thread's end of the channels.
pub(super) struct Feed<A> {
    jobs: SyncSender<(usize, Arc<Layout>, Job)>,
    tickets: Receiver<()>,
    done: std::sync::mpsc::Sender<Message<A>>,
    next: usize,
}

impl<A> Feed<A> {
    pub(super) fn header(&self, layout: &Arc<Layout>, notes: Vec<String>) {
        let _ = self.done.send(Message::Header {
            layout: layout.clone(),
            notes,
        });
    }

    /// Send a chunk once one of the in-flight places is free. `false`: nobody listens.
    pub(super) fn send(&mut self, layout: &Arc<Layout>, job: Job) -> bool {
        if self.tickets.recv().is_err() {
            return false;
        }
        let index = self.next;
        self.next += 1;
        self.jobs.send((index, layout.clone(), job)).is_ok()
    }
}

/// The rows of the chunks before each one (a chunk's rows are only counted once it is
/// parsed, and blank records are not rows).
#[derive(Default)]
pub(super) struct RowsBefore {
    state: Mutex<(usize, usize)>,
    turn: Condvar,
}

impl RowsBefore {
    /// Chunk `index` has `rows` rows: wait for the chunks before it, and return theirs.
    pub(super) fn take_turn(&self, index: usize, rows: usize) -> usize {
        let mut s = self
            .state
            .lock()
            .expect("no worker panics holding the count");
        while s.0 != index {
            s = self
                .turn
                .wait(s)
                .expect("no worker panics holding the count");
        }
        let before = s.1;
        *s = (index + 1, before + rows);
        self.turn.notify_all();
        before
    }
}

/// The header's notes: the year from the file name, the columns not used.
pub(super) fn header_notes(shown: &str, layout: &Layout) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some((y, YearOrigin::FileName)) = layout.default_year {
        notes.push(format!(
            "{shown}: performance year {y} taken from the file name"
        ));
    }
    if !layout.unrecognised.is_empty() {
        let names: Vec<String> = layout
            .unrecognised
            .iter()
            .take(8)
            .map(|h| format!("`{}`", crate::diagnostic::quote_short(h, 40)))
            .collect();
        let more = layout.unrecognised.len().saturating_sub(8);
        notes.push(format!(
            "{}: {} column{} not used: {}{} (see docs/roster.md for the column names, or map them with --mapping)",
            shown,
            layout.unrecognised.len(),
            if layout.unrecognised.len() == 1 { "" } else { "s" },
            names.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    notes
}

pub(super) fn layout_of(
    shown: &str,
    style: ColumnStyle,
    headers: Vec<String>,
    options: &ReadOptions,
    rules: &RuleSet,
    decimal_comma: bool,
) -> Result<Arc<Layout>, Diagnostic> {
    Layout::new(
        shown,
        style,
        headers,
        options.mapping.as_ref(),
        options.performance_year,
        decimal_comma,
        rules,
    )
    .map(Arc::new)
}

/// Read one data row: the row, or every problem it has (with its id where it has one).
pub(crate) fn read_row(
    layout: &Layout,
    rules: &RuleSet,
    cells: &dyn RowCells,
    row: usize,
    line: usize,
) -> Result<super::RosterRow, BadRow> {
    let reader = RowReader { layout, rules };
    reader.read(cells, row, line).map_err(|problems| {
        let id = [
            super::Field::Id,
            super::Field::Name,
            super::Field::ProviderKey,
        ]
        .into_iter()
        .filter_map(|f| layout.single_index(f))
        .map(|i| cells.cell(i))
        .find(|c| !c.is_blank())
        .map(|c| c.text().into_owned());
        BadRow {
            row,
            line,
            id,
            problems,
            cells: super::RawCell::row_of(cells),
        }
    })
}

fn score_sheet_chunk<A>(
    rows: Vec<(usize, usize, SheetRow)>,
    layout: &Layout,
    rules: &RuleSet,
    start: &(dyn Fn() -> A + Sync),
    work: &(dyn Fn(&mut A, &Layout, Event<'_>) + Sync),
) -> Vec<Piece<A>> {
    let mut acc = start();
    for (row, line, cells) in rows {
        match read_row(layout, rules, &cells, row, line) {
            Ok(r) => work(&mut acc, layout, Event::Scored(evaluate(r, rules))),
            Err(b) => work(&mut acc, layout, Event::Bad(b)),
        }
    }
    vec![Piece::Rows(acc)]
}

/// The XLSX reading thread: the first sheet, a row at a time, in chunks of rows.
fn read_sheet_chunks<A>(
    path: &Path,
    shown: &str,
    options: &ReadOptions,
    rules: &RuleSet,
    chunk_bytes: usize,
    feed: &mut Feed<A>,
) -> Result<(), Diagnostic> {
    let per_chunk = (chunk_bytes / 256).max(1);
    let mut layout: Option<Arc<Layout>> = None;
    let mut error: Option<Diagnostic> = None;
    let mut rows = 0usize;
    let mut chunk: Vec<(usize, usize, SheetRow)> = Vec::new();
    let mut listening = true;
    source::read_sheet(path, shown, |record| {
        if error.is_some() || !listening {
            return;
        }
        match record {
            source::SheetRecord::Header(names) => {
                match layout_of(shown, ColumnStyle::Letter, names, options, rules, false) {
                    Ok(l) => {
                        feed.header(&l, header_notes(shown, &l));
                        layout = Some(l);
                    }
                    Err(d) => error = Some(d),
                }
            }
            source::SheetRecord::Row { line, cells } => {
                let Some(l) = &layout else { return };
                rows += 1;
                chunk.push((rows, line, cells));
                if chunk.len() >= per_chunk {
                    listening = feed.send(l, Job::Sheet(std::mem::take(&mut chunk)));
                }
            }
        }
    })?;
    if let Some(d) = error {
        return Err(d);
    }
    if let Some(l) = &layout
        && !chunk.is_empty()
        && listening
    {
        feed.send(l, Job::Sheet(chunk));
    }
    Ok(())
}
