//! The report's tables as a workbook: results, marginal values, points needed and the
//! uncertainty range, numbers as numbers (scores, percents, dollars formatted).

use rust_xlsxwriter::{Workbook, XlsxError};

use super::Report;
use crate::rules::Category;
use crate::sensitivity::Need;
use crate::spreadsheet::{Kind, MARGINAL_COLUMNS, SheetWriter, Value, marginal_cells};

impl Report {
    /// The report as an XLSX workbook.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        self.results_sheet(&mut wb)?;
        self.marginal_sheet(&mut wb)?;
        self.points_needed_sheet(&mut wb)?;
        crate::spreadsheet::to_bytes(wb)
    }

    fn results_sheet(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let mut columns: Vec<(String, Kind)> = vec![
            ("scenario".into(), Kind::Text),
            ("label".into(), Kind::Text),
            ("performance_year".into(), Kind::Integer),
            ("payment_year".into(), Kind::Integer),
        ];
        columns.extend(
            crate::rules::Category::ALL
                .iter()
                .map(|c| (c.key().to_string(), Kind::Score)),
        );
        columns.extend([
            ("complex_patient_bonus".into(), Kind::Score),
            ("final_score".into(), Kind::Score),
            ("band".into(), Kind::Text),
            ("payment_adjustment_percent".into(), Kind::Percent),
            ("dollar_impact".into(), Kind::Dollars),
        ]);
        columns.extend(crate::spreadsheet::category_columns("_weight"));
        columns.extend([
            ("weights_reason".into(), Kind::Text),
            ("confidence".into(), Kind::Text),
            ("adjustment_low_percent".into(), Kind::Percent),
            ("adjustment_high_percent".into(), Kind::Percent),
            ("change_points".into(), Kind::Score),
            ("change_adjustment_points".into(), Kind::Number),
            ("change_dollars".into(), Kind::Dollars),
        ]);
        let cols: Vec<(&str, Kind)> = columns.iter().map(|(n, k)| (n.as_str(), *k)).collect();
        let mut w = SheetWriter::new(wb, "Results", &cols)?;
        for (i, s) in self.scenarios.iter().enumerate() {
            let r = &s.result;
            let mut v: Vec<Value> = vec![
                s.key.into(),
                s.label.clone().into(),
                Value::Number(r.performance_year as f64),
                Value::Number(r.payment_year as f64),
            ];
            for c in Category::ALL {
                v.push(r.category(c).entered.into());
            }
            v.push(r.complex_patient_bonus.into());
            v.push(r.final_score.into());
            v.push(r.band.label().into());
            v.push(r.payment_adjustment_percent.into());
            v.push(r.dollar_impact.into());
            for c in Category::ALL {
                v.push(r.weights.get(c).into());
            }
            v.push(r.weights_reason.clone().into());
            v.push(r.confidence.as_str().into());
            v.push(s.uncertainty.low_percent.into());
            v.push(s.uncertainty.high_percent.into());
            let diff = self
                .comparison
                .as_ref()
                .and_then(|c| c.scenarios.get(i))
                .and_then(|c| c.difference);
            v.push(diff.map(|d| d.final_score_points).into());
            v.push(diff.map(|d| d.payment_adjustment_points).into());
            v.push(diff.and_then(|d| d.dollar_impact).into());
            w.row(&v)?;
        }
        Ok(())
    }

    fn marginal_sheet(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let mut columns = vec![("scenario", Kind::Text)];
        columns.extend(MARGINAL_COLUMNS);
        let mut w = SheetWriter::new(wb, "One more point", &columns)?;
        for s in &self.scenarios {
            for m in &s.marginal {
                let mut cells: Vec<Value> = vec![s.key.into()];
                cells.extend(marginal_cells(m));
                w.row(&cells)?;
            }
        }
        Ok(())
    }

    fn points_needed_sheet(&self, wb: &mut Workbook) -> Result<(), XlsxError> {
        let mut w = SheetWriter::new(
            wb,
            "Points needed",
            &[
                ("scenario", Kind::Text),
                ("category", Kind::Text),
                ("target", Kind::Text),
                ("target_final_score", Kind::Score),
                ("score_now", Kind::Score),
                ("score_needed", Kind::Score),
                ("reached_now", Kind::Text),
                ("final_score_at_100", Kind::Score),
                ("summary", Kind::Text),
            ],
        )?;
        for s in &self.scenarios {
            for p in &s.points_needed {
                let (needed, reached, at_100) = match p.need {
                    Need::AlreadyReached { lowest_score } => (lowest_score, "yes", None),
                    Need::Needs { score } => (Some(score), "no", None),
                    Need::NotReachable { final_score_at_100 } => {
                        (None, "not reachable", Some(final_score_at_100))
                    }
                };
                w.row(&[
                    s.key.into(),
                    p.category.label().into(),
                    p.target.name.clone().into(),
                    p.target.final_score.into(),
                    p.current.into(),
                    needed.into(),
                    reached.into(),
                    at_100.into(),
                    p.summary.clone().into(),
                ])?;
            }
        }
        Ok(())
    }
}
