//! The National view: what CMS published for MIPS nationally (band shares by group and
//! reporting status, final-score means and medians, category scores, trends), with the
//! current scenario placed against it.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::{Theme, fit, put_lines, wrap_text};
use crate::app::App;
use crate::engine::{Band, published_score};
use crate::format::two_decimals;
use crate::national::chart::highlighted_bar;
use crate::national::{Group, ReportingStatus};

fn short_band(b: Band) -> &'static str {
    match b {
        Band::MaxNegative => "Max neg",
        Band::Negative => "Negative",
        Band::Neutral => "Neutral",
        Band::Positive => "Positive",
        Band::Positive89Plus => "89+",
        Band::Exceptional => "Exc.",
    }
}

fn group_short(g: Group) -> &'static str {
    match g {
        Group::All => "All",
        Group::Small => "Small",
        Group::Solo => "Solo",
        Group::Rural => "Rural",
    }
}

/// Where the scenario stands against the national figures, in words.
pub fn placement(app: &App) -> Vec<String> {
    let r = app.result();
    let you = published_score(r.final_score);
    let mut out = Vec::new();
    let Some(data_year) = app.national.latest_results_year() else {
        return out;
    };
    if let Some(stat) = app.national.overall_final_score(data_year) {
        let d = you - stat.median;
        let how = if d.abs() < 0.005 {
            "equal to".to_string()
        } else if d > 0.0 {
            format!("{} above", two_decimals(d))
        } else {
            format!("{} below", two_decimals(-d))
        };
        out.push(format!(
            "Your final score {} is {how} the PY{data_year} median {} (mean {}).",
            two_decimals(you),
            two_decimals(stat.median),
            two_decimals(stat.mean)
        ));
    }
    let mut cats = Vec::new();
    let year_stats = app.national.category_scores.iter();
    for stat in year_stats.filter(|s| s.performance_year == data_year) {
        if let Some(v) = app.scenario().scores.get(stat.category) {
            cats.push(format!(
                "{} {} vs {}",
                stat.category.short(),
                two_decimals(v),
                two_decimals(stat.median)
            ));
        }
    }
    if !cats.is_empty() {
        out.push(format!(
            "Your categories vs the PY{data_year} medians: {}.",
            cats.join("; ")
        ));
    }
    // Only on the same scale (the same threshold) is the band the scenario's band.
    if let Some(shares) = app
        .national
        .shares(data_year, Group::All, ReportingStatus::Overall)
        && let Some(bar) = highlighted_bar(shares, app.rules.year(data_year), app.year_rules(), you)
        && let Some((_, share)) = shares.shares.iter().find(|(b, _)| *b == bar)
    {
        out.push(format!(
            "{share:.2}% of all clinicians landed in your band ({}) in PY{data_year}.",
            bar.label()
        ));
    }
    out
}

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let Some(data_year) = app.national.latest_results_year() else {
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(Span::styled(
                " National context — no CMS results in the national data ",
                theme.title,
            ))
            .render(area, buf);
        return;
    };
    let room = area.width.saturating_sub(4) as usize;
    // CMS names its national results after the performance year they are for.
    let source = [
        format!(" Source: CMS {data_year} QPP Participation and Performance Results At-a-Glance "),
        format!(" Source: CMS {data_year} QPP Results At-a-Glance "),
        format!(" CMS {data_year} QPP At-a-Glance "),
    ]
    .into_iter()
    .find(|t| t.chars().count() <= room)
    .unwrap_or_default();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(
            format!(" National context — CMS PY{data_year} results "),
            theme.title,
        ))
        .title_bottom(Line::from(Span::styled(source, theme.dim)).alignment(Alignment::Right));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 30 || inner.height < 4 {
        return;
    }
    let w = inner.width as usize;
    let mut top: Vec<Line> = Vec::new();
    for p in placement(app) {
        for l in wrap_text(&p, w) {
            top.push(Line::from(Span::styled(l, theme.value)));
        }
    }
    let lower_rows = 16usize;
    let room = (inner.height as usize).saturating_sub(top.len() + lower_rows);
    top.extend(band_share_lines(app, theme, data_year, w, room));
    top.push(Line::raw(""));
    let used = (top.len() as u16).min(inner.height);
    put_lines(buf, inner, &top);

    // Below: two columns (one under the other when narrow).
    let two_cols = w >= 74;
    let left_w = if two_cols { 37 } else { w };
    let right_w = if two_cols { w - left_w - 2 } else { w };
    let mut left = final_score_lines(app, theme, data_year, left_w);
    left.push(Line::raw(""));
    left.extend(category_lines(app, theme, left_w));
    let mut right = participation_lines(app, theme, data_year, right_w);
    right.push(Line::raw(""));
    right.extend(trend_lines(app, theme, right_w));

    let y = inner.y + used;
    let h = inner.bottom().saturating_sub(y);
    if h == 0 {
        return;
    }
    if two_cols {
        put_lines(buf, Rect::new(inner.x, y, left_w as u16, h), &left);
        put_lines(
            buf,
            Rect::new(inner.x + left_w as u16 + 2, y, right_w as u16, h),
            &right,
        );
    } else {
        left.push(Line::raw(""));
        left.extend(right);
        put_lines(buf, Rect::new(inner.x, y, inner.width, h), &left);
    }
}

/// The band shares table: every group and reporting status when `room` rows allow, else the
/// chart's reporting status; the scenario's band and group marked.
fn band_share_lines(
    app: &App,
    theme: &Theme,
    data_year: u16,
    w: usize,
    room: usize,
) -> Vec<Line<'static>> {
    let rows: Vec<_> = app
        .national
        .band_shares
        .iter()
        .filter(|s| s.performance_year == data_year)
        .collect();
    let bands: Vec<Band> = rows
        .first()
        .map(|s| s.shares.iter().map(|(b, _)| *b).collect())
        .unwrap_or_default();
    // The heading, the column heads, every row and a blank line.
    let all_fit = rows.len() + 3 <= room;
    let shown: Vec<_> = rows
        .iter()
        .filter(|s| all_fit || s.reporting == app.chart_group.reporting)
        .collect();
    let you_bar = rows.first().and_then(|s| {
        highlighted_bar(
            s,
            app.rules.year(data_year),
            app.year_rules(),
            app.result().final_score_published,
        )
    });
    let nb = bands.len().max(1);
    let cell_w = (w.saturating_sub(16) / nb).clamp(6, 10);
    let label_w = 26.min(w.saturating_sub(nb * cell_w));
    let mut lines = vec![Line::from(Span::styled(
        fit(
            &format!(
                "Share of clinicians in each adjustment band, PY{data_year} (%){}",
                if all_fit {
                    ""
                } else {
                    " · G: reporting status"
                }
            ),
            w,
        ),
        theme.heading,
    ))];
    let mut head = vec![Span::styled(
        fit("  Group, reporting status", label_w),
        theme.dim,
    )];
    for b in &bands {
        let name = if Some(*b) == you_bar {
            format!("▶{}", short_band(*b))
        } else {
            short_band(*b).to_string()
        };
        let style = if Some(*b) == you_bar {
            theme.band_badge(*b)
        } else {
            theme.dim
        };
        let cw = cell_w - 1;
        head.push(Span::raw(" "));
        head.push(Span::styled(
            format!("{:>cw$}", fit(&name, cw).trim_end()),
            style,
        ));
    }
    lines.push(Line::from(head));
    for s in shown {
        let ours = s.group == app.chart_group.group && s.reporting == app.chart_group.reporting;
        let label = format!(
            "{}{}, {}",
            if ours { "▶ " } else { "  " },
            group_short(s.group),
            s.reporting.label()
        );
        let mut spans = vec![Span::styled(
            fit(&label, label_w),
            if ours { theme.focus } else { theme.label },
        )];
        for b in &bands {
            let v = s
                .shares
                .iter()
                .find(|(x, _)| x == b)
                .map_or("—".to_string(), |(_, v)| format!("{v:.2}"));
            let style = if Some(*b) == you_bar {
                theme.value.add_modifier(Modifier::BOLD)
            } else {
                theme.base
            };
            spans.push(Span::styled(format!("{v:>cell_w$}"), style));
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// A "mean median" table's heading.
fn stat_header(theme: &Theme, col_w: usize, title: &str) -> Line<'static> {
    let lw = col_w.saturating_sub(14);
    Line::from(vec![
        Span::styled(fit(title, lw), theme.heading),
        Span::styled(format!("{:>7}{:>7}", "mean", "median"), theme.dim),
    ])
}

/// One row of a "mean median" table, marked when it is the scenario's.
fn stat_line(
    theme: &Theme,
    col_w: usize,
    label: &str,
    mean: f64,
    median: f64,
    ours: bool,
) -> Line<'static> {
    let lw = col_w.saturating_sub(14);
    let label = label.replace(" clinicians)", ")");
    Line::from(vec![
        Span::styled(
            fit(&format!("{}{label}", if ours { "▶ " } else { "  " }), lw),
            if ours { theme.focus } else { theme.label },
        ),
        Span::styled(
            format!("{:>7}{:>7}", two_decimals(mean), two_decimals(median)),
            theme.base,
        ),
    ])
}

/// The year's final scores: all clinicians, then by reporting option.
fn final_score_lines(app: &App, theme: &Theme, data_year: u16, w: usize) -> Vec<Line<'static>> {
    let year_stats = app
        .national
        .final_scores
        .iter()
        .filter(|f| f.performance_year == data_year);
    let mut lines = vec![stat_header(
        theme,
        w,
        &format!("Final score, PY{data_year}"),
    )];
    for f in year_stats.clone().filter(|f| f.kind == "overall") {
        lines.push(stat_line(
            theme,
            w,
            "All clinicians",
            f.mean,
            f.median,
            false,
        ));
    }
    for f in year_stats.filter(|f| f.kind == "reporting_option") {
        let ours = f.is_for_option(app.scenario().reporting_option);
        lines.push(stat_line(theme, w, &f.label, f.mean, f.median, ours));
    }
    lines
}

/// The last two years with category figures, side by side.
fn category_lines(app: &App, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let nat = &app.national;
    let mut lines = Vec::new();
    let years = nat.category_years();
    let [.., before, latest] = years[..] else {
        return lines;
    };
    let span = format!("{:02}→{:02}", before % 100, latest % 100);
    lines.push(Line::from(Span::styled(
        fit(
            &format!(
                "{:<10}{:^13} {:^13}",
                "Category",
                format!("mean {span}"),
                format!("median {span}")
            ),
            w,
        ),
        theme.heading,
    )));
    for b in nat
        .category_scores
        .iter()
        .filter(|s| s.performance_year == latest)
    {
        let c = b.category;
        let Some(a) = nat.category_stat(c, before) else {
            continue;
        };
        lines.push(Line::from(vec![
            Span::styled(fit(&format!("  {}", c.short()), 10), theme.label),
            Span::styled(
                format!(
                    "{:>6}→{:<6} {:>6}→{:<6}",
                    two_decimals(a.mean),
                    two_decimals(b.mean),
                    two_decimals(a.median),
                    two_decimals(b.median)
                ),
                theme.base,
            ),
        ]));
    }
    lines
}

/// The year's final scores by participation, the scenario's marked.
fn participation_lines(app: &App, theme: &Theme, data_year: u16, w: usize) -> Vec<Line<'static>> {
    let mut lines = vec![stat_header(theme, w, "By participation")];
    let practice = &app.scenario().practice;
    let ours_prefix = practice.participation.label();
    for f in app
        .national
        .final_scores
        .iter()
        .filter(|f| f.performance_year == data_year && f.kind == "participation")
    {
        let ours = f.label.starts_with(&format!("{ours_prefix} ("))
            || (f.label.starts_with(ours_prefix)
                && f.label.contains(if practice.reporting {
                    ", reporting"
                } else {
                    "non-reporting"
                }));
        lines.push(stat_line(theme, w, &f.label, f.mean, f.median, ours));
    }
    lines
}

/// Year by year: clinicians with an adjustment, the share above the threshold, QPs.
fn trend_lines(app: &App, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        fit(
            &format!(
                "{:<8}{:>10}{:>9}{:>10}",
                "Trend", "clinicians", "above PT", "QPs"
            ),
            w,
        ),
        theme.heading,
    ))];
    for t in &app.national.trends {
        let pct = t
            .above_threshold_share
            .map_or("—".to_string(), |v| format!("{v:.2}%"));
        let qps = t
            .qualifying_apm_participants
            .map_or("—".to_string(), crate::format::thousands);
        lines.push(Line::from(vec![
            Span::styled(format!("  PY{}", t.performance_year), theme.label),
            Span::styled(
                format!(
                    "{:>10}{:>9}{:>10}",
                    crate::format::thousands(t.clinicians_with_adjustment),
                    pct,
                    qps
                ),
                theme.base,
            ),
        ]));
    }
    lines
}
