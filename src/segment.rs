//! Stage 2, segment: `Corpus` → sentences with word tokens, all as byte spans into the
//! original text.
//!
//! Normalisation (NFKC, case folding, curly quotes, number forms, stemming) is for matching
//! only: a token keeps its span, and the display always shows the original bytes. Line breaks
//! end a sentence unless the line plainly runs on (a lowercase or comma ending followed by a
//! lowercase start), which suits both one-sentence-per-line files and hard-wrapped text.

use crate::lexicon;
use crate::model::{ArticleId, Corpus, SentenceId, Span};
use crate::variants::KeyMap;
use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// One word of a sentence.
#[derive(Debug, Clone, Serialize)]
pub struct Token {
    pub span: Span,
    /// Matching key: normalised and stemmed ("troops" → "troop", "100,000" → "100000").
    pub key: String,
    /// Written with a capital letter.
    pub capitalised: bool,
    /// First word of its sentence (or of a quotation), where a capital says nothing.
    pub initial: bool,
    pub class: TokenClass,
    /// General English frequency of the word (Zipf × 10, 0 when rarer than the table holds).
    pub zipf: u8,
}

/// What a token is, for weighting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TokenClass {
    Content,
    Stop,
    Speech,
    Number,
}

#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    pub id: SentenceId,
    pub article: ArticleId,
    pub span: Span,
    /// Paragraph number within the article.
    pub paragraph: u32,
    pub tokens: Vec<Token>,
}

/// All sentences of a corpus, article by article, in text order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Segmented {
    pub sentences: Vec<Sentence>,
    /// The range of `sentences` belonging to each article.
    pub by_article: Vec<Range<usize>>,
}

impl Segmented {
    pub fn of_article(&self, article: ArticleId) -> &[Sentence] {
        &self.sentences[self.by_article[article.index()].clone()]
    }
}

/// Segments every article (in parallel; the numbering is the same whatever the thread count).
/// Each thread's run of articles shares one `WordCache`: a word's analysis does not depend on
/// where it is written, so the tokens are the same however the articles are split.
pub fn segment(corpus: &Corpus) -> Segmented {
    let per_article: Vec<Vec<Sentence>> = corpus
        .articles
        .par_iter()
        .map_init(WordCache::new, |words, article| {
            sentence_spans(&article.text)
                .into_iter()
                .map(|(span, paragraph)| Sentence {
                    id: SentenceId(0),
                    article: article.id,
                    span,
                    paragraph,
                    tokens: words.tokenize(&article.text, span),
                })
                .collect()
        })
        .collect();
    let mut out = Segmented::default();
    for sentences in per_article {
        let first = out.sentences.len();
        for mut sentence in sentences {
            sentence.id = SentenceId::from_index(out.sentences.len());
            out.sentences.push(sentence);
        }
        out.by_article.push(first..out.sentences.len());
    }
    out
}

/// Sentence spans (trimmed, each holding a letter or digit) and their paragraph numbers.
pub fn sentence_spans(text: &str) -> Vec<(Span, u32)> {
    let mut out = Vec::new();
    let mut paragraph = 0u32;
    let mut block_start: Option<usize> = None;
    let mut prev_line: Option<&str> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(b) = block_start.take() {
                split_block(text, b, start, paragraph, &mut out);
                paragraph += 1;
            }
            prev_line = None;
            continue;
        }
        match (block_start, prev_line) {
            (Some(b), Some(prev)) if !runs_on(prev, content) => {
                split_block(text, b, start, paragraph, &mut out);
                block_start = Some(start);
            }
            (None, _) => block_start = Some(start),
            _ => {}
        }
        prev_line = Some(content);
    }
    if let Some(b) = block_start {
        split_block(text, b, text.len(), paragraph, &mut out);
    }
    out
}

/// A line break inside a sentence: the line ends mid-phrase and the next starts lowercase.
fn runs_on(prev: &str, next: &str) -> bool {
    let last = prev.trim_end().chars().last();
    let first = next.trim_start().chars().next();
    matches!(last, Some(c) if c.is_lowercase() || c == ',' || c == ';' || c == '-')
        && matches!(first, Some(c) if c.is_lowercase())
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '.', '!', '?'];
const OPENERS: &[char] = &['"', '\'', '“', '‘', '«', '(', '[', '•', '-', '—', '–', '*'];

/// Splits `text[start..end]` into sentences.
fn split_block(text: &str, start: usize, end: usize, paragraph: u32, out: &mut Vec<(Span, u32)>) {
    let block = &text[start..end];
    let mut sent_start = 0;
    let chars: Vec<(usize, char)> = block.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && CLOSERS.contains(&chars[j].1) {
                j += 1;
            }
            let after_punct = chars.get(j).map_or(block.len(), |&(p, _)| p);
            let mut k = j;
            while k < chars.len() && chars[k].1.is_whitespace() {
                k += 1;
            }
            let next = chars.get(k).map(|&(_, ch)| ch);
            let spaced = k > j;
            let starts_new =
                next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || OPENERS.contains(&n));
            if spaced && starts_new && !(c == '.' && is_abbreviation_before(block, pos)) {
                push_sentence(text, start + sent_start, start + after_punct, paragraph, out);
                sent_start = after_punct;
                i = k;
                continue;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    push_sentence(text, start + sent_start, end, paragraph, out);
}

/// The word before a full stop is an abbreviation or an initial ("Ms.", "U.S.", "Sergei A.").
fn is_abbreviation_before(block: &str, dot: usize) -> bool {
    let word_start = block[..dot]
        .rfind(|c: char| c.is_whitespace() || OPENERS.contains(&c))
        .map_or(0, |p| p + block[p..].chars().next().map_or(1, char::len_utf8));
    let word = &block[word_start..dot];
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_capital || word.contains('.') || lexicon::is_abbreviation(&lower)
}

/// Most words one sentence holds. A longer run is a list, a table or text without punctuation:
/// it is cut into pieces of at most this many words, at the last clause or phrase break that
/// leaves at least half of them (else after the last word), so that no later stage's cost grows
/// with the square of one sentence's length.
pub const MAX_SENTENCE_WORDS: usize = 120;

fn push_sentence(text: &str, start: usize, end: usize, paragraph: u32, out: &mut Vec<(Span, u32)>) {
    let mut start = start;
    while let Some(cut) = cut_point(&text[start..end]) {
        push_piece(text, start, start + cut, paragraph, out);
        start += cut;
    }
    push_piece(text, start, end, paragraph, out);
}

/// Where a piece of more than `MAX_SENTENCE_WORDS` words is cut (a byte offset past its start),
/// or `None` when it is short enough. Words are runs of letters and digits.
fn cut_point(piece: &str) -> Option<usize> {
    let mut words = 0;
    let mut in_word = false;
    let mut last_break: Option<usize> = None;
    for (i, c) in piece.char_indices() {
        if c.is_alphanumeric() {
            if !in_word {
                if words == MAX_SENTENCE_WORDS {
                    return Some(last_break.unwrap_or(i));
                }
                words += 1;
                in_word = true;
            }
            continue;
        }
        in_word = false;
        if words * 2 >= MAX_SENTENCE_WORDS && matches!(c, ',' | ';' | ':' | '—' | '–') {
            last_break = Some(i + c.len_utf8());
        }
    }
    None
}

fn push_piece(text: &str, start: usize, end: usize, paragraph: u32, out: &mut Vec<(Span, u32)>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if trimmed.chars().any(char::is_alphanumeric) {
        let s = start + lead;
        out.push((Span::new(s, s + trimmed.len()), paragraph));
    }
}

/// Word tokens of a sentence with their matching keys.
pub fn tokenize(text: &str, span: Span, stemmer: &Stemmer) -> Vec<Token> {
    tokenize_known(text, span, stemmer, |_| None)
}

/// Word tokens of `span` exactly as `tokenize` reads them, but each word's key, class and
/// frequency taken from `known` (a token of the same text at the same bytes, when it gives one)
/// instead of analysing the word again: a passage within a sentence already segmented.
pub fn tokenize_known<'t>(
    text: &str,
    span: Span,
    stemmer: &Stemmer,
    known: impl Fn(Span) -> Option<&'t Token>,
) -> Vec<Token> {
    split_words(text, span, |at, word| match known(at) {
        Some(t) => (t.key.clone(), t.class, t.zipf),
        None => analyse_word(word, stemmer),
    })
}

/// The analysis of each distinct word met so far, kept so that a repeated word is analysed
/// once: the same key, class and frequency `analyse_word` gives.
pub struct WordCache {
    stemmer: Stemmer,
    seen: KeyMap<String, (String, TokenClass, u8)>,
}

impl Default for WordCache {
    fn default() -> Self {
        Self::new()
    }
}

impl WordCache {
    pub fn new() -> Self {
        Self {
            stemmer: Stemmer::create(Algorithm::English),
            seen: KeyMap::default(),
        }
    }

    /// `analyse_word` of `word`, from the cache when the word was seen before.
    pub fn analyse(&mut self, word: &str) -> (String, TokenClass, u8) {
        if let Some((key, class, zipf)) = self.seen.get(word) {
            return (key.clone(), *class, *zipf);
        }
        let found = analyse_word(word, &self.stemmer);
        self.seen.insert(word.to_string(), found.clone());
        found
    }

    /// Word tokens of a sentence, exactly as `tokenize` gives them.
    pub fn tokenize(&mut self, text: &str, span: Span) -> Vec<Token> {
        split_words(text, span, |_, word| self.analyse(word))
    }
}

/// Splits `span` into word tokens, taking each word's key, class and frequency from `analyse`
/// (given the word's bytes and text).
fn split_words(
    text: &str,
    span: Span,
    mut analyse: impl FnMut(Span, &str) -> (String, TokenClass, u8),
) -> Vec<Token> {
    let piece = &text[span.range()];
    let mut tokens = Vec::new();
    let mut first = true;
    let mut prev_end = 0;
    for (offset, word) in crate::wordbounds::word_indices(piece) {
        let gap = &piece[prev_end..offset];
        let after_opening_quote = gap.contains(['“', '"', '‘', '«']) && !gap.contains(char::is_alphanumeric);
        prev_end = offset + word.len();
        let start = span.start + offset;
        let at = Span::new(start, start + word.len());
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let (key, class, zipf) = analyse(at, word);
        tokens.push(Token {
            span: at,
            key,
            capitalised,
            initial: first || after_opening_quote,
            class,
            zipf,
        });
        first = false;
    }
    tokens
}

/// The matching key of one word and its class.
pub fn normalise(word: &str, stemmer: &Stemmer) -> (String, TokenClass) {
    let (key, class, _) = analyse_word(word, stemmer);
    (key, class)
}

/// The matching key of one word, its class, and its general English frequency (Zipf × 10).
pub fn analyse_word(word: &str, stemmer: &Stemmer) -> (String, TokenClass, u8) {
    let (key, class, folded) = classify(word, stemmer);
    let zipf = match class {
        TokenClass::Content => lexicon::wordfreq::zipf10(&folded),
        _ => 0,
    };
    (key, class, zipf)
}

/// The word in NFKC, lowercase, with every kind of apostrophe written `'`. NFKC leaves ASCII
/// text as it is, so an ASCII word is only lowercased.
fn folded_case(word: &str) -> String {
    if word.is_ascii() {
        let mut w = word.to_ascii_lowercase();
        if w.contains('`') {
            w = w.replace('`', "'");
        }
        return w;
    }
    word.nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '’' | '‘' | 'ʼ' | '`' | '´' => '\'',
            c => c,
        })
        .collect()
}

/// Key, class and the folded (lowercase, unstemmed) word.
fn classify(word: &str, stemmer: &Stemmer) -> (String, TokenClass, String) {
    if word == "US" {
        return ("u.s".into(), TokenClass::Content, "u.s".into());
    }
    let mut w = folded_case(word);
    if w.ends_with("'s") {
        w.truncate(w.len() - 2);
    }
    let trimmed = w.trim_matches('\'');
    let w = if trimmed.len() == w.len() {
        w
    } else {
        trimmed.to_string()
    };
    if w.chars().any(|c| c.is_ascii_digit()) {
        let digits: String = w
            .chars()
            .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}'))
            .collect();
        return (digits, TokenClass::Number, w);
    }
    if let Some(v) = lexicon::number_word(&w) {
        return (v.to_string(), TokenClass::Number, w);
    }
    if lexicon::is_speech_verb(&w) {
        return (w.clone(), TokenClass::Speech, w);
    }
    if lexicon::is_stop_word(&w) {
        return (w.clone(), TokenClass::Stop, w);
    }
    let folded = w.replace('.', "");
    if folded == "us" {
        // "U.S." written with dots; the pronoun "us" was caught as a stop word above.
        return ("u.s".into(), TokenClass::Content, "u.s".into());
    }
    (stemmer.stem(&folded).into_owned(), TokenClass::Content, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        sentence_spans(text)
            .into_iter()
            .map(|(s, _)| &text[s.range()])
            .collect()
    }

    #[test]
    fn overlong_sentences_are_cut_at_a_break_and_lose_no_words() {
        let list: Vec<String> = (0..300).map(|i| format!("w{i}")).collect();
        let text = format!("Items: {}. Short one here.", list.join(", "));
        let spans = sentence_spans(&text);
        let pieces: Vec<&str> = spans.iter().map(|(s, _)| &text[s.range()]).collect();
        assert!(pieces.len() >= 4, "{} pieces", pieces.len());
        assert_eq!(pieces.last(), Some(&"Short one here."));
        for piece in &pieces {
            let words = piece
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .count();
            assert!(words <= MAX_SENTENCE_WORDS, "{words} words in {piece:.40}");
        }
        // Cut after a comma, never inside a word, and every word is still in some sentence.
        assert!(
            pieces[0].ends_with(','),
            "{:?}",
            &pieces[0][pieces[0].len() - 10..]
        );
        let joined = pieces.join(" ");
        assert!(
            list.iter()
                .all(|w| joined.contains(&format!("{w},")) || joined.contains(&format!("{w}.")))
        );
        // A run with no break at all is cut after its last allowed word.
        let plain = vec!["word"; 250].join(" ");
        let spans = sentence_spans(&plain);
        assert_eq!(spans.len(), 3);
        assert_eq!(text_words(&plain[spans[0].0.range()]), MAX_SENTENCE_WORDS);
    }

    fn text_words(s: &str) -> usize {
        s.split_whitespace().count()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let text = "Ms. Sherman met the U.S. team. Sergei A. Ryabkov spoke. Then he left.";
        assert_eq!(
            sentences(text),
            vec![
                "Ms. Sherman met the U.S. team.",
                "Sergei A. Ryabkov spoke.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn sentence_ends_inside_closing_quote() {
        let text = "He said, “We will not attack.” Russia agreed. “Fine,” she said.";
        assert_eq!(
            sentences(text),
            vec![
                "He said, “We will not attack.”",
                "Russia agreed.",
                "“Fine,” she said."
            ]
        );
    }

    #[test]
    fn lines_break_sentences_unless_they_run_on() {
        let text = "Title without stop\nBody starts here and\ncontinues here. Next one.\n\nNew paragraph";
        let spans = sentence_spans(text);
        let got: Vec<_> = spans.iter().map(|(s, p)| (&text[s.range()], *p)).collect();
        assert_eq!(
            got,
            vec![
                ("Title without stop", 0),
                ("Body starts here and\ncontinues here.", 0),
                ("Next one.", 0),
                ("New paragraph", 1)
            ]
        );
    }

    #[test]
    fn keys_normalise_quotes_numbers_and_stems() {
        let s = Stemmer::create(Algorithm::English);
        assert_eq!(normalise("troops", &s), ("troop".into(), TokenClass::Content));
        assert_eq!(normalise("100,000", &s), ("100000".into(), TokenClass::Number));
        assert_eq!(normalise("seven", &s), ("7".into(), TokenClass::Number));
        assert_eq!(normalise("Moscow’s", &s), ("moscow".into(), TokenClass::Content));
        assert_eq!(normalise("doesn’t", &s).1, TokenClass::Stop);
        assert_eq!(normalise("told", &s).1, TokenClass::Speech);
        assert_eq!(normalise("US", &s).0, normalise("U.S", &s).0);
    }

    #[test]
    fn cached_word_analysis_gives_the_same_tokens_as_analysing_each_word() {
        let s = Stemmer::create(Algorithm::English);
        let text = "US troops, the U.S. and us: Moscow’s MOSCOW's moscow. Ｆｕｌｌ width \
                    Ｆｕｌｌ; café Café CAFÉ; 100,000 or 3.5 and 100,000; seven Seven; \
                    doesn’t doesn't `quoted` told Told; Straße straße İstanbul ﬁnal ﬁnal.";
        let sentences = sentence_spans(text);
        let mut cache = WordCache::new();
        // Twice over, so that the second round reads every word from the cache.
        for _ in 0..2 {
            for &(span, _) in &sentences {
                let plain = format!("{:?}", tokenize(text, span, &s));
                assert_eq!(format!("{:?}", cache.tokenize(text, span)), plain);
            }
        }
        for word in [
            "US",
            "us",
            "Us",
            "MOSCOW's",
            "Ｆｕｌｌ",
            "CAFÉ",
            "3.5",
            "doesn`t",
            "ﬁnal",
        ] {
            assert_eq!(cache.analyse(word), analyse_word(word, &s), "{word}");
            assert_eq!(cache.analyse(word), analyse_word(word, &s), "{word} again");
        }
        // The cache gives each surface form its own entry: case is part of the word.
        assert_ne!(cache.analyse("US").0, cache.analyse("Us").0);
    }

    #[test]
    fn ascii_words_fold_as_the_full_unicode_path_does() {
        for word in ["Troops", "DOESN`T", "U.S", "Moscow's", "''a''", "x`y", "ABC123"] {
            let full: String = word
                .nfkc()
                .flat_map(char::to_lowercase)
                .map(|c| if c == '`' { '\'' } else { c })
                .collect();
            assert_eq!(folded_case(word), full, "{word}");
        }
        assert_eq!(folded_case("Ｆｕｌｌ’S"), "full's");
    }

    #[test]
    fn tokens_mark_initial_words() {
        let s = Stemmer::create(Algorithm::English);
        let text = "He said “Peace now” today";
        let toks = tokenize(text, Span::new(0, text.len()), &s);
        let initial: Vec<bool> = toks.iter().map(|t| t.initial).collect();
        assert_eq!(initial, vec![true, false, true, false, false]);
    }
}
