//! The cache of fetched pages: one file per URL in the cache folder, named by a hash of the URL,
//! holding the response's body with what is needed to use it again (final URL, content type)
//! and to ask whether it changed (`ETag`, `Last-Modified`).
//!
//! The one decision to know: a file is one line of JSON (the metadata, the URL among it) and
//! then the body's bytes, written atomically. A file that is damaged, too large, or holds
//! another URL whose hash is the same is a miss, never an error: the page is fetched again.

use crate::fsutil::{self, IfExists};
use crate::ingest::Fetched;
use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Path, PathBuf};

/// Room for the metadata line beyond the body's limit.
const META_MAX_BYTES: u64 = 64 * 1024;

/// One cached response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The URL asked for, which keys the entry.
    pub url: String,
    /// The URL the body came from, after redirects.
    pub final_url: String,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub body: Vec<u8>,
}

impl Entry {
    pub fn into_fetched(self) -> Fetched {
        Fetched {
            url: self.final_url,
            content_type: self.content_type,
            body: self.body,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Meta {
    url: String,
    final_url: String,
    content_type: Option<String>,
    etag: Option<String>,
    last_modified: Option<String>,
}

/// The cache in one folder, created when the first page is kept.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    pub fn new(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    /// The folder the pages are kept in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file that holds `url`'s page.
    pub fn path_of(&self, url: &str) -> PathBuf {
        self.dir.join(format!("{:016x}.page", fnv1a(url.as_bytes())))
    }

    /// The page kept for `url`, if there is a sound one with a body of at most `limit` bytes.
    pub fn get(&self, url: &str, limit: u64) -> Option<Entry> {
        let bytes = fsutil::read_regular(&self.path_of(url), limit.saturating_add(META_MAX_BYTES)).ok()?;
        let newline = bytes.iter().position(|&b| b == b'\n')?;
        let meta: Meta = serde_json::from_slice(&bytes[..newline]).ok()?;
        let body = bytes[newline + 1..].to_vec();
        (meta.url == url && body.len() as u64 <= limit).then_some(Entry {
            url: meta.url,
            final_url: meta.final_url,
            content_type: meta.content_type,
            etag: meta.etag,
            last_modified: meta.last_modified,
            body,
        })
    }

    /// Keeps a page, replacing what was kept for its URL.
    pub fn put(&self, entry: &Entry) -> io::Result<()> {
        let meta = Meta {
            url: entry.url.clone(),
            final_url: entry.final_url.clone(),
            content_type: entry.content_type.clone(),
            etag: entry.etag.clone(),
            last_modified: entry.last_modified.clone(),
        };
        let mut bytes = serde_json::to_vec(&meta)?;
        bytes.push(b'\n');
        bytes.extend_from_slice(&entry.body);
        std::fs::create_dir_all(&self.dir)?;
        fsutil::write_atomically(&self.path_of(&entry.url), &bytes, IfExists::Replace)
    }
}

/// FNV-1a, 64 bits: stable across versions and platforms, which a file name must be.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(url: &str) -> Entry {
        Entry {
            url: url.into(),
            final_url: format!("{url}/final"),
            content_type: Some("text/html".into()),
            etag: Some("\"v1\"".into()),
            last_modified: None,
            body: b"<p>body\nwith lines</p>".to_vec(),
        }
    }

    #[test]
    fn a_kept_page_comes_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("pages"));
        let kept = entry("http://a.example/1");
        cache.put(&kept).unwrap();
        assert_eq!(cache.get("http://a.example/1", 1000), Some(kept));
        assert_eq!(cache.get("http://a.example/2", 1000), None);
        assert_eq!(cache.get("http://a.example/1", 5), None, "over the limit: a miss");
    }

    #[test]
    fn a_damaged_or_borrowed_file_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().to_path_buf());
        let url = "http://a.example/1";
        std::fs::write(cache.path_of(url), b"not json\nbody").unwrap();
        assert_eq!(cache.get(url, 1000), None);
        let other = entry("http://b.example/");
        cache.put(&other).unwrap();
        std::fs::rename(cache.path_of("http://b.example/"), cache.path_of(url)).unwrap();
        assert_eq!(cache.get(url, 1000), None, "another URL's page is not this one's");
    }

    #[test]
    fn the_hash_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
