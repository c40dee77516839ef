//! The results panel: the final score in large digits, the band, the payment adjustment in
//! percent and dollars, changes against the baseline, the weights applied and why, each
//! category's contribution, bonuses and the cap, and every assumption the result rests on.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::band_chart::score_span_text;
use super::big_digits::{BigDigits, DigitSize};
use super::theme::band_arrow;
use super::{Theme, put_lines, wrap_text};
use crate::app::App;
use crate::engine::{CategoryStatus, MaxPositiveOrigin, ScoreResult, published_score};
use crate::format::{dollars, number, percent, signed_dollars, two_decimals, weight};
use crate::rules::{Category, Confidence};

/// Rows the panel wants at a width (borders included).
pub fn height_needed(app: &App, width: u16) -> u16 {
    let inner = width.saturating_sub(2);
    let theme = Theme::mono();
    let (header_h, _) = header_shape(app, inner);
    2 + header_h + body_lines(app, &theme, inner as usize).len() as u16
}

/// How the header is drawn: its height and the digit size (None: no big digits).
fn header_shape(app: &App, inner_w: u16) -> (u16, Option<(DigitSize, bool)>) {
    let text = score_text(app.result());
    let info = info_lines_count(app);
    let large = BigDigits::width(&text, DigitSize::Large);
    let small = BigDigits::width(&text, DigitSize::Small);
    if inner_w >= large + 2 + 34 {
        (
            DigitSize::Large.height().max(info),
            Some((DigitSize::Large, true)),
        )
    } else if inner_w >= small + 3 + 26 {
        (
            DigitSize::Small.height().max(info),
            Some((DigitSize::Small, true)),
        )
    } else if inner_w >= small {
        (
            DigitSize::Small.height() + info,
            Some((DigitSize::Small, false)),
        )
    } else {
        (info, None)
    }
}

fn score_text(r: &ScoreResult) -> String {
    two_decimals(published_score(r.final_score))
}

fn info_lines_count(_app: &App) -> u16 {
    5
}

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme, chart_hidden: bool) {
    let r = app.result();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(
            format!(
                " Result — PY{} → payment year {} ",
                r.performance_year, r.payment_year
            ),
            theme.title,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let (header_h, digits) = header_shape(app, inner.width);
    let info_w = match digits {
        Some((size, true)) => inner
            .width
            .saturating_sub(BigDigits::width(&score_text(r), size) + 3),
        _ => inner.width,
    };
    let info = info_lines(app, theme, info_w as usize);
    let band_style = theme
        .band(r.band)
        .add_modifier(ratatui::style::Modifier::BOLD);
    let text = score_text(r);
    match digits {
        Some((size, beside)) => {
            let dw = BigDigits::width(&text, size);
            BigDigits {
                text: &text,
                size,
                style: band_style,
            }
            .render(
                Rect::new(
                    inner.x,
                    inner.y,
                    dw.min(inner.width),
                    size.height().min(inner.height),
                ),
                buf,
            );
            let (x, y) = if beside {
                (inner.x + dw + 3, inner.y)
            } else {
                (inner.x, inner.y + size.height())
            };
            let w = inner.right().saturating_sub(x);
            let h = (inner.bottom().saturating_sub(y)).min(info.len() as u16);
            put_lines(buf, Rect::new(x, y, w, h), &info);
        }
        None => {
            let h = inner.height.min(info.len() as u16);
            put_lines(buf, Rect::new(inner.x, inner.y, inner.width, h), &info);
        }
    }
    let body_y = inner.y + header_h.min(inner.height);
    let body_h = inner.bottom().saturating_sub(body_y);
    let mut body = body_lines(app, theme, inner.width as usize);
    if chart_hidden {
        body.push(Line::from(Span::styled(
            "Chart hidden: enlarge the terminal",
            theme.dim,
        )));
    }
    if body.len() as u16 > body_h && body_h > 0 {
        // Say that something is cut rather than cutting silently.
        body.truncate(body_h as usize - 1);
        body.push(Line::from(Span::styled(
            "… more below: enlarge the terminal",
            theme.dim,
        )));
    }
    put_lines(buf, Rect::new(inner.x, body_y, inner.width, body_h), &body);
}

/// The lines beside (or under) the big digits.
fn info_lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let r = app.result();
    let badge = format!(" {} {} ", band_arrow(r.band), r.band.label());
    let range = app
        .computed()
        .chart
        .ranges
        .iter()
        .find(|(b, _, _)| *b == r.band)
        .map(|(_, lo, hi)| format!("  {}", score_span_text(*lo, *hi)))
        .filter(|t| badge.chars().count() + t.chars().count() <= width)
        .unwrap_or_default();
    let mut adjustment = vec![
        Span::raw("Adjustment "),
        Span::styled(percent(r.payment_adjustment_percent), theme.value),
        Span::raw(format!(" in {}", r.payment_year)),
    ];
    let adj_w = format!(
        "Adjustment {} in {}",
        percent(r.payment_adjustment_percent),
        r.payment_year
    )
    .chars()
    .count()
        + if r.is_assumption_based() { 10 } else { 0 };
    if r.exceptional_bonus_percent > 0.0 {
        let long = format!(
            " (incl. exceptional {})",
            percent(r.exceptional_bonus_percent)
        );
        let short = format!(" (EPB {})", percent(r.exceptional_bonus_percent));
        if adj_w + long.chars().count() <= width {
            adjustment.push(Span::styled(long, theme.dim));
        } else if adj_w + short.chars().count() <= width {
            adjustment.push(Span::styled(short, theme.dim));
        }
    }
    if r.is_assumption_based() {
        adjustment.push(Span::raw(" "));
        adjustment.push(Span::styled(" ASSUMED ", theme.assumed));
    }
    // While the year's maximum is not published, the range is the figure to plan with (the
    // point figure, resting on an assumed maximum, follows under the header).
    let arange = &app.computed().uncertainty;
    let range_first = arange.primary && arange.kind == crate::sensitivity::RangeKind::Positive;
    if range_first {
        adjustment = vec![
            Span::raw("Adjustment "),
            Span::styled(
                format!(
                    "{} to {}",
                    percent(arange.low_percent),
                    percent(arange.high_percent)
                ),
                theme.value,
            ),
            Span::raw(format!(" in {}", r.payment_year)),
        ];
    }
    let money = match (r.dollar_impact, r.part_b_allowed_charges) {
        (Some(_), Some(_))
            if range_first && arange.low_dollars.is_some() && arange.high_dollars.is_some() =>
        {
            Line::from(vec![
                Span::raw("Dollars "),
                Span::styled(
                    format!(
                        "{} to {}",
                        signed_dollars(arange.low_dollars.unwrap_or(0.0)),
                        signed_dollars(arange.high_dollars.unwrap_or(0.0))
                    ),
                    theme.value,
                ),
            ])
        }
        (Some(d), Some(c)) => {
            let on = format!(" on {} Part B", dollars(c));
            let head = format!("Dollars {}", signed_dollars(d));
            let on = if head.chars().count() + on.chars().count() <= width {
                on
            } else {
                String::new()
            };
            Line::from(vec![
                Span::raw("Dollars "),
                Span::styled(signed_dollars(d), theme.value),
                Span::raw(on),
            ])
        }
        _ => Line::from(Span::styled(
            "Dollars: enter Part B allowed charges",
            theme.dim,
        )),
    };
    vec![
        Line::from(vec![
            Span::raw("Final score "),
            Span::styled(score_text(r), theme.value),
            Span::raw(" of 100"),
        ]),
        Line::from(vec![
            Span::styled(badge, theme.band_badge(r.band)),
            Span::styled(range, theme.dim),
        ]),
        Line::from(adjustment),
        money,
        Line::from(vec![
            Span::raw("Confidence "),
            Span::styled(
                format!(" {} ", r.confidence),
                confidence_badge(theme, r.confidence),
            ),
            Span::styled(
                if 11 + r.confidence.as_str().len() + 2 + 21 <= width {
                    " weakest rule applied"
                } else {
                    ""
                },
                theme.dim,
            ),
        ]),
    ]
}

fn confidence_badge(theme: &Theme, c: Confidence) -> Style {
    match c {
        Confidence::Confirmed => theme.value,
        Confidence::Likely => theme.warning,
        Confidence::Assumed => theme.assumed,
    }
}

/// Everything under the header, already wrapped to `width`.
fn body_lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let r = app.result();
    let mut out: Vec<Line<'static>> = Vec::with_capacity(20);

    if let Some(b) = &app.baseline {
        out.extend(baseline_lines(r, &b.result, theme, width));
    }

    // Weights and why.
    out.push(Line::raw(""));
    let weights_text = format!("Weights: {} — {}", r.weights_reason, r.weights_confidence);
    let weights_style = if r.weights_confidence == Confidence::Assumed {
        theme.warning
    } else {
        theme.base
    };
    for l in wrap_text(&weights_text, width) {
        out.push(Line::from(Span::styled(l, weights_style)));
    }

    // Contributions.
    out.push(Line::from(Span::styled(
        format!("{:<9}{:>12}{:>8}{:>9}", "", "score", "weight", "points"),
        theme.dim,
    )));
    for c in Category::ALL {
        let o = r.category(c);
        let (score, style) = match o.status {
            CategoryStatus::Ignored => ("ignored".to_string(), theme.ignored),
            CategoryStatus::NotScored => ("not scored".to_string(), theme.dim),
            CategoryStatus::Scored => match o.score {
                Some(v) => (number(v), theme.base),
                None => ("—".to_string(), theme.dim),
            },
        };
        let counted = o.status == CategoryStatus::Scored && !r.fewer_than_two_scored;
        let points = if counted {
            two_decimals(o.contribution)
        } else {
            "—".into()
        };
        let row = format!(
            "{:<9}{:>12}{:>8}{:>9}",
            c.short(),
            score,
            format!("{}%", weight(o.weight)),
            points
        );
        let mut spans = vec![Span::styled(row.clone(), style)];
        let used = row.chars().count();
        if let Some(note) = &o.note
            && (o.status == CategoryStatus::Scored && o.score != o.entered)
            && width > used + 4
        {
            spans.push(Span::styled(
                super::fit(&format!("  {note}"), width - used),
                theme.dim,
            ));
        }
        out.push(Line::from(spans));
    }

    // Bonuses, cap, total.
    if r.fewer_than_two_scored {
        for l in wrap_text(
            &format!(
                "Fewer than two categories scored: the final score is the performance threshold, {}.",
                number(r.performance_threshold)
            ),
            width,
        ) {
            out.push(Line::from(Span::styled(l, theme.warning)));
        }
    } else {
        let mut bonus = format!("Weighted {}", two_decimals(r.weighted_score));
        if r.complex_patient_bonus > 0.0 {
            bonus.push_str(&format!(
                " + complex patient {}",
                number(r.complex_patient_bonus)
            ));
        }
        if r.small_practice_bonus > 0.0 {
            bonus.push_str(&format!(
                " + small practice {}",
                number(r.small_practice_bonus)
            ));
        }
        if r.complex_patient_bonus == 0.0 && r.small_practice_bonus == 0.0 {
            bonus.push_str(" + no bonus");
        }
        if r.capped_by > 0.0 {
            bonus.push_str(&format!(
                ", capped at 100 ({} lost)",
                two_decimals(r.capped_by)
            ));
        } else {
            bonus.push_str(&format!(" = {}", two_decimals(r.final_score)));
        }
        for l in wrap_text(&bonus, width) {
            out.push(Line::raw(l));
        }
    }

    // The positive maximum in use, when it matters or is assumed.
    if r.max_positive_origin != MaxPositiveOrigin::Published {
        let origin = match r.max_positive_origin {
            MaxPositiveOrigin::Published => "published",
            MaxPositiveOrigin::DefaultAssumption => "ASSUMED: not yet published",
            MaxPositiveOrigin::ScenarioAssumption => "ASSUMED: set by you",
        };
        for l in wrap_text(
            &format!(
                "Max positive at 100: {}% ({origin})",
                number(r.max_positive_adjustment)
            ),
            width,
        ) {
            out.push(Line::from(Span::styled(l, theme.dim)));
        }
    }

    // The range across the band of maxima at 100: the figure to plan with while the year's
    // maximum is not published.
    let range = &app.computed().uncertainty;
    let text = super::sensitivity::uncertainty_text(range);
    let primary = range.primary && range.kind == crate::sensitivity::RangeKind::Positive;
    for l in wrap_text(&text, width) {
        out.push(Line::from(Span::styled(
            l,
            if primary { theme.value } else { theme.dim },
        )));
    }
    if primary {
        let text = format!(
            "ASSUMED  Point figure {}{}: a maximum of {}% at 100",
            percent(range.point_percent),
            range
                .point_dollars
                .map(|d| format!(" ({})", signed_dollars(d)))
                .unwrap_or_default(),
            number(range.max_point)
        );
        for (i, l) in wrap_text(&text, width).into_iter().enumerate() {
            if i == 0 && l.starts_with("ASSUMED") {
                out.push(Line::from(vec![
                    Span::styled("ASSUMED", theme.assumed),
                    Span::styled(l["ASSUMED".len()..].to_string(), theme.warning),
                ]));
            } else {
                out.push(Line::from(Span::styled(l, theme.warning)));
            }
        }
    }

    // Assumptions.
    for a in &r.assumptions {
        let lines = wrap_text(&format!("ASSUMED  {a}"), width);
        for (i, l) in lines.into_iter().enumerate() {
            if i == 0 && l.starts_with("ASSUMED") {
                out.push(Line::from(vec![
                    Span::styled("ASSUMED", theme.assumed),
                    Span::styled(l["ASSUMED".len()..].to_string(), theme.warning),
                ]));
            } else {
                out.push(Line::from(Span::styled(l, theme.warning)));
            }
        }
    }

    // Problems (the explorer keeps scenarios valid; shown if one ever is not).
    for p in &app.computed().problems {
        for l in wrap_text(&format!("✗ {p}"), width) {
            out.push(Line::from(Span::styled(l, theme.error)));
        }
    }
    out
}

/// "Δ vs baseline" lines: score, adjustment and dollars, with the baseline's values.
fn baseline_lines(
    r: &ScoreResult,
    b: &ScoreResult,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'static>> {
    let ds = published_score(r.final_score) - published_score(b.final_score);
    let da = r.payment_adjustment_percent - b.payment_adjustment_percent;
    let style = |d: f64| {
        if d > 1e-9 {
            theme.better
        } else if d < -1e-9 {
            theme.worse
        } else {
            theme.base
        }
    };
    let arrow = |d: f64| {
        if d > 1e-9 {
            "▲"
        } else if d < -1e-9 {
            "▼"
        } else {
            "="
        }
    };
    let signed = |d: f64| match crate::format::signed(d, 2) {
        zero if zero == "0.00" => "±0.00".to_string(),
        s => s,
    };
    let mut parts: Vec<(String, Style)> = vec![
        (format!("{} {} pts", arrow(ds), signed(ds)), style(ds)),
        (format!("{} {} pp", arrow(da), signed(da)), style(da)),
    ];
    if let (Some(d), Some(bd)) = (r.dollar_impact, b.dollar_impact) {
        let dd = d - bd;
        parts.push((format!("{} {}", arrow(dd), signed_dollars(dd)), style(dd)));
    }
    let body: usize = parts.iter().map(|(t, _)| t.chars().count() + 2).sum();
    let lead = if "Δ vs baseline ".len() + body <= width {
        "Δ vs baseline "
    } else {
        "Δ "
    };
    let mut spans = vec![Span::styled(lead, theme.info)];
    for (i, (t, st)) in parts.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(t, st));
    }
    let mut out = vec![Line::from(spans)];
    let base_text = format!(
        "baseline: {} → {}{}{}",
        two_decimals(published_score(b.final_score)),
        percent(b.payment_adjustment_percent),
        b.dollar_impact
            .map(|d| format!(", {}", signed_dollars(d)))
            .unwrap_or_default(),
        if b.performance_year != r.performance_year {
            format!(" (PY{})", b.performance_year)
        } else {
            String::new()
        }
    );
    for l in wrap_text(&base_text, width) {
        out.push(Line::from(Span::styled(l, theme.dim)));
    }
    out
}
