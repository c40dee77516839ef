//! The check against CMS's own numbers: real rows of CMS's QPP Experience public use file,
//! each in the columns of its own era, must agree; the same rows altered must be flagged,
//! each with its reason.

use mips_whatif::roster::{Event, ReadOptions, ScoredRow, score_csv};
use mips_whatif::rules::RuleSet;

fn rules() -> RuleSet {
    RuleSet::embedded().expect("embedded rules are valid")
}

/// Score CSV text; panics on a bad row (these rows are all valid).
fn scored(csv: &str) -> Vec<ScoredRow> {
    let rules = rules();
    let mut rows = Vec::new();
    score_csv(
        "rows.csv",
        csv.as_bytes(),
        &ReadOptions::default(),
        &rules,
        |e| match e {
            Event::Scored(r) => rows.push(r),
            Event::Bad(b) => panic!("bad row: {:?}", b.problems),
            _ => {}
        },
    )
    .unwrap();
    rows
}

/// A CSV of one header and one row from `(column, value)` pairs.
fn csv(pairs: &[(&str, &str)]) -> String {
    let quote = |s: &str| {
        if s.contains(',') || s.contains('"') {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let header: Vec<String> = pairs.iter().map(|(c, _)| quote(c)).collect();
    let row: Vec<String> = pairs.iter().map(|(_, v)| quote(v)).collect();
    format!("{}\n{}\n", header.join(","), row.join(","))
}

/// `pairs` with the value of `column` replaced.
fn with(
    pairs: &[(&'static str, &'static str)],
    column: &str,
    value: &'static str,
) -> Vec<(&'static str, &'static str)> {
    assert!(
        pairs.iter().any(|(c, _)| *c == column),
        "no column {column}"
    );
    pairs
        .iter()
        .map(|&(c, v)| if c == column { (c, value) } else { (c, v) })
        .collect()
}

// The real rows, as CMS publishes them (PY2017–2021 layout names for A, B, C, F; PY2022's for
// D; PY2023's for E). CMS's files have no year column: a year column is added, as
// third-party copies do.

/// A: PY2017, a 1,394-clinician MIPS APM row (APM scoring standard 50/0/20/30).
const ROW_A: &[(&str, &str)] = &[
    ("year", "2017"),
    ("provider key", "000865909"),
    ("npi", "1043477615"),
    ("practice size", "1394"),
    ("participation type", "MIPS APM"),
    ("allowed charges", "36391760"),
    ("small practitioner", ""),
    ("engaged", "False"),
    ("final score", "97.09"),
    ("payment adjustment percentage", "1.72"),
    ("complex patient bonus", ""),
    ("quality category score", "95.5"),
    ("quality improvement bonus", "0"),
    ("promoting interoperability (pi) category score", "97.78"),
    ("pi hardship", "True"),
    ("pi reweighting", "True"),
    ("ia score", "40"),
    ("cost score", ""),
];

/// B: PY2019, a 13-clinician group, PI reweighted (70/15/15/0) plus the complex patient bonus.
const ROW_B: &[(&str, &str)] = &[
    ("year", "2019"),
    ("npi", "1144544834"),
    ("practice size", "13"),
    ("participation type", "Group"),
    ("allowed charges", "2720001"),
    ("small practitioner", "True"),
    ("engaged", "True"),
    ("final score", "94.63"),
    ("payment adjustment percentage", "1.43"),
    ("complex patient bonus", "1.54"),
    ("quality category score", "96.71"),
    ("promoting interoperability (pi) category score", "0"),
    ("pi hardship", "True"),
    ("pi reweighting", "True"),
    ("ia score", "40"),
    ("cost score", "69.27"),
];

/// C: PY2021, a solo clinician; cost reweighted for everyone (55/0/15/30) plus the bonus.
const ROW_C: &[(&str, &str)] = &[
    ("year", "2021"),
    ("npi", "1598059354"),
    ("practice size", "1"),
    ("participation type", "Individual"),
    ("allowed charges", "201105"),
    ("final score", "85.1"),
    ("payment adjustment percentage", "0.2"),
    ("complex patient bonus", "3.28"),
    ("quality category score", "74.03"),
    ("quality improvement bonus", "0.32"),
    ("promoting interoperability (pi) category score", "87"),
    ("ia score", "40"),
    ("cost score", "0"),
];

/// D: PY2022, a 1,518-clinician group with all four categories (30/30/15/25).
const ROW_D: &[(&str, &str)] = &[
    ("npi", "1043477615"),
    ("performance year", "2022"),
    ("practice size", "1518"),
    ("participation option", "Group"),
    ("allowed charges", "34056294"),
    ("small practice status", "False"),
    ("non-reporting", "False"),
    ("final score", "80.81"),
    ("payment adjustment percentage", "0.52"),
    ("complex patient bonus", "0"),
    ("quality category score", "75"),
    ("quality improvement score", "0.32"),
    ("promoting interoperability (pi) category score", "100"),
    ("pi reweighting (special status or clinician type)", "True"),
    ("improvement activities (ia) category score", "40"),
    ("cost category score", "61.0461"),
];

/// E: PY2023, a 14-clinician group, PI not scored (weights 40/30/30/0, given by the file).
const ROW_E: &[(&str, &str)] = &[
    ("npi", "1144544834"),
    ("year", "2023"),
    ("practice size", "14"),
    ("participation option", "Group"),
    ("reporting option", "Traditional MIPS"),
    ("allowed charges", "2469303"),
    ("small practice status", "True"),
    ("non-reporting", "False"),
    ("final score", "77.03"),
    ("payment adjustment percentage", "0.18"),
    ("complex patient bonus", "0"),
    ("quality category score", "95.71"),
    ("quality improvement score", "0.71"),
    ("small practice bonus", "6"),
    ("quality category weight", "0.4"),
    ("promoting interoperability (pi) category score", "0"),
    ("pi reweighting (special status or clinician type)", "True"),
    ("promoting interoperability (pi) category weight", "0"),
    ("improvement activities (ia) category score", "40"),
    ("improvement activities (ia) category weight", "0.3"),
    ("cost category score", "29.16"),
    ("cost category weight", "0.3"),
];

/// F: PY2021, only quality scored: the final score is the performance threshold, 60, and
/// the complex patient bonus is not added.
const ROW_F: &[(&str, &str)] = &[
    ("year", "2021"),
    ("npi", "1932365699"),
    ("practice size", "3"),
    ("participation type", "Group"),
    ("allowed charges", "112449"),
    ("small practitioner", "True"),
    ("rural clinician", "True"),
    ("hpsa clinician", "True"),
    ("engaged", "True"),
    ("final score", "60"),
    ("payment adjustment percentage", "0"),
    ("complex patient bonus", "2.54"),
    ("quality category score", "45"),
    ("promoting interoperability (pi) category score", "0"),
    ("ia score", "0"),
    ("cost score", "0"),
    ("extreme hardship quality", "True"),
    ("extreme hardship pi", "True"),
    ("extreme hardship ia", "True"),
    ("extreme hardship cost", "True"),
];

const REAL_ROWS: [(&str, &[(&str, &str)]); 6] = [
    ("A", ROW_A),
    ("B", ROW_B),
    ("C", ROW_C),
    ("D", ROW_D),
    ("E", ROW_E),
    ("F", ROW_F),
];

fn one(pairs: &[(&str, &str)]) -> ScoredRow {
    let mut rows = scored(&csv(pairs));
    assert_eq!(rows.len(), 1);
    rows.remove(0)
}

#[test]
fn every_real_cms_row_agrees() {
    for (name, pairs) in REAL_ROWS {
        let r = one(pairs);
        let c = r
            .comparison
            .as_ref()
            .expect("the row carries CMS's results");
        assert_eq!(
            c.agrees,
            Some(true),
            "row {name}: {:?} (ours {} → {})",
            c.disagreement,
            r.result.final_score,
            r.result.payment_adjustment_percent
        );
        assert_eq!(c.disagreement, None, "row {name}");
    }
}

#[test]
fn real_rows_use_the_weights_cms_used() {
    let weights: Vec<String> = REAL_ROWS
        .iter()
        .map(|(_, p)| one(p).result.weights.to_string())
        .collect();
    assert_eq!(
        weights,
        [
            "50/0/20/30",
            "70/15/15/0",
            "55/0/15/30",
            "30/30/15/25",
            "40/30/30/0",
            "0/0/0/0"
        ]
    );
    let f = one(ROW_F);
    assert!(f.result.fewer_than_two_scored);
    assert_eq!(f.result.final_score, 60.0);
}

#[test]
fn real_rows_give_their_dollars() {
    let d = one(ROW_D);
    let expected = 34_056_294.0 * d.result.payment_adjustment_percent / 100.0;
    assert!((d.result.dollar_impact.unwrap() - expected).abs() < 1e-6);
    assert_eq!(d.row.id.as_deref(), Some("1043477615"));
}

/// The reason given for an altered row.
fn reason(pairs: &[(&str, &str)]) -> String {
    let r = one(pairs);
    let c = r.comparison.expect("the row carries CMS's results");
    assert_eq!(c.agrees, Some(false), "not flagged: {pairs:?}");
    c.disagreement.expect("a reason")
}

#[test]
fn a_final_score_a_little_off_is_rounding() {
    let r = reason(&with(ROW_C, "final score", "85.14"));
    assert!(
        r.starts_with("rounding: the final score differs by 0.04 points"),
        "{r}"
    );
}

#[test]
fn a_missing_complex_patient_bonus_is_a_bonus() {
    let r = reason(&with(ROW_B, "complex patient bonus", ""));
    assert!(
        r.starts_with("bonus: CMS's final score is 1.54 points higher"),
        "{r}"
    );
    // Row C as if CMS had left out its 3.28 bonus: 81.82, and 0.07% below the additional
    // performance threshold of 85.
    let r = reason(&with(
        &with(ROW_C, "final score", "81.82"),
        "payment adjustment percentage",
        "0.07",
    ));
    assert!(
        r.starts_with("bonus: CMS's final score leaves out the complex patient bonus of 3.28"),
        "{r}"
    );
}

#[test]
fn a_hardship_flag_cms_did_not_apply_is_a_reweighting() {
    // Row B with CMS's numbers as if PI had been scored at 0 despite the approved hardship:
    // 45/15/15/25 → 96.71×0.45 + 69.27×0.15 + 15 + 1.54 = 70.45.
    let altered = with(
        &with(ROW_B, "final score", "70.45"),
        "payment adjustment percentage",
        "0.45",
    );
    let r = reason(&altered);
    assert!(
        r.starts_with("reweighting: the file flags PI as approved for reweighting and gives it 0, but CMS's final score counts PI as scored at 0"),
        "{r}"
    );
}

#[test]
fn a_reweighting_nothing_in_the_file_says_is_a_reweighting() {
    // Row D as if CMS had not scored cost: 55/0/15/30 → 41.25 + 15 + 30 = 86.25.
    let altered = with(
        &with(ROW_D, "final score", "86.25"),
        "payment adjustment percentage",
        "1.01",
    );
    let r = reason(&altered);
    assert!(
        r.starts_with("reweighting: CMS's final score fits Cost not scored (its weight redistributed), which neither the scores nor the flags say"),
        "{r}"
    );
}

#[test]
fn an_adjustment_that_does_not_follow_from_the_final_score_is_flagged() {
    let r = reason(&with(ROW_D, "payment adjustment percentage", "0.82"));
    assert!(
        r.starts_with("adjustment: CMS's adjustment does not follow from its own final score under the PY2022 rules (0.52% at 80.81)"),
        "{r}"
    );
}

#[test]
fn an_adjustment_off_in_a_year_whose_split_is_assumed_is_the_scaling() {
    // PY2019's split of its 1.79% maximum between the base adjustment and the exceptional
    // bonus is not published: CMS's 1.43% (any split gives 1.42% to 1.65%) agrees and says
    // which split it implies; 1.20% fits none.
    let b = one(ROW_B);
    assert!(
        b.row.notes.iter().any(|n| n.starts_with("PY2019's split of the positive adjustment is not published: CMS's 1.43% fits a base adjustment of 0.04%")),
        "{:?}",
        b.row.notes
    );
    let r = reason(&with(ROW_B, "payment adjustment percentage", "1.20"));
    assert!(
        r.starts_with("scaling: the final scores agree, but CMS's 1.20% at 94.63 is outside what any split of PY2019's positive adjustment gives (1.42% to 1.65%"),
        "{r}"
    );
}

#[test]
fn a_small_practice_flag_against_cms_is_the_practice_size() {
    // Row E with the small-practice flag cleared: read as a 16-clinician practice, whose
    // PI-not-scored weights (55/30/15/0) do not give CMS's 77.03; a small practice's do.
    let r = reason(&with(ROW_E, "small practice status", "False"));
    assert!(
        r.starts_with("practice size: CMS's numbers fit a small practice; the row is read as large (by its small-practice flag, against its practice size)"),
        "{r}"
    );
    // Row B with its flag cleared: PY2019 weights PI the same for any size, so the row still
    // agrees, and says how its size was read.
    let b = one(&with(ROW_B, "small practitioner", "False"));
    assert_eq!(b.comparison.unwrap().agrees, Some(true));
    assert!(
        b.row
            .notes
            .iter()
            .any(|n| n.contains("small-practice flag")),
        "{:?}",
        b.row.notes
    );
}

#[test]
fn a_facility_scored_row_is_not_compared() {
    let mut pairs = ROW_E.to_vec();
    pairs.push(("received facility score", "True"));
    let r = one(&pairs);
    let c = r.comparison.unwrap();
    assert_eq!(c.agrees, None);
    assert!(
        c.disagreement
            .unwrap()
            .starts_with("not compared: CMS used facility-based scoring")
    );
}

#[test]
fn a_pre_2023_zero_is_read_as_not_scored_when_only_that_fits() {
    // Row B without its hardship flags: PI 0 could be "scored 0" or "not scored"; CMS's
    // numbers fit only "not scored", and the row says how it was read.
    let altered = with(
        &with(ROW_B, "pi hardship", "False"),
        "pi reweighting",
        "False",
    );
    let r = one(&altered);
    assert_eq!(r.comparison.as_ref().unwrap().agrees, Some(true));
    assert_eq!(r.result.weights.to_string(), "70/15/15/0");
    assert!(
        r.row
            .notes
            .iter()
            .any(|n| n == "PI 0 read as not scored: only that reproduces CMS's final score"),
        "{:?}",
        r.row.notes
    );
}

#[test]
fn a_row_nothing_explains_is_flagged_for_review() {
    let r = reason(&with(ROW_D, "final score", "55.5"));
    assert!(
        r.starts_with("no single change to the row reproduces CMS's final score"),
        "{r}"
    );
}
