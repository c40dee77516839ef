//! What the view shows: the focused category's measures as rows (their points and why, their
//! inputs), worked out from the engine's own build when the category comes from its measures.

use crate::builders::promoting_interoperability::PiValue;
use crate::builders::quality::Performance;
use crate::builders::{MeasureScore, build_category, percent_matches};
use crate::measures::YearMeasures;
use crate::rules::Category;
use crate::scenario::Scenario;

/// One row of the table: a measure's score, and where its input is (None: a row the builder
/// adds, such as a required measure not reported).
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureRow {
    pub input: Option<usize>,
    pub title: String,
    pub score: MeasureScore,
    /// Numerator and denominator when given as a fraction; cases and data completeness.
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub data_completeness: Option<f64>,
    pub cases: Option<u32>,
}

/// What the view shows, worked out when the scenario (or the category shown) changes.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasuresData {
    pub category: Category,
    /// The percent the category's measures give (None: no measures; `Some(None)`: they
    /// give "not scored").
    pub built_percent: Option<Option<f64>>,
    /// The category's percent comes from its measures (not typed as a percent).
    pub from_measures: bool,
    pub rows: Vec<MeasureRow>,
}

/// The view's data for a scenario and category.
pub fn measures_data(s: &Scenario, category: Category) -> MeasuresData {
    let build = build_category(s, category);
    let from_measures = build
        .as_ref()
        .is_some_and(|b| percent_matches(b, s.scores.get(category)));
    let percent = build.as_ref().map(|b| b.percent);
    data_of(
        s,
        category,
        percent,
        from_measures,
        build.map(|b| b.measures),
    )
}

/// The view's data with the engine's result for the scenario: a category built from its
/// measures is built there already, so only a category given as a percent is built here.
pub fn measures_data_with(
    s: &Scenario,
    category: Category,
    result: &crate::engine::ScoreResult,
) -> MeasuresData {
    let outcome = result.category(category);
    match (&outcome.measures, outcome.built_from) {
        (Some(measures), crate::engine::BuiltFrom::Measures) => data_of(
            s,
            category,
            Some(s.scores.get(category)),
            true,
            Some(measures.clone()),
        ),
        _ => measures_data(s, category),
    }
}

pub(super) fn data_of(
    s: &Scenario,
    category: Category,
    built_percent: Option<Option<f64>>,
    from_measures: bool,
    measures: Option<Vec<MeasureScore>>,
) -> MeasuresData {
    let data = crate::measures::year(s.performance_year);
    let mut rows = Vec::new();
    if let Some(measures) = measures {
        let inputs = input_count(s, category);
        for (i, score) in measures.into_iter().enumerate() {
            let input = match category {
                Category::Quality | Category::Cost => (i < inputs).then_some(i),
                Category::PromotingInteroperability => s
                    .measures
                    .promoting_interoperability
                    .as_ref()
                    .and_then(|p| p.measures.iter().position(|m| m.id == score.id)),
                Category::ImprovementActivities => s
                    .measures
                    .improvement_activities
                    .as_ref()
                    .and_then(|a| match &a.activities {
                        crate::builders::improvement_activities::Activities::Listed(ids) => {
                            ids.iter().position(|x| *x == score.id)
                        }
                        _ => None,
                    }),
            };
            let mut row = MeasureRow {
                input,
                title: data
                    .map(|d| title_of(d, category, &score.id))
                    .unwrap_or_default(),
                score,
                numerator: None,
                denominator: None,
                data_completeness: None,
                cases: None,
            };
            if let Some(i) = input {
                fill_inputs(s, category, i, &mut row);
            }
            rows.push(row);
        }
    }
    MeasuresData {
        category,
        built_percent,
        from_measures,
        rows,
    }
}

pub(super) fn title_of(d: &YearMeasures, category: Category, id: &str) -> String {
    match category {
        Category::Quality => d.quality_measure(id).map(|m| m.title.clone()),
        Category::Cost => d.cost_measure(id).map(|m| m.title.clone()),
        Category::ImprovementActivities => d.activity(id).map(|m| m.title.clone()),
        Category::PromotingInteroperability => d.pi_measure(id).map(|m| m.title.clone()),
    }
    .unwrap_or_default()
}

pub(super) fn fill_inputs(s: &Scenario, category: Category, i: usize, row: &mut MeasureRow) {
    let m = &s.measures;
    match category {
        Category::Quality => {
            if let Some(x) = m.quality.as_ref().and_then(|q| q.measures.get(i)) {
                if let Performance::Fraction {
                    numerator,
                    denominator,
                } = x.performance
                {
                    row.numerator = Some(numerator);
                    row.denominator = Some(denominator);
                }
                row.data_completeness = x.data_completeness;
                row.cases = x.cases;
            }
        }
        Category::Cost => {
            if let Some(x) = m.cost.as_ref().and_then(|c| c.measures.get(i)) {
                row.cases = x.cases;
            }
        }
        Category::PromotingInteroperability => {
            if let Some(x) = m
                .promoting_interoperability
                .as_ref()
                .and_then(|p| p.measures.get(i))
                && let PiValue::Fraction {
                    numerator,
                    denominator,
                } = x.value
            {
                row.numerator = Some(numerator);
                row.denominator = Some(denominator);
            }
        }
        Category::ImprovementActivities => {}
    }
}

pub(super) fn input_count(s: &Scenario, category: Category) -> usize {
    let m = &s.measures;
    match category {
        Category::Quality => m.quality.as_ref().map_or(0, |q| q.measures.len()),
        Category::Cost => m.cost.as_ref().map_or(0, |c| c.measures.len()),
        Category::PromotingInteroperability => m
            .promoting_interoperability
            .as_ref()
            .map_or(0, |p| p.measures.len()),
        Category::ImprovementActivities => 0,
    }
}
