//! Notes and export together, driven through `App::update` with keys as a person types them and
//! every effect carried out as the event loop does (`tui::step`): a note written in the reader is
//! in the file `x` writes, and the one yes/no question context answers each kind of question
//! (replace an existing export file, discard a note's text, delete a note) with the same keys.
//! Every store and every export lives in a temporary folder.
#![cfg(feature = "tui")]

#[path = "support/tui.rs"]
mod support;
use support::*;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use parallax::export::Format;
use parallax::tui::action::Action;
use parallax::tui::app::{App, Confirm, Popup};
use parallax::tui::keymap::{Chord, Context, Keymap};
use parallax::tui::theme::Theme;
use parallax::tui::{Notes, open_notes, step};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};

/// A reader with its notes stored in `notes_dir` and its exports proposed in `export_dir`.
fn start(notes_dir: &Path, export_dir: &Path) -> (App, Notes) {
    let analysis = bundled();
    let (notes, report) = open_notes(Some(notes_dir), &analysis.corpus);
    assert!(report.is_empty(), "{report:?}");
    let mut app = App::new(
        analysis,
        Keymap::default(),
        Theme::dark(),
        Rect::new(0, 0, 160, 45),
    );
    app.set_export_options(parallax::tui::app::ExportOptions {
        folder: export_dir.to_path_buf(),
        ..app.export_options().clone()
    });
    if let Ok(store) = &notes {
        app.set_notes(store.entries());
    }
    (app, notes)
}

fn event(chord: Chord) -> KeyEvent {
    KeyEvent {
        code: chord.code,
        modifiers: chord.mods,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }
}

/// Types key names, carrying out every effect (note changes and exports) as the loop does.
fn keys(app: &mut App, notes: &mut Notes, script: &str) {
    for token in script.split_whitespace() {
        let action = app.key(event(Chord::parse(token).expect("key")));
        assert!(!step(app, notes, action), "{token} quit");
    }
}

/// Types text into whatever field is open.
fn type_text(app: &mut App, notes: &mut Notes, text: &str) {
    for c in text.chars() {
        let action = app.key(event(Chord::new(KeyCode::Char(c), KeyModifiers::NONE)));
        assert!(!step(app, notes, action), "{c} quit");
    }
}

fn status(app: &App) -> String {
    let mut terminal =
        Terminal::new(TestBackend::new(app.area().width, app.area().height)).expect("terminal");
    terminal.draw(|f| f.render_widget(app, f.area())).expect("draw");
    let buf = terminal.backend().buffer();
    (0..buf.area.width)
        .map(|x| buf[(x, buf.area.height - 1)].symbol().to_string())
        .collect()
}

fn written(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

#[test]
fn a_note_written_in_the_reader_is_in_the_exported_file() {
    let store = tempfile::tempdir().expect("temp");
    let out = tempfile::tempdir().expect("temp");
    let (mut app, mut notes) = start(store.path(), out.path());
    keys(&mut app, &mut notes, "n a");
    assert_eq!(app.context(), Context::Note);
    type_text(&mut app, &mut notes, "check the troop count against the wires");
    keys(&mut app, &mut notes, "ctrl-s");
    assert_eq!(app.message(), Some("note saved"));
    assert_eq!(app.notes().len(), 1);

    keys(&mut app, &mut notes, "x");
    assert_eq!(app.context(), Context::Prompt);
    keys(&mut app, &mut notes, "enter");
    assert!(app.export_prompt().is_none(), "written: {:?}", app.message());
    let files = written(out.path(), "html");
    assert_eq!(files.len(), 1, "{files:?}");
    let html = std::fs::read_to_string(&files[0]).expect("html");
    assert!(
        html.contains("check the troop count against the wires"),
        "the note is in the page"
    );
    assert!(html.contains("<section id=\"notes\">"));

    // The same note in a Markdown export, chosen with tab.
    keys(&mut app, &mut notes, "x tab enter");
    let files = written(out.path(), "md");
    assert_eq!(files.len(), 1, "{files:?}");
    let md = std::fs::read_to_string(&files[0]).expect("markdown");
    assert!(md.contains("check the troop count against the wires"), "{md}");
}

#[test]
fn one_confirm_context_answers_every_kind_of_question() {
    let store = tempfile::tempdir().expect("temp");
    let out = tempfile::tempdir().expect("temp");
    let (mut app, mut notes) = start(store.path(), out.path());
    let map = Keymap::default();
    for (key, yes) in [
        ("y", true),
        ("Y", true),
        ("n", false),
        ("N", false),
        ("esc", false),
    ] {
        let action = map.action(Context::Confirm, Chord::parse(key).expect("key"));
        let answer = match action {
            Some(Action::Yes) => Some(true),
            Some(Action::No) => Some(false),
            _ => None,
        };
        assert_eq!(answer, Some(yes), "{key}");
    }

    // Discard a note's text: "N" goes back to the text, "y" drops it.
    keys(&mut app, &mut notes, "n a");
    type_text(&mut app, &mut notes, "half a thought");
    keys(&mut app, &mut notes, "esc");
    assert_eq!(app.confirm().cloned(), Some(Confirm::Discard));
    assert_eq!(app.context(), Context::Confirm);
    assert!(status(&app).contains("discard the text of this note?"));
    keys(&mut app, &mut notes, "N");
    assert_eq!(app.context(), Context::Note);
    assert_eq!(
        app.note_editor().map(|e| e.text()).as_deref(),
        Some("half a thought")
    );
    keys(&mut app, &mut notes, "esc y");
    assert!(app.note_editor().is_none() && app.confirm().is_none());
    assert_eq!(app.message(), Some("note discarded"));

    // A saved note, then an export over an existing file: "n" keeps the file, "Y" replaces it
    // with a page that carries the note.
    keys(&mut app, &mut notes, "a");
    type_text(&mut app, &mut notes, "keep this one");
    keys(&mut app, &mut notes, "ctrl-s");
    let path = PathBuf::from(app.default_export_path(Format::Html));
    assert!(path.starts_with(out.path()), "{}", path.display());
    std::fs::write(&path, "mine").expect("seed");
    keys(&mut app, &mut notes, "x enter");
    assert!(matches!(&app.confirm().cloned(), Some(Confirm::Replace(r)) if r.path == path));
    assert_eq!(app.context(), Context::Confirm);
    assert!(
        status(&app).contains("exists: replace it? y/n"),
        "{}",
        status(&app)
    );
    keys(&mut app, &mut notes, "n");
    assert_eq!(app.context(), Context::Prompt, "back to the path");
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), "mine");
    keys(&mut app, &mut notes, "enter Y");
    assert!(app.export_prompt().is_none() && app.confirm().is_none());
    let html = std::fs::read_to_string(&path).expect("replaced");
    assert!(html.contains("keep this one"));

    // Delete a note: "esc" keeps it, "Y" deletes it.
    keys(&mut app, &mut notes, "N");
    assert_eq!(app.popup(), Some(Popup::Notes));
    keys(&mut app, &mut notes, "d");
    assert!(matches!(app.confirm().cloned(), Some(Confirm::Delete { .. })));
    assert!(
        status(&app).contains("delete the note on event 1"),
        "{}",
        status(&app)
    );
    keys(&mut app, &mut notes, "esc");
    assert_eq!(app.note_entries().len(), 1);
    assert_eq!(app.popup(), Some(Popup::Notes), "still in the list");
    keys(&mut app, &mut notes, "d Y");
    assert!(app.note_entries().is_empty());
    assert_eq!(app.message(), Some("note deleted"));

    // With no question pending, an answer does nothing.
    assert!(!step(&mut app, &mut notes, Action::Yes));
    assert!(app.confirm().is_none() && app.note_entries().is_empty());
}
