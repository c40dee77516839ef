//! The Roster view's order, filters and totals: each sort key's order worked out once, the
//! filters over an index vector, the totals of the rows shown.

use super::*;

impl RosterView {
    /// Sort every entry again (then filter). Each key's order is worked out once and kept
    /// until a row is edited, so changing the sort is a copy.
    pub fn resort(&mut self) {
        let n = self.roster.entries.len();
        let mut order: Vec<u32> = match self.sort {
            SortKey::File => (0..n as u32).collect(),
            key => {
                let slot = match key {
                    SortKey::Dollars => 0,
                    SortKey::Score => 1,
                    _ => 2,
                };
                if self.orders[slot].is_none() {
                    self.orders[slot] = Some(sorted_by(&self.roster.entries, &self.keys, key));
                }
                let (ascending, valued) = self.orders[slot].as_ref().expect("just worked out");
                if self.descending && key != SortKey::Name {
                    // The rows with the number reversed; those without stay last.
                    let mut o: Vec<u32> = ascending[..*valued].iter().rev().copied().collect();
                    o.extend_from_slice(&ascending[*valued..]);
                    o
                } else {
                    ascending.clone()
                }
            }
        };
        if self.descending && matches!(self.sort, SortKey::File | SortKey::Name) {
            order.reverse();
        }
        self.sorted = order;
        // The same rows in another order: the totals stay.
        self.apply_filters(false);
    }

    /// Apply the filters to the sorted entries (and work the totals out again).
    pub fn refilter(&mut self) {
        self.apply_filters(true);
    }

    pub(super) fn apply_filters(&mut self, retotal: bool) {
        let selected_entry = self.order.get(self.selected).copied();
        let needle = self.filter.trim().to_lowercase();
        let search = self.search.as_bytes();
        let keeps = |i: u32| {
            let i = i as usize;
            let k = &self.keys[i];
            match &k.outcome {
                Some(o) => {
                    if !(self.band.is_none_or(|b| o.band == b) && self.size.keeps(k.clinicians)) {
                        return false;
                    }
                }
                // A bad row has no band or size: shown only with those filters off.
                None => {
                    if !(self.band.is_none() && self.size == SizeFilter::All) {
                        return false;
                    }
                }
            }
            needle.is_empty()
                || contains(
                    &search[self.search_at[i] as usize..self.search_at[i + 1] as usize],
                    needle.as_bytes(),
                )
        };
        self.order = self.sorted.iter().copied().filter(|i| keeps(*i)).collect();
        self.selected = selected_entry
            .and_then(|e| self.order.iter().position(|i| *i == e))
            .unwrap_or(0)
            .min(self.order.len().saturating_sub(1));
        if retotal {
            self.retotal();
        }
    }

    /// Work the shown rows' totals out again.
    pub fn retotal(&mut self) {
        let mut t = Totals {
            shown: self.order.len(),
            ..Totals::default()
        };
        let mut score_sum = 0.0;
        for &i in &self.order {
            let k = &self.keys[i as usize];
            let Some(o) = &k.outcome else {
                t.bad += 1;
                continue;
            };
            // The ids of the best and worst rows are filled in after.
            let row = k.row as usize;
            t.summary.add_numbers(
                row,
                None,
                [k.clinicians <= 15, k.clinicians == 1, k.rural],
                o.performance_year,
                o.band,
                RowMark {
                    row,
                    id: None,
                    final_score: o.final_score,
                    payment_adjustment_percent: o.payment_adjustment_percent,
                    dollar_impact: o.dollar_impact,
                },
            );
            if let Some(agrees) = k.agrees {
                t.summary.add_comparison(agrees);
            }
            score_sum += o.final_score;
            t.changed += usize::from(k.changed);
        }
        for m in [&mut t.summary.best, &mut t.summary.worst]
            .into_iter()
            .flatten()
        {
            // Entries are in file order, entry `i` being data row `i + 1`.
            let at = m.row.saturating_sub(1);
            let entry = match self.roster.entries.get(at) {
                Some(e) if e.row() == m.row => Some(e),
                _ => self.roster.entries.iter().find(|e| e.row() == m.row),
            };
            m.id = entry.and_then(|e| e.id()).map(str::to_string);
        }
        t.summary.bad_rows = t.bad;
        t.mean_score = (t.summary.rows > 0).then(|| score_sum / t.summary.rows as f64);
        self.totals = t;
    }
}

/// Every entry in ascending order of a key, with how many have it (the rest, bad rows and
/// rows without dollars, come last in file order).
pub(super) fn sorted_by(entries: &[Entry], keys: &[RowKey], key: SortKey) -> (Vec<u32>, usize) {
    let n = entries.len() as u32;
    if key == SortKey::Name {
        let names: Vec<String> = entries.iter().map(|e| e.name().to_lowercase()).collect();
        let mut by: Vec<u32> = (0..n).collect();
        by.sort_by(|a, b| names[*a as usize].cmp(&names[*b as usize]));
        return (by, n as usize);
    }
    let value = |k: &RowKey| -> Option<f64> {
        let o = k.outcome.as_ref()?;
        match key {
            SortKey::Dollars => o.dollar_impact,
            _ => Some(o.final_score),
        }
    };
    let mut keyed: Vec<(f64, u32)> = Vec::with_capacity(entries.len());
    let mut without: Vec<u32> = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        match value(k) {
            Some(v) => keyed.push((v, i as u32)),
            None => without.push(i as u32),
        }
    }
    keyed.sort_unstable_by(|(a, ia), (b, ib)| a.total_cmp(b).then(ia.cmp(ib)));
    let valued = keyed.len();
    let mut order: Vec<u32> = keyed.into_iter().map(|(_, i)| i).collect();
    order.extend(without);
    (order, valued)
}

/// Whether `needle` occurs in `haystack` (bytes of lower-case text; short strings, so a scan
/// from each place the first byte matches beats setting up a general searcher per row).
pub(super) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    if haystack.len() < needle.len() {
        return false;
    }
    let last_start = haystack.len() - needle.len();
    haystack[..=last_start]
        .iter()
        .enumerate()
        .any(|(at, &b)| b == first && &haystack[at + 1..at + needle.len()] == rest)
}

/// Every band, then none.
pub(super) fn next_band(b: Option<Band>) -> Option<Band> {
    match b {
        None => Some(Band::ALL[0]),
        Some(b) => {
            let at = Band::ALL.iter().position(|x| *x == b).unwrap_or(0);
            Band::ALL.get(at + 1).copied()
        }
    }
}
