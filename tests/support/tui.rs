//! Helpers shared by the reader's test files (included with `#[path]`).

#![allow(dead_code)]

use parallax::tui::app::App;
use parallax::tui::geometry;
use parallax::{Analysis, Settings};
use std::sync::OnceLock;

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
