//! Pasted text goes to what has the focus and never runs a command.

use super::App;
use super::keymap::Mode;
use super::prompts::Overlay;

impl App {
    /// Pasted text goes to what has the focus, and never runs a command: a number field (or
    /// a typed Sensitivity value) takes the number in it, a prompt takes the text, a question
    /// takes nothing.
    pub(super) fn on_paste(&mut self, text: &str) {
        match self.mode() {
            Mode::Main | Mode::InView(_) | Mode::Anywhere | Mode::Typing => self.paste_number(text),
            Mode::SensitivityTyping => match crate::number_text::number_from_paste(text) {
                Ok(n) => {
                    if let Some(e) = &mut self.sensitivity.edit {
                        e.text = n.text;
                        e.error = None;
                    }
                    match n.dropped {
                        Some(d) => self.info(format!("Pasted; {d} (Enter keeps, Esc cancels)")),
                        None => self.info("Pasted (Enter keeps, Esc cancels)"),
                    }
                }
                Err(why) => self.error(format!("Nothing pasted: {why}")),
            },
            Mode::NamePrompt | Mode::OpenPicker => {
                let (line, cut) = crate::number_text::one_line(text, 1024);
                match &mut self.overlay {
                    Overlay::Name(p) => {
                        p.input.push_str(&line);
                        p.error = None;
                    }
                    Overlay::Open(picker) => {
                        picker.input.push_str(&line);
                        picker.selected = 0;
                    }
                    _ => {}
                }
                if cut {
                    self.info("Pasted the first line only (a name is one line)");
                }
            }
            _ => self.info("A paste does not answer a question: nothing changed"),
        }
    }
}
