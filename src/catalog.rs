//! What a folder of scenario and workspace files holds, for the explorer's open picker: each
//! file's scenario name, year and final score (or a workspace's title and columns; a roster's
//! format and size), the first line of its teaching comment, and a preview of the selected one. Reading is bounded (the
//! same size limit as opening a file) and never fails: a file that does not open says why.

use std::path::{Path, PathBuf};

use crate::engine::{published_score, score_checked};
use crate::files::read_text_file;
use crate::rules::RuleSet;
use crate::scenario::parse_scenario;
use crate::workspace::is_workspace_text;

/// Lines of the leading comment kept for the preview.
const PREVIEW_LINES: usize = 12;

/// One file of the picker.
#[derive(Clone, Debug, PartialEq)]
pub struct FileInfo {
    /// As listed (relative to the working folder when the folder was).
    pub path: PathBuf,
    pub kind: FileKind,
    /// The first line of the file's leading comment (its teaching line), if any.
    pub comment: Option<String>,
    /// The leading comment, line by line (without `#`), for the preview.
    pub preview: Vec<String>,
}

/// What a listed file is.
#[derive(Clone, Debug, PartialEq)]
pub enum FileKind {
    Scenario {
        name: Option<String>,
        year: u16,
        /// The final score as CMS publishes it (two decimals).
        final_score: f64,
        band: &'static str,
    },
    Workspace {
        title: Option<String>,
        columns: Vec<String>,
    },
    /// A roster (opens in the Roster view): not read until opened, as it can be large.
    Roster {
        /// "CSV" or "XLSX".
        format: &'static str,
        bytes: u64,
    },
    /// The file does not open: the first problem, on one line.
    Unreadable(String),
}

impl FileInfo {
    /// One line for the list: "Small practice, PI not reported · PY2024 · 83.50".
    pub fn summary(&self) -> String {
        match &self.kind {
            FileKind::Scenario {
                name,
                year,
                final_score,
                ..
            } => {
                let name = name.clone().unwrap_or_else(|| "(no name)".into());
                format!(
                    "{name} · PY{year} · {}",
                    crate::format::two_decimals(*final_score)
                )
            }
            FileKind::Workspace { title, columns } => {
                let title = title.clone().unwrap_or_else(|| "workspace".into());
                format!("{title} · workspace of {} columns", columns.len())
            }
            FileKind::Roster { format, bytes } => format!(
                "roster · {format}, {} · opens in the Roster view",
                crate::format::bytes(*bytes)
            ),
            FileKind::Unreadable(why) => format!("does not open: {why}"),
        }
    }
}

/// The leading comment of a TOML text: the `#` lines before the first key, without `#`.
fn leading_comment(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .take_while(|l| l.is_empty() || l.starts_with('#'))
        .filter_map(|l| l.strip_prefix('#'))
        .map(|l| l.strip_prefix(' ').unwrap_or(l).trim_end().to_string())
        .collect()
}

/// Describe one file (read, parsed and scored; workspaces are not followed to their files).
pub fn describe(path: &Path, rules: &RuleSet) -> FileInfo {
    if crate::roster::is_roster_path(path) {
        let kind = match std::fs::metadata(path) {
            Ok(m) => FileKind::Roster {
                format: match crate::roster::FileKind::of(path) {
                    Ok(crate::roster::FileKind::Xlsx) => "XLSX",
                    _ => "CSV",
                },
                bytes: m.len(),
            },
            Err(e) => FileKind::Unreadable(crate::files::io_reason(&e, "no such file")),
        };
        return FileInfo {
            path: path.to_path_buf(),
            kind,
            comment: None,
            preview: Vec::new(),
        };
    }
    let text = match read_text_file(path) {
        Ok(t) => t,
        Err(d) => {
            return FileInfo {
                path: path.to_path_buf(),
                kind: FileKind::Unreadable(d.message),
                comment: None,
                preview: Vec::new(),
            };
        }
    };
    let comment_lines = leading_comment(&text);
    let comment = comment_lines
        .iter()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string());
    let preview: Vec<String> = comment_lines.into_iter().take(PREVIEW_LINES).collect();
    let shown = path.display().to_string();
    let kind = if is_workspace_text(&text) {
        let dir = path.parent().unwrap_or(Path::new(""));
        match crate::workspace::parse(&shown, &text, dir, rules) {
            Ok(p) => FileKind::Workspace {
                title: p.workspace.report.title,
                columns: p.columns.into_iter().map(|c| c.name).collect(),
            },
            Err(d) => FileKind::Unreadable(d.one_line()),
        }
    } else {
        match parse_scenario(&shown, &text, rules) {
            Ok(s) => match score_checked(&s, rules) {
                Ok(r) => FileKind::Scenario {
                    name: s.name.clone(),
                    year: s.performance_year,
                    final_score: published_score(r.final_score),
                    band: r.band.label(),
                },
                Err(problems) => FileKind::Unreadable(
                    problems
                        .first()
                        .map_or("not valid".into(), |p| p.to_string()),
                ),
            },
            Err(d) => FileKind::Unreadable(d.one_line()),
        }
    };
    FileInfo {
        path: path.to_path_buf(),
        kind,
        comment,
        preview,
    }
}

/// Describe every `.toml` file of a folder, sorted by path.
pub fn describe_folder(dir: &Path, rules: &RuleSet) -> std::io::Result<Vec<FileInfo>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    Ok(paths.iter().map(|p| describe(p, rules)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    #[test]
    fn a_library_scenario_is_described_by_name_year_score_and_teaching_line() {
        let rules = RuleSet::embedded().unwrap();
        let info = describe(&root().join("scenarios/small-practice-no-pi.toml"), &rules);
        assert_eq!(
            info.kind,
            FileKind::Scenario {
                name: Some("Small practice, PI not reported".into()),
                year: 2024,
                final_score: 83.5,
                band: "Positive",
            }
        );
        assert_eq!(
            info.comment.as_deref(),
            Some("A small practice that did not report Promoting Interoperability (PY2024).")
        );
        assert!(info.preview.len() > 3);
        assert_eq!(
            info.summary(),
            "Small practice, PI not reported · PY2024 · 83.50"
        );
    }

    #[test]
    fn workspaces_and_broken_files_are_described_too() {
        let rules = RuleSet::embedded().unwrap();
        let ws = describe(
            &root().join("docs/examples/small-practice-pi.workspace.toml"),
            &rules,
        );
        assert_eq!(
            ws.summary(),
            "Promoting Interoperability: report it or not? · workspace of 3 columns"
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bad.toml"), "performance_year = 2024\n").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "not listed").unwrap();
        let all = describe_folder(dir.path(), &rules).unwrap();
        assert_eq!(all.len(), 1);
        assert!(
            all[0].summary().starts_with("does not open: "),
            "{}",
            all[0].summary()
        );
    }

    #[test]
    fn every_library_file_is_described() {
        let rules = RuleSet::embedded().unwrap();
        let all = describe_folder(&root().join("scenarios"), &rules).unwrap();
        assert!(all.len() >= 10);
        for f in &all {
            assert!(
                matches!(f.kind, FileKind::Scenario { .. }),
                "{}: {:?}",
                f.path.display(),
                f.kind
            );
            assert!(
                f.comment.is_some(),
                "{} has no teaching line",
                f.path.display()
            );
        }
    }
}
