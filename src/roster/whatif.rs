//! Portfolio what-if: a change (`--set cost=+10`), to every row or to the rows that match
//! (`--where small=true`), or the whole roster in another year (`--year 2026`).

use crate::diagnostic::did_you_mean;
use crate::engine::{ScoreResult, score_numbers};
use crate::rules::{Category, RuleSet};
use crate::scenario::{Participation, Problem, ReportingOption, Scenario, check};

/// What a number change does.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Amount {
    /// `=85`
    To(f64),
    /// `=+10` or `=-10`
    By(f64),
    /// `=none`: not scored (categories only).
    NotScored,
}

/// A field a change or a condition names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Score(Category),
    ComplexPatientBonus,
    Clinicians,
    Charges,
    Rural,
    Hpsa,
    NonPatientFacing,
    Reporting,
    Participation,
    ReportingOption,
    /// Conditions only.
    Small,
    Solo,
    Year,
}

const NAMES: &[(&str, Target)] = &[
    ("quality", Target::Score(Category::Quality)),
    ("cost", Target::Score(Category::Cost)),
    (
        "improvement_activities",
        Target::Score(Category::ImprovementActivities),
    ),
    ("ia", Target::Score(Category::ImprovementActivities)),
    (
        "promoting_interoperability",
        Target::Score(Category::PromotingInteroperability),
    ),
    ("pi", Target::Score(Category::PromotingInteroperability)),
    ("complex_patient_bonus", Target::ComplexPatientBonus),
    ("clinicians", Target::Clinicians),
    ("part_b_allowed_charges", Target::Charges),
    ("rural", Target::Rural),
    ("hpsa", Target::Hpsa),
    ("non_patient_facing", Target::NonPatientFacing),
    ("reporting", Target::Reporting),
    ("participation", Target::Participation),
    ("reporting_option", Target::ReportingOption),
    ("small", Target::Small),
    ("solo", Target::Solo),
    ("performance_year", Target::Year),
    ("year", Target::Year),
];

/// A value a change sets or a condition compares with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Number(Amount),
    Bool(bool),
    Participation(Participation),
    ReportingOption(ReportingOption),
}

/// `--set FIELD=VALUE`
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Change {
    pub target: Target,
    pub value: Value,
}

/// How a condition compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// `--where FIELD=VALUE` (also `!=`, `<`, `<=`, `>`, `>=` for numbers).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Condition {
    pub target: Target,
    pub comparison: Comparison,
    pub value: Value,
}

/// The whole what-if: changes, the rows they apply to, and the year to score in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WhatIf {
    pub changes: Vec<Change>,
    pub conditions: Vec<Condition>,
    pub year: Option<u16>,
}

fn target(name: &str, for_change: bool) -> Result<Target, String> {
    let key = name.trim().to_ascii_lowercase().replace('-', "_");
    let allowed: Vec<&str> = NAMES
        .iter()
        .filter(|(_, t)| !for_change || !matches!(t, Target::Small | Target::Solo | Target::Year))
        .map(|(n, _)| *n)
        .collect();
    match NAMES.iter().find(|(n, _)| *n == key) {
        Some((_, t)) if allowed.contains(&key.as_str()) => Ok(*t),
        Some(_) => Err(format!(
            "`{key}` can be a condition (--where) but not changed; change clinicians (or use --year) instead"
        )),
        None => {
            let mut m = format!("`{}` is not a field", name.trim());
            if let Some(s) = did_you_mean(&key, &allowed) {
                m.push_str(&format!(" — did you mean `{s}`?"));
            }
            Err(m)
        }
    }
}

fn value(t: Target, text: &str, relative: bool) -> Result<Value, String> {
    let v = text.trim();
    let lower = v.to_ascii_lowercase();
    match t {
        Target::Rural
        | Target::Hpsa
        | Target::NonPatientFacing
        | Target::Reporting
        | Target::Small
        | Target::Solo => match lower.as_str() {
            "true" | "yes" => Ok(Value::Bool(true)),
            "false" | "no" => Ok(Value::Bool(false)),
            _ => Err(format!("\"{v}\" is not true or false")),
        },
        Target::Participation => Participation::from_key(&lower)
            .map(Value::Participation)
            .ok_or_else(|| {
                format!("\"{v}\" is not individual, group, subgroup, virtual_group or apm_entity")
            }),
        Target::ReportingOption => ReportingOption::from_key(&lower)
            .map(Value::ReportingOption)
            .ok_or_else(|| format!("\"{v}\" is not traditional, mvp or app")),
        _ => {
            if lower == "none" {
                return if matches!(t, Target::Score(_)) {
                    Ok(Value::Number(Amount::NotScored))
                } else {
                    Err("only a category score can be none (not scored)".into())
                };
            }
            let n: f64 = v
                .parse()
                .ok()
                .filter(|n: &f64| n.is_finite())
                .ok_or_else(|| format!("\"{v}\" is not a number"))?;
            if relative && (v.starts_with('+') || v.starts_with('-')) {
                Ok(Value::Number(Amount::By(n)))
            } else {
                Ok(Value::Number(Amount::To(n)))
            }
        }
    }
}

/// What `--set` accepts, for messages.
pub const SET_HELP: &str = "FIELD=VALUE: quality, cost, ia, pi, complex_patient_bonus, clinicians or part_b_allowed_charges = a number, +N or -N (a category also none); rural, hpsa, non_patient_facing or reporting = true|false; participation or reporting_option = one of their choices";
/// What `--where` accepts, for messages.
pub const WHERE_HELP: &str = "FIELD=VALUE, FIELD!=VALUE, or FIELD<N, <=, >, >= for numbers: any --set field, or small, solo, year";

/// Parse `--set FIELD=VALUE`.
pub fn parse_change(text: &str) -> Result<Change, String> {
    let Some((name, v)) = text.split_once('=') else {
        return Err(format!("\"{text}\" has no `=`"));
    };
    let target = target(name, true)?;
    Ok(Change {
        target,
        value: value(target, v, true)?,
    })
}

/// Parse `--where FIELD=VALUE`.
pub fn parse_condition(text: &str) -> Result<Condition, String> {
    let ops = [
        ("!=", Comparison::NotEqual),
        ("<=", Comparison::LessOrEqual),
        (">=", Comparison::GreaterOrEqual),
        ("=", Comparison::Equal),
        ("<", Comparison::Less),
        (">", Comparison::Greater),
    ];
    let Some((at, op, comparison)) = ops
        .iter()
        .filter_map(|(op, c)| text.find(op).map(|i| (i, *op, *c)))
        .min_by_key(|(i, op, _)| (*i, std::cmp::Reverse(op.len())))
    else {
        return Err(format!("\"{text}\" has no `=`, `!=`, `<` or `>`"));
    };
    let target = target(&text[..at], false)?;
    let value = value(target, &text[at + op.len()..], false)?;
    let numeric = matches!(value, Value::Number(Amount::To(_)));
    if !numeric && !matches!(comparison, Comparison::Equal | Comparison::NotEqual) {
        return Err(format!("`{op}` compares numbers; use = or != here"));
    }
    Ok(Condition {
        target,
        comparison,
        value,
    })
}

fn number_of(s: &Scenario, t: Target) -> Option<f64> {
    match t {
        Target::Score(c) => s.scores.get(c),
        Target::ComplexPatientBonus => Some(s.complex_patient_bonus),
        Target::Clinicians => Some(s.practice.clinicians as f64),
        Target::Charges => s.practice.part_b_allowed_charges,
        Target::Year => Some(s.performance_year as f64),
        _ => None,
    }
}

impl Condition {
    pub fn matches(&self, s: &Scenario) -> bool {
        let equal = match (self.target, self.value) {
            (Target::Rural, Value::Bool(b)) => s.practice.rural == b,
            (Target::Hpsa, Value::Bool(b)) => s.practice.hpsa == b,
            (Target::NonPatientFacing, Value::Bool(b)) => s.practice.non_patient_facing == b,
            (Target::Reporting, Value::Bool(b)) => s.practice.reporting == b,
            (Target::Small, Value::Bool(b)) => s.practice.is_small() == b,
            (Target::Solo, Value::Bool(b)) => s.practice.is_solo() == b,
            (Target::Participation, Value::Participation(p)) => s.practice.participation == p,
            (Target::ReportingOption, Value::ReportingOption(o)) => s.reporting_option == o,
            (t, Value::Number(Amount::NotScored)) => number_of(s, t).is_none(),
            (t, Value::Number(Amount::To(n))) => {
                let Some(v) = number_of(s, t) else {
                    return self.comparison == Comparison::NotEqual;
                };
                return match self.comparison {
                    Comparison::Equal => v == n,
                    Comparison::NotEqual => v != n,
                    Comparison::Less => v < n,
                    Comparison::LessOrEqual => v <= n,
                    Comparison::Greater => v > n,
                    Comparison::GreaterOrEqual => v >= n,
                };
            }
            _ => false,
        };
        if self.comparison == Comparison::NotEqual {
            !equal
        } else {
            equal
        }
    }
}

fn amount(old: f64, a: Amount) -> f64 {
    match a {
        Amount::To(n) => n,
        Amount::By(d) => old + d,
        Amount::NotScored => old,
    }
}

impl WhatIf {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.year.is_none()
    }

    /// Does the what-if apply to this row?
    pub fn applies_to(&self, s: &Scenario) -> bool {
        !self.is_empty() && self.conditions.iter().all(|c| c.matches(s))
    }

    /// The row with the changes made. Scores stay within 0–100 and the complex patient bonus
    /// within the year's maximum; a change to a category that is not scored leaves it not
    /// scored unless it sets a value.
    pub fn apply(&self, s: &Scenario, rules: &RuleSet) -> Scenario {
        let mut s = s.clone();
        if let Some(y) = self.year {
            s.performance_year = y;
        }
        for ch in &self.changes {
            match (ch.target, ch.value) {
                (Target::Score(c), Value::Number(a)) => {
                    let new = match (s.scores.get(c), a) {
                        (_, Amount::NotScored) => None,
                        (None, Amount::By(_)) => None,
                        (old, a) => Some(amount(old.unwrap_or(0.0), a).clamp(0.0, 100.0)),
                    };
                    s.scores.set(c, new);
                }
                (Target::ComplexPatientBonus, Value::Number(a)) => {
                    let max = rules
                        .year(s.performance_year)
                        .map_or(10.0, |y| y.complex_patient_bonus_max.value);
                    s.complex_patient_bonus = amount(s.complex_patient_bonus, a).clamp(0.0, max);
                }
                (Target::Clinicians, Value::Number(a)) => {
                    let n = amount(s.practice.clinicians as f64, a).round();
                    s.practice.clinicians =
                        n.clamp(1.0, crate::scenario::MAX_CLINICIANS as f64) as u32;
                }
                (Target::Charges, Value::Number(a)) => {
                    let old = s.practice.part_b_allowed_charges.unwrap_or(0.0);
                    s.practice.part_b_allowed_charges =
                        Some(amount(old, a).clamp(0.0, crate::scenario::MAX_PART_B_CHARGES));
                }
                (Target::Rural, Value::Bool(b)) => s.practice.rural = b,
                (Target::Hpsa, Value::Bool(b)) => s.practice.hpsa = b,
                (Target::NonPatientFacing, Value::Bool(b)) => s.practice.non_patient_facing = b,
                (Target::Reporting, Value::Bool(b)) => s.practice.reporting = b,
                (Target::Participation, Value::Participation(p)) => s.practice.participation = p,
                (Target::ReportingOption, Value::ReportingOption(o)) => s.reporting_option = o,
                _ => {}
            }
        }
        s
    }

    /// Score the row with the what-if, or the problems the change makes.
    pub fn score(
        &self,
        s: &Scenario,
        rules: &RuleSet,
    ) -> Result<(Scenario, ScoreResult), Vec<Problem>> {
        let changed = self.apply(s, rules);
        let problems = check(&changed, rules);
        if !problems.is_empty() {
            return Err(problems);
        }
        let year = rules
            .year(changed.performance_year)
            .expect("checked: the year is supported");
        let result = score_numbers(&changed, year);
        Ok((changed, result))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_parse() {
        assert_eq!(
            parse_change("cost=+10").unwrap(),
            Change {
                target: Target::Score(Category::Cost),
                value: Value::Number(Amount::By(10.0))
            }
        );
        assert_eq!(
            parse_change("pi=85").unwrap().value,
            Value::Number(Amount::To(85.0))
        );
        assert_eq!(
            parse_change("PI=none").unwrap().value,
            Value::Number(Amount::NotScored)
        );
        assert_eq!(
            parse_change("qualty=5").unwrap_err(),
            "`qualty` is not a field — did you mean `quality`?"
        );
        assert!(parse_change("small=true").is_err());
        assert!(parse_change("cost").is_err());
    }

    #[test]
    fn conditions_match() {
        let s = Scenario::default_group();
        let c = |t: &str| parse_condition(t).unwrap().matches(&s);
        assert!(c("small=false"));
        assert!(!c("small=true"));
        assert!(c("clinicians>=25"));
        assert!(!c("clinicians<25"));
        assert!(c("quality!=none"));
        assert!(c("participation=group"));
        assert!(parse_condition("rural<true").is_err());
    }

    #[test]
    fn changes_stay_in_range() {
        let rules = RuleSet::embedded().unwrap();
        let w = WhatIf {
            changes: vec![
                parse_change("quality=+50").unwrap(),
                parse_change("pi=none").unwrap(),
            ],
            ..WhatIf::default()
        };
        let s = w.apply(&Scenario::default_group(), &rules);
        assert_eq!(s.scores.quality, Some(100.0));
        assert_eq!(s.scores.promoting_interoperability, None);
    }
}
