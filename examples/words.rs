//! The weighted words of the sentences holding a phrase (a measuring aid for studying misses):
//! `cargo run --release --example words -- PHRASE FILES...`; per word its key, weight, number
//! of sentences holding it, and `n` when it does not count as content.

use parallax::segment::TokenClass;
use parallax::{Settings, align, ingest, quotes, segment};
use std::collections::HashMap;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let needle = args.next().unwrap_or_default();
    let paths: Vec<PathBuf> = args.map(PathBuf::from).collect();
    let mut settings = Settings::default();
    // Keys are named below by replaying their numbering over the words; amount keys
    // (`AlignSettings::amount_keys`) would shift it.
    settings.align.amount_keys = false;
    let corpus = ingest::load(&paths, &settings.ingest)?;
    let seg = segment::segment(&corpus);
    let q = quotes::find_quotes(&corpus, &seg);
    let texts: Vec<&str> = corpus.articles.iter().map(|a| a.text.as_str()).collect();
    let f = align::features_of(&seg, &q, &texts, &settings.align);
    // Keys are numbered in order of first appearance, as the features number them.
    let mut names: HashMap<u32, String> = HashMap::new();
    let mut ids: HashMap<String, u32> = HashMap::new();
    for t in seg.sentences.iter().flat_map(|s| &s.tokens) {
        if matches!(t.class, TokenClass::Stop | TokenClass::Speech) {
            continue;
        }
        let next = ids.len() as u32;
        let id = *ids.entry(t.key.clone()).or_insert(next);
        names.entry(id).or_insert_with(|| t.key.clone());
    }
    for (s, feats) in seg.sentences.iter().zip(&f.sentences) {
        let text = &texts[s.article.index()][s.span.range()];
        if !text.contains(&needle) {
            continue;
        }
        println!("{}: {text}", corpus.article(s.article).path);
        for e in &feats.whole.entries {
            let name = names.get(&e.key).map_or("?", String::as_str);
            let df = f.df.get(e.key as usize).copied().unwrap_or(0);
            print!(" {name}:{:.2}/{df}{}", e.weight, if e.content { "" } else { "n" });
        }
        println!("\n");
    }
    Ok(())
}
