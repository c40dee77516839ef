//! The work done for each row on the worker threads — its summary counts, its what-if, its
//! messages and its output in the chosen format — kept per stretch of rows and written out
//! by the calling thread in file order.

use std::io::Write;

use super::RosterFormat;
use super::rows::{CsvRecord, RowOut, Shape, json_row, text_row, values};
use crate::roster::summary::SummaryPart;
use crate::roster::{Event, Layout, WhatIf};
use crate::rules::RuleSet;
use crate::spreadsheet::Value;

/// A stretch of rows, ready to write.
pub(super) struct ChunkOut {
    /// Standard output's bytes (text and JSON rows).
    pub(super) out: Vec<u8>,
    /// CSV rows.
    pub(super) csv: Option<csv::Writer<Vec<u8>>>,
    /// Standard error's bytes (the rows' errors), in order.
    pub(super) err: Vec<u8>,
    /// The spreadsheet rows.
    pub(super) sheet: Vec<Vec<Value>>,
    pub(super) summary: SummaryPart,
    pub(super) rows_written: usize,
    pub(super) bad: bool,
    pub(super) failure: Option<String>,
    field: String,
}

/// What every row is turned into.
pub(super) struct Work<'a> {
    pub(super) format: RosterFormat,
    pub(super) check: bool,
    pub(super) what_if: &'a WhatIf,
    pub(super) rules: &'a RuleSet,
}

impl Work<'_> {
    pub(super) fn shape(&self, layout: &Layout) -> Shape {
        Shape {
            cms: layout.has_cms_results() || self.format == RosterFormat::Xlsx,
            what_if: !self.what_if.is_empty(),
        }
    }

    pub(super) fn start(&self) -> ChunkOut {
        ChunkOut {
            out: Vec::new(),
            csv: (self.format == RosterFormat::Csv).then(|| {
                csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(Vec::with_capacity(1 << 18))
            }),
            err: Vec::new(),
            sheet: Vec::new(),
            summary: SummaryPart::default(),
            rows_written: 0,
            bad: false,
            failure: None,
            field: String::with_capacity(64),
        }
    }

    /// One scored or bad row.
    pub(super) fn row(&self, acc: &mut ChunkOut, layout: &Layout, event: Event<'_>) {
        if acc.failure.is_some() {
            return;
        }
        let shape = self.shape(layout);
        match event {
            Event::Columns(_) | Event::Note(_) => {}
            Event::Bad(b) => {
                acc.bad = true;
                acc.summary.add_bad();
                for d in &b.problems {
                    let _ = writeln!(acc.err, "error: {d}");
                }
                let r = RowOut {
                    scored: None,
                    bad: Some(&b),
                    what_if: None,
                };
                self.emit(acc, &r, shape);
            }
            Event::Scored(s) => {
                let p = &s.row.scenario.practice;
                acc.summary.add(
                    s.row.row,
                    s.row.id.as_deref(),
                    p.is_small(),
                    p.is_solo(),
                    p.rural,
                    &s.result,
                );
                if let Some(c) = &s.comparison {
                    acc.summary.add_comparison(c.agrees);
                }
                let what_if = if self.what_if.applies_to(&s.row.scenario) {
                    Some(match self.what_if.score(&s.row.scenario, self.rules) {
                        Ok((_, w)) => {
                            acc.summary.add_what_if(&s.result, &w);
                            Ok(w)
                        }
                        Err(problems) => {
                            acc.bad = true;
                            let m = format!(
                                "row {}: the what-if cannot be scored: {}",
                                s.row.row,
                                problems
                                    .iter()
                                    .map(|p| p.to_string())
                                    .collect::<Vec<_>>()
                                    .join("; ")
                            );
                            let _ = writeln!(acc.err, "error: {}: {m}", s.row.line);
                            Err(m)
                        }
                    })
                } else {
                    None
                };
                let r = RowOut {
                    scored: Some(&s),
                    bad: None,
                    what_if,
                };
                self.emit(acc, &r, shape);
            }
        }
    }

    fn emit(&self, acc: &mut ChunkOut, r: &RowOut<'_>, shape: Shape) {
        if self.check {
            let differs = r
                .scored
                .and_then(|s| s.comparison.as_ref())
                .is_some_and(|c| c.agrees == Some(false));
            if !differs && r.bad.is_none() {
                return;
            }
            if r.bad.is_some() && self.format == RosterFormat::Text {
                return;
            }
        }
        let written: Result<(), String> = match self.format {
            RosterFormat::Text => {
                text_row(&mut acc.out, r, shape, self.check).map_err(|e| e.to_string())
            }
            RosterFormat::Json => {
                // Every row after a comma: the first row of the output drops it.
                acc.out.extend_from_slice(b",\n  ");
                json_row(&mut acc.out, r, shape).map_err(|e| e.to_string())
            }
            RosterFormat::Csv => match &mut acc.csv {
                Some(writer) => CsvRecord {
                    writer,
                    field: &mut acc.field,
                }
                .write(r, shape)
                .map_err(|e| e.to_string()),
                None => Ok(()),
            },
            RosterFormat::Xlsx => {
                acc.sheet.push(values(r, shape));
                Ok(())
            }
        };
        match written {
            Ok(()) => acc.rows_written += 1,
            Err(m) => acc.failure = Some(m),
        }
    }
}
