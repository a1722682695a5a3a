//! Popups over the panes: the event list (label, speaker, sources, coverage strip), the
//! coverage matrix (events × sources), the variants of the current event (each mention with its
//! word differences from the first), the notes list, the quote-intelligence lists and the help,
//! generated from the keymap.
//!
//! List popups give each item one row, cut with "…"; the text popups (variants, help) wrap
//! every line at the popup's width, continuation rows under the text after a line's label, so
//! scrolling goes through rows and reaches the last one.

use super::coverage;
use super::lists;
use crate::display::terminal_line;

use crate::tui::app::{App, Popup, PopupState};
use crate::tui::geometry;
use crate::tui::keymap::Context;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

pub fn render(app: &App, state: &PopupState, area: Rect, buf: &mut Buffer) {
    let popup = state.popup;
    let t = app.theme();
    let rect = geometry::popup(area);
    Clear.render(rect, buf);
    let title = match popup {
        Popup::EventList if app.filter().is_active() => format!(
            " Shared events ({} of {}, filter: {}) ",
            app.shown_events().len(),
            app.analysis().events.len(),
            terminal_line(&app.filter().describe())
        ),
        Popup::EventList => format!(" Shared events ({}) ", app.analysis().events.len()),
        Popup::Matrix => " Coverage: events × sources ".to_string(),
        Popup::Variants => " Variants of the current event ".to_string(),
        Popup::Help => " Keys ".to_string(),
        Popup::Notes => format!(" Notes ({}) ", app.note_entries().len()),
        Popup::Discrepancies => format!(
            " Discrepancies: figures the sources disagree on ({}) ",
            app.analysis().discrepancies.len()
        ),
        Popup::Exclusives => " Per source: shared events left out, what it alone reports ".to_string(),
        Popup::Filter => {
            let total = app.analysis().events.len();
            format!(" Filter: {} of {total} events ", app.shown_events().len())
        }
        Popup::Sources => format!(" Sources ({}) ", app.articles()),
    };
    let close = app.keymap().first_key(Context::Popup, "close");
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.popup_border)
        .style(t.popup)
        .title(title)
        .title_bottom(Line::from(format!(" {close} close ")).right_aligned())
        .render(rect, buf);
    let list = app.list_area();
    let header = Rect {
        y: list.y.saturating_sub(1),
        height: 1,
        ..list
    };
    if !matches!(popup, Popup::Variants | Popup::Help) {
        {
            let shown = app.shown_events();
            let (sources, name_columns) = if popup == Popup::Sources {
                (app.source_rows(), super::sources::name_columns(app))
            } else {
                (Vec::new(), 0)
            };
            let len = app.popup_len();
            let head = match popup {
                Popup::EventList => list_header(app),
                Popup::Matrix => matrix_header(app),
                Popup::Notes => super::notes::list_header(app),
                Popup::Sources => super::sources::header(app),
                other => lists::header(app, other),
            };
            buf.set_line(header.x, header.y, &head, header.width);
            if popup == Popup::Notes && len == 0 {
                let hint = format!(
                    "  no notes yet: {} writes one on the current event or the selected passage",
                    app.keymap().first_key(Context::Normal, "add_note")
                );
                buf.set_line(list.x, list.y, &Line::styled(hint, t.dim), list.width);
            }
            let rows = usize::from(list.height);
            for (i, item) in (app.popup_offset()..len).take(rows).enumerate() {
                let y = list.y + u16::try_from(i).unwrap_or(u16::MAX);
                let event = shown.get(item).copied().unwrap_or(usize::MAX);
                let line = match popup {
                    Popup::EventList => list_row(app, event),
                    Popup::Matrix => matrix_row(app, event),
                    Popup::Notes => super::notes::list_row(app, item),
                    Popup::Sources => sources
                        .get(item)
                        .map_or_else(Line::default, |r| super::sources::row(app, r, name_columns)),
                    other => lists::row(app, other, item),
                };
                let style = if item == app.selected() {
                    t.selected
                } else {
                    t.popup
                };
                buf.set_style(Rect { y, height: 1, ..list }, style);
                buf.set_line(list.x, y, &line, list.width);
                if line.width() > usize::from(list.width) && list.width > 0 {
                    buf[(list.x + list.width - 1, y)].set_symbol("…");
                }
            }
            if popup == Popup::Matrix {
                let footer = Rect {
                    y: list.y + list.height,
                    height: crate::tui::app::MATRIX_FOOTER,
                    ..list
                };
                lists::matrix_footer(app, &matrix_columns(app), footer, buf);
            }
        }
    } else {
        {
            let inner = Rect {
                y: header.y,
                height: list.height + 1,
                ..list
            };
            for (i, line) in state
                .lines
                .iter()
                .skip(app.popup_offset())
                .take(usize::from(inner.height))
                .enumerate()
            {
                let y = inner.y + u16::try_from(i).unwrap_or(u16::MAX);
                buf.set_line(inner.x + 1, y, line, inner.width.saturating_sub(1));
            }
        }
    }
}

fn marker(app: &App, event: usize) -> &'static str {
    if Some(event) == app.current() { "▶" } else { " " }
}

fn list_header(app: &App) -> Line<'static> {
    let n = strip_width(app);
    Line::styled(
        format!(
            "  {:>4}  {:<w$} {:>5}  label · speaker",
            "",
            "sources",
            "",
            w = n.max(7)
        ),
        app.theme().dim,
    )
}

fn list_row(app: &App, event: usize) -> Line<'static> {
    let Some(e) = app.analysis().events.get(event) else {
        return Line::default();
    };
    let n = app.articles();
    let strip = strip_width(app);
    let mut spans = vec![
        Span::raw(marker(app, event)),
        if app.event_noted(event) {
            Span::styled(crate::tui::theme::NOTE_MARK, app.theme().note)
        } else {
            Span::raw(" ")
        },
        Span::raw(format!("{:>4}", e.id.to_string())),
        lists::discrepancy_mark(app, event),
    ];
    spans.extend(coverage(app, event, 0..app.articles()));
    spans.push(Span::raw(format!(
        "{:pad$} {:>2}/{:<2}  ",
        "",
        e.sources.len(),
        n,
        pad = 7usize.saturating_sub(strip)
    )));
    // Weak events read as such: a dim label, marked.
    let weak = e.confidence == crate::model::Confidence::Weak;
    spans.push(if weak {
        Span::styled(terminal_line(&e.label), app.theme().dim)
    } else {
        Span::raw(terminal_line(&e.label))
    });
    if let Some(s) = &e.speaker {
        spans.push(Span::styled(format!(" · {}", terminal_line(s)), app.theme().dim));
    }
    if weak {
        spans.push(Span::styled(" · weak", app.theme().dim));
    }
    Line::from(spans)
}

fn matrix_header(app: &App) -> Line<'static> {
    let mut text = "  event ".to_string();
    for a in matrix_columns(app) {
        text.push_str(&format!("{:>3}", a + 1));
    }
    text.push_str("   label");
    Line::styled(text, app.theme().dim)
}

fn matrix_row(app: &App, event: usize) -> Line<'static> {
    let Some(e) = app.analysis().events.get(event) else {
        return Line::default();
    };
    let mut spans = vec![Span::raw(format!(
        "{} {:>5} ",
        marker(app, event),
        e.id.to_string()
    ))];
    let columns = matrix_columns(app);
    for cell in coverage(app, event, columns.clone())
        .into_iter()
        .take(columns.len())
    {
        spans.push(Span::raw("  "));
        spans.push(cell);
    }
    spans.push(Span::raw(format!("   {}", terminal_line(&e.label))));
    Line::from(spans)
}

/// Cells of the event list's coverage strip (with "…" when cut).
fn strip_width(app: &App) -> usize {
    let n = app.articles();
    if n > super::STRIP_MAX {
        super::STRIP_MAX + 1
    } else {
        n
    }
}

/// The sources the matrix has room for, starting at the first pane on screen.
fn matrix_columns(app: &App) -> std::ops::Range<usize> {
    let width = usize::from(geometry::popup_list(app.area()).width);
    // "▶    e1 " before, at least 20 columns of label after, 3 per source.
    let fit = (width.saturating_sub(8 + 20) / 3).clamp(1, super::STRIP_MAX);
    let n = app.articles();
    let start = app.first().min(n.saturating_sub(fit));
    start..(start + fit).min(n)
}
