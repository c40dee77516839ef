//! The catalogue of bad inputs: each one goes through the real binary (`mips-whatif score`),
//! and each must give exit code 2, exactly the message written here, nothing on stdout, and
//! never a panic.
//!
//! Scenario files are written into a temporary folder that is the binary's working folder,
//! so every path in a message is the short relative path written here.

use std::path::Path;

use assert_cmd::Command;

/// How a case prepares its input.
enum Input {
    /// A scenario file with this text, scored as `score bad.toml`.
    Text(&'static str),
    /// A scenario file with these bytes.
    Bytes(&'static [u8]),
    /// Anything else: prepare the folder, return the arguments.
    Setup(fn(&Path) -> Vec<String>),
}

struct Case {
    name: &'static str,
    input: Input,
    /// The whole of stderr. `{LINE:text}` stands for the number of the first line of the
    /// shipped PY2024 rules that starts with `text` (rules cases, whose line numbers come
    /// from the shipped file).
    stderr: &'static str,
}

const GOOD_HEAD: &str = "performance_year = 2024\n[practice]\nclinicians = 8\n";

/// The shipped rules for a year, as text.
fn shipped_rules(year: u16) -> String {
    let name = format!("{year}.toml");
    mips_whatif::rules::EMBEDDED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t.to_string())
        .expect("the year is shipped")
}

/// A valid scenario file in `dir`, for the rules-folder cases.
fn write_good(dir: &Path) {
    std::fs::write(
        dir.join("good.toml"),
        format!("{GOOD_HEAD}[scores]\nquality = 80\ncost = 70\nimprovement_activities = 100\n"),
    )
    .unwrap();
}

fn args(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| s.to_string()).collect()
}

/// `expected` with every `{LINE:text}` replaced (see [`Case::stderr`]).
fn expand_lines(expected: &str) -> String {
    let rules = shipped_rules(2024);
    let mut out = expected.to_string();
    while let Some(start) = out.find("{LINE:") {
        let end = start + out[start..].find('}').expect("a closed {LINE:…}");
        let text = &out[start + "{LINE:".len()..end];
        let line = rules
            .lines()
            .position(|l| l.starts_with(text))
            .unwrap_or_else(|| panic!("no line starts with {text:?}"))
            + 1;
        out.replace_range(start..=end, &line.to_string());
    }
    out
}

/// A folder `rules/` holding the shipped PY2024 rules with `from` replaced by `to` (once).
fn rules_with(dir: &Path, from: &str, to: &str) -> Vec<String> {
    write_good(dir);
    std::fs::create_dir(dir.join("rules")).unwrap();
    let text = shipped_rules(2024);
    assert!(text.contains(from), "the shipped rules contain {from:?}");
    std::fs::write(dir.join("rules/2024.toml"), text.replacen(from, to, 1)).unwrap();
    args(&["--rules", "rules", "score", "good.toml"])
}

fn cases() -> Vec<Case> {
    vec![
        // ---- malformed TOML ----
        Case {
            name: "unclosed table header",
            input: Input::Text("performance_year = 2024\n[practice\nclinicians = 8\n"),
            stderr: "\
error: bad.toml:2:10: not valid TOML: unclosed table, expected `]`
   |
 2 | [practice
   |          ^
  = allowed: TOML: `key = value` lines under [table] headers, text in double quotes, each key and each table once
",
        },
        Case {
            name: "two equals signs",
            input: Input::Text("performance_year = = 2024\n"),
            stderr: "\
error: bad.toml:1:20: not valid TOML: extra `=`, expected nothing
   |
 1 | performance_year = = 2024
   |                    ^
  = allowed: TOML: `key = value` lines under [table] headers, text in double quotes, each key and each table once
",
        },
        Case {
            name: "duplicate key",
            input: Input::Text("performance_year = 2024\nperformance_year = 2025\n"),
            stderr: "\
error: bad.toml:2:1: not valid TOML: `performance_year` is defined twice
   |
 2 | performance_year = 2025
   | ^
  = allowed: TOML: `key = value` lines under [table] headers, text in double quotes, each key and each table once
",
        },
        Case {
            name: "duplicate table",
            input: Input::Text(
                "performance_year = 2024\n[practice]\nclinicians = 8\n[practice]\nclinicians = 9\n",
            ),
            stderr: "\
error: bad.toml:4:2: not valid TOML: `practice` is defined twice
   |
 4 | [practice]
   |  ^
  = allowed: TOML: `key = value` lines under [table] headers, text in double quotes, each key and each table once
",
        },
        Case {
            name: "unterminated string",
            input: Input::Text("name = \"unterminated\nperformance_year = 2024\n"),
            stderr: "\
error: bad.toml:1:21: not valid TOML: invalid basic string, expected `\"`
   |
 1 | name = \"unterminated
   |                     ^
  = allowed: TOML: `key = value` lines under [table] headers, text in double quotes, each key and each table once
",
        },
        Case {
            name: "unquoted text value",
            input: Input::Text("performance_year = 2024\nreporting_option = mvp\n"),
            stderr: "\
error: bad.toml:2:20: not valid TOML: string values must be quoted, expected literal string
   |
 2 | reporting_option = mvp
   |                    ^
  = allowed: TOML: `key = value` lines under [table] headers, text in double quotes, each key and each table once
",
        },
        // ---- wrong types ----
        Case {
            name: "year as a string",
            input: Input::Text("performance_year = \"2024\"\n[practice]\nclinicians = 8\n"),
            stderr: "\
error: bad.toml:1:20: performance_year: must be a whole number, found the string \"2024\"
   |
 1 | performance_year = \"2024\"
   |                    ^
  = allowed: a year from 2017 to 2026, e.g. performance_year = 2024
",
        },
        Case {
            name: "fractional clinicians",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 8.5\n"),
            stderr: "\
error: bad.toml:3:14: practice.clinicians: must be a whole number, found the number 8.5
   |
 3 | clinicians = 8.5
   |              ^
  = allowed: a whole number of clinicians from 1 to 1000000 (15 or fewer is a small practice)
",
        },
        Case {
            name: "practice is not a table",
            input: Input::Text("performance_year = 2024\npractice = 5\n"),
            stderr: "\
error: bad.toml:2:12: practice: must be a table, found the number 5
   |
 2 | practice = 5
   |            ^
  = allowed: a [practice] section
",
        },
        Case {
            name: "boolean as a string",
            input: Input::Text(
                "performance_year = 2024\n[practice]\nclinicians = 8\nrural = \"yes\"\n",
            ),
            stderr: "\
error: bad.toml:4:9: practice.rural: must be true or false, found the string \"yes\"
   |
 4 | rural = \"yes\"
   |         ^
  = allowed: true or false (no quotes)
",
        },
        Case {
            name: "score as a word",
            input: Input::Text(
                "performance_year = 2024\n[practice]\nclinicians = 8\n[scores]\nquality = \"high\"\n",
            ),
            stderr: "\
error: bad.toml:5:11: scores.quality: must be a number, found the string \"high\"
   |
 5 | quality = \"high\"
   |           ^
  = allowed: a percent from 0 to 100; leave the key out if the category is not scored
",
        },
        // ---- out-of-range and unusable numbers ----
        Case {
            name: "score of 120",
            input: Input::Text(
                "performance_year = 2024\n[practice]\nclinicians = 8\n[scores]\nquality = 120\n",
            ),
            stderr: "\
error: bad.toml:5:11: scores.quality: 120 is out of range
   |
 5 | quality = 120
   |           ^
  = allowed: a percent from 0 to 100; leave the key out if the category is not scored
",
        },
        Case {
            name: "score of -1",
            input: Input::Text(
                "performance_year = 2024\n[practice]\nclinicians = 8\n[scores]\ncost = -1\n",
            ),
            stderr: "\
error: bad.toml:5:8: scores.cost: -1 is out of range
   |
 5 | cost = -1
   |        ^
  = allowed: a percent from 0 to 100; leave the key out if the category is not scored
",
        },
        Case {
            name: "score just below 0",
            input: Input::Text(
                "performance_year = 2024\n[practice]\nclinicians = 8\n[scores]\ncost = -0.0000001\n",
            ),
            stderr: "\
error: bad.toml:5:8: scores.cost: -0.0000001 is out of range
   |
 5 | cost = -0.0000001
   |        ^
  = allowed: a percent from 0 to 100; leave the key out if the category is not scored
",
        },
        Case {
            name: "score nan",
            input: Input::Text(
                "performance_year = 2024\n[practice]\nclinicians = 8\n[scores]\nimprovement_activities = nan\n",
            ),
            stderr: "\
error: bad.toml:5:26: scores.improvement_activities: nan (not a number) is not allowed
   |
 5 | improvement_activities = nan
   |                          ^
  = allowed: a percent from 0 to 100; leave the key out if the category is not scored
",
        },
        Case {
            name: "score inf",
            input: Input::Text(
                "performance_year = 2024\n[practice]\nclinicians = 8\n[scores]\npromoting_interoperability = inf\n",
            ),
            stderr: "\
error: bad.toml:5:30: scores.promoting_interoperability: inf (infinity) is not allowed
   |
 5 | promoting_interoperability = inf
   |                              ^
  = allowed: a percent from 0 to 100; leave the key out if the category is not scored
",
        },
        Case {
            name: "score too large to represent",
            input: Input::Text(
                "performance_year = 2024\n[practice]\nclinicians = 8\n[scores]\nquality = 1e400\n",
            ),
            stderr: "\
error: bad.toml:5:11: scores.quality: 1e400 is too large
   |
 5 | quality = 1e400
   |           ^
  = allowed: a percent from 0 to 100; leave the key out if the category is not scored
",
        },
        // ---- unknown and misspelt keys ----
        Case {
            name: "unknown key",
            input: Input::Text(
                "performance_year = 2024\ncolour = \"blue\"\n[practice]\nclinicians = 8\n",
            ),
            stderr: "\
error: bad.toml:2:1: colour: unknown key `colour` at the top level
   |
 2 | colour = \"blue\"
   | ^
  = allowed: name, performance_year, reporting_option, practice, scores, bonuses, assumptions, quality, cost, improvement_activities, promoting_interoperability
",
        },
        Case {
            name: "misspelt key",
            input: Input::Text(
                "performance_year = 2024\n[practice]\nclinicians = 8\n[scores]\nqualty = 80\n",
            ),
            stderr: "\
error: bad.toml:5:1: scores.qualty: unknown key `qualty` in [scores] — did you mean `quality`?
   |
 5 | qualty = 80
   | ^
  = allowed: quality, cost, improvement_activities, promoting_interoperability
",
        },
        Case {
            name: "key in the wrong table",
            input: Input::Text("performance_year = 2024\nclinicians = 8\n[practice]\n"),
            stderr: "\
error: bad.toml:2:1: clinicians: unknown key `clinicians` at the top level — `clinicians` belongs in [practice]
   |
 2 | clinicians = 8
   | ^
  = allowed: name, performance_year, reporting_option, practice, scores, bonuses, assumptions, quality, cost, improvement_activities, promoting_interoperability
",
        },
        Case {
            name: "misspelt choice",
            input: Input::Text(
                "performance_year = 2024\nreporting_option = \"tradtional\"\n[practice]\nclinicians = 8\n",
            ),
            stderr: "\
error: bad.toml:2:20: reporting_option: \"tradtional\" is not one of the choices — did you mean \"traditional\"?
   |
 2 | reporting_option = \"tradtional\"
   |                    ^
  = allowed: \"traditional\", \"mvp\", \"app\"
",
        },
        // ---- missing things ----
        Case {
            name: "missing performance_year",
            input: Input::Text("[practice]\nclinicians = 8\n"),
            stderr: "\
error: bad.toml: performance_year: is missing
  = allowed: a year from 2017 to 2026, e.g. performance_year = 2024
",
        },
        Case {
            name: "missing [practice]",
            input: Input::Text("performance_year = 2024\n[scores]\nquality = 80\n"),
            stderr: "\
error: bad.toml: practice: the [practice] table is missing
  = allowed: [practice] with at least clinicians = N (15 or fewer is a small practice)
",
        },
        Case {
            name: "missing clinicians",
            input: Input::Text("performance_year = 2024\n[practice]\nrural = true\n"),
            stderr: "\
error: bad.toml:2:1: practice.clinicians: is missing from [practice]
   |
 2 | [practice]
   | ^
  = allowed: a whole number of clinicians from 1 to 1000000 (15 or fewer is a small practice)
",
        },
        Case {
            name: "clinicians 0",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 0\n"),
            stderr: "\
error: bad.toml:3:14: practice.clinicians: 0 is out of range
   |
 3 | clinicians = 0
   |              ^
  = allowed: a whole number of clinicians from 1 to 1000000 (15 or fewer is a small practice)
",
        },
        // ---- rules of the year ----
        Case {
            name: "year 2031",
            input: Input::Text("performance_year = 2031\n[practice]\nclinicians = 8\n"),
            stderr: "\
error: bad.toml:1:20: performance_year: 2031 is not a supported performance year
   |
 1 | performance_year = 2031
   |                    ^
  = allowed: 2017–2026 (later years are not yet settled by CMS)
",
        },
        Case {
            name: "year 2016",
            input: Input::Text("performance_year = 2016\n[practice]\nclinicians = 8\n"),
            stderr: "\
error: bad.toml:1:20: performance_year: 2016 is not a supported performance year
   |
 1 | performance_year = 2016
   |                    ^
  = allowed: 2017–2026 (later years are not yet settled by CMS)
",
        },
        Case {
            name: "MVP before 2023",
            input: Input::Text(
                "performance_year = 2022\nreporting_option = \"mvp\"\n[practice]\nclinicians = 8\n",
            ),
            stderr: "\
error: bad.toml:2:20: reporting_option: MVPs did not exist in PY2022
   |
 2 | reporting_option = \"mvp\"
   |                    ^
  = allowed: \"mvp\" from PY2023 on; \"traditional\" or \"app\" before
",
        },
        Case {
            name: "subgroup without MVP",
            input: Input::Text(
                "performance_year = 2024\n[practice]\nclinicians = 8\nparticipation = \"subgroup\"\n",
            ),
            stderr: "\
error: bad.toml:4:17: practice.participation: subgroups can only report an MVP
   |
 4 | participation = \"subgroup\"
   |                 ^
  = allowed: participation = \"subgroup\" with reporting_option = \"mvp\" (PY2023+)
",
        },
        Case {
            name: "complex patient bonus above the year's maximum",
            input: Input::Text(
                "performance_year = 2019\n[practice]\nclinicians = 8\n[bonuses]\ncomplex_patient = 6\n",
            ),
            stderr: "\
error: bad.toml:5:19: bonuses.complex_patient: 6 is more than PY2019's maximum of 5 points
   |
 5 | complex_patient = 6
   |                   ^
  = allowed: 0 to 5 points in PY2019
",
        },
        Case {
            name: "negative complex patient bonus",
            input: Input::Text(
                "performance_year = 2024\n[practice]\nclinicians = 8\n[bonuses]\ncomplex_patient = -2\n",
            ),
            stderr: "\
error: bad.toml:5:19: bonuses.complex_patient: -2 is negative
   |
 5 | complex_patient = -2
   |                   ^
  = allowed: 0 to 10 points in PY2024
",
        },
        Case {
            name: "complex patient bonus in PY2017",
            input: Input::Text(
                "performance_year = 2017\n[practice]\nclinicians = 8\n[bonuses]\ncomplex_patient = 3\n",
            ),
            stderr: "\
error: bad.toml:5:19: bonuses.complex_patient: PY2017 had no complex patient bonus, got 3
   |
 5 | complex_patient = 3
   |                   ^
  = allowed: 0, or leave complex_patient out (the bonus starts in PY2018)
",
        },
        Case {
            name: "exceptional bonus assumption in PY2024",
            input: Input::Text(
                "performance_year = 2024\n[practice]\nclinicians = 8\n[assumptions]\nexceptional_bonus_max = 5\n",
            ),
            stderr: "\
error: bad.toml:5:25: assumptions.exceptional_bonus_max: PY2024 has no exceptional performance bonus
   |
 5 | exceptional_bonus_max = 5
   |                         ^
  = allowed: only for PY2017–2022
",
        },
        Case {
            name: "maximum positive adjustment above 3 × the applicable percent",
            input: Input::Text(
                "performance_year = 2025\n[practice]\nclinicians = 8\n[assumptions]\nmax_positive_adjustment = 30\n",
            ),
            stderr: "\
error: bad.toml:5:27: assumptions.max_positive_adjustment: 30 is out of range
   |
 5 | max_positive_adjustment = 30
   |                           ^
  = allowed: 0 to 27 percent at a final score of 100 (the scaling factor is at most 3)
",
        },
        Case {
            name: "negative Part B charges",
            input: Input::Text(
                "performance_year = 2024\n[practice]\nclinicians = 8\npart_b_allowed_charges = -100\n",
            ),
            stderr: "\
error: bad.toml:4:26: practice.part_b_allowed_charges: -100 is out of range
   |
 4 | part_b_allowed_charges = -100
   |                          ^
  = allowed: dollars from 0 to 10,000,000,000
",
        },
        // ---- the file itself ----
        Case {
            name: "empty file",
            input: Input::Text(""),
            stderr: "\
error: bad.toml: the file is empty
  = allowed: at least performance_year = 2024 and a [practice] table with clinicians = N (see the README)
",
        },
        Case {
            name: "whitespace-only file",
            input: Input::Text("  \n\t\n   \n"),
            stderr: "\
error: bad.toml: the file has nothing but blank space
  = allowed: at least performance_year = 2024 and a [practice] table with clinicians = N (see the README)
",
        },
        Case {
            name: "not UTF-8",
            input: Input::Bytes(b"name = \"caf\xe9\"\nperformance_year = 2024\n"),
            stderr: "\
error: bad.toml:1:12: is not UTF-8 text (invalid byte here)
  = allowed: a UTF-8 encoded TOML file
",
        },
        Case {
            name: "terminal control characters are not echoed",
            input: Input::Bytes(b"performance_year = 2024\nreporting_option = \"\x1b[2J\"\n"),
            stderr: "\
error: bad.toml:2:21: not valid TOML: invalid basic string, expected non-double-quote visible characters, `\\`
   |
 2 | reporting_option = \"\u{FFFD}[2J\"
   |                     ^
  = allowed: TOML: `key = value` lines under [table] headers, text in double quotes, each key and each table once
",
        },
        Case {
            name: "a directory",
            input: Input::Setup(|dir| {
                std::fs::create_dir(dir.join("scenarios")).unwrap();
                args(&["score", "scenarios"])
            }),
            stderr: "\
error: scenarios: is a folder, not a file
  = allowed: the path of a .toml file inside the folder
",
        },
        Case {
            name: "a missing file",
            input: Input::Setup(|_| args(&["score", "no-such-file.toml"])),
            stderr: "\
error: no-such-file.toml: no such file
  = allowed: the path of an existing scenario file, e.g. scenarios/small-rural-group-no-pi.toml
",
        },
        Case {
            name: "a path through a file",
            input: Input::Setup(|dir| {
                std::fs::write(dir.join("plain"), "x").unwrap();
                args(&["score", "plain/bad.toml"])
            }),
            stderr: "\
error: plain/bad.toml: part of the path is a file, not a folder
  = allowed: the path of an existing scenario file
",
        },
        Case {
            name: "a 50 MB file",
            input: Input::Setup(|dir| {
                // Sparse: the size is real, the disk blocks are not written.
                let f = std::fs::File::create(dir.join("huge.toml")).unwrap();
                f.set_len(50 * 1024 * 1024).unwrap();
                args(&["score", "huge.toml"])
            }),
            stderr: "\
error: huge.toml: is 50.0 MB: too large to be a scenario or rules file
  = allowed: a TOML file of at most 1.0 MB (1,048,576 bytes)
",
        },
        // ---- --rules DIR ----
        Case {
            name: "rules whose weights do not sum to 100",
            input: Input::Setup(|dir| {
                write_good(dir);
                std::fs::create_dir(dir.join("rules")).unwrap();
                let text = shipped_rules(2024);
                // The first weight row is 30/30/15/25: make it 31/30/15/25.
                let at = text.find("[[weights]]").unwrap();
                let (head, rows) = text.split_at(at);
                let rows = rows.replacen("quality = 30\n", "quality = 31\n", 1);
                std::fs::write(dir.join("rules/2024.toml"), format!("{head}{rows}")).unwrap();
                args(&["--rules", "rules", "score", "good.toml"])
            }),
            stderr: "\
error: rules/2024.toml:{LINE:[[weights]]}: weights: weights 31/30/15/25 add up to 101, not 100
  = allowed: quality + cost + improvement_activities + promoting_interoperability = 100
",
        },
        Case {
            name: "rules missing a redistribution row",
            input: Input::Setup(|dir| {
                write_good(dir);
                std::fs::create_dir(dir.join("rules")).unwrap();
                let text = shipped_rules(2024);
                let rows: Vec<&str> = text
                    .split("[[weights]]")
                    .filter(|b| !b.contains("not_scored = [\"cost\"]\n"))
                    .collect();
                std::fs::write(dir.join("rules/2024.toml"), rows.join("[[weights]]")).unwrap();
                args(&["--rules", "rules", "score", "good.toml"])
            }),
            stderr: "\
error: rules/2024.toml: weights: no traditional weight row for not_scored = [cost]
  = allowed: every combination of categories not scored that leaves two or more scored needs a row
",
        },
        Case {
            name: "rules with a number written as text",
            input: Input::Setup(|dir| {
                rules_with(dir, "payment_year = 2026\n", "payment_year = \"2026\"\n")
            }),
            stderr: "\
error: rules/2024.toml:{LINE:payment_year}:16: invalid type: string \"2026\", expected a whole number
   |
 {LINE:payment_year} | payment_year = \"2026\"
   |                ^
  = allowed: a year rules file in the format of the shipped ones (assets/rules/2024.toml)
",
        },
        Case {
            name: "rules with an unknown pathway",
            input: Input::Setup(|dir| {
                rules_with(dir, "pathway = \"traditional\"\n", "pathway = \"tradition\"\n")
            }),
            stderr: "\
error: rules/2024.toml:{LINE:pathway}:11: unknown variant `tradition`, expected `traditional` or `app`
    |
 {LINE:pathway} | pathway = \"tradition\"
    |           ^
  = allowed: a year rules file in the format of the shipped ones (assets/rules/2024.toml)
",
        },
        Case {
            name: "rules missing a field",
            input: Input::Setup(|dir| rules_with(dir, "payment_year = 2026\n", "")),
            stderr: "\
error: rules/2024.toml: missing field `payment_year`
  = allowed: a year rules file in the format of the shipped ones (assets/rules/2024.toml)
",
        },
        Case {
            name: "rules folder that does not exist",
            input: Input::Setup(|dir| {
                write_good(dir);
                args(&["--rules", "no-such-rules", "score", "good.toml"])
            }),
            stderr: "\
error: no-such-rules: cannot read the rules folder: no such file or folder
  = allowed: --rules takes a folder of year files such as 2024.toml
",
        },
        Case {
            name: "rules folder without .toml files",
            input: Input::Setup(|dir| {
                write_good(dir);
                std::fs::create_dir(dir.join("rules")).unwrap();
                std::fs::write(dir.join("rules/README.txt"), "notes").unwrap();
                args(&["--rules", "rules", "score", "good.toml"])
            }),
            stderr: "\
error: rules: the rules folder has no .toml files
  = allowed: one file per performance year, e.g. 2024.toml, in the format of assets/rules/
",
        },
        Case {
            name: "rules path that is a file",
            input: Input::Setup(|dir| {
                write_good(dir);
                args(&["--rules", "good.toml", "score", "good.toml"])
            }),
            stderr: "\
error: good.toml: cannot read the rules folder: it is a file, not a folder
  = allowed: --rules takes a folder of year files such as 2024.toml
",
        },
        Case {
            name: "rules folder defining a year twice",
            input: Input::Setup(|dir| {
                write_good(dir);
                std::fs::create_dir(dir.join("rules")).unwrap();
                std::fs::write(dir.join("rules/2024.toml"), shipped_rules(2024)).unwrap();
                std::fs::write(dir.join("rules/2024-copy.toml"), shipped_rules(2024)).unwrap();
                args(&["--rules", "rules", "score", "good.toml"])
            }),
            stderr: "\
error: rules/2024.toml: performance_year: PY2024 is already defined by rules/2024-copy.toml
  = allowed: one file per performance year in the rules folder
",
        },
        // ---- the table command's options ----
        Case {
            name: "table for an unsupported year",
            input: Input::Setup(|_| args(&["table", "--year", "2031"])),
            stderr: "\
error: --year 2031: not a supported performance year
  = allowed: 2017–2026
",
        },
        Case {
            name: "table with a negative step",
            input: Input::Setup(|_| args(&["table", "--step", "-5"])),
            stderr: "\
error: --step -5: out of range
  = allowed: 0.01 to 100
",
        },
        Case {
            name: "table with a negative maximum",
            input: Input::Setup(|_| args(&["table", "--max-positive", "-1"])),
            stderr: "\
error: --max-positive -1: out of range
  = allowed: 0 to 27 (percent at a final score of 100)
",
        },
        // ---- categories built from measures ----
        Case {
            name: "benchmark of an id the year does not have",
            input: Input::Setup(|_| args(&["benchmark", "47", "--year", "2024"])),
            stderr: "\
error: benchmark 47: no PY2024 benchmark for that measure id — did you mean \"047\"?
  = allowed: a measure id with a benchmark in PY2024: `mips-whatif measures --year 2024 --search WORDS` lists them
",
        },
        Case {
            name: "benchmark in a collection type the measure has none for",
            input: Input::Setup(|_| args(&["benchmark", "047", "--year", "2024", "--collection-type", "ecqm"])),
            stderr: "\
error: --collection-type ecqm: 047 has no PY2024 benchmark for eCQM
  = allowed: \"claims\" (Medicare Part B claims), \"registry\" (MIPS CQM)
",
        },
        Case {
            name: "measures for a year without CMS data",
            input: Input::Setup(|_| args(&["measures", "--year", "2031"])),
            stderr: "\
error: --year 2031: no CMS measure data for that year
  = allowed: 2017–2026
",
        },
        Case {
            name: "quality measure id unknown for the year",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 8\n[quality]\n[[quality.measures]]\nid = \"47x\"\ncollection_type = \"registry\"\nperformance_rate = 80\n"),
            stderr: "\
error: bad.toml:6:6: quality.measures[1].id: \"47x\" is not a PY2024 quality measure — did you mean \"047\"?
   |
 6 | id = \"47x\"
   |      ^
  = allowed: a quality measure id of PY2024: `mips-whatif measures --year 2024 --search WORDS` lists them
",
        },
        Case {
            name: "quality measure id by title words",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 8\n[quality]\n[[quality.measures]]\nid = \"blood pressure\"\ncollection_type = \"registry\"\nperformance_rate = 80\n"),
            stderr: "\
error: bad.toml:6:6: quality.measures[1].id: \"blood pressure\" is not a PY2024 quality measure — did you mean \"236\" (Controlling High Blood Pressure) or \"236SSP\" (Controlling High Blood Pressure) or \"317\" (Preventive Care and Screening: Screening for High…)?
   |
 6 | id = \"blood pressure\"
   |      ^
  = allowed: a quality measure id of PY2024: `mips-whatif measures --year 2024 --search WORDS` lists them
",
        },
        Case {
            name: "collection type the measure does not have that year",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 8\n[quality]\n[[quality.measures]]\nid = \"047\"\ncollection_type = \"ecqm\"\nperformance_rate = 80\n"),
            stderr: "\
error: bad.toml:7:19: quality.measures[1].collection_type: 047 has no eCQM collection type in PY2024
   |
 7 | collection_type = \"ecqm\"
   |                   ^
  = allowed: one of \"claims\" (Medicare Part B claims), \"registry\" (MIPS CQM) for 047 in PY2024
",
        },
        Case {
            name: "collection type misspelt",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 8\n[quality]\n[[quality.measures]]\nid = \"047\"\ncollection_type = \"mips-cqm\"\nperformance_rate = 80\n"),
            stderr: "\
error: bad.toml:7:19: quality.measures[1].collection_type: \"mips-cqm\" is not a collection type — did you mean \"mips_cqm\"?
   |
 7 | collection_type = \"mips-cqm\"
   |                   ^
  = allowed: one of \"claims\" (Medicare Part B claims), \"registry\" (MIPS CQM) for 047 in PY2024
",
        },
        Case {
            name: "performance rate over 100",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 8\n[quality]\n[[quality.measures]]\nid = \"047\"\ncollection_type = \"registry\"\nperformance_rate = 104\n"),
            stderr: "\
error: bad.toml:8:20: quality.measures[1].performance_rate: 104 is out of range
   |
 8 | performance_rate = 104
   |                    ^
  = allowed: a percent from 0 to 100
",
        },
        Case {
            name: "quality numerator above its denominator",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 8\n[quality]\n[[quality.measures]]\nid = \"047\"\ncollection_type = \"registry\"\nnumerator = 170\ndenominator = 156\n"),
            stderr: "\
error: bad.toml:8:13: quality.measures[1].numerator: 170 is above its denominator 156
   |
 8 | numerator = 170
   |             ^
  = allowed: a numerator from 0 to the denominator
",
        },
        Case {
            name: "a percent and measures for the same category",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 8\n[scores]\nquality = 80\n\n[quality]\n[[quality.measures]]\nid = \"047\"\ncollection_type = \"registry\"\nperformance_rate = 80\n"),
            stderr: "\
error: bad.toml:7:1: quality: Quality is given twice: as a percent in [scores] and from its parts in [quality]
   |
 7 | [quality]
   | ^
  = allowed: one of them: remove `quality` from [scores] or the [quality] table
",
        },
        Case {
            name: "an activity listed twice",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 8\n[improvement_activities]\nactivities = [\"IA_EPA_1\", \"IA_PM_2\", \"IA_EPA_1\"]\n"),
            stderr: "\
error: bad.toml:5:38: improvement_activities.activities: IA_EPA_1 is listed twice
   |
 5 | activities = [\"IA_EPA_1\", \"IA_PM_2\", \"IA_EPA_1\"]
   |                                      ^
  = allowed: each activity once
",
        },
        Case {
            name: "cost measure id unknown",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 8\n[cost]\n[[cost.measures]]\nid = \"TPCC\"\ncost = 1400\n"),
            stderr: "\
error: bad.toml:6:6: cost.measures[1].id: \"TPCC\" is not a PY2024 cost measure — did you mean \"TPCC_1\"?
   |
 6 | id = \"TPCC\"
   |      ^
  = allowed: a cost measure id of PY2024: `mips-whatif measures --year 2024 --search WORDS` lists them
",
        },
        Case {
            name: "PI numerator above its denominator",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 8\n[promoting_interoperability]\n[[promoting_interoperability.measures]]\nid = \"PI_EP_1\"\nnumerator = 120\ndenominator = 100\n"),
            stderr: "\
error: bad.toml:7:13: promoting_interoperability.measures[1].numerator: 120 is above its denominator 100
   |
 7 | numerator = 120
   |             ^
  = allowed: a numerator from 0 to the denominator
",
        },
        Case {
            name: "activity weights in PY2025",
            input: Input::Text("performance_year = 2025\n[practice]\nclinicians = 8\n[improvement_activities]\nhigh = 1\nmedium = 1\n"),
            stderr: "\
error: bad.toml:5:8: improvement_activities.high: activities have no weights in PY2025
   |
 5 | high = 1
   |        ^
  = allowed: count = N (PY2025+), or the activity ids
",
        },
        Case {
            name: "rules with a row that can never apply (IA not scored under the APP)",
            input: Input::Setup(|dir| {
                write_good(dir);
                std::fs::create_dir(dir.join("rules")).unwrap();
                let row = "[[weights]]\npathway = \"app\"\npractice = \"any\"\nnot_scored = [\"quality\", \"improvement_activities\"]\nquality = 0\ncost = 0\nimprovement_activities = 0\npromoting_interoperability = 100\nconfidence = \"assumed\"\nsource = \"a test\"\n\n[[weights]]";
                let text = shipped_rules(2024).replacen("[[weights]]", row, 1);
                std::fs::write(dir.join("rules/2024.toml"), text).unwrap();
                args(&["--rules", "rules", "score", "good.toml"])
            }),
            stderr: "\
error: rules/2024.toml:{LINE:[[weights]]}: weights: this row never applies: improvement_activities cannot be not scored under the app pathway this year
  = allowed: not_scored lists categories among: quality, promoting_interoperability
",
        },
        Case {
            name: "rules with a row that leaves fewer than two categories scored",
            input: Input::Setup(|dir| {
                write_good(dir);
                std::fs::create_dir(dir.join("rules")).unwrap();
                let row = "[[weights]]\npathway = \"traditional\"\npractice = \"any\"\nnot_scored = [\"quality\", \"cost\", \"promoting_interoperability\"]\nquality = 0\ncost = 0\nimprovement_activities = 100\npromoting_interoperability = 0\nconfidence = \"assumed\"\nsource = \"a test\"\n\n[[weights]]";
                let text = shipped_rules(2024).replacen("[[weights]]", row, 1);
                std::fs::write(dir.join("rules/2024.toml"), text).unwrap();
                args(&["--rules", "rules", "score", "good.toml"])
            }),
            stderr: "\
error: rules/2024.toml:{LINE:[[weights]]}: weights: this row never applies: it leaves fewer than two categories scored
  = allowed: with fewer than two categories scored the final score is the performance threshold; remove the row
",
        },
        Case {
            name: "an APP Plus measure set outside the APP",
            input: Input::Text("performance_year = 2025\n[practice]\nclinicians = 30\n[quality]\nmeasure_set = \"app_plus\"\n"),
            stderr: "\
error: bad.toml:5:15: quality.measure_set: the APP Plus measure set is reported under the APP, not Traditional MIPS
   |
 5 | measure_set = \"app_plus\"
   |               ^
  = allowed: reporting_option = \"app\", or leave measure_set out
",
        },
        Case {
            name: "an APP Plus measure set before PY2025",
            input: Input::Text("performance_year = 2024\nreporting_option = \"app\"\n[practice]\nclinicians = 300\nparticipation = \"apm_entity\"\n[quality]\nmeasure_set = \"app_plus\"\n"),
            stderr: "\
error: bad.toml:7:15: quality.measure_set: the APP Plus measure set starts in PY2025, not PY2024
   |
 7 | measure_set = \"app_plus\"
   |               ^
  = allowed: \"app\" (the APP, PY2021+) or \"app_plus\" (APP Plus, PY2025+), with reporting_option = \"app\"
",
        },
        Case {
            name: "a misspelt measure set",
            input: Input::Text("performance_year = 2025\nreporting_option = \"app\"\n[practice]\nclinicians = 300\nparticipation = \"apm_entity\"\n[quality]\nmeasure_set = \"app-plus\"\n"),
            stderr: "\
error: bad.toml:7:15: quality.measure_set: \"app-plus\" is not a quality measure set — did you mean \"app_plus\"?
   |
 7 | measure_set = \"app-plus\"
   |               ^
  = allowed: \"app\" (the APP, PY2021+) or \"app_plus\" (APP Plus, PY2025+), with reporting_option = \"app\"
",
        },
        Case {
            name: "a CAHPS sample not met with the survey listed",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 30\n[quality]\ncahps_sample_not_met = true\n[[quality.measures]]\nid = \"CAHPS_1\"\nperformance_rate = 84\n"),
            stderr: "\
error: bad.toml:5:24: quality.cahps_sample_not_met: the CAHPS for MIPS survey is listed (CAHPS_1): its sample was met
   |
 5 | cahps_sample_not_met = true
   |                        ^
  = allowed: leave it out when the survey's measures are listed; true when the group registered for the survey and CMS's sample was too small
",
        },
        Case {
            name: "a suppressed measure that is not listed",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 30\n[quality]\nsuppressed = [\"047\"]\n[[quality.measures]]\nid = \"236\"\ncollection_type = \"registry\"\nperformance_rate = 75\n"),
            stderr: "\
error: bad.toml:5:15: quality.suppressed: \"047\" is not one of the [[quality.measures]] listed
   |
 5 | suppressed = [\"047\"]
   |               ^
  = allowed: the id of a listed measure: 236
",
        },
        Case {
            name: "a cost measure suppressed twice",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 30\n[cost]\nsuppressed = [\"TPCC_1\", \"TPCC_1\"]\n[[cost.measures]]\nid = \"TPCC_1\"\ncost = 1400\n"),
            stderr: "\
error: bad.toml:5:25: cost.suppressed: TPCC_1 is listed twice
   |
 5 | suppressed = [\"TPCC_1\", \"TPCC_1\"]
   |                         ^
  = allowed: each measure once
",
        },
        Case {
            name: "a clinicians percent for an activity not listed",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 30\n[improvement_activities]\nactivities = [\"IA_EPA_1\"]\nclinicians_percent = { IA_PM_2 = 40 }\n"),
            stderr: "\
error: bad.toml:6:24: improvement_activities.clinicians_percent.IA_PM_2: \"IA_PM_2\" is not one of the activities listed
   |
 6 | clinicians_percent = { IA_PM_2 = 40 }
   |                        ^
  = allowed: an id of `activities`: IA_EPA_1
",
        },
        Case {
            name: "a clinicians percent above 100",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 30\n[improvement_activities]\nactivities = [\"IA_EPA_1\"]\nclinicians_percent = { IA_EPA_1 = 140 }\n"),
            stderr: "\
error: bad.toml:6:35: improvement_activities.clinicians_percent.IA_EPA_1: 140 is out of range
   |
 6 | clinicians_percent = { IA_EPA_1 = 140 }
   |                                   ^
  = allowed: a percent from 0 to 100
",
        },
        Case {
            name: "a clinicians percent with activities given by weight",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 30\n[improvement_activities]\nhigh = 2\nclinicians_percent = { IA_EPA_1 = 60 }\n"),
            stderr: "\
error: bad.toml:6:22: improvement_activities.clinicians_percent: needs the activities listed by id
   |
 6 | clinicians_percent = { IA_EPA_1 = 60 }
   |                      ^
  = allowed: activities = [\"IA_EPA_1\", \"IA_PM_2\"] with clinicians_percent = { IA_EPA_1 = 60 }
",
        },
        Case {
            name: "a PI reporting period longer than a year",
            input: Input::Text("performance_year = 2024\n[practice]\nclinicians = 30\n[promoting_interoperability]\nperiod_days = 400\n"),
            stderr: "\
error: bad.toml:5:15: promoting_interoperability.period_days: 400 is not a number of days in a year
   |
 5 | period_days = 400
   |               ^
  = allowed: 1 to 366 continuous days (the minimum is 90, 180 from PY2024)
",
        },
    ]
}

fn run(case: &Case) -> (Option<i32>, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let argv = match &case.input {
        Input::Text(t) => {
            std::fs::write(dir.path().join("bad.toml"), t).unwrap();
            args(&["score", "bad.toml"])
        }
        Input::Bytes(b) => {
            std::fs::write(dir.path().join("bad.toml"), b).unwrap();
            args(&["score", "bad.toml"])
        }
        Input::Setup(f) => f(dir.path()),
    };
    let out = Command::cargo_bin("mips-whatif")
        .unwrap()
        .args(&argv)
        .current_dir(dir.path())
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_bad_input_gets_its_exact_message_and_exit_code_2() {
    let cases = cases();
    assert!(cases.len() >= 30, "the catalogue has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let (code, stdout, stderr) = run(case);
        let expected = expand_lines(case.stderr);
        let mut wrong = Vec::new();
        if stderr.contains("panicked") {
            wrong.push("panicked".to_string());
        }
        if code != Some(2) {
            wrong.push(format!("exit code {code:?}, expected 2"));
        }
        if !stdout.is_empty() {
            wrong.push(format!("stdout not empty:\n{stdout}"));
        }
        if stderr != expected {
            wrong.push(format!(
                "stderr differs.\n--- expected\n{expected}--- got\n{stderr}---"
            ));
        }
        if !wrong.is_empty() {
            failures.push(format!("[{}] {}", case.name, wrong.join("\n")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn case_names_are_unique() {
    let cases = cases();
    let mut names: Vec<&str> = cases.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len());
}

#[test]
fn a_very_long_line_is_cut_in_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("name = \"{}\" junk\n", "x".repeat(500_000));
    std::fs::write(dir.path().join("long.toml"), text).unwrap();
    let out = Command::cargo_bin("mips-whatif")
        .unwrap()
        .args(["score", "long.toml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.len() < 1000, "{} bytes of stderr", stderr.len());
    assert!(
        stderr.starts_with("error: long.toml:1:500011: not valid TOML:"),
        "{stderr}"
    );
    assert!(stderr.contains("…xxxx"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[cfg(target_os = "linux")]
#[test]
fn an_endless_device_is_refused_after_the_size_limit() {
    let out = Command::cargo_bin("mips-whatif")
        .unwrap()
        .args(["score", "/dev/zero"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: /dev/zero: is longer than 1.0 MB: too large to be a scenario or rules file\n  = allowed: a TOML file of at most 1.0 MB (1,048,576 bytes)\n"
    );
}

#[test]
fn good_files_are_still_scored_when_another_file_is_bad() {
    let dir = tempfile::tempdir().unwrap();
    write_good(dir.path());
    std::fs::write(
        dir.path().join("bad.toml"),
        "performance_year = 2031\n[practice]\nclinicians = 8\n",
    )
    .unwrap();
    let out = Command::cargo_bin("mips-whatif")
        .unwrap()
        .args(["score", "good.toml", "bad.toml", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json.as_array().map(Vec::len), Some(1));
    assert_eq!(json[0]["file"], "good.toml");
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .starts_with("error: bad.toml:1:20: performance_year: 2031 is not a supported")
    );
}

#[test]
fn rules_before_the_subcommand_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    write_good(dir.path());
    std::fs::create_dir(dir.path().join("rules")).unwrap();
    std::fs::write(dir.path().join("rules/2024.toml"), shipped_rules(2024)).unwrap();
    for argv in [
        ["--rules", "rules", "score", "good.toml"],
        ["score", "good.toml", "--rules", "rules"],
    ] {
        let out = Command::cargo_bin("mips-whatif")
            .unwrap()
            .args(argv)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{argv:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn explorer_options_with_a_subcommand_are_refused() {
    let out = Command::cargo_bin("mips-whatif")
        .unwrap()
        .args(["--mouse", "table"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(
            "error: --mouse is for the explorer and cannot be used with the `table` subcommand"
        ),
        "{stderr}"
    );
}

/// The same bad files, opened in the explorer through its open dialog (`o`, the path, Enter,
/// the file work done as the runner does it): each shows exactly the message the command line
/// prints, and the scenario on screen is left as it was.
#[test]
fn the_same_bad_files_opened_in_the_explorer_show_the_message_and_keep_the_state() {
    use mips_whatif::app::{App, Msg, Overlay};
    use mips_whatif::explorer::dispatch;
    use mips_whatif::national::National;
    use mips_whatif::scenario::Scenario;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    let key = |app: &mut App, code: KeyCode| {
        dispatch(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    };
    let mut opened = 0;
    for case in cases() {
        let dir = tempfile::tempdir().unwrap();
        let file = match &case.input {
            Input::Text(t) => {
                std::fs::write(dir.path().join("bad.toml"), t).unwrap();
                "bad.toml".to_string()
            }
            Input::Bytes(b) => {
                std::fs::write(dir.path().join("bad.toml"), b).unwrap();
                "bad.toml".to_string()
            }
            Input::Setup(setup) => match setup(dir.path()).as_slice() {
                // Only the cases that are one scenario file (not rules folders or options).
                [score, path] if score == "score" => path.clone(),
                _ => continue,
            },
        };
        let rules = mips_whatif::rules::RuleSet::embedded().unwrap();
        let start = Scenario::default_group();
        let mut app = App::new(rules, National::embedded(), start.clone(), None);
        key(&mut app, KeyCode::Char('o'));
        let full = dir.path().join(&file);
        for c in full.display().to_string().chars() {
            key(&mut app, KeyCode::Char(c));
        }
        key(&mut app, KeyCode::Enter);
        let Overlay::FileError { text, .. } = &app.overlay else {
            panic!(
                "{}: the explorer shows no error: {:?}",
                case.name, app.overlay
            );
        };
        // Messages name the file as it was typed: put it back to the short relative path.
        let prefix = format!("{}/", dir.path().display());
        let shown = format!("error: {}\n", text.replace(&prefix, ""));
        assert_eq!(shown, expand_lines(case.stderr), "case {}", case.name);
        assert_eq!(
            app.scenario(),
            &start,
            "case {}: the scenario changed",
            case.name
        );
        assert!(app.file.is_none(), "case {}", case.name);
        opened += 1;
    }
    assert!(
        opened >= 30,
        "only {opened} catalogue files went through the explorer"
    );
}

// ---- workspace files (`compare WORKSPACE`, `report WORKSPACE`) ----

/// A workspace `ws.toml` with this text beside a good scenario `a.toml`, compared.
fn workspace_setup(dir: &Path, text: &str) -> Vec<String> {
    write_good(dir);
    std::fs::rename(dir.join("good.toml"), dir.join("a.toml")).unwrap();
    std::fs::write(dir.join("ws.toml"), text).unwrap();
    args(&["compare", "ws.toml"])
}

fn workspace_cases() -> Vec<Case> {
    vec![
        Case {
            name: "workspace: a missing scenario file",
            input: Input::Setup(|dir| {
                workspace_setup(
                    dir,
                    "workspace = 1\n[[column]]\nname = \"A\"\nfile = \"a.toml\"\n[[column]]\nname = \"B\"\nfile = \"gone.toml\"\n",
                )
            }),
            stderr: "\
error: ws.toml:7:8: column[2].file: column \"B\": gone.toml: no such file; the workspace holds no copy of it
   |
 7 | file = \"gone.toml\"
   |        ^
  = allowed: the path of an existing scenario file, relative to the workspace's folder
",
        },
        Case {
            name: "workspace: a scenario file that fails, no copy",
            input: Input::Setup(|dir| {
                std::fs::write(dir.join("b.toml"), "performance_year = 2031\n[practice]\nclinicians = 3\n").unwrap();
                workspace_setup(
                    dir,
                    "workspace = 1\n[[column]]\nname = \"A\"\nfile = \"a.toml\"\n[[column]]\nname = \"B\"\nfile = \"b.toml\"\n",
                )
            }),
            stderr: "\
error: b.toml:1:20: performance_year: 2031 is not a supported performance year
   |
 1 | performance_year = 2031
   |                    ^
  = allowed: 2017–2026 (later years are not yet settled by CMS)
",
        },
        Case {
            name: "workspace: malformed TOML",
            input: Input::Setup(|dir| workspace_setup(dir, "workspace = 1\n[[column]\nname = \"A\"\n")),
            stderr: "\
error: ws.toml:2:10: not valid TOML: unclosed array table, expected `]`
   |
 2 | [[column]
   |          ^
  = allowed: TOML: `key = value` lines under [table] headers, text in double quotes, each key and each table once
",
        },
        Case {
            name: "workspace: an unknown top-level key",
            input: Input::Setup(|dir| {
                workspace_setup(dir, "workspace = 1\ntitle = \"x\"\n[[column]]\nname = \"A\"\nfile = \"a.toml\"\n")
            }),
            stderr: "\
error: ws.toml:2:1: title: unknown key `title` at the top level — `title` belongs in [report]
   |
 2 | title = \"x\"
   | ^
  = allowed: workspace, report, chart, max_positive_at_100, explorer, column, roster
",
        },
        Case {
            name: "workspace: a misspelt column key",
            input: Input::Setup(|dir| {
                workspace_setup(dir, "workspace = 1\n[[column]]\nname = \"A\"\nfiel = \"a.toml\"\n")
            }),
            stderr: "\
error: ws.toml:4:1: column[1].fiel: unknown key `fiel` in [[column]] — did you mean `file`?
   |
 4 | fiel = \"a.toml\"
   | ^
  = allowed: name, baseline, current, compared, file, scenario
",
        },
        Case {
            name: "workspace: an unknown report key",
            input: Input::Setup(|dir| {
                workspace_setup(dir, "workspace = 1\n[report]\nauthor = \"me\"\n[[column]]\nname = \"A\"\nfile = \"a.toml\"\n")
            }),
            stderr: "\
error: ws.toml:3:1: report.author: unknown key `author` in [report]
   |
 3 | author = \"me\"
   | ^
  = allowed: title, client, prepared_by, date, note
",
        },
        Case {
            name: "workspace: an unknown key in an inline scenario",
            input: Input::Setup(|dir| {
                workspace_setup(
                    dir,
                    "workspace = 1\n[[column]]\nname = \"A\"\nfile = \"a.toml\"\n[[column]]\nname = \"B\"\n[column.scenario]\nperformance_year = 2024\n[column.scenario.practice]\nclinicians = 8\n[column.scenario.scores]\nqualty = 80\n",
                )
            }),
            stderr: "\
error: ws.toml:12:1: column[2].scenario.scores.qualty: unknown key `qualty` in [column.scenario.scores] — did you mean `quality`?
    |
 12 | qualty = 80
    | ^
  = allowed: quality, cost, improvement_activities, promoting_interoperability
",
        },
        Case {
            name: "workspace: an inline score out of range",
            input: Input::Setup(|dir| {
                workspace_setup(
                    dir,
                    "workspace = 1\n[[column]]\nname = \"A\"\nfile = \"a.toml\"\n[[column]]\nname = \"B\"\n[column.scenario]\nperformance_year = 2024\n[column.scenario.practice]\nclinicians = 8\n[column.scenario.scores]\nquality = 180\n",
                )
            }),
            stderr: "\
error: ws.toml:12:11: column[2].scenario.scores.quality: 180 is out of range
    |
 12 | quality = 180
    |           ^
  = allowed: a percent from 0 to 100; leave the key out if the category is not scored
",
        },
        Case {
            name: "workspace: a column without a name",
            input: Input::Setup(|dir| workspace_setup(dir, "workspace = 1\n[[column]]\nfile = \"a.toml\"\n")),
            stderr: "\
error: ws.toml:2:1: column[1].name: column 1 has no name
   |
 2 | [[column]]
   | ^
  = allowed: name = \"Reporting PI\" (each column's name is shown in the comparison)
",
        },
        Case {
            name: "workspace: two columns with one name",
            input: Input::Setup(|dir| {
                workspace_setup(
                    dir,
                    "workspace = 1\n[[column]]\nname = \"A\"\nfile = \"a.toml\"\n[[column]]\nname = \"A\"\nfile = \"a.toml\"\n",
                )
            }),
            stderr: "\
error: ws.toml:6:8: column[2].name: \"A\" is already the name of column 1 (line 3)
   |
 6 | name = \"A\"
   |        ^
  = allowed: a name of its own for each column
",
        },
        Case {
            name: "workspace: a column without a scenario",
            input: Input::Setup(|dir| workspace_setup(dir, "workspace = 1\n[[column]]\nname = \"A\"\n")),
            stderr: "\
error: ws.toml:2:1: column[1]: column 1 (\"A\") has no scenario
   |
 2 | [[column]]
   | ^
  = allowed: file = \"path.toml\" (relative to the workspace's folder) or a [column.scenario] table
",
        },
        Case {
            name: "workspace: two baselines",
            input: Input::Setup(|dir| {
                workspace_setup(
                    dir,
                    "workspace = 1\n[[column]]\nname = \"A\"\nbaseline = true\nfile = \"a.toml\"\n[[column]]\nname = \"B\"\nbaseline = true\nfile = \"a.toml\"\n",
                )
            }),
            stderr: "\
error: ws.toml:8:12: column[2].baseline: column 1 is the baseline already
   |
 8 | baseline = true
   |            ^
  = allowed: baseline = true on one column at most
",
        },
        Case {
            name: "workspace: a column left out that is not the current one",
            input: Input::Setup(|dir| {
                workspace_setup(dir, "workspace = 1\n[[column]]\nname = \"A\"\ncompared = false\nfile = \"a.toml\"\n")
            }),
            stderr: "\
error: ws.toml:4:12: column[1].compared: only the current scenario (current = true) can be left out of the comparison
   |
 4 | compared = false
   |            ^
  = allowed: compared = false together with current = true, on a column that is not the baseline
",
        },
        Case {
            name: "workspace: a newer format",
            input: Input::Setup(|dir| {
                workspace_setup(dir, "workspace = 2\n[[column]]\nname = \"A\"\nfile = \"a.toml\"\n")
            }),
            stderr: "\
error: ws.toml:1:13: workspace: format 2 was written by a newer version of mips-whatif; this one reads format 1
   |
 1 | workspace = 2
   |             ^
  = allowed: a newer mips-whatif, or workspace = 1
",
        },
        Case {
            name: "workspace: a misspelt chart group",
            input: Input::Setup(|dir| {
                workspace_setup(dir, "workspace = 1\n[chart]\ngroup = \"smal\"\n[[column]]\nname = \"A\"\nfile = \"a.toml\"\n")
            }),
            stderr: "\
error: ws.toml:3:9: chart.group: \"smal\" is not one of the choices — did you mean \"small\"?
   |
 3 | group = \"smal\"
   |         ^
  = allowed: \"all\", \"small\", \"solo\", \"rural\"
",
        },
        Case {
            name: "workspace: a band of maxima upside down",
            input: Input::Setup(|dir| {
                workspace_setup(
                    dir,
                    "workspace = 1\n[max_positive_at_100]\nlow = 3\nhigh = 2\n[[column]]\nname = \"A\"\nfile = \"a.toml\"\n",
                )
            }),
            stderr: "\
error: ws.toml:3:7: max_positive_at_100: low 3 is above high 2
   |
 3 | low = 3
   |       ^
  = allowed: percent at a final score of 100, 0 ≤ low ≤ high, e.g. low = 1.05 and high = 2.34
",
        },
        Case {
            name: "workspace: no columns",
            input: Input::Setup(|dir| workspace_setup(dir, "workspace = 1\n")),
            stderr: "\
error: ws.toml: column: is missing: a workspace has at least one [[column]]
  = allowed: [[column]] tables, each with name = \"…\" and file = \"path.toml\" or a [column.scenario] table
",
        },
        Case {
            name: "workspace: five compared columns",
            input: Input::Setup(|dir| {
                let one = "[[column]]\nname = \"N\"\nfile = \"a.toml\"\n";
                let text: String = std::iter::once("workspace = 1\n".to_string())
                    .chain((1..=5).map(|i| one.replace('N', &i.to_string())))
                    .collect();
                workspace_setup(dir, &text)
            }),
            stderr: "\
error: ws.toml:14:1: column[5]: a workspace compares 4 columns at most; this is the 5th
    |
 14 | [[column]]
    | ^
  = allowed: at most 4 compared columns (compared = false leaves the current scenario out)
",
        },
        Case {
            name: "workspace: one column is not a comparison",
            input: Input::Setup(|dir| workspace_setup(dir, "workspace = 1\n[[column]]\nname = \"A\"\nfile = \"a.toml\"\n")),
            stderr: "\
error: ws.toml: the workspace compares 1 column; compare needs 2 to 4
  = allowed: a workspace with 2 to 4 compared columns (mips-whatif report takes one)
",
        },
        Case {
            name: "workspace: given with other files",
            input: Input::Setup(|dir| {
                let mut a = workspace_setup(dir, "workspace = 1\n[[column]]\nname = \"A\"\nfile = \"a.toml\"\n");
                a.push("a.toml".into());
                a
            }),
            stderr: "\
error: ws.toml is a workspace: give it on its own, without other files
  = allowed: one workspace file, or 1 to 4 scenario files
",
        },
    ]
}

#[test]
fn every_bad_workspace_gets_its_exact_message_and_exit_code_2() {
    let cases = workspace_cases();
    let mut failures = Vec::new();
    for case in &cases {
        let (code, stdout, stderr) = run(case);
        let mut wrong = Vec::new();
        if code != Some(2) {
            wrong.push(format!("exit code {code:?}, expected 2"));
        }
        if !stdout.is_empty() {
            wrong.push(format!("stdout not empty:\n{stdout}"));
        }
        if stderr != case.stderr {
            wrong.push(format!(
                "stderr differs.\n--- expected\n{}--- got\n{stderr}---",
                case.stderr
            ));
        }
        if !wrong.is_empty() {
            failures.push(format!("[{}] {}", case.name, wrong.join("\n")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_explorers_roster_year_with_a_subcommand_is_refused() {
    let out = Command::cargo_bin("mips-whatif")
        .unwrap()
        .args(["--performance-year", "2021", "table"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(
            "error: --performance-year is for the explorer and cannot be used with the `table` subcommand"
        ),
        "{stderr}"
    );
}
