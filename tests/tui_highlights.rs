//! What the reader fills with colour: by default the current event alone, other shared
//! passages marked quietly (a muted underline, their event's colour in the gutter), every event
//! on a toggle; and which event a passage belongs to, named in the status line when the pointer
//! or the selected quote is on it.

#[path = "support/tui.rs"]
mod support;

use parallax::model::EventId;
use parallax::palette;
use parallax::tui::action::Action;
use parallax::tui::app::App;
use parallax::tui::geometry;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use support::*;

fn status(buf: &Buffer) -> String {
    let y = buf.area.height - 1;
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

/// The share of the panes' text cells (cells showing a character) drawn with a filled
/// background: how much of the page reads as a colour chart.
pub fn filled_share(app: &App, buf: &Buffer) -> (usize, usize) {
    let (mut filled, mut total) = (0, 0);
    for (_, rect) in app.pane_rects() {
        let (_, text) = geometry::pane_inner(rect);
        for y in text.y..text.y + text.height {
            for x in text.x..text.x + text.width {
                let cell = &buf[(x, y)];
                if cell.symbol().trim().is_empty() {
                    continue;
                }
                total += 1;
                if cell.bg != Color::Reset {
                    filled += 1;
                }
            }
        }
    }
    (filled, total)
}

/// The bundled story at 160×45 after `n`.
fn on_first_event() -> App {
    let mut app = app_on(bundled(), 160, 45);
    let _ = app.update(Action::NextEvent);
    app
}

#[test]
fn by_default_a_quarter_of_the_text_or_less_is_filled() {
    let mut app = on_first_event();
    let (filled, total) = filled_share(&app, &draw(&app));
    let share = filled as f64 / total as f64;
    println!("filled by default: {filled}/{total} = {:.1}%", share * 100.0);
    assert!(total > 2000, "the panes are full of text: {total}");
    assert!(share < 0.25, "{filled}/{total} cells filled");
    assert!(filled > 0, "the current event is filled");
    // Colouring every event brings the map back.
    let _ = app.update(Action::ToggleColors);
    assert!(app.color_all());
    let (all, _) = filled_share(&app, &draw(&app));
    println!("filled with every event coloured: {all}/{total}");
    assert!(all as f64 / total as f64 > 0.5, "{all}/{total} cells filled");
    let _ = app.update(Action::ToggleColors);
    assert_eq!(filled_share(&app, &draw(&app)).0, filled);
}

#[test]
fn other_shared_passages_are_underlined_in_a_muted_tone_with_their_colour_in_the_gutter() {
    let app = on_first_event();
    let buf = draw(&app);
    let t = app.theme();
    let view = app.view();
    let mut checked = 0;
    for (article, rect) in app.pane_rects() {
        let (gutter, _) = geometry::pane_inner(rect);
        for piece in &view.articles[article].pieces {
            let Some(&event) = piece.events.first() else {
                continue;
            };
            if piece.events.contains(&EventId(0)) || piece.figure {
                continue;
            }
            let Some((x, y)) = cell_of(&app, article, piece.span.start) else {
                continue;
            };
            let cell = &buf[(x, y)];
            assert_eq!(cell.bg, Color::Reset, "not filled: {:?}", piece.span);
            assert!(cell.modifier.contains(Modifier::UNDERLINED), "{:?}", piece.span);
            assert_eq!(cell.underline_color, t.shared.underline_color.expect("muted"));
            assert_eq!(
                cell.modifier.contains(Modifier::ITALIC),
                piece.quote.is_some(),
                "quotes stay in italics: {:?}",
                piece.span
            );
            // The row's gutter mark: the current event's, or an event of the row in its colour.
            let mark = &buf[(gutter.x, y)];
            if mark.symbol() == "▌" {
                let slots: Vec<Color> = (0..palette::DARK_TINTS.len())
                    .map(|s| t.mark(s).fg.expect("mark colour"))
                    .collect();
                assert!(slots.contains(&mark.fg), "{:?}", mark.fg);
                if piece.span.start
                    == app
                        .layout(article)
                        .row_start(app.layout(article).row_of(piece.span.start))
                {
                    assert_eq!(mark.fg, t.mark(view.color(event)).fg.expect("fg"));
                }
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} passages on screen");
}

#[test]
fn the_pointer_on_a_marked_passage_names_its_event_in_the_status_line() {
    let mut app = on_first_event();
    let view = app.view().clone();
    let (article, piece) = app
        .pane_rects()
        .into_iter()
        .flat_map(|(a, _)| view.articles[a].pieces.iter().map(move |p| (a, p)))
        .find(|(a, p)| {
            p.events.len() == 1 && p.events[0] != EventId(0) && cell_of(&app, *a, p.span.start).is_some()
        })
        .expect("another event's passage on screen");
    let event = piece.events[0];
    let label = app.analysis().events[event.index()].label.clone();
    let (column, row) = cell_of(&app, article, piece.span.start).expect("cell");
    let _ = app.update(Action::ToggleSync);
    let message = app.message().map(str::to_string);
    let _ = app.update(Action::HoverAt { column, row });
    assert_eq!(app.hover(), Some(event.index()));
    assert_eq!(
        app.message().map(str::to_string),
        message,
        "hovering keeps the note"
    );
    let _ = app.update(Action::None);
    let _ = app.update(Action::ScrollDown);
    let _ = app.update(Action::ScrollUp);
    let _ = app.update(Action::HoverAt { column, row });
    let line = status(&draw(&app));
    let first_words: String = label.chars().take(20).collect();
    assert!(
        line.contains(&format!("event {}:", event.index() + 1)) && line.contains(&first_words),
        "{line}"
    );
    // Off the text, the status line is back to the current event.
    let _ = app.update(Action::HoverAt { column: 0, row: 0 });
    assert_eq!(app.hover(), None);
    assert!(
        status(&draw(&app)).contains("event 1/"),
        "{}",
        status(&draw(&app))
    );
}

#[test]
fn the_selected_quote_names_its_event() {
    let mut app = on_first_event();
    for _ in 0..40 {
        let _ = app.update(Action::NextQuote);
        let Some(c) = app.panes()[app.focus()].cursor else {
            break;
        };
        let Some(m) = app.view().articles[app.focus()].mark_over(c).copied() else {
            continue;
        };
        let label = &app.analysis().events[m.event.index()].label;
        let message = app.message().unwrap_or_default().to_string();
        let short: String = label.chars().take(20).collect();
        assert!(
            message.contains(&format!("in event {}: ", m.event.index() + 1)) && message.contains(&short),
            "{message}"
        );
        if m.event != EventId(0) {
            let _ = app.update(Action::None);
            let _ = app.update(Action::ScrollDown);
            let line = status(&draw(&app));
            assert!(
                line.contains(&format!("event {}:", m.event.index() + 1)),
                "{line}"
            );
        }
        return;
    }
    panic!("no quote inside a shared event");
}
