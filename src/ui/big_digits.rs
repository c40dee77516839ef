//! Large digits for the headline final score: a 3×5 pixel font drawn with block characters,
//! 3 rows tall (half blocks), 5 rows tall and double width (full blocks), or scaled up by a
//! whole factor to fill a projector (each pixel `n` rows by `2n` columns).

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
    /// 5 × n rows, each pixel n rows by 2n columns (n ≥ 2; 1 is `Large`).
    Scaled(u16),
}

impl DigitSize {
    pub fn height(self) -> u16 {
        match self {
            DigitSize::Small => 3,
            _ => 5 * self.rows_per_pixel(),
        }
    }

    /// Rows each pixel takes (Small: half a row).
    fn rows_per_pixel(self) -> u16 {
        match self {
            DigitSize::Small | DigitSize::Large => 1,
            DigitSize::Scaled(n) => n.max(1),
        }
    }

    /// Columns each pixel takes.
    fn columns_per_pixel(self) -> u16 {
        match self {
            DigitSize::Small => 1,
            _ => 2 * self.rows_per_pixel(),
        }
    }

    /// The sizes from the largest down: scaled by `max_scale` … 2, then large, then small.
    pub fn largest_first(max_scale: u16) -> Vec<DigitSize> {
        let mut out: Vec<DigitSize> = (2..=max_scale).rev().map(DigitSize::Scaled).collect();
        out.push(DigitSize::Large);
        out.push(DigitSize::Small);
        out
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
        let scale = size.columns_per_pixel();
        let glyphs: Vec<u16> = text.chars().filter_map(glyph).map(|(_, w)| w).collect();
        let gaps = glyphs.len().saturating_sub(1) as u16 * size.rows_per_pixel();
        glyphs.iter().sum::<u16>() * scale + gaps
    }
}

impl Widget for BigDigits<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let scale = self.size.columns_per_pixel();
        let gap = self.size.rows_per_pixel();
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
                    DigitSize::Large | DigitSize::Scaled(_) => {
                        let rows = self.size.rows_per_pixel();
                        for pixel in 0..5u16 {
                            let ch = if bit(pixel as usize) { '█' } else { ' ' };
                            for dy in 0..rows {
                                let line = pixel * rows + dy;
                                if line >= area.height {
                                    break;
                                }
                                for dx in 0..scale {
                                    let cx = x + col * scale + dx;
                                    if cx < right {
                                        buf[(cx, area.y + line)].set_char(ch).set_style(self.style);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            x += w * scale + gap;
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

    #[test]
    fn scaled_digits_are_the_large_ones_magnified() {
        let text = "7.";
        let large = {
            let w = BigDigits::width(text, DigitSize::Large);
            let mut b = Buffer::empty(Rect::new(0, 0, w, 5));
            BigDigits {
                text,
                size: DigitSize::Large,
                style: Style::default(),
            }
            .render(b.area, &mut b);
            b
        };
        let size = DigitSize::Scaled(3);
        let w = BigDigits::width(text, size);
        assert_eq!(w, (3 + 1) * 6 + 3);
        assert_eq!(size.height(), 15);
        let mut big = Buffer::empty(Rect::new(0, 0, w, 15));
        BigDigits {
            text,
            size,
            style: Style::default(),
        }
        .render(big.area, &mut big);
        // Every cell of the scaled digits is its large pixel's, 3 rows by 6 columns each.
        for y in 0..15u16 {
            for x in 0..18u16 {
                let (gx, gy) = (x / 6, y / 3);
                let expected = large[(gx * 2, gy)].symbol().to_string();
                assert_eq!(big[(x, y)].symbol(), expected, "at {x},{y}");
            }
        }
        assert_eq!(
            DigitSize::largest_first(3),
            [
                DigitSize::Scaled(3),
                DigitSize::Scaled(2),
                DigitSize::Large,
                DigitSize::Small
            ]
        );
    }
}
