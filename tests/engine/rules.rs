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
fn py2024_band_edges_match_cms_published_edges() {
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
fn sixty_is_minus_1_80_as_the_regulation_gives() {
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
    // A large practice without PI uses table (F)'s row, which the regulation states.
    s.practice.clinicians = 16;
    let out = score(&s, r.year(2024).unwrap());
    assert_eq!(out.weights.to_string(), "55/30/15/0");
    assert_eq!(out.weights_confidence, Confidence::Confirmed);
    assert!(out.weights_source.contains("42 CFR 414.1380(c)(2)(ii)(F)"));
}

#[test]
fn small_practice_rows_start_in_2022() {
    let r = rules();
    // Before PY2022 a small practice uses the all-practice table: (C) for PY2019.
    let mut s = scenario(2019, Some(80.0), Some(50.0), Some(100.0), None);
    s.practice.clinicians = 8;
    let out = score(&s, r.year(2019).unwrap());
    assert_eq!(out.weights.to_string(), "70/15/15/0");
    // PY2021: cost weighs 0% for everyone, so table (E)'s cost + PI row applies.
    s.performance_year = 2021;
    let out = score(&s, r.year(2021).unwrap());
    assert_eq!(out.weights.to_string(), "85/0/15/0");
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
        // PY2021: the cost entered is ignored (0% for everyone), table (E)'s cost row applies.
        (2021, [true, true, true, true], "55/0/15/30"),
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
    let steps: Vec<&str> = out.trace.iter().map(|t| t.step.key()).collect();
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

// ---- The regulation's redistribution tables, row by row ---------------------------------
//
// Transcribed here from 42 CFR 414.1380(c)(2)(ii)(A)–(G) and 414.1367(d), independently of
// the shipped rules files, so that a wrong row in a file fails this test.

/// Weights "Q/C/IA/PI" for a set of categories not scored ("" = none), per table.
/// Columns: (A) PY2017, (B) PY2018, (C) PY2019, (D) PY2020, (E) PY2021, (F) PY2022+.
const TABLES: &[(&str, [Option<&str>; 6])] = &[
    (
        "",
        [
            Some("60/0/15/25"),
            Some("50/10/15/25"),
            Some("45/15/15/25"),
            Some("45/15/15/25"),
            Some("40/20/15/25"),
            Some("30/30/15/25"),
        ],
    ),
    (
        "C",
        [
            None,
            Some("60/0/15/25"),
            Some("60/0/15/25"),
            Some("55/0/15/30"),
            Some("55/0/15/30"),
            Some("55/0/15/30"),
        ],
    ),
    (
        "PI",
        [
            Some("85/0/15/0"),
            Some("75/10/15/0"),
            Some("70/15/15/0"),
            Some("70/15/15/0"),
            Some("65/20/15/0"),
            Some("55/30/15/0"),
        ],
    ),
    (
        "Q",
        [
            Some("0/0/50/50"),
            Some("0/10/45/45"),
            Some("0/15/40/45"),
            Some("0/15/15/70"),
            Some("0/20/15/65"),
            Some("0/30/15/55"),
        ],
    ),
    (
        "IA",
        [
            Some("75/0/0/25"),
            Some("65/10/0/25"),
            Some("60/15/0/25"),
            Some("60/15/0/25"),
            Some("55/20/0/25"),
            Some("45/30/0/25"),
        ],
    ),
    (
        "C+PI",
        [
            None,
            Some("85/0/15/0"),
            Some("85/0/15/0"),
            Some("85/0/15/0"),
            Some("85/0/15/0"),
            Some("85/0/15/0"),
        ],
    ),
    (
        "Q+C",
        [
            None,
            Some("0/0/50/50"),
            Some("0/0/50/50"),
            Some("0/0/15/85"),
            Some("0/0/15/85"),
            Some("0/0/15/85"),
        ],
    ),
    (
        "C+IA",
        [
            None,
            Some("75/0/0/25"),
            Some("75/0/0/25"),
            Some("70/0/0/30"),
            Some("70/0/0/30"),
            Some("70/0/0/30"),
        ],
    ),
    (
        "Q+PI",
        [
            None,
            Some("0/10/90/0"),
            Some("0/15/85/0"),
            Some("0/50/50/0"),
            Some("0/50/50/0"),
            Some("0/50/50/0"),
        ],
    ),
    (
        "IA+PI",
        [
            None,
            Some("90/10/0/0"),
            Some("85/15/0/0"),
            Some("85/15/0/0"),
            Some("80/20/0/0"),
            Some("70/30/0/0"),
        ],
    ),
    (
        "Q+IA",
        [
            None,
            Some("0/10/0/90"),
            Some("0/15/0/85"),
            Some("0/15/0/85"),
            Some("0/20/0/80"),
            Some("0/30/0/70"),
        ],
    ),
];

/// Table (G), small practices from PY2022: table (F) except these two rows.
const TABLE_G_DIFFERS: &[(&str, &str)] = &[("PI", "40/30/30/0"), ("C+PI", "50/0/50/0")];

fn not_scored_set(key: &str) -> Vec<Category> {
    key.split('+')
        .filter(|k| !k.is_empty())
        .map(|k| match k {
            "Q" => Category::Quality,
            "C" => Category::Cost,
            "IA" => Category::ImprovementActivities,
            "PI" => Category::PromotingInteroperability,
            other => panic!("unknown category {other}"),
        })
        .collect()
}

/// A reporting practice of `clinicians` in `year` with every category at its own score
/// except those in `not_scored`.
fn with_not_scored(year: u16, clinicians: u32, not_scored: &[Category]) -> Scenario {
    let value = |c: Category, v: f64| (!not_scored.contains(&c)).then_some(v);
    let mut s = scenario(
        year,
        value(Category::Quality, 81.0),
        value(Category::Cost, 47.0),
        value(Category::ImprovementActivities, 60.0),
        value(Category::PromotingInteroperability, 93.0),
    );
    s.practice.clinicians = clinicians;
    s
}

/// The table letter and the weights the regulation gives a practice in a year.
fn regulation_row(year: u16, small: bool, key: &str) -> (char, Option<&'static str>) {
    let column = usize::from(year.min(2022) - 2017);
    let letter = if year >= 2022 && small {
        'G'
    } else {
        (b'A' + column as u8) as char
    };
    let row = TABLES
        .iter()
        .find(|(k, _)| *k == key)
        .unwrap_or_else(|| panic!("no row {key}"))
        .1[column];
    let row = if letter == 'G' {
        TABLE_G_DIFFERS
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, w)| *w)
            .or(row)
    } else {
        row
    };
    (letter, row)
}

fn check_applied(
    out: &mips_whatif::engine::ScoreResult,
    expect: &str,
    letter: char,
    what: &str,
    s: &Scenario,
) {
    assert_eq!(out.weights.to_string(), expect, "{what}: weights");
    let cite = format!("42 CFR 414.1380(c)(2)(ii)({letter})");
    assert!(
        out.weights_source.contains(&cite),
        "{what}: source {:?} does not cite {cite}",
        out.weights_source
    );
    // The weights are applied, not just reported: the final score is their sum product.
    let expected: f64 = Category::ALL
        .iter()
        .filter_map(|&c| {
            s.scores
                .get(c)
                .map(|v| v * out.weights.get(c) / 100.0)
                .filter(|_| out.category(c).status == CategoryStatus::Scored)
        })
        .sum::<f64>()
        + out.small_practice_bonus;
    assert!(
        close(out.final_score, expected.min(100.0), 1e-9),
        "{what}: final score {} vs {expected}",
        out.final_score
    );
}

#[test]
fn every_row_of_tables_a_to_g_is_applied_with_its_citation() {
    let r = rules();
    let mut checked = 0;
    for year in 2017..=2026u16 {
        let y = r.year(year).unwrap();
        let cost_for_all = matches!(year, 2020 | 2021);
        for small in [false, true] {
            let clinicians = if small { 9 } else { 40 };
            for (key, _) in TABLES {
                let (letter, row) = regulation_row(year, small, key);
                let ns = not_scored_set(key);
                let what = format!(
                    "PY{year} {} not scored [{key}] (table {letter})",
                    if small { "small" } else { "large" }
                );
                let s = with_not_scored(year, clinicians, &ns);
                let out = score(&s, y);
                let Some(expect) = row else {
                    // PY2017: cost weighs 0, so table (A) has no cost rows: cost is ignored
                    // whatever is entered, and the row for the others not scored applies.
                    assert_eq!(year, 2017, "{what}");
                    assert_eq!(out.category(Category::Cost).status, CategoryStatus::Ignored);
                    if !ns.contains(&Category::Cost) {
                        // Two of the three scorable categories not scored: checked below.
                        assert!(out.fewer_than_two_scored, "{what}");
                        continue;
                    }
                    let others = key.replace("C+", "").replace("+C", "").replace('C', "");
                    let (_, applied) = regulation_row(year, small, &others);
                    check_applied(&out, applied.unwrap(), letter, &what, &s);
                    continue;
                };
                // The rules file holds the row exactly, confirmed, with the table's citation.
                let set: mips_whatif::rules::CategorySet = ns.iter().copied().collect();
                let file_row = y
                    .weight_row(mips_whatif::rules::Pathway::Traditional, small, set)
                    .unwrap_or_else(|| panic!("{what}: no row in the rules"));
                assert_eq!(file_row.weights.to_string(), expect, "{what}: rules file");
                assert_eq!(file_row.confidence, Confidence::Confirmed, "{what}");
                assert!(
                    file_row
                        .source
                        .contains(&format!("42 CFR 414.1380(c)(2)(ii)({letter})")),
                    "{what}: {}",
                    file_row.source
                );
                checked += 1;
                if cost_for_all && !ns.contains(&Category::Cost) {
                    // PY2020–2021: cost weighs 0% for everyone, so the row with cost added to
                    // what is not scored is the one applied, and the entered cost is ignored.
                    let mut with_cost = key.to_string();
                    with_cost = match with_cost.as_str() {
                        "" => "C".into(),
                        "PI" => "C+PI".into(),
                        "Q" => "Q+C".into(),
                        "IA" => "C+IA".into(),
                        _ => {
                            // Two not scored plus cost leaves one: the threshold.
                            assert!(out.fewer_than_two_scored, "{what}");
                            assert_eq!(out.final_score, y.pt(), "{what}");
                            assert_eq!(
                                out.category(Category::Cost).status,
                                CategoryStatus::Ignored
                            );
                            continue;
                        }
                    };
                    let (_, applied) = regulation_row(year, small, &with_cost);
                    check_applied(&out, applied.unwrap(), letter, &what, &s);
                    assert_eq!(
                        out.category(Category::Cost).status,
                        CategoryStatus::Ignored,
                        "{what}"
                    );
                    assert_eq!(out.category(Category::Cost).entered, s.scores.cost);
                } else {
                    check_applied(&out, expect, letter, &what, &s);
                }
            }
        }
    }
    // 4 rows of (A), 11 of (B)–(F) for five years and of (G) for five, each small and large.
    assert_eq!(checked, 2 * (4 + 11 * 9));
    // PY2017: two not scored besides cost leave one category: the final score is the
    // threshold (42 CFR 414.1380(c)), and table (A) needs no row for it.
    for key in ["Q+PI", "IA+PI", "Q+IA"] {
        let s = with_not_scored(2017, 40, &not_scored_set(key));
        let out = score(&s, r.year(2017).unwrap());
        assert!(out.fewer_than_two_scored, "PY2017 [{key}]");
        assert_eq!(out.final_score, 3.0);
    }
}

#[test]
fn every_app_row_of_414_1367_d_is_applied_with_its_citation() {
    let r = rules();
    let rows: &[(&str, &str)] = &[("", "50/0/20/30"), ("Q", "0/0/25/75"), ("PI", "75/0/25/0")];
    for year in 2017..=2026u16 {
        let y = r.year(year).unwrap();
        for small in [false, true] {
            for (key, expect) in rows {
                let ns = not_scored_set(key);
                let mut s = with_not_scored(year, if small { 5 } else { 60 }, &ns);
                s.reporting_option = ReportingOption::App;
                s.practice.participation = Participation::ApmEntity;
                let out = score(&s, y);
                let what = format!("PY{year} APP small={small} not scored [{key}]");
                assert_eq!(out.weights.to_string(), *expect, "{what}");
                // Cost weighs 0 and IA is full credit whatever is entered.
                assert_eq!(out.category(Category::Cost).status, CategoryStatus::Ignored);
                assert_eq!(
                    out.category(Category::ImprovementActivities).score,
                    Some(100.0)
                );
                if year >= 2021 {
                    let cite = if key.is_empty() {
                        "42 CFR 414.1367(d)(1)"
                    } else {
                        "42 CFR 414.1367(d)(2)"
                    };
                    assert_eq!(out.weights_confidence, Confidence::Confirmed, "{what}");
                    assert!(
                        out.weights_source.contains(cite),
                        "{what}: {}",
                        out.weights_source
                    );
                } else if !key.is_empty() {
                    // The APM scoring standard's own reweighting is not in the regulation's
                    // tables: the rows are the APP's, and say they are assumed.
                    assert_eq!(out.weights_confidence, Confidence::Assumed, "{what}");
                    assert!(out.weights_source.contains("assumed"), "{what}");
                    assert!(out.assumptions.iter().any(|a| a.contains("assumed")));
                }
            }
            // Quality and PI both not scored: IA alone is scored, so the threshold.
            let mut s = with_not_scored(
                year,
                60,
                &[Category::Quality, Category::PromotingInteroperability],
            );
            s.reporting_option = ReportingOption::App;
            s.practice.participation = Participation::ApmEntity;
            let out = score(&s, y);
            assert!(out.fewer_than_two_scored, "PY{year}");
            assert_eq!(out.final_score, y.pt());
        }
    }
}

#[test]
fn py2020_and_py2021_ignore_an_entered_cost_score() {
    let r = rules();
    for year in [2020u16, 2021] {
        let y = r.year(year).unwrap();
        let s = scenario(year, Some(90.0), Some(10.0), Some(100.0), Some(80.0));
        let out = score(&s, y);
        let cost = out.category(Category::Cost);
        assert_eq!(cost.status, CategoryStatus::Ignored);
        assert_eq!(cost.entered, Some(10.0), "the entry is kept");
        assert_eq!(cost.weight, 0.0);
        assert!(
            cost.note.as_ref().unwrap().to_string().contains("COVID-19"),
            "{:?}",
            cost.note
        );
        assert_eq!(out.weights.to_string(), "55/0/15/30");
        assert!(close(out.final_score, 49.5 + 15.0 + 24.0, 1e-9));
        // Any cost gives the same result.
        let mut other = s.clone();
        other.scores.cost = Some(95.0);
        assert_eq!(score(&other, y).final_score, out.final_score);
        // The trace says why.
        let categories = out.trace.iter().find(|t| t.step == "categories").unwrap();
        assert!(
            categories.detail.contains("0% for all clinicians"),
            "{}",
            categories.detail
        );
        let weights = out.trace.iter().find(|t| t.step == "weights").unwrap();
        assert!(
            weights.detail.contains("Cost not scored"),
            "{}",
            weights.detail
        );
        assert!(weights.source.contains("COVID-19"), "{}", weights.source);
    }
    // PY2019 and PY2022 still count cost.
    for year in [2019u16, 2022] {
        let s = scenario(year, Some(90.0), Some(10.0), Some(100.0), Some(80.0));
        let out = score(&s, r.year(year).unwrap());
        assert_eq!(out.category(Category::Cost).status, CategoryStatus::Scored);
    }
}

#[test]
fn the_cliff_is_decided_on_the_published_score() {
    let r = rules();
    let y = r.year(2024).unwrap();
    // Quality 62.5166.. × 30% would be noise-prone; use a clean weighted 18.755.
    let mut s = scenario(2024, Some(62.5), Some(0.0), Some(0.0), Some(0.02));
    s.scores.promoting_interoperability = Some(0.02);
    let out = score(&s, y);
    assert!(close(out.final_score, 18.755, 1e-9), "{}", out.final_score);
    assert_eq!(out.final_score_published, 18.76);
    assert_eq!(out.band, Band::Negative);
    assert!(
        close(out.payment_adjustment_percent, -6.7488, 1e-9),
        "{}",
        out.payment_adjustment_percent
    );
    let cap = out.trace.iter().find(|t| t.step == "cap").unwrap();
    assert_eq!(cap.title, "Final score 18.76");
    assert!(cap.detail.contains("18.755 → 18.76"), "{}", cap.detail);
    let adj = out.trace.iter().find(|t| t.step == "adjustment").unwrap();
    assert!(
        adj.detail.contains("(75 − 18.76) / 75 = -6.7488%"),
        "{}",
        adj.detail
    );
    // Just under: 18.7549 publishes as 18.75, the floor.
    s.scores.promoting_interoperability = Some(0.0196);
    let out = score(&s, y);
    assert_eq!(out.final_score_published, 18.75);
    assert_eq!(out.band, Band::MaxNegative);
    assert_eq!(out.payment_adjustment_percent, -9.0);
    // At the threshold: a weighted 74.995 publishes as 75.00: neutral, not negative.
    let s = scenario(2024, Some(74.995), Some(74.995), Some(74.995), Some(74.995));
    let out = score(&s, y);
    assert_eq!(out.final_score_published, 75.0);
    assert_eq!(out.band, Band::Neutral);
    assert_eq!(out.payment_adjustment_percent, 0.0);
}

#[test]
fn py2017_never_shows_more_than_its_published_maximum() {
    let r = rules();
    let out = at(2017, 100.0);
    assert!(
        out.payment_adjustment_percent <= 1.88 + 1e-9,
        "{}",
        out.payment_adjustment_percent
    );
    assert!(close(out.payment_adjustment_percent, 1.88, 1e-9));
    let y = r.year(2017).unwrap();
    assert_eq!(y.max_positive_basis.label(), "derived from CMS data");
    let adj = out.trace.iter().find(|t| t.step == "adjustment").unwrap();
    assert!(
        adj.detail.contains("derived from CMS data"),
        "{}",
        adj.detail
    );
    assert!(!adj.detail.contains("published)"), "{}", adj.detail);
}

#[test]
fn at_100_the_base_adjustment_is_the_maximum_never_above_it() {
    // max × (100 − 75) / (100 − 75) rounds one unit in the last place above this maximum.
    let r = rules();
    let y = r.year(2022).unwrap();
    let max = 0.947823124824832 * 3.0 * y.ap();
    let adjustment = mips_whatif::engine::adjustment_for(y, 100.0, max, 0.0);
    assert_eq!(adjustment.base, max);
}
