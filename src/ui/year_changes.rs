//! The What changed view: what changed in a year's rules from the year before, in words from
//! the rules data, and what it does to this scenario — its inputs scored under both years, side
//! by side. Nothing is computed here.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::{Theme, fit, put_lines, wrap_text};
use crate::format::{percent, signed_dollars, two_decimals};
use crate::teaching::confidence_mark;
use crate::teaching::year_changes::{SideBySide, Topic, YearChanges, YearOutcome};

/// The rows of the side-by-side table.
fn rows(s: &SideBySide, narrow: bool) -> Vec<(&'static str, String, String)> {
    let pair = |f: &dyn Fn(&YearOutcome) -> String| (f(&s.since), f(&s.year));
    let mut out = Vec::new();
    let (a, b) = pair(&|o| two_decimals(o.final_score));
    out.push(("Final score", a, b));
    let (a, b) = pair(&|o| o.weights.to_string());
    out.push(("Weights", a, b));
    let (a, b) = pair(&|o| o.band.label().to_string());
    out.push(("Band", a, b));
    let (a, b) = pair(&|o| {
        if narrow {
            percent(o.payment_adjustment_percent)
        } else {
            format!(
                "{} in {}",
                percent(o.payment_adjustment_percent),
                o.payment_year
            )
        }
    });
    out.push(("Adjustment", a, b));
    if s.year.dollar_impact.is_some() {
        let (a, b) = pair(&|o| o.dollar_impact.map_or(String::new(), signed_dollars));
        out.push(("Dollars", a, b));
    }
    out
}

/// Draw what changed in `year` (from `changes.since`) and the scenario under both years.
/// `changes` is None for the first year of the rules.
pub fn render(
    buf: &mut Buffer,
    area: Rect,
    year: u16,
    changes: Option<&YearChanges>,
    side: Option<&SideBySide>,
    theme: &Theme,
) {
    let title = match changes {
        Some(c) => format!(" What changed in PY{} (from PY{}) ", c.year, c.since),
        None => format!(" What changed in PY{year} "),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(title, theme.title))
        .title_bottom(Line::from(vec![
            Span::styled(" ↑↓", theme.value),
            Span::styled(" another year  ", theme.dim),
            Span::styled("W", theme.value),
            Span::styled(" all years  ", theme.dim),
            Span::styled("Esc", theme.value),
            Span::styled(" back ", theme.dim),
        ]));
    let inner = block.inner(area);
    block.render(area, buf);
    let width = inner.width as usize;
    if width < 20 || inner.height < 3 {
        return;
    }
    let Some(changes) = changes else {
        put_lines(
            buf,
            inner,
            &[Line::from(Span::styled(
                format!("PY{year} is the first year of these rules: nothing to compare it with."),
                theme.dim,
            ))],
        );
        return;
    };

    let mut head: Vec<Line> = Vec::new();
    if let Some(s) = side {
        head.push(Line::from(Span::styled(
            "This scenario's inputs under both years",
            theme.heading,
        )));
        let label_w = 13;
        let col_w = ((width.saturating_sub(label_w)) / 2).clamp(8, 24);
        let table = rows(s, col_w < 17);
        head.push(Line::from(vec![
            Span::raw(fit("", label_w)),
            Span::styled(
                fit(&format!("PY{}", s.since.performance_year), col_w),
                theme.dim,
            ),
            Span::styled(
                fit(&format!("PY{}", s.year.performance_year), col_w),
                theme.value,
            ),
        ]));
        for (label, a, b) in &table {
            let differs = a != b;
            let style = if differs {
                theme.value.add_modifier(Modifier::BOLD)
            } else {
                theme.base
            };
            head.push(Line::from(vec![
                Span::styled(fit(label, label_w), theme.label),
                Span::styled(fit(a, col_w), theme.dim),
                Span::styled(
                    fit(&format!("{b}{}", if differs { " *" } else { "" }), col_w),
                    style,
                ),
            ]));
        }
        let points = s.score_difference();
        let pp = s.adjustment_difference();
        head.push(Line::from(Span::styled(
            fit(
                &format!("Difference: {points:+.2} points, {pp:+.2} percentage points"),
                width,
            )
            .trim_end()
            .to_string(),
            theme.value,
        )));
        for o in [&s.since, &s.year] {
            for a in &o.adjusted {
                for l in wrap_text(&format!("PY{}: {a}", o.performance_year), width) {
                    head.push(Line::from(Span::styled(l, theme.dim)));
                }
            }
        }
        head.push(Line::default());
    }

    // The changes, grouped; redistribution rows summed up when room is short.
    let height = inner.height as usize;
    let list = |summarise: bool| -> Vec<Line<'static>> {
        let mut out: Vec<Line> = Vec::new();
        if changes.changes.is_empty() {
            out.push(Line::from(Span::styled(
                "Nothing: the rules are the same.",
                theme.dim,
            )));
        }
        for (topic, items) in changes.by_topic() {
            out.push(Line::from(Span::styled(topic.heading(), theme.heading)));
            if summarise && topic == Topic::Redistribution && items.len() > 2 {
                let text = format!(
                    "{} {} — and {} more (all: mips-whatif rules --year {})",
                    confidence_mark(items[0].confidence),
                    items[0].text,
                    items.len() - 1,
                    changes.year
                );
                for l in wrap_text(&text, width.saturating_sub(2)) {
                    out.push(Line::from(Span::raw(format!("  {l}"))));
                }
                continue;
            }
            for c in items {
                let text = format!("{} {}", confidence_mark(c.confidence), c.text);
                for (i, l) in wrap_text(&text, width.saturating_sub(2))
                    .into_iter()
                    .enumerate()
                {
                    let style = if i == 0 {
                        theme.confidence(c.confidence)
                    } else {
                        theme.base
                    };
                    out.push(Line::from(Span::styled(format!("  {l}"), style)));
                }
            }
        }
        out
    };
    let mut body = list(false);
    if head.len() + body.len() > height {
        body = list(true);
    }
    let mut lines = head;
    lines.extend(body);
    if lines.len() > height {
        lines.truncate(height.saturating_sub(1));
        lines.push(Line::from(Span::styled(
            format!("… more: mips-whatif rules --year {}", changes.year),
            theme.dim,
        )));
    }
    put_lines(buf, inner, &lines);
}
