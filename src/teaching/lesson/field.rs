//! The scenario fields a lesson step can set, unset and focus, named exactly as in scenario
//! files (`scores.quality`, `practice.clinicians`, `bonuses.complex_patient`, ...).

use crate::format::{dollars, number};
use crate::rules::Category;
use crate::scenario::{MAX_CLINICIANS, Participation, ReportingOption, Scenario};

/// One field of a scenario file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScenarioField {
    Name,
    PerformanceYear,
    ReportingOption,
    Clinicians,
    Participation,
    Rural,
    Hpsa,
    NonPatientFacing,
    Reporting,
    PartBAllowedCharges,
    Score(Category),
    ComplexPatientBonus,
    MaxPositiveAdjustment,
    ExceptionalBonusMax,
}

/// What kind of value a field takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    Text,
    /// A whole number from `min` to `max`.
    Whole {
        min: i64,
        max: i64,
    },
    Number,
    Flag,
    /// One of these strings.
    Choice(&'static [&'static str]),
}

/// A value a lesson gives a field.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Text(String),
    Whole(i64),
    Number(f64),
    Flag(bool),
}

const REPORTING_OPTIONS: &[&str] = &["traditional", "mvp", "app"];
const PARTICIPATIONS: &[&str] = &[
    "individual",
    "group",
    "subgroup",
    "virtual_group",
    "apm_entity",
];

impl ScenarioField {
    /// Every field, in the order of a scenario file.
    pub const ALL: [ScenarioField; 17] = [
        ScenarioField::Name,
        ScenarioField::PerformanceYear,
        ScenarioField::ReportingOption,
        ScenarioField::Clinicians,
        ScenarioField::Participation,
        ScenarioField::Rural,
        ScenarioField::Hpsa,
        ScenarioField::NonPatientFacing,
        ScenarioField::Reporting,
        ScenarioField::PartBAllowedCharges,
        ScenarioField::Score(Category::Quality),
        ScenarioField::Score(Category::Cost),
        ScenarioField::Score(Category::ImprovementActivities),
        ScenarioField::Score(Category::PromotingInteroperability),
        ScenarioField::ComplexPatientBonus,
        ScenarioField::MaxPositiveAdjustment,
        ScenarioField::ExceptionalBonusMax,
    ];

    /// The dotted path of the field in a scenario file.
    pub fn key(self) -> &'static str {
        match self {
            ScenarioField::Name => "name",
            ScenarioField::PerformanceYear => "performance_year",
            ScenarioField::ReportingOption => "reporting_option",
            ScenarioField::Clinicians => "practice.clinicians",
            ScenarioField::Participation => "practice.participation",
            ScenarioField::Rural => "practice.rural",
            ScenarioField::Hpsa => "practice.hpsa",
            ScenarioField::NonPatientFacing => "practice.non_patient_facing",
            ScenarioField::Reporting => "practice.reporting",
            ScenarioField::PartBAllowedCharges => "practice.part_b_allowed_charges",
            ScenarioField::Score(c) => crate::scenario::score_field(c),
            ScenarioField::ComplexPatientBonus => "bonuses.complex_patient",
            ScenarioField::MaxPositiveAdjustment => "assumptions.max_positive_adjustment",
            ScenarioField::ExceptionalBonusMax => "assumptions.exceptional_bonus_max",
        }
    }

    pub fn from_key(key: &str) -> Option<ScenarioField> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }

    /// Every dotted path, for messages.
    pub fn keys() -> Vec<&'static str> {
        Self::ALL.iter().map(|f| f.key()).collect()
    }

    /// The name people use ("Quality", "Clinicians", ...).
    pub fn label(self) -> &'static str {
        match self {
            ScenarioField::Name => "Name",
            ScenarioField::PerformanceYear => "Performance year",
            ScenarioField::ReportingOption => "Reporting option",
            ScenarioField::Clinicians => "Clinicians",
            ScenarioField::Participation => "Participation",
            ScenarioField::Rural => "Rural",
            ScenarioField::Hpsa => "HPSA",
            ScenarioField::NonPatientFacing => "Non-patient-facing",
            ScenarioField::Reporting => "Reporting",
            ScenarioField::PartBAllowedCharges => "Part B allowed charges",
            ScenarioField::Score(c) => c.label(),
            ScenarioField::ComplexPatientBonus => "Complex patient bonus",
            ScenarioField::MaxPositiveAdjustment => "Maximum positive adjustment at 100",
            ScenarioField::ExceptionalBonusMax => "Exceptional bonus at 100",
        }
    }

    pub fn kind(self) -> ValueKind {
        match self {
            ScenarioField::Name => ValueKind::Text,
            ScenarioField::PerformanceYear => ValueKind::Whole {
                min: 0,
                max: i64::from(u16::MAX),
            },
            ScenarioField::Clinicians => ValueKind::Whole {
                min: 1,
                max: i64::from(MAX_CLINICIANS),
            },
            ScenarioField::ReportingOption => ValueKind::Choice(REPORTING_OPTIONS),
            ScenarioField::Participation => ValueKind::Choice(PARTICIPATIONS),
            ScenarioField::Rural
            | ScenarioField::Hpsa
            | ScenarioField::NonPatientFacing
            | ScenarioField::Reporting => ValueKind::Flag,
            ScenarioField::PartBAllowedCharges
            | ScenarioField::Score(_)
            | ScenarioField::ComplexPatientBonus
            | ScenarioField::MaxPositiveAdjustment
            | ScenarioField::ExceptionalBonusMax => ValueKind::Number,
        }
    }

    /// Whether the field can be left out of a scenario file (and so `unset` by a lesson).
    pub fn can_unset(self) -> bool {
        matches!(
            self,
            ScenarioField::Name
                | ScenarioField::PartBAllowedCharges
                | ScenarioField::Score(_)
                | ScenarioField::ComplexPatientBonus
                | ScenarioField::MaxPositiveAdjustment
                | ScenarioField::ExceptionalBonusMax
        )
    }

    /// What the field becomes when it is left out.
    pub fn unset_words(self) -> &'static str {
        match self {
            ScenarioField::Score(_) => "not scored",
            ScenarioField::ComplexPatientBonus => "0",
            ScenarioField::MaxPositiveAdjustment | ScenarioField::ExceptionalBonusMax => {
                "the year's default"
            }
            _ => "none",
        }
    }

    /// Write a value (of this field's kind, already checked) or clear the field.
    pub fn apply(self, s: &mut Scenario, value: Option<&FieldValue>) {
        let number = match value {
            Some(FieldValue::Number(n)) => Some(*n),
            Some(FieldValue::Whole(n)) => Some(*n as f64),
            _ => None,
        };
        let flag = matches!(value, Some(FieldValue::Flag(true)));
        let text = match value {
            Some(FieldValue::Text(t)) => Some(t.as_str()),
            _ => None,
        };
        match self {
            ScenarioField::Name => s.name = text.map(str::to_string),
            ScenarioField::PerformanceYear => {
                if let Some(FieldValue::Whole(y)) = value {
                    s.performance_year = (*y).clamp(0, i64::from(u16::MAX)) as u16;
                }
            }
            ScenarioField::ReportingOption => {
                if let Some(o) = text.and_then(ReportingOption::from_key) {
                    s.reporting_option = o;
                }
            }
            ScenarioField::Clinicians => {
                if let Some(FieldValue::Whole(n)) = value {
                    s.practice.clinicians = (*n).clamp(1, i64::from(MAX_CLINICIANS)) as u32;
                }
            }
            ScenarioField::Participation => {
                if let Some(p) = text.and_then(Participation::from_key) {
                    s.practice.participation = p;
                }
            }
            ScenarioField::Rural => s.practice.rural = flag,
            ScenarioField::Hpsa => s.practice.hpsa = flag,
            ScenarioField::NonPatientFacing => s.practice.non_patient_facing = flag,
            ScenarioField::Reporting => s.practice.reporting = flag,
            ScenarioField::PartBAllowedCharges => s.practice.part_b_allowed_charges = number,
            ScenarioField::Score(c) => s.scores.set(c, number),
            ScenarioField::ComplexPatientBonus => s.complex_patient_bonus = number.unwrap_or(0.0),
            ScenarioField::MaxPositiveAdjustment => s.assumptions.max_positive_adjustment = number,
            ScenarioField::ExceptionalBonusMax => s.assumptions.exceptional_bonus_max = number,
        }
    }

    /// The field's value in a scenario, as a lesson screen shows it ("78.79", "not scored").
    pub fn show(self, s: &Scenario) -> String {
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        let optional = |v: Option<f64>| v.map_or_else(|| self.unset_words().to_string(), number);
        match self {
            ScenarioField::Name => s.name.clone().unwrap_or_default(),
            ScenarioField::PerformanceYear => s.performance_year.to_string(),
            ScenarioField::ReportingOption => s.reporting_option.key().to_string(),
            ScenarioField::Clinicians => s.practice.clinicians.to_string(),
            ScenarioField::Participation => s.practice.participation.key().to_string(),
            ScenarioField::Rural => yes_no(s.practice.rural),
            ScenarioField::Hpsa => yes_no(s.practice.hpsa),
            ScenarioField::NonPatientFacing => yes_no(s.practice.non_patient_facing),
            ScenarioField::Reporting => yes_no(s.practice.reporting),
            ScenarioField::PartBAllowedCharges => s
                .practice
                .part_b_allowed_charges
                .map_or_else(|| "none".into(), dollars),
            ScenarioField::Score(c) => optional(s.scores.get(c)),
            ScenarioField::ComplexPatientBonus => number(s.complex_patient_bonus),
            ScenarioField::MaxPositiveAdjustment => optional(s.assumptions.max_positive_adjustment),
            ScenarioField::ExceptionalBonusMax => optional(s.assumptions.exceptional_bonus_max),
        }
    }

    /// The fields whose values differ between two scenarios, in file order.
    pub fn differences(before: &Scenario, after: &Scenario) -> Vec<ScenarioField> {
        Self::ALL
            .into_iter()
            .filter(|f| f.show(before) != f.show(after))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_name_the_scenario_file_fields() {
        for f in ScenarioField::ALL {
            assert_eq!(ScenarioField::from_key(f.key()), Some(f));
        }
        assert_eq!(ScenarioField::Score(Category::Cost).key(), "scores.cost");
    }

    #[test]
    fn differences_name_what_changed() {
        let a = Scenario::default_group();
        let mut b = a.clone();
        b.scores.cost = None;
        b.practice.clinicians = 8;
        assert_eq!(
            ScenarioField::differences(&a, &b),
            vec![
                ScenarioField::Clinicians,
                ScenarioField::Score(Category::Cost)
            ]
        );
    }
}
