//! The rows of the text popups — the variants of the current event (each mention with its
//! own words marked against the baseline, from the view model's one word diff) and the help
//! generated from the keymap — laid out at the popup's width. They are built when the popup
//! opens and again on a resize, so the scroll is clamped in `update` without asking the
//! drawing code; `ui/popup.rs` only draws them.
//!
//! List popups give each item one row, cut with "…"; the text popups wrap every line,
//! continuation rows under the text after a line's label, so scrolling goes through rows and
//! reaches the last one.

use super::{App, Popup};
use crate::display::terminal_line;
use crate::model::Span as ByteSpan;
use crate::tui::geometry;
use crate::tui::keymap::Context;
use crate::tui::wrap::hanging;
use crate::view;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

impl App {
    /// The rows of a text popup (variants, help) at the popup's width; none for the lists.
    pub(super) fn text_popup_lines(&self, popup: Popup) -> Vec<Line<'static>> {
        match popup {
            Popup::Variants => variants_lines(self),
            Popup::Help => help_lines(self),
            _ => Vec::new(),
        }
    }
}

/// Columns a text popup's lines may take: the popup's inside less one column of padding on
/// the left and two on the right.
fn text_width(app: &App) -> usize {
    usize::from(geometry::popup_list(app.area()).width.saturating_sub(3)).max(10)
}

fn help_lines(app: &App) -> Vec<Line<'static>> {
    let t = app.theme();
    let width = text_width(app);
    let legend = [
        Span::styled(crate::tui::theme::CURRENT_MARK, t.current_mark),
        Span::raw(" current event   "),
        Span::styled(crate::tui::theme::EVENT_MARK, t.mark(0)),
        Span::raw(" "),
        Span::styled("other shared events", t.shared),
        Span::raw(format!(
            " ({} colours them all)   ",
            app.keymap().first_key(Context::Normal, "toggle_colors")
        )),
        Span::styled("quoted", t.quote),
        Span::raw("   "),
        Span::styled("selected quote", Style::new().add_modifier(t.cursor)),
        Span::raw("   "),
        Span::styled(crate::tui::theme::NOTE_MARK, t.note),
        Span::raw(" noted"),
    ];
    let mut lines = hanging(&[], &legend, width);
    lines.push(Line::default());
    lines.extend(hanging(
        &[],
        &[Span::styled("How wordings compare", t.title_focused)],
        width,
    ));
    lines.extend(hanging(
        &[Span::raw("  ")],
        &[Span::raw(crate::variants::COMPARED)],
        width,
    ));
    for (kind, meaning) in crate::variants::KINDS {
        let label = [Span::styled(
            format!("  {:<22}", kind.as_str()),
            t.status_key.bg(t.popup.bg.unwrap_or_default()),
        )];
        lines.extend(hanging(&label, &[Span::raw(meaning)], width));
    }
    lines.push(Line::default());
    lines.extend(hanging(
        &[],
        &[Span::styled("Mouse (ui.mouse in the config)", t.title_focused)],
        width,
    ));
    for (gesture, does) in crate::tui::action::MOUSE {
        let label = [Span::styled(
            format!("  {gesture:<22}"),
            t.status_key.bg(t.popup.bg.unwrap_or_default()),
        )];
        lines.extend(hanging(&label, &[Span::raw(does)], width));
    }
    lines.push(Line::default());
    for (ctx, rows) in app.keymap().help() {
        let heading = match ctx {
            Context::Normal => "Reading",
            Context::Results => "Search results (other keys as in Reading)",
            Context::Popup => "Lists and popups",
            Context::Input => "Typing a search",
            Context::Notes => "The notes list (other keys as in Lists)",
            Context::Note => "Writing a note",
            Context::Prompt => "Typing the export's path",
            Context::Confirm => "Answering a question (replace a file, discard or delete a note)",
        };
        lines.extend(hanging(&[], &[Span::styled(heading, t.title_focused)], width));
        for (keys, help, name) in rows {
            let label = [Span::styled(
                format!("  {keys:<22}"),
                t.status_key.bg(t.popup.bg.unwrap_or_default()),
            )];
            let body = [Span::raw(help), Span::styled(format!("  {name}"), t.dim)];
            lines.extend(hanging(&label, &body, width));
        }
        lines.push(Line::default());
    }
    lines
}

fn variants_lines(app: &App) -> Vec<Line<'static>> {
    let t = app.theme();
    let Some(event) = app.current().and_then(|i| app.analysis().events.get(i)) else {
        return Vec::new();
    };
    let width = text_width(app);
    let articles = &app.analysis().corpus.articles;
    let kind = view::kind_name(event.kind);
    let variants = view::variants(app.analysis(), event);
    // The article of the baseline, the most common wording every other is compared with.
    let baseline = variants
        .first()
        .and_then(|v| event.mentions.get(v.baseline))
        .and_then(|m| articles.get(m.article.index()));
    let mut lines = hanging(
        &[],
        &[Span::styled(terminal_line(&event.label), t.title_focused)],
        width,
    );
    let compared = match event.kind {
        crate::model::EventKind::Quote => "the quoted words of each mention",
        crate::model::EventKind::Statement => "each mention",
    };
    let legend = format!(
        "{kind} · {} of {} sources · {compared} against the baseline, the most common wording: \
         its own words highlighted, the baseline's words after “instead of”",
        event.sources.len(),
        app.articles()
    );
    lines.extend(hanging(&[Span::raw("  ")], &[Span::styled(legend, t.dim)], width));
    if event.agreement.pairs() > 0 {
        lines.extend(hanging(
            &[Span::styled("  agreement, pair by pair: ", t.dim)],
            &[Span::styled(view::agreement(event.agreement), t.title_focused)],
            width,
        ));
    }
    for d in app
        .analysis
        .discrepancies
        .iter()
        .filter(|d| Some(d.event.index()) == app.current())
    {
        let values: Vec<String> = d
            .values
            .iter()
            .map(|(a, v)| format!("{} {}", a.index() + 1, terminal_line(v)))
            .collect();
        lines.extend(hanging(
            &[Span::styled(
                format!(
                    "  ! {} differs ({}): ",
                    terminal_line(&d.what),
                    d.difference.as_str()
                ),
                t.warning,
            )],
            &[Span::styled(values.join(" · "), t.text)],
            width,
        ));
    }
    lines.push(Line::default());
    for v in variants {
        let Some(m) = event.mentions.get(v.mention) else {
            continue;
        };
        let Some(a) = articles.get(m.article.index()) else {
            continue;
        };
        let about = format!(
            "{} · {}{}{}",
            terminal_line(&a.source),
            m.match_kind.as_str(),
            if m.quote { " · quoted" } else { "" },
            if v.is_baseline() { " · the baseline" } else { "" }
        );
        lines.extend(hanging(
            &[Span::styled(format!("{} ", m.article.index() + 1), t.title)],
            &[Span::styled(about, t.title)],
            width,
        ));
        let text = marked(
            a.slice(v.shown),
            v.shown.start,
            &v.inserted(),
            t.diff_insert,
            t.text,
        );
        lines.extend(hanging(&[Span::raw("  ")], &text, width));
        let deleted = v.deleted();
        if let (false, Some(base)) = (deleted.is_empty(), baseline) {
            let mut spans = Vec::new();
            for (i, s) in deleted.iter().enumerate() {
                if i > 0 {
                    spans.push(Span::styled(" · ", t.dim));
                }
                spans.push(Span::styled(terminal_line(base.slice(*s)), t.diff_delete));
            }
            lines.extend(hanging(&[Span::styled("  instead of: ", t.dim)], &spans, width));
        }
        lines.push(Line::default());
    }
    lines
}

/// A passage as styled pieces: the bytes in `marked` (absolute offsets; the passage starts at
/// `offset`) in `mark`, the rest in `plain`.
fn marked(text: &str, offset: usize, marked: &[ByteSpan], mark: Style, plain: Style) -> Vec<Span<'static>> {
    let mut cuts = vec![0, text.len()];
    for s in marked {
        for at in [s.start, s.end] {
            let at = at.saturating_sub(offset).min(text.len());
            if text.is_char_boundary(at) {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let at = offset + w[0];
            let style = if marked.iter().any(|s| s.start <= at && at < s.end) {
                mark
            } else {
                plain
            };
            Span::styled(text.get(w[0]..w[1]).unwrap_or("").to_string(), style)
        })
        .collect()
}
