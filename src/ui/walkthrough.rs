//! The walkthrough: the computation one rule at a time, for teaching. The engine's rule trace,
//! step by step (n / N): the steps already taken summarised in one line each, the current one
//! in full with what it means, its source and its confidence, and the running final score on
//! top. Nothing is recomputed here: every number is the engine's.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::theme::band_arrow;
use super::{Theme, fit, put_lines, wrap_text};
use crate::app::App;
use crate::engine::{StepKind, published_score};
use crate::format::two_decimals;

/// A short name for a kind of step, and what that step means, for the room.
pub fn step_meaning(step: StepKind) -> (&'static str, &'static str) {
    match step {
        StepKind::Year => (
            "The year's rules",
            "The performance year fixes the rules used: the performance threshold that separates a cut from an increase, and how large the adjustment two years later can be.",
        ),
        StepKind::Pathway => (
            "How the clinician is scored",
            "The way the clinician reports (traditional MIPS, an MVP, the APP) decides which weight table applies.",
        ),
        StepKind::Categories => (
            "Which categories are scored",
            "Only scored categories count. A category that is not scored is not a zero: its weight moves to the categories that are scored.",
        ),
        StepKind::SpecialStatus => (
            "Special status",
            "Small, rural, HPSA or non-patient-facing status changes which categories are scored and how they are credited, not the arithmetic that follows.",
        ),
        StepKind::Weights => (
            "Weights, and why",
            "Each scored category gets a share of the 100 points. The rules pick the shares from which categories are scored (Quality/Cost/IA/PI).",
        ),
        StepKind::Contributions => (
            "What each category adds",
            "Each category adds its score times its weight; the sum is the weighted score.",
        ),
        StepKind::Bonuses => (
            "Bonus points",
            "Bonus points are added on top of the weighted score, within each bonus's yearly maximum.",
        ),
        StepKind::Cap => (
            "Final score",
            "The final score is the weighted score plus bonuses, capped at 100, published to two decimals: that score sets the band, the adjustment and the dollars.",
        ),
        StepKind::Band => (
            "Adjustment band",
            "Where the final score falls against the performance threshold decides whether payments go down, stay level or go up.",
        ),
        StepKind::Adjustment => (
            "Adjustment formula",
            "A straight line between the band's ends turns the final score into a percent applied to Medicare Part B payments in the payment year.",
        ),
        StepKind::ExceptionalBonus => (
            "Exceptional performance bonus",
            "From PY2017 to PY2022 a separate bonus was paid on top to final scores at or above the additional performance threshold.",
        ),
        StepKind::Dollars => (
            "Dollars",
            "The adjustment percent applied to the Part B allowed charges: what the result is worth in money, assuming the same charges.",
        ),
        StepKind::Measures(_) => (
            "Built from measures",
            "The category's percent is worked out from its measures: each measure's points against its benchmark, bonuses and improvement, over the points possible.",
        ),
    }
}

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let r = app.result();
    let trace = &r.trace;
    let total = trace.len();
    let at = app.walkthrough_step();
    let title = if total == 0 {
        " Walkthrough ".to_string()
    } else {
        // Progress as filled and hollow marks, readable without colour.
        let marks: String = (0..total)
            .map(|i| if i <= at { '■' } else { '□' })
            .collect();
        format!(" Walkthrough — Step {} of {total} {marks} ", at + 1)
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(title, theme.title))
        .title_bottom(Line::from(vec![
            Span::styled(" n", theme.value),
            Span::styled(" next step  ", theme.dim),
            Span::styled("N", theme.value),
            Span::styled(" back  ", theme.dim),
            Span::styled("edits update it live ", theme.dim),
        ]));
    let inner = block.inner(area);
    block.render(area, buf);
    let width = inner.width as usize;
    if width < 10 || inner.height == 0 {
        return;
    }
    let Some(step) = trace.get(at) else {
        put_lines(
            buf,
            inner,
            &[Line::from(Span::styled(
                "No rule trace to step through.",
                theme.dim,
            ))],
        );
        return;
    };

    // The running result, always on top.
    let mut running_head = vec![
        Span::raw("Final score "),
        Span::styled(
            two_decimals(published_score(r.final_score)),
            theme.value.add_modifier(Modifier::BOLD),
        ),
        Span::raw("  "),
        Span::styled(
            format!(" {} {} ", band_arrow(r.band), r.band.label()),
            theme.band_badge(r.band),
        ),
    ];
    // Where the year's maximum is not published (PY2025+) the range is the figure.
    let u = &app.computed().uncertainty;
    let mut running_tail = vec![
        Span::styled(u.percent_text(), theme.value),
        Span::raw(format!(" in {}", r.payment_year)),
    ];
    if let Some(d) = u.dollars_text() {
        running_tail.push(Span::raw("  "));
        running_tail.push(Span::styled(d, theme.value));
    }
    let head_w = Line::from(running_head.clone()).width();
    let tail_w = Line::from(running_tail.clone()).width();
    // One line when it fits, else the adjustment goes on a second line.
    let running: Vec<Line> = if head_w + 2 + tail_w <= width {
        running_head.push(Span::raw("  "));
        running_head.extend(running_tail);
        vec![Line::from(running_head)]
    } else {
        vec![Line::from(running_head), Line::from(running_tail)]
    };

    // The current step, in full.
    let (kind, meaning) = step_meaning(step.step);
    let mut current: Vec<Line> = Vec::new();
    let counter = format!("▶ Step {} of {total} · ", at + 1);
    current.push(if counter.chars().count() + kind.chars().count() <= width {
        Line::from(vec![
            Span::styled(counter, theme.heading),
            Span::styled(kind, theme.heading),
        ])
    } else {
        // The counter is on the border too.
        Line::from(Span::styled(format!("▶ {kind}"), theme.heading))
    });
    for l in wrap_text(&step.title, width.saturating_sub(2)) {
        current.push(Line::from(Span::styled(
            format!("  {l}"),
            theme.value.add_modifier(Modifier::BOLD),
        )));
    }
    current.push(Line::default());
    for l in wrap_text(&step.detail, width.saturating_sub(2)) {
        current.push(Line::from(Span::raw(format!("  {l}"))));
    }
    if !meaning.is_empty() {
        current.push(Line::default());
        let text = format!("What this step means: {meaning}");
        for l in wrap_text(&text, width.saturating_sub(2)) {
            current.push(Line::from(Span::styled(format!("  {l}"), theme.info)));
        }
    }
    current.push(Line::default());
    current.push(Line::from(vec![
        Span::raw("  Confidence: "),
        Span::styled(
            format!(
                " {} {} ",
                step.confidence.mark(),
                step.confidence.as_str().to_uppercase()
            ),
            theme.confidence(step.confidence),
        ),
    ]));
    let source = format!("Source: {}", step.source);
    for l in wrap_text(&source, width.saturating_sub(2)) {
        current.push(Line::from(Span::styled(format!("  {l}"), theme.dim)));
    }
    // On the first step, the scenario file's own teaching notes (its header comment).
    if at == 0
        && let Some(notes) = &app.notes
    {
        current.push(Line::default());
        current.push(Line::from(Span::styled(
            "  About this scenario (from its file)",
            theme.heading,
        )));
        for paragraph in notes.lines() {
            for l in wrap_text(paragraph, width.saturating_sub(2)) {
                current.push(Line::from(Span::styled(format!("  {l}"), theme.info)));
            }
        }
    }

    // What comes next, as names only (the room finds out the numbers step by step).
    let next: Vec<&str> = trace[at + 1..]
        .iter()
        .map(|s| step_meaning(s.step).0)
        .collect();
    let next_line = if next.is_empty() {
        Line::from(Span::styled(
            "Last step: N goes back through the rules",
            theme.dim,
        ))
    } else {
        Line::from(Span::styled(
            fit(&format!("Next (n): {}", next.join(" → ")), width)
                .trim_end()
                .to_string(),
            theme.dim,
        ))
    };

    // Earlier steps: one line each, as many of the latest as fit.
    let height = inner.height as usize;
    let fixed = running.len() + 1 + current.len() + 2; // running line + blank, current, blank + next line
    let room = height.saturating_sub(fixed + 1);
    let earlier: Vec<Line> = trace[..at]
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let text = format!("{} {:>2}. {}", s.confidence.mark(), i + 1, s.title);
            Line::from(Span::styled(
                fit(&text, width).trim_end().to_string(),
                theme.dim,
            ))
        })
        .collect();
    let mut lines: Vec<Line> = running;
    lines.push(Line::default());
    if earlier.len() <= room {
        lines.extend(earlier);
    } else if room > 0 {
        let shown = room - 1;
        let hidden = earlier.len() - shown;
        lines.push(Line::from(Span::styled(
            format!(
                "… {hidden} earlier step{}",
                if hidden == 1 { "" } else { "s" }
            ),
            theme.dim,
        )));
        lines.extend(earlier.into_iter().skip(hidden));
    }
    if at > 0 && room > 0 {
        lines.push(Line::default());
    }
    lines.extend(current);
    lines.push(Line::default());
    lines.push(next_line);
    if lines.len() > height && height > 0 {
        lines.truncate(height - 1);
        lines.push(Line::from(Span::styled(
            "… more: enlarge the terminal",
            theme.dim,
        )));
    }
    put_lines(buf, inner, &lines);
}
