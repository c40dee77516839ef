//! The rules across a scenario's fields and its year's rules, written once: [`check`] reports
//! every one the scenario breaks (files, the CLI), and [`normalize`] repairs them (the
//! explorer, after an edit such as moving an MVP to a year without MVPs).

use super::{
    MAX_CLINICIANS, MAX_PART_B_CHARGES, Participation, Problem, ReportingOption, SCORE_RANGE,
    Scenario, score_field,
};
use crate::format::number;
use crate::rules::{Category, EXCEPTIONAL_MAX, RuleSet, YearRules};

/// One rule across fields: when the scenario breaks it, how that is reported, and how the
/// explorer repairs it (returning what it changed, in words).
struct CrossFieldRule {
    broken: fn(&Scenario, &YearRules) -> bool,
    problem: fn(&Scenario, &YearRules) -> Problem,
    repair: fn(&mut Scenario, &YearRules) -> String,
}

/// The rules, in field order (a repair may settle a later rule: MVP → traditional makes a
/// subgroup a group).
const RULES: &[CrossFieldRule] = &[
    // MVPs start in PY2023.
    CrossFieldRule {
        broken: |s, y| s.reporting_option == ReportingOption::Mvp && !y.mvp_available(),
        problem: |s, _| Problem {
            field: "reporting_option",
            message: format!("MVPs did not exist in PY{}", s.performance_year),
            help: "\"mvp\" from PY2023 on; \"traditional\" or \"app\" before".into(),
        },
        repair: |s, _| {
            s.reporting_option = ReportingOption::Traditional;
            format!(
                "PY{} has no MVPs: reporting option set to traditional.",
                s.performance_year
            )
        },
    },
    // The APP exists where the year's rules define it.
    CrossFieldRule {
        broken: |s, y| s.reporting_option == ReportingOption::App && y.app.is_none(),
        problem: |s, _| Problem {
            field: "reporting_option",
            message: format!(
                "PY{} has no APP or APM scoring standard in these rules",
                s.performance_year
            ),
            help: "\"traditional\"".into(),
        },
        repair: |s, _| {
            s.reporting_option = ReportingOption::Traditional;
            format!(
                "PY{} has no APP: reporting option set to traditional.",
                s.performance_year
            )
        },
    },
    // The APP's quality measure sets: under the APP, in their years.
    CrossFieldRule {
        broken: |s, _| {
            app_measure_set(s).is_some_and(|set| {
                s.reporting_option != ReportingOption::App || s.performance_year < set.first_year()
            })
        },
        problem: |s, _| {
            let set = app_measure_set(s).expect("broken only with a measure set");
            Problem {
                field: "quality.measure_set",
                message: if s.reporting_option != ReportingOption::App {
                    format!(
                        "the {} measure set is reported under the APP, not {}",
                        set.label(),
                        s.reporting_option.label()
                    )
                } else {
                    format!(
                        "the {} measure set starts in PY{}, not PY{}",
                        set.label(),
                        set.first_year(),
                        s.performance_year
                    )
                },
                help: "reporting_option = \"app\" with measure_set = \"app\" (PY2021+) or \"app_plus\" (PY2025+), or leave measure_set out".into(),
            }
        },
        repair: |s, _| {
            let label = app_measure_set(s).map_or("APP", |set| set.label());
            if let Some(q) = s.measures.quality.as_mut() {
                q.measure_set = None;
            }
            format!(
                "Quality measure set {label} no longer applies: back to the reporting option's own."
            )
        },
    },
    // Subgroups report MVPs only.
    CrossFieldRule {
        broken: |s, _| {
            s.practice.participation == Participation::Subgroup
                && s.reporting_option != ReportingOption::Mvp
        },
        problem: |_, _| Problem {
            field: "practice.participation",
            message: "subgroups can only report an MVP".into(),
            help: "participation = \"subgroup\" with reporting_option = \"mvp\" (PY2023+)".into(),
        },
        repair: |s, _| {
            s.practice.participation = Participation::Group;
            "Subgroups report MVPs only: participation set to group.".into()
        },
    },
    // The complex patient bonus is at most the year's maximum.
    CrossFieldRule {
        broken: |s, y| {
            let (cpb, max) = (s.complex_patient_bonus, y.complex_patient_bonus_max.value);
            !(cpb.is_finite() && cpb >= 0.0 && cpb <= max)
        },
        problem: |s, y| {
            let (cpb, max) = (s.complex_patient_bonus, y.complex_patient_bonus_max.value);
            let py = s.performance_year;
            Problem {
                field: "bonuses.complex_patient",
                message: if max == 0.0 {
                    format!("PY{py} had no complex patient bonus, got {}", shown(cpb))
                } else if cpb < 0.0 {
                    format!("{} is negative", shown(cpb))
                } else {
                    format!(
                        "{} is more than PY{py}'s maximum of {} points",
                        shown(cpb),
                        number(max)
                    )
                },
                help: if max == 0.0 {
                    "0, or leave complex_patient out (the bonus starts in PY2018)".into()
                } else {
                    format!("0 to {} points in PY{py}", number(max))
                },
            }
        },
        repair: |s, y| {
            let max = y.complex_patient_bonus_max.value;
            let cpb = s.complex_patient_bonus;
            s.complex_patient_bonus = if cpb.is_finite() {
                cpb.clamp(0.0, max)
            } else {
                0.0
            };
            format!(
                "Complex patient bonus {} to {}, PY{}'s {}.",
                if cpb > max { "lowered" } else { "set" },
                number(s.complex_patient_bonus),
                s.performance_year,
                if cpb > max { "maximum" } else { "minimum" }
            )
        },
    },
    // An assumed maximum positive adjustment is at most 3 × the applicable percent.
    CrossFieldRule {
        broken: |s, y| {
            s.assumptions
                .max_positive_adjustment
                .is_some_and(|m| !(m.is_finite() && m >= 0.0 && m <= y.max_positive_limit()))
        },
        problem: |s, y| Problem {
            field: "assumptions.max_positive_adjustment",
            message: format!(
                "{} is out of range",
                shown(s.assumptions.max_positive_adjustment.unwrap_or(f64::NAN))
            ),
            help: format!(
                "0 to {} percent at a final score of 100 (the scaling factor is at most 3)",
                number(y.max_positive_limit())
            ),
        },
        repair: |s, y| {
            let hi = y.max_positive_limit();
            let m = s.assumptions.max_positive_adjustment.unwrap_or(hi);
            let fixed = if m.is_finite() { m.clamp(0.0, hi) } else { hi };
            s.assumptions.max_positive_adjustment = Some(fixed);
            format!(
                "Maximum positive adjustment {} to {}%, PY{}'s limit.",
                if m > hi { "lowered" } else { "set" },
                number(fixed),
                s.performance_year
            )
        },
    },
    // An assumed exceptional bonus needs a year that has one, and is 0–10%.
    CrossFieldRule {
        broken: |s, y| {
            s.assumptions.exceptional_bonus_max.is_some_and(|m| {
                y.exceptional_bonus.is_none()
                    || !(m.is_finite() && (0.0..=EXCEPTIONAL_MAX).contains(&m))
            })
        },
        problem: |s, y| {
            let field = "assumptions.exceptional_bonus_max";
            if y.exceptional_bonus.is_none() {
                Problem {
                    field,
                    message: format!(
                        "PY{} has no exceptional performance bonus",
                        s.performance_year
                    ),
                    help: "only for PY2017–2022".into(),
                }
            } else {
                Problem {
                    field,
                    message: format!(
                        "{} is out of range",
                        shown(s.assumptions.exceptional_bonus_max.unwrap_or(f64::NAN))
                    ),
                    help: format!(
                        "0 to {} percent at a final score of 100",
                        number(EXCEPTIONAL_MAX)
                    ),
                }
            }
        },
        repair: |s, y| {
            if y.exceptional_bonus.is_none() {
                s.assumptions.exceptional_bonus_max = None;
                return format!(
                    "PY{} has no exceptional bonus: that assumption was dropped.",
                    s.performance_year
                );
            }
            let m = s.assumptions.exceptional_bonus_max.unwrap_or(0.0);
            let fixed = if m.is_finite() {
                m.clamp(0.0, EXCEPTIONAL_MAX)
            } else {
                0.0
            };
            s.assumptions.exceptional_bonus_max = Some(fixed);
            format!("Exceptional bonus maximum set to {}%.", number(fixed))
        },
    },
];

/// The APP quality measure set a scenario's quality measures name, if any.
fn app_measure_set(s: &Scenario) -> Option<crate::builders::quality::MeasureSet> {
    s.measures.quality.as_ref().and_then(|q| q.measure_set)
}

/// Check the rules that depend on the year's rules: every problem, in field order.
pub fn check(s: &Scenario, rules: &RuleSet) -> Vec<Problem> {
    let Some(year) = rules.year(s.performance_year) else {
        return vec![Problem {
            field: "performance_year",
            message: format!("{} is not a supported performance year", s.performance_year),
            help: format!(
                "{} (later years are not yet settled by CMS)",
                rules.years_text()
            ),
        }];
    };
    let mut problems = broken_rules(s, year);
    problems.extend(out_of_bounds(s));
    problems
}

/// The cross-field rules the scenario breaks under a year's rules.
fn broken_rules(s: &Scenario, year: &YearRules) -> Vec<Problem> {
    RULES
        .iter()
        .filter(|r| (r.broken)(s, year))
        .map(|r| (r.problem)(s, year))
        .collect()
}

/// Keep a scenario valid across fields after a change (an MVP moved to a year without MVPs,
/// a bonus above a year's maximum...). Returns what was adjusted, in words.
pub fn normalize(s: &mut Scenario, rules: &RuleSet) -> Vec<String> {
    match rules.year(s.performance_year) {
        Some(year) => repair(s, year),
        None => Vec::new(),
    }
}

/// Repair every cross-field rule the scenario breaks, in order.
fn repair(s: &mut Scenario, year: &YearRules) -> Vec<String> {
    let mut fixes = Vec::new();
    for rule in RULES {
        if (rule.broken)(s, year) {
            fixes.push((rule.repair)(s, year));
        }
    }
    fixes
}

/// Values outside their field's own bounds (the explorer's inputs cannot go there).
fn out_of_bounds(s: &Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    for c in Category::ALL {
        if let Some(v) = s.scores.get(c)
            && !(v.is_finite() && (SCORE_RANGE.0..=SCORE_RANGE.1).contains(&v))
        {
            problems.push(Problem {
                field: score_field(c),
                message: format!("{} is out of range", shown(v)),
                help: "a percent from 0 to 100; leave the key out if the category is not scored"
                    .into(),
            });
        }
    }
    if s.practice.clinicians == 0 || s.practice.clinicians > MAX_CLINICIANS {
        problems.push(Problem {
            field: "practice.clinicians",
            message: format!("{} is out of range", s.practice.clinicians),
            help: format!("a whole number from 1 to {MAX_CLINICIANS}"),
        });
    }
    if let Some(d) = s.practice.part_b_allowed_charges
        && !(d.is_finite() && (0.0..=MAX_PART_B_CHARGES).contains(&d))
    {
        problems.push(Problem {
            field: "practice.part_b_allowed_charges",
            message: format!("{} is out of range", shown(d)),
            help: "dollars from 0 to 10,000,000,000".into(),
        });
    }
    problems
}

/// A number as a message shows it: short when that is exact (`120`, `-0.5`), otherwise in
/// full, so a value just outside a range never prints as the edge it missed.
fn shown(v: f64) -> String {
    let short = number(v);
    if short.parse::<f64>().ok() == Some(v) {
        short
    } else if v.is_finite() && v.abs() >= 1e-9 && v.abs() < 1e15 {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> RuleSet {
        RuleSet::embedded().expect("embedded rules are valid")
    }

    /// Scenarios that break each rule, in turn, with the rules of their year.
    fn broken() -> Vec<(Scenario, YearRules)> {
        let base = Scenario::default_group();
        let mut out = Vec::new();
        let mut s = base.clone();
        s.performance_year = 2022;
        s.reporting_option = ReportingOption::Mvp;
        out.push(s);
        let mut s = base.clone();
        s.reporting_option = ReportingOption::App;
        out.push(s);
        let mut s = base.clone();
        s.practice.participation = Participation::Subgroup;
        out.push(s);
        let mut s = base.clone();
        s.complex_patient_bonus = 50.0;
        out.push(s);
        let mut s = base.clone();
        s.assumptions.max_positive_adjustment = Some(99.0);
        out.push(s);
        let mut s = base.clone();
        s.assumptions.exceptional_bonus_max = Some(5.0);
        out.push(s);
        let mut s = base;
        s.performance_year = 2022;
        s.assumptions.exceptional_bonus_max = Some(11.0);
        out.push(s);
        let rules = rules();
        out.into_iter()
            .enumerate()
            .map(|(i, s)| {
                let mut year = rules.year(s.performance_year).unwrap().clone();
                if i == 1 {
                    // No year of the built-in rules lacks an APP standard: a rules folder may.
                    year.app = None;
                }
                (s, year)
            })
            .collect()
    }

    #[test]
    fn what_check_reports_normalize_repairs() {
        for (mut s, year) in broken() {
            let problems = broken_rules(&s, &year);
            assert!(!problems.is_empty(), "{s:?}");
            let fixes = repair(&mut s, &year);
            assert_eq!(fixes.len(), problems.len(), "{problems:?} / {fixes:?}");
            assert!(broken_rules(&s, &year).is_empty(), "{problems:?}");
            assert!(repair(&mut s, &year).is_empty(), "a repair is final");
        }
    }

    #[test]
    fn a_valid_scenario_is_left_alone() {
        let rules = rules();
        let mut s = Scenario::default_group();
        assert!(check(&s, &rules).is_empty());
        let before = s.clone();
        assert!(normalize(&mut s, &rules).is_empty());
        assert_eq!(s, before);
    }
}
