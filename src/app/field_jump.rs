//! Going to a field: `/` and its name (or the start of it, or IA / PI), Alt-1 … Alt-4 to the
//! first field of a group.

use super::prompts::{NamePrompt, Overlay, Purpose};
use super::{App, Field, Section, View};

impl App {
    /// `/`: ask for a field's name.
    pub(super) fn open_jump_prompt(&mut self) {
        if self.view == View::Presentation {
            self.info("Jumping to a field needs the inputs: P leaves presentation mode");
            return;
        }
        self.overlay = Overlay::Name(NamePrompt::new(Purpose::JumpToField, String::new()));
    }

    /// The field a typed name means: a name starting with it, else one containing it (the
    /// short names IA and PI too).
    fn field_named(&self, typed: &str) -> Option<Field> {
        let t = typed.trim().to_lowercase();
        if t.is_empty() {
            return None;
        }
        let fields = self.fields();
        let names = |f: &Field| {
            let mut n = vec![f.name().to_lowercase(), f.label().trim().to_lowercase()];
            if let Field::Score(c) = f {
                n.push(c.short().to_lowercase());
                n.push(c.key().replace('_', " "));
            }
            n
        };
        fields
            .iter()
            .find(|f| names(f).contains(&t))
            .or_else(|| {
                fields
                    .iter()
                    .find(|f| names(f).iter().any(|n| n.starts_with(&t)))
            })
            .or_else(|| {
                fields
                    .iter()
                    .find(|f| names(f).iter().any(|n| n.contains(&t)))
            })
            .copied()
    }

    pub(super) fn jump_to_named_field(&mut self, typed: &str) {
        match self.field_named(typed) {
            Some(f) => {
                self.overlay = Overlay::None;
                self.history.break_run();
                self.focus = f;
                self.info(format!("{} (Tab and the arrows move on)", f.name()));
            }
            None => {
                let known: Vec<&str> = self.fields().iter().map(|f| f.name()).collect();
                if let Overlay::Name(p) = &mut self.overlay {
                    p.error = Some(format!(
                        "No field called “{}”: {}",
                        typed.trim(),
                        known.join(", ")
                    ));
                }
            }
        }
    }

    /// Alt-1 … Alt-4: the first field of a group.
    pub(super) fn jump_to_group(&mut self, n: u8) {
        let section = match n {
            1 => Section::Scores,
            2 => Section::YearAndReporting,
            3 => Section::Practice,
            _ => Section::Assumptions,
        };
        match self.fields().into_iter().find(|f| f.section() == section) {
            Some(f) => {
                self.history.break_run();
                self.focus = f;
            }
            None => self.info(format!(
                "No {} fields for this year",
                section.title().to_lowercase()
            )),
        }
    }
}
