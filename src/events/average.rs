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
//!
//! A stale entry is not always recomputed from scratch: each entry also holds the highest
//! average to any other neighbour (the runner-up), and merges elsewhere never raise an average
//! above the higher of the two merged. When the neighbour an entry named has grown (or been
//! absorbed) and the cluster now holding it still beats the runner-up by a clear margin, it is
//! still the best, and the entry is renewed without reading the whole neighbourhood. Singletons
//! waiting to join a cluster that grows by thousands of merges would otherwise each be rescanned
//! after every one of them.
//!
//! Nor does a large cluster read its whole neighbourhood after each of its merges: a cluster
//! with many neighbours keeps them in a heap of their link sums over their sizes. An entry
//! bounds the average it stands for (a neighbour only grows, so the average only falls until
//! the link sum changes, and every change of a sum pushes a fresh entry); the search reads the
//! heap from the top, refreshing stale entries, and stops when no entry left could reach the
//! best average found (with a margin for rounding), so it finds what a full scan finds.
//!
//! Copies of one passage tie on every score, so a cluster growing by them would read, at each
//! of its merges, every copy still waiting (the growth with the square of the story that large
//! stories showed). Entries found tied with the best go on a shelf beside the heap and are
//! passed over at once while they still tie with the best (see `Shelf`).

mod parked;

use crate::model::ArticleId;
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::binary_heap::PeekMut;
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

/// A hash set of small integers.
pub type IndexSet<K> = std::collections::HashSet<K, BuildHasherDefault<IndexHasher>>;

/// A cluster's best neighbour when it was computed, with both clusters' versions then, and
/// the highest average to any other neighbour (allowed or not, above the threshold or not).
///
/// Entries come out of the heap by average, then by the pair (lower number first, then
/// higher), then by the cluster whose entry it is; that order is packed into two words, so
/// that the millions of comparisons a large story makes are two integer comparisons each.
struct Best {
    /// The average's bits (ordered as the numbers are), then the lower of the pair, inverted.
    high: u64,
    /// The higher of the pair, then the entry's own cluster, both inverted.
    low: u64,
    vx: u32,
    vy: u32,
    runner_up: f32,
}

impl PartialEq for Best {
    fn eq(&self, other: &Self) -> bool {
        (self.high, self.low) == (other.high, other.low)
    }
}

impl Eq for Best {}

impl PartialOrd for Best {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Best {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.high, self.low).cmp(&(other.high, other.low))
    }
}

impl Best {
    fn new(avg: f32, x: usize, y: usize, (vx, vy): (u32, u32), runner_up: f32) -> Best {
        // Averages are never negative, so their bits order them as numbers.
        let (lo, hi) = (x.min(y) as u32, x.max(y) as u32);
        Best {
            high: (u64::from(avg.to_bits()) << 32) | u64::from(!lo),
            low: (u64::from(!hi) << 32) | u64::from(!(x as u32)),
            vx,
            vy,
            runner_up,
        }
    }

    fn x(&self) -> usize {
        !(self.low as u32) as usize
    }

    fn y(&self) -> usize {
        let (lo, hi) = (!(self.high as u32) as usize, !((self.low >> 32) as u32) as usize);
        if self.x() == lo { hi } else { lo }
    }
}

/// A stale entry renewed.
enum Renewed {
    /// Its cluster still has the same best neighbour (or the cluster now holding it), clearly.
    Clear(Best),
    /// Found by a search.
    Searched(Best),
    /// Its cluster has no neighbour left to merge with.
    Gone,
}

/// What the clustering needs besides the links.
#[derive(Clone, Copy)]
pub struct Params {
    /// Merges need at least this average.
    pub threshold: f32,
    /// Most members one article may have in one cluster.
    pub cap: usize,
}

/// How far an average must stand above the runner-up for an entry to be renewed without a
/// full search: far more than the rounding that sums of thousands of link scores gather, so the
/// shortcut never picks what a full search would not.
const CLEAR_MARGIN: f32 = 1.01;

/// A neighbour `y` in a cluster's heap of neighbours: link sum `w` and `y`'s size `size` when
/// the entry was made, and `bound` = `w / size`, the average times the cluster's own size.
#[derive(Clone, Copy)]
struct Candidate {
    bound: f32,
    y: u32,
    w: f32,
    size: u32,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.bound
            .total_cmp(&other.bound)
            .then_with(|| other.y.cmp(&self.y))
    }
}

impl Candidate {
    fn new(y: usize, w: f32, size: usize) -> Candidate {
        Candidate {
            bound: w / size.max(1) as f32,
            y: y as u32,
            w,
            size: size as u32,
        }
    }
}

impl Candidate {
    /// Whether `other` averages exactly what `self` does and comes after it in the heap:
    /// both neighbours were single sentences with the same link sum when their entries were
    /// made (a neighbour's entry with another sum or size is stale, and never read as such).
    fn ties(&self, other: &Candidate) -> bool {
        self.size == 1 && other.size == 1 && self.w.to_bits() == other.w.to_bits()
    }
}

/// A cluster's heap entries for single-sentence neighbours that all have one link sum with it,
/// kept apart from its heap after a search found them tied with the best neighbour: copies of
/// one passage in many articles tie on every score, and a cluster growing by them would
/// otherwise read all those left after each merge. Conceptually still in the heap (their
/// order among themselves is the heap's: lower number first), they are passed over at once
/// while they tie with the best found.
#[derive(Default)]
struct Shelf {
    /// The link sum they share.
    w: f32,
    ys: BinaryHeap<std::cmp::Reverse<u32>>,
}

impl Shelf {
    fn len(&self) -> usize {
        self.ys.len()
    }

    fn is_empty(&self) -> bool {
        self.ys.is_empty()
    }

    /// The entry that comes first.
    fn front(&self) -> Option<Candidate> {
        self.ys
            .peek()
            .map(|&std::cmp::Reverse(y)| Candidate::new(y as usize, self.w, 1))
    }

    fn pop(&mut self) {
        self.ys.pop();
    }

    /// Adds an entry for a single-sentence neighbour; when the shelf held another link sum, its
    /// entries come back to be returned to the heap.
    fn put(&mut self, c: Candidate) -> Option<Vec<Candidate>> {
        let mut moved = None;
        if !self.ys.is_empty() && self.w.to_bits() != c.w.to_bits() {
            let w = self.w;
            moved = Some(
                self.ys
                    .drain()
                    .map(|std::cmp::Reverse(y)| Candidate::new(y as usize, w, 1))
                    .collect(),
            );
        }
        self.w = c.w;
        self.ys.push(std::cmp::Reverse(c.y));
        moved
    }
}

/// Clusters with at least this many neighbours search them through a heap (see `Candidate`)
/// once they have merged: smaller ones, and sentences searched once at the start, read them
/// all, which costs less than keeping a heap up to date.
const HEAP_FROM: usize = 128;

/// Relative margin by which a heap entry's bound must fall short of the best average found
/// before the search stops: far above the rounding of one `f32` product and quotient, so a
/// neighbour whose average ties the best is still read (ties go to the lower number).
const BOUND_MARGIN: f64 = 1e-5;

struct State {
    members: Vec<Vec<usize>>,
    /// Each cluster's number of members (0 once merged away): read for every average, and
    /// far more compact than the member lists.
    size: Vec<u32>,
    /// Each large cluster's neighbours by bound; may hold stale entries. Empty for the others.
    candidates: Vec<BinaryHeap<Candidate>>,
    /// Entries of each large cluster's neighbours taken out of its heap because they tie
    /// exactly with the best neighbour its last search found (see `Shelf`).
    shelves: Vec<Shelf>,
    /// Whether each cluster keeps `candidates`.
    heaped: Vec<bool>,
    version: Vec<u32>,
    /// Each cluster's link sum to each neighbour (numbers as `u32`, which halves the maps).
    adj: Vec<IndexMap<u32, f32>>,
    /// Merges (gone, kept) of neighbours not yet carried into each small cluster's link sums
    /// (see `settle`).
    pending: Vec<Vec<(u32, u32)>>,
    per_article: Vec<IndexMap<ArticleId, usize>>,
    /// The cluster each merged-away cluster went into (itself while it lives).
    merged_into: Vec<usize>,
    /// Entries set aside while the cluster they name grows.
    parked: parked::Parked,
    params: Params,
    /// Neighbours read by full searches, to keep their cost in check in tests.
    #[cfg(test)]
    reads: u64,
    /// Entries parked, to check in tests that parking happens.
    #[cfg(test)]
    parks: u64,
    /// Tests compare with the plain clustering, which reads a cluster's whole neighbourhood
    /// whenever it needs its best neighbour (what the clustering must return).
    #[cfg(test)]
    plain: bool,
}

impl State {
    fn average(&self, weight: f32, x: usize, y: usize) -> f32 {
        let (sx, sy) = (self.size[x] as usize, self.size[y] as usize);
        weight / (sx * sy).max(1) as f32
    }

    /// Whether merges are carried into small clusters' link sums when next read (`settle`),
    /// rather than at once as the plain clustering of the tests does.
    fn deferred(&self) -> bool {
        #[cfg(test)]
        return !self.plain;
        #[cfg(not(test))]
        true
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

    /// Carries the merges of `x`'s neighbours since it was last read into its link sums, in
    /// the order they happened: the sums are those that moving each link sum at each merge
    /// would have left. A merge touches every neighbour of the cluster merged away, most of
    /// them single sentences read again much later, if at all; noting the merge costs one
    /// write, where moving the sum would cost two lookups in a map far from the last one. The
    /// list keeps its room for the merges noted next (a large story notes millions).
    fn settle(&mut self, x: usize) {
        if self.pending[x].is_empty() {
            return;
        }
        let adj = &mut self.adj[x];
        for (gone, keep) in self.pending[x].drain(..) {
            if let Some(o) = adj.remove(&gone) {
                *adj.entry(keep).or_default() += o;
            }
        }
    }

    /// `x`'s best neighbour it may merge with, at or above the threshold: the highest
    /// average, on a tie the lowest number.
    fn best(&mut self, x: usize) -> Option<Best> {
        self.settle(x);
        #[cfg(test)]
        let heaped = self.heaped[x] && !self.plain;
        #[cfg(not(test))]
        let heaped = self.heaped[x];
        if heaped {
            return self.best_from_heap(x);
        }
        #[cfg(test)]
        {
            self.reads += self.adj[x].len() as u64;
        }
        self.scan(x)
    }

    /// `best` read from `x`'s whole neighbourhood.
    fn scan(&self, x: usize) -> Option<Best> {
        let mut best: Option<(f32, usize)> = None;
        // The two highest averages over all neighbours, the first with its neighbour.
        let (mut top, mut second) = ((f32::NEG_INFINITY, usize::MAX), f32::NEG_INFINITY);
        for (&y, &w) in &self.adj[x] {
            let y = y as usize;
            let avg = self.average(w, x, y);
            if avg > top.0 {
                second = top.0;
                top = (avg, y);
            } else if avg > second {
                second = avg;
            }
            if avg < self.params.threshold {
                continue;
            }
            let better = best.is_none_or(|(b, by)| avg > b || (avg == b && y < by));
            if better && self.allowed(x, y) {
                best = Some((avg, y));
            }
        }
        best.map(|(avg, y)| {
            let runner_up = if top.1 == y { second } else { top.0 };
            Best::new(avg, x, y, (self.version[x], self.version[y]), runner_up)
        })
    }

    /// `best` for a cluster that keeps its neighbours in a heap. The runner-up is bounded by
    /// the averages read and the bound of the first entry left unread.
    fn best_from_heap(&mut self, x: usize) -> Option<Best> {
        let mut heap = std::mem::take(&mut self.candidates[x]);
        let mut shelf = std::mem::take(&mut self.shelves[x]);
        let size_x = self.size[x].max(1) as f64;
        // The best average, its neighbour and the entry it was read from.
        let mut best: Option<(f32, usize, Candidate)> = None;
        let mut read: Vec<Candidate> = Vec::new();
        let mut unread = f64::NEG_INFINITY;
        // Whether the shelf was passed over: every entry on it ties with the best found.
        let mut passed = false;
        loop {
            // The next entry in the order of the heap, from the heap or the shelf.
            let on_shelf = if passed { None } else { shelf.front() };
            let (top, from_shelf) = match (heap.peek(), on_shelf) {
                (Some(&h), Some(s)) if s > h => (s, true),
                (Some(&h), _) => (h, false),
                (None, Some(s)) => (s, true),
                (None, None) => break,
            };
            // No entry from here on can average more than `reach` (rounding aside).
            let reach = f64::from(top.bound) / size_x * (1.0 + BOUND_MARGIN);
            if reach < f64::from(self.params.threshold) || best.is_some_and(|(b, ..)| reach < f64::from(b)) {
                unread = reach;
                break;
            }
            if from_shelf {
                if best.is_some_and(|(.., e)| e.ties(&top)) {
                    passed = true;
                    continue;
                }
                shelf.pop();
            } else {
                heap.pop();
            }
            #[cfg(test)]
            {
                self.reads += 1;
            }
            let y = top.y as usize;
            // A neighbour merged away, or a link sum changed since (a fresher entry exists).
            let Some(&w) = self.adj[x].get(&(y as u32)) else {
                continue;
            };
            let size_y = self.size[y] as usize;
            if w.to_bits() != top.w.to_bits() || size_y == 0 {
                continue;
            }
            if size_y != top.size as usize {
                let c = Candidate::new(y, w, size_y);
                if self.reachable(x, &c) {
                    heap.push(c);
                }
                continue;
            }
            let avg = self.average(w, x, y);
            let better =
                avg >= self.params.threshold && best.is_none_or(|(b, by, _)| avg > b || (avg == b && y < by));
            if better {
                // Articles' mentions only add up: a merge the cap forbids stays forbidden.
                if !self.allowed(x, y) {
                    continue;
                }
                best = Some((avg, y, top));
            }
            read.push(top);
        }
        let found = best.map(|(avg, y, _)| {
            let passed_over = if passed && !shelf.is_empty() {
                avg
            } else {
                f32::NEG_INFINITY
            };
            let runner_up = read
                .iter()
                .filter(|c| c.y as usize != y)
                .map(|c| self.average(c.w, x, c.y as usize))
                .fold((unread as f32).max(passed_over), f32::max);
            Best::new(avg, x, y, (self.version[x], self.version[y]), runner_up)
        });
        // Entries read that tie with the best go on the shelf, to be passed over at once by
        // the searches that follow; the others go back into the heap.
        if let Some((_, by, entry)) = best {
            for c in read {
                if c.y as usize != by && entry.ties(&c) {
                    if let Some(moved) = shelf.put(c) {
                        heap.extend(moved);
                    }
                } else {
                    heap.push(c);
                }
            }
        } else {
            heap.extend(read);
        }
        self.candidates[x] = heap;
        self.shelves[x] = shelf;
        found
    }

    /// Whether a search of `x`'s heap could ever read entry `c`: one whose bound already falls
    /// below the threshold never is, for the clusters only grow (and a change of the link sum
    /// makes a fresh entry). A large cluster's neighbours are mostly such: one link to a
    /// cluster of hundreds.
    fn reachable(&self, x: usize, c: &Candidate) -> bool {
        let size_x = self.size[x].max(1) as f64;
        f64::from(c.bound) / size_x * (1.0 + BOUND_MARGIN) >= f64::from(self.params.threshold)
    }

    /// Puts entry `c` in `x`'s heap, unless no search could ever read it (`reachable`).
    fn offer(&mut self, x: usize, c: Candidate) {
        if self.reachable(x, &c) {
            self.candidates[x].push(c);
        }
    }

    /// Starts keeping `x`'s neighbours in a heap.
    fn heap_up(&mut self, x: usize) {
        self.shelves[x] = Shelf::default();
        self.candidates[x] = self.adj[x]
            .iter()
            .map(|(&y, &w)| Candidate::new(y as usize, w, self.size[y as usize] as usize))
            .filter(|c| self.reachable(x, c))
            .collect();
        self.heaped[x] = true;
    }

    /// Rebuilds `x`'s heap when stale entries make up most of it, so that the heaps stay
    /// within a small multiple of the neighbourhoods they index.
    fn tidy(&mut self, x: usize) {
        if self.heaped[x] && self.candidates[x].len() + self.shelves[x].len() > 2 * self.adj[x].len() + 64 {
            self.heap_up(x);
        }
    }

    /// The cluster that now holds what was cluster `y`.
    fn holder(&mut self, y: usize) -> usize {
        let mut root = y;
        while self.merged_into[root] != root {
            root = self.merged_into[root];
        }
        let mut at = y;
        while self.merged_into[at] != root {
            let next = self.merged_into[at];
            self.merged_into[at] = root;
            at = next;
        }
        root
    }

    /// `x`'s best neighbour again, after its best neighbour `c.y` grew or was absorbed: the
    /// cluster now holding `c.y` when it still clearly beats the runner-up (which no merge
    /// elsewhere can have raised), else by a full search.
    fn renew(&mut self, c: &Best) -> Renewed {
        let x = c.x();
        #[cfg(test)]
        if self.plain {
            return self.best(x).map_or(Renewed::Gone, Renewed::Searched);
        }
        let y = self.holder(c.y());
        self.settle(x);
        if y != x
            && let Some(&w) = self.adj[x].get(&(y as u32))
        {
            let avg = self.average(w, x, y);
            if avg >= self.params.threshold && avg > c.runner_up * CLEAR_MARGIN && self.allowed(x, y) {
                return Renewed::Clear(Best::new(avg, x, y, (c.vx, self.version[y]), c.runner_up));
            }
        }
        self.best(x).map_or(Renewed::Gone, Renewed::Searched)
    }

    /// Merges the two clusters into the one with more neighbours; returns the survivor.
    fn merge(&mut self, x: usize, y: usize) -> usize {
        self.settle(x);
        self.settle(y);
        let (keep, gone) = if self.adj[x].len() >= self.adj[y].len() {
            (x, y)
        } else {
            (y, x)
        };
        self.parked.drop_entry(keep);
        self.parked.drop_entry(gone);
        self.parked.release_all(gone);
        let moved = std::mem::take(&mut self.members[gone]);
        self.members[keep].extend(moved);
        self.size[keep] += std::mem::take(&mut self.size[gone]);
        let articles: Vec<ArticleId> = self.per_article[gone].keys().copied().collect();
        for (art, k) in std::mem::take(&mut self.per_article[gone]) {
            *self.per_article[keep].entry(art).or_default() += k;
        }
        self.recheck_cap(keep, &articles);
        self.parked.outgrown(keep, self.size[keep] as usize);
        let gone_adj = std::mem::take(&mut self.adj[gone]);
        self.candidates[gone] = BinaryHeap::new();
        self.shelves[gone] = Shelf::default();
        self.heaped[gone] = false;
        self.adj[keep].remove(&(gone as u32));
        let size_keep = self.size[keep] as usize;
        for (other, w) in gone_adj {
            let other = other as usize;
            if other == keep {
                continue;
            }
            let sum = self.adj[keep].entry(other as u32).or_default();
            *sum += w;
            let sum = *sum;
            if self.heaped[keep] {
                self.offer(keep, Candidate::new(other, sum, self.size[other] as usize));
            }
            // A cluster that keeps a heap needs the new sum for an entry now; the others
            // carry it over when next read.
            if !self.heaped[other] && self.deferred() {
                self.pending[other].push((gone as u32, keep as u32));
            } else if let Some(o) = self.adj[other].remove(&(gone as u32)) {
                let sum = self.adj[other].entry(keep as u32).or_default();
                *sum += o;
                let sum = *sum;
                if self.heaped[other] {
                    self.offer(other, Candidate::new(keep, sum, size_keep));
                    self.tidy(other);
                }
            }
        }
        self.tidy(keep);
        if !self.heaped[keep] && self.adj[keep].len() >= HEAP_FROM {
            self.heap_up(keep);
        }
        self.version[keep] += 1;
        self.version[gone] += 1;
        self.merged_into[gone] = keep;
        keep
    }
}

/// Clusters `n` sentences (of the given articles) over weighted links `(a, b, score)`: entry `i`
/// holds the members of the cluster kept under number `i` (empty when it merged into another).
///
/// Clusters never merge across two groups of sentences that no link joins (their average is
/// 0), so each connected group is clustered on its own, in parallel. Numbered in the order of
/// the sentences, a group makes the same merges alone as among all the others: every choice
/// compares averages, then numbers, and the renumbering keeps their order. (The group with the
/// most links keeps the story's numbering and its place, so its links need no copy.)
pub fn cluster(
    articles: &[ArticleId],
    mut links: Vec<(usize, usize, f32)>,
    params: Params,
) -> Vec<Vec<usize>> {
    let n = articles.len();
    links.retain(|&(a, b, _)| a < n && b < n && a != b);
    let groups = connected_groups(n, &links);
    // Each sentence's group and its number within it.
    let mut group_of = vec![u32::MAX; n];
    let mut local = vec![0u32; n];
    for (g, members) in groups.iter().enumerate() {
        for (i, &s) in members.iter().enumerate() {
            group_of[s] = g as u32;
            local[s] = i as u32;
        }
    }
    // The group with the most links keeps the story's numbering and its links stay where they
    // are (a large story's links take much memory); the others', numbered within their group,
    // are set apart.
    let mut count = vec![0usize; groups.len()];
    for &(a, _, _) in &links {
        count[group_of[a] as usize] += 1;
    }
    let largest = (0..groups.len()).max_by_key(|&g| (count[g], std::cmp::Reverse(g)));
    let mut apart: Vec<Vec<(usize, usize, f32)>> = (0..groups.len())
        .map(|g| Vec::with_capacity(if Some(g) == largest { 0 } else { count[g] }))
        .collect();
    links.retain(|&(a, b, w)| {
        let g = group_of[a] as usize;
        if Some(g) != largest {
            apart[g].push((local[a] as usize, local[b] as usize, w));
        }
        Some(g) == largest
    });
    let (mut out, clustered) = rayon::join(
        || run(articles, &links, params, false).members,
        || {
            groups
                .par_iter()
                .zip(&apart)
                .enumerate()
                .filter(|&(g, _)| Some(g) != largest)
                .map(|(_, (members, links))| {
                    let articles: Vec<ArticleId> = members.iter().map(|&s| articles[s]).collect();
                    (members, run(&articles, links, params, false).members)
                })
                .collect::<Vec<_>>()
        },
    );
    for (members, clusters) in clustered {
        for (keep, cluster) in clusters.into_iter().enumerate() {
            out[members[keep]] = cluster.into_iter().map(|i| members[i]).collect();
        }
    }
    out
}

/// The groups of two or more sentences that links join, directly or through others, each in
/// increasing order, ordered by their first sentence.
fn connected_groups(n: usize, links: &[(usize, usize, f32)]) -> Vec<Vec<usize>> {
    fn root(parent: &mut [u32], mut x: usize) -> usize {
        while parent[x] as usize != x {
            let up = parent[parent[x] as usize];
            parent[x] = up;
            x = up as usize;
        }
        x
    }
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut linked = vec![false; n];
    for &(a, b, _) in links {
        linked[a] = true;
        linked[b] = true;
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb) as u32;
        }
    }
    let mut index = vec![u32::MAX; n];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for s in (0..n).filter(|&s| linked[s]) {
        let r = root(&mut parent, s);
        if index[r] == u32::MAX {
            index[r] = groups.len() as u32;
            groups.push(Vec::new());
        }
        groups[index[r] as usize].push(s);
    }
    groups
}

/// Each sentence's link sum to each neighbour. The maps are filled in parallel, each with its
/// links in the order of `links`, as one pass over them would: the same sums, the same maps.
fn adjacency(n: usize, links: &[(usize, usize, f32)]) -> Vec<IndexMap<u32, f32>> {
    let ends = links
        .iter()
        .filter(|&&(a, b, _)| a < n && b < n && a != b)
        .flat_map(|&(a, b, w)| [(a, (b as u32, w)), (b, (a as u32, w))]);
    let (start, ends) = laid_out(n, ends);
    (0..n)
        .into_par_iter()
        .map(|x| {
            let mut sums = IndexMap::default();
            for &(y, w) in &ends[start[x]..start[x + 1]] {
                *sums.entry(y).or_default() += w;
            }
            sums
        })
        .collect()
}

/// Values of `n` sentences laid out one sentence after another, each sentence's in the order
/// given: sentence `s`'s are `values[start[s]..start[s + 1]]`. `items` (sentence, value) is
/// read twice: once to count, once to place.
pub(crate) fn laid_out<T: Copy + Default>(
    n: usize,
    items: impl Iterator<Item = (usize, T)> + Clone,
) -> (Vec<usize>, Vec<T>) {
    let mut start = vec![0usize; n + 1];
    for (s, _) in items.clone() {
        start[s + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut at = start.clone();
    let mut values = vec![T::default(); start[n]];
    for (s, v) in items {
        values[at[s]] = v;
        at[s] += 1;
    }
    (start, values)
}

/// The clustering, with its final state; `plain` (tests only) reads a cluster's whole
/// neighbourhood whenever it needs its best neighbour.
fn run(articles: &[ArticleId], links: &[(usize, usize, f32)], params: Params, plain: bool) -> State {
    #[cfg(not(test))]
    let _ = plain;
    let n = articles.len();
    let mut state = State {
        members: (0..n).map(|i| vec![i]).collect(),
        size: vec![1; n],
        candidates: (0..n).map(|_| BinaryHeap::new()).collect(),
        shelves: (0..n).map(|_| Shelf::default()).collect(),
        heaped: vec![false; n],
        version: vec![0; n],
        adj: adjacency(n, links),
        pending: vec![Vec::new(); n],
        per_article: articles
            .iter()
            .map(|&a| {
                let mut m = IndexMap::default();
                m.insert(a, 1);
                m
            })
            .collect(),
        merged_into: (0..n).collect(),
        parked: parked::Parked::new(n),
        params,
        #[cfg(test)]
        reads: 0,
        #[cfg(test)]
        parks: 0,
        #[cfg(test)]
        plain,
    };
    // No cluster keeps a heap yet: every sentence's first entry is a scan, read in parallel.
    #[cfg(test)]
    {
        state.reads += state.adj.iter().map(|a| a.len() as u64).sum::<u64>();
    }
    let firsts: Vec<Best> = (0..n).into_par_iter().filter_map(|x| state.scan(x)).collect();
    let mut heap = BinaryHeap::from(firsts);
    loop {
        let Some(mut top) = heap.peek_mut() else {
            break;
        };
        let (x, y) = (top.x(), top.y());
        // A cluster merged away has a new version too.
        if state.version[x] != top.vx {
            PeekMut::pop(top);
            continue;
        }
        if state.version[y] != top.vy {
            // Renewed in place: the new entry is seldom much lower, so it sinks only a little.
            match state.renew(&top) {
                Renewed::Searched(renewed) => *top = renewed,
                Renewed::Clear(renewed) => {
                    PeekMut::pop(top);
                    state.park(renewed);
                    heap.extend(state.parked.released.drain(..));
                }
                Renewed::Gone => {
                    PeekMut::pop(top);
                }
            }
            continue;
        }
        PeekMut::pop(top);
        // `y`'s entry for the same pair, were it in the heap, would come first.
        let (x, y) = if y < x && state.parked.is_on(y, x) {
            (y, x)
        } else {
            (x, y)
        };
        let keep = state.merge(x, y);
        heap.extend(state.parked.released.drain(..));
        if let Some(b) = state.best(keep) {
            heap.push(b);
        }
    }
    state
}

#[cfg(test)]
mod tests;
