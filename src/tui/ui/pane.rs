//! One article's pane: a titled border (number, source, title; "not reported" when the article
//! does not report the current event), a gutter of event marks, and the wrapped text with every
//! mention tinted in its event's colour, the current event standing out, figures the sources
//! disagree on in the discrepancy style, quotes in italics, the selected quote underlined and
//! search hits marked.

use crate::display::terminal_line;
use crate::model::{ArticleId, Span as ByteSpan};
use crate::tui::app::{App, Mark};
use crate::tui::geometry;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

/// The left-edge mark of the current event's rows and of other events' rows.
pub const CURRENT_MARK: &str = "█";
pub const EVENT_MARK: &str = "▌";
/// In the column right of the text, on the first row of a noted passage or event mention.
pub const NOTE_MARK: &str = "✎";

pub fn render(app: &App, article: usize, rect: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let Some(a) = app.analysis.corpus.articles.get(article) else {
        return;
    };
    let focused = article == app.focus;
    let current = app.current.and_then(|i| app.analysis.events.get(i));
    let missing = current.is_some_and(|e| !e.reports(ArticleId::from_index(article)));
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

    // Only what touches the visible rows is considered per glyph.
    let from = layout.row_start(top);
    let to = layout.rows.get(top + height).map_or(usize::MAX, |r| r.start);
    let window = ByteSpan::new(from, to);
    let touching = |s: &ByteSpan| s.start < window.end && s.end > window.start;
    let marks: Vec<Mark> = app
        .marks
        .get(article)
        .map(|m| m.iter().filter(|m| touching(&m.span)).copied().collect())
        .unwrap_or_default();
    let quotes: Vec<ByteSpan> = app
        .quotes
        .get(article)
        .map(|q| q.iter().filter(|s| touching(s)).copied().collect())
        .unwrap_or_default();
    let figures: Vec<ByteSpan> = app
        .figures
        .get(article)
        .map(|f| f.iter().map(|f| f.span).filter(|s| touching(s)).collect())
        .unwrap_or_default();
    let (hits, current_hit) = hits_in(app, article, window);
    let cursor = app.panes.get(article).and_then(|p| p.cursor);
    let noted: Vec<usize> = app
        .noted_starts(article)
        .into_iter()
        .map(|at| layout.row_of(at))
        .collect();
    // The padding column right of the text, when the pane is wide enough to have one.
    let note_x = text.x + text.width;
    let note_column = text.width > 0 && note_x < rect.x + rect.width.saturating_sub(1);

    for (i, row) in layout.rows.iter().skip(top).take(height).enumerate() {
        let y = text.y + u16::try_from(i).unwrap_or(u16::MAX);
        let glyphs = &layout.glyphs[row.glyphs.clone()];
        let row_span = ByteSpan::new(row.start, glyphs.last().map_or(row.start, |g| g.end));
        // Gutter: the current event wins over any other event on this row.
        let on_row = |m: &&Mark| m.span.overlap(row_span) > 0;
        let mark = marks
            .iter()
            .filter(on_row)
            .find(|m| Some(m.event) == app.current)
            .map(|_| (CURRENT_MARK, t.current_mark))
            .or_else(|| marks.iter().find(on_row).map(|m| (EVENT_MARK, t.mark(m.event))));
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
            let inside = |s: &ByteSpan| s.start <= g.start && g.start < s.end;
            let mut style = t.text;
            let here = marks
                .iter()
                .filter(|m| inside(&m.span))
                .min_by_key(|m| (Some(m.event) != app.current, m.span.len()));
            if let Some(m) = here {
                style = if Some(m.event) == app.current {
                    style.patch(t.current)
                } else {
                    style.patch(t.tint(m.event))
                };
            }
            if figures.iter().any(inside) {
                style = style.patch(t.discrepancy);
            }
            if quotes.iter().any(inside) {
                style = style.patch(t.quote);
            }
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

/// Search hits of this article inside `window`, and the current hit if it is one of them.
fn hits_in(app: &App, article: usize, window: ByteSpan) -> (Vec<ByteSpan>, Option<ByteSpan>) {
    let Some(search) = &app.search else {
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
