//! Stage 7, discrepancies: events → the facts their sources state with different figures
//! ("the more than seven-hour meeting" / "talks that lasted nearly eight hours"), each marked a
//! conflict or a difference of wording; and each event's wording agreement, counted pair by
//! pair (verbatim, reworded, paraphrase).
//!
//! The one decision to know: figures are compared only like with like, which takes two things:
//! the same measure (the same counted noun, money, a length, a date of a compatible grain and
//! role; see `compare`) and the same place in the reported fact (the words around them; see
//! `facts`). An article's other figures of one kind are other facts, not a disagreement ("as
//! many as 175,000" beside "around 100,000 … now"). Values that cannot both be true are a
//! conflict; hedged, rounded, relative or vague ones that can are wording.

pub mod anchors;
pub mod compare;
mod facts;
pub mod figures;

use crate::model::{Corpus, Difference, Discrepancy, Event, MatchKind, Quote};
use crate::numbers::Kind;
use crate::segment::Token;
use crate::variants::{self, Words};
use compare::Relation;
use facts::Found;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// The discrepancies of every event, in event order. `words` are the corpus's passages (with
/// its segmentation, so that no sentence is cut into words twice).
pub fn find<'a>(words: impl Into<Words<'a>>, events: &[Event]) -> Vec<Discrepancy> {
    let words = words.into();
    let per_event: Vec<Vec<Discrepancy>> = events.par_iter().map(|e| of_event(words, e)).collect();
    per_event.into_iter().flatten().collect()
}

/// The discrepancies of one event: one per fact its sources state with different figures.
pub fn of_event<'a>(words: impl Into<Words<'a>>, event: &Event) -> Vec<Discrepancy> {
    let words = words.into();
    let corpus = words.corpus();
    let found = facts::found_in(words, event);
    let mut out = Vec::new();
    for fact in facts::facts(&found) {
        let chosen: Vec<&Found> = fact.iter().map(|&i| &found[i]).collect();
        if chosen.len() < 2 {
            continue;
        }
        let relations = relations(&chosen);
        if relations.iter().all(|r| *r == Relation::Same) {
            continue;
        }
        let difference = if relations.contains(&Relation::Conflict) {
            Difference::Conflict
        } else {
            Difference::Wording
        };
        out.push(discrepancy(corpus, event, &chosen, difference));
    }
    out.sort_by_key(|d| d.spans.values().flatten().map(|s| s.start).min());
    out
}

/// How the figures of one fact relate, each way two of them (`a` before `b`) relate once:
/// figures of one class relate as any other two of the same classes do, so a fact stated
/// alike by a thousand copies costs what its few distinct figures cost.
fn relations(chosen: &[&Found]) -> Vec<Relation> {
    // Per class, in order of first appearance: (a figure of it, first and last position, count).
    let mut classes: Vec<(&Found, usize, usize, usize)> = Vec::new();
    let mut slot: HashMap<u32, usize> = HashMap::new();
    for (x, f) in chosen.iter().enumerate() {
        let k = *slot.entry(f.class).or_insert_with(|| {
            classes.push((f, x, x, 0));
            classes.len() - 1
        });
        classes[k].2 = x;
        classes[k].3 += 1;
    }
    let mut out = Vec::new();
    for &(a, first, _, count) in &classes {
        for &(b, _, last, _) in &classes {
            // `a` is then met before `b` in some pair.
            let met = if std::ptr::eq(a, b) {
                count >= 2
            } else {
                first < last
            };
            if met {
                out.extend(compare::relate(&a.figure, &b.figure));
            }
        }
    }
    out
}

fn discrepancy(corpus: &Corpus, event: &Event, chosen: &[&Found], difference: Difference) -> Discrepancy {
    let mut values = BTreeMap::new();
    let mut spans = BTreeMap::new();
    for f in chosen {
        let Some(a) = corpus.articles.get(f.article.index()) else {
            continue;
        };
        let written = a
            .slice(f.figure.span)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        values.insert(f.article, written);
        spans.insert(f.article, vec![f.figure.span]);
    }
    let kind = if chosen.iter().any(|f| f.figure.kind() == Kind::Duration) {
        Kind::Duration
    } else {
        chosen.first().map_or(Kind::Number, |f| f.figure.kind())
    };
    let unit = chosen
        .iter()
        .find(|f| f.figure.kind() == kind)
        .and_then(|f| f.figure.unit.clone());
    Discrepancy {
        event: event.id,
        what: kind.as_str().to_string(),
        values,
        spans,
        unit,
        difference,
    }
}

/// Every pair of an event's mentions when it has at most `ALL_PAIRS_UP_TO`; beyond that a
/// sample: each mention with the `SAMPLED_NEIGHBOURS` after it (in article order, wrapping),
/// so the work grows with the event's size rather than its square. A passage copied by hundreds
/// of articles then costs hundreds of comparisons, not tens of thousands.
const ALL_PAIRS_UP_TO: usize = 16;
const SAMPLED_NEIGHBOURS: usize = 8;

fn agreement_pairs(n: usize) -> Vec<(usize, usize)> {
    if n <= ALL_PAIRS_UP_TO {
        (0..n).flat_map(|i| (i + 1..n).map(move |j| (i, j))).collect()
    } else {
        (0..n)
            .flat_map(|i| (1..=SAMPLED_NEIGHBOURS).map(move |d| (i, (i + d) % n)))
            .collect()
    }
}

/// Counts, for every event, how pairs of its mentions in different articles compare (all
/// pairs, or a linear sample for very large events: see `agreement_pairs`). Quoted mentions
/// of a quote event compare their quoted words (`quotes`, in article order; see `variants`).
pub fn annotate_agreement<'a>(
    words: impl Into<Words<'a>>,
    quotes: &[Quote],
    events: &mut [Event],
    reworded_min: f32,
) {
    let words = words.into();
    events.par_iter_mut().for_each(|event| {
        let read: Vec<Vec<Cow<[Token]>>> = event
            .mentions
            .iter()
            .map(|m| {
                let quoted = variants::quotes_of(quotes, m.article).iter().map(|q| q.span);
                let parts = variants::compared_parts(event.kind, m, quoted);
                words.of_parts(m.article, &parts)
            })
            .collect();
        // Words as numbers, so a diff compares numbers rather than strings.
        let mut ids = variants::WordIds::default();
        let keys: Vec<Vec<u32>> = read
            .iter()
            .map(|parts| ids.ids_of(parts.iter().flat_map(|p| p.iter()).map(|t| t.key.as_str())))
            .collect();
        // Mentions worded alike are compared once per pair of wordings.
        let mut wordings: variants::KeyMap<&[u32], usize> = variants::KeyMap::default();
        let wording: Vec<usize> = keys
            .iter()
            .map(|k| {
                let next = wordings.len();
                *wordings.entry(k.as_slice()).or_insert(next)
            })
            .collect();
        let mut compared: variants::KeyMap<(usize, usize), MatchKind> = variants::KeyMap::default();
        let mut scratch = variants::Scratch::default();
        let mut agreement = crate::model::Agreement::default();
        let n = event.mentions.len();
        for (i, j) in agreement_pairs(n) {
            if event.mentions[i].article == event.mentions[j].article {
                continue;
            }
            let kind = *compared
                .entry((wording[i], wording[j]))
                .or_insert_with(|| variants::classify_ids(&keys[i], &keys[j], reworded_min, &mut scratch));
            agreement.add(kind);
        }
        event.agreement = agreement;
    });
}

/// An event made of the whole of each article of `corpus`, for tests of figures.
#[cfg(test)]
pub(crate) fn whole_article_event(corpus: &crate::model::Corpus) -> Event {
    use crate::model::{Agreement, Confidence, EventId, EventKind, MatchKind, Mention, SentenceId, Span};
    Event {
        id: EventId(0),
        label: String::new(),
        kind: EventKind::Statement,
        speaker: None,
        sources: corpus.articles.iter().map(|a| a.id).collect(),
        mentions: corpus
            .articles
            .iter()
            .map(|a| Mention {
                article: a.id,
                span: Span::new(0, a.text.len()),
                sentence: SentenceId(0),
                quote: false,
                match_kind: MatchKind::Paraphrase,
                speaker: None,
            })
            .collect(),
        cohesion: 0.0,
        agreement: Agreement::default(),
        confidence: Confidence::Strong,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::ingest::from_texts;
    use crate::model::MatchKind;

    #[test]
    fn relations_by_class_are_the_relations_of_every_pair() {
        let (corpus, event) = event_over(&[
            "The 48-page indictment listed $250,000 in expenses on March 23.",
            "The 47-page indictment listed more than $250,000 in expenses.",
            "The 48-page indictment listed $250,000 in expenses on March 23.",
            "The 48-page indictment listed $250,000 in expenses on March 23.",
            "A 48-page indictment listed $300,000 in expenses on March 24.",
        ]);
        let found = facts::found_in(Words::from(&corpus), &event);
        let chosen: Vec<&Found> = found.iter().collect();
        let mut plain = Vec::new();
        for (x, a) in chosen.iter().enumerate() {
            for b in &chosen[x + 1..] {
                plain.extend(compare::relate(&a.figure, &b.figure));
            }
        }
        plain.sort_unstable();
        plain.dedup();
        assert!(
            plain.contains(&Relation::Same) && plain.contains(&Relation::Conflict),
            "{plain:?}"
        );
        let mut by_class = relations(&chosen);
        by_class.sort_unstable();
        by_class.dedup();
        assert_eq!(by_class, plain);
        // Only the copies: every pair states the same.
        let copies: Vec<&Found> = found
            .iter()
            .filter(|f| f.article.index() % 2 == 0 && f.article.index() < 4)
            .collect();
        assert!(relations(&copies).iter().all(|r| *r == Relation::Same));
        assert!(!relations(&copies).is_empty());
    }

    #[test]
    fn agreement_pairs_are_all_pairs_for_small_events_and_a_linear_sample_beyond() {
        assert_eq!(agreement_pairs(3), vec![(0, 1), (0, 2), (1, 2)]);
        assert_eq!(agreement_pairs(16).len(), 120);
        let big = agreement_pairs(100);
        assert_eq!(big.len(), 800);
        let mut unique: Vec<(usize, usize)> = big.iter().map(|&(a, b)| (a.min(b), a.max(b))).collect();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 800, "no pair is compared twice");
    }

    /// A corpus of one passage per article and an event made of the whole of each.
    fn event_over(texts: &[&str]) -> (Corpus, Event) {
        let corpus = from_texts(texts);
        let event = whole_article_event(&corpus);
        (corpus, event)
    }

    fn found(texts: &[&str]) -> Vec<(String, Vec<String>)> {
        let (corpus, event) = event_over(texts);
        of_event(&corpus, &event)
            .into_iter()
            .map(|d| (d.what, d.values.into_values().collect()))
            .collect()
    }

    /// What `found` gives for one flag of `what` with these values.
    fn one_flag(what: &str, values: &[&str]) -> Vec<(String, Vec<String>)> {
        vec![(what.to_string(), values.iter().map(|v| v.to_string()).collect())]
    }

    #[test]
    fn meeting_length_differs() {
        assert_eq!(
            found(&[
                "The more than seven-hour meeting between the envoys came as tensions grew.",
                "They met in a series of talks that lasted nearly eight hours.",
                "Both held seven hours of talks.",
            ]),
            one_flag(
                "duration",
                &["more than seven-hour", "nearly eight hours", "seven hours"]
            )
        );
    }

    #[test]
    fn the_same_value_in_other_forms_agrees() {
        assert!(found(&["It took 7 hours.", "The seven-hour talks.", "About seven hours."]).is_empty());
        assert!(found(&["100,000 troops", "around 100 000 Russian troops"]).is_empty());
    }

    #[test]
    fn troop_numbers_differ_but_one_article_may_state_two_facts() {
        assert_eq!(
            found(&["a force of 175,000 troops", "some 100,000 troops"]),
            one_flag("quantity", &["175,000 troops", "some 100,000 troops"])
        );
        assert!(
            found(&[
                "a force of as many as 175,000 troops; around 100,000 troops are there now",
                "100,000 troops are at the border",
            ])
            .is_empty()
        );
    }

    #[test]
    fn a_vague_length_pairs_alone_only_with_one_of_its_unit_and_role() {
        assert_eq!(
            found(&[
                "The decision came just hours before the exemptions were set to lapse.",
                "Less than four hours before the midnight deadline, officials spoke.",
            ]),
            one_flag("duration", &["just hours", "Less than four hours"])
        );
        assert!(
            found(&[
                "The decision came just hours before the exemptions were set to lapse.",
                "Officials spoke four days before the midnight deadline.",
            ])
            .is_empty()
        );
    }

    #[test]
    fn unlike_units_are_not_compared() {
        assert!(found(&["100,000 troops", "175,000 civilians"]).is_empty());
        assert!(found(&["seven hours", "eight days later"]).is_empty());
    }

    #[test]
    fn agreement_counts_pairs_across_articles() {
        let (corpus, mut events) = {
            let (c, e) = event_over(&[
                "we will not forgo bilateral cooperation with sovereign states",
                "we will not forego bilateral cooperation with sovereign states",
                "a long way to go",
            ]);
            (c, vec![e])
        };
        annotate_agreement(&corpus, &[], &mut events, 0.6);
        let a = events[0].agreement;
        assert_eq!(a.pairs(), 3);
        assert_eq!(a.paraphrase, 2);
        assert_eq!(a.weakest(), Some(MatchKind::Paraphrase));
        assert!((a.close_share() - 1.0 / 3.0).abs() < 1e-6);
    }

    /// The discrepancies of one event over `texts`: how they differ and each value as written.
    fn differ(texts: &[&str]) -> Vec<(Difference, Vec<String>)> {
        let (corpus, event) = event_over(texts);
        of_event(&corpus, &event)
            .into_iter()
            .map(|d| {
                for (article, spans) in &d.spans {
                    assert_eq!(corpus.article(*article).slice(spans[0]), d.values[article]);
                }
                (d.difference, d.values.into_values().collect())
            })
            .collect()
    }

    fn one(difference: Difference, values: &[&str]) -> Vec<(Difference, Vec<String>)> {
        vec![(difference, values.iter().map(|v| v.to_string()).collect())]
    }

    #[test]
    fn ages_of_two_people_are_not_compared() {
        assert!(
            differ(&[
                "Duncan Hunter, a 41-year-old congressman, was indicted.",
                "Margaret Hunter, a 43-year-old congressman, was indicted."
            ])
            .is_empty()
        );
        assert_eq!(
            differ(&[
                "Duncan Hunter, a 41-year-old congressman, was indicted.",
                "Duncan Hunter, a 42-year-old congressman, was indicted."
            ]),
            one(Difference::Conflict, &["41-year", "42-year"])
        );
    }

    #[test]
    fn a_rank_is_not_compared_with_a_count() {
        assert!(
            differ(&[
                "Canada is the No. 2 exporter of steel to the U.S.",
                "Two exporters of steel to the U.S. lead the market."
            ])
            .is_empty()
        );
    }

    #[test]
    fn counts_of_two_things_are_not_compared() {
        assert!(
            differ(&[
                "Gunmen killed three bank workers in Athens.",
                "Gunmen attacked two banks in Athens."
            ])
            .is_empty()
        );
    }

    #[test]
    fn years_of_two_events_are_not_compared() {
        assert!(
            differ(&[
                "Hunter was first elected in 2008 to the seat his father held.",
                "The inquiry into Hunter's campaign spending began in 2016 after press reports."
            ])
            .is_empty()
        );
        // Nor two tests of one kind placed apart in their sequence.
        assert!(
            differ(&[
                "In July, North Korea test-launched its first ICBM.",
                "Since Kim last tested an ICBM in November, he has had months."
            ])
            .is_empty()
        );
    }

    #[test]
    fn values_that_cannot_both_be_true_conflict() {
        assert_eq!(
            differ(&[
                "In a 48-page indictment, prosecutors listed the expenses.",
                "In a 47-page indictment, prosecutors listed the expenses."
            ]),
            one(Difference::Conflict, &["48-page", "47-page"])
        );
        assert_eq!(
            differ(&[
                "Three people were wounded in the attack.",
                "Five people were wounded in the attack."
            ]),
            one(Difference::Conflict, &["Three people", "Five people"])
        );
        assert_eq!(
            differ(&[
                "Kim announced early Saturday that tests would stop.",
                "Reports on Friday evening said Kim announced that tests would stop."
            ]),
            one(Difference::Conflict, &["Saturday", "Friday evening"])
        );
    }

    #[test]
    fn hedged_and_rounded_values_are_wording() {
        assert_eq!(
            differ(&[
                "The couple converted $250,000 in campaign funds.",
                "The couple converted more than $250,000 in campaign funds."
            ]),
            one(Difference::Wording, &["$250,000", "more than $250,000"])
        );
        // "about" leaves the value where it is.
        assert!(
            differ(&[
                "He repaid the campaign about $60,000.",
                "He repaid the campaign $60,000."
            ])
            .is_empty()
        );
        assert_eq!(
            differ(&[
                "The tariffs were delayed for another 30 days.",
                "The tariffs were delayed, with a monthlong reprieve."
            ]),
            one(Difference::Wording, &["30 days", "monthlong"])
        );
    }

    #[test]
    fn relative_dates_are_wording() {
        assert_eq!(
            differ(&[
                "The envoys met Kim in Pyongyang last month.",
                "The envoys met Kim in Pyongyang in March."
            ]),
            one(Difference::Wording, &["last month", "March"])
        );
        assert_eq!(
            differ(&[
                "Trump imposed the tariffs on March 23.",
                "The tariffs Trump imposed earlier this year."
            ]),
            one(Difference::Wording, &["March 23", "earlier this year"])
        );
        // A day without its year falls in this year, not in "last year".
        assert!(
            differ(&[
                "Kim spent last year testing missiles.",
                "Kim will stop testing missiles on April 21."
            ])
            .is_empty()
        );
    }

    #[test]
    fn a_length_and_the_end_of_its_period_are_wording() {
        assert_eq!(
            differ(&[
                "The White House will delay the tariffs for another 30 days.",
                "The White House will delay the tariffs until June 1."
            ]),
            one(Difference::Wording, &["30 days", "until June 1"])
        );
        // A start is not an end, nor a length counted back from a deadline a period.
        assert!(
            differ(&[
                "The halt applies from April 21, officials said.",
                "The halt applies until June 1, officials said."
            ])
            .is_empty()
        );
        assert!(
            differ(&[
                "The decision came hours before the deadline of June 1.",
                "The decision lasts until June 1, hours before the deadline."
            ])
            .is_empty()
        );
    }

    #[test]
    fn vague_amounts_are_wording_within_their_range_and_unrelated_outside_it() {
        assert_eq!(
            differ(&[
                "North Korea test-launched several intercontinental ballistic missiles.",
                "Kim tested three intercontinental ballistic missiles last year."
            ]),
            one(
                Difference::Wording,
                &[
                    "several intercontinental ballistic missiles",
                    "three intercontinental ballistic missiles"
                ]
            )
        );
        assert!(
            differ(&[
                "The pair spent thousands of dollars at malls.",
                "The pair spent $600 on an airline ticket."
            ])
            .is_empty()
        );
    }

    #[test]
    fn figures_an_order_of_magnitude_apart_are_two_facts() {
        assert!(
            differ(&[
                "The talks ended after 11 days, officials said.",
                "The talks ended after thirty years, officials said."
            ])
            .is_empty()
        );
    }

    #[test]
    fn a_word_that_names_no_time_is_placed_by_its_words_alone() {
        assert_eq!(
            differ(&[
                "Farenthold had previously announced that he would not seek re-election.",
                "Farenthold announced in December that he would not seek re-election.",
            ]),
            one(Difference::Wording, &["previously", "December"])
        );
        assert!(
            differ(&[
                "Details of the deals will be finalized shortly.",
                "Officials said Monday that deals were reached."
            ])
            .is_empty()
        );
    }

    #[test]
    fn this_year_and_last_year_are_two_periods() {
        assert!(
            differ(&[
                "The tariffs Trump announced earlier this year hit steel.",
                "The tariffs Trump announced last year hit steel."
            ])
            .is_empty()
        );
    }
}
