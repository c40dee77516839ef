//! The portfolio what-if in the Roster view: the typed line read, and the rows worked out a
//! slice at a time.

use super::*;

impl RosterView {
    /// A new what-if line: read it, and start working the rows out again.
    pub(super) fn set_what_if_text(&mut self, text: String, rules: &crate::rules::RuleSet) {
        self.what_if.text = text;
        match parse_what_if_line(&self.what_if.text, rules) {
            Ok(w) => {
                self.what_if.error = None;
                if w != self.what_if.what_if {
                    self.what_if.what_if = w;
                    self.restart_what_if();
                }
            }
            Err(m) => self.what_if.error = Some(m),
        }
    }

    /// Work every row out again (the what-if or a row changed).
    pub(super) fn restart_what_if(&mut self) {
        let active = self.what_if.is_active();
        self.what_if.rows = if active {
            vec![RowWhatIf::Pending; self.roster.entries.len()]
        } else {
            Vec::new()
        };
        self.what_if.next = 0;
        self.what_if.totals = WhatIfTotals::default();
    }

    /// Work one row out under the what-if and count it.
    pub(super) fn work_row(&mut self, i: usize, rules: &crate::rules::RuleSet) {
        if self.what_if.rows.get(i) != Some(&RowWhatIf::Pending) {
            return;
        }
        let w = &self.what_if.what_if;
        let t = &mut self.what_if.totals;
        t.done += 1;
        let outcome = match &self.roster.entries[i] {
            Entry::Scored(r) if w.applies_to(&r.read.scenario) => {
                match w.score(&r.read.scenario, rules) {
                    Ok((_, result)) => {
                        let after = Outcome::of(&result, r.read.confidence);
                        let before = &r.outcome;
                        t.rows += 1;
                        t.points += after.final_score - before.final_score;
                        t.adjustment_points +=
                            after.payment_adjustment_percent - before.payment_adjustment_percent;
                        t.dollars += after.dollar_impact.unwrap_or(0.0)
                            - before.dollar_impact.unwrap_or(0.0);
                        let (b, a) = (band_rank(before.band), band_rank(after.band));
                        t.band_up += usize::from(a > b);
                        t.band_down += usize::from(a < b);
                        RowWhatIf::Scored(after)
                    }
                    Err(problems) => {
                        t.invalid += 1;
                        RowWhatIf::Invalid(
                            problems
                                .iter()
                                .map(|p| p.to_string())
                                .collect::<Vec<_>>()
                                .join("; "),
                        )
                    }
                }
            }
            _ => RowWhatIf::NotApplied,
        };
        self.what_if.rows[i] = outcome;
    }

    /// Work rows out until `budget` is spent: the rows on screen first, then in file order.
    pub fn work(&mut self, budget: Option<Duration>, rules: &crate::rules::RuleSet) {
        if !self.what_if.is_active() || self.what_if.complete() {
            return;
        }
        let start = Instant::now();
        let visible: Vec<usize> = self
            .order
            .iter()
            .skip(self.top)
            .take(self.page.max(1))
            .map(|i| *i as usize)
            .collect();
        for i in visible {
            self.work_row(i, rules);
        }
        let n = self.what_if.rows.len();
        while self.what_if.next < n {
            // The clock is read every 64 rows (a row takes a few microseconds).
            for _ in 0..64 {
                if self.what_if.next >= n {
                    break;
                }
                let i = self.what_if.next;
                self.work_row(i, rules);
                self.what_if.next += 1;
            }
            if budget.is_some_and(|b| start.elapsed() >= b) {
                break;
            }
        }
    }
}
