//! Stage 1, ingest: paths → `Corpus`. Reads plain-text and Markdown files, saved web pages
//! (`.html`, `.htm`), JSON and JSON Lines article files, folders of them, `story.toml`
//! manifests and standard input (`-`); the bundled sample story is embedded in the binary.
//!
//! The one decision to know: a plain-text article's `text` is the file's bytes unchanged (only
//! a UTF-8 byte-order mark is dropped; CRLF line ends stay), so every offset the pipeline
//! produces also points into the file; text converted from UTF-16 or a legacy encoding
//! (`encoding.rs`) is the exception, its offsets point into the converted UTF-8 text. For HTML
//! and JSON input `text` is the extracted article text. Metadata (title, source, url, date) is shown on one line and never analysed, so it is
//! made safe here with `display::safe_line`; the text itself is kept exactly and neutralised
//! only when drawn.
//!
//! Every read is bounded: per article (`max_article_bytes`), per story (`max_story_bytes`) and
//! in number of articles (`max_articles`), checked as files are read, so a huge folder or an
//! endless stream fails early with a clear message instead of filling memory.

mod charset;
pub mod encoding;
mod fetched;
mod files;
pub mod html;
pub mod json;

pub use encoding::decode;
pub use fetched::{Fetch, Fetched, Fetching, SoFar, host, is_web, looks_like_url};
pub use files::read_url_list;

use crate::display::safe_line;
use crate::error::{Error, Result};
use crate::model::{Article, ArticleId, Corpus};
use crate::settings::IngestSettings;
use serde::Deserialize;
use std::fs;
use std::path::{Path, PathBuf};

const MANIFEST_NAME: &str = "story.toml";
/// Longest title, source or date kept, in characters; metadata is one line on screen.
const META_MAX_CHARS: usize = 300;
/// Longest URL kept, in characters.
const URL_MAX_CHARS: usize = 2048;

/// What an input holds, which decides how its text becomes articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown: the text is the article.
    Text,
    /// A saved web page: the article is extracted.
    Html,
    /// JSON or JSON Lines article objects.
    Json,
}

impl Format {
    /// The format a file name announces, or `None` for names that announce none.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" | "md" | "markdown" => Some(Format::Text),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" | "jsonl" | "ndjson" => Some(Format::Json),
            _ => None,
        }
    }

    /// The format of a text without a telling name (standard input, an unknown extension):
    /// JSON when it opens with `{` or `[{`, HTML when it opens with `<!doctype html` or
    /// `<html`, plain text otherwise.
    pub fn sniff(text: &str) -> Format {
        if json::looks_like_json(text) {
            Format::Json
        } else if html::looks_like_html(text) {
            Format::Html
        } else {
            Format::Text
        }
    }
}

/// One article before it is numbered into a corpus.
#[derive(Debug, Clone, Default)]
pub struct RawArticle {
    pub path: String,
    pub source: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    title: Option<String>,
    #[serde(default)]
    article: Vec<ManifestArticle>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestArticle {
    path: Option<String>,
    source: Option<String>,
    title: Option<String>,
    url: Option<String>,
    date: Option<String>,
}

/// The bundled sample story, embedded at build time.
pub fn bundled() -> Corpus {
    const MANIFEST: &str = include_str!("../assets/story/story.toml");
    const FILES: &[(&str, &str)] = &[
        (
            "000_5dd3ac7069e00700.txt",
            include_str!("../assets/story/000_5dd3ac7069e00700.txt"),
        ),
        (
            "001_8e24c4ccbe2509cc.txt",
            include_str!("../assets/story/001_8e24c4ccbe2509cc.txt"),
        ),
        (
            "002_00dee5f6665dc100.txt",
            include_str!("../assets/story/002_00dee5f6665dc100.txt"),
        ),
        (
            "003_35191ae9f111ca43.txt",
            include_str!("../assets/story/003_35191ae9f111ca43.txt"),
        ),
        (
            "004_a663172c62e5355c.txt",
            include_str!("../assets/story/004_a663172c62e5355c.txt"),
        ),
    ];
    // The manifest is part of the binary and covered by a test; a parse failure here is a
    // build defect, so fall back to bare file names rather than fail at run time.
    let manifest: Option<Manifest> = toml::from_str(MANIFEST).ok();
    let raws = FILES
        .iter()
        .map(|(name, text)| {
            let entry = manifest
                .as_ref()
                .and_then(|m| m.article.iter().find(|a| a.path.as_deref() == Some(*name)));
            RawArticle {
                path: (*name).to_string(),
                source: entry.and_then(|a| a.source.clone()),
                title: entry.and_then(|a| a.title.clone()),
                url: entry.and_then(|a| a.url.clone()),
                date: entry.and_then(|a| a.date.clone()),
                text: (*text).to_string(),
            }
        })
        .collect();
    build(manifest.and_then(|m| m.title), raws)
}

/// Reads every path (files, folders, manifests, `-` for standard input) into one corpus, in
/// the order given.
pub fn load(paths: &[PathBuf], limits: &IngestSettings) -> Result<Corpus> {
    load_with(paths, limits, &mut |_| {})
}

/// `load`, telling `skipped` about each file of a folder that was passed over and why (JSON
/// that holds no articles), whether or not the load then succeeds. URLs are refused: this
/// load fetches nothing.
pub fn load_with(
    paths: &[PathBuf],
    limits: &IngestSettings,
    skipped: &mut dyn FnMut(&Error),
) -> Result<Corpus> {
    let loaded = load_from(paths, limits, None, &mut |event| {
        if let Event::Skipped(why) = event {
            skipped(why);
        }
    })?;
    Ok(loaded.corpus)
}

/// What a load reports as it goes.
#[derive(Debug)]
pub enum Event<'a> {
    /// A file of a folder passed over, and why.
    Skipped(&'a Error),
    /// The fetching of pages goes on.
    Fetching(Fetching<'a>),
    /// A URL that could not be read, and why; the others are still read.
    Failed(&'a Error),
    /// A page arrived: the story as read so far, for a reader that shows the texts as they come.
    Arrived(SoFar<'a>),
    /// Something to say once that does not stop the load (the page cache cannot be written).
    Warned(&'a str),
}

/// A story read, with how many of its URLs failed (each reported as `Event::Failed`).
#[derive(Debug)]
pub struct Loaded {
    pub corpus: Corpus,
    pub failed: usize,
}

/// `load` with URLs among the inputs (`http` and `https` only), fetched through `fetch` a few
/// at once once the files are read, and placed where they were given. A URL that fails is
/// reported and left out while at least two articles remain; fewer is an error. Without a
/// `fetch` a URL is refused.
pub fn load_from(
    paths: &[PathBuf],
    limits: &IngestSettings,
    fetch: Option<&dyn Fetch>,
    events: &mut dyn FnMut(Event),
) -> Result<Loaded> {
    let mut budget = Budget::new(limits);
    let read = read_all(paths, &mut budget);
    for why in &budget.skipped {
        events(Event::Skipped(why));
    }
    let title = read?;
    let failed = fetched::fetch_pending(&mut budget, title.as_deref(), fetch, events)?;
    Ok(Loaded {
        corpus: build(title, budget.articles),
        failed,
    })
}

/// Reads every path into the budget; returns the story title a manifest gave.
fn read_all(paths: &[PathBuf], budget: &mut Budget) -> Result<Option<String>> {
    if paths.is_empty() {
        return Err(Error::NothingGiven);
    }
    let mut title = None;
    for path in paths {
        if path.as_os_str() == "-" {
            let raws = files::read_stdin(budget)?;
            budget.add(path, raws)?;
            continue;
        }
        if let Some(url) = as_url(path) {
            budget.defer(url, RawArticle::default())?;
            continue;
        }
        let meta = fs::metadata(path).map_err(|e| files::io_error(path, e))?;
        let manifest = if meta.is_dir() {
            Some(path.join(MANIFEST_NAME)).filter(|m| m.is_file())
        } else {
            Some(path.clone()).filter(|p| p.file_name().is_some_and(|n| n == MANIFEST_NAME))
        };
        if let Some(manifest) = manifest {
            title = title.or(files::read_manifest(&manifest, budget)?);
        } else if meta.is_dir() {
            files::read_folder(path, budget)?;
        } else {
            let raws = files::read_file(path, budget, false)?;
            budget.add(path, raws)?;
        }
    }
    Ok(title)
}

/// The URL an input names, if it names one: an `http(s)` URL, or another scheme's that is no
/// file here (refused when it is deferred).
fn as_url(path: &Path) -> Option<&str> {
    path.to_str()
        .filter(|s| looks_like_url(s) && (is_web(s) || !path.exists()))
}

/// Decodes one input's bytes and turns them into its articles; no I/O. `format` is the one
/// the file name announces; `None` sniffs it from the text. Each article is held to
/// `max_article_bytes`.
pub fn parse_bytes(
    path: &Path,
    bytes: Vec<u8>,
    format: Option<Format>,
    limits: &IngestSettings,
) -> Result<Vec<RawArticle>> {
    let text = encoding::decode_article(path, bytes, format, limits.fallback_encoding.encoding())?;
    parse_text(path, text, format, limits, html::Byline::Source)
}

/// Decoded text → its articles, as `parse_bytes` after decoding; `byline` says whether a
/// page's byline may stand for its source.
fn parse_text(
    path: &Path,
    text: String,
    format: Option<Format>,
    limits: &IngestSettings,
    byline: html::Byline,
) -> Result<Vec<RawArticle>> {
    let format = format.unwrap_or_else(|| Format::sniff(&text));
    let raws = match format {
        Format::Text => vec![RawArticle {
            path: path.display().to_string(),
            text,
            ..RawArticle::default()
        }],
        Format::Html => {
            check_size(path, text.len(), limits)?;
            vec![html::extract(
                path,
                &text,
                limits.max_html_elements,
                limits.max_html_depth,
                byline,
            )?]
        }
        Format::Json => json::parse(path, &text)?,
    };
    for raw in &raws {
        check_size(Path::new(&raw.path), raw.text.len(), limits)?;
    }
    Ok(raws)
}

fn check_size(path: &Path, size: usize, limits: &IngestSettings) -> Result<()> {
    let size = size as u64;
    if size > limits.max_article_bytes {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: limits.max_article_bytes,
        });
    }
    Ok(())
}

/// The articles read so far, held to the story's limits as each input is added, the places
/// kept for pages still to fetch, and the files passed over.
pub(crate) struct Budget<'a> {
    limits: &'a IngestSettings,
    articles: Vec<RawArticle>,
    pending: Vec<Pending>,
    bytes: u64,
    skipped: Vec<Error>,
}

/// A place in the story for a page still to fetch.
#[derive(Debug)]
struct Pending {
    /// How many articles read from files come before it.
    at: usize,
    url: String,
    /// Metadata a manifest gives, which overrides the page's own.
    meta: RawArticle,
}

impl Pending {
    fn over(&self, raw: RawArticle) -> RawArticle {
        let meta = self.meta.clone();
        RawArticle {
            source: meta.source.or(raw.source),
            title: meta.title.or(raw.title),
            url: meta.url.or(raw.url),
            date: meta.date.or(raw.date),
            ..raw
        }
    }
}

impl<'a> Budget<'a> {
    fn new(limits: &'a IngestSettings) -> Self {
        Self {
            limits,
            articles: Vec::new(),
            pending: Vec::new(),
            bytes: 0,
            skipped: Vec::new(),
        }
    }

    /// Notes a file passed over, and why.
    pub(crate) fn skip(&mut self, why: Error) {
        self.skipped.push(why);
    }

    pub(crate) fn limits(&self) -> &IngestSettings {
        self.limits
    }

    /// Bytes the story may still take.
    pub(crate) fn remaining_bytes(&self) -> u64 {
        self.limits.max_story_bytes.saturating_sub(self.bytes)
    }

    /// Articles the story may still take.
    pub(crate) fn remaining_articles(&self) -> usize {
        self.limits
            .max_articles
            .saturating_sub(self.articles.len() + self.pending.len())
    }

    /// Keeps a place for the page at `url` (only `http` and `https`), with the metadata a
    /// manifest gives for it.
    pub(crate) fn defer(&mut self, url: &str, meta: RawArticle) -> Result<()> {
        fetched::check_url(url)?;
        if self.remaining_articles() == 0 {
            return Err(Error::TooManyArticles {
                path: PathBuf::from(url),
                limit: self.limits.max_articles,
            });
        }
        self.pending.push(Pending {
            at: self.articles.len(),
            url: url.to_string(),
            meta,
        });
        Ok(())
    }

    /// Adds the articles read from `path`, or fails naming it when a story limit is passed.
    pub(crate) fn add(&mut self, path: &Path, raws: Vec<RawArticle>) -> Result<()> {
        if raws.len() > self.remaining_articles() {
            return Err(Error::TooManyArticles {
                path: path.to_path_buf(),
                limit: self.limits.max_articles,
            });
        }
        for raw in raws {
            self.bytes += raw.text.len() as u64;
            if self.bytes > self.limits.max_story_bytes {
                return Err(Error::StoryTooLarge {
                    path: path.to_path_buf(),
                    size: self.bytes,
                    limit: self.limits.max_story_bytes,
                });
            }
            self.articles.push(raw);
        }
        Ok(())
    }
}

/// A corpus of plain texts with no paths or metadata: for building stories in code.
pub fn from_texts<S: AsRef<str>>(texts: &[S]) -> Corpus {
    build(
        None,
        texts
            .iter()
            .map(|t| RawArticle {
                text: t.as_ref().to_string(),
                ..RawArticle::default()
            })
            .collect(),
    )
}

/// Numbers raw articles into a corpus, filling in titles and source names. An article's
/// source is the one it names (a page's site name, a JSON `source`), else its URL's host, else
/// its file's stem ("fox.txt" → "fox", the third article of "wire.json" → "wire #3"); only text
/// from standard input or from code is "Article N". All metadata is made safe to show on one
/// line here, whatever its origin.
pub fn build(title: Option<String>, raws: Vec<RawArticle>) -> Corpus {
    let articles = raws
        .into_iter()
        .enumerate()
        .map(|(i, raw)| Article {
            id: ArticleId::from_index(i),
            source: meta(raw.source, META_MAX_CHARS)
                .or_else(|| {
                    meta(
                        raw.url.as_deref().map(fetched::host).map(str::to_string),
                        META_MAX_CHARS,
                    )
                })
                .or_else(|| meta(source_of_path(&raw.path), META_MAX_CHARS))
                .unwrap_or_else(|| format!("Article {}", i + 1)),
            path: raw.path,
            title: meta(raw.title, META_MAX_CHARS).unwrap_or_else(|| title_of(&raw.text)),
            url: meta(raw.url, URL_MAX_CHARS),
            date: meta(raw.date, META_MAX_CHARS),
            text: raw.text,
        })
        .collect();
    Corpus {
        title: meta(title, META_MAX_CHARS),
        articles,
    }
}

/// A source name from an article's path: the file's stem, with the article's number in a file
/// of several ("wire.json#3" → "wire #3"); none for standard input or no path.
fn source_of_path(path: &str) -> Option<String> {
    let (file, number) = match path.rsplit_once('#') {
        Some((file, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => (file, Some(n)),
        _ => (path, None),
    };
    if file.is_empty() || file == "-" {
        return None;
    }
    let stem = Path::new(file).file_stem()?.to_string_lossy().into_owned();
    Some(match number {
        Some(n) => format!("{stem} #{n}"),
        None => stem,
    })
}

/// One metadata value as it may be shown: controls made visible, invisible formatting
/// removed, whitespace runs collapsed to one space, cut to `max_chars`; `None` when nothing
/// is left.
pub fn meta(value: Option<String>, max_chars: usize) -> Option<String> {
    let safe = safe_line(&value?);
    let line = safe.split_whitespace().collect::<Vec<_>>().join(" ");
    (!line.is_empty()).then(|| shorten(&line, max_chars))
}

fn shorten(line: &str, max_chars: usize) -> String {
    if line.chars().count() > max_chars {
        let cut: String = line.chars().take(max_chars.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    } else {
        line.to_string()
    }
}

/// The first non-empty line, without Markdown heading marks, cut to a readable length and
/// safe to show.
pub fn title_of(text: &str) -> String {
    const MAX_CHARS: usize = 160;
    let line = text
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| !l.is_empty())
        .unwrap_or("(untitled)");
    // Cut first: the line may be megabytes long.
    let head: String = line.chars().take(MAX_CHARS + 1).collect();
    meta(Some(shorten(&head, MAX_CHARS)), MAX_CHARS).unwrap_or_else(|| "(untitled)".into())
}

/// A TOML error as "line L, column C: what".
pub fn toml_message(text: &str, e: &toml::de::Error) -> String {
    match e.span() {
        Some(span) => {
            let (line, col) = line_col(text, span.start);
            format!("line {line}, column {col}: {}", e.message())
        }
        None => e.message().to_string(),
    }
}

/// One-based line and column (in chars) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_story_has_five_titled_articles() {
        let corpus = bundled();
        assert_eq!(corpus.articles.len(), 5);
        assert_eq!(corpus.articles[3].source, "VOA");
        assert!(
            corpus.articles[1]
                .title
                .starts_with("Russia says it has NO plans")
        );
        // The fifth article opens with blank lines: the title is the first non-empty one.
        assert!(corpus.articles[4].title.starts_with("Russian officials said"));
        assert!(corpus.title.as_deref().unwrap_or("").contains("Geneva"));
    }

    #[test]
    fn title_drops_markdown_heading_marks() {
        assert_eq!(title_of("\n\n## Talks end\nBody"), "Talks end");
    }

    #[test]
    fn sources_fall_back_to_the_host_then_the_file_stem_then_a_number() {
        let raw = |path: &str, url: Option<&str>| RawArticle {
            path: path.into(),
            url: url.map(str::to_string),
            text: "Body.".into(),
            ..RawArticle::default()
        };
        let corpus = build(
            None,
            vec![
                raw("stories/fox.txt", None),
                raw("/tmp/2_LL.txt", None),
                raw("wire.json#3", None),
                raw("page.html", Some("https://www.example.org:8080/news/1")),
                raw("-", None),
                raw("", None),
            ],
        );
        let sources: Vec<&str> = corpus.articles.iter().map(|a| a.source.as_str()).collect();
        assert_eq!(
            sources,
            [
                "fox",
                "2_LL",
                "wire #3",
                "www.example.org",
                "Article 5",
                "Article 6"
            ]
        );
    }

    #[test]
    fn metadata_cannot_carry_controls_or_line_breaks() {
        let raw = RawArticle {
            title: Some("Talks\u{1b}[2J end\r\n\u{202e}today ".into()),
            source: Some(" \u{200b} ".into()),
            url: Some("https://x.example/\u{7}a".into()),
            date: Some("2024-03-14\u{0}".into()),
            text: "\u{1b}]0;x\u{7}Body".into(),
            ..RawArticle::default()
        };
        let corpus = build(Some("Story\nname".into()), vec![raw]);
        let a = &corpus.articles[0];
        assert_eq!(a.title, "Talks␛[2J end today");
        assert_eq!(a.source, "x.example", "blank after cleaning: the URL's host");
        assert_eq!(a.url.as_deref(), Some("https://x.example/␇a"));
        assert_eq!(a.date.as_deref(), Some("2024-03-14␀"));
        assert_eq!(corpus.title.as_deref(), Some("Story name"));
        assert_eq!(a.text, "\u{1b}]0;x\u{7}Body", "the text itself is kept exactly");
        let derived = build(
            None,
            vec![RawArticle {
                text: "\u{1b}]0;x\u{7}Body".into(),
                ..RawArticle::default()
            }],
        );
        assert_eq!(derived.articles[0].title, "␛]0;x␇Body");
    }

    #[test]
    fn long_titles_are_cut() {
        let title = title_of(&"word ".repeat(100_000));
        assert_eq!(title.chars().count(), 160);
        assert!(title.ends_with('…'));
    }

    #[test]
    fn format_from_name_or_content() {
        assert_eq!(Format::of_path(Path::new("a/B.HTM")), Some(Format::Html));
        assert_eq!(Format::of_path(Path::new("x.jsonl")), Some(Format::Json));
        assert_eq!(Format::of_path(Path::new("notes.md")), Some(Format::Text));
        assert_eq!(Format::of_path(Path::new("README")), None);
        assert_eq!(Format::sniff("[{\"text\": \"a\"}]"), Format::Json);
        assert_eq!(Format::sniff("<!doctype html><p>x"), Format::Html);
        assert_eq!(Format::sniff("[Updated] Talks end."), Format::Text);
    }

    #[test]
    fn the_budget_counts_articles_and_bytes() {
        let limits = IngestSettings {
            max_articles: 2,
            max_story_bytes: 10,
            ..IngestSettings::default()
        };
        let raw = |text: &str| RawArticle {
            text: text.into(),
            ..RawArticle::default()
        };
        let mut budget = Budget::new(&limits);
        budget.add(Path::new("a"), vec![raw("12345")]).unwrap();
        let err = budget.add(Path::new("b"), vec![raw("1"), raw("2")]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "b: the story has more than 2 articles (ingest.max_articles)"
        );
        let err = budget.add(Path::new("c"), vec![raw("123456")]).unwrap_err();
        assert!(matches!(err, Error::StoryTooLarge { size: 11, .. }));
    }

    #[test]
    fn line_col_counts_chars() {
        assert_eq!(line_col("ab\n“c”d", 7), (2, 3));
    }
}
