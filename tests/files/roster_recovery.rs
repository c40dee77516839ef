//! Roster edits survive a crash: the recovery file keeps the roster's file and the rows edited
//! since it was opened, and restoring reads the file again and puts the edits back, saying
//! plainly when the file changed or is gone, and keeping every edit.

use std::path::{Path, PathBuf};

use crate::common::*;
use mips_whatif::app::{App, Msg, Overlay, View};
use mips_whatif::explorer::{offer_recovery, perform};
use mips_whatif::recovery::RecoveryStore;
use mips_whatif::roster::ReadOptions;
use mips_whatif::roster::table::{Entry, Roster};
use mips_whatif::scenario::Scenario;
use ratatui::crossterm::event::KeyCode;

const FIXTURE: &str = "tests/fixtures/roster-view.csv";

/// A folder of its own, with a copy of the fixture roster in it.
fn folder(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix(&format!("roster-recovery-{name}"))
        .tempdir()
        .unwrap();
    let file = dir.path().join("clients.csv");
    std::fs::copy(FIXTURE, &file).unwrap();
    (dir, file)
}

fn open(path: &Path) -> App {
    let roster = Roster::load(path, &ReadOptions::default(), &rules()).unwrap();
    let mut app = default_app();
    app.update(Msg::Resize(120, 40));
    app.open_roster(roster);
    app
}

/// Open the entry `i` as the scenario and raise its quality (`]`: +10, to 100 at most).
fn edit_row(app: &mut App, i: usize) -> Scenario {
    press(app, KeyCode::Char('R'));
    press(app, KeyCode::Home);
    repeat(app, KeyCode::Down, i);
    press(app, KeyCode::Enter);
    assert_eq!(app.view, View::Results);
    press(app, KeyCode::Char(']'));
    app.scenario().clone()
}

/// The session's state after a crash: its recovery file written as an ended process's,
/// offered to a new session, and restored with its file work done.
fn crash_and_restore(app: &App, state: &Path) -> App {
    let store = RecoveryStore::in_folder(state);
    let ended = store.for_process(u32::MAX - 11);
    ended
        .write(
            &app.recovery_workspace(),
            "2026-12-01T09:00:00Z".parse().unwrap(),
        )
        .unwrap();
    let mut next = default_app();
    next.update(Msg::Resize(120, 40));
    offer_recovery(&mut next, &store);
    assert!(
        matches!(&next.overlay, Overlay::Question(_)),
        "{:?}",
        next.overlay
    );
    let mut work = press(&mut next, KeyCode::Char('y'));
    while let Some(e) = work.pop() {
        if let Some(msg) = perform(e, &next.rules) {
            work.extend(next.update(msg));
        }
    }
    assert!(
        !ended.file().exists(),
        "the earlier file is forgotten once restored"
    );
    next
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn row_scenario(app: &App, i: usize) -> Scenario {
    app.roster.as_ref().unwrap().roster.entries[i]
        .scored()
        .unwrap()
        .read
        .scenario
        .clone()
}

#[test]
fn a_crash_after_editing_roster_rows_restores_them_on_the_file_read_again() {
    let (dir, file) = folder("same");
    let mut app = open(&file);
    let first = edit_row(&mut app, 0);
    let third = edit_row(&mut app, 2);
    assert_eq!(third.scores.quality, Some(65.0));
    // The recovery file names the roster and holds the two edited rows only.
    let w = app.recovery_workspace();
    let r = w
        .roster
        .as_ref()
        .expect("the roster is in the recovery file");
    assert_eq!(r.file, file);
    assert_eq!(r.rows.iter().map(|e| e.row).collect::<Vec<_>>(), [1, 3]);
    assert_eq!(r.editing, Some(3));
    assert!(r.stamp.is_some());
    // The offer says so, and restoring puts the edits back.
    let store = RecoveryStore::in_folder(dir.path().join("state"));
    store
        .for_process(u32::MAX - 12)
        .write(&w, "2026-12-01T09:00:00Z".parse().unwrap())
        .unwrap();
    let mut offered = default_app();
    offer_recovery(&mut offered, &store);
    let Overlay::Question(q) = &offered.overlay else {
        panic!("{:?}", offered.overlay)
    };
    assert!(
        q.lines
            .iter()
            .any(|l| l.contains("the roster") && l.ends_with(", 2 edited rows")),
        "{:?}",
        q.lines
    );

    let next = crash_and_restore(&app, &dir.path().join("state2"));
    let v = next.roster.as_ref().expect("the roster is open again");
    assert_eq!(v.roster.entries.len(), 7, "the whole file, read again");
    assert_eq!(row_scenario(&next, 0), first);
    assert_eq!(row_scenario(&next, 2), third);
    assert_eq!(v.changed_rows, 2);
    assert!(v.unsaved);
    assert!(
        status(&next).contains("2 edited rows put back"),
        "{}",
        status(&next)
    );
    // The session was on the Results view, editing row 3: it still is, and its edits go on
    // going back to the roster.
    assert_eq!(next.view, View::Results);
    assert_eq!(next.scenario(), &third);
    assert_eq!(v.editing, Some(2));
    assert!(!next.is_modified());
    assert!(
        next.unsaved_work()
            .iter()
            .any(|u| u.contains("2 edited rows of the roster")),
        "{:?}",
        next.unsaved_work()
    );
    // The other rows are the file's.
    let fresh = Roster::load(&file, &ReadOptions::default(), &rules()).unwrap();
    assert_eq!(
        v.roster.entries[1].scored().unwrap().read,
        fresh.entries[1].scored().unwrap().read
    );
}

#[test]
fn a_changed_roster_file_is_said_and_the_edits_follow_their_ids() {
    let (dir, file) = folder("changed");
    let mut app = open(&file);
    let edited = edit_row(&mut app, 3); // row 4, Harbor Pediatrics
    press(&mut app, KeyCode::Char('R'));
    // The file changes while the session is away: its first row is taken out.
    let text = std::fs::read_to_string(&file).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.remove(1);
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let next = crash_and_restore(&app, dir.path());
    let v = next.roster.as_ref().unwrap();
    assert_eq!(v.roster.entries.len(), 6);
    // Harbor Pediatrics is now row 3: the edit goes there.
    assert_eq!(row_scenario(&next, 2), edited);
    assert_eq!(next.view, View::Roster);
    let said = status(&next);
    assert!(
        said.contains("has changed since the session read it"),
        "{said}"
    );
    assert!(said.contains("1 now at another row"), "{said}");
}

#[test]
fn an_edited_row_gone_from_the_file_is_kept_at_the_end() {
    let (dir, file) = folder("row-gone");
    let mut app = open(&file);
    let edited = edit_row(&mut app, 1); // row 2, Northgate Cardiology
    let text = std::fs::read_to_string(&file).unwrap();
    let kept: Vec<&str> = text.lines().filter(|l| !l.contains("Northgate")).collect();
    std::fs::write(&file, kept.join("\n") + "\n").unwrap();
    let next = crash_and_restore(&app, dir.path());
    let v = next.roster.as_ref().unwrap();
    assert_eq!(
        v.roster.entries.len(),
        7,
        "six rows from the file and the edit"
    );
    let last = v.roster.entries.last().unwrap();
    assert_eq!(last.row(), 7);
    assert_eq!(last.id(), Some("1003000002"));
    assert_eq!(row_scenario(&next, 6), edited);
    let said = status(&next);
    assert!(
        said.contains(
            "1 edited row no longer in the file (row 2 1003000002): kept at the end as row 7"
        ),
        "{said}"
    );
    // Still the row being edited.
    assert_eq!(v.editing, Some(6));
}

#[test]
fn a_roster_file_gone_keeps_the_edited_rows_on_their_own() {
    let (dir, file) = folder("gone");
    let mut app = open(&file);
    let second = edit_row(&mut app, 1);
    let fifth = edit_row(&mut app, 4);
    std::fs::remove_file(&file).unwrap();
    let next = crash_and_restore(&app, dir.path());
    let v = next
        .roster
        .as_ref()
        .expect("the edits are kept as a roster");
    let rows: Vec<usize> = v.roster.entries.iter().map(Entry::row).collect();
    assert_eq!(rows, [2, 5]);
    assert_eq!(row_scenario(&next, 0), second);
    assert_eq!(row_scenario(&next, 1), fifth);
    assert_eq!(v.roster.file, file);
    // Northgate's CMS numbers came with it.
    assert_eq!(
        v.roster.entries[0]
            .scored()
            .unwrap()
            .read
            .cms
            .unwrap()
            .final_score,
        Some(85.51)
    );
    assert!(v.unsaved, "unsaved: s saves them");
    let said = status(&next);
    assert!(
        said.contains("could not be read again (no such file)"),
        "{said}"
    );
    assert!(
        said.contains("its 2 edited rows kept on their own"),
        "{said}"
    );
    assert_eq!(next.scenario(), &fifth);
    assert_eq!(v.editing, Some(1));
}

#[test]
fn a_recovery_file_without_a_roster_reads_as_before_and_one_with_it_round_trips() {
    let rules = rules();
    // A file as the previous version wrote it: no [roster].
    let older = "workspace = 1\n\n[explorer]\nview = \"results\"\nwritten_at = 2026-12-01T08:42:00Z\n\n[[column]]\nname = \"Current\"\ncurrent = true\n\n[column.scenario]\nperformance_year = 2024\n\n[column.scenario.practice]\nclinicians = 8\n";
    let parsed =
        mips_whatif::workspace::parse("older.toml", older, Path::new("."), &rules).unwrap();
    assert_eq!(parsed.workspace.roster, None);

    let (dir, file) = folder("text");
    let mut app = open(&file);
    edit_row(&mut app, 1);
    press(&mut app, KeyCode::Char('R'));
    let w = app.recovery_workspace();
    let text = mips_whatif::workspace::to_toml(&w, dir.path());
    assert!(text.contains("\n[roster]"), "{text}");
    assert!(text.contains("file = \"clients.csv\""), "{text}");
    assert!(text.contains("[[roster.row]]"), "{text}");
    assert!(text.contains("view = \"roster\""), "{text}");
    let back = mips_whatif::workspace::parse("r.toml", &text, dir.path(), &rules).unwrap();
    assert_eq!(back.workspace.roster, w.roster);
    assert_eq!(back.workspace.view.as_deref(), Some("roster"));
}

#[test]
fn a_roster_opened_with_a_year_typed_is_restored_with_that_year() {
    // A public use file under a name without its year: the explorer asks for it.
    let dir = tempfile::Builder::new()
        .prefix("roster-recovery-year")
        .tempdir()
        .unwrap();
    let file = dir.path().join("clinicians.csv");
    std::fs::copy("rosters/puf-2021.csv", &file).unwrap();
    let mut app = default_app();
    app.update(Msg::Resize(120, 40));
    let opened = perform(mips_whatif::app::Effect::Open(file.clone()), &app.rules).unwrap();
    app.update(opened);
    assert!(
        matches!(&app.overlay, Overlay::Name(_)),
        "{:?}",
        app.overlay
    );
    type_text(&mut app, "2021");
    let mut work = press(&mut app, KeyCode::Enter);
    while let Some(e) = work.pop() {
        if let Some(msg) = perform(e, &app.rules) {
            work.extend(app.update(msg));
        }
    }
    assert_eq!(app.view, View::Roster);
    let edited = edit_row(&mut app, 0);
    assert_eq!(edited.performance_year, 2021);

    let next = crash_and_restore(&app, &dir.path().join("state"));
    let v = next.roster.as_ref().expect("the roster is open again");
    assert_eq!(v.roster.performance_year, Some(2021));
    assert_eq!(v.roster.entries.len(), 3, "the whole file, read again");
    assert_eq!(row_scenario(&next, 0), edited);
    assert!(
        status(&next).contains("1 edited row put back"),
        "{}",
        status(&next)
    );
}
