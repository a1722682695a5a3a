//! Notes in the reader, driven through `App::update` with keys as a person types them: the
//! editor, the save effect and the store's answer, the ✎ marker in the pane, the notes list
//! (edit, delete with a question), a note surviving a restart, text kept when saving fails, and
//! what failed saves, a damaged file and a lock held elsewhere leave in the list and on disk.
//! Every store lives in a temporary folder.
#![cfg(feature = "tui")]

#[path = "support/tui.rs"]
mod support;
use support::*;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use parallax::model::NoteTarget;
use parallax::tui::action::{Effect, NoteChange};
use parallax::tui::app::{App, Popup};
use parallax::tui::keymap::{Chord, Context, Keymap};
use parallax::tui::theme::Theme;
use parallax::tui::{Notes, flush_notes, geometry, open_notes, perform, step};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::fs;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// A reader with the notes stored in `dir`, as the binary starts it.
fn start(dir: &Path) -> (App, Notes) {
    let analysis = bundled();
    let (notes, report) = open_notes(Some(dir), &analysis.corpus);
    assert!(report.is_empty(), "{report:?}");
    let mut app = App::new(
        analysis,
        Keymap::default(),
        Theme::dark(),
        Rect::new(0, 0, 160, 45),
    );
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

/// Types key names, carrying out every effect as the loop does.
fn keys(app: &mut App, notes: &mut Notes, script: &str) {
    for token in script.split_whitespace() {
        let key = event(Chord::parse(token).expect("key"));
        let action = app.key(key);
        assert!(!step(app, notes, action), "{token} quit");
    }
}

/// Types text into whatever field is open.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let key = if c == '\n' {
            event(Chord::new(KeyCode::Enter, KeyModifiers::NONE))
        } else {
            event(Chord::new(KeyCode::Char(c), KeyModifiers::NONE))
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

fn editor_text(app: &App) -> String {
    app.note_editor().expect("editor open").text()
}

#[test]
fn a_note_on_the_current_event_is_saved_marked_and_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temp");
    let (mut app, mut notes) = start(dir.path());
    keys(&mut app, &mut notes, "n a");
    assert_eq!(app.context(), Context::Note);
    type_text(&mut app, "Check the date\nagainst the VOA text");
    let label = app.analysis().events[0].label.clone();
    let id = app.note_editor().expect("editor").id.clone();
    // Saving is an effect for the loop, not a write inside update.
    let save = app.key(event(Chord::parse("ctrl-s").expect("key")));
    let effect = app.update(save);
    let Effect::Note(change) = effect else {
        panic!("expected a note effect, got {effect:?}");
    };
    assert_eq!(
        change,
        NoteChange::Add {
            id: id.clone(),
            target: NoteTarget::Event { label: label.clone() },
            text: "Check the date\nagainst the VOA text".into(),
        }
    );
    assert!(
        app.note_editor().is_some_and(|e| e.saving),
        "open until the store answers"
    );
    let _ = app.update(perform(&mut notes, change));
    assert!(app.note_editor().is_none());
    assert_eq!(app.message(), Some("note saved"));
    assert_eq!(app.note_entries().len(), 1);
    assert_eq!(app.note_entries()[0].id, id, "saved under the editor's id");

    // The ✎ marker right of the first row of the event's mention in the first pane.
    let buf = draw(&app);
    let m = app.analysis().events[0].mentions[0].clone();
    let a = m.article.index();
    let (_, rect) = app.pane_rects().into_iter().find(|(x, _)| *x == a).expect("pane");
    let (_, text) = geometry::pane_inner(rect);
    let row = app.layout(a).row_of(m.span.start) - app.top_row(a);
    let y = text.y + u16::try_from(row).expect("row");
    let cell = &buf[(text.x + text.width, y)];
    assert_eq!(cell.symbol(), "✎");
    assert_eq!(cell.fg, app.theme().note.fg.expect("note colour"));

    // A new reader on the same data folder shows it again.
    drop((app, notes));
    let (app, _notes) = start(dir.path());
    let again = app.notes();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].text, "Check the date\nagainst the VOA text");
    assert_eq!(again[0].target, NoteTarget::Event { label });
    assert!(app.event_noted(0));
}

#[test]
fn a_selected_quote_takes_the_note_and_the_title_says_so() {
    let dir = tempfile::tempdir().expect("temp");
    let (mut app, mut notes) = start(dir.path());
    keys(&mut app, &mut notes, "n ]");
    let cursor = app.panes()[app.focus()].cursor.expect("a selected quote");
    keys(&mut app, &mut notes, "a");
    type_text(&mut app, "who said this first?");
    let target = app.note_editor().expect("editor").target.clone();
    assert_eq!(
        target,
        NoteTarget::Passage {
            article: app.focus(),
            start: cursor.start,
            end: cursor.end
        }
    );
    let screen: String = draw(&app).content().iter().map(|c| c.symbol()).collect();
    let source = &app.analysis().corpus.articles[app.focus()].source;
    assert!(
        screen.contains(&format!("Note on {} {source}: “", app.focus() + 1)),
        "{screen}"
    );
    keys(&mut app, &mut notes, "alt-enter");
    assert!(app.note_editor().is_none());
    assert_eq!(notes.as_ref().expect("store").entries().len(), 1);
}

#[test]
fn the_notes_list_edits_and_deletes_with_a_question() {
    let dir = tempfile::tempdir().expect("temp");
    let (mut app, mut notes) = start(dir.path());
    keys(&mut app, &mut notes, "n a");
    type_text(&mut app, "first");
    keys(&mut app, &mut notes, "ctrl-s n a");
    type_text(&mut app, "second");
    keys(&mut app, &mut notes, "ctrl-s N");
    assert_eq!(app.popup(), Some(Popup::Notes));
    assert_eq!(app.context(), Context::Notes);
    let screen: String = draw(&app).content().iter().map(|c| c.symbol()).collect();
    assert!(
        screen.contains("Notes (2)") && screen.contains("second"),
        "{screen}"
    );

    // Edit the second note: typing goes on at the end of its text.
    keys(&mut app, &mut notes, "j e");
    assert_eq!(editor_text(&app), "second");
    type_text(&mut app, " 2");
    keys(&mut app, &mut notes, "ctrl-s");
    assert!(app.note_editor().is_none());
    assert_eq!(app.popup(), Some(Popup::Notes), "back in the list");
    let stored = |notes: &Notes| -> Vec<String> {
        notes
            .as_ref()
            .expect("store")
            .entries()
            .into_iter()
            .map(|e| e.note.text)
            .collect()
    };
    assert_eq!(stored(&notes), vec!["first", "second 2"]);

    // Delete the first: "n" keeps it, "y" deletes it.
    keys(&mut app, &mut notes, "k d");
    assert_eq!(app.context(), Context::Confirm);
    let status: String = {
        let buf = draw(&app);
        (0..buf.area.width)
            .map(|x| buf[(x, buf.area.height - 1)].symbol().to_string())
            .collect()
    };
    assert!(status.contains("delete the note on event 1"), "{status}");
    keys(&mut app, &mut notes, "n");
    assert_eq!(stored(&notes).len(), 2);
    keys(&mut app, &mut notes, "d y");
    assert_eq!(stored(&notes), vec!["second 2"]);
    assert_eq!(app.message(), Some("note deleted"));
    assert_eq!(app.note_entries().len(), 1);
}

#[test]
fn closing_with_text_asks_and_a_failed_save_keeps_the_text() {
    let dir = tempfile::tempdir().expect("temp");
    let (mut app, _) = start(dir.path());
    let mut broken: Notes = Err("the disk is full".into());
    keys(&mut app, &mut broken, "n a");
    type_text(&mut app, "do not lose me");
    keys(&mut app, &mut broken, "ctrl-s");
    assert_eq!(editor_text(&app), "do not lose me");
    let ed = app.note_editor().expect("editor");
    assert!(!ed.saving && ed.error.as_deref().is_some_and(|e| e.contains("disk is full")));
    assert!(app.message().is_some_and(|m| m.contains("the text is kept")));
    // Esc asks; "n" goes back to the text; "y" drops it.
    keys(&mut app, &mut broken, "esc");
    assert_eq!(app.context(), Context::Confirm);
    keys(&mut app, &mut broken, "n");
    assert_eq!(editor_text(&app), "do not lose me");
    keys(&mut app, &mut broken, "esc y");
    assert!(app.note_editor().is_none());
    // An empty editor closes at once; with nothing current there is nothing to note.
    keys(&mut app, &mut broken, "a esc");
    assert!(app.note_editor().is_none() && app.confirm().is_none());
    let mut fresh = App::new(
        bundled(),
        Keymap::default(),
        Theme::dark(),
        Rect::new(0, 0, 100, 30),
    );
    keys(&mut fresh, &mut broken, "a");
    assert!(fresh.note_editor().is_none());
    assert!(fresh.message().is_some_and(|m| m.contains("step to an event")));
}

/// The whole screen as text.
fn screen(app: &App) -> String {
    draw(app).content().iter().map(|c| c.symbol()).collect()
}

/// The notes in the file on disk, read by a fresh store.
fn on_disk(dir: &Path) -> Vec<String> {
    let (notes, _) = open_notes(Some(dir), &bundled().corpus);
    let mut texts: Vec<String> = notes
        .expect("store")
        .entries()
        .into_iter()
        .map(|e| e.note.text)
        .collect();
    texts.sort();
    texts
}

/// A notes folder that saves cannot use while `broken`: a regular file stands where the folder
/// was, so even a user whom permissions do not stop cannot write there.
struct Folder(std::path::PathBuf);

impl Folder {
    fn new(parent: &Path) -> Folder {
        Folder(parent.join("notes"))
    }
    fn break_it(&self) {
        fs::remove_dir_all(&self.0).expect("remove the folder");
        fs::write(&self.0, "not a folder").expect("a file in its place");
    }
    fn mend(&self) {
        fs::remove_file(&self.0).expect("remove the file");
        fs::create_dir(&self.0).expect("the folder again");
    }
}

#[test]
fn after_the_file_is_damaged_a_save_keeps_every_note_in_the_list() {
    let dir = tempfile::tempdir().expect("temp");
    let (mut app, mut notes) = start(dir.path());
    for text in ["alpha note", "bravo note"] {
        keys(&mut app, &mut notes, "n a");
        type_text(&mut app, text);
        keys(&mut app, &mut notes, "ctrl-s");
    }
    let file = notes.as_ref().expect("store").path().to_path_buf();
    fs::write(&file, "{ damaged").expect("damage");
    keys(&mut app, &mut notes, "n a");
    type_text(&mut app, "charlie note");
    keys(&mut app, &mut notes, "ctrl-s");
    let said = app.message().unwrap_or_default().to_string();
    let aside = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("corrupt"))
        .expect("the damaged file kept aside");
    assert!(said.contains(&aside.display().to_string()), "{said}");
    keys(&mut app, &mut notes, "N");
    let shown = screen(&app);
    assert!(shown.contains("Notes (3)"), "{shown}");
    for text in ["alpha note", "bravo note", "charlie note"] {
        assert!(shown.contains(text), "{text} missing: {shown}");
    }
    assert_eq!(
        on_disk(dir.path()),
        vec!["alpha note", "bravo note", "charlie note"]
    );
}

#[test]
fn saving_again_after_failures_writes_the_note_once() {
    let dir = tempfile::tempdir().expect("temp");
    let folder = Folder::new(dir.path());
    let (mut app, mut notes) = start(&folder.0);
    keys(&mut app, &mut notes, "n a");
    type_text(&mut app, "only once");
    folder.break_it();
    for _ in 0..4 {
        keys(&mut app, &mut notes, "ctrl-s");
        assert_eq!(editor_text(&app), "only once");
        assert!(app.message().is_some_and(|m| m.contains("not saved")));
    }
    folder.mend();
    keys(&mut app, &mut notes, "ctrl-s");
    assert!(app.note_editor().is_none());
    assert_eq!(on_disk(&folder.0), vec!["only once"]);
    assert_eq!(app.notes().len(), 1);
}

#[test]
fn a_note_discarded_after_a_failed_save_stays_discarded() {
    let dir = tempfile::tempdir().expect("temp");
    let folder = Folder::new(dir.path());
    let (mut app, mut notes) = start(&folder.0);
    keys(&mut app, &mut notes, "n a");
    type_text(&mut app, "drop me");
    folder.break_it();
    keys(&mut app, &mut notes, "ctrl-s esc y");
    assert!(app.note_editor().is_none());
    folder.mend();
    keys(&mut app, &mut notes, "a");
    type_text(&mut app, "keep me");
    keys(&mut app, &mut notes, "ctrl-s");
    assert_eq!(on_disk(&folder.0), vec!["keep me"]);
    let listed: Vec<String> = app.notes().into_iter().map(|n| n.text).collect();
    assert_eq!(listed, vec!["keep me"]);
}

#[test]
fn a_lock_held_elsewhere_is_reported_and_the_note_saved_later() {
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().to_path_buf();
    // The reader runs on a thread so that waiting for ever fails the test instead of hanging it.
    let (tx, rx) = mpsc::channel();
    let (held_tx, held_rx) = mpsc::channel::<fs::File>();
    std::thread::spawn(move || {
        let (mut app, mut notes) = start(&path);
        let lock = notes.as_ref().expect("store").path().with_extension("lock");
        let held = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(lock)
            .expect("lock file");
        held.lock().expect("lock");
        keys(&mut app, &mut notes, "n a");
        type_text(&mut app, "wait for it");
        keys(&mut app, &mut notes, "ctrl-s");
        let status = app.message().unwrap_or_default().to_string();
        let kept = app.note_editor().map(|e| e.text());
        let _ = held_tx.send(held);
        keys(&mut app, &mut notes, "ctrl-s");
        let _ = tx.send((status, kept, app.note_editor().is_none()));
    });
    let held = held_rx
        .recv_timeout(Duration::from_secs(5))
        .expect("the reader answers while the lock is held elsewhere");
    drop(held);
    let (status, kept, closed) = rx.recv_timeout(Duration::from_secs(5)).expect("saved once free");
    assert!(status.contains("locked"), "{status}");
    assert_eq!(kept.as_deref(), Some("wait for it"));
    assert!(closed);
    assert_eq!(on_disk(dir.path()), vec!["wait for it"]);
}

#[test]
fn an_edit_dropped_after_a_failed_save_leaves_the_note_as_saved() {
    let dir = tempfile::tempdir().expect("temp");
    let folder = Folder::new(dir.path());
    let (mut app, mut notes) = start(&folder.0);
    keys(&mut app, &mut notes, "n a");
    type_text(&mut app, "as saved");
    keys(&mut app, &mut notes, "ctrl-s N e");
    type_text(&mut app, "not ");
    folder.break_it();
    keys(&mut app, &mut notes, "ctrl-s esc y");
    folder.mend();
    keys(&mut app, &mut notes, "esc a");
    type_text(&mut app, "another");
    keys(&mut app, &mut notes, "ctrl-s");
    assert_eq!(on_disk(&folder.0), vec!["another", "as saved"]);
}

#[test]
fn a_deletion_a_failed_save_kept_is_written_as_the_reader_closes() {
    let dir = tempfile::tempdir().expect("temp");
    let folder = Folder::new(dir.path());
    let (mut app, mut notes) = start(&folder.0);
    keys(&mut app, &mut notes, "n a");
    type_text(&mut app, "gone soon");
    keys(&mut app, &mut notes, "ctrl-s N");
    folder.break_it();
    keys(&mut app, &mut notes, "d y");
    let said = app.message().unwrap_or_default().to_string();
    assert!(said.contains("not updated yet"), "{said}");
    assert!(screen(&app).contains("Notes (0)"));
    assert!(flush_notes(&mut notes).is_some_and(|why| why.contains("1 note change(s) could not be saved")));
    folder.mend();
    assert_eq!(flush_notes(&mut notes), None);
    assert_eq!(on_disk(&folder.0), Vec::<String>::new());
}
