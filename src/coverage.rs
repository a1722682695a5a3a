//! Coverage over a finished `Analysis`: per source, which shared events it reports, which it
//! leaves out, and what it reports alone. Functions for the reader and the exporters; no stage
//! of the pipeline depends on them.
//!
//! The one decision to know, what counts as an **exclusive**: a sentence of one article that
//! no event links to any other source, and that carries either a quotation attributed to a
//! named person, or a figure (a number, a counted quantity, a duration, a year or a day of a
//! month; weekdays and bare months are too common to count) that no other article states with
//! the same value and unit anywhere. Sentences without such a hook (background, framing) are
//! not listed: they are what every article adds in its own words.

use crate::model::{Analysis, ArticleId, EventId, Span};
use crate::numbers::{self, Kind, Value};
use crate::segment;

/// What makes a passage exclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExclusiveKind {
    /// A quotation of a named person that no other source carries.
    Quote { speaker: String },
    /// A figure no other source states.
    Figure,
}

/// A sentence only one source reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exclusive {
    pub article: ArticleId,
    /// The sentence.
    pub span: Span,
    pub kind: ExclusiveKind,
    /// The quotation or the figures inside the sentence that make it exclusive.
    pub hooks: Vec<Span>,
}

/// One source's coverage of the story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCoverage {
    pub article: ArticleId,
    /// Shared events it reports, in event order.
    pub reported: Vec<EventId>,
    /// Shared events it does not report, in event order (most widely reported first).
    pub omitted: Vec<EventId>,
    /// What it reports alone, in text order.
    pub exclusives: Vec<Exclusive>,
}

/// The coverage of every source, in article order.
pub fn coverage(analysis: &Analysis) -> Vec<SourceCoverage> {
    analysis
        .corpus
        .articles
        .iter()
        .map(|a| SourceCoverage {
            article: a.id,
            reported: reported(analysis, a.id),
            omitted: omissions(analysis, a.id),
            exclusives: exclusives(analysis, a.id),
        })
        .collect()
}

/// Shared events an article reports.
pub fn reported(analysis: &Analysis, article: ArticleId) -> Vec<EventId> {
    analysis
        .events
        .iter()
        .filter(|e| e.reports(article))
        .map(|e| e.id)
        .collect()
}

/// Shared events (reported by two or more other sources) an article leaves out.
pub fn omissions(analysis: &Analysis, article: ArticleId) -> Vec<EventId> {
    analysis
        .events
        .iter()
        .filter(|e| !e.reports(article))
        .map(|e| e.id)
        .collect()
}

/// A figure worth comparing across sources.
fn is_figure(v: &Value) -> bool {
    match v.kind {
        Kind::Date => matches!(v.unit.as_deref(), Some("year" | "day")),
        Kind::Number | Kind::Quantity | Kind::Duration => true,
    }
}

/// What an article reports alone (see the module documentation for the definition).
pub fn exclusives(analysis: &Analysis, article: ArticleId) -> Vec<Exclusive> {
    let Some(a) = analysis.corpus.articles.get(article.index()) else {
        return Vec::new();
    };
    let linked: Vec<Span> = analysis
        .events
        .iter()
        .flat_map(|e| e.mentions.iter())
        .filter(|m| m.article == article)
        .map(|m| m.span)
        .collect();
    // Figures of the other articles, to tell a figure stated elsewhere from one stated alone.
    let elsewhere: Vec<Value> = analysis
        .corpus
        .articles
        .iter()
        .filter(|o| o.id != article)
        .flat_map(|o| numbers::values(&o.text))
        .filter(is_figure)
        .collect();
    let mut out = Vec::new();
    for (span, _) in segment::sentence_spans(&a.text) {
        if linked.iter().any(|m| m.overlap(span) > 0) {
            continue;
        }
        let quote = analysis
            .quotes
            .iter()
            .find(|q| q.article == article && q.person && q.span.overlap(span) > 0 && q.speaker.is_some());
        if let Some(q) = quote {
            out.push(Exclusive {
                article,
                span,
                kind: ExclusiveKind::Quote {
                    speaker: q.speaker.clone().unwrap_or_default(),
                },
                hooks: vec![q.span],
            });
            continue;
        }
        let figures: Vec<Span> = numbers::values(a.slice(span))
            .into_iter()
            .filter(|v| is_figure(v) && !elsewhere.iter().any(|o| o.same_as(v)))
            .map(|v| Span::new(v.span.start + span.start, v.span.end + span.start))
            .collect();
        if !figures.is_empty() {
            out.push(Exclusive {
                article,
                span,
                kind: ExclusiveKind::Figure,
                hooks: figures,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{RawArticle, build};
    use crate::model::{Agreement, Corpus, Event, EventKind, MatchKind, Mention, Quote, SentenceId};

    /// Three articles; one event shared by the first two over their first sentences.
    fn analysis() -> Analysis {
        let corpus: Corpus = build(
            None,
            [
                "Talks lasted seven hours. Sherman said “we are firm.” It rained on Monday.",
                "The talks went on for seven hours. Drills used 1,200 servicemen.",
                "A quiet day. The year 2014 was mentioned, as in the 2014 annexation.",
            ]
            .iter()
            .map(|t| RawArticle {
                text: (*t).into(),
                ..RawArticle::default()
            })
            .collect(),
        );
        let mention = |article: u32, end: usize| Mention {
            article: ArticleId(article),
            span: Span::new(0, end),
            sentence: SentenceId(0),
            quote: false,
            match_kind: MatchKind::Reworded,
        };
        let event = Event {
            id: EventId(0),
            label: "talks".into(),
            kind: EventKind::Statement,
            speaker: None,
            sources: vec![ArticleId(0), ArticleId(1)],
            mentions: vec![mention(0, 25), mention(1, 34)],
            cohesion: 0.5,
            agreement: Agreement::default(),
        };
        let quote_start = corpus.articles[0].text.find("we are").unwrap_or(0);
        let quotes = vec![Quote {
            article: ArticleId(0),
            span: Span::new(quote_start, quote_start + 12),
            speaker: Some("Wendy Sherman".into()),
            person: true,
            marked: true,
        }];
        Analysis {
            corpus,
            events: vec![event],
            discrepancies: Vec::new(),
            quotes,
        }
    }

    #[test]
    fn omissions_are_the_events_a_source_leaves_out() {
        let a = analysis();
        assert_eq!(omissions(&a, ArticleId(2)), vec![EventId(0)]);
        assert!(omissions(&a, ArticleId(0)).is_empty());
        assert_eq!(reported(&a, ArticleId(1)), vec![EventId(0)]);
    }

    #[test]
    fn exclusives_are_unlinked_quotes_and_figures() {
        let a = analysis();
        let texts = |article: u32| -> Vec<(String, ExclusiveKind)> {
            exclusives(&a, ArticleId(article))
                .into_iter()
                .map(|x| (a.corpus.article(x.article).slice(x.span).to_string(), x.kind))
                .collect()
        };
        assert_eq!(
            texts(0),
            vec![(
                "Sherman said “we are firm.”".to_string(),
                ExclusiveKind::Quote {
                    speaker: "Wendy Sherman".into()
                }
            )]
        );
        assert_eq!(
            texts(1),
            vec![("Drills used 1,200 servicemen.".to_string(), ExclusiveKind::Figure)]
        );
        assert_eq!(
            texts(2),
            vec![(
                "The year 2014 was mentioned, as in the 2014 annexation.".to_string(),
                ExclusiveKind::Figure
            )]
        );
        let report = coverage(&a);
        assert_eq!(report.len(), 3);
        assert_eq!(report[2].exclusives[0].hooks.len(), 2);
    }
}
