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

fn main() {
    let which = std::env::args().nth(1).unwrap_or_default();
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    let rules = RuleSet::embedded().unwrap();
    if which == "engine" {
        let s = Scenario::default_group();
        let y = rules.year(2024).unwrap();
        let t = std::time::Instant::now();
        let mut k = 0.0;
        for _ in 0..n * 20 {
            k += std::hint::black_box(mips_whatif::engine::score(std::hint::black_box(&s), y))
                .final_score;
        }
        eprintln!(
            "engine {k}: {:.2} µs/score wall",
            t.elapsed().as_secs_f64() * 1e6 / (n * 20) as f64
        );
        return;
    }
    let mut app = match which.as_str() {
        "measures" | "sens-measures" => {
            let s = Scenario::load(
                std::path::Path::new("scenarios/small-practice-six-mips-cqms.toml"),
                &rules,
            )
            .unwrap();
            App::new(rules, National::embedded(), s, None)
        }
        _ => App::new(rules, National::embedded(), Scenario::default_group(), None),
    };
    match which.as_str() {
        "measures" => {
            while app.view != View::Measures {
                app.update(key(KeyCode::Char('v')));
            }
            app.update(key(KeyCode::Down));
            app.update(key(KeyCode::Down));
        }
        "sens" => {
            app.update(key(KeyCode::Char('b')));
            app.update(key(KeyCode::Tab));
            while app.view != View::Sensitivity {
                app.update(key(KeyCode::Char('v')));
            }
        }
        "sens-measures" => {
            app.update(key(KeyCode::Tab));
            while app.view != View::Sensitivity {
                app.update(key(KeyCode::Char('v')));
            }
        }
        _ => {
            app.update(key(KeyCode::Char('b')));
            app.update(key(KeyCode::Tab));
        }
    }
    let theme = Theme::color();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    app.size = (120, 40);
    terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
    let mut up = true;
    let t = std::time::Instant::now();
    for _ in 0..n {
        app.update(key(if up { KeyCode::Right } else { KeyCode::Left }));
        up = !up;
        terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
    }
    eprintln!(
        "{which}: {:.1} µs/keystroke wall",
        t.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}
