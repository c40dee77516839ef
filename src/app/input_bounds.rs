//! A numeric field's bounds and steps under a year's rules, and how typed text is read.

use super::field::Field;
use crate::format::{dollars, number};

/// The three nudge sizes of a numeric field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Steps {
    pub normal: f64,
    pub big: f64,
    pub fine: f64,
}

/// Range and steps of a numeric field under a year's rules.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InputBounds {
    pub min: f64,
    pub max: f64,
    pub steps: Steps,
    /// Whole numbers only (year, clinicians).
    pub integer: bool,
}

impl InputBounds {
    /// "0–100", "2017–2026", "$0–$10,000,000,000".
    pub fn bounds_text(&self, field: Field) -> String {
        if field == Field::PartBCharges {
            format!("{}–{}", dollars(self.min), dollars(self.max))
        } else {
            format!("{}–{}", number(self.min), number(self.max))
        }
    }

    /// Whether typed text parses to a value in range.
    pub fn parse(&self, text: &str) -> Result<f64, String> {
        let cleaned: String = text.chars().filter(|c| *c != ',' && *c != '$').collect();
        if cleaned.is_empty() {
            return Err("type a value".into());
        }
        let v: f64 = cleaned
            .parse()
            .map_err(|_| format!("“{text}” is not a number"))?;
        if !v.is_finite() {
            return Err(format!("“{text}” is not a number"));
        }
        if self.integer && v.fract() != 0.0 {
            return Err("a whole number".into());
        }
        if v < self.min || v > self.max {
            return Err(format!("{} is out of range", number(v)));
        }
        Ok(v)
    }

    /// Whether more digits could still make `text` valid (e.g. "20" on the way to "2024").
    pub fn could_become_valid(&self, text: &str) -> bool {
        if !self.integer || text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        let Ok(v) = text.parse::<f64>() else {
            return false;
        };
        if v > self.max {
            return false;
        }
        // Appending digits multiplies by ten: some extension lands in range when the value
        // is below the minimum and its scaled-up intervals meet [min, max].
        let (mut lo, mut hi) = (v, v);
        for _ in 0..12 {
            lo *= 10.0;
            hi = hi * 10.0 + 9.0;
            if lo > self.max {
                return false;
            }
            if hi >= self.min {
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(min: f64, max: f64, integer: bool) -> InputBounds {
        InputBounds {
            min,
            max,
            steps: Steps {
                normal: 1.0,
                big: 10.0,
                fine: 0.1,
            },
            integer,
        }
    }

    #[test]
    fn parses_in_range_only() {
        let s = spec(0.0, 100.0, false);
        assert_eq!(s.parse("84.5"), Ok(84.5));
        assert_eq!(s.parse("100"), Ok(100.0));
        assert!(s.parse("120").is_err());
        assert!(s.parse("").is_err());
        assert!(s.parse("1.2.3").is_err());
        assert!(s.parse("inf").is_err());
        let money = spec(0.0, 1e10, false);
        assert_eq!(money.parse("1,500,000"), Ok(1_500_000.0));
    }

    #[test]
    fn years_can_be_typed_digit_by_digit() {
        let y = spec(2017.0, 2026.0, true);
        assert!(y.could_become_valid("2"));
        assert!(y.could_become_valid("20"));
        assert!(y.could_become_valid("202"));
        assert!(!y.could_become_valid("203"));
        assert!(!y.could_become_valid("3"));
        assert!(!y.could_become_valid("2030"));
        assert!(y.parse("2.5").is_err());
    }
}
