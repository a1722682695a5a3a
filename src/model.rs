//! The data model every stage shares: small `Copy` ids indexing vectors, byte spans into the
//! original article text, and the owned `Analysis` the reader and every exporter read.
//!
//! Positions are always byte offsets into `Article::text`; display columns are computed only
//! when drawing.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

macro_rules! id_type {
    ($name:ident, $prefix:literal) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            /// Index into the vector this id refers to.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The id of the `i`th element of its vector.
            pub fn from_index(i: usize) -> Self {
                Self(u32::try_from(i).unwrap_or(u32::MAX))
            }
        }

        /// Shown one-based with a prefix, as in the JSON contract: `a1`, `e3`.
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0 + 1)
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
    };
}

id_type!(ArticleId, "a");
id_type!(SentenceId, "s");
id_type!(EventId, "e");

/// A half-open byte range into one article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Bytes shared by two spans.
    pub fn overlap(self, other: Span) -> usize {
        self.end
            .min(other.end)
            .saturating_sub(self.start.max(other.start))
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// One article as read from its source. `text` is what is analysed; every span points into it.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    pub id: ArticleId,
    /// The path as the user gave it (or the bundled story's file name, or `-` for stdin).
    pub path: String,
    /// Outlet or a neutral label such as "Article 2".
    pub source: String,
    pub title: String,
    pub url: Option<String>,
    pub date: Option<String>,
    pub text: String,
}

impl Article {
    /// The text under a span, or "" when the span does not fall on this text's char boundaries.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}

/// The articles of one story, in the order given.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Corpus {
    pub title: Option<String>,
    pub articles: Vec<Article>,
}

impl Corpus {
    pub fn article(&self, id: ArticleId) -> &Article {
        &self.articles[id.index()]
    }

    /// The story's title to show: the manifest's, else the headline that shares the most
    /// words with the other articles' headlines (the first on a tie).
    pub fn display_title(&self) -> String {
        if let Some(title) = &self.title {
            return title.clone();
        }
        // Each headline's distinct words of four letters or more, as numbers in order.
        let mut ids: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let sets: Vec<Vec<u32>> = self
            .articles
            .iter()
            .map(|a| {
                let mut set: Vec<u32> = a
                    .title
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.chars().count() >= 4)
                    .map(|w| {
                        let next = ids.len() as u32;
                        *ids.entry(w.to_lowercase()).or_insert(next)
                    })
                    .collect();
                set.sort_unstable();
                set.dedup();
                set
            })
            .collect();
        // The headlines holding each word: only headlines sharing a word add to a score.
        let mut holders: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
        for (j, set) in sets.iter().enumerate() {
            for &w in set {
                holders[w as usize].push(j);
            }
        }
        let mut common = vec![0u32; sets.len()];
        // The sum of the Jaccard similarities of headline `i` to every other one.
        let mut shared = |i: usize| -> f32 {
            let mut touched: Vec<usize> = Vec::new();
            for &w in &sets[i] {
                for &j in &holders[w as usize] {
                    if j != i {
                        if common[j] == 0 {
                            touched.push(j);
                        }
                        common[j] += 1;
                    }
                }
            }
            touched.sort_unstable();
            let mut sum = 0.0f32;
            for j in touched {
                let both = std::mem::take(&mut common[j]) as f32;
                sum += both / (sets[i].len() as f32 + sets[j].len() as f32 - both);
            }
            sum
        };
        (0..self.articles.len())
            .map(|i| (shared(i), i))
            .fold(None, |best: Option<(f32, usize)>, (score, i)| match best {
                Some((b, _)) if b >= score => best,
                _ => Some((score, i)),
            })
            .map_or_else(
                || "Untitled story".to_string(),
                |(_, i)| self.articles[i].title.clone(),
            )
    }
}

/// Whether an event is a quotation or a reported statement of fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Quote,
    Statement,
}

/// How sure the analysis is that an event's mentions report one thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Every mention links directly to the others, firmly: the reader may trust it.
    Strong,
    /// Some mention rests on thinner evidence: worth checking.
    Weak,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Strong => "strong",
            Confidence::Weak => "weak",
        }
    }
}

/// How close a mention's wording is to the other mentions of its event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The same words (after normalising quotes, case and spacing).
    Verbatim,
    /// Mostly the same words with small edits.
    Reworded,
    /// The same content in other words.
    Paraphrase,
}

impl MatchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Verbatim => "verbatim",
            MatchKind::Reworded => "reworded",
            MatchKind::Paraphrase => "paraphrase",
        }
    }
}

/// One article's report of a shared event: the passage that matches the other sources.
#[derive(Debug, Clone, Serialize)]
pub struct Mention {
    pub article: ArticleId,
    pub span: Span,
    /// The sentence the passage lies in.
    pub sentence: SentenceId,
    /// The passage is (mostly) inside quotation marks.
    pub quote: bool,
    #[serde(rename = "match")]
    pub match_kind: MatchKind,
    /// Who this article credits with the passage: the speaker of the quotation it overlaps
    /// most, else of the indirect speech it reports ("Sherman said …"); canonical for the story.
    pub speaker: Option<String>,
}

/// Something two or more sources report: a quote or a fact.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub id: EventId,
    pub label: String,
    pub kind: EventKind,
    pub speaker: Option<String>,
    /// Articles reporting the event, in article order.
    pub sources: Vec<ArticleId>,
    /// Mentions in article order, then text order.
    pub mentions: Vec<Mention>,
    /// Mean link score inside the event: how firmly the mentions agree.
    pub cohesion: f32,
    /// How the wording of its mentions compares, pair by pair across sources.
    pub agreement: Agreement,
    /// How firmly the evidence holds the event together.
    pub confidence: Confidence,
}

/// The wording of an event's mentions compared pair by pair (mentions in different articles):
/// how many pairs are verbatim, reworded or paraphrased.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Agreement {
    pub verbatim: u32,
    pub reworded: u32,
    pub paraphrase: u32,
}

impl Agreement {
    pub fn pairs(self) -> u32 {
        self.verbatim + self.reworded + self.paraphrase
    }

    /// The loosest match among the pairs: the event is only as close as its weakest pair.
    pub fn weakest(self) -> Option<MatchKind> {
        if self.paraphrase > 0 {
            Some(MatchKind::Paraphrase)
        } else if self.reworded > 0 {
            Some(MatchKind::Reworded)
        } else if self.verbatim > 0 {
            Some(MatchKind::Verbatim)
        } else {
            None
        }
    }

    /// Share of the pairs that are verbatim or reworded (0 when there are none).
    pub fn close_share(self) -> f32 {
        match self.pairs() {
            0 => 0.0,
            n => (self.verbatim + self.reworded) as f32 / n as f32,
        }
    }

    pub fn add(&mut self, kind: MatchKind) {
        match kind {
            MatchKind::Verbatim => self.verbatim += 1,
            MatchKind::Reworded => self.reworded += 1,
            MatchKind::Paraphrase => self.paraphrase += 1,
        }
    }
}

impl Event {
    pub fn reports(&self, article: ArticleId) -> bool {
        self.sources.contains(&article)
    }

    /// The first mention of this event in an article.
    pub fn mention_in(&self, article: ArticleId) -> Option<&Mention> {
        self.mentions.iter().find(|m| m.article == article)
    }
}

/// Values that differ between sources for the same event ("seven hours" / "nearly eight hours").
#[derive(Debug, Clone, Serialize)]
pub struct Discrepancy {
    pub event: EventId,
    /// What differs: `number`, `quantity`, `duration` or `date`.
    pub what: String,
    /// Per article, the value as written: one figure per article, the one that reports this fact.
    pub values: BTreeMap<ArticleId, String>,
    /// Per article, where those values are written (for highlighting; not in the JSON contract).
    pub spans: BTreeMap<ArticleId, Vec<Span>>,
    /// The counted noun's stem shared by the values ("hour", "troop"), if any.
    pub unit: Option<String>,
    /// Whether the values cannot both be true, or only say one thing in other words.
    pub difference: Difference,
}

/// How the values of a discrepancy differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Difference {
    /// Values that cannot both be true: 48 pages against 47, Friday against Saturday.
    Conflict,
    /// The same fact hedged, rounded or told relative to the day of writing: "more than
    /// $250,000" against "$250,000", "last month" against "in March", "30 days" against "until
    /// June 1".
    #[default]
    Wording,
}

impl Difference {
    pub fn as_str(self) -> &'static str {
        match self {
            Difference::Conflict => "conflict",
            Difference::Wording => "wording",
        }
    }
}

/// A direct quotation found in one article.
#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    pub article: ArticleId,
    /// The quoted words, without the quotation marks.
    pub span: Span,
    /// Best guess at who said it, in canonical form for the story.
    pub speaker: Option<String>,
    /// The speaker is a named person (not an organisation or a place).
    pub person: bool,
    /// Written inside quotation marks (false for reported words such as "…, Ryabkov said.").
    pub marked: bool,
}

/// What a note is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(tag = "on", rename_all = "lowercase")]
pub enum NoteTarget {
    /// A shared event, by its label (ids are renumbered when the analysis changes).
    Event { label: String },
    /// A passage of one article, by byte span.
    Passage {
        article: usize,
        start: usize,
        end: usize,
    },
}

/// A user's note on an event or a passage; exporters include them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Note {
    pub target: NoteTarget,
    pub text: String,
}

/// Everything the analysis found in one story; what the reader and the exporters show.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub corpus: Corpus,
    pub events: Vec<Event>,
    pub discrepancies: Vec<Discrepancy>,
    pub quotes: Vec<Quote>,
}

impl Analysis {
    pub fn event(&self, id: EventId) -> &Event {
        &self.events[id.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(titles: &[&str]) -> Corpus {
        Corpus {
            title: None,
            articles: titles
                .iter()
                .enumerate()
                .map(|(i, t)| Article {
                    id: ArticleId::from_index(i),
                    path: format!("{i}.txt"),
                    source: format!("Article {}", i + 1),
                    title: (*t).to_string(),
                    url: None,
                    date: None,
                    text: String::new(),
                })
                .collect(),
        }
    }

    /// The title chosen by comparing every pair of headlines' word sets directly.
    fn chosen_pairwise(corpus: &Corpus) -> String {
        let words = |t: &str| -> std::collections::BTreeSet<String> {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 4)
                .map(str::to_lowercase)
                .collect()
        };
        let sets: Vec<_> = corpus.articles.iter().map(|a| words(&a.title)).collect();
        let score = |i: usize| -> f32 {
            let a = &sets[i];
            sets.iter()
                .enumerate()
                .filter(|&(j, b)| j != i && !a.is_empty() && !b.is_empty())
                .map(|(_, b)| a.intersection(b).count() as f32 / a.union(b).count() as f32)
                .sum()
        };
        let mut best: Option<(f32, usize)> = None;
        for i in 0..sets.len() {
            let s = score(i);
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, i));
            }
        }
        best.map_or_else(
            || "Untitled story".to_string(),
            |(_, i)| corpus.articles[i].title.clone(),
        )
    }

    #[test]
    fn the_title_is_the_headline_sharing_most_words_with_the_others() {
        let corpus = story(&[
            "Storm closes the harbour",
            "Harbour bridge reopens after lorry fire",
            "Lorry fire: harbour bridge reopens",
            "Bridge reopens; lorry fire out",
            "Weather",
        ]);
        // Its words are all in the second headline and most in the fourth.
        assert_eq!(corpus.display_title(), "Lorry fire: harbour bridge reopens");
        assert_eq!(story(&[]).display_title(), "Untitled story");
        assert_eq!(story(&["Ok", "No"]).display_title(), "Ok", "no scores: the first");
    }

    #[test]
    fn the_title_is_the_one_every_pair_compared_would_choose() {
        // Many headlines drawn from a small vocabulary (ties, repeats, empty and accented ones).
        let vocab = [
            "Harbour", "BRIDGE", "reopens", "lorry", "fire", "Zürich", "talks", "end", "über", "Geneva",
        ];
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) as usize
        };
        for round in 0..40 {
            let n = 1 + round % 13;
            let titles: Vec<String> = (0..n)
                .map(|_| {
                    let k = next() % 5;
                    (0..k)
                        .map(|_| vocab[next() % vocab.len()])
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
            let corpus = story(&refs);
            assert_eq!(corpus.display_title(), chosen_pairwise(&corpus), "{titles:?}");
        }
    }
}
