//! The embedded data: every year's parameters as the rules reference gives them, complete
//! redistribution tables, and national figures that add up.

use mips_whatif::engine::Band;
use mips_whatif::national::{Group, National, ReportingStatus};
use mips_whatif::rules::{Category, Confidence, Pathway, RuleSet, SmallPracticeBonusMode};

#[test]
fn every_year_2017_to_2026_is_embedded_and_valid() {
    let rules = RuleSet::embedded().expect("embedded rules are valid");
    let years: Vec<u16> = rules.years().map(|y| y.performance_year).collect();
    assert_eq!(years, (2017..=2026).collect::<Vec<_>>());
    assert_eq!(rules.years_text(), "2017–2026");
    for y in rules.years() {
        assert_eq!(y.payment_year, y.performance_year + 2);
    }
}

#[test]
fn per_year_parameters_match_the_reference_table() {
    let rules = RuleSet::embedded().unwrap();
    // PY, PT, APT, AP, base weights, CPB max, small-practice bonus, published max at 100.
    type Row = (
        u16,
        f64,
        Option<f64>,
        f64,
        [f64; 4],
        f64,
        SmallPracticeBonusMode,
        Option<f64>,
    );
    let table: [Row; 10] = [
        (
            2017,
            3.0,
            Some(70.0),
            4.0,
            [60.0, 0.0, 15.0, 25.0],
            0.0,
            SmallPracticeBonusMode::None,
            Some(1.88),
        ),
        (
            2018,
            15.0,
            Some(70.0),
            5.0,
            [50.0, 10.0, 15.0, 25.0],
            5.0,
            SmallPracticeBonusMode::FinalScore,
            Some(1.68),
        ),
        (
            2019,
            30.0,
            Some(75.0),
            7.0,
            [45.0, 15.0, 15.0, 25.0],
            5.0,
            SmallPracticeBonusMode::QualityNumerator,
            Some(1.79),
        ),
        (
            2020,
            45.0,
            Some(85.0),
            9.0,
            [45.0, 15.0, 15.0, 25.0],
            10.0,
            SmallPracticeBonusMode::QualityNumerator,
            Some(1.87),
        ),
        (
            2021,
            60.0,
            Some(85.0),
            9.0,
            [40.0, 20.0, 15.0, 25.0],
            10.0,
            SmallPracticeBonusMode::QualityNumerator,
            Some(2.34),
        ),
        (
            2022,
            75.0,
            Some(89.0),
            9.0,
            [30.0, 30.0, 15.0, 25.0],
            10.0,
            SmallPracticeBonusMode::QualityNumerator,
            Some(8.25),
        ),
        (
            2023,
            75.0,
            None,
            9.0,
            [30.0, 30.0, 15.0, 25.0],
            10.0,
            SmallPracticeBonusMode::QualityNumerator,
            Some(2.15),
        ),
        (
            2024,
            75.0,
            None,
            9.0,
            [30.0, 30.0, 15.0, 25.0],
            10.0,
            SmallPracticeBonusMode::QualityNumerator,
            Some(1.05),
        ),
        (
            2025,
            75.0,
            None,
            9.0,
            [30.0, 30.0, 15.0, 25.0],
            10.0,
            SmallPracticeBonusMode::QualityNumerator,
            None,
        ),
        (
            2026,
            75.0,
            None,
            9.0,
            [30.0, 30.0, 15.0, 25.0],
            10.0,
            SmallPracticeBonusMode::QualityNumerator,
            None,
        ),
    ];
    for (py, pt, apt, ap, w, cpb, spb, published) in table {
        let y = rules.year(py).unwrap();
        assert_eq!(y.pt(), pt, "PY{py} PT");
        assert_eq!(y.ap(), ap, "PY{py} AP");
        assert_eq!(
            y.exceptional_bonus.as_ref().map(|e| e.threshold.value),
            apt,
            "PY{py} APT"
        );
        let base = y.base_row(Pathway::Traditional).unwrap();
        for (c, expect) in Category::ALL.into_iter().zip(w) {
            assert_eq!(base.weights.get(c), expect, "PY{py} {c:?}");
        }
        assert_eq!(base.confidence, Confidence::Confirmed);
        assert_eq!(y.complex_patient_bonus_max.value, cpb, "PY{py} CPB");
        assert_eq!(
            y.small_practice_bonus.value.mode, spb,
            "PY{py} small-practice bonus"
        );
        let total = y.max_positive_adjustment.as_ref().map(|m| {
            m.value
                + y.exceptional_bonus
                    .as_ref()
                    .map_or(0.0, |e| e.max_at_100.value)
        });
        match (total, published) {
            (Some(t), Some(p)) => assert!((t - p).abs() < 1e-9, "PY{py} max {t} vs {p}"),
            (None, None) => {
                let a = y.assumed_max_positive_adjustment.as_ref().unwrap();
                assert_eq!(a.value, 1.05);
                assert_eq!(a.confidence, Confidence::Assumed);
            }
            other => panic!("PY{py}: published maximum mismatch {other:?}"),
        }
        assert_eq!(y.mvp_available(), py >= 2023, "PY{py} MVP");
        let app = y.base_row(Pathway::App).unwrap();
        assert_eq!(app.weights.to_string(), "50/0/20/30");
    }
    // The exceptional-bonus split pinned by real CMS rows.
    let y21 = rules.year(2021).unwrap();
    assert_eq!(y21.max_positive_adjustment.as_ref().unwrap().value, 0.12);
    assert_eq!(
        y21.exceptional_bonus.as_ref().unwrap().max_at_100.value,
        2.22
    );
    let y22 = rules.year(2022).unwrap();
    assert_eq!(y22.max_positive_adjustment.as_ref().unwrap().value, 2.25);
    assert_eq!(
        y22.exceptional_bonus.as_ref().unwrap().max_at_100.value,
        6.0
    );
    // PY2019–2020 split is not published: it must say so.
    for py in [2019, 2020] {
        let y = rules.year(py).unwrap();
        assert_eq!(
            y.max_positive_adjustment.as_ref().unwrap().confidence,
            Confidence::Assumed
        );
    }
}

#[test]
fn every_combination_of_unscored_categories_resolves() {
    let rules = RuleSet::embedded().unwrap();
    for y in rules.years() {
        for pathway in [Pathway::Traditional, Pathway::App] {
            let scorable = y.scorable(pathway);
            for mask in 0u32..16 {
                let unscored: mips_whatif::rules::CategorySet = Category::ALL
                    .into_iter()
                    .enumerate()
                    .filter(|(i, c)| mask & (1 << i) != 0 && scorable.contains(c))
                    .map(|(_, c)| c)
                    .collect();
                if pathway == Pathway::App && unscored.contains(Category::ImprovementActivities) {
                    continue; // IA is always scored (full credit) under the APP
                }
                let left = scorable.len() - unscored.len();
                for small in [false, true] {
                    let row = y.weight_row(pathway, small, unscored);
                    if left >= 2 {
                        let row = row.unwrap_or_else(|| {
                            panic!("PY{} {pathway:?} {unscored:?}", y.performance_year)
                        });
                        assert!((row.weights.sum() - 100.0).abs() < 1e-6);
                        for c in unscored.iter() {
                            assert_eq!(row.weights.get(c), 0.0);
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn national_band_shares_add_up_to_100() {
    let n = National::embedded();
    assert!(n.band_shares.len() >= 14);
    for s in &n.band_shares {
        let total: f64 = s.shares.iter().map(|(_, v)| v).sum();
        assert!(
            (total - 100.0).abs() < 0.1,
            "PY{} {:?} {:?}: {total}",
            s.performance_year,
            s.group,
            s.reporting
        );
    }
    for g in Group::ALL {
        for r in ReportingStatus::ALL {
            assert!(n.shares(2024, g, r).is_some(), "{g:?} {r:?}");
        }
    }
    let all = n
        .shares(2024, Group::All, ReportingStatus::Overall)
        .unwrap();
    assert_eq!(all.shares[0], (Band::MaxNegative, 1.32));
    assert_eq!(all.shares[4], (Band::Positive89Plus, 43.45));
    assert_eq!(n.overall_final_score(2024).unwrap().mean, 85.24);
    assert_eq!(n.overall_final_score(2024).unwrap().median, 87.69);
    // Projections use the latest published picture.
    assert_eq!(
        n.nearest_shares(2026, Group::Small, ReportingStatus::Overall)
            .unwrap()
            .performance_year,
        2024
    );
    assert_eq!(
        n.nearest_shares(2022, Group::All, ReportingStatus::Overall)
            .unwrap()
            .performance_year,
        2022
    );
}
