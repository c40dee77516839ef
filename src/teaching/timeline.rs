//! The rules timeline: every performance year's headline rules side by side — threshold,
//! exceptional threshold, applicable percent, base weights, complex patient bonus maximum,
//! small-practice bonus, published maximum and CMS's national mean and median — each cell with
//! its confidence and source, and the cells that changed from the year before marked.
//!
//! Every cell is read from the year rules (and the weights a full reporter actually gets, from
//! the engine), so an edited rules file changes the timeline without touching code.

use serde::Serialize;

use crate::engine;
use crate::format::{number, two_decimals};
use crate::national::National;
use crate::rules::{
    Confidence, Pathway, RuleSet, SmallPracticeBonus, SmallPracticeBonusMode, Weights, YearRules,
};
use crate::scenario::{CategoryScores, ReportingOption, Scenario};

/// One column of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    PerformanceThreshold,
    ExceptionalThreshold,
    ApplicablePercent,
    BaseWeights,
    ComplexPatientBonusMax,
    SmallPracticeBonus,
    PublishedMaximum,
    NationalMean,
    NationalMedian,
}

impl Column {
    /// Every column, in the order of the table.
    pub const ALL: [Column; 9] = [
        Column::PerformanceThreshold,
        Column::ExceptionalThreshold,
        Column::ApplicablePercent,
        Column::BaseWeights,
        Column::ComplexPatientBonusMax,
        Column::SmallPracticeBonus,
        Column::PublishedMaximum,
        Column::NationalMean,
        Column::NationalMedian,
    ];

    /// The key used in JSON output.
    pub fn key(self) -> &'static str {
        match self {
            Column::PerformanceThreshold => "performance_threshold",
            Column::ExceptionalThreshold => "exceptional_threshold",
            Column::ApplicablePercent => "applicable_percent",
            Column::BaseWeights => "base_weights",
            Column::ComplexPatientBonusMax => "complex_patient_bonus_max",
            Column::SmallPracticeBonus => "small_practice_bonus",
            Column::PublishedMaximum => "published_maximum",
            Column::NationalMean => "national_mean",
            Column::NationalMedian => "national_median",
        }
    }

    /// The name people use.
    pub fn label(self) -> &'static str {
        match self {
            Column::PerformanceThreshold => "Performance threshold",
            Column::ExceptionalThreshold => "Exceptional performance threshold",
            Column::ApplicablePercent => "Applicable percent",
            Column::BaseWeights => "Base weights (Quality/Cost/IA/PI)",
            Column::ComplexPatientBonusMax => "Complex patient bonus maximum",
            Column::SmallPracticeBonus => "Small-practice bonus",
            Column::PublishedMaximum => "Maximum positive adjustment at 100",
            Column::NationalMean => "National mean final score",
            Column::NationalMedian => "National median final score",
        }
    }

    /// The heading of the column in a table.
    pub fn heading(self) -> &'static str {
        match self {
            Column::PerformanceThreshold => "Threshold",
            Column::ExceptionalThreshold => "Exceptional",
            Column::ApplicablePercent => "AP",
            Column::BaseWeights => "Weights Q/C/IA/PI",
            Column::ComplexPatientBonusMax => "CPB max",
            Column::SmallPracticeBonus => "Small-practice bonus",
            Column::PublishedMaximum => "Max at 100",
            Column::NationalMean => "Mean",
            Column::NationalMedian => "Median",
        }
    }

    /// Whether the column is CMS's national results rather than a rule.
    pub fn is_national(self) -> bool {
        matches!(self, Column::NationalMean | Column::NationalMedian)
    }
}

/// What a cell holds, for comparing years and for JSON.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum CellValue {
    Number(f64),
    /// The full weight row, and the weights a practice reporting all four categories actually
    /// gets (they differ when the rules weight a category at 0% for everyone).
    Weights {
        base: Weights,
        applied: Weights,
    },
    SmallPracticeBonus {
        mode: SmallPracticeBonusMode,
        points: f64,
    },
    /// Nothing: the rule does not exist that year, the figure is not published, or the
    /// national data has no figure for the year.
    None,
}

/// One cell of the timeline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    pub column: Column,
    pub value: CellValue,
    /// The value as the table shows it: "75", "40/20/15/25", "+6 quality", "not yet published".
    pub text: String,
    /// How sure the rules are of the value (None where there is no value).
    pub confidence: Option<Confidence>,
    pub source: Option<String>,
    /// More about the value, in words ("base 2.25% + exceptional bonus 6% at 100").
    pub note: Option<String>,
    /// The value differs from the year before.
    pub changed: bool,
}

impl Cell {
    fn new(column: Column, value: CellValue, text: String) -> Cell {
        Cell {
            column,
            value,
            text,
            confidence: None,
            source: None,
            note: None,
            changed: false,
        }
    }

    fn cited(mut self, confidence: Confidence, source: &str) -> Cell {
        self.confidence = Some(confidence);
        self.source = Some(source.to_string());
        self
    }

    fn noted(mut self, note: Option<String>) -> Cell {
        self.note = note;
        self
    }

    fn is_none(&self) -> bool {
        self.value == CellValue::None
    }
}

/// One row of the timeline: one performance year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineYear {
    pub performance_year: u16,
    pub payment_year: u16,
    /// One cell per [`Column::ALL`], in that order.
    pub cells: Vec<Cell>,
}

impl TimelineYear {
    pub fn cell(&self, column: Column) -> &Cell {
        self.cells
            .iter()
            .find(|c| c.column == column)
            .expect("every year has every column")
    }

    /// The columns whose value changed from the year before.
    pub fn changed(&self) -> Vec<Column> {
        self.cells
            .iter()
            .filter(|c| c.changed)
            .map(|c| c.column)
            .collect()
    }
}

/// Every year of a rule set, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timeline {
    pub years: Vec<TimelineYear>,
    /// Where the national mean and median come from.
    pub national_source: String,
}

impl Timeline {
    /// The timeline of every year in `rules`, with the national figures of `national`.
    pub fn build(rules: &RuleSet, national: &National) -> Timeline {
        let mut years: Vec<TimelineYear> = Vec::new();
        for year in rules.years() {
            let mut row = TimelineYear {
                performance_year: year.performance_year,
                payment_year: year.payment_year,
                cells: year_cells(year, national),
            };
            // Years are compared with the previous year of the rule set only when it is the
            // calendar year before (a rules folder may leave gaps).
            if let Some(prev) = years
                .last()
                .filter(|p| p.performance_year + 1 == year.performance_year)
            {
                for (cell, before) in row.cells.iter_mut().zip(&prev.cells) {
                    cell.changed = differs(before, cell);
                }
            }
            years.push(row);
        }
        Timeline {
            years,
            national_source: national.source.clone(),
        }
    }

    pub fn year(&self, performance_year: u16) -> Option<&TimelineYear> {
        self.years
            .iter()
            .find(|y| y.performance_year == performance_year)
    }

    /// The weakest confidence shown in the table.
    pub fn weakest(&self) -> Confidence {
        self.years
            .iter()
            .flat_map(|y| y.cells.iter().filter_map(|c| c.confidence))
            .fold(Confidence::Confirmed, Confidence::weakest)
    }
}

/// Whether a cell changed from `before`. National figures only change between two years
/// that both have one (a figure missing from the national data is not a change).
pub fn differs(before: &Cell, after: &Cell) -> bool {
    if after.column.is_national() && (before.is_none() || after.is_none()) {
        return false;
    }
    before.value != after.value
}

/// The weights a practice reporting all four categories gets under traditional MIPS, as the
/// engine applies them: the weights, the reason in words, their confidence and source.
pub fn applied_full_weights(year: &YearRules) -> (Weights, String, Confidence, String) {
    let mut probe = Scenario::default_group();
    probe.name = None;
    probe.performance_year = year.performance_year;
    probe.reporting_option = ReportingOption::Traditional;
    probe.scores = CategoryScores {
        quality: Some(100.0),
        cost: Some(100.0),
        improvement_activities: Some(100.0),
        promoting_interoperability: Some(100.0),
    };
    let result = engine::score_numbers(&probe, year);
    (
        result.weights,
        result.weights_reason,
        result.weights_confidence,
        result.weights_source,
    )
}

/// The small-practice bonus in a few words: "none", "+5 final score", "+6 quality".
pub fn small_practice_bonus_short(b: &SmallPracticeBonus) -> String {
    match b.mode {
        SmallPracticeBonusMode::None => "none".into(),
        SmallPracticeBonusMode::FinalScore => format!("+{} final score", number(b.points)),
        SmallPracticeBonusMode::QualityNumerator => format!("+{} quality", number(b.points)),
    }
}

/// The small-practice bonus in full words.
pub fn small_practice_bonus_words(b: &SmallPracticeBonus) -> String {
    match b.mode {
        SmallPracticeBonusMode::None => "no small-practice bonus".into(),
        SmallPracticeBonusMode::FinalScore => {
            format!("+{} points on the final score", number(b.points))
        }
        SmallPracticeBonusMode::QualityNumerator => {
            format!("+{} points in the quality numerator", number(b.points))
        }
    }
}

/// The cells of one year (none marked changed).
pub fn year_cells(year: &YearRules, national: &National) -> Vec<Cell> {
    Column::ALL
        .iter()
        .map(|&column| cell(column, year, national))
        .collect()
}

fn cell(column: Column, year: &YearRules, national: &National) -> Cell {
    let py = year.performance_year;
    match column {
        Column::PerformanceThreshold => {
            let c = &year.performance_threshold;
            Cell::new(column, CellValue::Number(c.value), number(c.value))
                .cited(c.confidence, &c.source)
                .noted(Some(format!(
                    "a final score of {} gets no adjustment; {} or less gets the full −{}%",
                    number(c.value),
                    number(c.value / 4.0),
                    number(year.ap())
                )))
        }
        Column::ExceptionalThreshold => match &year.exceptional_bonus {
            Some(e) => Cell::new(
                column,
                CellValue::Number(e.threshold.value),
                number(e.threshold.value),
            )
            .cited(e.threshold.confidence, &e.threshold.source)
            .noted(Some(format!(
                "exceptional performance bonus from a final score of {}, up to {}% at 100",
                number(e.threshold.value),
                number(e.max_at_100.value)
            ))),
            None => Cell::new(column, CellValue::None, "—".into())
                .noted(Some(format!("no exceptional performance bonus in PY{py}"))),
        },
        Column::ApplicablePercent => {
            let c = &year.applicable_percent;
            Cell::new(
                column,
                CellValue::Number(c.value),
                format!("{}%", number(c.value)),
            )
            .cited(c.confidence, &c.source)
            .noted(Some(format!(
                "the most a payment can go down in {}: −{}%",
                year.payment_year,
                number(c.value)
            )))
        }
        Column::BaseWeights => match year.base_row(Pathway::Traditional) {
            Some(row) => {
                let (applied, reason, applied_confidence, applied_source) =
                    applied_full_weights(year);
                let mut cell = Cell::new(
                    column,
                    CellValue::Weights {
                        base: row.weights,
                        applied,
                    },
                    row.weights.to_string(),
                )
                .cited(row.confidence, &row.source);
                if applied != row.weights {
                    cell.confidence = Some(row.confidence.weakest(applied_confidence));
                    cell.source = Some(format!("{}; {}", row.source, applied_source));
                    cell.note = Some(format!(
                        "a practice reporting all four categories gets {applied} ({reason})"
                    ));
                }
                cell
            }
            None => Cell::new(column, CellValue::None, "—".into()),
        },
        Column::ComplexPatientBonusMax => {
            let c = &year.complex_patient_bonus_max;
            let text = if c.value == 0.0 {
                "none".to_string()
            } else {
                number(c.value)
            };
            Cell::new(column, CellValue::Number(c.value), text).cited(c.confidence, &c.source)
        }
        Column::SmallPracticeBonus => {
            let c = &year.small_practice_bonus;
            Cell::new(
                column,
                CellValue::SmallPracticeBonus {
                    mode: c.value.mode,
                    points: c.value.points,
                },
                small_practice_bonus_short(&c.value),
            )
            .cited(c.confidence, &c.source)
            .noted(Some(small_practice_bonus_words(&c.value)))
        }
        Column::PublishedMaximum => match &year.max_positive_adjustment {
            Some(m) => {
                let total = year.published_total_max.unwrap_or(m.value);
                let note = year.exceptional_bonus.as_ref().map(|e| {
                    format!(
                        "base {}% + exceptional bonus {}% at 100",
                        number(m.value),
                        number(e.max_at_100.value)
                    )
                });
                Cell::new(
                    column,
                    CellValue::Number(total),
                    format!("{}%", number(total)),
                )
                .cited(m.confidence, &m.source)
                .noted(note)
            }
            None => {
                let mut cell = Cell::new(column, CellValue::None, "not yet published".into());
                if let Some(a) = &year.assumed_max_positive_adjustment {
                    cell = cell.cited(a.confidence, &a.source).noted(Some(format!(
                        "assumed {}% at 100 until CMS publishes it",
                        number(a.value)
                    )));
                }
                cell
            }
        },
        Column::NationalMean | Column::NationalMedian => match national.overall_final_score(py) {
            Some(f) => {
                let v = if column == Column::NationalMean {
                    f.mean
                } else {
                    f.median
                };
                Cell::new(column, CellValue::Number(v), two_decimals(v))
                    .cited(Confidence::Confirmed, &national.source)
            }
            None => Cell::new(column, CellValue::None, "—".into())
                .noted(Some(format!("PY{py} is not in the national data shipped"))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timeline() -> (RuleSet, Timeline) {
        let rules = RuleSet::embedded().unwrap();
        let t = Timeline::build(&rules, &National::embedded());
        (rules, t)
    }

    #[test]
    fn every_year_of_the_rules_has_a_row_with_every_column() {
        let (rules, t) = timeline();
        assert_eq!(t.years.len(), rules.years().count());
        for y in &t.years {
            assert_eq!(y.cells.len(), Column::ALL.len());
            for (cell, column) in y.cells.iter().zip(Column::ALL) {
                assert_eq!(cell.column, column);
                assert_eq!(cell.confidence.is_some(), cell.source.is_some());
            }
        }
    }

    #[test]
    fn the_first_year_has_nothing_marked_changed() {
        let (_, t) = timeline();
        assert!(t.years[0].changed().is_empty());
    }
}
