//! Teaching in the explorer: the Rules timeline and What changed views, and a lesson played
//! step by step (changes marked, presenter strip, question on a key, free edits and back to
//! the script). State updates first, then whole-screen snapshots, each with an assertion about
//! what matters on that screen. Accept snapshot changes with `INSTA_UPDATE=always cargo test`
//! and review the .snap diffs.

use std::path::Path;

use crate::common::*;
use mips_whatif::app::{App, Field, View};
use mips_whatif::engine::published_score;
use mips_whatif::rules::Category;
use mips_whatif::scenario::Scenario;
use mips_whatif::teaching::lesson::{Lesson, Revealed};
use mips_whatif::ui::Theme;
use ratatui::crossterm::event::KeyCode;

const LESSONS: [&str; 3] = [
    "lessons/how-a-final-score-is-made.toml",
    "lessons/why-cost-matters.toml",
    "lessons/the-cliff-and-the-threshold.toml",
];

fn app_on(file: &str) -> App {
    let path = Path::new(file);
    let s = Scenario::load(path, &rules()).unwrap();
    App::new(
        rules(),
        mips_whatif::national::National::embedded(),
        s,
        Some(path.to_path_buf()),
    )
}

fn lesson_app(file: &str) -> (App, Lesson) {
    let lesson = Lesson::load(Path::new(file), &rules()).unwrap();
    let mut app = app_with(lesson.steps[0].scenario.clone());
    app.start_lesson(lesson.clone());
    (app, lesson)
}

// ---- the Rules and What changed views ---------------------------------------------------------

#[test]
fn w_shows_what_changed_in_the_scenarios_year_and_the_arrows_choose_another() {
    let mut app = app_on("scenarios/small-practice-no-pi.toml");
    press(&mut app, KeyCode::Char('w'));
    assert_eq!(app.view, View::Changes);
    let data = app
        .rules_view
        .changes
        .as_ref()
        .expect("worked out when shown");
    assert_eq!(data.year, 2024);
    let changes = data.changes.as_ref().unwrap();
    assert_eq!(changes.since, 2023);
    // PY2022 in two presses: what changed, and the small practice under PY2021 and PY2022.
    repeat(&mut app, KeyCode::Up, 2);
    let data = app.rules_view.changes.as_ref().unwrap();
    assert_eq!(data.year, 2022);
    let c = data.changes.as_ref().unwrap();
    assert!(
        c.changes
            .iter()
            .any(|c| c.text.starts_with("Performance threshold 60 → 75"))
    );
    let side = data.side.as_ref().unwrap();
    assert_eq!(side.since.performance_year, 2021);
    assert_eq!(side.year.performance_year, 2022);
    assert_eq!(side.year.weights.to_string(), "40/30/30/0");
    // The scenario itself is untouched; Esc goes back to the view before.
    assert_eq!(app.scenario().performance_year, 2024);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.view, View::Results);
    assert!(!app.should_quit);
}

#[test]
fn the_rules_view_marks_the_scenarios_year_and_enter_opens_what_changed() {
    let mut app = app_on("scenarios/py2022-exceptional-bonus.toml");
    press(&mut app, KeyCode::Char('W'));
    assert_eq!(app.view, View::Rules);
    assert_eq!(app.rules_year(), 2022);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.rules_year(), 2023);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view, View::Changes);
    assert_eq!(app.rules_year(), 2023, "the chosen year is kept");
    // The last year stops there and says so.
    repeat(&mut app, KeyCode::Down, 10);
    assert_eq!(app.rules_year(), 2026);
    assert!(app.status.as_ref().unwrap().text.contains("last year"));
    // Opening it again from another view shows the scenario's year.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('w'));
    assert_eq!(app.rules_year(), 2022);
}

#[test]
fn editing_in_what_changed_rescores_both_years() {
    let mut app = app_on("scenarios/large-group-all-four.toml");
    press(&mut app, KeyCode::Char('w'));
    let before = app.rules_view.changes.clone().unwrap();
    focus(&mut app, Field::Score(Category::Quality));
    press(&mut app, KeyCode::Right);
    let after = app.rules_view.changes.clone().unwrap();
    let (a, b) = (before.side.unwrap(), after.side.unwrap());
    assert!(b.year.final_score > a.year.final_score);
    assert!(b.since.final_score > a.since.final_score);
}

#[test]
fn snapshot_rules_timeline_120x40() {
    let mut app = app_on("scenarios/small-practice-no-pi.toml");
    let t = drive(&mut app, 120, 40, &[KeyCode::Char('W')], &Theme::color());
    let text = screen_text(&t);
    // The scenario's year marked, a changed cell marked, the selected year explained.
    assert!(text.contains("▶ 2024"), "{text}");
    assert!(text.contains("*75✓"), "{text}");
    assert!(text.contains("PY2024 (payment year 2026) — this scenario's year"));
    insta::assert_snapshot!(t.backend());
}

#[test]
fn snapshot_rules_timeline_80x24_mono() {
    let mut app = app_on("scenarios/small-practice-no-pi.toml");
    let t = drive(
        &mut app,
        80,
        24,
        &[KeyCode::Char('W'), KeyCode::Up, KeyCode::Up],
        &Theme::mono(),
    );
    let text = screen_text(&t);
    // Without colour every mark is a glyph: the year, the choice, the changes, confidence.
    assert!(text.contains("▶ 2024"), "{text}");
    assert!(text.contains("› 2022"), "{text}");
    assert!(text.contains("*30/30/15/25✓"), "{text}");
    assert!(text.contains("Not shown (wider screen)"), "{text}");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn snapshot_what_changed_120x40() {
    let mut app = app_on("scenarios/small-practice-no-pi.toml");
    let t = drive(
        &mut app,
        120,
        40,
        &[KeyCode::Char('w'), KeyCode::Up, KeyCode::Up],
        &Theme::color(),
    );
    let text = screen_text(&t);
    assert!(
        text.contains("What changed in PY2022 (from PY2021)"),
        "{text}"
    );
    assert!(text.contains("This scenario's inputs under both years"));
    assert!(text.contains("40/30/30/0"));
    insta::assert_snapshot!(t.backend());
}

#[test]
fn snapshot_what_changed_80x24() {
    let mut app = app_on("scenarios/small-practice-no-pi.toml");
    let t = drive(
        &mut app,
        80,
        24,
        &[KeyCode::Char('w'), KeyCode::Up, KeyCode::Up],
        &Theme::color(),
    );
    let text = screen_text(&t);
    assert!(text.contains("PY2022"), "{text}");
    assert!(text.contains("Final score"), "{text}");
    insta::assert_snapshot!(t.backend());
}

// ---- lessons ---------------------------------------------------------------------------------

#[test]
fn every_shipped_lesson_plays_to_the_end_in_the_explorer() {
    for file in LESSONS {
        let (mut app, lesson) = lesson_app(file);
        for (i, step) in lesson.steps.iter().enumerate() {
            let session = app.lesson.as_ref().unwrap();
            assert_eq!(session.player.index(), i, "{file}");
            assert_eq!(app.scenario(), &step.scenario, "{file} step {}", i + 1);
            assert!(
                session.mismatches.is_empty(),
                "{file}: {:?}",
                session.mismatches
            );
            if let Some(fs) = step.expect.final_score {
                assert!(
                    (published_score(app.result().final_score) - fs).abs() < 0.005,
                    "{file} step {}",
                    i + 1
                );
            }
            if let Some(v) = step.view {
                assert_eq!(app.view, mips_whatif::app::lesson::view_for(v), "{file}");
            }
            if let Some(f) = step.focus.and_then(mips_whatif::app::lesson::field_for) {
                assert_eq!(app.focus, f, "{file} step {}", i + 1);
            }
            // n: through the walkthrough's rules first, then the next step.
            let mut presses = 0;
            while app.lesson.as_ref().unwrap().player.index() == i && presses < 40 {
                press(&mut app, KeyCode::Char('n'));
                presses += 1;
                if i + 1 == lesson.steps.len() {
                    break;
                }
            }
        }
        assert!(app.lesson.as_ref().unwrap().player.is_last(), "{file}");
        // Past the end n stays on the last step and says so.
        let said = (0..40).any(|_| {
            press(&mut app, KeyCode::Char('n'));
            app.status
                .as_ref()
                .is_some_and(|s| s.text.contains("Last step of the lesson"))
        });
        assert!(said, "{file}");
        assert!(app.lesson.as_ref().unwrap().player.is_last(), "{file}");
    }
}

#[test]
fn a_step_marks_its_changes_and_the_question_comes_on_a_key() {
    let (mut app, _) = lesson_app(LESSONS[2]);
    press(&mut app, KeyCode::Char('n'));
    // Step 2: quality 75 → 70.
    assert_eq!(
        app.lesson_changed_fields(),
        vec![Field::Score(Category::Quality)]
    );
    assert_eq!(app.scenario().scores.quality, Some(70.0));
    let session = app.lesson.as_ref().unwrap();
    assert_eq!(session.player.revealed(), Revealed::Nothing);
    press(&mut app, KeyCode::Char('i'));
    assert_eq!(
        app.lesson.as_ref().unwrap().player.revealed(),
        Revealed::Question
    );
    press(&mut app, KeyCode::Char('i'));
    assert_eq!(
        app.lesson.as_ref().unwrap().player.revealed(),
        Revealed::Answer
    );
    // The strip hides and comes back.
    press(&mut app, KeyCode::Char('p'));
    assert!(app.lesson.as_ref().unwrap().strip_hidden);
    press(&mut app, KeyCode::Char('p'));
    assert!(!app.lesson.as_ref().unwrap().strip_hidden);
    // N goes back; the question of a step starts hidden.
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(app.lesson.as_ref().unwrap().player.index(), 0);
    assert_eq!(
        app.lesson.as_ref().unwrap().player.revealed(),
        Revealed::Nothing
    );
}

#[test]
fn free_edits_at_a_step_and_r_returns_to_the_script() {
    let (mut app, lesson) = lesson_app(LESSONS[0]);
    assert!(!app.off_script());
    focus(&mut app, Field::Score(Category::Cost));
    repeat(&mut app, KeyCode::Right, 5);
    assert!(app.off_script());
    assert_ne!(app.scenario(), &lesson.steps[0].scenario);
    press(&mut app, KeyCode::Char('r'));
    assert!(!app.off_script());
    assert_eq!(app.scenario(), &lesson.steps[0].scenario);
    // u brings the edits back.
    press(&mut app, KeyCode::Char('u'));
    assert!(app.off_script());
    // Moving on takes the next step's scenario whatever was edited.
    press(&mut app, KeyCode::Char('r'));
    let walk = app.result().trace.len();
    repeat(&mut app, KeyCode::Char('n'), walk);
    assert_eq!(app.lesson.as_ref().unwrap().player.index(), 1);
    assert_eq!(app.scenario(), &lesson.steps[1].scenario);
}

#[test]
fn on_the_walkthrough_n_steps_its_rules_before_the_lesson() {
    let (mut app, _) = lesson_app(LESSONS[0]);
    assert_eq!(app.view, View::Walkthrough);
    assert_eq!(app.walkthrough_step(), 0);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.walkthrough_step(), 1);
    assert_eq!(app.lesson.as_ref().unwrap().player.index(), 0);
    press(&mut app, KeyCode::Char('N'));
    assert_eq!(app.walkthrough_step(), 0);
    // At the first rule N goes to the step before (none here: it says so).
    press(&mut app, KeyCode::Char('N'));
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("First step of the lesson")
    );
}

#[test]
fn snapshot_lesson_step_120x40() {
    let (mut app, _) = lesson_app(LESSONS[2]);
    let t = drive(
        &mut app,
        120,
        40,
        &[KeyCode::Char('n'), KeyCode::Char('i')],
        &Theme::color(),
    );
    let text = screen_text(&t);
    assert!(
        text.contains("The cliff and the threshold · Step 2 of 8 · Just below the threshold"),
        "{text}"
    );
    assert!(text.contains("• Quality 75 → 70 costs 1.5 final-score points: 73.50, Negative"));
    assert!(text.contains("? What is the cut at a final score of 60?"));
    assert!(
        text.contains("*Quality"),
        "the changed field is marked:\n{text}"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn snapshot_lesson_step_80x24() {
    let (mut app, _) = lesson_app(LESSONS[2]);
    let t = drive(
        &mut app,
        80,
        24,
        &[KeyCode::Char('n'), KeyCode::Char('n')],
        &Theme::mono(),
    );
    let text = screen_text(&t);
    assert!(text.contains("Step 3 of 8"), "{text}");
    assert!(
        text.contains("• A quarter of the threshold, 18.75 points, is the cliff"),
        "{text}"
    );
    assert!(text.contains("i: ask the room"), "{text}");
    insta::assert_snapshot!(t.backend());
}

// ---- teaching notes ---------------------------------------------------------------------------

#[test]
fn an_opened_files_notes_show_in_the_picker_and_on_the_walkthroughs_first_step() {
    use mips_whatif::app::{Msg, Overlay};
    use mips_whatif::explorer::dispatch;
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let key = |app: &mut App, code: KeyCode| {
        dispatch(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    };
    let mut app = default_app();
    key(&mut app, KeyCode::Char('o'));
    for c in "cost-not".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    let Overlay::Open(picker) = &app.overlay else {
        panic!("the picker is open");
    };
    let (path, notes) = picker
        .preview
        .clone()
        .expect("the highlighted file's notes");
    assert_eq!(path, "scenarios/cost-not-scored.toml");
    let notes = notes.unwrap();
    assert!(notes.starts_with("A 40-clinician group whose cost category was not scored"));
    let t = drive(&mut app, 120, 40, &[], &Theme::color());
    assert!(
        screen_text(&t).contains("Teaches: cost is \"not scored\""),
        "{}",
        screen_text(&t)
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.notes.as_deref(), Some(notes.as_str()));
    app.view = View::Walkthrough;
    let t = drive(&mut app, 120, 40, &[], &Theme::color());
    let text = screen_text(&t);
    assert!(
        text.contains("About this scenario (from its file)"),
        "{text}"
    );
    assert!(text.contains("A 40-clinician group whose cost category was not scored"));
    // Not on the later steps.
    press(&mut app, KeyCode::Char('n'));
    let t = drive(&mut app, 120, 40, &[], &Theme::color());
    assert!(!screen_text(&t).contains("About this scenario"));
}

#[test]
fn a_step_whose_expected_results_the_rules_do_not_give_says_so_on_the_strip() {
    let text = r#"title = "Written for other rules"
[[steps]]
title = "One"
scenario = "../scenarios/cost-not-scored.toml"
talking_points = ["The final score is 90."]
question = "Is it?"
expect = { final_score = 90 }
"#;
    let lesson =
        mips_whatif::teaching::lesson::parse_lesson("x.toml", text, Path::new("lessons"), &rules())
            .unwrap();
    let mut app = app_with(lesson.steps[0].scenario.clone());
    app.start_lesson(lesson);
    let session = app.lesson.as_ref().unwrap();
    assert_eq!(
        session.mismatches,
        vec!["final score: the lesson expects 90.00, the rules give 85.50".to_string()]
    );
    let t = drive(&mut app, 120, 40, &[], &Theme::color());
    assert!(
        screen_text(&t)
            .contains("⚠ Written for other rules: final score: the lesson expects 90.00"),
        "{}",
        screen_text(&t)
    );
}
