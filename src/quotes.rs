//! Stage 3, quotes: article text → direct quotations with a first guess at their speaker.
//!
//! Recognises “…”, "…", ‘…’ and «…». The one decision to know: ’ is both a closing single
//! quote and an apostrophe, so ‘ opens only after a non-letter and ’ closes only before a
//! non-letter ("doesn’t" stays a word). A quotation left open at the end of a paragraph
//! continues when the next paragraph opens with the same mark (news style for long quotes) and
//! ends there otherwise.

use crate::model::{ArticleId, Corpus, Quote, Span};
use crate::segment::Segmented;
use crate::speakers::{self, names::NameIndex};
use rayon::prelude::*;

/// Finds the quotations of every article, marked and unmarked, and attributes them with one
/// canonical name per person across the story.
pub fn find_quotes(corpus: &Corpus, segmented: &Segmented) -> Vec<Quote> {
    find_attributions(corpus, segmented).0
}

/// The quotations of every article (as `find_quotes`) and, apart, the sentences of indirect
/// speech with the speaker they are credited to ("Sherman said Russia told her …"): those
/// are attributed but never quotations.
pub fn find_attributions(corpus: &Corpus, segmented: &Segmented) -> (Vec<Quote>, Vec<Quote>) {
    let texts: Vec<&str> = corpus.articles.iter().map(|a| a.text.as_str()).collect();
    let index = NameIndex::build(&texts);
    let per_article: Vec<_> = corpus
        .articles
        .par_iter()
        .map(|article| {
            let marked = quotation_spans(&article.text);
            let sentences = segmented.of_article(article.id);
            let mut found = speakers::attribute_article(article, sentences, &marked, &index);
            found.sort_by_key(|q| q.span);
            (article, found)
        })
        .collect();
    let mut quotes = Vec::new();
    let mut reported = Vec::new();
    for (article, found) in per_article {
        for q in found {
            let quote = Quote {
                article: article.id,
                span: q.span,
                person: q.speaker.as_ref().is_some_and(|s| s.person),
                speaker: q.speaker.map(|s| s.name),
                marked: !q.unmarked,
            };
            if q.reported {
                reported.push(quote);
            } else {
                quotes.push(quote);
            }
        }
    }
    (quotes, reported)
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
                    '"' => next.is_some_and(|n| !n.is_whitespace()) || spaced_opening(&chars, i),
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

/// A straight double quote set apart by spaces on both sides (text rebuilt from tokens, or
/// typed so) that opens a quotation: words follow it on its line, and it stands at the start of
/// a line or after a word or a colon, never after the comma or full stop that ends a quotation
/// ("… at this time, \" the rep said" closes one).
fn spaced_opening(chars: &[(usize, char)], i: usize) -> bool {
    let is_space = |c: char| c == ' ' || c == '\t';
    let word_follows = chars.get(i + 1).is_some_and(|&(_, c)| is_space(c))
        && chars[i + 1..]
            .iter()
            .map(|&(_, c)| c)
            .find(|&c| !is_space(c))
            .is_some_and(char::is_alphanumeric);
    let before = chars[..i].iter().rev().map(|&(_, c)| c).find(|&c| !is_space(c));
    let apart_before = i == 0 || chars.get(i - 1).is_some_and(|&(_, c)| c.is_whitespace());
    word_follows
        && apart_before
        && before.is_none_or(|c| c == '\n' || c == '\r' || c == ':' || c.is_alphanumeric())
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
    fn spaced_straight_quotes_open_at_a_line_start_or_after_a_word() {
        assert_eq!(
            quoted(
                "\" I didn't know it would ruin my career , \" she said .\nHe was picked \" because we want fun . \""
            ),
            vec!["I didn't know it would ruin my career ,", "because we want fun ."]
        );
        // Closing marks of a quotation opened on an earlier line, and inch marks, open nothing.
        assert_eq!(
            quoted("We appreciate your respect , \" the rep said .\nA 12\" pipe burst ."),
            Vec::<&str>::new()
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
