//! Workspace files: the documented example opens, a workspace written back opens to the same
//! state and a second save gives the same bytes, paths follow the workspace when it is saved
//! elsewhere, and scenario files that changed or vanished are reported while what can be kept
//! is kept. `compare` and `report` accept a workspace.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use mips_whatif::national::{Group, ReportingStatus};
use mips_whatif::report::ReportDetails;
use mips_whatif::rules::RuleSet;
use mips_whatif::scenario::Scenario;
use mips_whatif::workspace::{
    self, ChartChoice, Column, Workspace, folder_of, is_workspace_file, open, relative_path,
    to_toml,
};

const EXAMPLE: &str = "docs/examples/small-practice-pi.workspace.toml";

fn rules() -> RuleSet {
    RuleSet::embedded().unwrap()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mips-whatif"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn scenario(path: &str) -> Scenario {
    Scenario::load(&root().join(path), &rules()).unwrap()
}

/// A workspace with every part set: report details, chart, band, view, a baseline from a
/// file, an inline column, and the current scenario left out of the comparison.
fn full_workspace(dir: &Path) -> Workspace {
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    for f in [
        "small-practice-no-pi.toml",
        "small-practice-reporting-pi.toml",
    ] {
        std::fs::copy(
            root().join("scenarios").join(f),
            dir.join("scenarios").join(f),
        )
        .unwrap();
    }
    let mut edited = scenario("scenarios/small-practice-reporting-pi.toml");
    edited.scores.promoting_interoperability = Some(97.5);
    Workspace {
        columns: vec![
            Column {
                name: "PI not reported".into(),
                baseline: true,
                current: false,
                compared: true,
                file: Some(dir.join("scenarios/small-practice-no-pi.toml")),
                scenario: scenario("scenarios/small-practice-no-pi.toml"),
                inline: true,
            },
            Column {
                name: "PI at 80% \"as planned\"".into(),
                baseline: false,
                current: false,
                compared: true,
                file: None,
                scenario: scenario("scenarios/small-practice-reporting-pi.toml"),
                inline: true,
            },
            Column {
                name: "Trying PI at 97.5%".into(),
                baseline: false,
                current: true,
                compared: false,
                file: Some(dir.join("scenarios/small-practice-reporting-pi.toml")),
                scenario: edited,
                inline: true,
            },
        ],
        report: ReportDetails {
            title: Some("PI: report it or not?".into()),
            client: Some("Riverside Family Practice".into()),
            prepared_by: Some("J. Rivera".into()),
            date: Some("2026-12-01".into()),
            note: Some("Keep not reporting PI.\n\nRevisit in June.".into()),
        },
        chart: Some(ChartChoice {
            group: Group::Small,
            reporting: ReportingStatus::Reporting,
        }),
        max_range: Some((0.9, 2.5)),
        view: Some("compare".into()),
        written_at: Some("2026-12-01T08:42:17Z".parse().unwrap()),
        workspace_file: Some(dir.join("client.toml")),
        roster: None,
    }
}

#[test]
fn the_documented_example_opens_with_its_names_baseline_and_details() {
    let opened = open(&root().join(EXAMPLE), &rules()).unwrap();
    assert!(opened.notes.is_empty(), "{:?}", opened.notes);
    assert!(opened.dropped.is_empty(), "{:?}", opened.dropped);
    let w = opened.workspace;
    let names: Vec<&str> = w.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "PI not reported",
            "PI reported at 80%",
            "PI reported at 95%"
        ]
    );
    assert!(w.columns[0].baseline && !w.columns[1].baseline);
    assert!(w.columns[2].current && w.columns[2].inline && w.columns[2].file.is_none());
    assert_eq!(
        w.columns[1].scenario.scores.promoting_interoperability,
        Some(80.0)
    );
    assert_eq!(
        w.columns[2].scenario.scores.promoting_interoperability,
        Some(95.0)
    );
    assert_eq!(
        w.report.client.as_deref(),
        Some("Riverside Family Practice")
    );
    assert_eq!(w.report.date.as_deref(), Some("2026-12-01"));
    assert_eq!(w.chart.map(|c| c.group), Some(Group::Small));
    assert_eq!(w.view.as_deref(), Some("compare"));
    // Paths are relative to the workspace's folder, tidied.
    assert_eq!(
        w.columns[0].file.as_deref(),
        Some(root().join("scenarios/small-practice-no-pi.toml").as_path())
    );
    assert!(is_workspace_file(&root().join(EXAMPLE)));
    assert!(!is_workspace_file(
        &root().join("scenarios/small-practice-no-pi.toml")
    ));
}

#[test]
fn the_docs_page_shows_the_example_file_as_it_is() {
    let page = std::fs::read_to_string(root().join("docs/workspace.md")).unwrap();
    let example = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    assert!(
        page.contains(&format!("```toml\n{example}```")),
        "docs/workspace.md does not show {EXAMPLE} as it is"
    );
}

#[test]
fn save_then_open_gives_the_same_state_and_a_second_save_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let w = full_workspace(dir.path());
    let path = dir.path().join("client.toml");
    let first = to_toml(&w, &folder_of(&path));
    std::fs::write(&path, &first).unwrap();
    let opened = open(&path, &rules()).unwrap();
    assert!(opened.notes.is_empty(), "{:?}", opened.notes);
    assert!(opened.dropped.is_empty());
    assert_eq!(opened.workspace, w);
    let second = to_toml(&opened.workspace, &folder_of(&path));
    assert_eq!(first, second, "the second save differs");
    assert!(
        first.contains("file = \"scenarios/small-practice-no-pi.toml\""),
        "{first}"
    );
}

#[test]
fn the_example_round_trips_through_a_save() {
    let rules = rules();
    let example = root().join(EXAMPLE);
    let w = open(&example, &rules).unwrap().workspace;
    let text = to_toml(&w, &folder_of(&example));
    assert_eq!(
        text,
        std::fs::read_to_string(&example).unwrap(),
        "the example is not in the form the writer gives"
    );
}

#[test]
fn a_workspace_saved_in_another_folder_keeps_pointing_at_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let w = full_workspace(dir.path());
    std::fs::create_dir(dir.path().join("clients")).unwrap();
    let path = dir.path().join("clients/riverside.toml");
    std::fs::write(&path, to_toml(&w, &folder_of(&path))).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("file = \"../scenarios/small-practice-no-pi.toml\""),
        "{text}"
    );
    let opened = open(&path, &rules()).unwrap();
    assert!(opened.notes.is_empty(), "{:?}", opened.notes);
    let reopened: Vec<&Scenario> = opened
        .workspace
        .columns
        .iter()
        .map(|c| &c.scenario)
        .collect();
    let saved: Vec<&Scenario> = w.columns.iter().map(|c| &c.scenario).collect();
    assert_eq!(reopened, saved);
    assert_eq!(
        relative_path(Path::new("/a/b/c.toml"), Path::new("/a/d")),
        "../b/c.toml"
    );
    assert_eq!(
        relative_path(Path::new("/a/b.toml"), Path::new("/a")),
        "b.toml"
    );
}

#[test]
fn a_changed_or_vanished_file_is_reported_and_the_copy_kept() {
    let dir = tempfile::tempdir().unwrap();
    let w = full_workspace(dir.path());
    let path = dir.path().join("client.toml");
    std::fs::write(&path, to_toml(&w, dir.path())).unwrap();
    // The baseline's file changes; the current scenario's file vanishes.
    let base_file = dir.path().join("scenarios/small-practice-no-pi.toml");
    let text = std::fs::read_to_string(&base_file).unwrap();
    std::fs::write(&base_file, text.replace("quality = 85", "quality = 60")).unwrap();
    std::fs::remove_file(
        dir.path()
            .join("scenarios/small-practice-reporting-pi.toml"),
    )
    .unwrap();
    let opened = open(&path, &rules()).unwrap();
    assert!(opened.dropped.is_empty());
    assert_eq!(opened.notes.len(), 2, "{:?}", opened.notes);
    assert!(opened.notes[0].contains("has changed since the workspace was saved"));
    assert!(
        opened.notes[1].contains("no such file"),
        "{}",
        opened.notes[1]
    );
    assert_eq!(
        opened.workspace, w,
        "the copies are what the workspace holds"
    );

    let (code, out, err) = run_in(dir.path(), &["compare", "client.toml"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err,
        "note: client.toml: column \"PI not reported\": scenarios/small-practice-no-pi.toml has changed since the workspace was saved; the workspace's copy is used (open the file to see the new version)\n\
         note: client.toml: column \"Trying PI at 97.5%\": scenarios/small-practice-reporting-pi.toml: no such file — the workspace's copy is used\n"
    );
    // Two compared columns: the current scenario is left out.
    assert!(out.starts_with("Comparing 2 scenarios"), "{out}");
    assert!(out.contains("PI at 80% \"as planned\""), "{out}");
    assert!(!out.contains("Trying PI"), "{out}");
}

#[test]
fn a_vanished_file_without_a_copy_leaves_its_column_out_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("scenarios/small-practice-no-pi.toml"),
        dir.path().join("a.toml"),
    )
    .unwrap();
    let path = dir.path().join("client.toml");
    std::fs::write(
        &path,
        "workspace = 1\n[[column]]\nname = \"A\"\nfile = \"a.toml\"\n[[column]]\nname = \"B\"\nbaseline = true\nfile = \"b.toml\"\n",
    )
    .unwrap();
    let opened = open(&path, &rules()).unwrap();
    assert_eq!(opened.workspace.columns.len(), 1);
    assert_eq!(opened.workspace.columns[0].name, "A");
    assert_eq!(opened.dropped.len(), 1);
    assert_eq!(opened.dropped[0].line, Some(8));
}

#[test]
fn compare_puts_the_baseline_first_under_the_column_names() {
    let (code, out, err) = run_in(&root(), &["compare", EXAMPLE, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let labels: Vec<&str> = v["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "PI not reported",
            "PI reported at 80%",
            "PI reported at 95%"
        ]
    );

    // A baseline listed last still comes first.
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "small-practice-no-pi.toml",
        "small-practice-reporting-pi.toml",
    ] {
        std::fs::copy(root().join("scenarios").join(f), dir.path().join(f)).unwrap();
    }
    std::fs::write(
        dir.path().join("w.toml"),
        "workspace = 1\n[[column]]\nname = \"With PI\"\nfile = \"small-practice-reporting-pi.toml\"\n[[column]]\nname = \"Without PI\"\nbaseline = true\nfile = \"small-practice-no-pi.toml\"\n",
    )
    .unwrap();
    let (code, out, err) = run_in(dir.path(), &["compare", "w.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("  A  Without PI  (small-practice-no-pi.toml)\n  B  With PI  (small-practice-reporting-pi.toml)"),
        "{out}"
    );
}

#[test]
fn report_takes_the_workspace_details_and_the_options_replace_them() {
    let (code, out, err) = run_in(&root(), &["report", EXAMPLE]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("# Promoting Interoperability: report it or not?\n"),
        "{out}"
    );
    assert!(
        out.contains("**Prepared for:** Riverside Family Practice"),
        "{out}"
    );
    assert!(out.contains("**Date:** 2026-12-01"));
    assert!(
        out.contains("Keep not reporting PI for 2024 unless the practice can reach 94% in it.")
    );

    let (code, out, err) = run_in(
        &root(),
        &[
            "report",
            EXAMPLE,
            "--client",
            "Lakeside Clinic",
            "--date",
            "2027-01-15",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("**Prepared for:** Lakeside Clinic"), "{out}");
    assert!(out.contains("**Date:** 2027-01-15"));
    assert!(out.contains("**Prepared by:** J. Rivera, practice consultant"));
}

#[test]
fn a_workspace_cannot_be_mixed_with_scenario_files() {
    let (code, out, err) = run_in(
        &root(),
        &["compare", EXAMPLE, "scenarios/small-practice-no-pi.toml"],
    );
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_eq!(
        err,
        format!(
            "error: {EXAMPLE} is a workspace: give it on its own, without other files\n  = allowed: one workspace file, or 1 to 4 scenario files\n"
        )
    );
}

#[test]
fn the_views_a_workspace_names_are_the_explorers() {
    // Every view, the Roster view too (a recovery file names it with its roster).
    let labels: Vec<String> = mips_whatif::app::View::ALL
        .iter()
        .chain([&mips_whatif::app::View::Roster])
        .map(|v| v.label().to_lowercase())
        .collect();
    let mut named: Vec<String> = workspace::VIEWS.iter().map(|v| v.to_string()).collect();
    let mut labels_sorted = labels.clone();
    labels_sorted.sort();
    named.sort();
    assert_eq!(named, labels_sorted);
}
