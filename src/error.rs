//! Errors of the analysis core. Each names the file it concerns; the binary maps them to a
//! one-line message and exit code 1.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("{path}: no such file or folder")]
    NotFound { path: PathBuf },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not valid UTF-8 at byte {offset}")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: looks like binary data (NUL byte at {offset}), not an article")]
    Binary { path: PathBuf, offset: usize },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: no articles in this folder (looked for .txt, .md, .markdown, story.toml)")]
    NoArticles { path: PathBuf },
    #[error("{path}: {size} bytes is over the limit of {limit} bytes per article (ingest.max_article_bytes)")]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("{path}: the story is {size} bytes, over the limit of {limit} bytes (ingest.max_story_bytes)")]
    StoryTooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("{path}: {message}")]
    Manifest { path: PathBuf, message: String },
    #[error("no articles given")]
    NothingGiven,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
