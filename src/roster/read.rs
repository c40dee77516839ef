//! From a header and a row of cells to a scenario: which column is which, the values parsed
//! and checked, and the public use file's conventions (IA in points, flags, zeros that mean
//! "not scored", the small-practice flag) applied. Every problem names its row and column.

use super::columns::{Era, Field, choice};
pub use super::layout::{Layout, YearOrigin};
use super::layout::{slot, year_range_text};
use super::source::{Cell, RowCells};
use super::values::{parse_bool, parse_number};
use crate::diagnostic::{Diagnostic, quote_short};
use crate::rules::{Category, Confidence, RuleSet, Weights};
use crate::scenario::{
    Assumptions, CategoryScores, MAX_CLINICIANS, MAX_PART_B_CHARGES, Participation, Practice,
    ReportingOption, Scenario, check,
};

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
