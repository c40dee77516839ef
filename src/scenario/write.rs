//! Writing scenarios: a commented TOML file that reads back to the same scenario, saved
//! atomically (temporary file + rename) so an existing file is never left half-written.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::*;

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn num(v: f64) -> String {
    // Rust prints the shortest text that reads back to the same f64.
    let s = format!("{v}");
    if s.contains('e') || s.contains("inf") || s.contains("NaN") {
        format!("{v:.6}")
    } else {
        s
    }
}

/// The scenario as a commented TOML file (the format the README documents).
pub fn to_toml(s: &Scenario) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# mips-whatif scenario");
    if let Some(name) = &s.name {
        let _ = writeln!(out, "name = {}", quoted(name));
    }
    let _ = writeln!(
        out,
        "performance_year = {}  # payment year {}",
        s.performance_year,
        s.performance_year + 2
    );
    let _ = writeln!(
        out,
        "reporting_option = {}  # traditional | mvp | app",
        quoted(s.reporting_option.key())
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "[practice]");
    let _ = writeln!(
        out,
        "clinicians = {}  # small practice = 15 or fewer; solo = 1",
        s.practice.clinicians
    );
    let _ = writeln!(
        out,
        "participation = {}  # individual | group | subgroup | virtual_group | apm_entity",
        quoted(s.practice.participation.key())
    );
    let _ = writeln!(out, "rural = {}", s.practice.rural);
    let _ = writeln!(out, "hpsa = {}", s.practice.hpsa);
    let _ = writeln!(
        out,
        "non_patient_facing = {}",
        s.practice.non_patient_facing
    );
    let _ = writeln!(
        out,
        "reporting = {}  # false: a non-reporting clinician",
        s.practice.reporting
    );
    if let Some(d) = s.practice.part_b_allowed_charges {
        let _ = writeln!(out, "part_b_allowed_charges = {}  # dollars", num(d));
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "[scores]  # percent 0–100; a category left out is not scored (reweighted)"
    );
    for c in Category::ALL {
        match s.scores.get(c) {
            Some(v) => {
                let _ = writeln!(out, "{} = {}", c.key(), num(v));
            }
            None => {
                let _ = writeln!(out, "# {} left out: not scored", c.key());
            }
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "[bonuses]");
    let _ = writeln!(out, "complex_patient = {}", num(s.complex_patient_bonus));
    let a = &s.assumptions;
    if a.max_positive_adjustment.is_some() || a.exceptional_bonus_max.is_some() {
        let _ = writeln!(out);
        let _ = writeln!(out, "[assumptions]");
        if let Some(m) = a.max_positive_adjustment {
            let _ = writeln!(
                out,
                "max_positive_adjustment = {}  # percent at a final score of 100",
                num(m)
            );
        }
        if let Some(m) = a.exceptional_bonus_max {
            let _ = writeln!(
                out,
                "exceptional_bonus_max = {}  # percent at a final score of 100",
                num(m)
            );
        }
    }
    out
}

/// Why a save did not happen. The file at the target path, if any, is untouched in every case.
#[derive(Debug)]
pub enum SaveError {
    /// The target exists and overwriting was not allowed: ask the user first.
    Exists(PathBuf),
    /// The target is a folder.
    IsDirectory(PathBuf),
    /// Writing failed (permissions, disk full, missing folder...).
    Io { path: PathBuf, reason: String },
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Exists(p) => write!(f, "{} already exists", p.display()),
            SaveError::IsDirectory(p) => write!(f, "{} is a folder; give a file name", p.display()),
            SaveError::Io { path, reason } => {
                write!(f, "could not save {}: {reason}", path.display())
            }
        }
    }
}

impl std::error::Error for SaveError {}

fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "the folder does not exist".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::StorageFull => "the disk is full".into(),
        std::io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".into(),
        _ => e.to_string(),
    }
}

/// Write `contents` to `path` through a temporary file in the same folder and a rename, so a
/// reader sees either the old file or the whole new one. With `overwrite` false an existing
/// file is left alone and [`SaveError::Exists`] returned.
pub fn save_atomically(path: &Path, contents: &str, overwrite: bool) -> Result<PathBuf, SaveError> {
    if path.is_dir() {
        return Err(SaveError::IsDirectory(path.to_path_buf()));
    }
    if path.exists() && !overwrite {
        return Err(SaveError::Exists(path.to_path_buf()));
    }
    let io = |e: std::io::Error| SaveError::Io {
        path: path.to_path_buf(),
        reason: reason(&e),
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| SaveError::Io {
            path: path.to_path_buf(),
            reason: "no file name".into(),
        })?
        .to_string_lossy()
        .into_owned();
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(contents.as_bytes())?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    Ok(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}
