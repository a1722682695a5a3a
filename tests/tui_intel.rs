//! The reader's export and quote intelligence, driven by key scripts through `App::update`:
//! exporting the current view (a file written, an existing file only replaced after "y", a
//! write error reported), the filter narrowing what `n` steps through, the discrepancy list
//! going to its event, and the discrepancy style and marker checked cell by cell.
//!
//! Effects are carried out the way the event loop does: `tui::export_view` writes, and its
//! outcome goes back through `update`.

#![cfg(feature = "tui")]

#[path = "support/stories.rs"]
mod stories;

#[path = "support/tui.rs"]
mod support;
use support::*;

use crossterm::event::{KeyEvent, KeyEventKind, KeyEventState};
use parallax::ingest::{RawArticle, build};
use parallax::model::{Confidence, EventKind};
use parallax::tui::action::Effect;
use parallax::tui::app::{App, ExportOptions, Popup};
use parallax::tui::keymap::{Chord, Context, Keymap};
use parallax::tui::theme::Theme;
use parallax::tui::{export_view, geometry};
use parallax::{Analysis, Settings};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use std::sync::OnceLock;

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

fn app_on(analysis: Analysis, width: u16, height: u16) -> App {
    App::new(
        analysis,
        Keymap::default(),
        Theme::dark(),
        Rect::new(0, 0, width, height),
    )
}

/// Types a script of key names, carrying out effects as the event loop does. Text in
/// `{braces}` is typed character by character into whatever field is open.
fn keys(app: &mut App, script: &str) {
    for token in script.split_whitespace() {
        let chords: Vec<Chord> = match token.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
            Some(text) => text
                .chars()
                .map(|c| Chord::parse(&c.to_string()).unwrap_or_else(|e| panic!("{c}: {e}")))
                .collect(),
            None => vec![Chord::parse(token).unwrap_or_else(|e| panic!("{token}: {e}"))],
        };
        for chord in chords {
            let key = KeyEvent {
                code: chord.code,
                modifiers: chord.mods,
                kind: KeyEventKind::Press,
                state: KeyEventState::NONE,
            };
            let mut effect = app.update(app.key(key));
            while let Effect::Export(request) = &effect {
                let done = export_view(app, request);
                effect = app.update(done);
            }
        }
    }
}

/// Clears the export prompt's path field (ctrl-u would be bound elsewhere; backspace is not).
fn clear_field(app: &mut App) {
    let n = app.export_prompt().map_or(0, |p| p.path().chars().count());
    keys(app, &vec!["backspace"; n].join(" "));
}

fn draw(app: &App) -> Buffer {
    let mut terminal =
        Terminal::new(TestBackend::new(app.area().width, app.area().height)).expect("terminal");
    terminal.draw(|f| f.render_widget(app, f.area())).expect("draw");
    terminal.backend().buffer().clone()
}

fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

fn status(app: &App) -> String {
    let buf = draw(app);
    row_text(&buf, buf.area.height - 1)
}

#[test]
fn export_writes_the_focused_view_and_says_where() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app_on(meeting(), 160, 45);
    app.set_export_options(ExportOptions {
        folder: dir.path().to_path_buf(),
        ..ExportOptions::default()
    });
    keys(&mut app, "n x");
    assert_eq!(app.context(), Context::Prompt);
    let proposed = app.export_prompt().expect("prompt").path();
    let expected = dir.path().join("geneva-talks-script.html");
    assert_eq!(proposed, expected.to_string_lossy());
    assert!(status(&app).contains("export"), "{}", status(&app));
    keys(&mut app, "enter");
    assert!(app.export_prompt().is_none(), "the prompt closes once written");
    let html = std::fs::read_to_string(&expected).expect("written");
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "{}",
        &html[..80.min(html.len())]
    );
    assert!(
        html.contains("class=\"focus-note\""),
        "the current event is named"
    );
    assert!(
        html.contains(" cur"),
        "the current event is emphasised in the columns"
    );
    assert!(!html.contains("<script>"), "the title is escaped");
    let said = status(&app);
    assert!(
        said.contains("exported to") && said.contains("geneva-talks-script.html"),
        "{said}"
    );
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    assert_eq!(names, vec!["geneva-talks-script.html".to_string()]);
}

#[test]
fn tab_changes_the_format_and_the_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app_on(meeting(), 160, 45);
    app.set_export_options(ExportOptions {
        folder: dir.path().to_path_buf(),
        ..app.export_options().clone()
    });
    keys(&mut app, "x tab");
    assert!(app.export_prompt().expect("prompt").path().ends_with(".md"));
    keys(&mut app, "tab enter");
    let json = dir.path().join("geneva-talks-script.json");
    let text = std::fs::read_to_string(json).expect("json written");
    assert!(text.contains("\"schema_version\""));
}

#[test]
fn tab_changes_a_typed_extension_too_and_a_failed_path_is_not_proposed_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app_on(meeting(), 160, 45);
    app.set_export_options(ExportOptions {
        folder: dir.path().to_path_buf(),
        ..app.export_options().clone()
    });
    let default = dir.path().join("geneva-talks-script.html");
    keys(&mut app, "x");
    clear_field(&mut app);
    let typed = dir.path().join("story.txt");
    keys(&mut app, &format!("{{{}}} tab", typed.display()));
    let path = app.export_prompt().expect("prompt").path();
    assert_eq!(path, dir.path().join("story.md").to_string_lossy());
    // A path in a folder that is not there fails, and is not what the next export proposes.
    clear_field(&mut app);
    let typo = dir.path().join("no-such-folder").join("story.html");
    keys(&mut app, &format!("{{{}}} enter", typo.display()));
    assert!(status(&app).contains("export failed"), "{}", status(&app));
    keys(&mut app, "x");
    assert_eq!(
        app.export_prompt().expect("prompt").path(),
        default.to_string_lossy()
    );
    // One that was written is.
    clear_field(&mut app);
    let mine = dir.path().join("mine.html");
    keys(&mut app, &format!("{{{}}} enter x", mine.display()));
    assert!(mine.exists());
    assert_eq!(
        app.export_prompt().expect("prompt").path(),
        mine.to_string_lossy()
    );
    keys(&mut app, "tab");
    assert_eq!(
        app.export_prompt().expect("prompt").path(),
        dir.path().join("mine.md").to_string_lossy()
    );
}

#[test]
fn the_json_export_carries_the_current_event_as_html_and_markdown_do() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app_on(meeting(), 160, 45);
    app.set_export_options(ExportOptions {
        folder: dir.path().to_path_buf(),
        ..app.export_options().clone()
    });
    keys(&mut app, "n n x tab tab enter");
    let json = dir.path().join("geneva-talks-script.json");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).expect("json written")).expect("JSON");
    let current = app.current().expect("on an event");
    assert_eq!(doc["current_event"], format!("e{}", current + 1));
    assert_eq!(doc["events"][current]["id"], doc["current_event"]);
}

#[test]
fn an_existing_file_is_replaced_only_after_yes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("view.html");
    std::fs::write(&path, "mine").expect("seed");
    let mut app = app_on(meeting(), 160, 45);
    keys(&mut app, "n x");
    clear_field(&mut app);
    keys(&mut app, &format!("{{{}}} enter", path.display()));
    assert_eq!(app.context(), Context::Confirm, "asks before replacing");
    assert!(
        status(&app).contains("exists: replace it? y/n"),
        "{}",
        status(&app)
    );
    keys(&mut app, "n");
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), "mine");
    assert_eq!(app.context(), Context::Prompt, "back to the path");
    keys(&mut app, "enter y");
    assert!(app.export_prompt().is_none());
    let html = std::fs::read_to_string(&path).expect("replaced");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(status(&app).contains("exported to"));
}

/// Types `path` into the export prompt and submits it, answering "y" should the reader ask to
/// replace what is there.
fn export_to(app: &mut App, path: &std::path::Path) {
    keys(app, "x");
    clear_field(app);
    keys(app, &format!("{{{}}} enter", path.display()));
    if app.context() == Context::Confirm {
        keys(app, "y");
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_written_to_and_never_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("view.html");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let (sent, received) = std::sync::mpsc::channel();
    let reading = fifo.clone();
    std::thread::spawn(move || sent.send(std::fs::read(reading)));
    let mut app = app_on(meeting(), 160, 45);
    export_to(&mut app, &fifo);
    let kind = std::fs::symlink_metadata(&fifo).expect("still there").file_type();
    assert!(kind.is_fifo(), "the FIFO is not replaced by a file");
    let bytes = received
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the export came through the FIFO")
        .expect("read");
    assert!(bytes.starts_with(b"<!DOCTYPE html>"));
    assert!(status(&app).contains("exported to"), "{}", status(&app));
}

#[test]
fn a_folder_is_never_replaced_nor_offered_for_replacing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("view.html");
    std::fs::create_dir(&folder).expect("folder");
    let mut app = app_on(meeting(), 160, 45);
    keys(&mut app, "x");
    clear_field(&mut app);
    keys(&mut app, &format!("{{{}}} enter", folder.display()));
    assert_ne!(app.context(), Context::Confirm, "no offer to replace a folder");
    let message = app.message().unwrap_or_default().to_string();
    assert!(
        message.starts_with("export failed:") && message.contains("is a folder"),
        "{message}"
    );
    assert!(folder.is_dir());
}

#[test]
fn a_write_error_is_reported_without_a_panic() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such-folder").join("view.md");
    let mut app = app_on(meeting(), 100, 30);
    keys(&mut app, "x");
    clear_field(&mut app);
    keys(&mut app, &format!("{{{}}} enter", missing.display()));
    assert!(app.export_prompt().is_none());
    let message = app.message().unwrap_or_default().to_string();
    assert!(
        message.starts_with("export failed:") && message.contains("view.md"),
        "{message}"
    );
    assert!(status(&app).contains("export failed"));
    assert!(!missing.exists());
    // Escape leaves the prompt without writing anything.
    keys(&mut app, "x esc");
    assert!(app.export_prompt().is_none() && app.context() == Context::Normal);
}

/// The events `n` visits from the start, once round.
fn stepped(app: &mut App) -> Vec<usize> {
    let mut seen = Vec::new();
    loop {
        keys(app, "n");
        match app.current() {
            Some(c) if !seen.contains(&c) => seen.push(c),
            _ => {
                // Stepping wraps: in event order, whichever event it began after.
                seen.sort_unstable();
                return seen;
            }
        }
    }
}

#[test]
fn each_filter_changes_what_n_steps_through() {
    let mut app = app_on(bundled(), 160, 45);
    let all = stepped(&mut app);
    assert_eq!(all.len(), app.analysis().events.len());

    // Kind: the first row, once → quotes only.
    keys(&mut app, "f enter esc");
    let quotes = stepped(&mut app);
    assert!(!quotes.is_empty() && quotes.len() < all.len());
    assert!(
        quotes
            .iter()
            .all(|&e| app.analysis().events[e].kind == EventKind::Quote)
    );
    let said = status(&app);
    assert!(
        said.contains(&format!("of {} events", quotes.len())) && said.contains("quotes"),
        "{said}"
    );
    keys(&mut app, "F");
    assert_eq!(stepped(&mut app), all, "F clears the filter");

    // Speaker: the second row → the most frequent speaker.
    keys(&mut app, "f j enter esc");
    let speaker = app.filter().speaker.clone().expect("a speaker");
    let theirs = stepped(&mut app);
    assert!(!theirs.is_empty() && theirs.len() < all.len());
    assert!(
        theirs
            .iter()
            .all(|&e| app.analysis().events[e].speaker.as_ref() == Some(&speaker))
    );
    keys(&mut app, "F");

    // Minimum sources: the third row → at least three.
    keys(&mut app, "f j j enter esc");
    assert_eq!(app.filter().min_sources, 3);
    let wide = stepped(&mut app);
    assert!(wide.len() < all.len());
    assert!(wide.iter().all(|&e| app.analysis().events[e].sources.len() >= 3));
    // The event list shows only those.
    keys(&mut app, "e");
    assert_eq!(app.popup_len(), wide.len());
    keys(&mut app, "esc F");

    // Discrepancies only, on the story with one.
    let mut app = app_on(meeting(), 160, 45);
    keys(&mut app, "f j j j enter esc");
    let differing = stepped(&mut app);
    let expected: Vec<usize> = app
        .analysis()
        .discrepancies
        .iter()
        .map(|d| d.event.index())
        .collect();
    assert_eq!(differing, expected);
    // Strong events only, the fifth row.
    keys(&mut app, "f j j j j enter esc");
    assert!(app.filter().strong_only);
    // The clear row of the popup clears it too.
    keys(&mut app, "f j j j j j enter esc");
    assert!(!app.filter().is_active());
}

#[test]
fn w_hides_weak_events_and_a_weak_event_says_so() {
    let mut app = app_on(bundled(), 160, 45);
    let all = stepped(&mut app);
    let weak: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&e| app.analysis().events[e].confidence == Confidence::Weak)
        .collect();
    assert!(!weak.is_empty() && weak.len() < all.len(), "{weak:?} of {all:?}");
    // On a weak event the status line says so, in the warning colour.
    app.go_to_event(weak[0]);
    let buf = draw(&app);
    let y = buf.area.height - 1;
    let line = row_text(&buf, y);
    let at = line.find("weak (check it)").expect("weak on the status line");
    let x = line[..at].chars().count() as u16;
    assert_eq!(
        buf[(x, y)].fg,
        app.theme().warning.fg.unwrap_or_default(),
        "{line}"
    );
    // `w` hides them from stepping and the event list, and says so; `w` again shows them.
    keys(&mut app, "w");
    let strong = stepped(&mut app);
    assert_eq!(strong.len(), all.len() - weak.len());
    assert!(strong.iter().all(|e| !weak.contains(e)));
    assert!(status(&app).contains("strong only"), "{}", status(&app));
    keys(&mut app, "e");
    assert_eq!(app.popup_len(), strong.len());
    keys(&mut app, "esc w");
    assert_eq!(stepped(&mut app), all);
}

#[test]
fn filter_rows_cycle_forward_and_back_and_wrap_around() {
    let mut app = app_on(bundled(), 80, 24);
    let total = app.analysis().events.len();
    let count = |app: &App, kind: EventKind| app.analysis().events.iter().filter(|e| e.kind == kind).count();
    let row = |app: &App, item: u16| row_text(&draw(app), app.list_area().y + item);

    // Kind: → quotes, ← back to all, ← again wraps round to statements.
    keys(&mut app, "f right");
    assert_eq!(app.filter().kind, Some(EventKind::Quote));
    keys(&mut app, "left");
    assert_eq!(app.filter().kind, None);
    assert!(
        status(&app).contains(&format!("no filter · all {total} events")),
        "{}",
        status(&app)
    );
    keys(&mut app, "left");
    assert_eq!(app.filter().kind, Some(EventKind::Statement));
    let said = status(&app);
    let statements = count(&app, EventKind::Statement);
    assert!(
        said.contains(&format!("filter: statements · {statements} of {total} events")),
        "{said}"
    );
    assert!(row(&app, 0).contains("statements"), "{}", row(&app, 0));
    // h goes back as ← does; l and enter go on, enter wrapping round to all.
    keys(&mut app, "h");
    assert_eq!(app.filter().kind, Some(EventKind::Quote));
    keys(&mut app, "l enter");
    assert_eq!(app.filter().kind, None);

    // Speaker: ← from anyone wraps to the last speaker, → from there back to anyone.
    let speakers = app.speakers();
    keys(&mut app, "j left");
    assert_eq!(app.filter().speaker.as_ref(), speakers.last());
    keys(&mut app, "left");
    assert_eq!(app.filter().speaker.as_ref(), speakers.iter().rev().nth(1));
    keys(&mut app, "right right");
    assert_eq!(app.filter().speaker, None);
    keys(&mut app, "right");
    assert_eq!(app.filter().speaker.as_ref(), speakers.first());
    keys(&mut app, "left");
    assert_eq!(app.filter().speaker, None);

    // Sources: ← from any wraps to all of them, then one fewer; → wraps back to any.
    let n = app.articles();
    keys(&mut app, "j left");
    assert_eq!(app.filter().min_sources, n);
    assert!(
        status(&app).contains(&format!("filter: ≥{n} sources")),
        "{}",
        status(&app)
    );
    assert!(
        row(&app, 2).contains(&format!("{n} of {n} sources")),
        "{}",
        row(&app, 2)
    );
    keys(&mut app, "left");
    assert_eq!(app.filter().min_sources, n - 1);
    keys(&mut app, "right right");
    assert_eq!(app.filter().min_sources, 0);
    keys(&mut app, "right left");
    assert_eq!(app.filter().min_sources, 0, "3 goes back to any");

    // Discrepancies: either way toggles.
    keys(&mut app, "j left");
    assert!(app.filter().discrepancies);
    keys(&mut app, "right");
    assert!(!app.filter().is_active());
    assert!(status(&app).contains("no filter"), "{}", status(&app));

    // The popup says which keys go which way.
    let header = row_text(&draw(&app), app.list_area().y - 1);
    assert!(header.contains('←') && header.contains('→'), "{header}");
}

#[test]
fn the_discrepancy_list_goes_to_its_event() {
    let mut app = app_on(meeting(), 160, 45);
    assert_eq!(app.analysis().discrepancies.len(), 1);
    let target = app.analysis().discrepancies[0].event.index();
    keys(&mut app, "!");
    assert_eq!(app.popup(), Some(Popup::Discrepancies));
    let buf = draw(&app);
    let list = app.list_area();
    let row = row_text(&buf, list.y);
    assert!(
        row.contains("duration") && row.contains("wording") && row.contains("nearly eight hours"),
        "{row}"
    );
    keys(&mut app, "enter");
    assert_eq!(app.popup(), None);
    assert_eq!(app.current(), Some(target));
    let said = status(&app);
    assert!(said.contains("! duration differs (wording)"), "{said}");

    // A story whose sources agree says so instead of opening an empty list.
    let raws = ["It rained.", "It rained."]
        .iter()
        .map(|t| RawArticle {
            text: (*t).into(),
            ..RawArticle::default()
        })
        .collect();
    let mut calm = app_on(
        parallax::analyse(build(None, raws), &Settings::default()),
        100,
        30,
    );
    keys(&mut calm, "!");
    assert_eq!(calm.popup(), None);
    assert!(calm.message().is_some());
}

/// The screen cell showing byte `at` of an article.
fn cell_of(app: &App, article: usize, at: usize) -> Option<(u16, u16)> {
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

#[test]
fn differing_figures_are_drawn_in_the_discrepancy_style() {
    let mut app = app_on(meeting(), 160, 45);
    let d = app.analysis().discrepancies[0].clone();
    keys(&mut app, "!");
    keys(&mut app, "enter");
    let buf = draw(&app);
    let style = app.theme().discrepancy;
    for (article, spans) in &d.spans {
        let span = spans[0];
        let text = app.analysis().corpus.article(*article).slice(span);
        // Every cell of the value, first and last.
        for at in [span.start, span.end - 1] {
            let (x, y) = cell_of(&app, article.index(), at).expect("on screen");
            let cell = &buf[(x, y)];
            assert_eq!(cell.bg, style.bg.expect("bg"), "{text:?} at {at}");
            assert!(cell.modifier.contains(Modifier::UNDERLINED), "{text:?}");
        }
        // The space before the value is not marked.
        if span.start >= 1
            && let Some((x, y)) = cell_of(&app, article.index(), span.start - 1)
        {
            assert_ne!(buf[(x, y)].bg, style.bg.expect("bg"), "{text:?}");
        }
    }
}

#[test]
fn the_event_list_marks_events_with_a_discrepancy() {
    let mut app = app_on(meeting(), 160, 45);
    keys(&mut app, "e");
    let buf = draw(&app);
    let list = app.list_area();
    let shown = app.shown_events();
    for (i, &event) in shown.iter().enumerate() {
        let y = list.y + u16::try_from(i).expect("row");
        let row = row_text(&buf, y);
        // The mark sits right after the event id: "▶   e1!■■■".
        let x = (list.x..list.x + list.width).find(|&x| buf[(x, y)].symbol() == "!");
        if app.is_discrepant(event) {
            let x = x.unwrap_or_else(|| panic!("no mark in {row}"));
            assert_eq!(buf[(x, y)].fg, app.theme().warning.fg.expect("fg"), "{row}");
        } else {
            assert!(x.is_none() || !row.contains(&format!("e{}!", event + 1)), "{row}");
        }
    }
}

#[test]
fn the_matrix_counts_omissions_and_exclusives_and_o_lists_them() {
    let mut app = app_on(meeting(), 160, 45);
    keys(&mut app, "m");
    let buf = draw(&app);
    let list = app.list_area();
    let footer = row_text(&buf, list.y + list.height);
    assert!(footer.contains("left out"), "{footer}");
    let alone = row_text(&buf, list.y + list.height + 1);
    assert!(alone.contains("alone"), "{alone}");
    let coverage = app.coverage();
    assert_eq!(coverage[2].exclusives.len(), 1);
    keys(&mut app, "esc o");
    assert_eq!(app.popup(), Some(Popup::Exclusives));
    // Down to the third source's exclusive, and there.
    let rows = app.exclusive_rows();
    let target = rows
        .iter()
        .position(|r| matches!(r, parallax::tui::app::ExclusiveRow::Item(2, 0)))
        .expect("row");
    while app.selected() < target {
        keys(&mut app, "j");
    }
    keys(&mut app, "enter");
    assert_eq!(app.focus(), 2);
    let span = coverage[2].exclusives[0].span;
    assert_eq!(app.panes()[2].cursor, Some(span));
    assert!(cell_of(&app, 2, span.start).is_some(), "scrolled into view");
}

#[test]
fn the_status_line_says_when_outlets_credit_the_words_to_different_speakers() {
    let texts = [
        "Brussels answered.\n\n\"The U.S. decision prolongs market uncertainty, which is already affecting \
         business decisions,\" the European Union said in a statement.",
        "Europe responded.\n\n\"The U.S. decision prolongs market uncertainty, which is already affecting \
         business decisions,\" the European Commission said.",
        "Officials met.\n\n\"The U.S. decision prolongs market uncertainty, which is already affecting \
         business decisions,\" the European Commission said on Tuesday.",
    ];
    let analysis = parallax::analyse(parallax::ingest::from_texts(&texts), &Settings::default());
    let target = analysis
        .events
        .iter()
        .position(|e| !parallax::speakers::credits::differing_credits(e).is_empty())
        .expect("one event is credited differently");
    let mut app = app_on(analysis, 200, 30);
    for _ in 0..=target {
        keys(&mut app, "n");
    }
    assert_eq!(app.current(), Some(target));
    let said = status(&app);
    assert!(
        said.contains("! credited to European Commission (2) / European Union (1)"),
        "{said}"
    );
}
