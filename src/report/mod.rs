//! Client reports: one to four scenarios in one file a client can keep.
//!
//! For each scenario: the inputs; the result (final score, band, payment adjustment in percent
//! and dollars, with the payment year) and the rule trace behind it, each step with its source
//! and confidence; where the result lands among clinicians nationally (a band chart); how much
//! each category matters (marginal values, points needed for the standard targets, the biggest
//! lever swept from 0 to 100); the uncertainty range of the adjustment; and every assumption.
//! With two to four scenarios the side-by-side comparison comes first.
//!
//! Pure: no I/O, no clock. [`build`] scores with the engine (through [`crate::compare`] and
//! [`crate::sensitivity`]; nothing here re-implements a rule) and returns a [`Report`], which
//! renders as Markdown ([`Report::to_markdown`]) or as one self-contained HTML file with inline
//! CSS and SVG ([`Report::to_html`]). The same input always gives the same bytes.

mod details;
mod format;
mod html;
mod markdown;
mod summary;
mod svg;
mod xlsx;

use std::fmt;

pub use crate::compare::Entry;
use crate::compare::{Comparison, compare_scored};
use crate::engine::{Band, ScoreResult, band_ranges, published_score, score_checked};
use crate::format::number;
use crate::national::chart::{self, BandChart};
use crate::national::{Group, National, ReportingStatus};
use crate::rules::{Category, Confidence, RuleSet, YearRules};
use crate::scenario::{Practice, Problem};
use crate::sensitivity::{
    AdjustmentUncertainty, Lever, Marginal, MaxRange, PointsNeeded, Sweep, SweepSpan, Target,
    lever, overview, sweep,
};
pub use details::{ReportDetails, TODAY, resolve_date};
pub use format::Format;

/// Fewest scenarios a report takes.
pub const MIN_SCENARIOS: usize = 1;
/// Most scenarios a report takes (the side-by-side comparison holds four).
pub const MAX_SCENARIOS: usize = crate::compare::MAX_SCENARIOS;

/// The product version printed in every report.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The keys scenarios are shown under, as in the comparison.
const KEYS: [&str; MAX_SCENARIOS] = ["A", "B", "C", "D"];

/// Step of the sweep of the biggest lever.
const SWEEP_STEP: f64 = 10.0;

/// Why a report could not be built.
#[derive(Clone, Debug, PartialEq)]
pub enum ReportError {
    /// Fewer than [`MIN_SCENARIOS`] or more than [`MAX_SCENARIOS`] scenarios.
    Count { given: usize },
    /// A scenario breaks the rules of its year (see [`crate::scenario::check`]).
    Invalid {
        key: String,
        label: String,
        problems: Vec<Problem>,
    },
    /// Data shipped with the product could not be read (never in a released build).
    Data(String),
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportError::Count { given } => write!(
                f,
                "a report takes {MIN_SCENARIOS} to {MAX_SCENARIOS} scenarios, got {given}"
            ),
            ReportError::Invalid {
                key,
                label,
                problems,
            } => {
                write!(f, "{key} ({label}) is not valid: ")?;
                let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                f.write_str(&list.join("; "))
            }
            ReportError::Data(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for ReportError {}

/// A report of one to four scenarios, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    scenarios: Vec<ScenarioReport>,
    /// Side by side, for two or more scenarios.
    comparison: Option<Comparison>,
    /// The band of positive maxima behind the uncertainty ranges.
    max_range: MaxRange,
    /// "2017–2026": the years the rules cover.
    years: String,
    /// Years whose rules were not the built-in ones: (year, where they were read from).
    overridden: Vec<(u16, String)>,
    /// Title, client, author, date and note, as given.
    details: ReportDetails,
    /// The executive summary, for two or more scenarios.
    summary: Option<summary::Summary>,
}

/// Everything the report says about one scenario.
#[derive(Clone, Debug, PartialEq)]
struct ScenarioReport {
    key: &'static str,
    label: String,
    source: Option<String>,
    practice: Practice,
    /// The scenario's inputs, as rows of (label, value).
    inputs: Vec<(String, String)>,
    result: ScoreResult,
    /// The final score's band range in the scenario's year, as CMS prints it.
    band_range: (f64, f64),
    chart: Option<BandChart>,
    marginal: Vec<Marginal>,
    /// Category by category, targets varying fastest.
    points_needed: Vec<PointsNeeded>,
    /// The category that moves the final score most, swept from 0 to 100.
    biggest: Option<Sweep>,
    /// What each category's score does here (flat or not, and why).
    levers: Vec<Lever>,
    uncertainty: AdjustmentUncertainty,
}

/// What a report is built from besides the scenarios: the national figures, the band of
/// maxima at 100 for the uncertainty range, and the comparison group if one was chosen. The
/// explorer passes what the user set (the `m`/`M` band, the `g`/`G` group), so an export
/// shows exactly what the screen shows; the CLI passes the shipped data.
#[derive(Clone, Debug, PartialEq)]
pub struct Context {
    pub national: National,
    pub max_range: MaxRange,
    /// A group chosen by the user for every scenario's chart (otherwise each scenario's own
    /// kind of practice: solo, small, rural or all clinicians, overall).
    pub group: Option<(Group, ReportingStatus)>,
}

impl From<MaxRange> for Context {
    /// The shipped national figures with this band of maxima; each chart follows its practice.
    fn from(max_range: MaxRange) -> Context {
        Context {
            national: National::embedded(),
            max_range,
            group: None,
        }
    }
}

impl Context {
    /// The shipped national figures and band of maxima; each chart follows its practice.
    pub fn embedded() -> Result<Context, ReportError> {
        Ok(Context {
            national: National::embedded(),
            max_range: MaxRange::embedded().map_err(|d| ReportError::Data(d.to_string()))?,
            group: None,
        })
    }
}

/// Score the scenarios and gather everything a report shows. The first scenario is the
/// baseline of the comparison (two or more scenarios).
pub fn build(entries: &[Entry], rules: &RuleSet) -> Result<Report, ReportError> {
    build_with(
        entries,
        rules,
        &ReportDetails::default(),
        Context::embedded()?,
    )
}

/// [`build`] with the report's details (title, client, author, date, note) and its
/// [`Context`]: the national figures, the band of maxima behind the adjustment's range (a
/// [`MaxRange`] alone is read as the shipped figures with that band), and any chosen group.
pub fn build_with(
    entries: &[Entry],
    rules: &RuleSet,
    details: &ReportDetails,
    context: impl Into<Context>,
) -> Result<Report, ReportError> {
    let context = &context.into();
    if !(MIN_SCENARIOS..=MAX_SCENARIOS).contains(&entries.len()) {
        return Err(ReportError::Count {
            given: entries.len(),
        });
    }
    let max_range = context.max_range.clone();
    let mut scored = Vec::with_capacity(entries.len());
    for (key, entry) in KEYS.iter().zip(entries) {
        let result =
            score_checked(&entry.scenario, rules).map_err(|problems| ReportError::Invalid {
                key: (*key).to_string(),
                label: entry.label.clone(),
                problems,
            })?;
        scored.push((entry.clone(), result));
    }
    let summary = summary::build(&scored, rules, &max_range);
    let comparison = if scored.len() >= 2 {
        Some(
            compare_scored(scored.clone())
                .map_err(|e| ReportError::Data(e.to_string()))?
                .with_ranges(rules, &context.max_range),
        )
    } else {
        None
    };
    let mut scenarios = Vec::with_capacity(scored.len());
    let mut overridden: Vec<(u16, String)> = Vec::new();
    for (key, (entry, result)) in KEYS.iter().zip(scored) {
        let year = rules
            .year(entry.scenario.performance_year)
            .ok_or_else(|| ReportError::Data("checked: the year is supported".into()))?;
        if !year.origin.starts_with("embedded:")
            && !overridden.iter().any(|(y, _)| *y == year.performance_year)
        {
            overridden.push((year.performance_year, year.origin.clone()));
        }
        scenarios.push(scenario_report(key, entry, result, year, rules, context)?);
    }
    overridden.sort();
    Ok(Report {
        scenarios,
        comparison,
        max_range,
        years: rules.years_text(),
        overridden,
        details: details.tidied(),
        summary,
    })
}

impl Report {
    /// How many scenarios the report holds.
    pub fn scenario_count(&self) -> usize {
        self.scenarios.len()
    }

    /// The report as Markdown (GitHub-flavoured tables, text bars for the band chart).
    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }

    /// The report as one self-contained HTML file: inline CSS (with print styles) and inline
    /// SVG charts; no scripts, no external resources.
    pub fn to_html(&self) -> String {
        html::render(self)
    }

    /// The details the report was given (title, client, author, date, note).
    pub fn details(&self) -> &ReportDetails {
        &self.details
    }

    /// "Small practice, PI not reported" or "A vs B vs C": for titles.
    fn title_labels(&self) -> String {
        self.scenarios
            .iter()
            .map(|s| s.label.as_str())
            .collect::<Vec<_>>()
            .join(" vs ")
    }

    /// The lines every report opens with: what made it and what the markers mean. `user`
    /// makes user-given text (a rules folder's path) safe for the output format.
    fn about(&self, user: impl Fn(&str) -> String) -> About {
        let mut rules = format!(
            "Produced by mips-whatif {VERSION}. The rules for performance years {} are built in: \
             CMS's regulations (42 CFR 414.1380 for the final score, 42 CFR 414.1405 for the \
             payment adjustment), CMS's own publications and, where CMS is silent, secondary \
             sources. Every step of every result below names its source.",
            self.years
        );
        for (y, origin) in &self.overridden {
            rules.push_str(&format!(
                " The rules for PY{y} were read from {}, not the built-in rules.",
                user(origin)
            ));
        }
        About {
            rules,
            confidence: [
                (
                    Confidence::Confirmed,
                    "stated by a regulation or CMS text, or reproduced exactly by real CMS data",
                ),
                (
                    Confidence::Likely,
                    "stated by a secondary source, or the only reading consistent with the confirmed rules",
                ),
                (
                    Confidence::Assumed,
                    "an inference where no source settles it; every assumed rule a result uses is listed under its Assumptions",
                ),
            ],
            scope: "Category scores are taken as entered (this report does not check them against \
                    CMS's benchmarks). Dollar figures apply the adjustment to the Part B allowed \
                    charges entered, assuming the same charges in the payment year. \"What if\" \
                    figures change one category at a time, everything else held."
                .into(),
        }
    }
}

/// The report's opening statements.
struct About {
    rules: String,
    confidence: [(Confidence, &'static str); 3],
    scope: String,
}

fn scenario_report(
    key: &'static str,
    entry: Entry,
    result: ScoreResult,
    year: &YearRules,
    rules: &RuleSet,
    context: &Context,
) -> Result<ScenarioReport, ReportError> {
    let s = &entry.scenario;
    let ov = overview(s, year, &Target::STANDARD, &context.max_range)
        .map_err(|e| ReportError::Data(e.to_string()))?;
    let levers: Vec<Lever> = Category::ALL
        .into_iter()
        .map(|c| lever(s, year, c))
        .collect();
    let biggest = biggest_lever(&levers).and_then(|c| {
        sweep(
            s,
            year,
            c,
            &SweepSpan {
                from: 0.0,
                to: 100.0,
                step: SWEEP_STEP,
            },
        )
        .ok()
    });
    let fs = published_score(result.final_score);
    let band_range = band_ranges(year)
        .into_iter()
        .find(|(b, _, _)| *b == result.band)
        .map_or((fs, fs), |(_, lo, hi)| (lo, hi));
    Ok(ScenarioReport {
        key,
        label: entry.label.clone(),
        source: entry.source.clone(),
        practice: s.practice.clone(),
        inputs: inputs(&entry, &result),
        chart: {
            let (group, reporting, why) = match context.group {
                Some((g, rs)) => (
                    g,
                    rs,
                    format!(
                        "{}, {}: the group chosen in the explorer",
                        g.label(),
                        rs.label().to_lowercase()
                    ),
                ),
                None => {
                    let (g, why) = chart::group_for(&s.practice);
                    (g, ReportingStatus::Overall, why)
                }
            };
            chart::build(
                &result,
                year,
                rules,
                &context.national,
                group,
                reporting,
                why,
                None,
            )
        },
        band_range,
        marginal: ov.marginal,
        points_needed: ov.points_needed,
        biggest,
        levers,
        uncertainty: ov.uncertainty,
        result,
    })
}

/// The category whose score moves the final score most (0 to 100, everything else held):
/// scored categories first, then the span, then CMS's order. `None` when none moves it.
fn biggest_lever(levers: &[Lever]) -> Option<Category> {
    let span = |l: &Lever| l.final_score_at_100 - l.final_score_at_0;
    let mut best: Option<&Lever> = None;
    for l in levers.iter().filter(|l| !l.is_flat() && span(l) > 0.0) {
        let better = match best {
            None => true,
            Some(b) => {
                let (ls, bs) = (!l.scored_for_analysis, !b.scored_for_analysis);
                (ls && !bs) || (ls == bs && span(l) > span(b) + 1e-9)
            }
        };
        if better {
            best = Some(l);
        }
    }
    best.map(|l| l.category)
}

/// The inputs as (label, value) rows.
fn inputs(entry: &Entry, r: &ScoreResult) -> Vec<(String, String)> {
    use crate::format::dollars;
    let s = &entry.scenario;
    let p = &s.practice;
    let mut rows = vec![
        (
            "Performance year → payment year".to_string(),
            format!("{} → {}", s.performance_year, r.payment_year),
        ),
        (
            "Reporting option".into(),
            s.reporting_option.label().to_string(),
        ),
        ("Participation".into(), p.participation.label().to_string()),
        (
            "Clinicians".into(),
            match p.size_label() {
                "large" => p.clinicians.to_string(),
                size => format!("{} ({size} practice)", p.clinicians),
            },
        ),
    ];
    let mut status = Vec::new();
    if p.rural {
        status.push("rural");
    }
    if p.hpsa {
        status.push("HPSA");
    }
    if p.non_patient_facing {
        status.push("non-patient-facing");
    }
    rows.push((
        "Special status".into(),
        if status.is_empty() {
            "none".into()
        } else {
            status.join(", ")
        },
    ));
    rows.push((
        "Submitted data".into(),
        if p.reporting {
            "yes".into()
        } else {
            "no (non-reporting)".into()
        },
    ));
    rows.push((
        "Part B allowed charges".into(),
        p.part_b_allowed_charges
            .map_or("not given (no dollar figures)".into(), dollars),
    ));
    for c in Category::ALL {
        rows.push((
            format!("{} score", c.label()),
            s.scores.get(c).map_or("left out (not scored)".into(), |v| {
                format!("{}%", number(v))
            }),
        ));
    }
    rows.push((
        "Complex patient bonus".into(),
        number(s.complex_patient_bonus),
    ));
    if let Some(m) = s.assumptions.max_positive_adjustment {
        rows.push((
            "Assumed maximum positive adjustment at 100".into(),
            format!("{}%", number(m)),
        ));
    }
    if let Some(m) = s.assumptions.exceptional_bonus_max {
        rows.push((
            "Assumed exceptional bonus at 100".into(),
            format!("{}%", number(m)),
        ));
    }
    rows
}

/// The public documents the rules and the engine cite, for the report's list of sources:
/// (the words a citation names it by, what it is). Every citation in the rules files and the
/// rule trace names one of these documents itself, so a reader can look it up.
const SOURCES: [(&str, &str); 17] = [
    (
        "42 CFR 414.1380",
        "the MIPS final score: performance categories, weights, bonuses, and the redistribution tables (A)–(G) of paragraph (c)(2)(ii); eCFR text as amended through the CY2024 Physician Fee Schedule final rule (88 FR 79535, Nov. 16, 2023)",
    ),
    (
        "42 CFR 414.1367",
        "the APM Performance Pathway: its weights in paragraph (d)(1) and its reweighting in (d)(2); eCFR text",
    ),
    (
        "42 CFR 414.1405",
        "the payment adjustment: the linear scale, the floor at a quarter of the threshold, the scaling factor of at most 3, the exceptional performance bonus, the applicable percent by year; eCFR text",
    ),
    (
        "Social Security Act §1848(q)(6)",
        "the statute behind the applicable percent and the budget-neutral scaling",
    ),
    (
        "Billing-Coding",
        "history of the MIPS maximum positive payment adjustments (payment years 2019–2025)",
    ),
    (
        "MIPS 2022 — Bonuses and Penalties",
        "AAO EyeNet, 2022 (the PY2022 threshold, bonus and maxima)",
    ),
    (
        "SIR, 2023 QPP",
        "Society of Interventional Radiology, 2023 QPP performance results (maximum for payment year 2025: 2.15%)",
    ),
    (
        "Healthmonix",
        "2024 MIPS results and 2026 payment adjustments (its positive side; its negative-side table is not used)",
    ),
    ("ACAAI", "2025 MIPS final policies; with ACP, MIPS (2025)"),
    (
        "Northwest AHEC",
        "CMS text on the 2020 performance year: reweighting (42 CFR 414.1380(c)(2)(ii)(D)), the doubled complex patient bonus and the fewer-than-two-categories rule",
    ),
    (
        "CY2026 Physician Fee Schedule",
        "final rule (summaries): performance threshold 75 for PY2026",
    ),
    (
        "APP improvement activities",
        "CMS QPP, APM Performance Pathway improvement activities (full credit); ACS, APM Performance Pathway 2022",
    ),
    (
        "AAD, MIPS 2025",
        "American Academy of Dermatology, MIPS 2025 guide (traditional MIPS and MVP weights)",
    ),
    (
        "Eyefinity",
        "small-practice accommodations (PI reweighted automatically when a small practice submits no PI data)",
    ),
    (
        "QPP Experience public use file",
        "CMS's per-clinician public file (category scores, final score and payment adjustment), whose rows confirm rules and pin the base/exceptional split where only the total is published",
    ),
    (
        "At-a-Glance",
        "CMS, 2024 QPP Participation and Performance Results At-a-Glance (the national figures for PY2024, by section)",
    ),
    (
        "COVID-19",
        "CMS's COVID-19 relief: the cost performance category weighted 0% for all clinicians in the 2020 and 2021 performance periods (as reported by the ACR and the AAPC)",
    ),
];

/// The sources a rendered text cites, in the order of [`SOURCES`].
fn cited_sources(text: &str) -> Vec<(&'static str, &'static str)> {
    SOURCES
        .iter()
        .filter(|(key, _)| text.contains(key))
        .copied()
        .collect()
}

use crate::format::one_line;

/// Plain sentences shared by the renderers, so Markdown and HTML say the same thing.
mod words {
    use super::*;
    use crate::format::{dollars, percent, signed_dollars, two_decimals};
    use crate::sensitivity::{MarginalKind, Need, RangeKind};

    /// "+0.36% in 2026", or the range first where the maximum is not published.
    pub fn adjustment(s: &ScenarioReport) -> String {
        let r = &s.result;
        let u = &s.uncertainty;
        if u.primary && u.kind == RangeKind::Positive {
            format!("{} to {}", percent(u.low_percent), percent(u.high_percent))
        } else {
            percent(r.payment_adjustment_percent)
        }
    }

    /// What the adjustment figure rests on, under it.
    pub fn adjustment_note(s: &ScenarioReport) -> String {
        let r = &s.result;
        let u = &s.uncertainty;
        let mut parts = vec![format!(
            "PY{} → payment year {}",
            r.performance_year, r.payment_year
        )];
        if r.exceptional_bonus_percent > 0.0 {
            parts.push(format!(
                "{} base + {} exceptional performance bonus",
                percent(r.base_adjustment_percent),
                percent(r.exceptional_bonus_percent)
            ));
        }
        if u.primary && u.kind == RangeKind::Positive {
            parts.push(format!(
                "maximum not yet published; {} assumes {}% at 100 (ASSUMED)",
                percent(u.point_percent),
                number(u.max_point)
            ));
        } else if r.is_assumption_based() {
            parts.push("rests on an ASSUMED maximum".into());
        }
        parts.join("; ")
    }

    /// The dollar figure, or why there is none.
    pub fn dollars_figure(s: &ScenarioReport) -> String {
        let u = &s.uncertainty;
        match (
            u.primary && u.kind == RangeKind::Positive,
            u.low_dollars,
            u.high_dollars,
        ) {
            (true, Some(lo), Some(hi)) => {
                format!("{} to {}", signed_dollars(lo), signed_dollars(hi))
            }
            _ => s.result.dollar_impact.map_or("—".into(), signed_dollars),
        }
    }

    pub fn dollars_note(s: &ScenarioReport) -> String {
        match s.result.part_b_allowed_charges {
            Some(c) => format!(
                "on {} of Part B allowed charges, assuming the same charges in {}",
                dollars(c),
                s.result.payment_year
            ),
            None => "no Part B allowed charges in the scenario".into(),
        }
    }

    /// "Positive (75.01–88.99)".
    pub fn band_range(s: &ScenarioReport) -> String {
        let (lo, hi) = s.band_range;
        if lo == hi {
            format!("final score exactly {}", two_decimals(lo))
        } else {
            format!("final score {}–{}", two_decimals(lo), two_decimals(hi))
        }
    }

    /// "Weights (Quality/Cost/IA/PI): small practice, PI not scored: 40/30/30/0."
    pub fn weights(r: &ScoreResult) -> String {
        if r.fewer_than_two_scored {
            format!("No weights: {}.", r.weights_reason)
        } else {
            format!("Weights (Quality/Cost/IA/PI): {}.", r.weights_reason)
        }
    }

    /// Rows of the category table: category, score used, weight, points, note.
    pub fn category_rows(r: &ScoreResult) -> Vec<[String; 5]> {
        use crate::engine::CategoryStatus;
        use crate::format::weight;
        let mut rows: Vec<[String; 5]> = r
            .categories
            .iter()
            .map(|o| {
                let (score, w, pts) = match o.status {
                    CategoryStatus::Scored if !r.fewer_than_two_scored => (
                        o.score.map_or("—".into(), two_decimals),
                        format!("{}%", weight(o.weight)),
                        two_decimals(o.contribution),
                    ),
                    CategoryStatus::Scored => (
                        o.score.map_or("—".into(), two_decimals),
                        "—".into(),
                        "—".into(),
                    ),
                    CategoryStatus::NotScored => ("not scored".into(), "—".into(), "—".into()),
                    CategoryStatus::Ignored => ("—".into(), "0%".into(), "—".into()),
                };
                [
                    o.category.label().to_string(),
                    score,
                    w,
                    pts,
                    o.note.as_ref().map(ToString::to_string).unwrap_or_default(),
                ]
            })
            .collect();
        if r.complex_patient_bonus > 0.0 {
            rows.push([
                "Complex patient bonus".into(),
                String::new(),
                String::new(),
                format!("+{}", two_decimals(r.complex_patient_bonus)),
                String::new(),
            ]);
        }
        if r.small_practice_bonus > 0.0 {
            rows.push([
                "Small-practice bonus".into(),
                String::new(),
                String::new(),
                format!("+{}", two_decimals(r.small_practice_bonus)),
                "added to the final score".into(),
            ]);
        }
        if r.capped_by > 0.0 {
            rows.push([
                "Cap at 100".into(),
                String::new(),
                String::new(),
                format!("−{}", two_decimals(r.capped_by)),
                String::new(),
            ]);
        }
        rows.push([
            "Final score".into(),
            String::new(),
            String::new(),
            two_decimals(r.final_score),
            if r.fewer_than_two_scored {
                "fewer than two categories scored: the performance threshold".into()
            } else {
                String::new()
            },
        ]);
        rows
    }

    /// Rows of the marginal-value table: category, now, final-score points, adjustment,
    /// dollars, notes.
    pub fn marginal_rows(s: &ScenarioReport) -> Vec<[String; 6]> {
        s.marginal
            .iter()
            .map(|m| {
                let now = m.current.map_or("not scored".into(), number);
                let (fsp, adj, usd) = match m.kind {
                    MarginalKind::Scored => (
                        crate::format::signed(m.final_score_points, 2),
                        match m.adjustment_points_range {
                            Some((l, h)) => format!(
                                "{} to {} pp",
                                crate::format::signed(l, 3),
                                crate::format::signed(h, 3)
                            ),
                            None => format!("{} pp", crate::format::signed(m.adjustment_points, 3)),
                        },
                        match (m.dollars_range, m.dollars) {
                            (Some((l, h)), _) => {
                                format!("{} to {}", signed_dollars(l), signed_dollars(h))
                            }
                            (None, d) => d.map_or("—".into(), signed_dollars),
                        },
                    ),
                    MarginalKind::Flat => ("0.00".into(), "0.000 pp".into(), "$0".into()),
                    MarginalKind::NotScored | MarginalKind::AtMaximum => {
                        ("—".into(), "—".into(), "—".into())
                    }
                };
                let mut notes = m.notes.clone();
                if m.kind == MarginalKind::Scored && m.step < 1.0 {
                    notes.insert(0, format!("+{} to reach 100", number(m.step)));
                    notes.retain(|n| !n.starts_with("only "));
                }
                [
                    m.category.label().to_string(),
                    now,
                    fsp,
                    adj,
                    usd,
                    notes.join("; "),
                ]
            })
            .collect()
    }

    /// Points needed as one table: the target headers, then per category its name (with the
    /// score now) and one cell per target; and the notes under the table.
    pub fn points_table(s: &ScenarioReport) -> (Vec<String>, Vec<Vec<String>>, Vec<String>) {
        let exceptional = s.result.exceptional_bonus_max.is_some();
        let mut headers: Vec<String> = Vec::new();
        let mut notes: Vec<String> = Vec::new();
        let mut rows: Vec<Vec<String>> = Vec::new();
        for p in &s.points_needed {
            let h = target_header(&p.target, exceptional);
            if !headers.contains(&h) {
                headers.push(h);
                if let Some(n) = &p.target.note {
                    notes.push(n.clone());
                }
            }
            let label = format!(
                "{} ({})",
                p.category.label(),
                p.current
                    .map_or("not scored".to_string(), |v| format!("now {}", number(v)))
            );
            match rows.last_mut() {
                Some(r) if r[0] == label => r.push(need_cell(p)),
                _ => rows.push(vec![label, need_cell(p)]),
            }
        }
        notes.insert(
            0,
            "\"Holds down to X\": the score could fall to X and still reach the target. \"Needs X (+d)\": the lowest score that reaches it, d points above the score now, with the adjustment and dollars there. A category not scored now is answered as if scored (which changes the weights).".into(),
        );
        (headers, rows, notes)
    }

    fn target_header(t: &crate::sensitivity::ResolvedTarget, exceptional: bool) -> String {
        use crate::sensitivity::Target;
        match t.target {
            Target::Neutral => format!("No penalty (≥ {})", number(t.final_score)),
            Target::Positive => format!("Positive adjustment (≥ {})", two_decimals(t.final_score)),
            Target::TopBand if exceptional => {
                format!("Exceptional bonus (≥ {})", number(t.final_score))
            }
            Target::TopBand => format!("89+ band (≥ {})", number(t.final_score)),
            Target::FinalScore(x) => format!("Final score ≥ {}", number(x)),
        }
    }

    fn need_cell(p: &PointsNeeded) -> String {
        match &p.need {
            Need::AlreadyReached { lowest_score } => {
                if p.flat.is_some() && !p.scored_for_analysis {
                    return "reached (its score does not count)".into();
                }
                match (p.current, lowest_score) {
                    (Some(_), Some(x)) if *x <= 0.0 => "reached at any score".into(),
                    (Some(_), Some(x)) => format!("reached; holds down to {}", two_decimals(*x)),
                    (None, Some(x)) if *x <= 0.0 => "reached; if scored, any score keeps it".into(),
                    (None, Some(x)) => {
                        format!("reached; if scored, {} or more keeps it", two_decimals(*x))
                    }
                    (None, None) => "reached; scoring it would lose it".into(),
                    (Some(_), None) => "reached".into(),
                }
            }
            Need::Needs { score } => {
                let tail =
                    p.at.map(|a| {
                        let money = match (p.dollars_range, a.dollars) {
                            (Some((l, h)), _) => {
                                format!(", {} to {}", signed_dollars(l), signed_dollars(h))
                            }
                            (None, Some(d)) => format!(", {}", signed_dollars(d)),
                            (None, None) => String::new(),
                        };
                        format!(
                            " → {}{money}",
                            crate::sensitivity::percent_or_range(
                                a.adjustment_percent,
                                p.adjustment_range
                            )
                        )
                    })
                    .unwrap_or_default();
                match p.current {
                    Some(v) => format!(
                        "needs {} (+{}){tail}",
                        two_decimals(*score),
                        two_decimals(score - v)
                    ),
                    None if *score <= 0.0 => format!("score it (any score){tail}"),
                    None => format!("score it at {} or more{tail}", two_decimals(*score)),
                }
            }
            Need::NotReachable { final_score_at_100 } => format!(
                "not reachable alone (max {} at 100)",
                two_decimals(published_score(*final_score_at_100))
            ),
        }
    }

    /// What the sweep shows, in one sentence before the table.
    pub fn sweep_intro(sw: &Sweep) -> String {
        let c = sw.category;
        let mut s = format!(
            "{} moves the final score most: from {} at 0 to {} at 100, everything else held.",
            c.label(),
            two_decimals(sw.lever.final_score_at_0),
            two_decimals(sw.lever.final_score_at_100),
        );
        if let Some(st) = sw.lever.statement() {
            s.push(' ');
            s.push_str(&st);
        }
        s.push_str(&format!(
            " Its score from 0 to 100 in steps of {}:",
            number(sw.span.step)
        ));
        s
    }

    /// Rows of the sweep, with the scenario as it stands inserted in its place: score, final
    /// score, band, adjustment, exceptional bonus, dollars, note; and whether the row is "now".
    pub fn sweep_rows(sw: &Sweep) -> Vec<([String; 7], bool)> {
        let mut rows = Vec::new();
        let now = sw.lever.current.filter(|_| !sw.lever.scored_for_analysis);
        let mut now_done = now.is_none();
        let mut prev: Option<Band> = None;
        let fmt_row = |score: f64,
                       fs: f64,
                       band: Band,
                       adj: f64,
                       exc: f64,
                       usd: Option<f64>,
                       note: String| {
            [
                number(score),
                two_decimals(fs),
                band.label().to_string(),
                percent(adj),
                percent(exc),
                usd.map_or("—".into(), signed_dollars),
                note,
            ]
        };
        for p in &sw.points {
            let q = &p.point;
            if let Some(v) = now
                && !now_done
                && v < q.score - 1e-9
            {
                let n = &sw.now;
                rows.push((
                    fmt_row(
                        v,
                        n.final_score_published,
                        n.band,
                        n.adjustment_percent,
                        n.exceptional_bonus_percent,
                        n.dollars,
                        "now".into(),
                    ),
                    true,
                ));
                now_done = true;
            }
            let mut notes = Vec::new();
            let is_now = now.is_some_and(|v| (v - q.score).abs() < 1e-9);
            if is_now {
                notes.push("now".to_string());
                now_done = true;
            }
            if p.band_change
                && let Some(b) = prev
            {
                notes.push(format!("{} → {}", b.label(), q.band.label()));
            }
            prev = Some(q.band);
            rows.push((
                fmt_row(
                    q.score,
                    q.final_score_published,
                    q.band,
                    q.adjustment_percent,
                    q.exceptional_bonus_percent,
                    q.dollars,
                    notes.join("; "),
                ),
                is_now,
            ));
        }
        rows
    }

    /// Where each band begins along the swept category.
    pub fn band_edge_lines(sw: &Sweep) -> Vec<String> {
        sw.band_edges
            .iter()
            .map(|e| {
                let money =
                    e.at.dollars
                        .map(|d| format!(", {}", signed_dollars(d)))
                        .unwrap_or_default();
                format!(
                    "{} from {} {} (final score {}, {}{money})",
                    e.band.label(),
                    sw.category.short(),
                    two_decimals(e.score),
                    two_decimals(e.at.final_score_published),
                    percent(e.at.adjustment_percent)
                )
            })
            .collect()
    }

    /// Why no sweep is shown.
    pub fn no_sweep(s: &ScenarioReport) -> Vec<String> {
        let mut v = vec!["No category moves the final score on its own here:".to_string()];
        for l in &s.levers {
            v.push(
                l.statement()
                    .unwrap_or_else(|| format!("{}: no effect.", l.category.label())),
            );
        }
        v
    }

    /// The uncertainty statement and, for a positive adjustment, the band of maxima behind it.
    pub fn uncertainty(s: &ScenarioReport, range: &MaxRange) -> (String, Option<String>) {
        (
            s.uncertainty.statement.clone(),
            (s.uncertainty.kind == RangeKind::Positive).then(|| {
                format!(
                    "The band of maxima at a final score of 100, {}%–{}%, is {}: {}.",
                    number(range.low),
                    number(range.high),
                    range.confidence,
                    range.source
                )
            }),
        )
    }

    /// Every assumption the result rests on, plainly: the engine's statements, then each
    /// rule used whose confidence is assumed, then each likely one.
    pub fn assumptions(s: &ScenarioReport) -> (Vec<String>, Vec<String>, Vec<String>) {
        let r = &s.result;
        let stated = r.assumptions.clone();
        let mut assumed = Vec::new();
        let mut likely = Vec::new();
        for (i, t) in r.trace.iter().enumerate() {
            let line = format!(
                "Step {} of the rule trace, \"{}\" (source: {}).",
                i + 1,
                t.title,
                t.source
            );
            match t.confidence {
                Confidence::Assumed => assumed.push(line),
                Confidence::Likely => likely.push(line),
                Confidence::Confirmed => {}
            }
        }
        (stated, assumed, likely)
    }

    /// The chart's caption.
    pub fn chart_title(c: &BandChart) -> String {
        format!(
            "Where clinicians landed: {}, PY{} (national, reporting and non-reporting)",
            c.group.label().to_lowercase(),
            c.data_year
        )
    }

    /// The chart in one sentence (also the SVG's title).
    pub fn chart_summary(c: &BandChart) -> String {
        let g = c.group.label().to_lowercase();
        match c.highlighted_share {
            Some(share) => format!(
                "Share of {g} in each payment adjustment band, PY{}. This scenario's final score, {}, is in the {} band, where {}% of {g} landed.",
                c.data_year,
                two_decimals(c.final_score),
                c.bars
                    .iter()
                    .find(|b| b.highlighted)
                    .map_or(c.band.label(), |b| b.band.label()),
                two_decimals(share)
            ),
            None => format!(
                "Share of {g} in each payment adjustment band, PY{}. This scenario's final score is {} (PY{} band: {}).",
                c.data_year,
                two_decimals(c.final_score),
                c.scenario_year,
                c.band.label()
            ),
        }
    }

    /// Under the chart: why this group, the data's source, the mean and median.
    pub fn chart_notes(c: &BandChart) -> Vec<String> {
        let mut v = vec![format!("Comparison group: {}.", c.why_group)];
        v.extend(c.notes.iter().cloned());
        if let Some((mean, median)) = c.mean_median {
            v.push(format!(
                "All clinicians' final score in PY{}: mean {}, median {}.",
                c.data_year,
                two_decimals(mean),
                two_decimals(median)
            ));
        }
        v.push(format!("Source: {}.", c.source));
        v
    }

    /// "0–18.75", "75", "89–100".
    pub fn range(r: Option<(f64, f64)>) -> String {
        match r {
            Some((lo, hi)) if lo == hi => short(lo),
            Some((lo, hi)) => format!("{}–{}", short(lo), short(hi)),
            None => "—".into(),
        }
    }

    /// A score edge without needless zeros: 0, 18.75, 75.01, 100.
    pub fn short(v: f64) -> String {
        number((v * 100.0).round() / 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

    fn rules() -> RuleSet {
        RuleSet::embedded().unwrap()
    }

    fn group(q: f64) -> Scenario {
        let mut s = Scenario::default_group();
        s.scores.quality = Some(q);
        s
    }

    #[test]
    fn counts_outside_one_to_four_are_refused() {
        let r = rules();
        assert_eq!(build(&[], &r).unwrap_err(), ReportError::Count { given: 0 });
        let five: Vec<Entry> = (0..5)
            .map(|i| Entry::new(i.to_string(), group(80.0)))
            .collect();
        assert_eq!(
            build(&five, &r).unwrap_err(),
            ReportError::Count { given: 5 }
        );
        assert!(build(&five[..1], &r).is_ok());
        assert!(build(&five[..4], &r).is_ok());
    }

    #[test]
    fn invalid_scenarios_are_named_by_key() {
        let mut bad = group(80.0);
        bad.scores.cost = Some(120.0);
        match build(
            &[Entry::new("ok", group(80.0)), Entry::new("bad", bad)],
            &rules(),
        ) {
            Err(ReportError::Invalid { key, label, .. }) => {
                assert_eq!(key, "B");
                assert_eq!(label, "bad");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn only_pairs_and_more_get_a_comparison() {
        let r = rules();
        let one = build(&[Entry::new("a", group(80.0))], &r).unwrap();
        assert!(one.comparison.is_none());
        let two = build(
            &[Entry::new("a", group(80.0)), Entry::new("b", group(90.0))],
            &r,
        )
        .unwrap();
        assert_eq!(two.comparison.as_ref().unwrap().scenarios.len(), 2);
    }

    #[test]
    fn comparison_group_follows_size_then_rural() {
        let mut p = Scenario::default_group().practice;
        assert_eq!(chart::group_for(&p).0, Group::All);
        p.rural = true;
        assert_eq!(chart::group_for(&p).0, Group::Rural);
        p.clinicians = 6;
        assert_eq!(chart::group_for(&p).0, Group::Small);
        p.clinicians = 1;
        assert_eq!(chart::group_for(&p).0, Group::Solo);
    }

    #[test]
    fn the_chart_highlights_the_scenarios_band() {
        let r = rules();
        let rep = build(&[Entry::new("a", group(80.0))], &r).unwrap();
        let chart = rep.scenarios[0].chart.as_ref().unwrap();
        assert_eq!(chart.data_year, 2024);
        let lit: Vec<&chart::Bar> = chart.bars.iter().filter(|b| b.highlighted).collect();
        assert_eq!(lit.len(), 1);
        assert_eq!(lit[0].band, rep.scenarios[0].result.band);
        assert_eq!(
            chart.edges,
            vec![0.0, 18.75, 75.0, POSITIVE_SPLIT_FOR_TEST, 100.0]
        );
    }

    const POSITIVE_SPLIT_FOR_TEST: f64 = crate::engine::POSITIVE_SPLIT_SCORE;

    #[test]
    fn an_older_year_on_another_scale_highlights_nothing_and_says_why() {
        let r = rules();
        let mut s = group(80.0);
        s.performance_year = 2019;
        let rep = build(&[Entry::new("a", s)], &r).unwrap();
        let chart = rep.scenarios[0].chart.as_ref().unwrap();
        assert_ne!(chart.data_year, 2019);
        assert!(chart.bars.iter().all(|b| !b.highlighted));
        assert!(
            chart
                .notes
                .iter()
                .any(|n| n.contains("no band is highlighted"))
        );
        assert_eq!(chart.edges[2], 30.0, "the axis is PY2019's: threshold 30");
    }

    #[test]
    fn the_biggest_lever_prefers_scored_categories_with_the_widest_span() {
        let r = rules();
        let rep = build(&[Entry::new("a", group(80.0))], &r).unwrap();
        let sw = rep.scenarios[0].biggest.as_ref().unwrap();
        // 30/30/15/25: quality and cost tie at 30 points; CMS's order picks quality.
        assert_eq!(sw.category, Category::Quality);
        assert_eq!(sw.points.len(), 11);
    }
}
