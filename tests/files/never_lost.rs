//! Saving never loses a file: on every failure the old file is byte-for-byte what it was and
//! no temporary file is left in the folder.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use mips_whatif::files::{SaveError, save_atomically, save_atomically_with};
use mips_whatif::scenario::{Scenario, to_toml};

const OLD: &str = "# the user's own file\nperformance_year = 2024\n";

/// Names in a folder.
fn listing(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// A folder holding `scenario.toml` with [`OLD`] in it.
fn folder_with_old_file() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scenario.toml");
    std::fs::write(&path, OLD).unwrap();
    (dir, path)
}

fn new_contents() -> String {
    to_toml(&Scenario::default_group())
}

/// The old file is intact and the folder holds exactly what it held before.
fn assert_untouched(dir: &Path, path: &Path, before: &BTreeSet<String>) {
    assert_eq!(std::fs::read(path).unwrap(), OLD.as_bytes());
    assert_eq!(&listing(dir), before, "no temporary file may be left");
}

#[test]
fn saving_over_a_file_without_permission_returns_exists() {
    let (dir, path) = folder_with_old_file();
    let before = listing(dir.path());
    let err = save_atomically(&path, &new_contents(), false).unwrap_err();
    assert!(
        matches!(err, SaveError::Exists(ref p) if p == &path),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!("{} already exists", path.display())
    );
    assert_untouched(dir.path(), &path, &before);
}

#[test]
fn saving_over_a_file_with_permission_replaces_it_whole() {
    let (dir, path) = folder_with_old_file();
    let written = save_atomically(&path, &new_contents(), true).unwrap();
    assert_eq!(written, std::fs::canonicalize(&path).unwrap());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), new_contents());
    assert_eq!(
        listing(dir.path()),
        BTreeSet::from(["scenario.toml".into()])
    );
}

#[test]
fn saving_to_a_new_file_creates_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.toml");
    save_atomically(&path, &new_contents(), false).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), new_contents());
    assert_eq!(listing(dir.path()), BTreeSet::from(["new.toml".into()]));
}

#[test]
fn saving_to_a_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("scenarios");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("kept.toml"), OLD).unwrap();
    let before = listing(dir.path());
    for overwrite in [false, true] {
        let err = save_atomically(&folder, &new_contents(), overwrite).unwrap_err();
        assert!(matches!(err, SaveError::IsDirectory(_)), "{err:?}");
        assert_eq!(
            err.to_string(),
            format!("{} is a folder; give a file name", folder.display())
        );
    }
    assert_eq!(listing(dir.path()), before);
    assert_eq!(listing(&folder), BTreeSet::from(["kept.toml".into()]));
    assert_eq!(
        std::fs::read(folder.join("kept.toml")).unwrap(),
        OLD.as_bytes()
    );
}

#[test]
fn saving_into_a_folder_that_is_a_file_fails_cleanly() {
    // A path whose parent is a regular file cannot be written, even by root.
    let (dir, path) = folder_with_old_file();
    let before = listing(dir.path());
    let inside = path.join("child.toml");
    let err = save_atomically(&inside, &new_contents(), true).unwrap_err();
    assert!(matches!(err, SaveError::Io { .. }), "{err:?}");
    assert!(
        err.to_string()
            .starts_with(&format!("could not save {}: ", inside.display())),
        "{err}"
    );
    assert_untouched(dir.path(), &path, &before);
}

#[test]
fn saving_into_a_missing_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder/scenario.toml");
    let err = save_atomically(&path, &new_contents(), true).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "could not save {}: the folder does not exist",
            path.display()
        )
    );
    assert!(listing(dir.path()).is_empty());
}

/// A write that gets part of the data out, then fails as a full disk does.
fn half_then_disk_full(file: &mut std::fs::File, bytes: &[u8]) -> std::io::Result<()> {
    file.write_all(&bytes[..bytes.len() / 2])?;
    file.sync_all()?;
    Err(disk_full_error())
}

/// The error a full disk gives. On Linux it is the kernel's own: writing to `/dev/full`
/// always fails with ENOSPC.
fn disk_full_error() -> std::io::Error {
    #[cfg(target_os = "linux")]
    {
        let mut full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full exists on Linux");
        let err = full
            .write_all(b"x")
            .and_then(|()| full.flush())
            .expect_err("writing to /dev/full fails");
        assert_eq!(err.kind(), std::io::ErrorKind::StorageFull);
        err
    }
    #[cfg(not(target_os = "linux"))]
    {
        std::io::Error::from(std::io::ErrorKind::StorageFull)
    }
}

#[test]
fn a_full_disk_leaves_the_old_file_and_no_temporary_file() {
    let (dir, path) = folder_with_old_file();
    let before = listing(dir.path());
    for overwrite in [true, false] {
        let target = if overwrite {
            path.clone()
        } else {
            dir.path().join("new.toml")
        };
        let err = save_atomically_with(&target, &new_contents(), overwrite, half_then_disk_full)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("could not save {}: the disk is full", target.display())
        );
        assert_untouched(dir.path(), &path, &before);
    }
}

#[test]
fn any_write_error_leaves_the_old_file_and_no_temporary_file() {
    let (dir, path) = folder_with_old_file();
    let before = listing(dir.path());
    let err = save_atomically_with(&path, &new_contents(), true, |f, b| {
        f.write_all(&b[..10])?;
        Err(std::io::Error::other("the device went away"))
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("could not save {}: the device went away", path.display())
    );
    assert_untouched(dir.path(), &path, &before);
}

#[test]
fn a_stale_temporary_file_does_not_block_saving() {
    let (dir, path) = folder_with_old_file();
    // What a save that crashed might have left, under names this process could pick.
    for n in 0..4 {
        std::fs::write(
            dir.path()
                .join(format!(".scenario.toml.{}.{n}.tmp", std::process::id())),
            "stale",
        )
        .unwrap();
    }
    let before = listing(dir.path());
    save_atomically(&path, &new_contents(), true).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), new_contents());
    assert_eq!(listing(dir.path()), before);
}

#[cfg(unix)]
#[test]
fn an_existing_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt as _;
    let (_dir, path) = folder_with_old_file();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    save_atomically(&path, &new_contents(), true).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[cfg(unix)]
#[test]
fn saving_through_a_link_replaces_the_file_it_points_to() {
    let (dir, path) = folder_with_old_file();
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    let err = save_atomically(&link, &new_contents(), false).unwrap_err();
    assert!(matches!(err, SaveError::Exists(_)), "{err:?}");
    save_atomically(&link, &new_contents(), true).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), new_contents());
    assert_eq!(
        listing(dir.path()),
        BTreeSet::from(["link.toml".into(), "scenario.toml".into()])
    );
}

#[test]
fn racing_saves_without_permission_never_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contested.toml");
    let contents: Vec<String> = (0..8)
        .map(|i| format!("# writer {i}\n{}", "x".repeat(64 * 1024)))
        .collect();
    let results: Vec<Result<PathBuf, SaveError>> = std::thread::scope(|s| {
        let handles: Vec<_> = contents
            .iter()
            .map(|c| s.spawn(|| save_atomically(&path, c, false)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let winners: Vec<usize> = (0..results.len()).filter(|&i| results[i].is_ok()).collect();
    assert_eq!(winners.len(), 1, "exactly one save may create the file");
    for r in &results {
        if let Err(e) = r {
            assert!(matches!(e, SaveError::Exists(_)), "{e:?}");
        }
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        contents[winners[0]]
    );
    assert_eq!(
        listing(dir.path()),
        BTreeSet::from(["contested.toml".into()])
    );
}

/// Set when this test binary is re-run as an unprivileged user for the read-only folder test.
const CHILD_ENV: &str = "MIPS_WHATIF_READ_ONLY_CHILD";

#[cfg(unix)]
#[test]
fn a_read_only_folder_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt as _;

    // The child half: try to save over the file, report how it went on stdout.
    if let Some(path) = std::env::var_os(CHILD_ENV) {
        let path = PathBuf::from(path);
        match save_atomically(&path, &new_contents(), true) {
            Ok(_) => println!("CHILD-RESULT saved"),
            Err(e) => println!("CHILD-RESULT {e}"),
        }
        return;
    }

    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("read-only");
    std::fs::create_dir(&ro).unwrap();
    let path = ro.join("scenario.toml");
    std::fs::write(&path, OLD).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let before = listing(&ro);

    // Do permission bits stop this process? (They do not stop root.)
    let probe = ro.join(".probe");
    let bits_enforced = std::fs::write(&probe, "x").is_err();
    let _ = std::fs::remove_file(&probe);

    let outcome = if bits_enforced {
        save_atomically(&path, &new_contents(), true)
            .map(|_| "saved".to_string())
            .map_err(|e| e.to_string())
    } else {
        // Running as root: run this same test again as the unprivileged user `nobody`.
        let exe = std::env::current_exe().unwrap();
        // The harness names a test by its module path without the crate name.
        let full_name = concat!(module_path!(), "::a_read_only_folder_keeps_the_old_file");
        let test_name = full_name
            .split_once("::")
            .map_or(full_name, |(_, name)| name);
        let out = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(&exe)
            .args(["--exact", test_name, "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &path)
            .output();
        let out = match out {
            Ok(o) if o.status.success() => o,
            other => {
                // Only when no unprivileged user can be had: say so instead of passing quietly.
                eprintln!(
                    "SKIPPED the read-only folder check: running as root and `setpriv` could not \
                     run this test as an unprivileged user ({other:?}); permission bits do not \
                     stop root. The parent-is-a-file test covers an unwritable folder."
                );
                return;
            }
        };
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let line = stdout
            .lines()
            .find_map(|l| l.split_once("CHILD-RESULT ").map(|(_, r)| r))
            .unwrap_or_else(|| panic!("the child did not report:\n{stdout}"))
            .to_string();
        if line == "saved" { Ok(line) } else { Err(line) }
    };
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(
        outcome,
        Err(format!(
            "could not save {}: permission denied",
            path.display()
        ))
    );
    assert_untouched(&ro, &path, &before);
}
