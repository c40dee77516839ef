//! Startup to first frame: the real release binary in a pseudo-terminal at 120×40, drawing
//! one frame of the explorer and exiting (`--exit-after-first-frame`). Each sample includes
//! spawning the process and the pseudo-terminal, so it is an upper bound on startup.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use termlens::Terminal;

fn startup(c: &mut Criterion) {
    let bin = env!("CARGO_BIN_EXE_mips-whatif");
    let mut group = c.benchmark_group("startup");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(10));
    for (name, args) in [
        ("built-in example", vec!["--exit-after-first-frame"]),
        (
            "scenario file",
            vec![
                "--exit-after-first-frame",
                "scenarios/small-practice-no-pi.toml",
            ],
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut t = Terminal::builder()
                    .size(120, 40)
                    .env_clear()
                    .env("TERM", "xterm-256color")
                    .timeout(Duration::from_secs(20))
                    .args(args.clone())
                    .spawn(bin)
                    .expect("spawn the explorer in a pseudo-terminal");
                let status = t.wait_exit().expect("the explorer exits after one frame");
                assert!(status.success());
            })
        });
    }
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
