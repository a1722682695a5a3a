//! Articles that are copies of one another — wire copy printed word for word by many outlets, a
//! file listed twice — are analysed once. Of each text only its first two articles go through
//! the pipeline (two, so that what a copy shares with its original is still found); every later
//! copy reports exactly what the first one does, at the same places, and gets its mentions,
//! quotes and figures from it afterwards. How an event's wording agrees is measured between the
//! analysed articles only: a copy adds nothing to it. A story of 5,000 copies costs what a story
//! of two does.

use crate::model::{Article, ArticleId, Corpus, Discrepancy, Event, Mention, Quote};
use std::collections::HashMap;

/// How many articles of one text are analysed.
const ANALYSED_PER_TEXT: usize = 2;

/// The articles set aside while the others are analysed.
pub struct SetAside {
    /// Original id of each analysed article, by its id in the analysed corpus.
    analysed: Vec<ArticleId>,
    /// Each copy set aside, with the original id of the analysed article it copies.
    copies: Vec<(Article, ArticleId)>,
}

/// Splits off the third and later articles of each text. The analysed articles are renumbered
/// in order; `SetAside::restore` puts everything back.
pub fn set_aside(corpus: Corpus) -> (Corpus, SetAside) {
    let mut first_of: HashMap<&str, (ArticleId, usize)> = HashMap::new();
    let copy_of: Vec<Option<ArticleId>> = corpus
        .articles
        .iter()
        .map(|a| {
            let seen = first_of.entry(a.text.as_str()).or_insert((a.id, 0));
            seen.1 += 1;
            (seen.1 > ANALYSED_PER_TEXT).then_some(seen.0)
        })
        .collect();
    let Corpus { title, articles } = corpus;
    let mut analysed = Vec::new();
    let mut kept = Vec::new();
    let mut copies = Vec::new();
    for (mut article, copy) in articles.into_iter().zip(copy_of) {
        match copy {
            Some(original) => copies.push((article, original)),
            None => {
                analysed.push(article.id);
                article.id = ArticleId::from_index(kept.len());
                kept.push(article);
            }
        }
    }
    let corpus = Corpus {
        title,
        articles: kept,
    };
    (corpus, SetAside { analysed, copies })
}

impl SetAside {
    /// The whole corpus again, in its first order and numbering, with the events, quotes and
    /// discrepancies found on the analysed articles renumbered and given to every copy.
    pub fn restore(
        self,
        analysed: Corpus,
        events: &mut [Event],
        quotes: &mut Vec<Quote>,
        discrepancies: &mut [Discrepancy],
    ) -> Corpus {
        let original = |id: ArticleId| self.analysed[id.index()];
        for event in events.iter_mut() {
            for id in &mut event.sources {
                *id = original(*id);
            }
            for m in &mut event.mentions {
                m.article = original(m.article);
            }
        }
        for q in quotes.iter_mut() {
            q.article = original(q.article);
        }
        for d in discrepancies.iter_mut() {
            d.values = std::mem::take(&mut d.values)
                .into_iter()
                .map(|(id, v)| (original(id), v))
                .collect();
            d.spans = std::mem::take(&mut d.spans)
                .into_iter()
                .map(|(id, v)| (original(id), v))
                .collect();
        }
        let Corpus { title, articles } = analysed;
        let total = articles.len() + self.copies.len();
        let mut slots: Vec<Option<Article>> = (0..total).map(|_| None).collect();
        for mut article in articles {
            article.id = original(article.id);
            let at = article.id.index();
            slots[at] = Some(article);
        }
        let mut copies_of: HashMap<ArticleId, Vec<ArticleId>> = HashMap::new();
        for (article, of) in self.copies {
            copies_of.entry(of).or_default().push(article.id);
            let at = article.id.index();
            slots[at] = Some(article);
        }
        if !copies_of.is_empty() {
            for event in events.iter_mut() {
                give_to_copies(event, &copies_of);
            }
            for d in discrepancies.iter_mut() {
                for (of, copies) in &copies_of {
                    for &c in copies {
                        if let Some(v) = d.values.get(of).cloned() {
                            d.values.insert(c, v);
                        }
                        if let Some(s) = d.spans.get(of).cloned() {
                            d.spans.insert(c, s);
                        }
                    }
                }
            }
            let copied: Vec<Quote> = quotes
                .iter()
                .flat_map(|q| {
                    copies_of.get(&q.article).into_iter().flatten().map(|&c| Quote {
                        article: c,
                        ..q.clone()
                    })
                })
                .collect();
            quotes.extend(copied);
            quotes.sort_by_key(|q| (q.article, q.span.start, q.span.end));
        }
        Corpus {
            title,
            articles: slots.into_iter().flatten().collect(),
        }
    }
}

/// Every copy of an article that reports `event` reports it at the same places.
fn give_to_copies(event: &mut Event, copies_of: &HashMap<ArticleId, Vec<ArticleId>>) {
    let copied: Vec<_> = event
        .mentions
        .iter()
        .flat_map(|m| {
            copies_of.get(&m.article).into_iter().flatten().map(|&c| Mention {
                article: c,
                ..m.clone()
            })
        })
        .collect();
    if copied.is_empty() {
        return;
    }
    event.sources.extend(copied.iter().map(|m| m.article));
    event.sources.sort_unstable();
    event.sources.dedup();
    event.mentions.extend(copied);
    event
        .mentions
        .sort_by_key(|m| (m.article, m.span.start, m.span.end));
}
