//! The quote-intelligence popups' rows: the discrepancy list (event, what, each source's value),
//! the exclusives (per source, how many shared events it leaves out and what it alone reports),
//! the filter's choices, and the coverage matrix's totals per source. Every piece of article
//! text goes through `terminal_line` before it is drawn.

use crate::coverage::ExclusiveKind;
use crate::display::terminal_line;
use crate::model::EventKind;
use crate::tui::app::{App, ExclusiveRow, FILTER_ROWS, FilterRow, Popup};
use crate::tui::keymap::Context;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Longest passage shown in a row before it is cut.
const PASSAGE_CHARS: usize = 160;

/// "!" in the warning style for an event whose sources disagree on a figure, else a space.
pub fn discrepancy_mark(app: &App, event: usize) -> Span<'static> {
    if app.is_discrepant(event) {
        Span::styled("!", app.theme().warning)
    } else {
        Span::raw(" ")
    }
}

pub fn header(app: &App, popup: Popup) -> Line<'static> {
    let choose = app
        .keymap()
        .first_key(Context::Popup, "choose")
        .replace("enter", "⏎");
    let text = match popup {
        Popup::Discrepancies => {
            format!("  event  what      type     each source's value · {choose} goes to the event")
        }
        Popup::Exclusives => format!("  source · left out · what only it reports ({choose} goes there)"),
        Popup::Filter => format!(
            "  {choose} {} next value · {} previous · {} clears · {} steps through what passes",
            app.keymap().first_key(Context::Popup, "next_value"),
            app.keymap().first_key(Context::Popup, "prev_value"),
            app.keymap().first_key(Context::Normal, "clear_filter"),
            app.keymap().first_key(Context::Normal, "next_event"),
        ),
        _ => String::new(),
    };
    Line::styled(text, app.theme().dim)
}

pub fn row(app: &App, popup: Popup, item: usize) -> Line<'static> {
    match popup {
        Popup::Discrepancies => discrepancy_row(app, item),
        Popup::Exclusives => exclusive_row(app, item),
        Popup::Filter => filter_row(app, item),
        _ => Line::default(),
    }
}

fn source_name(app: &App, article: usize) -> String {
    app.analysis()
        .corpus
        .articles
        .get(article)
        .map_or_else(String::new, |a| terminal_line(&a.source))
}

fn cut(text: &str) -> String {
    let line = terminal_line(text);
    if line.chars().count() > PASSAGE_CHARS {
        let mut short: String = line.chars().take(PASSAGE_CHARS).collect();
        short.push('…');
        short
    } else {
        line
    }
}

fn discrepancy_row(app: &App, item: usize) -> Line<'static> {
    let Some(d) = app.analysis().discrepancies.get(item) else {
        return Line::default();
    };
    let t = app.theme();
    let event = d.event.index();
    let marker = if Some(event) == app.current() { "▶" } else { " " };
    let mut spans = vec![
        Span::raw(format!("{marker} {:>4}  ", d.event.to_string())),
        Span::styled(format!("{:<9} ", terminal_line(&d.what)), t.warning),
        Span::styled(format!("{:<9}", d.difference.as_str()), t.dim),
    ];
    for (k, (article, value)) in d.values.iter().enumerate() {
        if k > 0 {
            spans.push(Span::styled(" · ", t.dim));
        }
        spans.push(Span::styled(
            format!("{} {}: ", article.index() + 1, source_name(app, article.index())),
            t.dim,
        ));
        spans.push(Span::styled(terminal_line(value), t.discrepancy));
    }
    if let Some(e) = app.analysis().events.get(event) {
        spans.push(Span::styled(format!("  — {}", terminal_line(&e.label)), t.dim));
    }
    Line::from(spans)
}

fn exclusive_row(app: &App, item: usize) -> Line<'static> {
    let t = app.theme();
    let Some(&r) = app.exclusive_rows().get(item) else {
        return Line::default();
    };
    let coverage = app.coverage();
    match r {
        ExclusiveRow::Source(a) => {
            let Some(c) = coverage.get(a) else {
                return Line::default();
            };
            Line::from(vec![
                Span::styled(format!("{} {}", a + 1, source_name(app, a)), t.title_focused),
                Span::raw(format!(
                    " · leaves out {} of {} shared events · {} exclusive{}",
                    c.omitted.len(),
                    app.analysis().events.len(),
                    c.exclusives.len(),
                    if c.exclusives.len() == 1 { "" } else { "s" }
                )),
            ])
        }
        ExclusiveRow::Item(a, i) => {
            let Some(x) = coverage.get(a).and_then(|c| c.exclusives.get(i)) else {
                return Line::default();
            };
            let what = match &x.kind {
                ExclusiveKind::Quote { speaker } => format!("quote · {}", terminal_line(speaker)),
                ExclusiveKind::Figure => "figure".to_string(),
            };
            let text = app
                .analysis()
                .corpus
                .articles
                .get(a)
                .map_or("", |art| art.slice(x.span));
            Line::from(vec![
                Span::styled(format!("    {what}: "), t.dim),
                Span::raw(cut(text)),
            ])
        }
    }
}

fn filter_row(app: &App, item: usize) -> Line<'static> {
    let f = app.filter();
    let Some(&which) = FILTER_ROWS.get(item) else {
        return Line::default();
    };
    let (name, value) = match which {
        FilterRow::Kind => (
            "kind",
            match f.kind {
                None => "quotes and statements".to_string(),
                Some(EventKind::Quote) => "quotes".to_string(),
                Some(EventKind::Statement) => "statements".to_string(),
            },
        ),
        FilterRow::Speaker => (
            "speaker",
            f.speaker.as_deref().map_or_else(
                || format!("anyone ({} speakers)", app.speakers().len()),
                terminal_line,
            ),
        ),
        FilterRow::Sources => (
            "reported by at least",
            if f.min_sources == 0 {
                "any number of sources".to_string()
            } else {
                format!("{} of {} sources", f.min_sources, app.articles())
            },
        ),
        FilterRow::Discrepancies => (
            "discrepancies only",
            if f.discrepancies { "on" } else { "off" }.to_string(),
        ),
        FilterRow::Confidence => (
            "strong events only",
            if f.strong_only { "on" } else { "off" }.to_string(),
        ),
        FilterRow::Clear => ("clear the filter", String::new()),
    };
    Line::from(vec![
        Span::raw(format!("  {name:<22}")),
        Span::styled(
            value,
            app.theme()
                .status_key
                .bg(app.theme().popup.bg.unwrap_or_default()),
        ),
    ])
}

/// Under the matrix, per source column: shared events it leaves out, and its exclusives.
pub fn matrix_footer(app: &App, columns: &std::ops::Range<usize>, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let coverage = app.coverage();
    let count =
        |f: &dyn Fn(usize) -> usize| -> String { columns.clone().map(|a| format!("{:>3}", f(a))).collect() };
    let left_out = count(&|a| coverage.get(a).map_or(0, |c| c.omitted.len()));
    let alone = count(&|a| coverage.get(a).map_or(0, |c| c.exclusives.len()));
    let key = app.keymap().first_key(Context::Normal, "exclusives");
    let lines = [
        format!("left out{left_out}   shared events the source leaves out"),
        format!("   alone{alone}   passages only it reports ({key}: list them)"),
    ];
    for (i, text) in lines.iter().enumerate().take(usize::from(area.height)) {
        let y = area.y + u16::try_from(i).unwrap_or(u16::MAX);
        buf.set_line(
            area.x,
            y,
            &Line::styled(text.clone(), app.theme().dim),
            area.width,
        );
    }
}
