//! User-facing error messages that point at a file, a line, a column and a field.

use std::fmt;

/// One problem with an input file, worded for the person who wrote the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line and column, when the problem has a place in the file.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Dotted field path, e.g. `scores.quality`.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What is allowed, or how to fix it.
    pub help: Option<String>,
    /// The text of the offending line, shown under the message with a caret.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A problem with the file as a whole (missing, unreadable, empty, ...).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    /// A problem at a byte offset of `source`.
    pub fn at(
        file: impl Into<String>,
        source: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = line_column(source, offset);
        let source_line = source
            .lines()
            .nth(line - 1)
            .map(|l| l.trim_end().to_string());
        Diagnostic {
            file: file.into(),
            line: Some(line),
            column: Some(column),
            field: None,
            message: message.into(),
            help: None,
            source_line,
        }
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:column` (or just `file`).
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{}:{}", self.file, l, c),
            (Some(l), None) => format!("{}:{}", self.file, l),
            _ => self.file.clone(),
        }
    }

    /// A one-line form for a status bar: `file:3:11: scores.quality: 120 is out of range`.
    pub fn one_line(&self) -> String {
        let mut s = format!("{}: ", self.location());
        if let Some(f) = &self.field {
            s.push_str(f);
            s.push_str(": ");
        }
        s.push_str(&self.message);
        if let Some(h) = &self.help {
            s.push_str(" (");
            s.push_str(h);
            s.push(')');
        }
        visible(&s)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Everything printed may come from the file: control characters are shown as `�` so a
        // file cannot drive the terminal, and long lines are cut around the column.
        write!(f, "{}: ", visible(&self.location()))?;
        if let Some(field) = &self.field {
            write!(f, "{}: ", visible(field))?;
        }
        write!(f, "{}", visible(&self.message))?;
        if let (Some(text), Some(line), Some(col)) = (&self.source_line, self.line, self.column) {
            let gutter = line.to_string();
            let pad = " ".repeat(gutter.len());
            let (shown, caret_col) = excerpt(text, col);
            // Columns count characters; put the caret under the right one.
            let caret_pad: String = shown
                .chars()
                .take(caret_col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n {pad} |\n {gutter} | {shown}\n {pad} | {caret_pad}^")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = allowed: {}", visible(help))?;
        }
        Ok(())
    }
}

/// Characters of a source line shown around the column of a problem.
const EXCERPT_CHARS: usize = 100;

/// Control characters (but tabs) replaced by `�`.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// The part of a line worth showing (at most [`EXCERPT_CHARS`] characters around `col`, with
/// `…` where it was cut) and the caret's column in it.
fn excerpt(line: &str, col: usize) -> (String, usize) {
    let chars: Vec<char> = visible(line).chars().collect();
    if chars.len() <= EXCERPT_CHARS {
        return (chars.into_iter().collect(), col);
    }
    let idx = col.saturating_sub(1).min(chars.len());
    let start = idx.saturating_sub(EXCERPT_CHARS / 2);
    let end = (start + EXCERPT_CHARS).min(chars.len());
    let mut out = String::new();
    let mut caret = idx - start + 1;
    if start > 0 {
        out.push('…');
        caret += 1;
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    (out, caret)
}

/// Exit code for bad input (a file that fails validation, a bad option).
pub const EXIT_BAD_INPUT: u8 = 2;

/// Print a bad-input message to stderr ("error: " and the diagnostic).
pub fn report(d: &Diagnostic) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "error: {d}");
}

/// `text` cut to at most `max` characters, with `…` where it was cut, and control characters
/// made visible: for quoting what a file says inside a message.
pub fn quote_short(text: &str, max: usize) -> String {
    let v = visible(text);
    if v.chars().count() <= max {
        v
    } else {
        let mut s: String = v.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

impl std::error::Error for Diagnostic {}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let mut cut = offset;
    while !source.is_char_boundary(cut) {
        cut -= 1;
    }
    let before = &source[..cut];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Line numbers for many offsets into one text: the line starts found once, then each
/// offset's line by binary search (instead of counting from the start every time).
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line of `offset`, as [`line_column`] counts it.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

/// The closest candidate to a misspelt word, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    candidates
        .iter()
        .map(|&c| (edit_distance(&word, c), c))
        .filter(|&(d, c)| d <= (c.len() / 3).max(2))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_line_column() {
        let src = "a = 1\nbb = 2\n\nc = 3";
        let index = LineIndex::new(src);
        for offset in 0..=src.len() + 2 {
            assert_eq!(
                index.line(offset),
                line_column(src, offset).0,
                "offset {offset}"
            );
        }
    }

    #[test]
    fn line_column_counts_from_one() {
        let src = "a = 1\nbb = 2\n";
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(line_column(src, 6), (2, 1));
        assert_eq!(line_column(src, 11), (2, 6));
    }

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["quality", "cost", "improvement_activities"];
        assert_eq!(did_you_mean("qualty", &keys), Some("quality"));
        assert_eq!(
            did_you_mean("improvment_activities", &keys),
            Some("improvement_activities")
        );
        assert_eq!(did_you_mean("zebra", &keys), None);
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("name = \"{}\" junk", "x".repeat(5000));
        let col = line.find("junk").unwrap() + 1;
        let (shown, caret) = excerpt(&line, col);
        assert!(shown.chars().count() <= EXCERPT_CHARS + 2);
        assert!(shown.starts_with('…'));
        assert_eq!(shown.chars().nth(caret - 1), Some('j'));
    }

    #[test]
    fn control_characters_are_not_printed() {
        let d = Diagnostic::at("f.toml", "a = \"\u{1b}[31m\"\n", 4, "bad \u{1b}");
        let shown = d.to_string();
        assert!(!shown.contains('\u{1b}'), "{shown}");
        assert_eq!(quote_short("abcdef", 4), "abc…");
    }
}
