//! The report's details (title, client, author, date, note), asked one after the other, from
//! the export prompt or on their own.

use super::App;
use super::prompts::{DetailPart, NamePrompt, Overlay, Purpose};

impl App {
    /// The report's details, asked one after the other (from the export prompt, `back` is
    /// its file name: the prompt comes back once the details are done).
    pub(super) fn edit_report_details(&mut self, back: Option<String>) {
        self.session.details_return = back;
        self.ask_detail(DetailPart::Title);
    }

    fn ask_detail(&mut self, part: DetailPart) {
        let r = &self.session.report;
        let now = match part {
            DetailPart::Title => &r.title,
            DetailPart::Client => &r.client,
            DetailPart::PreparedBy => &r.prepared_by,
            DetailPart::Date => &r.date,
            DetailPart::Note => &r.note,
        };
        let text = now.clone().unwrap_or_default().replace('\n', " ");
        self.overlay = Overlay::Name(NamePrompt::new(Purpose::ReportDetail(part), text));
    }

    /// One detail typed (empty clears it): on to the next, or back to the export prompt.
    pub(super) fn detail_submitted(&mut self, part: DetailPart, typed: String) {
        let value = Some(typed.trim().to_string()).filter(|t| !t.is_empty());
        let value = match part {
            DetailPart::Date => value.map(|d| crate::report::resolve_date(&d)),
            _ => value,
        };
        let r = &mut self.session.report;
        match part {
            DetailPart::Title => r.title = value,
            DetailPart::Client => r.client = value,
            DetailPart::PreparedBy => r.prepared_by = value,
            DetailPart::Date => r.date = value,
            DetailPart::Note => r.note = value,
        }
        match part.next() {
            Some(next) => self.ask_detail(next),
            None => self.details_done(),
        }
    }

    /// The details are done (or Esc stopped them): back to the export prompt, if from there.
    pub(super) fn details_done(&mut self) {
        match self.session.details_return.take() {
            Some(input) => {
                self.overlay = Overlay::Name(NamePrompt::new(Purpose::Export, input));
            }
            None => {
                self.overlay = Overlay::None;
                self.info(
                    "Report details kept: e writes the report (S saves them in the workspace)",
                );
            }
        }
    }
}
