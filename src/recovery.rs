//! The explorer's recovery files: the session (scenario, baseline, named Compare columns,
//! view, chart group, band of maxima — a [`Workspace`]) kept in the user's state folder so a
//! crash, a kill or a closed terminal loses nothing.
//!
//! Each session writes its own file (`session-<process id>.toml`), replaced whole through a
//! temporary file and a rename ([`save_atomically`]), so a reader only ever sees a complete
//! file. The next start finds the newest file left by a session that is no longer running and
//! offers it. A file that cannot be read is set aside (renamed to `….corrupt`) with a message:
//! starting never fails because of a recovery file.

use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::files::{SaveError, save_atomically};
use crate::rules::RuleSet;
use crate::workspace::{Opened, Workspace, folder_of, to_toml};

/// The application's folder name under the user's state folder.
const APP_FOLDER: &str = "mips-whatif";
/// The folder of recovery files inside it.
const RECOVERY_FOLDER: &str = "recovery";

/// Where this session's recovery file is, and where earlier sessions' are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryStore {
    folder: PathBuf,
    /// This session's process id (its file's name).
    pid: u32,
}

/// What the start of a session found.
#[derive(Debug, PartialEq)]
pub enum Found {
    /// No earlier session left anything.
    Nothing,
    /// An earlier session's state, to offer.
    Session(Box<Recovered>),
    /// A recovery file that could not be read, renamed out of the way.
    SetAside { moved_to: PathBuf, problem: String },
}

/// An earlier session, as its recovery file holds it.
#[derive(Debug, PartialEq)]
pub struct Recovered {
    /// The recovery file (removed once restored or declined: [`RecoveryStore::forget`]).
    pub file: PathBuf,
    pub opened: Opened,
    /// When it was written (the file says; else the file's modification time).
    pub written_at: Option<Timestamp>,
}

impl RecoveryStore {
    /// The recovery folder in the user's state folder (XDG on Linux: `$XDG_STATE_HOME`, by
    /// default `~/.local/state`; the local data folder on other systems). `None` when the
    /// system names no home folder.
    pub fn in_state_folder() -> Option<RecoveryStore> {
        let dirs = directories::ProjectDirs::from("", "", APP_FOLDER)?;
        let base = dirs
            .state_dir()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| dirs.data_local_dir().to_path_buf());
        Some(RecoveryStore::in_folder(base.join(RECOVERY_FOLDER)))
    }

    /// Recovery files in `folder`, this process's among them.
    pub fn in_folder(folder: impl Into<PathBuf>) -> RecoveryStore {
        RecoveryStore {
            folder: folder.into(),
            pid: std::process::id(),
        }
    }

    /// The same folder, for another process id (tests: earlier sessions).
    #[doc(hidden)]
    pub fn for_process(&self, pid: u32) -> RecoveryStore {
        RecoveryStore {
            folder: self.folder.clone(),
            pid,
        }
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// This session's recovery file.
    pub fn file(&self) -> PathBuf {
        self.folder.join(format!("session-{}.toml", self.pid))
    }

    /// Write the session, whole, replacing the previous write. `now` is recorded in it.
    pub fn write(&self, session: &Workspace, now: Timestamp) -> Result<PathBuf, SaveError> {
        std::fs::create_dir_all(&self.folder).map_err(|e| SaveError::Io {
            path: self.folder.clone(),
            reason: e.to_string(),
        })?;
        let mut w = session.clone();
        w.written_at = Some(now);
        let path = self.file();
        save_atomically(&path, &to_toml(&w, &folder_of(&path)), true)
    }

    /// The session ended cleanly (or its state was saved, restored or declined): remove its
    /// file. A file already gone is fine.
    pub fn clear(&self) {
        let _ = std::fs::remove_file(self.file());
    }

    /// Remove an earlier session's file once it was restored or declined.
    pub fn forget(&self, recovered: &Recovered) {
        let _ = std::fs::remove_file(&recovered.file);
    }

    /// The newest recovery file left by a session that is no longer running (never this
    /// one's), read. A file that cannot be read is set aside and reported instead.
    pub fn find(&self, rules: &RuleSet) -> Found {
        let Ok(read) = std::fs::read_dir(&self.folder) else {
            return Found::Nothing;
        };
        let mut candidates: Vec<(std::time::SystemTime, PathBuf)> = read
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                // A temporary file left by a session killed while it wrote: never complete.
                if let Some(pid) = name
                    .strip_prefix(".session-")
                    .and_then(|r| r.split('.').next())
                    .and_then(|p| p.parse::<u32>().ok())
                    && name.ends_with(".tmp")
                    && pid != self.pid
                    && !process_is_running(pid)
                {
                    let _ = std::fs::remove_file(e.path());
                    return None;
                }
                let pid: u32 = name
                    .strip_prefix("session-")?
                    .strip_suffix(".toml")?
                    .parse()
                    .ok()?;
                if pid == self.pid || process_is_running(pid) {
                    return None;
                }
                let modified = e.metadata().and_then(|m| m.modified()).ok()?;
                Some((modified, e.path()))
            })
            .collect();
        candidates.sort();
        let Some((modified, file)) = candidates.pop() else {
            return Found::Nothing;
        };
        match crate::workspace::open(&file, rules) {
            Ok(opened) if !opened.workspace.columns.is_empty() => {
                let written_at = opened
                    .workspace
                    .written_at
                    .or_else(|| Timestamp::try_from(modified).ok());
                Found::Session(Box::new(Recovered {
                    file,
                    opened,
                    written_at,
                }))
            }
            Ok(_) => set_aside(&file, "it holds no scenario".into()),
            Err(d) => set_aside(&file, d.one_line()),
        }
    }
}

/// Rename a broken recovery file out of the way (never delete what may be someone's work).
fn set_aside(file: &Path, problem: String) -> Found {
    let mut moved_to = file.with_extension("toml.corrupt");
    let mut n = 1;
    while moved_to.exists() {
        n += 1;
        moved_to = file.with_extension(format!("toml.corrupt-{n}"));
    }
    match std::fs::rename(file, &moved_to) {
        Ok(()) => Found::SetAside { moved_to, problem },
        // Cannot even rename it: leave it, say so, and start anyway.
        Err(e) => Found::SetAside {
            moved_to: file.to_path_buf(),
            problem: format!("{problem}; it could not be moved aside either ({e})"),
        },
    }
}

/// Is a process with this id running? (Linux: `/proc`; elsewhere an earlier session is taken
/// as ended, so its file is offered.)
fn process_is_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    proc.join("self").exists() && proc.join(pid.to_string()).exists()
}

/// "08:42 today (12 minutes ago)", "Monday 30 November 2026 at 17:05 (yesterday)": when a
/// recovery file was written, in local time, as the offer to restore says it.
pub fn when(written: Timestamp, now: Timestamp, tz: &jiff::tz::TimeZone) -> String {
    let w = written.to_zoned_datetime(tz.clone());
    let n = now.to_zoned_datetime(tz.clone());
    let clock = format!("{:02}:{:02}", w.hour(), w.minute());
    let days = n.date().since(w.date()).map_or(0, |s| s.get_days());
    let seconds = (now.as_second() - written.as_second()).max(0);
    let ago = match seconds {
        0..=59 => "moments ago".to_string(),
        60..=119 => "a minute ago".to_string(),
        120..=3599 => format!("{} minutes ago", seconds / 60),
        3600..=7199 => "an hour ago".to_string(),
        7200..=86_399 => format!("{} hours ago", seconds / 3600),
        _ if days == 1 => "yesterday".to_string(),
        _ => format!("{days} days ago"),
    };
    if days == 0 {
        format!("{clock} today ({ago})")
    } else {
        format!("{} at {clock} ({ago})", w.strftime("%A %-d %B %Y"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;
    use crate::workspace::Column;

    fn session(pi: f64) -> Workspace {
        let mut s = Scenario::default_group();
        s.scores.promoting_interoperability = Some(pi);
        Workspace {
            columns: vec![Column {
                name: "Current".into(),
                baseline: false,
                current: true,
                compared: true,
                file: None,
                scenario: s,
                inline: true,
            }],
            view: Some("results".into()),
            ..Default::default()
        }
    }

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn a_session_written_by_an_ended_process_is_found_with_its_time() {
        let dir = tempfile::tempdir().unwrap();
        let rules = RuleSet::embedded().unwrap();
        let mine = RecoveryStore::in_folder(dir.path());
        // This session's own file is never offered to itself.
        mine.write(&session(50.0), at("2026-12-01T08:00:00Z"))
            .unwrap();
        assert_eq!(mine.find(&rules), Found::Nothing);
        // An ended session's file (a process id that cannot be running).
        let ended = mine.for_process(u32::MAX - 7);
        ended
            .write(&session(61.5), at("2026-12-01T08:42:00Z"))
            .unwrap();
        let Found::Session(r) = mine.find(&rules) else {
            panic!("not found");
        };
        assert_eq!(r.written_at, Some(at("2026-12-01T08:42:00Z")));
        let restored = &r.opened.workspace.columns[0].scenario;
        assert_eq!(restored.scores.promoting_interoperability, Some(61.5));
        assert_eq!(r.file, ended.file());
        mine.forget(&r);
        assert!(!ended.file().exists());
        assert_eq!(mine.find(&rules), Found::Nothing);
        mine.clear();
        assert!(!mine.file().exists());
    }

    #[test]
    fn every_write_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::in_folder(dir.path().join("made/on/demand"));
        for pi in [10.0, 20.0, 30.0] {
            store
                .write(&session(pi), at("2026-12-01T09:00:00Z"))
                .unwrap();
        }
        let text = std::fs::read_to_string(store.file()).unwrap();
        assert!(text.contains("promoting_interoperability = 30"), "{text}");
        assert!(text.contains("written_at = 2026-12-01T09:00:00Z"), "{text}");
        // Nothing but the session's file (no temporary files left behind).
        let names: Vec<_> = std::fs::read_dir(store.folder())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn a_corrupt_file_is_set_aside_with_a_message_never_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let rules = RuleSet::embedded().unwrap();
        let mine = RecoveryStore::in_folder(dir.path());
        let ended = mine.for_process(u32::MAX - 3);
        std::fs::write(ended.file(), "workspace = 1\n[[column]\ngarbage").unwrap();
        let Found::SetAside { moved_to, problem } = mine.find(&rules) else {
            panic!("not set aside");
        };
        assert!(problem.contains("not valid TOML"), "{problem}");
        assert!(moved_to.to_string_lossy().ends_with(".toml.corrupt"));
        assert!(moved_to.exists() && !ended.file().exists());
        assert_eq!(mine.find(&rules), Found::Nothing);
        // A second corrupt file does not overwrite the first one set aside.
        std::fs::write(ended.file(), "\u{0}\u{1}").unwrap();
        let Found::SetAside {
            moved_to: second, ..
        } = mine.find(&rules)
        else {
            panic!("not set aside");
        };
        assert_ne!(second, moved_to);
        assert!(second.exists() && moved_to.exists());
    }

    #[test]
    fn the_newest_ended_session_is_offered_first() {
        let dir = tempfile::tempdir().unwrap();
        let rules = RuleSet::embedded().unwrap();
        let mine = RecoveryStore::in_folder(dir.path());
        let old = mine.for_process(u32::MAX - 10);
        let new = mine.for_process(u32::MAX - 11);
        old.write(&session(1.0), at("2026-11-30T08:00:00Z"))
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        new.write(&session(2.0), at("2026-12-01T08:00:00Z"))
            .unwrap();
        let Found::Session(r) = mine.find(&rules) else {
            panic!()
        };
        assert_eq!(r.file, new.file());
    }

    #[test]
    fn when_says_the_time_and_how_long_ago() {
        let tz = jiff::tz::TimeZone::UTC;
        let now = at("2026-12-01T10:00:00Z");
        assert_eq!(
            when(at("2026-12-01T09:48:00Z"), now, &tz),
            "09:48 today (12 minutes ago)"
        );
        assert_eq!(
            when(at("2026-12-01T09:59:30Z"), now, &tz),
            "09:59 today (moments ago)"
        );
        assert_eq!(
            when(at("2026-11-30T17:05:00Z"), now, &tz),
            "Monday 30 November 2026 at 17:05 (16 hours ago)"
        );
        assert_eq!(
            when(at("2026-11-30T08:05:00Z"), now, &tz),
            "Monday 30 November 2026 at 08:05 (yesterday)"
        );
        assert_eq!(
            when(at("2026-11-24T17:05:00Z"), now, &tz),
            "Tuesday 24 November 2026 at 17:05 (7 days ago)"
        );
    }
}
