//! Writes a synthetic story (see `parallax::align::synth`) to a folder, for timing the release
//! binary: `cargo run --release --example synth -- 1000 /tmp/synth-1000 [SEED]`, then
//! `/usr/bin/time -v target/release/parallax align --format json /tmp/synth-1000 > /dev/null`.

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: synth ARTICLES DIR [SEED]";
    let n: usize = args.next().ok_or_else(|| anyhow::anyhow!(usage))?.parse()?;
    let dir = PathBuf::from(args.next().ok_or_else(|| anyhow::anyhow!(usage))?);
    let seed: u64 = args.next().map_or(Ok(42), |s| s.parse())?;
    std::fs::create_dir_all(&dir)?;
    let story = parallax::align::synth::story(n, seed);
    for article in &story.articles {
        std::fs::write(dir.join(&article.path), &article.text)?;
    }
    println!("{} articles in {}", story.articles.len(), dir.display());
    Ok(())
}
