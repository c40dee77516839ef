//! Scenarios that give categories from their measures: they read, score, write back and read
//! again to the same thing, and the result says which categories were built and how.

use std::path::Path;

use assert_cmd::Command;
use mips_whatif::builders::quality::Performance;
use mips_whatif::engine::{BuiltFrom, score};
use mips_whatif::rules::{Category, RuleSet};
use mips_whatif::scenario::{Scenario, parse_scenario, to_toml};

const LIBRARY: [&str; 8] = [
    "small-practice-six-mips-cqms.toml",
    "large-group-ecqms-topped-out.toml",
    "specialist-cost-decides.toml",
    "py2025-two-activities.toml",
    "pi-with-an-exclusion.toml",
    "group-cahps-sample-not-met.toml",
    "app-plus-aco-quality.toml",
    "group-activities-half-the-clinicians.toml",
];

fn load(name: &str) -> (RuleSet, Scenario) {
    let rules = RuleSet::embedded().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name);
    let s = Scenario::load(&path, &rules).unwrap_or_else(|d| panic!("{d}"));
    (rules, s)
}

#[test]
fn saved_and_reopened_scenarios_keep_their_measures() {
    for name in LIBRARY {
        let (rules, s) = load(name);
        assert!(!s.measures.is_empty(), "{name}");
        let text = to_toml(&s);
        let again = parse_scenario("saved.toml", &text, &rules)
            .unwrap_or_else(|d| panic!("{name}: {d}\n{text}"));
        assert_eq!(again, s, "{name}\n{text}");
    }
}

#[test]
fn built_categories_are_marked_with_their_measures_and_trace() {
    let (rules, s) = load("small-practice-six-mips-cqms.toml");
    let r = score(&s, rules.year(2024).unwrap());
    let q = r.category(Category::Quality);
    assert_eq!(q.built_from, BuiltFrom::Measures);
    let measures = q.measures.as_ref().unwrap();
    assert_eq!(measures.len(), 6);
    let build = q.build.unwrap();
    assert_eq!(build.denominator, 60.0);
    assert_eq!(build.bonus_points, 6.0);
    assert_eq!(r.category(Category::Cost).built_from, BuiltFrom::Percent);
    let at = |step: &str| r.trace.iter().position(|t| t.step == step).unwrap();
    assert!(at("quality_measures") < at("quality_score"));
    assert!(at("quality_score") < at("categories"));
}

#[test]
fn a_percent_changed_by_hand_is_a_percent_again_and_the_measures_are_kept_inactive() {
    let (rules, mut s) = load("small-practice-six-mips-cqms.toml");
    s.scores.quality = Some(90.0);
    let r = score(&s, rules.year(2024).unwrap());
    assert_eq!(r.category(Category::Quality).built_from, BuiltFrom::Percent);
    assert_eq!(r.category(Category::Quality).score, Some(90.0));
    let text = to_toml(&s);
    assert!(text.contains("quality = 90"), "{text}");
    assert!(text.contains("# [[quality.measures]]"), "{text}");
    let again = parse_scenario("saved.toml", &text, &rules).unwrap();
    assert_eq!(again.scores.quality, Some(90.0));
    assert!(again.measures.quality.is_none());
}

#[test]
fn changing_a_measure_and_applying_moves_the_category() {
    let (rules, mut s) = load("small-practice-six-mips-cqms.toml");
    let before = s.scores.quality.unwrap();
    let m = &mut s.measures.quality.as_mut().unwrap().measures[3];
    m.performance = Performance::Rate(99.0);
    mips_whatif::builders::apply(&mut s);
    let after = s.scores.quality.unwrap();
    assert!(after > before, "{before} → {after}");
    let r = score(&s, rules.year(2024).unwrap());
    assert_eq!(
        r.category(Category::Quality).built_from,
        BuiltFrom::Measures
    );
}

#[test]
fn score_json_gives_built_from_measures_and_build() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let out = Command::cargo_bin("mips-whatif")
        .unwrap()
        .current_dir(&dir)
        .args(["score", "--format", "json", "specialist-cost-decides.toml"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let result = v.get("result").unwrap_or(&v);
    let cats = result["categories"].as_array().unwrap();
    assert_eq!(cats[0]["built_from"], "percent");
    assert!(cats[0].get("measures").is_none());
    let cost = &cats[1];
    assert_eq!(cost["built_from"], "measures");
    let measures = cost["measures"].as_array().unwrap();
    assert_eq!(measures.len(), 3);
    for key in [
        "id",
        "collection_type",
        "points",
        "decile",
        "counted",
        "reason",
    ] {
        assert!(measures[0].get(key).is_some(), "{key}");
    }
    assert_eq!(measures[1]["counted"], false);
    assert!(measures[1]["decile"].is_null());
    for key in ["numerator", "denominator", "bonus_points", "improvement"] {
        assert!(cost["build"].get(key).is_some(), "{key}");
    }
    assert_eq!(cost["build"]["denominator"], 20.0);
}

#[test]
fn measure_tables_for_a_year_without_cms_data_are_refused_not_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let rules_dir = dir.path().join("rules");
    std::fs::create_dir(&rules_dir).unwrap();
    let shipped = mips_whatif::rules::EMBEDDED
        .iter()
        .find(|(n, _)| *n == "2026.toml")
        .unwrap()
        .1
        .replace("performance_year = 2026", "performance_year = 2027")
        .replace("payment_year = 2028", "payment_year = 2029");
    std::fs::write(rules_dir.join("2027.toml"), shipped).unwrap();
    let rules = RuleSet::with_overrides(&rules_dir).unwrap_or_else(|d| panic!("{d}"));
    let text = "performance_year = 2027\n[practice]\nclinicians = 8\n[quality]\n";
    let err = parse_scenario("future.toml", text, &rules)
        .unwrap_err()
        .to_string();
    assert!(err.contains("no CMS measure data for PY2027"), "{err}");
}

#[test]
fn a_practice_change_rebuilds_the_built_categories_and_a_hand_edit_stays() {
    let (_, mut s) = load("small-practice-six-mips-cqms.toml");
    let small = s.scores.quality.unwrap();
    s.practice.clinicians = 30;
    mips_whatif::builders::refresh(&mut s);
    let large = s.scores.quality.unwrap();
    // The small-practice bonus (+6 of 60) is gone.
    assert!((small - large - 10.0).abs() < 1e-9, "{small} → {large}");
    s.scores.quality = Some(90.0);
    s.practice.clinicians = 8;
    mips_whatif::builders::refresh(&mut s);
    assert_eq!(s.scores.quality, Some(90.0));
}

#[test]
fn the_scenarios_of_the_counting_rules_score_what_their_headers_teach() {
    // The CAHPS sample not met: 50 points available; without the flag, 60 and a lower score.
    let (rules, s) = load("group-cahps-sample-not-met.toml");
    let r = score(&s, rules.year(2024).unwrap());
    assert_eq!(
        r.category(Category::Quality).build.unwrap().denominator,
        50.0
    );
    let mut without = s.clone();
    without
        .measures
        .quality
        .as_mut()
        .unwrap()
        .cahps_sample_not_met = false;
    mips_whatif::builders::apply(&mut without);
    let r2 = score(&without, rules.year(2024).unwrap());
    assert_eq!(
        r2.category(Category::Quality).build.unwrap().denominator,
        60.0
    );
    assert!(r2.final_score < 75.0 && r.final_score > 75.0);
    // APP Plus: the set's six measures, 60 points.
    let (rules, s) = load("app-plus-aco-quality.toml");
    let r = score(&s, rules.year(2025).unwrap());
    let q = r.category(Category::Quality);
    assert_eq!(q.build.unwrap().denominator, 60.0);
    assert!(
        r.trace
            .iter()
            .any(|t| t.detail.contains("APP Plus measure set of PY2025"))
    );
    // The group share: 40% of the clinicians is no credit for that activity.
    let (rules, mut s) = load("group-activities-half-the-clinicians.toml");
    let r = score(&s, rules.year(2024).unwrap());
    assert_eq!(
        r.category(Category::ImprovementActivities).score,
        Some(50.0)
    );
    s.measures
        .improvement_activities
        .as_mut()
        .unwrap()
        .clinicians_percent[1]
        .1 = 50.0;
    mips_whatif::builders::apply(&mut s);
    let r = score(&s, rules.year(2024).unwrap());
    assert_eq!(
        r.category(Category::ImprovementActivities).score,
        Some(100.0)
    );
}
