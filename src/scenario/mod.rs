//! Scenario files: what a clinician's situation is (year, practice, category scores, bonuses,
//! assumptions), how they are read (`parse`), checked and repaired across fields (`rules`),
//! and written back (`write`).

mod parse;
mod rules;
mod write;
mod write_measures;

use std::fmt;
use std::path::Path;

use serde::Serialize;

pub use parse::parse_scenario;
pub(crate) use parse::{scenario_from_table, toml_syntax_error};
pub use rules::{check, normalize};
pub use write::to_toml;
pub(crate) use write::write_tables;

use crate::rules::{Category, RuleSet};

/// How the clinician reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportingOption {
    Traditional,
    Mvp,
    App,
}

impl ReportingOption {
    pub const ALL: [ReportingOption; 3] = [
        ReportingOption::Traditional,
        ReportingOption::Mvp,
        ReportingOption::App,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ReportingOption::Traditional => "traditional",
            ReportingOption::Mvp => "mvp",
            ReportingOption::App => "app",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReportingOption::Traditional => "Traditional MIPS",
            ReportingOption::Mvp => "MVP",
            ReportingOption::App => "APP / APM",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.key() == key)
    }
}

/// The level at which data is submitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Participation {
    Individual,
    Group,
    Subgroup,
    VirtualGroup,
    ApmEntity,
}

impl Participation {
    pub const ALL: [Participation; 5] = [
        Participation::Individual,
        Participation::Group,
        Participation::Subgroup,
        Participation::VirtualGroup,
        Participation::ApmEntity,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Participation::Individual => "individual",
            Participation::Group => "group",
            Participation::Subgroup => "subgroup",
            Participation::VirtualGroup => "virtual_group",
            Participation::ApmEntity => "apm_entity",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Participation::Individual => "Individual",
            Participation::Group => "Group",
            Participation::Subgroup => "Subgroup",
            Participation::VirtualGroup => "Virtual group",
            Participation::ApmEntity => "APM Entity",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.key() == key)
    }
}

/// The practice's attributes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Practice {
    /// Eligible clinicians billing under the TIN (small practice: 15 or fewer; solo: 1).
    pub clinicians: u32,
    pub participation: Participation,
    pub rural: bool,
    pub hpsa: bool,
    pub non_patient_facing: bool,
    /// Submitted data (false: a non-reporting clinician, scored 0 where required).
    pub reporting: bool,
    /// Medicare Part B allowed charges in dollars, for the dollar impact.
    pub part_b_allowed_charges: Option<f64>,
}

/// Largest Part B allowed charges accepted, in dollars.
pub const MAX_PART_B_CHARGES: f64 = 10_000_000_000.0;
/// Largest practice size accepted.
pub const MAX_CLINICIANS: u32 = 1_000_000;

impl Practice {
    pub fn is_small(&self) -> bool {
        self.clinicians <= 15
    }

    pub fn is_solo(&self) -> bool {
        self.clinicians == 1
    }

    /// "solo", "small" or "" for a practice of this size.
    pub fn size_label(&self) -> &'static str {
        if self.is_solo() {
            "solo"
        } else if self.is_small() {
            "small"
        } else {
            "large"
        }
    }
}

/// Category scores in percent; `None` means not scored (reweighted), which is not the same as 0.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct CategoryScores {
    pub quality: Option<f64>,
    pub cost: Option<f64>,
    pub improvement_activities: Option<f64>,
    pub promoting_interoperability: Option<f64>,
}

impl CategoryScores {
    pub fn get(&self, c: Category) -> Option<f64> {
        match c {
            Category::Quality => self.quality,
            Category::Cost => self.cost,
            Category::ImprovementActivities => self.improvement_activities,
            Category::PromotingInteroperability => self.promoting_interoperability,
        }
    }

    pub fn set(&mut self, c: Category, v: Option<f64>) {
        let slot = match c {
            Category::Quality => &mut self.quality,
            Category::Cost => &mut self.cost,
            Category::ImprovementActivities => &mut self.improvement_activities,
            Category::PromotingInteroperability => &mut self.promoting_interoperability,
        };
        *slot = v;
    }
}

/// What the user assumes where CMS has not published (or to try another value).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Assumptions {
    /// Base positive adjustment at a final score of 100, in percent.
    pub max_positive_adjustment: Option<f64>,
    /// Exceptional performance bonus at a final score of 100, in percent (PY2017–2022).
    pub exceptional_bonus_max: Option<f64>,
}

/// One clinician's (or group's) situation: everything the engine needs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scenario {
    pub name: Option<String>,
    pub performance_year: u16,
    pub reporting_option: ReportingOption,
    pub practice: Practice,
    pub scores: CategoryScores,
    pub complex_patient_bonus: f64,
    pub assumptions: Assumptions,
    /// Categories given from their measures instead of as a percent (their built percent is
    /// also in `scores`).
    pub measures: crate::builders::MeasureInputs,
}

impl Scenario {
    /// The scenario the explorer opens with when no file is given: a typical PY2024 group,
    /// close to the national median clinician.
    pub fn default_group() -> Scenario {
        Scenario {
            name: Some("Typical PY2024 group (built-in example)".into()),
            performance_year: 2024,
            reporting_option: ReportingOption::Traditional,
            practice: Practice {
                clinicians: 25,
                participation: Participation::Group,
                rural: false,
                hpsa: false,
                non_patient_facing: false,
                reporting: true,
                part_b_allowed_charges: Some(1_500_000.0),
            },
            scores: CategoryScores {
                quality: Some(78.79),
                cost: Some(74.58),
                improvement_activities: Some(100.0),
                promoting_interoperability: Some(100.0),
            },
            complex_patient_bonus: 0.0,
            assumptions: Assumptions::default(),
            measures: Default::default(),
        }
    }

    /// Read, parse and check a scenario file.
    pub fn load(path: &Path, rules: &RuleSet) -> Result<Scenario, crate::diagnostic::Diagnostic> {
        let text = crate::files::read_text_file(path)?;
        parse_scenario(&path.display().to_string(), &text, rules)
    }
}

/// A rule the scenario breaks, independent of where it came from (file or explorer).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Dotted field path, e.g. `bonuses.complex_patient`.
    pub field: &'static str,
    pub message: String,
    pub help: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (allowed: {})",
            self.field, self.message, self.help
        )
    }
}

/// Range of a category score, in percent.
pub const SCORE_RANGE: (f64, f64) = (0.0, 100.0);

/// The dotted path of a category score.
pub fn score_field(c: Category) -> &'static str {
    match c {
        Category::Quality => "scores.quality",
        Category::Cost => "scores.cost",
        Category::ImprovementActivities => "scores.improvement_activities",
        Category::PromotingInteroperability => "scores.promoting_interoperability",
    }
}
