//! The Compare and National views and the client-report export: state updates, the export
//! through the runner's real file work in a temporary folder, and whole-screen snapshots.

mod common;

use common::*;
use mips_whatif::app::{App, Field, Msg, Overlay, Purpose, View};
use mips_whatif::compare::DIFFERENCES_TITLE;
use mips_whatif::explorer::dispatch;
use mips_whatif::rules::Category;
use mips_whatif::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

const COST: Field = Field::Score(Category::Cost);

/// Pin a baseline, lower cost by 10 and open the Compare view.
fn baseline_then_cost_down(app: &mut App) {
    press(app, KeyCode::Char('b'));
    focus(app, COST);
    press(app, KeyCode::Char('['));
    press(app, KeyCode::F(View::Compare.function_key()));
    assert_eq!(app.view, View::Compare);
}

fn difference_row(app: &App, label: &str) -> Vec<String> {
    let cmp = app.compare.comparison.as_ref().expect("a comparison");
    cmp.sections()
        .into_iter()
        .find(|s| s.title == DIFFERENCES_TITLE)
        .and_then(|s| s.rows.into_iter().find(|r| r.label == label))
        .expect("the row")
        .cells
}

#[test]
fn baseline_and_a_cost_change_show_as_a_difference() {
    let mut app = default_app();
    assert!(
        app.compare.comparison.is_none(),
        "one scenario is nothing to compare"
    );
    baseline_then_cost_down(&mut app);
    let cmp = app.compare.comparison.as_ref().unwrap();
    assert_eq!(cmp.scenarios.len(), 2);
    assert_eq!(cmp.scenarios[0].label, "Baseline");
    assert_eq!(cmp.scenarios[1].label, "Current");
    assert_eq!(
        difference_row(&app, "Final score"),
        ["baseline", "-3.00 pts"]
    );
    // The comparison follows every change.
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(
        difference_row(&app, "Final score"),
        ["baseline", "0.00 pts"]
    );
}

#[test]
fn pinned_columns_stop_at_four_with_a_message_and_clear() {
    let mut app = default_app();
    focus(&mut app, COST);
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.compare.pins.len(), 3);
    assert_eq!(app.compare.comparison.as_ref().unwrap().scenarios.len(), 4);
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.compare.pins.len(), 3, "no fifth column");
    let msg = app.status.clone().expect("a message");
    assert!(msg.text.contains("4 scenarios at most"), "{}", msg.text);
    // A baseline takes a column: the oldest pins stay, the last is left out.
    press(&mut app, KeyCode::Char('b'));
    let cmp = app.compare.comparison.as_ref().unwrap();
    assert_eq!(cmp.scenarios.len(), 4);
    assert_eq!(cmp.scenarios[0].label, "Baseline");
    assert_eq!(app.compare_hidden(), 1);
    press(&mut app, KeyCode::Char('c'));
    assert!(app.compare.pins.is_empty());
    assert_eq!(app.compare.comparison.as_ref().unwrap().scenarios.len(), 2);
}

#[test]
fn a_file_can_be_added_as_a_column() {
    let mut app = default_app();
    let effects = press(&mut app, KeyCode::Char('A'));
    assert!(matches!(app.overlay, Overlay::Open(_)));
    assert!(!effects.is_empty());
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join("small-practice-no-pi.toml");
    dispatch(
        &mut app,
        Msg::Key(key_event(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    for c in path.to_str().unwrap().chars() {
        dispatch(
            &mut app,
            Msg::Key(key_event(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
    let before = app.scenario().clone();
    dispatch(
        &mut app,
        Msg::Key(key_event(KeyCode::Enter, KeyModifiers::NONE)),
    );
    assert_eq!(app.overlay, Overlay::None, "{:?}", app.status);
    assert_eq!(app.scenario(), &before, "the current scenario stays");
    let cmp = app.compare.comparison.as_ref().unwrap();
    assert_eq!(cmp.scenarios.len(), 2);
    assert_eq!(cmp.scenarios[0].label, "Small practice, PI not reported");
}

fn export_keys(app: &mut App, path: &str) {
    dispatch(
        app,
        Msg::Key(key_event(KeyCode::Char('e'), KeyModifiers::NONE)),
    );
    assert!(matches!(&app.overlay, Overlay::Name(p) if p.purpose == Purpose::Export));
    dispatch(
        app,
        Msg::Key(key_event(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    for c in path.chars() {
        dispatch(
            app,
            Msg::Key(key_event(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
    dispatch(app, Msg::Key(key_event(KeyCode::Enter, KeyModifiers::NONE)));
}

#[test]
fn export_writes_an_html_report_and_asks_before_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = default_app();
    baseline_then_cost_down(&mut app);
    let target = dir.path().join("client");
    export_keys(&mut app, target.to_str().unwrap());
    let written = dir.path().join("client.html");
    assert_eq!(app.overlay, Overlay::None, "{:?}", app.status);
    let html = std::fs::read_to_string(&written).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..40]);
    assert!(html.contains("Baseline") && html.contains("Current"));
    let msg = app.status.clone().unwrap().text;
    assert!(
        msg.contains("client.html") && msg.contains("2 scenarios"),
        "{msg}"
    );

    // Again to the same name: asked first; "n" leaves the file alone, "y" replaces it.
    press(&mut app, KeyCode::Char('['));
    export_keys(&mut app, written.to_str().unwrap());
    assert!(matches!(
        app.overlay,
        Overlay::Replace {
            purpose: Purpose::Export,
            ..
        }
    ));
    dispatch(
        &mut app,
        Msg::Key(key_event(KeyCode::Char('n'), KeyModifiers::NONE)),
    );
    assert!(matches!(&app.overlay, Overlay::Name(p) if p.purpose == Purpose::Export));
    assert_eq!(std::fs::read_to_string(&written).unwrap(), html);
    dispatch(
        &mut app,
        Msg::Key(key_event(KeyCode::Enter, KeyModifiers::NONE)),
    );
    dispatch(
        &mut app,
        Msg::Key(key_event(KeyCode::Char('y'), KeyModifiers::NONE)),
    );
    assert_eq!(app.overlay, Overlay::None);
    assert_ne!(std::fs::read_to_string(&written).unwrap(), html);

    // Markdown by its extension; an unknown extension is refused in the dialog.
    let md = dir.path().join("client.md");
    export_keys(&mut app, md.to_str().unwrap());
    assert!(std::fs::read_to_string(&md).unwrap().starts_with('#'));
    export_keys(&mut app, dir.path().join("client.txt").to_str().unwrap());
    match &app.overlay {
        Overlay::Name(d) if d.purpose == Purpose::Export => {
            assert!(d.error.as_deref().unwrap().contains(".html or .md"))
        }
        other => panic!("{other:?}"),
    }
    let names = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(names, 2, "no temporary files left behind");
}

#[test]
fn export_into_a_missing_folder_keeps_the_dialog_with_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = default_app();
    let target = dir.path().join("no-such-folder").join("r.html");
    export_keys(&mut app, target.to_str().unwrap());
    match &app.overlay {
        Overlay::Name(d) if d.purpose == Purpose::Export => {
            assert!(d.error.is_some());
            assert!(d.input.ends_with("r.html"), "the typed name is kept");
        }
        other => panic!("{other:?}"),
    }
    assert!(!target.exists());
}

#[test]
fn help_lists_the_new_keys() {
    let keys: Vec<&str> = mips_whatif::app::keymap::help_groups()
        .iter()
        .flat_map(|(_, lines)| lines.iter().map(|k| k.label))
        .collect();
    for k in ["a", "A", "c", "e"] {
        assert!(keys.contains(&k), "{k}");
    }
}

#[test]
fn compare_view_baseline_pin_and_current_120x40() {
    let mut app = default_app();
    focus(&mut app, COST);
    let keys = [
        KeyCode::Char('b'),
        KeyCode::Char('['),
        KeyCode::Char('a'),
        KeyCode::Char('['),
        KeyCode::F(View::Compare.function_key()),
    ];
    insta::assert_snapshot!(screen(&mut app, 120, 40, &keys).backend());
}

#[test]
fn compare_view_with_nothing_pinned_120x40() {
    let mut app = default_app();
    insta::assert_snapshot!(
        screen(
            &mut app,
            120,
            40,
            &[KeyCode::F(View::Compare.function_key())]
        )
        .backend()
    );
}

#[test]
fn national_view_120x40() {
    let mut app = default_app();
    focus(&mut app, COST);
    let keys = [
        KeyCode::Char('['),
        KeyCode::F(View::National.function_key()),
    ];
    insta::assert_snapshot!(screen(&mut app, 120, 40, &keys).backend());
}

#[test]
fn national_view_80x24() {
    let mut app = default_app();
    insta::assert_snapshot!(
        screen(
            &mut app,
            80,
            24,
            &[KeyCode::F(View::National.function_key())]
        )
        .backend()
    );
}

fn screen(app: &mut App, w: u16, h: u16, codes: &[KeyCode]) -> Terminal<TestBackend> {
    drive(app, w, h, codes, &Theme::color())
}
