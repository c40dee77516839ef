//! A roster held whole, for the explorer's Roster view: every row read and scored once (the
//! engine's trace-free path), kept compact (the row as read and a few numbers of its result),
//! bad rows kept in file order with their reasons, and the roster written back as CSV or
//! XLSX in the scenario's own column names (with CMS's numbers and the results beside them).

use std::path::{Path, PathBuf};

use super::check::{Comparison, evaluate};
use super::columns::Era;
use super::read::RosterRow;
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
            },
        }
    }

    fn take(&mut self, e: Event<'_>) {
        let r = &mut self.roster;
        match e {
            Event::Columns(layout) => {
                r.era = layout.era;
                r.has_cms = layout.has_cms_results();
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

    /// The roster as a file of `kind`: CSV text, or an XLSX workbook. Bad rows are not
    /// written (they have no scenario); the count of those left out is returned with it.
    pub fn to_bytes(&self, kind: FileKind) -> Result<(Vec<u8>, usize), String> {
        let columns = self.columns();
        let left_out = self.bad_rows();
        match kind {
            FileKind::Csv => {
                let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
                w.write_record(columns.iter().map(|(n, _)| *n))
                    .map_err(|e| e.to_string())?;
                let mut field = String::new();
                for r in self.scored() {
                    for (value, (_, kind)) in self.values(r).iter().zip(&columns) {
                        csv_field(value, *kind, &mut field);
                        w.write_field(field.as_bytes()).map_err(|e| e.to_string())?;
                    }
                    w.write_record(None::<&[u8]>).map_err(|e| e.to_string())?;
                }
                let bytes = w.into_inner().map_err(|e| e.to_string())?;
                Ok((bytes, left_out))
            }
            FileKind::Xlsx => {
                let mut workbook = rust_xlsxwriter::Workbook::new();
                {
                    let mut sheet =
                        crate::spreadsheet::SheetWriter::new(&mut workbook, "Roster", &columns)
                            .map_err(|e| e.to_string())?;
                    for r in self.scored() {
                        sheet.row(&self.values(r)).map_err(|e| match e {
                            rust_xlsxwriter::XlsxError::RowColumnLimitError => {
                                "the roster has more rows than a spreadsheet holds (1,048,575): save it as .csv".to_string()
                            }
                            e => e.to_string(),
                        })?;
                    }
                }
                let bytes = crate::spreadsheet::to_bytes(workbook).map_err(|e| e.to_string())?;
                Ok((bytes, left_out))
            }
        }
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

const CMS_COLUMNS: &[(&str, Kind)] = &[
    ("cms_final_score", Kind::Score),
    ("cms_payment_adjustment_percent", Kind::Percent),
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
