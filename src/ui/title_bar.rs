//! The top line: product, scenario name, year, file and its state, baseline. The name gives
//! way first when the line is too narrow.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Theme, fit};
use crate::app::{App, View};

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let s = app.scenario();
    let width = area.width as usize;
    // The Roster view and a roster row opened as the scenario say so.
    let roster = app.roster.as_deref();
    let editing_row = roster.and_then(|v| v.editing.map(|i| (v, i)));
    let roster_line = match (roster, editing_row) {
        (Some(v), _) if app.view == View::Roster => {
            Some((v.roster.file.display().to_string(), v.unsaved))
        }
        (_, Some((v, i))) => Some((
            format!(
                "row {} of {}",
                v.roster.entries[i].row(),
                v.roster.file.display()
            ),
            v.roster.entries[i].scored().is_some_and(|r| r.changed),
        )),
        _ => None,
    };
    let file = match (&app.file, &app.lesson) {
        _ if roster_line.is_some() => roster_line.clone().map(|(f, _)| f).unwrap_or_default(),
        (Some(p), _) => p.display().to_string(),
        (None, Some(l)) => {
            let origin = &l.player.lesson().origin;
            let name = std::path::Path::new(origin)
                .file_stem()
                .map_or_else(|| origin.clone(), |n| n.to_string_lossy().into_owned());
            format!("lesson {name}")
        }
        (None, None) => "unsaved".to_string(),
    };
    // The Roster view: the years of its rows shown, not the scenario's behind it.
    let roster_years = roster
        .filter(|_| app.view == View::Roster)
        .map(|v| v.totals.summary.years.keys().copied().collect::<Vec<u16>>());
    let year_text = match roster_years.as_deref() {
        Some([year]) => match app.rules.year(*year) {
            Some(rules) => format!("PY{year} → pays {}", rules.payment_year),
            None => format!("PY{year}"),
        },
        Some([first, .., last]) => format!("PY{first}–{last}"),
        Some([]) => "no rows shown".to_string(),
        None => format!(
            "PY{} → pays {}",
            s.performance_year,
            app.year_rules().payment_year
        ),
    };
    let mut tail: Vec<(String, Style)> = vec![
        (" │ ".into(), theme.dim),
        (year_text, theme.base),
        (" │ ".into(), theme.dim),
        (
            file,
            if app.file.is_some() || roster_line.is_some() {
                theme.base
            } else {
                theme.dim
            },
        ),
    ];
    if app.is_modified() || roster_line.as_ref().is_some_and(|(_, m)| *m) {
        tail.push((" ● modified".into(), theme.warning));
    }
    if app.baseline.is_some() {
        tail.push((" │ ".into(), theme.dim));
        tail.push(("◆ baseline".into(), theme.info));
    }
    let head = " mips-whatif ";
    let used: usize =
        head.chars().count() + 1 + tail.iter().map(|(t, _)| t.chars().count()).sum::<usize>();
    if View::tabs(app.roster.is_some()).len() > 1 {
        // Every tab when they fit beside a readable name; otherwise the open view and how to
        // move on (the help lists every view and its key).
        let full = view_tabs(app, theme);
        let full_w: usize = full.iter().map(|(t, _)| t.chars().count()).sum();
        if used + full_w + 20 <= width {
            tail.extend(full);
        } else {
            let at = View::tabs(app.roster.is_some())
                .iter()
                .position(|v| *v == app.view)
                .unwrap_or(0)
                + 1;
            tail.push((" │ ".into(), theme.dim));
            tail.push((
                format!("[F{} {}]", app.view.function_key(), app.view.label()),
                theme.focus,
            ));
            tail.push((
                format!(" {at}/{} v next", View::tabs(app.roster.is_some()).len()),
                theme.dim,
            ));
        }
    }
    let tail_w: usize = tail.iter().map(|(t, _)| t.chars().count()).sum();
    let name = if app.view == View::Roster && roster.is_some() {
        "Roster".to_string()
    } else {
        s.name.clone().unwrap_or_else(|| "Untitled scenario".into())
    };
    let room = width.saturating_sub(head.chars().count() + 1 + tail_w);
    let mut spans = vec![Span::styled(head, theme.key), Span::raw(" ")];
    if room >= 8 {
        let shown = if name.chars().count() > room {
            fit(&name, room)
        } else {
            name
        };
        spans.push(Span::styled(shown, theme.title));
    }
    spans.extend(tail.into_iter().map(|(t, st)| Span::styled(t, st)));
    super::text::set_line(buf, area.x, area.y, &Line::from(spans), area.width);
}

/// One tab per view; the open one in brackets and reverse video (not colour alone).
fn view_tabs(app: &App, theme: &Theme) -> Vec<(String, Style)> {
    let mut tabs = vec![(" │".to_string(), theme.dim)];
    for v in View::tabs(app.roster.is_some()) {
        if *v == app.view {
            tabs.push((
                format!(" [F{} {}]", v.function_key(), v.label()),
                theme.focus,
            ));
        } else {
            tabs.push((format!(" F{} {}", v.function_key(), v.label()), theme.dim));
        }
    }
    tabs
}
