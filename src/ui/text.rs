//! Writing text into the buffer: [`set_line`] does what [`Buffer::set_line`] does, cell for
//! cell, with plain ASCII written straight into the cells (no grapheme segmentation for the
//! characters that cannot join another): the text of a frame is mostly ASCII, and segmenting
//! it was most of the time spent drawing it.

use ratatui::buffer::Buffer;
use ratatui::style::Style;
use ratatui::text::Line;

/// [`Buffer::set_line`], cell for cell: the line from (x, y), at most `max_width` columns;
/// the position after it.
pub fn set_line(buf: &mut Buffer, x: u16, y: u16, line: &Line, max_width: u16) -> (u16, u16) {
    let mut remaining = max_width;
    let mut x = x;
    for span in line {
        if remaining == 0 {
            break;
        }
        let style = line.style.patch(span.style);
        let next = set_str(buf, x, y, span.content.as_ref(), remaining, style);
        remaining = remaining.saturating_sub(next.saturating_sub(x));
        x = next;
    }
    (x, y)
}

/// Prepend characters (Unicode's Grapheme_Cluster_Break=Prepend): they join the character
/// after them, even an ASCII one.
fn is_prepend(c: char) -> bool {
    matches!(c as u32,
        0x0600..=0x0605 | 0x06DD | 0x070F | 0x0890..=0x0891 | 0x08E2 | 0x0D4E | 0x110BD
        | 0x110CD | 0x111C2..=0x111C3 | 0x1193F | 0x11941 | 0x11A3A | 0x11A84..=0x11A89
        | 0x11D46 | 0x11F02)
}

/// One span's text from column `x` (at most `max_width` columns); the column after it.
fn set_str(buf: &mut Buffer, mut x: u16, y: u16, s: &str, max_width: u16, style: Style) -> u16 {
    let end = buf.area.right().min(x.saturating_add(max_width));
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // An ASCII character is a grapheme of its own unless what follows joins it (a
        // combining mark, a joiner): then it goes the slow way with what follows.
        let alone = b.is_ascii() && bytes.get(i + 1).is_none_or(|n| n.is_ascii());
        if alone {
            if b.is_ascii_control() {
                i += 1;
                continue;
            }
            if x >= end {
                return x;
            }
            buf[(x, y)].set_char(char::from(b)).set_style(style);
            x += 1;
            i += 1;
            continue;
        }
        // The run up to the next ASCII character that stands alone, and that character too
        // when the run ends in a prepend character.
        let mut j = i + 1;
        while j < bytes.len() {
            let stands_alone = bytes[j].is_ascii() && bytes.get(j + 1).is_none_or(|n| n.is_ascii());
            if stands_alone {
                let ends_in_prepend = s[i..j].chars().next_back().is_some_and(is_prepend);
                if !ends_in_prepend {
                    break;
                }
            }
            j += 1;
        }
        while !s.is_char_boundary(j) {
            j += 1;
        }
        let room = usize::from(end.saturating_sub(x));
        if room < 2 * s[i..j].chars().count() {
            // It may not all fit: the rest of the span the slow way, which stops at the first
            // grapheme that does not fit.
            return buf.set_stringn(x, y, &s[i..], room, style).0;
        }
        // It fits (no grapheme is wider than two columns a character).
        x = buf.set_stringn(x, y, &s[i..j], room, style).0;
        i = j;
    }
    x
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;

    use super::*;

    /// Pieces that stress the grapheme rules: combining marks after ASCII, wide characters,
    /// controls, CR LF, joiners, prepend characters, emoji sequences, box drawing.
    const PIECES: &[&str] = &[
        "a",
        "Z",
        " ",
        "7",
        "%",
        "e\u{301}",
        "\u{301}",
        "\r\n",
        "\n",
        "\t",
        "\u{7f}",
        "漢",
        "字",
        "▶",
        "…",
        "—",
        "═",
        "\u{200d}",
        "\u{600}1",
        "\u{600}",
        "👨\u{200d}👩",
        "🇫🇷",
        "x\u{20e3}",
        "\u{a0}",
        "é",
        "ab",
        "  ",
        "\u{1100}\u{1161}",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn set_line_draws_what_the_buffer_draws(
            spans in prop::collection::vec(text(), 0..4),
            x in 0u16..12,
            max_width in 0u16..40,
            width in 1u16..30,
        ) {
            let styles = [
                Style::default(),
                Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                Style::default().bg(Color::Blue),
            ];
            let line = Line::from(
                spans
                    .iter()
                    .enumerate()
                    .map(|(i, s)| Span::styled(s.clone(), styles[i % 3]))
                    .collect::<Vec<_>>(),
            )
            .style(Style::default().add_modifier(Modifier::ITALIC));
            let area = Rect::new(0, 0, width, 2);
            let mut expected = Buffer::empty(area);
            let mut got = Buffer::empty(area);
            let x = x.min(width - 1);
            let a = expected.set_line(x, 1, &line, max_width);
            let b = set_line(&mut got, x, 1, &line, max_width);
            prop_assert_eq!(a, b);
            prop_assert_eq!(expected, got);
        }
    }
}
