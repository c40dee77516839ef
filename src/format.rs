//! Number formatting shared by the CLI, the explorer and reports.

/// `v` as `format!("{v}")` writes it (the shortest decimal that reads back as `v`, never
/// with an exponent), appended to `out` — without the formatting machinery, for output that
/// prints many numbers.
pub fn push_shortest(out: &mut String, v: f64) {
    if push_few_decimals(out, v) {
        return;
    }
    if !v.is_finite() {
        use std::fmt::Write as _;
        let _ = write!(out, "{v}");
        return;
    }
    let mut buffer = ryu::Buffer::new();
    // "-1.5e-7", "1e21", "3.0", "0.25", "2274.0479999999984"
    let text = buffer.format_finite(v);
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // The digits, and where the point goes among them.
    let mut digits = [0u8; 40];
    let mut n = 0;
    for b in int.bytes().chain(fraction.bytes()) {
        digits[n] = b;
        n += 1;
    }
    let mut point = int.len() as i32 + exponent;
    let mut start = 0;
    while start < n && digits[start] == b'0' {
        start += 1;
        point -= 1;
    }
    while n > start && digits[n - 1] == b'0' {
        n -= 1;
    }
    // Up to 15 significant digits the shortest form is the only one (a double tells every
    // 15-digit decimal apart). Beyond, two forms can be equally close, and the two algorithms
    // break that tie differently: that needs `v` to be exactly halfway, i.e. a decimal of at
    // most 18 significant digits, which the count of its binary fraction digits rules out.
    if n - start > 15 && !never_halfway(v, point) {
        use std::fmt::Write as _;
        let _ = write!(out, "{v}");
        return;
    }
    if negative {
        out.push('-');
    }
    let digits = &digits[start..n];
    let ascii = |out: &mut String, d: &[u8]| out.extend(d.iter().map(|b| char::from(*b)));
    if digits.is_empty() {
        out.push('0');
    } else if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-point) as usize));
        ascii(out, digits);
    } else if point as usize >= digits.len() {
        ascii(out, digits);
        out.extend(std::iter::repeat_n('0', point as usize - digits.len()));
    } else {
        let (whole, part) = digits.split_at(point as usize);
        ascii(out, whole);
        out.push('.');
        ascii(out, part);
    }
}

/// The quick case of [`push_shortest`]: `v` is k / 10^d for an integer k below 10^15 and at
/// most six decimals d (scores, percents, dollars and cents), found with one product. A decimal of at most 15
/// significant digits is the only one that short to read back as its double, so with the
/// fewest decimals that read back it is the shortest form. False (nothing written) otherwise.
fn push_few_decimals(out: &mut String, v: f64) -> bool {
    let magnitude = v.abs();
    // (Not finite, or too large: the long way.)
    if magnitude.is_nan() || magnitude >= 1e9 {
        return false;
    }
    // In millionths, to the nearest (a cast, not a call to `round`): below 10^15, exact.
    // Below 10^9 the product is within 0.13 of a decimal's whole millionths, so one of at
    // most six decimals is found exactly; the division (of exact doubles) is its nearest double.
    let mut k = (magnitude * 1e6 + 0.5) as u64;
    if k as f64 / 1e6 != magnitude {
        return false;
    }
    let mut decimals = 6;
    while decimals > 0 && k.is_multiple_of(10) {
        k /= 10;
        decimals -= 1;
    }
    if v.is_sign_negative() {
        out.push('-');
    }
    let unit = 10u64.pow(decimals as u32);
    push_digits(out, k / unit, 1);
    if decimals > 0 {
        out.push('.');
        push_digits(out, k % unit, decimals);
    }
    true
}

/// `n` in decimal, with leading zeros to at least `width` digits.
fn push_digits(out: &mut String, mut n: u64, width: usize) {
    let mut buffer = [b'0'; 20];
    let mut at = buffer.len();
    while n > 0 {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    at = at.min(buffer.len() - width);
    // ASCII digits: always UTF-8.
    out.push_str(std::str::from_utf8(&buffer[at..]).unwrap_or_default());
}

/// Is `v` (whose first significant digit is `point` places before the decimal point: 0 for
/// 0.5, -1 for 0.05) certainly not a decimal of 19 or fewer significant digits? Its exact
/// decimal expansion has one fraction digit per binary fraction digit, so it has at least
/// `point` plus that many (one less, should the shortest form have rounded up to a power of
/// ten).
fn never_halfway(v: f64, point: i32) -> bool {
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    if mantissa == 0 {
        return false;
    }
    let fraction_digits = -(exponent + mantissa.trailing_zeros() as i32);
    fraction_digits > 0 && point + fraction_digits >= 21
}

/// A number without trailing zeros: 75, 18.75, 60.375.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    // Below 1e9 a double is within half a millionth of its shortest decimal form, so when
    // that form has at most six decimals it is what six decimals round to (and quicker).
    if v.abs() < 1e9 {
        let mut shortest = String::with_capacity(24);
        push_shortest(&mut shortest, v);
        let decimals = shortest.split_once('.').map_or(0, |(_, d)| d.len());
        if decimals <= 6 {
            return if shortest == "-0" {
                "0".into()
            } else {
                shortest
            };
        }
    }
    let s = format!("{:.6}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// `v` rounded to `decimals` decimals, half away from zero, reading `v` to nine significant
/// decimals first so the binary noise of a sum cannot decide a half (18.755 → 18.76, although
/// the nearest double to 18.755 is a hair below it).
pub fn round_half_up(v: f64, decimals: i32) -> f64 {
    if !v.is_finite() {
        return v;
    }
    let clean = (v * 1e9).round() / 1e9;
    let scale = 10f64.powi(decimals);
    (clean * scale).round() / scale
}

/// Two decimals, as CMS publishes scores and adjustments (half up, as [`round_half_up`]).
pub fn two_decimals(v: f64) -> String {
    let r = round_half_up(v, 2);
    let mut out = String::with_capacity(12);
    if !push_hundredths(&mut out, r, false) {
        out = format!("{r:.2}");
    }
    if out == "-0.00" { "0.00".into() } else { out }
}

/// `r` (already rounded to two decimals) with exactly two decimals, as `{:.2}` (or `{:+.2}`
/// with `plus`) writes it, without the formatting machinery; false (nothing written) when it
/// is not finite or too large for the quick way.
fn push_hundredths(out: &mut String, r: f64, plus: bool) -> bool {
    let magnitude = r.abs();
    if magnitude.is_nan() || magnitude >= 1e13 {
        return false;
    }
    // r is the double nearest a whole number of hundredths: that number, to the nearest.
    let hundredths = (magnitude * 100.0 + 0.5) as u64;
    if r.is_sign_negative() {
        out.push('-');
    } else if plus {
        out.push('+');
    }
    push_digits(out, hundredths / 100, 1);
    out.push('.');
    push_digits(out, hundredths % 100, 2);
    true
}

/// A signed percentage precise enough to multiply out in a formula: two to four decimals,
/// trailing zeros dropped ("+0.378%", "-6.7488%", "+1.05%", "0.00%").
pub fn percent_precise(v: f64) -> String {
    let r = round_half_up(v, 4);
    if r == 0.0 || !r.is_finite() {
        return "0.00%".into();
    }
    let mut s = format!("{r:+.4}");
    while s.ends_with('0') && s.len() - s.find('.').unwrap_or(s.len()) > 3 {
        s.pop();
    }
    format!("{s}%")
}

/// A signed percentage with two decimals: "+0.59%", "-6.75%", "0.00%". A value that is not
/// zero but rounds to zero keeps its sign and shows four decimals ("-0.0012%"), so a small
/// penalty never reads as none.
pub fn percent(v: f64) -> String {
    let r = round_half_up(v, 2);
    if v == 0.0 || !v.is_finite() {
        "0.00%".into()
    } else if r == 0.0 {
        let small = format!("{v:+.4}%");
        if small == "+0.0000%" || small == "-0.0000%" {
            "0.00%".into()
        } else {
            small
        }
    } else {
        let mut out = String::with_capacity(12);
        if push_hundredths(&mut out, r, true) {
            out.push('%');
            out
        } else {
            format!("{r:+.2}%")
        }
    }
}

/// A weight: "30", "37.5", "70.6".
pub fn weight(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

/// A whole number with thousands separators: "1,234,567".
pub fn thousands(v: u64) -> String {
    let mut out = String::with_capacity(26);
    push_thousands(&mut out, v);
    out
}

/// `v` with thousands separators, appended to `out`.
fn push_thousands(out: &mut String, v: u64) {
    let mut groups = [0u64; 7];
    let (mut n, mut count) = (v, 0);
    loop {
        groups[count] = n % 1000;
        count += 1;
        n /= 1000;
        if n == 0 {
            break;
        }
    }
    push_digits(out, groups[count - 1], 1);
    for g in groups[..count - 1].iter().rev() {
        out.push(',');
        push_digits(out, *g, 3);
    }
}

/// Dollars with thousands separators: "$1,500,000", "-$13,500".
pub fn dollars(v: f64) -> String {
    let mut out = String::with_capacity(16);
    push_dollars(&mut out, v, false);
    out
}

/// Dollars (with a "+" before a positive amount when `plus`), appended to `out`.
fn push_dollars(out: &mut String, v: f64, plus: bool) {
    let rounded = v.round();
    if v < 0.0 && rounded != 0.0 {
        out.push('-');
    } else if plus {
        out.push('+');
    }
    out.push('$');
    push_thousands(out, v.abs().round() as u64);
}

/// Signed dollars for deltas: "+$3,150", "-$13,500", "$0".
pub fn signed_dollars(v: f64) -> String {
    if v.round() == 0.0 {
        "$0".into()
    } else {
        let mut out = String::with_capacity(16);
        push_dollars(&mut out, v, v > 0.0);
        out
    }
}

/// Which side of its column a text goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// `text` in a column `width` characters wide (as `{:<width}` / `{:>width}` pad it), appended
/// to `out`; a longer text is not cut.
pub fn push_padded(out: &mut String, text: &str, width: usize, align: Align) {
    let fill = width.saturating_sub(text.chars().count());
    if align == Align::Right {
        out.extend(std::iter::repeat_n(' ', fill));
    }
    out.push_str(text);
    if align == Align::Left {
        out.extend(std::iter::repeat_n(' ', fill));
    }
}

/// `text` in a column `width` characters wide, as a new string (see [`push_padded`]).
pub fn padded(text: &str, width: usize, align: Align) -> String {
    let mut out = String::with_capacity(width.max(text.len()));
    push_padded(&mut out, text, width, align);
    out
}

/// Text that is safe to print on one line: control characters (newlines, escape sequences)
/// become spaces, so a scenario name or a file name cannot break a table or drive the terminal.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A file size: "512 B", "50.0 MB".
pub fn bytes(n: u64) -> String {
    if n < 1024 {
        format!("{n} B")
    } else if n < 1024 * 1024 {
        format!("{:.1} KB", n as f64 / 1024.0)
    } else {
        format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
    }
}

/// `v` with `decimals` decimals and its sign: "+0.30", "-0.017", "0.00" (no sign for a value
/// that rounds to zero, so never "-0.00").
pub fn signed(v: f64, decimals: usize) -> String {
    let scale = 10f64.powi(decimals as i32);
    let r = (v * scale).round() / scale;
    if r == 0.0 || !r.is_finite() {
        format!("{:.*}", decimals, 0.0)
    } else {
        format!("{r:+.decimals$}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `number` as six decimals with the zeros trimmed, the long way.
    fn number_by_six_decimals(v: f64) -> String {
        let s = format!("{:.6}", v);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" { "0".into() } else { s.to_string() }
    }

    #[test]
    fn shortest_is_what_display_writes() {
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            3.0,
            0.1,
            0.25,
            1e-7,
            1.5e-7,
            1e15,
            1e16,
            1e21,
            1.2e21,
            1e300,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            2274.0479999999984,
            0.1 + 0.2,
            123456789.0,
        ];
        // Random bit patterns (every magnitude) and numbers like scores and dollars.
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..100_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let v = f64::from_bits(state);
            if v.is_finite() {
                values.push(v);
            }
            values.push((state % 10_000_000) as f64 / 1000.0);
            values.push((state % 100_000) as f64 / 100.0 - 500.0);
            // Sums and products with the binary noise of roster dollars and adjustments.
            let a = (state % 1_000_000) as f64 / 1000.0;
            values.push(a * 0.0123 - 4.5);
            values.push((a * 7.77) * (0.31 + 0.2) / 100.0);
        }
        let mut out = String::new();
        for v in values {
            out.clear();
            push_shortest(&mut out, v);
            assert_eq!(out, format!("{v}"), "{v:e}");
        }
    }

    /// Scores, percents and dollars of every size, with the binary noise of sums.
    fn money_and_scores() -> Vec<f64> {
        let mut values = vec![
            0.0,
            -0.0,
            0.005,
            -0.005,
            0.004999,
            99.995,
            100.0,
            -9.0,
            1e12,
            -1e12,
            9.99e12,
            1e13,
            2e13,
            f64::NAN,
            f64::INFINITY,
            -f64::INFINITY,
            0.125,
            -0.125,
            2274.0479999999984,
            999.5,
            -999.5,
            999_999.5,
            1_000_000.0,
            0.0049,
            -0.0049,
            1e-7,
            u64::MAX as f64,
        ];
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        for _ in 0..100_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            values.push((state % 10_000_000) as f64 / 1000.0 - 5000.0);
            values.push((state % 100_000_000_000) as f64 / 100.0 - 4e8);
            let a = (state % 1_000_000) as f64 / 1000.0;
            values.push(a * 0.0123 - 4.5);
            values.push((a * 7.77) * (0.31 + 0.2) / 100.0);
            values.push(f64::from_bits(state) % 1e14);
        }
        values
    }

    #[test]
    fn quick_formats_write_what_the_formatting_machinery_writes() {
        // The formats as they were written with `format!`.
        fn thousands_then(v: u64) -> String {
            let digits = v.to_string();
            let mut out = String::new();
            for (i, ch) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(ch);
            }
            out
        }
        fn dollars_then(v: f64) -> String {
            let neg = v < 0.0 && v.round() != 0.0;
            let out = thousands_then(v.abs().round() as u64);
            format!("{}${out}", if neg { "-" } else { "" })
        }
        fn signed_dollars_then(v: f64) -> String {
            if v.round() == 0.0 {
                "$0".into()
            } else if v > 0.0 {
                format!("+{}", dollars_then(v))
            } else {
                dollars_then(v)
            }
        }
        fn two_decimals_then(v: f64) -> String {
            let s = format!("{:.2}", round_half_up(v, 2));
            if s == "-0.00" { "0.00".into() } else { s }
        }
        fn percent_then(v: f64) -> String {
            let r = round_half_up(v, 2);
            if v == 0.0 || !v.is_finite() {
                "0.00%".into()
            } else if r == 0.0 {
                let small = format!("{v:+.4}%");
                if small == "+0.0000%" || small == "-0.0000%" {
                    "0.00%".into()
                } else {
                    small
                }
            } else {
                format!("{r:+.2}%")
            }
        }
        for v in money_and_scores() {
            assert_eq!(two_decimals(v), two_decimals_then(v), "{v:e}");
            assert_eq!(percent(v), percent_then(v), "{v:e}");
            if v.is_finite() {
                assert_eq!(dollars(v), dollars_then(v), "{v:e}");
                assert_eq!(signed_dollars(v), signed_dollars_then(v), "{v:e}");
                let whole = v.abs() as u64;
                assert_eq!(thousands(whole), thousands_then(whole), "{whole}");
            }
        }
    }

    #[test]
    fn weights_show_each_weight_as_weight_does() {
        for w in [
            [40.0, 30.0, 30.0, 0.0],
            [100.0, 0.0, -0.0, 99.99999999999],
            [7.0000000001, 12.96, 1234.0, 0.05],
            [37.5, 0.0, 12.5, 50.0],
            [70.6, 0.0, 29.4, 0.0],
            [100.0 / 3.0, 100.0 / 3.0, 100.0 / 3.0, 0.0],
        ] {
            let weights = crate::rules::Weights {
                quality: w[0],
                cost: w[1],
                improvement_activities: w[2],
                promoting_interoperability: w[3],
            };
            let parts: Vec<String> = w.iter().map(|v| weight(*v)).collect();
            assert_eq!(weights.to_string(), parts.join("/"));
        }
    }

    #[test]
    fn number_is_six_decimals_trimmed() {
        let mut values = vec![
            0.0,
            -0.0,
            1e-7,
            -1e-7,
            4e-7,
            5e-7,
            6e-7,
            0.1 + 0.2,
            2.3,
            18.755,
            60.375,
            1e9 - 0.5,
            999_999_999.999_999_5,
            123.456_789_5,
            0.000_000_5,
            1e20,
            -3.5,
            7.0 / 3.0,
        ];
        // A spread of scores, weights and dollars, with the binary noise sums carry.
        let mut x = 0.123_456_789_f64;
        for i in 0..20_000 {
            x = (x * 9301.0 + 49297.0) % 233_280.0;
            let v = x / 233_280.0 * 10f64.powi(i % 12 - 3);
            values.push(v);
            values.push(-v);
            values.push((v * 100.0).round() / 100.0 + 0.1 * 0.2);
        }
        for v in values {
            assert_eq!(number(v), number_by_six_decimals(v), "{v:e}");
        }
    }

    #[test]
    fn formats() {
        assert_eq!(number(60.375), "60.375");
        assert_eq!(number(75.0), "75");
        assert_eq!(percent(-6.7488), "-6.75%");
        assert_eq!(percent(0.588), "+0.59%");
        assert_eq!(percent(-0.0012), "-0.0012%");
        assert_eq!(percent(0.0), "0.00%");
        assert_eq!(percent(-0.00001), "0.00%");
        assert_eq!(dollars(1_500_000.0), "$1,500,000");
        assert_eq!(dollars(-13_500.4), "-$13,500");
        assert_eq!(signed_dollars(3150.0), "+$3,150");
        assert_eq!(weight(70.588235), "70.6");
        assert_eq!(two_decimals(18.755), "18.76");
        assert_eq!(two_decimals(0.1 + 0.2 + 18.455), "18.76");
        assert_eq!(two_decimals(-0.001), "0.00");
        assert_eq!(round_half_up(18.755, 2), 18.76);
        assert_eq!(round_half_up(74.994999, 2), 74.99);
        assert_eq!(percent_precise(0.378), "+0.378%");
        assert_eq!(percent_precise(-6.7488), "-6.7488%");
        assert_eq!(percent_precise(1.05), "+1.05%");
        assert_eq!(percent_precise(0.41264), "+0.4126%");
        assert_eq!(percent_precise(0.0), "0.00%");
        assert_eq!(one_line("a\x1b[2Jb\nc"), "a [2Jb c");
    }

    #[test]
    fn signed_has_no_negative_zero() {
        assert_eq!(signed(-0.0001, 2), "0.00");
        assert_eq!(signed(-0.001, 2), "0.00");
        assert_eq!(signed(0.4, 2), "+0.40");
        assert_eq!(signed(3.5, 2), "+3.50");
        assert_eq!(signed(-0.14, 2), "-0.14");
        assert_eq!(signed(-0.017, 3), "-0.017");
        assert_eq!(signed(f64::NAN, 2), "0.00");
    }
}
