//! Client-ready reports: title, client, author, date (never the clock unless asked) and a note
//! from `report` options or a workspace, and the executive summary that opens every
//! comparison (best option, worth against the baseline, break-even of each lever).

use assert_cmd::Command;
use mips_whatif::report::{Entry, ReportDetails, build, build_with};
use mips_whatif::rules::RuleSet;
use mips_whatif::scenario::Scenario;
use mips_whatif::sensitivity::MaxRange;

const NO_PI: &str = "scenarios/small-practice-no-pi.toml";
const WITH_PI: &str = "scenarios/small-practice-reporting-pi.toml";
const PY2025: &str = "scenarios/py2025-projection-assumed-max.toml";
const WORKSPACE: &str = "docs/examples/small-practice-pi.workspace.toml";

fn rules() -> RuleSet {
    RuleSet::embedded().unwrap()
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_mips-whatif"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn load(path: &str) -> Scenario {
    Scenario::load(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path),
        &rules(),
    )
    .unwrap()
}

/// The part of a Markdown report from `## Executive summary` to the next `##` heading.
fn summary_of(md: &str) -> &str {
    let start = md
        .find("## Executive summary")
        .expect("an executive summary");
    let rest = &md[start + 2..];
    let end = rest.find("\n## ").map_or(rest.len(), |e| e + 1);
    &md[start..start + 2 + end]
}

#[test]
fn markdown_report_of_a_workspace() {
    let (code, out, err) = run(&["report", WORKSPACE]);
    assert_eq!(code, 0, "{err}");
    // Everything up to the comparison table: title, details, summary, note, contents.
    let head = &out[..out.find("Produced by mips-whatif").unwrap()];
    // The workspace's own details open the report, and its columns are listed in order.
    let opened = mips_whatif::workspace::open(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(WORKSPACE),
        &rules(),
    )
    .unwrap();
    let details = &opened.workspace.report;
    let title = details.title.as_deref().unwrap();
    assert!(head.starts_with(&format!("# {title}\n")), "{head}");
    let client = details.client.as_deref().unwrap();
    assert!(
        head.contains(&format!("**Prepared for:** {client}")),
        "{head}"
    );
    let mut rest = head;
    for (index, column) in opened.workspace.columns.iter().enumerate() {
        let letter = char::from(b'A' + index as u8);
        let listed = format!("- **{letter}**: {}", column.name);
        let at = rest
            .find(&listed)
            .unwrap_or_else(|| panic!("`{listed}` not next"));
        rest = &rest[at + listed.len()..];
    }
    insta::assert_snapshot!(head);
}

#[test]
fn html_report_carries_the_details_escaped() {
    let (code, out, err) = run(&[
        "report",
        NO_PI,
        WITH_PI,
        "--format",
        "html",
        "--title",
        "Options <2025>",
        "--client",
        "Smith & Jones",
        "--prepared-by",
        "A. Consultant",
        "--date",
        "1 December 2026",
        "--note",
        "Do not report PI.\n\nUnless <b>94%</b> is reachable.",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("<title>Options &lt;2025&gt;</title>"), "{out}");
    assert!(out.contains("<h1>Options &lt;2025&gt;</h1>"));
    assert!(out.contains("<dt>Prepared for</dt><dd>Smith &amp; Jones</dd>"));
    assert!(out.contains("<dt>Prepared by</dt><dd>A. Consultant</dd>"));
    assert!(out.contains("<dt>Date</dt><dd>1 December 2026</dd>"));
    assert!(
        out.contains(
            "<p>Do not report PI.</p>\n<p>Unless &lt;b&gt;94%&lt;/b&gt; is reachable.</p>"
        )
    );
    assert!(!out.contains("<b>94%"));
    // The summary comes before the side-by-side comparison.
    let summary = out.find("Executive summary").unwrap();
    let note = out.find("Note and recommendation").unwrap();
    let about = out.find("Produced by mips-whatif").unwrap();
    assert!(summary < note && note < about);
}

#[test]
fn the_date_is_never_the_clock_unless_asked() {
    let (_, plain, _) = run(&["report", NO_PI, WITH_PI]);
    assert!(!plain.contains("**Date:**"), "a date appeared unasked");
    let (code, today, err) = run(&["report", NO_PI, "--date", "today"]);
    assert_eq!(code, 0, "{err}");
    let line = today
        .lines()
        .find(|l| l.starts_with("**Date:** "))
        .expect("a date line");
    let date = line.trim_start_matches("**Date:** ").trim();
    assert_eq!(date.len(), 10, "{date}");
    assert!(date.chars().enumerate().all(|(i, c)| if i == 4 || i == 7 {
        c == '-'
    } else {
        c.is_ascii_digit()
    }));
    // A single scenario has no executive summary (nothing to compare), but keeps its details.
    assert!(!today.contains("Executive summary"));
}

#[test]
fn the_summary_names_the_best_option_and_each_lever_break_even() {
    let (code, out, err) = run(&["report", NO_PI, WITH_PI]);
    assert_eq!(code, 0, "{err}");
    let s = summary_of(&out);
    // Reporting PI at 80% costs the practice: the baseline stays best.
    assert!(
        s.contains("**Best option:** A (Small practice, PI not reported): final score 83.50, payment adjustment +0.36% in 2026 (+$2,142). It is the baseline"),
        "{s}"
    );
    assert!(
        s.contains("- B (Small practice, PI reported) against A (Small practice, PI not reported): -3.50 points, -0.15 percentage points, -$882 in 2026."),
        "{s}"
    );
    // The break-even the scenario files teach: PI must reach 94% (93.98, to 0.01).
    assert!(
        s.contains("- PI must reach 93.98% (now 80) for B to match A's final score of 83.50."),
        "{s}"
    );

    // The other way round, B (not reporting) is best against A (reporting at 80%), and the
    // break-even is still solved where PI is scored.
    let (_, out, _) = run(&["report", WITH_PI, NO_PI]);
    let s = summary_of(&out);
    assert!(
        s.contains("**Best option:** B (Small practice, PI not reported)"),
        "{s}"
    );
    assert!(
        s.contains("+3.50 points, +0.15 percentage points, +$882 in 2026"),
        "{s}"
    );
    assert!(
        s.contains("PI must reach 93.98% (now 80) for A to match B's final score of 83.50."),
        "{s}"
    );
}

#[test]
fn the_summary_gives_the_range_where_the_maximum_is_not_published() {
    let base = load(PY2025);
    let mut better = base.clone();
    better.name = Some("Quality up".into());
    better.scores.quality = Some(95.0);
    let entries = vec![Entry::new("Now", base), Entry::new("Quality up", better)];
    let md = build(&entries, &rules()).unwrap().to_markdown();
    let s = summary_of(&md);
    assert!(s.contains("**Best option:** B (Quality up)"), "{s}");
    assert!(
        s.contains(" in 2027 (+$10,647 to +$23,728; the 2027 maximum is not yet published)."),
        "{s}"
    );
    // What B is worth: a range of percentage points and of dollars, lowest first.
    let line = s
        .lines()
        .find(|l| l.starts_with("- B (Quality up) against A (Now)"))
        .expect("a worth line");
    assert!(line.contains(" to +"), "{line}");
    assert!(line.contains("percentage points"), "{line}");
    assert!(line.contains("$"), "{line}");
    assert!(s.contains("Quality could fall to"), "{s}");

    // A narrower band of maxima narrows the range.
    let wide = build_with(
        &entries,
        &rules(),
        &ReportDetails::default(),
        MaxRange::embedded().unwrap(),
    )
    .unwrap()
    .to_markdown();
    let narrow = build_with(
        &entries,
        &rules(),
        &ReportDetails::default(),
        MaxRange::embedded()
            .unwrap()
            .with_bounds(Some(1.5), Some(1.5))
            .unwrap(),
    )
    .unwrap()
    .to_markdown();
    assert_eq!(wide, md);
    assert_ne!(summary_of(&narrow), summary_of(&wide));
}

#[test]
fn report_options_are_in_the_help() {
    let (code, out, _) = run(&["report", "--help"]);
    assert_eq!(code, 0);
    for option in ["--title", "--client", "--prepared-by", "--date", "--note"] {
        assert!(out.contains(option), "{option} missing from report --help");
    }
    assert!(out.contains("today"));
}
