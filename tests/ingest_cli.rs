//! `parallax align --format json` on every input format, on standard input, and on bad or
//! hostile input: messages name the file and the byte, exit code 1, nothing on stdout.

use serde_json::Value;
use std::path::Path;

#[path = "support/cli.rs"]
mod support;

use support::fails_with_input as fails_with;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// Runs `align --format json` with `stdin` and checks every mention's offsets select its text.
fn align(args: &[&str], stdin: &[u8]) -> Value {
    let doc = support::align_json_with(args, stdin);
    let articles = doc["articles"].as_array().unwrap();
    for event in doc["events"].as_array().unwrap() {
        for m in event["mentions"].as_array().unwrap() {
            let article = articles.iter().find(|a| a["id"] == m["article"]).unwrap();
            let text = article["text"].as_str().unwrap().as_bytes();
            let (start, end) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[start..end], m["text"].as_str().unwrap().as_bytes());
        }
    }
    doc
}

fn sources(doc: &Value) -> Vec<&str> {
    doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["source"].as_str().unwrap())
        .collect()
}

#[test]
fn saved_pages_align_on_their_shared_quote() {
    let doc = align(
        &[
            &fixture("html/harbour-daily.html"),
            &fixture("html/coastal-wire.htm"),
        ],
        b"",
    );
    assert_eq!(sources(&doc), ["The Harbour Daily", "Tom Reyes"]);
    assert_eq!(doc["articles"][0]["date"], "2024-03-14T18:05:00Z");
    let events = doc["events"].as_array().unwrap();
    let safety = events.iter().any(|e| {
        e["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["text"].as_str().unwrap().contains("Safety had to come first"))
    });
    assert!(safety, "the shared quote is an event: {events:?}");
}

#[test]
fn json_and_json_lines_files() {
    let doc = align(
        &[
            &fixture("json/wire.json"),
            &fixture("json/roundup.json"),
            &fixture("json/feed.jsonl"),
        ],
        b"",
    );
    assert_eq!(
        sources(&doc),
        [
            "Metro Wire",
            "Bay Courier",
            "Radio Harbour",
            "Evening Post",
            "Evening Post"
        ]
    );
    assert!(
        doc["articles"][2]["path"]
            .as_str()
            .unwrap()
            .ends_with("roundup.json#2")
    );
}

#[test]
fn stdin_plain_text_is_one_article_byte_for_byte() {
    let text = "[Updated] Bridge reopens\r\nThe bridge reopened on Thursday.\r\n";
    let doc = align(&["-"], text.as_bytes());
    assert_eq!(doc["articles"][0]["path"], "-");
    assert_eq!(doc["articles"][0]["text"], text);
}

#[test]
fn stdin_json_array_and_lines() {
    let array = br#" [{"title": "A", "text": "One."}, {"title": "B", "text": "Two."}]"#;
    let doc = align(&["-"], array);
    assert_eq!(doc["articles"].as_array().unwrap().len(), 2);
    assert_eq!(doc["articles"][1]["path"], "-#2");
    let lines = b"{\"source\": \"S\", \"text\": \"One.\"}\n{\"text\": \"Two.\"}\n";
    let doc = align(&["-", &fixture("json/wire.json")], lines);
    assert_eq!(sources(&doc), ["S", "Article 2", "Metro Wire"]);
}

#[test]
fn stdin_html_page_is_extracted() {
    let page = std::fs::read(fixture("html/coastal-wire.htm")).unwrap();
    let doc = align(&["-"], &page);
    assert_eq!(doc["articles"][0]["title"], "Bridge open again after lorry fire");
}

#[test]
fn utf16_and_crlf_files() {
    let doc = align(
        &[
            &fixture("encoding/utf16le.txt"),
            &fixture("encoding/utf16be.txt"),
            &fixture("encoding/crlf.txt"),
        ],
        b"",
    );
    let texts: Vec<&str> = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    let crlf = std::fs::read_to_string(fixture("encoding/crlf.txt")).unwrap();
    assert_eq!(texts, [crlf.as_str(); 3]);
    assert!(
        !doc["events"].as_array().unwrap().is_empty(),
        "identical articles share events"
    );
}

#[test]
fn bad_encodings_name_file_and_byte() {
    fails_with(
        &[&fixture("bad/latin1.txt")],
        b"",
        &["latin1.txt: not valid UTF-8 at byte 3"],
    );
    fails_with(
        &[&fixture("bad/utf16-no-mark.txt")],
        b"",
        &["utf16-no-mark.txt: looks like UTF-16", "byte 1"],
    );
    fails_with(&["-"], b"Caf\xe9", &["-: not valid UTF-8 at byte 3"]);
    fails_with(
        &["-"],
        b"\xff\xfea\x00\x00\xd8",
        &["-: not valid UTF-16 at byte 4"],
    );
}

#[test]
fn bad_json_names_file_line_and_byte() {
    fails_with(
        &[&fixture("bad/broken.json")],
        b"",
        &["broken.json: invalid JSON at line 4, column 3 (byte 58)"],
    );
    fails_with(
        &[&fixture("bad/bad-entry.jsonl")],
        b"",
        &["bad-entry.jsonl: line 2 (byte 33): no \"text\""],
    );
    fails_with(
        &[&fixture("bad/not-articles.json")],
        b"",
        &["not-articles.json: holds no article objects"],
    );
    fails_with(
        &["-"],
        b"{\"text\": ",
        &["-: invalid JSON at line 1, column 9 (byte 8)"],
    );
}

#[test]
fn page_without_article_text() {
    fails_with(
        &[&fixture("bad/empty-page.html")],
        b"",
        &["empty-page.html: no article text found in the page"],
    );
}

#[test]
fn limits_are_named_in_the_message() {
    let crlf = fixture("encoding/crlf.txt");
    fails_with(
        &[&crlf, "--set", "ingest.max_article_bytes=100"],
        b"",
        &["crlf.txt: 184 bytes is over the limit of 100 bytes per article (ingest.max_article_bytes)"],
    );
    fails_with(
        &[&crlf, &crlf, "--set", "ingest.max_story_bytes=300"],
        b"",
        &["crlf.txt: the story is 368 bytes, over the limit of 300 bytes (ingest.max_story_bytes)"],
    );
    fails_with(
        &[&fixture("json/roundup.json"), "--set", "ingest.max_articles=1"],
        b"",
        &["roundup.json: the story has more than 1 articles (ingest.max_articles)"],
    );
}

#[test]
fn a_device_is_refused_and_standard_input_is_cut_off_at_the_limit() {
    fails_with(
        &["/dev/zero", "--set", "ingest.max_article_bytes=1000"],
        b"",
        &["/dev/zero: is a character device, not a file"],
    );
    fails_with(
        &["-", "--set", "ingest.max_story_bytes=10"],
        &[b'a'; 5000],
        &["-: ", "over the limit"],
    );
}

#[test]
fn hostile_file_names_do_not_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("evil\u{1b}]0;owned\u{7}.txt"), "").unwrap();
    fails_with(
        &[dir.path().to_str().unwrap()],
        b"",
        &["evil␛]0;owned␇.txt: the file is empty"],
    );
}
