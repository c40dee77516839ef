//! A saved roster loses no row: a row that could not be scored is written back as it was
//! read, in its place and under the column of the same field (or a column of its own where
//! the saved roster has none), so that opening the saved file reports the same rows with the
//! same reasons, and fixing the typo there scores them.

use std::path::{Path, PathBuf};

use crate::common::*;
use calamine::{Data, Reader as _, Xlsx, open_workbook};
use mips_whatif::roster::table::{Entry, Roster};
use mips_whatif::roster::{FileKind, ReadOptions};

/// A roster with three typos among good rows, and a column the reader does not use.
const TYPOS: &str = "\
id,name,performance_year,clinicians,participation,rural,part_b_allowed_charges,quality,cost,improvement_activities,promoting_interoperability,complex_patient_bonus,specialty
1003000001,Riverside Family Medicine,2024,8,group,true,640000,82.5,61.2,100,,2.1,family medicine
1003000002,Northgate Cardiology,2024,42,group,false,5200000,9l.3,70.4,100,88,0,cardiology
1003000003,\"Okafor, Adaeze (solo)\",2024,1,individual,false,310000,55,,50,,0,
1003000004,Harbor Pediatrics,2024,O,group,false,420000,68.9,48.7,100,71,1.5,pediatrics
1003000005,Summit Orthopedics,2024,27,group,maybe,3900000,74.2,58.3,100,100,0,orthopedics
1003000006,Lakeside Internal Medicine,2024,12,group,false,800000,70,50,100,80,0,
";

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("roster-saved-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn typos() -> Roster {
    Roster::from_csv_text("typos.csv", TYPOS, &ReadOptions::default(), &rules()).unwrap()
}

/// A problem's message, help and the header of its column.
type Problem = (String, String, String);

/// Each bad row's data row and its problems.
fn bad_rows(r: &Roster) -> Vec<(usize, Vec<Problem>)> {
    r.entries
        .iter()
        .filter_map(|e| match e {
            Entry::Bad(b) => Some((
                b.row,
                b.problems
                    .iter()
                    .map(|d| {
                        let field = d.field.clone().unwrap_or_default();
                        let header = field.split('`').nth(1).unwrap_or("").to_string();
                        (
                            d.message.clone(),
                            d.help.clone().unwrap_or_default(),
                            header,
                        )
                    })
                    .collect(),
            )),
            Entry::Scored(_) => None,
        })
        .collect()
}

/// The rows of a saved CSV, by header.
fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(bytes);
    let headers = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (headers, rows)
}

fn cell<'a>(headers: &[String], row: &'a [String], name: &str) -> &'a str {
    let i = headers.iter().position(|h| h == name).unwrap_or_else(|| {
        panic!("no column {name} in {headers:?}");
    });
    &row[i]
}

#[test]
fn a_roster_saved_as_csv_keeps_its_bad_rows_as_they_were_read_and_in_their_place() {
    let roster = typos();
    assert_eq!(roster.bad_rows(), 3);
    let (bytes, kept) = roster.to_bytes(FileKind::Csv).unwrap();
    assert_eq!(kept.bad_rows, 3, "the bad rows written as read");
    let (headers, rows) = csv_rows(&bytes);
    // Every row, in file order.
    let ids: Vec<&str> = rows.iter().map(|r| cell(&headers, r, "id")).collect();
    assert_eq!(
        ids,
        [
            "1003000001",
            "1003000002",
            "1003000003",
            "1003000004",
            "1003000005",
            "1003000006"
        ]
    );
    // The typos, as typed, under their own columns; the rest of the row with them.
    assert_eq!(cell(&headers, &rows[1], "quality"), "9l.3");
    assert_eq!(cell(&headers, &rows[1], "name"), "Northgate Cardiology");
    assert_eq!(
        cell(&headers, &rows[1], "part_b_allowed_charges"),
        "5200000"
    );
    assert_eq!(cell(&headers, &rows[3], "clinicians"), "O");
    assert_eq!(cell(&headers, &rows[3], "complex_patient_bonus"), "1.5");
    assert_eq!(cell(&headers, &rows[4], "rural"), "maybe");
    // Nothing of theirs is lost: the column the reader does not use is kept beside them.
    assert_eq!(cell(&headers, &rows[1], "specialty"), "cardiology");
    assert_eq!(cell(&headers, &rows[0], "specialty"), "");
    // A bad row has no results.
    assert_eq!(cell(&headers, &rows[1], "scored_final_score"), "");
    assert_ne!(cell(&headers, &rows[0], "scored_final_score"), "");

    // Opened again: the same bad rows with the same reasons, and the same results.
    let text = String::from_utf8(bytes).unwrap();
    let again =
        Roster::from_csv_text("saved.csv", &text, &ReadOptions::default(), &rules()).unwrap();
    assert_eq!(bad_rows(&again), bad_rows(&roster));
    let outcomes = |r: &Roster| r.scored().map(|r| r.outcome).collect::<Vec<_>>();
    assert_eq!(outcomes(&again), outcomes(&roster));

    // Fixing the typos in the saved file scores them, as the fixed original would.
    let fixed = text
        .replace("9l.3", "91.3")
        .replace(",O,", ",12,")
        .replace("maybe", "false");
    let fixed =
        Roster::from_csv_text("fixed.csv", &fixed, &ReadOptions::default(), &rules()).unwrap();
    assert_eq!(fixed.bad_rows(), 0);
    let original_fixed = TYPOS
        .replace("9l.3", "91.3")
        .replace(",O,", ",12,")
        .replace("maybe", "false");
    let original_fixed = Roster::from_csv_text(
        "original.csv",
        &original_fixed,
        &ReadOptions::default(),
        &rules(),
    )
    .unwrap();
    assert_eq!(outcomes(&fixed), outcomes(&original_fixed));
}

/// A saved workbook's first sheet, cell by cell.
fn sheet_rows(path: &Path) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn sheet_cell<'a>(rows: &'a [Vec<Data>], row: usize, name: &str) -> &'a Data {
    let i = rows[0]
        .iter()
        .position(|h| *h == Data::String(name.to_string()))
        .unwrap_or_else(|| panic!("no column {name}"));
    &rows[row][i]
}

#[test]
fn a_roster_saved_as_xlsx_keeps_its_bad_rows_as_they_were_read_and_in_their_place() {
    let roster = typos();
    let dir = scratch("xlsx");
    let path = dir.join("saved.xlsx");
    let (bytes, kept) = roster.to_bytes(FileKind::Xlsx).unwrap();
    assert_eq!(kept.bad_rows, 3);
    std::fs::write(&path, bytes).unwrap();
    let rows = sheet_rows(&path);
    assert_eq!(rows.len(), 7, "the header and every row");
    let ids: Vec<String> = (1..7)
        .map(|r| sheet_cell(&rows, r, "id").to_string())
        .collect();
    assert_eq!(ids[1], "1003000002");
    assert_eq!(ids[5], "1003000006");
    assert_eq!(
        sheet_cell(&rows, 2, "quality"),
        &Data::String("9l.3".into())
    );
    assert_eq!(
        sheet_cell(&rows, 4, "clinicians"),
        &Data::String("O".into())
    );
    assert_eq!(sheet_cell(&rows, 5, "rural"), &Data::String("maybe".into()));
    assert_eq!(
        sheet_cell(&rows, 2, "specialty"),
        &Data::String("cardiology".into())
    );
    let again = Roster::load(&path, &ReadOptions::default(), &rules()).unwrap();
    assert_eq!(bad_rows(&again), bad_rows(&roster));
    let outcomes = |r: &Roster| r.scored().map(|r| r.outcome).collect::<Vec<_>>();
    assert_eq!(outcomes(&again), outcomes(&roster));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_row_of_a_workbook_keeps_its_numbers_as_numbers_in_both_formats() {
    // A source workbook: numbers as numbers, a percent-formatted adjustment as its fraction.
    let dir = scratch("from-xlsx");
    let source = dir.join("source.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "id",
        "performance_year",
        "clinicians",
        "quality",
        "cost",
        "improvement_activities",
        "promoting_interoperability",
        "cms_payment_adjustment_percent",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    // Row 1 good; row 2 with a quality of 140 (out of range).
    for (r, quality) in [(1u32, 82.5), (2, 140.0)] {
        sheet
            .write_number(r, 0, 1003000000.0 + f64::from(r))
            .unwrap();
        sheet.write_number(r, 1, 2024.0).unwrap();
        sheet.write_number(r, 2, 8.0).unwrap();
        sheet.write_number(r, 3, quality).unwrap();
        sheet.write_number(r, 4, 61.25).unwrap();
        sheet.write_number(r, 5, 100.0).unwrap();
        sheet.write_number(r, 6, 88.0).unwrap();
        sheet.write_number(r, 7, 0.44).unwrap();
    }
    book.save(&source).unwrap();
    let roster = Roster::load(&source, &ReadOptions::default(), &rules()).unwrap();
    assert_eq!(roster.bad_rows(), 1);

    let saved = dir.join("saved.xlsx");
    std::fs::write(&saved, roster.to_bytes(FileKind::Xlsx).unwrap().0).unwrap();
    let rows = sheet_rows(&saved);
    assert_eq!(sheet_cell(&rows, 2, "quality"), &Data::Float(140.0));
    assert_eq!(sheet_cell(&rows, 2, "cost"), &Data::Float(61.25));
    assert_eq!(
        sheet_cell(&rows, 2, "cms_payment_adjustment_percent"),
        &Data::Float(0.44),
        "a bad row's number is written as it was read, not scaled by a percent format"
    );
    let again = Roster::load(&saved, &ReadOptions::default(), &rules()).unwrap();
    assert_eq!(bad_rows(&again), bad_rows(&roster));

    let (bytes, _) = roster.to_bytes(FileKind::Csv).unwrap();
    let (headers, rows) = csv_rows(&bytes);
    assert_eq!(cell(&headers, &rows[1], "quality"), "140");
    assert_eq!(cell(&headers, &rows[1], "cost"), "61.25");
    assert_eq!(cell(&headers, &rows[1], "id"), "1003000002");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_public_use_file_row_keeps_the_cells_the_saved_columns_cannot_hold_beside_it() {
    // PY2021 layout: the IA score is in points and a 0 can mean "not scored", so those cells
    // are not put under the saved roster's own percent columns.
    let text = std::fs::read_to_string("rosters/puf-2021.csv").unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let size = header.iter().position(|h| *h == "practice size").unwrap();
    let ia = header.iter().position(|h| *h == "ia score").unwrap();
    let mut cells: Vec<String> = lines[1].split(',').map(str::to_string).collect();
    cells[size] = "l".into();
    let ia_points = cells[ia].clone();
    lines[1] = cells.join(",");
    let broken = lines.join("\n");
    let options = ReadOptions {
        performance_year: Some(2021),
        mapping: None,
    };
    let roster = Roster::from_csv_text("2021.csv", &broken, &options, &rules()).unwrap();
    assert_eq!(roster.bad_rows(), 1);
    let (bytes, _) = roster.to_bytes(FileKind::Csv).unwrap();
    let (headers, rows) = csv_rows(&bytes);
    assert_eq!(rows.len(), roster.entries.len());
    assert_eq!(cell(&headers, &rows[0], "clinicians"), "l");
    assert_eq!(cell(&headers, &rows[0], "performance_year"), "2021");
    assert_eq!(cell(&headers, &rows[0], "improvement_activities"), "");
    assert_eq!(cell(&headers, &rows[0], "ia score (as read)"), ia_points);
    // Opened again: the row is still bad for its practice size.
    let again = Roster::from_csv_text(
        "saved.csv",
        std::str::from_utf8(&bytes).unwrap(),
        &ReadOptions::default(),
        &rules(),
    )
    .unwrap();
    let Entry::Bad(b) = &again.entries[0] else {
        panic!("row 1 is bad again")
    };
    assert!(
        b.problems[0]
            .field
            .as_deref()
            .unwrap()
            .contains("clinicians"),
        "{:?}",
        b.problems
    );
}

#[test]
fn cms_numbers_in_a_saved_workbook_read_back_as_they_were() {
    let roster = Roster::load(
        Path::new("tests/fixtures/roster-view.csv"),
        &ReadOptions::default(),
        &rules(),
    )
    .unwrap();
    let dir = scratch("cms");
    let path = dir.join("saved.xlsx");
    std::fs::write(&path, roster.to_bytes(FileKind::Xlsx).unwrap().0).unwrap();
    let again = Roster::load(&path, &ReadOptions::default(), &rules()).unwrap();
    let cms = |r: &Roster| r.scored().map(|r| r.read.cms).collect::<Vec<_>>();
    assert_eq!(cms(&again), cms(&roster));
    std::fs::remove_dir_all(&dir).unwrap();
}
