//! Stage 4, align: sentences → scored links between sentences of different articles.
//!
//! Candidates come from an inverted index over each sentence's rarest word keys, so the work
//! grows with the pairs that share a rare word, not with every pair of sentences. Each
//! candidate is scored by a `Scorer`; the lexical scorer compares sub-units (clauses, quotations,
//! phrases) and keeps the best pair, whose spans become the highlighted passages. A second
//! similarity source (a sentence-embedding model) plugs in as another `Scorer`.

pub mod features;
pub mod synth;

use crate::model::{Quote, SentenceId, Span};
use crate::segment::Segmented;
use crate::settings::AlignSettings;
use crate::variants::KeySet;
use features::{Entry, Features, WordSet};
use rayon::prelude::*;

/// Two sentences of different articles that report the same thing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    pub a: SentenceId,
    pub b: SentenceId,
    /// Similarity in [0, 1].
    pub score: f32,
    /// Chance that a pair like this one survives the bound on candidates per sentence: 1 unless
    /// an end had more candidates than it could keep. The clustering counts a link as
    /// `1 / kept` links, so a passage copied by hundreds of articles, each copy linked to only
    /// some of the others, still averages like the fully linked group it is.
    pub kept: f32,
    /// The passages of `a` and `b` that matched (`span_a`, `span_b`), as 32-bit offsets: a
    /// large story holds millions of links, and this keeps each in 32 bytes rather than 48.
    /// No article reaches 4 GiB (`ingest.max_article_bytes` and `max_story_bytes` stop below).
    matched: [u32; 4],
}

impl Link {
    /// A link matching `span_a` of `a` with `span_b` of `b`, kept whatever the bound (`kept` 1).
    pub fn new(a: SentenceId, b: SentenceId, score: f32, span_a: Span, span_b: Span) -> Link {
        let at = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        Link {
            a,
            b,
            score,
            kept: 1.0,
            matched: [at(span_a.start), at(span_a.end), at(span_b.start), at(span_b.end)],
        }
    }

    /// The passage of `a` that matched.
    pub fn span_a(&self) -> Span {
        Span::new(self.matched[0] as usize, self.matched[1] as usize)
    }

    /// The passage of `b` that matched.
    pub fn span_b(&self) -> Span {
        Span::new(self.matched[2] as usize, self.matched[3] as usize)
    }

    /// The passage of sentence `s` that matched, when `s` is an end of this link.
    pub fn span_of(&self, s: SentenceId) -> Option<Span> {
        if self.a == s {
            Some(self.span_a())
        } else if self.b == s {
            Some(self.span_b())
        } else {
            None
        }
    }

    /// How many links this one stands for in the clustering: `1 / kept` (see `kept`).
    pub fn stands_for(&self) -> f32 {
        1.0 / self.kept.max(f32::EPSILON)
    }

    /// The link's weight in an average over all pairs of two groups: its score times the
    /// links it stands for.
    pub fn weight(&self) -> f32 {
        self.score / self.kept.max(f32::EPSILON)
    }

    /// The end of this link that is not sentence `s` (its `a` when `s` is neither).
    pub fn other(&self, s: usize) -> usize {
        if self.a.index() == s {
            self.b.index()
        } else {
            self.a.index()
        }
    }
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
        let fa = self.features.sentences.get(a.index())?;
        let fb = self.features.sentences.get(b.index())?;
        if fa.whole.entries.len() <= 64 && fb.whole.entries.len() <= 64 {
            return self.score_by_position(fa, fb);
        }
        // Every sub-unit pair shares a subset of what the whole sentences share: when that
        // cannot pass the gates, no sub-unit pair can.
        let shared = intersect(&fa.whole, &fb.whole);
        let mut whole = Overlap::default();
        for e in &shared {
            whole.add(e);
        }
        let copy = whole.near_copy(&fa.whole, &fb.whole, self.settings);
        if !copy && !whole.passes_gates(self.settings) {
            return None;
        }
        if shared.len() > 64 {
            return self.score_slow(fa, fb, copy);
        }
        // Each sub-unit as a bit mask over the shared words: a pair's overlap is then an AND.
        let masks_a: Vec<u64> = fa.subunits.iter().map(|u| mask(&u.set, &shared)).collect();
        let masks_b: Vec<u64> = fb.subunits.iter().map(|u| mask(&u.set, &shared)).collect();
        let mut best: Option<PairMatch> = None;
        for (ua, &ma) in fa.subunits.iter().zip(&masks_a) {
            for (ub, &mb) in fb.subunits.iter().zip(&masks_b) {
                let both = ma & mb;
                if both == 0 {
                    continue;
                }
                let overlap = Overlap::of_bits(both, &shared);
                let Some(score) = overlap.score(&ua.set, &ub.set, self.settings, copy) else {
                    continue;
                };
                consider(&mut best, score, ua.span, ub.span);
            }
        }
        best
    }
}

impl LexicalScorer<'_> {
    /// Sentences of at most 64 distinct words: sub-units are precomputed masks over their
    /// sentence's words, so a pair needs one merge of the two sentences and then only ANDs.
    fn score_by_position(
        &self,
        fa: &features::SentenceFeatures,
        fb: &features::SentenceFeatures,
    ) -> Option<PairMatch> {
        let (ea, eb) = (&fa.whole.entries, &fb.whole.entries);
        let (mut shared_a, mut shared_b) = (0u64, 0u64);
        let mut b_to_a = [0u8; 64];
        let mut gate = Overlap::default();
        let (mut i, mut j) = (0, 0);
        while let (Some(x), Some(y)) = (ea.get(i), eb.get(j)) {
            match x.key.cmp(&y.key) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared_a |= 1u64 << (i & 63);
                    shared_b |= 1u64 << (j & 63);
                    b_to_a[j & 63] = (i & 63) as u8;
                    gate.add(x);
                    i += 1;
                    j += 1;
                }
            }
        }
        // Every sub-unit pair shares a subset of what the whole sentences share: when that
        // cannot pass the gates, no sub-unit pair can.
        let copy = gate.near_copy(&fa.whole, &fb.whole, self.settings);
        if !copy && !gate.passes_gates(self.settings) {
            return None;
        }
        // Each sub-unit of `b` as a mask over the words of `a`, kept on the stack (a pair is
        // scored hundreds of thousands of times in a large story).
        let mut on_stack = [0u64; 64];
        let mut on_heap = Vec::new();
        let masks_b: &mut [u64] = if fb.subunits.len() <= on_stack.len() {
            &mut on_stack[..fb.subunits.len()]
        } else {
            on_heap.resize(fb.subunits.len(), 0);
            &mut on_heap
        };
        for (slot, u) in masks_b.iter_mut().zip(&fb.subunits) {
            let mut bits = u.mask & shared_b;
            let mut m = 0u64;
            while bits != 0 {
                let k = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                m |= 1u64 << b_to_a[k];
            }
            *slot = m;
        }
        // The weight of what each sub-unit of `b` shares with `a`: a pair shares at most the
        // smaller of its two sub-units' weights, which bounds its score.
        let mut weights_on_stack = [0f32; 64];
        let mut weights_on_heap = Vec::new();
        let weights_b: &mut [f32] = if masks_b.len() <= weights_on_stack.len() {
            &mut weights_on_stack[..masks_b.len()]
        } else {
            weights_on_heap.resize(masks_b.len(), 0.0);
            &mut weights_on_heap
        };
        for (w, &mb) in weights_b.iter_mut().zip(masks_b.iter()) {
            *w = weight_of(mb, ea);
        }
        let share = self.settings.containment_share;
        let mut best: Option<PairMatch> = None;
        for ua in &fa.subunits {
            let ma = ua.mask & shared_a;
            if ma == 0 {
                continue;
            }
            let weight_a = weight_of(ma, ea);
            for ((ub, &mb), &weight_b) in fb.subunits.iter().zip(masks_b.iter()).zip(weights_b.iter()) {
                let both = ma & mb;
                if both == 0 {
                    continue;
                }
                // A pair that cannot come within `consider`'s margin of the best is passed
                // over (with room for the rounding of sums taken in another order).
                if let Some(m) = best {
                    let most = weight_a.min(weight_b) * (1.0 + 1e-5);
                    let (ta, tb) = (ua.set.total, ub.set.total);
                    let bound = share * most / ta.min(tb) + (1.0 - share) * 2.0 * most / (ta + tb);
                    if bound < m.score - 1e-4 - 1e-6 {
                        continue;
                    }
                }
                let overlap = Overlap::of_bits(both, ea);
                if let Some(score) = overlap.score(&ua.set, &ub.set, self.settings, copy) {
                    consider(&mut best, score, ua.span, ub.span);
                }
            }
        }
        best
    }

    /// Every sub-unit pair by merging word sets: for sentences sharing more than 64 words.
    fn score_slow(
        &self,
        fa: &features::SentenceFeatures,
        fb: &features::SentenceFeatures,
        copy: bool,
    ) -> Option<PairMatch> {
        let mut best: Option<PairMatch> = None;
        for ua in &fa.subunits {
            for ub in &fb.subunits {
                if let Some(score) = set_score_of(&ua.set, &ub.set, self.settings, copy) {
                    consider(&mut best, score, ua.span, ub.span);
                }
            }
        }
        best
    }
}

/// Keeps the better match; on ties the larger passages, so a whole matching sentence is not cut.
fn consider(best: &mut Option<PairMatch>, score: f32, span_a: Span, span_b: Span) {
    let better = best.is_none_or(|m| {
        score > m.score + 1e-4
            || (score > m.score - 1e-4 && span_a.len() + span_b.len() > m.span_a.len() + m.span_b.len())
    });
    if better {
        *best = Some(PairMatch {
            score,
            span_a,
            span_b,
        });
    }
}

/// The summed weight of the entries whose positions are the set bits of `bits`, in order.
fn weight_of(mut bits: u64, entries: &[Entry]) -> f32 {
    let mut sum = 0.0;
    while bits != 0 {
        let k = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        if let Some(e) = entries.get(k) {
            sum += e.weight;
        }
    }
    sum
}

/// The entries of `a` whose keys `b` also holds (sorted by key, weights of `a`).
fn intersect(a: &WordSet, b: &WordSet) -> Vec<Entry> {
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.entries.get(i), b.entries.get(j)) {
        match x.key.cmp(&y.key) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(*x);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Bit `i` is set when `set` holds `shared[i]` (at most 64 shared words).
fn mask(set: &WordSet, shared: &[Entry]) -> u64 {
    let mut m = 0u64;
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (set.entries.get(i), shared.get(j)) {
        match x.key.cmp(&y.key) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                m |= 1u64 << (j & 63);
                i += 1;
                j += 1;
            }
        }
    }
    m
}

/// What two word sets share: all weight, weight of content words, number of content words.
#[derive(Debug, Default, Clone, Copy)]
struct Overlap {
    shared: f32,
    content: f32,
    content_words: usize,
    figures: usize,
    words: usize,
}

impl Overlap {
    /// Enough weight from content words, and enough content words (one shared figure counting
    /// as one).
    fn passes_gates(self, settings: &AlignSettings) -> bool {
        self.content >= settings.min_content_weight
            && self.content_words + self.figures.min(1) >= settings.min_content_words
    }

    /// Whole sentences that share nearly all their words (at least three, Dice at least
    /// `copy_dice`) are one report even when those words are names and numbers: a headline
    /// such as "Ellen DeGeneres to host Oscars" printed by several outlets.
    fn near_copy(self, a: &WordSet, b: &WordSet, settings: &AlignSettings) -> bool {
        let total = a.total + b.total;
        self.words >= 3 && total > 0.0 && 2.0 * self.shared / total >= settings.copy_dice
    }

    /// The overlap of the entries whose positions are the set bits of `bits`.
    fn of_bits(mut bits: u64, entries: &[Entry]) -> Overlap {
        let mut overlap = Overlap::default();
        while bits != 0 {
            let k = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if let Some(e) = entries.get(k) {
                overlap.add(e);
            }
        }
        overlap
    }

    fn add(&mut self, e: &Entry) {
        self.shared += e.weight;
        self.words += 1;
        if e.content {
            self.content += e.weight;
            self.content_words += 1;
        }
        if e.figure {
            self.figures += 1;
        }
    }

    /// `containment_share` × containment + the rest × Dice; `None` below the content gates
    /// (unless `copy`: the two sentences are near copies, see `near_copy`).
    fn score(self, a: &WordSet, b: &WordSet, settings: &AlignSettings, copy: bool) -> Option<f32> {
        if a.total <= 0.0 || b.total <= 0.0 {
            return None;
        }
        if !copy && !self.passes_gates(settings) {
            return None;
        }
        let containment = self.shared / a.total.min(b.total);
        let dice = 2.0 * self.shared / (a.total + b.total);
        Some(settings.containment_share * containment + (1.0 - settings.containment_share) * dice)
    }
}

/// `containment_share` × containment + the rest × Dice, over weighted sets; `None` when the
/// shared words are too few or only names and numbers.
pub fn set_score(a: &WordSet, b: &WordSet, settings: &AlignSettings) -> Option<f32> {
    set_score_of(a, b, settings, false)
}

/// `set_score`, with the content gates lifted when `copy`.
fn set_score_of(a: &WordSet, b: &WordSet, settings: &AlignSettings, copy: bool) -> Option<f32> {
    let mut overlap = Overlap::default();
    for e in intersect(a, b) {
        overlap.add(&e);
    }
    overlap.score(a, b, settings, copy)
}

/// Candidate pairs, and for each sentence how many sentences shared an indexed key with it
/// before the bound (`reach`).
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    pub pairs: Vec<(SentenceId, SentenceId)>,
    pub reach: Vec<u32>,
}

impl Candidates {
    /// Share of a sentence's candidates it could keep.
    fn kept_share(&self, s: SentenceId, keep: usize) -> f32 {
        let reach = self.reach.get(s.index()).copied().unwrap_or(0) as usize;
        if reach <= keep {
            1.0
        } else {
            keep as f32 / reach as f32
        }
    }
}

/// Candidate sentence pairs (different articles) sharing at least one indexed rare key, at most
/// `candidates_per_sentence` per sentence (a pair is kept when either end keeps it).
///
/// Each sentence accumulates, over its indexed keys, the weight it shares with every sentence
/// found in their postings, and keeps the best by shared weight over the smaller total (a
/// cheap stand-in for the containment score). In a large story a passage copied by hundreds of
/// articles would otherwise make its sentences candidates of each other, which grows with the
/// square of the number of articles; a bounded number per sentence keeps the work linear, and
/// the clustering (`events::cluster`) knows that bound.
pub fn candidates(features: &Features, segmented: &Segmented, settings: &AlignSettings) -> Candidates {
    let n = segmented.sentences.len();
    let max_df = ((features.distinct_sentences() as f32) * settings.index_max_df_share)
        .ceil()
        .clamp(2.0, MAX_POSTINGS as f32) as u32;
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); features.df.len()];
    let mut indexed: Vec<Vec<u32>> = Vec::with_capacity(n);
    for (si, f) in features.sentences.iter().enumerate() {
        if features.passed_over[si] {
            indexed.push(Vec::new());
            continue;
        }
        let mut keys: Vec<(u32, u32)> = f
            .whole
            .entries
            .iter()
            .map(|e| (features.df[e.key as usize], e.key))
            .collect();
        keys.sort_unstable();
        let mut own = Vec::new();
        for (rank, &(df, key)) in keys.iter().enumerate() {
            if df >= 2 && (df <= max_df || (rank < settings.index_min_per_sentence && df <= MAX_POSTINGS)) {
                postings[key as usize].push(si as u32);
                own.push(key);
            }
        }
        indexed.push(own);
    }
    // Each sentence's article, as the range of sentence numbers the article holds.
    let article_of: Vec<(u32, u32)> = segmented
        .sentences
        .iter()
        .map(|s| {
            segmented
                .by_article
                .get(s.article.index())
                .map_or((0, 0), |r| (r.start as u32, r.end as u32))
        })
        .collect();
    let total_of: Vec<f32> = features.sentences.iter().map(|f| f.whole.total).collect();
    let keep = settings.candidates_per_sentence.max(1);
    // Sentences are queried in blocks, in parallel, each thread with its own scratch space; the
    // blocks' results are joined in order, so the pairs are the same whatever the thread count.
    const BLOCK: usize = 512;
    let query = Query {
        features,
        postings: &postings,
        article_of: &article_of,
        total_of: &total_of,
        keep,
    };
    let blocks: Vec<(Vec<u64>, Vec<u32>)> = indexed
        .par_chunks(BLOCK)
        .enumerate()
        .map_init(
            || Scratch {
                shared: vec![0.0; n],
                touched: vec![0; n + 1],
            },
            |scratch, (block, sentences)| query.run(block * BLOCK, sentences, scratch),
        )
        .collect();
    let (blocks, reach): (Vec<Vec<u64>>, Vec<Vec<u32>>) = blocks.into_iter().unzip();
    let mut pairs = concat(&blocks);
    drop(blocks);
    let reach = reach.concat();
    pairs.par_sort_unstable();
    pairs.dedup();
    let pairs = pairs
        .into_par_iter()
        .map(|p| (SentenceId((p >> 32) as u32), SentenceId(p as u32)))
        .collect();
    Candidates { pairs, reach }
}

/// Most sentences one word's list in the index may hold. A share of the story bounds it in
/// stories of a few hundred articles; in stories of thousands, a word found in more sentences
/// than this tells too little to be worth a query's time, which would otherwise grow with the
/// square of the story.
const MAX_POSTINGS: u32 = 2_000;

/// One thread's working space for querying the index: one weight per sentence, all zero
/// between queries, and room to list every sentence once.
struct Scratch {
    shared: Vec<f32>,
    touched: Vec<u32>,
}

/// What querying the index for candidates reads.
struct Query<'a> {
    features: &'a Features,
    postings: &'a [Vec<u32>],
    article_of: &'a [(u32, u32)],
    total_of: &'a [f32],
    keep: usize,
}

impl Query<'_> {
    /// The candidate pairs (packed, smaller id first) and the reach of the sentences
    /// `first..first + indexed.len()`, whose indexed keys `indexed` holds.
    /// `scratch.shared` is left all zero again.
    fn run(&self, first: usize, indexed: &[Vec<u32>], scratch: &mut Scratch) -> (Vec<u64>, Vec<u32>) {
        let (total_of, keep) = (self.total_of, self.keep);
        let Scratch { shared, touched } = scratch;
        // Each touched sentence as one number that sorts best first: the bits of its ratio
        // (never negative, so they order as the ratios do) inverted, then its number.
        let mut ranked: Vec<u64> = Vec::new();
        let mut pairs: Vec<u64> = Vec::new();
        let mut reach: Vec<u32> = Vec::with_capacity(indexed.len());
        for (offset, keys) in indexed.iter().enumerate() {
            let a = first + offset;
            let count = self.touch(a, keys, shared, touched);
            ranked.clear();
            for &b in &touched[..count] {
                let smaller = total_of[a].min(total_of[b as usize]).max(f32::MIN_POSITIVE);
                let ratio = shared[b as usize] / smaller;
                ranked.push((u64::from(!ratio.to_bits()) << 32) | u64::from(b));
                shared[b as usize] = 0.0;
            }
            reach.push(u32::try_from(ranked.len()).unwrap_or(u32::MAX));
            if ranked.len() > keep {
                ranked.select_nth_unstable(keep - 1);
                ranked.truncate(keep);
            }
            let a = a as u32;
            pairs.extend(
                ranked
                    .iter()
                    .map(|&r| r as u32)
                    .map(|b| (u64::from(a.min(b)) << 32) | u64::from(a.max(b))),
            );
        }
        (pairs, reach)
    }
}

impl Query<'_> {
    /// Adds, for each sentence of another article sharing one of `keys` with sentence `a`, the
    /// weight of what they share (`shared`), listing each such sentence once at the start of
    /// `touched` (one slot per sentence and one more), in the order first met; returns how
    /// many. A key's list holds sentences in order, so those of `a`'s own article are one
    /// stretch of it, passed over whole.
    fn touch(&self, a: usize, keys: &[u32], shared: &mut [f32], touched: &mut [u32]) -> usize {
        let (own_start, own_end) = self.article_of[a];
        let mut count = 0;
        for &key in keys {
            let w = self.features.weight.get(key as usize).copied().unwrap_or(0.0);
            // A tiny floor keeps a zero-weight key from looking untouched.
            let w = w.max(f32::MIN_POSITIVE);
            let list = &self.postings[key as usize];
            let before = list.partition_point(|&b| b < own_start);
            let after = before + list[before..].partition_point(|&b| b < own_end);
            for part in [&list[..before], &list[after..]] {
                for &b in part {
                    // Written every time, kept (counted) only the first time: whether a
                    // sentence was met before cannot be guessed, so no branch asks it.
                    let slot = &mut shared[b as usize];
                    if let Some(t) = touched.get_mut(count) {
                        *t = b;
                    }
                    count += usize::from(*slot == 0.0);
                    *slot += w;
                }
            }
        }
        count
    }
}

/// Whether a sentence is a web address (a page's address copied above or below its text,
/// written whole or with spaces around its marks: "http: / / www. example. com / 2013"): the
/// words of two addresses, or of an address and a headline, say nothing of what is reported.
/// A sentence that opens with an address and goes on in prose (three plain words in a row) is
/// a sentence.
pub fn web_address(sentence: &str) -> bool {
    let head: String = sentence
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(8)
        .collect::<String>()
        .to_lowercase();
    if !["http://", "https://", "www."]
        .iter()
        .any(|s| head.starts_with(s))
    {
        return false;
    }
    let plain = |w: &str| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic);
    let mut run = 0;
    for w in sentence.split_whitespace() {
        run = if plain(w) { run + 1 } else { 0 };
        if run >= 3 {
            return false;
        }
    }
    true
}

/// Sentences that repeat, word for word, an earlier sentence of their own article. The first
/// one stands for all: a later copy is not matched again, so text repeated thousands of times
/// costs what it costs once.
/// Articles are looked at in parallel, each on its own, and their answers joined in order.
pub fn repeated_sentences(segmented: &Segmented) -> Vec<bool> {
    let per_article: Vec<Vec<bool>> = segmented
        .by_article
        .par_iter()
        .map(|range| {
            let mut seen: KeySet<Vec<&str>> = KeySet::default();
            segmented.sentences[range.clone()]
                .iter()
                .map(|s| {
                    !s.tokens.is_empty() && !seen.insert(s.tokens.iter().map(|t| t.key.as_str()).collect())
                })
                .collect()
        })
        .collect();
    let mut repeats = vec![false; segmented.sentences.len()];
    for (range, flags) in segmented.by_article.iter().zip(per_article) {
        repeats[range.clone()].copy_from_slice(&flags);
    }
    repeats
}

/// Scores every candidate pair and keeps those at or above the weak threshold.
pub fn align(segmented: &Segmented, features: &Features, settings: &AlignSettings) -> Vec<Link> {
    // The content gate is a share of the weight the rarest shared word can have in this story,
    // so that short stories (where every word's in-story rarity is low) can still link.
    let gated = AlignSettings {
        min_content_weight: settings.min_content_weight * features::top_weight(features.distinct_sentences()),
        ..settings.clone()
    };
    let settings = &gated;
    let scorer = LexicalScorer {
        features,
        segmented,
        settings,
    };
    let found = candidates(features, segmented, settings);
    let keep = settings.candidates_per_sentence.max(1);
    let mut links = links_from(
        &scorer,
        &found.pairs,
        settings.weak_threshold * settings.speaker_mismatch,
    );
    links.par_iter_mut().for_each(|l| {
        let (fa, fb) = (
            features.sentences.get(l.a.index()),
            features.sentences.get(l.b.index()),
        );
        // A sentence that says something is not so and one that says it is report two things
        // that share words (a claim and its denial). Whole sentences, as for the speakers below.
        if let (Some(fa), Some(fb)) = (fa, fb)
            && fa.negated != fb.negated
        {
            l.score *= settings.polarity_mismatch;
        }
        // Who is quoted in the two sentences: the same person is a small sign of the same
        // statement, only different people a sign of two statements that share words. (Whole
        // sentences, not the matched passages: which of two equal passages a scorer reports
        // may depend on the order of the articles.)
        if let (Some(fa), Some(fb)) = (fa, fb)
            && !fa.voices.is_empty()
            && !fb.voices.is_empty()
        {
            let same = fa
                .voices
                .iter()
                .any(|(_, x)| fb.voices.iter().any(|(_, y)| x == y));
            l.score = if same {
                l.score + settings.speaker_bonus * (1.0 - l.score)
            } else {
                l.score * settings.speaker_mismatch
            };
        }
        // Kept when either end keeps it.
        let (qa, qb) = (found.kept_share(l.a, keep), found.kept_share(l.b, keep));
        l.kept = 1.0 - (1.0 - qa) * (1.0 - qb);
    });
    links.retain(|l| l.score >= settings.weak_threshold);
    links
}

/// Scores candidate pairs with any scorer, keeping their order.
///
/// Pairs are scored in blocks on every core, and the blocks' links are then copied into one
/// list on every core too: a list collected straight from the scoring is joined from its parts
/// on one core, meeting hundreds of megabytes of fresh memory page by page in a large story.
pub fn links_from(
    scorer: &(dyn Scorer + Sync),
    pairs: &[(SentenceId, SentenceId)],
    min_score: f32,
) -> Vec<Link> {
    filter_map_joined(pairs, |&(a, b)| {
        let m = scorer.score(a, b)?;
        (m.score >= min_score).then(|| Link::new(a, b, m.score, m.span_a, m.span_b))
    })
}

/// What `f` keeps of `items`, in their order: worked out in blocks on every core and joined on
/// every core (see `links_from`); the blocks are freed once joined.
pub(crate) fn filter_map_joined<T: Sync, U: Copy + Send + Sync>(
    items: &[T],
    f: impl Fn(&T) -> Option<U> + Sync,
) -> Vec<U> {
    const BLOCK: usize = 4096;
    let blocks: Vec<Vec<U>> = items
        .par_chunks(BLOCK)
        .map(|block| block.iter().filter_map(&f).collect())
        .collect();
    concat(&blocks)
}

/// The blocks' items one after another, copied on every core (see `links_from`).
fn concat<T: Copy + Send + Sync>(blocks: &[Vec<T>]) -> Vec<T> {
    // Where each block's items start in the list.
    let mut starts = Vec::with_capacity(blocks.len() + 1);
    starts.push(0usize);
    for block in blocks {
        starts.push(starts[starts.len() - 1] + block.len());
    }
    let total = starts[starts.len() - 1];
    let mut out = Vec::new();
    (0..total)
        .into_par_iter()
        .map_init(
            || 0usize,
            |k, i| {
                // Each part of the work copies a run of positions: its block rarely changes.
                if !(starts[*k] <= i && i < starts[*k + 1]) {
                    *k = starts.partition_point(|&s| s <= i) - 1;
                }
                blocks[*k][i - starts[*k]]
            },
        )
        .collect_into_vec(&mut out);
    out
}

/// The quotations of each article (an article's quotes are few; the story's are many, so
/// looking them up per sentence through the whole list would grow quadratically).
pub fn quotes_by_article(quotes: &[Quote], articles: usize) -> Vec<Vec<&Quote>> {
    let mut out: Vec<Vec<&Quote>> = vec![Vec::new(); articles];
    for q in quotes {
        if let Some(list) = out.get_mut(q.article.index()) {
            list.push(q);
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_joined_in_order_whatever_blocks_are_empty() {
        let blocks: Vec<Vec<u32>> = vec![vec![], vec![1, 2], vec![], vec![], vec![3], vec![]];
        assert_eq!(concat(&blocks), vec![1, 2, 3]);
        assert_eq!(concat::<u32>(&[vec![], vec![]]), Vec::<u32>::new());
        assert_eq!(concat::<u32>(&[]), Vec::<u32>::new());
        // Many blocks over many threads' runs of positions.
        let blocks: Vec<Vec<u32>> = (0..500u32)
            .map(|b| (0..b % 7).map(|i| b * 10 + i).collect())
            .collect();
        let joined: Vec<u32> = blocks.iter().flatten().copied().collect();
        assert_eq!(concat(&blocks), joined);
        // Kept in order across blocks of the work.
        let items: Vec<u32> = (0..10_000).collect();
        let kept = filter_map_joined(&items, |&x| (x % 3 == 0).then_some(x * 2));
        assert_eq!(
            kept,
            (0..10_000)
                .filter(|x| x % 3 == 0)
                .map(|x| x * 2)
                .collect::<Vec<u32>>()
        );
    }

    #[test]
    fn a_link_gives_back_the_passages_it_was_made_with() {
        let (a, b) = (SentenceId::from_index(3), SentenceId::from_index(9));
        let far = Span::new(70_000, 4_000_000_000);
        let link = Link::new(a, b, 0.5, Span::new(12, 40), far);
        assert_eq!((link.span_a(), link.span_b()), (Span::new(12, 40), far));
        assert_eq!((link.a, link.b, link.score, link.kept), (a, b, 0.5, 1.0));
        assert_eq!((link.other(3), link.other(9)), (9, 3));
        assert_eq!(
            (
                link.span_of(a),
                link.span_of(b),
                link.span_of(SentenceId::from_index(4))
            ),
            (Some(Span::new(12, 40)), Some(far), None)
        );
        let mut sampled = link;
        sampled.kept = 0.25;
        assert_eq!((sampled.stands_for(), sampled.weight()), (4.0, 2.0));
        // Millions of links are held at once in a large story.
        assert_eq!(std::mem::size_of::<Link>(), 32);
    }

    #[test]
    fn scoring_by_word_positions_finds_the_best_pair_every_sub_unit_pair_would() {
        // Sentences of nested clauses, phrases and quotations: many sub-unit pairs, most of
        // them passed over by the bound on what a pair can share.
        let texts = [
            "Envoys met in Geneva for frank talks, officials said; the talks ended late. \
             Russia said it had no plans to invade Ukraine, while troops massed at the border.",
            "Frank talks in Geneva ended late, officials said. “We have no plans to invade \
             Ukraine,” Ryabkov said, as 100,000 troops massed at the border, diplomats said.",
            "Talks ended late in Geneva: envoys met, officials said, for frank talks. Russia has \
             no plans to invade Ukraine, it said; troops massed at the border, officials said.",
        ];
        let corpus = crate::ingest::from_texts(&texts);
        let seg = crate::segment::segment(&corpus);
        let settings = AlignSettings {
            min_content_weight: 0.0,
            ..AlignSettings::default()
        };
        let features = features_of(&seg, &[], &texts, &settings);
        let scorer = LexicalScorer {
            features: &features,
            segmented: &seg,
            settings: &settings,
        };
        let mut compared = 0;
        for (i, a) in seg.sentences.iter().enumerate() {
            for (j, b) in seg.sentences.iter().enumerate() {
                if a.article == b.article {
                    continue;
                }
                let (fa, fb) = (&features.sentences[i], &features.sentences[j]);
                assert!(fa.whole.entries.len() <= 64 && fb.whole.entries.len() <= 64);
                let shared = intersect(&fa.whole, &fb.whole);
                let mut whole = Overlap::default();
                shared.iter().for_each(|e| whole.add(e));
                let copy = whole.near_copy(&fa.whole, &fb.whole, &settings);
                let every = if copy || whole.passes_gates(&settings) {
                    scorer.score_slow(fa, fb, copy)
                } else {
                    None
                };
                let found = scorer.score(SentenceId(i as u32), SentenceId(j as u32));
                assert_eq!(found, every, "{i} {j}");
                compared += usize::from(found.is_some());
            }
        }
        assert!(compared >= 8, "{compared}");
    }

    #[test]
    fn web_addresses_written_whole_or_spaced_are_known_and_prose_about_one_is_not() {
        for address in [
            "https://www.example.com/2018/04/20/world/north-korea-tests.html",
            "http: / / articles. example. com / 2013 / may / 03 / local / la - me - 0504 - star",
            "www.example.org/news?id=42",
            "HTTP://EXAMPLE.COM",
        ] {
            assert!(web_address(address), "{address}");
        }
        for sentence in [
            "The details are at www.example.com, the ministry said.",
            "www.example.com has published the full text of the agreement today.",
            "Web sites such as http pages are mentioned here.",
            "",
        ] {
            assert!(!web_address(sentence), "{sentence}");
        }
    }

    #[test]
    fn a_web_address_is_never_matched() {
        let texts = [
            "https://www.example.com/2018/04/20/north-korea-suspends-nuclear-tests\n\nNorth Korea said it would suspend its nuclear tests on Saturday.",
            "https://www.example.org/2018/04/20/north-korea-suspends-nuclear-tests\n\nNorth Korea said on Saturday it would suspend nuclear tests.",
        ];
        let corpus = crate::ingest::from_texts(&texts);
        let seg = crate::segment::segment(&corpus);
        let settings = AlignSettings::default();
        let refs: Vec<&str> = corpus.articles.iter().map(|a| a.text.as_str()).collect();
        let features = features_of(&seg, &[], &refs, &settings);
        assert_eq!(features.passed_over, [true, false, true, false]);
        let links = align(&seg, &features, &settings);
        let pairs: Vec<(usize, usize)> = links.iter().map(|l| (l.a.index(), l.b.index())).collect();
        assert_eq!(pairs, [(1, 3)]);
    }

    #[test]
    fn a_sentence_repeating_one_of_its_own_article_is_marked_and_one_of_another_is_not() {
        let texts = [
            "Envoys met in Geneva. Talks ended late. Envoys met in Geneva. Envoys met in Geneva.",
            "Envoys met in Geneva. Talks ended late.",
        ];
        let seg = crate::segment::segment(&crate::ingest::from_texts(&texts));
        assert_eq!(repeated_sentences(&seg), [false, false, true, true, false, false]);
    }

    #[test]
    fn candidates_pair_sentences_of_different_articles_only() {
        let texts = [
            "Envoys met in Geneva for frank talks. Frank talks in Geneva ended late. Envoys left Geneva.",
            "Frank talks in Geneva drew the envoys. The envoys left Geneva at night.",
            "Geneva hosted frank talks between envoys.",
        ];
        let corpus = crate::ingest::from_texts(&texts);
        let seg = crate::segment::segment(&corpus);
        let settings = AlignSettings::default();
        let features = features_of(&seg, &[], &texts, &settings);
        let found = candidates(&features, &seg, &settings);
        let article = |s: SentenceId| seg.sentences[s.index()].article;
        assert!(found.pairs.len() >= 6, "{:?}", found.pairs);
        assert!(found.pairs.iter().all(|&(a, b)| article(a) != article(b)));
        // Every sentence reaches the sentences of the other articles only.
        assert_eq!(found.reach[0], 3);
    }
}
