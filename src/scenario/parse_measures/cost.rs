//! `[cost]` and its `[[cost.measures]]`.

use std::ops::Range;

use super::super::{Reader, Table};
use super::Inventory;
use crate::builders::cost::{CostImprovementInput, CostInput, CostMeasureInput, CostValue};
use crate::diagnostic::Diagnostic;
use crate::measures::YearMeasures;
use crate::toml_input::LocatedGetters;

const KEYS: &[&str] = &["measures", "improvement", "suppressed"];
const MEASURE_KEYS: &[&str] = &["id", "cost", "points", "cases"];
const IMPROVEMENT_KEYS: &[&str] = &["prior_percent"];

impl Reader<'_> {
    pub(super) fn read_cost(
        &self,
        table: &Table<'_>,
        span: &Range<usize>,
        data: &YearMeasures,
    ) -> Result<CostInput, Diagnostic> {
        self.check_keys(table, "cost", KEYS)?;
        let year = data.performance_year;
        let mut input = CostInput::default();
        let inventory = Inventory::new(
            "cost measure",
            data.cost.iter().map(|x| (x.id.as_str(), x.title.as_str())),
        );
        for (i, (row, row_span)) in self.rows(table, "cost")?.iter().enumerate() {
            let at = format!("cost.measures[{}]", i + 1);
            self.check_keys(row, "cost.measures", MEASURE_KEYS)?;
            let id = self.measure_id(
                row,
                row_span,
                &at,
                year,
                &inventory,
                "a CMS cost measure id for the year, e.g. id = \"TPCC_1\"",
                |id| data.cost_measure(id).is_some(),
            )?;
            if input.measures.iter().any(|m| m.id == id.value) {
                return Err(self.listed_twice(
                    &id,
                    &format!("{at}.id"),
                    &id.value,
                    "each cost measure once",
                ));
            }
            let cost =
                self.opt_number(row, "cost", &at, "the measure's cost in dollars, 0 or more")?;
            let points = self.opt_number(row, "points", &at, "achievement points from 1 to 10")?;
            let value = match (cost, points) {
                (Some(c), None) => {
                    self.in_range(
                        &c,
                        &format!("{at}.cost"),
                        0.0,
                        10_000_000.0,
                        "the measure's cost in dollars, 0 to 10000000",
                    )?;
                    CostValue::Cost(c.value)
                }
                (None, Some(p)) => {
                    self.in_range(
                        &p,
                        &format!("{at}.points"),
                        1.0,
                        10.0,
                        "achievement points from 1 to 10",
                    )?;
                    CostValue::Points(p.value)
                }
                (Some(c), Some(_)) => {
                    return Err(self.err(
                        &c.span,
                        &format!("{at}.cost"),
                        "give the cost or the points, not both",
                        "cost = 1442.57, or points = 7.74",
                    ));
                }
                (None, None) => {
                    return Err(self.err(
                        row_span,
                        &format!("{at}.cost"),
                        format!("is missing for {}", id.value),
                        "cost = 1442.57 (dollars), or points = 7.74",
                    ));
                }
            };
            input.measures.push(CostMeasureInput {
                id: id.value,
                value,
                cases: self.opt_count(row, "cases", &at)?,
            });
        }
        let help = "last year's cost category percent, 0 to 100";
        if let Some((prior, _)) = self.prior_percent(table, span, "cost", IMPROVEMENT_KEYS, help)? {
            input.improvement = Some(CostImprovementInput {
                prior_percent: prior,
            });
        }
        let listed: Vec<&str> = input.measures.iter().map(|m| m.id.as_str()).collect();
        input.suppressed = self.suppressed(table, "cost", &listed)?;
        Ok(input)
    }
}
