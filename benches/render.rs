//! One redraw of the reader at 200×60 with five panes into a `TestBackend`, on the bundled
//! story with an event current (so every pane has highlights). Target: under 5 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::Settings;
use parallax::tui::action::Action;
use parallax::tui::app::App;
use parallax::tui::keymap::Keymap;
use parallax::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::hint::black_box;

fn redraw(c: &mut Criterion) {
    let analysis = parallax::analyse(parallax::ingest::bundled(), &Settings::default());
    let mut app = App::new(
        analysis,
        Keymap::default(),
        Theme::dark(),
        Rect::new(0, 0, 200, 60),
    );
    let _ = app.update(Action::NextEvent);
    assert_eq!(app.visible(), 5);
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("test terminal");
    c.bench_function("redraw 200x60, 5 panes", |b| {
        b.iter(|| {
            terminal
                .draw(|f| f.render_widget(black_box(&app), f.area()))
                .expect("draw");
        });
    });
    // A fresh layout at a new width, as after a resize.
    c.bench_function("redraw after resize 200x60, 5 panes", |b| {
        let mut wide = true;
        b.iter(|| {
            wide = !wide;
            let width = if wide { 200 } else { 199 };
            let _ = app.update(Action::Resize(width, 60));
            terminal
                .draw(|f| f.render_widget(black_box(&app), f.area()))
                .expect("draw");
        });
    });
}

criterion_group!(benches, redraw);
criterion_main!(benches);
