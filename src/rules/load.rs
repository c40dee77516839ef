//! Reading year rules from TOML (embedded or from `--rules DIR`) and checking them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::CategorySet;
use super::types::*;
use crate::diagnostic::{Diagnostic, LineIndex};

/// The rules shipped in the binary, one file per performance year.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("2017.toml", include_str!("../../assets/rules/2017.toml")),
    ("2018.toml", include_str!("../../assets/rules/2018.toml")),
    ("2019.toml", include_str!("../../assets/rules/2019.toml")),
    ("2020.toml", include_str!("../../assets/rules/2020.toml")),
    ("2021.toml", include_str!("../../assets/rules/2021.toml")),
    ("2022.toml", include_str!("../../assets/rules/2022.toml")),
    ("2023.toml", include_str!("../../assets/rules/2023.toml")),
    ("2024.toml", include_str!("../../assets/rules/2024.toml")),
    ("2025.toml", include_str!("../../assets/rules/2025.toml")),
    ("2026.toml", include_str!("../../assets/rules/2026.toml")),
];

/// The rules shipped in the binary, read once per process: the help, the comments in files
/// written and every [`RuleSet::embedded`] share the one reading.
fn embedded_once() -> &'static Result<RuleSet, Diagnostic> {
    static EMBEDDED_RULES: std::sync::LazyLock<Result<RuleSet, Diagnostic>> =
        std::sync::LazyLock::new(read_embedded);
    &EMBEDDED_RULES
}

fn read_embedded() -> Result<RuleSet, Diagnostic> {
    let mut years = BTreeMap::new();
    for (name, text) in EMBEDDED {
        let rules = parse_year(&format!("embedded:{name}"), text)?;
        years.insert(rules.performance_year, rules);
    }
    Ok(RuleSet { years })
}

/// The payment year of a performance year under the rules shipped in the binary (for
/// comments in files written without a rule set at hand).
pub fn embedded_payment_year(performance_year: u16) -> Option<u16> {
    embedded_once()
        .as_ref()
        .ok()?
        .year(performance_year)
        .map(|y| y.payment_year)
}

/// The performance years the rules shipped in the binary cover ("2017–2026").
pub fn embedded_years_text() -> String {
    embedded_once()
        .as_ref()
        .map_or_else(|_| String::new(), RuleSet::years_text)
}

/// The rules of every supported performance year.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSet {
    years: BTreeMap<u16, YearRules>,
}

impl RuleSet {
    /// The rules shipped in the binary. They are checked by the test suite, so this cannot fail
    /// in a released build; it still reports a broken file instead of panicking.
    pub fn embedded() -> Result<RuleSet, Diagnostic> {
        embedded_once().clone()
    }

    /// The embedded rules, with every `*.toml` file in `dir` replacing the year it defines.
    pub fn with_overrides(dir: &Path) -> Result<RuleSet, Diagnostic> {
        let mut set = RuleSet::embedded()?;
        let shown = dir.display().to_string();
        let entries = std::fs::read_dir(dir).map_err(|e| {
            Diagnostic::file(
                &shown,
                format!(
                    "cannot read the rules folder: {}",
                    crate::files::io_reason(&e, "no such file or folder")
                ),
            )
            .with_help("--rules takes a folder of year files such as 2024.toml")
        })?;
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(
                Diagnostic::file(&shown, "the rules folder has no .toml files").with_help(
                    "one file per performance year, e.g. 2024.toml, in the format of assets/rules/",
                ),
            );
        }
        let mut from_dir: BTreeMap<u16, String> = BTreeMap::new();
        for path in paths {
            let name = path.display().to_string();
            let text = crate::files::read_text_file(&path)?;
            let rules = parse_year(&name, &text)?;
            let py = rules.performance_year;
            if let Some(first) = from_dir.insert(py, name.clone()) {
                return Err(Diagnostic::file(
                    &name,
                    format!("PY{py} is already defined by {first}"),
                )
                .with_field("performance_year")
                .with_help("one file per performance year in the rules folder"));
            }
            set.years.insert(py, rules);
        }
        Ok(set)
    }

    pub fn year(&self, performance_year: u16) -> Option<&YearRules> {
        self.years.get(&performance_year)
    }

    pub fn years(&self) -> impl Iterator<Item = &YearRules> {
        self.years.values()
    }

    pub fn first_year(&self) -> u16 {
        *self
            .years
            .keys()
            .next()
            .expect("a rule set has at least one year")
    }

    pub fn last_year(&self) -> u16 {
        *self
            .years
            .keys()
            .next_back()
            .expect("a rule set has at least one year")
    }

    /// "2017–2026" (or a list, if years are missing in between).
    pub fn years_text(&self) -> String {
        let ys: Vec<u16> = self.years.keys().copied().collect();
        let contiguous = ys.windows(2).all(|w| w[1] == w[0] + 1);
        if contiguous && ys.len() > 1 {
            format!("{}–{}", ys[0], ys[ys.len() - 1])
        } else {
            ys.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
        }
    }
}

// ---- the file format ----------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCited<T> {
    value: T,
    confidence: Confidence,
    source: String,
}

impl<T> From<RawCited<T>> for Cited<T> {
    fn from(r: RawCited<T>) -> Self {
        Cited {
            value: r.value,
            confidence: r.confidence,
            source: r.source,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMaxPositive {
    value: f64,
    published_total: Option<f64>,
    #[serde(default)]
    basis: MaximumBasis,
    confidence: Confidence,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSmallPracticeBonus {
    mode: SmallPracticeBonusMode,
    points: f64,
    confidence: Confidence,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExceptional {
    additional_performance_threshold: RawCited<f64>,
    max_at_100: RawCited<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawApp {
    name: String,
    ia_full_credit: bool,
    confidence: Confidence,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeightRow {
    pathway: Pathway,
    practice: PracticeScope,
    not_scored: Vec<Category>,
    quality: f64,
    cost: f64,
    improvement_activities: f64,
    promoting_interoperability: f64,
    confidence: Confidence,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    performance_year: Spanned<u16>,
    payment_year: Spanned<u16>,
    performance_threshold: Spanned<RawCited<f64>>,
    applicable_percent: Spanned<RawCited<f64>>,
    complex_patient_bonus_max: Spanned<RawCited<f64>>,
    small_practice_bonus: Spanned<RawSmallPracticeBonus>,
    max_positive_adjustment: Option<Spanned<RawMaxPositive>>,
    assumed_max_positive_adjustment: Option<Spanned<RawCited<f64>>>,
    exceptional_bonus: Option<Spanned<RawExceptional>>,
    small_practice_pi_reweighting: Option<RawCited<bool>>,
    cost_reweighted_for_all: Option<RawCited<bool>>,
    mvp: Option<RawCited<bool>>,
    app: Option<RawApp>,
    apm_participant_ia_minimum: Option<Spanned<RawCited<f64>>>,
    weights: Vec<Spanned<RawWeightRow>>,
}

/// Parse and check one year's rules file.
pub fn parse_year(origin: &str, text: &str) -> Result<YearRules, Diagnostic> {
    let raw: RawYear = toml::from_str(text).map_err(|e| toml_error(origin, text, &e))?;
    let at = |offset: usize, msg: String| Diagnostic::at(origin, text, offset, msg);

    let py = *raw.performance_year.get_ref();
    if !(2017..=2100).contains(&py) {
        return Err(at(
            raw.performance_year.span().start,
            format!("performance_year {py} is not a MIPS year"),
        )
        .with_field("performance_year")
        .with_help("2017 or later"));
    }
    if *raw.payment_year.get_ref() != py + 2 {
        return Err(at(
            raw.payment_year.span().start,
            "payment_year must be performance_year + 2".into(),
        )
        .with_field("payment_year")
        .with_help(format!("{}", py + 2)));
    }

    let range = |s: &Spanned<RawCited<f64>>, field: &str, lo: f64, hi: f64, lo_open: bool| {
        let v = s.get_ref().value;
        let ok = v.is_finite() && v <= hi && if lo_open { v > lo } else { v >= lo };
        if ok {
            Ok(())
        } else {
            Err(at(s.span().start, format!("{v} is out of range"))
                .with_field(format!("{field}.value"))
                .with_help(format!(
                    "{}{lo} to {hi}",
                    if lo_open { "more than " } else { "" }
                )))
        }
    };
    range(
        &raw.performance_threshold,
        "performance_threshold",
        0.0,
        100.0,
        true,
    )?;
    range(
        &raw.applicable_percent,
        "applicable_percent",
        0.0,
        9.0,
        true,
    )?;
    range(
        &raw.complex_patient_bonus_max,
        "complex_patient_bonus_max",
        0.0,
        20.0,
        false,
    )?;
    let pt = raw.performance_threshold.get_ref().value;
    let ap = raw.applicable_percent.get_ref().value;

    let spb = raw.small_practice_bonus.into_inner();
    if !(0.0..=10.0).contains(&spb.points) {
        return Err(Diagnostic::file(
            origin,
            format!("small_practice_bonus.points {} is out of range", spb.points),
        )
        .with_help("0 to 10"));
    }

    let max_pos = match raw.max_positive_adjustment {
        Some(m) => {
            let span = m.span();
            let m = m.into_inner();
            if !(m.value.is_finite() && m.value > 0.0 && m.value <= MAX_SCALING_FACTOR * ap) {
                return Err(at(span.start, format!("{} is out of range", m.value))
                    .with_field("max_positive_adjustment.value")
                    .with_help(format!(
                        "more than 0, at most 3 × the applicable percent ({})",
                        MAX_SCALING_FACTOR * ap
                    )));
            }
            Some((
                Cited {
                    value: m.value,
                    confidence: m.confidence,
                    source: m.source,
                },
                m.published_total,
                m.basis,
            ))
        }
        None => None,
    };
    let assumed = match raw.assumed_max_positive_adjustment {
        Some(a) => {
            range(
                &a,
                "assumed_max_positive_adjustment",
                0.0,
                MAX_SCALING_FACTOR * ap,
                true,
            )?;
            Some(Cited::from(a.into_inner()))
        }
        None => None,
    };
    if max_pos.is_none() && assumed.is_none() {
        return Err(Diagnostic::file(
            origin,
            "neither [max_positive_adjustment] nor [assumed_max_positive_adjustment] is given",
        )
        .with_help("a published maximum, or a default assumption for a year not yet published"));
    }

    let exceptional = match raw.exceptional_bonus {
        Some(e) => {
            let span = e.span();
            let e = e.into_inner();
            let apt = e.additional_performance_threshold.value;
            if !(apt.is_finite() && apt >= pt && apt <= 100.0) {
                return Err(at(
                    span.start,
                    format!("additional performance threshold {apt} is out of range"),
                )
                .with_field("exceptional_bonus.additional_performance_threshold.value")
                .with_help(format!("from the performance threshold ({pt}) to 100")));
            }
            let m = e.max_at_100.value;
            if !(m.is_finite() && m > 0.0 && m <= 10.0) {
                return Err(at(span.start, format!("{m} is out of range"))
                    .with_field("exceptional_bonus.max_at_100.value")
                    .with_help("more than 0, at most 10 (percent at a final score of 100)"));
            }
            Some(ExceptionalBonus {
                threshold: e.additional_performance_threshold.into(),
                max_at_100: e.max_at_100.into(),
            })
        }
        None => None,
    };

    let ia_min = match raw.apm_participant_ia_minimum {
        Some(m) => {
            range(&m, "apm_participant_ia_minimum", 0.0, 100.0, false)?;
            Some(Cited::from(m.into_inner()))
        }
        None => None,
    };

    let mut rows = Vec::new();
    let lines = LineIndex::new(text);
    for spanned in raw.weights {
        let line = lines.line(spanned.span().start);
        let r = spanned.into_inner();
        rows.push(WeightRow {
            pathway: r.pathway,
            practice: r.practice,
            not_scored: r.not_scored.into_iter().collect(),
            weights: Weights {
                quality: r.quality,
                cost: r.cost,
                improvement_activities: r.improvement_activities,
                promoting_interoperability: r.promoting_interoperability,
            },
            confidence: r.confidence,
            source: r.source,
            line,
        });
    }

    let (max_positive_adjustment, published_total_max, max_positive_basis) = match max_pos {
        Some((c, total, basis)) => (Some(c), total, basis),
        None => (None, None, MaximumBasis::Published),
    };
    let rules = YearRules {
        performance_year: py,
        payment_year: py + 2,
        performance_threshold: raw.performance_threshold.into_inner().into(),
        applicable_percent: raw.applicable_percent.into_inner().into(),
        complex_patient_bonus_max: raw.complex_patient_bonus_max.into_inner().into(),
        small_practice_bonus: Cited {
            value: SmallPracticeBonus {
                mode: spb.mode,
                points: spb.points,
            },
            confidence: spb.confidence,
            source: spb.source,
        },
        max_positive_adjustment,
        published_total_max,
        max_positive_basis,
        assumed_max_positive_adjustment: assumed,
        exceptional_bonus: exceptional,
        small_practice_pi_reweighting: raw.small_practice_pi_reweighting.map(Cited::from),
        cost_reweighted_for_all: raw.cost_reweighted_for_all.map(Cited::from),
        mvp: raw.mvp.map(Cited::from),
        app: raw.app.map(|a| AppRules {
            name: a.name,
            ia_full_credit: Cited {
                value: a.ia_full_credit,
                confidence: a.confidence,
                source: a.source,
            },
        }),
        apm_participant_ia_minimum: ia_min,
        weight_rows: rows,
        origin: origin.to_string(),
    };
    check_weight_rows(origin, &rules)?;
    Ok(rules)
}

/// Every row sums to 100, gives no weight to what it says is not scored, is not repeated, can
/// apply (it leaves two or more categories scored, and lists only categories that can be not
/// scored that year: in PY2017 cost weighs 0, so table (A) has single-category rows only), and
/// every combination of not-scored categories that leaves two or more scored has a row.
fn check_weight_rows(origin: &str, rules: &YearRules) -> Result<(), Diagnostic> {
    let row_err = |row: &WeightRow, msg: String| {
        let mut d = Diagnostic::file(origin, msg).with_field("weights");
        d.line = Some(row.line);
        d
    };
    let mut seen = BTreeSet::new();
    for row in &rules.weight_rows {
        for c in Category::ALL {
            let w = row.weights.get(c);
            if !(w.is_finite() && (0.0..=100.0).contains(&w)) {
                return Err(
                    row_err(row, format!("{} weight {w} is out of range", c.key()))
                        .with_help("0 to 100 (percent)"),
                );
            }
            if row.not_scored.contains(c) && w != 0.0 {
                return Err(row_err(
                    row,
                    format!("{} is listed as not scored but has weight {w}", c.key()),
                )
                .with_help("a category that is not scored has weight 0"));
            }
        }
        let sum = row.weights.sum();
        if (sum - 100.0).abs() > 1e-6 {
            return Err(row_err(
                row,
                format!("weights {} add up to {sum}, not 100", row.weights),
            )
            .with_help(
                "quality + cost + improvement_activities + promoting_interoperability = 100",
            ));
        }
        let key = (row.pathway, row.practice, row.not_scored);
        if !seen.insert(key) {
            return Err(row_err(
                row,
                "this combination of not-scored categories has two rows".into(),
            )
            .with_help("one row per pathway, practice and not_scored set"));
        }
    }
    let pathways: &[Pathway] = if rules.app.is_some() {
        &[Pathway::Traditional, Pathway::App]
    } else {
        &[Pathway::Traditional]
    };
    // Categories a pathway can leave unscored: those with a weight in its full row (IA is
    // always full credit under the APP).
    let optional_for = |pathway: Pathway| {
        let mut optional = rules.scorable(pathway);
        if pathway == Pathway::App && rules.app.as_ref().is_some_and(|a| a.ia_full_credit.value) {
            optional.retain(|&c| c != Category::ImprovementActivities);
        }
        optional
    };
    // A row that can never apply is a mistake in the file (a typo in not_scored, or a row
    // for a category that weighs 0 that year): say so instead of silently ignoring it.
    for row in &rules.weight_rows {
        if row.not_scored.is_empty() || !pathways.contains(&row.pathway) {
            continue;
        }
        let optional = optional_for(row.pathway);
        if let Some(c) = row.not_scored.iter().find(|c| !optional.contains(c)) {
            return Err(row_err(
                row,
                format!(
                    "this row never applies: {} cannot be not scored under the {} pathway this year",
                    c.key(),
                    pathway_key(row.pathway)
                ),
            )
            .with_help(format!(
                "not_scored lists categories among: {}",
                optional.iter().map(|c| c.key()).collect::<Vec<_>>().join(", ")
            )));
        }
        if rules.scorable(row.pathway).len() - row.not_scored.len() < 2 {
            return Err(row_err(
                row,
                "this row never applies: it leaves fewer than two categories scored".into(),
            )
            .with_help(
                "with fewer than two categories scored the final score is the performance threshold; remove the row",
            ));
        }
    }
    for &pathway in pathways {
        if rules.base_row(pathway).is_none() {
            return Err(Diagnostic::file(
                origin,
                format!(
                    "no full weight row for the {} pathway",
                    pathway_key(pathway)
                ),
            )
            .with_field("weights")
            .with_help("a [[weights]] row with not_scored = [] and practice = \"any\""));
        }
        let optional = optional_for(pathway);
        let total = rules.scorable(pathway).len();
        for mask in 1u32..(1 << optional.len()) {
            let set: CategorySet = optional
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, &c)| c)
                .collect();
            if total - set.len() < 2 {
                continue; // fewer than two scored: final score = performance threshold
            }
            if rules.weight_row(pathway, false, set).is_none() {
                let names: Vec<&str> = set.iter().map(|c| c.key()).collect();
                return Err(Diagnostic::file(
                    origin,
                    format!(
                        "no {} weight row for not_scored = [{}]",
                        pathway_key(pathway),
                        names.join(", ")
                    ),
                )
                .with_field("weights")
                .with_help("every combination of categories not scored that leaves two or more scored needs a row"));
            }
        }
    }
    Ok(())
}

fn pathway_key(p: Pathway) -> &'static str {
    match p {
        Pathway::Traditional => "traditional",
        Pathway::App => "app",
    }
}

fn toml_error(origin: &str, text: &str, e: &toml::de::Error) -> Diagnostic {
    let message = e
        .message()
        .trim()
        .replace("expected f64", "expected a number")
        .replace("expected u16", "expected a whole number")
        .replace("expected a boolean", "expected true or false");
    let help = "a year rules file in the format of the shipped ones (assets/rules/2024.toml)";
    match e.span() {
        // A missing field has no place in the file: say so without pointing at line 1.
        Some(_) if message.starts_with("missing field") => {
            Diagnostic::file(origin, message).with_help(help)
        }
        Some(span) => Diagnostic::at(origin, text, span.start, message).with_help(help),
        None => Diagnostic::file(origin, message).with_help(help),
    }
}
