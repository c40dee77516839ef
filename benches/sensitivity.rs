//! What the explorer pays per keystroke: points needed for 4 categories × 4 targets, a 0–100
//! sweep by 1, and the marginal values and uncertainty range.
//!
//! Run: `cargo bench --bench sensitivity`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mips_whatif::engine::score_numbers;
use mips_whatif::rules::{Category, RuleSet};
use mips_whatif::scenario::Scenario;
use mips_whatif::sensitivity::{
    MaxRange, SweepSpan, Target, adjustment_range, all_points_needed, marginal_values, sweep,
};

fn benches(c: &mut Criterion) {
    let rules = RuleSet::embedded().expect("embedded rules are valid");
    let s = Scenario::default_group();
    let y = rules.year(s.performance_year).expect("supported year");
    let targets = [
        Target::Neutral,
        Target::Positive,
        Target::TopBand,
        Target::FinalScore(95.0),
    ];
    let band = MaxRange::embedded().expect("embedded band is valid");

    c.bench_function("score_numbers (one evaluation)", |b| {
        b.iter(|| score_numbers(black_box(&s), y))
    });
    c.bench_function("points needed: 4 categories x 4 targets", |b| {
        b.iter(|| all_points_needed(black_box(&s), y, &targets).expect("valid targets"))
    });
    c.bench_function("sweep cost 0-100 step 1", |b| {
        b.iter(|| {
            sweep(black_box(&s), y, Category::Cost, &SweepSpan::default()).expect("valid range")
        })
    });
    c.bench_function("marginal values + uncertainty range", |b| {
        b.iter(|| {
            (
                marginal_values(black_box(&s), y),
                adjustment_range(black_box(&s), y, &band),
            )
        })
    });
}

criterion_group!(sensitivity, benches);
criterion_main!(sensitivity);
