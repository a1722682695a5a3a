//! Ingest of pages from the web, with no networking of its own: URLs given as inputs → raw
//! articles, through a `Fetch` the caller provides (`parallax::web`, or none in a build
//! without the `web` feature, where a URL is refused with a message saying so).
//!
//! The one decision to know: a fetched body goes through the same decoding and extraction as a
//! saved file; only what the server says comes first. Its `Content-Type` decides the format
//! (anything but HTML, text or JSON is refused, naming the type) and its charset comes before
//! the page's own declaration. The article's `url` is the page's canonical URL, else the final
//! URL after redirects; its source is the page's site name, else the host; its `path` is the
//! URL as given, which messages name.

use super::{Format, RawArticle, encoding, parse_text};
use crate::error::{Error, Result};
use crate::settings::IngestSettings;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Pages fetched at once.
const POOL: usize = 4;

/// A response as a `Fetch` hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The URL the body came from, after redirects.
    pub url: String,
    /// The `Content-Type` header as sent, if any.
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// Fetches one page; shared by the pool's threads.
pub trait Fetch: Sync {
    /// The page at `url`, its body at most `limit` bytes; else why not, in a few words.
    fn fetch(&self, url: &str, limit: u64) -> std::result::Result<Fetched, String>;
}

/// Where the fetching stands, for a progress line: page `started` of `total` has begun, from
/// `host`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fetching<'a> {
    pub started: usize,
    pub total: usize,
    pub host: &'a str,
}

impl std::fmt::Display for Fetching<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "fetching {}/{} · {}…", self.started, self.total, self.host)
    }
}

/// Whether an input names a URL rather than a file: a scheme of two letters or more, then
/// `:` (so `C:\…` stays a path).
pub fn looks_like_url(input: &str) -> bool {
    input.split_once(':').is_some_and(|(scheme, _)| {
        scheme.len() >= 2
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// Whether a URL is one parallax fetches: `http` or `https`, with a host.
pub fn is_web(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")) && !host(url).is_empty()
}

/// The host of an `http(s)` URL, without user information or port.
pub fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or("", |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if authority.starts_with('[') {
        return authority.split_inclusive(']').next().unwrap_or(authority);
    }
    authority.split(':').next().unwrap_or(authority)
}

/// Checks an input that looks like a URL: only `http` and `https` are read.
pub(super) fn check_url(url: &str) -> Result<()> {
    if is_web(url) {
        Ok(())
    } else {
        Err(Error::NotWeb { url: url.to_string() })
    }
}

/// Fetches every URL, at most `POOL` at once; the results in the order of `urls`. `progress`
/// hears of each page as it begins, on the calling thread.
pub(super) fn fetch_all(
    fetch: &dyn Fetch,
    urls: &[String],
    limit: u64,
    progress: &mut dyn FnMut(Fetching),
) -> Vec<std::result::Result<Fetched, String>> {
    enum Report {
        Started(usize),
        Done(usize, std::result::Result<Fetched, String>),
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<std::result::Result<Fetched, String>>> = vec![None; urls.len()];
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..POOL.min(urls.len()) {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = urls.get(i) else { break };
                    let _ = tx.send(Report::Started(i));
                    let _ = tx.send(Report::Done(i, fetch.fetch(url, limit)));
                }
            });
        }
        drop(tx);
        let mut started = 0;
        for report in rx {
            match report {
                Report::Started(i) => {
                    started += 1;
                    progress(Fetching {
                        started,
                        total: urls.len(),
                        host: host(&urls[i]),
                    });
                }
                Report::Done(i, result) => results[i] = Some(result),
            }
        }
    });
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err("the fetch stopped unexpectedly".into())))
        .collect()
}

/// A fetched response → its article, with the URL and source filled in as the module says.
pub(super) fn article(requested: &str, fetched: Fetched, limits: &IngestSettings) -> Result<RawArticle> {
    let failed = |reason: String| Error::Fetch {
        url: requested.to_string(),
        reason,
    };
    let (format, served) = match fetched.content_type.as_deref() {
        Some(header) => content_type(header).map_err(failed)?,
        None => (None, None),
    };
    let path = Path::new(requested);
    let text = encoding::decode_served(
        path,
        fetched.body,
        format,
        served,
        limits.fallback_encoding.encoding(),
    )?;
    let mut raws = parse_text(path, text, format, limits, super::html::Byline::Ignored)?;
    if raws.len() != 1 {
        return Err(failed(format!(
            "holds {} articles; a page must hold one",
            raws.len()
        )));
    }
    let mut raw = raws.remove(0);
    raw.url = raw.url.filter(|u| is_web(u)).or(Some(fetched.url.clone()));
    raw.source = raw.source.or_else(|| Some(host(&fetched.url).to_string()));
    Ok(raw)
}

/// The format and charset a `Content-Type` names; types that are not HTML, text or JSON are
/// refused with the type.
fn content_type(
    header: &str,
) -> std::result::Result<(Option<Format>, Option<&'static encoding_rs::Encoding>), String> {
    let mut parts = header.split(';');
    let mime = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .and_then(|(_, v)| encoding_rs::Encoding::for_label(v.trim().trim_matches('"').as_bytes()));
    let format = match mime.as_str() {
        "" => None,
        "text/html" | "application/xhtml+xml" => Some(Format::Html),
        "application/json" | "application/x-ndjson" | "application/jsonl" => Some(Format::Json),
        m if m.ends_with("+json") => Some(Format::Json),
        m if m.starts_with("text/") => Some(Format::Text),
        _ => {
            return Err(format!(
                "the content type {} is not a page, text or JSON",
                crate::display::safe_line(&mime)
            ));
        }
    };
    Ok((format, charset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(looks_like_url("https://example.com/a"));
        assert!(looks_like_url("file:///etc/passwd"));
        assert!(looks_like_url("javascript:alert(1)"));
        assert!(!looks_like_url("C:\\news\\a.txt"));
        assert!(!looks_like_url("articles/a.txt"));
        assert!(!looks_like_url("-"));
        assert!(is_web("HTTP://Example.com"));
        assert!(!is_web("ftp://example.com/a"));
        assert!(!is_web("http:///nohost"));
    }

    #[test]
    fn the_host_drops_user_and_port() {
        assert_eq!(host("https://u:p@news.example.org:8443/x?y"), "news.example.org");
        assert_eq!(host("http://[::1]:80/"), "[::1]");
        assert_eq!(host("http://127.0.0.1:5/a"), "127.0.0.1");
    }

    #[test]
    fn content_types_name_the_format_and_charset() {
        let (format, charset) = content_type("text/html; charset=Windows-1252").unwrap();
        assert_eq!(format, Some(Format::Html));
        assert_eq!(charset, Some(encoding_rs::WINDOWS_1252));
        assert_eq!(content_type("application/ld+json").unwrap().0, Some(Format::Json));
        assert_eq!(content_type("text/plain").unwrap().0, Some(Format::Text));
        assert_eq!(
            content_type("application/pdf").unwrap_err(),
            "the content type application/pdf is not a page, text or JSON"
        );
    }
}
