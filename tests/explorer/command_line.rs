//! The explorer's command-line behaviour without a terminal.

use assert_cmd::Command;

#[test]
fn without_a_terminal_it_points_at_the_score_command() {
    let out = Command::cargo_bin("mips-whatif")
        .unwrap()
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(err.contains("mips-whatif score"), "{err}");
    assert!(out.stdout.is_empty(), "nothing on stdout");
}
