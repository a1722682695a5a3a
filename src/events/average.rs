//! Sparse average-link clustering of sentences: the core of the events stage.
//!
//! In: the sentences' articles and the strict links between them. Out: clusters of sentence
//! indices. Two clusters merge when the average of their links over all their member pairs
//! (a missing link counts 0) is the highest left and reaches the threshold, and when the merge
//! keeps every article within its cap of mentions.
//!
//! The decision a reader must know: the heap holds one entry per cluster (its best allowed
//! neighbour), not one per pair, and an entry made stale by a merge is recomputed when it
//! surfaces. That is exact for average link, because merging two clusters never raises their
//! average to a third, and it keeps large clusters from pushing their whole neighbourhood on
//! every merge. Link weights come in already scaled for the candidate bound (`Link::kept`).

use crate::model::ArticleId;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// A multiplicative hash for small integer keys (sentence and cluster numbers): the maps here
/// are hashed millions of times in a large story, and the keys come from this program, not
/// from an adversary, so SipHash's protection buys nothing.
#[derive(Default, Clone, Copy)]
pub struct IndexHasher(u64);

impl Hasher for IndexHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
}

/// A hash map keyed by small integers.
pub type IndexMap<K, V> = HashMap<K, V, BuildHasherDefault<IndexHasher>>;

/// A cluster's best neighbour when it was computed, with both clusters' versions then.
#[derive(PartialEq)]
struct Best {
    avg: f32,
    x: usize,
    y: usize,
    vx: u32,
    vy: u32,
}

impl Eq for Best {}

impl PartialOrd for Best {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Best {
    fn cmp(&self, other: &Self) -> Ordering {
        let key = |b: &Best| (b.x.min(b.y), b.x.max(b.y));
        self.avg
            .total_cmp(&other.avg)
            .then_with(|| key(other).cmp(&key(self)))
            .then_with(|| other.x.cmp(&self.x))
    }
}

/// What the clustering needs besides the links.
pub struct Params {
    /// Merges need at least this average.
    pub threshold: f32,
    /// Most members one article may have in one cluster.
    pub cap: usize,
}

struct State {
    members: Vec<Vec<usize>>,
    version: Vec<u32>,
    adj: Vec<IndexMap<usize, f32>>,
    per_article: Vec<IndexMap<ArticleId, usize>>,
    params: Params,
}

impl State {
    fn average(&self, weight: f32, x: usize, y: usize) -> f32 {
        let (sx, sy) = (self.members[x].len(), self.members[y].len());
        weight / (sx * sy).max(1) as f32
    }

    /// Merging keeps every article within the cap.
    fn allowed(&self, x: usize, y: usize) -> bool {
        let (small, large) = if self.per_article[x].len() <= self.per_article[y].len() {
            (&self.per_article[x], &self.per_article[y])
        } else {
            (&self.per_article[y], &self.per_article[x])
        };
        small
            .iter()
            .all(|(art, k)| k + large.get(art).copied().unwrap_or(0) <= self.params.cap)
    }

    /// `x`'s best neighbour it may merge with, at or above the threshold.
    fn best(&self, x: usize) -> Option<Best> {
        let mut best: Option<(f32, usize)> = None;
        for (&y, &w) in &self.adj[x] {
            let avg = self.average(w, x, y);
            if avg < self.params.threshold {
                continue;
            }
            let better = best.is_none_or(|(b, by)| avg > b || (avg == b && y < by));
            if better && self.allowed(x, y) {
                best = Some((avg, y));
            }
        }
        best.map(|(avg, y)| Best {
            avg,
            x,
            y,
            vx: self.version[x],
            vy: self.version[y],
        })
    }

    /// Merges the two clusters into the one with more neighbours; returns the survivor.
    fn merge(&mut self, x: usize, y: usize) -> usize {
        let (keep, gone) = if self.adj[x].len() >= self.adj[y].len() {
            (x, y)
        } else {
            (y, x)
        };
        let moved = std::mem::take(&mut self.members[gone]);
        self.members[keep].extend(moved);
        for (art, k) in std::mem::take(&mut self.per_article[gone]) {
            *self.per_article[keep].entry(art).or_default() += k;
        }
        let gone_adj = std::mem::take(&mut self.adj[gone]);
        self.adj[keep].remove(&gone);
        for (other, w) in gone_adj {
            if other == keep {
                continue;
            }
            *self.adj[keep].entry(other).or_default() += w;
            if let Some(o) = self.adj[other].remove(&gone) {
                *self.adj[other].entry(keep).or_default() += o;
            }
        }
        self.version[keep] += 1;
        self.version[gone] += 1;
        keep
    }
}

/// Clusters `n` sentences (of the given articles) over weighted links `(a, b, score)`.
pub fn cluster(articles: &[ArticleId], links: &[(usize, usize, f32)], params: Params) -> Vec<Vec<usize>> {
    let n = articles.len();
    let mut adj: Vec<IndexMap<usize, f32>> = vec![IndexMap::default(); n];
    for &(a, b, w) in links {
        if a < n && b < n && a != b {
            *adj[a].entry(b).or_default() += w;
            *adj[b].entry(a).or_default() += w;
        }
    }
    let mut state = State {
        members: (0..n).map(|i| vec![i]).collect(),
        version: vec![0; n],
        adj,
        per_article: articles
            .iter()
            .map(|&a| {
                let mut m = IndexMap::default();
                m.insert(a, 1);
                m
            })
            .collect(),
        params,
    };
    let mut heap: BinaryHeap<Best> = (0..n).filter_map(|x| state.best(x)).collect();
    while let Some(c) = heap.pop() {
        if state.members[c.x].is_empty() || state.version[c.x] != c.vx {
            continue;
        }
        if state.members[c.y].is_empty() || state.version[c.y] != c.vy {
            heap.extend(state.best(c.x));
            continue;
        }
        let keep = state.merge(c.x, c.y);
        heap.extend(state.best(keep));
    }
    state.members
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(cap: usize) -> Params {
        Params { threshold: 0.35, cap }
    }

    fn sorted(mut clusters: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
        for c in &mut clusters {
            c.sort_unstable();
        }
        clusters.retain(|c| c.len() > 1);
        clusters.sort();
        clusters
    }

    #[test]
    fn a_chain_of_pairwise_links_does_not_glue_into_one_cluster() {
        let arts: Vec<ArticleId> = (0..4).map(ArticleId).collect();
        let links = [(0, 1, 0.9), (1, 2, 0.5), (2, 3, 0.9)];
        assert_eq!(
            sorted(cluster(&arts, &links, params(2))),
            vec![vec![0, 1], vec![2, 3]]
        );
    }

    #[test]
    fn a_clique_across_articles_is_one_cluster() {
        let arts: Vec<ArticleId> = (0..5).map(ArticleId).collect();
        let mut links = Vec::new();
        for a in 0..5 {
            for b in a + 1..5 {
                links.push((a, b, 0.8));
            }
        }
        assert_eq!(
            sorted(cluster(&arts, &links, params(2))),
            vec![vec![0, 1, 2, 3, 4]]
        );
    }

    #[test]
    fn the_cap_keeps_an_article_from_adding_a_third_mention() {
        let arts = [ArticleId(0), ArticleId(1), ArticleId(1), ArticleId(1)];
        let links = [(0, 1, 0.9), (0, 2, 0.8), (0, 3, 0.7)];
        let got = sorted(cluster(&arts, &links, params(2)));
        assert_eq!(got, vec![vec![0, 1, 2]]);
    }

    #[test]
    fn a_sampled_clique_with_links_scaled_up_still_merges() {
        // Twenty copies of one passage, each linked to its four next copies only, each link
        // counted as the 20 / 8 links it stands for.
        let arts: Vec<ArticleId> = (0..20).map(ArticleId).collect();
        let mut links = Vec::new();
        for a in 0..20 {
            for d in 1..=4 {
                links.push((a, (a + d) % 20, 0.9 * 19.0 / 8.0));
            }
        }
        assert_eq!(
            sorted(cluster(&arts, &links, params(2))),
            vec![(0..20).collect::<Vec<_>>()]
        );
    }

    #[test]
    fn out_of_range_links_are_ignored() {
        let arts = [ArticleId(0), ArticleId(1)];
        let links = [(0, 7, 0.9), (0, 1, 0.9)];
        assert_eq!(sorted(cluster(&arts, &links, params(2))), vec![vec![0, 1]]);
    }
}
