//! The Compare and National views and the client-report export: state updates, the export
//! through the runner's real file work in a temporary folder, and whole-screen snapshots.

use crate::common::*;
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
    // Each pin asks for the column's name; Enter keeps the one proposed.
    press(&mut app, KeyCode::Char('a'));
    assert!(
        matches!(&app.overlay, Overlay::Name(p) if p.purpose == mips_whatif::app::Purpose::ColumnName(0))
    );
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Enter);
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
    // Clearing asks first.
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.compare.pins.len(), 3);
    press(&mut app, KeyCode::Char('y'));
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
        KeyCode::Enter,
        KeyCode::Char('['),
        KeyCode::F(View::Compare.function_key()),
    ];
    let t = screen(&mut app, 120, 40, &keys);
    // The Final score row shows the three columns' scores, in order.
    let text = screen_text(&t);
    let row = text
        .lines()
        .find(|line| line.contains("* Final score"))
        .expect("a Final score row");
    let scores: Vec<String> = app
        .compare
        .comparison
        .as_ref()
        .unwrap()
        .scenarios
        .iter()
        .map(|s| mips_whatif::format::two_decimals(s.result.final_score))
        .collect();
    assert_eq!(scores.len(), 3);
    let mut rest = row;
    for score in &scores {
        let at = rest
            .find(score.as_str())
            .unwrap_or_else(|| panic!("{score} in {row}"));
        rest = &rest[at + score.len()..];
    }
    insta::assert_snapshot!(t.backend());
}

#[test]
fn compare_view_with_nothing_pinned_120x40() {
    let mut app = default_app();
    let t = screen(
        &mut app,
        120,
        40,
        &[KeyCode::F(View::Compare.function_key())],
    );
    let text = screen_text(&t);
    assert!(
        text.contains(&format!("Current · {}", shown_score(&app))),
        "{text}"
    );
    assert!(text.contains("b pins it as the baseline"), "{text}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn national_view_120x40() {
    let mut app = default_app();
    focus(&mut app, COST);
    let keys = [
        KeyCode::Char('['),
        KeyCode::F(View::National.function_key()),
    ];
    let t = screen(&mut app, 120, 40, &keys);
    let text = screen_text(&t);
    assert!(
        text.contains(&format!("Your final score {} is", shown_score(&app))),
        "{text}"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn national_view_80x24() {
    let mut app = default_app();
    let t = screen(
        &mut app,
        80,
        24,
        &[KeyCode::F(View::National.function_key())],
    );
    let text = screen_text(&t);
    assert!(
        text.contains(&format!("Your final score {} is", shown_score(&app))),
        "{text}"
    );
    insta::assert_snapshot!(t.backend());
}

fn screen(app: &mut App, w: u16, h: u16, codes: &[KeyCode]) -> Terminal<TestBackend> {
    drive(app, w, h, codes, &Theme::color())
}

/// Switch to a view with `v`.
fn show(app: &mut App, view: View) {
    for _ in 0..View::ALL.len() {
        if app.view == view {
            return;
        }
        press(app, KeyCode::Char('v'));
    }
    assert_eq!(app.view, view);
}

#[test]
fn an_export_shows_the_band_of_maxima_typed_in_the_explorer() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = mips_whatif::scenario::Scenario::default_group();
    s.performance_year = 2025;
    let mut app = app_with(s);
    show(&mut app, View::Sensitivity);
    press(&mut app, KeyCode::Char('m'));
    type_text(&mut app, "1.5");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('M'));
    type_text(&mut app, "3");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        (
            app.sensitivity.max_range.low,
            app.sensitivity.max_range.high
        ),
        (1.5, 3.0)
    );
    let target = dir.path().join("typed.md");
    export_keys(&mut app, target.to_str().unwrap());
    assert_eq!(app.overlay, Overlay::None, "{:?}", app.status);
    let md = std::fs::read_to_string(&target).unwrap();
    let u = &app.computed().uncertainty;
    assert!(u.is_primary());
    // The report's range is the one on screen, across the typed band, not the shipped one.
    let on_screen = format!(
        "{} to {}",
        mips_whatif::format::percent(u.low_percent),
        mips_whatif::format::percent(u.high_percent)
    );
    assert!(
        md.contains(&on_screen),
        "{on_screen} not in the report:\n{md}"
    );
    assert!(md.contains("1.5%–3%"), "{md}");
    assert!(!md.contains("1.05%–2.34%"), "{md}");
}

#[test]
fn explorer_and_report_agree_on_the_highlighted_band() {
    let dir = tempfile::tempdir().unwrap();
    for (year, lit) in [(2018u16, false), (2024, true)] {
        let mut s = mips_whatif::scenario::Scenario::default_group();
        s.performance_year = year;
        let mut app = app_with(s);
        let chart = &app.computed().chart;
        assert_eq!(chart.highlighted.is_some(), lit, "PY{year} explorer");
        let model = chart.model.as_ref().expect("a chart");
        assert_eq!(model.same_scale, lit);
        // The National view says "landed in your band" only on the same scale.
        let placement = mips_whatif::ui::national::placement(&app);
        assert_eq!(
            placement.iter().any(|p| p.contains("landed in your band")),
            lit,
            "PY{year}: {placement:?}"
        );
        let target = dir.path().join(format!("py{year}.md"));
        export_keys(&mut app, target.to_str().unwrap());
        let md = std::fs::read_to_string(&target).unwrap();
        if lit {
            let band = app.computed().chart.highlighted.unwrap();
            assert!(
                md.contains(&format!("is in the {} band", band.label())),
                "PY{year}:\n{md}"
            );
        } else {
            assert!(md.contains("no band is highlighted"), "PY{year}:\n{md}");
            assert!(!md.contains("landed."), "PY{year}:\n{md}");
        }
    }
}

#[test]
fn the_comparison_group_follows_the_practice_until_one_is_picked() {
    let mut app = default_app();
    assert_eq!(app.chart_group.group, mips_whatif::national::Group::All);
    focus(&mut app, Field::Clinicians);
    type_text(&mut app, "9");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.scenario().practice.clinicians, 9);
    assert_eq!(app.chart_group.group, mips_whatif::national::Group::Small);
    // Picked with g: it stays whatever the practice does.
    press(&mut app, KeyCode::Char('g'));
    let picked = app.chart_group.group;
    type_text(&mut app, "40");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.scenario().practice.clinicians, 40);
    assert_eq!(app.chart_group.group, picked);
}

#[test]
fn the_explorer_shows_the_cliff_on_the_published_score() {
    let mut s = mips_whatif::scenario::Scenario::default_group();
    s.performance_year = 2024;
    s.practice.clinicians = 40;
    s.scores.quality = Some(62.5);
    s.scores.cost = Some(0.0);
    s.scores.improvement_activities = Some(0.0);
    s.scores.promoting_interoperability = Some(0.02);
    let mut app = app_with(s);
    assert!((app.result().final_score - 18.755).abs() < 1e-9);
    assert_eq!(app.result().final_score_published, 18.76);
    let t = drive(&mut app, 120, 40, &[], &Theme::color());
    let buf = t.backend().buffer();
    let mut text = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            text.push_str(buf[(x, y)].symbol());
        }
        text.push('\n');
    }
    assert!(text.contains("18.76"), "{text}");
    assert!(text.contains("Negative"), "{text}");
    assert!(text.contains("-6.75%"), "{text}");
    assert!(!text.contains("Final score 18.75"), "{text}");
}

#[test]
fn an_entered_cost_in_py2021_is_kept_and_marked_ignored_with_the_reason() {
    let mut s = mips_whatif::scenario::Scenario::default_group();
    s.performance_year = 2021;
    s.scores.cost = Some(40.0);
    let app = app_with(s);
    let cost = Field::Score(Category::Cost);
    assert_eq!(app.scenario().scores.cost, Some(40.0));
    assert!(mips_whatif::app::is_ignored(&app, cost));
    let note = mips_whatif::app::field_note(&app, cost);
    assert!(note.ignored);
    assert!(
        note.text.contains("0% for all clinicians in PY2021"),
        "{}",
        note.text
    );
    // PY2022 counts it again.
    let mut s = mips_whatif::scenario::Scenario::default_group();
    s.performance_year = 2022;
    s.scores.cost = Some(40.0);
    assert!(!mips_whatif::app::is_ignored(&app_with(s), cost));
}

#[test]
fn small_practice_notes_follow_the_year() {
    let quality = Field::Score(Category::Quality);
    for (year, expect, absent) in [
        (2017u16, None, "+6"),
        (2018, Some("+5 bonus is added to the final score"), "+6"),
        (
            2024,
            Some("+6 bonus points belong inside this percent"),
            "+5",
        ),
    ] {
        let mut s = mips_whatif::scenario::Scenario::default_group();
        s.performance_year = year;
        s.practice.clinicians = 8;
        let app = app_with(s);
        let note = mips_whatif::app::field_note(&app, quality).text;
        if let Some(e) = expect {
            assert!(note.contains(e), "PY{year}: {note}");
        }
        assert!(!note.contains(absent), "PY{year}: {note}");
        let clinicians = mips_whatif::app::field_note(&app, Field::Clinicians).text;
        assert_eq!(
            clinicians.contains("own reweighting rows"),
            year >= 2022,
            "PY{year}: {clinicians}"
        );
    }
}
