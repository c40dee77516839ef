//! Startup to first frame: the real release binary in a pseudo-terminal at 120×40, drawing
//! one frame of the explorer and exiting (`--exit-after-first-frame`), timed from the spawn
//! to the moment the program closes the terminal. Each sample includes spawning the process
//! and the pseudo-terminal and putting the terminal back, so it is an upper bound on startup.
//! The end is seen as the terminal's end of output, which wakes the waiting side at once;
//! waiting for the process itself is polled (1, 2, 4, 8 ms…), and those steps would be
//! measured instead of the program.

use std::time::{Duration, Instant};

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
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    let start = Instant::now();
                    let mut t = Terminal::builder()
                        .size(120, 40)
                        .env_clear()
                        .env("TERM", "xterm-256color")
                        .timeout(Duration::from_secs(20))
                        .args(args.clone())
                        .spawn(bin)
                        .expect("spawn the explorer in a pseudo-terminal");
                    // No screen is waited for: the wait ends at the end of the output.
                    let end = t.wait_until(|_| false);
                    assert!(
                        matches!(end, Err(termlens::Error::Eof { .. })),
                        "the explorer closes the terminal after one frame: {end:?}"
                    );
                    total += start.elapsed();
                    let status = t.wait_exit().expect("the explorer exits after one frame");
                    assert!(status.success());
                }
                total
            })
        });
    }
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);
