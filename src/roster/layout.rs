//! A roster's header resolved: which column holds which field (own names, the public use
//! file's names of each era, a mapping file's), the era, and the year of rows without a year
//! column.

use std::collections::HashMap;

use super::columns::{Era, Field, lookup, normalise};
use super::mapping::{Mapping, Target};
use super::source::ColumnStyle;
use crate::diagnostic::{Diagnostic, quote_short};
use crate::rules::{Category, RuleSet};

/// Where the rows' performance year comes from when the file has no year column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearOrigin {
    Column,
    Flag,
    FileName,
}

/// The columns of one roster, resolved from its header.
#[derive(Clone, Debug)]
pub struct Layout {
    /// The file as the user named it.
    pub file: String,
    pub style: ColumnStyle,
    pub era: Era,
    /// The headers as the file writes them.
    pub headers: Vec<String>,
    /// The column of each single-valued field, by [`slot`] (looked up for every row).
    pub(super) single: [Option<usize>; SLOTS],
    /// Reweighting flags and measure-id slots (several columns each).
    pub(super) flags: Vec<(Category, usize)>,
    pub(super) measure_ids: Vec<(Category, usize)>,
    /// The year of rows without a year column, and where it came from.
    pub default_year: Option<(u16, YearOrigin)>,
    /// Headers neither the roster columns nor the public use file know (ignored).
    pub unrecognised: Vec<String>,
    /// A semicolon-separated file: `85,5` is a decimal comma.
    pub decimal_comma: bool,
}

/// Why a file without a year column, a year given or a year in its name cannot be read.
const NO_YEAR: &str = "no performance year: the file has no year column";

/// Does the roster need a year for its rows, which the file does not give (a year column or
/// a year in its name)? The explorer then asks for it.
pub fn needs_a_year(d: &Diagnostic) -> bool {
    d.message == NO_YEAR && d.line.is_none()
}

/// Slots of the single-valued fields (the rest share the last one, never looked up).
const SLOTS: usize = 32;

pub(super) fn slot(f: Field) -> usize {
    match f {
        Field::Id => 0,
        Field::Name => 1,
        Field::ProviderKey => 2,
        Field::Year => 3,
        Field::ReportingOption => 4,
        Field::Participation => 5,
        Field::Clinicians => 6,
        Field::SmallFlag => 7,
        Field::Rural => 8,
        Field::Hpsa => 9,
        Field::NonPatientFacing => 10,
        Field::Reporting => 11,
        Field::NonReporting => 12,
        Field::Engaged => 13,
        Field::Charges => 14,
        Field::Score(c) => 15 + c.index(),
        Field::IaPoints => 19,
        Field::Weight(c) => 20 + c.index(),
        Field::ComplexPatientBonus => 24,
        Field::MaxPositiveAdjustment => 25,
        Field::ExceptionalBonusMax => 26,
        Field::CmsFinalScore => 27,
        Field::CmsAdjustment => 28,
        Field::FacilityScore => 29,
        Field::Reweighting(_) | Field::MeasureId(_) | Field::NotNeeded => 31,
    }
}

/// `2021_puf_QPPAR-18260.csv` → 2021.
fn year_from_file_name(file: &str) -> Option<u16> {
    let name = std::path::Path::new(file).file_name()?.to_string_lossy();
    let digits: String = name.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &name[digits.len()..];
    if digits.len() == 4 && (rest.starts_with('_') || rest.starts_with('-')) {
        digits.parse().ok().filter(|y| (2017..=2100).contains(y))
    } else {
        None
    }
}

impl Layout {
    /// Resolve a header. `year_flag` is the year of rows without a year column.
    pub fn new(
        file: &str,
        style: ColumnStyle,
        headers: Vec<String>,
        mapping: Option<&Mapping>,
        year_flag: Option<u16>,
        decimal_comma: bool,
        rules: &RuleSet,
    ) -> Result<Layout, Diagnostic> {
        let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let mut single: HashMap<Field, usize> = HashMap::new();
        let mut flags = Vec::new();
        let mut measure_ids = Vec::new();
        let mut unrecognised = Vec::new();
        let mut puf_names = Vec::new();
        for (i, n) in normalised.iter().enumerate() {
            if n.is_empty() {
                continue;
            }
            let field = match mapping.and_then(|m| m.target(n)) {
                Some(Target::Ignore) => continue,
                Some(Target::Field(f)) => Some(f),
                None => match lookup(n) {
                    Some((f, puf)) => {
                        if puf {
                            puf_names.push(n.clone());
                        }
                        Some(f)
                    }
                    None => None,
                },
            };
            match field {
                None => unrecognised.push(headers[i].clone()),
                Some(Field::NotNeeded) => {}
                Some(Field::Reweighting(c)) => flags.push((c, i)),
                Some(Field::MeasureId(c)) => measure_ids.push((c, i)),
                Some(f) => {
                    if let Some(&first) = single.get(&f) {
                        return Err(Diagnostic::file(
                            file,
                            format!(
                                "columns {} `{}` and {} `{}` both give {}",
                                style.name(first),
                                quote_short(&headers[first], 60),
                                style.name(i),
                                quote_short(&headers[i], 60),
                                f.own_name()
                            ),
                        )
                        .with_help("one column per roster field: remove one, or map one to \"ignore\" in a mapping file (--mapping)"));
                    }
                    single.insert(f, i);
                }
            }
        }
        // Own names that are also PUF names ("npi", "reporting option") do not decide the era.
        let era = super::columns::era_of(&normalised);
        if single.contains_key(&Field::Score(Category::ImprovementActivities))
            && single.contains_key(&Field::IaPoints)
        {
            let (a, b) = (
                single[&Field::Score(Category::ImprovementActivities)],
                single[&Field::IaPoints],
            );
            return Err(Diagnostic::file(
                file,
                format!(
                    "columns {} `{}` and {} `{}` both give the improvement activities score",
                    style.name(a.min(b)),
                    quote_short(&headers[a.min(b)], 60),
                    style.name(a.max(b)),
                    quote_short(&headers[a.max(b)], 60)
                ),
            )
            .with_help("one of them: the percent or the points out of 40"));
        }
        if !single.contains_key(&Field::Clinicians) {
            return Err(Diagnostic::file(file, "no practice size column")
                .with_field("clinicians")
                .with_help("a column named clinicians (or the public use file's practice size): the clinicians billing under the TIN, 15 or fewer is a small practice"));
        }
        let default_year = if single.contains_key(&Field::Year) {
            year_flag.map(|y| (y, YearOrigin::Flag))
        } else if let Some(y) = year_flag {
            Some((y, YearOrigin::Flag))
        } else if let Some(y) = year_from_file_name(file) {
            Some((y, YearOrigin::FileName))
        } else {
            return Err(Diagnostic::file(file, NO_YEAR)
                .with_field("performance_year")
                .with_help("a performance_year column, or --performance-year YEAR for the whole file (CMS's public use file has one file per year and no year column)"));
        };
        if let Some((y, origin)) = default_year
            && origin != YearOrigin::Column
        {
            let from = match origin {
                YearOrigin::FileName => "from the file name",
                _ => "--performance-year",
            };
            if rules.year(y).is_none() {
                return Err(Diagnostic::file(
                    file,
                    format!("{y} ({from}) is not a supported performance year"),
                )
                .with_field("performance_year")
                .with_help(rules.years_text()));
            }
            if !era.contains(y) && !single.contains_key(&Field::Year) {
                return Err(Diagnostic::file(
                    file,
                    format!(
                        "PY{y} ({from}) does not match the columns, which are {}",
                        era.label()
                    ),
                )
                .with_field("performance_year")
                .with_help(year_range_text(era)));
            }
        }
        Ok(Layout {
            file: file.to_string(),
            style,
            era,
            headers,
            single: {
                let mut a = [None; SLOTS];
                for (f, i) in single {
                    a[slot(f)] = Some(i);
                }
                a
            },
            flags,
            measure_ids,
            default_year,
            unrecognised,
            decimal_comma,
        })
    }

    /// The column holding a single-valued field.
    pub fn single_index(&self, f: Field) -> Option<usize> {
        self.single[slot(f)]
    }

    pub fn has(&self, f: Field) -> bool {
        self.single[slot(f)].is_some()
    }

    /// The header of the column holding `f`, as the file writes it.
    pub fn header_of(&self, f: Field) -> Option<&str> {
        self.single[slot(f)].map(|i| self.headers[i].as_str())
    }

    /// Does the file carry CMS's own results?
    pub fn has_cms_results(&self) -> bool {
        self.has(Field::CmsFinalScore) || self.has(Field::CmsAdjustment)
    }
}

pub(super) fn year_range_text(era: Era) -> String {
    match era.years() {
        Some((a, b)) if a == b => format!("PY{a} for these columns"),
        Some((a, u16::MAX)) => format!("PY{a} or later for these columns"),
        Some((a, b)) => format!("PY{a} to PY{b} for these columns"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_can_come_from_cms_file_names() {
        assert_eq!(
            year_from_file_name("data/2021_puf_QPPAR-18260.csv"),
            Some(2021)
        );
        assert_eq!(year_from_file_name("2022_puf.csv"), Some(2022));
        assert_eq!(year_from_file_name("roster2022.csv"), None);
        assert_eq!(year_from_file_name("12345_x.csv"), None);
    }
}
