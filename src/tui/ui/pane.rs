//! One article's pane: a titled border (number, source, title; "not reported" when the article
//! does not report the current event), a gutter of event marks, and the wrapped text drawn by
//! walking the view model's pieces once, from the first byte shown: the current event filled
//! with colour, other mentions marked quietly (a muted underline, their event's colour in the
//! gutter; filled with it when every event is coloured), figures the sources disagree on in
//! the discrepancy style, quotes in italics, the selected quote underlined and search hits
//! marked.

use crate::display::terminal_line;
use crate::model::{ArticleId, EventId, Span as ByteSpan};
use crate::tui::app::App;
use crate::tui::geometry;
use crate::tui::theme::{CURRENT_MARK, EVENT_MARK, NOTE_MARK};
use crate::view::Piece;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

pub fn render(app: &App, article: usize, rect: Rect, buf: &mut Buffer) {
    let t = app.theme();
    let Some(a) = app.analysis().corpus.articles.get(article) else {
        return;
    };
    let focused = article == app.focus();
    let current = app.current().map(EventId::from_index);
    let missing = current
        .and_then(|c| app.analysis().events.get(c.index()))
        .is_some_and(|e| !e.reports(ArticleId::from_index(article)));
    let title_style = if focused { t.title_focused } else { t.title };
    let mut title = vec![Span::styled(format!(" {} ", article + 1), title_style)];
    if missing {
        title.push(Span::styled("· not reported ", t.missing));
    }
    title.push(Span::styled(
        format!("· {} · {} ", terminal_line(&a.source), terminal_line(&a.title)),
        title_style,
    ));

    let layout = app.layout(article);
    let (gutter, text) = geometry::pane_inner(rect);
    let height = usize::from(text.height);
    let top = app.top_row(article);
    let rows = layout.rows.len();
    let shown_to = (top + height).min(rows);
    let percent = (shown_to * 100).checked_div(rows).unwrap_or(100);

    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(if focused { border::THICK } else { border::PLAIN })
        .border_style(if focused { t.border_focused } else { t.border })
        .style(t.text)
        .title(Line::from(title))
        .title_bottom(Line::from(format!(" {percent}% ")).right_aligned());
    block.render(rect, buf);

    let Some(view) = app.view().article(article) else {
        return;
    };
    // The pieces that touch the visible rows, walked once in step with the glyphs.
    let from = layout.row_start(top);
    let to = layout.rows.get(top + height).map_or(usize::MAX, |r| r.start);
    let window = ByteSpan::new(from, to);
    let pieces = view.pieces_in(window);
    let mut at = 0;
    let (hits, current_hit) = hits_in(app, article, window);
    let cursor = app.panes().get(article).and_then(|p| p.cursor);
    let noted: Vec<usize> = view.noted.iter().map(|&at| layout.row_of(at)).collect();
    // The padding column right of the text, when the pane is wide enough to have one.
    let note_x = text.x + text.width;
    let note_column = text.width > 0 && note_x < rect.x + rect.width.saturating_sub(1);
    let colors = Colors { app, current };

    for (i, row) in layout.rows.iter().skip(top).take(height).enumerate() {
        let y = text.y + u16::try_from(i).unwrap_or(u16::MAX);
        let glyphs = &layout.glyphs[row.glyphs.clone()];
        let row_end = glyphs.last().map_or(row.start, |g| g.end);
        // Gutter: the current event wins over any other event on this row.
        let on_row = pieces
            .iter()
            .skip(at)
            .take_while(|p| p.span.start < row_end)
            .filter(|p| p.span.end > row.start);
        let mut mark: Option<(&str, Style)> = None;
        for p in on_row {
            if current.is_some_and(|c| p.events.contains(&c)) {
                mark = Some((CURRENT_MARK, t.current_mark));
                break;
            }
            if let (None, Some(&e)) = (mark, p.events.first()) {
                mark = Some((EVENT_MARK, t.mark(colors.slot(e))));
            }
        }
        if let Some((symbol, style)) = mark
            && gutter.width > 0
        {
            buf.set_string(gutter.x, y, symbol, style);
        }
        if note_column && noted.contains(&(top + i)) {
            buf.set_string(note_x, y, NOTE_MARK, t.note);
        }
        let mut x = text.x;
        for g in glyphs {
            let w = u16::from(g.width);
            if x + w > text.x + text.width {
                break;
            }
            while pieces.get(at).is_some_and(|p| p.span.end <= g.start) {
                at += 1;
            }
            let inside = |s: &ByteSpan| s.start <= g.start && g.start < s.end;
            let mut style = pieces
                .get(at)
                .filter(|p| p.span.start <= g.start)
                .map_or(t.text, |p| colors.style(p));
            if cursor.as_ref().is_some_and(inside) {
                style = style.add_modifier(t.cursor);
            }
            if current_hit.as_ref().is_some_and(inside) {
                style = style.patch(t.search_current);
            } else if hits.iter().any(inside) {
                style = style.patch(t.search_hit);
            }
            // Glyphs are already single, measured, safe clusters: set the cells directly.
            buf[(x, y)].set_symbol(layout.text(g)).set_style(style);
            for hidden in 1..w {
                buf[(x + hidden, y)].reset();
            }
            x += w;
        }
    }
}

/// How a piece of text is styled in a pane.
struct Colors<'a> {
    app: &'a App,
    current: Option<EventId>,
}

impl Colors<'_> {
    fn slot(&self, event: EventId) -> usize {
        self.app.view().color(event)
    }

    fn style(&self, p: &Piece) -> Style {
        let t = self.app.theme();
        let mut style = t.text;
        if self.current.is_some_and(|c| p.events.contains(&c)) {
            style = style.patch(t.current);
        } else if let Some(&e) = p.events.first() {
            style = style.patch(if self.app.color_all() {
                t.tint(self.slot(e))
            } else {
                t.shared
            });
        }
        if p.figure {
            style = style.patch(t.discrepancy);
        }
        if p.quote.is_some() {
            style = style.patch(t.quote);
        }
        style
    }
}

/// Search hits of this article inside `window`, and the current hit if it is one of them.
fn hits_in(app: &App, article: usize, window: ByteSpan) -> (Vec<ByteSpan>, Option<ByteSpan>) {
    let Some(search) = app.search() else {
        return (Vec::new(), None);
    };
    let spans = search
        .hits
        .iter()
        .filter(|h| h.article == article && h.span.overlap(window) > 0)
        .map(|h| h.span)
        .collect();
    let current = search
        .current
        .and_then(|i| search.hits.get(i))
        .filter(|h| h.article == article)
        .map(|h| h.span);
    (spans, current)
}
