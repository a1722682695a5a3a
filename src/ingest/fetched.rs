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

use super::{Budget, Event, Format, Pending, RawArticle, encoding, parse_text};
use crate::error::{Error, Result};
use crate::model::Corpus;
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

    /// Something gone wrong beside the pages that should be said once and does not stop the
    /// load (the cache cannot be written); taken, so it is said only once.
    fn warning(&self) -> Option<String> {
        None
    }
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

/// What the pool reports, on the calling thread: a page has begun, or page `i` is done.
enum Step<'a> {
    Started(Fetching<'a>),
    Done(usize, std::result::Result<Fetched, String>),
}

/// Fetches every URL, at most `POOL` at once, telling `on` as each page begins and as each
/// is done (in the order they finish), on the calling thread.
fn fetch_all(fetch: &dyn Fetch, urls: &[String], limit: u64, on: &mut dyn FnMut(Step)) {
    enum Report {
        Started(usize),
        Done(usize, std::result::Result<Fetched, String>),
    }
    let next = AtomicUsize::new(0);
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
                    on(Step::Started(Fetching {
                        started,
                        total: urls.len(),
                        host: host(&urls[i]),
                    }));
                }
                Report::Done(i, result) => on(Step::Done(i, result)),
            }
        }
    });
}

/// The story as read while its pages arrive: the files' articles and the pages read so far,
/// each in its place.
#[derive(Debug, Clone, Copy)]
pub struct SoFar<'a> {
    title: Option<&'a str>,
    files: &'a [RawArticle],
    places: &'a [Pending],
    pages: &'a [Option<Result<RawArticle>>],
}

impl SoFar<'_> {
    /// The articles read so far, numbered as the story will number them once every page is in
    /// (leaving out the pages still on their way or failed).
    pub fn corpus(&self) -> Corpus {
        let mut raws = Vec::with_capacity(self.files.len() + self.pages.len());
        let mut files = self.files.iter();
        let mut placed = 0;
        for (place, page) in self.places.iter().zip(self.pages) {
            raws.extend(files.by_ref().take(place.at - placed).cloned());
            placed = place.at;
            if let Some(Ok(raw)) = page {
                raws.push(raw.clone());
            }
        }
        raws.extend(files.cloned());
        super::build(self.title.map(str::to_string), raws)
    }
}

/// Fetches the URLs the budget holds places for and puts their articles in those places;
/// returns how many failed. Each page is read into its article as it arrives, and the story so
/// far is told as `Event::Arrived`; failures are told once every page is in, in the order
/// given.
pub(super) fn fetch_pending(
    budget: &mut Budget,
    title: Option<&str>,
    fetch: Option<&dyn Fetch>,
    events: &mut dyn FnMut(Event),
) -> Result<usize> {
    let pending = std::mem::take(&mut budget.pending);
    let Some(first) = pending.first() else {
        return Ok(0);
    };
    let Some(fetch) = fetch else {
        return Err(Error::NoWeb {
            url: first.url.clone(),
        });
    };
    let limits = budget.limits.clone();
    let files = std::mem::take(&mut budget.articles);
    let urls: Vec<String> = pending.iter().map(|p| p.url.clone()).collect();
    let mut pages: Vec<Option<Result<RawArticle>>> = (0..urls.len()).map(|_| None).collect();
    if !files.is_empty() {
        events(Event::Arrived(SoFar {
            title,
            files: &files,
            places: &pending,
            pages: &pages,
        }));
    }
    fetch_all(fetch, &urls, limits.max_article_bytes, &mut |step| match step {
        Step::Started(at) => events(Event::Fetching(at)),
        Step::Done(i, result) => {
            let place = &pending[i];
            let read = result
                .map_err(|reason| Error::Fetch {
                    url: place.url.clone(),
                    reason,
                })
                .and_then(|page| article(&place.url, page, &limits))
                .map(|raw| place.over(raw));
            let arrived = read.is_ok();
            pages[i] = Some(read);
            if let Some(warning) = fetch.warning() {
                events(Event::Warned(&warning));
            }
            if arrived {
                events(Event::Arrived(SoFar {
                    title,
                    files: &files,
                    places: &pending,
                    pages: &pages,
                }));
            }
        }
    });
    // Each place counts the files' articles read before it.
    let mut local = files.into_iter();
    let (mut placed, mut failed) = (0, 0);
    for (place, page) in pending.iter().zip(pages) {
        budget.articles.extend(local.by_ref().take(place.at - placed));
        placed = place.at;
        // A page never reported done fails like any other.
        let page = page.unwrap_or_else(|| {
            Err(Error::Fetch {
                url: place.url.clone(),
                reason: "the fetch stopped unexpectedly".into(),
            })
        });
        match page {
            Ok(raw) => budget.add(Path::new(&place.url), vec![raw])?,
            Err(why) => {
                failed += 1;
                events(Event::Failed(&why));
            }
        }
    }
    budget.articles.extend(local);
    if failed > 0 && budget.articles.len() < 2 {
        return Err(Error::TooFewLeft { failed });
    }
    Ok(failed)
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
    use std::path::PathBuf;
    use std::sync::{Condvar, Mutex};

    /// Pages of plain text named by their URL's path; `/held` is answered only once the gate
    /// is opened. The first page fetched leaves a warning to tell.
    struct Gated {
        gate: (Mutex<bool>, Condvar),
        warning: Mutex<Option<String>>,
    }

    impl Fetch for Gated {
        fn fetch(&self, url: &str, _: u64) -> std::result::Result<Fetched, String> {
            if url.ends_with("/held") {
                // Bounded, so a load that never opens the gate fails the test instead of hanging.
                let (open, opened) = &self.gate;
                let open = open.lock().unwrap();
                let _ = opened
                    .wait_timeout_while(open, std::time::Duration::from_secs(20), |open| !*open)
                    .unwrap();
            }
            if url.ends_with("/gone") {
                return Err("HTTP 404 Not Found".into());
            }
            Ok(Fetched {
                url: url.to_string(),
                content_type: Some("text/plain".into()),
                body: format!("The page at {url}.").into_bytes(),
            })
        }

        fn warning(&self) -> Option<String> {
            self.warning.lock().unwrap().take()
        }
    }

    #[test]
    fn the_story_so_far_is_told_as_each_page_arrives() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("wire.txt");
        std::fs::write(&file, "A file read first.").unwrap();
        let paths: Vec<PathBuf> = [
            "http://a.example/held",
            file.to_str().unwrap(),
            "http://b.example/gone",
            "http://c.example/fast",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let fetch = Gated {
            gate: (Mutex::new(false), Condvar::new()),
            warning: Mutex::new(Some("the cache cannot be written".into())),
        };
        let mut told = Vec::new();
        let loaded =
            crate::ingest::load_from(&paths, &IngestSettings::default(), Some(&fetch), &mut |event| {
                match event {
                    Event::Arrived(so_far) => {
                        let corpus = so_far.corpus();
                        let sources: Vec<String> = corpus.articles.iter().map(|a| a.source.clone()).collect();
                        if sources.iter().any(|s| s == "c.example") {
                            // The fast page is in while the held one still waits: let it come.
                            *fetch.gate.0.lock().unwrap() = true;
                            fetch.gate.1.notify_all();
                        }
                        told.push(format!("arrived {}", sources.join(", ")));
                    }
                    Event::Warned(why) => told.push(format!("warned {why}")),
                    Event::Failed(why) => told.push(format!("failed {why}")),
                    Event::Fetching(_) | Event::Skipped(_) => {}
                }
            })
            .unwrap();
        let arrived: Vec<&String> = told.iter().filter(|t| t.starts_with("arrived")).collect();
        assert_eq!(
            arrived,
            [
                "arrived wire",
                "arrived wire, c.example",
                "arrived a.example, wire, c.example",
            ],
            "{told:?}"
        );
        assert_eq!(
            told.iter().filter(|t| t.starts_with("warned")).count(),
            1,
            "{told:?}"
        );
        assert_eq!(
            told.last().unwrap(),
            "failed http://b.example/gone: HTTP 404 Not Found",
            "failures are told once every page is in"
        );
        let last = loaded
            .corpus
            .articles
            .iter()
            .map(|a| (a.source.as_str(), a.text.as_str()));
        assert_eq!(
            last.collect::<Vec<_>>(),
            [
                ("a.example", "The page at http://a.example/held."),
                ("wire", "A file read first."),
                ("c.example", "The page at http://c.example/fast."),
            ]
        );
        assert_eq!(loaded.failed, 1);
    }

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
