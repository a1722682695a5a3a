//! Fuzz target: arbitrary text as JSON or JSON Lines article input. Must never panic; errors
//! must name a byte offset inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::Error;
use parallax::ingest::{self, Format};
use parallax::settings::IngestSettings;
use std::path::Path;

fuzz_target!(|text: &str| {
    let bytes = text.as_bytes().to_vec();
    match ingest::parse_bytes(
        Path::new("a.jsonl"),
        bytes,
        Some(Format::Json),
        &IngestSettings::default(),
    ) {
        Err(Error::Json { offset, .. } | Error::JsonArticle { offset, .. }) => {
            assert!(offset <= text.len());
        }
        _ => {}
    }
});
