//! Teaching notes: the comment at the top of a scenario file (what it teaches, what to expect),
//! shown in the explorer's open picker and on the walkthrough's first step.

/// The longest note kept, in characters (a header is a paragraph or two).
pub const MAX_NOTE_CHARS: usize = 2000;

/// The comment lines at the top of a scenario file, before its first key or table, without
/// their `#`, as paragraphs: lines are joined with spaces, a blank comment line (`#` alone)
/// starts a new paragraph. None when the file starts with no comment.
pub fn teaching_notes(text: &str) -> Option<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if !paragraphs.is_empty() || !current.is_empty() {
                // A blank line ends the header.
                break;
            }
            continue;
        }
        let Some(comment) = trimmed.strip_prefix('#') else {
            break;
        };
        let words = comment.trim();
        if words.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        // Lines indented under a heading ("Expect: ...") continue its sentence.
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(words);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    if paragraphs.is_empty() {
        return None;
    }
    let text: String = paragraphs
        .join("\n")
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect();
    Some(if text.chars().count() > MAX_NOTE_CHARS {
        let mut cut: String = text.chars().take(MAX_NOTE_CHARS - 1).collect();
        cut.push('…');
        cut
    } else {
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_comment_becomes_paragraphs() {
        let text = "# A small practice (PY2024).\n#\n# Teaches: the small-practice row\n#   of PY2022 on.\n\
                    #\n# Expect: 83.50.\nname = \"x\" # not this\n# nor this\n";
        assert_eq!(
            teaching_notes(text).as_deref(),
            Some(
                "A small practice (PY2024).\nTeaches: the small-practice row of PY2022 on.\nExpect: 83.50."
            )
        );
    }

    #[test]
    fn no_header_no_notes() {
        assert_eq!(teaching_notes("performance_year = 2024\n# late\n"), None);
        assert_eq!(teaching_notes(""), None);
        assert_eq!(teaching_notes("\n\n#\n#\n"), None);
    }

    #[test]
    fn control_characters_are_not_kept() {
        let notes = teaching_notes("# red \u{1b}[31m text\n").unwrap();
        assert!(!notes.contains('\u{1b}'));
    }

    #[test]
    fn every_library_scenario_has_teaching_notes() {
        for entry in std::fs::read_dir("scenarios").unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let notes = teaching_notes(&text).unwrap_or_else(|| panic!("{}", path.display()));
            assert!(notes.contains("Expect"), "{}: {notes}", path.display());
        }
    }
}
