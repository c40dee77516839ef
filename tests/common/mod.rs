//! Helpers shared by the explorer tests: an explorer on a scenario, and key presses.
#![allow(dead_code)]

use mips_whatif::app::{App, Effect, Msg};
use mips_whatif::explorer::{RunOptions, ScriptedEvents, run};
use mips_whatif::national::National;
use mips_whatif::rules::RuleSet;
use mips_whatif::scenario::Scenario;
use mips_whatif::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::Event;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};

pub fn rules() -> RuleSet {
    RuleSet::embedded().expect("embedded rules are valid")
}

/// An explorer on a scenario (no file).
pub fn app_with(s: Scenario) -> App {
    App::new(rules(), National::embedded(), s, None)
}

/// An explorer on the built-in PY2024 group.
pub fn default_app() -> App {
    app_with(Scenario::default_group())
}

pub fn key_event(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }
}

/// Press a key; returns the effects the explorer asks for.
pub fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    app.update(Msg::Key(key_event(code, KeyModifiers::NONE)))
}

pub fn press_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    app.update(Msg::Key(key_event(code, modifiers)))
}

pub fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    press_with(app, KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Type each character as a key press.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Press a key `n` times.
pub fn repeat(app: &mut App, code: KeyCode, n: usize) {
    for _ in 0..n {
        press(app, code);
    }
}

/// Move the focus to a field with Tab (panics if the field is not shown).
pub fn focus(app: &mut App, field: mips_whatif::app::Field) {
    for _ in 0..40 {
        if app.focus == field {
            return;
        }
        press(app, KeyCode::Tab);
    }
    panic!("{field:?} is not one of the fields shown");
}

pub fn final_score(app: &App) -> f64 {
    app.result().final_score
}

/// The final score as the explorer shows it: two decimals, as CMS publishes it.
pub fn shown_score(app: &App) -> String {
    mips_whatif::format::two_decimals(final_score(app))
}

/// The screen as last drawn, one line per row.
pub fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

/// The screen as text (rows joined by line breaks) after [`drive`] with these keys.
pub fn drawn_text(app: &mut App, w: u16, h: u16, codes: &[KeyCode], theme: &Theme) -> String {
    let t = drive(app, w, h, codes, theme);
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Run the explorer loop at a size with these keys (a frame after each) and return the
/// terminal as last drawn, when the script runs out.
pub fn drive(
    app: &mut App,
    w: u16,
    h: u16,
    codes: &[KeyCode],
    theme: &Theme,
) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let events: Vec<Event> = codes
        .iter()
        .map(|c| Event::Key(key_event(*c, KeyModifiers::NONE)))
        .collect();
    let mut script = ScriptedEvents::new(events);
    script.one_per_frame = true;
    let end = run(
        &mut terminal,
        app,
        theme,
        &mut script,
        RunOptions::default(),
    );
    let err = end.expect_err("the script ends before any quit");
    assert!(err.to_string().contains("script ended"), "{err}");
    assert!(!app.should_quit);
    terminal
}
