//! The bottom line: the transient message (if any), then the keys that work right now.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Theme;
use crate::app::hints::hints;
use crate::app::{App, Level};

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let width = area.width as usize;
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 0usize;
    if let Some(m) = &app.status {
        let (glyph, style) = match m.level {
            Level::Info => ("•", theme.info),
            Level::Warning => ("!", theme.warning),
            Level::Error => ("✗", theme.error),
        };
        let text = format!(" {glyph} {} ", m.text);
        used += text.chars().count();
        spans.push(Span::styled(text, style));
    }
    // Hints fill what is left, in order of importance; "? help" keeps its place at the end
    // whenever anything fits.
    let all = hints(app);
    let help_w = all
        .iter()
        .find(|(k, _)| k == "?")
        .map_or(0, |(k, a)| k.chars().count() + a.chars().count() + 3);
    let mut chosen = Vec::new();
    for (key, action) in &all {
        if key == "?" {
            continue;
        }
        let piece = key.chars().count() + action.chars().count() + 3;
        if used + piece + help_w > width {
            break;
        }
        chosen.push((key.clone(), action.clone()));
        used += piece;
    }
    if let Some((k, a)) = all.iter().find(|(k, _)| k == "?")
        && used + help_w <= width
    {
        chosen.push((k.clone(), a.clone()));
    }
    for (key, action) in chosen {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {action} "), theme.dim));
    }
    super::text::set_line(buf, area.x, area.y, &Line::from(spans), area.width);
}
