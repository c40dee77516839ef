//! The timeline, a year's rules, what changed and the side-by-side scores as plain text and
//! as Markdown (for `mips-whatif rules`). Nothing is computed here.

use std::fmt::Write as _;

use super::confidence_mark;
use super::timeline::{Cell, Column, Timeline, TimelineYear};
use super::year_changes::{SideBySide, YearChanges, YearOutcome};
use crate::escape;
use crate::format::{Align, padded, percent, signed_dollars, two_decimals};

/// The legend of the marks.
pub const LEGEND: &str = "✓ confirmed · ~ likely · ? assumed · * changed from the year before";

/// A cell as a table shows it: `*75 ✓` (changed, confirmed), ` 75 ✓`, ` —` (nothing).
pub fn cell_text(cell: &Cell) -> String {
    let mark = cell.confidence.map_or("", confidence_mark);
    let changed = if cell.changed { "*" } else { " " };
    if mark.is_empty() {
        format!("{changed}{}", cell.text)
    } else {
        format!("{changed}{} {mark}", cell.text)
    }
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// Notes under the table: what a short cell cannot say (applied weights that differ from the
/// base row, a maximum not yet published).
pub fn timeline_notes(t: &Timeline) -> Vec<String> {
    let mut notes = Vec::new();
    for y in &t.years {
        for column in [Column::BaseWeights, Column::PublishedMaximum] {
            let cell = y.cell(column);
            let worth = match column {
                Column::BaseWeights => cell.note.is_some(),
                _ => cell.value == super::timeline::CellValue::None && cell.note.is_some(),
            };
            if worth && let Some(n) = &cell.note {
                notes.push(format!(
                    "PY{} {}: {n}",
                    y.performance_year,
                    short_name(column)
                ));
            }
        }
    }
    notes
}

fn short_name(column: Column) -> &'static str {
    match column {
        Column::BaseWeights => "weights",
        Column::PublishedMaximum => "maximum",
        _ => column.heading(),
    }
}

/// The timeline as an aligned text table, with the legend and the notes.
pub fn timeline_text(t: &Timeline) -> String {
    let mut headings = vec!["PY".to_string(), "Paid".to_string()];
    headings.extend(Column::ALL.iter().map(|c| c.heading().to_string()));
    let rows: Vec<Vec<String>> = t
        .years
        .iter()
        .map(|y| {
            let mut row = vec![y.performance_year.to_string(), y.payment_year.to_string()];
            row.extend(y.cells.iter().map(cell_text));
            row
        })
        .collect();
    let widths: Vec<usize> = (0..headings.len())
        .map(|i| {
            rows.iter()
                .map(|r| width(&r[i]))
                .chain([width(&headings[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| padded(c, *w, Align::Left))
            .collect();
        parts.join("  ").trim_end().to_string()
    };
    let mut out = String::new();
    let _ = writeln!(out, "MIPS rules by performance year ({LEGEND})");
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", line(&headings));
    for r in &rows {
        let _ = writeln!(out, "{}", line(r));
    }
    let notes = timeline_notes(t);
    if !notes.is_empty() {
        let _ = writeln!(out);
        for n in notes {
            let _ = writeln!(out, "{n}");
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Paid: the payment year. AP: applicable percent (the most a payment goes down). CPB: complex patient bonus."
    );
    let _ = writeln!(
        out,
        "Mean and median final scores: {}; — where that data has no figure.",
        t.national_source
    );
    out
}

/// The timeline as a Markdown table; changed cells in bold.
pub fn timeline_markdown(t: &Timeline) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## MIPS rules by performance year");
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "✓ confirmed · ~ likely · ? assumed · **bold**: changed from the year before"
    );
    let _ = writeln!(out);
    let mut head = vec!["PY".to_string(), "Paid".to_string()];
    head.extend(Column::ALL.iter().map(|c| c.heading().to_string()));
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
    for y in &t.years {
        let mut row = vec![y.performance_year.to_string(), y.payment_year.to_string()];
        for c in &y.cells {
            let mark = c.confidence.map_or("", confidence_mark);
            let value = if c.changed {
                format!("**{}**", escape::markdown_pipes(&c.text))
            } else {
                escape::markdown_pipes(&c.text)
            };
            row.push(if mark.is_empty() {
                value
            } else {
                format!("{value} {mark}")
            });
        }
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    let notes = timeline_notes(t);
    if !notes.is_empty() {
        let _ = writeln!(out);
        for n in notes {
            let _ = writeln!(out, "- {}", escape::markdown_pipes(&n));
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Mean and median final scores: {}; — where that data has no figure.",
        t.national_source
    );
    out
}

/// One year's rules, one per line, with confidence and source.
fn year_lines(y: &TimelineYear) -> Vec<(String, String, String)> {
    y.cells
        .iter()
        .map(|c| {
            let mut value = c.text.clone();
            if let Some(n) = &c.note {
                let _ = write!(value, " ({n})");
            }
            let cited = match (c.confidence, &c.source) {
                (Some(conf), Some(src)) => format!("{} {conf}: {src}", confidence_mark(conf)),
                _ => String::new(),
            };
            (c.column.label().to_string(), value, cited)
        })
        .collect()
}

/// A year's rules, what changed and (optionally) the scenario under both years, as text.
pub fn year_text(
    y: &TimelineYear,
    changes: Option<&YearChanges>,
    scenario: Option<(&str, &SideBySide)>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "PY{} rules (payment year {})",
        y.performance_year, y.payment_year
    );
    let lines = year_lines(y);
    let w = lines.iter().map(|l| width(&l.0)).max().unwrap_or(0);
    for (label, value, cited) in &lines {
        let _ = writeln!(out, "  {}  {value}", padded(label, w, Align::Left));
        if !cited.is_empty() {
            let _ = writeln!(out, "  {}    {cited}", " ".repeat(w));
        }
    }
    let _ = writeln!(out);
    match changes {
        Some(c) => out.push_str(&changes_text(c)),
        None => {
            let _ = writeln!(
                out,
                "PY{} is the first year of these rules: nothing to compare it with.",
                y.performance_year
            );
        }
    }
    if let Some((name, s)) = scenario {
        let _ = writeln!(out);
        out.push_str(&side_by_side_text(name, s));
    }
    out
}

/// What changed, grouped by topic, each change with its confidence and source.
pub fn changes_text(c: &YearChanges) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "What changed from PY{} to PY{}", c.since, c.year);
    if c.changes.is_empty() {
        let _ = writeln!(out, "  Nothing: the rules are the same.");
        return out;
    }
    for (topic, list) in c.by_topic() {
        let _ = writeln!(out, "  {}", topic.heading());
        for ch in list {
            let _ = writeln!(out, "    • {}", ch.text);
            let _ = writeln!(
                out,
                "      {} {}: {}",
                confidence_mark(ch.confidence),
                ch.confidence,
                ch.source
            );
        }
    }
    out
}

/// The rows of the side-by-side table: label, then one value per year.
fn outcome_rows(s: &SideBySide) -> Vec<(&'static str, String, String)> {
    let both = |f: &dyn Fn(&YearOutcome) -> String| (f(&s.since), f(&s.year));
    let mut rows = Vec::new();
    let (a, b) = both(&|o| two_decimals(o.final_score));
    rows.push(("Final score", a, b));
    let (a, b) = both(&|o| o.weights.to_string());
    rows.push(("Weights", a, b));
    let (a, b) = both(&|o| o.band.label().to_string());
    rows.push(("Band", a, b));
    let (a, b) = both(&|o| {
        format!(
            "{} in {}",
            percent(o.payment_adjustment_percent),
            o.payment_year
        )
    });
    rows.push(("Adjustment", a, b));
    if s.year.dollar_impact.is_some() {
        let (a, b) = both(&|o| o.dollar_impact.map_or(String::new(), signed_dollars));
        rows.push(("Dollars", a, b));
    }
    let (a, b) = both(&|o| format!("{} {}", confidence_mark(o.confidence), o.confidence));
    rows.push(("Confidence", a, b));
    rows
}

/// The scenario scored under both years, side by side, with the difference.
pub fn side_by_side_text(name: &str, s: &SideBySide) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "What it does to {name}: the same inputs under both years"
    );
    let rows = outcome_rows(s);
    let lw = rows.iter().map(|r| width(r.0)).max().unwrap_or(0);
    let aw = rows
        .iter()
        .map(|r| width(&r.1))
        .chain([6])
        .max()
        .unwrap_or(0);
    let _ = writeln!(
        out,
        "  {}  {}  PY{}",
        " ".repeat(lw),
        padded(&format!("PY{}", s.since.performance_year), aw, Align::Left),
        s.year.performance_year
    );
    for (label, a, b) in &rows {
        let _ = writeln!(
            out,
            "  {}  {}  {b}",
            padded(label, lw, Align::Left),
            padded(a, aw, Align::Left)
        );
    }
    let _ = writeln!(
        out,
        "  Difference: {:+.2} points, {:+.2} percentage points",
        s.score_difference(),
        s.adjustment_difference()
    );
    for o in [&s.since, &s.year] {
        for a in &o.adjusted {
            let _ = writeln!(out, "  PY{}: {a}", o.performance_year);
        }
    }
    out
}

/// A year's rules, what changed and the scenario under both years, as Markdown.
pub fn year_markdown(
    y: &TimelineYear,
    changes: Option<&YearChanges>,
    scenario: Option<(&str, &SideBySide)>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## PY{} rules (payment year {})",
        y.performance_year, y.payment_year
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "| Rule | Value | Confidence | Source |");
    let _ = writeln!(out, "|---|---|---|---|");
    for c in &y.cells {
        let mut value = escape::markdown_pipes(&c.text);
        if let Some(n) = &c.note {
            let _ = write!(value, " ({})", escape::markdown_pipes(n));
        }
        let (conf, src) = match (c.confidence, &c.source) {
            (Some(conf), Some(src)) => (
                format!("{} {conf}", confidence_mark(conf)),
                escape::markdown_pipes(src),
            ),
            _ => (String::new(), String::new()),
        };
        let _ = writeln!(
            out,
            "| {} | {value} | {conf} | {src} |",
            escape::markdown_pipes(c.column.label())
        );
    }
    let _ = writeln!(out);
    match changes {
        Some(c) => {
            let _ = writeln!(out, "## What changed from PY{} to PY{}", c.since, c.year);
            let _ = writeln!(out);
            if c.changes.is_empty() {
                let _ = writeln!(out, "Nothing: the rules are the same.");
            }
            for (topic, list) in c.by_topic() {
                let _ = writeln!(out, "### {}", topic.heading());
                let _ = writeln!(out);
                for ch in list {
                    let _ = writeln!(
                        out,
                        "- {} ({} {}: {})",
                        escape::markdown_pipes(&ch.text),
                        confidence_mark(ch.confidence),
                        ch.confidence,
                        escape::markdown_pipes(&ch.source)
                    );
                }
                let _ = writeln!(out);
            }
        }
        None => {
            let _ = writeln!(
                out,
                "PY{} is the first year of these rules: nothing to compare it with.",
                y.performance_year
            );
            let _ = writeln!(out);
        }
    }
    if let Some((name, s)) = scenario {
        let _ = writeln!(out, "## What it does to {}", escape::markdown_pipes(name));
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "| | PY{} | PY{} |",
            s.since.performance_year, s.year.performance_year
        );
        let _ = writeln!(out, "|---|---|---|");
        for (label, a, b) in outcome_rows(s) {
            let _ = writeln!(
                out,
                "| {label} | {} | {} |",
                escape::markdown_pipes(&a),
                escape::markdown_pipes(&b)
            );
        }
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Difference: {:+.2} points, {:+.2} percentage points.",
            s.score_difference(),
            s.adjustment_difference()
        );
        for o in [&s.since, &s.year] {
            for a in &o.adjusted {
                let _ = writeln!(
                    out,
                    "- PY{}: {}",
                    o.performance_year,
                    escape::markdown_pipes(a)
                );
            }
        }
    }
    out
}

/// A lesson as a Markdown handout: each step's title, where it starts and what it changes,
/// the talking points and question (numbers filled in from the rules), the answer and the
/// result.
pub fn lesson_markdown(lesson: &super::lesson::Lesson, rules: &crate::rules::RuleSet) -> String {
    use super::lesson::fill;
    let mut out = String::new();
    let _ = writeln!(out, "# {}", escape::markdown_pipes(&lesson.title));
    let _ = writeln!(out);
    if let Some(d) = &lesson.description {
        let _ = writeln!(out, "{}", escape::markdown_pipes(d));
        let _ = writeln!(out);
    }
    for (i, step) in lesson.steps.iter().enumerate() {
        let Some(year) = rules.year(step.scenario.performance_year) else {
            continue;
        };
        let result = crate::engine::score(&step.scenario, year);
        let _ = writeln!(
            out,
            "## {}. {}",
            i + 1,
            escape::markdown_pipes(&fill(&step.title, &result, year))
        );
        let _ = writeln!(out);
        if let Some(path) = &step.scenario_file {
            let _ = writeln!(out, "Start from `{}`.", path.display());
            let _ = writeln!(out);
        }
        if !step.changed.is_empty() {
            let changes: Vec<String> = step
                .changed
                .iter()
                .map(|f| {
                    format!(
                        "{} {} → {}",
                        f.label(),
                        escape::markdown_pipes(&f.show(&step.start)),
                        escape::markdown_pipes(&f.show(&step.scenario))
                    )
                })
                .collect();
            let _ = writeln!(out, "Changes: {}.", changes.join("; "));
            let _ = writeln!(out);
        }
        for p in &step.talking_points {
            let _ = writeln!(out, "- {}", escape::markdown_pipes(&fill(p, &result, year)));
        }
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "**Ask:** {}",
            escape::markdown_pipes(&fill(&step.question, &result, year))
        );
        if let Some(a) = &step.answer {
            let _ = writeln!(out);
            let _ = writeln!(
                out,
                "**Answer:** {}",
                escape::markdown_pipes(&fill(a, &result, year))
            );
        }
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Result: final score {} · {} · {} in {} · weights {}.",
            two_decimals(crate::engine::published_score(result.final_score)),
            result.band.label(),
            percent(result.payment_adjustment_percent),
            result.payment_year,
            result.weights
        );
        let _ = writeln!(out);
    }
    out
}
