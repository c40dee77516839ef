//! The teaching views: the walkthrough (the computation one rule at a time) and presentation
//! mode (large type for a projector). State updates first, then whole-screen snapshots.
//! Accept snapshot changes with `INSTA_UPDATE=always cargo test` and review the .snap diffs.

use crate::common::*;
use mips_whatif::app::{App, Field, View};

use mips_whatif::rules::Category;
use mips_whatif::scenario::Scenario;
use mips_whatif::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

fn app_on(file: &str) -> App {
    let path = std::path::Path::new(file);
    let s = Scenario::load(path, &rules()).expect("the example scenario is valid");
    App::new(
        rules(),
        mips_whatif::national::National::embedded(),
        s,
        Some(path.to_path_buf()),
    )
}

/// The kind and title of the step the walkthrough shows.
fn shown(app: &App) -> (&'static str, String) {
    let step = &app.result().trace[app.walkthrough_step()];
    (step.step.key(), step.title.clone())
}

/// Presentation mode shows the scenario's name, the headline labels and the band in words
/// (the numbers themselves are drawn in block digits).
fn assert_presented(app: &App, t: &Terminal<TestBackend>, band: &str) {
    let text = screen_text(t);
    let name = app.scenario().name.as_deref().expect("a named scenario");
    assert!(text.contains(name), "{name} in {text}");
    assert!(text.contains("FINAL SCORE"), "{text}");
    assert!(text.contains(band), "{band} in {text}");
}

const SMALL_NO_PI: &str = "scenarios/small-practice-no-pi.toml";
const PY2022: &str = "scenarios/py2022-exceptional-bonus.toml";

#[test]
fn the_walkthrough_steps_forward_to_the_weights_and_their_reason() {
    let mut app = app_on(SMALL_NO_PI);
    press(&mut app, KeyCode::F(View::Walkthrough.function_key()));
    assert_eq!(app.view, View::Walkthrough);
    assert_eq!(shown(&app).0, "year");
    repeat(&mut app, KeyCode::Char('n'), 3);
    let (kind, title) = shown(&app);
    assert_eq!(kind, "weights");
    assert!(title.contains("40/30/30/0"), "{title}");
    // And on screen, with the step counter.
    let t = drive(&mut app, 120, 40, &[], &Theme::color());
    let text = screen_text(&t);
    assert!(text.contains("Step 4 of 10"), "{text}");
    assert!(text.contains("40/30/30/0"), "{text}");
    // N goes back.
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(shown(&app).0, "categories");
}

#[test]
fn stepping_past_either_end_stops_there_and_says_so() {
    let mut app = app_on(SMALL_NO_PI);
    press(&mut app, KeyCode::F(View::Walkthrough.function_key()));
    assert_eq!(app.view, View::Walkthrough);
    let last = app.result().trace.len() - 1;
    repeat(&mut app, KeyCode::Char('n'), 30);
    assert_eq!(app.walkthrough_step(), last);
    assert_eq!(shown(&app).0, "dollars");
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.walkthrough_step(), last);
    let msg = app
        .status
        .as_ref()
        .expect("a message at the end")
        .text
        .clone();
    assert!(msg.contains("Last step"), "{msg}");
    repeat(&mut app, KeyCode::Char('N'), 30);
    assert_eq!(app.walkthrough_step(), 0);
    // n and N do nothing to the scenario.
    assert!(!app.is_modified());
}

#[test]
fn edits_in_the_walkthrough_update_the_step_shown_and_keep_its_kind() {
    let mut app = app_on(SMALL_NO_PI);
    press(&mut app, KeyCode::F(View::Walkthrough.function_key()));
    repeat(&mut app, KeyCode::Char('n'), 3);
    assert_eq!(shown(&app), ("weights", "Weights 40/30/30/0".to_string()));
    // Cost not scored: the weights move, the walkthrough stays on the weights.
    focus(&mut app, Field::Score(Category::Cost));
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.scenario().scores.cost, None);
    let (kind, title) = shown(&app);
    assert_eq!(kind, "weights");
    assert_ne!(title, "Weights 40/30/30/0");
    // Nudges still nudge while the walkthrough is open.
    focus(&mut app, Field::Score(Category::Quality));
    press(&mut app, KeyCode::Right);
    assert_eq!(app.scenario().scores.quality, Some(86.0));
    assert_eq!(shown(&app).0, "weights");
    // Charges removed: the dollars step goes; on it, the walkthrough falls back to the last.
    repeat(&mut app, KeyCode::Char('n'), 30);
    assert_eq!(shown(&app).0, "dollars");
    focus(&mut app, Field::PartBCharges);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.scenario().practice.part_b_allowed_charges, None);
    assert_eq!(app.walkthrough_step(), app.result().trace.len() - 1);
    assert_ne!(shown(&app).0, "dollars");
}

#[test]
fn presentation_mode_toggles_and_leaves_to_the_view_it_came_from() {
    let mut app = app_on(SMALL_NO_PI);
    press(&mut app, KeyCode::Char('P'));
    assert_eq!(app.view, View::Presentation);
    press(&mut app, KeyCode::Char('P'));
    assert_eq!(app.view, View::Results);
    // From the walkthrough, Esc leaves (and does not quit).
    press(&mut app, KeyCode::F(View::Walkthrough.function_key()));
    press(&mut app, KeyCode::Char('P'));
    assert_eq!(app.view, View::Presentation);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.view, View::Walkthrough);
    assert!(!app.should_quit);
    // Its function key opens it too, and Esc goes back to where it was opened from.
    press(&mut app, KeyCode::F(View::Presentation.function_key()));
    assert_eq!(app.view, View::Presentation);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.view, View::Walkthrough);
}

#[test]
fn presentation_mode_nudges_the_focused_field_but_does_not_type() {
    let mut app = app_on(SMALL_NO_PI);
    press(&mut app, KeyCode::Char('P'));
    let before = final_score(&app);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.scenario().scores.quality, Some(86.0));
    assert!(final_score(&app) > before);
    press(&mut app, KeyCode::Char('5'));
    assert!(app.edit.is_none(), "no typing without the inputs panel");
    let msg = app.status.as_ref().expect("says why").text.clone();
    assert!(msg.contains("P leaves"), "{msg}");
    assert_eq!(app.scenario().scores.quality, Some(86.0));
    // The status bar names the field the nudges change.
    let t = drive(&mut app, 120, 40, &[KeyCode::Tab], &Theme::color());
    let text = screen_text(&t);
    assert!(text.contains("nudge Cost 65"), "{text}");
    assert!(text.contains("leave presentation"), "{text}");
    assert!(!text.contains("Inputs"), "no inputs panel: {text}");
}

#[test]
fn snapshot_walkthrough_weights_small_practice_no_pi() {
    let mut app = app_on(SMALL_NO_PI);
    let keys = [
        KeyCode::F(View::Walkthrough.function_key()),
        KeyCode::Char('n'),
        KeyCode::Char('n'),
        KeyCode::Char('n'),
    ];
    let t = drive(&mut app, 120, 40, &keys, &Theme::color());
    // Three steps on: the weights step is open, and the steps before it are ticked off.
    assert_eq!(app.walkthrough_step(), 3);
    let (_, title) = shown(&app);
    let text = screen_text(&t);
    assert!(
        text.contains(&format!("▶ Step 4 of {}", app.result().trace.len())),
        "{text}"
    );
    assert!(text.contains(&title), "{title} in {text}");
    assert!(text.contains("✓  3. "), "{text}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn snapshot_walkthrough_exceptional_bonus_py2022() {
    let mut app = app_on(PY2022);
    press(&mut app, KeyCode::F(View::Walkthrough.function_key()));
    while shown(&app).0 != "exceptional_bonus" {
        assert!(
            app.walkthrough_step() + 1 < app.result().trace.len(),
            "PY2022 has an exceptional bonus step"
        );
        press(&mut app, KeyCode::Char('n'));
    }
    insta::assert_snapshot!(drive(&mut app, 120, 40, &[], &Theme::color()).backend());
}

#[test]
fn snapshot_presentation_120x40() {
    let mut app = app_on(SMALL_NO_PI);
    let t = drive(&mut app, 120, 40, &[KeyCode::Char('P')], &Theme::color());
    assert_presented(&app, &t, "▲ POSITIVE");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn snapshot_presentation_80x24() {
    let mut app = app_on(PY2022);
    let t = drive(&mut app, 80, 24, &[KeyCode::Char('P')], &Theme::color());
    assert_presented(&app, &t, "▲▲ EXCEPTIONAL");
    assert!(screen_text(&t).contains("incl. exceptional +2.11%"));
    insta::assert_snapshot!(t.backend());
}

#[test]
fn snapshot_presentation_too_short_for_the_chart() {
    let mut app = app_on(SMALL_NO_PI);
    let t = drive(&mut app, 80, 18, &[KeyCode::Char('P')], &Theme::color());
    assert_presented(&app, &t, "▲ POSITIVE");
    assert!(screen_text(&t).contains("Chart hidden: enlarge the terminal"));
    insta::assert_snapshot!(t.backend());
}

#[test]
fn presentation_in_mono_keeps_the_band_readable_without_colour() {
    let mut app = app_on(SMALL_NO_PI);
    let t = drive(&mut app, 120, 40, &[KeyCode::Char('P')], &Theme::mono());
    insta::assert_snapshot!(t.backend());
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "colour on {:?}", cell.symbol());
        assert_eq!(cell.bg, Color::Reset, "colour on {:?}", cell.symbol());
    }
    // The band badge: arrow and name in reverse video.
    let text = screen_text(&t);
    let row = text
        .lines()
        .position(|l| l.contains("▲ POSITIVE"))
        .expect("the band by arrow and name");
    let col = text
        .lines()
        .nth(row)
        .unwrap_or_default()
        .chars()
        .position(|c| c == '▲')
        .unwrap_or(0);
    let cell = &buf[(col as u16, row as u16)];
    assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    // The chart marks the band by glyphs too.
    assert!(text.contains("▶Positive◀"), "{text}");
}

#[test]
fn an_unpublished_year_leads_with_the_range_in_presentation_and_walkthrough() {
    const PY2025: &str = "scenarios/py2025-projection-assumed-max.toml";
    let mut app = app_on(PY2025);
    let u = app.computed().uncertainty.clone();
    assert!(u.is_primary());
    let range = u.percent_text();
    assert!(range.contains(" to "), "{range}");
    // Presentation: the range's two ends in big digits, labelled a range.
    let t = drive(&mut app, 120, 40, &[KeyCode::Char('P')], &Theme::color());
    let text = screen_text(&t);
    assert!(text.contains("PAYMENT ADJUSTMENT IN 2027: RANGE"), "{text}");
    assert!(text.contains("DOLLARS IN 2027"), "{text}");
    let mut small = app_on(PY2025);
    let t = drive(&mut small, 72, 18, &[KeyCode::Char('P')], &Theme::color());
    let text = screen_text(&t);
    assert!(
        text.contains(&range) || text.contains("PAYMENT ADJUSTMENT IN 2027: RANGE"),
        "{text}"
    );
    // Walkthrough: the running result gives the range, not the assumed point figure.
    let mut app = app_on(PY2025);
    let t = drive(
        &mut app,
        120,
        40,
        &[KeyCode::F(View::Walkthrough.function_key())],
        &Theme::color(),
    );
    let text = screen_text(&t);
    assert!(text.contains(&range), "{text}");
}
