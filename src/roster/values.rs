//! A cell's value as people write it: numbers (`85.5`, ` 85 % `, `$1,500,000`, `85,5` in a
//! semicolon-separated file) with their count of decimals, and true or false.

use super::source::Cell;
use crate::diagnostic::quote_short;

/// A number as a cell writes it, and its count of decimals.
pub(super) fn parse_number(cell: &Cell<'_>, decimal_comma: bool) -> Result<(f64, u32), String> {
    match cell {
        Cell::Number(n) => {
            let shown = format!("{n}");
            let decimals = shown.split_once('.').map_or(0, |(_, d)| d.len() as u32);
            Ok((*n, decimals))
        }
        Cell::Bool(b) => Err(format!(
            "{} is not a number",
            if *b { "TRUE" } else { "FALSE" }
        )),
        Cell::Empty => Err("is blank".into()),
        Cell::Text(t) => {
            let raw = t.trim();
            // Most cells are plain decimals: read them in one pass.
            if let Some(read) = plain_decimal(raw) {
                return Ok(read);
            }
            let plain = raw.trim_end_matches('%').trim_end();
            // Most cells are plain numbers: read them without copying.
            if !plain.starts_with('$') && !plain.starts_with("-$") && !plain.contains(',') {
                return plain_number(raw, plain);
            }
            let mut s = plain.to_string();
            let negative_dollars = s.starts_with("-$");
            if let Some(rest) = s.strip_prefix('$').or_else(|| s.strip_prefix("-$")) {
                s = rest.to_string();
                if negative_dollars {
                    s.insert(0, '-');
                }
            }
            if s.contains(',') {
                let commas = s.matches(',').count();
                if decimal_comma && commas == 1 && !s.contains('.') {
                    s = s.replace(',', ".");
                } else {
                    let int_part = s.split('.').next().unwrap_or("");
                    let groups: Vec<&str> = int_part.trim_start_matches('-').split(',').collect();
                    let grouped = groups.len() > 1
                        && (1..=3).contains(&groups[0].len())
                        && groups[1..].iter().all(|g| g.len() == 3);
                    if !grouped {
                        return Err(format!("\"{}\" is not a number", quote_short(raw, 40)));
                    }
                    s = s.replace(',', "");
                }
            }
            plain_number(raw, &s)
        }
    }
}

/// A cell that is only a decimal ("85", "-4.269", "+.5"): its value and count of decimals,
/// found in one pass over its bytes; None for anything else (read the long way).
fn plain_decimal(s: &str) -> Option<(f64, u32)> {
    let bytes = s.as_bytes();
    let digits_from = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    let mut point = None;
    let mut digits = 0;
    for (i, &b) in bytes.iter().enumerate().skip(digits_from) {
        match b {
            b'0'..=b'9' => digits += 1,
            b'.' if point.is_none() => point = Some(i),
            _ => return None,
        }
    }
    if digits == 0 {
        return None;
    }
    let v: f64 = s.parse().ok()?;
    let decimals = point.map_or(0, |p| (bytes.len() - p - 1) as u32);
    v.is_finite().then_some((v, decimals))
}

/// `s` (digits, a point, a sign, an exponent: what is left of `raw` once a percent sign,
/// a dollar sign and thousands separators are gone) as a number and its count of decimals.
fn plain_number(raw: &str, s: &str) -> Result<(f64, u32), String> {
    let ok = !s.is_empty()
        && s.bytes().all(|b| {
            b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'+' || b == b'e' || b == b'E'
        });
    match s.parse::<f64>() {
        Ok(v) if ok && v.is_finite() => {
            let decimals = s.split_once('.').map_or(0, |(_, d)| {
                d.bytes().take_while(u8::is_ascii_digit).count() as u32
            });
            Ok((v, decimals))
        }
        _ => Err(format!("\"{}\" is not a number", quote_short(raw, 40))),
    }
}

pub(super) fn parse_bool(cell: &Cell<'_>) -> Result<Option<bool>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Bool(b) => Ok(Some(*b)),
        Cell::Number(n) if *n == 1.0 => Ok(Some(true)),
        Cell::Number(n) if *n == 0.0 => Ok(Some(false)),
        Cell::Number(n) => Err(format!("{n} is not true or false")),
        Cell::Text(t) => {
            let t = t.trim();
            let is = |words: &[&str]| words.iter().any(|w| t.eq_ignore_ascii_case(w));
            // The words of each answer start with their own letters: look at those only.
            let (yes, no): (&[&str], &[&str]) =
                match t.as_bytes().first().map(u8::to_ascii_lowercase) {
                    Some(b't') => (&["true"], &[]),
                    Some(b'y') => (&["yes", "y"], &[]),
                    Some(b'1') => (&["1"], &[]),
                    Some(b'f') => (&[], &["false"]),
                    Some(b'n') => (&[], &["no", "n"]),
                    Some(b'0') => (&[], &["0"]),
                    _ => (&[], &[]),
                };
            if t.is_empty() {
                Ok(None)
            } else if is(yes) {
                Ok(Some(true))
            } else if is(no) {
                Ok(Some(false))
            } else {
                Err(format!("\"{}\" is not true or false", quote_short(t, 40)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn numbers_as_people_write_them() {
        let t = |s: &'static str| Cell::Text(Cow::Borrowed(s));
        assert_eq!(parse_number(&t("85.5"), false), Ok((85.5, 1)));
        assert_eq!(parse_number(&t(" 85 % "), false), Ok((85.0, 0)));
        assert_eq!(parse_number(&t("$1,500,000"), false), Ok((1_500_000.0, 0)));
        assert_eq!(parse_number(&t("-$13,500.25"), false), Ok((-13_500.25, 2)));
        assert_eq!(parse_number(&t("85,5"), true), Ok((85.5, 1)));
        assert!(parse_number(&t("85,5"), false).is_err());
        assert!(parse_number(&t("1,50,000"), false).is_err());
        assert!(parse_number(&t("abc"), false).is_err());
        assert!(parse_number(&t("NaN"), false).is_err());
        assert!(parse_number(&t("inf"), false).is_err());
        // Plain decimals, read in one pass, as the long way reads them.
        for (text, read) in [
            ("85", (85.0, 0)),
            ("-4.269", (-4.269, 3)),
            ("+.5", (0.5, 1)),
            ("7.", (7.0, 0)),
            ("0.000", (0.0, 3)),
            ("1e3", (1000.0, 0)),
            (" 12.50 ", (12.5, 2)),
        ] {
            assert_eq!(parse_number(&t(text), false), Ok(read), "{text}");
        }
        for text in ["-", ".", "+", "1.2.3", "--1", "1-"] {
            assert!(parse_number(&t(text), false).is_err(), "{text}");
        }
        assert_eq!(
            parse_number(&Cell::Number(61.0461), false),
            Ok((61.0461, 4))
        );
    }

    #[test]
    fn booleans_as_people_write_them() {
        let t = |s: &'static str| Cell::Text(Cow::Borrowed(s));
        assert_eq!(parse_bool(&t("True")), Ok(Some(true)));
        assert_eq!(parse_bool(&t("FALSE")), Ok(Some(false)));
        assert_eq!(parse_bool(&t("")), Ok(None));
        assert_eq!(parse_bool(&Cell::Bool(true)), Ok(Some(true)));
        assert!(parse_bool(&t("maybe")).is_err());
        for (text, answer) in [
            ("yes", true),
            (" Y ", true),
            ("1", true),
            ("TRUE", true),
            ("no", false),
            ("N", false),
            ("0", false),
            ("false", false),
        ] {
            assert_eq!(parse_bool(&t(text)), Ok(Some(answer)), "{text}");
        }
        for text in ["tru", "yess", "10", "nope", "f", "t", "-"] {
            assert!(parse_bool(&t(text)).is_err(), "{text}");
        }
    }
}
