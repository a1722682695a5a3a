//! Every colour and text style of the reader, in one place: a dark, a light and a
//! high-contrast theme, the `[ui.colors]` overrides of the config file, and the colourless
//! variant used when `NO_COLOR` is set.
//!
//! By default only the current event is filled with colour (`current`); other shared passages
//! carry a muted underline (`shared`) and their event's colour in the gutter mark, and a toggle
//! fills every event with its tint. Event tints come from `crate::palette` through the view
//! model's slots, so the reader and the HTML export agree and neighbours differ; the
//! gutter marks use the opposite variant of a tint, which stays visible against the terminal's
//! own background where the background tint would not. Without colour, highlights are carried
//! by bold, underline and reverse video alone.

use crate::config::{ColorSpec, ThemeName};
use crate::palette::{self, Rgb};
use ratatui::style::{Color, Modifier, Style};
use std::collections::BTreeMap;

/// The left-edge mark of the current event's rows.
pub const CURRENT_MARK: &str = "█";
/// The left-edge mark of other events' rows.
pub const EVENT_MARK: &str = "▌";
/// In the column right of the text, on the first row of a noted passage or event mention.
pub const NOTE_MARK: &str = "✎";

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
    /// The current event's text, in every pane: the one thing filled with colour.
    pub current: Style,
    /// The text of other shared passages, marked quietly (a muted underline); their event's
    /// colour is in the gutter mark, and fills them only when every event is coloured.
    pub shared: Style,
    /// The left-edge mark of the current event's rows.
    pub current_mark: Style,
    /// Added to quoted text.
    pub quote: Style,
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
    /// The ✎ marker of a noted passage or event.
    pub note: Style,
    /// Errors and questions in the status line and the note editor; marks and labels of
    /// discrepancies.
    pub warning: Style,
    /// A figure the sources disagree on, wherever it is written.
    pub discrepancy: Style,
    /// Per event slot (cycling): the style of a mention's text and of its gutter mark.
    pub events: Vec<(Style, Style)>,
}

fn rgb(c: Rgb) -> Color {
    Color::Rgb(c.0, c.1, c.2)
}

fn color(spec: ColorSpec) -> Color {
    match spec {
        ColorSpec::Reset => Color::Reset,
        ColorSpec::Indexed(i) => Color::Indexed(i),
        ColorSpec::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

/// `NO_COLOR` (https://no-color.org): present and not empty turns colour off.
pub fn no_color_requested(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty())
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
            shared: Style::new()
                .add_modifier(Modifier::UNDERLINED)
                .underline_color(Color::Rgb(0x5c, 0x63, 0x70)),
            current: Style::new()
                .fg(Color::Rgb(0x10, 0x10, 0x10))
                .bg(accent)
                .add_modifier(Modifier::BOLD),
            current_mark: Style::new().fg(accent),
            quote: Style::new().add_modifier(Modifier::ITALIC),
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
            note: Style::new()
                .fg(Color::Rgb(0xd7, 0x9e, 0xf5))
                .add_modifier(Modifier::BOLD),
            warning: Style::new()
                .fg(Color::Rgb(0xff, 0x8f, 0x5a))
                .add_modifier(Modifier::BOLD),
            discrepancy: Style::new()
                .fg(Color::Rgb(0x10, 0x10, 0x10))
                .bg(Color::Rgb(0xff, 0x8f, 0x5a))
                .add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            events: palette_events(true),
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
            shared: Style::new()
                .add_modifier(Modifier::UNDERLINED)
                .underline_color(Color::Rgb(0xa0, 0xa6, 0xb0)),
            current: Style::new()
                .fg(Color::Rgb(0xff, 0xff, 0xff))
                .bg(Color::Rgb(0x9a, 0x4f, 0x00))
                .add_modifier(Modifier::BOLD),
            current_mark: Style::new().fg(accent),
            quote: Style::new().add_modifier(Modifier::ITALIC),
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
            note: Style::new()
                .fg(Color::Rgb(0x7a, 0x2e, 0xa8))
                .add_modifier(Modifier::BOLD),
            warning: Style::new()
                .fg(Color::Rgb(0xb3, 0x3a, 0x00))
                .add_modifier(Modifier::BOLD),
            discrepancy: Style::new()
                .fg(Color::Rgb(0xff, 0xff, 0xff))
                .bg(Color::Rgb(0xc2, 0x41, 0x0c))
                .add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            events: palette_events(false),
        }
    }

    /// High contrast: pure white text on black, bright ANSI colours that every terminal
    /// palette keeps distinct, and event mentions in bright text rather than faint tints.
    pub fn high_contrast() -> Theme {
        let bold = Modifier::BOLD;
        let accent = Color::LightYellow;
        let on_black = |fg: Color| Style::new().fg(fg).bg(Color::Black);
        let events = [
            Color::LightCyan,
            Color::LightMagenta,
            Color::LightGreen,
            Color::LightBlue,
            Color::LightRed,
            Color::Yellow,
            Color::Cyan,
            Color::Magenta,
        ];
        Theme {
            dark: true,
            text: on_black(Color::White),
            dim: on_black(Color::Gray),
            border: on_black(Color::Gray),
            border_focused: on_black(accent).add_modifier(bold),
            title: on_black(Color::White),
            title_focused: on_black(accent).add_modifier(bold),
            missing: on_black(Color::LightRed).add_modifier(bold),
            current: Style::new().fg(Color::Black).bg(accent).add_modifier(bold),
            shared: Style::new()
                .add_modifier(Modifier::UNDERLINED)
                .underline_color(Color::Gray),
            current_mark: on_black(accent),
            quote: Style::new().add_modifier(Modifier::ITALIC),
            cursor: Modifier::UNDERLINED,
            search_hit: Style::new().fg(Color::Black).bg(Color::LightCyan),
            search_current: Style::new()
                .fg(Color::Black)
                .bg(Color::LightGreen)
                .add_modifier(bold),
            status: Style::new().fg(Color::Black).bg(Color::White),
            status_key: Style::new().fg(Color::Black).bg(accent).add_modifier(bold),
            popup: on_black(Color::White),
            popup_border: on_black(accent),
            selected: Style::new().fg(Color::Black).bg(Color::White).add_modifier(bold),
            covered: on_black(Color::LightGreen),
            uncovered: on_black(Color::Gray),
            diff_insert: Style::new().fg(Color::Black).bg(Color::LightGreen),
            diff_delete: Style::new().fg(Color::Black).bg(Color::LightRed),
            notice: on_black(accent).add_modifier(bold),
            note: on_black(Color::LightMagenta).add_modifier(bold),
            warning: on_black(Color::LightRed).add_modifier(bold),
            discrepancy: Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::UNDERLINED | bold),
            events: events
                .iter()
                .map(|&c| (Style::new().fg(c), Style::new().fg(c)))
                .collect(),
        }
    }

    /// The theme a config file names.
    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::HighContrast => Theme::high_contrast(),
        }
    }

    /// The theme with `[ui.colors]` overrides: each slot sets the colour that carries it
    /// (a background for highlights, a foreground for text and marks).
    #[must_use]
    pub fn with_colors(mut self, colors: &BTreeMap<&str, ColorSpec>) -> Theme {
        for (&slot, &spec) in colors {
            let c = color(spec);
            match slot {
                "text" => {
                    self.text = self.text.fg(c);
                    self.popup = self.popup.fg(c);
                }
                "dim" => {
                    self.dim = self.dim.fg(c);
                    self.shared = self.shared.underline_color(c);
                    self.uncovered = self.uncovered.fg(c);
                }
                "border" => self.border = self.border.fg(c),
                "focus" => {
                    for s in [
                        &mut self.border_focused,
                        &mut self.title_focused,
                        &mut self.current_mark,
                        &mut self.popup_border,
                        &mut self.notice,
                    ] {
                        *s = s.fg(c);
                    }
                }
                "current" => self.current = self.current.bg(c),
                "quote" => self.quote = self.quote.fg(c),
                "search" => self.search_hit = self.search_hit.bg(c),
                "status" => {
                    self.status = self.status.bg(c);
                    self.status_key = self.status_key.bg(c);
                }
                "note" => self.note = self.note.fg(c),
                "warning" => {
                    self.warning = self.warning.fg(c);
                    self.missing = self.missing.fg(c);
                    self.discrepancy = self.discrepancy.bg(c);
                }
                event => {
                    let slot = event
                        .strip_prefix("event")
                        .and_then(|n| n.parse::<usize>().ok())
                        .and_then(|n| n.checked_sub(1));
                    if let Some((text, mark)) = slot.and_then(|i| self.events.get_mut(i)) {
                        // A theme that tints backgrounds keeps doing so; one that colours the
                        // text of mentions (high contrast) colours it.
                        *text = if text.bg.is_some() { text.bg(c) } else { text.fg(c) };
                        *mark = mark.fg(c);
                    }
                }
            }
        }
        self
    }

    /// The theme without any colour (`NO_COLOR`): highlights in bold, underline and reverse
    /// video only. The current event is bold and reversed; other events are marked in the
    /// gutter; quotes are underlined and the selected quote bold as well; a figure the sources
    /// disagree on is bold and underlined.
    #[must_use]
    pub fn without_color(self) -> Theme {
        let plain = Style::new();
        let m = |modifier: Modifier| Style::new().add_modifier(modifier);
        Theme {
            dark: self.dark,
            text: plain,
            dim: plain,
            border: plain,
            border_focused: m(Modifier::BOLD),
            title: plain,
            title_focused: m(Modifier::BOLD),
            missing: m(Modifier::BOLD),
            current: m(Modifier::BOLD | Modifier::REVERSED),
            shared: plain,
            current_mark: m(Modifier::BOLD),
            quote: m(Modifier::UNDERLINED),
            cursor: Modifier::BOLD,
            search_hit: m(Modifier::REVERSED),
            search_current: m(Modifier::REVERSED | Modifier::UNDERLINED | Modifier::BOLD),
            status: m(Modifier::REVERSED),
            status_key: m(Modifier::REVERSED | Modifier::BOLD),
            popup: plain,
            popup_border: m(Modifier::BOLD),
            selected: m(Modifier::REVERSED),
            covered: plain,
            uncovered: plain,
            diff_insert: m(Modifier::REVERSED),
            diff_delete: m(Modifier::UNDERLINED),
            notice: m(Modifier::BOLD),
            note: m(Modifier::BOLD),
            warning: m(Modifier::BOLD),
            discrepancy: m(Modifier::UNDERLINED | Modifier::BOLD),
            events: vec![(plain, plain)],
        }
    }

    /// The style of event `index`'s mentions: in the dark and light themes the background
    /// tint of the HTML export.
    pub fn tint(&self, index: usize) -> Style {
        match self.events.len() {
            0 => Style::new(),
            n => self.events[index % n].0,
        }
    }

    /// The left-edge mark of event `index`: in the dark and light themes the other variant of
    /// its tint, visible on the terminal's background.
    pub fn mark(&self, index: usize) -> Style {
        match self.events.len() {
            0 => Style::new(),
            n => self.events[index % n].1,
        }
    }
}

/// The palette's tints as backgrounds, with the other variant for the gutter marks.
fn palette_events(dark: bool) -> Vec<(Style, Style)> {
    (0..palette::DARK_TINTS.len())
        .map(|i| {
            (
                Style::new().bg(rgb(palette::tint(i, dark))),
                Style::new().fg(rgb(palette::tint(i, !dark))),
            )
        })
        .collect()
}
