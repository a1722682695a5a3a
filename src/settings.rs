//! Every tunable constant of the pipeline, with its documented default and the values it
//! accepts. Stages take `&Settings`; nothing else holds a threshold. The `[align]` and
//! `[ingest]` sections of the config file deserialise into these structs.
//!
//! Each setting is declared once, in a `section!` table: its documentation, its default and,
//! for a number, its range. A value outside its range (a share above 1, a threshold that is
//! `nan`, a count of 0 where 0 means nothing) is refused where the config file or `--set` is
//! read, naming the key and the range, rather than quietly yielding an empty analysis.

use crate::display::safe_line;
use encoding_rs::Encoding;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The values a numeric setting accepts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Valid {
    /// A finite number from `min` to `max`, both included.
    Number { min: f32, max: f32 },
    /// A whole number from `min` to `max`, both included.
    Whole { min: u64, max: u64 },
}

impl Valid {
    /// A share of something: a finite number from 0 to 1. Link scores are shares too.
    pub const SHARE: Valid = Valid::number(0.0, 1.0);

    pub const fn number(min: f32, max: f32) -> Valid {
        Valid::Number { min, max }
    }

    pub const fn whole(min: u64, max: u64) -> Valid {
        Valid::Whole { min, max }
    }

    pub const fn at_least(min: u64) -> Valid {
        Valid::Whole { min, max: u64::MAX }
    }

    /// `Ok` when `value` is accepted; otherwise the error naming `section.name`.
    pub fn check(self, section: &str, name: &str, value: impl Bounded) -> Result<(), OutOfRange> {
        if value.within(self) {
            return Ok(());
        }
        Err(OutOfRange {
            key: format!("{section}.{name}"),
            found: value.to_string(),
            valid: self,
        })
    }
}

/// "a number from 0 to 1", "a whole number of at least 1": what a message says is expected.
impl fmt::Display for Valid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Valid::Number { min, max } => write!(f, "a number from {min} to {max}"),
            Valid::Whole { min, max: u64::MAX } => write!(f, "a whole number of at least {min}"),
            Valid::Whole { min, max } => write!(f, "a whole number from {min} to {max}"),
        }
    }
}

/// A value a setting may hold, checked against its declared range.
pub trait Bounded: Copy + fmt::Display {
    fn within(self, valid: Valid) -> bool;
}

impl Bounded for f32 {
    fn within(self, valid: Valid) -> bool {
        matches!(valid, Valid::Number { min, max } if self.is_finite() && (min..=max).contains(&self))
    }
}

macro_rules! bounded_whole {
    ($($t:ty),*) => {$(
        impl Bounded for $t {
            fn within(self, valid: Valid) -> bool {
                matches!(valid, Valid::Whole { min, max }
                    if u64::try_from(self).is_ok_and(|v| (min..=max).contains(&v)))
            }
        }
    )*};
}

bounded_whole!(u16, u64, usize);

/// A setting outside its range.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{key} = {found}: must be {valid}")]
pub struct OutOfRange {
    /// `section.name`, as in the config file and `--set`.
    pub key: String,
    /// The value given, as a number.
    pub found: String,
    pub valid: Valid,
}

/// Declares a section of settings, one table: each field with its documentation, its default
/// and, for a number, the values it accepts. Gives the struct, its `Default`, and `check`,
/// which finds the first value outside its range.
macro_rules! section {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$field_meta:meta])*
                pub $field:ident: $ty:ty = $default:expr $(, $valid:expr)?;
            )*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$field_meta])* pub $field: $ty,)*
        }

        impl Default for $name {
            fn default() -> Self {
                Self { $($field: $default,)* }
            }
        }

        impl $name {
            /// The first setting outside its range; `section` is the table's name in the
            /// config file, for the message.
            pub fn check(&self, section: &str) -> Result<(), $crate::settings::OutOfRange> {
                $($($crate::settings::Valid::check($valid, section, stringify!($field), self.$field)?;)?)*
                Ok(())
            }
        }
    };
}

pub(crate) use section;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub align: AlignSettings,
    pub ingest: IngestSettings,
}

impl Settings {
    /// The first setting outside its range.
    pub fn check(&self) -> Result<(), OutOfRange> {
        self.align.check("align")?;
        self.ingest.check("ingest")
    }
}

section! {
    /// Limits on what is read. Each bounds memory and time on hostile or accidental input (a
    /// huge file, an endless pipe, a folder of thousands of files, a page of millions of
    /// elements) so that it fails with a message naming the setting.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct IngestSettings {
        /// Largest article accepted, in bytes: a text or HTML file, or one article's text in a
        /// JSON file. At most 4 GiB (offsets into a text are kept in 32 bits).
        pub max_article_bytes: u64 = 2 * 1024 * 1024, Valid::whole(1, u32::MAX as u64);
        /// Largest story (all articles together), in bytes. A JSON file holding many articles is
        /// held to this rather than to the per-article limit. At most 4 GiB, as an article.
        pub max_story_bytes: u64 = 256 * 1024 * 1024, Valid::whole(1, u32::MAX as u64);
        /// Most articles in one story.
        pub max_articles: usize = 5_000, Valid::at_least(1);
        /// Most HTML elements in one saved page; larger pages are refused rather than extracted
        /// (0: no limit).
        pub max_html_elements: usize = 100_000, Valid::at_least(0);
        /// Deepest nesting of elements in one saved page (0: no limit). Parsing and extraction
        /// take time growing with the square of the depth; real pages nest a few dozen deep.
        pub max_html_depth: usize = 512, Valid::at_least(0);
        /// Encoding of text, Markdown and HTML files that are not UTF-8, have no byte-order mark
        /// and (for a page) declare no charset, as a WHATWG label such as "windows-1252". Empty:
        /// such files are refused, never guessed.
        pub fallback_encoding: FallbackEncoding = FallbackEncoding::default();
        /// Let a `story.toml` list files outside its own folder (absolute paths, `..`, or links
        /// that lead out). Off: such an entry is refused, so a manifest from elsewhere cannot
        /// pull any file the user can read into the story and its exports.
        pub manifest_outside: bool = false;
        /// Longest wait to connect to a web server, in seconds.
        pub connect_timeout_secs: u64 = 10, Valid::whole(1, 3600);
        /// Longest a page may take to fetch, redirects and body included, in seconds.
        pub fetch_timeout_secs: u64 = 30, Valid::whole(1, 3600);
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

section! {
    /// Weights and thresholds of the lexical aligner and the event clustering.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct AlignSettings {
        /// Weight of the names of quoted people: they link unrelated sentences ("Ryabkov told
        /// reporters"), so they count for less and are not content words.
        pub name_weight: f32 = 0.5, Valid::number(0.0, 10.0);
        /// Weight of other names (places, organisations: capitalised words that are not the name
        /// of a quoted person). They tell one event from another of the same kind, so they count
        /// as content words.
        pub proper_name_weight: f32 = 0.5, Valid::number(0.0, 10.0);
        /// Weight of numbers: a shared figure is strong evidence.
        pub number_weight: f32 = 1.5, Valid::number(0.0, 10.0);
        /// General English rarity (from the embedded word-frequency table) multiplies the story's
        /// own IDF: words at or above this Zipf frequency ("said", "people") get the floor…
        pub rarity_zipf_common: f32 = 6.0, Valid::number(0.0, 8.0);
        /// …words at or below this one (and words the table lacks) get full weight.
        pub rarity_zipf_rare: f32 = 3.0, Valid::number(0.0, 8.0);
        /// Least general-rarity factor, so that a common word shared by two sentences still counts.
        pub rarity_floor: f32 = 0.2, Valid::SHARE;
        /// A name (other than of a quoted person) found in more than this share of the story's
        /// sentences is the story's topic and does not count as a content word; rarer names do.
        pub topic_name_share: f32 = 0.2, Valid::SHARE;
        /// Any word found in more than this share of the story's sentences is its topic and does
        /// not count as a content word.
        pub topic_word_share: f32 = 0.2, Valid::SHARE;
        /// Share of the pair score taken by containment (the smaller side found in the larger);
        /// the rest is the symmetric Dice overlap.
        pub containment_share: f32 = 0.8, Valid::SHARE;
        /// A sub-unit pair must share at least this much weight from words that are neither names
        /// nor numbers, measured in units of the weight the rarest shared word can have in the
        /// story (so the gate means the same in a two-article story as in a long one).
        pub min_content_weight: f32 = 0.25, Valid::number(0.0, 100.0);
        /// The smaller side of a scored pair needs at least this many content words.
        pub min_content_words: usize = 2, Valid::at_least(0);
        /// Whole sentences sharing at least three words with this Dice overlap (weighted) link even
        /// when the content gates would refuse them: the same headline printed by several outlets.
        pub copy_dice: f32 = 0.7, Valid::SHARE;
        /// Index only stems found in at most this share of the story's sentences (rarer words find
        /// candidates; very common ones only add noise and quadratic work).
        pub index_max_df_share: f32 = 0.05, Valid::SHARE;
        /// …but always index at least this many of each sentence's rarest stems.
        pub index_min_per_sentence: usize = 6, Valid::at_least(0);
        /// Most candidates each sentence keeps (the sentences sharing the most rare-word weight):
        /// bounds the work per sentence, so a large story costs in proportion to its size.
        pub candidates_per_sentence: usize = 48, Valid::at_least(1);
        /// Share of the gap to 1 closed for a link between two sentences quoting the same named
        /// person (and no other link is raised: a score of 1 stays 1).
        pub speaker_bonus: f32 = 0.05, Valid::SHARE;
        /// A link between two sentences that quote only different named people is multiplied by
        /// this.
        pub speaker_mismatch: f32 = 0.8, Valid::SHARE;
        /// A link between a sentence that negates or denies (an odd number of "not", "no",
        /// "never", "denied", "refused", "n't"…) and one that does not is multiplied by this: a
        /// denial is not the claim it denies.
        pub polarity_mismatch: f32 = 0.9, Valid::SHARE;
        /// Strict edge threshold: edges at or above it build events. When `auto_thresholds` is on,
        /// this is a floor under the threshold derived from the story's own score distribution.
        pub strict_threshold: f32 = 0.32, Valid::SHARE;
        /// Weak edge threshold: weaker edges may only attach a sentence to an existing event.
        pub weak_threshold: f32 = 0.22, Valid::SHARE;
        /// Share of an event's members a sentence must reach with weak edges to join it.
        pub attach_share: f32 = 0.5, Valid::SHARE;
        /// Weak links also attach a sentence to an event when their scores, summed over the
        /// event's members, average at least the strict threshold.
        pub attach_by_average: bool = true;
        /// An edge at least this strong that is the mutual best between its two articles, left
        /// outside every event, becomes a two-mention event.
        pub rescue_threshold: f32 = 0.45, Valid::SHARE;
        /// How many ends of a rescued edge may already belong to an event (0, 1 or 2): a long
        /// sentence often reports two things, so one placed end is allowed by default.
        pub rescue_max_placed: usize = 1, Valid::whole(0, 2);
        /// Derive the strict threshold from the story's score distribution.
        pub auto_thresholds: bool = false;
        /// Most mentions one article may contribute to one event.
        pub max_mentions_per_article: usize = 2, Valid::at_least(1);
        /// Let a sentence join a second event through weak edges.
        pub second_event: bool = true;
        /// One round of average link between finished events, over weak links too: joins two
        /// events built around different parts of the same long sentences.
        pub merge_events: bool = true;
        /// An amount of a unit ("seven-hour", "175,000 troops") also matches any other amount of the
        /// same unit, so that two reports of one figure link even when they disagree on it.
        pub amount_keys: bool = true;
        /// When merging events, two neighbouring sentences of one paragraph that sit in the two
        /// events count as one passage: one outlet often splits over two sentences what another
        /// reports in one.
        pub merge_split_sentences: bool = true;
        /// Each member of an event must link to at least this share of the event's members in other
        /// articles (0: no pruning).
        pub prune_share: f32 = 0.25, Valid::SHARE;
        /// Linked sentences of two articles that state the same counted thing or sum in the
        /// same words around it report one fact: a passage left outside every event joins its
        /// counterpart's event, or the two form one, so their figures are compared.
        pub figure_anchors: bool = true;
        /// Events with a third of their members in the articles' leads (first two lines of
        /// text) join, most alike first, while the rarity-weighted words of their lead members
        /// reach this cosine, unless one names a person most of its members name and the other
        /// hardly does: the main news of a story that every outlet words its own way (0: off).
        pub headline_min_cosine: f32 = 0.15, Valid::SHARE;
        /// An event is `strong` when its mean link score reaches this…
        pub strong_min_cohesion: f32 = 0.6, Valid::SHARE;
        /// …and every mention links directly to at least this share of the mentions in other
        /// articles (and two sources alone word it alike, or link at least
        /// `strong_pair_min_cohesion` and, for a quote, credit one speaker); otherwise `weak`.
        pub strong_min_link_share: f32 = 0.5, Valid::SHARE;
        /// Two passages alone that word it differently are `strong` only when their link scores
        /// at least this (and a quote is credited to one speaker by both).
        pub strong_pair_min_cohesion: f32 = 0.7, Valid::SHARE;
        /// No stretch of text is listed in two events: a sentence in two events is cut between
        /// them (where their words, or the parts their links matched, lie apart), or stays in
        /// the one it is linked to more firmly.
        pub one_event_per_passage: bool = true;
        /// Sentences longer than this (bytes) are narrowed to the part that matches.
        pub narrow_min_bytes: usize = 200, Valid::at_least(0);
        /// A narrowed passage is widened word by word to at least this share of its sentence.
        pub narrow_min_share: f32 = 0.5, Valid::SHARE;
        /// Share of the shorter passage's words found in order in the longer one for a pair to
        /// count as "reworded" rather than "paraphrase".
        pub reworded_min_dice: f32 = 0.6, Valid::SHARE;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_within_their_ranges() {
        assert_eq!(Settings::default().check(), Ok(()));
    }

    #[test]
    fn values_outside_their_range_are_named_with_the_range() {
        let refused = |change: fn(&mut Settings)| {
            let mut settings = Settings::default();
            change(&mut settings);
            settings.check().unwrap_err().to_string()
        };
        assert_eq!(
            refused(|s| s.align.weak_threshold = f32::NAN),
            "align.weak_threshold = NaN: must be a number from 0 to 1"
        );
        assert_eq!(
            refused(|s| s.align.strict_threshold = f32::INFINITY),
            "align.strict_threshold = inf: must be a number from 0 to 1"
        );
        assert_eq!(
            refused(|s| s.align.attach_share = -0.5),
            "align.attach_share = -0.5: must be a number from 0 to 1"
        );
        assert_eq!(
            refused(|s| s.align.candidates_per_sentence = 0),
            "align.candidates_per_sentence = 0: must be a whole number of at least 1"
        );
        assert_eq!(
            refused(|s| s.align.rescue_max_placed = 3),
            "align.rescue_max_placed = 3: must be a whole number from 0 to 2"
        );
        assert_eq!(
            refused(|s| s.ingest.max_articles = 0),
            "ingest.max_articles = 0: must be a whole number of at least 1"
        );
        assert_eq!(
            refused(|s| s.ingest.max_story_bytes = 1 << 32),
            "ingest.max_story_bytes = 4294967296: must be a whole number from 1 to 4294967295"
        );
    }

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
