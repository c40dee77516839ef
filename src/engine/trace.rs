//! The rule trace, worded from the steps' intermediates: one function per step returning its
//! [`TraceStep`] (title, detail with the numbers put in, confidence, source), and the plain
//! statements of the assumptions a result rests on. Only called when a trace is wanted.

use super::steps::{
    Bonuses, Categories, ComplexPatientLine, ExceptionalBonus, FinalScore, MaxPositive,
    PathwayChoice, Payment, SmallPracticeLine, WeightChoice,
};
use super::{
    Adjustment, Band, CategoryOutcome, CategoryStatus, MaxPositiveOrigin, StepKind, TraceStep,
};
use crate::format::{
    dollars as dollar_amount, number, percent, percent_precise, signed_dollars, two_decimals,
};
use crate::rules::{Confidence, YearRules};
use crate::scenario::{ReportingOption, Scenario};

/// Step 1: the year's threshold and applicable percent.
pub(super) fn year(rules: &YearRules) -> TraceStep {
    let (pt, ap) = (rules.pt(), rules.ap());
    TraceStep {
        step: StepKind::Year,
        title: format!(
            "Performance year {} → payment year {}",
            rules.performance_year, rules.payment_year
        ),
        detail: format!(
            "Performance threshold {} points; applicable percent ±{}%; scores at or below {} (a quarter of the threshold) get −{}%.",
            number(pt),
            number(ap),
            number(pt / 4.0),
            number(ap)
        ),
        confidence: rules.performance_threshold.confidence,
        source: rules.performance_threshold.source.clone(),
    }
}

/// Step 2: how the clinician is scored.
pub(super) fn pathway(choice: &PathwayChoice) -> TraceStep {
    TraceStep {
        step: StepKind::Pathway,
        title: format!("Scored as {}", choice.scoring),
        detail: choice.detail.to_string(),
        confidence: choice.confidence,
        source: choice.source.to_string(),
    }
}

/// The APP asked for by a clinician who did not report.
pub(super) fn pathway_assumption(scenario: &Scenario) -> Option<String> {
    (scenario.reporting_option == ReportingOption::App && !scenario.practice.reporting).then(|| {
        "A non-reporting clinician is scored as traditional MIPS, not under the APP.".into()
    })
}

/// Step 3: which categories are scored, and why the others are not.
pub(super) fn categories(categories: &Categories) -> TraceStep {
    const RULE: &str = "42 CFR 414.1380(c): a reweighted category is not scored; a required category not reported scores 0";
    let cost_for_all = categories.cost_for_all;
    TraceStep {
        step: StepKind::Categories,
        title: format!(
            "{} of {} categories scored",
            categories.scored_count(),
            categories.weighed_count()
        ),
        detail: categories_detail(&categories.outcomes),
        confidence: cost_for_all.map_or(Confidence::Confirmed, |c| c.confidence),
        source: match cost_for_all {
            Some(covid) => format!("{RULE}. Cost: {}", covid.source),
            None => RULE.into(),
        },
    }
}

/// Step 3, for rural, HPSA and non-patient-facing clinicians: status acts through the
/// category percents the user enters, not as separate terms of the final score.
pub(super) fn special_status(scenario: &Scenario, rules: &YearRules) -> TraceStep {
    let p = &scenario.practice;
    let mut which = Vec::new();
    if p.rural {
        which.push("rural");
    }
    if p.hpsa {
        which.push("HPSA");
    }
    if p.non_patient_facing {
        which.push("non-patient-facing");
    }
    let ia = if rules.performance_year <= 2024 {
        "improvement activities count double (a high-weighted activity is 40 of 40 points, a medium one 20)"
    } else {
        "one improvement activity gives full IA credit instead of two"
    };
    let mut detail = format!(
        "Special status ({}): {ia}; enter the IA percent as CMS scored it.",
        which.join(", ")
    );
    if p.non_patient_facing {
        detail.push_str(
            " Non-patient-facing clinicians who submit no PI data have PI reweighted: leave PI out.",
        );
    }
    TraceStep {
        step: StepKind::SpecialStatus,
        title: "Special status acts through the category scores".into(),
        detail,
        confidence: Confidence::Likely,
        source: "42 CFR 414.1380(b)(3) (improvement activities weighting by special status)".into(),
    }
}

/// Step 4: the weights, and why.
pub(super) fn weights(choice: &WeightChoice) -> TraceStep {
    TraceStep {
        step: StepKind::Weights,
        title: if choice.fewer_than_two {
            "Weights do not apply".into()
        } else {
            format!("Weights {}", choice.weights)
        },
        detail: format!("{} — {}.", capitalise(&choice.reason), choice.confidence),
        confidence: choice.confidence,
        source: choice.source.clone(),
    }
}

/// Weights the rules only assume.
pub(super) fn weights_assumption(choice: &WeightChoice) -> Option<String> {
    (choice.confidence == Confidence::Assumed)
        .then(|| format!("Weights {} are assumed ({}).", choice.reason, choice.source))
}

/// Step 5: what each scored category adds to the weighted score.
pub(super) fn contributions(outcomes: &[CategoryOutcome], weighted: f64) -> TraceStep {
    let parts: Vec<String> = outcomes
        .iter()
        .filter(|o| o.status == CategoryStatus::Scored && o.weight > 0.0)
        .map(|o| {
            format!(
                "{} {} × {}% = {}",
                o.category.short(),
                number(o.score.unwrap_or(0.0)),
                crate::format::weight(o.weight),
                two_decimals(o.contribution)
            )
        })
        .collect();
    TraceStep {
        step: StepKind::Contributions,
        title: format!("Weighted score {}", two_decimals(weighted)),
        detail: format!("{}; total {}.", parts.join("; "), two_decimals(weighted)),
        confidence: Confidence::Confirmed,
        source: "42 CFR 414.1380(c): weighted score = Σ weight × category score / 100".into(),
    }
}

/// Step 6: the bonus points added, or why none were.
pub(super) fn bonuses(rules: &YearRules, bonuses: &Bonuses) -> TraceStep {
    let added = bonuses.complex_patient + bonuses.small_practice;
    TraceStep {
        step: StepKind::Bonuses,
        title: if added > 0.0 {
            format!("Bonuses +{}", number(added))
        } else {
            "No bonus points added".into()
        },
        detail: bonus_lines(rules, bonuses),
        confidence: rules
            .small_practice_bonus
            .confidence
            .weakest(rules.complex_patient_bonus_max.confidence),
        source: format!(
            "{}; {}",
            rules.complex_patient_bonus_max.source, rules.small_practice_bonus.source
        ),
    }
}

/// What happened to each bonus, in words.
fn bonus_lines(rules: &YearRules, bonuses: &Bonuses) -> String {
    let complex_patient = bonuses.complex_patient_line.map(|line| match line {
        ComplexPatientLine::NotAddedAtThreshold => {
            "Complex patient bonus not added: the final score is the performance threshold."
                .to_string()
        }
        ComplexPatientLine::NotAddedNoData => {
            "Complex patient bonus not added: it needs data submitted in at least one category."
                .to_string()
        }
        ComplexPatientLine::Added => format!(
            "Complex patient bonus +{} (PY{} maximum {}).",
            number(bonuses.complex_patient),
            rules.performance_year,
            number(rules.complex_patient_bonus_max.value)
        ),
    });
    let small_practice = bonuses.small_practice_line.map(|line| match line {
        SmallPracticeLine::AddedToFinalScore => format!(
            "Small-practice bonus +{} on the final score.",
            number(bonuses.small_practice)
        ),
        SmallPracticeLine::NotAddedNoData => {
            "Small-practice bonus not added: it needs data submitted.".to_string()
        }
        SmallPracticeLine::InQualityNumerator => format!(
            "Small-practice bonus: +{} points in the quality numerator, already inside the quality percent entered.",
            number(rules.small_practice_bonus.value.points)
        ),
    });
    match (complex_patient, small_practice) {
        (None, None) => "No complex patient bonus entered.".into(),
        (Some(line), None) | (None, Some(line)) => line,
        (Some(a), Some(b)) => format!("{a} {b}"),
    }
}

/// Step 7: the final score from the weighted score and the bonuses, capped at 100.
pub(super) fn cap(
    final_score: &FinalScore,
    weighted: f64,
    bonuses: &Bonuses,
    performance_threshold: f64,
    fewer_than_two: bool,
) -> TraceStep {
    TraceStep {
        step: StepKind::Cap,
        title: format!("Final score {}", two_decimals(final_score.published)),
        detail: cap_detail(
            weighted,
            (bonuses.complex_patient, bonuses.small_practice),
            final_score.value,
            final_score.capped_by,
            performance_threshold,
            fewer_than_two,
        ),
        confidence: Confidence::Confirmed,
        source: "42 CFR 414.1380(c): final score = min(100, weighted score + bonuses)".into(),
    }
}

/// Step 9: the band the published score falls in.
pub(super) fn band(rules: &YearRules, payment: &Payment, published_score: f64) -> TraceStep {
    let band = payment.adjustment.band;
    TraceStep {
        step: StepKind::Band,
        title: format!("Band: {}", band.label()),
        detail: format!(
            "{} Bands use the score as CMS publishes it, to two decimals.",
            band_detail(rules, band, published_score)
        ),
        confidence: Confidence::Confirmed,
        source: "42 CFR 414.1405(b); band edges as in CMS, 2024 QPP Participation and Performance Results At-a-Glance, §5".into(),
    }
}

/// Step 9: the base adjustment, with the formula's numbers put in.
pub(super) fn adjustment(
    rules: &YearRules,
    payment: &Payment,
    published_score: f64,
    max: &MaxPositive,
) -> TraceStep {
    TraceStep {
        step: StepKind::Adjustment,
        title: format!("Base adjustment {}", percent(payment.adjustment.base)),
        detail: adjustment_formula(
            rules,
            &payment.adjustment,
            published_score,
            max.value,
            max.origin,
        ),
        confidence: payment.confidence,
        source: if payment.positive() {
            max.source.to_string()
        } else {
            rules.applicable_percent.source.clone()
        },
    }
}

/// A maximum at 100 that is not CMS's published figure (or whose base part is assumed).
pub(super) fn max_positive_assumption(
    rules: &YearRules,
    max: &MaxPositive,
    positive: bool,
) -> Option<String> {
    match max.origin {
        MaxPositiveOrigin::DefaultAssumption => Some(format!(
            "PY{} scaling factor not yet published: assumed {}% at a final score of 100 (the last published maximum).",
            rules.performance_year,
            number(max.value)
        )),
        MaxPositiveOrigin::ScenarioAssumption => Some(format!(
            "Maximum positive adjustment at 100 assumed {}% (set in the scenario).",
            number(max.value)
        )),
        MaxPositiveOrigin::Published => {
            (max.confidence == Confidence::Assumed && positive).then(|| {
                format!(
                    "PY{}: the base part of the published maximum is assumed ({}% at 100; {}).",
                    rules.performance_year,
                    number(max.value),
                    max.source
                )
            })
        }
    }
}

/// Step 9, in PY2017–2022: the exceptional performance bonus, or where it would start.
pub(super) fn exceptional_bonus(
    bonus: &ExceptionalBonus,
    adjustment: &Adjustment,
    published_score: f64,
) -> TraceStep {
    let (title, detail) = exceptional_bonus_words(
        adjustment,
        bonus.max,
        bonus.rules.threshold.value,
        published_score,
    );
    TraceStep {
        step: StepKind::ExceptionalBonus,
        title,
        detail,
        confidence: bonus.confidence,
        source: bonus.rules.max_at_100.source.clone(),
    }
}

/// An exceptional bonus maximum that is assumed (set in the scenario, or not published).
pub(super) fn exceptional_assumption(bonus: &ExceptionalBonus) -> Option<String> {
    (bonus.confidence == Confidence::Assumed).then(|| {
        format!(
            "Exceptional bonus at 100 assumed {}% ({}).",
            number(bonus.max),
            if bonus.set_in_scenario {
                "set in the scenario".to_string()
            } else {
                bonus.rules.max_at_100.source.clone()
            }
        )
    })
}

/// Step 10: the adjustment in dollars.
pub(super) fn dollars(
    rules: &YearRules,
    charges: f64,
    impact: f64,
    payment: &Payment,
) -> TraceStep {
    TraceStep {
        step: StepKind::Dollars,
        title: format!("{} in {}", signed_dollars(impact), rules.payment_year),
        detail: format!(
            "{} Part B allowed charges × {} = {}, assuming the same charges in payment year {}.",
            dollar_amount(charges),
            percent_precise(payment.adjustment.total()),
            signed_dollars(impact),
            rules.payment_year
        ),
        confidence: payment.confidence,
        source: "42 CFR 414.1405: the adjustment applies to Part B covered professional services paid in the payment year".into(),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Why a published score falls in its band, in words.
fn band_detail(rules: &YearRules, band: Band, fs_pub: f64) -> String {
    let (pt, ap) = (rules.pt(), rules.ap());
    match band {
        Band::MaxNegative => format!(
            "{} ≤ {} (a quarter of the threshold): the full −{}%.",
            two_decimals(fs_pub),
            two_decimals(pt / 4.0),
            number(ap)
        ),
        Band::Negative => format!(
            "{} is above {} and below the threshold {}: linear scale from −{}% at 0 to 0% at {}.",
            two_decimals(fs_pub),
            two_decimals(pt / 4.0),
            number(pt),
            number(ap),
            number(pt)
        ),
        Band::Neutral => format!(
            "{} equals the performance threshold: no adjustment.",
            two_decimals(fs_pub)
        ),
        Band::Positive => format!(
            "{} is above the threshold {}: linear scale from 0% to the maximum at 100.",
            two_decimals(fs_pub),
            number(pt)
        ),
        Band::Positive89Plus => format!(
            "{} is 89 or more (CMS keeps this split to compare with the old exceptional band).",
            two_decimals(fs_pub)
        ),
        Band::Exceptional => format!(
            "{} is at or above the additional performance threshold {}: the exceptional performance bonus applies too.",
            two_decimals(fs_pub),
            number(
                rules
                    .exceptional_bonus
                    .as_ref()
                    .map_or(0.0, |e| e.threshold.value)
            )
        ),
    }
}

/// The adjustment formula with the numbers put in.
fn adjustment_formula(
    rules: &YearRules,
    adj: &Adjustment,
    fs_pub: f64,
    max_positive: f64,
    origin: MaxPositiveOrigin,
) -> String {
    let (pt, ap) = (rules.pt(), rules.ap());
    match adj.band {
        Band::MaxNegative => format!("−{}% (the floor).", number(ap)),
        Band::Negative => format!(
            "−{} × ({} − {}) / {} = {}.",
            number(ap),
            number(pt),
            two_decimals(fs_pub),
            number(pt),
            percent_precise(adj.base)
        ),
        Band::Neutral => "0%.".to_string(),
        _ => format!(
            "{} × ({} − {}) / ({} − {}) = {}, where {}% is the base adjustment at 100 ({}).",
            number(max_positive),
            two_decimals(fs_pub),
            number(pt),
            100,
            number(pt),
            percent_precise(adj.base),
            number(max_positive),
            match origin {
                MaxPositiveOrigin::Published => rules.max_positive_basis.label(),
                MaxPositiveOrigin::DefaultAssumption => "ASSUMED: not yet published",
                MaxPositiveOrigin::ScenarioAssumption => "ASSUMED: set in the scenario",
            }
        ),
    }
}

/// The exceptional performance bonus's title and detail.
fn exceptional_bonus_words(adj: &Adjustment, emax: f64, apt: f64, fs_pub: f64) -> (String, String) {
    if adj.exceptional > 0.0 {
        (
            format!("Exceptional performance bonus {}", percent(adj.exceptional)),
            format!(
                "{} × (0.5 + 9.5 × ({} − {}) / ({} − {})) = {}; {}% at 100.",
                number(emax / 10.0),
                two_decimals(fs_pub.max(apt)),
                number(apt),
                100,
                number(apt),
                percent_precise(adj.exceptional),
                number(emax)
            ),
        )
    } else {
        (
            "No exceptional performance bonus".to_string(),
            format!(
                "It starts at the additional performance threshold, {}.",
                number(apt)
            ),
        )
    }
}

/// Which categories are scored, and why the others are not, in words.
fn categories_detail(outcomes: &[CategoryOutcome]) -> String {
    let scored: Vec<&CategoryOutcome> = outcomes
        .iter()
        .filter(|o| o.status == CategoryStatus::Scored)
        .collect();
    let describe_cat = |o: &CategoryOutcome| match o.score {
        Some(s) => format!("{} {}", o.category.short(), number(s)),
        None => o.category.short().to_string(),
    };
    let mut cat_detail = format!(
        "Scored: {}.",
        if scored.is_empty() {
            "none".into()
        } else {
            scored
                .iter()
                .map(|o| describe_cat(o))
                .collect::<Vec<_>>()
                .join(", ")
        }
    );
    for o in outcomes
        .iter()
        .filter(|o| o.status != CategoryStatus::Scored)
    {
        cat_detail.push_str(&format!(
            " {}: {}.",
            o.category.short(),
            o.note.as_ref().map(ToString::to_string).unwrap_or_default()
        ));
    }
    for o in outcomes
        .iter()
        .filter(|o| o.status == CategoryStatus::Scored && o.note.is_some())
    {
        cat_detail.push_str(&format!(
            " {}: {}.",
            o.category.short(),
            o.note.as_ref().map(ToString::to_string).unwrap_or_default()
        ));
    }
    cat_detail
}

/// How the final score comes from the weighted score and the bonuses, capped at 100.
fn cap_detail(
    weighted: f64,
    (cpb, spb): (f64, f64),
    final_score: f64,
    capped_by: f64,
    pt: f64,
    fewer_than_two: bool,
) -> String {
    let fs_pub = super::published_score(final_score);
    let rounding_words = || {
        if (final_score - fs_pub).abs() > 1e-9 {
            format!(
                " CMS publishes it to two decimals: {} → {}, the score that sets the band, the adjustment and the dollars.",
                number(final_score),
                two_decimals(fs_pub)
            )
        } else {
            " CMS publishes it with two decimals.".to_string()
        }
    };
    if fewer_than_two {
        format!(
            "Fewer than two categories scored: the final score is the performance threshold, {}, whatever the scores and bonuses.",
            number(pt)
        )
    } else if capped_by > 0.0 {
        format!(
            "{} + {} bonus = {}, capped at 100 ({} points lost to the cap).",
            number(weighted),
            number(cpb + spb),
            number(weighted + cpb + spb),
            number(capped_by)
        )
    } else {
        format!(
            "{} + {} bonus = {}; under the cap of 100.{}",
            number(weighted),
            number(cpb + spb),
            number(final_score),
            rounding_words()
        )
    }
}
