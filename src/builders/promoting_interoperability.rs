//! The Promoting Interoperability category (ACI in PY2017) from its measures
//! (42 CFR 414.1380(b)(4)), PY2017–2026.

use crate::engine::MeasureStep;
use serde::Serialize;

use super::{CategoryBuild, Context, Marks, MeasureScore, Trace, num};
use crate::measures::{PiMeasure, YearMeasures};
use crate::rules::{Category, Confidence};

/// What was reported for one PI measure.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PiValue {
    /// Proportion measures: numerator over denominator.
    Fraction { numerator: f64, denominator: f64 },
    /// Yes/no measures and attestations.
    Attested(bool),
    /// An exclusion claimed for the measure.
    Excluded,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PiMeasureInput {
    pub id: String,
    pub value: PiValue,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PiInput {
    pub measures: Vec<PiMeasureInput>,
    /// PY2018: used 2015 Edition CEHRT only (+10 bonus).
    pub cehrt_2015_edition: bool,
    /// PY2017–2018: an improvement activity done with CEHRT (+10 bonus).
    pub improvement_activity_with_cehrt: bool,
    /// The continuous reporting period, in days; `None`: at least the year's minimum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_days: Option<u32>,
}

/// The minimum continuous Promoting Interoperability reporting period of a year, in days.
pub fn minimum_period_days(year: u16) -> u32 {
    if year >= 2024 { 180 } else { 90 }
}

const SOURCE: &str = "42 CFR 414.1380(b)(4) (Promoting Interoperability)";
const SOURCE_SMALL_PRACTICE: &str =
    "42 CFR 414.1380(c)(2)(i)(C)(9) (small practices: Promoting Interoperability reweighted)";
/// The first year a small practice with no PI data is reweighted without an application.
pub const SMALL_PRACTICE_REWEIGHTING_FIRST_YEAR: u16 = 2022;
const SOURCE_IA_BONUS: &str = "42 CFR 414.1380(b)(4)(i)(C)(2) (improvement activity using CEHRT)";

/// The registry a public-health measure id belongs to (`PI_PHCDRR_1_PRE` → `PI_PHCDRR_1`).
fn base_id(id: &str) -> &str {
    for suffix in ["_PRE", "_PROD", "_MULTI"] {
        if let Some(base) = id.strip_suffix(suffix) {
            return base;
        }
    }
    id
}

/// Attestation statements (information blocking, ONC direct review): assumed attested when
/// not listed.
fn is_statement(m: &PiMeasure) -> bool {
    m.id.contains("INFBLO") || m.id.contains("ONCDIR")
}

/// A reported value, resolved against exclusions listed as their own measures.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Reported {
    Missing,
    Rate { numerator: f64, denominator: f64 },
    Yes,
    No,
    Excluded,
}

struct Reports<'a> {
    data: &'a YearMeasures,
    input: &'a PiInput,
}

impl Reports<'_> {
    fn get(&self, id: &str) -> Reported {
        let direct = self
            .input
            .measures
            .iter()
            .filter(|m| m.id == id || base_id(&m.id) == id)
            .map(|m| match m.value {
                PiValue::Fraction {
                    numerator,
                    denominator,
                } => Reported::Rate {
                    numerator,
                    denominator,
                },
                PiValue::Attested(true) => Reported::Yes,
                PiValue::Attested(false) => Reported::No,
                PiValue::Excluded => Reported::Excluded,
            })
            .max_by_key(|r| match r {
                Reported::Missing => 0,
                Reported::No => 1,
                Reported::Rate { .. } => 2,
                Reported::Yes => 3,
                Reported::Excluded => 4,
            });
        if let Some(r) = direct {
            return r;
        }
        // An exclusion measure attested "yes" excludes the measure it belongs to.
        let excluded = self.input.measures.iter().any(|m| {
            m.value == PiValue::Attested(true)
                && self.exclusion_target(&m.id).as_deref() == Some(id)
        });
        if excluded {
            Reported::Excluded
        } else {
            Reported::Missing
        }
    }

    /// The measure an exclusion measure excludes.
    fn exclusion_target(&self, exclusion: &str) -> Option<String> {
        if let Some(m) = self
            .data
            .promoting_interoperability
            .iter()
            .find(|m| m.exclusions.iter().any(|e| e == exclusion))
        {
            return Some(m.id.clone());
        }
        exclusion.rfind("_EX_").map(|i| exclusion[..i].to_string())
    }

    fn yes(&self, id: &str) -> bool {
        match self.get(id) {
            Reported::Yes => true,
            Reported::Rate { numerator, .. } => numerator >= 1.0,
            _ => false,
        }
    }
}

/// Scores the Promoting Interoperability category.
pub fn build(data: &YearMeasures, context: &Context, input: &PiInput) -> CategoryBuild {
    let year = context.performance_year;
    let reports = Reports { data, input };
    let mut trace = Trace::new();
    let mut scores: Vec<MeasureScore> = Vec::new();
    let mut zeroed: Vec<String> = Vec::new();
    let mut bonus = 0.0;
    // A small practice that submits no PI data is not scored (reweighted) from PY2022.
    if input.measures.is_empty() && context.small() && year >= SMALL_PRACTICE_REWEIGHTING_FIRST_YEAR
    {
        trace.step(
            MeasureStep::PiScore,
            "Promoting Interoperability not scored".into(),
            format!(
                "a small practice ({} clinicians) that submits no Promoting Interoperability data is reweighted automatically from PY{SMALL_PRACTICE_REWEIGHTING_FIRST_YEAR}; its weight goes to the other categories",
                context.clinicians
            ),
            Confidence::Confirmed,
            SOURCE_SMALL_PRACTICE,
        );
        let (steps, confidence) = trace.finish();
        return CategoryBuild {
            category: Category::PromotingInteroperability,
            performance_year: year,
            percent: None,
            measures: scores,
            numerator: 0.0,
            denominator: 100.0,
            bonus_points: 0.0,
            improvement: 0.0,
            confidence,
            steps,
        };
    }
    let total = if year <= 2018 {
        transition_era(
            data,
            &reports,
            input,
            &mut scores,
            &mut zeroed,
            &mut bonus,
            &mut trace,
        )
    } else {
        performance_era(
            data,
            year,
            &reports,
            &mut scores,
            &mut zeroed,
            &mut bonus,
            &mut trace,
        )
    };
    // Required statements and the security risk analysis.
    for m in data
        .promoting_interoperability
        .iter()
        .filter(|m| m.required)
    {
        let statement = is_statement(m);
        let safer = m.id == "PI_PPHI_2";
        if !(statement || safer || m.id.ends_with("PPHI_1")) {
            continue;
        }
        if year <= 2018
            && m.transition
                != reports
                    .input
                    .measures
                    .iter()
                    .any(|i| data.pi_measure(&i.id).is_some_and(|d| d.transition))
            && !statement
        {
            continue;
        }
        let reported = reports.get(&m.id);
        let ok = match reported {
            Reported::Yes => true,
            Reported::Missing if statement => {
                trace.note(Confidence::Assumed);
                true
            }
            Reported::No if safer && year < 2024 => true,
            _ => false,
        };
        let mut s = score(&m.id, 0.0, 0.0);
        s.counted = true;
        s.reason = match (ok, reported) {
            (true, Reported::Missing) => "required attestation: assumed attested (list it with attested = false to see the category at 0)".into(),
            (true, Reported::No) => "SAFER Guides: \"no\" accepted before PY2024".into(),
            (true, _) => "required: reported".into(),
            (false, Reported::Missing) => "required: not reported".into(),
            (false, _) => "required: answered \"no\"".into(),
        };
        if safer {
            trace.note(Confidence::Assumed);
        }
        if !ok {
            zeroed.push(format!("{} ({})", m.id, m.title));
        }
        scores.push(s);
    }
    // The minimum continuous period (90 days; 180 from PY2024).
    let short_period = input
        .period_days
        .filter(|&days| days < minimum_period_days(year))
        .map(|days| {
            trace.note(Confidence::Likely);
            format!(
                "a reporting period of {days} days is under PY{year}'s minimum of {} continuous days → category 0",
                minimum_period_days(year)
            )
        });
    let (percent, detail) = if let Some(why) = short_period.clone() {
        (0.0, why)
    } else if zeroed.is_empty() {
        let p = (total + bonus).min(100.0);
        (
            p,
            format!(
                "{} measure points + {} bonus = {}{}",
                num(total),
                num(bonus),
                num(total + bonus),
                if total + bonus > 100.0 {
                    ", capped at 100"
                } else {
                    ""
                }
            ),
        )
    } else {
        (
            0.0,
            format!(
                "a required measure is missing, zero or \"no\" and not excluded: {} → category 0",
                zeroed.join(", ")
            ),
        )
    };
    trace.step(
        MeasureStep::PiScore,
        format!("Promoting Interoperability {}%", num(percent)),
        detail,
        Confidence::Confirmed,
        SOURCE,
    );
    let (steps, confidence) = trace.finish();
    CategoryBuild {
        category: Category::PromotingInteroperability,
        performance_year: year,
        percent: Some(percent),
        measures: scores,
        numerator: if zeroed.is_empty() && short_period.is_none() {
            total + bonus
        } else {
            0.0
        },
        denominator: 100.0,
        bonus_points: bonus,
        improvement: 0.0,
        confidence,
        steps,
    }
}

fn score(id: &str, points: f64, max: f64) -> MeasureScore {
    MeasureScore {
        id: id.to_string(),
        collection_type: None,
        value: None,
        points,
        max_points: max,
        decile: None,
        counted: true,
        reason: String::new(),
        marks: Marks::default(),
        confidence: Confidence::Confirmed,
    }
}

/// PY2017–2018: base score (50, all or nothing), performance score (10% bands), bonus.
fn transition_era(
    data: &YearMeasures,
    reports: &Reports,
    input: &PiInput,
    scores: &mut Vec<MeasureScore>,
    zeroed: &mut Vec<String>,
    bonus: &mut f64,
    trace: &mut Trace,
) -> f64 {
    let year = data.performance_year;
    let transition = input
        .measures
        .iter()
        .any(|m| data.pi_measure(&m.id).is_some_and(|d| d.transition));
    let in_set = |m: &PiMeasure| m.transition == transition;
    // Base: every required base measure reported (numerator ≥ 1 or yes), or excluded.
    let mut base_lines = Vec::new();
    for m in data.promoting_interoperability.iter().filter(|m| {
        m.required && m.reporting_category == "base" && in_set(m) && !m.id.ends_with("PPHI_1")
    }) {
        let r = reports.get(&m.id);
        let ok = matches!(r, Reported::Excluded) || reports.yes(&m.id);
        if !ok {
            zeroed.push(format!("{} ({})", m.id, m.title));
        }
        base_lines.push(format!(
            "{} {}",
            m.id,
            if ok { "reported" } else { "missing" }
        ));
    }
    let base = 50.0;
    // Performance: 10% bands of each performance measure's rate, up to its weight.
    let mut performance = 0.0;
    for m in data
        .promoting_interoperability
        .iter()
        .filter(|m| in_set(m) && m.weight.unwrap_or(0.0) > 0.0)
        .filter(|m| {
            matches!(m.reporting_category.as_str(), "base" | "performanceBonus") && !m.bonus
        })
    {
        let weight = m.weight.unwrap_or(0.0);
        let r = reports.get(&m.id);
        if r == Reported::Missing {
            continue;
        }
        let mut s = score(&m.id, 0.0, weight);
        match r {
            Reported::Rate {
                numerator,
                denominator,
            } if denominator > 0.0 => {
                let rate = (numerator / denominator * 100.0).clamp(0.0, 100.0);
                let band = (rate / 10.0).ceil().clamp(0.0, 10.0);
                s.value = Some(rate);
                s.points = band * weight / 10.0;
                s.reason = format!("{}% → band {} of 10", num(rate), num(band));
            }
            Reported::Yes => {
                s.points = weight;
                s.reason = "yes".into();
            }
            Reported::Excluded => s.reason = "excluded".into(),
            _ => s.reason = "0".into(),
        }
        s.confidence = Confidence::Likely;
        performance += s.points;
        scores.push(s);
    }
    let performance_capped = performance.min(90.0);
    // Bonuses.
    let registry = data
        .promoting_interoperability
        .iter()
        .filter(|m| in_set(m) && m.reporting_category == "registryBonus")
        .any(|m| reports.yes(&m.id));
    let mut lines = Vec::new();
    if registry {
        *bonus += 5.0;
        lines.push("another public-health or clinical-data registry +5".to_string());
    }
    let ia = input.improvement_activity_with_cehrt
        || data
            .promoting_interoperability
            .iter()
            .filter(|m| m.reporting_category == "cehrtBonus")
            .any(|m| reports.yes(&m.id));
    if ia {
        *bonus += 10.0;
        lines.push("improvement activity done with CEHRT +10".into());
    }
    if year == 2018 && input.cehrt_2015_edition {
        *bonus += 10.0;
        lines.push("2015 Edition CEHRT only +10".into());
    }
    trace.step(
        MeasureStep::PiMeasures,
        format!(
            "{}: base {} + performance {} + bonus {}",
            if year == 2017 { "Advancing Care Information" } else { "Promoting Interoperability" },
            num(base),
            num(performance_capped),
            num(*bonus)
        ),
        format!(
            "{} measure set; base (all required base measures, else 0): {}; performance (10% bands, at most 90){}; bonus: {}",
            if transition { "2014 Edition transition" } else { "standard" },
            base_lines.join(", "),
            if performance > 90.0 { format!(" {} capped at 90", num(performance)) } else { String::new() },
            if lines.is_empty() { "none".into() } else { lines.join(", ") }
        ),
        Confidence::Likely,
        &format!("{SOURCE}; {SOURCE_IA_BONUS}"),
    );
    base + performance_capped
}

/// Points of a proportion measure from PY2019: round(numerator / denominator × max), at least 1
/// when the numerator is 1 or more.
pub fn proportion_points(numerator: f64, denominator: f64, max: f64) -> f64 {
    if denominator <= 0.0 || numerator <= 0.0 {
        return 0.0;
    }
    let share = (numerator / denominator).clamp(0.0, 1.0);
    (share * max).round().max(1.0)
}

/// PY2019–2026: performance-based measure scores.
fn performance_era(
    data: &YearMeasures,
    year: u16,
    reports: &Reports,
    scores: &mut Vec<MeasureScore>,
    zeroed: &mut Vec<String>,
    bonus: &mut f64,
    trace: &mut Trace,
) -> f64 {
    let modern = year >= 2023;
    let mut ep = 10.0;
    let pdmp_required = modern;
    let hie_each = if modern { 15.0 } else { 20.0 };
    let mut pea = if modern { 25.0 } else { 40.0 };
    let public_health = if modern { 25.0 } else { 10.0 };
    let mut lines: Vec<String> = Vec::new();
    let mut redistribution: Vec<String> = Vec::new();
    let mut extra_hie = 0.0;

    // Query of PDMP: required yes/no from PY2023 (10); a bonus before.
    let pdmp = reports.get("PI_EP_2");
    let mut pdmp_points = 0.0;
    if pdmp_required {
        match pdmp {
            Reported::Yes => pdmp_points = 10.0,
            Reported::Excluded => {
                ep += 10.0;
                redistribution.push("PDMP excluded: its 10 points to e-Prescribing".into());
                trace.note(Confidence::Likely);
            }
            _ => zeroed.push("PI_EP_2 (Query of PDMP)".into()),
        }
    } else if reports.yes("PI_EP_2") {
        let b = if year == 2022 { 10.0 } else { 5.0 };
        *bonus += b;
        lines.push(format!("Query of PDMP bonus +{}", num(b)));
    }
    if pdmp != Reported::Missing && data.pi_measure("PI_EP_2").is_some() {
        let mut s = score(
            "PI_EP_2",
            pdmp_points,
            if pdmp_required { 10.0 } else { 0.0 },
        );
        s.reason = match pdmp {
            Reported::Excluded => "excluded".into(),
            _ if pdmp_required => if pdmp_points > 0.0 {
                "yes: 10"
            } else {
                "required: not \"yes\""
            }
            .into(),
            _ => "bonus".into(),
        };
        scores.push(s);
    }
    if year == 2019 && reports.yes("PI_EP_3") {
        *bonus += 5.0;
        lines.push("Verify Opioid Treatment Agreement bonus +5".into());
    }

    // e-Prescribing.
    let ep_report = reports.get("PI_EP_1");
    let mut total = pdmp_points;
    let ep_excluded = ep_report == Reported::Excluded;
    if ep_excluded {
        extra_hie += ep;
        redistribution.push(format!(
            "e-Prescribing excluded: its {} points to health information exchange",
            num(ep)
        ));
        trace.note(if modern {
            Confidence::Likely
        } else {
            Confidence::Assumed
        });
        let mut s = score("PI_EP_1", 0.0, 0.0);
        s.reason = "excluded".into();
        scores.push(s);
    } else {
        total += proportion_measure(reports, "PI_EP_1", ep, scores, zeroed);
    }

    // Health information exchange: both referral-loop measures, or one bi-directional (or, from
    // PY2023, TEFCA) measure.
    let alternatives: &[&str] = match year {
        2019 | 2020 => &[],
        2021 | 2022 => &["PI_HIE_5"],
        _ => &["PI_HIE_5", "PI_HIE_6"],
    };
    let alternative = alternatives.iter().copied().find(|id| reports.yes(id));
    if let Some(alt) = alternative {
        let max = 2.0 * hie_each + extra_hie;
        let mut s = score(alt, max, max);
        s.reason = format!(
            "yes: {} (in place of both referral-loop measures)",
            num(max)
        );
        if !modern {
            s.confidence = Confidence::Likely;
            trace.note(Confidence::Likely);
        }
        total += max;
        scores.push(s);
    } else {
        let sending = reports.get("PI_HIE_1");
        let receiving = reports.get("PI_HIE_4");
        let open = [sending, receiving]
            .iter()
            .filter(|r| **r != Reported::Excluded)
            .count();
        for (id, r) in [("PI_HIE_1", sending), ("PI_HIE_4", receiving)] {
            if r == Reported::Excluded {
                pea += hie_each;
                redistribution.push(format!(
                    "{id} excluded: its {} points to Provide Patients Electronic Access",
                    num(hie_each)
                ));
                trace.note(Confidence::Assumed);
                let mut s = score(id, 0.0, 0.0);
                s.reason = "excluded".into();
                scores.push(s);
            } else {
                let max = hie_each
                    + if open > 0 {
                        extra_hie / open as f64
                    } else {
                        0.0
                    };
                total += proportion_measure(reports, id, max, scores, zeroed);
            }
        }
        if open == 0 && extra_hie > 0.0 {
            pea += extra_hie;
            redistribution.push("e-Prescribing points to Provide Patients Electronic Access (both exchange measures excluded)".into());
        }
    }

    // Public health and clinical data exchange.
    let registries: &[&str] = &[
        "PI_PHCDRR_1",
        "PI_PHCDRR_2",
        "PI_PHCDRR_3",
        "PI_PHCDRR_4",
        "PI_PHCDRR_5",
    ];
    if year >= 2022 {
        // Immunization and electronic case reporting, both required; another registry +5.
        let immunization = reports.get("PI_PHCDRR_1");
        let case = reports.get("PI_PHCDRR_3");
        let both_excluded = immunization == Reported::Excluded && case == Reported::Excluded;
        let ok = |r: Reported| r == Reported::Yes || r == Reported::Excluded;
        let mut s = score("PI_PHCDRR_1+3", 0.0, public_health);
        if both_excluded {
            pea += public_health;
            redistribution.push(format!("both public-health measures excluded: {} points to Provide Patients Electronic Access", num(public_health)));
            trace.note(Confidence::Assumed);
            s.reason = "both excluded".into();
            s.max_points = 0.0;
        } else if ok(immunization) && ok(case) {
            s.points = public_health;
            total += public_health;
            s.reason = "immunization and electronic case reporting: yes (or excluded)".into();
            if immunization == Reported::Excluded || case == Reported::Excluded {
                trace.note(Confidence::Assumed);
            }
        } else {
            zeroed.push(
                "PI_PHCDRR_1 / PI_PHCDRR_3 (immunization and electronic case reporting)".into(),
            );
            s.reason =
                "required: immunization and electronic case reporting, each yes or excluded".into();
        }
        scores.push(s);
        if ["PI_PHCDRR_2", "PI_PHCDRR_4", "PI_PHCDRR_5"]
            .iter()
            .any(|id| reports.yes(id))
        {
            *bonus += 5.0;
            lines.push("another public-health or clinical-data registry +5".into());
        }
    } else {
        // Two registries "yes" (or one yes and exclusions for the rest): 10, pass/fail.
        let yes = registries.iter().filter(|id| reports.yes(id)).count();
        let excluded = registries
            .iter()
            .filter(|id| reports.get(id) == Reported::Excluded)
            .count();
        let mut s = score("PI_PHCDRR", 0.0, public_health);
        if yes >= 2 || (yes == 1 && excluded >= 1) {
            s.points = public_health;
            total += public_health;
            s.reason = format!("{yes} registries yes: {}", num(public_health));
        } else if yes == 0 && excluded >= 2 {
            pea += public_health;
            redistribution.push(format!(
                "public-health measures excluded: {} points to Provide Patients Electronic Access",
                num(public_health)
            ));
            trace.note(Confidence::Assumed);
            s.reason = "excluded".into();
            s.max_points = 0.0;
        } else {
            zeroed.push("public health and clinical data exchange (two registries)".into());
            s.reason = "required: two registries yes (or one yes and exclusions)".into();
        }
        scores.push(s);
    }
    // Provide Patients Electronic Access.
    total += proportion_measure(reports, "PI_PEA_1", pea, scores, zeroed);

    let detail = format!(
        "e-Prescribing {}, health information exchange {} each (or one bi-directional measure for both), Provide Patients Electronic Access {}, public health {}; proportions scored round(numerator / denominator × points), at least 1{}{}",
        num(if ep_excluded { 0.0 } else { ep }),
        num(hie_each),
        num(pea),
        num(public_health),
        if redistribution.is_empty() {
            String::new()
        } else {
            format!("; {}", redistribution.join("; "))
        },
        if lines.is_empty() {
            String::new()
        } else {
            format!("; bonus: {}", lines.join(", "))
        }
    );
    trace.step(
        MeasureStep::PiMeasures,
        format!(
            "Promoting Interoperability measures {} + bonus {}",
            num(total),
            num(*bonus)
        ),
        detail,
        if modern {
            Confidence::Confirmed
        } else {
            Confidence::Likely
        },
        SOURCE,
    );
    total
}

/// A required proportion measure: points, or a zeroing note when missing or 0.
fn proportion_measure(
    reports: &Reports,
    id: &str,
    max: f64,
    scores: &mut Vec<MeasureScore>,
    zeroed: &mut Vec<String>,
) -> f64 {
    let r = reports.get(id);
    let mut s = score(id, 0.0, max);
    match r {
        Reported::Rate {
            numerator,
            denominator,
        } if numerator >= 1.0 && denominator > 0.0 => {
            s.points = proportion_points(numerator, denominator, max);
            s.value = Some(numerator / denominator * 100.0);
            s.reason = format!(
                "{}/{} × {} = {}",
                num(numerator),
                num(denominator),
                num(max),
                num(s.points)
            );
        }
        Reported::Yes => {
            s.points = max;
            s.reason = "yes".into();
        }
        Reported::Missing => {
            s.reason = "required: not reported".into();
            zeroed.push(id.to_string());
        }
        _ => {
            s.reason = "required: numerator 0 or \"no\"".into();
            zeroed.push(id.to_string());
        }
    }
    let points = s.points;
    scores.push(s);
    points
}
