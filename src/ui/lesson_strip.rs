//! The presenter strip of a lesson: where the lesson is, the step's talking points (numbers
//! filled in from the step's own scenario), the question once asked and its answer, and a
//! warning when the trainer is off the script or the rules no longer give what the lesson
//! expects. Hidden with `p`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::{Theme, put_lines, wrap_text};
use crate::app::App;
use crate::teaching::lesson::{Revealed, fill};

/// The most rows the strip takes.
const MAX_ROWS: u16 = 10;

/// The strip's lines for a width (without its top border).
fn lines(app: &App, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let Some(session) = &app.lesson else {
        return Vec::new();
    };
    let step = session.player.step();
    let Some(year) = app.rules.year(step.scenario.performance_year) else {
        return Vec::new();
    };
    let r = &session.script_result;
    let mut out: Vec<Line> = Vec::new();
    for m in &session.mismatches {
        for l in wrap_text(
            &format!("⚠ Written for other rules: {m} (the screen shows the rules)"),
            width,
        ) {
            out.push(Line::from(Span::styled(l, theme.warning)));
        }
    }
    if app.off_script() {
        out.push(Line::from(Span::styled(
            format!(
                "✎ Off the script: your edits are on screen; r puts step {}'s scenario back",
                session.player.index() + 1
            ),
            theme.warning,
        )));
    }
    for p in &step.talking_points {
        for (i, l) in wrap_text(&fill(p, r, year), width.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let bullet = if i == 0 { "• " } else { "  " };
            out.push(Line::from(Span::raw(format!("{bullet}{l}"))));
        }
    }
    match session.player.revealed() {
        Revealed::Nothing => out.push(Line::from(Span::styled("i: ask the room", theme.dim))),
        shown => {
            for l in wrap_text(&format!("? {}", fill(&step.question, r, year)), width) {
                out.push(Line::from(Span::styled(l, theme.heading)));
            }
            match (&step.answer, shown) {
                (Some(a), Revealed::Answer) => {
                    for l in wrap_text(&format!("→ {}", fill(a, r, year)), width) {
                        out.push(Line::from(Span::styled(l, theme.value)));
                    }
                }
                (Some(_), _) => out.push(Line::from(Span::styled("i: show the answer", theme.dim))),
                (None, _) => {}
            }
        }
    }
    out
}

/// Rows the strip takes on a screen of `height` rows (0 when no lesson plays or it is
/// hidden), leaving at least `keep` rows for the rest.
pub fn height(app: &App, width: u16, height: u16, keep: u16) -> u16 {
    match &app.lesson {
        Some(s) if !s.strip_hidden => {
            let room = height.saturating_sub(keep);
            if room < 3 {
                return 0;
            }
            let theme = Theme::mono();
            let need = lines(app, width as usize, &theme).len() as u16 + 1;
            need.clamp(3, MAX_ROWS).min(room)
        }
        _ => 0,
    }
}

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let Some(session) = &app.lesson else {
        return;
    };
    let step = session.player.step();
    let title = format!(
        " {} · {} · {} ",
        session.player.lesson().title,
        session.player.position(),
        step.title
    );
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border_focus)
        .title(Span::styled(title, theme.title))
        .title(
            Line::from(vec![
                Span::styled(" n", theme.value),
                Span::styled("/", theme.dim),
                Span::styled("N", theme.value),
                Span::styled(" step  ", theme.dim),
                Span::styled("i", theme.value),
                Span::styled(" ask  ", theme.dim),
                Span::styled("p", theme.value),
                Span::styled(" hide ", theme.dim),
            ])
            .right_aligned(),
        );
    let inner = block.inner(area);
    block.render(area, buf);
    let mut shown = lines(app, inner.width as usize, theme);
    let rows = inner.height as usize;
    if shown.len() > rows && rows > 0 {
        shown.truncate(rows - 1);
        shown.push(Line::from(Span::styled(
            "… more talking points: enlarge the terminal",
            theme.dim,
        )));
    }
    put_lines(buf, inner, &shown);
}
