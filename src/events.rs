//! Stage 5, events: links → shared events. Sentences are the nodes; events are built by sparse
//! average-link clustering over strict links (a missing link counts as 0, so a chain of
//! pairwise matches cannot glue unrelated passages together), with a cap on mentions per article
//! per event. Weaker links may then only attach a sentence to an event they reach broadly, and a
//! strong mutual-best link left outside every event becomes an event of two.

pub mod average;
pub mod describe;

use crate::align::Link;
use crate::model::{ArticleId, SentenceId, Span};
use crate::segment::Segmented;
use crate::settings::AlignSettings;
use average::IndexMap;

/// One cluster of sentences, before labels and kinds are attached.
#[derive(Debug, Clone, Default)]
pub struct Cluster {
    pub sentences: Vec<SentenceId>,
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
    let strong: Vec<(usize, usize, f32)> = links
        .iter()
        .filter(|l| l.score >= strict)
        .map(|l| (l.a.index(), l.b.index(), l.score / l.kept.max(f32::EPSILON)))
        .collect();
    let members = average::cluster(
        &articles,
        &strong,
        average::Params {
            threshold: strict,
            cap: settings.max_mentions_per_article.max(1),
        },
    );

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

    attach_weak(segmented, links, settings, &mut clusters, &mut in_event);
    rescue(segmented, links, settings, &mut clusters, &in_event);
    let clusters = if settings.merge_events {
        merge_events(segmented, links, settings, clusters)
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

/// One round of average link between the events themselves, over every link (weak ones and
/// those of sentences that joined a second event): two events reporting one thing, each built
/// around a different part of a long sentence, come together when their members' links
/// average at least the strict threshold and no article passes its cap.
fn merge_events(
    segmented: &Segmented,
    links: &[Link],
    settings: &AlignSettings,
    mut clusters: Vec<Vec<usize>>,
) -> Vec<Vec<usize>> {
    // Rounds in which each event merges at most once, until none merges: an event that merged
    // is weighed again with its new members in the next round.
    for _ in 0..MERGE_ROUNDS {
        let before = clusters.len();
        clusters = merge_round(segmented, links, settings, clusters);
        if clusters.len() == before {
            break;
        }
    }
    clusters
}

/// Most rounds of `merge_events` (each costs one pass over the links).
const MERGE_ROUNDS: usize = 8;

fn merge_round(
    segmented: &Segmented,
    links: &[Link],
    settings: &AlignSettings,
    clusters: Vec<Vec<usize>>,
) -> Vec<Vec<usize>> {
    let n = segmented.sentences.len();
    let mut events_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (ci, m) in clusters.iter().enumerate() {
        for &s in m {
            events_of[s].push(ci);
        }
    }
    let mut sums: IndexMap<(usize, usize), f32> = IndexMap::default();
    for l in links.iter().filter(|l| l.score >= settings.weak_threshold) {
        for &x in &events_of[l.a.index()] {
            for &y in &events_of[l.b.index()] {
                if x != y {
                    *sums.entry((x.min(y), x.max(y))).or_default() += l.score / l.kept.max(f32::EPSILON);
                }
            }
        }
    }
    let strict = strict_threshold(links, settings);
    let mut offers: Vec<(f32, usize, usize)> = sums
        .into_iter()
        .map(|((x, y), w)| (w / (clusters[x].len() * clusters[y].len()).max(1) as f32, x, y))
        .filter(|&(avg, _, _)| avg >= strict)
        .collect();
    offers.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let cap = settings.max_mentions_per_article.max(1);
    let mut clusters: Vec<Option<Vec<usize>>> = clusters.into_iter().map(Some).collect();
    let mut touched = vec![false; clusters.len()];
    for (_, x, y) in offers {
        if touched[x] || touched[y] {
            continue;
        }
        let (Some(cx), Some(cy)) = (&clusters[x], &clusters[y]) else {
            continue;
        };
        let mut union: Vec<usize> = cx.iter().chain(cy).copied().collect();
        union.sort_unstable();
        union.dedup();
        let mut per_article: IndexMap<ArticleId, usize> = IndexMap::default();
        for &s in &union {
            *per_article.entry(segmented.sentences[s].article).or_default() += 1;
        }
        if per_article.values().any(|&k| k > cap) {
            continue;
        }
        touched[x] = true;
        touched[y] = true;
        clusters[x] = Some(union);
        clusters[y] = None;
    }
    clusters.into_iter().flatten().collect()
}

/// Weak links attach a sentence to an event only when they reach more than `attach_share` of
/// its members.
fn attach_weak(
    segmented: &Segmented,
    links: &[Link],
    settings: &AlignSettings,
    clusters: &mut [Vec<usize>],
    in_event: &mut [Option<usize>],
) {
    let n = segmented.sentences.len();
    // (links as counted, score sum) from each sentence to each event; a link stands for
    // `1 / kept` links (see `Link::kept`).
    let mut reach: IndexMap<(usize, usize), (f32, f32)> = IndexMap::default();
    for l in links.iter().filter(|l| l.score >= settings.weak_threshold) {
        for (x, y) in [(l.a.index(), l.b.index()), (l.b.index(), l.a.index())] {
            if let Some(c) = in_event[y] {
                let e = reach.entry((x, c)).or_default();
                e.0 += 1.0 / l.kept.max(f32::EPSILON);
                e.1 += l.score;
            }
        }
    }
    let mut offers: Vec<(f32, usize, usize)> = reach
        .into_iter()
        .filter(|&((s, c), (count, _))| {
            in_event[s] != Some(c)
                && (in_event[s].is_none() || settings.second_event)
                && count > settings.attach_share * clusters[c].len() as f32
        })
        .map(|((s, c), (_, sum))| (sum, s, c))
        .collect();
    offers.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
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
    links: &[Link],
    settings: &AlignSettings,
    clusters: &mut Vec<Vec<usize>>,
    in_event: &[Option<usize>],
) {
    let n = segmented.sentences.len();
    let mut by_node: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, l) in links.iter().enumerate() {
        by_node[l.a.index()].push(i);
        by_node[l.b.index()].push(i);
    }
    let end_of = |l: &Link, node: usize| -> (Span, usize) {
        if l.a.index() == node {
            (l.span_a, l.b.index())
        } else {
            (l.span_b, l.a.index())
        }
    };
    // No other link of `node` towards `other`'s article, over an overlapping part, beats `li`.
    let best_of = |li: usize, node: usize| -> bool {
        let Some(l) = links.get(li) else { return false };
        let (span, other) = end_of(l, node);
        let art = segmented.sentences[other].article;
        by_node[node].iter().all(|&oi| {
            let Some(o) = links.get(oi) else { return true };
            let (ospan, onode) = end_of(o, node);
            oi == li
                || segmented.sentences[onode].article != art
                || ospan.overlap(span) == 0
                || o.score < l.score
                || (o.score == l.score && oi > li)
        })
    };
    // The part of each placed sentence its event's links matched.
    let mut held: Vec<Option<Span>> = vec![None; n];
    for l in links {
        let (a, b) = (l.a.index(), l.b.index());
        if in_event[a].is_some() && in_event[a] == in_event[b] {
            for (x, span) in [(a, l.span_a), (b, l.span_b)] {
                held[x] = Some(held[x].map_or(span, |h| h.cover(span)));
            }
        }
    }
    let mut used = vec![false; n];
    let mut strong: Vec<usize> = (0..links.len())
        .filter(|&i| links[i].score >= settings.rescue_threshold)
        .collect();
    strong.sort_unstable_by(|&x, &y| links[y].score.total_cmp(&links[x].score).then(x.cmp(&y)));
    for li in strong {
        let (a, b) = (links[li].a.index(), links[li].b.index());
        // One end may already belong to an event (a long sentence often reports two things);
        // an edge whose ends are both placed is already accounted for.
        // An end counts as placed when its event already holds the part this link matched; a
        // link over another part of a long sentence reports a second thing.
        let holds = |x: usize, span: Span| {
            in_event[x].is_some()
                && (segmented.sentences[x].span.len() <= settings.narrow_min_bytes
                    || held[x].is_none_or(|h| h.overlap(span) * 2 > span.len()))
        };
        let placed = usize::from(holds(a, links[li].span_a)) + usize::from(holds(b, links[li].span_b));
        if placed > settings.rescue_max_placed || used[a] || used[b] {
            continue;
        }
        if in_event[a].is_some() && in_event[a] == in_event[b] {
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
        let s = if l.a == sentence {
            l.span_a
        } else if l.b == sentence {
            l.span_b
        } else {
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
