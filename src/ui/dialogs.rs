//! The file dialogs: save (a name, then a question before overwriting), open (a picker over
//! scenarios/ or a typed path), and the error shown when a file cannot be opened.

use std::path::Path;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Theme, fit, wrap_text};
use crate::app::{NamePrompt, OpenPicker, Purpose, ROSTERS_DIR, SCENARIOS_DIR};

fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2));
    let h = h.min(area.height.saturating_sub(2));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn popup(frame: &mut Frame, rect: Rect, title: &str, lines: Vec<Line<'static>>, theme: &Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(format!(" {title} "), theme.title));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// The end of a long input, so the cursor end stays visible.
fn tail(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n < width {
        s.to_string()
    } else {
        let skip = n + 2 - width;
        format!("…{}", s.chars().skip(skip).collect::<String>())
    }
}

fn render_save(frame: &mut Frame, area: Rect, d: &NamePrompt, theme: &Theme) {
    name_prompt(
        frame,
        area,
        "Save scenario",
        "Save the scenario as (a path; .toml is added if missing):",
        d,
        &[],
        "Enter saves · Esc cancels · Ctrl-U clears",
        theme,
    );
}

/// The file-name prompt for its purpose; `columns` is how many scenarios a report holds.
pub fn render_name(
    frame: &mut Frame,
    area: Rect,
    d: &NamePrompt,
    columns: usize,
    details: &crate::report::ReportDetails,
    theme: &Theme,
) {
    match d.purpose {
        Purpose::Save => render_save(frame, area, d, theme),
        Purpose::Roster => name_prompt(
            frame,
            area,
            "Save roster",
            "Save the roster (its rows with your edits, CMS's numbers and the results) as:",
            d,
            &[
                "The extension chooses the format: .csv or .xlsx.",
                "An existing file (the roster you opened too) is replaced only if you say so.",
            ],
            "Enter saves · Esc cancels · Ctrl-U clears · Tab completes",
            theme,
        ),
        Purpose::Export => render_export(frame, area, d, columns, details, theme),
        Purpose::Workspace => name_prompt(
            frame,
            area,
            "Save workspace",
            "Save the session (scenario, baseline, named columns, report details) as:",
            d,
            &["Scenario paths are written relative to the workspace's folder."],
            "Enter saves · Esc cancels · Ctrl-U clears",
            theme,
        ),
        Purpose::ColumnName(_) => text_prompt(
            frame,
            area,
            "Name the column",
            "The column's name in Compare and in reports:",
            d,
            theme,
        ),
        Purpose::ReportDetail(part) => text_prompt(
            frame,
            area,
            &format!("Report details ({} of 5)", part.position()),
            part.question(),
            d,
            theme,
        ),
        Purpose::JumpToField => text_prompt(
            frame,
            area,
            "Go to a field",
            "A field's name (or its start: “cost”, “pi”, “charges”, “year”):",
            d,
            theme,
        ),
        Purpose::ScenarioName => text_prompt(
            frame,
            area,
            "Name the scenario",
            "The scenario's name (saved in its file, shown in comparisons and reports):",
            d,
            theme,
        ),
        Purpose::RosterYear { .. } => render_roster_year(frame, area, d, None, theme),
    }
}

/// The performance year of a roster whose file gives none (`file`, when known).
pub fn render_roster_year(
    frame: &mut Frame,
    area: Rect,
    d: &NamePrompt,
    file: Option<&Path>,
    theme: &Theme,
) {
    let Purpose::RosterYear { first, last } = d.purpose else {
        return;
    };
    let rect = centered(area, 72, 9);
    let w = rect.width.saturating_sub(2) as usize;
    let about = match file {
        Some(f) => format!("{} has no year column, and its name no year.", f.display()),
        None => "The roster has no year column, and its name no year.".to_string(),
    };
    let mut lines = vec![
        Line::from(Span::styled(fit(&about, w), theme.dim)),
        Line::raw(""),
    ];
    lines.extend(question_lines(
        &format!("Performance year of this roster's rows ({first}–{last})?"),
        d,
        "Enter opens the roster · Esc cancels, nothing changed",
        w,
        theme,
    ));
    popup(frame, rect, "Open roster", lines, theme);
}

/// The question and what is typed (its end, with the cursor).
fn question_and_input(
    question: &str,
    d: &NamePrompt,
    w: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    vec![
        Line::raw(fit(question, w)),
        Line::from(vec![
            Span::styled("> ", theme.info),
            Span::styled(
                format!("{}▏", tail(&d.input, w.saturating_sub(3))),
                theme.value,
            ),
        ]),
    ]
}

/// A typed answer's lines: the question, what is typed, the error or a blank line, and the
/// keys.
fn question_lines(
    question: &str,
    d: &NamePrompt,
    keys: &str,
    w: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = question_and_input(question, d, w, theme);
    match &d.error {
        Some(e) => {
            for l in wrap_text(e, w) {
                lines.push(Line::from(Span::styled(l, theme.error)));
            }
        }
        None => lines.push(Line::raw("")),
    }
    lines.push(Line::from(Span::styled(keys.to_string(), theme.dim)));
    lines
}

/// "`path` already exists. Replace it?" for a purpose.
pub fn render_replace(frame: &mut Frame, area: Rect, purpose: Purpose, path: &Path, theme: &Theme) {
    let what = match purpose {
        Purpose::Save => "the current scenario",
        Purpose::Export => "the new report",
        Purpose::Workspace => "the session",
        Purpose::Roster => "the roster with your edits",
        Purpose::ColumnName(_)
        | Purpose::ScenarioName
        | Purpose::ReportDetail(_)
        | Purpose::JumpToField
        | Purpose::RosterYear { .. } => "the name",
    };
    confirm_replace(frame, area, path, what, theme);
}

/// A file-name prompt: the question, the name being typed, why it was refused (if it was),
/// notes, and the keys.
#[allow(clippy::too_many_arguments)]
fn name_prompt(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    question: &str,
    d: &NamePrompt,
    notes: &[&str],
    keys: &str,
    theme: &Theme,
) {
    let rect = centered(area, 72, 8 + notes.len() as u16);
    let w = rect.width.saturating_sub(2) as usize;
    let mut lines = question_and_input(question, d, w, theme);
    match &d.error {
        Some(e) => {
            for l in wrap_text(e, w) {
                lines.push(Line::from(Span::styled(l, theme.error)));
            }
        }
        None if !d.choices.is_empty() => lines.push(Line::from(Span::styled(
            fit(&format!("Tab: {}", d.choices.join("  ")), w),
            theme.dim,
        ))),
        None => lines.push(Line::raw("")),
    }
    for note in notes.iter().chain(std::iter::once(
        &"Written whole or not at all; asks before replacing a file.",
    )) {
        lines.push(Line::from(Span::styled(fit(note, w), theme.dim)));
    }
    lines.push(Line::from(Span::styled(keys.to_string(), theme.dim)));
    popup(frame, rect, title, lines, theme);
}

/// A name (not a file) being typed.
fn text_prompt(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    question: &str,
    d: &NamePrompt,
    theme: &Theme,
) {
    let rect = centered(area, 72, 7);
    let w = rect.width.saturating_sub(2) as usize;
    let lines = question_lines(
        question,
        d,
        "Enter keeps · Esc cancels · Ctrl-U clears",
        w,
        theme,
    );
    popup(frame, rect, title, lines, theme);
}

/// Quit with unsaved work: what would be lost, and the three ways out.
pub fn render_quit_guard(frame: &mut Frame, area: Rect, unsaved: &[String], theme: &Theme) {
    let rect = centered(area, 66, 7 + unsaved.len() as u16);
    let w = rect.width.saturating_sub(2) as usize;
    let mut lines = vec![Line::from(Span::styled(
        "Quitting now would lose:",
        theme.warning,
    ))];
    for u in unsaved {
        lines.push(Line::raw(fit(&format!("  • {u}"), w)));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("s", theme.key),
        Span::raw(" save, then quit   "),
        Span::styled("d", theme.key),
        Span::raw(" discard and quit   "),
        Span::styled("Esc", theme.key),
        Span::raw(" stay"),
    ]));
    lines.push(Line::from(Span::styled(
        fit("Ctrl-C again quits at once, without saving", w),
        theme.dim,
    )));
    popup(frame, rect, "Unsaved work", lines, theme);
}

/// A yes / no question.
pub fn render_question(frame: &mut Frame, area: Rect, q: &crate::app::Question, theme: &Theme) {
    let w = usize::from(area.width.saturating_sub(4).min(76)).saturating_sub(2);
    let mut lines: Vec<Line<'static>> = q
        .lines
        .iter()
        .flat_map(|l| wrap_text(l, w.max(10)))
        .map(Line::raw)
        .collect();
    let rect = centered(area, 76, 4 + lines.len() as u16);
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("y", theme.key),
        Span::raw(format!(" {}   ", q.yes)),
        Span::styled("n", theme.key),
        Span::raw(format!(" {}   ", q.no)),
        Span::styled("Esc", theme.key),
        Span::raw(format!(" {}", q.later)),
    ]));
    popup(frame, rect, &q.title, lines, theme);
}

/// "`path` already exists. Replace it with `what`?" — y replaces, n / Esc goes back to the name.
fn confirm_replace(frame: &mut Frame, area: Rect, path: &Path, what: &str, theme: &Theme) {
    let rect = centered(area, 64, 7);
    let w = rect.width.saturating_sub(2) as usize;
    let mut lines = Vec::new();
    for l in wrap_text(&format!("{} already exists.", path.display()), w) {
        lines.push(Line::from(Span::styled(l, theme.warning)));
    }
    lines.push(Line::raw(format!("Replace it with {what}?")));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("y", theme.key),
        Span::raw(" replace   "),
        Span::styled("n", theme.key),
        Span::raw(" / "),
        Span::styled("Esc", theme.key),
        Span::raw(" choose another name"),
    ]));
    popup(frame, rect, "Replace file?", lines, theme);
}

pub fn render_open(frame: &mut Frame, area: Rect, d: &OpenPicker, theme: &Theme) {
    let matches = d.matches();
    let w = centered(area, 110, 10).width.saturating_sub(2) as usize;
    // The highlighted file's teaching notes, under the list, when it has some.
    let mut preview: Vec<Line> = Vec::new();
    if let Some((path, Some(notes))) = &d.preview
        && d.target().as_deref() == Some(path.as_str())
    {
        preview.push(Line::from(Span::styled("─".repeat(w), theme.border)));
        for paragraph in notes.lines() {
            for l in wrap_text(paragraph, w) {
                preview.push(Line::from(Span::styled(l, theme.info)));
            }
        }
    }
    let list_h = (matches.len().max(1) as u16).min(12);
    let choices_h = u16::from(!d.choices.is_empty());
    let room_for_preview = area.height.saturating_sub(list_h + 9 + choices_h);
    preview.truncate(room_for_preview.min(10) as usize);
    let rect = centered(area, 110, list_h + 7 + choices_h + preview.len() as u16);
    let mut lines = vec![
        Line::raw(format!(
            "Pick from {SCENARIOS_DIR}/, {ROSTERS_DIR}/ or type a path (a workspace opens a session, a roster the Roster view):"
        )),
        Line::from(vec![
            Span::styled("> ", theme.info),
            Span::styled(
                format!("{}▏", tail(&d.input, w.saturating_sub(3))),
                theme.value,
            ),
        ]),
        Line::from(Span::styled("─".repeat(w), theme.border)),
    ];
    if !d.choices.is_empty() {
        lines.push(Line::from(Span::styled(
            fit(&format!("Tab: {}", d.choices.join("  ")), w),
            theme.dim,
        )));
    }
    let room = list_h as usize;
    if matches.is_empty() {
        let why = match &d.note {
            Some(n) => n.clone(),
            None if !d.input.is_empty() => {
                "No file in the list matches: Enter opens the typed path, Tab completes it".into()
            }
            None => "Looking…".into(),
        };
        lines.push(Line::from(Span::styled(fit(&why, w), theme.dim)));
    } else {
        let selected = d.selected.min(matches.len() - 1);
        let start = selected.saturating_sub(room.saturating_sub(1));
        let path_w = matches
            .iter()
            .map(|m| m.chars().count())
            .max()
            .unwrap_or(0)
            .min(w / 2);
        for (i, m) in matches.iter().enumerate().skip(start).take(room.max(1)) {
            let on = i == selected;
            // Each file's scenario name, year and final score (or a workspace's title).
            let about = d
                .described(m)
                .map(|x| x.summary.clone())
                .unwrap_or_default();
            let text = fit(
                &format!(
                    "{} {:<path_w$}  {about}",
                    if on { "▶" } else { " " },
                    fit(m, path_w)
                ),
                w,
            );
            lines.push(Line::from(Span::styled(
                text,
                if on { theme.focus } else { theme.base },
            )));
        }
    }
    while lines.len() < (rect.height.saturating_sub(4) as usize).saturating_sub(preview.len()) {
        lines.push(Line::raw(""));
    }
    lines.extend(preview);
    lines.push(Line::from(Span::styled(
        "↑↓ PgUp PgDn Home End choose · type to filter or a path · Tab completes · Enter opens · Esc cancels",
        theme.dim,
    )));
    popup(
        frame,
        rect,
        "Open scenario, workspace or roster",
        lines,
        theme,
    );
}

pub fn render_file_error(frame: &mut Frame, area: Rect, path: &str, text: &str, theme: &Theme) {
    let w = area.width.saturating_sub(4).min(96);
    let inner_w = w.saturating_sub(2) as usize;
    let mut lines: Vec<Line<'static>> = Vec::new();
    for raw in text.lines() {
        // Keep the caret lines' spacing: wrap only what is too long.
        if raw.chars().count() <= inner_w {
            lines.push(Line::from(Span::styled(raw.to_string(), theme.base)));
        } else {
            for l in wrap_text(raw, inner_w) {
                lines.push(Line::raw(l));
            }
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        "Nothing was opened: the current scenario is unchanged.",
        theme.warning,
    )));
    lines.push(Line::from(Span::styled("Enter or Esc closes", theme.dim)));
    let h = lines.len() as u16 + 2;
    let rect = centered(area, w, h);
    popup(
        frame,
        rect,
        &format!("Could not open {}", tail(path, inner_w.saturating_sub(20))),
        lines,
        theme,
    );
}

/// The export dialog: the client report's file name (its extension picks the format).
fn render_export(
    frame: &mut Frame,
    area: Rect,
    d: &NamePrompt,
    n: usize,
    details: &crate::report::ReportDetails,
    theme: &Theme,
) {
    let what = if n == 1 {
        "the current scenario".to_string()
    } else {
        format!("the {n} Compare columns")
    };
    let mut facts: Vec<String> = Vec::new();
    if let Some(t) = &details.title {
        facts.push(format!("“{t}”"));
    }
    for (label, value) in details.facts() {
        facts.push(format!("{label}: {value}"));
    }
    if details.note.is_some() {
        facts.push("with a note".into());
    }
    let facts = if facts.is_empty() {
        "No title, client, author, date or note yet: Ctrl-D adds them.".to_string()
    } else {
        format!("{} (Ctrl-D edits)", facts.join(" · "))
    };
    name_prompt(
        frame,
        area,
        "Export report",
        &format!("Write a client report of {what} to:"),
        d,
        &[
            facts.as_str(),
            "Ends in .html: one self-contained page; .md: Markdown. .html if none.",
        ],
        "Enter writes · Ctrl-D details · Esc cancels · Ctrl-U clears",
        theme,
    );
}
