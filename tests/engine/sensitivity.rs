//! Sweeps, marginal values, points needed and the uncertainty range, checked against the
//! engine itself: goal seeking against a brute-force scan of the whole 0.01 grid, sweeps for
//! monotonicity, the kinks at a quarter of the threshold and at the threshold where the rules
//! put them, flat lines where the rules ignore a category, and the ordering of the range.

use mips_whatif::engine::{Band, ScoreResult, adjustment_for, published_score, score_numbers};
use mips_whatif::rules::{Category, RuleSet, YearRules};
use mips_whatif::scenario::{Participation, ReportingOption, Scenario};
use mips_whatif::sensitivity::{
    FlatKind, MarginalKind, MaxRange, Need, RangeKind, SweepSpan, Target, adjustment_range,
    all_points_needed, band_edges, lever, marginal_value, marginal_values, points_needed,
    resolve_target, sweep,
};

fn rules() -> RuleSet {
    RuleSet::embedded().expect("embedded rules are valid")
}

fn year(r: &RuleSet, y: u16) -> &YearRules {
    r.year(y).expect("supported year")
}

/// A large group in `year` with the given scores (None: not scored) and $1,000,000 of charges.
fn scenario(
    year: u16,
    q: Option<f64>,
    c: Option<f64>,
    ia: Option<f64>,
    pi: Option<f64>,
) -> Scenario {
    let mut s = Scenario::default_group();
    s.name = None;
    s.performance_year = year;
    s.practice.clinicians = 50;
    s.practice.part_b_allowed_charges = Some(1_000_000.0);
    s.scores.quality = q;
    s.scores.cost = c;
    s.scores.improvement_activities = ia;
    s.scores.promoting_interoperability = pi;
    s
}

fn small(mut s: Scenario) -> Scenario {
    s.practice.clinicians = 8;
    s
}

fn app(mut s: Scenario) -> Scenario {
    s.reporting_option = ReportingOption::App;
    s
}

fn cpb(mut s: Scenario, points: f64) -> Scenario {
    s.complex_patient_bonus = points;
    s
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// Scenarios across years and situations: small practices, the APP / APM scoring standard,
/// categories not scored, the complex patient bonus, PY2018's small-practice bonus,
/// non-reporting clinicians, MIPS APM participants' IA floor, MVPs.
fn cases() -> Vec<(String, Scenario)> {
    let mut v: Vec<(String, Scenario)> = Vec::new();
    for y in 2017..=2026u16 {
        v.push((
            format!("{y} all scored"),
            scenario(y, Some(62.5), Some(48.0), Some(50.0), Some(71.0)),
        ));
        v.push((
            format!("{y} high"),
            scenario(y, Some(91.0), Some(80.0), Some(100.0), Some(100.0)),
        ));
        v.push((
            format!("{y} low"),
            scenario(y, Some(12.0), Some(3.0), Some(0.0), Some(20.0)),
        ));
        v.push((
            format!("{y} small, PI not scored"),
            small(scenario(y, Some(80.0), Some(50.0), Some(100.0), None)),
        ));
        v.push((
            format!("{y} cost not scored"),
            scenario(y, Some(70.0), None, Some(40.0), Some(60.0)),
        ));
        v.push((
            format!("{y} APP"),
            app(scenario(y, Some(70.0), Some(40.0), Some(0.0), Some(80.0))),
        ));
        v.push((
            format!("{y} quality only"),
            scenario(y, Some(95.0), None, None, None),
        ));
    }
    let rs = rules();
    for y in [2018u16, 2020, 2022, 2024, 2025] {
        let max = year(&rs, y).complex_patient_bonus_max.value;
        v.push((
            format!("{y} CPB"),
            cpb(
                scenario(y, Some(55.0), Some(35.0), Some(50.0), Some(60.0)),
                max,
            ),
        ));
    }
    v.push((
        "2018 small-practice bonus".into(),
        small(scenario(
            2018,
            Some(40.0),
            Some(30.0),
            Some(50.0),
            Some(40.0),
        )),
    ));
    v.push((
        "2018 small-practice bonus + CPB near the cap".into(),
        cpb(
            small(scenario(
                2018,
                Some(95.0),
                Some(90.0),
                Some(100.0),
                Some(90.0),
            )),
            5.0,
        ),
    ));
    let mut nonrep = small(scenario(2024, None, Some(70.0), None, None));
    nonrep.practice.reporting = false;
    v.push(("2024 non-reporting small".into(), nonrep));
    let mut nonrep_large = scenario(2023, Some(50.0), Some(70.0), Some(50.0), Some(50.0));
    nonrep_large.practice.reporting = false;
    v.push(("2023 non-reporting large".into(), nonrep_large));
    let mut apm = scenario(2024, Some(70.0), Some(60.0), Some(20.0), Some(80.0));
    apm.practice.participation = Participation::ApmEntity;
    v.push(("2024 APM participant, IA floor".into(), apm));
    let mut mvp = scenario(2025, Some(74.0), Some(75.0), Some(100.0), Some(75.0));
    mvp.reporting_option = ReportingOption::Mvp;
    v.push(("2025 MVP".into(), mvp));
    v.push((
        "2024 capped".into(),
        cpb(
            scenario(2024, Some(100.0), Some(100.0), Some(100.0), Some(90.0)),
            10.0,
        ),
    ));
    v.push((
        "2024 quality and IA not scored".into(),
        scenario(2024, None, Some(30.0), None, Some(90.0)),
    ));
    v
}

/// The reached-ness of a target, written from the rules' numbers and the published score
/// (independently of the module's band logic).
fn reached_independently(rules: &YearRules, target: Target, r: &ScoreResult) -> bool {
    let fs = published_score(r.final_score);
    match target {
        Target::Neutral => fs >= rules.pt(),
        Target::Positive => fs > rules.pt(),
        Target::TopBand => match &rules.exceptional_bonus {
            Some(e) => fs >= e.threshold.value,
            None => fs >= 89.0,
        },
        Target::FinalScore(x) => fs >= x - 1e-9,
    }
}

const TARGETS: [Target; 6] = [
    Target::Neutral,
    Target::Positive,
    Target::TopBand,
    Target::FinalScore(50.0),
    Target::FinalScore(80.5),
    Target::FinalScore(100.0),
];

#[test]
fn goal_seeking_returns_the_true_minimum_on_the_whole_grid() {
    let rs = rules();
    let mut checked = 0;
    for (name, s) in cases() {
        let y = year(&rs, s.performance_year);
        let now = score_numbers(&s, y);
        for c in Category::ALL {
            // Brute force: every score 0.00 … 100.00.
            let mut probe = s.clone();
            let grid: Vec<ScoreResult> = (0..=10_000u32)
                .map(|k| {
                    probe.scores.set(c, Some(f64::from(k) / 100.0));
                    score_numbers(&probe, y)
                })
                .collect();
            let lv = lever(&s, y, c);
            for t in TARGETS {
                let answer = points_needed(&s, y, c, t).expect("valid target");
                let first = grid
                    .iter()
                    .position(|r| reached_independently(y, t, r))
                    .map(|k| k as f64 / 100.0);
                let reached_now = reached_independently(y, t, &now);
                let ctx = format!("{name} / {c:?} / {t:?}: {:?}", answer.need);
                if lv.is_flat() && !lv.scored_for_analysis {
                    // The category does not count: every grid point is as things stand.
                    assert!(
                        grid.iter()
                            .all(|r| reached_independently(y, t, r) == reached_now),
                        "{ctx}: flat category changed the answer"
                    );
                    match answer.need {
                        Need::AlreadyReached { lowest_score } => {
                            assert!(reached_now, "{ctx}");
                            assert_eq!(lowest_score, None, "{ctx}");
                        }
                        Need::NotReachable { .. } => assert!(!reached_now, "{ctx}"),
                        Need::Needs { .. } => panic!("{ctx}: a flat category cannot need points"),
                    }
                } else {
                    match answer.need {
                        Need::AlreadyReached { lowest_score } => {
                            assert!(reached_now, "{ctx}");
                            assert_eq!(lowest_score, first, "{ctx}");
                        }
                        Need::Needs { score } => {
                            assert!(!reached_now, "{ctx}");
                            assert_eq!(Some(score), first, "{ctx}");
                            let at = answer.at.expect("a point at the minimum");
                            assert_eq!(at.score, score, "{ctx}");
                        }
                        Need::NotReachable { final_score_at_100 } => {
                            assert!(!reached_now, "{ctx}");
                            assert_eq!(first, None, "{ctx}");
                            assert_eq!(final_score_at_100, grid[10_000].final_score, "{ctx}");
                            assert!(answer.summary.contains("not reachable"), "{ctx}");
                        }
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 1500, "only {checked} answers checked");
}

#[test]
fn all_points_needed_matches_one_by_one() {
    let rs = rules();
    for (name, s) in cases() {
        let y = year(&rs, s.performance_year);
        let targets = [
            Target::Neutral,
            Target::Positive,
            Target::TopBand,
            Target::FinalScore(85.0),
        ];
        let all = all_points_needed(&s, y, &targets).expect("valid targets");
        assert_eq!(all.len(), 16, "{name}");
        for (i, a) in all.iter().enumerate() {
            let c = Category::ALL[i / 4];
            let one = points_needed(&s, y, c, targets[i % 4]).unwrap();
            assert_eq!(a, &one, "{name} #{i}");
        }
    }
}

#[test]
fn sweeps_never_fall_as_a_score_rises() {
    let rs = rules();
    let range = SweepSpan {
        from: 0.0,
        to: 100.0,
        step: 0.25,
    };
    for (name, s) in cases() {
        let y = year(&rs, s.performance_year);
        for c in Category::ALL {
            let sw = sweep(&s, y, c, &range).expect("valid range");
            assert_eq!(sw.points.len(), 401, "{name}");
            for w in sw.points.windows(2) {
                let (a, b) = (&w[0].point, &w[1].point);
                let ctx = format!("{name} / {c:?} at {} → {}", a.score, b.score);
                assert!(b.final_score >= a.final_score, "{ctx}: final score fell");
                assert!(b.band >= a.band, "{ctx}: band fell");
                assert!(
                    b.adjustment_percent >= a.adjustment_percent - 1e-12,
                    "{ctx}: adjustment fell"
                );
                assert_eq!(w[1].band_change, a.band != b.band, "{ctx}");
            }
            if sw.lever.is_flat() {
                let first = sw.points[0].point;
                assert!(
                    sw.points
                        .iter()
                        .all(|p| p.point.final_score == first.final_score),
                    "{name} / {c:?}: flat lever but the line moves"
                );
            } else {
                let (lo, hi) = (sw.points[0].point, sw.points[400].point);
                assert!(
                    hi.final_score > lo.final_score,
                    "{name} / {c:?}: live lever but flat"
                );
            }
        }
    }
}

#[test]
fn sweep_points_are_the_engine_scoring_the_changed_scenario() {
    let rs = rules();
    let s = small(scenario(2024, Some(91.34), Some(60.375), Some(100.0), None));
    let y = year(&rs, 2024);
    let sw = sweep(
        &s,
        y,
        Category::PromotingInteroperability,
        &SweepSpan::default(),
    )
    .unwrap();
    assert!(sw.lever.scored_for_analysis, "PI is not scored now");
    assert_eq!(sw.lever.weights.to_string(), "30/30/15/25");
    assert!(sw.lever.statement().unwrap().contains("not scored now"));
    assert_eq!(sw.points.len(), 101);
    for p in &sw.points {
        let mut t = s.clone();
        t.scores.promoting_interoperability = Some(p.point.score);
        let r = score_numbers(&t, y);
        assert_eq!(p.point.final_score, r.final_score);
        assert_eq!(p.point.adjustment_percent, r.payment_adjustment_percent);
        assert_eq!(p.point.dollars, r.dollar_impact);
    }
    // The scenario as it stands is not on the sweep (PI is not scored now).
    assert_eq!(sw.now.score, None);
    assert_eq!(sw.performance_year, 2024);
    assert_eq!(sw.payment_year, 2026);
}

#[test]
fn py2024_cost_sweep_kink_at_a_quarter_of_the_threshold() {
    // Quality 10, IA 20, PI 16 contribute 3 + 3 + 4 = 10; the final score is 10 + 0.3 × cost.
    // Published 18.76 needs 18.755: cost 29.1833…, so 29.19 on the 0.01 grid.
    let rs = rules();
    let y = year(&rs, 2024);
    let s = scenario(2024, Some(10.0), Some(0.0), Some(20.0), Some(16.0));
    let sw = sweep(
        &s,
        y,
        Category::Cost,
        &SweepSpan {
            from: 0.0,
            to: 100.0,
            step: 0.01,
        },
    )
    .unwrap();
    assert_eq!(sw.points.len(), 10_001);
    let changes: Vec<_> = sw.points.iter().filter(|p| p.band_change).collect();
    assert_eq!(changes.len(), 1, "only the floor edge is crossed");
    let edge = changes[0].point;
    assert!(close(edge.score, 29.19, 1e-9), "edge at {}", edge.score);
    assert_eq!(edge.band, Band::Negative);
    assert_eq!(edge.final_score_published, 18.76);
    let before = sw
        .points
        .iter()
        .find(|p| close(p.point.score, 29.18, 1e-9))
        .unwrap()
        .point;
    assert_eq!(before.band, Band::MaxNegative);
    assert_eq!(before.adjustment_percent, -9.0);
    // The published 18.76 (not the weighted 18.757) sets the adjustment: −6.7488%.
    assert!(close(
        edge.adjustment_percent,
        -9.0 * (75.0 - 18.76) / 75.0,
        1e-9
    ));
    // Flat at −9% below the edge, rising after.
    assert!(
        sw.points[..2918]
            .iter()
            .all(|p| p.point.adjustment_percent == -9.0)
    );
    assert!(edge.adjustment_percent > -6.76);
    // The band edges say the same, to 0.01.
    let edges = band_edges(&s, y, Category::Cost);
    assert_eq!(edges.len(), 1);
    assert_eq!((edges[0].band, edges[0].score), (Band::Negative, 29.19));
    // The marginal value at cost 0 states the kink, and where it ends.
    let m = marginal_value(&s, y, Category::Cost);
    assert_eq!(m.adjustment_points, 0.0);
    assert!(close(m.final_score_points, 0.3, 1e-9));
    let note = m.notes.join(" | ");
    assert!(note.contains("below PT/4"), "{note}");
    assert!(
        note.contains("worth nothing until the final score reaches 18.76"),
        "{note}"
    );
    assert!(note.contains("Cost 29.19"), "{note}");
}

#[test]
fn py2024_cost_sweep_kink_at_the_threshold() {
    // Quality 80, IA 100, PI 60 contribute 24 + 15 + 15 = 54; the final score is 54 + 0.3 × cost.
    // Published 75.00 from 74.995 (cost 69.99), published 75.01 from 75.005 (cost 70.02).
    let rs = rules();
    let y = year(&rs, 2024);
    let s = scenario(2024, Some(80.0), Some(50.0), Some(100.0), Some(60.0));
    let edges = band_edges(&s, y, Category::Cost);
    let found: Vec<(Band, f64)> = edges.iter().map(|e| (e.band, e.score)).collect();
    assert_eq!(
        found,
        vec![(Band::Neutral, 69.99), (Band::Positive, 70.02)],
        "{edges:?}"
    );
    let sw = sweep(
        &s,
        y,
        Category::Cost,
        &SweepSpan {
            from: 69.9,
            to: 70.1,
            step: 0.01,
        },
    )
    .unwrap();
    let at = |v: f64| {
        sw.points
            .iter()
            .find(|p| close(p.point.score, v, 1e-9))
            .unwrap()
            .point
    };
    assert_eq!(at(69.98).band, Band::Negative);
    assert!(at(69.98).adjustment_percent < 0.0);
    assert_eq!(at(69.99).band, Band::Neutral);
    assert_eq!(at(70.01).adjustment_percent, 0.0);
    assert_eq!(at(70.02).band, Band::Positive);
    assert!(at(70.02).adjustment_percent > 0.0);
    // Neutral target: cost 69.99; positive: 70.02 — goal seeking agrees with the sweep.
    let n = points_needed(&s, y, Category::Cost, Target::Neutral).unwrap();
    assert_eq!(n.need, Need::Needs { score: 69.99 });
    let p = points_needed(&s, y, Category::Cost, Target::Positive).unwrap();
    assert_eq!(p.need, Need::Needs { score: 70.02 });
    // At the threshold the next point starts the positive scale.
    let mut t = s.clone();
    t.scores.cost = Some(70.0);
    let m = marginal_value(&t, y, Category::Cost);
    assert!(
        m.notes
            .iter()
            .any(|n| n.contains("at the threshold the next point starts the positive scale")),
        "{:?}",
        m.notes
    );
    assert!(m.adjustment_points > 0.0);
}

#[test]
fn py2024_one_sweep_crosses_both_kinks_when_a_category_weighs_enough() {
    // No PY2024 weight row gives cost more than 50%, so one cost sweep spans at most 50
    // final-score points and cannot cross both 18.75 and 75 (56.25 apart). Quality weighs 85%
    // when cost and PI are not scored: one quality sweep crosses both.
    let rs = rules();
    let y = year(&rs, 2024);
    let max_cost_weight = y
        .weight_rows
        .iter()
        .map(|r| r.weights.cost)
        .fold(0.0, f64::max);
    assert!(max_cost_weight < 56.25);
    let s = scenario(2024, Some(0.0), None, Some(100.0), None);
    let edges = band_edges(&s, y, Category::Quality);
    let bands: Vec<Band> = edges.iter().map(|e| e.band).collect();
    assert_eq!(
        bands,
        vec![
            Band::Negative,
            Band::Neutral,
            Band::Positive,
            Band::Positive89Plus
        ]
    );
    for e in &edges {
        let mut below = s.clone();
        below.scores.quality = Some(e.score - 0.01);
        assert!(score_numbers(&below, y).band < e.band, "{e:?}");
        assert!(e.at.band >= e.band);
    }
    // 15 + 0.85 × q: 18.755 at 4.4176 → 4.42; 74.995 at 70.5824 → 70.59; 88.995 at 87.0529 → 87.06.
    assert_eq!(edges[0].score, 4.42);
    assert_eq!(edges[1].score, 70.59);
    assert_eq!(edges[3].score, 87.06);
}

#[test]
fn flat_lines_where_the_rules_ignore_a_category() {
    let rs = rules();
    let check = |s: &Scenario, c: Category, kind: FlatKind, words: &str| {
        let y = year(&rs, s.performance_year);
        let sw = sweep(s, y, c, &SweepSpan::default()).unwrap();
        let flat = sw
            .lever
            .flat
            .clone()
            .unwrap_or_else(|| panic!("{c:?} should be flat"));
        assert_eq!(flat.kind, kind);
        assert!(flat.reason.contains(words), "{}", flat.reason);
        let fs = sw.points[0].point.final_score;
        assert!(sw.points.iter().all(|p| p.point.final_score == fs));
        assert!(sw.band_edges.is_empty());
        let m = marginal_value(s, y, c);
        assert_eq!(m.kind, MarginalKind::Flat);
        assert_eq!(m.final_score_points, 0.0);
        assert!(m.notes[0].contains("worth nothing"));
    };
    let a = app(scenario(
        2024,
        Some(70.0),
        Some(40.0),
        Some(0.0),
        Some(80.0),
    ));
    check(
        &a,
        Category::Cost,
        FlatKind::WeightedZero,
        "weighted 0 under the APM Performance Pathway",
    );
    check(
        &a,
        Category::ImprovementActivities,
        FlatKind::FixedScore,
        "full credit",
    );
    let py17 = scenario(2017, Some(70.0), Some(40.0), Some(50.0), Some(80.0));
    check(
        &py17,
        Category::Cost,
        FlatKind::WeightedZero,
        "weighted 0 in PY2017",
    );
    let mut nr = scenario(2024, Some(50.0), Some(70.0), Some(50.0), Some(50.0));
    nr.practice.reporting = false;
    check(&nr, Category::Quality, FlatKind::FixedScore, "not reported");
    check(
        &nr,
        Category::ImprovementActivities,
        FlatKind::FixedScore,
        "not reported",
    );
    check(
        &nr,
        Category::PromotingInteroperability,
        FlatKind::FixedScore,
        "not reported",
    );
    let nr_small = small(nr.clone());
    check(
        &nr_small,
        Category::PromotingInteroperability,
        FlatKind::NeverScored,
        "reweighted automatically",
    );
    let one = scenario(2021, Some(95.0), None, None, None);
    check(
        &one,
        Category::Quality,
        FlatKind::FewerThanTwoScored,
        "Fewer than two categories scored",
    );
    // Cost is computed from claims even for a non-reporting clinician: not flat.
    assert!(!lever(&nr, year(&rs, 2024), Category::Cost).is_flat());
}

#[test]
fn marginal_values_state_the_kinks() {
    let rs = rules();
    let y = year(&rs, 2024);
    // Capped at 100.
    let capped = cpb(
        scenario(2024, Some(100.0), Some(100.0), Some(100.0), Some(90.0)),
        10.0,
    );
    let m = marginal_value(&capped, y, Category::PromotingInteroperability);
    assert_eq!(m.kind, MarginalKind::Scored);
    assert_eq!(m.final_score_points, 0.0);
    assert!(
        m.notes
            .iter()
            .any(|n| n.contains("capped at 100: a point is worth nothing"))
    );
    let top = marginal_value(&capped, y, Category::Quality);
    assert_eq!(top.kind, MarginalKind::AtMaximum);
    // Fewer than two categories scored.
    let one = scenario(2024, Some(60.0), None, None, None);
    let all = marginal_values(&one, y);
    assert_eq!(all.len(), 4);
    assert_eq!(all[0].kind, MarginalKind::Flat);
    assert!(all[0].notes[0].contains("final score is fixed at the threshold"));
    assert_eq!(all[1].kind, MarginalKind::NotScored);
    // Crossing the threshold from below.
    let s = scenario(2024, Some(74.8), Some(74.8), Some(74.8), Some(74.8));
    let m = marginal_value(&s, y, Category::Quality);
    assert!(
        m.notes
            .iter()
            .any(|n| n.contains("crosses the threshold 75")),
        "{:?}",
        m.notes
    );
    // The linear negative scale: 0.3 final-score points × 9/75 per point = 0.036 pp.
    let s = scenario(2024, Some(50.0), Some(50.0), Some(50.0), Some(50.0));
    let m = marginal_value(&s, y, Category::Cost);
    assert!(close(m.final_score_points, 0.3, 1e-9));
    assert!(close(m.adjustment_points, 0.036, 1e-9));
    assert!(close(m.dollars.unwrap(), 360.0, 1e-6));
    assert!(m.notes.is_empty(), "{:?}", m.notes);
    // Only what is left to 100.
    let s = scenario(2024, Some(99.5), Some(50.0), Some(50.0), Some(50.0));
    let m = marginal_value(&s, y, Category::Quality);
    assert_eq!(m.step, 0.5);
    // The exceptional bonus starts at the additional threshold (PY2021: 85).
    let y21 = year(&rs, 2021);
    let s = scenario(2021, Some(84.8), Some(84.8), Some(84.8), Some(84.8));
    let m = marginal_value(&s, y21, Category::Quality);
    assert!(
        m.notes
            .iter()
            .any(|n| n.contains("additional performance threshold 85")),
        "{:?}",
        m.notes
    );
    // The 89+ split from PY2023.
    let s = scenario(2024, Some(88.8), Some(88.8), Some(88.8), Some(88.8));
    let m = marginal_value(&s, y, Category::Quality);
    assert!(
        m.notes.iter().any(|n| n.contains("89+ band")),
        "{:?}",
        m.notes
    );
    // The IA floor of MIPS APM participants.
    let mut apm = scenario(2024, Some(70.0), Some(60.0), Some(20.0), Some(80.0));
    apm.practice.participation = Participation::ApmEntity;
    let m = marginal_value(&apm, y, Category::ImprovementActivities);
    assert_eq!(m.final_score_points, 0.0);
    assert!(
        m.notes
            .iter()
            .any(|n| n.contains("points below 50 are worth nothing")),
        "{:?}",
        m.notes
    );
}

#[test]
fn targets_parse_and_resolve_per_year() {
    assert_eq!("neutral".parse::<Target>().unwrap(), Target::Neutral);
    assert_eq!("positive".parse::<Target>().unwrap(), Target::Positive);
    assert_eq!("89".parse::<Target>().unwrap(), Target::TopBand);
    assert_eq!("89.0".parse::<Target>().unwrap(), Target::FinalScore(89.0));
    assert_eq!("80.5".parse::<Target>().unwrap(), Target::FinalScore(80.5));
    for bad in ["120", "-1", "NaN", "inf", "abc", ""] {
        assert!(bad.parse::<Target>().is_err(), "{bad} accepted");
    }
    let e = "120".parse::<Target>().unwrap_err();
    assert!(e.to_string().contains("not a final score"), "{e}");

    let rs = rules();
    let t = resolve_target(year(&rs, 2018), Target::TopBand).unwrap();
    assert_eq!(t.final_score, 70.0);
    assert!(t.name.contains("exceptional performance bonus"));
    assert!(t.note.as_deref().unwrap().contains("not 89"));
    let t = resolve_target(year(&rs, 2022), Target::TopBand).unwrap();
    assert_eq!(t.final_score, 89.0);
    assert!(t.note.as_deref().unwrap().contains("also 89"));
    let t = resolve_target(year(&rs, 2024), Target::TopBand).unwrap();
    assert!(t.name.contains("89+ band"));
    let t = resolve_target(year(&rs, 2024), Target::Positive).unwrap();
    assert_eq!(t.final_score, 75.01);
    assert!(resolve_target(year(&rs, 2024), Target::FinalScore(120.0)).is_err());
    assert!(resolve_target(year(&rs, 2024), Target::FinalScore(f64::NAN)).is_err());
}

#[test]
fn unreachable_targets_say_so() {
    let rs = rules();
    let y = year(&rs, 2024);
    let s = scenario(2024, Some(5.0), Some(10.0), Some(0.0), Some(0.0));
    for c in Category::ALL {
        let a = points_needed(&s, y, c, Target::Neutral).unwrap();
        let Need::NotReachable { final_score_at_100 } = a.need else {
            panic!("{c:?}: {:?}", a.need)
        };
        assert!(final_score_at_100 < 75.0);
        assert!(a.summary.starts_with("not reachable with"), "{}", a.summary);
        assert!(a.summary.contains("at 100"), "{}", a.summary);
    }
    let a = points_needed(&s, y, Category::Cost, Target::Neutral).unwrap();
    assert_eq!(
        a.summary,
        "not reachable with Cost alone (max 31.50 at 100)"
    );
    // Flat: the reason is given.
    let a = app(scenario(
        2024,
        Some(50.0),
        Some(40.0),
        Some(0.0),
        Some(50.0),
    ));
    let r = points_needed(&a, y, Category::Cost, Target::Neutral).unwrap();
    assert!(r.summary.contains("weighted 0"), "{}", r.summary);
}

#[test]
fn already_reached_reports_the_room_left() {
    let rs = rules();
    let y = year(&rs, 2024);
    let s = scenario(2024, Some(90.0), Some(80.0), Some(100.0), Some(100.0));
    let a = points_needed(&s, y, Category::Cost, Target::Neutral).unwrap();
    // 27 + 15 + 25 = 67 without cost; 75 needs 0.3 × cost ≥ 7.995 → 26.65.
    assert_eq!(
        a.need,
        Need::AlreadyReached {
            lowest_score: Some(26.65)
        }
    );
    assert!(a.summary.contains("could fall to 26.65"), "{}", a.summary);
    // The PY2018 small-practice bonus (+5 on the final score) counts in goal seeking.
    let y18 = year(&rs, 2018);
    let big = scenario(2018, Some(10.0), Some(10.0), Some(0.0), Some(0.0));
    let sm = small(big.clone());
    let nb = points_needed(&big, y18, Category::Quality, Target::FinalScore(40.0)).unwrap();
    let ns = points_needed(&sm, y18, Category::Quality, Target::FinalScore(40.0)).unwrap();
    // 0.5 q + 1 ≥ 40 → 78; with +5: 0.5 q + 6 ≥ 40 → 68.
    assert_eq!(nb.need, Need::Needs { score: 78.0 });
    assert_eq!(ns.need, Need::Needs { score: 68.0 });
    // The complex patient bonus too.
    let with_cpb = cpb(big, 5.0);
    let nc = points_needed(&with_cpb, y18, Category::Quality, Target::FinalScore(40.0)).unwrap();
    assert_eq!(nc.need, Need::Needs { score: 68.0 });
}

#[test]
fn uncertainty_range_is_ordered_and_zero_width_below_the_threshold() {
    let rs = rules();
    let band = MaxRange::embedded().expect("embedded band is valid");
    for y in rs.years() {
        for fs in [
            0.0, 10.0, 18.75, 18.76, 40.0, 59.99, 60.0, 70.0, 74.99, 75.0, 75.01, 80.0, 85.0, 89.0,
            95.0, 100.0,
        ] {
            let s = scenario(y.performance_year, Some(fs), Some(fs), Some(fs), Some(fs));
            let r = score_numbers(&s, y);
            let u = adjustment_range(&s, y, &band);
            let ctx = format!("PY{} fs {fs}: {u:?}", y.performance_year);
            assert_eq!(u.point_percent, r.payment_adjustment_percent, "{ctx}");
            assert_eq!(u.payment_year, y.payment_year, "{ctx}");
            match u.kind {
                RangeKind::Positive if !u.primary => {
                    // CMS published this year's maximum: the published figure only.
                    assert!(y.max_positive_adjustment.is_some(), "{ctx}");
                    assert!(!u.shows_range() && !u.hypothetical, "{ctx}");
                    assert_eq!(
                        (u.low_percent, u.high_percent),
                        (u.point_percent, u.point_percent),
                        "{ctx}"
                    );
                    assert!(u.statement.contains("no range"), "{ctx}");
                    if let Some(total) = y.published_total_max {
                        assert!(u.high_percent <= total + 1e-9, "{ctx}");
                    }
                    // On request, a what-if labelled hypothetical, and only where the
                    // published maximum has no exceptional bonus in it.
                    let asked = band.with_bounds(Some(0.5), Some(3.0)).unwrap();
                    let h = adjustment_range(&s, y, &asked);
                    if y.exceptional_bonus.is_none() {
                        assert!(h.hypothetical && h.shows_range(), "{ctx}");
                        assert!(h.low_percent < h.point_percent, "{ctx}");
                        assert!(h.point_percent < h.high_percent, "{ctx}");
                        assert!(h.statement.contains("Hypothetical"), "{ctx}");
                    } else {
                        assert!(!h.shows_range(), "{ctx}");
                        assert_eq!(h.high_percent, u.point_percent, "{ctx}");
                    }
                }
                RangeKind::Positive => {
                    assert!(u.shows_range() && !u.hypothetical, "{ctx}");
                    assert!(u.low_percent <= u.point_percent, "{ctx}");
                    assert!(u.point_percent <= u.high_percent, "{ctx}");
                    assert!(u.low_percent < u.high_percent, "{ctx}");
                    assert!(
                        u.max_low <= u.max_point && u.max_point <= u.max_high,
                        "{ctx}"
                    );
                    // Only the base maximum varies: the exceptional bonus is as published.
                    let exc = r.exceptional_bonus_max.unwrap_or(0.0);
                    let lo = adjustment_for(y, r.final_score, u.max_low, exc);
                    assert_eq!(lo.exceptional, r.exceptional_bonus_percent, "{ctx}");
                    assert_eq!(u.primary, y.max_positive_adjustment.is_none(), "{ctx}");
                }
                RangeKind::Negative => {
                    assert!(u.point_percent < 0.0, "{ctx}");
                    assert_eq!(
                        (u.low_percent, u.high_percent),
                        (u.point_percent, u.point_percent),
                        "{ctx}"
                    );
                    assert!(u.statement.contains("set by statute"), "{ctx}");
                }
                RangeKind::Neutral => {
                    assert_eq!(
                        (u.low_percent, u.point_percent, u.high_percent),
                        (0.0, 0.0, 0.0),
                        "{ctx}"
                    );
                }
            }
            // Dollar twins for every figure.
            for (d, p) in [
                (u.point_dollars, u.point_percent),
                (u.low_dollars, u.low_percent),
                (u.high_dollars, u.high_percent),
            ] {
                assert!(close(d.expect("dollars"), p * 10_000.0, 1e-6), "{ctx}");
            }
        }
    }
    // PY2025: the range is the primary figure, 1.05%–2.34% at 100.
    let y25 = year(&rs, 2025);
    let s = scenario(2025, Some(100.0), Some(100.0), Some(100.0), Some(100.0));
    let u = adjustment_range(&s, y25, &band);
    assert!(u.primary && !u.max_published && !u.widened);
    assert!(close(u.low_percent, 1.05, 1e-9) && close(u.high_percent, 2.34, 1e-9));
    assert!(u.statement.contains("not published"), "{}", u.statement);
    // PY2021 (published 2.34% at 100, base 0.12% + exceptional 2.22%): the published figure
    // only. The band's maxima are never put in place of its base, which would show more than
    // the 2.34% CMS paid at 100.
    let y21 = year(&rs, 2021);
    let s = scenario(2021, Some(100.0), Some(100.0), Some(100.0), Some(100.0));
    let u = adjustment_range(&s, y21, &band);
    assert!(!u.widened && u.max_published && !u.primary && !u.shows_range());
    assert!(close(u.point_percent, 2.34, 1e-9), "{u:?}");
    assert!(close(u.high_percent, 2.34, 1e-9), "{u:?}");
    // PY2017: never above its published 1.88% at 100, even when a band is asked for.
    let y17 = year(&rs, 2017);
    let s = scenario(2017, Some(100.0), Some(100.0), Some(100.0), Some(100.0));
    let asked = band.with_bounds(Some(1.0), Some(5.0)).unwrap();
    let u = adjustment_range(&s, y17, &asked);
    assert!(
        close(u.point_percent, 1.88, 1e-9) && close(u.high_percent, 1.88, 1e-9),
        "{u:?}"
    );
    assert!(u.statement.contains("1.88% at 100"), "{}", u.statement);
}

#[test]
fn the_default_band_is_the_published_range_of_recent_years() {
    let band = MaxRange::embedded().expect("embedded band is valid");
    assert_eq!((band.low, band.high), (1.05, 2.34));
    let lo = band
        .published
        .iter()
        .map(|p| p.max_at_100)
        .fold(f64::INFINITY, f64::min);
    let hi = band
        .published
        .iter()
        .map(|p| p.max_at_100)
        .fold(0.0, f64::max);
    assert_eq!((lo, hi), (band.low, band.high));
    assert!(
        band.published
            .iter()
            .all(|p| p.payment_year == p.performance_year + 2)
    );
    assert!(!band.source.is_empty());
    assert!(band.with_bounds(Some(3.0), Some(2.0)).is_err());
    assert!(band.with_bounds(Some(-1.0), None).is_err());
    let user = band.with_bounds(Some(0.5), None).unwrap();
    assert_eq!((user.low, user.high), (0.5, 2.34));
    assert!(
        MaxRange::parse(
            "x.toml",
            "[max_positive_at_100]\nlow = 2\nhigh = 1\nconfidence = \"likely\"\nsource = \"s\"\n"
        )
        .is_err()
    );
    assert!(MaxRange::parse("x.toml", "nonsense").is_err());
}

#[test]
fn sweep_ranges_are_checked() {
    let rs = rules();
    let y = year(&rs, 2024);
    let s = scenario(2024, Some(50.0), Some(50.0), Some(50.0), Some(50.0));
    let bad = [
        (0.0, 100.0, 0.0, "step"),
        (0.0, 100.0, -1.0, "step"),
        (0.0, 100.0, f64::NAN, "step"),
        (0.0, 100.0, 0.001, "step"),
        (60.0, 40.0, 1.0, "from"),
        (-5.0, 40.0, 1.0, "from"),
        (0.0, 120.0, 1.0, "to"),
        (f64::NAN, 10.0, 1.0, "from"),
    ];
    for (from, to, step, option) in bad {
        let e = sweep(&s, y, Category::Cost, &SweepSpan { from, to, step }).unwrap_err();
        assert_eq!(e.option, option, "{from} {to} {step}: {e}");
    }
    // The end is always included; noise-free scores.
    let r = SweepSpan {
        from: 0.0,
        to: 1.0,
        step: 0.3,
    };
    assert_eq!(r.scores(), vec![0.0, 0.3, 0.6, 0.9, 1.0]);
    let r = SweepSpan {
        from: 42.0,
        to: 42.0,
        step: 5.0,
    };
    assert_eq!(r.scores(), vec![42.0]);
    assert_eq!(
        SweepSpan {
            from: 0.0,
            to: 100.0,
            step: 0.01
        }
        .scores()
        .len(),
        10_001
    );
}

mod any_input {
    use super::*;
    use proptest::prelude::*;

    fn any_score() -> impl Strategy<Value = Option<f64>> {
        prop_oneof![
            Just(None),
            (0u32..=10_000).prop_map(|k| Some(f64::from(k) / 100.0)),
            (0.0..=100.0f64).prop_map(Some),
            prop::sample::select(vec![
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                -5.0,
                150.0
            ])
            .prop_map(Some),
        ]
    }

    fn any_target() -> impl Strategy<Value = Target> {
        prop_oneof![
            Just(Target::Neutral),
            Just(Target::Positive),
            Just(Target::TopBand),
            (0u32..=10_000).prop_map(|k| Target::FinalScore(f64::from(k) / 100.0)),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        /// Whatever the scenario (even one the checker would refuse), nothing panics, and
        /// every minimum found is the minimum: reached there, not 0.01 below.
        #[test]
        fn nothing_panics_and_every_minimum_is_tight(
            performance_year in 2017u16..=2026,
            scores in (any_score(), any_score(), any_score(), any_score()),
            clinicians in 0u32..40,
            reporting in any::<bool>(),
            option in 0usize..3,
            participation in 0usize..5,
            cpb in prop::sample::select(vec![0.0, 2.5, 5.0, 10.0, 15.0, -1.0, f64::NAN]),
            charges in prop::option::of(0.0..5e6f64),
            max_positive in prop::option::of(prop::sample::select(vec![0.0, 0.5, 2.0, 27.0, 99.0, f64::NAN])),
            target in any_target(),
            range in (-10.0..110.0f64, -10.0..110.0f64, -1.0..30.0f64),
        ) {
            let rs = rules();
            let y = year(&rs, performance_year);
            let mut s = scenario(performance_year, scores.0, scores.1, scores.2, scores.3);
            s.practice.clinicians = clinicians;
            s.practice.reporting = reporting;
            s.reporting_option = ReportingOption::ALL[option];
            s.practice.participation = Participation::ALL[participation];
            s.complex_patient_bonus = cpb;
            s.practice.part_b_allowed_charges = charges;
            s.assumptions.max_positive_adjustment = max_positive;

            let band = MaxRange::embedded().unwrap();
            let u = adjustment_range(&s, y, &band);
            prop_assert!(u.low_percent <= u.point_percent && u.point_percent <= u.high_percent);
            let ms = marginal_values(&s, y);
            prop_assert_eq!(ms.len(), 4);
            for m in &ms {
                prop_assert!(m.final_score_points >= 0.0 && m.adjustment_points >= -1e-12);
            }
            let r = SweepSpan { from: range.0, to: range.1, step: range.2 };
            for c in Category::ALL {
                if let Ok(sw) = sweep(&s, y, c, &r) {
                    prop_assert!(!sw.points.is_empty());
                }
                let a = points_needed(&s, y, c, target).unwrap();
                if let Need::Needs { score } = a.need {
                    let mut t = s.clone();
                    t.scores.set(c, Some(score));
                    prop_assert!(reached_independently(y, target, &score_numbers(&t, y)));
                    if score > 0.0 {
                        t.scores.set(c, Some(((score * 100.0).round() - 1.0) / 100.0));
                        prop_assert!(!reached_independently(y, target, &score_numbers(&t, y)));
                    }
                }
            }
        }
    }
}

#[test]
fn the_overview_is_its_parts() {
    let rs = rules();
    let s = Scenario::default_group();
    let y = year(&rs, 2024);
    let band = MaxRange::embedded().unwrap();
    let targets = [
        Target::Neutral,
        Target::Positive,
        Target::TopBand,
        Target::FinalScore(95.0),
    ];
    let o = mips_whatif::sensitivity::overview(&s, y, &targets, &band).unwrap();
    assert_eq!(o.marginal, marginal_values(&s, y));
    assert_eq!(o.points_needed, all_points_needed(&s, y, &targets).unwrap());
    assert_eq!(o.uncertainty, adjustment_range(&s, y, &band));
    assert!(
        mips_whatif::sensitivity::overview(&s, y, &[Target::FinalScore(101.0)], &band).is_err()
    );
}
