//! The Roster view: opening a roster, its table's order and filters, a row opened as the
//! scenario with its edits written back, saving the roster (never over the input without
//! asking), the quit guard, the live portfolio what-if (its totals equal the sum of each
//! row scored on its own), and snapshots at 120×40 and 80×24.

use std::path::Path;

use crate::common::*;
use mips_whatif::app::roster_view::{RowWhatIf, SizeFilter, SortKey};
use mips_whatif::app::{App, Effect, Msg, Overlay, Purpose, View};
use mips_whatif::engine::{Band, score_numbers};
use mips_whatif::roster::table::{Entry, Roster};
use mips_whatif::roster::{FileKind, ReadOptions};
use mips_whatif::rules::Category;
use mips_whatif::ui::Theme;
use ratatui::crossterm::event::KeyCode;

const FIXTURE: &str = "tests/fixtures/roster-view.csv";

fn roster_app() -> App {
    let roster = Roster::load(Path::new(FIXTURE), &ReadOptions::default(), &rules())
        .expect("the fixture roster reads");
    let mut app = default_app();
    app.update(Msg::Resize(120, 40));
    app.open_roster(roster);
    assert_eq!(app.view, View::Roster);
    app
}

fn view(app: &App) -> &mips_whatif::app::RosterView {
    app.roster.as_deref().expect("a roster is open")
}

/// The shown rows' data-row numbers, in order.
fn shown_rows(app: &App) -> Vec<usize> {
    let v = view(app);
    v.order
        .iter()
        .map(|i| v.roster.entries[*i as usize].row())
        .collect()
}

#[test]
fn a_roster_opens_with_every_row_scored_and_the_bad_one_kept_with_its_reason() {
    let app = roster_app();
    let v = view(&app);
    assert_eq!(v.roster.entries.len(), 7);
    assert_eq!(shown_rows(&app), vec![1, 2, 3, 4, 5, 6, 7]);
    let Entry::Bad(bad) = &v.roster.entries[5] else {
        panic!("row 6 (0 clinicians) is bad");
    };
    assert_eq!(bad.row, 6);
    assert!(
        v.roster.entries[5].reason().unwrap().contains("clinicians"),
        "{:?}",
        v.roster.entries[5].reason()
    );
    assert_eq!(v.totals.shown, 7);
    assert_eq!(v.totals.bad, 1);
    assert_eq!(v.totals.summary.rows, 6);
}

#[test]
fn sorting_cycles_dollars_score_name_and_reverses() {
    let mut app = roster_app();
    press(&mut app, KeyCode::Char('O'));
    assert_eq!(view(&app).sort, SortKey::Dollars);
    let dollars: Vec<f64> = view(&app)
        .order
        .iter()
        .filter_map(|i| view(&app).roster.entries[*i as usize].scored())
        .map(|r| r.outcome.dollar_impact.unwrap())
        .collect();
    assert!(dollars.windows(2).all(|w| w[0] <= w[1]), "{dollars:?}");
    // The bad row (no dollars) goes last.
    assert_eq!(*shown_rows(&app).last().unwrap(), 6);
    press(&mut app, KeyCode::Char('r'));
    let reversed: Vec<f64> = view(&app)
        .order
        .iter()
        .filter_map(|i| view(&app).roster.entries[*i as usize].scored())
        .map(|r| r.outcome.dollar_impact.unwrap())
        .collect();
    assert!(reversed.windows(2).all(|w| w[0] >= w[1]), "{reversed:?}");
    assert_eq!(*shown_rows(&app).last().unwrap(), 6, "still last");
    press(&mut app, KeyCode::Char('O'));
    assert_eq!(view(&app).sort, SortKey::Score);
    let scores: Vec<f64> = view(&app)
        .order
        .iter()
        .filter_map(|i| view(&app).roster.entries[*i as usize].scored())
        .map(|r| r.outcome.final_score)
        .collect();
    assert!(scores.windows(2).all(|w| w[0] <= w[1]), "{scores:?}");
    press(&mut app, KeyCode::Char('O'));
    assert_eq!(view(&app).sort, SortKey::Name);
    let names: Vec<String> = view(&app)
        .order
        .iter()
        .map(|i| view(&app).roster.entries[*i as usize].name().to_lowercase())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    press(&mut app, KeyCode::Char('O'));
    assert_eq!(view(&app).sort, SortKey::File);
    assert_eq!(shown_rows(&app), vec![1, 2, 3, 4, 5, 6, 7]);
}

#[test]
fn the_text_filter_is_live_and_band_and_size_filters_combine() {
    let mut app = roster_app();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "ri");
    // "Riverside", "Harbor Pediatrics": id or name, any case.
    assert_eq!(shown_rows(&app), vec![1, 4]);
    type_text(&mut app, "c");
    assert_eq!(shown_rows(&app), vec![4], "each keystroke filters");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(shown_rows(&app), vec![1, 4]);
    press(&mut app, KeyCode::Enter);
    assert!(app.roster_typing().is_none());
    assert_eq!(view(&app).filter, "ri", "Enter keeps the filter");
    press(&mut app, KeyCode::Esc);
    assert_eq!(shown_rows(&app).len(), 7, "Esc clears the filters");

    press(&mut app, KeyCode::Char('z'));
    assert_eq!(view(&app).size, SizeFilter::Small);
    // ≤15 clinicians; the bad row has no size.
    assert_eq!(shown_rows(&app), vec![1, 3, 4, 7]);
    let bands: Vec<Band> = view(&app)
        .order
        .iter()
        .map(|i| {
            view(&app).roster.entries[*i as usize]
                .scored()
                .unwrap()
                .outcome
                .band
        })
        .collect();
    // The band filter goes through the bands in order: stop at the first shown row's band.
    let target = bands[0];
    for _ in 0..7 {
        if view(&app).band == Some(target) {
            break;
        }
        press(&mut app, KeyCode::Char('b'));
    }
    assert_eq!(view(&app).band, Some(target));
    let expected: Vec<usize> = shown_rows(&app);
    assert!(!expected.is_empty());
    for i in &view(&app).order {
        let r = view(&app).roster.entries[*i as usize].scored().unwrap();
        assert_eq!(r.outcome.band, target);
        assert!(r.read.scenario.practice.clinicians <= 15);
    }
    assert_eq!(view(&app).totals.shown, expected.len());
}

#[test]
fn enter_opens_a_row_its_edits_go_back_to_the_roster_and_the_totals_follow() {
    let mut app = roster_app();
    let before_total = view(&app).totals.summary.total_dollars;
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view, View::Results);
    assert_eq!(app.scenario().name.as_deref(), Some("Northgate Cardiology"));
    let hints = mips_whatif::app::hints::hints(&app);
    assert!(
        hints.contains(&("R".to_string(), "roster".to_string())),
        "the way back is in the status bar: {hints:?}"
    );
    let old = view(&app).roster.entries[1].scored().unwrap().outcome;
    // Quality +10 (a big step on the focused field).
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.scenario().scores.quality, Some(100.0));
    let row = view(&app).roster.entries[1].scored().unwrap();
    assert!(row.changed, "the row is marked as changed");
    assert_eq!(row.read.scenario.scores.quality, Some(100.0));
    let year = rules().year(2024).unwrap().clone();
    let on_its_own = score_numbers(app.scenario(), &year);
    assert_eq!(row.outcome.final_score, on_its_own.final_score_published);
    assert!(row.outcome.final_score > old.final_score);
    assert!(view(&app).unsaved);
    assert!(
        !app.is_modified(),
        "the scenario is the row: nothing apart to save"
    );
    press(&mut app, KeyCode::Char('R'));
    assert_eq!(app.view, View::Roster);
    let after_total = view(&app).totals.summary.total_dollars;
    let gained = row_dollars(&app, 1) - old.dollar_impact.unwrap();
    assert!(gained > 0.0);
    assert!((after_total - before_total - gained).abs() < 1e-6);
    // Sorting by score uses the edited score: the row is now the highest.
    press(&mut app, KeyCode::Char('O'));
    press(&mut app, KeyCode::Char('O'));
    assert_eq!(view(&app).sort, SortKey::Score);
    let rows = shown_rows(&app);
    assert_eq!(rows[rows.len() - 2], 2, "{rows:?} (the bad row last)");
    // Undo stays within the row: back to the file's values, the row follows.
    app.view = View::Results;
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(
        view(&app).roster.entries[1]
            .scored()
            .unwrap()
            .read
            .scenario
            .scores
            .quality,
        Some(91.3)
    );
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.scenario().name.as_deref(), Some("Northgate Cardiology"));
}

fn row_dollars(app: &App, entry: usize) -> f64 {
    view(app).roster.entries[entry]
        .scored()
        .unwrap()
        .outcome
        .dollar_impact
        .unwrap()
}

#[test]
fn a_row_does_not_replace_a_scenario_with_unsaved_changes() {
    let mut app = roster_app();
    app.view = View::Results;
    press(&mut app, KeyCode::Right);
    assert!(app.is_modified());
    let edited = app.scenario().clone();
    press(&mut app, KeyCode::Char('R'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view, View::Roster, "not opened");
    assert_eq!(app.scenario(), &edited);
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(status.contains("unsaved changes"), "{status}");
}

#[test]
fn a_bad_row_is_not_opened_and_says_why() {
    let mut app = roster_app();
    repeat(&mut app, KeyCode::Down, 5);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view, View::Roster);
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(status.contains("Row 6 cannot be opened"), "{status}");
}

#[test]
fn s_saves_the_roster_and_never_over_the_input_without_asking() {
    let mut app = roster_app();
    press(&mut app, KeyCode::Char('s'));
    let Overlay::Name(p) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!(p.purpose, Purpose::Roster);
    assert_eq!(p.input, FIXTURE, "the input file is proposed");
    let effects = press(&mut app, KeyCode::Enter);
    let [
        Effect::SaveRoster {
            path, overwrite, ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(path, Path::new(FIXTURE));
    assert!(!overwrite, "the input is never replaced unasked");
    // The runner finds it exists: the replace question.
    let outcome = mips_whatif::explorer::perform(effects[0].clone(), &app.rules);
    app.update(outcome.unwrap());
    assert!(
        matches!(
            app.overlay,
            Overlay::Replace {
                purpose: Purpose::Roster,
                ..
            }
        ),
        "{:?}",
        app.overlay
    );
    // No: another name.
    press(&mut app, KeyCode::Char('n'));
    let Overlay::Name(_) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    let dir = std::env::temp_dir().join(format!("roster-view-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, kind) in [("saved.xlsx", FileKind::Xlsx), ("saved.csv", FileKind::Csv)] {
        let target = dir.join(name);
        let _ = std::fs::remove_file(&target);
        ctrl(&mut app, 'u');
        if !matches!(app.overlay, Overlay::Name(_)) {
            press(&mut app, KeyCode::Char('s'));
            ctrl(&mut app, 'u');
        }
        type_text(&mut app, &target.display().to_string());
        let effects = press(&mut app, KeyCode::Enter);
        let outcome = mips_whatif::explorer::perform(effects[0].clone(), &app.rules);
        app.update(outcome.unwrap());
        assert_eq!(app.overlay, Overlay::None, "{name}");
        let back = Roster::load(&target, &ReadOptions::default(), &rules()).unwrap();
        assert_eq!(FileKind::of(&target).unwrap(), kind);
        let original: Vec<_> = view(&app).roster.scored().map(|r| r.outcome).collect();
        let read: Vec<_> = back.scored().map(|r| r.outcome).collect();
        assert_eq!(original, read, "{name}: the saved roster scores the same");
    }
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    assert!(text.contains("Lakeside"), "the input is untouched");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_quit_guard_knows_about_unsaved_roster_edits() {
    let mut app = roster_app();
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit, "nothing edited: q quits");
    let mut app = roster_app();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char('q'));
    let Overlay::QuitGuard { unsaved } = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!(unsaved.len(), 1, "{unsaved:?}");
    assert!(
        unsaved[0].contains("1 edited row of the roster"),
        "{unsaved:?}"
    );
    // Save, then quit: the roster's save prompt.
    press(&mut app, KeyCode::Char('s'));
    let Overlay::Name(p) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!(p.purpose, Purpose::Roster);
    assert!(!app.should_quit);
}

#[test]
fn the_what_if_is_live_and_its_totals_are_the_sum_of_each_row_on_its_own() {
    let mut app = roster_app();
    press(&mut app, KeyCode::Char('w'));
    type_text(&mut app, "cost=+10 where small=true");
    app.roster_work(None);
    let v = view(&app);
    assert!(v.what_if.error.is_none(), "{:?}", v.what_if.error);
    assert!(v.what_if.complete());
    let rules = rules();
    let (mut points, mut dollars, mut rows) = (0.0, 0.0, 0);
    for e in &v.roster.entries {
        let Some(r) = e.scored() else { continue };
        let s = &r.read.scenario;
        if !s.practice.is_small() {
            continue;
        }
        let mut changed = s.clone();
        if let Some(c) = changed.scores.cost {
            changed
                .scores
                .set(Category::Cost, Some((c + 10.0).min(100.0)));
        }
        let year = rules.year(s.performance_year).unwrap();
        let after = score_numbers(&changed, year);
        let before = score_numbers(s, year);
        points += after.final_score_published - before.final_score_published;
        dollars += after.dollar_impact.unwrap() - before.dollar_impact.unwrap();
        rows += 1;
    }
    let t = &v.what_if.totals;
    assert_eq!(t.rows, rows);
    assert!((t.points - points).abs() < 1e-9, "{} {points}", t.points);
    assert!(
        (t.dollars - dollars).abs() < 1e-6,
        "{} {dollars}",
        t.dollars
    );
    // A larger practice is not changed.
    assert_eq!(v.what_if.rows[1], RowWhatIf::NotApplied);
    // Each keystroke reads the line again: a typo shows why, the last good what-if stays.
    type_text(&mut app, "x");
    assert!(view(&app).what_if.error.is_some());
    assert_eq!(view(&app).what_if.totals.rows, rows);
    press(&mut app, KeyCode::Esc);
    assert!(!view(&app).what_if.is_active(), "Esc turns the what-if off");
}

#[test]
fn roster_view_120x40() {
    let mut app = roster_app();
    let text = drawn_text(
        &mut app,
        120,
        40,
        &[KeyCode::Char('O'), KeyCode::Down],
        &Theme::color(),
    );
    assert!(
        text.contains("52.00 NO"),
        "a row whose CMS score differs is flagged: {text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn roster_view_what_if_80x24_no_color() {
    let mut app = roster_app();
    let mut keys = vec![KeyCode::Char('w')];
    keys.extend("pi=90".chars().map(KeyCode::Char));
    let text = drawn_text(&mut app, 80, 24, &keys, &Theme::mono());
    assert!(text.contains("What-if pi=90"), "{text}");
    insta::assert_snapshot!(text);
}

/// End to end: the real binary in a pseudo-terminal, on the roster from the command line.
#[test]
fn in_a_terminal_a_roster_opens_takes_a_what_if_and_a_row_edit_and_quits_on_asking()
-> termlens::Result<()> {
    use termlens::Key;
    let state = tempfile::tempdir().expect("a temporary folder");
    let mut t = termlens::Terminal::builder()
        .size(120, 40)
        .env_clear()
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .env("XDG_STATE_HOME", state.path())
        .timeout(std::time::Duration::from_secs(20))
        .args([FIXTURE])
        .spawn(env!("CARGO_BIN_EXE_mips-whatif"))?;
    t.wait_until(|s| s.contains("Roster tests/fixtures/roster-view.csv · 6 rows, 1 bad"))?;
    t.send(Key::Char('w'))?;
    t.send_str("pi=90")?;
    t.wait_until(|s| s.contains("6 rows: +25.25 points"))?;
    t.send(Key::Enter)?;
    t.send(Key::Down)?;
    t.send(Key::Enter)?;
    t.wait_until(|s| s.contains("Final score 85.51 of 100"))?;
    // Quality +10 on the opened row.
    t.send(Key::Char(']'))?;
    t.wait_until(|s| s.contains("row 2 of tests/fixtures/roster-view.csv ● modified"))?;
    t.send(Key::Char('R'))?;
    t.wait_until(|s| s.contains("● 1 edited, not saved"))?;
    t.send(Key::Char('q'))?;
    t.wait_until(|s| s.contains("Quitting now would lose"))?;
    t.send(Key::Char('d'))?;
    assert!(t.wait_exit()?.success());
    assert!(!t.screen().alternate_screen(), "the terminal is restored");
    Ok(())
}

/// A public use file has no year column: `--performance-year` gives it, as for `roster`.
#[test]
fn in_a_terminal_a_public_use_file_opens_with_its_year_from_the_command_line()
-> termlens::Result<()> {
    let state = tempfile::tempdir().expect("a temporary folder");
    let mut t = termlens::Terminal::builder()
        .size(120, 40)
        .env_clear()
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .env("XDG_STATE_HOME", state.path())
        .timeout(std::time::Duration::from_secs(20))
        .args(["rosters/puf-2021.csv", "--performance-year", "2021"])
        .spawn(env!("CARGO_BIN_EXE_mips-whatif"))?;
    t.wait_until(|s| {
        s.contains("Roster rosters/puf-2021.csv · 3 rows") && s.contains("PY2021 bands")
    })?;
    t.send(termlens::Key::Char('q'))?;
    assert!(t.wait_exit()?.success());
    Ok(())
}

#[test]
fn saving_writes_the_bad_row_back_as_it_was_read_and_says_so() {
    let mut app = roster_app();
    let dir = std::env::temp_dir().join(format!("roster-view-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("kept.csv");
    let _ = std::fs::remove_file(&target);
    press(&mut app, KeyCode::Char('s'));
    ctrl(&mut app, 'u');
    type_text(&mut app, &target.display().to_string());
    let effects = press(&mut app, KeyCode::Enter);
    let outcome = mips_whatif::explorer::perform(effects[0].clone(), &app.rules);
    app.update(outcome.unwrap());
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(status.contains("(6 scored rows)"), "{status}");
    assert!(
        status.contains("; 1 row as read, not scored: fix it there"),
        "{status}"
    );
    let back = Roster::load(&target, &ReadOptions::default(), &rules()).unwrap();
    let rows: Vec<(usize, bool)> = back
        .entries
        .iter()
        .map(|e| (e.row(), matches!(e, Entry::Bad(_))))
        .collect();
    assert_eq!(
        rows,
        [1, 2, 3, 4, 5, 6, 7].map(|r| (r, r == 6)),
        "every row in its place, row 6 still bad"
    );
    assert!(back.entries[5].reason().unwrap().contains("clinicians"));
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(
        text.contains(
            "1003000006,Lakeside Internal Medicine,2024,,group,0,false,,,,800000,70,50,100,80,0,"
        ),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

fn press_through_runner(app: &mut App, code: KeyCode) {
    mips_whatif::explorer::dispatch(
        app,
        Msg::Key(key_event(
            code,
            ratatui::crossterm::event::KeyModifiers::NONE,
        )),
    );
}

#[test]
fn the_open_picker_lists_rosters_marked_as_such_and_opens_one_in_the_roster_view() {
    let mut app = default_app();
    app.update(Msg::Resize(120, 40));
    let before = app.scenario().clone();
    press_through_runner(&mut app, KeyCode::Char('o'));
    let Overlay::Open(p) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    let at = |name: &str| p.entries.iter().position(|e| e == name);
    let roster = at("rosters/practice.csv").expect("the rosters folder is listed");
    assert!(at("rosters/puf-2021.csv").is_some(), "{:?}", p.entries);
    // Scenarios and workspaces first, then the rosters.
    let last_toml = p
        .entries
        .iter()
        .rposition(|e| e.ends_with(".toml"))
        .unwrap();
    assert!(last_toml < roster, "{:?}", p.entries);
    let d = p.described("rosters/practice.csv").expect("described");
    assert!(
        d.summary.starts_with("roster · CSV, ") && d.summary.ends_with("opens in the Roster view"),
        "{}",
        d.summary
    );
    assert!(d.preview.is_empty());
    // Typed to filter, then Enter: the Roster view on it, the scenario untouched.
    for c in "practice.csv".chars() {
        press_through_runner(&mut app, KeyCode::Char(c));
    }
    press_through_runner(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.view, View::Roster);
    let v = view(&app);
    assert_eq!(v.roster.file, Path::new("rosters/practice.csv"));
    assert_eq!(v.roster.entries.len(), 5);
    assert_eq!(app.scenario(), &before);
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(
        status.starts_with("Opened roster rosters/practice.csv: 5 rows scored"),
        "{status}"
    );
}

#[test]
fn a_bad_roster_from_the_picker_says_where_and_why_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("no-size.csv");
    std::fs::write(&bad, "id,performance_year,quality\n1,2024,80\n").unwrap();
    let bad = bad.display().to_string();
    // A roster with an edited row is open.
    let mut app = roster_app();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char('R'));
    let edited = view(&app).roster.clone();
    press_through_runner(&mut app, KeyCode::Char('o'));
    app.update(Msg::Listed(Ok(vec![bad.clone()])));
    press_through_runner(&mut app, KeyCode::Enter);
    let status = app.status.as_ref().unwrap().text.clone();
    assert_eq!(
        status,
        format!(
            "Not opened, nothing changed: {bad}: clinicians: no practice size column (a column named clinicians (or the public use file's practice size): the clinicians billing under the TIN, 15 or fewer is a small practice)"
        )
    );
    assert!(
        matches!(&app.overlay, Overlay::FileError { text, .. } if text.contains("a column named clinicians")),
        "{:?}",
        app.overlay
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        view(&app).roster,
        edited,
        "the open roster is kept, edits and all"
    );
    assert!(view(&app).unsaved);
    // A good roster is not opened over unsaved edits either.
    press_through_runner(&mut app, KeyCode::Char('o'));
    app.update(Msg::Listed(Ok(vec!["rosters/practice.csv".into()])));
    press_through_runner(&mut app, KeyCode::Enter);
    assert_eq!(view(&app).roster, edited);
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(status.contains("unsaved edits"), "{status}");
}

#[test]
fn open_picker_with_rosters_120x40() {
    let mut app = default_app();
    app.update(Msg::Resize(120, 40));
    press(&mut app, KeyCode::Char('o'));
    let files = [
        "scenarios/small-practice-no-pi.toml",
        "docs/examples/small-practice-pi.workspace.toml",
        "rosters/practice.csv",
        "rosters/puf-2021.csv",
    ];
    app.update(Msg::Listed(Ok(files
        .iter()
        .map(|f| f.to_string())
        .collect())));
    let described = files
        .iter()
        .map(|f| {
            let info = mips_whatif::catalog::describe(Path::new(f), &app.rules);
            mips_whatif::app::prompts::Described {
                path: f.to_string(),
                summary: match &info.comment {
                    Some(c) => format!("{} — {c}", info.summary()),
                    None => info.summary(),
                },
                preview: info.preview,
            }
        })
        .collect();
    app.update(Msg::Described(described));
    let text = drawn_text(&mut app, 120, 40, &[KeyCode::End], &Theme::mono());
    assert!(text.contains("rosters/puf-2021.csv"), "{text}");
    assert!(text.contains("roster · CSV"), "{text}");
    insta::assert_snapshot!(text);
}

/// Save the open roster to `target` through the save prompt and the runner; the status.
fn save_roster_to(app: &mut App, target: &Path) -> mips_whatif::app::StatusMessage {
    press(app, KeyCode::Char('s'));
    ctrl(app, 'u');
    type_text(app, &target.display().to_string());
    let effects = press(app, KeyCode::Enter);
    let outcome = mips_whatif::explorer::perform(effects[0].clone(), &app.rules);
    app.update(outcome.unwrap());
    assert_eq!(app.overlay, Overlay::None);
    app.status.clone().unwrap()
}

#[test]
fn saving_keeps_the_files_other_columns_and_says_plainly_when_it_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("client.csv");
    let text = "\
id,name,performance_year,clinicians,quality,cost,improvement_activities,promoting_interoperability,specialty,account manager
1003000001,Riverside,2024,8,82.5,61.2,100,,family medicine,Dana
1003000002,Northgate,2024,42,91.3,70.4,100,88,cardiology,Lee
";
    std::fs::write(&source, text).unwrap();
    let roster = Roster::load(&source, &ReadOptions::default(), &rules()).unwrap();
    let mut app = default_app();
    app.update(Msg::Resize(120, 40));
    app.open_roster(roster);
    let saved = dir.path().join("saved.csv");
    let status = save_roster_to(&mut app, &saved);
    assert!(
        status
            .text
            .contains("(2 scored rows, 2 other columns kept)"),
        "{status:?}"
    );
    let written = std::fs::read_to_string(&saved).unwrap();
    assert!(
        written
            .lines()
            .next()
            .unwrap()
            .ends_with(",specialty,account manager")
    );
    assert!(written.contains(",cardiology,Lee"), "{written}");

    // Saved over its own file (asked first), twice: the second save reads the first.
    for _ in 0..2 {
        press(&mut app, KeyCode::Char('s'));
        ctrl(&mut app, 'u');
        type_text(&mut app, &source.display().to_string());
        let effects = press(&mut app, KeyCode::Enter);
        let outcome = mips_whatif::explorer::perform(effects[0].clone(), &app.rules);
        app.update(outcome.unwrap());
        assert!(
            matches!(app.overlay, Overlay::Replace { .. }),
            "{:?}",
            app.overlay
        );
        let effects = press(&mut app, KeyCode::Char('y'));
        let outcome = mips_whatif::explorer::perform(effects[0].clone(), &app.rules);
        app.update(outcome.unwrap());
        let status = app.status.clone().unwrap();
        assert!(status.text.contains("2 other columns kept"), "{status:?}");
        assert_eq!(std::fs::read_to_string(&source).unwrap(), written);
    }

    // The file changes under the open roster: saved without them, and said.
    std::fs::write(&source, written.replace("Lee", "Lee Park")).unwrap();
    let status = save_roster_to(&mut app, &dir.path().join("again.xlsx"));
    assert_eq!(status.level, mips_whatif::app::Level::Warning, "{status:?}");
    assert!(
        status.text.contains(&format!(
            "(2 scored rows), but not the file's 2 other columns: {} changed since it was opened",
            source.display()
        )),
        "{status:?}"
    );
}

/// A public use file under a name without its year (CMS's file has no year column).
fn puf_without_year(dir: &Path) -> String {
    let file = dir.join("clinicians.csv");
    std::fs::copy("rosters/puf-2021.csv", &file).unwrap();
    file.display().to_string()
}

/// The open picker on `file`, Enter through the runner.
fn pick(app: &mut App, file: &str) {
    press_through_runner(app, KeyCode::Char('o'));
    app.update(Msg::Listed(Ok(vec![file.to_string()])));
    press_through_runner(app, KeyCode::Enter);
}

#[test]
fn a_roster_without_a_year_from_the_picker_asks_for_it_and_opens_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = puf_without_year(dir.path());
    let mut app = default_app();
    app.update(Msg::Resize(120, 40));
    pick(&mut app, &file);
    let Overlay::Name(p) = &app.overlay else {
        panic!("the year is asked: {:?}", app.overlay)
    };
    assert_eq!(
        p.purpose,
        Purpose::RosterYear {
            first: 2017,
            last: 2026
        }
    );
    assert_eq!(app.roster_year_file(), Some(Path::new(&file)));
    // Not a year, or not a supported one: refused in place.
    for typed in ["twenty", "2031"] {
        ctrl(&mut app, 'u');
        type_text(&mut app, typed);
        press_through_runner(&mut app, KeyCode::Enter);
        let Overlay::Name(p) = &app.overlay else {
            panic!("{:?}", app.overlay)
        };
        assert_eq!(
            p.error.as_deref(),
            Some(format!("“{typed}” is not a performance year: a year from 2017 to 2026").as_str())
        );
    }
    // A year the file's columns do not allow: asked again, saying which do.
    ctrl(&mut app, 'u');
    type_text(&mut app, "2024");
    press_through_runner(&mut app, KeyCode::Enter);
    let Overlay::Name(p) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!(
        p.error.as_deref(),
        Some(
            "PY2024 does not match the columns, which are the PY2017–2021 public use file layout: PY2017 to PY2021 for these columns"
        )
    );
    assert!(app.roster.is_none());
    type_text(&mut app, "2021");
    press_through_runner(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.view, View::Roster);
    let v = view(&app);
    assert_eq!(v.roster.performance_year, Some(2021));
    assert_eq!(v.roster.entries.len(), 3);
    assert!(
        v.roster
            .scored()
            .all(|r| r.read.scenario.performance_year == 2021)
    );
    // The recovery file keeps the year: a restored session reads the file with it.
    assert_eq!(app.roster_record().unwrap().performance_year, Some(2021));
    assert_eq!(app.roster_year_file(), None);
}

#[test]
fn esc_on_the_roster_year_opens_nothing_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = puf_without_year(dir.path());
    let mut app = roster_app();
    let before = view(&app).roster.clone();
    let scenario = app.scenario().clone();
    pick(&mut app, &file);
    assert!(
        matches!(&app.overlay, Overlay::Name(p) if matches!(p.purpose, Purpose::RosterYear { .. }))
    );
    type_text(&mut app, "2021");
    press_through_runner(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(view(&app).roster, before, "the open roster is kept");
    assert_eq!(app.scenario(), &scenario);
    assert_eq!(app.roster_year_file(), None);
    let status = app.status.as_ref().unwrap().text.clone();
    assert_eq!(status, format!("{file} not opened, nothing changed"));
}

#[test]
fn roster_year_prompt_120x40() {
    let mut app = default_app();
    app.update(Msg::Resize(120, 40));
    let file = "rosters/clinicians.csv";
    app.update(Msg::RosterOpened {
        path: file.into(),
        result: Err(mips_whatif::diagnostic::Diagnostic::file(
            file,
            "no performance year: the file has no year column",
        )
        .with_field("performance_year")),
    });
    type_text(&mut app, "20");
    let text = drawn_text(&mut app, 120, 40, &[], &Theme::mono());
    assert!(
        text.contains("Performance year of this roster's rows (2017–2026)?"),
        "{text}"
    );
    assert!(
        text.contains("rosters/clinicians.csv has no year column"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

/// End to end: the real binary in a pseudo-terminal, a public use file picked from the open
/// picker, its year typed.
#[test]
fn in_a_terminal_a_public_use_file_from_the_picker_opens_with_the_year_typed()
-> termlens::Result<()> {
    use termlens::Key;
    let state = tempfile::tempdir().expect("a temporary folder");
    let work = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(work.path().join("rosters")).unwrap();
    std::fs::copy(
        "rosters/puf-2021.csv",
        work.path().join("rosters/clinicians.csv"),
    )
    .unwrap();
    let mut t = termlens::Terminal::builder()
        .size(120, 40)
        .env_clear()
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .env("XDG_STATE_HOME", state.path())
        .current_dir(work.path())
        .timeout(std::time::Duration::from_secs(20))
        .spawn(env!("CARGO_BIN_EXE_mips-whatif"))?;
    t.wait_until(|s| s.contains("Results"))?;
    t.send(Key::Char('o'))?;
    t.wait_until(|s| s.contains("rosters/clinicians.csv"))?;
    t.send(Key::Enter)?;
    t.wait_until(|s| s.contains("Performance year of this roster's rows (2017–2026)?"))?;
    t.send_str("2021")?;
    t.send(Key::Enter)?;
    t.wait_until(|s| {
        s.contains("Roster rosters/clinicians.csv · 3 rows") && s.contains("PY2021 bands")
    })?;
    t.send(Key::Char('q'))?;
    assert!(t.wait_exit()?.success());
    Ok(())
}

#[test]
fn the_title_bar_gives_the_rosters_years_not_the_scenarios_behind_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("years.csv");
    let header = "id,performance_year,clinicians,participation,quality,cost,improvement_activities,promoting_interoperability\n";
    std::fs::write(&path, format!("{header}1,2021,8,group,80,,100,90\n")).unwrap();
    let mut app = default_app();
    app.update(Msg::Resize(120, 40));
    assert_eq!(
        app.scenario().performance_year,
        2024,
        "the built-in example"
    );
    let roster = Roster::load(&path, &ReadOptions::default(), &rules()).unwrap();
    app.open_roster(roster);
    let theme = Theme::mono();
    let top = drawn_text(&mut app, 120, 40, &[], &theme);
    let top = top.lines().next().unwrap();
    assert!(top.contains("PY2021 → pays 2023"), "{top}");
    assert!(!top.contains("PY2024"), "{top}");

    // Rows of several years: their span.
    std::fs::write(
        &path,
        format!("{header}1,2021,8,group,80,,100,90\n2,2023,8,group,80,70,100,90\n"),
    )
    .unwrap();
    let roster = Roster::load(&path, &ReadOptions::default(), &rules()).unwrap();
    let mut app = default_app();
    app.update(Msg::Resize(120, 40));
    app.open_roster(roster);
    let top = drawn_text(&mut app, 120, 40, &[], &theme);
    let top = top.lines().next().unwrap();
    assert!(top.contains("PY2021–2023"), "{top}");
}
