//! Tests of average-link clustering: merges against a plain full search, caps, ties.

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
        sorted(cluster(&arts, links.to_vec(), params(2))),
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
        sorted(cluster(&arts, links.to_vec(), params(2))),
        vec![vec![0, 1, 2, 3, 4]]
    );
}

#[test]
fn the_cap_keeps_an_article_from_adding_a_third_mention() {
    let arts = [ArticleId(0), ArticleId(1), ArticleId(1), ArticleId(1)];
    let links = [(0, 1, 0.9), (0, 2, 0.8), (0, 3, 0.7)];
    let got = sorted(cluster(&arts, links.to_vec(), params(2)));
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
        sorted(cluster(&arts, links.to_vec(), params(2))),
        vec![(0..20).collect::<Vec<_>>()]
    );
}

/// Two passages copied by `n` articles each, as the candidate bound leaves them: copies of
/// one text tie on every score, so each keeps the first `k` copies as its candidates, and
/// each link stands for `n / 2k` links (`Link::kept`). Scores run from 1 down to 1 -
/// `spread` / 1000; stray links join the two passages at random.
fn copies(n: usize, k: usize, seed: u64, spread: u64) -> (Vec<ArticleId>, Vec<(usize, usize, f32)>) {
    let mut rng = crate::align::synth::Rng::new(seed);
    let mut next = move || rng.next_u64();
    // Two sentences per article: copy `i` of each passage is in article `i`.
    let arts: Vec<ArticleId> = (0..2 * n).map(|s| ArticleId((s % n) as u32)).collect();
    let scale = n as f32 / (2 * k) as f32;
    let mut links = Vec::new();
    for passage in 0..2 {
        for a in 0..n {
            for b in (0..k.min(n)).filter(|&b| b != a) {
                let score = 1.0 - (next() % spread.max(1)) as f32 / 1000.0;
                links.push((passage * n + a, passage * n + b, score * scale));
            }
        }
    }
    for _ in 0..n {
        let (a, b) = ((next() as usize) % (2 * n), (next() as usize) % (2 * n));
        links.push((a, b, 0.2 + (next() % 500) as f32 / 1000.0));
    }
    (arts, links)
}

#[test]
fn the_clustering_finds_what_reading_every_neighbourhood_finds() {
    for seed in 0..40 {
        let (n, k) = (5 + (seed as usize * 7) % 60, 1 + (seed as usize) % 9);
        for spread in [1, 30, 700] {
            let (arts, links) = copies(n, k, seed, spread);
            for cap in [1, 2] {
                let fast = run(&arts, &links, params(cap), false).members;
                let plain = run(&arts, &links, params(cap), true).members;
                assert_eq!(
                    fast, plain,
                    "seed {seed}, n {n}, k {k}, spread {spread}, cap {cap}"
                );
            }
        }
    }
}

#[test]
fn clustering_each_linked_group_apart_merges_as_clustering_all_at_once() {
    for seed in 0..20 {
        let (n, k) = (5 + (seed as usize * 7) % 40, 1 + (seed as usize) % 7);
        let (arts_a, links_a) = copies(n, k, seed, 30);
        let (arts_b, links_b) = copies(n + 3, k, seed + 100, 700);
        // Two stories' sentences interleaved (so each group is numbered anew), then sentences
        // with no link at all.
        let at_a = |i: usize| 2 * i;
        let at_b = |i: usize| {
            if i < arts_a.len() {
                2 * i + 1
            } else {
                arts_a.len() + i
            }
        };
        let total = arts_a.len() + arts_b.len() + 5;
        let mut arts = vec![ArticleId(999); total];
        for (i, &a) in arts_a.iter().enumerate() {
            arts[at_a(i)] = a;
        }
        for (i, &a) in arts_b.iter().enumerate() {
            arts[at_b(i)] = ArticleId(a.0 + 500);
        }
        let mut links: Vec<(usize, usize, f32)> =
            links_a.iter().map(|&(a, b, w)| (at_a(a), at_a(b), w)).collect();
        links.extend(links_b.iter().map(|&(a, b, w)| (at_b(a), at_b(b), w)));
        for cap in [1, 2] {
            let apart = cluster(&arts, links.to_vec(), params(cap));
            let together = run(&arts, &links, params(cap), false).members;
            assert_eq!(apart, together, "seed {seed}, cap {cap}");
            assert!(apart.iter().filter(|m| m.len() > 1).count() >= 2, "seed {seed}");
        }
    }
}

#[test]
fn clusters_growing_by_thousands_of_merges_do_not_reread_their_neighbourhoods() {
    for (k, spread) in [(8, 1), (48, 30)] {
        let (arts, links) = copies(1200, k, 7, spread);
        let fast = run(&arts, &links, params(2), false);
        let plain = run(&arts, &links, params(2), true);
        assert_eq!(fast.members, plain.members);
        let largest = fast.members.iter().map(Vec::len).max().unwrap_or(0);
        assert!(largest >= 1000, "largest cluster {largest}");
        assert!(
            fast.reads * 3 < plain.reads,
            "k {k}, spread {spread}: reads {} against {} reading every neighbourhood",
            fast.reads,
            plain.reads
        );
    }
}

#[test]
fn entries_set_aside_while_a_cluster_grows_change_no_merge() {
    let mut parks = 0;
    for seed in 0..12 {
        for (n, k, spread) in [(300, 8, 1), (300, 24, 30), (200, 6, 700), (150, 40, 5)] {
            let (arts, links) = copies(n, k, seed, spread);
            // Also with few articles, each holding several copies, so that caps bind.
            let crowded: Vec<ArticleId> = (0..arts.len())
                .map(|s| ArticleId((s % (5 + seed as usize * 3)) as u32))
                .collect();
            for (arts, cap) in [
                (&arts, 1),
                (&arts, 2),
                (&crowded, 1),
                (&crowded, 2),
                (&crowded, 4),
            ] {
                let fast = run(arts, &links, params(cap), false);
                let plain = run(arts, &links, params(cap), true);
                assert_eq!(
                    fast.members, plain.members,
                    "seed {seed}, n {n}, k {k}, spread {spread}, cap {cap}"
                );
                parks += fast.parks;
            }
        }
    }
    assert!(parks > 1000, "{parks} entries parked");
}

#[test]
fn out_of_range_links_are_ignored() {
    let arts = [ArticleId(0), ArticleId(1)];
    let links = [(0, 7, 0.9), (0, 1, 0.9)];
    assert_eq!(
        sorted(cluster(&arts, links.to_vec(), params(2))),
        vec![vec![0, 1]]
    );
}

#[test]
fn link_sums_filled_in_parallel_are_those_of_one_pass_over_the_links() {
    let mut rng = crate::align::synth::Rng::new(7);
    let n = 60;
    // Repeated pairs (in both directions), links of a sentence to itself and past the end.
    let links: Vec<(usize, usize, f32)> = (0..2_000)
        .map(|_| {
            let a = (rng.next_u64() % (n as u64 + 3)) as usize;
            let b = (rng.next_u64() % (n as u64 + 3)) as usize;
            (a, b, (rng.next_u64() % 1000) as f32 / 997.0)
        })
        .collect();
    let mut one_pass: Vec<IndexMap<u32, f32>> = vec![IndexMap::default(); n];
    for &(a, b, w) in &links {
        if a < n && b < n && a != b {
            *one_pass[a].entry(b as u32).or_default() += w;
            *one_pass[b].entry(a as u32).or_default() += w;
        }
    }
    let parallel = adjacency(n, &links);
    assert_eq!(parallel.len(), n);
    let bits = |m: &IndexMap<u32, f32>| m.iter().map(|(&y, w)| (y, w.to_bits())).collect::<Vec<_>>();
    for (x, (p, o)) in parallel.iter().zip(&one_pass).enumerate() {
        assert!(!o.is_empty(), "sentence {x} has links");
        assert_eq!(bits(p), bits(o), "sentence {x}");
    }
}

#[test]
fn copies_tied_on_every_score_are_read_once_not_after_every_merge() {
    // Copies of two passages, every link of a passage with one score: a cluster growing by
    // copies meets a tie among all those left at each of its merges.
    let reads = |n: usize| {
        let (arts, links) = copies(n, 8, 3, 1);
        let fast = run(&arts, &links, params(2), false);
        assert_eq!(fast.members, run(&arts, &links, params(2), true).members);
        let largest = fast.members.iter().map(Vec::len).max().unwrap_or(0);
        assert!(largest * 10 >= n * 9, "largest cluster {largest} of {n} copies");
        fast.reads
    };
    let (small, large) = (reads(1000), reads(4000));
    assert!(
        large < 6 * small,
        "reads grow faster than the copies: {small} for 1000, {large} for 4000"
    );
}

#[test]
fn a_large_clusters_heap_leaves_out_neighbours_it_could_never_reach() {
    // Two hundred copies of one passage, and beside them three hundred sentences each linked
    // once, just above the threshold, to one copy: once the copies have grown together, none
    // of those could ever average enough with them.
    let (copies, loose) = (200usize, 300usize);
    let arts: Vec<ArticleId> = (0..copies + loose).map(|i| ArticleId(i as u32)).collect();
    let mut links = Vec::new();
    for a in 0..copies {
        for b in a + 1..copies {
            links.push((a, b, 0.9));
        }
    }
    for s in copies..copies + loose {
        links.push((s % copies, s, 0.4));
    }
    let fast = run(&arts, &links, params(1), false);
    let plain = run(&arts, &links, params(1), true);
    assert_eq!(fast.members, plain.members);
    let (big, members) = fast
        .members
        .iter()
        .enumerate()
        .max_by_key(|(_, m)| m.len())
        .expect("clusters");
    assert_eq!(members.len(), copies);
    assert!(fast.heaped[big]);
    assert!(fast.adj[big].len() >= loose, "{} neighbours", fast.adj[big].len());
    assert!(
        fast.candidates[big].len() + fast.shelves[big].len() < loose / 10,
        "{} entries in the heap of a cluster with {} neighbours",
        fast.candidates[big].len(),
        fast.adj[big].len()
    );
}
