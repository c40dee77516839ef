//! Whole-screen snapshots of the explorer, drawn by the real event loop on a TestBackend:
//! several scenarios, after key sequences, the help overlay, dialogs and small terminals.
//! Accept changes with `INSTA_UPDATE=always cargo test` and review the .snap diffs.

use crate::common::*;
use mips_whatif::app::keymap::help_groups;
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
    let t = screen(&mut app, 120, 40, &[]);
    let text = screen_text(&t);
    assert!(text.contains(&format!("Final score {} of 100", shown_score(&app))));
    assert!(text.contains("│▶ Quality "), "the focused field is marked");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn default_group_80x24_hides_the_chart() {
    let mut app = default_app();
    let t = screen(&mut app, 80, 24, &[]);
    let text = screen_text(&t);
    assert!(text.contains(&format!("Final score {} of 100", shown_score(&app))));
    assert!(
        text.contains("Chart hidden: enlarge the terminal"),
        "{text}"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn default_group_250x70_side_by_side() {
    let mut app = default_app();
    let t = screen(&mut app, 250, 70, &[]);
    let text = screen_text(&t);
    assert!(text.contains(&format!("Final score {} of 100", shown_score(&app))));
    assert!(
        !text.contains("Chart hidden"),
        "a wide screen shows the chart"
    );
    insta::assert_snapshot!(t.backend());
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
    let t = screen(&mut app, 120, 40, &[]);
    let text = screen_text(&t);
    assert!(text.contains(&format!("Final score {} of 100", shown_score(&app))));
    assert!(
        text.contains("PI         not scored"),
        "PI left out shows as not scored: {text}"
    );
    insta::assert_snapshot!(t.backend());
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
    let t = screen(&mut app, 120, 40, &keys);
    let text = screen_text(&t);
    assert!(text.contains("Confidence  assumed"), "{text}");
    assert!(text.contains("(ASSUMED: not yet published)"), "{text}");
    insta::assert_snapshot!(t.backend());
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
    let t = screen(&mut app, 120, 40, &[]);
    let text = screen_text(&t);
    assert!(text.contains(&format!("Final score {} of 100", shown_score(&app))));
    assert!(
        text.contains("required but not reported: 0"),
        "a non-reporting clinician's required categories score 0: {text}"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn exceptional_band_py2022() {
    let mut s = Scenario::default_group();
    s.performance_year = 2022;
    s.scores.quality = Some(96.0);
    s.scores.cost = Some(90.0);
    let mut app = app_with(s);
    let t = screen(&mut app, 120, 40, &[]);
    let text = screen_text(&t);
    assert!(text.contains(&format!("Final score {} of 100", shown_score(&app))));
    assert!(text.contains("▲▲ Exceptional"), "{text}");
    insta::assert_snapshot!(t.backend());
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
    let t = screen(&mut app, 120, 40, &keys);
    let text = screen_text(&t);
    assert!(
        text.contains("✗ 120 is out of range: Cost takes 0–100."),
        "{text}"
    );
    // The result stays at the last valid value typed.
    assert_eq!(app.scenario().scores.cost, Some(12.0));
    assert!(text.contains(&format!("Final score {} of 100", shown_score(&app))));
    insta::assert_snapshot!(t.backend());
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
    let t = screen(&mut app, 90, 30, &keys);
    assert_eq!(app.scenario().scores.promoting_interoperability, None);
    let text = screen_text(&t);
    assert!(text.contains("▶ Promoting Interop. — not scored"), "{text}");
    assert!(
        text.contains("40/30/30/0"),
        "the small-practice weights: {text}"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn too_small_terminal() {
    let mut app = default_app();
    let t = screen(&mut app, 60, 15, &[]);
    let text = screen_text(&t);
    assert!(text.contains("Enlarge the terminal"), "{text}");
    assert!(text.contains("need 72×18, have 60×15"), "{text}");
    insta::assert_snapshot!(t.backend());
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
    let t = screen(&mut app, 120, 40, &[KeyCode::Char('?')]);
    // The overlay opens on the key table's first group.
    let text = screen_text(&t);
    let (group, lines) = &help_groups()[0];
    assert!(text.contains(group.title()), "{text}");
    assert!(text.contains(lines[0].help), "{text}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn help_overlay_80x24_scrolls() {
    let mut app = default_app();
    let keys = [KeyCode::Char('?'), KeyCode::PageDown];
    let t = screen(&mut app, 80, 24, &keys);
    // Scrolled: the first line is gone and a later group's title is in view.
    let text = screen_text(&t);
    let groups = help_groups();
    assert!(!text.contains(groups[0].1[0].help), "{text}");
    assert!(
        groups[1..]
            .iter()
            .any(|(group, _)| text.contains(group.title())),
        "{text}"
    );
    insta::assert_snapshot!(t.backend());
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
