//! `mips-whatif lesson FILE [--check | --print] [--mouse]`: play a lesson in the explorer,
//! check that every step's expected results are what the rules give, or print the script as a
//! handout.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{EXIT_BAD_INPUT, report};
use crate::diagnostic::Diagnostic;
use crate::rules::RuleSet;
use crate::teaching::lesson::Lesson;
use crate::teaching::render::lesson_markdown;

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("mode").args(["check", "print"])))]
pub struct LessonArgs {
    /// Lesson file (TOML; see docs/lessons.md)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Check the lesson: every step is read and scored, and every expected result must be what
    /// the rules give (exit code 2 if not)
    #[arg(long)]
    pub check: bool,
    /// Print the script as Markdown: each step's title, edits, talking points (numbers filled
    /// in from the rules), question, answer and result
    #[arg(long)]
    pub print: bool,
    /// Let the explorer use the mouse (click a field, scroll to nudge)
    #[arg(long, conflicts_with = "mode")]
    pub mouse: bool,
}

pub fn run(args: &LessonArgs, rules: &RuleSet) -> color_eyre::Result<ExitCode> {
    if !args.check && !args.print {
        return match Lesson::load(&args.file, rules) {
            Ok(lesson) => crate::explorer::play_lesson(lesson, rules.clone(), args.mouse),
            Err(d) => {
                report(&d);
                Ok(ExitCode::from(EXIT_BAD_INPUT))
            }
        };
    }
    let lesson = match Lesson::load(&args.file, rules) {
        Ok(l) => l,
        Err(d) => {
            report(&d);
            return Ok(ExitCode::from(EXIT_BAD_INPUT));
        }
    };
    let mismatches = lesson.mismatches(rules);
    let mut out = std::io::stdout().lock();
    if args.print {
        out.write_all(lesson_markdown(&lesson, rules).as_bytes())?;
        out.flush()?;
    }
    if !mismatches.is_empty() {
        for (i, found) in &mismatches {
            let step = &lesson.steps[*i];
            for m in found {
                let mut d = Diagnostic::file(&lesson.origin, m.clone())
                    .with_field(format!("steps[{}].expect", i + 1))
                    .with_help(
                        "the results the rules give: correct the lesson's expect (and any talking \
                         point quoting the old number), or use the rules it was written for (--rules DIR)",
                    );
                d.line = Some(step.line);
                report(&d);
            }
        }
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    if args.check {
        let checked = lesson.steps.iter().filter(|s| !s.expect.is_empty()).count();
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        writeln!(
            out,
            "{}: \"{}\", {}; {} expected results, all as the rules give",
            lesson.origin,
            lesson.title,
            plural(lesson.steps.len(), "step", "steps"),
            plural(checked, "step with", "steps with"),
        )?;
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}
