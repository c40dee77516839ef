//! The keys of the explorer, as one table: the help overlay lists it and the status bar picks
//! from it, so neither can drift from what the keys do (the update functions in `mod.rs`
//! implement exactly these).

use super::field::{Field, Kind};
use super::{App, Overlay, View};

/// One line of the help overlay.
pub struct KeyHelp {
    pub keys: &'static str,
    pub action: &'static str,
}

/// A group of keys in the help overlay.
pub struct KeyGroup {
    pub title: &'static str,
    pub keys: &'static [KeyHelp],
}

const fn k(keys: &'static str, action: &'static str) -> KeyHelp {
    KeyHelp { keys, action }
}

/// Every key, grouped as the help overlay shows them.
pub const KEY_GROUPS: &[KeyGroup] = &[
    KeyGroup {
        title: "Move",
        keys: &[
            k("Tab / Shift-Tab", "next / previous field (wraps around)"),
            k("↓ ↑  j k", "next / previous field"),
        ],
    },
    KeyGroup {
        title: "Change the focused field",
        keys: &[
            k(
                "→ ←  + −  l h",
                "nudge up / down: 1 (dollars $10,000; assumptions 0.1)",
            ),
            k(
                "] [  PgUp PgDn  Shift-→ ←",
                "big step: 10 (dollars $100,000; assumptions 1; years 1)",
            ),
            k(
                "> <  Ctrl-→ ←",
                "fine step: 0.1 (dollars $1,000; assumptions 0.01; years 1)",
            ),
            k("Home / End", "minimum / maximum (first / last option)"),
            k(
                "0-9 .  Backspace",
                "type a value; the result follows every digit",
            ),
            k(
                "Enter / Esc",
                "keep / cancel the typed value (Enter on an option or yes/no: as Space)",
            ),
            k(
                "Space",
                "toggle: score / not score a category, yes / no, next option, reset an assumption",
            ),
            k("Ctrl-U", "clear the typed value (and a file name)"),
            k("u / Ctrl-R", "undo / redo (a run of nudges is one step)"),
        ],
    },
    KeyGroup {
        title: "Compare and explain",
        keys: &[
            k(
                "b",
                "pin the current state as the baseline (results show deltas)",
            ),
            k("B", "go back to the baseline"),
            k("x", "drop the baseline"),
            k(
                "g / G",
                "chart comparison group: all, small, solo, rural / reporting status",
            ),
            k(
                "t",
                "show or hide the rule trace (why the number is what it is)",
            ),
            k(
                "v / V  F2…",
                "next / previous view; each view's function key is listed under Views",
            ),
            k(
                "a",
                "pin the current state as a Compare column (4 columns at most)",
            ),
            k("A", "add a scenario file as a Compare column"),
            k("c", "clear the pinned Compare columns"),
        ],
    },
    KeyGroup {
        title: "Teach and present",
        keys: &[
            k(
                "n / N",
                "in the walkthrough view: next / previous step of the computation",
            ),
            k("P", "presentation mode on / off: large type, no inputs"),
            k(
                "Esc",
                "in presentation mode: leave it (←→ [ ] < > Space still nudge)",
            ),
        ],
    },
    KeyGroup {
        title: "Sensitivity view",
        keys: &[
            k(
                "Tab ↑↓",
                "chart the focused category (Cost when the focus is not on a score)",
            ),
            k("T", "type the target final score for points needed"),
            k(
                "m / M",
                "type the lowest / highest maximum at 100 for the range (Enter keeps, Esc cancels)",
            ),
        ],
    },
    KeyGroup {
        title: "Files",
        keys: &[
            k("s  Ctrl-S", "save the scenario (asks for a file name)"),
            k(
                "o  Ctrl-O",
                "open a scenario from scenarios/ or a typed path",
            ),
            k(
                "e",
                "export a client report of the Compare columns (.html or .md)",
            ),
        ],
    },
    KeyGroup {
        title: "Screen",
        keys: &[
            k("?", "this help (Esc or ? closes it)"),
            k("q  Esc", "quit (when not typing a value)"),
            k("Ctrl-C", "quit at once"),
            k(
                "mouse (--mouse)",
                "click a field to focus it; scroll over a field to nudge it",
            ),
        ],
    },
];

/// The key hints for the status bar, most important first: they always match what the keys
/// do in the current context (the steps are the focused field's own).
pub fn hints(app: &App) -> Vec<(&'static str, String)> {
    let fixed = |v: &[(&'static str, &str)]| v.iter().map(|(k, a)| (*k, a.to_string())).collect();
    match &app.overlay {
        Overlay::Help { .. } => fixed(&[("↑↓", "scroll"), ("Esc/?", "close help")]),
        Overlay::Save(_) => fixed(&[
            ("Enter", "save"),
            ("Esc", "cancel"),
            ("Backspace", "delete"),
            ("Ctrl-U", "clear"),
        ]),
        Overlay::ConfirmOverwrite { .. } => {
            fixed(&[("y", "overwrite"), ("n/Esc", "choose another name")])
        }
        Overlay::Open(_) => fixed(&[
            ("↑↓", "choose"),
            ("type", "filter or a path"),
            ("Enter", "open"),
            ("Esc", "cancel"),
        ]),
        Overlay::FileError { .. } => fixed(&[("Enter/Esc", "close")]),
        Overlay::Export(_) => fixed(&[
            ("Enter", "write the report"),
            ("Esc", "cancel"),
            ("Backspace", "delete"),
            ("Ctrl-U", "clear"),
        ]),
        Overlay::ConfirmExport { .. } => {
            fixed(&[("y", "overwrite"), ("n/Esc", "choose another name")])
        }
        Overlay::None => {
            if let Some(e) = &app.sens.edit {
                return if e.error.is_some() {
                    fixed(&[("Backspace", "fix"), ("Ctrl-U", "clear"), ("Esc", "cancel")])
                } else {
                    fixed(&[
                        ("Enter", "keep"),
                        ("Esc", "cancel"),
                        ("0-9 .", "type"),
                        ("Backspace", "delete"),
                    ])
                };
            }
            if let Some(e) = &app.edit {
                // Only what works now: an invalid value cannot be kept or left.
                return if e.error.is_some() {
                    fixed(&[("Backspace", "fix"), ("Ctrl-U", "clear"), ("Esc", "cancel")])
                } else if e.incomplete {
                    fixed(&[("0-9", "type"), ("Backspace", "delete"), ("Esc", "cancel")])
                } else {
                    fixed(&[
                        ("Enter", "keep"),
                        ("Esc", "cancel"),
                        ("0-9 .", "type"),
                        ("Backspace", "delete"),
                        ("Tab", "keep + next"),
                    ])
                };
            }
            let mut v: Vec<(&'static str, String)> = Vec::with_capacity(16);
            if app.view == View::Presentation {
                // No inputs panel: say which field the nudges change, and how to leave.
                let f = app.focus;
                let what = format!("{} {}", f.label(), super::teach::focused_value(app));
                v.push(match f.kind() {
                    Kind::Number => ("←→", format!("nudge {what}")),
                    Kind::Choice => ("←→ Space", format!("change {what}")),
                    Kind::Toggle => ("Space", format!("toggle {what}")),
                });
                v.push(("Tab", "other field".into()));
                v.push(("u", "undo".into()));
                v.push(("P/Esc", "leave presentation".into()));
                v.push(("g", "group".into()));
                v.push(("q", "quit".into()));
                v.push(("?", "help".into()));
                return v;
            }
            if app.view == View::Walkthrough {
                v.push(("n/N", "next / back step".into()));
            }
            match app.focus.kind() {
                Kind::Number => {
                    if let Some(spec) = app.focus.number_spec(app.year_rules(), app.years) {
                        let step = |x: f64| step_text(app.focus, x);
                        v.push(("←→", format!("±{}", step(spec.steps.normal))));
                        if spec.steps.big != spec.steps.normal {
                            v.push(("[ ]", format!("±{}", step(spec.steps.big))));
                        }
                        if spec.steps.fine != spec.steps.normal {
                            v.push(("< >", format!("±{}", step(spec.steps.fine))));
                        }
                    }
                    v.push(("0-9", "type".into()));
                    match app.focus {
                        Field::Score(_) => v.push(("Space", "not scored".into())),
                        Field::PartBCharges => v.push(("Space", "none".into())),
                        Field::MaxPositive | Field::ExceptionalBonusMax => {
                            v.push(("Space", "default".into()))
                        }
                        _ => {}
                    }
                }
                Kind::Choice => v.push(("←→ Space", "option".into())),
                Kind::Toggle => v.push(("Space", "toggle".into())),
            }
            v.push(("Tab ↑↓", "field".into()));
            match app.view {
                View::Compare => {
                    v.push(("a", "pin column".into()));
                    v.push(("A", "add file".into()));
                    if !app.compare.pins.is_empty() {
                        v.push(("c", "clear columns".into()));
                    }
                    v.push(("e", "export report".into()));
                }
                View::National => {
                    v.push(("e", "export report".into()));
                }
                View::Sensitivity => {
                    v.push(("T", "target".into()));
                    v.push(("m M", "max range".into()));
                }
                View::Results | View::Walkthrough | View::Presentation => {}
            }
            v.push(("u", "undo".into()));
            v.push(("b", "baseline".into()));
            if app.baseline.is_some() {
                v.push(("B", "back to baseline".into()));
            }
            v.push(("s", "save".into()));
            v.push(("o", "open".into()));
            v.push(("q", "quit".into()));
            v.push(("t", "trace".into()));
            if View::ALL.len() > 1 {
                v.push(("v", "view".into()));
            }
            v.push(("g", "group".into()));
            v.push(("P", "present".into()));
            v.push(("?", "help".into()));
            v
        }
    }
}

/// A step as the status bar shows it: "1", "0.1", "$10k".
fn step_text(field: Field, step: f64) -> String {
    if field == Field::PartBCharges {
        format!("${}k", crate::format::number(step / 1000.0))
    } else {
        crate::format::number(step)
    }
}
