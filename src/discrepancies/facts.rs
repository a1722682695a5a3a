//! Which figures report one fact, part of the discrepancies stage: an event's mentions → its
//! figures, each with the words around it, grouped into facts of at most one figure per
//! article.
//!
//! The one decision to know: figures are paired article by article, best-matched first and
//! each at most once, and only when they measure the same thing and either the words around
//! them match or each is the one value its source gives of that measure. So a passage that
//! states two facts of one kind ("on March 23 imposed …" beside "… through June 1") pairs each
//! with its counterpart, and an article's figure pairs with its equal in another article before
//! a rival ("100,000 troops … now" with "100,000 troops", not with the "175,000" planned).

use super::compare::{self, Context, Relation};
use super::figures::{self, Amount, Figure, Grain, Measure};
use crate::model::{ArticleId, Event, Span};
use crate::variants::{KeyMap, KeySet, Words};
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// How alike the words around two figures must be for them to report one fact.
const MIN_SIMILARITY: f32 = 0.2;
/// What agreeing adds to a pairing, so that an article's figure pairs with its equal in another
/// article before it pairs with a rival ("100,000 troops … now" with "100,000 troops", not with
/// the "175,000" planned).
const SAME_BONUS: f32 = 0.25;

/// A figure found in one of an event's mentions, with its words around it.
pub struct Found {
    pub article: ArticleId,
    pub figure: Figure,
    pub context: Context,
    /// Figures of one class measure the same, state the same and have the same words around
    /// them (copies of one wire report, or one sentence reworded elsewhere but not around the
    /// figure), so how two figures compare follows from their classes.
    pub class: u32,
}

/// A figure of a passage (its span within the passage) and its words around.
type Read = (Figure, Context);

/// The figures stated in an event's mentions, spans into the article text, each once. A
/// mention's words are read only when it states a figure, and a text repeated by several
/// mentions is read once: its figures and their words around are the same wherever it is.
pub fn found_in(words: Words, event: &Event) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    // Each text read so far: the class of its first figure, and its figures (spans within the
    // text) with their words around.
    let mut read: KeyMap<&str, (u32, Vec<Read>)> = KeyMap::default();
    let mut classes = 0u32;
    let mut placed: KeySet<(ArticleId, Span)> = KeySet::default();
    for m in &event.mentions {
        let Some(article) = words.corpus().articles.get(m.article.index()) else {
            continue;
        };
        let text = article.slice(m.span);
        let (first, figures) = read.entry(text).or_insert_with(|| {
            let figures = figures::figures(text);
            let tokens = if figures.is_empty() {
                Default::default()
            } else {
                words.of(m.article, m.span)
            };
            let read: Vec<Read> = figures
                .into_iter()
                .map(|f| {
                    let at = Span::new(f.span.start + m.span.start, f.span.end + m.span.start);
                    let context = compare::context(&tokens, at);
                    (f, context)
                })
                .collect();
            let first = classes;
            classes += u32::try_from(read.len()).unwrap_or(u32::MAX);
            (first, read)
        });
        for (k, (f, context)) in figures.iter().enumerate() {
            let span = Span::new(f.span.start + m.span.start, f.span.end + m.span.start);
            if !placed.insert((m.article, span)) {
                continue;
            }
            let mut figure = f.clone();
            figure.span = span;
            out.push(Found {
                article: m.article,
                figure,
                context: context.clone(),
                class: *first + k as u32,
            });
        }
    }
    // Figures of different texts that read alike, with the same words around them, compare
    // alike too: one class, so that their comparisons are made once.
    let mut alike: HashMap<String, u32> = HashMap::new();
    let mut renamed: HashMap<u32, u32> = HashMap::new();
    for f in &mut out {
        let class = *renamed.entry(f.class).or_insert_with(|| {
            let Figure {
                span: _,
                measure,
                amount,
                role,
                unit,
            } = &f.figure;
            let key = format!(
                "{measure:?}\u{1f}{amount:?}\u{1f}{role:?}\u{1f}{unit:?}\u{1f}{:?}",
                f.context
            );
            let next = alike.len() as u32;
            *alike.entry(key).or_insert(next)
        });
        f.class = class;
    }
    out
}

/// Whether `found[i]` is the one value its article gives of its measure in this event: every
/// other figure of the article it could be compared with is the same value. `of_article` are
/// the indices of the figures of `found[i]`'s article.
fn sole(found: &[Found], of_article: &[usize], i: usize) -> bool {
    of_article.iter().all(|&j| {
        let g = &found[j];
        j == i
            || g.article != found[i].article
            || compare::relate(&found[i].figure, &g.figure).is_none_or(|r| r == Relation::Same)
    })
}

/// Whether two stated amounts or lengths lie within `factor` of each other (dates and vague
/// words have no size to compare: `None`).
fn within(a: &Figure, b: &Figure, factor: f64) -> Option<bool> {
    let size = |f: &Figure| match (f.amount, &f.measure) {
        (_, Measure::Date(_)) => None,
        (Amount::Definite { value, .. }, _) => Some(value.abs()),
        _ => None,
    };
    let (x, y) = (size(a)?, size(b)?);
    Some(x.max(y) <= factor * x.min(y))
}

/// Two reports of one figure rarely lie more than a factor of two apart; two figures that do
/// ("more than $250,000" misused, a "$600" ticket) are taken for one fact only on the words
/// around them, and never when they lie an order of magnitude apart ("two seconds" / "eight
/// years"): no source misreports a figure tenfold as often as a passage holds two figures.
fn near_in_size(a: &Figure, b: &Figure) -> bool {
    within(a, b, 2.0).unwrap_or(false)
}

/// Whether two figures of two articles report one fact, how they relate, and how sure the
/// pairing is. Their words around must match; or, for stated amounts and lengths (not dates, of
/// which a passage often names several, nor vague words), each must be the one value its source
/// gives of that measure in the event ("seven-hour meeting" / "seven hours of talks").
fn pairing(found: &[Found], i: usize, j: usize, both_sole: bool) -> Option<(Relation, f32)> {
    let (a, b) = (&found[i], &found[j]);
    let relation = compare::relate(&a.figure, &b.figure)?;
    // Whose age it is must be the same person.
    if a.figure.measure == Measure::Age
        && (a.context.subject.is_none() || a.context.subject != b.context.subject)
    {
        return None;
    }
    let sim = compare::similarity(&a.context, &b.context);
    let dated = matches!(a.figure.measure, Measure::Date(_)) || matches!(b.figure.measure, Measure::Date(_));
    let vague = a.figure.is_vague() || b.figure.is_vague();
    // A vague length counts in one unit and may stand alone beside a stated one in that unit
    // ("just hours before" / "less than four hours before" the deadline).
    fn unit(f: &Figure) -> Option<&str> {
        f.unit.as_deref().map(|u| u.trim_end_matches('s'))
    }
    let one_unit = a.figure.measure == Measure::Duration
        && b.figure.measure == Measure::Duration
        && a.figure.role == b.figure.role
        && unit(&a.figure).is_some()
        && unit(&a.figure) == unit(&b.figure);
    let alone = !dated
        && (if vague {
            one_unit
        } else {
            near_in_size(&a.figure, &b.figure)
        })
        && !compare::placed_apart(&a.context, &b.context)
        && both_sole;
    let same_order = within(&a.figure, &b.figure, 10.0).unwrap_or(true);
    // "previously" or "soon" names no time of its own: only its words can place it.
    let unstated = [a, b]
        .iter()
        .any(|f| f.figure.measure == Measure::Date(Grain::Unstated));
    let needed = if unstated {
        2.0 * MIN_SIMILARITY
    } else {
        MIN_SIMILARITY
    };
    (same_order && (sim >= needed || alone)).then_some((relation, sim))
}

/// A multiplicative hash for the packed class numbers `pairs` looks up: millions of times in
/// an event of thousands of mentions, with keys this program makes.
#[derive(Default, Clone, Copy)]
struct ClassHasher(u64);

impl Hasher for ClassHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    /// The product's high bits depend on all of the key, its low bits only on the key's low
    /// bits: turned so that the table's index (the low bits) reads the high ones.
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

/// `pairing` of two figures, computed once per pair of classes (and whether both are sole)
/// when both classes are held by several figures: an event copied by hundreds of articles
/// pairs the same few classes over and over. A figure of a class of its own pairs as often as
/// a pair is looked at, so it is paired directly.
struct Pairings<'a> {
    found: &'a [Found],
    repeated: Vec<bool>,
    known: HashMap<u64, Option<(Relation, f32)>, BuildHasherDefault<ClassHasher>>,
}

impl<'a> Pairings<'a> {
    fn new(found: &'a [Found]) -> Self {
        let classes = found.iter().map(|f| f.class as usize + 1).max().unwrap_or(0);
        let mut held = vec![0u8; classes];
        for f in found {
            let n = &mut held[f.class as usize];
            *n = n.saturating_add(1);
        }
        Pairings {
            found,
            repeated: held.into_iter().map(|n| n > 1).collect(),
            known: HashMap::default(),
        }
    }

    fn of(&mut self, i: usize, j: usize, both_sole: bool) -> Option<(Relation, f32)> {
        let (ci, cj) = (self.found[i].class, self.found[j].class);
        if !(self.repeated[ci as usize] && self.repeated[cj as usize]) {
            return pairing(self.found, i, j, both_sole);
        }
        let key = (u64::from(ci) << 33) | (u64::from(cj) << 1) | u64::from(both_sole);
        let found = self.found;
        *self
            .known
            .entry(key)
            .or_insert_with(|| pairing(found, i, j, both_sole))
    }
}

/// What a figure measures, as far as telling which figures may be compared: two figures of
/// different measures never relate (`compare::relate`).
#[derive(PartialEq, Eq, Hash)]
enum Compared<'a> {
    /// A count of what this word names (the head of a compound, else its noun).
    Count(&'a str),
    Money,
    Age,
    /// Lengths and dates, which relate to one another.
    Time,
}

impl<'a> Compared<'a> {
    fn of(figure: &'a Figure) -> Self {
        match &figure.measure {
            Measure::Count { noun, head } => Compared::Count(head.as_deref().unwrap_or(noun)),
            Measure::Money { .. } => Compared::Money,
            Measure::Age => Compared::Age,
            Measure::Duration | Measure::Date(_) => Compared::Time,
        }
    }
}

/// Pairs of figures, one from each of two articles, that report one fact: for every pair of
/// articles, the best-matched pairs first, each figure in at most one pair.
///
/// Figures of different measures never pair, so each measure is paired on its own, over the
/// articles that state one: the pairs are those of going through every pair of articles, and
/// each figure's pairs come in the same order (by article), only measure after measure.
#[cfg(test)]
fn pairs(found: &[Found]) -> Vec<(usize, usize, f32)> {
    let mut out = Vec::new();
    each_pair_keeping(
        found,
        DENSE_SIGNATURES,
        &mut Emit(|i, j, sim| out.push((i, j, sim))),
    );
    out
}

/// What takes the pairs of figures, in the order of `pairs`.
trait PairSink {
    fn pair(&mut self, i: usize, j: usize, sim: f32);

    /// Whether the pair, if any, of `i` and `j`, each its article's sole figure of their
    /// measure, would change nothing the sink makes of the pairs (then it is not looked at).
    fn settled(&mut self, _i: usize, _j: usize) -> bool {
        false
    }

    /// The pairs of every two of one measure's lists `d.lists` (x before y), whose pairs are
    /// chosen once per two signatures: `d.placed(x, y)`.
    fn dense(&mut self, d: &Dense) {
        for (x, a) in d.lists.iter().enumerate() {
            for (y, b) in d.lists.iter().enumerate().skip(x + 1) {
                for &(p, q, sim) in d.placed(x, y) {
                    self.pair(a[p as usize], b[q as usize], sim);
                }
            }
        }
    }
}

/// A sink that hands each pair to a function.
#[cfg(test)]
struct Emit<F>(F);

#[cfg(test)]
impl<F: FnMut(usize, usize, f32)> PairSink for Emit<F> {
    fn pair(&mut self, i: usize, j: usize, sim: f32) {
        (self.0)(i, j, sim)
    }
}

/// One measure's lists of figures (one list per article, in article order) that repeat: the
/// pairs of two lists follow from their signatures (the classes of their figures, and
/// whether each is its article's sole figure of the measure), by place in the lists.
struct Dense<'a> {
    lists: &'a [Vec<usize>],
    signature: Vec<u32>,
    distinct: usize,
    /// The pairs of a list of each signature with a later list of each signature (row: the
    /// earlier), when the two occur in that order.
    known: Vec<Option<Placed>>,
}

impl Dense<'_> {
    /// The pairs, by places, of lists `x` and `y` (x before y).
    fn placed(&self, x: usize, y: usize) -> &[(u32, u32, f32)] {
        self.between(self.signature[x], self.signature[y])
    }

    /// The pairs, by places, of a list of signature `s` with a later one of signature `t`.
    fn between(&self, s: u32, t: u32) -> &[(u32, u32, f32)] {
        self.known[s as usize * self.distinct + t as usize]
            .as_deref()
            .unwrap_or(&[])
    }
}

/// `pairs`, given to `sink` in their order, keeping the pairs of two lists once chosen when a
/// measure has at most `dense_up_to` distinct lists.
fn each_pair_keeping(found: &[Found], dense_up_to: usize, sink: &mut impl PairSink) {
    let mut by_article: BTreeMap<ArticleId, Vec<usize>> = BTreeMap::new();
    for (i, f) in found.iter().enumerate() {
        by_article.entry(f.article).or_default().push(i);
    }
    let mut sole_at = vec![false; found.len()];
    for of_article in by_article.values() {
        for &i in of_article {
            sole_at[i] = sole(found, of_article, i);
        }
    }
    let sole = sole_at;
    // Per measure, in order of first appearance: each article's figures of it, in article order.
    let mut measures: Vec<Vec<Vec<usize>>> = Vec::new();
    let mut slot: HashMap<Compared, usize> = HashMap::new();
    for of_article in by_article.values() {
        for &i in of_article {
            let k = *slot.entry(Compared::of(&found[i].figure)).or_insert_with(|| {
                measures.push(Vec::new());
                measures.len() - 1
            });
            let lists = &mut measures[k];
            match lists.last_mut() {
                Some(list) if list.last().is_some_and(|&j| found[j].article == found[i].article) => {
                    list.push(i)
                }
                _ => lists.push(vec![i]),
            }
        }
    }
    let mut pairings = Pairings::new(found);
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut used: Vec<usize> = Vec::new();
    let mut chosen: Vec<(usize, usize, f32)> = Vec::new();
    // The pairs of two articles' lists of figures, into `chosen`.
    let mut pair = |a: &[usize], b: &[usize], chosen: &mut Vec<(usize, usize, f32)>| {
        chosen.clear();
        pair_greedily(
            (a, b),
            |i, j| pairings.of(i, j, sole[i] && sole[j]),
            (&mut candidates, &mut used),
            chosen,
        );
    };
    for by_article in &measures {
        // Two articles whose figures of the measure have the same classes and are alike sole
        // pair alike: the pairs of two such lists, by place in them, are chosen once.
        let mut signatures: HashMap<Vec<(u32, bool)>, u32> = HashMap::new();
        let signature: Vec<u32> = by_article
            .iter()
            .map(|list| {
                let key = list.iter().map(|&i| (found[i].class, sole[i])).collect();
                let next = signatures.len() as u32;
                *signatures.entry(key).or_insert(next)
            })
            .collect();
        let distinct = signatures.len();
        drop(signatures);
        if distinct > dense_up_to {
            // Lists that seldom repeat: each two are paired afresh.
            for (x, a) in by_article.iter().enumerate() {
                for b in &by_article[x + 1..] {
                    if let ([i], [j]) = (a.as_slice(), b.as_slice())
                        && sink.settled(*i, *j)
                    {
                        continue;
                    }
                    pair(a, b, &mut chosen);
                    for &(i, j, sim) in &chosen {
                        sink.pair(i, j, sim);
                    }
                }
            }
            continue;
        }
        // Each two signatures met in that order are paired once, with the first two lists
        // that meet them: the earliest list of the first signature, and the earliest of the
        // second after it.
        let mut known: Vec<Option<Placed>> = vec![None; distinct * distinct];
        let mut first: Vec<Option<usize>> = vec![None; distinct];
        let mut seen: Vec<usize> = Vec::new();
        for (y, b) in by_article.iter().enumerate() {
            let sy = signature[y] as usize;
            for &sx in &seen {
                let Some(x) = first[sx] else { continue };
                let a = &by_article[x];
                known[sx * distinct + sy].get_or_insert_with(|| {
                    pair(a, b, &mut chosen);
                    let place =
                        |list: &[usize], i: usize| list.iter().position(|&k| k == i).unwrap_or(0) as u32;
                    chosen
                        .iter()
                        .map(|&(i, j, sim)| (place(a, i), place(b, j), sim))
                        .collect()
                });
            }
            if first[sy].is_none() {
                first[sy] = Some(y);
                seen.push(sy);
            }
        }
        sink.dense(&Dense {
            lists: by_article,
            signature,
            distinct,
            known,
        });
    }
}

/// The pairs two lists of figures make, by the figures' places in the lists.
type Placed = Vec<(u32, u32, f32)>;

/// Most distinct lists of one measure's figures for which the pairs of every two are kept, in
/// a table: beyond, lists seldom repeat.
const DENSE_SIGNATURES: usize = 64;

/// A candidate pair of figures: its rank (similarity, with the bonus of a same relation), the
/// two figures and their similarity.
type Candidate = (f32, usize, usize, f32);

/// The best pairs between the figures `a` and `b` of two articles: candidates by similarity
/// (a same-relation pair first), each figure taken once. The two scratch lists are reused across calls.
fn pair_greedily(
    (a, b): (&[usize], &[usize]),
    mut pairing: impl FnMut(usize, usize) -> Option<(Relation, f32)>,
    (candidates, used): (&mut Vec<Candidate>, &mut Vec<usize>),
    out: &mut Vec<(usize, usize, f32)>,
) {
    // One figure each (most pairs of a fact many outlets copy): no choice to make.
    if let ([i], [j]) = (a, b) {
        if let Some((_, sim)) = pairing(*i, *j) {
            out.push((*i, *j, sim.max(f32::EPSILON)));
        }
        return;
    }
    candidates.clear();
    for &i in a {
        for &j in b {
            if let Some((relation, sim)) = pairing(i, j) {
                let bonus = if relation == Relation::Same {
                    SAME_BONUS
                } else {
                    0.0
                };
                candidates.push((sim + bonus, i, j, sim.max(f32::EPSILON)));
            }
        }
    }
    candidates.sort_by(|p, q| q.0.total_cmp(&p.0).then((p.1, p.2).cmp(&(q.1, q.2))));
    used.clear();
    for &(_, i, j, sim) in candidates.iter() {
        if !used.contains(&i) && !used.contains(&j) {
            used.extend([i, j]);
            out.push((i, j, sim));
        }
    }
}

fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// The facts among `found`: for each, the index of its figure in every article that states it
/// (the figure best paired within the fact when an article has several), in article order.
pub fn facts(found: &[Found]) -> Vec<Vec<usize>> {
    // The pairs are taken as they come, not listed: an event copied by thousands of articles
    // makes millions of them.
    facts_keeping(found, DENSE_SIGNATURES)
}

/// `facts`, keeping the pairs of two lists once chosen up to `dense_up_to` distinct lists.
fn facts_keeping(found: &[Found], dense_up_to: usize) -> Vec<Vec<usize>> {
    joined_keeping(found, dense_up_to).facts(found)
}

fn joined_keeping(found: &[Found], dense_up_to: usize) -> Joined {
    let mut joined = Joined::new(found.len());
    each_pair_keeping(found, dense_up_to, &mut joined);
    joined
}

/// The facts `pairs` make of `found` (see `facts`).
#[cfg(test)]
fn facts_of(found: &[Found], pairs: &[(usize, usize, f32)]) -> Vec<Vec<usize>> {
    let mut joined = Joined::new(found.len());
    for &(i, j, sim) in pairs {
        joined.add(i, j, sim);
    }
    joined.facts(found)
}

impl PairSink for Joined {
    fn pair(&mut self, i: usize, j: usize, sim: f32) {
        self.add(i, j, sim);
    }

    fn dense(&mut self, d: &Dense) {
        self.join_dense(d);
    }

    /// A figure its article gives alone of its measure is the one figure its article can
    /// give to any fact of the measure, so its strength is only read as "paired at all":
    /// two such figures already of one fact gain nothing by a pair. (An event copied by a
    /// thousand articles that state one figure each would otherwise compare half a million
    /// pairs of figures.)
    fn settled(&mut self, i: usize, j: usize) -> bool {
        root(&mut self.parent, i) == root(&mut self.parent, j)
    }
}

/// Figures joined by pairs: which are one fact (each fact's root is its lowest figure), and
/// how well each is paired (the sum of its pairs' similarities, in the order they came; for a
/// figure its article gives alone of its measure, only whether it is paired at all counts, and
/// pairs that cannot change that are passed over: see `settled`).
struct Joined {
    parent: Vec<usize>,
    strength: Vec<f32>,
}

impl Joined {
    fn new(n: usize) -> Joined {
        Joined {
            parent: (0..n).collect(),
            strength: vec![0.0; n],
        }
    }

    fn add(&mut self, i: usize, j: usize, sim: f32) {
        self.join(i, j);
        self.strength[i] += sim;
        self.strength[j] += sim;
    }

    fn join(&mut self, i: usize, j: usize) {
        let (ri, rj) = (root(&mut self.parent, i), root(&mut self.parent, j));
        self.parent[ri.max(rj)] = ri.min(rj);
    }

    /// The figures pairs of one measure's repeating lists join, with what each pair adds to
    /// the strengths in the order of `pairs`, without going through the pairs: an event copied
    /// by a thousand articles makes a million pairs of lists, but only as many joins as
    /// lists times signatures.
    fn join_dense(&mut self, d: &Dense) {
        let lists = d.lists;
        // Two signatures met in an order join, for each pair of places they make, every
        // list of the first that has a list of the second after it with every list of the
        // second that has one of the first before it: all of them through the earliest of
        // the first and the latest of the second.
        let mut first: Vec<Option<usize>> = vec![None; d.distinct];
        for (y, b) in lists.iter().enumerate() {
            let t = d.signature[y];
            for (s, x) in first.iter().enumerate() {
                if let &Some(x) = x {
                    for &(p, q, _) in d.between(s as u32, t) {
                        self.join(lists[x][p as usize], b[q as usize]);
                    }
                }
            }
            first[t as usize].get_or_insert(y);
        }
        let mut last: Vec<Option<usize>> = vec![None; d.distinct];
        for (x, a) in lists.iter().enumerate().rev() {
            let s = d.signature[x];
            for (t, y) in last.iter().enumerate() {
                if let &Some(y) = y {
                    for &(p, q, _) in d.between(s, t as u32) {
                        self.join(a[p as usize], lists[y][q as usize]);
                    }
                }
            }
            last[s as usize].get_or_insert(x);
        }
        // A figure's strength gathers its pairs with the other lists in their order.
        let mut sums: Vec<f32> = Vec::new();
        for (k, list) in lists.iter().enumerate() {
            sums.clear();
            sums.extend(list.iter().map(|&i| self.strength[i]));
            for o in 0..lists.len() {
                if o < k {
                    for &(_, q, sim) in d.placed(o, k) {
                        sums[q as usize] += sim;
                    }
                } else if o > k {
                    for &(p, _, sim) in d.placed(k, o) {
                        sums[p as usize] += sim;
                    }
                }
            }
            for (&i, &sum) in list.iter().zip(&sums) {
                self.strength[i] = sum;
            }
        }
    }

    /// Per fact, the figure of each article best paired within it.
    fn facts(mut self, found: &[Found]) -> Vec<Vec<usize>> {
        let strength = std::mem::take(&mut self.strength);
        // fact → article → (figure, how well it is paired within the fact).
        let mut facts: BTreeMap<usize, BTreeMap<ArticleId, (usize, f32)>> = BTreeMap::new();
        for i in 0..found.len() {
            if strength[i] == 0.0 {
                continue;
            }
            let fact = root(&mut self.parent, i);
            let best = facts
                .entry(fact)
                .or_default()
                .entry(found[i].article)
                .or_insert((i, 0.0));
            if strength[i] > best.1 {
                *best = (i, strength[i]);
            }
        }
        facts
            .into_values()
            .map(|members| members.into_values().map(|(i, _)| i).collect::<Vec<usize>>())
            .filter(|fact| fact.len() >= 2)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::from_texts;

    use crate::discrepancies::whole_article_event as event_over;

    const TEXTS: [&str; 5] = [
        "The 48-page indictment listed $250,000 in expenses, prosecutors said on March 23.",
        "The 48-page indictment listed $250,000 in expenses, prosecutors said on March 23.",
        "The 47-page indictment listed more than $250,000 in expenses on Friday.",
        "The 48-page indictment listed $250,000 in expenses, prosecutors said on March 23.",
        "Prosecutors filed a 48-page indictment; the expenses came to $200,000.",
    ];

    #[test]
    fn copies_of_one_text_hold_its_figures_as_reading_each_afresh_does() {
        let corpus = from_texts(&TEXTS);
        let words = Words::from(&corpus);
        let found = found_in(words, &event_over(&corpus));
        // Read the plain way: every mention's figures and words around them, afresh.
        let mut plain = Vec::new();
        for a in &corpus.articles {
            let tokens = words.of(a.id, Span::new(0, a.text.len()));
            for f in figures::figures(&a.text) {
                let context = compare::context(&tokens, f.span);
                plain.push(format!("{:?} {f:?} {context:?}", a.id));
            }
        }
        let cached: Vec<String> = found
            .iter()
            .map(|f| format!("{:?} {:?} {:?}", f.article, f.figure, f.context))
            .collect();
        assert_eq!(cached, plain);
        // The copies share their classes; the other texts have classes of their own.
        let classes = |article: usize| -> Vec<u32> {
            found
                .iter()
                .filter(|f| f.article.index() == article)
                .map(|f| f.class)
                .collect()
        };
        assert!(classes(0).len() >= 2);
        assert_eq!(classes(0), classes(1));
        assert_eq!(classes(0), classes(3));
        for other in [2, 4] {
            assert!(classes(other).iter().all(|c| !classes(0).contains(c)));
        }
    }

    #[test]
    fn figures_of_different_texts_with_the_same_words_around_share_a_class() {
        let corpus = from_texts(&[
            // Eight words either side of the figure are its words around; the first words differ.
            "Early reports aside, federal grand jury officials in the southern district court said on \
             Monday that the 48-page indictment was filed late.",
            "In a long week of hearings, federal grand jury officials in the southern district court \
             said on Monday that the 48-page indictment was filed late.",
            "Early reports aside, federal grand jury officials in the southern district court said on \
             Monday that the 47-page indictment was filed late.",
        ]);
        let found = found_in(Words::from(&corpus), &event_over(&corpus));
        let pages = |article: usize| {
            found
                .iter()
                .find(|f| f.article.index() == article && f.figure.unit.as_deref() == Some("page"))
                .map(|f| f.class)
        };
        assert!(
            pages(0).is_some(),
            "{:?}",
            found.iter().map(|f| &f.figure).collect::<Vec<_>>()
        );
        assert_eq!(pages(0), pages(1));
        assert_ne!(pages(0), pages(2));
    }

    #[test]
    fn pairs_found_measure_by_measure_by_class_are_the_pairs_compared_one_by_one() {
        let corpus = from_texts(&TEXTS);
        let found = found_in(Words::from(&corpus), &event_over(&corpus));
        let plain = plain_pairs(&found);
        assert!(plain.len() >= 6, "{plain:?}");
        assert_pairs_as_plain(&found, plain);
    }

    /// The indices of `found` by article.
    fn figures_by_article(found: &[Found]) -> BTreeMap<ArticleId, Vec<usize>> {
        let mut by_article: BTreeMap<ArticleId, Vec<usize>> = BTreeMap::new();
        for (i, f) in found.iter().enumerate() {
            by_article.entry(f.article).or_default().push(i);
        }
        by_article
    }

    /// The plain way: every pair of figures of every two articles compared afresh.
    fn plain_pairs(found: &[Found]) -> Vec<(usize, usize, f32)> {
        let by_article = figures_by_article(found);
        let of: Vec<&Vec<usize>> = by_article.values().collect();
        let is_sole = |i: usize| sole(found, &by_article[&found[i].article], i);
        let mut plain = Vec::new();
        for (x, a) in of.iter().enumerate() {
            for b in &of[x + 1..] {
                pair_greedily(
                    (a, b),
                    |i, j| pairing(found, i, j, is_sole(i) && is_sole(j)),
                    (&mut Vec::new(), &mut Vec::new()),
                    &mut plain,
                );
            }
        }
        plain
    }

    /// `pairs` are `plain` (the pairs of every two articles' figures compared afresh) in
    /// another order, and make the same facts, listed or taken as they come.
    fn assert_pairs_as_plain(found: &[Found], mut plain: Vec<(usize, usize, f32)>) {
        let mut paired = pairs(found);
        // Chosen afresh for every two lists, the same pairs in the same order.
        let mut mapped = Vec::new();
        each_pair_keeping(found, 0, &mut Emit(|i, j, sim| mapped.push((i, j, sim))));
        assert_eq!(mapped, paired);
        assert_eq!(facts_of(found, &paired), facts_of(found, &plain));
        assert_eq!(facts(found), facts_of(found, &plain));
        assert_eq!(facts_keeping(found, 0), facts_of(found, &plain));
        assert_strengths_as_one_by_one(found, &paired);
        assert!(facts_of(found, &plain).len() >= 2);
        let order = |p: &(usize, usize, f32), q: &(usize, usize, f32)| (p.0, p.1).cmp(&(q.0, q.1));
        paired.sort_by(order);
        plain.sort_by(order);
        assert_eq!(paired, plain);
    }

    /// Joined without going through every pair, each figure is as strongly paired as when the
    /// `pairs` are added one by one, to the bit (a figure its article gives alone of its measure:
    /// as paired at all).
    fn assert_strengths_as_one_by_one(found: &[Found], pairs: &[(usize, usize, f32)]) {
        let mut one_by_one = Joined::new(found.len());
        for &(i, j, sim) in pairs {
            one_by_one.add(i, j, sim);
        }
        for dense_up_to in [0, DENSE_SIGNATURES] {
            let joined = joined_keeping(found, dense_up_to);
            for (i, f) in found.iter().enumerate() {
                let alone = found
                    .iter()
                    .filter(|g| g.article == f.article && Compared::of(&g.figure) == Compared::of(&f.figure))
                    .count()
                    == 1;
                let (got, want) = (joined.strength[i], one_by_one.strength[i]);
                if alone {
                    assert_eq!(got > 0.0, want > 0.0, "figure {i}");
                } else {
                    assert_eq!(got.to_bits(), want.to_bits(), "figure {i}");
                }
            }
        }
    }

    #[test]
    fn copies_stating_two_figures_of_one_measure_pair_as_each_copy_compared_afresh() {
        let copy = "Tariffs imposed on March 23 stay until June 1, the 48-page order says.";
        let texts = [
            copy,
            "Tariffs imposed on March 8 stay until May 1, the 47-page order says.",
            copy,
            "The order of March 23, 47 pages long, lets tariffs stay until June 1.",
            copy,
        ];
        let corpus = from_texts(&texts);
        let found = found_in(Words::from(&corpus), &event_over(&corpus));
        let lists = figures_by_article(&found);
        assert!(lists.values().all(|of| of.len() >= 3), "{lists:?}");
        let plain = plain_pairs(&found);
        // Each copy pairs both dates with each other copy.
        let copies = |i: usize| [0, 2, 4].contains(&found[i].article.index());
        let between_copies = plain.iter().filter(|&&(i, j, _)| copies(i) && copies(j)).count();
        assert!(between_copies >= 6, "{plain:?}");
        assert_pairs_as_plain(&found, plain);
    }

    #[test]
    fn many_articles_with_one_figure_each_make_the_facts_every_pair_makes() {
        // Copies and rewordings in mixed order, most giving one figure of the measure, one
        // giving two: lists of one signature meet lists of another before and after them.
        let a = "Officials said 100,000 troops were massed near the border.";
        let b = "About 100,000 troops have gathered near the border, the ministry said.";
        let c = "Satellite images show 130,000 troops near the border, analysts said.";
        let d = "The ministry said 100,000 troops were there, and 175,000 troops could follow.";
        let e = "Analysts said 175,000 troops could follow soon.";
        let texts = [a, b, a, c, d, b, e, a, c, d, a, e, b];
        let corpus = from_texts(&texts);
        let found = found_in(Words::from(&corpus), &event_over(&corpus));
        let lists = figures_by_article(&found);
        assert!(
            lists.values().filter(|of| of.len() == 1).count() >= 9,
            "{lists:?}"
        );
        assert!(lists.values().any(|of| of.len() == 2), "{lists:?}");
        let plain = plain_pairs(&found);
        assert_pairs_as_plain(&found, plain);
    }
}
