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
use crate::variants::Words;
use std::collections::BTreeMap;

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
}

/// The figures stated in an event's mentions, spans into the article text, each once. A
/// mention's words are read only when it states a figure.
pub fn found_in(words: Words, event: &Event) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for m in &event.mentions {
        let Some(article) = words.corpus().articles.get(m.article.index()) else {
            continue;
        };
        let figures = figures::figures(article.slice(m.span));
        if figures.is_empty() {
            continue;
        }
        let tokens = words.of(m.article, m.span);
        for mut f in figures {
            f.span = Span::new(f.span.start + m.span.start, f.span.end + m.span.start);
            if out
                .iter()
                .any(|e| e.article == m.article && e.figure.span == f.span)
            {
                continue;
            }
            let context = compare::context(&tokens, f.span);
            out.push(Found {
                article: m.article,
                figure: f,
                context,
            });
        }
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
    let alone = !dated
        && !vague
        && near_in_size(&a.figure, &b.figure)
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

/// Pairs of figures, one from each of two articles, that report one fact: for every pair of
/// articles, the best-matched pairs first, each figure in at most one pair.
fn pairs(found: &[Found]) -> Vec<(usize, usize, f32)> {
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
    let by_article: Vec<&Vec<usize>> = by_article.values().collect();
    let mut out = Vec::new();
    for (x, a) in by_article.iter().enumerate() {
        for b in &by_article[x + 1..] {
            let mut candidates: Vec<(f32, usize, usize, f32)> = Vec::new();
            for &i in a.iter() {
                for &j in b.iter() {
                    if let Some((relation, sim)) = pairing(found, i, j, sole[i] && sole[j]) {
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
            let mut used: Vec<usize> = Vec::new();
            for (_, i, j, sim) in candidates {
                if !used.contains(&i) && !used.contains(&j) {
                    used.extend([i, j]);
                    out.push((i, j, sim));
                }
            }
        }
    }
    out
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
    let pairs = pairs(found);
    let mut parent: Vec<usize> = (0..found.len()).collect();
    for &(i, j, _) in &pairs {
        let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
        parent[ri.max(rj)] = ri.min(rj);
    }
    // fact → article → (figure, how well it is paired within the fact).
    let mut facts: BTreeMap<usize, BTreeMap<ArticleId, (usize, f32)>> = BTreeMap::new();
    let mut strength = vec![0.0_f32; found.len()];
    for &(i, j, sim) in &pairs {
        strength[i] += sim;
        strength[j] += sim;
    }
    for i in 0..found.len() {
        if strength[i] == 0.0 {
            continue;
        }
        let fact = root(&mut parent, i);
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
