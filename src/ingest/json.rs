//! Ingest of JSON and JSON Lines: text → articles. Takes one article object, an array of them,
//! or one object per line, each with `text` (or `body`, `content`) and optionally `title`,
//! `source`, `url` and `date` (a few common aliases too, such as `headline` and `publishedAt`).
//!
//! The one decision to know: a file is article JSON only when its first object carries a text
//! string. Anything else is `Error::NotArticles`, which a folder read takes as "not an article
//! file, skip it" (story folders often hold other JSON, such as gold annotations) and lists,
//! while a file named on the command line reports it. Once a file is article JSON, every later
//! entry must be an article too, and errors name the entry and its byte offset. An object that
//! serde_json cannot read (a lone surrogate escape, nesting past its recursion limit) is
//! `Error::Json` with its line and column, like a syntax error, never taken for "no articles".

use super::RawArticle;
use crate::error::{Error, Result};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::path::Path;

const TEXT_KEYS: &[&str] = &["text", "body", "content"];
const TITLE_KEYS: &[&str] = &["title", "headline"];
const SOURCE_KEYS: &[&str] = &["source", "outlet", "publisher", "site_name"];
const URL_KEYS: &[&str] = &["url", "link"];
const DATE_KEYS: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publishedAt",
    "datePublished",
];

/// Reads every article of a JSON or JSON Lines text. `path` names the articles: the file's
/// own path for a single object, `path#N` for the Nth of several.
pub fn parse(path: &Path, text: &str) -> Result<Vec<RawArticle>> {
    match serde_json::from_str::<&RawValue>(text) {
        Ok(raw) => document(path, text, raw),
        Err(_) if first_line_is_object(text) => lines(path, text),
        Err(whole) => Err(json_error(path, text, 0, &whole)),
    }
}

/// Whether `text` starts like JSON article input: `{`, or `[` followed by `{` or `]`. A plain
/// article may well start with "[Updated]".
pub fn looks_like_json(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    if rest.starts_with('{') {
        return true;
    }
    if let Some(after) = rest.strip_prefix('[') {
        rest = after.trim_start();
        return rest.is_empty() || rest.starts_with('{') || rest.starts_with(']');
    }
    false
}

/// One JSON value: an article object or an array of them.
fn document(path: &Path, text: &str, raw: &RawValue) -> Result<Vec<RawArticle>> {
    let not_articles = || Error::NotArticles {
        path: path.to_path_buf(),
    };
    let body = raw.get();
    if body.starts_with('{') {
        let object = object_in(path, text, raw)?
            .filter(is_article)
            .ok_or_else(not_articles)?;
        let article = article(path.display().to_string(), object)
            .map_err(|m| entry_error(path, "article 1".into(), offset_in(text, raw), m))?;
        return Ok(vec![article]);
    }
    let entries: Vec<&RawValue> = serde_json::from_str(body).map_err(|_| not_articles())?;
    let first_is_article = match entries.first() {
        Some(first) => object_in(path, text, first)?.is_some_and(|o| is_article(&o)),
        None => false,
    };
    if !first_is_article {
        return Err(not_articles());
    }
    entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let place = format!("article {}", i + 1);
            let offset = offset_in(text, entry);
            let object = object_in(path, text, entry)?
                .ok_or_else(|| entry_error(path, place.clone(), offset, "not an object".into()))?;
            article(format!("{}#{}", path.display(), i + 1), object)
                .map_err(|m| entry_error(path, place, offset, m))
        })
        .collect()
}

/// JSON Lines: one article object per non-blank line.
fn lines(path: &Path, text: &str) -> Result<Vec<RawArticle>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let offset = start;
        start += line.len();
        if line.trim().is_empty() {
            continue;
        }
        let place = format!("line {}", n + 1);
        // Without its line end, so that an error at the end of the line stays on this line.
        let content = line.trim_end_matches(['\n', '\r']);
        let raw: &RawValue = serde_json::from_str(content).map_err(|e| json_error(path, text, offset, &e))?;
        let object = object_in(path, text, raw)?;
        if out.is_empty() && !object.as_ref().is_some_and(is_article) {
            return Err(Error::NotArticles {
                path: path.to_path_buf(),
            });
        }
        let object =
            object.ok_or_else(|| entry_error(path, place.clone(), offset, "not an object".into()))?;
        let name = format!("{}#{}", path.display(), out.len() + 1);
        out.push(article(name, object).map_err(|m| entry_error(path, place, offset, m))?);
    }
    Ok(out)
}

fn first_line_is_object(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .and_then(|l| serde_json::from_str::<&RawValue>(l).ok())
        .is_some_and(|raw| raw.get().starts_with('{'))
}

/// The object a raw value of `text` holds, or `None` for another kind of value. Reading raw
/// values checks less than reading objects does, so an object serde_json refuses here is an
/// error at its place in `text`.
fn object_in(path: &Path, text: &str, raw: &RawValue) -> Result<Option<Map<String, Value>>> {
    if !raw.get().starts_with('{') {
        return Ok(None);
    }
    serde_json::from_str(raw.get())
        .map(Some)
        .map_err(|e| json_error(path, text, offset_in(text, raw), &e))
}

fn is_article(object: &Map<String, Value>) -> bool {
    TEXT_KEYS
        .iter()
        .any(|k| object.get(*k).is_some_and(Value::is_string))
}

/// One article object → a raw article; the error is a message for `entry_error`.
fn article(name: String, mut object: Map<String, Value>) -> std::result::Result<RawArticle, String> {
    let text = TEXT_KEYS
        .iter()
        .find_map(|k| match object.remove(*k) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        })
        .ok_or_else(|| "no \"text\", \"body\" or \"content\" string".to_string())?;
    if text.trim().is_empty() {
        return Err("the article text is empty".into());
    }
    if text.contains('\0') {
        return Err("the article text holds a NUL character".into());
    }
    Ok(RawArticle {
        path: name,
        title: field(&object, TITLE_KEYS),
        source: field(&object, SOURCE_KEYS),
        url: field(&object, URL_KEYS),
        date: field(&object, DATE_KEYS),
        text,
    })
}

/// The first of `keys` holding a string (or a number, for dates given as timestamps, or an
/// object with a `name`, as sources often are). Values of other types are ignored: metadata
/// is optional, the text is not.
fn field(object: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match object.get(*k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => match o.get("name") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            _ => None,
        },
        _ => None,
    })
}

/// Byte offset of a borrowed raw value inside the text it was parsed from.
fn offset_in(text: &str, raw: &RawValue) -> usize {
    let base = text.as_ptr() as usize;
    (raw.get().as_ptr() as usize)
        .checked_sub(base)
        .filter(|&o| o <= text.len())
        .unwrap_or(0)
}

fn entry_error(path: &Path, place: String, offset: usize, message: String) -> Error {
    Error::JsonArticle {
        path: path.to_path_buf(),
        place,
        offset,
        message,
    }
}

/// A syntax error as line, column and byte offset in the whole text; `base` is where the
/// parsed piece (a JSON Lines line, an entry of an array) starts.
fn json_error(path: &Path, text: &str, base: usize, e: &serde_json::Error) -> Error {
    let piece = &text[base..];
    let line_start: usize = piece
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let offset = (base + line_start + e.column().saturating_sub(1)).min(text.len());
    let (line, column) = super::line_col(text, offset);
    let message = e.to_string();
    // serde_json appends " at line L column C"; the position is given separately.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m)
        .to_string();
    Error::Json {
        path: path.to_path_buf(),
        line,
        column,
        offset,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("in.json")
    }

    #[test]
    fn one_object_with_metadata_and_aliases() {
        let text = r#"{"headline": "Bridge reopens", "body": "Traffic moves.\r\nAgain.",
            "source": {"id": "hd", "name": "Harbour Daily"}, "link": "https://x.example/a",
            "publishedAt": "2024-03-14", "id": 7}"#;
        let a = parse(p(), text).unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].path, "in.json");
        assert_eq!(a[0].title.as_deref(), Some("Bridge reopens"));
        assert_eq!(a[0].source.as_deref(), Some("Harbour Daily"));
        assert_eq!(a[0].url.as_deref(), Some("https://x.example/a"));
        assert_eq!(a[0].date.as_deref(), Some("2024-03-14"));
        assert_eq!(a[0].text, "Traffic moves.\r\nAgain.");
    }

    #[test]
    fn array_and_lines_number_their_articles() {
        let array = r#"[{"text": "One."}, {"content": "Two.", "date": 1710439500}]"#;
        let a = parse(p(), array).unwrap();
        assert_eq!(a[1].path, "in.json#2");
        assert_eq!(a[1].date.as_deref(), Some("1710439500"));
        let jsonl = "{\"text\": \"One.\"}\n\n{\"text\": \"Two.\", \"title\": null}\n";
        let a = parse(Path::new("s.jsonl"), jsonl).unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!((a[0].path.as_str(), a[1].title.as_ref()), ("s.jsonl#1", None));
    }

    #[test]
    fn other_json_is_not_articles() {
        for text in [
            r#"{"corpus": "x", "articles": ["a.txt", "b.txt"]}"#,
            "[]",
            "[1, 2]",
            "\"text\"",
            "{\"a\": 1}\n{\"text\": \"x\"}\n",
        ] {
            assert!(
                matches!(parse(p(), text), Err(Error::NotArticles { .. })),
                "{text}"
            );
        }
    }

    #[test]
    fn a_bad_entry_is_named_with_its_offset() {
        let text = r#"[{"text": "One."}, {"title": "no text"}]"#;
        let err = parse(p(), text).unwrap_err().to_string();
        assert_eq!(
            err,
            "in.json: article 2 (byte 19): no \"text\", \"body\" or \"content\" string"
        );
        let jsonl = "{\"text\": \"One.\"}\n{\"text\": \"\"}\n";
        let err = parse(p(), jsonl).unwrap_err().to_string();
        assert_eq!(err, "in.json: line 2 (byte 17): the article text is empty");
    }

    #[test]
    fn syntax_errors_give_line_column_and_byte() {
        let err = parse(p(), "{\"text\": \"a\",\n  \"title\": }").unwrap_err();
        assert!(
            matches!(
                err,
                Error::Json {
                    line: 2,
                    column: 12,
                    offset: 25,
                    ..
                }
            ),
            "{err}"
        );
        let jsonl = "{\"text\": \"One.\"}\n{\"text\": \"Two.\"\n";
        let err = parse(p(), jsonl).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Json {
                    line: 2,
                    column: 15,
                    offset: 31,
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn objects_serde_json_refuses_are_errors_at_their_place() {
        // Lone surrogate escapes, in a single object and in the second entry of an array.
        let err = parse(p(), "{\"title\": \"T\",\n \"text\": \"a \\ud800 b\"}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "in.json: invalid JSON at line 2, column 19 (byte 33): unexpected end of hex escape"
        );
        let err = parse(p(), "[{\"text\": \"One.\"}, {\"text\": \"\\udc00\"}]").unwrap_err();
        assert!(
            matches!(
                err,
                Error::Json {
                    line: 1,
                    column: 35,
                    offset: 34,
                    ..
                }
            ),
            "{err}"
        );
        let jsonl = "{\"text\": \"One.\"}\n{\"text\": \"\\ud800\"}\n";
        let err = parse(p(), jsonl).unwrap_err();
        assert!(matches!(err, Error::Json { line: 2, .. }), "{err}");
        // Nesting deeper than serde_json reads.
        let deep = format!(
            "{{\"text\": \"a\", \"x\": {}{}}}",
            "[".repeat(200),
            "]".repeat(200)
        );
        let err = parse(p(), &deep).unwrap_err();
        assert!(
            matches!(err, Error::Json { line: 1, .. })
                && err.to_string().ends_with("recursion limit exceeded"),
            "{err}"
        );
    }

    #[test]
    fn json_sniffing_leaves_bracketed_prose_alone() {
        assert!(looks_like_json("  {\"text\": 1}"));
        assert!(looks_like_json("[\n {\"text\": \"a\"}]"));
        assert!(!looks_like_json("[Updated] Talks end in Geneva."));
        assert!(!looks_like_json("Talks end."));
    }
}
