//! Reading a lesson file: every problem is reported with its file, line, column and field
//! (`steps[2].set.scores.cost`), what is allowed, and a "did you mean" for misspelt keys, in
//! the style of scenario files.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use toml::de::{DeTable, DeValue};

use super::field::{FieldValue, ScenarioField, ValueKind};
use super::{Edit, Expect, Lesson, LessonView, Step, placeholder_problems};
use crate::diagnostic::{Diagnostic, did_you_mean, line_column, quote_short};
use crate::engine::Band;
use crate::rules::{Category, RuleSet};
use crate::scenario::{Scenario, check};
use crate::toml_input::{check_keys, describe_value as describe, integer, located, wrong_type};

/// The view names a step may ask for.
pub const LESSON_VIEWS: &[&str] = &[
    "results",
    "sensitivity",
    "compare",
    "walkthrough",
    "national",
    "presentation",
    "rules",
    "changes",
];

/// The most steps a lesson may have.
pub const MAX_STEPS: usize = 200;

const TOP_KEYS: &[&str] = &["title", "description", "steps"];
const STEP_KEYS: &[&str] = &[
    "title",
    "scenario",
    "set",
    "unset",
    "talking_points",
    "question",
    "answer",
    "view",
    "focus",
    "expect",
];
const EXPECT_KEYS: &[&str] = &["final_score", "band", "adjustment", "weights"];
const BANDS: &[&str] = &[
    "max_negative",
    "negative",
    "neutral",
    "positive",
    "positive_89_plus",
    "exceptional",
];

const MINIMAL_LESSON: &str = "title = \"...\" and at least one [[steps]] table with title, scenario, \
     talking_points and question (see docs/lessons.md)";

/// Parse and check a lesson. `file` is the name shown in messages; scenario paths are read
/// relative to `base` (the lesson file's folder).
pub fn parse_lesson(
    file: &str,
    text: &str,
    base: &Path,
    rules: &RuleSet,
) -> Result<Lesson, Diagnostic> {
    if text.trim().is_empty() {
        let what = if text.is_empty() {
            "the file is empty"
        } else {
            "the file has nothing but blank space"
        };
        return Err(Diagnostic::file(file, what).with_help(MINIMAL_LESSON));
    }
    let root =
        DeTable::parse(text).map_err(|e| crate::scenario::toml_syntax_error(file, text, &e))?;
    // The same text as plain values, for the measure tables a step gives whole.
    let values: toml::Table = toml::from_str(text).unwrap_or_default();
    let r = Reader {
        file,
        text,
        base,
        values,
    };
    r.read(root.get_ref(), rules)
}

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    base: &'a Path,
    values: toml::Table,
}

type Table<'i> = DeTable<'i>;

/// Text from the file, made safe to show: control characters (escape sequences, newlines)
/// become spaces.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// `base/rel` with `.` and `dir/..` removed, so messages show `scenarios/x.toml` rather than
/// `lessons/../scenarios/x.toml`.
fn lexical_join(base: &Path, rel: &str) -> PathBuf {
    let mut out = PathBuf::new();
    for c in base.join(rel).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}

/// A step's edits as they are read: the scenario they make, each edit, the categories given
/// from their measures, and where each edited field's value is (to place a problem).
struct StepEdits {
    scenario: Scenario,
    edits: Vec<Edit>,
    measures: Vec<Category>,
    spans: Vec<(ScenarioField, Range<usize>)>,
}

impl Reader<'_> {
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
        place: &str,
        prefix: &str,
        allowed: &[&str],
    ) -> Result<(), Diagnostic> {
        check_keys(
            self.file,
            self.text,
            table,
            prefix,
            place,
            allowed,
            |key, shown| {
                (prefix.is_empty() && STEP_KEYS.contains(&key))
                    .then(|| format!(" — `{shown}` belongs in a [[steps]] table"))
            },
        )
    }

    /// A string value, cleaned; `None` when the key is absent.
    fn string(
        &self,
        table: &Table<'_>,
        key: &str,
        field: &str,
        help: &str,
    ) -> Result<Option<(String, Range<usize>)>, Diagnostic> {
        let Some(v) = table.get(key) else {
            return Ok(None);
        };
        match v.get_ref() {
            DeValue::String(s) => {
                let s = clean(s);
                if s.is_empty() {
                    return Err(self.err(&v.span(), field, "is empty", help));
                }
                Ok(Some((s, v.span())))
            }
            other => Err(self.err(&v.span(), field, wrong_type("a string", other), help)),
        }
    }

    /// A string that may hold placeholders.
    fn words(
        &self,
        table: &Table<'_>,
        key: &str,
        field: &str,
        help: &str,
    ) -> Result<Option<String>, Diagnostic> {
        let Some((s, span)) = self.string(table, key, field, help)? else {
            return Ok(None);
        };
        self.check_placeholders(&s, &span, field)?;
        Ok(Some(s))
    }

    fn check_placeholders(
        &self,
        s: &str,
        span: &Range<usize>,
        field: &str,
    ) -> Result<(), Diagnostic> {
        if let Some((_, msg)) = placeholder_problems(s) {
            let names: Vec<String> = super::PLACEHOLDERS
                .iter()
                .map(|(n, _)| format!("{{{n}}}"))
                .collect();
            return Err(self.err(span, field, msg, names.join(", ")));
        }
        Ok(())
    }

    fn number(&self, v: &toml::Spanned<DeValue<'_>>) -> Option<f64> {
        match v.get_ref() {
            DeValue::Integer(i) => integer(i).ok().map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok().filter(|n| n.is_finite()),
            _ => None,
        }
    }

    fn read(&self, root: &Table<'_>, rules: &RuleSet) -> Result<Lesson, Diagnostic> {
        self.check_keys(root, "at the top level", "", TOP_KEYS)?;
        let title_help = "the lesson's title in quotes, e.g. title = \"How a final score is made\"";
        let Some((title, _)) = self.string(root, "title", "title", title_help)? else {
            return Err(Diagnostic::file(self.file, "is missing")
                .with_field("title")
                .with_help(title_help));
        };
        let description = self
            .words(
                root,
                "description",
                "description",
                "what the lesson teaches, in quotes",
            )?
            .filter(|d| !d.is_empty());
        let steps_help = "one [[steps]] table per step, each with title, talking_points and question \
                          (the first also with scenario)";
        let Some(steps_value) = root.get("steps") else {
            return Err(Diagnostic::file(self.file, "the lesson has no steps")
                .with_field("steps")
                .with_help(steps_help));
        };
        let DeValue::Array(items) = steps_value.get_ref() else {
            return Err(self.err(
                &steps_value.span(),
                "steps",
                wrong_type("a list of [[steps]] tables", steps_value.get_ref()),
                steps_help,
            ));
        };
        if items.is_empty() {
            return Err(self.err(
                &steps_value.span(),
                "steps",
                "the lesson has no steps",
                steps_help,
            ));
        }
        if items.len() > MAX_STEPS {
            return Err(self.err(
                &items[MAX_STEPS].span(),
                "steps",
                format!("{} steps is too many", items.len()),
                format!("at most {MAX_STEPS} steps"),
            ));
        }
        let mut steps: Vec<Step> = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let n = i + 1;
            let DeValue::Table(t) = item.get_ref() else {
                return Err(self.err(
                    &item.span(),
                    &format!("steps[{n}]"),
                    wrong_type("a table", item.get_ref()),
                    steps_help,
                ));
            };
            let previous = steps.last().map(|s| &s.scenario);
            let step = self.step(n, t, item.span(), previous, rules)?;
            steps.push(step);
        }
        Ok(Lesson {
            title,
            description,
            steps,
            origin: self.file.to_string(),
        })
    }

    fn step(
        &self,
        n: usize,
        t: &Table<'_>,
        span: Range<usize>,
        previous: Option<&Scenario>,
        rules: &RuleSet,
    ) -> Result<Step, Diagnostic> {
        let at = format!("steps[{n}]");
        let place = format!("in step {n}");
        self.check_keys(t, &place, &at, STEP_KEYS)?;
        let line = line_column(self.text, span.start).0;

        let title_help = "the step's title in quotes, shown at the top of the screen";
        let Some((title, _)) = self.string(t, "title", &format!("{at}.title"), title_help)? else {
            return Err(self.missing(&span, &at, n, "title", title_help));
        };
        let (start, scenario_file) = self.step_start(&at, t, &span, previous, rules)?;

        // The edits.
        let mut edited = StepEdits {
            scenario: start.clone(),
            edits: Vec::new(),
            measures: Vec::new(),
            spans: Vec::new(),
        };
        if let Some(v) = t.get("set") {
            self.set_edits(&at, n, v, &mut edited, rules)?;
        }
        if let Some(v) = t.get("unset") {
            self.unset_edits(&at, n, v, &mut edited)?;
        }
        self.check_edited(&at, n, &span, &edited, rules)?;

        // What the room sees.
        let talking_points = self.talking_points(&at, n, t, &span)?;
        let question_help = "the question to ask the room, in quotes";
        let Some(question) = self.words(t, "question", &format!("{at}.question"), question_help)?
        else {
            return Err(self.missing(&span, &at, n, "question", question_help));
        };
        let answer = self.words(
            t,
            "answer",
            &format!("{at}.answer"),
            "the answer, shown after the question, in quotes",
        )?;
        let view = self.step_view(&at, t)?;
        let focus = self.step_focus(&at, t)?;
        let expect = self.expect(&at, t)?;

        let StepEdits {
            scenario,
            edits,
            measures,
            ..
        } = edited;
        let changed: Vec<ScenarioField> = ScenarioField::differences(&start, &scenario)
            .into_iter()
            .filter(|f| *f != ScenarioField::Name)
            .collect();
        Ok(Step {
            title,
            scenario_file,
            edits,
            talking_points,
            question,
            answer,
            view,
            focus,
            expect,
            scenario,
            start,
            changed,
            measures,
            line,
        })
    }

    /// A key a step must have is missing.
    fn missing(
        &self,
        span: &Range<usize>,
        at: &str,
        n: usize,
        key: &str,
        help: &str,
    ) -> Diagnostic {
        self.err(
            span,
            &format!("{at}.{key}"),
            format!("is missing from step {n}"),
            help,
        )
    }

    /// Where a step starts: its scenario file, else the previous step's scenario.
    fn step_start(
        &self,
        at: &str,
        t: &Table<'_>,
        span: &Range<usize>,
        previous: Option<&Scenario>,
        rules: &RuleSet,
    ) -> Result<(Scenario, Option<PathBuf>), Diagnostic> {
        let scenario_help = "a scenario file's path in quotes, relative to the lesson file's folder, \
                             e.g. scenario = \"../scenarios/cost-not-scored.toml\"";
        match self.string(t, "scenario", &format!("{at}.scenario"), scenario_help)? {
            Some((rel, vspan)) => {
                let path = lexical_join(self.base, &rel);
                if !path.is_file() {
                    let why = if path.is_dir() {
                        "is a folder, not a scenario file"
                    } else {
                        "no such file"
                    };
                    return Err(self.err(
                        &vspan,
                        &format!("{at}.scenario"),
                        format!("{}: {why}", path.display()),
                        scenario_help,
                    ));
                }
                Ok((Scenario::load(&path, rules)?, Some(path)))
            }
            None => match previous {
                Some(s) => Ok((s.clone(), None)),
                None => Err(self.err(
                    span,
                    &format!("{at}.scenario"),
                    "the first step must start from a scenario file",
                    scenario_help,
                )),
            },
        }
    }

    /// `[steps.set]`: fields set to values, and categories given from their measures.
    fn set_edits(
        &self,
        at: &str,
        n: usize,
        v: &toml::Spanned<DeValue<'_>>,
        edited: &mut StepEdits,
        rules: &RuleSet,
    ) -> Result<(), Diagnostic> {
        let DeValue::Table(set) = v.get_ref() else {
            return Err(self.err(
                &v.span(),
                &format!("{at}.set"),
                wrong_type("a table", v.get_ref()),
                "a [steps.set] table of scenario fields, e.g. scores.cost = 50",
            ));
        };
        let mut leaves = Vec::new();
        let mut measure_tables = Vec::new();
        for (key, value) in set.iter() {
            let k: &str = key.get_ref();
            if let (Some(c), DeValue::Table(_)) = (Category::from_key(k), value.get_ref()) {
                measure_tables.push((c, key.span()));
            }
        }
        self.leaves(set, "", &mut leaves);
        leaves.retain(|(path, _, _)| {
            !measure_tables
                .iter()
                .any(|(c, _)| path.split('.').next() == Some(c.key()))
        });
        for (c, key_span) in &measure_tables {
            edited.scenario = self.with_measures(at, n, *c, key_span, &edited.scenario, rules)?;
            edited.measures.push(*c);
            edited
                .spans
                .push((ScenarioField::Score(*c), key_span.clone()));
        }
        for (path, key_span, value) in leaves {
            let field = self.set_field(at, &path, &key_span)?;
            if let ScenarioField::Score(c) = field
                && edited.measures.contains(&c)
            {
                return Err(self.err(
                    &key_span,
                    &format!("{at}.set.{path}"),
                    format!(
                        "`{path}` and a [steps.set.{}] table are both given in step {n}",
                        c.key()
                    ),
                    "a category as a percent or from its measures, not both",
                ));
            }
            let fv = self.field_value(at, field, value)?;
            field.apply(&mut edited.scenario, Some(&fv));
            edited.edits.push(Edit {
                field,
                value: Some(fv),
            });
            edited.spans.push((field, value.span()));
        }
        Ok(())
    }

    /// `unset = [...]`: fields left out (a score left out is not scored).
    fn unset_edits(
        &self,
        at: &str,
        n: usize,
        v: &toml::Spanned<DeValue<'_>>,
        edited: &mut StepEdits,
    ) -> Result<(), Diagnostic> {
        let help = "a list of fields to leave out, e.g. unset = [\"scores.cost\"] (a score left \
                    out is not scored)";
        let DeValue::Array(list) = v.get_ref() else {
            return Err(self.err(
                &v.span(),
                &format!("{at}.unset"),
                wrong_type("a list", v.get_ref()),
                help,
            ));
        };
        for item in list.iter() {
            let DeValue::String(key) = item.get_ref() else {
                return Err(self.err(
                    &item.span(),
                    &format!("{at}.unset"),
                    wrong_type("a list of field names", item.get_ref()),
                    help,
                ));
            };
            let field = self.unset_field(at, key, &item.span())?;
            if edited.spans.iter().any(|(f, _)| *f == field) {
                return Err(self.err(
                    &item.span(),
                    &format!("{at}.unset"),
                    format!("`{}` is both set and unset in step {n}", field.key()),
                    "set a field or unset it, not both",
                ));
            }
            field.apply(&mut edited.scenario, None);
            edited.edits.push(Edit { field, value: None });
            edited.spans.push((field, item.span()));
        }
        Ok(())
    }

    /// The scenario after a step's edits must pass the scenario checks; a problem is placed at
    /// the edit that caused it when there is one.
    fn check_edited(
        &self,
        at: &str,
        n: usize,
        span: &Range<usize>,
        edited: &StepEdits,
        rules: &RuleSet,
    ) -> Result<(), Diagnostic> {
        let Some(p) = check(&edited.scenario, rules).into_iter().next() else {
            return Ok(());
        };
        Err(
            match edited.spans.iter().find(|(f, _)| f.key() == p.field) {
                Some((_, vspan)) => self.err(
                    vspan,
                    &format!("{at}.set.{}", p.field),
                    p.message.clone(),
                    p.help.clone(),
                ),
                None => self.err(
                    span,
                    at,
                    format!("after step {n}'s edits, {}: {}", p.field, p.message),
                    p.help.clone(),
                ),
            },
        )
    }

    /// The step's talking points: at least one, none empty, placeholders known.
    fn talking_points(
        &self,
        at: &str,
        n: usize,
        t: &Table<'_>,
        span: &Range<usize>,
    ) -> Result<Vec<String>, Diagnostic> {
        let points_help = "a list of sentences in quotes, e.g. talking_points = [\"Cost is 30% \
                           of the score.\"]";
        let points_field = format!("{at}.talking_points");
        let Some(v) = t.get("talking_points") else {
            return Err(self.missing(span, at, n, "talking_points", points_help));
        };
        let DeValue::Array(list) = v.get_ref() else {
            return Err(self.err(
                &v.span(),
                &points_field,
                wrong_type("a list", v.get_ref()),
                points_help,
            ));
        };
        if list.is_empty() {
            return Err(self.err(
                &v.span(),
                &points_field,
                format!("step {n} has no talking points"),
                points_help,
            ));
        }
        let mut points = Vec::new();
        for item in list.iter() {
            let DeValue::String(s) = item.get_ref() else {
                return Err(self.err(
                    &item.span(),
                    &points_field,
                    wrong_type("a list of strings", item.get_ref()),
                    points_help,
                ));
            };
            let s = clean(s);
            if s.is_empty() {
                return Err(self.err(
                    &item.span(),
                    &points_field,
                    "a talking point is empty",
                    points_help,
                ));
            }
            self.check_placeholders(&s, &item.span(), &points_field)?;
            points.push(s);
        }
        Ok(points)
    }

    /// The view a step opens, if it names one.
    fn step_view(&self, at: &str, t: &Table<'_>) -> Result<Option<LessonView>, Diagnostic> {
        let views_help = LESSON_VIEWS
            .iter()
            .map(|v| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let Some((v, vspan)) = self.string(t, "view", &format!("{at}.view"), &views_help)? else {
            return Ok(None);
        };
        if let Some(view) = LessonView::from_key(&v) {
            return Ok(Some(view));
        }
        let mut msg = format!("\"{}\" is not one of the views", quote_short(&v, 40));
        if let Some(s) = did_you_mean(&v, LESSON_VIEWS) {
            msg.push_str(&format!(" — did you mean \"{s}\"?"));
        }
        Err(self.err(&vspan, &format!("{at}.view"), msg, views_help))
    }

    /// The field a step puts the focus on, if it names one.
    fn step_focus(&self, at: &str, t: &Table<'_>) -> Result<Option<ScenarioField>, Diagnostic> {
        let focus_keys: Vec<&str> = ScenarioField::keys()
            .into_iter()
            .filter(|k| *k != "name")
            .collect();
        let focus_help = format!("a scenario field: {}", focus_keys.join(", "));
        let Some((k, kspan)) = self.string(t, "focus", &format!("{at}.focus"), &focus_help)? else {
            return Ok(None);
        };
        if let Some(f) = ScenarioField::from_key(&k).filter(|f| f.key() != "name") {
            return Ok(Some(f));
        }
        let mut msg = format!("`{}` is not a scenario field", quote_short(&k, 40));
        if let Some(s) = did_you_mean(&k, &focus_keys) {
            msg.push_str(&format!(" — did you mean `{s}`?"));
        }
        Err(self.err(&kspan, &format!("{at}.focus"), msg, focus_help))
    }

    /// The scenario with one category given from its measures: the step's table (as in a
    /// scenario file: `[steps.set.quality]` is a scenario's `[quality]`) replaces the category's
    /// percent or measures, and the result is read as a scenario file is, so the measures are
    /// checked and scored exactly as there.
    fn with_measures(
        &self,
        at: &str,
        n: usize,
        category: Category,
        key_span: &Range<usize>,
        scenario: &Scenario,
        rules: &RuleSet,
    ) -> Result<Scenario, Diagnostic> {
        let field = format!("{at}.set.{}", category.key());
        let table = self
            .values
            .get("steps")
            .and_then(|s| s.as_array())
            .and_then(|steps| steps.get(n - 1))
            .and_then(|step| step.get("set"))
            .and_then(|set| set.get(category.key()))
            .cloned();
        let written = crate::scenario::to_toml(scenario);
        let mut doc: toml::Table = toml::from_str(&written).unwrap_or_default();
        let (Some(table), false) = (table, doc.is_empty()) else {
            return Err(self.err(
                key_span,
                &field,
                "cannot be read as a category's measures",
                "a table as in scenario files, see docs/measures.md",
            ));
        };
        if let Some(toml::Value::Table(scores)) = doc.get_mut("scores") {
            scores.remove(category.key());
        }
        doc.insert(category.key().to_string(), table);
        let text = toml::to_string(&doc).unwrap_or_default();
        crate::scenario::parse_scenario(self.file, &text, rules).map_err(|d| {
            let what = match &d.field {
                Some(f) => format!("{f}: {}", d.message),
                None => d.message.clone(),
            };
            let mut e = self.err(key_span, &field, what, "");
            e.help = d.help.clone().or(Some(
                "the category's table as in scenario files (docs/measures.md)".into(),
            ));
            e
        })
    }

    /// Every value under `set`, with its dotted path and the span of its last key.
    fn leaves<'t, 'i>(
        &self,
        table: &'t Table<'i>,
        prefix: &str,
        out: &mut Vec<(String, Range<usize>, &'t toml::Spanned<DeValue<'i>>)>,
    ) {
        for (key, value) in table.iter() {
            let k: &str = key.get_ref();
            let path = if prefix.is_empty() {
                k.to_string()
            } else {
                format!("{prefix}.{k}")
            };
            match value.get_ref() {
                DeValue::Table(t) if ScenarioField::from_key(&path).is_none() => {
                    self.leaves(t, &path, out)
                }
                _ => out.push((path, key.span(), value)),
            }
        }
    }

    fn set_field(
        &self,
        at: &str,
        path: &str,
        span: &Range<usize>,
    ) -> Result<ScenarioField, Diagnostic> {
        if let Some(f) = ScenarioField::from_key(path) {
            return Ok(f);
        }
        let keys = ScenarioField::keys();
        let shown = quote_short(path, 60);
        let mut msg = format!("`{shown}` is not a scenario field");
        if let Some(s) = did_you_mean(path, &keys) {
            msg.push_str(&format!(" — did you mean `{s}`?"));
        } else if let Some(f) = ScenarioField::ALL
            .iter()
            .find(|f| f.key().rsplit('.').next() == Some(path))
        {
            msg.push_str(&format!(" — did you mean `{}`?", f.key()));
        }
        Err(self.err(
            span,
            &format!("{at}.set.{shown}"),
            msg,
            format!(
                "scenario fields by their names in scenario files: {}",
                keys.join(", ")
            ),
        ))
    }

    fn unset_field(
        &self,
        at: &str,
        key: &str,
        span: &Range<usize>,
    ) -> Result<ScenarioField, Diagnostic> {
        let unsettable: Vec<&str> = ScenarioField::ALL
            .iter()
            .filter(|f| f.can_unset())
            .map(|f| f.key())
            .collect();
        let help = format!(
            "fields a scenario file may leave out: {}",
            unsettable.join(", ")
        );
        match ScenarioField::from_key(key) {
            Some(f) if f.can_unset() => Ok(f),
            Some(f) => Err(self.err(
                span,
                &format!("{at}.unset"),
                format!("`{}` cannot be unset: a scenario always has one", f.key()),
                help,
            )),
            None => {
                let mut msg = format!("`{}` is not a scenario field", quote_short(key, 60));
                if let Some(s) = did_you_mean(key, &unsettable) {
                    msg.push_str(&format!(" — did you mean `{s}`?"));
                }
                Err(self.err(span, &format!("{at}.unset"), msg, help))
            }
        }
    }

    /// A `set` value of the field's kind (ranges are checked with the whole scenario).
    fn field_value(
        &self,
        at: &str,
        field: ScenarioField,
        v: &toml::Spanned<DeValue<'_>>,
    ) -> Result<FieldValue, Diagnostic> {
        let name = format!("{at}.set.{}", field.key());
        let wrong = |what: &str, help: String| {
            Err(self.err(
                &v.span(),
                &name,
                format!("must be {what}, found {}", describe(v.get_ref())),
                help,
            ))
        };
        match field.kind() {
            ValueKind::Text => match v.get_ref() {
                DeValue::String(s) => Ok(FieldValue::Text(clean(s))),
                _ => wrong("a string", "text in quotes".into()),
            },
            ValueKind::Flag => match v.get_ref() {
                DeValue::Boolean(b) => Ok(FieldValue::Flag(*b)),
                _ => wrong("true or false", "true or false (no quotes)".into()),
            },
            ValueKind::Whole { min, max } => {
                let help = if field == ScenarioField::PerformanceYear {
                    format!("a year, e.g. {} = 2024", field.key())
                } else {
                    format!("a whole number from {min} to {max}")
                };
                match v.get_ref() {
                    DeValue::Integer(i) => match integer(i) {
                        Ok(n) if (min..=max).contains(&n) => Ok(FieldValue::Whole(n)),
                        Ok(n) => {
                            Err(self.err(&v.span(), &name, format!("{n} is out of range"), help))
                        }
                        Err(_) => Err(self.err(&v.span(), &name, "number is too large", help)),
                    },
                    _ => wrong("a whole number", help),
                }
            }
            ValueKind::Number => match v.get_ref() {
                DeValue::Integer(_) | DeValue::Float(_) => match self.number(v) {
                    Some(n) => Ok(FieldValue::Number(n)),
                    None => Err(self.err(
                        &v.span(),
                        &name,
                        "is not a finite number",
                        "a number, e.g. 75 or 62.5",
                    )),
                },
                _ => wrong(
                    "a number",
                    if matches!(field, ScenarioField::Score(_)) {
                        "a percent from 0 to 100; unset = [\"…\"] leaves a category not scored"
                            .into()
                    } else {
                        "a number, e.g. 75 or 62.5".into()
                    },
                ),
            },
            ValueKind::Choice(options) => {
                let help = options
                    .iter()
                    .map(|o| format!("\"{o}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                match v.get_ref() {
                    DeValue::String(s) if options.contains(&&**s) => {
                        Ok(FieldValue::Text(s.to_string()))
                    }
                    DeValue::String(s) => {
                        let mut msg =
                            format!("\"{}\" is not one of the choices", quote_short(s, 40));
                        if let Some(m) = did_you_mean(s, options) {
                            msg.push_str(&format!(" — did you mean \"{m}\"?"));
                        }
                        Err(self.err(&v.span(), &name, msg, help))
                    }
                    _ => wrong("a string", help),
                }
            }
        }
    }

    fn expect(&self, at: &str, t: &Table<'_>) -> Result<Expect, Diagnostic> {
        let mut e = Expect::default();
        let Some(v) = t.get("expect") else {
            return Ok(e);
        };
        let field = format!("{at}.expect");
        let DeValue::Table(table) = v.get_ref() else {
            return Err(self.err(
                &v.span(),
                &field,
                wrong_type("a table", v.get_ref()),
                "a [steps.expect] table: final_score, band, adjustment, weights",
            ));
        };
        self.check_keys(table, "in [steps.expect]", &field, EXPECT_KEYS)?;
        for (key, value) in table.iter() {
            let k: &str = key.get_ref();
            let name = format!("{field}.{k}");
            match k {
                "final_score" | "adjustment" => {
                    let help = if k == "final_score" {
                        "the final score from 0 to 100, e.g. final_score = 85.5"
                    } else {
                        "the payment adjustment in percent, e.g. adjustment = -1.8"
                    };
                    let Some(n) = self.number(value) else {
                        return Err(self.err(
                            &value.span(),
                            &name,
                            wrong_type("a number", value.get_ref()),
                            help,
                        ));
                    };
                    let ok = if k == "final_score" {
                        (0.0..=100.0).contains(&n)
                    } else {
                        (-9.0..=30.0).contains(&n)
                    };
                    if !ok {
                        return Err(self.err(
                            &value.span(),
                            &name,
                            format!("{} is out of range", crate::format::number(n)),
                            help,
                        ));
                    }
                    if k == "final_score" {
                        e.final_score = Some(n);
                    } else {
                        e.adjustment = Some(n);
                    }
                }
                "band" => {
                    let help = BANDS
                        .iter()
                        .map(|b| format!("\"{b}\""))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let DeValue::String(s) = value.get_ref() else {
                        return Err(self.err(
                            &value.span(),
                            &name,
                            wrong_type("a string", value.get_ref()),
                            help,
                        ));
                    };
                    let Some(b) = Band::from_key(s) else {
                        let mut msg = format!("\"{}\" is not a band", quote_short(s, 40));
                        if let Some(m) = did_you_mean(s, BANDS) {
                            msg.push_str(&format!(" — did you mean \"{m}\"?"));
                        }
                        return Err(self.err(&value.span(), &name, msg, help));
                    };
                    e.band = Some(b);
                }
                _ => {
                    let help = "four weights in percent, quality/cost/IA/PI, e.g. weights = \"30/30/15/25\"";
                    let DeValue::String(s) = value.get_ref() else {
                        return Err(self.err(
                            &value.span(),
                            &name,
                            wrong_type("a string", value.get_ref()),
                            help,
                        ));
                    };
                    let parts: Vec<&str> = s.split('/').collect();
                    if parts.len() != 4 || parts.iter().any(|p| p.trim().parse::<f64>().is_err()) {
                        return Err(self.err(
                            &value.span(),
                            &name,
                            format!("\"{}\" is not four weights", quote_short(s, 40)),
                            help,
                        ));
                    }
                    e.weights = Some(s.to_string());
                }
            }
        }
        Ok(e)
    }
}
