//! The roster's totals, kept as the rows stream by (nothing per row is held): rows, bands per
//! year beside CMS's national shares, dollars, the best and worst rows, the check's counts
//! and the what-if's changes.

use std::collections::BTreeMap;

use crate::engine::{Band, ScoreResult};
use crate::national::{BandShares, Group, National, ReportingStatus};

/// Bands in score order.
pub const BANDS: [Band; 6] = [
    Band::MaxNegative,
    Band::Negative,
    Band::Neutral,
    Band::Positive,
    Band::Positive89Plus,
    Band::Exceptional,
];

fn band_index(b: Band) -> usize {
    BANDS.iter().position(|x| *x == b).unwrap_or(0)
}

/// One year's rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YearTally {
    pub rows: usize,
    pub bands: [usize; 6],
    pub small: usize,
    pub solo: usize,
    pub rural: usize,
}

impl YearTally {
    /// The national group these rows are best compared with.
    pub fn group(&self) -> Group {
        if self.rows > 0 && self.solo == self.rows {
            Group::Solo
        } else if self.rows > 0 && self.small == self.rows {
            Group::Small
        } else if self.rows > 0 && self.rural == self.rows {
            Group::Rural
        } else {
            Group::All
        }
    }
}

/// A row remembered for the best / worst lines.
#[derive(Clone, Debug, PartialEq)]
pub struct RowMark {
    pub row: usize,
    pub id: Option<String>,
    pub final_score: f64,
    pub payment_adjustment_percent: f64,
    pub dollar_impact: Option<f64>,
}

/// What the what-if changed, in total.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WhatIfTotals {
    /// Rows the what-if applied to.
    pub rows: usize,
    pub points: f64,
    pub adjustment_points: f64,
    pub dollars: f64,
    pub band_up: usize,
    pub band_down: usize,
}

/// The roster's totals.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub rows: usize,
    pub bad_rows: usize,
    pub years: BTreeMap<u16, YearTally>,
    pub total_dollars: f64,
    pub rows_with_dollars: usize,
    pub best: Option<RowMark>,
    pub worst: Option<RowMark>,
    pub compared: usize,
    pub agreed: usize,
    pub disagreed: usize,
    pub not_compared: usize,
    pub what_if: Option<WhatIfTotals>,
}

impl Summary {
    /// Count a scored row.
    pub fn add(
        &mut self,
        row: usize,
        id: Option<&str>,
        small: bool,
        solo: bool,
        rural: bool,
        r: &ScoreResult,
    ) {
        self.add_numbers(
            row,
            id,
            [small, solo, rural],
            r.performance_year,
            r.band,
            RowMark {
                row,
                id: None,
                final_score: r.final_score,
                payment_adjustment_percent: r.payment_adjustment_percent,
                dollar_impact: r.dollar_impact,
            },
        );
    }

    /// Count a scored row from its numbers (`mark` without its id: given as `id`);
    /// `size` is small, solo, rural.
    pub fn add_numbers(
        &mut self,
        row: usize,
        id: Option<&str>,
        size: [bool; 3],
        performance_year: u16,
        band: Band,
        r: RowMark,
    ) {
        let [small, solo, rural] = size;
        self.rows += 1;
        let t = self.years.entry(performance_year).or_default();
        t.rows += 1;
        t.bands[band_index(band)] += 1;
        t.small += usize::from(small);
        t.solo += usize::from(solo);
        t.rural += usize::from(rural);
        if let Some(d) = r.dollar_impact {
            self.total_dollars += d;
            self.rows_with_dollars += 1;
        }
        let mark = || RowMark {
            row,
            id: id.map(str::to_string),
            final_score: r.final_score,
            payment_adjustment_percent: r.payment_adjustment_percent,
            dollar_impact: r.dollar_impact,
        };
        if self
            .best
            .as_ref()
            .is_none_or(|b| r.final_score > b.final_score)
        {
            self.best = Some(mark());
        }
        if self
            .worst
            .as_ref()
            .is_none_or(|w| r.final_score < w.final_score)
        {
            self.worst = Some(mark());
        }
    }

    /// Count a comparison with CMS's results.
    pub fn add_comparison(&mut self, agrees: Option<bool>) {
        match agrees {
            Some(true) => {
                self.compared += 1;
                self.agreed += 1;
            }
            Some(false) => {
                self.compared += 1;
                self.disagreed += 1;
            }
            None => self.not_compared += 1,
        }
    }

    /// Count a row's what-if.
    pub fn add_what_if(&mut self, before: &ScoreResult, after: &ScoreResult) {
        let t = self.what_if.get_or_insert_with(WhatIfTotals::default);
        t.rows += 1;
        t.points += after.final_score - before.final_score;
        t.adjustment_points += after.payment_adjustment_percent - before.payment_adjustment_percent;
        t.dollars += after.dollar_impact.unwrap_or(0.0) - before.dollar_impact.unwrap_or(0.0);
        let (b, a) = (band_rank(before.band), band_rank(after.band));
        t.band_up += usize::from(a > b);
        t.band_down += usize::from(a < b);
    }

    /// The national shares beside a year's rows (the nearest published year for the group).
    pub fn national<'n>(&self, national: &'n National, year: u16) -> Option<&'n BandShares> {
        let group = self.years.get(&year)?.group();
        national
            .nearest_shares(year, group, ReportingStatus::Overall)
            .or_else(|| national.nearest_shares(year, Group::All, ReportingStatus::Overall))
    }
}

/// A stretch of rows' part of the summary, counted on a worker thread and merged into the
/// [`Summary`] in file order: the totals come out the same, to the last bit, as adding the
/// rows one by one (the sums of dollars and points are added in row order when merged).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SummaryPart {
    /// Counts, bands and the best and worst rows of the stretch (its sums left at 0).
    counts: Summary,
    /// Each row's dollars, in order.
    dollars: Vec<f64>,
    /// Each what-if's change in points, adjustment points and dollars, in order.
    what_if: Vec<[f64; 3]>,
}

impl SummaryPart {
    /// Count a scored row (as [`Summary::add`]).
    pub fn add(
        &mut self,
        row: usize,
        id: Option<&str>,
        small: bool,
        solo: bool,
        rural: bool,
        r: &ScoreResult,
    ) {
        self.counts.add(row, id, small, solo, rural, r);
        self.counts.total_dollars = 0.0;
        if let Some(d) = r.dollar_impact {
            self.dollars.push(d);
        }
    }

    /// Count a comparison with CMS's results.
    pub fn add_comparison(&mut self, agrees: Option<bool>) {
        self.counts.add_comparison(agrees);
    }

    /// Count a row's what-if (as [`Summary::add_what_if`]).
    pub fn add_what_if(&mut self, before: &ScoreResult, after: &ScoreResult) {
        self.counts.add_what_if(before, after);
        if let Some(t) = &mut self.counts.what_if {
            (t.points, t.adjustment_points, t.dollars) = (0.0, 0.0, 0.0);
        }
        self.what_if.push([
            after.final_score - before.final_score,
            after.payment_adjustment_percent - before.payment_adjustment_percent,
            after.dollar_impact.unwrap_or(0.0) - before.dollar_impact.unwrap_or(0.0),
        ]);
    }

    /// Count a bad row.
    pub fn add_bad(&mut self) {
        self.counts.bad_rows += 1;
    }
}

impl Summary {
    /// Add the next stretch of rows (stretches must come in file order).
    pub fn merge(&mut self, part: SummaryPart) {
        let c = part.counts;
        self.rows += c.rows;
        self.bad_rows += c.bad_rows;
        for (year, t) in c.years {
            let mine = self.years.entry(year).or_default();
            mine.rows += t.rows;
            for (a, b) in mine.bands.iter_mut().zip(t.bands) {
                *a += b;
            }
            mine.small += t.small;
            mine.solo += t.solo;
            mine.rural += t.rural;
        }
        for d in part.dollars {
            self.total_dollars += d;
        }
        self.rows_with_dollars += c.rows_with_dollars;
        // An earlier row keeps its place on a tie, as when counted one by one.
        if let Some(b) = c.best
            && self
                .best
                .as_ref()
                .is_none_or(|m| b.final_score > m.final_score)
        {
            self.best = Some(b);
        }
        if let Some(w) = c.worst
            && self
                .worst
                .as_ref()
                .is_none_or(|m| w.final_score < m.final_score)
        {
            self.worst = Some(w);
        }
        self.compared += c.compared;
        self.agreed += c.agreed;
        self.disagreed += c.disagreed;
        self.not_compared += c.not_compared;
        if let Some(w) = c.what_if {
            let t = self.what_if.get_or_insert_with(WhatIfTotals::default);
            t.rows += w.rows;
            for [points, adjustment, dollars] in part.what_if {
                t.points += points;
                t.adjustment_points += adjustment;
                t.dollars += dollars;
            }
            t.band_up += w.band_up;
            t.band_down += w.band_down;
        }
    }
}

/// Bands ranked for "moved up / down" (the 89+ split and the exceptional band rank alike).
pub fn band_rank(b: Band) -> u8 {
    match b {
        Band::MaxNegative => 0,
        Band::Negative => 1,
        Band::Neutral => 2,
        Band::Positive => 3,
        Band::Positive89Plus | Band::Exceptional => 4,
    }
}

/// The index of a band in [`BANDS`].
pub fn index_of(b: Band) -> usize {
    band_index(b)
}
