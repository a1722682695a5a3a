//! Joining events that report one thing: part of the events stage. Clusters → fewer clusters.
//!
//! Rounds of average link between the events themselves, over every link (weak ones and those
//! of sentences that joined a second event): two events, each built around a different part of
//! a long sentence, come together when their members' links average at least the strict
//! threshold and no article passes its cap. Each event merges at most once a round.
//!
//! The decision a reader must know: an offer between two events that hold the two halves of a
//! split sentence is weighed by walking the links of the members of one event, and that walk is
//! the costly part of a round. It walks the event whose members have fewer links, and sums the
//! links found in the order the walk over the other event would have met them, so the average
//! is the same to the last bit; and an offer between two events that no round has changed is
//! weighed once, not again in every round.

use super::average::IndexMap;
use super::{LinksOf, strict_threshold};
use crate::align::Link;
use crate::model::ArticleId;
use crate::segment::Segmented;
use crate::settings::AlignSettings;
use rayon::prelude::*;

/// Most rounds of `merge_events` (each costs one pass over the links).
const MERGE_ROUNDS: usize = 8;

/// Rounds in which each event merges at most once, until none merges: an event that merged is
/// weighed again with its new members in the next round.
pub(super) fn merge_events(
    segmented: &Segmented,
    (links, by_node): (&[Link], &LinksOf),
    settings: &AlignSettings,
    mut clusters: Vec<Vec<usize>>,
) -> Vec<Vec<usize>> {
    // Merging changes which event holds a sentence, never whether one does: the links a round
    // sums are those at the weak threshold whose ends both lie in events, found once.
    let mut placed = vec![false; segmented.sentences.len()];
    for &s in clusters.iter().flatten() {
        placed[s] = true;
    }
    let between: Vec<(u32, u32, f32)> = links
        .iter()
        .filter(|l| l.score >= settings.weak_threshold && placed[l.a.index()] && placed[l.b.index()])
        .map(weighed_link)
        .collect();
    let mut weighed = Weighed {
        ids: (0..clusters.len() as u64).collect(),
        next: clusters.len() as u64,
        averages: IndexMap::default(),
    };
    let mut changed = vec![true; clusters.len()];
    for _ in 0..MERGE_ROUNDS {
        let before = clusters.len();
        let graph = Graph {
            segmented,
            by_node,
            links,
        };
        (clusters, changed) = merge_round(&graph, &between, settings, clusters, &mut weighed, &changed);
        if clusters.len() == before {
            break;
        }
    }
    clusters
}

/// A link as the rounds sum it: its two ends, and its weight in an average.
fn weighed_link(l: &Link) -> (u32, u32, f32) {
    (l.a.index() as u32, l.b.index() as u32, l.weight())
}

/// What the rounds remember between them: an id for each event's members (a new one whenever
/// they change) and the split-sentence average found for each pair of ids.
struct Weighed {
    ids: Vec<u64>,
    next: u64,
    averages: IndexMap<(u64, u64), Option<f32>>,
}

/// One round over `between`, the links at the weak threshold whose ends both lie in events (in
/// the order of `graph.links`, as their two ends and their weight in an average), weighing only
/// offers that involve an event `changed` by the last round: an offer between two events that
/// did not change failed then (below the threshold, or over the cap with the same members) and
/// would fail again. Returns the events and which of them this round changed.
fn merge_round(
    graph: &Graph<'_>,
    between: &[(u32, u32, f32)],
    settings: &AlignSettings,
    clusters: Vec<Vec<usize>>,
    weighed: &mut Weighed,
    changed: &[bool],
) -> (Vec<Vec<usize>>, Vec<bool>) {
    let (segmented, links) = (graph.segmented, graph.links);
    let n = segmented.sentences.len();
    let events_of = EventsOf::new(n, &clusters);
    // A link adds to an offer only when an event at one of its ends changed: after the first
    // rounds, few did, and most links are passed over at the cost of two reads.
    let hot: Vec<bool> = (0..n)
        .map(|s| events_of.of(s).iter().any(|&e| changed[e as usize]))
        .collect();
    let strict = strict_threshold(links, settings);
    // The plain sums and the split-sentence offers read the same events apart: one core each.
    let (sums, split) = rayon::join(
        || {
            let mut sums: IndexMap<(u32, u32), f32> = IndexMap::default();
            for &(a, b, w) in between {
                let (a, b) = (a as usize, b as usize);
                if !(hot[a] || hot[b]) {
                    continue;
                }
                for &x in events_of.of(a) {
                    for &y in events_of.of(b) {
                        if x != y && (changed[x as usize] || changed[y as usize]) {
                            *sums.entry((x.min(y), x.max(y))).or_default() += w;
                        }
                    }
                }
            }
            sums
        },
        || {
            if settings.merge_split_sentences {
                split_sentence_offers(graph, (&clusters, &events_of), weighed, changed, strict)
            } else {
                Vec::new()
            }
        },
    );
    let mut offers: Vec<(f32, usize, usize)> = sums
        .into_iter()
        .map(|((x, y), w)| {
            let (x, y) = (x as usize, y as usize);
            (w / (clusters[x].len() * clusters[y].len()).max(1) as f32, x, y)
        })
        .filter(|&(avg, _, _)| avg >= strict)
        .collect();
    if settings.merge_split_sentences {
        let mut seen: std::collections::HashSet<(usize, usize)> =
            offers.iter().map(|&(_, x, y)| (x, y)).collect();
        for (avg, x, y) in split {
            if avg >= strict && seen.insert((x, y)) {
                offers.push((avg, x, y));
            }
        }
    }
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
        weighed.ids[x] = weighed.next;
        weighed.next += 1;
    }
    weighed.ids = weighed
        .ids
        .iter()
        .zip(&clusters)
        .filter(|(_, c)| c.is_some())
        .map(|(&id, _)| id)
        .collect();
    let changed = touched
        .iter()
        .zip(&clusters)
        .filter(|(_, c)| c.is_some())
        .map(|(&t, _)| t)
        .collect();
    (clusters.into_iter().flatten().collect(), changed)
}

/// The events holding each sentence (most hold one), laid out one sentence after another: a
/// round reads them for millions of links, and one flat list stays in the cache where a list
/// per sentence would not.
struct EventsOf {
    start: Vec<u32>,
    events: Vec<u32>,
}

impl EventsOf {
    fn new(n: usize, clusters: &[Vec<usize>]) -> EventsOf {
        let held = clusters
            .iter()
            .enumerate()
            .flat_map(|(ci, m)| m.iter().map(move |&s| (s, ci as u32)));
        let (start, events) = super::average::laid_out(n, held);
        EventsOf {
            start: start.into_iter().map(|i| i as u32).collect(),
            events,
        }
    }

    fn of(&self, s: usize) -> &[u32] {
        &self.events[self.start[s] as usize..self.start[s + 1] as usize]
    }
}

/// The sentences and the links (at the weak threshold or above) of each.
struct Graph<'a> {
    segmented: &'a Segmented,
    /// Each sentence's links at the weak threshold or above.
    by_node: &'a LinksOf,
    links: &'a [Link],
}

impl Graph<'_> {
    fn article(&self, s: usize) -> ArticleId {
        self.segmented.sentences[s].article
    }

    /// The other end of link `li` of sentence `s`, and the link's weight in an average.
    fn across(&self, li: u32, s: usize) -> (usize, f32) {
        let l = &self.links[li as usize];
        (l.other(s), l.weight().min(1.0))
    }
}

/// Offers to merge two events that hold neighbouring sentences of one paragraph, one in each:
/// one outlet often splits over two sentences what another reports in one, and then each half
/// links to its own event. The two sentences count as one passage that belongs to both events,
/// so the offer is weighed by the links between the events' other members alone (the plain
/// average also counts the two halves, which by construction do not link across). Offers that
/// cannot average `floor` may be left out.
fn split_sentence_offers(
    graph: &Graph<'_>,
    (clusters, events_of): (&[Vec<usize>], &EventsOf),
    weighed: &mut Weighed,
    changed: &[bool],
    floor: f32,
) -> Vec<(f32, usize, usize)> {
    let sentences = &graph.segmented.sentences;
    // Each pair of events once, with every neighbouring pair of sentences that joins them.
    let mut joints: IndexMap<(usize, usize), Vec<usize>> = IndexMap::default();
    for s in 1..sentences.len() {
        let (prev, this) = (&sentences[s - 1], &sentences[s]);
        if prev.article != this.article || prev.paragraph != this.paragraph {
            continue;
        }
        let (before, here) = (events_of.of(s - 1), events_of.of(s));
        for &x in before {
            for &y in here {
                if x == y
                    || !(changed[x as usize] || changed[y as usize])
                    || here.contains(&x)
                    || before.contains(&y)
                {
                    continue;
                }
                let (x, y) = (x as usize, y as usize);
                joints.entry((x.min(y), x.max(y))).or_default().extend([s - 1, s]);
            }
        }
    }
    // Which sentences join two events depends on the two events' members alone, so a pair
    // whose members no round has changed averages what it averaged before.
    let key = |x: usize, y: usize| (weighed.ids[x], weighed.ids[y]);
    let (known, unknown): (Vec<_>, Vec<_>) = joints
        .into_iter()
        .partition(|((x, y), _)| weighed.averages.contains_key(&key(*x, *y)));
    // What each event weighed reads about its members, once: a large event is weighed against
    // many small ones.
    let mut weighed_events: Vec<usize> = unknown.iter().flat_map(|&((x, y), _)| [x, y]).collect();
    weighed_events.sort_unstable();
    weighed_events.dedup();
    let indexed: IndexMap<usize, Members> = weighed_events
        .into_par_iter()
        .map(|e| (e, Members::of(graph, &clusters[e])))
        .collect();
    let found: Vec<(usize, usize, Option<f32>)> = unknown
        .into_par_iter()
        .map(|((x, y), skip)| {
            let average = average_between(
                graph,
                (&clusters[x], &indexed[&x]),
                (&clusters[y], &indexed[&y]),
                &skip,
                floor,
            );
            (x, y, average)
        })
        .collect();
    let mut out = Vec::with_capacity(known.len() + found.len());
    for ((x, y), _) in known {
        if let Some(&Some(avg)) = weighed.averages.get(&key(x, y)) {
            out.push((avg, x, y));
        }
    }
    for (x, y, avg) in found {
        weighed.averages.insert(key(x, y), avg);
        if let Some(avg) = avg {
            out.push((avg, x, y));
        }
    }
    out
}

/// Relative margin under `floor` below which `average_between` gives up on a pair without
/// summing its links: far above the rounding of a sum of a few million weights.
const FLOOR_MARGIN: f64 = 1e-3;

/// What weighing an event against another reads about its members (`Members::of`).
struct Members {
    /// Each member's first place in the event's list.
    place: IndexMap<usize, u32>,
    /// The members listed more than once, with how many times more.
    repeats: IndexMap<usize, usize>,
    /// Members per article: every listing, and each member once.
    per_article: IndexMap<ArticleId, usize>,
    distinct_per_article: IndexMap<ArticleId, usize>,
    /// The members' links: every listing, and each member once.
    degree: usize,
    distinct_degree: usize,
}

impl Members {
    fn of(graph: &Graph<'_>, members: &[usize]) -> Members {
        let mut out = Members {
            place: IndexMap::default(),
            repeats: IndexMap::default(),
            per_article: IndexMap::default(),
            distinct_per_article: IndexMap::default(),
            degree: 0,
            distinct_degree: 0,
        };
        for (i, &s) in members.iter().enumerate() {
            let article = graph.article(s);
            let degree = graph.by_node.of(s).len();
            *out.per_article.entry(article).or_default() += 1;
            out.degree += degree;
            match out.place.entry(s) {
                std::collections::hash_map::Entry::Occupied(_) => {
                    *out.repeats.entry(s).or_default() += 1;
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(i as u32);
                    *out.distinct_per_article.entry(article).or_default() += 1;
                    out.distinct_degree += degree;
                }
            }
        }
        out
    }

    /// How many times `s` is listed.
    fn listed(&self, s: usize) -> usize {
        if self.place.contains_key(&s) {
            1 + self.repeats.get(&s).copied().unwrap_or(0)
        } else {
            0
        }
    }
}

/// The average link between the members of `x` and of `y` from different articles, leaving
/// out the sentences of `skip`; `None` when no such pair is left, or when their links could
/// not average `floor` (their weights are at most 1, so a sum is at most the number of links
/// walked: two large events seldom have links enough). The links are summed in the order of
/// `x`'s members and of each member's links, whichever event's links are walked.
///
/// Every listing of a member of `x` counts, each member of `y` once. What the events' members
/// add up to is read from their `Members`, less the few sentences skipped, so that weighing a
/// large event against a small one costs the small one's links, not the large one's members.
fn average_between(
    graph: &Graph<'_>,
    (x, mx): (&[usize], &Members),
    (_, my): (&[usize], &Members),
    skip: &[usize],
    floor: f32,
) -> Option<f32> {
    let mut skip = skip.to_vec();
    skip.sort_unstable();
    skip.dedup();
    let kept = |s: &usize| skip.binary_search(s).is_err();
    // Listings of `x` and members of `y` left, and those skipped by article.
    let (mut xs_len, mut ys_len) = (x.len(), my.place.len());
    let (mut degree_x, mut degree_y) = (mx.degree, my.distinct_degree);
    let mut skipped: Vec<(ArticleId, usize, usize)> = Vec::new();
    for &s in &skip {
        let (article, degree) = (graph.article(s), graph.by_node.of(s).len());
        let (listed, in_y) = (mx.listed(s), usize::from(my.place.contains_key(&s)));
        xs_len -= listed;
        degree_x -= listed * degree;
        ys_len -= in_y;
        degree_y -= in_y * degree;
        skipped.push((article, listed, in_y));
    }
    let left = |counts: &IndexMap<ArticleId, usize>, article: &ArticleId, of_x: bool| {
        let less: usize = skipped
            .iter()
            .filter(|(a, _, _)| a == article)
            .map(|&(_, listed, in_y)| if of_x { listed } else { in_y })
            .sum();
        counts.get(article).copied().unwrap_or(0) - less
    };
    // Pairs from different articles: all pairs less those within each article.
    let (xs_per_article, ys_per_article) = (&mx.per_article, &my.distinct_per_article);
    let within: usize = if xs_per_article.len() <= ys_per_article.len() {
        xs_per_article
            .keys()
            .map(|a| left(xs_per_article, a, true) * left(ys_per_article, a, false))
            .sum()
    } else {
        ys_per_article
            .keys()
            .map(|a| left(xs_per_article, a, true) * left(ys_per_article, a, false))
            .sum()
    };
    let pairs = xs_len * ys_len - within;
    let in_y = |s: &usize| my.place.contains_key(s) && kept(s);
    // Walking `y` needs each member of `x` left to be listed once.
    let listed_once = mx.repeats.keys().all(|s| !kept(s));
    // Most links the sum can hold: those of `x`'s listings, or of `y`'s members when each of
    // `x`'s is listed once. Rounding aside: the margin keeps any sum that could reach `floor`.
    let most = if listed_once {
        degree_x.min(degree_y)
    } else {
        degree_x
    };
    if pairs > 0 && (most as f64) < f64::from(floor) * pairs as f64 * (1.0 - FLOOR_MARGIN) {
        return None;
    }
    let walk_y = listed_once && degree_y < degree_x;
    let sum = if walk_y {
        // Every link found, at the place the walk over `x` would have met it.
        let mut found: Vec<(u32, u32, f32)> = Vec::new();
        for &b in my.place.keys().filter(|b| kept(b)) {
            for &li in graph.by_node.of(b) {
                let (a, w) = graph.across(li, b);
                if let Some(&at) = mx.place.get(&a)
                    && kept(&a)
                    && graph.article(a) != graph.article(b)
                {
                    found.push((at, li, w));
                }
            }
        }
        found.sort_unstable_by_key(|&(at, li, _)| (at, li));
        found.iter().fold(0.0, |sum, &(_, _, w)| sum + w)
    } else {
        let mut sum = 0.0;
        for &a in x.iter().filter(|a| kept(a)) {
            for &li in graph.by_node.of(a) {
                let (other, w) = graph.across(li, a);
                if in_y(&other) && graph.article(a) != graph.article(other) {
                    sum += w;
                }
            }
        }
        sum
    };
    (pairs > 0).then(|| sum / pairs as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SentenceId, Span};
    use crate::{ingest, segment};

    /// Eight articles of three paragraphs, each of two sentences.
    fn story() -> Segmented {
        let texts: Vec<String> = (0..8)
            .map(|a| {
                (0..3)
                    .map(|p| format!("Article {a} opens paragraph {p}. It closes it again."))
                    .collect::<Vec<_>>()
                    .join("\n\n")
            })
            .collect();
        segment::segment(&ingest::from_texts(&texts))
    }

    /// Links between sentences of different articles, with scores and `kept` that vary, from a
    /// small seeded generator.
    fn links(seg: &Segmented, seed: u64, count: usize) -> Vec<Link> {
        let mut rng = crate::align::synth::Rng::new(seed);
        let mut next = move || rng.next_u64();
        let n = seg.sentences.len();
        let mut out = Vec::new();
        while out.len() < count {
            let (a, b) = ((next() as usize) % n, (next() as usize) % n);
            if seg.sentences[a].article == seg.sentences[b].article {
                continue;
            }
            let score = 0.2 + (next() % 800) as f32 / 1000.0;
            let mut link = Link::new(
                SentenceId::from_index(a),
                SentenceId::from_index(b),
                score,
                Span::new(0, 1),
                Span::new(0, 1),
            );
            link.kept = [1.0, 0.5, 0.3][(next() % 3) as usize];
            out.push(link);
        }
        out
    }

    fn by_node(seg: &Segmented, links: &[Link]) -> Vec<Vec<u32>> {
        let mut by = vec![Vec::new(); seg.sentences.len()];
        for (i, l) in links.iter().enumerate() {
            by[l.a.index()].push(i as u32);
            by[l.b.index()].push(i as u32);
        }
        by
    }

    /// The average as first written: every member of `x`, each of its links, a set of `y`.
    fn plain_average(graph: &Graph<'_>, x: &[usize], y: &[usize], skip: &[usize]) -> Option<f32> {
        let ys: std::collections::HashSet<usize> = y.iter().copied().filter(|s| !skip.contains(s)).collect();
        let (mut pairs, mut sum) = (0usize, 0.0f32);
        for &a in x.iter().filter(|s| !skip.contains(s)) {
            pairs += ys
                .iter()
                .filter(|&&b| graph.article(b) != graph.article(a))
                .count();
            for &li in graph.by_node.of(a) {
                let (other, w) = graph.across(li, a);
                if ys.contains(&other) && graph.article(a) != graph.article(other) {
                    sum += w;
                }
            }
        }
        (pairs > 0).then(|| sum / pairs as f32)
    }

    #[test]
    fn an_average_walked_from_either_event_is_the_plain_average_to_the_bit() {
        let seg = story();
        let n = seg.sentences.len();
        assert_eq!(n, 48);
        let mut walked_y = 0;
        let mut given_up = 0;
        for seed in 0..60 {
            let links = links(&seg, seed, 40 + (seed as usize % 5) * 60);
            let by = by_node(&seg, &links);
            let laid_out = LinksOf::new(n, &links, |_| true);
            assert!((0..n).all(|s| laid_out.of(s) == by[s].as_slice()), "seed {seed}");
            let graph = Graph {
                segmented: &seg,
                by_node: &laid_out,
                links: &links,
            };
            // A large event and a small one, sharing a sentence, in both orders; the skipped
            // sentences hold a duplicate.
            let step = 2 + seed as usize % 4;
            let mut large: Vec<usize> = (0..n).step_by(step).collect();
            // A member listed twice counts twice, unless it is skipped.
            match seed % 3 {
                1 => large.push(large[2]),
                2 => large.push(large[1]),
                _ => {}
            }
            let small: Vec<usize> = (1..n).step_by(7 + seed as usize % 3).chain([0]).collect();
            let skip = [large[1], small[1], large[1]];
            for (x, y) in [(&large, &small), (&small, &large)] {
                let (mx, my) = (Members::of(&graph, x), Members::of(&graph, y));
                let (fast, plain) = (
                    average_between(&graph, (x, &mx), (y, &my), &skip, 0.0),
                    plain_average(&graph, x, y, &skip),
                );
                assert_eq!(fast.map(f32::to_bits), plain.map(f32::to_bits), "seed {seed}");
                // Given a floor, the same average, or none when it is below the floor.
                for floor in [0.01, 0.05, 0.2, 0.5] {
                    let floored = average_between(&graph, (x, &mx), (y, &my), &skip, floor);
                    match (floored, plain) {
                        (Some(f), Some(p)) => assert_eq!(f.to_bits(), p.to_bits(), "seed {seed}"),
                        (None, Some(p)) => {
                            assert!(p < floor, "seed {seed}: {p} left out under {floor}");
                            given_up += 1;
                        }
                        (f, p) => assert_eq!(f, p, "seed {seed}"),
                    }
                }
                let degree = |m: &[usize]| m.iter().map(|&s| by[s].len()).sum::<usize>();
                walked_y += usize::from(degree(y) < degree(x));
            }
        }
        assert!(walked_y > 20, "the walk over y ran {walked_y} times");
        assert!(given_up > 20, "averages given up under a floor: {given_up}");
    }

    /// `merge_events` as first written: every round weighs every offer afresh, summing over
    /// every link at the weak threshold.
    fn merged_weighing_every_round(
        seg: &Segmented,
        links: &[Link],
        clusters: Vec<Vec<usize>>,
    ) -> Vec<Vec<usize>> {
        let settings = AlignSettings::default();
        let by = LinksOf::new(seg.sentences.len(), links, |l| l.score >= settings.weak_threshold);
        let graph = Graph {
            segmented: seg,
            by_node: &by,
            links,
        };
        let weak: Vec<(u32, u32, f32)> = links
            .iter()
            .filter(|l| l.score >= settings.weak_threshold)
            .map(weighed_link)
            .collect();
        let mut clusters = clusters;
        for _ in 0..MERGE_ROUNDS {
            let before = clusters.len();
            let mut fresh = Weighed {
                ids: (0..clusters.len() as u64).collect(),
                next: clusters.len() as u64,
                averages: IndexMap::default(),
            };
            let every = vec![true; clusters.len()];
            clusters = merge_round(&graph, &weak, &settings, clusters, &mut fresh, &every).0;
            if clusters.len() == before {
                break;
            }
        }
        clusters
    }

    #[test]
    fn events_merge_as_when_every_round_weighs_every_offer_afresh() {
        let seg = story();
        let settings = AlignSettings::default();
        let mut merged_somewhere = false;
        for seed in 0..40 {
            let links = links(&seg, seed, 120);
            // Events of two sentences each: sentence i with sentence i + 6 (another article),
            // so that neighbouring sentences sit in different events.
            let clusters: Vec<Vec<usize>> = (0..42).map(|i| vec![i, i + 6]).collect();
            let weak = LinksOf::new(seg.sentences.len(), &links, |l| {
                l.score >= settings.weak_threshold
            });
            let remembered = merge_events(&seg, (&links, &weak), &settings, clusters.clone());
            let afresh = merged_weighing_every_round(&seg, &links, clusters);
            assert_eq!(remembered, afresh, "seed {seed}");
            merged_somewhere |= remembered.len() < 42;
        }
        assert!(merged_somewhere);
    }

    #[test]
    fn links_to_sentences_outside_every_event_change_no_merge() {
        let seg = story();
        let settings = AlignSettings::default();
        let mut merged_somewhere = false;
        for seed in 0..40 {
            let links = links(&seg, seed, 160);
            // Sentences 30 to 47 belong to no event, and many links reach them.
            let clusters: Vec<Vec<usize>> = (0..24).map(|i| vec![i, i + 6]).collect();
            let weak = LinksOf::new(seg.sentences.len(), &links, |l| {
                l.score >= settings.weak_threshold
            });
            let remembered = merge_events(&seg, (&links, &weak), &settings, clusters.clone());
            let afresh = merged_weighing_every_round(&seg, &links, clusters);
            assert_eq!(remembered, afresh, "seed {seed}");
            merged_somewhere |= remembered.len() < 24;
        }
        assert!(merged_somewhere);
    }
}
