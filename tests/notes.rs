//! Notes are never lost: they survive a restart, renamed article files, a crash between write and
//! rename, a corrupted file (also one damaged while the store is open), two readers open on the
//! same story, and another program holding the lock; and saving never writes through a link
//! planted in the notes folder.

use parallax::ingest::{RawArticle, build};
use parallax::model::{Corpus, NoteTarget};
use parallax::notes::{NoteStore, NotesError, new_note_id, story_key};
use std::fs::{self, OpenOptions};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn corpus(paths: [&str; 2]) -> Corpus {
    build(
        None,
        paths
            .iter()
            .zip(["First article text.", "Second article text."])
            .map(|(p, t)| RawArticle {
                path: (*p).into(),
                text: t.into(),
                ..RawArticle::default()
            })
            .collect(),
    )
}

fn event(label: &str) -> NoteTarget {
    NoteTarget::Event { label: label.into() }
}

fn texts(store: &NoteStore) -> Vec<String> {
    let mut v: Vec<String> = store.entries().into_iter().map(|e| e.note.text).collect();
    v.sort();
    v
}

#[test]
fn notes_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(["a.txt", "b.txt"]);
    let (mut s, _) = NoteStore::open(dir.path(), &c).unwrap();
    s.add(event("Talks"), "check the\nduration").unwrap();
    s.add(
        NoteTarget::Passage {
            article: 1,
            start: 0,
            end: 6,
        },
        "source?",
    )
    .unwrap();
    drop(s);
    let (s, report) = NoteStore::open(dir.path(), &c).unwrap();
    assert!(report.messages.is_empty());
    assert_eq!(texts(&s), vec!["check the\nduration", "source?"]);
    let passage = s
        .entries()
        .into_iter()
        .find(|e| e.note.text == "source?")
        .unwrap();
    assert_eq!(
        passage.note.target,
        NoteTarget::Passage {
            article: 1,
            start: 0,
            end: 6
        }
    );
}

#[test]
fn renaming_or_reordering_files_keeps_notes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = NoteStore::open(dir.path(), &corpus(["a.txt", "b.txt"])).unwrap();
    s.add(
        NoteTarget::Passage {
            article: 0,
            start: 0,
            end: 5,
        },
        "on the first",
    )
    .unwrap();
    // The same texts under other names and in the other order.
    let renamed = build(
        None,
        vec![
            RawArticle {
                path: "z/second.md".into(),
                text: "Second article text.".into(),
                ..RawArticle::default()
            },
            RawArticle {
                path: "z/first.md".into(),
                text: "First article text.".into(),
                ..RawArticle::default()
            },
        ],
    );
    assert_eq!(story_key(&renamed), story_key(&corpus(["a.txt", "b.txt"])));
    let (s, _) = NoteStore::open(dir.path(), &renamed).unwrap();
    let e = &s.entries()[0];
    assert_eq!(
        e.note.target,
        NoteTarget::Passage {
            article: 1,
            start: 0,
            end: 5
        }
    );
}

#[test]
fn a_crash_between_write_and_rename_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(["a.txt", "b.txt"]);
    let (mut s, _) = NoteStore::open(dir.path(), &c).unwrap();
    s.add(event("Talks"), "kept").unwrap();
    let file = s.path().to_path_buf();
    drop(s);
    // A crash after writing the temporary file but before the rename: half a file lies beside.
    let tmp = dir.path().join(format!(
        ".{}.999.tmp",
        file.file_name().unwrap().to_string_lossy()
    ));
    fs::write(&tmp, "{\"version\": 1, \"story\": \"x\", \"notes\": [").unwrap();
    let (mut s, report) = NoteStore::open(dir.path(), &c).unwrap();
    assert!(report.messages.is_empty());
    assert_eq!(texts(&s), vec!["kept"]);
    s.add(event("Talks"), "more").unwrap();
    assert_eq!(
        texts(&NoteStore::open(dir.path(), &c).unwrap().0),
        vec!["kept", "more"]
    );
}

#[test]
fn a_corrupted_file_is_kept_aside_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(["a.txt", "b.txt"]);
    let file = dir.path().join(format!("{}.json", story_key(&c)));
    fs::write(&file, "{ this is not json").unwrap();
    let (mut s, report) = NoteStore::open(dir.path(), &c).unwrap();
    assert_eq!(report.messages.len(), 1);
    assert!(
        report.messages[0].contains("could not be read"),
        "{:?}",
        report.messages
    );
    let aside: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("corrupt"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read_to_string(aside[0].path()).unwrap(), "{ this is not json");
    s.add(event("Talks"), "fresh").unwrap();
    assert_eq!(texts(&NoteStore::open(dir.path(), &c).unwrap().0), vec!["fresh"]);
}

#[test]
fn a_newer_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(["a.txt", "b.txt"]);
    let file = dir.path().join(format!("{}.json", story_key(&c)));
    let newer = "{\"version\": 9, \"story\": \"s\", \"notes\": [], \"future\": true}";
    fs::write(&file, newer).unwrap();
    let (mut s, report) = NoteStore::open(dir.path(), &c).unwrap();
    assert!(report.messages[0].contains("newer parallax"));
    assert!(s.is_read_only());
    assert!(matches!(
        s.add(event("x"), "y"),
        Err(NotesError::Newer { found: 9, .. })
    ));
    assert_eq!(fs::read_to_string(&file).unwrap(), newer);
}

#[test]
fn two_readers_on_one_story_keep_each_others_notes() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(["a.txt", "b.txt"]);
    let (mut one, _) = NoteStore::open(dir.path(), &c).unwrap();
    let (mut two, _) = NoteStore::open(dir.path(), &c).unwrap();
    let (first, _) = one.add(event("A"), "from one").unwrap();
    let (_, report) = two.add(event("B"), "from two").unwrap();
    assert_eq!(
        report.messages,
        vec!["1 note(s) from another parallax window merged"]
    );
    // One edits its note while two, which has seen it, deletes nothing: the edit survives.
    one.edit(&first, "from one, edited").unwrap();
    two.add(event("C"), "two again").unwrap();
    let (fresh, _) = NoteStore::open(dir.path(), &c).unwrap();
    assert_eq!(texts(&fresh), vec!["from one, edited", "from two", "two again"]);
    // A deletion in one reader is not undone by the other's next save.
    let b_id = fresh
        .entries()
        .into_iter()
        .find(|e| e.note.text == "from two")
        .unwrap()
        .id;
    one.delete(&b_id).unwrap();
    two.add(event("D"), "last").unwrap();
    let (fresh, _) = NoteStore::open(dir.path(), &c).unwrap();
    assert_eq!(texts(&fresh), vec!["from one, edited", "last", "two again"]);
}

#[test]
fn empty_notes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = NoteStore::open(dir.path(), &corpus(["a.txt", "b.txt"])).unwrap();
    assert!(matches!(s.add(event("A"), "  \n"), Err(NotesError::EmptyNote)));
    assert!(!Path::new(s.path()).exists());
}

/// The notes in the file on disk, read by a fresh store.
fn on_disk(dir: &Path, c: &Corpus) -> Vec<String> {
    texts(&NoteStore::open(dir, c).unwrap().0)
}

#[cfg(unix)]
#[test]
fn a_link_planted_at_the_temporary_name_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(["a.txt", "b.txt"]);
    let (mut s, _) = NoteStore::open(dir.path(), &c).unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let name = s.path().file_name().unwrap().to_string_lossy().into_owned();
    let planted = dir.path().join(format!(".{name}.{}.tmp", std::process::id()));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    s.add(event("Talks"), "saved").unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(fs::symlink_metadata(s.path()).unwrap().file_type().is_file());
    assert_eq!(on_disk(dir.path(), &c), vec!["saved"]);
}

#[test]
fn a_file_damaged_while_open_keeps_every_note_and_says_where_it_went() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(["a.txt", "b.txt"]);
    let (mut s, _) = NoteStore::open(dir.path(), &c).unwrap();
    s.add(event("A"), "first").unwrap();
    s.add(event("B"), "second").unwrap();
    fs::write(s.path(), "{ damaged").unwrap();
    let (_, report) = s.add(event("C"), "third").unwrap();
    let all = vec!["first", "second", "third"];
    assert_eq!(texts(&s), all);
    assert_eq!(on_disk(dir.path(), &c), all);
    let aside: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("corrupt"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read_to_string(&aside[0]).unwrap(), "{ damaged");
    let said = report.messages.join(" · ");
    assert!(said.contains(&aside[0].display().to_string()), "{said}");
}

#[test]
fn a_lock_held_elsewhere_answers_promptly_and_keeps_the_notes_pending() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(["a.txt", "b.txt"]);
    let (mut s, _) = NoteStore::open(dir.path(), &c).unwrap();
    s.add(event("A"), "first").unwrap();
    let held = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(s.path().with_extension("lock"))
        .unwrap();
    held.lock().unwrap();
    // The save runs on a thread so that a store waiting for ever fails the test instead of
    // hanging it.
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    std::thread::spawn(move || {
        let result = s.add(event("B"), "second").map(|_| ());
        let _ = tx.send((s, result.map_err(|e| e.to_string())));
    });
    let (mut s, result) = rx
        .recv_timeout(Duration::from_secs(5))
        .expect("a save under another program's lock returns");
    assert!(started.elapsed() < Duration::from_secs(3));
    let why = result.expect_err("nothing is written under another program's lock");
    assert!(why.contains("locked"), "{why}");
    assert_eq!(texts(&s), vec!["first", "second"], "the new note is kept");
    assert_eq!(on_disk(dir.path(), &c), vec!["first"]);
    drop(held);
    s.add(event("C"), "third").unwrap();
    assert_eq!(on_disk(dir.path(), &c), vec!["first", "second", "third"]);
}

/// Makes saves into `dir` fail, whatever the user's permissions: a regular file takes the
/// folder's place until `mend` puts the folder back.
fn break_folder(dir: &Path) {
    fs::remove_dir_all(dir).unwrap();
    fs::write(dir, "not a folder").unwrap();
}

fn mend_folder(dir: &Path) {
    fs::remove_file(dir).unwrap();
    fs::create_dir(dir).unwrap();
}

#[test]
fn putting_a_note_again_after_failed_saves_writes_it_once() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("notes");
    let c = corpus(["a.txt", "b.txt"]);
    let (mut s, _) = NoteStore::open(&dir, &c).unwrap();
    let id = new_note_id();
    break_folder(&dir);
    for _ in 0..3 {
        assert!(s.put(&id, event("A"), "once").is_err());
        assert_eq!(s.unsaved(), 1);
    }
    mend_folder(&dir);
    s.put(&id, event("A"), "once").unwrap();
    assert_eq!(s.unsaved(), 0);
    assert_eq!(on_disk(&dir, &c), vec!["once"]);
}

#[test]
fn a_discarded_change_is_never_written() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("notes");
    let c = corpus(["a.txt", "b.txt"]);
    let (mut s, _) = NoteStore::open(&dir, &c).unwrap();
    let (kept, _) = s.add(event("A"), "kept").unwrap();
    break_folder(&dir);
    let dropped = new_note_id();
    assert!(s.put(&dropped, event("B"), "dropped").is_err());
    assert!(s.edit(&kept, "edit dropped").is_err());
    s.discard(&dropped);
    s.discard(&kept);
    assert_eq!(texts(&s), vec!["kept"]);
    mend_folder(&dir);
    s.add(event("C"), "later").unwrap();
    assert_eq!(on_disk(&dir, &c), vec!["kept", "later"]);
}

#[test]
fn a_link_planted_at_the_lock_file_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(["a.txt", "b.txt"]);
    let (mut s, _) = NoteStore::open(dir.path(), &c).unwrap();
    let elsewhere = dir.path().join("elsewhere");
    let lock = s.path().with_extension("lock");
    let _ = fs::remove_file(&lock);
    std::os::unix::fs::symlink(&elsewhere, &lock).unwrap();
    let result = s.add(event("Talks"), "kept");
    assert!(!elsewhere.exists(), "the link's target was created");
    assert!(result.is_err(), "a save through a planted lock link fails");
    assert_eq!(texts(&s), vec!["kept"], "the note stays pending");
}

#[test]
fn damaged_files_kept_aside_never_overwrite_one_another() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus(["a.txt", "b.txt"]);
    let (mut s, _) = NoteStore::open(dir.path(), &c).unwrap();
    for round in 0..3 {
        fs::write(s.path(), format!("{{ damaged {round}")).unwrap();
        s.add(event(&format!("E{round}")), "note").unwrap();
    }
    let mut aside: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().to_string_lossy().contains("corrupt"))
        .map(|e| fs::read_to_string(e.path()).unwrap())
        .collect();
    aside.sort();
    assert_eq!(aside, vec!["{ damaged 0", "{ damaged 1", "{ damaged 2"]);
}
