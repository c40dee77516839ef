//! The Measures view: the focused category's measures as a table (id, title, collection type,
//! rate or cost, decile, points and marks), the selected measure's values with the one being
//! changed in brackets, its benchmark as a strip of decile bounds with the rate's marker, the
//! category, final score, adjustment and dollars, and the band chart when there is room.
//! Marks are glyphs and words, never colour alone (NO_COLOR reads the same). Everything drawn
//! is read from the state; nothing is computed here but layout.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

use super::{CHART_MIN_HEIGHT, Theme, cut, fit, put_lines};
use crate::app::App;
use crate::app::measures_view::{MeasureRow, MeasureWorth, MeasuresData, parts_of, shown_category};
use crate::builders::points::{decile_bounds, place};
use crate::format::{dollars, number, percent, signed, signed_dollars, two_decimals};
use crate::measures::Benchmark;
use crate::rules::Category;
use crate::sensitivity::measure::{MeasureNeed, MeasureRef};

/// The marks column: one glyph per mark, spelled out in the legend.
pub fn marks_text(row: &MeasureRow) -> String {
    let m = row.score.marks;
    let mut s = String::new();
    if !row.score.counted {
        s.push_str("× ");
    }
    if m.floor {
        s.push_str("▁floor ");
    }
    if m.capped {
        s.push_str("⊤cap ");
    }
    if m.flat {
        s.push_str("═flat ");
    }
    if m.topped_out && !m.capped {
        s.push_str("▲top ");
    }
    s.trim_end().to_string()
}

/// The legend under the table.
pub const LEGEND: &str =
    "× not counted  ▁floor points floor  ⊤cap 7-point cap  ═flat flat benchmark  ▲top topped out";

fn value_text(category: Category, row: &MeasureRow) -> String {
    match (category, row.score.value) {
        (Category::Cost, Some(v)) => dollars(v),
        (Category::Quality, Some(v)) => format!("{}%", number(v)),
        (_, Some(v)) => number(v),
        (_, None) => match (row.numerator, row.denominator) {
            (Some(n), Some(d)) => format!("{}/{}", number(n), number(d)),
            _ => "—".into(),
        },
    }
}

/// The benchmark of a quality or cost row, if CMS has one this year.
fn benchmark_of(app: &App, category: Category, row: &MeasureRow) -> Option<&'static Benchmark> {
    let d = crate::measures::year(app.scenario().performance_year)?;
    let ct = row.score.collection_type?;
    match category {
        Category::Quality | Category::Cost => d.benchmark(&row.score.id, ct),
        _ => None,
    }
}

/// A bound as short as it can be ("12.3", "$1,442").
fn short(category: Category, v: f64) -> String {
    if category == Category::Cost {
        dollars(v)
    } else {
        number((v * 100.0).round() / 100.0)
    }
}

/// The strip: ten equal cells, one per decile, each with its worse-end bound, and a marker
/// row with ▲ where the rate falls (inside its decile by the partial points).
pub fn strip_lines(
    b: &Benchmark,
    category: Category,
    rate: Option<f64>,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let cell = (width.saturating_sub(1) / 10).max(3);
    let bounds = decile_bounds(b);
    let placed = rate.map(|r| place(b, r));
    let reached = placed.and_then(|p| p.decile);
    let mut numbers = String::from("│");
    let mut values = String::from("│");
    for (d, bound) in bounds.iter().enumerate() {
        let here = reached == Some(d as u8 + 1);
        let label = if here {
            format!("[{}]", d + 1)
        } else {
            format!(" {}", d + 1)
        };
        numbers.push_str(&fit(&label, cell - 1));
        numbers.push('│');
        values.push_str(&fit(
            &bound.map_or("—".into(), |v| short(category, v)),
            cell - 1,
        ));
        values.push('│');
    }
    let mut marker = String::new();
    if let (Some(p), Some(r)) = (placed, rate) {
        let pos = match p.decile {
            // Decile d's cell starts at 1 + (d − 1)·cell; the partial points place it inside.
            Some(d) => {
                let partial = (p.raw_points - f64::from(d)).clamp(0.0, 0.999);
                1 + (usize::from(d) - 1) * cell + (partial * (cell - 1) as f64) as usize
            }
            None => 0,
        };
        let text = format!(
            "▲ {}{}",
            short(category, r),
            if category == Category::Quality {
                "%"
            } else {
                ""
            }
        );
        marker = format!("{}{text}", " ".repeat(pos));
        if marker.chars().count() > width {
            // Near the right end: the text goes left of the marker.
            let left = format!("{} ▲", short(category, r));
            marker = format!(
                "{}{left}",
                " ".repeat((pos + 1).saturating_sub(left.chars().count()))
            );
        }
    }
    let direction = if b.inverse || category == Category::Cost {
        "lower is better: each decile starts at its bound and below"
    } else {
        "higher is better: each decile starts at its bound"
    };
    let mut flags = Vec::new();
    if b.topped_out {
        flags.push("topped out");
    }
    if b.flat {
        flags.push("flat (CMS's fixed 10-point bands)");
    }
    let flags = if flags.is_empty() {
        String::new()
    } else {
        format!("; {}", flags.join(", "))
    };
    vec![
        Line::from(Span::styled(
            fit(
                &format!(
                    "Benchmark {} {} (PY{} data{flags}); {direction}",
                    b.id,
                    b.collection_type.label(),
                    b.benchmark_year
                ),
                width,
            ),
            theme.heading,
        )),
        Line::from(Span::styled(numbers, theme.label)),
        Line::from(Span::styled(values, theme.value)),
        Line::from(Span::styled(marker, theme.focus)),
    ]
}

fn header_line(app: &App, data: &MeasuresData, width: usize, theme: &Theme) -> Line<'static> {
    let c = data.category;
    let s = app.scenario();
    let percent_now = s.scores.get(c);
    let text = match (data.built_percent, data.from_measures) {
        (None, _) => format!(
            "{}: given as a percent ({}); no measures — I adds one",
            c.label(),
            percent_now.map_or("not scored".into(), number)
        ),
        (Some(b), true) => format!(
            "{}: from its measures, {}{}",
            c.label(),
            b.map_or("not scored".into(), |p| format!("{}%", two_decimals(p))),
            if app.measures_view.percents[c.index()].is_some() {
                "  (% goes back to its percent)"
            } else {
                ""
            }
        ),
        (Some(b), false) => format!(
            "{}: given as a percent, {} — its measures (below, inactive) give {}; % uses them",
            c.label(),
            percent_now.map_or("not scored".into(), number),
            b.map_or("not scored".into(), |p| format!("{}%", two_decimals(p)))
        ),
    };
    Line::from(Span::styled(cut(&text, width), theme.title))
}

fn table_lines(app: &App, data: &MeasuresData, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let c = data.category;
    // Columns: marker 2, id 9, type 9, value 11, decile 4, points 8, marks 12; title the rest.
    let fixed = 2 + 9 + 9 + 11 + 4 + 8 + 12;
    let title_w = width.saturating_sub(fixed).max(6);
    let mut out = vec![Line::from(Span::styled(
        fit(
            &format!(
                "  {:<9}{}{:<9}{:>10} {:>3} {:>7} {}",
                "ID",
                fit("Title", title_w),
                "Type",
                if c == Category::Cost { "Cost" } else { "Rate" },
                "Dec",
                "Points",
                "Marks"
            ),
            width,
        ),
        theme.heading,
    ))];
    for (i, row) in data.rows.iter().enumerate() {
        let selected = i == app.measures_view.selected;
        let ct = row
            .score
            .collection_type
            .map_or("—".to_string(), |t| t.label().to_string());
        let text = format!(
            "{}{}{}{}{:>10} {:>3} {:>7} {}",
            if selected { "▶ " } else { "  " },
            fit(&row.score.id, 9),
            fit(&row.title, title_w),
            fit(&ct, 9),
            fit(&value_text(c, row), 10).trim_end(),
            row.score.decile.map_or("—".into(), |d| d.to_string()),
            two_decimals(row.score.points),
            marks_text(row)
        );
        let style = if selected {
            theme.focus.add_modifier(Modifier::BOLD)
        } else if row.score.counted {
            theme.value
        } else {
            theme.dim
        };
        out.push(Line::from(Span::styled(
            if selected {
                fit(&text, width)
            } else {
                cut(&text, width)
            },
            style,
        )));
    }
    if data.rows.is_empty() {
        out.push(Line::from(Span::styled(
            "  No measures: I adds one from the year's inventory",
            theme.dim,
        )));
    }
    out
}

/// The selected measure's values, the one being changed in brackets (or being typed).
fn values_line(app: &App, data: &MeasuresData, width: usize, theme: &Theme) -> Line<'static> {
    let c = data.category;
    let Some(row) = data.rows.get(app.measures_view.selected) else {
        return Line::default();
    };
    let Some(index) = row.input else {
        return Line::from(Span::styled(
            cut(&format!("{}: {}", row.score.id, row.score.reason), width),
            theme.dim,
        ));
    };
    let s = app.scenario();
    let mut spans = vec![Span::styled(format!("{}: ", row.score.id), theme.label)];
    for (k, part) in parts_of(c).iter().enumerate() {
        let chosen = k == app.measures_view.part;
        let typed = app
            .measures_view
            .edit
            .as_ref()
            .filter(|e| e.part == *part && e.index == index && chosen);
        let value = match typed {
            Some(e) => format!("{}▏", e.text),
            None => crate::app::measures_view::part_value(s, c, index, *part)
                .map_or_else(|| "—".into(), number),
        };
        let text = if chosen {
            format!("[{} {value}]", part.label())
        } else {
            format!("{} {value}", part.label())
        };
        spans.push(Span::styled(
            text,
            if chosen { theme.focus } else { theme.value },
        ));
        spans.push(Span::raw("  "));
    }
    let mut line = Line::from(spans);
    if line.width() > width {
        line = Line::from(Span::styled(cut(&line.to_string(), width), theme.value));
    }
    line
}

/// A measure's rate ("74.21%") or cost ("$1,442.57").
pub fn value_shown(cost: bool, v: f64) -> String {
    if cost {
        dollars(v)
    } else {
        format!("{}%", number((v * 100.0).round() / 100.0))
    }
}

/// What a target needs of a measure: "74.21%"; for cost the cost with the reduction in dollars
/// and percent ("$1,200 (−$242.57, −16.8%)"); "reached"; "not reachable".
pub fn need_text(m: &MeasureRef, now: f64, need: &MeasureNeed) -> String {
    let cost = m.category == Category::Cost;
    match need {
        MeasureNeed::AlreadyReached => "reached".into(),
        MeasureNeed::NotReachable { .. } => "not reachable".into(),
        MeasureNeed::Needs { value } if cost => {
            format!("{} ({})", dollars(*value), reduction(now, *value))
        }
        MeasureNeed::Needs { value } => value_shown(false, *value),
    }
}

/// A cost reduction in dollars and percent: "−$242.57, −16.8%".
pub fn reduction(now: f64, to: f64) -> String {
    let pct = if now > 0.0 {
        (to - now) / now * 100.0
    } else {
        0.0
    };
    format!("{}, {}%", signed_dollars(to - now), signed(pct, 1))
}

/// The money (or adjustment) one step better makes: a range where the range is the figure
/// (PY2025+), else the dollars.
pub fn step_money(worth: &MeasureWorth) -> Option<String> {
    let (now, better) = (&worth.marginal.now, &worth.marginal.better);
    match (worth.dollars_range, worth.adjustment_range) {
        (Some((l, h)), _) => Some(format!("{} to {}", signed_dollars(l), signed_dollars(h))),
        (None, Some((l, h))) => Some(format!(
            "adjustment {} to {} pp",
            signed(l, 3),
            signed(h, 3)
        )),
        _ => match (now.outcome.dollars, better.outcome.dollars) {
            (Some(a), Some(b)) => Some(signed_dollars(b - a)),
            _ => None,
        },
    }
}

/// "Worth of one point higher (62.2%): 1.99 → 2.02 points, Quality +0.04, final score +0.02,
/// +$5 · next decile at 61.77%" and the value each target needs with this measure alone.
pub fn worth_lines(worth: &MeasureWorth, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let m = &worth.measure;
    let cost = m.category == Category::Cost;
    let (now, better) = (&worth.marginal.now, &worth.marginal.better);
    let step = if cost {
        "1% lower cost"
    } else if m.lower_is_better {
        "one point lower"
    } else {
        "one point higher"
    };
    let category = match (now.category_percent, better.category_percent) {
        (Some(a), Some(b)) => format!(", {} {}", m.category.label(), signed(b - a, 2)),
        _ => String::new(),
    };
    let money = step_money(worth)
        .map(|t| format!(", {t}"))
        .unwrap_or_default();
    let next = match worth.marginal.next_decile_at {
        Some(v) if cost => format!(
            " · next decile at {} ({})",
            dollars(v),
            reduction(now.value, v)
        ),
        Some(v) => format!(" · next decile at {}", value_shown(false, v)),
        None => String::new(),
    };
    let first = format!(
        "Worth of {step} ({}): {} → {} points{category}, final score {}{money}{next}",
        value_shown(cost, better.value),
        two_decimals(now.measure_points),
        two_decimals(better.measure_points),
        signed(
            better.outcome.final_score_published - now.outcome.final_score_published,
            2
        ),
    );
    let needs: Vec<String> = worth
        .needs
        .iter()
        .map(|(name, need)| format!("{name}: {}", need_text(m, now.value, need)))
        .collect();
    vec![
        Line::from(Span::styled(cut(&first, width), theme.value)),
        Line::from(Span::styled(
            cut(
                &format!("With {} alone — {}", m.id, needs.join(" · ")),
                width,
            ),
            theme.value,
        )),
    ]
}

fn outcome_line(app: &App, c: Category, width: usize, theme: &Theme) -> Line<'static> {
    let r = app.result();
    let cat = r
        .category(c)
        .score
        .map_or("not scored".into(), |p| format!("{}%", two_decimals(p)));
    let money = r
        .dollar_impact
        .map(|d| format!(" ({})", signed_dollars(d)))
        .unwrap_or_default();
    Line::from(Span::styled(
        cut(
            &format!(
                "{} {cat} → final score {} → adjustment {}{money}",
                c.label(),
                two_decimals(r.final_score_published),
                percent(r.payment_adjustment_percent)
            ),
            width,
        ),
        theme.title,
    ))
}

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let c = shown_category(app);
    let fresh;
    let data = match &app.measures_view.data {
        Some(d) if d.category == c => d,
        _ => {
            fresh = crate::app::measures_view::measures_data(app.scenario(), c);
            &fresh
        }
    };
    let title = Line::from(Span::styled(
        format!(
            " Measures — {} PY{} (Tab: next category) ",
            c.label(),
            app.scenario().performance_year
        ),
        theme.title,
    ));
    let inner = super::text::bordered(buf, area, theme.border, Some(title), None);
    let w = inner.width as usize;
    let mut lines = vec![header_line(app, data, w, theme)];
    let table = table_lines(app, data, w, theme);
    // Rows below the table: values, blank, strip (4), worth (2), outcome, legend.
    let reserve = 10usize;
    let room = (inner.height as usize).saturating_sub(1 + reserve).max(2);
    if table.len() > room {
        // Keep the selected row in sight.
        let sel = app.measures_view.selected + 1;
        let start = sel.saturating_sub(room - 1).max(1);
        lines.push(table[0].clone());
        lines.extend(table.iter().skip(start).take(room - 1).cloned());
    } else {
        lines.extend(table);
    }
    lines.push(values_line(app, data, w, theme));
    if let Some(e) = &app.measures_view.edit
        && let Some(err) = &e.error
    {
        lines.push(Line::from(Span::styled(cut(err, w), theme.error)));
    } else {
        lines.push(Line::default());
    }
    let row = data.rows.get(app.measures_view.selected);
    match row.and_then(|r| benchmark_of(app, c, r).map(|b| (r, b))) {
        Some((r, b)) => {
            let rate = r.score.value;
            lines.extend(strip_lines(b, c, rate, w, theme));
        }
        None => {
            let why = match row {
                Some(r) if matches!(c, Category::Quality | Category::Cost) => {
                    format!(
                        "No CMS benchmark for {} this year: {}",
                        r.score.id, r.score.reason
                    )
                }
                Some(r) => format!("{}: {}", r.score.id, r.score.reason),
                None => String::new(),
            };
            lines.push(Line::from(Span::styled(cut(&why, w), theme.dim)));
        }
    }
    if let Some(worth) = app
        .measures_view
        .worth
        .as_ref()
        .and_then(|w| w.worth.as_ref())
    {
        lines.extend(worth_lines(worth, w, theme));
    }
    lines.push(outcome_line(app, c, w, theme));
    lines.push(Line::from(Span::styled(cut(LEGEND, w), theme.dim)));
    put_lines(buf, inner, &lines);
    // The band chart under it all, when the height allows.
    let used = lines.len() as u16;
    let left = inner.height.saturating_sub(used);
    if left >= CHART_MIN_HEIGHT {
        let r = Rect::new(inner.x, inner.y + used, inner.width, left);
        super::band_chart::render(buf, r, app, theme);
    }
    if let Some(p) = &app.measures_view.picker {
        render_picker(buf, area, app, p, theme);
    }
}

fn render_picker(
    buf: &mut Buffer,
    area: Rect,
    app: &App,
    p: &crate::app::measures_view::MeasurePicker,
    theme: &Theme,
) {
    let w = area.width.saturating_sub(4).min(100);
    let h = area.height.saturating_sub(2).min(20);
    let r = Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h);
    Clear.render(r, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(
            format!(
                " Add a {} measure, PY{} — type id or title words ",
                p.category.label(),
                app.scenario().performance_year
            ),
            theme.title,
        ));
    let inner = block.inner(r);
    block.render(r, buf);
    let iw = inner.width as usize;
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Search: ", theme.label),
            Span::styled(format!("{}▏", p.query), theme.value),
        ]),
        Line::from(Span::styled(
            fit(
                &match p.category {
                    Category::ImprovementActivities => format!(
                        "{} match; each with its weight · Enter adds, Esc cancels",
                        p.items.len()
                    ),
                    Category::PromotingInteroperability => format!(
                        "{} match; required, bonus or exclusion · Enter adds, Esc cancels",
                        p.items.len()
                    ),
                    _ => format!(
                        "{} match; ● benchmark in {} · ▲ topped out · ═ flat · Enter adds, Esc cancels",
                        p.items.len(),
                        p.collection_type.label()
                    ),
                },
                iw,
            ),
            theme.dim,
        )),
    ];
    let room = (inner.height as usize).saturating_sub(2);
    let start = p.selected.saturating_sub(room.saturating_sub(1));
    for (i, item) in p.items.iter().enumerate().skip(start).take(room) {
        let marks = format!(
            "{}{}{}",
            if item.benchmarked { "●" } else { " " },
            if item.topped_out { "▲" } else { " " },
            if item.flat { "═" } else { " " }
        );
        // Activities show their weight, PI measures whether they are required.
        let kind = if matches!(
            p.category,
            Category::ImprovementActivities | Category::PromotingInteroperability
        ) {
            item.note.as_str()
        } else {
            item.collection_type.label()
        };
        let text = format!(
            "{}{marks} {} {} {}",
            if i == p.selected { "▶" } else { " " },
            fit(&item.id, 9),
            fit(kind, 9),
            item.title
        );
        let style = if i == p.selected {
            theme.focus
        } else {
            theme.value
        };
        lines.push(Line::from(Span::styled(fit(&text, iw), style)));
    }
    put_lines(buf, inner, &lines);
}
