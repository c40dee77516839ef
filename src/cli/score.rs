//! `mips-whatif score FILE... [--format text|json]`

use std::cell::Cell;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::{EXIT_BAD_INPUT, Format, report};
use crate::engine::{CategoryStatus, MaxPositiveOrigin, ScoreResult, score};
use crate::format::{dollars, number, one_line, percent, signed_dollars, two_decimals, weight};
use crate::rules::{Category, RuleSet};
use crate::scenario::Scenario;
use crate::sensitivity::{AdjustmentUncertainty, MaxRange, adjustment_range_for};

/// One scored file in JSON: the engine's result plus the file and the published forms.
#[derive(Serialize)]
pub struct ScoreJson<'a> {
    pub file: String,
    /// The final score before CMS's two-decimal rounding (the same number as `final_score`,
    /// which keeps that meaning for files written against earlier versions); the result's
    /// `final_score_published` is the score that sets the band, the adjustment and the dollars.
    pub final_score_unrounded: f64,
    pub band_label: &'static str,
    #[serde(flatten)]
    pub result: &'a ScoreResult,
}

/// Score every file and print as it goes: each file is read, scored and printed before the
/// next is read, so memory stays flat however many files are given. A bad file is reported
/// on stderr and the others are still scored; the exit code is then 2.
pub fn run(files: &[PathBuf], format: Format, rules: &RuleSet) -> color_eyre::Result<ExitCode> {
    let failed = Cell::new(false);
    let max_range = MaxRange::embedded().map_err(|d| color_eyre::eyre::eyre!("{d}"))?;
    let scored = |path: &PathBuf| match Scenario::load(path, rules) {
        Ok(s) => {
            let year = rules.year(s.performance_year).expect("validated year");
            let r = score(&s, year);
            Some((path.display().to_string(), s, r))
        }
        Err(d) => {
            report(&d);
            failed.set(true);
            None
        }
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    match format {
        Format::Json if files.len() == 1 => {
            if let Some((file, _, r)) = scored(&files[0]) {
                serde_json::to_writer_pretty(&mut out, &json_item(&file, &r))?;
                writeln!(out)?;
            }
        }
        Format::Json => {
            let items = LazyItems {
                files,
                scored: &scored,
            };
            serde_json::to_writer_pretty(&mut out, &items)?;
            writeln!(out)?;
        }
        Format::Text => {
            let mut first = true;
            for path in files {
                if let Some((file, s, r)) = scored(path) {
                    if !first {
                        writeln!(out)?;
                    }
                    first = false;
                    let year = rules.year(s.performance_year).expect("validated year");
                    let range = adjustment_range_for(&r, year, &max_range);
                    out.write_all(text_report(&file, &s, &r, &range).as_bytes())?;
                }
            }
        }
    }
    out.flush()?;
    Ok(if failed.get() {
        ExitCode::from(EXIT_BAD_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}

fn json_item<'a>(file: &str, r: &'a ScoreResult) -> ScoreJson<'a> {
    ScoreJson {
        file: file.to_string(),
        final_score_unrounded: r.final_score,
        band_label: r.band.label(),
        result: r,
    }
}

type Scored = Option<(String, Scenario, ScoreResult)>;

/// A JSON array whose items are scored one at a time while it is written.
struct LazyItems<'a> {
    files: &'a [PathBuf],
    scored: &'a dyn Fn(&PathBuf) -> Scored,
}

impl Serialize for LazyItems<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.files
                .iter()
                .filter_map(|p| (self.scored)(p))
                .map(|(file, _, r)| Item(file, r)),
        )
    }
}

/// One owned item of [`LazyItems`].
struct Item(String, ScoreResult);

impl Serialize for Item {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        json_item(&self.0, &self.1).serialize(serializer)
    }
}

/// The readable breakdown of one result, with the rule trace.
///
/// Where the year's maximum is not published (PY2025+) the adjustment and the dollars are
/// the range across the band of maxima first, the point figure (an assumption) after.
pub fn text_report(
    file: &str,
    s: &Scenario,
    r: &ScoreResult,
    range: &AdjustmentUncertainty,
) -> String {
    let mut o = String::new();
    let title = one_line(s.name.as_deref().unwrap_or("Scenario"));
    o.push_str(&format!("{title}  ({})\n", one_line(file)));
    let p = &s.practice;
    let mut attrs = vec![
        format!(
            "{} clinician{} ({})",
            p.clinicians,
            if p.clinicians == 1 { "" } else { "s" },
            p.size_label()
        ),
        p.participation.label().to_lowercase(),
    ];
    if p.rural {
        attrs.push("rural".into());
    }
    if p.hpsa {
        attrs.push("HPSA".into());
    }
    if p.non_patient_facing {
        attrs.push("non-patient-facing".into());
    }
    if !p.reporting {
        attrs.push("NON-REPORTING".into());
    }
    o.push_str(&format!(
        "PY{} → payment year {} · {} · {}\n\n",
        r.performance_year,
        r.payment_year,
        r.scoring,
        attrs.join(", ")
    ));
    o.push_str(&format!(
        "  Final score         {:>8}   (performance threshold {})\n",
        two_decimals(r.final_score),
        number(r.performance_threshold)
    ));
    o.push_str(&format!("  Band                {:>8}\n", r.band.label()));
    let adj_note = if r.exceptional_bonus_percent > 0.0 {
        format!(
            "   ({} base, {} exceptional bonus)",
            percent(r.base_adjustment_percent),
            percent(r.exceptional_bonus_percent)
        )
    } else {
        String::new()
    };
    if range.is_primary() {
        // The maximum is not published (PY2025+): the range is the figure to plan with, and
        // the point figure, resting on an assumed maximum, comes after it.
        o.push_str(&format!(
            "  Payment adjustment  {}   in {} (maximum at 100 not yet published: {}%–{}%){}\n",
            range.percent_text(),
            r.payment_year,
            number(range.max_low),
            number(range.max_high),
            adj_note
        ));
        if let (Some(d), Some(c)) = (range.dollars_text(), r.part_b_allowed_charges) {
            o.push_str(&format!(
                "  Dollar impact       {d}   on {} Part B allowed charges\n",
                dollars(c)
            ));
        }
        o.push_str(&format!(
            "  Point figure        {:>8}{}   ASSUMED maximum {}% at 100\n",
            percent(r.payment_adjustment_percent),
            r.dollar_impact
                .map(|d| format!(" ({})", signed_dollars(d)))
                .unwrap_or_default(),
            number(r.max_positive_adjustment)
        ));
    } else {
        o.push_str(&format!(
            "  Payment adjustment  {:>8}   in {}{}{}\n",
            percent(r.payment_adjustment_percent),
            r.payment_year,
            adj_note,
            if r.max_positive_origin == MaxPositiveOrigin::ScenarioAssumption && range.max_published
            {
                format!(
                    "   HYPOTHETICAL maximum {}% at 100, set in the scenario",
                    number(r.max_positive_adjustment)
                )
            } else if r.is_assumption_based() {
                "   ASSUMED maximum".to_string()
            } else {
                String::new()
            }
        ));
        if range.max_published
            && (range.hypothetical
                || r.max_positive_origin == MaxPositiveOrigin::ScenarioAssumption)
        {
            o.push_str(&format!("  {}\n", range.statement));
        }
        if let (Some(d), Some(c)) = (r.dollar_impact, r.part_b_allowed_charges) {
            o.push_str(&format!(
                "  Dollar impact       {:>8}   on {} Part B allowed charges\n",
                signed_dollars(d),
                dollars(c)
            ));
        }
    }
    o.push_str(&format!(
        "\n  Weights: {} — {}\n",
        r.weights_reason, r.weights_confidence
    ));
    o.push_str(&format!(
        "  {:<28}{:>8}{:>8}{:>8}\n",
        "Category", "Score", "Weight", "Points"
    ));
    for c in Category::ALL {
        let oc = r.category(c);
        let (score_s, w_s, pts) = match oc.status {
            CategoryStatus::Scored if !r.fewer_than_two_scored => (
                oc.score.map_or("—".into(), two_decimals),
                format!("{}%", weight(oc.weight)),
                two_decimals(oc.contribution),
            ),
            CategoryStatus::Scored => (
                oc.score.map_or("—".into(), two_decimals),
                "—".into(),
                "—".into(),
            ),
            _ => ("—".into(), "—".into(), "—".into()),
        };
        let note = oc
            .note
            .as_ref()
            .map(|n| format!("  {n}"))
            .unwrap_or_default();
        o.push_str(&format!(
            "  {:<28}{:>8}{:>8}{:>8}{}\n",
            c.label(),
            score_s,
            w_s,
            pts,
            note
        ));
    }
    if r.complex_patient_bonus > 0.0 {
        o.push_str(&format!(
            "  {:<44}{:>8}\n",
            "Complex patient bonus",
            format!("+{}", two_decimals(r.complex_patient_bonus))
        ));
    }
    if r.small_practice_bonus > 0.0 {
        o.push_str(&format!(
            "  {:<44}{:>8}\n",
            "Small-practice bonus",
            format!("+{}", two_decimals(r.small_practice_bonus))
        ));
    }
    if r.capped_by > 0.0 {
        o.push_str(&format!(
            "  {:<44}{:>8}\n",
            "Cap at 100",
            format!("-{}", two_decimals(r.capped_by))
        ));
    }
    o.push_str("\n  Rule trace\n");
    for (i, t) in r.trace.iter().enumerate() {
        o.push_str(&format!(
            "  {:>2}. {}  [{}]\n",
            i + 1,
            t.title,
            t.confidence
        ));
        o.push_str(&format!("      {}\n", t.detail));
        o.push_str(&format!("      source: {}\n", t.source));
    }
    if !r.assumptions.is_empty() {
        o.push_str("\n  Assumptions\n");
        for a in &r.assumptions {
            o.push_str(&format!("   - {a}\n"));
        }
    }
    o
}
