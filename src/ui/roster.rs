//! The Roster view: a line naming the roster and how it is sorted and filtered; the rows as a
//! table (only those on screen are drawn), bad rows with their row and reason; the selected
//! row's detail; the what-if line; and the totals with the roster's band distribution beside
//! the national one (beside the table on a wide screen, under it otherwise).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::theme::band_fill;
use super::{Theme, fit, put_lines};
use crate::app::App;
use crate::app::roster_view::{
    PANEL_LINES, RosterTyping, RosterView, RowWhatIf, SIDE_PANEL_WIDTH, SizeFilter, SortKey,
    layout_of,
};
use crate::format::{one_line, percent, signed_dollars, two_decimals};
use crate::roster::summary::{BANDS, index_of};
use crate::roster::table::Entry;

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let Some(v) = app.roster.as_deref() else {
        let lines = vec![
            Line::from(Span::styled("Roster", theme.title)),
            Line::from(""),
            Line::from(
                "No roster is open. A roster is a .csv or .xlsx file, one row per clinician, group or TIN",
            ),
            Line::from(
                "(the scenario's own columns or CMS's public use file columns: see docs/roster.md).",
            ),
            Line::from(""),
            Line::from(vec![
                Span::styled("o", theme.key),
                Span::raw(" and type its path, or start with "),
                Span::styled("mips-whatif rosters/practice.csv", theme.key),
            ]),
        ];
        put_lines(buf, inset(area), &lines);
        return;
    };
    let l = layout_of(area.width, area.height);
    let area = Rect::new(area.x, area.y, area.width, area.height);
    let table_w = if l.side {
        area.width.saturating_sub(SIDE_PANEL_WIDTH)
    } else {
        area.width
    };
    let mut y = area.y;
    let line = |buf: &mut Buffer, y: u16, l: Line, w: u16| buf.set_line(area.x, y, &l, w);
    line(buf, y, title_line(v, theme), area.width);
    y += 1;
    let cols = columns(v, table_w as usize);
    line(buf, y, header_line(&cols, theme), table_w);
    y += 1;
    let start = v.top.min(v.order.len());
    for (n, &i) in v.order[start..].iter().take(l.rows).enumerate() {
        let selected = start + n == v.selected;
        line(
            buf,
            y + n as u16,
            row_line(v, i as usize, &cols, selected, theme),
            table_w,
        );
    }
    if v.order.is_empty() {
        line(
            buf,
            y,
            Line::from(Span::styled(
                "  No row matches the filters: Esc clears them",
                theme.dim,
            )),
            table_w,
        );
    }
    y += l.rows as u16;
    line(buf, y, detail_line(v, theme), area.width);
    y += 1;
    line(buf, y, what_if_line(v, theme), area.width);
    y += 1;
    let panel = panel_lines(app, v, theme);
    if l.side {
        let x = area.x + table_w + 1;
        let r = Rect::new(
            x,
            area.y + 1,
            SIDE_PANEL_WIDTH - 1,
            area.height.saturating_sub(3),
        );
        put_lines(buf, r, &panel);
    } else {
        let r = Rect::new(area.x, y, area.width, PANEL_LINES as u16);
        put_lines(buf, r, &panel);
    }
}

fn inset(area: Rect) -> Rect {
    Rect::new(
        area.x + 2,
        area.y + 1,
        area.width.saturating_sub(4),
        area.height.saturating_sub(1),
    )
}

fn title_line<'a>(v: &RosterView, theme: &Theme) -> Line<'a> {
    let (scored, bad) = (v.scored_rows, v.bad_rows);
    let mut spans = vec![
        Span::styled(" Roster ", theme.title),
        Span::styled(one_line(&v.roster.file.display().to_string()), theme.base),
        Span::styled(
            format!(
                " · {scored} row{}{}",
                if scored == 1 { "" } else { "s" },
                if bad > 0 {
                    format!(", {bad} bad")
                } else {
                    String::new()
                }
            ),
            theme.dim,
        ),
        Span::styled(
            format!(
                " · sorted by {}{}",
                v.sort.label(),
                match (v.sort, v.descending) {
                    (SortKey::File, false) => "",
                    (_, true) => " ↓ reversed",
                    _ => " ↑",
                }
            ),
            theme.dim,
        ),
    ];
    let typing_filter = v.typing == Some(RosterTyping::Filter);
    if !v.filter.is_empty() || typing_filter {
        spans.push(Span::styled(" · text ", theme.dim));
        spans.push(Span::styled(
            format!("“{}{}”", v.filter, if typing_filter { "▏" } else { "" }),
            if typing_filter {
                theme.focus
            } else {
                theme.info
            },
        ));
    }
    if let Some(b) = v.band {
        spans.push(Span::styled(" · band ", theme.dim));
        spans.push(Span::styled(b.label(), theme.band(b)));
    }
    if v.size != SizeFilter::All {
        spans.push(Span::styled(format!(" · {}", v.size.label()), theme.info));
    }
    if v.unsaved {
        spans.push(Span::styled(
            format!(" ● {} edited, not saved", v.changed_rows),
            theme.warning,
        ));
    }
    Line::from(spans)
}

/// A table column.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Row,
    Name,
    Year,
    Size,
    Final,
    Band,
    Adjustment,
    Dollars,
    Confidence,
    Cms,
    Agrees,
    WhatIfFinal,
    WhatIfPoints,
    WhatIfDollars,
}

impl Col {
    fn title(self) -> &'static str {
        match self {
            Col::Row => "Row",
            Col::Name => "Id / name",
            Col::Year => "PY",
            Col::Size => "Size",
            Col::Final => "Final",
            Col::Band => "Band",
            Col::Adjustment => "Adjust.",
            Col::Dollars => "Dollars",
            Col::Confidence => "Confidence",
            Col::Cms => "CMS",
            Col::Agrees => "Agrees",
            Col::WhatIfFinal => "→ Final",
            Col::WhatIfPoints => "Δ points",
            Col::WhatIfDollars => "Δ dollars",
        }
    }

    fn width(self) -> usize {
        match self {
            Col::Row => 6,
            Col::Name => 16,
            Col::Year => 4,
            Col::Size => 4,
            Col::Final => 6,
            Col::Band => 14,
            Col::Adjustment => 7,
            Col::Dollars => 12,
            Col::Confidence => 10,
            Col::Cms => 6,
            Col::Agrees => 6,
            Col::WhatIfFinal => 7,
            Col::WhatIfPoints => 8,
            Col::WhatIfDollars => 11,
        }
    }

    fn right(self) -> bool {
        !matches!(self, Col::Name | Col::Band | Col::Confidence | Col::Agrees)
    }
}

/// The columns that fit in `width`, in table order, the name taking what is left.
fn columns(v: &RosterView, width: usize) -> Vec<(Col, usize)> {
    // In the order they give way (the last first).
    let mut wanted = vec![Col::Row, Col::Name, Col::Final, Col::Dollars];
    if v.what_if.is_active() {
        wanted.extend([Col::WhatIfPoints, Col::WhatIfDollars, Col::WhatIfFinal]);
    }
    wanted.extend([Col::Band, Col::Adjustment]);
    if v.roster.has_cms {
        wanted.extend([Col::Agrees, Col::Cms]);
    }
    wanted.extend([Col::Size, Col::Year, Col::Confidence]);
    let mut used = 1;
    let mut kept = Vec::new();
    for c in wanted {
        if used + c.width() < width {
            used += c.width() + 1;
            kept.push(c);
        }
    }
    let order = [
        Col::Row,
        Col::Name,
        Col::Year,
        Col::Size,
        Col::Final,
        Col::Band,
        Col::Adjustment,
        Col::Dollars,
        Col::Confidence,
        Col::Cms,
        Col::Agrees,
        Col::WhatIfFinal,
        Col::WhatIfPoints,
        Col::WhatIfDollars,
    ];
    let extra = width.saturating_sub(used).min(26);
    order
        .into_iter()
        .filter(|c| kept.contains(c))
        .map(|c| {
            let w = if c == Col::Name {
                c.width() + extra
            } else {
                c.width()
            };
            (c, w)
        })
        .collect()
}

fn cell(text: &str, width: usize, right: bool) -> String {
    if right && text.chars().count() < width {
        format!("{text:>width$}")
    } else {
        fit(text, width)
    }
}

fn header_line<'a>(cols: &[(Col, usize)], theme: &Theme) -> Line<'a> {
    let mut s = String::from(" ");
    for (c, w) in cols {
        s.push_str(&cell(c.title(), *w, c.right()));
        s.push(' ');
    }
    Line::from(Span::styled(s, theme.heading))
}

fn row_line<'a>(
    v: &RosterView,
    i: usize,
    cols: &[(Col, usize)],
    selected: bool,
    theme: &Theme,
) -> Line<'a> {
    let entry = &v.roster.entries[i];
    let base = if selected { theme.focus } else { theme.base };
    let mark = match entry {
        Entry::Scored(r) if r.changed => ("●", theme.warning),
        Entry::Bad(_) => ("✗", theme.error),
        _ if selected => ("▶", theme.focus),
        _ => (" ", theme.base),
    };
    let mut spans = vec![Span::styled(mark.0, mark.1)];
    let what_if = v.what_if.rows.get(i);
    for (c, w) in cols {
        let (text, style): (String, Style) = match (entry, c) {
            (_, Col::Row) => (entry.row().to_string(), base),
            (_, Col::Name) => {
                let name = entry.name();
                let id = entry.id().unwrap_or("");
                // Both when there is room; else the name (the id when there is none).
                let t = if id.is_empty() || id == name || *w < 28 {
                    name.to_string()
                } else {
                    format!("{id} {name}")
                };
                (one_line(&t), base)
            }
            (Entry::Bad(_), Col::Year) => (String::new(), base),
            (Entry::Bad(_), _) => {
                if *c == Col::Final {
                    // The reason runs across the rest of the row.
                    let reason = entry.short_reason().unwrap_or_default();
                    let rest: usize = cols
                        .iter()
                        .skip_while(|(x, _)| x != c)
                        .map(|(_, w)| w + 1)
                        .sum();
                    spans.push(Span::styled(
                        fit(&format!("not scored: {}", one_line(&reason)), rest),
                        if selected { theme.focus } else { theme.error },
                    ));
                    break;
                }
                (String::new(), base)
            }
            (Entry::Scored(r), col) => {
                let o = &r.outcome;
                match col {
                    Col::Year => (o.performance_year.to_string(), base),
                    Col::Size => (r.read.scenario.practice.clinicians.to_string(), base),
                    Col::Final => (two_decimals(o.final_score), base),
                    Col::Band => (
                        o.band.label().to_string(),
                        if selected { base } else { theme.band(o.band) },
                    ),
                    Col::Adjustment => (percent(o.payment_adjustment_percent), base),
                    Col::Dollars => (
                        o.dollar_impact.map(signed_dollars).unwrap_or("—".into()),
                        base,
                    ),
                    Col::Confidence => (
                        o.confidence.as_str().to_string(),
                        if selected {
                            base
                        } else {
                            theme.confidence(o.confidence)
                        },
                    ),
                    Col::Cms => (
                        r.comparison
                            .as_ref()
                            .and_then(|c| c.cms_final_score)
                            .map(two_decimals)
                            .unwrap_or_default(),
                        base,
                    ),
                    Col::Agrees => match r.comparison.as_ref().map(|c| c.agrees) {
                        Some(Some(true)) => ("yes".into(), base),
                        Some(Some(false)) => {
                            ("NO".into(), if selected { base } else { theme.warning })
                        }
                        Some(None) => ("n/a".into(), theme.dim),
                        None => (String::new(), base),
                    },
                    Col::WhatIfFinal | Col::WhatIfPoints | Col::WhatIfDollars => {
                        what_if_cell(*col, o, what_if, base, theme)
                    }
                    Col::Row | Col::Name => unreachable!("handled above"),
                }
            }
        };
        spans.push(Span::styled(cell(&text, *w, c.right()), style));
        spans.push(Span::styled(" ", base));
    }
    Line::from(spans)
}

fn what_if_cell(
    col: Col,
    before: &crate::roster::table::Outcome,
    w: Option<&RowWhatIf>,
    base: Style,
    theme: &Theme,
) -> (String, Style) {
    match w {
        Some(RowWhatIf::Scored(after)) => {
            let points = after.final_score - before.final_score;
            let dollars = after.dollar_impact.unwrap_or(0.0) - before.dollar_impact.unwrap_or(0.0);
            let tone = |d: f64| {
                if d > 0.0 {
                    theme.better
                } else if d < 0.0 {
                    theme.worse
                } else {
                    base
                }
            };
            match col {
                Col::WhatIfFinal => (two_decimals(after.final_score), base),
                Col::WhatIfPoints => (format!("{points:+.2}"), tone(points)),
                _ => (signed_dollars(dollars), tone(dollars)),
            }
        }
        Some(RowWhatIf::Invalid(_)) if col == Col::WhatIfPoints => ("invalid".into(), theme.error),
        Some(RowWhatIf::Pending) if col == Col::WhatIfPoints => ("…".into(), theme.dim),
        Some(RowWhatIf::NotApplied) if col == Col::WhatIfPoints => ("—".into(), theme.dim),
        _ => (String::new(), base),
    }
}

fn detail_line<'a>(v: &RosterView, theme: &Theme) -> Line<'a> {
    let Some(i) = v.selected_entry() else {
        return Line::from("");
    };
    let e = &v.roster.entries[i];
    match e {
        Entry::Bad(b) => Line::from(vec![
            Span::styled(format!(" Row {} (line {}) ", b.row, b.line), theme.error),
            Span::styled(one_line(&e.reason().unwrap_or_default()), theme.base),
        ]),
        Entry::Scored(r) => {
            let mut parts: Vec<String> = Vec::new();
            if r.changed {
                parts.push("edited".into());
            }
            if let Some(c) = &r.comparison
                && let Some(d) = &c.disagreement
            {
                parts.push(format!("CMS: {d}"));
            }
            if let Some(RowWhatIf::Invalid(why)) = v.what_if.rows.get(i) {
                parts.push(format!("what-if: {why}"));
            }
            parts.extend(r.read.notes.iter().cloned());
            let text = if parts.is_empty() {
                "Enter opens the row as the scenario".to_string()
            } else {
                parts.join(" · ")
            };
            Line::from(vec![
                Span::styled(
                    format!(" Row {} (line {}) ", r.read.row, r.read.line),
                    theme.label,
                ),
                Span::styled(one_line(&text), theme.dim),
            ])
        }
    }
}

fn what_if_line<'a>(v: &RosterView, theme: &Theme) -> Line<'a> {
    let w = &v.what_if;
    let typing = v.typing == Some(RosterTyping::WhatIf);
    let mut spans = vec![Span::styled(" What-if ", theme.heading)];
    if !typing && w.text.is_empty() {
        spans.push(Span::styled(
            "w: a change for every row or those that match, e.g. cost=+10 where small=true",
            theme.dim,
        ));
        return Line::from(spans);
    }
    spans.push(Span::styled(
        format!("{}{}", w.text, if typing { "▏" } else { "" }),
        if typing { theme.focus } else { theme.info },
    ));
    if let Some(e) = &w.error {
        spans.push(Span::styled(format!("  {e}"), theme.error));
        return Line::from(spans);
    }
    if !w.is_active() {
        return Line::from(spans);
    }
    let t = &w.totals;
    let mut text = format!(
        "  {} row{}: {:+.2} points, {:+.2} adjustment points, {} in all; {} up a band, {} down",
        t.rows,
        if t.rows == 1 { "" } else { "s" },
        t.points,
        t.adjustment_points,
        signed_dollars(t.dollars),
        t.band_up,
        t.band_down
    );
    if t.invalid > 0 {
        text.push_str(&format!("; {} invalid", t.invalid));
    }
    spans.push(Span::styled(text, theme.base));
    if !w.complete() {
        let n = w.rows.len().max(1);
        spans.push(Span::styled(
            format!("  (working: {}% of rows)", 100 * t.done / n),
            theme.warning,
        ));
    }
    Line::from(spans)
}

fn panel_lines<'a>(app: &App, v: &RosterView, theme: &Theme) -> Vec<Line<'a>> {
    let t = &v.totals;
    let s = &t.summary;
    let mut lines = Vec::new();
    let mut totals = vec![
        Span::styled(" Shown ", theme.heading),
        Span::styled(
            format!(
                "{} of {} rows{}",
                t.shown,
                v.roster.entries.len(),
                if t.bad > 0 {
                    format!(" ({} bad)", t.bad)
                } else {
                    String::new()
                }
            ),
            theme.base,
        ),
        Span::styled(" · total ", theme.dim),
        Span::styled(signed_dollars(s.total_dollars), theme.value),
        Span::styled(
            format!(
                " over {} row{} with charges",
                s.rows_with_dollars,
                if s.rows_with_dollars == 1 { "" } else { "s" }
            ),
            theme.dim,
        ),
    ];
    if let Some(m) = t.mean_score {
        totals.push(Span::styled(" · mean final score ", theme.dim));
        totals.push(Span::styled(two_decimals(m), theme.value));
    }
    lines.push(Line::from(totals));
    let mark = |m: &crate::roster::summary::RowMark| {
        format!("row {} {}", m.row, two_decimals(m.final_score))
    };
    let mut second = String::new();
    if let (Some(b), Some(w)) = (&s.best, &s.worst) {
        second = format!(" Best {} · worst {}", mark(b), mark(w));
    }
    if s.compared + s.not_compared > 0 {
        second.push_str(&format!(
            " · CMS: {} agree, {} differ",
            s.agreed, s.disagreed
        ));
    }
    lines.push(Line::from(Span::styled(second, theme.dim)));
    // The year most shown rows are in, beside the national shares for it.
    let Some((&year, tally)) = s.years.iter().max_by_key(|(y, t)| (t.rows, **y)) else {
        lines.push(Line::from(Span::styled(" No scored row shown", theme.dim)));
        return lines;
    };
    let national = s.national(&app.national, year);
    let head = match national {
        Some(n) => format!(
            " PY{year} bands ({} row{}) · roster  vs  national PY{} {}, {}",
            tally.rows,
            if tally.rows == 1 { "" } else { "s" },
            n.performance_year,
            n.group.label().to_lowercase(),
            n.reporting.label()
        ),
        None => format!(
            " PY{year} bands ({} rows) · no national figures",
            tally.rows
        ),
    };
    lines.push(Line::from(Span::styled(head, theme.heading)));
    let bar = |share: f64, width: usize| -> usize {
        ((share / 100.0) * width as f64)
            .round()
            .clamp(0.0, width as f64) as usize
    };
    let bar_w = 12;
    for b in BANDS {
        let count = tally.bands[index_of(b)];
        let nat = national.and_then(|n| n.shares.iter().find(|(x, _)| *x == b).map(|(_, v)| *v));
        if count == 0 && nat.is_none() {
            continue;
        }
        let share = 100.0 * count as f64 / tally.rows.max(1) as f64;
        let fill = band_fill(b).to_string();
        let mut spans = vec![
            Span::styled(format!("  {:<15}", b.label()), theme.band(b)),
            Span::styled(format!("{count:>6} {share:>5.1}% "), theme.base),
            Span::styled(fit(&fill.repeat(bar(share, bar_w)), bar_w), theme.band(b)),
        ];
        match nat {
            Some(n) => {
                spans.push(Span::styled(format!(" {n:>6.2}% "), theme.dim));
                spans.push(Span::styled(
                    fill.repeat(bar(n, bar_w)),
                    theme.band(b).add_modifier(Modifier::DIM),
                ));
            }
            None => spans.push(Span::styled("      —", theme.dim)),
        }
        lines.push(Line::from(spans));
    }
    lines
}
