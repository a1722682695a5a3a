//! The notes store: a user's notes on events and passages, one versioned JSON file per story in
//! the data folder, saved right after every change.
//!
//! A story is keyed by a hash of its articles' texts (sorted), so renaming or moving the files
//! keeps their notes; a passage note names its article by the hash of that article's text.
//! Saving re-reads the file under a lock and merges: notes added by another reader open on the
//! same story are kept, deletions and edits on either side win over stale copies, and the file is
//! replaced atomically (a fresh temporary file, fsync, rename, fsync of the folder). A file that
//! cannot be read is moved aside and reported, never overwritten; a file written by a newer
//! version is left alone and the store refuses changes.

use crate::model::{Corpus, Note, NoteTarget};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};
use thiserror::Error;

pub const NOTES_VERSION: u32 = 1;

#[derive(Debug, Error)]
pub enum NotesError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
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

/// The notes of one story, bound to its file.
#[derive(Debug)]
pub struct NoteStore {
    path: PathBuf,
    story: String,
    article_keys: Vec<String>,
    notes: Vec<StoredNote>,
    /// Ids changed here since the last save.
    dirty: HashSet<String>,
    /// Ids deleted here since the last save.
    deleted: HashSet<String>,
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
            let store = NoteStore {
                path,
                story: file.story,
                article_keys: corpus.articles.iter().map(|a| text_key(&a.text)).collect(),
                notes: file.notes,
                dirty: HashSet::new(),
                deleted: HashSet::new(),
                read_only: Some(NOTES_VERSION),
            };
            Ok(store.notes())
        }
    }
}

impl NoteStore {
    /// Opens (or starts) the notes of a story in `dir`.
    pub fn open(dir: &Path, corpus: &Corpus) -> Result<(NoteStore, Report), NotesError> {
        fs::create_dir_all(dir).map_err(io(dir))?;
        let story = story_key(corpus);
        let path = dir.join(format!("{story}.json"));
        let mut report = Report::default();
        let mut store = NoteStore {
            path: path.clone(),
            story,
            article_keys: corpus.articles.iter().map(|a| text_key(&a.text)).collect(),
            notes: Vec::new(),
            dirty: HashSet::new(),
            deleted: HashSet::new(),
            read_only: None,
        };
        match read_file(&path)? {
            OnDisk::Missing => {}
            OnDisk::Good(file) => store.notes = file.notes,
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
                let aside = path.with_extension(format!("corrupt-{}.json", now_ms()));
                fs::rename(&path, &aside).map_err(io(&path))?;
                report.messages.push(format!(
                    "{}: could not be read ({why}); kept as {} and starting with no notes",
                    path.display(),
                    aside.display()
                ));
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

    /// The notes, with passage notes pointing at articles of the current corpus (notes on
    /// articles no longer in the story are left out here but kept in the file).
    pub fn entries(&self) -> Vec<NoteEntry> {
        self.notes
            .iter()
            .filter_map(|n| {
                let target = match &n.target {
                    StoredTarget::Event { label } => NoteTarget::Event { label: label.clone() },
                    StoredTarget::Passage { article, start, end } => NoteTarget::Passage {
                        article: self.article_keys.iter().position(|k| k == article)?,
                        start: *start,
                        end: *end,
                    },
                };
                Some(NoteEntry {
                    id: n.id.clone(),
                    note: Note {
                        target,
                        text: n.text.clone(),
                    },
                })
            })
            .collect()
    }

    /// The notes alone, for exporters.
    pub fn notes(&self) -> Vec<Note> {
        self.entries().into_iter().map(|e| e.note).collect()
    }

    /// Adds a note and saves; returns its id.
    pub fn add(&mut self, target: NoteTarget, text: &str) -> Result<(String, Report), NotesError> {
        self.writable()?;
        if text.trim().is_empty() {
            return Err(NotesError::EmptyNote);
        }
        let target = match target {
            NoteTarget::Event { label } => StoredTarget::Event { label },
            NoteTarget::Passage { article, start, end } => StoredTarget::Passage {
                article: self.article_keys.get(article).cloned().unwrap_or_default(),
                start,
                end,
            },
        };
        // Unique across processes (pid) and across stores in one process (a global counter).
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let serial = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let id = format!("{:x}-{:x}-{serial}", now_ms(), std::process::id());
        self.notes.push(StoredNote {
            id: id.clone(),
            target,
            text: text.to_string(),
            updated: now_ms(),
        });
        self.dirty.insert(id.clone());
        let report = self.save()?;
        Ok((id, report))
    }

    /// Replaces a note's text and saves.
    pub fn edit(&mut self, id: &str, text: &str) -> Result<Report, NotesError> {
        self.writable()?;
        if text.trim().is_empty() {
            return Err(NotesError::EmptyNote);
        }
        let note = self
            .notes
            .iter_mut()
            .find(|n| n.id == id)
            .ok_or_else(|| NotesError::NoSuchNote(id.to_string()))?;
        note.text = text.to_string();
        note.updated = now_ms().max(note.updated + 1);
        self.dirty.insert(id.to_string());
        self.save()
    }

    /// Deletes a note and saves.
    pub fn delete(&mut self, id: &str) -> Result<Report, NotesError> {
        self.writable()?;
        let before = self.notes.len();
        self.notes.retain(|n| n.id != id);
        if self.notes.len() == before {
            return Err(NotesError::NoSuchNote(id.to_string()));
        }
        self.dirty.remove(id);
        self.deleted.insert(id.to_string());
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

    /// Merges with the file as it is now on disk and replaces it atomically, under a lock.
    fn save(&mut self) -> Result<Report, NotesError> {
        let lock_path = self.path.with_extension("lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io(&lock_path))?;
        lock.lock().map_err(io(&lock_path))?;
        let mut report = Report::default();
        let disk = match read_file(&self.path)? {
            OnDisk::Good(f) => f.notes,
            OnDisk::Missing => Vec::new(),
            OnDisk::Newer(found) => {
                self.read_only = Some(found);
                return Err(NotesError::Newer {
                    path: self.path.clone(),
                    found,
                });
            }
            OnDisk::Bad(why) => {
                let aside = self.path.with_extension(format!("corrupt-{}.json", now_ms()));
                fs::rename(&self.path, &aside).map_err(io(&self.path))?;
                report.messages.push(format!(
                    "{}: could not be read ({why}); kept as {}",
                    self.path.display(),
                    aside.display()
                ));
                Vec::new()
            }
        };
        let merged_in = self.merge(disk);
        if merged_in > 0 {
            report
                .messages
                .push(format!("{merged_in} note(s) from another parallax window merged"));
        }
        let file = NotesFile {
            version: NOTES_VERSION,
            story: self.story.clone(),
            notes: self.notes.clone(),
        };
        let bytes = serde_json::to_vec_pretty(&file).map_err(|e| io(&self.path)(std::io::Error::other(e)))?;
        write_atomically(&self.path, &bytes)?;
        self.dirty.clear();
        self.deleted.clear();
        drop(lock);
        Ok(report)
    }

    /// Folds the notes on disk into ours; returns how many came from elsewhere.
    fn merge(&mut self, disk: Vec<StoredNote>) -> usize {
        let ours: HashMap<String, StoredNote> = self.notes.drain(..).map(|n| (n.id.clone(), n)).collect();
        let mut merged = Vec::new();
        let mut seen = HashSet::new();
        let mut from_elsewhere = 0;
        for d in disk {
            seen.insert(d.id.clone());
            if self.deleted.contains(&d.id) {
                continue;
            }
            match ours.get(&d.id) {
                Some(o) if self.dirty.contains(&o.id) || o.updated >= d.updated => merged.push(o.clone()),
                Some(_) => merged.push(d),
                None => {
                    from_elsewhere += 1;
                    merged.push(d);
                }
            }
        }
        // Ours but not on disk: new here (keep) or deleted elsewhere (drop unless changed here).
        let mut rest: Vec<StoredNote> = ours
            .into_values()
            .filter(|o| !seen.contains(&o.id) && self.dirty.contains(&o.id))
            .collect();
        rest.sort_by(|a, b| a.updated.cmp(&b.updated).then(a.id.cmp(&b.id)));
        merged.extend(rest);
        self.notes = merged;
        from_elsewhere
    }
}

/// Replaces `path` with `bytes`: a new temporary file beside it, created exclusively under an
/// unpredictable name (so nothing planted in the folder is followed or overwritten), synced,
/// renamed over the target, then the folder synced.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), NotesError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "notes".into(), |n| n.to_string_lossy().into_owned());
    let result = (|| -> std::io::Result<()> {
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
        if let Ok(d) = File::open(dir) {
            // Some file systems cannot sync a folder; the rename is done either way.
            let _ = d.sync_all();
        }
        Ok(())
    })();
    result.map_err(io(path))
}
