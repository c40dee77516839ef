//! The embedded CMS measure data: every year parses, lookups work, the data keep their shape.

use mips_whatif::measures::{self, BenchmarkValues, CollectionType};

#[test]
fn every_year_parses_and_has_measures_and_benchmarks() {
    for year in measures::FIRST_YEAR..=measures::LAST_YEAR {
        let data = measures::year(year).unwrap_or_else(|| panic!("PY{year}"));
        assert_eq!(data.performance_year, year);
        assert!(data.quality.len() > 300, "PY{year} quality");
        assert!(
            data.improvement_activities.len() > 90,
            "PY{year} activities"
        );
        assert!(data.promoting_interoperability.len() > 20, "PY{year} PI");
        assert!(data.benchmarks.len() > 250, "PY{year} benchmarks");
        assert!(!data.cost.is_empty(), "PY{year} cost");
    }
    assert!(measures::year(2016).is_none());
    assert!(measures::year(2027).is_none());
}

#[test]
fn benchmarks_are_found_by_measure_and_collection_type() {
    let data = measures::year(2024).unwrap();
    let b = data
        .benchmark("001", CollectionType::ElectronicHealthRecord)
        .unwrap();
    assert!(b.inverse);
    assert!(matches!(b.values, BenchmarkValues::Percentiles(_)));
    assert!(
        data.benchmark("001", CollectionType::CertifiedSurveyVendor)
            .is_none()
    );
    let all = data.benchmarks_of("001");
    assert!(all.len() >= 3 && all.iter().all(|b| b.id == "001"));
    assert!(!data.quality_measure("047").unwrap().title.is_empty());
}

#[test]
fn decile_rows_have_9_or_10_numbers_up_to_py2022_and_percentiles_after() {
    for year in measures::FIRST_YEAR..=measures::LAST_YEAR {
        for b in &measures::year(year).unwrap().benchmarks {
            match &b.values {
                BenchmarkValues::Deciles(d) => {
                    assert!(
                        year <= 2022 && (d.len() == 9 || d.len() == 10),
                        "{year} {}",
                        b.id
                    )
                }
                BenchmarkValues::Percentiles(_) => assert!(year >= 2023, "{year} {}", b.id),
            }
        }
    }
}

#[test]
fn cost_benchmarks_are_inverse_and_activities_are_weighted_until_py2024() {
    for year in measures::FIRST_YEAR..=measures::LAST_YEAR {
        let data = measures::year(year).unwrap();
        for b in data
            .benchmarks
            .iter()
            .filter(|b| data.cost_measure(&b.id).is_some())
        {
            assert!(b.inverse, "{year} {}", b.id);
        }
        let weighted = data
            .improvement_activities
            .iter()
            .filter(|a| a.weight.is_some())
            .count();
        if year <= 2024 {
            assert!(weighted + 1 >= data.improvement_activities.len(), "{year}");
        } else {
            assert_eq!(weighted, 0, "{year}");
        }
    }
}

#[test]
fn collection_type_names_and_aliases() {
    for ct in CollectionType::ALL {
        assert_eq!(CollectionType::from_name(ct.key()), Some(ct));
    }
    assert_eq!(
        CollectionType::from_name("mips_cqm"),
        Some(CollectionType::Registry)
    );
    assert_eq!(
        CollectionType::from_name("ecqm"),
        Some(CollectionType::ElectronicHealthRecord)
    );
    assert_eq!(
        CollectionType::from_name("medicare_part_b_claims"),
        Some(CollectionType::Claims)
    );
    assert_eq!(CollectionType::from_name("fax"), None);
}

#[test]
fn the_assets_readme_names_the_source_commit_and_the_files_stay_small() {
    let readme = include_str!("../../assets/measures/README.md");
    assert!(readme.contains("100b25f9ac65615fcd7b75b11d16dc5a02b3e92f"));
    let total: usize = (measures::FIRST_YEAR..=measures::LAST_YEAR)
        .map(|y| measures::source_text(y).unwrap().len())
        .sum();
    assert!(total < 4_000_000, "{total} bytes");
}

#[test]
fn a_file_with_other_columns_is_refused_with_a_message() {
    let text = measures::source_text(2024)
        .unwrap()
        .replacen("\"measure_type\"", "\"kind\"", 1);
    let err = measures::parse_year(&text).unwrap_err();
    assert!(err.contains("quality: columns"), "{err}");
}
