//! Export of the bundled story in each format, from a finished analysis (the analysis itself is
//! measured in `align`). The budget is 100 ms per export; expect well under a millisecond.

use criterion::{Criterion, criterion_group, criterion_main};
use parallax::export::{Format, write};
use parallax::{Settings, analyse, ingest};
use std::hint::black_box;

fn export(c: &mut Criterion) {
    let analysis = analyse(ingest::bundled(), &Settings::default());
    for format in [Format::Json, Format::Markdown, Format::Html] {
        c.bench_function(&format!("export bundled {}", format.extension()), |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(256 * 1024);
                write(black_box(&analysis), &[], format, &mut out).expect("export to memory");
                out
            });
        });
    }
}

criterion_group!(benches, export);
criterion_main!(benches);
