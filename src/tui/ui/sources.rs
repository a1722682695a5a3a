//! The rows of the sources popup: each source's number (its digit key for the first nine), its
//! name, how many of the story's shared events it reports with a bar of that share, and its
//! title. Names and titles go through `terminal_line`.

use crate::display::terminal_line;
use crate::tui::app::{App, SourceRow};
use crate::tui::keymap::Context;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Widest source name before it is cut.
const NAME_COLUMNS: usize = 24;
/// Cells of the coverage bar.
const BAR: usize = 10;

/// Columns of the name column: the longest source name, at most `NAME_COLUMNS`.
pub fn name_columns(app: &App) -> usize {
    app.analysis()
        .corpus
        .articles
        .iter()
        .map(|a| terminal_line(&a.source).width())
        .max()
        .unwrap_or(0)
        .clamp("source".len(), NAME_COLUMNS)
}

/// Columns of the numbers: as many as the last source's number has (two at least).
fn digits(app: &App) -> usize {
    app.articles().to_string().len().max(2)
}

pub fn header(app: &App) -> Line<'static> {
    let choose = app
        .keymap()
        .first_key(Context::Popup, "choose")
        .replace("enter", "⏎");
    Line::styled(
        format!(
            " {:>digits$}  {:<width$}  shared events reported  · {choose} focuses the source",
            "#",
            "source",
            digits = digits(app),
            width = name_columns(app)
        ),
        app.theme().dim,
    )
}

/// One source's row, its name in `name_columns` columns.
pub fn row(app: &App, r: &SourceRow, name_columns: usize) -> Line<'static> {
    let t = app.theme();
    let Some(a) = app.analysis().corpus.articles.get(r.article) else {
        return Line::default();
    };
    let name = fit(&terminal_line(&a.source), name_columns);
    let filled = if r.events == 0 {
        0
    } else {
        (r.reported * BAR).div_ceil(r.events).min(BAR)
    };
    let focus = if r.article == app.focus() { "▸" } else { " " };
    Line::from(vec![
        Span::styled(
            format!("{focus}{:>w$}  ", r.article + 1, w = digits(app)),
            t.title,
        ),
        Span::raw(format!("{name}  ")),
        Span::styled("■".repeat(filled), t.title_focused),
        Span::styled("□".repeat(BAR - filled), t.dim),
        Span::raw(format!(" {:>3}/{} events  ", r.reported, r.events)),
        Span::styled(terminal_line(&a.title), t.dim),
    ])
}

/// `text` in exactly `columns` cells: cut with "…" or padded with spaces.
fn fit(text: &str, columns: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    if text.width() > columns {
        for c in text.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w + 1 > columns {
                break;
            }
            out.push(c);
            used += w;
        }
        out.push('…');
        used += 1;
    } else {
        out.push_str(text);
        used = text.width();
    }
    out.push_str(&" ".repeat(columns.saturating_sub(used)));
    out
}
