//! Person names for attribution: words with their gaps, runs of capitalised words, titles and
//! what they say about gender, and the story-wide index that tells a person ("Sherman", known
//! from "Wendy Sherman" and "Ms. Sherman") from a place or an organisation ("Russia",
//! "White House"), and maps every form of a name to one canonical form per person.
//!
//! The one decision to know: a single capitalised word is a person only when the story
//! shows it as one (after a personal title, or as the last word of a full name whose given name
//! never stands alone); everything else is an organisation or a place, a speaker of last resort.

use super::words::{ORGANISATION_WORDS, PERSON_TITLES, is_not_name};
use crate::lexicon;
use crate::model::Span;
use std::collections::{BTreeMap, HashMap, HashSet};
use unicode_segmentation::UnicodeSegmentation;

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

impl Word<'_> {
    pub fn lower(&self) -> String {
        self.text.to_lowercase()
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
    let mut out: Vec<Word<'a>> = Vec::new();
    let mut prev_end = span.start;
    for (offset, w) in piece.split_word_bound_indices() {
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

pub fn surname_key(name: &str) -> String {
    let last = name.split_whitespace().last().unwrap_or(name);
    strip_possessive(last).to_lowercase()
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w)
}

fn person_title(word: &str) -> Option<Option<Gender>> {
    let l = word.to_lowercase();
    PERSON_TITLES.iter().find(|(t, _)| *t == l).map(|&(_, g)| g)
}

fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "de" | "von" | "van" | "bin" | "al" | "da" | "del" | "la" | "le"
    )
}

/// Two words belong to one name: only spaces between them, or the full stop of an initial or an
/// abbreviation ("Sergei A. Ryabkov", "Ms. Sherman").
fn joined(prev: &Word, w: &Word) -> bool {
    if w.quote_before {
        return false;
    }
    let gap = w.gap.trim();
    gap.is_empty()
        || (gap == "." && (prev.text.chars().count() == 1 || lexicon::is_abbreviation(&prev.lower())))
}

/// Turns a run of words into a name: drops titles, possessive owners ("Russia’s Ryabkov") and
/// sentence-initial stop words in front, and records what the titles say.
pub fn name_from_run(text: &str, run: &[Word], before: &[Word]) -> Option<Name> {
    let mut start = 0;
    for (i, w) in run.iter().enumerate() {
        let l = w.lower();
        let possessive = strip_possessive(w.text).len() != w.text.len() && i + 1 < run.len();
        if lexicon::is_title_word(&l)
            || person_title(&l).is_some()
            || possessive
            || (lexicon::is_stop_word(&l) && w.text.chars().count() > 1)
            || is_not_name(l.as_str())
            || is_connector(&l)
        {
            start = i + 1;
        }
    }
    // A run of office words naming an organisation ("the White House") is kept whole.
    if start == run.len()
        && run
            .last()
            .is_some_and(|w| ORGANISATION_WORDS.contains(&w.lower().as_str()))
    {
        start = run
            .iter()
            .take_while(|w| lexicon::is_stop_word(&w.lower()))
            .count();
        let org = &run[start..];
        let span = Span::new(org.first()?.start, org.last()?.end);
        return Some(Name {
            text: text.get(span.range())?.to_string(),
            span,
            gender: None,
            titled: false,
        });
    }
    let name = &run[start..];
    let (first, last) = (name.first()?, name.last()?);
    if name.len() > 4 || !first.capitalised() || is_not_name(last.lower().as_str()) {
        return None;
    }
    // Titles: the dropped words of the run, then lowercase title words right before it.
    let mut titles: Vec<String> = run[..start].iter().map(Word::lower).collect();
    titles.extend(before.iter().rev().map_while(|w| {
        let l = w.lower();
        (lexicon::is_title_word(&l) || person_title(&l).is_some()).then_some(l)
    }));
    let gender = titles.iter().rev().find_map(|t| person_title(t).flatten());
    let titled = titles.iter().any(|t| person_title(t).is_some());
    let span = Span::new(first.start, last.end);
    let written = text.get(span.range())?;
    Some(Name {
        text: strip_possessive(written).to_string(),
        span,
        gender,
        titled,
    })
}

/// The run of capitalised words (with inner connectors) ending at `words[end]`.
pub fn run_ending_at<'w, 'a>(words: &'w [Word<'a>], end: usize) -> &'w [Word<'a>] {
    if !words.get(end).is_some_and(Word::capitalised) {
        return &[];
    }
    let mut start = end;
    while start > 0 && joined(&words[start - 1], &words[start]) {
        let prev = &words[start - 1];
        let inner_connector = is_connector(prev.text) && start >= 2 && words[start - 2].capitalised();
        if prev.capitalised() || inner_connector {
            start -= 1;
        } else {
            break;
        }
    }
    &words[start..=end]
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
        if next.capitalised() || inner_connector {
            end += 1;
        } else {
            break;
        }
    }
    &words[start..=end]
}

/// Every person the story names, by surname: the full forms seen, and the stated gender.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    persons: HashMap<String, PersonForms>,
}

#[derive(Debug, Clone, Default)]
struct PersonForms {
    /// Forms with given names ("Sergei Ryabkov", "Sergey Ryabkov"), with how often they occur.
    full: BTreeMap<String, usize>,
    genders: HashSet<Option<Gender>>,
}

impl NameIndex {
    /// Indexes the names of every text of a story (quotations included: a name is a name).
    pub fn build(texts: &[&str]) -> Self {
        let mut names: Vec<Name> = Vec::new();
        // How often a word stands alone as a name (outside sentence openings), and which words
        // the story also writes in lowercase (a capital at a sentence start is then no name).
        let mut standalone: HashMap<String, usize> = HashMap::new();
        let mut lowercase: HashSet<&str> = HashSet::new();
        let all: Vec<Vec<Word>> = texts
            .iter()
            .map(|t| words_outside(t, Span::new(0, t.len()), &[]))
            .collect();
        for w in all.iter().flatten() {
            if w.text.starts_with(char::is_lowercase) {
                lowercase.insert(w.text);
            }
        }
        for (text, words) in texts.iter().zip(&all) {
            let mut i = 0;
            while i < words.len() {
                let mut run = run_starting_at(words, i);
                if run.is_empty() {
                    i += 1;
                    continue;
                }
                let skip = run.len();
                let sentence_initial = i == 0 || words[i].gap.contains(['.', '\n', '!', '?']);
                if sentence_initial && run.len() > 1 && lowercase.contains(run[0].lower().as_str()) {
                    run = &run[1..];
                }
                let before = &words[i.saturating_sub(4)..i];
                if let Some(name) = name_from_run(text, run, before) {
                    if name.word_count() == 1 && !sentence_initial && !name.titled {
                        *standalone.entry(name.key()).or_default() += 1;
                    }
                    names.push(name);
                }
                i += skip;
            }
        }
        // How often each word opens a multi-word name.
        let mut opening: HashMap<String, usize> = HashMap::new();
        for name in &names {
            if let (true, Some(first)) = (name.word_count() >= 2, name.text.split_whitespace().next()) {
                *opening.entry(first.to_lowercase()).or_default() += 1;
            }
        }
        let standalone: HashSet<String> = standalone
            .into_iter()
            .filter(|(w, n)| *n > opening.get(w).copied().unwrap_or(0))
            .map(|(w, _)| w)
            .collect();
        let mut index = NameIndex::default();
        for name in names {
            let person = name.titled || looks_like_full_name(&name.text, &standalone);
            if !person {
                continue;
            }
            let entry = index.persons.entry(name.key()).or_default();
            if name.word_count() >= 2 {
                *entry.full.entry(name.text.clone()).or_default() += 1;
            }
            if name.gender.is_some() {
                entry.genders.insert(name.gender);
            }
        }
        index
    }

    /// The name refers to a person the story knows.
    pub fn is_person(&self, name: &Name) -> bool {
        name.titled || self.persons.contains_key(&name.key())
    }

    /// The gender the story states for a person, when it states one consistently.
    pub fn gender(&self, name: &Name) -> Option<Gender> {
        let genders = &self.persons.get(&name.key())?.genders;
        match genders.iter().collect::<Vec<_>>().as_slice() {
            [g] => **g,
            _ => None,
        }
    }

    /// One form per person: "Ms. Sherman", "Sherman" → "Wendy Sherman"; "Sergey Ryabkov" →
    /// "Sergei Ryabkov" when that spelling is more frequent. Given names within a small edit
    /// distance, or an initial and a name it starts, are one person.
    pub fn canonical(&self, name: &str) -> String {
        let Some(forms) = self.persons.get(&surname_key(name)) else {
            return name.to_string();
        };
        let given = given_names(name);
        let groups = group_forms(&forms.full);
        let group = if given.is_empty() {
            groups
                .iter()
                .max_by_key(|g| g.iter().map(|(_, c)| c).sum::<usize>())
        } else {
            groups
                .iter()
                .find(|g| g.iter().any(|(f, _)| same_given(&given_names(f), &given)))
        };
        let Some(group) = group else {
            return name.to_string();
        };
        // The most frequent two-word form, else the most frequent form.
        group
            .iter()
            .max_by_key(|(f, c)| (f.split_whitespace().count() == 2, *c, std::cmp::Reverse(*f)))
            .map_or_else(|| name.to_string(), |(f, _)| (*f).clone())
    }
}

/// A multi-word name reads as a person's: no organisation word, no acronym, and a given name
/// that the story does not use alone as a name more often than it opens full names (as it
/// does "Russia" in "Russia Ukraine"; "Ellen" alone is rarer than "Ellen DeGeneres").
fn looks_like_full_name(name: &str, standalone: &HashSet<String>) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    let acronym =
        |w: &&str| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase);
    words.len() >= 2
        && !ORGANISATION_WORDS.contains(&last.to_lowercase().as_str())
        && !words.iter().any(acronym)
        && !standalone.contains(&first.to_lowercase())
}

fn given_names(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    words[..words.len().saturating_sub(1)]
        .iter()
        .filter(|w| person_title(w.trim_end_matches('.')).is_none())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect()
}

/// Two sets of given names name the same person: their first given names are close, or one is
/// the other's initial.
fn same_given(a: &[String], b: &[String]) -> bool {
    let (Some(x), Some(y)) = (a.first(), b.first()) else {
        return true;
    };
    let initial = |s: &str, t: &str| s.chars().count() == 1 && t.starts_with(s);
    x == y || initial(x, y) || initial(y, x) || (x.len().min(y.len()) >= 4 && edit_distance(x, y) <= 2)
}

/// Groups a surname's full forms into persons by their given names.
fn group_forms(full: &BTreeMap<String, usize>) -> Vec<Vec<(&String, usize)>> {
    let mut groups: Vec<Vec<(&String, usize)>> = Vec::new();
    for (form, &count) in full {
        let given = given_names(form);
        match groups
            .iter_mut()
            .find(|g| g.iter().any(|(f, _)| same_given(&given_names(f), &given)))
        {
            Some(g) => g.push((form, count)),
            None => groups.push(vec![(form, count)]),
        }
    }
    groups
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(texts: &[&str]) -> NameIndex {
        NameIndex::build(texts)
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
