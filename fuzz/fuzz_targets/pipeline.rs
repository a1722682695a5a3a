//! Fuzz target: the whole analysis on a small story cut from arbitrary text (articles split at
//! form feeds). Must never panic, and every mention must be a span on the text's char
//! boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::ingest::{self, RawArticle};
use parallax::{Settings, analyse};

fuzz_target!(|text: &str| {
    let raws: Vec<RawArticle> = text
        .split('\u{c}')
        .take(8)
        .map(|t| RawArticle {
            text: t.to_string(),
            ..RawArticle::default()
        })
        .collect();
    let analysis = analyse(ingest::build(None, raws), &Settings::default());
    for event in &analysis.events {
        for m in &event.mentions {
            let text = &analysis.corpus.article(m.article).text;
            assert!(m.span.end <= text.len());
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        }
    }
});
