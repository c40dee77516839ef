//! The positive adjustment as a range while the scaling factor is unknown.
//!
//! The positive side of the adjustment is scaled for budget neutrality by a factor CMS knows
//! only after a year's results are final. This shows the adjustment across a band of maxima
//! at a final score of 100 (by default the published maxima of recent years, from
//! `assets/uncertainty.toml`). The band replaces the base positive maximum (applicable
//! percent × scaling factor); any exceptional bonus (PY2017–2022) is kept as published.
//! Negative adjustments are set by statute and carry no such uncertainty.
//!
//! The range is the figure only where CMS has not published the year's maximum (PY2025+). For
//! a published year the published figure is the fact: no range, unless the user asks for a
//! band of maxima (`--max-low`/`--max-high`, or `m`/`M` in the explorer), and then it is a
//! labelled what-if ("hypothetical"). A year whose published maximum includes an exceptional
//! bonus (PY2017–2022) has no what-if at all: the band's maxima are totals or bases of other
//! years, and mixing them into that year's base would show more than CMS paid (PY2017 can
//! never show more than its published 1.88% at 100).

use serde::{Deserialize, Serialize};

use super::dollars_for;
use crate::diagnostic::Diagnostic;
use crate::engine::{Band, MaxPositiveOrigin, ScoreResult, adjustment_for, score_numbers};
use crate::format::{number, percent, signed_dollars, two_decimals};
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
    /// The user set this band: a published year then shows a hypothetical range across it.
    #[serde(default)]
    pub set_by_user: bool,
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
            set_by_user: false,
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
            set_by_user: true,
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

/// The adjustment at a final score: the point figure (the maximum in use) and how far it can
/// move across a band of maxima.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AdjustmentUncertainty {
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
    /// A published year with a band the user asked for: the range is a what-if, not a
    /// figure to plan with.
    pub hypothetical: bool,
    /// The band was widened to take in the maximum in use, so low ≤ point ≤ high.
    pub widened: bool,
    /// What the range means, in words.
    pub statement: String,
    /// The exceptional bonus at 100 in use (kept as published across the band).
    #[serde(skip)]
    exceptional_max: f64,
}

impl AdjustmentUncertainty {
    /// There is a range to show: a positive adjustment whose maximum is not published (the
    /// primary figure), or a what-if the user asked for on a published year (hypothetical).
    pub fn shows_range(&self) -> bool {
        self.kind == RangeKind::Positive && (self.primary || self.hypothetical)
    }

    /// The range is the figure to plan with (PY2025+): shown first, wherever an adjustment is.
    pub fn is_primary(&self) -> bool {
        self.kind == RangeKind::Positive && self.primary
    }

    /// The adjustment as the figure to show: "+0.57% to +1.27%" where the range is the
    /// figure (PY2025+), else the point figure ("+0.82%").
    pub fn percent_text(&self) -> String {
        if self.is_primary() {
            format!(
                "{} to {}",
                percent(self.low_percent),
                percent(self.high_percent)
            )
        } else {
            percent(self.point_percent)
        }
    }

    /// The dollars, the same way ("+$8,568 to +$19,094" or "+$12,240"), if charges are set.
    pub fn dollars_text(&self) -> Option<String> {
        match (self.point_dollars, self.low_dollars, self.high_dollars) {
            (Some(_), Some(l), Some(h)) if self.is_primary() => {
                Some(format!("{} to {}", signed_dollars(l), signed_dollars(h)))
            }
            (Some(d), _, _) => Some(signed_dollars(d)),
            _ => None,
        }
    }

    /// The adjustment at another final score of the same scenario across this band, where
    /// the range is the figure (PY2025+): (at the band's low maximum, at its high maximum).
    pub fn at_score(&self, rules: &YearRules, final_score: f64) -> Option<(f64, f64)> {
        self.primary.then(|| {
            (
                adjustment_for(rules, final_score, self.max_low, self.exceptional_max).total(),
                adjustment_for(rules, final_score, self.max_high, self.exceptional_max).total(),
            )
        })
    }

    /// The change in adjustment from one final score to another across this band, where the
    /// range is the figure: (smaller, larger), in percentage points.
    pub fn change(&self, rules: &YearRules, from: f64, to: f64) -> Option<(f64, f64)> {
        if !self.primary {
            return None;
        }
        let at = |max: f64| {
            adjustment_for(rules, to, max, self.exceptional_max).total()
                - adjustment_for(rules, from, max, self.exceptional_max).total()
        };
        let (a, b) = (at(self.max_low), at(self.max_high));
        ((a - b).abs() > 1e-12).then(|| (a.min(b), a.max(b)))
    }
}

/// "+0.57% to +1.27%" or "+0.59%": a percent, or a pair where the range is the figure.
pub fn percent_or_range(point: f64, range: Option<(f64, f64)>) -> String {
    match range {
        Some((l, h)) if (h - l).abs() > 1e-12 => format!("{} to {}", percent(l), percent(h)),
        _ => percent(point),
    }
}

/// Dollars the same way, for charges (None: no charges set).
pub fn dollars_or_range(
    charges: Option<f64>,
    point: f64,
    range: Option<(f64, f64)>,
) -> Option<String> {
    let c = charges?;
    Some(match range {
        Some((l, h)) if (h - l).abs() > 1e-12 => format!(
            "{} to {}",
            signed_dollars(c * l / 100.0),
            signed_dollars(c * h / 100.0)
        ),
        _ => signed_dollars(c * point / 100.0),
    })
}

/// The scenario's adjustment across `range`.
pub fn adjustment_range(
    s: &Scenario,
    rules: &YearRules,
    range: &MaxRange,
) -> AdjustmentUncertainty {
    adjustment_range_for(&score_numbers(s, rules), rules, range)
}

/// The adjustment of an engine result across `range` (the result must come from `rules`).
pub fn adjustment_range_for(
    r: &ScoreResult,
    rules: &YearRules,
    range: &MaxRange,
) -> AdjustmentUncertainty {
    let point = r.payment_adjustment_percent;
    let max_point = r.max_positive_adjustment;
    let exc_max = r.exceptional_bonus_max.unwrap_or(0.0);
    // Whether CMS published the year's maximum, whatever the scenario sets: a scenario's own
    // maximum in a published year is a what-if on the scaling factor, not an unknown.
    let year_published = rules.max_positive_adjustment.is_some();
    let scenario_set = r.max_positive_origin == MaxPositiveOrigin::ScenarioAssumption;
    let primary = !year_published;
    // A published year: the published figure only, or a labelled what-if on request — a band
    // of maxima or the scenario's own maximum (never for a year whose published total
    // includes an exceptional bonus).
    let hypothetical =
        year_published && (range.set_by_user || scenario_set) && rules.exceptional_bonus.is_none();
    let ranged = primary || (hypothetical && range.set_by_user);
    let (max_low, max_high) = if ranged {
        (range.low.min(max_point), range.high.max(max_point))
    } else {
        (max_point, max_point)
    };
    let widened = ranged && (max_low < range.low || max_high > range.high);
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
            two_decimals(rules.pt() / 4.0),
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
            } else if hypothetical {
                let published_max = rules.default_max_positive().value;
                let published_point =
                    adjustment_for(rules, r.final_score, published_max, exc_max).total();
                let mut s = format!(
                    "CMS published PY{y}'s maximum ({}% at 100): {}{}.",
                    number(published_max),
                    percent(published_point),
                    money(published_point),
                );
                if scenario_set {
                    s.push_str(&format!(
                        " Hypothetical, as the scenario sets a maximum of {}% at 100: {}{}.",
                        number(max_point),
                        percent(point),
                        money(point)
                    ));
                }
                if range.set_by_user {
                    s.push_str(&format!(
                        " Hypothetical, as asked: a maximum anywhere in {}%–{}% would have given {}{} to {}{}.",
                        number(max_low),
                        number(max_high),
                        percent(low),
                        money(low),
                        percent(high),
                        money(high)
                    ));
                }
                s
            } else {
                let published = match rules.published_total_max {
                    Some(total) if rules.exceptional_bonus.is_some() => format!(
                        "{}% at 100: base {}% ({}) + exceptional bonus {}%",
                        number(total),
                        number(max_point),
                        rules.max_positive_basis.label(),
                        number(exc_max)
                    ),
                    _ => format!("{}% at 100", number(max_point)),
                };
                let mut s = format!(
                    "CMS published PY{y}'s maximum ({published}): {}{}. The scaling factor is known, so there is no range.",
                    percent(point),
                    money(point),
                );
                if range.set_by_user {
                    s.push_str(" No what-if on the scaling factor for a year with an exceptional bonus: its published total is the most CMS paid.");
                }
                s
            };
            if r.exceptional_bonus_percent > 0.0 && ranged {
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
    AdjustmentUncertainty {
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
        max_published: year_published,
        primary,
        hypothetical: hypothetical && range.set_by_user,
        widened,
        statement,
        exceptional_max: exc_max,
    }
}
