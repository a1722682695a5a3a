//! Subjects that describe a speaker instead of naming one: "the president said", "the agency
//! added", "the statement said", "it said", "a British government spokeswoman in Washington
//! said". Part of attribution; `speakers` resolves them against what the article named before.
//!
//! The one decision to know: a description is read only where a determiner opens it within a few
//! words, and a body written before a role ("a British government spokeswoman") is the speaker
//! itself, since an unnamed spokesperson speaks for it.

use super::names::{Name, Word, organisation_from_run, person_title, run_ending_at};
use super::words::{DETERMINERS, DOCUMENT_NOUNS, INSTITUTION_NOUNS};
use crate::model::Span;

/// A speaker described by a common noun.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Described {
    /// "it": the body that spoke last.
    It,
    /// A personal role: "the president", "the congressman".
    Role(String),
    /// A body named before: "the agency", "the ministry".
    Body(String),
    /// A document: "the statement", "the 47-page indictment".
    Document(String),
}

/// What a subject ending at `words[end]` describes: a body it names with its noun ("the
/// British government") as a `Name`, or a description to resolve.
pub(super) fn subject(text: &str, words: &[Word], end: usize) -> Option<Result<Name, Described>> {
    let w = words.get(end)?;
    let lower = w.lower();
    if lower == "it" {
        return Some(Err(Described::It));
    }
    if w.capitalised() || !opened_by_determiner(words, end) {
        return None;
    }
    if DOCUMENT_NOUNS.contains(&lower.as_ref()) {
        return Some(Err(Described::Document(lower.into_owned())));
    }
    if INSTITUTION_NOUNS.contains(&lower.as_ref()) {
        return Some(owned_body(text, words, end).ok_or(Described::Body(lower.into_owned())));
    }
    if person_title(&lower).is_some() {
        // "a British government spokeswoman", "a White House spokesman": the body speaks.
        let body = end.checked_sub(1).and_then(|b| {
            let before = &words[b];
            if before.capitalised() {
                organisation_from_run(text, run_ending_at(words, b))
            } else if INSTITUTION_NOUNS.contains(&before.lower().as_ref()) {
                owned_body(text, words, b)
            } else {
                None
            }
        });
        return Some(body.ok_or(Described::Role(lower.into_owned())));
    }
    None
}

/// "the British government", "the Trump administration": capitalised words before a lowercase
/// institution noun name the body with it.
fn owned_body(text: &str, words: &[Word], noun: usize) -> Option<Name> {
    let owner = noun.checked_sub(1)?;
    if words[noun].boundary_before() || !words[owner].capitalised() {
        return None;
    }
    let run = run_ending_at(words, owner);
    let first = run
        .iter()
        .position(|w| !DETERMINERS.contains(&w.lower().as_ref()))?;
    let span = Span::new(run[first].start, words[noun].end);
    Some(Name {
        text: text.get(span.range())?.to_string(),
        span,
        gender: None,
        titled: false,
        titles: Vec::new(),
    })
}

/// A determiner stands within four words before `words[end]`, with no clause boundary between.
fn opened_by_determiner(words: &[Word], end: usize) -> bool {
    let mut k = end;
    while k > 0 && end - k < 4 && !words[k].boundary_before() {
        k -= 1;
        if DETERMINERS.contains(&words[k].lower().as_ref()) {
            return true;
        }
    }
    false
}

/// A document a sentence introduces: "X said in a statement", or one whose author follows
/// "from"/"by" ("the announcement from Kim", "a statement released by the Justice Department").
pub(super) struct Introduced {
    pub noun: String,
    /// The author written after "from"/"by".
    pub author: Option<Name>,
    /// Written "in a statement": the sentence's speaker wrote it.
    pub said_in: bool,
}

/// The documents a sentence introduces, in order.
pub(super) fn documents_introduced(text: &str, words: &[Word]) -> Vec<Introduced> {
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let lower = w.lower();
        if !DOCUMENT_NOUNS.contains(&lower.as_ref()) || w.capitalised() {
            continue;
        }
        let said_in =
            i > 1 && matches!(words[i - 1].lower().as_ref(), "a" | "an") && words[i - 2].lower() == "in";
        let by = (i + 1..(i + 4).min(words.len()))
            .take_while(|&k| !words[k].boundary_before() || k == i + 1)
            .find(|&k| matches!(words[k].lower().as_ref(), "by" | "from"));
        let author = by.and_then(|k| {
            let start = (k + 1..(k + 4).min(words.len())).find(|&s| words[s].capitalised())?;
            let run = super::names::run_starting_at(words, start);
            super::names::name_from_run(text, run, &words[k + 1..start])
        });
        if said_in || author.is_some() {
            out.push(Introduced {
                noun: lower.into_owned(),
                author,
                said_in,
            });
        }
    }
    out
}
