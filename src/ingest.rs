//! Stage 1, ingest: paths → `Corpus`. Reads plain-text and Markdown files, folders of them, and
//! `story.toml` manifests; the bundled sample story is embedded in the binary.
//!
//! The one decision to know: an article's `text` is the file's bytes unchanged (only a UTF-8
//! byte-order mark is dropped), so every offset the pipeline produces also points into the file.

use crate::error::{Error, Result};
use crate::model::{Article, ArticleId, Corpus};
use crate::settings::IngestSettings;
use serde::Deserialize;
use std::fs;
use std::path::{Path, PathBuf};

/// File extensions read as articles when a folder is given.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];
const MANIFEST_NAME: &str = "story.toml";

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
    path: String,
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
                .and_then(|m| m.article.iter().find(|a| a.path == *name));
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

/// Reads every path (files, folders, manifests) into one corpus, in the order given.
pub fn load(paths: &[PathBuf], limits: &IngestSettings) -> Result<Corpus> {
    if paths.is_empty() {
        return Err(Error::NothingGiven);
    }
    let mut title = None;
    let mut raws = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            raws.push(read_stdin(limits)?);
            continue;
        }
        let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
        if meta.is_dir() {
            let manifest = path.join(MANIFEST_NAME);
            if manifest.is_file() {
                let (t, mut r) = read_manifest(&manifest, limits)?;
                title = title.or(t);
                raws.append(&mut r);
            } else {
                raws.append(&mut read_folder(path, limits)?);
            }
        } else if path.file_name().is_some_and(|n| n == MANIFEST_NAME) {
            let (t, mut r) = read_manifest(path, limits)?;
            title = title.or(t);
            raws.append(&mut r);
        } else {
            raws.push(read_article(path, limits)?);
        }
        let total: u64 = raws.iter().map(|r| r.text.len() as u64).sum();
        if total > limits.max_story_bytes {
            return Err(Error::StoryTooLarge {
                path: path.clone(),
                size: total,
                limit: limits.max_story_bytes,
            });
        }
    }
    Ok(build(title, raws))
}

/// Numbers raw articles into a corpus, filling in titles and neutral source labels.
pub fn build(title: Option<String>, raws: Vec<RawArticle>) -> Corpus {
    let articles = raws
        .into_iter()
        .enumerate()
        .map(|(i, raw)| {
            let title = raw
                .title
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| title_of(&raw.text));
            Article {
                id: ArticleId::from_index(i),
                source: raw.source.unwrap_or_else(|| format!("Article {}", i + 1)),
                path: raw.path,
                title,
                url: raw.url,
                date: raw.date,
                text: raw.text,
            }
        })
        .collect();
    Corpus { title, articles }
}

/// The first non-empty line, without Markdown heading marks, cut to a readable length.
pub fn title_of(text: &str) -> String {
    let line = text
        .lines()
        .map(|l| l.trim().trim_start_matches('#').trim())
        .find(|l| !l.is_empty())
        .unwrap_or("(untitled)");
    const MAX_CHARS: usize = 160;
    if line.chars().count() > MAX_CHARS {
        let cut: String = line.chars().take(MAX_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    } else {
        line.to_string()
    }
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
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

fn read_folder(dir: &Path, limits: &IngestSettings) -> Result<Vec<RawArticle>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| io_error(dir, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && is_article_file(p))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Error::NoArticles {
            path: dir.to_path_buf(),
        });
    }
    files.iter().map(|f| read_article(f, limits)).collect()
}

fn is_article_file(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_none_or(|n| n.starts_with('.'));
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    !hidden && ext.is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.as_str()))
}

fn read_manifest(path: &Path, limits: &IngestSettings) -> Result<(Option<String>, Vec<RawArticle>)> {
    let text = fs::read_to_string(path).map_err(|e| io_error(path, e))?;
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
    let base = path.parent().unwrap_or(Path::new("."));
    let raws = manifest
        .article
        .into_iter()
        .map(|entry| {
            let file = base.join(&entry.path);
            let mut raw = read_article(&file, limits)?;
            raw.source = entry.source;
            raw.title = entry.title;
            raw.url = entry.url;
            raw.date = entry.date;
            Ok(raw)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((manifest.title, raws))
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

fn read_article(path: &Path, limits: &IngestSettings) -> Result<RawArticle> {
    let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
    if meta.len() > limits.max_article_bytes {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: limits.max_article_bytes,
        });
    }
    let bytes = fs::read(path).map_err(|e| io_error(path, e))?;
    let text = decode(path, bytes)?;
    Ok(RawArticle {
        path: path.display().to_string(),
        text,
        ..RawArticle::default()
    })
}

fn read_stdin(limits: &IngestSettings) -> Result<RawArticle> {
    use std::io::Read;
    let path = PathBuf::from("-");
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(limits.max_article_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&path, e))?;
    if bytes.len() as u64 > limits.max_article_bytes {
        return Err(Error::TooLarge {
            path,
            size: bytes.len() as u64,
            limit: limits.max_article_bytes,
        });
    }
    Ok(RawArticle {
        path: "-".into(),
        text: decode(&path, bytes)?,
        ..RawArticle::default()
    })
}

/// Checks bytes are text: not empty, no NUL, valid UTF-8. Drops a UTF-8 byte-order mark.
pub fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty {
            path: path.to_path_buf(),
        });
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary {
            path: path.to_path_buf(),
            offset,
        });
    }
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
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
    fn decode_names_byte_offset_of_bad_utf8() {
        let err = decode(Path::new("x.txt"), b"ab\xffcd".to_vec()).unwrap_err();
        assert_eq!(err.to_string(), "x.txt: not valid UTF-8 at byte 2");
    }

    #[test]
    fn decode_rejects_binary_and_empty() {
        assert!(matches!(
            decode(Path::new("b"), b"PK\0\x03".to_vec()),
            Err(Error::Binary { offset: 2, .. })
        ));
        assert!(matches!(
            decode(Path::new("e"), b" \n ".to_vec()),
            Err(Error::Empty { .. })
        ));
    }

    #[test]
    fn line_col_counts_chars() {
        assert_eq!(line_col("ab\n“c”d", 7), (2, 3));
    }
}
