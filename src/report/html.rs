//! The report as one self-contained HTML file: inline CSS (screen and print), inline SVG, no
//! scripts, no external resources, no web fonts. The markup is also well-formed XML (void
//! elements self-closed, attributes quoted, every text escaped).

use super::words;
use super::{Report, ScenarioReport, one_line, svg};
use crate::compare::{Comparison, DIFFERENCES_TITLE, Note};
use crate::escape;
use crate::format::{number, two_decimals};
use crate::rules::Confidence;

const CSS: &str = r#"
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:62rem;padding:1.5rem 1.25rem 3rem;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:15px;line-height:1.45;color:#1a1a1a;background:#ffffff}
h1{font-size:1.75em;margin:0 0 .4rem}
h2{font-size:1.4em;margin:2.4rem 0 .6rem;padding-bottom:.25rem;border-bottom:2px solid #1a1a1a}
h3{font-size:1.12em;margin:1.7rem 0 .5rem}
h4{font-size:1em;margin:1.1rem 0 .35rem}
p{margin:.35rem 0 .6rem}
ul{margin:.35rem 0 .7rem;padding-left:1.4rem}
li{margin:.15rem 0}
code{font-family:ui-monospace,"SF Mono",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.88em;overflow-wrap:anywhere}
table{border-collapse:collapse;margin:.4rem 0 1rem;width:100%}
table.narrow{width:auto;min-width:50%}
th,td{border-bottom:1px solid #bbbbbb;padding:.28rem .5rem;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #333333;font-weight:700}
th[scope=row]{font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.now td{font-weight:700}
tr.total td,tr.total th{border-top:2px solid #333333;font-weight:700}
tr.section th{padding-top:.8rem;border-bottom:1px solid #333333;font-size:.8em;text-transform:uppercase;letter-spacing:.04em}
.key{display:inline-block;min-width:1.6em;padding:0 .35em;margin-right:.4em;border:2px solid currentColor;border-radius:4px;text-align:center}
.lede{font-size:1.05em}
.subtitle{margin-top:-.4em;color:#555}
dl.details{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em}
dl.details dt{font-weight:bold}
dl.details dd{margin:0}
.summary{border:1px solid #999;padding:.2em 1em;margin:1em 0}
.about{font-size:.9em;color:#333333}
.about dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .8rem;margin:.4rem 0}
.about dt{font-weight:600}
.about dd{margin:0}
.figures{display:grid;grid-template-columns:repeat(4,1fr);gap:.6rem;margin:.6rem 0 1rem}
.figure{border:1px solid #777777;border-radius:6px;padding:.45rem .7rem}
.figure .label{font-size:.78em;text-transform:uppercase;letter-spacing:.03em;color:#444444}
.figure .value{font-size:1.45em;font-weight:700;font-variant-numeric:tabular-nums;line-height:1.25}
.figure .note{font-size:.8em;color:#444444}
.conf{display:inline-block;border:1px solid #555555;border-radius:3px;padding:0 .35em;font-size:.72em;font-weight:700;text-transform:uppercase;letter-spacing:.04em;line-height:1.35;vertical-align:.08em;white-space:nowrap}
.conf-likely{border-style:dashed}
.conf-assumed{border:2px solid #000000;background:#fff3c4}
ol.trace{padding-left:1.6rem}
ol.trace li{margin:0 0 .55rem}
ol.trace .detail{display:block}
.source{display:block;color:#444444;font-size:.85em}
figure{margin:.5rem 0 1rem}
figcaption{font-weight:700;margin-bottom:.4rem}
svg.chart{display:block;width:100%;max-width:720px;height:auto}
.notes{font-size:.9em;color:#333333}
.comparison table{font-size:.9em}
.comparison td.differs{font-weight:700}
.comparison th,.comparison td.num{white-space:normal;overflow-wrap:anywhere}
.comparison thead th{vertical-align:bottom}
.comparison tbody th{min-width:9em}
.sources dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .9rem;font-size:.9em}
.sources dt{font-weight:700;white-space:nowrap}
.sources dd{margin:0}
footer{margin-top:2.5rem;border-top:1px solid #777777;padding-top:.5rem;font-size:.85em;color:#444444}
@media (max-width:44rem){.figures{grid-template-columns:repeat(2,1fr)}}
@page{margin:14mm 12mm}
@media print{
body{max-width:none;padding:0;font-size:9.5pt;color:#000000}
h2{margin-top:0}
.scenario,.sources{break-before:page}
main>.scenario:first-child{break-before:auto}
main>.scenario:first-child h2{margin-top:1.6rem}
h2,h3,h4,figcaption{break-after:avoid}
tr,li,figure,.figures,.figure,table{break-inside:avoid}
.comparison table{break-inside:auto}
.figure .value{font-size:14pt}
.conf-assumed{background:none}
a{color:inherit;text-decoration:none}
svg.chart{max-width:100%}
}
"#;

fn conf(c: Confidence) -> String {
    format!(r#"<span class="conf conf-{c}">{c}</span>"#)
}

fn anchor(key: &str) -> String {
    format!("scenario-{}", key.to_ascii_lowercase())
}

/// A table with a header row; `num[i]` right-aligns column i; cells are already escaped.
fn table(o: &mut String, header: &[&str], num: &[bool], rows: &[(Vec<String>, &str)]) {
    table_classed(o, "", header, num, rows);
}

/// [`table`] with a class on the `<table>` ("narrow": as wide as its content).
fn table_classed(
    o: &mut String,
    class: &str,
    header: &[&str],
    num: &[bool],
    rows: &[(Vec<String>, &str)],
) {
    if class.is_empty() {
        o.push_str("<table>\n<thead><tr>");
    } else {
        o.push_str(&format!("<table class=\"{class}\">\n<thead><tr>"));
    }
    for (i, h) in header.iter().enumerate() {
        let class = if num.get(i).copied().unwrap_or(false) {
            r#" class="num""#
        } else {
            ""
        };
        o.push_str(&format!(
            r#"<th scope="col"{class}>{}</th>"#,
            escape::html(h)
        ));
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for (cells, class) in rows {
        if class.is_empty() {
            o.push_str("<tr>");
        } else {
            o.push_str(&format!(r#"<tr class="{class}">"#));
        }
        for (i, c) in cells.iter().enumerate() {
            let numeric = num.get(i).copied().unwrap_or(false);
            if i == 0 && numeric {
                o.push_str(&format!(r#"<th scope="row" class="num">{c}</th>"#));
            } else if i == 0 {
                o.push_str(&format!(r#"<th scope="row">{c}</th>"#));
            } else if numeric {
                o.push_str(&format!(r#"<td class="num">{c}</td>"#));
            } else {
                o.push_str(&format!("<td>{c}</td>"));
            }
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table>\n");
}

/// The title, who the report is for and by, its date; the executive summary of a comparison;
/// the note or recommendation.
fn opening(o: &mut String, r: &Report) {
    let d = &r.details;
    match &d.title {
        Some(t) => o.push_str(&format!(
            "<h1>{}</h1>\n<p class=\"subtitle\">MIPS what-if report</p>\n",
            escape::html(&one_line(t))
        )),
        None => o.push_str("<h1>MIPS what-if report</h1>\n"),
    }
    let facts = d.facts();
    if !facts.is_empty() {
        o.push_str("<dl class=\"details\">\n");
        for (label, value) in facts {
            o.push_str(&format!(
                "<dt>{label}</dt><dd>{}</dd>\n",
                escape::html(&one_line(value))
            ));
        }
        o.push_str("</dl>\n");
    }
    let same = |s: &str| s.to_string();
    if let Some(s) = &r.summary {
        o.push_str("<section class=\"summary\" aria-labelledby=\"summary\">\n<h2 id=\"summary\">Executive summary</h2>\n");
        o.push_str(&format!(
            "<p><strong>Best option:</strong> {}</p>\n",
            escape::html(&one_line(&s.best_sentence(&same)))
        ));
        o.push_str("<p>What each option is worth against the baseline:</p>\n<ul>\n");
        for line in s.worth_sentences(&same) {
            o.push_str(&format!("<li>{}</li>\n", escape::html(&one_line(&line))));
        }
        o.push_str("</ul>\n");
        let breaks = s.break_even_sentences();
        if !breaks.is_empty() {
            o.push_str("<p>Break-even of each lever (everything else held):</p>\n<ul>\n");
            for line in breaks {
                o.push_str(&format!("<li>{}</li>\n", escape::html(&line)));
            }
            o.push_str("</ul>\n");
        }
        o.push_str("</section>\n");
    }
    let note = d.note_paragraphs();
    if !note.is_empty() {
        o.push_str("<section class=\"note\" aria-labelledby=\"note\">\n<h2 id=\"note\">Note and recommendation</h2>\n");
        for p in note {
            o.push_str(&format!("<p>{}</p>\n", escape::html(&one_line(&p))));
        }
        o.push_str("</section>\n");
    }
}

pub(super) fn render(r: &Report) -> String {
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    o.push_str(&format!(
        "<meta name=\"generator\" content=\"mips-whatif {}\"/>\n",
        super::VERSION
    ));
    let title = match &r.details.title {
        Some(t) => t.clone(),
        None => format!("MIPS what-if report: {}", r.title_labels()),
    };
    o.push_str(&format!(
        "<title>{}</title>\n",
        escape::html(&one_line(&title))
    ));
    o.push_str("<style>");
    o.push_str(CSS);
    o.push_str("</style>\n</head>\n<body>\n<header>\n");
    opening(&mut o, r);
    let n = r.scenarios.len();
    if n == 1 {
        let s = &r.scenarios[0];
        o.push_str(&format!(
            "<p class=\"lede\">Scenario: <strong>{}</strong>{}</p>\n",
            escape::html(&one_line(&s.label)),
            source_html(s)
        ));
    } else {
        o.push_str(&format!(
            "<p class=\"lede\">{n} scenarios, compared side by side and then one by one:</p>\n<ul>\n"
        ));
        for s in &r.scenarios {
            o.push_str(&format!(
                "<li><a href=\"#{}\"><span class=\"key\">{}</span>{}</a>{}</li>\n",
                anchor(s.key),
                s.key,
                escape::html(&one_line(&s.label)),
                source_html(s)
            ));
        }
        o.push_str("</ul>\n");
    }
    let about = r.about(|s| s.to_string());
    o.push_str("<div class=\"about\">\n");
    o.push_str(&format!("<p>{}</p>\n<dl>\n", escape::html(&about.rules)));
    for (c, what) in about.confidence {
        o.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>\n",
            conf(c),
            escape::html(what)
        ));
    }
    o.push_str(&format!(
        "</dl>\n<p>{}</p>\n</div>\n",
        escape::html(&about.scope)
    ));
    o.push_str("</header>\n<main>\n");
    if let Some(c) = &r.comparison {
        comparison(&mut o, c);
    }
    for s in &r.scenarios {
        scenario(&mut o, s, r, n > 1);
    }
    let sources = super::cited_sources(&o);
    if !sources.is_empty() {
        o.push_str("<section class=\"sources\" aria-labelledby=\"sources\">\n<h2 id=\"sources\">Sources cited</h2>\n<dl>\n");
        for (key, what) in sources {
            o.push_str(&format!(
                "<dt>{}</dt><dd>{}</dd>\n",
                escape::html(key),
                escape::html(what)
            ));
        }
        o.push_str("</dl>\n</section>\n");
    }
    o.push_str("</main>\n<footer>\n");
    o.push_str(&format!(
        "<p>mips-whatif {} · confidence markers: {} {} {} (see the top of the report).</p>\n",
        super::VERSION,
        conf(Confidence::Confirmed),
        conf(Confidence::Likely),
        conf(Confidence::Assumed)
    ));
    o.push_str("</footer>\n</body>\n</html>\n");
    o
}

fn source_html(s: &ScenarioReport) -> String {
    s.source
        .as_deref()
        .map(|p| format!(" (file <code>{}</code>)", escape::html(&one_line(p))))
        .unwrap_or_default()
}

fn comparison(o: &mut String, c: &Comparison) {
    o.push_str("<section class=\"comparison\" aria-labelledby=\"side-by-side\">\n");
    o.push_str("<h2 id=\"side-by-side\">Side by side</h2>\n");
    o.push_str(&format!(
        "<p>Differences are measured against {b}. Values that differ from {b}'s are in bold.</p>\n",
        b = c.baseline
    ));
    let sections = c.sections();
    o.push_str("<table>\n<thead><tr><th scope=\"col\"></th>");
    for s in &c.scenarios {
        o.push_str(&format!(
            "<th scope=\"col\" class=\"num\"><span class=\"key\">{}</span>{}</th>",
            s.key,
            escape::html(&one_line(&s.label))
        ));
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    let cols = c.scenarios.len() + 1;
    for sec in sections.iter().filter(|s| s.title != DIFFERENCES_TITLE) {
        o.push_str(&format!(
            "<tr class=\"section\"><th scope=\"rowgroup\" colspan=\"{cols}\">{}</th></tr>\n",
            escape::html(&sec.title)
        ));
        for row in &sec.rows {
            o.push_str(&format!(
                "<tr><th scope=\"row\">{}</th>",
                escape::html(row.label.trim())
            ));
            let first = &row.cells[0];
            for v in &row.cells {
                if v != first {
                    o.push_str(&format!(
                        "<td class=\"num differs\"><strong>{}</strong></td>",
                        escape::html(v)
                    ));
                } else {
                    o.push_str(&format!("<td class=\"num\">{}</td>", escape::html(v)));
                }
            }
            o.push_str("</tr>\n");
        }
    }
    o.push_str("</tbody>\n</table>\n");
    for sec in sections.iter().filter(|s| s.title == DIFFERENCES_TITLE) {
        o.push_str(&format!("<h3>{}</h3>\n", escape::html(&sec.title)));
        o.push_str("<table class=\"narrow\">\n<thead><tr><th scope=\"col\"></th>");
        for s in c.scenarios.iter().skip(1) {
            o.push_str(&format!(
                "<th scope=\"col\" class=\"num\"><span class=\"key\">{}</span></th>",
                s.key
            ));
        }
        o.push_str("</tr></thead>\n<tbody>\n");
        for row in &sec.rows {
            o.push_str(&format!(
                "<tr><th scope=\"row\">{}</th>",
                escape::html(&row.label)
            ));
            for v in row.cells.iter().skip(1) {
                o.push_str(&format!("<td class=\"num\">{}</td>", escape::html(v)));
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</tbody>\n</table>\n");
    }
    notes(o, "Why these weights", &c.weight_notes());
    notes(o, "Categories not taken as entered", &c.category_notes());
    notes(o, "Assumptions", &c.assumption_notes());
    o.push_str("</section>\n");
}

fn notes(o: &mut String, title: &str, notes: &[Note]) {
    if notes.is_empty() {
        return;
    }
    o.push_str(&format!("<h3>{}</h3>\n<ul>\n", escape::html(title)));
    for n in notes {
        o.push_str(&format!(
            "<li><span class=\"key\">{}</span>{}</li>\n",
            n.key,
            escape::html(&n.text)
        ));
    }
    o.push_str("</ul>\n");
}

fn figure(o: &mut String, label: &str, value: &str, note: &str) {
    o.push_str(&format!(
        "<div class=\"figure\"><div class=\"label\">{}</div><div class=\"value\">{}</div><div class=\"note\">{}</div></div>\n",
        escape::html(label),
        escape::html(value),
        escape::html(note)
    ));
}

fn scenario(o: &mut String, s: &ScenarioReport, r: &Report, keyed: bool) {
    let res = &s.result;
    let id = anchor(s.key);
    o.push_str(&format!(
        "<section class=\"scenario\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n"
    ));
    let key = if keyed {
        format!("<span class=\"key\">{}</span>", s.key)
    } else {
        String::new()
    };
    o.push_str(&format!(
        "<h2 id=\"{id}-h\">{key}{}</h2>\n",
        escape::html(&one_line(&s.label))
    ));
    if let Some(p) = &s.source {
        o.push_str(&format!(
            "<p class=\"notes\">Scenario file: <code>{}</code></p>\n",
            escape::html(&one_line(p))
        ));
    }

    o.push_str(&format!("<h3 id=\"{id}-result\">Result</h3>\n"));
    o.push_str("<div class=\"figures\">\n");
    figure(
        o,
        "Final score",
        &two_decimals(res.final_score),
        &format!(
            "performance threshold {}",
            number(res.performance_threshold)
        ),
    );
    figure(o, "Band", res.band.label(), &words::band_range(s));
    figure(
        o,
        &format!("Payment adjustment in {}", res.payment_year),
        &words::adjustment(s),
        &words::adjustment_note(s),
    );
    figure(
        o,
        &format!("Dollars in {}", res.payment_year),
        &words::dollars_figure(s),
        &words::dollars_note(s),
    );
    o.push_str("</div>\n");
    o.push_str(&format!(
        "<p>{} {} <span class=\"source\">Source: {}</span></p>\n",
        escape::html(&words::weights(res)),
        conf(res.weights_confidence),
        escape::html(&res.weights_source)
    ));
    o.push_str(&format!(
        "<p>Result confidence: {} (the weakest confidence of the rules used).</p>\n",
        conf(res.confidence)
    ));
    let rows: Vec<(Vec<String>, &str)> = {
        let all = words::category_rows(res);
        let last = all.len().saturating_sub(1);
        all.into_iter()
            .enumerate()
            .map(|(i, r)| {
                (
                    r.iter().map(|c| escape::html(c)).collect(),
                    if i == last { "total" } else { "" },
                )
            })
            .collect()
    };
    table(
        o,
        &["Category", "Score used", "Weight", "Points", "Note"],
        &[false, true, true, true, false],
        &rows,
    );

    if let Some(c) = &s.chart {
        o.push_str(&format!(
            "<h3 id=\"{id}-national\">Where this lands nationally</h3>\n<figure>\n<figcaption>{}</figcaption>\n",
            escape::html(&words::chart_title(c))
        ));
        o.push_str(&svg::band_chart(c, &format!("{id}-chart")));
        o.push_str(&format!(
            "\n<p class=\"notes\">{}</p>\n",
            escape::html(&words::chart_summary(c))
        ));
        o.push_str("</figure>\n<ul class=\"notes\">\n");
        for n in words::chart_notes(c) {
            o.push_str(&format!("<li>{}</li>\n", escape::html(&n)));
        }
        o.push_str("</ul>\n");
    }

    o.push_str(&format!("<h3 id=\"{id}-inputs\">Inputs</h3>\n"));
    let rows: Vec<(Vec<String>, &str)> = s
        .inputs
        .iter()
        .map(|(k, v)| (vec![escape::html(k), escape::html(v)], ""))
        .collect();
    table_classed(o, "narrow", &["Input", "Value"], &[false, false], &rows);

    o.push_str(&format!(
        "<h3 id=\"{id}-trace\">Why the score is what it is: the rule trace</h3>\n<ol class=\"trace\">\n"
    ));
    for t in &res.trace {
        o.push_str(&format!(
            "<li><strong>{}</strong> {}<span class=\"detail\">{}</span><span class=\"source\">Source: {}</span></li>\n",
            escape::html(&t.title),
            conf(t.confidence),
            escape::html(&t.detail),
            escape::html(&t.source)
        ));
    }
    o.push_str("</ol>\n");

    o.push_str(&format!(
        "<h3 id=\"{id}-levers\">How much each category matters</h3>\n<h4>What one more point in each category is worth now</h4>\n"
    ));
    let rows: Vec<(Vec<String>, &str)> = words::marginal_rows(s)
        .into_iter()
        .map(|r| (r.iter().map(|c| escape::html(c)).collect(), ""))
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
        "<h4>Points needed</h4>\n<p>The lowest score (to 0.01) each category needs, alone and with everything else held, to reach a target.</p>\n",
    );
    let (headers, rows, notes) = words::points_table(s);
    let mut header: Vec<&str> = vec!["Category"];
    header.extend(headers.iter().map(String::as_str));
    let num = vec![false; header.len()];
    let rows: Vec<(Vec<String>, &str)> = rows
        .into_iter()
        .map(|r| (r.iter().map(|c| escape::html(c)).collect(), ""))
        .collect();
    table(o, &header, &num, &rows);
    for n in notes {
        o.push_str(&format!("<p class=\"notes\">{}</p>\n", escape::html(&n)));
    }
    match &s.biggest {
        Some(sw) => {
            o.push_str(&format!(
                "<h4>{} from 0 to 100</h4>\n<p>{}</p>\n",
                escape::html(sw.category.label()),
                escape::html(&words::sweep_intro(sw))
            ));
            let exc = sw
                .points
                .iter()
                .any(|p| p.point.exceptional_bonus_percent > 0.0);
            let mut header = vec![sw.category.short(), "Final score", "Band", "Adjustment"];
            let mut num = vec![true, true, false, true];
            if exc {
                header.push("of which exceptional");
                num.push(true);
            }
            header.extend(["Dollars", "Note"]);
            num.extend([true, false]);
            let rows: Vec<(Vec<String>, &str)> = words::sweep_rows(sw)
                .into_iter()
                .map(|(r, now)| {
                    (
                        r.iter()
                            .enumerate()
                            .filter(|(i, _)| exc || *i != 4)
                            .map(|(_, c)| escape::html(c))
                            .collect(),
                        if now { "now" } else { "" },
                    )
                })
                .collect();
            table(o, &header, &num, &rows);
            let edges = words::band_edge_lines(sw);
            if !edges.is_empty() {
                o.push_str(&format!(
                    "<p>Where each band begins along {} (lowest score to 0.01):</p>\n<ul>\n",
                    escape::html(sw.category.label())
                ));
                for e in edges {
                    o.push_str(&format!("<li>{}</li>\n", escape::html(&e)));
                }
                o.push_str("</ul>\n");
            }
        }
        None => {
            let lines = words::no_sweep(s);
            o.push_str(&format!("<p>{}</p>\n<ul>\n", escape::html(&lines[0])));
            for l in &lines[1..] {
                o.push_str(&format!("<li>{}</li>\n", escape::html(l)));
            }
            o.push_str("</ul>\n");
        }
    }

    o.push_str(&format!(
        "<h3 id=\"{id}-uncertainty\">Uncertainty of the adjustment</h3>\n"
    ));
    let (statement, band) = words::uncertainty(s, &r.max_range);
    o.push_str(&format!("<p>{}</p>\n", escape::html(&statement)));
    if let Some(band) = band {
        o.push_str(&format!("<p class=\"notes\">{}</p>\n", escape::html(&band)));
    }

    o.push_str(&format!("<h3 id=\"{id}-assumptions\">Assumptions</h3>\n"));
    let (stated, assumed, likely) = words::assumptions(s);
    if stated.is_empty() && assumed.is_empty() {
        o.push_str(
            "<p>No assumed rule is used: every rule behind this result is confirmed or likely.</p>\n",
        );
    } else {
        o.push_str("<ul>\n");
        for a in &stated {
            o.push_str(&format!("<li>{}</li>\n", escape::html(a)));
        }
        for a in &assumed {
            o.push_str(&format!(
                "<li>Marked {}: {}</li>\n",
                conf(Confidence::Assumed),
                escape::html(a)
            ));
        }
        o.push_str("</ul>\n");
    }
    if !likely.is_empty() {
        o.push_str(&format!(
            "<p>Marked {} (a secondary source, or the only reading consistent with the confirmed rules):</p>\n<ul>\n",
            conf(Confidence::Likely)
        ));
        for a in &likely {
            o.push_str(&format!("<li>{}</li>\n", escape::html(a)));
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheet_is_plain_text_in_xml() {
        assert!(!CSS.contains('<') && !CSS.contains('&'));
        assert!(!CSS.contains("url(") && !CSS.contains("@import"));
    }
}
