//! General English word rarity: the Zipf frequency of a word (log10 of its occurrences per
//! billion words) from a table of the 50,000 most frequent English words, built from the
//! `wordfreq` data (CC BY-SA 4.0, see `assets/wordfreq-ATTRIBUTION.md`).
//!
//! In: a lowercase word as `segment` folds it (before stemming). Out: Zipf × 10 as a `u8`, or 0
//! for a word the table does not hold (rarer than its last entry, about Zipf 2.5). The table is
//! embedded in the binary and parsed once, on first use, into a hash map.

use std::collections::HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../assets/wordfreq-en.txt");

/// The value for a word the table does not hold: rarer than every entry.
pub const ZIPF_UNKNOWN: u8 = 0;

fn table() -> &'static HashMap<&'static str, u8> {
    static MAP: OnceLock<HashMap<&'static str, u8>> = OnceLock::new();
    MAP.get_or_init(|| parse(TABLE))
}

/// Parses the table format: `@NN` sets the Zipf × 10 of the words on the following lines;
/// `#` lines are comments.
fn parse(text: &'static str) -> HashMap<&'static str, u8> {
    let mut map = HashMap::with_capacity(50_000);
    let mut zipf = 0u8;
    for line in text.lines() {
        if let Some(value) = line.strip_prefix('@') {
            zipf = value.trim().parse().unwrap_or(0);
        } else if !line.is_empty() && !line.starts_with('#') {
            map.entry(line).or_insert(zipf);
        }
    }
    map
}

/// Zipf frequency × 10 of a lowercase word; `ZIPF_UNKNOWN` when the table does not hold it.
pub fn zipf10(word: &str) -> u8 {
    table().get(word).copied().unwrap_or(ZIPF_UNKNOWN)
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
    fn parse_reads_levels_and_skips_comments() {
        let map = parse("# note\n@50\nalpha\nbeta\n@31\ngamma\n");
        assert_eq!(map.get("alpha"), Some(&50));
        assert_eq!(map.get("gamma"), Some(&31));
        assert_eq!(map.len(), 3);
    }
}
