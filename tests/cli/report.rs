//! `mips-whatif report`: Markdown and HTML snapshots, the HTML checked to be well-formed and
//! self-contained, user text escaped, and `-o` writing files safely.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use mips_whatif::report::{Entry, ReportError, build};
use mips_whatif::rules::RuleSet;
use mips_whatif::scenario::{Participation, ReportingOption, Scenario};
use proptest::prelude::*;

const NO_PI: &str = "scenarios/small-practice-no-pi.toml";
const WITH_PI: &str = "scenarios/small-practice-reporting-pi.toml";
const APP: &str = "scenarios/aco-app.toml";
const PY2025: &str = "scenarios/py2025-projection-assumed-max.toml";
const PY2022: &str = "scenarios/py2022-exceptional-bonus.toml";
const FEWER: &str = "scenarios/fewer-than-two-scored.toml";

fn rules() -> RuleSet {
    RuleSet::embedded().expect("embedded rules are valid")
}

/// The command, run from the crate root so scenario paths (and so the output) are relative.
fn cli() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mips-whatif"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = cli().args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn stdout_of(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?} failed: {err}");
    assert!(err.is_empty(), "{args:?} wrote to stderr: {err}");
    out
}

fn entry(file: &str) -> Entry {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let s = Scenario::load(&path, &rules()).unwrap_or_else(|d| panic!("{d}"));
    Entry::named(s, file).with_source(file)
}

fn library() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("scenario folder")
        .filter_map(|e| e.ok())
        .map(|e| format!("scenarios/{}", e.file_name().to_string_lossy()))
        .filter(|f| f.ends_with(".toml"))
        .collect();
    files.sort();
    files
}

// ---- A small well-formedness checker (the HTML is written to be XML-compatible) -------------

const VOID: [&str; 6] = ["meta", "br", "hr", "img", "input", "link"];

fn check_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() => {}
        _ => return Err(format!("bad name {name:?}")),
    }
    if chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':' || c == '_') {
        Ok(())
    } else {
        Err(format!("bad name {name:?}"))
    }
}

/// Text and attribute values: `<` never appears raw, and every `&` starts a known entity.
fn check_text(text: &str) -> Result<(), String> {
    if text.contains('<') {
        return Err(format!("raw '<' in {text:?}"));
    }
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        rest = &rest[i + 1..];
        let end = rest
            .find(';')
            .ok_or_else(|| format!("unterminated entity near {rest:.20?}"))?;
        let name = &rest[..end];
        let ok = matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")
            || name
                .strip_prefix("#x")
                .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            || name
                .strip_prefix('#')
                .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
        if !ok {
            return Err(format!("unknown entity &{name};"));
        }
        rest = &rest[end + 1..];
    }
    Ok(())
}

/// The attributes of a start tag: `name="value"` pairs, quoted, each name once.
fn check_attributes(mut s: &str) -> Result<Vec<(String, String)>, String> {
    let mut seen = Vec::new();
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return Ok(seen);
        }
        let eq = s
            .find('=')
            .ok_or_else(|| format!("attribute without value: {s:?}"))?;
        let name = &s[..eq];
        check_name(name)?;
        if seen.iter().any(|(n, _)| n == name) {
            return Err(format!("duplicate attribute {name}"));
        }
        let rest = &s[eq + 1..];
        let quote = rest
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
            .ok_or_else(|| format!("unquoted attribute {name}"))?;
        let close = rest[1..]
            .find(quote)
            .ok_or_else(|| format!("unterminated attribute {name}"))?;
        let value = &rest[1..1 + close];
        check_text(value)?;
        seen.push((name.to_string(), value.to_string()));
        s = &rest[close + 2..];
        if !(s.is_empty() || s.starts_with(char::is_whitespace)) {
            return Err(format!("no space after attribute {name}"));
        }
    }
}

/// Every element closed in order, one `html` root, void elements self-closed, text escaped.
fn check_well_formed(doc: &str) -> Result<(), String> {
    let body = doc
        .strip_prefix("<!DOCTYPE html>\n")
        .ok_or("no <!DOCTYPE html> first")?;
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("<!--") {
            let end = r.find("-->").ok_or("unterminated comment")?;
            rest = &r[end + 3..];
        } else if let Some(r) = rest.strip_prefix("</") {
            let end = r.find('>').ok_or("unterminated end tag")?;
            let name = &r[..end];
            check_name(name)?;
            let open = stack.pop().ok_or(format!("</{name}> closes nothing"))?;
            if open != name {
                return Err(format!("</{name}> closes <{open}>"));
            }
            rest = &r[end + 1..];
        } else if let Some(r) = rest.strip_prefix('<') {
            // The tag ends at the first '>' outside quotes.
            let mut quote: Option<char> = None;
            let mut end = None;
            for (i, c) in r.char_indices() {
                match (quote, c) {
                    (None, '"' | '\'') => quote = Some(c),
                    (Some(q), c) if c == q => quote = None,
                    (None, '>') => {
                        end = Some(i);
                        break;
                    }
                    (None, '<') => return Err("'<' inside a tag".into()),
                    _ => {}
                }
            }
            let end = end.ok_or("unterminated tag")?;
            let inner = &r[..end];
            let (inner, self_closing) = match inner.strip_suffix('/') {
                Some(i) => (i, true),
                None => (inner, false),
            };
            let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
            let name = &inner[..name_end];
            check_name(name)?;
            check_attributes(&inner[name_end..])?;
            if VOID.contains(&name) && !self_closing {
                return Err(format!("<{name}> is not self-closed"));
            }
            if stack.is_empty() {
                roots += 1;
                if name != "html" {
                    return Err(format!("root element <{name}>"));
                }
            }
            if !self_closing {
                stack.push(name.to_string());
            }
            rest = &r[end + 1..];
        } else {
            let next = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..next];
            if stack.is_empty() && !text.trim().is_empty() {
                return Err(format!("text outside the root: {text:.40?}"));
            }
            check_text(text)?;
            rest = &rest[next..];
        }
    }
    if let Some(open) = stack.pop() {
        return Err(format!("<{open}> never closed"));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(())
}

/// All attribute values named `attr`, in order.
fn attribute_values(doc: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    for quote in ['"', '\''] {
        let needle = format!(" {attr}={quote}");
        let mut rest = doc;
        while let Some(i) = rest.find(&needle) {
            rest = &rest[i + needle.len()..];
            let end = rest.find(quote).unwrap_or(rest.len());
            out.push(rest[..end].to_string());
        }
    }
    out
}

/// Nothing fetched, nothing run: no scripts, no links to outside, no external URLs.
fn check_self_contained(doc: &str) -> Result<(), String> {
    let lower = doc.to_ascii_lowercase();
    for bad in [
        "<script",
        "<link",
        "<iframe",
        "<object",
        "<embed",
        "<img",
        "@import",
        "@font-face",
        "http://",
        "https://",
        "javascript:",
    ] {
        if lower.contains(bad) {
            return Err(format!("contains {bad}"));
        }
    }
    for attr in ["src", "href", "xlink:href", "action"] {
        for v in attribute_values(&lower, attr) {
            if !v.starts_with('#') {
                return Err(format!("{attr}={v:?} is not a link inside the document"));
            }
        }
    }
    let mut rest = lower.as_str();
    while let Some(i) = rest.find("url(") {
        rest = &rest[i + 4..];
        if !rest.starts_with('#') {
            return Err(format!("url({:.30} is not inside the document", rest));
        }
    }
    if lower.contains("=\"//") || lower.contains("='//") {
        return Err("protocol-relative URL".into());
    }
    Ok(())
}

/// Ids are unique, and every reference (#href, url(#…), aria-labelledby) points at one.
fn check_references(doc: &str) -> Result<(), String> {
    let ids = attribute_values(doc, "id");
    let mut set = HashSet::new();
    for id in &ids {
        if !set.insert(id.as_str()) {
            return Err(format!("duplicate id {id}"));
        }
    }
    let mut refs: Vec<String> = attribute_values(doc, "href")
        .into_iter()
        .filter_map(|h| h.strip_prefix('#').map(str::to_string))
        .collect();
    for v in attribute_values(doc, "aria-labelledby") {
        refs.extend(v.split_whitespace().map(str::to_string));
    }
    let mut rest = doc;
    while let Some(i) = rest.find("url(#") {
        rest = &rest[i + 5..];
        refs.push(rest[..rest.find(')').unwrap_or(0)].to_string());
    }
    for r in refs {
        if !set.contains(r.as_str()) {
            return Err(format!("reference to missing id {r}"));
        }
    }
    Ok(())
}

fn assert_good_html(doc: &str, what: &str) {
    if let Err(e) = check_well_formed(doc) {
        panic!("{what}: not well-formed: {e}");
    }
    if let Err(e) = check_self_contained(doc) {
        panic!("{what}: not self-contained: {e}");
    }
    if let Err(e) = check_references(doc) {
        panic!("{what}: {e}");
    }
    assert!(doc.contains("@media print"), "{what}: no print styles");
    assert!(doc.contains("<svg"), "{what}: no chart");
    assert!(doc.contains("<title id="), "{what}: the chart has no title");
}

#[test]
fn the_checker_catches_what_it_should() {
    assert!(check_well_formed("<!DOCTYPE html>\n<html><p>a &amp; b</p></html>\n").is_ok());
    assert!(check_well_formed("<!DOCTYPE html>\n<html><p>a & b</p></html>").is_err());
    assert!(check_well_formed("<!DOCTYPE html>\n<html><p><b>x</p></b></html>").is_err());
    assert!(check_well_formed("<!DOCTYPE html>\n<html><meta charset=\"utf-8\"></html>").is_err());
    assert!(check_well_formed("<!DOCTYPE html>\n<html><p class=x>a</p></html>").is_err());
    assert!(check_well_formed("<!DOCTYPE html>\n<html><p>a</p>").is_err());
    assert!(check_well_formed("<!DOCTYPE html>\n<html></html><html></html>").is_err());
    assert!(check_self_contained("<a href=\"#x\">x</a>").is_ok());
    assert!(check_self_contained("<a href=\"//evil.example\">x</a>").is_err());
    assert!(check_self_contained("<img src=\"x.png\"/>").is_err());
    assert!(check_self_contained("<p style=\"background:url(x.png)\"></p>").is_err());
    assert!(check_references("<p id=\"a\"></p><a href=\"#a\">a</a>").is_ok());
    assert!(check_references("<p id=\"a\"></p><p id=\"a\"></p>").is_err());
    assert!(check_references("<a href=\"#b\">b</a>").is_err());
}

// ---- Snapshots -------------------------------------------------------------------------------

/// Each scenario's result table leads with its final score as the engine gives it, in the
/// order the files were given.
fn assert_results_in_order(md: &str, files: &[&str]) {
    let rules = rules();
    let mut rest = md;
    for file in files {
        let scenario = entry(file).scenario;
        let result =
            mips_whatif::engine::score(&scenario, rules.year(scenario.performance_year).unwrap());
        let row = format!(
            "| **Final score** | **{}** |",
            mips_whatif::format::two_decimals(result.final_score)
        );
        let at = rest
            .find(&row)
            .unwrap_or_else(|| panic!("{file}: `{row}` is not next in the report:\n{md}"));
        rest = &rest[at + row.len()..];
    }
}

#[test]
fn markdown_single_scenario() {
    let md = stdout_of(&["report", NO_PI]);
    assert_results_in_order(&md, &[NO_PI]);
    insta::assert_snapshot!("markdown_single", md);
}

#[test]
fn markdown_pair() {
    let md = stdout_of(&["report", NO_PI, WITH_PI]);
    assert_results_in_order(&md, &[NO_PI, WITH_PI]);
    insta::assert_snapshot!("markdown_pair", md);
}

#[test]
fn html_single_scenario() {
    let html = stdout_of(&["report", NO_PI, "--format", "html"]);
    assert_good_html(&html, "single");
    insta::assert_snapshot!("html_single", html);
}

#[test]
fn html_pair() {
    let html = stdout_of(&["report", NO_PI, WITH_PI, "--format", "html"]);
    assert_good_html(&html, "pair");
    insta::assert_snapshot!("html_pair", html);
}

// ---- Content ---------------------------------------------------------------------------------

#[test]
fn the_report_says_what_the_engine_says() {
    let md = stdout_of(&["report", NO_PI, WITH_PI]);
    // Results of both scenarios, with the payment year.
    assert!(md.contains("| **Final score** | **83.50** |"), "{md}");
    assert!(md.contains("| **Final score** | **80.00** |"), "{md}");
    assert!(md.contains("| **Payment adjustment in 2026** | **+0.36%** |"));
    assert!(md.contains("| **Dollars in 2026** | **+$1,260** |"));
    // The comparison, with the differences against the first.
    assert!(md.contains("## Side by side"));
    assert!(md.contains("### Differences against A"));
    assert!(md.contains("| Dollar impact | -$882 |"), "{md}");
    // Trace steps with their confidence and source.
    assert!(md.contains("**Weights 40/30/30/0** — *confirmed*"));
    assert!(md.contains("Source: 42 CFR 414.1380(c)"));
    // The national chart for small practices, with the data year and the scenario's band.
    assert!(md.contains("small practices, PY2024"));
    assert!(md.contains("Positive       75.01–88.99   20.15%"));
    assert!(md.contains("◀ this scenario (83.50)"));
    // Sensitivity: marginal values, points needed, the biggest lever, uncertainty.
    assert!(md.contains("| Quality | 85 | +0.40 | +0.017 pp | +$101 |"));
    assert!(
        md.contains("| Quality (now 85) | reached; holds down to 63.74 |"),
        "{md}"
    );
    assert!(md.contains("needs 98.74 (+13.74) → +0.59%, +$3,528"));
    assert!(md.contains("#### Quality from 0 to 100"));
    // PY2024's maximum is published: the published figure, no range.
    assert!(md.contains("CMS published PY2024's maximum (1.05% at 100): +0.36%"));
    assert!(!md.contains("A maximum anywhere in"), "{md}");
    // Provenance: version, rules, the meaning of the confidence markers, no date.
    assert!(md.contains(&format!("mips-whatif {}", env!("CARGO_PKG_VERSION"))));
    assert!(md.contains("- **assumed**:"));
    assert!(md.contains("## Sources cited"));
    assert!(md.contains("**42 CFR 414.1380**"));
}

#[test]
fn assumed_rules_are_listed_plainly() {
    let md = stdout_of(&["report", PY2025]);
    assert!(md.contains("**+0.57% to +1.27%**"), "{md}");
    assert!(md.contains("Maximum positive adjustment at 100 assumed 1.5% (set in the scenario)."));
    assert!(
        md.contains("- Marked *assumed*: Step 9 of the rule trace, \"Base adjustment +0.82%\"")
    );
    assert!(md.contains(
        "Band shares for PY2025 are not available for all clinicians; the chart shows PY2024's"
    ));
    // The APM scoring standard (PY2017–2020) without PI: the regulation's tables do not state
    // its reweighting, so the row is assumed, said in words and as a trace step.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("apm.toml");
    std::fs::write(
        &path,
        "performance_year = 2019\nreporting_option = \"app\"\n[practice]\nclinicians = 20\nparticipation = \"apm_entity\"\n[scores]\nquality = 80\ncost = 70\n",
    )
    .unwrap();
    let md = stdout_of(&["report", path.to_str().unwrap()]);
    assert!(!md.contains("No assumed rule is used"));
    assert!(
        md.contains("- Weights APM scoring standard, PI not scored: 75/0/25/0 are assumed"),
        "{md}"
    );
    assert!(md.contains("- Marked *assumed*: Step 4 of the rule trace, \"Weights 75/0/25/0\""));
    let md = stdout_of(&["report", "scenarios/cost-not-scored.toml"]);
    assert!(md.contains("No assumed rule is used"));
}

#[test]
fn four_scenarios_render_and_every_library_scenario_renders_alone() {
    let md = stdout_of(&["report", APP, PY2025, PY2022, FEWER]);
    for key in ["## A. ", "## B. ", "## C. ", "## D. "] {
        assert!(md.contains(key), "{key} missing");
    }
    let html = stdout_of(&["report", APP, PY2025, PY2022, FEWER, "--format", "html"]);
    assert_good_html(&html, "four");
    assert_eq!(html.matches("<section class=\"scenario\"").count(), 4);
    for file in library() {
        let md = stdout_of(&["report", &file]);
        assert!(md.starts_with("# MIPS what-if report\n"), "{file}");
        let html = stdout_of(&["report", &file, "--format", "html"]);
        assert_good_html(&html, &file);
    }
}

#[test]
fn markdown_tables_are_well_formed() {
    let md = stdout_of(&["report", APP, PY2025, PY2022, FEWER]);
    let mut columns: Option<usize> = None;
    let mut in_code = false;
    for line in md.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code && line.starts_with('|') {
            assert!(line.ends_with('|'), "unterminated row: {line}");
            let pipes = line.replace("\\|", "").matches('|').count();
            match columns {
                None => columns = Some(pipes),
                Some(n) => assert_eq!(pipes, n, "ragged row: {line}"),
            }
        } else {
            columns = None;
        }
    }
}

#[test]
fn user_text_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.toml");
    std::fs::write(
        &path,
        "name = \"<script>alert('x')</script> & \\\"Co\\\" | *bold*\"\nperformance_year = 2024\n[practice]\nclinicians = 20\n[scores]\nquality = 80\ncost = 70\nimprovement_activities = 100\npromoting_interoperability = 90\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let html = stdout_of(&["report", p, "--format", "html"]);
    assert_good_html(&html, "hostile");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"));
    let md = stdout_of(&["report", p]);
    assert!(
        md.contains("\\<script\\>alert\\(\\'x\\'\\)") || md.contains("\\<script\\>alert\\('x'\\)"),
        "{md}"
    );
    assert!(!md.contains("<script>"));
    assert!(md.contains("\\| \\*bold\\*"));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let r = rules();
    let entries = [entry(NO_PI), entry(WITH_PI)];
    let a = build(&entries, &r).unwrap();
    let b = build(&entries, &r).unwrap();
    assert_eq!(a.to_markdown(), b.to_markdown());
    assert_eq!(a.to_html(), b.to_html());
    assert_eq!(a.scenario_count(), 2);
    assert_eq!(a.to_markdown(), stdout_of(&["report", NO_PI, WITH_PI]));
}

#[test]
fn the_builder_refuses_counts_and_invalid_scenarios() {
    let r = rules();
    assert_eq!(build(&[], &r).unwrap_err(), ReportError::Count { given: 0 });
    let mut bad = Scenario::default_group();
    bad.performance_year = 2031;
    match build(&[Entry::new("bad", bad)], &r) {
        Err(ReportError::Invalid { key, .. }) => assert_eq!(key, "A"),
        other => panic!("unexpected {other:?}"),
    }
}

fn arb_scenario() -> impl Strategy<Value = Scenario> {
    let score = || prop_oneof![Just(None), (0.0..=100.0f64).prop_map(Some)];
    (
        2017u16..=2026,
        1u32..=40,
        (any::<bool>(), any::<bool>(), 0usize..3, 0usize..5),
        (score(), score(), score(), score()),
        (
            0.0..=10.0f64,
            prop_oneof![Just(None), (0.0..=5e6f64).prop_map(Some)],
        ),
    )
        .prop_map(
            |(
                year,
                clinicians,
                (rural, reporting, option, part),
                (q, c, ia, pi),
                (cpb, charges),
            )| {
                let mut s = Scenario::default_group();
                s.name = Some(format!("Scenario {year} & <{clinicians}>"));
                s.performance_year = year;
                s.reporting_option = ReportingOption::ALL[option];
                s.practice.clinicians = clinicians;
                s.practice.participation = Participation::ALL[part];
                s.practice.rural = rural;
                s.practice.reporting = reporting;
                s.practice.part_b_allowed_charges = charges;
                s.scores.quality = q;
                s.scores.cost = c;
                s.scores.improvement_activities = ia;
                s.scores.promoting_interoperability = pi;
                s.complex_patient_bonus = cpb;
                s
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any scenario either is refused as invalid or gives a well-formed, self-contained report.
    #[test]
    fn any_scenario_gives_a_sound_report_or_a_clear_refusal(a in arb_scenario(), b in arb_scenario()) {
        let r = rules();
        match build(&[Entry::new("A", a), Entry::new("B", b)], &r) {
            Ok(report) => {
                let html = report.to_html();
                prop_assert!(check_well_formed(&html).is_ok(), "{:?}", check_well_formed(&html));
                prop_assert!(check_self_contained(&html).is_ok());
                prop_assert!(check_references(&html).is_ok(), "{:?}", check_references(&html));
                prop_assert!(report.to_markdown().starts_with("# MIPS what-if report"));
            }
            Err(e) => prop_assert!(matches!(e, ReportError::Invalid { .. }), "{e}"),
        }
    }
}

// ---- -o and bad input ------------------------------------------------------------------------

fn out_path(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

#[test]
fn output_file_equals_standard_output_and_the_path_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let md = out_path(&dir, "report.md");
    let (code, out, err) = run(&["report", NO_PI, "-o", md.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty(), "nothing on standard output with -o");
    assert!(
        err.contains("report.md"),
        "the path written is reported: {err}"
    );
    assert_eq!(
        std::fs::read_to_string(&md).unwrap(),
        stdout_of(&["report", NO_PI])
    );
    // The format follows the extension when --format is not given.
    let html = out_path(&dir, "report.html");
    let (code, _, err) = run(&["report", NO_PI, WITH_PI, "-o", html.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(&html).unwrap(),
        stdout_of(&["report", NO_PI, WITH_PI, "--format", "html"])
    );
    // --format wins over the extension; no temporary file is left behind.
    let odd = out_path(&dir, "report.md.txt.md");
    let (code, _, _) = run(&[
        "report",
        NO_PI,
        "--format",
        "html",
        "-o",
        odd.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(&odd)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let path = out_path(&dir, "client.md");
    std::fs::write(&path, "the old report").unwrap();
    let p = path.to_str().unwrap();
    let (code, out, err) = run(&["report", NO_PI, "-o", p]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "the old report");
    let (code, _, err) = run(&["report", NO_PI, "-o", p, "--force"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        stdout_of(&["report", NO_PI])
    );
}

#[test]
fn bad_output_paths_are_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    // A folder.
    let (code, _, err) = run(&["report", NO_PI, "-o", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("is a folder"), "{err}");
    // A folder that does not exist.
    let missing = dir.path().join("nope").join("r.md");
    let (code, _, err) = run(&["report", NO_PI, "-o", missing.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("the folder does not exist"), "{err}");
    // An extension that names no format.
    let pdf = out_path(&dir, "r.pdf");
    let (code, _, err) = run(&["report", NO_PI, "-o", pdf.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains(".pdf") && err.contains("--format"), "{err}");
    assert!(!pdf.exists());
    // One of the scenario files, even with --force.
    let scenario = out_path(&dir, "mine.toml");
    let original =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(NO_PI)).unwrap();
    std::fs::write(&scenario, &original).unwrap();
    let s = scenario.to_str().unwrap();
    let (code, _, err) = run(&["report", s, "--format", "markdown", "-o", s, "--force"]);
    assert_eq!(code, 2);
    assert!(err.contains("is one of the scenario files"), "{err}");
    assert_eq!(std::fs::read_to_string(&scenario).unwrap(), original);
    // --force alone means nothing.
    let (code, _, _) = run(&["report", NO_PI, "--force"]);
    assert_eq!(code, 2);
}

#[test]
fn zero_or_five_files_are_refused_with_exit_2() {
    let (code, out, err) = run(&["report"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("1 to 4") && err.contains("got 0"), "{err}");
    let (code, _, err) = run(&["report", NO_PI, WITH_PI, APP, PY2025, PY2022]);
    assert_eq!(code, 2);
    assert!(err.contains("got 5"), "{err}");
}

#[test]
fn a_bad_scenario_gets_a_located_message_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "performance_year = 2024\n[practice]\nclinicians = 20\n[scores]\ncost = 120\n",
    )
    .unwrap();
    let out = out_path(&dir, "r.html");
    let (code, stdout, err) = run(&[
        "report",
        NO_PI,
        bad.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        err.contains("bad.toml:5:8: scores.cost: 120 is out of range"),
        "{err}"
    );
    assert!(!out.exists(), "no report is written for bad input");
    let (code, _, err) = run(&["report", "scenarios/does-not-exist.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("does-not-exist.toml"), "{err}");
}

#[test]
fn help_describes_the_command() {
    let out = stdout_of(&["report", "--help"]);
    assert!(out.contains("--format <FORMAT>"));
    assert!(out.contains("-o, --output <PATH>"));
    assert!(out.contains("--force"));
    assert!(out.contains("self-contained") || out.contains("styles and charts inside"));
}

/// Names of the team's own documents, which a user cannot look up: product output cites
/// public documents only (CFR paragraphs, Federal Register rules, CMS and other publications
/// by title).
const INTERNAL_NAMES: &[&str] = &[
    "seed 0",
    "seed:",
    "mips-rules",
    "category-scoring",
    "rules reference",
    "the reference",
    "/work/shared",
    "[R1",
    "[R2",
    "[R4",
    "[R5",
    "[R6",
    "[R7",
    "[R8",
    "[R9",
    "[R10",
    "[R11",
    "[R12",
    "[R13",
    "[R14",
    "[R15",
    "[R16",
    "[R17",
    "[P1]",
];

fn assert_no_internal_name(what: &str, text: &str) {
    let lower = text.to_lowercase();
    for name in INTERNAL_NAMES {
        assert!(
            !lower.contains(&name.to_lowercase()),
            "{what} cites an internal document ({name:?})"
        );
    }
}

#[test]
fn no_output_cites_an_internal_document() {
    // The shipped data files: every source they give.
    for (name, text) in mips_whatif::rules::EMBEDDED {
        assert_no_internal_name(&format!("assets/rules/{name}"), text);
    }
    assert_no_internal_name(
        "assets/uncertainty.toml",
        mips_whatif::sensitivity::UNCERTAINTY_TOML,
    );
    let national =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/national.toml"))
            .unwrap();
    assert_no_internal_name("assets/national.toml", &national);
    // Every library scenario: both report formats, the score text and its JSON trace, the
    // sweep and solve texts.
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
    files.sort();
    assert!(files.len() >= 12);
    for f in &files {
        let p = format!("scenarios/{}", f.file_name().unwrap().to_string_lossy());
        for args in [
            vec!["report", p.as_str()],
            vec!["report", p.as_str(), "--format", "html"],
            vec!["score", p.as_str()],
            vec!["score", p.as_str(), "--format", "json"],
            vec!["sweep", p.as_str(), "--category", "quality", "--step", "25"],
            vec!["solve", p.as_str(), "--category", "all"],
        ] {
            assert_no_internal_name(&format!("{args:?}"), &stdout_of(&args));
        }
    }
    // --help of every command.
    for command in ["", "score", "table", "sweep", "solve", "compare", "report"] {
        let args: Vec<&str> = [command, "--help"]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        assert_no_internal_name(&format!("{args:?}"), &stdout_of(&args));
    }
}

#[test]
fn the_internal_name_check_catches_one() {
    let caught = std::panic::catch_unwind(|| {
        assert_no_internal_name("x", "source: 42 CFR 414.1405 [R1]; seed 000 §5")
    });
    assert!(caught.is_err());
}
