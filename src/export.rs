//! Exporters: one `&Analysis` and the user's notes written to any `impl Write`, in JSON (the
//! versioned contract), Markdown or self-contained HTML. Each format lives in its own file; this
//! module holds what they share: the entry points, mention anchors and which notes belong where.
//! What an article looks like (tinted pieces, quotes, figures) and the word-level variants of an
//! event's mentions come from the view model (`crate::view`), as in the reader.
//!
//! Every exporter renders fully into memory before writing, and treats all article text (and
//! every name, title and url that came with it) as untrusted: escaping is each format's job.

pub mod html;
pub mod json;
pub mod markdown;

use crate::display::safe_line;
use crate::fsutil::{self, IfExists, Kind};
use crate::model::{Analysis, Article, ArticleId, Corpus, Event, EventId, Note, NoteTarget};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Output formats of `parallax align` and the reader's export action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Markdown,
    Html,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "markdown" | "md" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }
}

/// What the current view adds to an export: the event the reader is on, if any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct View {
    /// Emphasised wherever it appears (HTML), named at the top (Markdown), `current_event`
    /// (JSON).
    pub focus: Option<EventId>,
}

/// Writes the analysis and the notes in a format, with no event in focus.
pub fn write(
    analysis: &Analysis,
    notes: &[Note],
    format: Format,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    write_view(analysis, notes, format, View::default(), out)
}

/// Writes the analysis and the notes in a format, as seen from a view (the reader's export).
pub fn write_view(
    analysis: &Analysis,
    notes: &[Note],
    format: Format,
    view: View,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(analysis, notes, view, out),
        Format::Markdown => out.write_all(markdown::render(analysis, notes, view).as_bytes()),
        Format::Html => out.write_all(html::render(analysis, notes, view).as_bytes()),
    }
}

/// Why an export file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file is there and overwriting was not asked for.
    #[error("{}: already exists", shown(.0))]
    Exists(PathBuf),
    #[error("{}: not a file path", shown(.0))]
    NotAFile(PathBuf),
    /// A folder, socket or block device: never replaced, never written to.
    #[error("{}: is {}, not a file; name a file to write", shown(.path), .kind.describe())]
    NotWritable { path: PathBuf, kind: Kind },
    /// A link to a FIFO or device owned by neither root nor the folder's owner.
    #[error(
        "{}: is a link to {}, owned by neither root nor the folder's owner; it is not followed",
        shown(.path),
        .kind.describe()
    )]
    ForeignLink { path: PathBuf, kind: Kind },
    #[error("{}: cannot write: {source}", shown(.path))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn shown(path: &Path) -> String {
    safe_line(&path.display().to_string())
}

/// Writes an export to `path`. A regular file (or a free name) is written atomically
/// (`fsutil::write_atomically`), an existing file replaced only with `overwrite`. A FIFO or a
/// character device (`/dev/null`, `/dev/stdout`, a terminal) is written to in place, with or
/// without `overwrite`, and never replaced, reached through a link only if the link is root's
/// or the folder owner's; a folder, socket or block device is refused.
pub fn write_file(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), WriteError> {
    let io = |source: std::io::Error| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    if path.file_name().is_none() {
        return Err(WriteError::NotAFile(path.to_path_buf()));
    }
    let kind = match std::fs::metadata(path) {
        Ok(meta) => Kind::of(meta.file_type()),
        // A free name, or a link to nothing (which is replaced like a file, never followed).
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Kind::File,
        Err(e) => return Err(io(e)),
    };
    match kind {
        Kind::File => {
            let if_exists = if overwrite {
                IfExists::Replace
            } else {
                IfExists::Fail
            };
            fsutil::write_atomically(path, bytes, if_exists).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    WriteError::Exists(path.to_path_buf())
                } else {
                    io(e)
                }
            })
        }
        Kind::Fifo | Kind::CharDevice => {
            if !fsutil::link_may_be_followed(path).map_err(io)? {
                return Err(WriteError::ForeignLink {
                    path: path.to_path_buf(),
                    kind,
                });
            }
            write_in_place(path, bytes).map_err(io)
        }
        kind => Err(WriteError::NotWritable {
            path: path.to_path_buf(),
            kind,
        }),
    }
}

/// Writes to a FIFO or character device as it is: opened for writing (not created, not
/// truncated), with no temporary file and no rename. Something else found once it is open (the
/// name was swapped meanwhile) is not written.
fn write_in_place(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    match Kind::of(file.metadata()?.file_type()) {
        Kind::Fifo | Kind::CharDevice => {}
        other => {
            return Err(std::io::Error::other(format!(
                "became {} while being opened",
                other.describe()
            )));
        }
    }
    file.write_all(bytes)?;
    file.flush()
}

/// The anchor naming a mention: `e3-a2` for an event's first mention in article 2, `e3-a2-2`
/// for its second.
pub fn mention_anchor(event: EventId, article: ArticleId, nth: usize) -> String {
    if nth == 0 {
        format!("{event}-{article}")
    } else {
        format!("{event}-{article}-{}", nth + 1)
    }
}

/// The notes attached to an event (by its label).
pub fn event_notes<'n>(notes: &'n [Note], event: &Event) -> Vec<&'n Note> {
    notes
        .iter()
        .filter(|n| matches!(&n.target, NoteTarget::Event { label } if *label == event.label))
        .collect()
}

/// The article and passage a passage note points at, when they still exist.
pub fn note_passage<'a>(corpus: &'a Corpus, note: &Note) -> Option<(&'a Article, &'a str)> {
    match note.target {
        NoteTarget::Passage { article, start, end } => {
            let a = corpus.articles.get(article)?;
            Some((a, a.text.get(start..end)?))
        }
        NoteTarget::Event { .. } => None,
    }
}

/// Exclusives an export lists per source; the rest are counted.
pub const EXCLUSIVES_LISTED: usize = 5;

/// What an exclusive says, cut to about `max` characters at a char boundary ("…" when cut).
pub fn excerpt(corpus: &Corpus, exclusive: &crate::coverage::Exclusive, max: usize) -> String {
    let text = corpus
        .articles
        .get(exclusive.article.index())
        .map_or("", |a| a.slice(exclusive.span));
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// The sources that do not report an event.
/// "Kim Jong Un (VOA, AP) / Korean Central News Agency (Reuters)": the speakers the event's
/// outlets credit when they differ, each with its sources, written by `name` and `source` for
/// the format at hand; `None` when the outlets agree.
pub fn credited_to(
    corpus: &Corpus,
    event: &Event,
    name: impl Fn(&str) -> String,
    source: impl Fn(&str) -> String,
) -> Option<String> {
    let credits = crate::speakers::credits::differing_credits(event);
    let who: Vec<String> = credits
        .iter()
        .map(|c| {
            let sources: Vec<String> = c
                .articles
                .iter()
                .filter_map(|a| corpus.articles.get(a.index()))
                .map(|a| source(&a.source))
                .collect();
            format!("{} ({})", name(&c.speaker), sources.join(", "))
        })
        .collect();
    (!who.is_empty()).then(|| who.join(" / "))
}

pub fn left_out<'a>(corpus: &'a Corpus, event: &Event) -> Vec<&'a Article> {
    corpus.articles.iter().filter(|a| !event.reports(a.id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .map(|it| {
                it.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    #[test]
    fn an_existing_file_is_kept_unless_overwriting_and_no_temporary_file_remains() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("view.html");
        write_file(&path, b"first", false).expect("a free name is written");
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"first"[..]));
        let err = write_file(&path, b"second", false).expect_err("the name is taken");
        assert!(matches!(err, WriteError::Exists(_)), "{err}");
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"first"[..]));
        write_file(&path, b"third", true).expect("overwrite replaces");
        assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"third"[..]));
        assert_eq!(names(dir.path()), vec!["view.html".to_string()]);
    }

    /// A link to a device left by another user in a folder they can write to is not followed.
    #[cfg(unix)]
    #[test]
    fn a_foreign_link_to_a_device_is_not_written_through() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("view.html");
        std::os::unix::fs::symlink("/dev/full", &path).expect("link");
        // Handing the link to another user takes root; elsewhere the case cannot be built.
        if std::os::unix::fs::lchown(&path, Some(4321), None).is_err() {
            return;
        }
        let err = write_file(&path, b"export", true).expect_err("not followed");
        assert!(
            matches!(
                err,
                WriteError::ForeignLink {
                    kind: Kind::CharDevice,
                    ..
                }
            ),
            "{err}"
        );
        assert!(std::fs::symlink_metadata(&path).expect("kept").is_symlink());
    }

    /// A link planted where a temporary name was once predictable (`.<name>.tmp<pid>`) is
    /// neither followed nor in the way: the export lands under its own name and the file the
    /// link points to, outside the folder, is never written.
    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_a_guessable_temporary_name_is_never_followed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let outside = tempfile::tempdir().expect("temp dir");
        let victim = outside.path().join("victim.txt");
        std::fs::write(&victim, "victim").expect("victim");
        let path = dir.path().join("view.html");
        let planted = dir.path().join(format!(".view.html.tmp{}", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).expect("plant a link");
        for overwrite in [false, true] {
            write_file(&path, b"export", overwrite).expect("written beside the planted link");
            assert_eq!(std::fs::read(&path).ok().as_deref(), Some(&b"export"[..]));
        }
        assert_eq!(std::fs::read_to_string(&victim).ok().as_deref(), Some("victim"));
        assert_eq!(std::fs::read_link(&planted).ok(), Some(victim.clone()));
        assert_eq!(names(outside.path()), vec!["victim.txt".to_string()]);
        let mut expected = vec![planted.file_name().unwrap().to_string_lossy().into_owned()];
        expected.push("view.html".to_string());
        assert_eq!(names(dir.path()), expected, "no temporary file remains");
    }
}
