//! Stage 6, variants: how the wording of the mentions of one event differs. Word-level diffs
//! (`similar`) over normalised words, mapped back to byte spans of the original text, and the
//! classification of each mention as verbatim, reworded or paraphrase.
//!
//! The decisions to know: of a quoted mention of a quote event only the quoted words are
//! compared (the marks, "he said", "told reporters" are left out), so two outlets quoting the
//! same words with different attributions are verbatim; statements compare the whole matched
//! passage. Every mention is compared with one baseline, the event's most common wording (the
//! wording most sources share; among equals the one closest to all the others), never with
//! whichever source happens to come first.

mod words;

pub use words::{KeyHasher, KeyMap, KeySet, WordIds, Words};

use crate::model::{Analysis, Article, ArticleId, Event, EventKind, MatchKind, Mention, Quote, Span};
use crate::segment::{Token, tokenize};
use rust_stemmers::{Algorithm, Stemmer};
use similar::algorithms::{DiffHook, myers};
use similar::{Algorithm as DiffAlgorithm, DiffTag, capture_diff_slices};
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// What is compared, in one sentence for the reader's help and the README.
pub const COMPARED: &str = "Each mention of an event is compared with its baseline, the wording most sources share \
     (among equals, the one closest to the others). For a quote only the words inside the quotation marks count, \
     so who it is credited to and how (\"he said\", \"told reporters\") make no difference; a statement compares \
     the whole matched passage.";

/// The three kinds of match, each with what it means, for the reader's help and the README.
pub const KINDS: [(MatchKind, &str); 3] = [
    (
        MatchKind::Verbatim,
        "the same words as the baseline, or an unbroken stretch of them (case, quotation marks, spacing and \
         word endings aside)",
    ),
    (
        MatchKind::Reworded,
        "mostly the same words in the same order, a few changed, added or left out",
    ),
    (MatchKind::Paraphrase, "the same content in other words"),
];

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
    words_in(article, &[span])
}

/// Words of a passage made of several parts (a quotation interrupted by its attribution), in
/// order.
pub fn words_in(article: &Article, parts: &[Span]) -> Vec<Token> {
    let stemmer = Stemmer::create(Algorithm::English);
    parts
        .iter()
        .filter(|s| article.text.get(s.range()).is_some())
        .flat_map(|&s| tokenize(&article.text, s, &stemmer))
        .collect()
}

/// The quotations of one article among quotations in article order (`Analysis::quotes`).
pub fn quotes_of(quotes: &[Quote], article: ArticleId) -> &[Quote] {
    let start = quotes.partition_point(|q| q.article < article);
    let end = quotes.partition_point(|q| q.article <= article);
    quotes.get(start..end).unwrap_or(&[])
}

/// What of a mention is compared: for a mention of a quote event, the quoted words it holds
/// (`quoted` are the quotations of its article: spans inside the marks), in order, even when
/// it quotes only a few of them ("Ryabkov said Russia had “no plans” to attack"); for a
/// statement, and when no quotation overlaps the mention, the whole passage.
pub fn compared_parts(kind: EventKind, m: &Mention, quoted: impl IntoIterator<Item = Span>) -> Vec<Span> {
    if kind != EventKind::Quote {
        return vec![m.span];
    }
    let mut parts: Vec<Span> = quoted
        .into_iter()
        .filter(|q| q.overlap(m.span) > 0)
        .map(|q| Span::new(q.start.max(m.span.start), q.end.min(m.span.end)))
        .collect();
    parts.sort_unstable();
    // Nested or touching quotations (a quote inside a quote) are one part.
    let mut merged: Vec<Span> = Vec::with_capacity(parts.len());
    for p in parts {
        match merged.last_mut() {
            Some(last) if p.start <= last.end => last.end = last.end.max(p.end),
            _ => merged.push(p),
        }
    }
    if merged.is_empty() {
        merged.push(m.span);
    }
    merged
}

/// The compared passages of an event's mentions and the mention whose wording is the baseline,
/// as the reader's variants view and the exports show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variants {
    /// Per mention (in the event's order), the parts whose words are compared.
    pub parts: Vec<Vec<Span>>,
    /// The mention every other is compared with.
    pub baseline: usize,
}

impl Variants {
    /// The stretch of text shown for mention `i`: from its first compared word to its last.
    pub fn shown(&self, i: usize) -> Option<Span> {
        let parts = self.parts.get(i)?;
        Some(Span::new(parts.first()?.start, parts.last()?.end))
    }
}

/// The compared passages and the baseline of one event of an analysis.
pub fn of_event(analysis: &Analysis, event: &Event) -> Variants {
    let articles = &analysis.corpus.articles;
    let parts: Vec<Vec<Span>> = event
        .mentions
        .iter()
        .map(|m| {
            let quoted = quotes_of(&analysis.quotes, m.article).iter().map(|q| q.span);
            compared_parts(event.kind, m, quoted)
        })
        .collect();
    let keys: Vec<Vec<String>> = event
        .mentions
        .iter()
        .zip(&parts)
        .map(|(m, p)| {
            articles
                .get(m.article.index())
                .map_or_else(Vec::new, |a| words_in(a, p).into_iter().map(|t| t.key).collect())
        })
        .collect();
    let of: Vec<ArticleId> = event.mentions.iter().map(|m| m.article).collect();
    Variants {
        baseline: baseline(&keys, &of).unwrap_or(0),
        parts,
    }
}

/// How many mentions a candidate baseline is measured against when several wordings are
/// equally common: a medoid over every pair would grow with the square of a large event.
const MEDOID_SAMPLE: usize = 64;

/// The mention holding the event's most common wording: the normalised words most articles
/// share (an outlet repeating itself counts once); among equally common wordings, the one
/// whose words overlap the others' most (the medoid, by Dice over word sets); then the first.
/// `keys[i]` are mention `i`'s word keys and `articles[i]` its article.
pub fn baseline<T: Eq + Hash>(keys: &[Vec<T>], articles: &[ArticleId]) -> Option<usize> {
    if keys.is_empty() {
        return None;
    }
    let mut sources: HashMap<&[T], HashSet<ArticleId>> = HashMap::new();
    for (k, &a) in keys.iter().zip(articles) {
        sources.entry(k.as_slice()).or_default().insert(a);
    }
    let count = |i: usize| sources.get(keys[i].as_slice()).map_or(0, HashSet::len);
    let most = (0..keys.len()).map(count).max().unwrap_or(0);
    // First mention of each of the most common wordings.
    let mut seen: HashSet<&[T]> = HashSet::new();
    let candidates: Vec<usize> = (0..keys.len())
        .filter(|&i| count(i) == most && !keys[i].is_empty() && seen.insert(keys[i].as_slice()))
        .collect();
    if candidates.len() <= 1 {
        return candidates.first().copied().or(Some(0));
    }
    let sets: Vec<HashSet<&T>> = keys.iter().map(|k| k.iter().collect()).collect();
    let step = keys.len().div_ceil(MEDOID_SAMPLE).max(1);
    let closeness = |i: usize| -> f32 {
        (0..keys.len())
            .step_by(step)
            .filter(|&j| j != i)
            .map(|j| {
                let shared = sets[i].intersection(&sets[j]).count();
                2.0 * shared as f32 / (sets[i].len() + sets[j].len()).max(1) as f32
            })
            .sum()
    };
    candidates
        .iter()
        .take(MEDOID_SAMPLE)
        .map(|&i| (i, closeness(i)))
        // The first of equals: `max_by` keeps the last, so compare reversed indices too.
        .max_by(|(i, x), (j, y)| x.total_cmp(y).then(j.cmp(i)))
        .map(|(i, _)| i)
}

/// Each mention's match kind against the baseline (`baseline`); the baseline itself takes the
/// closest kind any mention of another article comes to it.
pub fn match_kinds<T: Eq + Hash>(
    keys: &[Vec<T>],
    articles: &[ArticleId],
    reworded_min: f32,
) -> Vec<MatchKind> {
    let Some(base) = baseline(keys, articles) else {
        return Vec::new();
    };
    let mut kinds: Vec<MatchKind> = keys
        .iter()
        .map(|k| classify(k, &keys[base], reworded_min))
        .collect();
    kinds[base] = (0..keys.len())
        .filter(|&j| j != base && articles.get(j) != articles.get(base))
        .map(|j| kinds[j])
        .min()
        .unwrap_or(MatchKind::Paraphrase);
    kinds
}

/// The word diff of two passages, as runs of equal, deleted, inserted and replaced words.
pub fn diff(a: &Article, span_a: Span, b: &Article, span_b: Span) -> Vec<DiffRun> {
    diff_parts(a, &[span_a], b, &[span_b])
}

/// The word diff of two passages made of parts (`compared_parts`). No run reaches across the
/// gap between two parts, so words left out of the comparison (an attribution between two
/// stretches of a quotation) are never marked as changed.
pub fn diff_parts(a: &Article, parts_a: &[Span], b: &Article, parts_b: &[Span]) -> Vec<DiffRun> {
    let wa = words_in(a, parts_a);
    let wb = words_in(b, parts_b);
    let ka: Vec<&str> = wa.iter().map(|t| t.key.as_str()).collect();
    let kb: Vec<&str> = wb.iter().map(|t| t.key.as_str()).collect();
    let end_a = parts_a.last().map_or(0, |s| s.end);
    let end_b = parts_b.last().map_or(0, |s| s.end);
    let mut out = Vec::new();
    for op in capture_diff_slices(DiffAlgorithm::Myers, &ka, &kb) {
        let (tag, ra, rb) = op.as_tag_tuple();
        let at_a = wa.get(ra.start).map_or(end_a, |t| t.span.start);
        let at_b = wb.get(rb.start).map_or(end_b, |t| t.span.start);
        let pa = pieces(&wa, parts_a, ra);
        let pb = pieces(&wb, parts_b, rb);
        if pa.len() <= 1 && pb.len() <= 1 {
            out.push(DiffRun {
                tag,
                a: pa.first().copied().unwrap_or(Span::new(at_a, at_a)),
                b: pb.first().copied().unwrap_or(Span::new(at_b, at_b)),
            });
            continue;
        }
        match tag {
            // Equal words are shown from `b`: one run per piece of `b`.
            DiffTag::Equal => out.extend(pb.iter().map(|&s| DiffRun {
                tag,
                a: Span::new(at_a, at_a),
                b: s,
            })),
            // A replacement across a gap: its deleted pieces, then its inserted ones.
            _ => {
                out.extend(pa.iter().map(|&s| DiffRun {
                    tag: DiffTag::Delete,
                    a: s,
                    b: Span::new(at_b, at_b),
                }));
                out.extend(pb.iter().map(|&s| DiffRun {
                    tag: DiffTag::Insert,
                    a: Span::new(at_a, at_a),
                    b: s,
                }));
            }
        }
    }
    out
}

/// The words `range` of `toks` as spans, one per part they lie in.
fn pieces(toks: &[Token], parts: &[Span], range: std::ops::Range<usize>) -> Vec<Span> {
    let part_of = |t: &Token| parts.iter().position(|p| p.contains(t.span));
    let mut out: Vec<(Option<usize>, Span)> = Vec::new();
    for t in toks.get(range).unwrap_or(&[]) {
        let part = part_of(t);
        match out.last_mut() {
            Some((p, span)) if *p == part => span.end = t.span.end,
            _ => out.push((part, t.span)),
        }
    }
    out.into_iter().map(|(_, s)| s).collect()
}

/// Verbatim when the shorter passage's words appear in the longer in order and unbroken;
/// reworded when most words are shared in order; paraphrase otherwise.
pub fn classify<T: Eq + Hash>(a: &[T], b: &[T], reworded_min: f32) -> MatchKind {
    classify_within(a, b, reworded_min, |_, _| usize::MAX, within_edits)
}

/// Room for `classify_ids` to count in, kept between calls.
#[derive(Debug, Default)]
pub struct Scratch {
    /// Per word number, all zero between calls.
    counts: Vec<u32>,
    /// Per word number, all zero between calls.
    masks: Vec<u64>,
}

/// `classify` of two passages of word numbers (`WordIds`), with no diff when the words they
/// share in any order are already too few for a rewording: a diff keeps no more words equal
/// than that. When one passage has at most 64 words, the words kept in order are counted a
/// machine word at a time.
pub fn classify_ids(a: &[u32], b: &[u32], reworded_min: f32, scratch: &mut Scratch) -> MatchKind {
    let Scratch { counts, masks } = scratch;
    classify_within(
        a,
        b,
        reworded_min,
        |a, b| shared_words(a, b, counts),
        |a, b, limit| {
            let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
            if short.len() > 64 {
                return within_edits(a, b, limit);
            }
            a.len() + b.len() - 2 * kept_in_order(short, long, masks) <= limit
        },
    )
}

/// The most words of `short` (at most 64) that `long` holds in the same order (the length of
/// their longest common subsequence), by the bit-parallel method of Allison and Dix: bit `i`
/// of the state is cleared once `short[..=i]` gains a word. `masks` is all zeros before and
/// after.
fn kept_in_order(short: &[u32], long: &[u32], masks: &mut Vec<u64>) -> usize {
    let top = short.iter().map(|&w| w as usize + 1).max().unwrap_or(0);
    if masks.len() < top {
        masks.resize(top, 0);
    }
    for (i, &w) in short.iter().enumerate() {
        masks[w as usize] |= 1u64 << i;
    }
    let all = if short.len() >= 64 {
        u64::MAX
    } else {
        (1u64 << short.len()) - 1
    };
    let mut state = all;
    for &w in long {
        let matched = state & masks.get(w as usize).copied().unwrap_or(0);
        state = (state.wrapping_add(matched) | (state - matched)) & all;
    }
    for &w in short {
        masks[w as usize] = 0;
    }
    short.len() - state.count_ones() as usize
}

/// `classify`, where `most(a, b)` is at least the number of words a diff keeps equal.
fn classify_within<T: Eq + Hash>(
    a: &[T],
    b: &[T],
    reworded_min: f32,
    most: impl FnOnce(&[T], &[T]) -> usize,
    within: impl FnOnce(&[T], &[T], usize) -> bool,
) -> MatchKind {
    if a.is_empty() || b.is_empty() {
        return MatchKind::Paraphrase;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.windows(short.len()).any(|w| w == short) {
        return MatchKind::Verbatim;
    }
    // Share of the shorter passage found in order in the longer one.
    let reworded = |equal: usize| equal as f32 / short.len() as f32 >= reworded_min;
    if !reworded(most(a, b)) {
        return MatchKind::Paraphrase;
    }
    // The fewest words kept equal that make a rewording: a diff keeping as many differs in
    // at most the rest of the two passages' words.
    let Some(need) = (0..=short.len()).find(|&equal| reworded(equal)) else {
        return MatchKind::Paraphrase;
    };
    let edits = a.len() + b.len() - 2 * need;
    // Past `EXACT_EDITS` the diff may take a shortcut; then its count is the measure.
    let found =
        within(a, b, edits.min(EXACT_EDITS - 1)) || (edits >= EXACT_EDITS && reworded(equal_words(a, b)));
    if found {
        MatchKind::Reworded
    } else {
        MatchKind::Paraphrase
    }
}

/// Edits below which the diff `equal_words` counts is a shortest one (its heuristics start at
/// 256).
const EXACT_EDITS: usize = 256;

/// Whether `a` becomes `b` by at most `limit` insertions and deletions: the shortest-path
/// search of Myers' diff (one direction, stopping at the limit), the passages' common start
/// and end passed over first.
fn within_edits<T: Eq>(a: &[T], b: &[T], limit: usize) -> bool {
    let start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[start..], &b[start..]);
    let end = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - end], &b[..b.len() - end]);
    if a.len() + b.len() <= limit {
        return true;
    }
    if a.len().abs_diff(b.len()) > limit {
        return false;
    }
    let (n, m, limit) = (a.len() as isize, b.len() as isize, limit as isize);
    // The furthest `x` reached on each diagonal `k = x - y`, at `k + limit + 1`.
    let mut furthest = vec![0isize; 2 * limit as usize + 3];
    for d in 0..=limit {
        for k in (-d..=d).step_by(2) {
            let at = (k + limit + 1) as usize;
            let mut x = if k == -d || (k != d && furthest[at - 1] < furthest[at + 1]) {
                furthest[at + 1]
            } else {
                furthest[at - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            furthest[at] = x;
            if x >= n && y >= m {
                return true;
            }
        }
    }
    false
}

/// How many words two passages of word numbers share, each word as often as both hold it, in
/// any order. `counts` (indexed by word number) is all zeros before and after.
fn shared_words(a: &[u32], b: &[u32], counts: &mut Vec<u32>) -> usize {
    let top = a.iter().chain(b).map(|&w| w as usize + 1).max().unwrap_or(0);
    if counts.len() < top {
        counts.resize(top, 0);
    }
    for &w in a {
        counts[w as usize] += 1;
    }
    let mut shared = 0;
    for &w in b {
        let n = &mut counts[w as usize];
        if *n > 0 {
            *n -= 1;
            shared += 1;
        }
    }
    for &w in a {
        counts[w as usize] = 0;
    }
    shared
}

/// How many words of `a` a word diff of `a` and `b` keeps equal: the words of its equal runs,
/// counted as the diff finds them without building its runs.
fn equal_words<T: Eq + Hash>(a: &[T], b: &[T]) -> usize {
    struct Count(usize);
    impl DiffHook for Count {
        type Error = std::convert::Infallible;
        fn equal(&mut self, _: usize, _: usize, len: usize) -> Result<(), Self::Error> {
            self.0 += len;
            Ok(())
        }
    }
    let mut count = Count(0);
    match myers::diff(&mut count, a, 0..a.len(), b, 0..b.len()) {
        Ok(()) => count.0,
        Err(never) => match never {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{RawArticle, build, from_texts};
    use crate::model::SentenceId;

    fn k(s: &'static str) -> Vec<&'static str> {
        s.split(' ').collect()
    }

    #[test]
    fn classify_three_kinds() {
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

    /// The words a diff finds equal, in order.
    fn diffed_equal(a: &[&str], b: &[&str]) -> usize {
        capture_diff_slices(DiffAlgorithm::Myers, a, b)
            .iter()
            .filter(|op| op.tag() == DiffTag::Equal)
            .map(|op| op.old_range().len())
            .sum()
    }

    #[test]
    fn equal_words_are_the_words_of_the_equal_runs_of_the_diff() {
        let passages = [
            k("we have no plans to attack ukraine"),
            k("ukraine to attack plans no have we"),
            k("no plans no intentions no reason to attack"),
            k("the talks lasted nearly eight hours the envoys said"),
            k("the envoys said talks lasted eight hours"),
            k("a long way to go"),
            k("a a b a b b a c a b"),
            k("b a b b a a c b a a"),
        ];
        for a in &passages {
            for b in &passages {
                assert_eq!(equal_words(a, b), diffed_equal(a, b), "{a:?} {b:?}");
            }
        }
        assert_eq!(
            equal_words(&passages[3], &passages[4]),
            5,
            "the talks lasted eight hours"
        );
        // Longer passages of few distinct words, where a diff has most ways to go.
        let mut seed = 7_u64;
        let mut passage = |len: usize| -> Vec<&'static str> {
            (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    ["a", "b", "c", "d", "e"][(seed >> 33) as usize % 5]
                })
                .collect()
        };
        for len in [5, 20, 60, 120] {
            let (a, b) = (passage(len), passage(len + 7));
            assert_eq!(equal_words(&a, &b), diffed_equal(&a, &b), "{a:?} {b:?}");
        }
    }

    /// Numbers below a bound, the same on every run for one `seed`.
    fn draws(mut seed: u64) -> impl FnMut(u64) -> u64 {
        move |below| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % below
        }
    }

    #[test]
    fn a_bounded_search_finds_what_the_diff_keeps_equal() {
        // Random passages over few words, where the diff has most ways to go: `a` becomes `b`
        // within `limit` edits exactly when the diff keeps enough words equal.
        let mut next = draws(11);
        for _ in 0..3000 {
            let (la, lb, words) = (next(14) as usize, next(14) as usize, next(4) + 1);
            let a: Vec<u64> = (0..la).map(|_| next(words)).collect();
            let b: Vec<u64> = (0..lb).map(|_| next(words)).collect();
            let shortest = la + lb - 2 * equal_words(&a, &b);
            for limit in 0..=la + lb {
                assert_eq!(
                    within_edits(&a, &b, limit),
                    shortest <= limit,
                    "{a:?} {b:?} {limit}"
                );
            }
        }
    }

    #[test]
    fn words_kept_in_order_are_the_words_the_diff_keeps_equal() {
        let mut next = draws(5);
        let mut masks = Vec::new();
        for round in 0..3000 {
            // Up to 64 words on the short side, the whole machine word at the end.
            let la = if round % 100 == 0 { 64 } else { next(40) as usize };
            let lb = next(80) as usize;
            let words = next(6) as u32 + 1;
            let a: Vec<u32> = (0..la).map(|_| next(u64::from(words)) as u32 * 3).collect();
            let b: Vec<u32> = (0..lb).map(|_| next(u64::from(words)) as u32 * 3).collect();
            assert_eq!(
                kept_in_order(&a, &b, &mut masks),
                equal_words(&a, &b),
                "{a:?} {b:?}"
            );
            assert!(masks.iter().all(|&m| m == 0));
        }
    }

    #[test]
    fn classifying_word_numbers_is_classifying_their_words() {
        let passages = [
            k("we have no plans to attack ukraine"),
            k("ukraine to attack plans no have we"),
            k("no plans no intentions no reason to attack"),
            k("the talks lasted nearly eight hours the envoys said"),
            k("the envoys said talks lasted eight hours"),
            k("the envoys said the talks lasted hours"),
            k("a long way to go"),
            k("a long way to go yet"),
            k("a a b a b b a c a b"),
            k("b a b b a a c b a a"),
            vec![],
        ];
        let mut ids = WordIds::default();
        let numbered: Vec<Vec<u32>> = passages.iter().map(|p| ids.ids_of(p.iter().copied())).collect();
        let mut scratch = Scratch::default();
        let mut kinds = Vec::new();
        for min in [0.3, 0.6, 0.9] {
            for (a, na) in passages.iter().zip(&numbered) {
                for (b, nb) in passages.iter().zip(&numbered) {
                    let kind = classify(a, b, min);
                    assert_eq!(classify_ids(na, nb, min, &mut scratch), kind, "{a:?} {b:?} {min}");
                    assert!(scratch.counts.iter().all(|&n| n == 0));
                    assert!(scratch.masks.iter().all(|&m| m == 0));
                    if !kinds.contains(&kind) {
                        kinds.push(kind);
                    }
                }
            }
        }
        assert_eq!(kinds.len(), 3, "every kind is met");
        assert_eq!(shared_words(&numbered[0], &numbered[1], &mut scratch.counts), 7);
        assert_eq!(shared_words(&numbered[8], &numbered[9], &mut scratch.counts), 10);
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

    fn ids(v: &[usize]) -> Vec<ArticleId> {
        v.iter().map(|&i| ArticleId::from_index(i)).collect()
    }

    #[test]
    fn the_baseline_is_the_wording_most_sources_share() {
        let keys = vec![
            k("a long way to go"),
            k("we have no plans"),
            k("a long way to go yet"),
            k("we have no plans"),
        ];
        assert_eq!(baseline(&keys, &ids(&[0, 1, 2, 3])), Some(1));
        // One outlet repeating itself counts once: here three wordings have one source each.
        let keys = vec![
            k("no plans at all"),
            k("we have no plans"),
            k("we have no plans"),
            k("plans"),
        ];
        assert_eq!(
            baseline(&keys, &ids(&[0, 1, 1, 2])),
            Some(1),
            "the closest to the others"
        );
        let kinds = match_kinds(
            &[k("a b c d"), k("x y z w"), k("x y z w"), k("x y z q")],
            &ids(&[0, 1, 2, 3]),
            0.6,
        );
        assert_eq!(
            kinds,
            vec![
                MatchKind::Paraphrase,
                MatchKind::Verbatim,
                MatchKind::Verbatim,
                MatchKind::Reworded
            ]
        );
    }

    #[test]
    fn a_quotation_compares_its_quoted_words_in_parts() {
        let text = "“We have no plans,” Ryabkov said, “to attack Ukraine.”";
        let quotes: Vec<Span> = crate::quotes::quotation_spans(text);
        let m = Mention {
            article: ArticleId(0),
            span: Span::new(0, text.len()),
            sentence: SentenceId(0),
            quote: true,
            match_kind: MatchKind::Paraphrase,
            speaker: None,
        };
        let parts = compared_parts(EventKind::Quote, &m, quotes.iter().copied());
        let shown: Vec<&str> = parts.iter().map(|p| &text[p.range()]).collect();
        assert_eq!(shown, vec!["We have no plans,", "to attack Ukraine."]);
        assert_eq!(
            compared_parts(EventKind::Statement, &m, quotes.iter().copied()),
            vec![m.span]
        );
        let told = "Ryabkov said Russia had “no plans” to attack.";
        let partial = Mention {
            span: Span::new(0, told.len()),
            quote: false,
            ..m
        };
        let parts = compared_parts(EventKind::Quote, &partial, crate::quotes::quotation_spans(told));
        assert_eq!(
            parts.iter().map(|p| &told[p.range()]).collect::<Vec<_>>(),
            vec!["no plans"]
        );
        assert_eq!(compared_parts(EventKind::Quote, &partial, []), vec![partial.span]);
    }

    #[test]
    fn a_run_never_reaches_across_the_words_left_out() {
        let x = "We have no plans to attack Ukraine.";
        let y = "“We have no wish,” Ryabkov said, “to invade Ukraine.”";
        let corpus = from_texts(&[x, y]);
        let (a, b) = (&corpus.articles[0], &corpus.articles[1]);
        let parts_b = crate::quotes::quotation_spans(y);
        let runs = diff_parts(a, &[Span::new(0, x.len())], b, &parts_b);
        let inserted: Vec<&str> = runs
            .iter()
            .filter(|r| r.tag != DiffTag::Equal && !r.b.is_empty())
            .map(|r| b.slice(r.b))
            .collect();
        assert!(inserted.iter().all(|s| !s.contains("Ryabkov")), "{inserted:?}");
        assert_eq!(inserted.concat(), "wishinvade");
    }

    /// The quote event of a story and, per article, its mention's match kind.
    fn quote_event(texts: &[&str]) -> (Analysis, usize) {
        let an = crate::analyse(from_texts(texts), &crate::Settings::default());
        let at = an
            .events
            .iter()
            .position(|e| e.kind == EventKind::Quote && e.sources.len() == texts.len())
            .unwrap_or_else(|| panic!("a quote event in every article: {:#?}", an.events));
        (an, at)
    }

    #[test]
    fn the_same_quoted_words_under_different_attributions_are_verbatim() {
        let (an, at) = quote_event(&[
            "“We have no plans, no intentions, no reason to attack Ukraine,” Sergei Ryabkov told reporters.",
            "Ryabkov said: “We have no plans, no intentions, no reason to attack Ukraine.”",
            "“We have no plans, no intentions, no reason to attack Ukraine,” the envoy insisted.",
        ]);
        let e = &an.events[at];
        let kinds: Vec<MatchKind> = e.mentions.iter().map(|m| m.match_kind).collect();
        assert_eq!(kinds, vec![MatchKind::Verbatim; 3]);
        assert_eq!(e.agreement.verbatim, 3);
        let v = of_event(&an, e);
        let shown: Vec<&str> = (0..3)
            .map(|i| an.corpus.articles[i].slice(v.shown(i).unwrap_or_default()))
            .collect();
        assert_eq!(
            shown[1],
            "We have no plans, no intentions, no reason to attack Ukraine."
        );
        assert!(shown.iter().all(|s| !s.contains("said") && !s.contains("told")));
    }

    #[test]
    fn mentions_are_compared_with_the_most_common_wording_not_the_first() {
        let (an, at) = quote_event(&[
            "“We have no wish, no intentions, no reason to attack Ukraine,” Sergei Ryabkov told reporters.",
            "Ryabkov said: “We have no plans, no intentions, no reason to attack Ukraine.”",
            "“We have no plans, no intentions, no reason to attack Ukraine,” the envoy insisted.",
        ]);
        let e = &an.events[at];
        let v = of_event(&an, e);
        assert_eq!(e.mentions[v.baseline].article, ArticleId(1));
        let kinds: Vec<MatchKind> = e.mentions.iter().map(|m| m.match_kind).collect();
        assert_eq!(
            kinds,
            vec![MatchKind::Reworded, MatchKind::Verbatim, MatchKind::Verbatim]
        );
        let a0 = &an.corpus.articles[0];
        let b = &an.corpus.articles[1];
        let changed: Vec<(&str, &str)> = diff_parts(b, &v.parts[v.baseline], a0, &v.parts[0])
            .iter()
            .filter(|r| r.tag != DiffTag::Equal)
            .map(|r| (b.slice(r.a), a0.slice(r.b)))
            .collect();
        assert_eq!(changed, vec![("plans", "wish")]);
    }
}
