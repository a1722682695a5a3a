//! Fuzz target: arbitrary bytes through decoding and format detection, as standard input is
//! read, with and without a legacy-encoding fallback. Must never panic; whatever is accepted
//! must be non-blank text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::ingest;
use parallax::settings::IngestSettings;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    // The first byte's low bit also tries the legacy-encoding fallback.
    let fallback = if data.first().is_some_and(|b| b & 1 == 1) {
        "windows-1252"
    } else {
        ""
    };
    let limits = IngestSettings {
        max_html_elements: 20_000,
        fallback_encoding: fallback.parse().expect("a known label"),
        ..IngestSettings::default()
    };
    if let Ok(raws) = ingest::parse_bytes(Path::new("-"), data.to_vec(), None, &limits) {
        for raw in raws {
            assert!(!raw.text.trim().is_empty());
        }
    }
});
