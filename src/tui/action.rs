//! Everything that can change the reader's state, as data. The event loop turns keys (through
//! the keymap), mouse events, resizes and the analysis thread's report into an `Action`;
//! `App::update` is the only place that applies one, and it answers with an `Effect` for the
//! loop to carry out, so every flow can be driven and checked without a terminal.
//!
//! Bindable actions are the unit variants listed in `BINDABLE`: their names are what the keymap
//! file uses, their descriptions are what the help popup shows.

use crate::Analysis;
use crate::export::Format;
use crate::model::{EventId, NoteTarget};
use crate::notes::NoteEntry;
use std::path::PathBuf;
use tui_textarea::Input;

/// One change to the reader's state.
#[derive(Debug, Clone)]
pub enum Action {
    // Bindable: named in the keymap.
    Quit,
    NextEvent,
    PrevEvent,
    NextQuote,
    PrevQuote,
    NextSource,
    ScrollDown,
    ScrollUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    FocusNext,
    FocusPrev,
    PanesNext,
    PanesPrev,
    /// Focus the source with this index (0 for the first), paging the panes to show it.
    FocusSource(usize),
    /// The list of sources with their coverage, to focus one.
    Sources,
    ToggleSync,
    EventList,
    Matrix,
    Variants,
    Search,
    Help,
    /// Close the popup or leave search results.
    Close,
    /// Move the selection in a list popup, or scroll a text popup.
    SelectDown,
    SelectUp,
    SelectPageDown,
    SelectPageUp,
    /// Go to the selected item of a list popup.
    Choose,
    /// The next or previous value of the selected row of the filter popup.
    NextValue,
    PrevValue,
    SearchNext,
    SearchPrev,
    /// Finish typing a search and step through its hits.
    SearchSubmit,
    // Bindable: notes.
    AddNote,
    NotesList,
    EditNote,
    DeleteNote,
    SaveNote,
    // Bindable: export, quote intelligence and filters.
    /// Ask for a path and write the current view.
    Export,
    /// Write to the path typed in the prompt.
    PromptSubmit,
    /// The next export format in the prompt.
    NextFormat,
    Discrepancies,
    Exclusives,
    Filter,
    ClearFilter,
    /// Hide the weak events from stepping and the lists, or show them again.
    ToggleWeak,
    /// Fill every event's mentions with its colour, or only the current event's.
    ToggleColors,
    // Bindable: the answer to the pending yes/no question (replace a file, discard or delete a
    // note).
    Yes,
    No,
    // Not bindable: produced by the loop.
    /// A key typed into the note editor.
    NoteInput(Input),
    /// What became of the last note change sent out as `Effect::Note`.
    NoteSaved(NoteOutcome),
    /// A key typed into the search field.
    SearchInput(Input),
    /// A key typed into the export prompt.
    PromptInput(Input),
    /// What came of an `Effect::Export`.
    Exported(Exported),
    /// The terminal's new size in columns and rows.
    Resize(u16, u16),
    /// The mouse wheel at a cell: positive scrolls down.
    ScrollAt {
        column: u16,
        row: u16,
        lines: i32,
    },
    /// A left click at a cell.
    ClickAt {
        column: u16,
        row: u16,
    },
    /// The mouse moved to a cell (no button held).
    HoverAt {
        column: u16,
        row: u16,
    },
    /// The analysis thread is done.
    Analysed(Box<Analysis>),
    /// Nothing to do (a key with no binding).
    None,
}

/// What the loop must do after an update; `update` itself performs no I/O.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub enum Effect {
    /// Redraw and keep going.
    Continue,
    /// Leave the reader.
    Quit,
    /// Save a note change through the notes store, then report back with `Action::NoteSaved`.
    Note(NoteChange),
    /// Write the current view to a file, then report back with `Action::Exported`.
    Export(ExportRequest),
}

/// A change to the story's notes, for the loop to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteChange {
    /// A new note under the id its editor chose, so that sending it again after a failed save
    /// replaces it instead of adding another.
    Add {
        id: String,
        target: NoteTarget,
        text: String,
    },
    Edit {
        id: String,
        text: String,
    },
    Delete {
        id: String,
    },
    /// Forget the unsaved change to a note: its editor was closed after a failed save.
    Discard {
        id: String,
    },
}

impl NoteChange {
    /// The note it changes.
    pub fn id(&self) -> &str {
        match self {
            NoteChange::Add { id, .. }
            | NoteChange::Edit { id, .. }
            | NoteChange::Delete { id }
            | NoteChange::Discard { id } => id,
        }
    }
}

/// What became of a note change, with the notes the store holds afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteOutcome {
    /// Written, with what the store had to say.
    Saved {
        notes: Vec<NoteEntry>,
        messages: Vec<String>,
    },
    /// Not written. `kept` when the store holds the change for its next save; `notes` are
    /// unknown when there is no store.
    Failed {
        why: String,
        kept: bool,
        notes: Option<Vec<NoteEntry>>,
    },
    /// The unsaved change was dropped.
    Discarded { notes: Vec<NoteEntry> },
}

/// One export to carry out: what to write, where, and whether an existing file may go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    pub path: PathBuf,
    pub format: Format,
    /// The event in focus when the export was asked for.
    pub focus: Option<EventId>,
    pub overwrite: bool,
}

/// The outcome of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exported {
    Written(PathBuf),
    /// Not written: the file exists and overwriting was not asked for.
    Exists(PathBuf),
    /// Not written, with the reason.
    Failed(String),
}

/// A bindable action: its name in the keymap file, the action, and its help text.
pub struct Bindable {
    pub name: &'static str,
    pub action: fn() -> Action,
    pub help: &'static str,
}

macro_rules! bindable {
    ($($name:literal => $variant:ident $(($arg:literal))?, $help:literal;)*) => {
        /// Every action a key can be bound to, in the order the help lists them.
        pub const BINDABLE: &[Bindable] = &[
            $(Bindable { name: $name, action: || Action::$variant $(($arg))?, help: $help },)*
        ];
    };
}

bindable! {
    "next_event" => NextEvent, "next shared event";
    "prev_event" => PrevEvent, "previous shared event";
    "next_quote" => NextQuote, "next quote in this pane";
    "prev_quote" => PrevQuote, "previous quote in this pane";
    "next_source" => NextSource, "same event in the next source";
    "scroll_down" => ScrollDown, "scroll down";
    "scroll_up" => ScrollUp, "scroll up";
    "page_down" => PageDown, "page down";
    "page_up" => PageUp, "page up";
    "top" => Top, "go to the top";
    "bottom" => Bottom, "go to the end";
    "focus_next" => FocusNext, "focus the next pane";
    "focus_prev" => FocusPrev, "focus the previous pane";
    "panes_next" => PanesNext, "show the next panes";
    "panes_prev" => PanesPrev, "show the previous panes";
    "source_1" => FocusSource(0), "focus source 1 (its pane)";
    "source_2" => FocusSource(1), "focus source 2 (its pane)";
    "source_3" => FocusSource(2), "focus source 3 (its pane)";
    "source_4" => FocusSource(3), "focus source 4 (its pane)";
    "source_5" => FocusSource(4), "focus source 5 (its pane)";
    "source_6" => FocusSource(5), "focus source 6 (its pane)";
    "source_7" => FocusSource(6), "focus source 7 (its pane)";
    "source_8" => FocusSource(7), "focus source 8 (its pane)";
    "source_9" => FocusSource(8), "focus source 9 (its pane)";
    "sources" => Sources, "list of sources with the shared events each reports";
    "toggle_sync" => ToggleSync, "synchronised scrolling on/off";
    "event_list" => EventList, "list of shared events";
    "matrix" => Matrix, "coverage matrix";
    "variants" => Variants, "wording of the current event, word by word";
    "search" => Search, "search all articles";
    "help" => Help, "this help";
    "quit" => Quit, "quit";
    "close" => Close, "close / leave";
    "select_down" => SelectDown, "down";
    "select_up" => SelectUp, "up";
    "select_page_down" => SelectPageDown, "page down";
    "select_page_up" => SelectPageUp, "page up";
    "choose" => Choose, "go to the selected event";
    "next_value" => NextValue, "filter: next value of the selected row";
    "prev_value" => PrevValue, "filter: previous value of the selected row";
    "search_next" => SearchNext, "next hit";
    "search_prev" => SearchPrev, "previous hit";
    "search_submit" => SearchSubmit, "step through the hits";
    "add_note" => AddNote, "note on the selected passage, else the current event";
    "notes" => NotesList, "list of notes";
    "edit_note" => EditNote, "edit the selected note";
    "delete_note" => DeleteNote, "delete the selected note";
    "save_note" => SaveNote, "save the note";
    "export" => Export, "export the current view (html, markdown, json)";
    "prompt_submit" => PromptSubmit, "write the file";
    "next_format" => NextFormat, "next format";
    "discrepancies" => Discrepancies, "figures the sources disagree on";
    "exclusives" => Exclusives, "what each source leaves out and reports alone";
    "filter" => Filter, "filter events: speaker, kind, sources, discrepancies, strength";
    "clear_filter" => ClearFilter, "clear the filter";
    "toggle_weak" => ToggleWeak, "hide or show weak events (thin evidence)";
    "toggle_colors" => ToggleColors, "colour every event, or only the current one";
    "yes" => Yes, "yes";
    "no" => No, "no";
}

/// What the mouse does (with `ui.mouse`, on by default), for the help and the README: the
/// gesture and what it does.
pub const MOUSE: [(&str, &str); 4] = [
    (
        "wheel",
        "scroll the pane under the pointer (every pane when scrolling is synchronised), or the open popup",
    ),
    (
        "pointer",
        "on a shared passage, names its event in the status line",
    ),
    (
        "click",
        "focus the pane; on a shared passage, make its event current; in a list, go to the row",
    ),
    ("click outside a popup", "close it"),
];

/// The bindable action named `name` in a keymap file.
pub fn by_name(name: &str) -> Option<&'static Bindable> {
    BINDABLE.iter().find(|b| b.name == name)
}
