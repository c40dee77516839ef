//! What each field means for the current result, and WHY an edit has no effect where the
//! rules make a field irrelevant (from the engine's category outcomes).

use super::App;
use super::field::Field;
use crate::engine::CategoryStatus;
use crate::format::number;
use crate::rules::Category;
use crate::scenario::{Participation, ReportingOption};

/// A note about a field for the current scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldNote {
    pub text: String,
    /// The rules ignore what is entered here: edits do not change the result.
    pub ignored: bool,
}

impl FieldNote {
    fn info(text: impl Into<String>) -> Self {
        FieldNote {
            text: text.into(),
            ignored: false,
        }
    }

    fn ignored(text: impl Into<String>) -> Self {
        FieldNote {
            text: text.into(),
            ignored: true,
        }
    }
}

/// Whether the rules ignore what a field holds (the ⊘ mark): the same answer as
/// [`field_note`]'s `ignored`, without building the text (the list asks for every row).
pub fn is_ignored(app: &App, field: Field) -> bool {
    let s = app.scenario();
    let r = &app.computed().result;
    let year = app.year_rules();
    match field {
        Field::Score(c) => {
            let o = r.category(c);
            o.status == CategoryStatus::Ignored
                || (!s.practice.reporting && c != Category::Cost)
                || app_full_credit(app, c)
                || (o.entered.is_some() && o.score != o.entered && o.note.is_some())
                || (r.fewer_than_two_scored && o.status == CategoryStatus::Scored)
        }
        Field::ComplexPatientBonus => {
            year.complex_patient_bonus_max.value == 0.0
                || !s.practice.reporting
                || r.fewer_than_two_scored
        }
        Field::ReportingOption => {
            s.reporting_option == ReportingOption::App && !s.practice.reporting
        }
        Field::ExceptionalBonusMax => year.exceptional_bonus.is_none(),
        _ => false,
    }
}

/// Improvement activities get full credit under the APP, whatever is entered.
fn app_full_credit(app: &App, c: Category) -> bool {
    let s = app.scenario();
    c == Category::ImprovementActivities
        && s.practice.reporting
        && s.reporting_option == ReportingOption::App
        && app
            .year_rules()
            .app
            .as_ref()
            .is_some_and(|a| a.ia_full_credit.value)
}

/// The note the inputs panel shows for a field (and whether its value is ignored).
pub fn field_note(app: &App, field: Field) -> FieldNote {
    let s = app.scenario();
    let r = &app.computed().result;
    let year = app.year_rules();
    match field {
        Field::Score(c) => {
            let o = r.category(c);
            let why = o.note.as_ref().map(ToString::to_string).unwrap_or_default();
            if o.status == CategoryStatus::Ignored {
                return FieldNote::ignored(format!(
                    "{} is {why}: what is entered here does not count.",
                    c.label()
                ));
            }
            if !s.practice.reporting && c != Category::Cost {
                return FieldNote::ignored(format!(
                    "Non-reporting: {} is {why}, whatever is entered (Reporting = no).",
                    c.label()
                ));
            }
            if app_full_credit(app, c) {
                return FieldNote::ignored(format!(
                    "{}: {why}, whatever is entered.",
                    c.label()
                ));
            }
            if o.entered.is_some() && o.score != o.entered && o.note.is_some() {
                return FieldNote::ignored(format!(
                    "{}: {why} — {} is used instead of {}.",
                    c.label(),
                    number(o.score.unwrap_or(0.0)),
                    number(o.entered.unwrap_or(0.0))
                ));
            }
            if r.fewer_than_two_scored && o.status == CategoryStatus::Scored {
                return FieldNote::ignored(format!(
                    "Fewer than two categories are scored, so the final score is the performance threshold ({}) whatever {} is.",
                    number(r.performance_threshold),
                    c.label()
                ));
            }
            if o.status == CategoryStatus::NotScored {
                return FieldNote::info(format!(
                    "{}: {why}. Not scored is not 0: Space scores it again, or type a value.",
                    c.label()
                ));
            }
            let quality_note = year.small_practice_quality_note();
            let extra = match c {
                Category::Quality if r.small_practice => quality_note
                    .as_deref()
                    .map_or(String::new(), |n| format!(" {n}")),
                Category::ImprovementActivities => {
                    " 40 activity points = 100%; rural, HPSA and non-patient-facing clinicians count activities double.".into()
                }
                Category::PromotingInteroperability
                    if r.small_practice && year.small_practice_pi_reweighted() =>
                {
                    " A small practice that sends no PI data is not scored here: press Space."
                        .into()
                }
                _ => String::new(),
            };
            FieldNote::info(format!(
                "{} percent, 0–100: weight {}% now, adds {:.2} points.{extra}",
                c.label(),
                crate::format::weight(o.weight),
                o.contribution
            ))
        }
        Field::ComplexPatientBonus => {
            let max = year.complex_patient_bonus_max.value;
            if max == 0.0 {
                FieldNote::ignored(format!(
                    "PY{} has no complex patient bonus.",
                    s.performance_year
                ))
            } else if !s.practice.reporting {
                FieldNote::ignored(
                    "Not added for a non-reporting clinician: it needs data submitted.",
                )
            } else if r.fewer_than_two_scored {
                FieldNote::ignored(
                    "Not added: with fewer than two categories scored the final score is the threshold.",
                )
            } else {
                FieldNote::info(format!(
                    "Points added to the final score, 0 to {} in PY{}; the total is capped at 100.",
                    number(max),
                    s.performance_year
                ))
            }
        }
        Field::PerformanceYear => FieldNote::info(format!(
            "PY{} → payment year {}: threshold {}, ±{}% applicable percent. Years {}–{}.",
            s.performance_year,
            r.payment_year,
            number(r.performance_threshold),
            number(year.ap()),
            app.years.0,
            app.years.1
        )),
        Field::ReportingOption => {
            let mvp = if year.mvp_available() {
                ""
            } else {
                " MVPs start in PY2023."
            };
            let text = match s.reporting_option {
                ReportingOption::Traditional => "Traditional MIPS weights and redistribution.",
                ReportingOption::Mvp => "MVPs use the traditional weights and redistribution.",
                ReportingOption::App => {
                    "Quality 50 / IA 20 / PI 30; improvement activities get full credit; cost is not scored."
                }
            };
            if s.reporting_option == ReportingOption::App && !s.practice.reporting {
                FieldNote::ignored(
                    "A non-reporting clinician is scored as traditional MIPS, not under the APP.",
                )
            } else {
                FieldNote::info(format!("{text}{mvp}"))
            }
        }
        Field::Participation => FieldNote::info(match s.practice.participation {
            Participation::ApmEntity => {
                "APM Entity: reporting traditional MIPS, a MIPS APM participant gets at least 50% IA credit.".to_string()
            }
            Participation::Subgroup => "Subgroups report MVPs only.".to_string(),
            p => format!(
                "{}: the level data is submitted at; it does not change the arithmetic.{}",
                p.label(),
                if s.reporting_option == ReportingOption::Mvp {
                    ""
                } else {
                    " Subgroup needs MVP reporting."
                }
            ),
        }),
        Field::Reporting => FieldNote::info(if s.practice.reporting {
            "Yes: the clinician submitted data.".to_string()
        } else {
            format!(
                "No (non-reporting): quality, IA and PI score 0{}; cost comes from claims; no bonus.",
                if year.small_practice_pi_reweighted() {
                    " (a small practice's PI is reweighted)"
                } else {
                    ""
                }
            )
        }),
        Field::Clinicians => FieldNote::info(format!(
            "{} clinician{} → {}. {}.",
            s.practice.clinicians,
            if s.practice.clinicians == 1 { "" } else { "s" },
            match s.practice.size_label() {
                "solo" => "solo (a small practice)",
                "small" => "small practice",
                _ => "not a small practice",
            },
            year.small_practice_facts()
        )),
        Field::Rural | Field::Hpsa | Field::NonPatientFacing => FieldNote::info(format!(
            "{}: improvement activities count double. Enter IA as a percent with that included; this flag alone does not change the score.",
            field.name()
        )),
        Field::PartBCharges => FieldNote::info(match s.practice.part_b_allowed_charges {
            Some(_) => format!(
                "Dollars = charges × adjustment, assuming the same charges in {}. Space: none.",
                r.payment_year
            ),
            None => "Not entered: type dollars (or Space) to see the dollar impact.".to_string(),
        }),
        Field::MaxPositive => {
            let published = year.max_positive_adjustment.is_some();
            let d = year.default_max_positive();
            match s.assumptions.max_positive_adjustment {
                None => FieldNote::info(format!(
                    "Not yet published for PY{}: assumed {}% at 100 (the last published maximum; recent years 1.05%–2.34%). Change it to try another.",
                    s.performance_year,
                    number(d.value)
                )),
                Some(v) => FieldNote::info(format!(
                    "Assumed {}% at a final score of 100 ({} {}%). Space: back to the default.",
                    number(v),
                    if published { "published" } else { "default" },
                    number(d.value)
                )),
            }
        }
        Field::ExceptionalBonusMax => match &year.exceptional_bonus {
            None => FieldNote::ignored(format!(
                "PY{} has no exceptional performance bonus.",
                s.performance_year
            )),
            Some(e) => FieldNote::info(format!(
                "Exceptional bonus at 100, from {}% at the threshold {} (published {}%). Space: published value.",
                number(
                    s.assumptions
                        .exceptional_bonus_max
                        .unwrap_or(e.max_at_100.value)
                        / 20.0
                ),
                number(e.threshold.value),
                number(e.max_at_100.value)
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Field;
    use crate::national::National;
    use crate::rules::RuleSet;
    use crate::scenario::Scenario;

    /// The quick ⊘ check and the note agree on every field of varied scenarios.
    #[test]
    fn is_ignored_agrees_with_the_note() {
        let mut cases = Vec::new();
        for year in [2017, 2018, 2022, 2024, 2025] {
            for reporting in [true, false] {
                for option in [ReportingOption::Traditional, ReportingOption::App] {
                    for clinicians in [1, 30] {
                        let mut s = Scenario::default_group();
                        s.performance_year = year;
                        s.practice.reporting = reporting;
                        s.reporting_option = option;
                        s.practice.clinicians = clinicians;
                        if year == 2017 {
                            s.complex_patient_bonus = 0.0;
                        }
                        cases.push(s.clone());
                        s.scores.quality = None;
                        s.scores.cost = None;
                        s.scores.improvement_activities = Some(20.0);
                        s.practice.participation = crate::scenario::Participation::ApmEntity;
                        cases.push(s);
                    }
                }
            }
        }
        for s in cases {
            let app = App::new(RuleSet::embedded().unwrap(), National::embedded(), s, None);
            for f in Field::ALL {
                assert_eq!(
                    is_ignored(&app, f),
                    field_note(&app, f).ignored,
                    "{f:?} in {:?}",
                    app.scenario()
                );
            }
        }
    }
}
