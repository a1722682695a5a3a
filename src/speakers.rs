//! Attribution, part of stage 3 (quotes): quotation spans and sentences → who said each
//! quotation, in one canonical form per person for the whole story, plus the quotations written
//! without quotation marks ("There is no reason to fear…, Ryabkov told reporters.").
//!
//! Cues are the shapes news writing uses: `"…," Sherman said`, `Ryabkov told reporters that
//! "…"`, `according to Ms. Sherman`, `she added`, `said Deputy Secretary of State Wendy
//! Sherman`, `Sherman, according to CNN, explained`. The one decision to know: a named person
//! beats a pronoun only by being nearer the quotation, and both beat an organisation or a place
//! ("Russia insists…"), which is taken only when no person is cued and it stands close by.
//! Pronouns go back to the last person of compatible gender ("Ms."/"she", "Mr."/"he").

pub mod names;
mod unmarked;
pub mod words;

use crate::lexicon;
use crate::model::{Article, Span};
use crate::segment::Sentence;
use names::{Gender, Name, NameIndex, Word, name_from_run, run_ending_at, run_starting_at, words_outside};
use words::{FIRST_PERSON, INVERTIBLE, MORE_SPEECH_VERBS, NOT_VERBS, VERB_ADVERBS, WEAK_VERBS};

/// How far (in words) an organisation or a place may stand from the quotation it is taken to say.
const ORGANISATION_REACH: usize = 12;

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
    let lower = w.lower();
    if !is_speech_verb(&lower) || (w.capitalised() && !(i == 0 && lower == "according")) {
        return false;
    }
    !WEAK_VERBS.contains(&lower.as_str())
        || words
            .get(i + 1)
            .is_none_or(|n| n.boundary_before() || n.lower() == "that")
}

/// Who a cue points at.
#[derive(Debug, Clone)]
enum Who {
    Name(Name),
    Pronoun(Option<Gender>),
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
}

/// Attribution cues among a sentence's words (those outside its quotations).
fn cues(text: &str, words: &[Word]) -> Vec<Cue> {
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let lower = w.lower();
        if !is_verb_at(words, i) {
            continue;
        }
        if lower == "according" {
            if words.get(i + 1).is_some_and(|n| n.lower() == "to") {
                let run = run_starting_at(words, i + 2);
                if let Some(name) = name_from_run(text, run, &[]) {
                    out.push(Cue {
                        at: w.start,
                        who: Who::Name(name),
                    });
                }
            }
            continue;
        }
        if let Some(who) = subject_before(text, words, i) {
            out.push(Cue { at: w.start, who });
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
        if INVERTIBLE.contains(&lower.as_str()) && words.get(i + 1).is_some_and(|n| !n.boundary_before()) {
            if let Some(name) = inverted_name(text, words, i + 1) {
                out.push(Cue {
                    at: w.start,
                    who: Who::Name(name),
                });
            } else if let Some(p) = words.get(i + 1).and_then(|n| pronoun(n.text)) {
                out.push(Cue {
                    at: w.start,
                    who: Who::Pronoun(p),
                });
            }
        }
    }
    out
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
    while j > 0 && VERB_ADVERBS.contains(&words[j - 1].lower().as_str()) && !words[j].boundary_before() {
        j -= 1;
    }
    let subject_at = |end: usize| -> Option<Who> {
        let w = words.get(end)?;
        if let Some(p) = pronoun(w.text) {
            return Some(Who::Pronoun(p));
        }
        let run = run_ending_at(words, end);
        let before = &words[end + 1 - run.len()..end + 1 - run.len()];
        let before_start = (end + 1 - run.len()).saturating_sub(4);
        let before = if before.is_empty() {
            &words[before_start..end + 1 - run.len()]
        } else {
            before
        };
        name_from_run(text, run, before).map(Who::Name)
    };
    if j > 0 && !words[j].boundary_before() {
        return subject_at(j - 1);
    }
    // An aside between commas: the name before the opening comma.
    if j > 0 && words[j].comma_before() {
        let open = (j.saturating_sub(12)..j)
            .rev()
            .find(|&k| words[k].comma_before())?;
        if open > 0
            && let Some(Who::Name(name)) = subject_at(open - 1)
        {
            return Some(Who::Name(name));
        }
    }
    None
}

/// People named in a story so far, most recent last, for pronouns.
#[derive(Debug, Default)]
struct History {
    persons: Vec<Speaker>,
    last_speaker: Option<Speaker>,
}

impl History {
    /// The last person of compatible gender: a stated gender must match, an unknown one may.
    fn resolve(&self, gender: Option<Gender>) -> Option<Speaker> {
        self.persons
            .iter()
            .rev()
            .find(|p| gender.is_none() || p.gender.is_none() || p.gender == gender)
            .or(self.persons.last())
            .cloned()
    }

    fn push(&mut self, s: &Speaker) {
        if s.person {
            self.persons.retain(|p| p.name != s.name);
            self.persons.push(s.clone());
        }
    }
}

/// A quotation found in an article with its speaker (in canonical form).
#[derive(Debug, Clone)]
pub struct Attributed {
    pub span: Span,
    pub speaker: Option<Speaker>,
    /// Found without quotation marks.
    pub unmarked: bool,
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
    for (k, sentence) in sentences.iter().enumerate() {
        let words = words_outside(text, sentence.span, marked);
        let resolve = |cue: &Cue, history: &History| -> Option<Speaker> {
            match &cue.who {
                Who::Name(n) => Some(speaker_of_name(n, index)),
                Who::Pronoun(g) => history.resolve(*g),
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
            let own_cues = cues(text, &words);
            if let Some((span, cue)) = unmarked::unmarked_quote(text, &words) {
                let speaker = resolve(&cue, &history);
                quoted.clone_from(&speaker);
                out.push(Attributed {
                    span,
                    speaker: speaker.clone(),
                    unmarked: true,
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
                });
                unmarked_run = Some((para, speaker));
            } else {
                spoken.extend(own_cues.iter().filter_map(|c| resolve(c, &history)));
            }
        } else {
            unmarked_run = None;
            // Cues of every sentence a quotation starting here runs into.
            let mut all_cues: Vec<Cue> = cues(text, &words);
            let reach = starting.iter().map(|q| q.end).max().unwrap_or(sentence.span.end);
            for later in sentences[k + 1..].iter().take_while(|s| s.span.start < reach) {
                all_cues.extend(cues(text, &words_outside(text, later.span, marked)));
            }
            let resolved: Vec<(usize, Speaker)> = all_cues
                .iter()
                .filter_map(|c| resolve(c, &history).map(|s| (c.at, s)))
                .collect();
            for q in starting {
                let whole = words.len() <= 2;
                let speaker = choose(&resolved, q, &words)
                    .or_else(|| {
                        // A quotation left open at its paragraph's end runs into the next
                        // sentence, whose attribution is its own ("“A.\nB,” said X.").
                        let next = sentences.get(k + 1).filter(|_| whole && left_open(text, q))?;
                        let next_words = words_outside(text, next.span, marked);
                        let next_cues = cues(text, &next_words);
                        next_cues.iter().find_map(|c| resolve(c, &history))
                    })
                    // A quotation that makes up its sentence continues the last speaker.
                    .or_else(|| whole.then(|| history.last_speaker.clone()).flatten());
                spoken.extend(speaker.clone());
                if speaker.is_some() {
                    quoted.clone_from(&speaker);
                }
                out.push(Attributed {
                    span: q,
                    speaker,
                    unmarked: false,
                });
            }
            spoken.extend(resolved.into_iter().map(|(_, s)| s));
        }
        // Persons named outside quotations, then this sentence's speakers, become the history.
        if let Some(subject) = sentence_subject(text, &words, index) {
            history.push(&subject);
        }
        for s in &spoken {
            history.push(s);
        }
        // The running speaker: this sentence's quotation's, else the last person it cites.
        if let Some(s) = quoted.or_else(|| spoken.iter().rev().find(|s| s.person).cloned()) {
            history.last_speaker = Some(s);
        }
    }
    out
}

/// The quotation ends without a closing mark (at its paragraph's end).
fn left_open(text: &str, quote: Span) -> bool {
    let after = text.get(quote.end..).unwrap_or("");
    !after
        .trim_start_matches([' ', '\t', '\u{a0}'])
        .starts_with(['”', '"', '’', '»', '\''])
}

/// Picks a quotation's speaker among resolved cues: the nearest person (or resolved pronoun),
/// else an organisation or place close by.
fn choose(resolved: &[(usize, Speaker)], quote: Span, words: &[Word]) -> Option<Speaker> {
    let distance = |at: usize| -> usize {
        if at < quote.start {
            words
                .iter()
                .filter(|w| at <= w.start && w.start < quote.start)
                .count()
        } else {
            words
                .iter()
                .filter(|w| quote.end <= w.start && w.start < at)
                .count()
        }
    };
    let nearest = |person: bool| {
        resolved
            .iter()
            .filter(|(_, s)| s.person == person)
            .min_by_key(|(at, _)| distance(*at))
    };
    if let Some((_, s)) = nearest(true) {
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
            .any(|p| CONJUNCTIONS.contains(&p[0].lower().as_str()) && p[1].capitalised())
    };
    nearest(false)
        .filter(|(at, _)| *at > quote.end || (distance(*at) <= ORGANISATION_REACH && same_clause(*at)))
        .map(|(_, s)| s.clone())
}

fn speaker_of_name(name: &Name, index: &NameIndex) -> Speaker {
    let person = index.is_person(name);
    Speaker {
        name: if person {
            index.canonical(&name.text)
        } else {
            name.text.clone()
        },
        person,
        gender: name.gender.or_else(|| index.gender(name)),
    }
}

/// The person a sentence is about: a name opening it, or opening the clause after a short
/// introduction ("For his part, Russian Deputy Foreign Minister Sergei Ryabkov set out …").
fn sentence_subject(text: &str, words: &[Word], index: &NameIndex) -> Option<Speaker> {
    let after_intro = (1..words.len().min(8)).find(|&k| words[k].comma_before());
    [Some(0), after_intro].into_iter().flatten().find_map(|k| {
        let run = run_starting_at(words, k);
        let name = name_from_run(text, run, &[])?;
        let s = speaker_of_name(&name, index);
        s.person.then_some(s)
    })
}

/// The speaker after an inverted verb: the name ending a short clause, over role nouns in any
/// case ("said Academy spokeswoman Leslie Unger", "said Paul Lee, president of …").
pub(crate) fn inverted_name(text: &str, words: &[Word], from: usize) -> Option<Name> {
    let end = (from + 1..words.len())
        .find(|&k| words[k].boundary_before())
        .unwrap_or(words.len());
    if from >= end || end - from > 8 || words[from].boundary_before() {
        return None;
    }
    let clause = &words[from..end];
    let run = run_ending_at(clause, clause.len() - 1);
    let before = &clause[..clause.len() - run.len()];
    name_from_run(text, run, before)
}

#[cfg(test)]
mod tests {
    use crate::ingest::{RawArticle, build};
    use crate::quotes::find_quotes;
    use crate::segment::segment;

    /// Each quotation of a story as (quoted words, speaker).
    fn said(texts: &[&str]) -> Vec<(String, Option<String>)> {
        let raws = texts
            .iter()
            .map(|t| RawArticle {
                text: (*t).into(),
                ..RawArticle::default()
            })
            .collect();
        let corpus = build(None, raws);
        find_quotes(&corpus, &segment(&corpus))
            .into_iter()
            .map(|q| {
                let text = corpus.article(q.article).slice(q.span);
                (text.trim_end_matches([',', '.']).to_string(), q.speaker)
            })
            .collect()
    }

    fn speakers(texts: &[&str]) -> Vec<Option<String>> {
        said(texts).into_iter().map(|(_, s)| s).collect()
    }

    fn one(name: &str) -> Option<String> {
        Some(name.to_string())
    }

    #[test]
    fn quote_then_name_and_verb() {
        assert_eq!(
            said(&["“We will not forgo it,” Wendy Sherman said."]),
            vec![("We will not forgo it".into(), one("Wendy Sherman"))]
        );
    }

    #[test]
    fn name_told_reporters_that_quote() {
        assert_eq!(
            speakers(&[
                "Deputy Foreign Minister Sergei Ryabkov told reporters that “there is no reason to fear.”"
            ]),
            vec![one("Sergei Ryabkov")]
        );
    }

    #[test]
    fn according_to_titled_short_form_resolves_to_full_name() {
        assert_eq!(
            speakers(&[
                "Wendy Sherman led the talks. According to Ms. Sherman, they were “frank and candid.”"
            ]),
            vec![one("Wendy Sherman")]
        );
    }

    #[test]
    fn inverted_said_with_titles() {
        assert_eq!(
            speakers(&[
                "They discussed “reciprocal action,” said Deputy Secretary of State Wendy Sherman, the top diplomat present."
            ]),
            vec![one("Wendy Sherman")]
        );
    }

    #[test]
    fn inverted_said_over_role_nouns() {
        assert_eq!(
            speakers(&[
                "“We are moving forward,” said Academy spokeswoman Leslie Unger. “We are firm,” she added.",
                "“It is an honor,” said Paul Lee, president, ABC Entertainment Group."
            ]),
            vec![one("Leslie Unger"), one("Leslie Unger"), one("Paul Lee")]
        );
    }

    #[test]
    fn pronoun_goes_to_the_sentence_subject_not_to_any_name_mentioned() {
        let text = "Actor Leonardo DiCaprio, who earned a Golden Globe nomination for “Revolutionary Road,” \
                    said strike concerns are real. “It's really important,” he said.";
        assert_eq!(speakers(&[text]).last(), Some(&one("Leonardo DiCaprio")));
    }

    #[test]
    fn quotation_left_open_takes_the_next_sentences_attribution() {
        let text = "“We are thrilled,” Neil Meron said.\n“I am so excited to be hosting again.\n\
                    You know what they say, the third time is the charm,” said Ellen DeGeneres.";
        // The second line, closed but never opened, is also found as reported words.
        assert_eq!(
            speakers(&[text]),
            vec![one("Neil Meron"), one("Ellen DeGeneres"), one("Ellen DeGeneres")]
        );
    }

    #[test]
    fn name_before_an_aside_between_commas() {
        assert_eq!(
            speakers(&["Sherman, according to a CNN reporter, further explained that “we will see.”"]),
            vec![one("Sherman")]
        );
    }

    #[test]
    fn pronouns_follow_stated_gender() {
        let text = "Mr. Ryabkov arrived first. Ms. Sherman said the talks were “useful,” and Ryabkov spoke too. \
                    “We have no plans,” he said. “We are firm,” she added.";
        assert_eq!(
            speakers(&[text]),
            vec![one("Sherman"), one("Ryabkov"), one("Sherman")]
        );
    }

    #[test]
    fn pronoun_without_stated_gender_takes_the_last_named_speaker() {
        assert_eq!(
            speakers(&["Jen Psaki spoke on Monday. “Russia must choose,” she said."]),
            vec![one("Jen Psaki")]
        );
    }

    #[test]
    fn quotation_filling_its_sentence_continues_the_speaker() {
        assert_eq!(
            speakers(&["“We were firm,” Sherman said. “We will not allow it.”"]),
            vec![one("Sherman"), one("Sherman")]
        );
    }

    #[test]
    fn unmarked_statement_ending_in_name_said_is_a_quotation() {
        let text = "Talks lasted hours.\n\nThere is no reason to fear some sort of escalation scenario, Russian deputy \
                    foreign minister Sergei A. Ryabkov told reporters after the meeting. We felt that they took it seriously.\n\n\
                    The tone makes us more optimistic, Ryabkov said, but the main questions remain unanswered.\n\n\
                    On a call with reporters, Sherman added that Russia could prove it.";
        assert_eq!(
            said(&[text]),
            vec![
                (
                    "There is no reason to fear some sort of escalation scenario".into(),
                    one("Sergei A. Ryabkov")
                ),
                (
                    "We felt that they took it seriously".into(),
                    one("Sergei A. Ryabkov")
                ),
                (
                    "The tone makes us more optimistic".into(),
                    one("Sergei A. Ryabkov")
                ),
            ]
        );
    }

    #[test]
    fn reported_speech_in_the_third_person_is_not_a_quotation() {
        assert!(
            said(&["The U.S. held firm on a few issues, she said, including the demand on NATO."]).is_empty()
        );
    }

    #[test]
    fn countries_are_not_speakers_when_a_person_is_cued() {
        assert_eq!(
            speakers(&[
                "Russia insists it has no plans and Washington calls the demands ‘non-starters’ on the first day of talks.\n\
                 Russia has urged the United States not to “underestimate the risks.”\n\
                 Russia’s Ryabkov said, “Unfortunately we differ.”"
            ]),
            vec![None, one("Russia"), one("Ryabkov")]
        );
    }

    #[test]
    fn spellings_of_one_person_share_a_canonical_name_across_articles() {
        assert_eq!(
            speakers(&[
                "Sergey Ryabkov said “no.”",
                "Sergei Ryabkov said “yes.” Later Sergei Ryabkov left.",
                "“Maybe,” Mr. Ryabkov said."
            ]),
            vec![
                one("Sergei Ryabkov"),
                one("Sergei Ryabkov"),
                one("Sergei Ryabkov")
            ]
        );
    }
}
