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
        s
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.location())?;
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        write!(f, "{}", self.message)?;
        if let (Some(text), Some(line), Some(col)) = (&self.source_line, self.line, self.column) {
            let gutter = line.to_string();
            let pad = " ".repeat(gutter.len());
            // Columns count characters; put the caret under the right one.
            let caret_pad: String = text
                .chars()
                .take(col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n {pad} |\n {gutter} | {text}\n {pad} | {caret_pad}^")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = allowed: {help}")?;
        }
        Ok(())
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
}
