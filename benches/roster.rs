//! Roster speed: reading, scoring and comparing public-use-file-shaped rows as they stream
//! (no output), for 10,000 rows held in memory — on every core (as `mips-whatif roster`
//! reads) and on one worker (the cost of a row on one core: the median divided by 10,000).
//!
//! `cargo bench --bench roster`
//! For 1,000,000 rows from a file, see `examples/puf_roster.rs`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use mips_whatif::roster::{Event, Ordered, Parallelism, ReadOptions, score_csv_with};
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
    let cases = [
        ("roster_10k_puf_rows", Parallelism::default()),
        (
            "roster_10k_puf_rows_one_worker",
            Parallelism {
                workers: 1,
                ..Parallelism::default()
            },
        ),
    ];
    for (name, parallelism) in cases {
        c.bench_function(name, |b| {
            b.iter(|| {
                let mut scored = 0usize;
                score_csv_with(
                    "bench.csv",
                    text.as_bytes(),
                    &options,
                    &rules,
                    parallelism,
                    || (0usize, 0.0f64),
                    |(rows, sum), _, e| {
                        if let Event::Scored(r) = e {
                            *rows += 1;
                            *sum += r.result.final_score;
                        }
                    },
                    |o| {
                        if let Ordered::Rows((rows, sum)) = o {
                            scored += rows;
                            black_box(sum);
                        }
                    },
                )
                .expect("the generated roster reads");
                assert_eq!(scored, 10_000);
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
