//! Number normalisation for comparing facts across sources: text → the numbers, quantities,
//! durations and dates it states, each with its value, its qualifier ("more than", "nearly",
//! "up to") and the noun it counts, as byte spans into the text.
//!
//! Reads "100,000", "100 000", "1.2 million", "a hundred thousand", "seven-hour", "7 hours",
//! "December 21-24", "2014", "Monday". The one decision to know: the unit is the noun the number
//! counts ("175,000 troops", "seven-hour meeting" → hour), found in the words right after it
//! over capitalised adjectives ("100,000 Russian troops"); two values are only comparable when
//! their units are the same, and a number written in words is kept only when it counts a noun
//! ("no one should" is not a number).

pub mod read;

use crate::lexicon;
use crate::lexicon::{MONTHS, WEEKDAYS};
use crate::model::Span;
use crate::variants::KeySet;
use read::{SCALES, Tok, digit_number, plain_number, range_end, tokens, word_number};
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::LazyLock;

/// What a value measures, as named in `Discrepancy::what`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A bare figure ("100,000", "5%").
    Number,
    /// A count of something ("175,000 troops").
    Quantity,
    /// A length of time ("seven-hour", "nearly eight hours").
    Duration,
    /// A year, a day of a month, a month or a weekday.
    Date,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Quantity => "quantity",
            Kind::Duration => "duration",
            Kind::Date => "date",
        }
    }
}

/// How the text hedges a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Qualifier {
    Exact,
    /// about, around, roughly, approximately, some, an estimated
    About,
    /// nearly, almost, close to, just under
    Nearly,
    /// more than, over, at least, upwards of
    MoreThan,
    /// less than, fewer than, under
    LessThan,
    /// up to, as many as, as much as, at most
    UpTo,
}

const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["more", "than"], Qualifier::MoreThan),
    (&["at", "least"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["just", "over"], Qualifier::MoreThan),
    (&["over"], Qualifier::MoreThan),
    (&["as", "many", "as"], Qualifier::UpTo),
    (&["as", "much", "as"], Qualifier::UpTo),
    (&["up", "to"], Qualifier::UpTo),
    (&["at", "most"], Qualifier::UpTo),
    (&["less", "than"], Qualifier::LessThan),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["under"], Qualifier::LessThan),
    (&["just", "under"], Qualifier::Nearly),
    (&["close", "to"], Qualifier::Nearly),
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["an", "estimated"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["about"], Qualifier::About),
    (&["some"], Qualifier::About),
];

/// Units of time, by stem, with their length in seconds.
pub(crate) const TIME_UNITS: &[(&str, f64)] = &[
    ("second", 1.0),
    ("minut", 60.0),
    ("hour", 3_600.0),
    ("day", 86_400.0),
    ("week", 604_800.0),
    ("month", 2_629_800.0),
    ("year", 31_557_600.0),
    ("decad", 315_576_000.0),
];

/// Month abbreviations, January first, read as months only when a dot follows ("Aug. 6").
const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sept", "oct", "nov", "dec",
];

/// Signs written right before an amount of money.
pub const CURRENCY_SIGNS: &[&str] = &["$", "€", "£", "¥"];

/// Words between a number and its noun that say nothing about what is counted.
const SKIPPED_BEFORE_UNIT: &[&str] = &["more", "other", "additional", "extra", "new", "further"];

/// One value stated in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// Qualifier, number and unit as written ("more than seven-hour", "175,000 troops").
    pub span: Span,
    pub value: f64,
    /// The end of a range ("21-24").
    pub upper: Option<f64>,
    pub qualifier: Qualifier,
    /// The counted noun's stem ("troop", "hour"), or for dates "year", "day", "month", "weekday".
    pub unit: Option<String>,
    pub kind: Kind,
}

impl Value {
    /// The same value in the same unit (ranges must match at both ends); qualifiers aside.
    pub fn same_as(&self, other: &Value) -> bool {
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
        self.kind == other.kind
            && self.unit == other.unit
            && close(self.value, other.value)
            && match (self.upper, other.upper) {
                (Some(a), Some(b)) => close(a, b),
                (None, None) => true,
                _ => false,
            }
    }

    /// A duration's length in seconds, for readers that compare across units.
    pub fn seconds(&self) -> Option<f64> {
        let unit = self.unit.as_deref()?;
        let per = TIME_UNITS.iter().find(|(u, _)| *u == unit)?.1;
        (self.kind == Kind::Duration).then_some(self.value * per)
    }
}

/// Every value stated in `text`, in order; spans are byte offsets into `text`.
pub fn values(text: &str) -> Vec<Value> {
    values_in(&tokens(text))
}

/// Every value stated in a text already cut into `toks` (`read::tokens`), in order.
pub fn values_in(toks: &[Tok]) -> Vec<Value> {
    let stemmer = Stemmer::create(Algorithm::English);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !toks[i].is_digits() && !toks[i].may_be_one_of(&VALUE_STARTS) {
            i += 1;
            continue;
        }
        match value_at(toks, i, &stemmer) {
            Some((value, next)) => {
                out.push(value);
                i = next;
            }
            None => i += 1,
        }
    }
    out
}

/// The words other than digits a value can start with (`value_at`): weekdays, months, scales,
/// numbers in words, and "a" or "an" before a scale.
static VALUE_STARTS: LazyLock<KeySet<&'static str>> = LazyLock::new(|| {
    WEEKDAYS
        .iter()
        .chain(MONTHS)
        .chain(MONTH_ABBREVIATIONS)
        .copied()
        .chain(SCALES.iter().map(|&(s, _)| s))
        .chain(lexicon::NUMBER_WORDS.iter().map(|&(w, _)| w))
        .chain(["a", "an", "dozen"])
        .collect()
});

/// The value starting at token `i` (qualifier excluded), and the token after it.
fn value_at(toks: &[Tok], i: usize, stemmer: &Stemmer) -> Option<(Value, usize)> {
    let lower = toks[i].lower();
    // Dates written with words: weekdays, "December 21", "December".
    if let Some(w) = WEEKDAYS.iter().position(|d| *d == lower) {
        return toks[i].text.starts_with(char::is_uppercase).then(|| {
            (
                date(toks[i].start, toks[i].end, (w + 1) as f64, None, "weekday"),
                i + 1,
            )
        });
    }
    // "Aug. 6": an abbreviated month counts only with its dot.
    let abbreviated = MONTH_ABBREVIATIONS
        .iter()
        .position(|d| *d == lower)
        .filter(|_| toks.get(i + 1).is_some_and(|t| t.adjacent && t.text == "."));
    if let Some(m) = MONTHS.iter().position(|d| *d == lower).or(abbreviated) {
        if !toks[i].text.starts_with(char::is_uppercase) {
            return None;
        }
        let i = if abbreviated.is_some() { i + 1 } else { i };
        if let Some(day) = toks
            .get(i + 1)
            .filter(|t| (t.spaced || abbreviated.is_some()) && t.is_digits())
            .and_then(|t| plain_number(t.text))
            && (1.0..=31.0).contains(&day)
        {
            let (upper, end) = range_end(toks, i + 1);
            let month_day = (m + 1) as f64 * 100.0;
            let first = if abbreviated.is_some() { i - 1 } else { i };
            let value = date(
                toks[first].start,
                toks[end].end,
                month_day + day,
                upper.map(|u| month_day + u),
                "day",
            );
            return Some((value, end + 1));
        }
        // "may" alone is a verb too often to count.
        let first = if abbreviated.is_some() { i - 1 } else { i };
        return (lower != "may").then(|| {
            (
                date(toks[first].start, toks[i].end, (m + 1) as f64, None, "month"),
                i + 1,
            )
        });
    }
    let (mut value, mut end, digits) = if toks[i].is_digits() {
        let (v, e) = digit_number(toks, i)?;
        (v, e, true)
    } else {
        let (v, e) = word_number(toks, i)?;
        (v, e, false)
    };
    // A scale word after digits: "1.2 million".
    if digits
        && let Some(&(_, scale)) = toks.get(end + 1).filter(|t| t.spaced).and_then(|t| {
            let l = t.lower();
            SCALES.iter().find(|(s, _)| *s == l)
        })
    {
        value *= scale;
        end += 1;
    }
    let (upper, end) = if digits { range_end(toks, end) } else { (None, end) };
    // "10 January".
    if digits
        && upper.is_none()
        && (1.0..=31.0).contains(&value)
        && let Some(m) = toks
            .get(end + 1)
            .filter(|t| t.spaced)
            .and_then(|t| MONTHS.iter().position(|d| *d == t.lower()))
    {
        let v = (m + 1) as f64 * 100.0 + value;
        return Some((date(toks[i].start, toks[end + 1].end, v, None, "day"), end + 2));
    }
    // A year is not followed by the noun it counts; "2014 Russia seized" has no unit.
    let year_like = digits
        && upper.is_none()
        && toks[i].text.len() == 4
        && toks[i].text.chars().all(|c| c.is_ascii_digit())
        && (1800.0..=2100.0).contains(&value);
    // "more than $250,000": the currency sign belongs to the value, the qualifier before it,
    // and an amount of money counts no noun ("$60,000 earlier this year").
    let sign = i
        .checked_sub(1)
        .filter(|&k| toks[i].adjacent && CURRENCY_SIGNS.contains(&toks[k].text));
    let (unit, unit_end) = match sign {
        Some(_) => (None, None),
        None => unit_after(toks, end, !year_like, stemmer),
    };
    let (start, qualifier) = match sign {
        Some(k) => {
            let (start, q) = qualifier_before(toks, k);
            (start.min(toks[k].start), q)
        }
        None => qualifier_before(toks, i),
    };
    let (kind, unit) = match unit {
        None if year_like => (Kind::Date, Some("year".to_string())),
        // "the 2014 annexation" is a year; "2000 troops" (plural) a count.
        Some(_) if year_like && !toks[unit_end.unwrap_or(end)].text.ends_with('s') => {
            return Some((date(toks[i].start, toks[i].end, value, None, "year"), i + 1));
        }
        Some(u) if TIME_UNITS.iter().any(|(t, _)| *t == u) => (Kind::Duration, Some(u)),
        Some(u) => (Kind::Quantity, Some(u)),
        None if digits => (Kind::Number, None),
        // A number in words that counts nothing is rarely a figure ("no one", "the two").
        None => return None,
    };
    let last = unit_end.unwrap_or(end);
    Some((
        Value {
            span: Span::new(start, toks[last].end),
            value,
            upper,
            qualifier,
            unit,
            kind,
        },
        last + 1,
    ))
}

fn date(start: usize, end: usize, value: f64, upper: Option<f64>, unit: &str) -> Value {
    Value {
        span: Span::new(start, end),
        value,
        upper,
        qualifier: Qualifier::Exact,
        unit: Some(unit.to_string()),
        kind: Kind::Date,
    }
}

/// The counted noun after the number ending at token `end`: the second half of a hyphenated
/// compound ("seven-hour"), else the first lowercase word within three words, over capitalised
/// adjectives and words like "more" ("100,000 Russian troops", "two more rounds").
pub(crate) fn unit_after(
    toks: &[Tok],
    end: usize,
    skip_names: bool,
    stemmer: &Stemmer,
) -> (Option<String>, Option<usize>) {
    let stem = |w: &str| stemmer.stem(&w.to_lowercase()).into_owned();
    if let (Some(dash), Some(word)) = (toks.get(end + 1), toks.get(end + 2))
        && dash.adjacent
        && dash.text == "-"
        && word.adjacent
        && word.is_word()
        && !word.is_digits()
    {
        return (Some(stem(word.text)), Some(end + 2));
    }
    if toks.get(end + 1).is_some_and(|t| t.adjacent && t.text == "%") {
        return (Some("percent".into()), Some(end + 1));
    }
    for k in end + 1..(end + 4).min(toks.len()) {
        let t = &toks[k];
        if !t.spaced || !t.is_word() || t.is_digits() {
            break;
        }
        let l = t.lower();
        let capital = t.text.starts_with(char::is_uppercase);
        if capital && !skip_names {
            break;
        }
        if capital || SKIPPED_BEFORE_UNIT.contains(&l.as_ref()) || adjective_before_noun(toks, k) {
            continue;
        }
        if lexicon::is_stop_word(&l) || lexicon::number_word(&l).is_some() {
            break;
        }
        let unit = if l == "per" || l == "percent" {
            "percent".into()
        } else {
            stem(&l)
        };
        return (Some(unit), Some(k));
    }
    (None, None)
}

/// A word shaped like an adjective or participle ("longstanding", "additional", "armed") with
/// a lowercase content word right after it, which is then the counted noun.
fn adjective_before_noun(toks: &[Tok], k: usize) -> bool {
    let l = toks[k].lower();
    let shaped = ["ing", "ed", "al", "ive", "ous", "ful", "ian"]
        .iter()
        .any(|suffix| l.len() > suffix.len() + 3 && l.ends_with(suffix));
    shaped
        && toks.get(k + 1).is_some_and(|n| {
            n.spaced
                && n.is_word()
                && !n.is_digits()
                && !n.text.starts_with(char::is_uppercase)
                && !lexicon::is_stop_word(&n.lower())
        })
}

/// The qualifier right before token `i`, and where the value's span starts.
fn qualifier_before(toks: &[Tok], i: usize) -> (usize, Qualifier) {
    for (words, q) in QUALIFIERS {
        let n = words.len();
        if i < n {
            continue;
        }
        let before = &toks[i - n..i];
        let joined = before.iter().skip(1).all(|t| t.spaced) && toks[i].spaced;
        if joined && before.iter().zip(words.iter()).all(|(t, w)| t.lower() == *w) {
            return (before[0].start, *q);
        }
    }
    (toks[i].start, Qualifier::Exact)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The single value of a phrase: (value, qualifier, unit, kind, written).
    fn one(text: &str) -> (f64, Qualifier, Option<String>, Kind, String) {
        let found = values(text);
        assert_eq!(found.len(), 1, "values of {text:?}: {found:?}");
        let v = &found[0];
        (
            v.value,
            v.qualifier,
            v.unit.clone(),
            v.kind,
            text[v.span.range()].to_string(),
        )
    }

    fn hours(n: f64, q: Qualifier, written: &str) -> (f64, Qualifier, Option<String>, Kind, String) {
        (n, q, Some("hour".into()), Kind::Duration, written.into())
    }

    #[test]
    fn hyphenated_duration_in_words() {
        assert_eq!(
            one("the seven-hour meeting"),
            hours(7.0, Qualifier::Exact, "seven-hour")
        );
        assert_eq!(
            one("The more than seven-hour meeting"),
            hours(7.0, Qualifier::MoreThan, "more than seven-hour")
        );
    }

    #[test]
    fn duration_in_digits_and_with_nearly() {
        assert_eq!(
            one("after 7 hours of talks"),
            hours(7.0, Qualifier::Exact, "7 hours")
        );
        assert_eq!(
            one("talks that lasted nearly eight hours."),
            hours(8.0, Qualifier::Nearly, "nearly eight hours")
        );
        let a = &values("seven hours")[0];
        let b = &values("7-hour")[0];
        assert!(a.same_as(b));
        assert_eq!(values("two days")[0].seconds(), values("48 hours")[0].seconds());
    }

    #[test]
    fn thousands_separators_and_spaces() {
        let troops = |n: f64, q, w: &str| (n, q, Some("troop".to_string()), Kind::Quantity, w.to_string());
        assert_eq!(
            one("100,000 troops"),
            troops(100_000.0, Qualifier::Exact, "100,000 troops")
        );
        assert_eq!(
            one("100 000 troops"),
            troops(100_000.0, Qualifier::Exact, "100 000 troops")
        );
        assert_eq!(
            one("around 100,000 Russian troops"),
            troops(100_000.0, Qualifier::About, "around 100,000 Russian troops")
        );
        assert_eq!(
            one("as many as 175,000 troops"),
            troops(175_000.0, Qualifier::UpTo, "as many as 175,000 troops")
        );
    }

    #[test]
    fn numbers_in_words_and_scales() {
        assert_eq!(one("a hundred thousand soldiers").0, 100_000.0);
        assert_eq!(one("one hundred and twenty soldiers").0, 120.0);
        assert_eq!(one("twenty-five soldiers").0, 25.0);
        assert_eq!(one("a dozen soldiers").0, 12.0);
        assert_eq!(one("after a seven-hour meeting").0, 7.0);
        assert_eq!(one("two longstanding rivals").2.as_deref(), Some("rival"));
        assert_eq!(one("1.2 million people").0, 1_200_000.0);
        assert_eq!(one("up to 1.2 million people").1, Qualifier::UpTo);
        assert_eq!(one("a bare 1,200").2, None);
        assert_eq!(one("a bare 1,200").3, Kind::Number);
        assert_eq!(one("rose 5%").2.as_deref(), Some("percent"));
    }

    #[test]
    fn dates_years_and_ranges() {
        let d = values("on December 21-24 in 2014 and on Monday, 10 January");
        let got: Vec<(f64, Option<f64>, Option<&str>)> =
            d.iter().map(|v| (v.value, v.upper, v.unit.as_deref())).collect();
        assert_eq!(
            got,
            vec![
                (1221.0, Some(1224.0), Some("day")),
                (2014.0, None, Some("year")),
                (1.0, None, Some("weekday")),
                (110.0, None, Some("day")),
            ]
        );
        assert!(d.iter().all(|v| v.kind == Kind::Date));
    }

    #[test]
    fn abbreviated_months_need_their_dot() {
        let d = values("a letter sent on Aug. 6 asking him to wait; Dec. and Jan 5");
        let got: Vec<(f64, Option<&str>, Span)> =
            d.iter().map(|v| (v.value, v.unit.as_deref(), v.span)).collect();
        assert_eq!(
            got,
            vec![
                (806.0, Some("day"), Span::new(17, 23)),
                (12.0, Some("month"), Span::new(44, 48)),
                // "Jan" without a dot is not read as a month: the 5 stays a bare number.
                (5.0, None, Span::new(57, 58)),
            ]
        );
    }

    #[test]
    fn money_takes_its_sign_and_the_qualifier_before_it() {
        let text = "the couple misused more than $250,000 after a two-year investigation";
        let v = &values(text)[0];
        assert_eq!(&text[v.span.range()], "more than $250,000");
        assert_eq!(
            (v.value, v.qualifier, v.kind),
            (250_000.0, Qualifier::MoreThan, Kind::Number)
        );
        // The word after an amount of money is not what it counts.
        let text = "He repaid more than $60,000 earlier this year";
        let v = &values(text)[0];
        assert_eq!(
            (&text[v.span.range()], v.unit.as_deref()),
            ("more than $60,000", None)
        );
    }

    #[test]
    fn words_that_are_not_figures() {
        assert!(values("No one should be surprised, said one.").is_empty());
        let annexation = values("after the 2014 annexation");
        assert_eq!(annexation.len(), 1);
        assert_eq!(
            (annexation[0].kind, annexation[0].span),
            (Kind::Date, Span::new(10, 14))
        );
        assert!(
            values("We may see. In 2014 Russia seized Crimea.")
                .iter()
                .all(|v| v.kind == Kind::Date)
        );
    }
}
