//! Stage 6, variants: how the wording of two mentions of one event differs. Word-level diffs
//! (`similar`) over normalised words, mapped back to byte spans of the original text, and the
//! classification of a pair as verbatim, reworded or paraphrase.

use crate::model::{Article, MatchKind, Span};
use crate::segment::{Token, tokenize};
use rust_stemmers::{Algorithm, Stemmer};
use similar::{Algorithm as DiffAlgorithm, DiffTag, capture_diff_slices};

/// One run of a word diff between passage `a` (old) and passage `b` (new).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffRun {
    pub tag: DiffTag,
    /// Span in article `a` (empty for insertions).
    pub a: Span,
    /// Span in article `b` (empty for deletions).
    pub b: Span,
}

/// Words of a passage with their matching keys (case, quotes and number forms normalised).
pub fn words(article: &Article, span: Span) -> Vec<Token> {
    let stemmer = Stemmer::create(Algorithm::English);
    if article.text.get(span.range()).is_none() {
        return Vec::new();
    }
    tokenize(&article.text, span, &stemmer)
}

/// The word diff of two passages, as runs of equal, deleted, inserted and replaced words.
pub fn diff(a: &Article, span_a: Span, b: &Article, span_b: Span) -> Vec<DiffRun> {
    let wa = words(a, span_a);
    let wb = words(b, span_b);
    let ka: Vec<&str> = wa.iter().map(|t| t.key.as_str()).collect();
    let kb: Vec<&str> = wb.iter().map(|t| t.key.as_str()).collect();
    let cover = |toks: &[Token], r: std::ops::Range<usize>, at: usize| -> Span {
        if r.is_empty() {
            Span::new(at, at)
        } else {
            Span::new(toks[r.start].span.start, toks[r.end - 1].span.end)
        }
    };
    capture_diff_slices(DiffAlgorithm::Myers, &ka, &kb)
        .into_iter()
        .map(|op| {
            let (tag, ra, rb) = op.as_tag_tuple();
            let at_a = wa.get(ra.start).map_or(span_a.end, |t| t.span.start);
            let at_b = wb.get(rb.start).map_or(span_b.end, |t| t.span.start);
            DiffRun {
                tag,
                a: cover(&wa, ra, at_a),
                b: cover(&wb, rb, at_b),
            }
        })
        .collect()
}

/// Verbatim when the shorter passage's words appear in the longer in order and unbroken;
/// reworded when most words are shared in order; paraphrase otherwise.
pub fn classify(a: &[&str], b: &[&str], reworded_min: f32) -> MatchKind {
    if a.is_empty() || b.is_empty() {
        return MatchKind::Paraphrase;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.windows(short.len()).any(|w| w == short) {
        return MatchKind::Verbatim;
    }
    let equal: usize = capture_diff_slices(DiffAlgorithm::Myers, a, b)
        .iter()
        .filter(|op| op.tag() == DiffTag::Equal)
        .map(|op| op.old_range().len())
        .sum();
    // Share of the shorter passage found in order in the longer one.
    if equal as f32 / short.len() as f32 >= reworded_min {
        MatchKind::Reworded
    } else {
        MatchKind::Paraphrase
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{RawArticle, build};

    #[test]
    fn classify_three_kinds() {
        let k = |s: &'static str| s.split(' ').collect::<Vec<_>>();
        assert_eq!(
            classify(&k("we have no plans"), &k("he said we have no plans today"), 0.6),
            MatchKind::Verbatim
        );
        assert_eq!(
            classify(
                &k("without attempts to gloss over sharp edges"),
                &k("without attempts to cover up sharp edges"),
                0.6
            ),
            MatchKind::Reworded
        );
        assert_eq!(
            classify(&k("a long way to go"), &k("the chasm remains wide"), 0.6),
            MatchKind::Paraphrase
        );
    }

    #[test]
    fn diff_maps_runs_to_original_bytes() {
        let corpus = build(
            None,
            vec![
                RawArticle {
                    text: "to gloss over some sharp edges".into(),
                    ..RawArticle::default()
                },
                RawArticle {
                    text: "to cover up some sharp edges".into(),
                    ..RawArticle::default()
                },
            ],
        );
        let (a, b) = (&corpus.articles[0], &corpus.articles[1]);
        let runs = diff(a, Span::new(0, a.text.len()), b, Span::new(0, b.text.len()));
        let changed: Vec<(&str, &str)> = runs
            .iter()
            .filter(|r| r.tag != DiffTag::Equal)
            .map(|r| (a.slice(r.a), b.slice(r.b)))
            .collect();
        assert_eq!(changed, vec![("gloss over", "cover up")]);
    }
}
