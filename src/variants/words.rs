//! The words of passages, part of the variants stage: a span of an article → its word tokens
//! as `segment::tokenize` reads them, taken from the segmentation where it already holds them.
//!
//! The one decision to know: a word's key is a function of its bytes alone, so a passage within
//! sentences is only cut into words again (where a word starts and whether it opens the passage
//! depend on the passage's edges) and each word's key, class and frequency are copied from the
//! sentence's token at the same bytes; a passage that is a whole sentence is its tokens as they
//! are.

use crate::model::{ArticleId, Corpus, Span};
use crate::segment::{Segmented, Token, tokenize_known};
use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The words of passages of a corpus, as `words` reads them, taken from the tokens its
/// segmentation already holds: a passage that is a whole sentence is that sentence's tokens,
/// and one within sentences is only cut into words again, each word's key taken from the
/// sentence's token at the same bytes.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    corpus: &'a Corpus,
    segmented: Option<&'a Segmented>,
}

impl<'a> Words<'a> {
    /// Passages of `corpus`, whose segmentation is `segmented`.
    pub fn new(corpus: &'a Corpus, segmented: &'a Segmented) -> Self {
        Words {
            corpus,
            segmented: Some(segmented),
        }
    }

    /// Passages of `corpus` read afresh, with no segmentation to take words from.
    pub fn unsegmented(corpus: &'a Corpus) -> Self {
        Words {
            corpus,
            segmented: None,
        }
    }

    /// The corpus whose passages these are.
    pub fn corpus(&self) -> &'a Corpus {
        self.corpus
    }

    /// The words of `span` of `article` (none when the span lies outside its text).
    pub fn of(&self, article: ArticleId, span: Span) -> Cow<'a, [Token]> {
        let Some(text) = self.corpus.articles.get(article.index()).map(|a| a.text.as_str()) else {
            return Cow::Borrowed(&[]);
        };
        if text.get(span.range()).is_none() {
            return Cow::Borrowed(&[]);
        }
        let stemmer = Stemmer::create(Algorithm::English);
        let sentences = self
            .segmented
            .and_then(|seg| seg.by_article.get(article.index()).map(|r| (seg, r.clone())))
            .and_then(|(seg, r)| seg.sentences.get(r))
            .unwrap_or(&[]);
        let first = sentences.partition_point(|s| s.span.end <= span.start);
        let last = first + sentences[first..].partition_point(|s| s.span.start < span.end);
        let within = &sentences[first..last];
        if let [s] = within
            && s.span == span
        {
            return Cow::Borrowed(&s.tokens);
        }
        let known = |at: Span| {
            let s = within.iter().find(|s| s.span.contains(at))?;
            let k = s.tokens.partition_point(|t| t.span.start < at.start);
            s.tokens.get(k).filter(|t| t.span == at)
        };
        Cow::Owned(tokenize_known(text, span, &stemmer, known))
    }

    /// The words of a passage made of several parts, in order (see `words_in`).
    pub fn of_parts(&self, article: ArticleId, parts: &[Span]) -> Vec<Cow<'a, [Token]>> {
        parts.iter().map(|&p| self.of(article, p)).collect()
    }
}

impl<'a> From<&'a Corpus> for Words<'a> {
    fn from(corpus: &'a Corpus) -> Self {
        Words::unsegmented(corpus)
    }
}

/// A multiplicative hash for word keys (short strings this program makes) and ids, far cheaper
/// than the default one; tables keyed by it are only looked up, never read in their own order.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl KeyHasher {
    fn add(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 56));
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    /// The product's high bits depend on all of the key, its low bits only on its low bits:
    /// turned so that a table's index (the low bits) reads the high ones.
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

/// A table keyed by word keys or ids, hashed with `KeyHasher`.
pub type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// A set of word keys or ids, hashed with `KeyHasher`.
pub type KeySet<K> = HashSet<K, BuildHasherDefault<KeyHasher>>;

/// Word keys as small numbers, one per distinct key, numbered in order of first appearance:
/// comparing two passages' words is then comparing numbers, and equal numbers are equal keys.
#[derive(Default)]
pub struct WordIds<'k> {
    ids: KeyMap<&'k str, u32>,
}

impl<'k> WordIds<'k> {
    /// The number of `key`, given it on first sight.
    pub fn id(&mut self, key: &'k str) -> u32 {
        let next = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        *self.ids.entry(key).or_insert(next)
    }

    /// The numbers of a passage's keys, in order.
    pub fn ids_of(&mut self, keys: impl IntoIterator<Item = &'k str>) -> Vec<u32> {
        keys.into_iter().map(|k| self.id(k)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::from_texts;
    use crate::segment::tokenize;

    #[test]
    fn words_from_the_segmentation_are_the_words_read_afresh() {
        let text = "“We have no plans,” Ryabkov said. The U.S. team’s 100,000 troops\nmet Ms. Sherman's envoys on Monday.";
        let corpus = from_texts(&[text]);
        let seg = crate::segment::segment(&corpus);
        let known = Words::new(&corpus, &seg);
        let fresh = Words::unsegmented(&corpus);
        let stemmer = Stemmer::create(Algorithm::English);
        let article = ArticleId(0);
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        let mut whole = 0;
        for (x, &start) in bounds.iter().enumerate() {
            for &end in &bounds[x..] {
                let span = Span::new(start, end);
                let plain = format!("{:?}", tokenize(text, span, &stemmer));
                assert_eq!(format!("{:?}", known.of(article, span)), plain, "{span:?}");
                assert_eq!(format!("{:?}", fresh.of(article, span)), plain, "{span:?}");
                whole += usize::from(matches!(known.of(article, span), Cow::Borrowed(_)));
            }
        }
        // Each sentence's own span is its tokens as they are, not read again.
        assert_eq!(whole, seg.sentences.len());
        assert!(known.of(article, Span::new(0, text.len() + 1)).is_empty());
        assert!(known.of(ArticleId(1), Span::new(0, 1)).is_empty());
    }

    #[test]
    fn equal_word_ids_are_equal_keys() {
        let keys = [
            "we",
            "have",
            "no",
            "plan",
            "no",
            "intent",
            "we",
            "plan",
            "",
            "a-very-long-key-of-words",
        ];
        let mut ids = WordIds::default();
        let numbered = ids.ids_of(keys);
        assert_eq!(numbered, vec![0, 1, 2, 3, 2, 4, 0, 3, 5, 6]);
        for (x, a) in keys.iter().enumerate() {
            for (y, b) in keys.iter().enumerate() {
                assert_eq!(a == b, numbered[x] == numbered[y], "{a} {b}");
            }
        }
        // A key seen before keeps its number.
        assert_eq!(ids.id("intent"), 4);
        assert_eq!(ids.id("troop"), 7);
    }
}
