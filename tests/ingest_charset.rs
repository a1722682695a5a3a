//! Articles in legacy encodings: a saved page read in the charset its head declares (meta
//! charset, http-equiv, WHATWG labels), text read only when `ingest.fallback_encoding` names
//! an encoding, and every refusal naming the file, the byte and the way forward. The page's
//! text goes through the whole pipeline, which finds its quotations and shares them with a
//! UTF-8 report of the same story.

use parallax::config::Config;
use parallax::ingest::{self, Format};
use parallax::model::{Article, EventKind};
use parallax::settings::IngestSettings;
use parallax::{Settings, analyse};
use std::fs;
use std::path::{Path, PathBuf};

const PAGE: &str = "charset/quayside-windows-1252.html";
const NOTES: &str = "charset/notes-windows-1252.txt";
const WIRE: &str = "charset/harbour-wire.txt";
const DECLARATION: &[u8] = br#"<meta charset="windows-1252">"#;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn fallback(label: &str) -> IngestSettings {
    IngestSettings {
        fallback_encoding: label.parse().expect("a known label"),
        ..IngestSettings::default()
    }
}

fn load(paths: &[PathBuf], limits: &IngestSettings) -> Result<Vec<Article>, String> {
    ingest::load(paths, limits)
        .map(|c| c.articles)
        .map_err(|e| e.to_string())
}

fn one(path: PathBuf, limits: &IngestSettings) -> Article {
    let mut articles = load(&[path], limits).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(articles.len(), 1);
    articles.remove(0)
}

/// The fixture page with its declaration replaced, written to a temporary folder.
fn page_declaring(dir: &Path, name: &str, declaration: &[u8]) -> PathBuf {
    let page = fs::read(fixture(PAGE)).unwrap();
    let at = page
        .windows(DECLARATION.len())
        .position(|w| w == DECLARATION)
        .expect("the fixture declares windows-1252");
    let mut out = page[..at].to_vec();
    out.extend_from_slice(declaration);
    out.extend_from_slice(&page[at + DECLARATION.len()..]);
    let path = dir.join(name);
    fs::write(&path, out).unwrap();
    path
}

/// Where the first byte that is not UTF-8 lies in a file.
fn first_bad_byte(path: &Path) -> usize {
    let bytes = fs::read(path).unwrap();
    std::str::from_utf8(&bytes).unwrap_err().valid_up_to()
}

const QUOTE_PARAGRAPH: &str = "“We lost every lunch customer we had,” said café owner Renée Dubois, who \
                               has run the Quayside Café for twelve years. “Nobody could reach us \
                               from the north side.”";

/// The page's article as it must come out whichever way its encoding was named.
fn assert_is_the_quayside_article(a: &Article) {
    assert_eq!(a.title, "Café owners count the cost of the bridge closure");
    assert_eq!(a.source, "Quayside Gazette");
    assert_eq!(
        a.text,
        format!(
            "Traders beside the harbour bridge said the seven-hour closure on Thursday cost them a \
             full day of trade — the busiest of their week.\n\n{QUOTE_PARAGRAPH}\n\n\
             The council said a full report on the lorry fire that closed the bridge would be \
             published within a month."
        )
    );
}

#[test]
fn windows_1252_page_declaring_its_charset_reads_right() {
    let raw = fs::read(fixture(PAGE)).unwrap();
    // The fixture really is windows-1252: curly quotes, é and the em dash are single bytes.
    for byte in [0x93, 0x94, 0xE9, 0x97] {
        assert!(raw.contains(&byte), "{byte:#x}");
    }
    assert!(std::str::from_utf8(&raw).is_err());
    assert_is_the_quayside_article(&one(fixture(PAGE), &IngestSettings::default()));
}

#[test]
fn the_pipeline_finds_the_quotations_of_a_converted_page() {
    let corpus = ingest::load(&[fixture(PAGE)], &IngestSettings::default()).unwrap();
    let analysis = analyse(corpus, &Settings::default());
    let article = &analysis.corpus.articles[0];
    let quoted: Vec<(&str, Option<&str>)> = analysis
        .quotes
        .iter()
        .filter(|q| q.marked)
        .map(|q| (article.slice(q.span), q.speaker.as_deref()))
        .collect();
    assert!(
        quoted.contains(&("Nobody could reach us from the north side.", Some("Renée Dubois"))),
        "{quoted:?}"
    );
    assert!(
        quoted
            .iter()
            .any(|(text, _)| text.starts_with("We lost every lunch customer we had")),
        "{quoted:?}"
    );
}

#[test]
fn a_converted_page_shares_its_quote_with_a_utf8_report() {
    let corpus = ingest::load(&[fixture(PAGE), fixture(WIRE)], &IngestSettings::default()).unwrap();
    let analysis = analyse(corpus, &Settings::default());
    let quote = analysis
        .events
        .iter()
        .find(|e| e.kind == EventKind::Quote && e.sources.len() == 2)
        .expect("a quote both sources report");
    assert_eq!(quote.speaker.as_deref(), Some("Renée Dubois"));
    let texts: Vec<&str> = quote
        .mentions
        .iter()
        .map(|m| analysis.corpus.article(m.article).slice(m.span))
        .collect();
    assert_eq!(
        texts,
        [
            "“Nobody could reach us from the north side.”",
            "“Nobody could reach us from the north side.”"
        ]
    );
}

#[test]
fn http_equiv_content_type_declares_the_charset_too() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_declaring(
        dir.path(),
        "http-equiv.html",
        br#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">"#,
    );
    assert_is_the_quayside_article(&one(page, &IngestSettings::default()));
}

#[test]
fn iso_8859_1_label_is_read_as_windows_1252() {
    // As in browsers: bytes 0x80–0x9F are the curly quotes and dashes, not C1 controls.
    let dir = tempfile::tempdir().unwrap();
    for (name, declaration) in [
        ("meta.html", &br#"<META CHARSET="ISO-8859-1">"#[..]),
        (
            "pragma.html",
            br#"<meta http-equiv="content-type" content="text/html; charset=iso-8859-1">"#,
        ),
        ("latin1.html", b"<meta charset=latin1>"),
    ] {
        let article = one(
            page_declaring(dir.path(), name, declaration),
            &IngestSettings::default(),
        );
        assert_is_the_quayside_article(&article);
        assert!(!article.text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)));
    }
}

#[test]
fn an_undeclared_page_that_is_not_utf8_fails_naming_file_and_byte() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_declaring(dir.path(), "undeclared.html", b"");
    let at = first_bad_byte(&page);
    let err = load(std::slice::from_ref(&page), &IngestSettings::default()).unwrap_err();
    assert!(
        err.contains(&format!("undeclared.html: not valid UTF-8 at byte {at}")),
        "{err}"
    );
    assert!(err.contains("ingest.fallback_encoding"), "{err}");
    // Named in the setting, it is read.
    assert_is_the_quayside_article(&one(page, &fallback("windows-1252")));
}

#[test]
fn a_page_declaring_utf8_is_not_overruled_by_the_fallback() {
    let dir = tempfile::tempdir().unwrap();
    let page = page_declaring(dir.path(), "liar.html", br#"<meta charset="utf-8">"#);
    let at = first_bad_byte(&page);
    let err = load(&[page], &fallback("windows-1252")).unwrap_err();
    assert!(
        err.ends_with(&format!("liar.html: not valid UTF-8 at byte {at}")),
        "{err}"
    );
}

#[test]
fn windows_1252_text_is_refused_by_default_with_the_way_forward() {
    let err = load(&[fixture(NOTES)], &IngestSettings::default()).unwrap_err();
    assert!(
        err.contains("notes-windows-1252.txt: not valid UTF-8 at byte 3"),
        "{err}"
    );
    assert!(
        err.contains("ingest.fallback_encoding") && err.contains("windows-1252"),
        "{err}"
    );
}

#[test]
fn windows_1252_text_is_read_with_fallback_encoding() {
    let text = "Café owners count the cost\n\n“We lost every lunch customer we had,” said café owner \
                Renée Dubois — Thursday was the busiest day of her week.\n";
    for label in ["windows-1252", "cp1252", "latin1", "ISO-8859-1"] {
        let a = one(fixture(NOTES), &fallback(label));
        assert_eq!(a.text, text, "{label}");
        assert_eq!(a.title, "Café owners count the cost");
    }
    // Offsets point into the converted text: "é" takes two bytes there, one in the file.
    let a = one(fixture(NOTES), &fallback("windows-1252"));
    let file = fs::read(fixture(NOTES)).unwrap();
    assert_eq!(a.text.len(), file.len() + 9, "é×3, “ ” — are wider in UTF-8");
    let dubois = a.text.find("Renée").unwrap();
    assert_eq!(&a.text[dubois..dubois + "Renée".len()], "Renée");
}

#[test]
fn fallback_never_touches_utf8_or_json() {
    // UTF-8 articles are kept byte for byte whatever the fallback.
    let wire = one(fixture(WIRE), &fallback("windows-1252"));
    assert_eq!(wire.text.as_bytes(), fs::read(fixture(WIRE)).unwrap());
    // JSON is UTF-8 by definition.
    let err = ingest::parse_bytes(
        Path::new("feed.json"),
        b"{\"text\": \"Caf\xe9 owners\"}".to_vec(),
        Some(Format::Json),
        &fallback("windows-1252"),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "feed.json: not valid UTF-8 at byte 13");
}

#[test]
fn a_page_on_standard_input_is_told_by_its_start_and_declaration() {
    let bytes = fs::read(fixture(PAGE)).unwrap();
    let raws = ingest::parse_bytes(Path::new("-"), bytes, None, &IngestSettings::default()).unwrap();
    let article = ingest::build(None, raws).articles.remove(0);
    assert_is_the_quayside_article(&article);
}

#[test]
fn unknown_fallback_label_is_a_config_error_naming_the_key() {
    let text = "[ingest]\nmax_articles = 10\nfallback_encoding = \"windows-1253x\"\n";
    let err = Config::parse(text, Path::new("config.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("config.toml:3:21: unknown encoding `windows-1253x` for ingest.fallback_encoding"),
        "{err}"
    );
    let config = Config::parse("[ingest]\nfallback_encoding = \"iso-8859-7\"\n", Path::new("c")).unwrap();
    assert_eq!(
        config.ingest.fallback_encoding.encoding(),
        Some(encoding_rs::ISO_8859_7)
    );
}

// The command line.

#[path = "support/cli.rs"]
mod support;

use support::align_json;

/// Expects exit code 1, nothing on stdout and one line on stderr holding every needle.
fn fails_with(args: &[&str], needles: &[&str]) {
    support::fails_with_input(args, b"", needles);
}

#[test]
fn cli_aligns_a_windows_1252_page() {
    let page = fixture(PAGE).display().to_string();
    let doc = align_json(&[&page]);
    let article = &doc["articles"][0];
    assert_eq!(
        article["title"],
        "Café owners count the cost of the bridge closure"
    );
    let text = article["text"].as_str().unwrap();
    assert!(text.contains(QUOTE_PARAGRAPH), "{text}");

    let wire = fixture(WIRE).display().to_string();
    let doc = align_json(&[&page, &wire]);
    let quote = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "quote")
        .expect("a shared quote");
    assert_eq!(quote["speaker"], "Renée Dubois");
    // Offsets point into the converted text the JSON carries.
    for m in quote["mentions"].as_array().unwrap() {
        let article = doc["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == m["article"])
            .unwrap();
        let text = article["text"].as_str().unwrap().as_bytes();
        let (start, end) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &text[start..end],
            "“Nobody could reach us from the north side.”".as_bytes()
        );
    }
}

#[test]
fn cli_text_in_windows_1252_needs_the_setting() {
    let notes = fixture(NOTES).display().to_string();
    fails_with(
        &[&notes],
        &[
            "notes-windows-1252.txt: not valid UTF-8 at byte 3",
            "--set ingest.fallback_encoding=windows-1252",
        ],
    );
    let doc = align_json(&["--set", "ingest.fallback_encoding=windows-1252", &notes]);
    assert_eq!(doc["articles"][0]["title"], "Café owners count the cost");
}

#[test]
fn cli_unknown_fallback_label_fails_naming_the_key() {
    let notes = fixture(NOTES).display().to_string();
    fails_with(
        &["--set", "ingest.fallback_encoding=klingon", &notes],
        &["unknown encoding `klingon` for ingest.fallback_encoding"],
    );
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    fs::write(&config, "[ingest]\nfallback_encoding = \"klingon\"\n").unwrap();
    fails_with(
        &["--config", config.to_str().unwrap(), &notes],
        &["config.toml:2:21: unknown encoding `klingon` for ingest.fallback_encoding"],
    );
    fs::write(&config, "[ingest]\nfallback_encoding = \"windows-1252\"\n").unwrap();
    let doc = align_json(&["--config", config.to_str().unwrap(), &notes]);
    assert_eq!(doc["articles"][0]["title"], "Café owners count the cost");
}
