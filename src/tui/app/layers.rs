//! The reader's one mode: what it is doing and where keys go. At the bottom it is reading, or
//! searching (typing the text, then stepping through the hits); over that a popup, the note
//! editor, the export prompt or a yes/no question may be open, each keeping the mode beneath it
//! to return to when it closes: a question over the note editor goes back to the text on "no",
//! the note editor opened from the notes list goes back to the list, a popup opened while
//! stepping through search hits goes back to the hits.
//!
//! The one decision to know: the top of the stack alone decides the keymap context
//! (`Mode::context`); what lies beneath is only drawn (a popup under the note editor, search
//! hits under a popup).

use super::{Confirm, ExportPrompt, NoteEditor, Popup, Search};
use crate::tui::keymap::Context;
use ratatui::text::Line;

/// An open popup: which one, the selected row of a list, the first row shown.
#[derive(Debug, Clone)]
pub struct PopupState {
    pub popup: Popup,
    /// The selected row of a list popup.
    pub selected: usize,
    /// The first row shown.
    pub offset: usize,
    /// The rows of a text popup (variants, help), laid out at the popup's width when it opens
    /// and again on a resize; empty for the lists.
    pub lines: Vec<Line<'static>>,
}

impl PopupState {
    pub fn new(popup: Popup) -> PopupState {
        PopupState {
            popup,
            selected: 0,
            offset: 0,
            lines: Vec::new(),
        }
    }
}

/// What the reader is doing.
#[derive(Debug, Clone, Default)]
pub enum Mode {
    /// Reading the panes.
    #[default]
    Reading,
    /// Typing a search, or stepping through its hits.
    Search(Search),
    /// A popup over the panes.
    Popup { state: PopupState, under: Box<Mode> },
    /// Writing a note.
    Note { editor: NoteEditor, under: Box<Mode> },
    /// Typing the export's path.
    Prompt { prompt: ExportPrompt, under: Box<Mode> },
    /// A yes/no question.
    Confirm { question: Confirm, under: Box<Mode> },
}

impl Mode {
    /// Where keys are read now: decided by the top of the stack alone.
    pub fn context(&self) -> Context {
        match self {
            Mode::Reading => Context::Normal,
            Mode::Search(s) if s.editing => Context::Input,
            Mode::Search(_) => Context::Results,
            Mode::Popup { state, .. } if state.popup == Popup::Notes => Context::Notes,
            Mode::Popup { .. } => Context::Popup,
            Mode::Note { .. } => Context::Note,
            Mode::Prompt { .. } => Context::Prompt,
            Mode::Confirm { .. } => Context::Confirm,
        }
    }

    /// The mode beneath this one, if any.
    pub fn under(&self) -> Option<&Mode> {
        match self {
            Mode::Reading | Mode::Search(_) => None,
            Mode::Popup { under, .. }
            | Mode::Note { under, .. }
            | Mode::Prompt { under, .. }
            | Mode::Confirm { under, .. } => Some(under),
        }
    }

    fn under_mut(&mut self) -> Option<&mut Mode> {
        match self {
            Mode::Reading | Mode::Search(_) => None,
            Mode::Popup { under, .. }
            | Mode::Note { under, .. }
            | Mode::Prompt { under, .. }
            | Mode::Confirm { under, .. } => Some(under),
        }
    }

    /// This mode and every one beneath it, top first.
    pub fn layers(&self) -> impl Iterator<Item = &Mode> {
        std::iter::successors(Some(self), |m| m.under())
    }

    /// The bottom of the stack: reading or searching.
    fn base_mut(&mut self) -> &mut Mode {
        match self {
            Mode::Popup { under, .. }
            | Mode::Note { under, .. }
            | Mode::Prompt { under, .. }
            | Mode::Confirm { under, .. } => under.base_mut(),
            base => base,
        }
    }

    /// Puts `mode` (reading or a search) at the bottom, under whatever is open.
    pub fn set_base(&mut self, mode: Mode) {
        *self.base_mut() = mode;
    }

    /// Opens a mode over this one; `wrap` receives the mode beneath.
    pub fn open(&mut self, wrap: impl FnOnce(Box<Mode>) -> Mode) {
        let under = std::mem::take(self);
        *self = wrap(Box::new(under));
    }

    /// Closes the top mode (never the bottom one) and returns it, with nothing beneath.
    pub fn close_top(&mut self) -> Option<Mode> {
        let under = match self {
            Mode::Reading | Mode::Search(_) => return None,
            Mode::Popup { under, .. }
            | Mode::Note { under, .. }
            | Mode::Prompt { under, .. }
            | Mode::Confirm { under, .. } => std::mem::take(&mut **under),
        };
        Some(std::mem::replace(self, under))
    }

    /// The search, wherever it is.
    pub fn search(&self) -> Option<&Search> {
        self.layers().find_map(|m| match m {
            Mode::Search(s) => Some(s),
            _ => None,
        })
    }

    pub fn search_mut(&mut self) -> Option<&mut Search> {
        match self.base_mut() {
            Mode::Search(s) => Some(s),
            _ => None,
        }
    }

    /// The popup on top, the one keys go to.
    pub fn popup(&self) -> Option<&PopupState> {
        match self {
            Mode::Popup { state, .. } => Some(state),
            _ => None,
        }
    }

    pub fn popup_mut(&mut self) -> Option<&mut PopupState> {
        match self {
            Mode::Popup { state, .. } => Some(state),
            _ => None,
        }
    }

    /// The popup to draw: the one on top or under the note editor or a question.
    pub fn drawn_popup(&self) -> Option<&PopupState> {
        self.layers().find_map(Mode::popup)
    }

    /// The popup to draw, to lay out again.
    pub fn drawn_popup_mut(&mut self) -> Option<&mut PopupState> {
        if matches!(self, Mode::Popup { .. }) {
            return self.popup_mut();
        }
        self.under_mut()?.drawn_popup_mut()
    }

    /// The note editor, on top or under its question.
    pub fn note_editor(&self) -> Option<&NoteEditor> {
        self.layers().find_map(|m| match m {
            Mode::Note { editor, .. } => Some(editor),
            _ => None,
        })
    }

    pub fn note_editor_mut(&mut self) -> Option<&mut NoteEditor> {
        match self {
            Mode::Note { editor, .. } => Some(editor),
            other => other.under_mut()?.note_editor_mut(),
        }
    }

    /// The export prompt, on top or under its question.
    pub fn prompt(&self) -> Option<&ExportPrompt> {
        self.layers().find_map(|m| match m {
            Mode::Prompt { prompt, .. } => Some(prompt),
            _ => None,
        })
    }

    pub fn prompt_mut(&mut self) -> Option<&mut ExportPrompt> {
        match self {
            Mode::Prompt { prompt, .. } => Some(prompt),
            other => other.under_mut()?.prompt_mut(),
        }
    }

    /// The pending question.
    pub fn confirm(&self) -> Option<&Confirm> {
        match self {
            Mode::Confirm { question, .. } => Some(question),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mode_closes_back_to_the_one_beneath() {
        let mut mode = Mode::Reading;
        mode.open(|under| Mode::Popup {
            state: PopupState::new(Popup::Notes),
            under,
        });
        assert_eq!(mode.context(), Context::Notes);
        mode.open(|under| Mode::Confirm {
            question: Confirm::Discard,
            under,
        });
        assert_eq!(mode.context(), Context::Confirm);
        assert_eq!(mode.drawn_popup().map(|p| p.popup), Some(Popup::Notes));
        assert!(mode.popup().is_none(), "keys go to the question");
        assert!(matches!(mode.close_top(), Some(Mode::Confirm { .. })));
        assert_eq!(mode.context(), Context::Notes);
        assert!(matches!(mode.close_top(), Some(Mode::Popup { .. })));
        assert_eq!(mode.context(), Context::Normal);
        assert!(mode.close_top().is_none(), "reading is never closed");
    }
}
