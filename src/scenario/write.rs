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
    write_tables(&mut out, s, "");
    out
}

/// The scenario's keys and tables, the tables named under `table` (`column.scenario` gives
/// `[column.scenario.practice]`; empty for a scenario file's own top level).
pub(crate) fn write_tables(out: &mut String, s: &Scenario, table: &str) {
    let header = |name: &str| {
        if table.is_empty() {
            format!("[{name}]")
        } else {
            format!("[{table}.{name}]")
        }
    };
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
    let _ = writeln!(out, "{}", header("practice"));
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
        "{}  # percent 0–100; a category left out is not scored (reweighted)",
        header("scores")
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
    let _ = writeln!(out, "{}", header("bonuses"));
    let _ = writeln!(out, "complex_patient = {}", num(s.complex_patient_bonus));
    let a = &s.assumptions;
    if a.max_positive_adjustment.is_some() || a.exceptional_bonus_max.is_some() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", header("assumptions"));
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
/// file is left alone and [`SaveError::Exists`] returned (also when another program creates
/// the file while this one is writing).
///
/// On every error the file at `path` is untouched and no temporary file is left behind. An
/// existing file keeps its permissions; a symbolic link keeps pointing where it pointed, and
/// the file it points to is the one replaced. Returns the path written, made absolute.
pub fn save_atomically(path: &Path, contents: &str, overwrite: bool) -> Result<PathBuf, SaveError> {
    save_atomically_with(path, contents, overwrite, |file, bytes| {
        file.write_all(bytes)
    })
}

/// [`save_atomically`] with the writing of the temporary file supplied by the caller: the
/// seam through which tests make a write fail (a full disk) after part of the data is out.
#[doc(hidden)]
pub fn save_atomically_with(
    path: &Path,
    contents: &str,
    overwrite: bool,
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> Result<PathBuf, SaveError> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

    // Save through a symbolic link to the file it points to (if it points anywhere).
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    };
    if target.is_dir() {
        return Err(SaveError::IsDirectory(path.to_path_buf()));
    }
    let existing = std::fs::metadata(&target).ok();
    if existing.is_some() && !overwrite {
        return Err(SaveError::Exists(path.to_path_buf()));
    }
    let io = |e: std::io::Error| SaveError::Io {
        path: path.to_path_buf(),
        reason: reason(&e),
    };
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = target
        .file_name()
        .ok_or_else(|| SaveError::Io {
            path: path.to_path_buf(),
            reason: "no file name".into(),
        })?
        .to_string_lossy()
        .into_owned();

    // A fresh temporary name: another save in flight (or one that crashed) may hold one.
    let (tmp, mut file) = {
        let mut tries = 0;
        loop {
            let n = NEXT_TEMP.fetch_add(1, Ordering::Relaxed);
            let tmp = dir.join(format!(".{file_name}.{}.{n}.tmp", std::process::id()));
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)
            {
                Ok(f) => break (tmp, f),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && tries < 100 => {
                    tries += 1;
                }
                Err(e) => return Err(io(e)),
            }
        }
    };
    let written = (|| {
        if let Some(m) = &existing {
            file.set_permissions(m.permissions())?;
        }
        write(&mut file, contents.as_bytes())?;
        file.sync_all()
    })();
    drop(file);
    let committed = written.and_then(|()| {
        if overwrite {
            return std::fs::rename(&tmp, &target).map(|()| true);
        }
        // Link, don't rename: a link fails if the name was taken meanwhile; a rename would
        // replace whatever is there.
        match std::fs::hard_link(&tmp, &target) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            // No hard links on this file system: check, then rename.
            Err(_) if target.exists() => Ok(false),
            Err(_) => std::fs::rename(&tmp, &target).map(|()| true),
        }
    });
    // After a rename the temporary name is gone already; otherwise remove it.
    let _ = std::fs::remove_file(&tmp);
    match committed {
        Ok(true) => {}
        Ok(false) => return Err(SaveError::Exists(path.to_path_buf())),
        Err(e) => return Err(io(e)),
    }
    sync_folder(&dir);
    Ok(std::fs::canonicalize(&target).unwrap_or(target))
}

/// Make the rename itself durable (best effort: not every system can open a folder).
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
