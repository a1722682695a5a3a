//! The words around a figure, part of reading figures for comparison: what they say about it
//! beyond its value. A date's role in a period ("until June 1", "between 2009 and 2016"), a
//! length counted from something else ("hours before"), what money is of ("in campaign funds"),
//! the head a count counts ("three bank workers"), the part of a day ("Friday evening").
//!
//! The one decision to know: these are read from the plain words next to the figure only
//! (one or two words, or the phrase after "of"/"in"), never from a parse of the sentence, so
//! they stay cheap and predictable and leave a figure's reading alone when unsure.

use super::{Figure, Measure, Role, VAGUE_TIME_AFTER};
use crate::lexicon;
use crate::numbers::read::tokens;
use rust_stemmers::{Algorithm, Stemmer};

/// Words before a date that make it the end or the start of a period.
pub const END_WORDS: &[&str] = &["until", "till", "through", "thru"];
pub const START_WORDS: &[&str] = &["from", "since"];

/// " before", " after", " ago" right after a length.
pub fn offset_follows(after: &str) -> bool {
    let word: String = after
        .trim_start_matches([' ', '-'])
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    VAGUE_TIME_AFTER.contains(&word.to_lowercase().as_str())
}

/// Dates that open and close one period: "between 2009 and 2016", "from 2009 to 2016",
/// "beginning in 2009 and continuing through 2016".
pub fn periods(text: &str, figures: &mut [Figure]) {
    for k in 0..figures.len() {
        let Measure::Date(_) = figures[k].measure else {
            continue;
        };
        let before = text.get(..figures[k].span.start).unwrap_or("");
        let words: Vec<String> = before
            .split_whitespace()
            .rev()
            .take(2)
            .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
            .collect();
        let opens = match words.as_slice() {
            [w, ..] if w == "between" => true,
            [w, v, ..]
                if matches!(w.as_str(), "in" | "on") && matches!(v.as_str(), "beginning" | "starting") =>
            {
                true
            }
            [w, ..] if matches!(w.as_str(), "beginning" | "starting") => true,
            _ => false,
        };
        if opens {
            figures[k].role = Role::Start;
        }
        let (Some(next), Role::Start) = (figures.get(k + 1), figures[k].role) else {
            continue;
        };
        let between = text
            .get(figures[k].span.end..next.span.start)
            .unwrap_or("")
            .trim()
            .to_lowercase();
        if matches!(next.measure, Measure::Date(_))
            && (["and", "to", "-", "–"].contains(&between.as_str()) || between.ends_with("through"))
        {
            figures[k + 1].role = Role::End;
        }
    }
}

/// What an amount of money is of, from the words after it: "… in campaign funds to pay",
/// "… ($7.7 billion) of the metals it exports": the last of the lowercase words after "of" or
/// "in", over articles and names.
pub fn money_of(after: &str) -> Option<String> {
    // Inside a conversion, "($7.7 billion) of the metals", the words after the bracket.
    let mut rest = after.strip_prefix(')').unwrap_or(after).trim_start();
    if let Some(inner) = rest.strip_prefix('(') {
        rest = inner.split_once(')').map_or("", |(_, r)| r).trim_start();
    }
    let toks = tokens(rest);
    let first = toks.first()?.lower();
    let mut k = match first.as_ref() {
        "of" | "in" => 1,
        "worth" if toks.get(1).is_some_and(|t| t.lower() == "of") => 2,
        _ => return None,
    };
    while toks.get(k).is_some_and(|t| {
        let l = t.lower();
        t.spaced
            && (matches!(l.as_ref(), "the" | "a" | "an")
                || t.text.starts_with(char::is_uppercase)
                || t.text == ".")
    }) || toks.get(k).is_some_and(|t| t.adjacent && t.text == ".")
    {
        k += 1;
    }
    let mut noun = None;
    while let Some(t) = toks
        .get(k)
        .filter(|t| t.spaced && t.text.starts_with(char::is_lowercase))
    {
        let l = t.lower();
        if lexicon::is_stop_word(&l) || lexicon::is_speech_verb(&l) || !t.is_word() {
            break;
        }
        noun = Some(l);
        k += 1;
    }
    noun.map(|n| Stemmer::create(Algorithm::English).stem(&n).into_owned())
}

pub fn currency_of(written: &str) -> &'static str {
    match written.chars().find(|c| matches!(c, '$' | '€' | '£' | '¥')) {
        Some('€') => "EUR",
        Some('£') => "GBP",
        Some('¥') => "JPY",
        _ => "USD",
    }
}

/// The last word of `text` (lowercase) and where it starts, when only spaces follow it.
pub fn last_word_at(text: &str) -> Option<(String, usize)> {
    let trimmed = text.trim_end();
    if trimmed.len() == text.len() && !text.is_empty() {
        return None;
    }
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    Some((trimmed[start..].to_lowercase(), start))
}

/// Where the last word of a figure as written starts, as an offset into it.
pub fn last_word_start(written: &str) -> usize {
    written
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(written.len(), |(i, _)| i)
}

pub fn last_word(text: &str) -> Option<String> {
    last_word_at(text).map(|(w, _)| w)
}

/// " evening" after a weekday ("Friday evening"): the length to take into the figure.
pub fn part_of_day_after(after: &str) -> usize {
    ["morning", "afternoon", "evening", "night"]
        .iter()
        .find_map(|p| {
            let rest = after.strip_prefix(' ')?;
            let word = rest.get(..p.len())?;
            let ends = rest[p.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            (word.eq_ignore_ascii_case(p) && ends).then_some(1 + p.len())
        })
        .unwrap_or(0)
}

/// The head of a compound noun after a counted noun, which is then what is counted ("three
/// bank workers": workers, not banks; "20 missile tests"): a lowercase content word after one
/// space. Only after a singular noun written apart ("troops massed" is a verb after its
/// subject), not after a unit ("48-page indictment", "25 percent tariff" count pages and
/// percent), and never a word shaped like a verb form ("people tuning", "workers killed").
pub fn head_after(text: &str, noun_start: usize, end: usize) -> Option<String> {
    let noun = text.get(noun_start..end)?.to_lowercase();
    let hyphenated = text.get(..noun_start).is_some_and(|b| b.ends_with('-'));
    if hyphenated || noun.ends_with('s') || matches!(noun.as_str(), "percent" | "per") {
        return None;
    }
    let rest = text.get(end..)?.strip_prefix(' ')?;
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    let lower = word.to_lowercase();
    let ok = !word.is_empty()
        && word.chars().next().is_some_and(char::is_lowercase)
        && !lower.ends_with("ed")
        && !lower.ends_with("ing")
        && !lexicon::is_stop_word(&lower)
        && !lexicon::is_speech_verb(&lower);
    ok.then(|| Stemmer::create(Algorithm::English).stem(&lower).into_owned())
}
