//! The inputs panel: every editable field, grouped, with the focused one highlighted (glyph
//! and reverse video), values the rules ignore marked ⊘, and below the list a note on the
//! focused field: what it does now, or why it does nothing, or why a typed value is invalid.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::text::set_text;
use super::{Theme, fit, wrap_text};
use crate::app::field::{Kind, choice_text, choices, current_choice};
use crate::app::{App, Field, Section, field_note, is_ignored};
use crate::format::{dollars, number};

/// One line of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Heading(Section),
    Field(Field),
}

const LABEL_WIDTH: usize = 18;

/// The list's rows: a heading before each section's first field.
pub fn rows(app: &App) -> Vec<Row> {
    let mut out = Vec::with_capacity(22);
    let mut last: Option<Section> = None;
    for f in app.fields() {
        if last != Some(f.section()) {
            out.push(Row::Heading(f.section()));
            last = Some(f.section());
        }
        out.push(Row::Field(f));
    }
    out
}

/// The list area, the note area and the first row shown (the list scrolls to keep the
/// focused field in view).
struct Parts {
    list: Rect,
    note: Rect,
    offset: usize,
    rows: Vec<Row>,
}

fn parts(app: &App, area: Rect) -> Parts {
    let inner = Block::default().borders(Borders::ALL).inner(area);
    let note_h = if inner.height >= 24 {
        6
    } else if inner.height >= 16 {
        5
    } else {
        4
    }
    .min(inner.height);
    let list = Rect::new(inner.x, inner.y, inner.width, inner.height - note_h);
    let note = Rect::new(inner.x, list.bottom(), inner.width, note_h);
    let rows = rows(app);
    let focus_at = rows
        .iter()
        .position(|r| *r == Row::Field(app.focus))
        .unwrap_or(0);
    let visible = list.height as usize;
    let offset = if visible == 0 || focus_at < visible {
        0
    } else {
        focus_at + 1 - visible
    };
    Parts {
        list,
        note,
        offset,
        rows,
    }
}

/// The screen row of each visible field (for the mouse).
pub fn field_rows(app: &App, area: Rect) -> Vec<(Rect, Field)> {
    let p = parts(app, area);
    p.rows
        .iter()
        .skip(p.offset)
        .take(p.list.height as usize)
        .enumerate()
        .filter_map(|(i, r)| match r {
            Row::Field(f) => Some((
                Rect::new(p.list.x, p.list.y + i as u16, p.list.width, 1),
                *f,
            )),
            Row::Heading(_) => None,
        })
        .collect()
}

pub fn render(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    super::text::bordered(
        buf,
        area,
        theme.border_focus,
        Some(Line::from(Span::styled(" Inputs ", theme.title))),
        None,
    );
    let p = parts(app, area);
    let width = p.list.width as usize;
    let shown: Vec<&Row> = p
        .rows
        .iter()
        .skip(p.offset)
        .take(p.list.height as usize)
        .collect();
    for (i, row) in shown.iter().enumerate() {
        let y = p.list.y + i as u16;
        match row {
            Row::Heading(s) => {
                set_text(buf, p.list.x, y, s.title(), width, theme.heading);
            }
            Row::Field(f) => {
                draw_field_row(buf, Rect::new(p.list.x, y, p.list.width, 1), app, *f, theme)
            }
        }
    }
    // Scroll hints on the border.
    let more_above = p.offset > 0;
    let more_below = p.offset + shown.len() < p.rows.len();
    if more_above {
        buf.set_string(area.right() - 3, area.y, "▲", theme.dim);
    }
    if more_below {
        buf.set_string(area.right() - 3, area.bottom() - 1, "▼", theme.dim);
    }
    render_note(buf, p.note, app, theme);
}

/// One field: "▶ Label              value            ⊘". Each part is written at its column
/// (no padding text: the row style fills the row), which keeps drawing cheap.
fn draw_field_row(buf: &mut Buffer, row: Rect, app: &App, f: Field, theme: &Theme) {
    let width = row.width as usize;
    let focused = app.focus == f;
    let editing = app.edit.as_ref().filter(|e| e.field == f);
    let ignored = is_ignored(app, f);
    let value_w = width.saturating_sub(2 + LABEL_WIDTH + 1 + 1);
    let (value, value_style) = match editing {
        Some(e) => {
            let style = if e.error.is_some() {
                theme.error
            } else {
                theme.value
            };
            (format!("{}▏", e.text), style)
        }
        None => {
            let style = if ignored { theme.ignored } else { theme.value };
            (value_text(app, f), style)
        }
    };
    let badge = if editing.is_some_and(|e| e.error.is_some()) {
        "✗"
    } else if ignored {
        "⊘"
    } else {
        ""
    };
    let row_style = if focused { theme.focus } else { theme.base };
    // A field the lesson's step just changed: `*` beside it, its value underlined.
    let changed = app.lesson.is_some() && app.lesson_changed_fields().contains(&f);
    let value_style = if changed {
        value_style.add_modifier(ratatui::style::Modifier::UNDERLINED)
    } else {
        value_style
    };
    let value_style = if focused {
        theme.focus.patch(value_style)
    } else {
        value_style
    };
    buf.set_style(row, row_style);
    if focused {
        buf.set_string(row.x, row.y, "▶", row_style);
    }
    if changed {
        buf.set_string(row.x + 1, row.y, "*", row_style.patch(theme.value));
    }
    let label_style = if focused { theme.focus } else { theme.label };
    set_text(
        buf,
        row.x + 2,
        row.y,
        f.label(),
        LABEL_WIDTH.min(width.saturating_sub(2)),
        label_style,
    );
    if value_w > 0 {
        let shown = cut(&value, value_w);
        set_text(
            buf,
            row.x + 2 + LABEL_WIDTH as u16 + 1,
            row.y,
            &shown,
            value_w,
            value_style,
        );
    }
    if !badge.is_empty() && width > 0 {
        buf.set_string(row.right() - 1, row.y, badge, row_style);
    }
}

/// A string cut to `width` characters (with … when cut), not padded.
fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        fit(s, width)
    }
}

/// The value of a field as the list shows it.
pub fn value_text(app: &App, f: Field) -> String {
    let s = app.scenario();
    let year = app.year_rules();
    match f.kind() {
        Kind::Toggle => {
            let on = f.get_toggle(s);
            match (f, on) {
                (Field::Reporting, true) => "[x] reporting".into(),
                (Field::Reporting, false) => "[ ] no (non-rep)".into(),
                (_, true) => "[x] yes".into(),
                (_, false) => "[ ] no".into(),
            }
        }
        Kind::Choice => {
            let options = choices(f, s, year);
            let Some(cur) = current_choice(f, s) else {
                return String::new();
            };
            let at = options.iter().position(|o| *o == cur).unwrap_or(0);
            let left = if at > 0 { "‹ " } else { "  " };
            let right = if at + 1 < options.len() { " ›" } else { "  " };
            format!("{left}{}{right}", choice_text(cur, year))
        }
        Kind::Number => match f {
            Field::Score(_) => match f.get_number(s) {
                Some(v) => number(v),
                None => "— not scored".into(),
            },
            Field::ComplexPatientBonus => format!(
                "{}  (max {})",
                number(s.complex_patient_bonus),
                number(year.complex_patient_bonus_max.value)
            ),
            Field::PerformanceYear => {
                format!("{} → pays {}", s.performance_year, year.payment_year)
            }
            Field::Clinicians => format!(
                "{}  {}",
                s.practice.clinicians,
                match s.practice.size_label() {
                    "solo" => "solo · small",
                    "small" => "small",
                    _ => "large",
                }
            ),
            Field::PartBCharges => match s.practice.part_b_allowed_charges {
                Some(v) => dollars(v),
                None => "— none".into(),
            },
            Field::MaxPositive => match s.assumptions.max_positive_adjustment {
                Some(v) => format!("{}%  assumed", number(v)),
                None => {
                    let d = year.default_max_positive();
                    if year.max_positive_adjustment.is_some() {
                        format!(
                            "{}%  {}",
                            number(d.value),
                            year.max_positive_basis.short_label()
                        )
                    } else {
                        format!("{}%  default", number(d.value))
                    }
                }
            },
            Field::ExceptionalBonusMax => match s.assumptions.exceptional_bonus_max {
                Some(v) => format!("{}%  assumed", number(v)),
                None => match &year.exceptional_bonus {
                    Some(e) => format!(
                        "{}%  {}",
                        number(e.max_at_100.value),
                        year.max_positive_basis.short_label()
                    ),
                    None => "—".into(),
                },
            },
            _ => String::new(),
        },
    }
}

/// The note under the list: a typing error first, then what the focused field means now.
fn render_note(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let width = area.width as usize;
    set_text(
        buf,
        area.x,
        area.y,
        &"─".repeat(width),
        usize::MAX,
        theme.border,
    );
    let mut lines: Vec<Line> = Vec::new();
    if let Some(e) = app.edit.as_ref().filter(|e| e.field == app.focus) {
        if let Some(err) = &e.error {
            for (i, l) in wrap_text(
                &format!("✗ {err}. The result stays at the last valid value."),
                width,
            )
            .into_iter()
            .enumerate()
            {
                let _ = i;
                lines.push(Line::from(Span::styled(l, theme.error)));
            }
        } else if e.incomplete {
            let range = app
                .focus
                .input_bounds(app.year_rules(), app.years)
                .map(|s| s.bounds_text(app.focus))
                .unwrap_or_default();
            lines.push(Line::from(Span::styled(
                format!("… keep typing ({range})"),
                theme.info,
            )));
        } else {
            lines.push(Line::from(Span::styled(
                "Typing: Enter keeps, Esc cancels",
                theme.info,
            )));
        }
    }
    let note = field_note(app, app.focus);
    let head = if note.ignored { "⊘ " } else { "" };
    for l in wrap_text(&format!("{head}{}", note.text), width) {
        lines.push(Line::from(Span::styled(
            l,
            if note.ignored {
                theme.warning
            } else {
                theme.dim
            },
        )));
    }
    let text_area = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    super::put_lines(buf, text_area, &lines);
}
