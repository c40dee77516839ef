//! CMS measure data and the category builders: parsing one year's embedded file (what the
//! first use of a year costs), and building quality and cost from their measures.
//!
//! `cargo bench --bench measures`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use mips_whatif::builders::Context;
use mips_whatif::builders::cost::{self, CostInput, CostMeasureInput, CostValue};
use mips_whatif::builders::quality::{self, Performance, QualityInput, QualityMeasureInput};
use mips_whatif::measures::{self, CollectionType};
use mips_whatif::scenario::{Participation, ReportingOption};

fn parse(c: &mut Criterion) {
    // PY2017 is the largest file (894 quality measures), PY2024 a typical recent one.
    for year in [2017u16, 2024, 2026] {
        let text = measures::source_text(year).unwrap();
        c.bench_function(&format!("parse_year_{year}"), |b| {
            b.iter(|| measures::parse_year(black_box(text)).unwrap())
        });
    }
}

fn build(c: &mut Criterion) {
    let data = measures::year(2024).unwrap();
    let context = Context {
        performance_year: 2024,
        clinicians: 8,
        participation: Participation::Group,
        reporting_option: ReportingOption::Traditional,
        special_status: true,
        reports_quality_and_pi: true,
    };
    let measures = [
        ("001", 12.0),
        ("047", 76.92),
        ("134", 60.0),
        ("226", 88.0),
        ("236", 71.0),
        ("317", 55.0),
        ("130", 97.0),
    ]
    .iter()
    .map(|(id, r)| QualityMeasureInput {
        id: id.to_string(),
        collection_type: CollectionType::Registry,
        performance: Performance::Rate(*r),
        data_completeness: None,
        cases: None,
        end_to_end: None,
    })
    .collect();
    let input = QualityInput {
        measures,
        improvement: None,
        ..Default::default()
    };
    c.bench_function("build_quality_7_measures", |b| {
        b.iter(|| quality::build(black_box(data), &context, black_box(&input)))
    });
    let cost_input = CostInput {
        measures: vec![
            CostMeasureInput {
                id: "TPCC_1".into(),
                value: CostValue::Cost(1442.57),
                cases: None,
            },
            CostMeasureInput {
                id: "MSPB_1".into(),
                value: CostValue::Cost(2100.0),
                cases: None,
            },
        ],
        improvement: None,
        ..Default::default()
    };
    c.bench_function("build_cost_2_measures", |b| {
        b.iter(|| cost::build(black_box(data), &context, black_box(&cost_input)))
    });
}

criterion_group!(benches, parse, build);
criterion_main!(benches);
