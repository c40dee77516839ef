//! Lessons: a trainer's script as a TOML file (documented in docs/lessons.md). A lesson is a
//! sequence of steps; each starts from a scenario file or from the previous step, applies
//! edits to scenario fields (named as in scenario files), and carries a title, talking points
//! and a question for the room, optionally an answer, a view to show, a field to focus and the
//! results the talking points expect.
//!
//! [`parse_lesson`] reads and checks a lesson, resolving every step to its scenario;
//! [`Player`] steps through it. Talking points may quote the engine's numbers with
//! placeholders (`{final_score}`, `{band}`, ...), filled in by [`fill`] from the step's result,
//! so a lesson never states a number the rules no longer give.

mod field;
mod parse;
mod player;

use std::path::{Path, PathBuf};

pub use field::{FieldValue, ScenarioField, ValueKind};
pub use parse::{LESSON_VIEWS, parse_lesson};
pub use player::{Player, Revealed};

use crate::diagnostic::Diagnostic;
use crate::engine::{Band, ScoreResult, published_score};
use crate::format::{number, percent, signed_dollars, two_decimals};
use crate::rules::{RuleSet, YearRules};
use crate::scenario::Scenario;

/// A whole lesson, every step resolved to its scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    pub title: String,
    /// What the lesson is about, for its first screen.
    pub description: Option<String>,
    pub steps: Vec<Step>,
    /// The lesson file as the user named it.
    pub origin: String,
}

impl Lesson {
    /// Read, parse and check a lesson file (scenario paths are relative to its folder).
    pub fn load(path: &Path, rules: &RuleSet) -> Result<Lesson, Diagnostic> {
        let text = crate::files::read_text_file(path)?;
        let base = path.parent().unwrap_or(Path::new(""));
        parse_lesson(&path.display().to_string(), &text, base, rules)
    }

    /// Every step whose expected results differ from what the engine gives, with the
    /// differences in words: a lesson written for other rules says so.
    pub fn mismatches(&self, rules: &RuleSet) -> Vec<(usize, Vec<String>)> {
        self.steps
            .iter()
            .enumerate()
            .filter_map(|(i, step)| {
                let year = rules.year(step.scenario.performance_year)?;
                let result = crate::engine::score(&step.scenario, year);
                let found = step.expect.mismatches(&result);
                (!found.is_empty()).then_some((i, found))
            })
            .collect()
    }
}

/// The view a step asks the explorer to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LessonView {
    Results,
    Sensitivity,
    Compare,
    Walkthrough,
    National,
    Presentation,
    /// The rules timeline.
    Rules,
    /// What changed in the scenario's year, with the scenario under both years.
    Changes,
}

impl LessonView {
    pub const ALL: [LessonView; 8] = [
        LessonView::Results,
        LessonView::Sensitivity,
        LessonView::Compare,
        LessonView::Walkthrough,
        LessonView::National,
        LessonView::Presentation,
        LessonView::Rules,
        LessonView::Changes,
    ];

    /// The name used in lesson files.
    pub fn key(self) -> &'static str {
        match self {
            LessonView::Results => "results",
            LessonView::Sensitivity => "sensitivity",
            LessonView::Compare => "compare",
            LessonView::Walkthrough => "walkthrough",
            LessonView::National => "national",
            LessonView::Presentation => "presentation",
            LessonView::Rules => "rules",
            LessonView::Changes => "changes",
        }
    }

    pub fn from_key(key: &str) -> Option<LessonView> {
        Self::ALL.into_iter().find(|v| v.key() == key)
    }
}

/// One edit of a step: a field set to a value, or left out (`None`: not scored / default).
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub field: ScenarioField,
    pub value: Option<FieldValue>,
}

/// The results a step's talking points rely on; any left out is not checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expect {
    /// The final score as CMS publishes it (two decimals).
    pub final_score: Option<f64>,
    pub band: Option<Band>,
    /// The total payment adjustment in percent, to two decimals.
    pub adjustment: Option<f64>,
    /// The weights applied, as "30/30/15/25".
    pub weights: Option<String>,
}

impl Expect {
    pub fn is_empty(&self) -> bool {
        *self == Expect::default()
    }

    /// What differs between these expectations and a result, in words.
    pub fn mismatches(&self, r: &ScoreResult) -> Vec<String> {
        let mut out = Vec::new();
        let score = published_score(r.final_score);
        if let Some(e) = self.final_score
            && (e - score).abs() > 0.005
        {
            out.push(format!(
                "final score: the lesson expects {}, the rules give {}",
                two_decimals(e),
                two_decimals(score)
            ));
        }
        if let Some(b) = self.band
            && b != r.band
        {
            out.push(format!(
                "band: the lesson expects {}, the rules give {}",
                b.label(),
                r.band.label()
            ));
        }
        if let Some(a) = self.adjustment
            && (a - r.payment_adjustment_percent).abs() > 0.005 + 1e-9
        {
            out.push(format!(
                "adjustment: the lesson expects {}, the rules give {}",
                percent(a),
                percent(r.payment_adjustment_percent)
            ));
        }
        if let Some(w) = &self.weights
            && *w != r.weights.to_string()
        {
            out.push(format!(
                "weights: the lesson expects {w}, the rules give {}",
                r.weights
            ));
        }
        out
    }
}

/// One step of a lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub title: String,
    /// The scenario file the step starts from (None: from the previous step's scenario).
    pub scenario_file: Option<PathBuf>,
    /// The edits, in file order (sets, then unsets).
    pub edits: Vec<Edit>,
    pub talking_points: Vec<String>,
    pub question: String,
    pub answer: Option<String>,
    pub view: Option<LessonView>,
    pub focus: Option<ScenarioField>,
    pub expect: Expect,
    /// The scenario at this step, edits applied.
    pub scenario: Scenario,
    /// The scenario the step starts from: its scenario file, or the previous step's scenario.
    pub start: Scenario,
    /// The fields this step's edits changed (from `start` to `scenario`; the name is not
    /// counted).
    pub changed: Vec<ScenarioField>,
    /// The categories the step gives from their measures (`[steps.set.quality]`, ...).
    pub measures: Vec<crate::rules::Category>,
    /// Line of the step's `[[steps]]` header in the lesson file.
    pub line: usize,
}

/// The placeholders talking points, questions and answers may use, with what they become.
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("final_score", "the final score, two decimals (85.50)"),
    ("weighted_score", "the weighted score before bonuses"),
    ("band", "the adjustment band (Positive)"),
    ("adjustment", "the payment adjustment (+0.44%)"),
    ("dollars", "the adjustment in dollars (+$14,112)"),
    ("weights", "the weights applied (55/0/15/30)"),
    ("weights_reason", "why those weights apply"),
    ("threshold", "the performance threshold (75)"),
    ("cliff", "a quarter of the threshold, the cliff (18.75)"),
    ("applicable_percent", "the applicable percent (9)"),
    ("year", "the performance year (2024)"),
    ("payment_year", "the payment year (2026)"),
    (
        "max_positive",
        "the positive adjustment at 100 used (1.05%)",
    ),
];

/// `text` with every `{placeholder}` replaced by the result's value; `{{` and `}}` are
/// literal braces. (Placeholders are checked when the lesson is read.)
pub fn fill(text: &str, r: &ScoreResult, year: &YearRules) -> String {
    let value = |name: &str| -> Option<String> {
        Some(match name {
            "final_score" => two_decimals(published_score(r.final_score)),
            "weighted_score" => two_decimals(r.weighted_score),
            "band" => r.band.label().to_string(),
            "adjustment" => percent(r.payment_adjustment_percent),
            "dollars" => r
                .dollar_impact
                .map_or_else(|| "no dollar figure".into(), signed_dollars),
            "weights" => r.weights.to_string(),
            "weights_reason" => r.weights_reason.clone(),
            "threshold" => number(year.pt()),
            "cliff" => number(year.pt() / 4.0),
            "applicable_percent" => number(year.ap()),
            "year" => year.performance_year.to_string(),
            "payment_year" => year.payment_year.to_string(),
            "max_positive" => format!("{}%", number(r.max_positive_adjustment)),
            _ => return None,
        })
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if let Some(end) = tail.strip_prefix('{').and_then(|t| t.find('}'))
            && let Some(v) = value(&tail[1..=end])
        {
            out.push_str(&v);
            rest = &tail[end + 2..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders of a text that are not known, or a brace left unclosed: (offset in the
/// text, the problem). Empty when the text is fine.
pub fn placeholder_problems(text: &str) -> Option<(usize, String)> {
    let names: Vec<&str> = PLACEHOLDERS.iter().map(|(n, _)| *n).collect();
    let mut at = 0;
    let bytes = text.as_bytes();
    while at < bytes.len() {
        match bytes[at] {
            b'{' if bytes.get(at + 1) == Some(&b'{') => at += 2,
            b'}' if bytes.get(at + 1) == Some(&b'}') => at += 2,
            b'{' => {
                let Some(len) = text[at + 1..].find('}') else {
                    return Some((at, "a `{` is not closed (write `{{` for a brace)".into()));
                };
                let name = &text[at + 1..at + 1 + len];
                if !names.contains(&name) {
                    let mut msg = format!(
                        "unknown placeholder `{{{}}}`",
                        crate::diagnostic::quote_short(name, 40)
                    );
                    if let Some(s) = crate::diagnostic::did_you_mean(name, &names) {
                        msg.push_str(&format!(" — did you mean `{{{s}}}`?"));
                    }
                    return Some((at, msg));
                }
                at += len + 2;
            }
            b'}' => {
                return Some((at, "a `}` without its `{` (write `}}` for a brace)".into()));
            }
            _ => at += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_from_the_result() {
        let rules = RuleSet::embedded().unwrap();
        let s = Scenario::default_group();
        let year = rules.year(s.performance_year).unwrap();
        let r = crate::engine::score(&s, year);
        let text = fill(
            "Score {final_score} ({band}), threshold {threshold}, cliff {cliff}; {{literal}}",
            &r,
            year,
        );
        assert_eq!(
            text,
            format!(
                "Score {} ({}), threshold 75, cliff 18.75; {{literal}}",
                two_decimals(published_score(r.final_score)),
                r.band.label()
            )
        );
    }

    #[test]
    fn unknown_placeholders_and_lone_braces_are_found() {
        assert_eq!(placeholder_problems("fine {final_score} {{x}}"), None);
        assert_eq!(
            placeholder_problems("a {final_scor} b"),
            Some((
                2,
                "unknown placeholder `{final_scor}` — did you mean `{final_score}`?".into()
            ))
        );
        assert!(placeholder_problems("open { brace").is_some());
        assert!(placeholder_problems("close } brace").is_some());
    }
}
