//! What a measure is worth, for the Measures view (the selected measure) and the Sensitivity
//! view (each measure of the built categories): one step better (a percentage point, or 1%
//! lower cost) in measure points, category, final score and dollars, with the range across the
//! band of maxima where the year's maximum is not published (PY2025+), and the value each
//! target needs with this measure alone. Worked out through the probes kept between keystrokes
//! ([`MeasureProbes`]), so a value is built once while the rest of its category stays the same.

use crate::builders::cost::CostValue;
use crate::engine::{BuiltFrom, ScoreResult};
use crate::measures::CollectionType;
use crate::rules::{Category, YearRules};
use crate::scenario::Scenario;
use crate::sensitivity::measure::{
    CategoryCut, MeasureMarginal, MeasureNeed, MeasureProbe, MeasureProbes, MeasureRef,
};
use crate::sensitivity::{AdjustmentUncertainty, ResolvedTarget, Target};

/// What one measure is worth.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureWorth {
    pub measure: MeasureRef,
    pub marginal: MeasureMarginal,
    /// The change in adjustment (percentage points) one step better makes, across the band of
    /// maxima, where the range is the figure (PY2025+), and its dollars.
    pub adjustment_range: Option<(f64, f64)>,
    pub dollars_range: Option<(f64, f64)>,
    /// (the target in a few words: "no penalty", "positive", "89+", "≥ 80"; what it needs),
    /// in the order asked.
    pub needs: Vec<(String, MeasureNeed)>,
}

impl MeasureWorth {
    /// The final score one step better gains (what ranks the levers).
    pub fn final_score_gain(&self) -> f64 {
        self.marginal.better.outcome.final_score - self.marginal.now.outcome.final_score
    }
}

/// A target in a few words, for tables.
pub fn short_name(t: &ResolvedTarget) -> String {
    match t.target {
        Target::Neutral => "no penalty".into(),
        Target::Positive => "positive".into(),
        Target::TopBand if t.name.contains("89+") => "89+".into(),
        Target::TopBand => "exceptional".into(),
        Target::FinalScore(x) => format!("≥ {}", crate::format::number(x)),
    }
}

/// The measure a quality measure with a rate, or a cost measure with a cost, is (None for
/// others: points given directly, PI and activities).
pub fn measure_ref(s: &Scenario, category: Category, index: usize) -> Option<MeasureRef> {
    let data = crate::measures::year(s.performance_year);
    Some(match category {
        Category::Quality => {
            let x = s.measures.quality.as_ref()?.measures.get(index)?;
            let inverse = data
                .and_then(|d| d.benchmark(&x.id, x.collection_type))
                .map(|b| b.inverse)
                .or_else(|| {
                    data.and_then(|d| d.quality_measure(&x.id))
                        .map(|q| q.inverse)
                })
                .unwrap_or(false);
            MeasureRef {
                category,
                id: x.id.clone(),
                collection_type: x.collection_type,
                index,
                lower_is_better: inverse,
            }
        }
        Category::Cost => {
            let x = s.measures.cost.as_ref()?.measures.get(index)?;
            if !matches!(x.value, CostValue::Cost(_)) {
                return None;
            }
            MeasureRef {
                category,
                id: x.id.clone(),
                collection_type: CollectionType::AdministrativeClaims,
                index,
                lower_is_better: true,
            }
        }
        _ => return None,
    })
}

/// What one step better of measure `m` is worth (no targets).
pub fn marginal_worth(
    s: &Scenario,
    rules: &YearRules,
    m: &MeasureRef,
    probes: &mut MeasureProbes,
    uncertainty: &AdjustmentUncertainty,
) -> MeasureWorth {
    marginal_worth_of(probes.probe(s, m), s, rules, uncertainty)
}

/// [`marginal_worth`] with the measure's probe at hand (following `s`).
fn marginal_worth_of(
    probe: &mut MeasureProbe,
    s: &Scenario,
    rules: &YearRules,
    uncertainty: &AdjustmentUncertainty,
) -> MeasureWorth {
    let m = probe.measure.clone();
    let marginal = probe.marginal(rules);
    let (from, to) = (
        marginal.now.outcome.final_score_published,
        marginal.better.outcome.final_score_published,
    );
    let adjustment_range = uncertainty.change(rules, from, to);
    let dollars_range = adjustment_range.and_then(|(l, h)| {
        s.practice
            .part_b_allowed_charges
            .map(|c| (c * l / 100.0, c * h / 100.0))
    });
    MeasureWorth {
        measure: m,
        marginal,
        adjustment_range,
        dollars_range,
        needs: Vec::new(),
    }
}

/// Adds what each target needs (with the category's points-needed cut where known).
pub fn add_needs(
    worth: &mut MeasureWorth,
    s: &Scenario,
    rules: &YearRules,
    probes: &mut MeasureProbes,
    targets: &[(ResolvedTarget, Option<CategoryCut>)],
) {
    let probe = probes.probe(s, &worth.measure);
    worth.needs = targets
        .iter()
        .map(|(t, cut)| (short_name(t), probe.need_with(rules, t, *cut)))
        .collect();
}

/// What a quality measure with a rate, or a cost measure with a cost, is worth, with what each
/// target needs (None for other measures).
pub fn measure_worth(
    s: &Scenario,
    rules: &YearRules,
    category: Category,
    index: usize,
    probes: &mut MeasureProbes,
    targets: &[(ResolvedTarget, Option<CategoryCut>)],
    uncertainty: &AdjustmentUncertainty,
) -> Option<MeasureWorth> {
    let m = measure_ref(s, category, index)?;
    let mut worth = marginal_worth(s, rules, &m, probes, uncertainty);
    add_needs(&mut worth, s, rules, probes, targets);
    Some(worth)
}

/// Every measure with a rate or a cost of the categories built from their measures, the
/// cheapest lever first (the most final score for one step better; then CMS's order), with
/// what each target needs worked out for the first `shown` only (the rows on screen). `now`
/// is the engine's numbers for `s` (`score_numbers`), `result` its full result.
#[allow(clippy::too_many_arguments)]
pub fn ranked_worths(
    s: &Scenario,
    result: &ScoreResult,
    now: &ScoreResult,
    rules: &YearRules,
    probes: &mut MeasureProbes,
    targets: &[(Category, ResolvedTarget, Option<CategoryCut>)],
    uncertainty: &AdjustmentUncertainty,
    shown: usize,
) -> (Vec<MeasureWorth>, usize) {
    let mut all = Vec::new();
    for c in [Category::Quality, Category::Cost] {
        if result.category(c).built_from != BuiltFrom::Measures {
            continue;
        }
        let n = match c {
            Category::Quality => s.measures.quality.as_ref().map_or(0, |q| q.measures.len()),
            _ => s.measures.cost.as_ref().map_or(0, |k| k.measures.len()),
        };
        for i in 0..n {
            if let Some(m) = measure_ref(s, c, i) {
                let probe = probes.probe(s, &m);
                probe.know_now(now);
                all.push(marginal_worth_of(probe, s, rules, uncertainty));
            }
        }
    }
    let total = all.len();
    all.sort_by(|a, b| b.final_score_gain().total_cmp(&a.final_score_gain()));
    all.truncate(shown);
    for w in &mut all {
        let for_category: Vec<(ResolvedTarget, Option<CategoryCut>)> = targets
            .iter()
            .filter(|(c, _, _)| *c == w.measure.category)
            .map(|(_, t, cut)| (t.clone(), *cut))
            .collect();
        add_needs(w, s, rules, probes, &for_category);
    }
    (all, total)
}
