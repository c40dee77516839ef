//! End to end: the real release binary scoring 10,000 scenario files in one run
//! (`mips-whatif score DIR/*.toml`, text and JSON output to a null sink), and scoring one file.
//! Process start, file reading, parsing, scoring and printing are all inside the figure.
//!
//! `cargo bench --bench cli_batch`. Peak memory is measured by `benches/measure.sh`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};

use mips_whatif::scenario::{Participation, ReportingOption, Scenario, to_toml};

/// Number of scenario files in the batch.
pub const FILES: usize = 10_000;

/// `n` varied, valid scenarios: every year, every reporting option the year allows, sizes
/// from solo to large, some categories not scored.
fn write_scenarios(dir: &Path, n: usize) -> Vec<PathBuf> {
    (0..n)
        .map(|i| {
            let mut s = Scenario::default_group();
            s.name = Some(format!("Scenario {i}"));
            s.performance_year = 2017 + (i % 10) as u16;
            s.reporting_option = match (i % 3, s.performance_year) {
                (1, y) if y >= 2023 => ReportingOption::Mvp,
                (2, _) => ReportingOption::App,
                _ => ReportingOption::Traditional,
            };
            s.practice.clinicians = [1, 8, 15, 16, 120][i % 5];
            s.practice.participation = if s.practice.clinicians == 1 {
                Participation::Individual
            } else {
                Participation::Group
            };
            s.practice.rural = i % 7 == 0;
            s.practice.reporting = i % 11 != 0;
            let f = (i % 101) as f64;
            s.scores.quality = Some(f.min(100.0));
            s.scores.cost = (i % 4 != 0).then_some(100.0 - f);
            s.scores.improvement_activities = Some(if i % 2 == 0 { 100.0 } else { 50.0 });
            s.scores.promoting_interoperability = (i % 6 != 0).then_some((f * 0.9).round());
            s.practice.part_b_allowed_charges = Some(50_000.0 + 1_000.0 * (i % 997) as f64);
            let path = dir.join(format!("s{i:05}.toml"));
            std::fs::write(&path, to_toml(&s)).expect("write a scenario");
            path
        })
        .collect()
}

fn run(files: &[PathBuf], json: bool) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mips-whatif"));
    cmd.arg("score").args(files);
    if json {
        cmd.args(["--format", "json"]);
    }
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run the binary");
    assert!(status.success(), "every generated scenario is valid");
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let files = write_scenarios(dir.path(), FILES);
    // Each run takes a while: one run per sample (flat sampling).
    let mut g = c.benchmark_group("cli");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    g.bench_function("score_10000_files_text", |b| b.iter(|| run(&files, false)));
    g.bench_function("score_10000_files_json", |b| b.iter(|| run(&files, true)));
    g.finish();
    let mut g = c.benchmark_group("cli");
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(100)
        .measurement_time(Duration::from_secs(10));
    g.bench_function("score_1_file_text", |b| b.iter(|| run(&files[..1], false)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
