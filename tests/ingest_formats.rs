//! Ingest on the fixtures of every format and encoding: exactly which title, source, date, url
//! and text come out of saved web pages, JSON, JSON Lines, UTF-16 and CRLF files.

use parallax::ingest;
use parallax::model::Article;
use parallax::settings::IngestSettings;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn load(names: &[&str]) -> Vec<Article> {
    let paths: Vec<PathBuf> = names.iter().map(|n| fixture(n)).collect();
    match ingest::load(&paths, &IngestSettings::default()) {
        Ok(corpus) => corpus.articles,
        Err(e) => panic!("{e}"),
    }
}

fn one(name: &str) -> Article {
    let mut articles = load(&[name]);
    assert_eq!(articles.len(), 1, "{name}");
    articles.remove(0)
}

fn meta(a: &Article) -> (&str, &str, Option<&str>, Option<&str>) {
    (&a.title, &a.source, a.url.as_deref(), a.date.as_deref())
}

#[test]
fn news_page_with_site_name_loses_all_its_clutter() {
    let a = one("html/harbour-daily.html");
    assert_eq!(
        meta(&a),
        (
            "Harbour bridge reopens after seven-hour closure",
            "The Harbour Daily",
            Some("https://harbourdaily.example/news/2024/03/bridge-reopens"),
            Some("2024-03-14T18:05:00Z"),
        )
    );
    assert_eq!(
        a.text,
        "The harbour bridge reopened to traffic on Thursday evening after a seven-hour closure \
         caused by a lorry fire on the northbound carriageway, the city council said.\n\n\
         “We are grateful for the patience of everyone who was stuck in the queues,” said \
         council leader Ines Okafor. “Safety had to come first.”\n\n\
         Fire crews were called at about 10:40 and the driver escaped unhurt. Engineers then \
         inspected the deck for heat damage before the road was declared safe.\n\n\
         About 40,000 vehicles cross the bridge on an average weekday. Drivers were diverted \
         through the tunnel, where delays reached 90 minutes at the peak.\n\n\
         The council said a full report on the fire would be published within a month."
    );
}

#[test]
fn page_with_json_ld_and_no_site_name_takes_the_byline_as_source() {
    let a = one("html/coastal-wire.htm");
    assert_eq!(
        meta(&a),
        (
            "Bridge open again after lorry fire",
            "Tom Reyes",
            Some("https://coastalwire.example/2024/03/14/bridge-open-again"),
            Some("2024-03-14T19:30:00+00:00"),
        )
    );
    assert_eq!(
        a.text,
        "Traffic was flowing again across the harbour bridge late on Thursday, nearly eight \
         hours after a burning lorry forced police to shut it in both directions.\n\n\
         Council leader Ines Okafor thanked drivers. \"Safety had to come first,\" she said, \
         adding that engineers had found no lasting damage to the structure.\n\n\
         The lorry driver, who has not been named, was treated at the scene for smoke \
         inhalation. The fire service said the cause was being investigated.\n\n\
         Commuters described chaotic scenes in the diversion tunnel, with some reporting \
         journeys of more than two hours to travel a few miles."
    );
}

#[test]
fn live_blog_keeps_headings_lists_quotes_and_line_breaks() {
    let a = one("html/council-blog.html");
    assert_eq!(
        meta(&a),
        (
            "The harbour bridge closure, as it happened",
            "Council Watch",
            None,
            Some("2024-03-14T11:00:00Z"),
        )
    );
    assert_eq!(
        a.text,
        "Morning\n\n\
         Police closed the bridge in both directions shortly before 11am after a lorry caught fire.\n\n\
         “Please avoid the area and allow extra time for your journey,” the police said in a statement.\n\n\
         Afternoon\n\n\
         The council listed the diversions:\n\n\
         northbound traffic through the tunnel;\n\n\
         buses via the ring road.\n\n\
         Engineers began checking the deck\nfor heat damage\n\n\
         at about 3pm."
    );
}

#[test]
fn page_metadata_cannot_carry_controls_but_the_text_is_kept_exactly() {
    let a = one("html/hostile-meta.html");
    assert_eq!(
        meta(&a),
        (
            "Bridge␛]0;owned␇ reopensevil",
            "Harbour␛[31m Red News",
            Some("https://x.example/␛[2Jpath"),
            Some("2024-03-14␈␈␈1999"),
        )
    );
    for field in [&a.title, &a.source] {
        assert!(!field.chars().any(char::is_control), "{field:?}");
    }
    assert!(
        a.text
            .starts_with("The text keeps its \u{1b}[1mcontrol\u{1b}[0m characters")
    );
}

#[test]
fn json_object_array_and_lines() {
    let a = load(&["json/wire.json", "json/roundup.json", "json/feed.jsonl"]);
    let got: Vec<_> = a
        .iter()
        .map(|a| (a.path.rsplit('/').next().unwrap_or(""), meta(a)))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "wire.json",
                (
                    "Harbour bridge shut for hours by lorry fire",
                    "Metro Wire",
                    Some("https://metrowire.example/bridge-fire"),
                    Some("2024-03-14"),
                )
            ),
            (
                "roundup.json#1",
                (
                    "Bridge fire: what we know",
                    "Bay Courier",
                    None,
                    Some("2024-03-15T07:00:00Z")
                )
            ),
            (
                "roundup.json#2",
                (
                    "Drivers face long delays",
                    "Radio Harbour",
                    Some("https://radioharbour.example/delays"),
                    None,
                )
            ),
            ("feed.jsonl#1", ("Bridge reopens", "Evening Post", None, None)),
            ("feed.jsonl#2", ("Fire crews praised", "Evening Post", None, None)),
        ]
    );
    assert_eq!(
        a[0].text,
        "The harbour bridge was closed for seven hours on Thursday after a lorry caught fire.\n\n\
         “Safety had to come first,” council leader Ines Okafor said.\n\n\
         About 40,000 vehicles cross the bridge on an average weekday."
    );
    assert_eq!(
        a[4].text,
        "Fire crews were called at about 10:40 and the driver escaped unhurt."
    );
}

const PLAIN: &str = "Bridge reopens after fire\r\n\r\nThe harbour bridge reopened on Thursday after a \
                     seven-hour closure, the council said.\r\n\r\n“Safety had to come first,” said \
                     council leader Ines Okafor.\r\n";

#[test]
fn crlf_text_stays_byte_for_byte() {
    let a = one("encoding/crlf.txt");
    assert_eq!(a.text, PLAIN);
    assert_eq!(
        a.text.as_bytes(),
        std::fs::read(fixture("encoding/crlf.txt")).unwrap()
    );
    assert_eq!(a.title, "Bridge reopens after fire");
}

#[test]
fn utf16_in_both_byte_orders_and_utf8_with_mark() {
    assert_eq!(one("encoding/utf16le.txt").text, PLAIN);
    assert_eq!(one("encoding/utf16be.txt").text, PLAIN);
    assert_eq!(one("encoding/utf8-bom.txt").text, PLAIN.replace("\r\n", "\n"));
}

#[test]
fn bad_inputs_name_the_file_and_the_byte() {
    let cases = [
        ("bad/latin1.txt", "latin1.txt: not valid UTF-8 at byte 3"),
        (
            "bad/utf16-no-mark.txt",
            "utf16-no-mark.txt: looks like UTF-16 without a byte-order mark (NUL at byte 1)",
        ),
        (
            "bad/broken.json",
            "broken.json: invalid JSON at line 4, column 3 (byte 58): expected `,` or `}`",
        ),
        (
            "bad/bad-entry.jsonl",
            "bad-entry.jsonl: line 2 (byte 33): no \"text\", \"body\" or \"content\" string",
        ),
        (
            "bad/not-articles.json",
            "not-articles.json: holds no article objects",
        ),
        (
            "bad/empty-page.html",
            "empty-page.html: no article text found in the page",
        ),
    ];
    for (name, needle) in cases {
        let err = ingest::load(&[fixture(name)], &IngestSettings::default())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains(needle), "{name}: {err:?} lacks {needle:?}");
    }
}

#[test]
fn a_huge_page_is_refused_by_its_element_count() {
    let limits = IngestSettings {
        max_html_elements: 1_000,
        ..IngestSettings::default()
    };
    let page = format!(
        "<!doctype html><html><body>{}</body></html>",
        "<p>Words of a paragraph.</p>".repeat(2_000)
    );
    let err = ingest::parse_bytes(Path::new("big.html"), page.into_bytes(), None, &limits)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.starts_with("big.html: the page has 2003 elements, over the limit of 1000"),
        "{err}"
    );
}

#[test]
fn too_many_articles_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..4 {
        std::fs::write(dir.path().join(format!("{i}.txt")), "An article.").unwrap();
    }
    let limits = IngestSettings {
        max_articles: 3,
        ..IngestSettings::default()
    };
    let err = ingest::load(&[dir.path().to_path_buf()], &limits)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.ends_with("the story has more than 3 articles (ingest.max_articles)"),
        "{err}"
    );
}

#[test]
fn folders_skip_json_that_holds_no_articles() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("gold.json"),
        r#"{"corpus": "c", "articles": ["a.txt"]}"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("a.txt"), "One article.").unwrap();
    std::fs::write(dir.path().join("b.jsonl"), "{\"text\": \"Two.\"}\n").unwrap();
    let corpus = ingest::load(&[dir.path().to_path_buf()], &IngestSettings::default()).unwrap();
    let texts: Vec<&str> = corpus.articles.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ["One article.", "Two."]);

    let only_gold = tempfile::tempdir().unwrap();
    std::fs::write(only_gold.path().join("gold.json"), "[1, 2]").unwrap();
    let err = ingest::load(&[only_gold.path().to_path_buf()], &IngestSettings::default());
    assert!(matches!(err, Err(parallax::Error::NoArticles { .. })));
}

#[test]
fn a_large_folder_is_read_in_name_order_and_stops_at_its_first_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..600 {
        std::fs::write(dir.path().join(format!("{i:03}.txt")), format!("Article {i}.")).unwrap();
    }
    // Many articles in one file, read within what the story has left, between the others.
    std::fs::write(
        dir.path().join("299b.jsonl"),
        "{\"text\": \"First of the file.\"}\n{\"text\": \"Second of the file.\"}\n",
    )
    .unwrap();
    let limits = IngestSettings {
        max_articles: 1000,
        ..IngestSettings::default()
    };
    let corpus = ingest::load(&[dir.path().to_path_buf()], &limits).unwrap();
    let texts: Vec<&str> = corpus.articles.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(texts.len(), 602);
    assert_eq!(
        texts[299..303],
        [
            "Article 299.",
            "First of the file.",
            "Second of the file.",
            "Article 300."
        ]
    );
    assert_eq!(texts[601], "Article 599.");

    // Two bad files: the one first in name order is the one reported, as a reader of the
    // folder one file after another would meet it.
    std::fs::write(dir.path().join("450.txt"), [0xffu8, 0xfe, 0x00, 0xd8, 0x00]).unwrap();
    std::fs::write(dir.path().join("120.txt"), [0xffu8, 0xfe, 0x00, 0xd8, 0x00]).unwrap();
    let err = ingest::load(&[dir.path().to_path_buf()], &limits)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("120.txt"), "{err}");
}
