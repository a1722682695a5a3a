//! Fetching pages from the web (feature `web`): an `http(s)` URL → its body, content type and
//! final URL, for ingest (`ingest::Fetch`). Built on `ureq` with rustls: blocking, small, no
//! OpenSSL, no cookie store.
//!
//! The one decision to know: redirects are followed here, not by the client, so that each hop
//! is checked (at most `MAX_REDIRECTS`, never to a scheme other than `http` or `https`) and the
//! final URL is known; the total timeout covers every hop and the body. The body is read
//! through `fsutil::read_limited`, which stops one byte past the limit, so a page without a
//! `Content-Length` cannot fill memory either. Responses are kept in a `cache::Cache` with
//! their validators; what a run does with it is its `Mode`.

pub mod cache;

use crate::fsutil::{self, ReadError};
use crate::ingest::{self, Fetch, Fetched};
use cache::{Cache, Entry};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use ureq::http::{HeaderMap, StatusCode};

/// Redirects followed for one page.
pub const MAX_REDIRECTS: usize = 5;

/// The `User-Agent` sent: the program and its version.
pub const USER_AGENT: &str = concat!("parallax/", env!("CARGO_PKG_VERSION"));

/// What a run does with the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Use a cached page after asking the server whether it changed (`If-None-Match`,
    /// `If-Modified-Since`).
    #[default]
    Revalidate,
    /// Use cached pages only; fetch nothing.
    Offline,
    /// Fetch every page again, replacing what the cache holds.
    Refresh,
}

/// How pages are fetched.
#[derive(Debug, Clone)]
pub struct Options {
    pub connect_timeout: Duration,
    pub total_timeout: Duration,
    /// The cache's folder; `None`: nothing is cached.
    pub cache_dir: Option<std::path::PathBuf>,
    pub mode: Mode,
}

/// A fetcher of pages, shared by ingest's threads.
pub struct Web {
    agent: ureq::Agent,
    cache: Option<Cache>,
    options: Options,
    /// Why the cache could not be written, until it is told; told once a run.
    unkept: Mutex<Unkept>,
}

/// Whether a page could not be kept in the cache, and whether that was told.
#[derive(Debug, Default)]
enum Unkept {
    #[default]
    None,
    Untold(String),
    Told,
}

/// What one request came back with.
enum Answer {
    Page(Entry),
    NotModified,
}

impl Web {
    pub fn new(options: Options) -> Web {
        let agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(USER_AGENT)
            .timeout_connect(Some(options.connect_timeout))
            .build()
            .new_agent();
        Web {
            agent,
            cache: options.cache_dir.clone().map(Cache::new),
            options,
            unkept: Mutex::new(Unkept::None),
        }
    }

    /// Notes that a page could not be kept, the first time only.
    fn unkept(&self, dir: &Path, e: &std::io::Error) {
        if let Ok(mut unkept) = self.unkept.lock()
            && matches!(*unkept, Unkept::None)
        {
            *unkept = Unkept::Untold(format!(
                "the page cache cannot be written: {}: {e}; pages are fetched again next time",
                dir.display()
            ));
        }
    }

    /// Requests `url`, following redirects; validators go with the request that asks for the
    /// URL the cached page came from.
    fn request(&self, url: &str, cached: Option<&Entry>, limit: u64) -> Result<Answer, String> {
        let deadline = Instant::now() + self.options.total_timeout;
        let mut current = url.to_string();
        for _ in 0..=MAX_REDIRECTS {
            let left = deadline.saturating_duration_since(Instant::now());
            let mut request = self
                .agent
                .get(&current)
                .config()
                .timeout_global(Some(left))
                .build();
            let validators = cached.filter(|e| e.final_url == current);
            if let Some(entry) = validators {
                if let Some(etag) = &entry.etag {
                    request = request.header("If-None-Match", etag);
                }
                if let Some(date) = &entry.last_modified {
                    request = request.header("If-Modified-Since", date);
                }
            }
            let response = request.call().map_err(|e| describe(e, ingest::host(&current)))?;
            let status = response.status();
            if status == StatusCode::NOT_MODIFIED && validators.is_some() {
                return Ok(Answer::NotModified);
            }
            if status.is_redirection() {
                current = redirect(&current, response.headers())?;
                continue;
            }
            if !status.is_success() {
                return Err(format!(
                    "HTTP {} {}",
                    status.as_u16(),
                    status.canonical_reason().unwrap_or("")
                )
                .trim_end()
                .to_string());
            }
            let headers = response.headers().clone();
            let body = response.into_body();
            let known = body.content_length();
            let bytes = fsutil::read_limited(body.into_reader(), known, limit).map_err(|e| match e {
                ReadError::TooLarge(_) => format!(
                    "the page is over the limit of {limit} bytes per article (ingest.max_article_bytes)"
                ),
                ReadError::Io(e) => e.to_string(),
                ReadError::NotRegular(_) => "not a page".to_string(),
            })?;
            return Ok(Answer::Page(Entry {
                url: url.to_string(),
                final_url: current,
                content_type: header(&headers, "content-type"),
                etag: header(&headers, "etag"),
                last_modified: header(&headers, "last-modified"),
                body: bytes,
            }));
        }
        Err(format!("more than {MAX_REDIRECTS} redirects"))
    }
}

impl Fetch for Web {
    fn fetch(&self, url: &str, limit: u64) -> Result<Fetched, String> {
        let cached = match self.options.mode {
            Mode::Refresh => None,
            _ => self.cache.as_ref().and_then(|c| c.get(url, limit)),
        };
        if self.options.mode == Mode::Offline {
            return cached
                .map(Entry::into_fetched)
                .ok_or_else(|| "not in the cache (--offline)".to_string());
        }
        match self.request(url, cached.as_ref(), limit)? {
            Answer::NotModified => cached
                .map(Entry::into_fetched)
                .ok_or_else(|| "the server answered 304 to an unconditional request".into()),
            Answer::Page(entry) => {
                if let Some(cache) = &self.cache
                    && let Err(e) = cache.put(&entry)
                {
                    // A page that cannot be kept is still read; the next run fetches it again.
                    self.unkept(cache.dir(), &e);
                }
                Ok(entry.into_fetched())
            }
        }
    }

    fn warning(&self) -> Option<String> {
        let mut unkept = self.unkept.lock().ok()?;
        match std::mem::replace(&mut *unkept, Unkept::Told) {
            Unkept::Untold(why) => Some(why),
            before => {
                *unkept = before;
                None
            }
        }
    }
}

/// A header's value as text, if it is sent and is text.
fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name)?.to_str().ok().map(str::to_string)
}

/// Where a redirect leads, resolved against the URL it came from; only to `http(s)`.
fn redirect(from: &str, headers: &HeaderMap) -> Result<String, String> {
    let location = header(headers, "location").ok_or("a redirect without a Location")?;
    let to = resolve(from, location.trim());
    if ingest::is_web(&to) {
        Ok(to)
    } else {
        Err(format!("redirected to {to}, which is not an http or https URL"))
    }
}

/// A `Location` resolved against the URL it was sent for: absolute, scheme-relative (`//h/p`),
/// absolute path (`/p`) or relative to the current folder.
fn resolve(base: &str, location: &str) -> String {
    if ingest::looks_like_url(location) {
        return location.to_string();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("http", base));
    if let Some(tail) = location.strip_prefix("//") {
        return format!("{scheme}://{tail}");
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let root = format!("{scheme}://{authority}");
    if location.starts_with('/') {
        return format!("{root}{location}");
    }
    let path = rest[authority.len()..].split(['?', '#']).next().unwrap_or("");
    let folder = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    format!("{root}{folder}/{location}")
}

/// A client error in a few words; `host` is the host asked for.
fn describe(e: ureq::Error, host: &str) -> String {
    match e {
        ureq::Error::Timeout(_) => "timed out".into(),
        ureq::Error::HostNotFound => format!("cannot look up {host}: no address"),
        ureq::Error::Io(e) => match e.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
            std::io::ErrorKind::TimedOut => "timed out".into(),
            _ => {
                // The system resolver's failures come as "failed to lookup address
                // information: Name or service not known" (or "Temporary failure in name
                // resolution" when no resolver answers).
                let text = e.to_string();
                match text.strip_prefix(LOOKUP_FAILED) {
                    Some(why) => format!("cannot look up {host}: {}", why.trim_start_matches([':', ' '])),
                    None => text,
                }
            }
        },
        other => other.to_string(),
    }
}

/// How the standard library words a failed name lookup.
const LOOKUP_FAILED: &str = "failed to lookup address information";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_lookups_name_the_host_and_why() {
        let lookup = |why: &str| {
            let e = std::io::Error::other(format!("{LOOKUP_FAILED}: {why}"));
            describe(ureq::Error::Io(e), "news.invalid")
        };
        assert_eq!(
            lookup("Name or service not known"),
            "cannot look up news.invalid: Name or service not known"
        );
        assert_eq!(
            lookup("Temporary failure in name resolution"),
            "cannot look up news.invalid: Temporary failure in name resolution"
        );
        assert_eq!(
            describe(ureq::Error::HostNotFound, "news.invalid"),
            "cannot look up news.invalid: no address"
        );
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert_eq!(describe(ureq::Error::Io(refused), "h"), "connection refused");
    }

    #[test]
    fn locations_resolve_against_the_page() {
        let base = "http://h.example:8/news/a/page?x=1";
        assert_eq!(resolve(base, "https://o.example/p"), "https://o.example/p");
        assert_eq!(resolve(base, "//o.example/p"), "http://o.example/p");
        assert_eq!(resolve(base, "/top"), "http://h.example:8/top");
        assert_eq!(resolve(base, "next"), "http://h.example:8/news/a/next");
        assert_eq!(resolve("http://h.example", "x"), "http://h.example/x");
    }
}
