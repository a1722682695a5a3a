//! Drawing: `impl Widget for &App`, recomputed from the state and the size on every frame, so a
//! resize is just a redraw. Panes are in `ui/pane.rs`, popups in `ui/popup.rs`; this file draws
//! the frame around them and the status line.

mod lists;
mod notes;
mod pane;
mod popup;
mod sources;

use super::app::{App, Confirm};
use super::geometry;
use super::keymap::Context;
use crate::display::terminal_line;
use crate::model::ArticleId;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

/// The rows of the open text popup (variants, help), as drawn; none for the lists.
pub fn text_popup_lines(app: &App) -> &[Line<'static>] {
    app.popup_state().map_or(&[], |p| p.lines.as_slice())
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if geometry::too_small(area) {
            too_small(self, area, buf);
            return;
        }
        for (article, rect) in self.pane_rects() {
            pane::render(self, article, rect, buf);
        }
        status(self, geometry::status_area(area), buf);
        if let Some(p) = self.popup_state() {
            popup::render(self, p, area, buf);
        }
        notes::editor(self, area, buf);
    }
}

/// The screen while the story's articles are still being read (pages fetched from the web):
/// blank panes' place and the status line saying what is going on.
pub struct Loading<'a> {
    pub line: &'a str,
    pub theme: &'a super::theme::Theme,
}

impl Widget for Loading<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Clear.render(area, buf);
        let status = geometry::status_area(area);
        buf.set_style(status, self.theme.status);
        let line = Line::from(vec![
            Span::raw(" "),
            Span::styled(terminal_line(self.line), self.theme.status_key),
        ]);
        buf.set_line(status.x, status.y, &line, status.width);
    }
}

fn too_small(app: &App, area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let lines = vec![
        Line::styled("too small", app.theme().notice),
        Line::from(format!("{}×{}", area.width, area.height)),
        Line::from(format!("needs {}×{}", geometry::MIN_COLUMNS, geometry::MIN_ROWS)),
    ];
    let top = area.height.saturating_sub(3) / 2;
    let rect = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    Paragraph::new(lines)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
        .render(rect, buf);
}

/// Most cells a coverage strip takes; a larger story shows its first sources and "…".
pub const STRIP_MAX: usize = 24;

/// ■ for each source in `sources` reporting the event, □ for the others; "…" after the last
/// cell when the strip is cut at `STRIP_MAX`.
pub fn coverage<'a>(app: &App, event: usize, sources: std::ops::Range<usize>) -> Vec<Span<'a>> {
    let t = app.theme();
    let Some(e) = app.analysis().events.get(event) else {
        return Vec::new();
    };
    let end = sources.end.min(app.articles());
    let shown = sources.start..end.min(sources.start + STRIP_MAX);
    let mut cells: Vec<Span> = shown
        .clone()
        .map(|a| {
            if e.reports(ArticleId::from_index(a)) {
                Span::styled("■", t.covered)
            } else {
                Span::styled("□", t.uncovered)
            }
        })
        .collect();
    if shown.end < end {
        cells.push(Span::styled("…", t.uncovered));
    }
    cells
}

fn status(app: &App, area: Rect, buf: &mut Buffer) {
    let t = app.theme();
    buf.set_style(area, t.status);
    if let Some(search) = app.search().filter(|s| s.editing) {
        let prompt = Span::styled(" / ", t.status_key);
        let count = format!(" {} hits ", search.hits.len());
        let count_w = u16::try_from(count.width()).unwrap_or(0);
        buf.set_span(area.x, area.y, &prompt, area.width);
        let field = Rect {
            x: area.x + 3,
            width: area.width.saturating_sub(3 + count_w),
            ..area
        };
        search.input.render(field, buf);
        let x = area.x + area.width.saturating_sub(count_w);
        buf.set_stringn(x, area.y, &count, usize::from(count_w), t.status);
        return;
    }
    if let Some(question) = question(app) {
        buf.set_line(area.x, area.y, &question, area.width);
        return;
    }
    if let Some(prompt) = app.export_prompt() {
        export_prompt(app, prompt, area, buf);
        return;
    }
    let mut left: Vec<Span> = vec![Span::raw(" ")];
    // The line says nothing but the story's size and title.
    let mut idle = false;
    if app.analysing() {
        let step = app
            .stage()
            .map_or(String::new(), |s| format!(" · {}", s.describe()));
        left.push(Span::styled(
            format!("analysing {} articles{step}…", app.articles()),
            t.status_key,
        ));
    } else if app.coverage_pending() {
        left.push(Span::styled(
            "working out what each source leaves out…",
            t.status_key,
        ));
        if let Some(message) = app.message() {
            left.push(Span::raw(format!(" · {}", terminal_line(message))));
        }
    } else if let Some(message) = app.message() {
        left.push(Span::raw(terminal_line(message)));
    } else if let Some((i, e)) = app
        .pointed_event()
        .filter(|&i| Some(i) != app.current())
        .and_then(|i| Some((i, app.analysis().events.get(i)?)))
    {
        // The passage under the pointer or the selected quote: which event it belongs to.
        left.push(Span::styled(format!("event {}:", i + 1), t.status_key));
        left.push(Span::styled(
            format!(" {}", terminal_line(&e.label)),
            t.status.add_modifier(ratatui::style::Modifier::BOLD),
        ));
        left.push(Span::raw(format!(" · {}", crate::view::kind_name(e.kind))));
        if let Some(s) = &e.speaker {
            left.push(Span::raw(format!(" · {}", terminal_line(s))));
        }
    } else if let Some(search) = app.search() {
        let at = search.current.map_or(0, |i| i + 1);
        left.push(Span::styled(
            format!("hit {at}/{}", search.hits.len()),
            t.status_key,
        ));
        left.push(Span::raw(format!(" “{}”", terminal_line(&search.query()))));
    } else if let Some(i) = app.current() {
        current_event(app, i, &mut left);
    } else if app.filter().is_active() {
        left.push(Span::styled(
            format!(
                "{} of {} events",
                app.shown_events().len(),
                app.analysis().events.len()
            ),
            t.status_key,
        ));
        left.push(Span::raw(format!(
            " · filter: {}",
            terminal_line(&app.filter().describe())
        )));
    } else {
        // Nothing else to say: the story's title, before the hints.
        idle = true;
        left.push(Span::raw(format!(
            "{} articles · {} shared events · {}",
            app.articles(),
            app.analysis().events.len(),
            terminal_line(app.title())
        )));
    }
    let mut right: Vec<Vec<Span>> = Vec::new();
    if app.sync() {
        right.push(vec![Span::styled("sync  ", t.status_key)]);
    }
    if app.visible() < app.articles() {
        let last = (app.first() + app.visible()).min(app.articles());
        right.push(vec![Span::raw(format!(
            "panes {}–{}/{}  ",
            app.first() + 1,
            last,
            app.articles()
        ))]);
    }
    right.extend(hints(app));
    let width = |spans: &[Span]| spans.iter().map(|s| s.content.width()).sum::<usize>();
    let left_w = width(&left);
    // Hints give way to the event description when the line is short, least useful first.
    while left_w + right.iter().map(|g| width(g)).sum::<usize>() + 1 > usize::from(area.width)
        && !right.is_empty()
    {
        right.pop();
    }
    let right: Vec<Span> = right.into_iter().flatten().collect();
    let right_w = width(&right);
    // The story's title, where the line has room for it after everything else.
    let room = usize::from(area.width).saturating_sub(left_w + right_w + 1);
    if let Some(title) = story_title(app, room).filter(|_| !idle) {
        left.push(Span::styled(title, t.dim.bg(t.status.bg.unwrap_or_default())));
    }
    buf.set_line(area.x, area.y, &Line::from(left), area.width);
    if left_w > usize::from(area.width) && area.width > 0 {
        // Cut text says so.
        buf[(area.x + area.width - 1, area.y)].set_symbol("…");
    }
    if right_w > 0 {
        let x = area.x + area.width - u16::try_from(right_w).unwrap_or(0);
        buf.set_line(x, area.y, &Line::from(right), area.width);
    }
}

/// " · story title" in at most `room` columns: whole, or cut with "…" when at least
/// `MIN_TITLE` columns of it fit; nothing otherwise.
fn story_title(app: &App, room: usize) -> Option<String> {
    const MIN_TITLE: usize = 16;
    let title = terminal_line(app.title());
    let full = format!(" · {title}");
    if full.width() <= room {
        return Some(full);
    }
    if room < MIN_TITLE + 3 {
        return None;
    }
    let mut cut = String::from(" · ");
    for c in title.chars() {
        if cut.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > room {
            break;
        }
        cut.push(c);
    }
    cut.push('…');
    Some(cut)
}

/// "event 3/31 label · ■■■□■ 4/5 · quote · reworded · speaker"
fn current_event<'a>(app: &'a App, i: usize, out: &mut Vec<Span<'a>>) {
    let t = app.theme();
    let Some(e) = app.analysis().events.get(i) else {
        return;
    };
    if app.filter().is_active() {
        let shown = app.shown_events();
        let k = shown
            .iter()
            .position(|&e| e == i)
            .map_or_else(|| "–".to_string(), |p| (p + 1).to_string());
        out.push(Span::styled(
            format!("event {k} of {} events", shown.len()),
            t.status_key,
        ));
        out.push(Span::raw(format!(
            " (filter: {})",
            terminal_line(&app.filter().describe())
        )));
    } else {
        out.push(Span::styled(
            format!("event {}/{}", i + 1, app.analysis().events.len()),
            t.status_key,
        ));
    }
    // The label first, so that a narrow line keeps it and cuts the details after it.
    out.push(Span::styled(
        format!(" {}", terminal_line(&e.label)),
        t.status.add_modifier(ratatui::style::Modifier::BOLD),
    ));
    out.push(Span::raw(" · "));
    out.extend(coverage(app, i, 0..app.articles()));
    out.push(Span::raw(format!(" {}/{}", e.sources.len(), app.articles())));
    out.push(Span::raw(format!(" · {}", crate::view::kind_name(e.kind))));
    // Weak evidence, differing figures and differing credits share the warning colour.
    let warn = t.warning.bg(t.status.bg.unwrap_or_default());
    if e.confidence == crate::model::Confidence::Weak {
        // Thin evidence: the reader should check it before relying on it.
        out.push(Span::styled(" · weak (check it)", warn));
    }
    let here = e
        .mention_in(ArticleId::from_index(app.focus()))
        .or_else(|| e.mentions.first());
    if e.agreement.pairs() > 0 {
        out.push(Span::raw(format!(" · {}", crate::view::agreement(e.agreement))));
    } else if let Some(m) = here {
        out.push(Span::raw(format!(" · {}", m.match_kind.as_str())));
    }
    let mut differ = app
        .analysis()
        .discrepancies
        .iter()
        .filter(|d| d.event.index() == i);
    if let Some(d) = differ.next() {
        let values: Vec<String> = d.values.values().map(|v| terminal_line(v)).collect();
        let more = differ.count();
        out.push(Span::styled(
            format!(
                " · ! {} differs ({}): {}{}",
                terminal_line(&d.what),
                d.difference.as_str(),
                values.join(" / "),
                if more > 0 {
                    format!(" (+{more})")
                } else {
                    String::new()
                }
            ),
            warn,
        ));
    }
    let credits = crate::speakers::credits::differing_credits(e);
    if !credits.is_empty() {
        let who: Vec<String> = credits
            .iter()
            .map(|c| format!("{} ({})", terminal_line(&c.speaker), c.articles.len()))
            .collect();
        out.push(Span::styled(
            format!(" · ! credited to {}", who.join(" / ")),
            warn,
        ));
    } else if let Some(s) = &e.speaker {
        out.push(Span::raw(format!(" · {}", terminal_line(s))));
    }
}

/// The pending yes/no question, whichever part of the reader asked it: what it is about, the
/// question, and the keys that answer it.
fn question(app: &App) -> Option<Line<'static>> {
    let confirm = app.confirm()?;
    let t = app.theme();
    let k = app.keymap();
    let (about, text) = match confirm {
        Confirm::Replace(request) => (
            " export ",
            format!(
                "{} exists: replace it?",
                terminal_line(&request.path.to_string_lossy())
            ),
        ),
        Confirm::Discard => (" note ", "discard the text of this note?".to_string()),
        Confirm::Delete { id } => {
            let which = app.note_entries().iter().find(|e| &e.id == id).map_or_else(
                || "this note".to_string(),
                |e| format!("the note on {}", app.describe_target(&e.note.target)),
            );
            (" note ", format!("delete {which}?"))
        }
    };
    Some(Line::from(vec![
        Span::styled(about, t.status_key),
        Span::styled(format!(" {text} "), t.status.patch(t.warning)),
        Span::styled(
            format!(
                "{}/{}",
                k.first_key(Context::Confirm, "yes"),
                k.first_key(Context::Confirm, "no")
            ),
            t.status_key,
        ),
    ]))
}

/// The export prompt: format, path field, and the keys that act on it.
fn export_prompt(app: &App, prompt: &crate::tui::app::ExportPrompt, area: Rect, buf: &mut Buffer) {
    let t = app.theme();
    let k = app.keymap();
    let head = Line::from(vec![
        Span::styled(" export ", t.status_key),
        Span::styled(format!("{:<8} ", format_name(prompt.format)), t.status_key),
    ]);
    let head_w = u16::try_from(head.width()).unwrap_or(0);
    // A note from the last answer ("kept …") stands where the key hints are.
    let hint = match app.message() {
        Some(m) => format!(" {} ", terminal_line(m)),
        None => format!(
            " {} format · {} write · {} cancel ",
            k.first_key(Context::Prompt, "next_format"),
            k.first_key(Context::Prompt, "prompt_submit")
                .replace("enter", "⏎"),
            k.first_key(Context::Prompt, "close"),
        ),
    };
    let hint_w = u16::try_from(hint.width()).unwrap_or(0);
    buf.set_line(area.x, area.y, &head, area.width);
    let field = Rect {
        x: area.x + head_w.min(area.width),
        width: area.width.saturating_sub(head_w + hint_w),
        ..area
    };
    prompt.input.render(field, buf);
    if head_w + hint_w < area.width {
        let x = area.x + area.width - hint_w;
        buf.set_stringn(
            x,
            area.y,
            &hint,
            usize::from(hint_w),
            t.dim.bg(t.status.bg.unwrap_or_default()),
        );
    }
}

fn format_name(format: crate::export::Format) -> &'static str {
    match format {
        crate::export::Format::Html => "html",
        crate::export::Format::Markdown => "markdown",
        crate::export::Format::Json => "json",
    }
}

/// Key hints for the status line, from the keymap, most useful first.
fn hints(app: &App) -> Vec<Vec<Span<'static>>> {
    let k = app.keymap();
    let pair = |a: &str, b: &str| {
        let (x, y) = (k.first_key(Context::Normal, a), k.first_key(Context::Normal, b));
        if x.is_empty() && y.is_empty() {
            String::new()
        } else {
            format!("{x}/{y}")
        }
    };
    let items: Vec<(String, &str)> = match app.context() {
        Context::Results => vec![
            (
                format!(
                    "{}/{}",
                    k.first_key(Context::Results, "search_next"),
                    k.first_key(Context::Results, "search_prev")
                ),
                "hit",
            ),
            (k.first_key(Context::Results, "close"), "leave"),
        ],
        _ => vec![
            (k.first_key(Context::Normal, "help"), "help"),
            (pair("next_event", "prev_event"), "event"),
            (pair("next_quote", "prev_quote"), "quote"),
            (k.first_key(Context::Normal, "next_source"), "next source"),
            (k.first_key(Context::Normal, "event_list"), "list"),
            (k.first_key(Context::Normal, "variants"), "diff"),
            (k.first_key(Context::Normal, "search"), "search"),
            (k.first_key(Context::Normal, "filter"), "filter"),
            (k.first_key(Context::Normal, "export"), "export"),
            (k.first_key(Context::Normal, "quit"), "quit"),
        ],
    };
    let t = app.theme();
    items
        .into_iter()
        .filter(|(key, _)| !key.is_empty())
        .map(|(key, what)| {
            vec![
                Span::styled(key.replace("enter", "⏎"), t.status_key),
                Span::styled(format!(" {what}  "), t.status),
            ]
        })
        .collect()
}
