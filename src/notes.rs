//! The notes store: a user's notes on events and passages, one versioned JSON file per story in
//! the data folder, saved right after every change.
//!
//! A story is keyed by a hash of its articles' texts (sorted), so renaming or moving the files
//! keeps their notes; a passage note names its article by the hash of that article's text.
//! Every note has an id chosen before its first save (the reader chooses it when the editor
//! opens), and what changed since the last save is one upsert or deletion per id: saving again
//! after a failure writes each note once, and `discard` drops an unsaved change for good.
//! Saving takes the story's lock, waiting a moment at most for another program to let go (then
//! it fails with `Locked` and keeps the changes for the next save), re-reads the file and
//! merges: notes added by another reader open on the same story are kept, deletions and edits on
//! either side win over stale copies, and the file is replaced atomically (a fresh temporary
//! file, fsync, rename, fsync of the folder). A file that cannot be read is moved aside and
//! reported, never overwritten, and every note held here is written in its place; a file written
//! by a newer version is left alone and the store refuses changes.

use crate::model::{Corpus, Note, NoteTarget};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use thiserror::Error;

pub const NOTES_VERSION: u32 = 1;

/// How long a save waits for another program to let go of the story's lock.
const LOCK_WAIT: Duration = Duration::from_millis(1500);
/// How often it looks again meanwhile.
const LOCK_POLL: Duration = Duration::from_millis(50);

#[derive(Debug, Error)]
pub enum NotesError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: locked by another program; nothing was written, try again in a moment")]
    Locked { path: PathBuf },
    #[error("{path}: written by a newer parallax (notes version {found}); notes are read-only")]
    Newer { path: PathBuf, found: u32 },
    #[error("no note {0}")]
    NoSuchNote(String),
    #[error("a note needs some text")]
    EmptyNote,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct NotesFile {
    version: u32,
    story: String,
    notes: Vec<StoredNote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "on", rename_all = "lowercase")]
enum StoredTarget {
    Event {
        label: String,
    },
    Passage {
        article: String,
        start: usize,
        end: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct StoredNote {
    id: String,
    target: StoredTarget,
    text: String,
    /// Milliseconds since the Unix epoch of the last change.
    updated: u64,
}

/// A note with the id used to edit or delete it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEntry {
    pub id: String,
    pub note: Note,
}

/// A change made here and not yet in the file.
#[derive(Debug, Clone)]
enum Change {
    /// The note as it is now: new, or edited.
    Put(StoredNote),
    Delete,
}

/// The notes of one story, bound to its file.
#[derive(Debug)]
pub struct NoteStore {
    path: PathBuf,
    story: String,
    article_keys: Vec<String>,
    /// The notes as the file held them when this store last read or wrote it.
    saved: Vec<StoredNote>,
    /// What changed here since, one change per note id however often the note changed or a
    /// save failed: a failed save leaves them here for the next one.
    pending: BTreeMap<String, Change>,
    /// What saves had to say that no successful save has reported yet.
    unreported: Vec<String>,
    read_only: Option<u32>,
}

/// What opening or saving had to report to the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub messages: Vec<String>,
}

/// A stable key for a text: 64-bit FNV-1a, as 16 hex digits.
pub fn text_key(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The key of a story: the hash of its articles' text keys, sorted.
pub fn story_key(corpus: &Corpus) -> String {
    let mut keys: Vec<String> = corpus.articles.iter().map(|a| text_key(&a.text)).collect();
    keys.sort();
    text_key(&keys.join("\n"))
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// A fresh note id, unique across processes (pid) and across stores in one process (a counter).
pub fn new_note_id() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let serial = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!("{:x}-{:x}-{serial}", now_ms(), std::process::id())
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> NotesError + '_ {
    move |source| NotesError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// How a file on disk was found.
enum OnDisk {
    Missing,
    Good(NotesFile),
    Newer(u32),
    Bad(String),
}

fn read_file(path: &Path) -> Result<OnDisk, NotesError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(OnDisk::Missing),
        Err(e) => return Err(io(path)(e)),
    };
    #[derive(Deserialize)]
    struct VersionOnly {
        version: u32,
    }
    match serde_json::from_slice::<VersionOnly>(&bytes) {
        Ok(v) if v.version > NOTES_VERSION => return Ok(OnDisk::Newer(v.version)),
        Ok(_) => {}
        Err(e) => return Ok(OnDisk::Bad(e.to_string())),
    }
    match serde_json::from_slice::<NotesFile>(&bytes) {
        Ok(f) => Ok(OnDisk::Good(f)),
        Err(e) => Ok(OnDisk::Bad(e.to_string())),
    }
}

/// Moves a file that could not be read out of the way; says where it went.
fn set_aside(path: &Path, why: &str) -> Result<String, NotesError> {
    let stamp = now_ms();
    let mut n = 0;
    // A new name each time (a link fails where the name is taken), so no earlier damaged file
    // kept aside is ever overwritten.
    let aside = loop {
        let suffix = if n == 0 { String::new() } else { format!("-{n}") };
        let aside = path.with_extension(format!("corrupt-{stamp}{suffix}.json"));
        match fs::hard_link(path, &aside) {
            Ok(()) => {
                fs::remove_file(path).map_err(io(path))?;
                break aside;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            // A file system without links: a rename to a name seen free.
            Err(_) if !aside.exists() => {
                fs::rename(path, &aside).map_err(io(path))?;
                break aside;
            }
            Err(e) => return Err(io(path)(e)),
        }
    };
    Ok(format!(
        "{}: could not be read ({why}); kept as {}",
        path.display(),
        aside.display()
    ))
}

/// The notes saved for a story in `dir`, read without changing anything on disk (for
/// command-line exports): none when there is no file, an error when it cannot be used.
pub fn read_saved(dir: &Path, corpus: &Corpus) -> Result<Vec<Note>, NotesError> {
    let path = dir.join(format!("{}.json", story_key(corpus)));
    match read_file(&path)? {
        OnDisk::Missing => Ok(Vec::new()),
        OnDisk::Newer(found) => Err(NotesError::Newer { path, found }),
        OnDisk::Bad(why) => Err(io(&path)(std::io::Error::other(format!(
            "notes file could not be read ({why})"
        )))),
        OnDisk::Good(file) => {
            let mut store = NoteStore::new(path, corpus);
            store.saved = file.notes;
            store.read_only = Some(NOTES_VERSION);
            Ok(store.notes())
        }
    }
}

impl NoteStore {
    fn new(path: PathBuf, corpus: &Corpus) -> NoteStore {
        NoteStore {
            path,
            story: story_key(corpus),
            article_keys: corpus.articles.iter().map(|a| text_key(&a.text)).collect(),
            saved: Vec::new(),
            pending: BTreeMap::new(),
            unreported: Vec::new(),
            read_only: None,
        }
    }

    /// Opens (or starts) the notes of a story in `dir`.
    pub fn open(dir: &Path, corpus: &Corpus) -> Result<(NoteStore, Report), NotesError> {
        fs::create_dir_all(dir).map_err(io(dir))?;
        let path = dir.join(format!("{}.json", story_key(corpus)));
        let mut store = NoteStore::new(path.clone(), corpus);
        let mut report = Report::default();
        match read_file(&path)? {
            OnDisk::Missing => {}
            OnDisk::Good(file) => store.saved = file.notes,
            OnDisk::Newer(version) => {
                store.read_only = Some(version);
                report.messages.push(
                    NotesError::Newer {
                        path: path.clone(),
                        found: version,
                    }
                    .to_string(),
                );
            }
            OnDisk::Bad(why) => {
                let moved = set_aside(&path, &why)?;
                report
                    .messages
                    .push(format!("{moved} and starting with no notes"));
            }
        }
        Ok((store, report))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// How many notes have a change not yet in the file.
    pub fn unsaved(&self) -> usize {
        self.pending.len()
    }

    /// Whether a note has a change not yet in the file.
    pub fn is_unsaved(&self, id: &str) -> bool {
        self.pending.contains_key(id)
    }

    /// The notes held here, unsaved changes included, with passage notes pointing at articles
    /// of the current corpus (notes on articles no longer in the story are left out here but
    /// kept in the file).
    pub fn entries(&self) -> Vec<NoteEntry> {
        self.apply(&self.saved)
            .into_iter()
            .filter_map(|n| {
                let target = match n.target {
                    StoredTarget::Event { label } => NoteTarget::Event { label },
                    StoredTarget::Passage { article, start, end } => NoteTarget::Passage {
                        article: self.article_keys.iter().position(|k| *k == article)?,
                        start,
                        end,
                    },
                };
                Some(NoteEntry {
                    id: n.id,
                    note: Note { target, text: n.text },
                })
            })
            .collect()
    }

    /// The notes alone, for exporters.
    pub fn notes(&self) -> Vec<Note> {
        self.entries().into_iter().map(|e| e.note).collect()
    }

    /// Adds a note under a fresh id and saves; returns the id.
    pub fn add(&mut self, target: NoteTarget, text: &str) -> Result<(String, Report), NotesError> {
        let id = new_note_id();
        let report = self.put(&id, target, text)?;
        Ok((id, report))
    }

    /// Writes the note `id`, new or not, and saves. After a failed save the note is kept and
    /// the next save writes it; putting it again replaces it.
    pub fn put(&mut self, id: &str, target: NoteTarget, text: &str) -> Result<Report, NotesError> {
        self.writable()?;
        check_text(text)?;
        let target = match target {
            NoteTarget::Event { label } => StoredTarget::Event { label },
            NoteTarget::Passage { article, start, end } => StoredTarget::Passage {
                article: self.article_keys.get(article).cloned().unwrap_or_default(),
                start,
                end,
            },
        };
        self.stage(StoredNote {
            id: id.to_string(),
            target,
            text: text.to_string(),
            updated: 0,
        })
    }

    /// Replaces a note's text and saves.
    pub fn edit(&mut self, id: &str, text: &str) -> Result<Report, NotesError> {
        self.writable()?;
        check_text(text)?;
        let mut note = self
            .find(id)
            .ok_or_else(|| NotesError::NoSuchNote(id.to_string()))?;
        note.text = text.to_string();
        self.stage(note)
    }

    /// Deletes a note and saves.
    pub fn delete(&mut self, id: &str) -> Result<Report, NotesError> {
        self.writable()?;
        if self.find(id).is_none() {
            return Err(NotesError::NoSuchNote(id.to_string()));
        }
        self.pending.insert(id.to_string(), Change::Delete);
        self.save()
    }

    /// Drops the unsaved change to a note, if any: the note is again as the file last had it.
    pub fn discard(&mut self, id: &str) {
        self.pending.remove(id);
    }

    /// The note `id` as held here, unsaved changes included.
    fn find(&self, id: &str) -> Option<StoredNote> {
        match self.pending.get(id) {
            Some(Change::Put(note)) => Some(note.clone()),
            Some(Change::Delete) => None,
            None => self.saved.iter().find(|n| n.id == id).cloned(),
        }
    }

    /// Records a new version of a note, later than any before, and saves.
    fn stage(&mut self, mut note: StoredNote) -> Result<Report, NotesError> {
        let after = self.find(&note.id).map_or(0, |n| n.updated + 1);
        note.updated = now_ms().max(after);
        self.pending.insert(note.id.clone(), Change::Put(note));
        self.save()
    }

    fn writable(&self) -> Result<(), NotesError> {
        match self.read_only {
            Some(found) => Err(NotesError::Newer {
                path: self.path.clone(),
                found,
            }),
            None => Ok(()),
        }
    }

    /// Writes the unsaved changes: under the story's lock, merged with the file as it is now
    /// on disk, replacing it atomically. On failure they stay unsaved, for the next save.
    pub fn save(&mut self) -> Result<Report, NotesError> {
        if !self.pending.is_empty() {
            let lock = lock(&self.path.with_extension("lock"))?;
            let notes = self.merged()?;
            let file = NotesFile {
                version: NOTES_VERSION,
                story: self.story.clone(),
                notes,
            };
            let bytes =
                serde_json::to_vec_pretty(&file).map_err(|e| io(&self.path)(std::io::Error::other(e)))?;
            write_atomically(&self.path, &bytes)?;
            drop(lock);
            self.saved = file.notes;
            self.pending.clear();
        }
        Ok(Report {
            messages: std::mem::take(&mut self.unreported),
        })
    }

    /// The notes to write: the file on disk with our changes applied. When the file says
    /// nothing usable (missing, or unreadable and moved aside), every note held here is written.
    fn merged(&mut self) -> Result<Vec<StoredNote>, NotesError> {
        let disk = match read_file(&self.path)? {
            OnDisk::Good(f) => f.notes,
            OnDisk::Missing => self.saved.clone(),
            OnDisk::Newer(found) => {
                self.read_only = Some(found);
                return Err(NotesError::Newer {
                    path: self.path.clone(),
                    found,
                });
            }
            OnDisk::Bad(why) => {
                let moved = set_aside(&self.path, &why)?;
                self.unreported
                    .push(format!("{moved}; every note open here is written in its place"));
                self.saved.clone()
            }
        };
        let known: HashSet<&str> = self
            .saved
            .iter()
            .map(|n| n.id.as_str())
            .chain(self.pending.keys().map(String::as_str))
            .collect();
        let from_elsewhere = disk.iter().filter(|n| !known.contains(n.id.as_str())).count();
        if from_elsewhere > 0 {
            self.unreported.push(format!(
                "{from_elsewhere} note(s) from another parallax window merged"
            ));
        }
        Ok(self.apply(&disk))
    }

    /// `base` with the unsaved changes applied: changed notes in their place, deleted ones left
    /// out, new ones (and ones deleted elsewhere but changed here) after them in the order they
    /// were written.
    fn apply(&self, base: &[StoredNote]) -> Vec<StoredNote> {
        let mut notes: Vec<StoredNote> = base
            .iter()
            .filter_map(|n| match self.pending.get(&n.id) {
                Some(Change::Put(ours)) => Some(ours.clone()),
                Some(Change::Delete) => None,
                None => Some(n.clone()),
            })
            .collect();
        let present: HashSet<&str> = base.iter().map(|n| n.id.as_str()).collect();
        let mut added: Vec<&StoredNote> = self
            .pending
            .values()
            .filter_map(|c| match c {
                Change::Put(n) if !present.contains(n.id.as_str()) => Some(n),
                _ => None,
            })
            .collect();
        added.sort_by(|a, b| a.updated.cmp(&b.updated).then(a.id.cmp(&b.id)));
        notes.extend(added.into_iter().cloned());
        notes
    }
}

fn check_text(text: &str) -> Result<(), NotesError> {
    if text.trim().is_empty() {
        Err(NotesError::EmptyNote)
    } else {
        Ok(())
    }
}

/// Takes the lock file `path`, waiting at most `LOCK_WAIT` for another program to let go. A
/// link planted at its name is never followed (the open fails), so no file elsewhere is created.
fn lock(path: &Path) -> Result<File, NotesError> {
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    let file = options.open(path).map_err(io(path))?;
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => std::thread::sleep(LOCK_POLL),
            Err(TryLockError::WouldBlock) => {
                return Err(NotesError::Locked {
                    path: path.to_path_buf(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io(path)(e)),
        }
    }
}

/// Replaces `path` with `bytes` through `fsutil::write_atomically`: a temporary file created
/// exclusively under an unpredictable name beside it (so nothing planted in the folder is
/// followed or overwritten), synced, renamed over the target, then the folder synced.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), NotesError> {
    crate::fsutil::write_atomically(path, bytes, crate::fsutil::IfExists::Replace).map_err(io(path))
}
