//! Number formatting shared by the CLI, the explorer and reports.

/// A number without trailing zeros: 75, 18.75, 60.375.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    let s = format!("{:.6}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// Two decimals, as CMS publishes scores and adjustments.
pub fn two(v: f64) -> String {
    let s = format!("{v:.2}");
    if s == "-0.00" { "0.00".into() } else { s }
}

/// A signed percentage with two decimals: "+0.59%", "-6.75%", "0.00%". A value that is not
/// zero but rounds to zero keeps its sign and shows four decimals ("-0.0012%"), so a small
/// penalty never reads as none.
pub fn percent(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
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

/// A weight: "30", "37.5", "70.6".
pub fn weight(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

/// Dollars with thousands separators: "$1,500,000", "-$13,500".
pub fn dollars(v: f64) -> String {
    let neg = v < 0.0 && v.round() != 0.0;
    let whole = v.abs().round() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{}${out}", if neg { "-" } else { "" })
}

/// Signed dollars for deltas: "+$3,150", "-$13,500", "$0".
pub fn signed_dollars(v: f64) -> String {
    if v.round() == 0.0 {
        "$0".into()
    } else if v > 0.0 {
        format!("+{}", dollars(v))
    } else {
        dollars(v)
    }
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
