//! A roster held whole, for the explorer's Roster view: every row read and scored once (the
//! engine's trace-free path), kept compact (the row as read and a few numbers of its result),
//! bad rows kept in file order with their reasons, and the roster written back as CSV or
//! XLSX in the scenario's own column names (with CMS's numbers and the results beside them).

use std::path::{Path, PathBuf};

use super::check::{Comparison, evaluate};
use super::columns::{Era, Field};
use super::read::{Layout, RosterRow};
use super::source::RawCell;
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

    /// The header of a column of its own for the cells of column `i`.
    fn as_read_header(&self, i: usize) -> String {
        match self.headers.get(i).map(|h| h.trim()) {
            Some(h) if !h.is_empty() => format!("{h} (as read)"),
            _ => format!("column {} (as read)", i + 1),
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

    /// The cells of a bad row in the saved columns (`columns`, then `as_read`: the source
    /// columns written under a column of their own), as they were read.
    fn bad_values(&self, b: &BadRow, columns: &[(&str, Kind)], as_read: &[usize]) -> Vec<Value> {
        let src = &self.source;
        let mut v = vec![Value::Empty; columns.len() + as_read.len()];
        let value = |i: usize| -> Value {
            match b.cells.get(i) {
                None | Some(RawCell::Empty) => Value::Empty,
                Some(RawCell::Text(t)) => Value::Text(if src.decimal_comma {
                    point_for_comma(t)
                } else {
                    t.clone()
                }),
                Some(RawCell::Number(n)) => Value::Number(*n),
                Some(RawCell::Bool(x)) => Value::Bool(*x),
            }
        };
        for (i, under) in src.under.iter().enumerate() {
            let Some(f) = under else { continue };
            if let Some(at) = columns.iter().position(|(n, _)| *n == f.own_name()) {
                v[at] = value(i);
            }
        }
        for (k, &i) in as_read.iter().enumerate() {
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

    /// The source columns a bad row has a cell in that the saved columns do not hold.
    fn as_read_columns(&self, columns: &[(&str, Kind)]) -> Vec<usize> {
        let src = &self.source;
        let held = |i: usize| {
            src.under
                .get(i)
                .copied()
                .flatten()
                .is_some_and(|f| columns.iter().any(|(n, _)| *n == f.own_name()))
        };
        let width = src.headers.len().max(
            self.entries
                .iter()
                .filter_map(|e| match e {
                    Entry::Bad(b) => Some(b.cells.len()),
                    Entry::Scored(_) => None,
                })
                .max()
                .unwrap_or(0),
        );
        (0..width)
            .filter(|&i| !held(i))
            .filter(|&i| {
                self.entries.iter().any(|e| match e {
                    Entry::Bad(b) => b.cells.get(i).is_some_and(|c| !c.is_blank()),
                    Entry::Scored(_) => false,
                })
            })
            .collect()
    }

    /// The roster as a file of `kind`: CSV text, or an XLSX workbook, every row in file
    /// order. A scored row is written from its scenario; a bad row (it has none) is written
    /// as it was read, each cell under the column of the same field, or under a column of its
    /// own (`HEADER (as read)`) where the saved roster has none, so that fixing it there and
    /// opening the file again scores it. The count of bad rows written so is returned with it.
    pub fn to_bytes(&self, kind: FileKind) -> Result<(Vec<u8>, usize), String> {
        let columns = self.columns();
        let as_read = self.as_read_columns(&columns);
        let extra: Vec<String> = as_read
            .iter()
            .map(|&i| self.source.as_read_header(i))
            .collect();
        let mut all = columns.clone();
        all.extend(extra.iter().map(|h| (h.as_str(), Kind::Text)));
        let blank_extra = vec![Value::Empty; as_read.len()];
        let bad = self.bad_rows();
        match kind {
            FileKind::Csv => {
                let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
                w.write_record(all.iter().map(|(n, _)| *n))
                    .map_err(|e| e.to_string())?;
                let mut field = String::new();
                for e in &self.entries {
                    let values = match e {
                        Entry::Scored(r) => {
                            let mut v = self.values(r);
                            v.extend_from_slice(&blank_extra);
                            v
                        }
                        Entry::Bad(b) => self.bad_values(b, &columns, &as_read),
                    };
                    for (i, value) in values.iter().enumerate() {
                        // A bad row's numbers (from a sheet) are written as they are.
                        let kind = match e {
                            Entry::Scored(_) => all[i].1,
                            Entry::Bad(_) => Kind::Number,
                        };
                        csv_field(value, kind, &mut field);
                        w.write_field(field.as_bytes()).map_err(|e| e.to_string())?;
                    }
                    w.write_record(None::<&[u8]>).map_err(|e| e.to_string())?;
                }
                let bytes = w.into_inner().map_err(|e| e.to_string())?;
                Ok((bytes, bad))
            }
            FileKind::Xlsx => {
                let mut workbook = rust_xlsxwriter::Workbook::new();
                {
                    let mut sheet =
                        crate::spreadsheet::SheetWriter::new(&mut workbook, "Roster", &all)
                            .map_err(|e| e.to_string())?;
                    for e in &self.entries {
                        let written = match e {
                            Entry::Scored(r) => {
                                let mut v = self.values(r);
                                v.extend_from_slice(&blank_extra);
                                sheet.row(&v)
                            }
                            Entry::Bad(b) => {
                                sheet.row_as_read(&self.bad_values(b, &columns, &as_read))
                            }
                        };
                        written.map_err(|e| match e {
                            rust_xlsxwriter::XlsxError::RowColumnLimitError => {
                                "the roster has more rows than a spreadsheet holds (1,048,575): save it as .csv".to_string()
                            }
                            e => e.to_string(),
                        })?;
                    }
                }
                let bytes = crate::spreadsheet::to_bytes(workbook).map_err(|e| e.to_string())?;
                Ok((bytes, bad))
            }
        }
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
