//! Turns clusters of sentences into `Event`s: the passage of each mention, whether it is a
//! quotation, the speaker, a readable label, how each mention's wording compares, and the order
//! in which the reader steps through them (most sources first).

use super::Cluster;
use super::passages::{Passage, links_within};
use crate::align::Link;
use crate::model::{
    Agreement, ArticleId, Confidence, Corpus, Event, EventId, EventKind, MatchKind, Mention, Quote,
    SentenceId, Span,
};
use crate::segment::{Segmented, TokenClass};
use crate::settings::AlignSettings;
use crate::speakers::kinds::kind_of;
use crate::variants::{self, KeyMap, WordIds};
use rayon::prelude::*;
use std::collections::HashMap;

/// Events from clusters, ranked and numbered.
/// `reported` holds the sentences of indirect speech with their speakers
/// (`quotes::find_attributions`): they credit mentions, never make them quotations.
pub fn describe(
    corpus: &Corpus,
    segmented: &Segmented,
    (quotes, reported): (&[Quote], &[Quote]),
    links: &[Link],
    clusters: &[Cluster],
    settings: &AlignSettings,
) -> Vec<Event> {
    let by_article = crate::align::quotes_by_article(quotes, corpus.articles.len());
    let reported = crate::align::quotes_by_article(reported, corpus.articles.len());
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); segmented.sentences.len()];
    for (i, l) in links.iter().enumerate() {
        if let Some(v) = by_sentence.get_mut(l.a.index()) {
            v.push(i);
        }
    }
    let ctx = Context {
        corpus,
        segmented,
        quotes: &by_article,
        reported: &reported,
        links,
        by_sentence: &by_sentence,
        settings,
    };
    let passages = super::passages::separate(segmented, links, &by_sentence, clusters, settings);
    let mut events: Vec<(Event, usize)> = passages
        .par_iter()
        .filter_map(|p| describe_one(&ctx, p))
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

/// What describing one cluster needs; links are indexed by their `a` end.
struct Context<'a> {
    corpus: &'a Corpus,
    segmented: &'a Segmented,
    quotes: &'a [Vec<&'a Quote>],
    reported: &'a [Vec<&'a Quote>],
    links: &'a [Link],
    by_sentence: &'a [Vec<usize>],
    settings: &'a AlignSettings,
}

fn describe_one(ctx: &Context<'_>, passages: &[Passage]) -> Option<(Event, usize)> {
    let Context {
        corpus,
        segmented,
        links,
        settings,
        ..
    } = *ctx;
    let quotes_of = |a: ArticleId| -> &[&Quote] { ctx.quotes.get(a.index()).map_or(&[], Vec::as_slice) };
    let members: Vec<SentenceId> = passages.iter().map(|p| p.sentence).collect();
    let inner = links_within(&members, links, ctx.by_sentence);
    // The event's links by sentence, so per-mention work does not rescan all of them.
    let mut touching: KeyMap<SentenceId, Vec<&Link>> = KeyMap::default();
    for &l in &inner {
        touching.entry(l.a).or_default().push(l);
        touching.entry(l.b).or_default().push(l);
    }
    let mut mentions: Vec<Mention> = passages
        .iter()
        .map(
            |&Passage {
                 sentence: s, span, ..
             }| {
                let sentence = &segmented.sentences[s.index()];
                let quoted: usize = quotes_of(sentence.article)
                    .iter()
                    .map(|q| q.span.overlap(span))
                    .sum();
                Mention {
                    article: sentence.article,
                    span,
                    sentence: s,
                    quote: quoted * 2 >= span.len(),
                    match_kind: MatchKind::Paraphrase,
                    speaker: None,
                }
            },
        )
        .collect();
    mentions.sort_by_key(|m| (m.article, m.span.start));
    let mut sources: Vec<ArticleId> = mentions.iter().map(|m| m.article).collect();
    sources.dedup();
    if sources.len() < 2 {
        return None;
    }
    let quote_mentions = mentions.iter().filter(|m| m.quote).count();
    let kind = if quote_mentions * 2 >= mentions.len() {
        EventKind::Quote
    } else {
        EventKind::Statement
    };
    classify_mentions(segmented, &quotes_of, kind, &mut mentions, settings);
    credit_mentions(ctx.quotes, ctx.reported, &mut mentions);
    // Outlets that report the words in indirect speech credit a speaker too.
    let speaker = speaker_of(ctx.quotes, ctx.reported, &mentions);
    let cohesion = mean_score(&inner);
    let centrality: KeyMap<SentenceId, f32> = touching
        .iter()
        .map(|(&s, ls)| (s, ls.iter().map(|l| l.score).sum()))
        .collect();
    let label = label_of(
        corpus,
        segmented,
        ctx.quotes,
        &mentions,
        &centrality,
        kind,
        speaker.as_deref(),
    );
    let confidence = confidence_of(kind, &mentions, &inner, cohesion, settings);
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
            confidence,
        },
        first,
    ))
}

/// A joined event (`headline::join`) is strong only when at least a third of its mentions come
/// from events, of two sources or more, that would be strong on their own: the links between
/// different reports of the news never make it strong.
pub fn confirm_joined(
    events: &mut [Event],
    parts: &super::headline::Parts,
    links: &[Link],
    settings: &AlignSettings,
) {
    if parts.is_empty() {
        return;
    }
    let mut within: KeyMap<u32, Vec<&Link>> = KeyMap::default();
    for l in links {
        if let (Some(a), Some(b)) = (parts.get(&l.a), parts.get(&l.b))
            && a == b
        {
            within.entry(*a).or_default().push(l);
        }
    }
    for event in events.iter_mut() {
        // An event of its own may share a sentence with a joined one (a sentence that reports
        // two facts): only an event whose every mention comes from a joined one is joined.
        if !event.mentions.iter().all(|m| parts.contains_key(&m.sentence)) {
            continue;
        }
        let mut ids: Vec<u32> = event
            .mentions
            .iter()
            .filter_map(|m| parts.get(&m.sentence).copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() < 2 {
            continue;
        }
        let sure = ids.iter().filter(|id| {
            let mentions: Vec<Mention> = event
                .mentions
                .iter()
                .filter(|m| parts.get(&m.sentence) == Some(id))
                .cloned()
                .collect();
            let mut sources: Vec<ArticleId> = mentions.iter().map(|m| m.article).collect();
            sources.sort_unstable();
            sources.dedup();
            if sources.len() < 2 {
                return false;
            }
            let members: Vec<SentenceId> = mentions.iter().map(|m| m.sentence).collect();
            let inner: Vec<&Link> = within
                .get(id)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .copied()
                .filter(|l| members.contains(&l.a) && members.contains(&l.b))
                .collect();
            let cohesion = mean_score(&inner);
            confidence_of(event.kind, &mentions, &inner, cohesion, settings) == Confidence::Strong
        });
        let sure: usize = sure
            .map(|id| {
                event
                    .mentions
                    .iter()
                    .filter(|m| parts.get(&m.sentence) == Some(id))
                    .count()
            })
            .sum();
        let strong = sure * 3 >= event.mentions.len();
        event.confidence = if strong {
            Confidence::Strong
        } else {
            Confidence::Weak
        };
    }
}

/// The mean score of an event's links (0 without links): its cohesion.
fn mean_score(inner: &[&Link]) -> f32 {
    if inner.is_empty() {
        0.0
    } else {
        inner.iter().map(|l| l.score).sum::<f32>() / inner.len() as f32
    }
}

/// Strong when the links are firm on average and every mention links directly to enough of the
/// mentions in other articles (no member holds on through another one alone). Two sources alone
/// must also word it alike (verbatim or reworded), or be two passages linked more firmly still
/// and, for a quote, both credited to one speaker: one middling link between two paraphrases is
/// too often a shared phrase in two different reports.
fn confidence_of(
    kind: EventKind,
    mentions: &[Mention],
    inner: &[&Link],
    cohesion: f32,
    settings: &AlignSettings,
) -> Confidence {
    // Links reached by each mention (a link stands for `1 / kept` links, see `Link::kept`), and
    // mentions per article, so each share costs nothing more.
    let mut reached: KeyMap<SentenceId, f32> = KeyMap::default();
    for l in inner {
        let w = l.stands_for();
        *reached.entry(l.a).or_default() += w;
        *reached.entry(l.b).or_default() += w;
    }
    let mut per_article: KeyMap<ArticleId, usize> = KeyMap::default();
    for m in mentions {
        *per_article.entry(m.article).or_default() += 1;
    }
    let least_share = mentions
        .iter()
        .map(|m| {
            let others = mentions.len() - per_article.get(&m.article).copied().unwrap_or(0);
            let hit = reached.get(&m.sentence).copied().unwrap_or(0.0);
            (hit / others.max(1) as f32).min(1.0)
        })
        .fold(1.0f32, f32::min);
    let mut sources: Vec<ArticleId> = mentions.iter().map(|m| m.article).collect();
    sources.sort_unstable();
    sources.dedup();
    let one_speaker = || {
        let first = mentions.first().and_then(|m| m.speaker.as_ref());
        first.is_some() && mentions.iter().all(|m| m.speaker.as_ref() == first)
    };
    let corroborated = sources.len() >= 3
        || mentions.iter().all(|m| m.match_kind <= MatchKind::Reworded)
        || (mentions.len() == 2
            && cohesion >= settings.strong_pair_min_cohesion
            && (kind != EventKind::Quote || one_speaker()));
    if cohesion >= settings.strong_min_cohesion
        && least_share >= settings.strong_min_link_share
        && corroborated
    {
        Confidence::Strong
    } else {
        Confidence::Weak
    }
}

/// Normalised word keys of the compared parts of a mention (every word, stop words included:
/// wording is the point), from its sentence's tokens, as numbers of `ids`.
fn keys<'s>(segmented: &'s Segmented, m: &Mention, parts: &[Span], ids: &mut WordIds<'s>) -> Vec<u32> {
    ids.ids_of(
        segmented.sentences[m.sentence.index()]
            .tokens
            .iter()
            .filter(|t| parts.iter().any(|p| p.contains(t.span)))
            .map(|t| t.key.as_str()),
    )
}

/// Each mention's match kind against the event's most common wording, comparing the quoted
/// words of quoted mentions of a quote event (see `variants`).
fn classify_mentions<'q>(
    segmented: &Segmented,
    quotes_of: &dyn Fn(ArticleId) -> &'q [&'q Quote],
    kind: EventKind,
    mentions: &mut [Mention],
    settings: &AlignSettings,
) {
    let mut ids = WordIds::default();
    let all: Vec<Vec<u32>> = mentions
        .iter()
        .map(|m| {
            let quoted = quotes_of(m.article).iter().map(|q| q.span);
            keys(segmented, m, &variants::compared_parts(kind, m, quoted), &mut ids)
        })
        .collect();
    let articles: Vec<ArticleId> = mentions.iter().map(|m| m.article).collect();
    let kinds = variants::match_kinds(&all, &articles, settings.reworded_min_dice);
    for (m, k) in mentions.iter_mut().zip(kinds) {
        m.match_kind = k;
    }
}

/// Who one mention's article credits: the speaker of the attributed passage it overlaps most
/// (persons and bodies before outlets and places on a tie).
fn credited(attributed: &[Vec<&Quote>], m: &Mention) -> Option<String> {
    attributed
        .get(m.article.index())
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter(|q| q.span.overlap(m.span) > 0)
        .filter_map(|q| {
            let s = q.speaker.as_deref()?;
            Some((q.span.overlap(m.span), kind_of(s, q.person).rank(), s))
        })
        .max_by_key(|&(bytes, rank, _)| (bytes, rank))
        .map(|(_, _, s)| s.to_string())
}

/// Each mention's speaker: who its article credits with the quotation it overlaps most, else
/// with the indirect speech it reports.
fn credit_mentions(quotes: &[Vec<&Quote>], reported: &[Vec<&Quote>], mentions: &mut [Mention]) {
    for m in mentions {
        m.speaker = credited(quotes, m).or_else(|| credited(reported, m));
    }
}

/// The speaker the most mentions are credited to (their `speaker`, see `credit_mentions`), then the one with the most
/// quoted words among the quotations the mentions overlap (a short phrase quoted in passing
/// counts for less than a whole statement). Persons and bodies that speak for themselves
/// outvote news outlets, which outvote places ("Russia insists…" beside "Sherman said"); on
/// equal credit a speaker quoted directly outvotes one credited only in indirect speech
/// (`reported`); ties go to the speaker met first in mention order.
fn speaker_of(quotes: &[Vec<&Quote>], reported: &[Vec<&Quote>], mentions: &[Mention]) -> Option<String> {
    let mut credits: HashMap<&str, usize> = HashMap::new();
    for s in mentions.iter().filter_map(|m| m.speaker.as_deref()) {
        *credits.entry(s).or_default() += 1;
    }
    let credit = |s: &str| credits.get(s).copied().unwrap_or(0);
    // (rank of its kind, quoted bytes, reported bytes, first seen) per speaker.
    let mut counts: HashMap<&str, (u8, usize, usize, usize)> = HashMap::new();
    let mut seen = 0;
    for (direct, attributed) in [(true, quotes), (false, reported)] {
        // Indirect speech adds to the speakers of quoted words; it does not make a reported
        // fact a quotation with a speaker.
        if !direct && counts.is_empty() {
            break;
        }
        for m in mentions {
            for q in attributed
                .get(m.article.index())
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .filter(|q| q.span.overlap(m.span) > 0)
            {
                if let Some(s) = &q.speaker {
                    let rank = kind_of(s, q.person).rank();
                    let entry = counts.entry(s.as_str()).or_insert((rank, 0, 0, seen));
                    if direct {
                        entry.1 += q.span.overlap(m.span);
                    } else {
                        entry.2 += q.span.overlap(m.span);
                    }
                    seen += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(s, (rank, direct, indirect, first))| {
            (
                rank,
                credit(s),
                direct > 0,
                direct + indirect,
                std::cmp::Reverse(first),
            )
        })
        .map(|(s, _)| s.to_string())
}

const LABEL_WORDS: usize = 9;

/// "Ryabkov: “no plans, no intentions to attack…”" for a quote; the central sentence's opening
/// words for a statement.
fn label_of(
    corpus: &Corpus,
    segmented: &Segmented,
    quotes: &[Vec<&Quote>],
    mentions: &[Mention],
    centrality: &KeyMap<SentenceId, f32>,
    kind: EventKind,
    speaker: Option<&str>,
) -> String {
    // The central mention: the one with the highest sum of link scores inside the event. For a
    // statement, mentions that begin where their sentence begins come first, so the label reads
    // as the start of a sentence rather than from the middle of a clause.
    let centrality = |m: &Mention| -> f32 { centrality.get(&m.sentence).copied().unwrap_or(0.0) };
    let starts_sentence = |m: &Mention| -> bool {
        kind == EventKind::Statement && segmented.sentences[m.sentence.index()].span.start == m.span.start
    };
    let central = mentions
        .iter()
        .filter(|m| kind == EventKind::Statement || m.quote)
        .max_by(|a, b| {
            starts_sentence(a)
                .cmp(&starts_sentence(b))
                .then(centrality(a).total_cmp(&centrality(b)))
        })
        .or(mentions.first());
    let Some(m) = central else {
        return String::new();
    };
    // A quote's label holds the quoted words alone: the part of the mention inside the
    // quotation it overlaps most, not the attribution around it.
    let span = if kind == EventKind::Quote {
        quotes
            .get(m.article.index())
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter(|q| q.span.overlap(m.span) > 0)
            .max_by_key(|q| q.span.overlap(m.span))
            .map_or(m.span, |q| {
                Span::new(q.span.start.max(m.span.start), q.span.end.min(m.span.end))
            })
    } else {
        m.span
    };
    let text = corpus.article(m.article).slice(span);
    let body = short_words(text, segmented, m.sentence, span, kind == EventKind::Quote);
    match (kind, speaker) {
        (EventKind::Quote, Some(s)) => {
            // The surname, or the family name written first when the last word is a one- or
            // two-letter given name ("Kim Jong Un").
            let mut words = s.split_whitespace();
            let first = words.next().unwrap_or(s);
            let last = words.next_back().unwrap_or(first);
            let surname = if last.chars().count() <= 2 { first } else { last };
            format!("{surname}: “{body}”")
        }
        (EventKind::Quote, None) => format!("“{body}”"),
        _ => body,
    }
}

/// The first words of a passage, cut at `LABEL_WORDS` words: for a quote from its first content
/// word (the quoted core), for a statement from its first word, with a capital to start.
fn short_words(
    text: &str,
    segmented: &Segmented,
    sentence: SentenceId,
    span: Span,
    from_content: bool,
) -> String {
    let sentence = &segmented.sentences[sentence.index()];
    let tokens: Vec<_> = sentence.tokens.iter().filter(|t| span.contains(t.span)).collect();
    let start = if from_content {
        tokens
            .iter()
            .position(|t| t.class == TokenClass::Content || t.class == TokenClass::Number)
            .unwrap_or(0)
            .min(tokens.len().saturating_sub(1))
    } else {
        0
    };
    let Some(first) = tokens.get(start) else {
        return text.trim().to_string();
    };
    let last = tokens[(start + LABEL_WORDS).min(tokens.len()) - 1];
    let base = span.start;
    let words_span = Span::new(first.span.start - base, last.span.end - base);
    let mut label = text.get(words_span.range()).unwrap_or(text).to_string();
    if start + LABEL_WORDS < tokens.len() {
        label.push('…');
    }
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    if from_content {
        return label;
    }
    let mut chars = label.chars();
    match chars.next() {
        Some(c) if c.is_lowercase() => c.to_uppercase().chain(chars).collect(),
        _ => label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(article: u32, start: usize, end: usize, speaker: &str, person: bool) -> Quote {
        Quote {
            article: ArticleId(article),
            span: Span::new(start, end),
            speaker: Some(speaker.into()),
            person,
            marked: true,
        }
    }

    fn mention(article: u32, start: usize, end: usize) -> Mention {
        Mention {
            article: ArticleId(article),
            span: Span::new(start, end),
            sentence: SentenceId(0),
            quote: false,
            match_kind: MatchKind::Paraphrase,
            speaker: None,
        }
    }

    #[test]
    fn the_speaker_quoted_at_length_outvotes_a_phrase_quoted_in_passing() {
        // Article 0 quotes two words of the president; article 1 a whole statement of the envoy.
        let q = [
            quote(0, 10, 30, "President", true),
            quote(1, 0, 120, "Envoy", true),
        ];
        let quotes = vec![vec![&q[0]], vec![&q[1]]];
        let mentions = [mention(0, 0, 150), mention(1, 0, 150)];
        assert_eq!(speaker_of(&quotes, &[], &mentions).as_deref(), Some("Envoy"));
        // A person outvotes a place or a news outlet however long its quotation.
        for other in ["Russia", "Associated Press"] {
            let q = [quote(0, 0, 140, other, false), quote(1, 0, 12, "Envoy", true)];
            let quotes = vec![vec![&q[0]], vec![&q[1]]];
            assert_eq!(speaker_of(&quotes, &[], &mentions).as_deref(), Some("Envoy"));
        }
        // A body that speaks for itself ranks with persons: the longer quotation wins.
        let q = [
            quote(0, 0, 140, "White House", false),
            quote(1, 0, 12, "Envoy", true),
        ];
        let quotes = vec![vec![&q[0]], vec![&q[1]]];
        assert_eq!(
            speaker_of(&quotes, &[], &mentions).as_deref(),
            Some("White House")
        );
    }

    #[test]
    fn each_mention_is_credited_with_the_quotation_it_overlaps_most() {
        let q = [
            quote(0, 0, 100, "Kim Jong Un", true),
            quote(0, 100, 110, "Korean Central News Agency", false),
        ];
        let quotes = vec![vec![&q[0], &q[1]]];
        assert_eq!(
            credited(&quotes, &mention(0, 50, 120)).as_deref(),
            Some("Kim Jong Un")
        );
        assert_eq!(credited(&quotes, &mention(0, 120, 150)), None);
    }

    #[test]
    fn a_body_credited_in_indirect_speech_outvotes_a_place_quoted_directly() {
        // One outlet quotes the words as the European Union's, another reports them as the
        // Commission's.
        let q = [quote(0, 0, 100, "European Union", false)];
        let r = [quote(1, 0, 120, "European Commission", false)];
        let quotes = vec![vec![&q[0]], vec![]];
        let reported = vec![vec![], vec![&r[0]]];
        let mentions = [mention(0, 0, 100), mention(1, 0, 120)];
        assert_eq!(
            speaker_of(&quotes, &reported, &mentions).as_deref(),
            Some("European Commission")
        );
        // Indirect speech alone makes no quotation with a speaker.
        let none: Vec<Vec<&Quote>> = vec![vec![], vec![]];
        assert_eq!(speaker_of(&none, &reported, &mentions), None);
        // A person quoted directly outvotes a body credited only in indirect speech.
        let q = [quote(0, 0, 20, "Kim Jong Un", true)];
        let quotes = vec![vec![&q[0]], vec![]];
        assert_eq!(
            speaker_of(&quotes, &reported, &mentions).as_deref(),
            Some("Kim Jong Un")
        );
    }

    #[test]
    fn the_speaker_most_outlets_credit_outvotes_a_phrase_quoted_directly_by_one() {
        // One outlet quotes two words of the president in a mention of the fact; two others
        // report the envoy's statement of it in indirect speech.
        let q = [quote(0, 10, 30, "President", true)];
        let r = [quote(1, 0, 120, "Envoy", true), quote(2, 0, 120, "Envoy", true)];
        let quotes = vec![vec![&q[0]], vec![], vec![]];
        let reported = vec![vec![], vec![&r[0]], vec![&r[1]]];
        let mut mentions = [mention(0, 0, 100), mention(1, 0, 120), mention(2, 0, 120)];
        credit_mentions(&quotes, &reported, &mut mentions);
        assert_eq!(
            speaker_of(&quotes, &reported, &mentions).as_deref(),
            Some("Envoy")
        );
        // On equal credit the words quoted directly decide.
        assert_eq!(
            speaker_of(&quotes, &reported, &mentions[..2]).as_deref(),
            Some("President")
        );
    }

    fn on_sentence(article: u32, sentence: u32) -> Mention {
        Mention {
            sentence: SentenceId(sentence),
            ..mention(article, 0, 1)
        }
    }

    fn scored(a: u32, b: u32, score: f32) -> Link {
        Link::new(
            SentenceId(a),
            SentenceId(b),
            score,
            Span::new(0, 1),
            Span::new(0, 1),
        )
    }

    #[test]
    fn an_event_is_strong_when_its_links_are_firm_and_reach_each_mention() {
        let settings = AlignSettings::default();
        let mentions = [on_sentence(0, 0), on_sentence(1, 1), on_sentence(2, 2)];
        let all = [scored(0, 1, 0.8), scored(0, 2, 0.7), scored(1, 2, 0.9)];
        let inner: Vec<&Link> = all.iter().collect();
        assert_eq!(
            confidence_of(EventKind::Statement, &mentions, &inner, 0.8, &settings),
            Confidence::Strong
        );
        // Firm links, but mention 2 hangs on mention 0 alone: one of the two others is enough
        // at a share of a half…
        let chain: Vec<&Link> = all[..2].iter().collect();
        assert_eq!(
            confidence_of(EventKind::Statement, &mentions, &chain, 0.75, &settings),
            Confidence::Strong
        );
        // …not when the share must be whole.
        let whole = AlignSettings {
            strong_min_link_share: 1.0,
            ..settings.clone()
        };
        assert_eq!(
            confidence_of(EventKind::Statement, &mentions, &chain, 0.75, &whole),
            Confidence::Weak
        );
        // Links that hold but average under the strong cohesion.
        assert_eq!(
            confidence_of(EventKind::Statement, &mentions, &inner, 0.4, &settings),
            Confidence::Weak
        );
    }

    #[test]
    fn two_passages_that_word_it_differently_need_a_firmer_link_and_one_speaker() {
        let settings = AlignSettings::default();
        let pair = |kind: MatchKind, speakers: [Option<&str>; 2]| {
            let ms = [on_sentence(0, 0), on_sentence(1, 1)];
            [0, 1].map(|i| Mention {
                match_kind: kind,
                speaker: speakers[i].map(str::to_owned),
                ..ms[i].clone()
            })
        };
        let confidence = |kind: EventKind, mentions: &[Mention], score: f32| {
            let link = [scored(0, 1, score)];
            let inner: Vec<&Link> = link.iter().collect();
            confidence_of(kind, mentions, &inner, score, &settings)
        };
        let none = [None, None];
        // Worded alike: the ordinary cohesion is enough.
        for kind in [MatchKind::Verbatim, MatchKind::Reworded] {
            assert_eq!(
                confidence(EventKind::Statement, &pair(kind, none), 0.65),
                Confidence::Strong,
                "{kind:?}"
            );
        }
        // Paraphrased: a middling link is weak, a firm one strong.
        let paraphrase = pair(MatchKind::Paraphrase, none);
        assert_eq!(
            confidence(EventKind::Statement, &paraphrase, 0.65),
            Confidence::Weak
        );
        assert_eq!(
            confidence(EventKind::Statement, &paraphrase, 0.8),
            Confidence::Strong
        );
        // A paraphrased quote must be credited to one speaker by both.
        let sam = Some("Sam Lee");
        for (speakers, want) in [
            ([sam, sam], Confidence::Strong),
            ([sam, None], Confidence::Weak),
            ([sam, Some("Ann Ray")], Confidence::Weak),
            (none, Confidence::Weak),
        ] {
            let quoted = pair(MatchKind::Paraphrase, speakers);
            assert_eq!(confidence(EventKind::Quote, &quoted, 0.8), want, "{speakers:?}");
        }
        // Three passages over two sources are judged by the ordinary rule.
        let three = [on_sentence(0, 0), on_sentence(1, 1), on_sentence(1, 2)];
        let links = [scored(0, 1, 0.8), scored(0, 2, 0.8)];
        let inner: Vec<&Link> = links.iter().collect();
        assert_eq!(
            confidence_of(EventKind::Statement, &three, &inner, 0.8, &settings),
            Confidence::Weak
        );
    }

    #[test]
    fn only_an_event_made_wholly_of_joined_parts_is_confirmed_as_joined() {
        let settings = AlignSettings::default();
        let event = |mentions: Vec<Mention>, confidence: Confidence| Event {
            id: EventId::from_index(0),
            label: String::new(),
            kind: EventKind::Statement,
            speaker: None,
            sources: mentions.iter().map(|m| m.article).collect(),
            mentions,
            cohesion: 0.9,
            agreement: Agreement::default(),
            confidence,
        };
        // Sentences 0–3 joined from two parts (0 and 1, 2 and 3), each linked only weakly
        // within; sentence 4 is an event of its own with sentences 1 and 3, firmly linked.
        let mut parts = super::super::headline::Parts::default();
        for (s, p) in [(0, 7), (1, 7), (2, 8), (3, 8)] {
            parts.insert(SentenceId(s), p);
        }
        let links = [
            scored(0, 1, 0.3),
            scored(2, 3, 0.3),
            scored(1, 4, 0.9),
            scored(3, 4, 0.9),
            scored(1, 3, 0.9),
        ];
        let joined = (0..4).map(|s| on_sentence(s, s)).collect();
        let own = vec![on_sentence(1, 1), on_sentence(3, 3), on_sentence(4, 4)];
        let mut events = vec![event(joined, Confidence::Strong), event(own, Confidence::Strong)];
        confirm_joined(&mut events, &parts, &links, &settings);
        // The joined event rests on no part strong on its own: weak.
        assert_eq!(events[0].confidence, Confidence::Weak);
        // The event that only shares a sentence with it keeps its own confidence.
        assert_eq!(events[1].confidence, Confidence::Strong);
    }
}
