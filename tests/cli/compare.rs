//! `mips-whatif compare`: the comparison builder, its text / markdown / JSON output for pairs
//! of library scenarios, and the command's error cases.

use std::path::Path;

use assert_cmd::Command;
use mips_whatif::compare::{
    CompareError, Entry, MAX_SCENARIOS, MIN_SCENARIOS, compare, compare_scored,
};
use mips_whatif::engine::{Band, score};
use mips_whatif::rules::RuleSet;
use mips_whatif::scenario::Scenario;
use proptest::prelude::*;
use serde_json::Value;

fn rules() -> RuleSet {
    RuleSet::embedded().expect("embedded rules are valid")
}

/// The command, run from the crate root so scenario paths (and so the output) are relative.
fn cli() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mips-whatif"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let out = cli().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "{args:?} wrote to stderr");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn entry(file: &str) -> Entry {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let s = Scenario::load(&path, &rules()).unwrap_or_else(|d| panic!("{d}"));
    Entry::named(s, file).with_source(file)
}

const NO_PI: &str = "scenarios/small-practice-no-pi.toml";
const WITH_PI: &str = "scenarios/small-practice-reporting-pi.toml";
const CLIFF_AT: &str = "scenarios/pt4-cliff-18-75.toml";
const CLIFF_PAST: &str = "scenarios/pt4-cliff-18-76.toml";
const APP: &str = "scenarios/aco-app.toml";
const PY2025: &str = "scenarios/py2025-projection-assumed-max.toml";
const PY2022: &str = "scenarios/py2022-exceptional-bonus.toml";
const FEWER: &str = "scenarios/fewer-than-two-scored.toml";

/// The "Final score" row of a comparison shows each scenario's score as the engine gives it,
/// in the order the files were given.
fn assert_final_scores_in_order(output: &str, files: &[&str]) {
    let rules = rules();
    let row = output
        .lines()
        .find(|line| {
            line.trim_start_matches(['*', '|', ' '])
                .starts_with("Final score")
        })
        .unwrap_or_else(|| panic!("no Final score row in:\n{output}"));
    let mut rest = row;
    for file in files {
        let scenario = entry(file).scenario;
        let result = score(&scenario, rules.year(scenario.performance_year).unwrap());
        let shown = mips_whatif::format::two_decimals(result.final_score);
        let at = rest
            .find(&shown)
            .unwrap_or_else(|| panic!("{file}'s final score {shown} is not next in: {row}"));
        rest = &rest[at + shown.len()..];
    }
}

// ---- Snapshots -------------------------------------------------------------------------------

#[test]
fn text_small_practice_without_and_with_pi() {
    let out = stdout_of(&["compare", NO_PI, WITH_PI]);
    assert_final_scores_in_order(&out, &[NO_PI, WITH_PI]);
    insta::assert_snapshot!("text_small_practice_pi", out);
}

#[test]
fn markdown_small_practice_without_and_with_pi() {
    let out = stdout_of(&["compare", NO_PI, WITH_PI, "--format", "markdown"]);
    assert_final_scores_in_order(&out, &[NO_PI, WITH_PI]);
    insta::assert_snapshot!("markdown_small_practice_pi", out);
}

#[test]
fn text_pt4_cliff_pair() {
    let out = stdout_of(&["compare", CLIFF_AT, CLIFF_PAST, "--format", "text"]);
    assert_final_scores_in_order(&out, &[CLIFF_AT, CLIFF_PAST]);
    insta::assert_snapshot!("text_pt4_cliff", out);
}

#[test]
fn text_four_pathways_and_years() {
    let out = stdout_of(&["compare", APP, PY2025, PY2022, FEWER]);
    assert_final_scores_in_order(&out, &[APP, PY2025, PY2022, FEWER]);
    insta::assert_snapshot!("text_four_scenarios", out);
}

#[test]
fn markdown_four_pathways_and_years() {
    let out = stdout_of(&[
        "compare", APP, PY2025, PY2022, FEWER, "--format", "markdown",
    ]);
    assert_final_scores_in_order(&out, &[APP, PY2025, PY2022, FEWER]);
    insta::assert_snapshot!("markdown_four_scenarios", out);
}

// ---- Output structure ------------------------------------------------------------------------

#[test]
fn markdown_tables_are_well_formed() {
    let md = stdout_of(&[
        "compare", APP, PY2025, PY2022, FEWER, "--format", "markdown",
    ]);
    let mut tables = 0;
    let mut columns: Option<usize> = None;
    for line in md.lines() {
        if line.starts_with('|') {
            assert!(line.ends_with('|'), "unterminated row: {line}");
            let pipes = line.replace("\\|", "").matches('|').count();
            match columns {
                None => {
                    columns = Some(pipes);
                    tables += 1;
                }
                Some(n) => assert_eq!(pipes, n, "ragged row: {line}"),
            }
        } else {
            columns = None;
        }
    }
    assert_eq!(tables, 2, "the comparison table and the differences table");
    assert!(md.contains("#### Differences against A"));
}

#[test]
fn text_columns_are_aligned() {
    let text = stdout_of(&["compare", NO_PI, WITH_PI, CLIFF_AT]);
    // Every table line (between the key header and the footnote) ends its last column at
    // the same place, and no line has trailing spaces.
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.split_whitespace().eq(["A", "B", "C"]))
        .expect("key header");
    let end = lines
        .iter()
        .position(|l| l.starts_with("* the scenarios differ"))
        .expect("footnote");
    let width = lines[start].chars().count();
    for l in &lines[start..end] {
        assert!(!l.ends_with(' '), "trailing space: {l:?}");
        let is_title = !l.starts_with(' ') && !l.starts_with('*');
        if !is_title && !l.trim().is_empty() {
            assert_eq!(l.chars().count(), width, "misaligned: {l:?}");
        }
    }
}

#[test]
fn json_has_every_number_unrounded() {
    let out = stdout_of(&["compare", CLIFF_AT, CLIFF_PAST, "--format", "json"]);
    let v: Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["baseline"], "A");
    let list = v["scenarios"].as_array().expect("scenarios");
    assert_eq!(list.len(), 2);
    let (a, b) = (&list[0], &list[1]);
    assert_eq!(a["key"], "A");
    assert_eq!(b["key"], "B");
    assert_eq!(a["source"], CLIFF_AT);
    assert_eq!(a["label"], "At the cliff: final score 18.75");
    assert!(a["difference"].is_null());
    // Inputs side by side.
    assert_eq!(a["inputs"]["scores"]["quality"], 37.5);
    assert_eq!(b["inputs"]["scores"]["quality"], 37.52);
    assert!(b["inputs"]["scores"]["cost"].is_null());
    // The engine's result, unrounded.
    assert_eq!(a["result"]["band"], "max_negative");
    assert_eq!(b["result"]["band"], "negative");
    assert_eq!(b["band_label"], "Negative");
    let adj = b["result"]["payment_adjustment_percent"].as_f64().unwrap();
    assert_eq!(adj, -9.0 * (75.0 - 18.76) / 75.0);
    assert_ne!(adj, -6.75, "not rounded to CMS's two decimals");
    assert_eq!(b["final_score_published"], 18.76);
    assert_eq!(a["result"]["weights"]["quality"], 50.0);
    assert_eq!(a["result"]["weights_confidence"], "confirmed");
    assert!(
        a["result"]["weights_reason"]
            .as_str()
            .unwrap()
            .contains("small practice")
    );
    // Differences against A, unrounded.
    let d = &b["difference"];
    assert_eq!(
        d["final_score_points"].as_f64().unwrap(),
        b["result"]["final_score"].as_f64().unwrap() - a["result"]["final_score"].as_f64().unwrap()
    );
    assert_eq!(d["payment_adjustment_points"].as_f64().unwrap(), adj + 9.0);
    let dollars = d["dollar_impact"].as_f64().unwrap();
    assert!((dollars - 6753.6).abs() < 1e-6);
    assert_ne!(dollars, dollars.round());
    assert_eq!(d["band_changed"], true);
    assert_eq!(d["weights_changed"], false);
}

#[test]
fn json_flags_assumptions_and_ignored_cost() {
    let out = stdout_of(&["compare", APP, PY2025, "--format", "json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let b = &v["scenarios"][1];
    assert_eq!(b["assumption_based"], true);
    assert_eq!(b["result"]["max_positive_origin"], "scenario_assumption");
    assert!(!b["result"]["assumptions"].as_array().unwrap().is_empty());
    assert_eq!(v["scenarios"][0]["assumption_based"], false);
    // The APP scenario's cost is entered but ignored.
    let a = &v["scenarios"][0];
    assert_eq!(a["inputs"]["scores"]["cost"], 45.0);
    assert_eq!(a["result"]["categories"][1]["status"], "ignored");
}

// ---- Builder API -----------------------------------------------------------------------------

#[test]
fn builder_scores_with_the_engine_and_measures_against_the_first() {
    let rules = rules();
    let entries = [entry(NO_PI), entry(WITH_PI)];
    let c = compare(&entries, &rules).expect("valid");
    assert_eq!(c.scenarios.len(), 2);
    for (e, s) in entries.iter().zip(&c.scenarios) {
        let direct = score(
            &e.scenario,
            rules.year(e.scenario.performance_year).unwrap(),
        );
        assert_eq!(s.result, direct, "the engine's own result");
    }
    let d = c.scenarios[1].difference.expect("B has a difference");
    assert!((d.final_score_points - -3.5).abs() < 1e-9);
    assert!(d.weights_changed);
    assert!(!d.band_changed);
    assert_eq!(c.scenarios[0].result.band, Band::Positive);

    // Callers that already scored get the same comparison.
    let scored = entries
        .iter()
        .map(|e| {
            let r = score(
                &e.scenario,
                rules.year(e.scenario.performance_year).unwrap(),
            );
            (e.clone(), r)
        })
        .collect();
    assert_eq!(compare_scored(scored).unwrap(), c);
}

#[test]
fn builder_refuses_wrong_counts() {
    let rules = rules();
    let e = entry(NO_PI);
    for n in [0, 1, MAX_SCENARIOS + 1] {
        let entries = vec![e.clone(); n];
        assert_eq!(
            compare(&entries, &rules).unwrap_err(),
            CompareError::Count { given: n }
        );
    }
    for n in MIN_SCENARIOS..=MAX_SCENARIOS {
        let entries = vec![e.clone(); n];
        let c = compare(&entries, &rules).unwrap();
        let keys: Vec<&str> = c.scenarios.iter().map(|s| s.key).collect();
        assert_eq!(keys, ["A", "B", "C", "D"][..n]);
    }
    let msg = CompareError::Count { given: 5 }.to_string();
    assert!(msg.contains("2 to 4"), "{msg}");
}

#[test]
fn dollar_difference_needs_charges_on_both_sides() {
    let mut without = entry(WITH_PI);
    without.scenario.practice.part_b_allowed_charges = None;
    let c = compare(&[entry(NO_PI), without], &rules()).unwrap();
    let d = c.scenarios[1].difference.unwrap();
    assert_eq!(d.dollar_impact, None);
    assert!((d.final_score_points - -3.5).abs() < 1e-9);
    let text = c.to_text();
    let line = text
        .lines()
        .skip_while(|l| !l.starts_with("Differences against A"))
        .find(|l| l.contains("Dollar impact"))
        .expect("dollar line");
    assert!(line.trim_end().ends_with('—'), "{line}");
}

#[test]
fn sections_have_one_cell_per_scenario() {
    let c = compare(&[entry(APP), entry(PY2025), entry(PY2022)], &rules()).unwrap();
    let sections = c.sections();
    let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Inputs", "Scoring", "Result", "Differences against A"]
    );
    for s in &sections {
        for r in &s.rows {
            assert_eq!(r.cells.len(), 3, "{}", r.label);
        }
    }
    let exceptional = sections[2]
        .rows
        .iter()
        .find(|r| r.label.contains("exceptional"))
        .expect("an exceptional-bonus row when a scenario has one");
    assert_eq!(exceptional.cells[2], "+2.11%");
    assert!(!c.assumption_notes().is_empty());
    assert_eq!(c.weight_notes().len(), 3);
}

// ---- Command errors --------------------------------------------------------------------------

#[test]
fn too_few_files_exit_2_with_a_clear_message() {
    for args in [vec!["compare"], vec!["compare", NO_PI]] {
        let n = args.len() - 1;
        let out = cli().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("compare takes 2 to 4 scenario files, got {n}")),
            "{err}"
        );
        assert!(err.contains("= allowed:"), "{err}");
    }
}

#[test]
fn too_many_files_exit_2_with_a_clear_message() {
    let out = cli()
        .args(["compare", NO_PI, WITH_PI, CLIFF_AT, CLIFF_PAST, APP])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("compare takes 2 to 4 scenario files, got 5"),
        "{err}"
    );
}

#[test]
fn a_bad_file_exits_2_with_the_located_message() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "performance_year = 2024\n[practice]\nclinicians = 3\n[scores]\nquality = 120\n",
    )
    .unwrap();
    let out = cli().arg("compare").arg(NO_PI).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing half-printed");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.toml:5:11: scores.quality: 120 is out of range"),
        "{err}"
    );
    assert!(err.contains("= allowed: a percent from 0 to 100"), "{err}");
}

#[test]
fn every_bad_file_is_reported() {
    let out = cli()
        .args(["compare", "missing-one.toml", NO_PI, "missing-two.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing-one.toml: no such file"), "{err}");
    assert!(err.contains("missing-two.toml: no such file"), "{err}");
}

#[test]
fn an_unknown_format_exits_2() {
    cli()
        .args(["compare", NO_PI, WITH_PI, "--format", "html"])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn help_describes_the_command() {
    let help = stdout_of(&["compare", "--help"]);
    assert!(help.contains("2 to 4"));
    assert!(help.contains("markdown"));
}

// ---- Never panics ----------------------------------------------------------------------------

fn any_scenario() -> impl Strategy<Value = Scenario> {
    let score = prop_oneof![Just(None), (0.0f64..=100.0).prop_map(Some)];
    (
        2017u16..=2026,
        0usize..3,
        1u32..40,
        any::<bool>(),
        (score.clone(), score.clone(), score.clone(), score),
        0.0f64..=5.0,
        prop_oneof![Just(None), (0.0f64..=1e8).prop_map(Some)],
        "[ -~\n\t|*`\u{1b}]{0,40}",
    )
        .prop_map(
            |(year, option, clinicians, reporting, (q, c, ia, pi), cpb, charges, name)| {
                let mut s = Scenario::default_group();
                s.name = Some(name);
                s.performance_year = year;
                s.reporting_option = mips_whatif::scenario::ReportingOption::ALL[option];
                s.practice.clinicians = clinicians;
                s.practice.participation = if option == 2 {
                    mips_whatif::scenario::Participation::ApmEntity
                } else {
                    mips_whatif::scenario::Participation::Group
                };
                s.practice.reporting = reporting;
                s.practice.part_b_allowed_charges = charges;
                s.scores.quality = q;
                s.scores.cost = c;
                s.scores.improvement_activities = ia;
                s.scores.promoting_interoperability = pi;
                s.complex_patient_bonus = cpb;
                s
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn comparing_any_scenarios_never_panics(
        scenarios in proptest::collection::vec(any_scenario(), 0..6)
    ) {
        let rules = rules();
        let entries: Vec<Entry> = scenarios
            .into_iter()
            .map(|s| Entry::named(s, "unnamed"))
            .collect();
        match compare(&entries, &rules) {
            Ok(c) => {
                let text = c.to_text();
                let md = c.to_markdown();
                let esc = '\u{1b}';
                prop_assert!(!text.contains(esc), "escape sequences are not printed");
                prop_assert!(!md.contains(esc), "escape sequences are not printed");
                for line in md.lines().filter(|l| l.starts_with('|')) {
                    prop_assert!(line.ends_with('|'));
                }
                serde_json::to_string(&c).expect("serializes");
            }
            Err(CompareError::Count { given }) => {
                prop_assert!(!(MIN_SCENARIOS..=MAX_SCENARIOS).contains(&given));
            }
            Err(CompareError::Invalid { problems, .. }) => prop_assert!(!problems.is_empty()),
        }
    }
}
