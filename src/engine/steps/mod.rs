//! The steps of the computation, one file each, each returning a small typed intermediate
//! that `evaluate` reads and the trace is worded from (`trace.rs`). The numbers-only path
//! calls the same functions.

mod categories;
mod final_score;
mod pathway;
mod payment;
mod weights;

pub(super) use categories::{Categories, categories};
pub(super) use final_score::{
    Bonuses, ComplexPatientLine, FinalScore, SmallPracticeLine, bonuses, final_score,
};
pub(super) use pathway::{PathwayChoice, pathway};
pub(super) use payment::{
    Dollars, ExceptionalBonus, MaxPositive, Payment, dollars, exceptional_bonus, max_positive,
    payment,
};
pub(super) use weights::{WeightChoice, contributions, weights};
