//! The top line: product, scenario name, year, file and its state, baseline. The name gives
//! way first when the line is too narrow.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Theme, fit};
use crate::app::{App, View};

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let s = &app.scenario;
    let width = area.width as usize;
    let file = match &app.file {
        Some(p) => p.display().to_string(),
        None => "unsaved".to_string(),
    };
    let mut tail: Vec<(String, Style)> = vec![
        (" │ ".into(), theme.dim),
        (
            format!("PY{} → pays {}", s.performance_year, s.performance_year + 2),
            theme.base,
        ),
        (" │ ".into(), theme.dim),
        (
            file,
            if app.file.is_some() {
                theme.base
            } else {
                theme.dim
            },
        ),
    ];
    if app.is_modified() {
        tail.push((" ● modified".into(), theme.warning));
    }
    if app.baseline.is_some() {
        tail.push((" │ ".into(), theme.dim));
        tail.push(("◆ baseline".into(), theme.info));
    }
    if View::ALL.len() > 1 {
        tail.push((" │".into(), theme.dim));
        for v in View::ALL {
            let tab = format!(" F{} {} ", v.function_key(), v.label());
            // The open view is marked by reverse video and brackets, not colour alone.
            if *v == app.view {
                tail.push((format!("[{}]", tab.trim()), theme.focus));
            } else {
                tail.push((tab, theme.dim));
            }
        }
    }
    let head = " mips-whatif ";
    let tail_w: usize = tail.iter().map(|(t, _)| t.chars().count()).sum();
    let name = s.name.clone().unwrap_or_else(|| "Untitled scenario".into());
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
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}
