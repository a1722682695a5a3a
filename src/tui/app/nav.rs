//! Moving through the story: stepping from event to event (every pane brings its mention to
//! the same height), quote to quote within a pane, to the same event in the next source, and
//! plain scrolling, focus and paging of panes.

use super::App;
use crate::model::{ArticleId, Span};

/// Where a stepped-to passage sits: this fraction of the pane from the top.
const ALIGN_AT: usize = 3;

impl App {
    /// Next (`+1`) or previous (`-1`) event passing the filter, wrapping around.
    pub(super) fn step_event(&mut self, delta: i32) {
        if self.analysis.events.is_empty() {
            self.message = Some(if self.analysing {
                "still analysing…".to_string()
            } else {
                "no shared events in this story".to_string()
            });
            return;
        }
        // Only events passing the filter are stepped through.
        match self.next_shown(delta) {
            Some(next) => self.go_to_event(next),
            None => {
                self.message = Some(format!(
                    "no event passes the filter ({}): {} clears it",
                    self.filter.describe(),
                    self.keymap.first_key(super::Context::Normal, "clear_filter")
                ));
            }
        }
    }

    /// Makes `event` current and brings its mention to the same height in every pane.
    pub fn go_to_event(&mut self, event: usize) {
        let Some(e) = self.analysis.events.get(event) else {
            return;
        };
        let targets: Vec<(usize, usize)> = e
            .sources
            .iter()
            .filter_map(|&a| e.mention_in(a).map(|m| (a.index(), m.span.start)))
            .collect();
        self.current = Some(event);
        // Panes off screen are aligned when shown, so a story of hundreds of articles does
        // not lay them all out on every step.
        for (article, at) in targets {
            if let Some(p) = self.panes.get_mut(article) {
                p.cursor = None;
                p.aligned = Some(at);
            }
        }
        self.realign_visible();
    }

    /// Scrolls an article's pane so byte `at` sits a third of the way down.
    pub(super) fn align(&mut self, article: usize, at: usize) {
        let layout = self.layout(article);
        let row = layout.row_of(at);
        let top = row.saturating_sub(self.text_height() / ALIGN_AT);
        if let Some(p) = self.panes.get_mut(article) {
            p.top = layout.row_start(top);
            p.aligned = Some(at);
        }
    }

    /// Scrolls only when `span` is not already in view.
    pub(super) fn show(&mut self, article: usize, span: Span) {
        let layout = self.layout(article);
        let top = self.top_row(article);
        let (first, last) = (
            layout.row_of(span.start),
            layout.row_of(span.end.saturating_sub(1)),
        );
        if first < top || last >= top + self.text_height() {
            self.align(article, span.start);
        }
    }

    /// Next or previous quotation in the focused pane, after or before the selected passage
    /// (or the top of the pane).
    pub(super) fn step_quote(&mut self, forward: bool) {
        let article = self.focus;
        let Some(quotes) = self.view.article(article).map(|v| &v.quotes) else {
            return;
        };
        let here = self.panes.get(article).and_then(|p| p.cursor);
        let top = self.panes.get(article).map_or(0, |p| p.top);
        let found = if forward {
            let from = here.map_or(top, |s| s.start + 1);
            quotes.iter().find(|q| q.start >= from).copied()
        } else {
            let before = here.map_or(top, |s| s.start);
            quotes.iter().rev().find(|q| q.start < before).copied()
        };
        match found {
            Some(span) => {
                if let Some(p) = self.panes.get_mut(article) {
                    p.cursor = Some(span);
                }
                self.show(article, span);
                self.message = Some(self.describe_quote(article, span));
            }
            None => {
                let which = if forward { "after" } else { "before" };
                self.message = Some(format!("no quote {which} this one in this article"));
            }
        }
    }

    /// "quote 3/12 · Sergei Ryabkov · in event 4": what the status line says of a quote.
    fn describe_quote(&self, article: usize, span: Span) -> String {
        let list = self
            .view
            .article(article)
            .map_or(&[][..], |v| v.quotes.as_slice());
        let at = list.iter().position(|q| *q == span).map_or(0, |i| i + 1);
        let mut text = format!("quote {at}/{}", list.len());
        let speaker = self
            .analysis
            .quotes
            .iter()
            .find(|q| q.article.index() == article && q.span == span)
            .and_then(|q| q.speaker.as_deref());
        if let Some(s) = speaker {
            text.push_str(&format!(" · {s}"));
        }
        let event = self.view.article(article).and_then(|v| v.mark_over(span));
        match event {
            Some(m) => text.push_str(&format!(
                " · in event {}: {} ({} for the next source)",
                m.event.index() + 1,
                self.analysis
                    .events
                    .get(m.event.index())
                    .map_or(String::new(), |e| crate::display::terminal_line(&e.label)),
                self.keymap.first_key(super::Context::Normal, "next_source")
            )),
            None => text.push_str(" · in no shared event"),
        }
        text
    }

    /// The event of the passage the pointer is on, else of the focused pane's selection.
    pub fn pointed_event(&self) -> Option<usize> {
        let cursor = self.panes.get(self.focus).and_then(|p| p.cursor);
        self.hover
            .or_else(|| Some(self.view.article(self.focus)?.mark_over(cursor?)?.event.index()))
    }

    /// The event under the focused pane's selection, or else the current event.
    fn event_here(&self) -> Option<usize> {
        let cursor = self.panes.get(self.focus).and_then(|p| p.cursor);
        cursor
            .and_then(|c| Some(self.view.article(self.focus)?.mark_over(c)?.event.index()))
            .or(self.current)
    }

    /// The same event in the next source that reports it; focus moves there.
    pub(super) fn next_source(&mut self) {
        let Some(event) = self.event_here() else {
            self.message = Some("no current event: step to one first".to_string());
            return;
        };
        let n = self.articles();
        let Some(e) = self.analysis.events.get(event) else {
            return;
        };
        let next = (1..=n)
            .map(|k| (self.focus + k) % n)
            .find(|&a| e.reports(ArticleId::from_index(a)));
        self.go_to_event(event);
        if let Some(a) = next {
            self.focus = a;
            self.reveal(a);
        }
    }

    /// Scrolls the focused pane (or all, when synchronised) by `rows`.
    pub(super) fn scroll_focused(&mut self, rows: i32) {
        if self.sync {
            for a in 0..self.articles() {
                self.scroll(a, rows);
            }
        } else {
            self.scroll(self.focus, rows);
        }
    }

    /// Scrolls one pane by `rows`, not past its last page (but never jumping back from a
    /// position an alignment put it at).
    pub(super) fn scroll(&mut self, article: usize, rows: i32) {
        let layout = self.layout(article);
        let top = self.top_row(article);
        let max_top = layout.rows.len().saturating_sub(self.text_height());
        let moved = if rows >= 0 {
            let down = usize::try_from(rows).unwrap_or(0);
            if top >= max_top {
                top
            } else {
                top.saturating_add(down).min(max_top)
            }
        } else {
            top.saturating_sub(usize::try_from(rows.unsigned_abs()).unwrap_or(usize::MAX))
        };
        if let Some(p) = self.panes.get_mut(article) {
            p.top = layout.row_start(moved);
            p.aligned = None;
        }
    }

    /// Focus the next (`+1`) or previous (`-1`) pane, paging to show it.
    pub(super) fn move_focus(&mut self, delta: i32) {
        let n = self.articles();
        if n == 0 {
            return;
        }
        self.focus = if delta >= 0 {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
        self.reveal(self.focus);
    }

    /// Show the next or previous set of panes; focus follows when it leaves the screen.
    pub(super) fn page_panes(&mut self, delta: i32) {
        let n = self.articles();
        let count = self.visible();
        let last_first = n.saturating_sub(count);
        if n <= count {
            self.message = Some("all articles are on screen".to_string());
            return;
        }
        self.first = if delta >= 0 {
            (self.first + count).min(last_first)
        } else {
            self.first.saturating_sub(count)
        };
        if self.focus < self.first || self.focus >= self.first + count {
            self.focus = self.first;
        }
        self.realign_visible();
    }

    /// Puts stepped-to passages of the panes on screen back at their height: re-wrapping after a
    /// resize moves text between rows. Panes off screen are done when they are shown.
    pub(super) fn realign_visible(&mut self) {
        let count = self.visible();
        let anchors: Vec<(usize, usize)> = (self.first..(self.first + count).min(self.articles()))
            .filter_map(|a| self.panes.get(a)?.aligned.map(|at| (a, at)))
            .collect();
        for (article, at) in anchors {
            self.align(article, at);
        }
    }

    /// Pages the panes so that `article` is on screen.
    pub(super) fn reveal(&mut self, article: usize) {
        let count = self.visible();
        if article < self.first {
            self.first = article;
        } else if article >= self.first + count {
            self.first = article + 1 - count;
        }
        self.first = self.first.min(self.articles().saturating_sub(count));
        self.realign_visible();
    }
}
