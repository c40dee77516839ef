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
    let nat = &app.national;
    let mut top: Vec<Line> = Vec::new();

    for p in placement(app) {
        for l in wrap_text(&p, w) {
            top.push(Line::from(Span::styled(l, theme.value)));
        }
    }

    // Band shares: every group and reporting status when there is room, else the chart's.
    let rows: Vec<_> = nat
        .band_shares
        .iter()
        .filter(|s| s.performance_year == data_year)
        .collect();
    let bands: Vec<Band> = rows
        .first()
        .map(|s| s.shares.iter().map(|(b, _)| *b).collect())
        .unwrap_or_default();
    let lower_rows = 16usize;
    let all_fit = top.len() + 2 + rows.len() + 1 + lower_rows <= inner.height as usize;
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
    top.push(Line::from(Span::styled(
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
    )));
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
    top.push(Line::from(head));
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
        top.push(Line::from(spans));
    }
    top.push(Line::raw(""));
    let used = (top.len() as u16).min(inner.height);
    put_lines(buf, inner, &top);

    // Below: two columns (one under the other when narrow).
    let mut left: Vec<Line> = Vec::new();
    let mut right: Vec<Line> = Vec::new();
    let two_cols = w >= 74;
    let left_w = if two_cols { 37 } else { w };
    let right_w = if two_cols { w - left_w - 2 } else { w };
    let stat_line = |col_w: usize, label: &str, mean: f64, median: f64, ours: bool| {
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
    };
    let header = |col_w: usize, title: &str| -> Line<'static> {
        let lw = col_w.saturating_sub(14);
        Line::from(vec![
            Span::styled(fit(title, lw), theme.heading),
            Span::styled(format!("{:>7}{:>7}", "mean", "median"), theme.dim),
        ])
    };
    let year_stats = nat
        .final_scores
        .iter()
        .filter(|f| f.performance_year == data_year);
    left.push(header(left_w, &format!("Final score, PY{data_year}")));
    for f in year_stats.clone().filter(|f| f.kind == "overall") {
        left.push(stat_line(left_w, "All clinicians", f.mean, f.median, false));
    }
    for f in year_stats.clone().filter(|f| f.kind == "reporting_option") {
        let ours = f.is_for_option(app.scenario().reporting_option);
        left.push(stat_line(left_w, &f.label, f.mean, f.median, ours));
    }
    left.push(Line::raw(""));
    // The last two years with category figures, side by side.
    let years = nat.category_years();
    if let [.., before, latest] = years[..] {
        let span = format!("{:02}→{:02}", before % 100, latest % 100);
        left.push(Line::from(Span::styled(
            fit(
                &format!(
                    "{:<10}{:^13} {:^13}",
                    "Category",
                    format!("mean {span}"),
                    format!("median {span}")
                ),
                left_w,
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
            left.push(Line::from(vec![
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
    }

    right.push(header(right_w, "By participation"));
    let ours_prefix = app.scenario().practice.participation.label();
    for f in year_stats.filter(|f| f.kind == "participation") {
        let ours = f.label.starts_with(&format!("{ours_prefix} ("))
            || (f.label.starts_with(ours_prefix)
                && f.label.contains(if app.scenario().practice.reporting {
                    ", reporting"
                } else {
                    "non-reporting"
                }));
        right.push(stat_line(right_w, &f.label, f.mean, f.median, ours));
    }
    right.push(Line::raw(""));
    right.push(Line::from(Span::styled(
        fit(
            &format!(
                "{:<8}{:>10}{:>9}{:>10}",
                "Trend", "clinicians", "above PT", "QPs"
            ),
            right_w,
        ),
        theme.heading,
    )));
    for t in &nat.trends {
        let pct = t
            .above_threshold_share
            .map_or("—".to_string(), |v| format!("{v:.2}%"));
        let qps = t
            .qualifying_apm_participants
            .map_or("—".to_string(), crate::format::thousands);
        right.push(Line::from(vec![
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
