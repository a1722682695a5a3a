//! Benchmarks of the analysis core: the bundled five-article story end to end, and the align
//! and events stages on seeded synthetic stories (see `parallax::align::synth`) of growing size,
//! to see how the time grows with the number of articles.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use parallax::{Settings, align, analyse, events, ingest, quotes, segment};
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

criterion_group!(benches, sample_story, synthetic);
criterion_main!(benches);
