//! Person names for attribution: words with their gaps, runs of capitalised words (never across
//! a line break; hyphenated parts such as "Jae-in" included; party tags such as "D-Pa." never a
//! name), titles and what they say about gender, organisation names kept whole ("the European
//! Union", "U.S. Attorney’s Office"), and, in `names/index.rs`, the story-wide index that tells a
//! person ("Sherman", known from "Wendy Sherman" and "Ms. Sherman") from a place or an
//! organisation ("Russia", "White House") and maps every form of a name to one canonical form.
//!
//! The one decision to know: a single capitalised word is a person only when the story
//! shows it as one (after a personal title, or as the last word of a full name whose given name
//! never stands alone, or is itself titled as a person); everything else is an organisation or
//! a place, a speaker of last resort.

mod index;

pub use index::{NameIndex, edit_distance};

use super::words::{PERSON_TITLES, is_not_name, is_organisation_word};
use crate::lexicon;
use crate::model::Span;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// One word of a text, with the text between it and the word before.
#[derive(Debug, Clone, Copy)]
pub struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// What lies between the previous word and this one (punctuation, spaces).
    pub gap: &'a str,
    /// A quotation lies between the previous word and this one.
    pub quote_before: bool,
}

impl<'a> Word<'a> {
    /// The word in lowercase, borrowed when it is written so already.
    pub fn lower(&self) -> Cow<'a, str> {
        if self.text.bytes().all(|b| b.is_ascii_lowercase()) {
            Cow::Borrowed(self.text)
        } else {
            Cow::Owned(self.text.to_lowercase())
        }
    }

    pub fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// A clause boundary (comma, semicolon, colon, dash, bracket or quotation) before the word.
    pub fn boundary_before(&self) -> bool {
        self.quote_before || self.gap.contains([',', ';', ':', '—', '–', '(', ')', '•'])
    }

    pub fn comma_before(&self) -> bool {
        !self.quote_before && self.gap.contains(',')
    }
}

/// The words of `text[span]` that lie outside every span in `skip` (quotations).
pub fn words_outside<'a>(text: &'a str, span: Span, skip: &[Span]) -> Vec<Word<'a>> {
    let Some(piece) = text.get(span.range()) else {
        return Vec::new();
    };
    // Only quotations that reach into the span can hold a word or stand between two.
    let skip: Vec<Span> = skip
        .iter()
        .copied()
        .filter(|q| (q.start < span.end && q.end > span.start) || (q.start >= span.start && q.end < span.end))
        .collect();
    let mut out: Vec<Word<'a>> = Vec::new();
    let mut prev_end = span.start;
    for (offset, w) in crate::wordbounds::word_bound_indices(piece) {
        if !w.chars().any(char::is_alphanumeric) {
            continue;
        }
        let start = span.start + offset;
        let end = start + w.len();
        if skip.iter().any(|q| q.start <= start && start < q.end) {
            continue;
        }
        let quote_before = skip.iter().any(|q| prev_end <= q.start && q.end <= start);
        out.push(Word {
            start,
            end,
            text: w,
            gap: text.get(prev_end..start).unwrap_or(""),
            quote_before,
        });
        prev_end = end;
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Female,
    Male,
}

/// What a name-like run of words refers to, as far as the story tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name as written, without titles: "Sergei A. Ryabkov", "Sherman", "White House".
    pub text: String,
    pub span: Span,
    /// The gender a title right before the name states ("Ms. Sherman").
    pub gender: Option<Gender>,
    /// A personal title or role noun comes right before the name.
    pub titled: bool,
    /// The personal titles and role nouns written with it, lowercase ("president", "ms").
    pub titles: Vec<String>,
}

impl Name {
    /// The word a person is known by across the story: the last word, lowercase.
    pub fn key(&self) -> String {
        surname_key(&self.text)
    }

    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// The surname of a written name: its last word, past generational suffixes ("Duncan Hunter
/// Jr." is a Hunter).
pub fn surname_key(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let last = words
        .iter()
        .rev()
        .find(|w| !is_suffix(w))
        .or(words.last())
        .copied()
        .unwrap_or(name);
    strip_possessive(last).to_lowercase()
}

fn is_suffix(w: &str) -> bool {
    matches!(
        w.trim_end_matches([',', '.']).to_lowercase().as_str(),
        "jr" | "sr" | "ii" | "iii" | "iv"
    )
}

/// One key for the spellings of a name that differ in hyphens, case or apostrophes ("Kim
/// Jong-un", "Kim Jong Un").
pub(crate) fn folded(name: &str) -> String {
    name.to_lowercase()
        .replace(['-', '‐'], " ")
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w)
}

pub(crate) fn person_title(word: &str) -> Option<Option<Gender>> {
    // The titles are ASCII lowercase: a word without capitals is looked up as written.
    let lookup = |l: &str| TITLES.get(l).copied();
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        lookup(word)
    } else {
        lookup(&word.to_lowercase())
    }
}

/// `PERSON_TITLES` by title (the first entry of a title wins, as a scan of the list finds it).
static TITLES: LazyLock<HashMap<&'static str, Option<Gender>>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for &(t, g) in PERSON_TITLES {
        map.entry(t).or_insert(g);
    }
    map
});

/// The lexicon's title words as a set.
static TITLE_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| lexicon::TITLE_WORDS.iter().copied().collect());

/// A title word of the lexicon or a personal title (`lower` is lowercase).
fn is_title(lower: &str) -> bool {
    TITLE_WORDS.contains(lower) || person_title(lower).is_some()
}

fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "de" | "von" | "van" | "bin" | "al" | "da" | "del" | "la" | "le"
    )
}

/// Two words belong to one name: only spaces between them, or the full stop of an initial or an
/// abbreviation ("Sergei A. Ryabkov", "Ms. Sherman").
/// A line break always ends a name: a headline's last word and the next paragraph's first are
/// never one name ("State Media\n\nPyongyang").
fn joined(prev: &Word, w: &Word) -> bool {
    if w.quote_before || w.gap.contains(['\n', '\r']) {
        return false;
    }
    let gap = w.gap.trim();
    gap.is_empty()
        || hyphen_tail(w)
        || (gap == "."
            && (prev.text.chars().count() == 1
                || lexicon::is_abbreviation(&prev.lower())
                || is_dotted_acronym(prev.text)))
}

/// "D-Pa", "R-Texas": a party and a state after a legislator's name, never a name.
fn is_party_tag(name: &[Word]) -> bool {
    match name {
        [party, state, ..] => party.text.chars().count() == 1 && hyphen_tail(state),
        _ => false,
    }
}

/// "U.S", "U.N", "D.C": letters joined by full stops (the last stop is in the gap).
fn is_dotted_acronym(w: &str) -> bool {
    w.contains('.')
        && w.split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase))
}

/// Turns a run of words into a name: drops titles, possessive owners ("Russia’s Ryabkov") and
/// sentence-initial stop words in front, and records what the titles say.
pub fn name_from_run(text: &str, run: &[Word], before: &[Word]) -> Option<Name> {
    if let Some(org) = organisation_from_run(text, run) {
        return Some(org);
    }
    let mut start = 0;
    for (i, w) in run.iter().enumerate() {
        let l = w.lower();
        let possessive = strip_possessive(w.text).len() != w.text.len() && i + 1 < run.len();
        // A title word ending a name is part of it ("Kim Jong Un": "UN" is also a title word).
        let ends_name = i + 1 == run.len() && i > start;
        if (!ends_name && is_title(&l))
            || possessive
            || (lexicon::is_stop_word(&l) && w.text.chars().count() > 1)
            || is_not_name(l.as_ref())
            || is_connector(&l)
        {
            start = i + 1;
        }
    }
    // A title word standing alone as a subject is a surname ("King said"), save courtesy
    // titles and stop words.
    if let [only] = run
        && start == 1
        && only.capitalised()
        && !lexicon::is_stop_word(&only.lower())
        && !is_not_name(&only.lower())
        && person_title(&only.lower()).is_some_and(|g| g.is_none() || only.text.chars().count() > 3)
    {
        start = 0;
    }
    let name = &run[start..];
    let (first, last) = (name.first()?, name.last()?);
    if name.len() > 4
        || !first.capitalised()
        || is_not_name(last.lower().as_ref())
        || (name.len() == 1 && first.text.chars().count() == 1)
        || is_party_tag(name)
    {
        return None;
    }
    // Titles: the dropped words of the run, then lowercase title words right before it.
    let mut titles: Vec<String> = run[..start].iter().map(|w| w.lower().into_owned()).collect();
    titles.extend(before.iter().rev().map_while(|w| {
        let l = w.lower();
        is_title(&l).then(|| l.into_owned())
    }));
    let gender = titles.iter().rev().find_map(|t| person_title(t).flatten());
    titles.retain(|t| person_title(t).is_some());
    let titled = !titles.is_empty();
    let span = Span::new(first.start, last.end);
    let written = text.get(span.range())?;
    Some(Name {
        text: strip_possessive(written).to_string(),
        span,
        gender,
        titled,
        titles,
    })
}

/// A run ending in an organisation word names the organisation whole, adjectives and owners
/// included ("the European Union", "U.S. Attorney’s Office", "Russia’s Foreign Ministry"): the
/// title words inside it ("European", "Attorney") belong to the name, not to a person.
pub(crate) fn organisation_from_run(text: &str, run: &[Word]) -> Option<Name> {
    let last = run.last()?;
    if !is_organisation_word(&strip_possessive(last.text).to_lowercase()) {
        return None;
    }
    let start = run
        .iter()
        .take_while(|w| lexicon::is_stop_word(&w.lower()))
        .count();
    let org = run.get(start..).filter(|o| !o.is_empty())?;
    let span = Span::new(org.first()?.start, last.end);
    Some(Name {
        text: strip_possessive(text.get(span.range())?).to_string(),
        span,
        gender: None,
        titled: false,
        titles: Vec::new(),
    })
}

/// A lowercase word hyphenated to the word before belongs to it ("Moon Jae-in", "Kim Jong-un").
fn hyphen_tail(w: &Word) -> bool {
    w.gap == "-" || w.gap == "‐"
}

/// The run of capitalised words (with inner connectors) ending at `words[end]`.
pub fn run_ending_at<'w, 'a>(words: &'w [Word<'a>], end: usize) -> &'w [Word<'a>] {
    let Some(last) = words.get(end) else {
        return &[];
    };
    let mut end = end;
    if !last.capitalised() {
        // "Jae-in": the hyphenated tail of a capitalised word.
        if !(hyphen_tail(last) && end > 0 && words[end - 1].capitalised()) {
            return &[];
        }
        end -= 1;
    }
    let tail = usize::from(!last.capitalised());
    let mut start = end;
    while start > 0 && joined(&words[start - 1], &words[start]) {
        let prev = &words[start - 1];
        let inner_connector = is_connector(prev.text) && start >= 2 && words[start - 2].capitalised();
        if prev.capitalised() || inner_connector || hyphen_tail(&words[start]) {
            start -= 1;
        } else {
            break;
        }
    }
    &words[start..=end + tail]
}

/// The run of capitalised words (with inner connectors) starting at `words[start]`.
pub fn run_starting_at<'w, 'a>(words: &'w [Word<'a>], start: usize) -> &'w [Word<'a>] {
    if !words.get(start).is_some_and(Word::capitalised) {
        return &[];
    }
    let mut end = start;
    while end + 1 < words.len() && joined(&words[end], &words[end + 1]) {
        let next = &words[end + 1];
        let inner_connector = is_connector(next.text) && words.get(end + 2).is_some_and(Word::capitalised);
        if next.capitalised() || inner_connector || hyphen_tail(next) {
            end += 1;
        } else {
            break;
        }
    }
    &words[start..=end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[&str]) -> NameIndex {
        NameIndex::build(texts)
    }

    #[test]
    fn words_outside_skip_quotations_and_mark_those_between() {
        let text = "“A b,” he said. Then “c d” came, she said “e f” again. “G h.”";
        let marked = crate::quotes::quotation_spans(text);
        assert_eq!(marked.len(), 4);
        let start = text.find("Then").unwrap();
        let end = text.find(" “G").unwrap();
        let words = words_outside(text, Span::new(start, end), &marked);
        let seen: Vec<(&str, bool)> = words.iter().map(|w| (w.text, w.quote_before)).collect();
        assert_eq!(
            seen,
            vec![
                ("Then", false),
                ("came", true),
                ("she", false),
                ("said", false),
                ("again", true)
            ]
        );
        assert_eq!(words[1].gap, " “c d” ");
        // A span starting inside a quotation skips its rest.
        let inside = text.find("d” came").unwrap();
        let words = words_outside(text, Span::new(inside, end), &marked);
        assert_eq!(words.first().map(|w| w.text), Some("came"));
        assert!(!words[0].quote_before);
    }

    #[test]
    fn title_lookups_agree_with_scanning_the_lists() {
        let plain_person = |w: &str| {
            let l = w.to_lowercase();
            PERSON_TITLES.iter().find(|(t, _)| *t == l).map(|&(_, g)| g)
        };
        let mut words: Vec<String> = Vec::new();
        for t in PERSON_TITLES
            .iter()
            .map(|(t, _)| *t)
            .chain(lexicon::TITLE_WORDS.iter().copied())
        {
            let mut capital = t.chars();
            let capital: String = capital
                .next()
                .map(|c| c.to_uppercase().chain(capital).collect())
                .unwrap_or_default();
            words.extend([t.to_string(), t.to_uppercase(), capital, format!("{t}s")]);
        }
        words.extend(
            [
                "Sherman",
                "",
                "Ms",
                "MS",
                "Mſ",
                "\u{212a}ing",
                "Kelvin",
                "Ü",
                "minister’s",
            ]
            .map(String::from),
        );
        assert!(words.len() > 400);
        for w in &words {
            assert_eq!(person_title(w), plain_person(w), "{w}");
            let l = w.to_lowercase();
            assert_eq!(
                is_title(&l),
                lexicon::TITLE_WORDS.contains(&l.as_str()) || plain_person(&l).is_some(),
                "{w}"
            );
        }
        assert_eq!(person_title("\u{212a}ing"), Some(Some(Gender::Male)));
        assert_eq!(person_title("Ms."), None);
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("sergei", "sergey"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn short_forms_and_spellings_resolve_to_one_name() {
        let idx = index(&[
            "Deputy Secretary Wendy Sherman met Sergei Ryabkov. Ms. Sherman spoke.",
            "Sergey Ryabkov and Sergei Ryabkov and Sergei A. Ryabkov. Sherman left.",
        ]);
        assert_eq!(idx.canonical("Sherman"), "Wendy Sherman");
        assert_eq!(idx.canonical("Ms. Sherman"), "Wendy Sherman");
        assert_eq!(idx.canonical("Sergey Ryabkov"), "Sergei Ryabkov");
        assert_eq!(idx.canonical("Sergei A. Ryabkov"), "Sergei Ryabkov");
        assert_eq!(idx.canonical("Ryabkov"), "Sergei Ryabkov");
    }

    #[test]
    fn countries_are_not_persons_but_titled_surnames_are() {
        let text = "Russia said no. Talks in Russia Ukraine went on. Mr. Kirby spoke.";
        let idx = index(&[text]);
        let words = words_outside(text, Span::new(0, text.len()), &[]);
        let russia = name_from_run(text, run_starting_at(&words, 0), &[]).unwrap();
        assert!(!idx.is_person(&russia));
        let kirby = Name {
            text: "Kirby".into(),
            span: Span::default(),
            gender: None,
            titled: false,
            titles: Vec::new(),
        };
        assert!(idx.is_person(&kirby));
        assert_eq!(idx.gender(&kirby), Some(Gender::Male));
    }

    #[test]
    fn runs_keep_initials_and_drop_titles() {
        let text = "Russian deputy foreign minister Sergei A. Ryabkov told reporters";
        let words = words_outside(text, Span::new(0, text.len()), &[]);
        let end = words.iter().position(|w| w.text == "Ryabkov").unwrap();
        let run = run_ending_at(&words, end);
        let name = name_from_run(text, run, &words[..end + 1 - run.len()]).unwrap();
        assert_eq!(name.text, "Sergei A. Ryabkov");
        assert!(name.titled);
    }
}
