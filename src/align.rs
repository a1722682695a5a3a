//! Stage 4, align: sentences → scored links between sentences of different articles.
//!
//! Candidates come from an inverted index over each sentence's rarest word keys, so the work
//! grows with the pairs that share a rare word, not with every pair of sentences. Each
//! candidate is scored by a `Scorer`; the lexical scorer compares sub-units (clauses, quotations,
//! phrases) and keeps the best pair, whose spans become the highlighted passages. A second
//! similarity source (a sentence-embedding model) plugs in as another `Scorer`.

pub mod features;

use crate::model::{Quote, SentenceId, Span};
use crate::segment::Segmented;
use crate::settings::AlignSettings;
use features::{Features, WordSet};

/// Two sentences of different articles that report the same thing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    pub a: SentenceId,
    pub b: SentenceId,
    /// Similarity in [0, 1].
    pub score: f32,
    /// The passages of `a` and `b` that matched.
    pub span_a: Span,
    pub span_b: Span,
}

/// The best match between two sentences, as a scorer sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairMatch {
    pub score: f32,
    pub span_a: Span,
    pub span_b: Span,
}

/// A similarity source. The lexical scorer is the default; others sit behind the same call.
pub trait Scorer {
    fn score(&self, a: SentenceId, b: SentenceId) -> Option<PairMatch>;
}

/// Weighted word overlap of the best sub-unit pair.
pub struct LexicalScorer<'a> {
    pub features: &'a Features,
    pub segmented: &'a Segmented,
    pub settings: &'a AlignSettings,
}

impl Scorer for LexicalScorer<'_> {
    fn score(&self, a: SentenceId, b: SentenceId) -> Option<PairMatch> {
        let fa = &self.features.sentences[a.index()];
        let fb = &self.features.sentences[b.index()];
        let mut best: Option<PairMatch> = None;
        for ua in &fa.subunits {
            for ub in &fb.subunits {
                let Some(score) = set_score(&ua.set, &ub.set, self.settings) else {
                    continue;
                };
                // Prefer the larger passages on ties so a whole matching sentence is not cut.
                let better = best.is_none_or(|m| {
                    score > m.score + 1e-4
                        || (score > m.score - 1e-4
                            && ua.span.len() + ub.span.len() > m.span_a.len() + m.span_b.len())
                });
                if better {
                    best = Some(PairMatch {
                        score,
                        span_a: ua.span,
                        span_b: ub.span,
                    });
                }
            }
        }
        best
    }
}

/// `containment_share` × containment + the rest × Dice, over weighted sets; `None` when the
/// shared words are too few or only names and numbers.
pub fn set_score(a: &WordSet, b: &WordSet, settings: &AlignSettings) -> Option<f32> {
    if a.total <= 0.0 || b.total <= 0.0 {
        return None;
    }
    let (mut i, mut j) = (0, 0);
    let (mut shared, mut shared_content, mut shared_content_words) = (0.0f32, 0.0f32, 0usize);
    while i < a.entries.len() && j < b.entries.len() {
        let (x, y) = (a.entries[i], b.entries[j]);
        match x.key.cmp(&y.key) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += x.weight;
                if x.content {
                    shared_content += x.weight;
                    shared_content_words += 1;
                }
                i += 1;
                j += 1;
            }
        }
    }
    if shared_content < settings.min_content_weight || shared_content_words < settings.min_content_words {
        return None;
    }
    let containment = shared / a.total.min(b.total);
    let dice = 2.0 * shared / (a.total + b.total);
    Some(settings.containment_share * containment + (1.0 - settings.containment_share) * dice)
}

/// Candidate sentence pairs (different articles) sharing at least one indexed rare key.
pub fn candidates(
    features: &Features,
    segmented: &Segmented,
    settings: &AlignSettings,
) -> Vec<(SentenceId, SentenceId)> {
    let n = segmented.sentences.len();
    let max_df = ((n as f32) * settings.index_max_df_share).ceil().max(2.0) as u32;
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); features.df.len()];
    for (si, f) in features.sentences.iter().enumerate() {
        let mut keys: Vec<(u32, u32)> = f
            .whole
            .entries
            .iter()
            .map(|e| (features.df[e.key as usize], e.key))
            .collect();
        keys.sort_unstable();
        for (rank, &(df, key)) in keys.iter().enumerate() {
            if df >= 2 && (df <= max_df || rank < settings.index_min_per_sentence) {
                postings[key as usize].push(si as u32);
            }
        }
    }
    let article_of: Vec<u32> = segmented.sentences.iter().map(|s| s.article.0).collect();
    let mut pairs: Vec<u64> = Vec::new();
    for list in &postings {
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                if article_of[a as usize] != article_of[b as usize] {
                    pairs.push((u64::from(a) << 32) | u64::from(b));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
        .into_iter()
        .map(|p| (SentenceId((p >> 32) as u32), SentenceId(p as u32)))
        .collect()
}

/// Scores every candidate pair and keeps those at or above the weak threshold.
pub fn align(segmented: &Segmented, features: &Features, settings: &AlignSettings) -> Vec<Link> {
    let scorer = LexicalScorer {
        features,
        segmented,
        settings,
    };
    links_from(
        &scorer,
        &candidates(features, segmented, settings),
        settings.weak_threshold,
    )
}

/// Scores candidate pairs with any scorer.
pub fn links_from(scorer: &dyn Scorer, pairs: &[(SentenceId, SentenceId)], min_score: f32) -> Vec<Link> {
    pairs
        .iter()
        .filter_map(|&(a, b)| {
            let m = scorer.score(a, b)?;
            (m.score >= min_score).then_some(Link {
                a,
                b,
                score: m.score,
                span_a: m.span_a,
                span_b: m.span_b,
            })
        })
        .collect()
}

/// Features for a segmented corpus: a convenience over `features::build`.
pub fn features_of(
    segmented: &Segmented,
    quotes: &[Quote],
    texts: &[&str],
    settings: &AlignSettings,
) -> Features {
    features::build(segmented, quotes, texts, settings)
}
