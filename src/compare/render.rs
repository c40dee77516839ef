//! Plain-text and markdown renderings of a [`Comparison`], both built from
//! [`Comparison::sections`] so every front end shows the same rows.

use super::{Comparison, DIFFERENCES_TITLE, Note};

use crate::escape;
use crate::format::one_line as clean;
use crate::format::{Align, padded};

fn width(s: &str) -> usize {
    s.chars().count()
}

fn intro(c: &Comparison) -> String {
    format!(
        "Comparing {} scenarios; differences are measured against {}.",
        c.scenarios.len(),
        c.baseline
    )
}

pub(super) fn text(c: &Comparison) -> String {
    let mut o = String::new();
    o.push_str(&intro(c));
    o.push_str("\n\n");
    for s in &c.scenarios {
        let source = s
            .source
            .as_deref()
            .map(|p| format!("  ({})", clean(p)))
            .unwrap_or_default();
        o.push_str(&format!("  {}  {}{}\n", s.key, clean(&s.label), source));
    }
    o.push('\n');

    let sections = c.sections();
    let label_w = sections
        .iter()
        .flat_map(|s| s.rows.iter().map(|r| width(&r.label)))
        .max()
        .unwrap_or(0);
    let col_w: Vec<usize> = (0..c.scenarios.len())
        .map(|i| {
            sections
                .iter()
                .flat_map(|s| s.rows.iter().map(move |r| width(&clean(&r.cells[i]))))
                .chain(std::iter::once(width(c.scenarios[i].key)))
                .max()
                .unwrap_or(1)
        })
        .collect();
    let line = |marker: &str, label: &str, cells: &[String]| {
        let mut l = format!("{marker} {}", padded(label, label_w, Align::Left));
        for (cell, w) in cells.iter().zip(&col_w) {
            l.push_str("   ");
            l.push_str(&padded(&clean(cell), *w, Align::Right));
        }
        l.trim_end().to_string() + "\n"
    };
    let keys: Vec<String> = c.scenarios.iter().map(|s| s.key.to_string()).collect();
    o.push_str(&line(" ", "", &keys));
    let mut any_marked = false;
    for s in &sections {
        o.push_str(&s.title);
        o.push('\n');
        for r in &s.rows {
            any_marked |= r.differs;
            o.push_str(&line(if r.differs { "*" } else { " " }, &r.label, &r.cells));
        }
    }
    if any_marked {
        o.push_str("\n* the scenarios differ on this line\n");
    }
    notes_text(&mut o, "Weights", &c.weight_notes());
    notes_text(&mut o, "Category notes", &c.category_notes());
    notes_text(&mut o, "Assumptions", &c.assumption_notes());
    o
}

fn notes_text(o: &mut String, title: &str, notes: &[Note]) {
    if notes.is_empty() {
        return;
    }
    o.push('\n');
    o.push_str(title);
    o.push('\n');
    for n in notes {
        o.push_str(&format!("  {}  {}\n", n.key, clean(&n.text)));
    }
}

fn md_row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

pub(super) fn markdown(c: &Comparison) -> String {
    let mut o = String::new();
    o.push_str("### Scenario comparison\n\n");
    o.push_str(&intro(c));
    o.push_str("\n\n");
    for s in &c.scenarios {
        let source = s
            .source
            .as_deref()
            .map(|p| format!(" (`{}`)", clean(p).replace('`', "'")))
            .unwrap_or_default();
        o.push_str(&format!(
            "- **{}**: {}{}\n",
            s.key,
            escape::markdown_cell(&s.label),
            source
        ));
    }
    o.push('\n');

    let mut header = vec![String::new()];
    header.extend(c.scenarios.iter().map(|s| s.key.to_string()));
    o.push_str(&markdown_main_table(c, &header));
    o.push_str(&format!(
        "\nValues that differ from {}'s are in bold.\n",
        c.baseline
    ));
    o.push_str(&markdown_difference_tables(c, "####"));
    notes_markdown(&mut o, "Weights", &c.weight_notes());
    notes_markdown(&mut o, "Category notes", &c.category_notes());
    notes_markdown(&mut o, "Assumptions", &c.assumption_notes());
    o
}

/// The side-by-side Markdown table of every section but the differences: one column per
/// scenario under `header` (its first cell heads the labels), values that differ from the
/// first scenario's in bold.
pub(super) fn markdown_main_table(c: &Comparison, header: &[String]) -> String {
    let mut o = String::new();
    let n = c.scenarios.len();
    o.push_str(&md_row(header));
    let mut align = vec![":---".to_string()];
    align.extend(std::iter::repeat_n("---:".to_string(), n));
    o.push_str(&md_row(&align));
    for s in c.sections().iter().filter(|s| s.title != DIFFERENCES_TITLE) {
        let mut title = vec![format!("**{}**", escape::markdown_cell(&s.title))];
        title.extend(std::iter::repeat_n(String::new(), n));
        o.push_str(&md_row(&title));
        for r in &s.rows {
            let mut cells = vec![escape::markdown_cell(r.label.trim())];
            let first = &r.cells[0];
            cells.extend(r.cells.iter().map(|v| {
                if v != first {
                    format!("**{}**", escape::markdown_cell(v))
                } else {
                    escape::markdown_cell(v)
                }
            }));
            o.push_str(&md_row(&cells));
        }
    }
    o
}

/// The differences against the first scenario, a Markdown table per section under a heading
/// of level `heading` (e.g. `###`).
pub(super) fn markdown_difference_tables(c: &Comparison, heading: &str) -> String {
    let mut o = String::new();
    let n = c.scenarios.len();
    for s in c.sections().iter().filter(|s| s.title == DIFFERENCES_TITLE) {
        o.push_str(&format!(
            "\n{heading} {}\n\n",
            escape::markdown_cell(&s.title)
        ));
        let mut header = vec![String::new()];
        header.extend(c.scenarios.iter().skip(1).map(|s| s.key.to_string()));
        o.push_str(&md_row(&header));
        let mut align = vec![":---".to_string()];
        align.extend(std::iter::repeat_n("---:".to_string(), n - 1));
        o.push_str(&md_row(&align));
        for r in &s.rows {
            let mut cells = vec![escape::markdown_cell(&r.label)];
            cells.extend(r.cells.iter().skip(1).map(|v| escape::markdown_cell(v)));
            o.push_str(&md_row(&cells));
        }
    }
    o
}

fn notes_markdown(o: &mut String, title: &str, notes: &[Note]) {
    if notes.is_empty() {
        return;
    }
    o.push_str(&format!("\n#### {title}\n\n"));
    for n in notes {
        o.push_str(&format!("- **{}**: {}\n", n.key, clean(&n.text)));
    }
}
