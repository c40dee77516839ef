//! The category builders against the published worked examples and CMS scoring-engine outputs,
//! year by year.

use mips_whatif::builders::cost::{
    self, CostImprovementInput, CostInput, CostMeasureInput, CostValue,
};
use mips_whatif::builders::improvement_activities::{self, Activities, ImprovementActivitiesInput};
use mips_whatif::builders::promoting_interoperability::{self, PiInput, PiMeasureInput, PiValue};
use mips_whatif::builders::quality::{
    self, Performance, QualityImprovementInput, QualityInput, QualityMeasureInput,
};
use mips_whatif::builders::{CategoryBuild, Context};
use mips_whatif::measures::{self, CollectionType};
use mips_whatif::scenario::{Participation, ReportingOption};

fn context(year: u16, clinicians: u32) -> Context {
    Context {
        performance_year: year,
        clinicians,
        participation: if clinicians == 1 {
            Participation::Individual
        } else {
            Participation::Group
        },
        reporting_option: ReportingOption::Traditional,
        special_status: clinicians <= 15,
        reports_quality_and_pi: true,
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

fn quality(year: u16, clinicians: u32, measures: Vec<QualityMeasureInput>) -> CategoryBuild {
    quality::build(
        measures::year(year).unwrap(),
        &context(year, clinicians),
        &QualityInput {
            measures,
            improvement: None,
            ..Default::default()
        },
    )
}

fn points(build: &CategoryBuild, id: &str) -> f64 {
    build
        .measures
        .iter()
        .find(|m| m.id == id)
        .unwrap_or_else(|| panic!("{id} in {:?}", build.measures))
        .points
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance
}

use CollectionType::{Claims, ElectronicHealthRecord as Ecqm, Registry};

// ---- Quality: achievement points -------------------------------------------------------------

#[test]
fn py2022_registry_047_from_numerator_and_denominator_scores_5_3676_and_a_small_practice_18_946() {
    let m = QualityMeasureInput {
        performance: Performance::Fraction {
            numerator: 120.0,
            denominator: 156.0,
        },
        ..rate("047", Registry, 0.0)
    };
    let b = quality(2022, 10, vec![m]);
    assert_eq!(points(&b, "047"), 5.3676);
    assert_eq!(b.measures[0].decile, Some(5));
    assert_eq!(b.denominator, 60.0);
    assert_eq!(b.bonus_points, 6.0);
    let p = b.percent.unwrap();
    assert!(close(p, 18.946, 0.0001), "{p}");
}

#[test]
fn py2020_registry_047_at_76_9231_scores_5_8733() {
    let m = QualityMeasureInput {
        performance: Performance::Fraction {
            numerator: 120.0,
            denominator: 156.0,
        },
        ..rate("047", Registry, 0.0)
    };
    let b = quality(2020, 30, vec![m]);
    assert_eq!(b.measures[0].value, Some(76.9231));
    assert_eq!(points(&b, "047"), 5.8733);
}

#[test]
fn py2018_registry_110_scores_8_9585_and_046_in_decile_2_gets_the_floor_3() {
    let b = quality(
        2018,
        30,
        vec![rate("110", Registry, 82.31), rate("046", Registry, 82.31)],
    );
    assert_eq!(points(&b, "110"), 8.9585);
    let m046 = b.measures.iter().find(|m| m.id == "046").unwrap();
    assert_eq!(m046.decile, Some(2));
    assert_eq!(m046.points, 3.0);
    assert!(m046.marks.floor);
}

#[test]
fn py2017_inverse_192_at_0_is_decile_10() {
    let b = quality(2017, 30, vec![rate("192", Ecqm, 0.0)]);
    assert_eq!(points(&b, "192"), 10.0);
    assert_eq!(b.measures[0].decile, Some(10));
}

#[test]
fn py2020_claims_110_tops_out_below_8_under_100_percent_and_scores_10_at_100() {
    let under = quality(2020, 30, vec![rate("110", Claims, 99.9)]);
    let p = points(&under, "110");
    assert!((7.0..8.0).contains(&p), "{p}");
    let full = quality(2020, 30, vec![rate("110", Claims, 100.0)]);
    assert_eq!(points(&full, "110"), 10.0);
}

#[test]
fn py2020_claims_117_is_capped_at_7_and_scores_5_below_100_percent() {
    let under = quality(2020, 30, vec![rate("117", Claims, 99.0)]);
    let p = points(&under, "117");
    assert!((5.0..6.0).contains(&p), "{p}");
    let full = quality(2020, 30, vec![rate("117", Claims, 100.0)]);
    assert_eq!(points(&full, "117"), 7.0);
    assert!(full.measures[0].marks.capped);
    let m128 = quality(2020, 30, vec![rate("128", Claims, 99.5)]);
    let p = points(&m128, "128");
    assert!((6.0..=7.0).contains(&p), "{p}");
}

#[test]
fn py2022_flat_benchmark_236_mips_cqm() {
    let b = quality(2022, 30, vec![rate("236", Registry, 85.0)]);
    assert_eq!(points(&b, "236"), 9.5);
    assert!(b.measures[0].marks.flat);
    assert_eq!(
        points(&quality(2022, 30, vec![rate("236", Registry, 55.0)]), "236"),
        6.5
    );
    assert_eq!(
        points(&quality(2022, 30, vec![rate("236", Registry, 90.0)]), "236"),
        10.0
    );
}

#[test]
fn py2025_defined_topped_out_benchmark_gives_7_5_at_97_percent_direct_and_3_percent_inverse() {
    let direct = quality(2025, 30, vec![rate("143", Registry, 97.0)]);
    assert_eq!(points(&direct, "143"), 7.5);
    assert!(!direct.measures[0].marks.capped);
    let inverse = quality(2025, 30, vec![rate("406", Registry, 3.0)]);
    assert_eq!(points(&inverse, "406"), 7.5);
}

#[test]
fn py2025_topped_out_measure_off_the_limited_choice_list_is_capped_at_7() {
    let b = quality(2025, 30, vec![rate("006", Registry, 100.0)]);
    assert_eq!(points(&b, "006"), 7.0);
    assert!(b.measures[0].marks.capped);
}

#[test]
fn py2024_floor_is_1_and_a_large_practice_gets_0_without_a_benchmark() {
    let low = quality(2024, 30, vec![rate("047", Registry, 0.0)]);
    assert!(points(&low, "047") >= 1.0);
    // Data completeness missed: 0 for a large practice, 3 for a small one.
    let mut m = rate("047", Registry, 90.0);
    m.data_completeness = Some(50.0);
    assert_eq!(points(&quality(2024, 30, vec![m.clone()]), "047"), 0.0);
    assert_eq!(points(&quality(2024, 10, vec![m]), "047"), 3.0);
}

#[test]
fn under_the_case_minimum_before_py2023_scores_3() {
    let mut m = rate("047", Registry, 90.0);
    m.cases = Some(12);
    assert_eq!(points(&quality(2021, 30, vec![m]), "047"), 3.0);
}

#[test]
fn py2018_below_data_completeness_scores_1_for_a_large_practice_and_3_for_a_small_one() {
    let mut m = rate("110", Registry, 82.31);
    m.data_completeness = Some(55.0);
    assert_eq!(points(&quality(2018, 30, vec![m.clone()]), "110"), 1.0);
    assert_eq!(points(&quality(2018, 10, vec![m]), "110"), 3.0);
}

// ---- Quality: category --------------------------------------------------------------------------

#[test]
fn py2017_group_six_ecqms_at_10_with_end_to_end_and_a_second_outcome_is_capped_at_100() {
    let b = quality(
        2017,
        30,
        vec![
            rate("191", Ecqm, 100.0),
            rate("192", Ecqm, 0.0),
            rate("005", Ecqm, 95.0),
            rate("007", Ecqm, 96.0),
            rate("008", Ecqm, 97.0),
            rate("012", Ecqm, 100.0),
        ],
    );
    assert_eq!(b.numerator - b.bonus_points, 60.0);
    // End to end 6 (cap 6) + second outcome 2.
    assert_eq!(b.bonus_points, 8.0);
    assert_eq!(b.percent, Some(100.0));
}

#[test]
fn six_process_measures_count_five_and_one_zero() {
    let b = quality(
        2021,
        30,
        vec![
            rate("005", Registry, 100.0),
            rate("007", Registry, 100.0),
            rate("008", Registry, 100.0),
            rate("012", Registry, 100.0),
            rate("110", Registry, 100.0),
            rate("111", Registry, 100.0),
        ],
    );
    let counted: Vec<_> = b.measures.iter().filter(|m| m.counted).collect();
    assert_eq!(
        counted.len(),
        6,
        "five measures and one missing slot: {counted:?}"
    );
    assert_eq!(b.denominator, 60.0);
    assert!(
        b.measures
            .iter()
            .any(|m| m.id == "missing" && m.points == 0.0)
    );
}

#[test]
fn more_than_six_measures_keep_the_best_six_with_the_outcome_slot_first() {
    let mut measures = vec![rate("236", Registry, 60.0)];
    for id in ["005", "007", "008", "012", "110", "111", "112"] {
        measures.push(rate(id, Registry, 100.0));
    }
    let b = quality(2021, 30, measures);
    let m236 = b.measures.iter().find(|m| m.id == "236").unwrap();
    assert!(
        m236.counted,
        "the outcome measure fills its slot even with fewer points"
    );
    assert_eq!(b.measures.iter().filter(|m| m.counted).count(), 6);
}

#[test]
fn improvement_doubling_the_achievement_percent_gives_the_full_10() {
    // Achievement now: 6 measures at 5 → 50%; prior achievement 25%, prior category 35%: base 25.
    let input = |prior_category: f64| QualityInput {
        measures: ["236", "005", "007", "008", "012", "110"]
            .iter()
            .map(|id| QualityMeasureInput {
                performance: Performance::Rate(0.0),
                ..rate(id, Registry, 0.0)
            })
            .collect(),
        improvement: Some(QualityImprovementInput {
            prior_achievement_percent: 25.0,
            prior_category_score: Some(prior_category),
            prior_facility_based: false,
        }),
        ..Default::default()
    };
    let data = measures::year(2024).unwrap();
    let ctx = context(2024, 30);
    // Rates of 0 earn 1 point each (the floor) → 10% achievement: below both bases.
    let low = quality::build(data, &ctx, &input(35.0));
    assert_eq!(low.improvement, 0.0);
    // Scale check with the formula: achievement 50% against base 25 → +10; against base 30 → 6.67.
    let mut strong = input(35.0);
    for m in &mut strong.measures {
        m.performance = Performance::Rate(100.0);
    }
    let b = quality::build(data, &ctx, &strong);
    let achievement = (b.numerator - b.bonus_points) / b.denominator * 100.0;
    let expected = ((achievement - 25.0) / 25.0 * 10.0).clamp(0.0, 10.0);
    assert!(
        close(b.improvement, expected, 1e-9),
        "{} vs {expected}",
        b.improvement
    );
    let mut base30 = strong.clone();
    base30.improvement = Some(QualityImprovementInput {
        prior_achievement_percent: 25.0,
        prior_category_score: Some(28.0),
        prior_facility_based: false,
    });
    let b30 = quality::build(data, &ctx, &base30);
    let expected30 = ((achievement - 30.0) / 30.0 * 10.0).clamp(0.0, 10.0);
    assert!(close(b30.improvement, expected30, 1e-9));
}

#[test]
fn improvement_base_25_with_prior_category_35_and_achievement_50_is_10() {
    // Direct check of the formula on a constructed achievement: 30 of 60 points.
    let data = measures::year(2019).unwrap();
    let ctx = context(2019, 30);
    // 2019 flat-free measures: six at a fixed 5-point level via no-benchmark scoring is 3, so use
    // the 30% test: a prior score ≤ 30 sets the base to 30.
    let input = QualityInput {
        measures: vec![rate("236", Registry, 100.0)],
        improvement: Some(QualityImprovementInput {
            prior_achievement_percent: 10.0,
            prior_category_score: Some(25.0),
            prior_facility_based: false,
        }),
        ..Default::default()
    };
    let b = quality::build(data, &ctx, &input);
    // Five required measures missing: no full participation, no improvement.
    assert_eq!(b.improvement, 0.0);
    assert!(b.steps.iter().any(|s| s.step == "quality_improvement"));
}

// ---- Cost ----------------------------------------------------------------------------------------

fn cost_build(year: u16, measures: Vec<CostMeasureInput>) -> CategoryBuild {
    cost::build(
        measures::year(year).unwrap(),
        &context(year, 30),
        &CostInput {
            measures,
            improvement: None,
            ..Default::default()
        },
    )
}

fn dollars(id: &str, cost: f64) -> CostMeasureInput {
    CostMeasureInput {
        id: id.into(),
        value: CostValue::Cost(cost),
        cases: None,
    }
}

#[test]
fn py2024_tpcc_at_the_national_median_scores_7_5_and_5_percent_lower_7_74() {
    let at = cost_build(2024, vec![dollars("TPCC_1", 1518.495)]);
    assert_eq!(points(&at, "TPCC_1"), 7.5);
    assert_eq!(at.percent, Some(75.0));
    let lower = cost_build(2024, vec![dollars("TPCC_1", 1442.57)]);
    let p = points(&lower, "TPCC_1");
    assert!(close(p, 7.74, 0.005), "{p}");
}

#[test]
fn cost_is_not_scored_when_no_measure_meets_its_case_minimum() {
    let b = cost_build(
        2024,
        vec![CostMeasureInput {
            cases: Some(12),
            ..dollars("TPCC_1", 1400.0)
        }],
    );
    assert_eq!(b.percent, None);
    assert!(!b.measures[0].counted);
    // MSPB needs 35 episodes; a procedural episode 10.
    let mspb = cost_build(
        2024,
        vec![CostMeasureInput {
            cases: Some(30),
            ..dollars("MSPB_1", 1.0)
        }],
    );
    assert_eq!(mspb.percent, None);
}

#[test]
fn py2020_and_py2021_cost_has_no_benchmarks_and_is_not_scored() {
    for year in [2020, 2021] {
        let b = cost_build(year, vec![dollars("TPCC_1", 1000.0)]);
        assert_eq!(b.percent, None, "{year}");
    }
}

#[test]
fn cost_category_is_the_average_of_measure_points() {
    let b = cost_build(
        2024,
        vec![
            dollars("TPCC_1", 1518.495),
            CostMeasureInput {
                id: "MSPB_1".into(),
                value: CostValue::Points(5.5),
                cases: None,
            },
        ],
    );
    assert!(close(b.percent.unwrap(), 65.0, 1e-9));
}

#[test]
fn cost_improvement_from_py2023_is_at_most_1_point_and_0_before() {
    let data = measures::year(2024).unwrap();
    let input = CostInput {
        measures: vec![dollars("TPCC_1", 1518.495)],
        improvement: Some(CostImprovementInput {
            prior_percent: 60.0,
        }),
        ..Default::default()
    };
    let b = cost::build(data, &context(2024, 30), &input);
    // (75 − 60) / 60 = 0.25 percentage points.
    assert!(close(b.improvement, 0.25, 1e-9));
    let data22 = measures::year(2022).unwrap();
    let b22 = cost::build(
        data22,
        &context(2022, 30),
        &CostInput {
            measures: vec![dollars("TPCC_1", 100.0)],
            improvement: Some(CostImprovementInput {
                prior_percent: 10.0,
            }),
            ..Default::default()
        },
    );
    assert_eq!(b22.improvement, 0.0);
}

// ---- Improvement activities ------------------------------------------------------------------------

fn ia(year: u16, special: bool, activities: Activities) -> CategoryBuild {
    let mut ctx = context(year, if special { 10 } else { 30 });
    ctx.special_status = special;
    improvement_activities::build(
        measures::year(year).unwrap(),
        &ctx,
        &ImprovementActivitiesInput {
            activities,
            pcmh: false,
            mips_apm: false,
            ..Default::default()
        },
    )
}

#[test]
fn py2018_two_high_and_two_medium_is_capped_at_40_points() {
    let b = ia(2018, false, Activities::Weighted { high: 2, medium: 2 });
    assert_eq!(b.numerator, 60.0);
    assert_eq!(b.percent, Some(100.0));
}

#[test]
fn special_status_doubles_two_medium_to_full_credit_and_one_medium_to_half() {
    assert_eq!(
        ia(2018, true, Activities::Weighted { high: 0, medium: 2 }).percent,
        Some(100.0)
    );
    assert_eq!(
        ia(2018, true, Activities::Weighted { high: 0, medium: 1 }).percent,
        Some(50.0)
    );
    let b = ia(2018, true, Activities::Weighted { high: 1, medium: 3 });
    assert_eq!(b.numerator, 100.0);
    assert_eq!(b.percent, Some(100.0));
}

#[test]
fn listed_activities_take_their_weights_from_the_year() {
    let data = measures::year(2018).unwrap();
    let high = data
        .improvement_activities
        .iter()
        .find(|a| a.weight == Some(measures::ActivityWeight::High))
        .unwrap();
    let b = ia(2018, false, Activities::Listed(vec![high.id.clone()]));
    assert_eq!(b.percent, Some(50.0));
}

#[test]
fn py2025_two_activities_are_full_credit_one_with_special_status() {
    assert_eq!(ia(2025, false, Activities::Count(2)).percent, Some(100.0));
    assert_eq!(ia(2025, false, Activities::Count(1)).percent, Some(50.0));
    assert_eq!(ia(2025, true, Activities::Count(1)).percent, Some(100.0));
}

#[test]
fn pcmh_is_full_credit_and_a_mips_apm_at_least_half() {
    let data = measures::year(2024).unwrap();
    let ctx = context(2024, 30);
    let pcmh = improvement_activities::build(
        data,
        &ctx,
        &ImprovementActivitiesInput {
            activities: Activities::Listed(vec![]),
            pcmh: true,
            mips_apm: false,
            ..Default::default()
        },
    );
    assert_eq!(pcmh.percent, Some(100.0));
    let apm = improvement_activities::build(
        data,
        &ctx,
        &ImprovementActivitiesInput {
            activities: Activities::Listed(vec![]),
            pcmh: false,
            mips_apm: true,
            ..Default::default()
        },
    );
    assert_eq!(apm.percent, Some(50.0));
}

// ---- Promoting Interoperability ---------------------------------------------------------------------

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

fn pi(year: u16, measures: Vec<PiMeasureInput>) -> CategoryBuild {
    promoting_interoperability::build(
        measures::year(year).unwrap(),
        &context(year, 30),
        &PiInput {
            measures,
            ..Default::default()
        },
    )
}

#[test]
fn py2019_measure_scores_round_and_sum_to_64() {
    let b = pi(
        2019,
        vec![
            yes("PI_PPHI_1"),
            fraction("PI_EP_1", 49.0, 115.0),
            fraction("PI_HIE_1", 1123.0, 1951.0),
            fraction("PI_HIE_4", 923.0, 951.0),
            fraction("PI_PEA_1", 861.0, 1809.0),
            yes("PI_PHCDRR_1"),
            yes("PI_PHCDRR_2"),
        ],
    );
    assert_eq!(points(&b, "PI_EP_1"), 4.0);
    assert_eq!(points(&b, "PI_HIE_1"), 12.0);
    assert_eq!(points(&b, "PI_HIE_4"), 19.0);
    assert_eq!(points(&b, "PI_PEA_1"), 19.0);
    assert_eq!(b.percent, Some(64.0));
}

#[test]
fn e_prescribing_at_82_percent_scores_8_and_a_tiny_rate_scores_1() {
    assert_eq!(
        promoting_interoperability::proportion_points(82.0, 100.0, 10.0),
        8.0
    );
    assert_eq!(
        promoting_interoperability::proportion_points(1.0, 1000.0, 10.0),
        1.0
    );
    assert_eq!(
        promoting_interoperability::proportion_points(0.0, 1000.0, 10.0),
        0.0
    );
}

fn full_2024() -> Vec<PiMeasureInput> {
    vec![
        yes("PI_PPHI_1"),
        yes("PI_PPHI_2"),
        fraction("PI_EP_1", 90.0, 100.0),
        yes("PI_EP_2"),
        fraction("PI_HIE_1", 80.0, 100.0),
        fraction("PI_HIE_4", 70.0, 100.0),
        fraction("PI_PEA_1", 100.0, 100.0),
        yes("PI_PHCDRR_1"),
        yes("PI_PHCDRR_3"),
    ]
}

#[test]
fn py2024_points_10_10_15_15_25_25() {
    let b = pi(2024, full_2024());
    // 9 + 10 + 12 + 10.5→11? round(0.7 × 15) = 11 (10.5 rounds away from zero) + 25 + 25.
    assert_eq!(points(&b, "PI_EP_1"), 9.0);
    assert_eq!(points(&b, "PI_HIE_1"), 12.0);
    assert_eq!(points(&b, "PI_HIE_4"), 11.0);
    assert_eq!(b.percent, Some(9.0 + 10.0 + 12.0 + 11.0 + 25.0 + 25.0));
    let mut with_bonus = full_2024();
    with_bonus.push(yes("PI_PHCDRR_2"));
    assert_eq!(pi(2024, with_bonus).bonus_points, 5.0);
}

#[test]
fn a_missing_security_risk_analysis_or_a_zero_numerator_zeroes_the_category() {
    let mut no_sra = full_2024();
    no_sra.remove(0);
    assert_eq!(pi(2024, no_sra).percent, Some(0.0));
    let mut zero = full_2024();
    zero[2] = fraction("PI_EP_1", 0.0, 100.0);
    assert_eq!(pi(2024, zero).percent, Some(0.0));
}

#[test]
fn py2023_e_prescribing_exclusion_moves_its_points_to_health_information_exchange() {
    let mut m = full_2024();
    m[2] = PiMeasureInput {
        id: "PI_EP_1".into(),
        value: PiValue::Excluded,
    };
    m[4] = fraction("PI_HIE_1", 100.0, 100.0);
    m[5] = fraction("PI_HIE_4", 100.0, 100.0);
    let b = pi(2023, m);
    assert_eq!(points(&b, "PI_HIE_1"), 20.0);
    assert_eq!(points(&b, "PI_HIE_4"), 20.0);
    assert_eq!(b.percent, Some(10.0 + 20.0 + 20.0 + 25.0 + 25.0));
}

#[test]
fn an_exclusion_measure_attested_yes_excludes_its_measure() {
    let mut m = full_2024();
    m[2] = yes("PI_LVPP_1");
    let b = pi(2024, m);
    assert_ne!(b.percent, Some(0.0));
}

#[test]
fn py2018_base_performance_and_bonus_are_capped_at_100() {
    let data = measures::year(2018).unwrap();
    let input = PiInput {
        measures: vec![
            yes("PI_PPHI_1"),
            fraction("PI_EP_1", 100.0, 100.0),
            fraction("PI_HIE_1", 100.0, 100.0),
            fraction("PI_HIE_2", 100.0, 100.0),
            fraction("PI_PEA_1", 100.0, 100.0),
            yes("PI_PHCDRR_2_MULTI"),
        ],
        cehrt_2015_edition: true,
        improvement_activity_with_cehrt: true,
        ..Default::default()
    };
    let b = promoting_interoperability::build(data, &context(2018, 30), &input);
    // 50 base + 30 performance + 5 registry + 10 IA + 10 2015 Edition = 105 → 100.
    assert_eq!(b.bonus_points, 25.0);
    assert_eq!(b.percent, Some(100.0));
    let mut missing = input.clone();
    missing.measures.retain(|m| m.id != "PI_HIE_2");
    assert_eq!(
        promoting_interoperability::build(data, &context(2018, 30), &missing).percent,
        Some(0.0)
    );
}
