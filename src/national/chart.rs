//! The band-chart model, once for every front end: which national group a practice is
//! compared with, the bars (CMS's share of clinicians in each adjustment band), which bar the
//! scenario lands in, and the notes a reader needs. The explorer's band chart, the National
//! view, presentation mode and both report formats draw from it, so no two can disagree.
//!
//! The highlight rule: a bar is highlighted only when the national data's year has the
//! scenario year's performance threshold (its bands are then the scenario's), and it is the
//! bar whose score range, in the data year, holds the published final score. Against another
//! threshold (a PY2017–2021 scenario shown against PY2022–2024 data) nothing is highlighted
//! and no "you landed in" sentence is written: the bands are not the same bands.

use super::{BandShares, Group, National, ReportingStatus};
use crate::engine::{Band, ScoreResult, band_ranges};
use crate::format::{number, two_decimals};
use crate::rules::{RuleSet, YearRules};
use crate::scenario::Practice;

/// The group a practice is compared with by default (solo, small, rural, or all
/// clinicians), and why, in words.
pub fn group_for(p: &Practice) -> (Group, String) {
    if p.is_solo() {
        (
            Group::Solo,
            "1 clinician: compared with solo practitioners".into(),
        )
    } else if p.is_small() {
        (
            Group::Small,
            format!(
                "{} clinicians: compared with small practices (15 or fewer clinicians, solo included)",
                p.clinicians
            ),
        )
    } else if p.rural {
        (
            Group::Rural,
            format!(
                "a rural practice of {} clinicians: compared with rural practices",
                p.clinicians
            ),
        )
    } else {
        (
            Group::All,
            format!(
                "{} clinicians, not rural: compared with all clinicians",
                p.clinicians
            ),
        )
    }
}

/// The bar of a data set that shows a band of the scenario's year: the band itself, or the
/// bar that covers it where the data does not split it (PY2023 published no 89+ split;
/// PY2022's top band is "exceptional"). For labelling bars with the scenario year's ranges;
/// which bar is highlighted is [`highlighted_bar`]'s answer.
pub fn bar_for(band: Band, shares: &BandShares) -> Option<Band> {
    let has = |b: Band| shares.shares.iter().any(|(x, _)| *x == b);
    if has(band) {
        return Some(band);
    }
    let candidates: &[Band] = match band {
        Band::Positive89Plus => &[Band::Exceptional, Band::Positive],
        Band::Exceptional => &[Band::Positive89Plus, Band::Positive],
        _ => &[],
    };
    candidates.iter().copied().find(|b| has(*b))
}

/// One bar of the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub band: Band,
    /// The band's final-score range in the data year, as CMS prints it (the last bar runs
    /// to 100).
    pub range: Option<(f64, f64)>,
    /// Percent of the group's clinicians.
    pub share: f64,
    /// The scenario's published final score falls in this bar, on the same scale.
    pub highlighted: bool,
}

/// The data year's bars, each with its score range in that year.
fn bars_of(shares: &BandShares, data_rules: Option<&YearRules>) -> Vec<Bar> {
    let data_ranges = data_rules.map(band_ranges).unwrap_or_default();
    let last = shares.shares.len().saturating_sub(1);
    shares
        .shares
        .iter()
        .enumerate()
        .map(|(i, &(band, share))| Bar {
            band,
            range: data_ranges
                .iter()
                .find(|(b, _, _)| *b == band)
                .map(|&(_, lo, hi)| if i == last { (lo, 100.0) } else { (lo, hi) }),
            share,
            highlighted: false,
        })
        .collect()
}

/// The data year's bands are the scenario year's: the same performance threshold.
pub fn same_scale(data_rules: Option<&YearRules>, year: &YearRules) -> bool {
    data_rules.is_some_and(|d| d.pt() == year.pt())
}

/// THE highlight rule (see the module's doc): the bar a published final score lands in, or
/// none when the data year is on another scale.
pub fn highlighted_bar(
    shares: &BandShares,
    data_rules: Option<&YearRules>,
    year: &YearRules,
    final_score_published: f64,
) -> Option<Band> {
    if !same_scale(data_rules, year) {
        return None;
    }
    bars_of(shares, data_rules)
        .into_iter()
        .find(|b| {
            b.range.is_some_and(|(lo, hi)| {
                lo - 1e-9 <= final_score_published && final_score_published <= hi + 1e-9
            })
        })
        .map(|b| b.band)
}

/// The scenario year's bands along the 0–100 score axis, at their true edges (the printed
/// ranges stop 0.01 short): (band, low edge, high edge).
pub fn axis(year: &YearRules) -> Vec<(Band, f64, f64)> {
    let ranges = band_ranges(year);
    let pt = year.pt();
    let mut out = Vec::with_capacity(ranges.len());
    for (i, (band, lo, _)) in ranges.iter().enumerate() {
        let low = match band {
            Band::MaxNegative => 0.0,
            Band::Negative => pt / 4.0,
            Band::Neutral | Band::Positive => pt,
            _ => *lo,
        };
        let high = match ranges.get(i + 1) {
            None => 100.0,
            Some(_) if *band == Band::Neutral => pt,
            Some((Band::Negative, _, _)) => pt / 4.0,
            Some((Band::Neutral, _, _)) => pt,
            Some((_, next_lo, _)) => *next_lo,
        };
        out.push((*band, low, high));
    }
    out
}

/// The national share of clinicians in each band for a comparison group, and where the
/// scenario stands among them.
#[derive(Clone, Debug, PartialEq)]
pub struct BandChart {
    pub group: Group,
    pub reporting: ReportingStatus,
    /// Why this group: "6 clinicians: a small practice (15 or fewer clinicians)", or that the
    /// user chose it.
    pub why_group: String,
    /// The year of the national figures (the nearest CMS published for the group).
    pub data_year: u16,
    /// The scenario's performance year.
    pub scenario_year: u16,
    /// Where in CMS's publication the figures are.
    pub source: String,
    pub bars: Vec<Bar>,
    /// The data year's bands are the scenario year's (same performance threshold).
    pub same_scale: bool,
    /// The scenario year's bands along the 0–100 score axis: (band, low edge, high edge).
    pub axis: Vec<(Band, f64, f64)>,
    /// Band edges to mark on the axis (0, PT/4, PT, the top band's start, 100).
    pub edges: Vec<f64>,
    /// The scenario's final score as CMS publishes it, and its band.
    pub final_score: f64,
    pub band: Band,
    /// The bar the scenario lands in (None on another scale).
    pub highlighted: Option<Band>,
    /// Share of the group in the highlighted bar.
    pub highlighted_share: Option<f64>,
    /// The bar a baseline lands in, by the same rule.
    pub baseline_bar: Option<Band>,
    /// Said under the chart: the data year, why nothing is highlighted, …
    pub notes: Vec<String>,
    /// All clinicians' mean and median final score in the data year.
    pub mean_median: Option<(f64, f64)>,
}

impl BandChart {
    /// "20.15% of small practices landed in the Positive band in PY2024.", only when a bar
    /// is highlighted (never against another year's scale).
    pub fn landed_sentence(&self) -> Option<String> {
        let bar = self.bars.iter().find(|b| b.highlighted)?;
        Some(format!(
            "{:.2}% of {} landed in your band ({}) in PY{}.",
            bar.share,
            self.group.label().to_lowercase(),
            bar.band.label(),
            self.data_year
        ))
    }
}

/// The chart for a result against a group's national figures (`None` when CMS published no
/// band shares for the group).
#[allow(clippy::too_many_arguments)]
pub fn build(
    r: &ScoreResult,
    year: &YearRules,
    rules: &RuleSet,
    national: &National,
    group: Group,
    reporting: ReportingStatus,
    why_group: String,
    baseline: Option<&ScoreResult>,
) -> Option<BandChart> {
    let shares = national.nearest_shares(r.performance_year, group, reporting)?;
    let data_year = shares.performance_year;
    let data_rules = rules.year(data_year);
    let fs = r.final_score_published;
    let same_scale = same_scale(data_rules, year);
    let highlighted = highlighted_bar(shares, data_rules, year, fs);
    let baseline_bar = baseline.and_then(|b| {
        rules
            .year(b.performance_year)
            .and_then(|by| highlighted_bar(shares, data_rules, by, b.final_score_published))
    });
    let mut bars = bars_of(shares, data_rules);
    for b in &mut bars {
        b.highlighted = Some(b.band) == highlighted;
    }
    let highlighted_share = bars.iter().find(|b| b.highlighted).map(|b| b.share);
    let mut notes = Vec::new();
    let group_words = group.label().to_lowercase();
    if data_year != r.performance_year {
        notes.push(format!(
            "Band shares for PY{} are not available for {group_words}; the chart shows PY{data_year}'s, the nearest year CMS published.",
            r.performance_year
        ));
    }
    if !same_scale {
        let dpt = data_rules.map_or("another".to_string(), |d| number(d.pt()));
        notes.push(format!(
            "PY{data_year}'s performance threshold ({dpt}) is not PY{}'s ({}), so its bands are not this scenario's: no band is highlighted. The score axis shows PY{}'s own bands.",
            r.performance_year,
            number(year.pt()),
            r.performance_year
        ));
    } else if highlighted.is_some() && highlighted != Some(r.band) {
        notes.push(format!(
            "PY{data_year}'s figures do not split the bands as PY{} does: the highlighted band is the one a final score of {} falls in.",
            r.performance_year,
            two_decimals(fs)
        ));
    }
    let axis = axis(year);
    let mut edges = vec![0.0];
    for &(_, lo, hi) in &axis {
        for e in [lo, hi] {
            if !edges.iter().any(|x: &f64| (x - e).abs() < 1e-9) {
                edges.push(e);
            }
        }
    }
    edges.sort_by(f64::total_cmp);
    Some(BandChart {
        group,
        reporting,
        why_group,
        data_year,
        scenario_year: r.performance_year,
        source: format!("{}, {}", national.source, shares.section),
        bars,
        same_scale,
        axis,
        edges,
        final_score: fs,
        band: r.band,
        highlighted,
        highlighted_share,
        baseline_bar,
        notes,
        mean_median: national
            .overall_final_score(data_year)
            .map(|f| (f.mean, f.median)),
    })
}
