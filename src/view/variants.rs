//! The variants of an event: each mention's wording against the event's first mention (the
//! reference), as one word diff per mention (`crate::variants::diff`), computed here and
//! nowhere else. The reader's variants popup shows a mention with its own words marked and the
//! reference's words it lacks after "instead of" (`inserted`, `deleted`); the exports write
//! the two interleaved, deletions struck through (`inline`).

use crate::model::{Analysis, Corpus, Event, Span};
use crate::variants::{DiffRun, diff};
use similar::DiffTag;

/// How a stretch of a mention's wording compares with the event's first mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Same,
    /// Words of the first mention this one lacks.
    Deleted,
    /// Words this mention has and the first lacks.
    Inserted,
}

/// One mention of an event with its word diff against the event's first mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Index into the event's `mentions`.
    pub mention: usize,
    /// The word diff against the first mention; `None` for the first mention itself.
    pub runs: Option<Vec<DiffRun>>,
}

/// Every mention of an event, in mention order, each with its diff against the first.
pub fn variants(analysis: &Analysis, event: &Event) -> Vec<Variant> {
    let corpus = &analysis.corpus;
    let Some(first) = event.mentions.first() else {
        return Vec::new();
    };
    let Some(reference) = corpus.articles.get(first.article.index()) else {
        return Vec::new();
    };
    event
        .mentions
        .iter()
        .enumerate()
        .map(|(k, m)| Variant {
            mention: k,
            runs: (k > 0).then(|| {
                corpus
                    .articles
                    .get(m.article.index())
                    .map(|a| diff(reference, first.span, a, m.span))
                    .unwrap_or_default()
            }),
        })
        .collect()
}

impl Variant {
    /// Spans of the mention's own article that the reference lacks.
    pub fn inserted(&self) -> Vec<Span> {
        self.changed().map(|r| r.b).filter(|s| !s.is_empty()).collect()
    }

    /// Spans of the reference's article that this mention lacks.
    pub fn deleted(&self) -> Vec<Span> {
        self.changed().map(|r| r.a).filter(|s| !s.is_empty()).collect()
    }

    fn changed(&self) -> impl Iterator<Item = &DiffRun> + Clone {
        self.runs.iter().flatten().filter(|r| r.tag != DiffTag::Equal)
    }

    /// The wording of this mention against the reference, word by word: equal text and the
    /// spaces and punctuation between words come from this mention, deleted words from the
    /// reference (set off by a space where they would touch a word). The reference itself is
    /// one `Same` stretch.
    pub fn inline<'a>(&self, corpus: &'a Corpus, event: &Event) -> Vec<(Change, &'a str)> {
        let (Some(base), Some(other)) = (event.mentions.first(), event.mentions.get(self.mention)) else {
            return Vec::new();
        };
        let (Some(a), Some(b)) = (
            corpus.articles.get(base.article.index()),
            corpus.articles.get(other.article.index()),
        ) else {
            return Vec::new();
        };
        let b_text = |s: usize, e: usize| b.text.get(s..e).unwrap_or("");
        let Some(whole) = b.text.get(other.span.range()) else {
            return Vec::new();
        };
        let Some(runs) = &self.runs else {
            return vec![(Change::Same, whole)];
        };
        let mut parts: Vec<(Change, &'a str)> = Vec::new();
        let mut push = |change: Change, text: &'a str| {
            if !text.is_empty() {
                parts.push((change, text));
            }
        };
        let mut cursor = other.span.start;
        for run in runs {
            let start = run.b.start.clamp(cursor, other.span.end);
            push(Change::Same, b_text(cursor, start));
            let end = run.b.end.clamp(start, other.span.end);
            match run.tag {
                DiffTag::Equal => push(Change::Same, b_text(start, end)),
                DiffTag::Delete => push(Change::Deleted, a.slice(run.a)),
                DiffTag::Insert => push(Change::Inserted, b_text(start, end)),
                DiffTag::Replace => {
                    push(Change::Deleted, a.slice(run.a));
                    push(Change::Inserted, b_text(start, end));
                }
            }
            cursor = end;
        }
        push(Change::Same, b_text(cursor, other.span.end));
        spaced(parts)
    }
}

/// A space between a deletion and a word it would otherwise run into ("will" deleted before
/// "do" shows as "will do", not "willdo"), since deleted words come from the other text.
fn spaced(parts: Vec<(Change, &str)>) -> Vec<(Change, &str)> {
    let mut out: Vec<(Change, &str)> = Vec::with_capacity(parts.len() + 4);
    for (change, text) in parts {
        if let Some(&(prev, before)) = out.last() {
            let touching = match (before.chars().next_back(), text.chars().next()) {
                (Some(l), Some(r)) => !l.is_whitespace() && !opens(l) && (r.is_alphanumeric() || opens(r)),
                _ => false,
            };
            if touching && (prev == Change::Deleted || change == Change::Deleted) {
                out.push((Change::Same, " "));
            }
        }
        out.push((change, text));
    }
    out
}

/// Opening brackets and quotation marks, which belong to the word after them.
fn opens(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '“' | '‘' | '«' | '„')
}
