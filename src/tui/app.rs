//! The reader's state and its one entry point for change, `App::update(Action) -> Effect`.
//! The App holds a read-only `Analysis` (replaced once when the analysis thread reports), the
//! position of every pane as a byte anchor (so a resize re-wraps without losing the place), the
//! current event, popups and search. Layouts of articles are cached per width.
//!
//! Stepping, scrolling and focus live in `app/nav.rs`; search, popups and the mouse in
//! `app/modes.rs`; discrepancies, exclusives and the event filter in `app/intel.rs`; the export
//! prompt in `app/exporting.rs`; the note editor and the notes list in `app/notes.rs`; the
//! yes/no question they share in `app/confirm.rs`.

mod confirm;
mod exporting;
mod intel;
mod modes;
mod nav;
mod notes;

use super::action::{Action, Effect};
use super::geometry;
use super::keymap::{Chord, Context, Keymap};
use super::theme::Theme;
use super::wrap::Wrapped;
use crate::coverage::SourceCoverage;
use crate::model::Span;
use crate::notes::NoteEntry;
use crate::{Analysis, Corpus};
use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use tui_textarea::TextArea;

pub use confirm::Confirm;
pub use exporting::{ExportOptions, ExportPrompt, slug};
pub use intel::{ExclusiveRow, FILTER_ROWS, Figure, Filter, FilterRow};
pub use modes::{Hit, MATRIX_FOOTER, Search};
pub use notes::{NoteEditor, excerpt};

/// Where one article's pane is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pane {
    /// The first byte of the top row shown.
    pub top: usize,
    /// The passage selected by quote stepping, underlined.
    pub cursor: Option<Span>,
    /// The byte the pane was last brought to (a third of the way down), kept until the pane is
    /// scrolled by hand, so a resize can bring it there again.
    pub aligned: Option<usize>,
}

/// A popup over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Popup {
    EventList,
    Matrix,
    Variants,
    Help,
    Notes,
    Discrepancies,
    Exclusives,
    Filter,
}

impl Popup {
    /// Popups whose rows are chosen from (the others are text to scroll).
    pub fn is_list(self) -> bool {
        !matches!(self, Popup::Variants | Popup::Help)
    }
}

/// A stretch of an article to highlight: a mention of a shared event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub span: Span,
    /// Index into `Analysis::events`.
    pub event: usize,
    pub quote: bool,
}

/// The reader.
pub struct App {
    pub analysis: Analysis,
    /// The analysis thread has not reported yet.
    pub analysing: bool,
    /// The step the analysis thread is on, while `analysing`.
    pub stage: Option<crate::Stage>,
    pub keymap: Keymap,
    pub theme: Theme,
    /// The terminal's size.
    pub area: Rect,
    pub min_pane_width: u16,
    pub panes: Vec<Pane>,
    /// The focused article.
    pub focus: usize,
    /// The first article shown (panes page by the number that fit).
    pub first: usize,
    /// The current event, an index into `Analysis::events`.
    pub current: Option<usize>,
    /// Scroll all panes together.
    pub sync: bool,
    pub popup: Option<Popup>,
    /// The selected row of a list popup.
    pub selected: usize,
    /// The first row shown in a popup.
    pub popup_offset: usize,
    pub search: Option<Search>,
    /// A one-off note for the status line, cleared by the next action.
    pub message: Option<String>,
    /// Mentions per article, by start.
    pub marks: Vec<Vec<Mark>>,
    /// Quotations per article, by start.
    pub quotes: Vec<Vec<Span>>,
    /// The story's notes, as the store last reported them.
    pub note_entries: Vec<NoteEntry>,
    pub note_editor: Option<NoteEditor>,
    /// The question waiting for yes or no (replace a file, discard or delete a note).
    pub confirm: Option<Confirm>,
    /// Which events stepping and the event lists go through.
    pub filter: Filter,
    /// Per event, whether its sources disagree on a figure.
    discrepant: Vec<bool>,
    /// Per article, the differing figures, by start.
    pub figures: Vec<Vec<Figure>>,
    /// The export prompt, while it is open.
    pub export: Option<ExportPrompt>,
    pub export_options: ExportOptions,
    /// The path last exported to, proposed again.
    last_export: Option<String>,
    coverage: RefCell<Option<Rc<Vec<SourceCoverage>>>>,
    layouts: RefCell<HashMap<(usize, usize), Rc<Wrapped>>>,
    /// The lines of the open text popup, with what they were made for.
    popup_lines: RefCell<Option<(PopupKey, Rc<Vec<Line<'static>>>)>>,
}

/// What a text popup's lines depend on.
type PopupKey = (Option<Popup>, Option<usize>, Rect);

impl App {
    /// A reader on an analysis; `analysing` when the real one is still being computed.
    pub fn new(analysis: Analysis, keymap: Keymap, theme: Theme, area: Rect) -> App {
        let n = analysis.corpus.articles.len();
        let mut app = App {
            analysis,
            analysing: false,
            stage: None,
            keymap,
            theme,
            area,
            min_pane_width: 38,
            panes: vec![Pane::default(); n],
            focus: 0,
            first: 0,
            current: None,
            sync: false,
            popup: None,
            selected: 0,
            popup_offset: 0,
            search: None,
            message: None,
            marks: Vec::new(),
            quotes: Vec::new(),
            note_entries: Vec::new(),
            note_editor: None,
            confirm: None,
            filter: Filter::default(),
            discrepant: Vec::new(),
            figures: Vec::new(),
            export: None,
            export_options: ExportOptions::default(),
            last_export: None,
            coverage: RefCell::new(None),
            layouts: RefCell::new(HashMap::new()),
            popup_lines: RefCell::new(None),
        };
        app.index();
        app
    }

    /// A reader showing the texts at once while their analysis runs elsewhere.
    pub fn loading(corpus: Corpus, keymap: Keymap, theme: Theme, area: Rect) -> App {
        let analysis = Analysis {
            corpus,
            events: Vec::new(),
            discrepancies: Vec::new(),
            quotes: Vec::new(),
        };
        let mut app = App::new(analysis, keymap, theme, area);
        app.analysing = true;
        app
    }

    /// Rebuilds the per-article indexes of mentions and quotes.
    fn index(&mut self) {
        let n = self.analysis.corpus.articles.len();
        self.marks = vec![Vec::new(); n];
        self.quotes = vec![Vec::new(); n];
        for (i, event) in self.analysis.events.iter().enumerate() {
            for m in &event.mentions {
                if let Some(list) = self.marks.get_mut(m.article.index()) {
                    list.push(Mark {
                        span: m.span,
                        event: i,
                        quote: m.quote,
                    });
                }
            }
        }
        for q in &self.analysis.quotes {
            if let Some(list) = self.quotes.get_mut(q.article.index()) {
                list.push(q.span);
            }
        }
        for list in &mut self.marks {
            list.sort_by_key(|m| (m.span.start, m.span.end));
        }
        for list in &mut self.quotes {
            list.sort_by_key(|s| (s.start, s.end));
        }
        self.index_discrepancies();
    }

    pub fn articles(&self) -> usize {
        self.analysis.corpus.articles.len()
    }

    /// Articles shown side by side at the current size.
    pub fn visible(&self) -> usize {
        geometry::visible_count(self.area.width, self.min_pane_width, self.articles())
    }

    /// The articles on screen with their pane rectangles.
    pub fn pane_rects(&self) -> Vec<(usize, Rect)> {
        let panes = geometry::panes_area(self.area);
        let count = self.visible();
        geometry::pane_rects(panes, count)
            .into_iter()
            .enumerate()
            .map(|(slot, r)| (self.first + slot, r))
            .filter(|(a, _)| *a < self.articles())
            .collect()
    }

    /// Rows of text in a pane.
    pub fn text_height(&self) -> usize {
        geometry::text_height(geometry::panes_area(self.area))
    }

    /// An article laid out at the panes' current text width (cached).
    pub fn layout(&self, article: usize) -> Rc<Wrapped> {
        let width = geometry::text_width(self.area.width, self.visible());
        let key = (article, width);
        if let Some(w) = self.layouts.borrow().get(&key) {
            return Rc::clone(w);
        }
        let text = self
            .analysis
            .corpus
            .articles
            .get(article)
            .map_or("", |a| a.text.as_str());
        let wrapped = Rc::new(Wrapped::new(text, width));
        let mut cache = self.layouts.borrow_mut();
        // Old widths are of no use after a resize.
        cache.retain(|(_, w), _| *w == width);
        cache.insert(key, Rc::clone(&wrapped));
        wrapped
    }

    /// The lines of the open text popup, built once per event and size (the variants of a
    /// widely reported event take many word diffs).
    pub fn popup_lines(&self, build: impl FnOnce() -> Vec<Line<'static>>) -> Rc<Vec<Line<'static>>> {
        let key = (self.popup, self.current, self.area);
        if let Some((k, lines)) = self.popup_lines.borrow().as_ref()
            && *k == key
        {
            return Rc::clone(lines);
        }
        let lines = Rc::new(build());
        *self.popup_lines.borrow_mut() = Some((key, Rc::clone(&lines)));
        lines
    }

    /// The top row shown in an article's pane.
    pub fn top_row(&self, article: usize) -> usize {
        let top = self.panes.get(article).map_or(0, |p| p.top);
        self.layout(article).row_of(top)
    }

    /// Where keys are read now.
    pub fn context(&self) -> Context {
        if self.confirm.is_some() {
            return Context::Confirm;
        }
        if self.note_editor.is_some() {
            return Context::Note;
        }
        if self.export.is_some() {
            return Context::Prompt;
        }
        match (&self.popup, &self.search) {
            (Some(Popup::Notes), _) => Context::Notes,
            (Some(_), _) => Context::Popup,
            (None, Some(s)) if s.editing => Context::Input,
            (None, Some(_)) => Context::Results,
            (None, None) => Context::Normal,
        }
    }

    /// The action a key stands for here; while typing, unbound keys edit the search.
    pub fn key(&self, key: KeyEvent) -> Action {
        let ctx = self.context();
        match self.keymap.action(ctx, Chord::from_event(key)) {
            Some(action) => action,
            None if ctx == Context::Input => Action::SearchInput(key.into()),
            None if ctx == Context::Note => Action::NoteInput(key.into()),
            None if ctx == Context::Prompt => Action::PromptInput(key.into()),
            None => Action::None,
        }
    }

    /// Applies one action; the only way the reader's state changes.
    pub fn update(&mut self, action: Action) -> Effect {
        if !matches!(action, Action::None | Action::Analysed(_)) {
            self.message = None;
        }
        match action {
            Action::Quit => return Effect::Quit,
            Action::NextEvent => self.step_event(1),
            Action::PrevEvent => self.step_event(-1),
            Action::NextQuote => self.step_quote(true),
            Action::PrevQuote => self.step_quote(false),
            Action::NextSource => self.next_source(),
            Action::ScrollDown => self.scroll_focused(1),
            Action::ScrollUp => self.scroll_focused(-1),
            Action::PageDown => self.scroll_focused(self.page()),
            Action::PageUp => self.scroll_focused(-self.page()),
            Action::Top => self.scroll_focused(i32::MIN / 2),
            Action::Bottom => self.scroll_focused(i32::MAX / 2),
            Action::FocusNext => self.move_focus(1),
            Action::FocusPrev => self.move_focus(-1),
            Action::PanesNext => self.page_panes(1),
            Action::PanesPrev => self.page_panes(-1),
            Action::ToggleSync => {
                self.sync = !self.sync;
                let state = if self.sync { "on" } else { "off" };
                self.message = Some(format!("synchronised scrolling {state}"));
            }
            Action::EventList => self.open_popup(Popup::EventList),
            Action::Matrix => self.open_popup(Popup::Matrix),
            Action::Variants => self.open_popup(Popup::Variants),
            Action::Help => self.open_popup(Popup::Help),
            Action::Search => self.start_search(),
            Action::Close if self.note_editor.is_some() => return self.close_note(),
            Action::Close if self.export.is_some() => self.export = None,
            Action::Close => self.close(),
            Action::SelectDown => self.select(1),
            Action::SelectUp => self.select(-1),
            Action::SelectPageDown => self.select(self.popup_page()),
            Action::SelectPageUp => self.select(-self.popup_page()),
            Action::Choose => self.choose(),
            Action::NextValue => self.cycle_filter(true),
            Action::PrevValue => self.cycle_filter(false),
            Action::SearchNext => self.step_hit(1),
            Action::SearchPrev => self.step_hit(-1),
            Action::SearchSubmit => self.submit_search(),
            Action::SearchInput(input) => self.search_input(input),
            Action::Export => self.start_export(),
            Action::PromptInput(input) => self.prompt_input(input),
            Action::NextFormat => self.next_format(),
            Action::PromptSubmit => return self.submit_export(),
            Action::Yes => return self.answer(true),
            Action::No => return self.answer(false),
            Action::Exported(outcome) => self.exported(outcome),
            Action::Discrepancies => self.open_popup(Popup::Discrepancies),
            Action::Exclusives => self.open_popup(Popup::Exclusives),
            Action::Filter => self.open_popup(Popup::Filter),
            Action::ClearFilter => self.clear_filter(),
            Action::ToggleWeak => self.toggle_weak(),
            Action::Resize(width, height) => self.resize(width, height),
            // The mouse waits while a note is written or a question asked.
            Action::ScrollAt { .. } | Action::ClickAt { .. }
                if self.note_editor.is_some() || self.confirm.is_some() => {}
            Action::ScrollAt { column, row, lines } => self.scroll_at(column, row, lines),
            Action::ClickAt { column, row } => self.click_at(column, row),
            Action::Analysed(analysis) => self.analysed(*analysis),
            Action::AddNote => self.add_note(),
            Action::NotesList => self.open_notes(),
            Action::EditNote => self.edit_note(),
            Action::DeleteNote => self.delete_note(),
            Action::SaveNote => return self.save_note(),
            Action::NoteInput(input) => self.note_input(input),
            Action::NoteSaved(outcome) => self.note_saved(outcome),
            Action::None => {}
        }
        Effect::Continue
    }

    fn analysed(&mut self, analysis: Analysis) {
        let n = analysis.corpus.articles.len();
        self.analysis = analysis;
        self.analysing = false;
        self.panes.resize(n, Pane::default());
        self.focus = self.focus.min(n.saturating_sub(1));
        self.current = None;
        self.layouts.borrow_mut().clear();
        self.index();
        let events = self.analysis.events.len();
        let mut message = format!(
            "{events} shared events · {} to step through them",
            self.keymap.first_key(Context::Normal, "next_event")
        );
        // What the notes store said at start, if no key has cleared it yet.
        if let Some(before) = self.message.take() {
            message = format!("{before} · {message}");
        }
        self.message = Some(message);
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.area = Rect::new(0, 0, width, height);
        self.first = self.first.min(self.articles().saturating_sub(self.visible()));
        self.reveal(self.focus);
        self.clamp_popup();
    }

    fn page(&self) -> i32 {
        i32::try_from(self.text_height().saturating_sub(2).max(1)).unwrap_or(1)
    }

    /// A new search field, with no query yet.
    fn start_search(&mut self) {
        let mut input = TextArea::default();
        input.set_cursor_line_style(ratatui::style::Style::new());
        self.search = Some(Search {
            input,
            editing: true,
            hits: Vec::new(),
            current: None,
        });
    }
}
