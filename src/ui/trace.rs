//! The rule trace: each step of the computation with its confidence, so "why the number is
//! what it is" is one key away (t).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::{Theme, wrap_text};
use crate::app::App;
use crate::engine::StepKind;
use crate::rules::Confidence;

/// How much a step's details matter when not all fit (0 first); None: title only.
fn detail_rank(step: StepKind) -> Option<u8> {
    Some(match step {
        StepKind::Weights => 0,
        StepKind::Band => 1,
        StepKind::Adjustment => 2,
        StepKind::Cap => 3,
        StepKind::Categories => 4,
        StepKind::ExceptionalBonus => 5,
        StepKind::Bonuses => 6,
        StepKind::Contributions => 7,
        StepKind::Pathway => 8,
        StepKind::Dollars => 9,
        StepKind::Year => 10,
        StepKind::SpecialStatus | StepKind::Measures(_) => return None,
    })
}

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
    // The first step of each kind, most important kind first.
    let mut order: Vec<(u8, usize)> = Vec::new();
    for (i, s) in steps.iter().enumerate() {
        if let Some(rank) = detail_rank(s.step)
            && !order.iter().any(|(r, _)| *r == rank)
        {
            order.push((rank, i));
        }
    }
    order.sort_unstable();
    for (_, i) in order {
        if used + details[i].len() <= height {
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
