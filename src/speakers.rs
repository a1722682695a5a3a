//! Attribution, part of stage 3 (quotes): quotation spans and sentences → who said each
//! quotation, in one canonical form per person for the whole story, plus the quotations written
//! without quotation marks ("There is no reason to fear…, Ryabkov told reporters.") and, apart,
//! the sentences of indirect speech with their speaker ("Sherman said Russia told her …").
//!
//! Cues are the shapes news writing uses: `"…," Sherman said`, `Ryabkov told reporters that
//! "…"`, `according to Ms. Sherman`, `she added`, `said Deputy Secretary of State Wendy
//! Sherman`, `Sherman, according to CNN, explained`, `the agency said, quoting Mr. Kim`, and
//! descriptions (`the president said`, `it said`, `the statement said`: see `described`). The
//! one decision to know: a named person or a body that speaks for itself (the White House, the
//! European Commission) beats a pronoun only by being nearer the quotation, and both beat a
//! news outlet or a place ("Russia insists…"), which is taken only when nothing better is cued
//! and it stands close by. Pronouns go first to a person named earlier in their sentence, then
//! back to the last person of compatible gender ("Ms."/"she", "Mr."/"he").

pub mod credits;
mod described;
mod history;
pub mod kinds;
pub mod names;
#[cfg(test)]
mod tests;
mod unmarked;
pub mod words;

use crate::lexicon;
use crate::model::{Article, Span};
use crate::segment::Sentence;
use described::Described;
use history::{History, bodies_named, persons_before, sentence_subject};
use kinds::{Kind, kind_of};
use names::{Gender, Name, NameIndex, Word, name_from_run, run_ending_at, run_starting_at, words_outside};
use words::{
    FIRST_PERSON, INVERTIBLE, LOCATIVES, MORE_SPEECH_VERBS, NAMING_VERBS, NOT_VERBS, RELAY_WORDS,
    VERB_ADVERBS, WEAK_VERBS,
};

/// How far (in bytes) after a naming verb ("called the bill “…”") its quotation may open.
const NAMING_REACH: usize = 40;

/// How far (in words) an organisation or a place may stand from the quotation it is taken to say.
const ORGANISATION_REACH: usize = 12;

/// The distance (in words) given to a cue in a clause of its own after a quotation: farther than
/// any cue of the quotation's own clause.
const OTHER_CLAUSE: usize = 100;

/// Prepositions: a name right after one is an object, not a subject.
pub(crate) const PREPOSITIONS: &[&str] = &[
    "with", "to", "of", "by", "for", "from", "about", "against", "on", "at", "in", "into", "between",
];

/// Words that join clauses; one followed by a capitalised subject starts a new clause.
const CONJUNCTIONS: &[&str] = &["and", "but", "while", "as", "when", "whereas", "after", "before"];

pub fn is_speech_verb(lower: &str) -> bool {
    (lexicon::is_speech_verb(lower) || MORE_SPEECH_VERBS.contains(&lower)) && !NOT_VERBS.contains(&lower)
}

/// `words[i]` is a speech verb used as one: lowercase (a capital makes "States" a name, save
/// "According" opening a sentence), and a weak verb only where its clause ends or goes on with
/// "that".
fn is_verb_at(words: &[Word], i: usize) -> bool {
    let w = &words[i];
    if w.capitalised() && i != 0 {
        return false;
    }
    let lower = w.lower();
    if !is_speech_verb(&lower) || (w.capitalised() && lower != "according") {
        return false;
    }
    !WEAK_VERBS.contains(&lower.as_ref())
        || words
            .get(i + 1)
            .is_none_or(|n| n.boundary_before() || n.lower() == "that")
}

/// Who a cue points at.
#[derive(Debug, Clone)]
enum Who {
    Name(Name),
    Pronoun(Option<Gender>),
    Described(Described),
}

/// One attribution cue in a sentence: a speech verb and who it names, at a byte offset.
#[derive(Debug, Clone)]
struct Cue {
    at: usize,
    who: Who,
}

/// A resolved speaker: the name as written and whether it is a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub name: String,
    pub person: bool,
    pub gender: Option<Gender>,
    pub kind: Kind,
}

/// Attribution cues among a sentence's words (those outside its quotations).
fn cues(text: &str, words: &[Word]) -> Vec<Cue> {
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let lower = w.lower();
        // "…,” the agency said, quoting Mr. Kim: the words are the quoted person's.
        if RELAY_WORDS.contains(&w.text) {
            let run = run_starting_at(words, i + 1);
            if let Some(name) = name_from_run(text, run, &[]) {
                out.push(Cue {
                    at: w.start,
                    who: Who::Name(name),
                });
            }
            continue;
        }
        if NAMING_VERBS.contains(&lower.as_ref()) && quotation_follows(text, w.end) {
            // "Mayor Carl Dean called the damage “the worst in fifty years”": the words are
            // his, when he is the verb's subject.
            if let Some(who @ (Who::Name(_) | Who::Pronoun(_))) = (i > 0 && !w.boundary_before())
                .then(|| subject_before(text, words, i))
                .flatten()
            {
                out.push(Cue { at: w.start, who });
            }
            continue;
        }
        if !is_verb_at(words, i) {
            continue;
        }
        if lower == "according" {
            if words.get(i + 1).is_some_and(|n| n.lower() == "to") {
                // "according to the U.S. Attorney’s Office": over the article.
                let run = run_starting_at(words, past_the(words, i + 2));
                if let Some(name) = name_from_run(text, run, &[]).or_else(|| spoken_for(text, words, i + 2)) {
                    out.push(Cue {
                        at: w.start,
                        who: Who::Name(name),
                    });
                }
            }
            continue;
        }
        if let Some(who) = subject_before(text, words, i) {
            // "a former Soviet state": a weak verb that is also a noun, after a name that a
            // determiner or an adjective opens, ends a noun phrase.
            let noun_phrase = WEAK_VERBS.contains(&lower.as_ref())
                && matches!(&who, Who::Name(n) if words
                .iter()
                .rev()
                .find(|x| x.end <= n.span.start)
                .is_some_and(|x| {
                    let l = x.lower();
                    words::DETERMINERS.contains(&l.as_ref()) || l == "former"
                }));
            if !noun_phrase {
                out.push(Cue { at: w.start, who });
            }
            continue;
        }
        // "…, adding that": a participle speaks for the sentence's first name.
        if lower.ends_with("ing") {
            let first = (0..i).find_map(|k| {
                let run = run_starting_at(words, k);
                (k == 0 || !words[k - 1].capitalised())
                    .then(|| name_from_run(text, run, &words[k.saturating_sub(4)..k]))
                    .flatten()
            });
            if let Some(name) = first {
                out.push(Cue {
                    at: w.start,
                    who: Who::Name(name),
                });
                continue;
            }
        }
        if INVERTIBLE.contains(&lower.as_ref()) && words.get(i + 1).is_some_and(|n| !n.boundary_before()) {
            if let Some(name) = inverted_name(text, words, i + 1) {
                out.push(Cue {
                    at: w.start,
                    who: Who::Name(name),
                });
            } else if let Some(p) = words
                .get(i + 1)
                .filter(|_| words.get(i + 2).is_none_or(Word::boundary_before))
                .and_then(|n| pronoun(n.text))
            {
                // "…,” said he" — but not "warned he would …", where "he" opens a clause.
                out.push(Cue {
                    at: w.start,
                    who: Who::Pronoun(p),
                });
            }
        }
    }
    out
}

/// The body a described source speaks for: "a spokesperson for the Treasury Department", "a
/// press release from the U.S. Attorney's Office" — a few common words, opened by a determiner
/// or not, then a body named after "for", "from", "at" or "of".
fn spoken_for(text: &str, words: &[Word], from: usize) -> Option<Name> {
    let mut k = from
        + usize::from(
            words
                .get(from)
                .is_some_and(|w| words::DETERMINERS.contains(&w.lower().as_ref())),
        );
    let first = k;
    while k < words.len() && k < first + 4 && !words[k].capitalised() && !words[k].boundary_before() {
        if k > first && ["for", "from", "at", "of"].contains(&words[k].lower().as_ref()) {
            let at = past_the(words, k + 1);
            if words.get(at).is_some_and(|w| w.boundary_before()) {
                return None;
            }
            return names::organisation_from_run(text, run_starting_at(words, at));
        }
        k += 1;
    }
    None
}

/// The place of the word after a "the" at `k`, else `k`.
fn past_the(words: &[Word], k: usize) -> usize {
    k + usize::from(words.get(k).is_some_and(|w| w.text == "the"))
}

/// A quotation opens after byte `at` before the clause ends (a few words on at most).
fn quotation_follows(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or("");
    rest.char_indices()
        .take_while(|&(k, _)| k < NAMING_REACH)
        .find(|&(_, c)| "“\",;:.!?()\n".contains(c))
        .is_some_and(|(_, c)| c == '“' || c == '"')
}

fn pronoun(word: &str) -> Option<Option<Gender>> {
    match word.to_lowercase().as_str() {
        "she" => Some(Some(Gender::Female)),
        "he" => Some(Some(Gender::Male)),
        _ => None,
    }
}

/// The subject of the speech verb at `verb`: the name or pronoun right before it (over adverbs),
/// or before a comma-enclosed aside ("Wendy Sherman, the chief US diplomat, said").
fn subject_before(text: &str, words: &[Word], verb: usize) -> Option<Who> {
    let mut j = verb;
    while j > 0 && VERB_ADVERBS.contains(&words[j - 1].lower().as_ref()) && !words[j].boundary_before() {
        j -= 1;
    }
    fn subject_at(text: &str, words: &[Word], end: usize) -> Option<Who> {
        let w = words.get(end)?;
        if let Some(p) = pronoun(w.text) {
            return Some(Who::Pronoun(p));
        }
        if let Some(d) = described::subject(text, words, end) {
            return Some(d.map_or_else(Who::Described, Who::Name));
        }
        let run = run_ending_at(words, end);
        if run.is_empty() {
            return None;
        }
        let first = end + 1 - run.len();
        // "a government spokeswoman in Washington said", "officials in Geneva said": the place
        // is where the subject spoke, not the subject.
        if first >= 2
            && LOCATIVES.contains(&words[first - 1].text)
            && !words[first - 1].boundary_before()
            && !words[first].boundary_before()
        {
            return subject_at(text, words, first - 2);
        }
        let before = &words[end + 1 - run.len()..end + 1 - run.len()];
        let before_start = (end + 1 - run.len()).saturating_sub(4);
        let before = if before.is_empty() {
            &words[before_start..end + 1 - run.len()]
        } else {
            before
        };
        name_from_run(text, run, before).map(Who::Name)
    }
    if j > 0 && !words[j].boundary_before() {
        return subject_at(text, words, j - 1);
    }
    // An aside in brackets: "Rep. Brendan Boyle (D-Pa.) said".
    if j > 0 && words[j].gap.contains(')') && !words[j].quote_before {
        let open = (j.saturating_sub(6)..j)
            .rev()
            .find(|&k| words[k].gap.contains('('))?;
        if open > 0
            && let Some(who @ Who::Name(_)) = subject_at(text, words, open - 1)
        {
            return Some(who);
        }
    }
    // An aside between commas: the name before the opening comma ("Wendy Sherman, the chief US
    // diplomat, said"), or the aside itself when it is a full name after a description ("the
    // county's emergency manager, Tom Reyes, said").
    if j > 0 && words[j].comma_before() {
        let open = (j.saturating_sub(12)..j)
            .rev()
            .find(|&k| words[k].comma_before())?;
        if let Some(name) = named_after_description(text, words, open, j) {
            return Some(Who::Name(name));
        }
        if open > 0
            && let Some(who @ (Who::Name(_) | Who::Described(_))) = subject_at(text, words, open - 1)
        {
            return Some(who);
        }
    }
    None
}

/// A quotation found in an article with its speaker (in canonical form).
#[derive(Debug, Clone)]
pub struct Attributed {
    pub span: Span,
    pub speaker: Option<Speaker>,
    /// Found without quotation marks.
    pub unmarked: bool,
    /// Indirect speech ("Sherman said Russia told her …"): a sentence credited to a speaker
    /// that is not a quotation.
    pub reported: bool,
}

/// Attributes the marked quotations of one article and finds its unmarked ones, in text order.
pub fn attribute_article(
    article: &Article,
    sentences: &[Sentence],
    marked: &[Span],
    index: &NameIndex,
) -> Vec<Attributed> {
    let text = article.text.as_str();
    let mut history = History::default();
    let mut out: Vec<Attributed> = Vec::new();
    // Speaker of the unmarked quotation the previous sentence was part of, with its paragraph.
    let mut unmarked_run: Option<(u32, Option<Speaker>)> = None;
    // Every sentence's words and cues, read once: a quotation's attribution may also read the
    // sentences it runs into.
    let sentence_words: Vec<Vec<Word>> = sentences
        .iter()
        .map(|s| words_outside(text, s.span, marked))
        .collect();
    let sentence_cues: Vec<Vec<Cue>> = sentence_words.iter().map(|w| cues(text, w)).collect();
    for (k, sentence) in sentences.iter().enumerate() {
        let words = &sentence_words[k];
        let resolve = |cue: &Cue, history: &History| -> Option<Speaker> {
            match &cue.who {
                // A lone capitalised common word ("Officials said") names no one.
                Who::Name(n)
                    if n.word_count() == 1 && !index.is_person(n) && index.is_common_word(&n.text) =>
                {
                    None
                }
                Who::Name(n) => Some(speaker_of_name(n, index)),
                // A person named earlier in the same sentence comes first ("Mr. Farenthold
                // denied it, but he acknowledged …").
                Who::Pronoun(g) => persons_before(text, words, cue.at, index)
                    .into_iter()
                    .rev()
                    .find(|p| g.is_none() || p.gender.is_none() || p.gender == *g)
                    .or_else(|| history.resolve(*g)),
                Who::Described(d) => history.described(d, index),
            }
        };
        let starting: Vec<Span> = marked
            .iter()
            .copied()
            .filter(|q| {
                sentence.span.start <= q.start && q.start < sentence.span.end.max(sentence.span.start + 1)
            })
            .collect();
        let has_marked = marked.iter().any(|q| q.overlap(sentence.span) > 0);
        let mut spoken: Vec<Speaker> = Vec::new();
        let mut quoted: Option<Speaker> = None;
        if !has_marked {
            let own_cues = &sentence_cues[k];
            if let Some((span, cue)) = unmarked::unmarked_quote(text, words) {
                let speaker = resolve(&cue, &history);
                quoted.clone_from(&speaker);
                out.push(Attributed {
                    span,
                    speaker: speaker.clone(),
                    unmarked: true,
                    reported: false,
                });
                unmarked_run = Some((sentence.paragraph, speaker.clone()));
                spoken.extend(speaker);
            } else if let Some((para, speaker)) = unmarked_run.take().filter(|(p, _)| {
                *p == sentence.paragraph
                    && own_cues.is_empty()
                    && words.iter().any(|w| FIRST_PERSON.contains(&w.text))
            }) {
                // The next first-person sentence of the same paragraph continues the quotation.
                out.push(Attributed {
                    span: sentence.span,
                    speaker: speaker.clone(),
                    unmarked: true,
                    reported: false,
                });
                unmarked_run = Some((para, speaker));
            } else {
                spoken.extend(own_cues.iter().filter_map(|c| resolve(c, &history)));
                // Indirect speech: the sentence is the account of the first speaker cued by a
                // finite verb ("Sherman said …", "according to …"); a participle ("…, seeking
                // to …") is no attribution of the sentence.
                let finite = own_cues.iter().filter(|c| {
                    let verb = text.get(c.at..).unwrap_or("");
                    let verb = verb.split(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("");
                    !verb.ends_with("ing") || verb.eq_ignore_ascii_case("according")
                });
                if let Some(first) = finite.filter_map(|c| resolve(c, &history)).next() {
                    out.push(Attributed {
                        span: sentence.span,
                        speaker: Some(first),
                        unmarked: true,
                        reported: true,
                    });
                }
            }
        } else {
            unmarked_run = None;
            // Cues of every sentence a quotation starting here runs into.
            let mut all_cues: Vec<Cue> = sentence_cues[k].clone();
            let reach = starting.iter().map(|q| q.end).max().unwrap_or(sentence.span.end);
            let later = sentences[k + 1..]
                .iter()
                .take_while(|s| s.span.start < reach)
                .count();
            for later_cues in &sentence_cues[k + 1..k + 1 + later] {
                all_cues.extend(later_cues.iter().cloned());
            }
            let resolved: Vec<(usize, Speaker)> = all_cues
                .iter()
                .filter_map(|c| resolve(c, &history).map(|s| (c.at, s)))
                .collect();
            let mut speakers_here: Vec<Option<Speaker>> = Vec::new();
            for q in starting {
                let whole = words.len() <= 2;
                let speaker = choose(&resolved, q, words)
                    // "Governor Ann Walsh put it plainly: “…”": a clause that a colon ends
                    // introduces the quotation after it, in its subject's words (a clause with
                    // a verb: "Esther Williams: “…”" heads a page).
                    .or_else(|| {
                        let verb = words.iter().any(|w| w.end <= q.start && !w.capitalised());
                        (verb && after_colon(text, sentence.span, q))
                            .then(|| sentence_subject(text, words, index))
                            .flatten()
                    })
                    .or_else(|| {
                        // A quotation left open at its paragraph's end runs into the next
                        // sentence, whose attribution is its own ("“A.\nB,” said X.").
                        sentences.get(k + 1).filter(|_| whole && left_open(text, q))?;
                        sentence_cues[k + 1].iter().find_map(|c| resolve(c, &history))
                    })
                    // A quotation that makes up its sentence continues the last speaker.
                    .or_else(|| whole.then(|| history.last_speaker.clone()).flatten());
                spoken.extend(speaker.clone());
                if speaker.is_some() {
                    quoted.clone_from(&speaker);
                }
                speakers_here.push(speaker.clone());
                out.push(Attributed {
                    span: q,
                    speaker,
                    unmarked: false,
                    reported: false,
                });
            }
            // A sentence that quotes a few words of a statement and tells the rest in its own
            // words ("Sanctions, export controls, “…” and more aid are among the responses, she
            // said") is the account of the speaker its own cue credits with the quotation.
            let own_cues = resolved
                .iter()
                .filter(|(at, _)| sentence.span.start <= *at && *at < sentence.span.end)
                .map(|(_, s)| s);
            if let Some(speaker) = mixed_quotation(&speakers_here, own_cues, words) {
                out.push(Attributed {
                    span: sentence.span,
                    speaker: Some(speaker),
                    unmarked: true,
                    reported: true,
                });
            }
            spoken.extend(resolved.into_iter().map(|(_, s)| s));
            // A quotation cued to someone the article does not name ("the indictment says")
            // ends the running speaker: the next bare quotation is not the last person's.
            if quoted.is_none() && !all_cues.is_empty() {
                history.last_speaker = None;
            }
        }
        // Persons named outside quotations, then this sentence's speakers, become the history.
        let subject = sentence_subject(text, words, index);
        if let Some(subject) = &subject {
            history.push(subject);
        }
        for body in bodies_named(text, words, index) {
            history.push(&body);
        }
        for s in &spoken {
            history.push(s);
        }
        if let Some(body) = spoken.iter().rev().find(|s| !s.person) {
            history.last_body = Some(body.clone());
        }
        // A document the sentence introduces is the person or body it names as its author
        // ("a statement released by the Justice Department"), else, written "in a statement",
        // the sentence's speaker or subject, else the outlet or place it names.
        for doc in described::documents_introduced(text, words) {
            let named = doc.author.map(|a| speaker_of_name(&a, index));
            let proper = named.clone().filter(|a| a.kind.rank() == Kind::Person.rank());
            let author = proper
                .or_else(|| {
                    doc.said_in
                        .then(|| spoken.first().cloned().or_else(|| subject.clone()))
                        .flatten()
                })
                .or(named);
            history.documents.push((doc.noun, author));
        }
        // A sentence that ends with a colon introduces the quotation after it ("The judge had
        // advice for anyone who deals with Nichols:"): that quotation is its speaker's or its
        // subject's, and one the story does not name for sure leaves it unattributed rather
        // than the last person quoted.
        if !has_marked && introduces(text, sentence.span) {
            history.last_speaker =
                spoken.first().cloned().or(subject).or_else(|| {
                    role_subject(text, words).and_then(|role| history.only_with_role(&role, index))
                });
        } else if let Some(s) = quoted.or_else(|| spoken.iter().rev().find(|s| s.person).cloned()) {
            // The running speaker: this sentence's quotation's, else the last person it cites.
            history.last_speaker = Some(s);
        }
    }
    out
}

/// The quotation opens right after a colon of its own sentence.
fn after_colon(text: &str, sentence: Span, quote: Span) -> bool {
    text.get(sentence.start..quote.start.max(sentence.start))
        .is_some_and(|t| {
            t.trim_end_matches(|c: char| c.is_whitespace() || "\"“‘'".contains(c))
                .ends_with(':')
        })
}

/// The sentence ends with a colon: it introduces what follows.
fn introduces(text: &str, sentence: Span) -> bool {
    text.get(sentence.range())
        .is_some_and(|t| t.trim_end().ends_with(':'))
}

/// The role a sentence's subject gives its speaker ("The judge had advice …" → "judge"): a
/// person's title after a determiner among its first words.
fn role_subject(text: &str, words: &[Word]) -> Option<String> {
    (0..words.len().min(4)).find_map(|k| match described::subject(text, words, k)? {
        Err(Described::Role(role)) => Some(role),
        _ => None,
    })
}

/// Fewest words outside its quotations for a sentence to tell part of a statement in its own
/// words ("…,” she said." tells nothing more).
const MIXED_MIN_WORDS: usize = 5;

/// The speaker of a sentence that quotes part of a statement and reports the rest: every
/// quotation starting in it has one speaker, whom every cue of the sentence itself names
/// (`named`, resolved), and it holds words enough of its own.
fn mixed_quotation<'s>(
    speakers: &[Option<Speaker>],
    named: impl Iterator<Item = &'s Speaker>,
    words: &[Word],
) -> Option<Speaker> {
    let first = speakers.first()?.as_ref()?;
    if words.len() < MIXED_MIN_WORDS || speakers.iter().any(|s| s.as_ref() != Some(first)) {
        return None;
    }
    let mut named = named.peekable();
    let any = named.peek().is_some();
    (any && named.all(|s| s == first)).then(|| first.clone())
}

/// The quotation ends without a closing mark (at its paragraph's end).
fn left_open(text: &str, quote: Span) -> bool {
    let after = text.get(quote.end..).unwrap_or("");
    !after
        .trim_start_matches([' ', '\t', '\u{a0}'])
        .starts_with(['”', '"', '’', '»', '\''])
}

/// Picks a quotation's speaker among resolved cues: the nearest person or body that speaks for
/// itself (or resolved pronoun), else a news outlet or a place close by.
fn choose(resolved: &[(usize, Speaker)], quote: Span, words: &[Word]) -> Option<Speaker> {
    let distance = |at: usize| -> usize {
        if at < quote.start {
            words
                .iter()
                .filter(|w| at <= w.start && w.start < quote.start)
                .count()
        } else {
            let between: Vec<&Word> = words
                .iter()
                .filter(|w| quote.end <= w.start && w.start < at)
                .collect();
            // "…“positive,” while the Australian government said": a cue in a clause of its
            // own after the quotation is that clause's, far from this quotation.
            let own_clause = between.iter().any(|w| CONJUNCTIONS.contains(&w.lower().as_ref()));
            between.len() + if own_clause { OTHER_CLAUSE } else { 0 }
        }
    };
    let nearest = |proper: bool| {
        resolved
            .iter()
            .filter(|(_, s)| (s.kind.rank() == Kind::Person.rank()) == proper)
            .max_by_key(|(at, s)| (s.kind.rank(), std::cmp::Reverse(distance(*at))))
    };
    let proper =
        nearest(true).filter(|(at, s)| s.person || *at > quote.end || distance(*at) <= ORGANISATION_REACH);
    // A person cued in a clause of its own after the quotation ("“It is a provocation,” Moscow
    // said, and Sherman said nothing") gives way to a cue in the quotation's own clause.
    if let Some((at, s)) = proper
        && distance(*at) < OTHER_CLAUSE
    {
        return Some(s.clone());
    }
    // An organisation after the quotation is its attribution ("…,” the White House said);
    // before it, only when close and in the same clause ("Russia has urged … “…”", not "Russia
    // insists … and Washington calls … ‘…’").
    let same_clause = |at: usize| {
        let between: Vec<&Word> = words
            .iter()
            .filter(|w| at < w.start && w.start < quote.start)
            .collect();
        !between
            .windows(2)
            .any(|p| CONJUNCTIONS.contains(&p[0].lower().as_ref()) && p[1].capitalised())
    };
    nearest(false)
        .filter(|(at, _)| *at > quote.end || (distance(*at) <= ORGANISATION_REACH && same_clause(*at)))
        .filter(|(at, _)| proper.is_none() || distance(*at) < OTHER_CLAUSE)
        .or(proper)
        .map(|(_, s)| s.clone())
}

/// The speaker a name denotes, in the story's canonical form, with apostrophes written one way
/// so that outlets typing ’ or ' credit the same speaker.
pub(crate) fn speaker_of_name(name: &Name, index: &NameIndex) -> Speaker {
    let person = index.is_person(name);
    let written = if person {
        index.canonical(&name.text)
    } else {
        name.text.clone()
    };
    let written = written.replace('’', "'");
    // A gender the story states (a title), else the one a common given name states.
    let given = || {
        (person && written.split_whitespace().nth(1).is_some())
            .then(|| words::given_name_gender(&written))
            .flatten()
    };
    let gender = name.gender.or_else(|| index.gender(name)).or_else(given);
    Speaker {
        kind: kind_of(&written, person),
        name: written,
        person,
        gender,
    }
}

/// The speaker after an inverted verb: the name ending a short clause, over role nouns in any
/// case ("said Academy spokeswoman Leslie Unger", "said Paul Lee, president of …").
pub(crate) fn inverted_name(text: &str, words: &[Word], from: usize) -> Option<Name> {
    let clause_end = |from: usize| {
        (from + 1..words.len())
            .find(|&k| words[k].boundary_before())
            .unwrap_or(words.len())
    };
    let end = clause_end(from);
    if from >= end || end - from > 8 || words[from].boundary_before() {
        return None;
    }
    let clause = &words[from..end];
    let run = run_ending_at(clause, clause.len() - 1);
    let before = &clause[..clause.len() - run.len()];
    name_from_run(text, run, before).or_else(|| {
        // "said the governor's spokesman, Ben Ortiz": a description, then the name it gives.
        if !words::DETERMINERS.contains(&words[from].lower().as_ref()) || end >= words.len() {
            return None;
        }
        named_after_description(text, words, end, clause_end(end))
    })
}

/// The words `words[from..to]`, set off by a comma after a description that ends in a common
/// word, when they are all one name of two words or more ("the group's president, Maria Lopez").
fn named_after_description(text: &str, words: &[Word], from: usize, to: usize) -> Option<Name> {
    let before = words.get(from.checked_sub(1)?)?;
    if to < from + 2 || before.capitalised() || !words[from].comma_before() {
        return None;
    }
    let run = run_ending_at(words, to - 1);
    (run.len() == to - from)
        .then(|| name_from_run(text, run, &[]))
        .flatten()
        .filter(|n| n.word_count() >= 2)
}
