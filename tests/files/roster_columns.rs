//! A saved roster is the client's file with the results added: every column of the file the
//! roster does not read (a specialty, a state, notes, an account manager, a public use file's
//! points and flags) follows the roster's own columns with each row's cells as they were, for
//! scored and bad rows alike, read from the file again when it is saved; the saved file opens
//! with the same rows and results. A file changed or gone since it was opened is saved
//! without them, and the save says so.

use std::path::{Path, PathBuf};

use crate::common::*;
use calamine::{Data, Reader as _, Xlsx, open_workbook};
use mips_whatif::roster::table::{Entry, OtherColumns, Roster};
use mips_whatif::roster::{FileKind, ReadOptions};

/// A client's roster: the roster's own columns mixed with theirs, a comma and a quote in a
/// note, one row that cannot be scored (row 3, practice size `O`).
const CLIENT: &str = "\
Account Manager,id,name,specialty,performance_year,clinicians,state,participation,quality,cost,improvement_activities,promoting_interoperability,notes
Dana,1003000001,Riverside Family Medicine,family medicine,2024,8,CO,group,82.5,61.2,100,,\"call Jo, not \"\"Joe\"\"\"
Dana,1003000002,Northgate Cardiology,cardiology,2024,42,CO,group,91.3,70.4,100,88,
Lee,1003000003,Harbor Pediatrics,pediatrics,2024,O,GA,group,68.9,48.7,100,71,size to check
Lee,1003000004,Summit Orthopedics,,2024,27,GA,group,74.2,58.3,100,100,renewal in March
";

/// The client's columns the roster does not read, in the file's order.
const THEIRS: [&str; 4] = ["Account Manager", "specialty", "state", "notes"];

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("roster-columns-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn load(path: &Path, options: &ReadOptions) -> Roster {
    Roster::load(path, options, &rules()).unwrap()
}

/// The rows of a CSV, by header.
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
    let i = headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {headers:?}"));
    &row[i]
}

/// What a roster scores: each entry's row, its scenario and outcome (or its problems).
fn results(r: &Roster) -> Vec<String> {
    r.entries
        .iter()
        .map(|e| match e {
            Entry::Scored(t) => format!(
                "{} {:?} {:?} {:?}",
                t.read.row, t.read.scenario, t.outcome, t.read.cms
            ),
            Entry::Bad(b) => format!(
                "{} bad: {:?}",
                b.row,
                b.problems.iter().map(|d| &d.message).collect::<Vec<_>>()
            ),
        })
        .collect()
}

#[test]
fn a_roster_saved_as_csv_keeps_every_column_of_the_file_with_each_rows_cells() {
    let dir = scratch("csv");
    let source = dir.join("client.csv");
    std::fs::write(&source, CLIENT).unwrap();
    let roster = load(&source, &ReadOptions::default());
    assert_eq!(roster.bad_rows(), 1);
    let (bytes, saved) = roster.to_bytes(FileKind::Csv).unwrap();
    assert_eq!(saved.other_columns, OtherColumns::Kept(4));
    assert_eq!(saved.bad_rows, 1);
    let (headers, rows) = csv_rows(&bytes);
    // The roster's own columns first, then theirs, in the file's order, under their headers.
    let at = headers
        .iter()
        .position(|h| h == "scored_confidence")
        .unwrap();
    assert_eq!(&headers[at + 1..], THEIRS);
    assert_eq!(rows.len(), 4, "every row, the bad one too");
    let source_rows = csv_rows(CLIENT.as_bytes());
    for (k, row) in rows.iter().enumerate() {
        for name in THEIRS {
            assert_eq!(
                cell(&headers, row, name),
                cell(&source_rows.0, &source_rows.1[k], name),
                "row {} {name}",
                k + 1
            );
        }
    }
    assert_eq!(cell(&headers, &rows[0], "notes"), "call Jo, not \"Joe\"");
    assert_eq!(
        cell(&headers, &rows[2], "clinicians"),
        "O",
        "the bad row as read"
    );
    assert_eq!(cell(&headers, &rows[2], "Account Manager"), "Lee");
    assert_eq!(cell(&headers, &rows[2], "notes"), "size to check");

    // Opened again: the same rows and results, the bad row bad for the same reason.
    let again_path = dir.join("saved.csv");
    std::fs::write(&again_path, &bytes).unwrap();
    let again = load(&again_path, &ReadOptions::default());
    assert_eq!(results(&again), results(&roster));
    // Saved again from the saved file: the same file.
    let (twice, saved) = again.to_bytes(FileKind::Csv).unwrap();
    assert_eq!(saved.other_columns, OtherColumns::Kept(4));
    assert_eq!(
        String::from_utf8(twice).unwrap(),
        String::from_utf8(bytes).unwrap()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_edited_row_is_saved_with_its_edit_and_its_own_other_cells() {
    let dir = scratch("edit");
    let source = dir.join("client.csv");
    std::fs::write(&source, CLIENT).unwrap();
    let mut roster = load(&source, &ReadOptions::default());
    let Entry::Scored(row) = &mut roster.entries[1] else {
        panic!("row 2 is scored")
    };
    let mut edited = row.read.scenario.clone();
    edited.scores.set(
        mips_whatif::rules::Category::PromotingInteroperability,
        Some(100.0),
    );
    row.rescore(edited, &rules());
    let (bytes, _) = roster.to_bytes(FileKind::Csv).unwrap();
    let (headers, rows) = csv_rows(&bytes);
    assert_eq!(
        cell(&headers, &rows[1], "promoting_interoperability"),
        "100"
    );
    assert_eq!(cell(&headers, &rows[1], "specialty"), "cardiology");
    assert_eq!(cell(&headers, &rows[1], "Account Manager"), "Dana");
    assert_eq!(cell(&headers, &rows[3], "notes"), "renewal in March");
    std::fs::remove_dir_all(&dir).unwrap();
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
        .unwrap_or_else(|| panic!("no column {name} in {:?}", rows[0]));
    &rows[row][i]
}

#[test]
fn a_workbook_roster_keeps_its_other_columns_numbers_as_numbers_in_both_formats() {
    let dir = scratch("xlsx");
    let source = dir.join("client.xlsx");
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
        "panel size",
        "account manager",
        "signed",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    // Row 2 with a quality of 140 (out of range): bad.
    for (r, quality, panel, manager) in [(1u32, 82.5, 1250.5, "Dana"), (2, 140.0, 980.0, "Lee")] {
        sheet
            .write_number(r, 0, 1003000000.0 + f64::from(r))
            .unwrap();
        sheet.write_number(r, 1, 2024.0).unwrap();
        sheet.write_number(r, 2, 8.0).unwrap();
        sheet.write_number(r, 3, quality).unwrap();
        sheet.write_number(r, 4, 61.25).unwrap();
        sheet.write_number(r, 5, 100.0).unwrap();
        sheet.write_number(r, 6, 88.0).unwrap();
        sheet.write_number(r, 7, panel).unwrap();
        sheet.write_string(r, 8, manager).unwrap();
        sheet.write_boolean(r, 9, r == 1).unwrap();
    }
    book.save(&source).unwrap();
    let roster = load(&source, &ReadOptions::default());
    assert_eq!(roster.bad_rows(), 1);

    let saved = dir.join("saved.xlsx");
    let (bytes, what) = roster.to_bytes(FileKind::Xlsx).unwrap();
    assert_eq!(what.other_columns, OtherColumns::Kept(3));
    std::fs::write(&saved, bytes).unwrap();
    let rows = sheet_rows(&saved);
    assert_eq!(sheet_cell(&rows, 1, "panel size"), &Data::Float(1250.5));
    assert_eq!(
        sheet_cell(&rows, 1, "account manager"),
        &Data::String("Dana".into())
    );
    assert_eq!(sheet_cell(&rows, 1, "signed"), &Data::Bool(true));
    assert_eq!(sheet_cell(&rows, 2, "panel size"), &Data::Float(980.0));
    assert_eq!(
        sheet_cell(&rows, 2, "account manager"),
        &Data::String("Lee".into())
    );
    assert_eq!(sheet_cell(&rows, 2, "signed"), &Data::Bool(false));
    assert_eq!(sheet_cell(&rows, 2, "quality"), &Data::Float(140.0));
    let again = load(&saved, &ReadOptions::default());
    assert_eq!(results(&again), results(&roster));

    let (bytes, _) = roster.to_bytes(FileKind::Csv).unwrap();
    let (headers, rows) = csv_rows(&bytes);
    assert_eq!(cell(&headers, &rows[0], "panel size"), "1250.5");
    assert_eq!(cell(&headers, &rows[1], "account manager"), "Lee");
    assert_eq!(cell(&headers, &rows[0], "signed"), "true");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_public_use_file_saved_keeps_all_its_columns_and_opens_as_the_rosters_own() {
    let options = ReadOptions {
        performance_year: Some(2021),
        mapping: None,
    };
    let source = Path::new("rosters/puf-2021.csv");
    let roster = load(source, &options);
    let (bytes, saved) = roster.to_bytes(FileKind::Csv).unwrap();
    let (headers, rows) = csv_rows(&bytes);
    let OtherColumns::Kept(n) = saved.other_columns else {
        panic!("{:?}", saved.other_columns)
    };
    assert!(n > 20, "{headers:?}");
    // Columns the reader passes over keep their header; those it reads (in the file's own
    // conventions: points, zeros for "not scored", flags) are marked as read, so that the
    // saved file is not read as a public use file again nor given a field twice.
    for (name, saved_as) in [
        ("clinician specialty", "clinician specialty"),
        (
            "practice state or us territory",
            "practice state or us territory",
        ),
        ("ia score", "ia score (as read)"),
        ("engaged", "engaged (as read)"),
        ("quality category score", "quality category score (as read)"),
        ("provider key", "provider key (as read)"),
    ] {
        let text = std::fs::read_to_string(source).unwrap();
        let (src_headers, src_rows) = csv_rows(text.as_bytes());
        for (k, row) in rows.iter().enumerate() {
            assert_eq!(
                cell(&headers, row, saved_as),
                cell(&src_headers, &src_rows[k], name),
                "row {} {name}",
                k + 1
            );
        }
    }
    // The columns the roster reads as they are are its own (`id` for `npi`).
    assert!(!headers.iter().any(|h| h == "npi" || h == "practice size"));
    let dir = scratch("puf");
    let path = dir.join("saved.csv");
    std::fs::write(&path, &bytes).unwrap();
    let again = load(&path, &ReadOptions::default());
    assert_eq!(again.era, mips_whatif::roster::Era::Own);
    let outcomes = |r: &Roster| {
        r.scored()
            .map(|t| (t.read.row, t.outcome, t.read.cms))
            .collect::<Vec<_>>()
    };
    assert_eq!(outcomes(&again), outcomes(&roster));
    assert!(
        !again.notes.iter().any(|n| n.contains("as read")),
        "{:?}",
        again.notes
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_changed_since_it_was_opened_is_saved_without_its_other_columns_and_says_why() {
    let dir = scratch("changed");
    let source = dir.join("client.csv");
    std::fs::write(&source, CLIENT).unwrap();
    let roster = load(&source, &ReadOptions::default());
    // Someone edits the file while it is open.
    std::fs::write(&source, CLIENT.replace("Dana", "Dana Smith")).unwrap();
    let (bytes, saved) = roster.to_bytes(FileKind::Csv).unwrap();
    let OtherColumns::NotKept { columns, why } = &saved.other_columns else {
        panic!("{:?}", saved.other_columns)
    };
    assert_eq!(*columns, 4);
    assert!(why.contains("changed since it was opened"), "{why}");
    assert!(why.contains("client.csv"), "{why}");
    let (headers, rows) = csv_rows(&bytes);
    // Only the bad row's cells are held: its columns stay, the rest are left out.
    let at = headers
        .iter()
        .position(|h| h == "scored_confidence")
        .unwrap();
    assert_eq!(
        &headers[at + 1..],
        ["Account Manager", "specialty", "state", "notes"]
    );
    assert_eq!(cell(&headers, &rows[2], "Account Manager"), "Lee");
    assert_eq!(cell(&headers, &rows[0], "Account Manager"), "");
    assert!(!String::from_utf8(bytes.clone()).unwrap().contains("Dana"));

    // Gone: the same, and said so.
    std::fs::remove_file(&source).unwrap();
    let (_, saved) = roster.to_bytes(FileKind::Csv).unwrap();
    let OtherColumns::NotKept { why, .. } = &saved.other_columns else {
        panic!("{:?}", saved.other_columns)
    };
    assert!(why.ends_with("is gone"), "{why}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_without_bad_rows_changed_since_it_was_opened_counts_the_columns_left_out() {
    let dir = scratch("changed-good");
    let source = dir.join("client.csv");
    let good: String = CLIENT
        .lines()
        .filter(|l| !l.contains(",O,"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&source, &good).unwrap();
    let roster = load(&source, &ReadOptions::default());
    std::fs::write(&source, format!("{good}\n")).unwrap();
    let (bytes, saved) = roster.to_bytes(FileKind::Xlsx).unwrap();
    let OtherColumns::NotKept { columns, why } = &saved.other_columns else {
        panic!("{:?}", saved.other_columns)
    };
    assert_eq!(*columns, 4);
    assert!(why.contains("changed since it was opened"), "{why}");
    let path = dir.join("saved.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let rows = sheet_rows(&path);
    assert!(!rows[0].contains(&Data::String("specialty".into())));
    let again = load(&path, &ReadOptions::default());
    assert_eq!(results(&again), results(&roster));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_roster_saved_over_its_own_file_keeps_its_columns_at_the_next_save_too() {
    let dir = scratch("over");
    let source = dir.join("client.csv");
    std::fs::write(&source, CLIENT).unwrap();
    let mut roster = load(&source, &ReadOptions::default());
    let (first, saved) = roster.to_bytes(FileKind::Csv).unwrap();
    std::fs::write(&source, &first).unwrap();
    roster.saved_over_its_file(&saved, mips_whatif::files::FileStamp::of(&source));
    let (second, saved) = roster.to_bytes(FileKind::Csv).unwrap();
    assert_eq!(saved.other_columns, OtherColumns::Kept(4));
    assert_eq!(
        String::from_utf8(second).unwrap(),
        String::from_utf8(first).unwrap()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_semicolon_separated_files_other_cells_are_written_with_a_decimal_point() {
    let dir = scratch("semicolon");
    let source = dir.join("client.csv");
    std::fs::write(
        &source,
        "id;performance_year;clinicians;quality;cost;improvement_activities;promoting_interoperability;dual ratio;notes\n\
         1003000001;2024;8;82,5;61,2;100;;0,35;a, b\n",
    )
    .unwrap();
    let roster = load(&source, &ReadOptions::default());
    let (bytes, saved) = roster.to_bytes(FileKind::Csv).unwrap();
    assert_eq!(saved.other_columns, OtherColumns::Kept(2));
    let (headers, rows) = csv_rows(&bytes);
    assert_eq!(cell(&headers, &rows[0], "quality"), "82.5");
    assert_eq!(cell(&headers, &rows[0], "dual ratio"), "0.35");
    assert_eq!(cell(&headers, &rows[0], "notes"), "a, b");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_roster_saved_by_the_earlier_version_opens_and_saves_its_as_read_columns_as_they_are() {
    // The earlier version wrote a column the reader did not know as `HEADER (as read)`.
    let dir = scratch("earlier");
    let source = dir.join("saved-before.csv");
    std::fs::write(
        &source,
        "id,name,performance_year,clinicians,quality,cost,improvement_activities,promoting_interoperability,scored_final_score,specialty (as read)\n\
         1003000001,Riverside,2024,8,82.5,61.2,100,,81.36,family medicine\n",
    )
    .unwrap();
    let roster = load(&source, &ReadOptions::default());
    assert!(roster.notes.is_empty(), "passed over: {:?}", roster.notes);
    assert_eq!(roster.scored().count(), 1);
    let (bytes, _) = roster.to_bytes(FileKind::Csv).unwrap();
    let (headers, rows) = csv_rows(&bytes);
    assert_eq!(
        headers.iter().filter(|h| h.contains("specialty")).count(),
        1,
        "{headers:?}"
    );
    assert_eq!(
        cell(&headers, &rows[0], "specialty (as read)"),
        "family medicine"
    );
    assert_eq!(
        headers
            .iter()
            .filter(|h| *h == "scored_final_score")
            .count(),
        1,
        "the results are written afresh, not copied: {headers:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
