//! The category builders rule by rule, year by year: each rule of CMS's quality, cost,
//! improvement activities and Promoting Interoperability scoring that the worked examples in
//! builders.rs do not already pin, with the year it starts and the years it does not apply.

use mips_whatif::builders::cost::{self, CostInput, CostMeasureInput, CostValue};
use mips_whatif::builders::improvement_activities::{self, Activities, ImprovementActivitiesInput};
use mips_whatif::builders::points;
use mips_whatif::builders::promoting_interoperability::{self, PiInput, PiMeasureInput, PiValue};
use mips_whatif::builders::quality::{
    self, MeasureSet, Performance, QualityInput, QualityMeasureInput,
};
use mips_whatif::builders::{CategoryBuild, Context};
use mips_whatif::measures::{self, Benchmark, BenchmarkValues, CollectionType};
use mips_whatif::rules::Confidence;
use mips_whatif::scenario::{Participation, ReportingOption};

use CollectionType::{
    AdministrativeClaims as Admin, CertifiedSurveyVendor as Survey, CmsWebInterface as Wi,
    ElectronicHealthRecord as Ecqm, Registry,
};

fn context(year: u16, clinicians: u32, participation: Participation) -> Context {
    Context {
        performance_year: year,
        clinicians,
        participation,
        reporting_option: ReportingOption::Traditional,
        special_status: clinicians <= 15,
        reports_quality_and_pi: true,
    }
}

fn group(year: u16, clinicians: u32) -> Context {
    context(year, clinicians, Participation::Group)
}

fn app(year: u16) -> Context {
    Context {
        reporting_option: ReportingOption::App,
        ..context(year, 200, Participation::ApmEntity)
    }
}

fn rate(id: &str, ct: CollectionType, rate: f64) -> QualityMeasureInput {
    QualityMeasureInput {
        id: id.into(),
        collection_type: ct,
        performance: Performance::Rate(rate),
        data_completeness: None,
        cases: None,
        end_to_end: None,
    }
}

fn build(ctx: &Context, input: QualityInput) -> CategoryBuild {
    quality::build(measures::year(ctx.performance_year).unwrap(), ctx, &input)
}

fn measures_only(ctx: &Context, m: Vec<QualityMeasureInput>) -> CategoryBuild {
    build(
        ctx,
        QualityInput {
            measures: m,
            ..Default::default()
        },
    )
}

fn score<'a>(b: &'a CategoryBuild, id: &str) -> &'a mips_whatif::builders::MeasureScore {
    b.measures
        .iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("{id} in {:?}", b.measures))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// Five process measures at 100% (registry), in every year's inventory.
fn five_process() -> Vec<QualityMeasureInput> {
    ["005", "007", "008", "226", "130"]
        .iter()
        .map(|id| rate(id, Registry, 100.0))
        .collect()
}

// ---- Quality: the CAHPS for MIPS survey --------------------------------------------------------

#[test]
fn a_group_registered_for_cahps_whose_sample_was_not_met_has_10_points_fewer_available_from_py2019()
{
    let with = |ctx: &Context, measures: Vec<QualityMeasureInput>| {
        build(
            ctx,
            QualityInput {
                measures,
                cahps_sample_not_met: true,
                ..Default::default()
            },
        )
    };
    for year in 2019..=2026 {
        let ctx = group(year, 40);
        let relieved = with(&ctx, five_process());
        assert_eq!(relieved.denominator, 50.0, "PY{year}");
        assert!(!relieved.measures.iter().any(|m| m.id == "missing"));
        let step = relieved
            .steps
            .iter()
            .find(|s| s.step == "quality_selection")
            .unwrap();
        assert!(
            step.source.contains("414.1380(b)(1)(vii)(B)"),
            "{}",
            step.source
        );
        // Without the flag the sixth measure is missing and scores 0.
        assert_eq!(measures_only(&ctx, five_process()).denominator, 60.0);
    }
    // Before PY2019 there is no reduction: the sixth slot scores 0.
    let ctx18 = group(2018, 40);
    let b = with(&ctx18, five_process());
    assert_eq!(b.denominator, 60.0);
    assert!(b.measures.iter().any(|m| m.id == "missing"));
    // Six measures submitted: nothing to relieve.
    let mut six = five_process();
    six.push(rate("112", Registry, 80.0));
    assert_eq!(with(&group(2024, 40), six).denominator, 60.0);
    // The survey is for groups: an individual keeps 60.
    let individual = context(2024, 1, Participation::Individual);
    assert_eq!(with(&individual, five_process()).denominator, 60.0);
    // Four measures: 50 available, one of them missing.
    let four: Vec<_> = five_process().into_iter().take(4).collect();
    let b = with(&group(2024, 40), four);
    assert_eq!(b.denominator, 50.0);
    assert_eq!(b.measures.iter().filter(|m| m.id == "missing").count(), 1);
}

#[test]
fn the_cahps_survey_counts_as_one_measure_scored_as_the_mean_of_its_summary_measures() {
    let ctx = group(2024, 40);
    let mut m = five_process();
    m.push(rate("CAHPS_1", Survey, 84.49));
    m.push(rate("CAHPS_2", Survey, 95.3));
    let b = measures_only(&ctx, m);
    let c1 = score(&b, "CAHPS_1").points;
    let c2 = score(&b, "CAHPS_2").points;
    let survey = score(&b, "321");
    assert!(close(survey.points, points::round4((c1 + c2) / 2.0)));
    assert!(survey.counted && !score(&b, "CAHPS_1").counted);
    assert_eq!(survey.confidence, Confidence::Assumed);
    assert_eq!(b.denominator, 60.0);
}

// ---- Quality: the APP and APP Plus measure sets --------------------------------------------------

/// One of the APP's clinical measures through a collection type with a benchmark that year
/// (its Medicare CQM when only that one has one).
fn benchmarked(year: u16, id: &str, r: f64) -> QualityMeasureInput {
    let data = measures::year(year).unwrap();
    let ssp = format!("{id}SSP");
    let (id, ct) = [(id, Ecqm), (id, Registry), (ssp.as_str(), Registry)]
        .into_iter()
        .find(|&(id, ct)| data.benchmark(id, ct).is_some())
        .unwrap_or_else(|| panic!("PY{year} {id}: no benchmark"));
    rate(id, ct, r)
}

fn app_submission(year: u16) -> Vec<QualityMeasureInput> {
    vec![
        benchmarked(year, "001", 10.0),
        benchmarked(year, "134", 60.0),
        benchmarked(year, "236", 75.0),
        rate("CAHPS_1", Survey, 84.0),
        rate("479", Admin, 0.15),
        rate(if year == 2021 { "MCC1" } else { "484" }, Admin, 35.0),
    ]
}

#[test]
fn the_app_scores_its_six_measures_out_of_60_from_the_year_file() {
    for year in 2022..=2026 {
        let data = measures::year(year).unwrap();
        assert_eq!(
            quality::measure_set_members(data, MeasureSet::App),
            ["001", "134", "236", "321", "479", "484"],
            "PY{year}"
        );
        let b = measures_only(&app(year), app_submission(year));
        assert_eq!(b.denominator, 60.0, "PY{year}: {:?}", b.measures);
    }
    // A measure of the set not reported scores 0 and stays in the denominator.
    let mut m = app_submission(2024);
    m.retain(|x| x.id != "236");
    let b = measures_only(&app(2024), m);
    assert_eq!(b.denominator, 60.0);
    assert!(b.measures.iter().any(|x| x.id == "missing"
        && x.points == 0.0
        && x.reason.starts_with("236, a measure of the set")));
    // An administrative-claims measure not given cannot be placed: left out of both sides,
    // flagged as assumed.
    let mut m = app_submission(2024);
    m.retain(|x| x.id != "484");
    let b = measures_only(&app(2024), m);
    assert_eq!(b.denominator, 50.0);
    assert_eq!(b.confidence, Confidence::Assumed);
    // A measure outside the set does not count.
    let mut m = app_submission(2024);
    m.push(rate("005", Registry, 100.0));
    let b = measures_only(&app(2024), m);
    assert!(!score(&b, "005").counted);
    assert_eq!(b.denominator, 60.0);
}

#[test]
fn app_plus_has_six_measures_in_py2025_and_eight_in_py2026() {
    let d25 = measures::year(2025).unwrap();
    assert_eq!(
        quality::measure_set_members(d25, MeasureSet::AppPlus),
        ["001", "112", "134", "236", "321", "479"]
    );
    let d26 = measures::year(2026).unwrap();
    assert_eq!(
        quality::measure_set_members(d26, MeasureSet::AppPlus),
        ["001", "112", "113", "134", "236", "321", "479", "484"]
    );
    let plus = |year: u16, m: Vec<QualityMeasureInput>| {
        build(
            &app(year),
            QualityInput {
                measures: m,
                measure_set: Some(MeasureSet::AppPlus),
                ..Default::default()
            },
        )
    };
    let mut m = app_submission(2025);
    m.retain(|x| x.id != "484");
    m.push(benchmarked(2025, "112", 80.0));
    let b = plus(2025, m.clone());
    assert_eq!(b.denominator, 60.0, "{:?}", b.measures);
    let step = b
        .steps
        .iter()
        .find(|s| s.step == "quality_selection")
        .unwrap();
    assert!(step.detail.contains("APP Plus"), "{}", step.detail);
    // PY2026: 113 and 484 join; 113 not reported scores 0.
    let mut m = app_submission(2026);
    m.push(benchmarked(2026, "112", 80.0));
    let b = plus(2026, m);
    assert_eq!(b.denominator, 80.0, "{:?}", b.measures);
    assert_eq!(b.measures.iter().filter(|x| x.id == "missing").count(), 1);
    // A Medicare CQM is a collection type of its measure: the better one counts, once.
    let mut m = app_submission(2025);
    m.push(rate("001SSP", Registry, 5.0));
    let b = measures_only(&app(2025), m);
    assert_eq!(b.denominator, 60.0);
    assert_eq!(
        b.measures
            .iter()
            .filter(|x| (x.id == "001" || x.id == "001SSP") && x.counted)
            .count(),
        1
    );
}

#[test]
fn app_cahps_sample_not_met_removes_321_from_both_sides() {
    let mut m = app_submission(2024);
    m.retain(|x| !x.id.starts_with("CAHPS_"));
    let b = build(
        &app(2024),
        QualityInput {
            measures: m,
            cahps_sample_not_met: true,
            ..Default::default()
        },
    );
    assert_eq!(b.denominator, 50.0);
}

#[test]
fn app_measures_are_not_capped_at_7_and_without_a_case_minimum_are_removed() {
    // 2024 MIPS CQM 236 in the APP: no cap even where its benchmark is topped out.
    let mut m = app_submission(2024);
    m[2] = QualityMeasureInput {
        cases: Some(5),
        ..benchmarked(2024, "236", 75.0)
    };
    let b = measures_only(&app(2024), m);
    assert_eq!(b.denominator, 50.0);
    assert!(!score(&b, "236").counted);
    // A benchmark topped out two years running: 7 at most in traditional MIPS, 10 in the APP.
    let data = measures::year(2024).unwrap();
    let topped = data.benchmark("005", Registry).unwrap();
    assert!(topped.topped_out_by_program);
    let traditional = quality::benchmarked_points(2024, topped, None, 100.0, &group(2024, 40));
    let in_app = quality::benchmarked_points(2024, topped, None, 100.0, &app(2024));
    assert_eq!(traditional.points, 7.0);
    assert_eq!(in_app.points, 10.0);
}

// ---- Quality: points rules by year ---------------------------------------------------------------

#[test]
fn new_measures_score_7_in_their_first_year_and_5_in_their_second_from_py2022() {
    // PY2024: 495 is new (first year), 490 is in its second year; neither has a benchmark.
    let b = measures_only(
        &group(2024, 40),
        vec![rate("495", Registry, 50.0), rate("490", Registry, 50.0)],
    );
    assert_eq!(score(&b, "495").points, 7.0);
    assert_eq!(score(&b, "490").points, 5.0);
}

#[test]
fn a_measure_without_benchmark_scores_3_to_py2022_and_from_py2023_3_for_small_practices_else_0() {
    // 490 registry has no PY2024 benchmark but is in its second year (5): use a measure
    // without a benchmark and not new instead, found in the year's data.
    for (year, large, small) in [(2019, 3.0, 3.0), (2022, 3.0, 3.0), (2024, 0.0, 3.0)] {
        let data = measures::year(year).unwrap();
        let m = data
            .quality
            .iter()
            .find(|m| {
                m.collection_types == [Registry]
                    && m.first_year.is_some_and(|f| f + 1 < year)
                    && data.benchmark(&m.id, Registry).is_none()
                    && !m.is_administrative_claims()
            })
            .unwrap_or_else(|| panic!("PY{year}: a measure without a benchmark"));
        let large_b = measures_only(&group(year, 40), vec![rate(&m.id, Registry, 50.0)]);
        let small_b = measures_only(&group(year, 10), vec![rate(&m.id, Registry, 50.0)]);
        assert_eq!(score(&large_b, &m.id).points, large, "PY{year} {}", m.id);
        assert_eq!(score(&small_b, &m.id).points, small, "PY{year} {}", m.id);
    }
}

#[test]
fn data_completeness_thresholds_and_points_below_them_by_year() {
    // (year, threshold, points below for a large practice, for a small one)
    let table = [
        (2017, 50.0, 3.0, 3.0),
        (2018, 60.0, 1.0, 3.0),
        (2019, 60.0, 1.0, 3.0),
        (2020, 70.0, 0.0, 3.0),
        (2022, 70.0, 0.0, 3.0),
        (2023, 70.0, 0.0, 3.0),
        (2024, 75.0, 0.0, 3.0),
        (2026, 75.0, 0.0, 3.0),
    ];
    for (year, threshold, large, small) in table {
        assert_eq!(
            quality::year_parameters(year).data_completeness,
            threshold,
            "PY{year}"
        );
        let at = |dc: f64, clinicians: u32| {
            let m = QualityMeasureInput {
                data_completeness: Some(dc),
                ..rate("047", Registry, 76.92)
            };
            score(&measures_only(&group(year, clinicians), vec![m]), "047").points
        };
        assert!(
            at(threshold, 40) > 3.0,
            "PY{year}: at the threshold it is benchmarked"
        );
        assert_eq!(at(threshold - 0.01, 40), large, "PY{year} large");
        assert_eq!(at(threshold - 0.01, 10), small, "PY{year} small");
    }
}

#[test]
fn py2018_caps_the_six_named_topped_out_measures_only() {
    let b = measures_only(
        &group(2018, 40),
        vec![rate("021", Registry, 100.0), rate("012", Registry, 100.0)],
    );
    assert_eq!(score(&b, "021").points, 7.0);
    assert!(score(&b, "021").marks.capped);
    // 012 is topped out in 2018 but not one of the six: not capped; the list is assumed.
    assert_eq!(score(&b, "012").points, 10.0);
    assert_eq!(b.confidence, Confidence::Assumed);
    // PY2017: no cap at all.
    let b17 = measures_only(&group(2017, 40), vec![rate("021", Registry, 100.0)]);
    assert!(!score(&b17, "021").marks.capped);
}

#[test]
fn one_measure_through_two_collection_types_counts_once_at_its_best() {
    let b = measures_only(
        &group(2024, 40),
        vec![rate("236", Registry, 60.0), rate("236", Ecqm, 80.0)],
    );
    let counted: Vec<_> = b
        .measures
        .iter()
        .filter(|m| m.id == "236" && m.counted)
        .collect();
    assert_eq!(counted.len(), 1);
    assert_eq!(counted[0].collection_type, Some(Ecqm));
}

#[test]
fn web_interface_measures_without_benchmark_or_case_minimum_are_removed_and_under_dc_score_0() {
    let ctx = group(2019, 100);
    let b = measures_only(
        &ctx,
        vec![
            rate("001", Wi, 20.0),
            QualityMeasureInput {
                cases: Some(3),
                ..rate("112", Wi, 70.0)
            },
            QualityMeasureInput {
                data_completeness: Some(10.0),
                ..rate("113", Wi, 70.0)
            },
        ],
    );
    assert!(!score(&b, "112").counted);
    assert_eq!(score(&b, "113").points, 0.0);
    assert_eq!(b.denominator, 20.0);
}

#[test]
fn administrative_claims_measures_add_10_to_the_denominator_for_groups_of_16_or_more() {
    let mut m = five_process();
    m.push(rate("236", Registry, 75.0));
    m.push(QualityMeasureInput {
        cases: Some(250),
        ..rate("479", Admin, 0.15)
    });
    assert_eq!(measures_only(&group(2024, 40), m.clone()).denominator, 70.0);
    // Under 16 clinicians, under 200 cases, or an individual: out of both sides.
    assert_eq!(measures_only(&group(2024, 10), m.clone()).denominator, 60.0);
    let individual = context(2024, 1, Participation::Individual);
    assert_eq!(measures_only(&individual, m.clone()).denominator, 60.0);
    m[6].cases = Some(150);
    assert_eq!(measures_only(&group(2024, 40), m).denominator, 60.0);
    // PY2020 has no all-cause readmission benchmark: removed.
    let b = measures_only(&group(2020, 40), vec![rate("458", Admin, 10.0)]);
    assert!(!score(&b, "458").counted);
}

#[test]
fn measures_cms_excluded_for_significant_changes_leave_both_sides_from_py2020() {
    let mut m = five_process();
    m.push(rate("236", Registry, 75.0));
    let with = |year: u16, m: Vec<QualityMeasureInput>| {
        build(
            &group(year, 40),
            QualityInput {
                measures: m,
                suppressed: vec!["226".into()],
                ..Default::default()
            },
        )
    };
    let b = with(2024, m.clone());
    assert_eq!(b.denominator, 50.0);
    assert!(!score(&b, "226").counted);
    assert!(!b.measures.iter().any(|x| x.id == "missing"));
    // Seven submitted, one excluded: the other six fill the requirement.
    let mut seven = m.clone();
    seven.push(rate("112", Registry, 80.0));
    assert_eq!(with(2024, seven).denominator, 60.0);
    // Before PY2020 the exclusion does not exist: scored as usual.
    let b19 = with(2019, m);
    assert!(score(&b19, "226").counted);
    assert_eq!(b19.denominator, 60.0);
}

// ---- Quality: bonuses ------------------------------------------------------------------------------

#[test]
fn py2017_registry_an_extra_high_priority_process_measure_earns_1_and_end_to_end_1_each() {
    // The outcome slot (236) earns no bonus; 046 (high-priority process) +1; two measures
    // reported end to end +2 (E2).
    let e2e = |m: QualityMeasureInput| QualityMeasureInput {
        end_to_end: Some(true),
        ..m
    };
    let b = measures_only(
        &group(2017, 40),
        vec![
            rate("236", Registry, 75.0),
            e2e(rate("046", Registry, 82.31)),
            e2e(rate("110", Registry, 82.31)),
        ],
    );
    assert_eq!(b.bonus_points, 3.0, "{:?}", b.steps);
}

#[test]
fn high_priority_and_end_to_end_bonuses_stop_after_py2021_and_are_capped_at_10_percent() {
    let hp: Vec<_> = ["001", "236", "047", "046", "130", "226", "134"]
        .iter()
        .map(|id| QualityMeasureInput {
            end_to_end: Some(true),
            ..rate(id, Registry, 50.0)
        })
        .collect();
    let b21 = measures_only(&group(2021, 40), hp.clone());
    // Each kind capped at 10% of 60.
    assert!(b21.bonus_points > 0.0 && b21.bonus_points <= 12.0);
    let b22 = measures_only(&group(2022, 40), hp);
    assert_eq!(b22.bonus_points, 0.0);
}

#[test]
fn the_small_practice_bonus_is_6_from_py2019_and_needs_a_submitted_measure() {
    let one = vec![rate("236", Registry, 75.0)];
    assert_eq!(
        measures_only(&group(2019, 10), one.clone()).bonus_points,
        6.0
    );
    assert_eq!(
        measures_only(&group(2018, 10), one.clone()).bonus_points,
        0.0
    );
    assert_eq!(measures_only(&group(2019, 40), one).bonus_points, 0.0);
    assert_eq!(measures_only(&group(2024, 10), vec![]).bonus_points, 0.0);
}

#[test]
fn the_complex_organization_adjustment_adds_up_to_1_per_ecqm_never_past_10_from_py2025() {
    let ctx = Context {
        reporting_option: ReportingOption::Traditional,
        ..context(2025, 200, Participation::ApmEntity)
    };
    // 005 eCQM at 90.48 is on a bound (decile 9 → 9.0): +1; 008 at 98.11 (decile 10): +0.
    let b = measures_only(
        &ctx,
        vec![rate("005", Ecqm, 90.48), rate("008", Ecqm, 98.11)],
    );
    assert_eq!(score(&b, "005").points, 9.0);
    assert_eq!(score(&b, "008").points, 10.0);
    assert!(close(b.bonus_points, 1.0), "{}", b.bonus_points);
    // A group (not an APM Entity or virtual group) gets none; nor any entity before PY2025.
    assert_eq!(
        measures_only(&group(2025, 200), vec![rate("005", Ecqm, 90.48)]).bonus_points,
        0.0
    );
    let ctx24 = context(2024, 200, Participation::ApmEntity);
    assert_eq!(
        measures_only(&ctx24, vec![rate("005", Ecqm, 90.0)]).bonus_points,
        0.0
    );
}

#[test]
fn improvement_scoring_starts_in_py2018() {
    let input = QualityInput {
        measures: {
            let mut m = five_process();
            m.push(rate("236", Registry, 75.0));
            m
        },
        improvement: Some(quality::QualityImprovementInput {
            prior_achievement_percent: 40.0,
            prior_category_score: Some(45.0),
            prior_facility_based: false,
        }),
        ..Default::default()
    };
    let b17 = build(&group(2017, 40), input.clone());
    assert_eq!(b17.improvement, 0.0);
    assert!(!b17.steps.iter().any(|s| s.step == "quality_improvement"));
    let b18 = build(&group(2018, 40), input);
    assert!(b18.steps.iter().any(|s| s.step == "quality_improvement"));
}

#[test]
fn partial_points_are_linear_within_a_decile_a_third_party_example() {
    // 26% in a decile running from 24% to 36% (decile 4): 4 + 2/12 = 4.1667.
    let b = Benchmark {
        id: "X".into(),
        collection_type: Registry,
        benchmark_year: 2020,
        inverse: false,
        topped_out: false,
        topped_out_by_program: false,
        seven_point_cap_removed: false,
        flat: false,
        values: BenchmarkValues::Deciles(vec![5.0, 12.0, 24.0, 36.0, 48.0, 60.0, 72.0, 84.0, 96.0]),
        average: None,
    };
    let p = points::place(&b, 26.0);
    assert_eq!(p.decile, Some(4));
    assert_eq!(points::round4(p.raw_points), 4.1667);
}

// ---- Cost ----------------------------------------------------------------------------------------

fn dollars(id: &str, cost: f64) -> CostMeasureInput {
    CostMeasureInput {
        id: id.into(),
        value: CostValue::Cost(cost),
        cases: None,
    }
}

fn cost_build(year: u16, input: CostInput) -> CategoryBuild {
    cost::build(measures::year(year).unwrap(), &group(year, 40), &input)
}

#[test]
fn cost_measures_cms_excluded_for_significant_changes_are_not_scored_from_py2022() {
    let input = CostInput {
        measures: vec![dollars("TPCC_1", 1518.495), dollars("MSPB_1", 1.0)],
        suppressed: vec!["MSPB_1".into()],
        ..Default::default()
    };
    let b = cost_build(2024, input.clone());
    assert_eq!(b.percent, Some(75.0));
    assert!(!score(&b, "MSPB_1").counted);
    let only = CostInput {
        measures: vec![dollars("MSPB_1", 1.0)],
        suppressed: vec!["MSPB_1".into()],
        ..Default::default()
    };
    assert_eq!(cost_build(2024, only).percent, None);
    // PY2019: no such exclusion, both scored.
    let b19 = cost_build(
        2019,
        CostInput {
            measures: vec![dollars("TPCC_1", 1000.0), dollars("MSPB_1", 1000.0)],
            suppressed: vec!["MSPB_1".into()],
            ..Default::default()
        },
    );
    assert!(score(&b19, "MSPB_1").counted);
}

#[test]
fn procedural_episode_measures_need_10_episodes_tpcc_20_mspb_35() {
    let at = |id: &str, cases: u32| {
        let b = cost_build(
            2024,
            CostInput {
                measures: vec![CostMeasureInput {
                    cases: Some(cases),
                    ..dollars(id, 1000.0)
                }],
                ..Default::default()
            },
        );
        b.percent.is_some()
    };
    assert!(!at("COST_KA_1", 9) && at("COST_KA_1", 10));
    assert!(!at("TPCC_1", 19) && at("TPCC_1", 20));
    assert!(!at("MSPB_1", 34) && at("MSPB_1", 35));
}

#[test]
fn py2017_cost_is_not_scored_and_py2023_uses_the_inverse_percentiles() {
    let b17 = cost_build(
        2017,
        CostInput {
            measures: vec![dollars("TPCC_1", 100.0)],
            ..Default::default()
        },
    );
    assert_eq!(b17.percent, None);
    // PY2023 TPCC: at or under P10 (1184.4) → 10; above P99 (2465.27) → 1; at P50 (1449.42)
    // → decile 6.
    let one = |c: f64| {
        score(
            &cost_build(
                2023,
                CostInput {
                    measures: vec![dollars("TPCC_1", c)],
                    ..Default::default()
                },
            ),
            "TPCC_1",
        )
        .clone()
    };
    assert_eq!(one(1184.4).points, 10.0);
    assert_eq!(one(2500.0).points, 1.0);
    assert_eq!(one(1449.42).decile, Some(6));
}

// ---- Improvement activities -----------------------------------------------------------------------

fn ia_build(ctx: &Context, input: ImprovementActivitiesInput) -> CategoryBuild {
    improvement_activities::build(measures::year(ctx.performance_year).unwrap(), ctx, &input)
}

fn high_activity(year: u16) -> String {
    let data = measures::year(year).unwrap();
    data.improvement_activities
        .iter()
        .find(|a| a.weight == Some(measures::ActivityWeight::High))
        .or(data.improvement_activities.first())
        .unwrap()
        .id
        .clone()
}

#[test]
fn from_py2020_a_group_gets_credit_only_for_activities_half_its_clinicians_performed() {
    let input = |year: u16, share: f64| ImprovementActivitiesInput {
        activities: Activities::Listed(vec![high_activity(year)]),
        clinicians_percent: vec![(high_activity(year), share)],
        ..Default::default()
    };
    for year in [2020, 2024, 2025] {
        let ctx = group(year, 40);
        assert_eq!(
            ia_build(&ctx, input(year, 40.0)).percent,
            Some(0.0),
            "PY{year}"
        );
        assert!(
            ia_build(&ctx, input(year, 50.0)).percent.unwrap() > 0.0,
            "PY{year}"
        );
        let b = ia_build(&ctx, input(year, 40.0));
        assert_eq!(b.confidence, Confidence::Likely);
    }
    // Before PY2020 no share is set: one clinician is enough (assumed, flagged).
    let b19 = ia_build(&group(2019, 40), input(2019, 10.0));
    assert!(b19.percent.unwrap() > 0.0);
    assert_eq!(b19.confidence, Confidence::Assumed);
    // An individual: the group share does not apply.
    let individual = context(2024, 1, Participation::Individual);
    assert!(ia_build(&individual, input(2024, 10.0)).percent.unwrap() > 0.0);
}

#[test]
fn the_app_gives_improvement_activities_full_credit_from_py2021() {
    let input = ImprovementActivitiesInput::default();
    assert_eq!(ia_build(&app(2021), input.clone()).percent, Some(100.0));
    assert_eq!(ia_build(&group(2021, 40), input).percent, Some(0.0));
}

#[test]
fn py2017_2018_activities_flagged_for_cehrt_earn_the_interoperability_bonus() {
    for year in [2017, 2018, 2019] {
        let data = measures::year(year).unwrap();
        let flagged = data
            .improvement_activities
            .iter()
            .find(|a| a.cehrt_eligible);
        assert_eq!(flagged.is_some(), year <= 2018, "PY{year}");
        if let Some(a) = flagged {
            let input = ImprovementActivitiesInput {
                activities: Activities::Listed(vec![a.id.clone()]),
                ..Default::default()
            };
            assert!(improvement_activities::earns_cehrt_bonus(data, &input));
        }
    }
}

// ---- Promoting Interoperability --------------------------------------------------------------------

fn fraction(id: &str, numerator: f64, denominator: f64) -> PiMeasureInput {
    PiMeasureInput {
        id: id.into(),
        value: PiValue::Fraction {
            numerator,
            denominator,
        },
    }
}

fn yes(id: &str) -> PiMeasureInput {
    PiMeasureInput {
        id: id.into(),
        value: PiValue::Attested(true),
    }
}

fn pi(ctx: &Context, input: PiInput) -> CategoryBuild {
    promoting_interoperability::build(measures::year(ctx.performance_year).unwrap(), ctx, &input)
}

fn pi_measures(year: u16, m: Vec<PiMeasureInput>) -> CategoryBuild {
    pi(
        &group(year, 40),
        PiInput {
            measures: m,
            ..Default::default()
        },
    )
}

#[test]
fn a_small_practice_with_no_interoperability_data_is_not_scored_from_py2022() {
    for year in [2022, 2024, 2026] {
        assert_eq!(pi(&group(year, 10), PiInput::default()).percent, None);
    }
    assert_eq!(pi(&group(2021, 10), PiInput::default()).percent, Some(0.0));
    assert_eq!(pi(&group(2024, 40), PiInput::default()).percent, Some(0.0));
}

fn aci_2017_at_100(extra: &[&str]) -> Vec<PiMeasureInput> {
    let mut m = vec![
        yes("ACI_PPHI_1"),
        fraction("ACI_EP_1", 100.0, 100.0),
        fraction("ACI_HIE_1", 100.0, 100.0),
        fraction("ACI_HIE_2", 100.0, 100.0),
        fraction("ACI_PEA_1", 100.0, 100.0),
    ];
    m.extend(extra.iter().map(|id| fraction(id, 100.0, 100.0)));
    m
}

#[test]
fn py2017_advancing_care_information_all_at_100_percent_is_50_plus_30_plus_20() {
    let b = pi_measures(2017, aci_2017_at_100(&["ACI_PEA_2", "ACI_CCTPE_1"]));
    assert_eq!(b.numerator, 100.0);
    assert_eq!(b.percent, Some(100.0));
    // 50 base + 40 performance + no bonus = 90, worth 22.5 of ACI's 25 points.
    let b = pi_measures(2017, aci_2017_at_100(&["ACI_PEA_2"]));
    assert_eq!(b.percent, Some(90.0));
    assert!(close(b.percent.unwrap() * 0.25, 22.5));
}

#[test]
fn py2018_base_performance_and_2015_edition_bonus_110_is_capped_at_100() {
    let input = PiInput {
        measures: vec![
            yes("PI_PPHI_1"),
            fraction("PI_EP_1", 100.0, 100.0),
            fraction("PI_HIE_1", 100.0, 100.0),
            fraction("PI_HIE_2", 100.0, 100.0),
            fraction("PI_PEA_1", 100.0, 100.0),
            fraction("PI_PEA_2", 100.0, 100.0),
            fraction("PI_CCTPE_1", 100.0, 100.0),
        ],
        cehrt_2015_edition: true,
        ..Default::default()
    };
    let b = pi(&group(2018, 40), input);
    assert_eq!(b.numerator, 110.0);
    assert_eq!(b.percent, Some(100.0));
}

fn full_2019_2022(year: u16) -> Vec<PiMeasureInput> {
    let mut m = vec![
        yes("PI_PPHI_1"),
        fraction("PI_EP_1", 100.0, 100.0),
        fraction("PI_HIE_1", 100.0, 100.0),
        fraction("PI_HIE_4", 100.0, 100.0),
        fraction("PI_PEA_1", 100.0, 100.0),
        yes("PI_PHCDRR_1"),
    ];
    if year >= 2022 {
        m.push(yes("PI_PHCDRR_3"));
        m.push(yes("PI_PPHI_2"));
    } else {
        m.push(yes("PI_PHCDRR_2"));
    }
    m
}

#[test]
fn pdmp_and_opioid_agreement_bonuses_by_year() {
    for (year, pdmp) in [(2019, 5.0), (2020, 5.0), (2021, 5.0), (2022, 10.0)] {
        let mut m = full_2019_2022(year);
        assert_eq!(
            pi_measures(year, m.clone()).percent,
            Some(100.0),
            "PY{year}"
        );
        // Below 100 with room for the bonus: e-Prescribing 5 and patient access 20.
        m[1] = fraction("PI_EP_1", 50.0, 100.0);
        m[4] = fraction("PI_PEA_1", 50.0, 100.0);
        let base = pi_measures(year, m.clone()).percent.unwrap();
        m.push(yes("PI_EP_2"));
        let with = pi_measures(year, m).percent.unwrap();
        assert_eq!(with - base, pdmp, "PY{year}");
    }
    let mut m = full_2019_2022(2019);
    m[1] = fraction("PI_EP_1", 50.0, 100.0);
    let base = pi_measures(2019, m.clone()).percent.unwrap();
    m.push(yes("PI_EP_3"));
    assert_eq!(pi_measures(2019, m).percent.unwrap() - base, 5.0);
}

#[test]
fn the_bi_directional_exchange_measure_replaces_both_exchange_measures_from_py2021() {
    let mut m = full_2019_2022(2021);
    m.retain(|x| x.id != "PI_HIE_1" && x.id != "PI_HIE_4");
    m.push(yes("PI_HIE_5"));
    let b = pi_measures(2021, m);
    assert_eq!(score(&b, "PI_HIE_5").points, 40.0);
    assert_eq!(b.percent, Some(100.0));
}

#[test]
fn py2022_public_health_needs_immunization_and_case_reporting() {
    let mut m = full_2019_2022(2022);
    assert_eq!(pi_measures(2022, m.clone()).percent, Some(100.0));
    m.retain(|x| x.id != "PI_PHCDRR_3");
    assert_eq!(pi_measures(2022, m).percent, Some(0.0));
}

#[test]
fn py2023_a_pdmp_exclusion_moves_its_10_points_to_e_prescribing() {
    let m = vec![
        yes("PI_PPHI_1"),
        yes("PI_PPHI_2"),
        fraction("PI_EP_1", 50.0, 100.0),
        PiMeasureInput {
            id: "PI_EP_2".into(),
            value: PiValue::Excluded,
        },
        fraction("PI_HIE_1", 100.0, 100.0),
        fraction("PI_HIE_4", 100.0, 100.0),
        fraction("PI_PEA_1", 100.0, 100.0),
        yes("PI_PHCDRR_1"),
        yes("PI_PHCDRR_3"),
    ];
    let b = pi_measures(2023, m);
    assert_eq!(score(&b, "PI_EP_1").points, 10.0);
    assert_eq!(score(&b, "PI_EP_1").max_points, 20.0);
}

// ---- Worked examples weighted into the final score ------------------------------------------------

fn contribution(text: &str, category: mips_whatif::rules::Category) -> f64 {
    let rules = mips_whatif::rules::RuleSet::embedded().unwrap();
    let s = mips_whatif::scenario::parse_scenario("example.toml", text, &rules)
        .unwrap_or_else(|d| panic!("{d}"));
    let r = mips_whatif::engine::score(&s, rules.year(s.performance_year).unwrap());
    r.category(category).contribution
}

#[test]
fn worked_examples_weighted_into_the_final_score() {
    use mips_whatif::rules::Category;
    // PY2022 small practice, 047 at 120/156 with the +6 bonus: 18.946% at 50% = 9.473.
    let e10 = "performance_year = 2022\n[practice]\nclinicians = 10\n[scores]\nimprovement_activities = 100\n[quality]\n[[quality.measures]]\nid = \"047\"\ncollection_type = \"registry\"\nnumerator = 120\ndenominator = 156\n";
    assert!((contribution(e10, Category::Quality) - 9.473).abs() < 0.001);
    // PY2018, no special status: 20 + 10 + 20 + 10 = 60 → 40 → 100% → 15.
    let e4 = "performance_year = 2018\n[practice]\nclinicians = 30\n[scores]\nquality = 80\ncost = 50\npromoting_interoperability = 80\n[improvement_activities]\nhigh = 2\nmedium = 2\n";
    assert!((contribution(e4, Category::ImprovementActivities) - 15.0).abs() < 1e-9);
    // Special status, one medium activity: 20 of 40 → 50% → 7.5.
    let e8 = "performance_year = 2019\n[practice]\nclinicians = 30\nrural = true\n[scores]\nquality = 80\ncost = 50\npromoting_interoperability = 80\n[improvement_activities]\nmedium = 1\n";
    assert!((contribution(e8, Category::ImprovementActivities) - 7.5).abs() < 1e-9);
}

#[test]
fn the_outcome_measure_that_earns_no_bonus_anyway_is_the_required_one() {
    // PY2019: 236 (outcome, scored) and 001 (outcome, under data completeness: no bonus of
    // its own). 001 is taken as the required outcome measure, so 236 earns +2; a better rate
    // for 236 can never cost the bonus.
    let b = measures_only(
        &group(2019, 40),
        vec![
            rate("236", Registry, 80.0),
            QualityMeasureInput {
                data_completeness: Some(10.0),
                ..rate("001", Registry, 20.0)
            },
        ],
    );
    assert_eq!(b.bonus_points, 2.0, "{:?}", b.steps);
    // Both earn it: one 2-point bonus is withheld for the required measure.
    let b = measures_only(
        &group(2019, 40),
        vec![rate("236", Registry, 80.0), rate("001", Registry, 20.0)],
    );
    assert_eq!(b.bonus_points, 2.0);
}

#[test]
fn no_improvement_score_after_facility_based_scoring_last_year() {
    let input = |facility: bool| QualityInput {
        measures: {
            let mut m = five_process();
            m.push(rate("236", Registry, 75.0));
            m
        },
        improvement: Some(quality::QualityImprovementInput {
            prior_achievement_percent: 35.0,
            prior_category_score: Some(40.0),
            prior_facility_based: facility,
        }),
        ..Default::default()
    };
    let ctx = group(2024, 40);
    assert!(build(&ctx, input(false)).improvement > 0.0);
    let b = build(&ctx, input(true));
    assert_eq!(b.improvement, 0.0);
    assert!(
        b.steps
            .iter()
            .any(|s| s.detail.contains("facility-based measurement last year"))
    );
}

#[test]
fn the_new_inputs_are_written_back_and_read_again_unchanged() {
    let rules = mips_whatif::rules::RuleSet::embedded().unwrap();
    let text = "performance_year = 2024\n[practice]\nclinicians = 40\n[scores]\npromoting_interoperability = 80\n[quality]\ncahps_sample_not_met = true\nsuppressed = [\"226\"]\n[[quality.measures]]\nid = \"226\"\ncollection_type = \"registry\"\nperformance_rate = 80\n[[quality.measures]]\nid = \"236\"\ncollection_type = \"registry\"\nperformance_rate = 75\n[quality.improvement]\nprior_achievement_percent = 40\nprior_facility_based = true\n[cost]\nsuppressed = [\"MSPB_1\"]\n[[cost.measures]]\nid = \"TPCC_1\"\ncost = 1400\n[[cost.measures]]\nid = \"MSPB_1\"\ncost = 1900\n[improvement_activities]\nactivities = [\"IA_EPA_1\", \"IA_PM_2\"]\nclinicians_percent = { IA_PM_2 = 40 }\n";
    let s = mips_whatif::scenario::parse_scenario("in.toml", text, &rules)
        .unwrap_or_else(|d| panic!("{d}"));
    let written = mips_whatif::scenario::to_toml(&s);
    let again = mips_whatif::scenario::parse_scenario("out.toml", &written, &rules)
        .unwrap_or_else(|d| panic!("{d}\n{written}"));
    assert_eq!(again, s, "{written}");
    let q = again.measures.quality.as_ref().unwrap();
    assert!(q.cahps_sample_not_met && q.suppressed == ["226"]);
    assert!(q.improvement.unwrap().prior_facility_based);
    assert_eq!(again.measures.cost.as_ref().unwrap().suppressed, ["MSPB_1"]);
    assert_eq!(
        again
            .measures
            .improvement_activities
            .as_ref()
            .unwrap()
            .clinicians_percent,
        [("IA_PM_2".to_string(), 40.0)]
    );
    // APP Plus under the APP.
    let app = "performance_year = 2025\nreporting_option = \"app\"\n[practice]\nclinicians = 300\nparticipation = \"apm_entity\"\n[scores]\npromoting_interoperability = 90\n[quality]\nmeasure_set = \"app_plus\"\n[[quality.measures]]\nid = \"236\"\ncollection_type = \"registry\"\nperformance_rate = 75\n";
    let s = mips_whatif::scenario::parse_scenario("in.toml", app, &rules)
        .unwrap_or_else(|d| panic!("{d}"));
    let written = mips_whatif::scenario::to_toml(&s);
    let again = mips_whatif::scenario::parse_scenario("out.toml", &written, &rules).unwrap();
    assert_eq!(again, s);
    // The explorer's repair when the APP is left: the set goes back to the option's own.
    let mut moved = again.clone();
    moved.reporting_option = ReportingOption::Traditional;
    let changes = mips_whatif::scenario::normalize(&mut moved, &rules);
    assert!(!changes.is_empty());
    assert_eq!(moved.measures.quality.as_ref().unwrap().measure_set, None);
}

#[test]
fn a_mips_apm_participant_gets_at_least_50_percent_and_from_py2023_only_with_an_activity_or_quality_and_pi()
 {
    let input = |ids: Vec<String>| ImprovementActivitiesInput {
        activities: Activities::Listed(ids),
        mips_apm: true,
        ..Default::default()
    };
    let without = |year: u16| Context {
        reports_quality_and_pi: false,
        ..group(year, 40)
    };
    // PY2022: the 50% needs nothing else.
    assert_eq!(ia_build(&without(2022), input(vec![])).percent, Some(50.0));
    // PY2024: neither an activity nor quality and PI: no credit.
    assert_eq!(ia_build(&without(2024), input(vec![])).percent, Some(0.0));
    // One medium activity attested (10 points, 25%): raised to 50%.
    let data = measures::year(2024).unwrap();
    let medium = data
        .improvement_activities
        .iter()
        .find(|a| a.weight == Some(measures::ActivityWeight::Medium))
        .unwrap();
    assert_eq!(
        ia_build(&without(2024), input(vec![medium.id.clone()])).percent,
        Some(50.0)
    );
    // Quality and PI reported: 50% without an activity.
    assert_eq!(
        ia_build(&group(2024, 40), input(vec![])).percent,
        Some(50.0)
    );
}

#[test]
fn interoperability_needs_90_continuous_days_and_180_from_py2024() {
    let full = |year: u16| {
        let mut m = vec![
            yes("PI_PPHI_1"),
            yes("PI_PPHI_2"),
            fraction("PI_EP_1", 90.0, 100.0),
            yes("PI_EP_2"),
            fraction("PI_HIE_1", 80.0, 100.0),
            fraction("PI_HIE_4", 70.0, 100.0),
            fraction("PI_PEA_1", 100.0, 100.0),
            yes("PI_PHCDRR_1"),
            yes("PI_PHCDRR_3"),
        ];
        if year < 2022 {
            m.retain(|x| x.id != "PI_PPHI_2");
        }
        m
    };
    let with_days = |year: u16, days: u32| {
        pi(
            &group(year, 40),
            PiInput {
                measures: full(year),
                period_days: Some(days),
                ..Default::default()
            },
        )
        .percent
    };
    assert!(with_days(2024, 180).unwrap() > 0.0);
    assert_eq!(with_days(2024, 179), Some(0.0));
    assert!(with_days(2023, 90).unwrap() > 0.0);
    assert_eq!(with_days(2023, 89), Some(0.0));
    // Written back and read again.
    let rules = mips_whatif::rules::RuleSet::embedded().unwrap();
    let text = "performance_year = 2024\n[practice]\nclinicians = 40\n[scores]\nquality = 80\n[promoting_interoperability]\nperiod_days = 200\n[[promoting_interoperability.measures]]\nid = \"PI_PPHI_1\"\nattested = true\n";
    let s = mips_whatif::scenario::parse_scenario("in.toml", text, &rules).unwrap();
    let again = mips_whatif::scenario::parse_scenario(
        "out.toml",
        &mips_whatif::scenario::to_toml(&s),
        &rules,
    )
    .unwrap();
    assert_eq!(
        again
            .measures
            .promoting_interoperability
            .unwrap()
            .period_days,
        Some(200)
    );
}
