//! The positive adjustment as a range while the scaling factor is unknown.
//!
//! The positive side of the adjustment is scaled for budget neutrality by a factor CMS knows
//! only after a year's results are final. This shows the adjustment across a band of maxima
//! at a final score of 100 (by default the published maxima of recent years, from
//! `assets/uncertainty.toml`). The band replaces the base positive maximum (applicable
//! percent × scaling factor); any exceptional bonus (PY2017–2022) is kept as published.
//! Negative adjustments are set by statute and carry no such uncertainty.

use serde::{Deserialize, Serialize};

use super::dollars_for;
use crate::diagnostic::Diagnostic;
use crate::engine::{Band, MaxPositiveOrigin, ScoreResult, adjustment_for, score_numbers};
use crate::format::{number, percent, signed_dollars, two};
use crate::rules::{Confidence, YearRules};
use crate::scenario::Scenario;

/// The default band of maxima, with its sources.
pub const UNCERTAINTY_TOML: &str = include_str!("../../assets/uncertainty.toml");

/// One published maximum the default band is drawn from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedMaximum {
    pub performance_year: u16,
    pub payment_year: u16,
    /// Percent at a final score of 100.
    pub max_at_100: f64,
    pub note: String,
    pub source: String,
}

/// A band of base positive maxima at a final score of 100, in percent.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MaxRange {
    pub low: f64,
    pub high: f64,
    pub confidence: Confidence,
    pub source: String,
    /// The published maxima behind the default band (empty for a band set by the user).
    pub published: Vec<PublishedMaximum>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    max_positive_at_100: RangeToml,
    #[serde(default)]
    published: Vec<PublishedMaximum>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RangeToml {
    low: f64,
    high: f64,
    confidence: Confidence,
    source: String,
}

impl MaxRange {
    /// The band shipped in the binary (`assets/uncertainty.toml`). Checked by the tests, so it
    /// cannot fail in a released build; it still reports a broken file instead of panicking.
    pub fn embedded() -> Result<MaxRange, Diagnostic> {
        MaxRange::parse("embedded:uncertainty.toml", UNCERTAINTY_TOML)
    }

    /// Read a band from TOML text in the format of `assets/uncertainty.toml`.
    pub fn parse(file: &str, text: &str) -> Result<MaxRange, Diagnostic> {
        let f: FileToml = toml::from_str(text).map_err(|e| {
            let msg = e.message().trim().to_string();
            match e.span() {
                Some(span) => Diagnostic::at(file, text, span.start, msg),
                None => Diagnostic::file(file, msg),
            }
        })?;
        let r = f.max_positive_at_100;
        MaxRange::check_bounds(r.low, r.high).map_err(|m| {
            Diagnostic::file(file, m)
                .with_field("max_positive_at_100")
                .with_help("0 ≤ low ≤ high, percent at a final score of 100")
        })?;
        Ok(MaxRange {
            low: r.low,
            high: r.high,
            confidence: r.confidence,
            source: r.source,
            published: f.published,
        })
    }

    /// This band with `low` and/or `high` replaced by the user's values.
    pub fn with_bounds(&self, low: Option<f64>, high: Option<f64>) -> Result<MaxRange, String> {
        if low.is_none() && high.is_none() {
            return Ok(self.clone());
        }
        let (l, h) = (low.unwrap_or(self.low), high.unwrap_or(self.high));
        MaxRange::check_bounds(l, h)?;
        Ok(MaxRange {
            low: l,
            high: h,
            confidence: Confidence::Assumed,
            source: "set by the user".into(),
            published: Vec::new(),
        })
    }

    /// `Err` with a message when the band is not `0 ≤ low ≤ high` (finite).
    pub fn check_bounds(low: f64, high: f64) -> Result<(), String> {
        if !(low.is_finite() && low >= 0.0) {
            return Err(format!("low {} is not a percent ≥ 0", number(low)));
        }
        if !(high.is_finite() && high >= 0.0) {
            return Err(format!("high {} is not a percent ≥ 0", number(high)));
        }
        if low > high {
            return Err(format!(
                "low {} is above high {}",
                number(low),
                number(high)
            ));
        }
        Ok(())
    }
}

/// Whether the adjustment is uncertain, by the side of the threshold it is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RangeKind {
    /// Below the threshold: set by statute, no scaling factor, zero width.
    Negative,
    /// At the threshold (or fewer than two categories scored): 0, zero width.
    Neutral,
    /// Above the threshold: scaled, so uncertain until CMS publishes the factor.
    Positive,
}

/// The adjustment at a final score across a band of maxima.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AdjustmentRange {
    pub performance_year: u16,
    pub payment_year: u16,
    pub final_score: f64,
    pub band: Band,
    pub kind: RangeKind,
    /// Total adjustment, percent: the point figure (the maximum in use) and the band's ends.
    pub point_percent: f64,
    pub low_percent: f64,
    pub high_percent: f64,
    /// Their dollar twins in the payment year, when Part B allowed charges are set.
    pub point_dollars: Option<f64>,
    pub low_dollars: Option<f64>,
    pub high_dollars: Option<f64>,
    /// Base positive maxima at 100 behind the three figures.
    pub max_point: f64,
    pub max_low: f64,
    pub max_high: f64,
    /// The exceptional bonus part, kept as published in every figure (PY2017–2022).
    pub exceptional_bonus_percent: f64,
    /// CMS has published this year's maximum (the point figure is then the fact; the range is
    /// a comparison).
    pub max_published: bool,
    /// The range is the primary figure: the point figure rests on an assumed maximum.
    pub primary: bool,
    /// The band was widened to take in the maximum in use, so low ≤ point ≤ high.
    pub widened: bool,
    /// What the range means, in words.
    pub statement: String,
}

/// The scenario's adjustment across `range`.
pub fn adjustment_range(s: &Scenario, rules: &YearRules, range: &MaxRange) -> AdjustmentRange {
    adjustment_range_for(&score_numbers(s, rules), rules, range)
}

/// The adjustment of an engine result across `range` (the result must come from `rules`).
pub fn adjustment_range_for(
    r: &ScoreResult,
    rules: &YearRules,
    range: &MaxRange,
) -> AdjustmentRange {
    let point = r.payment_adjustment_percent;
    let max_point = r.max_positive_adjustment;
    let exc_max = r.exceptional_bonus_max.unwrap_or(0.0);
    let max_low = range.low.min(max_point);
    let max_high = range.high.max(max_point);
    let widened = max_low < range.low || max_high > range.high;
    let kind = match r.band {
        Band::MaxNegative | Band::Negative => RangeKind::Negative,
        Band::Neutral => RangeKind::Neutral,
        Band::Positive | Band::Positive89Plus | Band::Exceptional => RangeKind::Positive,
    };
    let (low, high) = match kind {
        RangeKind::Positive => (
            adjustment_for(rules, r.final_score, max_low, exc_max).total(),
            adjustment_for(rules, r.final_score, max_high, exc_max).total(),
        ),
        _ => (point, point),
    };
    let charges = r.part_b_allowed_charges;
    let max_published = r.max_positive_origin == MaxPositiveOrigin::Published;
    let primary = !max_published;
    let y = rules.performance_year;
    let money = |pct: f64| {
        dollars_for(charges, pct)
            .map(|d| format!(" ({})", signed_dollars(d)))
            .unwrap_or_default()
    };
    let statement = match kind {
        RangeKind::Negative => format!(
            "Negative adjustments are set by statute (−{}% at or below {}, then linear to 0 at the threshold {}): no scaling factor applies, so {}{} is not uncertain.",
            number(rules.ap()),
            two(rules.pt() / 4.0),
            number(rules.pt()),
            percent(point),
            money(point)
        ),
        RangeKind::Neutral => {
            "At the threshold the adjustment is 0 whatever the scaling factor.".to_string()
        }
        RangeKind::Positive => {
            let mut s = if primary {
                format!(
                    "PY{y}'s maximum is not published: {}{} to {}{} for a maximum of {}%–{}% at 100; the point figure {} assumes {}%{}.",
                    percent(low),
                    money(low),
                    percent(high),
                    money(high),
                    number(max_low),
                    number(max_high),
                    percent(point),
                    number(max_point),
                    if r.max_positive_origin == MaxPositiveOrigin::ScenarioAssumption {
                        " (set in the scenario)"
                    } else {
                        " (the last published maximum)"
                    }
                )
            } else {
                format!(
                    "CMS published PY{y}'s maximum ({}% at 100): {}{}. A maximum anywhere in {}%–{}% would give {}{} to {}{}.",
                    number(max_point),
                    percent(point),
                    money(point),
                    number(max_low),
                    number(max_high),
                    percent(low),
                    money(low),
                    percent(high),
                    money(high)
                )
            };
            if r.exceptional_bonus_percent > 0.0 {
                s.push_str(&format!(
                    " The exceptional bonus ({}) is kept as published.",
                    percent(r.exceptional_bonus_percent)
                ));
            }
            if widened {
                s.push_str(&format!(
                    " The band {}%–{}% is widened to take in the {}% in use.",
                    number(range.low),
                    number(range.high),
                    number(max_point)
                ));
            }
            s
        }
    };
    AdjustmentRange {
        performance_year: y,
        payment_year: rules.payment_year,
        final_score: r.final_score,
        band: r.band,
        kind,
        point_percent: point,
        low_percent: low,
        high_percent: high,
        point_dollars: dollars_for(charges, point),
        low_dollars: dollars_for(charges, low),
        high_dollars: dollars_for(charges, high),
        max_point,
        max_low,
        max_high,
        exceptional_bonus_percent: r.exceptional_bonus_percent,
        max_published,
        primary,
        widened,
        statement,
    }
}
