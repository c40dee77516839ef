//! `mips-whatif measures` and `mips-whatif benchmark`.

use assert_cmd::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("mips-whatif")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn measures_search_matches_every_word_of_id_or_title() {
    let (code, out, err) = run(&[
        "measures", "--year", "2024", "--search", "blood", "pressure",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("PY2024: 3 measures matching \"blood pressure\""),
        "{out}"
    );
    assert!(out.contains("236 ") && out.contains("Controlling High Blood Pressure"));
    assert!(out.contains("MIPS CQM flat"), "{out}");
    assert!(out.contains("topped out, 7-point cap"), "{out}");
}

#[test]
fn measures_json_and_csv_list_the_same_rows() {
    let (_, json, _) = run(&[
        "measures",
        "--year",
        "2025",
        "--category",
        "cost",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 35);
    assert!(rows.iter().all(|r| r["category"] == "cost"));
    let tpcc = rows.iter().find(|r| r["id"] == "TPCC_1").unwrap();
    assert_eq!(tpcc["benchmarks"][0]["benchmark"], true);
    assert_eq!(tpcc["benchmarks"][0]["performance_period"], true);
    let (_, csv, _) = run(&[
        "measures",
        "--year",
        "2025",
        "--category",
        "cost",
        "--format",
        "csv",
    ]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.records().count(), 35);
}

#[test]
fn measures_lists_activity_weights_and_pi_requirements() {
    let (_, out, _) = run(&[
        "measures",
        "--year",
        "2018",
        "--category",
        "ia",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v.as_array().unwrap().iter().any(|r| r["kind"] == "high"));
    let (_, out, _) = run(&[
        "measures",
        "--year",
        "2024",
        "--category",
        "pi",
        "--search",
        "security",
    ]);
    assert!(
        out.contains("PI_PPHI_1") && out.contains("required"),
        "{out}"
    );
}

#[test]
fn benchmark_prints_each_decile_with_the_points_at_its_bound() {
    let (code, out, err) = run(&[
        "benchmark",
        "047",
        "--year",
        "2022",
        "--collection-type",
        "mips_cqm",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("MIPS CQM benchmark (historical, PY2020 data)"),
        "{out}"
    );
    assert!(out.contains("72.06 … 85.28"), "{out}");
    // PY2022: floor 3, so deciles 1–3 all show 3.
    assert!(out.contains("floor 3"), "{out}");
}

#[test]
fn benchmark_json_of_a_topped_out_measure_caps_the_points_at_7() {
    let (_, out, _) = run(&["benchmark", "006", "--year", "2025", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let b = &v[0];
    assert_eq!(b["seven_point_cap"], true);
    let top = b["deciles"][9]["points_at_from"].as_f64().unwrap();
    assert_eq!(top, 7.0);
}

#[test]
fn benchmark_of_a_cost_measure_reads_lower_is_better() {
    let (_, out, _) = run(&["benchmark", "TPCC_1", "--year", "2024"]);
    assert!(out.contains("lower is better"), "{out}");
    assert!(out.contains("≤ $1046.81  10"), "{out}");
}
