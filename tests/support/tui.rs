//! Helpers shared by the reader's test files (included with `#[path]`).

#![allow(dead_code)]

use crossterm::event::{KeyEvent, KeyEventKind, KeyEventState};
use parallax::tui::app::App;
use parallax::tui::geometry;
use parallax::tui::keymap::{Chord, Keymap};
use parallax::tui::theme::Theme;
use parallax::{Analysis, Settings};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::sync::OnceLock;

/// A reader of `analysis` on a terminal of `width` × `height`, default keys, dark theme.
pub fn app_on(analysis: Analysis, width: u16, height: u16) -> App {
    App::new(
        analysis,
        Keymap::default(),
        Theme::dark(),
        Rect::new(0, 0, width, height),
    )
}

/// Presses the keys of `script` ("n n d"), in the notation of the keymap.
pub fn typed(app: &mut App, script: &str) {
    for token in script.split_whitespace() {
        let chord = Chord::parse(token).unwrap_or_else(|e| panic!("{token}: {e}"));
        let key = KeyEvent {
            code: chord.code,
            modifiers: chord.mods,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        };
        let _ = app.update(app.key(key));
    }
}

/// The reader drawn on a test terminal of its size.
pub fn draw(app: &App) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.area().width, app.area().height)).expect("terminal");
    terminal.draw(|f| f.render_widget(app, f.area())).expect("draw");
    terminal.backend().buffer().clone()
}

/// The bundled story, analysed once per test binary.
pub fn bundled() -> Analysis {
    static ANALYSIS: OnceLock<Analysis> = OnceLock::new();
    ANALYSIS
        .get_or_init(|| parallax::analyse(parallax::ingest::bundled(), &Settings::default()))
        .clone()
}

/// The screen cell showing byte `at` of an article, when it is on screen.
pub fn cell_of(app: &App, article: usize, at: usize) -> Option<(u16, u16)> {
    let (_, rect) = app.pane_rects().into_iter().find(|(a, _)| *a == article)?;
    let (_, text) = geometry::pane_inner(rect);
    let layout = app.layout(article);
    let row = layout.row_of(at);
    let top = app.top_row(article);
    if row < top || row >= top + usize::from(text.height) {
        return None;
    }
    let mut x = text.x;
    for g in &layout.glyphs[layout.rows[row].glyphs.clone()] {
        if g.start <= at && at < g.end {
            return Some((x, text.y + u16::try_from(row - top).ok()?));
        }
        x += u16::from(g.width);
    }
    None
}
