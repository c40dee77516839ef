//! The details a client report carries about itself: its title, who it is for, who prepared
//! it, its date and a free-text note or recommendation. All given by the user (the report
//! never reads the clock: a date is only "today" when the user asks for it).

/// What the report says about itself. Every part is optional; an empty part is left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportDetails {
    /// The report's title ("MIPS options for 2025"); "MIPS what-if report" without one.
    pub title: Option<String>,
    /// The client or practice the report is for.
    pub client: Option<String>,
    /// Who prepared it (a consultant, a practice manager).
    pub prepared_by: Option<String>,
    /// The date it is dated, as given ("2026-12-01", "1 December 2026").
    pub date: Option<String>,
    /// A free-text note or recommendation, shown after the executive summary (paragraphs
    /// separated by blank lines are kept).
    pub note: Option<String>,
}

/// The word that asks for today's date.
pub const TODAY: &str = "today";

impl ReportDetails {
    /// No detail given.
    pub fn is_empty(&self) -> bool {
        *self == ReportDetails::default()
    }

    /// These details with every part that `other` gives replacing this one's (command-line
    /// options over a workspace's details).
    pub fn overridden_by(&self, other: &ReportDetails) -> ReportDetails {
        let pick = |mine: &Option<String>, theirs: &Option<String>| {
            theirs.clone().or_else(|| mine.clone())
        };
        ReportDetails {
            title: pick(&self.title, &other.title),
            client: pick(&self.client, &other.client),
            prepared_by: pick(&self.prepared_by, &other.prepared_by),
            date: pick(&self.date, &other.date),
            note: pick(&self.note, &other.note),
        }
    }

    /// Parts made tidy: surrounding blank space trimmed, empty parts dropped.
    pub fn tidied(&self) -> ReportDetails {
        let tidy = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        };
        ReportDetails {
            title: tidy(&self.title),
            client: tidy(&self.client),
            prepared_by: tidy(&self.prepared_by),
            date: tidy(&self.date),
            note: tidy(&self.note),
        }
    }

    /// The "for / by / date" facts, in order, as (label, value).
    pub fn facts(&self) -> Vec<(&'static str, &str)> {
        let mut out = Vec::new();
        if let Some(c) = &self.client {
            out.push(("Prepared for", c.as_str()));
        }
        if let Some(p) = &self.prepared_by {
            out.push(("Prepared by", p.as_str()));
        }
        if let Some(d) = &self.date {
            out.push(("Date", d.as_str()));
        }
        out
    }

    /// The note's paragraphs (split at blank lines, each on one line).
    pub fn note_paragraphs(&self) -> Vec<String> {
        let Some(note) = &self.note else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut current: Vec<&str> = Vec::new();
        for line in note.lines() {
            if line.trim().is_empty() {
                if !current.is_empty() {
                    out.push(current.join(" "));
                    current.clear();
                }
            } else {
                current.push(line.trim());
            }
        }
        if !current.is_empty() {
            out.push(current.join(" "));
        }
        out
    }
}

/// A date as the user gave it, with `today` replaced by today's date (YYYY-MM-DD, local
/// time): the only place a report's date comes from the clock, and only when asked.
pub fn resolve_date(given: &str) -> String {
    if given.trim().eq_ignore_ascii_case(TODAY) {
        jiff::ZonedDateTime::now().date().to_string()
    } else {
        given.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_override_the_workspace_part_by_part() {
        let ws = ReportDetails {
            title: Some("Options for 2025".into()),
            client: Some("Riverside".into()),
            ..Default::default()
        };
        let cli = ReportDetails {
            client: Some("Lakeside".into()),
            date: Some("2026-12-01".into()),
            ..Default::default()
        };
        let r = ws.overridden_by(&cli);
        assert_eq!(r.title.as_deref(), Some("Options for 2025"));
        assert_eq!(r.client.as_deref(), Some("Lakeside"));
        assert_eq!(r.date.as_deref(), Some("2026-12-01"));
        assert_eq!(r.note, None);
    }

    #[test]
    fn the_note_keeps_its_paragraphs() {
        let d = ReportDetails {
            note: Some("Report PI.\nIt pays.\n\n  Then look at cost.  \n".into()),
            ..Default::default()
        };
        assert_eq!(
            d.note_paragraphs(),
            vec!["Report PI. It pays.", "Then look at cost."]
        );
    }

    #[test]
    fn only_the_word_today_reads_the_clock() {
        assert_eq!(resolve_date("1 December 2026"), "1 December 2026");
        let today = resolve_date("Today");
        assert_eq!(today.len(), 10, "{today}");
        assert_eq!(&today[4..5], "-");
        assert_eq!(
            ReportDetails {
                title: Some("  ".into()),
                ..Default::default()
            }
            .tidied(),
            ReportDetails::default()
        );
    }
}
