//! The Rules view: every performance year side by side (one row a year), the scenario's year
//! marked ▶, the selected year's cells explained under the table, the cells that changed from
//! the year before marked `*` and each value with its confidence mark. Readable without colour:
//! every mark is a glyph, styles only add to it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::{Theme, fit, put_lines, wrap_text};
use crate::teaching::confidence_mark;
use crate::teaching::timeline::{Cell, Column, Timeline};

/// Columns dropped first when the table is wider than the screen.
const DROP_ORDER: [Column; 7] = [
    Column::NationalMedian,
    Column::NationalMean,
    Column::ApplicablePercent,
    Column::ComplexPatientBonusMax,
    Column::SmallPracticeBonus,
    Column::ExceptionalThreshold,
    Column::PublishedMaximum,
];

/// A cell as the table shows it: changed mark, value, confidence mark.
fn cell_text(c: &Cell) -> String {
    let changed = if c.changed { "*" } else { " " };
    let text = match c.column {
        // Short forms for the table (the details under it say them in full).
        Column::SmallPracticeBonus => c
            .text
            .replace(" final score", " FS")
            .replace(" quality", " Q"),
        Column::PublishedMaximum if c.text == "not yet published" => "not yet".into(),
        Column::ComplexPatientBonusMax if c.text == "none" => "0".into(),
        _ => c.text.clone(),
    };
    match c.confidence {
        Some(conf) => format!("{changed}{text}{}", confidence_mark(conf)),
        None => format!("{changed}{text}"),
    }
}

fn heading(column: Column) -> &'static str {
    match column {
        Column::PerformanceThreshold => "PT",
        Column::ExceptionalThreshold => "Exc",
        Column::ApplicablePercent => "AP",
        Column::BaseWeights => "Q/C/IA/PI",
        Column::ComplexPatientBonusMax => "CPB",
        Column::SmallPracticeBonus => "Small",
        Column::PublishedMaximum => "Max",
        Column::NationalMean => "Mean",
        Column::NationalMedian => "Median",
    }
}

/// What the shown headings stand for.
fn abbreviations(columns: &[(Column, usize)]) -> String {
    columns
        .iter()
        .filter_map(|(c, _)| match c {
            Column::PerformanceThreshold => Some("PT threshold"),
            Column::ExceptionalThreshold => Some("Exc exceptional threshold"),
            Column::ApplicablePercent => Some("AP applicable percent"),
            Column::ComplexPatientBonusMax => Some("CPB complex patient bonus"),
            Column::SmallPracticeBonus => Some("Small small-practice bonus"),
            Column::PublishedMaximum => Some("Max at 100"),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The columns that fit in `width` (the year column included), in table order, with their
/// widths, and the columns left out.
fn fit_columns(t: &Timeline, width: usize) -> (Vec<(Column, usize)>, Vec<Column>) {
    let widths: Vec<(Column, usize)> = Column::ALL
        .iter()
        .map(|&col| {
            let w = t
                .years
                .iter()
                .map(|y| cell_text(y.cell(col)).chars().count())
                .chain([heading(col).chars().count()])
                .max()
                .unwrap_or(0);
            (col, w)
        })
        .collect();
    let year_w = 7; // "▶ 2024 "
    let total = |cols: &[(Column, usize)]| year_w + cols.iter().map(|(_, w)| w + 1).sum::<usize>();
    let mut shown = widths;
    let mut dropped = Vec::new();
    for col in DROP_ORDER {
        if total(&shown) <= width {
            break;
        }
        shown.retain(|(c, _)| *c != col);
        dropped.push(col);
    }
    (shown, dropped)
}

/// Draw the timeline with `current` (the scenario's year) marked and `selected` explained.
pub fn render(
    buf: &mut Buffer,
    area: Rect,
    t: &Timeline,
    current: u16,
    selected: u16,
    theme: &Theme,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(" Rules by performance year ", theme.title))
        .title_bottom(Line::from(vec![
            Span::styled(" ↑↓", theme.value),
            Span::styled(" choose a year  ", theme.dim),
            Span::styled("Enter w", theme.value),
            Span::styled(" what changed  ", theme.dim),
            Span::styled("Esc", theme.value),
            Span::styled(" back ", theme.dim),
        ]));
    let inner = block.inner(area);
    block.render(area, buf);
    let width = inner.width as usize;
    if width < 20 || inner.height < 3 {
        return;
    }
    let (columns, dropped) = fit_columns(t, width);
    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::from(Span::styled(
        fit(&abbreviations(&columns), width).trim_end().to_string(),
        theme.dim,
    )));
    lines.push(Line::from(Span::styled(
        fit("✓ confirmed  ~ likely  ? assumed  * changed from the year before  ▶ this scenario's year", width)
            .trim_end()
            .to_string(),
        theme.dim,
    )));
    let mut head = vec![Span::styled(fit("  PY", 7), theme.heading)];
    for (col, w) in &columns {
        head.push(Span::styled(fit(heading(*col), *w + 1), theme.heading));
    }
    lines.push(Line::from(head));
    for y in &t.years {
        let py = y.performance_year;
        let is_current = py == current;
        let is_selected = py == selected;
        let marker = match (is_current, is_selected) {
            (true, _) => "▶",
            (false, true) => "›",
            _ => " ",
        };
        let row_style = if is_selected {
            theme.focus
        } else if is_current {
            theme.value
        } else {
            theme.base
        };
        let mut spans = vec![Span::styled(format!("{marker} {py}  "), row_style)];
        for (col, w) in &columns {
            let cell = y.cell(*col);
            let mut style = row_style;
            if cell.changed && !is_selected {
                style = style.add_modifier(Modifier::BOLD);
                if !theme.mono {
                    style = style.patch(theme.info);
                }
            }
            spans.push(Span::styled(fit(&cell_text(cell), *w + 1), style));
        }
        lines.push(Line::from(spans));
    }
    if !dropped.is_empty() {
        let names: Vec<&str> = dropped.iter().rev().map(|c| c.label()).collect();
        lines.push(Line::from(Span::styled(
            fit(
                &format!("Not shown (wider screen): {}", names.join(", ")),
                width,
            )
            .trim_end()
            .to_string(),
            theme.dim,
        )));
    }
    lines.push(Line::default());

    // The selected year, every cell in words with its confidence and source.
    if let Some(y) = t.year(selected) {
        lines.push(Line::from(Span::styled(
            format!(
                "PY{} (payment year {}){}",
                y.performance_year,
                y.payment_year,
                if y.performance_year == current {
                    " — this scenario's year"
                } else {
                    ""
                }
            ),
            theme.heading,
        )));
        for cell in &y.cells {
            let mark = cell.confidence.map_or(" ", confidence_mark);
            let changed = if cell.changed { " (changed)" } else { "" };
            let mut text = match (&cell.note, cell.confidence) {
                (Some(n), None) => format!("{mark} {}: {n}", cell.column.label()),
                _ => format!("{mark} {}: {}{changed}", cell.column.label(), cell.text),
            };
            if let (Some(n), Some(_)) = (&cell.note, cell.confidence) {
                text.push_str(&format!(" — {n}"));
            }
            let style = match cell.confidence {
                Some(c) if cell.changed => theme.confidence(c).add_modifier(Modifier::BOLD),
                Some(c) => theme.confidence(c),
                None => theme.dim,
            };
            for (i, l) in wrap_text(&text, width.saturating_sub(2))
                .into_iter()
                .enumerate()
            {
                let indent = if i == 0 { "" } else { "    " };
                lines.push(Line::from(Span::styled(format!("{indent}{l}"), style)));
            }
            if let Some(src) = &cell.source {
                for l in wrap_text(&format!("source: {src}"), width.saturating_sub(4)) {
                    lines.push(Line::from(Span::styled(format!("    {l}"), theme.dim)));
                }
            }
        }
    }
    let height = inner.height as usize;
    if lines.len() > height {
        lines.truncate(height.saturating_sub(1));
        lines.push(Line::from(Span::styled(
            "… more: enlarge the terminal, or rules --year on the command line",
            Style::default().patch(theme.dim),
        )));
    }
    put_lines(buf, inner, &lines);
}
