//! A roster read on several threads in chunks of any size gives the same rows, notes and
//! problems, in the same order and with the same row and line numbers, as read in one piece:
//! records cut anywhere (inside quotes, between CR and LF, before a byte-order mark), blank
//! records, bad rows and text that is not UTF-8 in any chunk.

use mips_whatif::roster::{Event, Ordered, Parallelism, ReadOptions, score_csv_with};
use mips_whatif::rules::RuleSet;

/// Everything the reading hands over, one line each, in order.
fn read(bytes: &[u8], parallelism: Parallelism) -> Vec<String> {
    let rules = RuleSet::embedded().expect("embedded rules are valid");
    let mut seen = Vec::new();
    score_csv_with(
        "r.csv",
        bytes,
        &ReadOptions::default(),
        &rules,
        parallelism,
        Vec::new,
        |out: &mut Vec<String>, _, e| match e {
            Event::Scored(s) => out.push(format!(
                "row {} line {} id {:?} {} {:.4} {:?}",
                s.row.row,
                s.row.line,
                s.row.id,
                s.row.scenario.name.clone().unwrap_or_default(),
                s.result.final_score,
                s.row.notes
            )),
            Event::Bad(b) => out.push(format!(
                "bad row {} line {} id {:?}: {}",
                b.row,
                b.line,
                b.id,
                b.problems
                    .iter()
                    .map(|d| d.one_line())
                    .collect::<Vec<_>>()
                    .join(" | ")
            )),
            Event::Columns(_) | Event::Note(_) => {}
        },
        |o| match o {
            Ordered::Columns(l) => seen.push(format!("columns {}", l.headers.join("|"))),
            Ordered::Note(n) => seen.push(format!("note {n}")),
            Ordered::Rows(rows) => seen.extend(rows),
        },
    )
    .expect("the roster reads");
    seen
}

fn roster() -> Vec<u8> {
    let mut r: Vec<u8> = Vec::new();
    r.extend_from_slice(b"\n,,\n");
    r.extend_from_slice(
        b"name,performance_year,clinicians,quality,cost,improvement_activities,promoting_interoperability\r\n",
    );
    for i in 0..40u32 {
        match i % 8 {
            0 => r.extend_from_slice(
                format!("\"Dr. {i}, \"\"Jr.\"\"\",2024,{},80,50,100,\n", 1 + i).as_bytes(),
            ),
            1 => {
                r.extend_from_slice(format!("\"Two\nline {i}\",2024,3,70.5,,100,90\r\n").as_bytes())
            }
            2 => r.extend_from_slice(b"\n , ,\n\n"),
            3 => r.extend_from_slice(format!("Bad {i},2024,many,80,50,100,\n").as_bytes()),
            4 => {
                r.extend_from_slice(b"Ren\xe9e");
                r.extend_from_slice(format!(" {i},2023,4,85,40,100,70\n").as_bytes());
            }
            5 => r.extend_from_slice(format!("\u{feff}Mark {i},2022,20,60,60,50,60\n").as_bytes()),
            6 => r.extend_from_slice(format!("5\" tall {i},2024,16,101,50,100,\n").as_bytes()),
            _ => r.extend_from_slice(format!("Plain {i},2021,1,90,,40,100\n").as_bytes()),
        }
    }
    r.extend_from_slice(b"Last,2024,2,80,50,100,");
    r
}

#[test]
fn chunks_of_any_size_read_as_one_piece() {
    let bytes = roster();
    let whole = read(
        &bytes,
        Parallelism {
            workers: 1,
            chunk_bytes: 1 << 20,
        },
    );
    assert_eq!(whole.len(), 38, "{whole:#?}");
    for workers in [1, 2, 3] {
        for chunk_bytes in [1, 2, 7, 40, 64, 100, 333] {
            let chunked = read(
                &bytes,
                Parallelism {
                    workers,
                    chunk_bytes,
                },
            );
            assert_eq!(
                chunked, whole,
                "{workers} workers, chunks of {chunk_bytes} bytes"
            );
        }
    }
}

#[test]
fn rows_and_lines_are_counted_as_the_file_has_them() {
    let seen = read(&roster(), Parallelism::default());
    let pick = |prefix: &str| {
        seen.iter()
            .find(|s| s.contains(prefix))
            .unwrap_or_else(|| panic!("{prefix}: {seen:#?}"))
            .clone()
    };
    // Two blank lines and a blank record before the header on line 3.
    assert!(
        seen[0].starts_with("columns name|performance_year"),
        "{seen:#?}"
    );
    assert!(
        pick("\"Dr. 0, \\\"Jr.\\\"\"").starts_with("row 1 line 4 "),
        "{seen:#?}"
    );
    // Row 2 spans lines 5 and 6; the blank lines and record after it are not rows.
    assert!(
        pick("Two\\nline 1").starts_with("row 2 line 5 "),
        "{seen:#?}"
    );
    assert!(
        pick("Bad 3").starts_with(
            "bad row 3 line 10 id Some(\"Bad 3\"): r.csv:10: row 3, clinicians (column 3): \"many\" is not a number"
        ),
        "{seen:#?}"
    );
    // Said once, at the first row that is not UTF-8.
    let notes: Vec<&String> = seen.iter().filter(|s| s.contains("not UTF-8")).collect();
    assert_eq!(
        notes,
        ["note r.csv:11: not UTF-8 text: read as Windows-1252 (what Excel writes on Windows)"]
    );
    assert!(pick("Renée 4").starts_with("row 4 line 11 "), "{seen:#?}");
    assert!(
        pick("\u{feff}Mark 5").starts_with("row 5 line 12 "),
        "{seen:#?}"
    );
    assert!(pick("Last").starts_with("row 36 line "), "{seen:#?}");
}
