//! Rosters: parsing (CSV and XLSX, the public use file's names of each era, a mapping file,
//! BOM, quotes, semicolons, blank lines, a 1,000-column row, non-UTF-8 text), the bad-row
//! catalogue (exact messages, the rest still scored, exit 2), the command's formats and
//! output files, the XLSX round trip, and the portfolio what-if.

use std::path::Path;

use assert_cmd::Command;
use mips_whatif::engine::score;
use mips_whatif::roster::{Event, Mapping, ReadOptions, ScoredRow, score_csv, score_file};
use mips_whatif::rules::RuleSet;
use mips_whatif::scenario::Scenario;
use proptest::prelude::*;

fn rules() -> RuleSet {
    RuleSet::embedded().expect("embedded rules are valid")
}

/// Scored rows and the one-line form of every bad-row problem.
fn read_bytes(bytes: &[u8], options: &ReadOptions) -> (Vec<ScoredRow>, Vec<String>, Vec<String>) {
    let rules = rules();
    let (mut rows, mut bad, mut notes) = (Vec::new(), Vec::new(), Vec::new());
    score_csv("r.csv", bytes, options, &rules, |e| match e {
        Event::Scored(r) => rows.push(r),
        Event::Bad(b) => bad.extend(b.problems.iter().map(|d| d.one_line())),
        Event::Note(n) => notes.push(n),
        Event::Columns(_) => {}
    })
    .unwrap();
    (rows, bad, notes)
}

fn read(text: &str) -> Vec<ScoredRow> {
    let (rows, bad, _) = read_bytes(text.as_bytes(), &ReadOptions::default());
    assert!(bad.is_empty(), "{bad:?}");
    rows
}

const OWN: &str = "id,performance_year,clinicians,quality,cost,improvement_activities,promoting_interoperability,part_b_allowed_charges\n\
A,2024,8,80,50,100,,600000\n";

#[test]
fn own_column_names_make_a_scenario() {
    let rows = read(OWN);
    let s = &rows[0].row.scenario;
    assert_eq!(s.performance_year, 2024);
    assert_eq!(s.practice.clinicians, 8);
    assert_eq!(s.scores.quality, Some(80.0));
    assert_eq!(s.scores.promoting_interoperability, None);
    assert_eq!(rows[0].result.weights.to_string(), "40/30/30/0");
    assert_eq!(rows[0].row.id.as_deref(), Some("A"));
}

#[test]
fn headers_match_whatever_their_case_and_spacing_and_table_prefix() {
    let rows = read(
        "ID, Performance Year ,practice.Clinicians,SCORES.QUALITY,scores.cost,Improvement_Activities\nA,2024,8,80,50,100\n",
    );
    assert_eq!(rows[0].result.weights.to_string(), "40/30/30/0");
}

#[test]
fn a_bom_quoted_fields_and_blank_lines_are_read() {
    let text = "\u{feff}\"id\",\"name\",performance_year,clinicians,quality,cost,improvement_activities\n\n\"1\",\"Smith, Jo \"\"JJ\"\"\",2024,8,80,50,100\n\n,,,,,,\n\"2\",\"Line\nbreak\",2024,8,70,50,100\n";
    let rows = read(text);
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0].row.scenario.name.as_deref(),
        Some("Smith, Jo \"JJ\"")
    );
    assert_eq!(rows[1].row.row, 2);
    assert_eq!(rows[1].row.scenario.name.as_deref(), Some("Line\nbreak"));
}

#[test]
fn semicolons_and_decimal_commas_are_read() {
    let rows = read(
        "id;performance_year;clinicians;quality;cost;improvement_activities;part_b_allowed_charges\nA;2024;8;80,5;50;100;600000\n",
    );
    assert_eq!(rows[0].row.scenario.scores.quality, Some(80.5));
}

#[test]
fn a_thousand_column_row_is_read() {
    let mut header =
        String::from("performance_year,clinicians,quality,cost,improvement_activities");
    let mut row = String::from("2024,20,80,50,100");
    for i in 0..995 {
        header.push_str(&format!(",extra {i}"));
        row.push_str(",x");
    }
    let (rows, bad, notes) = read_bytes(
        format!("{header}\n{row}\n").as_bytes(),
        &ReadOptions::default(),
    );
    assert!(bad.is_empty());
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].result.weights.to_string(), "55/30/15/0");
    assert_eq!(
        notes,
        [
            "r.csv: 995 columns not used: `extra 0`, `extra 1`, `extra 2`, `extra 3`, `extra 4`, `extra 5`, `extra 6`, `extra 7` and 987 more (see docs/roster.md for the column names, or map them with --mapping)"
        ]
    );
}

#[test]
fn text_that_is_not_utf8_is_read_as_windows_1252_and_said_once() {
    let bytes = b"name,performance_year,clinicians,quality,cost,improvement_activities\nRen\xe9e,2024,8,80,50,100\nJos\xe9,2024,8,80,50,100\n";
    let (rows, bad, notes) = read_bytes(bytes, &ReadOptions::default());
    assert!(bad.is_empty());
    assert_eq!(rows[0].row.id.as_deref(), Some("Renée"));
    assert_eq!(rows[1].row.id.as_deref(), Some("José"));
    assert_eq!(
        notes,
        ["r.csv:2: not UTF-8 text: read as Windows-1252 (what Excel writes on Windows)"]
    );
}

#[test]
fn the_public_use_file_names_of_each_era_are_read() {
    // PY2017–2021: IA in points out of 40, cost 0 not scored, `engaged`.
    let (rows, bad, _) = read_bytes(
        b"practice size,participation type,engaged,quality category score,promoting interoperability (pi) category score,ia score,cost score\n20,Group,True,80,90,20,0\n",
        &ReadOptions { performance_year: Some(2021), ..ReadOptions::default() },
    );
    assert!(bad.is_empty(), "{bad:?}");
    let s = &rows[0].row.scenario;
    assert_eq!(s.scores.improvement_activities, Some(50.0));
    assert_eq!(s.scores.cost, None);
    assert_eq!(rows[0].result.weights.to_string(), "55/0/15/30");
    // PY2022: `participation option`, `non-reporting`, the renamed score columns.
    let (rows, bad, _) = read_bytes(
        b"Participation Option,Practice Size,Non-Reporting,Small Practice Status,Quality Category Score,Cost Category Score,Improvement Activities (IA) Category Score,Promoting Interoperability (PI) Category Score\nAPM Entity,30,False,False,80,,40,90\n",
        &ReadOptions { performance_year: Some(2022), ..ReadOptions::default() },
    );
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(rows[0].result.weights.to_string(), "50/0/20/30");
    assert!(rows[0].row.notes[0].starts_with("PY2022's file has no reporting option"));
    // PY2023+: the weights say what was scored.
    let (rows, bad, _) = read_bytes(
        b"practice size,participation option,reporting option,quality category score,quality category weight,cost category score,cost category weight,improvement activities (ia) category score,improvement activities (ia) category weight,promoting interoperability (pi) category score,promoting interoperability (pi) category weight\n40,Group,Traditional MIPS,80,0.55,0,0,40,0.15,90,0.3\n",
        &ReadOptions { performance_year: Some(2024), ..ReadOptions::default() },
    );
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(rows[0].row.scenario.scores.cost, None);
    assert_eq!(rows[0].result.weights.to_string(), "55/0/15/30");
}

#[test]
fn a_mapping_file_names_any_other_column() {
    let mapping = Mapping::parse("m.toml", "[columns]\n\"Provider\" = \"npi\"\n\"Qual %\" = \"quality\"\n\"IA pts\" = \"ia score\"\n\"Size\" = \"clinicians\"\n\"Notes\" = \"ignore\"\n").unwrap();
    let (rows, bad, notes) = read_bytes(
        b"Provider,Size,Qual %,IA pts,Notes\n1234567893,20,80,40,call back\n",
        &ReadOptions {
            performance_year: Some(2024),
            mapping: Some(mapping),
        },
    );
    assert!(bad.is_empty() && notes.is_empty(), "{bad:?} {notes:?}");
    assert_eq!(rows[0].row.id.as_deref(), Some("1234567893"));
    assert_eq!(
        rows[0].row.scenario.scores.improvement_activities,
        Some(100.0)
    );
}

#[test]
fn xlsx_rosters_are_read_like_csv() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    let header = [
        "NPI",
        "Performance Year",
        "Clinicians",
        "Quality",
        "Cost",
        "Improvement Activities",
        "Rural",
    ];
    for (i, h) in header.iter().enumerate() {
        sheet.write_string(0, i as u16, *h).unwrap();
    }
    sheet.write_number(1, 0, 1234567893.0).unwrap();
    sheet.write_number(1, 1, 2024.0).unwrap();
    sheet.write_number(1, 2, 8.0).unwrap();
    sheet.write_number(1, 3, 80.0).unwrap();
    sheet.write_number(1, 4, 50.0).unwrap();
    sheet.write_number(1, 5, 100.0).unwrap();
    sheet.write_boolean(1, 6, true).unwrap();
    // Row 3 of the sheet is blank; row 4 has a bad quality.
    sheet.write_number(3, 0, 1234567894.0).unwrap();
    sheet.write_number(3, 1, 2024.0).unwrap();
    sheet.write_number(3, 2, 8.0).unwrap();
    sheet.write_string(3, 3, "high").unwrap();
    wb.save(&path).unwrap();
    let rules = rules();
    let (mut rows, mut bad) = (Vec::new(), Vec::new());
    score_file(&path, &ReadOptions::default(), &rules, |e| match e {
        Event::Scored(r) => rows.push(r),
        Event::Bad(b) => bad.extend(b.problems.iter().map(|d| d.to_string())),
        _ => {}
    })
    .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].row.id.as_deref(), Some("1234567893"));
    assert!(rows[0].row.scenario.practice.rural);
    assert_eq!(rows[0].result.weights.to_string(), "40/30/30/0");
    let shown = path.display().to_string();
    assert_eq!(
        bad,
        [format!(
            "{shown}:4: row 2, Quality (column D): \"high\" is not a number\n  = allowed: a percent from 0 to 100, or blank if the category was not scored"
        )]
    );
}

// ---- the bad-row catalogue: through the binary, exact stderr, the rest still scored ----

struct BadCase {
    name: &'static str,
    /// The CSV (a header, then rows); a good row is always appended.
    csv: &'static str,
    args: &'static [&'static str],
    stderr: &'static str,
}

const GOOD_ROW: &str = "Z,2024,20,80,50,100\n";

fn bad_cases() -> Vec<BadCase> {
    vec![
        BadCase {
            name: "not a number",
            csv: "id,performance_year,clinicians,quality,cost,improvement_activities\nA,2024,8,high,50,100\n",
            args: &[],
            stderr: "error: r.csv:2: row 1, quality (column 4): \"high\" is not a number\n  = allowed: a percent from 0 to 100, or blank if the category was not scored\n",
        },
        BadCase {
            name: "score out of range",
            csv: "id,performance_year,clinicians,quality,cost,improvement_activities\nA,2024,8,120,50,100\n",
            args: &[],
            stderr: "error: r.csv:2: row 1, quality (column 4): 120 is out of range\n  = allowed: a percent from 0 to 100, or blank if the category was not scored\n",
        },
        BadCase {
            name: "unsupported year",
            csv: "id,performance_year,clinicians,quality,cost,improvement_activities\nA,2031,8,80,50,100\n",
            args: &[],
            stderr: "error: r.csv:2: row 1, performance_year (column 2): 2031 is not a supported performance year\n  = allowed: 2017–2026\n",
        },
        BadCase {
            name: "year is not a year",
            csv: "id,performance_year,clinicians,quality,cost,improvement_activities\nA,twenty,8,80,50,100\n",
            args: &[],
            stderr: "error: r.csv:2: row 1, performance_year (column 2): \"twenty\" is not a year\n  = allowed: a year from 2017 to 2026\n",
        },
        BadCase {
            name: "no practice size in the row",
            csv: "id,performance_year,clinicians,quality,cost,improvement_activities\nA,2024,,80,50,100\n",
            args: &[],
            stderr: "error: r.csv:2: row 1, clinicians (column 3): is blank\n  = allowed: a whole number of clinicians from 1 to 1000000 (15 or fewer is a small practice)\n",
        },
        BadCase {
            name: "fractional practice size",
            csv: "id,performance_year,clinicians,quality,cost,improvement_activities\nA,2024,2.5,80,50,100\n",
            args: &[],
            stderr: "error: r.csv:2: row 1, clinicians (column 3): 2.5 is not a whole number\n  = allowed: a whole number of clinicians from 1 to 1000000 (15 or fewer is a small practice)\n",
        },
        BadCase {
            name: "not a boolean",
            csv: "id,performance_year,clinicians,quality,cost,improvement_activities,rural\nA,2024,8,80,50,100,maybe\n",
            args: &[],
            stderr: "error: r.csv:2: row 1, rural (column 7): \"maybe\" is not true or false\n  = allowed: True or False (also yes/no, 1/0), or blank\n",
        },
        BadCase {
            name: "unknown participation",
            csv: "id,performance_year,clinicians,quality,cost,improvement_activities,participation\nA,2024,8,80,50,100,tribe\n",
            args: &[],
            stderr: "error: r.csv:2: row 1, participation (column 7): \"tribe\" is not a participation\n  = allowed: individual, group, subgroup, virtual_group or apm_entity (the public use file's Individual, Group, Subgroup, Virtual Group, APM Entity, MIPS APM)\n",
        },
        BadCase {
            name: "an MVP before 2023",
            csv: "id,performance_year,clinicians,quality,cost,improvement_activities,reporting_option\nA,2021,8,80,50,100,mvp\n",
            args: &[],
            stderr: "error: r.csv:2: row 1, reporting_option (column 7): MVPs did not exist in PY2021\n  = allowed: \"mvp\" from PY2023 on; \"traditional\" or \"app\" before\n",
        },
        BadCase {
            name: "bonus over the year's maximum",
            csv: "id,performance_year,clinicians,quality,cost,improvement_activities,complex_patient_bonus\nA,2019,8,80,50,100,7\n",
            args: &[],
            stderr: "error: r.csv:2: row 1, complex_patient_bonus (column 7): 7 is more than PY2019's maximum of 5 points\n  = allowed: 0 to 5 points in PY2019\n",
        },
        BadCase {
            name: "two problems in one row",
            csv: "id,performance_year,clinicians,quality,cost,improvement_activities\nA,2024,8,abc,-5,100\n",
            args: &[],
            stderr: "error: r.csv:2: row 1, quality (column 4): \"abc\" is not a number\n  = allowed: a percent from 0 to 100, or blank if the category was not scored\nerror: r.csv:2: row 1, cost (column 5): -5 is out of range\n  = allowed: a percent from 0 to 100, or blank if the category was not scored\n",
        },
        BadCase {
            name: "the year of the public use file's layout",
            csv: "practice size,participation option,non-reporting,quality category score,cost category score,improvement activities (ia) category score,year\n20,Group,False,80,50,40,2019\n",
            args: &[],
            stderr: "error: r.csv:2: row 1, year (column 7): PY2019 does not match the columns, which are the PY2022 public use file layout\n  = allowed: a year from 2017 to 2026 (PY2022 for these columns)\n",
        },
        BadCase {
            name: "IA points over 100",
            csv: "practice size,engaged,quality category score,ia score,year\n20,True,80,140,2021\n",
            args: &[],
            stderr: "error: r.csv:2: row 1, ia score (column 4): 140 is out of range\n  = allowed: points from 0 to 40 (the public use file's IA score), or blank\n",
        },
        BadCase {
            name: "a row on line 4 after a blank line",
            csv: "id,performance_year,clinicians,quality,cost,improvement_activities\nA,2024,8,80,50,100\n\nB,2024,8,80,50,x\n",
            args: &[],
            stderr: "error: r.csv:4: row 2, improvement_activities (column 6): \"x\" is not a number\n  = allowed: a percent from 0 to 100, or blank if the category was not scored\n",
        },
    ]
}

fn roster_cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("mips-whatif").unwrap();
    c.current_dir(dir).arg("roster");
    c
}

#[test]
fn every_bad_row_is_located_and_the_rest_are_scored() {
    for case in bad_cases() {
        let dir = tempfile::tempdir().unwrap();
        let good = if case.csv.starts_with("practice size") {
            ""
        } else {
            GOOD_ROW
        };
        let text = format!("{}{}", case.csv, good);
        std::fs::write(dir.path().join("r.csv"), &text).unwrap();
        let out = roster_cmd(dir.path())
            .arg("r.csv")
            .args(case.args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "case {}", case.name);
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            case.stderr,
            "case {}",
            case.name
        );
        let rows: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("case {}: {e}", case.name));
        let rows = rows.as_array().unwrap();
        // Every row is in the output, in order; the good one is scored.
        assert!(
            rows.iter().enumerate().all(|(i, r)| r["row"] == i + 1),
            "case {}",
            case.name
        );
        if !good.is_empty() {
            assert!(
                rows.last().unwrap()["final_score"].is_number(),
                "case {}",
                case.name
            );
        }
        assert!(
            rows.iter()
                .any(|r| !r["errors"].as_array().unwrap().is_empty()),
            "case {}",
            case.name
        );
    }
}

#[test]
fn file_level_problems_stop_before_any_row() {
    let cases: &[(&str, &[u8], &[&str], &str)] = &[
        (
            "missing",
            b"",
            &["nope.csv"],
            "error: nope.csv: no such file\n  = allowed: the path of an existing roster (.csv or .xlsx)\n",
        ),
        (
            "empty",
            b"",
            &["r.csv"],
            "error: r.csv: the roster is empty\n  = allowed: a header row naming the columns, then one row per clinician, group or TIN (see docs/roster.md)\n",
        ),
        (
            "no size",
            b"id,performance_year,quality\nA,2024,80\n",
            &["r.csv"],
            "error: r.csv: clinicians: no practice size column\n  = allowed: a column named clinicians (or the public use file's practice size): the clinicians billing under the TIN, 15 or fewer is a small practice\n",
        ),
        (
            "no year",
            b"practice size,quality category score\n3,80\n",
            &["r.csv"],
            "error: r.csv: performance_year: no performance year: the file has no year column\n  = allowed: a performance_year column, or --performance-year YEAR for the whole file (CMS's public use file has one file per year and no year column)\n",
        ),
        (
            "year against the layout",
            b"practice size,engaged,ia score\n3,True,40\n",
            &["r.csv", "--performance-year", "2023"],
            "error: r.csv: performance_year: PY2023 (--performance-year) does not match the columns, which are the PY2017–2021 public use file layout\n  = allowed: PY2017 to PY2021 for these columns\n",
        ),
        (
            "a column twice",
            b"quality,quality category score,clinicians,year\n1,2,3,2024\n",
            &["r.csv"],
            "error: r.csv: columns 1 `quality` and 2 `quality category score` both give quality\n  = allowed: one column per roster field: remove one, or map one to \"ignore\" in a mapping file (--mapping)\n",
        ),
        (
            "old excel",
            b"",
            &["r.xls"],
            "error: r.xls: an Excel 97–2003 workbook (.xls) cannot be read\n  = allowed: save it as .xlsx or .csv\n",
        ),
        (
            "bad set",
            OWN.as_bytes(),
            &["r.csv", "--set", "qualty=5"],
            "error: --set qualty=5: `qualty` is not a field — did you mean `quality`?\n  = allowed: FIELD=VALUE: quality, cost, ia, pi, complex_patient_bonus, clinicians or part_b_allowed_charges = a number, +N or -N (a category also none); rural, hpsa, non_patient_facing or reporting = true|false; participation or reporting_option = one of their choices\n",
        ),
        (
            "where alone",
            OWN.as_bytes(),
            &["r.csv", "--where", "small=true"],
            "error: --where selects the rows a what-if changes, but no --set or --year is given\n  = allowed: --set FIELD=VALUE or --year YEAR with --where\n",
        ),
        (
            "xlsx to the terminal",
            OWN.as_bytes(),
            &["r.csv", "--format", "xlsx"],
            "error: --format xlsx needs -o PATH (a workbook is not text for the terminal)\n  = allowed: -o roster-results.xlsx\n",
        ),
    ];
    for (name, bytes, args, stderr) in cases {
        let dir = tempfile::tempdir().unwrap();
        if !bytes.is_empty() || *name == "empty" {
            std::fs::write(dir.path().join("r.csv"), bytes).unwrap();
        }
        if *name == "old excel" {
            std::fs::write(dir.path().join("r.xls"), b"x").unwrap();
        }
        let out = roster_cmd(dir.path()).args(*args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "case {name}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), *stderr, "case {name}");
        assert!(
            out.stdout.is_empty() || *name == "missing",
            "case {name}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

// ---- the command ----

const PRACTICE: &str = "id,performance_year,clinicians,participation,rural,part_b_allowed_charges,quality,cost,improvement_activities,promoting_interoperability,complex_patient_bonus\n\
1,2024,8,group,true,640000,82.5,61.2,100,,2.1\n\
2,2024,42,group,false,5200000,91.3,70.4,100,88,0\n\
3,2024,1,individual,false,310000,55,,50,,0\n";

#[test]
fn json_is_an_array_of_rows_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.csv"), PRACTICE).unwrap();
    let out = roster_cmd(dir.path())
        .args(["r.csv", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let r = &rows[1];
    assert_eq!(r["row"], 2);
    assert_eq!(r["id"], "2");
    assert_eq!(r["band"], "positive");
    assert_eq!(r["weights"]["promoting_interoperability"], 25.0);
    assert_eq!(r["confidence"], "confirmed");
    assert!(r["final_score"].as_f64().unwrap() > 85.0);
    assert!(r["dollar_impact"].as_f64().unwrap() > 0.0);
    assert!(
        r.get("cms_final_score").is_none(),
        "no CMS columns, no CMS fields"
    );
}

#[test]
fn check_prints_only_the_rows_that_differ() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join("rosters/puf-2021.csv"),
        dir.path().join("2021_puf.csv"),
    )
    .unwrap();
    let out = roster_cmd(dir.path())
        .args(["2021_puf.csv", "--check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().filter(|l| l.starts_with("row ")).collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(
        lines[0].starts_with(
            "row 3 1999999993: no single change to the row reproduces CMS's final score"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("Check against CMS's results: 3 compared, 2 agree, 1 differ"),
        "{stdout}"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "note: 2021_puf.csv: performance year 2021 taken from the file name\n"
    );
    let json = roster_cmd(dir.path())
        .args(["2021_puf.csv", "--check", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["agrees"], false);
    assert_eq!(rows[0]["cms_final_score"], 72.4);
    assert_eq!(rows[0]["cms_payment_adjustment_percent"], 0.04);
    assert!(
        rows[0]["disagreement"]
            .as_str()
            .unwrap()
            .starts_with("no single change")
    );
}

#[test]
fn output_files_are_written_whole_and_never_replaced_without_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.csv"), PRACTICE).unwrap();
    let out = roster_cmd(dir.path())
        .args(["r.csv", "-o", "out.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let written = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
    assert!(
        written.starts_with(
            "row,id,performance_year,final_score,band,payment_adjustment_percent,dollar_impact,"
        ),
        "{written}"
    );
    assert_eq!(written.lines().count(), 4);
    let again = roster_cmd(dir.path())
        .args(["r.csv", "-o", "out.csv"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&again.stderr),
        "error: -o out.csv: already exists\n  = allowed: a new file name, or --force to replace the file\n"
    );
    let forced = roster_cmd(dir.path())
        .args(["r.csv", "-o", "out.csv", "--force", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(forced.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(dir.path().join("out.csv"))
            .unwrap()
            .starts_with('[')
    );
    let onto_input = roster_cmd(dir.path())
        .args(["r.csv", "-o", "r.csv", "--force"])
        .output()
        .unwrap();
    assert_eq!(onto_input.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("r.csv")).unwrap(),
        PRACTICE
    );
    // A file-level problem leaves nothing behind.
    std::fs::write(dir.path().join("bad.csv"), "id,quality\n1,2\n").unwrap();
    let failed = roster_cmd(dir.path())
        .args(["bad.csv", "-o", "never.csv"])
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(2));
    assert!(!dir.path().join("never.csv").exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn xlsx_output_reads_back_with_the_same_numbers() {
    use calamine::{Data, Reader as _, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.csv"), PRACTICE).unwrap();
    let out = roster_cmd(dir.path())
        .args(["r.csv", "-o", "out.xlsx"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = roster_cmd(dir.path())
        .args(["r.csv", "--format", "json"])
        .output()
        .unwrap();
    let expected: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("out.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["Rows", "Summary", "Totals"]);
    let range = wb.worksheet_range("Rows").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (i, row) in range.rows().skip(1).enumerate() {
        let e = &expected[i];
        let num = |c: usize| match &row[c] {
            Data::Float(f) => *f,
            Data::Int(n) => *n as f64,
            other => panic!("not a number: {other:?}"),
        };
        assert_eq!(num(col("row")), e["row"].as_f64().unwrap());
        assert_eq!(num(col("final_score")), e["final_score"].as_f64().unwrap());
        // Percents are kept as spreadsheet percents (fractions).
        assert!(
            (num(col("payment_adjustment_percent")) * 100.0
                - e["payment_adjustment_percent"].as_f64().unwrap())
            .abs()
                < 1e-12
        );
        assert_eq!(
            num(col("dollar_impact")),
            e["dollar_impact"].as_f64().unwrap()
        );
        assert_eq!(row[col("band")].to_string(), e["band"].as_str().unwrap());
    }
}

/// The per-row changes of a what-if, and its total line.
fn what_if_json(dir: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let out = roster_cmd(dir)
        .arg("r.csv")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn a_portfolio_what_if_changes_only_the_rows_it_selects_and_adds_up() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.csv"), PRACTICE).unwrap();
    let rows = what_if_json(
        dir.path(),
        &[
            "--set",
            "promoting_interoperability=85",
            "--where",
            "small=true",
        ],
    );
    assert!(
        rows[1]["what_if"].is_null(),
        "the large practice is not selected"
    );
    let rules = rules();
    let mut total_dollars = 0.0;
    let mut total_points = 0.0;
    for r in [&rows[0], &rows[2]] {
        let w = &r["what_if"];
        // The same change as a single scenario.
        let mut s = Scenario::default_group();
        s.name = None;
        let i = r["row"].as_u64().unwrap() as usize - 1;
        let line: Vec<&str> = PRACTICE.lines().nth(i + 1).unwrap().split(',').collect();
        s.practice.clinicians = line[2].parse().unwrap();
        s.practice.participation = mips_whatif::scenario::Participation::from_key(line[3]).unwrap();
        s.practice.rural = line[4] == "true";
        s.practice.part_b_allowed_charges = Some(line[5].parse().unwrap());
        let num = |t: &str| (!t.is_empty()).then(|| t.parse::<f64>().unwrap());
        s.scores.quality = num(line[6]);
        s.scores.cost = num(line[7]);
        s.scores.improvement_activities = num(line[8]);
        s.scores.promoting_interoperability = Some(85.0);
        s.complex_patient_bonus = line[10].parse().unwrap();
        let single = score(&s, rules.year(2024).unwrap());
        assert_eq!(w["final_score"].as_f64().unwrap(), single.final_score);
        assert_eq!(
            w["dollar_impact"].as_f64().unwrap(),
            single.dollar_impact.unwrap()
        );
        total_dollars += w["change_dollars"].as_f64().unwrap();
        total_points += w["change_points"].as_f64().unwrap();
    }
    // The text summary's totals are the sum of the rows'.
    let out = roster_cmd(dir.path())
        .args([
            "r.csv",
            "--set",
            "promoting_interoperability=85",
            "--where",
            "small=true",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let expected = format!(
        "What-if over 2 rows: {:+.2} final-score points in all,",
        total_points
    );
    assert!(text.contains(&expected), "{text}\n{expected}");
    assert!(
        text.contains(&format!(
            "{} in all;",
            mips_whatif::format::signed_dollars(total_dollars)
        )),
        "{text}"
    );
}

#[test]
fn a_what_if_year_rescores_every_row() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.csv"), PRACTICE).unwrap();
    let rows = what_if_json(dir.path(), &["--year", "2026", "--set", "cost=+10"]);
    for r in &rows {
        let w = &r["what_if"];
        assert!(w.is_object());
    }
    // Row 3 has no cost score: +10 leaves it not scored.
    assert_eq!(rows[2]["what_if"]["weights"]["cost"], 0.0);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Scoring a roster gives, row for row, what scoring each row as a scenario gives.
    #[test]
    fn scoring_a_roster_equals_scoring_each_row(
        rows in proptest::collection::vec(
            (
                2017u16..=2026,
                1u32..60,
                proptest::option::of(0.0f64..=100.0),
                proptest::option::of(0.0f64..=100.0),
                proptest::option::of(0.0f64..=100.0),
                proptest::option::of(0.0f64..=100.0),
                any::<bool>(),
                proptest::option::of(0.0f64..5_000_000.0),
            ),
            1..12,
        )
    ) {
        let rules = rules();
        let mut text = String::from("id,performance_year,clinicians,quality,cost,improvement_activities,promoting_interoperability,rural,part_b_allowed_charges\n");
        let mut scenarios = Vec::new();
        for (i, (year, n, q, c, ia, pi, rural, charges)) in rows.iter().enumerate() {
            let f = |v: &Option<f64>| v.map(|x| format!("{x}")).unwrap_or_default();
            text.push_str(&format!("r{i},{year},{n},{},{},{},{},{rural},{}\n", f(q), f(c), f(ia), f(pi), f(charges)));
            let mut s = Scenario::default_group();
            s.name = Some(format!("r{i}"));
            s.performance_year = *year;
            s.practice.clinicians = *n;
            s.practice.participation = if *n == 1 { mips_whatif::scenario::Participation::Individual } else { mips_whatif::scenario::Participation::Group };
            s.practice.rural = *rural;
            s.practice.part_b_allowed_charges = *charges;
            s.scores.quality = *q;
            s.scores.cost = *c;
            s.scores.improvement_activities = *ia;
            s.scores.promoting_interoperability = *pi;
            scenarios.push(s);
        }
        let (scored, bad, _) = read_bytes(text.as_bytes(), &ReadOptions::default());
        prop_assert!(bad.is_empty(), "{:?}", bad);
        prop_assert_eq!(scored.len(), scenarios.len());
        for (row, s) in scored.iter().zip(&scenarios) {
            prop_assert_eq!(&row.row.scenario, s);
            let mut full = score(s, rules.year(s.performance_year).unwrap());
            full.trace.clear();
            full.assumptions.clear();
            prop_assert_eq!(&row.result, &full);
        }
    }
}
