//! No panics on any input: random key sequences on random scenarios, drawn at random sizes.

mod common;

use common::*;
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
            prop_assert!(mips_whatif::scenario::check(&app.scenario, &app.rules).is_empty());
        }
    }
}
