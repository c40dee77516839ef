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
enum Job {
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

enum Piece<A> {
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
struct Feed<A> {
    jobs: SyncSender<(usize, Arc<Layout>, Job)>,
    tickets: Receiver<()>,
    done: std::sync::mpsc::Sender<Message<A>>,
    next: usize,
}

impl<A> Feed<A> {
    fn header(&self, layout: &Arc<Layout>, notes: Vec<String>) {
        let _ = self.done.send(Message::Header {
            layout: layout.clone(),
            notes,
        });
    }

    /// Send a chunk once one of the in-flight places is free. `false`: nobody listens.
    fn send(&mut self, layout: &Arc<Layout>, job: Job) -> bool {
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
struct RowsBefore {
    state: Mutex<(usize, usize)>,
    turn: Condvar,
}

impl RowsBefore {
    /// Chunk `index` has `rows` rows: wait for the chunks before it, and return theirs.
    fn take_turn(&self, index: usize, rows: usize) -> usize {
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
fn header_notes(shown: &str, layout: &Layout) -> Vec<String> {
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

fn layout_of(
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
        }
    })
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn csv_reader(delimiter: u8, bytes: &[u8]) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(bytes.len().clamp(1024, 1 << 16))
        .from_reader(bytes)
}

/// Append up to `want` more bytes of `input` to `buf`; `true` at the end of the input.
fn fill(
    shown: &str,
    input: &mut dyn Read,
    buf: &mut Vec<u8>,
    want: usize,
) -> Result<bool, Diagnostic> {
    let target = buf.len() + want;
    while buf.len() < target {
        let at = buf.len();
        buf.resize(target, 0);
        match input.read(&mut buf[at..]) {
            Ok(0) => {
                buf.truncate(at);
                return Ok(true);
            }
            Ok(n) => buf.truncate(at + n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => buf.truncate(at),
            Err(e) => {
                buf.truncate(at);
                return Err(source::cannot_read(shown, &e));
            }
        }
    }
    Ok(false)
}

fn newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == b'\n').count()
}

/// Where the last whole record of `bytes` (which starts at a record boundary) ends: just
/// after its line break, outside quotes, as the CSV reader reads them.
fn last_boundary(bytes: &[u8], delimiter: u8) -> Option<usize> {
    if !bytes.contains(&b'"') {
        return bytes
            .iter()
            .rposition(|b| *b == b'\n' || *b == b'\r')
            .map(|p| p + 1);
    }
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    let mut last = None;
    for (i, &b) in bytes.iter().enumerate() {
        let line_break = b == b'\n' || b == b'\r';
        state = match state {
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            State::FieldStart if b == b'"' => State::Quoted,
            _ if b == delimiter => State::FieldStart,
            _ if line_break => {
                last = Some(i + 1);
                State::FieldStart
            }
            _ => State::Unquoted,
        };
    }
    last
}

/// The CSV reading thread: the header (on its own), then chunks of whole records.
fn read_csv_chunks<A>(
    shown: &str,
    mut input: Box<dyn Read + Send + '_>,
    options: &ReadOptions,
    rules: &RuleSet,
    chunk_bytes: usize,
    feed: &mut Feed<A>,
) -> Result<(), Diagnostic> {
    let mut buf: Vec<u8> = Vec::with_capacity(chunk_bytes.max(1 << 16) + 1024);
    let mut eof = fill(shown, &mut input, &mut buf, chunk_bytes.max(1 << 16))?;
    if buf.starts_with(BOM) {
        buf.drain(..3);
    }
    // The delimiter decides whether `85,5` is a decimal comma.
    let delimiter = source::sniff_delimiter(&buf[..buf.len().min(1 << 16)]);

    // The header: the first record that is not blank.
    let mut line = 1usize;
    let (headers, header_end) = loop {
        let boundary = if eof {
            Some(buf.len())
        } else {
            last_boundary(&buf, delimiter)
        };
        let Some(boundary) = boundary else {
            eof = fill(shown, &mut input, &mut buf, chunk_bytes.max(1 << 16))?;
            continue;
        };
        let mut reader = csv_reader(delimiter, &buf[..boundary]);
        let mut record = csv::ByteRecord::new();
        let mut found = None;
        while reader.read_byte_record(&mut record).unwrap_or(false) {
            let row = source::CsvRow(&record);
            if !row.all_blank() {
                let names = (0..row.width())
                    .map(|i| row.cell(i).text().into_owned())
                    .collect::<Vec<String>>();
                found = Some((names, reader.position().byte() as usize));
                break;
            }
        }
        match found {
            Some(f) => break f,
            None if eof => {
                return Err(Diagnostic::file(shown, "the roster is empty")
                    .with_help("a header row naming the columns, then one row per clinician, group or TIN (see docs/roster.md)"));
            }
            None => {
                line += newlines(&buf[..boundary]);
                buf.drain(..boundary);
                eof = fill(shown, &mut input, &mut buf, chunk_bytes)?;
            }
        }
    };
    line += newlines(&buf[..header_end]);
    buf.drain(..header_end);
    let layout = layout_of(
        shown,
        ColumnStyle::Number,
        headers,
        options,
        rules,
        delimiter == b';',
    )?;
    feed.header(&layout, header_notes(shown, &layout));

    // The rows, a chunk of whole records at a time.
    loop {
        if !eof && buf.len() < chunk_bytes {
            let want = chunk_bytes - buf.len();
            eof = fill(shown, &mut input, &mut buf, want)?;
        }
        if buf.is_empty() {
            return Ok(());
        }
        let split = if eof {
            buf.len()
        } else {
            match last_boundary(&buf, delimiter) {
                Some(s) => s,
                None => {
                    // One record longer than a chunk: read on until it ends.
                    eof = fill(shown, &mut input, &mut buf, chunk_bytes)?;
                    continue;
                }
            }
        };
        let rest = buf[split..].to_vec();
        let mut bytes = std::mem::replace(&mut buf, Vec::with_capacity(chunk_bytes + 1024));
        bytes.truncate(split);
        buf.extend_from_slice(&rest);
        let first_line = line;
        line += newlines(&bytes);
        let job = Job::Csv {
            bytes,
            first_line,
            delimiter,
        };
        if !feed.send(&layout, job) {
            return Ok(());
        }
    }
}

/// One parsed record of a chunk: where its fields are in the chunk's field store.
struct Parsed {
    first_end: usize,
    fields: usize,
    line: usize,
    not_utf8: bool,
}

/// A record's fields, from a chunk's field store.
struct StoredRow<'a> {
    bytes: &'a [u8],
    /// The same as text, when it is all UTF-8 (fields are then sliced, not decoded).
    text: Option<&'a str>,
    /// The end of each field in `bytes`; the first starts at `start`.
    ends: &'a [usize],
    start: usize,
}

impl RowCells for StoredRow<'_> {
    fn width(&self) -> usize {
        self.ends.len()
    }

    fn cell(&self, index: usize) -> source::Cell<'_> {
        let Some(&end) = self.ends.get(index) else {
            return source::Cell::Empty;
        };
        let from = if index == 0 {
            self.start
        } else {
            self.ends[index - 1]
        };
        match self.text.and_then(|t| t.get(from..end)) {
            Some("") => source::Cell::Empty,
            Some(t) => source::Cell::Text(std::borrow::Cow::Borrowed(t)),
            None => source::cell_of(&self.bytes[from..end]),
        }
    }

    fn all_blank(&self) -> bool {
        source::all_blank_bytes((0..self.ends.len()).map(|i| {
            let from = if i == 0 { self.start } else { self.ends[i - 1] };
            &self.bytes[from..self.ends[i]]
        }))
    }
}

#[allow(clippy::too_many_arguments)]
fn score_csv_chunk<A>(
    bytes: &[u8],
    first_line: usize,
    delimiter: u8,
    index: usize,
    layout: &Layout,
    rules: &RuleSet,
    rows_before: &RowsBefore,
    start: &(dyn Fn() -> A + Sync),
    work: &(dyn Fn(&mut A, &Layout, Event<'_>) + Sync),
) -> Vec<Piece<A>> {
    // A chunk starting with a byte-order mark must not lose it: a fresh reader would strip it.
    let shift = usize::from(bytes.starts_with(BOM));
    let shifted;
    let text: &[u8] = if shift == 1 {
        shifted = [b"\n".as_slice(), bytes].concat();
        &shifted
    } else {
        bytes
    };
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let mut reader = csv_reader(delimiter, text);
    let mut record = csv::ByteRecord::new();
    let mut store: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut ends: Vec<usize> = Vec::with_capacity(bytes.len() / 4);
    let mut parsed: Vec<Parsed> = Vec::with_capacity(bytes.len() / 128);
    // Lines: as the file counts them, `\n` before the record's last byte, less those inside it.
    let (mut counted_to, mut line) = (0usize, first_line);
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        let end = (reader.position().byte() as usize).saturating_sub(shift);
        let last = end.saturating_sub(1);
        if last > counted_to {
            line += newlines(&bytes[counted_to..last]);
            counted_to = last;
        }
        let row = source::CsvRow(&record);
        if row.all_blank() {
            continue;
        }
        let inside: usize = newlines(record.as_slice());
        let first_end = ends.len();
        let base = store.len();
        store.extend_from_slice(record.as_slice());
        for i in 0..record.len() {
            ends.push(base + record.range(i).map_or(0, |r| r.end));
        }
        parsed.push(Parsed {
            first_end,
            fields: record.len(),
            line: line.saturating_sub(inside),
            not_utf8: !valid_utf8 && record.iter().any(|f| std::str::from_utf8(f).is_err()),
        });
    }
    // Fields of UTF-8 text are UTF-8 (only ASCII separators and quotes are taken out).
    let text = if valid_utf8 {
        std::str::from_utf8(&store).ok()
    } else {
        None
    };
    let before = rows_before.take_turn(index, parsed.len());
    let mut pieces = Vec::new();
    let mut acc = start();
    let mut told = false;
    for (j, p) in parsed.iter().enumerate() {
        let cells = StoredRow {
            bytes: &store,
            text,
            ends: &ends[p.first_end..p.first_end + p.fields],
            start: if p.first_end == 0 {
                0
            } else {
                ends[p.first_end - 1]
            },
        };
        if p.not_utf8 && !told {
            told = true;
            pieces.push(Piece::Rows(std::mem::replace(&mut acc, start())));
            pieces.push(Piece::NotUtf8(format!(
                "{}:{}: not UTF-8 text: read as Windows-1252 (what Excel writes on Windows)",
                layout.file, p.line
            )));
        }
        let row = before + j + 1;
        match read_row(layout, rules, &cells, row, p.line) {
            Ok(r) => work(&mut acc, layout, Event::Scored(evaluate(r, rules))),
            Err(b) => work(&mut acc, layout, Event::Bad(b)),
        }
    }
    pieces.push(Piece::Rows(acc));
    pieces
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_end_at_line_breaks_outside_quotes() {
        assert_eq!(last_boundary(b"a,b\nc,d\ne", b','), Some(8));
        assert_eq!(last_boundary(b"a,\"b\nc\"\nd,\"e\nf", b','), Some(8));
        assert_eq!(last_boundary(b"a,\"b\"\"\nc\"\n", b','), Some(10));
        // A quote inside an unquoted field is text: it does not open a quoted field.
        assert_eq!(last_boundary(b"5\" tall,x\ny", b','), Some(10));
        assert_eq!(last_boundary(b"\"open\nstill", b','), None);
        assert_eq!(last_boundary(b"a;b\r\nc", b';'), Some(5));
    }
}
