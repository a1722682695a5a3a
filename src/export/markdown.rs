//! The Markdown export, for notes and for GitHub: a title, the sources, one section per event
//! (label, kind, speaker, sources, each mention as a block quote naming its source with word
//! differences against the first mention as `<del>`/`<ins>`, the notes), then the coverage
//! table, discrepancies and the remaining notes.
//!
//! Article text and everything that came with it is untrusted and goes through `md`, which
//! backslash-escapes every character that could start markup (emphasis, links, raw HTML,
//! headings, tables, autolinks), so the only HTML and no link in the output is the exporter's
//! own. Nothing from an article becomes a link, not even its url.

use super::{View, credited_to, event_notes, left_out, note_passage};
use crate::display::safe_line;
use crate::model::{Analysis, Confidence, Note, NoteTarget};
use crate::view::{Change, kind_name, variants};
use std::fmt::{self, Write};

/// The Markdown document for an analysis, its notes and the current view.
pub fn render(analysis: &Analysis, notes: &[Note], view: View) -> String {
    let mut doc = String::with_capacity(32 * 1024);
    // Writing into a String cannot fail.
    let _ = document(&mut doc, analysis, notes, view);
    doc
}

fn document(o: &mut String, an: &Analysis, notes: &[Note], view: View) -> fmt::Result {
    let corpus = &an.corpus;
    let title = corpus.display_title();
    writeln!(o, "# {}\n", md(&title))?;
    writeln!(
        o,
        "Exported by parallax: {} sources, {} shared events.\n",
        corpus.articles.len(),
        an.events.len()
    )?;
    if let Some(e) = view.focus.and_then(|id| an.events.get(id.index())) {
        writeln!(o, "Current event: **{} {}**\n", e.id, md(&e.label))?;
    }
    o.push_str("## Sources\n\n");
    for (i, a) in corpus.articles.iter().enumerate() {
        write!(o, "{}. **{}** — {}", i + 1, md(&a.source), md(&a.title))?;
        if let Some(date) = &a.date {
            write!(o, " · {}", md(date))?;
        }
        if let Some(url) = &a.url {
            write!(o, " · {}", md(url))?;
        }
        o.push('\n');
    }
    o.push_str("\n## Events\n\n");
    if an.events.is_empty() {
        o.push_str("No event is shared by two or more sources.\n\n");
    }
    for e in &an.events {
        writeln!(o, "### {} · {}\n", e.id, md(&e.label))?;
        writeln!(o, "- Kind: {}", kind_name(e.kind))?;
        if e.confidence == Confidence::Weak {
            writeln!(
                o,
                "- Confidence: weak (thin evidence: check before relying on it)"
            )?;
        }
        if let Some(s) = &e.speaker {
            writeln!(o, "- Speaker: {}", md(s))?;
        }
        let names: Vec<String> = e
            .sources
            .iter()
            .filter_map(|id| corpus.articles.get(id.index()))
            .map(|a| md(&a.source))
            .collect();
        writeln!(
            o,
            "- Sources ({}/{}): {}",
            e.sources.len(),
            corpus.articles.len(),
            names.join(", ")
        )?;
        let missing: Vec<String> = left_out(corpus, e).iter().map(|a| md(&a.source)).collect();
        if !missing.is_empty() {
            writeln!(o, "- Left out by: {}", missing.join(", "))?;
        }
        for d in an.discrepancies.iter().filter(|d| d.event == e.id) {
            let values: Vec<String> = d.values.values().map(|v| md(v)).collect();
            writeln!(
                o,
                "- **{} differs** ({}): {}",
                md(&d.what),
                d.difference.as_str(),
                values.join(" / ")
            )?;
        }
        if let Some(who) = credited_to(corpus, e, md, md) {
            writeln!(o, "- **Speakers differ**: credited to {who}")?;
        }
        o.push('\n');
        for v in variants(an, e) {
            let Some(m) = e.mentions.get(v.mention) else {
                continue;
            };
            let Some(article) = corpus.articles.get(m.article.index()) else {
                continue;
            };
            let quoted = if m.quote { " · quoted" } else { "" };
            writeln!(
                o,
                "> **{}** · {}{quoted}  ",
                md(&article.source),
                m.match_kind.as_str()
            )?;
            let line = match v.runs {
                Some(_) => {
                    let mut line = String::new();
                    for (change, text) in v.inline(corpus, e) {
                        let text = md_inline(text);
                        match change {
                            Change::Same => line.push_str(&text),
                            Change::Deleted => write!(line, "<del>{text}</del>")?,
                            Change::Inserted => write!(line, "<ins>{text}</ins>")?,
                        }
                    }
                    guard_start(line.trim_start())
                }
                None => md(article.slice(v.shown)),
            };
            writeln!(o, "> {line}\n")?;
        }
        let mine = event_notes(notes, e);
        if !mine.is_empty() {
            o.push_str("Notes:\n\n");
            for n in mine {
                note_item(o, &n.text)?;
            }
            o.push('\n');
        }
    }
    coverage(o, an)?;
    discrepancies(o, an)?;
    passage_notes(o, an, notes)?;
    Ok(())
}

fn coverage(o: &mut String, an: &Analysis) -> fmt::Result {
    let articles = &an.corpus.articles;
    o.push_str("## Coverage\n\n| Event |");
    for a in articles {
        write!(o, " {} |", md(&a.source))?;
    }
    o.push_str(" Sources |\n|---|");
    for _ in articles {
        o.push_str(":-:|");
    }
    o.push_str(":-:|\n");
    for e in &an.events {
        write!(o, "| {} {} |", e.id, md(&e.label))?;
        for a in articles {
            o.push_str(if e.reports(a.id) { " ✓ |" } else { " — |" });
        }
        writeln!(o, " {}/{} |", e.sources.len(), articles.len())?;
    }
    o.push_str("| **Reported** |");
    for a in articles {
        let n = an.events.iter().filter(|e| e.reports(a.id)).count();
        write!(o, " {n}/{} |", an.events.len())?;
    }
    o.push_str("  |\n| **Left out** |");
    let report = crate::coverage::coverage(an);
    for c in &report {
        write!(o, " {} |", c.omitted.len())?;
    }
    o.push_str("  |\n| **Exclusives** |");
    for c in &report {
        write!(o, " {} |", c.exclusives.len())?;
    }
    o.push_str("  |\n\n");
    if report.iter().any(|c| !c.exclusives.is_empty()) {
        o.push_str("### Only in one source\n\n");
        for c in report.iter().filter(|c| !c.exclusives.is_empty()) {
            let source = an
                .corpus
                .articles
                .get(c.article.index())
                .map_or("?", |a| a.source.as_str());
            writeln!(
                o,
                "**{}** (leaves out {} of {} shared events):\n",
                md(source),
                c.omitted.len(),
                an.events.len()
            )?;
            for x in c.exclusives.iter().take(super::EXCLUSIVES_LISTED) {
                let what = match &x.kind {
                    crate::coverage::ExclusiveKind::Quote { speaker } => format!("quote · {}", md(speaker)),
                    crate::coverage::ExclusiveKind::Figure => "figure".to_string(),
                };
                writeln!(o, "- *{what}:* {}", md(&super::excerpt(&an.corpus, x, 200)))?;
            }
            let rest = c.exclusives.len().saturating_sub(super::EXCLUSIVES_LISTED);
            if rest > 0 {
                writeln!(o, "- and {rest} more")?;
            }
            o.push('\n');
        }
    }
    Ok(())
}

fn discrepancies(o: &mut String, an: &Analysis) -> fmt::Result {
    if an.discrepancies.is_empty() {
        return Ok(());
    }
    o.push_str("## Discrepancies\n\n| Event | What | Values |\n|---|---|---|\n");
    for d in &an.discrepancies {
        let label = an.events.get(d.event.index()).map_or("", |e| e.label.as_str());
        let values: Vec<String> = d
            .values
            .iter()
            .map(|(article, value)| {
                let source = an
                    .corpus
                    .articles
                    .get(article.index())
                    .map_or("?", |a| a.source.as_str());
                format!("**{}**: {}", md(source), md(value))
            })
            .collect();
        writeln!(
            o,
            "| {} {} | {} | {} |",
            d.event,
            md(label),
            md(&d.what),
            values.join("<br>")
        )?;
    }
    o.push('\n');
    Ok(())
}

/// Notes on passages, and notes on events the analysis no longer finds.
fn passage_notes(o: &mut String, an: &Analysis, notes: &[Note]) -> fmt::Result {
    let rest: Vec<&Note> = notes
        .iter()
        .filter(|n| match &n.target {
            NoteTarget::Event { label } => !an.events.iter().any(|e| e.label == *label),
            NoteTarget::Passage { .. } => true,
        })
        .collect();
    if rest.is_empty() {
        return Ok(());
    }
    o.push_str("## Notes\n\n");
    for n in rest {
        match (&n.target, note_passage(&an.corpus, n)) {
            (NoteTarget::Passage { .. }, Some((a, passage))) => {
                writeln!(o, "> **{}**  \n> {}\n", md(&a.source), md(passage))?;
            }
            (NoteTarget::Passage { .. }, None) => o.push_str("On a passage no longer found:\n\n"),
            (NoteTarget::Event { label }, _) => writeln!(o, "On an event no longer found: {}\n", md(label))?,
        }
        note_item(o, &n.text)?;
        o.push('\n');
    }
    Ok(())
}

/// A note as a list item, its lines kept as hard line breaks.
fn note_item(o: &mut String, text: &str) -> fmt::Result {
    let lines: Vec<String> = text.lines().map(md).filter(|l| !l.is_empty()).collect();
    writeln!(o, "- {}", lines.join("  \n  "))
}

/// Untrusted text as one line of Markdown that renders as exactly that text: controls made
/// visible, line breaks as spaces, leading spaces dropped (they could open a code block), and
/// every character that could start markup escaped, including a list or heading marker at the
/// start.
pub fn md(text: &str) -> String {
    guard_start(&md_inline(text.trim_start()))
}

/// An escaped line with a list, heading-underline or ordered-list marker at its start escaped.
fn guard_start(line: &str) -> String {
    let mut s = line.to_string();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if s.starts_with(['-', '+', '=']) {
        s.insert(0, '\\');
    } else if digits > 0 && matches!(s.as_bytes().get(digits), Some(b'.' | b')')) {
        s.insert(digits, '\\');
    }
    s
}

/// Untrusted text escaped for the middle of a Markdown line (variant parts).
fn md_inline(text: &str) -> String {
    let line = safe_line(text);
    let mut s = String::with_capacity(line.len() + line.len() / 8);
    let mut prev: [char; 3] = [' '; 3];
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '@' | '!' | '$' => {
                s.push('\\');
                s.push(c);
            }
            // Break autolinks: `scheme://` and `www.` are recognised without any markup.
            ':' if chars.peek() == Some(&'/') => s.push_str("\\:"),
            '.' if prev.iter().all(|p| p.eq_ignore_ascii_case(&'w')) => s.push_str("\\."),
            c => s.push(c),
        }
        prev = [prev[1], prev[2], c];
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(md("*a* _b_ [c](d) <i>"), "\\*a\\* \\_b\\_ \\[c\\](d) \\<i\\>");
        assert_eq!(md("# h | x"), "\\# h \\| x");
        assert_eq!(md("`code` ~~s~~"), "\\`code\\` \\~\\~s\\~\\~");
    }

    #[test]
    fn line_starts_and_autolinks_are_broken() {
        assert_eq!(md("- item"), "\\- item");
        assert_eq!(md("    12. item"), "12\\. item");
        assert_eq!(md("3) x"), "3\\) x");
        assert_eq!(
            md("see https://evil.example and www.evil.example"),
            "see https\\://evil.example and www\\.evil.example"
        );
        assert_eq!(md("a@b.example"), "a\\@b.example");
    }

    #[test]
    fn controls_and_line_breaks_are_neutral() {
        assert_eq!(md("a\u{1b}[2Jb\nc"), "a␛\\[2Jb c");
    }
}
