//! Engine speed: scoring one scenario with its rule trace (`score`), without it
//! (`score_numbers`), and reading a scenario file's text (`parse_scenario`), for a few
//! representative scenarios.
//!
//! `cargo bench --bench engine`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use mips_whatif::engine::{score, score_numbers};
use mips_whatif::rules::RuleSet;
use mips_whatif::scenario::{ReportingOption, Scenario, parse_scenario, to_toml};

/// (label, scenario): a typical large group, a small practice with PI reweighted, an APP
/// entity in an exceptional-bonus year, and a case where fewer than two categories count.
fn scenarios() -> Vec<(&'static str, Scenario)> {
    let group = Scenario::default_group();

    let mut small = Scenario::default_group();
    small.practice.clinicians = 8;
    small.practice.rural = true;
    small.scores.promoting_interoperability = None;
    small.complex_patient_bonus = 4.5;

    let mut app = Scenario::default_group();
    app.performance_year = 2022;
    app.reporting_option = ReportingOption::App;
    app.scores.quality = Some(93.1);

    let mut one = Scenario::default_group();
    one.performance_year = 2021;
    one.scores.cost = None;
    one.scores.improvement_activities = None;
    one.scores.promoting_interoperability = None;

    vec![
        ("py2024_group", group),
        ("py2024_small_no_pi", small),
        ("py2022_app_exceptional", app),
        ("py2021_one_category", one),
    ]
}

fn bench(c: &mut Criterion) {
    let rules = RuleSet::embedded().expect("the shipped rules are valid");
    let mut g = c.benchmark_group("engine");
    for (label, s) in scenarios() {
        let year = rules.year(s.performance_year).expect("a shipped year");
        g.bench_function(format!("score/{label}"), |b| {
            b.iter(|| score(black_box(&s), year))
        });
        g.bench_function(format!("score_numbers/{label}"), |b| {
            b.iter(|| score_numbers(black_box(&s), year))
        });
        let text = to_toml(&s);
        g.bench_function(format!("parse_scenario/{label}"), |b| {
            b.iter(|| parse_scenario("bench.toml", black_box(&text), &rules).is_ok())
        });
    }
    g.finish();
    c.bench_function("rules/embedded_load", |b| b.iter(RuleSet::embedded));
}

criterion_group!(benches, bench);
criterion_main!(benches);
