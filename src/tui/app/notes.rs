//! Notes in the reader: the editor (a multi-line text field), the notes list, and what the
//! answers to "discard the text?" and "delete the note?" do (the questions are `Confirm`'s).
//!
//! What a new note is attached to follows one rule, shown in the editor's title: the selected
//! passage of the focused pane (the current search hit while stepping through results, else the
//! quote selected with `]`/`[`), otherwise the current event. `update` never writes: saving is an
//! `Effect::Note` that the loop hands to the notes store, and the store's answer comes back as
//! `Action::NoteSaved`. Until it says "saved", the editor stays open with the text in it, so a
//! failed save loses nothing. A new note's id is chosen when its editor opens, so saving again
//! after a failure replaces the note the store kept instead of adding another; closing the editor
//! after a failed save tells the store to forget the change (`NoteChange::Discard`).

use super::{App, Confirm, Mode, Popup};
use crate::display::terminal_line;
use crate::model::{Note, NoteTarget, Span};
use crate::notes::{NoteEntry, new_note_id};
use crate::tui::action::{Effect, NoteChange, NoteOutcome};
use crate::tui::keymap::Context;
use ratatui::style::Style;
use tui_textarea::{Input, TextArea};

/// Characters of a passage quoted in a title or a list row.
const EXCERPT_CHARS: usize = 48;

/// What the status line says once an editor's text is dropped.
const DISCARDED: &str = "note discarded";

/// A note being written or edited.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    pub input: TextArea<'static>,
    pub target: NoteTarget,
    /// The note's id; a new note's is chosen when the editor opens.
    pub id: String,
    /// Writing a new note rather than editing one.
    pub is_new: bool,
    /// The text when the editor opened, to tell whether closing discards anything.
    pub original: String,
    /// Sent to the store, no answer yet.
    pub saving: bool,
    /// Why the last save failed; the text is still here.
    pub error: Option<String>,
    /// A save failed and the store may hold the change for its next save: closing the editor
    /// must tell it to forget it.
    pub unsaved: bool,
}

impl NoteEditor {
    /// An editor on the note `existing`, or on a new one.
    fn new(target: NoteTarget, existing: Option<String>, text: &str) -> NoteEditor {
        let mut input = if text.is_empty() {
            TextArea::default()
        } else {
            TextArea::new(text.lines().map(str::to_string).collect())
        };
        input.set_cursor_line_style(Style::new());
        input.set_placeholder_text("type the note…");
        // Editing goes on from the end of the text.
        input.move_cursor(tui_textarea::CursorMove::Bottom);
        input.move_cursor(tui_textarea::CursorMove::End);
        NoteEditor {
            input,
            target,
            is_new: existing.is_none(),
            id: existing.unwrap_or_else(new_note_id),
            original: text.to_string(),
            saving: false,
            error: None,
            unsaved: false,
        }
    }

    pub fn text(&self) -> String {
        self.input.lines().join("\n")
    }
}

impl App {
    /// The story's notes, as the store last reported them: what an export includes.
    pub fn notes(&self) -> Vec<Note> {
        self.note_entries.iter().map(|e| e.note.clone()).collect()
    }

    /// Replaces the notes shown (after the store opened or saved).
    pub fn set_notes(&mut self, entries: Vec<NoteEntry>) {
        self.note_entries = entries;
        self.view
            .set_notes(&self.analysis, self.note_entries.iter().map(|e| &e.note.target));
        self.clamp_popup();
    }

    /// What `add_note` would attach a note to now.
    pub fn note_target(&self) -> Option<NoteTarget> {
        let passage = |article: usize, span: Span| NoteTarget::Passage {
            article,
            start: span.start,
            end: span.end,
        };
        let hit = self
            .mode
            .search()
            .filter(|s| !s.editing)
            .and_then(|s| s.hits.get(s.current?))
            .filter(|h| h.article == self.focus);
        if let Some(h) = hit {
            return Some(passage(h.article, h.span));
        }
        if let Some(cursor) = self.panes.get(self.focus).and_then(|p| p.cursor) {
            return Some(passage(self.focus, cursor));
        }
        let event = self.analysis.events.get(self.current?)?;
        Some(NoteTarget::Event {
            label: event.label.clone(),
        })
    }

    /// "event 3 “label”" or "2 VOA: “the passage…”", for titles and lists.
    pub fn describe_target(&self, target: &NoteTarget) -> String {
        match target {
            NoteTarget::Event { label } => {
                let number = self.analysis.events.iter().position(|e| &e.label == label);
                match number {
                    Some(i) => format!("event {} “{}”", i + 1, excerpt(label)),
                    None => format!("event “{}”", excerpt(label)),
                }
            }
            NoteTarget::Passage { article, start, end } => {
                let Some(a) = self.analysis.corpus.articles.get(*article) else {
                    return "a passage".to_string();
                };
                let text = a.text.get(*start..*end).unwrap_or("");
                format!(
                    "{} {}: “{}”",
                    article + 1,
                    terminal_line(&a.source),
                    excerpt(text)
                )
            }
        }
    }

    pub(super) fn add_note(&mut self) {
        match self.note_target() {
            Some(target) => {
                let editor = NoteEditor::new(target, None, "");
                self.mode.open(|under| Mode::Note { editor, under });
            }
            None => {
                let k = &self.keymap;
                self.message = Some(format!(
                    "a note goes on the current event or the selected passage: step to an event \
                     ({}) or select a quote ({}) first",
                    k.first_key(Context::Normal, "next_event"),
                    k.first_key(Context::Normal, "next_quote"),
                ));
            }
        }
    }

    pub(super) fn note_input(&mut self, input: Input) {
        if let Some(editor) = self.mode.note_editor_mut().filter(|e| !e.saving) {
            editor.input.input(input);
        }
    }

    /// Sends the editor's text to be saved; the editor stays open until the answer.
    pub(super) fn save_note(&mut self) -> Effect {
        let Some(editor) = self.mode.note_editor_mut() else {
            return Effect::Continue;
        };
        if editor.saving {
            return Effect::Continue;
        }
        let text = editor.text();
        if text.trim().is_empty() {
            editor.error = Some("an empty note is not saved".to_string());
            return Effect::Continue;
        }
        editor.saving = true;
        editor.error = None;
        let id = editor.id.clone();
        Effect::Note(if editor.is_new {
            NoteChange::Add {
                id,
                target: editor.target.clone(),
                text,
            }
        } else {
            NoteChange::Edit { id, text }
        })
    }

    /// Leaves the editor, asking first when that would drop typed text.
    pub(super) fn close_note(&mut self) -> Effect {
        let Some(editor) = self.mode.note_editor() else {
            return Effect::Continue;
        };
        let text = editor.text();
        if !text.trim().is_empty() && text != editor.original {
            self.ask(Confirm::Discard);
            Effect::Continue
        } else {
            self.drop_editor()
        }
    }

    /// Closes the editor; a change that a failed save left with the store goes too.
    fn drop_editor(&mut self) -> Effect {
        match self.take_editor() {
            Some(editor) if editor.unsaved => Effect::Note(NoteChange::Discard { id: editor.id }),
            _ => Effect::Continue,
        }
    }

    /// Closes the note editor (and a question over it), back to what was beneath.
    fn take_editor(&mut self) -> Option<NoteEditor> {
        while self.mode.note_editor().is_some() {
            if let Some(Mode::Note { editor, .. }) = self.mode.close_top() {
                return Some(editor);
            }
        }
        None
    }

    pub(super) fn open_notes(&mut self) {
        self.show_popup(Popup::Notes, 0);
    }

    fn selected_note(&self) -> Option<&NoteEntry> {
        self.note_entries
            .get(self.selected())
            .filter(|_| self.popup() == Some(Popup::Notes))
    }

    pub(super) fn edit_note(&mut self) {
        if let Some(entry) = self.selected_note() {
            let editor = NoteEditor::new(
                entry.note.target.clone(),
                Some(entry.id.clone()),
                &entry.note.text,
            );
            self.mode.open(|under| Mode::Note { editor, under });
        }
    }

    pub(super) fn delete_note(&mut self) {
        if let Some(entry) = self.selected_note() {
            let id = entry.id.clone();
            self.ask(Confirm::Delete { id });
        }
    }

    /// Yes drops the editor's text; no goes back to it.
    pub(super) fn answer_discard(&mut self, yes: bool) -> Effect {
        if !yes {
            return Effect::Continue;
        }
        self.message = Some(DISCARDED.to_string());
        self.drop_editor()
    }

    /// Yes sends the deletion to the store; no keeps the note.
    pub(super) fn answer_delete(&mut self, id: String, yes: bool) -> Effect {
        if yes {
            Effect::Note(NoteChange::Delete { id })
        } else {
            Effect::Continue
        }
    }

    /// The store's answer to the last change.
    pub(super) fn note_saved(&mut self, outcome: NoteOutcome) {
        let saving = self.mode.note_editor().is_some_and(|e| e.saving);
        match outcome {
            NoteOutcome::Saved { notes, messages } => {
                self.set_notes(notes);
                let mut said = vec![if saving { "note saved" } else { "note deleted" }.to_string()];
                said.extend(messages);
                self.message = Some(said.join(" · "));
                if saving {
                    self.take_editor();
                }
            }
            NoteOutcome::Failed { why, kept, notes } => {
                if let Some(notes) = notes {
                    self.set_notes(notes);
                }
                self.message = Some(
                    if let Some(editor) = self.mode.note_editor_mut().filter(|e| e.saving) {
                        editor.saving = false;
                        editor.unsaved |= kept;
                        editor.error = Some(why.clone());
                        format!("note not saved, the text is kept: {why}")
                    } else if kept {
                        format!(
                            "note deleted here; the notes file is not updated yet ({why}), the next save does it"
                        )
                    } else {
                        format!("note not deleted: {why}")
                    },
                );
            }
            NoteOutcome::Discarded { notes } => {
                self.set_notes(notes);
                self.message = Some(DISCARDED.to_string());
            }
        }
    }

    /// Whether an event has a note of its own.
    pub fn event_noted(&self, event: usize) -> bool {
        self.view.is_noted(crate::model::EventId::from_index(event))
    }
}

/// The first characters of a text on one line, "…" when cut.
pub fn excerpt(text: &str) -> String {
    let line = terminal_line(text);
    let mut chars = line.chars();
    let mut out: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}
