//! The reader's one yes/no question at a time: replace a file an export found in its way,
//! discard the text of a note, delete a note. Every question uses the same `confirm` keys
//! (`Action::Yes`, `Action::No`); what is pending is a `Mode::Confirm` over the mode that asked,
//! and the answer is handed to the part of the reader that asked.

use super::{App, Mode};
use crate::tui::action::{Effect, ExportRequest};

/// A question waiting for yes or no, with what the answer acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    /// The export's file exists: yes writes the same request again with `overwrite`; no goes
    /// back to the path.
    Replace(ExportRequest),
    /// Close the note editor and drop its text; no goes back to the text.
    Discard,
    /// Delete a note.
    Delete { id: String },
}

impl App {
    /// Asks a question; keys are read in the `confirm` context until it is answered.
    pub(super) fn ask(&mut self, question: Confirm) {
        self.mode.open(|under| Mode::Confirm { question, under });
    }

    /// The answer to the pending question; nothing happens when none is pending.
    pub(super) fn answer(&mut self, yes: bool) -> Effect {
        if self.mode.confirm().is_none() {
            return Effect::Continue;
        }
        let Some(Mode::Confirm { question, .. }) = self.mode.close_top() else {
            return Effect::Continue;
        };
        match question {
            Confirm::Replace(request) => self.answer_replace(request, yes),
            Confirm::Discard => self.answer_discard(yes),
            Confirm::Delete { id } => self.answer_delete(id, yes),
        }
    }
}
