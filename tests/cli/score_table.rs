//! The `score` and `table` commands: JSON fields, arrays for several files, band edges, text.

use assert_cmd::Command;
use serde_json::Value;

fn bin() -> Command {
    Command::cargo_bin("mips-whatif").unwrap()
}

const EXAMPLE: &str = "scenarios/small-rural-group-no-pi.toml";

fn json(args: &[&str]) -> Value {
    let out = bin().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn score_json_has_the_documented_fields() {
    let v = json(&["score", EXAMPLE, "--format", "json"]);
    for key in [
        "final_score",
        "final_score_published",
        "final_score_unrounded",
        "payment_adjustment_percent",
        "base_adjustment_percent",
        "exceptional_bonus_percent",
        "band",
        "performance_year",
        "payment_year",
        "weights",
        "weights_reason",
        "dollar_impact",
        "trace",
        "assumptions",
        "confidence",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    // 91.34 × 0.4 + 60.375 × 0.3 + 100 × 0.3, unrounded.
    let fs = v["final_score"].as_f64().unwrap();
    assert!((fs - 84.6485).abs() < 1e-9, "{fs}");
    assert_eq!(v["final_score_published"], 84.65);
    assert_eq!(v["band"], "positive");
    assert_eq!(v["performance_year"], 2024);
    assert_eq!(v["payment_year"], 2026);
    assert_eq!(v["weights"]["quality"], 40.0);
    assert_eq!(v["weights"]["cost"], 30.0);
    assert_eq!(v["weights"]["improvement_activities"], 30.0);
    assert_eq!(v["weights"]["promoting_interoperability"], 0.0);
    assert_eq!(v["weights_confidence"], "confirmed");
    // The unrounded score is kept, clearly named, beside the published one.
    assert_eq!(v["final_score_unrounded"], v["final_score"]);
    // The published score (84.65, not 84.6485) sets the adjustment.
    let adj = v["payment_adjustment_percent"].as_f64().unwrap();
    assert!((adj - 1.05 * (84.65 - 75.0) / 25.0).abs() < 1e-12, "{adj}");
    let dollars = v["dollar_impact"].as_f64().unwrap();
    assert!((dollars - 420_000.0 * adj / 100.0).abs() < 1e-6);
    let steps: Vec<&str> = v["trace"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(steps[0], "year");
    assert!(steps.contains(&"weights") && steps.contains(&"adjustment"));
    for s in v["trace"].as_array().unwrap() {
        assert!(s["source"].as_str().is_some_and(|x| !x.is_empty()));
        assert!(["confirmed", "likely", "assumed"].contains(&s["confidence"].as_str().unwrap()));
    }
}

#[test]
fn several_files_give_an_array_and_one_bad_file_gives_exit_2() {
    let v = json(&["score", EXAMPLE, EXAMPLE, "--format", "json"]);
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[1]["file"], EXAMPLE);

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "performance_year = 2024\n[practice]\nclinicians = 3\n[scores]\ncost = 120\n",
    )
    .unwrap();
    let out = bin()
        .args(["score", EXAMPLE])
        .arg(&bad)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        1,
        "the good file is still scored"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.toml:5:8: scores.cost: 120 is out of range"),
        "{err}"
    );
}

#[test]
fn score_text_is_a_readable_breakdown() {
    let out = bin().args(["score", EXAMPLE]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // The headline is the score the JSON output gives, to two decimals.
    let final_score = json(&["score", EXAMPLE, "--format", "json"])["final_score"]
        .as_f64()
        .unwrap();
    let headline = text
        .lines()
        .find(|line| line.trim_start().starts_with("Final score"))
        .expect("a Final score line");
    assert!(
        headline.contains(&mips_whatif::format::two_decimals(final_score)),
        "{headline} does not show {final_score}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn table_includes_the_band_edges_whatever_the_step() {
    let v = json(&[
        "table", "--year", "2024", "--step", "25", "--format", "json",
    ]);
    let rows = v["rows"].as_array().unwrap();
    let at = |fs: f64| {
        rows.iter()
            .find(|r| (r["final_score"].as_f64().unwrap() - fs).abs() < 1e-9)
            .unwrap_or_else(|| panic!("no row at {fs}"))
    };
    assert_eq!(at(18.75)["payment_adjustment_percent"], -9.0);
    assert!((at(18.76)["payment_adjustment_percent"].as_f64().unwrap() + 6.7488).abs() < 1e-9);
    assert_eq!(at(75.0)["payment_adjustment_percent"], 0.0);
    assert_eq!(at(75.0)["band"], "neutral");
    assert!((at(89.0)["payment_adjustment_percent"].as_f64().unwrap() - 0.588).abs() < 1e-9);
    assert_eq!(at(89.0)["band"], "positive_89_plus");
    assert!((at(100.0)["payment_adjustment_percent"].as_f64().unwrap() - 1.05).abs() < 1e-9);
    assert_eq!(v["max_positive_assumed"], false);
    let bands = v["bands"].as_array().unwrap();
    assert_eq!(bands.len(), 5);
    assert_eq!(bands[1]["from"], 18.76);
    assert_eq!(bands[1]["to"], 74.99);
}

#[test]
fn table_text_and_csv() {
    let out = bin()
        .args(["table", "--year", "2022", "--step", "10"])
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!("table_2022_step_10", String::from_utf8(out.stdout).unwrap());
    let out = bin()
        .args(["table", "--format", "csv", "--step", "50"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "final_score,band,base_adjustment_percent,exceptional_bonus_percent,payment_adjustment_percent,band_edge"
        )
    );
    assert!(text.contains("\n50,negative,-3,0,-3,false\n"), "{text}");
    assert!(
        text.contains("\n18.75,max_negative,-9,0,-9,true\n"),
        "{text}"
    );
}

#[test]
fn table_marks_unpublished_years_as_assumed_and_rejects_bad_options() {
    let v = json(&["table", "--year", "2025", "--format", "json"]);
    assert_eq!(v["max_positive_assumed"], true);
    let v = json(&[
        "table",
        "--year",
        "2026",
        "--max-positive",
        "2.34",
        "--format",
        "json",
    ]);
    let last = v["rows"].as_array().unwrap().last().unwrap().clone();
    assert!((last["payment_adjustment_percent"].as_f64().unwrap() - 2.34).abs() < 1e-9);
    for args in [
        vec!["table", "--year", "2031"],
        vec!["table", "--step", "0"],
        vec!["table", "--max-positive", "-1"],
        vec!["table", "--format", "xml"],
    ] {
        let out = bin().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
}

/// A large PY2024 group whose weighted score is 18.755 (30% × 62.5 + 25% × 0.02), or 74.995.
const CLIFF: &str = "name = \"Weighted 18.755\"\nperformance_year = 2024\n[practice]\nclinicians = 40\npart_b_allowed_charges = 100000\n[scores]\nquality = 62.5\ncost = 0\nimprovement_activities = 0\npromoting_interoperability = 0.02\n";
const THRESHOLD: &str = "name = \"Weighted 74.995\"\nperformance_year = 2024\n[practice]\nclinicians = 40\n[scores]\nquality = 74.995\ncost = 74.995\nimprovement_activities = 74.995\npromoting_interoperability = 74.995\n";

fn text(args: &[&str]) -> String {
    let out = bin().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_cliff_and_the_threshold_use_the_published_score_in_text_json_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let cliff = dir.path().join("cliff.toml");
    std::fs::write(&cliff, CLIFF).unwrap();
    let c = cliff.to_str().unwrap();
    // JSON: the published 18.76 sets the band and the adjustment; the unrounded is kept.
    let v = json(&["score", c, "--format", "json"]);
    assert!((v["final_score_unrounded"].as_f64().unwrap() - 18.755).abs() < 1e-9);
    assert_eq!(v["final_score_published"], 18.76);
    assert_eq!(v["band"], "negative");
    assert!((v["payment_adjustment_percent"].as_f64().unwrap() + 6.7488).abs() < 1e-9);
    // Text: the same score beside the same band and adjustment, never "18.75 · Negative".
    let t = text(&["score", c]);
    assert!(t.contains("Final score            18.76"), "{t}");
    assert!(t.contains("Band                Negative"), "{t}");
    assert!(t.contains("Payment adjustment    -6.75%"), "{t}");
    assert!(t.contains("18.755 → 18.76"), "{t}");
    assert!(t.contains("−9 × (75 − 18.76) / 75 = -6.7488%"), "{t}");
    assert!(
        t.contains("$100,000 Part B allowed charges × -6.7488% = -$6,749"),
        "{t}"
    );
    assert!(!t.contains("Final score            18.75"), "{t}");
    // Report: the same.
    let md = text(&["report", c]);
    assert!(md.contains("18.76"), "{md}");
    assert!(md.contains("| **Final score** | **18.76** |"), "{md}");
    assert!(md.contains("| **Band** | **Negative** |"), "{md}");
    assert!(md.contains("-6.75%"), "{md}");
    // At the threshold: a weighted 74.995 is published 75.00, neutral, 0%.
    let at = dir.path().join("threshold.toml");
    std::fs::write(&at, THRESHOLD).unwrap();
    let v = json(&["score", at.to_str().unwrap(), "--format", "json"]);
    assert_eq!(v["final_score_published"], 75.0);
    assert_eq!(v["band"], "neutral");
    assert_eq!(v["payment_adjustment_percent"], 0.0);
    let t = text(&["score", at.to_str().unwrap()]);
    assert!(t.contains("Final score            75.00"), "{t}");
    assert!(t.contains("Band                 Neutral"), "{t}");
}
