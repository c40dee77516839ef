//! The Measures view: its state through the update function (select, nudge, type, undo, the
//! percent / measures switch, add through the picker, remove), saving its measures, and
//! snapshots at 120×40 and 80×24.

use crate::common::*;
use mips_whatif::app::{App, Effect, Field, Msg, View};
use mips_whatif::builders::quality::Performance;
use mips_whatif::rules::Category;
use mips_whatif::scenario::Scenario;
use mips_whatif::ui::Theme;
use ratatui::crossterm::event::KeyCode;

fn six_cqms() -> App {
    let path = std::path::Path::new("scenarios/small-practice-six-mips-cqms.toml");
    let s = Scenario::load(path, &rules()).expect("the library scenario is valid");
    let mut app = app_with(s);
    press(&mut app, KeyCode::F(10));
    assert_eq!(app.view, View::Measures);
    app
}

fn quality(app: &App) -> f64 {
    app.result()
        .category(Category::Quality)
        .score
        .expect("quality is scored")
}

fn rate(app: &App, index: usize) -> Performance {
    app.scenario().measures.quality.as_ref().unwrap().measures[index].performance
}

#[test]
fn the_view_lists_the_focused_categorys_measures_with_their_points() {
    let mut app = six_cqms();
    app.update(Msg::Resize(120, 40));
    let data = app.measures_view.data.as_ref().expect("the view's data");
    assert_eq!(data.category, Category::Quality);
    assert!(data.from_measures);
    let ids: Vec<&str> = data.rows.iter().map(|r| r.score.id.as_str()).collect();
    assert_eq!(&ids[..6], &["001", "236", "134", "226", "047", "130"]);
    assert!((quality(&app) - 65.09).abs() < 0.01, "{}", quality(&app));
}

#[test]
fn nudging_a_rate_moves_points_category_and_final_score_and_undo_puts_it_back() {
    let mut app = six_cqms();
    // 134 at 61.2%: the third row.
    repeat(&mut app, KeyCode::Down, 2);
    let before_final = final_score(&app);
    let before_quality = quality(&app);
    let before_points = app.measures_view.data.as_ref().unwrap().rows[2]
        .score
        .points;
    repeat(&mut app, KeyCode::Char(']'), 2);
    assert_eq!(rate(&app, 2), Performance::Rate(81.2));
    let after_points = app.measures_view.data.as_ref().unwrap().rows[2]
        .score
        .points;
    assert!(
        after_points > before_points,
        "{before_points} → {after_points}"
    );
    assert!(quality(&app) > before_quality);
    assert!(final_score(&app) > before_final);
    // A run of nudges on one value is one undo step.
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(rate(&app, 2), Performance::Rate(61.2));
    assert_eq!(final_score(&app), before_final);
}

#[test]
fn typing_a_rate_follows_every_keystroke_and_esc_goes_back() {
    let mut app = six_cqms();
    repeat(&mut app, KeyCode::Down, 2);
    let start = final_score(&app);
    type_text(&mut app, "9");
    assert_eq!(rate(&app, 2), Performance::Rate(9.0));
    let low = final_score(&app);
    assert!(low < start);
    type_text(&mut app, "5");
    assert_eq!(rate(&app, 2), Performance::Rate(95.0));
    assert!(final_score(&app) > start);
    press(&mut app, KeyCode::Esc);
    assert_eq!(rate(&app, 2), Performance::Rate(61.2));
    // Enter keeps it as one step.
    type_text(&mut app, "95");
    press(&mut app, KeyCode::Enter);
    assert!(app.measures_view.edit.is_none());
    assert_eq!(rate(&app, 2), Performance::Rate(95.0));
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(rate(&app, 2), Performance::Rate(61.2));
}

#[test]
fn a_rate_out_of_range_is_refused_with_the_range_and_the_result_stays() {
    let mut app = six_cqms();
    type_text(&mut app, "150");
    let err = app.measures_view.edit.as_ref().unwrap().error.clone();
    assert!(err.as_deref().unwrap().contains("0–100"), "{err:?}");
    // 15 was valid and stays until the text is fixed.
    assert_eq!(rate(&app, 0), Performance::Rate(15.0));
    press(&mut app, KeyCode::Enter);
    assert!(
        app.measures_view.edit.is_some(),
        "an invalid value is not kept"
    );
}

#[test]
fn numerator_denominator_data_completeness_and_cases_are_edited() {
    let mut app = six_cqms();
    // 236 is 142/197: its numerator is the second value.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('f'));
    press(&mut app, KeyCode::Right);
    assert_eq!(
        rate(&app, 1),
        Performance::Fraction {
            numerator: 143.0,
            denominator: 197.0
        }
    );
    // A numerator above its denominator is refused, with why.
    type_text(&mut app, "300");
    let err = app.measures_view.edit.as_ref().unwrap().error.clone();
    assert!(err.unwrap().contains("above the denominator"));
    press(&mut app, KeyCode::Esc);
    // f while typing keeps the value and moves on: denominator, then data completeness.
    type_text(&mut app, "150");
    press(&mut app, KeyCode::Char('f'));
    assert!(app.measures_view.edit.is_none());
    assert_eq!(
        rate(&app, 1),
        Performance::Fraction {
            numerator: 150.0,
            denominator: 197.0
        }
    );
    press(&mut app, KeyCode::Char('f'));
    let with_full_completeness = final_score(&app);
    type_text(&mut app, "50");
    assert!(
        final_score(&app) < with_full_completeness,
        "below the threshold"
    );
    press(&mut app, KeyCode::Enter);
    let m = &app.scenario().measures.quality.as_ref().unwrap().measures[1];
    assert_eq!(m.data_completeness, Some(50.0));
    press(&mut app, KeyCode::Char('f'));
    type_text(&mut app, "240");
    press(&mut app, KeyCode::Enter);
    let m = &app.scenario().measures.quality.as_ref().unwrap().measures[1];
    assert_eq!(m.cases, Some(240));
}

#[test]
fn the_switch_keeps_both_the_percent_and_the_measures() {
    let mut app = six_cqms();
    // Quality typed as 90 in the Results view: a percent, its measures kept.
    press(&mut app, KeyCode::F(2));
    focus(&mut app, Field::Score(Category::Quality));
    type_text(&mut app, "90");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::F(10));
    assert_eq!(quality(&app), 90.0);
    assert!(!app.measures_view.data.as_ref().unwrap().from_measures);
    press(&mut app, KeyCode::Char('%'));
    assert!((quality(&app) - 65.09).abs() < 0.01);
    assert!(app.measures_view.data.as_ref().unwrap().from_measures);
    press(&mut app, KeyCode::Char('%'));
    assert_eq!(quality(&app), 90.0);
    assert!(app.scenario().measures.quality.is_some());
    press(&mut app, KeyCode::Char('%'));
    assert!((quality(&app) - 65.09).abs() < 0.01);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(quality(&app), 90.0);
}

#[test]
fn the_picker_searches_the_inventory_and_adds_a_measure_and_d_removes_it() {
    let mut app = six_cqms();
    press(&mut app, KeyCode::Char('I'));
    let p = app
        .measures_view
        .picker
        .as_ref()
        .expect("the picker is open");
    assert!(p.items.len() > 50, "the year's inventory");
    // Benchmarked for MIPS CQMs first.
    let first_unbenchmarked = p.items.iter().position(|i| !i.benchmarked);
    assert!(
        first_unbenchmarked.is_none_or(|k| p.items[k..].iter().all(|i| !i.benchmarked)),
        "benchmarked measures come first"
    );
    type_text(&mut app, "colorectal screening");
    let p = app.measures_view.picker.as_ref().unwrap();
    assert!(
        p.items.iter().any(|i| i.id == "113"),
        "{:?}",
        p.items.iter().map(|i| &i.id).collect::<Vec<_>>()
    );
    while app.measures_view.picker.as_ref().unwrap().items
        [app.measures_view.picker.as_ref().unwrap().selected]
        .id
        != "113"
    {
        press(&mut app, KeyCode::Down);
    }
    let before = final_score(&app);
    press(&mut app, KeyCode::Enter);
    assert!(app.measures_view.picker.is_none());
    let q = app.scenario().measures.quality.as_ref().unwrap();
    assert_eq!(q.measures.len(), 7);
    assert_eq!(q.measures[6].id, "113");
    assert_eq!(app.measures_view.selected, 6);
    assert_ne!(
        final_score(&app),
        before,
        "the seventh measure counts or not, visibly"
    );
    press(&mut app, KeyCode::Char('D'));
    assert_eq!(
        app.scenario()
            .measures
            .quality
            .as_ref()
            .unwrap()
            .measures
            .len(),
        6
    );
    assert_eq!(final_score(&app), before);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(
        app.scenario()
            .measures
            .quality
            .as_ref()
            .unwrap()
            .measures
            .len(),
        7
    );
}

#[test]
fn tab_shows_the_next_category_and_cost_measures_are_edited_in_dollars() {
    let path = std::path::Path::new("scenarios/specialist-cost-decides.toml");
    let s = Scenario::load(path, &rules()).expect("the library scenario is valid");
    let mut app = app_with(s);
    press(&mut app, KeyCode::F(10));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Field::Score(Category::Cost));
    let data = app.measures_view.data.as_ref().unwrap();
    assert_eq!(data.category, Category::Cost);
    assert!(
        data.from_measures,
        "the library's specialist has cost measures"
    );
    let cost_before = app.result().category(Category::Cost).score.unwrap();
    // A lower cost never lowers the cost score.
    repeat(&mut app, KeyCode::Char('['), 20);
    let cost_after = app.result().category(Category::Cost).score.unwrap();
    assert!(cost_after >= cost_before, "{cost_before} → {cost_after}");
}

#[test]
fn save_writes_the_edited_measures() {
    let mut app = six_cqms();
    repeat(&mut app, KeyCode::Down, 2);
    type_text(&mut app, "88.5");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('s'));
    type_text(&mut app, "measures-out");
    // Enter the path (and the scenario's name, should it be asked).
    let mut effects = Vec::new();
    for _ in 0..3 {
        effects = press(&mut app, KeyCode::Enter);
        if !effects.is_empty() {
            break;
        }
    }
    let Some(Effect::Write { contents, .. }) = effects.first() else {
        panic!("{effects:?}");
    };
    let back = mips_whatif::scenario::parse_scenario("measures-out.toml", contents, &rules())
        .expect("the written file reads back");
    let q = back
        .measures
        .quality
        .as_ref()
        .expect("quality measures kept");
    assert_eq!(q.measures[2].performance, Performance::Rate(88.5));
}

#[test]
fn measures_view_120x40() {
    let mut app = six_cqms();
    let text = drawn_text(
        &mut app,
        120,
        40,
        &[KeyCode::Down, KeyCode::Down],
        &Theme::color(),
    );
    assert!(text.contains("▶ 134"), "the selected row is marked");
    assert!(
        text.contains("[Rate % 61.2]"),
        "the chosen value in brackets"
    );
    assert!(text.contains("▲ 61.2%"), "the rate's marker on the strip");
    assert!(text.contains("final score 77.03"));
    insta::assert_snapshot!(text);
}

#[test]
fn measures_view_80x24_no_color() {
    let mut app = six_cqms();
    let text = drawn_text(&mut app, 80, 24, &[KeyCode::Char('7')], &Theme::mono());
    assert!(text.contains("[Rate % 7▏]"), "the typed value shows");
    // 7% on an inverse, flat benchmark is decile 10: the strip marks it, and the outcome moves.
    assert!(
        text.contains("[10]"),
        "the rate's decile is bracketed, not only coloured"
    );
    assert!(text.contains("▲ 7%"));
    assert!(text.contains("final score 77.60"), "{text}");
    assert!(text.contains("130"), "all six measures fit at 80×24");
    insta::assert_snapshot!(text);
}

#[test]
fn the_selected_measure_shows_what_one_point_is_worth_and_what_each_target_needs() {
    let mut app = six_cqms();
    repeat(&mut app, KeyCode::Down, 2);
    let worth = app
        .measures_view
        .worth
        .as_ref()
        .and_then(|w| w.worth.as_ref())
        .expect("134 has a rate: its worth is shown");
    assert_eq!(worth.measure.id, "134");
    assert_eq!(worth.marginal.better.value, 62.2);
    assert!(worth.marginal.better.measure_points > worth.marginal.now.measure_points);
    assert_eq!(worth.marginal.next_decile_at, Some(61.77));
    assert_eq!(
        worth.needs.len(),
        4,
        "no penalty, positive, the top band, the typed target"
    );
    assert_eq!(worth.needs[3].0, "≥ 80", "the Sensitivity view's target");
    // The worth follows the selection and the edits.
    press(&mut app, KeyCode::Up);
    let w = app.measures_view.worth.as_ref().unwrap();
    assert_eq!(w.worth.as_ref().unwrap().measure.id, "236");
}

#[test]
fn in_py2025_the_worth_of_one_point_is_a_range_across_the_band_of_maxima() {
    let path = std::path::Path::new("scenarios/small-practice-six-mips-cqms.toml");
    let mut s = Scenario::load(path, &rules()).expect("the library scenario is valid");
    s.performance_year = 2025;
    mips_whatif::builders::apply(&mut s);
    let mut app = app_with(s);
    press(&mut app, KeyCode::F(10));
    // 236, a direct measure worth something: its point moves the final score.
    press(&mut app, KeyCode::Down);
    let worth = app
        .measures_view
        .worth
        .as_ref()
        .and_then(|w| w.worth.as_ref())
        .expect("236 has a rate");
    assert_eq!(worth.measure.id, "236");
    let (low, high) = worth
        .dollars_range
        .expect("PY2025's maximum is not published: the dollars are a range");
    assert!(low < high, "{low} {high}");
    assert!(worth.adjustment_range.is_some());
    let text = drawn_text(&mut app, 120, 40, &[], &Theme::color());
    assert!(
        text.contains(&format!(
            "{} to {}",
            mips_whatif::format::signed_dollars(low),
            mips_whatif::format::signed_dollars(high)
        )),
        "{text}"
    );
}

/// Save the app's scenario through the save dialog and read the file back.
fn saved(app: &mut App) -> Scenario {
    press(app, KeyCode::Char('s'));
    type_text(app, "measures-out");
    let mut effects = Vec::new();
    for _ in 0..3 {
        effects = press(app, KeyCode::Enter);
        if !effects.is_empty() {
            break;
        }
    }
    let Some(Effect::Write { contents, .. }) = effects.first() else {
        panic!("{effects:?}");
    };
    mips_whatif::scenario::parse_scenario("measures-out.toml", contents, &rules())
        .expect("the written file reads back")
}

#[test]
fn activities_and_pi_measures_are_added_from_the_picker_with_weights_and_flags_and_removed() {
    use mips_whatif::builders::improvement_activities::Activities;
    let mut app = six_cqms();
    // Tab, Tab: Improvement Activities (a percent of 100 here).
    repeat(&mut app, KeyCode::Tab, 2);
    press(&mut app, KeyCode::Char('I'));
    let p = app.measures_view.picker.as_ref().expect("the picker opens");
    assert_eq!(p.category, Category::ImprovementActivities);
    assert!(p.items.len() > 50, "the year's activities");
    assert!(
        p.items
            .iter()
            .all(|i| ["high", "medium", ""].contains(&i.note.as_str())),
        "an activity shows its weight (where CMS's inventory gives one)"
    );
    assert!(
        p.items.iter().filter(|i| !i.note.is_empty()).count() > p.items.len() / 2,
        "most activities have a weight"
    );
    let (first, second) = (p.items[0].clone(), p.items[1].clone());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('I'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let listed = |app: &App| match &app
        .scenario()
        .measures
        .improvement_activities
        .as_ref()
        .expect("activities given")
        .activities
    {
        Activities::Listed(ids) => ids.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(listed(&app), vec![first.id.clone(), second.id.clone()]);
    let data = app.measures_view.data.as_ref().unwrap();
    assert!(
        data.from_measures,
        "the category now comes from its activities"
    );
    assert_eq!(data.rows.len(), 2);
    assert!(data.rows.iter().all(|r| r.input.is_some()));
    // Each activity's points (after any doubling for a small practice) are shown.
    assert!(data.rows.iter().all(|r| r.score.points > 0.0));
    // Save keeps them.
    let back = saved(&mut app);
    match &back
        .measures
        .improvement_activities
        .as_ref()
        .unwrap()
        .activities
    {
        Activities::Listed(ids) => assert_eq!(ids, &vec![first.id.clone(), second.id.clone()]),
        other => panic!("{other:?}"),
    }
    // D removes the selected one; the last one removed, the percent comes back.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('D'));
    assert_eq!(listed(&app).len(), 1);
    press(&mut app, KeyCode::Char('D'));
    assert!(app.scenario().measures.improvement_activities.is_none());
    assert_eq!(app.scenario().scores.improvement_activities, Some(100.0));

    // Tab: Promoting Interoperability; a required measure starts at 0 of 1.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('I'));
    let p = app.measures_view.picker.as_ref().expect("the picker opens");
    assert_eq!(p.category, Category::PromotingInteroperability);
    let required = p
        .items
        .iter()
        .position(|i| i.note == "required")
        .expect("required measures are marked");
    let id = p.items[required].id.clone();
    repeat(&mut app, KeyCode::Down, required);
    press(&mut app, KeyCode::Enter);
    let pi = app
        .scenario()
        .measures
        .promoting_interoperability
        .as_ref()
        .expect("PI given from its measures");
    assert_eq!(pi.measures.len(), 1);
    assert_eq!(pi.measures[0].id, id);
    let back = saved(&mut app);
    assert_eq!(
        back.measures
            .promoting_interoperability
            .as_ref()
            .unwrap()
            .measures[0]
            .id,
        id
    );
}
