//! The explorer: state updates (keys in, results out), whole-screen snapshots on a TestBackend,
//! each view, robustness under random keys and sizes, and the real binary in a pseudo-terminal.
//! One module per subject; run one with `cargo test --test explorer MODULE::`.

#[path = "../common/mod.rs"]
mod common;

mod command_line;
mod compare;
mod measures;
mod presentation_scale;
mod pty;
mod robustness;
mod roster;
mod screens;
mod sensitivity;
mod session;
mod teach;
mod teaching;
mod update;
