//! One passage, one event: part of describing events. Clusters → each member sentence's
//! passage, so that no stretch of text is listed in two events.
//!
//! A sentence may sit in two events (a long sentence reporting two things joins a second event
//! through weak links, a rescued pair reuses a placed sentence). Each event's words in it are
//! those it shares with the event's members in other articles (content words and numbers, not
//! names). When the words each event alone holds lie apart, the sentence is cut between them and
//! each event keeps its own part; when they interleave but the parts its links to each event
//! matched lie apart, it is cut between those; otherwise both claim the same stretch and the
//! sentence stays only in the event for which it holds more words of its own (a claim resting on
//! names gives way), or on a tie in the one it is linked to more firmly (mean link score over
//! the event's members in other articles). Two such events whose other members link on average
//! at the weak threshold are one event split in two, and merge first. An event left with a
//! single article is dropped later, when it is described.

use super::{Cluster, mention_span};
use crate::align::Link;
use crate::model::{ArticleId, SentenceId, Span};
use crate::segment::{Segmented, Token, TokenClass};
use crate::settings::AlignSettings;
use crate::variants::{KeyMap, KeySet};
use rayon::prelude::*;

/// A cut may leave at most one in this many of the two events' own words on the wrong side.
const MISPLACED_DIVISOR: usize = 4;

/// Fewest content words (or numbers) a cut may leave in a passage: fewer do not report anything
/// ("In a statement published").
const MIN_PASSAGE_WORDS: usize = 3;

/// A member sentence of a cluster with its passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    pub sentence: SentenceId,
    pub span: Span,
    /// The sentence's words (token indices, in order) that the event's members in other
    /// articles also use: where in the sentence the event is reported.
    evidence: Vec<usize>,
    /// Mean link score to the event's members in other articles.
    support: f32,
    /// The stretch of the sentence its links to the event's other members matched.
    matched: Option<Span>,
}

/// The passages of every cluster's members, none overlapping a passage of another cluster.
pub fn separate(
    segmented: &Segmented,
    links: &[Link],
    by_sentence: &[Vec<usize>],
    clusters: &[Cluster],
    settings: &AlignSettings,
) -> Vec<Vec<Passage>> {
    let found: Vec<Vec<Passage>> = clusters
        .par_iter()
        .map(|c| passages_of(segmented, links, by_sentence, c, settings))
        .collect();
    if !settings.one_event_per_passage {
        return found;
    }
    let merged = merge_claims(segmented, (links, by_sentence), clusters, &found, settings);
    let found: Vec<Vec<Passage>> = if merged.len() == clusters.len() {
        found
    } else {
        merged
            .par_iter()
            .map(|c| passages_of(segmented, links, by_sentence, c, settings))
            .collect()
    };
    let mut out: Vec<Vec<Option<Passage>>> = found
        .into_iter()
        .map(|members| members.into_iter().map(Some).collect())
        .collect();
    // Every (cluster, member) of each sentence held by more than one cluster.
    let mut holders: KeyMap<SentenceId, Vec<(usize, usize)>> = KeyMap::default();
    for (ci, members) in out.iter().enumerate() {
        for (mi, p) in members.iter().enumerate() {
            if let Some(p) = p {
                holders.entry(p.sentence).or_default().push((ci, mi));
            }
        }
    }
    let mut shared: Vec<(SentenceId, Vec<(usize, usize)>)> =
        holders.into_iter().filter(|(_, h)| h.len() > 1).collect();
    shared.sort_unstable_by_key(|(s, _)| *s);
    for (_, held) in shared {
        // Pairs are settled strongest claim first, until no two passages overlap.
        let mut held = held;
        held.sort_by(|&(cx, mx), &(cy, my)| {
            let sx = out[cx][mx].as_ref().map_or(0.0, |p| p.support);
            let sy = out[cy][my].as_ref().map_or(0.0, |p| p.support);
            sy.total_cmp(&sx).then((cx, mx).cmp(&(cy, my)))
        });
        for i in 0..held.len() {
            for j in i + 1..held.len() {
                let ((ci, mi), (cj, mj)) = (held[i], held[j]);
                let (Some(a), Some(b)) = (&out[ci][mi], &out[cj][mj]) else {
                    continue;
                };
                if a.span.overlap(b.span) == 0 {
                    continue;
                }
                match cut(segmented, a, b).or_else(|| split_matched(segmented, a, b)) {
                    Some((a2, b2)) => {
                        out[ci][mi] = Some(a2);
                        out[cj][mj] = Some(b2);
                    }
                    // One sentence, one event: the one for which it holds more words of its
                    // own (a claim resting on names alone gives way), else the firmer one.
                    None => {
                        let own = |x: &Passage, y: &Passage| {
                            x.evidence.iter().filter(|i| !y.evidence.contains(i)).count()
                        };
                        if own(b, a) > own(a, b) {
                            out[ci][mi] = None;
                        } else {
                            out[cj][mj] = None;
                        }
                    }
                }
            }
        }
    }
    out.into_iter()
        .map(|members| members.into_iter().flatten().collect())
        .collect()
}

/// Two clusters that claim the same words of a sentence (their evidence there interleaves) and
/// whose other members link to each other on average at least at the weak threshold report
/// one thing, split in two by the clustering: they become one.
fn merge_claims(
    segmented: &Segmented,
    (links, by_sentence): (&[Link], &[Vec<usize>]),
    clusters: &[Cluster],
    found: &[Vec<Passage>],
    settings: &AlignSettings,
) -> Vec<Cluster> {
    let n = segmented.sentences.len();
    let article = |s: SentenceId| segmented.sentences[s.index()].article;
    let mut holders: KeyMap<SentenceId, Vec<(usize, usize)>> = KeyMap::default();
    for (ci, members) in found.iter().enumerate() {
        for (mi, p) in members.iter().enumerate() {
            holders.entry(p.sentence).or_default().push((ci, mi));
        }
    }
    let mut shared: Vec<(SentenceId, Vec<(usize, usize)>)> =
        holders.into_iter().filter(|(_, h)| h.len() > 1).collect();
    shared.sort_unstable_by_key(|(s, _)| *s);
    // The pairs of clusters whose passages of one sentence claim the same words, each once and
    // as first met, in the order of the sentences.
    let met: Vec<(usize, usize)> = shared
        .par_iter()
        .flat_map_iter(|(_, held)| {
            let mut pairs = Vec::new();
            for (i, &(ci, mi)) in held.iter().enumerate() {
                for &(cj, mj) in &held[i + 1..] {
                    let (a, b) = (&found[ci][mi], &found[cj][mj]);
                    if a.span.overlap(b.span) > 0
                        && cut(segmented, a, b).is_none()
                        && split_matched(segmented, a, b).is_none()
                    {
                        pairs.push((ci, cj));
                    }
                }
            }
            pairs
        })
        .collect();
    let mut seen: KeySet<(usize, usize)> = KeySet::default();
    let pairs: Vec<(usize, usize)> = met
        .into_iter()
        .filter(|&(x, y)| seen.insert((x.min(y), x.max(y))))
        .collect();
    // Each pair as (the smaller event, the other): an average walks the links of the smaller
    // one's members rather than every pair of members (the average is the same either way,
    // rounding aside).
    let pairs: Vec<(usize, usize)> = pairs
        .into_iter()
        .map(|(x, y)| {
            if clusters[y].sentences.len() < clusters[x].sentences.len() {
                (y, x)
            } else {
                (x, y)
            }
        })
        .collect();
    // The links of each sentence an average walks, in the order of the links: those it is the
    // `a` end of are indexed already (`by_sentence`), those it is the `b` end of are laid out
    // here.
    let mut walked = vec![false; n];
    for &(x, _) in &pairs {
        for s in &clusters[x].sentences {
            if let Some(w) = walked.get_mut(s.index()) {
                *w = true;
            }
        }
    }
    let (start, ending) = if pairs.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        super::average::laid_out(
            n,
            links
                .iter()
                .enumerate()
                .filter(|(_, l)| l.a.index() < n && l.b.index() < n && walked[l.b.index()])
                .map(|(i, l)| (l.b.index(), i)),
        )
    };
    // `s`'s links (other end and score) in the order of the links: its two sorted lists merged.
    let adjacent_of = |s: SentenceId| {
        let starting = by_sentence.get(s.index()).map_or(&[][..], Vec::as_slice);
        let ending = start
            .get(s.index())
            .zip(start.get(s.index() + 1))
            .map_or(&[][..], |(&from, &to)| &ending[from..to]);
        let (mut i, mut j) = (0, 0);
        std::iter::from_fn(move || {
            let first_end = match (starting.get(i), ending.get(j)) {
                (Some(x), Some(y)) => x < y,
                (x, _) => x.is_some(),
            };
            let li = if first_end {
                i += 1;
                starting[i - 1]
            } else {
                *ending.get(j)?
            };
            j += usize::from(!first_end);
            let l = &links[li];
            Some((SentenceId::from_index(l.other(s.index())), l.score))
        })
    };
    // The average link between the members of `x` and of `y` in different articles (a missing
    // link counts 0), leaving out the members they share.
    let average = |x: &Cluster, y: &Cluster| -> f32 {
        let xs: KeySet<SentenceId> = x.sentences.iter().copied().collect();
        let y_all: KeySet<SentenceId> = y.sentences.iter().copied().collect();
        let ys: KeySet<SentenceId> = y_all.difference(&xs).copied().collect();
        let mut ys_per_article: KeyMap<ArticleId, usize> = KeyMap::default();
        for &b in &ys {
            *ys_per_article.entry(article(b)).or_default() += 1;
        }
        let (mut sum, mut pairs) = (0.0, 0usize);
        for &a in x.sentences.iter().filter(|s| !y_all.contains(s)) {
            pairs += ys.len() - ys_per_article.get(&article(a)).copied().unwrap_or(0);
            for (b, score) in adjacent_of(a) {
                if ys.contains(&b) && article(b) != article(a) {
                    sum += score;
                }
            }
        }
        if pairs == 0 { 0.0 } else { sum / pairs as f32 }
    };
    // Each pair is weighed once, all in parallel; which clusters come together does not depend
    // on the order of the pairs.
    let close: Vec<bool> = pairs
        .par_iter()
        .map(|&(x, y)| average(&clusters[x], &clusters[y]) >= settings.weak_threshold)
        .collect();
    let mut parent: Vec<usize> = (0..clusters.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (&(ci, cj), close) in pairs.iter().zip(close) {
        if close {
            let (rx, ry) = (root(&mut parent, ci), root(&mut parent, cj));
            parent[rx.max(ry)] = rx.min(ry);
        }
    }
    let mut groups: Vec<Vec<SentenceId>> = vec![Vec::new(); clusters.len()];
    for (ci, c) in clusters.iter().enumerate() {
        let r = root(&mut parent, ci);
        groups[r].extend(&c.sentences);
    }
    groups
        .into_iter()
        .filter(|g| !g.is_empty())
        .map(|mut g| {
            g.sort_unstable();
            g.dedup();
            Cluster { sentences: g }
        })
        .collect()
}

/// The links between members of one event (`by_sentence` indexes links by their `a` end, so
/// each is found once).
pub(super) fn links_within<'l>(
    members: &[SentenceId],
    links: &'l [Link],
    by_sentence: &[Vec<usize>],
) -> Vec<&'l Link> {
    let set: KeySet<SentenceId> = members.iter().copied().collect();
    members
        .iter()
        .filter_map(|s| by_sentence.get(s.index()))
        .flatten()
        .filter_map(|&i| links.get(i))
        .filter(|l| set.contains(&l.b))
        .collect()
}

/// Each member's passage, evidence and support within one cluster.
fn passages_of(
    segmented: &Segmented,
    links: &[Link],
    by_sentence: &[Vec<usize>],
    cluster: &Cluster,
    settings: &AlignSettings,
) -> Vec<Passage> {
    let mut touching: KeyMap<SentenceId, Vec<&Link>> = KeyMap::default();
    for l in links_within(&cluster.sentences, links, by_sentence) {
        touching.entry(l.a).or_default().push(l);
        touching.entry(l.b).or_default().push(l);
    }
    let article = |s: SentenceId| segmented.sentences[s.index()].article;
    // Each content word or number of the members, with the article that uses it, or `None`
    // when several do.
    let mut used_by: KeyMap<&str, Option<ArticleId>> = KeyMap::default();
    for &s in &cluster.sentences {
        for t in &segmented.sentences[s.index()].tokens {
            if is_evidence(t) {
                used_by
                    .entry(t.key.as_str())
                    .and_modify(|user| {
                        if *user != Some(article(s)) {
                            *user = None;
                        }
                    })
                    .or_insert(Some(article(s)));
            }
        }
    }
    // Members per article, so each member's count of members in other articles costs nothing.
    let mut per_article: KeyMap<ArticleId, usize> = KeyMap::default();
    for &s in &cluster.sentences {
        *per_article.entry(article(s)).or_default() += 1;
    }
    cluster
        .sentences
        .iter()
        .map(|&s| {
            let own = touching.get(&s).map_or(&[][..], Vec::as_slice);
            let evidence = segmented.sentences[s.index()]
                .tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| {
                    is_evidence(t)
                        && used_by
                            .get(t.key.as_str())
                            .is_some_and(|&user| user != Some(article(s)))
                })
                .map(|(i, _)| i)
                .collect();
            let others = cluster.sentences.len() - per_article.get(&article(s)).copied().unwrap_or(0);
            let support = own.iter().map(|l| l.score).sum::<f32>() / others.max(1) as f32;
            let matched = own.iter().filter_map(|l| l.span_of(s)).reduce(|x, y| x.cover(y));
            Passage {
                sentence: s,
                span: mention_span(segmented, own, s, settings),
                evidence,
                support,
                matched,
            }
        })
        .collect()
}

/// Words that say what happened: content words and numbers, not names (a name says who, and
/// one person's name runs through every fact of a sentence about them).
fn is_evidence(t: &Token) -> bool {
    matches!(t.class, TokenClass::Content | TokenClass::Number) && (t.initial || !t.capitalised)
}

/// Cuts one sentence between two events when the words each event alone shares with its other
/// members lie apart: one passage ends before the first word of the other's, which takes the
/// small words leading up to it ("after her arrest"). `None` when those words interleave (both
/// events claim the same stretch) or a part would be too short to read as a report.
fn cut(segmented: &Segmented, a: &Passage, b: &Passage) -> Option<(Passage, Passage)> {
    let only = |x: &Passage, y: &Passage| -> Vec<usize> {
        x.evidence
            .iter()
            .copied()
            .filter(|i| !y.evidence.contains(i))
            .collect()
    };
    let (oa, ob) = (only(a, b), only(b, a));
    if oa.is_empty() || ob.is_empty() {
        return None;
    }
    // The word at which to cut, and whether `a` comes first: the cut that leaves fewest of each
    // event's own words on the other's side.
    let n = segmented.sentences[a.sentence.index()].tokens.len();
    let misplaced = |k: usize, early: &[usize], late: &[usize]| -> usize {
        early.iter().filter(|&&i| i >= k).count() + late.iter().filter(|&&i| i < k).count()
    };
    let (mut best, mut k, mut a_first) = (usize::MAX, 0, true);
    for cut_at in 1..n {
        for (early, late, flag) in [(&oa, &ob, true), (&ob, &oa, false)] {
            let m = misplaced(cut_at, early, late);
            if m < best {
                (best, k, a_first) = (m, cut_at, flag);
            }
        }
    }
    if best * MISPLACED_DIVISOR > oa.len() + ob.len() {
        return None;
    }
    let (first, second, swapped) = if a_first { (a, b, false) } else { (b, a, true) };
    let sentence = &segmented.sentences[first.sentence.index()];
    let own_first = if a_first { &oa } else { &ob };
    let last_of_first = own_first.iter().copied().filter(|&i| i < k).max().unwrap_or(0);
    while k > last_of_first + 1
        && sentence
            .tokens
            .get(k - 1)
            .is_some_and(|t| t.class == TokenClass::Stop)
    {
        k -= 1;
    }
    let at = sentence.tokens.get(k)?.span.start;
    split_at(segmented, first, second, at, swapped)
}

/// Cuts one sentence between two events whose links matched parts of it that lie apart.
fn split_matched(segmented: &Segmented, a: &Passage, b: &Passage) -> Option<(Passage, Passage)> {
    let (ma, mb) = (a.matched?, b.matched?);
    if ma.overlap(mb) > 0 {
        return None;
    }
    let (first, second, swapped) = if ma.start < mb.start {
        (a, b, false)
    } else {
        (b, a, true)
    };
    let at = if swapped { ma.start } else { mb.start };
    split_at(segmented, first, second, at, swapped)
}

/// `first` ends before byte `at` and `second` starts there (returned in the callers' order,
/// swapped back when `swapped`); `None` when a part would be too short to read as a report.
fn split_at(
    segmented: &Segmented,
    first: &Passage,
    second: &Passage,
    at: usize,
    swapped: bool,
) -> Option<(Passage, Passage)> {
    let sentence = &segmented.sentences[first.sentence.index()];
    let early = trim(sentence, Span::new(first.span.start, first.span.end.min(at)))?;
    let late = trim(sentence, Span::new(second.span.start.max(at), second.span.end))?;
    let words = |span: Span| {
        sentence
            .tokens
            .iter()
            .filter(|t| span.contains(t.span) && matches!(t.class, TokenClass::Content | TokenClass::Number))
            .count()
    };
    if words(early) < MIN_PASSAGE_WORDS || words(late) < MIN_PASSAGE_WORDS {
        return None;
    }
    let first = Passage {
        span: early,
        ..first.clone()
    };
    let second = Passage {
        span: late,
        ..second.clone()
    };
    Some(if swapped { (second, first) } else { (first, second) })
}

/// The span shrunk to the words it holds (no spaces or punctuation left at either edge).
fn trim(sentence: &crate::segment::Sentence, span: Span) -> Option<Span> {
    let mut inside = sentence.tokens.iter().filter(|t| span.contains(t.span));
    let first = inside.next()?;
    let (start, end) = (first.span.start, inside.next_back().unwrap_or(first).span.end);
    (start < end).then(|| Span::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ingest, segment};

    fn link(a: usize, b: usize, score: f32, span_a: Span, span_b: Span) -> Link {
        Link::new(
            SentenceId::from_index(a),
            SentenceId::from_index(b),
            score,
            span_a,
            span_b,
        )
    }

    fn find(text: &str, part: &str) -> Span {
        let start = text.find(part).expect("part of the text");
        Span::new(start, start + part.len())
    }

    fn by_a(links: &[Link], n: usize) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); n];
        for (i, l) in links.iter().enumerate() {
            out[l.a.index()].push(i);
        }
        out
    }

    /// The passages of each cluster (given by sentence numbers) over three one-sentence texts.
    fn separated(seg: &Segmented, links: &[Link], clusters: &[&[usize]]) -> Vec<Vec<Passage>> {
        let clusters: Vec<Cluster> = clusters
            .iter()
            .map(|members| Cluster {
                sentences: members.iter().map(|&s| SentenceId::from_index(s)).collect(),
            })
            .collect();
        separate(seg, links, &by_a(links, 3), &clusters, &AlignSettings::default())
    }

    /// Cluster `c` keeps a passage of the first text's sentence.
    fn holds_first(out: &[Vec<Passage>], c: usize) -> bool {
        out[c].iter().any(|p| p.sentence.index() == 0)
    }

    const TWO_FACTS: &str =
        "The bridge reopened on Monday after repairs, and the mayor resigned over the costs.";

    /// The passages two events keep of `TWO_FACTS` when it links to the second text over
    /// `first` and to the third over `second` (none overlapping the other).
    fn cut_two_facts(texts: [&str; 3], first: &str, second: &str) -> (&'static str, &'static str) {
        let seg = segment::segment(&ingest::from_texts(&texts));
        let links = [
            link(0, 1, 0.8, find(TWO_FACTS, first), seg.sentences[1].span),
            link(0, 2, 0.7, find(TWO_FACTS, second), seg.sentences[2].span),
        ];
        let out = separated(&seg, &links, &[&[0, 1], &[0, 2]]);
        let span_of = |c: usize| out[c].iter().find(|p| p.sentence.index() == 0).map(|p| p.span);
        let (Some(a), Some(b)) = (span_of(0), span_of(1)) else {
            panic!("both events keep the sentence: {out:?}");
        };
        assert_eq!(a.overlap(b), 0);
        (&TWO_FACTS[a.range()], &TWO_FACTS[b.range()])
    }

    #[test]
    fn a_sentence_reporting_two_things_is_cut_between_its_two_events() {
        let texts = [
            TWO_FACTS,
            "Repairs done, the bridge reopened on Monday.",
            "The mayor resigned over the costs of the works.",
        ];
        let (a, b) = cut_two_facts(
            texts,
            "The bridge reopened on Monday after repairs",
            "the mayor resigned over the costs",
        );
        // The small words before the later fact go with it.
        assert_eq!(a, "The bridge reopened on Monday after repairs");
        assert_eq!(b, "and the mayor resigned over the costs");
    }

    #[test]
    fn a_sentence_is_cut_where_the_two_events_links_matched_apart_though_their_words_mix() {
        let texts = [
            TWO_FACTS,
            "The bridge reopened on Monday.",
            "The mayor resigned on Monday over the costs as the bridge reopened.",
        ];
        let (a, b) = cut_two_facts(
            texts,
            "The bridge reopened on Monday after repairs,",
            "and the mayor resigned over the costs.",
        );
        assert_eq!(a, "The bridge reopened on Monday after repairs");
        assert_eq!(b, "and the mayor resigned over the costs");
    }

    /// The passages of two events, one linked firmly and one less so to the same words of
    /// `TWO_FACTS`, their other members linked by a link of score `between` when one is given.
    fn claimed_by_two(between: Option<f32>) -> Vec<Vec<Passage>> {
        let texts = [
            TWO_FACTS,
            "The bridge reopened on Monday after repairs.",
            "On Monday the bridge reopened to traffic.",
        ];
        let seg = segment::segment(&ingest::from_texts(&texts));
        let reopened = find(TWO_FACTS, "The bridge reopened on Monday after repairs");
        let (one, two) = (seg.sentences[1].span, seg.sentences[2].span);
        let mut links = vec![link(0, 1, 0.9, reopened, one), link(0, 2, 0.5, reopened, two)];
        links.extend(between.map(|score| link(1, 2, score, one, two)));
        separated(&seg, &links, &[&[0, 2], &[0, 1]])
    }

    #[test]
    fn the_same_words_claimed_by_two_events_stay_with_the_firmer_one() {
        let out = claimed_by_two(None);
        assert!(!holds_first(&out, 0), "{out:?}");
        assert!(holds_first(&out, 1), "{out:?}");
    }

    #[test]
    fn two_events_claiming_the_same_words_whose_other_members_link_are_one() {
        let members = |out: &[Vec<Passage>]| -> Vec<Vec<usize>> {
            out.iter()
                .map(|c| c.iter().map(|p| p.sentence.index()).collect())
                .collect()
        };
        for (between, expected) in [(0.5, vec![vec![0, 1, 2]]), (0.1, vec![vec![2], vec![0, 1]])] {
            let out = claimed_by_two(Some(between));
            assert_eq!(members(&out), expected, "link between the others {between}");
        }
    }

    #[test]
    fn a_claim_resting_on_names_gives_way_to_one_resting_on_what_happened() {
        const REPAID: &str = "He repaid more than $60,000 this year, according to the Daily Courier.";
        let texts = [
            REPAID,
            "His lawyers said he repaid about $60,000 this year.",
            "He later told the Daily Courier nothing.",
        ];
        let seg = segment::segment(&ingest::from_texts(&texts));
        let whole = seg.sentences[0].span;
        // The link over the names is the firmer one.
        let links = [
            link(0, 1, 0.5, whole, seg.sentences[1].span),
            link(0, 2, 0.9, whole, seg.sentences[2].span),
        ];
        let out = separated(&seg, &links, &[&[0, 1], &[0, 2]]);
        assert!(holds_first(&out, 0), "{out:?}");
        assert!(!holds_first(&out, 1), "{out:?}");
    }
}
