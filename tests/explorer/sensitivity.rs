//! The Sensitivity view: state updates (the data follows the focused category, nudges, the
//! typed target and the band of maxima) and whole-screen snapshots.
//! Accept snapshot changes with `INSTA_UPDATE=always cargo test` and review the .snap diffs.

use crate::common;

use crate::common::*;
use mips_whatif::app::{App, Field, Level, Msg, SensitivityField, View};

use mips_whatif::rules::Category;
use mips_whatif::scenario::Scenario;
use mips_whatif::sensitivity::{Need, RangeKind, Target};
use mips_whatif::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

const COST: Field = Field::Score(Category::Cost);

fn open_view(app: &mut App) {
    for _ in 0..View::ALL.len() {
        if app.view == View::Sensitivity {
            return;
        }
        press(app, KeyCode::Char('v'));
    }
    assert_eq!(app.view, View::Sensitivity);
}

fn cliff_app() -> App {
    let path = std::path::Path::new("scenarios/pt4-cliff-18-75.toml");
    let s = Scenario::load(path, &rules()).expect("the example scenario is valid");
    App::new(
        rules(),
        mips_whatif::national::National::embedded(),
        s,
        Some(path.to_path_buf()),
    )
}

fn py2025_app() -> App {
    let path = std::path::Path::new("scenarios/py2025-projection-assumed-max.toml");
    let s = Scenario::load(path, &rules()).expect("the example scenario is valid");
    App::new(
        rules(),
        mips_whatif::national::National::embedded(),
        s,
        Some(path.to_path_buf()),
    )
}

/// The answer for a category and a target in the view's data.
fn need(app: &App, c: Category, t: Target) -> Need {
    let data = app
        .computed()
        .sensitivity
        .as_ref()
        .expect("the view's data");
    let ov = data.overview.as_ref().expect("the overview");
    ov.points_needed
        .iter()
        .find(|p| p.category == c && p.target.target == t)
        .expect("every category × target")
        .need
        .clone()
}

#[test]
fn the_data_is_computed_only_while_the_view_is_open() {
    let mut app = default_app();
    focus(&mut app, COST);
    assert!(app.computed().sensitivity.is_none());
    open_view(&mut app);
    let data = app
        .computed()
        .sensitivity
        .as_ref()
        .expect("computed on opening");
    assert_eq!(data.category, Category::Cost);
    assert_eq!(data.sweep.points.len(), 101);
    assert_eq!(data.uncertainty.len(), 101);
    // Back to Results: nothing more is computed on a change.
    press(&mut app, KeyCode::Char('V'));
    press(&mut app, KeyCode::Right);
    assert!(app.computed().sensitivity.is_none());
}

#[test]
fn the_chart_follows_the_focused_category_and_defaults_to_cost() {
    let mut app = default_app();
    open_view(&mut app);
    assert_eq!(
        app.computed().sensitivity.as_ref().unwrap().category,
        Category::Quality
    );
    focus(&mut app, Field::PerformanceYear);
    assert_eq!(
        app.computed().sensitivity.as_ref().unwrap().category,
        Category::Cost
    );
}

#[test]
fn nudging_cost_changes_points_needed_and_marginal_values() {
    let mut app = cliff_app();
    open_view(&mut app);
    focus(&mut app, Field::Score(Category::Quality));
    let before_need = need(
        &app,
        Category::ImprovementActivities,
        Target::FinalScore(80.0),
    );
    let before_marginal = app
        .computed()
        .sensitivity
        .as_ref()
        .unwrap()
        .overview
        .as_ref()
        .unwrap()
        .marginal[0]
        .clone();
    // Off the floor: the quality point is worth +2.31 pp now.
    assert!(
        before_marginal.adjustment_points > 2.0,
        "{before_marginal:?}"
    );
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.scenario().scores.quality, Some(47.5));
    let after_marginal = app
        .computed()
        .sensitivity
        .as_ref()
        .unwrap()
        .overview
        .as_ref()
        .unwrap()
        .marginal[0]
        .clone();
    assert_ne!(before_marginal, after_marginal);
    assert_ne!(
        before_need,
        need(
            &app,
            Category::ImprovementActivities,
            Target::FinalScore(80.0)
        )
    );

    // The built-in example: nudging cost moves what quality needs for the 89+ band.
    let mut app = default_app();
    open_view(&mut app);
    focus(&mut app, COST);
    let q_before = need(&app, Category::Quality, Target::TopBand);
    assert!(matches!(q_before, Need::Needs { .. }), "{q_before:?}");
    let m_before = app
        .computed()
        .sensitivity
        .as_ref()
        .unwrap()
        .overview
        .as_ref()
        .unwrap()
        .marginal[1]
        .clone();
    press(&mut app, KeyCode::Char(']'));
    // Cost 84.58 lifts the final score into 89+: quality no longer needs anything.
    let q_after = need(&app, Category::Quality, Target::TopBand);
    assert!(
        matches!(q_after, Need::AlreadyReached { .. }),
        "{q_after:?}"
    );
    let m_after = app
        .computed()
        .sensitivity
        .as_ref()
        .unwrap()
        .overview
        .as_ref()
        .unwrap()
        .marginal[1]
        .clone();
    assert_eq!(m_after.current, Some(84.58));
    assert_ne!(m_before.current, m_after.current);
}

#[test]
fn a_typed_target_final_score_is_solved_for() {
    let mut app = default_app();
    open_view(&mut app);
    press(&mut app, KeyCode::Char('T'));
    assert_eq!(
        app.sensitivity.edit.as_ref().map(|e| e.field),
        Some(SensitivityField::Target)
    );
    type_text(&mut app, "95");
    press(&mut app, KeyCode::Enter);
    assert!(app.sensitivity.edit.is_none());
    assert_eq!(app.sensitivity.target, 95.0);
    assert_eq!(app.computed().sensitivity.as_ref().unwrap().target, 95.0);
    assert!(matches!(
        need(&app, Category::Quality, Target::FinalScore(95.0)),
        Need::Needs { .. } | Need::NotReachable { .. }
    ));
    // Out of range: kept open with the reason.
    press(&mut app, KeyCode::Char('T'));
    type_text(&mut app, "120");
    press(&mut app, KeyCode::Enter);
    let e = app.sensitivity.edit.as_ref().expect("still typing");
    assert!(
        e.error
            .as_deref()
            .unwrap_or("")
            .contains("not a final score")
    );
    press(&mut app, KeyCode::Esc);
    assert!(app.sensitivity.edit.is_none());
    assert_eq!(app.sensitivity.target, 95.0);
    // The target is not part of the scenario.
    assert!(!app.is_modified());
}

#[test]
fn editing_the_band_of_maxima_updates_the_range_and_rejects_low_above_high() {
    let mut app = default_app();
    open_view(&mut app);
    assert_eq!(app.computed().uncertainty.kind, RangeKind::Positive);
    let high_before = app.computed().uncertainty.high_percent;
    press(&mut app, KeyCode::Char('M'));
    type_text(&mut app, "3");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.sensitivity.max_range.high, 3.0);
    assert!(app.computed().uncertainty.high_percent > high_before);
    assert_eq!(app.computed().uncertainty.max_high, 3.0);

    // Low above high: refused, said inline and in the status bar; nothing changes.
    press(&mut app, KeyCode::Char('m'));
    type_text(&mut app, "3.5");
    press(&mut app, KeyCode::Enter);
    let e = app.sensitivity.edit.as_ref().expect("still typing");
    assert_eq!(e.error.as_deref(), Some("low 3.5% is above high 3%"));
    assert_eq!(app.status.as_ref().map(|s| s.level), Some(Level::Error));
    assert_eq!(app.sensitivity.max_range.low, 1.05);
    // Above 3 × AP (27% in PY2024): refused.
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut app, "30");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.sensitivity
            .edit
            .as_ref()
            .and_then(|e| e.error.clone())
            .unwrap_or_default()
            .contains("outside 0–27%")
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.sensitivity.max_range.low, 1.05);
    // q while typing does not quit.
    press(&mut app, KeyCode::Char('m'));
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.should_quit);
    press(&mut app, KeyCode::Esc);
}

#[test]
fn the_view_keys_do_nothing_in_the_results_view() {
    let mut app = default_app();
    press(&mut app, KeyCode::Char('m'));
    assert!(app.sensitivity.edit.is_none());
    assert_eq!(app.view, View::Results);
}

fn to_sensitivity() -> Vec<KeyCode> {
    let n = View::ALL
        .iter()
        .position(|v| *v == View::Sensitivity)
        .unwrap_or(0);
    vec![KeyCode::Char('v'); n]
}

#[test]
fn sensitivity_default_group_cost_120x40() {
    let mut app = default_app();
    let mut keys = vec![KeyCode::Tab];
    keys.extend(to_sensitivity());
    let t = drive(&mut app, 120, 40, &keys);
    assert_follows_cost(&app, &t);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn sensitivity_default_group_cost_80x24() {
    let mut app = default_app();
    let mut keys = vec![KeyCode::Tab];
    keys.extend(to_sensitivity());
    let t = drive(&mut app, 80, 24, &keys);
    assert_follows_cost(&app, &t);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn sensitivity_pt4_cliff_120x40() {
    let mut app = cliff_app();
    let t = drive(&mut app, 120, 40, &to_sensitivity());
    assert_at_the_cliff(&app, &t);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn sensitivity_pt4_cliff_80x24() {
    let mut app = cliff_app();
    let t = drive(&mut app, 80, 24, &to_sensitivity());
    assert_at_the_cliff(&app, &t);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn sensitivity_low_above_high_is_refused_inline_80x24() {
    let mut app = default_app();
    let mut keys = to_sensitivity();
    keys.extend([
        KeyCode::Char('M'),
        KeyCode::Char('0'),
        KeyCode::Char('.'),
        KeyCode::Char('5'),
        KeyCode::Enter,
    ]);
    let t = drive(&mut app, 80, 24, &keys);
    let text = screen_text(&t);
    assert!(text.contains("✗ high 0.5% is below low 1.05%"), "{text}");
    assert!(
        app.sensitivity.edit.is_some(),
        "the typed value stays to be fixed"
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn results_py2025_leads_with_the_range_120x40() {
    let mut app = py2025_app();
    assert!(app.computed().uncertainty.primary);
    insta::assert_snapshot!(drive(&mut app, 120, 40, &[]).backend());
}

/// The view follows the focused category (Cost): its title and its rows in the tables.
fn assert_follows_cost(app: &App, t: &Terminal<TestBackend>) {
    assert_eq!(app.focus, Field::Score(Category::Cost));
    let text = screen_text(t);
    assert!(text.contains("Sensitivity — Cost 0→100"), "{text}");
    assert!(
        text.contains("▸Cost"),
        "the focused category's rows are marked: {text}"
    );
}

/// At the cliff the view starts from the current score, a quarter of the threshold.
fn assert_at_the_cliff(app: &App, t: &Terminal<TestBackend>) {
    assert_eq!(shown_score(app), "18.75");
    let text = screen_text(t);
    assert!(text.contains("◆ now Quality 37.5 → final score"), "{text}");
    assert!(text.contains("-9.00%"), "{text}");
}

fn drive(app: &mut App, w: u16, h: u16, codes: &[KeyCode]) -> Terminal<TestBackend> {
    common::drive(app, w, h, codes, &Theme::color())
}

fn library_app(file: &str) -> App {
    let path = std::path::Path::new("scenarios").join(file);
    let s = Scenario::load(&path, &rules()).expect("the library scenario is valid");
    App::new(
        rules(),
        mips_whatif::national::National::embedded(),
        s,
        Some(path),
    )
}

/// What the library answers for one measure of the app's scenario and one target.
fn library_need(
    app: &App,
    m: &mips_whatif::sensitivity::measure::MeasureRef,
    t: Target,
) -> mips_whatif::sensitivity::measure::MeasureNeed {
    let rules = app.year_rules();
    let t = mips_whatif::sensitivity::resolve_target(rules, t).unwrap();
    mips_whatif::sensitivity::measure::measure_needed(app.scenario(), rules, m, &t).0
}

#[test]
fn each_measure_shows_its_worth_and_what_each_target_needs_cheapest_lever_first() {
    let mut app = library_app("small-practice-six-mips-cqms.toml");
    // Cost (a percent here) focused: nudging it moves every measure's answers.
    let mut keys = vec![KeyCode::Tab];
    keys.extend(to_sensitivity());
    let t = drive(&mut app, 120, 40, &keys);
    assert_eq!(app.focus, COST);
    let data = app
        .computed()
        .sensitivity
        .as_ref()
        .expect("the view's data");
    assert_eq!(
        data.measures_total, 6,
        "the six quality measures have rates"
    );
    assert_eq!(data.measures.len(), 6, "all six fit at 120×40");
    // The cheapest lever first: the final score one more step gains never rises down the list.
    let gains: Vec<f64> = data.measures.iter().map(|w| w.final_score_gain()).collect();
    assert!(gains.windows(2).all(|g| g[0] >= g[1]), "{gains:?}");
    assert!(gains[0] > 0.0);
    // Each answer is the library's (sweep/solve --measure), typed target included.
    let targets = [
        Target::Neutral,
        Target::Positive,
        Target::TopBand,
        Target::FinalScore(app.sensitivity.target),
    ];
    for w in &data.measures {
        assert_eq!(w.needs.len(), 4);
        for (k, t) in targets.iter().enumerate() {
            assert_eq!(
                w.needs[k].1,
                library_need(&app, &w.measure, *t),
                "{}",
                w.measure.id
            );
        }
    }
    let screen = common::screen_text(&t);
    assert!(screen.contains("Per measure"), "{screen}");
    assert!(screen.contains("≥ 80"), "the typed target is a column");
    // A nudge of cost: the answers follow (the final score moved, so what a target needs did).
    let before = data.measures.clone();
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    let data = app.computed().sensitivity.as_ref().unwrap();
    assert_ne!(before, data.measures);
    for w in &data.measures {
        for (k, t) in targets.iter().enumerate() {
            assert_eq!(
                w.needs[k].1,
                library_need(&app, &w.measure, *t),
                "{}",
                w.measure.id
            );
        }
    }
    // A typed target: its column follows.
    press(&mut app, KeyCode::Char('T'));
    for c in ['9', '0'] {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.sensitivity.target, 90.0);
    let data = app.computed().sensitivity.as_ref().unwrap();
    for w in &data.measures {
        assert_eq!(w.needs[3].0, "≥ 90");
        assert_eq!(
            w.needs[3].1,
            library_need(&app, &w.measure, Target::FinalScore(90.0))
        );
    }
}

#[test]
fn a_short_screen_lists_fewer_measures_and_works_out_only_those() {
    let mut app = library_app("small-practice-six-mips-cqms.toml");
    let mut keys = vec![KeyCode::Tab];
    keys.extend(to_sensitivity());
    let t = drive(&mut app, 80, 24, &keys);
    let data = app.computed().sensitivity.as_ref().unwrap();
    assert_eq!(data.measures_total, 6);
    assert_eq!(data.measures.len(), 2, "only the rows a short screen shows");
    let _ = t;
    // The window made taller: the rows it now has room for are worked out at once, with no
    // edit needed.
    app.update(Msg::Resize(120, 40));
    let data = app.computed().sensitivity.as_ref().unwrap();
    assert_eq!(data.measures.len(), 6, "every measure fits at 120×40");
    app.update(Msg::Resize(80, 24));
    let data = app.computed().sensitivity.as_ref().unwrap();
    assert_eq!(data.measures.len(), 2);
}

#[test]
fn sensitivity_six_cqms_per_measure_120x40() {
    let mut app = library_app("small-practice-six-mips-cqms.toml");
    let mut keys = vec![KeyCode::Tab];
    keys.extend(to_sensitivity());
    let t = drive(&mut app, 120, 40, &keys);
    let screen = common::screen_text(&t);
    assert!(screen.contains("cheapest lever first"));
    insta::assert_snapshot!(t.backend());
}

#[test]
fn sensitivity_cost_measures_show_the_reduction_in_dollars_and_percent_120x40() {
    let mut app = library_app("specialist-cost-decides.toml");
    let t = drive(&mut app, 120, 40, &to_sensitivity());
    let data = app.computed().sensitivity.as_ref().unwrap();
    assert!(
        data.measures
            .iter()
            .all(|w| w.measure.category == Category::Cost)
    );
    let screen = common::screen_text(&t);
    assert!(screen.contains("next decile"), "{screen}");
    insta::assert_snapshot!(t.backend());
}
