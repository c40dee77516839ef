//! Reading a scenario file: every problem is reported with its file, line, column and field,
//! what is allowed, and a "did you mean" for misspelt keys.

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::*;
use crate::diagnostic::{Diagnostic, quote_short};
use crate::toml_input::{
    check_keys, choices_help, describe_value as describe, integer, located, pick_choice, wrong_type,
};

#[path = "parse_measures.rs"]
mod measures;

/// What the smallest valid scenario holds.
const MINIMAL_SCENARIO: &str =
    "at least performance_year = 2024 and a [practice] table with clinicians = N (see the README)";

/// A TOML syntax error, located, naming the key where the parser names one.
pub(crate) fn toml_syntax_error(file: &str, text: &str, e: &toml::de::Error) -> Diagnostic {
    let msg = e.message().trim().to_string();
    let help = "TOML: `key = value` lines under [table] headers, text in double quotes, \
                each key and each table once";
    match e.span() {
        Some(span) => {
            let key = text.get(span.clone()).unwrap_or("").trim();
            let msg = if msg == "duplicate key" && !key.is_empty() {
                format!("`{}` is defined twice", quote_short(key, 40))
            } else {
                msg
            };
            Diagnostic::at(file, text, span.start, format!("not valid TOML: {msg}")).with_help(help)
        }
        None => Diagnostic::file(file, format!("not valid TOML: {msg}")).with_help(help),
    }
}

const TOP_KEYS: &[&str] = &[
    "name",
    "performance_year",
    "reporting_option",
    "practice",
    "scores",
    "bonuses",
    "assumptions",
    "quality",
    "cost",
    "improvement_activities",
    "promoting_interoperability",
];
const PRACTICE_KEYS: &[&str] = &[
    "clinicians",
    "participation",
    "rural",
    "hpsa",
    "non_patient_facing",
    "reporting",
    "part_b_allowed_charges",
];
const SCORE_KEYS: &[&str] = &[
    "quality",
    "cost",
    "improvement_activities",
    "promoting_interoperability",
];
const BONUS_KEYS: &[&str] = &["complex_patient"];
const ASSUMPTION_KEYS: &[&str] = &["max_positive_adjustment", "exceptional_bonus_max"];

/// Parse and check a scenario. `file` is the name shown in messages.
pub fn parse_scenario(file: &str, text: &str, rules: &RuleSet) -> Result<Scenario, Diagnostic> {
    if text.trim().is_empty() {
        let what = if text.is_empty() {
            "the file is empty"
        } else {
            "the file has nothing but blank space"
        };
        return Err(Diagnostic::file(file, what).with_help(MINIMAL_SCENARIO));
    }
    let root = DeTable::parse(text).map_err(|e| toml_syntax_error(file, text, &e))?;
    let r = Reader {
        file,
        text,
        table: "",
        spans: HashMap::new(),
    };
    r.read(root.get_ref(), rules)
}

/// Parse and check a scenario written as a table inside a larger TOML file (a workspace's
/// inline scenario). `table` is the table's TOML name (`column.scenario`), shown in messages
/// about misplaced keys; `field_prefix` (`column[2].scenario`) goes before every field named.
pub(crate) fn scenario_from_table(
    file: &str,
    text: &str,
    root: &DeTable<'_>,
    table: &str,
    field_prefix: &str,
    rules: &RuleSet,
) -> Result<Scenario, Diagnostic> {
    let r = Reader {
        file,
        text,
        table,
        spans: HashMap::new(),
    };
    r.read(root, rules).map_err(|mut d| {
        d.field = Some(match d.field.take() {
            Some(f) => format!("{field_prefix}.{f}"),
            None => field_prefix.to_string(),
        });
        d
    })
}

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    /// The TOML name of the table the scenario is (empty: the whole file).
    table: &'a str,
    /// Where each field's value is, to place problems found after parsing.
    spans: HashMap<&'static str, Range<usize>>,
}

type Table<'i> = DeTable<'i>;

impl<'a> Reader<'a> {
    fn err(
        &self,
        span: &Range<usize>,
        field: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Diagnostic {
        located(self.file, self.text, span, field, message, help)
    }

    fn check_keys(
        &self,
        table: &Table<'_>,
        prefix: &str,
        allowed: &[&str],
    ) -> Result<(), Diagnostic> {
        let place = match (self.table.is_empty(), prefix.is_empty()) {
            (true, true) => "at the top level".to_string(),
            (true, false) => format!("in [{prefix}]"),
            (false, true) => format!("in [{}]", self.table),
            (false, false) => format!("in [{}.{prefix}]", self.table),
        };
        check_keys(
            self.file,
            self.text,
            table,
            prefix,
            &place,
            allowed,
            |key, shown| {
                home_of(key)
                    .filter(|home| *home != prefix)
                    .map(|home| format!(" — `{shown}` belongs in [{home}]"))
            },
        )
    }

    fn table<'t, 'i>(
        &self,
        parent: &'t Table<'i>,
        key: &str,
    ) -> Result<Option<(&'t Table<'i>, Range<usize>)>, Diagnostic> {
        match parent.get(key) {
            None => Ok(None),
            Some(v) => match v.get_ref() {
                DeValue::Table(t) => Ok(Some((t, v.span()))),
                other => Err(self.err(
                    &v.span(),
                    key,
                    wrong_type("a table", other),
                    format!("a [{key}] section"),
                )),
            },
        }
    }

    fn number(
        &mut self,
        table: &Table<'_>,
        key: &str,
        field: &'static str,
        help: &str,
    ) -> Result<Option<f64>, Diagnostic> {
        let Some(v) = table.get(key) else {
            return Ok(None);
        };
        self.spans.insert(field, v.span());
        let n = match v.get_ref() {
            DeValue::Integer(i) => integer(i).ok().map(|n| n as f64),
            DeValue::Float(f) => {
                let n = f.as_str().parse::<f64>().ok();
                if let Some(n) = n
                    && !n.is_finite()
                {
                    let lit = f.as_str();
                    let msg = if n.is_nan() {
                        format!("{lit} (not a number) is not allowed")
                    } else if lit.contains("inf") {
                        format!("{lit} (infinity) is not allowed")
                    } else {
                        format!("{} is too large", quote_short(lit, 40))
                    };
                    return Err(self.err(&v.span(), field, msg, help));
                }
                n
            }
            other => {
                return Err(self.err(&v.span(), field, wrong_type("a number", other), help));
            }
        };
        let Some(n) = n else {
            return Err(self.err(&v.span(), field, "number is too large", help));
        };
        Ok(Some(n))
    }

    fn boolean(
        &mut self,
        table: &Table<'_>,
        key: &str,
        field: &'static str,
    ) -> Result<Option<bool>, Diagnostic> {
        let Some(v) = table.get(key) else {
            return Ok(None);
        };
        self.spans.insert(field, v.span());
        match v.get_ref() {
            DeValue::Boolean(b) => Ok(Some(*b)),
            other => Err(self.err(
                &v.span(),
                field,
                wrong_type("true or false", other),
                "true or false (no quotes)",
            )),
        }
    }

    fn string(
        &mut self,
        table: &Table<'_>,
        key: &str,
        field: &'static str,
        help: &str,
    ) -> Result<Option<String>, Diagnostic> {
        let Some(v) = table.get(key) else {
            return Ok(None);
        };
        self.spans.insert(field, v.span());
        match v.get_ref() {
            DeValue::String(s) => Ok(Some(s.to_string())),
            other => Err(self.err(&v.span(), field, wrong_type("a string", other), help)),
        }
    }

    fn choice<T: Copy>(
        &mut self,
        table: &Table<'_>,
        key: &str,
        field: &'static str,
        options: &[(&str, T)],
    ) -> Result<Option<T>, Diagnostic> {
        let help = choices_help(options);
        let Some(s) = self.string(table, key, field, &help)? else {
            return Ok(None);
        };
        pick_choice(&s, options)
            .map(Some)
            .map_err(|msg| self.err(&self.spans[field], field, msg, help))
    }

    fn read(mut self, root: &Table<'_>, rules: &RuleSet) -> Result<Scenario, Diagnostic> {
        self.check_keys(root, "", TOP_KEYS)?;

        let name = self.string(root, "name", "name", "a quoted string")?;
        let year_help = &format!(
            "a year from {} to {}, e.g. performance_year = 2024",
            rules.first_year(),
            rules.last_year()
        );
        let year = match root.get("performance_year") {
            None => {
                return Err(Diagnostic::file(self.file, "is missing")
                    .with_field("performance_year")
                    .with_help(year_help.as_str()));
            }
            Some(v) => {
                self.spans.insert("performance_year", v.span());
                match v.get_ref() {
                    DeValue::Integer(i) => match integer(i) {
                        Ok(y) if (0..=u16::MAX as i64).contains(&y) => y as u16,
                        _ => {
                            return Err(self.err(
                                &v.span(),
                                "performance_year",
                                "is not a year",
                                year_help,
                            ));
                        }
                    },
                    other => {
                        return Err(self.err(
                            &v.span(),
                            "performance_year",
                            wrong_type("a whole number", other),
                            year_help,
                        ));
                    }
                }
            }
        };
        let reporting_option = self
            .choice(
                root,
                "reporting_option",
                "reporting_option",
                &[
                    ("traditional", ReportingOption::Traditional),
                    ("mvp", ReportingOption::Mvp),
                    ("app", ReportingOption::App),
                ],
            )?
            .unwrap_or(ReportingOption::Traditional);

        // [practice]
        let Some((practice_table, practice_span)) = self.table(root, "practice")? else {
            return Err(
                Diagnostic::file(self.file, "the [practice] table is missing")
                    .with_field("practice")
                    .with_help(
                        "[practice] with at least clinicians = N (15 or fewer is a small practice)",
                    ),
            );
        };
        self.check_keys(practice_table, "practice", PRACTICE_KEYS)?;
        let clinicians_help =
            "a whole number of clinicians from 1 to 1000000 (15 or fewer is a small practice)";
        let clinicians = match practice_table.get("clinicians") {
            None => {
                return Err(self.err(
                    &practice_span,
                    "practice.clinicians",
                    "is missing from [practice]",
                    clinicians_help,
                ));
            }
            Some(v) => {
                self.spans.insert("practice.clinicians", v.span());
                match v.get_ref() {
                    DeValue::Integer(i) => match integer(i) {
                        Ok(n) if (1..=MAX_CLINICIANS as i64).contains(&n) => n as u32,
                        Ok(n) => {
                            return Err(self.err(
                                &v.span(),
                                "practice.clinicians",
                                format!("{n} is out of range"),
                                clinicians_help,
                            ));
                        }
                        Err(_) => {
                            return Err(self.err(
                                &v.span(),
                                "practice.clinicians",
                                "number is too large",
                                clinicians_help,
                            ));
                        }
                    },
                    other => {
                        return Err(self.err(
                            &v.span(),
                            "practice.clinicians",
                            wrong_type("a whole number", other),
                            clinicians_help,
                        ));
                    }
                }
            }
        };
        let participation = self
            .choice(
                practice_table,
                "participation",
                "practice.participation",
                &[
                    ("individual", Participation::Individual),
                    ("group", Participation::Group),
                    ("subgroup", Participation::Subgroup),
                    ("virtual_group", Participation::VirtualGroup),
                    ("apm_entity", Participation::ApmEntity),
                ],
            )?
            .unwrap_or(if clinicians == 1 {
                Participation::Individual
            } else {
                Participation::Group
            });
        let rural = self
            .boolean(practice_table, "rural", "practice.rural")?
            .unwrap_or(false);
        let hpsa = self
            .boolean(practice_table, "hpsa", "practice.hpsa")?
            .unwrap_or(false);
        let non_patient_facing = self
            .boolean(
                practice_table,
                "non_patient_facing",
                "practice.non_patient_facing",
            )?
            .unwrap_or(false);
        let reporting = self
            .boolean(practice_table, "reporting", "practice.reporting")?
            .unwrap_or(true);
        let part_b_allowed_charges = self.number(
            practice_table,
            "part_b_allowed_charges",
            "practice.part_b_allowed_charges",
            "dollars from 0 to 10000000000, e.g. part_b_allowed_charges = 420000",
        )?;

        // [scores]
        let mut scores = CategoryScores::default();
        if let Some((t, _)) = self.table(root, "scores")? {
            self.check_keys(t, "scores", SCORE_KEYS)?;
            for c in Category::ALL {
                let v = self.number(
                    t,
                    c.key(),
                    score_field(c),
                    "a percent from 0 to 100; leave the key out if the category is not scored",
                )?;
                scores.set(c, v);
            }
        }

        // [bonuses]
        let mut complex_patient_bonus = 0.0;
        if let Some((t, _)) = self.table(root, "bonuses")? {
            self.check_keys(t, "bonuses", BONUS_KEYS)?;
            complex_patient_bonus = self
                .number(
                    t,
                    "complex_patient",
                    "bonuses.complex_patient",
                    "points from 0 up to the year's maximum",
                )?
                .unwrap_or(0.0);
        }

        // [assumptions]
        let mut assumptions = Assumptions::default();
        if let Some((t, _)) = self.table(root, "assumptions")? {
            self.check_keys(t, "assumptions", ASSUMPTION_KEYS)?;
            assumptions.max_positive_adjustment = self.number(
                t,
                "max_positive_adjustment",
                "assumptions.max_positive_adjustment",
                "percent at a final score of 100, e.g. 1.05",
            )?;
            assumptions.exceptional_bonus_max = self.number(
                t,
                "exceptional_bonus_max",
                "assumptions.exceptional_bonus_max",
                "percent at a final score of 100 (PY2017–2022)",
            )?;
        }

        // [quality], [cost], [improvement_activities], [promoting_interoperability]
        let measures = self.read_measures(
            root,
            year,
            rules.year(year).is_some(),
            &scores,
            reporting_option,
        )?;

        let mut scenario = Scenario {
            name,
            performance_year: year,
            reporting_option,
            practice: Practice {
                clinicians,
                participation,
                rural,
                hpsa,
                non_patient_facing,
                reporting,
                part_b_allowed_charges,
            },
            scores,
            complex_patient_bonus,
            assumptions,
            measures,
        };
        if let Some(p) = check(&scenario, rules).first() {
            return Err(self.place(p));
        }
        crate::builders::apply(&mut scenario);
        Ok(scenario)
    }
}

impl Reader<'_> {
    fn place(&self, p: &Problem) -> Diagnostic {
        match self.spans.get(p.field) {
            Some(span) => self.err(span, p.field, p.message.clone(), p.help.clone()),
            None => Diagnostic::file(self.file, p.message.clone())
                .with_field(p.field)
                .with_help(p.help.clone()),
        }
    }
}

/// The table a key belongs in, for keys put at the wrong level.
fn home_of(key: &str) -> Option<&'static str> {
    if PRACTICE_KEYS.contains(&key) {
        Some("practice")
    } else if SCORE_KEYS.contains(&key) {
        Some("scores")
    } else if BONUS_KEYS.contains(&key) {
        Some("bonuses")
    } else if ASSUMPTION_KEYS.contains(&key) {
        Some("assumptions")
    } else {
        None
    }
}
