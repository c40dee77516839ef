//! One roster row as each output format writes it: text, CSV, JSON (written straight into
//! the output, no per-row objects) and the cells of a spreadsheet row.

use std::fmt::Write as _;
use std::io::Write;

use crate::engine::ScoreResult;
use crate::format::{Align, percent, push_padded, signed_dollars, two_decimals};
use crate::roster::{BadRow, ScoredRow};
use crate::rules::{Category, Weights};
use crate::spreadsheet::{Kind, Value};

/// One row as every format writes it.
pub(super) struct RowOut<'a> {
    pub(super) scored: Option<&'a ScoredRow>,
    pub(super) bad: Option<&'a BadRow>,
    pub(super) what_if: Option<Result<ScoreResult, String>>,
}

impl RowOut<'_> {
    pub(super) fn row(&self) -> usize {
        self.scored
            .map_or_else(|| self.bad.map_or(0, |b| b.row), |s| s.row.row)
    }

    pub(super) fn id(&self) -> Option<&str> {
        match (self.scored, self.bad) {
            (Some(s), _) => s.row.id.as_deref(),
            (_, Some(b)) => b.id.as_deref(),
            _ => None,
        }
    }

    pub(super) fn errors(&self) -> Vec<String> {
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
pub(super) struct Shape {
    pub(super) cms: bool,
    pub(super) what_if: bool,
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

pub(super) fn columns(shape: Shape) -> Vec<(&'static str, Kind)> {
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

/// The row's cells (for the spreadsheet).
pub(super) fn values(r: &RowOut<'_>, shape: Shape) -> Vec<Value> {
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

/// One CSV record's fields, written through a reused buffer: numbers in full precision,
/// shortest form (a whole number as an integer), blank for none.
pub(super) struct CsvRecord<'w> {
    pub(super) writer: &'w mut csv::Writer<Vec<u8>>,
    pub(super) field: &'w mut String,
}

impl CsvRecord<'_> {
    fn text(&mut self, t: &str) -> csv::Result<()> {
        self.writer.write_field(t)
    }

    fn empty(&mut self, n: usize) -> csv::Result<()> {
        for _ in 0..n {
            self.writer.write_field("")?;
        }
        Ok(())
    }

    fn integer(&mut self, n: f64) -> csv::Result<()> {
        self.field.clear();
        let _ = write!(self.field, "{}", n as i64);
        self.writer.write_field(self.field.as_bytes())
    }

    fn number(&mut self, n: f64) -> csv::Result<()> {
        if n == 0.0 {
            return self.writer.write_field("0");
        }
        self.field.clear();
        crate::format::push_shortest(self.field, n);
        self.writer.write_field(self.field.as_bytes())
    }

    fn maybe(&mut self, n: Option<f64>) -> csv::Result<()> {
        match n {
            Some(n) => self.number(n),
            None => self.empty(1),
        }
    }

    fn joined(&mut self, parts: &[String]) -> csv::Result<()> {
        if parts.len() <= 1 {
            return self.text(parts.first().map_or("", String::as_str));
        }
        self.field.clear();
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                self.field.push_str("; ");
            }
            self.field.push_str(p);
        }
        self.writer.write_field(self.field.as_bytes())
    }

    /// The row, in the order of [`columns`].
    pub(super) fn write(&mut self, r: &RowOut<'_>, shape: Shape) -> csv::Result<()> {
        self.integer(r.row() as f64)?;
        self.text(r.id().unwrap_or(""))?;
        match r.scored {
            Some(s) => {
                let res = &s.result;
                self.integer(f64::from(res.performance_year))?;
                self.number(res.final_score)?;
                self.text(res.band.key())?;
                self.number(res.payment_adjustment_percent)?;
                self.maybe(res.dollar_impact)?;
                for c in Category::ALL {
                    self.number(res.weights.get(c))?;
                }
                self.text(&res.weights_reason)?;
                self.text(s.confidence.as_str())?;
                self.joined(&s.row.notes)?;
            }
            None => self.empty(CSV_HEAD.len() - 2)?,
        }
        if shape.cms {
            match r.scored.and_then(|s| s.comparison.as_ref()) {
                Some(c) => {
                    self.maybe(c.cms_final_score)?;
                    self.maybe(c.cms_payment_adjustment_percent)?;
                    self.text(match c.agrees {
                        Some(true) => "true",
                        Some(false) => "false",
                        None => "",
                    })?;
                    self.text(c.disagreement.as_deref().unwrap_or(""))?;
                }
                None => self.empty(CSV_CMS.len())?,
            }
        }
        if shape.what_if {
            match (r.scored, &r.what_if) {
                (Some(s), Some(Ok(w))) => {
                    let res = &s.result;
                    self.number(w.final_score)?;
                    self.text(w.band.key())?;
                    self.number(w.payment_adjustment_percent)?;
                    self.maybe(w.dollar_impact)?;
                    self.number(w.final_score - res.final_score)?;
                    self.number(w.payment_adjustment_percent - res.payment_adjustment_percent)?;
                    self.number(w.dollar_impact.unwrap_or(0.0) - res.dollar_impact.unwrap_or(0.0))?;
                }
                _ => self.empty(CSV_WHAT_IF.len())?,
            }
        }
        self.joined(&r.errors())?;
        self.writer.write_record(None::<&[u8]>)
    }
}

/// JSON written straight into the output, keys in alphabetical order (as a JSON object of
/// the same fields prints).
struct JsonObject<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
}

impl<'o> JsonObject<'o> {
    fn open(out: &'o mut Vec<u8>) -> JsonObject<'o> {
        out.push(b'{');
        JsonObject { out, first: true }
    }

    fn key(&mut self, k: &str) -> &mut Vec<u8> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        self.out.push(b'"');
        self.out.extend_from_slice(k.as_bytes());
        self.out.extend_from_slice(b"\":");
        self.out
    }

    fn value(&mut self, k: &str, v: &impl serde::Serialize) -> serde_json::Result<()> {
        serde_json::to_writer(&mut *self.key(k), v)
    }

    fn close(self) {
        self.out.push(b'}');
    }
}

fn json_weights(o: &mut JsonObject<'_>, key: &str, w: &Weights) -> serde_json::Result<()> {
    let mut inner = JsonObject::open(o.key(key));
    inner.value("cost", &w.cost)?;
    inner.value("improvement_activities", &w.improvement_activities)?;
    inner.value("promoting_interoperability", &w.promoting_interoperability)?;
    inner.value("quality", &w.quality)?;
    inner.close();
    Ok(())
}

/// The row as a JSON object, appended to `out`.
pub(super) fn json_row(out: &mut Vec<u8>, r: &RowOut<'_>, shape: Shape) -> serde_json::Result<()> {
    let scored = r.scored.map(|s| (s, &s.result));
    let comparison = r.scored.and_then(|s| s.comparison.as_ref());
    let none = None::<f64>;
    let mut o = JsonObject::open(out);
    if shape.cms {
        o.value("agrees", &comparison.and_then(|c| c.agrees))?;
    }
    o.value("band", &scored.map(|(_, res)| res.band.key()))?;
    if shape.cms {
        o.value(
            "cms_final_score",
            &comparison.and_then(|c| c.cms_final_score),
        )?;
        o.value(
            "cms_payment_adjustment_percent",
            &comparison.and_then(|c| c.cms_payment_adjustment_percent),
        )?;
    }
    o.value("confidence", &r.scored.map(|s| s.confidence.as_str()))?;
    if shape.cms {
        o.value(
            "disagreement",
            &comparison.and_then(|c| c.disagreement.as_deref()),
        )?;
    }
    match scored {
        Some((_, res)) => o.value("dollar_impact", &res.dollar_impact)?,
        None => o.value("dollar_impact", &none)?,
    }
    o.value("errors", &r.errors())?;
    o.value("final_score", &scored.map(|(_, res)| res.final_score))?;
    o.value("id", &r.id())?;
    match r.scored {
        Some(s) => o.value("notes", &s.row.notes)?,
        None => o.value("notes", &[0u8; 0])?,
    }
    o.value(
        "payment_adjustment_percent",
        &scored.map(|(_, res)| res.payment_adjustment_percent),
    )?;
    o.value(
        "performance_year",
        &scored.map(|(_, res)| res.performance_year),
    )?;
    o.value("row", &r.row())?;
    match scored {
        Some((_, res)) => json_weights(&mut o, "weights", &res.weights)?,
        None => o.value("weights", &none)?,
    }
    o.value(
        "weights_reason",
        &scored.map(|(_, res)| res.weights_reason.as_str()),
    )?;
    if shape.what_if {
        match (scored, &r.what_if) {
            (Some((_, res)), Some(Ok(w))) => {
                let mut inner = JsonObject::open(o.key("what_if"));
                inner.value("band", &w.band.key())?;
                inner.value(
                    "change_adjustment_points",
                    &(w.payment_adjustment_percent - res.payment_adjustment_percent),
                )?;
                inner.value(
                    "change_dollars",
                    &(w.dollar_impact.unwrap_or(0.0) - res.dollar_impact.unwrap_or(0.0)),
                )?;
                inner.value("change_points", &(w.final_score - res.final_score))?;
                inner.value("dollar_impact", &w.dollar_impact)?;
                inner.value("final_score", &w.final_score)?;
                inner.value("payment_adjustment_percent", &w.payment_adjustment_percent)?;
                json_weights(&mut inner, "weights", &w.weights)?;
                inner.close();
            }
            _ => o.value("what_if", &none)?,
        }
    }
    o.close();
    Ok(())
}

pub(super) fn text_row(
    out: &mut dyn Write,
    r: &RowOut<'_>,
    shape: Shape,
    check: bool,
) -> std::io::Result<()> {
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
    // The columns of `text_header`, padded by hand (a million rows go through here).
    let mut line = String::with_capacity(160);
    let mut number = String::with_capacity(16);
    let _ = write!(number, "{}", s.row.row);
    push_padded(&mut line, &number, 5, Align::Right);
    line.push_str("  ");
    push_padded(&mut line, &id, 14, Align::Left);
    line.push_str("  ");
    number.clear();
    let _ = write!(number, "{}", res.performance_year);
    push_padded(&mut line, &number, 4, Align::Right);
    line.push_str("  ");
    push_padded(&mut line, &two_decimals(res.final_score), 6, Align::Right);
    line.push_str("  ");
    push_padded(&mut line, res.band.label(), 14, Align::Left);
    line.push_str("  ");
    push_padded(
        &mut line,
        &percent(res.payment_adjustment_percent),
        8,
        Align::Right,
    );
    line.push_str("  ");
    match res.dollar_impact {
        Some(d) => push_padded(&mut line, &signed_dollars(d), 12, Align::Right),
        None => push_padded(&mut line, "—", 12, Align::Right),
    }
    line.push_str("  ");
    number.clear();
    let _ = write!(number, "{}", res.weights);
    push_padded(&mut line, &number, 11, Align::Left);
    line.push_str("  ");
    push_padded(&mut line, s.confidence.as_str(), 9, Align::Left);
    line.push_str("  ");
    line.push_str(&res.weights_reason);
    line.push('\n');
    out.write_all(line.as_bytes())?;
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

pub(super) fn text_header(out: &mut dyn Write, file: &str, check: bool) -> std::io::Result<()> {
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
