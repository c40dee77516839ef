//! CMS's measure inventory and benchmarks, per performance year, embedded from `assets/measures/`.
//!
//! Each year's file is parsed the first time that year is asked for ([`year`]) and kept for the
//! life of the process. The data are CMS's (qpp-measures-data); the scoring rules that read them
//! live in [`crate::builders`].

mod types;

use std::sync::OnceLock;

pub use types::{
    Activity, ActivityWeight, Benchmark, BenchmarkValues, CollectionType, CostMeasure, PiMeasure,
    QualityMeasure, YearMeasures,
};

/// The performance years with embedded measure data.
pub const FIRST_YEAR: u16 = 2017;
pub const LAST_YEAR: u16 = 2026;

const SOURCES: [&str; (LAST_YEAR - FIRST_YEAR + 1) as usize] = [
    include_str!("../../assets/measures/2017.json"),
    include_str!("../../assets/measures/2018.json"),
    include_str!("../../assets/measures/2019.json"),
    include_str!("../../assets/measures/2020.json"),
    include_str!("../../assets/measures/2021.json"),
    include_str!("../../assets/measures/2022.json"),
    include_str!("../../assets/measures/2023.json"),
    include_str!("../../assets/measures/2024.json"),
    include_str!("../../assets/measures/2025.json"),
    include_str!("../../assets/measures/2026.json"),
];

static LOADED: [OnceLock<YearMeasures>; SOURCES.len()] = [const { OnceLock::new() }; SOURCES.len()];

/// The year's measures and benchmarks, parsed on first use; `None` outside PY2017–2026.
pub fn year(performance_year: u16) -> Option<&'static YearMeasures> {
    let index = performance_year.checked_sub(FIRST_YEAR)? as usize;
    let source = SOURCES.get(index)?;
    Some(LOADED[index].get_or_init(|| {
        parse_year(source).unwrap_or_else(|e| {
            // The files are embedded at build time and checked by tests/engine/measure_data.rs:
            // a parse failure here is a broken build, not bad user input.
            panic!("embedded measures for PY{performance_year} do not parse: {e}")
        })
    }))
}

/// Parses one year's file (the embedded form, or a regenerated one in tests).
pub fn parse_year(text: &str) -> Result<YearMeasures, String> {
    types::parse(text)
}

/// The embedded text of one year's file, for size reports and benchmarks.
pub fn source_text(performance_year: u16) -> Option<&'static str> {
    let index = performance_year.checked_sub(FIRST_YEAR)? as usize;
    SOURCES.get(index).copied()
}
