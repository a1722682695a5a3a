//! Entries set aside while a large cluster grows: part of the average-link clustering.
//!
//! A cluster `z` whose best neighbour is `x` by a clear margin cannot make the highest merge
//! before `x` does: `x`'s own best averages at least as much, and on a tie it is the same pair
//! or a lower one. So when `z`'s entry surfaces stale only because `x` grew, it is set aside
//! ("parked" on `x`) instead of being put back in the heap, where it would surface and be
//! renewed again after every one of `x`'s merges: a cluster that grows by thousands of merges
//! has thousands of neighbours waiting for it, and renewing them all after each merge made the
//! clustering grow with the square of the story.
//!
//! The entry goes back into the heap, as it was (a bound that still holds), as soon as `x`
//! stops being clearly `z`'s best: when `x` grows past the size at which its average to `z`
//! falls to the margin over `z`'s runner-up (found once, when `z` parks), when `x` takes in
//! mentions of an article of `z` (the cap may now forbid the merge), or when `x` itself is
//! absorbed. A cluster `x` absorbs that links to `z` only adds to their link sum, which keeps
//! `x` the best for longer than the size found, never shorter. An entry of `z` that changes is
//! dropped, as the heap drops an entry whose cluster changed.

use super::{Best, CLEAR_MARGIN, IndexMap, State};
use crate::model::ArticleId;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// No cluster.
const NONE: u32 = u32::MAX;

/// The entries set aside, and for each cluster the entries parked on it.
#[derive(Default)]
pub(super) struct Parked {
    /// The cluster each cluster's entry is parked on, or `NONE`.
    on: Vec<u32>,
    /// How many times each cluster has parked: tells a current record from an old one.
    turn: Vec<u32>,
    entry: Vec<Option<Best>>,
    /// Each host's records by the largest size at which it stays clearly the best.
    by_size: Vec<BinaryHeap<Reverse<(u32, u32, u32)>>>,
    /// Each host's records by the articles of the parked cluster.
    by_article: Vec<IndexMap<ArticleId, Vec<(u32, u32)>>>,
    /// Entries to put back into the heap.
    pub(super) released: Vec<Best>,
}

impl Parked {
    pub(super) fn new(n: usize) -> Parked {
        Parked {
            on: vec![NONE; n],
            turn: vec![0; n],
            entry: (0..n).map(|_| None).collect(),
            by_size: (0..n).map(|_| BinaryHeap::new()).collect(),
            by_article: (0..n).map(|_| IndexMap::default()).collect(),
            released: Vec::new(),
        }
    }

    /// Whether `z`'s entry is parked on `x`.
    pub(super) fn is_on(&self, z: usize, x: usize) -> bool {
        self.on[z] == x as u32
    }

    fn current(&self, z: u32, turn: u32, host: usize) -> bool {
        self.on[z as usize] == host as u32 && self.turn[z as usize] == turn
    }

    /// Puts `z`'s entry back into the heap.
    fn release(&mut self, z: usize) {
        self.on[z] = NONE;
        if let Some(b) = self.entry[z].take() {
            self.released.push(b);
        }
    }

    /// Forgets `z`'s entry: `z` is changing, and its entry with it.
    pub(super) fn drop_entry(&mut self, z: usize) {
        self.on[z] = NONE;
        self.entry[z] = None;
    }

    /// Releases every entry parked on `host`.
    pub(super) fn release_all(&mut self, host: usize) {
        self.by_article[host] = IndexMap::default();
        for Reverse((_, z, turn)) in std::mem::take(&mut self.by_size[host]).into_vec() {
            if self.current(z, turn, host) {
                self.release(z as usize);
            }
        }
    }

    /// Releases the entries parked on `host` that stay clearly best only below `size`.
    pub(super) fn outgrown(&mut self, host: usize, size: usize) {
        while let Some(&Reverse((largest, z, turn))) = self.by_size[host].peek() {
            if largest as usize >= size {
                break;
            }
            self.by_size[host].pop();
            if self.current(z, turn, host) {
                self.release(z as usize);
            }
        }
    }
}

impl State {
    /// Parks `b`, the renewed entry of `b.x()`, on its best neighbour `b.y()`.
    pub(super) fn park(&mut self, b: Best) {
        let (z, host) = (b.x(), b.y());
        self.settle(z);
        let Some(&w) = self.adj[z].get(&(host as u32)) else {
            self.parked.released.push(b);
            return;
        };
        let largest = self.largest_clear(w, z, host, b.runner_up);
        #[cfg(test)]
        {
            self.parks += 1;
        }
        let p = &mut self.parked;
        p.turn[z] += 1;
        let turn = p.turn[z];
        p.on[z] = host as u32;
        p.entry[z] = Some(b);
        p.by_size[host].push(Reverse((largest, z as u32, turn)));
        for &art in self.per_article[z].keys() {
            p.by_article[host].entry(art).or_default().push((z as u32, turn));
        }
    }

    /// The largest size of `host` at which link sum `w` from `z` still averages at least the
    /// threshold and clearly above `runner_up`, as `renew` tests it (the average only falls as
    /// the size grows).
    fn largest_clear(&self, w: f32, z: usize, host: usize, runner_up: f32) -> u32 {
        let size_z = self.size[z] as usize;
        let clear = |size: u64| {
            let avg = w / (size_z as u64 * size).max(1) as f32;
            avg >= self.params.threshold && avg > runner_up * CLEAR_MARGIN
        };
        let mut low = u64::from(self.size[host]);
        if !clear(low) {
            return 0;
        }
        let limit = u64::from(u32::MAX - 1);
        let mut high = low.max(1);
        while high < limit && clear(high) {
            low = high;
            high = (high * 2).min(limit);
        }
        if clear(high) {
            return high as u32;
        }
        // clear(low), not clear(high)
        while high - low > 1 {
            let mid = low + (high - low) / 2;
            if clear(mid) {
                low = mid;
            } else {
                high = mid;
            }
        }
        low as u32
    }

    /// Releases the entries parked on `host` whose merge the cap now forbids, after `host`
    /// took in mentions of `articles`.
    pub(super) fn recheck_cap(&mut self, host: usize, articles: &[ArticleId]) {
        for art in articles {
            let Some(records) = self.parked.by_article[host].remove(art) else {
                continue;
            };
            let mut kept = Vec::new();
            for (z, turn) in records {
                if !self.parked.current(z, turn, host) {
                    continue;
                }
                if self.allowed(z as usize, host) {
                    kept.push((z, turn));
                } else {
                    self.parked.release(z as usize);
                }
            }
            if !kept.is_empty() {
                self.parked.by_article[host].insert(*art, kept);
            }
        }
    }
}
