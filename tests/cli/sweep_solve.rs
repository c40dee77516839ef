//! `mips-whatif sweep` and `mips-whatif solve`: output in each format, and bad input refused
//! with a clear message and exit code 2.

use std::path::PathBuf;

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const SMALL_GROUP: &str = "scenarios/small-rural-group-no-pi.toml";

fn cmd() -> Command {
    cargo_bin_cmd!("mips-whatif")
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = cmd().args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A scenario file in a temporary folder (kept alive by the returned guard).
fn scenario_file(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("scenario.toml");
    std::fs::write(&path, text).expect("write scenario");
    (dir, path)
}

const APP: &str = r#"
name = "ACO clinician on the APP"
performance_year = 2025
reporting_option = "app"
[practice]
clinicians = 40
participation = "apm_entity"
part_b_allowed_charges = 900000
[scores]
quality = 70
cost = 40
improvement_activities = 0
promoting_interoperability = 80
"#;

const LOW: &str = r#"
name = "Low scorer"
performance_year = 2024
[practice]
clinicians = 30
part_b_allowed_charges = 1000000
[scores]
quality = 5
cost = 10
improvement_activities = 0
promoting_interoperability = 0
"#;

#[test]
fn sweep_text_marks_band_changes_and_adds_marginal_values_and_uncertainty() {
    let (code, out, err) = run(&["sweep", SMALL_GROUP, "--category", "cost"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Cost swept 0–100 by 1"), "{out}");
    assert!(out.contains("◂ Negative → Positive"), "{out}");
    assert!(out.contains("◂ Positive → Positive, 89+"), "{out}");
    assert!(out.contains("◂ now 60.375"), "{out}");
    assert!(out.contains("Where each band begins along Cost"), "{out}");
    assert!(out.contains("Neutral         from Cost  28.20"), "{out}");
    assert!(out.contains("What one more point is worth now"), "{out}");
    assert!(out.contains("Uncertainty of the adjustment now"), "{out}");
    assert!(out.contains("$420,000"), "{out}");
    // 101 rows from 0 to 100.
    let rows = out
        .lines()
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()) && l.contains('%'))
        .count();
    assert_eq!(rows, 101, "{out}");
}

#[test]
fn sweep_json_and_csv() {
    let (code, out, err) = run(&[
        "sweep",
        SMALL_GROUP,
        "--category",
        "pi",
        "--from",
        "50",
        "--to",
        "60",
        "--step",
        "2.5",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["category"], "promoting_interoperability");
    assert_eq!(v["payment_year"], 2026);
    assert_eq!(v["lever"]["scored_for_analysis"], true);
    let points = v["points"].as_array().unwrap();
    assert_eq!(points.len(), 5);
    assert_eq!(points[0]["score"], 50.0);
    assert!(points[0]["dollars"].is_number());
    assert_eq!(v["marginal"].as_array().unwrap().len(), 4);
    assert_eq!(v["uncertainty"]["kind"], "positive");
    assert_eq!(v["max_range"]["low"], 1.05);

    let (code, out, err) = run(&[
        "sweep",
        SMALL_GROUP,
        "--category",
        "quality",
        "--step",
        "10",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("quality,final_score,"), "{out}");
    assert_eq!(lines.len(), 12, "{out}");
    assert!(lines[1].starts_with("0,"), "{out}");
    assert!(lines[11].starts_with("100,"), "{out}");
}

#[test]
fn sweep_of_a_category_the_rules_ignore_is_a_flat_line_with_the_reason() {
    let (_dir, path) = scenario_file(APP);
    let p = path.to_str().unwrap();
    let (code, out, err) = run(&["sweep", p, "--category", "cost", "--step", "25"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Flat line: Cost is weighted 0 under the APM Performance Pathway (APP)"),
        "{out}"
    );
    assert!(!out.contains("Where each band begins"), "{out}");
    let (code, out, _) = run(&["sweep", p, "--category", "ia", "--step", "25"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Flat line: Improvement Activities: full credit"),
        "{out}"
    );
    // PY2025: the range is the primary figure.
    assert!(out.contains("PY2025's maximum is not published"), "{out}");
}

#[test]
fn solve_text_for_all_categories_and_targets() {
    let (code, out, err) = run(&["solve", SMALL_GROUP]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Target: no penalty (final score ≥ 75, the threshold)"),
        "{out}"
    );
    assert!(out.contains("Target: a positive adjustment"), "{out}");
    assert!(
        out.contains("Target: the 89+ band (final score ≥ 89)"),
        "{out}"
    );
    assert!(
        out.contains("Cost could fall to 28.20 (now 60.375) and keep it"),
        "{out}"
    );
    assert!(
        out.contains("74.87 or more (now 60.375, +14.50) → final score 89.00, +0.59%, +$2,470"),
        "{out}"
    );
    assert!(
        out.contains("not reachable with Quality alone (max 88.11 at 100)"),
        "{out}"
    );
    assert!(
        out.contains("(PI not scored); scored, 57.93 or more keeps it"),
        "{out}"
    );
}

#[test]
fn solve_one_category_a_final_score_target_and_json() {
    let (_dir, path) = scenario_file(LOW);
    let p = path.to_str().unwrap();
    let (code, out, err) = run(&["solve", p, "--category", "quality", "--target", "30"]);
    assert_eq!(code, 0, "{err}");
    // 3 + 0.3 q ≥ 29.995 (published 30.00) → q ≥ 89.983…, so 89.99; the published 30.00
    // sets the adjustment: −9 × (75 − 30) / 75 = −5.40% exactly, −$54,000.
    assert!(out.contains("Target: a final score of 30 or more"), "{out}");
    assert!(
        out.contains("89.99 or more (now 5, +84.99) → final score 30.00, -5.40%, -$54,000"),
        "{out}"
    );
    assert!(!out.contains("Cost "), "only quality: {out}");
    assert!(out.contains("set by statute"), "{out}");

    let (code, out, err) = run(&[
        "solve",
        p,
        "--category",
        "cost",
        "--target",
        "neutral,30",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).expect("valid JSON");
    let answers = v["points_needed"].as_array().unwrap();
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0]["need"]["status"], "not_reachable");
    assert_eq!(answers[1]["need"]["status"], "needs");
    assert_eq!(answers[1]["need"]["score"], 94.99); // 1.5 + 0.3 c ≥ 29.995
    assert_eq!(v["uncertainty"]["kind"], "negative");
}

#[test]
fn solve_top_target_names_the_exceptional_threshold_before_2023() {
    let text = LOW.replace("performance_year = 2024", "performance_year = 2019");
    let (_dir, path) = scenario_file(&text);
    let (code, out, err) = run(&["solve", path.to_str().unwrap(), "--target", "89"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("the exceptional performance bonus (final score ≥ 75, the additional performance threshold)"),
        "{out}"
    );
    assert!(out.contains("PY2019 has no 89+ band"), "{out}");
}

#[test]
fn bad_options_are_refused_with_exit_code_2() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["sweep", SMALL_GROUP, "--category", "cost", "--step", "0"],
            "--step 0",
        ),
        (
            &["sweep", SMALL_GROUP, "--category", "cost", "--step", "-1"],
            "--step -1",
        ),
        (
            &[
                "sweep",
                SMALL_GROUP,
                "--category",
                "cost",
                "--from",
                "60",
                "--to",
                "40",
            ],
            "--from 60",
        ),
        (
            &["sweep", SMALL_GROUP, "--category", "cost", "--to", "120"],
            "--to 120",
        ),
        (&["sweep", SMALL_GROUP, "--category", "costs"], "costs"),
        (&["sweep", SMALL_GROUP], "--category"),
        (
            &["solve", SMALL_GROUP, "--target", "120"],
            "120 is not a final score",
        ),
        (
            &["solve", SMALL_GROUP, "--target", "best"],
            "'best' is not a target",
        ),
        (
            &["solve", SMALL_GROUP, "--category", "everything"],
            "everything",
        ),
        (
            &["solve", SMALL_GROUP, "--max-low", "3", "--max-high", "2"],
            "low 3 is above high 2",
        ),
        (&["solve", SMALL_GROUP, "--max-high", "40"], "--max-high 40"),
        (
            &["solve", SMALL_GROUP, "--part-b-charges", "-5"],
            "--part-b-charges -5",
        ),
        (&["solve", "no/such/file.toml"], "no such file"),
        (
            &["sweep", "no/such/file.toml", "--category", "cost"],
            "no such file",
        ),
    ];
    for (args, words) in cases {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(
            err.contains(words),
            "{args:?}: expected '{words}' in: {err}"
        );
        assert!(out.is_empty(), "{args:?}: {out}");
    }
}

#[test]
fn a_scenario_that_fails_validation_names_the_file_line_and_field() {
    let bad = LOW.replace("cost = 10", "cost = 130");
    let (_dir, path) = scenario_file(&bad);
    let (code, _, err) = run(&["solve", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("scenario.toml:"), "{err}");
    assert!(err.contains("scores.cost"), "{err}");
}

#[test]
fn aliases_and_overrides() {
    let (code, out, err) = run(&[
        "solve",
        SMALL_GROUP,
        "--category",
        "ia",
        "--target",
        "neutral",
        "--part-b-charges",
        "1000000",
        "--max-low",
        "0.5",
        "--max-high",
        "3",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Improvement Activities"), "{out}");
    assert!(out.contains("Part B allowed charges $1,000,000"), "{out}");
    assert!(out.contains("0.5%–3%"), "{out}");
}

#[test]
fn help_lists_the_new_commands() {
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("sweep"), "{out}");
    assert!(out.contains("solve"), "{out}");
    let (code, out, _) = run(&["solve", "--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("--target"), "{out}");
    assert!(out.contains("neutral"), "{out}");
}

#[test]
fn score_sweep_and_solve_print_names_without_control_characters() {
    let text = LOW.replace(
        "name = \"Low scorer\"",
        "name = \"Low\\u001b[2J\\u0007 scorer\\nsecond line\"",
    );
    let (_dir, path) = scenario_file(&text);
    let p = path.to_str().unwrap();
    for args in [
        vec!["score", p],
        vec!["sweep", p, "--category", "cost", "--step", "50"],
        vec!["solve", p, "--category", "cost"],
    ] {
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            !out.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?} printed a control character: {out:?}"
        );
        let first = out.lines().next().unwrap();
        assert!(
            first.starts_with("Low [2J  scorer second line  ("),
            "{first:?}"
        );
    }
}

#[test]
fn an_unpublished_year_gives_its_range_wherever_an_adjustment_appears() {
    const PY2025: &str = "scenarios/py2025-projection-assumed-max.toml";
    const PY2024: &str = "scenarios/rural-group.toml";
    let (code, score, err) = run(&["score", PY2025]);
    assert_eq!(code, 0, "{err}");
    assert!(
        score.contains("Payment adjustment  +0.57% to +1.27%   in 2027"),
        "{score}"
    );
    assert!(
        score.contains("Dollar impact       +$8,568 to +$19,094"),
        "{score}"
    );
    assert!(
        score.contains("Point figure          +0.82% (+$12,240)   ASSUMED"),
        "{score}"
    );
    let (_, sweep, _) = run(&["sweep", PY2025, "--category", "cost", "--step", "50"]);
    assert!(
        sweep.contains("+0.013 to +0.028 pp  +$189 to +$421"),
        "{sweep}"
    );
    assert!(
        sweep.contains("(final score 89.00, +0.59% to +1.31%, +$8,820 to +$19,656)"),
        "{sweep}"
    );
    let (_, solve, _) = run(&["solve", PY2025, "--category", "cost", "--target", "89"]);
    assert!(
        solve.contains("→ final score 89.00, +0.59% to +1.31%, +$8,820 to +$19,656"),
        "{solve}"
    );
    let (_, compare, _) = run(&["compare", PY2024, PY2025]);
    assert!(compare.contains("+0.57% to +1.27%"), "{compare}");
    assert!(compare.contains("+0.23 to +0.93 pp"), "{compare}");
    // A published year: the published figure only, everywhere.
    let (_, score, _) = run(&["score", PY2024]);
    assert!(!score.contains(" to +"), "{score}");
    let (_, sweep, _) = run(&["sweep", PY2024, "--category", "cost", "--step", "50"]);
    assert!(
        sweep.contains("The scaling factor is known, so there is no range."),
        "{sweep}"
    );
    assert!(!sweep.contains(" to +"), "{sweep}");
    // Asked for, a published year gets a what-if, labelled hypothetical.
    let (_, solve, _) = run(&["solve", PY2024, "--max-low", "1", "--max-high", "2"]);
    assert!(solve.contains("Hypothetical, as asked"), "{solve}");
}
