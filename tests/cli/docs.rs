//! The documents cannot go stale: every ```console example in README.md and docs/*.md is
//! run against the real binary and must print exactly what the page shows (trycmd: `$ ` starts
//! a command, `? 2` is its exit code, `...` on its own line and `[..]` inside a line skip
//! output), and the explorer page's key tables are the explorer's own key table.
//!
//! After changing a command's output: `TRYCMD=overwrite cargo test --test cli docs::` rewrites the
//! examples' output in place (keeping `...` and `[..]` where it can); review the diff.

use crate::common;

use mips_whatif::app::View;
use mips_whatif::app::keymap::help_groups;
use mips_whatif::ui::Theme;

#[test]
fn every_console_example_in_the_documents_prints_what_the_page_shows() {
    trycmd::TestCases::new()
        .register_bin(
            "mips-whatif",
            std::path::PathBuf::from(env!("CARGO_BIN_EXE_mips-whatif")),
        )
        .env("NO_COLOR", "1")
        .case("README.md")
        .case("docs/*.md");
}

const KEYS_BEGIN: &str = "<!-- keys: the explorer's key table; tests/cli/docs.rs checks it -->";
const KEYS_END: &str = "<!-- end of keys -->";

/// The key tables as docs/explorer.md shows them, built from the explorer's key table.
fn key_tables() -> String {
    let cell = |text: &str| text.replace('|', "\\|");
    let mut out = String::new();
    for (group, lines) in help_groups() {
        out.push_str(&format!(
            "\n### {}\n\n| Keys | Does |\n|---|---|\n",
            group.title()
        ));
        for line in lines {
            out.push_str(&format!(
                "| `{}` | {} |\n",
                cell(line.label),
                cell(line.help)
            ));
        }
    }
    out.push_str("\n### Views\n\n| Key | View | Shows |\n|---|---|---|\n");
    for view in View::tabs(true) {
        out.push_str(&format!(
            "| `F{}` | {} | {} |\n",
            view.function_key(),
            view.label(),
            cell(view.description())
        ));
    }
    out.push('\n');
    out
}

#[test]
fn the_explorer_page_lists_every_key_the_explorer_has() {
    let page = std::fs::read_to_string("docs/explorer.md").expect("docs/explorer.md");
    let begin = page
        .find(KEYS_BEGIN)
        .expect("the page marks where its key tables begin")
        + KEYS_BEGIN.len();
    let end = page
        .find(KEYS_END)
        .expect("the page marks where its key tables end");
    let expected = key_tables();
    assert!(
        expected.contains("| `?` |") && expected.contains("| `F2` | Results |"),
        "the key tables name the help key and the first view"
    );
    if std::env::var("TRYCMD").as_deref() == Ok("overwrite") && page[begin..end] != expected {
        // `TRYCMD=overwrite cargo test --test cli docs::` refreshes the page with the keys.
        let refreshed = format!("{}{}{}", &page[..begin], expected, &page[end..]);
        std::fs::write("docs/explorer.md", refreshed).expect("write docs/explorer.md");
        return;
    }
    assert_eq!(
        &page[begin..end],
        expected,
        "docs/explorer.md's key tables differ from the explorer's; they should read:\n{expected}"
    );
}

#[test]
fn the_commented_scenario_on_the_scenario_page_is_the_file_its_example_scores() {
    let page = std::fs::read_to_string("docs/scenario.md").expect("docs/scenario.md");
    let file = std::fs::read_to_string("docs/examples/scenario.toml").expect("the example file");
    let block = page
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```\n").next())
        .expect("the page shows the scenario in a ```toml block");
    assert!(block.contains("performance_year = 2024"));
    assert_eq!(
        block, file,
        "docs/scenario.md shows a different file than it scores"
    );
}

#[test]
fn the_what_if_rules_file_of_the_rules_page_differs_from_the_built_in_year_only_in_its_threshold() {
    let built_in = std::fs::read_to_string("assets/rules/2024.toml").expect("built-in rules");
    let copy = std::fs::read_to_string("docs/examples/rules/2024.toml").expect("the copy");
    let body = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with('#'))
            .map(str::to_string)
            .collect()
    };
    let (built_in, copy) = (body(&built_in), body(&copy));
    assert_eq!(
        built_in.len(),
        copy.len(),
        "the copy has other lines than the built-in file"
    );
    let differing: Vec<(&String, &String)> =
        built_in.iter().zip(&copy).filter(|(a, b)| a != b).collect();
    let threshold = built_in
        .iter()
        .position(|l| l == "[performance_threshold]")
        .expect("a threshold table");
    let expected: Vec<(&String, &String)> = (threshold + 1..threshold + 4)
        .map(|i| (&built_in[i], &copy[i]))
        .collect();
    assert_eq!(
        differing, expected,
        "only the threshold's value, confidence and source differ"
    );
    assert_eq!(copy[threshold + 1], "value = 80");
}

#[test]
fn the_screen_in_the_readme_is_what_the_explorer_draws_at_100_by_38() {
    let readme = std::fs::read_to_string("README.md").expect("README.md");
    let intro = "`cargo run --release` in a 100×38 terminal:\n\n```text\n";
    let start = readme.find(intro).expect("the README shows a screen") + intro.len();
    let shown = &readme[start..start + readme[start..].find("```\n").expect("end of screen")];
    let mut app = common::default_app();
    let terminal = common::drive(&mut app, 100, 38, &[], &Theme::color());
    let buffer = terminal.backend().buffer();
    let mut drawn = String::new();
    for y in 0..buffer.area.height {
        let line: String = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        drawn.push_str(line.trim_end());
        drawn.push('\n');
    }
    assert!(
        drawn.contains("Final score 86.01"),
        "the built-in group's score is on the screen"
    );
    assert_eq!(
        shown, drawn,
        "README.md's screen differs from the explorer's; it should read:\n{drawn}"
    );
}

#[test]
fn every_link_between_the_documents_leads_to_a_file_that_exists() {
    let mut pages = vec![std::path::PathBuf::from("README.md")];
    for entry in std::fs::read_dir("docs").expect("docs/") {
        let path = entry.expect("a docs/ entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            pages.push(path);
        }
    }
    let mut links = 0;
    for page in &pages {
        let text = std::fs::read_to_string(page).expect("a page");
        for (at, _) in text.match_indices("](") {
            let rest = &text[at + 2..];
            let target = &rest[..rest.find(')').unwrap_or(rest.len())];
            let file = target.split('#').next().unwrap_or("");
            if file.is_empty() || file.contains("://") {
                continue;
            }
            let resolved = page.parent().expect("a folder").join(file);
            assert!(
                resolved.exists(),
                "{} links to {target}, which does not exist",
                page.display()
            );
            links += 1;
        }
    }
    assert!(
        links >= 10,
        "the README links its documents ({links} links found)"
    );
}
