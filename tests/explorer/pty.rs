//! End to end: the real binary in a pseudo-terminal. Every wait is bounded (termlens'
//! deadline), so a broken build fails instead of hanging.

use std::time::Duration;

use termlens::{Key, Terminal};

const DEADLINE: Duration = Duration::from_secs(20);

/// The explorer with a state folder of its own (so recovery files never reach the user's;
/// removed when the returned folder is dropped).
fn explorer(args: &[&str], no_color: bool) -> termlens::Result<(Terminal, tempfile::TempDir)> {
    let state = tempfile::tempdir().expect("a temporary folder");
    let mut b = Terminal::builder()
        .size(120, 40)
        .env_clear()
        .env("TERM", "xterm-256color")
        .env("XDG_STATE_HOME", state.path())
        .timeout(DEADLINE)
        .args(args);
    if no_color {
        b = b.env("NO_COLOR", "1");
    }
    Ok((b.spawn(env!("CARGO_BIN_EXE_mips-whatif"))?, state))
}

#[test]
fn typing_a_cost_score_changes_the_final_score_on_screen() -> termlens::Result<()> {
    let (mut t, _state) = explorer(&[], false)?;
    t.wait_until(|s| s.contains("Final score 86.01 of 100"))?;
    assert!(
        t.screen().alternate_screen(),
        "the explorer uses the alternate screen"
    );
    // Focus cost, type 90: 78.79 × 30% + 90 × 30% + 100 × 15% + 100 × 25% = 90.64.
    t.send(Key::Tab)?;
    t.send_str("90")?;
    t.wait_until(|s| s.contains("Final score 90.64 of 100"))?;
    t.send(Key::Enter)?;
    t.wait_until(|s| s.contains("▶ Cost               90 "))?;
    // The change is unsaved: q asks, d discards and quits.
    t.send(Key::Char('q'))?;
    t.wait_until(|s| s.contains("Quitting now would lose"))?;
    t.send(Key::Char('d'))?;
    let status = t.wait_exit()?;
    assert!(status.success(), "exit status {status}");
    assert_eq!(status.code(), Some(0));
    assert!(!t.screen().alternate_screen(), "the terminal is restored");
    Ok(())
}

#[test]
fn ctrl_c_quits_while_typing() -> termlens::Result<()> {
    let (mut t, _state) = explorer(&[], true)?;
    t.wait_until(|s| s.contains("Final score"))?;
    t.send_str("5")?;
    t.wait_until(|s| s.contains("Enter keep"))?;
    // Unsaved: the first Ctrl-C asks, the second quits at once.
    t.send(Key::Ctrl('c'))?;
    t.wait_until(|s| s.contains("Quitting now would lose"))?;
    t.send(Key::Ctrl('c'))?;
    assert!(t.wait_exit()?.success());
    assert!(!t.screen().alternate_screen());
    Ok(())
}

#[test]
fn a_file_that_fails_validation_is_refused_before_the_screen_opens() -> termlens::Result<()> {
    let (mut t, _state) = explorer(&["tests/fixtures/bad-score.toml"], true)?;
    let status = t.wait_exit()?;
    assert_eq!(status.code(), Some(2));
    let text = t.screen().text();
    assert!(
        text.contains("scores.quality: 120 is out of range"),
        "{text}"
    );
    Ok(())
}

#[test]
fn exit_after_first_frame_draws_and_exits() -> termlens::Result<()> {
    let (mut t, _state) = explorer(&["--exit-after-first-frame"], false)?;
    let status = t.wait_exit()?;
    assert_eq!(status.code(), Some(0));
    assert!(!t.screen().alternate_screen());
    Ok(())
}

#[test]
fn with_mouse_a_click_focuses_a_field_and_the_wheel_nudges_it() -> termlens::Result<()> {
    let (mut t, _state) = explorer(&["--mouse"], true)?;
    t.wait_until(|s| s.contains("Final score 86.01") && s.contains("Clinicians"))?;
    let (row, col) = t
        .screen()
        .find("Clinicians")
        .expect("the clinicians field is shown");
    t.click(col, row)?;
    t.wait_until(|s| s.contains("▶ Clinicians"))?;
    t.scroll(col, row, termlens::Scroll::Up)?;
    t.wait_until(|s| s.contains("26  large"))?;
    t.send(Key::Char('q'))?;
    t.wait_until(|s| s.contains("Quitting now would lose"))?;
    t.send(Key::Char('d'))?;
    assert!(t.wait_exit()?.success());
    Ok(())
}

#[test]
fn a_panic_inside_the_explorer_restores_the_terminal() -> termlens::Result<()> {
    let (mut t, _state) = explorer(&["--panic-after-first-frame"], true)?;
    let status = t.wait_exit()?;
    assert!(!status.success(), "a panic exits with a failure status");
    let screen = t.screen();
    assert!(!screen.alternate_screen(), "back on the normal screen");
    assert!(screen.cursor_visible(), "the cursor is shown again");
    let text = screen.text();
    assert!(
        text.contains("deliberate panic after the first frame"),
        "{text}"
    );
    Ok(())
}

#[test]
fn tiny_terminals_and_rapid_resizes_are_survived() -> termlens::Result<()> {
    let state = tempfile::tempdir().expect("a temporary folder");
    let mut t = Terminal::builder()
        .size(2, 2)
        .env_clear()
        .env("TERM", "xterm-256color")
        .env("XDG_STATE_HOME", state.path())
        .env("NO_COLOR", "1")
        .timeout(DEADLINE)
        .spawn(env!("CARGO_BIN_EXE_mips-whatif"))?;
    t.wait_until(|s| s.alternate_screen())?;
    t.resize(20, 5)?;
    t.wait_until(|s| s.contains("Enlarge"))?;
    // Keys still work while too small: move to Cost and nudge it up by 10.
    t.send(Key::Tab)?;
    t.send(Key::Char(']'))?;
    for i in 0..40u16 {
        t.resize(2 + (i * 37) % 200, 2 + (i * 13) % 60)?;
    }
    t.resize(120, 40)?;
    // 78.79 × 30% + 84.58 × 30% + 100 × 15% + 100 × 25% = 89.01.
    t.wait_until(|s| s.contains("Final score 89.01 of 100"))?;
    t.send(Key::Char('q'))?;
    t.wait_until(|s| s.contains("Quitting now would lose"))?;
    t.send(Key::Char('d'))?;
    let status = t.wait_exit()?;
    assert_eq!(status.code(), Some(0));
    assert!(!t.screen().alternate_screen());
    Ok(())
}

#[test]
fn a_lesson_plays_in_the_terminal_step_by_step() -> termlens::Result<()> {
    let (mut t, _state) = explorer(
        &["lesson", "lessons/the-cliff-and-the-threshold.toml"],
        true,
    )?;
    t.wait_until(|s| s.contains("Step 1 of 8 · Exactly the threshold"))?;
    t.wait_until(|s| s.contains("Final score 75.00 of 100"))?;
    t.send(Key::Char('n'))?;
    t.wait_until(|s| s.contains("Step 2 of 8 · Just below the threshold"))?;
    t.wait_until(|s| s.contains("Final score 73.50 of 100"))?;
    // The question on a key, then its answer.
    t.send(Key::Char('i'))?;
    t.wait_until(|s| s.contains("? What is the cut at a final score of 60?"))?;
    t.send(Key::Char('i'))?;
    t.wait_until(|s| s.contains("→ −1.80%"))?;
    // Free editing, then back to the script.
    t.send(Key::Char(']'))?;
    t.wait_until(|s| s.contains("Off the script"))?;
    t.send(Key::Char('r'))?;
    t.wait_until(|s| s.contains("Back to the lesson's scenario"))?;
    t.wait_until(|s| s.contains("Final score 73.50 of 100"))?;
    t.send(Key::Char('n'))?;
    t.wait_until(|s| s.contains("Step 3 of 8"))?;
    t.wait_until(|s| s.contains("Final score 18.75 of 100"))?;
    t.send(Key::Char('q'))?;
    let status = t.wait_exit()?;
    assert_eq!(status.code(), Some(0));
    assert!(!t.screen().alternate_screen());
    Ok(())
}

#[test]
fn editing_a_measures_rate_in_the_measures_view_shows_the_new_final_score() -> termlens::Result<()>
{
    use mips_whatif::builders::quality::Performance;
    let path = "scenarios/small-practice-six-mips-cqms.toml";
    // What the engine says once 134 is at 95%: the screen must show the same.
    let rules = mips_whatif::rules::RuleSet::embedded().expect("embedded rules are valid");
    let mut s = mips_whatif::scenario::Scenario::load(std::path::Path::new(path), &rules)
        .expect("the library scenario is valid");
    s.measures.quality.as_mut().unwrap().measures[2].performance = Performance::Rate(95.0);
    mips_whatif::builders::apply(&mut s);
    let year = rules.year(s.performance_year).unwrap();
    let expected = mips_whatif::engine::score(&s, year).final_score_published;
    assert_ne!(
        format!("{expected:.2}"),
        "77.03",
        "the edit moves the score"
    );

    let (mut t, _state) = explorer(&[path], true)?;
    t.wait_until(|s| s.contains("Final score 77.03 of 100"))?;
    // The Measures view (V: the last view), third measure (134), type 95.
    t.send(Key::Char('V'))?;
    t.wait_until(|s| s.contains("Quality: from its measures, 65.09%"))?;
    t.send(Key::Down)?;
    t.send(Key::Down)?;
    t.wait_until(|s| s.contains("▶ 134"))?;
    t.send_str("95")?;
    let want = format!("final score {expected:.2}");
    t.wait_until(|s| s.contains(&want) && s.contains("[Rate % 95▏]"))?;
    t.send(Key::Enter)?;
    t.wait_until(|s| !s.contains("[Rate % 95▏]") && s.contains("[Rate % 95]"))?;
    // The change is unsaved: q asks, d discards and quits.
    t.send(Key::Char('q'))?;
    t.wait_until(|s| s.contains("Quitting now would lose"))?;
    t.send(Key::Char('d'))?;
    let status = t.wait_exit()?;
    assert_eq!(status.code(), Some(0));
    Ok(())
}
