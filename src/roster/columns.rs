//! Which column is which: the scenario's own field names, CMS's QPP Experience public use
//! file (PUF) names of each era, and a mapping file's names, all matched case- and
//! spacing-insensitively.

use crate::rules::Category;

/// What a roster column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The NPI, or an id of the user's own (the row's `id`).
    Id,
    /// A name (the row's `id` when there is no NPI column).
    Name,
    /// CMS's random per-row key (the `id` when there is nothing better).
    ProviderKey,
    Year,
    ReportingOption,
    Participation,
    Clinicians,
    /// CMS's small-practice flag.
    SmallFlag,
    Rural,
    Hpsa,
    NonPatientFacing,
    Reporting,
    /// PY2022+: required to report, submitted nothing.
    NonReporting,
    /// PY2017–2021: reported at least one measure or activity.
    Engaged,
    Charges,
    /// A category score in percent.
    Score(Category),
    /// The improvement activities score in points out of 40 (as the PUF gives it).
    IaPoints,
    /// A category weight as the PUF gives it (a fraction; PY2023+).
    Weight(Category),
    ComplexPatientBonus,
    MaxPositiveAdjustment,
    ExceptionalBonusMax,
    /// CMS's own final score.
    CmsFinalScore,
    /// CMS's own payment adjustment, percent.
    CmsAdjustment,
    /// A flag that the category was approved for reweighting.
    Reweighting(Category),
    /// The final score came from facility-based scoring.
    FacilityScore,
    /// A measure or activity id slot of a category (filled: data was submitted).
    MeasureId(Category),
    /// A column the PUF has that scoring does not need.
    NotNeeded,
}

impl Field {
    /// The scenario's own name of the field, as the documentation lists it.
    pub fn own_name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Name => "name",
            Field::ProviderKey => "provider key",
            Field::Year => "performance_year",
            Field::ReportingOption => "reporting_option",
            Field::Participation => "participation",
            Field::Clinicians => "clinicians",
            Field::SmallFlag => "small practice status",
            Field::Rural => "rural",
            Field::Hpsa => "hpsa",
            Field::NonPatientFacing => "non_patient_facing",
            Field::Reporting => "reporting",
            Field::NonReporting => "non-reporting",
            Field::Engaged => "engaged",
            Field::Charges => "part_b_allowed_charges",
            Field::Score(c) => c.key(),
            Field::IaPoints => "improvement_activities_points",
            Field::Weight(Category::Quality) => "quality category weight",
            Field::Weight(Category::Cost) => "cost category weight",
            Field::Weight(Category::ImprovementActivities) => {
                "improvement activities (ia) category weight"
            }
            Field::Weight(Category::PromotingInteroperability) => {
                "promoting interoperability (pi) category weight"
            }
            Field::ComplexPatientBonus => "complex_patient_bonus",
            Field::MaxPositiveAdjustment => "max_positive_adjustment",
            Field::ExceptionalBonusMax => "exceptional_bonus_max",
            Field::CmsFinalScore => "cms_final_score",
            Field::CmsAdjustment => "cms_payment_adjustment_percent",
            Field::Reweighting(_) => "reweighting flag",
            Field::FacilityScore => "received facility score",
            Field::MeasureId(_) => "measure id",
            Field::NotNeeded => "not needed",
        }
    }
}

/// The PUF's schema era, told from the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Era {
    /// The scenario's own column names (no PUF-only column).
    Own,
    /// PY2017–2021 (`engaged`, `ia score`, `cost score`, …).
    Py2017To2021,
    /// PY2022 (`participation option`, `non-reporting`, no weights).
    Py2022,
    /// PY2023 on (the four category weight columns).
    Py2023On,
}

impl Era {
    pub fn label(self) -> &'static str {
        match self {
            Era::Own => "the scenario's own columns",
            Era::Py2017To2021 => "the PY2017–2021 public use file layout",
            Era::Py2022 => "the PY2022 public use file layout",
            Era::Py2023On => "the PY2023+ public use file layout",
        }
    }

    /// The performance years the layout was published for.
    pub fn years(self) -> Option<(u16, u16)> {
        match self {
            Era::Own => None,
            Era::Py2017To2021 => Some((2017, 2021)),
            Era::Py2022 => Some((2022, 2022)),
            Era::Py2023On => Some((2023, u16::MAX)),
        }
    }

    pub fn contains(self, year: u16) -> bool {
        self.years().is_none_or(|(a, b)| (a..=b).contains(&year))
    }

    /// A PUF era: category zeros can mean "not scored", IA is in points.
    pub fn is_puf(self) -> bool {
        self != Era::Own
    }
}

/// A header as matched: lower case, `_`, `-` and runs of blank space as one space, trimmed,
/// and the scenario file's table prefixes (`practice.`, `scores.`, …) removed.
pub fn normalise(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    let mut space = false;
    for ch in header.trim_start_matches('\u{feff}').chars() {
        if ch.is_whitespace() || ch == '_' || ch == '-' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(ch.to_lowercase());
        }
    }
    for prefix in ["practice.", "scores.", "bonuses.", "assumptions."] {
        if let Some(rest) = out.strip_prefix(prefix) {
            return rest.trim_start().to_string();
        }
    }
    out
}

/// Which of `names` (each as [`normalise`] makes it) a cell's text is. Text that is already
/// in that form but for its ASCII case (the usual cell) is matched without a copy.
pub fn choice(text: &str, names: &[&'static str]) -> Option<&'static str> {
    let t = text.trim();
    let plain = !t.contains("  ")
        && !t.contains('.')
        && t.bytes().all(|b| {
            b.is_ascii() && b != b'_' && b != b'-' && (b == b' ' || !b.is_ascii_whitespace())
        });
    if plain {
        names.iter().copied().find(|n| t.eq_ignore_ascii_case(n))
    } else {
        let n = normalise(text);
        names.iter().copied().find(|name| *name == n)
    }
}

use Category::{Cost, ImprovementActivities as Ia, PromotingInteroperability as Pi, Quality};

/// The scenario's own names (normalised) and the fields they hold.
const OWN: &[(&str, Field)] = &[
    ("id", Field::Id),
    ("npi", Field::Id),
    ("name", Field::Name),
    ("performance year", Field::Year),
    ("year", Field::Year),
    ("reporting option", Field::ReportingOption),
    ("participation", Field::Participation),
    ("clinicians", Field::Clinicians),
    ("rural", Field::Rural),
    ("hpsa", Field::Hpsa),
    ("non patient facing", Field::NonPatientFacing),
    ("reporting", Field::Reporting),
    ("part b allowed charges", Field::Charges),
    ("quality", Field::Score(Quality)),
    ("cost", Field::Score(Cost)),
    ("improvement activities", Field::Score(Ia)),
    ("improvement activities points", Field::IaPoints),
    ("promoting interoperability", Field::Score(Pi)),
    ("complex patient bonus", Field::ComplexPatientBonus),
    ("complex patient", Field::ComplexPatientBonus),
    ("max positive adjustment", Field::MaxPositiveAdjustment),
    ("exceptional bonus max", Field::ExceptionalBonusMax),
    ("cms final score", Field::CmsFinalScore),
    ("cms payment adjustment percent", Field::CmsAdjustment),
];

/// CMS's PUF names (normalised), the fields they hold, and whether the name exists only in
/// the PUF (which makes the file PUF-shaped).
const PUF: &[(&str, Field)] = &[
    ("provider key", Field::ProviderKey),
    ("practice size", Field::Clinicians),
    ("participation type", Field::Participation),
    ("participation option", Field::Participation),
    ("small practitioner", Field::SmallFlag),
    ("small practice status", Field::SmallFlag),
    ("rural clinician", Field::Rural),
    ("rural status", Field::Rural),
    ("hpsa clinician", Field::Hpsa),
    ("health professional shortage area status", Field::Hpsa),
    ("non patient facing status", Field::NonPatientFacing),
    ("engaged", Field::Engaged),
    ("non reporting", Field::NonReporting),
    ("allowed charges", Field::Charges),
    ("final score", Field::CmsFinalScore),
    ("payment adjustment percentage", Field::CmsAdjustment),
    ("quality category score", Field::Score(Quality)),
    ("cost score", Field::Score(Cost)),
    ("cost category score", Field::Score(Cost)),
    ("ia score", Field::IaPoints),
    (
        "improvement activities (ia) category score",
        Field::IaPoints,
    ),
    (
        "promoting interoperability (pi) category score",
        Field::Score(Pi),
    ),
    ("quality category weight", Field::Weight(Quality)),
    ("cost category weight", Field::Weight(Cost)),
    (
        "improvement activities (ia) category weight",
        Field::Weight(Ia),
    ),
    (
        "promoting interoperability (pi) category weight",
        Field::Weight(Pi),
    ),
    ("extreme hardship quality", Field::Reweighting(Quality)),
    ("quality reweighting (euc)", Field::Reweighting(Quality)),
    ("extreme hardship pi", Field::Reweighting(Pi)),
    ("pi hardship", Field::Reweighting(Pi)),
    ("pi reweighting", Field::Reweighting(Pi)),
    ("pi reweighting (euc)", Field::Reweighting(Pi)),
    (
        "pi reweighting (hardship exception)",
        Field::Reweighting(Pi),
    ),
    (
        "pi reweighting (special status or clinician type)",
        Field::Reweighting(Pi),
    ),
    ("extreme hardship ia", Field::Reweighting(Ia)),
    ("ia reweighting (euc)", Field::Reweighting(Ia)),
    ("extreme hardship cost", Field::Reweighting(Cost)),
    ("cost reweighting (euc)", Field::Reweighting(Cost)),
    ("received facility score", Field::FacilityScore),
    // Columns scoring does not need (known, so not reported as unrecognised).
    ("practice state or us territory", Field::NotNeeded),
    ("clinician specialty", Field::NotNeeded),
    ("clinician type", Field::NotNeeded),
    ("years in medicare", Field::NotNeeded),
    ("medicare patients", Field::NotNeeded),
    ("services", Field::NotNeeded),
    ("opted into mips", Field::NotNeeded),
    ("ambulatory surgical center", Field::NotNeeded),
    ("ambulatory surgical center based status", Field::NotNeeded),
    ("hospital based clinician", Field::NotNeeded),
    ("hospital based status", Field::NotNeeded),
    ("facility based", Field::NotNeeded),
    ("facility based status", Field::NotNeeded),
    ("safety net status", Field::NotNeeded),
    ("dual eligibility ratio", Field::NotNeeded),
    ("extreme hardship", Field::NotNeeded),
    (
        "extreme uncontrollable circumstance (euc)",
        Field::NotNeeded,
    ),
    ("quality improvement bonus", Field::NotNeeded),
    ("quality improvement score", Field::NotNeeded),
    ("quality bonus", Field::NotNeeded),
    ("small practice bonus", Field::NotNeeded),
    ("pi bonus", Field::NotNeeded),
    ("pi cehrt id", Field::NotNeeded),
    ("cehrt id", Field::NotNeeded),
    ("ia study", Field::NotNeeded),
    ("ia credit", Field::NotNeeded),
    ("mips value pathway id", Field::NotNeeded),
    ("mips value pathway title", Field::NotNeeded),
    ("cost improvement score", Field::NotNeeded),
];

/// The results a roster saved by the explorer carries beside its inputs (normalised):
/// passed over when it is read again (as are its columns named `… (as read)`).
pub const RESULT_NAMES: &[&str] = &[
    "scored final score",
    "scored band",
    "scored payment adjustment percent",
    "scored dollar impact",
    "scored confidence",
];

/// The field a (normalised) name holds, and whether it is a PUF name.
pub fn lookup(normalised: &str) -> Option<(Field, bool)> {
    // A saved roster's cells kept as they were read (`ia score (as read)`): not read.
    if RESULT_NAMES.contains(&normalised) || normalised.ends_with("(as read)") {
        return Some((Field::NotNeeded, false));
    }
    if let Some((_, f)) = OWN.iter().find(|(n, _)| *n == normalised) {
        return Some((*f, false));
    }
    if let Some((_, f)) = PUF.iter().find(|(n, _)| *n == normalised) {
        return Some((*f, true));
    }
    measure_slot(normalised).map(|f| (f, true))
}

/// `quality measure id 3`, `pi measure type 11`, `cost measure achievement points 24`, …
fn measure_slot(name: &str) -> Option<Field> {
    let (head, number) = name.rsplit_once(' ')?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (category, rest) = head.split_once(" measure ")?;
    let category = match category {
        "quality" => Quality,
        "pi" => Pi,
        "ia" => Ia,
        "cost" => Cost,
        _ => return None,
    };
    match rest {
        "id" => Some(Field::MeasureId(category)),
        "score" | "collection type" | "type" | "achievement points" => Some(Field::NotNeeded),
        _ => None,
    }
}

/// Every name a mapping file may map a column to: the scenario's own names, and `ignore`.
pub fn own_names() -> Vec<&'static str> {
    OWN.iter().map(|(n, _)| *n).collect()
}

/// The era a set of (normalised) headers belongs to.
pub fn era_of(headers: &[String]) -> Era {
    let has = |n: &str| headers.iter().any(|h| h == n);
    if has("quality category weight")
        || has("promoting interoperability (pi) category weight")
        || has("cost category weight")
        || has("improvement activities (ia) category weight")
    {
        Era::Py2023On
    } else if has("engaged") || has("ia score") || has("cost score") {
        Era::Py2017To2021
    } else if has("participation option")
        || has("non reporting")
        || has("improvement activities (ia) category score")
        || has("cost category score")
    {
        Era::Py2022
    } else {
        Era::Own
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_whatever_the_case_and_spacing() {
        assert_eq!(
            normalise("  Promoting  Interoperability (PI) Category Score "),
            "promoting interoperability (pi) category score"
        );
        assert_eq!(normalise("scores.quality"), "quality");
        assert_eq!(
            normalise("practice.Part_B_Allowed_Charges"),
            "part b allowed charges"
        );
        assert_eq!(normalise("\u{feff}NPI"), "npi");
        assert_eq!(normalise("non-patient facing"), "non patient facing");
        assert_eq!(
            lookup(&normalise("Non_Patient_Facing")),
            Some((Field::NonPatientFacing, false))
        );
    }

    #[test]
    fn choices_match_as_normalised_names_do() {
        let names = [
            "",
            "virtual group",
            "mips apm",
            "apm performance pathway (app)",
        ];
        for (text, want) in [
            ("", Some("")),
            ("  ", Some("")),
            ("Virtual Group", Some("virtual group")),
            (" VIRTUAL_group ", Some("virtual group")),
            ("virtual  group", Some("virtual group")),
            ("MIPS APM", Some("mips apm")),
            (
                "APM Performance Pathway (APP)",
                Some("apm performance pathway (app)"),
            ),
            ("practice.mips apm", Some("mips apm")),
            ("virtual\tgroup", Some("virtual group")),
            ("Virtuál group", None),
            ("group", None),
        ] {
            assert_eq!(choice(text, &names), want, "{text:?}");
            let slow = names.iter().copied().find(|n| *n == normalise(text));
            assert_eq!(choice(text, &names), slow, "{text:?}");
        }
    }

    #[test]
    fn measure_slots_are_known() {
        assert_eq!(
            lookup("quality measure id 12"),
            Some((Field::MeasureId(Quality), true))
        );
        assert_eq!(
            lookup("cost measure achievement points 24"),
            Some((Field::NotNeeded, true))
        );
        assert_eq!(lookup("quality measure id x"), None);
        assert_eq!(lookup("wellness measure id 1"), None);
    }

    #[test]
    fn the_era_follows_the_header() {
        let h = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            era_of(&h(&["npi", "engaged", "ia score"])),
            Era::Py2017To2021
        );
        assert_eq!(
            era_of(&h(&["npi", "participation option", "non reporting"])),
            Era::Py2022
        );
        assert_eq!(
            era_of(&h(&["participation option", "quality category weight"])),
            Era::Py2023On
        );
        assert_eq!(era_of(&h(&["quality", "cost"])), Era::Own);
    }
}
