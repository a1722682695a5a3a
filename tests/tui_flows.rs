//! Flows through the reader driven by key scripts ("n n ] Enter d"): each token is a key name
//! as in the keymap file, turned into an action by the app's own keymap, so these tests read
//! the way a person types. They assert the state and what is on screen.
#![cfg(feature = "tui")]

#[path = "support/tui.rs"]
mod support;
use support::*;

use crossterm::event::{KeyEvent, KeyEventKind, KeyEventState};
use parallax::model::ArticleId;
use parallax::tui::action::{Action, Effect};
use parallax::tui::app::{App, Popup};
use parallax::tui::keymap::{Chord, Keymap};
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

/// Types a script of space-separated key names.
fn keys(app: &mut App, script: &str) {
    let _ = typed(app, script);
}

/// Types a script and returns the effect of its last key.
fn typed(app: &mut App, script: &str) -> Effect {
    let mut effect = Effect::Continue;
    for token in script.split_whitespace() {
        let chord = Chord::parse(token).unwrap_or_else(|e| panic!("{token}: {e}"));
        let key = KeyEvent {
            code: chord.code,
            modifiers: chord.mods,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        };
        effect = app.update(app.key(key));
    }
    effect
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
fn stepping_aligns_every_mention_at_the_same_height() {
    let mut app = app(200, 60);
    keys(&mut app, "n n");
    assert_eq!(app.current(), Some(1));
    let event = &app.analysis().events[1];
    // Each pane scrolls to its article's first mention of the event.
    let mut firsts: Vec<&parallax::model::Mention> = Vec::new();
    for m in &event.mentions {
        if !firsts.iter().any(|f| f.article == m.article) {
            firsts.push(m);
        }
    }
    let rows: Vec<usize> = firsts
        .iter()
        .map(|m| {
            let a = m.article.index();
            app.layout(a).row_of(m.span.start) - app.top_row(a)
        })
        .collect();
    let third = app.text_height() / 3;
    for (m, r) in firsts.iter().zip(&rows) {
        // Near the top of an article there is no room above; otherwise a third down.
        let row = app.layout(m.article.index()).row_of(m.span.start);
        assert_eq!(*r, row.min(third), "{rows:?}");
    }
    assert!(screen(&app).contains(&format!("event 2/{}", app.analysis().events.len())));
    keys(&mut app, "p p");
    assert_eq!(
        app.current(),
        Some(app.analysis().events.len() - 1),
        "p wraps around"
    );
}

#[test]
fn quote_stepping_then_enter_goes_to_the_next_source() {
    let mut app = app(160, 45);
    keys(&mut app, "n ]");
    let first = app.panes()[0].cursor.expect("a quote selected");
    let said = screen(&app);
    let status = said.lines().last().unwrap_or("");
    assert!(status.contains("quote ") && status.contains("event"), "{status}");
    keys(&mut app, "]");
    let second = app.panes()[0].cursor.expect("a quote selected");
    assert!(second.start > first.start);
    keys(&mut app, "[");
    assert_eq!(app.panes()[0].cursor, Some(first));

    // Enter on the current event: focus moves to the next article that reports it.
    let mut app = self::app(160, 45);
    keys(&mut app, "n n Enter");
    let event = &app.analysis().events[1];
    let reporters: Vec<usize> = event.sources.iter().map(|a| a.index()).collect();
    let after_first = reporters.iter().copied().find(|&a| a > 0).expect("another");
    assert_eq!(app.focus(), after_first);
    keys(&mut app, "Enter");
    assert!(app.focus() > after_first && reporters.contains(&app.focus()));
}

#[test]
fn enter_on_a_selected_quote_follows_its_event() {
    let mut app = app(160, 45);
    // Step through quotes of the first article until one lies in a shared event.
    let mut found = None;
    for _ in 0..40 {
        keys(&mut app, "]");
        let Some(c) = app.panes()[0].cursor else { break };
        if let Some(m) = app.view().articles[0]
            .marks
            .iter()
            .find(|m| m.span.overlap(c) > 0)
        {
            found = Some(m.event.index());
            break;
        }
    }
    let event = found.expect("a quote inside a shared event");
    keys(&mut app, "enter");
    assert_eq!(app.current(), Some(event));
    assert!(app.analysis().events[event].reports(ArticleId::from_index(app.focus())));
    assert_ne!(app.focus(), 0);
}

#[test]
fn focus_paging_and_synchronised_scroll() {
    let mut app = app(100, 30);
    assert_eq!(app.visible(), 2);
    keys(&mut app, "tab tab");
    assert_eq!((app.focus(), app.first()), (2, 1), "focus pages the panes");
    keys(&mut app, "shift-tab h");
    assert_eq!(app.focus(), 0);
    keys(&mut app, ">");
    assert_eq!((app.first(), app.focus()), (2, 2));
    keys(&mut app, "> <");
    assert_eq!(app.first(), 1);
    assert!(screen(&app).contains("panes 2–3/5"));

    let mut app = self::app(100, 30);
    keys(&mut app, "j j");
    assert!(app.top_row(0) == 2 && app.top_row(1) == 0);
    keys(&mut app, "s j");
    assert!(app.sync() && app.top_row(0) == 3 && app.top_row(1) == 1);
    keys(&mut app, "G");
    let max = app.layout(0).rows.len() - app.text_height();
    assert_eq!(app.top_row(0), max);
    keys(&mut app, "g");
    assert_eq!(app.top_row(0), 0);
}

#[test]
fn event_list_and_matrix_choose_an_event() {
    let mut app = app(120, 40);
    keys(&mut app, "e j j j enter");
    assert_eq!((app.popup(), app.current()), (None, Some(3)));
    keys(&mut app, "m");
    assert_eq!(app.popup(), Some(Popup::Matrix));
    let shown = screen(&app);
    assert!(shown.contains("Coverage"), "{shown}");
    keys(&mut app, "k enter");
    assert_eq!(app.current(), Some(2));
    keys(&mut app, "e");
    let shown = screen(&app);
    assert!(shown.contains("■"), "{shown}");
    assert!(shown.contains(&app.analysis().events[0].label));
    keys(&mut app, "esc");
    assert_eq!(app.popup(), None);
}

#[test]
fn variants_show_every_mention_of_the_current_event() {
    let mut app = app(160, 45);
    assert_eq!(typed(&mut app, "d"), Effect::Continue);
    assert_eq!(app.popup(), None, "no current event yet");
    keys(&mut app, "n n ] enter d");
    assert_eq!(app.popup(), Some(Popup::Variants));
    let mut shown = screen(&app);
    assert!(shown.contains("Variants"));
    // An event of many mentions fills more than one page: what the pages show, together.
    for _ in 0..8 {
        keys(&mut app, "pgdn");
        shown.push_str(&screen(&app));
    }
    assert_eq!(app.popup(), Some(Popup::Variants), "paging keeps the popup open");
    let event = &app.analysis().events[app.current().expect("current")];
    for m in &event.mentions {
        let source = &app.analysis().corpus.articles[m.article.index()].source;
        assert!(shown.contains(source.as_str()), "{source} missing:\n{shown}");
    }
    keys(&mut app, "q");
    assert_eq!(app.popup(), None, "q closes a popup");
}

#[test]
fn search_steps_through_hits_and_esc_leaves() {
    let mut app = app(160, 45);
    keys(&mut app, "/ R y a b k o v");
    let hits = app.search().expect("search").hits.len();
    assert!(hits > 5, "{hits}");
    assert!(screen(&app).contains(&format!("{hits} hits")));
    keys(&mut app, "enter n n");
    let search = app.search().expect("search");
    assert_eq!(search.current, Some(2));
    assert!(!search.editing);
    let hit = search.hits[2];
    assert_eq!(app.focus(), hit.article);
    let text = &app.analysis().corpus.articles[hit.article].text[hit.span.range()];
    assert_eq!(text.to_lowercase(), "ryabkov");
    keys(&mut app, "N");
    assert_eq!(app.search().and_then(|s| s.current), Some(1));
    assert!(screen(&app).contains(&format!("hit 2/{hits}")));
    keys(&mut app, "esc");
    assert!(app.search().is_none());
    keys(&mut app, "n");
    assert_eq!(app.current(), Some(0), "n steps events again");
}

#[test]
fn mouse_scrolls_the_pane_under_the_pointer_and_clicks_focus() {
    let mut app = app(100, 30);
    let _ = app.update(Action::ScrollAt {
        column: 70,
        row: 10,
        lines: 3,
    });
    assert_eq!((app.top_row(0), app.top_row(1)), (0, 3));
    let _ = app.update(Action::ClickAt { column: 70, row: 5 });
    assert_eq!(app.focus(), 1);
    keys(&mut app, "e");
    let list = parallax::tui::geometry::popup_list(app.area());
    let _ = app.update(Action::ClickAt {
        column: list.x + 3,
        row: list.y + 4,
    });
    assert_eq!((app.popup(), app.current()), (None, Some(4)));
}

#[test]
fn q_quits_and_the_analysis_arrives_later() {
    let corpus = parallax::ingest::bundled();
    let mut app = App::loading(corpus, Keymap::default(), Theme::dark(), Rect::new(0, 0, 100, 30));
    assert!(screen(&app).contains("analysing 5 articles…"));
    // The status line names the step the analysis thread reported last.
    app.set_stage(parallax::Stage::Aligning);
    assert!(screen(&app).contains("analysing 5 articles · aligning…"));
    keys(&mut app, "n");
    assert_eq!(app.current(), None);
    let _ = app.update(Action::Analysed(Box::new(bundled())));
    assert!(!app.analysing());
    keys(&mut app, "n");
    assert_eq!(app.current(), Some(0));
    assert_eq!(typed(&mut app, "q"), Effect::Quit);
}

#[test]
fn random_actions_at_random_sizes_never_panic() {
    let mut app = app(100, 30);
    // A fixed linear congruential sequence: the same run every time.
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let bindable = parallax::tui::action::BINDABLE;
    for step in 0..1500 {
        let action = match next(10) {
            0 => Action::Resize(next(230) as u16, next(70) as u16),
            1 => Action::ClickAt {
                column: next(230) as u16,
                row: next(70) as u16,
            },
            2 => Action::ScrollAt {
                column: next(230) as u16,
                row: next(70) as u16,
                lines: next(7) as i32 - 3,
            },
            3 => Action::SearchInput(
                KeyEvent::from(crossterm::event::KeyCode::Char(
                    char::from_u32(0x61 + next(26) as u32).unwrap_or('a'),
                ))
                .into(),
            ),
            _ => (bindable[next(bindable.len() as u64) as usize].action)(),
        };
        if matches!(action, Action::Quit) {
            continue;
        }
        let _ = app.update(action);
        if step % 10 == 0 {
            let _ = screen(&app);
        }
    }
}

#[test]
fn a_resize_or_paging_keeps_stepped_mentions_at_their_height() {
    let mut app = app(100, 30);
    keys(&mut app, "n");
    let _ = app.update(Action::Resize(163, 47));
    keys(&mut app, "> <");
    let _ = app.update(Action::Resize(90, 40));
    keys(&mut app, "> tab");
    let event = &app.analysis().events[0];
    let third = app.text_height() / 3;
    for m in &event.mentions {
        let a = m.article.index();
        if !app.pane_rects().iter().any(|(shown, _)| *shown == a) {
            continue;
        }
        let row = app.layout(a).row_of(m.span.start);
        assert_eq!(row - app.top_row(a), row.min(third), "article {a}");
    }
}

#[test]
fn what_each_source_leaves_out_is_worked_out_after_the_analysis_arrives() {
    let corpus = parallax::ingest::bundled();
    let mut app = App::loading(corpus, Keymap::default(), Theme::dark(), Rect::new(0, 0, 120, 30));
    let analysis = bundled();
    let coverage = parallax::coverage::coverage(&analysis);
    let _ = app.update(Action::Analysed(Box::new(analysis)));
    // The events are there at once; the coverage comes from another thread.
    assert!(!app.analysing());
    assert!(app.coverage_pending());
    assert!(screen(&app).contains("working out what each source leaves out…"));
    keys(&mut app, "n");
    assert_eq!(app.current(), Some(0));
    keys(&mut app, "o");
    assert_eq!(app.popup(), None);
    app.set_coverage(coverage.clone());
    assert!(!app.coverage_pending());
    assert!(!screen(&app).contains("working out"));
    keys(&mut app, "o");
    assert_eq!(app.popup(), Some(Popup::Exclusives));
    let items: usize = coverage.iter().map(|c| c.exclusives.len()).sum();
    assert_eq!(app.exclusive_rows().len(), coverage.len() + items);
}
