//! Properties of the category builders over every year's CMS benchmarks.

use mips_whatif::builders::cost::{self, CostInput, CostMeasureInput, CostValue};
use mips_whatif::builders::quality::{self, Performance, QualityInput, QualityMeasureInput};
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
    }
}

fn is_cost(year: u16, b: &Benchmark) -> bool {
    measures::year(year).unwrap().cost_measure(&b.id).is_some()
}

/// A quality benchmark row of a year (not cost, not administrative claims).
fn quality_row(year: u16, pick: usize) -> Option<&'static Benchmark> {
    let data = measures::year(year).unwrap();
    let rows: Vec<&Benchmark> = data
        .benchmarks
        .iter()
        .filter(|b| {
            !is_cost(year, b)
                && b.collection_type != CollectionType::AdministrativeClaims
                && data.quality_measure(&b.id).is_some()
        })
        .collect();
    (!rows.is_empty()).then(|| rows[pick % rows.len()])
}

fn measure_points(year: u16, b: &Benchmark, rate: f64) -> MeasureScore {
    let data = measures::year(year).unwrap();
    quality::benchmarked_points(
        year,
        b,
        data.quality_measure(&b.id),
        rate,
        &context(year, 30),
    )
}

fn capped(year: u16, b: &Benchmark) -> bool {
    year >= 2019
        && b.topped_out_by_program
        && b.collection_type != CollectionType::CmsWebInterface
        && !(year >= 2025 && b.seven_point_cap_removed)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn quality_points_stay_between_the_year_floor_and_10_and_under_the_cap(
        year in 2017u16..=2026, pick in any::<usize>(), rate in 0.0f64..=100.0,
    ) {
        if let Some(b) = quality_row(year, pick) {
            let s = measure_points(year, b, rate);
            let floor = quality::year_parameters(year).floor;
            prop_assert!(s.points >= floor && s.points <= 10.0, "{} {:?}: {}", b.id, b.collection_type, s.points);
            if capped(year, b) {
                prop_assert!(s.points <= 7.0, "{} {:?} capped: {}", b.id, b.collection_type, s.points);
            }
        }
    }

    #[test]
    fn quality_points_never_fall_as_performance_improves(
        year in 2017u16..=2026, pick in any::<usize>(), a in 0.0f64..=100.0, b in 0.0f64..=100.0,
    ) {
        if let Some(row) = quality_row(year, pick) {
            let (worse, better) = if row.inverse { (a.max(b), a.min(b)) } else { (a.min(b), a.max(b)) };
            let p_worse = measure_points(year, row, worse).points;
            let p_better = measure_points(year, row, better).points;
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
        clinicians in 1u32..60,
        picks in proptest::collection::vec((any::<usize>(), 0.0f64..=100.0, 0.0f64..=100.0, 0u32..60), 0..10),
    ) {
        let mut measures = Vec::new();
        for (pick, rate, dc, cases) in picks {
            if let Some(b) = quality_row(year, pick) {
                measures.push(QualityMeasureInput {
                    id: b.id.clone(),
                    collection_type: b.collection_type,
                    performance: Performance::Rate(rate),
                    data_completeness: Some(dc),
                    cases: Some(cases),
                    end_to_end: None,
                });
            }
        }
        let data = measures::year(year).unwrap();
        let built = quality::build(data, &context(year, clinicians), &QualityInput { measures, improvement: None });
        if let Some(p) = built.percent {
            prop_assert!((0.0..=100.0).contains(&p), "{p}");
        }
        prop_assert!(built.bonus_points >= 0.0);
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
            }).percent.unwrap();
            let all = build(listed.clone());
            prop_assert!((0.0..=100.0).contains(&all));
            if let Some((_, fewer)) = listed.split_last() {
                prop_assert!(build(fewer.to_vec()) <= all);
            }
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
