//! Drawing the notes: the editor (a box over the panes titled with what the note is attached
//! to, its keys and the last save error at the bottom) and the rows of the notes list popup.
//! Their yes/no questions are drawn with every other question, in the status line (`ui.rs`).

use crate::display::terminal_line;
use crate::tui::app::{App, excerpt};
use crate::tui::keymap::Context;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

/// Where the note editor is drawn: centred, at most 84 × 14.
pub fn editor_area(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).min(84);
    let height = area.height.saturating_sub(4).min(14);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

pub fn editor(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(ed) = app.note_editor() else {
        return;
    };
    let t = app.theme();
    let rect = editor_area(area);
    Clear.render(rect, buf);
    let about = app.describe_target(&ed.target);
    let title = if ed.is_new {
        format!(" Note on {about} ")
    } else {
        format!(" Edit the note on {about} ")
    };
    let k = app.keymap();
    let keys = format!(
        " {} save · {} cancel ",
        k.first_key(Context::Note, "save_note"),
        k.first_key(Context::Note, "close")
    );
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.popup_border)
        .style(t.popup)
        .title(Line::from(title))
        .title_bottom(Line::from(keys).right_aligned());
    if let Some(error) = &ed.error {
        block = block.title_bottom(Line::styled(
            format!(" not saved: {} ", terminal_line(error)),
            t.warning,
        ));
    } else if ed.saving {
        block = block.title_bottom(Line::styled(" saving… ", t.notice));
    }
    let inner = block.inner(rect);
    block.render(rect, buf);
    let field = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    ed.input.render(field, buf);
}

pub fn list_header(app: &App) -> Line<'static> {
    Line::styled("  on · note", app.theme().dim)
}

/// One row of the notes list: where, then the note's first line.
pub fn list_row(app: &App, index: usize) -> Line<'static> {
    let Some(entry) = app.note_entries().get(index) else {
        return Line::default();
    };
    let t = app.theme();
    let mut lines = entry.note.text.lines();
    let first = lines.next().unwrap_or("");
    let more = if lines.next().is_some() { " …" } else { "" };
    Line::from(vec![
        Span::styled(format!("{} ", crate::tui::theme::NOTE_MARK), t.note),
        Span::styled(app.describe_target(&entry.note.target), t.dim),
        Span::raw(format!("  {}{more}", excerpt(first))),
    ])
}
