//! Every scored link of a story as JSON lines (a measuring aid for studying misses):
//! `cargo run --release --example links -- FILES...`; each line holds both sentences' article
//! paths and byte spans, the matched sub-spans and the score.

use parallax::{Settings, align, ingest, quotes, segment};
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let mut settings = Settings::default();
    if let Ok(t) = std::env::var("LINKS_ALIGN") {
        settings.align = toml::from_str(&t.replace(',', "\n"))?;
    }
    let corpus = ingest::load(&paths, &settings.ingest)?;
    let seg = segment::segment(&corpus);
    let q = quotes::find_quotes(&corpus, &seg);
    let texts: Vec<&str> = corpus.articles.iter().map(|a| a.text.as_str()).collect();
    let f = align::features_of(&seg, &q, &texts, &settings.align);
    let mut scorer_settings = settings.align.clone();
    scorer_settings.weak_threshold = 0.05;
    for l in align::align(&seg, &f, &scorer_settings) {
        let (sa, sb) = (&seg.sentences[l.a.index()], &seg.sentences[l.b.index()]);
        let line = serde_json::json!({
            "a": corpus.article(sa.article).path, "sa": [sa.span.start, sa.span.end],
            "ma": [l.span_a().start, l.span_a().end],
            "b": corpus.article(sb.article).path, "sb": [sb.span.start, sb.span.end],
            "mb": [l.span_b().start, l.span_b().end], "score": l.score,
        });
        println!("{line}");
    }
    Ok(())
}
