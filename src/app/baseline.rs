//! The baseline: a pinned state that results are compared with (b pins, B goes back, x drops).

use super::App;
use crate::engine::{ScoreResult, published_score};
use crate::format::{percent, two_decimals};
use crate::scenario::Scenario;

/// The pinned state results are compared with.
#[derive(Clone, Debug, PartialEq)]
pub struct Baseline {
    pub scenario: Scenario,
    pub result: ScoreResult,
}

impl App {
    pub(super) fn pin_baseline(&mut self) {
        self.baseline = Some(Baseline {
            scenario: self.scenario.clone(),
            result: self.computed.result.clone(),
        });
        self.recompute();
        let r = &self.computed.result;
        let text = format!(
            "Baseline pinned: {} → {}. Results now show changes against it (B returns, x drops)",
            two_decimals(published_score(r.final_score)),
            percent(r.payment_adjustment_percent)
        );
        self.info(text);
    }

    pub(super) fn back_to_baseline(&mut self) {
        let Some(b) = &self.baseline else {
            self.info("No baseline yet: b pins the current state");
            return;
        };
        let target = b.scenario.clone();
        if self.scenario == target {
            self.info("Already at the baseline");
            return;
        }
        self.history.record(self.scenario.clone(), None);
        self.set_scenario(target);
        self.info("Back to the baseline (u undoes)");
    }

    pub(super) fn drop_baseline(&mut self) {
        if self.baseline.take().is_some() {
            self.recompute();
            self.info("Baseline dropped");
        } else {
            self.info("No baseline to drop");
        }
    }
}
