//! The kinds of step in the rule trace. Every consumer (the trace panel, the walkthrough and
//! its position) matches on [`StepKind`], so a new step is a compile error wherever it needs
//! words, instead of a silent default; JSON carries each kind's stable key.

use serde::{Serialize, Serializer};

use super::{Adjustment, Band, CategoryOutcome, CategoryStatus, MaxPositiveOrigin, TraceStep};
use crate::format::{number, percent, percent_precise, two_decimals};
use crate::rules::{Confidence, YearRules};

/// What a step of the computation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StepKind {
    /// The year's rules.
    Year,
    /// How the clinician is scored (traditional, MVP, APP).
    Pathway,
    /// A category worked out from its measures (before the categories step).
    Measures(MeasureStep),
    /// Which categories are scored.
    Categories,
    /// Small, rural, HPSA or non-patient-facing status.
    SpecialStatus,
    Weights,
    Contributions,
    Bonuses,
    /// The cap at 100 and the final score.
    Cap,
    Band,
    Adjustment,
    ExceptionalBonus,
    Dollars,
}

/// A step of a category built from its measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MeasureStep {
    QualitySelection,
    QualityMeasures,
    QualityBonus,
    QualityImprovement,
    QualityScore,
    CostMeasures,
    CostImprovement,
    CostScore,
    IaActivities,
    IaScore,
    PiMeasures,
    PiScore,
}

impl MeasureStep {
    pub fn key(self) -> &'static str {
        match self {
            MeasureStep::QualitySelection => "quality_selection",
            MeasureStep::QualityMeasures => "quality_measures",
            MeasureStep::QualityBonus => "quality_bonus",
            MeasureStep::QualityImprovement => "quality_improvement",
            MeasureStep::QualityScore => "quality_score",
            MeasureStep::CostMeasures => "cost_measures",
            MeasureStep::CostImprovement => "cost_improvement",
            MeasureStep::CostScore => "cost_score",
            MeasureStep::IaActivities => "ia_activities",
            MeasureStep::IaScore => "ia_score",
            MeasureStep::PiMeasures => "pi_measures",
            MeasureStep::PiScore => "pi_score",
        }
    }
}

impl StepKind {
    /// The stable identifier JSON output uses ("weights", "quality_score").
    pub fn key(self) -> &'static str {
        match self {
            StepKind::Year => "year",
            StepKind::Pathway => "pathway",
            StepKind::Measures(m) => m.key(),
            StepKind::Categories => "categories",
            StepKind::SpecialStatus => "special_status",
            StepKind::Weights => "weights",
            StepKind::Contributions => "contributions",
            StepKind::Bonuses => "bonuses",
            StepKind::Cap => "cap",
            StepKind::Band => "band",
            StepKind::Adjustment => "adjustment",
            StepKind::ExceptionalBonus => "exceptional_bonus",
            StepKind::Dollars => "dollars",
        }
    }
}

impl Serialize for StepKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

/// A kind compares equal to its JSON key (for tests and tools that read the output).
impl PartialEq<&str> for StepKind {
    fn eq(&self, other: &&str) -> bool {
        self.key() == *other
    }
}

impl std::fmt::Display for StepKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// Why a published score falls in its band, in words.
pub(super) fn band_detail(rules: &YearRules, band: Band, fs_pub: f64) -> String {
    let (pt, ap) = (rules.pt(), rules.ap());
    match band {
        Band::MaxNegative => format!(
            "{} ≤ {} (a quarter of the threshold): the full −{}%.",
            two_decimals(fs_pub),
            two_decimals(pt / 4.0),
            number(ap)
        ),
        Band::Negative => format!(
            "{} is above {} and below the threshold {}: linear scale from −{}% at 0 to 0% at {}.",
            two_decimals(fs_pub),
            two_decimals(pt / 4.0),
            number(pt),
            number(ap),
            number(pt)
        ),
        Band::Neutral => format!(
            "{} equals the performance threshold: no adjustment.",
            two_decimals(fs_pub)
        ),
        Band::Positive => format!(
            "{} is above the threshold {}: linear scale from 0% to the maximum at 100.",
            two_decimals(fs_pub),
            number(pt)
        ),
        Band::Positive89Plus => format!(
            "{} is 89 or more (CMS keeps this split to compare with the old exceptional band).",
            two_decimals(fs_pub)
        ),
        Band::Exceptional => format!(
            "{} is at or above the additional performance threshold {}: the exceptional performance bonus applies too.",
            two_decimals(fs_pub),
            number(
                rules
                    .exceptional_bonus
                    .as_ref()
                    .map_or(0.0, |e| e.threshold.value)
            )
        ),
    }
}

/// The adjustment formula with the numbers put in.
pub(super) fn adjustment_formula(
    rules: &YearRules,
    adj: &Adjustment,
    fs_pub: f64,
    max_positive: f64,
    origin: MaxPositiveOrigin,
) -> String {
    let (pt, ap) = (rules.pt(), rules.ap());
    match adj.band {
        Band::MaxNegative => format!("−{}% (the floor).", number(ap)),
        Band::Negative => format!(
            "−{} × ({} − {}) / {} = {}.",
            number(ap),
            number(pt),
            two_decimals(fs_pub),
            number(pt),
            percent_precise(adj.base)
        ),
        Band::Neutral => "0%.".to_string(),
        _ => format!(
            "{} × ({} − {}) / ({} − {}) = {}, where {}% is the base adjustment at 100 ({}).",
            number(max_positive),
            two_decimals(fs_pub),
            number(pt),
            100,
            number(pt),
            percent_precise(adj.base),
            number(max_positive),
            match origin {
                MaxPositiveOrigin::Published => rules.max_positive_basis.label(),
                MaxPositiveOrigin::DefaultAssumption => "ASSUMED: not yet published",
                MaxPositiveOrigin::ScenarioAssumption => "ASSUMED: set in the scenario",
            }
        ),
    }
}

/// The exceptional performance bonus's title and detail.
pub(super) fn exceptional_bonus_words(
    adj: &Adjustment,
    emax: f64,
    apt: f64,
    fs_pub: f64,
) -> (String, String) {
    if adj.exceptional > 0.0 {
        (
            format!("Exceptional performance bonus {}", percent(adj.exceptional)),
            format!(
                "{} × (0.5 + 9.5 × ({} − {}) / ({} − {})) = {}; {}% at 100.",
                number(emax / 10.0),
                two_decimals(fs_pub.max(apt)),
                number(apt),
                100,
                number(apt),
                percent_precise(adj.exceptional),
                number(emax)
            ),
        )
    } else {
        (
            "No exceptional performance bonus".to_string(),
            format!(
                "It starts at the additional performance threshold, {}.",
                number(apt)
            ),
        )
    }
}

/// Which categories are scored, and why the others are not, in words.
pub(super) fn categories_detail(outcomes: &[CategoryOutcome]) -> String {
    let scored: Vec<&CategoryOutcome> = outcomes
        .iter()
        .filter(|o| o.status == CategoryStatus::Scored)
        .collect();
    let describe_cat = |o: &CategoryOutcome| match o.score {
        Some(s) => format!("{} {}", o.category.short(), number(s)),
        None => o.category.short().to_string(),
    };
    let mut cat_detail = format!(
        "Scored: {}.",
        if scored.is_empty() {
            "none".into()
        } else {
            scored
                .iter()
                .map(|o| describe_cat(o))
                .collect::<Vec<_>>()
                .join(", ")
        }
    );
    for o in outcomes
        .iter()
        .filter(|o| o.status != CategoryStatus::Scored)
    {
        cat_detail.push_str(&format!(
            " {}: {}.",
            o.category.short(),
            o.note.clone().unwrap_or_default()
        ));
    }
    for o in outcomes
        .iter()
        .filter(|o| o.status == CategoryStatus::Scored && o.note.is_some())
    {
        cat_detail.push_str(&format!(
            " {}: {}.",
            o.category.short(),
            o.note.clone().unwrap_or_default()
        ));
    }
    cat_detail
}

/// What each scored category adds to the weighted score.
pub(super) fn contributions_step(outcomes: &[CategoryOutcome], weighted: f64) -> TraceStep {
    let parts: Vec<String> = outcomes
        .iter()
        .filter(|o| o.status == CategoryStatus::Scored && o.weight > 0.0)
        .map(|o| {
            format!(
                "{} {} × {}% = {}",
                o.category.short(),
                number(o.score.unwrap_or(0.0)),
                crate::format::weight(o.weight),
                two_decimals(o.contribution)
            )
        })
        .collect();
    TraceStep {
        step: StepKind::Contributions,
        title: format!("Weighted score {}", two_decimals(weighted)),
        detail: format!("{}; total {}.", parts.join("; "), two_decimals(weighted)),
        confidence: Confidence::Confirmed,
        source: "42 CFR 414.1380(c): weighted score = Σ weight × category score / 100".into(),
    }
}

/// How the final score comes from the weighted score and the bonuses, capped at 100.
pub(super) fn cap_detail(
    weighted: f64,
    (cpb, spb): (f64, f64),
    final_score: f64,
    capped_by: f64,
    pt: f64,
    fewer_than_two: bool,
) -> String {
    let fs_pub = super::published_score(final_score);
    let rounding_words = || {
        if (final_score - fs_pub).abs() > 1e-9 {
            format!(
                " CMS publishes it to two decimals: {} → {}, the score that sets the band, the adjustment and the dollars.",
                number(final_score),
                two_decimals(fs_pub)
            )
        } else {
            " CMS publishes it with two decimals.".to_string()
        }
    };
    if fewer_than_two {
        format!(
            "Fewer than two categories scored: the final score is the performance threshold, {}, whatever the scores and bonuses.",
            number(pt)
        )
    } else if capped_by > 0.0 {
        format!(
            "{} + {} bonus = {}, capped at 100 ({} points lost to the cap).",
            number(weighted),
            number(cpb + spb),
            number(weighted + cpb + spb),
            number(capped_by)
        )
    } else {
        format!(
            "{} + {} bonus = {}; under the cap of 100.{}",
            number(weighted),
            number(cpb + spb),
            number(final_score),
            rounding_words()
        )
    }
}
