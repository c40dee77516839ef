//! Text typed or pasted into the explorer: what is part of a number and what is not, and
//! pasted text made safe for a one-line field. Pure: the explorer's state calls these.
//!
//! Every field's numbers are plain decimals, 0 or more (`85`, `93.5`, `420000`): no signs,
//! no exponents. A character that is not part of one is refused with a message, never
//! silently dropped (`1e9` must not become `19`). Pasted text is more forgiving of what
//! people copy from spreadsheets (`$420,000`, `85%`), and says what it left out.

/// Why `c` cannot be typed after `so_far` in a number, or `None` when it can.
pub fn refused_char(c: char, so_far: &str) -> Option<String> {
    match c {
        '0'..='9' => None,
        '.' if !so_far.contains('.') => None,
        '.' => Some("A number has one “.” at most".into()),
        '-' => Some(
            "“-” is not part of a number here: values are 0 or more (outside typing, - nudges down)"
                .into(),
        ),
        '+' => Some("“+” is not part of a number: type the digits".into()),
        'e' | 'E' => Some(
            "“e” is not part of a number here: type the digits in full (1000000000, not 1e9)"
                .into(),
        ),
        ',' | '_' | '\'' => Some(format!(
            "“{c}” is not part of a number: type the digits without separators"
        )),
        c => Some(format!(
            "“{}” is not part of a number: type digits and one “.”",
            c.escape_debug()
        )),
    }
}

/// A number taken from pasted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastedNumber {
    /// The number's text (digits and at most one `.`).
    pub text: String,
    /// What was left out, for the status line ("dropped “$” and “,”"), if anything.
    pub dropped: Option<String>,
}

/// Characters people copy along with a number and that change nothing about it.
fn is_decoration(c: char) -> bool {
    matches!(c, '$' | ',' | '%' | '_' | '\'' | '\u{a0}' | '\u{202f}') || c.is_whitespace()
}

/// The number in pasted text: decorations (`$`, thousands separators, `%`, spaces) are left
/// out; anything else that is not part of a number ends the number, and is named as dropped.
/// `Err` with a message when there is no number to take (or it is negative).
pub fn number_from_paste(pasted: &str) -> Result<PastedNumber, String> {
    let trimmed = pasted.trim();
    if trimmed.is_empty() {
        return Err("Nothing to paste: the text is empty".into());
    }
    if trimmed.starts_with('-') || trimmed.starts_with('−') {
        return Err(format!(
            "“{}” is negative: values here are 0 or more",
            short(trimmed)
        ));
    }
    let mut text = String::new();
    let mut decorations: Vec<char> = Vec::new();
    let mut rest_from: Option<usize> = None;
    for (i, c) in trimmed.char_indices() {
        if c.is_ascii_digit() || (c == '.' && !text.contains('.')) {
            text.push(c);
        } else if is_decoration(c) {
            if !c.is_whitespace() && !decorations.contains(&c) {
                decorations.push(c);
            }
        } else {
            rest_from = Some(i);
            break;
        }
    }
    if text.trim_matches('.').is_empty() {
        return Err(format!(
            "“{}” holds no number: paste digits such as 85 or 420000",
            short(trimmed)
        ));
    }
    let mut parts: Vec<String> = decorations
        .iter()
        .map(|c| format!("“{}”", c.escape_debug()))
        .collect();
    if let Some(i) = rest_from {
        parts.push(format!("everything from “{}”", short(&trimmed[i..])));
    }
    let dropped = match parts.len() {
        0 => None,
        1 => Some(format!("dropped {}", parts[0])),
        n => Some(format!(
            "dropped {} and {}",
            parts[..n - 1].join(", "),
            parts[n - 1]
        )),
    };
    Ok(PastedNumber { text, dropped })
}

/// Pasted text for a one-line field: its first line, control characters left out, at most
/// `max` characters. The flag says whether anything was left out.
pub fn one_line(pasted: &str, max: usize) -> (String, bool) {
    let first = pasted.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let more_lines = pasted.trim().lines().count() > 1;
    let clean: String = first.chars().filter(|c| !c.is_control()).collect();
    let cut = clean.chars().count() > max;
    let text: String = clean.chars().take(max).collect();
    (text, more_lines || cut || clean.len() != first.len())
}

/// At most 20 characters of user text, for a message.
fn short(s: &str) -> String {
    crate::diagnostic::quote_short(s, 20)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_characters_outside_a_number_are_refused_with_a_reason() {
        assert_eq!(refused_char('7', "12"), None);
        assert_eq!(refused_char('.', "12"), None);
        assert!(refused_char('.', "1.2").unwrap().contains("one “.”"));
        assert!(refused_char('e', "1").unwrap().contains("1e9"));
        assert!(refused_char('-', "").unwrap().contains("0 or more"));
        assert!(refused_char('x', "").unwrap().contains("“x”"));
        assert!(refused_char(',', "420").unwrap().contains("separators"));
    }

    #[test]
    fn pasted_numbers_keep_the_number_and_say_what_was_dropped() {
        let p = |s| number_from_paste(s);
        assert_eq!(
            p("85"),
            Ok(PastedNumber {
                text: "85".into(),
                dropped: None
            })
        );
        assert_eq!(
            p(" $420,000 ").unwrap(),
            PastedNumber {
                text: "420000".into(),
                dropped: Some("dropped “$” and “,”".into())
            }
        );
        assert_eq!(p("93.5%").unwrap().text, "93.5");
        // Not a decoration: the number ends there, and the rest is named.
        let e = p("1e9").unwrap();
        assert_eq!(e.text, "1");
        assert_eq!(e.dropped.as_deref(), Some("dropped everything from “e9”"));
        let q = p("85 points\nand more").unwrap();
        assert_eq!(q.text, "85");
        assert!(
            q.dropped
                .unwrap()
                .starts_with("dropped everything from “points")
        );
        assert!(p("-5").unwrap_err().contains("negative"));
        assert!(p("quit").unwrap_err().contains("holds no number"));
        assert!(p("").is_err());
        assert!(p(".").is_err());
    }

    #[test]
    fn pasted_text_for_a_one_line_field() {
        assert_eq!(one_line("report.html", 100), ("report.html".into(), false));
        assert_eq!(
            one_line("\nq first line\nsecond", 100),
            ("q first line".into(), true)
        );
        assert_eq!(one_line("a\u{1b}[31mb", 100), ("a[31mb".into(), true));
        assert_eq!(one_line("abcdef", 3), ("abc".into(), true));
    }
}
