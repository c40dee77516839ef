//! `[promoting_interoperability]` and its `[[promoting_interoperability.measures]]`.

use std::ops::Range;

use super::super::{Reader, Table};
use super::Inventory;
use crate::builders::promoting_interoperability::{PiInput, PiMeasureInput, PiValue};
use crate::diagnostic::Diagnostic;
use crate::measures::YearMeasures;
use crate::toml_input::LocatedGetters;

const KEYS: &[&str] = &[
    "measures",
    "cehrt_2015_edition",
    "improvement_activity_with_cehrt",
    "period_days",
];
const MEASURE_KEYS: &[&str] = &["id", "numerator", "denominator", "attested", "excluded"];

impl Reader<'_> {
    pub(super) fn read_pi(
        &self,
        table: &Table<'_>,
        span: &Range<usize>,
        data: &YearMeasures,
    ) -> Result<PiInput, Diagnostic> {
        self.check_keys(table, "promoting_interoperability", KEYS)?;
        let year = data.performance_year;
        let mut input = PiInput::default();
        let inventory = Inventory::new(
            "Promoting Interoperability measure",
            data.promoting_interoperability
                .iter()
                .map(|x| (x.id.as_str(), x.title.as_str())),
        );
        for (i, (row, row_span)) in self
            .rows(table, "promoting_interoperability")?
            .iter()
            .enumerate()
        {
            let at = format!("promoting_interoperability.measures[{}]", i + 1);
            self.check_keys(row, "promoting_interoperability.measures", MEASURE_KEYS)?;
            let id = self.measure_id(
                row,
                row_span,
                &at,
                year,
                &inventory,
                "a PI measure id for the year, e.g. id = \"PI_EP_1\"",
                |id| data.pi_measure(id).is_some(),
            )?;
            if input.measures.iter().any(|m| m.id == id.value) {
                return Err(self.listed_twice(
                    &id,
                    &format!("{at}.id"),
                    &id.value,
                    "each measure once",
                ));
            }
            let numerator = self.opt_number(
                row,
                "numerator",
                &at,
                "a count of 0 or more, at most the denominator",
            )?;
            let denominator = self.opt_number(row, "denominator", &at, "a count of 1 or more")?;
            let attested = self.opt_bool(row, "attested", &at)?;
            let excluded = self.opt_bool(row, "excluded", &at)?;
            let help = "numerator = N with denominator = N, or attested = true / false, or excluded = true";
            let forms = usize::from(numerator.is_some() || denominator.is_some())
                + usize::from(attested.is_some())
                + usize::from(excluded.is_some());
            if forms != 1 {
                let msg = if forms == 0 {
                    format!("is missing for {}", id.value)
                } else {
                    "give one of numerator/denominator, attested or excluded".to_string()
                };
                return Err(self.err(row_span, &format!("{at}.numerator"), msg, help));
            }
            let value = match (numerator, denominator, attested, excluded) {
                (Some(n), Some(d), _, _) => {
                    self.fraction(&n, &d, &at)?;
                    PiValue::Fraction {
                        numerator: n.value,
                        denominator: d.value,
                    }
                }
                (Some(n), None, _, _) => {
                    return Err(self.err(
                        &n.span,
                        &format!("{at}.denominator"),
                        "is missing: numerator needs a denominator",
                        help,
                    ));
                }
                (None, Some(d), _, _) => {
                    return Err(self.err(
                        &d.span,
                        &format!("{at}.numerator"),
                        "is missing: denominator needs a numerator",
                        help,
                    ));
                }
                (_, _, Some(a), _) => PiValue::Attested(a),
                (_, _, _, Some(true)) => PiValue::Excluded,
                _ => {
                    return Err(self.err(
                        row_span,
                        &format!("{at}.excluded"),
                        "excluded = false says nothing: leave it out",
                        help,
                    ));
                }
            };
            input.measures.push(PiMeasureInput {
                id: id.value,
                value,
            });
        }
        input.cehrt_2015_edition = self
            .opt_bool(table, "cehrt_2015_edition", "promoting_interoperability")?
            .unwrap_or(false);
        if input.cehrt_2015_edition && year != 2018 {
            let s = table
                .get("cehrt_2015_edition")
                .map(|v| v.span())
                .unwrap_or(span.clone());
            return Err(self.err(
                &s,
                "promoting_interoperability.cehrt_2015_edition",
                format!("the 2015 Edition CEHRT bonus is PY2018 only, not PY{year}"),
                "leave it out",
            ));
        }
        input.improvement_activity_with_cehrt = self
            .opt_bool(
                table,
                "improvement_activity_with_cehrt",
                "promoting_interoperability",
            )?
            .unwrap_or(false);
        if input.improvement_activity_with_cehrt && year > 2018 {
            let s = table
                .get("improvement_activity_with_cehrt")
                .map(|v| v.span())
                .unwrap_or(span.clone());
            return Err(self.err(&s, "promoting_interoperability.improvement_activity_with_cehrt", format!("the bonus for an improvement activity done with CEHRT is PY2017–2018 only, not PY{year}"), "leave it out"));
        }
        if let Some(v) = table.get("period_days") {
            let days = self.opt_count(table, "period_days", "promoting_interoperability")?;
            match days {
                Some(d) if (1..=366).contains(&d) => input.period_days = Some(d),
                _ => {
                    return Err(self.err(
                        &v.span(),
                        "promoting_interoperability.period_days",
                        format!(
                            "{} is not a number of days in a year",
                            days.map_or("0".to_string(), |d| d.to_string())
                        ),
                        "1 to 366 continuous days (the minimum is 90, 180 from PY2024)",
                    ));
                }
            }
        }
        Ok(input)
    }
}
