//! Reading the categories a scenario gives from their parts: `[quality]`, `[cost]`,
//! `[improvement_activities]` and `[promoting_interoperability]` (see docs/measures.md). Every
//! problem is located (file, line, column, field) with what is allowed and a "did you mean"
//! by id and by title words. One file per category; what they share (the measure rows, an id
//! of the year, a list of ids, last year's percent, a numerator over its denominator) is here,
//! and the located getters are in [`crate::toml_input`].

use std::ops::Range;

use toml::de::DeValue;

use super::{Reader, Table, describe};
use crate::builders::MeasureInputs;
use crate::diagnostic::{Diagnostic, did_you_mean, quote_short};
use crate::rules::Category;
use crate::scenario::{CategoryScores, ReportingOption};
use crate::toml_input::{At, LocatedGetters};

#[path = "parse_measures/cost.rs"]
mod cost;
#[path = "parse_measures/improvement_activities.rs"]
mod improvement_activities;
#[path = "parse_measures/promoting_interoperability.rs"]
mod promoting_interoperability;
#[path = "parse_measures/quality.rs"]
mod quality;

impl LocatedGetters for Reader<'_> {
    fn located_error(
        &self,
        span: &Range<usize>,
        field: &str,
        message: String,
        help: String,
    ) -> Diagnostic {
        self.err(span, field, message, help)
    }
}

/// An id of the year's inventory: what a message calls it, the ids, their titles.
pub(super) struct Inventory<'a> {
    what: &'static str,
    ids: Vec<&'a str>,
    titles: Vec<(&'a str, &'a str)>,
}

impl<'a> Inventory<'a> {
    fn new(what: &'static str, items: impl Iterator<Item = (&'a str, &'a str)>) -> Inventory<'a> {
        let titles: Vec<(&str, &str)> = items.collect();
        Inventory {
            what,
            ids: titles.iter().map(|(i, _)| *i).collect(),
            titles,
        }
    }
}

impl Reader<'_> {
    /// Reads the four measure tables; `scores` (already read) must not give the same category.
    pub(super) fn read_measures(
        &self,
        root: &Table<'_>,
        year: u16,
        year_has_rules: bool,
        scores: &CategoryScores,
        reporting_option: ReportingOption,
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
                    out.quality = Some(Box::new(self.read_quality(
                        table,
                        &span,
                        data,
                        reporting_option,
                    )?))
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

    // ---- shared by the categories ---------------------------------------------------------------

    /// The `[[<prefix>.measures]]` tables (none is allowed: an empty category).
    fn rows<'t, 'i>(
        &self,
        table: &'t Table<'i>,
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

    /// A row's `id`: present, a string, and an id of the year's inventory (`known`).
    #[allow(clippy::too_many_arguments)]
    fn measure_id(
        &self,
        row: &Table<'_>,
        row_span: &Range<usize>,
        at: &str,
        year: u16,
        inventory: &Inventory<'_>,
        help: &str,
        known: impl Fn(&str) -> bool,
    ) -> Result<At<String>, Diagnostic> {
        let id = self.required_string(row, row_span, "id", at, help)?;
        if known(&id.value) {
            Ok(id)
        } else {
            Err(self.unknown_id(&id, &format!("{at}.id"), year, inventory))
        }
    }

    /// "X is listed twice" at the second mention.
    fn listed_twice(&self, id: &At<String>, field: &str, shown: &str, help: &str) -> Diagnostic {
        self.err(&id.span, field, format!("{shown} is listed twice"), help)
    }

    /// A list of `kind` ids at `key` (`None` when absent), each once.
    fn id_list(
        &self,
        table: &Table<'_>,
        key: &str,
        field: &str,
        kind: &str,
        example: &str,
    ) -> Result<Option<Vec<At<String>>>, Diagnostic> {
        let Some(v) = table.get(key) else {
            return Ok(None);
        };
        let DeValue::Array(items) = v.get_ref() else {
            return Err(self.err(
                &v.span(),
                field,
                format!("must be a list, found {}", describe(v.get_ref())),
                example,
            ));
        };
        let mut out: Vec<At<String>> = Vec::new();
        for item in items.iter() {
            let DeValue::String(s) = item.get_ref() else {
                return Err(self.err(
                    &item.span(),
                    field,
                    format!(
                        "must be a list of {kind} ids, found {}",
                        describe(item.get_ref())
                    ),
                    example,
                ));
            };
            let id = At {
                value: s.to_string(),
                span: item.span(),
            };
            if out.iter().any(|o| o.value == id.value) {
                return Err(self.listed_twice(&id, field, &id.value, &format!("each {kind} once")));
            }
            out.push(id);
        }
        Ok(Some(out))
    }

    /// `[<prefix>.improvement]` with its one required percent `key`, 0 to 100.
    fn prior_percent<'t, 'i>(
        &self,
        table: &'t Table<'i>,
        span: &Range<usize>,
        prefix: &str,
        keys: &[&str],
        help: &str,
    ) -> Result<Option<(f64, &'t Table<'i>)>, Diagnostic> {
        let Some((t, _)) = self.table(table, "improvement")? else {
            return Ok(None);
        };
        let at = format!("{prefix}.improvement");
        self.check_keys(t, &at, keys)?;
        let key = keys[0];
        let Some(prior) = self.opt_number(t, key, &at, help)? else {
            return Err(self.err(
                span,
                &format!("{at}.{key}"),
                format!("is missing from [{at}]"),
                help,
            ));
        };
        self.in_range(&prior, &format!("{at}.{key}"), 0.0, 100.0, help)?;
        Ok(Some((prior.value, t)))
    }

    /// An id the year does not have: "did you mean" by id, then by title words.
    fn unknown_id(
        &self,
        id: &At<String>,
        field: &str,
        year: u16,
        inventory: &Inventory<'_>,
    ) -> Diagnostic {
        let (what, ids) = (inventory.what, &inventory.ids);
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
            inventory
                .titles
                .iter()
                .copied()
                .filter(|(_, title)| {
                    let title = title.to_ascii_lowercase();
                    words.iter().all(|w| title.contains(w.as_str()))
                })
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

    /// A numerator (0 or more, whole) over its denominator (1 or more, whole).
    fn fraction(&self, n: &At<f64>, d: &At<f64>, at: &str) -> Result<(), Diagnostic> {
        if d.value < 1.0 || d.value.fract() != 0.0 {
            return Err(self.err(
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
            return Err(self.err(
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
            return Err(self.err(
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

    /// `numerator` and `denominator` of a row, both or neither (`None`), checked as a fraction;
    /// `help` = (for a missing numerator, for a missing denominator).
    fn numerator_denominator(
        &self,
        row: &Table<'_>,
        at: &str,
        help: (&str, &str),
    ) -> Result<Option<(f64, f64)>, Diagnostic> {
        let numerator = self.opt_number(
            row,
            "numerator",
            at,
            "a count of 0 or more, at most the denominator",
        )?;
        let denominator = self.opt_number(row, "denominator", at, "a count of 1 or more")?;
        match (numerator, denominator) {
            (Some(n), Some(d)) => {
                self.fraction(&n, &d, at)?;
                Ok(Some((n.value, d.value)))
            }
            (Some(n), None) => Err(self.err(
                &n.span,
                &format!("{at}.denominator"),
                "is missing: numerator needs a denominator",
                help.1,
            )),
            (None, Some(d)) => Err(self.err(
                &d.span,
                &format!("{at}.numerator"),
                "is missing: denominator needs a numerator",
                help.0,
            )),
            (None, None) => Ok(None),
        }
    }

    /// The ids of `[<prefix>] suppressed = [...]`, each one of the category's listed measures.
    fn suppressed(
        &self,
        table: &Table<'_>,
        prefix: &str,
        listed: &[&str],
    ) -> Result<Vec<String>, Diagnostic> {
        let field = format!("{prefix}.suppressed");
        let example = "suppressed = [\"ID\"] (ids of measures listed in this table)";
        let Some(ids) = self.id_list(table, "suppressed", &field, "measure", example)? else {
            return Ok(Vec::new());
        };
        for id in &ids {
            if !listed.contains(&id.value.as_str()) {
                return Err(self.err(
                    &id.span,
                    &field,
                    format!(
                        "\"{}\" is not one of the [[{prefix}.measures]] listed",
                        quote_short(&id.value, 40)
                    ),
                    format!("the id of a listed measure: {}", listed.join(", ")),
                ));
            }
        }
        Ok(ids.into_iter().map(|i| i.value).collect())
    }
}
