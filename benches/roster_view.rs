//! The explorer's Roster view at scale, on 100,000 public-use-file-shaped rows generated in
//! memory: opening the roster (read, score every row, sort and total; and of that, reading
//! and scoring alone), and one keystroke —
//! state update and a full redraw at 120×40 — for a sort, a text filter, a band filter and a
//! what-if (which scores the rows on screen at once and the rest a slice at a time; the
//! last case measures working every row out).
//!
//! `cargo bench --bench roster_view`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use mips_whatif::app::{App, Msg};
use mips_whatif::national::National;
use mips_whatif::roster::ReadOptions;
use mips_whatif::roster::table::Roster;
use mips_whatif::rules::RuleSet;
use mips_whatif::scenario::Scenario;
use mips_whatif::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[path = "../examples/puf_roster.rs"]
#[allow(dead_code)]
mod generator;

const ROWS: u64 = 100_000;

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn roster_text() -> String {
    let mut text = String::from(generator::HEADER);
    text.push('\n');
    for i in 0..ROWS {
        text.push_str(&generator::row(i));
        text.push('\n');
    }
    text
}

fn options() -> ReadOptions {
    ReadOptions {
        performance_year: Some(2021),
        mapping: None,
    }
}

fn app_on(roster: Roster) -> App {
    let rules = RuleSet::embedded().expect("embedded rules");
    let mut app = App::new(rules, National::embedded(), Scenario::default_group(), None);
    app.update(Msg::Resize(120, 40));
    app.open_roster(roster);
    app
}

fn bench(c: &mut Criterion) {
    let rules = RuleSet::embedded().expect("embedded rules");
    let text = roster_text();
    let mut group = c.benchmark_group("roster_view_100k");
    group.sample_size(10);
    // Of which reading and scoring the rows (the roster library).
    group.bench_function("read_and_score", |b| {
        b.iter(|| {
            black_box(
                Roster::from_csv_text("2021_puf.csv", &text, &options(), &rules)
                    .expect("the generated roster reads"),
            )
        })
    });
    group.bench_function("open", |b| {
        b.iter(|| {
            let roster = Roster::from_csv_text("2021_puf.csv", &text, &options(), &rules)
                .expect("the generated roster reads");
            assert_eq!(roster.entries.len(), ROWS as usize);
            black_box(app_on(roster));
        })
    });
    group.finish();

    let roster =
        Roster::from_csv_text("2021_puf.csv", &text, &options(), &rules).expect("it reads");
    let theme = Theme::color();
    let mut group = c.benchmark_group("roster_view_100k_keystroke");
    group.sample_size(20);
    let mut case = |name: &str, setup: &[Msg], keys: &[KeyCode]| {
        let mut app = app_on(roster.clone());
        for m in setup {
            app.update(clone_key(m));
        }
        app.roster_work(None);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
        terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
        let mut at = 0;
        group.bench_function(name, |b| {
            b.iter(|| {
                app.update(key(keys[at % keys.len()]));
                at += 1;
                terminal.draw(|f| ui::draw(f, &app, &theme)).unwrap();
            })
        });
    };
    // The sort key cycles: file order, dollars, score, name.
    case("sort", &[], &[KeyCode::Char('O')]);
    // Typing and deleting a character of the text filter.
    case(
        "filter_text",
        &[key(KeyCode::Char('/')), key(KeyCode::Char('1'))],
        &[KeyCode::Char('2'), KeyCode::Backspace],
    );
    case("filter_band", &[], &[KeyCode::Char('b')]);
    // The what-if line "cost=+1" ↔ "cost=+10": each keystroke a new what-if.
    let mut what_if = vec![key(KeyCode::Char('w'))];
    what_if.extend("cost=+1".chars().map(|c| key(KeyCode::Char(c))));
    case(
        "what_if",
        &what_if,
        &[KeyCode::Char('0'), KeyCode::Backspace],
    );
    group.finish();

    // Working a what-if out over every row (after the keystroke, while no key waits).
    let mut group = c.benchmark_group("roster_view_100k_what_if_all_rows");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    let mut app = app_on(roster.clone());
    for m in &what_if {
        app.update(clone_key(m));
    }
    let mut at = 0;
    group.bench_function("complete", |b| {
        b.iter(|| {
            app.update(key([KeyCode::Char('0'), KeyCode::Backspace][at % 2]));
            at += 1;
            app.roster_work(None);
            assert!(!app.roster_work_pending());
        })
    });
    group.finish();
}

fn clone_key(m: &Msg) -> Msg {
    match m {
        Msg::Key(k) => Msg::Key(*k),
        _ => unreachable!("keys only"),
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
