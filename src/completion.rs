//! Tab completion of file paths in the explorer's prompts, as a shell does it: the typed text
//! is extended to the longest name its folder's entries share; a single folder gets its `/`;
//! when several entries remain, they are listed.

use std::path::Path;

/// Most choices listed under a prompt.
pub const MAX_CHOICES: usize = 50;

/// What Tab did to a typed path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// The text after completion (the same text when nothing could be added).
    pub text: String,
    /// The entries still matching, when more than one does (names only, folders with `/`),
    /// at most [`MAX_CHOICES`].
    pub choices: Vec<String>,
    /// How many entries matched in all.
    pub matched: usize,
}

/// Complete `typed` against the entries of its folder (relative paths from the working
/// folder). Only folders and files ending in one of `extensions` (without the dot) are
/// offered; hidden entries only when the typed name starts with a dot.
pub fn complete(typed: &str, extensions: &[&str]) -> Completion {
    let (folder_text, prefix) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let folder = if folder_text.is_empty() {
        Path::new(".")
    } else {
        Path::new(folder_text)
    };
    let unchanged = |matched| Completion {
        text: typed.to_string(),
        choices: Vec::new(),
        matched,
    };
    let Ok(read) = std::fs::read_dir(folder) else {
        return unchanged(0);
    };
    let mut names: Vec<String> = read
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            let is_dir = e.path().is_dir();
            if is_dir {
                return Some(format!("{name}/"));
            }
            let wanted = extensions.is_empty()
                || Path::new(&name)
                    .extension()
                    .is_some_and(|x| extensions.iter().any(|w| x.eq_ignore_ascii_case(w)));
            wanted.then_some(name)
        })
        .collect();
    names.sort();
    match names.as_slice() {
        [] => unchanged(0),
        [one] => Completion {
            text: format!("{folder_text}{one}"),
            choices: Vec::new(),
            matched: 1,
        },
        many => {
            let common = common_prefix(many);
            let matched = many.len();
            Completion {
                text: format!("{folder_text}{common}"),
                choices: many.iter().take(MAX_CHOICES).cloned().collect(),
                matched,
            }
        }
    }
}

/// The longest text every name starts with (whole characters).
fn common_prefix(names: &[String]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let mut end = first.len();
    for n in &names[1..] {
        end = first
            .char_indices()
            .zip(n.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(end);
    }
    first[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paths are relative to the working folder; the tests give absolute ones.
    fn at(dir: &Path, rest: &str) -> String {
        format!("{}/{rest}", dir.display())
    }

    #[test]
    fn completes_like_a_shell() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("clients")).unwrap();
        std::fs::write(d.join("small-practice-no-pi.toml"), "").unwrap();
        std::fs::write(d.join("small-practice-pi.toml"), "").unwrap();
        std::fs::write(d.join("solo.toml"), "").unwrap();
        std::fs::write(d.join("solo.txt"), "").unwrap();
        std::fs::write(d.join(".hidden.toml"), "").unwrap();

        // The longest shared part, and the choices.
        let c = complete(&at(d, "sm"), &["toml"]);
        assert_eq!(c.text, at(d, "small-practice-"));
        assert_eq!(
            c.choices,
            ["small-practice-no-pi.toml", "small-practice-pi.toml"]
        );
        // One match: completed whole; a folder gets its slash.
        assert_eq!(complete(&at(d, "so"), &["toml"]).text, at(d, "solo.toml"));
        assert_eq!(complete(&at(d, "cl"), &["toml"]).text, at(d, "clients/"));
        // Other extensions and hidden files are left out unless asked for.
        assert_eq!(
            complete(&at(d, "solo.t"), &["toml"]).text,
            at(d, "solo.toml")
        );
        assert_eq!(
            complete(&at(d, "solo.t"), &[]).choices,
            ["solo.toml", "solo.txt"]
        );
        assert_eq!(complete(&at(d, ""), &["toml"]).matched, 4);
        assert_eq!(
            complete(&at(d, ".h"), &["toml"]).text,
            at(d, ".hidden.toml")
        );
        // Nothing matches, or no such folder: unchanged.
        let none = complete(&at(d, "zz"), &["toml"]);
        assert_eq!(
            (none.text.as_str(), none.matched),
            (at(d, "zz").as_str(), 0)
        );
        assert_eq!(complete(&at(d, "nope/x"), &["toml"]).text, at(d, "nope/x"));
    }

    #[test]
    fn the_shared_part_is_cut_on_whole_characters() {
        let names = ["é1".to_string(), "é2".to_string()];
        assert_eq!(common_prefix(&names), "é");
        let names = ["ab".to_string(), "x".to_string()];
        assert_eq!(common_prefix(&names), "");
    }
}
