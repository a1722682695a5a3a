//! Benchmarks of the analysis core: the bundled five-article story end to end, and the align
//! and events stages on seeded synthetic stories (see `parallax::align::synth`) of growing size,
//! to see how the time grows with the number of articles. The `hostile` group holds inputs that
//! once took minutes: a list of 99,000 words without a full stop, articles of one sentence
//! repeated, thousands of copies of one article, one large file listed many times.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use parallax::ingest::RawArticle;
use parallax::{Corpus, Settings, align, analyse, events, ingest, quotes, segment};
use std::hint::black_box;

fn sample_story(c: &mut Criterion) {
    let settings = Settings::default();
    let story = ingest::bundled();
    c.bench_function("analyse/sample-5", |b| {
        b.iter(|| analyse(black_box(story.clone()), &settings))
    });
}

fn synthetic(c: &mut Criterion) {
    let settings = Settings::default();
    let mut group = c.benchmark_group("synthetic");
    group.sample_size(10);
    for n in [25usize, 50, 100] {
        let story = align::synth::story(n, 42);
        group.bench_with_input(BenchmarkId::new("analyse", n), &story, |b, story| {
            b.iter(|| analyse(black_box(story.clone()), &settings))
        });
        let seg = segment::segment(&story);
        let q = quotes::find_quotes(&story, &seg);
        let texts: Vec<&str> = story.articles.iter().map(|a| a.text.as_str()).collect();
        let features = align::features_of(&seg, &q, &texts, &settings.align);
        group.bench_with_input(BenchmarkId::new("align", n), &features, |b, f| {
            b.iter(|| align::align(&seg, black_box(f), &settings.align))
        });
        let links = align::align(&seg, &features, &settings.align);
        group.bench_with_input(BenchmarkId::new("cluster", n), &links, |b, links| {
            b.iter(|| events::cluster(&seg, black_box(links), &settings.align))
        });
    }
    group.finish();
}

/// A story of the given texts, as files `a0.txt`, `a1.txt`… would give it.
fn story_of(texts: Vec<String>) -> Corpus {
    let raws = texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| RawArticle {
            path: format!("a{i}.txt"),
            text,
            ..RawArticle::default()
        })
        .collect();
    ingest::build(None, raws)
}

fn hostile(c: &mut Criterion) {
    let settings = Settings::default();
    let sample = ingest::bundled();
    let first = sample.articles[0].text.clone();
    let last = sample.articles[4].text.clone();
    let sentence = "The minister said the talks would continue. ";
    let repeated = |bytes: usize| sentence.repeat(bytes / sentence.len());
    let words: Vec<String> = (0..99_000).map(|i| format!("w{i}")).collect();
    let synthetic: String = align::synth::story(500, 7)
        .articles
        .iter()
        .map(|a| a.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let big: String = synthetic.chars().take(2_000_000).collect();
    let cases: Vec<(&str, Corpus)> = vec![
        ("list-99k-words", story_of(vec![words.join(", "), first])),
        ("repeated-2x1MB", story_of(vec![repeated(1 << 20); 2])),
        ("repeated-8x512KB", story_of(vec![repeated(512 << 10); 8])),
        ("copies-2000", story_of(vec![last; 2000])),
        ("file-listed-120x", story_of(vec![big; 120])),
    ];
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    for (name, story) in &cases {
        group.bench_function(*name, |b| b.iter(|| analyse(black_box(story.clone()), &settings)));
    }
    group.finish();
}

criterion_group!(benches, sample_story, synthetic, hostile);
criterion_main!(benches);
