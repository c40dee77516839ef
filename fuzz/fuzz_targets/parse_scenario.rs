//! Any bytes as a scenario file: the parser never panics; an error points inside the text
//! and prints safely; what parses scores within 0–100 and reads back exactly after saving.
//!
//! `cargo fuzz run parse_scenario -s none` (stable toolchain, no sanitizer) or with a
//! nightly toolchain for the default address sanitizer.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mips_whatif::engine::score;
use mips_whatif::rules::RuleSet;
use mips_whatif::scenario::{parse_scenario, to_toml};

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::embedded().expect("the shipped rules are valid"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_scenario("fuzz.toml", text, rules()) {
        Ok(s) => {
            let year = rules().year(s.performance_year).expect("a checked year");
            let r = score(&s, year);
            assert!((0.0..=100.0).contains(&r.final_score));
            assert_eq!(parse_scenario("fuzz.toml", &to_toml(&s), rules()), Ok(s));
        }
        Err(d) => {
            if let (Some(line), Some(col)) = (d.line, d.column) {
                let lines: Vec<&str> = text.split('\n').collect();
                assert!(line >= 1 && line <= lines.len());
                assert!(col >= 1 && col <= lines[line - 1].chars().count() + 1);
            }
            let shown = d.to_string();
            assert!(shown.chars().all(|c| !c.is_control() || c == '\n' || c == '\t'));
        }
    }
});
