//! `mips-whatif rules [--year Y [--diff PREV]] [--scenario FILE] [--format text|json|markdown]`:
//! the rules of every year side by side, or one year's rules, what changed from the year
//! before (or from PREV) and what that does to a scenario.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{EXIT_BAD_INPUT, report};
use crate::diagnostic::quote_short;
use crate::national::National;
use crate::rules::RuleSet;
use crate::scenario::Scenario;
use crate::teaching::render;
use crate::teaching::timeline::{Timeline, TimelineYear};
use crate::teaching::year_changes::{SideBySide, YearChanges, side_by_side};

/// Output format of `rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Show this performance year's rules and what changed from the year before [default:
    /// the timeline of every year; with --scenario, the scenario's year]
    #[arg(long, value_name = "YEAR")]
    pub year: Option<u16>,
    /// Compare with this year instead of the year before
    #[arg(long, value_name = "PREV")]
    pub diff: Option<u16>,
    /// Score this scenario file's inputs under both years, side by side
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

#[derive(Serialize)]
struct YearJson<'a> {
    rules: &'a TimelineYear,
    changes: Option<&'a YearChanges>,
    scenario: Option<&'a SideBySide>,
}

fn bad(message: String) -> color_eyre::Result<ExitCode> {
    eprintln!("error: {message}");
    Ok(ExitCode::from(EXIT_BAD_INPUT))
}

pub fn run(args: &RulesArgs, rules: &RuleSet) -> color_eyre::Result<ExitCode> {
    let national = National::embedded();
    let timeline = Timeline::build(rules, &national);
    let supported = |flag: &str, y: u16| -> Result<(), String> {
        if rules.year(y).is_some() {
            Ok(())
        } else {
            Err(format!(
                "{flag} {y}: not a supported performance year\n  = allowed: {}",
                rules.years_text()
            ))
        }
    };
    if let Some(y) = args.year
        && let Err(m) = supported("--year", y)
    {
        return bad(m);
    }
    if let Some(p) = args.diff
        && let Err(m) = supported("--diff", p)
    {
        return bad(m);
    }
    let scenario = match &args.scenario {
        Some(path) => match Scenario::load(path, rules) {
            Ok(s) => {
                let stem = path.file_stem().map_or_else(
                    || path.display().to_string(),
                    |s| s.to_string_lossy().into(),
                );
                let name = quote_short(s.name.as_deref().unwrap_or(&stem), 80);
                Some((name, s))
            }
            Err(d) => {
                report(&d);
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
        },
        None => None,
    };
    let year = args
        .year
        .or_else(|| scenario.as_ref().map(|(_, s)| s.performance_year));
    let mut out = std::io::stdout().lock();
    let Some(year) = year else {
        if args.diff.is_some() {
            return bad(
                "--diff needs a year to compare with it\n  = allowed: --year YEAR --diff PREV, e.g. --year 2022 --diff 2021".into(),
            );
        }
        match args.format {
            RulesFormat::Text => out.write_all(render::timeline_text(&timeline).as_bytes())?,
            RulesFormat::Markdown => {
                out.write_all(render::timeline_markdown(&timeline).as_bytes())?
            }
            RulesFormat::Json => {
                serde_json::to_writer_pretty(&mut out, &timeline)?;
                writeln!(out)?;
            }
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    };
    if args.diff == Some(year) {
        return bad(format!(
            "--diff {year}: the same year as the one shown\n  = allowed: another year of {}",
            rules.years_text()
        ));
    }
    let row = timeline.year(year).expect("checked: the year is supported");
    let changes = match args.diff {
        Some(p) => YearChanges::between(rules, &national, year, p),
        None => YearChanges::from_previous(rules, &national, year),
    };
    let since = changes.as_ref().map(|c| c.since);
    let effect = match (&scenario, since) {
        (Some((name, s)), Some(since)) => {
            side_by_side(s, rules, year, since).map(|b| (name.as_str(), b))
        }
        _ => None,
    };
    let effect_ref = effect.as_ref().map(|(n, b)| (*n, b));
    match args.format {
        RulesFormat::Text => {
            out.write_all(render::year_text(row, changes.as_ref(), effect_ref).as_bytes())?
        }
        RulesFormat::Markdown => {
            out.write_all(render::year_markdown(row, changes.as_ref(), effect_ref).as_bytes())?
        }
        RulesFormat::Json => {
            let json = YearJson {
                rules: row,
                changes: changes.as_ref(),
                scenario: effect.as_ref().map(|(_, b)| b),
            };
            serde_json::to_writer_pretty(&mut out, &json)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
