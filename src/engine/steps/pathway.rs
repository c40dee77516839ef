//! Step 2: how the clinician is scored (traditional MIPS, an MVP, the APP).

use std::borrow::Cow;

use crate::rules::{AppRules, Confidence, Pathway, YearRules};
use crate::scenario::{ReportingOption, Scenario};

/// Step 2: how the clinician is scored.
pub(in crate::engine) struct PathwayChoice<'a> {
    /// The year's APP rules, if it has them.
    pub app_rules: Option<&'a AppRules>,
    pub pathway: Pathway,
    /// What the result says the clinician is scored as.
    pub scoring: Cow<'static, str>,
    /// The trace's words for it (borrowed: nothing is copied on the numbers path).
    pub detail: Cow<'a, str>,
    pub confidence: Confidence,
    pub source: Cow<'a, str>,
}

pub(in crate::engine) fn pathway<'a>(
    scenario: &Scenario,
    rules: &'a YearRules,
) -> PathwayChoice<'a> {
    let reporting = scenario.practice.reporting;
    let app_rules = rules.app.as_ref();
    // The reporting option in force: an MVP or APP the year lacks is traditional.
    let option = match scenario.reporting_option {
        ReportingOption::Mvp if !rules.mvp_available() => ReportingOption::Traditional,
        ReportingOption::App if app_rules.is_none() => ReportingOption::Traditional,
        o => o,
    };
    let pathway = if option == ReportingOption::App && reporting {
        Pathway::App
    } else {
        Pathway::Traditional
    };
    let scoring = match (pathway, option) {
        (Pathway::App, _) => app_rules.map_or(Cow::Borrowed("APP"), |a| Cow::Owned(a.name.clone())),
        (_, ReportingOption::Mvp) => Cow::Borrowed("MVP"),
        _ => Cow::Borrowed("Traditional MIPS"),
    };
    let (detail, confidence, source) = if !reporting {
        (
            Cow::Borrowed(
                "Non-reporting: no data submitted. Quality, IA and PI are required and score 0 (a small practice's PI is reweighted from PY2022); cost is computed by CMS from claims; no complex patient bonus.",
            ),
            Confidence::Likely,
            Cow::Borrowed(
                "42 CFR 414.1380(c); CMS, 2024 QPP Participation and Performance Results At-a-Glance, note 1 (non-reporting clinicians still receive a final score)",
            ),
        )
    } else {
        match (pathway, option) {
            (Pathway::App, _) => {
                let a = app_rules.expect("app pathway implies app rules");
                (
                    Cow::Owned(format!(
                        "{}: quality 50 / cost 0 / IA 20 / PI 30; improvement activities get full credit whatever is entered; cost is not scored.",
                        a.name
                    )),
                    a.ia_full_credit.confidence,
                    Cow::Borrowed(a.ia_full_credit.source.as_str()),
                )
            }
            (_, ReportingOption::Mvp) => {
                let m = rules.mvp.as_ref().expect("mvp option implies mvp rules");
                (
                    Cow::Borrowed(
                        "MVP reporting uses the traditional MIPS weights and redistribution.",
                    ),
                    m.confidence,
                    Cow::Borrowed(m.source.as_str()),
                )
            }
            _ => (
                Cow::Borrowed("Traditional MIPS weights and redistribution."),
                Confidence::Confirmed,
                Cow::Borrowed("42 CFR 414.1380(c)"),
            ),
        }
    };
    PathwayChoice {
        app_rules,
        pathway,
        scoring,
        detail,
        confidence,
        source,
    }
}
