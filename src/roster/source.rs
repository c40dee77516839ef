//! Where roster rows come from: a CSV file (read one record at a time) or the first sheet of
//! an XLSX workbook (read one cell at a time). Both hand each row to the caller as cells.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::diagnostic::Diagnostic;

/// One cell as the file gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(Cow<'a, str>),
    Number(f64),
    Bool(bool),
}

impl Cell<'_> {
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text (numbers as Rust prints them), for ids and messages.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(t) => Cow::Borrowed(t.trim()),
            Cell::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    Cow::Owned(format!("{}", *n as i64))
                } else {
                    Cow::Owned(format!("{n}"))
                }
            }
            Cell::Bool(b) => Cow::Borrowed(if *b { "True" } else { "False" }),
        }
    }
}

/// The cells of one row, by column index.
pub trait RowCells {
    fn width(&self) -> usize;
    fn cell(&self, index: usize) -> Cell<'_>;
    fn all_blank(&self) -> bool {
        (0..self.width()).all(|i| self.cell(i).is_blank())
    }
}

/// How a file names its columns in messages: CSV fields by number, sheet columns by letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnStyle {
    Number,
    Letter,
}

impl ColumnStyle {
    pub fn name(self, index: usize) -> String {
        match self {
            ColumnStyle::Number => (index + 1).to_string(),
            ColumnStyle::Letter => column_letters(index),
        }
    }
}

/// `A`, `B`, …, `Z`, `AA`, … for a 0-based column index.
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// What the reader hands over for each row of the file.
pub enum Record<'r> {
    /// The header row (always first).
    Header(Vec<String>),
    /// A data row: its line in the file (CSV) or its row in the sheet (XLSX), its cells, and
    /// whether some of its text was not UTF-8 and was read as Windows-1252.
    Row {
        line: usize,
        cells: &'r dyn RowCells,
        not_utf8: bool,
    },
}

pub(crate) struct CsvRow<'a>(pub(crate) &'a csv::ByteRecord);

/// Passes bytes through, noting where each newline is (only those not yet passed by the
/// records are kept).
struct LineCounter<R> {
    inner: R,
    offset: u64,
    newlines: std::rc::Rc<std::cell::RefCell<std::collections::VecDeque<u64>>>,
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut q = self.newlines.borrow_mut();
        for (i, b) in buf[..n].iter().enumerate() {
            if *b == b'\n' {
                q.push_back(self.offset + i as u64);
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// A field's text: UTF-8, or else Windows-1252 (what Excel writes on Windows).
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    }
}

/// A CSV field's bytes as a cell.
pub(crate) fn cell_of(bytes: &[u8]) -> Cell<'_> {
    if bytes.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(decode(bytes))
    }
}

/// Are these CSV fields all blank (empty or white space)? Decodes only fields with bytes
/// beyond ASCII.
pub(crate) fn all_blank_bytes<'a>(mut fields: impl Iterator<Item = &'a [u8]>) -> bool {
    fields.all(|f| {
        for &b in f {
            if b >= 0x80 {
                return decode(f).trim().is_empty();
            }
            if !char::from(b).is_whitespace() {
                return false;
            }
        }
        true
    })
}

impl RowCells for CsvRow<'_> {
    fn width(&self) -> usize {
        self.0.len()
    }

    fn cell(&self, index: usize) -> Cell<'_> {
        match self.0.get(index) {
            None => Cell::Empty,
            Some(b) => cell_of(b),
        }
    }

    fn all_blank(&self) -> bool {
        all_blank_bytes(self.0.iter())
    }
}

/// The delimiter of a CSV file, guessed from its first line: the most frequent of `,` `;`
/// and tab outside quotes (a comma when there is none).
pub(crate) fn sniff_delimiter(start: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in start {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        [b',', b';', b'\t'][best]
    }
}

pub(crate) fn cannot_read(shown: &str, e: &std::io::Error) -> Diagnostic {
    match e.kind() {
        std::io::ErrorKind::NotFound => Diagnostic::file(shown, "no such file")
            .with_help("the path of an existing roster (.csv or .xlsx)"),
        std::io::ErrorKind::PermissionDenied => {
            Diagnostic::file(shown, "permission denied").with_help("a file you are allowed to read")
        }
        _ => Diagnostic::file(shown, format!("cannot read: {e}")),
    }
}

/// Read a CSV roster from any reader, record by record; `shown` names it in messages.
/// Returns the delimiter used.
pub fn read_csv(
    shown: &str,
    input: impl Read,
    mut each: impl FnMut(Record<'_>),
) -> Result<u8, Diagnostic> {
    let mut input = BufReader::with_capacity(1 << 16, input);
    let start = input.fill_buf().map_err(|e| cannot_read(shown, &e))?;
    let bom = start.starts_with(b"\xEF\xBB\xBF");
    let delimiter = sniff_delimiter(if bom { &start[3..] } else { start });
    if bom {
        input.consume(3);
    }
    // The reader skips blank lines without counting them: count lines from byte offsets.
    let newlines = std::rc::Rc::new(std::cell::RefCell::new(std::collections::VecDeque::new()));
    let counting = LineCounter {
        inner: input,
        offset: 0,
        newlines: newlines.clone(),
    };
    let mut line_of = {
        let mut line = 1usize;
        move |byte: u64| {
            let mut q = newlines.borrow_mut();
            while q.front().is_some_and(|&n| n < byte) {
                q.pop_front();
                line += 1;
            }
            line
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(counting);
    let mut record = csv::ByteRecord::new();
    let mut header_seen = false;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                let message = match e.kind() {
                    csv::ErrorKind::Io(io) => return Err(cannot_read(shown, io)),
                    _ => format!("not valid CSV: {e}"),
                };
                let mut d = Diagnostic::file(shown, message);
                if line > 0 {
                    d.line = Some(line);
                }
                return Err(d.with_help("comma- or semicolon-separated values, text with quotes or commas in double quotes"));
            }
        }
        // The record's last line is the one its terminator ends (the reader is just past it);
        // its first is that less the line breaks inside its quoted fields.
        let end = reader.position().byte();
        let inside = record
            .iter()
            .map(|f| f.iter().filter(|b| **b == b'\n').count())
            .sum::<usize>();
        let line = line_of(end.saturating_sub(1)).saturating_sub(inside);
        let row = CsvRow(&record);
        if !header_seen {
            if row.all_blank() {
                continue;
            }
            header_seen = true;
            let names = (0..row.width())
                .map(|i| row.cell(i).text().into_owned())
                .collect();
            each(Record::Header(names));
            continue;
        }
        if row.all_blank() {
            continue;
        }
        let not_utf8 = record.iter().any(|f| std::str::from_utf8(f).is_err());
        each(Record::Row {
            line,
            cells: &row,
            not_utf8,
        });
    }
    if !header_seen {
        return Err(Diagnostic::file(shown, "the roster is empty")
            .with_help("a header row naming the columns, then one row per clinician, group or TIN (see docs/roster.md)"));
    }
    Ok(delimiter)
}

/// The cells of one sheet row, gathered from the cell reader.
pub(crate) struct SheetRow(Vec<RawCell>);

/// A cell held as the file gave it (text untrimmed): a sheet row's cells, and a bad row's
/// cells kept so that saving the roster writes them back as they were read.
#[derive(Clone, Debug, PartialEq)]
pub enum RawCell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
}

impl RawCell {
    /// A cell of any source, held.
    pub fn of(cell: &Cell<'_>) -> RawCell {
        match cell {
            Cell::Empty => RawCell::Empty,
            Cell::Text(t) => RawCell::Text(t.to_string()),
            Cell::Number(n) => RawCell::Number(*n),
            Cell::Bool(b) => RawCell::Bool(*b),
        }
    }

    /// The cell as the readers see it.
    pub fn as_cell(&self) -> Cell<'_> {
        match self {
            RawCell::Empty => Cell::Empty,
            RawCell::Text(t) => Cell::Text(Cow::Borrowed(t)),
            RawCell::Number(n) => Cell::Number(*n),
            RawCell::Bool(b) => Cell::Bool(*b),
        }
    }

    pub fn is_blank(&self) -> bool {
        self.as_cell().is_blank()
    }

    /// The cells of a row, held (trailing empty cells left off).
    pub fn row_of(cells: &dyn RowCells) -> Vec<RawCell> {
        let mut held: Vec<RawCell> = (0..cells.width())
            .map(|i| RawCell::of(&cells.cell(i)))
            .collect();
        while held.last() == Some(&RawCell::Empty) {
            held.pop();
        }
        held
    }
}

impl RowCells for SheetRow {
    fn width(&self) -> usize {
        self.0.len()
    }

    fn cell(&self, index: usize) -> Cell<'_> {
        self.0.get(index).map_or(Cell::Empty, RawCell::as_cell)
    }
}

fn sheet_cell(v: &calamine::DataRef<'_>) -> RawCell {
    use calamine::DataRef;
    match v {
        DataRef::Int(i) => RawCell::Number(*i as f64),
        DataRef::Float(f) => RawCell::Number(*f),
        DataRef::String(s) => RawCell::Text(s.clone()),
        DataRef::SharedString(s) => RawCell::Text((*s).to_string()),
        DataRef::Bool(b) => RawCell::Bool(*b),
        DataRef::DateTime(d) => RawCell::Number(d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => RawCell::Text(s.clone()),
        DataRef::Error(e) => RawCell::Text(format!("#{e:?}")),
        DataRef::Empty => RawCell::Empty,
    }
}

/// What the sheet reader hands over for each row that is not blank.
pub(crate) enum SheetRecord {
    /// The header row (always first).
    Header(Vec<String>),
    /// A data row and its row number in the sheet.
    Row { line: usize, cells: SheetRow },
}

/// Read the first sheet of an XLSX roster, one row at a time (the sheet is never held whole).
pub fn read_xlsx(
    path: &Path,
    shown: &str,
    mut each: impl FnMut(Record<'_>),
) -> Result<(), Diagnostic> {
    read_sheet(path, shown, |r| match r {
        SheetRecord::Header(names) => each(Record::Header(names)),
        SheetRecord::Row { line, cells } => each(Record::Row {
            line,
            cells: &cells,
            not_utf8: false,
        }),
    })
}

/// [`read_xlsx`], handing each row over whole.
pub(crate) fn read_sheet(
    path: &Path,
    shown: &str,
    mut each: impl FnMut(SheetRecord),
) -> Result<(), Diagnostic> {
    use calamine::Reader as _;
    let not_a_workbook = |e: calamine::XlsxError| {
        Diagnostic::file(shown, format!("not a readable XLSX workbook: {e}"))
            .with_help("an .xlsx file saved by a spreadsheet program, or a .csv file")
    };
    let file = std::fs::File::open(path).map_err(|e| cannot_read(shown, &e))?;
    let mut workbook =
        calamine::Xlsx::new(std::io::BufReader::new(file)).map_err(not_a_workbook)?;
    let Some(sheet) = workbook.sheet_names().first().cloned() else {
        return Err(Diagnostic::file(shown, "the workbook has no sheet")
            .with_help("a workbook whose first sheet is the roster"));
    };
    let mut cells = workbook
        .worksheet_cells_reader(&sheet)
        .map_err(not_a_workbook)?;
    let mut header_seen = false;
    let mut current = SheetRow(Vec::new());
    let mut current_row: Option<u32> = None;
    let mut flush = |row_index: u32, row: &mut SheetRow, header_seen: &mut bool| {
        if row.all_blank() {
            row.0.clear();
            return;
        }
        if !*header_seen {
            let names = (0..row.width())
                .map(|i| row.cell(i).text().into_owned())
                .collect();
            each(SheetRecord::Header(names));
            *header_seen = true;
            row.0.clear();
        } else {
            each(SheetRecord::Row {
                line: row_index as usize + 1,
                cells: std::mem::replace(row, SheetRow(Vec::new())),
            });
        }
    };
    loop {
        let next = cells.next_cell().map_err(not_a_workbook)?;
        let Some(cell) = next else { break };
        let (r, c) = cell.get_position();
        if current_row != Some(r) {
            if let Some(prev) = current_row {
                flush(prev, &mut current, &mut header_seen);
            }
            current_row = Some(r);
        }
        let c = c as usize;
        if current.0.len() <= c {
            current.0.resize(c + 1, RawCell::Empty);
        }
        current.0[c] = sheet_cell(cell.get_value());
    }
    if let Some(prev) = current_row {
        flush(prev, &mut current, &mut header_seen);
    }
    if !header_seen {
        return Err(Diagnostic::file(shown, "the roster is empty")
            .with_help("a header row naming the columns, then one row per clinician, group or TIN (see docs/roster.md)"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_run_like_a_spreadsheet() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn the_delimiter_is_guessed_from_the_header() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1;2"), b',');
        assert_eq!(sniff_delimiter(b"a;b;c\n"), b';');
        assert_eq!(sniff_delimiter(b"\"a;b\",c\n"), b',');
        assert_eq!(sniff_delimiter(b"a\tb\n"), b'\t');
        assert_eq!(sniff_delimiter(b"single\n"), b',');
    }

    #[test]
    fn text_that_is_not_utf8_is_read_as_windows_1252() {
        assert_eq!(decode(b"Ren\xe9e"), "Renée");
        assert_eq!(decode("Renée".as_bytes()), "Renée");
    }
}
