//! The reader's modes over the panes: search (typing, then stepping through hits), the popups
//! (event list, coverage matrix, variants, help) and the mouse, which lands on whatever
//! `geometry` says is drawn at a cell.

use super::{App, Mode, Pane, Popup, PopupState};
use crate::model::{EventId, Span};
use crate::tui::geometry;
use tui_textarea::{Input, TextArea};

/// Rows under the coverage matrix for each source's totals (left out, alone).
pub const MATRIX_FOOTER: u16 = 2;

/// One occurrence of the search text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub article: usize,
    pub span: Span,
}

/// A search: the field, and its hits across all articles in article order.
#[derive(Debug, Clone)]
pub struct Search {
    pub input: TextArea<'static>,
    /// Still typing (keys edit the field) rather than stepping through hits.
    pub editing: bool,
    pub hits: Vec<Hit>,
    pub current: Option<usize>,
    /// Where the reader was when the search began, for `esc` to go back to.
    pub before: Place,
}

/// Where the reader is: the focused pane, the first pane shown and every pane's position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub focus: usize,
    pub first: usize,
    pub panes: Vec<Pane>,
}

impl Search {
    pub fn query(&self) -> String {
        self.input.lines().join(" ")
    }
}

/// Case-insensitive, non-overlapping occurrences of `query` in `text`, as byte spans.
pub fn find_all(text: &str, query: &str) -> Vec<Span> {
    let needle: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut skip_to = 0;
    for (i, _) in text.char_indices() {
        if i < skip_to {
            continue;
        }
        let mut want = needle.iter().peekable();
        let mut end = None;
        'chars: for (j, c) in text[i..].char_indices() {
            for folded in c.to_lowercase() {
                match want.next() {
                    Some(w) if *w == folded => {}
                    _ => break 'chars,
                }
            }
            if want.peek().is_none() {
                end = Some(i + j + c.len_utf8());
                break;
            }
        }
        if let Some(e) = end {
            found.push(Span::new(i, e));
            skip_to = e;
        }
    }
    found
}

impl App {
    pub(super) fn search_input(&mut self, input: Input) {
        let Some(search) = self.mode.search_mut() else {
            return;
        };
        search.input.input(input);
        self.find_hits();
        // Incremental: show the first hit as the text is typed.
        if self.mode.search().is_some_and(|s| !s.hits.is_empty()) {
            self.go_to_hit(0);
        }
    }

    fn find_hits(&mut self) {
        let Some(query) = self.mode.search().map(Search::query) else {
            return;
        };
        let hits = self
            .analysis
            .corpus
            .articles
            .iter()
            .enumerate()
            .flat_map(|(article, a)| {
                find_all(&a.text, &query)
                    .into_iter()
                    .map(move |span| Hit { article, span })
            })
            .collect();
        if let Some(search) = self.mode.search_mut() {
            search.hits = hits;
            search.current = None;
        }
    }

    pub(super) fn submit_search(&mut self) {
        let Some(search) = self.mode.search_mut() else {
            return;
        };
        search.editing = false;
        if search.hits.is_empty() {
            let query = search.query();
            let before = std::mem::take(&mut search.before);
            self.mode.set_base(Mode::Reading);
            self.go_back(before);
            if !query.is_empty() {
                self.message = Some(format!("no match for “{query}”"));
            }
        } else if search.current.is_none() {
            self.go_to_hit(0);
        }
    }

    pub(super) fn step_hit(&mut self, delta: i32) {
        let Some(search) = self.mode.search() else {
            return;
        };
        let n = search.hits.len();
        if n == 0 {
            return;
        }
        let next = match (search.current, delta >= 0) {
            (None, _) => 0,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.go_to_hit(next);
    }

    fn go_to_hit(&mut self, index: usize) {
        let Some(hit) = self.mode.search().and_then(|s| s.hits.get(index)).copied() else {
            return;
        };
        if let Some(s) = self.mode.search_mut() {
            s.current = Some(index);
        }
        self.focus = hit.article;
        self.reveal(hit.article);
        self.show(hit.article, hit.span);
    }

    /// Closes the popup on top, else leaves the search.
    /// Closes the popup on top; else leaves a search, putting the focus and every pane back
    /// where they were before it began.
    pub(super) fn close(&mut self) {
        if self.mode.popup().is_some() {
            self.mode.close_top();
        } else if matches!(self.mode, Mode::Search(_))
            && let Mode::Search(search) = std::mem::replace(&mut self.mode, Mode::Reading)
        {
            self.go_back(search.before);
        }
    }

    /// Where the reader is now.
    pub(super) fn place(&self) -> Place {
        Place {
            focus: self.focus,
            first: self.first,
            panes: self.panes.clone(),
        }
    }

    fn go_back(&mut self, place: Place) {
        // The story may have changed under the search (pages still arriving): only a place
        // among the same articles is restored.
        if place.panes.len() == self.panes.len() {
            self.focus = place.focus;
            self.first = place.first;
            self.panes = place.panes;
        }
    }

    pub(super) fn open_popup(&mut self, popup: Popup) {
        if let Some(why) = self.popup_refused(popup) {
            self.message = Some(why.to_string());
            return;
        }
        self.show_popup(popup, self.popup_start(popup));
    }

    /// Opens a popup on row `selected`, in place of the popup on top if there is one.
    pub(super) fn show_popup(&mut self, popup: Popup, selected: usize) {
        if self.mode.popup().is_some() {
            self.mode.close_top();
        }
        let mut state = PopupState::new(popup);
        state.selected = selected;
        self.mode.open(|under| Mode::Popup { state, under });
        self.lay_out_popup();
    }

    /// Lays out the rows of the drawn text popup again (the size or the analysis changed) and
    /// keeps its selection in view.
    pub(super) fn lay_out_popup(&mut self) {
        let Some(popup) = self.mode.drawn_popup().map(|p| p.popup) else {
            return;
        };
        if !popup.is_list() {
            let lines = self.text_popup_lines(popup);
            if let Some(state) = self.mode.drawn_popup_mut() {
                state.lines = lines;
            }
        }
        self.clamp_popup();
    }

    /// Rows a popup can show at once.
    fn popup_rows(&self) -> usize {
        usize::from(self.list_area().height).max(1)
    }

    /// Where the rows of the open list popup are drawn (the matrix keeps two for its totals).
    pub fn list_area(&self) -> ratatui::layout::Rect {
        let list = geometry::popup_list(self.area);
        if self.popup_state().map(|p| p.popup) == Some(Popup::Matrix) {
            ratatui::layout::Rect {
                height: list.height.saturating_sub(MATRIX_FOOTER),
                ..list
            }
        } else {
            list
        }
    }

    pub(super) fn popup_page(&self) -> i32 {
        i32::try_from(self.popup_rows().saturating_sub(1).max(1)).unwrap_or(1)
    }

    /// Moves the selection of a list popup, or scrolls a text popup.
    pub(super) fn select(&mut self, delta: i32) {
        let Some(state) = self.mode.popup_mut() else {
            return;
        };
        let step = |at: usize| {
            if delta >= 0 {
                at.saturating_add(usize::try_from(delta).unwrap_or(0))
            } else {
                at.saturating_sub(usize::try_from(delta.unsigned_abs()).unwrap_or(usize::MAX))
            }
        };
        if state.popup.is_list() {
            state.selected = step(state.selected);
        } else {
            state.offset = step(state.offset);
        }
        self.clamp_popup();
    }

    /// Keeps the selection among the items and in view, and a text popup's last row at the
    /// bottom at most.
    pub(super) fn clamp_popup(&mut self) {
        let rows = self.popup_rows();
        let n = self.popup_len();
        let Some(state) = self.mode.drawn_popup_mut() else {
            return;
        };
        if state.popup.is_list() {
            state.selected = state.selected.min(n.saturating_sub(1));
            if state.selected < state.offset {
                state.offset = state.selected;
            } else if state.selected >= state.offset + rows {
                state.offset = state.selected + 1 - rows;
            }
        } else {
            state.offset = state.offset.min(state.lines.len().saturating_sub(rows));
        }
    }

    pub(super) fn choose(&mut self) {
        if let Some(popup) = self.popup() {
            self.choose_row(popup);
        }
    }

    pub(super) fn scroll_at(&mut self, column: u16, row: u16, lines: i32) {
        if self.mode.popup().is_some() {
            self.select(lines);
            return;
        }
        let under = self
            .pane_rects()
            .into_iter()
            .find(|(_, r)| geometry::contains(*r, column, row));
        if let Some((article, _)) = under {
            if self.sync {
                for a in 0..self.articles() {
                    self.scroll(a, lines);
                }
            } else {
                self.scroll(article, lines);
            }
        }
    }

    pub(super) fn click_at(&mut self, column: u16, row: u16) {
        if let Some(state) = self.mode.popup() {
            let (popup, offset) = (state.popup, state.offset);
            let list = self.list_area();
            if popup.is_list() && geometry::contains(list, column, row) {
                let item = offset + usize::from(row - list.y);
                if item < self.popup_len() {
                    if let Some(state) = self.mode.popup_mut() {
                        state.selected = item;
                    }
                    self.choose();
                }
            } else if !geometry::contains(geometry::popup(self.area), column, row) {
                self.mode.close_top();
            }
            return;
        }
        let Some((article, _)) = self
            .pane_rects()
            .into_iter()
            .find(|(_, r)| geometry::contains(*r, column, row))
        else {
            return;
        };
        self.focus = article;
        // A click on a highlighted mention makes its event current.
        if let Some(e) = self.event_at_cell(article, column, row) {
            let top = self.panes[article].top;
            self.go_to_event(e);
            // The clicked pane stays where it is, under the pointer.
            self.panes[article].top = top;
            self.panes[article].aligned = None;
        }
    }
}

impl App {
    /// The event of the mention drawn at a cell of an article's pane, if any.
    fn event_at_cell(&self, article: usize, column: u16, row: u16) -> Option<usize> {
        let rect = self.pane_rects().into_iter().find(|(a, _)| *a == article)?.1;
        let (_, text) = geometry::pane_inner(rect);
        if !geometry::contains(text, column, row) {
            return None;
        }
        let layout = self.layout(article);
        let line = self.top_row(article) + usize::from(row - text.y);
        let r = layout.rows.get(line)?;
        let mut col = text.x;
        let g = layout.glyphs[r.glyphs.clone()].iter().find(|g| {
            col += u16::from(g.width);
            col > column
        })?;
        let current = self.current.map(EventId::from_index);
        self.view
            .article(article)?
            .event_at(g.start, current)
            .map(EventId::index)
    }

    /// The pointer over the panes: the status line names the event of the mention under it.
    pub(super) fn hover_at(&mut self, column: u16, row: u16) {
        self.hover = if self.mode.drawn_popup().is_some() {
            None
        } else {
            self.pane_rects()
                .into_iter()
                .find(|(_, r)| geometry::contains(*r, column, row))
                .and_then(|(article, _)| self.event_at_cell(article, column, row))
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_is_case_insensitive_and_returns_byte_spans() {
        let text = "NATO’s door. Nato said nato";
        let hits = find_all(text, "nato");
        let words: Vec<&str> = hits.iter().map(|s| &text[s.range()]).collect();
        assert_eq!(words, vec!["NATO", "Nato", "nato"]);
        assert_eq!(find_all("aaa", "aa").len(), 1);
        assert!(find_all("abc", "").is_empty());
        assert_eq!(find_all("Ünïcode ÜNÏ", "ünï").len(), 2);
    }
}
