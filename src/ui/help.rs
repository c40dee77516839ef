//! The help overlay: every key, from the keymap table that dispatch and the status bar use.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Theme, fit, wrap_text};
use crate::app::View;
use crate::app::keymap::help_groups;

/// The help text as lines for a width.
fn lines(theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let groups = help_groups();
    let key_w = groups
        .iter()
        .flat_map(|(_, lines)| lines.iter())
        .map(|k| k.label.chars().count())
        .max()
        .unwrap_or(10)
        .min(width / 2);
    let action_w = width.saturating_sub(key_w + 3).max(10);
    let mut out = Vec::new();
    for (i, (group, lines)) in groups.iter().enumerate() {
        if i > 0 {
            out.push(Line::raw(""));
        }
        out.push(Line::from(Span::styled(group.title(), theme.heading)));
        for k in lines {
            for (j, l) in wrap_text(k.help, action_w).into_iter().enumerate() {
                let key = if j == 0 {
                    fit(k.label, key_w)
                } else {
                    " ".repeat(key_w)
                };
                out.push(Line::from(vec![
                    Span::raw(" "),
                    Span::styled(key, theme.value),
                    Span::raw("  "),
                    Span::raw(l),
                ]));
            }
        }
    }
    out.push(Line::raw(""));
    out.push(Line::from(Span::styled("Views", theme.heading)));
    for v in View::ALL {
        let keys = format!("F{}  {}", v.function_key(), v.label());
        let text = v.description();
        for (j, l) in wrap_text(text, action_w).into_iter().enumerate() {
            let key = if j == 0 {
                fit(&keys, key_w)
            } else {
                " ".repeat(key_w)
            };
            out.push(Line::from(vec![
                Span::raw(" "),
                Span::styled(key, theme.value),
                Span::raw("  "),
                Span::raw(l),
            ]));
        }
    }
    out.push(Line::raw(""));
    for l in wrap_text(
        "Scores are percents 0–100; “not scored” (reweighted) is not 0. Results follow every key; \
         ⊘ marks a value the rules ignore (the note under the inputs says why).",
        width,
    ) {
        out.push(Line::from(Span::styled(l, theme.dim)));
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, scroll: u16, theme: &Theme) {
    let w = area.width.saturating_sub(4).min(92);
    let inner_w = w.saturating_sub(2) as usize;
    let content = lines(theme, inner_w);
    let h = (content.len() as u16 + 2).min(area.height.saturating_sub(2));
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    let visible = h.saturating_sub(2);
    let max_scroll = (content.len() as u16).saturating_sub(visible);
    let scroll = scroll.min(max_scroll);
    let more = if scroll < max_scroll {
        " ↓ more "
    } else {
        ""
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(" Keys — Esc or ? closes ", theme.title))
        .title_bottom(Span::styled(more, theme.dim));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(content).block(block).scroll((scroll, 0)),
        rect,
    );
}
