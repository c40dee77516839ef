//! Text made safe for the formats the tool writes: HTML (and XML) text and attributes, and
//! Markdown inline text, table cells and table text. One home, used by the report in both
//! formats, the comparison's and the rules timeline's Markdown.

use crate::format::one_line;

/// Text safe inside HTML (and XML) elements and quoted attributes.
pub fn html(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            // Control characters are not allowed in XML text: keep the line, drop the byte.
            c if c.is_control() && c != '\n' && c != '\t' => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

/// User text (scenario names, file paths) made inert in Markdown: on one line, every
/// Markdown-significant character escaped, so a name can neither start a table cell nor
/// inject HTML.
pub fn markdown_text(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in one_line(s).chars() {
        if matches!(
            ch,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '|'
                | '#'
                | '&'
                | '~'
                | '!'
                | '{'
                | '}'
                | '('
                | ')'
        ) {
            o.push('\\');
        }
        o.push(ch);
    }
    o
}

/// Product text in a Markdown table cell: on one line, pipes escaped.
pub fn markdown_cell(s: &str) -> String {
    markdown_pipes(&one_line(s))
}

/// Product text that may sit in a Markdown table (or span lines around one): pipes escaped,
/// since `|` would end a cell.
pub fn markdown_pipes(s: &str) -> String {
    s.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_quotes_and_controls() {
        assert_eq!(
            html(r#"<b>"Tom" & 'Jerry'</b>"#),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
        assert_eq!(html("a\u{1b}b"), "a b");
    }

    #[test]
    fn user_text_cannot_inject_markdown() {
        assert_eq!(markdown_text("a|b"), "a\\|b");
        assert_eq!(markdown_text("<script>&"), "\\<script\\>\\&");
        assert_eq!(markdown_text("line\nbreak"), "line break");
        assert_eq!(markdown_text("Dr. Smith's 2024"), "Dr. Smith's 2024");
    }

    #[test]
    fn a_cell_is_one_line_with_its_pipes_escaped() {
        assert_eq!(markdown_cell("a|b\nc"), "a\\|b c");
        assert_eq!(markdown_pipes("a|b\nc"), "a\\|b\nc");
    }
}
