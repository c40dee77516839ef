//! The question before quitting with unsaved work: what would be lost, in words; `q` asks,
//! Ctrl-C asks once and quits at the second press; the answer saves first, discards or stays.

use super::App;
use super::action::Action;
use super::msg::Effect;
use super::prompts::Overlay;

impl App {
    /// What would be lost by quitting now, in words (empty: nothing).
    pub fn unsaved_work(&self) -> Vec<String> {
        let mut out: Vec<String> = self.roster_unsaved().into_iter().collect();
        if let Some(saved) = &self.session.saved {
            let mut now = self.session_workspace();
            now.written_at = saved.written_at;
            now.workspace_file = saved.workspace_file.clone();
            if *saved == now {
                return out;
            }
        }
        if self.is_modified() {
            out.push(match &self.file {
                Some(f) => format!("changes to {} not saved", f.display()),
                None => "a scenario not saved to a file".into(),
            });
        }
        if self.baseline.is_some() {
            out.push("a pinned baseline".into());
        }
        match self.compare.pins.len() {
            0 => {}
            1 => out.push("a Compare column".into()),
            n => out.push(format!("{n} Compare columns")),
        }
        if out.is_empty() && self.session.saved.is_some() {
            out.push("changes to the workspace not saved".into());
        }
        out
    }

    /// `q`: quit, or ask first when there is unsaved work.
    pub(super) fn request_quit(&mut self) {
        let unsaved = self.unsaved_work();
        if unsaved.is_empty() {
            self.should_quit = true;
        } else {
            self.overlay = Overlay::QuitGuard { unsaved };
        }
    }

    /// Ctrl-C: quit at once when nothing is unsaved or when pressed a second time; otherwise
    /// ask (and the next Ctrl-C quits).
    pub(super) fn quit_now_pressed(&mut self) {
        let unsaved = self.unsaved_work();
        if unsaved.is_empty() || self.session.ctrl_c_armed {
            self.should_quit = true;
            return;
        }
        self.session.ctrl_c_armed = true;
        self.edit = None;
        self.sensitivity.edit = None;
        self.overlay = Overlay::QuitGuard { unsaved };
        self.warn("Ctrl-C again quits at once, without saving");
    }

    /// A key in the quit question: save first, discard, or stay.
    pub(super) fn on_quit_guard(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::DiscardAndQuit => {
                self.should_quit = true;
            }
            Action::SaveAndQuit => {
                self.session.quit_after_save = true;
                self.overlay = Overlay::None;
                if self.roster_unsaved().is_some() {
                    self.open_roster_save_prompt();
                    return Vec::new();
                }
                let as_workspace = self.baseline.is_some()
                    || !self.compare.pins.is_empty()
                    || self.session.workspace_file.is_some();
                return if as_workspace {
                    self.save_workspace()
                } else {
                    match self.file.clone() {
                        Some(path) => self.write_scenario(path, true),
                        None => {
                            self.open_save_prompt();
                            Vec::new()
                        }
                    }
                };
            }
            Action::Cancel => {
                self.overlay = Overlay::None;
                self.session.ctrl_c_armed = false;
                self.info("Not quitting");
            }
            _ => {}
        }
        Vec::new()
    }

    /// A write the quit question asked for is done: quit now.
    pub(super) fn quit_if_saved_for_it(&mut self) {
        if std::mem::take(&mut self.session.quit_after_save) {
            self.should_quit = true;
        }
    }

    /// The quit question's save did not happen (the prompt was cancelled): stay.
    pub(super) fn stay_after_cancelled_save(&mut self) {
        self.session.quit_after_save = false;
        self.session.ctrl_c_armed = false;
    }

    /// Esc on the main screen: nothing is open to close.
    pub(super) fn nothing_to_close(&mut self) {
        self.info("Nothing to close: q quits, ? shows the keys");
    }
}
