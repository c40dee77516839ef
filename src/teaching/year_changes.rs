//! What changed between two performance years, in plain words generated from the rules data
//! ("Performance threshold 60 → 75", "Base weights 40/20/15/25 → 30/30/15/25", new
//! small-practice redistribution rows...), and what the change does to a scenario: the same
//! inputs scored under both years, side by side.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::timeline::{CellValue, Column, differs, small_practice_bonus_words};
use crate::engine::{self, Band, ScoreResult};
use crate::format::{number, two_decimals};
use crate::national::National;
use crate::rules::{
    CategorySet, Confidence, Pathway, PracticeScope, RuleSet, WeightRow, Weights, YearRules,
};
use crate::scenario::Scenario;

/// What a change is about, in the order changes are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    PerformanceThreshold,
    ApplicablePercent,
    Weights,
    Redistribution,
    ComplexPatientBonus,
    SmallPracticeBonus,
    SmallPracticePiReweighting,
    ExceptionalBonus,
    MaximumAdjustment,
    ReportingOptions,
    NationalResults,
}

impl Topic {
    /// The heading changes of this topic are listed under.
    pub fn heading(self) -> &'static str {
        match self {
            Topic::PerformanceThreshold => "Performance threshold",
            Topic::ApplicablePercent => "Applicable percent",
            Topic::Weights => "Weights",
            Topic::Redistribution => "Redistribution when categories are not scored",
            Topic::ComplexPatientBonus => "Complex patient bonus",
            Topic::SmallPracticeBonus => "Small-practice bonus",
            Topic::SmallPracticePiReweighting => "Small practices and PI",
            Topic::ExceptionalBonus => "Exceptional performance bonus",
            Topic::MaximumAdjustment => "Maximum positive adjustment",
            Topic::ReportingOptions => "Reporting options",
            Topic::NationalResults => "National results",
        }
    }
}

/// One thing that changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub topic: Topic,
    /// The change in plain words.
    pub text: String,
    /// The value before and after, as shown (None: did not exist).
    pub from: Option<String>,
    pub to: Option<String>,
    /// How sure the rules are of the new value (of the old one, for a rule that ended).
    pub confidence: Confidence,
    pub source: String,
}

/// Everything that changed from `since` to `year`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearChanges {
    pub year: u16,
    pub since: u16,
    /// In [`Topic`] order.
    pub changes: Vec<Change>,
}

impl YearChanges {
    /// The changes from the year before `year` (None when the rules have no year before).
    pub fn from_previous(rules: &RuleSet, national: &National, year: u16) -> Option<YearChanges> {
        let since = year.checked_sub(1)?;
        Self::between(rules, national, year, since)
    }

    /// The changes from `since` to `year` (None when either year is not in the rules).
    pub fn between(
        rules: &RuleSet,
        national: &National,
        year: u16,
        since: u16,
    ) -> Option<YearChanges> {
        let after = rules.year(year)?;
        let before = rules.year(since)?;
        let mut changes = Vec::new();
        cell_changes(before, after, national, &mut changes);
        bonus_ends(rules, after, &mut changes);
        exceptional_maximum(before, after, &mut changes);
        pi_reweighting(before, after, &mut changes);
        reporting_options(before, after, &mut changes);
        redistribution(before, after, &mut changes);
        changes.sort_by_key(|c| c.topic);
        Some(YearChanges {
            year,
            since,
            changes,
        })
    }

    /// The changes grouped under their topic, in order.
    pub fn by_topic(&self) -> Vec<(Topic, Vec<&Change>)> {
        let mut groups: Vec<(Topic, Vec<&Change>)> = Vec::new();
        for c in &self.changes {
            match groups.last_mut() {
                Some((t, list)) if *t == c.topic => list.push(c),
                _ => groups.push((c.topic, vec![c])),
            }
        }
        groups
    }

    /// Changes to the rules (everything but the national results).
    pub fn rule_changes(&self) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(|c| c.topic != Topic::NationalResults)
    }
}

fn change(
    topic: Topic,
    text: String,
    from: Option<String>,
    to: Option<String>,
    confidence: Confidence,
    source: &str,
) -> Change {
    Change {
        topic,
        text,
        from,
        to,
        confidence,
        source: source.to_string(),
    }
}

/// The changes the timeline's cells show, worded.
fn cell_changes(before: &YearRules, after: &YearRules, national: &National, out: &mut Vec<Change>) {
    let (py0, py1) = (before.performance_year, after.performance_year);
    let old = super::timeline::year_cells(before, national);
    let new = super::timeline::year_cells(after, national);
    for (a, b) in old.iter().zip(&new) {
        if !differs(a, b) {
            continue;
        }
        // A rule that ended has no source of its own: cite the last year it had.
        let (confidence, source) = match (b.confidence, &b.source, a.confidence, &a.source) {
            (Some(c), Some(s), _, _) => (c, s.as_str()),
            (_, _, Some(c), Some(s)) => (c, s.as_str()),
            _ => (Confidence::Confirmed, ""),
        };
        let from = (a.value != CellValue::None).then(|| a.text.clone());
        let to = (b.value != CellValue::None).then(|| b.text.clone());
        let push = |out: &mut Vec<Change>, topic: Topic, text: String| {
            out.push(change(
                topic,
                text,
                from.clone(),
                to.clone(),
                confidence,
                source,
            ));
        };
        match b.column {
            Column::PerformanceThreshold => push(
                out,
                Topic::PerformanceThreshold,
                format!(
                    "Performance threshold {} → {} points: the score for no adjustment, and the \
                     cliff to the full −{}% moves from {} to {}",
                    a.text,
                    b.text,
                    number(after.ap()),
                    number(before.pt() / 4.0),
                    number(after.pt() / 4.0)
                ),
            ),
            Column::ApplicablePercent => push(
                out,
                Topic::ApplicablePercent,
                format!(
                    "Applicable percent ±{} → ±{}: the most a payment can go down",
                    a.text, b.text
                ),
            ),
            Column::BaseWeights => {
                let (
                    CellValue::Weights {
                        base: base0,
                        applied: applied0,
                    },
                    CellValue::Weights {
                        base: base1,
                        applied: applied1,
                    },
                ) = (&a.value, &b.value)
                else {
                    continue;
                };
                if base0 != base1 {
                    out.push(change(
                        Topic::Weights,
                        format!("Base weights (Quality/Cost/IA/PI) {base0} → {base1}"),
                        Some(base0.to_string()),
                        Some(base1.to_string()),
                        confidence,
                        source,
                    ));
                }
                if applied0 != applied1 && (applied0 != base0 || applied1 != base1) {
                    let (_, reason, engine_confidence, engine_source) =
                        super::timeline::applied_full_weights(after);
                    let flag = after
                        .cost_reweighted_for_all()
                        .or(before.cost_reweighted_for_all());
                    let (applied_confidence, applied_source) = match flag {
                        Some(c) => (c.confidence, c.source.clone()),
                        None => (engine_confidence, engine_source),
                    };
                    let text = match (applied1 != base1, after.cost_reweighted_for_all()) {
                        (true, Some(_)) => format!(
                            "Cost weighted 0% for all clinicians in PY{py1}: a practice reporting \
                             all four categories gets {applied1}, not the base {base1}"
                        ),
                        (true, None) => format!(
                            "A practice reporting all four categories gets {applied1}, not the \
                             base {base1}: {}",
                            lower_first(&reason)
                        ),
                        (false, _) if before.cost_reweighted_for_all().is_some() => format!(
                            "Cost counts again: a practice reporting all four categories gets the \
                             base weights {applied1} (PY{py0}: {applied0}, cost weighted 0% for all)"
                        ),
                        (false, _) => format!(
                            "A practice reporting all four categories gets the base weights \
                             {applied1} again (PY{py0}: {applied0})"
                        ),
                    };
                    out.push(change(
                        Topic::Weights,
                        text,
                        Some(applied0.to_string()),
                        Some(applied1.to_string()),
                        applied_confidence,
                        &applied_source,
                    ));
                }
            }
            Column::ExceptionalThreshold => {
                let text = match (&from, &to) {
                    (Some(f), Some(t)) => format!(
                        "Exceptional performance threshold {f} → {t}: the final score where the \
                         exceptional bonus starts"
                    ),
                    (None, Some(t)) => {
                        format!("The exceptional performance bonus starts at a final score of {t}")
                    }
                    (Some(f), None) => format!(
                        "No exceptional performance bonus in PY{py1} (PY{py0}'s started at {f})"
                    ),
                    (None, None) => continue,
                };
                push(out, Topic::ExceptionalBonus, text);
            }
            Column::ComplexPatientBonusMax => {
                let text = if a.value == CellValue::Number(0.0) {
                    format!("The complex patient bonus starts: up to {} points", b.text)
                } else if b.value == CellValue::Number(0.0) {
                    "No complex patient bonus".to_string()
                } else {
                    format!(
                        "Complex patient bonus maximum {} → {} points",
                        a.text, b.text
                    )
                };
                push(out, Topic::ComplexPatientBonus, text);
            }
            Column::SmallPracticeBonus => push(
                out,
                Topic::SmallPracticeBonus,
                format!(
                    "Small-practice bonus: {} → {}",
                    small_practice_bonus_words(&before.small_practice_bonus.value),
                    small_practice_bonus_words(&after.small_practice_bonus.value)
                ),
            ),
            Column::PublishedMaximum => {
                let text = match (&from, &to) {
                    (Some(f), Some(t)) => {
                        format!("Maximum positive adjustment at a final score of 100: {f} → {t}")
                    }
                    (Some(f), None) => format!(
                        "Maximum positive adjustment at 100 not yet published for PY{py1} \
                         (PY{py0}: {f}){}",
                        b.note.as_ref().map_or(String::new(), |n| format!("; {n}"))
                    ),
                    (None, Some(t)) => {
                        format!("Maximum positive adjustment at 100 published: {t}")
                    }
                    (None, None) => continue,
                };
                push(out, Topic::MaximumAdjustment, text);
            }
            Column::NationalMean | Column::NationalMedian => push(
                out,
                Topic::NationalResults,
                format!(
                    "{} {} → {} (PY{py0} → PY{py1})",
                    b.column.label(),
                    a.text,
                    b.text
                ),
            ),
        }
    }
}

/// "PY2022 is the last year of the exceptional bonus" when the year after has none.
fn bonus_ends(rules: &RuleSet, after: &YearRules, out: &mut Vec<Change>) {
    let py = after.performance_year;
    let (Some(e), Some(next)) = (&after.exceptional_bonus, rules.year(py + 1)) else {
        return;
    };
    if next.exceptional_bonus.is_none() {
        out.push(change(
            Topic::ExceptionalBonus,
            format!(
                "PY{py} is the last year of the exceptional performance bonus (none from PY{})",
                py + 1
            ),
            None,
            None,
            e.threshold.confidence,
            &e.threshold.source,
        ));
    }
}

fn exceptional_maximum(before: &YearRules, after: &YearRules, out: &mut Vec<Change>) {
    if let (Some(a), Some(b)) = (&before.exceptional_bonus, &after.exceptional_bonus)
        && a.max_at_100.value != b.max_at_100.value
    {
        let (f, t) = (
            format!("{}%", number(a.max_at_100.value)),
            format!("{}%", number(b.max_at_100.value)),
        );
        out.push(change(
            Topic::ExceptionalBonus,
            format!("Exceptional bonus at a final score of 100: {f} → {t}"),
            Some(f),
            Some(t),
            b.max_at_100.confidence,
            &b.max_at_100.source,
        ));
    }
}

fn pi_reweighting(before: &YearRules, after: &YearRules, out: &mut Vec<Change>) {
    let on = |y: &YearRules| {
        y.small_practice_pi_reweighting
            .as_ref()
            .filter(|c| c.value)
            .cloned()
    };
    match (on(before), on(after)) {
        (None, Some(c)) => out.push(change(
            Topic::SmallPracticePiReweighting,
            "A small practice that submits no PI data has PI reweighted automatically (new)".into(),
            None,
            Some("automatic".into()),
            c.confidence,
            &c.source,
        )),
        (Some(c), None) => out.push(change(
            Topic::SmallPracticePiReweighting,
            "Small practices no longer have PI reweighted automatically".into(),
            Some("automatic".into()),
            None,
            c.confidence,
            &c.source,
        )),
        _ => {}
    }
}

fn reporting_options(before: &YearRules, after: &YearRules, out: &mut Vec<Change>) {
    let mvp = |y: &YearRules| y.mvp.as_ref().filter(|c| c.value).cloned();
    match (mvp(before), mvp(after)) {
        (None, Some(c)) => out.push(change(
            Topic::ReportingOptions,
            "MIPS Value Pathways (MVPs) can be reported (new)".into(),
            None,
            Some("MVP".into()),
            c.confidence,
            &c.source,
        )),
        (Some(c), None) => out.push(change(
            Topic::ReportingOptions,
            "No MVP reporting".into(),
            Some("MVP".into()),
            None,
            c.confidence,
            &c.source,
        )),
        _ => {}
    }
    match (&before.app, &after.app) {
        (None, Some(b)) => out.push(change(
            Topic::ReportingOptions,
            format!("The {} can be reported (new)", b.name),
            None,
            Some(b.name.clone()),
            b.ia_full_credit.confidence,
            &b.ia_full_credit.source,
        )),
        (Some(a), None) => out.push(change(
            Topic::ReportingOptions,
            format!("No {}", a.name),
            Some(a.name.clone()),
            None,
            a.ia_full_credit.confidence,
            &a.ia_full_credit.source,
        )),
        (Some(a), Some(b)) if a.name != b.name => out.push(change(
            Topic::ReportingOptions,
            format!("APM scoring: the {} replaces the {}", b.name, a.name),
            Some(a.name.clone()),
            Some(b.name.clone()),
            b.ia_full_credit.confidence,
            &b.ia_full_credit.source,
        )),
        _ => {}
    }
    if let (Some(a), Some(b)) = (&before.app, &after.app)
        && a.ia_full_credit.value != b.ia_full_credit.value
    {
        out.push(change(
            Topic::ReportingOptions,
            if b.ia_full_credit.value {
                format!(
                    "Improvement activities get full credit under the {}",
                    b.name
                )
            } else {
                format!(
                    "Improvement activities no longer get full credit under the {}",
                    b.name
                )
            },
            None,
            None,
            b.ia_full_credit.confidence,
            &b.ia_full_credit.source,
        ));
    }
    let ia = |y: &YearRules| y.apm_participant_ia_minimum.clone();
    match (ia(before), ia(after)) {
        (Some(a), Some(b)) if a.value != b.value => out.push(change(
            Topic::ReportingOptions,
            format!(
                "MIPS APM participants reporting traditional MIPS: at least {}% → {}% IA credit",
                number(a.value),
                number(b.value)
            ),
            Some(format!("{}%", number(a.value))),
            Some(format!("{}%", number(b.value))),
            b.confidence,
            &b.source,
        )),
        (None, Some(b)) => out.push(change(
            Topic::ReportingOptions,
            format!(
                "MIPS APM participants reporting traditional MIPS get at least {}% IA credit (new)",
                number(b.value)
            ),
            None,
            Some(format!("{}%", number(b.value))),
            b.confidence,
            &b.source,
        )),
        _ => {}
    }
}

/// "Cost not scored" → "cost not scored".
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Which rows a weight row is: its pathway, its practices and what is not scored.
type RowKey = (Pathway, PracticeScope, CategorySet);

/// "Small practice, Cost + PI not scored", "APP, quality not scored".
pub fn row_label(row: &WeightRow, app_name: Option<&str>) -> String {
    let mut words = Vec::new();
    if row.pathway == Pathway::App {
        words.push(app_name.unwrap_or("APP").to_string());
    }
    if row.practice == PracticeScope::Small {
        words.push("small practice".to_string());
    }
    let not_scored = if row.not_scored.is_empty() {
        "all categories scored".to_string()
    } else {
        format!(
            "{} not scored",
            row.not_scored
                .iter()
                .map(|c| c.short())
                .collect::<Vec<_>>()
                .join(" + ")
        )
    };
    words.push(not_scored);
    let mut s = words.join(", ");
    if let Some(first) = s.get(..1) {
        let upper = first.to_uppercase();
        s.replace_range(..1, &upper);
    }
    s
}

/// Rows added, dropped or re-weighted (the full rows are the "Base weights" change).
fn redistribution(before: &YearRules, after: &YearRules, out: &mut Vec<Change>) {
    let rows = |y: &YearRules| -> BTreeMap<RowKey, WeightRow> {
        y.weight_rows
            .iter()
            .filter(|r| {
                !(r.pathway == Pathway::Traditional
                    && r.practice == PracticeScope::Any
                    && r.not_scored.is_empty())
            })
            .map(|r| ((r.pathway, r.practice, r.not_scored), r.clone()))
            .collect()
    };
    let (old, new) = (rows(before), rows(after));
    let app_name = after
        .app
        .as_ref()
        .or(before.app.as_ref())
        .map(|a| a.name.as_str());
    let keys: BTreeSet<&RowKey> = old.keys().chain(new.keys()).collect();
    let first_small_rows = !old.keys().any(|k| k.1 == PracticeScope::Small);
    let mut same_as_any: Vec<&WeightRow> = Vec::new();
    let mut differing = 0;
    let at = out.len();
    for key in keys {
        match (old.get(key), new.get(key)) {
            (Some(a), Some(b)) if a.weights != b.weights => out.push(change(
                Topic::Redistribution,
                format!("{}: {} → {}", row_label(b, app_name), a.weights, b.weights),
                Some(a.weights.to_string()),
                Some(b.weights.to_string()),
                b.confidence,
                &b.source,
            )),
            (None, Some(b)) => {
                let any = (b.practice == PracticeScope::Small)
                    .then(|| after.weight_row(b.pathway, false, b.not_scored))
                    .flatten();
                if let Some(any) = any
                    && any.weights == b.weights
                {
                    // The same weights as every other practice: counted in the summary.
                    same_as_any.push(b);
                    continue;
                }
                if any.is_some() {
                    differing += 1;
                }
                let instead = any.map_or(String::new(), |any| {
                    format!(" (other practices: {})", any.weights)
                });
                let what = if b.practice == PracticeScope::Small && first_small_rows {
                    "a row of their own"
                } else {
                    "new row"
                };
                out.push(change(
                    Topic::Redistribution,
                    format!(
                        "{}: {}{instead} — {what}",
                        row_label(b, app_name),
                        b.weights
                    ),
                    None,
                    Some(b.weights.to_string()),
                    b.confidence,
                    &b.source,
                ));
            }
            (Some(a), None) => {
                let now = after
                    .weight_row(a.pathway, false, a.not_scored)
                    .map_or("no row".to_string(), |r| r.weights.to_string());
                out.push(change(
                    Topic::Redistribution,
                    format!(
                        "{}: {} → {now} — the row is dropped",
                        row_label(a, app_name),
                        a.weights
                    ),
                    Some(a.weights.to_string()),
                    None,
                    a.confidence,
                    &a.source,
                ));
            }
            _ => {}
        }
    }
    if let Some(first) = same_as_any.first() {
        let text = if first_small_rows {
            format!(
                "Small practices get a redistribution table of their own: {} rows, {} the same as \
                 for other practices{}",
                same_as_any.len() + differing,
                same_as_any.len(),
                if differing > 0 {
                    format!("; {differing} differ (below)")
                } else {
                    String::new()
                }
            )
        } else {
            format!(
                "{} new small-practice rows with the same weights as for other practices",
                same_as_any.len()
            )
        };
        out.insert(
            at,
            change(
                Topic::Redistribution,
                text,
                None,
                None,
                first.confidence,
                &first.source,
            ),
        );
    }
}

// ---- what a change does to a scenario -------------------------------------------------------

/// One scenario's inputs scored under one year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearOutcome {
    pub performance_year: u16,
    pub payment_year: u16,
    /// The final score as CMS publishes it (two decimals).
    pub final_score: f64,
    pub weights: Weights,
    pub weights_reason: String,
    pub band: Band,
    /// Total payment adjustment, percent.
    pub payment_adjustment_percent: f64,
    pub dollar_impact: Option<f64>,
    /// The weakest confidence of the rules applied.
    pub confidence: Confidence,
    /// What had to change for the inputs to be valid in this year, in words.
    pub adjusted: Vec<String>,
}

impl YearOutcome {
    fn of(result: &ScoreResult, adjusted: Vec<String>) -> YearOutcome {
        YearOutcome {
            performance_year: result.performance_year,
            payment_year: result.payment_year,
            final_score: engine::published_score(result.final_score),
            weights: result.weights,
            weights_reason: result.weights_reason.clone(),
            band: result.band,
            payment_adjustment_percent: result.payment_adjustment_percent,
            dollar_impact: result.dollar_impact,
            confidence: result.confidence,
            adjusted,
        }
    }

    /// The score, band and adjustment in one line: "85.50 · Positive · +0.44%".
    pub fn summary(&self) -> String {
        format!(
            "{} · {} · {}",
            two_decimals(self.final_score),
            self.band.label(),
            crate::format::percent(self.payment_adjustment_percent)
        )
    }
}

/// The same inputs scored under two years.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SideBySide {
    pub scenario_name: Option<String>,
    pub since: YearOutcome,
    pub year: YearOutcome,
}

impl SideBySide {
    /// Final-score points gained (or lost) going from `since` to `year`.
    pub fn score_difference(&self) -> f64 {
        self.year.final_score - self.since.final_score
    }

    /// Adjustment percentage points gained (or lost).
    pub fn adjustment_difference(&self) -> f64 {
        self.year.payment_adjustment_percent - self.since.payment_adjustment_percent
    }
}

/// The scenario's inputs moved to another year, made valid there (an MVP before MVPs existed
/// becomes traditional MIPS, a bonus above the year's maximum is lowered, an assumed maximum
/// is dropped where the year's is published), with what was changed in words.
pub fn same_inputs_in(scenario: &Scenario, rules: &RuleSet, year: u16) -> (Scenario, Vec<String>) {
    let mut moved = scenario.clone();
    let mut adjusted = Vec::new();
    if year == scenario.performance_year {
        return (moved, adjusted);
    }
    moved.performance_year = year;
    if let (Some(m), Some(y)) = (
        scenario.assumptions.max_positive_adjustment,
        rules.year(year),
    ) && y.max_positive_adjustment.is_some()
    {
        moved.assumptions.max_positive_adjustment = None;
        adjusted.push(format!(
            "The assumed maximum of {}% at 100 is not used: PY{year}'s is published.",
            number(m)
        ));
    }
    adjusted.extend(crate::scenario::normalize(&mut moved, rules));
    (moved, adjusted)
}

/// The scenario's inputs scored under `since` and under `year` (None when either year is not
/// in the rules).
pub fn side_by_side(
    scenario: &Scenario,
    rules: &RuleSet,
    year: u16,
    since: u16,
) -> Option<SideBySide> {
    let outcome = |y: u16| -> Option<YearOutcome> {
        let year_rules = rules.year(y)?;
        let (moved, adjusted) = same_inputs_in(scenario, rules, y);
        Some(YearOutcome::of(
            &engine::score_numbers(&moved, year_rules),
            adjusted,
        ))
    };
    Some(SideBySide {
        scenario_name: scenario.name.clone(),
        since: outcome(since)?,
        year: outcome(year)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Category;

    #[test]
    fn row_labels_read_as_words() {
        let rules = RuleSet::embedded().unwrap();
        let y = rules.year(2024).unwrap();
        let set: CategorySet = [Category::Cost, Category::PromotingInteroperability]
            .into_iter()
            .collect();
        let row = y.weight_row(Pathway::Traditional, true, set).unwrap();
        assert_eq!(row_label(row, None), "Small practice, Cost + PI not scored");
    }

    #[test]
    fn a_year_compared_with_itself_has_no_changes() {
        let rules = RuleSet::embedded().unwrap();
        let national = National::embedded();
        for y in rules.years() {
            let py = y.performance_year;
            let c = YearChanges::between(&rules, &national, py, py).unwrap();
            let real: Vec<&Change> = c
                .changes
                .iter()
                .filter(|c| !c.text.contains("last year"))
                .collect();
            assert!(real.is_empty(), "PY{py}: {real:?}");
        }
    }
}
