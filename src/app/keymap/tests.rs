//! The keymap cannot drift: every key the table binds is spelled in its help line, every
//! line is shown (in the help, or on its dialog's status bar), and every binding does
//! something when pressed in its mode.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::action::{Dir, Step};
use crate::app::hints::hints;
use crate::app::{App, Msg, View};
use crate::files::SaveError;
use crate::national::National;
use crate::rules::{Category, RuleSet};
use crate::scenario::Scenario;

/// A key event a binding takes.
fn event_for(keys: Keys) -> KeyEvent {
    match keys {
        Keys::Key(code, mods) => KeyEvent::new(code, mods),
        Keys::Letter(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        Keys::Digits | Keys::Number => KeyEvent::new(KeyCode::Char('7'), KeyModifiers::NONE),
        Keys::Printable => KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE),
    }
}

#[test]
fn every_bound_key_is_spelled_in_its_help_line() {
    for line in table() {
        let named = label_keys(line.label);
        for b in &line.bindings {
            let spelled = b.keys.spelled();
            let function_key = spelled.starts_with('F') && spelled.len() > 1;
            let found =
                named.contains(&spelled) || (function_key && named.iter().any(|k| k == "F2…"));
            assert!(
                found,
                "{spelled} is bound ({:?} → {:?}) but its help line “{}” does not name it",
                b.mode,
                b.action(),
                line.label
            );
        }
        if line.note {
            assert!(line.bindings.is_empty(), "{}", line.label);
        } else {
            assert!(!line.bindings.is_empty(), "“{}” binds nothing", line.label);
        }
    }
}

#[test]
fn every_key_the_help_names_is_bound_on_its_line() {
    for line in table().iter().filter(|l| !l.note) {
        let bound: Vec<String> = line.bindings.iter().map(|b| b.keys.spelled()).collect();
        for k in label_keys(line.label) {
            let ok = bound.contains(&k)
                || (k == "." && bound.iter().any(|b| b == "0-9"))
                || (k == "F2…" && bound.iter().any(|b| b == "F2"));
            assert!(
                ok,
                "“{}” names {k}, which the line does not bind",
                line.label
            );
        }
    }
    // A note names keys bound on the main screen.
    let main: Vec<String> = table()
        .iter()
        .flat_map(|l| l.bindings.iter())
        .filter(|b| b.mode == Mode::Main)
        .map(|b| b.keys.spelled())
        .collect();
    let note = table()
        .iter()
        .find(|l| l.note && l.label.starts_with("Tab"));
    for k in label_keys(note.expect("the Sensitivity note").label) {
        assert!(main.contains(&k), "{k}");
    }
}

#[test]
fn the_drift_is_gone_equals_and_alt_arrows_are_in_the_help() {
    let help: Vec<String> = help_groups()
        .iter()
        .flat_map(|(_, lines)| lines.iter().flat_map(|l| label_keys(l.label)))
        .collect();
    for k in ["=", "Alt-→", "Alt-←", "l", "h", "Ctrl-R", "F2…"] {
        assert!(help.contains(&k.to_string()), "{k}");
    }
}

#[test]
fn no_key_is_bound_twice_in_one_mode() {
    let all: Vec<&Binding> = table().iter().flat_map(|l| l.bindings.iter()).collect();
    for (i, a) in all.iter().enumerate() {
        for b in &all[i + 1..] {
            assert!(
                !(a.mode == b.mode && a.keys == b.keys),
                "{:?} {} is bound twice",
                a.mode,
                a.keys.spelled()
            );
        }
    }
}

fn app() -> App {
    let mut app = App::new(
        RuleSet::embedded().expect("embedded rules are valid"),
        National::embedded(),
        Scenario::default_group(),
        None,
    );
    app.focus = crate::app::Field::Score(Category::Cost);
    app
}

fn press(app: &mut App, code: KeyCode) -> Vec<crate::app::Effect> {
    app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// An explorer in `mode`, ready for `action` to show an effect.
fn app_in(mode: Mode, action: Action) -> App {
    let mut app = app();
    match mode {
        Mode::Anywhere | Mode::Main => {
            if let Action::ShowView(View::Results) = action {
                app.view = View::Compare;
            }
            if action == Action::BackToBaseline {
                press(&mut app, KeyCode::Char('b'));
                press(&mut app, KeyCode::Right);
            }
        }
        Mode::InView(v) => {
            app.view = v;
            if v == View::Changes || v == View::Rules {
                // A year with one before it, and one after it.
                app.rules_view.selected = Some(2020);
            }
        }
        Mode::Lesson => {
            let rules = RuleSet::embedded().expect("embedded rules are valid");
            let lesson = crate::teaching::lesson::Lesson::load(
                std::path::Path::new("lessons/the-cliff-and-the-threshold.toml"),
                &rules,
            )
            .expect("the shipped lesson is valid");
            app.start_lesson(lesson);
            // Off the script, on a step with an answer and a step before and after it.
            press(&mut app, KeyCode::Char('n'));
            press(&mut app, KeyCode::Right);
        }
        Mode::Typing => {
            press(&mut app, KeyCode::Char('5'));
        }
        Mode::SensitivityTyping => {
            app.view = View::Sensitivity;
            press(&mut app, KeyCode::Char('T'));
            press(&mut app, KeyCode::Char('9'));
        }
        Mode::Help => {
            press(&mut app, KeyCode::Char('?'));
            for _ in 0..15 {
                press(&mut app, KeyCode::Char('j'));
            }
        }
        Mode::NamePrompt => {
            press(&mut app, KeyCode::Char('s'));
        }
        Mode::Replace => {
            press(&mut app, KeyCode::Char('s'));
            // The file name, then the scenario's name for the new file.
            press(&mut app, KeyCode::Enter);
            let effects = press(&mut app, KeyCode::Enter);
            let [crate::app::Effect::Write { path, .. }] = effects.as_slice() else {
                panic!("{effects:?}");
            };
            app.update(Msg::Written {
                purpose: crate::app::Purpose::Save,
                result: Err(SaveError::Exists(path.clone())),
                contents: String::new(),
            });
        }
        Mode::OpenPicker => {
            press(&mut app, KeyCode::Char('o'));
            app.update(Msg::Listed(Ok(vec![
                "scenarios/a.toml".into(),
                "scenarios/b.toml".into(),
                "scenarios/c.toml".into(),
            ])));
            press(&mut app, KeyCode::Char('s'));
            press(&mut app, KeyCode::Down);
        }
        Mode::QuitGuard => {
            press(&mut app, KeyCode::Char('b'));
            press(&mut app, KeyCode::Char('q'));
        }
        Mode::Question => {
            press(&mut app, KeyCode::Char('a'));
            press(&mut app, KeyCode::Enter);
            press(&mut app, KeyCode::Char('c'));
        }
        Mode::RosterTyping => {
            let roster = crate::roster::table::Roster::load(
                std::path::Path::new("rosters/practice.csv"),
                &crate::roster::ReadOptions::default(),
                &app.rules,
            )
            .expect("the example roster reads");
            app.open_roster(roster);
            press(&mut app, KeyCode::Char('w'));
            press(&mut app, KeyCode::Char('c'));
        }
        Mode::FileError => {
            press(&mut app, KeyCode::Char('o'));
            app.update(Msg::Opened {
                path: "x.toml".into(),
                result: Err(crate::diagnostic::Diagnostic::file("x.toml", "not there")),
            });
        }
    }
    assert!(
        app.mode() == mode || matches!(mode, Mode::Anywhere | Mode::InView(_) | Mode::Lesson),
        "set up {mode:?}"
    );
    app
}

/// What a key can change, in one comparable text.
fn fingerprint(app: &App) -> String {
    format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{}|{}|{}|{}|{:?}|{}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        app.scenario(),
        app.focus,
        app.edit,
        app.overlay,
        app.status,
        app.view,
        app.sensitivity.edit,
        app.sensitivity.target,
        app.should_quit,
        app.show_trace,
        app.baseline.is_some(),
        app.chart_group,
        app.compare.pins.len(),
        app.walkthrough,
        app.before_presentation,
        app.session,
        app.rules_view.selected,
        app.lesson,
        (
            app.measures_view.selected,
            app.measures_view.part,
            &app.measures_view.edit,
            &app.measures_view.picker
        ),
        app.roster.as_ref().map(|v| (
            v.typing,
            &v.filter,
            &v.what_if.text,
            v.selected,
            v.sort,
            v.descending
        )),
    )
}

#[test]
fn every_binding_has_a_handler_that_does_something() {
    for line in table() {
        for b in &line.bindings {
            let action = b.action();
            let mut app = app_in(b.mode, action);
            let before = fingerprint(&app);
            let effects = app.update(Msg::Key(event_for(b.keys)));
            assert!(
                !effects.is_empty() || fingerprint(&app) != before,
                "{:?} {} ({action:?}, “{}”) did nothing",
                b.mode,
                b.keys.spelled(),
                line.help
            );
        }
    }
}

#[test]
fn every_mode_looks_up_its_own_keys() {
    // Esc means three things: cancel typing, leave presentation, close (it never quits).
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(action_for(&[Mode::Typing], esc), Some(Action::Cancel));
    assert_eq!(
        action_for(&[Mode::InView(View::Presentation), Mode::Main], esc),
        Some(Action::LeavePresentation)
    );
    assert_eq!(action_for(&[Mode::Main], esc), Some(Action::Close));
    // Shift-↓ is ↓; Shift-→ is a big step.
    let shift = |c| KeyEvent::new(c, KeyModifiers::SHIFT);
    assert_eq!(
        action_for(&[Mode::Main], shift(KeyCode::Down)),
        Some(Action::FieldBelow)
    );
    assert_eq!(
        action_for(&[Mode::Main], shift(KeyCode::Right)),
        Some(Action::Nudge(Dir::Up, Step::Big))
    );
    // Ctrl-Shift-S saves as Ctrl-S does.
    let ctrl_s = KeyEvent::new(
        KeyCode::Char('S'),
        KeyModifiers::CONTROL | KeyModifiers::SHIFT,
    );
    assert_eq!(action_for(&[Mode::Main], ctrl_s), Some(Action::Save));
}

#[test]
fn every_hint_names_a_bound_key() {
    // Each state the status bar distinguishes.
    let mut states = vec![app(), app_in(Mode::Typing, Action::Keep)];
    for mode in [
        Mode::SensitivityTyping,
        Mode::Help,
        Mode::NamePrompt,
        Mode::Replace,
        Mode::OpenPicker,
        Mode::FileError,
    ] {
        states.push(app_in(mode, Action::Keep));
    }
    for v in View::tabs(true) {
        let mut a = app();
        a.view = *v;
        states.push(a);
    }
    // The Roster view with a roster, and its line being typed.
    states.push(app_in(Mode::RosterTyping, Action::Keep));
    let mut a = app_in(Mode::RosterTyping, Action::Keep);
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.view, View::Roster);
    states.push(a);
    for a in &states {
        for (key, text) in hints(a) {
            assert!(!key.is_empty(), "{:?}: “{text}” has no key", a.mode());
        }
    }
}

#[test]
fn while_typing_h_and_l_keep_the_value_then_nudge_as_j_and_k_move() {
    use crate::app::Field;
    for (key, expected) in [('l', 86.0), ('h', 84.0), ('=', 86.0)] {
        let mut app = app();
        press(&mut app, KeyCode::Char('8'));
        press(&mut app, KeyCode::Char('5'));
        assert!(app.edit.is_some());
        press(&mut app, KeyCode::Char(key));
        assert!(app.edit.is_none(), "{key}: the typed value is kept");
        assert_eq!(app.scenario().scores.cost, Some(expected), "{key}");
        assert!(app.history.can_undo(), "{key}");
    }
    let mut app = app();
    press(&mut app, KeyCode::Char('8'));
    press(&mut app, KeyCode::Char('j'));
    assert!(app.edit.is_none());
    assert_eq!(app.scenario().scores.cost, Some(8.0));
    assert_ne!(app.focus, Field::Score(Category::Cost));
}
