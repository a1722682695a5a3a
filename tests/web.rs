//! Articles given as URLs, fetched from a server the tests start on 127.0.0.1: what is kept of
//! a page, redirects, failures named one line each with the others still read, size limits,
//! compression, the charset of the `Content-Type`, content types refused, the cache
//! (revalidation, `--offline`, `--refresh`), `--urls` lists and manifests with URLs.
#![cfg(feature = "web")]

#[path = "support/cli.rs"]
mod cli;
#[path = "support/server.rs"]
mod server;

use serde_json::Value;
use server::{Response, Server};
use std::io::Write;
use std::path::Path;
use std::time::Duration;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

const HTML: &str = "text/html; charset=utf-8";

/// The pages every test may ask for.
fn pages(path: &str) -> Response {
    match path {
        "/harbour" => Response::ok(HTML, fixture("html/harbour-daily.html")),
        "/coastal" => Response::ok(HTML, fixture("html/coastal-wire.htm")),
        "/plain" => Response::ok("text/plain", fixture("charset/harbour-wire.txt")),
        "/hop1" => Response::redirect("/hop2"),
        "/hop2" => Response::redirect("hop3"),
        "/hop3" => Response::redirect("/bare"),
        "/bare" => Response::ok(HTML, without_head(&fixture("html/coastal-wire.htm"))),
        "/loop" => Response::redirect("/loop"),
        "/to-file" => Response::redirect("file:///etc/passwd"),
        "/missing" => Response::status(404),
        "/broken" => Response::status(500),
        "/pdf" => Response::ok("application/pdf", b"%PDF-1.4 not an article".to_vec()),
        "/slow" => Response {
            delay: Duration::from_secs(4),
            ..Response::ok(HTML, fixture("html/coastal-wire.htm"))
        },
        "/huge" => Response::ok(HTML, huge_page()),
        "/huge-unsized" => Response {
            length: false,
            ..Response::ok(HTML, huge_page())
        },
        "/gzip" => {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(&fixture("html/coastal-wire.htm")).unwrap();
            Response::ok(HTML, gz.finish().unwrap()).with("Content-Encoding", "gzip")
        }
        "/latin" => {
            let page = fixture("charset/quayside-windows-1252.html");
            let undeclared = strip(&page, b"<meta charset=\"windows-1252\">");
            Response::ok("text/html; charset=windows-1252", undeclared)
        }
        _ => Response::status(404),
    }
}

fn strip(bytes: &[u8], needle: &[u8]) -> Vec<u8> {
    let at = bytes.windows(needle.len()).position(|w| w == needle).unwrap();
    [&bytes[..at], &bytes[at + needle.len()..]].concat()
}

/// A page with its head left out: no metadata of its own.
fn without_head(page: &[u8]) -> Vec<u8> {
    let find = |needle: &[u8]| page.windows(needle.len()).position(|w| w == needle).unwrap();
    [&page[..find(b"<head>")], &page[find(b"</head>") + 7..]].concat()
}

fn huge_page() -> Vec<u8> {
    format!("<html><body><p>{}</p></body></html>", "word ".repeat(40_000)).into_bytes()
}

/// A run of `parallax` with its own cache and data folders.
struct Run {
    home: tempfile::TempDir,
}

impl Run {
    fn new() -> Run {
        Run {
            home: tempfile::tempdir().unwrap(),
        }
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = cli::parallax();
        cmd.env("HOME", self.home.path())
            .env("XDG_CACHE_HOME", self.home.path().join("cache"))
            .env("XDG_DATA_HOME", self.home.path().join("data"))
            .env("XDG_CONFIG_HOME", self.home.path().join("config"))
            .timeout(Duration::from_secs(60));
        cmd
    }

    /// `align --format json ARGS`: the exit code, the JSON (if any) and standard error.
    fn align(&self, args: &[&str]) -> (Option<i32>, Option<Value>, String) {
        let out = self
            .cmd()
            .arg("align")
            .args(args)
            .args(["--format", "json", "--set", "ingest.fetch_timeout_secs=2"])
            .output()
            .unwrap();
        let json = serde_json::from_slice(&out.stdout).ok();
        (
            out.status.code(),
            json,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

fn articles(doc: &Value) -> &Vec<Value> {
    doc["articles"].as_array().unwrap()
}

#[test]
fn pages_are_read_from_their_urls() {
    let server = Server::start(|r| pages(&r.path));
    let (code, doc, err) = Run::new().align(&[&server.url("/harbour"), &server.url("/coastal")]);
    assert_eq!(code, Some(0), "stderr: {err}");
    let doc = doc.unwrap();
    let a = articles(&doc);
    assert_eq!(a.len(), 2);
    assert_eq!(a[0]["source"], "The Harbour Daily", "the site name");
    assert_eq!(
        a[0]["url"], "https://harbourdaily.example/news/2024/03/bridge-reopens",
        "the page's own URL"
    );
    assert!(a[0]["date"].as_str().unwrap().starts_with("2024-03-14"));
    assert_eq!(
        a[1]["source"], "127.0.0.1",
        "no site name: the host, not the byline"
    );
    assert_eq!(
        a[1]["url"],
        "https://coastalwire.example/2024/03/14/bridge-open-again"
    );
    assert!(a[1]["text"].as_str().unwrap().contains("burning lorry"));
    assert!(!doc["events"].as_array().unwrap().is_empty(), "the pages align");
    let agent = server.requests()[0].header("user-agent").unwrap().to_string();
    assert_eq!(agent, format!("parallax/{}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn urls_mix_with_files_in_the_order_given() {
    let server = Server::start(|r| pages(&r.path));
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/harbour-daily.html");
    let (code, doc, err) = Run::new().align(&[&server.url("/plain"), file.to_str().unwrap()]);
    assert_eq!(code, Some(0), "stderr: {err}");
    let doc = doc.unwrap();
    assert_eq!(articles(&doc)[0]["source"], "127.0.0.1");
    assert_eq!(articles(&doc)[1]["source"], "The Harbour Daily");
}

#[test]
fn redirects_are_followed_to_the_final_url() {
    let server = Server::start(|r| pages(&r.path));
    let (code, doc, err) = Run::new().align(&[&server.url("/hop1"), &server.url("/harbour")]);
    assert_eq!(code, Some(0), "stderr: {err}");
    let doc = doc.unwrap();
    assert_eq!(
        articles(&doc)[0]["url"],
        server.url("/bare"),
        "no URL of its own: the final one"
    );
    assert!(
        articles(&doc)[0]["text"]
            .as_str()
            .unwrap()
            .contains("burning lorry")
    );
}

/// Runs with two good pages and one bad: the bad one is named with why on one line, the
/// others are read and the run ends with 3.
fn left_out(path: &str, reason: &str) {
    let server = Server::start(|r| pages(&r.path));
    let bad = server.url(path);
    let (code, doc, err) = Run::new().align(&[&server.url("/harbour"), &bad, &server.url("/coastal")]);
    assert_eq!(code, Some(3), "stderr: {err}");
    assert_eq!(articles(&doc.unwrap()).len(), 2);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {err:?}");
    assert!(lines[0].contains(&bad), "names the URL: {err:?}");
    assert!(lines[0].contains(reason), "{err:?} lacks {reason:?}");
}

#[test]
fn a_missing_page_is_left_out() {
    left_out("/missing", "HTTP 404 Not Found");
}

#[test]
fn a_server_error_is_left_out() {
    left_out("/broken", "HTTP 500 Internal Server Error");
}

#[test]
fn a_redirect_to_a_file_url_is_refused() {
    left_out(
        "/to-file",
        "redirected to file:///etc/passwd, which is not an http or https URL",
    );
}

#[test]
fn endless_redirects_stop() {
    left_out("/loop", "more than 5 redirects");
}

#[test]
fn a_pdf_is_refused_by_its_type() {
    left_out(
        "/pdf",
        "the content type application/pdf is not a page, text or JSON",
    );
}

#[test]
fn a_slow_page_times_out() {
    left_out("/slow", "timed out");
}

#[test]
fn a_refused_connection_is_left_out() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let server = Server::start(|r| pages(&r.path));
    let bad = format!("http://127.0.0.1:{port}/x");
    let (code, _, err) = Run::new().align(&[&server.url("/harbour"), &bad, &server.url("/coastal")]);
    assert_eq!(code, Some(3), "stderr: {err}");
    assert!(err.contains(&bad) && err.contains("connection refused"), "{err}");
}

#[test]
fn pages_over_the_limit_are_refused_while_read() {
    for path in ["/huge", "/huge-unsized"] {
        let server = Server::start(|r| pages(&r.path));
        let bad = server.url(path);
        let (code, _, err) = Run::new().align(&[
            &server.url("/harbour"),
            &bad,
            &server.url("/coastal"),
            "--set",
            "ingest.max_article_bytes=100000",
        ]);
        assert_eq!(code, Some(3), "{path}: {err}");
        assert!(err.contains("over the limit of 100000 bytes"), "{path}: {err}");
    }
}

#[test]
fn compressed_pages_are_decoded() {
    let server = Server::start(|r| pages(&r.path));
    let (code, doc, err) = Run::new().align(&[&server.url("/gzip"), &server.url("/harbour")]);
    assert_eq!(code, Some(0), "stderr: {err}");
    assert!(
        articles(&doc.unwrap())[0]["text"]
            .as_str()
            .unwrap()
            .contains("burning lorry")
    );
    let asked = server.requests()[0]
        .header("accept-encoding")
        .unwrap_or("")
        .to_string();
    assert!(asked.contains("gzip"), "{asked}");
}

#[test]
fn the_charset_of_the_content_type_is_used() {
    let server = Server::start(|r| pages(&r.path));
    let (code, doc, err) = Run::new().align(&[&server.url("/latin"), &server.url("/harbour")]);
    assert_eq!(code, Some(0), "stderr: {err}");
    let doc = doc.unwrap();
    assert_eq!(
        articles(&doc)[0]["title"],
        "Café owners count the cost of the bridge closure"
    );
    assert!(
        articles(&doc)[0]["text"]
            .as_str()
            .unwrap()
            .contains("Renée Dubois")
    );
}

#[test]
fn all_failing_is_an_error() {
    let server = Server::start(|r| pages(&r.path));
    let (code, doc, err) = Run::new().align(&[&server.url("/missing"), &server.url("/broken")]);
    assert_eq!(code, Some(1), "stderr: {err}");
    assert!(doc.is_none());
    assert_eq!(err.lines().count(), 3, "{err}");
    assert!(
        err.contains("2 URLs failed: fewer than two articles are left to compare"),
        "{err}"
    );
}

#[test]
fn other_schemes_are_refused() {
    for url in [
        "file:///etc/passwd",
        "ftp://example.com/a.txt",
        "javascript:alert(1)",
    ] {
        let (code, _, err) = Run::new().align(&[url, "-"]);
        assert_eq!(code, Some(1), "{url}: {err}");
        assert!(err.contains("only http and https URLs are read"), "{url}: {err}");
    }
}

/// A page that carries validators and answers 304 when they come back.
fn validated(r: &server::Request) -> Response {
    match r.path.as_str() {
        "/tagged" if r.header("if-none-match") == Some("\"v1\"") => Response::status(304),
        "/tagged" => Response::ok(HTML, fixture("html/harbour-daily.html")).with("ETag", "\"v1\""),
        "/dated" if r.header("if-modified-since").is_some() => Response::status(304),
        "/dated" => Response::ok(HTML, fixture("html/coastal-wire.htm"))
            .with("Last-Modified", "Thu, 14 Mar 2024 18:05:00 GMT"),
        path => pages(path),
    }
}

#[test]
fn a_second_run_revalidates_the_cached_pages() {
    let server = Server::start(validated);
    let run = Run::new();
    let urls = [server.url("/tagged"), server.url("/dated")];
    let args: Vec<&str> = urls.iter().map(String::as_str).collect();
    let (code, first, err) = run.align(&args);
    assert_eq!(code, Some(0), "{err}");
    let (code, second, err) = run.align(&args);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(first, second, "the cached pages read as the fetched ones");
    let requests = server.requests();
    assert_eq!(requests.len(), 4);
    let again: Vec<_> = requests[2..].iter().collect();
    let tagged = again.iter().find(|r| r.path == "/tagged").unwrap();
    assert_eq!(tagged.header("if-none-match"), Some("\"v1\""));
    let dated = again.iter().find(|r| r.path == "/dated").unwrap();
    assert_eq!(
        dated.header("if-modified-since"),
        Some("Thu, 14 Mar 2024 18:05:00 GMT")
    );
    let kept = std::fs::read_dir(run.home.path().join("cache/parallax/pages"))
        .unwrap()
        .count();
    assert_eq!(kept, 2, "one file per URL in the platform cache folder");
}

#[test]
fn offline_reads_the_cache_only_and_names_what_it_lacks() {
    let server = Server::start(validated);
    let run = Run::new();
    let (tagged, dated, bare) = (server.url("/tagged"), server.url("/dated"), server.url("/bare"));
    assert_eq!(run.align(&[&tagged, &dated]).0, Some(0));
    let before = server.requests().len();
    let (code, doc, err) = run.align(&["--offline", &tagged, &dated, &bare]);
    assert_eq!(server.requests().len(), before, "no request at all");
    assert_eq!(code, Some(3), "{err}");
    assert_eq!(articles(&doc.unwrap()).len(), 2);
    assert!(
        err.contains(&bare) && err.contains("not in the cache (--offline)"),
        "{err}"
    );
}

#[test]
fn refresh_fetches_again_without_validators() {
    let server = Server::start(validated);
    let run = Run::new();
    let (tagged, dated) = (server.url("/tagged"), server.url("/dated"));
    assert_eq!(run.align(&[&tagged, &dated]).0, Some(0));
    let (code, _, err) = run.align(&["--refresh", &tagged, &dated]);
    assert_eq!(code, Some(0), "{err}");
    let requests = server.requests();
    assert_eq!(requests.len(), 4);
    assert!(
        requests[2..]
            .iter()
            .all(|r| r.header("if-none-match").is_none() && r.header("if-modified-since").is_none())
    );
}

#[test]
fn a_list_of_urls_is_read_from_a_file_or_standard_input() {
    let server = Server::start(|r| pages(&r.path));
    let run = Run::new();
    let list = run.home.path().join("links.txt");
    let text = format!(
        "# today's coverage\n\n{}\n  {}  \n",
        server.url("/harbour"),
        server.url("/coastal")
    );
    std::fs::write(&list, &text).unwrap();
    let (code, doc, err) = run.align(&["--urls", list.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(articles(&doc.unwrap()).len(), 2);
    let out = run
        .cmd()
        .args(["align", "--urls", "-", &server.url("/plain")])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(articles(&doc).len(), 3);
    std::fs::write(&list, "https://a.example/x\nnotes.txt\n").unwrap();
    let (code, _, err) = run.align(&["--urls", list.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("links.txt: line 2: `notes.txt` is not an http or https URL"),
        "{err}"
    );
}

#[test]
fn a_manifest_entry_may_name_a_url_instead_of_a_path() {
    let server = Server::start(|r| pages(&r.path));
    let run = Run::new();
    let story = run.home.path().join("story");
    std::fs::create_dir(&story).unwrap();
    std::fs::write(story.join("wire.txt"), fixture("charset/harbour-wire.txt")).unwrap();
    let manifest = format!(
        "title = \"Bridge\"\n[[article]]\nurl = \"{}\"\nsource = \"Harbour\"\n\n[[article]]\npath = \"wire.txt\"\n\n[[article]]\nsource = \"Nothing\"\n",
        server.url("/harbour")
    );
    std::fs::write(story.join("story.toml"), &manifest).unwrap();
    let (code, _, err) = run.align(&[story.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert!(err.contains("an [[article]] needs a `path` or a `url`"), "{err}");
    let manifest = manifest.replace("[[article]]\nsource = \"Nothing\"\n", "");
    std::fs::write(story.join("story.toml"), manifest).unwrap();
    let (code, doc, err) = run.align(&[story.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let doc = doc.unwrap();
    assert_eq!(articles(&doc)[0]["source"], "Harbour", "the manifest's word wins");
    assert_eq!(articles(&doc)[0]["url"], server.url("/harbour"));
    assert_eq!(
        articles(&doc)[0]["title"],
        "Harbour bridge reopens after seven-hour closure"
    );
    assert_eq!(articles(&doc).len(), 2);
}

#[test]
fn a_cache_that_cannot_be_written_is_named_once_and_the_pages_still_read() {
    let server = Server::start(|r| pages(&r.path));
    let run = Run::new();
    // The cache's home is a file, so no folder can be made in it.
    std::fs::write(run.home.path().join("cache"), b"a file").unwrap();
    let (code, doc, err) = run.align(&[&server.url("/harbour"), &server.url("/coastal")]);
    assert_eq!(code, Some(0), "stderr: {err}");
    assert_eq!(articles(&doc.unwrap()).len(), 2);
    let cache = run.home.path().join("cache/parallax/pages");
    assert_eq!(
        err,
        format!(
            "parallax: the page cache cannot be written: {}: Not a directory (os error 20); pages are fetched again next time\n",
            cache.display()
        ),
        "one line for both pages"
    );
    // The next run has nothing cached: it asks for both pages again, without validators.
    let (code, _, err) = run.align(&[&server.url("/harbour"), &server.url("/coastal")]);
    assert_eq!(code, Some(0), "stderr: {err}");
    let requests = server.requests();
    assert_eq!(requests.len(), 4);
    assert!(requests.iter().all(|r| r.header("if-none-match").is_none()));
}

/// A name that cannot be resolved (`.invalid` never is) is left out like any other failure,
/// named with why. Nothing here needs the outside network: with no resolver to ask, the
/// lookup fails (or, if it hangs, times out) all the same.
#[test]
fn a_host_that_cannot_be_found_is_left_out() {
    let server = Server::start(|r| pages(&r.path));
    let bad = "http://nonexistent.invalid/news";
    let (code, doc, err) = Run::new().align(&[&server.url("/harbour"), bad, &server.url("/coastal")]);
    assert_eq!(code, Some(3), "stderr: {err}");
    assert_eq!(articles(&doc.unwrap()).len(), 2, "the others are read");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {err:?}");
    let prefix = format!("parallax: left out {bad}: ");
    let reason = lines[0]
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{err:?}"));
    assert!(
        reason.starts_with("cannot look up nonexistent.invalid: ") || reason == "timed out",
        "{reason:?}"
    );
    assert!(reason.len() > "cannot look up nonexistent.invalid: ".len() || reason == "timed out");
}
