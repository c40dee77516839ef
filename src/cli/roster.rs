//! `mips-whatif roster FILE [--format text|csv|xlsx|json] [-o PATH [--force]] [--check]
//! [--set FIELD=VALUE]... [--where COND]... [--year YEAR]`
//!
//! Rows stream from the file to the output: each is written as soon as it is scored, and
//! only the summary's totals are kept.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde_json::json;

use super::EXIT_BAD_INPUT;
use crate::engine::ScoreResult;
use crate::files::{SaveError, save_atomically_with};
use crate::format::{percent, signed_dollars, two_decimals};
use crate::national::National;
use crate::roster::summary::{BANDS, index_of};
use crate::roster::whatif::{SET_HELP, WHERE_HELP, parse_change, parse_condition};
use crate::roster::{BadRow, Event, Mapping, ReadOptions, ScoredRow, Summary, WhatIf, score_file};
use crate::rules::RuleSet;
use crate::spreadsheet::{Kind, SheetWriter, Value};

/// The roster output's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RosterFormat {
    Text,
    Csv,
    Xlsx,
    Json,
}

impl RosterFormat {
    fn from_path(path: &Path) -> Result<Option<RosterFormat>, String> {
        let Some(ext) = path.extension() else {
            return Ok(None);
        };
        match ext.to_string_lossy().to_ascii_lowercase().as_str() {
            "txt" => Ok(Some(RosterFormat::Text)),
            "csv" => Ok(Some(RosterFormat::Csv)),
            "xlsx" => Ok(Some(RosterFormat::Xlsx)),
            "json" => Ok(Some(RosterFormat::Json)),
            other => Err(other.to_string()),
        }
    }
}

/// `roster`'s options.
#[derive(Args, Debug, Clone)]
pub struct RosterArgs {
    /// The roster: a .csv (comma, semicolon or tab separated) or .xlsx file, one row per
    /// clinician, group or TIN (see docs/roster.md for the columns)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format [default: from the -o extension, else text]
    #[arg(long, value_enum)]
    pub format: Option<RosterFormat>,
    /// Write to this file instead of standard output (refuses to replace an existing file
    /// unless --force); needed for xlsx
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace the -o file if it exists
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Show only the rows whose CMS final score or adjustment (in the file) differ from the
    /// rules', each with the likely reason: a targeted-review finder
    #[arg(long)]
    pub check: bool,
    /// Performance year of rows without a year column (CMS's public use file has none)
    #[arg(long, value_name = "YEAR")]
    pub performance_year: Option<u16>,
    /// Column-mapping file (TOML) naming the roster column of each of the file's own headers
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// What-if: change every row (or those --where selects), e.g. cost=+10, pi=85, quality=none;
    /// repeat for several changes
    #[arg(long = "set", value_name = "FIELD=VALUE", allow_hyphen_values = true)]
    pub set: Vec<String>,
    /// What-if: only rows that match, e.g. small=true, clinicians>15, pi=none; repeat to
    /// require all
    #[arg(long = "where", value_name = "CONDITION", allow_hyphen_values = true)]
    pub conditions: Vec<String>,
    /// What-if: score every row (or those --where selects) in this performance year
    #[arg(long, value_name = "YEAR")]
    pub year: Option<u16>,
}

fn bad(message: String, allowed: &str) -> ExitCode {
    eprintln!("error: {message}\n  = allowed: {allowed}");
    ExitCode::from(EXIT_BAD_INPUT)
}

/// One row as every format writes it.
struct RowOut<'a> {
    scored: Option<&'a ScoredRow>,
    bad: Option<&'a BadRow>,
    what_if: Option<Result<ScoreResult, String>>,
}

impl RowOut<'_> {
    fn row(&self) -> usize {
        self.scored
            .map_or_else(|| self.bad.map_or(0, |b| b.row), |s| s.row.row)
    }

    fn id(&self) -> Option<&str> {
        match (self.scored, self.bad) {
            (Some(s), _) => s.row.id.as_deref(),
            (_, Some(b)) => b.id.as_deref(),
            _ => None,
        }
    }

    fn errors(&self) -> Vec<String> {
        let mut e: Vec<String> = self
            .bad
            .map(|b| b.problems.iter().map(|d| d.one_line()).collect())
            .unwrap_or_default();
        if let Some(Err(m)) = &self.what_if {
            e.push(m.clone());
        }
        e
    }
}

/// What the input carries, to choose the columns.
#[derive(Clone, Copy, Default)]
struct Shape {
    cms: bool,
    what_if: bool,
}

const CSV_HEAD: &[(&str, Kind)] = &[
    ("row", Kind::Integer),
    ("id", Kind::Text),
    ("performance_year", Kind::Integer),
    ("final_score", Kind::Score),
    ("band", Kind::Text),
    ("payment_adjustment_percent", Kind::Percent),
    ("dollar_impact", Kind::Dollars),
    ("quality_weight", Kind::Number),
    ("cost_weight", Kind::Number),
    ("improvement_activities_weight", Kind::Number),
    ("promoting_interoperability_weight", Kind::Number),
    ("weights_reason", Kind::Text),
    ("confidence", Kind::Text),
    ("notes", Kind::Text),
];
const CSV_CMS: &[(&str, Kind)] = &[
    ("cms_final_score", Kind::Score),
    ("cms_payment_adjustment_percent", Kind::Percent),
    ("agrees", Kind::Text),
    ("disagreement", Kind::Text),
];
const CSV_WHAT_IF: &[(&str, Kind)] = &[
    ("what_if_final_score", Kind::Score),
    ("what_if_band", Kind::Text),
    ("what_if_payment_adjustment_percent", Kind::Percent),
    ("what_if_dollar_impact", Kind::Dollars),
    ("change_points", Kind::Score),
    ("change_adjustment_points", Kind::Number),
    ("change_dollars", Kind::Dollars),
];

fn columns(shape: Shape) -> Vec<(&'static str, Kind)> {
    let mut c = CSV_HEAD.to_vec();
    if shape.cms {
        c.extend_from_slice(CSV_CMS);
    }
    if shape.what_if {
        c.extend_from_slice(CSV_WHAT_IF);
    }
    c.push(("errors", Kind::Text));
    c
}

fn values(r: &RowOut<'_>, shape: Shape) -> Vec<Value> {
    let mut v: Vec<Value> = vec![
        Value::Number(r.row() as f64),
        r.id().map_or(Value::Empty, Value::from),
    ];
    match r.scored {
        Some(s) => {
            let res = &s.result;
            v.push(Value::Number(res.performance_year as f64));
            v.push(res.final_score.into());
            v.push(res.band.key().into());
            v.push(res.payment_adjustment_percent.into());
            v.push(res.dollar_impact.into());
            for c in crate::rules::Category::ALL {
                v.push(res.weights.get(c).into());
            }
            v.push(res.weights_reason.clone().into());
            v.push(s.confidence.as_str().into());
            v.push(s.row.notes.join("; ").into());
        }
        None => v.extend(std::iter::repeat_n(Value::Empty, CSV_HEAD.len() - 2)),
    }
    if shape.cms {
        match r.scored.and_then(|s| s.comparison.as_ref()) {
            Some(c) => {
                v.push(c.cms_final_score.into());
                v.push(c.cms_payment_adjustment_percent.into());
                v.push(match c.agrees {
                    Some(true) => "true".into(),
                    Some(false) => "false".into(),
                    None => Value::Empty,
                });
                v.push(c.disagreement.clone().map_or(Value::Empty, Value::from));
            }
            None => v.extend(std::iter::repeat_n(Value::Empty, CSV_CMS.len())),
        }
    }
    if shape.what_if {
        match (r.scored, &r.what_if) {
            (Some(s), Some(Ok(w))) => {
                v.push(w.final_score.into());
                v.push(w.band.key().into());
                v.push(w.payment_adjustment_percent.into());
                v.push(w.dollar_impact.into());
                v.push((w.final_score - s.result.final_score).into());
                v.push((w.payment_adjustment_percent - s.result.payment_adjustment_percent).into());
                v.push(
                    (w.dollar_impact.unwrap_or(0.0) - s.result.dollar_impact.unwrap_or(0.0)).into(),
                );
            }
            _ => v.extend(std::iter::repeat_n(Value::Empty, CSV_WHAT_IF.len())),
        }
    }
    let e = r.errors();
    v.push(if e.is_empty() {
        Value::Empty
    } else {
        e.join("; ").into()
    });
    v
}

/// A value as CSV text, into `out` (cleared first): numbers in full precision, shortest form.
fn csv_text(v: &Value, kind: Kind, out: &mut String) {
    use std::fmt::Write as _;
    out.clear();
    match v {
        Value::Empty => {}
        Value::Text(t) => out.push_str(t),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if kind == Kind::Integer {
                let _ = write!(out, "{}", *n as i64);
            } else if *n == 0.0 {
                out.push('0');
            } else {
                let _ = write!(out, "{n}");
            }
        }
    }
}

fn json_row(r: &RowOut<'_>, shape: Shape) -> serde_json::Value {
    let mut o = serde_json::Map::new();
    o.insert("row".into(), json!(r.row()));
    o.insert("id".into(), json!(r.id()));
    match r.scored {
        Some(s) => {
            let res = &s.result;
            o.insert("performance_year".into(), json!(res.performance_year));
            o.insert("final_score".into(), json!(res.final_score));
            o.insert(
                "payment_adjustment_percent".into(),
                json!(res.payment_adjustment_percent),
            );
            o.insert("band".into(), json!(res.band.key()));
            o.insert("dollar_impact".into(), json!(res.dollar_impact));
            o.insert("weights".into(), json!(res.weights));
            o.insert("weights_reason".into(), json!(res.weights_reason));
            o.insert("confidence".into(), json!(s.confidence.as_str()));
            o.insert("notes".into(), json!(s.row.notes));
        }
        None => {
            for k in [
                "performance_year",
                "final_score",
                "payment_adjustment_percent",
                "band",
                "dollar_impact",
                "weights",
                "weights_reason",
                "confidence",
            ] {
                o.insert(k.into(), serde_json::Value::Null);
            }
            o.insert("notes".into(), json!([]));
        }
    }
    if shape.cms {
        let c = r.scored.and_then(|s| s.comparison.as_ref());
        o.insert(
            "cms_final_score".into(),
            json!(c.and_then(|c| c.cms_final_score)),
        );
        o.insert(
            "cms_payment_adjustment_percent".into(),
            json!(c.and_then(|c| c.cms_payment_adjustment_percent)),
        );
        o.insert("agrees".into(), json!(c.and_then(|c| c.agrees)));
        o.insert(
            "disagreement".into(),
            json!(c.and_then(|c| c.disagreement.clone())),
        );
    }
    if shape.what_if {
        let w = match (r.scored, &r.what_if) {
            (Some(s), Some(Ok(w))) => json!({
                "final_score": w.final_score,
                "payment_adjustment_percent": w.payment_adjustment_percent,
                "band": w.band.key(),
                "dollar_impact": w.dollar_impact,
                "weights": w.weights,
                "change_points": w.final_score - s.result.final_score,
                "change_adjustment_points": w.payment_adjustment_percent - s.result.payment_adjustment_percent,
                "change_dollars": w.dollar_impact.unwrap_or(0.0) - s.result.dollar_impact.unwrap_or(0.0),
            }),
            _ => serde_json::Value::Null,
        };
        o.insert("what_if".into(), w);
    }
    o.insert("errors".into(), json!(r.errors()));
    serde_json::Value::Object(o)
}

fn text_row(out: &mut dyn Write, r: &RowOut<'_>, shape: Shape, check: bool) -> std::io::Result<()> {
    let id = r
        .id()
        .map(|s| crate::diagnostic::quote_short(s, 14))
        .unwrap_or_default();
    if check {
        if let (Some(s), Some(c)) = (r.scored, r.scored.and_then(|s| s.comparison.as_ref())) {
            writeln!(
                out,
                "row {} {}: {}",
                s.row.row,
                id,
                c.disagreement.clone().unwrap_or_default()
            )?;
            for n in &s.row.notes {
                writeln!(out, "    · {n}")?;
            }
        }
        return Ok(());
    }
    let Some(s) = r.scored else {
        writeln!(
            out,
            "{:>5}  {:<14}  not scored: see the error above",
            r.row(),
            id
        )?;
        return Ok(());
    };
    let res = &s.result;
    writeln!(
        out,
        "{:>5}  {:<14}  {:>4}  {:>6}  {:<14}  {:>8}  {:>12}  {:<11}  {:<9}  {}",
        s.row.row,
        id,
        res.performance_year,
        two_decimals(res.final_score),
        res.band.label(),
        percent(res.payment_adjustment_percent),
        res.dollar_impact
            .map(signed_dollars)
            .unwrap_or_else(|| "—".into()),
        res.weights.to_string(),
        s.confidence.as_str(),
        res.weights_reason
    )?;
    if shape.cms
        && let Some(c) = &s.comparison
        && c.agrees != Some(true)
    {
        writeln!(
            out,
            "       CMS: {}",
            c.disagreement.clone().unwrap_or_default()
        )?;
    }
    if shape.what_if {
        match &r.what_if {
            Some(Ok(w)) => writeln!(
                out,
                "       what-if: {} ({:+.2} points), {}, {} ({:+.2} points), {}",
                two_decimals(w.final_score),
                w.final_score - res.final_score,
                w.band.label(),
                percent(w.payment_adjustment_percent),
                w.payment_adjustment_percent - res.payment_adjustment_percent,
                w.dollar_impact
                    .map(|d| format!(
                        "{} ({})",
                        signed_dollars(d),
                        signed_dollars(d - res.dollar_impact.unwrap_or(0.0))
                    ))
                    .unwrap_or_else(|| "no dollars".into())
            )?,
            Some(Err(m)) => writeln!(out, "       what-if: {m}")?,
            None => {}
        }
    }
    for n in &s.row.notes {
        writeln!(out, "       · {n}")?;
    }
    Ok(())
}

fn text_header(out: &mut dyn Write, file: &str, check: bool) -> std::io::Result<()> {
    if check {
        writeln!(
            out,
            "Rows of {file} whose CMS results differ from the rules' (a targeted-review finder: each is worth a second look, not proof of an error)"
        )?;
        return Ok(());
    }
    writeln!(out, "Roster {file}")?;
    writeln!(
        out,
        "{:>5}  {:<14}  {:>4}  {:>6}  {:<14}  {:>8}  {:>12}  {:<11}  {:<9}  weights reason",
        "row", "id", "PY", "final", "band", "adjust.", "dollars", "Q/C/IA/PI", "confidence"
    )
}

fn text_summary(
    out: &mut dyn Write,
    s: &Summary,
    national: &National,
    check: bool,
) -> std::io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "Rows: {} scored{}",
        s.rows,
        if s.bad_rows > 0 {
            format!(", {} bad (see the errors)", s.bad_rows)
        } else {
            String::new()
        }
    )?;
    if s.compared + s.not_compared > 0 {
        writeln!(
            out,
            "Check against CMS's results: {} compared, {} agree, {} differ{}",
            s.compared,
            s.agreed,
            s.disagreed,
            if s.not_compared > 0 {
                format!(", {} not comparable", s.not_compared)
            } else {
                String::new()
            }
        )?;
    }
    if check {
        return Ok(());
    }
    for (year, t) in &s.years {
        let nat = s.national(national, *year);
        let nat_label = nat.map(|n| {
            format!(
                "national (PY{}, {}, {})",
                n.performance_year,
                n.group.label().to_lowercase(),
                n.reporting.label()
            )
        });
        writeln!(
            out,
            "PY{year} bands ({} rows)          roster          {}",
            t.rows,
            nat_label.clone().unwrap_or_default()
        )?;
        for b in BANDS {
            let count = t.bands[index_of(b)];
            let national_share =
                nat.and_then(|n| n.shares.iter().find(|(x, _)| *x == b).map(|(_, v)| *v));
            if count == 0 && national_share.is_none() {
                continue;
            }
            writeln!(
                out,
                "  {:<18} {:>7} {:>6.1}%   {}",
                b.label(),
                count,
                100.0 * count as f64 / t.rows.max(1) as f64,
                national_share
                    .map(|v| format!("{v:.2}%"))
                    .unwrap_or_else(|| "—".into())
            )?;
        }
    }
    if s.rows_with_dollars > 0 {
        writeln!(
            out,
            "Total dollars: {} over {} row{} with Part B charges (a group row's charges are its TIN's)",
            signed_dollars(s.total_dollars),
            s.rows_with_dollars,
            if s.rows_with_dollars == 1 { "" } else { "s" }
        )?;
    }
    let mark = |m: &crate::roster::summary::RowMark| {
        format!(
            "row {}{}: {} → {}{}",
            m.row,
            m.id.as_ref().map(|i| format!(" ({i})")).unwrap_or_default(),
            two_decimals(m.final_score),
            percent(m.payment_adjustment_percent),
            m.dollar_impact
                .map(|d| format!(", {}", signed_dollars(d)))
                .unwrap_or_default()
        )
    };
    if let Some(b) = &s.best {
        writeln!(out, "Best (highest final score): {}", mark(b))?;
    }
    if let Some(w) = &s.worst {
        writeln!(out, "Worst (lowest final score): {}", mark(w))?;
    }
    if let Some(w) = &s.what_if {
        writeln!(
            out,
            "What-if over {} row{}: {:+.2} final-score points in all, {:+.2} adjustment percentage points in all, {} in all; {} row{} up a band, {} down",
            w.rows,
            if w.rows == 1 { "" } else { "s" },
            w.points,
            w.adjustment_points,
            signed_dollars(w.dollars),
            w.band_up,
            if w.band_up == 1 { "" } else { "s" },
            w.band_down
        )?;
    }
    Ok(())
}

fn summary_sheet(
    workbook: &mut rust_xlsxwriter::Workbook,
    s: &Summary,
    national: &National,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut w = SheetWriter::new(
        workbook,
        "Summary",
        &[
            ("item", Kind::Text),
            ("rows", Kind::Integer),
            ("roster share", Kind::Percent),
            ("national share", Kind::Percent),
            ("national group", Kind::Text),
        ],
    )?;
    w.row(&["rows scored".into(), Value::Number(s.rows as f64)])?;
    w.row(&["bad rows".into(), Value::Number(s.bad_rows as f64)])?;
    for (year, t) in &s.years {
        let nat = s.national(national, *year);
        for b in BANDS {
            let count = t.bands[index_of(b)];
            let ns = nat.and_then(|n| n.shares.iter().find(|(x, _)| *x == b).map(|(_, v)| *v));
            if count == 0 && ns.is_none() {
                continue;
            }
            w.row(&[
                format!("PY{year} {}", b.label()).into(),
                Value::Number(count as f64),
                Value::Number(100.0 * count as f64 / t.rows.max(1) as f64),
                ns.into(),
                nat.map(|n| format!("PY{} {}", n.performance_year, n.group.label()))
                    .map_or(Value::Empty, Value::from),
            ])?;
        }
    }
    let mut dollars_sheet = SheetWriter::new(
        workbook,
        "Totals",
        &[
            ("item", Kind::Text),
            ("dollars", Kind::Dollars),
            ("points", Kind::Score),
        ],
    )?;
    dollars_sheet.row(&["total dollars".into(), s.total_dollars.into()])?;
    if let Some(b) = &s.best {
        dollars_sheet.row(&[
            format!("best: row {}", b.row).into(),
            b.dollar_impact.into(),
            b.final_score.into(),
        ])?;
    }
    if let Some(b) = &s.worst {
        dollars_sheet.row(&[
            format!("worst: row {}", b.row).into(),
            b.dollar_impact.into(),
            b.final_score.into(),
        ])?;
    }
    if let Some(wi) = &s.what_if {
        dollars_sheet.row(&["what-if change".into(), wi.dollars.into(), wi.points.into()])?;
    }
    Ok(())
}

/// A buffer the CSV writer fills and the run empties into the output after each row.
#[derive(Clone, Default)]
struct SharedBuffer(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl Write for SharedBuffer {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(b);
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Run<'a> {
    format: RosterFormat,
    check: bool,
    shape: Shape,
    what_if: &'a WhatIf,
    rules: &'a RuleSet,
    summary: Summary,
    rows_written: usize,
    bad: bool,
    csv: Option<(csv::Writer<SharedBuffer>, SharedBuffer)>,
}

impl Run<'_> {
    fn emit(
        &mut self,
        sink: &mut dyn Write,
        sheet: Option<&mut SheetWriter<'_>>,
        r: &RowOut<'_>,
    ) -> Result<(), String> {
        if self.check {
            let differs = r
                .scored
                .and_then(|s| s.comparison.as_ref())
                .is_some_and(|c| c.agrees == Some(false));
            if !differs && r.bad.is_none() {
                return Ok(());
            }
            if r.bad.is_some() && self.format == RosterFormat::Text {
                return Ok(());
            }
        }
        let io = |e: std::io::Error| e.to_string();
        match self.format {
            RosterFormat::Text => text_row(sink, r, self.shape, self.check).map_err(io)?,
            RosterFormat::Json => {
                let sep = if self.rows_written == 0 {
                    "\n  "
                } else {
                    ",\n  "
                };
                write!(
                    sink,
                    "{sep}{}",
                    serde_json::to_string(&json_row(r, self.shape)).map_err(|e| e.to_string())?
                )
                .map_err(io)?;
            }
            RosterFormat::Csv => {
                let cols = columns(self.shape);
                let vals = values(r, self.shape);
                // One writer for the whole run: its buffer is reused row after row.
                let (w, buf) = self.csv.get_or_insert_with(|| {
                    let buf = SharedBuffer::default();
                    let w = csv::WriterBuilder::new()
                        .has_headers(false)
                        .from_writer(buf.clone());
                    (w, buf)
                });
                let mut field = String::with_capacity(64);
                for (v, (_, k)) in vals.iter().zip(&cols) {
                    csv_text(v, *k, &mut field);
                    w.write_field(field.as_bytes()).map_err(|e| e.to_string())?;
                }
                w.write_record(None::<&[u8]>).map_err(|e| e.to_string())?;
                w.flush().map_err(io)?;
                let mut bytes = buf.0.borrow_mut();
                sink.write_all(&bytes).map_err(io)?;
                bytes.clear();
            }
            RosterFormat::Xlsx => {
                if let Some(sheet) = sheet {
                    sheet.row(&values(r, self.shape)).map_err(|e| match e {
                        rust_xlsxwriter::XlsxError::RowColumnLimitError => "the roster has more rows than a spreadsheet holds (1,048,575): use --format csv".to_string(),
                        e => e.to_string(),
                    })?;
                }
            }
        }
        self.rows_written += 1;
        Ok(())
    }

    fn handle(
        &mut self,
        event: Event<'_>,
        sink: &mut dyn Write,
        sheet: Option<&mut SheetWriter<'_>>,
    ) -> Result<(), String> {
        match event {
            Event::Columns(layout) => {
                self.shape.cms = layout.has_cms_results() || self.format == RosterFormat::Xlsx;
                Ok(())
            }
            Event::Note(n) => {
                eprintln!("note: {n}");
                Ok(())
            }
            Event::Bad(b) => {
                self.bad = true;
                self.summary.bad_rows += 1;
                for d in &b.problems {
                    super::report(d);
                }
                self.emit(
                    sink,
                    sheet,
                    &RowOut {
                        scored: None,
                        bad: Some(&b),
                        what_if: None,
                    },
                )
            }
            Event::Scored(s) => {
                let p = &s.row.scenario.practice;
                self.summary.add(
                    s.row.row,
                    s.row.id.as_deref(),
                    p.is_small(),
                    p.is_solo(),
                    p.rural,
                    &s.result,
                );
                if let Some(c) = &s.comparison {
                    self.summary.add_comparison(c.agrees);
                }
                let what_if = if self.what_if.applies_to(&s.row.scenario) {
                    Some(match self.what_if.score(&s.row.scenario, self.rules) {
                        Ok((_, w)) => {
                            self.summary.add_what_if(&s.result, &w);
                            Ok(w)
                        }
                        Err(problems) => {
                            self.bad = true;
                            let m = format!(
                                "row {}: the what-if cannot be scored: {}",
                                s.row.row,
                                problems
                                    .iter()
                                    .map(|p| p.to_string())
                                    .collect::<Vec<_>>()
                                    .join("; ")
                            );
                            eprintln!("error: {}: {m}", s.row.line);
                            Err(m)
                        }
                    })
                } else {
                    None
                };
                self.emit(
                    sink,
                    sheet,
                    &RowOut {
                        scored: Some(&s),
                        bad: None,
                        what_if,
                    },
                )
            }
        }
    }
}

pub fn run(args: &RosterArgs, rules: &RuleSet) -> color_eyre::Result<ExitCode> {
    // Options first: a refused option or output costs nothing.
    let mut what_if = WhatIf::default();
    for s in &args.set {
        match parse_change(s) {
            Ok(c) => what_if.changes.push(c),
            Err(m) => return Ok(bad(format!("--set {s}: {m}"), SET_HELP)),
        }
    }
    for s in &args.conditions {
        match parse_condition(s) {
            Ok(c) => what_if.conditions.push(c),
            Err(m) => return Ok(bad(format!("--where {s}: {m}"), WHERE_HELP)),
        }
    }
    if !what_if.conditions.is_empty() && what_if.is_empty() {
        return Ok(bad(
            "--where selects the rows a what-if changes, but no --set or --year is given".into(),
            "--set FIELD=VALUE or --year YEAR with --where",
        ));
    }
    for (flag, y) in [
        ("--year", args.year),
        ("--performance-year", args.performance_year),
    ] {
        if let Some(y) = y
            && rules.year(y).is_none()
        {
            return Ok(bad(
                format!("{flag} {y}: not a supported performance year"),
                &rules.years_text(),
            ));
        }
    }
    what_if.year = args.year;
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, None) => RosterFormat::Text,
        (None, Some(p)) => match RosterFormat::from_path(p) {
            Ok(f) => f.unwrap_or(RosterFormat::Text),
            Err(ext) => {
                return Ok(bad(
                    format!(
                        "-o {}: cannot tell the format from the extension .{ext}",
                        p.display()
                    ),
                    "a file ending in .txt, .csv, .xlsx or .json, or --format text|csv|xlsx|json",
                ));
            }
        },
    };
    if format == RosterFormat::Xlsx && args.output.is_none() {
        return Ok(bad(
            "--format xlsx needs -o PATH (a workbook is not text for the terminal)".into(),
            "-o roster-results.xlsx",
        ));
    }
    if let Some(path) = &args.output {
        if path.is_dir() {
            return Ok(bad(
                format!("-o {}: is a folder", path.display()),
                "a file path, e.g. -o results.csv",
            ));
        }
        let same = std::fs::canonicalize(path)
            .ok()
            .is_some_and(|o| std::fs::canonicalize(&args.file).ok() == Some(o));
        if same {
            return Ok(bad(
                format!(
                    "-o {}: is the roster itself; the results would replace it",
                    path.display()
                ),
                "another file name",
            ));
        }
        if path.exists() && !args.force {
            return Ok(bad(
                format!("-o {}: already exists", path.display()),
                "a new file name, or --force to replace the file",
            ));
        }
    }
    let mapping = match &args.mapping {
        Some(p) => match Mapping::load(p) {
            Ok(m) => Some(m),
            Err(d) => {
                super::report(&d);
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
        },
        None => None,
    };
    let options = ReadOptions {
        performance_year: args.performance_year,
        mapping,
    };
    let national = National::embedded();
    let shown = args.file.display().to_string();
    let mut run = Run {
        format,
        check: args.check,
        shape: Shape {
            cms: false,
            what_if: !what_if.is_empty(),
        },
        what_if: &what_if,
        rules,
        summary: Summary::default(),
        rows_written: 0,
        bad: false,
        csv: None,
    };

    // Stream into `out`; returns the file-level problem if there is one.
    let stream = |out: &mut dyn Write,
                  run: &mut Run<'_>|
     -> Result<Result<(), crate::diagnostic::Diagnostic>, String> {
        let mut failure: Option<String> = None;
        let mut header_written = false;
        let mut workbook =
            (format == RosterFormat::Xlsx).then(|| Box::new(rust_xlsxwriter::Workbook::new()));
        let result = {
            let mut sheet = match workbook.as_deref_mut() {
                Some(wb) => Some(
                    SheetWriter::new(
                        wb,
                        "Rows",
                        &columns(Shape {
                            cms: true,
                            what_if: run.shape.what_if,
                        }),
                    )
                    .map_err(|e| e.to_string())?,
                ),
                None => None,
            };
            let r = score_file(&args.file, &options, rules, |e| {
                if failure.is_some() {
                    return;
                }
                let starting = matches!(e, Event::Columns(_));
                if let Err(m) = run.handle(e, out, sheet.as_mut()) {
                    failure = Some(m);
                    return;
                }
                if starting && !header_written {
                    header_written = true;
                    let io = match format {
                        RosterFormat::Text => text_header(out, &shown, run.check),
                        RosterFormat::Json => write!(out, "["),
                        RosterFormat::Csv => {
                            let names: Vec<&str> =
                                columns(run.shape).iter().map(|(n, _)| *n).collect();
                            writeln!(out, "{}", names.join(","))
                        }
                        RosterFormat::Xlsx => Ok(()),
                    };
                    if let Err(e) = io {
                        failure = Some(e.to_string());
                    }
                }
            });
            drop(sheet);
            r
        };
        if let Some(f) = failure {
            return Err(f);
        }
        if result.is_ok() {
            let io = |e: std::io::Error| e.to_string();
            match format {
                RosterFormat::Text => {
                    text_summary(out, &run.summary, &national, run.check).map_err(io)?
                }
                RosterFormat::Json => {
                    writeln!(out, "{}]", if run.rows_written > 0 { "\n" } else { "" })
                        .map_err(io)?
                }
                RosterFormat::Csv => {}
                RosterFormat::Xlsx => {
                    let mut wb = workbook.take().expect("an xlsx run has a workbook");
                    summary_sheet(&mut wb, &run.summary, &national).map_err(|e| e.to_string())?;
                    out.write_all(&crate::spreadsheet::to_bytes(*wb).map_err(|e| e.to_string())?)
                        .map_err(io)?;
                }
            }
        }
        Ok(result)
    };

    let outcome = match &args.output {
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
            let r = stream(&mut lock, &mut run);
            lock.flush()?;
            r.map_err(|m| color_eyre::eyre::eyre!(m))?
        }
        Some(path) => {
            let mut inner: Option<Result<Result<(), crate::diagnostic::Diagnostic>, String>> = None;
            let saved = save_atomically_with(path, "", args.force, |file, _| {
                let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
                let r = stream(&mut w, &mut run);
                let failed = !matches!(r, Ok(Ok(())));
                inner = Some(r);
                w.flush()?;
                if failed {
                    // Nothing half-written: the temporary file is removed, the target untouched.
                    return Err(std::io::Error::other("not written"));
                }
                Ok(())
            });
            let inner = inner.unwrap_or(Ok(Ok(())));
            match (saved, inner) {
                (_, Err(m)) => {
                    return Err(color_eyre::eyre::eyre!(m));
                }
                (_, Ok(Err(d))) => Err(d),
                (Ok(written), Ok(Ok(()))) => {
                    eprintln!("wrote {}", written.display());
                    Ok(())
                }
                (Err(e), Ok(Ok(()))) => {
                    let allowed = match e {
                        SaveError::Exists(_) => "a new file name, or --force to replace the file",
                        SaveError::IsDirectory(_) => "a file path, e.g. -o results.csv",
                        SaveError::Io { .. } => "a path in an existing folder you can write to",
                    };
                    return Ok(bad(format!("-o: {e}"), allowed));
                }
            }
        }
    };
    if let Err(d) = outcome {
        super::report(&d);
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    Ok(if run.bad {
        ExitCode::from(EXIT_BAD_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}
