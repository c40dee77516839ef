//! What one measure is worth: marginal values, sweeps and the rate or cost a target needs.

use std::path::Path;

use assert_cmd::Command;
use mips_whatif::engine::score_numbers;
use mips_whatif::rules::RuleSet;
use mips_whatif::scenario::Scenario;
use mips_whatif::sensitivity::measure::{
    MeasureNeed, find_measure, measure_marginal, measure_needed, measure_sweep, value_of,
    with_value,
};
use mips_whatif::sensitivity::{Target, resolve_target};

fn load(name: &str) -> (RuleSet, Scenario) {
    let rules = RuleSet::embedded().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name);
    let s = Scenario::load(&path, &rules).unwrap();
    (rules, s)
}

#[test]
fn the_rate_a_target_needs_is_the_lowest_that_reaches_it() {
    let (rules, s) = load("small-practice-six-mips-cqms.toml");
    let year = rules.year(2024).unwrap();
    let m = find_measure(&s, "226", None).unwrap();
    let target = resolve_target(year, Target::FinalScore(78.0)).unwrap();
    let (need, at) = measure_needed(&s, year, &m, &target);
    let MeasureNeed::Needs { value } = need else {
        panic!("{need:?}")
    };
    assert!(value > value_of(&s, &m));
    assert!(at.unwrap().outcome.final_score >= 78.0 - 0.005);
    let reached = |v: f64| target.is_reached(&score_numbers(&with_value(&s, &m, v), year));
    assert!(reached(value));
    assert!(!reached(value - 0.01));
}

#[test]
fn an_inverse_measure_needs_a_lower_rate_and_a_cost_a_lower_cost() {
    let (rules, s) = load("specialist-cost-decides.toml");
    let year = rules.year(2024).unwrap();
    let m = find_measure(&s, "TPCC_1", None).unwrap();
    assert!(m.lower_is_better);
    let target = resolve_target(year, Target::FinalScore(83.0)).unwrap();
    let (need, _) = measure_needed(&s, year, &m, &target);
    let MeasureNeed::Needs { value } = need else {
        panic!("{need:?}")
    };
    assert!(value < value_of(&s, &m));
    let reached = |v: f64| target.is_reached(&score_numbers(&with_value(&s, &m, v), year));
    assert!(reached(value) && !reached(value + 0.01));
    let (rules, s) = load("small-practice-six-mips-cqms.toml");
    let year = rules.year(2024).unwrap();
    let m = find_measure(&s, "001", None).unwrap();
    assert!(m.lower_is_better);
    let better = measure_marginal(&s, year, &m);
    assert!(better.better.value < better.now.value);
    assert!(better.better.measure_points >= better.now.measure_points);
}

#[test]
fn a_target_out_of_reach_of_one_measure_says_so() {
    let (rules, s) = load("small-practice-six-mips-cqms.toml");
    let year = rules.year(2024).unwrap();
    let m = find_measure(&s, "226", None).unwrap();
    let target = resolve_target(year, Target::TopBand).unwrap();
    let (need, _) = measure_needed(&s, year, &m, &target);
    assert!(matches!(need, MeasureNeed::NotReachable { .. }), "{need:?}");
}

#[test]
fn a_sweep_never_falls_as_the_measure_improves() {
    let (rules, s) = load("large-group-ecqms-topped-out.toml");
    let year = rules.year(2024).unwrap();
    let m = find_measure(&s, "236", None).unwrap();
    let points = measure_sweep(&s, year, &m, 0.0, 100.0, 2.5);
    assert_eq!(points.len(), 41);
    for w in points.windows(2) {
        assert!(w[1].measure_points >= w[0].measure_points);
        assert!(w[1].outcome.final_score >= w[0].outcome.final_score - 1e-9);
    }
    // A topped-out measure stays at 7 however high its rate.
    let capped = find_measure(&s, "130", None).unwrap();
    let top = measure_sweep(&s, year, &capped, 99.0, 100.0, 0.5);
    assert!(top.iter().all(|p| p.measure_points <= 7.0));
}

#[test]
fn unknown_measures_are_refused_with_the_scenario_s_list() {
    let (_, s) = load("small-practice-six-mips-cqms.toml");
    let e = find_measure(&s, "999", None).unwrap_err();
    assert!(e.allowed.contains("047 (registry)"), "{}", e.allowed);
}

#[test]
fn solve_and_sweep_take_a_measure_on_the_command_line() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let run = |args: &[&str]| {
        Command::cargo_bin("mips-whatif")
            .unwrap()
            .current_dir(&dir)
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&[
        "solve",
        "specialist-cost-decides.toml",
        "--measure",
        "TPCC_1",
        "--target",
        "83",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["answers"][0]["need"]["status"], "needs");
    let out = run(&[
        "sweep",
        "small-practice-six-mips-cqms.toml",
        "--measure",
        "047",
        "--format",
        "csv",
        "--step",
        "10",
    ]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 12);
    let out = run(&[
        "solve",
        "small-practice-six-mips-cqms.toml",
        "--measure",
        "999",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a measure of this scenario"));
}
