//! Year rules: the per-year parameters and weight tables, loaded from data in `assets/rules/`.

mod category_set;
mod load;
mod types;

pub use category_set::CategorySet;
pub use load::{EMBEDDED, RuleSet, embedded_payment_year, embedded_years_text, parse_year};
pub use types::*;
