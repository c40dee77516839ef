//! The yes / no questions: restoring the session an earlier run left (and the warnings about
//! its recovery file), and clearing the Compare columns.

use std::path::{Path, PathBuf};

use super::App;
use super::action::Action;
use super::msg::Effect;
use super::prompts::{Overlay, Question, QuestionKind};
use super::session::Offer;
use crate::scenario::Scenario;
use crate::workspace::Workspace;

impl App {
    /// Offer the session an earlier run left (`when`: "08:42 today (12 minutes ago)").
    pub fn offer_restore(
        &mut self,
        workspace: Workspace,
        file: PathBuf,
        when: &str,
        current_on_disk: Option<Scenario>,
    ) {
        let mut lines = vec![
            "An earlier session was not closed normally.".to_string(),
            format!("It was last saved {when}:"),
        ];
        for c in &workspace.columns {
            let role = if c.baseline {
                " (baseline)"
            } else if c.current {
                " (being edited)"
            } else {
                ""
            };
            let file = c
                .file
                .as_ref()
                .map(|f| format!(" — {}", f.display()))
                .unwrap_or_default();
            lines.push(format!("  • {}{role}{file}", c.name));
        }
        if let Some(r) = &workspace.roster {
            let n = r.rows.len();
            lines.push(format!(
                "  • the roster {}{}",
                r.file.display(),
                if n > 0 {
                    format!(", {n} edited row{}", if n == 1 { "" } else { "s" })
                } else {
                    String::new()
                }
            ));
        }
        self.session.offer = Some(Box::new(Offer {
            workspace,
            file,
            current_on_disk,
        }));
        self.overlay = Overlay::Question(Question {
            kind: QuestionKind::Restore,
            title: "Restore the earlier session?".into(),
            lines,
            yes: "restore it".into(),
            no: "discard it".into(),
            later: "decide at the next start".into(),
        });
    }

    /// The recovery file could not be written (said once).
    pub fn warn_recovery_failed(&mut self, why: &str) {
        self.warn(format!(
            "The recovery copy of this session could not be written ({why}): save with s or S"
        ));
    }

    /// An earlier recovery file could not be read and was set aside.
    pub fn warn_recovery_set_aside(&mut self, moved_to: &Path, problem: &str) {
        self.warn(format!(
            "Recovery file set aside (it could not be read): {} — {problem}",
            moved_to.display()
        ));
    }

    /// `c`: ask before clearing the pinned columns.
    pub(super) fn ask_clear_columns(&mut self) {
        if self.compare.pins.is_empty() {
            self.info("No pinned columns to clear (x drops the baseline)");
            return;
        }
        let names: Vec<String> = self
            .compare
            .pins
            .iter()
            .map(|p| format!("  • {}", p.entry.label))
            .collect();
        let mut lines = vec![format!(
            "Clear {} pinned column{} from Compare?",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        )];
        lines.extend(names);
        self.overlay = Overlay::Question(Question {
            kind: QuestionKind::ClearColumns,
            title: "Clear the Compare columns?".into(),
            lines,
            yes: "clear them".into(),
            no: "keep them".into(),
            later: "keep them".into(),
        });
    }

    /// y / n / Esc on a question.
    pub(super) fn on_question(&mut self, action: Action) -> Vec<Effect> {
        let Overlay::Question(q) = &self.overlay else {
            return Vec::new();
        };
        let kind = q.kind;
        if !matches!(action, Action::Confirm | Action::Decline | Action::Cancel) {
            return Vec::new();
        }
        self.overlay = Overlay::None;
        match (kind, action) {
            (QuestionKind::ClearColumns, Action::Confirm) => self.clear_compare(),
            (QuestionKind::ClearColumns, _) => self.info("Columns kept"),
            (QuestionKind::Restore, Action::Confirm) => {
                if let Some(offer) = self.session.offer.take() {
                    self.restore_session(
                        &offer.workspace,
                        offer.workspace.workspace_file.clone(),
                        offer.current_on_disk,
                    );
                    // Restored work is unsaved work until it is saved again.
                    self.session.saved = None;
                    self.info("Earlier session restored (q asks before quitting; S saves it)");
                    let mut effects = vec![Effect::ForgetRecovery(offer.file)];
                    if let Some(r) = offer.workspace.roster {
                        let show = offer.workspace.view.as_deref() == Some("roster");
                        effects.push(self.restore_roster_later(r, show));
                    }
                    return effects;
                }
            }
            (QuestionKind::Restore, Action::Decline) => {
                if let Some(offer) = self.session.offer.take() {
                    self.info("Earlier session discarded");
                    return vec![Effect::ForgetRecovery(offer.file)];
                }
            }
            (QuestionKind::Restore, _) => {
                self.session.offer = None;
                self.info("The earlier session is kept: it is offered again at the next start");
            }
        }
        Vec::new()
    }
}
