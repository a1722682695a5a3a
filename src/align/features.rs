//! Weighted word sets for sentences and their sub-units: the representation the lexical
//! scorer compares.
//!
//! A word's weight is its rarity within the story (IDF over sentences) times a general English
//! rarity, scaled by its class: names count for less (they link unrelated sentences that share
//! a speaker), numbers for more, stop words and speech verbs not at all.

use crate::lexicon;
use crate::model::{Quote, Span};
use crate::numbers::Kind;
use crate::segment::{Segmented, Sentence, TokenClass};
use crate::settings::AlignSettings;
use crate::variants::KeyMap;
use rayon::prelude::*;
use std::collections::HashMap;

pub type KeyId = u32;

/// One entry of a weighted set: a key and its weight; `content` is false for names and numbers.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub key: KeyId,
    pub weight: f32,
    pub content: bool,
    /// A figure other than a year ("$60,000", "48"): one shared figure may stand in for one
    /// content word at the gates.
    pub figure: bool,
}

/// A weighted word set sorted by key, with its total weight.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    pub entries: Vec<Entry>,
    pub total: f32,
    pub content_words: usize,
    /// Figures among the entries (see `Entry::figure`).
    pub figures: usize,
}

impl WordSet {
    /// Content words, with one figure counted as one more.
    pub fn evidence_words(&self) -> usize {
        self.content_words + self.figures.min(1)
    }
}

/// A stretch of a sentence (clause, quotation, phrase) with its words.
#[derive(Debug, Clone)]
pub struct SubUnit {
    pub span: Span,
    pub set: WordSet,
    /// Bit `i` is set when the sub-unit holds the sentence's `i`th word (`whole.entries[i]`);
    /// meaningful when the sentence has at most 64 distinct words.
    pub mask: u64,
}

/// Per sentence: its whole word set, its sub-units, and the quotations in it whose speaker is a
/// named person (span and speaker number, the same number for the same person story-wide).
#[derive(Debug, Clone, Default)]
pub struct SentenceFeatures {
    pub whole: WordSet,
    pub subunits: Vec<SubUnit>,
    pub voices: Vec<(Span, u32)>,
    /// The sentence holds an odd number of negations (`lexicon::negates`): it says something
    /// is not so, or denies it ("Russia has no plans to invade", "Russia denied it plans to
    /// invade"), where one with none or two says it is.
    pub negated: bool,
}

/// Everything the aligner knows about the story's words.
#[derive(Debug, Clone, Default)]
pub struct Features {
    pub sentences: Vec<SentenceFeatures>,
    /// Weight of each key.
    pub weight: Vec<f32>,
    /// Number of sentences holding each key, sentences that repeat an earlier one of their
    /// article left out (a web address counts: the words of its path are words of the story).
    pub df: Vec<u32>,
    /// Whether each sentence is passed over by the matching: it repeats an earlier one of its
    /// article (`super::repeated_sentences`) or is a web address (`super::web_address`).
    pub passed_over: Vec<bool>,
}

impl Features {
    /// Number of sentences not passed over: the story's size for rarity.
    pub fn distinct_sentences(&self) -> usize {
        self.passed_over.iter().filter(|&&r| !r).count()
    }
}

/// The in-story rarity weight of a word found in two sentences (the rarest a shared word can
/// be) in a story of `sentences` sentences: near 1 for long stories, lower for short ones.
pub fn top_weight(sentences: usize) -> f32 {
    let n = sentences.max(2) as f32;
    (((n + 1.0) / 2.5).ln() / (n + 1.0).ln()).clamp(f32::EPSILON, 1.0)
}

/// Builds the features of every sentence.
pub fn build(segmented: &Segmented, quotes: &[Quote], texts: &[&str], settings: &AlignSettings) -> Features {
    let mut ids: KeyMap<&str, KeyId> = KeyMap::default();
    let mut df: Vec<u32> = Vec::new();
    let mut capital: Vec<(u32, u32)> = Vec::new(); // (capitalised non-initial, all non-initial)
    let mut zipf: Vec<u8> = Vec::new();
    let mut sentence_keys: Vec<Vec<(KeyId, usize)>> = Vec::with_capacity(segmented.sentences.len());
    // Amounts of a unit ("seven-hour", "nearly eight hours") also carry a key for the unit
    // alone: two reports of one measured fact share it even when their figures differ.
    let mut amount_ids: HashMap<String, KeyId> = HashMap::new();
    let mut amounts: Vec<Vec<crate::numbers::Value>> = Vec::new();
    if settings.amount_keys {
        // Each text is read on its own, in parallel; the lists stay in text order.
        amounts = texts.par_iter().map(|t| crate::numbers::values(t)).collect();
    }
    let repeated = super::repeated_sentences(segmented);
    for (sentence, &repeat) in segmented.sentences.iter().zip(&repeated) {
        let mut keys = Vec::new();
        let own = amounts
            .get(sentence.article.index())
            .map_or(&[][..], Vec::as_slice);
        for v in own.iter().filter(|v| sentence.span.contains(v.span)) {
            let (Some(unit), true) = (&v.unit, matches!(v.kind, Kind::Quantity | Kind::Duration)) else {
                continue;
            };
            let Some(ti) = sentence.tokens.iter().rposition(|t| t.span.start < v.span.end) else {
                continue;
            };
            let next = (ids.len() + amount_ids.len()) as KeyId;
            let id = *amount_ids
                .entry(format!("#{}:{unit}", v.kind.as_str()))
                .or_insert(next);
            if id as usize == df.len() {
                df.push(0);
                capital.push((0, 0));
                zipf.push(0);
            }
            keys.push((id, ti));
        }
        for (ti, token) in sentence.tokens.iter().enumerate() {
            if matches!(token.class, TokenClass::Stop | TokenClass::Speech) {
                continue;
            }
            let next = (ids.len() + amount_ids.len()) as KeyId;
            let id = *ids.entry(token.key.as_str()).or_insert(next);
            if id as usize == df.len() {
                df.push(0);
                capital.push((0, 0));
                zipf.push(0);
            }
            // A stem is as common as its most common form in the story.
            let z = &mut zipf[id as usize];
            *z = (*z).max(token.zipf);
            if !token.initial {
                let c = &mut capital[id as usize];
                c.1 += 1;
                c.0 += u32::from(token.capitalised);
            }
            keys.push((id, ti));
        }
        let mut seen: Vec<KeyId> = keys.iter().map(|&(k, _)| k).collect();
        seen.sort_unstable();
        seen.dedup();
        for k in seen.into_iter().filter(|_| !repeat) {
            df[k as usize] += 1;
        }
        sentence_keys.push(keys);
    }
    let mut is_amount = vec![false; df.len()];
    for &id in amount_ids.values() {
        is_amount[id as usize] = true;
    }
    let n = repeated.iter().filter(|&&r| !r).count().max(2) as f32;
    let max_idf = (n + 1.0).ln();
    let is_number: Vec<bool> = {
        let mut v = vec![false; df.len()];
        for (s, keys) in segmented.sentences.iter().zip(&sentence_keys) {
            for &(k, ti) in keys {
                v[k as usize] = s.tokens[ti].class == TokenClass::Number;
            }
        }
        v
    };
    // A year is shared by many unrelated facts of a story; other figures are rarely shared by
    // chance.
    let is_figure: Vec<bool> = {
        let mut v = is_number.clone();
        for (&key, &id) in &ids {
            let year = key.len() == 4 && key.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y));
            if year {
                v[id as usize] = false;
            }
        }
        v
    };
    let is_name: Vec<bool> = capital
        .iter()
        .map(|&(cap, all)| all > 0 && cap * 2 > all)
        .collect();
    // Names of the people the quotes stage found speaking: they link unrelated sentences of
    // one speaker. Other names (places, organisations) tell events apart and count as content.
    let persons = person_keys(quotes);
    let is_person: Vec<bool> = {
        let mut v = vec![false; df.len()];
        for (&key, &id) in &ids {
            v[id as usize] = is_name[id as usize] && persons.contains(key);
        }
        v
    };
    // A name found in few of the story's sentences tells one event from another; one found in
    // many ("Ukraine" in a story about Ukraine) is the story's topic.
    let rare_df = (n * settings.topic_name_share).ceil().max(2.0) as u32;
    let rare_name: Vec<bool> = (0..df.len()).map(|k| !is_person[k] && df[k] <= rare_df).collect();
    // Any word found in many of the story's sentences ("tariffs" in a story about tariffs) is
    // its topic: shared, it tells nothing about which of the story's facts two sentences report.
    // A word every article uses once or twice is what one shared fact looks like, so a topic
    // word is also found more often than twice per article.
    let articles = segmented.by_article.len() as f32;
    let topic_df = (n * settings.topic_word_share).max(2.0 * articles).ceil() as u32;
    let weight: Vec<f32> = (0..df.len())
        .map(|k| {
            let idf = ((n + 1.0) / (df[k] as f32 + 0.5)).ln().max(0.0) / max_idf;
            let class = if is_amount[k] {
                1.0
            } else if is_number[k] {
                settings.number_weight
            } else if is_person[k] {
                settings.name_weight
            } else if is_name[k] {
                settings.proper_name_weight
            } else {
                1.0
            };
            let general =
                lexicon::wordfreq::rarity(zipf[k], settings.rarity_zipf_common, settings.rarity_zipf_rare);
            let general = settings.rarity_floor + (1.0 - settings.rarity_floor) * general;
            idf * class * general
        })
        .collect();
    let by_article = super::quotes_by_article(quotes, segmented.by_article.len());
    let mut speaker_ids: HashMap<&str, u32> = HashMap::new();
    for q in quotes.iter().filter(|q| q.person) {
        if let Some(name) = &q.speaker {
            let next = speaker_ids.len() as u32;
            speaker_ids.entry(name.as_str()).or_insert(next);
        }
    }
    let sentences = segmented
        .sentences
        .par_iter()
        .zip(&sentence_keys)
        .map(|(sentence, keys)| {
            let text = texts[sentence.article.index()];
            let make = |range: std::ops::Range<usize>| -> WordSet {
                let mut entries: Vec<Entry> = keys
                    .iter()
                    .filter(|(_, ti)| range.contains(ti))
                    .map(|&(k, _)| Entry {
                        key: k,
                        weight: weight[k as usize],
                        figure: is_figure[k as usize],
                        content: !is_number[k as usize]
                            && (!is_name[k as usize] || rare_name[k as usize])
                            && df[k as usize] <= topic_df,
                    })
                    .collect();
                entries.sort_unstable_by_key(|e| e.key);
                entries.dedup_by_key(|e| e.key);
                let total = entries.iter().map(|e| e.weight).sum();
                let content_words = entries.iter().filter(|e| e.content).count();
                let figures = entries.iter().filter(|e| e.figure).count();
                WordSet {
                    entries,
                    total,
                    content_words,
                    figures,
                }
            };
            let whole = make(0..sentence.tokens.len());
            let own: &[&Quote] = by_article
                .get(sentence.article.index())
                .map_or(&[], Vec::as_slice);
            let sentence_span = sentence
                .tokens
                .first()
                .zip(sentence.tokens.last())
                .map(|(a, b)| Span::new(a.span.start, b.span.end));
            let sentence_span = sentence_span.unwrap_or(sentence.span);
            let subunits = subunit_ranges(sentence, text, own)
                .into_iter()
                .map(|r| {
                    let span = Span::new(
                        sentence.tokens[r.start].span.start,
                        sentence.tokens[r.end - 1].span.end,
                    );
                    let set = make(r);
                    let mask = position_mask(&set, &whole);
                    SubUnit { span, set, mask }
                })
                // Parts too poor in content words to link on their own are left out; the whole
                // sentence stays, to be matched by a near copy (`AlignSettings::copy_dice`).
                .filter(|u| u.set.evidence_words() >= settings.min_content_words || u.span == sentence_span)
                .collect();
            let voices = own
                .iter()
                .filter(|q| q.person && q.span.overlap(sentence.span) > 0)
                .filter_map(|q| {
                    let who = speaker_ids.get(q.speaker.as_deref()?)?;
                    Some((q.span, *who))
                })
                .collect();
            let negated = sentence
                .tokens
                .iter()
                .filter(|t| crate::lexicon::negates(&t.key))
                .count()
                % 2
                == 1;
            SentenceFeatures {
                whole,
                subunits,
                voices,
                negated,
            }
        })
        .collect();
    let passed_over = repeated
        .iter()
        .zip(&segmented.sentences)
        .map(|(&repeat, s)| repeat || super::web_address(&texts[s.article.index()][s.span.range()]))
        .collect();
    Features {
        sentences,
        weight,
        df,
        passed_over,
    }
}

/// Bit `i` set when `set` holds `whole.entries[i]` (the first 64 entries).
fn position_mask(set: &WordSet, whole: &WordSet) -> u64 {
    let mut m = 0u64;
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (set.entries.get(i), whole.entries.get(j)) {
        match x.key.cmp(&y.key) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if j < 64 {
                    m |= 1u64 << j;
                }
                i += 1;
                j += 1;
            }
        }
    }
    m
}

/// Word keys of the names of people quoted in the story, and of titles.
fn person_keys(quotes: &[Quote]) -> std::collections::HashSet<String> {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    // Titles before a name ("Deputy Foreign Minister") are part of how a person is named.
    let mut out: std::collections::HashSet<String> = lexicon::TITLE_WORDS
        .iter()
        .map(|w| crate::segment::analyse_word(w, &stemmer).0)
        .collect();
    // A story quotes few people many times: each name is read once.
    let names: std::collections::HashSet<&str> = quotes
        .iter()
        .filter(|q| q.person)
        .filter_map(|q| q.speaker.as_deref())
        .collect();
    for name in names {
        for t in crate::segment::tokenize(name, Span::new(0, name.len()), &stemmer) {
            out.insert(t.key);
        }
    }
    out
}

/// Token ranges of a sentence's sub-units: clauses split at `; : — –` and at quotation
/// boundaries, the phrases inside them (split at commas and before words that open a
/// subordinate clause, "as", "while", "which"…), and each run of two or three neighbouring
/// phrases.
pub fn subunit_ranges(sentence: &Sentence, text: &str, quotes: &[&Quote]) -> Vec<std::ops::Range<usize>> {
    let tokens = &sentence.tokens;
    if tokens.is_empty() {
        return Vec::new();
    }
    // Classify the gap before each token: 2 = clause break, 1 = phrase break, 0 = none.
    let mut breaks = vec![0u8; tokens.len()];
    let sentence_quotes: Vec<Span> = quotes
        .iter()
        .filter(|q| q.article == sentence.article && q.span.overlap(sentence.span) > 0)
        .map(|q| q.span)
        .collect();
    for i in 1..tokens.len() {
        let gap_span = Span::new(tokens[i - 1].span.end, tokens[i].span.start);
        let gap = &text[gap_span.range()];
        let quote_edge = sentence_quotes.iter().any(|q| {
            gap_span.start <= q.start && q.start <= gap_span.end
                || gap_span.start <= q.end && q.end <= gap_span.end
        });
        if quote_edge || gap.contains([';', ':', '—', '–', '(', ')']) || gap.contains(" - ") {
            breaks[i] = 2;
        } else if gap.contains(',')
            || gap.contains('…')
            || lexicon::is_clause_opener(&text[tokens[i].span.range()])
        {
            breaks[i] = 1;
        }
    }
    let mut out = Vec::with_capacity(16);
    out.push(0..tokens.len());
    let cut = |level: u8| -> Vec<std::ops::Range<usize>> {
        let mut v = Vec::new();
        let mut start = 0;
        for (i, &b) in breaks.iter().enumerate().skip(1) {
            if b >= level {
                v.push(start..i);
                start = i;
            }
        }
        v.push(start..tokens.len());
        v
    };
    let clauses = cut(2);
    let phrases = cut(1);
    out.extend(clauses.iter().cloned());
    out.extend(phrases.iter().cloned());
    for pair in phrases.windows(2) {
        out.push(pair[0].start..pair[1].end);
    }
    for triple in phrases.windows(3) {
        out.push(triple[0].start..triple[2].end);
    }
    out.sort_unstable_by_key(|r| (r.start, r.end));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ingest, segment};

    fn subunits(text: &str) -> Vec<String> {
        let seg = segment::segment(&ingest::from_texts(&[text]));
        let sentence = &seg.sentences[0];
        subunit_ranges(sentence, text, &[])
            .into_iter()
            .map(|r| {
                text[sentence.tokens[r.start].span.start..sentence.tokens[r.end - 1].span.end].to_string()
            })
            .collect()
    }

    #[test]
    fn a_sentence_reporting_two_things_splits_before_the_word_that_joins_them() {
        let units = subunits(
            "The two powers launched frank discussions aimed at easing tensions as Moscow keeps \
             100,000 troops along the border.",
        );
        assert!(
            units.contains(&"The two powers launched frank discussions aimed at easing tensions".to_string()),
            "{units:?}"
        );
        assert!(
            units.contains(&"as Moscow keeps 100,000 troops along the border".to_string()),
            "{units:?}"
        );
        assert!(
            units
                .iter()
                .any(|u| u.starts_with("The two") && u.ends_with("border"))
        );
    }

    #[test]
    fn commas_and_clause_marks_split_phrases() {
        let units = subunits("Talks were long, tense; nobody left, said the envoy.");
        for part in [
            "Talks were long",
            "tense",
            "nobody left",
            "said the envoy",
            "Talks were long, tense",
        ] {
            assert!(units.contains(&part.to_string()), "{part}: {units:?}");
        }
    }

    #[test]
    fn a_sentence_with_an_odd_number_of_negations_is_negated() {
        let texts = [
            "Moscow doesn’t plan to invade.",
            "Moscow has no plans to invade.",
            "Moscow denied it plans to invade.",
            "Moscow never refused the talks.",
            "Moscow plans to invade.",
            "Nobody can say Moscow won't invade.",
            "Moscow talked without attempts to gloss over its demands.",
        ];
        let corpus = ingest::from_texts(&texts);
        let seg = segment::segment(&corpus);
        let f = build(&seg, &[], &texts, &AlignSettings::default());
        let negated: Vec<bool> = f.sentences.iter().map(|s| s.negated).collect();
        assert_eq!(negated, [true, true, true, false, false, false, false]);
    }

    fn shared_keys(texts: &[&str], settings: &AlignSettings) -> usize {
        let corpus = ingest::from_texts(texts);
        let seg = segment::segment(&corpus);
        let f = build(&seg, &[], texts, settings);
        let keys = |i: usize| -> Vec<KeyId> { f.sentences[i].whole.entries.iter().map(|e| e.key).collect() };
        let (a, b) = (keys(0), keys(1));
        a.iter().filter(|k| b.contains(k)).count()
    }

    #[test]
    fn the_names_of_people_quoted_again_and_again_give_their_keys_once() {
        let quote = |speaker: &str, person: bool| Quote {
            article: crate::model::ArticleId(0),
            span: Span::new(0, 1),
            speaker: Some(speaker.to_string()),
            person,
            marked: true,
        };
        let quotes = [
            quote("Wendy Sherman", true),
            quote("Sergei Ryabkov", true),
            quote("Wendy Sherman", true),
            quote("Geneva Canton", false),
        ];
        let keys = person_keys(&quotes);
        for key in ["wendi", "sherman", "sergei", "ryabkov"] {
            assert!(keys.contains(key), "{key}: {keys:?}");
        }
        assert!(!keys.contains("geneva") && !keys.contains("canton"), "{keys:?}");
        let titles = person_keys(&[]);
        assert_eq!(keys.len(), titles.len() + 4);
    }

    #[test]
    fn amounts_of_one_unit_share_a_key_whatever_their_figures() {
        let texts = [
            "The envoys met for a seven-hour session.",
            "Their session lasted nearly eight hours.",
        ];
        let on = AlignSettings::default();
        let off = AlignSettings {
            amount_keys: false,
            ..AlignSettings::default()
        };
        // "session" and "hour" either way; the amount of hours only with amount keys.
        assert_eq!(shared_keys(&texts, &off), 2);
        assert_eq!(shared_keys(&texts, &on), 3);
        // Different units share no amount key.
        let texts = [
            "The envoys met for seven hours.",
            "The envoys met for seven days.",
        ];
        assert_eq!(shared_keys(&texts, &on), shared_keys(&texts, &off));
    }

    /// The content words the first sentences of the first two articles share.
    fn shared_content(texts: &[&str], settings: &AlignSettings) -> usize {
        let corpus = ingest::from_texts(texts);
        let seg = segment::segment(&corpus);
        let f = build(&seg, &[], texts, settings);
        let content = |i: usize| -> Vec<KeyId> {
            f.sentences[i]
                .whole
                .entries
                .iter()
                .filter(|e| e.content)
                .map(|e| e.key)
                .collect()
        };
        let (a, b) = (content(0), content(seg.by_article[1].start));
        a.iter().filter(|k| b.contains(k)).count()
    }

    #[test]
    fn a_word_in_many_sentences_of_many_articles_is_the_topic_not_content() {
        // "tariffs" is in every sentence, three per article: the story's topic. "deadline" and
        // "midnight" are in the first two sentences only.
        let texts = [
            "The tariffs deadline passed at midnight. Tariffs on cars rose. Tariffs hurt farmers.",
            "Tariffs were delayed before the midnight deadline. Tariffs anger allies. Tariffs stay.",
        ];
        let on = AlignSettings::default();
        let off = AlignSettings {
            topic_word_share: 1.0,
            ..AlignSettings::default()
        };
        assert_eq!(shared_content(&texts, &off), 3);
        assert_eq!(shared_content(&texts, &on), 2);
    }

    #[test]
    fn a_word_each_article_uses_once_is_never_the_topic() {
        // In a story of one sentence per article every shared word is in every sentence, yet
        // it is what the articles report, not their topic.
        let texts = [
            "The bridge reopened after repairs.",
            "After repairs the bridge reopened.",
        ];
        assert_eq!(shared_content(&texts, &AlignSettings::default()), 3);
    }
}
