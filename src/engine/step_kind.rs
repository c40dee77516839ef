//! The kinds of step in the rule trace. Every consumer (the trace panel, the walkthrough and
//! its position) matches on [`StepKind`], so a new step is a compile error wherever it needs
//! words, instead of a silent default; JSON carries each kind's stable key.

use serde::{Serialize, Serializer};

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
