//! The forms of one surname grouped into persons, for the name index: "Sergei Ryabkov",
//! "Sergey Ryabkov" and "S. Ryabkov" are one person, "Melania Trump" and "Donald Trump" two;
//! and the full names a family name written first ("Mr. Kim") stands for.
//!
//! The one decision to know: two forms are one person when their first given names are equal,
//! one is the other's initial, or both have four letters or more and differ by at most two
//! edits; a form joins the first group that holds such a form. Each group keeps its distinct
//! first given names, so that placing a form or a query compares it with those once, not with
//! every form again.

use super::super::{folded, person_title, strip_possessive};
use super::spelled;
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One person's forms of a surname.
#[derive(Debug, Clone, Default)]
pub(super) struct FormGroup {
    /// The distinct first given names of its forms, lowercase.
    firsts: HashSet<String>,
    /// Some form has no given name (it then takes every given name).
    bare: bool,
    /// How often its forms occur together.
    pub total: usize,
    /// Its name: the most frequent two-word form (else the most frequent form), in its most
    /// frequent spelling.
    pub canonical: String,
}

impl FormGroup {
    /// A name with the first given name `given` is this person's.
    pub fn takes(&self, given: &str) -> bool {
        self.bare || self.firsts.contains(given) || self.firsts.iter().any(|f| same_first(f, given))
    }
}

/// The first given name of a written name, lowercase: its first word before the surname that is
/// not a title ("sergei" in "Sergei A. Ryabkov").
pub(super) fn first_given(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    words[..words.len().saturating_sub(1)]
        .iter()
        .map(|w| w.trim_end_matches('.'))
        .find(|w| person_title(w).is_none())
        .map(str::to_lowercase)
}

/// Two first given names name the same person: close, or one is the other's initial.
fn same_first(x: &str, y: &str) -> bool {
    let initial = |s: &str, t: &str| s.chars().count() == 1 && t.starts_with(s);
    x == y
        || initial(x, y)
        || initial(y, x)
        || (x.len().min(y.len()) >= 4
            && x.chars().count().abs_diff(y.chars().count()) <= 2
            && edit_distance(x, y) <= 2)
}

/// Groups a surname's full forms into persons by their first given names, in the order of
/// `full`, each with its canonical name.
pub(super) fn group_forms(
    full: &BTreeMap<String, usize>,
    spellings: &HashMap<String, String>,
) -> Vec<FormGroup> {
    let mut groups: Vec<FormGroup> = Vec::new();
    let mut members: Vec<Vec<(&String, usize)>> = Vec::new();
    for (form, &count) in full {
        let given = first_given(form);
        let at = match &given {
            // A form without a given name is the first person's.
            None => (!groups.is_empty()).then_some(0),
            Some(g) => groups.iter().position(|group| group.takes(g)),
        };
        let at = at.unwrap_or_else(|| {
            groups.push(FormGroup::default());
            members.push(Vec::new());
            groups.len() - 1
        });
        let group = &mut groups[at];
        match given {
            Some(g) => {
                group.firsts.insert(g);
            }
            None => group.bare = true,
        }
        group.total += count;
        members[at].push((form, count));
    }
    for (group, forms) in groups.iter_mut().zip(&members) {
        let best = forms
            .iter()
            .max_by_key(|(f, c)| (f.split_whitespace().count() == 2, *c, Reverse(*f)))
            .map(|(f, _)| f.as_str())
            .unwrap_or_default();
        group.canonical = spelled(best, spellings);
    }
    groups
}

/// Per word opening full names (lowercase), the canonical full name it stands for alone, when
/// the full names it opens fold to one. Spellings that differ only past the first word ("Kim
/// Jong-un", "Kim Jong Un") fold together; two different full names ("Kim Jong Un", "Kim Jong
/// Il") leave the short form as written, however unequal their counts. (Resolving to the more
/// frequent one was measured: it merges a dominant speaker's quotes under one voice, and the
/// aligner's same-speaker bonus then links that person's different statements.)
pub(super) fn opened_names<'a>(
    fulls: impl Iterator<Item = &'a BTreeMap<String, usize>>,
    spellings: &HashMap<String, String>,
) -> HashMap<String, String> {
    let mut folds: HashMap<String, HashSet<String>> = HashMap::new();
    for full in fulls {
        for form in full.keys() {
            if let Some(first) = form.split_whitespace().next() {
                folds
                    .entry(strip_possessive(first).to_lowercase())
                    .or_default()
                    .insert(folded(form));
            }
        }
    }
    folds
        .into_iter()
        .filter_map(|(first, folds)| {
            let [fold] = folds.into_iter().collect::<Vec<_>>().try_into().ok()?;
            let full = spellings.get(&fold)?;
            Some((first, spelled(full, spellings)))
        })
        .collect()
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
    use super::super::{NameIndex, persons_named, role_class};
    use super::*;
    use crate::speakers::names::surname_key;

    const STORY: &[&str] = &[
        "Deputy Secretary of State Wendy Sherman met Sergei Ryabkov. Ms. Sherman spoke. \
         Sergey Ryabkov and Sergei A. Ryabkov answered. W. Sherman left. Sherman smiled.",
        "President Donald Trump and Melania Trump flew in. Mr. Trump said Donald Trump’s plan \
         stood. Leader Kim Jong Un and Kim Jong-un met Mr. Kim. Rep. Pat O’Brien and Pat \
         O'Brien agreed with Patrick O’Brien. President Moon Jae-in spoke. Trump left.",
        "Sergei Ryabkov’s aide said Ryabkov agreed. Donald J. Trump and Don Trump argued with \
         Congresswoman Anna Lee, Anna Lee and Anne Lee. Kim Yo Jong wrote.",
    ];

    fn given_names(name: &str) -> Vec<String> {
        let words: Vec<&str> = name.split_whitespace().collect();
        words[..words.len().saturating_sub(1)]
            .iter()
            .filter(|w| person_title(w.trim_end_matches('.')).is_none())
            .map(|w| w.trim_end_matches('.').to_lowercase())
            .collect()
    }

    fn same_given(a: &[String], b: &[String]) -> bool {
        let (Some(x), Some(y)) = (a.first(), b.first()) else {
            return true;
        };
        let initial = |s: &str, t: &str| s.chars().count() == 1 && t.starts_with(s);
        x == y || initial(x, y) || initial(y, x) || (x.len().min(y.len()) >= 4 && edit_distance(x, y) <= 2)
    }

    /// Every form compared with every form placed before it.
    fn plain_groups(full: &BTreeMap<String, usize>) -> Vec<Vec<(&String, usize)>> {
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

    /// Reads every full name of the story again for a first word alone.
    fn plain_opened_by(index: &NameIndex, first: &str) -> Option<String> {
        let mut folds: HashMap<String, usize> = HashMap::new();
        for forms in index.persons.values() {
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
        let [(fold, _)] = folds.into_iter().collect::<Vec<_>>().try_into().ok()?;
        index.spellings.get(&fold).cloned()
    }

    fn plain_canonical(index: &NameIndex, name: &str) -> String {
        let key = surname_key(name);
        let found = match index.persons.get(&key).filter(|f| !f.full.is_empty()) {
            None if name.split_whitespace().count() == 1 => {
                plain_opened_by(index, &key).unwrap_or_else(|| name.to_string())
            }
            None => name.to_string(),
            Some(forms) => {
                let given = given_names(name);
                let groups = plain_groups(&forms.full);
                let group = if given.is_empty() {
                    groups
                        .iter()
                        .max_by_key(|g| g.iter().map(|(_, c)| c).sum::<usize>())
                } else {
                    groups
                        .iter()
                        .find(|g| g.iter().any(|(f, _)| same_given(&given_names(f), &given)))
                };
                group
                    .and_then(|g| {
                        g.iter()
                            .max_by_key(|(f, c)| (f.split_whitespace().count() == 2, *c, Reverse(*f)))
                    })
                    .map_or_else(|| name.to_string(), |(f, _)| (*f).clone())
            }
        };
        spelled(&found, &index.spellings)
    }

    /// Reads the titles of every form of the story for one person.
    fn plain_has_role(
        index: &NameIndex,
        roles: &HashMap<String, HashSet<String>>,
        canonical: &str,
        role: &str,
    ) -> bool {
        let surname = surname_key(canonical);
        let role = role_class(role);
        roles
            .iter()
            .filter(|(form, _)| surname_key(form) == surname)
            .filter(|(form, _)| {
                form.split_whitespace().count() == 1
                    || plain_canonical(index, form).replace('’', "'") == canonical.replace('’', "'")
            })
            .any(|(_, titles)| titles.iter().any(|r| role_class(r) == role))
    }

    #[test]
    fn grouped_forms_resolve_names_as_comparing_every_form_does() {
        let index = NameIndex::build(STORY);
        let (persons, _) = persons_named(STORY);
        let mut roles: HashMap<String, HashSet<String>> = HashMap::new();
        for name in &persons {
            roles
                .entry(folded(&name.text))
                .or_default()
                .extend(name.titles.iter().cloned());
        }
        let mut queries: Vec<String> = persons.iter().map(|n| n.text.clone()).collect();
        queries.extend(
            [
                "Ryabkov",
                "Sherman",
                "Kim",
                "Trump",
                "Lee",
                "O’Brien",
                "S. Ryabkov",
                "Sergey Ryabkov",
                "Wendy Sherman",
                "W. Sherman",
                "Boris Trump",
                "Nobody",
                "Jong Un",
                "Moon",
                "Pat",
            ]
            .map(String::from),
        );
        assert!(queries.len() > 30);
        let mut canonicals = HashSet::new();
        for q in &queries {
            let canonical = index.canonical(q);
            assert_eq!(canonical, plain_canonical(&index, q), "{q}");
            canonicals.insert(canonical);
        }
        // The story shows several persons in several forms each.
        for name in [
            "Wendy Sherman",
            "Sergei Ryabkov",
            "Donald Trump",
            "Kim Jong Un",
            "Anna Lee",
        ] {
            assert!(canonicals.contains(name), "{name} in {canonicals:?}");
        }
        let mut held = 0;
        for c in &canonicals {
            for role in [
                "president",
                "ms",
                "mr",
                "secretary",
                "rep",
                "congressman",
                "leader",
                "senator",
            ] {
                let has = index.has_role(&c.replace('’', "'"), role);
                assert_eq!(
                    has,
                    plain_has_role(&index, &roles, &c.replace('’', "'"), role),
                    "{c} {role}"
                );
                held += usize::from(has);
            }
        }
        assert!(held >= 4, "{held}");
    }
}
