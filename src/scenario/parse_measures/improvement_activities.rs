//! `[improvement_activities]`.

use std::ops::Range;

use toml::de::DeValue;

use super::super::{Reader, Table, describe};
use super::Inventory;
use crate::builders::improvement_activities::{
    Activities, ImprovementActivitiesInput, weighted_year,
};
use crate::diagnostic::{Diagnostic, quote_short};
use crate::measures::YearMeasures;
use crate::toml_input::{At, LocatedGetters};

const KEYS: &[&str] = &[
    "activities",
    "high",
    "medium",
    "count",
    "pcmh",
    "mips_apm",
    "clinicians_percent",
];

impl Reader<'_> {
    pub(super) fn read_activities(
        &self,
        table: &Table<'_>,
        span: &Range<usize>,
        data: &YearMeasures,
    ) -> Result<ImprovementActivitiesInput, Diagnostic> {
        let at = "improvement_activities";
        self.check_keys(table, at, KEYS)?;
        let year = data.performance_year;
        let weighted = weighted_year(year);
        let field = "improvement_activities.activities";
        let list = self.id_list(
            table,
            "activities",
            field,
            "activity",
            "activities = [\"IA_EPA_1\", \"IA_PM_2\"]",
        )?;
        if let Some(ids) = &list {
            let inventory = Inventory::new(
                "improvement activity",
                data.improvement_activities
                    .iter()
                    .map(|x| (x.id.as_str(), x.title.as_str())),
            );
            if let Some(id) = ids.iter().find(|id| data.activity(&id.value).is_none()) {
                return Err(self.unknown_id(id, field, year, &inventory));
            }
        }
        let high = self.opt_count(table, "high", at)?;
        let medium = self.opt_count(table, "medium", at)?;
        let count = self.opt_count(table, "count", at)?;
        let weight_span = table.get("high").or(table.get("medium")).map(|v| v.span());
        let count_span = table.get("count").map(|v| v.span());
        let forms = usize::from(list.is_some())
            + usize::from(high.is_some() || medium.is_some())
            + usize::from(count.is_some());
        let help = if weighted {
            "activities = [ids], or high = N with medium = N"
        } else {
            "activities = [ids], or count = N (weights were removed in PY2025)"
        };
        if forms > 1 {
            return Err(self.err(span, at, "give the activities one way only", help));
        }
        if let Some(s) = &weight_span
            && !weighted
        {
            return Err(self.err(
                s,
                "improvement_activities.high",
                format!("activities have no weights in PY{year}"),
                "count = N (PY2025+), or the activity ids",
            ));
        }
        if let Some(s) = &count_span
            && weighted
        {
            return Err(self.err(
                s,
                "improvement_activities.count",
                format!("PY{year} activities are weighted: give them by weight"),
                "high = N with medium = N, or the activity ids",
            ));
        }
        let listed: Vec<String> = list
            .as_ref()
            .map(|ids| ids.iter().map(|i| i.value.clone()).collect())
            .unwrap_or_default();
        let clinicians_percent = self.clinicians_percent(table, list.is_some(), &listed)?;
        let activities = match (list, count) {
            (Some(_), _) => Activities::Listed(listed),
            (None, Some(n)) => Activities::Count(n),
            (None, None) => Activities::Weighted {
                high: high.unwrap_or(0),
                medium: medium.unwrap_or(0),
            },
        };
        Ok(ImprovementActivitiesInput {
            activities,
            pcmh: self.opt_bool(table, "pcmh", at)?.unwrap_or(false),
            mips_apm: self.opt_bool(table, "mips_apm", at)?.unwrap_or(false),
            clinicians_percent,
        })
    }

    /// `clinicians_percent = { IA_EPA_1 = 60 }`: for a group, the percent of its clinicians
    /// who performed each listed activity.
    fn clinicians_percent(
        &self,
        table: &Table<'_>,
        listed_form: bool,
        listed: &[String],
    ) -> Result<Vec<(String, f64)>, Diagnostic> {
        let field = "improvement_activities.clinicians_percent";
        let help = "clinicians_percent = { IA_EPA_1 = 60 } — for each listed activity, the percent (0 to 100) of the group's clinicians who performed it";
        let Some(v) = table.get("clinicians_percent") else {
            return Ok(Vec::new());
        };
        let DeValue::Table(shares) = v.get_ref() else {
            return Err(self.err(
                &v.span(),
                field,
                format!("must be a table, found {}", describe(v.get_ref())),
                help,
            ));
        };
        if !listed_form {
            return Err(self.err(
                &v.span(),
                field,
                "needs the activities listed by id",
                "activities = [\"IA_EPA_1\", \"IA_PM_2\"] with clinicians_percent = { IA_EPA_1 = 60 }",
            ));
        }
        let mut out = Vec::new();
        for (key, value) in shares.iter() {
            let id = key.get_ref().as_ref();
            if !listed.iter().any(|l| l == id) {
                return Err(self.err(
                    &key.span(),
                    &format!("{field}.{}", quote_short(id, 40)),
                    format!(
                        "\"{}\" is not one of the activities listed",
                        quote_short(id, 40)
                    ),
                    format!("an id of `activities`: {}", listed.join(", ")),
                ));
            }
            let at = format!("{field}.{id}");
            let n = match value.get_ref() {
                DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                    .ok()
                    .map(|n| n as f64),
                DeValue::Float(f) => f.as_str().parse::<f64>().ok().filter(|n| n.is_finite()),
                other => {
                    return Err(self.err(
                        &value.span(),
                        &at,
                        format!("must be a number, found {}", describe(other)),
                        "a percent from 0 to 100",
                    ));
                }
            };
            let n = At {
                value: n.unwrap_or(f64::NAN),
                span: value.span(),
            };
            self.in_range(&n, &at, 0.0, 100.0, "a percent from 0 to 100")?;
            out.push((id.to_string(), n.value));
        }
        Ok(out)
    }
}
