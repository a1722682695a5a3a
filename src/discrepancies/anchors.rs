//! Figures that tie passages together, part of the discrepancies stage: linked sentences of two
//! articles that state the same counted thing or sum at the same place in their wording ("the
//! 48-page indictment" / "the 47-page indictment says") report one fact even when the rest of
//! their wording differs too much for the events to hold them. Such a passage left outside every
//! event joins the event that holds its counterpart, or the two form an event of their own, so
//! that the figures can be compared; two events whose passages state one figure alike, in words
//! that match closely, are one event.
//!
//! The one decision to know: only exact counts of a named thing and sums of money anchor
//! (dates and lengths are stated too often and too loosely to tie two passages on their own),
//! the two sentences must already be linked by the aligner, the words around the two figures
//! must match, and each figure anchors at most once, best-matched first. A passage taken this
//! way is the part of its sentence no other event holds, so no stretch of text is listed in two
//! events.

use super::compare::{self, Context, Relation};
use super::figures::{self, Amount, Figure, Measure};
use crate::align::Link;
use crate::model::{
    Agreement, ArticleId, Confidence, Corpus, Event, EventId, EventKind, MatchKind, Mention, SentenceId, Span,
};
use crate::segment::{Segmented, TokenClass};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// How alike the words around two figures must be for them to tie their passages: above what
/// pairing figures inside one event asks, since here nothing else holds the passages together.
const MIN_SIMILARITY: f32 = 0.35;
/// How alike the words around two agreeing figures must be to join the two events holding them.
const MERGE_SIMILARITY: f32 = 0.5;
/// Words that make a count a share, by stem.
const SHARE_WORDS: &[&str] = &["percent", "percentag", "per", "%", "point"];
/// Words of an anchored event's label.
const LABEL_WORDS: usize = 9;

/// A figure of a linked sentence that may anchor.
struct Anchor {
    sentence: SentenceId,
    article: ArticleId,
    figure: Figure,
    context: Context,
}

/// Whether a figure names what it counts or sums exactly enough to tie two passages.
/// A share ("25 percent") counts no thing of its own: what it is a share of lies elsewhere in
/// the sentence, so it never anchors.
fn anchors(figure: &Figure) -> bool {
    let share = |word: &str| SHARE_WORDS.contains(&word);
    let counted = match &figure.measure {
        Measure::Count { noun, head } => !share(noun) && !head.as_deref().is_some_and(share),
        Measure::Money { .. } => true,
        _ => false,
    };
    counted && matches!(figure.amount, Amount::Definite { .. })
}

/// Adds to `events` the passages that figures tie to another article's passage (see the
/// module comment). Links below `weak` are not evidence. `cap` bounds an article's mentions in
/// one event.
pub fn anchor(
    corpus: &Corpus,
    segmented: &Segmented,
    links: &[Link],
    events: &mut Vec<Event>,
    weak: f32,
    cap: usize,
) {
    let ties = ties(corpus, segmented, links, weak);
    anchor_ties(corpus, segmented, ties, events, cap);
}

/// The figures of linked sentences that may anchor, and the ties the links allow between them,
/// best first: what anchoring reads from the links alone, before there are events.
pub struct Ties {
    found: Vec<Anchor>,
    /// (similarity, figure, figure, link score).
    ties: Vec<(f32, usize, usize, f32)>,
}

/// The candidate ties of a story's links (see `Ties`); links below `weak` are not evidence.
pub fn ties(corpus: &Corpus, segmented: &Segmented, links: &[Link], weak: f32) -> Ties {
    let linked: Vec<&Link> = links
        .iter()
        .filter(|l| l.score >= weak && article_of(segmented, l.a) != article_of(segmented, l.b))
        .collect();
    // The linked sentences in the order the links first name them, each read for its figures
    // once (in parallel: reading figures is most of this step's cost).
    let mut seen = vec![false; segmented.sentences.len()];
    let sentences: Vec<SentenceId> = linked
        .iter()
        .flat_map(|l| [l.a, l.b])
        .filter(|&s| {
            seen.get_mut(s.index())
                .is_some_and(|x| !std::mem::replace(x, true))
        })
        .collect();
    let figures: Vec<Vec<Anchor>> = sentences
        .par_iter()
        .map(|&s| anchors_of(corpus, segmented, s))
        .collect();
    // Each sentence's figures, as a range of `found`.
    let mut of_sentence: Vec<std::ops::Range<usize>> = vec![0..0; segmented.sentences.len()];
    let mut found: Vec<Anchor> = Vec::new();
    for (s, figures) in sentences.into_iter().zip(figures) {
        if figures.is_empty() {
            continue;
        }
        of_sentence[s.index()] = found.len()..found.len() + figures.len();
        found.extend(figures);
    }
    // Candidate ties, best first: (similarity, figure, figure, link score).
    let mut ties: Vec<(f32, usize, usize, f32)> = linked
        .par_iter()
        .flat_map_iter(|l| {
            let xs = of_sentence.get(l.a.index()).cloned().unwrap_or_default();
            let ys = of_sentence.get(l.b.index()).cloned().unwrap_or_default();
            let found = &found;
            xs.flat_map(move |i| {
                ys.clone().filter_map(move |j| {
                    let (a, b) = (&found[i], &found[j]);
                    compare::relate(&a.figure, &b.figure)?;
                    let sim = compare::similarity(&a.context, &b.context);
                    (sim >= MIN_SIMILARITY).then_some((sim, i, j, l.score))
                })
            })
        })
        .collect();
    ties.sort_by(|p, q| q.0.total_cmp(&p.0).then((p.1, p.2).cmp(&(q.1, q.2))));
    Ties { found, ties }
}

/// `anchor` with the ties already found (`ties`); `cap` bounds an article's mentions in one
/// event.
pub fn anchor_ties(corpus: &Corpus, segmented: &Segmented, ties: Ties, events: &mut Vec<Event>, cap: usize) {
    let Ties { found, ties } = ties;
    let mut held = Held::new(corpus.articles.len(), events);
    // Each figure ties at most once to each other article.
    let mut used: BTreeSet<(usize, ArticleId)> = BTreeSet::new();
    for (sim, i, j, score) in ties {
        let (a, b) = (&found[i], &found[j]);
        if used.contains(&(i, b.article)) || used.contains(&(j, a.article)) {
            continue;
        }
        let (ea, eb) = (
            held.event_at(a.article, a.figure.span),
            held.event_at(b.article, b.figure.span),
        );
        let tied = match (ea, eb) {
            (Some(x), Some(y)) => {
                // Two events the aligner kept apart whose figures conflict are more often two
                // look-alike facts than one fact misreported.
                let agree = compare::relate(&a.figure, &b.figure).is_some_and(|r| r != Relation::Conflict);
                x != y && agree && sim >= MERGE_SIMILARITY && held.merge(events, x, y, cap)
            }
            (Some(e), None) => held.join(corpus, segmented, events, e, b, cap),
            (None, Some(e)) => held.join(corpus, segmented, events, e, a, cap),
            (None, None) => held.pair(corpus, segmented, events, a, b, score),
        };
        if tied {
            used.extend([(i, b.article), (j, a.article)]);
        }
    }
    renumber(events);
}

/// Puts an event's mentions back in article and text order and its sources in step with them.
fn settle(event: &mut Event) {
    event.mentions.sort_by_key(|m| (m.article, m.span.start));
    event.sources = event.mentions.iter().map(|m| m.article).collect();
    event.sources.dedup();
}

/// Events emptied by merging are dropped and the rest numbered again.
fn renumber(events: &mut Vec<Event>) {
    events.retain(|e| !e.mentions.is_empty());
    for (i, e) in events.iter_mut().enumerate() {
        e.id = EventId::from_index(i);
    }
}

fn article_of(segmented: &Segmented, s: SentenceId) -> ArticleId {
    segmented.sentences[s.index()].article
}

/// The figures of sentence `s` that may anchor, spans into the article.
fn anchors_of(corpus: &Corpus, segmented: &Segmented, s: SentenceId) -> Vec<Anchor> {
    let sentence = &segmented.sentences[s.index()];
    // A sentence without a number states no exact figure (most sentences: reading their figures
    // would cost more than the rest of this step).
    if !sentence.tokens.iter().any(|t| t.class == TokenClass::Number) {
        return Vec::new();
    }
    let Some(text) = corpus
        .articles
        .get(sentence.article.index())
        .and_then(|a| a.text.get(sentence.span.range()))
    else {
        return Vec::new();
    };
    figures::figures(text)
        .into_iter()
        .filter(anchors)
        .map(|mut figure| {
            figure.span = Span::new(
                figure.span.start + sentence.span.start,
                figure.span.end + sentence.span.start,
            );
            let context = compare::context(&sentence.tokens, figure.span);
            Anchor {
                sentence: s,
                article: sentence.article,
                figure,
                context,
            }
        })
        .collect()
}

/// Which event holds each stretch of each article, kept up to date as passages are added.
struct Held {
    /// Per article: (span, event index).
    spans: Vec<Vec<(Span, usize)>>,
}

impl Held {
    fn new(articles: usize, events: &[Event]) -> Held {
        let mut spans = vec![Vec::new(); articles];
        for (e, event) in events.iter().enumerate() {
            for m in &event.mentions {
                if let Some(v) = spans.get_mut(m.article.index()) {
                    v.push((m.span, e));
                }
            }
        }
        Held { spans }
    }

    fn event_at(&self, article: ArticleId, span: Span) -> Option<usize> {
        self.spans
            .get(article.index())?
            .iter()
            .find(|(s, _)| s.overlap(span) > 0)
            .map(|&(_, e)| e)
    }

    /// The part of the anchor's sentence around its figure that no event holds, without the
    /// spaces and punctuation at its edges.
    fn free_part(&self, corpus: &Corpus, segmented: &Segmented, anchor: &Anchor) -> Option<Span> {
        let sentence = segmented.sentences[anchor.sentence.index()].span;
        let at = anchor.figure.span;
        let (mut start, mut end) = (sentence.start, sentence.end);
        for &(s, _) in self.spans.get(anchor.article.index())? {
            if s.end <= at.start && s.end > start && s.start < sentence.end {
                start = s.end;
            }
            if s.start >= at.end && s.start < end && s.end > sentence.start {
                end = s.start;
            }
        }
        let text = corpus
            .articles
            .get(anchor.article.index())?
            .text
            .get(start..end)?;
        let edge = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—');
        let lead = text.len() - text.trim_start_matches(edge).len();
        let trail = text.len() - text.trim_end_matches(edge).len();
        let span = Span::new(start + lead, end - trail);
        (span.start <= at.start && span.end >= at.end).then_some(span)
    }

    /// The mention of `span`, now held by event `event`.
    fn hold(&mut self, anchor: &Anchor, span: Span, event: usize) -> Mention {
        if let Some(v) = self.spans.get_mut(anchor.article.index()) {
            v.push((span, event));
        }
        Mention {
            article: anchor.article,
            span,
            sentence: anchor.sentence,
            quote: false,
            match_kind: MatchKind::Paraphrase,
            speaker: None,
        }
    }

    /// Adds the anchor's passage to event `e`, unless its article already has more than one
    /// mention beyond `cap` there: a fact tied by its figure is often told in a sentence of its
    /// own beside those the event was built from, and an event that gathers a story's main news
    /// (`events::headline`) holds an article's headline and lead besides.
    fn join(
        &mut self,
        corpus: &Corpus,
        segmented: &Segmented,
        events: &mut [Event],
        e: usize,
        anchor: &Anchor,
        cap: usize,
    ) -> bool {
        let already = events[e]
            .mentions
            .iter()
            .filter(|m| m.article == anchor.article)
            .count();
        if already > cap + 1 {
            return false;
        }
        let Some(span) = self.free_part(corpus, segmented, anchor) else {
            return false;
        };
        let mention = self.hold(anchor, span, e);
        let event = &mut events[e];
        event.mentions.push(mention);
        settle(event);
        true
    }

    /// Moves event `y`'s mentions into event `x`, unless an article would pass `cap` + 1.
    fn merge(&mut self, events: &mut [Event], x: usize, y: usize, cap: usize) -> bool {
        let mut mentions = events[x].mentions.clone();
        mentions.extend(events[y].mentions.iter().cloned());
        let mut per: BTreeMap<ArticleId, usize> = BTreeMap::new();
        for m in &mentions {
            *per.entry(m.article).or_default() += 1;
        }
        if per.values().any(|&k| k > cap + 1) || events[y].mentions.is_empty() {
            return false;
        }
        events[x].mentions = mentions;
        settle(&mut events[x]);
        events[x].confidence = Confidence::Weak;
        events[y].mentions.clear();
        for spans in &mut self.spans {
            for (_, e) in spans.iter_mut() {
                if *e == y {
                    *e = x;
                }
            }
        }
        true
    }

    /// A new event of the two anchors' passages.
    fn pair(
        &mut self,
        corpus: &Corpus,
        segmented: &Segmented,
        events: &mut Vec<Event>,
        a: &Anchor,
        b: &Anchor,
        score: f32,
    ) -> bool {
        let e = events.len();
        let (Some(pa), Some(pb)) = (
            self.free_part(corpus, segmented, a),
            self.free_part(corpus, segmented, b),
        ) else {
            return false;
        };
        let mut event = Event {
            id: EventId::from_index(e),
            label: String::new(),
            kind: EventKind::Statement,
            speaker: None,
            sources: Vec::new(),
            mentions: vec![self.hold(a, pa, e), self.hold(b, pb, e)],
            cohesion: score,
            agreement: Agreement::default(),
            confidence: Confidence::Weak,
        };
        settle(&mut event);
        let first = &event.mentions[0];
        event.label = label(corpus.article(first.article).slice(first.span));
        events.push(event);
        true
    }
}

/// The passage's first words, capitalised, with an ellipsis when cut.
fn label(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words[..words.len().min(LABEL_WORDS)].join(" ");
    if let Some(first) = out.chars().next() {
        let upper: String = first.to_uppercase().collect();
        out.replace_range(..first.len_utf8(), &upper);
    }
    if words.len() > LABEL_WORDS {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::from_texts;
    use crate::segment;

    /// Two articles whose `linked` sentences (index in the first, index in the second) the
    /// aligner linked at a weak score.
    fn story(texts: &[&str], linked: &[(usize, usize)]) -> (Corpus, Segmented, Vec<Link>) {
        let corpus = from_texts(texts);
        let seg = segment::segment(&corpus);
        let links = linked
            .iter()
            .map(|&(x, y)| {
                let (a, b) = (sentence(&seg, 0, x), sentence(&seg, 1, y));
                Link::new(
                    a,
                    b,
                    0.3,
                    seg.sentences[a.index()].span,
                    seg.sentences[b.index()].span,
                )
            })
            .collect();
        (corpus, seg, links)
    }

    fn sentence(seg: &Segmented, article: usize, k: usize) -> SentenceId {
        seg.of_article(ArticleId::from_index(article))[k].id
    }

    /// An event of the given mentions: (article, sentence index, text of the passage).
    fn event(corpus: &Corpus, seg: &Segmented, members: &[(usize, usize, &str)]) -> Event {
        let mentions: Vec<Mention> = members
            .iter()
            .map(|&(a, k, passage)| {
                let s = &seg.sentences[sentence(seg, a, k).index()];
                let text = &corpus.articles[a].text;
                let start = text.find(passage).expect("passage in text");
                Mention {
                    article: s.article,
                    span: Span::new(start, start + passage.len()),
                    sentence: s.id,
                    quote: false,
                    match_kind: MatchKind::Paraphrase,
                    speaker: None,
                }
            })
            .collect();
        Event {
            id: EventId(0),
            label: String::new(),
            kind: EventKind::Statement,
            speaker: None,
            sources: mentions.iter().map(|m| m.article).collect(),
            mentions,
            cohesion: 0.5,
            agreement: Agreement::default(),
            confidence: Confidence::Strong,
        }
    }

    fn texts_of(corpus: &Corpus, event: &Event) -> Vec<String> {
        event
            .mentions
            .iter()
            .map(|m| corpus.article(m.article).slice(m.span).to_string())
            .collect()
    }

    fn anchored(texts: &[&str], linked: &[(usize, usize)]) -> (Corpus, Vec<Event>) {
        let (corpus, seg, links) = story(texts, linked);
        let mut events = Vec::new();
        anchor(&corpus, &seg, &links, &mut events, 0.22, 2);
        (corpus, events)
    }

    const A: &str = "The couple spent the money on trips. Among the allegations in the 48-page indictment were family trips to Italy.";
    const B: &str =
        "Prosecutors filed the case on Tuesday. The couple took family trips, the 47-page indictment says.";

    #[test]
    fn linked_sentences_counting_the_same_thing_form_an_event_and_their_figures_are_compared() {
        let (corpus, events) = anchored(&[A, B], &[(1, 1)]);
        assert_eq!(events.len(), 1);
        assert_eq!(
            texts_of(&corpus, &events[0]),
            [
                "Among the allegations in the 48-page indictment were family trips to Italy.",
                "The couple took family trips, the 47-page indictment says."
            ]
        );
        assert_eq!(events[0].confidence, Confidence::Weak);
        let flags = crate::discrepancies::of_event(&corpus, &events[0]);
        assert_eq!(flags.len(), 1, "{flags:?}");
        let values: Vec<&str> = flags[0].values.values().map(String::as_str).collect();
        assert_eq!(values, ["48-page", "47-page"]);
    }

    #[test]
    fn sentences_the_aligner_did_not_link_are_not_tied_by_a_figure() {
        let (_, events) = anchored(&[A, B], &[(0, 0)]);
        assert!(events.is_empty(), "{events:?}");
    }

    #[test]
    fn a_share_anchors_nothing() {
        let a = "Nothing here. The tariff on steel is 25 percent of the price, officials said.";
        let b = "Nothing there. The tariff on steel covered 30 percent of the price, officials said.";
        let (_, events) = anchored(&[a, b], &[(1, 1)]);
        assert!(events.is_empty(), "{events:?}");
    }

    #[test]
    fn different_words_around_the_figures_tie_nothing() {
        let a = "Nothing here. Police arrested three protesters near the embassy on Sunday.";
        let b = "Nothing there. Doctors treated five protesters for injuries from tear gas.";
        let (_, events) = anchored(&[a, b], &[(1, 1)]);
        assert!(events.is_empty(), "{events:?}");
    }

    #[test]
    fn a_passage_joins_the_event_holding_its_counterpart() {
        let (corpus, seg, links) = story(&[A, B], &[(1, 1)]);
        let held = event(
            &corpus,
            &seg,
            &[
                (
                    0,
                    1,
                    "Among the allegations in the 48-page indictment were family trips to Italy.",
                ),
                (1, 0, "Prosecutors filed the case on Tuesday."),
            ],
        );
        let mut events = vec![held];
        anchor(&corpus, &seg, &links, &mut events, 0.22, 2);
        assert_eq!(events.len(), 1, "no new event");
        assert_eq!(
            texts_of(&corpus, &events[0])[2],
            "The couple took family trips, the 47-page indictment says."
        );
        assert_eq!(events[0].sources.len(), 2);
    }

    #[test]
    fn a_passage_taken_is_the_part_of_its_sentence_no_event_holds() {
        let b = "Prosecutors filed the case on Tuesday; the couple took family trips, the 47-page indictment says.";
        let (corpus, seg, links) = story(&[A, b], &[(1, 0)]);
        let held = event(
            &corpus,
            &seg,
            &[
                (0, 0, "The couple spent the money on trips."),
                (1, 0, "Prosecutors filed the case on Tuesday"),
            ],
        );
        let mut events = vec![held];
        anchor(&corpus, &seg, &links, &mut events, 0.22, 2);
        assert_eq!(events.len(), 2);
        assert_eq!(
            texts_of(&corpus, &events[1]),
            [
                "Among the allegations in the 48-page indictment were family trips to Italy.",
                "the couple took family trips, the 47-page indictment says."
            ]
        );
    }

    /// Two events, each holding one article's report of a repayment, and a link between them.
    fn repaid(first: &str, second: &str) -> (Corpus, Vec<Event>) {
        let a = format!("The lawyers spoke on Monday. {first}");
        let b = format!("The office declined to comment. {second}");
        let (corpus, seg, links) = story(&[&a, &b], &[(1, 1)]);
        // Each event holds one of the two repayments.
        let mut events = vec![
            event(
                &corpus,
                &seg,
                &[(0, 0, "The lawyers spoke on Monday."), (1, 1, second)],
            ),
            event(
                &corpus,
                &seg,
                &[(0, 1, first), (1, 0, "The office declined to comment.")],
            ),
        ];
        anchor(&corpus, &seg, &links, &mut events, 0.22, 2);
        (corpus, events)
    }

    #[test]
    fn two_events_stating_one_figure_alike_in_matching_words_become_one() {
        let (corpus, events) = repaid(
            "The couple repaid the campaign about $60,000 last year.",
            "The couple repaid the campaign more than $60,000 last year.",
        );
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].id, EventId(0));
        assert_eq!(events[0].mentions.len(), 4);
        assert_eq!(events[0].confidence, Confidence::Weak);
        let flags = crate::discrepancies::of_event(&corpus, &events[0]);
        assert_eq!(flags.len(), 1, "{flags:?}");
    }

    #[test]
    fn two_events_whose_figures_conflict_stay_apart() {
        let (_, events) = repaid(
            "The couple repaid the campaign $60,000 last year.",
            "The couple repaid the campaign $90,000 last year.",
        );
        assert_eq!(events.len(), 2, "{events:?}");
    }
}
