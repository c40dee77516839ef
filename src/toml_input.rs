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
