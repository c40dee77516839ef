//! The rules timeline and "what changed": every value comes from the rules data (an edited
//! rules folder shows up in the timeline and the differences without touching code), and the
//! same inputs under two years are scored exactly as the engine scores each year.

use std::path::Path;

use assert_cmd::Command;
use mips_whatif::engine::{self, published_score};
use mips_whatif::national::National;
use mips_whatif::rules::{EMBEDDED, Pathway, RuleSet, SmallPracticeBonusMode};
use mips_whatif::scenario::Scenario;
use mips_whatif::teaching::timeline::{CellValue, Column, Timeline};
use mips_whatif::teaching::year_changes::{Topic, YearChanges, same_inputs_in, side_by_side};

fn rules() -> RuleSet {
    RuleSet::embedded().unwrap()
}

fn number(v: &CellValue) -> Option<f64> {
    match v {
        CellValue::Number(n) => Some(*n),
        _ => None,
    }
}

#[test]
fn every_cell_of_every_year_is_the_rules_value() {
    let rules = rules();
    let national = National::embedded();
    let t = Timeline::build(&rules, &national);
    assert_eq!(
        t.years
            .iter()
            .map(|y| y.performance_year)
            .collect::<Vec<_>>(),
        rules
            .years()
            .map(|y| y.performance_year)
            .collect::<Vec<_>>()
    );
    for y in rules.years() {
        let py = y.performance_year;
        let row = t.year(py).unwrap();
        assert_eq!(row.payment_year, y.payment_year);

        let pt = row.cell(Column::PerformanceThreshold);
        assert_eq!(number(&pt.value), Some(y.pt()), "PY{py}");
        assert_eq!(pt.confidence, Some(y.performance_threshold.confidence));
        assert_eq!(
            pt.source.as_deref(),
            Some(y.performance_threshold.source.as_str())
        );

        let apt = row.cell(Column::ExceptionalThreshold);
        match &y.exceptional_bonus {
            Some(e) => {
                assert_eq!(number(&apt.value), Some(e.threshold.value), "PY{py}");
                assert_eq!(apt.confidence, Some(e.threshold.confidence));
            }
            None => {
                assert_eq!(apt.value, CellValue::None, "PY{py}");
                assert_eq!(apt.text, "—");
                assert_eq!(apt.confidence, None);
            }
        }

        let ap = row.cell(Column::ApplicablePercent);
        assert_eq!(number(&ap.value), Some(y.ap()), "PY{py}");
        assert_eq!(ap.text, format!("{}%", y.ap()));

        let base = y.base_row(Pathway::Traditional).unwrap();
        let w = row.cell(Column::BaseWeights);
        let CellValue::Weights {
            base: shown,
            applied,
        } = &w.value
        else {
            panic!("PY{py}: weights cell holds {:?}", w.value);
        };
        assert_eq!(*shown, base.weights, "PY{py}");
        assert_eq!(w.text, base.weights.to_string());
        // The applied weights are the engine's for a group reporting all four categories.
        let mut probe = Scenario::default_group();
        probe.performance_year = py;
        probe.scores.quality = Some(100.0);
        probe.scores.cost = Some(100.0);
        probe.scores.improvement_activities = Some(100.0);
        probe.scores.promoting_interoperability = Some(100.0);
        assert_eq!(*applied, engine::score(&probe, y).weights, "PY{py}");
        assert_eq!(w.note.is_some(), *applied != base.weights, "PY{py}");

        let cpb = row.cell(Column::ComplexPatientBonusMax);
        assert_eq!(
            number(&cpb.value),
            Some(y.complex_patient_bonus_max.value),
            "PY{py}"
        );

        let spb = row.cell(Column::SmallPracticeBonus);
        assert_eq!(
            spb.value,
            CellValue::SmallPracticeBonus {
                mode: y.small_practice_bonus.value.mode,
                points: y.small_practice_bonus.value.points
            },
            "PY{py}"
        );

        let max = row.cell(Column::PublishedMaximum);
        match &y.max_positive_adjustment {
            Some(m) => {
                let total = y.published_total_max.unwrap_or(m.value);
                assert_eq!(number(&max.value), Some(total), "PY{py}");
                assert_eq!(max.confidence, Some(m.confidence));
            }
            None => {
                assert_eq!(max.value, CellValue::None, "PY{py}");
                assert_eq!(max.text, "not yet published");
                let assumed = y.assumed_max_positive_adjustment.as_ref().unwrap();
                assert!(
                    max.note
                        .as_ref()
                        .unwrap()
                        .contains(&format!("assumed {}%", assumed.value)),
                    "PY{py}: {:?}",
                    max.note
                );
            }
        }

        let (mean, median) = (
            row.cell(Column::NationalMean),
            row.cell(Column::NationalMedian),
        );
        match national.overall_final_score(py) {
            Some(f) => {
                assert_eq!(number(&mean.value), Some(f.mean), "PY{py}");
                assert_eq!(number(&median.value), Some(f.median), "PY{py}");
            }
            None => {
                assert_eq!(mean.value, CellValue::None, "PY{py}");
                assert_eq!(median.value, CellValue::None, "PY{py}");
            }
        }
    }
}

#[test]
fn a_cell_is_marked_changed_exactly_when_it_differs_from_the_year_before() {
    let t = Timeline::build(&rules(), &National::embedded());
    assert!(t.years[0].changed().is_empty());
    for pair in t.years.windows(2) {
        for (before, after) in pair[0].cells.iter().zip(&pair[1].cells) {
            let national_gap = after.column.is_national()
                && (before.value == CellValue::None || after.value == CellValue::None);
            assert_eq!(
                after.changed,
                before.value != after.value && !national_gap,
                "PY{} {:?}",
                pair[1].performance_year,
                after.column
            );
        }
    }
}

/// Every cell the timeline marks changed has a change in the list from the year before, and
/// the list talks about nothing the timeline shows unchanged.
#[test]
fn the_changes_and_the_timeline_agree() {
    let rules = rules();
    let national = National::embedded();
    let t = Timeline::build(&rules, &national);
    let topic_of = |c: Column| match c {
        Column::PerformanceThreshold => Topic::PerformanceThreshold,
        Column::ExceptionalThreshold => Topic::ExceptionalBonus,
        Column::ApplicablePercent => Topic::ApplicablePercent,
        Column::BaseWeights => Topic::Weights,
        Column::ComplexPatientBonusMax => Topic::ComplexPatientBonus,
        Column::SmallPracticeBonus => Topic::SmallPracticeBonus,
        Column::PublishedMaximum => Topic::MaximumAdjustment,
        Column::NationalMean | Column::NationalMedian => Topic::NationalResults,
    };
    for row in t.years.iter().skip(1) {
        let py = row.performance_year;
        let changes = YearChanges::from_previous(&rules, &national, py).unwrap();
        assert_eq!(changes.since, py - 1);
        for column in Column::ALL {
            let listed = changes.changes.iter().any(|c| c.topic == topic_of(column));
            if row.cell(column).changed {
                assert!(listed, "PY{py}: {column:?} changed but is not listed");
            }
        }
        for topic in [
            Topic::PerformanceThreshold,
            Topic::ApplicablePercent,
            Topic::Weights,
            Topic::ComplexPatientBonus,
            Topic::SmallPracticeBonus,
        ] {
            let listed = changes.changes.iter().any(|c| c.topic == topic);
            let marked = Column::ALL
                .iter()
                .any(|&c| topic_of(c) == topic && row.cell(c).changed);
            assert_eq!(listed, marked, "PY{py}: {topic:?}");
        }
    }
}

fn texts(c: &YearChanges) -> Vec<&str> {
    c.changes.iter().map(|c| c.text.as_str()).collect()
}

fn has(c: &YearChanges, needle: &str) -> bool {
    c.changes.iter().any(|c| c.text.contains(needle))
}

#[test]
fn the_big_changes_of_mips_history_are_listed_in_words() {
    let rules = rules();
    let national = National::embedded();
    let diff = |y: u16| YearChanges::from_previous(&rules, &national, y).unwrap();

    let py2022 = diff(2022);
    assert!(
        has(&py2022, "Performance threshold 60 → 75 points"),
        "{:#?}",
        texts(&py2022)
    );
    assert!(
        has(
            &py2022,
            "Base weights (Quality/Cost/IA/PI) 40/20/15/25 → 30/30/15/25"
        ),
        "{:#?}",
        texts(&py2022)
    );
    assert!(has(
        &py2022,
        "PY2022 is the last year of the exceptional performance bonus"
    ));
    assert!(has(&py2022, "Small practice, PI not scored: 40/30/30/0"));
    assert!(
        py2022
            .changes
            .iter()
            .any(|c| c.topic == Topic::SmallPracticePiReweighting)
    );

    assert!(has(
        &py2022,
        "Cost counts again: a practice reporting all four categories gets the base weights 30/30/15/25"
    ));
    assert!(has(
        &py2022,
        "Small practices get a redistribution table of their own"
    ));

    // PY2020–2021: cost weighted 0% for everyone, from the rules' own flag.
    let py2020 = diff(2020);
    assert!(
        has(
            &py2020,
            "Cost weighted 0% for all clinicians in PY2020: a practice reporting all four categories gets 55/0/15/30, not the base 45/15/15/25"
        ),
        "{:#?}",
        texts(&py2020)
    );
    let t = Timeline::build(&rules, &national);
    for py in [2020, 2021] {
        let cell = t.year(py).unwrap().cell(Column::BaseWeights);
        assert!(cell.changed, "PY{py}");
        assert!(
            cell.note
                .as_deref()
                .unwrap_or("")
                .contains("gets 55/0/15/30"),
            "PY{py}: {:?}",
            cell.note
        );
    }
    assert!(
        t.year(2019)
            .unwrap()
            .cell(Column::BaseWeights)
            .note
            .is_none()
    );

    let py2023 = diff(2023);
    assert!(has(&py2023, "No exceptional performance bonus in PY2023"));
    assert!(has(&py2023, "MIPS Value Pathways (MVPs) can be reported"));
    assert!(!has(&py2023, "Performance threshold"));

    let py2018 = diff(2018);
    assert!(has(&py2018, "Performance threshold 3 → 15 points"));
    assert!(has(
        &py2018,
        "Small-practice bonus: no small-practice bonus → +5 points on the final score"
    ));
    assert!(has(&py2018, "The complex patient bonus starts"));

    let py2025 = diff(2025);
    assert!(has(
        &py2025,
        "Maximum positive adjustment at 100 not yet published for PY2025 (PY2024: 1.05%)"
    ));

    // A year is compared with the year before unless another one is given.
    assert!(YearChanges::from_previous(&rules, &national, rules.first_year()).is_none());
    let far = YearChanges::between(&rules, &national, 2024, 2019).unwrap();
    assert_eq!(far.since, 2019);
    assert!(has(&far, "Performance threshold 30 → 75 points"));
}

/// A rules folder like the shipped one with one year's threshold edited.
fn edited_rules(dir: &Path, year: u16, from: &str, to: &str) {
    let name = format!("{year}.toml");
    let text = EMBEDDED.iter().find(|(n, _)| *n == name).unwrap().1;
    assert!(text.contains(from), "{name} contains {from:?}");
    std::fs::write(dir.join(&name), text.replacen(from, to, 1)).unwrap();
}

#[test]
fn an_edited_rules_file_shows_up_in_the_timeline_and_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    edited_rules(
        dir.path(),
        2023,
        "[performance_threshold]\nvalue = 75",
        "[performance_threshold]\nvalue = 80",
    );
    let rules = RuleSet::with_overrides(dir.path()).unwrap();
    let national = National::embedded();
    let t = Timeline::build(&rules, &national);
    let cell = t.year(2023).unwrap().cell(Column::PerformanceThreshold);
    assert_eq!(cell.value, CellValue::Number(80.0));
    assert!(cell.changed);
    assert!(
        t.year(2024)
            .unwrap()
            .cell(Column::PerformanceThreshold)
            .changed
    );

    let c2023 = YearChanges::from_previous(&rules, &national, 2023).unwrap();
    assert!(
        has(&c2023, "Performance threshold 75 → 80 points"),
        "{:#?}",
        texts(&c2023)
    );
    let c2024 = YearChanges::from_previous(&rules, &national, 2024).unwrap();
    assert!(has(&c2024, "Performance threshold 80 → 75 points"));

    // The same through the command line, in JSON.
    let out = Command::cargo_bin("mips-whatif")
        .unwrap()
        .args(["--rules"])
        .arg(dir.path())
        .args(["rules", "--year", "2023", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["rules"]["performance_year"], 2023);
    let pt = &json["rules"]["cells"][0];
    assert_eq!(pt["column"], "performance_threshold");
    assert_eq!(pt["value"], 80.0);
    assert_eq!(pt["changed"], true);
    assert_eq!(json["changes"]["since"], 2022);
    assert_eq!(json["changes"]["changes"][0]["from"], "75");
    assert_eq!(json["changes"]["changes"][0]["to"], "80");
}

#[test]
fn an_edited_redistribution_row_shows_up_in_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    let name = "2024.toml";
    let text = EMBEDDED.iter().find(|(n, _)| *n == name).unwrap().1;
    // The first small-practice row: give it other weights that still add up to 100.
    let at = text
        .find("practice = \"small\"")
        .expect("PY2024 has small-practice rows");
    let (head, tail) = text.split_at(at);
    let rules_before = rules();
    let row = rules_before
        .year(2024)
        .unwrap()
        .weight_rows
        .iter()
        .find(|r| r.practice == mips_whatif::rules::PracticeScope::Small)
        .unwrap()
        .clone();
    let q = format!(
        "quality = {}",
        mips_whatif::format::number(row.weights.quality)
    );
    let ia = format!(
        "improvement_activities = {}",
        mips_whatif::format::number(row.weights.improvement_activities)
    );
    assert!(tail.contains(&q) && tail.contains(&ia));
    let edited = tail
        .replacen(
            &q,
            &format!(
                "quality = {}",
                mips_whatif::format::number(row.weights.quality - 5.0)
            ),
            1,
        )
        .replacen(
            &ia,
            &format!(
                "improvement_activities = {}",
                mips_whatif::format::number(row.weights.improvement_activities + 5.0)
            ),
            1,
        );
    std::fs::write(dir.path().join(name), format!("{head}{edited}")).unwrap();
    let rules = RuleSet::with_overrides(dir.path()).unwrap();
    let national = National::embedded();
    let c = YearChanges::from_previous(&rules, &national, 2024).unwrap();
    let redistribution: Vec<_> = c
        .changes
        .iter()
        .filter(|c| c.topic == Topic::Redistribution)
        .collect();
    assert_eq!(redistribution.len(), 1, "{redistribution:#?}");
    assert!(
        redistribution[0].text.starts_with("Small practice, "),
        "{}",
        redistribution[0].text
    );
    assert_eq!(redistribution[0].from, Some(row.weights.to_string()));
    // Without the edit, PY2024's rows are PY2023's.
    let shipped = YearChanges::from_previous(&rules_before, &national, 2024).unwrap();
    assert!(
        shipped
            .changes
            .iter()
            .all(|c| c.topic != Topic::Redistribution)
    );
}

#[test]
fn the_same_inputs_are_scored_as_the_engine_scores_each_year() {
    let rules = rules();
    for file in [
        "scenarios/small-practice-no-pi.toml",
        "scenarios/large-group-all-four.toml",
        "scenarios/complex-patient-bonus.toml",
        "scenarios/mvp-subgroup.toml",
    ] {
        let s = Scenario::load(Path::new(file), &rules).unwrap();
        for y in rules.years() {
            let py = y.performance_year;
            let Some(prev) = py.checked_sub(1).filter(|p| rules.year(*p).is_some()) else {
                continue;
            };
            let pair = side_by_side(&s, &rules, py, prev).unwrap();
            for (outcome, year) in [(&pair.year, py), (&pair.since, prev)] {
                let (moved, adjusted) = same_inputs_in(&s, &rules, year);
                assert_eq!(moved.performance_year, year);
                assert!(
                    mips_whatif::scenario::check(&moved, &rules).is_empty(),
                    "{file} in PY{year}: {adjusted:?}"
                );
                let direct = engine::score(&moved, rules.year(year).unwrap());
                assert_eq!(outcome.final_score, published_score(direct.final_score));
                assert_eq!(
                    outcome.payment_adjustment_percent,
                    direct.payment_adjustment_percent
                );
                assert_eq!(outcome.weights, direct.weights);
                assert_eq!(outcome.adjusted, adjusted);
            }
        }
    }
}

#[test]
fn moving_inputs_to_another_year_says_what_had_to_change() {
    let rules = rules();
    let s = Scenario::load(Path::new("scenarios/mvp-subgroup.toml"), &rules).unwrap();
    let (moved, adjusted) = same_inputs_in(&s, &rules, 2021);
    assert_eq!(
        moved.reporting_option,
        mips_whatif::scenario::ReportingOption::Traditional
    );
    assert!(
        adjusted.iter().any(|a| a.contains("no MVPs")),
        "{adjusted:?}"
    );
    let (same, none) = same_inputs_in(&s, &rules, s.performance_year);
    assert_eq!(same, s);
    assert!(none.is_empty());
    let y2017 = rules.year(2017).unwrap();
    assert_eq!(
        y2017.small_practice_bonus.value.mode,
        SmallPracticeBonusMode::None
    );
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("mips-whatif")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_rules_command_prints_the_timeline_a_year_and_a_scenario() {
    let (code, out, err) = run(&["rules"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("MIPS rules by performance year (✓ confirmed"));
    for y in 2017..=2026 {
        assert!(
            out.contains(&format!("\n{y}  {}", y + 2)),
            "PY{y} row:\n{out}"
        );
    }
    assert!(out.contains("not yet published"));

    let (code, out, _) = run(&["rules", "--format", "markdown"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("| PY | Paid | Threshold |"));
    assert!(out.contains("| 2022 | 2024 | **75** ✓ |"), "{out}");

    let (code, out, _) = run(&["rules", "--format", "json"]);
    assert_eq!(code, Some(0));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["years"].as_array().unwrap().len(), 10);

    let (code, out, _) = run(&["rules", "--year", "2022"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("PY2022 rules (payment year 2024)\n"));
    assert!(out.contains("What changed from PY2021 to PY2022\n"));
    assert!(out.contains("• Performance threshold 60 → 75 points"));

    let (code, out, _) = run(&["rules", "--year", "2017"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("PY2017 is the first year of these rules: nothing to compare it with."));

    let (code, out, _) = run(&[
        "rules",
        "--scenario",
        "scenarios/small-practice-no-pi.toml",
        "--diff",
        "2021",
    ]);
    assert_eq!(code, Some(0));
    assert!(out.contains("What changed from PY2021 to PY2024"), "{out}");
    assert!(out.contains("What it does to "));
    assert!(out.contains("  Weights      85/0/15/0"), "{out}");

    let (code, out, _) = run(&[
        "rules",
        "--year",
        "2022",
        "--scenario",
        "scenarios/small-practice-no-pi.toml",
        "--format",
        "markdown",
    ]);
    assert_eq!(code, Some(0));
    assert!(out.contains("## What it does to "));
    assert!(out.contains("| | PY2021 | PY2022 |"));
}

#[test]
fn bad_rules_arguments_are_refused_with_exit_code_2() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["rules", "--year", "2030"],
            "error: --year 2030: not a supported performance year\n  = allowed: 2017–2026\n",
        ),
        (
            &["rules", "--year", "2024", "--diff", "2016"],
            "error: --diff 2016: not a supported performance year\n  = allowed: 2017–2026\n",
        ),
        (
            &["rules", "--year", "2024", "--diff", "2024"],
            "error: --diff 2024: the same year as the one shown\n  = allowed: another year of 2017–2026\n",
        ),
        (
            &["rules", "--diff", "2021"],
            "error: --diff needs a year to compare with it\n  = allowed: --year YEAR --diff PREV, e.g. --year 2022 --diff 2021\n",
        ),
        (
            &["rules", "--scenario", "missing.toml"],
            "error: missing.toml: no such file\n  = allowed: the path of an existing scenario file, e.g. scenarios/small-rural-group-no-pi.toml\n",
        ),
    ];
    for (args, expected) in cases {
        let (code, out, err) = run(args);
        assert_eq!(code, Some(2), "{args:?}");
        assert_eq!(err, *expected, "{args:?}");
        assert!(out.is_empty(), "{args:?}");
    }
}
