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
    let index = Index::new(analysis);
    analysis
        .corpus
        .articles
        .iter()
        .map(|a| SourceCoverage {
            article: a.id,
            reported: reported(analysis, a.id),
            omitted: omissions(analysis, a.id),
            exclusives: index.exclusives(analysis, a.id),
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

/// What an article reports alone (see the module documentation for the definition). For
/// every article at once, `coverage` builds the story's index only once.
pub fn exclusives(analysis: &Analysis, article: ArticleId) -> Vec<Exclusive> {
    Index::new(analysis).exclusives(analysis, article)
}

/// A figure's identity for `Value::same_as`: kind, unit, and its value and range end to ten
/// significant digits.
type FigureKey = (Kind, Option<String>, String, Option<String>);

fn figure_key(v: &Value) -> FigureKey {
    let digits = |x: f64| format!("{x:.9e}");
    (v.kind, v.unit.clone(), digits(v.value), v.upper.map(digits))
}

/// What finding exclusives needs from the whole story, built once: the passages events link and
/// the quotations, by article, and which articles state each figure. (Looked up per article
/// through the whole story instead, the work grows with the square of the number of articles.)
struct Index<'a> {
    linked: Vec<Vec<Span>>,
    quotes: Vec<Vec<&'a crate::model::Quote>>,
    /// The first article stating each figure, and whether another one does too.
    stated: std::collections::HashMap<FigureKey, (ArticleId, bool)>,
}

impl<'a> Index<'a> {
    fn new(analysis: &'a Analysis) -> Self {
        let n = analysis.corpus.articles.len();
        let mut linked: Vec<Vec<Span>> = vec![Vec::new(); n];
        for m in analysis.events.iter().flat_map(|e| e.mentions.iter()) {
            if let Some(v) = linked.get_mut(m.article.index()) {
                v.push(m.span);
            }
        }
        let mut stated: std::collections::HashMap<FigureKey, (ArticleId, bool)> = Default::default();
        for a in &analysis.corpus.articles {
            for v in numbers::values(&a.text).iter().filter(|v| is_figure(v)) {
                let entry = stated.entry(figure_key(v)).or_insert((a.id, false));
                entry.1 |= entry.0 != a.id;
            }
        }
        Index {
            linked,
            quotes: crate::align::quotes_by_article(&analysis.quotes, n),
            stated,
        }
    }

    /// Some article other than `article` states `v`.
    fn stated_elsewhere(&self, v: &Value, article: ArticleId) -> bool {
        self.stated
            .get(&figure_key(v))
            .is_some_and(|&(first, more)| more || first != article)
    }

    fn exclusives(&self, analysis: &Analysis, article: ArticleId) -> Vec<Exclusive> {
        let Some(a) = analysis.corpus.articles.get(article.index()) else {
            return Vec::new();
        };
        let linked = self.linked.get(article.index()).map_or(&[][..], Vec::as_slice);
        let quotes = self.quotes.get(article.index()).map_or(&[][..], Vec::as_slice);
        let mut out = Vec::new();
        for (span, _) in segment::sentence_spans(&a.text) {
            if linked.iter().any(|m| m.overlap(span) > 0) {
                continue;
            }
            let quote = quotes
                .iter()
                .find(|q| q.person && q.span.overlap(span) > 0 && q.speaker.is_some());
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
                .filter(|v| is_figure(v) && !self.stated_elsewhere(v, article))
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{RawArticle, build};
    use crate::model::{
        Agreement, Confidence, Corpus, Event, EventKind, MatchKind, Mention, Quote, SentenceId,
    };

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
            speaker: None,
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
            confidence: Confidence::Strong,
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

    #[test]
    fn a_figure_another_source_states_in_its_own_words_is_not_exclusive() {
        let corpus = crate::ingest::from_texts(&[
            "Officials counted 100,000 troops. Drills used 1,200 servicemen.",
            "Some 100 000 troops stood by. A parade had 1,200 servicemen and 1,200 servicemen.",
            "Nothing of the kind here.",
        ]);
        let a = Analysis {
            corpus,
            events: Vec::new(),
            discrepancies: Vec::new(),
            quotes: Vec::new(),
        };
        // 100,000 and 100 000 troops are one figure, and 1,200 servicemen is in both articles
        // (twice in the second, which does not make it the second's alone).
        assert!(exclusives(&a, ArticleId(0)).is_empty());
        assert!(exclusives(&a, ArticleId(1)).is_empty());
        let only_here = crate::ingest::from_texts(&[
            "A parade had 1,300 servicemen and 1,300 servicemen.",
            "Troops paraded.",
        ]);
        let b = Analysis {
            corpus: only_here,
            ..a
        };
        let found = exclusives(&b, ArticleId(0));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].hooks.len(), 2, "{found:?}");
    }
}
