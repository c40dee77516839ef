//! From a header and a row of cells to a scenario: which column is which, the values parsed
//! and checked, and the public use file's conventions (IA in points, flags, zeros that mean
//! "not scored", the small-practice flag) applied. Every problem names its row and column.

use std::collections::HashMap;

use super::columns::{Era, Field, choice, lookup, normalise};
use super::mapping::{Mapping, Target};
use super::source::{Cell, ColumnStyle, RowCells};
use crate::diagnostic::{Diagnostic, quote_short};
use crate::rules::{Category, Confidence, RuleSet, Weights};
use crate::scenario::{
    Assumptions, CategoryScores, MAX_CLINICIANS, MAX_PART_B_CHARGES, Participation, Practice,
    ReportingOption, Scenario, check,
};

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
    single: [Option<usize>; SLOTS],
    /// Reweighting flags and measure-id slots (several columns each).
    flags: Vec<(Category, usize)>,
    measure_ids: Vec<(Category, usize)>,
    /// The year of rows without a year column, and where it came from.
    pub default_year: Option<(u16, YearOrigin)>,
    /// Headers neither the roster columns nor the public use file know (ignored).
    pub unrecognised: Vec<String>,
    /// A semicolon-separated file: `85,5` is a decimal comma.
    pub decimal_comma: bool,
}

/// CMS's own results carried by a row.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CmsNumbers {
    pub final_score: Option<f64>,
    pub payment_adjustment_percent: Option<f64>,
}

/// What the public use file says beyond the scenario, for comparing with CMS's results.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FileDetail {
    /// Categories the file gives as 0 that may mean "not scored" (before PY2023).
    pub ambiguous_zero: [bool; 4],
    /// Categories the file flags as approved for reweighting.
    pub flagged: [bool; 4],
    /// Categories read as not scored because of a flag and a 0.
    pub not_scored_by_flag: [bool; 4],
    /// The category weights the file gives (PY2023+), in percent.
    pub weights: Option<Weights>,
    /// Half the last published decimal of each category score, in percent, and of the
    /// complex patient bonus, in points: how far rounding can move the inputs.
    pub rounding: [f64; 4],
    pub bonus_rounding: f64,
    /// The final score came from facility-based scoring (not reproducible from the row).
    pub facility_scored: bool,
    /// The small-practice flag said otherwise than the practice size.
    pub size_clamped: bool,
}

/// One roster row, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct RosterRow {
    /// 1-based data row (blank lines are not counted).
    pub row: usize,
    /// The row's line in the file (CSV) or its row number in the sheet (XLSX).
    pub line: usize,
    /// The NPI, name or provider key.
    pub id: Option<String>,
    pub scenario: Scenario,
    pub cms: Option<CmsNumbers>,
    pub detail: FileDetail,
    /// How the row was read, where that was not simply as given.
    pub notes: Vec<String>,
    /// The weakest confidence of the readings in `notes`.
    pub confidence: Confidence,
}

/// Slots of the single-valued fields (the rest share the last one, never looked up).
const SLOTS: usize = 32;

fn slot(f: Field) -> usize {
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

fn field_of_problem(path: &str) -> Option<Field> {
    Some(match path {
        "performance_year" => Field::Year,
        "reporting_option" => Field::ReportingOption,
        "practice.participation" => Field::Participation,
        "practice.clinicians" => Field::Clinicians,
        "practice.part_b_allowed_charges" => Field::Charges,
        "bonuses.complex_patient" => Field::ComplexPatientBonus,
        "assumptions.max_positive_adjustment" => Field::MaxPositiveAdjustment,
        "assumptions.exceptional_bonus_max" => Field::ExceptionalBonusMax,
        "scores.quality" => Field::Score(Category::Quality),
        "scores.cost" => Field::Score(Category::Cost),
        "scores.improvement_activities" => Field::Score(Category::ImprovementActivities),
        "scores.promoting_interoperability" => Field::Score(Category::PromotingInteroperability),
        _ => return None,
    })
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
            return Err(Diagnostic::file(file, "no performance year: the file has no year column")
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

fn year_range_text(era: Era) -> String {
    match era.years() {
        Some((a, b)) if a == b => format!("PY{a} for these columns"),
        Some((a, u16::MAX)) => format!("PY{a} or later for these columns"),
        Some((a, b)) => format!("PY{a} to PY{b} for these columns"),
        None => String::new(),
    }
}

/// A number as a cell writes it, and its count of decimals.
fn parse_number(cell: &Cell<'_>, decimal_comma: bool) -> Result<(f64, u32), String> {
    match cell {
        Cell::Number(n) => {
            let shown = format!("{n}");
            let decimals = shown.split_once('.').map_or(0, |(_, d)| d.len() as u32);
            Ok((*n, decimals))
        }
        Cell::Bool(b) => Err(format!(
            "{} is not a number",
            if *b { "TRUE" } else { "FALSE" }
        )),
        Cell::Empty => Err("is blank".into()),
        Cell::Text(t) => {
            let raw = t.trim();
            let plain = raw.trim_end_matches('%').trim_end();
            // Most cells are plain numbers: read them without copying.
            if !plain.starts_with('$') && !plain.starts_with("-$") && !plain.contains(',') {
                return plain_number(raw, plain);
            }
            let mut s = plain.to_string();
            let negative_dollars = s.starts_with("-$");
            if let Some(rest) = s.strip_prefix('$').or_else(|| s.strip_prefix("-$")) {
                s = rest.to_string();
                if negative_dollars {
                    s.insert(0, '-');
                }
            }
            if s.contains(',') {
                let commas = s.matches(',').count();
                if decimal_comma && commas == 1 && !s.contains('.') {
                    s = s.replace(',', ".");
                } else {
                    let int_part = s.split('.').next().unwrap_or("");
                    let groups: Vec<&str> = int_part.trim_start_matches('-').split(',').collect();
                    let grouped = groups.len() > 1
                        && (1..=3).contains(&groups[0].len())
                        && groups[1..].iter().all(|g| g.len() == 3);
                    if !grouped {
                        return Err(format!("\"{}\" is not a number", quote_short(raw, 40)));
                    }
                    s = s.replace(',', "");
                }
            }
            plain_number(raw, &s)
        }
    }
}

/// `s` (digits, a point, a sign, an exponent: what is left of `raw` once a percent sign,
/// a dollar sign and thousands separators are gone) as a number and its count of decimals.
fn plain_number(raw: &str, s: &str) -> Result<(f64, u32), String> {
    let ok = !s.is_empty()
        && s.bytes().all(|b| {
            b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'+' || b == b'e' || b == b'E'
        });
    match s.parse::<f64>() {
        Ok(v) if ok && v.is_finite() => {
            let decimals = s.split_once('.').map_or(0, |(_, d)| {
                d.bytes().take_while(u8::is_ascii_digit).count() as u32
            });
            Ok((v, decimals))
        }
        _ => Err(format!("\"{}\" is not a number", quote_short(raw, 40))),
    }
}

fn parse_bool(cell: &Cell<'_>) -> Result<Option<bool>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Bool(b) => Ok(Some(*b)),
        Cell::Number(n) if *n == 1.0 => Ok(Some(true)),
        Cell::Number(n) if *n == 0.0 => Ok(Some(false)),
        Cell::Number(n) => Err(format!("{n} is not true or false")),
        Cell::Text(t) => {
            let t = t.trim();
            let is = |words: &[&str]| words.iter().any(|w| t.eq_ignore_ascii_case(w));
            if t.is_empty() {
                Ok(None)
            } else if is(&["true", "yes", "y", "1"]) {
                Ok(Some(true))
            } else if is(&["false", "no", "n", "0"]) {
                Ok(Some(false))
            } else {
                Err(format!("\"{}\" is not true or false", quote_short(t, 40)))
            }
        }
    }
}

const BOOL_HELP: &str = "True or False (also yes/no, 1/0), or blank";
const SCORE_HELP: &str = "a percent from 0 to 100, or blank if the category was not scored";

/// Reads the rows of one roster.
pub struct RowReader<'a> {
    pub layout: &'a Layout,
    pub rules: &'a RuleSet,
}

struct Errors<'a> {
    layout: &'a Layout,
    row: usize,
    line: usize,
    list: Vec<Diagnostic>,
}

impl Errors<'_> {
    fn push_at(
        &mut self,
        column: Option<usize>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let field = match column {
            Some(i) => format!(
                "row {}, {} (column {})",
                self.row,
                quote_short(&self.layout.headers[i], 60),
                self.layout.style.name(i)
            ),
            None => format!("row {}", self.row),
        };
        let mut d = Diagnostic::file(&self.layout.file, message)
            .with_field(field)
            .with_help(help);
        d.line = Some(self.line);
        self.list.push(d);
    }
}

impl RowReader<'_> {
    /// Read one data row (`row`: its 1-based data row; `line`: where it is in the file).
    pub fn read(
        &self,
        cells: &dyn RowCells,
        row: usize,
        line: usize,
    ) -> Result<RosterRow, Vec<Diagnostic>> {
        let layout = self.layout;
        let era = layout.era;
        let mut errors = Errors {
            layout,
            row,
            line,
            list: Vec::new(),
        };
        let mut notes = Vec::new();
        let mut confidence = Confidence::Confirmed;
        let col = |f: Field| layout.single[slot(f)];
        let cell = |f: Field| col(f).map_or(Cell::Empty, |i| cells.cell(i));

        // A number in a column: None when blank or absent, an error when not a number or out
        // of its range.
        let number = |f: Field,
                      lo: f64,
                      hi: f64,
                      help: &str,
                      errors: &mut Errors<'_>|
         -> Option<(f64, u32)> {
            let i = col(f)?;
            let c = cells.cell(i);
            if c.is_blank() {
                return None;
            }
            match parse_number(&c, layout.decimal_comma) {
                Ok((v, d)) if (lo..=hi).contains(&v) => Some((v, d)),
                Ok((v, _)) => {
                    errors.push_at(
                        Some(i),
                        format!("{} is out of range", crate::format::number(v)),
                        help,
                    );
                    None
                }
                Err(m) => {
                    errors.push_at(Some(i), m, help);
                    None
                }
            }
        };
        let boolean = |f: Field, errors: &mut Errors<'_>| -> Option<bool> {
            let i = col(f)?;
            match parse_bool(&cells.cell(i)) {
                Ok(b) => b,
                Err(m) => {
                    errors.push_at(Some(i), m, BOOL_HELP);
                    None
                }
            }
        };

        // The id.
        let id = [Field::Id, Field::Name, Field::ProviderKey]
            .into_iter()
            .map(&cell)
            .find(|c| !c.is_blank())
            .map(|c| c.text().into_owned());
        let name = {
            let c = cell(Field::Name);
            (!c.is_blank()).then(|| c.text().into_owned())
        };

        // The year.
        let year_help = || match era.years() {
            Some(_) => format!("a year from 2017 to 2026 ({})", year_range_text(era)),
            None => "a year from 2017 to 2026".to_string(),
        };
        let year = match col(Field::Year) {
            Some(i) if !cells.cell(i).is_blank() => match parse_number(&cells.cell(i), false) {
                Ok((y, _)) if y.fract() == 0.0 && (0.0..=9999.0).contains(&y) => {
                    let y = y as u16;
                    if self.rules.year(y).is_none() {
                        errors.push_at(
                            Some(i),
                            format!("{y} is not a supported performance year"),
                            self.rules.years_text(),
                        );
                        None
                    } else if !era.contains(y) {
                        errors.push_at(
                            Some(i),
                            format!(
                                "PY{y} does not match the columns, which are {}",
                                era.label()
                            ),
                            year_help(),
                        );
                        None
                    } else {
                        Some(y)
                    }
                }
                Ok(_) | Err(_) => {
                    errors.push_at(
                        Some(i),
                        format!(
                            "\"{}\" is not a year",
                            quote_short(&cells.cell(i).text(), 40)
                        ),
                        year_help(),
                    );
                    None
                }
            },
            Some(i) => match layout.default_year {
                Some((y, _)) => Some(y),
                None => {
                    errors.push_at(Some(i), "is blank", year_help());
                    None
                }
            },
            None => layout.default_year.map(|(y, _)| y),
        };
        let year_rules = year.and_then(|y| self.rules.year(y));

        // Practice.
        let clinicians_help =
            "a whole number of clinicians from 1 to 1000000 (15 or fewer is a small practice)";
        let mut clinicians = match number(
            Field::Clinicians,
            1.0,
            MAX_CLINICIANS as f64,
            clinicians_help,
            &mut errors,
        ) {
            Some((n, _)) if n.fract() == 0.0 => Some(n as u32),
            Some((n, _)) => {
                errors.push_at(
                    col(Field::Clinicians),
                    format!("{} is not a whole number", crate::format::number(n)),
                    clinicians_help,
                );
                None
            }
            None => {
                if let Some(i) = col(Field::Clinicians)
                    && cells.cell(i).is_blank()
                {
                    errors.push_at(Some(i), "is blank", clinicians_help);
                }
                None
            }
        };
        let participation_cell = cell(Field::Participation);
        let mut apm_scoring = false;
        let participation = match choice(
            &participation_cell.text(),
            &[
                "",
                "individual",
                "group",
                "subgroup",
                "virtual group",
                "apm entity",
                "mips apm",
            ],
        )
        .unwrap_or("?")
        {
            "" => clinicians.map(|n| {
                if n == 1 {
                    Participation::Individual
                } else {
                    Participation::Group
                }
            }),
            "individual" => Some(Participation::Individual),
            "group" => Some(Participation::Group),
            "subgroup" => Some(Participation::Subgroup),
            "virtual group" => Some(Participation::VirtualGroup),
            "apm entity" => Some(Participation::ApmEntity),
            "mips apm" => {
                apm_scoring = true;
                Some(Participation::ApmEntity)
            }
            _ => {
                errors.push_at(
                    col(Field::Participation),
                    format!("\"{}\" is not a participation", quote_short(&cell(Field::Participation).text(), 40)),
                    "individual, group, subgroup, virtual_group or apm_entity (the public use file's Individual, Group, Subgroup, Virtual Group, APM Entity, MIPS APM)",
                );
                None
            }
        };
        let option_cell = cell(Field::ReportingOption);
        let reporting_option = match choice(
            &option_cell.text(),
            &[
                "",
                "traditional",
                "traditional mips",
                "mvp",
                "mips value pathways",
                "mips value pathway",
                "mvps",
                "app",
                "apm performance pathway",
                "apm performance pathway (app)",
            ],
        )
        .unwrap_or("?")
        {
            "" => {
                if apm_scoring && era == Era::Py2017To2021 {
                    Some(ReportingOption::App)
                } else if era == Era::Py2022 && participation == Some(Participation::ApmEntity) {
                    notes.push("PY2022's file has no reporting option: an APM Entity row is read as the APP".to_string());
                    confidence = confidence.weakest(Confidence::Likely);
                    Some(ReportingOption::App)
                } else {
                    Some(ReportingOption::Traditional)
                }
            }
            "traditional" | "traditional mips" => Some(ReportingOption::Traditional),
            "mvp" | "mips value pathways" | "mips value pathway" | "mvps" => {
                Some(ReportingOption::Mvp)
            }
            "app" | "apm performance pathway" | "apm performance pathway (app)" => {
                Some(ReportingOption::App)
            }
            _ => {
                errors.push_at(
                    col(Field::ReportingOption),
                    format!("\"{}\" is not a reporting option", quote_short(&option_cell.text(), 40)),
                    "traditional, mvp or app (the public use file's Traditional MIPS, MIPS Value Pathways, APM Performance Pathway)",
                );
                None
            }
        };
        let rural = boolean(Field::Rural, &mut errors).unwrap_or(false);
        let hpsa = boolean(Field::Hpsa, &mut errors).unwrap_or(false);
        let non_patient_facing = boolean(Field::NonPatientFacing, &mut errors).unwrap_or(false);
        let small_flag = if layout.has(Field::SmallFlag) {
            Some(boolean(Field::SmallFlag, &mut errors).unwrap_or(false))
        } else {
            None
        };
        let mut detail = FileDetail::default();
        if let (Some(flag), Some(n)) = (small_flag, clinicians) {
            let small = n <= 15;
            if flag != small {
                let to = if flag { 15 } else { 16 };
                notes.push(format!(
                    "practice size {n} but the small-practice flag is {}: scored as {} (CMS scores by the flag)",
                    if flag { "True" } else { "False or blank" },
                    if flag { "a small practice (15)" } else { "a large practice (16)" }
                ));
                confidence = confidence.weakest(Confidence::Likely);
                clinicians = Some(to);
                detail.size_clamped = true;
            }
        }
        let charges = number(
            Field::Charges,
            0.0,
            MAX_PART_B_CHARGES,
            "dollars from 0 to 10,000,000,000, or blank",
            &mut errors,
        )
        .map(|(v, _)| v);

        // Flags.
        for &(c, i) in &layout.flags {
            match parse_bool(&cells.cell(i)) {
                Ok(Some(true)) => detail.flagged[c.index()] = true,
                Ok(_) => {}
                Err(m) => errors.push_at(Some(i), m, BOOL_HELP),
            }
        }
        detail.facility_scored = boolean(Field::FacilityScore, &mut errors).unwrap_or(false);

        // Weights (PY2023+ files: fractions).
        let mut weights_given = [None; 4];
        for c in Category::ALL {
            if let Some((w, _)) = number(
                Field::Weight(c),
                0.0,
                100.0,
                "a fraction from 0 to 1 (0.3 is 30%), or blank",
                &mut errors,
            ) {
                weights_given[c.index()] = Some(if w <= 1.0 { w * 100.0 } else { w });
            }
        }
        if weights_given.iter().all(Option::is_some) {
            let w = |c: Category| weights_given[c.index()].unwrap_or(0.0);
            detail.weights = Some(Weights {
                quality: w(Category::Quality),
                cost: w(Category::Cost),
                improvement_activities: w(Category::ImprovementActivities),
                promoting_interoperability: w(Category::PromotingInteroperability),
            });
        }

        // Category scores.
        let mut scores = CategoryScores::default();
        for c in Category::ALL {
            let (value, decimals, points) =
                if c == Category::ImprovementActivities && layout.has(Field::IaPoints) {
                    match number(
                        Field::IaPoints,
                        0.0,
                        100.0,
                        "points from 0 to 40 (the public use file's IA score), or blank",
                        &mut errors,
                    ) {
                        Some((p, d)) if p > 40.0 => {
                            notes.push(format!(
                                "IA score {} is more than 40 points: read as a percent",
                                crate::format::number(p)
                            ));
                            confidence = confidence.weakest(Confidence::Assumed);
                            (Some(p), d, false)
                        }
                        Some((p, d)) => (Some(p / 40.0 * 100.0), d, true),
                        None => (None, 0, false),
                    }
                } else {
                    match number(Field::Score(c), 0.0, 100.0, SCORE_HELP, &mut errors) {
                        Some((v, d)) => (Some(v), d, false),
                        None => (None, 0, false),
                    }
                };
            // How far CMS's rounding can have moved the value: at the decimals shown (at
            // least two when none are shown); whole IA points are exact.
            let half_unit = 0.5 * 10f64.powi(-(if decimals == 0 { 2 } else { decimals } as i32));
            detail.rounding[c.index()] = if points { half_unit * 2.5 } else { half_unit };
            let given_weight = weights_given[c.index()];
            let score = if !era.is_puf() {
                value
            } else if let Some(w) = given_weight {
                // PY2023+: the weights say what was scored.
                if w == 0.0 {
                    None
                } else {
                    Some(value.unwrap_or(0.0))
                }
            } else {
                match value {
                    None => None,
                    // A scored cost category earns at least 1 of 10 points per measure: a 0
                    // is "not scored" (every PY2020–2021 row gives cost as 0).
                    Some(v) if v == 0.0 && c == Category::Cost => None,
                    Some(v) if v == 0.0 && detail.flagged[c.index()] => {
                        detail.not_scored_by_flag[c.index()] = true;
                        None
                    }
                    Some(0.0) => {
                        detail.ambiguous_zero[c.index()] = true;
                        Some(0.0)
                    }
                    Some(v) => Some(v),
                }
            };
            scores.set(c, score);
        }

        // Reporting: a flag, but data in the row wins.
        let has_data = [
            Category::Quality,
            Category::ImprovementActivities,
            Category::PromotingInteroperability,
        ]
        .into_iter()
        .any(|c| scores.get(c).is_some_and(|v| v > 0.0))
            || layout
                .measure_ids
                .iter()
                .any(|&(c, i)| c != Category::Cost && !cells.cell(i).is_blank());
        let stated = if layout.has(Field::Reporting) {
            boolean(Field::Reporting, &mut errors)
        } else if layout.has(Field::NonReporting) {
            boolean(Field::NonReporting, &mut errors).map(|b| !b)
        } else if layout.has(Field::Engaged) {
            boolean(Field::Engaged, &mut errors)
        } else {
            None
        };
        let reporting = match stated {
            Some(false) if has_data && era.is_puf() => {
                notes.push(
                    "the file says not reporting, but the row has scores: read as reporting".into(),
                );
                confidence = confidence.weakest(Confidence::Likely);
                true
            }
            Some(b) => b,
            None => true,
        };

        // Bonuses and assumptions.
        // (The help is only needed for a cell that is not a number: not made otherwise.)
        let cpb_unreadable = col(Field::ComplexPatientBonus).is_some_and(|i| {
            let c = cells.cell(i);
            !c.is_blank() && parse_number(&c, layout.decimal_comma).is_err()
        });
        let cpb_help = match year_rules {
            _ if !cpb_unreadable => String::new(),
            Some(y) if y.complex_patient_bonus_max.value == 0.0 => format!(
                "0 or blank (PY{} had no complex patient bonus)",
                y.performance_year
            ),
            Some(y) => format!(
                "points from 0 to {} in PY{}, or blank",
                crate::format::number(y.complex_patient_bonus_max.value),
                y.performance_year
            ),
            None => "points from 0 up to the year's maximum, or blank".to_string(),
        };
        let (cpb, cpb_decimals) = number(
            Field::ComplexPatientBonus,
            f64::NEG_INFINITY,
            f64::INFINITY,
            &cpb_help,
            &mut errors,
        )
        .unwrap_or((0.0, 2));
        detail.bonus_rounding = 0.5 * 10f64.powi(-(cpb_decimals.max(2) as i32));
        let max_positive_adjustment = number(
            Field::MaxPositiveAdjustment,
            f64::NEG_INFINITY,
            f64::INFINITY,
            "",
            &mut errors,
        )
        .map(|(v, _)| v);
        let exceptional_bonus_max = number(
            Field::ExceptionalBonusMax,
            f64::NEG_INFINITY,
            f64::INFINITY,
            "",
            &mut errors,
        )
        .map(|(v, _)| v);

        // CMS's own results.
        let cms_final = number(
            Field::CmsFinalScore,
            0.0,
            100.0,
            "CMS's final score, points from 0 to 100, or blank",
            &mut errors,
        )
        .map(|(v, _)| v);
        let cms_adjustment = number(
            Field::CmsAdjustment,
            -10.0,
            10.0,
            "CMS's payment adjustment, percent from -9 to about +9, or blank",
            &mut errors,
        )
        .map(|(v, _)| v);
        let cms = (cms_final.is_some() || cms_adjustment.is_some()).then_some(CmsNumbers {
            final_score: cms_final,
            payment_adjustment_percent: cms_adjustment,
        });

        if !errors.list.is_empty() {
            return Err(errors.list);
        }
        let (Some(year), Some(clinicians), Some(participation), Some(reporting_option)) =
            (year, clinicians, participation, reporting_option)
        else {
            errors.push_at(
                None,
                "cannot be scored",
                "a performance year and a practice size",
            );
            return Err(errors.list);
        };
        let scenario = Scenario {
            name: name.or_else(|| id.clone()),
            performance_year: year,
            reporting_option,
            practice: Practice {
                clinicians,
                participation,
                rural,
                hpsa,
                non_patient_facing,
                reporting,
                part_b_allowed_charges: charges,
            },
            scores,
            complex_patient_bonus: cpb,
            assumptions: Assumptions {
                max_positive_adjustment,
                exceptional_bonus_max,
            },
            measures: Default::default(),
        };
        for p in check(&scenario, self.rules) {
            let field = field_of_problem(p.field);
            let column = field.and_then(|f| {
                if f == Field::Score(Category::ImprovementActivities) && layout.has(Field::IaPoints)
                {
                    col(Field::IaPoints)
                } else if f == Field::ReportingOption && !layout.has(f) {
                    col(Field::Participation)
                } else {
                    col(f)
                }
            });
            errors.push_at(column, p.message, p.help);
        }
        if !errors.list.is_empty() {
            return Err(errors.list);
        }
        Ok(RosterRow {
            row,
            line,
            id,
            scenario,
            cms,
            detail,
            notes,
            confidence,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn numbers_as_people_write_them() {
        let t = |s: &'static str| Cell::Text(Cow::Borrowed(s));
        assert_eq!(parse_number(&t("85.5"), false), Ok((85.5, 1)));
        assert_eq!(parse_number(&t(" 85 % "), false), Ok((85.0, 0)));
        assert_eq!(parse_number(&t("$1,500,000"), false), Ok((1_500_000.0, 0)));
        assert_eq!(parse_number(&t("-$13,500.25"), false), Ok((-13_500.25, 2)));
        assert_eq!(parse_number(&t("85,5"), true), Ok((85.5, 1)));
        assert!(parse_number(&t("85,5"), false).is_err());
        assert!(parse_number(&t("1,50,000"), false).is_err());
        assert!(parse_number(&t("abc"), false).is_err());
        assert!(parse_number(&t("NaN"), false).is_err());
        assert!(parse_number(&t("inf"), false).is_err());
        assert_eq!(
            parse_number(&Cell::Number(61.0461), false),
            Ok((61.0461, 4))
        );
    }

    #[test]
    fn booleans_as_people_write_them() {
        let t = |s: &'static str| Cell::Text(Cow::Borrowed(s));
        assert_eq!(parse_bool(&t("True")), Ok(Some(true)));
        assert_eq!(parse_bool(&t("FALSE")), Ok(Some(false)));
        assert_eq!(parse_bool(&t("")), Ok(None));
        assert_eq!(parse_bool(&Cell::Bool(true)), Ok(Some(true)));
        assert!(parse_bool(&t("maybe")).is_err());
    }

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
