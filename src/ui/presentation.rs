//! Presentation mode: for a projector. The scenario's name, the final score and the payment
//! adjustment in large digits that grow with the terminal (for PY2025+, while the maximum is
//! not published, the adjustment's range in the same large digits), the band by name and
//! arrow, the dollars (large when there is room) and the national band chart; no inputs panel.
//! On a smaller screen the digits shrink first, then the chart goes, then the digits become
//! one line of text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::band_chart::{self, score_span_text};
use super::big_digits::{BigDigits, DigitSize};
use super::theme::band_arrow;
use super::{CHART_MIN_HEIGHT, Theme};
use crate::app::App;
use crate::engine::published_score;
use crate::format::{dollars, percent, signed_dollars, two_decimals};

/// Columns between the score and the adjustment.
const GAP: u16 = 8;
/// The chart is no wider than this (centred), so bars stay readable on a wide projector.
const CHART_MAX_WIDTH: u16 = 112;
/// The largest magnification of the digits (a pixel of 8 rows by 16 columns).
const MAX_SCALE: u16 = 8;
/// Columns between the two ends of a range (" to " is written there).
const RANGE_GAP: u16 = 6;

/// How the screen is laid out at a size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Shape {
    digits: Option<DigitSize>,
    chart: bool,
    big_dollars: bool,
}

/// The adjustment as shown large: the figure, or the two ends of its range while the
/// year's maximum is not published (the range is then as prominent as the figure).
fn adjustment_figures(app: &App) -> Vec<String> {
    let r = app.result();
    let u = &app.computed().uncertainty;
    if u.primary && u.kind == crate::sensitivity::RangeKind::Positive {
        vec![percent(u.low_percent), percent(u.high_percent)]
    } else {
        vec![percent(r.payment_adjustment_percent)]
    }
}

/// Is the adjustment shown as a range (PY2025+, maximum not published)?
fn figures_are_ranged(app: &App) -> bool {
    adjustment_figures(app).len() > 1
}

/// Width of the adjustment's figures at a size, the gaps between them included.
fn figures_width(figures: &[String], size: DigitSize) -> u16 {
    let gaps = figures.len().saturating_sub(1) as u16 * RANGE_GAP;
    figures
        .iter()
        .map(|f| BigDigits::width(f, size))
        .sum::<u16>()
        + gaps
}

fn shape(app: &App, area: Rect) -> Shape {
    let r = app.result();
    let score = two_decimals(published_score(r.final_score));
    let adj = adjustment_figures(app);
    let money = r.dollar_impact.map(signed_dollars);
    let fits_w = |size: DigitSize| {
        BigDigits::width(&score, size) + GAP + figures_width(&adj, size) + 2 <= area.width
    };
    // The name line, the labels, the digits, the band line.
    let header = |size: Option<DigitSize>| size.map_or(3, |s| s.height() + 5);
    let sizes = DigitSize::largest_first(MAX_SCALE);
    // With the chart, the digits take at most half the height; without, any size that fits.
    let candidates = sizes
        .iter()
        .map(|d| (Some(*d), true))
        .chain(sizes.iter().map(|d| (Some(*d), false)))
        .chain(std::iter::once((None, false)));
    let (digits, chart) = candidates
        .into_iter()
        .find(|(d, chart)| {
            let scaled_ok = !matches!(d, Some(DigitSize::Scaled(_)))
                || !*chart
                || header(*d) * 2 <= area.height;
            d.is_none_or(fits_w)
                && scaled_ok
                && header(*d) + if *chart { CHART_MIN_HEIGHT } else { 0 } <= area.height
        })
        .unwrap_or((None, false));
    let big_dollars = match (digits, &money) {
        (Some(size), Some(m)) => {
            let need = header(digits)
                + size.height()
                + 2
                // With no chart, a line still says it is hidden.
                + if chart { CHART_MIN_HEIGHT } else { 1 };
            let width = if figures_are_ranged(app) {
                let u = &app.computed().uncertainty;
                let ends: Vec<String> = [u.low_dollars, u.high_dollars]
                    .into_iter()
                    .flatten()
                    .map(signed_dollars)
                    .collect();
                figures_width(&ends, size)
            } else {
                BigDigits::width(m, size)
            };
            width + 2 <= area.width && need <= area.height
        }
        _ => false,
    };
    Shape {
        digits,
        chart,
        big_dollars,
    }
}

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    if area.width < 10 || area.height == 0 {
        return;
    }
    let r = app.result();
    let s = shape(app, area);
    let score = two_decimals(published_score(r.final_score));
    let digit_style = theme.band(r.band).add_modifier(Modifier::BOLD);
    let badge = Span::styled(
        format!(" {} {} ", band_arrow(r.band), r.band.label().to_uppercase()),
        theme.band_badge(r.band),
    );
    let range = app
        .computed()
        .chart
        .ranges
        .iter()
        .find(|(b, _, _)| *b == r.band)
        .map(|(_, lo, hi)| format!("  scores {}", score_span_text(*lo, *hi)))
        .unwrap_or_default();
    let u = &app.computed().uncertainty;
    let dollar_figures: Vec<String> = match (u.low_dollars, u.high_dollars, r.dollar_impact) {
        (Some(lo), Some(hi), _) if figures_are_ranged(app) => {
            vec![signed_dollars(lo), signed_dollars(hi)]
        }
        (_, _, Some(d)) => vec![signed_dollars(d)],
        _ => Vec::new(),
    };
    let money_text = match (dollar_figures.is_empty(), r.part_b_allowed_charges) {
        (false, Some(c)) => format!("{} on {} Part B", dollar_figures.join(" to "), dollars(c)),
        _ => "Dollars: enter Part B allowed charges".to_string(),
    };
    let mut adj_label = vec![Span::styled(
        format!("PAYMENT ADJUSTMENT IN {}", r.payment_year),
        theme.heading,
    )];
    if r.is_assumption_based() {
        adj_label.push(Span::raw(" "));
        adj_label.push(Span::styled(" ASSUMED ", theme.assumed));
    }

    let figures = adjustment_figures(app);
    let ranged = figures.len() > 1;
    if ranged {
        adj_label[0] = Span::styled(
            format!("PAYMENT ADJUSTMENT IN {}: RANGE", r.payment_year),
            theme.heading,
        );
    }
    let mut y = area.y;
    match s.digits {
        Some(size) => {
            let name = app.scenario().name.clone().unwrap_or_default();
            line_at(
                buf,
                area.x,
                y,
                area.width,
                Line::from(Span::styled(name, theme.heading)).centered(),
            );
            let sw = BigDigits::width(&score, size);
            let aw = figures_width(&figures, size);
            let total = sw + GAP + aw;
            let x0 = area.x + area.width.saturating_sub(total) / 2;
            let ax = x0 + sw + GAP;
            let right = area.right();
            y += 1;
            line_at(
                buf,
                x0,
                y,
                sw + GAP,
                Line::from(Span::styled("FINAL SCORE", theme.heading)),
            );
            line_at(buf, ax, y, right - ax, Line::from(adj_label));
            y += 1;
            big(buf, x0, y, &score, size, digit_style);
            draw_figures(buf, ax, y, &figures, size, theme.value, theme);
            y += size.height() + 1;
            line_at(
                buf,
                x0,
                y,
                sw + GAP,
                Line::from(vec![badge, Span::styled(range, theme.dim)]),
            );
            // Under the adjustment: the dollars (unless large below) and the exceptional
            // bonus it includes, shortened to fit.
            let room = usize::from(right - ax);
            let money_short = r.dollar_impact.map(signed_dollars).unwrap_or_default();
            let moneys: Vec<&str> = if s.big_dollars {
                vec![""]
            } else {
                vec![money_text.as_str(), money_short.as_str()]
            };
            let extra = if r.exceptional_bonus_percent > 0.0 {
                let e = percent(r.exceptional_bonus_percent);
                vec![
                    format!("incl. exceptional {e}"),
                    format!("EPB {e}"),
                    String::new(),
                ]
            } else {
                vec![String::new()]
            };
            let fits = |m: &str, e: &str| m.chars().count() + 2 + e.chars().count() <= room;
            // Keep the exceptional bonus rather than the charges when both do not fit.
            let (m, e) = extra
                .iter()
                .flat_map(|e| moneys.iter().map(move |m| (*m, e.as_str())))
                .find(|(m, e)| fits(m, e))
                .unwrap_or((moneys[moneys.len() - 1], ""));
            let mut under = vec![Span::styled(m.to_string(), theme.value)];
            if !e.is_empty() {
                under.push(Span::styled(
                    format!("{}{e}", if m.is_empty() { "" } else { "  " }),
                    theme.dim,
                ));
            }
            line_at(buf, ax, y, right - ax, Line::from(under));
            y += 1;
            if let (true, Some(_), Some(c)) =
                (s.big_dollars, r.dollar_impact, r.part_b_allowed_charges)
            {
                let mw = figures_width(&dollar_figures, size);
                let mx = area.x + area.width.saturating_sub(mw) / 2;
                y += 1;
                line_at(
                    buf,
                    mx,
                    y,
                    right - mx,
                    Line::from(Span::styled(
                        format!(
                            "DOLLARS IN {} (on {} Part B allowed charges)",
                            r.payment_year,
                            dollars(c)
                        ),
                        theme.heading,
                    )),
                );
                y += 1;
                draw_figures(buf, mx, y, &dollar_figures, size, theme.value, theme);
                y += size.height();
            }
        }
        None => {
            let mut spans = vec![
                Span::raw("Final score "),
                Span::styled(score.clone(), theme.value),
                Span::raw("  "),
                badge,
                Span::raw("  Adjustment "),
                Span::styled(figures.join(" to "), theme.value),
                Span::raw(format!(" in {}", r.payment_year)),
            ];
            if r.is_assumption_based() {
                spans.push(Span::raw(" "));
                spans.push(Span::styled(" ASSUMED ", theme.assumed));
            }
            let lines = [
                Line::default(),
                Line::from(spans).centered(),
                Line::from(Span::styled(money_text, theme.value)).centered(),
            ];
            let h = (lines.len() as u16).min(area.height);
            Paragraph::new(lines.to_vec()).render(Rect::new(area.x, area.y, area.width, h), buf);
            y += h;
        }
    }
    let rest = area.bottom().saturating_sub(y + 1);
    if s.chart && rest >= CHART_MIN_HEIGHT {
        let w = area.width.min(CHART_MAX_WIDTH);
        let x = area.x + (area.width - w) / 2;
        band_chart::render(buf, Rect::new(x, y + 1, w, rest), app, theme);
    } else if y + 1 < area.bottom() {
        line_at(
            buf,
            area.x,
            area.bottom() - 1,
            area.width,
            Line::from(Span::styled(
                "Chart hidden: enlarge the terminal",
                theme.dim,
            ))
            .centered(),
        );
    }
}

/// One or two large figures side by side, "to" between them.
fn draw_figures(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    figures: &[String],
    size: DigitSize,
    style: Style,
    theme: &Theme,
) {
    let mut fx = x;
    for (i, f) in figures.iter().enumerate() {
        if i > 0 {
            line_at(
                buf,
                fx,
                y + size.height() / 2,
                RANGE_GAP,
                Line::from(Span::styled("to", theme.heading)).centered(),
            );
            fx += RANGE_GAP;
        }
        big(buf, fx, y, f, size, style);
        fx += BigDigits::width(f, size);
    }
}

fn line_at(buf: &mut Buffer, x: u16, y: u16, width: u16, line: Line) {
    let area = buf.area;
    if y < area.bottom() && x < area.right() {
        let w = width.min(area.right() - x);
        if line.alignment.is_some() {
            Paragraph::new(line).render(Rect::new(x, y, w, 1), buf);
        } else {
            buf.set_line(x, y, &line, w);
        }
    }
}

fn big(buf: &mut Buffer, x: u16, y: u16, text: &str, size: DigitSize, style: Style) {
    let area = buf.area;
    if y >= area.bottom() || x >= area.right() {
        return;
    }
    let w = BigDigits::width(text, size).min(area.right() - x);
    let h = size.height().min(area.bottom() - y);
    BigDigits { text, size, style }.render(Rect::new(x, y, w, h), buf);
}
