//! The band chart: the national share of clinicians in each CMS adjustment band as bars, the
//! band the clinician lands in highlighted (full bar, reverse-video name, ▶ ◀), and under it
//! a 0–100 score axis with the band edges and markers for the final score (▼ you) and the
//! baseline (△). Bands differ by name, position and fill pattern as well as colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::Theme;
use super::theme::band_fill;
use crate::app::{App, bar_for};
use crate::engine::{Band, published_score};
use crate::format::{number, two_decimals};

/// One bar as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct BarView {
    pub band: Band,
    pub share: f64,
    /// The current year's score range this bar covers, e.g. "75.01–88.99".
    pub scores: String,
    /// The adjustment over that range, e.g. "+0.00…+0.59%".
    pub adjustment: String,
}

/// Everything the chart draws, from the state.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartView {
    pub bars: Vec<BarView>,
    pub highlighted: Option<Band>,
    pub baseline_bar: Option<Band>,
    /// The current year's bands on the axis: (band, low, high).
    pub ranges: Vec<(Band, f64, f64)>,
    pub edges: Vec<f64>,
    pub score: f64,
    pub band: Band,
    pub baseline_score: Option<f64>,
    /// Why no bar is highlighted, when the data year is on another scale.
    pub note: Option<String>,
}

/// A band's score range as the chart and the results print it: "75.01–88.99", "75".
pub fn score_span_text(lo: f64, hi: f64) -> String {
    let t = |v: f64| number((v * 100.0).round() / 100.0);
    if (hi - lo).abs() < 1e-9 {
        t(lo)
    } else {
        format!("{}–{}", t(lo), t(hi))
    }
}

fn adjustment_text(lo: f64, hi: f64) -> String {
    let t = |v: f64| crate::format::signed(v, 2);
    if (hi - lo).abs() < 0.005 {
        format!("{}%", t(lo))
    } else {
        format!("{}…{}%", t(lo), t(hi))
    }
}

/// The chart's view of the state (cheap: the data was gathered when the scenario changed).
pub fn view(app: &App) -> Option<ChartView> {
    let chart = &app.computed().chart;
    let shares = chart.shares.as_ref()?;
    let r = app.result();
    // Another year's scale (another threshold): its bars keep their own score ranges, and
    // this scenario's adjustments do not apply to them.
    let other_scale = chart.model.as_ref().filter(|m| !m.same_scale);
    let bars = shares
        .shares
        .iter()
        .map(|&(band, share)| {
            if let Some(m) = other_scale {
                let scores = m
                    .bars
                    .iter()
                    .find(|b| b.band == band)
                    .and_then(|b| b.range)
                    .map_or(String::new(), |(lo, hi)| score_span_text(lo, hi));
                return BarView {
                    band,
                    share,
                    scores,
                    adjustment: String::new(),
                };
            }
            // The year's bands this bar covers (PY2023 data has no 89+ split, for example).
            let covered: Vec<usize> = chart
                .ranges
                .iter()
                .enumerate()
                .filter(|(_, (b, _, _))| bar_for(*b, shares) == Some(band))
                .map(|(i, _)| i)
                .collect();
            let (scores, adjustment) = if covered.is_empty() {
                (String::new(), String::new())
            } else {
                let lo = covered
                    .iter()
                    .map(|&i| chart.ranges[i].1)
                    .fold(f64::MAX, f64::min);
                let hi = covered
                    .iter()
                    .map(|&i| chart.ranges[i].2)
                    .fold(f64::MIN, f64::max);
                let alo = covered
                    .iter()
                    .map(|&i| chart.adjustments[i].1)
                    .fold(f64::MAX, f64::min);
                let ahi = covered
                    .iter()
                    .map(|&i| chart.adjustments[i].2)
                    .fold(f64::MIN, f64::max);
                (score_span_text(lo, hi), adjustment_text(alo, ahi))
            };
            BarView {
                band,
                share,
                scores,
                adjustment,
            }
        })
        .collect();
    Some(ChartView {
        bars,
        highlighted: chart.highlighted,
        baseline_bar: chart.baseline_bar,
        ranges: chart.ranges.clone(),
        edges: chart.edges.clone(),
        score: published_score(r.final_score),
        band: r.band,
        baseline_score: app
            .baseline
            .as_ref()
            .map(|b| published_score(b.result.final_score)),
        note: other_scale.map(|m| {
            format!(
                "PY{}'s bands (threshold {}) are not PY{}'s: no band is highlighted.",
                m.data_year,
                app.rules
                    .year(m.data_year)
                    .map_or("another".into(), |d| number(d.pt())),
                m.scenario_year
            )
        }),
    })
}

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let g = app.chart_group;
    let py = app.scenario().performance_year;
    let (data, short) = match &app.computed().chart.shares {
        Some(s) if s.performance_year == py => (
            format!("CMS PY{} data", s.performance_year),
            format!("PY{}", s.performance_year),
        ),
        Some(s) => (
            format!("CMS PY{} data (nearest to PY{py})", s.performance_year),
            format!("PY{} data*", s.performance_year),
        ),
        None => ("no CMS data".into(), "no data".into()),
    };
    let who = format!("{}, {}", g.group.label(), g.reporting.label());
    let room = area.width.saturating_sub(4) as usize;
    let title = [
        format!(" National bands: {who} · {data} "),
        format!(" National: {who} · {data} "),
        format!(" {who} · {data} "),
        format!(" {who} · {short} "),
    ]
    .into_iter()
    .find(|t| t.chars().count() <= room)
    .unwrap_or_else(|| format!(" {short} "));
    let bottom = Line::from(vec![
        Span::styled(" g", theme.value),
        Span::styled(" group ", theme.dim),
        Span::styled("G", theme.value),
        Span::styled(" reporting status ", theme.dim),
    ]);
    let top = Line::from(Span::styled(title, theme.title));
    let inner = super::text::bordered(buf, area, theme.border, Some(top), Some(bottom));
    match view(app) {
        Some(v) => draw_chart(buf, inner, &v, theme),
        None => {
            Paragraph::new("CMS published no band shares for this group.")
                .style(theme.dim)
                .render(inner, buf);
        }
    }
}

/// Short band names for narrow bars.
fn band_name(band: Band, width: usize) -> &'static str {
    let (long, short, tiny) = match band {
        Band::MaxNegative => ("Max negative", "Max neg", "Max−"),
        Band::Negative => ("Negative", "Negative", "Neg"),
        Band::Neutral => ("Neutral", "Neutral", "Neut"),
        Band::Positive => ("Positive", "Positive", "Pos"),
        Band::Positive89Plus => ("Positive 89+", "89+", "89+"),
        Band::Exceptional => ("Exceptional", "Exceptional", "Exc"),
    };
    if long.chars().count() <= width {
        long
    } else if short.chars().count() <= width {
        short
    } else {
        tiny
    }
}

/// Draw the bars and the axis into `area` (the inside of the chart's block).
pub fn draw_chart(buf: &mut Buffer, area: Rect, v: &ChartView, theme: &Theme) {
    let n = v.bars.len() as u16;
    if n == 0 || area.width < 20 || area.height < 8 {
        return;
    }
    // The reason nothing is highlighted, on the first row, when there is room for it.
    let area = match &v.note {
        Some(note) if area.height >= 10 => {
            let text = super::fit(note, area.width as usize);
            buf.set_string(area.x, area.y, text, theme.dim);
            Rect {
                y: area.y + 1,
                height: area.height - 1,
                ..area
            }
        }
        _ => area,
    };
    // Rows from the bottom: baseline marker, edge labels, axis, "you" marker, then the
    // bar labels and the bars.
    let mut bottom = area.bottom();
    let baseline_row = v.baseline_score.map(|_| {
        bottom -= 1;
        bottom
    });
    bottom -= 1;
    let labels_row = bottom;
    bottom -= 1;
    let axis_row = bottom;
    bottom -= 1;
    let marker_row = bottom;
    if area.height >= 17 {
        bottom -= 1; // breathing room between the bars and the axis
    }
    // Two columns between bars where the names fit whole, else one to widen the bars.
    let width_with = |gap: u16| ((area.width - gap * (n - 1)) / n).min(18);
    let gap: u16 = if width_with(2) >= 14 { 2 } else { 1 };
    let bar_w = width_with(gap);
    let show_adj = area.height >= 14
        && v.bars
            .iter()
            .all(|b| b.adjustment.chars().count() <= bar_w as usize);
    let show_scores = area.height >= 12
        && v.bars
            .iter()
            .all(|b| b.scores.chars().count() <= bar_w as usize);
    if show_adj {
        bottom -= 1;
    }
    let adj_row = bottom;
    if show_scores {
        bottom -= 1;
    }
    let scores_row = bottom;
    bottom -= 1;
    let name_row = bottom;
    let bars_top = area.y;
    let bars_rows = name_row.saturating_sub(bars_top);
    if bars_rows < 2 {
        return;
    }
    let total_w = n * bar_w + gap * (n - 1);
    let x0 = area.x + (area.width - total_w) / 2;
    let max_share = v
        .bars
        .iter()
        .map(|b| b.share)
        .fold(0.0_f64, f64::max)
        .max(0.01);
    // One row stays free for the share label above the tallest bar.
    let fill_rows = bars_rows - 1;
    const EIGHTHS: [char; 8] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇'];

    for (i, bar) in v.bars.iter().enumerate() {
        let x = x0 + i as u16 * (bar_w + gap);
        let is_you = v.highlighted == Some(bar.band);
        let is_base = v.baseline_bar == Some(bar.band) && !is_you;
        let color = theme.band(bar.band);
        let eighths = ((bar.share / max_share) * f64::from(fill_rows) * 8.0).round() as u32;
        let (full, part) = if is_you {
            (eighths / 8, eighths % 8)
        } else {
            let rows = ((eighths + 4) / 8).max(u32::from(bar.share > 0.0));
            (rows, 0)
        };
        let fill = if is_you { '█' } else { band_fill(bar.band) };
        let bar_style = if is_you {
            color.add_modifier(Modifier::BOLD)
        } else {
            color
        };
        for row in 0..full.min(u32::from(fill_rows)) {
            let y = name_row - 1 - row as u16;
            for dx in 0..bar_w {
                buf[(x + dx, y)].set_char(fill).set_style(bar_style);
            }
        }
        let mut top = name_row - full.min(u32::from(fill_rows)) as u16;
        if part > 0 && full < u32::from(fill_rows) {
            top -= 1;
            for dx in 0..bar_w {
                buf[(x + dx, top)]
                    .set_char(EIGHTHS[part as usize])
                    .set_style(bar_style);
            }
        }
        // The share above the bar.
        if top > area.y {
            let label = format!("{:.2}%", bar.share);
            let style = if is_you {
                theme.value.patch(color)
            } else {
                theme.base
            };
            put_centered(buf, x, top - 1, bar_w, &label, style);
        }
        // The band's name: reverse video and ▶ ◀ where the clinician lands.
        let name = band_name(bar.band, bar_w as usize);
        if is_you {
            // The markers always show: a shorter name makes room for them.
            let style = theme.band_badge(bar.band);
            for dx in 0..bar_w {
                buf[(x + dx, name_row)].set_char(' ').set_style(style);
            }
            let text = format!(
                "▶{}◀",
                band_name(bar.band, (bar_w as usize).saturating_sub(2))
            );
            put_centered(buf, x, name_row, bar_w, &text, style);
        } else if is_base {
            let text = format!(
                "◇{}",
                band_name(bar.band, (bar_w as usize).saturating_sub(1))
            );
            put_centered(
                buf,
                x,
                name_row,
                bar_w,
                &text,
                color.add_modifier(Modifier::UNDERLINED),
            );
        } else {
            put_centered(buf, x, name_row, bar_w, name, color);
        }
        if show_scores {
            put_centered(buf, x, scores_row, bar_w, &bar.scores, theme.dim);
        }
        if show_adj {
            put_centered(buf, x, adj_row, bar_w, &bar.adjustment, theme.dim);
        }
    }

    draw_axis(
        buf,
        area,
        v,
        theme,
        marker_row,
        axis_row,
        labels_row,
        baseline_row,
    );
}

fn put_centered(buf: &mut Buffer, x: u16, y: u16, width: u16, text: &str, style: Style) {
    let len = text.chars().count() as u16;
    let len = len.min(width);
    let start = x + (width - len) / 2;
    let s: String = text.chars().take(len as usize).collect();
    buf.set_string(start, y, s, style);
}

#[allow(clippy::too_many_arguments)]
fn draw_axis(
    buf: &mut Buffer,
    area: Rect,
    v: &ChartView,
    theme: &Theme,
    marker_row: u16,
    axis_row: u16,
    labels_row: u16,
    baseline_row: Option<u16>,
) {
    let x0 = area.x + 2;
    let x1 = area.right().saturating_sub(4);
    if x1 <= x0 + 10 {
        return;
    }
    let span = f64::from(x1 - x0);
    let col = |s: f64| x0 + ((s.clamp(0.0, 100.0) / 100.0) * span).round() as u16;

    buf.set_string(area.x, axis_row, "0", theme.dim);
    for x in x0..=x1 {
        buf[(x, axis_row)].set_char('─').set_style(theme.dim);
    }
    // The clinician's band, heavy and in its colour.
    for &(band, lo, hi) in &v.ranges {
        if band == v.band {
            let style = theme.band(band).add_modifier(Modifier::BOLD);
            for x in col(lo)..=col(hi) {
                buf[(x, axis_row)].set_char('━').set_style(style);
            }
        }
    }
    buf[(x0, axis_row)].set_char('├');
    buf[(x1, axis_row)].set_char('┤');
    buf.set_string(x1 + 1, axis_row, "100", theme.dim);
    let mut taken_until = area.x; // labels never overlap
    let mut edge_labels: Vec<(u16, String)> = vec![(x0, "score".to_string())];
    for &e in &v.edges {
        edge_labels.push((col(e), number(e)));
    }
    for &e in &v.edges {
        buf[(col(e), axis_row)].set_char('┼');
    }
    for (i, (c, text)) in edge_labels.iter().enumerate() {
        let len = text.chars().count() as u16;
        let start = if i == 0 {
            *c
        } else {
            c.saturating_sub(len / 2)
        };
        if start < taken_until || start + len > area.right() {
            continue;
        }
        buf.set_string(start, labels_row, text, theme.dim);
        taken_until = start + len + 1;
    }

    // ▼ you, above the axis.
    let you = col(v.score);
    let you_style = theme
        .band(v.band)
        .add_modifier(Modifier::BOLD | Modifier::REVERSED);
    buf[(you, axis_row)]
        .set_char('◆')
        .set_style(theme.band(v.band).add_modifier(Modifier::BOLD));
    marker(
        buf,
        area,
        marker_row,
        you,
        '▼',
        &format!(" you {} ", two_decimals(v.score)),
        you_style,
    );

    if let (Some(row), Some(b)) = (baseline_row, v.baseline_score) {
        let c = col(b);
        marker(
            buf,
            area,
            row,
            c,
            '△',
            &format!(" baseline {}", two_decimals(b)),
            theme.info,
        );
    }
}

/// A marker glyph at a column with its label to the right (or left, near the edge).
fn marker(buf: &mut Buffer, area: Rect, row: u16, c: u16, glyph: char, label: &str, style: Style) {
    buf[(c, row)]
        .set_char(glyph)
        .set_style(style.remove_modifier(Modifier::REVERSED));
    let len = label.chars().count() as u16;
    if c + 1 + len <= area.right() {
        buf.set_string(c + 1, row, label, style);
    } else {
        let left = format!("{} ", label.trim());
        let len = left.chars().count() as u16;
        if c >= area.x + len {
            buf.set_string(c - len, row, left, style);
        }
    }
}
