//! Drawing the explorer: a pure function of the state ([`draw`]), one module per panel.
//!
//! The screen: a title line; the inputs panel on the left; on the right the results and,
//! below them (or beside them on wide screens), the national band chart or the rule trace;
//! a status line at the bottom. Overlays (help, file dialogs) draw over it. The layout is a
//! function of the terminal size and the state ([`layout`]), so the mouse hit-test uses the
//! very rectangles that were drawn.

pub mod band_chart;
pub mod big_digits;
pub mod compare;
pub mod dialogs;
pub mod help;
pub mod inputs;
pub mod lesson_strip;
pub mod measures;
pub mod national;
pub mod presentation;
pub mod results;
pub mod roster;
pub mod rules_timeline;
pub mod sensitivity;
pub mod status_bar;
pub mod text;
pub mod theme;
pub mod title_bar;
pub mod trace;
pub mod walkthrough;
pub mod year_changes;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub use theme::Theme;

use crate::app::Purpose;
use crate::app::{App, Field, Overlay, View};

/// Below this size the explorer shows a short "enlarge the terminal" message instead.
pub const MIN_WIDTH: u16 = 72;
pub const MIN_HEIGHT: u16 = 18;
/// Width of the inputs panel.
pub const INPUTS_WIDTH: u16 = 42;
/// The chart needs this many rows (borders included) or it is hidden.
pub const CHART_MIN_HEIGHT: u16 = 12;
/// The right side is wide enough to put results and chart side by side.
const SIDE_BY_SIDE_WIDTH: u16 = 130;
/// Width of the results column when side by side.
const RESULTS_SIDE_WIDTH: u16 = 72;
/// Rows the rule trace needs to be worth showing.
const TRACE_MIN_HEIGHT: u16 = 8;

/// Where each panel goes on the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScreenLayout {
    pub title: Rect,
    pub inputs: Rect,
    /// Everything right of the inputs: the area a view other than Results draws in.
    pub right: Rect,
    pub results: Rect,
    /// The national band chart, when there is room (and the trace does not take its place).
    pub chart: Option<Rect>,
    /// The rule trace, when shown.
    pub trace: Option<Rect>,
    pub status: Rect,
    /// A lesson's presenter strip, above the status bar, when one plays.
    pub strip: Option<Rect>,
    /// The chart did not fit and is hidden (the results say so).
    pub chart_hidden: bool,
}

/// The layout for a screen area, or None when the area is below the minimum size.
///
/// Degrades step by step: on a wide screen results and chart sit side by side; on a
/// medium one the chart goes under the results; when the height runs out the chart is hidden
/// first; below the minimum size nothing but a message is drawn.
pub fn layout(area: Rect, app: &App) -> Option<ScreenLayout> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let title = Rect::new(area.x, area.y, area.width, 1);
    let status = Rect::new(area.x, area.bottom() - 1, area.width, 1);
    // A lesson's presenter strip takes what the body can spare.
    let strip_h = lesson_strip::height(app, area.width, area.height, MIN_HEIGHT);
    let strip =
        (strip_h > 0).then(|| Rect::new(area.x, area.bottom() - 1 - strip_h, area.width, strip_h));
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 2 - strip_h);
    let inputs_w = if area.width >= 100 {
        INPUTS_WIDTH
    } else {
        INPUTS_WIDTH - 2
    };
    let inputs = Rect::new(body.x, body.y, inputs_w, body.height);
    let right = Rect::new(
        body.x + inputs_w,
        body.y,
        body.width - inputs_w,
        body.height,
    );
    let mut l = ScreenLayout {
        title,
        inputs,
        right,
        results: right,
        chart: None,
        trace: None,
        status,
        strip,
        chart_hidden: false,
    };
    // Only the Results view splits the right side (the others draw on all of it).
    if app.view != View::Results {
        return Some(l);
    }

    if right.width >= SIDE_BY_SIDE_WIDTH {
        // Results column, and a tall chart beside it; the trace goes under the results.
        let column = Rect::new(right.x, right.y, RESULTS_SIDE_WIDTH, right.height);
        let chart = Rect::new(
            right.x + RESULTS_SIDE_WIDTH,
            right.y,
            right.width - RESULTS_SIDE_WIDTH,
            right.height,
        );
        l.results = column;
        l.chart = Some(chart);
        if app.show_trace {
            let need = results::height_needed(app, column.width).min(column.height);
            if column.height - need >= TRACE_MIN_HEIGHT {
                l.results = Rect::new(column.x, column.y, column.width, need);
                l.trace = Some(Rect::new(
                    column.x,
                    column.y + need,
                    column.width,
                    column.height - need,
                ));
            } else {
                l.chart = None;
                l.trace = Some(chart);
            }
        }
        return Some(l);
    }

    let need = results::height_needed(app, right.width).min(right.height);
    let rest = right.height - need;
    let under = |h: u16| Rect::new(right.x, right.y + right.height - h, right.width, h);
    if app.show_trace {
        if rest >= TRACE_MIN_HEIGHT {
            l.results = Rect::new(right.x, right.y, right.width, need);
            l.trace = Some(under(rest));
        } else if right.height >= 2 * TRACE_MIN_HEIGHT {
            let half = right.height / 2;
            l.results = Rect::new(right.x, right.y, right.width, half);
            l.trace = Some(under(right.height - half));
        }
    } else if rest >= CHART_MIN_HEIGHT {
        l.results = Rect::new(right.x, right.y, right.width, need);
        l.chart = Some(under(rest));
    } else {
        l.chart_hidden = true;
    }
    Some(l)
}

/// Draw the whole screen from the state.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let Some(l) = layout(area, app) else {
        draw_too_small(frame, area, theme);
        return;
    };
    let buf = frame.buffer_mut();
    title_bar::render(buf, l.title, app, theme);
    if !matches!(app.view, View::Presentation | View::Measures | View::Roster) {
        inputs::render(buf, l.inputs, app, theme);
    }
    match app.view {
        View::Results => {
            results::render(buf, l.results, app, theme, l.chart_hidden);
            if let Some(r) = l.chart {
                band_chart::render(buf, r, app, theme);
            }
            if let Some(r) = l.trace {
                trace::render(buf, r, app, theme);
            }
        }
        View::Compare => compare::render(buf, l.right, app, theme),
        View::National => national::render(buf, l.right, app, theme),
        View::Walkthrough => walkthrough::render(buf, l.right, app, theme),
        View::Presentation => {
            // The whole body: no inputs panel.
            let body = Rect::new(l.inputs.x, l.inputs.y, area.width, l.inputs.height);
            presentation::render(buf, body, app, theme);
        }
        View::Sensitivity => sensitivity::render(buf, l.right, app, theme),
        View::Measures => {
            // The whole body: the table needs the width the inputs would take.
            let body = Rect::new(l.inputs.x, l.inputs.y, area.width, l.inputs.height);
            measures::render(buf, body, app, theme);
        }
        View::Roster => {
            // The whole body: the table needs the width the inputs would take.
            let body = Rect::new(l.inputs.x, l.inputs.y, area.width, l.inputs.height);
            roster::render(buf, body, app, theme);
        }
        View::Rules => rules_timeline::render(
            buf,
            l.right,
            &app.rules_view.timeline,
            app.scenario().performance_year,
            app.rules_year(),
            theme,
        ),
        View::Changes => {
            let data = app.rules_view.changes.as_ref();
            year_changes::render(
                buf,
                l.right,
                app.rules_year(),
                data.and_then(|d| d.changes.as_ref()),
                data.and_then(|d| d.side.as_ref()),
                theme,
            )
        }
    }
    if let Some(r) = l.strip {
        lesson_strip::render(buf, r, app, theme);
    }
    status_bar::render(buf, l.status, app, theme);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Help {
            scroll,
            search,
            searching,
        } => help::render(frame, area, *scroll, search, *searching, theme),
        Overlay::Name(d) if matches!(d.purpose, Purpose::RosterYear { .. }) => {
            dialogs::render_roster_year(frame, area, d, app.roster_year_file(), theme)
        }
        Overlay::Name(d) => dialogs::render_name(
            frame,
            area,
            d,
            app.compare_columns().len(),
            &app.session.report,
            theme,
        ),
        Overlay::Replace { purpose, path, .. } => {
            dialogs::render_replace(frame, area, *purpose, path, theme)
        }
        Overlay::Open(d) => dialogs::render_open(frame, area, d, theme),
        Overlay::FileError { path, text } => {
            dialogs::render_file_error(frame, area, path, text, theme)
        }
        Overlay::QuitGuard { unsaved } => dialogs::render_quit_guard(frame, area, unsaved, theme),
        Overlay::Question(q) => dialogs::render_question(frame, area, q, theme),
    }
}

fn draw_too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = vec![
        Line::from(Span::styled("Enlarge the terminal", theme.title)),
        Line::from(format!(
            "need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
            area.width, area.height
        )),
        Line::from(Span::styled("q quits", theme.dim)),
    ];
    let h = (text.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(h) / 2;
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        Rect::new(area.x, y, area.width, h),
    );
}

/// The field drawn at a screen cell, if any (for mouse clicks and the wheel).
pub fn field_at(app: &App, area: Rect, column: u16, row: u16) -> Option<Field> {
    let l = layout(area, app)?;
    if matches!(app.view, View::Presentation | View::Measures | View::Roster) {
        return None;
    }
    inputs::field_rows(app, l.inputs)
        .into_iter()
        .find(|(r, _)| r.contains(ratatui::layout::Position::new(column, row)))
        .map(|(_, f)| f)
}

/// Write lines top to bottom into an area, each cut at its width (a light Paragraph without
/// wrapping: the lines are already wrapped where they need to be).
pub fn put_lines(buf: &mut ratatui::buffer::Buffer, area: Rect, lines: &[Line]) {
    for (i, line) in lines.iter().take(area.height as usize).enumerate() {
        text::set_line(buf, area.x, area.y + i as u16, line, area.width);
    }
}

/// Pad or cut a string to exactly `width` display columns (ASCII-safe and char-safe).
pub fn fit(s: &str, width: usize) -> String {
    let mut out = String::with_capacity(width);
    let mut n = 0;
    for ch in s.chars() {
        if n == width {
            break;
        }
        out.push(ch);
        n += 1;
    }
    if n == width && s.chars().count() > width && width > 0 {
        out.pop();
        out.push('…');
    }
    while n < width {
        out.push(' ');
        n += 1;
    }
    out
}

/// Cut a string to at most `width` display columns, ending in … when cut; unlike [`fit`] no
/// padding, for text drawn on cells already blank whose style does not show on a space.
pub fn cut(s: &str, width: usize) -> String {
    match s.char_indices().nth(width) {
        None => s.to_string(),
        Some(_) if width == 0 => String::new(),
        Some(_) => {
            let end = s.char_indices().nth(width - 1).map_or(s.len(), |(i, _)| i);
            let mut out = String::with_capacity(end + 3);
            out.push_str(&s[..end]);
            out.push('…');
            out
        }
    }
}

/// Greedy word wrap to `width` columns (words longer than a line are cut).
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    for word in text.split_whitespace() {
        let wlen = word.chars().count();
        if len > 0 && len + 1 + wlen > width {
            lines.push(std::mem::take(&mut line));
            len = 0;
        }
        if len > 0 {
            line.push(' ');
            len += 1;
        }
        if wlen > width {
            // Cut a long word (a path) into pieces.
            let mut rest: Vec<char> = word.chars().collect();
            while len + rest.len() > width {
                let take = width - len;
                line.extend(rest.drain(..take));
                lines.push(std::mem::take(&mut line));
                len = 0;
            }
            len += rest.len();
            line.extend(rest);
        } else {
            line.push_str(word);
            len += wlen;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_words_and_cuts_long_ones() {
        assert_eq!(wrap_text("a bb ccc", 4), vec!["a bb", "ccc"]);
        assert_eq!(wrap_text("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap_text("", 4), vec![""]);
    }

    #[test]
    fn fits_to_width() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("é", 2), "é ");
    }
}
