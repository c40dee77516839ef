//! The category builders: a category's percent from its measures, exactly as CMS scores them,
//! year by year, on CMS's own benchmarks. Pure: the year's measure data and the inputs in, the
//! category percent, every measure's points with why, and trace steps out. No I/O.
//!
//! - [`quality`]: decile points, floors, the 7-point cap, the six counted measures, bonuses,
//!   improvement (42 CFR 414.1380(b)(1));
//! - [`cost`]: achievement points from the year's cost benchmarks, improvement, "not scored"
//!   (42 CFR 414.1380(b)(2));
//! - [`improvement_activities`]: weights, doubling, counts, PCMH, APM credit (42 CFR 414.1380(b)(3));
//! - [`promoting_interoperability`]: per-year measures and points, required measures,
//!   exclusions, bonuses (42 CFR 414.1380(b)(4)).

pub mod cost;
pub mod improvement_activities;
pub mod points;
pub mod promoting_interoperability;
pub mod quality;

use serde::Serialize;

use crate::engine::{MeasureStep, StepKind, TraceStep};
use crate::measures::CollectionType;
use crate::rules::{Category, Confidence};
use crate::scenario::{Participation, ReportingOption, Scenario};

/// What the builders need to know about the practice.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Context {
    pub performance_year: u16,
    pub clinicians: u32,
    pub participation: Participation,
    pub reporting_option: ReportingOption,
    /// Small, rural, HPSA or non-patient-facing.
    pub special_status: bool,
    /// Quality and Promoting Interoperability are both reported (as percents or from their
    /// parts): from PY2023 one way a MIPS APM participant earns the 50% improvement
    /// activities credit.
    pub reports_quality_and_pi: bool,
}

impl Context {
    pub fn from_scenario(scenario: &Scenario) -> Context {
        let p = &scenario.practice;
        Context {
            performance_year: scenario.performance_year,
            clinicians: p.clinicians,
            participation: p.participation,
            reporting_option: scenario.reporting_option,
            special_status: p.is_small() || p.rural || p.hpsa || p.non_patient_facing,
            reports_quality_and_pi: [Category::Quality, Category::PromotingInteroperability]
                .into_iter()
                .all(|c| scenario.scores.get(c).is_some() || scenario.measures.has(c)),
        }
    }

    /// 15 or fewer clinicians.
    pub fn small(&self) -> bool {
        self.clinicians <= 15
    }
}

/// Marks shown beside a measure's points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Marks {
    /// Raised to the year's floor (or a fixed score without a benchmark).
    pub floor: bool,
    /// Held at the 7-point topped-out cap.
    pub capped: bool,
    /// Scored on CMS's flat (fixed 10-point band) benchmark.
    pub flat: bool,
    /// The benchmark is topped out.
    pub topped_out: bool,
}

/// One measure's (or activity's) points and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureScore {
    pub id: String,
    pub collection_type: Option<CollectionType>,
    /// The rate (percent), cost (dollars) or numerator share that was scored.
    pub value: Option<f64>,
    /// Achievement points (4 decimals); for activities the points after doubling; for PI the
    /// measure's score.
    pub points: f64,
    /// The most the measure could earn here (10 for quality and cost; the activity's or PI
    /// measure's maximum).
    pub max_points: f64,
    pub decile: Option<u8>,
    /// Counts toward the category.
    pub counted: bool,
    pub reason: String,
    pub marks: Marks,
    pub confidence: Confidence,
}

/// A category built from its parts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CategoryBuild {
    pub category: Category,
    pub performance_year: u16,
    /// The category percent; `None` when the category is not scored (cost with no measure that
    /// qualifies).
    pub percent: Option<f64>,
    pub measures: Vec<MeasureScore>,
    /// Points earned (achievement + bonus), before improvement.
    pub numerator: f64,
    /// Points available.
    pub denominator: f64,
    pub bonus_points: f64,
    /// Improvement percentage points added.
    pub improvement: f64,
    /// The weakest confidence of the rules applied.
    pub confidence: Confidence,
    pub steps: Vec<TraceStep>,
}

/// Collects trace steps and the weakest confidence while a builder runs.
pub(crate) struct Trace {
    steps: Vec<TraceStep>,
    weakest: Confidence,
}

impl Trace {
    pub(crate) fn new() -> Trace {
        Trace {
            steps: Vec::new(),
            weakest: Confidence::Confirmed,
        }
    }

    pub(crate) fn step(
        &mut self,
        step: MeasureStep,
        title: String,
        detail: String,
        confidence: Confidence,
        source: &str,
    ) {
        self.weakest = self.weakest.weakest(confidence);
        self.steps.push(TraceStep {
            step: StepKind::Measures(step),
            title,
            detail,
            confidence,
            source: source.to_string(),
        });
    }

    pub(crate) fn note(&mut self, confidence: Confidence) {
        self.weakest = self.weakest.weakest(confidence);
    }

    pub(crate) fn finish(self) -> (Vec<TraceStep>, Confidence) {
        (self.steps, self.weakest)
    }
}

/// Numbers in trace text: up to 4 decimals, no trailing zeros.
pub(crate) fn num(v: f64) -> String {
    let mut s = format!("{v:.4}");
    // Trimmed in place: one string per number (the builders write many).
    let kept = s.trim_end_matches('0').trim_end_matches('.').len();
    s.truncate(kept);
    if s == "-0" { "0".into() } else { s }
}

/// The categories a scenario gives from their parts instead of as a percent.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MeasureInputs {
    // Boxed: most scenarios give none, and a scenario stays small to move around.
    pub quality: Option<Box<quality::QualityInput>>,
    pub cost: Option<Box<cost::CostInput>>,
    pub improvement_activities: Option<Box<improvement_activities::ImprovementActivitiesInput>>,
    pub promoting_interoperability: Option<Box<promoting_interoperability::PiInput>>,
    /// The percent each category's builder last gave ([`apply`], [`refresh`]), by category
    /// index: a percent that differs from it was changed by hand since.
    /// (Boxed, like the inputs, to keep a scenario small.)
    #[serde(skip)]
    last_built: Option<Box<[Option<Option<f64>>; 4]>>,
}

impl MeasureInputs {
    pub fn is_empty(&self) -> bool {
        Category::ALL.iter().all(|&c| !self.has(c))
    }

    fn record(&mut self, category: Category, percent: Option<f64>) {
        self.last_built.get_or_insert_with(Default::default)[category.index()] = Some(percent);
    }

    /// The category is given from its parts.
    pub fn has(&self, category: Category) -> bool {
        match category {
            Category::Quality => self.quality.is_some(),
            Category::Cost => self.cost.is_some(),
            Category::ImprovementActivities => self.improvement_activities.is_some(),
            Category::PromotingInteroperability => self.promoting_interoperability.is_some(),
        }
    }
}

/// Builds one category of a scenario from its parts, if the scenario gives them.
pub fn build_category(scenario: &Scenario, category: Category) -> Option<CategoryBuild> {
    let data = crate::measures::year(scenario.performance_year)?;
    let context = Context::from_scenario(scenario);
    let m = &scenario.measures;
    Some(match category {
        Category::Quality => quality::build(data, &context, m.quality.as_ref()?),
        Category::Cost => cost::build(data, &context, m.cost.as_ref()?),
        Category::ImprovementActivities => {
            improvement_activities::build(data, &context, m.improvement_activities.as_ref()?)
        }
        Category::PromotingInteroperability => {
            let mut input = (**m.promoting_interoperability.as_ref()?).clone();
            if let Some(ia) = &m.improvement_activities {
                input.improvement_activity_with_cehrt |=
                    improvement_activities::earns_cehrt_bonus(data, ia);
            }
            promoting_interoperability::build(data, &context, &input)
        }
    })
}

/// Builds every category the scenario gives from its parts.
pub fn build_all(scenario: &Scenario) -> Vec<CategoryBuild> {
    if scenario.measures.is_empty() {
        return Vec::new();
    }
    Category::ALL
        .into_iter()
        .filter_map(|c| build_category(scenario, c))
        .collect()
}

/// Sets the percent of every category built from its parts (after reading a file, or after a
/// measure changed), so everything that reads `scores` sees the built percent.
pub fn apply(scenario: &mut Scenario) -> Vec<CategoryBuild> {
    let builds = build_all(scenario);
    for b in &builds {
        scenario.scores.set(b.category, b.percent);
        scenario.measures.record(b.category, b.percent);
    }
    builds
}

/// After any change to a scenario (a measure, the practice, the year): rebuilds every category
/// built from its parts whose percent was not changed by hand since it was last built. A
/// percent changed by hand stays: that category is a percent again.
pub fn refresh(scenario: &mut Scenario) {
    refresh_kept(scenario, &mut BuiltPercents::default());
}

/// The percents [`refresh_kept`] built and what they were built from (the practice as the
/// builders see it and every category's parts): while those stay the same, a refresh takes
/// them again instead of rebuilding (a builder reads nothing else).
#[derive(Clone, Debug, Default)]
pub struct BuiltPercents {
    from: Option<(Context, MeasureInputs)>,
    percents: [Option<Option<f64>>; 4],
}

impl BuiltPercents {
    /// The percent `c` builds to in `scenario`, built only when not kept for the same parts.
    fn percent(&mut self, scenario: &Scenario, c: Category) -> Option<Option<f64>> {
        let context = Context::from_scenario(scenario);
        let m = &scenario.measures;
        let same = self.from.as_ref().is_some_and(|(x, kept)| {
            *x == context
                && kept.quality == m.quality
                && kept.cost == m.cost
                && kept.improvement_activities == m.improvement_activities
                && kept.promoting_interoperability == m.promoting_interoperability
        });
        if !same {
            let inputs = MeasureInputs {
                last_built: None,
                ..m.clone()
            };
            self.from = Some((context, inputs));
            self.percents = Default::default();
        }
        if let Some(p) = self.percents[c.index()] {
            return Some(p);
        }
        let p = build_category(scenario, c)?.percent;
        self.percents[c.index()] = Some(p);
        Some(p)
    }
}

/// [`refresh`], taking the percents kept in `kept` where the builders' inputs did not change
/// since they were built (and keeping the new ones).
pub fn refresh_kept(scenario: &mut Scenario, kept: &mut BuiltPercents) {
    if scenario.measures.is_empty() {
        return;
    }
    for c in Category::ALL {
        if !scenario.measures.has(c) {
            continue;
        }
        let untouched = match scenario
            .measures
            .last_built
            .as_ref()
            .and_then(|l| l[c.index()])
        {
            None => true,
            Some(built) => same_percent(built, scenario.scores.get(c)),
        };
        if untouched && let Some(percent) = kept.percent(scenario, c) {
            scenario.scores.set(c, percent);
            scenario.measures.record(c, percent);
        }
    }
}

fn same_percent(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        _ => false,
    }
}

/// Whether a category's percent is still the one its parts build (not changed since).
pub fn percent_matches(build: &CategoryBuild, percent: Option<f64>) -> bool {
    same_percent(build.percent, percent)
}

/// Make one category come from its measures: its percent becomes the built one (the explorer's
/// switch from a typed percent back to the measures).
pub fn use_measures(scenario: &mut Scenario, category: Category) {
    if let Some(b) = build_category(scenario, category) {
        scenario.scores.set(category, b.percent);
        scenario.measures.record(category, b.percent);
    }
}
