//! Whole-screen snapshots of the explorer, drawn by the real event loop on a TestBackend:
//! several scenarios, after key sequences, the help overlay, dialogs and small terminals.
//! Accept changes with `INSTA_UPDATE=always cargo test` and review the .snap diffs.

use crate::common::*;
use mips_whatif::app::{App, Field};
use mips_whatif::explorer::{RunOptions, ScriptedEvents, run};
use mips_whatif::rules::Category;
use mips_whatif::scenario::{Participation, ReportingOption, Scenario};
use mips_whatif::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyModifiers};
use ratatui::style::{Color, Modifier};

fn screen(app: &mut App, w: u16, h: u16, codes: &[KeyCode]) -> Terminal<TestBackend> {
    drive(app, w, h, codes, &Theme::color())
}

fn chars(s: &str) -> Vec<KeyCode> {
    s.chars().map(KeyCode::Char).collect()
}

#[test]
fn default_group_120x40() {
    let mut app = default_app();
    insta::assert_snapshot!(screen(&mut app, 120, 40, &[]).backend());
}

#[test]
fn default_group_80x24_hides_the_chart() {
    let mut app = default_app();
    insta::assert_snapshot!(screen(&mut app, 80, 24, &[]).backend());
}

#[test]
fn default_group_250x70_side_by_side() {
    let mut app = default_app();
    insta::assert_snapshot!(screen(&mut app, 250, 70, &[]).backend());
}

#[test]
fn small_rural_group_without_pi_from_a_file() {
    let path = std::path::Path::new("scenarios/small-rural-group-no-pi.toml");
    let s = Scenario::load(path, &rules()).expect("the example scenario is valid");
    let mut app = App::new(
        rules(),
        mips_whatif::national::National::embedded(),
        s,
        Some(path.to_path_buf()),
    );
    insta::assert_snapshot!(screen(&mut app, 120, 40, &[]).backend());
}

#[test]
fn app_in_py2025_is_marked_assumed() {
    let mut s = Scenario::default_group();
    s.name = Some("APM Entity, APP, PY2025".into());
    s.performance_year = 2025;
    s.reporting_option = ReportingOption::App;
    s.practice.participation = Participation::ApmEntity;
    s.practice.clinicians = 140;
    s.scores.quality = Some(88.0);
    s.scores.promoting_interoperability = Some(92.0);
    let mut app = app_with(s);
    // Focus IA: the note says why what is entered there does not count.
    let mut keys = vec![KeyCode::Tab, KeyCode::Tab];
    keys.push(KeyCode::Char('t'));
    insta::assert_snapshot!(screen(&mut app, 120, 40, &keys).backend());
}

#[test]
fn solo_non_reporting_py2022() {
    let mut s = Scenario::default_group();
    s.name = Some("Solo, did not report, PY2022".into());
    s.performance_year = 2022;
    s.practice.clinicians = 1;
    s.practice.participation = Participation::Individual;
    s.practice.reporting = false;
    s.practice.part_b_allowed_charges = Some(250_000.0);
    let mut app = app_with(s);
    insta::assert_snapshot!(screen(&mut app, 120, 40, &[]).backend());
}

#[test]
fn exceptional_band_py2022() {
    let mut s = Scenario::default_group();
    s.performance_year = 2022;
    s.scores.quality = Some(96.0);
    s.scores.cost = Some(90.0);
    let mut app = app_with(s);
    insta::assert_snapshot!(screen(&mut app, 120, 40, &[]).backend());
}

#[test]
fn after_pinning_a_baseline_and_typing_a_cost() {
    let mut app = default_app();
    let mut keys = vec![KeyCode::Char('b'), KeyCode::Tab];
    keys.extend(chars("90"));
    keys.push(KeyCode::Enter);
    let t = screen(&mut app, 120, 40, &keys);
    assert_eq!(app.focus, Field::Score(Category::Cost));
    insta::assert_snapshot!(t.backend());
}

#[test]
fn a_typed_value_out_of_range() {
    let mut app = default_app();
    let mut keys = vec![KeyCode::Tab];
    keys.extend(chars("120"));
    insta::assert_snapshot!(screen(&mut app, 120, 40, &keys).backend());
}

#[test]
fn a_small_practice_with_pi_switched_off_on_a_narrow_screen() {
    let mut s = Scenario::default_group();
    s.practice.clinicians = 6;
    let mut app = app_with(s);
    let keys = [
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::Char(' '),
    ];
    insta::assert_snapshot!(screen(&mut app, 90, 30, &keys).backend());
}

#[test]
fn too_small_terminal() {
    let mut app = default_app();
    insta::assert_snapshot!(screen(&mut app, 60, 15, &[]).backend());
}

#[test]
fn resizing_relays_out_and_keys_still_work_when_too_small() {
    let mut app = default_app();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let theme = Theme::color();
    // Shrink below the minimum, nudge cost blind, grow again: the change shows.
    terminal.backend_mut().resize(60, 15);
    let events = vec![
        Event::Resize(60, 15),
        Event::Key(key_event(KeyCode::Tab, KeyModifiers::NONE)),
        Event::Key(key_event(KeyCode::Right, KeyModifiers::NONE)),
    ];
    let mut script = ScriptedEvents::new(events);
    script.one_per_frame = true;
    let _ = run(
        &mut terminal,
        &mut app,
        &theme,
        &mut script,
        RunOptions::default(),
    );
    assert!(
        terminal
            .backend()
            .to_string()
            .contains("need 72×18, have 60×15")
    );
    assert_eq!(app.scenario().scores.cost, Some(75.58));
    terminal.backend_mut().resize(100, 30);
    let mut script = ScriptedEvents::new(vec![Event::Resize(100, 30)]);
    script.one_per_frame = true;
    let _ = run(
        &mut terminal,
        &mut app,
        &theme,
        &mut script,
        RunOptions::default(),
    );
    assert_eq!(app.size, (100, 30));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn help_overlay() {
    let mut app = default_app();
    insta::assert_snapshot!(screen(&mut app, 120, 40, &[KeyCode::Char('?')]).backend());
}

#[test]
fn help_overlay_80x24_scrolls() {
    let mut app = default_app();
    let keys = [KeyCode::Char('?'), KeyCode::PageDown];
    insta::assert_snapshot!(screen(&mut app, 80, 24, &keys).backend());
}

#[test]
fn the_loop_quits_on_q_without_drawing_again() {
    let mut app = default_app();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut script = ScriptedEvents::new(vec![
        Event::Key(key_event(KeyCode::Tab, KeyModifiers::NONE)),
        Event::Key(key_event(KeyCode::Char('q'), KeyModifiers::NONE)),
    ]);
    run(
        &mut terminal,
        &mut app,
        &Theme::color(),
        &mut script,
        RunOptions::default(),
    )
    .unwrap();
    assert!(app.should_quit);
}

#[test]
fn opening_a_file_that_fails_validation_shows_why() {
    let mut app = default_app();
    let mut keys = vec![KeyCode::Char('o')];
    keys.extend(chars("tests/fixtures/bad-score.toml"));
    keys.push(KeyCode::Enter);
    let t = screen(&mut app, 120, 40, &keys);
    assert_eq!(
        app.scenario(),
        &Scenario::default_group(),
        "nothing changed"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn the_open_picker_lists_scenarios() {
    let mut app = default_app();
    let t = screen(&mut app, 100, 30, &[KeyCode::Char('o')]);
    let text = t.backend().to_string();
    assert!(text.contains("scenarios/aco-app.toml"), "{text}");
    // Typing filters the list down to what matches.
    let mut app = default_app();
    let mut keys = vec![KeyCode::Char('o')];
    keys.extend(chars("rural"));
    let t = screen(&mut app, 100, 30, &keys);
    let text = t.backend().to_string();
    assert!(
        text.contains("scenarios/small-rural-group-no-pi.toml"),
        "{text}"
    );
    assert!(text.contains("scenarios/rural-group.toml"), "{text}");
    assert!(!text.contains("scenarios/aco-app.toml"), "{text}");
}

#[test]
fn no_color_keeps_bands_and_focus_distinguishable() {
    let mut app = default_app();
    let theme = Theme::mono();
    let t = drive(
        &mut app,
        120,
        40,
        &[KeyCode::Char('b'), KeyCode::Tab, KeyCode::Char(']')],
        &theme,
    );
    let buf = t.backend().buffer();
    // No colour anywhere.
    for (i, cell) in buf.content().iter().enumerate() {
        let (x, y) = buf.pos_of(i);
        assert_eq!(
            cell.fg,
            Color::Reset,
            "colour at {x},{y} {:?}",
            cell.symbol()
        );
        assert_eq!(
            cell.bg,
            Color::Reset,
            "colour at {x},{y} {:?}",
            cell.symbol()
        );
    }
    let find = |needle: &str| -> (u16, u16) {
        for y in 0..buf.area.height {
            let row: String = (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            if let Some(i) = row.find(needle) {
                let x = row[..i].chars().count() as u16;
                return (x, y);
            }
        }
        panic!("{needle} not on screen");
    };
    // The clinician's band: glyphs and reverse video.
    let (x, y) = find("▶Positive 89+◀");
    assert!(buf[(x + 1, y)].modifier.contains(Modifier::REVERSED));
    // The baseline's band is marked with a glyph and underline.
    let (x, y) = find("◇Positive");
    assert!(buf[(x + 1, y)].modifier.contains(Modifier::UNDERLINED));
    // The focused field: glyph and reverse video.
    let (x, y) = find("▶ Cost");
    assert!(buf[(x + 2, y)].modifier.contains(Modifier::REVERSED));
    // Markers on the score axis, glyph and label on one row.
    let row = |y: u16| -> String {
        (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect()
    };
    let (_, y) = find("you 89.01");
    assert!(row(y).contains('▼'));
    let (_, y) = find("baseline 86.01");
    assert!(row(y).contains('△'));
}
