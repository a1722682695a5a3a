//! The story-wide name index: every person a story names, by surname, with the full forms,
//! spellings, genders and titles seen, so that "Ms. Sherman", "Sherman" and "Sergey Ryabkov"
//! resolve to one canonical form per person ("Wendy Sherman", "Sergei Ryabkov").
//!
//! The one decision to know: a short form resolves to the person the story names most, in
//! full and with titles, and never crosses to a different full name: a surname shared by two
//! given names goes to the more frequent, a family name written first ("Mr. Kim") only to the
//! one full name it opens.

mod groups;

pub use groups::edit_distance;

use super::{
    Gender, Name, Word, folded, name_from_run, person_title, run_starting_at, surname_key, words_outside,
};
use crate::model::Span;
use crate::speakers::words::is_organisation_word;
use crate::variants::KeySet;
use groups::{FormGroup, first_given, group_forms, opened_names};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Every person the story names, by surname: the full forms seen, and the stated gender.
///
/// Everything a query needs is worked out once when the index is built (the forms of a surname
/// grouped into persons, the canonical name of each group, the titles by surname), so that
/// resolving a name costs a few lookups however many forms the story writes.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    persons: HashMap<String, PersonForms>,
    /// The most frequent spelling of each folded full name.
    spellings: HashMap<String, String>,
    /// Per surname, the forms of a name the story gives personal titles ("president").
    roles: HashMap<String, Vec<TitledForm>>,
    /// Words the story also writes in lowercase ("officials", "prosecutors").
    common: HashSet<String>,
    /// Per word opening full names, the canonical full name it stands for alone ("Mr. Kim" for
    /// "Kim Jong Un"), when the full names it opens are all one person's spellings.
    opened: HashMap<String, String>,
}

#[derive(Debug, Clone, Default)]
struct PersonForms {
    /// Forms with given names ("Sergei Ryabkov", "Sergey Ryabkov"), with how often they occur.
    full: BTreeMap<String, usize>,
    genders: HashSet<Option<Gender>>,
    /// The full forms grouped into persons by their given names, in the order of `full`.
    groups: Vec<FormGroup>,
}

/// A form of a name written with personal titles (folded: "wendy sherman", "sherman").
#[derive(Debug, Clone)]
struct TitledForm {
    /// The form is a single word: it stands for every person of its surname.
    single: bool,
    /// The canonical name of a longer form, apostrophes written '.
    canonical: String,
    /// The classes of its titles (`role_class`).
    classes: Vec<String>,
}

impl NameIndex {
    /// Indexes the names of every text of a story (quotations included: a name is a name).
    pub fn build(texts: &[&str]) -> Self {
        let (persons, common) = persons_named(texts);
        let mut index = NameIndex {
            common,
            ..NameIndex::default()
        };
        let mut spelling_counts: HashMap<String, BTreeMap<String, usize>> = HashMap::new();
        let mut roles: HashMap<String, HashSet<String>> = HashMap::new();
        for name in persons {
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
            roles
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
        index.resolve_forms(&roles);
        index
    }

    /// Works out what queries read: each surname's forms grouped into persons with their
    /// canonical names, the full names a lone first word stands for, and the titled forms by
    /// surname with their canonical names.
    fn resolve_forms(&mut self, roles: &HashMap<String, HashSet<String>>) {
        let spellings = &self.spellings;
        for forms in self.persons.values_mut() {
            forms.groups = group_forms(&forms.full, spellings);
        }
        self.opened = opened_names(self.persons.values().map(|f| &f.full), spellings);
        let mut by_surname: HashMap<String, Vec<TitledForm>> = HashMap::new();
        for (form, titles) in roles {
            if titles.is_empty() {
                continue;
            }
            let single = form.split_whitespace().count() == 1;
            let mut classes: Vec<String> = titles.iter().map(|t| role_class(t).to_string()).collect();
            classes.sort_unstable();
            classes.dedup();
            by_surname.entry(surname_key(form)).or_default().push(TitledForm {
                single,
                canonical: if single {
                    String::new()
                } else {
                    self.canonical(form).replace('’', "'")
                },
                classes,
            });
        }
        self.roles = by_surname;
    }

    /// The story gives this person (in canonical form) the title `role` in some form of their
    /// name ("President Trump", "President Donald Trump").
    pub fn has_role(&self, canonical: &str, role: &str) -> bool {
        let Some(forms) = self.roles.get(&surname_key(canonical)) else {
            return false;
        };
        let role = role_class(role);
        let canonical = canonical.replace('’', "'");
        forms
            .iter()
            .any(|f| (f.single || f.canonical == canonical) && f.classes.iter().any(|c| c == role))
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
        if genders.len() == 1 {
            genders.iter().next().copied().flatten()
        } else {
            None
        }
    }

    /// One form per person: "Ms. Sherman", "Sherman" → "Wendy Sherman"; "Sergey Ryabkov" →
    /// "Sergei Ryabkov" when that spelling is more frequent. Given names within a small edit
    /// distance, or an initial and a name it starts, are one person.
    pub fn canonical(&self, name: &str) -> String {
        let key = surname_key(name);
        let Some(forms) = self.persons.get(&key).filter(|f| !f.full.is_empty()) else {
            // A family name written first ("Mr. Kim" for "Kim Jong Un"): the most frequent
            // full name it opens, when it is the story's only such name.
            if name.split_whitespace().count() == 1
                && let Some(full) = self.opened.get(&key)
            {
                return full.clone();
            }
            return spelled(name, &self.spellings);
        };
        let group = match first_given(name) {
            None => forms.groups.iter().max_by_key(|g| g.total),
            Some(given) => forms.groups.iter().find(|g| g.takes(&given)),
        };
        group.map_or_else(|| spelled(name, &self.spellings), |g| g.canonical.clone())
    }
}

/// The most frequent spelling of a name ("Kim Jong Un" for "Kim Jong-un"), else the name.
fn spelled(name: &str, spellings: &HashMap<String, String>) -> String {
    spellings
        .get(&folded(name))
        .cloned()
        .unwrap_or_else(|| name.to_string())
}

/// The names of a story's texts that read as persons', in text order, and the words the story
/// also writes in lowercase.
fn persons_named(texts: &[&str]) -> (Vec<Name>, HashSet<String>) {
    // Which words the story also writes in lowercase (a capital at a sentence start is then no
    // name), and how often a word stands alone as a name (outside sentence openings). Texts are
    // read in parallel and their names joined in text order.
    let all: Vec<Vec<Word>> = texts
        .par_iter()
        .map(|t| words_outside(t, Span::new(0, t.len()), &[]))
        .collect();
    let lowercase: KeySet<&str> = all
        .par_iter()
        .map(|words| {
            words
                .iter()
                .filter(|w| w.text.starts_with(char::is_lowercase))
                .map(|w| w.text)
                .collect::<KeySet<&str>>()
        })
        .reduce(KeySet::default, |mut a, b| {
            a.extend(b);
            a
        });
    let per_text: Vec<(Vec<Name>, Vec<String>)> = texts
        .par_iter()
        .zip(&all)
        .map(|(text, words)| names_in(text, words, &lowercase))
        .collect();
    let mut names: Vec<Name> = Vec::new();
    let mut standalone: HashMap<String, usize> = HashMap::new();
    for (found, alone) in per_text {
        names.extend(found);
        for key in alone {
            *standalone.entry(key).or_default() += 1;
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
    let persons = names
        .into_iter()
        .filter(|name| name.titled || looks_like_full_name(&name.text, &standalone))
        .collect();
    (persons, lowercase.iter().map(|w| (*w).to_string()).collect())
}

/// The names one text writes, in order, and the keys of those standing alone outside sentence
/// openings.
fn names_in(text: &str, words: &[Word], lowercase: &KeySet<&str>) -> (Vec<Name>, Vec<String>) {
    let mut names: Vec<Name> = Vec::new();
    let mut standalone: Vec<String> = Vec::new();
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
            && lowercase.contains(run[0].lower().as_ref())
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
                standalone.push(name.key());
            }
            names.push(name);
        }
        i += skip;
    }
    (names, standalone)
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
