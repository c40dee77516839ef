//! Properties of the category builders over every year's CMS benchmarks.

use mips_whatif::builders::cost::{self, CostInput, CostMeasureInput, CostValue};
use mips_whatif::builders::quality::{
    self, MeasureSet, Performance, QualityInput, QualityMeasureInput,
};
use mips_whatif::builders::{Context, MeasureScore};
use mips_whatif::measures::{self, Benchmark, CollectionType};
use mips_whatif::scenario::{Participation, ReportingOption};
use proptest::prelude::*;

fn context(year: u16, clinicians: u32) -> Context {
    Context {
        performance_year: year,
        clinicians,
        participation: Participation::Group,
        reporting_option: ReportingOption::Traditional,
        special_status: clinicians <= 15,
        reports_quality_and_pi: true,
    }
}

/// Any practice: size, participation and reporting option drawn from `pick`.
fn any_context(year: u16, pick: usize) -> Context {
    let participation = Participation::ALL[pick % Participation::ALL.len()];
    let reporting_option = match participation {
        Participation::Subgroup => ReportingOption::Mvp,
        Participation::ApmEntity if (pick / 5).is_multiple_of(2) => ReportingOption::App,
        _ if year >= 2023 && (pick / 7).is_multiple_of(3) => ReportingOption::Mvp,
        _ => ReportingOption::Traditional,
    };
    let clinicians = [1, 10, 15, 16, 30, 200][pick / 11 % 6];
    Context {
        performance_year: year,
        clinicians,
        participation,
        reporting_option,
        special_status: clinicians <= 15 || (pick / 13).is_multiple_of(4),
        reports_quality_and_pi: true,
    }
}

fn is_cost(year: u16, b: &Benchmark) -> bool {
    measures::year(year).unwrap().cost_measure(&b.id).is_some()
}

/// A quality benchmark row of a year, of any collection type (claims, MIPS CQM, eCQM, CMS Web
/// Interface, the CAHPS survey's summary measures, administrative claims); not cost.
fn quality_row(year: u16, pick: usize) -> Option<&'static Benchmark> {
    let data = measures::year(year).unwrap();
    let rows: Vec<&Benchmark> = data
        .benchmarks
        .iter()
        .filter(|b| !is_cost(year, b))
        .collect();
    (!rows.is_empty()).then(|| rows[pick % rows.len()])
}

/// A rate across the row's whole range (administrative-claims rates are fractions of a
/// percent): `share` of the way from 0 to a little past the highest bound, at most 100.
fn rate_in_range(b: &Benchmark, share: f64) -> f64 {
    let top = match &b.values {
        measures::BenchmarkValues::Percentiles(p) => p.iter().copied().fold(0.0, f64::max),
        measures::BenchmarkValues::Deciles(d) => d.iter().copied().fold(0.0, f64::max),
    };
    share * (top * 1.2).clamp(1.0, 100.0)
}

fn measure_points(year: u16, b: &Benchmark, rate: f64, ctx: &Context) -> MeasureScore {
    let data = measures::year(year).unwrap();
    quality::benchmarked_points(year, b, data.quality_measure(&b.id), rate, ctx)
}

/// Whether a benchmark's points are held at 7 for this practice.
fn capped(year: u16, b: &Benchmark, ctx: &Context) -> bool {
    let app = ctx.reporting_option == ReportingOption::App;
    match year {
        ..=2017 => false,
        2018 => b.topped_out && ["021", "023", "052", "224", "262", "359"].contains(&b.id.as_str()),
        _ => {
            b.topped_out_by_program
                && b.collection_type != CollectionType::CmsWebInterface
                && !app
                && !(year >= 2025 && b.seven_point_cap_removed)
        }
    }
}

/// Quality measure inputs from drawn (row, share of its range, data completeness, cases).
fn quality_inputs(year: u16, picks: &[(usize, f64, f64, u32)]) -> Vec<QualityMeasureInput> {
    let mut measures = Vec::new();
    for &(pick, share, dc, cases) in picks {
        if let Some(b) = quality_row(year, pick) {
            measures.push(QualityMeasureInput {
                id: b.id.clone(),
                collection_type: b.collection_type,
                performance: Performance::Rate(rate_in_range(b, share)),
                data_completeness: Some(dc),
                cases: Some(cases * 10),
                end_to_end: None,
            });
        }
    }
    measures
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn quality_points_stay_between_the_year_floor_and_10_and_under_the_cap(
        year in 2017u16..=2026, pick in any::<usize>(), who in any::<usize>(), share in 0.0f64..=1.0,
    ) {
        if let Some(b) = quality_row(year, pick) {
            let ctx = any_context(year, who);
            let rate = rate_in_range(b, share);
            let s = measure_points(year, b, rate, &ctx);
            let floor = quality::year_parameters(year).floor;
            prop_assert!(s.points >= floor && s.points <= 10.0, "{} {:?}: {}", b.id, b.collection_type, s.points);
            if capped(year, b, &ctx) {
                prop_assert!(s.points <= 7.0, "{} {:?} capped: {}", b.id, b.collection_type, s.points);
            }
        }
    }

    #[test]
    fn quality_points_never_fall_as_performance_improves(
        year in 2017u16..=2026, pick in any::<usize>(), who in any::<usize>(), a in 0.0f64..=1.0, b in 0.0f64..=1.0,
    ) {
        if let Some(row) = quality_row(year, pick) {
            let ctx = any_context(year, who);
            let (a, b) = (rate_in_range(row, a), rate_in_range(row, b));
            let (worse, better) = if row.inverse { (a.max(b), a.min(b)) } else { (a.min(b), a.max(b)) };
            let p_worse = measure_points(year, row, worse, &ctx).points;
            let p_better = measure_points(year, row, better, &ctx).points;
            prop_assert!(p_better >= p_worse, "{} {:?} inverse={}: {} at {} < {} at {}", row.id, row.collection_type, row.inverse, p_better, better, p_worse, worse);
        }
    }

    #[test]
    fn cost_points_stay_between_1_and_10_and_never_fall_as_cost_falls(
        year in 2018u16..=2026, pick in any::<usize>(), a in 0.0f64..=100_000.0, b in 0.0f64..=100_000.0,
    ) {
        let data = measures::year(year).unwrap();
        let rows: Vec<&Benchmark> = data.benchmarks.iter().filter(|r| is_cost(year, r)).collect();
        if rows.is_empty() {
            return Ok(());
        }
        let row = rows[pick % rows.len()];
        // Scale the cost to the row's range so every decile is reached.
        let top = match &row.values {
            measures::BenchmarkValues::Percentiles(p) => p[10],
            measures::BenchmarkValues::Deciles(d) => d[0],
        };
        let scale = top.max(1.0) * 1.2 / 100_000.0;
        let (low, high) = (a.min(b) * scale, a.max(b) * scale);
        let score = |c: f64| cost::score_measure(data, year, &CostMeasureInput { id: row.id.clone(), value: CostValue::Cost(c), cases: None });
        let p_low = score(low).points;
        let p_high = score(high).points;
        prop_assert!((1.0..=10.0).contains(&p_low) && (1.0..=10.0).contains(&p_high));
        prop_assert!(p_low >= p_high, "{}: {} at ${} < {} at ${}", row.id, p_low, low, p_high, high);
    }

    #[test]
    fn the_quality_category_stays_within_0_and_100(
        year in 2017u16..=2026,
        who in any::<usize>(),
        picks in proptest::collection::vec((any::<usize>(), 0.0f64..=1.0, 0.0f64..=100.0, 0u32..60), 0..10),
        options in (any::<bool>(), any::<bool>(), any::<bool>(), proptest::option::of((0.0f64..=100.0, 0.0f64..=100.0))),
    ) {
        let (plus, cahps, suppress, prior) = options;
        let measures = quality_inputs(year, &picks);
        let suppressed = if suppress { measures.iter().take(1).map(|m| m.id.clone()).collect() } else { Vec::new() };
        let input = QualityInput {
            measures,
            improvement: prior.map(|(a, c)| quality::QualityImprovementInput { prior_achievement_percent: a, prior_category_score: Some(c), prior_facility_based: false }),
            measure_set: plus.then_some(MeasureSet::AppPlus),
            cahps_sample_not_met: cahps,
            suppressed,
        };
        let data = measures::year(year).unwrap();
        let built = quality::build(data, &any_context(year, who), &input);
        if let Some(p) = built.percent {
            prop_assert!((0.0..=100.0).contains(&p), "{p}");
        }
        prop_assert!(built.bonus_points >= 0.0);
        prop_assert!(built.denominator >= 0.0);
    }

    #[test]
    fn the_quality_category_never_falls_as_one_measure_improves(
        year in 2017u16..=2026,
        who in any::<usize>(),
        picks in proptest::collection::vec((any::<usize>(), 0.0f64..=1.0, 0.0f64..=100.0, 0u32..60), 1..9),
        which in any::<usize>(),
        step in 0.0f64..=1.0,
    ) {
        let data = measures::year(year).unwrap();
        let ctx = any_context(year, who);
        let mut measures = quality_inputs(year, &picks);
        if measures.is_empty() {
            return Ok(());
        }
        let before = quality::build(data, &ctx, &QualityInput { measures: measures.clone(), ..Default::default() });
        let k = which % measures.len();
        let row = data.benchmark(&measures[k].id, measures[k].collection_type);
        let inverse = row.is_some_and(|r| r.inverse);
        if let Performance::Rate(r) = measures[k].performance {
            let better = if inverse { r * (1.0 - step) } else { r + (100.0 - r) * step };
            measures[k].performance = Performance::Rate(better);
        }
        let after = quality::build(data, &ctx, &QualityInput { measures, ..Default::default() });
        if let (Some(b), Some(a)) = (before.percent, after.percent) {
            prop_assert!(a + 1e-9 >= b, "{} {:?}: {b} → {a}", before.measures[k].id, before.measures[k].collection_type);
        }
    }

    #[test]
    fn the_cost_category_stays_within_0_and_100(
        year in 2018u16..=2026,
        picks in proptest::collection::vec((any::<usize>(), 0.0f64..=50_000.0), 0..6),
        prior in proptest::option::of(1.0f64..=100.0),
    ) {
        let data = measures::year(year).unwrap();
        let ids: Vec<&str> = data.cost.iter().map(|m| m.id.as_str()).collect();
        let measures = picks.into_iter().map(|(pick, c)| CostMeasureInput {
            id: ids[pick % ids.len()].to_string(), value: CostValue::Cost(c), cases: None,
        }).collect();
        let built = cost::build(data, &context(year, 30), &CostInput {
            measures,
            improvement: prior.map(|prior_percent| cost::CostImprovementInput { prior_percent }),
            ..Default::default()
        });
        if let Some(p) = built.percent {
            prop_assert!((10.0..=100.0).contains(&p), "{p}");
        }
    }
}

mod activities_and_interoperability {
    use mips_whatif::builders::Context;
    use mips_whatif::builders::improvement_activities::{
        self, Activities, ImprovementActivitiesInput,
    };
    use mips_whatif::builders::promoting_interoperability::{
        self, PiInput, PiMeasureInput, PiValue,
    };
    use mips_whatif::measures;
    use mips_whatif::scenario::{Participation, ReportingOption};
    use proptest::prelude::*;

    fn context(year: u16, special: bool) -> Context {
        Context {
            performance_year: year,
            clinicians: if special { 10 } else { 30 },
            participation: Participation::Group,
            reporting_option: ReportingOption::Traditional,
            special_status: special,
            reports_quality_and_pi: true,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn improvement_activities_stay_within_0_and_100_and_never_fall_with_one_more_activity(
            year in 2017u16..=2026, special in any::<bool>(), picks in proptest::collection::vec(any::<usize>(), 0..6),
        ) {
            let data = measures::year(year).unwrap();
            let ids: Vec<String> = data.improvement_activities.iter().map(|a| a.id.clone()).collect();
            let mut listed: Vec<String> = Vec::new();
            for p in picks {
                let id = ids[p % ids.len()].clone();
                if !listed.contains(&id) {
                    listed.push(id);
                }
            }
            let build = |list: Vec<String>| improvement_activities::build(data, &context(year, special), &ImprovementActivitiesInput {
                activities: Activities::Listed(list), pcmh: false, mips_apm: false,
                ..Default::default()
            }).percent.unwrap();
            let all = build(listed.clone());
            prop_assert!((0.0..=100.0).contains(&all));
            if let Some((_, fewer)) = listed.split_last() {
                prop_assert!(build(fewer.to_vec()) <= all);
            }
        }

        #[test]
        fn a_larger_share_of_the_group_performing_an_activity_never_lowers_the_category(
            year in 2017u16..=2026, special in any::<bool>(), individual in any::<bool>(),
            picks in proptest::collection::vec((any::<usize>(), 0.0f64..=100.0), 1..6),
            which in any::<usize>(), raise in 0.0f64..=100.0,
        ) {
            let data = measures::year(year).unwrap();
            let ids: Vec<String> = data.improvement_activities.iter().map(|a| a.id.clone()).collect();
            let mut listed: Vec<String> = Vec::new();
            let mut shares: Vec<(String, f64)> = Vec::new();
            for (p, share) in picks {
                let id = ids[p % ids.len()].clone();
                if !listed.contains(&id) {
                    listed.push(id.clone());
                    shares.push((id, share));
                }
            }
            let mut ctx = context(year, special);
            if individual {
                ctx.participation = mips_whatif::scenario::Participation::Individual;
            }
            let build = |shares: Vec<(String, f64)>| improvement_activities::build(data, &ctx, &ImprovementActivitiesInput {
                activities: Activities::Listed(listed.clone()),
                clinicians_percent: shares,
                ..Default::default()
            }).percent.unwrap();
            let before = build(shares.clone());
            prop_assert!((0.0..=100.0).contains(&before));
            let k = which % shares.len();
            shares[k].1 = (shares[k].1 + raise).min(100.0);
            prop_assert!(build(shares) >= before);
        }

        #[test]
        fn promoting_interoperability_stays_within_0_and_100_and_never_falls_as_a_numerator_rises(
            year in 2017u16..=2026,
            values in proptest::collection::vec((any::<usize>(), 0u32..=100, any::<bool>()), 0..14),
            bump in 0u32..=100,
        ) {
            let data = measures::year(year).unwrap();
            let ids: Vec<&str> = data.promoting_interoperability.iter().map(|m| m.id.as_str()).collect();
            let mut measures: Vec<PiMeasureInput> = Vec::new();
            for (pick, numerator, yes) in values {
                let id = ids[pick % ids.len()];
                if measures.iter().any(|m| m.id == id) {
                    continue;
                }
                let boolean = data.pi_measure(id).is_some_and(|m| m.is_boolean());
                measures.push(PiMeasureInput {
                    id: id.to_string(),
                    value: if boolean {
                        PiValue::Attested(yes)
                    } else {
                        PiValue::Fraction { numerator: f64::from(numerator), denominator: 100.0 }
                    },
                });
            }
            let build = |m: Vec<PiMeasureInput>| promoting_interoperability::build(data, &context(year, false), &PiInput {
                measures: m, ..Default::default()
            }).percent.unwrap();
            let before = build(measures.clone());
            prop_assert!((0.0..=100.0).contains(&before));
            // Raise the first proportion measure's numerator (not from 0: a first case can
            // satisfy a requirement, which only raises the score too).
            if let Some(m) = measures.iter_mut().find(|m| matches!(m.value, PiValue::Fraction { .. })) {
                if let PiValue::Fraction { numerator, denominator } = m.value {
                    m.value = PiValue::Fraction { numerator: (numerator + f64::from(bump)).min(denominator), denominator };
                }
                prop_assert!(build(measures) >= before);
            }
        }
    }
}
