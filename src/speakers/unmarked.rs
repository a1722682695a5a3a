//! Quotations without quotation marks, part of attribution: a sentence of reported words that
//! ends in an attribution clause ("There is no reason to fear…, Ryabkov told reporters after the
//! meeting."; "…, said Deputy Secretary of State Wendy Sherman.") is a quotation, as outlets
//! that drop quotation marks write them.
//!
//! The one decision to know: the clause must be only a named person or "he"/"she" with a
//! speech verb and a short tail that opens like a time or place ("on a call with reporters"),
//! never "that …" (reported speech). When the clause sits mid-sentence ("…, Ryabkov said, but
//! …") the sentence must also speak in the first person, or it is a reporter's summary.

use super::names::{Word, name_from_run, run_ending_at};
use super::words::{FIRST_PERSON, INVERTIBLE, is_tail_opener};
use super::{Cue, Who, is_speech_verb, is_verb_at, pronoun};
use crate::lexicon;
use crate::model::Span;

/// A sentence without quotation marks that reports someone's words: `BODY, NAME said [on …].`,
/// or `BODY, NAME said, REST` when the sentence speaks in the first person. Returns the span of
/// the reported words and the cue.
pub(super) fn unmarked_quote(text: &str, words: &[Word]) -> Option<(Span, Cue)> {
    let first_person = words.iter().any(|w| FIRST_PERSON.contains(&w.text));
    for (c, w) in words.iter().enumerate().rev() {
        if c < 4 || !w.comma_before() {
            continue;
        }
        let Some((cue, end)) = attribution_clause(text, words, c) else {
            continue;
        };
        let at_end = end == words.len();
        let mid = !at_end && words[end].comma_before() && first_person;
        let opener = words[0].lower();
        if (at_end || mid) && opener != "according" && !is_speech_verb(&opener) {
            let body = Span::new(words[0].start, words[c - 1].end);
            return Some((body, cue));
        }
    }
    None
}

/// Parses an attribution clause starting at `words[from]`: `[titles] NAME|he|she VERB [tail]` or
/// `VERB [titles] NAME`. Returns the cue and the index just past the clause.
fn attribution_clause(text: &str, words: &[Word], from: usize) -> Option<(Cue, usize)> {
    let clause_end = (from + 1..words.len())
        .find(|&k| words[k].boundary_before())
        .unwrap_or(words.len());
    let clause = &words[from..clause_end];
    let verb = (0..clause.len()).find(|&k| is_verb_at(clause, k))?;
    let before = &clause[..verb];
    let after = &clause[verb + 1..];
    if verb == 0 {
        // Inverted: ", said Deputy Secretary of State Wendy Sherman."
        if after.is_empty() || !INVERTIBLE.contains(&clause[0].lower().as_ref()) {
            return None;
        }
        let name = super::inverted_name(text, clause, 1)?;
        return Some((
            Cue {
                at: clause[0].start,
                who: Who::Name(name),
            },
            clause_end,
        ));
    }
    // Subject: title words (any case) then a name, or a bare pronoun.
    let who = if before.len() == 1 && pronoun(before[0].text).is_some() {
        Who::Pronoun(pronoun(before[0].text).flatten())
    } else {
        let run = run_ending_at(before, before.len() - 1);
        let lead = &before[..before.len() - run.len()];
        if !lead
            .iter()
            .all(|w| lexicon::is_title_word(&w.lower()) || w.capitalised())
        {
            return None;
        }
        Who::Name(name_from_run(text, run, lead)?)
    };
    let tail_ok = after.first().is_none_or(|t| is_tail_opener(t.lower().as_ref()))
        && after.len() <= 10
        && !after
            .iter()
            .any(|t| t.lower() == "that" || is_speech_verb(&t.lower()));
    tail_ok.then_some((
        Cue {
            at: clause[verb].start,
            who,
        },
        clause_end,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speakers::names::words_outside;

    /// The reported words and the speaker's name (or "he"/"she") of an unmarked quotation.
    fn unmarked(text: &str) -> Option<(&str, String)> {
        let words = words_outside(text, Span::new(0, text.len()), &[]);
        let (span, cue) = unmarked_quote(text, &words)?;
        let who = match cue.who {
            Who::Name(n) => n.text,
            Who::Pronoun(Some(super::super::names::Gender::Female)) => "she".into(),
            Who::Pronoun(_) => "he".into(),
            Who::Described(d) => format!("{d:?}"),
        };
        Some((&text[span.range()], who))
    }

    #[test]
    fn statement_then_name_and_verb() {
        assert_eq!(
            unmarked("We didn’t go there and review the treaty they proposed, Ms. Sherman said."),
            Some((
                "We didn’t go there and review the treaty they proposed",
                "Sherman".into()
            ))
        );
        assert_eq!(
            unmarked(
                "There is no reason to fear some sort of escalation scenario, Russian deputy foreign \
                 minister Sergei A. Ryabkov told reporters after the meeting."
            ),
            Some((
                "There is no reason to fear some sort of escalation scenario",
                "Sergei A. Ryabkov".into()
            ))
        );
    }

    #[test]
    fn inverted_and_pronoun_clauses() {
        assert_eq!(
            unmarked("The talks covered reciprocal action, said Deputy Secretary of State Wendy Sherman."),
            Some(("The talks covered reciprocal action", "Wendy Sherman".into()))
        );
        assert_eq!(
            unmarked("We will not give up bilateral cooperation, she added on Monday."),
            Some(("We will not give up bilateral cooperation", "she".into()))
        );
    }

    #[test]
    fn mid_sentence_clause_needs_the_first_person() {
        assert!(unmarked("The tone of the talks improved, Ryabkov said, but we see no answer.").is_some());
        assert!(unmarked("The U.S. held firm on a few issues, she said, including NATO.").is_none());
    }

    #[test]
    fn reported_speech_and_introductions_are_not_quotations() {
        assert!(unmarked("On a call with reporters, Sherman added that Russia could prove it.").is_none());
        assert!(unmarked("Russia is ready to talk, officials said.").is_none());
        assert!(unmarked("According to Ms. Sherman, the talks were useful, she said.").is_none());
    }
}
