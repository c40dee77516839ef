//! Large digits for the headline final score: a 3×5 pixel font drawn with block characters,
//! either 3 rows tall (half blocks) or 5 rows tall and double width (full blocks).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

/// Rows of a glyph, top to bottom; each row's three low bits are pixels, left to right.
fn glyph(c: char) -> Option<(&'static [u8; 5], u16)> {
    const DIGITS: [[u8; 5]; 10] = [
        [0b111, 0b101, 0b101, 0b101, 0b111],
        [0b010, 0b110, 0b010, 0b010, 0b111],
        [0b111, 0b001, 0b111, 0b100, 0b111],
        [0b111, 0b001, 0b111, 0b001, 0b111],
        [0b101, 0b101, 0b111, 0b001, 0b001],
        [0b111, 0b100, 0b111, 0b001, 0b111],
        [0b111, 0b100, 0b111, 0b101, 0b111],
        [0b111, 0b001, 0b001, 0b001, 0b001],
        [0b111, 0b101, 0b111, 0b101, 0b111],
        [0b111, 0b101, 0b111, 0b001, 0b111],
    ];
    const DOT: [u8; 5] = [0, 0, 0, 0, 0b001];
    const MINUS: [u8; 5] = [0, 0, 0b111, 0, 0];
    const PLUS: [u8; 5] = [0, 0b010, 0b111, 0b010, 0];
    const SPACE: [u8; 5] = [0; 5];
    const PERCENT: [u8; 5] = [0b101, 0b001, 0b010, 0b100, 0b101];
    const COMMA: [u8; 5] = [0, 0, 0, 0b1, 0b1];
    const DOLLAR: [u8; 5] = [0b011, 0b110, 0b010, 0b011, 0b110];
    match c {
        '0'..='9' => Some((&DIGITS[c as usize - '0' as usize], 3)),
        '.' => Some((&DOT, 1)),
        '-' | '−' => Some((&MINUS, 3)),
        '+' => Some((&PLUS, 3)),
        ' ' => Some((&SPACE, 2)),
        '%' => Some((&PERCENT, 3)),
        ',' => Some((&COMMA, 1)),
        '$' => Some((&DOLLAR, 3)),
        _ => None,
    }
}

/// How big to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DigitSize {
    /// 3 rows, one column per pixel (half blocks).
    Small,
    /// 5 rows, two columns per pixel (full blocks).
    Large,
}

impl DigitSize {
    pub fn height(self) -> u16 {
        match self {
            DigitSize::Small => 3,
            DigitSize::Large => 5,
        }
    }
}

/// A number in large digits.
pub struct BigDigits<'a> {
    pub text: &'a str,
    pub size: DigitSize,
    pub style: Style,
}

impl BigDigits<'_> {
    /// Width in cells (glyphs plus one column between them).
    pub fn width(text: &str, size: DigitSize) -> u16 {
        let scale = match size {
            DigitSize::Small => 1,
            DigitSize::Large => 2,
        };
        let glyphs: Vec<u16> = text.chars().filter_map(glyph).map(|(_, w)| w).collect();
        let gaps = glyphs.len().saturating_sub(1) as u16;
        glyphs.iter().sum::<u16>() * scale + gaps
    }
}

impl Widget for BigDigits<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let scale: u16 = match self.size {
            DigitSize::Small => 1,
            DigitSize::Large => 2,
        };
        let mut x = area.x;
        let right = area.right();
        for c in self.text.chars() {
            let Some((rows, w)) = glyph(c) else { continue };
            if x + w * scale > right {
                break;
            }
            for col in 0..w {
                let bit = |row: usize| rows[row] >> (w - 1 - col) & 1 == 1;
                match self.size {
                    DigitSize::Small => {
                        for line in 0..3u16 {
                            if line >= area.height {
                                break;
                            }
                            let top = bit(line as usize * 2);
                            let bottom = line < 2 && bit(line as usize * 2 + 1);
                            let ch = match (top, bottom) {
                                (true, true) => '█',
                                (true, false) => '▀',
                                (false, true) => '▄',
                                (false, false) => ' ',
                            };
                            buf[(x + col, area.y + line)]
                                .set_char(ch)
                                .set_style(self.style);
                        }
                    }
                    DigitSize::Large => {
                        for line in 0..5u16 {
                            if line >= area.height {
                                break;
                            }
                            let ch = if bit(line as usize) { '█' } else { ' ' };
                            for dx in 0..2 {
                                buf[(x + col * 2 + dx, area.y + line)]
                                    .set_char(ch)
                                    .set_style(self.style);
                            }
                        }
                    }
                }
            }
            x += w * scale + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_small_digits() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 9, 3));
        BigDigits {
            text: "8.1",
            size: DigitSize::Small,
            style: Style::default(),
        }
        .render(buf.area, &mut buf);
        assert_eq!(
            buf,
            Buffer::with_lines(["█▀█   ▄█ ", "█▀█    █ ", "▀▀▀ ▀ ▀▀▀"])
        );
        assert_eq!(BigDigits::width("8.1", DigitSize::Small), 9);
        assert_eq!(BigDigits::width("86.01", DigitSize::Large), 30);
    }
}
