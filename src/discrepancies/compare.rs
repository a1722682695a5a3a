//! Comparing two figures, part of the discrepancies stage: whether two figures from two
//! sources report the same fact, and if so whether they agree, say it in other words or
//! contradict each other.
//!
//! Two tests, both needed. Like with like: the figures measure the same thing (the same
//! counted noun, money with money, a length with a length or with the end of a period, a date
//! with a date of a compatible grain and the same role). Same place in the fact: the words
//! around them match, nearest words counting most ("imposed" right after "March 23" and right
//! before "earlier this year"), since one passage may carry several figures of one kind ("on
//! March 23 imposed …" beside "… through June 1"), and passages in one event are only
//! roughly the same.

use super::figures::{Amount, Figure, Grain, Measure, Role};
use crate::lexicon::wordfreq;
use crate::numbers::Qualifier;
use crate::segment::{Token, TokenClass};
use std::collections::BTreeMap;

/// How two comparable figures relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relation {
    /// The same value, as far as the words tell.
    Same,
    /// Values that can both be true: hedged, rounded, relative or vague.
    Wording,
    /// Values that cannot both be true.
    Conflict,
}

/// How many content words on each side of a figure make its context.
const CONTEXT_WORDS: usize = 8;
/// How much each further word counts, relative to the one before it.
const DECAY: f32 = 0.8;

/// Words that place one of several like facts in a sequence: "its first ICBM in July" and
/// "last tested an ICBM in November" are two tests, not two dates of one.
/// (Stems, as tokens carry them.)
const SEQUENCE_WORDS: &[&str] = &[
    "first", "second", "third", "last", "latest", "previous", "initi", "final",
];
/// How near a sequence word must stand to count, in content words.
const SEQUENCE_REACH: usize = 6;

/// The words around a figure, each weighted by its rarity and nearness. Kept in order, so that
/// sums over them (and the ties they break) do not change from run to run.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Each word's weight, by word in order.
    weights: Vec<Weighted>,
    norm: f32,
    /// Sequence words near the figure.
    sequence: Vec<String>,
    /// The nearest name, all its words ("duncan hunter"): for ages, whose age it is.
    pub subject: Option<String>,
}

/// A word of a context with its weight, and its first bytes and length as a number that
/// orders as the word does, so that most comparisons of two words need not read the words.
#[derive(Debug, Clone)]
struct Weighted {
    head: u64,
    word: String,
    weight: f32,
}

/// Bytes of a word its head holds; the head's last byte is the word's length, up to `HEAD + 1`.
const HEAD: usize = 7;

impl Weighted {
    fn new(word: String, weight: f32) -> Self {
        let mut first = [0u8; 8];
        let n = word.len().min(HEAD);
        first[..n].copy_from_slice(&word.as_bytes()[..n]);
        first[HEAD] = word.len().min(HEAD + 1) as u8;
        Weighted {
            head: u64::from_be_bytes(first),
            word,
            weight,
        }
    }

    /// The order of the two words. The heads pad with the lowest byte, so they order as the
    /// words do wherever their first bytes differ; where those are alike a shorter word is
    /// the other's start, and lies before it. Equal heads of words shorter than `HEAD + 1`
    /// bytes are equal words; only longer words alike in their first bytes are read.
    fn cmp_word(&self, other: &Weighted) -> std::cmp::Ordering {
        self.head.cmp(&other.head).then_with(|| {
            if (self.head & 0xff) as usize <= HEAD {
                std::cmp::Ordering::Equal
            } else {
                self.word.cmp(&other.word)
            }
        })
    }
}

/// The context of the figure at `span` among the tokens of its passage.
pub fn context(tokens: &[Token], span: crate::model::Span) -> Context {
    let mut weights: BTreeMap<String, f32> = BTreeMap::new();
    let mut sequence = Vec::new();
    let left = tokens.iter().rev().filter(|t| t.span.end <= span.start);
    let right = tokens.iter().filter(|t| t.span.start >= span.end);
    for side in [left.collect::<Vec<_>>(), right.collect::<Vec<_>>()] {
        let mut rank = 0;
        for t in side {
            if rank < SEQUENCE_REACH && SEQUENCE_WORDS.contains(&t.key.as_str()) {
                sequence.push(t.key.clone());
            }
            let w = match t.class {
                TokenClass::Stop => continue,
                TokenClass::Speech => 0.3,
                TokenClass::Number => 0.8,
                TokenClass::Content => {
                    let r = wordfreq::rarity(t.zipf, 6.0, 3.0).max(0.15);
                    if t.capitalised && !t.initial { r * 0.5 } else { r }
                }
            };
            let w = w * DECAY.powi(rank as i32);
            let e = weights.entry(t.key.clone()).or_insert(0.0);
            *e = e.max(w);
            rank += 1;
            if rank >= CONTEXT_WORDS {
                break;
            }
        }
    }
    let norm = weights.values().map(|w| w * w).sum::<f32>().sqrt();
    Context {
        weights: weights.into_iter().map(|(w, x)| Weighted::new(w, x)).collect(),
        norm,
        sequence,
        subject: subject(tokens, span),
    }
}

/// A name: a word written with a capital where a capital says something.
fn is_name(t: &Token) -> bool {
    t.capitalised && !t.initial && t.class == TokenClass::Content
}

/// The name nearest the figure at `span` within three words on either side (the left first on
/// a tie), with the rest of that name ("Duncan Hunter, a 41-year-old …": "duncan hunter").
fn subject(tokens: &[Token], span: crate::model::Span) -> Option<String> {
    let first_right = tokens
        .iter()
        .position(|t| t.span.start >= span.end)
        .unwrap_or(tokens.len());
    let last_left = tokens.iter().rposition(|t| t.span.end <= span.start);
    let near = (0..3).find_map(|d| {
        let left = last_left
            .and_then(|l| l.checked_sub(d))
            .filter(|&k| is_name(&tokens[k]));
        left.or_else(|| Some(first_right + d).filter(|&k| tokens.get(k).is_some_and(is_name)))
    })?;
    // A name may open its sentence: its first word is still part of it.
    let part = |k: &usize| tokens[*k].capitalised && tokens[*k].class == TokenClass::Content;
    let start = (0..=near).rev().take_while(part).last()?;
    let end = (near..tokens.len()).take_while(part).last()?;
    let words: Vec<&str> = tokens[start..=end].iter().map(|t| t.key.as_str()).collect();
    Some(words.join(" "))
}

/// The two contexts place their figures at different points of a sequence ("first" against
/// "last").
pub fn placed_apart(a: &Context, b: &Context) -> bool {
    !a.sequence.is_empty() && !b.sequence.is_empty() && !a.sequence.iter().any(|w| b.sequence.contains(w))
}

/// Cosine similarity of two contexts, in [0, 1]; 0 when they are placed apart.
pub fn similarity(a: &Context, b: &Context) -> f32 {
    if a.norm == 0.0 || b.norm == 0.0 || placed_apart(a, b) {
        return 0.0;
    }
    // The words both hold, in `a`'s order: both lists are sorted by word.
    let mut theirs = b.weights.iter().peekable();
    let dot: f32 = a
        .weights
        .iter()
        .filter_map(|x| {
            while theirs
                .next_if(|y| y.cmp_word(x) == std::cmp::Ordering::Less)
                .is_some()
            {}
            let y = theirs.peek()?;
            (y.cmp_word(x) == std::cmp::Ordering::Equal).then_some(x.weight * y.weight)
        })
        .sum();
    dot / (a.norm * b.norm)
}

/// How `a` and `b` relate, or `None` when they do not measure the same thing.
pub fn relate(a: &Figure, b: &Figure) -> Option<Relation> {
    use Measure::{Age, Count, Date, Duration, Money};
    match (&a.measure, &b.measure) {
        // What is counted is the head of a compound ("three bank workers" and "two banks"
        // count different things).
        (Count { noun: n1, head: h1 }, Count { noun: n2, head: h2 }) => {
            if h1.as_ref().unwrap_or(n1) == h2.as_ref().unwrap_or(n2) {
                values(a, b)
            } else {
                None
            }
        }
        // Money for two different things ("$50 billion of goods", "6.4 billion euros of the
        // metals") is two facts.
        (Money { of: Some(o1), .. }, Money { of: Some(o2), .. }) if o1 != o2 => None,
        (Money { currency: c1, .. }, Money { currency: c2, .. }) if c1 == c2 => values(a, b),
        // Another currency: a conversion, not a contradiction.
        (Money { .. }, Money { .. }) => Some(Relation::Wording),
        (Age, Age) => values(a, b),
        (Duration, Duration) if a.role == b.role => values(a, b),
        // "for another 30 days" and "until June 1" both say how long a period lasts.
        (Duration, Date(_)) | (Date(_), Duration) => {
            let (length, date) = if matches!(a.measure, Date(_)) {
                (b, a)
            } else {
                (a, b)
            };
            let end = date.role == Role::End && !matches!(date.measure, Date(Grain::Year | Grain::Time));
            let period = length.role == Role::Point && !length.is_vague();
            (end && period).then_some(Relation::Wording)
        }
        (Date(g1), Date(g2)) if a.role == b.role => dates(a, *g1, b, *g2),
        _ => None,
    }
}

/// Two dates of compatible grains: the same grain, or a relative date ("last month") and a
/// date within its grain ("in March", "March 23").
fn dates(a: &Figure, g1: Grain, b: &Figure, g2: Grain) -> Option<Relation> {
    // A date written without its year or month is read as falling in the current one: it may
    // lie within "this year" but cannot be placed against "last year".
    let fits = |relative: &Figure, grain: Grain, other: Grain| match grain {
        // "previously" or "soon" may be any date.
        Grain::Unstated => matches!(other, Grain::Year | Grain::MonthDay | Grain::Weekday),
        _ if matches!(relative.amount, Amount::Relative { offset, .. } if offset != 0) => {
            grain == other
                || (grain == Grain::MonthDay
                    && relative.unit.as_deref() == Some("day")
                    && other == Grain::Weekday)
        }
        Grain::Year => matches!(other, Grain::Year | Grain::MonthDay),
        Grain::MonthDay if relative.unit.as_deref() == Some("day") => {
            matches!(other, Grain::MonthDay | Grain::Weekday)
        }
        Grain::MonthDay => other == Grain::MonthDay,
        Grain::Week => matches!(other, Grain::MonthDay | Grain::Weekday),
        Grain::Weekday | Grain::Time => false,
    };
    match (a.amount, b.amount) {
        // Sources written days apart mean one period by "last month"; "this year" and "last
        // year" are two periods, so two facts.
        (
            Amount::Relative {
                grain: r1,
                offset: o1,
            },
            Amount::Relative {
                grain: r2,
                offset: o2,
            },
        ) => (r1 == r2 && a.unit == b.unit && o1 == o2).then_some(Relation::Same),
        (Amount::Relative { grain, .. }, _) => fits(a, grain, g2).then_some(Relation::Wording),
        (_, Amount::Relative { grain, .. }) => fits(b, grain, g1).then_some(Relation::Wording),
        _ if g1 == g2 => values(a, b),
        _ => None,
    }
}

/// Qualifiers that leave a figure's value where it is.
fn plain(q: Qualifier) -> bool {
    matches!(q, Qualifier::Exact | Qualifier::About)
}

/// Two figures of one measure, by the ranges they allow.
fn values(a: &Figure, b: &Figure) -> Option<Relation> {
    let bounds = |f: &Figure| match f.amount {
        Amount::Definite { lo, hi, .. } | Amount::Vague { lo, hi } => (lo, hi),
        Amount::Relative { .. } => (f64::NEG_INFINITY, f64::INFINITY),
    };
    let ((l1, h1), (l2, h2)) = (bounds(a), bounds(b));
    let close = |x: f64, y: f64| x == y || (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
    match (a.amount, b.amount) {
        (
            Amount::Definite {
                value: v1,
                qualifier: q1,
                ..
            },
            Amount::Definite {
                value: v2,
                qualifier: q2,
                ..
            },
        ) => {
            // "about 7" is "7"; "early March" is not "March", though both are March.
            let same_words = if q1 == q2 {
                close(l1, l2) && close(h1, h2)
            } else {
                plain(q1) && plain(q2)
            };
            Some(if close(v1, v2) && same_words {
                Relation::Same
            } else if l1 < h2 && l2 < h1 {
                Relation::Wording
            } else {
                Relation::Conflict
            })
        }
        // Vague words are not precise enough to contradict a figure: outside their range the
        // figure is about something else ("thousands of dollars" at malls, a "$600" ticket).
        _ if close(l1, l2) && close(h1, h2) => Some(Relation::Same),
        _ if l1 <= h2 && l2 <= h1 => Some(Relation::Wording),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discrepancies::figures::figures;
    use crate::model::Span;
    use rust_stemmers::{Algorithm, Stemmer};

    /// The context of every figure of `text`.
    fn contexts(text: &str) -> Vec<Context> {
        let tokens = crate::segment::tokenize(
            text,
            Span::new(0, text.len()),
            &Stemmer::create(Algorithm::English),
        );
        figures(text).iter().map(|f| context(&tokens, f.span)).collect()
    }

    #[test]
    fn similarity_sums_the_words_both_contexts_hold() {
        let mut all = contexts(
            "The more than seven-hour meeting between the envoys came as tensions grew on March 23.",
        );
        all.extend(contexts(
            "They met in a series of talks that lasted nearly eight hours, the envoys said on Monday.",
        ));
        all.extend(contexts(
            "Both envoys held seven hours of talks; 100,000 troops massed at the border last month.",
        ));
        assert!(all.len() >= 6);
        let mut shared = 0;
        for a in &all {
            for b in &all {
                // Looked up word by word in a map of the other's words.
                let theirs: BTreeMap<&str, f32> =
                    b.weights.iter().map(|w| (w.word.as_str(), w.weight)).collect();
                let dot: f32 = a
                    .weights
                    .iter()
                    .filter_map(|w| theirs.get(w.word.as_str()).map(|wb| w.weight * wb))
                    .sum();
                let plain = if a.norm == 0.0 || b.norm == 0.0 || placed_apart(a, b) {
                    0.0
                } else {
                    dot / (a.norm * b.norm)
                };
                assert_eq!(similarity(a, b).to_bits(), plain.to_bits());
                shared += usize::from(plain > 0.0);
            }
        }
        assert!(shared > all.len(), "contexts of different passages share words");
    }

    #[test]
    fn words_order_by_their_heads_as_they_order_by_their_bytes() {
        let words = [
            "",
            "a",
            "ab",
            "ab\0",
            "abc",
            "abcdefgh",
            "abcdefghi",
            "abcdefgz",
            "abcdefg",
            "abcdefg\0",
            "abcdefgAA",
            "abcdefgzz",
            "abcdef\0\0",
            "abcdef\0",
            "abcdef",
            "b",
            "ä",
            "zz",
        ];
        for x in words {
            for y in words {
                let (a, b) = (Weighted::new(x.into(), 1.0), Weighted::new(y.into(), 1.0));
                assert_eq!(a.cmp_word(&b), x.cmp(y), "{x:?} {y:?}");
            }
        }
    }
}
