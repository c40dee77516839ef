//! The report as Markdown: GitHub-flavoured tables, and the band chart as text bars.

use super::words;
use super::{BandChart, Report, ScenarioReport, one_line};
use crate::compare::{Comparison, Note};
use crate::escape;
use crate::format::two_decimals;

fn row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

/// A table: header, alignment (`true` = right) and rows.
fn table(o: &mut String, header: &[&str], right: &[bool], rows: &[Vec<String>]) {
    o.push_str(&row(&header
        .iter()
        .map(|h| h.to_string())
        .collect::<Vec<_>>()));
    o.push_str(&row(&right
        .iter()
        .map(|&r| {
            if r {
                "---:".to_string()
            } else {
                ":---".to_string()
            }
        })
        .collect::<Vec<_>>()));
    for r in rows {
        o.push_str(&row(r));
    }
}

/// The title, who the report is for and by, its date; the executive summary of a comparison;
/// the note or recommendation.
fn opening(o: &mut String, r: &Report) {
    let d = &r.details;
    match &d.title {
        Some(t) => o.push_str(&format!(
            "# {}\n\nMIPS what-if report\n\n",
            escape::markdown_text(t)
        )),
        None => o.push_str("# MIPS what-if report\n\n"),
    }
    let facts = d.facts();
    if !facts.is_empty() {
        let line: Vec<String> = facts
            .iter()
            .map(|(label, value)| format!("**{label}:** {}", escape::markdown_text(value)))
            .collect();
        o.push_str(&line.join("  \n"));
        o.push_str("\n\n");
    }
    if let Some(s) = &r.summary {
        o.push_str("## Executive summary\n\n");
        o.push_str(&format!(
            "**Best option:** {}\n\n",
            s.best_sentence(&escape::markdown_text)
        ));
        o.push_str("What each option is worth against the baseline:\n\n");
        for line in s.worth_sentences(&escape::markdown_text) {
            o.push_str(&format!("- {line}\n"));
        }
        let breaks = s.break_even_sentences();
        if !breaks.is_empty() {
            o.push_str("\nBreak-even of each lever (everything else held):\n\n");
            for line in breaks {
                o.push_str(&format!("- {line}\n"));
            }
        }
        o.push('\n');
    }
    let note = d.note_paragraphs();
    if !note.is_empty() {
        o.push_str("## Note and recommendation\n\n");
        for p in note {
            o.push_str(&escape::markdown_text(&p));
            o.push_str("\n\n");
        }
    }
}

pub(super) fn render(r: &Report) -> String {
    let mut o = String::new();
    opening(&mut o, r);
    let n = r.scenarios.len();
    if n == 1 {
        let s = &r.scenarios[0];
        o.push_str(&format!(
            "Scenario: **{}**{}\n\n",
            escape::markdown_text(&s.label),
            source(s)
        ));
    } else {
        o.push_str(&format!(
            "{n} scenarios, compared side by side and then one by one:\n\n"
        ));
        for s in &r.scenarios {
            o.push_str(&format!(
                "- **{}**: {}{}\n",
                s.key,
                escape::markdown_text(&s.label),
                source(s)
            ));
        }
        o.push('\n');
    }
    let about = r.about(escape::markdown_text);
    o.push_str(&about.rules);
    o.push_str("\n\nConfidence markers:\n\n");
    for (c, what) in about.confidence {
        o.push_str(&format!("- **{c}**: {what}\n"));
    }
    o.push('\n');
    o.push_str(&about.scope);
    o.push('\n');

    if let Some(c) = &r.comparison {
        comparison(&mut o, c);
    }
    for s in &r.scenarios {
        o.push_str("\n---\n\n");
        scenario(&mut o, s, r, n > 1);
    }
    let sources = super::cited_sources(&o);
    if !sources.is_empty() {
        o.push_str("\n---\n\n## Sources cited\n\n");
        for (key, what) in sources {
            o.push_str(&format!("- **{}**: {what}\n", escape::markdown_cell(key)));
        }
    }
    o.push_str(&format!(
        "\n---\n\nmips-whatif {} · confidence markers: confirmed, likely, assumed (see the top of the report).\n",
        super::VERSION
    ));
    o
}

fn source(s: &ScenarioReport) -> String {
    s.source
        .as_deref()
        .map(|p| format!(" (file {})", escape::markdown_text(p)))
        .unwrap_or_default()
}

fn comparison(o: &mut String, c: &Comparison) {
    o.push_str("\n## Side by side\n\n");
    o.push_str(&format!(
        "Differences are measured against {}. Values that differ from {}'s are in bold.\n\n",
        c.baseline, c.baseline
    ));
    let mut header = vec![String::new()];
    header.extend(
        c.scenarios
            .iter()
            .map(|s| format!("{}: {}", s.key, escape::markdown_text(&s.label))),
    );
    o.push_str(&c.markdown_main_table(&header));
    o.push_str(&c.markdown_difference_tables("###"));
    notes(o, "Why these weights", &c.weight_notes());
    notes(o, "Categories not taken as entered", &c.category_notes());
    notes(o, "Assumptions", &c.assumption_notes());
}

fn notes(o: &mut String, title: &str, notes: &[Note]) {
    if notes.is_empty() {
        return;
    }
    o.push_str(&format!("\n### {title}\n\n"));
    for n in notes {
        o.push_str(&format!("- **{}**: {}\n", n.key, one_line(&n.text)));
    }
}

fn scenario(o: &mut String, s: &ScenarioReport, r: &Report, keyed: bool) {
    let res = &s.result;
    if keyed {
        o.push_str(&format!(
            "## {}. {}\n\n",
            s.key,
            escape::markdown_text(&s.label)
        ));
    } else {
        o.push_str(&format!("## {}\n\n", escape::markdown_text(&s.label)));
    }
    if let Some(p) = &s.source {
        o.push_str(&format!("Scenario file: {}\n\n", escape::markdown_text(p)));
    }

    // Result first: what the client came for.
    o.push_str("### Result\n\n");
    table(
        o,
        &["Figure", "Value", "How it is reached"],
        &[false, true, false],
        &[
            vec![
                "**Final score**".into(),
                format!("**{}**", two_decimals(res.final_score)),
                format!(
                    "performance threshold {}",
                    crate::format::number(res.performance_threshold)
                ),
            ],
            vec![
                "**Band**".into(),
                format!("**{}**", res.band.label()),
                words::band_range(s),
            ],
            vec![
                format!("**Payment adjustment in {}**", res.payment_year),
                format!("**{}**", words::adjustment(s)),
                escape::markdown_cell(&words::adjustment_note(s)),
            ],
            vec![
                format!("**Dollars in {}**", res.payment_year),
                format!("**{}**", words::dollars_figure(s)),
                escape::markdown_cell(&words::dollars_note(s)),
            ],
            vec![
                "Result confidence".into(),
                res.confidence.to_string(),
                "the weakest confidence of the rules used".into(),
            ],
        ],
    );
    o.push('\n');
    o.push_str(&format!(
        "{} Confidence: *{}*. Source: {}.\n\n",
        words::weights(res),
        res.weights_confidence,
        res.weights_source
    ));
    let rows: Vec<Vec<String>> = words::category_rows(res)
        .into_iter()
        .map(|r| r.iter().map(|c| escape::markdown_cell(c)).collect())
        .collect();
    table(
        o,
        &["Category", "Score used", "Weight", "Points", "Note"],
        &[false, true, true, true, false],
        &rows,
    );

    if let Some(c) = &s.chart {
        o.push_str("\n### Where this lands nationally\n\n");
        chart(o, c);
    }

    o.push_str("\n### Inputs\n\n");
    let rows: Vec<Vec<String>> = s
        .inputs
        .iter()
        .map(|(k, v)| vec![escape::markdown_cell(k), escape::markdown_cell(v)])
        .collect();
    table(o, &["Input", "Value"], &[false, false], &rows);

    o.push_str("\n### Why the score is what it is: the rule trace\n\n");
    for (i, t) in res.trace.iter().enumerate() {
        o.push_str(&format!(
            "{}. **{}** — *{}*  \n   {}  \n   Source: {}\n",
            i + 1,
            one_line(&t.title),
            t.confidence,
            one_line(&t.detail),
            one_line(&t.source)
        ));
    }

    o.push_str("\n### How much each category matters\n\n");
    o.push_str("What one more point in each category is worth now (everything else held):\n\n");
    let rows: Vec<Vec<String>> = words::marginal_rows(s)
        .into_iter()
        .map(|r| r.iter().map(|c| escape::markdown_cell(c)).collect())
        .collect();
    table(
        o,
        &[
            "Category",
            "Now",
            "Final score",
            "Adjustment",
            "Dollars",
            "Note",
        ],
        &[false, true, true, true, true, false],
        &rows,
    );

    o.push_str(
        "\nPoints needed: the lowest score (to 0.01) each category needs, alone and with everything else held, to reach a target.\n\n",
    );
    let (headers, rows, notes) = words::points_table(s);
    let mut header: Vec<&str> = vec!["Category"];
    header.extend(headers.iter().map(String::as_str));
    let right = vec![false; header.len()];
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|r| r.iter().map(|c| escape::markdown_cell(c)).collect())
        .collect();
    table(o, &header, &right, &rows);
    o.push('\n');
    for n in notes {
        o.push_str(&format!("{}\n\n", one_line(&n)));
    }

    match &s.biggest {
        Some(sw) => {
            o.push_str(&format!(
                "#### {} from 0 to 100\n\n{}\n\n",
                sw.category.label(),
                one_line(&words::sweep_intro(sw))
            ));
            let exc = sw
                .points
                .iter()
                .any(|p| p.point.exceptional_bonus_percent > 0.0);
            let mut header = vec![sw.category.short(), "Final score", "Band", "Adjustment"];
            let mut right = vec![true, true, false, true];
            if exc {
                header.push("of which exceptional");
                right.push(true);
            }
            header.extend(["Dollars", "Note"]);
            right.extend([true, false]);
            let rows: Vec<Vec<String>> = words::sweep_rows(sw)
                .into_iter()
                .map(|(r, now)| {
                    let mut v: Vec<String> = r
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| exc || *i != 4)
                        .map(|(_, c)| escape::markdown_cell(c))
                        .collect();
                    if now {
                        for c in v.iter_mut().filter(|c| !c.is_empty()) {
                            *c = format!("**{c}**");
                        }
                    }
                    v
                })
                .collect();
            table(o, &header, &right, &rows);
            let edges = words::band_edge_lines(sw);
            if !edges.is_empty() {
                o.push_str(&format!(
                    "\nWhere each band begins along {} (lowest score to 0.01):\n\n",
                    sw.category.label()
                ));
                for e in edges {
                    o.push_str(&format!("- {e}\n"));
                }
            }
        }
        None => {
            for line in words::no_sweep(s) {
                o.push_str(&format!("{}\n", one_line(&line)));
            }
        }
    }

    o.push_str("\n### Uncertainty of the adjustment\n\n");
    let (statement, band) = words::uncertainty(s, &r.max_range);
    o.push_str(&format!("{}\n", one_line(&statement)));
    if let Some(band) = band {
        o.push_str(&format!("\n{}\n", one_line(&band)));
    }

    o.push_str("\n### Assumptions\n\n");
    let (stated, assumed, likely) = words::assumptions(s);
    if stated.is_empty() && assumed.is_empty() {
        o.push_str(
            "No assumed rule is used: every rule behind this result is confirmed or likely.\n",
        );
    }
    for a in &stated {
        o.push_str(&format!("- {}\n", one_line(a)));
    }
    for a in &assumed {
        o.push_str(&format!("- Marked *assumed*: {}\n", one_line(a)));
    }
    if !likely.is_empty() {
        o.push_str("\nMarked *likely* (a secondary source, or the only reading consistent with the confirmed rules):\n\n");
        for a in &likely {
            o.push_str(&format!("- {}\n", one_line(a)));
        }
    }
}

/// Eighths of a block, for text bars.
const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// A bar of `share` percent at 2% per character.
fn text_bar(share: f64) -> String {
    let eighths = (share.clamp(0.0, 100.0) / 2.0 * 8.0).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    s.push_str(EIGHTHS[eighths % 8]);
    s
}

/// Characters of the text score axis (0 to 100 at 2 points per character).
const AXIS_CHARS: usize = 50;

fn axis_col(score: f64) -> usize {
    ((score.clamp(0.0, 100.0) / 100.0) * AXIS_CHARS as f64).round() as usize
}

fn chart(o: &mut String, c: &BandChart) {
    o.push_str(&format!("{}.\n\n", words::chart_title(c)));
    o.push_str("```text\n");
    let label_w = c
        .bars
        .iter()
        .map(|b| b.band.label().chars().count())
        .max()
        .unwrap_or(0);
    let ranges: Vec<String> = c.bars.iter().map(|b| words::range(b.range)).collect();
    let range_w = ranges.iter().map(|r| r.chars().count()).max().unwrap_or(0);
    for (b, range) in c.bars.iter().zip(&ranges) {
        let mark = if b.highlighted {
            format!("  ◀ this scenario ({})", two_decimals(c.final_score))
        } else {
            String::new()
        };
        let line = format!(
            "{:<lw$}  {:<rw$}  {:>6}%  {}{}",
            b.band.label(),
            range,
            two_decimals(b.share),
            text_bar(b.share),
            mark,
            lw = label_w,
            rw = range_w
        );
        o.push_str(line.trim_end());
        o.push('\n');
    }
    // The score axis with the scenario year's band edges and a marker at the final score.
    o.push_str(&format!(
        "\nFinal score, 0–100, with PY{}'s band edges:\n",
        c.scenario_year
    ));
    let mut labels = vec![' '; AXIS_CHARS + 8];
    let mut free_from = 0usize;
    for &e in &c.edges {
        let col = axis_col(e);
        let text: Vec<char> = words::short(e).chars().collect();
        if col >= free_from && col + text.len() <= labels.len() {
            labels[col..col + text.len()].copy_from_slice(&text);
            free_from = col + text.len() + 1;
        }
    }
    let label_line: String = labels.iter().collect();
    o.push_str(label_line.trim_end());
    o.push('\n');
    let mut axis = vec!['─'; AXIS_CHARS + 1];
    for &e in &c.edges {
        axis[axis_col(e)] = '┼';
    }
    axis[0] = '├';
    axis[AXIS_CHARS] = '┤';
    o.push_str(&axis.iter().collect::<String>());
    o.push('\n');
    o.push_str(&format!(
        "{}▲ {} ({})\n",
        " ".repeat(axis_col(c.final_score)),
        two_decimals(c.final_score),
        c.band.label()
    ));
    o.push_str("```\n\n");
    o.push_str(&format!("{}\n", words::chart_summary(c)));
    for n in words::chart_notes(c) {
        o.push_str(&format!("\n{}\n", one_line(&n)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_use_eighths() {
        assert_eq!(text_bar(0.0), "");
        assert_eq!(text_bar(2.0), "█");
        assert_eq!(text_bar(3.0), "█▌");
        assert_eq!(text_bar(200.0).chars().count(), 50);
    }
}
