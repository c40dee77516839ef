//! The column-mapping file: a TOML `[columns]` table naming, for each of the file's own
//! column headers, the roster column it stands for (or `"ignore"`).
//!
//! ```toml
//! [columns]
//! "Provider NPI" = "npi"
//! "Qual %" = "quality"
//! "IA pts" = "improvement_activities_points"
//! "Notes" = "ignore"
//! ```

use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::columns::{Field, lookup, normalise, own_names};
use crate::diagnostic::{Diagnostic, did_you_mean, quote_short};

/// What a mapped header stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Field(Field),
    Ignore,
}

/// A column mapping: normalised header → target, in file order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mapping {
    pub columns: Vec<(String, Target)>,
}

impl Mapping {
    pub fn target(&self, normalised_header: &str) -> Option<Target> {
        self.columns
            .iter()
            .find(|(h, _)| h == normalised_header)
            .map(|(_, t)| *t)
    }

    /// Read and check a mapping file.
    pub fn load(path: &Path) -> Result<Mapping, Diagnostic> {
        let text = crate::files::read_text_file(path)?;
        Mapping::parse(&path.display().to_string(), &text)
    }

    /// Parse a mapping file's text; `file` names it in messages.
    pub fn parse(file: &str, text: &str) -> Result<Mapping, Diagnostic> {
        let help_targets = "a roster column name (see docs/roster.md), e.g. \"quality\", \"npi\", \"final score\", or \"ignore\"";
        let root = DeTable::parse(text).map_err(|e| {
            let msg = format!("not valid TOML: {}", e.message().trim());
            match e.span() {
                Some(s) => Diagnostic::at(file, text, s.start, msg),
                None => Diagnostic::file(file, msg),
            }
            .with_help("a [columns] table of \"Header in the file\" = \"roster column\" lines")
        })?;
        let root = root.get_ref();
        for (key, _) in root.iter() {
            if key.get_ref() != "columns" {
                let k = quote_short(key.get_ref(), 40);
                return Err(Diagnostic::at(
                    file,
                    text,
                    key.span().start,
                    format!("unknown key `{k}` at the top level"),
                )
                .with_field(k)
                .with_help("columns"));
            }
        }
        let Some(columns) = root.get("columns") else {
            return Err(Diagnostic::file(file, "the [columns] table is missing")
                .with_field("columns")
                .with_help(
                    "a [columns] table of \"Header in the file\" = \"roster column\" lines",
                ));
        };
        let DeValue::Table(table) = columns.get_ref() else {
            return Err(
                Diagnostic::at(file, text, columns.span().start, "must be a table")
                    .with_field("columns")
                    .with_help(
                        "a [columns] table of \"Header in the file\" = \"roster column\" lines",
                    ),
            );
        };
        let mut mapping = Mapping::default();
        for (key, value) in table.iter() {
            let header = key.get_ref();
            let field = format!("columns.{}", quote_short(header, 40));
            let DeValue::String(target) = value.get_ref() else {
                return Err(Diagnostic::at(
                    file,
                    text,
                    value.span().start,
                    "must be a quoted column name",
                )
                .with_field(field)
                .with_help(help_targets));
            };
            let normalised_target = normalise(target);
            let target = if normalised_target == "ignore" {
                Target::Ignore
            } else {
                match lookup(&normalised_target) {
                    Some((Field::NotNeeded, _)) => Target::Ignore,
                    Some((f, _)) => Target::Field(f),
                    None => {
                        let mut msg =
                            format!("\"{}\" is not a roster column", quote_short(target, 40));
                        let names = own_names();
                        if let Some(s) = did_you_mean(&normalised_target, &names) {
                            msg.push_str(&format!(" — did you mean \"{s}\"?"));
                        }
                        return Err(Diagnostic::at(file, text, value.span().start, msg)
                            .with_field(field)
                            .with_help(help_targets));
                    }
                }
            };
            mapping.columns.push((normalise(header), target));
        }
        Ok(mapping)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Category;

    #[test]
    fn a_mapping_names_columns_by_any_roster_name() {
        let m = Mapping::parse(
            "m.toml",
            "[columns]\n\"Qual %\" = \"quality\"\n\"IA pts\" = \"IA Score\"\nNotes = \"ignore\"\n",
        )
        .unwrap();
        assert_eq!(
            m.target("qual %"),
            Some(Target::Field(Field::Score(Category::Quality)))
        );
        assert_eq!(m.target("ia pts"), Some(Target::Field(Field::IaPoints)));
        assert_eq!(m.target("notes"), Some(Target::Ignore));
    }

    #[test]
    fn an_unknown_target_is_located_with_a_suggestion() {
        let e = Mapping::parse("m.toml", "[columns]\nQ = \"qualty\"\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "m.toml:2:5: columns.Q: \"qualty\" is not a roster column — did you mean \"quality\"?\n   |\n 2 | Q = \"qualty\"\n   |     ^\n  = allowed: a roster column name (see docs/roster.md), e.g. \"quality\", \"npi\", \"final score\", or \"ignore\""
        );
    }
}
