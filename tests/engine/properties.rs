//! Property tests: the scenario parser over arbitrary input, and the engine's invariants over
//! arbitrary scenarios.
//!
//! Each property runs a fixed number of cases in the normal test suite. Set `PROPTEST_CASES`
//! to run a longer campaign, e.g.
//! `PROPTEST_CASES=200000 cargo test --test engine properties::parser_`.

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::select;

use mips_whatif::diagnostic::Diagnostic;
use mips_whatif::engine::{adjustment_for, score, score_numbers};
use mips_whatif::files::read_text_file;
use mips_whatif::rules::{Category, RuleSet, Weights, YearRules};
use mips_whatif::scenario::{
    Assumptions, CategoryScores, Participation, Practice, ReportingOption, Scenario, check,
    parse_scenario, to_toml,
};

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::embedded().expect("the shipped rules are valid"))
}

fn year(y: u16) -> &'static YearRules {
    rules().year(y).expect("a shipped year")
}

/// Cases per property: `PROPTEST_CASES` if set, else `default`.
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        // Shrinking stays bounded so a failure is reported promptly.
        max_shrink_iters: 4096,
        ..ProptestConfig::default()
    }
}

const FILE: &str = "prop.toml";

// ---- the parser ----------------------------------------------------------------------------

/// A parse that did not succeed must point inside the text, and print safely.
fn check_diagnostic(text: &str, d: &Diagnostic) -> Result<(), TestCaseError> {
    prop_assert_eq!(d.file.as_str(), FILE);
    prop_assert_eq!(d.line.is_some(), d.column.is_some(), "{:?}", d);
    if let (Some(line), Some(col)) = (d.line, d.column) {
        let lines: Vec<&str> = text.split('\n').collect();
        prop_assert!(
            line >= 1 && line <= lines.len(),
            "line {} of {}",
            line,
            lines.len()
        );
        let len = lines[line - 1].chars().count();
        prop_assert!(col >= 1 && col <= len + 1, "column {} of {}", col, len);
    }
    let shown = d.to_string();
    prop_assert!(!d.message.is_empty());
    prop_assert!(
        shown
            .chars()
            .all(|c| !c.is_control() || c == '\n' || c == '\t'),
        "control characters printed: {:?}",
        shown
    );
    prop_assert!(shown.len() < 2_000, "message of {} bytes", shown.len());
    Ok(())
}

fn parse_and_check(text: &str) -> Result<(), TestCaseError> {
    match parse_scenario(FILE, text, rules()) {
        Ok(s) => {
            // Whatever parses is valid, scores without panicking, and round-trips.
            prop_assert!(check(&s, rules()).is_empty());
            let r = score(&s, year(s.performance_year));
            prop_assert!((0.0..=100.0).contains(&r.final_score));
            let again = parse_scenario(FILE, &to_toml(&s), rules());
            prop_assert_eq!(again.as_ref(), Ok(&s));
        }
        Err(d) => check_diagnostic(text, &d)?,
    }
    Ok(())
}

const KEYS: &[&str] = &[
    "name",
    "performance_year",
    "reporting_option",
    "practice",
    "scores",
    "bonuses",
    "assumptions",
    "clinicians",
    "participation",
    "rural",
    "hpsa",
    "non_patient_facing",
    "reporting",
    "part_b_allowed_charges",
    "quality",
    "cost",
    "improvement_activities",
    "promoting_interoperability",
    "complex_patient",
    "max_positive_adjustment",
    "exceptional_bonus_max",
    "qualty",
    "practise",
];

fn toml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|i| i.to_string()),
        (-5i64..=2100).prop_map(|i| i.to_string()),
        (2015i64..=2032).prop_map(|i| i.to_string()),
        any::<f64>().prop_map(|f| format!("{f:?}")),
        (-10.0f64..=120.0).prop_map(|f| f.to_string()),
        select(vec![
            "nan", "inf", "-inf", "+inf", "1e400", "-0.0", "0x10", "1_000", "1e-400", "0o17"
        ])
        .prop_map(String::from),
        "[a-z_ ]{0,12}".prop_map(|s| format!("\"{s}\"")),
        "\\PC{0,12}".prop_map(|s| toml::Value::String(s).to_string()),
        select(vec![
            "\"traditional\"",
            "\"mvp\"",
            "\"app\"",
            "\"individual\"",
            "\"group\"",
            "\"subgroup\"",
            "\"virtual_group\"",
            "\"apm_entity\"",
            "\"tradtional\"",
        ])
        .prop_map(String::from),
        any::<bool>().prop_map(|b| b.to_string()),
        select(vec![
            "[1, 2]",
            "{ a = 1 }",
            "2024-01-01",
            "[]",
            "{}",
            "'lit'"
        ])
        .prop_map(String::from),
    ]
}

fn toml_line(junk: u32) -> impl Strategy<Value = String> {
    let key = prop_oneof![
        4 => select(KEYS.to_vec()).prop_map(String::from),
        1 => "[a-z_]{1,10}",
        1 => "[a-z_]{1,6}\\.[a-z_]{1,6}",
    ];
    prop_oneof![
        8 => (key, toml_value()).prop_map(|(k, v)| format!("{k} = {v}")),
        2 => select(vec![
            "[practice]",
            "[scores]",
            "[bonuses]",
            "[assumptions]",
            "[other]",
            "[[scores]]",
            "[practice.sub]",
        ])
        .prop_map(String::from),
        junk => "\\PC{0,24}",
        1 => Just(String::new()),
    ]
}

/// Scenario-shaped documents: usually a valid head, then lines of known and unknown keys with
/// values of every type, under every table; some with lines of random text.
fn toml_doc() -> impl Strategy<Value = String> {
    let head = prop_oneof![
        1 => Just(String::new()),
        4 => (2015u16..=2032, 0u32..=40).prop_map(|(y, n)| format!(
            "performance_year = {y}\n[practice]\nclinicians = {n}\n"
        )),
    ];
    let lines = prop_oneof![
        3 => prop::collection::vec(toml_line(0), 0..12),
        1 => prop::collection::vec(toml_line(1), 0..12),
    ];
    (head, lines).prop_map(|(h, lines)| format!("{h}{}\n", lines.join("\n")))
}

/// A valid scenario file with one random edit: a character inserted, removed or replaced.
fn mutated_valid_file() -> impl Strategy<Value = String> {
    (
        valid_scenario(),
        any::<prop::sample::Index>(),
        0u8..3,
        any::<char>(),
    )
        .prop_map(|(s, at, how, ch)| {
            let mut chars: Vec<char> = to_toml(&s).chars().collect();
            let i = at.index(chars.len() + 1);
            match how {
                0 => chars.insert(i, ch),
                1 if i < chars.len() => {
                    chars.remove(i);
                }
                _ if i < chars.len() => chars[i] = ch,
                _ => chars.push(ch),
            }
            chars.into_iter().collect()
        })
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn parser_never_panics_on_any_string(text in "\\PC*|(\\PC|\\n|\\r|\\t|\\u{0}|\\u{1b})*") {
        parse_and_check(&text)?;
    }

    #[test]
    fn parser_never_panics_on_scenario_shaped_text(text in toml_doc()) {
        parse_and_check(&text)?;
    }

    #[test]
    fn parser_never_panics_on_an_edited_valid_file(text in mutated_valid_file()) {
        parse_and_check(&text)?;
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Bytes go through the real file reader (size limit, UTF-8 check), then the parser.
    #[test]
    fn parser_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        std::fs::write(&path, &bytes).unwrap();
        match read_text_file(&path) {
            Ok(text) => {
                prop_assert_eq!(text.as_bytes(), &bytes[..]);
                parse_and_check(&text)?;
            }
            Err(d) => {
                prop_assert!(std::str::from_utf8(&bytes).is_err(), "{}", d);
                prop_assert_eq!(&d.file, &path.display().to_string());
                let shown = d.to_string();
                prop_assert!(shown.chars().all(|c| !c.is_control() || c == '\n'));
            }
        }
    }
}

// ---- the engine ----------------------------------------------------------------------------

/// A category score: any percent, with the edges and two-decimal values weighted in.
fn percent() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => 0.0f64..=100.0,
        2 => (0u32..=10_000).prop_map(|x| f64::from(x) / 100.0),
        1 => select(vec![0.0, 100.0, 18.75, 60.0, 75.0, 85.0, 89.0, 99.99]),
    ]
}

fn scores() -> impl Strategy<Value = CategoryScores> {
    let one = || proptest::option::weighted(0.8, percent());
    (one(), one(), one(), one()).prop_map(|(q, c, ia, pi)| CategoryScores {
        quality: q,
        cost: c,
        improvement_activities: ia,
        promoting_interoperability: pi,
    })
}

fn clinicians() -> impl Strategy<Value = u32> {
    prop_oneof![3 => 1u32..=30, 1 => 1u32..=1_000_000]
}

fn charges() -> impl Strategy<Value = Option<f64>> {
    proptest::option::of(prop_oneof![
        0.0f64..=10_000_000_000.0,
        (0u64..=5_000_000).prop_map(|d| d as f64),
    ])
}

/// Any scenario the engine may be handed, including combinations [`check`] refuses (an MVP
/// before 2023, a subgroup outside an MVP): the engine must still hold its invariants.
fn any_scenario() -> impl Strategy<Value = Scenario> {
    (2017u16..=2026).prop_flat_map(|y| {
        let r = year(y);
        let cpb_max = r.complex_patient_bonus_max.value;
        let max_pos = 3.0 * r.ap();
        let has_epb = r.exceptional_bonus.is_some();
        (
            select(ReportingOption::ALL.to_vec()),
            select(Participation::ALL.to_vec()),
            clinicians(),
            any::<[bool; 4]>(),
            charges(),
            scores(),
            prop_oneof![Just(0.0), 0.0..=cpb_max, Just(cpb_max)],
            proptest::option::of(0.0..=max_pos),
            proptest::option::of(0.0f64..=10.0),
            proptest::option::of("\\PC{0,30}"),
        )
            .prop_map(
                move |(option, participation, n, flags, charges, scores, cpb, mp, ebm, name)| {
                    Scenario {
                        name,
                        performance_year: y,
                        reporting_option: option,
                        practice: Practice {
                            clinicians: n,
                            participation,
                            rural: flags[0],
                            hpsa: flags[1],
                            non_patient_facing: flags[2],
                            reporting: flags[3],
                            part_b_allowed_charges: charges,
                        },
                        scores,
                        complex_patient_bonus: cpb,
                        assumptions: Assumptions {
                            max_positive_adjustment: mp,
                            exceptional_bonus_max: if has_epb { ebm } else { None },
                        },
                        measures: Default::default(),
                    }
                },
            )
    })
}

/// A scenario [`check`] accepts.
fn valid_scenario() -> impl Strategy<Value = Scenario> {
    any_scenario().prop_map(|mut s| {
        let y = year(s.performance_year);
        if s.reporting_option == ReportingOption::Mvp && !y.mvp_available() {
            s.reporting_option = ReportingOption::Traditional;
        }
        if s.reporting_option == ReportingOption::App && y.app.is_none() {
            s.reporting_option = ReportingOption::Traditional;
        }
        if s.practice.participation == Participation::Subgroup
            && s.reporting_option != ReportingOption::Mvp
        {
            s.practice.participation = Participation::Group;
        }
        s
    })
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn engine_invariants_hold(s in any_scenario()) {
        let r = year(s.performance_year);
        let res = score(&s, r);
        let (pt, ap) = (r.pt(), r.ap());

        prop_assert!((0.0..=100.0).contains(&res.final_score), "final score {}", res.final_score);
        if res.fewer_than_two_scored {
            prop_assert_eq!(res.weights, Weights::ZERO);
            prop_assert_eq!(res.final_score, pt);
        } else {
            prop_assert!((res.weights.sum() - 100.0).abs() < 1e-9, "weights {}", res.weights);
            let scored = Category::ALL
                .iter()
                .filter(|&&c| res.category(c).weight > 0.0)
                .count();
            prop_assert!(scored >= 2);
        }
        prop_assert!(
            -ap <= res.base_adjustment_percent && res.base_adjustment_percent <= 3.0 * ap,
            "base {} with AP {}", res.base_adjustment_percent, ap
        );
        prop_assert!(res.base_adjustment_percent <= res.max_positive_adjustment + 1e-12);
        prop_assert!((0.0..=10.0).contains(&res.exceptional_bonus_percent));
        prop_assert_eq!(
            res.payment_adjustment_percent,
            res.base_adjustment_percent + res.exceptional_bonus_percent
        );
        if res.final_score <= pt / 4.0 {
            prop_assert_eq!(res.payment_adjustment_percent, -ap);
        }
        if let (Some(d), Some(c)) = (res.dollar_impact, res.part_b_allowed_charges) {
            prop_assert_eq!(d, c * res.payment_adjustment_percent / 100.0);
        }
    }

    #[test]
    fn numbers_only_equals_the_full_result_without_its_text(s in any_scenario()) {
        let r = year(s.performance_year);
        let mut full = score(&s, r);
        prop_assert!(!full.trace.is_empty());
        full.trace.clear();
        full.assumptions.clear();
        prop_assert_eq!(score_numbers(&s, r), full);
    }

    #[test]
    fn final_score_and_adjustment_never_fall_when_a_category_rises(
        s in any_scenario(),
        which in select(Category::ALL.to_vec()),
        up in 0.0f64..=100.0,
    ) {
        let r = year(s.performance_year);
        let Some(before) = s.scores.get(which) else { return Ok(()) };
        let mut higher = s.clone();
        higher.scores.set(which, Some((before + up).min(100.0)));
        let (a, b) = (score_numbers(&s, r), score_numbers(&higher, r));
        prop_assert!(b.final_score >= a.final_score, "{} -> {}", a.final_score, b.final_score);
        prop_assert!(
            b.payment_adjustment_percent >= a.payment_adjustment_percent,
            "{} -> {}", a.payment_adjustment_percent, b.payment_adjustment_percent
        );
    }

    #[test]
    fn adjustment_never_falls_as_the_final_score_rises(
        y in 2017u16..=2026,
        a in percent(),
        b in percent(),
        mp in 0.0f64..=1.0,
        ebm in 0.0f64..=10.0,
    ) {
        let r = year(y);
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let max_positive = mp * 3.0 * r.ap();
        let adj = |fs| adjustment_for(r, fs, max_positive, ebm);
        let (x, z) = (adj(lo), adj(hi));
        prop_assert!(x.total() <= z.total(), "{lo} -> {}, {hi} -> {}", x.total(), z.total());
        if lo > r.pt() / 4.0 {
            prop_assert!(x.base <= z.base);
        }
        prop_assert!(-r.ap() <= x.base && x.base <= max_positive);
        prop_assert!((0.0..=10.0).contains(&x.exceptional));
    }

    #[test]
    fn saved_scenarios_read_back_exactly(s in valid_scenario()) {
        prop_assert!(check(&s, rules()).is_empty(), "{:?}", check(&s, rules()));
        let text = to_toml(&s);
        let back = parse_scenario(FILE, &text, rules());
        prop_assert_eq!(back, Ok(s), "{}", text);
    }
}
