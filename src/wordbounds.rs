//! Word boundaries (Unicode Standard Annex #29), fast on the text news is written in.
//!
//! In: a text. Out: its pieces between word boundaries with their byte offsets, exactly as
//! `unicode_segmentation`'s `split_word_bound_indices` gives them. The library looks every
//! character up in its tables, which made splitting the larger part of reading names and
//! figures. Here a line (up to and after its line feed, after which the rules always break and
//! never look back) whose characters all belong to a small set whose word classes are known
//! (ASCII, Latin letters, curly quotes and apostrophes, dashes, the ellipsis) is split by the
//! rules of the annex that can apply to those classes; any other line is handed to the library
//! whole. A test compares the two on random texts.

use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation, UnicodeWordIndices};

/// The word break classes of the annex that the characters split here can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Cr,
    Lf,
    Newline,
    Space,
    Letter,
    Numeric,
    MidLetter,
    MidNum,
    MidNumLet,
    SingleQuote,
    ExtendNumLet,
    Other,
}

/// The class of `c` when it is one of the characters split here.
const fn class(c: char) -> Option<Class> {
    Some(match c {
        '\r' => Class::Cr,
        '\n' => Class::Lf,
        '\u{b}' | '\u{c}' => Class::Newline,
        ' ' => Class::Space,
        'a'..='z' | 'A'..='Z' => Class::Letter,
        '0'..='9' => Class::Numeric,
        ':' => Class::MidLetter,
        ',' | ';' => Class::MidNum,
        '.' | '\u{2018}' | '\u{2019}' => Class::MidNumLet,
        '\'' => Class::SingleQuote,
        '_' => Class::ExtendNumLet,
        '\0'..='\u{7f}'
        | '\u{a0}'..='\u{a9}'
        | '\u{ab}'
        | '\u{ae}'
        | '\u{b0}'
        | '\u{b1}'
        | '\u{bb}'
        | '\u{bf}'
        | '\u{2013}'
        | '\u{2014}'
        | '\u{201c}'
        | '\u{201d}'
        | '\u{2022}'
        | '\u{2026}'
        | '\u{20ac}' => Class::Other,
        '\u{c0}'..='\u{24f}' if c != '\u{d7}' && c != '\u{f7}' => Class::Letter,
        _ => return None,
    })
}

/// The class of each ASCII character.
static ASCII: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = match class(b as u8 as char) {
            Some(k) => k,
            None => Class::Other,
        };
        b += 1;
    }
    table
};

/// Whether no boundary falls between `before` and `after`, given the characters around them
/// (rules WB3 to WB13b; the others need classes not split here).
fn joined(earlier: Option<Class>, before: Class, after: Class, later: Option<Class>) -> bool {
    use Class::*;
    let mid_letter = |c: Class| matches!(c, MidLetter | MidNumLet | SingleQuote);
    let mid_num = |c: Class| matches!(c, MidNum | MidNumLet | SingleQuote);
    match (before, after) {
        (Cr, Lf) => true,
        (Cr | Lf | Newline, _) | (_, Cr | Lf | Newline) => false,
        (Space, Space) => true,
        (Letter | Numeric, Letter | Numeric) => true,
        (Letter, m) if mid_letter(m) => later == Some(Letter),
        (m, Letter) if mid_letter(m) => earlier == Some(Letter),
        (Numeric, m) if mid_num(m) => later == Some(Numeric),
        (m, Numeric) if mid_num(m) => earlier == Some(Numeric),
        (Letter | Numeric | ExtendNumLet, ExtendNumLet) => true,
        (ExtendNumLet, Letter | Numeric) => true,
        _ => false,
    }
}

/// The pieces of `text` between word boundaries, with their byte offsets.
pub fn word_bound_indices(text: &str) -> WordBounds<'_> {
    WordBounds {
        text,
        at: 0,
        line_end: 0,
        library: None,
    }
}

/// The words of `text` (the pieces holding a letter or digit) with their byte offsets, as
/// `unicode_segmentation`'s `unicode_word_indices` gives them; an ASCII text is left to the
/// library, which splits it quickly itself.
pub fn word_indices(text: &str) -> Words<'_> {
    if text.is_ascii() {
        Words::Ascii(text.unicode_word_indices())
    } else {
        Words::Other(word_bound_indices(text))
    }
}

/// See `word_indices`.
pub enum Words<'a> {
    Ascii(UnicodeWordIndices<'a>),
    Other(WordBounds<'a>),
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        match self {
            Words::Ascii(words) => words.next(),
            Words::Other(pieces) => pieces.find(|(_, piece)| piece.chars().any(char::is_alphanumeric)),
        }
    }
}

/// See `word_bound_indices`.
pub struct WordBounds<'a> {
    text: &'a str,
    /// Where the next piece starts.
    at: usize,
    /// The end of the line being split here (0 before the first).
    line_end: usize,
    /// The line the library splits, with its offset.
    library: Option<(usize, UWordBoundIndices<'a>)>,
}

impl<'a> WordBounds<'a> {
    /// The class and length of the character at byte `i`, if it is one split here.
    #[inline]
    fn class_at(&self, i: usize) -> Option<(Class, usize)> {
        match self.text.as_bytes().get(i) {
            None => None,
            Some(&b) if b.is_ascii() => Some((ASCII[usize::from(b)], 1)),
            Some(_) => {
                let c = self.text.get(i..)?.chars().next()?;
                class(c).map(|k| (k, c.len_utf8()))
            }
        }
    }

    /// Starts the line at `self.at`: split here when every character is known, else by the
    /// library.
    fn start_line(&mut self) {
        let rest = &self.text[self.at..];
        let len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = &rest[..len];
        self.line_end = self.at + len;
        if !(line.is_ascii() || line.chars().all(|c| class(c).is_some())) {
            self.library = Some((self.at, line.split_word_bound_indices()));
            self.at = self.line_end;
        }
    }

    /// The end of the piece starting at `self.at`, inside a line split here.
    fn piece_end(&self) -> usize {
        let bytes = self.text.as_bytes();
        let Some((first, len)) = self.class_at(self.at) else {
            return self.line_end;
        };
        let mut earlier: Option<Class> = None;
        let mut before = first;
        let mut end = self.at + len;
        loop {
            // No boundary falls inside a run of letters and digits: most of a text.
            if matches!(before, Class::Letter | Class::Numeric) {
                let run = bytes[end..self.line_end]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                if run > 0 {
                    let class_of = |b: u8| {
                        if b.is_ascii_digit() {
                            Class::Numeric
                        } else {
                            Class::Letter
                        }
                    };
                    earlier = Some(if run > 1 {
                        class_of(bytes[end + run - 2])
                    } else {
                        before
                    });
                    before = class_of(bytes[end + run - 1]);
                    end += run;
                }
            }
            if end >= self.line_end {
                return end;
            }
            let Some((after, len)) = self.class_at(end) else {
                return end;
            };
            let following = self.class_at(end + len).map(|(k, _)| k);
            if !joined(earlier, before, after, following) {
                return end;
            }
            earlier = Some(before);
            before = after;
            end += len;
        }
    }
}

impl<'a> Iterator for WordBounds<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        loop {
            if let Some((offset, pieces)) = &mut self.library {
                if let Some((i, piece)) = pieces.next() {
                    return Some((*offset + i, piece));
                }
                self.library = None;
            }
            if self.at >= self.text.len() {
                return None;
            }
            if self.at >= self.line_end {
                self.start_line();
                continue;
            }
            let start = self.at;
            self.at = self.piece_end();
            return self.text.get(start..self.at).map(|piece| (start, piece));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(text: &str) -> Vec<(usize, &str)> {
        word_bound_indices(text).collect()
    }

    fn library(text: &str) -> Vec<(usize, &str)> {
        text.split_word_bound_indices().collect()
    }

    #[test]
    fn news_text_splits_as_the_library_splits_it() {
        let texts = [
            "Russia says it doesn’t plan to invade Ukraine.",
            "“We have no plans,” Ryabkov said on Jan. 10, 2022, after 7.5 hours.",
            "The U.S. held firm — 100,000 troops; $3.5 billion… e-mail a_b 3a b3 it's o'clock",
            "Ça va, Zoë? Naïve café: 12:30, 1.2.3, 1,000,000.50\r\n\nNext  line\tTab",
            "Mixed ☃ line with a snowman\nand a plain line after it.",
            "",
            "'quoted' ‘single’ .5 5. a. .a :a a: a:b 1:2",
        ];
        for text in texts {
            assert_eq!(ours(text), library(text), "{text:?}");
        }
    }

    #[test]
    fn a_line_with_an_unknown_character_is_split_by_the_library() {
        let text = "naïve ☃ snow\nplain";
        let pieces = ours(text);
        assert_eq!(pieces, library(text));
        assert!(pieces.contains(&(7, "☃")), "{pieces:?}");
        assert_eq!(pieces.last(), Some(&(text.len() - 5, "plain")));
    }

    #[test]
    fn words_are_the_pieces_the_library_calls_words() {
        for text in [
            "It’s 7.5% — “Zoë’s” café, 1,000 ☃ snow…",
            "plain ASCII, words: 3.5 and a_b",
            "—",
        ] {
            let ours: Vec<(usize, &str)> = word_indices(text).collect();
            let library: Vec<(usize, &str)> = text.unicode_word_indices().collect();
            assert_eq!(ours, library, "{text:?}");
        }
    }

    /// Characters of every class split here, and some that are not (a combining accent, a
    /// soft hyphen, a joiner, Hebrew, katakana, an emoji, a regional indicator, a line
    /// separator, a narrow no-break space).
    const ALPHABET: &[char] = &[
        'a',
        'Z',
        'é',
        'ß',
        'Ā',
        '0',
        '7',
        ' ',
        ' ',
        '\n',
        '\r',
        '\u{b}',
        '\t',
        '.',
        ',',
        ';',
        ':',
        '\'',
        '"',
        '_',
        '-',
        '$',
        '%',
        '(',
        '’',
        '‘',
        '“',
        '”',
        '–',
        '—',
        '…',
        '\u{a0}',
        '×',
        '\u{301}',
        '\u{ad}',
        '\u{200d}',
        'א',
        'カ',
        '😀',
        '\u{1f1fa}',
        '\u{2028}',
        '\u{202f}',
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn random_texts_split_as_the_library_splits_them(
            picks in proptest::collection::vec(0..ALPHABET.len(), 0..40)
        ) {
            let text: String = picks.iter().map(|&i| ALPHABET[i]).collect();
            prop_assert_eq!(ours(&text), library(&text));
            let words: Vec<(usize, &str)> = word_indices(&text).collect();
            let library_words: Vec<(usize, &str)> = text.unicode_word_indices().collect();
            prop_assert_eq!(words, library_words);
        }

        #[test]
        fn random_known_texts_split_as_the_library_splits_them(
            picks in proptest::collection::vec(0..32usize, 0..40)
        ) {
            let text: String = picks.iter().map(|&i| ALPHABET[i]).collect();
            prop_assert_eq!(ours(&text), library(&text));
        }
    }

    #[test]
    fn every_known_character_has_the_library_class_in_context() {
        // Each known character between letters, digits and spaces splits as the library
        // splits it: a wrong class would show in one of these contexts.
        let known: Vec<char> = (0u32..0x2200)
            .filter_map(char::from_u32)
            .filter(|&c| class(c).is_some())
            .collect();
        for c in known {
            for (x, y) in [
                ("a", "b"),
                ("1", "2"),
                ("a", "1"),
                (" ", " "),
                ("_", "a"),
                ("1", "_"),
            ] {
                for text in [
                    format!("{x}{c}{y}"),
                    format!("{c}{c}{x}"),
                    format!("{x}{c}{c}{y}"),
                ] {
                    assert_eq!(ours(&text), library(&text), "{c:?} in {text:?}");
                }
            }
        }
    }
}
