//! The reader while a story's pages arrive (`tui::reader`): each new set of articles is shown
//! at once, texts only, and what the reader had done with the articles already shown (how far
//! each pane was read, which one has the focus) stays with those articles, wherever the new
//! ones take their places.
#![cfg(feature = "tui")]

use parallax::config::Config;
use parallax::ingest::{self, RawArticle};
use parallax::tui::action::Action;
use parallax::tui::{Env, Options, reader};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::path::Path;

fn options() -> Options {
    let path = Path::new("parallax.toml");
    let config = Config::parse("", path).expect("config");
    Options::from_config(&config, "", path, &Env::default()).expect("options")
}

/// An article of numbered lines, one paragraph each: "c line 7" is line 7 of "c".
fn article(name: &str) -> RawArticle {
    RawArticle {
        path: format!("http://{name}.example/story"),
        url: Some(format!("http://{name}.example/story")),
        text: (1..=120)
            .map(|i| format!("{name} line {i}"))
            .collect::<Vec<_>>()
            .join("\n\n"),
        ..RawArticle::default()
    }
}

fn corpus(names: &[&str]) -> parallax::Corpus {
    ingest::build(None, names.iter().map(|n| article(n)).collect())
}

fn draw(app: &parallax::tui::app::App) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.area().width, app.area().height)).expect("terminal");
    terminal.draw(|f| f.render_widget(app, f.area())).expect("draw");
    terminal.backend().buffer().clone()
}

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn an_article_that_arrives_takes_its_place_and_the_others_keep_theirs() {
    let options = options();
    let area = Rect::new(0, 0, 160, 45);
    let mut app = reader(None, corpus(&["b", "c"]), &options, area);
    assert!(!app.analysing(), "texts only, and no analysis running yet");
    let _ = app.update(Action::FocusNext);
    let _ = app.update(Action::PageDown);
    let read_to = app.panes()[1].top;
    assert!(read_to > 0, "pane c was scrolled");

    let app = reader(Some(app), corpus(&["a", "b", "c"]), &options, area);
    assert_eq!(app.articles(), 3);
    assert_eq!(app.focus(), 2, "the focus stays on c");
    assert_eq!(app.panes()[2].top, read_to, "c is where it was read to");
    assert_eq!(app.panes()[0].top, 0, "a starts at its top");
    assert_eq!(app.panes()[1].top, 0, "b was not scrolled");
    let buf = draw(&app);
    let titles = row(&buf, 0);
    assert!(
        titles.contains("1 · a.example")
            && titles.contains("2 · b.example")
            && titles.contains("3 · c.example"),
        "{titles}"
    );
    let first_rows = row(&buf, 1);
    assert!(first_rows.contains("a line 1 "), "{first_rows}");
    assert!(first_rows.contains("b line 1 "), "{first_rows}");
    assert!(!first_rows.contains("c line 1 "), "{first_rows}");
    let c_top = app.analysis().corpus.articles[2].text[read_to..]
        .lines()
        .next()
        .expect("a line")
        .to_string();
    assert!(
        first_rows.contains(&c_top),
        "{c_top:?} tops c's pane: {first_rows}"
    );
}
