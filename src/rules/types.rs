//! The data types of the year rules: what one performance year's scoring and payment rules are.

use super::CategorySet;
use std::fmt;

use serde::{Deserialize, Serialize};

/// One of the four MIPS performance categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Quality,
    Cost,
    ImprovementActivities,
    PromotingInteroperability,
}

impl Category {
    /// All four, in CMS's order.
    pub const ALL: [Category; 4] = [
        Category::Quality,
        Category::Cost,
        Category::ImprovementActivities,
        Category::PromotingInteroperability,
    ];

    /// The key used in scenario and rules files.
    pub fn key(self) -> &'static str {
        match self {
            Category::Quality => "quality",
            Category::Cost => "cost",
            Category::ImprovementActivities => "improvement_activities",
            Category::PromotingInteroperability => "promoting_interoperability",
        }
    }

    /// The name people use.
    pub fn label(self) -> &'static str {
        match self {
            Category::Quality => "Quality",
            Category::Cost => "Cost",
            Category::ImprovementActivities => "Improvement Activities",
            Category::PromotingInteroperability => "Promoting Interoperability",
        }
    }

    /// Short name for tight spaces: Quality, Cost, IA, PI.
    pub fn short(self) -> &'static str {
        match self {
            Category::Quality => "Quality",
            Category::Cost => "Cost",
            Category::ImprovementActivities => "IA",
            Category::PromotingInteroperability => "PI",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_key(key: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.key() == key)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How sure the reference is of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Stated by a regulation or CMS text, or reproduced exactly by real CMS data.
    Confirmed,
    /// Stated by a secondary source, or the only reading consistent with confirmed rows.
    Likely,
    /// Recollection or inference: shipped, flagged, and overridable.
    Assumed,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Confirmed => "confirmed",
            Confidence::Likely => "likely",
            Confidence::Assumed => "assumed",
        }
    }

    /// The mark beside a rule on screen: ✓ confirmed, ~ likely, ? assumed.
    pub fn mark(self) -> &'static str {
        match self {
            Confidence::Confirmed => "✓",
            Confidence::Likely => "~",
            Confidence::Assumed => "?",
        }
    }

    /// The weaker of two confidences (a result is only as sure as its least sure input).
    pub fn weakest(self, other: Confidence) -> Confidence {
        self.max(other)
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A value with where it comes from and how sure we are of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cited<T> {
    pub value: T,
    pub confidence: Confidence,
    pub source: String,
}

/// Category weights in percent (quality, cost, IA, PI).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    pub quality: f64,
    pub cost: f64,
    pub improvement_activities: f64,
    pub promoting_interoperability: f64,
}

impl Weights {
    pub const ZERO: Weights = Weights {
        quality: 0.0,
        cost: 0.0,
        improvement_activities: 0.0,
        promoting_interoperability: 0.0,
    };

    pub fn get(&self, category: Category) -> f64 {
        match category {
            Category::Quality => self.quality,
            Category::Cost => self.cost,
            Category::ImprovementActivities => self.improvement_activities,
            Category::PromotingInteroperability => self.promoting_interoperability,
        }
    }

    pub fn sum(&self) -> f64 {
        Category::ALL.iter().map(|&c| self.get(c)).sum()
    }
}

impl fmt::Display for Weights {
    /// "40/30/30/0" — whole numbers as integers, fractions to one decimal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // As `crate::format::weight` each, written straight out (this runs for every row
        // of a roster).
        for (i, &c) in Category::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str("/")?;
            }
            let v = self.get(c);
            // Weights are 0 to 100: the nearest whole number by a cast (no call to `round`).
            let whole = (v.abs() + 0.5) as u64;
            if (v.abs() - whole as f64).abs() < 1e-9 && whole < 1000 {
                let digits = [
                    b'0' + (whole / 100) as u8,
                    b'0' + (whole / 10 % 10) as u8,
                    b'0' + (whole % 10) as u8,
                ];
                let skip = if whole >= 100 {
                    0
                } else if whole >= 10 {
                    1
                } else {
                    2
                };
                if v < 0.0 && whole > 0 {
                    f.write_str("-")?;
                }
                f.write_str(std::str::from_utf8(&digits[skip..]).unwrap_or("0"))?;
            } else if (v - v.round()).abs() < 1e-9 {
                write!(f, "{}", v.round() as i64)?;
            } else {
                write!(f, "{v:.1}")?;
            }
        }
        Ok(())
    }
}

/// Which weight table applies: traditional MIPS (and MVPs), or the APP / APM scoring standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pathway {
    Traditional,
    App,
}

/// Which practices a weight row is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PracticeScope {
    Any,
    Small,
}

/// One row of a redistribution table: the weights used when `not_scored` are not scored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WeightRow {
    pub pathway: Pathway,
    pub practice: PracticeScope,
    pub not_scored: CategorySet,
    pub weights: Weights,
    pub confidence: Confidence,
    pub source: String,
    /// Line of the row in its rules file (for error messages).
    pub line: usize,
}

/// How the small-practice bonus works in a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmallPracticeBonusMode {
    /// No bonus (PY2017).
    None,
    /// Points added to the final score (PY2018).
    FinalScore,
    /// Points added to the quality numerator (PY2019+): already inside the quality percent.
    QualityNumerator,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SmallPracticeBonus {
    pub mode: SmallPracticeBonusMode,
    pub points: f64,
}

/// The largest scaling factor of the positive adjustment (42 CFR 414.1405).
pub const MAX_SCALING_FACTOR: f64 = 3.0;

/// The highest exceptional performance bonus at a final score of 100, percent (PY2017–2022,
/// 42 CFR 414.1405).
pub const EXCEPTIONAL_MAX: f64 = 10.0;

/// How the base positive maximum at 100 of a year is known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaximumBasis {
    /// CMS (or the sources quoting it) published it.
    #[default]
    Published,
    /// Only the total (base + exceptional bonus) is published; the base part is derived from
    /// CMS data (its per-clinician rows).
    DerivedFromCmsData,
    /// Only the total is published; the split is assumed.
    Assumed,
}

impl MaximumBasis {
    /// The short form for a narrow column: "published", "derived from CMS data", "assumed split".
    pub fn short_label(self) -> &'static str {
        match self {
            MaximumBasis::Published => "published",
            MaximumBasis::DerivedFromCmsData => "derived from CMS data",
            MaximumBasis::Assumed => "assumed split",
        }
    }

    /// "published", "derived from CMS data", "ASSUMED: only the total is published".
    pub fn label(self) -> &'static str {
        match self {
            MaximumBasis::Published => "published",
            MaximumBasis::DerivedFromCmsData => "derived from CMS data",
            MaximumBasis::Assumed => "ASSUMED: only the total is published",
        }
    }
}

/// The additional adjustment for exceptional performance (PY2017–2022).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExceptionalBonus {
    /// The additional performance threshold (APT), where the bonus starts at its 0.5% floor (scaled).
    pub threshold: Cited<f64>,
    /// The bonus at a final score of 100, in percent (10 × its scaling factor).
    pub max_at_100: Cited<f64>,
}

/// The APP (PY2021+) or the APM scoring standard (PY2017–2020).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AppRules {
    pub name: String,
    pub ia_full_credit: Cited<bool>,
}

/// Everything the engine needs about one performance year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearRules {
    pub performance_year: u16,
    pub payment_year: u16,
    pub performance_threshold: Cited<f64>,
    pub applicable_percent: Cited<f64>,
    pub complex_patient_bonus_max: Cited<f64>,
    pub small_practice_bonus: Cited<SmallPracticeBonus>,
    /// The base positive adjustment at a final score of 100 (applicable percent × scaling
    /// factor), where CMS has published it.
    pub max_positive_adjustment: Option<Cited<f64>>,
    /// The published maximum at 100 including any exceptional bonus.
    pub published_total_max: Option<f64>,
    /// How the base maximum above is known (published, derived from CMS data, assumed).
    pub max_positive_basis: MaximumBasis,
    /// The default assumption when the maximum is not yet published (PY2025+).
    pub assumed_max_positive_adjustment: Option<Cited<f64>>,
    pub exceptional_bonus: Option<ExceptionalBonus>,
    /// Small practices that submit no PI data have PI reweighted automatically.
    pub small_practice_pi_reweighting: Option<Cited<bool>>,
    /// Cost weighted 0% for every clinician whatever is entered (PY2020–2021, COVID-19): the
    /// "cost not scored" rows apply.
    pub cost_reweighted_for_all: Option<Cited<bool>>,
    /// MVP reporting is available (PY2023+).
    pub mvp: Option<Cited<bool>>,
    pub app: Option<AppRules>,
    /// Minimum IA percent for MIPS APM participants reporting traditional MIPS.
    pub apm_participant_ia_minimum: Option<Cited<f64>>,
    pub weight_rows: Vec<WeightRow>,
    /// Where these rules were read from ("embedded:2024.toml" or a path).
    pub origin: String,
}

impl YearRules {
    pub fn pt(&self) -> f64 {
        self.performance_threshold.value
    }

    pub fn ap(&self) -> f64 {
        self.applicable_percent.value
    }

    /// The highest base positive adjustment at a final score of 100 the law allows: the
    /// applicable percent times the largest scaling factor, 3 (42 CFR 414.1405).
    pub fn max_positive_limit(&self) -> f64 {
        MAX_SCALING_FACTOR * self.ap()
    }

    /// Whether a small practice that submits no PI data has PI reweighted automatically.
    pub fn small_practice_pi_reweighted(&self) -> bool {
        self.small_practice_pi_reweighting
            .as_ref()
            .is_some_and(|c| c.value)
    }

    /// What a small practice's bonus means for the quality percent entered, this year:
    /// PY2019+ adds points inside the quality numerator; PY2018 adds them to the final score;
    /// PY2017 has none.
    pub fn small_practice_quality_note(&self) -> Option<String> {
        let b = &self.small_practice_bonus.value;
        match b.mode {
            SmallPracticeBonusMode::QualityNumerator => Some(format!(
                "A small practice's +{} bonus points belong inside this percent.",
                crate::format::number(b.points)
            )),
            SmallPracticeBonusMode::FinalScore => Some(format!(
                "PY{}: a small practice's +{} bonus is added to the final score, not to this percent.",
                self.performance_year,
                crate::format::number(b.points)
            )),
            SmallPracticeBonusMode::None => None,
        }
    }

    /// What being a small practice (15 or fewer clinicians) changes this year, in words.
    pub fn small_practice_facts(&self) -> String {
        let mut facts = Vec::new();
        if self
            .weight_rows
            .iter()
            .any(|r| r.practice == PracticeScope::Small)
        {
            facts.push("its own reweighting rows".to_string());
        }
        if self.small_practice_pi_reweighted() {
            facts.push("PI reweighted automatically without PI data".to_string());
        }
        let b = &self.small_practice_bonus.value;
        facts.push(match b.mode {
            SmallPracticeBonusMode::QualityNumerator => format!(
                "+{} points in the quality numerator",
                crate::format::number(b.points)
            ),
            SmallPracticeBonusMode::FinalScore => {
                format!(
                    "+{} points on the final score",
                    crate::format::number(b.points)
                )
            }
            SmallPracticeBonusMode::None => "no small-practice bonus".to_string(),
        });
        format!(
            "Small practice: 15 or fewer (PY{}: {})",
            self.performance_year,
            facts.join(", ")
        )
    }

    /// CMS weighted cost at 0% for everyone this year (PY2020–2021).
    pub fn cost_reweighted_for_all(&self) -> Option<&Cited<bool>> {
        self.cost_reweighted_for_all.as_ref().filter(|c| c.value)
    }

    pub fn mvp_available(&self) -> bool {
        self.mvp.as_ref().is_some_and(|m| m.value)
    }

    /// The maximum base positive adjustment at 100 that applies when the user sets nothing:
    /// published if CMS has published it, otherwise the year's default assumption.
    pub fn default_max_positive(&self) -> &Cited<f64> {
        self.max_positive_adjustment
            .as_ref()
            .or(self.assumed_max_positive_adjustment.as_ref())
            .expect("validated: every year has a published or an assumed maximum")
    }

    /// The full (nothing reweighted) row of a pathway.
    pub fn base_row(&self, pathway: Pathway) -> Option<&WeightRow> {
        self.weight_rows.iter().find(|r| {
            r.pathway == pathway && r.practice == PracticeScope::Any && r.not_scored.is_empty()
        })
    }

    /// The row for a set of categories not scored: a small practice's own row where one exists,
    /// otherwise the row for any practice.
    pub fn weight_row(
        &self,
        pathway: Pathway,
        small_practice: bool,
        not_scored: CategorySet,
    ) -> Option<&WeightRow> {
        let find = |scope: PracticeScope| {
            self.weight_rows
                .iter()
                .find(|r| r.pathway == pathway && r.practice == scope && r.not_scored == not_scored)
        };
        small_practice
            .then(|| find(PracticeScope::Small))
            .flatten()
            .or_else(|| find(PracticeScope::Any))
    }

    /// Categories that can be scored under a pathway (non-zero weight in its full row).
    pub fn scorable(&self, pathway: Pathway) -> Vec<Category> {
        match self.base_row(pathway) {
            Some(row) => Category::ALL
                .into_iter()
                .filter(|&c| row.weights.get(c) > 0.0)
                .collect(),
            None => Vec::new(),
        }
    }
}
