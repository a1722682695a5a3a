//! Laws of ingest on arbitrary input: no bytes make decoding, format detection, HTML or JSON
//! extraction panic; UTF-8 text comes through byte for byte; and the whole pipeline, run on
//! corpora built from arbitrary strings, neither panics nor yields a span off the text.

use parallax::ingest::{self, Format, RawArticle};
use parallax::settings::IngestSettings;
use parallax::{Settings, analyse};
use proptest::prelude::*;
use std::path::Path;

/// Bytes with the prefixes and pieces that steer the decoder and the format sniffers.
fn hostile_bytes() -> impl Strategy<Value = Vec<u8>> {
    let prefix = prop_oneof![
        Just(Vec::new()),
        Just(vec![0xEF, 0xBB, 0xBF]),
        Just(vec![0xFF, 0xFE]),
        Just(vec![0xFE, 0xFF]),
        Just(vec![0xFF, 0xFE, 0, 0]),
        Just(b"<!doctype html>".to_vec()),
        Just(b"{\"text\": ".to_vec()),
        Just(b"[{".to_vec()),
    ];
    (prefix, proptest::collection::vec(any::<u8>(), 0..400)).prop_map(|(mut p, rest)| {
        p.extend(rest);
        p
    })
}

/// Strings made of HTML and JSON pieces, so that the parsers see nested, broken and
/// half-closed structure rather than only noise.
fn markup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"ad-slot\">".to_string()),
        Just("</div>".to_string()),
        Just("<br>".to_string()),
        Just("<pre>".to_string()),
        Just("<script>".to_string()),
        Just("<figure><figcaption>".to_string()),
        Just("<meta property=\"og:url\" content=\"".to_string()),
        Just("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"author\":[".to_string()),
        Just("{\"text\": \"".to_string()),
        Just("\", \"title\": ".to_string()),
        Just("}\n".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("\u{1b}[2J\u{202e}\r\n".to_string()),
        "[a-zA-Z .,“”\"]{0,40}",
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn limits() -> IngestSettings {
    IngestSettings {
        max_html_elements: 5_000,
        ..IngestSettings::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn decode_never_panics_and_keeps_utf8_exact(bytes in hostile_bytes()) {
        let result = ingest::decode(Path::new("x"), bytes.clone());
        if let Ok(text) = result {
            let plain = !bytes.starts_with(&[0xEF, 0xBB, 0xBF])
                && !bytes.starts_with(&[0xFF, 0xFE])
                && !bytes.starts_with(&[0xFE, 0xFF]);
            if plain {
                prop_assert_eq!(text.as_bytes(), &bytes[..]);
            }
        }
    }

    #[test]
    fn any_bytes_in_any_format_never_panic(bytes in hostile_bytes()) {
        for format in [None, Some(Format::Text), Some(Format::Html), Some(Format::Json)] {
            if let Ok(raws) = ingest::parse_bytes(Path::new("x"), bytes.clone(), format, &limits()) {
                for raw in raws {
                    prop_assert!(!raw.text.trim().is_empty());
                }
            }
        }
    }

    #[test]
    fn markup_never_panics_and_metadata_is_one_safe_line(text in markup()) {
        for format in [Format::Html, Format::Json] {
            let parsed = ingest::parse_bytes(Path::new("m"), text.clone().into_bytes(), Some(format), &limits());
            if let Ok(raws) = parsed {
                let corpus = ingest::build(None, raws);
                for a in &corpus.articles {
                    for field in [Some(&a.title), Some(&a.source), a.url.as_ref(), a.date.as_ref()].into_iter().flatten() {
                        prop_assert!(!field.chars().any(char::is_control), "{:?}", field);
                    }
                }
            }
        }
    }
}

proptest! {
    // The whole pipeline is slower; fewer cases, each a small story.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_pipeline_never_panics_on_arbitrary_articles(
        texts in proptest::collection::vec(prop_oneof![any::<String>(), markup(), "([A-Z][a-z]{1,8}[ ,.“”\"']{1,2}){0,30}"], 1..5)
    ) {
        let raws: Vec<RawArticle> = texts
            .iter()
            .map(|t| RawArticle { text: t.clone(), ..RawArticle::default() })
            .collect();
        let analysis = analyse(ingest::build(None, raws), &Settings::default());
        for event in &analysis.events {
            for m in &event.mentions {
                let text = &analysis.corpus.article(m.article).text;
                prop_assert!(m.span.start <= m.span.end && m.span.end <= text.len());
                prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            }
        }
    }
}
