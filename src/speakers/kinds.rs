//! What kind of speaker a resolved name is, for choosing among the speakers outlets credit:
//! a person or a body that speaks for itself (the White House, the European Commission, the U.S.
//! Attorney's Office) is a speaker proper; a news outlet relays what others said; a place or a
//! polity ("Washington", "North Korea", "the European Union") is the speaker of last resort.
//!
//! The one decision to know: the kind comes from general English head nouns of the name
//! (`words::INSTITUTION_WORDS`, `words::MEDIA_WORDS`), never from a list of known bodies.

use super::words::{INSTITUTION_WORDS, MEDIA_WORDS};

/// How much a credited speaker says about who actually spoke, best last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A place, a country, a polity, or a name the story does not show as a person or a body.
    Place,
    /// A news outlet or agency: it reports others' words.
    Relay,
    /// A body that speaks for itself.
    Institution,
    /// A named person.
    Person,
}

impl Kind {
    /// Persons and bodies both speak for themselves: they rank alike.
    pub fn rank(self) -> u8 {
        match self {
            Kind::Place => 0,
            Kind::Relay => 1,
            Kind::Institution | Kind::Person => 2,
        }
    }
}

/// The kind of a speaker's name; `person` is what the story's name index says.
pub fn kind_of(name: &str, person: bool) -> Kind {
    if person {
        return Kind::Person;
    }
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            w.trim_end_matches(['.', ','])
                .trim_end_matches("’s")
                .trim_end_matches("'s")
                .to_lowercase()
        })
        .collect();
    if words.iter().any(|w| MEDIA_WORDS.contains(&w.as_str())) {
        return Kind::Relay;
    }
    match words.last() {
        Some(last) if INSTITUTION_WORDS.contains(&last.as_str()) => Kind::Institution,
        _ => Kind::Place,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_that_speak_are_institutions() {
        for name in [
            "White House",
            "European Commission",
            "U.S. Attorney's Office",
            "British government",
            "Justice Department",
        ] {
            assert_eq!(kind_of(name, false), Kind::Institution, "{name}");
        }
    }

    #[test]
    fn outlets_relay_and_places_rank_last() {
        assert_eq!(kind_of("Korean Central News Agency", false), Kind::Relay);
        assert_eq!(kind_of("Associated Press", false), Kind::Relay);
        for name in ["Washington", "North Korea", "European Union", "United States"] {
            assert_eq!(kind_of(name, false), Kind::Place, "{name}");
        }
        assert!(Kind::Person.rank() == Kind::Institution.rank());
        assert!(Kind::Relay.rank() > Kind::Place.rank());
        assert_eq!(kind_of("Wendy Sherman", true), Kind::Person);
    }
}
