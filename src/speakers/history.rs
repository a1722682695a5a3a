//! What an article has named so far, as attribution reads it sentence by sentence: the
//! persons, bodies and documents a later "he", "the agency" or "the statement said" stands for,
//! and the sentence scans that feed them.
//!
//! The one decision to know: a description resolves only to something this article named
//! before it (a role through the titles the whole story gives a person); nothing is guessed.

use super::described::Described;
use super::names::{self, Gender, NameIndex, Word, name_from_run, person_title, run_starting_at};
use super::{PREPOSITIONS, Speaker, speaker_of_name};

/// What an article has named so far, most recent last: persons for pronouns and roles ("the
/// president"), bodies for "the agency" and "it", documents with their authors for "the
/// statement said".
#[derive(Debug, Default)]
pub(super) struct History {
    pub persons: Vec<Speaker>,
    pub last_speaker: Option<Speaker>,
    pub bodies: Vec<Speaker>,
    /// The last body credited with speaking, for "it said".
    pub last_body: Option<Speaker>,
    pub documents: Vec<(String, Option<Speaker>)>,
}

impl History {
    /// The last person of compatible gender: a stated gender must match, an unknown one may.
    pub fn resolve(&self, gender: Option<Gender>) -> Option<Speaker> {
        self.persons
            .iter()
            .rev()
            .find(|p| gender.is_none() || p.gender.is_none() || p.gender == gender)
            .or(self.persons.last())
            .cloned()
    }

    pub fn push(&mut self, s: &Speaker) {
        if s.person {
            self.persons.retain(|p| p.name != s.name);
            self.persons.push(s.clone());
        } else {
            self.bodies.retain(|p| p.name != s.name);
            self.bodies.push(s.clone());
        }
    }

    /// The one person the article named before with `role`; none when it named several.
    pub fn only_with_role(&self, role: &str, index: &NameIndex) -> Option<Speaker> {
        let mut with = self.persons.iter().filter(|p| index.has_role(&p.name, role));
        let first = with.next()?;
        with.all(|p| p.name == first.name).then(|| first.clone())
    }

    /// Who a description stands for, from what the article named before.
    pub fn described(&self, d: &Described, index: &NameIndex) -> Option<Speaker> {
        match d {
            Described::It => self.last_body.clone(),
            // The last person the story gives this title, in any article.
            Described::Role(role) => self
                .persons
                .iter()
                .rev()
                .find(|p| index.has_role(&p.name, role))
                .cloned(),
            Described::Body(noun) => self
                .bodies
                .iter()
                .rev()
                .find(|b| names::surname_key(&b.name) == *noun)
                .cloned(),
            Described::Document(noun) => self
                .documents
                .iter()
                .rev()
                .find(|(n, _)| n == noun)
                .and_then(|(_, author)| author.clone()),
        }
    }
}

/// The persons a sentence names before byte `at`, in order.
pub(super) fn persons_before(text: &str, words: &[Word], at: usize, index: &NameIndex) -> Vec<Speaker> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() && words[i].start < at {
        let run = run_starting_at(words, i);
        if run.is_empty() {
            i += 1;
            continue;
        }
        let before = &words[i.saturating_sub(4)..i];
        // "… with Kim": a person after a preposition is no subject.
        let object = i > 0 && PREPOSITIONS.contains(&words[i - 1].lower().as_ref());
        if let Some(name) = name_from_run(text, run, before).filter(|_| !object) {
            let s = speaker_of_name(&name, index);
            if s.person {
                out.push(s);
            }
        }
        i += run.len();
    }
    out
}

/// Bodies a sentence names ("the Korean Central News Agency"), for "the agency said" later.
pub(super) fn bodies_named(text: &str, words: &[Word], index: &NameIndex) -> Vec<Speaker> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let run = run_starting_at(words, i);
        if run.is_empty() {
            i += 1;
            continue;
        }
        if let Some(org) = names::organisation_from_run(text, run) {
            out.push(speaker_of_name(&org, index));
        }
        i += run.len();
    }
    out
}

/// The person a sentence is about: a name opening it, or opening the clause after a short
/// introduction ("For his part, Russian Deputy Foreign Minister Sergei Ryabkov set out …").
pub(super) fn sentence_subject(text: &str, words: &[Word], index: &NameIndex) -> Option<Speaker> {
    let after_intro = (1..words.len().min(12)).find(|&k| words[k].comma_before());
    // "North Korean leader Kim Jong Un met …", "Her co-star Robert Mills remembered …": the
    // name after the words describing him (a title, or common words after a determiner).
    let described = words
        .first()
        .is_some_and(|w| super::words::DETERMINERS.contains(&w.lower().as_ref()));
    let after_description = (1..words.len().min(6))
        .take_while(|&k| !words[k].boundary_before())
        .find(|&k| {
            words[k].capitalised()
                && !words[k - 1].capitalised()
                && (person_title(&words[k - 1].lower()).is_some()
                    || (described && words[1..k].iter().all(|w| !w.capitalised())))
        });
    [Some(0), after_description, after_intro]
        .into_iter()
        .flatten()
        .find_map(|k| {
            let run = run_starting_at(words, k);
            let name = name_from_run(text, run, &[])?;
            let s = speaker_of_name(&name, index);
            s.person.then_some(s)
        })
}
