//! General English word lists for attribution: personal titles and the gender they state,
//! words that make a name an organisation, speech verbs beyond the shared lexicon, and the
//! small words of attribution clauses. Nothing here is fitted to one story; extend the lists
//! with whole word classes, not with the names of one article.

use super::names::Gender;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Titles and role nouns that mark a person, with the gender they state where they state one.
pub const PERSON_TITLES: &[(&str, Option<Gender>)] = &[
    ("mr", Some(Gender::Male)),
    ("mrs", Some(Gender::Female)),
    ("ms", Some(Gender::Female)),
    ("miss", Some(Gender::Female)),
    ("madam", Some(Gender::Female)),
    ("sir", Some(Gender::Male)),
    ("dame", Some(Gender::Female)),
    ("lord", Some(Gender::Male)),
    ("lady", Some(Gender::Female)),
    ("king", Some(Gender::Male)),
    ("queen", Some(Gender::Female)),
    ("prince", Some(Gender::Male)),
    ("princess", Some(Gender::Female)),
    ("spokesman", Some(Gender::Male)),
    ("spokeswoman", Some(Gender::Female)),
    ("chairman", Some(Gender::Male)),
    ("chairwoman", Some(Gender::Female)),
    ("congressman", Some(Gender::Male)),
    ("congresswoman", Some(Gender::Female)),
    ("councilman", Some(Gender::Male)),
    ("councilwoman", Some(Gender::Female)),
    ("businessman", Some(Gender::Male)),
    ("businesswoman", Some(Gender::Female)),
    ("actor", Some(Gender::Male)),
    ("actress", Some(Gender::Female)),
    ("dr", None),
    ("prof", None),
    ("professor", None),
    ("president", None),
    ("minister", None),
    ("secretary", None),
    ("senator", None),
    ("sen", None),
    ("rep", None),
    ("representative", None),
    ("governor", None),
    ("gov", None),
    ("mayor", None),
    ("ambassador", None),
    ("spokesperson", None),
    ("chancellor", None),
    ("pope", None),
    ("judge", None),
    ("justice", None),
    ("director", None),
    ("chair", None),
    ("ceo", None),
    ("officer", None),
    ("commander", None),
    ("colonel", None),
    ("col", None),
    ("captain", None),
    ("capt", None),
    ("lieutenant", None),
    ("lt", None),
    ("sergeant", None),
    ("sgt", None),
    ("admiral", None),
    ("general", None),
    ("gen", None),
    ("envoy", None),
    ("diplomat", None),
    ("negotiator", None),
    ("analyst", None),
    ("coach", None),
    ("manager", None),
    ("sheriff", None),
    ("detective", None),
    ("inspector", None),
    ("commissioner", None),
    ("speaker", None),
    ("adviser", None),
    ("advisor", None),
    ("lawyer", None),
    ("attorney", None),
    ("singer", None),
    ("deputy", None),
    ("leader", None),
    ("dictator", None),
    ("lawmaker", None),
    ("official", None),
];

/// Last words that make a name a place, a treaty or a body beyond the institutions and outlets
/// listed below ("United States", "Treaty", "Union").
const PLACE_WORDS: &[&str] = &[
    "union", "network", "treaty", "states", "kingdom", "nations", "republic", "emirates", "islands",
    "airport", "street", "avenue", "war",
];

/// A last word that makes a name an organisation, a publication or a place, not a person.
pub fn is_organisation_word(lower: &str) -> bool {
    ORGANISATION_WORDS.contains(lower)
}

/// `PLACE_WORDS`, `INSTITUTION_WORDS` and `MEDIA_WORDS` as one set.
static ORGANISATION_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    PLACE_WORDS
        .iter()
        .chain(INSTITUTION_WORDS)
        .chain(MEDIA_WORDS)
        .copied()
        .collect()
});

/// Words that are capitalised without being names.
pub const NOT_NAME_WORDS: &[&str] = &[
    "i",
    "it",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "today",
    "yesterday",
    "tomorrow",
];

/// Speech verbs beyond the shared lexicon's, all general English.
pub const MORE_SPEECH_VERBS: &[&str] = &[
    "conveyed",
    "convey",
    "conveys",
    "stressed",
    "stresses",
    "emphasized",
    "emphasised",
    "cautioned",
    "vowed",
    "pledged",
    "conceded",
    "maintained",
    "observed",
    "complained",
    "predicted",
    "insist",
    "announces",
    "writes",
    "tweets",
    "recalls",
    "notes",
    "explains",
    "continues",
    "warning",
    "insisting",
    "noting",
    "stressing",
    "calling",
    "concluded",
    "concludes",
    "promised",
];

/// Nouns in the lexicon's speech list that do not introduce speech by themselves.
pub const NOT_VERBS: &[&str] = &[
    "reporter",
    "reporters",
    "reportedly",
    "spokesman",
    "spokeswoman",
    "spokesperson",
];

/// Verbs that introduce speech only when their clause ends with them or goes on with "that"
/// ("he continued, …" but not "Putin continues to station troops").
pub const WEAK_VERBS: &[&str] = &[
    "continue",
    "continues",
    "continued",
    "respond",
    "responded",
    "state",
    "states",
    "indicate",
    "indicated",
    "suggest",
    "suggested",
    "recall",
    "recalled",
    "mention",
    "mentioned",
    "report",
    "reported",
    "comment",
    "commented",
    "note",
    "notes",
    "confirm",
    "confirmed",
    "add",
    "adds",
];

/// Verbs after which the speaker may follow ("…," said Sherman).
pub const INVERTIBLE: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "noted",
    "explained",
    "continued",
    "wrote",
    "declared",
    "stated",
    "insisted",
    "replied",
    "recalled",
    "argued",
    "claimed",
    "asserted",
    "acknowledged",
    "remarked",
    "commented",
    "conceded",
    "warned",
];

/// Words that may stand between a subject and its speech verb ("Sherman further explained").
pub const VERB_ADVERBS: &[&str] = &[
    "also",
    "further",
    "again",
    "then",
    "later",
    "earlier",
    "previously",
    "once",
    "has",
    "had",
    "have",
    "would",
    "will",
    "did",
    "later",
    "had",
    "reportedly",
    "repeatedly",
    "however",
];

/// Words that open the tail of an attribution clause ("Ryabkov said on Monday").
pub const TAIL_OPENERS: &[&str] = &[
    "on",
    "in",
    "at",
    "after",
    "before",
    "during",
    "from",
    "with",
    "by",
    "via",
    "while",
    "when",
    "following",
    "earlier",
    "later",
    "afterwards",
    "yesterday",
    "today",
    "tonight",
    "last",
    "this",
    "reporters",
    "journalists",
    "the",
    "a",
    "an",
];

/// Words that may follow "…, NAME said" and end the attribution: the listed ones and weekdays
/// ("…, Sherman said Monday").
pub fn is_tail_opener(lower: &str) -> bool {
    TAIL_OPENERS.contains(&lower) || crate::lexicon::WEEKDAYS.contains(&lower)
}

/// Words that show a sentence speaks in the first person: in news prose outside quotation
/// marks they are someone's words.
pub const FIRST_PERSON: &[&str] = &[
    "we", "We", "I", "our", "Our", "us", "my", "My", "me", "I’m", "I'm", "We’re", "we’re",
];

/// Capitalised words that are never a speaker's name: the listed ones, weekdays, and months
/// ("May" excepted: it is also a name).
pub fn is_not_name(lower: &str) -> bool {
    NOT_NAME_WORDS.contains(&lower)
        || crate::lexicon::WEEKDAYS.contains(&lower)
        || (lower != "may" && crate::lexicon::MONTHS.contains(&lower))
}

/// Head nouns of bodies that speak for themselves: "the White House said", "the European
/// Commission said in a statement", "the British government said".
pub const INSTITUTION_WORDS: &[&str] = &[
    "house",
    "department",
    "ministry",
    "office",
    "council",
    "agency",
    "organization",
    "organisation",
    "committee",
    "government",
    "administration",
    "bank",
    "court",
    "party",
    "company",
    "corporation",
    "corp",
    "inc",
    "ltd",
    "group",
    "association",
    "institute",
    "university",
    "commission",
    "force",
    "forces",
    "army",
    "navy",
    "police",
    "service",
    "kremlin",
    "pentagon",
    "parliament",
    "congress",
    "senate",
    "assembly",
    "cabinet",
    "board",
    "foundation",
    "federation",
    "club",
    "team",
    "church",
    "hospital",
    "school",
    "college",
    "embassy",
    "military",
    "bureau",
    "authority",
    "secretariat",
    "campaign",
    "alliance",
    "center",
    "centre",
];

/// Words that make a name a news outlet or its wire: it reports what others said, so a person
/// another outlet credits outranks it.
pub const MEDIA_WORDS: &[&str] = &[
    "news",
    "media",
    "press",
    "times",
    "post",
    "journal",
    "herald",
    "tribune",
    "guardian",
    "telegraph",
    "mail",
    "review",
    "reuters",
    "afp",
    "ap",
    "newspaper",
    "broadcaster",
    "television",
    "radio",
    "tv",
];

/// Lowercase nouns that name a body after an adjective or a name ("the British government",
/// "the Trump administration") or stand for one named before ("the agency added").
pub const INSTITUTION_NOUNS: &[&str] = &[
    "government",
    "administration",
    "ministry",
    "department",
    "agency",
    "office",
    "commission",
    "committee",
    "council",
    "court",
    "military",
    "embassy",
    "company",
    "party",
    "police",
    "bank",
    "parliament",
    "cabinet",
    "campaign",
    "union",
    "alliance",
];

/// Documents that "say" what their authors wrote: "the statement said", "the indictment says".
pub const DOCUMENT_NOUNS: &[&str] = &[
    "statement",
    "announcement",
    "indictment",
    "release",
    "report",
    "filing",
    "complaint",
    "letter",
    "message",
    "tweet",
    "post",
    "memo",
    "lawsuit",
    "ruling",
    "document",
    "communique",
    "declaration",
    "notice",
    "order",
];

/// Prepositions of place or time that may stand between a subject and its verb ("a government
/// spokeswoman in Washington said").
pub const LOCATIVES: &[&str] = &["in", "at", "from", "on"];

/// Words that open a definite description ("the agency", "a British government spokeswoman").
pub const DETERMINERS: &[&str] = &["the", "a", "an", "its", "his", "her", "their", "this", "that"];

/// Given names that nearly always name a man, in order (a first name that names men and women
/// alike, or is also a family name in the news — "Kim", "Lee", "Jordan" — is in neither list).
pub const MALE_GIVEN_NAMES: &[&str] = &[
    "aaron",
    "adam",
    "adrian",
    "alan",
    "albert",
    "alexander",
    "alfred",
    "andrew",
    "angelo",
    "anthony",
    "antonio",
    "arnold",
    "arthur",
    "barack",
    "barry",
    "benjamin",
    "bernard",
    "bill",
    "billy",
    "bob",
    "bobby",
    "boris",
    "brad",
    "bradley",
    "brandon",
    "brett",
    "brian",
    "bruce",
    "bryan",
    "carl",
    "carlos",
    "charles",
    "charlie",
    "christopher",
    "clarence",
    "colin",
    "craig",
    "dale",
    "daniel",
    "darren",
    "david",
    "dennis",
    "derek",
    "dmitry",
    "donald",
    "douglas",
    "duncan",
    "dwight",
    "earl",
    "edward",
    "emmanuel",
    "eric",
    "ernest",
    "eugene",
    "francis",
    "frank",
    "fred",
    "frederick",
    "gary",
    "george",
    "gerald",
    "giuseppe",
    "gordon",
    "graham",
    "greg",
    "gregory",
    "harold",
    "harry",
    "henry",
    "howard",
    "hugh",
    "ian",
    "igor",
    "ivan",
    "jack",
    "jacob",
    "james",
    "jason",
    "jeff",
    "jeffrey",
    "jeremy",
    "jerry",
    "jim",
    "jimmy",
    "joe",
    "joel",
    "john",
    "johnny",
    "jonathan",
    "jose",
    "joseph",
    "joshua",
    "juan",
    "justin",
    "keith",
    "kenneth",
    "kevin",
    "larry",
    "lawrence",
    "leonard",
    "louis",
    "luis",
    "luke",
    "marco",
    "marcus",
    "mark",
    "martin",
    "matthew",
    "michael",
    "mike",
    "mitch",
    "mohammed",
    "muhammad",
    "nathan",
    "neil",
    "nicholas",
    "nick",
    "oliver",
    "patrick",
    "paul",
    "peter",
    "philip",
    "ralph",
    "raymond",
    "richard",
    "rick",
    "robert",
    "roger",
    "ronald",
    "roy",
    "russell",
    "ryan",
    "samuel",
    "scott",
    "sean",
    "sergei",
    "sergey",
    "seth",
    "stephen",
    "steve",
    "steven",
    "stuart",
    "ted",
    "terry",
    "thomas",
    "timothy",
    "todd",
    "tom",
    "tony",
    "victor",
    "vincent",
    "vladimir",
    "walter",
    "wayne",
    "william",
    "willie",
    "xavier",
    "yuri",
];

/// Given names that nearly always name a woman, in order (see `MALE_GIVEN_NAMES`).
pub const FEMALE_GIVEN_NAMES: &[&str] = &[
    "abigail",
    "alice",
    "alicia",
    "amanda",
    "amy",
    "andrea",
    "angela",
    "angelina",
    "ann",
    "anna",
    "anne",
    "annie",
    "barbara",
    "betty",
    "beverly",
    "brenda",
    "carol",
    "caroline",
    "carolyn",
    "catherine",
    "cheryl",
    "christina",
    "christine",
    "cindy",
    "claire",
    "cynthia",
    "deborah",
    "debra",
    "denise",
    "diana",
    "diane",
    "donna",
    "doris",
    "dorothy",
    "elizabeth",
    "ellen",
    "emily",
    "emma",
    "esther",
    "evelyn",
    "frances",
    "gloria",
    "grace",
    "hannah",
    "heather",
    "helen",
    "hillary",
    "irene",
    "jacqueline",
    "jane",
    "janet",
    "janice",
    "jennifer",
    "jessica",
    "joan",
    "joanne",
    "josephine",
    "joyce",
    "judith",
    "judy",
    "julia",
    "julie",
    "karen",
    "katherine",
    "kathleen",
    "kathryn",
    "kathy",
    "katie",
    "kelly",
    "kimberly",
    "laura",
    "lauren",
    "linda",
    "lisa",
    "lori",
    "louise",
    "lucy",
    "margaret",
    "maria",
    "marie",
    "marilyn",
    "martha",
    "mary",
    "megan",
    "melania",
    "melissa",
    "michelle",
    "nancy",
    "natalie",
    "nicole",
    "olivia",
    "pamela",
    "patricia",
    "paula",
    "rachel",
    "rebecca",
    "rita",
    "rose",
    "ruth",
    "sally",
    "samantha",
    "sandra",
    "sarah",
    "sharon",
    "shirley",
    "sophia",
    "sophie",
    "stephanie",
    "susan",
    "tammy",
    "teresa",
    "theresa",
    "tiffany",
    "valerie",
    "victoria",
    "virginia",
    "wendy",
];

/// The gender a person's given name states, when it is one of the common unambiguous ones.
pub fn given_name_gender(full_name: &str) -> Option<Gender> {
    let given = full_name.split_whitespace().next()?.to_lowercase();
    if MALE_GIVEN_NAMES.binary_search(&given.as_str()).is_ok() {
        Some(Gender::Male)
    } else if FEMALE_GIVEN_NAMES.binary_search(&given.as_str()).is_ok() {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Verbs that give something a name in someone's words ("Trump called the report “fake”"): the
/// quotation after one is its subject's.
pub const NAMING_VERBS: &[&str] = &[
    "called", "calls", "labeled", "labelled", "labels", "dubbed", "dubs", "termed", "terms",
];

/// Words that hand a relayed statement to its author ("…,” the agency said, quoting Mr. Kim).
pub const RELAY_WORDS: &[&str] = &["quoting", "citing"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_words_are_the_place_institution_and_media_lists() {
        let titles: Vec<&str> = PERSON_TITLES.iter().map(|(t, _)| *t).collect();
        let lists = [PLACE_WORDS, INSTITUTION_WORDS, MEDIA_WORDS, titles.as_slice()];
        for w in lists.iter().flat_map(|l| l.iter()) {
            for form in [w.to_string(), format!("{w}s"), w.to_uppercase()] {
                let plain = [PLACE_WORDS, INSTITUTION_WORDS, MEDIA_WORDS]
                    .iter()
                    .any(|l| l.contains(&form.as_str()));
                assert_eq!(is_organisation_word(&form), plain, "{form}");
            }
        }
        assert!(
            is_organisation_word("agency")
                && is_organisation_word("union")
                && !is_organisation_word("sherman")
        );
    }

    #[test]
    fn given_names_are_in_order_and_name_one_gender() {
        for list in [MALE_GIVEN_NAMES, FEMALE_GIVEN_NAMES] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
        assert!(!MALE_GIVEN_NAMES.iter().any(|m| FEMALE_GIVEN_NAMES.contains(m)));
        assert_eq!(given_name_gender("Mark Roesler"), Some(Gender::Male));
        assert_eq!(given_name_gender("Wendy Sherman"), Some(Gender::Female));
        assert_eq!(given_name_gender("Kim Jong Un"), None);
        assert_eq!(given_name_gender("Sherman"), None);
    }
}
