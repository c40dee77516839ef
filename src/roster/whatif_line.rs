//! The portfolio what-if as one typed line (the explorer's Roster view): the `roster`
//! command's `--set`, `--where` and `--year` in a few words, e.g.
//! `cost=+10 where small=true`, `pi=85 year=2025`, `quality=+5 ia=40 where clinicians>15`.
//! The command's own spelling (`--set cost=+10 --where small=true --year 2026`) reads too.

use super::whatif::{SET_HELP, WHERE_HELP, WhatIf, parse_change, parse_condition};
use crate::rules::RuleSet;

/// What the line accepts, for the prompt.
pub const LINE_HELP: &str =
    "changes, then `where` and conditions: cost=+10 pi=85 year=2026 where small=true clinicians>15";

/// Parse a what-if line. An empty line is no what-if.
pub fn parse_what_if_line(text: &str, rules: &RuleSet) -> Result<WhatIf, String> {
    let mut w = WhatIf::default();
    let mut conditions = false;
    let mut tokens = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|t| !t.is_empty())
        .peekable();
    while let Some(token) = tokens.next() {
        let lower = token.to_ascii_lowercase();
        match lower.as_str() {
            "--set" | "set" => {
                conditions = false;
                continue;
            }
            "--where" | "where" | "if" => {
                conditions = true;
                continue;
            }
            "--year" => {
                let Some(y) = tokens.next() else {
                    return Err("--year needs a year, e.g. --year 2026".into());
                };
                w.year = Some(year(y, rules)?);
                continue;
            }
            _ => {}
        }
        if conditions {
            w.conditions.push(
                parse_condition(token).map_err(|m| format!("where {token}: {m} ({WHERE_HELP})"))?,
            );
        } else if let Some(y) = lower
            .strip_prefix("year=")
            .or_else(|| lower.strip_prefix("performance_year="))
        {
            w.year = Some(year(y, rules)?);
        } else {
            w.changes
                .push(parse_change(token).map_err(|m| format!("{token}: {m} ({SET_HELP})"))?);
        }
    }
    if !w.conditions.is_empty() && w.is_empty() {
        return Err("`where` chooses the rows a change applies to: give a change first, e.g. cost=+10 where small=true".into());
    }
    Ok(w)
}

fn year(text: &str, rules: &RuleSet) -> Result<u16, String> {
    text.trim()
        .parse::<u16>()
        .ok()
        .filter(|y| rules.year(*y).is_some())
        .ok_or_else(|| {
            format!(
                "year {}: not a supported performance year ({})",
                text.trim(),
                rules.years_text()
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::whatif::{Amount, Target, Value};
    use crate::rules::Category;

    #[test]
    fn the_line_reads_like_the_commands_options() {
        let rules = RuleSet::embedded().unwrap();
        let w = parse_what_if_line("cost=+10 where small=true", &rules).unwrap();
        assert_eq!(w.changes.len(), 1);
        assert_eq!(w.changes[0].target, Target::Score(Category::Cost));
        assert_eq!(w.changes[0].value, Value::Number(Amount::By(10.0)));
        assert_eq!(w.conditions.len(), 1);
        let same = parse_what_if_line("--set cost=+10 --where small=true", &rules).unwrap();
        assert_eq!(w, same);
        let y = parse_what_if_line("pi=85, year=2025", &rules).unwrap();
        assert_eq!(y.year, Some(2025));
        assert_eq!(
            parse_what_if_line("--year 2026", &rules).unwrap().year,
            Some(2026)
        );
        assert!(parse_what_if_line("", &rules).unwrap().is_empty());
        assert!(parse_what_if_line("where small=true", &rules).is_err());
        assert!(parse_what_if_line("year=2040", &rules).is_err());
        let e = parse_what_if_line("cots=5", &rules).unwrap_err();
        assert!(e.contains("did you mean `cost`"), "{e}");
    }
}
