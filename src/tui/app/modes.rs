//! The reader's modes over the panes: search (typing, then stepping through hits), the popups
//! (event list, coverage matrix, variants, help) and the mouse, which lands on whatever
//! `geometry` says is drawn at a cell.

use super::{App, Popup};
use crate::model::Span;
use crate::tui::geometry;
use crate::tui::ui;
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
        let Some(search) = self.search.as_mut() else {
            return;
        };
        search.input.input(input);
        self.find_hits();
        // Incremental: show the first hit as the text is typed.
        if self.search.as_ref().is_some_and(|s| !s.hits.is_empty()) {
            self.go_to_hit(0);
        }
    }

    fn find_hits(&mut self) {
        let Some(search) = self.search.as_mut() else {
            return;
        };
        let query = search.query();
        search.hits = self
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
        search.current = None;
    }

    pub(super) fn submit_search(&mut self) {
        let Some(search) = self.search.as_mut() else {
            return;
        };
        search.editing = false;
        if search.hits.is_empty() {
            let query = search.query();
            self.search = None;
            if !query.is_empty() {
                self.message = Some(format!("no match for “{query}”"));
            }
        } else if search.current.is_none() {
            self.go_to_hit(0);
        }
    }

    pub(super) fn step_hit(&mut self, delta: i32) {
        let Some(search) = self.search.as_ref() else {
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
        let Some(hit) = self.search.as_ref().and_then(|s| s.hits.get(index)).copied() else {
            return;
        };
        if let Some(s) = self.search.as_mut() {
            s.current = Some(index);
        }
        self.focus = hit.article;
        self.reveal(hit.article);
        self.show(hit.article, hit.span);
    }

    pub(super) fn close(&mut self) {
        if self.popup.take().is_none() {
            self.search = None;
        }
    }

    pub(super) fn open_popup(&mut self, popup: Popup) {
        if let Some(why) = self.popup_refused(popup) {
            self.message = Some(why.to_string());
            return;
        }
        self.popup = Some(popup);
        self.selected = self.popup_start(popup);
        self.popup_offset = 0;
        self.clamp_popup();
    }

    /// Rows a popup can show at once.
    fn popup_rows(&self) -> usize {
        usize::from(self.list_area().height).max(1)
    }

    /// Where the rows of the open list popup are drawn (the matrix keeps two for its totals).
    pub fn list_area(&self) -> ratatui::layout::Rect {
        let list = geometry::popup_list(self.area);
        if self.popup == Some(Popup::Matrix) {
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
        let Some(popup) = self.popup else {
            return;
        };
        let step = |at: usize| {
            if delta >= 0 {
                at.saturating_add(usize::try_from(delta).unwrap_or(0))
            } else {
                at.saturating_sub(usize::try_from(delta.unsigned_abs()).unwrap_or(usize::MAX))
            }
        };
        if popup.is_list() {
            self.selected = step(self.selected);
        } else {
            self.popup_offset = step(self.popup_offset);
        }
        self.clamp_popup();
    }

    /// Keeps the selection among the items and in view.
    pub(super) fn clamp_popup(&mut self) {
        let Some(popup) = self.popup else {
            return;
        };
        let rows = self.popup_rows();
        if popup.is_list() {
            let n = self.popup_len();
            self.selected = self.selected.min(n.saturating_sub(1));
            if self.selected < self.popup_offset {
                self.popup_offset = self.selected;
            } else if self.selected >= self.popup_offset + rows {
                self.popup_offset = self.selected + 1 - rows;
            }
        } else {
            let len = ui::text_popup_lines(self).len();
            self.popup_offset = self.popup_offset.min(len.saturating_sub(rows));
        }
    }

    pub(super) fn choose(&mut self) {
        if let Some(popup) = self.popup {
            self.choose_row(popup);
        }
    }

    pub(super) fn scroll_at(&mut self, column: u16, row: u16, lines: i32) {
        if self.popup.is_some() {
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
        if let Some(popup) = self.popup {
            let list = self.list_area();
            if popup.is_list() && geometry::contains(list, column, row) {
                let item = self.popup_offset + usize::from(row - list.y);
                if item < self.popup_len() {
                    self.selected = item;
                    self.choose();
                }
            } else if !geometry::contains(geometry::popup(self.area), column, row) {
                self.popup = None;
            }
            return;
        }
        let Some((article, rect)) = self
            .pane_rects()
            .into_iter()
            .find(|(_, r)| geometry::contains(*r, column, row))
        else {
            return;
        };
        self.focus = article;
        // A click on a highlighted mention makes its event current.
        let (_, text) = geometry::pane_inner(rect);
        if !geometry::contains(text, column, row) {
            return;
        }
        let layout = self.layout(article);
        let line = self.top_row(article) + usize::from(row - text.y);
        let Some(r) = layout.rows.get(line) else {
            return;
        };
        let mut col = text.x;
        let at = layout.glyphs[r.glyphs.clone()].iter().find(|g| {
            col += u16::from(g.width);
            col > column
        });
        let event = at.and_then(|g| {
            self.marks
                .get(article)?
                .iter()
                .find(|m| m.span.start <= g.start && g.start < m.span.end)
                .map(|m| m.event)
        });
        if let Some(e) = event {
            let top = self.panes[article].top;
            self.go_to_event(e);
            // The clicked pane stays where it is, under the pointer.
            self.panes[article].top = top;
            self.panes[article].aligned = None;
        }
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
