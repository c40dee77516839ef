//! Pins the engine to the rules reference: band edges, checked values, reweighting rows,
//! bonuses, the fewer-than-two rule, the APP, and each year's parameters.

use mips_whatif::engine::{Band, CategoryStatus, MaxPositiveOrigin, score, score_checked};
use mips_whatif::rules::{Category, Confidence, RuleSet};
use mips_whatif::scenario::{Participation, ReportingOption, Scenario};

fn rules() -> RuleSet {
    RuleSet::embedded().expect("embedded rules are valid")
}

/// A large group in `year` with the given scores (None: not scored).
fn scenario(
    year: u16,
    q: Option<f64>,
    c: Option<f64>,
    ia: Option<f64>,
    pi: Option<f64>,
) -> Scenario {
    let mut s = Scenario::default_group();
    s.performance_year = year;
    s.practice.clinicians = 50;
    s.practice.part_b_allowed_charges = None;
    s.scores.quality = q;
    s.scores.cost = c;
    s.scores.improvement_activities = ia;
    s.scores.promoting_interoperability = pi;
    s
}

/// All four categories at `fs`, so the final score is `fs`.
fn at(year: u16, fs: f64) -> mips_whatif::engine::ScoreResult {
    let r = rules();
    score(
        &scenario(year, Some(fs), Some(fs), Some(fs), Some(fs)),
        r.year(year).unwrap(),
    )
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn py2024_band_edges_match_seed_000() {
    let cases = [
        (0.0, -9.0, Band::MaxNegative),
        (18.75, -9.0, Band::MaxNegative),
        (18.76, -6.75, Band::Negative),
        (60.0, -1.80, Band::Negative),
        (74.99, -0.0012, Band::Negative),
        (75.0, 0.0, Band::Neutral),
        (75.01, 0.00042, Band::Positive),
        (80.0, 0.21, Band::Positive),
        (88.99, 0.5876, Band::Positive),
        (89.0, 0.59, Band::Positive89Plus),
        (90.0, 0.63, Band::Positive89Plus),
        (100.0, 1.05, Band::Positive89Plus),
    ];
    for (fs, adj, band) in cases {
        let r = at(2024, fs);
        assert!(
            close(r.final_score, fs, 1e-9),
            "fs {fs}: got {}",
            r.final_score
        );
        assert_eq!(r.band, band, "band at {fs}");
        assert!(
            close(r.payment_adjustment_percent, adj, 0.005),
            "adjustment at {fs}: {} vs {adj}",
            r.payment_adjustment_percent
        );
    }
    assert!(close(
        at(2024, 18.76).payment_adjustment_percent,
        -6.7488,
        1e-9
    ));
    assert!(close(
        at(2024, 89.0).payment_adjustment_percent,
        0.588,
        1e-9
    ));
}

#[test]
fn sixty_is_minus_1_80_not_seed_002s_minus_1_73() {
    let r = at(2024, 60.0);
    assert!(close(r.payment_adjustment_percent, -1.8, 1e-9));
}

#[test]
fn fewer_than_two_scored_gives_the_threshold_and_no_bonus() {
    let r = rules();
    let mut s = scenario(2021, Some(95.0), None, None, None);
    s.complex_patient_bonus = 5.0;
    let out = score(&s, r.year(2021).unwrap());
    assert!(out.fewer_than_two_scored);
    assert_eq!(out.final_score, 60.0);
    assert_eq!(out.payment_adjustment_percent, 0.0);
    assert_eq!(out.band, Band::Neutral);
    assert_eq!(out.complex_patient_bonus, 0.0);
    let none = score(
        &scenario(2024, None, None, None, None),
        r.year(2024).unwrap(),
    );
    assert_eq!(none.final_score, 75.0);
}

#[test]
fn small_practice_without_pi_is_40_30_30() {
    let r = rules();
    let mut s = scenario(2024, Some(80.0), Some(50.0), Some(100.0), None);
    s.practice.clinicians = 8;
    let out = score(&s, r.year(2024).unwrap());
    assert_eq!(out.weights.to_string(), "40/30/30/0");
    assert_eq!(out.weights_confidence, Confidence::Confirmed);
    assert!(close(out.final_score, 32.0 + 15.0 + 30.0, 1e-9));
    assert!(
        out.weights_reason.contains("small practice"),
        "{}",
        out.weights_reason
    );
    assert!(
        out.weights_reason.contains("PI not scored"),
        "{}",
        out.weights_reason
    );
    // A large practice without PI uses the any-size row.
    s.practice.clinicians = 16;
    let out = score(&s, r.year(2024).unwrap());
    assert_eq!(out.weights.to_string(), "55/30/15/0");
    assert_eq!(out.weights_confidence, Confidence::Assumed);
}

#[test]
fn small_practice_rows_start_in_2022() {
    let r = rules();
    let mut s = scenario(2021, Some(80.0), Some(50.0), Some(100.0), None);
    s.practice.clinicians = 8;
    let out = score(&s, r.year(2021).unwrap());
    assert_eq!(out.weights.to_string(), "65/20/15/0");
    s.performance_year = 2022;
    let out = score(&s, r.year(2022).unwrap());
    assert_eq!(out.weights.to_string(), "40/30/30/0");
    s.scores.cost = None;
    let out = score(&s, r.year(2022).unwrap());
    assert_eq!(out.weights.to_string(), "50/0/50/0");
}

#[test]
fn confirmed_reweighting_rows() {
    let r = rules();
    let rows: &[(u16, [bool; 4], &str)] = &[
        (2022, [true, false, true, true], "55/0/15/30"),
        (2024, [true, false, true, true], "55/0/15/30"),
        (2020, [true, false, true, true], "55/0/15/30"),
        (2021, [true, false, true, true], "55/0/15/30"),
        (2020, [true, false, true, false], "85/0/15/0"),
        (2021, [false, false, true, true], "0/0/15/85"),
        (2021, [true, false, false, true], "70/0/0/30"),
        (2019, [true, true, true, false], "70/15/15/0"),
        (2017, [true, true, true, true], "60/0/15/25"),
        (2018, [true, true, true, true], "50/10/15/25"),
        (2021, [true, true, true, true], "40/20/15/25"),
    ];
    for (year, scored, expect) in rows {
        let v = |b: bool| b.then_some(70.0);
        let s = scenario(
            *year,
            v(scored[0]),
            v(scored[1]),
            v(scored[2]),
            v(scored[3]),
        );
        let out = score(&s, r.year(*year).unwrap());
        assert_eq!(out.weights.to_string(), *expect, "PY{year} {scored:?}");
        assert!((out.weights.sum() - 100.0).abs() < 1e-6);
    }
}

#[test]
fn complex_patient_bonus_and_cap() {
    let r = rules();
    let mut s = scenario(2024, Some(98.0), Some(95.0), Some(100.0), Some(100.0));
    s.complex_patient_bonus = 10.0;
    let out = score(&s, r.year(2024).unwrap());
    assert_eq!(out.final_score, 100.0);
    assert!(out.capped_by > 0.0);
    assert!(close(out.payment_adjustment_percent, 1.05, 1e-9));
}

#[test]
fn py2018_small_practice_bonus_is_on_the_final_score() {
    let r = rules();
    let mut s = scenario(2018, Some(10.0), Some(10.0), Some(10.0), Some(10.0));
    s.practice.clinicians = 10;
    let out = score(&s, r.year(2018).unwrap());
    assert_eq!(out.small_practice_bonus, 5.0);
    assert!(close(out.final_score, 15.0, 1e-9));
    assert_eq!(out.band, Band::Neutral);
    s.practice.clinicians = 20;
    let out = score(&s, r.year(2018).unwrap());
    assert_eq!(out.small_practice_bonus, 0.0);
    assert!(close(out.final_score, 10.0, 1e-9));
}

#[test]
fn app_gives_ia_full_credit_and_ignores_cost() {
    let r = rules();
    let mut s = scenario(2024, Some(90.0), Some(10.0), Some(0.0), Some(80.0));
    s.reporting_option = ReportingOption::App;
    s.practice.participation = Participation::ApmEntity;
    let out = score(&s, r.year(2024).unwrap());
    assert_eq!(out.weights.to_string(), "50/0/20/30");
    assert_eq!(out.category(Category::Cost).status, CategoryStatus::Ignored);
    assert_eq!(
        out.category(Category::ImprovementActivities).score,
        Some(100.0)
    );
    assert!(close(out.final_score, 45.0 + 20.0 + 24.0, 1e-9));
    // APM scoring standard in PY2017–2020 uses the same weights.
    s.performance_year = 2017;
    let out = score(&s, r.year(2017).unwrap());
    assert_eq!(out.weights.to_string(), "50/0/20/30");
    assert!(out.scoring.contains("APM scoring standard"));
}

#[test]
fn exceptional_bonus_years() {
    // PY2022: base 2.25 and exceptional 6.00 at 100; exceptional starts at 89 with its floor.
    let r = at(2022, 100.0);
    assert!(close(r.base_adjustment_percent, 2.25, 1e-9));
    assert!(close(r.exceptional_bonus_percent, 6.0, 1e-9));
    assert!(close(r.payment_adjustment_percent, 8.25, 1e-9));
    let r = at(2022, 89.0);
    assert_eq!(r.band, Band::Exceptional);
    assert!(close(r.exceptional_bonus_percent, 0.3, 1e-9));
    let r = at(2022, 88.99);
    assert_eq!(r.exceptional_bonus_percent, 0.0);
    // PY2021: 0.12 + 2.22 at 100.
    assert!(close(
        at(2021, 100.0).payment_adjustment_percent,
        2.34,
        1e-9
    ));
    // Published totals at 100 for every year with a bonus.
    for (year, total) in [(2017, 1.88), (2018, 1.68), (2019, 1.79), (2020, 1.87)] {
        assert!(
            close(at(year, 100.0).payment_adjustment_percent, total, 1e-9),
            "PY{year}"
        );
    }
}

#[test]
fn unpublished_years_use_a_flagged_assumption() {
    let r = at(2025, 100.0);
    assert_eq!(r.max_positive_origin, MaxPositiveOrigin::DefaultAssumption);
    assert!(close(r.payment_adjustment_percent, 1.05, 1e-9));
    assert_eq!(r.confidence, Confidence::Assumed);
    assert!(!r.assumptions.is_empty());
    let rules = rules();
    let mut s = scenario(2026, Some(100.0), Some(100.0), Some(100.0), Some(100.0));
    s.assumptions.max_positive_adjustment = Some(2.0);
    let out = score(&s, rules.year(2026).unwrap());
    assert_eq!(
        out.max_positive_origin,
        MaxPositiveOrigin::ScenarioAssumption
    );
    assert!(close(out.payment_adjustment_percent, 2.0, 1e-9));
}

#[test]
fn negative_floor_per_year() {
    for (year, pt, ap) in [
        (2017, 3.0, 4.0),
        (2018, 15.0, 5.0),
        (2019, 30.0, 7.0),
        (2020, 45.0, 9.0),
        (2021, 60.0, 9.0),
    ] {
        let r = at(year, pt / 4.0);
        assert!(close(r.payment_adjustment_percent, -ap, 1e-9), "PY{year}");
        let r = at(year, pt);
        assert_eq!(r.payment_adjustment_percent, 0.0, "PY{year}");
    }
}

#[test]
fn dollars_follow_the_adjustment() {
    let rules = rules();
    let mut s = scenario(2024, Some(60.0), Some(60.0), Some(60.0), Some(60.0));
    s.practice.part_b_allowed_charges = Some(420_000.0);
    let out = score(&s, rules.year(2024).unwrap());
    assert!(close(out.dollar_impact.unwrap(), -7_560.0, 1e-6));
    assert_eq!(out.payment_year, 2026);
}

#[test]
fn non_reporting_clinicians_score_zero_where_required() {
    let rules = rules();
    let mut s = scenario(2024, Some(90.0), Some(60.0), Some(100.0), Some(100.0));
    s.practice.reporting = false;
    s.complex_patient_bonus = 5.0;
    let out = score(&s, rules.year(2024).unwrap());
    assert!(close(out.final_score, 18.0, 1e-9));
    assert_eq!(out.band, Band::MaxNegative);
    assert_eq!(out.complex_patient_bonus, 0.0);
    s.practice.clinicians = 5;
    let out = score(&s, rules.year(2024).unwrap());
    assert_eq!(out.weights.to_string(), "40/30/30/0");
}

#[test]
fn checked_scoring_rejects_rule_breaks() {
    let rules = rules();
    let mut s = scenario(2021, Some(80.0), Some(80.0), Some(80.0), Some(80.0));
    s.reporting_option = ReportingOption::Mvp;
    let err = score_checked(&s, &rules).unwrap_err();
    assert_eq!(err[0].field, "reporting_option");
    s.reporting_option = ReportingOption::Traditional;
    s.complex_patient_bonus = 11.0;
    assert_eq!(
        score_checked(&s, &rules).unwrap_err()[0].field,
        "bonuses.complex_patient"
    );
    s.complex_patient_bonus = 0.0;
    s.performance_year = 2027;
    assert_eq!(
        score_checked(&s, &rules).unwrap_err()[0].field,
        "performance_year"
    );
}

#[test]
fn the_trace_runs_in_order_with_sources() {
    let rules = rules();
    let s = Scenario::default_group();
    let out = score(&s, rules.year(2024).unwrap());
    let steps: Vec<&str> = out.trace.iter().map(|t| t.step).collect();
    assert_eq!(
        steps,
        [
            "year",
            "pathway",
            "categories",
            "weights",
            "contributions",
            "bonuses",
            "cap",
            "band",
            "adjustment",
            "dollars"
        ]
    );
    assert!(out.trace.iter().all(|t| !t.source.is_empty()));
}

#[test]
fn numbers_only_scoring_matches_full_scoring() {
    use mips_whatif::engine::score_numbers;
    let rules = rules();
    for year in 2017..=2026u16 {
        for q in [None, Some(0.0), Some(55.5), Some(100.0)] {
            for pi in [None, Some(80.0)] {
                let mut s = scenario(year, q, Some(40.0), Some(100.0), pi);
                s.practice.clinicians = if q.is_some() { 10 } else { 40 };
                s.practice.part_b_allowed_charges = Some(100_000.0);
                let y = rules.year(year).unwrap();
                let full = score(&s, y);
                let quick = score_numbers(&s, y);
                assert!(quick.trace.is_empty() && quick.assumptions.is_empty());
                let mut full_stripped = full.clone();
                full_stripped.trace.clear();
                full_stripped.assumptions.clear();
                assert_eq!(quick, full_stripped, "PY{year} q={q:?} pi={pi:?}");
            }
        }
    }
}
