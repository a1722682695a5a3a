//! Who said it, according to whom: the speakers the outlets of one quote event credit, when
//! they differ ("Kim Jong Un" by two outlets, "Korean Central News Agency" by a third). Read
//! from each mention's own speaker (`Mention::speaker`); shown in the JSON, the reader's
//! status line and the exports.
//!
//! The one decision to know: only the same quoted words are compared (mentions inside quotation
//! marks whose wording is verbatim or reworded against another mention, whatever the event's
//! kind: a paraphrase or a reported fact may be another statement grouped with them), and names that denote one person
//! ("Kim", "Kim Jong Un": every word of one within the other) are one speaker, so a difference
//! is two different people or bodies, never two spellings.

use crate::model::{ArticleId, Event, MatchKind};
use serde::Serialize;

/// One speaker and the articles that credit the event's words to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Credit {
    pub speaker: String,
    /// In article order.
    pub articles: Vec<ArticleId>,
}

/// The speakers the event's outlets credit, when at least two outlets credit different
/// speakers; empty otherwise. The event's own speaker comes first, then by how many articles
/// credit each.
pub fn differing_credits(event: &Event) -> Vec<Credit> {
    let mut credits: Vec<Credit> = Vec::new();
    for m in &event.mentions {
        let Some(speaker) = m.speaker.as_deref() else {
            continue;
        };
        if !m.quote || m.match_kind == MatchKind::Paraphrase {
            continue;
        }
        match credits.iter_mut().find(|c| same_speaker(&c.speaker, speaker)) {
            Some(c) => {
                // The longer form names the speaker better ("Kim Jong Un" over "Kim").
                if speaker.len() > c.speaker.len() {
                    c.speaker = speaker.to_string();
                }
                if !c.articles.contains(&m.article) {
                    c.articles.push(m.article);
                }
            }
            None => credits.push(Credit {
                speaker: speaker.to_string(),
                articles: vec![m.article],
            }),
        }
    }
    // Two outlets must differ: one article crediting two speakers is not a disagreement.
    let outlets = {
        let mut all: Vec<ArticleId> = credits.iter().flat_map(|c| c.articles.iter().copied()).collect();
        all.sort_unstable();
        all.dedup();
        all.len()
    };
    if credits.len() < 2 || outlets < 2 {
        return Vec::new();
    }
    for c in &mut credits {
        c.articles.sort_unstable();
    }
    let own = event.speaker.as_deref();
    credits.sort_by_key(|c| {
        (
            !own.is_some_and(|s| same_speaker(s, &c.speaker)),
            std::cmp::Reverse(c.articles.len()),
            c.articles.first().copied(),
        )
    });
    credits
}

/// Every word of one name is in the other ("Kim" and "Kim Jong Un"; not "Melania Trump" and
/// "Donald Trump").
pub fn same_speaker(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(|w| w.trim_end_matches('.').to_lowercase())
            .collect()
    };
    let (x, y) = (words(a), words(b));
    let within = |p: &[String], q: &[String]| p.iter().all(|w| q.contains(w));
    !x.is_empty() && !y.is_empty() && (within(&x, &y) || within(&y, &x))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agreement, EventId, EventKind, Mention, SentenceId, Span};

    fn event(kind: EventKind, speaker: Option<&str>, credited: &[(u32, Option<&str>)]) -> Event {
        Event {
            id: EventId(0),
            label: String::new(),
            kind,
            speaker: speaker.map(String::from),
            sources: Vec::new(),
            mentions: credited
                .iter()
                .map(|&(a, s)| Mention {
                    article: ArticleId(a),
                    span: Span::new(0, 10),
                    sentence: SentenceId(0),
                    quote: true,
                    match_kind: MatchKind::Verbatim,
                    speaker: s.map(String::from),
                })
                .collect(),
            cohesion: 0.0,
            agreement: Agreement::default(),
            confidence: crate::model::Confidence::Strong,
        }
    }

    #[test]
    fn outlets_crediting_different_speakers_are_listed_the_events_speaker_first() {
        let e = event(
            EventKind::Quote,
            Some("Kim Jong Un"),
            &[
                (0, Some("Korean Central News Agency")),
                (1, Some("Kim")),
                (2, Some("Kim Jong Un")),
                (3, None),
            ],
        );
        assert_eq!(
            differing_credits(&e),
            vec![
                Credit {
                    speaker: "Kim Jong Un".into(),
                    articles: vec![ArticleId(1), ArticleId(2)]
                },
                Credit {
                    speaker: "Korean Central News Agency".into(),
                    articles: vec![ArticleId(0)]
                },
            ]
        );
    }

    #[test]
    fn agreeing_outlets_spellings_of_one_name_and_statements_are_no_difference() {
        let agree = event(
            EventKind::Quote,
            Some("Wendy Sherman"),
            &[(0, Some("Wendy Sherman")), (1, Some("Sherman")), (2, None)],
        );
        assert!(differing_credits(&agree).is_empty());
        let one_outlet = event(
            EventKind::Quote,
            None,
            &[(0, Some("Wendy Sherman")), (0, Some("Jen Psaki"))],
        );
        assert!(differing_credits(&one_outlet).is_empty());
        let mut reported = event(
            EventKind::Statement,
            None,
            &[(0, Some("Wendy Sherman")), (1, Some("Jen Psaki"))],
        );
        reported.mentions[1].quote = false;
        assert!(differing_credits(&reported).is_empty());
        let mut paraphrased = event(
            EventKind::Quote,
            Some("Wendy Sherman"),
            &[(0, Some("Wendy Sherman")), (1, Some("John Kirby"))],
        );
        paraphrased.mentions[1].match_kind = MatchKind::Paraphrase;
        assert!(differing_credits(&paraphrased).is_empty());
    }

    #[test]
    fn relatives_are_different_speakers() {
        assert!(!same_speaker("Melania Trump", "Donald Trump"));
        assert!(same_speaker("Trump", "Donald Trump"));
        assert!(same_speaker("Kim Jong-un", "Kim Jong Un"));
    }
}
