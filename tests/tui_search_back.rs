//! Leaving a search with `esc` puts the focus and every pane back where they were before it
//! began, whether the text was still being typed or its hits were being stepped through; and
//! the help says what the mouse does.

#![cfg(feature = "tui")]

#[path = "support/tui.rs"]
mod support;
use support::*;

use parallax::tui::app::{App, Pane};
use parallax::tui::geometry;
use parallax::tui::keymap::Keymap;
use parallax::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn app(width: u16, height: u16) -> App {
    App::new(
        bundled(),
        Keymap::default(),
        Theme::dark(),
        Rect::new(0, 0, width, height),
    )
}

fn place(app: &App) -> (usize, usize, Vec<Pane>) {
    (app.focus(), app.first(), app.panes().to_vec())
}

fn screen(app: &App) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(app.area().width, app.area().height)).expect("terminal");
    terminal.draw(|f| f.render_widget(app, f.area())).expect("draw");
    let buf = terminal.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn esc_after_stepping_through_hits_goes_back_to_where_reading_was() {
    let mut app = app(100, 30);
    typed(&mut app, "n n l j j");
    let before = place(&app);
    let shown = screen(&app);
    typed(&mut app, "/ R y a b k o v enter n n n");
    assert_ne!(place(&app), before, "the hits moved the panes");
    typed(&mut app, "esc");
    assert_eq!(place(&app), before);
    assert_eq!(screen(&app).lines().count(), shown.lines().count());
    // The panes show what they showed (the status line aside).
    let panes = |s: &str| s.lines().take(29).collect::<Vec<_>>().join("\n");
    assert_eq!(panes(&screen(&app)), panes(&shown));
}

#[test]
fn esc_while_typing_and_enter_on_no_match_go_back_too() {
    let mut app = app(100, 30);
    typed(&mut app, "n");
    let before = place(&app);
    typed(&mut app, "/ G e n e v a");
    assert_ne!(place(&app), before, "the first hit is shown as the text is typed");
    typed(&mut app, "esc");
    assert_eq!(place(&app), before);
    typed(&mut app, "/ G e n e v a x q z enter");
    assert_eq!(place(&app), before);
}

#[test]
fn help_says_what_the_mouse_does() {
    let mut app = app(160, 45);
    typed(&mut app, "?");
    let all = screen(&app);
    let p = geometry::popup(app.area());
    let rows: Vec<&str> = all
        .lines()
        .skip(usize::from(p.y))
        .take(usize::from(p.height))
        .collect();
    assert!(rows.iter().any(|r| r.contains("Mouse")), "{all}");
    for (gesture, does) in parallax::tui::action::MOUSE {
        let start: String = does.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        assert!(
            rows.iter()
                .any(|r| r.contains(&format!("  {gesture} ")) && r.contains(&start)),
            "{gesture}: {start}\n{all}"
        );
    }
}
