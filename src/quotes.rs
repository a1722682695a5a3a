//! Stage 3, quotes: article text → direct quotations with a first guess at their speaker.
//!
//! Recognises “…”, "…", ‘…’ and «…». The one decision to know: ’ is both a closing single
//! quote and an apostrophe, so ‘ opens only after a non-letter and ’ closes only before a
//! non-letter ("doesn’t" stays a word). A quotation left open at the end of a paragraph
//! continues when the next paragraph opens with the same mark (news style for long quotes) and
//! ends there otherwise.

use crate::lexicon;
use crate::model::{Article, ArticleId, Corpus, Quote, Span};
use crate::segment::Segmented;
use std::collections::HashMap;

/// Finds the quotations of every article and attributes them.
pub fn find_quotes(corpus: &Corpus, segmented: &Segmented) -> Vec<Quote> {
    let mut quotes = Vec::new();
    for article in &corpus.articles {
        let spans = quotation_spans(&article.text);
        let mut last_speaker: Option<String> = None;
        for span in spans {
            let speaker = attribute(article, segmented, span, &mut last_speaker);
            quotes.push(Quote {
                article: article.id,
                span,
                speaker,
            });
        }
    }
    canonicalise_speakers(&mut quotes);
    quotes
}

/// Byte spans of the quoted words (inside the marks) in one text, in order.
pub fn quotation_spans(text: &str) -> Vec<Span> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut open: Option<(char, usize)> = None;
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        let prev = i.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let letter_before = prev.is_some_and(char::is_alphanumeric);
        let letter_after = next.is_some_and(char::is_alphanumeric);
        match open {
            None => {
                let opens = match c {
                    '“' | '«' => true,
                    '"' => next.is_some_and(|n| !n.is_whitespace()),
                    '‘' => !letter_before,
                    _ => false,
                };
                if opens {
                    open = Some((c, pos + c.len_utf8()));
                }
            }
            Some((mark, start)) => {
                let closes = match (mark, c) {
                    ('“', '”') | ('«', '»') => true,
                    ('“', '"') | ('"', '"') | ('"', '”') => true,
                    ('‘', '’') => !letter_after,
                    _ => false,
                };
                if closes {
                    push_quote(text, start, pos, &mut out);
                    open = None;
                } else if c == '\n' && ends_paragraph(&chars, i) {
                    // Unclosed at a paragraph's end: continue only when the next paragraph
                    // reopens with the same mark.
                    let next_mark = chars[i..]
                        .iter()
                        .map(|&(_, ch)| ch)
                        .find(|ch| !ch.is_whitespace());
                    push_quote(text, start, pos, &mut out);
                    open = None;
                    if next_mark == Some(mark) {
                        // The reopening mark starts a new span on the next pass; the two halves
                        // are one quotation for matching purposes but kept as two spans.
                    }
                }
            }
        }
        i += 1;
    }
    if let Some((_, start)) = open {
        push_quote(text, start, text.len(), &mut out);
    }
    out
}

/// A newline that ends a paragraph: followed by a blank line, or by a line that starts a new
/// block (most plain-text news files put one paragraph per line).
fn ends_paragraph(chars: &[(usize, char)], i: usize) -> bool {
    chars
        .get(i + 1)
        .is_none_or(|&(_, n)| n == '\n' || n == '\r' || !n.is_lowercase())
}

fn push_quote(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim();
    if trimmed.chars().any(char::is_alphabetic) {
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

/// The speaker of a quotation from cues in its sentence ("…," Sherman said; Ryabkov told
/// reporters that "…"; according to Ms. Sherman; she added), else the running speaker when the
/// quotation makes up the whole sentence.
fn attribute(
    article: &Article,
    segmented: &Segmented,
    quote: Span,
    last_speaker: &mut Option<String>,
) -> Option<String> {
    let sentence = segmented
        .of_article(article.id)
        .iter()
        .find(|s| s.span.overlap(quote) > 0)?;
    let text = &article.text;
    // Words of the sentence outside any quotation in it.
    let inside = quotation_spans(&text[sentence.span.range()]);
    let outside: Vec<(usize, &str)> = words_with_offsets(&text[sentence.span.range()])
        .into_iter()
        .filter(|(o, _)| !inside.iter().any(|q| q.start <= *o && *o < q.end))
        .collect();
    let found = speaker_from_words(&outside);
    match found {
        Some(Cue::Name(name)) => {
            *last_speaker = Some(name.clone());
            Some(name)
        }
        Some(Cue::Pronoun) => last_speaker.clone(),
        None if outside.len() <= 2 => last_speaker.clone(),
        None => None,
    }
}

enum Cue {
    Name(String),
    Pronoun,
}

fn words_with_offsets(s: &str) -> Vec<(usize, &str)> {
    use unicode_segmentation::UnicodeSegmentation;
    s.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .collect()
}

fn is_name_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Looks for a speech verb and the name or pronoun beside it.
fn speaker_from_words(words: &[(usize, &str)]) -> Option<Cue> {
    let lower: Vec<String> = words.iter().map(|(_, w)| w.to_lowercase()).collect();
    for (i, w) in lower.iter().enumerate() {
        let cue =
            lexicon::is_speech_verb(w) && !matches!(w.as_str(), "reporters" | "reporter" | "reportedly");
        if !cue {
            continue;
        }
        // "according to NAME"
        let after_start = if w == "according" && lower.get(i + 1).is_some_and(|n| n == "to") {
            i + 2
        } else {
            i + 1
        };
        // NAME VERB: the capitalised run ending just before the verb.
        if w != "according" {
            if let Some(name) = name_run_before(words, i) {
                return Some(Cue::Name(name));
            }
            if i > 0 && lexicon::SPEAKER_PRONOUNS.contains(&lower[i - 1].as_str()) {
                return Some(Cue::Pronoun);
            }
        }
        // VERB NAME: "said Deputy Secretary of State Wendy Sherman".
        if let Some(name) = name_run_after(words, after_start) {
            return Some(Cue::Name(name));
        }
        if lower
            .get(after_start)
            .is_some_and(|n| lexicon::SPEAKER_PRONOUNS.contains(&n.as_str()))
        {
            return Some(Cue::Pronoun);
        }
    }
    None
}

fn name_run_before(words: &[(usize, &str)], verb: usize) -> Option<String> {
    let mut start = verb;
    while start > 0 && (is_name_word(words[start - 1].1) || is_connector(words, start - 1)) {
        start -= 1;
    }
    clean_name(&words[start..verb])
}

fn name_run_after(words: &[(usize, &str)], from: usize) -> Option<String> {
    let mut end = from;
    while end < words.len() && (is_name_word(words[end].1) || (end > from && is_connector(words, end))) {
        end += 1;
    }
    clean_name(&words[from..end])
}

/// "of" inside "Secretary of State", kept in a run only between capitalised words.
fn is_connector(words: &[(usize, &str)], i: usize) -> bool {
    matches!(words[i].1, "of" | "de" | "von" | "van" | "bin" | "al")
        && i > 0
        && is_name_word(words[i - 1].1)
        && words.get(i + 1).is_some_and(|w| is_name_word(w.1))
}

/// Drops titles, possessives and connectors around a run of capitalised words and keeps the
/// name: "Russian Deputy Foreign Minister Sergei Ryabkov" → "Sergei Ryabkov".
fn clean_name(run: &[(usize, &str)]) -> Option<String> {
    let words: Vec<&str> = run.iter().map(|(_, w)| *w).collect();
    let mut start = 0;
    for (i, w) in words.iter().enumerate() {
        let l = w.to_lowercase();
        let l = l.trim_end_matches("’s").trim_end_matches("'s");
        if lexicon::is_title_word(l) || matches!(l, "of" | "de") {
            start = i + 1;
        }
    }
    let name: Vec<&str> = words[start..]
        .iter()
        .map(|w| w.trim_end_matches("’s").trim_end_matches("'s"))
        .collect();
    if name.is_empty() || name.len() > 4 {
        return None;
    }
    Some(name.join(" "))
}

/// Maps the short forms of a name to its fullest form in the story: "Sherman" and
/// "Ms Sherman" → "Wendy Sherman"; "Sergey Ryabkov" and "Sergei Ryabkov" → the more frequent.
pub fn canonicalise_speakers(quotes: &mut [Quote]) {
    let mut by_surname: HashMap<String, HashMap<String, usize>> = HashMap::new();
    for q in quotes.iter() {
        if let Some(s) = &q.speaker {
            let surname = s.rsplit(' ').next().unwrap_or(s).to_lowercase();
            *by_surname
                .entry(surname)
                .or_default()
                .entry(s.clone())
                .or_default() += 1;
        }
    }
    let canonical: HashMap<String, String> = by_surname
        .into_iter()
        .filter_map(|(surname, forms)| {
            let best = forms
                .iter()
                .max_by_key(|(name, count)| {
                    (
                        name.split(' ').count(),
                        **count,
                        std::cmp::Reverse((*name).clone()),
                    )
                })?
                .0
                .clone();
            Some((surname, best))
        })
        .collect();
    for q in quotes.iter_mut() {
        if let Some(s) = &q.speaker {
            let surname = s.rsplit(' ').next().unwrap_or(s).to_lowercase();
            if let Some(c) = canonical.get(&surname) {
                q.speaker = Some(c.clone());
            }
        }
    }
}

/// The quotations of one article.
pub fn of_article(quotes: &[Quote], article: ArticleId) -> impl Iterator<Item = &Quote> {
    quotes.iter().filter(move |q| q.article == article)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{RawArticle, build};
    use crate::segment::segment;

    fn quoted(text: &str) -> Vec<&str> {
        quotation_spans(text)
            .into_iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn curly_straight_and_guillemets() {
        assert_eq!(
            quoted("He said “no plans” and \"no intent\" or «rien»."),
            vec!["no plans", "no intent", "rien"]
        );
    }

    #[test]
    fn apostrophe_is_not_a_closing_single_quote() {
        assert_eq!(
            quoted("‘We don’t plan Moscow’s attack,’ he said, calling it ‘typical maneuvering.’"),
            vec!["We don’t plan Moscow’s attack,", "typical maneuvering."]
        );
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph() {
        assert_eq!(
            quoted("‘Unfortunately we differ, he said.\nNext paragraph."),
            vec!["Unfortunately we differ, he said."]
        );
    }

    fn speakers(text: &str) -> Vec<Option<String>> {
        let corpus = build(
            None,
            vec![RawArticle {
                text: text.into(),
                ..RawArticle::default()
            }],
        );
        let seg = segment(&corpus);
        find_quotes(&corpus, &seg)
            .into_iter()
            .map(|q| q.speaker)
            .collect()
    }

    #[test]
    fn speaker_shapes() {
        assert_eq!(
            speakers(
                "“We will not forgo it,” Sherman said. Russian Deputy Foreign Minister Sergei Ryabkov told reporters, “No plans.” “Enough,” he added."
            ),
            vec![
                Some("Sherman".into()),
                Some("Sergei Ryabkov".into()),
                Some("Sergei Ryabkov".into())
            ]
        );
        assert_eq!(
            speakers(
                "The talks were “frank,” said Deputy Secretary of State Wendy Sherman. According to Ms. Sherman, it was “serious.”"
            ),
            vec![Some("Wendy Sherman".into()), Some("Wendy Sherman".into())]
        );
    }
}
