//! Stage 7, discrepancies: events → what their mentions disagree on. Numbers, quantities,
//! durations and dates stated in one event's mentions are compared across sources
//! ("the more than seven-hour meeting" / "talks that lasted nearly eight hours"), and each
//! event's wording agreement is counted pair by pair (verbatim, reworded, paraphrase).
//!
//! The one decision to know: values are compared like with like, by kind and counted noun
//! ("hour" with "hour", "troop" with "troop"), and an article's own values are a set: when one
//! value is shared by every source that states the unit, the sources agree, whatever other
//! figures an article adds ("as many as 175,000" beside "around 100,000 … now" is two facts in
//! one article, not a disagreement between sources).

use crate::model::{ArticleId, Corpus, Discrepancy, Event, Span};
use crate::numbers::{self, Kind, Value};
use crate::variants;
use std::collections::BTreeMap;

/// The values stated in an event's mentions, by article, with spans into the article text.
fn values_by_article(corpus: &Corpus, event: &Event) -> BTreeMap<ArticleId, Vec<Value>> {
    let mut out: BTreeMap<ArticleId, Vec<Value>> = BTreeMap::new();
    for m in &event.mentions {
        let Some(article) = corpus.articles.get(m.article.index()) else {
            continue;
        };
        let entry = out.entry(m.article).or_default();
        for mut v in numbers::values(article.slice(m.span)) {
            v.span = Span::new(v.span.start + m.span.start, v.span.end + m.span.start);
            if !entry.iter().any(|e| e.span == v.span) {
                entry.push(v);
            }
        }
    }
    out
}

/// The discrepancies of every event, in event order.
pub fn find(corpus: &Corpus, events: &[Event]) -> Vec<Discrepancy> {
    events.iter().flat_map(|e| of_event(corpus, e)).collect()
}

/// One kind-and-unit group's values, by article.
type ByArticle<'v> = BTreeMap<ArticleId, Vec<&'v Value>>;

/// The discrepancies of one event: one per kind and unit on which its sources disagree.
pub fn of_event(corpus: &Corpus, event: &Event) -> Vec<Discrepancy> {
    let by_article = values_by_article(corpus, event);
    // (kind, unit) → article → that article's values of it.
    let mut groups: BTreeMap<(Kind, Option<String>), ByArticle> = BTreeMap::new();
    for (&article, values) in &by_article {
        for v in values {
            groups
                .entry((v.kind, v.unit.clone()))
                .or_default()
                .entry(article)
                .or_default()
                .push(v);
        }
    }
    let mut out = Vec::new();
    for ((kind, unit), articles) in groups {
        if articles.len() < 2 {
            continue;
        }
        let agreed = articles.values().flatten().any(|candidate| {
            articles
                .values()
                .all(|vs| vs.iter().any(|v| v.same_as(candidate)))
        });
        if agreed {
            continue;
        }
        let mut values = BTreeMap::new();
        let mut spans = BTreeMap::new();
        for (&article, vs) in &articles {
            let Some(a) = corpus.articles.get(article.index()) else {
                continue;
            };
            let mut written: Vec<String> = Vec::new();
            for v in vs {
                let w = a.slice(v.span).split_whitespace().collect::<Vec<_>>().join(" ");
                if !written.contains(&w) {
                    written.push(w);
                }
            }
            values.insert(article, written.join("; "));
            spans.insert(article, vs.iter().map(|v| v.span).collect());
        }
        out.push(Discrepancy {
            event: event.id,
            what: kind.as_str().to_string(),
            values,
            spans,
            unit,
        });
    }
    out
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
/// pairs, or a linear sample for very large events: see `agreement_pairs`).
pub fn annotate_agreement(corpus: &Corpus, events: &mut [Event], reworded_min: f32) {
    for event in events.iter_mut() {
        let keys: Vec<Vec<String>> = event
            .mentions
            .iter()
            .map(|m| {
                corpus.articles.get(m.article.index()).map_or_else(Vec::new, |a| {
                    variants::words(a, m.span).into_iter().map(|t| t.key).collect()
                })
            })
            .collect();
        let mut agreement = crate::model::Agreement::default();
        let n = event.mentions.len();
        for (i, j) in agreement_pairs(n) {
            if event.mentions[i].article == event.mentions[j].article {
                continue;
            }
            let a: Vec<&str> = keys[i].iter().map(String::as_str).collect();
            let b: Vec<&str> = keys[j].iter().map(String::as_str).collect();
            agreement.add(variants::classify(&a, &b, reworded_min));
        }
        event.agreement = agreement;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::ingest::from_texts;
    use crate::model::{Agreement, EventId, EventKind, MatchKind, Mention, SentenceId};

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
        let mentions = corpus
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
            .collect();
        let event = Event {
            id: EventId(0),
            label: String::new(),
            kind: EventKind::Statement,
            speaker: None,
            sources: corpus.articles.iter().map(|a| a.id).collect(),
            mentions,
            cohesion: 0.0,
            agreement: Agreement::default(),
        };
        (corpus, event)
    }

    fn found(texts: &[&str]) -> Vec<(String, Vec<String>)> {
        let (corpus, event) = event_over(texts);
        of_event(&corpus, &event)
            .into_iter()
            .map(|d| (d.what, d.values.into_values().collect()))
            .collect()
    }

    #[test]
    fn meeting_length_differs() {
        assert_eq!(
            found(&[
                "The more than seven-hour meeting between the envoys came as tensions grew.",
                "They met in a series of talks that lasted nearly eight hours.",
                "Both held seven hours of talks.",
            ]),
            vec![(
                "duration".to_string(),
                vec![
                    "more than seven-hour".to_string(),
                    "nearly eight hours".to_string(),
                    "seven hours".to_string()
                ]
            )]
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
            vec![(
                "quantity".to_string(),
                vec!["175,000 troops".to_string(), "some 100,000 troops".to_string()]
            )]
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
        annotate_agreement(&corpus, &mut events, 0.6);
        let a = events[0].agreement;
        assert_eq!(a.pairs(), 3);
        assert_eq!(a.paraphrase, 2);
        assert_eq!(a.weakest(), Some(MatchKind::Paraphrase));
        assert!((a.close_share() - 1.0 / 3.0).abs() < 1e-6);
    }
}
