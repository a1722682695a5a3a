//! The JSON contract of `parallax align --format json` (schema version 1, see DESIGN.md):
//! articles with their analysed text, events with byte-offset mentions whose `text` equals the
//! bytes at those offsets, discrepancies (each a `conflict` or a difference of `wording`), and
//! the user's notes. Field order and names are pinned by a snapshot. Optional fields are left
//! out when they have nothing to say: a mention's `speaker` (who its article credits), an
//! event's `attributions` (present only when outlets credit its words to different speakers)
//! and, in the reader's export, `current_event` (the event the reader was on).

use super::View;
use crate::model::{Analysis, ArticleId, Confidence, Difference, EventId, EventKind, MatchKind, Note};
use crate::speakers::credits::{Credit, differing_credits};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Doc<'a> {
    schema_version: u32,
    /// The event the reader was on when it exported, as its id (`"e12"`); left out otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    current_event: Option<EventId>,
    articles: Vec<ArticleOut<'a>>,
    events: Vec<EventOut<'a>>,
    discrepancies: Vec<DiscrepancyOut<'a>>,
    /// Notes as stored: `{"target": {"on": "event", "label": …} | {"on": "passage",
    /// "article": index, "start": byte, "end": byte}, "text": …}`.
    notes: &'a [Note],
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    id: ArticleId,
    path: &'a str,
    source: &'a str,
    title: &'a str,
    url: Option<&'a str>,
    date: Option<&'a str>,
    text: &'a str,
}

#[derive(Serialize)]
struct EventOut<'a> {
    id: EventId,
    label: &'a str,
    kind: EventKind,
    speaker: Option<&'a str>,
    confidence: Confidence,
    sources: &'a [ArticleId],
    mentions: Vec<MentionOut<'a>>,
    /// `[{"speaker": …, "articles": ["a1", …]}, …]`, the event's speaker first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attributions: Vec<Credit>,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    article: ArticleId,
    start: usize,
    end: usize,
    text: &'a str,
    quote: bool,
    #[serde(rename = "match")]
    match_kind: MatchKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
}

#[derive(Serialize)]
struct DiscrepancyOut<'a> {
    event: EventId,
    what: &'a str,
    values: &'a BTreeMap<ArticleId, String>,
    /// `conflict` or `wording`; optional for readers (older output lacks it).
    #[serde(rename = "type")]
    difference: Difference,
}

/// Writes the contract document, pretty-printed, with a final newline; `view` names the event in
/// focus, if any.
pub fn write(analysis: &Analysis, notes: &[Note], view: View, out: &mut dyn Write) -> std::io::Result<()> {
    let corpus = &analysis.corpus;
    let doc = Doc {
        schema_version: SCHEMA_VERSION,
        current_event: view.focus.filter(|e| e.index() < analysis.events.len()),
        articles: corpus
            .articles
            .iter()
            .map(|a| ArticleOut {
                id: a.id,
                path: &a.path,
                source: &a.source,
                title: &a.title,
                url: a.url.as_deref(),
                date: a.date.as_deref(),
                text: &a.text,
            })
            .collect(),
        events: analysis
            .events
            .iter()
            .map(|e| EventOut {
                id: e.id,
                label: &e.label,
                kind: e.kind,
                speaker: e.speaker.as_deref(),
                confidence: e.confidence,
                sources: &e.sources,
                mentions: e
                    .mentions
                    .iter()
                    .map(|m| MentionOut {
                        article: m.article,
                        start: m.span.start,
                        end: m.span.end,
                        text: corpus.article(m.article).slice(m.span),
                        quote: m.quote,
                        match_kind: m.match_kind,
                        speaker: m.speaker.as_deref(),
                    })
                    .collect(),
                attributions: differing_credits(e),
            })
            .collect(),
        discrepancies: analysis
            .discrepancies
            .iter()
            .map(|d| DiscrepancyOut {
                event: d.event,
                what: &d.what,
                values: &d.values,
                difference: d.difference,
            })
            .collect(),
        notes,
    };
    // The serializer writes many small pieces: into a buffer of a known type, not through the
    // indirect calls of `dyn Write` for each.
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buffered, &doc).map_err(std::io::Error::other)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}
