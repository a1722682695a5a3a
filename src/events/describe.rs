//! Turns clusters of sentences into `Event`s: the passage of each mention, whether it is a
//! quotation, the speaker, a readable label, how each mention's wording compares, and the order
//! in which the reader steps through them (most sources first).

use super::{Cluster, mention_span};
use crate::align::Link;
use crate::model::{
    Agreement, ArticleId, Corpus, Event, EventId, EventKind, MatchKind, Mention, Quote, SentenceId, Span,
};
use crate::segment::{Segmented, TokenClass};
use crate::settings::AlignSettings;
use crate::variants;
use std::collections::{HashMap, HashSet};

/// Events from clusters, ranked and numbered.
pub fn describe(
    corpus: &Corpus,
    segmented: &Segmented,
    quotes: &[Quote],
    links: &[Link],
    clusters: &[Cluster],
    settings: &AlignSettings,
) -> Vec<Event> {
    let mut events: Vec<(Event, usize)> = clusters
        .iter()
        .filter_map(|c| describe_one(corpus, segmented, quotes, links, c, settings))
        .collect();
    events.sort_by(|(x, fx), (y, fy)| {
        y.sources
            .len()
            .cmp(&x.sources.len())
            .then(y.cohesion.total_cmp(&x.cohesion))
            .then(fx.cmp(fy))
    });
    events
        .into_iter()
        .enumerate()
        .map(|(i, (mut e, _))| {
            e.id = EventId::from_index(i);
            e
        })
        .collect()
}

fn describe_one(
    corpus: &Corpus,
    segmented: &Segmented,
    quotes: &[Quote],
    links: &[Link],
    cluster: &Cluster,
    settings: &AlignSettings,
) -> Option<(Event, usize)> {
    let members: HashSet<SentenceId> = cluster.sentences.iter().copied().collect();
    let inner: Vec<&Link> = links
        .iter()
        .filter(|l| members.contains(&l.a) && members.contains(&l.b))
        .collect();
    let mut mentions: Vec<Mention> = cluster
        .sentences
        .iter()
        .map(|&s| {
            let sentence = &segmented.sentences[s.index()];
            let span = mention_span(segmented, &inner, s, settings);
            let quoted: usize = quotes
                .iter()
                .filter(|q| q.article == sentence.article)
                .map(|q| q.span.overlap(span))
                .sum();
            Mention {
                article: sentence.article,
                span,
                sentence: s,
                quote: quoted * 2 >= span.len(),
                match_kind: MatchKind::Paraphrase,
            }
        })
        .collect();
    mentions.sort_by_key(|m| (m.article, m.span.start));
    let mut sources: Vec<ArticleId> = mentions.iter().map(|m| m.article).collect();
    sources.dedup();
    if sources.len() < 2 {
        return None;
    }
    classify_mentions(segmented, &mut mentions, settings);
    let quote_mentions = mentions.iter().filter(|m| m.quote).count();
    let kind = if quote_mentions * 2 >= mentions.len() {
        EventKind::Quote
    } else {
        EventKind::Statement
    };
    let speaker = speaker_of(quotes, &mentions);
    let cohesion = if inner.is_empty() {
        0.0
    } else {
        inner.iter().map(|l| l.score).sum::<f32>() / inner.len() as f32
    };
    let label = label_of(corpus, segmented, &mentions, &inner, kind, speaker.as_deref());
    let first = mentions.first().map_or(0, |m| m.sentence.index());
    Some((
        Event {
            id: EventId(0),
            label,
            kind,
            speaker,
            sources,
            mentions,
            cohesion,
            agreement: Agreement::default(),
        },
        first,
    ))
}

/// Normalised word keys of a passage (every word, stop words included: wording is the point).
fn keys(segmented: &Segmented, m: &Mention) -> Vec<String> {
    segmented.sentences[m.sentence.index()]
        .tokens
        .iter()
        .filter(|t| m.span.contains(t.span))
        .map(|t| t.key.clone())
        .collect()
}

/// Each mention's match kind: the closest it comes to any mention in another article.
fn classify_mentions(segmented: &Segmented, mentions: &mut [Mention], settings: &AlignSettings) {
    let all: Vec<Vec<String>> = mentions.iter().map(|m| keys(segmented, m)).collect();
    for i in 0..mentions.len() {
        let ki: Vec<&str> = all[i].iter().map(String::as_str).collect();
        let best = (0..mentions.len())
            .filter(|&j| mentions[j].article != mentions[i].article)
            .map(|j| {
                let kj: Vec<&str> = all[j].iter().map(String::as_str).collect();
                variants::classify(&ki, &kj, settings.reworded_min_dice)
            })
            .min()
            .unwrap_or(MatchKind::Paraphrase);
        mentions[i].match_kind = best;
    }
}

/// The most frequent speaker among the quotations the mentions overlap. Named persons outvote
/// organisations and places ("Russia insists…" beside "Sherman said"); ties go to the speaker
/// met first in mention order.
fn speaker_of(quotes: &[Quote], mentions: &[Mention]) -> Option<String> {
    // (is a person, count, first seen) per speaker.
    let mut counts: HashMap<&str, (bool, usize, usize)> = HashMap::new();
    let mut seen = 0;
    for m in mentions {
        for q in quotes
            .iter()
            .filter(|q| q.article == m.article && q.span.overlap(m.span) > 0)
        {
            if let Some(s) = &q.speaker {
                let entry = counts.entry(s.as_str()).or_insert((q.person, 0, seen));
                entry.1 += 1;
                seen += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| {
            let (pa, ca, fa) = a.1;
            let (pb, cb, fb) = b.1;
            pa.cmp(&pb).then(ca.cmp(&cb)).then(fb.cmp(&fa))
        })
        .map(|(s, _)| s.to_string())
}

const LABEL_WORDS: usize = 9;

/// "Ryabkov: “no plans, no intentions to attack…”" for a quote; the central sentence's opening
/// words for a statement.
fn label_of(
    corpus: &Corpus,
    segmented: &Segmented,
    mentions: &[Mention],
    inner: &[&Link],
    kind: EventKind,
    speaker: Option<&str>,
) -> String {
    // The central mention: the one with the highest sum of link scores inside the event.
    let centrality = |m: &Mention| -> f32 {
        inner
            .iter()
            .filter(|l| l.a == m.sentence || l.b == m.sentence)
            .map(|l| l.score)
            .sum()
    };
    let central = mentions
        .iter()
        .filter(|m| kind == EventKind::Statement || m.quote)
        .max_by(|a, b| centrality(a).total_cmp(&centrality(b)))
        .or(mentions.first());
    let Some(m) = central else {
        return String::new();
    };
    let text = corpus.article(m.article).slice(m.span);
    let body = short_words(text, segmented, m);
    match (kind, speaker) {
        (EventKind::Quote, Some(s)) => {
            let surname = s.rsplit(' ').next().unwrap_or(s);
            format!("{surname}: “{body}”")
        }
        (EventKind::Quote, None) => format!("“{body}”"),
        _ => body,
    }
}

/// The first words of a passage, from its first content word, cut at `LABEL_WORDS` words.
fn short_words(text: &str, segmented: &Segmented, m: &Mention) -> String {
    let sentence = &segmented.sentences[m.sentence.index()];
    let tokens: Vec<_> = sentence
        .tokens
        .iter()
        .filter(|t| m.span.contains(t.span))
        .collect();
    let start = tokens
        .iter()
        .position(|t| t.class == TokenClass::Content || t.class == TokenClass::Number)
        .unwrap_or(0)
        .min(tokens.len().saturating_sub(1));
    let Some(first) = tokens.get(start) else {
        return text.trim().to_string();
    };
    let last = tokens[(start + LABEL_WORDS).min(tokens.len()) - 1];
    let base = m.span.start;
    let words_span = Span::new(first.span.start - base, last.span.end - base);
    let mut label = text.get(words_span.range()).unwrap_or(text).to_string();
    if start + LABEL_WORDS < tokens.len() {
        label.push('…');
    }
    label.split_whitespace().collect::<Vec<_>>().join(" ")
}
