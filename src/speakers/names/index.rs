//! The story-wide name index: every person a story names, by surname, with the full forms,
//! spellings, genders and titles seen, so that "Ms. Sherman", "Sherman" and "Sergey Ryabkov"
//! resolve to one canonical form per person ("Wendy Sherman", "Sergei Ryabkov").
//!
//! The one decision to know: a short form resolves to the person the story names most, in
//! full and with titles, and never crosses to a different full name: a surname shared by two
//! given names goes to the more frequent, a family name written first ("Mr. Kim") only to the
//! one full name it opens.

use super::{
    Gender, Name, Word, folded, name_from_run, person_title, run_starting_at, strip_possessive, surname_key,
    words_outside,
};
use crate::model::Span;
use crate::speakers::words::is_organisation_word;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Every person the story names, by surname: the full forms seen, and the stated gender.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    persons: HashMap<String, PersonForms>,
    /// The most frequent spelling of each folded full name.
    spellings: HashMap<String, String>,
    /// Per folded full name, the personal titles the story gives it ("president").
    roles: HashMap<String, HashSet<String>>,
    /// Words the story also writes in lowercase ("officials", "prosecutors").
    common: HashSet<String>,
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
                if sentence_initial
                    && run.len() > 1
                    && lowercase.contains(run[0].lower().as_str())
                    && person_title(&run[0].lower()).is_none()
                {
                    run = &run[1..];
                }
                let before = &words[i.saturating_sub(4)..i];
                // "North Korean leader Kim": capitalised words right before a lowercase title
                // describe the person who follows; they are not a name.
                let describes = words.get(i + skip).is_some_and(|next| {
                    let l = next.lower();
                    !next.capitalised() && next.gap.trim().is_empty() && person_title(&l).is_some()
                });
                if describes && run.len() > 1 {
                    i += skip;
                    continue;
                }
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
        // A word the story titles as a person ("Mr. Kim") may stand alone and still open a
        // full name ("Kim Jong Un"): family names come first in some languages.
        let titled_words: HashSet<String> = names
            .iter()
            .filter(|n| n.titled && n.word_count() == 1)
            .map(Name::key)
            .collect();
        let standalone: HashSet<String> = standalone
            .into_iter()
            .filter(|(w, n)| *n > opening.get(w).copied().unwrap_or(0) && !titled_words.contains(w))
            .map(|(w, _)| w)
            .collect();
        let mut index = NameIndex {
            common: lowercase.iter().map(|w| (*w).to_string()).collect(),
            ..NameIndex::default()
        };
        let mut spelling_counts: HashMap<String, BTreeMap<String, usize>> = HashMap::new();
        for name in names {
            let person = name.titled || looks_like_full_name(&name.text, &standalone);
            if !person {
                continue;
            }
            let entry = index.persons.entry(name.key()).or_default();
            if name.word_count() >= 2 {
                // A full name written with a title ("President Donald Trump") is the story
                // naming its person deliberately: it counts twice.
                *entry.full.entry(name.text.clone()).or_default() += 1 + usize::from(name.titled);
                *spelling_counts
                    .entry(folded(&name.text))
                    .or_default()
                    .entry(name.text.clone())
                    .or_default() += 1;
            }
            if name.gender.is_some() {
                entry.genders.insert(name.gender);
            }
            index
                .roles
                .entry(folded(&name.text))
                .or_default()
                .extend(name.titles.iter().cloned());
        }
        index.spellings = spelling_counts
            .into_iter()
            .filter_map(|(fold, forms)| {
                let best = forms
                    .iter()
                    .max_by_key(|(f, c)| (*c, std::cmp::Reverse(*f)))
                    .map(|(f, _)| f.clone())?;
                Some((fold, best))
            })
            .collect();
        index
    }

    /// The story gives this person (in canonical form) the title `role` in some form of their
    /// name ("President Trump", "President Donald Trump").
    pub fn has_role(&self, canonical: &str, role: &str) -> bool {
        let surname = surname_key(canonical);
        let role = role_class(role);
        self.roles
            .iter()
            .filter(|(form, _)| surname_key(form) == surname)
            .filter(|(form, _)| {
                let words = form.split_whitespace().count();
                words == 1 || self.canonical(form).replace('’', "'") == canonical.replace('’', "'")
            })
            .any(|(_, roles)| roles.iter().any(|r| role_class(r) == role))
    }

    /// A capitalised word the story also writes in lowercase: a common word opening a sentence.
    pub fn is_common_word(&self, word: &str) -> bool {
        self.common.contains(word.to_lowercase().as_str())
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
        let found = self.canonical_form(name);
        self.spellings.get(&folded(&found)).cloned().unwrap_or(found)
    }

    fn canonical_form(&self, name: &str) -> String {
        let key = surname_key(name);
        let forms = self.persons.get(&key).filter(|f| !f.full.is_empty());
        let Some(forms) = forms else {
            // A family name written first ("Mr. Kim" for "Kim Jong Un"): the most frequent
            // full name it opens, when it is the story's only such name.
            if name.split_whitespace().count() == 1 {
                return self.opened_by(&key).unwrap_or_else(|| name.to_string());
            }
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

impl NameIndex {
    /// The full name that `first` opens, when the story's full names opened by it are all one
    /// person's spellings.
    fn opened_by(&self, first: &str) -> Option<String> {
        let mut folds: HashMap<String, usize> = HashMap::new();
        for forms in self.persons.values() {
            for (form, count) in &forms.full {
                let opens = form
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| strip_possessive(w).to_lowercase() == first);
                if opens {
                    *folds.entry(folded(form)).or_default() += count;
                }
            }
        }
        // Spellings that differ only past the first word ("Kim Jong-un", "Kim Jong Un") fold
        // together; two different full names ("Kim Jong Un", "Kim Jong Il") leave the short
        // form as written, however unequal their counts. (Resolving to the more frequent one
        // was measured: it merges a dominant speaker's quotes under one voice, and the aligner's
        // same-speaker bonus then links that person's different statements.)
        let mut ranked: Vec<(String, usize)> = folds.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if ranked.len() != 1 {
            return None;
        }
        let (fold, _) = ranked.first()?.clone();
        self.spellings.get(&fold).cloned()
    }
}

/// One name for the spellings of a title ("Rep." and "congressman" are one office).
fn role_class(title: &str) -> &str {
    match title {
        "rep" | "representative" | "congressman" | "congresswoman" | "lawmaker" => "congressman",
        "sen" | "senator" => "senator",
        "gov" | "governor" => "governor",
        "gen" | "general" => "general",
        "prof" | "professor" => "professor",
        "spokesman" | "spokeswoman" | "spokesperson" => "spokesperson",
        "chairman" | "chairwoman" | "chair" => "chair",
        other => other,
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
        && !is_organisation_word(&last.to_lowercase())
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
