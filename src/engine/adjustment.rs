//! The payment adjustment as a function of the final score (42 CFR 414.1405).

use serde::Serialize;

use crate::rules::YearRules;

/// The adjustment bands CMS reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// 0 to PT/4: the full negative applicable percent.
    MaxNegative,
    /// Above PT/4, below PT: linear to 0.
    Negative,
    /// Exactly the performance threshold.
    Neutral,
    /// Above PT (below 89 from PY2023, below the APT in PY2017–2022).
    Positive,
    /// 89 and above, PY2023+ (kept by CMS for comparison with the old exceptional band).
    #[serde(rename = "positive_89_plus")]
    Positive89Plus,
    /// At or above the additional performance threshold, PY2017–2022.
    Exceptional,
}

impl Band {
    /// Every band, from the lowest scores to the highest.
    pub const ALL: [Band; 6] = [
        Band::MaxNegative,
        Band::Negative,
        Band::Neutral,
        Band::Positive,
        Band::Positive89Plus,
        Band::Exceptional,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Band::MaxNegative => "max_negative",
            Band::Negative => "negative",
            Band::Neutral => "neutral",
            Band::Positive => "positive",
            Band::Positive89Plus => "positive_89_plus",
            Band::Exceptional => "exceptional",
        }
    }

    pub fn from_key(key: &str) -> Option<Band> {
        Band::ALL.into_iter().find(|b| b.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Band::MaxNegative => "Max negative",
            Band::Negative => "Negative",
            Band::Neutral => "Neutral",
            Band::Positive => "Positive",
            Band::Positive89Plus => "Positive, 89+",
            Band::Exceptional => "Exceptional",
        }
    }
}

/// Where the 89 split (PY2023+) or the exceptional threshold (PY2017–2022) falls.
pub const POSITIVE_SPLIT_SCORE: f64 = 89.0;

/// The final score as CMS publishes it: two decimals, half up (18.755 → 18.76), without the
/// binary noise of the sum deciding a half. This one score sets the band, the adjustment and
/// the dollars.
pub fn published_score(final_score: f64) -> f64 {
    crate::format::round_half_up(final_score, 2)
}

/// The band a final score falls in.
pub fn band_for(rules: &YearRules, final_score: f64) -> Band {
    let fs = published_score(final_score);
    let pt = rules.pt();
    if fs <= pt / 4.0 {
        Band::MaxNegative
    } else if fs < pt {
        Band::Negative
    } else if fs == pt {
        Band::Neutral
    } else if let Some(e) = &rules.exceptional_bonus {
        if fs >= e.threshold.value {
            Band::Exceptional
        } else {
            Band::Positive
        }
    } else if fs >= POSITIVE_SPLIT_SCORE {
        Band::Positive89Plus
    } else {
        Band::Positive
    }
}

/// The two parts of the adjustment, in percent.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Adjustment {
    pub band: Band,
    /// The base adjustment (negative, zero or positive).
    pub base: f64,
    /// The additional adjustment for exceptional performance (PY2017–2022), else 0.
    pub exceptional: f64,
}

impl Adjustment {
    pub fn total(&self) -> f64 {
        self.base + self.exceptional
    }
}

/// The adjustment for a final score, given the base positive maximum at 100 (AP × SF) and the
/// exceptional bonus maximum at 100 (10 × its scaling factor), both in percent.
///
/// The published (two-decimal) score decides the band and is the score the linear scales
/// use, so the adjustment is the one CMS applies to the score it publishes (a weighted
/// 18.755 is published as 18.76 and gets −6.7488%, not the −9% floor).
pub fn adjustment_for(
    rules: &YearRules,
    final_score: f64,
    max_positive: f64,
    exceptional_max: f64,
) -> Adjustment {
    let band = band_for(rules, final_score);
    let pt = rules.pt();
    let ap = rules.ap();
    let fs = published_score(final_score).clamp(0.0, 100.0);
    let base = match band {
        Band::MaxNegative => -ap,
        Band::Negative => -ap * (pt - fs.clamp(pt / 4.0, pt)) / pt,
        Band::Neutral => 0.0,
        Band::Positive | Band::Positive89Plus | Band::Exceptional => {
            // At 100 the product can round one unit in the last place above the maximum.
            (max_positive * (fs.max(pt) - pt) / (100.0 - pt)).min(max_positive)
        }
    };
    let exceptional = match (&rules.exceptional_bonus, band) {
        (Some(e), Band::Exceptional) => {
            let apt = e.threshold.value;
            let scaling = exceptional_max / 10.0;
            let span = (100.0 - apt).max(f64::EPSILON);
            scaling * (0.5 + 9.5 * (fs.max(apt) - apt) / span)
        }
        _ => 0.0,
    };
    Adjustment {
        band,
        base,
        exceptional,
    }
}

/// The final-score ranges of each band of a year, in order: (band, low, high) as CMS prints
/// them (two decimals).
pub fn band_ranges(rules: &YearRules) -> Vec<(Band, f64, f64)> {
    let pt = rules.pt();
    let mut v = vec![
        (Band::MaxNegative, 0.0, pt / 4.0),
        (Band::Negative, published_score(pt / 4.0 + 0.01), pt - 0.01),
        (Band::Neutral, pt, pt),
    ];
    let split = rules
        .exceptional_bonus
        .as_ref()
        .map_or(POSITIVE_SPLIT_SCORE, |e| e.threshold.value);
    let top = if rules.exceptional_bonus.is_some() {
        Band::Exceptional
    } else {
        Band::Positive89Plus
    };
    if split > pt {
        v.push((Band::Positive, pt + 0.01, split - 0.01));
        v.push((top, split, 100.0));
    } else {
        v.push((top, pt + 0.01, 100.0));
    }
    v
}
