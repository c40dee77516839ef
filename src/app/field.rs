//! The editable inputs of the explorer: which fields exist, which a year shows, their ranges
//! and steps, and how each reads and writes the scenario.

pub use super::input_bounds::{InputBounds, Steps};
use crate::format::number;
use crate::rules::{Category, EXCEPTIONAL_MAX, YearRules};
use crate::scenario::{
    MAX_CLINICIANS, MAX_PART_B_CHARGES, Participation, ReportingOption, SCORE_RANGE, Scenario,
};

/// One input of the inputs panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Score(Category),
    ComplexPatientBonus,
    PerformanceYear,
    ReportingOption,
    Participation,
    /// `practice.reporting`: whether the clinician submitted data.
    Reporting,
    Clinicians,
    Rural,
    Hpsa,
    NonPatientFacing,
    PartBCharges,
    /// The assumed base positive adjustment at a final score of 100 (PY2025+).
    MaxPositive,
    /// The exceptional performance bonus at 100 (PY2017–2022).
    ExceptionalBonusMax,
}

/// The headings the inputs panel groups fields under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Scores,
    YearAndReporting,
    Practice,
    Assumptions,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Scores => "Category scores (percent)",
            Section::YearAndReporting => "Year and reporting",
            Section::Practice => "Practice",
            Section::Assumptions => "Assumptions",
        }
    }
}

/// How a field is changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A number: nudged, typed.
    Number,
    /// One of a few options: ←/→ and Space.
    Choice,
    /// Yes or no: Space.
    Toggle,
}

impl Field {
    /// Every field, in the order of the inputs panel.
    pub const ALL: [Field; 16] = [
        Field::Score(Category::Quality),
        Field::Score(Category::Cost),
        Field::Score(Category::ImprovementActivities),
        Field::Score(Category::PromotingInteroperability),
        Field::ComplexPatientBonus,
        Field::PerformanceYear,
        Field::ReportingOption,
        Field::Participation,
        Field::Reporting,
        Field::Clinicians,
        Field::Rural,
        Field::Hpsa,
        Field::NonPatientFacing,
        Field::PartBCharges,
        Field::MaxPositive,
        Field::ExceptionalBonusMax,
    ];

    /// The label in the inputs panel (at most 18 characters).
    pub fn label(self) -> &'static str {
        match self {
            Field::Score(Category::Quality) => "Quality",
            Field::Score(Category::Cost) => "Cost",
            Field::Score(Category::ImprovementActivities) => "Improvement Act.",
            Field::Score(Category::PromotingInteroperability) => "Promoting Interop.",
            Field::ComplexPatientBonus => "Complex pt. bonus",
            Field::PerformanceYear => "Performance year",
            Field::ReportingOption => "Reporting option",
            Field::Participation => "Participation",
            Field::Reporting => "Reporting",
            Field::Clinicians => "Clinicians",
            Field::Rural => "Rural",
            Field::Hpsa => "HPSA",
            Field::NonPatientFacing => "Non-patient-facing",
            Field::PartBCharges => "Part B charges",
            Field::MaxPositive => "Max positive adj.",
            Field::ExceptionalBonusMax => "Exceptional max",
        }
    }

    /// The name used in messages ("Cost", "Improvement Activities", ...).
    pub fn name(self) -> &'static str {
        match self {
            Field::Score(c) => c.label(),
            Field::ComplexPatientBonus => "Complex patient bonus",
            Field::PerformanceYear => "Performance year",
            Field::ReportingOption => "Reporting option",
            Field::Participation => "Participation",
            Field::Reporting => "Reporting",
            Field::Clinicians => "Clinicians",
            Field::Rural => "Rural",
            Field::Hpsa => "HPSA",
            Field::NonPatientFacing => "Non-patient-facing",
            Field::PartBCharges => "Part B allowed charges",
            Field::MaxPositive => "Maximum positive adjustment at 100",
            Field::ExceptionalBonusMax => "Exceptional bonus at 100",
        }
    }

    pub fn section(self) -> Section {
        match self {
            Field::Score(_) | Field::ComplexPatientBonus => Section::Scores,
            Field::PerformanceYear
            | Field::ReportingOption
            | Field::Participation
            | Field::Reporting => Section::YearAndReporting,
            Field::Clinicians
            | Field::Rural
            | Field::Hpsa
            | Field::NonPatientFacing
            | Field::PartBCharges => Section::Practice,
            Field::MaxPositive | Field::ExceptionalBonusMax => Section::Assumptions,
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Field::ReportingOption | Field::Participation => Kind::Choice,
            Field::Reporting | Field::Rural | Field::Hpsa | Field::NonPatientFacing => Kind::Toggle,
            _ => Kind::Number,
        }
    }

    /// Range and steps of a numeric field (None for choices and toggles).
    pub fn input_bounds(self, year: &YearRules, years: (u16, u16)) -> Option<InputBounds> {
        let percent_steps = Steps {
            normal: 1.0,
            big: 10.0,
            fine: 0.1,
        };
        Some(match self {
            Field::Score(_) => InputBounds {
                min: SCORE_RANGE.0,
                max: SCORE_RANGE.1,
                steps: percent_steps,
                integer: false,
            },
            Field::ComplexPatientBonus => InputBounds {
                min: 0.0,
                max: year.complex_patient_bonus_max.value,
                steps: percent_steps,
                integer: false,
            },
            Field::PerformanceYear => InputBounds {
                min: f64::from(years.0),
                max: f64::from(years.1),
                steps: Steps {
                    normal: 1.0,
                    big: 1.0,
                    fine: 1.0,
                },
                integer: true,
            },
            Field::Clinicians => InputBounds {
                min: 1.0,
                max: f64::from(MAX_CLINICIANS),
                steps: Steps {
                    normal: 1.0,
                    big: 10.0,
                    fine: 1.0,
                },
                integer: true,
            },
            Field::PartBCharges => InputBounds {
                min: 0.0,
                max: MAX_PART_B_CHARGES,
                steps: Steps {
                    normal: 10_000.0,
                    big: 100_000.0,
                    fine: 1_000.0,
                },
                integer: false,
            },
            Field::MaxPositive => InputBounds {
                min: 0.0,
                max: year.max_positive_limit(),
                steps: Steps {
                    normal: 0.1,
                    big: 1.0,
                    fine: 0.01,
                },
                integer: false,
            },
            Field::ExceptionalBonusMax => InputBounds {
                min: 0.0,
                max: EXCEPTIONAL_MAX,
                steps: Steps {
                    normal: 0.1,
                    big: 1.0,
                    fine: 0.01,
                },
                integer: false,
            },
            _ => return None,
        })
    }

    /// The number a scenario holds for this field (None: not scored / not entered / default).
    pub fn get_number(self, s: &Scenario) -> Option<f64> {
        match self {
            Field::Score(c) => s.scores.get(c),
            Field::ComplexPatientBonus => Some(s.complex_patient_bonus),
            Field::PerformanceYear => Some(f64::from(s.performance_year)),
            Field::Clinicians => Some(f64::from(s.practice.clinicians)),
            Field::PartBCharges => s.practice.part_b_allowed_charges,
            Field::MaxPositive => s.assumptions.max_positive_adjustment,
            Field::ExceptionalBonusMax => s.assumptions.exceptional_bonus_max,
            _ => None,
        }
    }

    /// The value a number field starts from when the scenario holds none and a nudge asks
    /// for one (the rules' default for the two assumptions).
    pub fn default_number(self, year: &YearRules) -> Option<f64> {
        match self {
            Field::MaxPositive => Some(year.default_max_positive().value),
            Field::ExceptionalBonusMax => {
                year.exceptional_bonus.as_ref().map(|e| e.max_at_100.value)
            }
            _ => None,
        }
    }

    /// Write a number (already in range) to the scenario.
    pub fn set_number(self, s: &mut Scenario, v: Option<f64>) {
        match self {
            Field::Score(c) => s.scores.set(c, v),
            Field::ComplexPatientBonus => s.complex_patient_bonus = v.unwrap_or(0.0),
            Field::PerformanceYear => {
                if let Some(v) = v {
                    s.performance_year = v as u16;
                }
            }
            Field::Clinicians => {
                if let Some(v) = v {
                    s.practice.clinicians = v as u32;
                }
            }
            Field::PartBCharges => s.practice.part_b_allowed_charges = v,
            Field::MaxPositive => s.assumptions.max_positive_adjustment = v,
            Field::ExceptionalBonusMax => s.assumptions.exceptional_bonus_max = v,
            _ => {}
        }
    }

    pub fn get_toggle(self, s: &Scenario) -> bool {
        match self {
            Field::Reporting => s.practice.reporting,
            Field::Rural => s.practice.rural,
            Field::Hpsa => s.practice.hpsa,
            Field::NonPatientFacing => s.practice.non_patient_facing,
            _ => false,
        }
    }

    pub fn set_toggle(self, s: &mut Scenario, v: bool) {
        match self {
            Field::Reporting => s.practice.reporting = v,
            Field::Rural => s.practice.rural = v,
            Field::Hpsa => s.practice.hpsa = v,
            Field::NonPatientFacing => s.practice.non_patient_facing = v,
            _ => {}
        }
    }

    /// The text a number is typed from when editing starts on the current value.
    pub fn edit_text(self, s: &Scenario) -> String {
        match self.get_number(s) {
            Some(v) => number(v),
            None => String::new(),
        }
    }
}

/// One option of a choice field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Reporting(ReportingOption),
    Participation(Participation),
}

/// The options a choice field offers under a year's rules and the rest of the scenario:
/// MVP only where the year has MVPs, the APP only where the rules define it, subgroups only
/// for MVP reporting.
pub fn choices(field: Field, s: &Scenario, year: &YearRules) -> Vec<Choice> {
    match field {
        Field::ReportingOption => ReportingOption::ALL
            .into_iter()
            .filter(|o| match o {
                ReportingOption::Traditional => true,
                ReportingOption::Mvp => year.mvp_available(),
                ReportingOption::App => year.app.is_some(),
            })
            .map(Choice::Reporting)
            .collect(),
        Field::Participation => Participation::ALL
            .into_iter()
            .filter(|p| *p != Participation::Subgroup || s.reporting_option == ReportingOption::Mvp)
            .map(Choice::Participation)
            .collect(),
        _ => Vec::new(),
    }
}

pub fn current_choice(field: Field, s: &Scenario) -> Option<Choice> {
    match field {
        Field::ReportingOption => Some(Choice::Reporting(s.reporting_option)),
        Field::Participation => Some(Choice::Participation(s.practice.participation)),
        _ => None,
    }
}

pub fn set_choice(s: &mut Scenario, c: Choice) {
    match c {
        Choice::Reporting(o) => s.reporting_option = o,
        Choice::Participation(p) => s.practice.participation = p,
    }
}

/// The short name of a reporting option under a year's rules ("APP" or "APM standard").
pub fn reporting_option_text(o: ReportingOption, year: &YearRules) -> &'static str {
    match o {
        ReportingOption::Traditional => "Traditional",
        ReportingOption::Mvp => "MVP",
        ReportingOption::App => {
            if year.app.as_ref().is_some_and(|a| a.name.contains("APP")) {
                "APP"
            } else {
                "APM standard"
            }
        }
    }
}

pub fn choice_text(c: Choice, year: &YearRules) -> &'static str {
    match c {
        Choice::Reporting(o) => reporting_option_text(o, year),
        Choice::Participation(p) => p.label(),
    }
}

/// The fields a scenario shows under its year's rules, in panel order. The two assumption
/// fields appear where they apply: the maximum positive adjustment where CMS has not
/// published it (or the scenario sets it), the exceptional bonus where the year has one.
pub fn visible_fields(s: &Scenario, year: &YearRules) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::with_capacity(Field::ALL.len());
    for f in Field::ALL.iter() {
        let show = match f {
            Field::MaxPositive => {
                year.max_positive_adjustment.is_none()
                    || s.assumptions.max_positive_adjustment.is_some()
            }
            Field::ExceptionalBonusMax => year.exceptional_bonus.is_some(),
            _ => true,
        };
        if show {
            out.push(*f);
        }
    }
    out
}

/// Round away floating noise from nudging (74.58 + 0.1 = 74.68, not 74.67999999999999).
pub fn tidy(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}
