//! `mips-whatif measures --year Y [--category C] [--search WORDS] [--format text|json|csv]` and
//! `mips-whatif benchmark ID --year Y [--collection-type T] [--format text|json]`: CMS's measure
//! inventory of a year with each measure's benchmark status, and one benchmark's decile bounds
//! with the points at each.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::whatif::CategoryArg;
use super::{EXIT_BAD_INPUT, Format, TableFormat};
use crate::builders::Context;
use crate::builders::points::decile_bounds;
use crate::builders::quality::{benchmarked_points, year_parameters};
use crate::diagnostic::did_you_mean;
use crate::format::number;
use crate::measures::{self, Benchmark, CollectionType, YearMeasures};
use crate::rules::Category;
use crate::scenario::{Participation, ReportingOption};

/// One collection type of a measure and its benchmark.
#[derive(Serialize)]
struct BenchmarkStatus {
    collection_type: CollectionType,
    benchmark: bool,
    /// Built from the performance year itself (not two years earlier).
    performance_period: bool,
    topped_out: bool,
    /// Capped at 7 points in this year.
    seven_point_cap: bool,
    flat: bool,
    /// PY2025+: on the limited-choice list, scored on the defined topped-out benchmark.
    seven_point_cap_removed: bool,
}

/// One row of the list.
#[derive(Serialize)]
struct Row {
    category: &'static str,
    id: String,
    title: String,
    /// Quality: measure type; IA: weight; PI: objective.
    kind: String,
    high_priority: bool,
    inverse: bool,
    /// PI: required for the category.
    required: bool,
    benchmarks: Vec<BenchmarkStatus>,
}

fn capped(year: u16, b: &Benchmark) -> bool {
    match year {
        ..=2017 => false,
        2018 => b.topped_out && ["021", "023", "052", "224", "262", "359"].contains(&b.id.as_str()),
        _ => {
            b.topped_out_by_program
                && b.collection_type != CollectionType::CmsWebInterface
                && !(year >= 2025 && b.seven_point_cap_removed)
        }
    }
}

fn status(data: &YearMeasures, id: &str, types: &[CollectionType]) -> Vec<BenchmarkStatus> {
    let year = data.performance_year;
    types
        .iter()
        .map(|&ct| match data.benchmark(id, ct) {
            Some(b) => BenchmarkStatus {
                collection_type: ct,
                benchmark: true,
                performance_period: b.is_performance_period(year),
                topped_out: b.topped_out || b.topped_out_by_program,
                seven_point_cap: capped(year, b),
                flat: b.flat,
                seven_point_cap_removed: b.seven_point_cap_removed,
            },
            None => BenchmarkStatus {
                collection_type: ct,
                benchmark: false,
                performance_period: false,
                topped_out: false,
                seven_point_cap: false,
                flat: false,
                seven_point_cap_removed: false,
            },
        })
        .collect()
}

fn rows(data: &YearMeasures, category: Option<Category>) -> Vec<Row> {
    let want = |c: Category| category.is_none_or(|x| x == c);
    let mut out = Vec::new();
    if want(Category::Quality) {
        for m in &data.quality {
            out.push(Row {
                category: Category::Quality.key(),
                id: m.id.clone(),
                title: m.title.clone(),
                kind: m.measure_type.clone(),
                high_priority: m.high_priority,
                inverse: m.inverse,
                required: false,
                benchmarks: status(data, &m.id, &m.collection_types),
            });
        }
        // The CAHPS summary survey measures have benchmarks but no inventory entry.
        let mut survey: Vec<&Benchmark> = data
            .benchmarks
            .iter()
            .filter(|b| b.id.starts_with("CAHPS_"))
            .collect();
        survey.dedup_by(|a, b| a.id == b.id);
        for b in survey {
            out.push(Row {
                category: Category::Quality.key(),
                id: b.id.clone(),
                title: "CAHPS for MIPS summary survey measure (averaged into 321)".into(),
                kind: "patientEngagementExperience".into(),
                high_priority: true,
                inverse: b.inverse,
                required: false,
                benchmarks: status(data, &b.id, &[b.collection_type]),
            });
        }
    }
    if want(Category::Cost) {
        for m in &data.cost {
            out.push(Row {
                category: Category::Cost.key(),
                id: m.id.clone(),
                title: m.title.clone(),
                kind: "cost".into(),
                high_priority: false,
                inverse: true,
                required: false,
                benchmarks: status(data, &m.id, &m.collection_types),
            });
        }
    }
    if want(Category::ImprovementActivities) {
        for a in &data.improvement_activities {
            out.push(Row {
                category: Category::ImprovementActivities.key(),
                id: a.id.clone(),
                title: a.title.clone(),
                kind: a.weight.map_or("no weight", |w| w.key()).to_string(),
                high_priority: false,
                inverse: false,
                required: false,
                benchmarks: Vec::new(),
            });
        }
    }
    if want(Category::PromotingInteroperability) {
        for m in &data.promoting_interoperability {
            out.push(Row {
                category: Category::PromotingInteroperability.key(),
                id: m.id.clone(),
                title: m.title.clone(),
                kind: m.objective.clone(),
                high_priority: false,
                inverse: false,
                required: m.required,
                benchmarks: Vec::new(),
            });
        }
    }
    out
}

fn matches(row: &Row, words: &[String]) -> bool {
    let hay = format!("{} {}", row.id, row.title).to_lowercase();
    words.iter().all(|w| hay.contains(w.as_str()))
}

fn status_text(s: &BenchmarkStatus) -> String {
    let mut parts = Vec::new();
    if !s.benchmark {
        parts.push("no benchmark".to_string());
    } else {
        if s.flat {
            parts.push("flat".into());
        }
        if s.seven_point_cap {
            parts.push("topped out, 7-point cap".into());
        } else if s.seven_point_cap_removed {
            parts.push("defined topped-out benchmark".into());
        } else if s.topped_out {
            parts.push("topped out".into());
        }
        if s.performance_period {
            parts.push("performance period".into());
        }
        if parts.is_empty() {
            parts.push("benchmark".into());
        }
    }
    format!("{} {}", s.collection_type.label(), parts.join(", "))
}

fn unsupported_year(year: u16) -> ExitCode {
    eprintln!(
        "error: --year {year}: no CMS measure data for that year\n  = allowed: {}–{}",
        measures::FIRST_YEAR,
        measures::LAST_YEAR
    );
    ExitCode::from(EXIT_BAD_INPUT)
}

pub fn run_list(
    year: u16,
    category: Option<CategoryArg>,
    search: &[String],
    format: TableFormat,
) -> color_eyre::Result<ExitCode> {
    let Some(data) = measures::year(year) else {
        return Ok(unsupported_year(year));
    };
    let words: Vec<String> = search
        .iter()
        .flat_map(|s| s.split_whitespace())
        .map(str::to_lowercase)
        .collect();
    let list: Vec<Row> = rows(data, category.map(CategoryArg::category))
        .into_iter()
        .filter(|r| matches(r, &words))
        .collect();
    let mut out = std::io::stdout().lock();
    match format {
        TableFormat::Xlsx => {
            use crate::spreadsheet::{Kind, SheetWriter, Value};
            let mut wb = rust_xlsxwriter::Workbook::new();
            {
                let mut w = SheetWriter::new(
                    &mut wb,
                    &format!("PY{year} measures"),
                    &[
                        ("category", Kind::Text),
                        ("id", Kind::Text),
                        ("title", Kind::Text),
                        ("kind", Kind::Text),
                        ("high_priority", Kind::Text),
                        ("inverse", Kind::Text),
                        ("required", Kind::Text),
                        ("benchmarks", Kind::Text),
                    ],
                )?;
                for r in &list {
                    let b: Vec<String> = r.benchmarks.iter().map(status_text).collect();
                    w.row(&[
                        r.category.into(),
                        r.id.clone().into(),
                        r.title.clone().into(),
                        r.kind.clone().into(),
                        Value::Bool(r.high_priority),
                        Value::Bool(r.inverse),
                        Value::Bool(r.required),
                        b.join("; ").into(),
                    ])?;
                }
            }
            let bytes = crate::spreadsheet::to_bytes(wb)?;
            let written = crate::spreadsheet::workbook_to_stdout(
                &bytes,
                "mips-whatif measures --format xlsx > measures.xlsx",
            )?;
            if written != ExitCode::SUCCESS {
                return Ok(written);
            }
        }
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &list)?;
            writeln!(out)?;
        }
        TableFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "category",
                "id",
                "title",
                "kind",
                "high_priority",
                "inverse",
                "required",
                "benchmarks",
            ])?;
            for r in &list {
                let b: Vec<String> = r.benchmarks.iter().map(status_text).collect();
                w.write_record([
                    r.category,
                    &r.id,
                    &r.title,
                    &r.kind,
                    &r.high_priority.to_string(),
                    &r.inverse.to_string(),
                    &r.required.to_string(),
                    &b.join("; "),
                ])?;
            }
            w.flush()?;
        }
        TableFormat::Text => {
            writeln!(
                out,
                "PY{year}: {} measure{}{}",
                list.len(),
                if list.len() == 1 { "" } else { "s" },
                if words.is_empty() {
                    String::new()
                } else {
                    format!(" matching \"{}\"", words.join(" "))
                }
            )?;
            for r in &list {
                let title: String = if r.title.chars().count() > 70 {
                    r.title.chars().take(69).collect::<String>() + "…"
                } else {
                    r.title.clone()
                };
                let mut flags = vec![r.kind.clone()];
                if r.high_priority {
                    flags.push("high priority".into());
                }
                if r.inverse && r.category == "quality" {
                    flags.push("inverse".into());
                }
                if r.required {
                    flags.push("required".into());
                }
                writeln!(out, "  {:<14} {title}  [{}]", r.id, flags.join(", "))?;
                if !r.benchmarks.is_empty() {
                    let b: Vec<String> = r.benchmarks.iter().map(status_text).collect();
                    writeln!(out, "  {:<14} {}", "", b.join(" · "))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One decile of a benchmark.
#[derive(Serialize)]
struct DecileRow {
    decile: u8,
    /// The decile's worse-end bound (inclusive); `null` when it has none.
    from: Option<f64>,
    /// The next decile's bound (exclusive); `null` for decile 10.
    to: Option<f64>,
    /// The decile is empty (its bound equals the next one).
    empty: bool,
    /// Points at `from`, after the year's floor and cap.
    points_at_from: Option<f64>,
}

#[derive(Serialize)]
struct BenchmarkJson<'a> {
    performance_year: u16,
    id: &'a str,
    title: &'a str,
    collection_type: CollectionType,
    benchmark_year: u16,
    inverse: bool,
    topped_out: bool,
    seven_point_cap: bool,
    flat: bool,
    seven_point_cap_removed: bool,
    average: Option<f64>,
    floor: f64,
    deciles: Vec<DecileRow>,
}

pub fn run_benchmark(
    id: &str,
    year: u16,
    collection_type: Option<&str>,
    format: Format,
) -> color_eyre::Result<ExitCode> {
    let Some(data) = measures::year(year) else {
        return Ok(unsupported_year(year));
    };
    let id = id.trim();
    let mut all = data.benchmarks_of(id);
    if all.is_empty() {
        let digits: String = id.chars().filter(char::is_ascii_digit).collect();
        let padded = format!("{digits:0>3}");
        let ids: Vec<&str> = data.benchmarks.iter().map(|b| b.id.as_str()).collect();
        let lower: Vec<String> = ids.iter().map(|s| s.to_ascii_lowercase()).collect();
        let lower_refs: Vec<&str> = lower.iter().map(String::as_str).collect();
        let hint = if !digits.is_empty() && ids.contains(&padded.as_str()) {
            Some(padded.clone())
        } else {
            did_you_mean(id, &lower_refs)
                .and_then(|m| lower_refs.iter().position(|s| *s == m))
                .map(|i| ids[i].to_string())
        };
        eprintln!(
            "error: benchmark {id}: no PY{year} benchmark for that measure id{}\n  = allowed: a measure id with a benchmark in PY{year}: `mips-whatif measures --year {year} --search WORDS` lists them",
            hint.map(|h| format!(" — did you mean \"{h}\"?"))
                .unwrap_or_default()
        );
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    if let Some(name) = collection_type {
        let allowed: Vec<String> = all
            .iter()
            .map(|b| {
                format!(
                    "\"{}\" ({})",
                    b.collection_type.key(),
                    b.collection_type.label()
                )
            })
            .collect();
        let chosen = CollectionType::from_name(name);
        match chosen.and_then(|c| all.iter().position(|b| b.collection_type == c)) {
            Some(i) => all = &all[i..=i],
            None => {
                eprintln!(
                    "error: --collection-type {name}: {id} has no PY{year} benchmark {}\n  = allowed: {}",
                    match chosen {
                        Some(c) => format!("for {}", c.label()),
                        None => "by that name".into(),
                    },
                    allowed.join(", ")
                );
                return Ok(ExitCode::from(EXIT_BAD_INPUT));
            }
        }
    }
    let title = data
        .quality_measure(id)
        .map(|m| m.title.as_str())
        .or_else(|| data.cost_measure(id).map(|m| m.title.as_str()))
        .unwrap_or("CAHPS for MIPS summary survey measure");
    let is_cost = data.cost_measure(id).is_some();
    let context = Context {
        performance_year: year,
        clinicians: 16,
        participation: Participation::Group,
        reporting_option: ReportingOption::Traditional,
        special_status: false,
        reports_quality_and_pi: true,
    };
    let floor = if is_cost {
        1.0
    } else {
        year_parameters(year).floor
    };
    let items: Vec<BenchmarkJson> = all
        .iter()
        .map(|b| {
            let bounds = decile_bounds(b);
            let deciles = (0..10)
                .map(|d| {
                    let from = bounds[d];
                    let to = if d < 9 { bounds[d + 1] } else { None };
                    let empty = matches!((from, to), (Some(a), Some(b)) if a == b);
                    let points_at_from = from.map(|f| {
                        if is_cost {
                            crate::builders::cost::score_measure(
                                data,
                                year,
                                &crate::builders::cost::CostMeasureInput {
                                    id: b.id.clone(),
                                    value: crate::builders::cost::CostValue::Cost(f),
                                    cases: None,
                                },
                            )
                            .points
                        } else {
                            benchmarked_points(year, b, data.quality_measure(id), f, &context)
                                .points
                        }
                    });
                    DecileRow {
                        decile: d as u8 + 1,
                        from,
                        to,
                        empty,
                        points_at_from,
                    }
                })
                .collect();
            BenchmarkJson {
                performance_year: year,
                id: &b.id,
                title,
                collection_type: b.collection_type,
                benchmark_year: b.benchmark_year,
                inverse: b.inverse,
                topped_out: b.topped_out || b.topped_out_by_program,
                seven_point_cap: !is_cost && capped(year, b),
                flat: b.flat,
                seven_point_cap_removed: b.seven_point_cap_removed,
                average: b.average,
                floor,
                deciles,
            }
        })
        .collect();
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &items)?;
            writeln!(out)?;
        }
        Format::Text => {
            for (k, b) in items.iter().enumerate() {
                if k > 0 {
                    writeln!(out)?;
                }
                writeln!(
                    out,
                    "{} {} — PY{year} {} benchmark ({})",
                    b.id,
                    b.title,
                    b.collection_type.label(),
                    if b.benchmark_year == year {
                        "performance period".to_string()
                    } else {
                        format!("historical, PY{} data", b.benchmark_year)
                    }
                )?;
                let mut notes = vec![if b.inverse {
                    "lower is better".to_string()
                } else {
                    "higher is better".to_string()
                }];
                if b.flat {
                    notes.push("flat benchmark".into());
                }
                if b.seven_point_cap {
                    notes.push("topped out: at most 7 points".into());
                } else if b.seven_point_cap_removed {
                    notes.push("defined topped-out benchmark, no 7-point cap".into());
                } else if b.topped_out {
                    notes.push("topped out".into());
                }
                notes.push(format!("floor {}", number(b.floor)));
                if let Some(a) = b.average {
                    notes.push(format!("average {}", number(a)));
                }
                writeln!(out, "  {}", notes.join(" · "))?;
                let unit = if is_cost { "$" } else { "" };
                writeln!(
                    out,
                    "  decile  {:>24}  points at the bound",
                    if b.inverse {
                        "from (worse) … to"
                    } else {
                        "from … to (better)"
                    }
                )?;
                for d in &b.deciles {
                    let range = match (d.from, d.to) {
                        (Some(f), Some(t)) => format!("{unit}{} … {unit}{}", number(f), number(t)),
                        (Some(f), None) => {
                            format!("{} {unit}{}", if b.inverse { "≤" } else { "≥" }, number(f))
                        }
                        (None, Some(t)) => format!("… {unit}{}", number(t)),
                        (None, None) => "—".into(),
                    };
                    let pts = d.points_at_from.map(number).unwrap_or_else(|| "—".into());
                    writeln!(
                        out,
                        "  {:>6}  {:>24}  {}{}",
                        d.decile,
                        range,
                        pts,
                        if d.empty { "  (empty)" } else { "" }
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
