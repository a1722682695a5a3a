//! Stage 5, events: links → shared events. Sentences are the nodes; events are built by sparse
//! average-link clustering over strict links (a missing link counts as 0, so a chain of
//! pairwise matches cannot glue unrelated passages together), with a cap on mentions per article
//! per event. Weaker links may then only attach a sentence to an event they reach broadly, and a
//! strong mutual-best link left outside every event becomes an event of two.

pub mod average;
pub mod describe;
pub mod headline;
mod merge;
pub mod passages;

use crate::align::Link;
use crate::model::{ArticleId, SentenceId, Span};
use crate::segment::Segmented;
use crate::settings::AlignSettings;
use average::{IndexMap, IndexSet};
use rayon::prelude::*;

/// One cluster of sentences, before labels and kinds are attached.
#[derive(Debug, Clone, Default)]
pub struct Cluster {
    pub sentences: Vec<SentenceId>,
}

/// Each sentence's links, as their places in the story's list of links and in its order, laid
/// out one sentence after another: what the steps after the clustering walk, built once.
pub(crate) struct LinksOf {
    start: Vec<usize>,
    places: Vec<u32>,
}

impl LinksOf {
    /// The links of each of `n` sentences that `keep` accepts.
    pub(crate) fn new(n: usize, links: &[Link], keep: impl Fn(&Link) -> bool) -> LinksOf {
        let ends = links
            .iter()
            .enumerate()
            .filter(|(_, l)| keep(l))
            .flat_map(|(i, l)| [(l.a.index(), i as u32), (l.b.index(), i as u32)]);
        let (start, places) = average::laid_out(n, ends);
        LinksOf { start, places }
    }

    /// The places of sentence `s`'s links, in the order of the links.
    pub(crate) fn of(&self, s: usize) -> &[u32] {
        self.start
            .get(s)
            .zip(self.start.get(s + 1))
            .map_or(&[], |(&from, &to)| &self.places[from..to])
    }
}

/// The strict threshold in force: the configured one, or (with `auto_thresholds`) one derived
/// from the story's own link scores, never below the configured floor.
pub fn strict_threshold(links: &[Link], settings: &AlignSettings) -> f32 {
    if !settings.auto_thresholds || links.is_empty() {
        return settings.strict_threshold;
    }
    let mut scores: Vec<f32> = links.iter().map(|l| l.score).collect();
    scores.sort_unstable_by(|a, b| b.total_cmp(a));
    let median = scores[scores.len() / 2];
    median.max(settings.strict_threshold)
}

/// Groups linked sentences into clusters of two or more articles.
pub fn cluster(segmented: &Segmented, links: &[Link], settings: &AlignSettings) -> Vec<Cluster> {
    let n = segmented.sentences.len();
    let article = |s: usize| segmented.sentences[s].article;
    let strict = strict_threshold(links, settings);

    let articles: Vec<ArticleId> = segmented.sentences.iter().map(|s| s.article).collect();
    // A large story holds millions: chosen and joined on every core.
    let strong: Vec<(usize, usize, f32)> = crate::align::filter_map_joined(links, |l| {
        (l.score >= strict).then(|| (l.a.index(), l.b.index(), l.weight()))
    });
    // The largest group of linked sentences is clustered on one core: the other lays out the
    // links by sentence for the steps that follow. Those at the weak threshold are all of them
    // when the aligner kept no weaker link (as it does), and are then laid out once.
    let all_weak = links.par_iter().all(|l| l.score >= settings.weak_threshold);
    let (members, (every, weak)) = rayon::join(
        || {
            average::cluster(
                &articles,
                strong,
                average::Params {
                    threshold: strict,
                    cap: settings.max_mentions_per_article.max(1),
                },
            )
        },
        || {
            rayon::join(
                || LinksOf::new(n, links, |_| true),
                || (!all_weak).then(|| LinksOf::new(n, links, |l| l.score >= settings.weak_threshold)),
            )
        },
    );
    let weak = weak.as_ref().unwrap_or(&every);

    let spans_articles = |m: &[usize]| {
        let first = article(m[0]);
        m.iter().any(|&s| article(s) != first)
    };
    let mut clusters: Vec<Vec<usize>> = members
        .into_iter()
        .filter(|m| m.len() >= 2 && spans_articles(m))
        .collect();
    let mut in_event: Vec<Option<usize>> = vec![None; n];
    for (ci, m) in clusters.iter().enumerate() {
        for &s in m {
            in_event[s] = Some(ci);
        }
    }

    attach_weak(segmented, (links, weak), settings, &mut clusters, &mut in_event);
    rescue(segmented, (links, &every), settings, &mut clusters, &in_event);
    let clusters = if settings.merge_events {
        merge::merge_events(segmented, (links, weak), settings, clusters)
    } else {
        clusters
    };

    let clusters = if settings.prune_share > 0.0 {
        prune(segmented, (links, weak), settings, clusters)
    } else {
        clusters
    };

    clusters
        .into_iter()
        .map(|mut m| {
            m.sort_unstable();
            Cluster {
                sentences: m.into_iter().map(SentenceId::from_index).collect(),
            }
        })
        .collect()
}

/// A member must link to the event as a whole, not through a chain: each member's links (at
/// the weak threshold or above) must reach at least `prune_share` of the event's members in
/// other articles. The member reaching the smallest share leaves first, and the shares are
/// weighed again without it; an event left with a single article is dropped.
fn prune(
    segmented: &Segmented,
    (links, weak): (&[Link], &LinksOf),
    settings: &AlignSettings,
    clusters: Vec<Vec<usize>>,
) -> Vec<Vec<usize>> {
    let article = |s: usize| segmented.sentences[s].article;
    // Each sentence's links at the weak threshold; a link stands for `1 / kept` links (see
    // `Link::kept`): a passage copied by hundreds of articles, each copy linked to only some of
    // the others, reaches them all.
    let adjacent = |s: usize| {
        weak.of(s).iter().map(move |&li| {
            let l = &links[li as usize];
            (l.other(s), l.stands_for())
        })
    };
    // Each event is pruned on its own, in parallel.
    let prune_one = |mut members: Vec<usize>| -> Option<Vec<usize>> {
        let mut alive: IndexSet<usize> = members.iter().copied().collect();
        // What each member reaches of the others in other articles, kept up to date as members
        // leave, and the members of each article, so a share costs one division.
        let reach = |s: usize, alive: &IndexSet<usize>| -> f32 {
            adjacent(s)
                .filter(|(o, _)| alive.contains(o) && article(*o) != article(s))
                .map(|(_, w)| w)
                .sum()
        };
        let mut reached: IndexMap<usize, f32> = members.iter().map(|&s| (s, reach(s, &alive))).collect();
        let mut per_article: IndexMap<ArticleId, usize> = IndexMap::default();
        for &s in &members {
            *per_article.entry(article(s)).or_default() += 1;
        }
        loop {
            let worst = members
                .iter()
                .filter(|s| alive.contains(s))
                .map(|&s| {
                    let others = alive.len() - per_article.get(&article(s)).copied().unwrap_or(0);
                    let r = reached.get(&s).copied().unwrap_or(0.0);
                    let share = if others == 0 {
                        0.0
                    } else {
                        (r / others as f32).min(1.0)
                    };
                    (share, s)
                })
                .min_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)));
            match worst {
                Some((w, s)) if w < settings.prune_share => {
                    alive.remove(&s);
                    if let Some(k) = per_article.get_mut(&article(s)) {
                        *k -= 1;
                    }
                    for (o, _) in adjacent(s) {
                        if alive.contains(&o) {
                            reached.insert(o, reach(o, &alive));
                        }
                    }
                }
                _ => break,
            }
        }
        members.retain(|s| alive.contains(s));
        let first = members.first().map(|&s| article(s));
        members
            .iter()
            .any(|&s| Some(article(s)) != first)
            .then_some(members)
    };
    clusters.into_par_iter().filter_map(prune_one).collect()
}

/// Weak links attach a sentence to an event only when they reach more than `attach_share` of
/// its members, or (with `attach_by_average`) when their scores summed over its members average
/// at least the strict threshold, as average link would accept a newcomer.
fn attach_weak(
    segmented: &Segmented,
    (links, weak): (&[Link], &LinksOf),
    settings: &AlignSettings,
    clusters: &mut [Vec<usize>],
    in_event: &mut [Option<usize>],
) {
    let n = segmented.sentences.len();
    let strict = strict_threshold(links, settings);
    let placed: &[Option<usize>] = in_event;
    let sizes: Vec<usize> = clusters.iter().map(Vec::len).collect();
    // Each sentence's (event, links as counted, score sum) towards each event its weak links
    // reach, summed in the order of the links; a link stands for `1 / kept` links (see
    // `Link::kept`). Sentences are read in parallel, each from its own list of links.
    let mut offers: Vec<(f32, usize, usize)> = (0..n)
        .into_par_iter()
        .flat_map_iter(|s| {
            let mut reach: Vec<(usize, f32, f32)> = Vec::new();
            for &li in weak.of(s) {
                let l = &links[li as usize];
                let Some(c) = placed[l.other(s)] else { continue };
                let at = reach.iter().position(|r| r.0 == c).unwrap_or_else(|| {
                    reach.push((c, 0.0, 0.0));
                    reach.len() - 1
                });
                reach[at].1 += l.stands_for();
                reach[at].2 += l.score;
            }
            let sizes = &sizes;
            reach.into_iter().filter_map(move |(c, count, sum)| {
                let members = sizes[c] as f32;
                let offered = placed[s] != Some(c)
                    && (placed[s].is_none() || settings.second_event)
                    && (count > settings.attach_share * members
                        || (settings.attach_by_average && sum / members >= strict));
                offered.then_some((sum, s, c))
            })
        })
        .collect();
    offers.par_sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let cap = settings.max_mentions_per_article.max(1);
    let mut joined = vec![false; n];
    for (_, s, c) in offers {
        if joined[s] {
            continue;
        }
        let art = segmented.sentences[s].article;
        let same = clusters[c]
            .iter()
            .filter(|&&m| segmented.sentences[m].article == art)
            .count();
        if same >= cap {
            continue;
        }
        clusters[c].push(s);
        if in_event[s].is_none() {
            in_event[s] = Some(c);
        }
        joined[s] = true;
    }
}

/// A strong link that is the best of each end towards the other's article, with at most
/// `rescue_max_placed` ends already in an event, becomes an event of two. "Best" compares only
/// links that matched an overlapping part of the sentence, so a long sentence reporting two
/// things can be the best match of two different sentences of one article.
fn rescue(
    segmented: &Segmented,
    (links, by_node): (&[Link], &LinksOf),
    settings: &AlignSettings,
    clusters: &mut Vec<Vec<usize>>,
    in_event: &[Option<usize>],
) {
    let n = segmented.sentences.len();
    let end_of = |l: &Link, node: usize| -> (Span, usize) {
        let span = l.span_of(SentenceId::from_index(node)).unwrap_or(l.span_b());
        (span, l.other(node))
    };
    // No other link of `node` towards `other`'s article, over an overlapping part, beats `li`.
    let best_of = |li: usize, node: usize| -> bool {
        let Some(l) = links.get(li) else { return false };
        let (span, other) = end_of(l, node);
        let art = segmented.sentences[other].article;
        by_node.of(node).iter().all(|&oi| {
            let oi = oi as usize;
            let Some(o) = links.get(oi) else { return true };
            let (ospan, onode) = end_of(o, node);
            oi == li
                || segmented.sentences[onode].article != art
                || ospan.overlap(span) == 0
                || o.score < l.score
                || (o.score == l.score && oi > li)
        })
    };
    // The part of each placed sentence its event's links matched (a cover: the same in any
    // order, so each sentence reads its own links, in parallel).
    let held: Vec<Option<Span>> = (0..n)
        .into_par_iter()
        .map(|x| {
            in_event[x]?;
            by_node
                .of(x)
                .iter()
                .filter_map(|&li| {
                    let (span, other) = end_of(&links[li as usize], x);
                    (in_event[other] == in_event[x]).then_some(span)
                })
                .reduce(|h, span| h.cover(span))
        })
        .collect();
    // One end may already belong to an event (a long sentence often reports two things);
    // an edge whose ends are both placed is already accounted for.
    // An end counts as placed when its event already holds the part this link matched; a
    // link over another part of a long sentence reports a second thing.
    let holds = |x: usize, span: Span| {
        in_event[x].is_some()
            && (segmented.sentences[x].span.len() <= settings.narrow_min_bytes
                || held[x].is_none_or(|h| h.overlap(span) * 2 > span.len()))
    };
    // What does not depend on the links taken before is weighed before the links are sorted:
    // in a large story most strong links join two placed sentences.
    let open = |l: &Link| {
        let (a, b) = (l.a.index(), l.b.index());
        let placed = usize::from(holds(a, l.span_a())) + usize::from(holds(b, l.span_b()));
        placed <= settings.rescue_max_placed && (in_event[a].is_none() || in_event[a] != in_event[b])
    };
    let mut used = vec![false; n];
    let mut strong: Vec<usize> = (0..links.len())
        .into_par_iter()
        .filter(|&i| links[i].score >= settings.rescue_threshold && open(&links[i]))
        .collect();
    strong.par_sort_unstable_by(|&x, &y| links[y].score.total_cmp(&links[x].score).then(x.cmp(&y)));
    for li in strong {
        let (a, b) = (links[li].a.index(), links[li].b.index());
        if used[a] || used[b] {
            continue;
        }
        if best_of(li, a) && best_of(li, b) {
            used[a] = true;
            used[b] = true;
            clusters.push(vec![a, b]);
        }
    }
}

/// The passage of a sentence that an event's links matched: the whole sentence when it is
/// short, otherwise the cover of the sub-spans matched against the event's other members.
pub fn mention_span(
    segmented: &Segmented,
    links_of: &[&Link],
    sentence: SentenceId,
    settings: &AlignSettings,
) -> Span {
    let whole = segmented.sentences[sentence.index()].span;
    if whole.len() <= settings.narrow_min_bytes {
        return whole;
    }
    let mut cover: Option<Span> = None;
    for l in links_of {
        let Some(s) = l.span_of(sentence) else {
            continue;
        };
        cover = Some(cover.map_or(s, |c| c.cover(s)));
    }
    match cover {
        Some(c) => widen(segmented, sentence, c, settings.narrow_min_share),
        None => whole,
    }
}

/// Grows a narrowed passage word by word, alternating sides, until it covers at least `share`
/// of its sentence: a passage of two or three words reads badly and rarely is the whole report.
fn widen(segmented: &Segmented, sentence: SentenceId, span: Span, share: f32) -> Span {
    let Some(s) = segmented.sentences.get(sentence.index()) else {
        return span;
    };
    let target = (s.span.len() as f32 * share) as usize;
    let tokens = &s.tokens;
    let Some(mut lo) = tokens.iter().position(|t| t.span.end > span.start) else {
        return span;
    };
    let mut hi = tokens
        .iter()
        .rposition(|t| t.span.start < span.end)
        .unwrap_or(lo)
        .max(lo);
    let mut out = span;
    let mut left = true;
    while out.len() < target && (lo > 0 || hi + 1 < tokens.len()) {
        if (left && lo > 0) || hi + 1 >= tokens.len() {
            lo -= 1;
        } else {
            hi += 1;
        }
        left = !left;
        if let (Some(a), Some(b)) = (tokens.get(lo), tokens.get(hi)) {
            out = out.cover(Span::new(a.span.start, b.span.end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ingest, segment};

    /// Article 0: one sentence; article 1: two sentences of one paragraph; article 2: two
    /// paragraphs of one sentence each.
    fn story() -> Segmented {
        segment::segment(&ingest::from_texts(&[
            "The envoy called the talks a discussion rather than a negotiation.",
            "Today was a discussion of each side's worries. It was not a negotiation.",
            "The sides held a discussion of their worries.\n\nNothing else was agreed.",
        ]))
    }

    fn link(a: usize, b: usize, score: f32) -> Link {
        Link::new(
            SentenceId::from_index(a),
            SentenceId::from_index(b),
            score,
            Span::new(0, 1),
            Span::new(0, 1),
        )
    }

    fn clusters(seg: &Segmented, links: &[Link], settings: &AlignSettings) -> Vec<Vec<usize>> {
        let mut out: Vec<Vec<usize>> = cluster(seg, links, settings)
            .into_iter()
            .map(|c| c.sentences.iter().map(|s| s.index()).collect())
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_statement_split_over_two_sentences_joins_the_events_of_its_halves() {
        let seg = story();
        assert_eq!(seg.sentences.len(), 5);
        // 0 = article 0; 1, 2 = article 1 (one paragraph); 3, 4 = article 2.
        let links = [link(0, 2, 0.8), link(1, 3, 0.45), link(0, 3, 0.35)];
        let on = AlignSettings::default();
        assert_eq!(clusters(&seg, &links, &on), vec![vec![0, 1, 2, 3]]);
        let off = AlignSettings {
            merge_split_sentences: false,
            ..AlignSettings::default()
        };
        assert_eq!(clusters(&seg, &links, &off), vec![vec![0, 2], vec![1, 3]]);
    }

    #[test]
    fn neighbouring_sentences_alone_do_not_join_two_events() {
        let seg = story();
        // The halves' events have nothing else in common.
        let links = [link(0, 2, 0.8), link(1, 3, 0.45)];
        assert_eq!(
            clusters(&seg, &links, &AlignSettings::default()),
            vec![vec![0, 2], vec![1, 3]]
        );
        // Nor do sentences of different paragraphs: 3 and 4 are neighbours across a break.
        let links = [link(0, 3, 0.8), link(1, 4, 0.45), link(0, 1, 0.35)];
        assert_eq!(
            clusters(&seg, &links, &AlignSettings::default()),
            vec![vec![0, 3], vec![1, 4]]
        );
    }

    #[test]
    fn links_averaging_the_strict_threshold_attach_a_sentence_to_a_second_event() {
        // Seven articles of one sentence each.
        let texts: Vec<String> = (0..7)
            .map(|i| format!("Sentence number {i} of its article."))
            .collect();
        let seg = segment::segment(&ingest::from_texts(&texts));
        // Events {0, 1, 2, 3} and {4, 5, 6}; sentence 4 links to two of the first four at 0.7:
        // not more than half of them, but an average of 0.35 over them.
        let mut links = vec![link(4, 0, 0.7), link(4, 1, 0.7)];
        for group in [&[0, 1, 2, 3][..], &[4, 5, 6]] {
            for (i, &a) in group.iter().enumerate() {
                for &b in &group[i + 1..] {
                    links.push(link(a, b, 0.9));
                }
            }
        }
        let settings = AlignSettings::default();
        assert_eq!(
            clusters(&seg, &links, &settings),
            vec![vec![0, 1, 2, 3, 4], vec![4, 5, 6]]
        );
        let by_count = AlignSettings {
            attach_by_average: false,
            ..settings
        };
        assert_eq!(
            clusters(&seg, &links, &by_count),
            vec![vec![0, 1, 2, 3], vec![4, 5, 6]]
        );
    }

    /// `n` articles of one sentence each.
    fn one_sentence_articles(n: usize) -> Segmented {
        let texts: Vec<String> = (0..n)
            .map(|i| format!("Sentence number {i} of its article."))
            .collect();
        segment::segment(&ingest::from_texts(&texts))
    }

    #[test]
    fn a_member_linked_to_too_few_of_the_others_leaves_its_event() {
        let seg = one_sentence_articles(6);
        // 0..=4 all linked; 5 linked to 4 alone: one of five others, under a quarter.
        let mut links = Vec::new();
        for a in 0..5 {
            for b in a + 1..5 {
                links.push(link(a, b, 0.9));
            }
        }
        links.push(link(4, 5, 0.9));
        let settings = AlignSettings::default();
        let weak = |links: &[Link]| LinksOf::new(6, links, |l| l.score >= settings.weak_threshold);
        let pruned = prune(&seg, (&links, &weak(&links)), &settings, vec![(0..6).collect()]);
        assert_eq!(pruned, vec![vec![0, 1, 2, 3, 4]]);
        let kept = prune(
            &seg,
            (&links, &weak(&links)),
            &AlignSettings {
                prune_share: 0.0,
                ..settings.clone()
            },
            vec![(0..6).collect()],
        );
        assert_eq!(kept, vec![(0..6).collect::<Vec<_>>()]);
        // Linked to two of five, it stays.
        links.push(link(3, 5, 0.9));
        assert_eq!(
            prune(&seg, (&links, &weak(&links)), &settings, vec![(0..6).collect()]),
            vec![(0..6).collect::<Vec<_>>()]
        );
    }

    #[test]
    fn an_event_left_with_one_article_is_dropped() {
        let seg = one_sentence_articles(3);
        // 2 is linked to neither 0 nor 1, which are not linked either.
        let links = [link(0, 1, 0.1)];
        let settings = AlignSettings::default();
        let weak = LinksOf::new(3, &links, |l| l.score >= settings.weak_threshold);
        assert!(prune(&seg, (&links, &weak), &settings, vec![vec![0, 1, 2]]).is_empty());
    }
}
