//! The rule trace: each step of the computation with its confidence, so "why the number is
//! what it is" is one key away (t).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::{Theme, wrap_text};
use crate::app::App;
use crate::rules::Confidence;

/// Which steps' details matter most when not all fit.
const PRIORITY: &[&str] = &[
    "weights",
    "band",
    "adjustment",
    "cap",
    "categories",
    "exceptional_bonus",
    "bonuses",
    "contributions",
    "pathway",
    "dollars",
    "year",
];

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(
            " Why: the rule trace (✓ confirmed  ~ likely  ? assumed) ",
            theme.title,
        ))
        .title_bottom(Line::from(vec![
            Span::styled(" t", theme.value),
            Span::styled(" hides ", theme.dim),
        ]));
    let inner = block.inner(area);
    block.render(area, buf);
    let width = inner.width as usize;
    if width < 8 {
        return;
    }
    let steps = &app.result().trace;
    let height = inner.height as usize;
    // Every step's title always shows; details are added by importance while they fit.
    let titles: Vec<Vec<String>> = steps
        .iter()
        .map(|step| {
            let tag = match step.confidence {
                Confidence::Confirmed => String::new(),
                c => format!(" [{}]", c.as_str().to_uppercase()),
            };
            let head = format!("{} {}{tag}", step.confidence.mark(), step.title);
            vec![super::fit(&head, width).trim_end().to_string()]
        })
        .collect();
    let details: Vec<Vec<String>> = steps
        .iter()
        .map(|step| {
            wrap_text(&step.detail, width.saturating_sub(2))
                .into_iter()
                .map(|l| format!("  {l}"))
                .collect()
        })
        .collect();
    let mut used = titles.len().min(height);
    let mut with_detail = vec![false; steps.len()];
    for id in PRIORITY {
        if let Some(i) = steps.iter().position(|s| s.step == *id)
            && used + details[i].len() <= height
        {
            with_detail[i] = true;
            used += details[i].len();
        }
    }
    let mut lines: Vec<Line> = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let title_style = if step.confidence == Confidence::Assumed {
            theme.warning
        } else {
            theme.value
        };
        for l in &titles[i] {
            lines.push(Line::from(Span::styled(l.clone(), title_style)));
        }
        if with_detail[i] {
            for l in &details[i] {
                lines.push(Line::from(Span::styled(l.clone(), theme.dim)));
            }
        }
    }
    if lines.len() > height && height > 0 {
        let hidden = lines.len() - height + 1;
        lines.truncate(height - 1);
        lines.push(Line::from(Span::styled(
            format!("… {hidden} more lines: enlarge the terminal"),
            theme.dim,
        )));
    }
    super::put_lines(buf, inner, &lines);
}
