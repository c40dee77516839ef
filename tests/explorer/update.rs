//! The explorer's state updates: keys in, recomputed results out (no terminal involved).

use crate::common::*;
use mips_whatif::app::{Effect, Field, Level, Msg, Overlay, Purpose};
use mips_whatif::diagnostic::Diagnostic;
use mips_whatif::engine::Band;
use mips_whatif::files::SaveError;
use mips_whatif::national::{Group, ReportingStatus};
use mips_whatif::rules::{Category, Confidence, Weights};
use mips_whatif::scenario::{Participation, ReportingOption, Scenario};
use ratatui::crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};

const COST: Field = Field::Score(Category::Cost);
const QUALITY: Field = Field::Score(Category::Quality);
const IA: Field = Field::Score(Category::ImprovementActivities);
const PI: Field = Field::Score(Category::PromotingInteroperability);

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn small_practice() -> Scenario {
    let mut s = Scenario::default_group();
    s.practice.clinicians = 8;
    s
}

#[test]
fn ten_cost_nudges_raise_a_large_group_by_three_points() {
    let mut app = default_app();
    let before = final_score(&app);
    focus(&mut app, COST);
    repeat(&mut app, KeyCode::Right, 10);
    assert_eq!(app.scenario().scores.cost, Some(84.58));
    assert!(
        close(final_score(&app) - before, 3.0),
        "{} → {}",
        before,
        final_score(&app)
    );
    // And back down with the big step.
    press(&mut app, KeyCode::Char('['));
    assert!(close(final_score(&app), before));
}

#[test]
fn steps_are_1_10_and_0_1_and_clamp_at_the_ends() {
    let mut app = default_app();
    focus(&mut app, QUALITY);
    press(&mut app, KeyCode::Char('>'));
    assert_eq!(app.scenario().scores.quality, Some(78.89));
    press(&mut app, KeyCode::Char('<'));
    press(&mut app, KeyCode::Char('-'));
    assert_eq!(app.scenario().scores.quality, Some(77.79));
    press(&mut app, KeyCode::PageUp);
    assert_eq!(app.scenario().scores.quality, Some(87.79));
    press_with(&mut app, KeyCode::Right, KeyModifiers::SHIFT);
    assert_eq!(app.scenario().scores.quality, Some(97.79));
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(
        app.scenario().scores.quality,
        Some(100.0),
        "clamped, not wrapped"
    );
    press(&mut app, KeyCode::Right);
    assert_eq!(app.scenario().scores.quality, Some(100.0));
    let msg = app.status.clone().expect("a message at the limit");
    assert!(msg.text.contains("maximum"), "{}", msg.text);
    press(&mut app, KeyCode::Home);
    assert_eq!(app.scenario().scores.quality, Some(0.0));
    press(&mut app, KeyCode::Left);
    assert_eq!(app.scenario().scores.quality, Some(0.0));
}

#[test]
fn pi_not_scored_on_a_small_practice_gives_40_30_30_0() {
    let mut app = app_with(small_practice());
    focus(&mut app, PI);
    press(&mut app, KeyCode::Char(' '));
    let r = app.result();
    assert_eq!(app.scenario().scores.promoting_interoperability, None);
    assert_eq!(
        r.weights,
        Weights {
            quality: 40.0,
            cost: 30.0,
            improvement_activities: 30.0,
            promoting_interoperability: 0.0
        }
    );
    assert!(
        r.weights_reason.contains("small practice"),
        "{}",
        r.weights_reason
    );
    assert_eq!(r.weights_confidence, Confidence::Confirmed);
    // Space again scores it at its last value: not scored is not 0.
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(
        app.scenario().scores.promoting_interoperability,
        Some(100.0)
    );
}

#[test]
fn not_scored_differs_from_zero() {
    let mut app = default_app();
    focus(&mut app, COST);
    press(&mut app, KeyCode::Char(' '));
    let not_scored = app.result().clone();
    assert_eq!(not_scored.weights.cost, 0.0);
    type_text(&mut app, "0");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.scenario().scores.cost, Some(0.0));
    assert_eq!(app.result().weights.cost, 30.0);
    assert!(app.result().final_score < not_scored.final_score - 20.0);
    // Nudging a category that is not scored explains instead of guessing a value.
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Right);
    assert_eq!(app.scenario().scores.cost, None);
    assert!(app.status.as_ref().unwrap().text.contains("not scored"));
}

#[test]
fn typing_updates_on_every_digit_and_enter_keeps_it() {
    let mut app = default_app();
    focus(&mut app, COST);
    type_text(&mut app, "9");
    assert_eq!(app.scenario().scores.cost, Some(9.0));
    type_text(&mut app, "0");
    assert_eq!(app.scenario().scores.cost, Some(90.0));
    assert!(close(final_score(&app), 23.637 + 27.0 + 40.0));
    press(&mut app, KeyCode::Enter);
    assert!(app.edit.is_none());
    // Backspace edits the current value.
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.scenario().scores.cost, Some(9.0));
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.scenario().scores.cost,
        Some(90.0),
        "Esc cancels the typing"
    );
    assert!(
        !app.should_quit,
        "Esc while typing cancels, it does not quit"
    );
}

#[test]
fn an_invalid_typed_value_keeps_the_last_result_and_says_why() {
    let mut app = default_app();
    focus(&mut app, COST);
    type_text(&mut app, "12");
    let at_12 = app.result().clone();
    type_text(&mut app, "0");
    let edit = app.edit.as_ref().expect("still typing");
    assert_eq!(edit.text, "120");
    let err = edit.error.as_ref().expect("an inline message");
    assert!(err.contains("0–100"), "{err}");
    assert_eq!(app.scenario().scores.cost, Some(12.0));
    assert_eq!(app.result(), &at_12, "the last valid result stays");
    // Enter does not accept it; moving away is refused with the reason.
    press(&mut app, KeyCode::Enter);
    assert!(app.edit.is_some());
    assert_eq!(app.status.as_ref().unwrap().level, Level::Error);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, COST);
    // q is not quit while typing.
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.should_quit);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.scenario().scores.cost, Some(12.0));
    type_text(&mut app, "1.2.3");
    assert!(app.edit.as_ref().unwrap().error.is_some());
}

#[test]
fn a_year_can_be_typed_digit_by_digit() {
    let mut app = default_app();
    focus(&mut app, Field::PerformanceYear);
    for (c, incomplete) in [('2', true), ('0', true), ('2', true)] {
        type_text(&mut app, &c.to_string());
        let e = app.edit.as_ref().unwrap();
        assert_eq!(e.incomplete, incomplete);
        assert!(e.error.is_none(), "no error while the year is being typed");
        assert_eq!(app.scenario().performance_year, 2024);
    }
    type_text(&mut app, "2");
    assert_eq!(app.scenario().performance_year, 2022);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.result().payment_year, 2024);
}

#[test]
fn undo_and_redo() {
    let mut app = default_app();
    let start = app.scenario().clone();
    focus(&mut app, COST);
    repeat(&mut app, KeyCode::Right, 3); // one step: a run of nudges
    type_text(&mut app, "50");
    press(&mut app, KeyCode::Enter); // a second step
    focus(&mut app, Field::Rural);
    press(&mut app, KeyCode::Char(' ')); // a third
    assert!(app.scenario().practice.rural);

    press(&mut app, KeyCode::Char('u'));
    assert!(!app.scenario().practice.rural);
    assert!(app.status.as_ref().unwrap().text.contains("Rural"));
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.scenario().scores.cost, Some(77.58));
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.scenario(), &start);
    assert_eq!(app.result().final_score, default_app().result().final_score);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.status.as_ref().unwrap().text, "Nothing to undo");

    ctrl(&mut app, 'r');
    assert_eq!(app.scenario().scores.cost, Some(77.58));
    ctrl(&mut app, 'r');
    assert_eq!(app.scenario().scores.cost, Some(50.0));
    assert!(close(final_score(&app), 23.637 + 15.0 + 40.0));
    // A new edit clears what could be redone.
    focus(&mut app, QUALITY);
    press(&mut app, KeyCode::Right);
    ctrl(&mut app, 'r');
    assert_eq!(app.status.as_ref().unwrap().text, "Nothing to redo");
}

#[test]
fn baseline_deltas_and_reset() {
    let mut app = default_app();
    press(&mut app, KeyCode::Char('b'));
    let base = app.baseline.as_ref().expect("pinned").result.clone();
    focus(&mut app, COST);
    repeat(&mut app, KeyCode::Right, 10);
    let now = app.result();
    assert!(close(now.final_score - base.final_score, 3.0));
    assert!(now.payment_adjustment_percent > base.payment_adjustment_percent);
    assert!(now.dollar_impact.unwrap() > base.dollar_impact.unwrap());
    // The chart knows both bars: now 89+, the baseline positive.
    assert_eq!(app.computed().chart.highlighted, Some(Band::Positive89Plus));
    assert_eq!(app.computed().chart.baseline_bar, Some(Band::Positive));

    press(&mut app, KeyCode::Char('B'));
    assert_eq!(app.scenario(), &app.baseline.as_ref().unwrap().scenario);
    assert_eq!(app.result().final_score, base.final_score);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(
        app.scenario().scores.cost,
        Some(84.58),
        "back to baseline is undoable"
    );
    press(&mut app, KeyCode::Char('x'));
    assert!(app.baseline.is_none());
    assert_eq!(app.computed().chart.baseline_bar, None);
}

#[test]
fn the_year_offers_only_what_it_allows() {
    let mut app = default_app();
    focus(&mut app, Field::ReportingOption);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.scenario().reporting_option, ReportingOption::Mvp);
    focus(&mut app, Field::Participation);
    press(&mut app, KeyCode::Right); // group → subgroup (offered under an MVP)
    assert_eq!(
        app.scenario().practice.participation,
        Participation::Subgroup
    );
    focus(&mut app, Field::PerformanceYear);
    repeat(&mut app, KeyCode::Left, 2); // PY2022: no MVPs
    assert_eq!(app.scenario().performance_year, 2022);
    assert_eq!(
        app.scenario().reporting_option,
        ReportingOption::Traditional
    );
    assert_eq!(app.scenario().practice.participation, Participation::Group);
    let msg = app.status.clone().unwrap();
    assert_eq!(msg.level, Level::Warning);
    assert!(msg.text.contains("no MVPs"), "{}", msg.text);
    // PY2022 offers traditional and the APP only, and the choice clamps at the ends.
    focus(&mut app, Field::ReportingOption);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.scenario().reporting_option, ReportingOption::App);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.scenario().reporting_option, ReportingOption::App);
    // The exceptional bonus field appears for PY2022, the max-positive assumption for 2025.
    assert!(app.fields().contains(&Field::ExceptionalBonusMax));
    assert!(!app.fields().contains(&Field::MaxPositive));
    focus(&mut app, Field::PerformanceYear);
    press(&mut app, KeyCode::End);
    assert_eq!(app.scenario().performance_year, 2026);
    assert!(app.fields().contains(&Field::MaxPositive));
    assert!(!app.fields().contains(&Field::ExceptionalBonusMax));
    press(&mut app, KeyCode::Right);
    assert_eq!(
        app.scenario().performance_year,
        2026,
        "clamped at the last year"
    );
}

#[test]
fn fields_the_rules_ignore_say_why() {
    // Under the APP, IA gets full credit and cost is not scored.
    let mut app = default_app();
    focus(&mut app, Field::ReportingOption);
    press(&mut app, KeyCode::End);
    assert_eq!(app.scenario().reporting_option, ReportingOption::App);
    focus(&mut app, IA);
    let before = app.result().final_score;
    type_text(&mut app, "10");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.result().final_score,
        before,
        "IA is full credit under the APP"
    );
    let msg = app.status.clone().expect("the edit is explained");
    assert_eq!(msg.level, Level::Warning);
    assert!(msg.text.contains("full credit"), "{}", msg.text);
    let note = mips_whatif::app::field_note(&app, COST);
    assert!(note.ignored && note.text.contains("APP"), "{}", note.text);

    // A non-reporting clinician: quality, IA and PI score 0 whatever is entered.
    let mut app = default_app();
    focus(&mut app, Field::Reporting);
    press(&mut app, KeyCode::Char(' '));
    assert!(!app.scenario().practice.reporting);
    focus(&mut app, QUALITY);
    let before = app.result().final_score;
    press(&mut app, KeyCode::Right);
    assert_eq!(app.result().final_score, before);
    assert!(app.status.as_ref().unwrap().text.contains("Non-reporting"));

    // PY2017 has no cost weight and no complex patient bonus.
    let mut s = Scenario::default_group();
    s.performance_year = 2017;
    let app = app_with(s);
    assert!(mips_whatif::app::field_note(&app, COST).ignored);
    assert!(mips_whatif::app::field_note(&app, Field::ComplexPatientBonus).ignored);
}

#[test]
fn a_bonus_above_the_new_years_maximum_is_lowered_with_a_message() {
    let mut app = default_app();
    focus(&mut app, Field::ComplexPatientBonus);
    press(&mut app, KeyCode::End);
    assert_eq!(app.scenario().complex_patient_bonus, 10.0);
    focus(&mut app, Field::PerformanceYear);
    repeat(&mut app, KeyCode::Left, 5); // PY2019: maximum 5
    assert_eq!(app.scenario().performance_year, 2019);
    assert_eq!(app.scenario().complex_patient_bonus, 5.0);
    assert!(mips_whatif::scenario::check(app.scenario(), &app.rules).is_empty());
}

#[test]
fn assumptions_for_unpublished_years_are_flagged_and_editable() {
    let mut s = Scenario::default_group();
    s.performance_year = 2025;
    let mut app = app_with(s);
    assert!(app.result().is_assumption_based());
    assert!(!app.result().assumptions.is_empty());
    focus(&mut app, Field::MaxPositive);
    press(&mut app, KeyCode::Right); // from the default 1.05 to 1.15
    assert_eq!(
        app.scenario().assumptions.max_positive_adjustment,
        Some(1.15)
    );
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.scenario().assumptions.max_positive_adjustment, None);
}

#[test]
fn focus_moves_wrap_with_tab_and_clamp_with_arrows() {
    let mut app = default_app();
    assert_eq!(app.focus, QUALITY);
    press(&mut app, KeyCode::Up);
    assert_eq!(app.focus, QUALITY);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus, *app.fields().last().unwrap());
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, QUALITY);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.focus, COST);
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.focus, QUALITY);
}

#[test]
fn only_key_presses_count_and_quitting_works() {
    let mut app = default_app();
    let mut release = key_event(KeyCode::Right, KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    app.update(Msg::Key(release));
    assert_eq!(app.scenario(), &Scenario::default_group());
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit);

    // Esc never quits: it closes or cancels, and on the main screen says how to quit.
    let mut app = default_app();
    press(&mut app, KeyCode::Esc);
    assert!(!app.should_quit);
    assert!(app.status.as_ref().unwrap().text.contains("q quits"));

    // Ctrl-C while typing: the typed value is unsaved work, so it asks; twice quits at once.
    let mut app = default_app();
    focus(&mut app, COST);
    type_text(&mut app, "5");
    ctrl(&mut app, 'c');
    assert!(!app.should_quit);
    assert!(matches!(app.overlay, Overlay::QuitGuard { .. }));
    ctrl(&mut app, 'c');
    assert!(app.should_quit, "Ctrl-C twice quits at once");
}

#[test]
fn help_overlay_takes_the_keys_until_closed() {
    let mut app = default_app();
    press(&mut app, KeyCode::Char('?'));
    assert!(matches!(app.overlay, Overlay::Help { .. }));
    press(&mut app, KeyCode::Right);
    assert_eq!(app.scenario(), &Scenario::default_group());
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.overlay, Overlay::None);
    assert!(!app.should_quit, "q closes the help first");
}

#[test]
fn chart_group_cycles_and_names_the_data_year() {
    let mut app = default_app();
    assert_eq!(app.chart_group.group, Group::All);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.chart_group.group, Group::Small);
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.chart_group.reporting, ReportingStatus::Reporting);
    let shares = app.computed().chart.shares.as_ref().unwrap();
    assert_eq!(
        (shares.group, shares.reporting, shares.performance_year),
        (Group::Small, ReportingStatus::Reporting, 2024)
    );
    // PY2023 has overall data for all clinicians only: small practices show PY2024's.
    focus(&mut app, Field::PerformanceYear);
    press(&mut app, KeyCode::Left);
    assert_eq!(
        app.computed()
            .chart
            .shares
            .as_ref()
            .unwrap()
            .performance_year,
        2024
    );
    // All clinicians, overall, PY2023: four bands, the positive one covers 89+.
    let mut s = Scenario::default_group();
    s.performance_year = 2023;
    s.scores.cost = Some(100.0);
    let app = app_with(s);
    let shares = app.computed().chart.shares.as_ref().unwrap();
    assert_eq!(shares.performance_year, 2023);
    assert_eq!(app.result().band, Band::Positive89Plus);
    assert_eq!(app.computed().chart.highlighted, Some(Band::Positive));
}

#[test]
fn the_chart_starts_on_the_practices_own_group() {
    let mut s = Scenario::default_group();
    s.practice.clinicians = 1;
    assert_eq!(app_with(s).chart_group.group, Group::Solo);
    assert_eq!(app_with(small_practice()).chart_group.group, Group::Small);
}

#[test]
fn mouse_click_focuses_and_wheel_nudges() {
    let mut app = default_app();
    app.update(Msg::Click(Field::Clinicians));
    assert_eq!(app.focus, Field::Clinicians);
    app.update(Msg::Scroll {
        field: Some(COST),
        up: true,
    });
    assert_eq!(app.focus, COST);
    assert_eq!(app.scenario().scores.cost, Some(75.58));
    app.update(Msg::Scroll {
        field: None,
        up: false,
    });
    assert_eq!(app.scenario().scores.cost, Some(74.58));
}

#[test]
fn save_asks_for_a_name_and_before_overwriting() {
    let mut app = default_app();
    assert!(press(&mut app, KeyCode::Char('s')).is_empty());
    assert!(matches!(&app.overlay, Overlay::Name(p) if p.purpose == Purpose::Save));
    ctrl(&mut app, 'u');
    type_text(&mut app, "out/my plan");
    // A new file: the scenario's name is asked too, proposed from the file's name (the
    // built-in example's name would mislabel the saved file).
    assert!(press(&mut app, KeyCode::Enter).is_empty());
    assert!(
        matches!(&app.overlay, Overlay::Name(p) if p.purpose == Purpose::ScenarioName && p.input == "My plan"),
        "{:?}",
        app.overlay
    );
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(app.scenario().name.as_deref(), Some("My plan"));
    let [
        Effect::Write {
            purpose: Purpose::Save,
            path,
            overwrite,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("expected one save, got {effects:?}");
    };
    assert_eq!(path.to_str(), Some("out/my plan.toml"));
    assert!(!overwrite);
    // The file exists: ask.
    app.update(Msg::Written {
        purpose: Purpose::Save,
        result: Err(SaveError::Exists(path.clone())),
        contents: String::new(),
    });
    assert!(matches!(
        app.overlay,
        Overlay::Replace {
            purpose: Purpose::Save,
            ..
        }
    ));
    press(&mut app, KeyCode::Char('n'));
    assert!(
        matches!(&app.overlay, Overlay::Name(p) if p.purpose == Purpose::Save),
        "back to choosing a name"
    );
    let effects = press(&mut app, KeyCode::Enter);
    app.update(Msg::Written {
        purpose: Purpose::Save,
        result: Err(SaveError::Exists(path.clone())),
        contents: String::new(),
    });
    let effects2 = press(&mut app, KeyCode::Char('y'));
    assert!(matches!(
        effects.as_slice(),
        [Effect::Write {
            purpose: Purpose::Save,
            overwrite: false,
            ..
        }]
    ));
    assert!(matches!(
        effects2.as_slice(),
        [Effect::Write {
            purpose: Purpose::Save,
            overwrite: true,
            ..
        }]
    ));
    app.update(Msg::Written {
        purpose: Purpose::Save,
        result: Ok(std::path::PathBuf::from("/abs/out/my plan.toml")),
        contents: String::new(),
    });
    assert_eq!(app.overlay, Overlay::None);
    assert!(!app.is_modified());
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("/abs/out/my plan.toml")
    );
}

#[test]
fn a_file_that_fails_validation_opens_nothing() {
    let mut app = default_app();
    focus(&mut app, COST);
    press(&mut app, KeyCode::Right);
    let current = app.scenario().clone();
    let effects = press(&mut app, KeyCode::Char('o'));
    assert_eq!(effects, vec![Effect::ListScenarios]);
    app.update(Msg::Listed(Ok(vec!["scenarios/a.toml".into()])));
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(
        effects,
        vec![Effect::Open(std::path::PathBuf::from("scenarios/a.toml"))]
    );
    let d = Diagnostic::file("scenarios/a.toml", "scores.quality: 120 is out of range");
    app.update(Msg::Opened {
        path: "scenarios/a.toml".into(),
        result: Err(d),
    });
    assert!(matches!(app.overlay, Overlay::FileError { .. }));
    assert_eq!(app.scenario(), &current, "the current state is kept");
    assert_eq!(app.status.as_ref().unwrap().level, Level::Error);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn opening_a_file_replaces_the_scenario_and_can_be_undone() {
    let mut app = default_app();
    let mut other = small_practice();
    other.name = Some("Other".into());
    app.update(Msg::Opened {
        path: "x.toml".into(),
        result: Ok(other.clone()),
    });
    assert_eq!(app.scenario(), &other);
    assert_eq!(app.file.as_deref(), Some(std::path::Path::new("x.toml")));
    assert!(!app.is_modified());
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(app.scenario(), &Scenario::default_group());
}

#[test]
fn the_open_picker_filters_and_takes_typed_paths() {
    let mut app = default_app();
    press(&mut app, KeyCode::Char('o'));
    app.update(Msg::Listed(Ok(vec![
        "scenarios/a-small.toml".into(),
        "scenarios/b-large.toml".into(),
    ])));
    type_text(&mut app, "large");
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        vec![Effect::Open("scenarios/b-large.toml".into())]
    );
    let mut app = default_app();
    press(&mut app, KeyCode::Char('o'));
    app.update(Msg::Listed(Ok(vec!["scenarios/a.toml".into()])));
    type_text(&mut app, "/tmp/elsewhere.toml");
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        vec![Effect::Open("/tmp/elsewhere.toml".into())]
    );
}

#[test]
fn every_key_on_every_field_keeps_the_scenario_valid() {
    // A crude fuzz: every key on every field of several scenarios, checking the invariants.
    let keys = [
        KeyCode::Right,
        KeyCode::Left,
        KeyCode::Char(']'),
        KeyCode::Char('['),
        KeyCode::Char('>'),
        KeyCode::Char(' '),
        KeyCode::End,
        KeyCode::Home,
        KeyCode::Char('9'),
        KeyCode::Char('.'),
        KeyCode::Backspace,
        KeyCode::Enter,
        KeyCode::Esc,
    ];
    for year in [2017, 2018, 2021, 2022, 2023, 2025] {
        let mut s = Scenario::default_group();
        s.performance_year = year;
        let mut app = app_with(s);
        for _ in 0..app.fields().len() {
            for k in keys {
                press(&mut app, k);
                if app.should_quit {
                    app.should_quit = false;
                }
                let problems = mips_whatif::scenario::check(app.scenario(), &app.rules);
                assert!(
                    problems.is_empty(),
                    "PY{year} {:?} {k:?}: {problems:?}",
                    app.focus
                );
                assert!(app.result().final_score.is_finite());
            }
            if app.edit.is_some() {
                press(&mut app, KeyCode::Esc);
            }
            press(&mut app, KeyCode::Tab);
        }
    }
}
