//! Comparing 2 to 4 scenarios side by side: their inputs, the weights the engine chose (with
//! the reason and its confidence), the final score, band, payment adjustment and dollars, and
//! the differences of each scenario against the first one.
//!
//! Pure: no I/O, no terminal. [`compare`] scores labelled scenarios with the engine and
//! returns a [`Comparison`]; [`Comparison::sections`] lays it out as display rows (for any
//! front end), [`Comparison::to_text`] and [`Comparison::to_markdown`] render those rows, and
//! the [`Comparison`] itself serializes to JSON with every number unrounded.

mod render;

use serde::Serialize;

use crate::engine::{CategoryStatus, ScoreResult, published_score, score_checked};
use crate::format::{dollars, number, percent, signed, signed_dollars, two_decimals};
use crate::rules::{Category, RuleSet};
use crate::scenario::{Problem, Scenario};
use crate::sensitivity::{AdjustmentUncertainty, MaxRange, adjustment_range_for};

/// Fewest scenarios a comparison takes.
pub const MIN_SCENARIOS: usize = 2;
/// Most scenarios a comparison takes (more would not fit side by side).
pub const MAX_SCENARIOS: usize = 4;

/// The keys the scenarios are shown under, in order.
const KEYS: [&str; MAX_SCENARIOS] = ["A", "B", "C", "D"];

/// One scenario to compare, with the label it is shown under.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// What people call this scenario ("Small practice, PI not reported", "Current", ...).
    pub label: String,
    /// Where it came from (a file path as the user gave it), if anywhere.
    pub source: Option<String>,
    pub scenario: Scenario,
}

impl Entry {
    pub fn new(label: impl Into<String>, scenario: Scenario) -> Entry {
        Entry {
            label: label.into(),
            source: None,
            scenario,
        }
    }

    /// Labelled by the scenario's own name, or by `fallback` (e.g. the file's stem) if it
    /// has none.
    pub fn named(scenario: Scenario, fallback: impl Into<String>) -> Entry {
        let label = scenario
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| fallback.into());
        Entry::new(label, scenario)
    }

    pub fn with_source(mut self, source: impl Into<String>) -> Entry {
        self.source = Some(source.into());
        self
    }
}

/// Why a comparison could not be built.
#[derive(Clone, Debug, PartialEq)]
pub enum CompareError {
    /// Fewer than [`MIN_SCENARIOS`] or more than [`MAX_SCENARIOS`] scenarios.
    Count { given: usize },
    /// A scenario breaks the rules of its year (see [`crate::scenario::check`]).
    Invalid {
        key: String,
        label: String,
        problems: Vec<Problem>,
    },
}

impl std::fmt::Display for CompareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CompareError::Count { given } => write!(
                f,
                "a comparison takes {MIN_SCENARIOS} to {MAX_SCENARIOS} scenarios, got {given}"
            ),
            CompareError::Invalid {
                key,
                label,
                problems,
            } => {
                write!(f, "{key} ({label}) is not valid: ")?;
                let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
                f.write_str(&list.join("; "))
            }
        }
    }
}

impl std::error::Error for CompareError {}

/// How one scenario differs from the baseline (the first scenario).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Difference {
    /// Final score minus the baseline's, in points (unrounded).
    pub final_score_points: f64,
    /// Total payment adjustment minus the baseline's, in percentage points (unrounded).
    pub payment_adjustment_points: f64,
    /// Dollar impact minus the baseline's; None when either has no Part B allowed charges.
    pub dollar_impact: Option<f64>,
    /// The band differs from the baseline's.
    pub band_changed: bool,
    /// The category weights differ from the baseline's.
    pub weights_changed: bool,
    /// Where either year's maximum is not published (PY2025+): the adjustment difference
    /// across the band of maxima, percentage points (smaller, larger), and its dollars.
    pub payment_adjustment_points_range: Option<(f64, f64)>,
    pub dollar_impact_range: Option<(f64, f64)>,
}

impl Difference {
    /// `other` measured against `baseline`.
    pub fn between(baseline: &ScoreResult, other: &ScoreResult) -> Difference {
        Difference {
            final_score_points: other.final_score - baseline.final_score,
            payment_adjustment_points: other.payment_adjustment_percent
                - baseline.payment_adjustment_percent,
            dollar_impact: match (other.dollar_impact, baseline.dollar_impact) {
                (Some(o), Some(b)) => Some(o - b),
                _ => None,
            },
            band_changed: other.band != baseline.band,
            weights_changed: other.weights != baseline.weights
                || other.fewer_than_two_scored != baseline.fewer_than_two_scored,
            payment_adjustment_points_range: None,
            dollar_impact_range: None,
        }
    }
}

/// (low, high) of an adjustment: its range where the maximum is not published, else the
/// point figure twice.
fn ends(r: &ScoreResult, range: Option<&AdjustmentUncertainty>) -> (f64, f64) {
    match range {
        Some(u) => (u.low_percent, u.high_percent),
        None => (r.payment_adjustment_percent, r.payment_adjustment_percent),
    }
}

/// One scenario of a comparison, scored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Compared {
    /// "A", "B", "C" or "D", in the order given.
    pub key: &'static str,
    pub label: String,
    pub source: Option<String>,
    /// The scenario as entered.
    pub inputs: Scenario,
    /// The final score as CMS publishes it (two decimals).
    pub final_score_published: f64,
    pub band_label: &'static str,
    /// The positive adjustment rests on an assumed maximum (not yet published, or set).
    pub assumption_based: bool,
    /// The engine's full result: weights with reason, source and confidence, category
    /// outcomes, adjustment parts, dollars, assumptions and the rule trace.
    pub result: ScoreResult,
    /// Against the baseline; None for the baseline itself.
    pub difference: Option<Difference>,
    /// The adjustment across the band of maxima, where the year's maximum is not published
    /// (PY2025+): the figure to plan with (see [`Comparison::with_ranges`]).
    pub adjustment_range: Option<AdjustmentUncertainty>,
}

/// 2 to 4 scenarios scored side by side, differences measured against the first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// Key of the scenario the differences are measured against: always "A".
    pub baseline: &'static str,
    pub scenarios: Vec<Compared>,
}

/// Score the scenarios with the engine and compare them. The first is the baseline.
pub fn compare(entries: &[Entry], rules: &RuleSet) -> Result<Comparison, CompareError> {
    check_count(entries.len())?;
    let mut scored = Vec::with_capacity(entries.len());
    for (key, entry) in KEYS.iter().zip(entries) {
        let result =
            score_checked(&entry.scenario, rules).map_err(|problems| CompareError::Invalid {
                key: (*key).to_string(),
                label: entry.label.clone(),
                problems,
            })?;
        scored.push((entry.clone(), result));
    }
    // The shipped band is checked by the test suite; were it broken, the point figures stand.
    let compared = compare_scored(scored)?;
    Ok(match MaxRange::embedded() {
        Ok(band) => compared.with_ranges(rules, &band),
        Err(_) => compared,
    })
}

/// Compare scenarios already scored (e.g. by a front end that keeps its results). Each
/// result must be the engine's result for its entry's scenario. The first is the baseline.
pub fn compare_scored(scored: Vec<(Entry, ScoreResult)>) -> Result<Comparison, CompareError> {
    check_count(scored.len())?;
    let baseline = scored[0].1.clone();
    let scenarios = KEYS
        .iter()
        .zip(scored)
        .enumerate()
        .map(|(i, (key, (entry, result)))| Compared {
            key,
            label: entry.label,
            source: entry.source,
            inputs: entry.scenario,
            final_score_published: published_score(result.final_score),
            band_label: result.band.label(),
            assumption_based: result.is_assumption_based(),
            difference: (i > 0).then(|| Difference::between(&baseline, &result)),
            result,
            adjustment_range: None,
        })
        .collect();
    Ok(Comparison {
        baseline: KEYS[0],
        scenarios,
    })
}

impl Comparison {
    /// The comparison with each adjustment of a year whose maximum is not published given as
    /// its range across `band`, and the differences with theirs.
    pub fn with_ranges(mut self, rules: &RuleSet, band: &MaxRange) -> Comparison {
        for c in &mut self.scenarios {
            c.adjustment_range = rules
                .year(c.result.performance_year)
                .map(|y| adjustment_range_for(&c.result, y, band))
                .filter(|u| u.is_primary());
        }
        let Some(base) = self.scenarios.first().cloned() else {
            return self;
        };
        let (b_lo, b_hi) = ends(&base.result, base.adjustment_range.as_ref());
        for c in self.scenarios.iter_mut().skip(1) {
            if base.adjustment_range.is_none() && c.adjustment_range.is_none() {
                continue;
            }
            let (o_lo, o_hi) = ends(&c.result, c.adjustment_range.as_ref());
            let (a, b) = (o_lo - b_lo, o_hi - b_hi);
            let range = (a.min(b), a.max(b));
            if let Some(d) = c.difference.as_mut() {
                d.payment_adjustment_points_range = Some(range);
                d.dollar_impact_range = match (
                    c.result.part_b_allowed_charges,
                    base.result.part_b_allowed_charges,
                ) {
                    (Some(oc), Some(bc)) => {
                        let x = oc * o_lo / 100.0 - bc * b_lo / 100.0;
                        let y = oc * o_hi / 100.0 - bc * b_hi / 100.0;
                        Some((x.min(y), x.max(y)))
                    }
                    _ => None,
                };
            }
        }
        self
    }
}

fn check_count(given: usize) -> Result<(), CompareError> {
    if (MIN_SCENARIOS..=MAX_SCENARIOS).contains(&given) {
        Ok(())
    } else {
        Err(CompareError::Count { given })
    }
}

/// A titled group of rows of the comparison table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Section {
    pub title: String,
    pub rows: Vec<Row>,
}

/// One line of the comparison table: a label and one formatted cell per scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    pub label: String,
    pub cells: Vec<String>,
    /// The scenarios do not all show the same value (for highlighting).
    pub differs: bool,
}

impl Row {
    fn new(label: impl Into<String>, cells: Vec<String>) -> Row {
        let differs = cells.iter().any(|c| c != &cells[0]);
        Row {
            label: label.into(),
            cells,
            differs,
        }
    }
}

/// A line of explanation under the table, for one scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    pub key: &'static str,
    pub text: String,
}

/// Title of the differences section of [`Comparison::sections`].
pub const DIFFERENCES_TITLE: &str = "Differences against A";

impl Comparison {
    /// The scenario the differences are measured against.
    pub fn baseline(&self) -> &Compared {
        &self.scenarios[0]
    }

    /// The table, formatted for display: inputs, scoring, result and differences.
    pub fn sections(&self) -> Vec<Section> {
        let mut out = vec![
            self.input_section(),
            self.scoring_section(),
            self.result_section(),
        ];
        out.push(self.difference_section());
        out
    }

    fn cells(&self, f: impl Fn(&Compared) -> String) -> Vec<String> {
        self.scenarios.iter().map(f).collect()
    }

    fn input_section(&self) -> Section {
        let mut rows = vec![
            Row::new(
                "Performance year → payment",
                self.cells(|c| {
                    format!("{} → {}", c.inputs.performance_year, c.result.payment_year)
                }),
            ),
            Row::new(
                "Reporting option",
                self.cells(|c| c.inputs.reporting_option.label().to_string()),
            ),
            Row::new(
                "Participation",
                self.cells(|c| c.inputs.practice.participation.label().to_string()),
            ),
            Row::new(
                "Clinicians",
                self.cells(|c| {
                    let p = &c.inputs.practice;
                    if p.is_small() {
                        format!("{} ({})", p.clinicians, p.size_label())
                    } else {
                        p.clinicians.to_string()
                    }
                }),
            ),
            Row::new(
                "Special status",
                self.cells(|c| {
                    let p = &c.inputs.practice;
                    let mut s = Vec::new();
                    if p.rural {
                        s.push("rural");
                    }
                    if p.hpsa {
                        s.push("HPSA");
                    }
                    if p.non_patient_facing {
                        s.push("non-patient-facing");
                    }
                    if s.is_empty() {
                        "—".into()
                    } else {
                        s.join(", ")
                    }
                }),
            ),
            Row::new(
                "Submitted data",
                self.cells(|c| {
                    if c.inputs.practice.reporting {
                        "yes".into()
                    } else {
                        "NO (non-reporting)".into()
                    }
                }),
            ),
            Row::new(
                "Part B allowed charges",
                self.cells(|c| {
                    c.inputs
                        .practice
                        .part_b_allowed_charges
                        .map_or("—".into(), dollars)
                }),
            ),
        ];
        for cat in Category::ALL {
            rows.push(Row::new(
                format!("{} %", cat.label()),
                self.cells(|c| c.inputs.scores.get(cat).map_or("left out".into(), number)),
            ));
        }
        rows.push(Row::new(
            "Complex patient bonus",
            self.cells(|c| number(c.inputs.complex_patient_bonus)),
        ));
        if self
            .scenarios
            .iter()
            .any(|c| c.inputs.assumptions.max_positive_adjustment.is_some())
        {
            rows.push(Row::new(
                "Assumed max positive at 100",
                self.cells(|c| {
                    c.inputs
                        .assumptions
                        .max_positive_adjustment
                        .map_or("—".into(), |m| format!("{}%", number(m)))
                }),
            ));
        }
        if self
            .scenarios
            .iter()
            .any(|c| c.inputs.assumptions.exceptional_bonus_max.is_some())
        {
            rows.push(Row::new(
                "Assumed exceptional max at 100",
                self.cells(|c| {
                    c.inputs
                        .assumptions
                        .exceptional_bonus_max
                        .map_or("—".into(), |m| format!("{}%", number(m)))
                }),
            ));
        }
        Section {
            title: "Inputs".into(),
            rows,
        }
    }

    fn scoring_section(&self) -> Section {
        let mut rows = vec![
            Row::new("Scored as", self.cells(|c| c.result.scoring.to_string())),
            Row::new(
                "Performance threshold",
                self.cells(|c| number(c.result.performance_threshold)),
            ),
            Row::new(
                "Weights Q/C/IA/PI",
                self.cells(|c| {
                    if c.result.fewer_than_two_scored {
                        "none (< 2 scored)".into()
                    } else {
                        c.result.weights.to_string()
                    }
                }),
            ),
            Row::new(
                "Weights confidence",
                self.cells(|c| c.result.weights_confidence.to_string()),
            ),
        ];
        for cat in Category::ALL {
            rows.push(Row::new(
                format!("{} points", cat.short()),
                self.cells(|c| {
                    let o = c.result.category(cat);
                    match o.status {
                        CategoryStatus::Scored if c.result.fewer_than_two_scored => "—".into(),
                        CategoryStatus::Scored => two_decimals(o.contribution),
                        CategoryStatus::NotScored => "not scored".into(),
                        CategoryStatus::Ignored => "weight 0".into(),
                    }
                }),
            ));
        }
        rows.push(Row::new(
            "Bonus points",
            self.cells(|c| {
                let b = c.result.complex_patient_bonus + c.result.small_practice_bonus;
                if b > 0.0 {
                    format!("+{}", two_decimals(b))
                } else {
                    "0.00".into()
                }
            }),
        ));
        if self.scenarios.iter().any(|c| c.result.capped_by > 0.0) {
            rows.push(Row::new(
                "Lost to the cap at 100",
                self.cells(|c| two_decimals(c.result.capped_by)),
            ));
        }
        Section {
            title: "Scoring".into(),
            rows,
        }
    }

    fn result_section(&self) -> Section {
        let mut rows = vec![
            Row::new(
                "Final score",
                self.cells(|c| two_decimals(c.result.final_score)),
            ),
            Row::new("Band", self.cells(|c| c.band_label.to_string())),
            Row::new(
                "Payment adjustment",
                self.cells(|c| match &c.adjustment_range {
                    Some(u) => u.percent_text(),
                    None => percent(c.result.payment_adjustment_percent),
                }),
            ),
        ];
        if self
            .scenarios
            .iter()
            .any(|c| c.result.exceptional_bonus_percent > 0.0)
        {
            rows.push(Row::new(
                "  of which exceptional bonus",
                self.cells(|c| percent(c.result.exceptional_bonus_percent)),
            ));
        }
        rows.push(Row::new(
            "Positive max at 100 (base)",
            self.cells(|c| {
                format!(
                    "{}% {}",
                    number(c.result.max_positive_adjustment),
                    if c.result.max_positive_origin == crate::engine::MaxPositiveOrigin::Published {
                        c.result.max_positive_basis.short_label()
                    } else {
                        "ASSUMED"
                    }
                )
            }),
        ));
        rows.push(Row::new(
            "Dollar impact",
            self.cells(
                |c| match c.adjustment_range.as_ref().and_then(|u| u.dollars_text()) {
                    Some(d) => d,
                    None => c.result.dollar_impact.map_or("—".into(), signed_dollars),
                },
            ),
        ));
        rows.push(Row::new(
            "Result confidence",
            self.cells(|c| c.result.confidence.to_string()),
        ));
        Section {
            title: "Result".into(),
            rows,
        }
    }

    fn difference_section(&self) -> Section {
        let diff_cells = |f: &dyn Fn(&Difference) -> String| -> Vec<String> {
            self.scenarios
                .iter()
                .map(|c| c.difference.as_ref().map_or("baseline".into(), f))
                .collect()
        };
        let rows = vec![
            Row {
                differs: false,
                ..Row::new(
                    "Final score",
                    diff_cells(&|d| format!("{} pts", signed(d.final_score_points, 2))),
                )
            },
            Row {
                differs: false,
                ..Row::new(
                    "Payment adjustment",
                    diff_cells(&|d| match d.payment_adjustment_points_range {
                        Some((l, h)) => {
                            format!("{} to {} pp", signed(l, 2), signed(h, 2))
                        }
                        None => format!("{} pp", signed(d.payment_adjustment_points, 2)),
                    }),
                )
            },
            Row {
                differs: false,
                ..Row::new(
                    "Dollar impact",
                    diff_cells(&|d| match d.dollar_impact_range {
                        Some((l, h)) => format!("{} to {}", signed_dollars(l), signed_dollars(h)),
                        None => d.dollar_impact.map_or("—".into(), signed_dollars),
                    }),
                )
            },
            Row {
                differs: false,
                ..Row::new(
                    "Band",
                    self.scenarios
                        .iter()
                        .map(|c| match &c.difference {
                            None => "baseline".into(),
                            Some(d) if d.band_changed => format!("→ {}", c.band_label),
                            Some(_) => "same".into(),
                        })
                        .collect(),
                )
            },
            Row {
                differs: false,
                ..Row::new(
                    "Weights",
                    self.scenarios
                        .iter()
                        .map(|c| match &c.difference {
                            None => "baseline".into(),
                            Some(d) if d.weights_changed => {
                                if c.result.fewer_than_two_scored {
                                    "→ none".into()
                                } else {
                                    format!("→ {}", c.result.weights)
                                }
                            }
                            Some(_) => "same".into(),
                        })
                        .collect(),
                )
            },
        ];
        Section {
            title: DIFFERENCES_TITLE.into(),
            rows,
        }
    }

    /// Why each scenario got its weights, with the rule's confidence and source.
    pub fn weight_notes(&self) -> Vec<Note> {
        self.scenarios
            .iter()
            .map(|c| Note {
                key: c.key,
                text: format!(
                    "{} — {} ({})",
                    c.result.weights_reason, c.result.weights_confidence, c.result.weights_source
                ),
            })
            .collect()
    }

    /// Categories not taken as entered: not scored, weighted 0, full credit, non-reporting zeros.
    pub fn category_notes(&self) -> Vec<Note> {
        let mut out = Vec::new();
        for c in &self.scenarios {
            for o in &c.result.categories {
                if let Some(n) = &o.note {
                    out.push(Note {
                        key: c.key,
                        text: format!("{}: {n}", o.category.label()),
                    });
                }
            }
        }
        out
    }

    /// Every assumption a result rests on (assumed maxima, assumed weight rows, ...).
    pub fn assumption_notes(&self) -> Vec<Note> {
        self.scenarios
            .iter()
            .flat_map(|c| {
                c.result.assumptions.iter().map(|a| Note {
                    key: c.key,
                    text: a.clone(),
                })
            })
            .collect()
    }

    /// A readable, aligned plain-text table with notes.
    pub fn to_text(&self) -> String {
        render::text(self)
    }

    /// A GitHub-flavoured markdown table, then the differences and notes.
    pub fn to_markdown(&self) -> String {
        render::markdown(self)
    }

    /// The side-by-side Markdown table alone (no differences, no notes), under `header`: its
    /// first cell heads the row labels, then one per scenario. Differing values are in bold.
    pub fn markdown_main_table(&self, header: &[String]) -> String {
        render::markdown_main_table(self, header)
    }

    /// The differences against the first scenario as Markdown tables, each under a heading of
    /// level `heading` (such as `###`).
    pub fn markdown_difference_tables(&self, heading: &str) -> String {
        render::markdown_difference_tables(self, heading)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> RuleSet {
        RuleSet::embedded().unwrap()
    }

    fn group(q: f64) -> Scenario {
        let mut s = Scenario::default_group();
        s.scores.quality = Some(q);
        s
    }

    #[test]
    fn counts_outside_two_to_four_are_refused() {
        let r = rules();
        let one = vec![Entry::new("a", group(80.0))];
        assert_eq!(
            compare(&one, &r).unwrap_err(),
            CompareError::Count { given: 1 }
        );
        let five: Vec<Entry> = (0..5)
            .map(|i| Entry::new(i.to_string(), group(80.0)))
            .collect();
        assert_eq!(
            compare(&five, &r).unwrap_err(),
            CompareError::Count { given: 5 }
        );
        assert_eq!(
            compare(&[], &r).unwrap_err(),
            CompareError::Count { given: 0 }
        );
    }

    #[test]
    fn invalid_scenarios_are_reported_with_their_key() {
        let r = rules();
        let mut bad = group(80.0);
        bad.performance_year = 2031;
        let err =
            compare(&[Entry::new("ok", group(80.0)), Entry::new("bad", bad)], &r).unwrap_err();
        match err {
            CompareError::Invalid {
                key,
                label,
                problems,
            } => {
                assert_eq!(key, "B");
                assert_eq!(label, "bad");
                assert_eq!(problems[0].field, "performance_year");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn differences_are_against_the_first() {
        let r = rules();
        let c = compare(
            &[Entry::new("a", group(80.0)), Entry::new("b", group(90.0))],
            &r,
        )
        .unwrap();
        assert_eq!(c.baseline().key, "A");
        assert!(c.scenarios[0].difference.is_none());
        let d = c.scenarios[1].difference.unwrap();
        assert!((d.final_score_points - 3.0).abs() < 1e-9);
        assert!(d.payment_adjustment_points > 0.0);
        assert!(d.dollar_impact.unwrap() > 0.0);
        assert!(!d.weights_changed);
        let sections = c.sections();
        assert_eq!(sections.len(), 4);
        assert!(
            sections
                .iter()
                .all(|s| s.rows.iter().all(|r| r.cells.len() == 2))
        );
    }

    #[test]
    fn named_falls_back_when_the_name_is_missing_or_blank() {
        let mut s = group(80.0);
        s.name = None;
        assert_eq!(Entry::named(s.clone(), "file").label, "file");
        s.name = Some("  ".into());
        assert_eq!(Entry::named(s.clone(), "file").label, "file");
        s.name = Some("Mine".into());
        assert_eq!(Entry::named(s, "file").label, "Mine");
    }
}
