//! A roster held whole, for the explorer's Roster view: every row read and scored once (the
//! engine's trace-free path), kept compact (the row as read and a few numbers of its result),
//! bad rows kept in file order with their reasons, and the roster written back as CSV or
//! XLSX in the scenario's own column names (with CMS's numbers and the results beside them).

use std::path::{Path, PathBuf};

use super::check::{Comparison, evaluate};
use super::columns::{Era, Field, RESULT_NAMES, lookup, normalise};
use super::read::{Layout, RosterRow};
use super::source::{Cell, RawCell, Record, RowCells, read_csv, read_xlsx};
use super::{BadRow, Event, FileKind, ReadOptions, score_csv, score_file};
use crate::diagnostic::Diagnostic;
use crate::engine::{Band, ScoreResult};
use crate::rules::{Category, Confidence, RuleSet};
use crate::scenario::Scenario;
use crate::spreadsheet::{Kind, Value};

/// What the table shows of a row's result.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome {
    pub performance_year: u16,
    /// The final score as CMS publishes it (two decimals): it decides band and adjustment.
    pub final_score: f64,
    pub band: Band,
    pub payment_adjustment_percent: f64,
    pub dollar_impact: Option<f64>,
    /// The weakest of the rules' confidence and the reading's.
    pub confidence: Confidence,
}

impl Outcome {
    pub fn of(result: &ScoreResult, reading: Confidence) -> Outcome {
        Outcome {
            performance_year: result.performance_year,
            final_score: result.final_score_published,
            band: result.band,
            payment_adjustment_percent: result.payment_adjustment_percent,
            dollar_impact: result.dollar_impact,
            confidence: result.confidence.weakest(reading),
        }
    }
}

/// A scored row of the roster.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    /// The row as read (its scenario is the one scored, edits included).
    pub read: RosterRow,
    pub outcome: Outcome,
    /// CMS's results beside the rules' (when the file carries them).
    pub comparison: Option<Comparison>,
    /// Edited since the file was opened.
    pub changed: bool,
}

impl TableRow {
    fn from_scored(s: super::ScoredRow) -> TableRow {
        TableRow {
            outcome: Outcome::of(&s.result, s.row.confidence),
            read: s.row,
            comparison: s.comparison,
            changed: false,
        }
    }

    /// A row as edited, restored without its file (the file is gone): scored and compared.
    pub fn edited(
        row: usize,
        id: Option<String>,
        scenario: Scenario,
        cms: Option<super::CmsNumbers>,
        reading: Confidence,
        rules: &RuleSet,
    ) -> TableRow {
        let read = RosterRow {
            row,
            line: 0,
            id,
            scenario,
            cms,
            detail: Default::default(),
            notes: Vec::new(),
            confidence: reading,
        };
        let mut r = TableRow::from_scored(evaluate(read, rules));
        r.changed = true;
        r
    }

    /// The row with another scenario (an edit), scored and compared again.
    pub fn rescore(&mut self, scenario: Scenario, rules: &RuleSet) {
        let mut read = self.read.clone();
        read.scenario = scenario;
        let scored = evaluate(read, rules);
        let changed = true;
        *self = TableRow::from_scored(scored);
        self.changed = changed;
    }

    /// The name shown for the row: its name, else its id.
    pub fn name(&self) -> &str {
        self.read
            .scenario
            .name
            .as_deref()
            .or(self.read.id.as_deref())
            .unwrap_or("")
    }
}

/// One entry of the roster, in file order.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Entry {
    Scored(TableRow),
    /// A row that could not be scored: kept, with its reasons.
    Bad(BadRow),
}

impl Entry {
    /// The 1-based data row.
    pub fn row(&self) -> usize {
        match self {
            Entry::Scored(r) => r.read.row,
            Entry::Bad(b) => b.row,
        }
    }

    pub fn id(&self) -> Option<&str> {
        match self {
            Entry::Scored(r) => r.read.id.as_deref(),
            Entry::Bad(b) => b.id.as_deref(),
        }
    }

    /// The name shown (a bad row's id).
    pub fn name(&self) -> &str {
        match self {
            Entry::Scored(r) => r.name(),
            Entry::Bad(b) => b.id.as_deref().unwrap_or(""),
        }
    }

    pub fn scored(&self) -> Option<&TableRow> {
        match self {
            Entry::Scored(r) => Some(r),
            Entry::Bad(_) => None,
        }
    }

    /// Why a bad row was not scored, short: each problem's column and what is wrong.
    pub fn short_reason(&self) -> Option<String> {
        match self {
            Entry::Scored(_) => None,
            Entry::Bad(b) => Some(
                b.problems
                    .iter()
                    .map(|d| match &d.field {
                        Some(f) => format!("{f}: {}", d.message),
                        None => d.message.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        }
    }

    /// Why a bad row was not scored, in one line.
    pub fn reason(&self) -> Option<String> {
        match self {
            Entry::Scored(_) => None,
            Entry::Bad(b) => Some(
                b.problems
                    .iter()
                    .map(|d| d.one_line())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        }
    }
}

/// A whole roster, read and scored.
#[derive(Clone, Debug, PartialEq)]
pub struct Roster {
    /// The file as the user named it.
    pub file: PathBuf,
    pub era: Era,
    /// The file carries CMS's own final score or adjustment.
    pub has_cms: bool,
    pub entries: Vec<Entry>,
    /// What was said about the file as a whole (columns not used, a year from the name…).
    pub notes: Vec<String>,
    /// The file's columns, for writing its bad rows back as they were read.
    pub source: SourceColumns,
    /// The year given for rows without a year column (`--performance-year`).
    pub performance_year: Option<u16>,
    /// The file's size and modification time when it was read.
    pub stamp: Option<crate::files::FileStamp>,
}

/// The columns of the file a roster was read from, as far as saving its bad rows needs them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceColumns {
    /// The headers as the file writes them.
    pub headers: Vec<String>,
    /// For each column, the saved roster's field its cells go under as they are: the same
    /// field meaning the same thing. None: the saved roster has no such column (a public use
    /// file's points, flags and zeros, a column the reader does not use), so a bad row's cell
    /// there goes under a column of its own, `HEADER (as read)`.
    pub under: Vec<Option<Field>>,
    /// A semicolon-separated file: `85,5` is 85.5 (written back as `85.5`).
    pub decimal_comma: bool,
    /// The year of every row when the file has no year column (from the command line or the
    /// file's name): a bad row is written with it, as it was read.
    pub year: Option<u16>,
}

impl SourceColumns {
    fn of(layout: &Layout) -> SourceColumns {
        let mut under = vec![None; layout.headers.len()];
        for f in SAVED_FIELDS {
            if same_meaning(f, layout.era)
                && let Some(i) = layout.single_index(f)
            {
                under[i] = Some(f);
            }
        }
        SourceColumns {
            headers: layout.headers.clone(),
            under,
            decimal_comma: layout.decimal_comma,
            year: if layout.has(Field::Year) {
                None
            } else {
                layout.default_year.map(|(y, _)| y)
            },
        }
    }

    /// The header a save gives the file's column `i` among its other columns: a header the
    /// reader does not read (a specialty, a client's own column, a public use file's
    /// column scoring does not need) as the file writes it; one it reads (a public use
    /// file's category score in points, a flag, a weight) with ` (as read)` after it, which
    /// the reader passes over, so that the saved file is never read with it twice, in
    /// another meaning or as another layout.
    pub fn other_header(&self, i: usize) -> String {
        let h = self.headers.get(i).map_or("", |h| h.trim());
        if h.is_empty() {
            return format!("column {} (as read)", i + 1);
        }
        match lookup(&normalise(h)) {
            None | Some((Field::NotNeeded, _)) => h.to_string(),
            Some(_) => format!("{h} (as read)"),
        }
    }

    /// Is column `i` an earlier save's result (`scored_final_score`, …)? It is written
    /// afresh, not copied.
    fn is_result(&self, i: usize) -> bool {
        self.headers
            .get(i)
            .is_some_and(|h| RESULT_NAMES.contains(&normalise(h).as_str()))
    }

    /// A cell as a save writes it: as it was, but a semicolon-separated file's decimal
    /// comma as a point (the saved file is comma-separated).
    fn value(&self, cell: &Cell<'_>) -> Value {
        match cell {
            Cell::Empty => Value::Empty,
            Cell::Text(t) => Value::Text(if self.decimal_comma {
                point_for_comma(t)
            } else {
                t.to_string()
            }),
            Cell::Number(n) => Value::Number(*n),
            Cell::Bool(b) => Value::Bool(*b),
        }
    }
}

/// The saved roster's input fields (a saved column is named by its field's own name).
const SAVED_FIELDS: [Field; 20] = [
    Field::Id,
    Field::Name,
    Field::Year,
    Field::ReportingOption,
    Field::Participation,
    Field::Clinicians,
    Field::Rural,
    Field::Hpsa,
    Field::NonPatientFacing,
    Field::Reporting,
    Field::Charges,
    Field::Score(Category::Quality),
    Field::Score(Category::Cost),
    Field::Score(Category::ImprovementActivities),
    Field::Score(Category::PromotingInteroperability),
    Field::ComplexPatientBonus,
    Field::MaxPositiveAdjustment,
    Field::ExceptionalBonusMax,
    Field::CmsFinalScore,
    Field::CmsAdjustment,
];

/// Does a cell of field `f` in a file of `era` read the same in the saved roster (the
/// scenario's own columns)? A public use file's category scores (a 0 that can mean "not
/// scored"), reporting option and participation (read together with its other columns) and
/// reporting flags do not.
fn same_meaning(f: Field, era: Era) -> bool {
    era == Era::Own
        || !matches!(
            f,
            Field::Score(_) | Field::ReportingOption | Field::Participation | Field::Reporting
        )
}

/// Collects the events of a read into a roster.
struct Collector {
    roster: Roster,
}

impl Collector {
    fn new(file: PathBuf) -> Collector {
        Collector {
            roster: Roster {
                file,
                era: Era::Own,
                has_cms: false,
                entries: Vec::new(),
                notes: Vec::new(),
                source: SourceColumns::default(),
                performance_year: None,
                stamp: None,
            },
        }
    }

    fn take(&mut self, e: Event<'_>) {
        let r = &mut self.roster;
        match e {
            Event::Columns(layout) => {
                r.era = layout.era;
                r.has_cms = layout.has_cms_results();
                r.source = SourceColumns::of(layout);
            }
            Event::Scored(s) => r.entries.push(Entry::Scored(TableRow::from_scored(s))),
            Event::Bad(b) => r.entries.push(Entry::Bad(b)),
            Event::Note(n) => r.notes.push(n),
        }
    }
}

impl Roster {
    /// Read and score a roster file (CSV or XLSX, from its extension).
    pub fn load(path: &Path, options: &ReadOptions, rules: &RuleSet) -> Result<Roster, Diagnostic> {
        let mut c = Collector::new(path.to_path_buf());
        c.roster.performance_year = options.performance_year;
        c.roster.stamp = crate::files::FileStamp::of(path);
        score_file(path, options, rules, |e| c.take(e))?;
        Ok(c.roster)
    }

    /// Read and score CSV text (`shown` names it).
    pub fn from_csv_text(
        shown: &str,
        text: &str,
        options: &ReadOptions,
        rules: &RuleSet,
    ) -> Result<Roster, Diagnostic> {
        let mut c = Collector::new(PathBuf::from(shown));
        c.roster.performance_year = options.performance_year;
        score_csv(shown, text.as_bytes(), options, rules, |e| c.take(e))?;
        Ok(c.roster)
    }

    pub fn scored(&self) -> impl Iterator<Item = &TableRow> {
        self.entries.iter().filter_map(Entry::scored)
    }

    pub fn bad_rows(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| matches!(e, Entry::Bad(_)))
            .count()
    }

    /// Rows edited since the file was opened.
    pub fn changed_rows(&self) -> usize {
        self.scored().filter(|r| r.changed).count()
    }

    /// The columns a saved roster has.
    pub fn columns(&self) -> Vec<(&'static str, Kind)> {
        let mut c: Vec<(&'static str, Kind)> = INPUT_COLUMNS.to_vec();
        if self.has_cms {
            c.extend_from_slice(CMS_COLUMNS);
        }
        c.extend_from_slice(RESULT_COLUMNS);
        c
    }

    /// The values of one scored row, in [`Roster::columns`]' order.
    pub fn values(&self, r: &TableRow) -> Vec<Value> {
        let s = &r.read.scenario;
        let p = &s.practice;
        let opt = |v: Option<f64>| v.map_or(Value::Empty, Value::Number);
        let yes_no = |b: bool| Value::Text(if b { "true" } else { "false" }.into());
        let name = s.name.clone().filter(|n| Some(n) != r.read.id.as_ref());
        let mut v = vec![
            r.read.id.clone().map_or(Value::Empty, Value::Text),
            name.map_or(Value::Empty, Value::Text),
            Value::Number(f64::from(s.performance_year)),
            Value::Text(s.reporting_option.key().into()),
            Value::Text(p.participation.key().into()),
            Value::Number(f64::from(p.clinicians)),
            yes_no(p.rural),
            yes_no(p.hpsa),
            yes_no(p.non_patient_facing),
            yes_no(p.reporting),
            opt(p.part_b_allowed_charges),
        ];
        for c in Category::ALL {
            v.push(opt(s.scores.get(c)));
        }
        v.push(Value::Number(s.complex_patient_bonus));
        v.push(opt(s.assumptions.max_positive_adjustment));
        v.push(opt(s.assumptions.exceptional_bonus_max));
        if self.has_cms {
            let cms = r.read.cms.unwrap_or_default();
            v.push(opt(cms.final_score));
            v.push(opt(cms.payment_adjustment_percent));
        }
        let o = &r.outcome;
        v.push(Value::Number(o.final_score));
        v.push(Value::Text(o.band.key().into()));
        v.push(Value::Number(o.payment_adjustment_percent));
        v.push(opt(o.dollar_impact));
        v.push(Value::Text(o.confidence.as_str().into()));
        v
    }

    /// The cells of a bad row in the saved columns (`columns`, then `others`: the file's
    /// other columns), as they were read.
    fn bad_values(&self, b: &BadRow, columns: &[(&str, Kind)], others: &[usize]) -> Vec<Value> {
        let src = &self.source;
        let mut v = vec![Value::Empty; columns.len() + others.len()];
        let value = |i: usize| {
            b.cells
                .get(i)
                .map_or(Value::Empty, |c| src.value(&c.as_cell()))
        };
        for (i, under) in src.under.iter().enumerate() {
            let Some(f) = under else { continue };
            if let Some(at) = columns.iter().position(|(n, _)| *n == f.own_name()) {
                v[at] = value(i);
            }
        }
        for (k, &i) in others.iter().enumerate() {
            v[columns.len() + k] = value(i);
        }
        if let Some(y) = src.year
            && let Some(at) = columns
                .iter()
                .position(|(n, _)| *n == Field::Year.own_name())
        {
            v[at] = Value::Number(f64::from(y));
        }
        v
    }

    /// The file's columns a save writes after the roster's own: those the saved columns do
    /// not hold. With the file's cells (`with_file`), every such column of its header;
    /// without, the columns where a row that could not be scored has a cell (its cells are
    /// held). A column of an earlier save's results is not copied (the results are written
    /// afresh), nor a column with no header and nothing in it.
    fn other_columns(&self, columns: &[(&str, Kind)], with_file: bool) -> Vec<usize> {
        let src = &self.source;
        let held = |i: usize| {
            src.under
                .get(i)
                .copied()
                .flatten()
                .is_some_and(|f| columns.iter().any(|(n, _)| *n == f.own_name()))
        };
        let bad = || {
            self.entries.iter().filter_map(|e| match e {
                Entry::Bad(b) => Some(b),
                Entry::Scored(_) => None,
            })
        };
        let width = src
            .headers
            .len()
            .max(bad().map(|b| b.cells.len()).max().unwrap_or(0));
        (0..width)
            .filter(|&i| !held(i) && !src.is_result(i))
            .filter(|&i| {
                (with_file && src.headers.get(i).is_some_and(|h| !h.trim().is_empty()))
                    || bad().any(|b| b.cells.get(i).is_some_and(|c| !c.is_blank()))
            })
            .collect()
    }

    /// Is the file the roster was read from still as it was read? (Its other columns are read
    /// from it again when the roster is saved.) Why not, in words.
    fn file_as_read(&self) -> Result<(), String> {
        let shown = self.file.display();
        let Some(stamp) = self.stamp else {
            return Err(format!("{shown} was not read in this session"));
        };
        match crate::files::FileStamp::of(&self.file) {
            None => Err(format!("{shown} is gone")),
            Some(now) if now != stamp => Err(format!("{shown} changed since it was opened")),
            Some(_) => Ok(()),
        }
    }

    /// The roster as a file of `kind`: CSV text, or an XLSX workbook, every row in file
    /// order, in the roster's own columns (inputs, CMS's numbers, results), then the file's
    /// other columns (see [`SourceColumns::other_header`]). A scored row is written from its
    /// scenario, with its cells of the other columns read from the file again, as they were
    /// (the file must be as it was read: otherwise they are left out and [`Saved`] says
    /// why). A bad row (it has no scenario) is written as it was read, each cell under the
    /// column of the same field, or under the other columns, so that fixing it there and
    /// opening the file again scores it.
    pub fn to_bytes(&self, kind: FileKind) -> Result<(Vec<u8>, Saved), String> {
        let columns = self.columns();
        let bad_rows = self.bad_rows();
        let wanted = self.other_columns(&columns, true);
        let without = self.other_columns(&columns, false);
        let why_not = if wanted.is_empty() {
            None
        } else {
            match self.file_as_read() {
                Ok(()) => match self.write(kind, &columns, &wanted, true) {
                    Ok(bytes) => {
                        let other_columns = OtherColumns::Kept(wanted.len());
                        return Ok((
                            bytes,
                            Saved {
                                bad_rows,
                                other_columns,
                            },
                        ));
                    }
                    Err(Failure::File(why)) => Some(why),
                    Err(Failure::Output(e)) => return Err(e),
                },
                Err(why) => Some(why),
            }
        };
        let bytes = self
            .write(kind, &columns, &without, false)
            .map_err(|f| match f {
                Failure::File(why) | Failure::Output(why) => why,
            })?;
        let other_columns = match why_not {
            Some(why) => OtherColumns::NotKept {
                columns: wanted.len(),
                why,
            },
            None if without.is_empty() => OtherColumns::None,
            None => OtherColumns::Kept(without.len()),
        };
        Ok((
            bytes,
            Saved {
                bad_rows,
                other_columns,
            },
        ))
    }

    /// [`Roster::to_bytes`] in the given columns, with the file's cells or without.
    fn write(
        &self,
        kind: FileKind,
        columns: &[(&str, Kind)],
        others: &[usize],
        with_file: bool,
    ) -> Result<Vec<u8>, Failure> {
        let headers: Vec<String> = others
            .iter()
            .map(|&i| self.source.other_header(i))
            .collect();
        let mut all = columns.to_vec();
        // Cells as they were: numbers as numbers, text as text, no column format.
        all.extend(headers.iter().map(|h| (h.as_str(), Kind::Number)));
        let output = Failure::Output;
        match kind {
            FileKind::Csv => {
                let mut sink = CsvSink {
                    writer: csv::WriterBuilder::new().from_writer(Vec::new()),
                    kinds: all.iter().map(|(_, k)| *k).collect(),
                    field: String::new(),
                };
                sink.writer
                    .write_record(all.iter().map(|(n, _)| *n))
                    .map_err(|e| output(e.to_string()))?;
                self.write_rows(&mut sink, columns, others, with_file)?;
                sink.writer.into_inner().map_err(|e| output(e.to_string()))
            }
            FileKind::Xlsx => {
                let mut workbook = rust_xlsxwriter::Workbook::new();
                {
                    let sheet = crate::spreadsheet::SheetWriter::new(&mut workbook, "Roster", &all)
                        .map_err(|e| output(e.to_string()))?;
                    self.write_rows(&mut XlsxSink(sheet), columns, others, with_file)?;
                }
                crate::spreadsheet::to_bytes(workbook).map_err(|e| output(e.to_string()))
            }
        }
    }

    /// Every entry to `sink` in file order, each scored row with its cells of the `others`
    /// columns from the file read again (`with_file`) or blank.
    fn write_rows(
        &self,
        sink: &mut dyn RowSink,
        columns: &[(&str, Kind)],
        others: &[usize],
        with_file: bool,
    ) -> Result<(), Failure> {
        let emit = |sink: &mut dyn RowSink, e: &Entry, cells: Option<&dyn RowCells>| match e {
            Entry::Scored(r) => {
                let mut v = self.values(r);
                v.extend(
                    others
                        .iter()
                        .map(|&i| cells.map_or(Value::Empty, |c| self.source.value(&c.cell(i)))),
                );
                sink.scored(&v)
            }
            Entry::Bad(b) => sink.as_read(&self.bad_values(b, columns, others)),
        };
        let entries = &self.entries;
        let mut next = 0usize;
        if with_file {
            // The file again, a row at a time; its n-th data row is the roster's row n.
            let mut row = 0usize;
            let mut failed: Option<Failure> = None;
            let mut each = |record: Record<'_>| {
                if failed.is_some() {
                    return;
                }
                match record {
                    Record::Header(names) => {
                        if names != self.source.headers {
                            failed = Some(Failure::File(format!(
                                "the columns of {} changed since it was opened",
                                self.file.display()
                            )));
                        }
                    }
                    Record::Row { cells, .. } => {
                        row += 1;
                        while next < entries.len() && entries[next].row() < row {
                            if let Err(e) = emit(sink, &entries[next], None) {
                                failed = Some(Failure::Output(e));
                                return;
                            }
                            next += 1;
                        }
                        if next < entries.len() && entries[next].row() == row {
                            if let Err(e) = emit(sink, &entries[next], Some(cells)) {
                                failed = Some(Failure::Output(e));
                                return;
                            }
                            next += 1;
                        } else {
                            failed = Some(Failure::File(format!(
                                "the rows of {} changed since it was opened",
                                self.file.display()
                            )));
                        }
                    }
                }
            };
            let shown = self.file.display().to_string();
            let read = match FileKind::of(&self.file) {
                Ok(FileKind::Xlsx) => read_xlsx(&self.file, &shown, &mut each),
                Ok(FileKind::Csv) => std::fs::File::open(&self.file)
                    .map_err(|e| Diagnostic::file(&shown, e.to_string()))
                    .and_then(|f| read_csv(&shown, f, &mut each).map(|_| ())),
                Err(d) => Err(d),
            };
            if let Some(f) = failed {
                return Err(f);
            }
            read.map_err(|d| Failure::File(format!("{} could not be read again", d.one_line())))?;
        }
        for e in &entries[next..] {
            emit(sink, e, None).map_err(Failure::Output)?;
        }
        Ok(())
    }

    /// The roster was saved over its own file (now stamped `stamp`): the file it reads its
    /// other columns from at the next save is the saved one, in the roster's own columns.
    pub fn saved_over_its_file(&mut self, saved: &Saved, stamp: Option<crate::files::FileStamp>) {
        let columns = self.columns();
        let with_file = matches!(saved.other_columns, OtherColumns::Kept(_));
        let others = self.other_columns(&columns, with_file);
        let mut headers: Vec<String> = columns.iter().map(|(n, _)| n.to_string()).collect();
        let mut under: Vec<Option<Field>> = columns
            .iter()
            .map(|(n, _)| SAVED_FIELDS.iter().copied().find(|f| f.own_name() == *n))
            .collect();
        headers.extend(others.iter().map(|&i| self.source.other_header(i)));
        under.extend(others.iter().map(|_| None));
        let bad: Vec<Vec<RawCell>> = self
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::Bad(b) => Some(
                    self.bad_values(b, &columns, &others)
                        .into_iter()
                        .map(|v| match v {
                            Value::Empty => RawCell::Empty,
                            Value::Text(t) => RawCell::Text(t),
                            Value::Number(n) => RawCell::Number(n),
                            Value::Bool(b) => RawCell::Bool(b),
                        })
                        .collect(),
                ),
                Entry::Scored(_) => None,
            })
            .collect();
        let mut bad = bad.into_iter();
        for e in &mut self.entries {
            if let Entry::Bad(b) = e
                && let Some(cells) = bad.next()
            {
                b.cells = cells;
            }
        }
        self.source = SourceColumns {
            headers,
            under,
            decimal_comma: false,
            year: None,
        };
        self.era = Era::Own;
        self.stamp = stamp;
    }
}

/// What became of the file's other columns (those the roster's own do not hold: a
/// specialty, a client's notes, a public use file's points and flags) when it was saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OtherColumns {
    /// The file has none.
    None,
    /// This many, each row with its cells as they were.
    Kept(usize),
    /// The file has this many, but it could not be read again as it was (why, in words):
    /// the scored rows' cells in them are left out (a row that could not be scored keeps
    /// its cells, which are held, and the columns they are in).
    NotKept { columns: usize, why: String },
}

/// What a save wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// Rows that could not be scored, written as they were read.
    pub bad_rows: usize,
    pub other_columns: OtherColumns,
}

/// Why a save's bytes could not be made: the file read again was not as it was read (the
/// save goes on without its cells), or the output failed.
enum Failure {
    File(String),
    Output(String),
}

/// Where a save's rows go.
trait RowSink {
    /// A scored row: each column in its kind.
    fn scored(&mut self, values: &[Value]) -> Result<(), String>;
    /// A row as it was read: numbers as they are.
    fn as_read(&mut self, values: &[Value]) -> Result<(), String>;
}

struct CsvSink {
    writer: csv::Writer<Vec<u8>>,
    kinds: Vec<Kind>,
    field: String,
}

impl CsvSink {
    fn row(&mut self, values: &[Value], as_read: bool) -> Result<(), String> {
        for (i, value) in values.iter().enumerate() {
            let kind = if as_read { Kind::Number } else { self.kinds[i] };
            csv_field(value, kind, &mut self.field);
            self.writer
                .write_field(self.field.as_bytes())
                .map_err(|e| e.to_string())?;
        }
        self.writer
            .write_record(None::<&[u8]>)
            .map_err(|e| e.to_string())
    }
}

impl RowSink for CsvSink {
    fn scored(&mut self, values: &[Value]) -> Result<(), String> {
        self.row(values, false)
    }
    fn as_read(&mut self, values: &[Value]) -> Result<(), String> {
        self.row(values, true)
    }
}

struct XlsxSink<'w>(crate::spreadsheet::SheetWriter<'w>);

fn sheet_error(e: rust_xlsxwriter::XlsxError) -> String {
    match e {
        rust_xlsxwriter::XlsxError::RowColumnLimitError => {
            "the roster has more rows than a spreadsheet holds (1,048,575): save it as .csv"
                .to_string()
        }
        e => e.to_string(),
    }
}

impl RowSink for XlsxSink<'_> {
    fn scored(&mut self, values: &[Value]) -> Result<(), String> {
        self.0.row(values).map_err(sheet_error)
    }
    fn as_read(&mut self, values: &[Value]) -> Result<(), String> {
        self.0.row_as_read(values).map_err(sheet_error)
    }
}

/// A number in a semicolon-separated file's decimal comma (`85,5`) with a point, as the saved
/// comma-separated roster reads it; any other text as it is.
fn point_for_comma(text: &str) -> String {
    let t = text.trim();
    let number = t.matches(',').count() == 1
        && !t.contains('.')
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'-' | b'+' | b'%'));
    if number {
        text.replacen(',', ".", 1)
    } else {
        text.to_string()
    }
}

/// A value as CSV text: numbers in full precision, shortest form.
fn csv_field(v: &Value, kind: Kind, out: &mut String) {
    use std::fmt::Write as _;
    out.clear();
    match v {
        Value::Empty => {}
        Value::Text(t) => out.push_str(t),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if kind == Kind::Integer {
                let _ = write!(out, "{}", *n as i64);
            } else {
                let _ = write!(out, "{n}");
            }
        }
    }
}

/// The scenario's own columns, as a saved roster writes them.
const INPUT_COLUMNS: &[(&str, Kind)] = &[
    ("id", Kind::Text),
    ("name", Kind::Text),
    ("performance_year", Kind::Integer),
    ("reporting_option", Kind::Text),
    ("participation", Kind::Text),
    ("clinicians", Kind::Integer),
    ("rural", Kind::Text),
    ("hpsa", Kind::Text),
    ("non_patient_facing", Kind::Text),
    ("reporting", Kind::Text),
    ("part_b_allowed_charges", Kind::Dollars),
    ("quality", Kind::Number),
    ("cost", Kind::Number),
    ("improvement_activities", Kind::Number),
    ("promoting_interoperability", Kind::Number),
    ("complex_patient_bonus", Kind::Number),
    ("max_positive_adjustment", Kind::Number),
    ("exceptional_bonus_max", Kind::Number),
];

/// CMS's numbers are inputs: written in the units the reader reads (a percent as its number
/// of percent, not a spreadsheet percent, which would store 0.0044 for 0.44%).
const CMS_COLUMNS: &[(&str, Kind)] = &[
    ("cms_final_score", Kind::Score),
    ("cms_payment_adjustment_percent", Kind::Number),
];

/// The results beside the inputs (the reader passes over them: see
/// [`super::columns::RESULT_NAMES`]).
const RESULT_COLUMNS: &[(&str, Kind)] = &[
    ("scored_final_score", Kind::Score),
    ("scored_band", Kind::Text),
    ("scored_payment_adjustment_percent", Kind::Percent),
    ("scored_dollar_impact", Kind::Dollars),
    ("scored_confidence", Kind::Text),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_roster_reads_back_to_the_same_scenarios_and_results() {
        let rules = RuleSet::embedded().unwrap();
        let text = std::fs::read_to_string("rosters/practice.csv").unwrap();
        let options = ReadOptions::default();
        let roster = Roster::from_csv_text("practice.csv", &text, &options, &rules).unwrap();
        assert!(roster.scored().count() >= 4);
        let (bytes, _) = roster.to_bytes(FileKind::Csv).unwrap();
        let again = Roster::from_csv_text(
            "saved.csv",
            std::str::from_utf8(&bytes).unwrap(),
            &options,
            &rules,
        )
        .unwrap();
        assert!(again.notes.is_empty(), "{:?}", again.notes);
        // The example on the roster page is this file's first row, saved.
        let page = std::fs::read_to_string("docs/roster.md").unwrap();
        let saved = std::str::from_utf8(&bytes).unwrap();
        for line in saved.lines().take(2) {
            assert!(page.contains(line), "docs/roster.md shows: {line}");
        }
        let a: Vec<_> = roster
            .scored()
            .map(|r| (&r.read.scenario, r.outcome))
            .collect();
        let b: Vec<_> = again
            .scored()
            .map(|r| (&r.read.scenario, r.outcome))
            .collect();
        assert_eq!(a, b);
    }
}
