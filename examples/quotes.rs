//! Every quotation of a story with the speaker it is credited to, one per line (a measuring aid
//! for attribution): `cargo run --release --example quotes -- FILES...`. Each line holds the
//! article's number, whether the words are in quotation marks, whether the speaker is a person,
//! the speaker and the start of the words; indirect speech follows the quotations.

use parallax::{Settings, ingest, quotes, segment};
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let corpus = ingest::load(&paths, &Settings::default().ingest)?;
    let segmented = segment::segment(&corpus);
    let (quotes, reported) = quotes::find_attributions(&corpus, &segmented);
    for q in quotes.iter().chain(&reported) {
        let words = corpus.article(q.article).slice(q.span);
        let start: String = words.chars().take(70).collect();
        println!(
            "a{} marked={} person={} {:?} | {}",
            q.article.index() + 1,
            q.marked,
            q.person,
            q.speaker,
            start.escape_debug()
        );
    }
    Ok(())
}
