//! Writing the categories given from their parts back as TOML tables that read back to the same
//! inputs (the format of docs/measures.md).

use std::fmt::Write as _;

use crate::builders::MeasureInputs;
use crate::builders::cost::CostValue;
use crate::builders::improvement_activities::Activities;
use crate::builders::promoting_interoperability::PiValue;
use crate::builders::quality::Performance;
use crate::rules::Category;

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn num(v: f64) -> String {
    let s = format!("{v}");
    if s.contains('e') || s.contains("inf") || s.contains("NaN") {
        format!("{v:.6}")
    } else {
        s
    }
}

/// A TOML key: bare when it can be, quoted otherwise.
fn key(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// `suppressed = [...]`, keeping the ids still listed (one removed since would not read back).
fn suppressed(o: &mut String, ids: &[String], listed: impl Fn(&str) -> bool) {
    let kept: Vec<String> = ids
        .iter()
        .filter(|id| listed(id))
        .map(|id| quoted(id))
        .collect();
    if !kept.is_empty() {
        let _ = writeln!(o, "suppressed = [{}]", kept.join(", "));
    }
}

/// One category's tables (`[quality]` with its `[[quality.measures]]`, …).
pub(super) fn category_toml(m: &MeasureInputs, category: Category) -> String {
    let mut o = String::new();
    match category {
        Category::Quality => {
            let Some(q) = &m.quality else { return o };
            let _ = writeln!(o, "[quality]  # built from its measures");
            if let Some(set) = q.measure_set {
                let _ = writeln!(o, "measure_set = {}", quoted(set.key()));
            }
            if q.cahps_sample_not_met {
                let _ = writeln!(o, "cahps_sample_not_met = true");
            }
            suppressed(&mut o, &q.suppressed, |id| {
                q.measures.iter().any(|m| m.id == id)
            });
            for x in &q.measures {
                let _ = writeln!(o, "[[quality.measures]]");
                let _ = writeln!(o, "id = {}", quoted(&x.id));
                let _ = writeln!(o, "collection_type = {}", quoted(x.collection_type.key()));
                match x.performance {
                    Performance::Rate(r) => {
                        let _ = writeln!(o, "performance_rate = {}", num(r));
                    }
                    Performance::Fraction {
                        numerator,
                        denominator,
                    } => {
                        let _ = writeln!(o, "numerator = {}", num(numerator));
                        let _ = writeln!(o, "denominator = {}", num(denominator));
                    }
                }
                if let Some(dc) = x.data_completeness {
                    let _ = writeln!(o, "data_completeness = {}", num(dc));
                }
                if let Some(c) = x.cases {
                    let _ = writeln!(o, "cases = {c}");
                }
                if let Some(e) = x.end_to_end {
                    let _ = writeln!(o, "end_to_end = {e}");
                }
            }
            if let Some(i) = &q.improvement {
                let _ = writeln!(o, "[quality.improvement]");
                let _ = writeln!(
                    o,
                    "prior_achievement_percent = {}",
                    num(i.prior_achievement_percent)
                );
                if let Some(p) = i.prior_category_score {
                    let _ = writeln!(o, "prior_category_score = {}", num(p));
                }
                if i.prior_facility_based {
                    let _ = writeln!(o, "prior_facility_based = true");
                }
            }
        }
        Category::Cost => {
            let Some(c) = &m.cost else { return o };
            let _ = writeln!(o, "[cost]  # built from its measures");
            suppressed(&mut o, &c.suppressed, |id| {
                c.measures.iter().any(|m| m.id == id)
            });
            for x in &c.measures {
                let _ = writeln!(o, "[[cost.measures]]");
                let _ = writeln!(o, "id = {}", quoted(&x.id));
                match x.value {
                    CostValue::Cost(v) => {
                        let _ = writeln!(o, "cost = {}  # dollars", num(v));
                    }
                    CostValue::Points(p) => {
                        let _ = writeln!(o, "points = {}", num(p));
                    }
                }
                if let Some(n) = x.cases {
                    let _ = writeln!(o, "cases = {n}");
                }
            }
            if let Some(i) = &c.improvement {
                let _ = writeln!(o, "[cost.improvement]");
                let _ = writeln!(o, "prior_percent = {}", num(i.prior_percent));
            }
        }
        Category::ImprovementActivities => {
            let Some(a) = &m.improvement_activities else {
                return o;
            };
            let _ = writeln!(o, "[improvement_activities]  # built from its activities");
            match &a.activities {
                Activities::Listed(ids) => {
                    let list: Vec<String> = ids.iter().map(|i| quoted(i)).collect();
                    let _ = writeln!(o, "activities = [{}]", list.join(", "));
                    // Only the listed activities' shares: a share without its activity would
                    // not read back.
                    let shares: Vec<String> = a
                        .clinicians_percent
                        .iter()
                        .filter(|(id, _)| ids.contains(id))
                        .map(|(id, p)| format!("{} = {}", key(id), num(*p)))
                        .collect();
                    if !shares.is_empty() {
                        let _ = writeln!(o, "clinicians_percent = {{ {} }}", shares.join(", "));
                    }
                }
                Activities::Weighted { high, medium } => {
                    let _ = writeln!(o, "high = {high}");
                    let _ = writeln!(o, "medium = {medium}");
                }
                Activities::Count(n) => {
                    let _ = writeln!(o, "count = {n}");
                }
            }
            let _ = writeln!(o, "pcmh = {}", a.pcmh);
            if a.mips_apm {
                let _ = writeln!(o, "mips_apm = true");
            }
        }
        Category::PromotingInteroperability => {
            let Some(p) = &m.promoting_interoperability else {
                return o;
            };
            let _ = writeln!(o, "[promoting_interoperability]  # built from its measures");
            if p.cehrt_2015_edition {
                let _ = writeln!(o, "cehrt_2015_edition = true");
            }
            if p.improvement_activity_with_cehrt {
                let _ = writeln!(o, "improvement_activity_with_cehrt = true");
            }
            if let Some(d) = p.period_days {
                let _ = writeln!(o, "period_days = {d}");
            }
            for x in &p.measures {
                let _ = writeln!(o, "[[promoting_interoperability.measures]]");
                let _ = writeln!(o, "id = {}", quoted(&x.id));
                match x.value {
                    PiValue::Fraction {
                        numerator,
                        denominator,
                    } => {
                        let _ = writeln!(o, "numerator = {}", num(numerator));
                        let _ = writeln!(o, "denominator = {}", num(denominator));
                    }
                    PiValue::Attested(b) => {
                        let _ = writeln!(o, "attested = {b}");
                    }
                    PiValue::Excluded => {
                        let _ = writeln!(o, "excluded = true");
                    }
                }
            }
        }
    }
    o
}
