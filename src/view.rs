//! The view model: what each article looks like to a reader, built once per analysis (and its
//! notes again when they change) and read alike by the reader's panes and the HTML and Markdown
//! exports, so they can never disagree about what is highlighted where.
//!
//! For every article it holds sorted lists — the mentions of shared events (`marks`), the
//! direct quotations, the figures the sources disagree on, where notes begin — and the same
//! facts cut into `pieces`: stretches with the same highlighting throughout, covering the text
//! exactly and in order, so a renderer walks them once from the first byte it shows. For every
//! event it holds a palette slot (`color`), chosen so that events next to each other in an
//! article never share one where the palette allows (`colors`), whether the sources disagree on
//! one of its figures, and whether it has a note of its own. The word diff of an event's
//! variants is computed here too (`variants`), and the one name of an event's kind
//! (`kind_name`).
//!
//! The one decision to know: every position is a byte span into the article's text; spans that
//! do not fall on the text's char boundaries are left out, never cut into the text.

mod variants;

pub use variants::{Change, Variant, variants};

use crate::model::{Agreement, Analysis, Article, EventId, EventKind, NoteTarget, Span};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The name of an event's kind, wherever it is shown or written.
pub fn kind_name(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Quote => "quote",
        EventKind::Statement => "statement",
    }
}

/// "verbatim 2 · reworded 1 · paraphrase 3": how the event's mentions compare, pair by pair.
pub fn agreement(a: Agreement) -> String {
    [
        ("verbatim", a.verbatim),
        ("reworded", a.reworded),
        ("paraphrase", a.paraphrase),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(name, n)| format!("{name} {n}"))
    .collect::<Vec<_>>()
    .join(" · ")
}

/// One mention of a shared event in an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub span: Span,
    pub event: EventId,
    /// Which of the event's mentions in this article it is (0 for the first).
    pub nth: usize,
    /// The mention is (or is inside) a direct quotation.
    pub quote: bool,
}

/// A figure the sources of an event state differently, where one article writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    pub span: Span,
    pub event: EventId,
}

/// A stretch of one article with the same highlighting throughout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub span: Span,
    /// Events with a mention covering the piece, in event order (best-ranked first).
    pub events: Vec<EventId>,
    /// Inside a direct quotation (an index into `Analysis::quotes`).
    pub quote: Option<usize>,
    /// Inside a figure the sources disagree on.
    pub figure: bool,
    /// Mentions that begin here: the event and which of its mentions in this article (0 first).
    pub starts: Vec<(EventId, usize)>,
    /// Only line breaks and spaces holding one: a paragraph break.
    pub brk: bool,
}

/// One article as the reader sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleView {
    /// Mentions of shared events, by start then end.
    pub marks: Vec<Mark>,
    /// Direct quotations, by start then end.
    pub quotes: Vec<Span>,
    /// Figures the sources disagree on, by start then end.
    pub figures: Vec<Figure>,
    /// Where notes begin (a noted passage, a mention of a noted event), ascending.
    pub noted: Vec<usize>,
    /// The text cut at every boundary of the above and at paragraph breaks.
    pub pieces: Vec<Piece>,
}

impl ArticleView {
    /// The pieces that touch `window`, in order.
    pub fn pieces_in(&self, window: Span) -> &[Piece] {
        let from = self.pieces.partition_point(|p| p.span.end <= window.start);
        let to = self.pieces.partition_point(|p| p.span.start < window.end);
        self.pieces.get(from..to.max(from)).unwrap_or(&[])
    }

    /// The piece holding byte `at`.
    pub fn piece_at(&self, at: usize) -> Option<&Piece> {
        self.pieces_in(Span::new(at, at + 1))
            .iter()
            .find(|p| p.span.start <= at && at < p.span.end)
    }

    /// The event a byte belongs to: `prefer` when one of its mentions covers it, else the first
    /// event whose mention does.
    pub fn event_at(&self, at: usize, prefer: Option<EventId>) -> Option<EventId> {
        let events = &self.piece_at(at)?.events;
        prefer
            .filter(|p| events.contains(p))
            .or_else(|| events.first().copied())
    }

    /// The first mention overlapping `span`.
    pub fn mark_over(&self, span: Span) -> Option<&Mark> {
        self.marks.iter().find(|m| m.span.overlap(span) > 0)
    }
}

/// The whole story as the reader sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoryView {
    pub articles: Vec<ArticleView>,
    /// Per event, its palette slot.
    colors: Vec<usize>,
    /// Per event, whether its sources disagree on a figure.
    discrepant: Vec<bool>,
    /// Per event, whether it has a note of its own.
    noted: Vec<bool>,
}

impl StoryView {
    /// The view of an analysis with its notes' targets.
    pub fn new<'a>(analysis: &Analysis, notes: impl IntoIterator<Item = &'a NoteTarget>) -> StoryView {
        let n = analysis.corpus.articles.len();
        let mut articles = vec![ArticleView::default(); n];
        for e in &analysis.events {
            let mut nth = vec![0usize; n];
            for m in &e.mentions {
                let a = m.article.index();
                let (Some(view), Some(text)) = (articles.get_mut(a), article_text(analysis, a)) else {
                    continue;
                };
                if !valid(text, m.span) {
                    continue;
                }
                view.marks.push(Mark {
                    span: m.span,
                    event: e.id,
                    nth: nth[a],
                    quote: m.quote,
                });
                nth[a] += 1;
            }
        }
        for q in &analysis.quotes {
            let a = q.article.index();
            if let (Some(view), Some(text)) = (articles.get_mut(a), article_text(analysis, a))
                && valid(text, q.span)
                && !q.span.is_empty()
            {
                view.quotes.push(q.span);
            }
        }
        let mut discrepant = vec![false; analysis.events.len()];
        for d in &analysis.discrepancies {
            if let Some(flag) = discrepant.get_mut(d.event.index()) {
                *flag = true;
            }
            for (article, spans) in &d.spans {
                let a = article.index();
                let (Some(view), Some(text)) = (articles.get_mut(a), article_text(analysis, a)) else {
                    continue;
                };
                view.figures.extend(
                    spans
                        .iter()
                        .filter(|s| valid(text, **s) && !s.is_empty())
                        .map(|&span| Figure { span, event: d.event }),
                );
            }
        }
        for (i, view) in articles.iter_mut().enumerate() {
            view.marks.sort_by_key(|m| (m.span.start, m.span.end, m.event));
            view.quotes.sort_by_key(|s| (s.start, s.end));
            view.figures.sort_by_key(|f| (f.span.start, f.span.end));
            if let Some(a) = analysis.corpus.articles.get(i) {
                view.pieces = pieces(analysis, a, view);
            }
        }
        let mut story = StoryView {
            colors: colors(analysis.events.len(), &articles),
            articles,
            discrepant,
            noted: Vec::new(),
        };
        story.set_notes(analysis, notes);
        story
    }

    /// Where notes begin, again: after a note is added, changed or deleted.
    pub fn set_notes<'a>(&mut self, analysis: &Analysis, notes: impl IntoIterator<Item = &'a NoteTarget>) {
        self.noted = vec![false; analysis.events.len()];
        for view in &mut self.articles {
            view.noted.clear();
        }
        for target in notes {
            match target {
                NoteTarget::Passage { article, start, .. } => {
                    if let Some(view) = self.articles.get_mut(*article) {
                        view.noted.push(*start);
                    }
                }
                NoteTarget::Event { label } => {
                    for e in analysis.events.iter().filter(|e| &e.label == label) {
                        if let Some(flag) = self.noted.get_mut(e.id.index()) {
                            *flag = true;
                        }
                        for m in &e.mentions {
                            if let Some(view) = self.articles.get_mut(m.article.index()) {
                                view.noted.push(m.span.start);
                            }
                        }
                    }
                }
            }
        }
        for view in &mut self.articles {
            view.noted.sort_unstable();
            view.noted.dedup();
        }
    }

    pub fn article(&self, article: usize) -> Option<&ArticleView> {
        self.articles.get(article)
    }

    /// The palette slot of an event: an index into `palette::DARK_TINTS`/`LIGHT_TINTS`.
    pub fn color(&self, event: EventId) -> usize {
        self.colors
            .get(event.index())
            .copied()
            .unwrap_or(event.index() % PALETTE)
    }

    /// Whether the sources of an event disagree on a figure.
    pub fn is_discrepant(&self, event: EventId) -> bool {
        self.discrepant.get(event.index()).copied().unwrap_or(false)
    }

    /// Whether an event has a note of its own.
    pub fn is_noted(&self, event: EventId) -> bool {
        self.noted.get(event.index()).copied().unwrap_or(false)
    }
}

fn article_text(analysis: &Analysis, article: usize) -> Option<&str> {
    analysis.corpus.articles.get(article).map(|a| a.text.as_str())
}

/// A span that lies on the text's char boundaries.
fn valid(text: &str, s: Span) -> bool {
    s.start <= s.end && text.get(s.range()).is_some()
}

/// An article cut into pieces at every mention, quote, figure and paragraph boundary, covering
/// its text exactly and in order.
fn pieces(analysis: &Analysis, article: &Article, view: &ArticleView) -> Vec<Piece> {
    let text = &article.text;
    let mut cuts = vec![0, text.len()];
    for m in &view.marks {
        cuts.extend([m.span.start, m.span.end]);
    }
    for s in &view.quotes {
        cuts.extend([s.start, s.end]);
    }
    for f in &view.figures {
        cuts.extend([f.span.start, f.span.end]);
    }
    // Paragraph breaks: each run of whitespace holding a line break becomes its own piece.
    let mut run: Option<(usize, bool)> = None;
    for (i, c) in text.char_indices().chain([(text.len(), 'x')]) {
        match (c.is_whitespace(), run) {
            (true, None) => run = Some((i, c == '\n')),
            (true, Some((start, nl))) => run = Some((start, nl || c == '\n')),
            (false, Some((start, true))) => {
                cuts.extend([start, i]);
                run = None;
            }
            (false, _) => run = None,
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    // Quotes by start, with their index into the analysis, for the sweep below.
    let mut quotes: Vec<(usize, Span)> = analysis
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.article == article.id && valid(text, q.span) && !q.span.is_empty())
        .map(|(i, q)| (i, q.span))
        .collect();
    quotes.sort_by_key(|(_, s)| (s.start, s.end));
    // A sweep: what has begun by each piece's start, dropped once it has ended.
    let (mut next_mark, mut next_quote, mut next_figure) = (0, 0, 0);
    let mut marks: Vec<&Mark> = Vec::new();
    let mut open_quotes: Vec<(usize, Span)> = Vec::new();
    let mut figures: Vec<Span> = Vec::new();
    cuts.windows(2)
        .map(|w| {
            let span = Span::new(w[0], w[1]);
            let mut starts = Vec::new();
            while let Some(m) = view.marks.get(next_mark).filter(|m| m.span.start <= span.start) {
                if m.span.start == span.start {
                    starts.push((m.event, m.nth));
                }
                marks.push(m);
                next_mark += 1;
            }
            while let Some(&q) = quotes.get(next_quote).filter(|(_, s)| s.start <= span.start) {
                open_quotes.push(q);
                next_quote += 1;
            }
            while let Some(f) = view
                .figures
                .get(next_figure)
                .filter(|f| f.span.start <= span.start)
            {
                figures.push(f.span);
                next_figure += 1;
            }
            marks.retain(|m| m.span.end > span.start);
            open_quotes.retain(|(_, s)| s.end > span.start);
            figures.retain(|s| s.end > span.start);
            let mut events: Vec<EventId> = marks
                .iter()
                .filter(|m| m.span.contains(span) && !m.span.is_empty())
                .map(|m| m.event)
                .collect();
            events.sort_unstable();
            events.dedup();
            starts.sort_by_key(|&(e, nth)| (e, nth));
            let piece = text.get(span.range()).unwrap_or("");
            Piece {
                span,
                events,
                quote: open_quotes
                    .iter()
                    .filter(|(_, s)| s.contains(span))
                    .map(|&(i, _)| i)
                    .min(),
                figure: figures.iter().any(|s| s.contains(span)),
                starts,
                brk: piece.contains('\n') && piece.chars().all(char::is_whitespace),
            }
        })
        .collect()
}

// Palette slots for events, so that events next to each other in an article never share a
// colour where the palette allows: two events are neighbours when their mentions follow each
// other in an article (consecutive marks) or overlap. Slots are dealt by DSATUR (the event with
// the most differently coloured neighbours first), each event trying its own slot
// (`index % PALETTE`) first so that a story without conflicts keeps the familiar cycle. An
// event with neighbours in every slot takes the slot fewest of them share.

/// Slots in the palette (`palette::DARK_TINTS` and `LIGHT_TINTS` have as many).
pub const PALETTE: usize = crate::palette::DARK_TINTS.len();

/// The neighbours of every event: events whose mentions follow or overlap one of its own.
pub fn neighbours(events: usize, articles: &[ArticleView]) -> Vec<Vec<usize>> {
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); events];
    for view in articles {
        let marks = &view.marks;
        for (i, m) in marks.iter().enumerate() {
            for (k, n) in marks.iter().enumerate().skip(i + 1) {
                if k > i + 1 && n.span.start >= m.span.end {
                    break;
                }
                let (a, b) = (m.event.index(), n.event.index());
                if a != b && a < events && b < events {
                    adj[a].push(b);
                    adj[b].push(a);
                }
            }
        }
    }
    for list in &mut adj {
        list.sort_unstable();
        list.dedup();
    }
    adj
}

/// A palette slot per event.
pub fn colors(events: usize, articles: &[ArticleView]) -> Vec<usize> {
    let adj = neighbours(events, articles);
    let mut slot: Vec<Option<usize>> = vec![None; events];
    // Per event, how many of its coloured neighbours hold each slot.
    let mut around: Vec<[u32; PALETTE]> = vec![[0; PALETTE]; events];
    let saturation = |counts: &[u32; PALETTE]| counts.iter().filter(|&&c| c > 0).count();
    let mut queue: BinaryHeap<(usize, usize, Reverse<usize>)> =
        (0..events).map(|e| (0, adj[e].len(), Reverse(e))).collect();
    while let Some((sat, _, Reverse(e))) = queue.pop() {
        if slot[e].is_some() || sat != saturation(&around[e]) {
            continue;
        }
        let counts = around[e];
        let chosen = (0..PALETTE)
            .map(|k| (e + k) % PALETTE)
            .min_by_key(|&c| counts[c])
            .unwrap_or(0);
        slot[e] = Some(chosen);
        for &n in &adj[e] {
            around[n][chosen] += 1;
            if slot[n].is_none() {
                queue.push((saturation(&around[n]), adj[n].len(), Reverse(n)));
            }
        }
    }
    slot.into_iter()
        .enumerate()
        .map(|(e, s)| s.unwrap_or(e % PALETTE))
        .collect()
}

#[cfg(test)]
mod tests;
