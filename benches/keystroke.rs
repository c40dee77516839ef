//! One keystroke in the explorer: update the state (recomputing the engine result) and redraw
//! the whole screen on a TestBackend, at three terminal sizes.
//!
//! `cargo bench --bench keystroke`

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mips_whatif::app::{App, Msg, View};
use mips_whatif::national::National;
use mips_whatif::rules::RuleSet;
use mips_whatif::scenario::Scenario;
use mips_whatif::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke");
    for (w, h) in [(80u16, 24u16), (120, 40), (250, 70)] {
        let rules = RuleSet::embedded().expect("embedded rules");
        let mut app = App::new(rules, National::embedded(), Scenario::default_group(), None);
        // A baseline and the cost field focused: the busiest ordinary screen.
        app.update(key(KeyCode::Char('b')));
        app.update(key(KeyCode::Tab));
        let theme = Theme::color();
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        app.size = (w, h);
        terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
        let mut up = true;
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{w}x{h}")),
            &(),
            |b, _| {
                b.iter(|| {
                    // Alternate → and ← so the value stays in range and every frame changes.
                    app.update(key(if up { KeyCode::Right } else { KeyCode::Left }));
                    up = !up;
                    terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
                })
            },
        );
    }
    // The Sensitivity view at 120×40: every keystroke recomputes its sweep, marginal values,
    // points needed and range.
    {
        let rules = RuleSet::embedded().expect("embedded rules");
        let mut app = App::new(rules, National::embedded(), Scenario::default_group(), None);
        app.update(key(KeyCode::Char('b')));
        app.update(key(KeyCode::Tab));
        while app.view != View::Sensitivity {
            app.update(key(KeyCode::Char('v')));
        }
        let theme = Theme::color();
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
        app.size = (120, 40);
        terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
        let mut up = true;
        group.bench_function("sensitivity_120x40", |b| {
            b.iter(|| {
                app.update(key(if up { KeyCode::Right } else { KeyCode::Left }));
                up = !up;
                terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
            })
        });
    }
    // The Measures view at 120×40: a nudge of a quality measure's rate rebuilds the category,
    // rescores, works out what the measure is worth and redraws the table, strip and chart.
    {
        let rules = RuleSet::embedded().expect("embedded rules");
        let path = std::path::Path::new("scenarios/small-practice-six-mips-cqms.toml");
        let s = Scenario::load(path, &rules).expect("the library scenario");
        let mut app = App::new(rules, National::embedded(), s, None);
        while app.view != View::Measures {
            app.update(key(KeyCode::Char('v')));
        }
        app.update(key(KeyCode::Down));
        app.update(key(KeyCode::Down));
        let theme = Theme::color();
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
        app.size = (120, 40);
        terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
        let mut up = true;
        group.bench_function("measures_120x40", |b| {
            b.iter(|| {
                app.update(key(if up { KeyCode::Right } else { KeyCode::Left }));
                up = !up;
                terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
            })
        });
    }
    // The Sensitivity view at 120×40 on a scenario built from six quality measures, cost
    // focused: each keystroke also works out what one step of each measure is worth and what
    // each target needs of it (the category's points needed decide most values unscored).
    {
        let rules = RuleSet::embedded().expect("embedded rules");
        let path = std::path::Path::new("scenarios/small-practice-six-mips-cqms.toml");
        let s = Scenario::load(path, &rules).expect("the library scenario");
        let mut app = App::new(rules, National::embedded(), s, None);
        app.update(key(KeyCode::Tab));
        app.size = (120, 40);
        while app.view != View::Sensitivity {
            app.update(key(KeyCode::Char('v')));
        }
        let theme = Theme::color();
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
        terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
        let mut up = true;
        group.bench_function("sensitivity_measures_120x40", |b| {
            b.iter(|| {
                app.update(key(if up { KeyCode::Right } else { KeyCode::Left }));
                up = !up;
                terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
            })
        });
    }
    group.finish();
}

/// The two halves at 120×40, to see where a keystroke's time goes.
fn parts(c: &mut Criterion) {
    let rules = RuleSet::embedded().expect("embedded rules");
    let mut app = App::new(rules, National::embedded(), Scenario::default_group(), None);
    app.update(key(KeyCode::Char('b')));
    app.update(key(KeyCode::Tab));
    app.size = (120, 40);
    let mut up = true;
    c.bench_function("parts/update_and_engine", |b| {
        b.iter(|| {
            app.update(key(if up { KeyCode::Right } else { KeyCode::Left }));
            up = !up;
        })
    });
    let theme = Theme::color();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    c.bench_function("parts/draw_120x40", |b| {
        b.iter(|| {
            terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
        })
    });
}

/// Each panel alone into a buffer, at its 120×40 size.
fn panels(c: &mut Criterion) {
    let rules = RuleSet::embedded().expect("embedded rules");
    let mut app = App::new(rules, National::embedded(), Scenario::default_group(), None);
    app.update(key(KeyCode::Char('b')));
    app.update(key(KeyCode::Tab));
    app.size = (120, 40);
    let theme = Theme::color();
    let area = ratatui::layout::Rect::new(0, 0, 120, 40);
    let l = ui::layout(area, &app).expect("120×40 is large enough");
    let mut buf = ratatui::buffer::Buffer::empty(area);
    c.bench_function("panels/layout", |b| b.iter(|| ui::layout(area, &app)));
    c.bench_function("panels/inputs", |b| {
        b.iter(|| ui::inputs::render(&mut buf, l.inputs, &app, &theme))
    });
    c.bench_function("panels/results", |b| {
        b.iter(|| ui::results::render(&mut buf, l.results, &app, &theme, false))
    });
    let chart = l.chart.expect("the chart fits at 120×40");
    c.bench_function("panels/band_chart", |b| {
        b.iter(|| ui::band_chart::render(&mut buf, chart, &app, &theme))
    });
    c.bench_function("panels/status_and_title", |b| {
        b.iter(|| {
            ui::status_bar::render(&mut buf, l.status, &app, &theme);
            ui::title_bar::render(&mut buf, l.title, &app, &theme);
        })
    });
}

criterion_group!(benches, keystroke, parts, panels);
criterion_main!(benches);
