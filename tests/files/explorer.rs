//! Saving and opening through the explorer's real file work (the runner's effects), in a
//! temporary folder: atomic writes, the question before overwriting, round trips.

use crate::common::*;
use mips_whatif::app::{Msg, Overlay, Purpose};
use mips_whatif::explorer::{dispatch, list_openable, list_scenarios};
use mips_whatif::scenario::Scenario;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn key(app: &mut mips_whatif::app::App, code: KeyCode) {
    dispatch(app, Msg::Key(key_event(code, KeyModifiers::NONE)));
}

fn type_path(app: &mut mips_whatif::app::App, text: &str) {
    dispatch(
        app,
        Msg::Key(key_event(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

#[test]
fn save_then_open_round_trips_and_never_overwrites_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("plan");
    let mut app = default_app();
    focus(
        &mut app,
        mips_whatif::app::Field::Score(mips_whatif::rules::Category::Cost),
    );
    type_text(&mut app, "66.5");
    key(&mut app, KeyCode::Enter);

    key(&mut app, KeyCode::Char('s'));
    type_path(&mut app, target.to_str().unwrap());
    key(&mut app, KeyCode::Enter);
    // A new file: its name is asked too, proposed from the file's name.
    assert!(
        matches!(&app.overlay, Overlay::Name(p) if p.purpose == Purpose::ScenarioName && p.input == "Plan"),
        "{:?}",
        app.overlay
    );
    key(&mut app, KeyCode::Enter);
    let written = dir.path().join("plan.toml");
    assert!(written.is_file(), "{:?}", app.status);
    assert_eq!(app.overlay, Overlay::None);
    assert!(!app.is_modified());
    assert!(app.status.as_ref().unwrap().text.contains("plan.toml"));
    let first = std::fs::read_to_string(&written).unwrap();
    assert!(
        first.contains("name = \"Plan\""),
        "a saved variation is named after its file"
    );

    // Change and save again to the same name: asked first, and "n" leaves the file alone.
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Char('s'));
    key(&mut app, KeyCode::Enter);
    assert!(matches!(
        app.overlay,
        Overlay::Replace {
            purpose: Purpose::Save,
            ..
        }
    ));
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(std::fs::read_to_string(&written).unwrap(), first);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(app.overlay, Overlay::None);
    let second = std::fs::read_to_string(&written).unwrap();
    assert!(second.contains("cost = 67.5"), "{second}");
    // No temporary files left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");

    // Open it back in a fresh explorer.
    let mut other = default_app();
    key(&mut other, KeyCode::Char('o'));
    type_path(&mut other, written.to_str().unwrap());
    key(&mut other, KeyCode::Enter);
    assert_eq!(other.overlay, Overlay::None, "{:?}", other.status);
    assert_eq!(other.scenario(), app.scenario());
    assert_eq!(other.result().final_score, app.result().final_score);
}

#[test]
fn saving_into_a_missing_folder_says_why_and_keeps_the_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = default_app();
    key(&mut app, KeyCode::Char('s'));
    type_path(
        &mut app,
        dir.path().join("no/such/folder/x.toml").to_str().unwrap(),
    );
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    let Overlay::Name(d) = &app.overlay else {
        panic!("the dialog stays open: {:?}", app.overlay)
    };
    assert_eq!(d.purpose, Purpose::Save);
    assert!(
        d.error.as_ref().unwrap().contains("folder does not exist"),
        "{:?}",
        d.error
    );
}

#[test]
fn opening_an_invalid_file_keeps_the_current_state() {
    let mut app = default_app();
    key(&mut app, KeyCode::Right);
    let before = app.scenario().clone();
    key(&mut app, KeyCode::Char('o'));
    type_path(&mut app, "tests/fixtures/bad-score.toml");
    key(&mut app, KeyCode::Enter);
    let Overlay::FileError { text, .. } = &app.overlay else {
        panic!("expected the error, got {:?}", app.overlay)
    };
    assert!(
        text.contains("tests/fixtures/bad-score.toml:11:11"),
        "{text}"
    );
    assert!(text.contains("120 is out of range"), "{text}");
    assert_eq!(app.scenario(), &before);
    assert_ne!(app.scenario(), &Scenario::default_group());
}

#[test]
fn the_picker_lists_toml_files_sorted() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["b.toml", "a.toml", "notes.txt"] {
        std::fs::write(dir.path().join(name), "").unwrap();
    }
    let listed = list_scenarios(dir.path()).unwrap();
    let names: Vec<String> = listed
        .iter()
        .map(|p| {
            std::path::Path::new(p)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["a.toml", "b.toml"]);
    assert!(
        list_scenarios(&dir.path().join("missing"))
            .unwrap_err()
            .contains("type a path")
    );
}

#[test]
fn the_picker_lists_rosters_after_the_scenarios_from_both_folders() {
    let dir = tempfile::tempdir().unwrap();
    let scenarios = dir.path().join("scenarios");
    let rosters = dir.path().join("rosters");
    std::fs::create_dir_all(&scenarios).unwrap();
    std::fs::create_dir_all(&rosters).unwrap();
    for name in ["b.toml", "a.toml", "clients.csv", "notes.txt"] {
        std::fs::write(scenarios.join(name), "").unwrap();
    }
    for name in ["z.XLSX", "practice.csv", "old.xls", "book.xlsm"] {
        std::fs::write(rosters.join(name), "").unwrap();
    }
    let name = |p: &String| {
        let p = std::path::Path::new(p);
        format!(
            "{}/{}",
            p.parent().unwrap().file_name().unwrap().to_string_lossy(),
            p.file_name().unwrap().to_string_lossy()
        )
    };
    let listed: Vec<String> = list_openable(&scenarios, &rosters)
        .unwrap()
        .iter()
        .map(name)
        .collect();
    assert_eq!(
        listed,
        [
            "scenarios/a.toml",
            "scenarios/b.toml",
            "rosters/book.xlsm",
            "rosters/practice.csv",
            "rosters/z.XLSX",
            "scenarios/clients.csv",
        ]
    );
    // Either folder alone is enough; neither says so.
    let only_rosters = list_openable(&dir.path().join("missing"), &rosters).unwrap();
    assert_eq!(only_rosters.len(), 3);
    let neither = list_openable(&dir.path().join("missing"), &dir.path().join("gone")).unwrap_err();
    assert!(neither.contains("or "), "{neither}");
    assert!(neither.contains("type a path"), "{neither}");
}
