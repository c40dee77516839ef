//! The values of a measure that can be changed (rate, numerator, denominator, data
//! completeness, cases, cost): their ranges and steps, reading one and changing one.

use crate::app::input_bounds::{InputBounds, Steps};
use crate::builders::cost::CostValue;
use crate::builders::promoting_interoperability::PiValue;
use crate::builders::quality::{Performance, rate_of};
use crate::format::number;
use crate::rules::Category;
use crate::scenario::Scenario;

/// Longest text accepted while typing a measure's value.
pub(super) const MAX_TYPED: usize = 16;
/// Largest count (numerator, denominator, cases) and cost in dollars accepted.
const MAX_COUNT: f64 = 10_000_000.0;

/// One value of a measure that can be changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Rate,
    Numerator,
    Denominator,
    DataCompleteness,
    Cases,
    Cost,
}

impl Part {
    pub fn label(self) -> &'static str {
        match self {
            Part::Rate => "Rate %",
            Part::Numerator => "Numerator",
            Part::Denominator => "Denominator",
            Part::DataCompleteness => "Completeness %",
            Part::Cases => "Cases",
            Part::Cost => "Cost $",
        }
    }

    /// Range and steps (percent for rates, whole numbers for counts, dollars for cost).
    pub fn spec(self) -> InputBounds {
        match self {
            Part::Rate | Part::DataCompleteness => InputBounds {
                min: 0.0,
                max: 100.0,
                steps: Steps {
                    normal: 1.0,
                    big: 10.0,
                    fine: 0.1,
                },
                integer: false,
            },
            Part::Numerator | Part::Denominator | Part::Cases => InputBounds {
                min: 0.0,
                max: MAX_COUNT,
                steps: Steps {
                    normal: 1.0,
                    big: 10.0,
                    fine: 1.0,
                },
                integer: true,
            },
            Part::Cost => InputBounds {
                min: 0.0,
                max: MAX_COUNT,
                steps: Steps {
                    normal: 10.0,
                    big: 100.0,
                    fine: 1.0,
                },
                integer: false,
            },
        }
    }

    pub(super) fn range_text(self) -> String {
        let s = self.spec();
        format!("{}–{}", number(s.min), number(s.max))
    }
}

/// The values a category's measures can change.
pub fn parts_of(category: Category) -> &'static [Part] {
    match category {
        Category::Quality => &[
            Part::Rate,
            Part::Numerator,
            Part::Denominator,
            Part::DataCompleteness,
            Part::Cases,
        ],
        Category::Cost => &[Part::Cost, Part::Cases],
        Category::PromotingInteroperability => &[Part::Numerator, Part::Denominator],
        Category::ImprovementActivities => &[],
    }
}

/// A measure's value now (None: not given, e.g. a rate given as points only).
pub fn part_value(s: &Scenario, category: Category, index: usize, part: Part) -> Option<f64> {
    let m = &s.measures;
    match category {
        Category::Quality => {
            let x = m.quality.as_ref()?.measures.get(index)?;
            match (part, x.performance) {
                (Part::Rate, p) => rate_of(p, s.performance_year),
                (Part::Numerator, Performance::Fraction { numerator, .. }) => Some(numerator),
                (Part::Denominator, Performance::Fraction { denominator, .. }) => Some(denominator),
                (Part::DataCompleteness, _) => Some(x.data_completeness.unwrap_or(100.0)),
                (Part::Cases, _) => x.cases.map(f64::from),
                _ => None,
            }
        }
        Category::Cost => {
            let x = m.cost.as_ref()?.measures.get(index)?;
            match (part, x.value) {
                (Part::Cost, CostValue::Cost(v)) => Some(v),
                (Part::Cases, _) => x.cases.map(f64::from),
                _ => None,
            }
        }
        Category::PromotingInteroperability => {
            let x = m.promoting_interoperability.as_ref()?.measures.get(index)?;
            match (part, x.value) {
                (
                    Part::Numerator,
                    PiValue::Fraction {
                        numerator: n,
                        denominator: _,
                    },
                ) => Some(n),
                (
                    Part::Denominator,
                    PiValue::Fraction {
                        numerator: _,
                        denominator: d,
                    },
                ) => Some(d),
                _ => None,
            }
        }
        Category::ImprovementActivities => None,
    }
}

/// Change one value of a measure (already in its range); `Err` says why it cannot be.
pub fn set_part(
    s: &mut Scenario,
    category: Category,
    index: usize,
    part: Part,
    v: f64,
) -> Result<(), String> {
    let fraction = |n: f64, d: f64| -> Result<(f64, f64), String> {
        if d <= 0.0 {
            Err("the denominator must be above 0".into())
        } else if n > d {
            Err(format!(
                "the numerator ({}) is above the denominator ({})",
                number(n),
                number(d)
            ))
        } else {
            Ok((n, d))
        }
    };
    let m = &mut s.measures;
    match category {
        Category::Quality => {
            let x = m
                .quality
                .as_mut()
                .and_then(|q| q.measures.get_mut(index))
                .ok_or("no such measure")?;
            match part {
                Part::Rate => x.performance = Performance::Rate(v),
                Part::Numerator | Part::Denominator => {
                    let (n, d) = match x.performance {
                        Performance::Fraction {
                            numerator,
                            denominator,
                        } => (numerator, denominator),
                        // From a rate: the cases (or 100) as the denominator.
                        Performance::Rate(r) => {
                            let d = f64::from(x.cases.unwrap_or(100).max(1));
                            ((r / 100.0 * d).round(), d)
                        }
                    };
                    let (n, d) = if part == Part::Numerator {
                        fraction(v, d)?
                    } else {
                        fraction(n, v)?
                    };
                    x.performance = Performance::Fraction {
                        numerator: n,
                        denominator: d,
                    };
                }
                Part::DataCompleteness => x.data_completeness = Some(v),
                Part::Cases => x.cases = Some(v as u32),
                Part::Cost => return Err("a quality measure has a rate, not a cost".into()),
            }
        }
        Category::Cost => {
            let x = m
                .cost
                .as_mut()
                .and_then(|c| c.measures.get_mut(index))
                .ok_or("no such measure")?;
            match part {
                Part::Cost => x.value = CostValue::Cost(v),
                Part::Cases => x.cases = Some(v as u32),
                _ => return Err("a cost measure has a cost and cases".into()),
            }
        }
        Category::PromotingInteroperability => {
            let x = m
                .promoting_interoperability
                .as_mut()
                .and_then(|p| p.measures.get_mut(index))
                .ok_or("no such measure")?;
            let PiValue::Fraction {
                numerator,
                denominator,
            } = x.value
            else {
                return Err("this measure is attested or excluded, not counted".into());
            };
            let (n, d) = match part {
                Part::Numerator => fraction(v, denominator)?,
                Part::Denominator => fraction(numerator, v)?,
                _ => return Err("a PI measure has a numerator and a denominator".into()),
            };
            x.value = PiValue::Fraction {
                numerator: n,
                denominator: d,
            };
        }
        Category::ImprovementActivities => {
            return Err("activities are done or not: add or remove them".into());
        }
    }
    Ok(())
}
