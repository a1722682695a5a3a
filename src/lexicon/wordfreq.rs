//! General English word rarity: the Zipf frequency of a word (log10 of its occurrences per
//! billion words) from a table of the 50,000 most frequent English words, built from the
//! `wordfreq` data (CC BY-SA 4.0, see `assets/wordfreq-ATTRIBUTION.md`).
//!
//! In: a lowercase word as `segment` folds it (before stemming). Out: Zipf × 10 as a `u8`, or 0
//! for a word the table does not hold (rarer than its last entry, about Zipf 2.5). The table is
//! embedded in the binary as lines `word NN` sorted by bytes, and searched by bisection where
//! it lies: nothing is parsed or built at start-up.

use std::cmp::Ordering;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../assets/wordfreq-en.txt");

/// The value for a word the table does not hold: rarer than every entry.
pub const ZIPF_UNKNOWN: u8 = 0;

/// Zipf frequency × 10 of a lowercase word; `ZIPF_UNKNOWN` when the table does not hold it.
pub fn zipf10(word: &str) -> u8 {
    static ENTRIES: OnceLock<&str> = OnceLock::new();
    lookup(ENTRIES.get_or_init(|| entries(TABLE)), word).unwrap_or(ZIPF_UNKNOWN)
}

/// The table without its leading `#` comment lines.
fn entries(table: &str) -> &str {
    let bytes = table.as_bytes();
    let mut at = 0;
    while bytes.get(at) == Some(&b'#') {
        at = line_end(bytes, at, bytes.len()) + 1;
    }
    table.get(at..).unwrap_or("")
}

/// The value of `word` in table entries, lines `word NN` sorted by bytes, found by bisecting
/// the text: each step reads the line around the middle byte.
fn lookup(table: &str, word: &str) -> Option<u8> {
    let bytes = table.as_bytes();
    let mut lo = 0;
    let mut hi = bytes.len();
    // `lo` is always the start of a line, `hi` the start of one or the end of the table.
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |p| lo + p + 1);
        let end = line_end(bytes, start, hi);
        let (key, value) = table.get(start..end)?.split_once(' ')?;
        match key.cmp(word) {
            Ordering::Less => lo = (end + 1).min(hi),
            Ordering::Greater => hi = start,
            Ordering::Equal => return value.trim().parse().ok(),
        }
    }
    None
}

/// The index of the newline ending the line that starts at `start` (or `hi`).
fn line_end(bytes: &[u8], start: usize, hi: usize) -> usize {
    bytes[start..hi]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(hi, |p| start + p)
}

/// Rarity in [0, 1] from a Zipf × 10 value: 0 at or above `common` (Zipf), 1 at or below
/// `rare`, linear between. Unknown words count as rare.
pub fn rarity(zipf10: u8, common: f32, rare: f32) -> f32 {
    if zipf10 == ZIPF_UNKNOWN {
        return 1.0;
    }
    let z = f32::from(zipf10) / 10.0;
    let span = (common - rare).max(1e-3);
    ((common - z) / span).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_are_frequent_and_rare_words_are_not_found() {
        assert!(zipf10("the") >= 70);
        assert!(zipf10("talks") > zipf10("invade"));
        assert!(zipf10("invade") > 25);
        assert_eq!(zipf10("ryabkovian"), ZIPF_UNKNOWN);
    }

    #[test]
    fn rarity_is_zero_for_common_and_one_for_rare_words() {
        assert_eq!(rarity(77, 6.0, 3.0), 0.0);
        assert_eq!(rarity(30, 6.0, 3.0), 1.0);
        assert_eq!(rarity(ZIPF_UNKNOWN, 6.0, 3.0), 1.0);
        assert!((rarity(45, 6.0, 3.0) - 0.5).abs() < 1e-6);
    }

    #[test]
    fn lookup_finds_every_line_of_a_sorted_table_and_nothing_else() {
        let table = entries("# note\n# more\nalpha 50\nbeta 49\ngamma 31\nzeta 7\n");
        for (word, value) in [("alpha", 50), ("beta", 49), ("gamma", 31), ("zeta", 7)] {
            assert_eq!(lookup(table, word), Some(value), "{word}");
        }
        for absent in ["", "a", "alphabet", "delta", "zz", "# note"] {
            assert_eq!(lookup(table, absent), None, "{absent}");
        }
        assert_eq!(lookup("alpha 50", "alpha"), Some(50));
        assert_eq!(lookup("", "alpha"), None);
    }

    #[test]
    fn the_embedded_table_is_sorted_and_every_word_is_found() {
        let lines: Vec<&str> = TABLE.lines().filter(|l| !l.starts_with('#')).collect();
        assert!(lines.len() > 40_000);
        assert!(
            lines
                .windows(2)
                .all(|w| w[0].split(' ').next() < w[1].split(' ').next())
        );
        for line in lines.iter().step_by(97) {
            let (word, value) = line.split_once(' ').expect("word and value");
            assert_eq!(zipf10(word).to_string(), value, "{word}");
        }
    }
}
