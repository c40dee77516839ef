//! The Sensitivity view: "how much does it matter?" for the focused category (Cost when the
//! focus is not on a category score). Two plots over the category's 0–100 range with
//! everything else held — the final score with the band edges (PT/4, PT, 89 or the
//! exceptional threshold), and the adjustment with the range across the band of maxima shaded
//! — then the value of one more point in each category, the points needed for each target,
//! and the band of maxima and target being used. Everything drawn is read from
//! `App.computed`; nothing is computed here.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::{Theme, cut, fit, put_lines, wrap_text};
use crate::app::{App, SensitivityData, SensitivityField};
use crate::engine::{Band, published_score};
use crate::format::{number, percent, signed, signed_dollars, two_decimals};
use crate::rules::Category;
use crate::sensitivity::measure::{MeasureNeed, MeasureRef};
use crate::sensitivity::{AdjustmentUncertainty, MarginalKind, Need, RangeKind};

/// The smallest plot worth drawing (caption and axis row included).
const PLOT_MIN_HEIGHT: u16 = 6;
/// Width of the y-axis labels.
const GUTTER: u16 = 11;

/// "Range +0.36% to +0.80% (+$2,142 to +$4,774) if the maximum at 100 is 1.05–2.34%", or why
/// there is no range.
pub fn uncertainty_text(r: &AdjustmentUncertainty) -> String {
    match r.kind {
        RangeKind::Positive if !r.shows_range() => format!(
            "No range: CMS published PY{}'s maximum, so {} is the figure",
            r.performance_year,
            percent(r.point_percent)
        ),
        RangeKind::Positive => {
            let money = match (r.low_dollars, r.high_dollars) {
                (Some(l), Some(h)) => format!(" ({} to {})", signed_dollars(l), signed_dollars(h)),
                _ => String::new(),
            };
            format!(
                "{} {} to {}{money} if the maximum at 100 {} {}–{}%",
                if r.hypothetical {
                    "Hypothetical range"
                } else {
                    "Range"
                },
                percent(r.low_percent),
                percent(r.high_percent),
                if r.hypothetical { "had been" } else { "is" },
                number(r.max_low),
                number(r.max_high)
            )
        }
        RangeKind::Negative => {
            "No range: below the threshold the adjustment is set by statute".into()
        }
        RangeKind::Neutral => {
            "No range: at the threshold the adjustment is 0 whatever the maximum".into()
        }
    }
}

/// A percent with its dollar twin when Part B charges are set: "+1.23% (+$1,234)".
fn pct_money(p: f64, d: Option<f64>) -> String {
    match d {
        Some(d) => format!("{} ({})", percent(p), signed_dollars(d)),
        None => percent(p),
    }
}

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let c = crate::app::sensitivity::charted_category(app);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(
            format!(" Sensitivity — {} 0→100, everything else held ", c.label()),
            theme.title,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 20 || inner.height < 4 {
        return;
    }
    let w = inner.width as usize;
    let Some(data) = app.computed().sensitivity.as_deref() else {
        put_lines(
            buf,
            inner,
            &[Line::from(Span::styled(
                "Nothing to show for this scenario",
                theme.dim,
            ))],
        );
        return;
    };

    let top = top_lines(data, theme, w);
    let tables = bottom_lines(app, data, theme, w);
    let settings = settings_lines(app, theme, w);
    let notes = marginal_notes(data, theme, w);
    let text_h = (top.len() + tables.len() + settings.len()) as u16;
    let room = inner.height.saturating_sub(text_h);
    // Plots first, then the kink notes with what is left.
    let (plots, score_plot_h, adj_plot_h) = if room >= 2 * PLOT_MIN_HEIGHT + 2 {
        let spare = room.saturating_sub(notes.len().min(2) as u16);
        let each = (spare / 2).clamp(PLOT_MIN_HEIGHT, 12);
        (2, each, each)
    } else if room > PLOT_MIN_HEIGHT {
        (1, 0, room.min(12))
    } else {
        (0, 0, 0)
    };
    let mut y = inner.y;
    put_lines(
        buf,
        Rect::new(inner.x, y, inner.width, top.len() as u16),
        &top,
    );
    y += top.len() as u16;
    if plots == 2 {
        score_plot(
            buf,
            Rect::new(inner.x, y, inner.width, score_plot_h),
            data,
            app,
            theme,
        );
        y += score_plot_h;
    }
    if plots >= 1 {
        adjustment_plot(
            buf,
            Rect::new(inner.x, y, inner.width, adj_plot_h),
            data,
            app,
            theme,
        );
        y += adj_plot_h;
    }
    // Without the charts the screen is short: the target, the band and the range first.
    let mut rest = if plots == 0 {
        let mut v = settings;
        v.extend(tables);
        v.push(Line::from(Span::styled(
            "Charts hidden: enlarge the terminal",
            theme.dim,
        )));
        v
    } else {
        let mut v = tables;
        v.extend(settings);
        v
    };
    // Kink notes go right after the marginal table when there is room.
    let left = inner.bottom().saturating_sub(y) as usize;
    let spare = left.saturating_sub(rest.len());
    if spare > 0 && !notes.is_empty() {
        let at = rest
            .iter()
            .position(|l| {
                l.spans
                    .first()
                    .is_some_and(|s| s.content.starts_with("Needed"))
            })
            .unwrap_or(rest.len());
        let take: Vec<Line> = notes.into_iter().take(spare).collect();
        rest.splice(at..at, take);
    }
    put_lines(
        buf,
        Rect::new(inner.x, y, inner.width, inner.bottom().saturating_sub(y)),
        &rest,
    );
}

/// The line over the plots: where the category is now, and why a line is flat.
fn top_lines(data: &SensitivityData, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let now = &data.sweep.now;
    let c = data.category;
    let score = now.score.map_or("not scored".to_string(), number);
    // Where the year's maximum is not published the range is the figure (PY2025+).
    let adjustment = match data.overview.as_ref().map(|o| &o.uncertainty) {
        Some(u) if u.is_primary() => match u.dollars_text() {
            Some(d) => format!("{} ({d})", u.percent_text()),
            None => u.percent_text(),
        },
        _ => pct_money(now.adjustment_percent, now.dollars),
    };
    let text = format!(
        "◆ now {} {} → final score {}, {adjustment}",
        c.short(),
        score,
        two_decimals(now.final_score_published),
    );
    let mut out: Vec<Line<'static>> = wrap_text(&text, w)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme.value)))
        .collect();
    if let Some(st) = data.sweep.lever.statement() {
        for l in wrap_text(&st, w).into_iter().take(3) {
            out.push(Line::from(Span::styled(l, theme.warning)));
        }
    }
    out
}

/// Marginal values, points needed, the target and the band of maxima.
fn bottom_lines(app: &App, data: &SensitivityData, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let mut out = Vec::with_capacity(16);
    let Some(ov) = &data.overview else {
        return out;
    };
    // Marginal values.
    out.push(Line::from(vec![
        Span::styled(format!("{:<15}", "+1 point"), theme.heading),
        Span::styled(
            fit(
                &if w >= 52 {
                    format!("{:>13}{:>13}{:>11}", "final score", "adjustment", "dollars")
                } else {
                    " pts   adj.     $".to_string()
                },
                w.saturating_sub(15),
            ),
            theme.dim,
        ),
    ]));
    for m in &ov.marginal {
        let mark = if m.category == data.category {
            "▸"
        } else {
            " "
        };
        let now = m.current.map_or("—".to_string(), number);
        let ranged = |v: f64, range: Option<(f64, f64)>| match range {
            Some((l, h)) => format!("{l:+.3}…{h:+.3}"),
            None => format!("{v:+.3}"),
        };
        let money = match (m.dollars_range, m.dollars) {
            (Some((l, h)), _) => format!("{}…{}", signed_dollars(l), signed_dollars(h)),
            (None, d) => d.map(signed_dollars).unwrap_or_default(),
        };
        let body = match m.kind {
            MarginalKind::Scored if m.adjustment_points_range.is_some() => format!(
                " {:+.2} pts {} pp {money}",
                m.final_score_points,
                ranged(m.adjustment_points, m.adjustment_points_range),
            ),
            MarginalKind::Scored if w >= 52 => format!(
                "{:>+9.2} pts {:>+9.3} pp {:>10}",
                m.final_score_points,
                m.adjustment_points,
                m.dollars.map(signed_dollars).unwrap_or_default()
            ),
            MarginalKind::Scored => format!(
                " {:+.2} {:+.3}pp {}",
                m.final_score_points,
                m.adjustment_points,
                m.dollars.map(signed_dollars).unwrap_or_default()
            ),
            MarginalKind::Flat => "  does not count here".into(),
            MarginalKind::NotScored => "  not scored".into(),
            MarginalKind::AtMaximum => "  at 100".into(),
        };
        let text = format!("{mark}{:<8}{:>6}{body}", m.category.short(), now);
        let style = if m.category == data.category {
            theme.value
        } else {
            theme.base
        };
        out.push(Line::from(Span::styled(fit(&text, w), style)));
    }

    // Points needed.
    let cols = 4usize;
    let first = 9usize;
    let cw = (w.saturating_sub(first) / cols).max(6);
    let top_label = if app.year_rules().exceptional_bonus.is_some() {
        "exceptional"
    } else {
        "89+"
    };
    let narrow = cw < 10;
    let heads = if narrow {
        [
            "neut.".to_string(),
            "pos.".to_string(),
            if top_label == "89+" { "89+" } else { "EPB" }.to_string(),
            format!("≥{}", number(data.target)),
        ]
    } else {
        [
            "no penalty".to_string(),
            "positive".to_string(),
            top_label.to_string(),
            format!("≥ {}", number(data.target)),
        ]
    };
    let head_rest: String = heads
        .iter()
        .map(|h| format!("{:>cw$}", fit(h, cw - 1).trim_end()))
        .collect();
    out.push(Line::from(vec![
        Span::styled(format!("{:<first$}", "Needed"), theme.heading),
        Span::styled(head_rest, theme.dim),
    ]));
    for c in Category::ALL {
        let mark = if c == data.category { "▸" } else { " " };
        let mut spans = vec![Span::styled(
            format!("{mark}{:<8}", c.short()),
            if c == data.category {
                theme.value
            } else {
                theme.base
            },
        )];
        for p in ov.points_needed.iter().filter(|p| p.category == c) {
            let (t, st) = match &p.need {
                Need::Needs { score } => (two_decimals(*score), theme.value),
                Need::AlreadyReached { .. } if narrow => ("✓".to_string(), theme.dim),
                Need::AlreadyReached { .. } => ("reached".to_string(), theme.dim),
                Need::NotReachable { final_score_at_100 } => (
                    format!(
                        "✗{}{}",
                        if narrow { "" } else { " " },
                        two_decimals(published_score(*final_score_at_100))
                    ),
                    theme.warning,
                ),
            };
            spans.push(Span::styled(
                format!("{:>cw$}", fit(&t, cw - 1).trim_end()),
                st,
            ));
        }
        out.push(Line::from(spans));
    }
    let key = if narrow {
        "✓ already reached · ✗X: not reachable with this category alone (max X at 100)"
    } else {
        "✗ X: not reachable with this category alone (max X at 100)"
    };
    for l in wrap_text(key, w) {
        out.push(Line::from(Span::styled(l, theme.dim)));
    }
    out.extend(measure_lines(data, theme, w));
    out
}

/// A target's column heading: "no pen.", "pos.", "89+", "≥ 80".
fn target_heading(name: &str) -> String {
    match name {
        "no penalty" => "no pen".into(),
        "positive" => "pos.".into(),
        "exceptional" => "EPB".into(),
        other => other.into(),
    }
}

/// A target's cell: "✓" reached, "✗" not reachable, the rate needed, or the cost reduction
/// needed in percent.
fn need_cell(m: &MeasureRef, now: f64, need: &MeasureNeed) -> (String, bool) {
    match need {
        MeasureNeed::AlreadyReached => ("✓".into(), false),
        MeasureNeed::NotReachable { .. } => ("✗".into(), false),
        MeasureNeed::Needs { value } if m.category == Category::Cost => {
            let pct = if now > 0.0 {
                (value - now) / now * 100.0
            } else {
                0.0
            };
            (format!("{}%", signed(pct, 1)), true)
        }
        MeasureNeed::Needs { value } => (crate::ui::measures::value_shown(false, *value), true),
    }
}

/// Each measure of the built categories, the cheapest lever first: one step better (+1 point
/// of rate, −1 for inverse measures, 1% lower cost) in measure points, category, final score
/// and dollars (a range where it is the figure), and what each target needs with that measure
/// alone; for cost, the reduction in dollars and percent on a line of its own.
fn measure_lines(data: &SensitivityData, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let Some(first) = data.measures.first() else {
        return out;
    };
    let shown = data.measures.len();
    let more = if data.measures_total > shown {
        format!(" — {shown} of {} (enlarge for more)", data.measures_total)
    } else {
        String::new()
    };
    out.push(Line::from(vec![
        Span::styled("Per measure", theme.heading),
        Span::styled(
            cut(
                &format!(", one step better alone, cheapest lever first{more}"),
                w.saturating_sub(11),
            ),
            theme.dim,
        ),
    ]));
    let wide = w >= 74;
    let heads: Vec<String> = first.needs.iter().map(|(n, _)| target_heading(n)).collect();
    let head = if wide {
        let mut h = format!(
            "{:<9}{:>5}{:>10}{:>6}{:>6}{:>10}",
            "", "step", "points", "cat.", "final", "dollars"
        );
        for t in &heads {
            h.push_str(&format!("{:>7}", fit(t, 6).trim_end()));
        }
        h
    } else {
        format!(
            "{:<9}{:>7}{:>12}{:>9}",
            "",
            "final",
            "dollars",
            heads.last().map_or("", |s| s.as_str())
        )
    };
    out.push(Line::from(Span::styled(cut(&head, w), theme.dim)));
    for worth in &data.measures {
        let m = &worth.measure;
        let (now, better) = (&worth.marginal.now, &worth.marginal.better);
        let step = match (m.category, m.lower_is_better) {
            (Category::Cost, _) => "−1%",
            (_, true) => "−1pp",
            (_, false) => "+1pp",
        };
        let points = format!(
            "{}→{}",
            two_decimals(now.measure_points),
            two_decimals(better.measure_points)
        );
        let category = match (now.category_percent, better.category_percent) {
            (Some(a), Some(b)) => signed(b - a, 2),
            _ => "—".into(),
        };
        let final_score = signed(
            better.outcome.final_score_published - now.outcome.final_score_published,
            2,
        );
        let money = match (
            worth.dollars_range,
            now.outcome.dollars,
            better.outcome.dollars,
        ) {
            (Some((l, h)), _, _) => format!("{}…{}", signed_dollars(l), signed_dollars(h)),
            (None, Some(a), Some(b)) => signed_dollars(b - a),
            _ => String::new(),
        };
        let cells: Vec<(String, bool)> = worth
            .needs
            .iter()
            .map(|(_, n)| need_cell(m, now.value, n))
            .collect();
        let mut spans = vec![Span::styled(
            format!("{:<9}", fit(&m.id, 8).trim_end()),
            theme.value,
        )];
        if wide {
            spans.push(Span::styled(
                format!(
                    "{step:>5}{points:>10}{category:>6}{final_score:>6}{:>10}",
                    fit(&money, 9).trim_end()
                ),
                theme.base,
            ));
            for (t, needs) in &cells {
                spans.push(Span::styled(
                    format!("{t:>7}"),
                    if *needs { theme.value } else { theme.dim },
                ));
            }
        } else {
            spans.push(Span::styled(
                format!("{final_score:>7}{:>12}", fit(&money, 11).trim_end()),
                theme.base,
            ));
            if let Some((t, needs)) = cells.last() {
                spans.push(Span::styled(
                    format!("{t:>9}"),
                    if *needs { theme.value } else { theme.dim },
                ));
            }
        }
        out.push(Line::from(spans));
        if m.category == Category::Cost {
            let mut parts = vec![format!("now {}", crate::format::dollars(now.value))];
            if let Some(v) = worth.marginal.next_decile_at {
                parts.push(format!(
                    "next decile {} ({})",
                    crate::format::dollars(v),
                    crate::ui::measures::reduction(now.value, v)
                ));
            }
            for (name, need) in &worth.needs {
                if let MeasureNeed::Needs { value } = need {
                    parts.push(format!(
                        "{name} {} ({})",
                        crate::format::dollars(*value),
                        crate::ui::measures::reduction(now.value, *value)
                    ));
                }
            }
            out.push(Line::from(Span::styled(
                cut(&format!("  {}", parts.join(" · ")), w),
                theme.dim,
            )));
        }
    }
    out
}

/// The target and the band of maxima (with the value being typed and why Enter did not keep
/// it), and the range now.
fn settings_lines(app: &App, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let mut out = settings_line(app, theme, w);
    if let Some(e) = &app.sensitivity.edit
        && let Some(err) = &e.error
    {
        out.push(Line::from(Span::styled(
            fit(&format!("✗ {err}"), w),
            theme.error,
        )));
    }
    for l in wrap_text(&uncertainty_text(&app.computed().uncertainty), w) {
        out.push(Line::from(Span::styled(l, theme.base)));
    }
    out
}

/// "Target final score 80 (T)  Max at 100 1.05–2.34% (m / M)", with the value being typed in
/// place; on two lines when narrow.
fn settings_line(app: &App, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let edit = app.sensitivity.edit.as_ref();
    let typed = |f: SensitivityField, shown: String| -> Span<'static> {
        match edit {
            Some(e) if e.field == f => Span::styled(format!("[{}▏]", e.text), theme.focus),
            _ => Span::styled(shown, theme.value),
        }
    };
    let target = vec![
        Span::raw("Target final score "),
        typed(SensitivityField::Target, number(app.sensitivity.target)),
        Span::styled(" (T)", theme.dim),
    ];
    let band = vec![
        Span::raw("Max at 100 "),
        typed(
            SensitivityField::MaxLow,
            number(app.sensitivity.max_range.low),
        ),
        Span::raw("–"),
        typed(
            SensitivityField::MaxHigh,
            format!("{}%", number(app.sensitivity.max_range.high)),
        ),
        Span::styled(" (m / M)", theme.dim),
    ];
    if w >= 60 {
        let mut spans = target;
        spans.push(Span::raw("  "));
        spans.extend(band);
        vec![Line::from(spans)]
    } else {
        vec![Line::from(target), Line::from(band)]
    }
}

/// The kinks of each category's next point, in words.
fn marginal_notes(data: &SensitivityData, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let Some(ov) = &data.overview else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // The charted category's notes first.
    let mut ms: Vec<_> = ov.marginal.iter().collect();
    ms.sort_by_key(|m| m.category != data.category);
    for m in ms {
        for n in &m.notes {
            for (i, l) in wrap_text(&format!("{}: {n}", m.category.short()), w.saturating_sub(2))
                .into_iter()
                .enumerate()
            {
                let lead = if i == 0 { "· " } else { "  " };
                out.push(Line::from(Span::styled(format!("{lead}{l}"), theme.dim)));
            }
        }
    }
    out
}

/// Map a value to a row of a plot (0 = top).
fn row_of(v: f64, lo: f64, hi: f64, rows: u16) -> u16 {
    if rows <= 1 || hi <= lo {
        return 0;
    }
    let t = ((hi - v) / (hi - lo)).clamp(0.0, 1.0);
    (t * f64::from(rows - 1)).round() as u16
}

/// The category score shown at a plot column.
fn score_at(col: u16, cols: u16) -> f64 {
    if cols <= 1 {
        0.0
    } else {
        f64::from(col) * 100.0 / f64::from(cols - 1)
    }
}

/// The column of a category score.
fn col_of(score: f64, cols: u16) -> u16 {
    ((score.clamp(0.0, 100.0) / 100.0) * f64::from(cols.saturating_sub(1))).round() as u16
}

/// Linear interpolation over values at 0, 1, …, 100.
fn value_at(ys: &[f64], x: f64) -> f64 {
    if ys.is_empty() {
        return 0.0;
    }
    let last = ys.len() - 1;
    let x = x.clamp(0.0, last as f64);
    let i = (x.floor() as usize).min(last);
    let j = (i + 1).min(last);
    let f = x - i as f64;
    ys[i] * (1.0 - f) + ys[j] * f
}

/// The plotting area of a plot box: caption row on top, x-axis row at the bottom, labels left.
struct Frame {
    x: u16,
    y: u16,
    cols: u16,
    rows: u16,
}

fn frame(buf: &mut Buffer, area: Rect, caption: Line, theme: &Theme) -> Frame {
    buf.set_line(area.x, area.y, &caption, area.width);
    let f = Frame {
        x: area.x + GUTTER,
        y: area.y + 1,
        cols: area.width.saturating_sub(GUTTER + 1),
        rows: area.height.saturating_sub(2),
    };
    // The x axis: 0, 50, 100.
    let ay = area.y + area.height - 1;
    let axis: String = "─".repeat(f.cols as usize);
    buf.set_string(f.x, ay, &axis, theme.dim);
    buf.set_string(f.x, ay, "0", theme.dim);
    let mid = f.x + col_of(50.0, f.cols);
    buf.set_string(mid.saturating_sub(1), ay, "50", theme.dim);
    buf.set_string(f.x + f.cols.saturating_sub(3), ay, "100", theme.dim);
    f
}

fn put(buf: &mut Buffer, x: u16, y: u16, s: &str, style: Style) {
    buf.set_string(x, y, s, style);
}

/// Draw a curve (one glyph per column, vertical jumps joined).
fn curve(buf: &mut Buffer, f: &Frame, ys: &[f64], lo: f64, hi: f64, style: Style) {
    let mut prev: Option<u16> = None;
    for col in 0..f.cols {
        let v = value_at(ys, score_at(col, f.cols));
        let r = row_of(v, lo, hi, f.rows);
        if let Some(p) = prev
            && p.abs_diff(r) > 1
        {
            let (a, b) = (p.min(r), p.max(r));
            for rr in a + 1..b {
                put(buf, f.x + col, f.y + rr, "│", style);
            }
        }
        put(buf, f.x + col, f.y + r, "•", style);
        prev = Some(r);
    }
}

/// A horizontal reference line with its label in the gutter.
fn hline(buf: &mut Buffer, f: &Frame, v: f64, lo: f64, hi: f64, label: &str, theme: &Theme) {
    let r = row_of(v, lo, hi, f.rows);
    for col in 0..f.cols {
        put(buf, f.x + col, f.y + r, "╌", theme.dim);
    }
    put(
        buf,
        f.x - GUTTER,
        f.y + r,
        &format!(
            "{:>w$} ",
            fit(label, GUTTER as usize - 1).trim_end(),
            w = GUTTER as usize - 1
        ),
        theme.dim,
    );
}

/// A vertical marker at a category score.
fn vline(buf: &mut Buffer, f: &Frame, score: f64, theme: &Theme) {
    let col = col_of(score, f.cols);
    for r in 0..f.rows {
        put(buf, f.x + col, f.y + r, "┊", theme.dim);
    }
}

fn marker(buf: &mut Buffer, f: &Frame, score: f64, v: f64, lo: f64, hi: f64, theme: &Theme) {
    let col = col_of(score, f.cols);
    let r = row_of(v, lo, hi, f.rows);
    put(
        buf,
        f.x + col,
        f.y + r,
        "◆",
        theme.value.add_modifier(Modifier::REVERSED),
    );
}

/// The final score as the category runs 0–100, with PT/4, PT and 89 (or the exceptional
/// threshold) drawn across.
fn score_plot(buf: &mut Buffer, area: Rect, data: &SensitivityData, app: &App, theme: &Theme) {
    let caption = Line::from(vec![
        Span::styled("Final score", theme.heading),
        Span::styled(
            format!(" by {} score (╌ PT/4, PT, top band)", data.category.short()),
            theme.dim,
        ),
    ]);
    let f = frame(buf, area, caption, theme);
    if f.rows < 2 || f.cols < 10 {
        return;
    }
    let (lo, hi) = (0.0, 100.0);
    let edges = &app.computed().chart.edges;
    let top = if app.year_rules().exceptional_bonus.is_some() {
        "EPB"
    } else {
        "89+"
    };
    let names = ["PT/4", "PT", top];
    let g = GUTTER as usize - 1;
    put(
        buf,
        f.x - GUTTER,
        f.y,
        &format!("{:>g$} ", "100"),
        theme.dim,
    );
    put(
        buf,
        f.x - GUTTER,
        f.y + f.rows - 1,
        &format!("{:>g$} ", "0"),
        theme.dim,
    );
    for (i, e) in edges.iter().enumerate() {
        let name = names.get(i).copied().unwrap_or("");
        hline(
            buf,
            &f,
            *e,
            lo,
            hi,
            &format!("{name} {}", two_short(*e)),
            theme,
        );
    }
    let ys: Vec<f64> = data
        .sweep
        .points
        .iter()
        .map(|p| p.point.final_score)
        .collect();
    curve(buf, &f, &ys, lo, hi, theme.value);
    if let Some(s) = data.sweep.now.score {
        marker(buf, &f, s, data.sweep.now.final_score, lo, hi, theme);
    }
}

/// "18.75" → "18.75", "75" → "75".
fn two_short(v: f64) -> String {
    number((v * 100.0).round() / 100.0)
}

/// The adjustment as the category runs 0–100, the range across the band of maxima shaded,
/// the points where the bands begin marked.
fn adjustment_plot(buf: &mut Buffer, area: Rect, data: &SensitivityData, app: &App, theme: &Theme) {
    let ys: Vec<f64> = data
        .sweep
        .points
        .iter()
        .map(|p| p.point.adjustment_percent)
        .collect();
    let lows: Vec<f64> = data.uncertainty.iter().map(|r| r.low_percent).collect();
    let highs: Vec<f64> = data.uncertainty.iter().map(|r| r.high_percent).collect();
    let all = ys.iter().chain(&lows).chain(&highs).copied();
    let (mut lo, mut hi) = all.fold((0.0f64, 0.0f64), |(a, b), v| (a.min(v), b.max(v)));
    if hi - lo < 0.5 {
        hi += 0.25;
        lo -= 0.25;
    }
    let charges = app.scenario().practice.part_b_allowed_charges;
    let caption = Line::from(vec![
        Span::styled("Adjustment", theme.heading),
        Span::styled(
            fit(
                " (░ range across the maxima at 100, ┊ where a band starts)",
                area.width.saturating_sub(10) as usize,
            ),
            theme.dim,
        ),
    ]);
    let f = frame(buf, area, caption, theme);
    if f.rows < 2 || f.cols < 10 {
        return;
    }
    for e in &data.sweep.band_edges {
        if e.band != Band::Negative || e.score > 0.0 {
            vline(buf, &f, e.score, theme);
        }
    }
    let g = GUTTER as usize - 1;
    put(
        buf,
        f.x - GUTTER,
        f.y,
        &format!("{:>g$} ", percent(hi)),
        theme.dim,
    );
    put(
        buf,
        f.x - GUTTER,
        f.y + f.rows - 1,
        &format!("{:>g$} ", percent(lo)),
        theme.dim,
    );
    // The dollar twins of the ends, beside them.
    if let Some(c) = charges
        && f.rows >= 5
    {
        put(
            buf,
            f.x - GUTTER,
            f.y + 1,
            &format!("{:>g$} ", signed_dollars(c * hi / 100.0)),
            theme.dim,
        );
        put(
            buf,
            f.x - GUTTER,
            f.y + f.rows - 2,
            &format!("{:>g$} ", signed_dollars(c * lo / 100.0)),
            theme.dim,
        );
    }
    hline(buf, &f, 0.0, lo, hi, "0%", theme);
    // The shaded range.
    for col in 0..f.cols {
        let x = score_at(col, f.cols);
        let (a, b) = (value_at(&lows, x), value_at(&highs, x));
        if (b - a).abs() < 1e-9 {
            continue;
        }
        let (ra, rb) = (row_of(a, lo, hi, f.rows), row_of(b, lo, hi, f.rows));
        for r in rb.min(ra)..=rb.max(ra) {
            put(buf, f.x + col, f.y + r, "░", theme.dim);
        }
    }
    curve(buf, &f, &ys, lo, hi, theme.value);
    if let Some(s) = data.sweep.now.score {
        marker(buf, &f, s, data.sweep.now.adjustment_percent, lo, hi, theme);
    }
}
