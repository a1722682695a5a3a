//! Figures for comparison, part of the discrepancies stage: a passage → every figure it states
//! that a source could state differently, each with what it measures, the values it allows and
//! its role in time, as byte spans into the passage.
//!
//! Builds on `numbers::values` (exact figures: "48-page", "more than $250,000", "March 23") and
//! adds the forms that only matter when two sources are compared: vague amounts ("several
//! missiles", "hours before", "monthslong"), dates relative to the day of writing ("last
//! month", "earlier this year"), times of day ("5 p.m.", "midnight") and ages. The one decision
//! to know: a figure is reduced to a range of values it allows ("more than $250,000" allows
//! anything above, "48" allows 47.5 to 48.5), so comparing two figures is comparing ranges.

use crate::model::Span;
use crate::numbers::read::tokens;
use crate::numbers::{self, CURRENCY_SIGNS, Kind, Qualifier, Value};
use rust_stemmers::{Algorithm, Stemmer};

mod around;
mod words;

use around::{
    END_WORDS, START_WORDS, currency_of, head_after, last_word, last_word_at, last_word_start, money_of,
    offset_follows, part_of_day_after, periods,
};

/// What a figure measures; two figures are compared only when this matches.
#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    /// A count of a noun, by stem, with the head of a compound after it, which is then what is
    /// counted ("20 missile tests": "missil", then "test").
    Count { noun: String, head: Option<String> },
    /// An amount of money, by currency, and what it is paid for or worth of when the text
    /// says ("$250,000 in campaign funds": "fund").
    Money {
        currency: &'static str,
        of: Option<String>,
    },
    /// A person's age ("41-year-old").
    Age,
    /// A length of time, in seconds.
    Duration,
    /// A point in time at one grain.
    Date(Grain),
}

/// The grain of a date. Days and months share one scale (month × 100 + day), so "in March"
/// and "on March 23" can be compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grain {
    Year,
    MonthDay,
    Weekday,
    /// Minutes after midnight.
    Time,
    /// A week, only ever relative ("last week").
    Week,
    /// Some time before or after the day of writing, at no stated grain ("previously", "soon").
    Unstated,
}

/// Where a date stands in what it dates: a moment, the start of a period or its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Point,
    /// "from April 21", "since 2014".
    Start,
    /// "until June 1", "through June 1".
    End,
    /// A length counted back or on from something else ("four hours before the deadline"),
    /// not the length of a period.
    Offset,
}

/// The values a figure allows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    /// A stated figure: the value as written and the range it allows given its qualifier and
    /// rounding (`lo < hi`).
    Definite {
        value: f64,
        lo: f64,
        hi: f64,
        qualifier: Qualifier,
    },
    /// A figure without a number ("several", "hours", "monthslong").
    Vague { lo: f64, hi: f64 },
    /// A date counted from the day of writing ("last month": grain month, offset -1).
    Relative { grain: Grain, offset: i8 },
}

/// One figure stated in a passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The figure as written, with its qualifier and role word ("more than $250,000", "until
    /// June 1", "earlier this year").
    pub span: Span,
    pub measure: Measure,
    pub amount: Amount,
    pub role: Role,
    /// The name of what is measured, for display ("troop", "hour", "day").
    pub unit: Option<String>,
}

impl Figure {
    /// The kind named in `Discrepancy::what`.
    pub fn kind(&self) -> Kind {
        match self.measure {
            Measure::Count { .. } | Measure::Money { .. } | Measure::Age => Kind::Quantity,
            Measure::Duration => Kind::Duration,
            Measure::Date(_) => Kind::Date,
        }
    }

    pub fn is_vague(&self) -> bool {
        matches!(self.amount, Amount::Vague { .. } | Amount::Relative { .. })
    }
}

/// Units of time, by stem, with their length in seconds.
pub(super) use crate::numbers::TIME_UNITS as SECONDS;

/// Currency words after an amount ("2.8 billion euros"), by stem. "pound" is left out: it
/// weighs as often as it pays.
const CURRENCY_WORDS: &[(&str, &str)] = &[
    ("dollar", "USD"),
    ("euro", "EUR"),
    ("yen", "JPY"),
    ("yuan", "CNY"),
];

/// Words after a bare plural unit of time that make it a length ("hours before").
const VAGUE_TIME_AFTER: &[&str] = &["before", "after", "earlier", "later", "ago"];

/// Every figure of `text`, in order; spans are byte offsets into `text`.
pub fn figures(text: &str) -> Vec<Figure> {
    let stemmer = Stemmer::create(Algorithm::English);
    let toks = tokens(text);
    let mut extra = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match words::extra_at(text, &toks, i, &stemmer) {
            Some((f, next)) => {
                extra.push(f);
                i = next;
            }
            None => i += 1,
        }
    }
    let mut out: Vec<Figure> = numbers::values_in(&toks)
        .into_iter()
        .filter(|v| !extra.iter().any(|f| f.span.overlap(v.span) > 0))
        .filter_map(|v| from_value(text, &v))
        .collect();
    out.extend(extra);
    out.sort_by_key(|f| f.span.start);
    periods(text, &mut out);
    for f in &mut out {
        // "over 20 missile tests" is written with the head of its compound.
        if let Measure::Count { head: Some(_), .. } = f.measure
            && let Some(word) = text.get(f.span.end..).and_then(|r| r.strip_prefix(' '))
        {
            f.span.end += 1 + word
                .chars()
                .take_while(|c| c.is_alphabetic())
                .map(char::len_utf8)
                .sum::<usize>();
        }
        if f.measure == Measure::Duration && text.get(f.span.end..).is_some_and(offset_follows) {
            f.role = Role::Offset;
        }
    }
    out
}

/// How far a plain figure may stand from the truth: half the step it is rounded to ("48":
/// 0.5; "250,000": 5,000; "1.2 million": 50,000), but no more than 5% of it, so "100" does not
/// cover 120.
fn rounding(text: &str, value: f64) -> f64 {
    let step = step(text, value);
    (step / 2.0).min((value.abs() * 0.05).max(step.min(1.0) / 2.0))
}

/// The step a written figure is rounded to: its last written digit's place, scaled.
fn step(text: &str, value: f64) -> f64 {
    let digits: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    match digits.split_once('.') {
        Some((_, frac)) if !frac.is_empty() => {
            let written: f64 = digits.parse().unwrap_or(value);
            let scale = if written > 0.0 { value / written } else { 1.0 };
            scale / 10f64.powi(frac.len() as i32)
        }
        // In words: "seven", "a hundred thousand".
        _ if digits.is_empty() && value.abs() < 100.0 => 1.0,
        _ if digits.is_empty() => 10f64.powi(value.abs().log10().floor() as i32),
        _ => {
            let whole = digits.trim_end_matches('.');
            let zeros = whole.len() - whole.trim_end_matches('0').len();
            let written: f64 = whole.parse().unwrap_or(value);
            let scale = if written > 0.0 { value / written } else { 1.0 };
            scale * 10f64.powi(zeros.min(whole.len().saturating_sub(1)) as i32)
        }
    }
}

/// The range a definite figure allows: its rounding, widened or bounded by its qualifier.
pub fn range(value: f64, half_step: f64, qualifier: Qualifier) -> (f64, f64) {
    let slack = half_step.max(value.abs() * 0.1);
    match qualifier {
        Qualifier::Exact => (value - half_step, value + half_step),
        Qualifier::About => (value - slack, value + slack),
        Qualifier::Nearly => (value - half_step.max(value.abs() * 0.15), value),
        Qualifier::MoreThan => (value, f64::INFINITY),
        Qualifier::LessThan | Qualifier::UpTo => (0.0, value),
    }
}

fn definite(value: f64, half_step: f64, qualifier: Qualifier) -> Amount {
    let (lo, hi) = range(value, half_step, qualifier);
    Amount::Definite {
        value,
        lo,
        hi,
        qualifier,
    }
}

/// A figure from an exact value of `numbers`.
fn from_value(text: &str, v: &Value) -> Option<Figure> {
    let written = text.get(v.span.range())?;
    let before = text.get(..v.span.start)?;
    let after = text.get(v.span.end..)?;
    let half = rounding(written, v.value);
    let unit = v.unit.clone();
    let (measure, amount) = match (v.kind, v.unit.as_deref()) {
        // A bare figure counts nothing: it is compared with nothing ("Hunter, 41," and
        // "Margaret, 43," are two people's ages; "No. 2" is a rank).
        (Kind::Number, _) if !CURRENCY_SIGNS.iter().any(|c| written.contains(c)) => return None,
        (Kind::Number, _) => (
            Measure::Money {
                currency: currency_of(written),
                of: money_of(after),
            },
            definite(v.value, half, v.qualifier),
        ),
        (Kind::Duration, Some(u)) if after.starts_with("-old") || after.starts_with(" old") => {
            let years = if u == "year" { v.value } else { return None };
            (Measure::Age, definite(years, half, v.qualifier))
        }
        (Kind::Duration, Some(u)) => {
            let per = SECONDS.iter().find(|(s, _)| *s == u)?.1;
            (
                Measure::Duration,
                definite(v.value * per, half * per, v.qualifier),
            )
        }
        (Kind::Quantity, Some(u)) => match CURRENCY_WORDS.iter().find(|(w, _)| *w == u) {
            Some(&(_, code)) => (
                Measure::Money {
                    currency: code,
                    of: money_of(after),
                },
                definite(v.value, half, v.qualifier),
            ),
            None => (
                Measure::Count {
                    noun: u.to_string(),
                    head: head_after(text, last_word_start(written) + v.span.start, v.span.end),
                },
                definite(v.value, half, v.qualifier),
            ),
        },
        (Kind::Quantity, None) => return None,
        (Kind::Date, Some("year")) => (Measure::Date(Grain::Year), date_amount(v.value, v.upper)),
        (Kind::Date, Some("weekday")) => (Measure::Date(Grain::Weekday), date_amount(v.value, v.upper)),
        (Kind::Date, Some("day")) => (Measure::Date(Grain::MonthDay), date_amount(v.value, v.upper)),
        (Kind::Date, Some("month")) => {
            // "in March" spans its days; "early March" the first third of them.
            let m = v.value * 100.0;
            let (lo, hi) = match last_word(before).as_deref() {
                Some("early") => (m + 1.0, m + 10.0),
                Some("mid") => (m + 11.0, m + 20.0),
                Some("late") => (m + 21.0, m + 31.0),
                _ => (m + 1.0, m + 31.0),
            };
            let amount = Amount::Definite {
                value: v.value * 100.0,
                lo: lo - 0.5,
                hi: hi + 0.5,
                qualifier: Qualifier::Exact,
            };
            (Measure::Date(Grain::MonthDay), amount)
        }
        _ => return None,
    };
    let mut span = v.span;
    let mut role = Role::Point;
    if let Measure::Date(g) = measure {
        if g == Grain::MonthDay
            && let Some((w, start)) = last_word_at(before)
            && matches!(w.as_str(), "early" | "mid" | "late")
        {
            span.start = start;
        }
        if let Some((w, start)) = last_word_at(text.get(..span.start)?) {
            if END_WORDS.contains(&w.as_str()) {
                role = Role::End;
                span.start = start;
            } else if START_WORDS.contains(&w.as_str()) {
                role = Role::Start;
                span.start = start;
            }
        }
        if matches!(g, Grain::Weekday) {
            span.end += part_of_day_after(after);
        }
    }
    Some(Figure {
        span,
        measure,
        amount,
        role,
        unit,
    })
}

/// A date value with the range its grain allows (a range "21-24" allows its days).
fn date_amount(value: f64, upper: Option<f64>) -> Amount {
    Amount::Definite {
        value,
        lo: value - 0.5,
        hi: upper.unwrap_or(value) + 0.5,
        qualifier: Qualifier::Exact,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each figure of `text`: as written, what it measures and its role.
    fn read(text: &str) -> Vec<(&str, Measure, Role)> {
        figures(text)
            .into_iter()
            .map(|f| (&text[f.span.range()], f.measure, f.role))
            .collect()
    }

    fn bounds(text: &str) -> (f64, f64) {
        match figures(text)[0].amount {
            Amount::Definite { lo, hi, .. } | Amount::Vague { lo, hi } => (lo, hi),
            Amount::Relative { .. } => panic!("relative: {text}"),
        }
    }

    #[test]
    fn money_is_measured_by_currency_and_what_it_pays_for() {
        let money = |currency, of: Option<&str>| Measure::Money {
            currency,
            of: of.map(str::to_string),
        };
        assert_eq!(
            read("converting more than $250,000 in campaign funds"),
            vec![("more than $250,000", money("USD", Some("fund")), Role::Point)]
        );
        assert_eq!(
            read("duties on 2.8 billion euros of U.S. exports"),
            vec![("2.8 billion euros", money("EUR", Some("export")), Role::Point)]
        );
        assert_eq!(
            read("the 6.4 billion euros ($7.7 billion) of the metals it exports"),
            vec![
                ("6.4 billion euros", money("EUR", Some("metal")), Role::Point),
                ("$7.7 billion", money("USD", Some("metal")), Role::Point),
            ]
        );
    }

    #[test]
    fn bare_numbers_and_ranks_are_not_figures_to_compare() {
        assert!(read("Hunter, 41, is the No. 2 Republican; he won 48 of them.").is_empty());
    }

    #[test]
    fn ages_and_counts_with_the_head_of_their_compound() {
        assert_eq!(
            read("a 41-year-old congressman"),
            vec![("41-year", Measure::Age, Role::Point)]
        );
        let count = |noun: &str, head: Option<&str>| Measure::Count {
            noun: noun.into(),
            head: head.map(str::to_string),
        };
        assert_eq!(
            read("over 20 missile tests; a 48-page indictment"),
            vec![
                (
                    "over 20 missile tests",
                    count("missil", Some("test")),
                    Role::Point
                ),
                ("48-page", count("page", None), Role::Point),
            ]
        );
    }

    #[test]
    fn the_head_of_a_compound_is_counted_but_not_a_verb_after_its_subject() {
        let heads = |text| -> Vec<Option<String>> {
            figures(text)
                .into_iter()
                .map(|f| match f.measure {
                    Measure::Count { head, .. } => head,
                    _ => None,
                })
                .collect()
        };
        assert_eq!(
            heads("three bank workers; two banks"),
            vec![Some("worker".into()), None]
        );
        assert_eq!(
            heads("100,000 troops massed; one worker killed; 25 percent tariff"),
            vec![None, None, None]
        );
    }

    #[test]
    fn dates_take_their_role_in_a_period() {
        let roles = |text| -> Vec<(&str, Role)> { read(text).into_iter().map(|(w, _, r)| (w, r)).collect() };
        assert_eq!(
            roles("delayed until June 1, effective from April 21, on March 23"),
            vec![
                ("until June 1", Role::End),
                ("from April 21", Role::Start),
                ("March 23", Role::Point)
            ]
        );
        assert_eq!(
            roles("instances between 2009 and 2016"),
            vec![("2009", Role::Start), ("2016", Role::End)]
        );
        assert_eq!(
            roles("beginning in 2009 and continuing through 2016"),
            vec![("2009", Role::Start), ("through 2016", Role::End)]
        );
    }

    #[test]
    fn a_figure_allows_its_rounding_and_its_qualifier() {
        assert_eq!(bounds("48 pages"), (47.5, 48.5));
        assert_eq!(bounds("$250,000"), (245_000.0, 255_000.0));
        assert_eq!(bounds("100 troops"), (95.0, 105.0));
        assert_eq!(bounds("more than $250,000"), (250_000.0, f64::INFINITY));
        assert_eq!(bounds("1.2 million people"), (1_150_000.0, 1_250_000.0));
        let (lo, hi) = bounds("nearly eight hours");
        assert!(
            (lo - 6.8 * 3_600.0).abs() < 1e-6 && (hi - 8.0 * 3_600.0).abs() < 1e-6,
            "{lo} {hi}"
        );
        // "early March": the first ten days of March, on the month × 100 + day scale.
        assert_eq!(bounds("in early March"), (300.5, 310.5));
    }

    #[test]
    fn lengths_counted_from_something_else_are_offsets() {
        let roles: Vec<Role> = read("Less than four hours before the deadline, a 30-day delay")
            .into_iter()
            .map(|(_, _, r)| r)
            .collect();
        assert_eq!(roles, vec![Role::Offset, Role::Point]);
    }
}
