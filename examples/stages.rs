//! Times each stage of the analysis on a seeded synthetic story and prints the sizes that
//! drive the cost (sentences, candidate pairs, links, events):
//! `cargo run --release --example stages -- 300 [SEED]`. `STAGES_ALIGN='key = value …'`
//! overrides align settings (TOML, as in the config's `[align]` section).
//! Given files or folders instead of a number (`-- a.txt b.txt`), it times the pipeline's
//! steps on those articles: wall time, and the CPU time of all threads (on a busy machine the
//! CPU time is the steadier figure of the two).

use parallax::{Settings, align, discrepancies, events, ingest, quotes, segment};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() -> anyhow::Result<()> {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths
        .first()
        .is_some_and(|p| p.to_str().is_none_or(|s| s.parse::<usize>().is_err()))
    {
        return time_files(&paths);
    }
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(Ok(100), |s| s.parse())?;
    let seed: u64 = args.next().map_or(Ok(42), |s| s.parse())?;
    let mut settings = Settings::default();
    if let Ok(toml_text) = std::env::var("STAGES_ALIGN") {
        settings.align = toml::from_str(&toml_text.replace(',', "\n"))?;
    }
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
    let pairs = align::candidates(&features, &seg, &settings.align).pairs;
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
    let mut sizes: Vec<usize> = clusters.iter().map(|c| c.sentences.len()).collect();
    sizes.sort_unstable();
    let at = |p: usize| {
        sizes
            .get(sizes.len().saturating_sub(1) * p / 100)
            .copied()
            .unwrap_or(0)
    };
    println!(
        "cluster     {:>9.1?}  clusters {} sizes p50/p90/max {}/{}/{}",
        t.elapsed(),
        clusters.len(),
        at(50),
        at(90),
        at(100)
    );
    let t = Instant::now();
    let mut described =
        events::describe::describe(&corpus, &seg, (&quotes, &[]), &links, &clusters, &settings.align);
    let mentions: usize = described.iter().map(|e| e.mentions.len()).sum();
    println!(
        "describe    {:>9.1?}  events {} mentions {mentions}",
        t.elapsed(),
        described.len()
    );
    let t = Instant::now();
    discrepancies::annotate_agreement(&corpus, &quotes, &mut described, settings.align.reworded_min_dice);
    println!("agreement   {:>9.1?}", t.elapsed());
    Ok(())
}

/// Loads the articles at `paths` and prints how long each step of the pipeline took.
fn time_files(paths: &[PathBuf]) -> anyhow::Result<()> {
    let mut settings = Settings::default();
    settings.ingest.max_articles = usize::MAX;
    settings.ingest.max_story_bytes = u64::MAX;
    let t = Instant::now();
    let corpus = ingest::load(paths, &settings.ingest)?;
    println!(
        "load        {:>9.1?}  articles {}",
        t.elapsed(),
        corpus.articles.len()
    );
    let mut last: Option<(parallax::Stage, Instant, Duration)> = None;
    let report = |stage: parallax::Stage, started: Instant, cpu: Duration| {
        println!(
            "{:<28}{:>9.1?}  cpu {:>9.1?}",
            stage.describe(),
            started.elapsed(),
            cpu_time().saturating_sub(cpu)
        );
    };
    let analysis = parallax::analyse_with(corpus, &settings, &mut |stage| {
        if let Some((previous, started, cpu)) = last.take() {
            report(previous, started, cpu);
        }
        last = Some((stage, Instant::now(), cpu_time()));
    });
    if let Some((previous, started, cpu)) = last {
        report(previous, started, cpu);
    }
    println!("events {}", analysis.events.len());
    Ok(())
}

/// User and system time of the whole process so far (every thread), from `/proc/self/stat`
/// (whose ticks are hundredths of a second on Linux); zero where that is missing.
fn cpu_time() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Duration::ZERO;
    };
    // The fields after the command name (which may hold spaces) close with ')'.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(vec![], |(_, rest)| rest.split_whitespace().collect());
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}
