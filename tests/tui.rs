//! The reader drawn into ratatui's `TestBackend`: whole screens as text snapshots at two sizes,
//! and the styles a text snapshot cannot see (the current event in every pane, the tints of the
//! other events, quotes in italics, "not reported"), checked cell by cell. Also: hostile text
//! never reaches the terminal as a control character, an emoji sequence neither hides the text
//! after it nor draws over a pane border, no size makes the reader panic, and the text popups
//! (variants, help) wrap their long lines at 80 columns instead of cutting them.
#![cfg(feature = "tui")]

#[path = "support/tui.rs"]
mod support;
use support::*;

use parallax::ingest::{RawArticle, build};
use parallax::model::{ArticleId, EventId};
use parallax::palette;
use parallax::tui::action::{Action, BINDABLE};
use parallax::tui::app::App;
use parallax::tui::keymap::{Context, Keymap};
use parallax::tui::theme::Theme;
use parallax::tui::{geometry, ui};
use parallax::{Analysis, Settings};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

fn app_on(analysis: Analysis, width: u16, height: u16) -> App {
    App::new(
        analysis,
        Keymap::default(),
        Theme::dark(),
        Rect::new(0, 0, width, height),
    )
}

fn draw(app: &App) -> Buffer {
    let backend = TestBackend::new(app.area().width, app.area().height);
    let mut terminal = Terminal::new(backend).expect("test terminal");
    terminal.draw(|f| f.render_widget(app, f.area())).expect("draw");
    terminal.backend().buffer().clone()
}

/// The buffer as text, one line per row, wide characters once.
fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            skip = symbol.width().saturating_sub(1);
            out.push_str(symbol);
        }
        out.push('\n');
    }
    out
}

fn stepped(width: u16, height: u16, steps: usize) -> App {
    let mut app = app_on(bundled(), width, height);
    for _ in 0..steps {
        let _ = app.update(Action::NextEvent);
    }
    app
}

#[test]
fn screen_at_100x30_on_the_second_event() {
    let app = stepped(100, 30, 2);
    insta::assert_snapshot!("screen_100x30", text(&draw(&app)));
}

#[test]
fn screen_at_160x45_on_the_first_event() {
    let app = stepped(160, 45, 1);
    insta::assert_snapshot!("screen_160x45", text(&draw(&app)));
}

#[test]
fn current_event_stands_out_in_every_reporting_pane() {
    let app = stepped(200, 60, 1);
    let buf = draw(&app);
    let event = &app.analysis().events[0];
    assert_eq!(app.visible(), 5);
    for m in &event.mentions {
        let a = m.article.index();
        let (x, y) = cell_of(&app, a, m.span.start).expect("mention on screen");
        let cell = &buf[(x, y)];
        assert_eq!(cell.bg, app.theme().current.bg.expect("current bg"), "pane {a}");
        assert!(cell.modifier.contains(Modifier::BOLD), "pane {a}");
        // The left-edge mark of the row.
        let (_, rect) = app.pane_rects()[a];
        let (gutter, _) = geometry::pane_inner(rect);
        assert_eq!(buf[(gutter.x, y)].symbol(), "█", "pane {a}");
    }
}

#[test]
fn other_events_keep_their_palette_tint_when_every_event_is_coloured() {
    let mut app = stepped(200, 60, 1);
    let _ = app.update(Action::ToggleColors);
    let buf = draw(&app);
    let mut checked = 0;
    for (i, event) in app.analysis().events.iter().enumerate().skip(1) {
        for m in &event.mentions {
            // Where mentions of two events overlap, one tint covers the other: check only
            // cells that belong to this event alone.
            let inside_current = app.analysis().events.iter().enumerate().any(|(j, other)| {
                j != i
                    && other.mentions.iter().any(|c| {
                        c.article == m.article && c.span.start <= m.span.start && m.span.start < c.span.end
                    })
            });
            let Some((x, y)) = cell_of(&app, m.article.index(), m.span.start) else {
                continue;
            };
            if inside_current {
                continue;
            }
            let tint = palette::tint(app.view().color(EventId::from_index(i)), true);
            assert_eq!(buf[(x, y)].bg, Color::Rgb(tint.0, tint.1, tint.2));
            checked += 1;
        }
    }
    assert!(checked > 3, "only {checked} mentions on screen");
}

#[test]
fn a_pane_without_the_event_says_not_reported() {
    // The first event that the second article does not report.
    let probe = stepped(200, 60, 0);
    let k = (0..probe.analysis().events.len())
        .find(|&i| !probe.analysis().events[i].reports(ArticleId(1)))
        .expect("some event leaves the second article out");
    let app = stepped(200, 60, k + 1);
    let event = &app.analysis().events[k];
    assert!(!event.reports(ArticleId(1)));
    let buf = draw(&app);
    let screen = text(&buf);
    let title_rows: Vec<&str> = screen.lines().take(1).collect();
    let rects = app.pane_rects();
    let (_, second) = rects[1];
    let title: String = (second.x..second.x + second.width)
        .map(|x| buf[(x, 0)].symbol().to_string())
        .collect();
    assert!(title.contains("not reported"), "{title_rows:?}");
    let at = title.find("not").expect("marker");
    let column = second.x + u16::try_from(title[..at].chars().count()).expect("column");
    assert_eq!(buf[(column, 0)].fg, app.theme().missing.fg.expect("missing fg"));
    for (a, rect) in &rects {
        let title: String = (rect.x..rect.x + rect.width)
            .map(|x| buf[(x, 0)].symbol().to_string())
            .collect();
        assert_eq!(
            title.contains("not reported"),
            !event.reports(ArticleId::from_index(*a)),
            "pane {a}: {title}"
        );
    }
}

#[test]
fn quotes_are_italic_and_statements_are_not() {
    let app = stepped(200, 60, 1);
    let buf = draw(&app);
    let quote = app.view().articles[0]
        .quotes
        .iter()
        .find_map(|q| cell_of(&app, 0, q.start + 1))
        .expect("a quote in view");
    assert!(buf[quote].modifier.contains(Modifier::ITALIC));
    let plain = (0..app.analysis().corpus.articles[0].text.len())
        .filter(|b| {
            !app.view().articles[0]
                .quotes
                .iter()
                .any(|q| q.start <= *b && *b < q.end)
        })
        .find_map(|b| cell_of(&app, 0, b).filter(|c| buf[*c].symbol() != " "))
        .expect("unquoted text in view");
    assert!(!buf[plain].modifier.contains(Modifier::ITALIC));
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let evil = "Title \u{1b}]0;owned\u{7} here\u{202e}";
    let body = "Plain start.\n\u{1b}[2J\u{1b}[H\u{1b}]52;c;aGk=\u{7}clipboard \u{9b}31mred\u{1b}[0m \
                \u{202e}reversed\u{202c} zero\u{200b}width\u{feff} \r\n\u{8}\u{7f}tab\there \
                \u{1b}P+q\u{1b}\\ \u{2066}isolate\u{2069} \u{85}next\u{0}null e\u{301}\u{301}\n"
        .repeat(20);
    let corpus = build(
        None,
        vec![
            RawArticle {
                title: Some(evil.into()),
                source: Some(evil.into()),
                text: body.clone(),
                ..RawArticle::default()
            },
            RawArticle {
                text: body,
                ..RawArticle::default()
            },
        ],
    );
    let analysis = parallax::analyse(corpus, &Settings::default());
    let mut app = app_on(analysis, 100, 30);
    let _ = app.update(Action::NextEvent);
    for steps in 0..3 {
        let buf = draw(&app);
        for cell in buf.content() {
            for c in cell.symbol().chars() {
                let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
                assert!(!c.is_control() && !bidi, "{c:?} after {steps} pages");
            }
        }
        let _ = app.update(Action::PageDown);
    }
    assert!(text(&draw(&app)).contains('␛'));
}

/// Sixteen people joined into one grapheme cluster: four families of four, each joined to the
/// next by a zero width joiner. Terminals draw such a cluster anywhere from 2 to 32 columns.
fn sixteen_people() -> String {
    ["\u{1f469}\u{200d}\u{1f469}\u{200d}\u{1f467}\u{200d}\u{1f466}"; 4].join("\u{200d}")
}

#[test]
fn an_emoji_sequence_loses_no_text_and_leaves_the_pane_borders_alone() {
    let people = sixteen_people();
    let body = format!(
        "The {people} family gathered outside the hall today. \
         A skin tone \u{1f44d}\u{1f3fd}, a heart \u{2764}\u{fe0f} and a flag \u{1f1fa}\u{1f1e6} follow.\n"
    );
    let corpus = build(
        None,
        vec![
            RawArticle {
                title: Some(format!("Title {people} end")),
                text: body.clone(),
                ..RawArticle::default()
            },
            RawArticle {
                text: body,
                ..RawArticle::default()
            },
        ],
    );
    let app = app_on(parallax::analyse(corpus, &Settings::default()), 100, 20);
    let buf = draw(&app);
    let screen = text(&buf);
    for (_, rect) in app.pane_rects() {
        let (_, inner) = geometry::pane_inner(rect);
        let rows: Vec<String> = (inner.y..inner.y + inner.height)
            .map(|y| {
                cells(&buf, y, inner.x, inner.x + inner.width)
                    .trim_end()
                    .to_string()
            })
            .collect();
        let pane = rows.join(" ");
        assert!(pane.contains("family gathered"), "{screen}");
        assert!(pane.contains("follow."), "{screen}");
        for y in rect.y..rect.y + rect.height {
            for x in [rect.x, rect.x + rect.width - 1] {
                let symbol = buf[(x, y)].symbol();
                assert!(
                    "│┃┌┐└┘┏┓┗┛".contains(symbol) && symbol.width() == 1,
                    "({x}, {y}) {symbol:?}\n{screen}"
                );
            }
        }
    }
    // Every cell holds what a terminal draws in one or two columns.
    assert!(buf.content().iter().all(|c| c.symbol().width() <= 2), "{screen}");
}

#[test]
fn any_size_draws_without_panic_and_tiny_ones_say_so() {
    let mut app = stepped(100, 30, 3);
    for width in (0..=210).step_by(7) {
        for height in [0, 1, 5, 9, 10, 11, 24, 61] {
            let _ = app.update(Action::Resize(width, height));
            let buf = draw(&app);
            if width >= 10 && height > 0 && geometry::too_small(app.area()) {
                assert!(text(&buf).contains("too small"), "{width}×{height}");
            }
            for popup in [Action::Variants, Action::EventList, Action::Matrix, Action::Help] {
                let _ = app.update(popup);
                let _ = app.update(Action::SelectPageDown);
                let _ = draw(&app);
                let _ = app.update(Action::Close);
            }
        }
    }
}

/// The cells of row `y` from column `from` up to (not including) `to`, wide characters once.
fn cells(buf: &Buffer, y: u16, from: u16, to: u16) -> String {
    let mut out = String::new();
    let mut x = from;
    while x < to {
        let symbol = buf[(x, y)].symbol();
        out.push_str(symbol);
        x += u16::try_from(symbol.width().max(1)).unwrap_or(1);
    }
    out
}

/// The rows of the open popup's text, as drawn, inside its borders.
fn popup_rows(app: &App, buf: &Buffer) -> Vec<String> {
    let p = geometry::popup(app.area());
    (p.y + 1..p.y + p.height - 1)
        .map(|y| cells(buf, y, p.x + 1, p.x + p.width - 1))
        .collect()
}

#[test]
fn the_variants_popup_wraps_its_long_lines_at_80_columns() {
    // An event whose "instead of" line, laid out on a very wide screen, is longer than the
    // popup is wide at 80 columns.
    let narrow = Rect::new(0, 0, 80, 24);
    let room = usize::from(geometry::popup_list(narrow).width);
    let mut wide = app_on(bundled(), 2000, 24);
    let mut found = None;
    for steps in 1..=wide.analysis().events.len() {
        let _ = wide.update(Action::NextEvent);
        let _ = wide.update(Action::Variants);
        let long = ui::text_popup_lines(&wide)
            .iter()
            .map(ToString::to_string)
            .find(|l| l.trim_start().starts_with("instead of:") && l.width() > room);
        let _ = wide.update(Action::Close);
        if let Some(line) = long {
            found = Some((steps, line));
            break;
        }
    }
    let (steps, line) = found.expect("an event with a long “instead of” line");
    let words: Vec<&str> = line.split_whitespace().collect();

    let mut app = stepped(80, 24, steps);
    let _ = app.update(Action::Variants);
    let width = usize::from(geometry::popup_list(app.area()).width) - 1;
    for l in ui::text_popup_lines(&app).iter() {
        assert!(l.width() <= width, "wider than the popup: {l}");
    }
    // Scroll until that "instead of" line is at the top, or as far as the popup goes.
    let head = &words[..words.len().min(4)];
    let at = |app: &App| {
        popup_rows(app, &draw(app)).iter().position(|r| {
            r.trim_start().starts_with("instead of:")
                && r.split_whitespace().take(head.len()).eq(head.iter().copied())
        })
    };
    while at(&app) != Some(0) {
        let offset = app.popup_offset();
        let _ = app.update(Action::SelectDown);
        if app.popup_offset() == offset {
            break;
        }
    }
    let buf = draw(&app);
    let rows = popup_rows(&app, &buf);
    let first = at(&app).expect("the “instead of” line on screen");
    let cut = rows[first].split_whitespace().count();
    assert!(cut < words.len(), "{}", rows[first]);
    // The words after the cut point follow on the next rows, indented under the text.
    let next = &rows[first + 1];
    assert!(
        next.trim_start().starts_with(words[cut]),
        "after {:?} comes {:?}, not {next:?}",
        rows[first],
        words[cut]
    );
    let indent = rows[first].find("instead of:").expect("label") + "instead of: ".len();
    assert_eq!(next.len() - next.trim_start().len(), indent, "{next:?}");
    // and keep their style: the first one's words in the deletion colours.
    let p = geometry::popup(app.area());
    let cell = &buf[(
        p.x + 1 + u16::try_from(indent).expect("column"),
        p.y + 2 + u16::try_from(first).expect("row"),
    )];
    if words[cut] != "·" {
        assert_eq!(Some(cell.bg), app.theme().diff_delete.bg, "{next:?}");
    }
    let shown: Vec<&str> = rows[first..]
        .iter()
        .take_while(|r| !r.trim().is_empty())
        .flat_map(|r| r.split_whitespace())
        .collect();
    assert_eq!(shown, words);
    // Nothing is drawn over the borders.
    for y in p.y + 1..p.y + p.height - 1 {
        assert_eq!(buf[(p.x, y)].symbol(), "│", "row {y}");
        assert_eq!(buf[(p.x + p.width - 1, y)].symbol(), "│", "row {y}");
    }
    // Scrolling to the end shows the last line.
    for _ in 0..50 {
        let _ = app.update(Action::SelectPageDown);
    }
    let last = ui::text_popup_lines(&app)
        .iter()
        .map(ToString::to_string)
        .rfind(|l| !l.trim().is_empty())
        .expect("a last line");
    let rows = popup_rows(&app, &draw(&app));
    assert!(
        rows.iter().any(|r| r.trim() == last.trim()),
        "{last:?} not in {rows:#?}"
    );
}

/// Every row of the open text popup as drawn, scrolled through from the top one row at a time.
fn transcript(app: &mut App) -> Vec<String> {
    let mut seen = Vec::new();
    loop {
        let rows = popup_rows(app, &draw(app));
        let offset = app.popup_offset();
        let _ = app.update(Action::SelectDown);
        if app.popup_offset() == offset {
            seen.extend(rows);
            return seen;
        }
        seen.extend(rows.into_iter().take(1));
    }
}

#[test]
fn help_lists_the_keymap() {
    let mut app = stepped(120, 40, 0);
    let _ = app.update(Action::Help);
    let lines: Vec<String> = ui::text_popup_lines(&app)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    let all = lines.join("\n");
    assert!(all.contains("next shared event"), "{all}");
    assert!(
        lines
            .iter()
            .any(|l| l.trim_start().starts_with("n ") && l.contains("next shared event"))
    );
    let screen = text(&draw(&app));
    assert!(screen.contains("Keys"));

    // At 80 columns, read on screen: every key of the reading context with its whole help
    // and its name, long rows wrapped rather than cut at the border.
    let mut app = stepped(80, 24, 1);
    let _ = app.update(Action::Help);
    let rows = transcript(&mut app);
    // The "Reading" section: its rows up to the blank one, each key's row with the rows that
    // continue it (indented past the keys column) read as one.
    let start = rows.iter().position(|r| r.trim() == "Reading").expect("Reading") + 1;
    let mut entries: Vec<Vec<String>> = Vec::new();
    for row in rows[start..].iter().take_while(|r| !r.trim().is_empty()) {
        let words = row.split_whitespace().map(str::to_string);
        if row.starts_with(&" ".repeat(10)) {
            entries.last_mut().expect("a row to continue").extend(words);
        } else {
            entries.push(words.collect());
        }
    }
    let map = Keymap::default();
    let bound: Vec<_> = BINDABLE
        .iter()
        .filter(|b| !map.keys(Context::Normal, b.name).is_empty())
        .collect();
    for b in &bound {
        let mut expected: Vec<String> = map
            .keys(Context::Normal, b.name)
            .iter()
            .map(ToString::to_string)
            .collect();
        expected.extend(b.help.split_whitespace().map(str::to_string));
        expected.push(b.name.to_string());
        assert!(
            entries.contains(&expected),
            "no whole row for {}: {expected:?} in {entries:#?}",
            b.name
        );
    }
    assert_eq!(entries.len(), bound.len(), "{entries:#?}");
    for (key, name) in [
        ("!", "discrepancies"),
        ("o", "exclusives"),
        ("f", "filter"),
        ("F", "clear_filter"),
        ("N", "notes"),
        ("x", "export"),
    ] {
        assert!(
            entries
                .iter()
                .any(|e| e.first().map(String::as_str) == Some(key)
                    && e.last().map(String::as_str) == Some(name)),
            "{key} {name} missing from {entries:#?}"
        );
    }
    // The legend above the keys is whole too.
    assert!(rows.iter().take(start).any(|r| r.contains("noted")), "{rows:#?}");
}

#[test]
fn byte_spans_land_on_their_cells_after_wide_combining_and_hidden_characters() {
    let text =
        "東京で会談。\u{1b}[31m e\u{301}te\u{301} \u{202e}\u{200b}zero 日本語 target word here\n".repeat(3);
    let corpus = build(
        None,
        vec![RawArticle {
            text: text.clone(),
            ..RawArticle::default()
        }],
    );
    let analysis = parallax::analyse(corpus, &Settings::default());
    let mut app = app_on(analysis, 60, 12);
    let _ = app.update(Action::Search);
    for c in "target".chars() {
        let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c));
        let action = app.key(key);
        let _ = app.update(action);
    }
    let _ = app.update(Action::SearchSubmit);
    let search = app.search().expect("search");
    assert_eq!(search.hits.len(), 3);
    let buf = draw(&app);
    let mut seen = 0;
    for hit in &search.hits {
        let Some((x, y)) = cell_of(&app, 0, hit.span.start) else {
            continue;
        };
        seen += 1;
        let word: String = (x..x + 6).map(|x| buf[(x, y)].symbol()).collect();
        assert_eq!(word, "target");
        assert!(
            buf[(x, y)].bg == app.theme().search_hit.bg.expect("hit bg")
                || buf[(x, y)].bg == app.theme().search_current.bg.expect("current bg")
        );
        assert_ne!(buf[(x + 6, y)].bg, app.theme().search_hit.bg.expect("hit bg"));
    }
    assert!(seen >= 1);
}

#[test]
fn the_light_theme_uses_the_light_tints() {
    let mut app = App::new(
        bundled(),
        Keymap::default(),
        Theme::light(),
        Rect::new(0, 0, 200, 60),
    );
    let _ = app.update(Action::NextEvent);
    let _ = app.update(Action::ToggleColors);
    let buf = draw(&app);
    let (i, m) = app
        .analysis()
        .events
        .iter()
        .enumerate()
        .skip(1)
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (i, m)))
        .find(|(_, m)| {
            cell_of(&app, m.article.index(), m.span.start).is_some()
                && !app.analysis().events[0]
                    .mentions
                    .iter()
                    .any(|c| c.article == m.article && c.span.overlap(m.span) > 0)
        })
        .expect("another event on screen");
    let cell = cell_of(&app, m.article.index(), m.span.start).expect("cell");
    let tint = palette::tint(app.view().color(EventId::from_index(i)), false);
    assert_eq!(buf[cell].bg, Color::Rgb(tint.0, tint.1, tint.2));
}

#[test]
fn clicking_a_mention_makes_its_event_current() {
    let mut app = stepped(200, 60, 1);
    let (event, m) = app
        .analysis()
        .events
        .iter()
        .enumerate()
        .skip(1)
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (i, m.clone())))
        .find(|(_, m)| {
            cell_of(&app, m.article.index(), m.span.start).is_some()
                && !app.analysis().events[0]
                    .mentions
                    .iter()
                    .any(|c| c.article == m.article && c.span.overlap(m.span) > 0)
        })
        .expect("another event on screen");
    let (column, row) = cell_of(&app, m.article.index(), m.span.start).expect("cell");
    let top = app.top_row(m.article.index());
    let _ = app.update(Action::ClickAt { column, row });
    assert_eq!(app.current(), Some(event));
    assert_eq!(app.focus(), m.article.index());
    assert_eq!(app.top_row(m.article.index()), top, "the clicked pane stays put");
}
