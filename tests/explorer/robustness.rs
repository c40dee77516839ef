//! No panics on any input: random key sequences on random scenarios, drawn at random sizes.

use crate::common::*;
use mips_whatif::app::Msg;
use mips_whatif::scenario::{Participation, ReportingOption, Scenario};
use mips_whatif::ui::{self, Theme};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn any_key() -> impl Strategy<Value = (KeyCode, KeyModifiers)> {
    let codes = prop_oneof![
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Backspace),
        proptest::char::range(' ', '~').prop_map(KeyCode::Char),
    ];
    let mods = prop_oneof![
        4 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::SHIFT),
        1 => Just(KeyModifiers::CONTROL),
    ];
    (codes, mods)
}

fn any_scenario() -> impl Strategy<Value = Scenario> {
    (
        2017u16..=2026,
        prop::option::of(0.0f64..=100.0),
        prop::option::of(0.0f64..=100.0),
        1u32..40,
        any::<bool>(),
        prop_oneof![
            Just(ReportingOption::Traditional),
            Just(ReportingOption::App)
        ],
    )
        .prop_map(|(year, q, pi, clinicians, reporting, option)| {
            let mut s = Scenario::default_group();
            s.performance_year = year;
            s.scores.quality = q;
            s.scores.promoting_interoperability = pi;
            s.practice.clinicians = clinicians;
            s.practice.reporting = reporting;
            s.reporting_option = option;
            s.practice.participation = Participation::Individual;
            if year == 2017 {
                s.complex_patient_bonus = 0.0;
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_keys_at_any_size_never_panic(
        scenario in any_scenario(),
        keys in prop::collection::vec(any_key(), 0..60),
        w in 1u16..260,
        h in 1u16..80,
        mono in any::<bool>(),
    ) {
        let mut app = app_with(scenario);
        app.size = (w, h);
        let theme = if mono { Theme::mono() } else { Theme::color() };
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        for (code, mods) in keys {
            // Effects (file work) are not performed here: update itself never touches the disk.
            app.update(Msg::Key(key_event(code, mods)));
            app.should_quit = false;
            terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
            prop_assert!(app.result().final_score.is_finite());
            prop_assert!(mips_whatif::scenario::check(app.scenario(), &app.rules).is_empty());
        }
    }
}

/// Every view at the smallest sizes (1×1, 2×2, 20×5) and through a burst of resizes, drawn
/// with both themes: no panic, and the result stays.
#[test]
fn every_view_survives_tiny_terminals_and_resizes() {
    use mips_whatif::app::View;
    for mono in [false, true] {
        let theme = if mono { Theme::mono() } else { Theme::color() };
        for view in View::ALL {
            let mut app = app_with(Scenario::default_group());
            app.update(Msg::Key(key_event(
                KeyCode::F(view.function_key()),
                KeyModifiers::NONE,
            )));
            let mut sizes = vec![(1, 1), (2, 2), (20, 5), (1, 40), (250, 1)];
            sizes.extend((0..30u16).map(|i| (1 + (i * 37) % 250, 1 + (i * 13) % 70)));
            sizes.push((120, 40));
            for (w, h) in sizes {
                app.update(Msg::Resize(w, h));
                let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
            }
            assert_eq!(app.view, *view);
            assert!((app.result().final_score - 86.01).abs() < 0.005);
        }
    }
}
