//! Tests of the view model: pieces cover the text, variants mark words, colours of neighbours
//! differ.

use super::*;
use crate::ingest::from_texts;
use crate::model::{ArticleId, Confidence, Event, MatchKind, Mention, Quote, SentenceId};

fn mention(a: usize, span: Span) -> Mention {
    Mention {
        article: ArticleId::from_index(a),
        span,
        sentence: SentenceId(0),
        quote: false,
        match_kind: MatchKind::Reworded,
        speaker: None,
    }
}

fn event(id: usize, mentions: Vec<Mention>) -> Event {
    let mut sources: Vec<ArticleId> = mentions.iter().map(|m| m.article).collect();
    sources.dedup();
    Event {
        id: EventId::from_index(id),
        label: format!("event {id}"),
        kind: EventKind::Statement,
        speaker: None,
        sources,
        mentions,
        cohesion: 1.0,
        agreement: Default::default(),
        confidence: Confidence::Strong,
    }
}

fn analysis(texts: &[&str], spans: &[(usize, Span)]) -> Analysis {
    let mentions = spans.iter().map(|&(a, span)| mention(a, span)).collect();
    Analysis {
        corpus: from_texts(texts),
        events: vec![event(0, mentions)],
        discrepancies: Vec::new(),
        quotes: Vec::new(),
    }
}

#[test]
fn pieces_cover_the_text_and_split_paragraphs() {
    let text = "One two.\n\nThree four five.";
    let a = analysis(&[text, "x"], &[(0, Span::new(4, 7)), (0, Span::new(10, 15))]);
    let view = StoryView::new(&a, []);
    let ps = &view.articles[0].pieces;
    let joined: String = ps.iter().map(|p| &text[p.span.range()]).collect();
    assert_eq!(joined, text);
    let brk: Vec<&str> = ps
        .iter()
        .filter(|p| p.brk)
        .map(|p| &text[p.span.range()])
        .collect();
    assert_eq!(brk, vec!["\n\n"]);
    let marked: Vec<(&str, usize)> = ps
        .iter()
        .filter(|p| !p.events.is_empty())
        .map(|p| (&text[p.span.range()], p.starts[0].1))
        .collect();
    assert_eq!(marked, vec![("two", 0), ("Three", 1)]);
}

#[test]
fn pieces_carry_quotes_figures_and_the_event_under_a_byte() {
    let text = "He said “we will go” on 12 May.";
    let mut a = analysis(&[text, "x"], &[(0, Span::new(0, 35))]);
    a.quotes.push(Quote {
        article: ArticleId(0),
        span: Span::new(8, 24),
        speaker: None,
        person: false,
        marked: true,
    });
    a.discrepancies.push(crate::model::Discrepancy {
        event: EventId(0),
        what: "date".into(),
        values: Default::default(),
        spans: [(ArticleId(0), vec![Span::new(28, 34)])].into_iter().collect(),
        unit: None,
        difference: crate::model::Difference::Conflict,
    });
    let view = StoryView::new(&a, []);
    let v = &view.articles[0];
    let quoted: String = v
        .pieces
        .iter()
        .filter(|p| p.quote.is_some())
        .map(|p| &text[p.span.range()])
        .collect();
    assert_eq!(quoted, "“we will go”");
    let figure: String = v
        .pieces
        .iter()
        .filter(|p| p.figure)
        .map(|p| &text[p.span.range()])
        .collect();
    assert_eq!(figure, "12 May");
    assert_eq!(v.event_at(10, None), Some(EventId(0)));
    assert_eq!(v.event_at(40, None), None);
    assert!(view.is_discrepant(EventId(0)));
    assert_eq!(v.pieces_in(Span::new(9, 12)).len(), 1);
}

#[test]
fn notes_mark_passages_and_every_mention_of_a_noted_event() {
    let a = analysis(
        &["aaa bbb", "ccc ddd"],
        &[(0, Span::new(4, 7)), (1, Span::new(0, 3))],
    );
    let targets = [
        NoteTarget::Event {
            label: "event 0".into(),
        },
        NoteTarget::Passage {
            article: 1,
            start: 4,
            end: 7,
        },
    ];
    let mut view = StoryView::new(&a, &targets);
    assert_eq!(view.articles[0].noted, vec![4]);
    assert_eq!(view.articles[1].noted, vec![0, 4]);
    assert!(view.is_noted(EventId(0)));
    view.set_notes(&a, []);
    assert!(view.articles.iter().all(|v| v.noted.is_empty()));
    assert!(!view.is_noted(EventId(0)));
}

#[test]
fn variant_marks_words_against_the_first_mention() {
    let (x, y) = ("to gloss over sharp edges", "to cover up the sharp edges!");
    let a = analysis(&[x, y], &[(0, Span::new(0, x.len())), (1, Span::new(0, y.len()))]);
    let e = &a.events[0];
    let vs = variants(&a, e);
    let shown: String = vs[1]
        .inline(&a.corpus, e)
        .iter()
        .map(|(c, t)| match c {
            Change::Same => (*t).to_string(),
            Change::Deleted => format!("[-{t}]"),
            Change::Inserted => format!("[+{t}]"),
        })
        .collect();
    assert_eq!(shown, "to [-gloss over] [+cover up the] sharp edges!");
    let inserted: Vec<&str> = vs[1].inserted().iter().map(|s| &y[s.range()]).collect();
    let deleted: Vec<&str> = vs[1].deleted().iter().map(|s| &x[s.range()]).collect();
    assert_eq!((inserted, deleted), (vec!["cover up the"], vec!["gloss over"]));
    assert_eq!(vs[0].inline(&a.corpus, e), vec![(Change::Same, x)]);
}

#[test]
fn spans_off_char_boundaries_are_ignored() {
    let text = "é and more";
    let a = analysis(&[text, "x"], &[(0, Span::new(1, 5)), (1, Span::new(0, 99))]);
    let view = StoryView::new(&a, []);
    assert!(view.articles[0].pieces.iter().all(|p| p.events.is_empty()));
    let e = &a.events[0];
    assert!(variants(&a, e)[1].inline(&a.corpus, e).is_empty());
}

/// Events whose mentions follow one another or overlap in an article.
fn neighbouring_pairs(view: &StoryView) -> Vec<(EventId, EventId)> {
    let mut pairs = Vec::new();
    for v in &view.articles {
        for (i, m) in v.marks.iter().enumerate() {
            for (k, n) in v.marks.iter().enumerate().skip(i + 1) {
                if k > i + 1 && n.span.start >= m.span.end {
                    break;
                }
                if m.event != n.event {
                    pairs.push((m.event, n.event));
                }
            }
        }
    }
    pairs
}

#[test]
fn neighbouring_events_never_share_a_colour() {
    // Events 0 and 8 would share a slot by index alone; here they follow each other.
    let text = "a. b. c. d. e. f. g. h. i. j.";
    let spans: Vec<Span> = (0..10).map(|i| Span::new(i * 3, i * 3 + 2)).collect();
    let order = [0, 8, 1, 9, 2, 3, 4, 5, 6, 7];
    let events = (0..10)
        .map(|e| {
            let at = order.iter().position(|&o| o == e).unwrap_or(0);
            event(e, vec![mention(0, spans[at]), mention(1, spans[at])])
        })
        .collect();
    let a = Analysis {
        corpus: from_texts(&[text, text]),
        events,
        discrepancies: Vec::new(),
        quotes: Vec::new(),
    };
    let view = StoryView::new(&a, []);
    assert_eq!(EventId(0).index() % PALETTE, EventId(8).index() % PALETTE);
    let pairs = neighbouring_pairs(&view);
    assert!(pairs.contains(&(EventId(0), EventId(8))));
    for (x, y) in pairs {
        assert_ne!(view.color(x), view.color(y), "{x} and {y} are neighbours");
    }
}

#[test]
fn neighbouring_events_of_the_bundled_story_differ_in_colour() {
    let a = crate::analyse(crate::ingest::bundled(), &crate::Settings::default());
    let view = StoryView::new(&a, []);
    let pairs = neighbouring_pairs(&view);
    assert!(pairs.len() > 20, "the story has neighbours: {}", pairs.len());
    for (x, y) in pairs {
        assert_ne!(view.color(x), view.color(y), "{x} and {y} are neighbours");
    }
}

#[test]
fn kinds_have_one_name() {
    assert_eq!(kind_name(EventKind::Quote), "quote");
    assert_eq!(kind_name(EventKind::Statement), "statement");
}
