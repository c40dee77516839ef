//! Presentation mode fills a projector: the headline digits grow with the terminal, the
//! scenario's name is shown, and for PY2025+ (maximum not published) the adjustment's range is
//! drawn in the same large digits as the final score.

use crate::common::{app_with, drive, rules};
use mips_whatif::scenario::Scenario;
use mips_whatif::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn scenario(path: &str) -> Scenario {
    Scenario::load(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path),
        &rules(),
    )
    .unwrap()
}

fn lines(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

/// Rows holding a block character: how tall the digits are drawn.
fn digit_rows(t: &Terminal<TestBackend>) -> usize {
    let l = lines(t);
    // The digits are the first run of rows with full blocks.
    let first = l
        .iter()
        .position(|r| r.contains('█'))
        .expect("digits drawn");
    l[first..].iter().take_while(|r| r.contains('█')).count()
}

#[test]
fn the_digits_grow_with_the_terminal() {
    let s = scenario("scenarios/small-practice-no-pi.toml");
    let small = drive(
        &mut app_with(s.clone()),
        120,
        40,
        &[KeyCode::Char('P')],
        &Theme::mono(),
    );
    let big = drive(
        &mut app_with(s.clone()),
        300,
        90,
        &[KeyCode::Char('P')],
        &Theme::mono(),
    );
    assert_eq!(digit_rows(&small), 5);
    assert!(digit_rows(&big) >= 10, "only {} rows", digit_rows(&big));
    // The chart is still there on the projector, under the digits.
    assert!(lines(&big).iter().any(|l| l.contains("National bands")));
    // And the name of the scenario on both.
    for t in [&small, &big] {
        assert!(
            lines(t)[1].contains("Small practice, PI not reported"),
            "{}",
            lines(t)[1]
        );
    }
}

#[test]
fn a_py2025_range_is_as_large_as_the_final_score() {
    let mut app = app_with(scenario("scenarios/py2025-projection-assumed-max.toml"));
    let t = drive(&mut app, 200, 60, &[KeyCode::Char('P')], &Theme::mono());
    let text = lines(&t).join("\n");
    assert!(text.contains("PAYMENT ADJUSTMENT IN 2027: RANGE"), "{text}");
    let u = &app.computed().uncertainty;
    assert!(u.primary && u.low_percent < u.high_percent);
    // The row through the middle of the digits has "to" between the two ends.
    let l = lines(&t);
    let first = l.iter().position(|r| r.contains('█')).unwrap();
    let rows = digit_rows(&t);
    let middle = &l[first + rows / 2];
    assert!(middle.contains(" to "), "{middle}");
    // The dollars under them are a range too, as large.
    let to_rows = l
        .iter()
        .filter(|r| r.contains('█') && r.contains(" to "))
        .count();
    assert_eq!(to_rows, 2, "{text}");
}
