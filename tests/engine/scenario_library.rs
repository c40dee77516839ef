//! The scenario library in `scenarios/`: every file loads and passes validation, its header
//! comment states the result the engine really gives, and each file's teaching point holds.

use std::path::{Path, PathBuf};

use mips_whatif::engine::{Band, CategoryStatus, MaxPositiveOrigin, ScoreResult, score};
use mips_whatif::format::{percent, signed_dollars, two_decimals};
use mips_whatif::rules::{Category, Confidence, RuleSet, Weights};
use mips_whatif::scenario::{Participation, ReportingOption, Scenario};

fn rules() -> RuleSet {
    RuleSet::embedded().expect("embedded rules are valid")
}

fn library_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

fn library_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(library_dir())
        .expect("scenarios/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn load(name: &str) -> (Scenario, ScoreResult) {
    let rules = rules();
    let path = library_dir().join(name);
    let s = Scenario::load(&path, &rules).unwrap_or_else(|d| panic!("{name}: {d}"));
    let r = score(&s, rules.year(s.performance_year).expect("validated year"));
    (s, r)
}

fn weights(q: f64, c: f64, ia: f64, pi: f64) -> Weights {
    Weights {
        quality: q,
        cost: c,
        improvement_activities: ia,
        promoting_interoperability: pi,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// The header comment (the leading `#` lines) as one line of text, with typographic minus
/// signs read as ASCII ones.
fn header(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("readable");
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim())
        .collect::<Vec<_>>()
        .join(" ")
        .replace('−', "-")
}

#[test]
fn the_library_is_large_enough_and_named_in_kebab_case() {
    let files = library_files();
    assert!(files.len() >= 12, "only {} scenario files", files.len());
    for f in &files {
        let stem = f.file_stem().unwrap().to_string_lossy();
        assert!(
            stem.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !stem.starts_with('-')
                && !stem.ends_with('-')
                && !stem.contains("--"),
            "{stem} is not a kebab-case name"
        );
    }
    for required in [
        "small-practice-no-pi.toml",
        "solo-not-reporting.toml",
        "aco-app.toml",
        "mvp-subgroup.toml",
        "pt4-cliff-18-75.toml",
        "pt4-cliff-18-76.toml",
    ] {
        assert!(library_dir().join(required).is_file(), "{required} missing");
    }
}

#[test]
fn every_file_loads_and_passes_validation() {
    let rules = rules();
    for f in library_files() {
        let s = Scenario::load(&f, &rules).unwrap_or_else(|d| panic!("{d}"));
        assert!(
            mips_whatif::scenario::check(&s, &rules).is_empty(),
            "{}",
            f.display()
        );
        assert!(s.name.is_some(), "{} has no name", f.display());
        assert!(
            s.practice.part_b_allowed_charges.is_some(),
            "{} has no Part B allowed charges (the dollars are part of the lesson)",
            f.display()
        );
    }
}

#[test]
fn every_header_states_the_result_the_engine_gives() {
    let rules = rules();
    for f in library_files() {
        let name = f.display().to_string();
        let s = Scenario::load(&f, &rules).unwrap_or_else(|d| panic!("{d}"));
        let r = score(&s, rules.year(s.performance_year).unwrap());
        let head = header(&f);
        let expect = head
            .split_once("Expect:")
            .unwrap_or_else(|| panic!("{name}: the header has no `Expect:` line"))
            .1;
        let fs = format!("final score {}", two_decimals(r.final_score));
        assert!(expect.contains(&fs), "{name}: header should say `{fs}`");
        let band = format!("band {} ·", r.band.label());
        assert!(expect.contains(&band), "{name}: header should say `{band}`");
        let adj = format!(
            "adjustment {} in {}",
            percent(r.payment_adjustment_percent),
            r.payment_year
        );
        assert!(expect.contains(&adj), "{name}: header should say `{adj}`");
        if !r.fewer_than_two_scored {
            let w = format!("weights {}", r.weights);
            assert!(expect.contains(&w), "{name}: header should say `{w}`");
            let c = format!("— {}", r.weights_confidence);
            assert!(
                expect.contains(&c),
                "{name}: header should give the weights' confidence `{c}`"
            );
        }
        if let Some(d) = r.dollar_impact {
            let dollars = format!("{} ", signed_dollars(d));
            assert!(
                expect.contains(&dollars),
                "{name}: header should say `{dollars}`"
            );
        }
        if r.confidence != Confidence::Confirmed {
            let c = format!("result confidence {}", r.confidence);
            assert!(expect.contains(&c), "{name}: header should say `{c}`");
        }
    }
}

#[test]
fn small_practice_without_pi_gets_40_30_30_0() {
    let (s, r) = load("small-practice-no-pi.toml");
    assert!(s.practice.is_small());
    assert_eq!(r.weights, weights(40.0, 30.0, 30.0, 0.0));
    assert_eq!(r.weights_confidence, Confidence::Confirmed);
    assert!(r.weights_reason.contains("small practice"));
    assert_eq!(
        r.category(Category::PromotingInteroperability).status,
        CategoryStatus::NotScored
    );
    assert!(close(r.final_score, 83.5));
}

#[test]
fn small_practice_reporting_middling_pi_scores_lower() {
    let (_, without) = load("small-practice-no-pi.toml");
    let (_, with) = load("small-practice-reporting-pi.toml");
    assert_eq!(with.weights, weights(30.0, 30.0, 15.0, 25.0));
    assert!(close(with.final_score, 80.0));
    assert!(with.final_score < without.final_score);
}

#[test]
fn small_rural_group_without_pi_gets_40_30_30_0() {
    let (s, r) = load("small-rural-group-no-pi.toml");
    assert!(s.practice.rural && s.practice.is_small());
    assert_eq!(r.weights, weights(40.0, 30.0, 30.0, 0.0));
    assert_eq!(two_decimals(r.final_score), "84.65");
}

#[test]
fn large_group_uses_the_standard_weights() {
    let (s, r) = load("large-group-all-four.toml");
    assert!(!s.practice.is_small());
    assert_eq!(r.weights, weights(30.0, 30.0, 15.0, 25.0));
    assert!(
        r.categories
            .iter()
            .all(|c| c.status == CategoryStatus::Scored)
    );
    assert!(close(r.final_score, 83.25));
    assert_eq!(r.band, Band::Positive);
}

#[test]
fn rural_status_does_not_change_the_weights() {
    let (s, r) = load("rural-group.toml");
    assert!(s.practice.rural && !s.practice.is_small());
    assert_eq!(r.weights, weights(30.0, 30.0, 15.0, 25.0));
    assert!(close(r.final_score, 83.05));
}

#[test]
fn solo_non_reporting_clinician_gets_the_full_negative() {
    let (s, r) = load("solo-not-reporting.toml");
    assert!(s.practice.is_solo() && !s.practice.reporting);
    assert_eq!(r.final_score, 0.0);
    assert_eq!(r.band, Band::MaxNegative);
    assert_eq!(r.payment_adjustment_percent, -9.0);
    assert_eq!(r.category(Category::Quality).score, Some(0.0));
    assert_eq!(r.category(Category::ImprovementActivities).score, Some(0.0));
    assert_eq!(r.dollar_impact, Some(-13_500.0));
}

#[test]
fn app_file_ignores_cost_and_gives_ia_full_credit() {
    let (s, r) = load("aco-app.toml");
    assert_eq!(s.reporting_option, ReportingOption::App);
    assert_eq!(s.practice.participation, Participation::ApmEntity);
    assert!(
        s.scores.cost.is_some(),
        "cost is entered so that ignoring it shows"
    );
    let cost = r.category(Category::Cost);
    assert_eq!(cost.status, CategoryStatus::Ignored);
    assert_eq!(cost.weight, 0.0);
    assert_eq!(cost.contribution, 0.0);
    assert_eq!(
        r.category(Category::ImprovementActivities).score,
        Some(100.0)
    );
    assert_eq!(r.weights, weights(50.0, 0.0, 20.0, 30.0));
    assert!(close(r.final_score, 92.5));
    assert_eq!(r.band, Band::Positive89Plus);
}

#[test]
fn mvp_subgroup_uses_traditional_weights() {
    let (s, r) = load("mvp-subgroup.toml");
    assert_eq!(s.reporting_option, ReportingOption::Mvp);
    assert_eq!(s.practice.participation, Participation::Subgroup);
    assert!(s.performance_year >= 2023);
    assert_eq!(r.scoring, "MVP");
    assert_eq!(r.weights, weights(30.0, 30.0, 15.0, 25.0));
    assert_eq!(r.confidence, Confidence::Likely);
}

#[test]
fn cost_not_scored_moves_its_weight_to_quality_and_pi() {
    let (_, r) = load("cost-not-scored.toml");
    assert_eq!(r.category(Category::Cost).status, CategoryStatus::NotScored);
    assert_eq!(r.weights, weights(55.0, 0.0, 15.0, 30.0));
    assert!(close(r.final_score, 85.5));
}

#[test]
fn complex_patient_bonus_crosses_the_threshold() {
    let (_, r) = load("complex-patient-bonus.toml");
    assert!(r.complex_patient_bonus > 0.0);
    assert!(r.weighted_score < r.performance_threshold);
    assert!(r.final_score > r.performance_threshold);
    assert!(close(
        r.final_score,
        r.weighted_score + r.complex_patient_bonus
    ));
    assert_eq!(r.band, Band::Positive);
}

#[test]
fn py2022_file_earns_the_exceptional_bonus() {
    let (s, r) = load("py2022-exceptional-bonus.toml");
    assert_eq!(s.performance_year, 2022);
    assert_eq!(r.band, Band::Exceptional);
    assert!(r.exceptional_bonus_percent > 0.0);
    assert!(close(
        r.payment_adjustment_percent,
        r.base_adjustment_percent + r.exceptional_bonus_percent
    ));
    assert_eq!(percent(r.payment_adjustment_percent), "+3.69%");
}

#[test]
fn py2025_projection_is_flagged_as_an_assumption() {
    let (s, r) = load("py2025-projection-assumed-max.toml");
    assert_eq!(s.performance_year, 2025);
    assert_eq!(s.assumptions.max_positive_adjustment, Some(1.5));
    assert_eq!(r.max_positive_origin, MaxPositiveOrigin::ScenarioAssumption);
    assert!(r.is_assumption_based());
    assert_eq!(r.confidence, Confidence::Assumed);
    assert!(!r.assumptions.is_empty());
    assert_eq!(r.max_positive_adjustment, 1.5);
}

#[test]
fn national_mean_and_median_clinicians_land_near_cms_figures() {
    let national = mips_whatif::national::National::embedded();
    let overall = national.overall_final_score(2024).expect("PY2024 overall");
    let (_, mean) = load("national-mean-clinician-py2024.toml");
    let (_, median) = load("national-median-clinician-py2024.toml");
    // Near, below, and not equal: the header explains why it cannot be exact.
    assert!((overall.mean - mean.final_score) > 0.0 && (overall.mean - mean.final_score) < 3.0);
    assert!(
        (overall.median - median.final_score) > 0.0 && (overall.median - median.final_score) < 2.0
    );
    // The files use CMS's PY2024 category figures.
    let (mean_s, _) = load("national-mean-clinician-py2024.toml");
    let (median_s, _) = load("national-median-clinician-py2024.toml");
    for stat in national
        .category_scores
        .iter()
        .filter(|s| s.performance_year == 2024)
    {
        assert_eq!(mean_s.scores.get(stat.category), Some(stat.mean));
        assert_eq!(median_s.scores.get(stat.category), Some(stat.median));
    }
}

#[test]
fn the_pt4_cliff_pair_straddles_the_floor() {
    let (_, at) = load("pt4-cliff-18-75.toml");
    let (_, past) = load("pt4-cliff-18-76.toml");
    assert_eq!(two_decimals(at.final_score), "18.75");
    assert_eq!(at.band, Band::MaxNegative);
    assert_eq!(at.payment_adjustment_percent, -9.0);
    assert_eq!(two_decimals(past.final_score), "18.76");
    assert_eq!(past.band, Band::Negative);
    assert!(close(past.payment_adjustment_percent, -6.7488));
}

#[test]
fn py2018_small_practice_bonus_is_added_to_the_final_score() {
    let (s, r) = load("py2018-small-practice-bonus.toml");
    assert_eq!(s.performance_year, 2018);
    assert!(s.practice.is_small());
    assert_eq!(r.small_practice_bonus, 5.0);
    assert!(close(r.final_score, r.weighted_score + 5.0));
    assert_eq!(r.band, Band::Exceptional);
}

#[test]
fn fewer_than_two_scored_gives_the_threshold() {
    let (_, r) = load("fewer-than-two-scored.toml");
    assert!(r.fewer_than_two_scored);
    assert_eq!(r.final_score, r.performance_threshold);
    assert_eq!(r.band, Band::Neutral);
    assert_eq!(r.payment_adjustment_percent, 0.0);
}

#[test]
fn py2021_cost_is_kept_but_weighted_zero_for_everyone() {
    let (s, r) = load("py2021-cost-weighted-zero.toml");
    assert_eq!(
        s.scores.cost,
        Some(40.0),
        "the entered cost stays in the scenario"
    );
    let cost = r.category(Category::Cost);
    assert_eq!(cost.status, CategoryStatus::Ignored);
    assert_eq!(cost.weight, 0.0);
    assert_eq!(r.weights, weights(55.0, 0.0, 15.0, 30.0));
    assert!(r.weights_source.contains("42 CFR 414.1380(c)(2)(ii)(E)"));
    assert!(close(r.final_score, 86.0));
    assert_eq!(r.band, Band::Exceptional);
    // The same entries in PY2019, when cost counted (45/15/15/25): 36 + 6 + 15 + 22.5.
    let mut s19 = s.clone();
    s19.performance_year = 2019;
    let r19 = score(&s19, rules().year(2019).unwrap());
    assert_eq!(r19.category(Category::Cost).status, CategoryStatus::Scored);
    assert!(close(r19.final_score, 79.5), "{}", r19.final_score);
}
