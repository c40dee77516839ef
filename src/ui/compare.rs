//! The Compare view: two to four scenarios side by side (the baseline, pinned columns and the
//! current state), as the rows `mips-whatif compare` prints, under a score strip that marks
//! every scenario with its letter.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::{Theme, fit, put_lines, wrap_text};
use crate::app::App;
use crate::compare::{DIFFERENCES_TITLE, Section};
use crate::engine::{Band, published_score};
use crate::format::{number, percent, two_decimals};

/// One scenario on the strip.
struct Mark {
    key: &'static str,
    label: String,
    score: f64,
    band: Band,
    adjustment: f64,
}

/// A cell cut or padded on the left to `width` columns.
fn rfit(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        fit(s, width)
    } else {
        format!("{}{s}", " ".repeat(width - n))
    }
}

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(
            " Compare — differences against A ",
            theme.title,
        ))
        .title_bottom(
            Line::from(vec![
                Span::styled(" a", theme.value),
                Span::styled(" pin ", theme.dim),
                Span::styled("A", theme.value),
                Span::styled(" add file ", theme.dim),
                Span::styled("c", theme.value),
                Span::styled(" clear ", theme.dim),
                Span::styled("e", theme.value),
                Span::styled(" export ", theme.dim),
            ])
            .alignment(Alignment::Right),
        );
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 20 || inner.height < 4 {
        return;
    }
    let w = inner.width as usize;

    let Some(cmp) = &app.compare.comparison else {
        let r = app.result();
        let marks = [Mark {
            key: "•",
            label: "Current".into(),
            score: published_score(r.final_score),
            band: r.band,
            adjustment: r.payment_adjustment_percent,
        }];
        let used = strip(buf, inner, app, &marks, theme);
        let text = "Only the current state so far. b pins it as the baseline, a pins it as a \
                    column, A adds a scenario file; then change the inputs on the left: the \
                    columns and their differences against A appear here (up to 4).";
        let lines: Vec<Line> = wrap_text(text, w)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme.dim)))
            .collect();
        let y = inner.y + used + 1;
        if y < inner.bottom() {
            put_lines(
                buf,
                Rect::new(inner.x, y, inner.width, inner.bottom() - y),
                &lines,
            );
        }
        return;
    };

    let marks: Vec<Mark> = cmp
        .scenarios
        .iter()
        .map(|s| Mark {
            key: s.key,
            label: s.label.clone(),
            score: s.final_score_published,
            band: s.result.band,
            adjustment: s.result.payment_adjustment_percent,
        })
        .collect();
    let used = strip(buf, inner, app, &marks, theme);
    let top = inner.y + (used + 1).min(inner.height);
    let room = inner.bottom().saturating_sub(top) as usize;

    // The table: as many rows as fit, identical input and scoring rows dropped first.
    let mut sections = cmp.sections();
    let n = cmp.scenarios.len();
    let hidden_columns = app.compare_hidden();
    let footer = 1 + usize::from(hidden_columns > 0);
    let lines_of = |s: &[Section]| s.iter().map(|x| 1 + x.rows.len()).sum::<usize>() + 2;
    let mut hidden_rows = 0;
    for i in 0..sections.len() {
        if lines_of(&sections) + footer <= room || sections[i].title == DIFFERENCES_TITLE {
            break;
        }
        let before = sections[i].rows.len();
        sections[i].rows.retain(|r| r.differs);
        hidden_rows += before - sections[i].rows.len();
    }

    let max_label = sections
        .iter()
        .flat_map(|s| s.rows.iter().map(|r| r.label.chars().count()))
        .max()
        .unwrap_or(10);
    let widest_cell = sections
        .iter()
        .flat_map(|s| s.rows.iter().flat_map(|r| r.cells.iter()))
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(8);
    let cell_w = (widest_cell + 2).min((w.saturating_sub(2 + 16)) / n).max(6);
    let label_w = (w.saturating_sub(2 + n * cell_w)).min(max_label + 1);

    let mut lines: Vec<Line> = Vec::new();
    let mut head = vec![Span::raw(" ".repeat(2 + label_w))];
    let mut names = vec![Span::raw(" ".repeat(2 + label_w))];
    for s in &cmp.scenarios {
        head.push(Span::styled(rfit(s.key, cell_w), theme.heading));
        names.push(Span::styled(rfit(&s.label, cell_w - 1), theme.dim));
        names.push(Span::raw(" "));
    }
    lines.push(Line::from(head));
    lines.push(Line::from(names));
    for s in &sections {
        lines.push(Line::from(Span::styled(fit(&s.title, w), theme.heading)));
        for r in &s.rows {
            let (mark, style) = if r.differs {
                ("* ", theme.value.add_modifier(Modifier::BOLD))
            } else {
                ("  ", theme.base)
            };
            let mut spans = vec![
                Span::styled(mark, theme.warning),
                Span::styled(fit(&r.label, label_w), theme.label),
            ];
            for c in &r.cells {
                spans.push(Span::styled(format!(" {}", rfit(c, cell_w - 1)), style));
            }
            lines.push(Line::from(spans));
        }
    }
    let mut note = "* the scenarios differ on this line".to_string();
    if hidden_rows > 0 {
        note.push_str(&format!(" · {hidden_rows} identical rows hidden"));
    }
    lines.push(Line::from(Span::styled(fit(&note, w), theme.dim)));
    if hidden_columns > 0 {
        lines.push(Line::from(Span::styled(
            fit(
                &format!(
                    "{hidden_columns} pinned column(s) not shown: 4 columns at most with the \
                     baseline (c clears, x drops the baseline)"
                ),
                w,
            ),
            theme.warning,
        )));
    }
    put_lines(
        buf,
        Rect::new(inner.x, top, inner.width, room as u16),
        &lines,
    );
}

/// The score strip: one row per scenario with its letter at its final score, the 0–100 axis
/// with the current year's band edges, and the edge values. Returns the rows used.
fn strip(buf: &mut Buffer, area: Rect, app: &App, marks: &[Mark], theme: &Theme) -> u16 {
    let rows = marks.len() as u16 + 2;
    if area.height < rows + 2 || area.width < 30 {
        return 0;
    }
    let x0 = area.x + 2;
    let x1 = area.right().saturating_sub(5);
    let span = f64::from(x1 - x0);
    let col = |s: f64| x0 + ((s.clamp(0.0, 100.0) / 100.0) * span).round() as u16;
    let axis_row = area.y + marks.len() as u16;
    let labels_row = axis_row + 1;

    buf.set_string(area.x, axis_row, "0", theme.dim);
    for x in x0..=x1 {
        buf[(x, axis_row)].set_char('─').set_style(theme.dim);
    }
    buf[(x0, axis_row)].set_char('├');
    buf[(x1, axis_row)].set_char('┤');
    buf.set_string(x1 + 1, axis_row, "100", theme.dim);
    let edges = &app.computed().chart.edges;
    let mut taken_until = area.x;
    for &e in edges {
        buf[(col(e), axis_row)].set_char('┼');
        let text = number(e);
        let len = text.chars().count() as u16;
        let start = col(e).saturating_sub(len / 2);
        if start >= taken_until && start + len <= area.right() {
            buf.set_string(start, labels_row, &text, theme.dim);
            taken_until = start + len + 1;
        }
    }
    if taken_until <= x0 {
        buf.set_string(x0, labels_row, "score", theme.dim);
    }

    for (i, m) in marks.iter().enumerate() {
        let row = area.y + i as u16;
        let c = col(m.score);
        let badge: Style = theme.band_badge(m.band);
        buf[(c, axis_row)]
            .set_char(m.key.chars().next().unwrap_or('•'))
            .set_style(theme.band(m.band).add_modifier(Modifier::BOLD));
        let label = format!(
            " {} {} · {} · {} · {}",
            m.key,
            m.label,
            two_decimals(m.score),
            m.band.label(),
            percent(m.adjustment)
        );
        let len = label.chars().count() as u16;
        buf[(c, row)].set_char('▼').set_style(theme.value);
        if c + 1 + len <= area.right() {
            buf.set_string(c + 1, row, &label, theme.base);
            buf.set_string(c + 2, row, m.key, badge);
        } else {
            let left = format!("{} ", label.trim_start());
            let len = left.chars().count() as u16;
            let start = c.saturating_sub(len).max(area.x);
            buf.set_string(start, row, fit(&left, (c - start) as usize), theme.base);
            buf.set_string(start, row, m.key, badge);
        }
    }
    rows
}
