//! Lessons: the bad-input catalogue (each bad lesson file through the real binary, `mips-whatif
//! lesson FILE --check`: exit code 2, exactly the message written here, nothing on stdout),
//! the player, and every shipped lesson played to the end with each step's scores checked
//! against the engine.
//!
//! Lesson files are written into a temporary folder that is the binary's working folder, with
//! a valid scenario `s.toml`, an invalid one `bad-scenario.toml` and a folder `sub`.

use std::path::Path;

use assert_cmd::Command;
use mips_whatif::engine::{self, Band, published_score};
use mips_whatif::rules::{Category, RuleSet};
use mips_whatif::scenario::Scenario;
use mips_whatif::teaching::lesson::{
    Lesson, LessonView, Player, Revealed, ScenarioField, fill, parse_lesson,
};

struct Case {
    name: &'static str,
    lesson: &'static str,
    /// The whole of stderr.
    stderr: &'static str,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "empty file",
            lesson: r#""#,
            stderr: r#"error: lesson.toml: the file is empty
  = allowed: title = "..." and at least one [[steps]] table with title, scenario, talking_points and question (see docs/lessons.md)
"#,
        },
        Case {
            name: "blank file",
            lesson: r#"  

"#,
            stderr: r#"error: lesson.toml: the file has nothing but blank space
  = allowed: title = "..." and at least one [[steps]] table with title, scenario, talking_points and question (see docs/lessons.md)
"#,
        },
        Case {
            name: "not valid TOML",
            lesson: r#"title = "x"
[[steps]
"#,
            stderr: r#"error: lesson.toml:2:9: not valid TOML: unclosed array table, expected `]`
   |
 2 | [[steps]
   |         ^
  = allowed: TOML: `key = value` lines under [table] headers, text in double quotes, each key and each table once
"#,
        },
        Case {
            name: "misspelt top-level key",
            lesson: r#"title = "x"
step = 1
"#,
            stderr: r#"error: lesson.toml:2:1: step: unknown key `step` at the top level — did you mean `steps`?
   |
 2 | step = 1
   | ^
  = allowed: title, description, steps
"#,
        },
        Case {
            name: "step key at the top level",
            lesson: r#"title = "x"
talking_points = []
"#,
            stderr: r#"error: lesson.toml:2:1: talking_points: unknown key `talking_points` at the top level — `talking_points` belongs in a [[steps]] table
   |
 2 | talking_points = []
   | ^
  = allowed: title, description, steps
"#,
        },
        Case {
            name: "no lesson title",
            lesson: r#"[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
"#,
            stderr: r#"error: lesson.toml: title: is missing
  = allowed: the lesson's title in quotes, e.g. title = "How a final score is made"
"#,
        },
        Case {
            name: "empty lesson title",
            lesson: r#"title = ""
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
"#,
            stderr: r#"error: lesson.toml:1:9: title: is empty
   |
 1 | title = ""
   |         ^
  = allowed: the lesson's title in quotes, e.g. title = "How a final score is made"
"#,
        },
        Case {
            name: "no steps",
            lesson: r#"title = "x"
"#,
            stderr: r#"error: lesson.toml: steps: the lesson has no steps
  = allowed: one [[steps]] table per step, each with title, talking_points and question (the first also with scenario)
"#,
        },
        Case {
            name: "steps is a number",
            lesson: r#"title = "x"
steps = 5
"#,
            stderr: r#"error: lesson.toml:2:9: steps: must be a list of [[steps]] tables, found the number 5
   |
 2 | steps = 5
   |         ^
  = allowed: one [[steps]] table per step, each with title, talking_points and question (the first also with scenario)
"#,
        },
        Case {
            name: "steps is an empty list",
            lesson: r#"title = "x"
steps = []
"#,
            stderr: r#"error: lesson.toml:2:9: steps: the lesson has no steps
   |
 2 | steps = []
   |         ^
  = allowed: one [[steps]] table per step, each with title, talking_points and question (the first also with scenario)
"#,
        },
        Case {
            name: "a step that is not a table",
            lesson: r#"title = "x"
steps = [1, 2]
"#,
            stderr: r#"error: lesson.toml:2:10: steps[1]: must be a table, found the number 1
   |
 2 | steps = [1, 2]
   |          ^
  = allowed: one [[steps]] table per step, each with title, talking_points and question (the first also with scenario)
"#,
        },
        Case {
            name: "step without a title",
            lesson: r#"title = "x"
[[steps]]
scenario = "s.toml"
talking_points = ["A."]
question = "Q?"
"#,
            stderr: r#"error: lesson.toml:2:1: steps[1].title: is missing from step 1
   |
 2 | [[steps]]
   | ^
  = allowed: the step's title in quotes, shown at the top of the screen
"#,
        },
        Case {
            name: "first step without a scenario",
            lesson: r#"title = "x"
[[steps]]
title = "One"
talking_points = ["A."]
question = "Q?"
"#,
            stderr: r#"error: lesson.toml:2:1: steps[1].scenario: the first step must start from a scenario file
   |
 2 | [[steps]]
   | ^
  = allowed: a scenario file's path in quotes, relative to the lesson file's folder, e.g. scenario = "../scenarios/cost-not-scored.toml"
"#,
        },
        Case {
            name: "scenario file missing",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "../scenarios/nope.toml"
talking_points = ["A."]
question = "Q?"
"#,
            stderr: r#"error: lesson.toml:4:12: steps[1].scenario: ../scenarios/nope.toml: no such file
   |
 4 | scenario = "../scenarios/nope.toml"
   |            ^
  = allowed: a scenario file's path in quotes, relative to the lesson file's folder, e.g. scenario = "../scenarios/cost-not-scored.toml"
"#,
        },
        Case {
            name: "scenario file is a folder",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "sub"
talking_points = ["A."]
question = "Q?"
"#,
            stderr: r#"error: lesson.toml:4:12: steps[1].scenario: sub: is a folder, not a scenario file
   |
 4 | scenario = "sub"
   |            ^
  = allowed: a scenario file's path in quotes, relative to the lesson file's folder, e.g. scenario = "../scenarios/cost-not-scored.toml"
"#,
        },
        Case {
            name: "scenario file invalid",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "bad-scenario.toml"
talking_points = ["A."]
question = "Q?"
"#,
            stderr: r#"error: bad-scenario.toml:3:14: practice.clinicians: 0 is out of range
   |
 3 | clinicians = 0
   |              ^
  = allowed: a whole number of clinicians from 1 to 1000000 (15 or fewer is a small practice)
"#,
        },
        Case {
            name: "misspelt step key",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
talkingpoints = ["x"]
"#,
            stderr: r#"error: lesson.toml:7:1: steps[1].talkingpoints: unknown key `talkingpoints` in step 1 — did you mean `talking_points`?
   |
 7 | talkingpoints = ["x"]
   | ^
  = allowed: title, scenario, set, unset, talking_points, question, answer, view, focus, expect
"#,
        },
        Case {
            name: "misspelt field in set",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
[steps.set]
scores.qualty = 70
"#,
            stderr: r#"error: lesson.toml:8:8: steps[1].set.scores.qualty: `scores.qualty` is not a scenario field — did you mean `scores.quality`?
   |
 8 | scores.qualty = 70
   |        ^
  = allowed: scenario fields by their names in scenario files: name, performance_year, reporting_option, practice.clinicians, practice.participation, practice.rural, practice.hpsa, practice.non_patient_facing, practice.reporting, practice.part_b_allowed_charges, scores.quality, scores.cost, scores.improvement_activities, scores.promoting_interoperability, bonuses.complex_patient, assumptions.max_positive_adjustment, assumptions.exceptional_bonus_max
"#,
        },
        Case {
            name: "field in set without its table",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
[steps.set]
quality = 70
"#,
            stderr: r#"error: lesson.toml:8:1: steps[1].set.quality: `quality` is not a scenario field — did you mean `scores.quality`?
   |
 8 | quality = 70
   | ^
  = allowed: scenario fields by their names in scenario files: name, performance_year, reporting_option, practice.clinicians, practice.participation, practice.rural, practice.hpsa, practice.non_patient_facing, practice.reporting, practice.part_b_allowed_charges, scores.quality, scores.cost, scores.improvement_activities, scores.promoting_interoperability, bonuses.complex_patient, assumptions.max_positive_adjustment, assumptions.exceptional_bonus_max
"#,
        },
        Case {
            name: "text for a score",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
[steps.set]
scores.cost = "high"
"#,
            stderr: r#"error: lesson.toml:8:15: steps[1].set.scores.cost: must be a number, found the string "high"
   |
 8 | scores.cost = "high"
   |               ^
  = allowed: a percent from 0 to 100; unset = ["…"] leaves a category not scored
"#,
        },
        Case {
            name: "score out of range",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
[steps.set]
scores.quality = 120
"#,
            stderr: r#"error: lesson.toml:8:18: steps[1].set.scores.quality: 120 is out of range
   |
 8 | scores.quality = 120
   |                  ^
  = allowed: a percent from 0 to 100; leave the key out if the category is not scored
"#,
        },
        Case {
            name: "misspelt choice",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
[steps.set]
reporting_option = "mpv"
"#,
            stderr: r#"error: lesson.toml:8:20: steps[1].set.reporting_option: "mpv" is not one of the choices — did you mean "mvp"?
   |
 8 | reporting_option = "mpv"
   |                    ^
  = allowed: "traditional", "mvp", "app"
"#,
        },
        Case {
            name: "unsupported year",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
[steps.set]
performance_year = 2030
"#,
            stderr: r#"error: lesson.toml:8:20: steps[1].set.performance_year: 2030 is not a supported performance year
   |
 8 | performance_year = 2030
   |                    ^
  = allowed: 2017–2026 (later years are not yet settled by CMS)
"#,
        },
        Case {
            name: "edits that break another field",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
[steps.set]
performance_year = 2017
"#,
            stderr: r#"error: lesson.toml:2:1: steps[1]: after step 1's edits, bonuses.complex_patient: PY2017 had no complex patient bonus, got 5
   |
 2 | [[steps]]
   | ^
  = allowed: 0, or leave complex_patient out (the bonus starts in PY2018)
"#,
        },
        Case {
            name: "zero clinicians",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
[steps.set]
practice.clinicians = 0
"#,
            stderr: r#"error: lesson.toml:8:23: steps[1].set.practice.clinicians: 0 is out of range
   |
 8 | practice.clinicians = 0
   |                       ^
  = allowed: a whole number from 1 to 1000000
"#,
        },
        Case {
            name: "set is not a table",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
set = 5
"#,
            stderr: r#"error: lesson.toml:7:7: steps[1].set: must be a table, found the number 5
   |
 7 | set = 5
   |       ^
  = allowed: a [steps.set] table of scenario fields, e.g. scores.cost = 50
"#,
        },
        Case {
            name: "misspelt field in unset",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
unset = ["scores.cots"]
"#,
            stderr: r#"error: lesson.toml:7:10: steps[1].unset: `scores.cots` is not a scenario field — did you mean `scores.cost`?
   |
 7 | unset = ["scores.cots"]
   |          ^
  = allowed: fields a scenario file may leave out: name, practice.part_b_allowed_charges, scores.quality, scores.cost, scores.improvement_activities, scores.promoting_interoperability, bonuses.complex_patient, assumptions.max_positive_adjustment, assumptions.exceptional_bonus_max
"#,
        },
        Case {
            name: "unset a required field",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
unset = ["practice.clinicians"]
"#,
            stderr: r#"error: lesson.toml:7:10: steps[1].unset: `practice.clinicians` cannot be unset: a scenario always has one
   |
 7 | unset = ["practice.clinicians"]
   |          ^
  = allowed: fields a scenario file may leave out: name, practice.part_b_allowed_charges, scores.quality, scores.cost, scores.improvement_activities, scores.promoting_interoperability, bonuses.complex_patient, assumptions.max_positive_adjustment, assumptions.exceptional_bonus_max
"#,
        },
        Case {
            name: "unset is not a list",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
unset = "scores.cost"
"#,
            stderr: r#"error: lesson.toml:7:9: steps[1].unset: must be a list, found the string "scores.cost"
   |
 7 | unset = "scores.cost"
   |         ^
  = allowed: a list of fields to leave out, e.g. unset = ["scores.cost"] (a score left out is not scored)
"#,
        },
        Case {
            name: "set and unset together",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
unset = ["scores.cost"]
[steps.set]
scores.cost = 50
"#,
            stderr: r#"error: lesson.toml:7:10: steps[1].unset: `scores.cost` is both set and unset in step 1
   |
 7 | unset = ["scores.cost"]
   |          ^
  = allowed: set a field or unset it, not both
"#,
        },
        Case {
            name: "no talking points",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
question = "Q?"
"#,
            stderr: r#"error: lesson.toml:2:1: steps[1].talking_points: is missing from step 1
   |
 2 | [[steps]]
   | ^
  = allowed: a list of sentences in quotes, e.g. talking_points = ["Cost is 30% of the score."]
"#,
        },
        Case {
            name: "empty talking points",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = []
question = "Q?"
"#,
            stderr: r#"error: lesson.toml:5:18: steps[1].talking_points: step 1 has no talking points
   |
 5 | talking_points = []
   |                  ^
  = allowed: a list of sentences in quotes, e.g. talking_points = ["Cost is 30% of the score."]
"#,
        },
        Case {
            name: "a talking point that is a number",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A.", 5]
question = "Q?"
"#,
            stderr: r#"error: lesson.toml:5:25: steps[1].talking_points: must be a list of strings, found the number 5
   |
 5 | talking_points = ["A.", 5]
   |                         ^
  = allowed: a list of sentences in quotes, e.g. talking_points = ["Cost is 30% of the score."]
"#,
        },
        Case {
            name: "no question",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A."]
"#,
            stderr: r#"error: lesson.toml:2:1: steps[1].question: is missing from step 1
   |
 2 | [[steps]]
   | ^
  = allowed: the question to ask the room, in quotes
"#,
        },
        Case {
            name: "misspelt placeholder",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["Score {final_scor}."]
question = "Q?"
"#,
            stderr: r#"error: lesson.toml:5:19: steps[1].talking_points: unknown placeholder `{final_scor}` — did you mean `{final_score}`?
   |
 5 | talking_points = ["Score {final_scor}."]
   |                   ^
  = allowed: {final_score}, {weighted_score}, {band}, {adjustment}, {dollars}, {weights}, {weights_reason}, {threshold}, {cliff}, {applicable_percent}, {year}, {payment_year}, {max_positive}
"#,
        },
        Case {
            name: "unclosed brace",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A."]
question = "Is {it?"
"#,
            stderr: r#"error: lesson.toml:6:12: steps[1].question: a `{` is not closed (write `{{` for a brace)
   |
 6 | question = "Is {it?"
   |            ^
  = allowed: {final_score}, {weighted_score}, {band}, {adjustment}, {dollars}, {weights}, {weights_reason}, {threshold}, {cliff}, {applicable_percent}, {year}, {payment_year}, {max_positive}
"#,
        },
        Case {
            name: "misspelt view",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
view = "walkthru"
"#,
            stderr: r#"error: lesson.toml:7:8: steps[1].view: "walkthru" is not one of the views — did you mean "walkthrough"?
   |
 7 | view = "walkthru"
   |        ^
  = allowed: "results", "sensitivity", "compare", "walkthrough", "national", "presentation", "rules", "changes"
"#,
        },
        Case {
            name: "misspelt focus",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
focus = "scores.qual"
"#,
            stderr: r#"error: lesson.toml:7:9: steps[1].focus: `scores.qual` is not a scenario field — did you mean `scores.quality`?
   |
 7 | focus = "scores.qual"
   |         ^
  = allowed: a scenario field: performance_year, reporting_option, practice.clinicians, practice.participation, practice.rural, practice.hpsa, practice.non_patient_facing, practice.reporting, practice.part_b_allowed_charges, scores.quality, scores.cost, scores.improvement_activities, scores.promoting_interoperability, bonuses.complex_patient, assumptions.max_positive_adjustment, assumptions.exceptional_bonus_max
"#,
        },
        Case {
            name: "unknown expectation",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
expect = { score = 80 }
"#,
            stderr: r#"error: lesson.toml:7:12: steps[1].expect.score: unknown key `score` in [steps.expect]
   |
 7 | expect = { score = 80 }
   |            ^
  = allowed: final_score, band, adjustment, weights
"#,
        },
        Case {
            name: "misspelt band",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
expect = { band = "postive" }
"#,
            stderr: r#"error: lesson.toml:7:19: steps[1].expect.band: "postive" is not a band — did you mean "positive"?
   |
 7 | expect = { band = "postive" }
   |                   ^
  = allowed: "max_negative", "negative", "neutral", "positive", "positive_89_plus", "exceptional"
"#,
        },
        Case {
            name: "three weights",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
expect = { weights = "30/30/40" }
"#,
            stderr: r#"error: lesson.toml:7:22: steps[1].expect.weights: "30/30/40" is not four weights
   |
 7 | expect = { weights = "30/30/40" }
   |                      ^
  = allowed: four weights in percent, quality/cost/IA/PI, e.g. weights = "30/30/15/25"
"#,
        },
        Case {
            name: "expected results the rules do not give",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
expect = { final_score = 90, band = "neutral" }
"#,
            stderr: r#"error: lesson.toml:2: steps[1].expect: final score: the lesson expects 90.00, the rules give 88.00
  = allowed: the results the rules give: correct the lesson's expect (and any talking point quoting the old number), or use the rules it was written for (--rules DIR)
error: lesson.toml:2: steps[1].expect: band: the lesson expects Neutral, the rules give Positive
  = allowed: the results the rules give: correct the lesson's expect (and any talking point quoting the old number), or use the rules it was written for (--rules DIR)
"#,
        },
        Case {
            name: "a measure the year does not have",
            lesson: r#"title = "x"
[[steps]]
title = "One"
scenario = "s.toml"
talking_points = ["A point."]
question = "Why?"
[steps.set.quality]
[[steps.set.quality.measures]]
id = "999"
performance_rate = 50
"#,
            stderr: r#"error: lesson.toml:7:12: steps[1].set.quality: quality.measures[1].id: "999" is not a PY2024 quality measure — did you mean "499"?
   |
 7 | [steps.set.quality]
   |            ^
  = allowed: a quality measure id of PY2024: `mips-whatif measures --year 2024 --search WORDS` lists them
"#,
        },
    ]
}

fn prepare(dir: &Path) {
    std::fs::write(
        dir.join("s.toml"),
        "performance_year = 2024\n[practice]\nclinicians = 8\n[scores]\nquality = 80\ncost = 70\n\
         improvement_activities = 100\n[bonuses]\ncomplex_patient = 5\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("bad-scenario.toml"),
        "performance_year = 2024\n[practice]\nclinicians = 0\n",
    )
    .unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
}

#[test]
fn every_bad_lesson_gets_its_exact_message_and_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    prepare(dir.path());
    let mut failures = Vec::new();
    for case in cases() {
        std::fs::write(dir.path().join("lesson.toml"), case.lesson).unwrap();
        let out = Command::cargo_bin("mips-whatif")
            .unwrap()
            .current_dir(dir.path())
            .args(["lesson", "lesson.toml", "--check"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(2) || !out.stdout.is_empty() || stderr != case.stderr {
            failures.push(format!(
                "--- {} (exit {:?})\n{stderr}",
                case.name,
                out.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn rules() -> RuleSet {
    RuleSet::embedded().unwrap()
}

const SHIPPED: [&str; 3] = [
    "lessons/how-a-final-score-is-made.toml",
    "lessons/why-cost-matters.toml",
    "lessons/the-cliff-and-the-threshold.toml",
];

/// Plays a lesson to the end and back, checking at every step that the player shows the
/// step's scenario, that the scenario is the previous one (or the step's file) with the
/// step's edits applied, and that the step's expected results are the engine's.
fn play_to_the_end(lesson: Lesson, rules: &RuleSet) -> usize {
    let steps = lesson.steps.len();
    let mut player = Player::new(lesson.clone());
    let mut checked = 0;
    for i in 0..steps {
        assert_eq!(player.index(), i);
        let step = &lesson.steps[i];
        assert_eq!(player.step(), step);
        // The scenario is where the step starts, with its edits applied.
        let mut rebuilt = match &step.scenario_file {
            Some(path) => Scenario::load(path, rules).unwrap(),
            None => lesson.steps[i - 1].scenario.clone(),
        };
        assert_eq!(rebuilt, step.start, "{}: step {}", lesson.origin, i + 1);
        for e in &step.edits {
            e.field.apply(&mut rebuilt, e.value.as_ref());
        }
        assert_eq!(
            &rebuilt,
            player.scenario(),
            "{}: step {}",
            lesson.origin,
            i + 1
        );
        assert_eq!(
            player.changed(),
            ScenarioField::differences(&step.start, &rebuilt)
                .into_iter()
                .filter(|f| *f != ScenarioField::Name)
                .collect::<Vec<_>>()
        );
        // The scores at this step are the engine's, and what the lesson expects.
        let year = rules.year(rebuilt.performance_year).unwrap();
        let result = engine::score(&rebuilt, year);
        let e = &step.expect;
        if let Some(fs) = e.final_score {
            assert!(
                (fs - published_score(result.final_score)).abs() < 0.005,
                "{} step {}: final score {} expected {fs}",
                lesson.origin,
                i + 1,
                published_score(result.final_score)
            );
            checked += 1;
        }
        if let Some(b) = e.band {
            assert_eq!(b, result.band, "{} step {}", lesson.origin, i + 1);
        }
        if let Some(a) = e.adjustment {
            assert!(
                (a - result.payment_adjustment_percent).abs() < 0.0051,
                "{} step {}: adjustment {} expected {a}",
                lesson.origin,
                i + 1,
                result.payment_adjustment_percent
            );
        }
        if let Some(w) = &e.weights {
            assert_eq!(
                *w,
                result.weights.to_string(),
                "{} step {}",
                lesson.origin,
                i + 1
            );
        }
        assert!(e.mismatches(&result).is_empty());
        // Every placeholder of what the room sees is filled in.
        for text in step
            .talking_points
            .iter()
            .chain([&step.question])
            .chain(step.answer.as_ref())
        {
            let shown = fill(text, &result, year);
            assert!(!shown.contains('{'), "{}: {shown}", lesson.origin);
        }
        // The question shows on the first reveal, the answer on the second.
        assert_eq!(player.revealed(), Revealed::Nothing);
        assert!(player.reveal());
        assert_eq!(player.revealed(), Revealed::Question);
        player.reveal();
        let expected = if step.answer.is_some() {
            Revealed::Answer
        } else {
            Revealed::Question
        };
        assert_eq!(player.revealed(), expected);
        assert_eq!(player.forward(), i + 1 < steps);
    }
    assert!(player.is_last());
    assert!(!player.forward());
    assert_eq!(player.position(), format!("Step {steps} of {steps}"));
    while player.back() {}
    assert!(player.is_first());
    assert_eq!(player.revealed(), Revealed::Nothing);
    checked
}

#[test]
fn every_shipped_lesson_plays_to_the_end_with_the_engines_scores() {
    let rules = rules();
    for file in SHIPPED {
        let lesson = Lesson::load(Path::new(file), &rules).unwrap_or_else(|d| panic!("{d}"));
        assert!(lesson.steps.len() >= 6, "{file}: a lesson of a few steps");
        assert!(lesson.mismatches(&rules).is_empty(), "{file}");
        let checked = play_to_the_end(lesson.clone(), &rules);
        // Nearly every step states its final score, so a change of rules is caught.
        assert!(
            checked + 1 >= lesson.steps.len(),
            "{file}: only {checked} steps check their final score"
        );
    }
}

#[test]
fn the_shipped_lessons_teach_what_their_titles_say() {
    let rules = rules();
    let load = |f: &str| Lesson::load(Path::new(f), &rules).unwrap();
    let score_of = |s: &Scenario| {
        let r = engine::score(s, rules.year(s.performance_year).unwrap());
        (
            published_score(r.final_score),
            r.weights.to_string(),
            r.band,
        )
    };

    let made = load(SHIPPED[0]);
    assert_eq!(made.title, "How a final score is made");
    let weights: Vec<String> = made.steps.iter().map(|s| score_of(&s.scenario).1).collect();
    assert!(weights.contains(&"30/30/15/25".to_string()));
    assert!(weights.contains(&"55/0/15/30".to_string()), "reweighting");
    assert!(
        weights.contains(&"40/30/30/0".to_string()),
        "a small practice's own row"
    );
    assert!(made.steps.iter().any(|s| s.scenario.practice.is_small()));

    let cost = load(SHIPPED[1]);
    assert_eq!(cost.title, "Why cost matters — and when it doesn't");
    let years: Vec<u16> = cost
        .steps
        .iter()
        .map(|s| s.scenario.performance_year)
        .collect();
    assert!(years.contains(&2021), "cost weighted 0% in PY2021");
    assert!(
        cost.steps
            .iter()
            .any(|s| s.scenario.reporting_option == mips_whatif::scenario::ReportingOption::App),
        "the APP"
    );
    assert!(
        cost.steps
            .iter()
            .any(|s| s.view == Some(LessonView::Sensitivity))
    );
    assert!(
        cost.steps
            .iter()
            .any(|s| s.focus == Some(ScenarioField::Score(Category::Cost)))
    );

    let cliff = load(SHIPPED[2]);
    assert_eq!(cliff.title, "The cliff and the threshold");
    let bands: Vec<Band> = cliff
        .steps
        .iter()
        .map(|s| score_of(&s.scenario).2)
        .collect();
    for band in [
        Band::MaxNegative,
        Band::Negative,
        Band::Neutral,
        Band::Positive,
    ] {
        assert!(bands.contains(&band), "{band:?}");
    }
    assert!(
        cliff.steps.iter().any(|s| rules
            .year(s.scenario.performance_year)
            .unwrap()
            .max_positive_adjustment
            .is_none()),
        "a year whose maximum is not yet published (the uncertainty)"
    );
}

#[test]
fn the_shipped_lessons_pass_the_check_command() {
    for file in SHIPPED {
        let out = Command::cargo_bin("mips-whatif")
            .unwrap()
            .args(["lesson", file, "--check"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{file}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.starts_with(&format!("{file}: \"")), "{stdout}");
        assert!(
            stdout.trim_end().ends_with("all as the rules give"),
            "{stdout}"
        );
    }
    let out = Command::cargo_bin("mips-whatif")
        .unwrap()
        .args(["lesson", SHIPPED[2], "--print"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let handout = String::from_utf8_lossy(&out.stdout);
    assert!(handout.starts_with("# The cliff and the threshold\n"));
    assert!(handout.contains("## 3. The cliff at a quarter of the threshold"));
    assert!(handout.contains("- A quarter of the threshold, 18.75 points, is the cliff"));
    assert!(handout.contains("**Ask:** What does one hundredth of a point more do?"));
    assert!(handout.contains("Changes: Quality 37.5 → 37.52."));
    assert!(!handout.contains('{'));
}

const SMALL: &str = r#"title = "Two steps"
description = "From a file, then an edit."

[[steps]]
title = "Start"
scenario = "../scenarios/cost-not-scored.toml"
talking_points = ["Weights {weights}."]
question = "Why {{these}} weights?"
view = "walkthrough"
focus = "scores.cost"

[[steps]]
title = "Cost entered"
talking_points = ["Now {weights}."]
question = "What changed?"
answer = "Cost counts."
unset = ["practice.part_b_allowed_charges"]
[steps.set]
scores.cost = 50
practice.rural = true
"#;

#[test]
fn a_lesson_is_read_into_steps_with_their_scenarios_and_changes() {
    let rules = rules();
    let lesson = parse_lesson("lessons/small.toml", SMALL, Path::new("lessons"), &rules).unwrap();
    assert_eq!(lesson.title, "Two steps");
    assert_eq!(
        lesson.description.as_deref(),
        Some("From a file, then an edit.")
    );
    assert_eq!(lesson.steps.len(), 2);
    let (a, b) = (&lesson.steps[0], &lesson.steps[1]);
    assert_eq!(
        a.scenario_file.as_deref(),
        Some(Path::new("scenarios/cost-not-scored.toml"))
    );
    assert!(a.changed.is_empty());
    assert_eq!(a.view, Some(LessonView::Walkthrough));
    assert_eq!(a.focus, Some(ScenarioField::Score(Category::Cost)));
    assert_eq!(a.line, 4);
    assert_eq!(b.scenario_file, None);
    assert_eq!(b.start, a.scenario);
    assert_eq!(b.scenario.scores.cost, Some(50.0));
    assert!(b.scenario.practice.rural);
    assert_eq!(b.scenario.practice.part_b_allowed_charges, None);
    assert_eq!(
        b.changed,
        vec![
            ScenarioField::Rural,
            ScenarioField::PartBAllowedCharges,
            ScenarioField::Score(Category::Cost)
        ]
    );
    let year = rules.year(2024).unwrap();
    let r = engine::score(&a.scenario, year);
    assert_eq!(fill(&a.talking_points[0], &r, year), "Weights 55/0/15/30.");
    assert_eq!(fill(&a.question, &r, year), "Why {these} weights?");
}

/// The commented example of docs/lessons.md is a valid lesson whose expectations hold.
#[test]
fn the_documented_example_is_a_valid_lesson() {
    let rules = rules();
    let doc = std::fs::read_to_string("docs/lessons.md").unwrap();
    let start = doc.find("```toml\n").expect("a TOML example") + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let example = &doc[start..end];
    let lesson = parse_lesson("docs/lessons.md", example, Path::new("lessons"), &rules)
        .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(lesson.steps.len(), 2);
    assert!(lesson.mismatches(&rules).is_empty());
    assert_eq!(
        lesson.steps[1].changed,
        vec![
            ScenarioField::Clinicians,
            ScenarioField::Score(Category::Quality),
            ScenarioField::Score(Category::Cost)
        ]
    );
    // Every placeholder the page lists is one the lessons know, and the other way round.
    for (name, _) in mips_whatif::teaching::lesson::PLACEHOLDERS {
        assert!(
            doc.contains(&format!("`{{{name}}}`")),
            "{name} is documented"
        );
    }
}

/// Without --check or --print the lesson plays in the explorer: a bad file is refused with the
/// same message before any screen opens, and a good one needs a terminal.
#[test]
fn playing_a_lesson_refuses_a_bad_file_first_and_needs_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    prepare(dir.path());
    let case = cases()
        .into_iter()
        .find(|c| c.name == "misspelt view")
        .unwrap();
    std::fs::write(dir.path().join("lesson.toml"), case.lesson).unwrap();
    let out = Command::cargo_bin("mips-whatif")
        .unwrap()
        .current_dir(dir.path())
        .args(["lesson", "lesson.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr), case.stderr);

    let out = Command::cargo_bin("mips-whatif")
        .unwrap()
        .args(["lesson", SHIPPED[0]])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(stderr.contains("--print"), "{stderr}");
}

const MEASURES: &str = r#"title = "Measure rates"

[[steps]]
title = "Six measures"
scenario = "../scenarios/small-practice-six-mips-cqms.toml"
talking_points = ["Quality is built from six measures: final score {final_score}."]
question = "Which measure would you improve?"
expect = { final_score = 77.03 }

[[steps]]
title = "Tobacco screening 88 → 95"
talking_points = ["One better rate: {final_score}."]
question = "How many points was that worth?"
focus = "scores.quality"
[steps.set.quality]
[[steps.set.quality.measures]]
id = "001"
collection_type = "registry"
performance_rate = 18.5
[[steps.set.quality.measures]]
id = "236"
collection_type = "registry"
numerator = 142
denominator = 197
[[steps.set.quality.measures]]
id = "134"
collection_type = "registry"
performance_rate = 61.2
[[steps.set.quality.measures]]
id = "226"
collection_type = "registry"
performance_rate = 95
[[steps.set.quality.measures]]
id = "047"
collection_type = "registry"
performance_rate = 76.92
data_completeness = 80
[[steps.set.quality.measures]]
id = "130"
collection_type = "registry"
performance_rate = 97.1
cases = 240
"#;

/// A step can give a category from its measures, as a scenario file does: the measures are
/// scored exactly as the same scenario file's.
#[test]
fn a_step_can_change_measure_rates() {
    let rules = rules();
    let lesson = parse_lesson("m.toml", MEASURES, Path::new("lessons"), &rules)
        .unwrap_or_else(|d| panic!("{d}"));
    assert!(lesson.mismatches(&rules).is_empty());
    let step = &lesson.steps[1];
    assert_eq!(step.measures, vec![Category::Quality]);
    assert_eq!(step.changed, vec![ScenarioField::Score(Category::Quality)]);
    // The same scenario file with the one rate changed, read as a scenario.
    let file = std::fs::read_to_string("scenarios/small-practice-six-mips-cqms.toml").unwrap();
    let edited = file.replacen("performance_rate = 88.0", "performance_rate = 95", 1);
    let expected = mips_whatif::scenario::parse_scenario("edited.toml", &edited, &rules).unwrap();
    let year = rules.year(2024).unwrap();
    let (a, b) = (
        engine::score(&step.scenario, year),
        engine::score(&expected, year),
    );
    assert_eq!(a.final_score, b.final_score);
    assert!(a.final_score > engine::score(&lesson.steps[0].scenario, year).final_score);
    assert_eq!(step.scenario.scores.quality, expected.scores.quality);

    // A measure the year does not have is refused at the step's table, with the reason.
    let bad = MEASURES.replacen("id = \"226\"", "id = \"999\"", 1);
    let d = parse_lesson("m.toml", &bad, Path::new("lessons"), &rules).unwrap_err();
    assert_eq!(d.field.as_deref(), Some("steps[2].set.quality"));
    assert_eq!(d.line, Some(15), "{d}");
    assert!(d.message.contains("999"), "{d}");

    // A percent and measures for one category in one step are refused.
    let both = MEASURES.replacen(
        "[steps.set.quality]\n",
        "[steps.set.scores]\nquality = 80\n[steps.set.quality]\n",
        1,
    );
    let d = parse_lesson("m.toml", &both, Path::new("lessons"), &rules).unwrap_err();
    assert_eq!(
        d.field.as_deref(),
        Some("steps[2].set.scores.quality"),
        "{d}"
    );
}
