//! The engine and what feeds it, without a terminal: the rules and CMS data in assets/, the
//! engine pinned to the regulation year by year, the category builders, what-ifs (sensitivity,
//! what one measure is worth), the scenario library, lessons and the rules timeline.
//! One module per subject; run one with `cargo test --test engine MODULE::`.

mod assets;
mod builder_rules;
mod builders;
mod builders_properties;
mod lessons;
mod measure_data;
mod measure_probes;
mod measure_whatif;
mod properties;
mod rules;
mod scenario_library;
mod scenario_measures;
mod sensitivity;
mod teaching_rules;
