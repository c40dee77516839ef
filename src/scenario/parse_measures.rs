//! Reading the categories a scenario gives from their parts: `[quality]`, `[cost]`,
//! `[improvement_activities]` and `[promoting_interoperability]` (see docs/measures.md). Every
//! problem is located (file, line, column, field) with what is allowed and a "did you mean"
//! by id and by title words.

use std::ops::Range;

use toml::de::DeValue;

use super::{Reader, Table, describe};
use crate::builders::MeasureInputs;
use crate::builders::cost::{CostImprovementInput, CostInput, CostMeasureInput, CostValue};
use crate::builders::improvement_activities::{Activities, ImprovementActivitiesInput};
use crate::builders::promoting_interoperability::{PiInput, PiMeasureInput, PiValue};
use crate::builders::quality::{
    Performance, QualityImprovementInput, QualityInput, QualityMeasureInput,
};
use crate::diagnostic::{Diagnostic, did_you_mean, quote_short};
use crate::measures::{CollectionType, YearMeasures};
use crate::rules::Category;
use crate::scenario::CategoryScores;

const QUALITY_KEYS: &[&str] = &["measures", "improvement"];
const QUALITY_MEASURE_KEYS: &[&str] = &[
    "id",
    "collection_type",
    "performance_rate",
    "numerator",
    "denominator",
    "data_completeness",
    "cases",
    "end_to_end",
];
const QUALITY_IMPROVEMENT_KEYS: &[&str] = &["prior_achievement_percent", "prior_category_score"];
const COST_KEYS: &[&str] = &["measures", "improvement"];
const COST_MEASURE_KEYS: &[&str] = &["id", "cost", "points", "cases"];
const COST_IMPROVEMENT_KEYS: &[&str] = &["prior_percent"];
const IA_KEYS: &[&str] = &["activities", "high", "medium", "count", "pcmh", "mips_apm"];
const PI_KEYS: &[&str] = &[
    "measures",
    "cehrt_2015_edition",
    "improvement_activity_with_cehrt",
];
const PI_MEASURE_KEYS: &[&str] = &["id", "numerator", "denominator", "attested", "excluded"];

/// A value read from a table, with where it is.
struct At<T> {
    value: T,
    span: Range<usize>,
}

impl Reader<'_> {
    /// Reads the four measure tables; `scores` (already read) must not give the same category.
    pub(super) fn read_measures(
        &self,
        root: &Table<'_>,
        year: u16,
        year_has_rules: bool,
        scores: &CategoryScores,
    ) -> Result<MeasureInputs, Diagnostic> {
        let mut out = MeasureInputs::default();
        let Some(data) = crate::measures::year(year) else {
            // A year the rules have (from a rules folder) but the embedded CMS data do not:
            // measure tables cannot be scored, so they are refused rather than ignored. (A year
            // with no rules at all is reported by the scenario check.)
            if year_has_rules
                && let Some(c) = Category::ALL
                    .into_iter()
                    .find(|c| root.get(c.key()).is_some())
                && let Some(v) = root.get(c.key())
            {
                return Err(self.err(
                    &v.span(),
                    c.key(),
                    format!("there are no CMS measure data for PY{year} to build {} from", c.label()),
                    format!(
                        "[{}] tables for PY{}–{}; give `{}` as a percent in [scores] for other years",
                        c.key(),
                        crate::measures::FIRST_YEAR,
                        crate::measures::LAST_YEAR,
                        c.key()
                    ),
                ));
            }
            return Ok(out);
        };
        for c in Category::ALL {
            let Some((table, span)) = self.table(root, c.key())? else {
                continue;
            };
            if scores.get(c).is_some() {
                return Err(self.err(
                    &span,
                    c.key(),
                    format!(
                        "{} is given twice: as a percent in [scores] and from its parts in [{}]",
                        c.label(),
                        c.key()
                    ),
                    format!(
                        "one of them: remove `{}` from [scores] or the [{}] table",
                        c.key(),
                        c.key()
                    ),
                ));
            }
            match c {
                Category::Quality => {
                    out.quality = Some(Box::new(self.read_quality(table, &span, data)?))
                }
                Category::Cost => out.cost = Some(Box::new(self.read_cost(table, &span, data)?)),
                Category::ImprovementActivities => {
                    out.improvement_activities =
                        Some(Box::new(self.read_activities(table, &span, data)?))
                }
                Category::PromotingInteroperability => {
                    out.promoting_interoperability =
                        Some(Box::new(self.read_pi(table, &span, data)?))
                }
            }
        }
        Ok(out)
    }

    fn read_quality(
        &self,
        table: &Table<'_>,
        span: &Range<usize>,
        data: &YearMeasures,
    ) -> Result<QualityInput, Diagnostic> {
        self.check_keys(table, "quality", QUALITY_KEYS)?;
        let year = data.performance_year;
        let mut input = QualityInput::default();
        let rows = self.rows(table, span, "quality")?;
        let mut seen: Vec<(String, CollectionType)> = Vec::new();
        for (i, (row, row_span)) in rows.iter().enumerate() {
            let at = format!("quality.measures[{}]", i + 1);
            self.check_keys(row, "quality.measures", QUALITY_MEASURE_KEYS)?;
            let id = self.required_string(
                row,
                row_span,
                "id",
                &at,
                "a CMS quality measure id for the year, e.g. id = \"047\"",
            )?;
            let survey = id.value.starts_with("CAHPS_")
                && data
                    .benchmarks_of(&id.value)
                    .iter()
                    .any(|b| b.collection_type == CollectionType::CertifiedSurveyVendor);
            let measure = data.quality_measure(&id.value);
            if measure.is_none() && !survey {
                return Err(self.unknown_id(
                    &id,
                    &format!("{at}.id"),
                    year,
                    "quality measure",
                    &quality_ids(data),
                    &data
                        .quality
                        .iter()
                        .map(|x| (x.id.as_str(), x.title.as_str()))
                        .collect::<Vec<_>>(),
                ));
            }
            let allowed: Vec<CollectionType> = match measure {
                Some(m) => m.collection_types.clone(),
                None => vec![CollectionType::CertifiedSurveyVendor],
            };
            let ct_help = format!(
                "one of {} for {} in PY{year}",
                allowed
                    .iter()
                    .map(|c| format!("\"{}\" ({})", c.key(), c.label()))
                    .collect::<Vec<_>>()
                    .join(", "),
                id.value
            );
            let collection_type = match self.opt_string(row, "collection_type", &at, &ct_help)? {
                Some(ct) => {
                    let Some(parsed) = CollectionType::from_name(&ct.value) else {
                        let names: Vec<&str> = CollectionType::ALL
                            .iter()
                            .map(|c| c.key())
                            .chain(CollectionType::ALIASES.iter().map(|(a, _)| *a))
                            .collect();
                        let mut msg = format!(
                            "\"{}\" is not a collection type",
                            quote_short(&ct.value, 40)
                        );
                        if let Some(s) = did_you_mean(&ct.value, &names) {
                            msg.push_str(&format!(" — did you mean \"{s}\"?"));
                        }
                        return Err(self.err(
                            &ct.span,
                            &format!("{at}.collection_type"),
                            msg,
                            ct_help,
                        ));
                    };
                    if !allowed.contains(&parsed) {
                        return Err(self.err(
                            &ct.span,
                            &format!("{at}.collection_type"),
                            format!(
                                "{} has no {} collection type in PY{year}",
                                id.value,
                                parsed.label()
                            ),
                            ct_help,
                        ));
                    }
                    parsed
                }
                None if allowed.len() == 1 => allowed[0],
                None => {
                    return Err(self.err(
                        row_span,
                        &format!("{at}.collection_type"),
                        format!("is missing: {} has several collection types", id.value),
                        ct_help,
                    ));
                }
            };
            if seen
                .iter()
                .any(|(s, c)| *s == id.value && *c == collection_type)
            {
                return Err(self.err(
                    &id.span,
                    &format!("{at}.id"),
                    format!("{} ({}) is listed twice", id.value, collection_type.label()),
                    "each measure once per collection type",
                ));
            }
            seen.push((id.value.clone(), collection_type));
            let rate = self.opt_number(row, "performance_rate", &at, "a percent from 0 to 100")?;
            let numerator = self.opt_number(
                row,
                "numerator",
                &at,
                "a count of 0 or more, at most the denominator",
            )?;
            let denominator = self.opt_number(row, "denominator", &at, "a count of 1 or more")?;
            let performance = match (rate, numerator, denominator) {
                (Some(r), None, None) => {
                    in_range(
                        self,
                        &r,
                        &format!("{at}.performance_rate"),
                        0.0,
                        100.0,
                        "a percent from 0 to 100",
                    )?;
                    Performance::Rate(r.value)
                }
                (None, Some(n), Some(d)) => {
                    fraction(self, &n, &d, &at)?;
                    Performance::Fraction {
                        numerator: n.value,
                        denominator: d.value,
                    }
                }
                (None, Some(n), None) => {
                    return Err(self.err(
                        &n.span,
                        &format!("{at}.denominator"),
                        "is missing: numerator needs a denominator",
                        "denominator = N (eligible cases after exclusions)",
                    ));
                }
                (None, None, Some(d)) => {
                    return Err(self.err(
                        &d.span,
                        &format!("{at}.numerator"),
                        "is missing: denominator needs a numerator",
                        "numerator = N (cases meeting the measure)",
                    ));
                }
                (Some(r), _, _) => {
                    return Err(self.err(
                        &r.span,
                        &format!("{at}.performance_rate"),
                        "give the rate or numerator and denominator, not both",
                        "performance_rate = 76.92, or numerator = 120 with denominator = 156",
                    ));
                }
                (None, None, None) => {
                    return Err(self.err(
                        row_span,
                        &format!("{at}.performance_rate"),
                        format!("is missing for {}", id.value),
                        "performance_rate = 76.92, or numerator = 120 with denominator = 156",
                    ));
                }
            };
            let data_completeness =
                match self.opt_number(row, "data_completeness", &at, "a percent from 0 to 100")? {
                    Some(dc) => {
                        in_range(
                            self,
                            &dc,
                            &format!("{at}.data_completeness"),
                            0.0,
                            100.0,
                            "a percent from 0 to 100",
                        )?;
                        Some(dc.value)
                    }
                    None => None,
                };
            let cases = self.opt_count(row, "cases", &at)?;
            let end_to_end = self.opt_bool(row, "end_to_end", &at)?;
            input.measures.push(QualityMeasureInput {
                id: id.value,
                collection_type,
                performance,
                data_completeness,
                cases,
                end_to_end,
            });
        }
        if let Some((t, _)) = self.table(table, "improvement")? {
            self.check_keys(t, "quality.improvement", QUALITY_IMPROVEMENT_KEYS)?;
            let at = "quality.improvement";
            let help = "last year's quality achievement percent, 0 to 100 (points / available points, no bonuses)";
            let Some(prior) = self.opt_number(t, "prior_achievement_percent", at, help)? else {
                return Err(self.err(
                    span,
                    "quality.improvement.prior_achievement_percent",
                    "is missing from [quality.improvement]",
                    help,
                ));
            };
            in_range(
                self,
                &prior,
                "quality.improvement.prior_achievement_percent",
                0.0,
                100.0,
                help,
            )?;
            let score = self.opt_number(
                t,
                "prior_category_score",
                at,
                "last year's quality category score, 0 to 100",
            )?;
            if let Some(s) = &score {
                in_range(
                    self,
                    s,
                    "quality.improvement.prior_category_score",
                    0.0,
                    100.0,
                    "last year's quality category score, 0 to 100",
                )?;
            }
            input.improvement = Some(QualityImprovementInput {
                prior_achievement_percent: prior.value,
                prior_category_score: score.map(|s| s.value),
            });
        }
        Ok(input)
    }

    fn read_cost(
        &self,
        table: &Table<'_>,
        span: &Range<usize>,
        data: &YearMeasures,
    ) -> Result<CostInput, Diagnostic> {
        self.check_keys(table, "cost", COST_KEYS)?;
        let year = data.performance_year;
        let mut input = CostInput::default();
        let ids: Vec<&str> = data.cost.iter().map(|m| m.id.as_str()).collect();
        for (i, (row, row_span)) in self.rows(table, span, "cost")?.iter().enumerate() {
            let at = format!("cost.measures[{}]", i + 1);
            self.check_keys(row, "cost.measures", COST_MEASURE_KEYS)?;
            let id = self.required_string(
                row,
                row_span,
                "id",
                &at,
                "a CMS cost measure id for the year, e.g. id = \"TPCC_1\"",
            )?;
            if data.cost_measure(&id.value).is_none() {
                return Err(self.unknown_id(
                    &id,
                    &format!("{at}.id"),
                    year,
                    "cost measure",
                    &ids,
                    &data
                        .cost
                        .iter()
                        .map(|x| (x.id.as_str(), x.title.as_str()))
                        .collect::<Vec<_>>(),
                ));
            }
            if input
                .measures
                .iter()
                .any(|m: &CostMeasureInput| m.id == id.value)
            {
                return Err(self.err(
                    &id.span,
                    &format!("{at}.id"),
                    format!("{} is listed twice", id.value),
                    "each cost measure once",
                ));
            }
            let cost =
                self.opt_number(row, "cost", &at, "the measure's cost in dollars, 0 or more")?;
            let points = self.opt_number(row, "points", &at, "achievement points from 1 to 10")?;
            let value = match (cost, points) {
                (Some(c), None) => {
                    in_range(
                        self,
                        &c,
                        &format!("{at}.cost"),
                        0.0,
                        10_000_000.0,
                        "the measure's cost in dollars, 0 to 10000000",
                    )?;
                    CostValue::Cost(c.value)
                }
                (None, Some(p)) => {
                    in_range(
                        self,
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
            let cases = self.opt_count(row, "cases", &at)?;
            input.measures.push(CostMeasureInput {
                id: id.value,
                value,
                cases,
            });
        }
        if let Some((t, _)) = self.table(table, "improvement")? {
            self.check_keys(t, "cost.improvement", COST_IMPROVEMENT_KEYS)?;
            let help = "last year's cost category percent, 0 to 100";
            let Some(prior) = self.opt_number(t, "prior_percent", "cost.improvement", help)? else {
                return Err(self.err(
                    span,
                    "cost.improvement.prior_percent",
                    "is missing from [cost.improvement]",
                    help,
                ));
            };
            in_range(
                self,
                &prior,
                "cost.improvement.prior_percent",
                0.0,
                100.0,
                help,
            )?;
            input.improvement = Some(CostImprovementInput {
                prior_percent: prior.value,
            });
        }
        Ok(input)
    }

    fn read_activities(
        &self,
        table: &Table<'_>,
        span: &Range<usize>,
        data: &YearMeasures,
    ) -> Result<ImprovementActivitiesInput, Diagnostic> {
        self.check_keys(table, "improvement_activities", IA_KEYS)?;
        let year = data.performance_year;
        let at = "improvement_activities";
        let weighted = crate::builders::improvement_activities::weighted_year(year);
        let list = match table.get("activities") {
            None => None,
            Some(v) => match v.get_ref() {
                DeValue::Array(items) => {
                    let ids: Vec<&str> = data
                        .improvement_activities
                        .iter()
                        .map(|a| a.id.as_str())
                        .collect();
                    let mut out: Vec<String> = Vec::new();
                    for item in items.iter() {
                        let DeValue::String(s) = item.get_ref() else {
                            return Err(self.err(
                                &item.span(),
                                "improvement_activities.activities",
                                format!(
                                    "must be a list of activity ids, found {}",
                                    describe(item.get_ref())
                                ),
                                "activities = [\"IA_EPA_1\", \"IA_PM_2\"]",
                            ));
                        };
                        let id = At {
                            value: s.to_string(),
                            span: item.span(),
                        };
                        if data.activity(&id.value).is_none() {
                            return Err(self.unknown_id(
                                &id,
                                "improvement_activities.activities",
                                year,
                                "improvement activity",
                                &ids,
                                &data
                                    .improvement_activities
                                    .iter()
                                    .map(|x| (x.id.as_str(), x.title.as_str()))
                                    .collect::<Vec<_>>(),
                            ));
                        }
                        if out.contains(&id.value) {
                            return Err(self.err(
                                &id.span,
                                "improvement_activities.activities",
                                format!("{} is listed twice", id.value),
                                "each activity once",
                            ));
                        }
                        out.push(id.value);
                    }
                    Some((out, v.span()))
                }
                other => {
                    return Err(self.err(
                        &v.span(),
                        "improvement_activities.activities",
                        format!("must be a list, found {}", describe(other)),
                        "activities = [\"IA_EPA_1\", \"IA_PM_2\"]",
                    ));
                }
            },
        };
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
        let activities = match (list, count) {
            (Some((ids, _)), _) => Activities::Listed(ids),
            (None, Some(n)) => Activities::Count(n),
            (None, None) => Activities::Weighted {
                high: high.unwrap_or(0),
                medium: medium.unwrap_or(0),
            },
        };
        let pcmh = self.opt_bool(table, "pcmh", at)?.unwrap_or(false);
        let mips_apm = self.opt_bool(table, "mips_apm", at)?.unwrap_or(false);
        Ok(ImprovementActivitiesInput {
            activities,
            pcmh,
            mips_apm,
            clinicians_percent: Vec::new(),
        })
    }

    fn read_pi(
        &self,
        table: &Table<'_>,
        span: &Range<usize>,
        data: &YearMeasures,
    ) -> Result<PiInput, Diagnostic> {
        self.check_keys(table, "promoting_interoperability", PI_KEYS)?;
        let year = data.performance_year;
        let mut input = PiInput::default();
        let ids: Vec<&str> = data
            .promoting_interoperability
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        for (i, (row, row_span)) in self
            .rows(table, span, "promoting_interoperability")?
            .iter()
            .enumerate()
        {
            let at = format!("promoting_interoperability.measures[{}]", i + 1);
            self.check_keys(row, "promoting_interoperability.measures", PI_MEASURE_KEYS)?;
            let id = self.required_string(
                row,
                row_span,
                "id",
                &at,
                "a PI measure id for the year, e.g. id = \"PI_EP_1\"",
            )?;
            if data.pi_measure(&id.value).is_none() {
                return Err(self.unknown_id(
                    &id,
                    &format!("{at}.id"),
                    year,
                    "Promoting Interoperability measure",
                    &ids,
                    &data
                        .promoting_interoperability
                        .iter()
                        .map(|x| (x.id.as_str(), x.title.as_str()))
                        .collect::<Vec<_>>(),
                ));
            }
            if input
                .measures
                .iter()
                .any(|m: &PiMeasureInput| m.id == id.value)
            {
                return Err(self.err(
                    &id.span,
                    &format!("{at}.id"),
                    format!("{} is listed twice", id.value),
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
                    fraction(self, &n, &d, &at)?;
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
        Ok(input)
    }

    // ---- helpers -----------------------------------------------------------------------------

    /// The `[[<prefix>.measures]]` tables (none is allowed: an empty category).
    fn rows<'t, 'i>(
        &self,
        table: &'t Table<'i>,
        _span: &Range<usize>,
        prefix: &str,
    ) -> Result<Vec<(&'t Table<'i>, Range<usize>)>, Diagnostic> {
        let Some(v) = table.get("measures") else {
            return Ok(Vec::new());
        };
        let help = format!("one [[{prefix}.measures]] table per measure");
        let DeValue::Array(items) = v.get_ref() else {
            return Err(self.err(
                &v.span(),
                &format!("{prefix}.measures"),
                format!("must be a list of tables, found {}", describe(v.get_ref())),
                help,
            ));
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((t, item.span())),
                other => {
                    return Err(self.err(
                        &item.span(),
                        &format!("{prefix}.measures"),
                        format!("must be a list of tables, found {}", describe(other)),
                        help,
                    ));
                }
            }
        }
        Ok(out)
    }

    fn opt_string(
        &self,
        t: &Table<'_>,
        key: &str,
        at: &str,
        help: &str,
    ) -> Result<Option<At<String>>, Diagnostic> {
        let Some(v) = t.get(key) else { return Ok(None) };
        match v.get_ref() {
            DeValue::String(s) => Ok(Some(At {
                value: s.to_string(),
                span: v.span(),
            })),
            other => Err(self.err(
                &v.span(),
                &format!("{at}.{key}"),
                format!("must be a string, found {}", describe(other)),
                help,
            )),
        }
    }

    fn required_string(
        &self,
        t: &Table<'_>,
        span: &Range<usize>,
        key: &str,
        at: &str,
        help: &str,
    ) -> Result<At<String>, Diagnostic> {
        match self.opt_string(t, key, at, help)? {
            Some(s) => Ok(s),
            None => Err(self.err(span, &format!("{at}.{key}"), "is missing", help)),
        }
    }

    fn opt_number(
        &self,
        t: &Table<'_>,
        key: &str,
        at: &str,
        help: &str,
    ) -> Result<Option<At<f64>>, Diagnostic> {
        let Some(v) = t.get(key) else { return Ok(None) };
        let field = format!("{at}.{key}");
        let n = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            other => {
                return Err(self.err(
                    &v.span(),
                    &field,
                    format!("must be a number, found {}", describe(other)),
                    help,
                ));
            }
        };
        match n {
            Some(n) if n.is_finite() => Ok(Some(At {
                value: n,
                span: v.span(),
            })),
            _ => Err(self.err(&v.span(), &field, "is not a finite number", help)),
        }
    }

    fn opt_count(&self, t: &Table<'_>, key: &str, at: &str) -> Result<Option<u32>, Diagnostic> {
        let Some(v) = t.get(key) else { return Ok(None) };
        let field = format!("{at}.{key}");
        let help = "a whole number from 0 to 1000000";
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) if (0..=1_000_000).contains(&n) => Ok(Some(n as u32)),
                _ => Err(self.err(
                    &v.span(),
                    &field,
                    format!("{} is out of range", i.as_str()),
                    help,
                )),
            },
            other => Err(self.err(
                &v.span(),
                &field,
                format!("must be a whole number, found {}", describe(other)),
                help,
            )),
        }
    }

    fn opt_bool(&self, t: &Table<'_>, key: &str, at: &str) -> Result<Option<bool>, Diagnostic> {
        let Some(v) = t.get(key) else { return Ok(None) };
        match v.get_ref() {
            DeValue::Boolean(b) => Ok(Some(*b)),
            other => Err(self.err(
                &v.span(),
                &format!("{at}.{key}"),
                format!("must be true or false, found {}", describe(other)),
                "true or false (no quotes)",
            )),
        }
    }

    /// An id the year does not have: "did you mean" by id, then by title words.
    #[allow(clippy::too_many_arguments)]
    fn unknown_id(
        &self,
        id: &At<String>,
        field: &str,
        year: u16,
        what: &str,
        ids: &[&str],
        titles: &[(&str, &str)],
    ) -> Diagnostic {
        let given = id.value.trim();
        let mut msg = format!("\"{}\" is not a PY{year} {what}", quote_short(given, 40));
        let lower: Vec<String> = ids.iter().map(|s| s.to_ascii_lowercase()).collect();
        let lower_refs: Vec<&str> = lower.iter().map(String::as_str).collect();
        // "47" and "47x" mean "047" more often than anything an edit distance finds.
        let digits: String = given.chars().filter(char::is_ascii_digit).collect();
        let padded = if digits.is_empty() {
            format!("{given:0>3}")
        } else {
            format!("{digits:0>3}")
        };
        let by_id = if let Some(i) = ids.iter().position(|s| *s == padded) {
            Some(ids[i])
        } else {
            did_you_mean(given, &lower_refs)
                .and_then(|m| lower_refs.iter().position(|s| *s == m))
                .map(|i| ids[i])
        };
        let words: Vec<String> = given
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 3 && w.chars().any(|c| c.is_alphabetic()))
            .map(str::to_ascii_lowercase)
            .collect();
        let titled: Vec<(&str, &str)> = if words.is_empty() {
            Vec::new()
        } else {
            titles
                .iter()
                .copied()
                .filter(|(_, title)| words.iter().all(|w| title_has(title, w)))
                .take(3)
                .collect()
        };
        if let Some(s) = by_id {
            msg.push_str(&format!(" — did you mean \"{s}\"?"));
        } else if !titled.is_empty() {
            let list: Vec<String> = titled
                .iter()
                .map(|(i, t)| format!("\"{i}\" ({})", quote_short(t, 50)))
                .collect();
            msg.push_str(&format!(" — did you mean {}?", list.join(" or ")));
        }
        self.err(
            &id.span,
            field,
            msg,
            format!("a {what} id of PY{year}: `mips-whatif measures --year {year} --search WORDS` lists them"),
        )
    }
}

fn title_has(title: &str, word: &str) -> bool {
    title.to_ascii_lowercase().contains(word)
}

fn quality_ids(data: &YearMeasures) -> Vec<&str> {
    data.quality.iter().map(|m| m.id.as_str()).collect()
}

fn in_range(
    r: &Reader<'_>,
    v: &At<f64>,
    field: &str,
    lo: f64,
    hi: f64,
    help: &str,
) -> Result<(), Diagnostic> {
    if (lo..=hi).contains(&v.value) {
        Ok(())
    } else {
        Err(r.err(
            &v.span,
            field,
            format!("{} is out of range", crate::format::number(v.value)),
            help,
        ))
    }
}

fn fraction(r: &Reader<'_>, n: &At<f64>, d: &At<f64>, at: &str) -> Result<(), Diagnostic> {
    if d.value < 1.0 || d.value.fract() != 0.0 {
        return Err(r.err(
            &d.span,
            &format!("{at}.denominator"),
            format!(
                "{} is not a count of 1 or more",
                crate::format::number(d.value)
            ),
            "a whole number of 1 or more",
        ));
    }
    if n.value < 0.0 || n.value.fract() != 0.0 {
        return Err(r.err(
            &n.span,
            &format!("{at}.numerator"),
            format!(
                "{} is not a count of 0 or more",
                crate::format::number(n.value)
            ),
            "a whole number of 0 or more",
        ));
    }
    if n.value > d.value {
        return Err(r.err(
            &n.span,
            &format!("{at}.numerator"),
            format!(
                "{} is above its denominator {}",
                crate::format::number(n.value),
                crate::format::number(d.value)
            ),
            "a numerator from 0 to the denominator",
        ));
    }
    Ok(())
}
