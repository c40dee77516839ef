//! `[quality]` and its `[[quality.measures]]`.

use std::ops::Range;

use super::super::{Reader, Table};
use super::Inventory;
use crate::builders::quality::{
    MeasureSet, Performance, QualityImprovementInput, QualityInput, QualityMeasureInput,
};
use crate::diagnostic::{Diagnostic, did_you_mean, quote_short};
use crate::measures::{CollectionType, YearMeasures};
use crate::scenario::ReportingOption;
use crate::toml_input::LocatedGetters;

const KEYS: &[&str] = &[
    "measures",
    "improvement",
    "measure_set",
    "cahps_sample_not_met",
    "suppressed",
];
const MEASURE_KEYS: &[&str] = &[
    "id",
    "collection_type",
    "performance_rate",
    "numerator",
    "denominator",
    "data_completeness",
    "cases",
    "end_to_end",
];
const IMPROVEMENT_KEYS: &[&str] = &[
    "prior_achievement_percent",
    "prior_category_score",
    "prior_facility_based",
];

impl Reader<'_> {
    pub(super) fn read_quality(
        &self,
        table: &Table<'_>,
        span: &Range<usize>,
        data: &YearMeasures,
        reporting_option: ReportingOption,
    ) -> Result<QualityInput, Diagnostic> {
        self.check_keys(table, "quality", KEYS)?;
        let year = data.performance_year;
        let mut input = QualityInput::default();
        let inventory = Inventory::new(
            "quality measure",
            data.quality
                .iter()
                .map(|x| (x.id.as_str(), x.title.as_str())),
        );
        let mut seen: Vec<(String, CollectionType)> = Vec::new();
        for (i, (row, row_span)) in self.rows(table, "quality")?.iter().enumerate() {
            let at = format!("quality.measures[{}]", i + 1);
            self.check_keys(row, "quality.measures", MEASURE_KEYS)?;
            // The CAHPS for MIPS summary survey measures have benchmarks but no inventory row.
            let survey = |id: &str| {
                id.starts_with("CAHPS_")
                    && data
                        .benchmarks_of(id)
                        .iter()
                        .any(|b| b.collection_type == CollectionType::CertifiedSurveyVendor)
            };
            let id = self.measure_id(
                row,
                row_span,
                &at,
                year,
                &inventory,
                "a CMS quality measure id for the year, e.g. id = \"047\"",
                |id| data.quality_measure(id).is_some() || survey(id),
            )?;
            let collection_type = self.collection_type(row, row_span, &at, &id.value, data)?;
            if seen
                .iter()
                .any(|(s, c)| *s == id.value && *c == collection_type)
            {
                return Err(self.listed_twice(
                    &id,
                    &format!("{at}.id"),
                    &format!("{} ({})", id.value, collection_type.label()),
                    "each measure once per collection type",
                ));
            }
            seen.push((id.value.clone(), collection_type));
            let rate = self.opt_number(row, "performance_rate", &at, "a percent from 0 to 100")?;
            let form = "performance_rate = 76.92, or numerator = 120 with denominator = 156";
            let fraction = self.numerator_denominator(
                row,
                &at,
                (
                    "numerator = N (cases meeting the measure)",
                    "denominator = N (eligible cases after exclusions)",
                ),
            )?;
            let performance = match (rate, fraction) {
                (Some(r), None) => {
                    self.in_range(
                        &r,
                        &format!("{at}.performance_rate"),
                        0.0,
                        100.0,
                        "a percent from 0 to 100",
                    )?;
                    Performance::Rate(r.value)
                }
                (None, Some((numerator, denominator))) => Performance::Fraction {
                    numerator,
                    denominator,
                },
                (Some(r), Some(_)) => {
                    return Err(self.err(
                        &r.span,
                        &format!("{at}.performance_rate"),
                        "give the rate or numerator and denominator, not both",
                        form,
                    ));
                }
                (None, None) => {
                    return Err(self.err(
                        row_span,
                        &format!("{at}.performance_rate"),
                        format!("is missing for {}", id.value),
                        form,
                    ));
                }
            };
            let dc_help = "a percent from 0 to 100";
            let data_completeness = match self.opt_number(row, "data_completeness", &at, dc_help)? {
                Some(dc) => {
                    self.in_range(&dc, &format!("{at}.data_completeness"), 0.0, 100.0, dc_help)?;
                    Some(dc.value)
                }
                None => None,
            };
            input.measures.push(QualityMeasureInput {
                id: id.value,
                collection_type,
                performance,
                data_completeness,
                cases: self.opt_count(row, "cases", &at)?,
                end_to_end: self.opt_bool(row, "end_to_end", &at)?,
            });
        }
        let help = "last year's quality achievement percent, 0 to 100 (points / available points, no bonuses)";
        if let Some((prior, t)) =
            self.prior_percent(table, span, "quality", IMPROVEMENT_KEYS, help)?
        {
            let help = "last year's quality category score, 0 to 100";
            let score = self.opt_number(t, "prior_category_score", "quality.improvement", help)?;
            if let Some(s) = &score {
                self.in_range(
                    s,
                    "quality.improvement.prior_category_score",
                    0.0,
                    100.0,
                    help,
                )?;
            }
            input.improvement = Some(QualityImprovementInput {
                prior_achievement_percent: prior,
                prior_category_score: score.map(|s| s.value),
                prior_facility_based: self
                    .opt_bool(t, "prior_facility_based", "quality.improvement")?
                    .unwrap_or(false),
            });
        }
        input.measure_set = self.measure_set(table, year, reporting_option)?;
        if let Some(true) = self.opt_bool(table, "cahps_sample_not_met", "quality")? {
            if let Some(m) = input
                .measures
                .iter()
                .find(|m| m.id.starts_with("CAHPS_") || m.id == "321")
            {
                let span = table
                    .get("cahps_sample_not_met")
                    .map_or(span.clone(), |v| v.span());
                return Err(self.err(
                    &span,
                    "quality.cahps_sample_not_met",
                    format!(
                        "the CAHPS for MIPS survey is listed ({}): its sample was met",
                        m.id
                    ),
                    "leave it out when the survey's measures are listed; true when the group registered for the survey and CMS's sample was too small",
                ));
            }
            input.cahps_sample_not_met = true;
        }
        let listed: Vec<&str> = input.measures.iter().map(|m| m.id.as_str()).collect();
        input.suppressed = self.suppressed(table, "quality", &listed)?;
        Ok(input)
    }

    /// A measure row's collection type: one the measure has in the year (given, or its only
    /// one).
    fn collection_type(
        &self,
        row: &Table<'_>,
        row_span: &Range<usize>,
        at: &str,
        id: &str,
        data: &YearMeasures,
    ) -> Result<CollectionType, Diagnostic> {
        let year = data.performance_year;
        let allowed: Vec<CollectionType> = match data.quality_measure(id) {
            Some(m) => m.collection_types.clone(),
            None => vec![CollectionType::CertifiedSurveyVendor],
        };
        let help = format!(
            "one of {} for {id} in PY{year}",
            allowed
                .iter()
                .map(|c| format!("\"{}\" ({})", c.key(), c.label()))
                .collect::<Vec<_>>()
                .join(", "),
        );
        let field = format!("{at}.collection_type");
        match self.opt_string(row, "collection_type", at, &help)? {
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
                    return Err(self.err(&ct.span, &field, msg, help));
                };
                if !allowed.contains(&parsed) {
                    return Err(self.err(
                        &ct.span,
                        &field,
                        format!("{id} has no {} collection type in PY{year}", parsed.label()),
                        help,
                    ));
                }
                Ok(parsed)
            }
            None if allowed.len() == 1 => Ok(allowed[0]),
            None => Err(self.err(
                row_span,
                &field,
                format!("is missing: {id} has several collection types"),
                help,
            )),
        }
    }

    /// `measure_set = "app" | "app_plus"`: the APP's quality measure sets, in their years.
    fn measure_set(
        &self,
        table: &Table<'_>,
        year: u16,
        reporting_option: ReportingOption,
    ) -> Result<Option<MeasureSet>, Diagnostic> {
        let names: Vec<&str> = MeasureSet::ALL.iter().map(|s| s.key()).collect();
        let help = "\"app\" (the APP, PY2021+) or \"app_plus\" (APP Plus, PY2025+), with reporting_option = \"app\"";
        let Some(v) = self.opt_string(table, "measure_set", "quality", help)? else {
            return Ok(None);
        };
        let field = "quality.measure_set";
        let Some(set) = MeasureSet::from_key(&v.value) else {
            let mut msg = format!(
                "\"{}\" is not a quality measure set",
                quote_short(&v.value, 40)
            );
            if let Some(s) = did_you_mean(&v.value, &names) {
                msg.push_str(&format!(" — did you mean \"{s}\"?"));
            }
            return Err(self.err(&v.span, field, msg, help));
        };
        if reporting_option != ReportingOption::App {
            return Err(self.err(
                &v.span,
                field,
                format!(
                    "the {} measure set is reported under the APP, not {}",
                    set.label(),
                    reporting_option.label()
                ),
                "reporting_option = \"app\", or leave measure_set out",
            ));
        }
        if year < set.first_year() {
            return Err(self.err(
                &v.span,
                field,
                format!(
                    "the {} measure set starts in PY{}, not PY{year}",
                    set.label(),
                    set.first_year()
                ),
                help,
            ));
        }
        Ok(Some(set))
    }
}
