//! Synthetic stories for measuring the aligner at scale: not a pipeline stage, a test and
//! benchmark input.
//!
//! In: a seed and a number of articles. Out: a `Corpus` whose articles (about 350 words each)
//! are assembled from paragraphs of the bundled sample story with light word edits (a word
//! dropped, two neighbours swapped, a word replaced by another from the story). The decision
//! that matters: the same seed always gives the same story (a small built-in generator, no
//! dependency), so timings and benchmark figures can be compared between commits.

use crate::ingest::{self, RawArticle};
use crate::model::Corpus;

/// A small deterministic generator (SplitMix64): enough for shuffling test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// Words per synthetic article, roughly.
pub const ARTICLE_WORDS: usize = 350;

/// Longer paragraphs (some sources put a whole article on one line) are not used.
const MAX_PARAGRAPH_WORDS: usize = 120;

/// Share of words touched by an edit.
const EDIT_RATE: f64 = 0.06;

/// A story of `articles` synthetic articles, the same for the same seed.
pub fn story(articles: usize, seed: u64) -> Corpus {
    let sample = ingest::bundled();
    let paragraphs: Vec<&str> = sample
        .articles
        .iter()
        .flat_map(|a| a.text.lines())
        .map(str::trim)
        .filter(|p| (5..=MAX_PARAGRAPH_WORDS).contains(&p.split_whitespace().count()))
        .collect();
    let vocabulary: Vec<&str> = paragraphs
        .iter()
        .flat_map(|p| p.split_whitespace())
        .filter(|w| w.len() > 3 && w.chars().all(char::is_alphabetic))
        .collect();
    let mut rng = Rng::new(seed);
    let raws = (0..articles)
        .map(|i| RawArticle {
            path: format!("synth-{i:04}.txt"),
            source: Some(format!("Source {}", i + 1)),
            title: None,
            url: None,
            date: None,
            text: article(&paragraphs, &vocabulary, &mut rng),
        })
        .collect();
    ingest::build(
        Some(format!("Synthetic story ({articles} articles, seed {seed})")),
        raws,
    )
}

/// One article: random paragraphs, edited, until about `ARTICLE_WORDS` words.
fn article(paragraphs: &[&str], vocabulary: &[&str], rng: &mut Rng) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut words = 0;
    while words < ARTICLE_WORDS && !paragraphs.is_empty() {
        let p = paragraphs[rng.below(paragraphs.len())];
        let edited = edit(p, vocabulary, rng);
        words += edited.split_whitespace().count();
        out.push(edited);
    }
    out.join("\n\n") + "\n"
}

/// Light word edits: drop, swap with the next word, or replace from the vocabulary.
fn edit(paragraph: &str, vocabulary: &[&str], rng: &mut Rng) -> String {
    let mut words: Vec<&str> = paragraph.split_whitespace().collect();
    let mut i = 0;
    while i < words.len() {
        if rng.chance(EDIT_RATE) {
            match rng.below(3) {
                0 if words.len() > 5 => {
                    words.remove(i);
                    continue;
                }
                1 if i + 1 < words.len() => words.swap(i, i + 1),
                _ if !vocabulary.is_empty() => words[i] = vocabulary[rng.below(vocabulary.len())],
                _ => {}
            }
        }
        i += 1;
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_story_and_other_seed_other_story() {
        let a = story(3, 7);
        let b = story(3, 7);
        let c = story(3, 8);
        let texts = |s: &Corpus| s.articles.iter().map(|a| a.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(&a), texts(&b));
        assert_ne!(texts(&a), texts(&c));
    }

    #[test]
    fn articles_are_about_the_target_length() {
        let s = story(5, 1);
        assert_eq!(s.articles.len(), 5);
        for a in &s.articles {
            let n = a.text.split_whitespace().count();
            assert!(
                (ARTICLE_WORDS..ARTICLE_WORDS + MAX_PARAGRAPH_WORDS).contains(&n),
                "{n} words"
            );
        }
    }
}
