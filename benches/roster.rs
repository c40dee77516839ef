//! Roster speed: reading, scoring and comparing public-use-file-shaped rows as they stream
//! (no output), for 10,000 rows held in memory.
//!
//! `cargo bench --bench roster`
//! For 1,000,000 rows from a file, see `examples/puf_roster.rs`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use mips_whatif::roster::{Event, ReadOptions, score_csv};
use mips_whatif::rules::RuleSet;

#[path = "../examples/puf_roster.rs"]
#[allow(dead_code)]
mod generator;

fn bench(c: &mut Criterion) {
    let rules = RuleSet::embedded().expect("embedded rules");
    let mut text = String::from(generator::HEADER);
    text.push('\n');
    for i in 0..10_000 {
        text.push_str(&generator::row(i));
        text.push('\n');
    }
    let options = ReadOptions {
        performance_year: Some(2021),
        mapping: None,
    };
    c.bench_function("roster_10k_puf_rows", |b| {
        b.iter(|| {
            let mut scored = 0usize;
            score_csv("bench.csv", text.as_bytes(), &options, &rules, |e| {
                if let Event::Scored(r) = e {
                    scored += 1;
                    black_box(r.result.final_score);
                }
            })
            .expect("the generated roster reads");
            assert_eq!(scored, 10_000);
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
