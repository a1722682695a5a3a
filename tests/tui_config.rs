//! The config file in the reader: `[keys]` overrides drive flows and bad entries stop the start
//! at their line and column; `NO_COLOR` leaves no colour in any cell while the current event
//! still stands out; the high-contrast theme and `[ui.colors]` reach the cells, figures the
//! sources disagree on included.

#![cfg(feature = "tui")]

#[path = "support/stories.rs"]
mod stories;

#[path = "support/tui.rs"]
mod support;
use support::*;

use crossterm::event::{KeyEvent, KeyEventKind, KeyEventState};
use parallax::config::Config;
use parallax::tui::app::App;
use parallax::tui::keymap::Chord;
use parallax::tui::{Env, Options, geometry};
use parallax::{Analysis, Settings};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use std::path::Path;
use std::sync::OnceLock;

fn options(text: &str, env: &Env) -> Result<Options, String> {
    let path = Path::new("parallax.toml");
    let config = Config::parse(text, path).map_err(|e| e.to_string())?;
    Options::from_config(&config, text, path, env).map_err(|e| e.to_string())
}

fn app_with(text: &str, env: &Env) -> App {
    let o = options(text, env).expect("options");
    let mut app = App::new(bundled(), o.keymap, o.theme, Rect::new(0, 0, 160, 45));
    app.set_min_pane_width(o.pane_min_width);
    app
}

fn keys(app: &mut App, script: &str) {
    for token in script.split_whitespace() {
        let chord = Chord::parse(token).expect("key");
        let key = KeyEvent {
            code: chord.code,
            modifiers: chord.mods,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        };
        let _ = app.update(app.key(key));
    }
}

fn draw(app: &App) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.area().width, app.area().height)).expect("terminal");
    terminal.draw(|f| f.render_widget(app, f.area())).expect("draw");
    terminal.backend().buffer().clone()
}

/// The cell showing byte `at` of an article.
fn cell_of(app: &App, article: usize, at: usize) -> Option<(u16, u16)> {
    let (_, rect) = app.pane_rects().into_iter().find(|(a, _)| *a == article)?;
    let (_, text) = geometry::pane_inner(rect);
    let layout = app.layout(article);
    let row = layout.row_of(at);
    let top = app.top_row(article);
    let y = text.y + u16::try_from(row.checked_sub(top)?).ok()?;
    let mut x = text.x;
    for g in &layout.glyphs[layout.rows[row].glyphs.clone()] {
        if g.start <= at && at < g.end {
            return Some((x, y));
        }
        x += u16::from(g.width);
    }
    None
}

#[test]
fn remapped_keys_drive_the_reader() {
    let config = "[keys]\nnext_event = \"j\"\nscroll_down = [\"ctrl-e\", \"down\"]\nquit = \"Q\"\n";
    let mut app = app_with(config, &Env::default());
    keys(&mut app, "j j");
    assert_eq!(app.current(), Some(1));
    keys(&mut app, "n");
    assert_eq!(app.current(), Some(1), "n no longer steps");
    // From the top of the article, so that there is room to scroll down.
    let focus = app.focus();
    keys(&mut app, "home");
    let top = app.panes()[focus].top;
    keys(&mut app, "ctrl-e");
    assert_ne!(app.panes()[app.focus()].top, top, "ctrl-e scrolls");
    // The help shows the keys in force.
    keys(&mut app, "?");
    let help = parallax::tui::ui::text_popup_lines(&app);
    let line = help
        .iter()
        .map(ToString::to_string)
        .find(|l| l.contains("next shared event"))
        .expect("help row");
    assert!(line.trim_start().starts_with("j "), "{line}");
}

#[test]
fn a_key_on_two_actions_is_an_error_at_the_override() {
    let err = options(
        "[ui]\nmouse = true\n\n[keys]\nnext_event = \"j\"\n",
        &Env::default(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        "parallax.toml:5:14: key `j` is bound to both `next_event` and `scroll_down` in the normal \
         keys; give one of them other keys"
    );
    // Both sides changed: the later entry is named.
    let err = options("[keys]\nsearch = \"z\"\nhelp = [\"z\"]\n", &Env::default()).unwrap_err();
    assert!(err.starts_with("parallax.toml:3:8: key `z`"), "{err}");
    assert!(err.contains("`search`") && err.contains("`help`"), "{err}");
}

#[test]
fn unknown_actions_and_keys_are_errors_with_line_and_column() {
    let err = options("[keys]\n\nfly = \"f\"\n", &Env::default()).unwrap_err();
    assert!(
        err.starts_with("parallax.toml:3:7: unknown action `fly`"),
        "{err}"
    );
    let err = options("[keys]\nquit = [\"q\", \"hyper-q\"]\n", &Env::default()).unwrap_err();
    assert!(
        err.starts_with("parallax.toml:2:8: unknown modifier \"hyper\""),
        "{err}"
    );
}

#[test]
fn no_color_leaves_no_colour_and_the_current_event_reversed() {
    let env = Env {
        no_color: true,
        ..Env::default()
    };
    let mut app = app_with("[ui]\ntheme = \"light\"\n[ui.colors]\ncurrent = \"red\"\n", &env);
    keys(&mut app, "n ]");
    let buf = draw(&app);
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    let event = &app.analysis().events[0];
    let m = event
        .mentions
        .iter()
        .find(|m| cell_of(&app, m.article.index(), m.span.start).is_some());
    let m = m.expect("a mention on screen");
    let at = cell_of(&app, m.article.index(), m.span.start).expect("cell");
    assert!(buf[at].modifier.contains(Modifier::BOLD | Modifier::REVERSED));
    // Quotes are marked apart: underlined.
    let quote = app.view().articles[0]
        .quotes
        .iter()
        .filter(|q| !event.mentions.iter().any(|m| m.span.overlap(**q) > 0))
        .find_map(|q| cell_of(&app, 0, q.start + 1));
    if let Some(q) = quote {
        assert!(buf[q].modifier.contains(Modifier::UNDERLINED));
        assert!(!buf[q].modifier.contains(Modifier::REVERSED));
    }
}

#[test]
fn high_contrast_cells_and_colour_overrides() {
    let mut app = app_with(
        "[ui]\ntheme = \"high-contrast\"\n[ui.colors]\nevent2 = \"#ff00ff\"\n",
        &Env::default(),
    );
    keys(&mut app, "n");
    let buf = draw(&app);
    let m = &app.analysis().events[0].mentions[0];
    let at = cell_of(&app, m.article.index(), m.span.start).expect("cell");
    assert_eq!((buf[at].fg, buf[at].bg), (Color::Black, Color::LightYellow));
    assert!(buf[at].modifier.contains(Modifier::BOLD));
    // Plain text: white on black, the pane filled.
    let (_, rect) = app.pane_rects()[0];
    let (_, text) = geometry::pane_inner(rect);
    let plain = &buf[(text.x + text.width - 1, text.y + text.height - 1)];
    assert_eq!(plain.bg, Color::Black);
    // Other events are coloured text; the second slot takes the override.
    assert_eq!(app.theme().tint(1).fg, Some(Color::Rgb(0xff, 0, 0xff)));
    assert_eq!(app.theme().tint(9).fg, Some(Color::Rgb(0xff, 0, 0xff)));
    assert_eq!(app.theme().tint(0).fg, Some(Color::LightCyan));
}

fn meeting() -> Analysis {
    static ANALYSIS: OnceLock<Analysis> = OnceLock::new();
    ANALYSIS
        .get_or_init(|| {
            let mut corpus = stories::meeting_corpus();
            corpus.title = Some("Geneva talks: <script>".into());
            parallax::analyse(corpus, &Settings::default())
        })
        .clone()
}

/// A reader on the meeting with the config `text`, drawn on its first discrepancy: the cell of
/// a figure the sources disagree on.
fn figure_cell(text: &str, env: &Env) -> (App, ratatui::buffer::Cell) {
    let o = options(text, env).expect("options");
    let mut app = App::new(meeting(), o.keymap, o.theme, Rect::new(0, 0, 160, 45));
    let d = app
        .analysis()
        .discrepancies
        .first()
        .cloned()
        .expect("a discrepancy in the meeting");
    keys(&mut app, "! enter");
    let buf = draw(&app);
    let at = d
        .spans
        .iter()
        .filter_map(|(article, spans)| Some((article.index(), spans.first()?.start)))
        .find_map(|(article, start)| cell_of(&app, article, start))
        .expect("a figure on screen");
    let cell = buf[at].clone();
    (app, cell)
}

#[test]
fn differing_figures_stand_out_without_colour_in_high_contrast_and_recoloured() {
    let no_color = Env {
        no_color: true,
        ..Env::default()
    };
    let (_, cell) = figure_cell("", &no_color);
    assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    assert!(
        cell.modifier.contains(Modifier::UNDERLINED | Modifier::BOLD),
        "{cell:?}"
    );

    let (_, cell) = figure_cell("[ui]\ntheme = \"high-contrast\"\n", &Env::default());
    assert_eq!(cell.bg, Color::LightRed, "{cell:?}");
    assert!(cell.modifier.contains(Modifier::UNDERLINED | Modifier::BOLD));

    let (app, cell) = figure_cell("[ui.colors]\nwarning = \"#00ff00\"\n", &Env::default());
    assert_eq!(cell.bg, Color::Rgb(0, 0xff, 0), "{cell:?}");
    assert_eq!(app.theme().warning.fg, Some(Color::Rgb(0, 0xff, 0)));
}
