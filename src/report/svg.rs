//! The band chart as inline SVG: the national share of clinicians in each band (labelled,
//! patterned bars, the scenario's band outlined) over a 0–100 score axis with the band edges
//! and a marker at the final score. Band identity never rests on colour alone: every bar is
//! named, every band has its own pattern, and the scenario's band is outlined and labelled.

use super::words;
use super::{BandChart, one_line};
use crate::engine::Band;
use crate::escape;
use crate::format::two_decimals;

const WIDTH: f64 = 720.0;
/// Where bars start (band names and ranges sit to the left).
const BAR_X: f64 = 150.0;
const BAR_MAX_W: f64 = 380.0;
const ROW_H: f64 = 32.0;
const TOP: f64 = 8.0;
/// The score axis runs from AXIS_X0 (0) to AXIS_X1 (100).
const AXIS_X0: f64 = 30.0;
const AXIS_X1: f64 = 690.0;

/// Fill colour and pattern of a band: distinct in grey as well as in colour.
fn pattern(band: Band) -> (&'static str, &'static str) {
    match band {
        Band::MaxNegative => (
            "#f4a582",
            r##"<path d="M0,0 L6,6 M6,0 L0,6" stroke="#b2182b" stroke-width="1.2"/>"##,
        ),
        Band::Negative => (
            "#fddbc7",
            r##"<path d="M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5" stroke="#d6604d" stroke-width="1.2"/>"##,
        ),
        Band::Neutral => (
            "#eeeeee",
            r##"<circle cx="3" cy="3" r="1.3" fill="#444444"/>"##,
        ),
        Band::Positive => (
            "#d1e5f0",
            r##"<path d="M0,3 L6,3" stroke="#4393c3" stroke-width="1.2"/>"##,
        ),
        Band::Positive89Plus => ("#2166ac", ""),
        Band::Exceptional => (
            "#1b7837",
            r##"<path d="M3,0 L3,6" stroke="#a6dba0" stroke-width="1.2"/>"##,
        ),
    }
}

fn pattern_id(id: &str, band: Band) -> String {
    format!("{id}-{}", band.key().replace('_', "-"))
}

fn axis_x(score: f64) -> f64 {
    AXIS_X0 + score.clamp(0.0, 100.0) / 100.0 * (AXIS_X1 - AXIS_X0)
}

/// Rough width of a text at a font size (for placing labels without overlap).
fn text_w(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * 0.58
}

fn f(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_string)
}

/// The chart as an `<svg>` element; `id` makes its pattern ids unique in the document.
pub(super) fn band_chart(c: &BandChart, id: &str) -> String {
    let n = c.bars.len() as f64;
    let axis_top = TOP + n * ROW_H + 18.0;
    let height = axis_top + 114.0;
    let mut o = String::new();
    o.push_str(&format!(
        r#"<svg class="chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="{w}" height="{h}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="12">"#,
        w = f(WIDTH),
        h = f(height)
    ));
    o.push('\n');
    o.push_str(&format!(
        "<title id=\"{id}-title\">{}</title>\n",
        escape::html(&words::chart_summary(c))
    ));
    let desc: Vec<String> = c
        .bars
        .iter()
        .map(|b| {
            format!(
                "{} (final score {}): {}%{}",
                b.band.label(),
                words::range(b.range),
                two_decimals(b.share),
                if b.highlighted {
                    ", this scenario's band"
                } else {
                    ""
                }
            )
        })
        .collect();
    o.push_str(&format!(
        "<desc id=\"{id}-desc\">{}. Score axis from 0 to 100 with band edges at {}; marker at {}.</desc>\n",
        escape::html(&desc.join("; ")),
        c.edges
            .iter()
            .map(|e| words::short(*e))
            .collect::<Vec<_>>()
            .join(", "),
        two_decimals(c.final_score)
    ));
    o.push_str("<defs>\n");
    for band in Band::ALL {
        let (fill, marks) = pattern(band);
        o.push_str(&format!(
            r#"<pattern id="{}" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{fill}"/>{marks}</pattern>"#,
            pattern_id(id, band)
        ));
        o.push('\n');
    }
    o.push_str("</defs>\n");

    // Bars: one row per band.
    let max_share = c.bars.iter().map(|b| b.share).fold(0.0, f64::max);
    let scale = ((max_share / 10.0).ceil() * 10.0).clamp(10.0, 100.0);
    o.push_str(&format!(
        r##"<line x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" stroke="#333333" stroke-width="1"/>"##,
        x = f(BAR_X),
        y1 = f(TOP),
        y2 = f(TOP + n * ROW_H)
    ));
    o.push('\n');
    for (i, b) in c.bars.iter().enumerate() {
        let y = TOP + i as f64 * ROW_H;
        let weight = if b.highlighted { "700" } else { "400" };
        o.push_str(&format!(
            r#"<text x="0" y="{}" font-size="13" font-weight="{weight}">{}</text>"#,
            f(y + 14.0),
            escape::html(b.band.label())
        ));
        o.push_str(&format!(
            r##"<text x="0" y="{}" font-size="11" fill="#444444">{}</text>"##,
            f(y + 28.0),
            escape::html(&words::range(b.range))
        ));
        let w = if b.share > 0.0 {
            (b.share / scale * BAR_MAX_W).max(1.0)
        } else {
            0.0
        };
        let (stroke, stroke_w) = if b.highlighted {
            ("#000000", "3")
        } else {
            ("#555555", "0.75")
        };
        if w > 0.0 {
            o.push_str(&format!(
                r#"<rect x="{}" y="{}" width="{}" height="20" fill="url(#{})" stroke="{stroke}" stroke-width="{stroke_w}"/>"#,
                f(BAR_X),
                f(y + 6.0),
                f(w),
                pattern_id(id, b.band)
            ));
        }
        let mut label = format!("{}%", two_decimals(b.share));
        if b.highlighted {
            label = format!(
                "{label}<tspan font-weight=\"700\"> ◀ this scenario ({})</tspan>",
                two_decimals(c.final_score)
            );
        }
        o.push_str(&format!(
            r#"<text x="{}" y="{}" font-weight="{weight}">{label}</text>"#,
            f(BAR_X + w + 6.0),
            f(y + 21.0)
        ));
        o.push('\n');
    }

    // The score axis: the scenario year's bands, edges and a marker at the final score.
    let t = axis_top;
    o.push_str(&format!(
        r#"<text x="0" y="{}" font-size="12" font-weight="700">{}</text>"#,
        f(t + 12.0),
        escape::html(&format!(
            "Final score, 0–100, with PY{}'s band edges",
            c.scenario_year
        ))
    ));
    o.push('\n');
    let strip_y = t + 44.0;
    let strip_h = 18.0;
    let mut segments: Vec<&(Band, f64, f64)> = c.axis.iter().collect();
    // The scenario's band last, so its outline is on top.
    segments.sort_by_key(|(b, _, _)| *b == c.band);
    for &&(band, lo, hi) in &segments {
        let ours = band == c.band;
        let (stroke, sw) = if ours {
            ("#000000", "2.5")
        } else {
            ("#555555", "0.75")
        };
        if hi - lo < 1e-9 {
            o.push_str(&format!(
                r##"<rect x="{}" y="{}" width="3" height="{}" fill="#444444" stroke="{stroke}" stroke-width="{sw}"/>"##,
                f(axis_x(lo) - 1.5),
                f(strip_y),
                f(strip_h)
            ));
        } else {
            o.push_str(&format!(
                r#"<rect x="{}" y="{}" width="{}" height="{}" fill="url(#{})" stroke="{stroke}" stroke-width="{sw}"/>"#,
                f(axis_x(lo)),
                f(strip_y),
                f(axis_x(hi) - axis_x(lo)),
                f(strip_h),
                pattern_id(id, band)
            ));
        }
        o.push('\n');
    }
    // Edge ticks and labels, on a second line where they would overlap.
    let mut row_right = [f64::NEG_INFINITY; 2];
    for &e in &c.edges {
        let x = axis_x(e);
        o.push_str(&format!(
            r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#000000" stroke-width="1"/>"##,
            f(strip_y + strip_h),
            f(strip_y + strip_h + 5.0),
            x = f(x)
        ));
        let text = words::short(e);
        let w = text_w(&text, 11.0);
        if let Some(row) = (0..2).find(|&r| x - w / 2.0 > row_right[r] + 4.0) {
            row_right[row] = x + w / 2.0;
            o.push_str(&format!(
                r#"<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>"#,
                f(x),
                f(strip_y + strip_h + 17.0 + row as f64 * 13.0),
                escape::html(&text)
            ));
        }
        o.push('\n');
    }
    // Band names under the axis, where they fit.
    for &(band, lo, hi) in &c.axis {
        let (x0, x1) = (axis_x(lo), axis_x(hi));
        let short = match band {
            Band::MaxNegative => "Max neg.",
            Band::Positive89Plus => "89+",
            Band::Exceptional => "Exc.",
            Band::Negative => "Neg.",
            Band::Positive => "Pos.",
            Band::Neutral => "",
        };
        let name = [band.label(), short]
            .into_iter()
            .find(|n| !n.is_empty() && x1 - x0 > text_w(n, 11.0) + 8.0);
        if let Some(name) = name {
            o.push_str(&format!(
                r##"<text x="{}" y="{}" font-size="11" font-style="italic" text-anchor="middle" fill="#333333">{}</text>"##,
                f((x0 + x1) / 2.0),
                f(strip_y + strip_h + 46.0),
                escape::html(name)
            ));
            o.push('\n');
        }
    }
    // The marker.
    let x = axis_x(c.final_score);
    o.push_str(&format!(
        r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#000000" stroke-width="2"/>"##,
        f(t + 40.0),
        f(strip_y + strip_h + 4.0),
        x = f(x)
    ));
    o.push_str(&format!(
        r##"<path d="M{},{} L{},{} L{},{} Z" fill="#000000"/>"##,
        f(x - 6.0),
        f(t + 34.0),
        f(x + 6.0),
        f(t + 34.0),
        f(x),
        f(t + 43.0)
    ));
    let marker = one_line(&format!(
        "This scenario: {} ({})",
        two_decimals(c.final_score),
        c.band.label()
    ));
    let mw = text_w(&marker, 12.0);
    let (mx, anchor) = if x - mw / 2.0 < 0.0 {
        (x - 6.0, "start")
    } else if x + mw / 2.0 > WIDTH {
        (x + 6.0, "end")
    } else {
        (x, "middle")
    };
    o.push_str(&format!(
        r#"<text x="{}" y="{}" font-size="12" font-weight="700" text-anchor="{anchor}">{}</text>"#,
        f(mx),
        f(t + 29.0),
        escape::html(&marker)
    ));
    o.push_str("\n</svg>");
    o
}
