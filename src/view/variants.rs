//! The variants of an event: each mention's wording against the event's baseline, its most
//! common wording (`crate::variants::of_event`: for a quote, the quoted words only), as one word
//! diff per mention (`crate::variants::diff_parts`), computed here and nowhere else. The
//! reader's variants popup shows a mention with its own words marked and the baseline's words
//! it lacks after "instead of" (`inserted`, `deleted`); the exports write the two interleaved,
//! deletions struck through (`inline`).

use crate::model::{Analysis, Corpus, Event, Span};
use crate::variants::{DiffRun, diff_parts, of_event};
use similar::DiffTag;

/// How a stretch of a mention's wording compares with the event's baseline wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Same,
    /// Words of the baseline this mention lacks.
    Deleted,
    /// Words this mention has and the baseline lacks.
    Inserted,
}

/// One mention of an event with its word diff against the event's baseline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Index into the event's `mentions`.
    pub mention: usize,
    /// Index into the event's `mentions` of the baseline it is compared with.
    pub baseline: usize,
    /// The stretch of the mention shown: from its first compared word to its last (a
    /// quotation's quoted words, an attribution inside it left as it is).
    pub shown: Span,
    /// The word diff against the baseline; `None` for the baseline itself.
    pub runs: Option<Vec<DiffRun>>,
}

/// Every mention of an event, in mention order, each with its diff against the baseline.
pub fn variants(analysis: &Analysis, event: &Event) -> Vec<Variant> {
    let corpus = &analysis.corpus;
    let compared = of_event(analysis, event);
    let base = compared.baseline;
    let Some(reference) = event
        .mentions
        .get(base)
        .and_then(|b| corpus.articles.get(b.article.index()))
    else {
        return Vec::new();
    };
    let base_parts = compared.parts.get(base).map_or(&[][..], Vec::as_slice);
    event
        .mentions
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let parts = compared.parts.get(k).map_or(&[][..], Vec::as_slice);
            Variant {
                mention: k,
                baseline: base,
                shown: compared.shown(k).unwrap_or(m.span),
                runs: (k != base).then(|| {
                    corpus
                        .articles
                        .get(m.article.index())
                        .map(|a| diff_parts(reference, base_parts, a, parts))
                        .unwrap_or_default()
                }),
            }
        })
        .collect()
}

impl Variant {
    /// Whether this mention is the baseline the others are compared with.
    pub fn is_baseline(&self) -> bool {
        self.runs.is_none()
    }

    /// Spans of the mention's own article that the baseline lacks.
    pub fn inserted(&self) -> Vec<Span> {
        self.changed().map(|r| r.b).filter(|s| !s.is_empty()).collect()
    }

    /// Spans of the baseline's article that this mention lacks.
    pub fn deleted(&self) -> Vec<Span> {
        self.changed().map(|r| r.a).filter(|s| !s.is_empty()).collect()
    }

    fn changed(&self) -> impl Iterator<Item = &DiffRun> + Clone {
        self.runs.iter().flatten().filter(|r| r.tag != DiffTag::Equal)
    }

    /// The wording of this mention against the baseline, word by word, over its shown stretch:
    /// equal text and the spaces and punctuation between words come from this mention, deleted
    /// words from the baseline (set off by a space where they would touch a word). The baseline
    /// itself is one `Same` stretch.
    pub fn inline<'a>(&self, corpus: &'a Corpus, event: &Event) -> Vec<(Change, &'a str)> {
        let (Some(base), Some(other)) = (
            event.mentions.get(self.baseline),
            event.mentions.get(self.mention),
        ) else {
            return Vec::new();
        };
        let (Some(a), Some(b)) = (
            corpus.articles.get(base.article.index()),
            corpus.articles.get(other.article.index()),
        ) else {
            return Vec::new();
        };
        let b_text = |s: usize, e: usize| b.text.get(s..e).unwrap_or("");
        let shown = self.shown;
        let Some(whole) = b.text.get(shown.range()) else {
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
        let mut cursor = shown.start;
        for run in runs {
            let start = run.b.start.clamp(cursor, shown.end);
            push(Change::Same, b_text(cursor, start));
            let end = run.b.end.clamp(start, shown.end);
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
        push(Change::Same, b_text(cursor, shown.end));
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
