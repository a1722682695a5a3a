//! Every tunable constant of the pipeline, with its documented default. Stages take
//! `&Settings`; nothing else holds a threshold. The `[align]` and `[ingest]` sections of the
//! config file deserialise into these structs.

use crate::display::safe_line;
use encoding_rs::Encoding;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::str::FromStr;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub align: AlignSettings,
    pub ingest: IngestSettings,
}

/// Limits on what is read. Each bounds memory and time on hostile or accidental input (a
/// huge file, an endless pipe, a folder of thousands of files, a page of millions of
/// elements) so that it fails with a message naming the setting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IngestSettings {
    /// Largest article accepted, in bytes: a text or HTML file, or one article's text in a
    /// JSON file.
    pub max_article_bytes: u64,
    /// Largest story (all articles together), in bytes. A JSON file holding many articles is
    /// held to this rather than to the per-article limit.
    pub max_story_bytes: u64,
    /// Most articles in one story.
    pub max_articles: usize,
    /// Most HTML elements in one saved page; larger pages are refused rather than extracted
    /// (0: no limit).
    pub max_html_elements: usize,
    /// Deepest nesting of elements in one saved page (0: no limit). Parsing and extraction
    /// take time growing with the square of the depth; real pages nest a few dozen deep.
    pub max_html_depth: usize,
    /// Encoding of text, Markdown and HTML files that are not UTF-8, have no byte-order mark
    /// and (for a page) declare no charset, as a WHATWG label such as "windows-1252". Empty:
    /// such files are refused, never guessed.
    pub fallback_encoding: FallbackEncoding,
    /// Let a `story.toml` list files outside its own folder (absolute paths, `..`, or links that
    /// lead out). Off: such an entry is refused, so a manifest from elsewhere cannot pull any
    /// file the user can read into the story and its exports.
    pub manifest_outside: bool,
}

impl Default for IngestSettings {
    fn default() -> Self {
        Self {
            max_article_bytes: 2 * 1024 * 1024,
            max_story_bytes: 256 * 1024 * 1024,
            max_articles: 5_000,
            max_html_elements: 100_000,
            max_html_depth: 512,
            fallback_encoding: FallbackEncoding::default(),
            manifest_outside: false,
        }
    }
}

/// `ingest.fallback_encoding`: a legacy encoding, or none. Written as a label (any WHATWG label
/// `encoding_rs` knows, in any case) or `""`; a label that names no encoding, or one that cannot
/// stand in for UTF-8, is refused when the setting is read, naming the key, so a typo never
/// shows up later as a failure to read some article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FallbackEncoding(Option<&'static Encoding>);

impl FallbackEncoding {
    /// The encoding named, or `None` to refuse text that is not UTF-8.
    pub fn encoding(self) -> Option<&'static Encoding> {
        self.0
    }
}

impl FromStr for FallbackEncoding {
    type Err = String;

    fn from_str(label: &str) -> Result<Self, String> {
        const EXAMPLES: &str = "windows-1252, iso-8859-2 or shift_jis";
        if label.trim().is_empty() {
            return Ok(Self(None));
        }
        let shown = safe_line(label);
        let encoding = Encoding::for_label(label.as_bytes()).ok_or_else(|| {
            format!(
                "unknown encoding `{shown}` for ingest.fallback_encoding, expected a label such as \
                 {EXAMPLES}, or \"\" to refuse files that are not UTF-8"
            )
        })?;
        // UTF-8 is always tried first; UTF-16 is read only with a byte-order mark; the others
        // that do not extend ASCII (ISO-2022-JP, the replacement encoding) cannot describe
        // bytes that failed as UTF-8.
        if encoding == encoding_rs::UTF_8 || !encoding.is_ascii_compatible() {
            return Err(format!(
                "`{shown}` cannot be ingest.fallback_encoding: name a legacy encoding that \
                 extends ASCII, such as {EXAMPLES} (UTF-8 is always tried first)"
            ));
        }
        Ok(Self(Some(encoding)))
    }
}

impl Serialize for FallbackEncoding {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.map_or("", Encoding::name))
    }
}

impl<'de> Deserialize<'de> for FallbackEncoding {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let label = String::deserialize(d)?;
        label.parse().map_err(serde::de::Error::custom)
    }
}

/// Weights and thresholds of the lexical aligner and the event clustering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlignSettings {
    /// Weight of the names of quoted people: they link unrelated sentences ("Ryabkov told
    /// reporters"), so they count for less and are not content words.
    pub name_weight: f32,
    /// Weight of other names (places, organisations: capitalised words that are not the name
    /// of a quoted person). They tell one event from another of the same kind, so they count
    /// as content words.
    pub proper_name_weight: f32,
    /// Weight of numbers: a shared figure is strong evidence.
    pub number_weight: f32,
    /// General English rarity (from the embedded word-frequency table) multiplies the story's
    /// own IDF: words at or above this Zipf frequency ("said", "people") get the floor…
    pub rarity_zipf_common: f32,
    /// …words at or below this one (and words the table lacks) get full weight.
    pub rarity_zipf_rare: f32,
    /// Least general-rarity factor, so that a common word shared by two sentences still counts.
    pub rarity_floor: f32,
    /// A name (other than of a quoted person) found in more than this share of the story's
    /// sentences is the story's topic and does not count as a content word; rarer names do.
    pub topic_name_share: f32,
    /// Any word found in more than this share of the story's sentences is its topic and does
    /// not count as a content word.
    pub topic_word_share: f32,
    /// Share of the pair score taken by containment (the smaller side found in the larger);
    /// the rest is the symmetric Dice overlap.
    pub containment_share: f32,
    /// A sub-unit pair must share at least this much weight from words that are neither names
    /// nor numbers, measured in units of the weight the rarest shared word can have in the
    /// story (so the gate means the same in a two-article story as in a long one).
    pub min_content_weight: f32,
    /// The smaller side of a scored pair needs at least this many content words.
    pub min_content_words: usize,
    /// Whole sentences sharing at least three words with this Dice overlap (weighted) link even
    /// when the content gates would refuse them: the same headline printed by several outlets.
    pub copy_dice: f32,
    /// Index only stems found in at most this share of the story's sentences (rarer words find
    /// candidates; very common ones only add noise and quadratic work).
    pub index_max_df_share: f32,
    /// …but always index at least this many of each sentence's rarest stems.
    pub index_min_per_sentence: usize,
    /// Most candidates each sentence keeps (the sentences sharing the most rare-word weight):
    /// bounds the work per sentence, so a large story costs in proportion to its size.
    pub candidates_per_sentence: usize,
    /// Share of the gap to 1 closed for a link between two sentences quoting the same named
    /// person (and no other link is raised: a score of 1 stays 1).
    pub speaker_bonus: f32,
    /// A link between two sentences that quote only different named people is multiplied by
    /// this.
    pub speaker_mismatch: f32,
    /// Strict edge threshold: edges at or above it build events. When `auto_thresholds` is on,
    /// this is a floor under the threshold derived from the story's own score distribution.
    pub strict_threshold: f32,
    /// Weak edge threshold: weaker edges may only attach a sentence to an existing event.
    pub weak_threshold: f32,
    /// Share of an event's members a sentence must reach with weak edges to join it.
    pub attach_share: f32,
    /// Weak links also attach a sentence to an event when their scores, summed over the
    /// event's members, average at least the strict threshold.
    pub attach_by_average: bool,
    /// An edge at least this strong that is the mutual best between its two articles, left
    /// outside every event, becomes a two-mention event.
    pub rescue_threshold: f32,
    /// How many ends of a rescued edge may already belong to an event (0, 1 or 2): a long
    /// sentence often reports two things, so one placed end is allowed by default.
    pub rescue_max_placed: usize,
    /// Derive the strict threshold from the story's score distribution.
    pub auto_thresholds: bool,
    /// Most mentions one article may contribute to one event.
    pub max_mentions_per_article: usize,
    /// Let a sentence join a second event through weak edges.
    pub second_event: bool,
    /// One round of average link between finished events, over weak links too: joins two
    /// events built around different parts of the same long sentences.
    pub merge_events: bool,
    /// An amount of a unit ("seven-hour", "175,000 troops") also matches any other amount of the
    /// same unit, so that two reports of one figure link even when they disagree on it.
    pub amount_keys: bool,
    /// When merging events, two neighbouring sentences of one paragraph that sit in the two
    /// events count as one passage: one outlet often splits over two sentences what another
    /// reports in one.
    pub merge_split_sentences: bool,
    /// Each member of an event must link to at least this share of the event's members in other
    /// articles (0: no pruning).
    pub prune_share: f32,
    /// An event is `strong` when its mean link score reaches this…
    pub strong_min_cohesion: f32,
    /// …and every mention links directly to at least this share of the mentions in other
    /// articles (and two sources alone word it alike); otherwise it is `weak`.
    pub strong_min_link_share: f32,
    /// No stretch of text is listed in two events: a sentence in two events is cut between
    /// them, or stays in the one it is linked to more firmly.
    pub one_event_per_passage: bool,
    /// Sentences longer than this (bytes) are narrowed to the part that matches.
    pub narrow_min_bytes: usize,
    /// A narrowed passage is widened word by word to at least this share of its sentence.
    pub narrow_min_share: f32,
    /// Share of the shorter passage's words found in order in the longer one for a pair to
    /// count as "reworded" rather than "paraphrase".
    pub reworded_min_dice: f32,
}

impl Default for AlignSettings {
    fn default() -> Self {
        Self {
            name_weight: 0.5,
            proper_name_weight: 0.5,
            number_weight: 1.5,
            rarity_zipf_common: 6.0,
            rarity_zipf_rare: 3.0,
            rarity_floor: 0.2,
            topic_name_share: 0.2,
            topic_word_share: 0.2,
            containment_share: 0.8,
            min_content_weight: 0.25,
            min_content_words: 2,
            copy_dice: 0.7,
            index_max_df_share: 0.05,
            index_min_per_sentence: 6,
            candidates_per_sentence: 48,
            speaker_bonus: 0.05,
            speaker_mismatch: 0.8,
            strict_threshold: 0.32,
            weak_threshold: 0.22,
            attach_share: 0.5,
            attach_by_average: true,
            rescue_threshold: 0.45,
            rescue_max_placed: 1,
            auto_thresholds: false,
            max_mentions_per_article: 2,
            second_event: true,
            merge_events: true,
            amount_keys: true,
            merge_split_sentences: true,
            prune_share: 0.25,
            strong_min_cohesion: 0.6,
            strong_min_link_share: 0.5,
            one_event_per_passage: true,
            narrow_min_bytes: 200,
            narrow_min_share: 0.5,
            reworded_min_dice: 0.6,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_labels_are_whatwg_labels() {
        let parse = |l: &str| l.parse::<FallbackEncoding>().map(FallbackEncoding::encoding);
        assert_eq!(parse(""), Ok(None));
        assert_eq!(parse(" "), Ok(None));
        assert_eq!(parse("Windows-1252"), Ok(Some(encoding_rs::WINDOWS_1252)));
        // As in browsers, Latin-1 and ASCII labels mean windows-1252.
        assert_eq!(parse("latin1"), Ok(Some(encoding_rs::WINDOWS_1252)));
        assert_eq!(parse("ISO-8859-1"), Ok(Some(encoding_rs::WINDOWS_1252)));
        assert_eq!(parse("shift_jis"), Ok(Some(encoding_rs::SHIFT_JIS)));
    }

    #[test]
    fn unknown_or_unusable_fallback_names_the_key() {
        let err = "klingon".parse::<FallbackEncoding>().unwrap_err();
        assert!(
            err.starts_with("unknown encoding `klingon` for ingest.fallback_encoding"),
            "{err}"
        );
        for label in ["utf-8", "utf-16le", "iso-2022-kr", "iso-2022-jp"] {
            let err = label.parse::<FallbackEncoding>().unwrap_err();
            assert!(
                err.starts_with(&format!("`{label}` cannot be ingest.fallback_encoding")),
                "{err}"
            );
        }
    }

    #[test]
    fn fallback_round_trips_through_its_written_form() {
        for label in [
            "",
            "windows-1252",
            "iso-8859-2",
            "shift_jis",
            "euc-kr",
            "gb18030",
            "koi8-u",
        ] {
            let setting: FallbackEncoding = label.parse().unwrap();
            let written = toml::Value::try_from(setting).unwrap();
            let back: FallbackEncoding = written.try_into().unwrap();
            assert_eq!(back, setting, "{label}");
        }
    }
}
