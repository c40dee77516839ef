//! The help overlay: every key, from the keymap table that dispatch and the status bar use.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Theme, fit, wrap_text};
use crate::app::View;
use crate::app::keymap::help_groups;

/// The help text as lines for a width: only the keys matching `search` when one is given.
fn lines(theme: &Theme, width: usize, search: &str) -> Vec<Line<'static>> {
    let needle = search.trim().to_lowercase();
    let matches = |label: &str, text: &str| {
        needle.is_empty()
            || label.to_lowercase().contains(&needle)
            || text.to_lowercase().contains(&needle)
    };
    let groups: Vec<_> = help_groups()
        .into_iter()
        .map(|(g, lines)| {
            let kept: Vec<_> = lines
                .into_iter()
                .filter(|k| matches(k.label, k.help))
                .collect();
            (g, kept)
        })
        .filter(|(_, lines)| !lines.is_empty())
        .collect();
    let key_w = groups
        .iter()
        .flat_map(|(_, lines)| lines.iter())
        .map(|k| k.label.chars().count())
        .max()
        .unwrap_or(10)
        .min(width / 2);
    let action_w = width.saturating_sub(key_w + 3).max(10);
    let mut out = Vec::new();
    if !needle.is_empty() && groups.is_empty() {
        out.push(Line::from(Span::styled(
            format!("No key matches “{}”", search.trim()),
            theme.dim,
        )));
    }
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
    if !needle.is_empty() {
        return out;
    }
    out.push(Line::raw(""));
    out.push(Line::from(Span::styled("Views", theme.heading)));
    for v in View::tabs(true) {
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

pub fn render(
    frame: &mut Frame,
    area: Rect,
    scroll: u16,
    search: &str,
    searching: bool,
    theme: &Theme,
) {
    let w = area.width.saturating_sub(4).min(92);
    let inner_w = w.saturating_sub(2) as usize;
    let mut content = Vec::new();
    if searching || !search.is_empty() {
        content.push(Line::from(vec![
            Span::styled("Search: ", theme.heading),
            Span::styled(
                format!("{search}{}", if searching { "▏" } else { "" }),
                theme.value,
            ),
            Span::styled(
                if searching {
                    "  (Enter keeps, Esc clears)"
                } else {
                    "  (/ searches again)"
                },
                theme.dim,
            ),
        ]));
        content.push(Line::raw(""));
    }
    content.extend(lines(theme, inner_w, search));
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
        .title(Span::styled(
            " Keys — / searches, Esc or ? closes ",
            theme.title,
        ))
        .title_bottom(Span::styled(more, theme.dim));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(content).block(block).scroll((scroll, 0)),
        rect,
    );
}
