//! Shell completions and the man page come from the command line's own definitions.

use assert_cmd::Command;

fn run(args: &[&str]) -> (String, String, i32) {
    let out = Command::cargo_bin("mips-whatif")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

const SUBCOMMANDS: [&str; 6] = ["score", "compare", "report", "table", "sweep", "solve"];

#[test]
fn every_shell_completes_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (out, err, code) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        for sub in SUBCOMMANDS {
            assert!(out.contains(sub), "{shell} completions lack {sub}");
        }
        assert!(out.contains("format"), "{shell} completions lack --format");
    }
    let (bash, _, _) = run(&["completions", "bash"]);
    assert!(bash.contains("complete -F"), "{bash}");
}

#[test]
fn an_unknown_shell_is_refused_with_the_choices() {
    let (out, err, code) = run(&["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("invalid value 'tcsh'"), "{err}");
    assert!(
        err.contains("bash") && err.contains("zsh") && err.contains("fish"),
        "{err}"
    );
}

#[test]
fn the_man_page_has_a_page_per_subcommand_with_its_options() {
    let (out, err, code) = run(&["man"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(".ie") || out.contains(".TH mips-whatif 1"),
        "{out}"
    );
    for sub in SUBCOMMANDS {
        assert!(
            out.contains(&format!(".TH mips-whatif-{sub} 1")),
            "no page for {sub}"
        );
    }
    // Options of a subcommand are on its page: `report -o PATH`, `sweep --category`.
    assert!(out.contains("output"), "report's -o is missing");
    assert!(out.contains("category"), "sweep's --category is missing");
    assert!(out.contains(env!("CARGO_PKG_VERSION")));
    // The hidden testing options stay out of the manual.
    assert!(
        !out.contains("exit\\-after\\-first\\-frame"),
        "hidden option shown"
    );
}
