//! Spreadsheet output of `compare`, `sweep`, `table` and `report`: written, read back, and
//! the same numbers as the JSON output (percents kept as spreadsheet percents).

use std::io::Cursor;

use assert_cmd::Command;
use calamine::{Data, Reader as _, Xlsx};

fn run(args: &[&str]) -> Vec<u8> {
    let out = Command::cargo_bin("mips-whatif")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn sheet(bytes: Vec<u8>, name: &str) -> (Vec<String>, Vec<Vec<Data>>) {
    let mut wb = Xlsx::new(Cursor::new(bytes)).expect("a workbook");
    let range = wb.worksheet_range(name).expect("the sheet");
    let mut rows = range.rows();
    let header = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    (header, rows.map(|r| r.to_vec()).collect())
}

fn num(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

const A: &str = "scenarios/small-practice-no-pi.toml";
const B: &str = "scenarios/small-practice-reporting-pi.toml";

#[test]
fn compare_as_a_workbook_has_the_same_numbers() {
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["compare", A, B, "--format", "json"])).unwrap();
    let (header, rows) = sheet(run(&["compare", A, B, "--format", "xlsx"]), "Comparison");
    let col = |n: &str| {
        header
            .iter()
            .position(|h| h == n)
            .unwrap_or_else(|| panic!("no {n}"))
    };
    assert_eq!(rows.len(), 2);
    for (i, row) in rows.iter().enumerate() {
        let r = &json["scenarios"][i]["result"];
        assert_eq!(
            num(&row[col("final_score")]),
            r["final_score"].as_f64().unwrap()
        );
        assert!(
            (num(&row[col("payment_adjustment_percent")]) * 100.0
                - r["payment_adjustment_percent"].as_f64().unwrap())
            .abs()
                < 1e-12
        );
        assert_eq!(
            num(&row[col("dollar_impact")]),
            r["dollar_impact"].as_f64().unwrap()
        );
        assert_eq!(
            num(&row[col("promoting_interoperability_weight")]),
            r["weights"]["promoting_interoperability"].as_f64().unwrap()
        );
    }
    let d = &json["scenarios"][1]["difference"];
    assert_eq!(
        num(&rows[1][col("change_points")]),
        d["final_score_points"].as_f64().unwrap()
    );
    assert!(matches!(rows[0][col("change_points")], Data::Empty));
}

#[test]
fn sweep_as_a_workbook_has_the_same_points() {
    let args = ["sweep", A, "--category", "cost", "--step", "10"];
    let json: serde_json::Value =
        serde_json::from_slice(&run(&[&args[..], &["--format", "json"]].concat())).unwrap();
    let (header, rows) = sheet(run(&[&args[..], &["--format", "xlsx"]].concat()), "Sweep");
    assert_eq!(header[0], "cost");
    let points = json["points"].as_array().unwrap();
    assert_eq!(rows.len(), points.len());
    for (row, p) in rows.iter().zip(points) {
        assert_eq!(num(&row[0]), p["score"].as_f64().unwrap());
        assert_eq!(num(&row[1]), p["final_score"].as_f64().unwrap());
        assert!((num(&row[4]) * 100.0 - p["adjustment_percent"].as_f64().unwrap()).abs() < 1e-12);
    }
}

#[test]
fn table_as_a_workbook_has_the_same_rows() {
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["table", "--year", "2024", "--format", "json"])).unwrap();
    let (_, rows) = sheet(
        run(&["table", "--year", "2024", "--format", "xlsx"]),
        "PY2024",
    );
    let expected = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), expected.len());
    for (row, e) in rows.iter().zip(expected) {
        assert_eq!(num(&row[0]), e["final_score"].as_f64().unwrap());
        assert!(
            (num(&row[4]) * 100.0 - e["payment_adjustment_percent"].as_f64().unwrap()).abs()
                < 1e-12
        );
    }
}

#[test]
fn report_tables_as_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tables.xlsx");
    let shown = out.display().to_string();
    run(&["report", A, B, "-o", &shown]);
    let bytes = std::fs::read(&out).unwrap();
    let wb = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["Results", "One more point", "Points needed"]
    );
    let json: serde_json::Value =
        serde_json::from_slice(&run(&["compare", A, B, "--format", "json"])).unwrap();
    let (header, rows) = sheet(bytes, "Results");
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    for (i, row) in rows.iter().enumerate() {
        let r = &json["scenarios"][i]["result"];
        assert_eq!(
            num(&row[col("final_score")]),
            r["final_score"].as_f64().unwrap()
        );
        assert_eq!(
            num(&row[col("dollar_impact")]),
            r["dollar_impact"].as_f64().unwrap()
        );
    }
    // Not replaced without --force.
    let again = Command::cargo_bin("mips-whatif")
        .unwrap()
        .args(["report", A, "-o", &shown])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
}
