//! Times each stage of the analysis on a seeded synthetic story and prints the sizes that
//! drive the cost (sentences, candidate pairs, links, events):
//! `cargo run --release --example stages -- 300 [SEED]`.

use parallax::{Settings, align, events, quotes, segment};
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(Ok(100), |s| s.parse())?;
    let seed: u64 = args.next().map_or(Ok(42), |s| s.parse())?;
    let settings = Settings::default();
    let corpus = align::synth::story(n, seed);
    let t = Instant::now();
    let seg = segment::segment(&corpus);
    println!(
        "segment     {:>9.1?}  sentences {}",
        t.elapsed(),
        seg.sentences.len()
    );
    let t = Instant::now();
    let quotes = quotes::find_quotes(&corpus, &seg);
    println!("quotes      {:>9.1?}  quotes {}", t.elapsed(), quotes.len());
    let texts: Vec<&str> = corpus.articles.iter().map(|a| a.text.as_str()).collect();
    let t = Instant::now();
    let features = align::features_of(&seg, &quotes, &texts, &settings.align);
    println!("features    {:>9.1?}", t.elapsed());
    let t = Instant::now();
    let pairs = align::candidates(&features, &seg, &settings.align);
    println!("candidates  {:>9.1?}  pairs {}", t.elapsed(), pairs.len());
    let t = Instant::now();
    let links = align::align(&seg, &features, &settings.align);
    println!(
        "align       {:>9.1?}  links {} (candidates included)",
        t.elapsed(),
        links.len()
    );
    let t = Instant::now();
    let clusters = events::cluster(&seg, &links, &settings.align);
    println!("cluster     {:>9.1?}  clusters {}", t.elapsed(), clusters.len());
    let t = Instant::now();
    let described = events::describe::describe(&corpus, &seg, &quotes, &links, &clusters, &settings.align);
    let mentions: usize = described.iter().map(|e| e.mentions.len()).sum();
    println!(
        "describe    {:>9.1?}  events {} mentions {mentions}",
        t.elapsed(),
        described.len()
    );
    Ok(())
}
