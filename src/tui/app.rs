//! The reader's state and its one entry point for change, `App::update(Action) -> Effect`.
//! The App holds a read-only `Analysis` (replaced once when the analysis thread reports) and its
//! view model (`crate::view::StoryView`: what every article looks like, rebuilt per analysis and
//! per notes change), the position of every pane as a byte anchor (so a resize re-wraps without
//! losing the place), the current event, and one `Mode` (reading, search, popup, note, prompt,
//! question). Fields are private: the drawing code reads them through accessors, and `update`
//! never calls it. Layouts of articles are cached per width.
//!
//! The mode stack lives in `app/layers.rs`; stepping, scrolling and focus in `app/nav.rs`;
//! search, popups and the mouse in `app/modes.rs`; the text popups' rows in `app/text.rs`;
//! discrepancies, exclusives and the event filter in `app/intel.rs`; the export prompt in
//! `app/exporting.rs`; the note editor and the notes list in `app/notes.rs`; the yes/no question
//! they share in `app/confirm.rs`; focusing a source by its number or from the sources list in
//! `app/sources.rs`.

mod confirm;
mod exporting;
mod intel;
mod layers;
mod modes;
mod nav;
mod notes;
mod sources;
mod text;

use super::action::{Action, Effect};
use super::geometry;
use super::keymap::{Chord, Context, Keymap};
use super::theme::Theme;
use super::wrap::Wrapped;
use crate::coverage::{self, SourceCoverage};
use crate::model::Span;
use crate::notes::NoteEntry;
use crate::view::StoryView;
use crate::{Analysis, Corpus};
use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use tui_textarea::TextArea;

pub use confirm::Confirm;
pub use exporting::{ExportOptions, ExportPrompt, slug};
pub use intel::{ExclusiveRow, FILTER_ROWS, Filter, FilterRow};
pub use layers::{Mode, PopupState};
pub use modes::{Hit, MATRIX_FOOTER, Place, Search};
pub use notes::{NoteEditor, excerpt};
pub use sources::SourceRow;

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
    Sources,
}

impl Popup {
    /// Popups whose rows are chosen from (the others are text to scroll).
    pub fn is_list(self) -> bool {
        !matches!(self, Popup::Variants | Popup::Help)
    }
}

/// The reader.
pub struct App {
    analysis: Analysis,
    /// What every article looks like: built once per analysis, its notes again per change.
    view: StoryView,
    /// The analysis thread has not reported yet.
    analysing: bool,
    /// The step the analysis thread is on, while `analysing`.
    stage: Option<crate::Stage>,
    keymap: Keymap,
    theme: Theme,
    /// The terminal's size.
    area: Rect,
    min_pane_width: u16,
    panes: Vec<Pane>,
    /// The focused article.
    focus: usize,
    /// The first article shown (panes page by the number that fit).
    first: usize,
    /// The current event, an index into `Analysis::events`.
    current: Option<usize>,
    /// Scroll all panes together.
    sync: bool,
    /// What the reader is doing: reading, searching, a popup, a note, the export, a question.
    mode: Mode,
    /// A one-off note for the status line, cleared by the next action.
    message: Option<String>,
    /// The story's notes, as the store last reported them.
    note_entries: Vec<NoteEntry>,
    /// Which events stepping and the event lists go through.
    filter: Filter,
    /// Every event's mentions filled with its colour, not only the current event's.
    color_all: bool,
    /// The event whose mention the mouse pointer is on.
    hover: Option<usize>,
    export_options: ExportOptions,
    /// The path last exported to, proposed again.
    last_export: Option<String>,
    /// Each source's omissions and exclusives, once per analysis.
    coverage: Rc<Vec<SourceCoverage>>,
    /// The story's title (`Corpus::display_title`, which compares every pair of headlines),
    /// once per analysis.
    title: String,
    /// The coverage of the analysis is being worked out on another thread (`set_coverage`).
    coverage_pending: bool,
    /// Articles laid out per width: a memo of `Wrapped::new`, which is pure.
    layouts: RefCell<HashMap<(usize, usize), Rc<Wrapped>>>,
}

impl App {
    /// A reader on an analysis; `analysing` when the real one is still being computed.
    pub fn new(analysis: Analysis, keymap: Keymap, theme: Theme, area: Rect) -> App {
        let n = analysis.corpus.articles.len();
        let mut app = App {
            analysis,
            view: StoryView::default(),
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
            mode: Mode::Reading,
            message: None,
            note_entries: Vec::new(),
            filter: Filter::default(),
            color_all: false,
            hover: None,
            export_options: ExportOptions::default(),
            last_export: None,
            coverage: Rc::new(Vec::new()),
            title: String::new(),
            coverage_pending: false,
            layouts: RefCell::new(HashMap::new()),
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

    /// Rebuilds the view model and the coverage of the analysis.
    fn index(&mut self) {
        self.index_view();
        self.coverage = Rc::new(if self.analysing {
            Vec::new()
        } else {
            coverage::coverage(&self.analysis)
        });
    }

    /// Rebuilds the title and the view model of the analysis.
    fn index_view(&mut self) {
        self.title = self.analysis.corpus.display_title();
        self.view = StoryView::new(&self.analysis, self.note_entries.iter().map(|e| &e.note.target));
    }

    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// The story's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// What every article looks like: marks, quotes, figures, notes, pieces.
    pub fn view(&self) -> &StoryView {
        &self.view
    }

    /// The analysis thread has not reported yet.
    pub fn analysing(&self) -> bool {
        self.analysing
    }

    /// The step the analysis thread is on.
    pub fn stage(&self) -> Option<crate::Stage> {
        self.stage
    }

    /// Whether the analysis is still to come: the texts alone are shown meanwhile.
    pub fn set_analysing(&mut self, analysing: bool) {
        self.analysing = analysing;
    }

    /// Takes over from the reader that showed the story so far, as more of its pages arrive:
    /// each article's pane stays where it was read to (articles matched by path), and the
    /// focus, the first pane shown, synchronised scrolling and the open popup stay too.
    pub fn carry_over(&mut self, before: App) {
        let articles = &before.analysis.corpus.articles;
        let index_of = |app: &App, at: usize| {
            let path = &articles.get(at)?.path;
            app.analysis.corpus.articles.iter().position(|a| &a.path == path)
        };
        for (i, article) in self.analysis.corpus.articles.iter().enumerate() {
            if let (Some(j), Some(pane)) = (
                articles.iter().position(|a| a.path == article.path),
                self.panes.get_mut(i),
            ) {
                *pane = before.panes.get(j).cloned().unwrap_or_default();
            }
        }
        self.focus = index_of(self, before.focus).unwrap_or(0);
        self.first = index_of(self, before.first).unwrap_or(0);
        self.sync = before.sync;
        if let Some(state) = before.mode.popup().cloned() {
            self.mode = Mode::Popup {
                state,
                under: Box::new(Mode::Reading),
            };
        }
    }

    /// The analysis thread began a step.
    pub fn set_stage(&mut self, stage: crate::Stage) {
        self.stage = Some(stage);
    }

    /// The analysis thread ended without an analysis: the texts alone are shown.
    pub fn analysis_failed(&mut self) {
        self.analysing = false;
        self.message = Some("the analysis failed; showing the texts only".into());
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// The terminal's size.
    pub fn area(&self) -> Rect {
        self.area
    }

    /// The narrowest a pane may be before fewer are shown side by side.
    pub fn set_min_pane_width(&mut self, width: u16) {
        self.min_pane_width = width;
        self.first = self.first.min(self.articles().saturating_sub(self.visible()));
        self.reveal(self.focus);
    }

    /// Where each article's pane is.
    pub fn panes(&self) -> &[Pane] {
        &self.panes
    }

    /// The focused article.
    pub fn focus(&self) -> usize {
        self.focus
    }

    /// The first article shown.
    pub fn first(&self) -> usize {
        self.first
    }

    /// The current event, an index into `Analysis::events`.
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// Whether all panes scroll together.
    pub fn sync(&self) -> bool {
        self.sync
    }

    pub fn set_sync(&mut self, sync: bool) {
        self.sync = sync;
    }

    /// What the reader is doing.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The popup keys go to, if one is on top.
    pub fn popup(&self) -> Option<Popup> {
        self.mode.popup().map(|p| p.popup)
    }

    /// The popup drawn over the panes (on top, or under the note editor or a question).
    pub fn popup_state(&self) -> Option<&PopupState> {
        self.mode.drawn_popup()
    }

    /// The selected row of the open list popup.
    pub fn selected(&self) -> usize {
        self.mode.drawn_popup().map_or(0, |p| p.selected)
    }

    /// The first row shown in the open popup.
    pub fn popup_offset(&self) -> usize {
        self.mode.drawn_popup().map_or(0, |p| p.offset)
    }

    /// The search, while typing it or stepping through its hits.
    pub fn search(&self) -> Option<&Search> {
        self.mode.search()
    }

    /// The note editor, while a note is written.
    pub fn note_editor(&self) -> Option<&NoteEditor> {
        self.mode.note_editor()
    }

    /// The pending yes/no question.
    pub fn confirm(&self) -> Option<&Confirm> {
        self.mode.confirm()
    }

    /// The export prompt, while it is open.
    pub fn export_prompt(&self) -> Option<&ExportPrompt> {
        self.mode.prompt()
    }

    /// The one-off note of the status line.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Shows a note in the status line until the next action.
    pub fn set_message(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }

    /// The story's notes with their ids, as the store last reported them.
    pub fn note_entries(&self) -> &[NoteEntry] {
        &self.note_entries
    }

    /// Which events stepping and the event lists go through.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Whether every event's mentions are filled with colour, not only the current event's.
    pub fn color_all(&self) -> bool {
        self.color_all
    }

    /// The event whose mention the mouse pointer is on.
    pub fn hover(&self) -> Option<usize> {
        self.hover
    }

    pub fn export_options(&self) -> &ExportOptions {
        &self.export_options
    }

    pub fn set_export_options(&mut self, options: ExportOptions) {
        self.export_options = options;
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

    /// The top row shown in an article's pane.
    pub fn top_row(&self, article: usize) -> usize {
        let top = self.panes.get(article).map_or(0, |p| p.top);
        self.layout(article).row_of(top)
    }

    /// Where keys are read now.
    pub fn context(&self) -> Context {
        self.mode.context()
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
        // The pointer passing over the text leaves the status line's note alone.
        if !matches!(
            action,
            Action::None | Action::Analysed(_) | Action::HoverAt { .. }
        ) {
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
            Action::FocusSource(article) => self.focus_source(article),
            Action::Sources => self.open_popup(Popup::Sources),
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
            Action::Close if self.mode.note_editor().is_some() => return self.close_note(),
            Action::Close if matches!(self.mode, Mode::Prompt { .. }) => {
                self.mode.close_top();
            }
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
            Action::ToggleColors => {
                self.color_all = !self.color_all;
                self.message = Some(
                    if self.color_all {
                        "every event in colour"
                    } else {
                        "the current event in colour, the others marked in the margin"
                    }
                    .to_string(),
                );
            }
            Action::Resize(width, height) => self.resize(width, height),
            // The mouse waits while a note is written or a question asked.
            Action::ScrollAt { .. } | Action::ClickAt { .. } | Action::HoverAt { .. }
                if matches!(self.mode, Mode::Note { .. } | Mode::Confirm { .. }) => {}
            Action::ScrollAt { column, row, lines } => self.scroll_at(column, row, lines),
            Action::ClickAt { column, row } => self.click_at(column, row),
            Action::HoverAt { column, row } => self.hover_at(column, row),
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
        // What each source leaves out is worked out on another thread (`set_coverage`): on a
        // large story it takes longer than the first frame may wait.
        self.index_view();
        self.coverage = Rc::new(Vec::new());
        self.coverage_pending = true;
        self.lay_out_popup();
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
        self.lay_out_popup();
    }

    fn page(&self) -> i32 {
        i32::try_from(self.text_height().saturating_sub(2).max(1)).unwrap_or(1)
    }

    /// A new search field, with no query yet.
    fn start_search(&mut self) {
        let mut input = TextArea::default();
        input.set_cursor_line_style(ratatui::style::Style::new());
        let before = self.place();
        self.mode.set_base(Mode::Search(Search {
            input,
            editing: true,
            hits: Vec::new(),
            current: None,
            before,
        }));
    }
}
