//! Nothing is lost when the explorer is killed: the real binary in a pseudo-terminal is
//! killed mid-edit (SIGKILL: no chance to clean up), started again, and offers the session
//! back — from when — and restores it. A pasted text never runs a command. Every wait is
//! bounded (termlens' deadline).

use std::time::Duration;

use termlens::{Key, Signal, Terminal};

const DEADLINE: Duration = Duration::from_secs(20);

fn explorer(state: &std::path::Path, args: &[&str]) -> termlens::Result<Terminal> {
    Terminal::builder()
        .size(120, 40)
        .env_clear()
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .env("XDG_STATE_HOME", state)
        .timeout(DEADLINE)
        .args(args)
        .spawn(env!("CARGO_BIN_EXE_mips-whatif"))
}

fn recovery_files(state: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(state.join("mips-whatif/recovery"))
        .map(|r| {
            r.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                // A write in progress when the process was killed (removed at the next start).
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_killed_session_is_offered_back_and_restored() -> termlens::Result<()> {
    let state = tempfile::tempdir().unwrap();
    let mut t = explorer(state.path(), &[])?;
    t.wait_until(|s| s.contains("Final score 86.01 of 100"))?;
    // Edit: cost 90 (final score 90.64), and pin a baseline.
    t.send(Key::Tab)?;
    t.send_str("90")?;
    t.send(Key::Enter)?;
    t.wait_until(|s| s.contains("Final score 90.64 of 100"))?;
    t.send(Key::Char('b'))?;
    t.wait_until(|s| s.contains("Baseline pinned"))?;
    // The recovery file is written on every change: wait for it, then kill.
    let deadline = std::time::Instant::now() + DEADLINE;
    let folder = state.path().join("mips-whatif/recovery");
    let holds_the_baseline = || {
        recovery_files(state.path()).iter().any(|f| {
            std::fs::read_to_string(folder.join(f)).is_ok_and(|t| t.contains("baseline = true"))
        })
    };
    while !holds_the_baseline() {
        assert!(
            std::time::Instant::now() < deadline,
            "no recovery file with the baseline"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    t.signal(Signal::Kill)?;
    let _ = t.wait_exit();
    assert_eq!(recovery_files(state.path()).len(), 1);

    // Start again: the session is offered, with when it was saved.
    let mut t = explorer(state.path(), &[])?;
    t.wait_until(|s| s.contains("Restore the earlier session?"))?;
    let text = t.screen().text();
    assert!(text.contains("It was last saved"), "{text}");
    assert!(text.contains("today ("), "{text}");
    assert!(text.contains("(baseline)"), "{text}");
    // Nothing happens behind the question: a key for the main screen does nothing.
    t.send(Key::Char('y'))?;
    t.wait_until(|s| s.contains("Earlier session restored"))?;
    t.wait_until(|s| s.contains("Final score 90.64 of 100"))?;
    // The restored file was the old one; this session writes its own.
    t.send(Key::Char('q'))?;
    t.wait_until(|s| s.contains("Quitting now would lose") && s.contains("a pinned baseline"))?;
    t.send(Key::Char('d'))?;
    assert!(t.wait_exit()?.success());
    assert!(
        recovery_files(state.path()).is_empty(),
        "a clean quit leaves nothing to recover: {:?}",
        recovery_files(state.path())
    );
    Ok(())
}

#[test]
fn a_corrupt_recovery_file_is_set_aside_and_the_explorer_starts() -> termlens::Result<()> {
    let state = tempfile::tempdir().unwrap();
    let folder = state.path().join("mips-whatif/recovery");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("session-4000000000.toml"),
        "workspace = 1\n[[column",
    )
    .unwrap();
    let mut t = explorer(state.path(), &[])?;
    t.wait_until(|s| s.contains("Final score 86.01 of 100"))?;
    t.wait_until(|s| s.contains("set aside"))?;
    t.send(Key::Char('q'))?;
    assert!(t.wait_exit()?.success());
    let names = recovery_files(state.path());
    assert_eq!(names, ["session-4000000000.toml.corrupt"], "{names:?}");
    Ok(())
}

#[test]
fn a_paste_goes_into_the_field_and_never_runs_a_command() -> termlens::Result<()> {
    let state = tempfile::tempdir().unwrap();
    let mut t = explorer(state.path(), &[])?;
    t.wait_until(|s| s.contains("Final score 86.01 of 100") && s.bracketed_paste())?;
    // Focus cost; paste text that starts with q (quit) and holds "e" (export).
    t.send(Key::Tab)?;
    t.paste("quit and export 90")?;
    t.wait_until(|s| s.contains("Nothing pasted into Cost"))?;
    // A number copied from a spreadsheet: taken, and what was dropped is said.
    t.paste("90%")?;
    t.wait_until(|s| s.contains("Pasted 90 into Cost; dropped “%”"))?;
    t.wait_until(|s| s.contains("Final score 90.64 of 100"))?;
    t.send(Key::Enter)?;
    t.send(Key::Char('q'))?;
    t.wait_until(|s| s.contains("Quitting now would lose"))?;
    t.send(Key::Char('d'))?;
    assert!(t.wait_exit()?.success());
    Ok(())
}

#[test]
fn a_workspace_opens_directly_from_the_command_line() -> termlens::Result<()> {
    let state = tempfile::tempdir().unwrap();
    let mut t = explorer(
        state.path(),
        &["docs/examples/small-practice-pi.workspace.toml"],
    )?;
    // The workspace's view is Compare, with its named columns and the baseline first.
    t.wait_until(|s| s.contains("Opened the workspace"))?;
    t.wait_until(|s| s.contains("PI not reported") && s.contains("PI reported at 80%"))?;
    t.send(Key::Char('q'))?;
    assert!(t.wait_exit()?.success(), "nothing unsaved: q quits");
    Ok(())
}

#[test]
fn a_killed_session_with_edited_roster_rows_gets_them_back() -> termlens::Result<()> {
    let state = tempfile::tempdir().unwrap();
    let roster = state.path().join("clients.csv");
    std::fs::copy("tests/fixtures/roster-view.csv", &roster).unwrap();
    let roster_arg = roster.display().to_string();
    let mut t = explorer(state.path(), &[&roster_arg])?;
    t.wait_until(|s| s.contains("Opened roster"))?;
    // Row 2 opened as the scenario, its quality raised by 10, back to the roster.
    t.send(Key::Down)?;
    t.send(Key::Enter)?;
    t.wait_until(|s| s.contains("Editing row 2"))?;
    t.send(Key::Char(']'))?;
    t.send(Key::Char('R'))?;
    t.wait_until(|s| s.contains("1 edited, not saved"))?;
    let deadline = std::time::Instant::now() + DEADLINE;
    let folder = state.path().join("mips-whatif/recovery");
    let holds_the_row = || {
        recovery_files(state.path()).iter().any(|f| {
            std::fs::read_to_string(folder.join(f)).is_ok_and(|t| {
                t.contains("[[roster.row]]")
                    && t.contains("quality = 100")
                    && t.contains("view = \"roster\"")
            })
        })
    };
    while !holds_the_row() {
        assert!(
            std::time::Instant::now() < deadline,
            "no recovery file with the edited row"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    t.signal(Signal::Kill)?;
    let _ = t.wait_exit();

    let mut t = explorer(state.path(), &[])?;
    t.wait_until(|s| s.contains("Restore the earlier session?"))?;
    let text = t.screen().text();
    assert!(text.contains("clients.csv, 1 edited row"), "{text}");
    t.send(Key::Char('y'))?;
    t.wait_until(|s| s.contains("its 1 edited row put back"))?;
    t.wait_until(|s| s.contains("1 edited, not saved") && s.contains("Northgate Cardiology"))?;
    t.send(Key::Char('q'))?;
    t.wait_until(|s| s.contains("1 edited row of the roster"))?;
    t.send(Key::Char('d'))?;
    assert!(t.wait_exit()?.success());
    Ok(())
}
