//! Numerals, part of number normalisation: text → tokens, and the numbers written in digits
//! ("100,000", "100 000", "1.2", "21-24") or in words ("seven", "twenty-five", "a hundred
//! thousand", "a dozen") that start at a token. Units, qualifiers and dates are read around
//! them in `numbers`.
//!
//! The one decision to know: groups of three digits after a space join the number before
//! them ("100 000") only when that number has at most three digits, so "2014 100" stays two.

use crate::lexicon;
use crate::variants::KeySet;
use std::borrow::Cow;

pub const SCALES: &[(&str, f64)] = &[
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

#[derive(Debug, Clone, Copy)]
pub struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// Only spaces (no punctuation) separate it from the previous token.
    pub spaced: bool,
    /// Nothing separates it from the previous token.
    pub adjacent: bool,
}

impl<'a> Tok<'a> {
    /// The token lowercased, borrowed when it already is (most words): reading figures asks
    /// this of most tokens, several times over.
    pub fn lower(&self) -> Cow<'a, str> {
        if self.text.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            Cow::Borrowed(self.text)
        } else {
            Cow::Owned(self.text.to_lowercase())
        }
    }
    /// Whether the token, lowercased, may be one of `words` (lowercase ASCII): false only when
    /// it is written in ASCII and is none of them. Readers of figures ask it first, so that
    /// the many words that cannot start a figure are passed over cheaply.
    pub fn may_be_one_of(&self, words: &KeySet<&str>) -> bool {
        let text = self.text.as_bytes();
        if !self.text.is_ascii() {
            return true;
        }
        let mut lower = [0u8; 24];
        let Some(lower) = lower.get_mut(..text.len()) else {
            // Longer than any word asked about.
            return false;
        };
        for (l, b) in lower.iter_mut().zip(text) {
            *l = b.to_ascii_lowercase();
        }
        std::str::from_utf8(lower).is_ok_and(|l| words.contains(l))
    }

    /// Whether the token lowercased is `word` (as `lower() == word`, without building the
    /// lowercase for a token written in ASCII).
    pub fn is(&self, word: &str) -> bool {
        if self.text.is_ascii() {
            self.text.len() == word.len()
                && self
                    .text
                    .bytes()
                    .zip(word.bytes())
                    .all(|(t, w)| t.to_ascii_lowercase() == w)
        } else {
            self.lower() == word
        }
    }
    pub fn is_digits(&self) -> bool {
        self.text.starts_with(|c: char| c.is_ascii_digit())
            && self
                .text
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    }
    pub fn is_word(&self) -> bool {
        self.text.chars().any(char::is_alphanumeric)
    }
}

pub fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out: Vec<Tok<'_>> = Vec::new();
    let mut prev_end: Option<usize> = None;
    for (start, t) in crate::wordbounds::word_bound_indices(text) {
        if t.chars().all(char::is_whitespace) {
            continue;
        }
        let gap = prev_end.and_then(|p| text.get(p..start)).unwrap_or("");
        out.push(Tok {
            start,
            end: start + t.len(),
            text: t,
            spaced: !gap.is_empty() && gap.chars().all(char::is_whitespace),
            adjacent: prev_end == Some(start),
        });
        prev_end = Some(start + t.len());
    }
    out
}

/// "100,000", "1.2", "100 000" (groups of three digits after spaces).
pub fn digit_number(toks: &[Tok], i: usize) -> Option<(f64, usize)> {
    let first = toks[i].text;
    let mut digits: String = first.chars().filter(|c| *c != ',').collect();
    let mut end = i;
    if first.len() <= 3 && first.chars().all(|c| c.is_ascii_digit()) {
        while let Some(t) = toks.get(end + 1) {
            if t.spaced && t.text.len() == 3 && t.text.chars().all(|c| c.is_ascii_digit()) {
                digits.push_str(t.text);
                end += 1;
            } else {
                break;
            }
        }
    }
    let digits = digits.trim_end_matches('.');
    Some((digits.parse::<f64>().ok()?, end))
}

pub fn plain_number(s: &str) -> Option<f64> {
    s.replace(',', "").trim_end_matches('.').parse().ok()
}

/// "21-24": the upper end of a range after the number ending at token `end`.
pub fn range_end(toks: &[Tok], end: usize) -> (Option<f64>, usize) {
    let dash = toks
        .get(end + 1)
        .filter(|t| t.adjacent && matches!(t.text, "-" | "–"));
    match (dash, toks.get(end + 2)) {
        (Some(_), Some(t)) if t.adjacent && t.is_digits() => (plain_number(t.text), end + 2),
        _ => (None, end),
    }
}

/// Numbers in words: "seven", "twenty-five", "a hundred thousand", "one hundred and twenty",
/// "a dozen". Returns the value and the index of its last token.
pub fn word_number(toks: &[Tok], i: usize) -> Option<(f64, usize)> {
    let mut total = 0.0_f64;
    let mut current = 0.0_f64;
    let mut seen = false;
    let mut end = i;
    let mut k = i;
    while let Some(t) = toks.get(k) {
        if k > i && !(t.spaced || t.adjacent) {
            break;
        }
        let l = t.lower();
        // The next word is read only after the words that need it.
        let next = || toks.get(k + 1).map(Tok::lower).unwrap_or_default();
        let next_is_scale = |next: &str| SCALES.iter().any(|(s, _)| *s == next) || next == "dozen";
        let next_is_number = || {
            let next = next();
            next_is_scale(&next) || lexicon::number_word(&next).is_some()
        };
        if (l == "a" || l == "an") && !seen && next_is_scale(&next()) {
            current = 1.0;
        } else if (l == "and" || l == "-") && seen && next_is_number() {
        } else if let Some(&(_, scale)) = SCALES.iter().find(|(s, _)| *s == l) {
            if scale >= 1e3 {
                total += current.max(1.0) * scale;
                current = 0.0;
            } else {
                current = current.max(1.0) * scale;
            }
            seen = true;
            end = k;
        } else if l == "dozen" {
            current = current.max(1.0) * 12.0;
            seen = true;
            end = k;
        } else if let Some(v) = lexicon::number_word(&l) {
            current += v as f64;
            seen = true;
            end = k;
        } else {
            break;
        }
        k += 1;
    }
    seen.then_some((total + current, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_may_be_one_of_a_set_whatever_its_case_and_a_non_ascii_word_always_may() {
        let words: KeySet<&str> = ["seven", "dozen"].into_iter().collect();
        let toks = tokens("Seven DOZEN sevens sevenfoldsevenfoldsevenfold Ça");
        let may: Vec<(&str, bool)> = toks.iter().map(|t| (t.text, t.may_be_one_of(&words))).collect();
        assert_eq!(
            may,
            [
                ("Seven", true),
                ("DOZEN", true),
                ("sevens", false),
                ("sevenfoldsevenfoldsevenfold", false),
                ("Ça", true)
            ]
        );
    }

    fn read(text: &str) -> Option<f64> {
        let toks = tokens(text);
        if toks.first()?.is_digits() {
            digit_number(&toks, 0).map(|(v, _)| v)
        } else {
            word_number(&toks, 0).map(|(v, _)| v)
        }
    }

    #[test]
    fn digits_with_separators() {
        assert_eq!(read("100,000"), Some(100_000.0));
        assert_eq!(read("100 000"), Some(100_000.0));
        assert_eq!(read("100\u{a0}000"), Some(100_000.0));
        assert_eq!(read("1.2"), Some(1.2));
        assert_eq!(read("2014 100"), Some(2014.0));
    }

    #[test]
    fn words_with_scales() {
        assert_eq!(read("a hundred thousand"), Some(100_000.0));
        assert_eq!(read("two million"), Some(2_000_000.0));
        assert_eq!(read("seven-hour"), Some(7.0));
        assert_eq!(read("a seven"), None);
        assert_eq!(read("hours"), None);
    }

    #[test]
    fn a_token_is_a_word_as_its_lowercase_is() {
        let text = "Several SEVERAL several sEveral severals Ǆ ǆ \u{212A}ELVIN kelvin İ i";
        let words = [
            "several", "Several", "severals", "ǆ", "kelvin", "i", "i\u{307}", "",
        ];
        for t in tokens(text) {
            for w in words {
                assert_eq!(t.is(w), t.lower() == w, "{:?} {w:?}", t.text);
            }
        }
        assert!(tokens("SEVERAL")[0].is("several"));
        assert!(!tokens("several")[0].is("Several"));
    }

    #[test]
    fn a_lowercase_token_is_its_own_lowercase() {
        let text = "several Several SEVERAL 100,000 p.m. Ǆ ǆ \u{212A}elvin kelvin İ i ümlaut";
        for t in tokens(text) {
            assert_eq!(t.lower(), t.text.to_lowercase(), "{:?}", t.text);
            let ascii_lower = t.text.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase());
            assert_eq!(matches!(t.lower(), Cow::Borrowed(_)), ascii_lower, "{:?}", t.text);
        }
    }

    #[test]
    fn ranges_need_adjacent_dashes() {
        let toks = tokens("21-24");
        assert_eq!(range_end(&toks, 0), (Some(24.0), 2));
        let toks = tokens("21 - 24");
        assert_eq!(range_end(&toks, 0), (None, 0));
    }
}
