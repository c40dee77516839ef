//! What a measure needs, worked out through probes kept between calls (a value built once,
//! a threshold searched once per scenario) and with the category's points-needed cut, is what a
//! plain binary search on fresh copies of the scenario finds: every library scenario, every
//! measure with a rate or a cost, values around its own, six targets.

use mips_whatif::engine::score_numbers;
use mips_whatif::rules::RuleSet;
use mips_whatif::rules::YearRules;
use mips_whatif::scenario::Scenario;
use mips_whatif::sensitivity::measure::*;
use mips_whatif::sensitivity::{ResolvedTarget, Target, points_needed_for, resolve_target};

/// The value a target needs, by a plain binary search between the value now and the best, every
/// value scored from a fresh copy of the scenario.
fn plain_needed(
    s: &Scenario,
    rules: &YearRules,
    m: &MeasureRef,
    target: &ResolvedTarget,
) -> MeasureNeed {
    let v = value_of(s, m);
    let reached = |x: f64| {
        let t = with_value(s, m, x);
        target.is_reached(&score_numbers(&t, rules))
    };
    if reached(v) {
        return MeasureNeed::AlreadyReached;
    }
    let best = if m.lower_is_better { 0.0 } else { 100.0 };
    if !reached(best) {
        let p = evaluate_at(s, rules, m, best);
        return MeasureNeed::NotReachable {
            final_score_at_best: p.outcome.final_score,
        };
    }
    let now = (v * 100.0).round() as i64;
    let value;
    if m.lower_is_better {
        let (mut lo, mut hi) = (0i64, now);
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if reached(mid as f64 / 100.0) {
                lo = mid
            } else {
                hi = mid
            }
        }
        value = lo as f64 / 100.0;
    } else {
        let (mut lo, mut hi) = (now, 10_000i64);
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if reached(mid as f64 / 100.0) {
                hi = mid
            } else {
                lo = mid
            }
        }
        value = hi as f64 / 100.0;
    }
    MeasureNeed::Needs { value }
}

#[test]
fn kept_probes_and_category_cuts_answer_as_a_plain_binary_search_does() {
    let rules = RuleSet::embedded().unwrap();
    let mut n = 0;
    for e in std::fs::read_dir("scenarios").unwrap() {
        let p = e.unwrap().path();
        let Ok(s) = Scenario::load(&p, &rules) else {
            continue;
        };
        let yr = rules.year(s.performance_year).unwrap();
        let mut ids = vec![];
        if let Some(q) = &s.measures.quality {
            for m in &q.measures {
                ids.push((m.id.clone(), Some(m.collection_type)));
            }
        }
        if let Some(c) = &s.measures.cost {
            for m in &c.measures {
                ids.push((m.id.clone(), None));
            }
        }
        for (id, ct) in ids {
            let Ok(m) = find_measure(&s, &id, ct) else {
                continue;
            };
            let v0 = value_of(&s, &m);
            let mut probes = MeasureProbes::default();
            for dv in [0.0, 1.0, -1.0, 3.3, -7.25, 10.0, -20.0, 0.005, 25.0, -35.0] {
                let v = if m.category == mips_whatif::rules::Category::Cost {
                    (v0 * (1.0 + dv / 50.0)).max(0.0)
                } else {
                    (v0 + dv).clamp(0.0, 100.0)
                };
                let t = with_value(&s, &m, v);
                for tg in [
                    Target::Neutral,
                    Target::Positive,
                    Target::TopBand,
                    Target::FinalScore(80.0),
                    Target::FinalScore(95.0),
                    Target::FinalScore(60.0),
                ] {
                    let r = resolve_target(yr, tg).unwrap();
                    let old = plain_needed(&t, yr, &m, &r);
                    let new = measure_needed(&t, yr, &m, &r).0;
                    let kept = probes.probe(&t, &m).needed(yr, &r).0;
                    let cut = CategoryCut::of(&points_needed_for(&t, yr, m.category, &r));
                    let mut fresh = MeasureProbes::default();
                    let with_cut = fresh.probe(&t, &m).needed_with(yr, &r, cut).0;
                    assert_eq!(old, with_cut, "{p:?} {id} v={v} {tg:?} cut {cut:?}");
                    assert_eq!(old, new, "{p:?} {id} v={v} {tg:?}");
                    assert_eq!(old, kept, "{p:?} {id} v={v} {tg:?} kept");
                    n += 1;
                }
                let om = {
                    let better = match (m.category, m.lower_is_better) {
                        (mips_whatif::rules::Category::Cost, _) => v * 0.99,
                        (_, true) => (v - 1.0).max(0.0),
                        (_, false) => (v + 1.0).min(100.0),
                    };
                    (evaluate_at(&t, yr, &m, v), evaluate_at(&t, yr, &m, better))
                };
                let nm = probes.probe(&t, &m).marginal(yr);
                assert_eq!(om.0, nm.now);
                assert_eq!(om.1, nm.better);
            }
        }
    }
    assert!(n > 100);
}
