//! Errors of the analysis core. Each names the file it concerns (and where in it, when the
//! trouble has a place); the binary maps them to a one-line message and exit code 1.
//!
//! Paths are shown through `display::safe_line`: a file name is input too, and one holding
//! escape sequences or line breaks must not act on the terminal or split the message.

use crate::display::safe_line;
use crate::fsutil::Kind;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// A path as it may be printed: control characters made visible, on one line.
fn shown(path: &Path) -> String {
    safe_line(&path.display().to_string())
}

#[derive(Debug, Error)]
pub enum Error {
    #[error("{}: no such file or folder", shown(.path))]
    NotFound { path: PathBuf },
    #[error("{}: cannot read: {source}", shown(.path))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{}: is {}, not a file; only regular files are read (`-` reads standard input)",
        shown(.path),
        .kind.describe()
    )]
    NotRegular { path: PathBuf, kind: Kind },
    #[error(
        "{}: the article path `{}` lies outside the manifest's folder; set ingest.manifest_outside = true to allow it",
        shown(.manifest),
        safe_line(.listed)
    )]
    OutsideManifest { manifest: PathBuf, listed: String },
    #[error("{}: not valid UTF-8 at byte {offset}", shown(.path))]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error(
        "{}: not valid UTF-8 at byte {offset}; if the file is in a legacy encoding, name it with ingest.fallback_encoding (for instance --set ingest.fallback_encoding=windows-1252)",
        shown(.path)
    )]
    NotUtf8NoEncoding { path: PathBuf, offset: usize },
    #[error("{}: not valid {encoding} at byte {offset}", shown(.path))]
    NotInEncoding {
        path: PathBuf,
        encoding: &'static str,
        offset: usize,
    },
    #[error(
        "{}: the page declares the charset `{label}`, which cannot be read safely; save it as UTF-8",
        shown(.path)
    )]
    UnreadableCharset { path: PathBuf, label: String },
    #[error("{}: not valid UTF-16 at byte {offset}", shown(.path))]
    NotUtf16 { path: PathBuf, offset: usize },
    #[error(
        "{}: looks like UTF-16 without a byte-order mark (NUL at byte {offset}); save it as UTF-8",
        shown(.path)
    )]
    Utf16WithoutMark { path: PathBuf, offset: usize },
    #[error("{}: UTF-32 text is not supported; save it as UTF-8", shown(.path))]
    Utf32 { path: PathBuf },
    #[error("{}: looks like binary data (NUL at byte {offset}), not an article", shown(.path))]
    Binary { path: PathBuf, offset: usize },
    #[error("{}: the file is empty", shown(.path))]
    Empty { path: PathBuf },
    #[error(
        "{}: no articles in this folder (looked for .txt, .md, .markdown, .html, .htm, article .json/.jsonl files, story.toml)",
        shown(.path)
    )]
    NoArticles { path: PathBuf },
    #[error(
        "{}: {size} bytes is over the limit of {limit} bytes per article (ingest.max_article_bytes)",
        shown(.path)
    )]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error(
        "{}: the story is {size} bytes, over the limit of {limit} bytes (ingest.max_story_bytes)",
        shown(.path)
    )]
    StoryTooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error(
        "{}: the story has more than {limit} articles (ingest.max_articles)",
        shown(.path)
    )]
    TooManyArticles { path: PathBuf, limit: usize },
    #[error("{}: {message}", shown(.path))]
    Manifest { path: PathBuf, message: String },
    #[error(
        "{}: invalid JSON at line {line}, column {column} (byte {offset}): {message}",
        shown(.path)
    )]
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        offset: usize,
        message: String,
    },
    #[error("{}: {place} (byte {offset}): {message}", shown(.path))]
    JsonArticle {
        path: PathBuf,
        /// Which article: "article 3" in an array, "line 7" in JSON Lines.
        place: String,
        offset: usize,
        message: String,
    },
    #[error(
        "{}: holds no article objects (expected objects with a \"text\", \"body\" or \"content\" string)",
        shown(.path)
    )]
    NotArticles { path: PathBuf },
    #[error("{}: no article text found in the page", shown(.path))]
    NoArticleText { path: PathBuf },
    #[error(
        "{}: the page has {elements} elements, over the limit of {limit} (ingest.max_html_elements)",
        shown(.path)
    )]
    PageTooComplex {
        path: PathBuf,
        elements: usize,
        limit: usize,
    },
    #[error(
        "{}: the page nests elements {depth} deep, over the limit of {limit} (ingest.max_html_depth)",
        shown(.path)
    )]
    PageTooDeep {
        path: PathBuf,
        depth: usize,
        limit: usize,
    },
    #[error("no articles given")]
    NothingGiven,
    #[error("{}: {}", safe_line(.url), safe_line(.reason))]
    Fetch { url: String, reason: String },
    #[error("{}: only http and https URLs are read", safe_line(.url))]
    NotWeb { url: String },
    #[error(
        "{}: this parallax was built without the `web` feature and cannot fetch pages; save the page and give its file",
        safe_line(.url)
    )]
    NoWeb { url: String },
    #[error("{}: line {line}: `{}` is not an http or https URL", shown(.path), safe_line(.text))]
    NotAUrl {
        path: PathBuf,
        line: usize,
        text: String,
    },
    #[error("{}: fewer than two articles are left to compare", if *.failed == 1 { "a URL failed".to_string() } else { format!("{} URLs failed", .failed) })]
    TooFewLeft { failed: usize },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_file_names_are_shown_harmless() {
        let err = Error::Empty {
            path: PathBuf::from("evil\u{1b}]0;owned\u{7}\nname.txt"),
        };
        let message = err.to_string();
        assert_eq!(message, "evil␛]0;owned␇ name.txt: the file is empty");
        assert!(!message.chars().any(char::is_control));
    }
}
