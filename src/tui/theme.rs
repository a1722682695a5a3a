//! Every colour and text style of the reader, in one place, with a dark and a light variant.
//! Event tints come from `crate::palette` so the reader and the HTML export agree; the
//! gutter marks use the opposite variant of a tint, which stays visible against the terminal's
//! own background where the background tint would not.

use crate::palette::{self, Rgb};
use ratatui::style::{Color, Modifier, Style};

/// The reader's colours and styles.
#[derive(Debug, Clone)]
pub struct Theme {
    pub dark: bool,
    pub text: Style,
    pub dim: Style,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub title_focused: Style,
    /// "not reported" in a pane's title.
    pub missing: Style,
    /// The current event's text, in every pane.
    pub current: Style,
    /// The left-edge mark of the current event's rows.
    pub current_mark: Style,
    /// Added to quoted text.
    pub quote: Modifier,
    /// The passage selected by quote stepping.
    pub cursor: Modifier,
    pub search_hit: Style,
    pub search_current: Style,
    pub status: Style,
    pub status_key: Style,
    pub popup: Style,
    pub popup_border: Style,
    pub selected: Style,
    pub covered: Style,
    pub uncovered: Style,
    pub diff_insert: Style,
    pub diff_delete: Style,
    pub notice: Style,
    /// Marks and labels of discrepancies.
    pub warning: Style,
    /// A figure the sources disagree on, wherever it is written.
    pub discrepancy: Style,
}

fn rgb(c: Rgb) -> Color {
    Color::Rgb(c.0, c.1, c.2)
}

impl Theme {
    pub fn dark() -> Theme {
        let accent = Color::Rgb(0xf0, 0xc6, 0x74);
        Theme {
            dark: true,
            text: Style::new(),
            dim: Style::new().fg(Color::Rgb(0x8a, 0x8f, 0x98)),
            border: Style::new().fg(Color::Rgb(0x5c, 0x63, 0x70)),
            border_focused: Style::new().fg(accent),
            title: Style::new().fg(Color::Rgb(0xb8, 0xbe, 0xc8)),
            title_focused: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            missing: Style::new()
                .fg(Color::Rgb(0xff, 0x87, 0x87))
                .add_modifier(Modifier::BOLD),
            current: Style::new()
                .fg(Color::Rgb(0x10, 0x10, 0x10))
                .bg(accent)
                .add_modifier(Modifier::BOLD),
            current_mark: Style::new().fg(accent),
            quote: Modifier::ITALIC,
            cursor: Modifier::UNDERLINED,
            search_hit: Style::new()
                .fg(Color::Rgb(0x10, 0x10, 0x10))
                .bg(Color::Rgb(0x8f, 0xd4, 0xe8)),
            search_current: Style::new()
                .fg(Color::Rgb(0x10, 0x10, 0x10))
                .bg(Color::Rgb(0x4f, 0xe0, 0x9a))
                .add_modifier(Modifier::BOLD),
            status: Style::new()
                .fg(Color::Rgb(0xd0, 0xd4, 0xdc))
                .bg(Color::Rgb(0x26, 0x2a, 0x33)),
            status_key: Style::new()
                .fg(accent)
                .bg(Color::Rgb(0x26, 0x2a, 0x33))
                .add_modifier(Modifier::BOLD),
            popup: Style::new().bg(Color::Rgb(0x1b, 0x1e, 0x25)),
            popup_border: Style::new().fg(accent).bg(Color::Rgb(0x1b, 0x1e, 0x25)),
            selected: Style::new()
                .bg(Color::Rgb(0x3a, 0x40, 0x4d))
                .add_modifier(Modifier::BOLD),
            covered: Style::new().fg(Color::Rgb(0x7e, 0xd3, 0x8f)),
            uncovered: Style::new().fg(Color::Rgb(0x5c, 0x63, 0x70)),
            diff_insert: Style::new()
                .fg(Color::Rgb(0x10, 0x10, 0x10))
                .bg(Color::Rgb(0x7e, 0xd3, 0x8f)),
            diff_delete: Style::new()
                .fg(Color::Rgb(0x10, 0x10, 0x10))
                .bg(Color::Rgb(0xff, 0x9e, 0x9e)),
            notice: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            warning: Style::new()
                .fg(Color::Rgb(0xff, 0x8f, 0x5a))
                .add_modifier(Modifier::BOLD),
            discrepancy: Style::new()
                .fg(Color::Rgb(0x10, 0x10, 0x10))
                .bg(Color::Rgb(0xff, 0x8f, 0x5a))
                .add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
        }
    }

    pub fn light() -> Theme {
        let accent = Color::Rgb(0x9a, 0x4f, 0x00);
        let status_bg = Color::Rgb(0xe4, 0xe6, 0xeb);
        Theme {
            dark: false,
            text: Style::new(),
            dim: Style::new().fg(Color::Rgb(0x6a, 0x70, 0x7a)),
            border: Style::new().fg(Color::Rgb(0xa0, 0xa6, 0xb0)),
            border_focused: Style::new().fg(accent),
            title: Style::new().fg(Color::Rgb(0x3a, 0x40, 0x4a)),
            title_focused: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            missing: Style::new()
                .fg(Color::Rgb(0xb0, 0x1e, 0x1e))
                .add_modifier(Modifier::BOLD),
            current: Style::new()
                .fg(Color::Rgb(0xff, 0xff, 0xff))
                .bg(Color::Rgb(0x9a, 0x4f, 0x00))
                .add_modifier(Modifier::BOLD),
            current_mark: Style::new().fg(accent),
            quote: Modifier::ITALIC,
            cursor: Modifier::UNDERLINED,
            search_hit: Style::new()
                .fg(Color::Rgb(0x00, 0x00, 0x00))
                .bg(Color::Rgb(0x9f, 0xdc, 0xf0)),
            search_current: Style::new()
                .fg(Color::Rgb(0x00, 0x00, 0x00))
                .bg(Color::Rgb(0x5f, 0xd0, 0x8f))
                .add_modifier(Modifier::BOLD),
            status: Style::new().fg(Color::Rgb(0x20, 0x24, 0x2c)).bg(status_bg),
            status_key: Style::new().fg(accent).bg(status_bg).add_modifier(Modifier::BOLD),
            popup: Style::new().bg(Color::Rgb(0xf6, 0xf6, 0xf2)),
            popup_border: Style::new().fg(accent).bg(Color::Rgb(0xf6, 0xf6, 0xf2)),
            selected: Style::new()
                .bg(Color::Rgb(0xd8, 0xdc, 0xe6))
                .add_modifier(Modifier::BOLD),
            covered: Style::new().fg(Color::Rgb(0x1e, 0x7a, 0x34)),
            uncovered: Style::new().fg(Color::Rgb(0xa0, 0xa6, 0xb0)),
            diff_insert: Style::new().bg(Color::Rgb(0xb8, 0xe8, 0xc0)),
            diff_delete: Style::new().bg(Color::Rgb(0xf8, 0xc0, 0xc0)),
            notice: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            warning: Style::new()
                .fg(Color::Rgb(0xb3, 0x3a, 0x00))
                .add_modifier(Modifier::BOLD),
            discrepancy: Style::new()
                .fg(Color::Rgb(0xff, 0xff, 0xff))
                .bg(Color::Rgb(0xc2, 0x41, 0x0c))
                .add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
        }
    }

    /// The background tint of event `index` (the same as in the HTML export).
    pub fn tint(&self, index: usize) -> Style {
        Style::new().bg(rgb(palette::tint(index, self.dark)))
    }

    /// The left-edge mark of event `index`: the other variant of its tint, visible on the
    /// terminal's background.
    pub fn mark(&self, index: usize) -> Style {
        Style::new().fg(rgb(palette::tint(index, !self.dark)))
    }
}
