//! Nothing is lost: atomic saves that leave the old file intact on failure, workspaces that
//! round-trip, saving and opening through the explorer's real file work, and recovery after the
//! explorer is killed. One module per subject; run one with `cargo test --test files MODULE::`.

#[path = "../common/mod.rs"]
mod common;

mod explorer;
mod never_lost;
mod recovery_pty;
mod roster_columns;
mod roster_recovery;
mod roster_saved;
mod workspace;
