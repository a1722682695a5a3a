//! Fuzz target: arbitrary text as a saved web page. Extraction must never panic, and the
//! metadata of what is accepted must be free of control characters once built into a corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::ingest::{self, Format};
use parallax::settings::IngestSettings;
use std::path::Path;

fuzz_target!(|text: &str| {
    let limits = IngestSettings {
        max_html_elements: 20_000,
        ..IngestSettings::default()
    };
    let bytes = text.as_bytes().to_vec();
    if let Ok(raws) = ingest::parse_bytes(Path::new("page.html"), bytes, Some(Format::Html), &limits) {
        let corpus = ingest::build(None, raws);
        for a in &corpus.articles {
            assert!(!a.title.chars().any(char::is_control));
            assert!(!a.source.chars().any(char::is_control));
        }
    }
});
