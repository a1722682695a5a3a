//! parallax: read several articles about one event side by side, with what they share aligned.
//!
//! The analysis is a chain of pure stages, each `(input, &Settings) -> owned output`:
//! ingest → segment → quotes → align → events → discrepancies, gathered into one `Analysis`
//! that the reader and every exporter read. Nothing here touches the terminal; the reader lives behind the
//! `tui` feature.

pub mod align;
pub mod config;
pub mod copies;
pub mod coverage;
pub mod discrepancies;
pub mod display;
pub mod error;
pub mod events;
pub mod export;
pub mod fsutil;
pub mod ingest;
pub mod lexicon;
pub mod model;
pub mod notes;
pub mod numbers;
pub mod palette;
pub mod quotes;
pub mod segment;
pub mod settings;
pub mod speakers;
#[cfg(feature = "tui")]
pub mod tui;
pub mod variants;
pub mod view;
#[cfg(feature = "web")]
pub mod web;
pub mod wordbounds;

pub use error::{Error, Result};
pub use model::{Analysis, Corpus};
pub use settings::Settings;

/// A step of the analysis, as reported to a progress callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Segmenting,
    Quotations,
    Aligning,
    Grouping,
    Comparing,
}

impl Stage {
    /// What the step does, for a progress line ("aligning").
    pub fn describe(self) -> &'static str {
        match self {
            Stage::Segmenting => "reading sentences",
            Stage::Quotations => "finding quotations",
            Stage::Aligning => "aligning",
            Stage::Grouping => "grouping events",
            Stage::Comparing => "comparing wording and figures",
        }
    }
}

/// Runs the whole pipeline on a corpus.
pub fn analyse(corpus: Corpus, settings: &Settings) -> Analysis {
    analyse_with(corpus, settings, &mut |_| {})
}

/// Runs the whole pipeline, calling `progress` as each step begins.
pub fn analyse_with(corpus: Corpus, settings: &Settings, progress: &mut dyn FnMut(Stage)) -> Analysis {
    let (corpus, aside) = copies::set_aside(corpus);
    progress(Stage::Segmenting);
    let segmented = segment::segment(&corpus);
    progress(Stage::Quotations);
    let (mut quotes, reported) = quotes::find_attributions(&corpus, &segmented);
    progress(Stage::Aligning);
    let texts: Vec<&str> = corpus.articles.iter().map(|a| a.text.as_str()).collect();
    let features = align::features_of(&segmented, &quotes, &texts, &settings.align);
    let links = align::align(&segmented, &features, &settings.align);
    progress(Stage::Grouping);
    // The largest part of the grouping runs on one core. Beside it: freeing the features (many
    // small allocations) and finding the figures that may tie linked passages, which reads the
    // links alone.
    let (corpus_ref, segmented_ref, links_ref) = (&corpus, &segmented, &links);
    let (clusters, ties) = rayon::join(
        || events::cluster(&segmented, &links, &settings.align),
        move || {
            drop(features);
            settings.align.figure_anchors.then(|| {
                discrepancies::anchors::ties(
                    corpus_ref,
                    segmented_ref,
                    links_ref,
                    settings.align.weak_threshold,
                )
            })
        },
    );
    let (clusters, parts) = if settings.align.headline_min_cosine > 0.0 {
        events::headline::join(&corpus, &segmented, clusters, settings.align.headline_min_cosine)
    } else {
        (clusters, events::headline::Parts::default())
    };
    let mut events = events::describe::describe(
        &corpus,
        &segmented,
        (&quotes, &reported),
        &links,
        &clusters,
        &settings.align,
    );
    events::describe::confirm_joined(&mut events, &parts, &links, &settings.align);
    if let Some(ties) = ties {
        discrepancies::anchors::anchor_ties(
            &corpus,
            &segmented,
            ties,
            &mut events,
            settings.align.max_mentions_per_article.max(1),
        );
    }
    progress(Stage::Comparing);
    let words = variants::Words::new(&corpus, &segmented);
    discrepancies::annotate_agreement(words, &quotes, &mut events, settings.align.reworded_min_dice);
    let mut discrepancies = discrepancies::find(words, &events);
    // The sentences, links and indirect speech (millions of small allocations in a large story)
    // are freed on a thread of their own: nothing that follows waits for them. Should no thread
    // start, they are freed here.
    let _ = std::thread::Builder::new()
        .name("parallax-free".into())
        .spawn(move || drop((segmented, links, reported)));
    let corpus = aside.restore(corpus, &mut events, &mut quotes, &mut discrepancies);
    Analysis {
        corpus,
        events,
        discrepancies,
        quotes,
    }
}
