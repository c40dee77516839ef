//! Achievement points from one benchmark row: the decile bounds, the decile a rate falls in and
//! the partial points within it. Shared by quality (rates) and cost (dollars, lower is better).

use crate::measures::{Benchmark, BenchmarkValues};

/// Where a rate (or cost) falls against a benchmark, before any floor or cap.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    /// 1–10; `None` when the rate is worse than the lowest bound (below P1 for direct measures,
    /// above P99 for inverse ones, above the first number for cost deciles).
    pub decile: Option<u8>,
    /// `decile + partial`, or 10 in decile 10, or 0 when there is no decile.
    pub raw_points: f64,
    /// The decile's worse-end bound and the next decile's bound (partial points run between).
    pub from: Option<f64>,
    pub to: Option<f64>,
}

/// The worse-end bound of deciles 1–10 (`None`: decile 1 has no lower end in the 9-number form
/// of inverse, non-proportion rows).
pub fn decile_bounds(benchmark: &Benchmark) -> [Option<f64>; 10] {
    let mut bounds = [None; 10];
    match &benchmark.values {
        BenchmarkValues::Deciles(d) if d.len() == 9 => {
            // Bounds of deciles 2–10; decile 1 runs from 0 (direct) or down from 100 (inverse
            // proportions).
            bounds[0] = Some(if benchmark.inverse {
                d[0].max(100.0)
            } else {
                0.0_f64.min(d[0])
            });
            for (k, v) in d.iter().enumerate() {
                bounds[k + 1] = Some(*v);
            }
        }
        BenchmarkValues::Deciles(d) => {
            for (k, v) in d.iter().take(10).enumerate() {
                bounds[k] = Some(*v);
            }
        }
        BenchmarkValues::Percentiles(p) => {
            // p = [P1, P10, P20, … P90, P99].
            if benchmark.inverse {
                bounds[0] = Some(p[10]);
                for d in 2..=10 {
                    // P((11 − d)·10) is p[11 − d].
                    bounds[d - 1] = Some(p[11 - d]);
                }
            } else {
                bounds[0] = Some(p[0]);
                for d in 2..=10 {
                    // P((d − 1)·10) is p[d − 1].
                    bounds[d - 1] = Some(p[d - 1]);
                }
            }
        }
    }
    bounds
}

/// The decile and raw points of a rate: the highest decile whose bound the rate reaches
/// (inverse: does not exceed), plus the linear share of the way to the next different bound.
pub fn place(benchmark: &Benchmark, rate: f64) -> Placement {
    let bounds = decile_bounds(benchmark);
    let inverse = benchmark.inverse;
    let reaches = |b: f64| if inverse { rate <= b } else { rate >= b };
    let mut found = None;
    for d in (0..10).rev() {
        if let Some(b) = bounds[d]
            && reaches(b)
        {
            found = Some(d);
            break;
        }
    }
    let Some(d) = found else {
        return Placement {
            decile: None,
            raw_points: 0.0,
            from: None,
            to: bounds[0],
        };
    };
    let decile = d as u8 + 1;
    let from = bounds[d].expect("found on a bound");
    if decile == 10 {
        return Placement {
            decile: Some(10),
            raw_points: 10.0,
            from: Some(from),
            to: None,
        };
    }
    // The next higher decile with a different bound (equal bounds mean empty deciles).
    let next = bounds[d + 1..]
        .iter()
        .flatten()
        .copied()
        .find(|b| *b != from);
    let partial = match next {
        Some(n) => {
            let span = (n - from).abs();
            if span > 0.0 {
                ((rate - from).abs() / span).clamp(0.0, 1.0)
            } else {
                0.0
            }
        }
        None => 0.0,
    };
    // Never reach the next whole point inside a decile (rounding of equal floats).
    let raw = (f64::from(decile) + partial).min(f64::from(decile) + 0.9999);
    Placement {
        decile: Some(decile),
        raw_points: raw,
        from: Some(from),
        to: next,
    }
}

/// CMS keeps four decimals of measure points.
pub fn round4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}
