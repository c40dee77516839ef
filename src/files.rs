//! Files: reading a small text file with a clear message for each way that can fail, and
//! saving one whole or not at all. Used by the rules, scenarios, the CLI, reports and the
//! explorer alike.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// Scenario and rules files are small text files; anything larger is refused before parsing.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Read a small UTF-8 text file, with a clear message for each way that can fail.
///
/// At most [`MAX_FILE_BYTES`] are ever read, whatever the file claims its size is (a pipe or
/// a device such as `/dev/zero` has no size), so a wrong path cannot exhaust memory.
pub fn read_text_file(path: &Path) -> Result<String, Diagnostic> {
    use std::io::Read as _;

    let shown = path.display().to_string();
    let cannot_read = |e: &std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Diagnostic::file(&shown, "no such file").with_help(
            "the path of an existing scenario file, e.g. scenarios/small-rural-group-no-pi.toml",
        ),
        std::io::ErrorKind::PermissionDenied => Diagnostic::file(&shown, "permission denied")
            .with_help("a file you are allowed to read"),
        std::io::ErrorKind::NotADirectory => {
            Diagnostic::file(&shown, "part of the path is a file, not a folder")
                .with_help("the path of an existing scenario file")
        }
        _ => Diagnostic::file(&shown, format!("cannot read: {e}")),
    };
    let meta = std::fs::metadata(path).map_err(|e| cannot_read(&e))?;
    if meta.is_dir() {
        return Err(Diagnostic::file(&shown, "is a folder, not a file")
            .with_help("the path of a .toml file inside the folder"));
    }
    let too_large = |size: Option<u64>| {
        let what = match size {
            Some(n) => format!("is {}", crate::format::bytes(n)),
            None => format!("is longer than {}", crate::format::bytes(MAX_FILE_BYTES)),
        };
        Diagnostic::file(
            &shown,
            format!("{what}: too large to be a scenario or rules file"),
        )
        .with_help("a TOML file of at most 1.0 MB (1,048,576 bytes)")
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(Some(meta.len())));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| cannot_read(&e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(None));
    }
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
        let mut d = Diagnostic::at(&shown, &text, good, "is not UTF-8 text (invalid byte here)");
        d.source_line = None;
        d.with_help("a UTF-8 encoded TOML file")
    })
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

/// Why an I/O operation failed, in words; `not_found` says what a missing path means here
/// ("the folder does not exist" for a save, "no such file or folder" for a read).
pub fn io_reason(e: &std::io::Error, not_found: &str) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => not_found.into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::NotADirectory => "it is a file, not a folder".into(),
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
        reason: io_reason(&e, "the folder does not exist"),
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

/// A file's size and modification time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    pub bytes: u64,
    pub modified: jiff::Timestamp,
}

impl FileStamp {
    /// The stamp of a file as it is now (None: it cannot be read).
    pub fn of(path: &Path) -> Option<FileStamp> {
        let m = std::fs::metadata(path).ok()?;
        let modified = jiff::Timestamp::try_from(m.modified().ok()?).ok()?;
        Some(FileStamp {
            bytes: m.len(),
            modified,
        })
    }
}
