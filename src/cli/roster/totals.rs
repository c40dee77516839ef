//! The roster's summary: as text after the rows, and as the workbook's Summary and Totals
//! sheets.

use std::io::Write;

use crate::format::{percent, signed_dollars, two_decimals};
use crate::national::National;
use crate::roster::Summary;
use crate::roster::summary::{BANDS, index_of};
use crate::spreadsheet::{Kind, SheetWriter, Value};

pub(super) fn text_summary(
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

pub(super) fn summary_sheet(
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
