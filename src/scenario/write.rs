//! Writing scenarios: a commented TOML file that reads back to the same scenario, saved
//! atomically (temporary file + rename) so an existing file is never left half-written.

use std::fmt::Write as _;

use super::*;

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn num(v: f64) -> String {
    // Rust prints the shortest text that reads back to the same f64.
    let s = format!("{v}");
    if s.contains('e') || s.contains("inf") || s.contains("NaN") {
        format!("{v:.6}")
    } else {
        s
    }
}

/// The scenario as a commented TOML file (the format the README documents).
pub fn to_toml(s: &Scenario) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# mips-whatif scenario");
    write_tables(&mut out, s, "");
    out
}

/// The scenario's keys and tables, the tables named under `table` (`column.scenario` gives
/// `[column.scenario.practice]`; empty for a scenario file's own top level).
pub(crate) fn write_tables(out: &mut String, s: &Scenario, table: &str) {
    let header = |name: &str| {
        if table.is_empty() {
            format!("[{name}]")
        } else {
            format!("[{table}.{name}]")
        }
    };
    if let Some(name) = &s.name {
        let _ = writeln!(out, "name = {}", quoted(name));
    }
    match crate::rules::embedded_payment_year(s.performance_year) {
        Some(paid) => writeln!(
            out,
            "performance_year = {}  # payment year {paid}",
            s.performance_year
        ),
        None => writeln!(out, "performance_year = {}", s.performance_year),
    }
    .ok();
    let _ = writeln!(
        out,
        "reporting_option = {}  # traditional | mvp | app",
        quoted(s.reporting_option.key())
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", header("practice"));
    let _ = writeln!(
        out,
        "clinicians = {}  # small practice = 15 or fewer; solo = 1",
        s.practice.clinicians
    );
    let _ = writeln!(
        out,
        "participation = {}  # individual | group | subgroup | virtual_group | apm_entity",
        quoted(s.practice.participation.key())
    );
    let _ = writeln!(out, "rural = {}", s.practice.rural);
    let _ = writeln!(out, "hpsa = {}", s.practice.hpsa);
    let _ = writeln!(
        out,
        "non_patient_facing = {}",
        s.practice.non_patient_facing
    );
    let _ = writeln!(
        out,
        "reporting = {}  # false: a non-reporting clinician",
        s.practice.reporting
    );
    if let Some(d) = s.practice.part_b_allowed_charges {
        let _ = writeln!(out, "part_b_allowed_charges = {}  # dollars", num(d));
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}  # percent 0–100; a category left out is not scored (reweighted)",
        header("scores")
    );
    // Categories built from their measures are written as their measures (below), unless the
    // percent was changed since: then the percent is written and the measures kept commented.
    let built: Vec<(Category, bool)> = Category::ALL
        .into_iter()
        .filter_map(|c| {
            crate::builders::build_category(s, c)
                .map(|b| (c, crate::builders::percent_matches(&b, s.scores.get(c))))
        })
        .collect();
    for c in Category::ALL {
        if built.contains(&(c, true)) {
            let _ = writeln!(
                out,
                "# {}: built from its measures in [{}] below",
                c.key(),
                c.key()
            );
            continue;
        }
        match s.scores.get(c) {
            Some(v) => {
                let _ = writeln!(out, "{} = {}", c.key(), num(v));
            }
            None => {
                let _ = writeln!(out, "# {} left out: not scored", c.key());
            }
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", header("bonuses"));
    let _ = writeln!(out, "complex_patient = {}", num(s.complex_patient_bonus));
    for (c, current) in &built {
        let tables = super::write_measures::category_toml(&s.measures, *c);
        let _ = writeln!(out);
        if *current {
            out.push_str(&tables);
        } else {
            let _ = writeln!(
                out,
                "# The {} percent above was set by hand; its measures are kept here, inactive:",
                c.label()
            );
            for line in tables.lines() {
                let _ = writeln!(out, "# {line}");
            }
        }
    }
    let a = &s.assumptions;
    if a.max_positive_adjustment.is_some() || a.exceptional_bonus_max.is_some() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", header("assumptions"));
        if let Some(m) = a.max_positive_adjustment {
            let _ = writeln!(
                out,
                "max_positive_adjustment = {}  # percent at a final score of 100",
                num(m)
            );
        }
        if let Some(m) = a.exceptional_bonus_max {
            let _ = writeln!(
                out,
                "exceptional_bonus_max = {}  # percent at a final score of 100",
                num(m)
            );
        }
    }
}
