//! Candidate and link counts per sentence on a story folder (a measuring aid):
//! `cargo run --release --example degrees -- DIR...`.

use parallax::{Settings, align, ingest, quotes, segment};
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let settings = Settings::default();
    let corpus = ingest::load(&paths, &settings.ingest)?;
    let seg = segment::segment(&corpus);
    let q = quotes::find_quotes(&corpus, &seg);
    let texts: Vec<&str> = corpus.articles.iter().map(|a| a.text.as_str()).collect();
    let f = align::features_of(&seg, &q, &texts, &settings.align);
    let pairs = align::candidates(&f, &seg, &settings.align).pairs;
    let links = align::align(&seg, &f, &settings.align);
    let n = seg.sentences.len();
    let mut cd = vec![0usize; n];
    for (a, b) in &pairs {
        cd[a.index()] += 1;
        cd[b.index()] += 1;
    }
    let mut ld = vec![0usize; n];
    for l in &links {
        ld[l.a.index()] += 1;
        ld[l.b.index()] += 1;
    }
    let pct = |v: &mut Vec<usize>| {
        v.sort_unstable();
        [50, 90, 99, 100].map(|p| v[((v.len() - 1) * p) / 100])
    };
    println!(
        "articles {} sentences {n} candidates {} links {} cand-degree p50/90/99/max {:?} link-degree {:?}",
        corpus.articles.len(),
        pairs.len(),
        links.len(),
        pct(&mut cd),
        pct(&mut ld)
    );
    Ok(())
}
