//! Ingest, the reading side: files, folders, `story.toml` manifests and standard input →
//! raw articles added to the story's `Budget`. The only part of ingest that does I/O.
//!
//! The one decision to know: every read goes through `fsutil::read_limited`, which stops one
//! byte past the limit whatever the input claims to be, so a growing file or an endless pipe on
//! standard input yields a "too large" error rather than exhausting memory. A named path must be
//! a regular file, checked before it is opened, so a FIFO or a device (`/dev/zero`) is refused
//! at once instead of waited on; a manifest's entries must lie inside its folder unless
//! `ingest.manifest_outside` allows otherwise.

use super::{Budget, Format, Manifest, RawArticle, parse_bytes, toml_message};
use crate::error::{Error, Result};
use crate::fsutil::{self, ReadError};
use crate::settings::IngestSettings;
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

pub(super) fn io_error(path: &Path, e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::NotFound {
        Error::NotFound {
            path: path.to_path_buf(),
        }
    } else {
        Error::Io {
            path: path.to_path_buf(),
            source: e,
        }
    }
}

/// The most bytes one read may take, and the setting that sets it, which a message names.
#[derive(Debug, Clone, Copy)]
enum Limit {
    /// `max_article_bytes`: the input is one article.
    Article(u64),
    /// What is left of `max_story_bytes`: the input may hold many articles.
    Story { left: u64, max: u64 },
}

impl Limit {
    /// For an input that may hold many articles (JSON, standard input): what the story has
    /// left, or one article's limit when that is larger.
    fn many(budget: &Budget) -> Limit {
        let limits = budget.limits();
        let left = budget.remaining_bytes();
        if left > limits.max_article_bytes {
            Limit::Story {
                left,
                max: limits.max_story_bytes,
            }
        } else {
            Limit::Article(limits.max_article_bytes)
        }
    }

    fn bytes(self) -> u64 {
        match self {
            Limit::Article(bytes) | Limit::Story { left: bytes, .. } => bytes,
        }
    }

    /// The error for an input of `size` bytes over this limit.
    fn exceeded(self, path: &Path, size: u64) -> Error {
        let path = path.to_path_buf();
        match self {
            Limit::Article(limit) => Error::TooLarge { path, size, limit },
            Limit::Story { left, max } => Error::StoryTooLarge {
                path,
                size: (max - left).saturating_add(size),
                limit: max,
            },
        }
    }
}

fn read_error(path: &Path, e: ReadError, limit: Limit) -> Error {
    match e {
        ReadError::NotRegular(kind) => Error::NotRegular {
            path: path.to_path_buf(),
            kind,
        },
        ReadError::TooLarge(size) => limit.exceeded(path, size),
        ReadError::Io(e) => io_error(path, e),
    }
}

/// A regular file's bytes, at most `limit` of them. Anything else (a FIFO, a device, a folder)
/// is refused before it is opened, so nothing blocks on it.
fn read_regular(path: &Path, limit: Limit) -> Result<Vec<u8>> {
    fsutil::read_regular(path, limit.bytes()).map_err(|e| read_error(path, e, limit))
}

/// One file → its articles. Text and HTML files are single articles held to
/// `max_article_bytes`; a JSON file may hold many, so it is held to what the story has left.
/// `in_folder`: JSON that holds no articles is skipped (`Ok(empty)`, noted in the budget)
/// instead of refused.
pub(super) fn read_file(path: &Path, budget: &mut Budget, in_folder: bool) -> Result<Vec<RawArticle>> {
    let limits = budget.limits().clone();
    let format = Format::of_path(path);
    let limit = match format {
        Some(Format::Json) => Limit::many(budget),
        // A file without a telling name is most likely one article.
        Some(_) | None => Limit::Article(limits.max_article_bytes),
    };
    kept_in(read_parsed(path, limit, &limits), budget, in_folder)
}

/// The articles of the file at `path`, read within `limit`, its format told by its name.
fn read_parsed(path: &Path, limit: Limit, limits: &IngestSettings) -> Result<Vec<RawArticle>> {
    let format = Format::of_path(path);
    read_regular(path, limit).and_then(|bytes| parse_bytes(path, bytes, format, limits))
}

/// The articles read from a file, where a file of a folder that holds none is passed over and
/// noted in the budget.
fn kept_in(read: Result<Vec<RawArticle>>, budget: &mut Budget, in_folder: bool) -> Result<Vec<RawArticle>> {
    match read {
        Err(why @ Error::NotArticles { .. }) if in_folder => {
            budget.skip(why);
            Ok(Vec::new())
        }
        other => other,
    }
}

/// Files of a folder read and parsed at once, on every core, before they are added in order:
/// enough to keep the cores busy, few enough that a folder stopped early (by an unreadable
/// file or the story's size) is not read far past where it stopped.
const READ_AHEAD: usize = 256;

/// Every article file of a folder, in name order. JSON files that hold no articles (gold
/// annotations, settings) are passed over and noted in the budget.
pub(super) fn read_folder(dir: &Path, budget: &mut Budget) -> Result<()> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| io_error(dir, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| is_article_file(p) && p.is_file())
        .collect();
    files.sort();
    // Fail before reading anything when the single-article files alone are too many.
    let singles = files
        .iter()
        .filter(|f| Format::of_path(f) != Some(Format::Json))
        .count();
    if singles > budget.remaining_articles() {
        return Err(Error::TooManyArticles {
            path: dir.to_path_buf(),
            limit: budget.limits().max_articles,
        });
    }
    // A file that may hold many articles (JSON) is read within what the story has left, so
    // only when its turn comes; a file of one article, within its own limit, is read ahead.
    let max_article_bytes = budget.limits().max_article_bytes;
    let limits = budget.limits().clone();
    let mut found = false;
    for chunk in files.chunks(READ_AHEAD) {
        let ahead: Vec<Option<Result<Vec<RawArticle>>>> = chunk
            .par_iter()
            .map(|file| {
                (Format::of_path(file) != Some(Format::Json))
                    .then(|| read_parsed(file, Limit::Article(max_article_bytes), &limits))
            })
            .collect();
        for (file, read) in chunk.iter().zip(ahead) {
            let raws = match read {
                Some(read) => kept_in(read, budget, true)?,
                None => read_file(file, budget, true)?,
            };
            found |= !raws.is_empty();
            budget.add(file, raws)?;
        }
    }
    if found {
        Ok(())
    } else {
        Err(Error::NoArticles {
            path: dir.to_path_buf(),
        })
    }
}

fn is_article_file(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_none_or(|n| n.starts_with('.'));
    !hidden && Format::of_path(path).is_some()
}

/// Reads a manifest and the articles it lists (its metadata overriding the files' own);
/// returns the story title.
pub(super) fn read_manifest(path: &Path, budget: &mut Budget) -> Result<Option<String>> {
    let bytes = read_regular(path, Limit::Article(budget.limits().max_article_bytes))?;
    let text = super::decode(path, bytes)?;
    let manifest: Manifest = toml::from_str(&text).map_err(|e| Error::Manifest {
        path: path.to_path_buf(),
        message: toml_message(&text, &e),
    })?;
    if manifest.article.is_empty() {
        return Err(Error::Manifest {
            path: path.to_path_buf(),
            message: "lists no [[article]] entries".into(),
        });
    }
    if manifest.article.len() > budget.remaining_articles() {
        return Err(Error::TooManyArticles {
            path: path.to_path_buf(),
            limit: budget.limits().max_articles,
        });
    }
    let base = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let confined_to = if budget.limits().manifest_outside {
        None
    } else {
        Some(fs::canonicalize(base).map_err(|e| io_error(base, e))?)
    };
    for entry in manifest.article {
        let meta = RawArticle {
            source: entry.source,
            title: entry.title,
            url: entry.url,
            date: entry.date,
            ..RawArticle::default()
        };
        let Some(listed) = entry.path else {
            // An entry with a URL and no path is the page at that URL.
            let Some(url) = meta.url.clone() else {
                return Err(Error::Manifest {
                    path: path.to_path_buf(),
                    message: "an [[article]] needs a `path` or a `url`".into(),
                });
            };
            budget.defer(&url, meta)?;
            continue;
        };
        let file = base.join(&listed);
        if let Some(folder) = &confined_to {
            check_inside(path, folder, &file, &listed)?;
        }
        let raws = read_file(&file, budget, false)?
            .into_iter()
            .map(|raw| RawArticle {
                source: meta.source.clone().or(raw.source),
                title: meta.title.clone().or(raw.title),
                url: meta.url.clone().or(raw.url),
                date: meta.date.clone().or(raw.date),
                ..raw
            })
            .collect();
        budget.add(&file, raws)?;
    }
    Ok(manifest.title)
}

/// A list of links, one per line (`-`: standard input); blank lines and lines starting with
/// `#` are passed over, and a line that is no `http(s)` URL is refused with its number. Read
/// up to `max_bytes`.
pub fn read_url_list(path: &Path, max_bytes: u64) -> Result<Vec<String>> {
    let limit = Limit::Article(max_bytes);
    let bytes = if path.as_os_str() == "-" {
        fsutil::read_limited(std::io::stdin().lock(), None, max_bytes)
            .map_err(|e| read_error(path, e, limit))?
    } else {
        read_regular(path, limit)?
    };
    let text = super::decode(path, bytes)?;
    let mut urls = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !super::is_web(line) {
            return Err(Error::NotAUrl {
                path: path.to_path_buf(),
                line: i + 1,
                text: line.to_string(),
            });
        }
        urls.push(line.to_string());
    }
    Ok(urls)
}

/// Refuses a manifest entry whose file, once `..` and every link are resolved, lies outside
/// `folder` (the manifest's folder, resolved the same way).
fn check_inside(manifest: &Path, folder: &Path, file: &Path, listed: &str) -> Result<()> {
    let resolved = fs::canonicalize(file).map_err(|e| io_error(file, e))?;
    if resolved.starts_with(folder) {
        Ok(())
    } else {
        Err(Error::OutsideManifest {
            manifest: manifest.to_path_buf(),
            listed: listed.to_string(),
        })
    }
}

/// Standard input: one plain article, a web page, or JSON / JSON Lines articles, told apart
/// by how the text starts.
pub(super) fn read_stdin(budget: &Budget) -> Result<Vec<RawArticle>> {
    let path = PathBuf::from("-");
    let limit = Limit::many(budget);
    let bytes = fsutil::read_limited(std::io::stdin().lock(), None, limit.bytes())
        .map_err(|e| read_error(&path, e, limit))?;
    parse_bytes(&path, bytes, None, budget.limits())
}
