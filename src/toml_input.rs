//! Located reading of TOML input tables, shared by every file the product reads with spans
//! (scenarios, workspaces, lessons): the located error, what a value is in words, "must be …,
//! found …", integers, choices with their did-you-mean, and the "unknown key" error.

use std::ops::Range;

use toml::de::{DeInteger, DeTable, DeValue};

use crate::diagnostic::{Diagnostic, did_you_mean, quote_short};

/// An input error at a place in a file: the field it is about and what is allowed there.
pub fn located(
    file: &str,
    text: &str,
    span: &Range<usize>,
    field: &str,
    message: impl Into<String>,
    help: impl Into<String>,
) -> Diagnostic {
    Diagnostic::at(file, text, span.start, message)
        .with_field(field)
        .with_help(help)
}

/// "must be {expected}, found {what the value is}".
pub fn wrong_type(expected: &str, found: &DeValue<'_>) -> String {
    format!("must be {expected}, found {}", describe_value(found))
}

/// A TOML integer's value (an error when it does not fit in 64 bits).
pub fn integer(i: &DeInteger<'_>) -> Result<i64, std::num::ParseIntError> {
    i64::from_str_radix(i.as_str(), i.radix())
}

/// A choice's names as its help lists them: `"a", "b", "c"`.
pub fn choices_help<T>(options: &[(&str, T)]) -> String {
    options
        .iter()
        .map(|(n, _)| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The option a string names, or the message that it names none (with a did-you-mean).
pub fn pick_choice<T: Copy>(s: &str, options: &[(&str, T)]) -> Result<T, String> {
    if let Some((_, v)) = options.iter().find(|(n, _)| *n == s) {
        return Ok(*v);
    }
    let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
    let mut msg = format!("\"{}\" is not one of the choices", quote_short(s, 40));
    if let Some(m) = did_you_mean(s, &names) {
        msg.push_str(&format!(" — did you mean \"{m}\"?"));
    }
    Err(msg)
}

/// A value as a message names it: "the string \"x\"", "the number 3", "a list", ...
pub fn describe_value(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(s) => format!("the string \"{}\"", quote_short(s, 40)),
        DeValue::Integer(i) => format!("the number {i}"),
        DeValue::Float(f) => format!("the number {f}"),
        DeValue::Boolean(b) => format!("{b}"),
        DeValue::Datetime(d) => format!("the date {d}"),
        DeValue::Array(_) => "a list".into(),
        DeValue::Table(_) => "a table".into(),
    }
}

/// The keys a table may hold, checked: the first other key is a located "unknown key" error,
/// with a did-you-mean among `allowed`, or else the hint `elsewhere` gives for it (called with
/// the key and the key as shown, e.g. " — `rural` belongs in [practice]").
/// `field_prefix`: the dotted path of the table ("" at the top level); `place`: where, in
/// words ("at the top level", "in [practice]").
pub fn check_keys(
    file: &str,
    text: &str,
    table: &DeTable<'_>,
    field_prefix: &str,
    place: &str,
    allowed: &[&str],
    elsewhere: impl FnOnce(&str, &str) -> Option<String>,
) -> Result<(), Diagnostic> {
    let Some((key, span)) = first_unknown_key(table, allowed) else {
        return Ok(());
    };
    Err(UnknownKey {
        file,
        text,
        key,
        span,
        field_prefix,
        place,
        allowed,
    }
    .error(|shown| elsewhere(key, shown)))
}

/// The first key of `table` that `allowed` does not list, with where it is.
fn first_unknown_key<'t>(
    table: &'t DeTable<'_>,
    allowed: &[&str],
) -> Option<(&'t str, Range<usize>)> {
    table
        .iter()
        .map(|(key, _)| (key.get_ref().as_ref(), key.span()))
        .find(|(k, _)| !allowed.contains(k))
}

/// Where an unknown key is and what is wrong with it.
struct UnknownKey<'a> {
    file: &'a str,
    text: &'a str,
    key: &'a str,
    span: Range<usize>,
    /// The dotted path of the table the key is in ("" at the top level).
    field_prefix: &'a str,
    /// Where, in words: "at the top level", "in [practice]".
    place: &'a str,
    allowed: &'a [&'a str],
}

impl UnknownKey<'_> {
    /// The located error: a did-you-mean among the allowed keys, or else the hint that
    /// `elsewhere` gives for the key as shown (e.g. " — `rural` belongs in [practice]").
    fn error(self, elsewhere: impl FnOnce(&str) -> Option<String>) -> Diagnostic {
        let shown = quote_short(self.key, 40);
        let field = if self.field_prefix.is_empty() {
            shown.clone()
        } else {
            format!("{}.{shown}", self.field_prefix)
        };
        let mut msg = format!("unknown key `{shown}` {}", self.place);
        if let Some(s) = did_you_mean(self.key, self.allowed) {
            msg.push_str(&format!(" — did you mean `{s}`?"));
        } else if let Some(hint) = elsewhere(&shown) {
            msg.push_str(&hint);
        }
        Diagnostic::at(self.file, self.text, self.span.start, msg)
            .with_field(field)
            .with_help(self.allowed.join(", "))
    }
}

/// A value read from a table, with where it is.
pub struct At<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// Located getters for a reader that can place an error at a span: each returns the value
/// (with its span) or a message naming the field (`at.key`) and what is allowed.
pub trait LocatedGetters {
    /// The located error at `span` for `field`.
    fn located_error(
        &self,
        span: &Range<usize>,
        field: &str,
        message: String,
        help: String,
    ) -> Diagnostic;

    fn opt_string(
        &self,
        t: &DeTable<'_>,
        key: &str,
        at: &str,
        help: &str,
    ) -> Result<Option<At<String>>, Diagnostic> {
        let Some(v) = t.get(key) else { return Ok(None) };
        match v.get_ref() {
            DeValue::String(s) => Ok(Some(At {
                value: s.to_string(),
                span: v.span(),
            })),
            other => Err(self.located_error(
                &v.span(),
                &format!("{at}.{key}"),
                wrong_type("a string", other),
                help.to_string(),
            )),
        }
    }

    fn required_string(
        &self,
        t: &DeTable<'_>,
        span: &Range<usize>,
        key: &str,
        at: &str,
        help: &str,
    ) -> Result<At<String>, Diagnostic> {
        match self.opt_string(t, key, at, help)? {
            Some(s) => Ok(s),
            None => Err(self.located_error(
                span,
                &format!("{at}.{key}"),
                "is missing".into(),
                help.to_string(),
            )),
        }
    }

    /// An integer or float, finite.
    fn opt_number(
        &self,
        t: &DeTable<'_>,
        key: &str,
        at: &str,
        help: &str,
    ) -> Result<Option<At<f64>>, Diagnostic> {
        let Some(v) = t.get(key) else { return Ok(None) };
        let field = format!("{at}.{key}");
        let n = match v.get_ref() {
            DeValue::Integer(i) => integer(i).ok().map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            other => {
                return Err(self.located_error(
                    &v.span(),
                    &field,
                    wrong_type("a number", other),
                    help.to_string(),
                ));
            }
        };
        match n {
            Some(n) if n.is_finite() => Ok(Some(At {
                value: n,
                span: v.span(),
            })),
            _ => Err(self.located_error(
                &v.span(),
                &field,
                "is not a finite number".into(),
                help.to_string(),
            )),
        }
    }

    /// A whole number from 0 to 1,000,000.
    fn opt_count(&self, t: &DeTable<'_>, key: &str, at: &str) -> Result<Option<u32>, Diagnostic> {
        let Some(v) = t.get(key) else { return Ok(None) };
        let field = format!("{at}.{key}");
        let help = "a whole number from 0 to 1000000".to_string();
        match v.get_ref() {
            DeValue::Integer(i) => match integer(i) {
                Ok(n) if (0..=1_000_000).contains(&n) => Ok(Some(n as u32)),
                _ => Err(self.located_error(
                    &v.span(),
                    &field,
                    format!("{} is out of range", i.as_str()),
                    help,
                )),
            },
            other => Err(self.located_error(
                &v.span(),
                &field,
                wrong_type("a whole number", other),
                help,
            )),
        }
    }

    fn opt_bool(&self, t: &DeTable<'_>, key: &str, at: &str) -> Result<Option<bool>, Diagnostic> {
        let Some(v) = t.get(key) else { return Ok(None) };
        match v.get_ref() {
            DeValue::Boolean(b) => Ok(Some(*b)),
            other => Err(self.located_error(
                &v.span(),
                &format!("{at}.{key}"),
                wrong_type("true or false", other),
                "true or false (no quotes)".into(),
            )),
        }
    }

    /// `v` within `lo..=hi`, or a located "out of range".
    fn in_range(
        &self,
        v: &At<f64>,
        field: &str,
        lo: f64,
        hi: f64,
        help: &str,
    ) -> Result<(), Diagnostic> {
        if (lo..=hi).contains(&v.value) {
            Ok(())
        } else {
            Err(self.located_error(
                &v.span,
                field,
                format!("{} is out of range", crate::format::number(v.value)),
                help.to_string(),
            ))
        }
    }
}
