//! CSV rosters on every core: the reading thread cuts the file into chunks of whole records
//! (at a line break outside quotes, as the CSV reader reads them), and a worker parses,
//! checks and scores each chunk, numbering its rows once the chunks before it are counted.

use std::io::Read;

use super::Event;
use super::ReadOptions;
use super::check::evaluate;
use super::read::Layout;
use super::source::{self, ColumnStyle, RowCells};
use super::stream::{Feed, Job, Piece, RowsBefore, header_notes, layout_of, read_row};
use crate::diagnostic::Diagnostic;
use crate::rules::RuleSet;

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
pub(super) fn read_csv_chunks<A>(
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

/// A worker's buffers for the chunks it scores, kept from one chunk to the next (so their
/// memory is not asked for, and zeroed by the system, again for every chunk).
#[derive(Default)]
pub(super) struct ChunkScratch {
    store: Vec<u8>,
    ends: Vec<usize>,
    parsed: Vec<Parsed>,
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
pub(super) fn score_csv_chunk<A>(
    scratch: &mut ChunkScratch,
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
    // Without a quote no field holds a line break: no record needs its own count of them.
    let quoted = bytes.contains(&b'"');
    let mut reader = csv_reader(delimiter, text);
    let mut record = csv::ByteRecord::new();
    let ChunkScratch {
        store,
        ends,
        parsed,
    } = scratch;
    store.clear();
    ends.clear();
    parsed.clear();
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
        let inside: usize = if quoted {
            newlines(record.as_slice())
        } else {
            0
        };
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
    let (store, ends): (&[u8], &[usize]) = (store, ends);
    let text = if valid_utf8 {
        std::str::from_utf8(store).ok()
    } else {
        None
    };
    let before = rows_before.take_turn(index, parsed.len());
    let mut pieces = Vec::new();
    let mut acc = start();
    let mut told = false;
    for (j, p) in parsed.iter().enumerate() {
        let cells = StoredRow {
            bytes: store,
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
