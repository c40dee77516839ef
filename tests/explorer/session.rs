//! The consultant's session, state by state: quitting with each kind of unsaved work asks
//! first (Ctrl-C twice quits at once), Esc after every overlay only closes it, a paste in
//! every mode goes to what has the focus and never runs a command, saving under a new name
//! asks the scenario's name, an identical column is refused, clearing asks, the current state
//! can be left out, and the session goes to a workspace and back unchanged.

use crate::common;

use crate::common::{ctrl, default_app, focus, press, type_text};
use mips_whatif::app::{App, Effect, Field, Msg, Overlay, Purpose, QuestionKind, View};
use mips_whatif::files::SaveError;
use mips_whatif::rules::Category;
use ratatui::crossterm::event::KeyCode;

const COST: Field = Field::Score(Category::Cost);

fn guard_open(app: &App) -> bool {
    matches!(app.overlay, Overlay::QuitGuard { .. })
}

fn unsaved(app: &App) -> Vec<String> {
    match &app.overlay {
        Overlay::QuitGuard { unsaved } => unsaved.clone(),
        _ => Vec::new(),
    }
}

fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    app.update(Msg::Paste(text.into()))
}

#[test]
fn nothing_unsaved_quits_at_once() {
    let mut app = default_app();
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit);
    let mut app = default_app();
    ctrl(&mut app, 'c');
    assert!(app.should_quit, "Ctrl-C with nothing unsaved quits at once");
}

#[test]
fn quitting_with_each_kind_of_unsaved_work_asks_first() {
    // An edited scenario.
    let mut app = default_app();
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('q'));
    assert!(guard_open(&app) && !app.should_quit);
    assert_eq!(unsaved(&app), ["a scenario not saved to a file"]);
    // A baseline alone.
    let mut app = default_app();
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(unsaved(&app), ["a pinned baseline"]);
    // Pinned columns alone.
    let mut app = default_app();
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(unsaved(&app), ["a Compare column"]);
    // All three.
    let mut app = default_app();
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(
        unsaved(&app),
        [
            "a scenario not saved to a file",
            "a pinned baseline",
            "2 Compare columns"
        ]
    );
}

#[test]
fn the_quit_question_stays_discards_or_saves_then_quits() {
    // Esc stays, with everything as it was.
    let mut app = default_app();
    press(&mut app, KeyCode::Right);
    let edited = app.scenario().clone();
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Esc);
    assert!(!app.should_quit && app.overlay == Overlay::None);
    assert_eq!(app.scenario(), &edited);
    // d discards and quits.
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('d'));
    assert!(app.should_quit);

    // s with a file: the scenario is written to it, then the explorer quits.
    let mut app = default_app();
    app.file = Some("plan.toml".into());
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('q'));
    let effects = press(&mut app, KeyCode::Char('s'));
    let [
        Effect::Write {
            purpose: Purpose::Save,
            path,
            overwrite: true,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(path.to_str(), Some("plan.toml"));
    assert!(!app.should_quit, "not before the file is written");
    app.update(Msg::Written {
        purpose: Purpose::Save,
        result: Ok("/x/plan.toml".into()),
        contents: String::new(),
    });
    assert!(app.should_quit);

    // s with a baseline: the session is saved as a workspace (a name asked first).
    let mut app = default_app();
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('s'));
    assert!(
        matches!(&app.overlay, Overlay::Name(p) if p.purpose == Purpose::Workspace),
        "{:?}",
        app.overlay
    );
    let effects = press(&mut app, KeyCode::Enter);
    let [Effect::Write { contents, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(contents.contains("baseline = true"), "{contents}");
    // The save failed: the explorer stays, and says why.
    app.update(Msg::Written {
        purpose: Purpose::Workspace,
        result: Err(SaveError::Io {
            path: "x".into(),
            reason: "the disk is full".into(),
        }),
        contents: contents.clone(),
    });
    assert!(!app.should_quit);
    // Cancelling the name: stays.
    press(&mut app, KeyCode::Esc);
    assert!(!app.should_quit);
}

#[test]
fn ctrl_c_twice_quits_at_once_whatever_is_open() {
    let mut app = default_app();
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Char('?'));
    ctrl(&mut app, 'c');
    assert!(guard_open(&app) && !app.should_quit);
    ctrl(&mut app, 'c');
    assert!(app.should_quit);
    // Another key in between: the next Ctrl-C asks again.
    let mut app = default_app();
    press(&mut app, KeyCode::Char('b'));
    ctrl(&mut app, 'c');
    press(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'c');
    assert!(!app.should_quit && guard_open(&app));
}

/// Open each overlay (and typing), press Esc: it closes or cancels, and never quits.
#[test]
fn esc_after_every_overlay_closes_it_and_never_quits() {
    type Setup = fn(&mut App);
    let setups: [(&str, Setup); 11] = [
        ("main screen", |_| {}),
        ("help", |a| {
            press(a, KeyCode::Char('?'));
        }),
        ("save prompt", |a| {
            press(a, KeyCode::Char('s'));
        }),
        ("export prompt", |a| {
            press(a, KeyCode::Char('e'));
        }),
        ("open picker", |a| {
            press(a, KeyCode::Char('o'));
        }),
        ("typing", |a| {
            focus(a, COST);
            type_text(a, "5");
        }),
        ("sensitivity typing", |a| {
            press(a, KeyCode::F(View::Sensitivity.function_key()));
            press(a, KeyCode::Char('T'));
        }),
        ("presentation", |a| {
            press(a, KeyCode::Char('P'));
        }),
        ("quit question", |a| {
            press(a, KeyCode::Char('b'));
            press(a, KeyCode::Char('q'));
        }),
        ("clear question", |a| {
            press(a, KeyCode::Char('a'));
            press(a, KeyCode::Enter);
            press(a, KeyCode::Char('c'));
        }),
        ("column name", |a| {
            press(a, KeyCode::Char('a'));
        }),
    ];
    for (name, setup) in setups {
        let mut app = default_app();
        setup(&mut app);
        press(&mut app, KeyCode::Esc);
        assert!(!app.should_quit, "{name}: Esc quit");
        assert_eq!(app.overlay, Overlay::None, "{name}: still open");
        assert!(
            app.edit.is_none() && app.sensitivity.edit.is_none(),
            "{name}"
        );
        // And a second Esc does not quit either.
        press(&mut app, KeyCode::Esc);
        assert!(!app.should_quit, "{name}: a second Esc quit");
    }
}

#[test]
fn a_paste_goes_to_the_focus_and_never_runs_a_command() {
    // A number field: the number, and what was dropped.
    let mut app = default_app();
    focus(&mut app, COST);
    paste(&mut app, "$90.5%");
    assert_eq!(app.scenario().scores.cost, Some(90.5));
    let msg = app.status.clone().unwrap().text;
    assert!(msg.contains("dropped “$” and “%”"), "{msg}");
    press(&mut app, KeyCode::Enter);
    // Text starting with q (quit), s (save), e (export): nothing runs, nothing changes.
    let before = app.scenario().clone();
    for text in ["q", "quit now", "save everything", "export a report\nq"] {
        let effects = paste(&mut app, text);
        assert!(effects.is_empty(), "{text}: {effects:?}");
        assert!(!app.should_quit, "{text}: quit");
        assert_eq!(app.overlay, Overlay::None, "{text}");
        assert_eq!(app.scenario(), &before, "{text}");
    }
    // "1e9": the number ends at the e, and that is said.
    paste(&mut app, "1e9");
    assert_eq!(app.edit.as_ref().unwrap().text, "1");
    assert!(
        app.status
            .clone()
            .unwrap()
            .text
            .contains("everything from “e9”")
    );
    press(&mut app, KeyCode::Esc);

    // A yes/no field takes nothing.
    focus(&mut app, Field::Rural);
    paste(&mut app, "yes");
    assert!(!app.scenario().practice.rural);
    assert!(app.status.clone().unwrap().text.contains("nothing pasted"));

    // A prompt takes the text (its first line), and Enter is still the user's.
    let mut app = default_app();
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Char('u')); // typed into the prompt
    ctrl(&mut app, 'u');
    let effects = paste(&mut app, "client report.html\nq\n");
    assert!(effects.is_empty());
    let Overlay::Name(p) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!(p.input, "client report.html");

    // The open picker: the typed filter.
    let mut app = default_app();
    press(&mut app, KeyCode::Char('o'));
    paste(&mut app, "small");
    let Overlay::Open(p) = &app.overlay else {
        panic!()
    };
    assert_eq!(p.input, "small");

    // Questions, the help: nothing.
    let mut app = default_app();
    press(&mut app, KeyCode::Char('?'));
    let before = app.overlay.clone();
    paste(&mut app, "y");
    assert_eq!(app.overlay, before);
    let mut app = default_app();
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Char('q'));
    paste(&mut app, "d");
    assert!(
        guard_open(&app) && !app.should_quit,
        "a paste answered the question"
    );

    // Typing a Sensitivity value.
    let mut app = default_app();
    press(&mut app, KeyCode::F(View::Sensitivity.function_key()));
    press(&mut app, KeyCode::Char('T'));
    paste(&mut app, "80 points");
    assert_eq!(app.sensitivity.edit.as_ref().unwrap().text, "80");
}

#[test]
fn typed_numbers_refuse_what_is_not_part_of_a_number() {
    let mut app = default_app();
    focus(&mut app, COST);
    type_text(&mut app, "1");
    press(&mut app, KeyCode::Char('e'));
    let msg = app.status.clone().unwrap().text;
    assert!(msg.contains("“e” is not part of a number"), "{msg}");
    assert!(app.overlay == Overlay::None, "e did not open the export");
    // "1e9" stays marked as no value, whatever follows: never 19, never 1000000000.
    press(&mut app, KeyCode::Char('9'));
    let e = app.edit.as_ref().unwrap();
    assert_eq!(e.text, "1e9");
    assert!(
        e.error
            .as_ref()
            .unwrap()
            .contains("“e” is not part of a number"),
        "{:?}",
        e.error
    );
    assert_eq!(
        app.scenario().scores.cost,
        Some(1.0),
        "the last valid value stays"
    );
    press(&mut app, KeyCode::Enter);
    assert!(app.edit.is_some(), "Enter does not keep it");
    // Deleting the e and the 9 gives back a value.
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "9");
    assert_eq!(app.scenario().scores.cost, Some(19.0));
    // A minus while typing is refused, not a nudge.
    press(&mut app, KeyCode::Char('-'));
    assert_eq!(app.scenario().scores.cost, Some(19.0));
    assert!(app.status.clone().unwrap().text.contains("“-”"));

    // "-5" on the main screen: the nudge is undone and the negative number refused.
    let mut app = default_app();
    focus(&mut app, COST);
    let before = app.scenario().clone();
    type_text(&mut app, "-5");
    assert_eq!(app.scenario(), &before);
    assert!(app.edit.is_none());
    let msg = app.status.clone().unwrap().text;
    assert!(msg.contains("−5 is not a value"), "{msg}");
    // A lone "-" is still a nudge.
    press(&mut app, KeyCode::Char('-'));
    assert_eq!(app.scenario().scores.cost, Some(73.58));
}

#[test]
fn saving_under_a_new_file_asks_the_scenarios_name() {
    // A name made from the old file follows the new file.
    let mut app = default_app();
    app.file = Some("scenarios/small-practice.toml".into());
    let mut named = app.scenario().clone();
    named.name = Some("Small practice".into());
    app.update(Msg::Opened {
        path: "scenarios/small-practice.toml".into(),
        result: Ok(named),
    });
    press(&mut app, KeyCode::Char('s'));
    ctrl(&mut app, 'u');
    type_text(&mut app, "scenarios/small-practice-with-pi");
    press(&mut app, KeyCode::Enter);
    let Overlay::Name(p) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert_eq!(p.purpose, Purpose::ScenarioName);
    assert_eq!(p.input, "Small practice with pi");
    ctrl(&mut app, 'u');
    type_text(&mut app, "Small practice, PI at 90%");
    let effects = press(&mut app, KeyCode::Enter);
    let [Effect::Write { path, contents, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(path.to_str(), Some("scenarios/small-practice-with-pi.toml"));
    assert!(
        contents.contains("name = \"Small practice, PI at 90%\""),
        "{contents}"
    );

    // A name of its own is proposed unchanged.
    let mut app = default_app();
    let mut own = app.scenario().clone();
    own.name = Some("Riverside, 2024 plan".into());
    app.update(Msg::Opened {
        path: "riverside.toml".into(),
        result: Ok(own),
    });
    press(&mut app, KeyCode::Char('s'));
    ctrl(&mut app, 'u');
    type_text(&mut app, "riverside-copy");
    press(&mut app, KeyCode::Enter);
    let Overlay::Name(p) = &app.overlay else {
        panic!()
    };
    assert_eq!(p.input, "Riverside, 2024 plan");
    // Saving to the same file does not ask.
    let mut app = default_app();
    app.file = Some("plan.toml".into());
    press(&mut app, KeyCode::Char('s'));
    let effects = press(&mut app, KeyCode::Enter);
    assert!(
        matches!(effects.as_slice(), [Effect::Write { .. }]),
        "{effects:?}"
    );
}

#[test]
fn columns_are_named_unique_and_never_identical() {
    let mut app = default_app();
    focus(&mut app, COST);
    // Named when pinned: the proposal is the scenario's own name.
    press(&mut app, KeyCode::Char('a'));
    let Overlay::Name(p) = &app.overlay else {
        panic!()
    };
    assert_eq!(p.input, "Typical PY2024 group (built-in example)");
    ctrl(&mut app, 'u');
    type_text(&mut app, "As is");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.compare.pins[0].entry.label, "As is");
    // The same state again: refused.
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.compare.pins.len(), 1);
    assert!(app.overlay == Overlay::None);
    assert!(
        app.status
            .clone()
            .unwrap()
            .text
            .contains("same as the column “As is”")
    );
    // Changed: pinned, and a name already used is refused in place.
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('a'));
    ctrl(&mut app, 'u');
    type_text(&mut app, "As is");
    press(&mut app, KeyCode::Enter);
    let Overlay::Name(p) = &app.overlay else {
        panic!()
    };
    assert!(p.error.as_ref().unwrap().contains("another column"));
    ctrl(&mut app, 'u');
    type_text(&mut app, "Cost +1");
    press(&mut app, KeyCode::Enter);
    // r renames the last column in Compare.
    press(&mut app, KeyCode::F(View::Compare.function_key()));
    press(&mut app, KeyCode::Char('r'));
    ctrl(&mut app, 'u');
    type_text(&mut app, "Cost up by one");
    press(&mut app, KeyCode::Enter);
    let labels: Vec<String> = app
        .compare
        .comparison
        .as_ref()
        .unwrap()
        .scenarios
        .iter()
        .map(|c| c.label.clone())
        .collect();
    assert_eq!(labels, ["As is", "Cost up by one", "Current"]);
}

#[test]
fn clearing_columns_asks_and_the_current_state_can_be_left_out() {
    let mut app = default_app();
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('c'));
    assert!(matches!(&app.overlay, Overlay::Question(q) if q.kind == QuestionKind::ClearColumns));
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.compare.pins.len(), 1, "n keeps them");
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.compare.pins.len(), 1, "Esc keeps them");

    // Left out: the comparison and the report hold the pinned column alone... with a
    // baseline, two columns and no "Current".
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::F(View::Compare.function_key()));
    press(&mut app, KeyCode::Char('i'));
    let labels: Vec<String> = app
        .compare_columns()
        .iter()
        .map(|(e, _)| e.label.clone())
        .collect();
    assert_eq!(labels.len(), 2);
    assert!(!labels.contains(&"Current".to_string()), "{labels:?}");
    press(&mut app, KeyCode::Char('i'));
    assert_eq!(app.compare_columns().len(), 3);

    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char('y'));
    assert!(app.compare.pins.is_empty());
}

#[test]
fn the_session_goes_to_a_workspace_and_back_unchanged() {
    let mut app = default_app();
    focus(&mut app, COST);
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('a'));
    ctrl(&mut app, 'u');
    type_text(&mut app, "Cost 75.58");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char(']'));
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::F(View::Compare.function_key()));
    app.session.report.client = Some("Riverside".into());
    let ws = app.session_workspace();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    let text = mips_whatif::workspace::to_toml(&ws, dir.path());
    std::fs::write(&path, &text).unwrap();
    let opened = mips_whatif::workspace::open(&path, &common::rules()).unwrap();

    let mut back = default_app();
    back.open_workspace(path.clone(), &opened, None);
    let mut again = back.session_workspace();
    again.workspace_file = None;
    assert_eq!(again, ws);
    assert_eq!(back.view, View::Compare);
    assert_eq!(back.scenario(), app.scenario());
    assert_eq!(
        back.baseline.as_ref().unwrap().scenario,
        app.baseline.as_ref().unwrap().scenario
    );
    assert_eq!(back.compare.pins[0].entry.label, "Cost 75.58");
    assert_eq!(back.chart_group, app.chart_group);
    assert_eq!(back.session.report.client.as_deref(), Some("Riverside"));
    // Saved to its file: nothing unsaved until something changes.
    assert!(back.unsaved_work().is_empty(), "{:?}", back.unsaved_work());
    press(&mut back, KeyCode::Right);
    assert!(!back.unsaved_work().is_empty());
    // S saves it back to its file.
    let effects = press(&mut back, KeyCode::Char('S'));
    let [
        Effect::Write {
            path: p, overwrite, ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(p, &path);
    assert!(*overwrite);
    back.update(Msg::Written {
        purpose: Purpose::Workspace,
        result: Ok(path.clone()),
        contents: String::new(),
    });
    assert!(back.unsaved_work().is_empty());
}

#[test]
fn the_export_dialog_takes_the_reports_details() {
    let mut app = default_app();
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Char('e'));
    ctrl(&mut app, 'u');
    type_text(&mut app, "riverside.md");
    ctrl(&mut app, 'd');
    for (part, text) in [
        (mips_whatif::app::DetailPart::Title, "PI: report it or not?"),
        (
            mips_whatif::app::DetailPart::Client,
            "Riverside Family Practice",
        ),
        (mips_whatif::app::DetailPart::PreparedBy, "J. Rivera"),
        (mips_whatif::app::DetailPart::Date, "1 December 2026"),
        (mips_whatif::app::DetailPart::Note, "Keep not reporting PI."),
    ] {
        let Overlay::Name(p) = &app.overlay else {
            panic!("{:?}", app.overlay)
        };
        assert_eq!(p.purpose, Purpose::ReportDetail(part));
        type_text(&mut app, text);
        press(&mut app, KeyCode::Enter);
    }
    // Back to the export prompt, its file name kept.
    let Overlay::Name(p) = &app.overlay else {
        panic!()
    };
    assert_eq!(
        (p.purpose, p.input.as_str()),
        (Purpose::Export, "riverside.md")
    );
    let effects = press(&mut app, KeyCode::Enter);
    let [Effect::Write { contents, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(
        contents.starts_with("# PI: report it or not?\n"),
        "{contents}"
    );
    assert!(contents.contains("**Prepared for:** Riverside Family Practice"));
    assert!(contents.contains("**Prepared by:** J. Rivera"));
    assert!(contents.contains("**Date:** 1 December 2026"));
    assert!(contents.contains("## Executive summary"));
    assert!(contents.contains("Keep not reporting PI."));
    // The details stay with the session (a workspace saves them).
    assert_eq!(
        app.session_workspace().report.client.as_deref(),
        Some("Riverside Family Practice")
    );
    // D from the main screen edits them; Esc stops, keeping what was typed.
    let mut app = default_app();
    press(&mut app, KeyCode::Char('D'));
    type_text(&mut app, "Title only");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, Overlay::None);
    assert_eq!(app.session.report.title.as_deref(), Some("Title only"));
    assert_eq!(app.session.report.client, None);
}

#[test]
fn the_open_picker_describes_each_file_and_moves_by_pages() {
    use mips_whatif::explorer::dispatch;
    let mut app = default_app();
    // Through the runner: the files of scenarios/ are listed, then read.
    dispatch(
        &mut app,
        Msg::Key(common::key_event(
            KeyCode::Char('o'),
            ratatui::crossterm::event::KeyModifiers::NONE,
        )),
    );
    let Overlay::Open(p) = &app.overlay else {
        panic!("{:?}", app.overlay)
    };
    assert!(p.entries.len() > 12, "{}", p.entries.len());
    let d = p
        .described("scenarios/small-practice-no-pi.toml")
        .expect("described");
    assert_eq!(
        d.summary,
        "Small practice, PI not reported · PY2024 · 83.50 — A small practice that did not report Promoting Interoperability (PY2024)."
    );
    assert!(
        d.preview[0].starts_with("A small practice that did not report"),
        "{:?}",
        d.preview
    );
    let n = p.entries.len();
    press(&mut app, KeyCode::PageDown);
    assert!(matches!(&app.overlay, Overlay::Open(p) if p.selected == 10));
    press(&mut app, KeyCode::End);
    assert!(matches!(&app.overlay, Overlay::Open(p) if p.selected == n - 1));
    press(&mut app, KeyCode::PageUp);
    assert!(matches!(&app.overlay, Overlay::Open(p) if p.selected == n - 11));
    press(&mut app, KeyCode::Home);
    assert!(matches!(&app.overlay, Overlay::Open(p) if p.selected == 0));
    // Drawn: the summary beside the file, the teaching line in the preview.
    let t = common::drive(&mut app, 140, 45, &[], &mips_whatif::ui::Theme::mono());
    let screen: String = {
        let b = t.backend().buffer();
        (0..b.area.height)
            .map(|y| {
                (0..b.area.width)
                    .map(|x| b[(x, y)].symbol())
                    .collect::<String>()
                    + "\n"
            })
            .collect()
    };
    assert!(
        screen.contains("scenarios/aco-app.toml") && screen.contains("ACO participants on the APM"),
        "{screen}"
    );
    assert!(
        screen.contains("Clinicians in a Shared Savings ACO"),
        "the preview: {screen}"
    );
}

#[test]
fn tab_completes_paths_in_the_file_prompts() {
    use mips_whatif::explorer::dispatch;
    let tab = |app: &mut App| {
        dispatch(
            app,
            Msg::Key(common::key_event(
                KeyCode::Tab,
                ratatui::crossterm::event::KeyModifiers::NONE,
            )),
        )
    };
    // The save prompt: "scenarios/small-pr" → "scenarios/small-practice-".
    let mut app = default_app();
    press(&mut app, KeyCode::Char('s'));
    ctrl(&mut app, 'u');
    type_text(&mut app, "scenarios/small-pr");
    tab(&mut app);
    let Overlay::Name(p) = &app.overlay else {
        panic!()
    };
    assert_eq!(p.input, "scenarios/small-practice-");
    assert!(
        p.choices.contains(&"small-practice-no-pi.toml".to_string()),
        "{:?}",
        p.choices
    );
    // The open picker: a typed path completes; over the list, Tab moves to the next file.
    let mut app = default_app();
    dispatch(
        &mut app,
        Msg::Key(common::key_event(
            KeyCode::Char('o'),
            ratatui::crossterm::event::KeyModifiers::NONE,
        )),
    );
    type_text(&mut app, "docs/exa");
    tab(&mut app);
    let Overlay::Open(p) = &app.overlay else {
        panic!()
    };
    assert_eq!(p.input, "docs/examples/");
    ctrl(&mut app, 'u');
    type_text(&mut app, "small");
    tab(&mut app);
    let Overlay::Open(p) = &app.overlay else {
        panic!()
    };
    assert_eq!((p.input.as_str(), p.selected), ("small", 1));
}

#[test]
fn a_field_can_be_reached_by_its_name_or_its_groups_key() {
    let mut app = default_app();
    for (typed, field) in [
        ("pi", Field::Score(Category::PromotingInteroperability)),
        ("Cost", COST),
        ("charges", Field::PartBCharges),
        ("year", Field::PerformanceYear),
        ("improvement", Field::Score(Category::ImprovementActivities)),
    ] {
        press(&mut app, KeyCode::Char('/'));
        type_text(&mut app, typed);
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.focus, field, "{typed}");
        assert_eq!(app.overlay, Overlay::None);
    }
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "zebra");
    press(&mut app, KeyCode::Enter);
    let Overlay::Name(p) = &app.overlay else {
        panic!()
    };
    assert!(
        p.error
            .as_ref()
            .unwrap()
            .starts_with("No field called “zebra”")
    );
    press(&mut app, KeyCode::Esc);
    // Alt-1 … Alt-3: the first field of each group.
    let alt = ratatui::crossterm::event::KeyModifiers::ALT;
    common::press_with(&mut app, KeyCode::Char('3'), alt);
    assert_eq!(app.focus, Field::Clinicians);
    common::press_with(&mut app, KeyCode::Char('2'), alt);
    assert_eq!(app.focus, Field::PerformanceYear);
    common::press_with(&mut app, KeyCode::Char('1'), alt);
    assert_eq!(app.focus, Field::Score(Category::Quality));
}

#[test]
fn the_help_can_be_searched() {
    let mut app = default_app();
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Char('/'));
    // While searching, letters are the search (q does not close the help).
    type_text(&mut app, "workspace");
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(&app.overlay, Overlay::Help { search, searching: false, .. } if search == "workspace")
    );
    let t = common::drive(&mut app, 120, 40, &[], &mips_whatif::ui::Theme::mono());
    let b = t.backend().buffer();
    let screen: String = (0..b.area.height)
        .map(|y| {
            (0..b.area.width)
                .map(|x| b[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect();
    assert!(screen.contains("Search: workspace"), "{screen}");
    assert!(
        screen.contains("save the session as a workspace"),
        "{screen}"
    );
    assert!(
        !screen.contains("nudge up / down"),
        "unmatched keys are hidden: {screen}"
    );
    // Esc while searching clears it; Esc again closes the help, and never quits.
    press(&mut app, KeyCode::Char('/'));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(&app.overlay, Overlay::Help { search, .. } if search.is_empty()));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay, Overlay::None);
    assert!(!app.should_quit);
}

static SUSPENDED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn fake_suspend() -> std::io::Result<()> {
    SUSPENDED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    Ok(())
}

#[test]
fn ctrl_z_hands_the_terminal_back_and_redraws_after() {
    use mips_whatif::explorer::{RunOptions, ScriptedEvents, run};
    use ratatui::crossterm::event::{Event, KeyModifiers};
    let mut app = default_app();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    let mut script = ScriptedEvents::new([Event::Key(common::key_event(
        KeyCode::Char('z'),
        KeyModifiers::CONTROL,
    ))]);
    let options = RunOptions {
        suspend: Some(fake_suspend),
        ..RunOptions::default()
    };
    let end = run(
        &mut terminal,
        &mut app,
        &mips_whatif::ui::Theme::mono(),
        &mut script,
        options,
    );
    assert!(end.is_err(), "the script ends");
    assert_eq!(SUSPENDED.load(std::sync::atomic::Ordering::SeqCst), 1);
    assert!(!app.session.suspend_requested);
    assert!(!app.should_quit);
    // Where suspending is not possible, it says so.
    let mut app = default_app();
    let mut script = ScriptedEvents::new([Event::Key(common::key_event(
        KeyCode::Char('z'),
        KeyModifiers::CONTROL,
    ))]);
    let _ = run(
        &mut terminal,
        &mut app,
        &mips_whatif::ui::Theme::mono(),
        &mut script,
        RunOptions::default(),
    );
    assert!(app.status.unwrap().text.contains("not possible here"));
}
