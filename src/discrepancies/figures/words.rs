//! Figures written without a figure, part of reading figures for comparison: vague amounts
//! ("several missiles", "tens of thousands of dollars"), lengths without a number ("hours
//! before", "for years", "monthslong"), dates relative to the day of writing ("last month",
//! "earlier this year") and times of day ("5 p.m.", "12:01 a.m.", "midnight").
//!
//! The one decision to know: a vague word is a range of values ("several": 2 to 10), so it can
//! agree with a figure or say it in other words, but is never precise enough to contradict one.

use super::{
    Amount, CURRENCY_WORDS, Figure, Grain, Measure, Role, SECONDS, VAGUE_TIME_AFTER, definite, money_of,
};
use crate::lexicon;
use crate::model::Span;
use crate::numbers::read::Tok;
use crate::numbers::{self, Qualifier};
use crate::variants::KeySet;
use rust_stemmers::Stemmer;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Vague amounts before a counted noun, with the range each allows.
const VAGUE_COUNTS: &[(&[&str], f64, f64)] = &[
    (&["tens", "of", "thousands", "of"], 2e4, 1e5),
    (&["hundreds", "of", "thousands", "of"], 2e5, 1e6),
    (&["a", "few"], 2.0, 6.0),
    (&["several"], 2.0, 10.0),
    (&["dozens", "of"], 24.0, 150.0),
    (&["scores", "of"], 40.0, 200.0),
    (&["hundreds", "of"], 200.0, 1e3),
    (&["thousands", "of"], 2e3, 1e4),
    (&["millions", "of"], 2e6, 1e7),
];

/// Words before a bare plural unit of time that make it a length ("for years").
const VAGUE_TIME_BEFORE: &[&str] = &["for", "within"];

fn lower_at<'a>(toks: &[Tok<'a>], k: usize) -> Cow<'a, str> {
    toks.get(k).map_or(Cow::Borrowed(""), Tok::lower)
}

/// `words` written at token `i`, each only spaces apart.
fn phrase_at(toks: &[Tok], i: usize, words: &[&str]) -> bool {
    words
        .iter()
        .enumerate()
        .all(|(n, w)| toks.get(i + n).is_some_and(|t| t.is(w) && (n == 0 || t.spaced)))
}

/// A vague or relative figure, a time of day or a "-long" length starting at token `i`, and
/// the token after it.
pub fn extra_at(text: &str, toks: &[Tok], i: usize, stemmer: &Stemmer) -> Option<(Figure, usize)> {
    let t = &toks[i];
    // What each reader below starts with: digits or a word of `EXTRA_STARTS` (times of day,
    // relative dates, vague counts), or a word ending in "s" or "long" (vague lengths).
    let ends = |suffix: &str| {
        t.text.len() >= suffix.len()
            && t.text.is_char_boundary(t.text.len() - suffix.len())
            && t.text[t.text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    if t.text.is_ascii() && !t.is_digits() && !ends("s") && !ends("long") && !t.may_be_one_of(&EXTRA_STARTS) {
        return None;
    }
    time_of_day(text, toks, i)
        .or_else(|| relative_date(toks, i))
        .or_else(|| vague_count(text, toks, i, stemmer))
        .or_else(|| vague_length(toks, i, stemmer))
}

/// The words a time of day, a relative date or a vague count starts with (`time_of_day`,
/// `relative_date`, `vague_count`).
static EXTRA_STARTS: LazyLock<KeySet<&'static str>> = LazyLock::new(|| {
    [
        "midnight",
        "noon",
        "yesterday",
        "tomorrow",
        "previously",
        "recently",
        "soon",
        "shortly",
        "earlier",
        "later",
        "last",
        "past",
        "this",
        "next",
    ]
    .into_iter()
    .chain(VAGUE_COUNTS.iter().map(|(words, _, _)| words[0]))
    .collect()
});

fn figure(span: Span, measure: Measure, amount: Amount, unit: &str) -> Figure {
    Figure {
        span,
        measure,
        amount,
        role: Role::Point,
        unit: Some(unit.to_string()),
    }
}

/// "5 p.m.", "12:01 a.m.", "midnight", "noon".
fn time_of_day(text: &str, toks: &[Tok], i: usize) -> Option<(Figure, usize)> {
    let t = &toks[i];
    let minutes = |m: f64, end: usize| {
        let amount = Amount::Definite {
            value: m,
            lo: m - 0.5,
            hi: m + 0.5,
            qualifier: Qualifier::Exact,
        };
        let span = Span::new(t.start, end);
        Some((figure(span, Measure::Date(Grain::Time), amount, "time"), i + 1))
    };
    match t.lower().as_ref() {
        "midnight" => {
            return minutes(0.0, t.end).map(|(mut f, n)| {
                // Midnight ends one day and starts the next.
                f.amount = Amount::Definite {
                    value: 0.0,
                    lo: -1.0,
                    hi: 1.0,
                    qualifier: Qualifier::About,
                };
                (f, n)
            });
        }
        "noon" => return minutes(720.0, t.end),
        _ => {}
    }
    if !t.is_digits() || t.text.contains([',', '.']) {
        return None;
    }
    let hour: f64 = t.text.parse().ok()?;
    let (mut minute, mut k) = (0.0, i + 1);
    if toks.get(k).is_some_and(|c| c.adjacent && c.text == ":")
        && let Some(m) = toks.get(k + 1).filter(|m| m.adjacent && m.text.len() == 2)
    {
        minute = m.text.parse().ok()?;
        k += 2;
    }
    let marker = toks.get(k).filter(|m| m.spaced || m.adjacent)?;
    let pm = match marker.lower().trim_end_matches('.') {
        "p.m" | "pm" => true,
        "a.m" | "am" => false,
        _ => return None,
    };
    if !(1.0..=12.0).contains(&hour) {
        return None;
    }
    let mut end = marker.end;
    if text.get(end..).is_some_and(|r| r.starts_with('.')) && marker.text.contains('.') {
        end += 1;
    }
    let h = hour % 12.0 + if pm { 12.0 } else { 0.0 };
    let (f, _) = minutes(h * 60.0 + minute, end)?;
    Some((f, k + 1))
}

/// "last month", "earlier this year", "next week", "yesterday".
fn relative_date(toks: &[Tok], i: usize) -> Option<(Figure, usize)> {
    let l = lower_at(toks, i);
    let single = match l.as_ref() {
        "yesterday" => Some((Grain::MonthDay, -1, "day")),
        "tomorrow" => Some((Grain::MonthDay, 1, "day")),
        "previously" | "recently" => Some((Grain::Unstated, -1, "when")),
        // "soon after" counts from something else, not from the day of writing.
        "soon" | "shortly"
            if !matches!(lower_at(toks, i + 1).as_ref(), "after" | "before" | "thereafter") =>
        {
            Some((Grain::Unstated, 1, "when"))
        }
        _ => None,
    };
    if let Some((grain, offset, unit)) = single {
        let amount = Amount::Relative { grain, offset };
        let span = Span::new(toks[i].start, toks[i].end);
        return Some((figure(span, Measure::Date(grain), amount, unit), i + 1));
    }
    let lead = usize::from(matches!(l.as_ref(), "earlier" | "later"));
    let offset = match lower_at(toks, i + lead).as_ref() {
        "last" | "past" => -1,
        "this" => 0,
        "next" => 1,
        _ => return None,
    };
    let unit = toks.get(i + lead + 1).filter(|t| t.spaced)?;
    let grain = match unit.lower().as_ref() {
        "year" => Grain::Year,
        "month" => Grain::MonthDay,
        "week" => Grain::Week,
        _ => return None,
    };
    if lead == 1 && !toks[i + 1].spaced {
        return None;
    }
    let span = Span::new(toks[i].start, unit.end);
    let name = unit.lower();
    let amount = Amount::Relative { grain, offset };
    Some((figure(span, Measure::Date(grain), amount, &name), i + lead + 2))
}

/// "several intercontinental ballistic missiles", "dozens of people".
fn vague_count(text: &str, toks: &[Tok], i: usize, stemmer: &Stemmer) -> Option<(Figure, usize)> {
    let &(words, lo, hi) = VAGUE_COUNTS.iter().find(|(w, _, _)| phrase_at(toks, i, w))?;
    let last = i + words.len() - 1;
    let (noun, noun_at) = numbers::unit_after(toks, last, true, stemmer);
    let (noun, noun_at) = (noun?, noun_at?);
    let measure = if let Some(&(_, code)) = CURRENCY_WORDS.iter().find(|(w, _)| *w == noun) {
        let after = text.get(toks[noun_at].end..).unwrap_or("");
        Measure::Money {
            currency: code,
            of: money_of(after),
        }
    } else if SECONDS.iter().any(|(s, _)| *s == noun) {
        return None;
    } else {
        let head = super::head_after(text, toks[noun_at].start, toks[noun_at].end);
        Measure::Count {
            noun: noun.clone(),
            head,
        }
    };
    let span = Span::new(toks[i].start, toks[noun_at].end);
    Some((
        figure(span, measure, Amount::Vague { lo, hi }, &noun),
        noun_at + 1,
    ))
}

/// Lengths without a number: "hours before", "for years", "monthslong", "decades-long", and
/// "monthlong" (one month).
fn vague_length(toks: &[Tok], i: usize, stemmer: &Stemmer) -> Option<(Figure, usize)> {
    let t = &toks[i];
    let l = t.lower();
    // A stem only ever changes a word's last letters: a word can stem to a unit only when it
    // starts with all of the unit's stem but its last letter (most words are not stemmed).
    let seconds = |word: &str| {
        if !SECONDS.iter().any(|(s, _)| word.starts_with(&s[..s.len() - 1])) {
            return None;
        }
        let stem = stemmer.stem(word);
        SECONDS.iter().find(|(s, _)| *s == stem).map(|&(_, s)| s)
    };
    let vague = |per: f64| Amount::Vague {
        lo: 2.0 * per,
        hi: 24.0 * per,
    };
    // One word: "monthslong", "monthlong".
    if let Some(unit) = l.strip_suffix("long").filter(|u| !u.is_empty()) {
        let plural = unit.ends_with('s');
        let per = seconds(unit)?;
        let amount = if plural {
            vague(per)
        } else {
            definite(per, per / 2.0, Qualifier::Exact)
        };
        let span = Span::new(t.start, t.end);
        return Some((figure(span, Measure::Duration, amount, unit), i + 1));
    }
    if !l.ends_with('s') {
        return None;
    }
    let per = seconds(&l)?;
    // Not counted: "seven hours" is an exact figure of `numbers`.
    let counted = i.checked_sub(1).is_some_and(|p| {
        let w = toks[p].lower();
        toks[p].is_digits()
            || lexicon::number_word(&w).is_some()
            || matches!(w.as_ref(), "few" | "several" | "many" | "of")
    });
    if counted {
        return None;
    }
    // "decades-long", "months-long".
    if toks.get(i + 1).is_some_and(|d| d.adjacent && d.text == "-")
        && toks.get(i + 2).is_some_and(|w| w.adjacent && w.is("long"))
    {
        let span = Span::new(t.start, toks[i + 2].end);
        return Some((figure(span, Measure::Duration, vague(per), &l), i + 3));
    }
    let after = toks.get(i + 1).filter(|n| n.spaced).map(Tok::lower);
    let before = i.checked_sub(1).map(|p| (p, toks[p].lower()));
    if after.as_deref().is_some_and(|w| VAGUE_TIME_AFTER.contains(&w)) {
        // "just hours before": the hedge belongs to the figure.
        let start = match before {
            Some((p, w)) if w == "just" && t.spaced => toks[p].start,
            _ => t.start,
        };
        return Some((
            figure(Span::new(start, t.end), Measure::Duration, vague(per), &l),
            i + 1,
        ));
    }
    if let Some((p, w)) = before
        && t.spaced
        && VAGUE_TIME_BEFORE.contains(&w.as_ref())
    {
        return Some((
            figure(Span::new(toks[p].start, t.end), Measure::Duration, vague(per), &l),
            i + 1,
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::figures;
    use super::*;

    /// Each figure of `text` as written, with its amount.
    fn read(text: &str) -> Vec<(&str, Amount)> {
        figures(text)
            .into_iter()
            .map(|f| (&text[f.span.range()], f.amount))
            .collect()
    }

    #[test]
    fn relative_dates_keep_their_grain_and_direction() {
        let rel = |grain, offset| Amount::Relative { grain, offset };
        assert_eq!(
            read(
                "met last month; repaid earlier this year; due next week; said yesterday; had previously said; to meet soon"
            ),
            vec![
                ("last month", rel(Grain::MonthDay, -1)),
                ("earlier this year", rel(Grain::Year, 0)),
                ("next week", rel(Grain::Week, 1)),
                ("yesterday", rel(Grain::MonthDay, -1)),
                ("previously", rel(Grain::Unstated, -1)),
                ("soon", rel(Grain::Unstated, 1)),
            ]
        );
        assert!(read("soon after the vote").is_empty());
        // "last" before anything but a unit of time dates nothing.
        assert!(read("Since Kim last tested an ICBM").is_empty());
    }

    #[test]
    fn vague_amounts_are_ranges_of_a_counted_noun() {
        let found = figures(
            "tested several intercontinental ballistic missiles and spent tens of thousands of dollars",
        );
        let got: Vec<(Measure, Amount)> = found.into_iter().map(|f| (f.measure, f.amount)).collect();
        assert_eq!(
            got,
            vec![
                (
                    Measure::Count {
                        noun: "ballist".into(),
                        head: Some("missil".into())
                    },
                    Amount::Vague { lo: 2.0, hi: 10.0 }
                ),
                (
                    Measure::Money {
                        currency: "USD",
                        of: None
                    },
                    Amount::Vague { lo: 2e4, hi: 1e5 }
                ),
            ]
        );
    }

    #[test]
    fn lengths_without_a_number() {
        let hour = 3_600.0;
        let month = 2_629_800.0;
        assert_eq!(
            read("came just hours before; a monthslong inquiry; the monthlong reprieve; for years"),
            vec![
                (
                    "just hours",
                    Amount::Vague {
                        lo: 2.0 * hour,
                        hi: 24.0 * hour
                    }
                ),
                (
                    "monthslong",
                    Amount::Vague {
                        lo: 2.0 * month,
                        hi: 24.0 * month
                    }
                ),
                (
                    "monthlong",
                    Amount::Definite {
                        value: month,
                        lo: month / 2.0,
                        hi: 1.5 * month,
                        qualifier: Qualifier::Exact
                    }
                ),
                (
                    "for years",
                    Amount::Vague {
                        lo: 2.0 * 31_557_600.0,
                        hi: 24.0 * 31_557_600.0
                    }
                ),
            ]
        );
        // Counted hours are an exact figure, read once.
        assert_eq!(read("seven hours of talks").len(), 1);
    }

    #[test]
    fn times_of_day() {
        let minutes = |text: &str| match figures(text)[0].amount {
            Amount::Definite { value, .. } => (text[figures(text)[0].span.range()].to_string(), value),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            minutes("effective at 5 p.m. Friday"),
            ("5 p.m.".to_string(), 1_020.0)
        );
        assert_eq!(
            minutes("expire at 12:01 a.m. on Tuesday"),
            ("12:01 a.m.".to_string(), 1.0)
        );
        assert_eq!(
            minutes("before the midnight deadline"),
            ("midnight".to_string(), 0.0)
        );
        assert!(
            figures("5 pages")
                .iter()
                .all(|f| f.measure != Measure::Date(Grain::Time))
        );
    }
}
