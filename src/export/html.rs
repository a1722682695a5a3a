//! The HTML export: one self-contained page (inline CSS, no script, no network; a content
//! security policy forbids both) with the articles side by side, every mention tinted in its
//! event's palette colour, an event index linking to each mention, each event's variants with
//! word differences as `<ins>`/`<del>`, the coverage matrix, quotes with their speakers,
//! discrepancies and the user's notes.
//!
//! Everything that came with the articles is untrusted: it reaches the page only through `esc`
//! (text and attribute values alike), which also neutralises control and formatting characters
//! as `display::shown` does for the terminal. Only http(s) urls become links.

mod tables;

use super::{View, credited_to, event_notes, left_out, mention_anchor};
use crate::display::{Shown, shown};
use crate::model::{Analysis, Article, Confidence, Event, EventKind, Note};
use crate::view::{Change, Piece, StoryView, kind_name, variants};

/// The mark of an event resting on thin evidence, in the index and on its section.
const WEAK_TAG: &str =
    " <span class=\"tag weak\" title=\"thin evidence: check before relying on it\">weak</span>";
use crate::palette;
use crate::speakers::credits::differing_credits;
use std::fmt::{self, Write};

const STYLE: &str = include_str!("html.css");

/// The page for an analysis, its notes and the current view.
pub fn render(analysis: &Analysis, notes: &[Note], view: View) -> String {
    let mut page = String::with_capacity(64 * 1024 + 4 * total_text(analysis));
    // Writing into a String cannot fail.
    let _ = page_into(&mut page, analysis, notes, view);
    page
}

fn total_text(analysis: &Analysis) -> usize {
    analysis.corpus.articles.iter().map(|a| a.text.len()).sum()
}

fn page_into(o: &mut String, an: &Analysis, notes: &[Note], view: View) -> fmt::Result {
    let corpus = &an.corpus;
    let title = corpus.display_title();
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
    o.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; img-src data:; form-action 'none'\">\n",
    );
    o.push_str("<meta name=\"generator\" content=\"parallax\">\n");
    writeln!(o, "<title>{} · parallax</title>", esc(&title))?;
    o.push_str("<style>\n");
    o.push_str(STYLE);
    let story = StoryView::new(an, notes.iter().map(|n| &n.target));
    tints(o, an, &story)?;
    o.push_str("</style>\n</head>\n<body>\n");

    header(o, an, &title, view)?;
    index(o, an, &story)?;
    columns(o, an, &story, view)?;
    events(o, an, &story, notes, view)?;
    tables::coverage(o, an, &story)?;
    tables::quotes(o, an)?;
    tables::discrepancies(o, an)?;
    tables::all_notes(o, an, notes)?;
    o.push_str("<footer>Exported by parallax. Article texts are quoted as the sources published them; highlights and differences are computed, not editorial.</footer>\n");
    o.push_str("</body>\n</html>\n");
    Ok(())
}

/// The palette as variables (`--s0`…, light and dark), one class per entry (`.tN` sets an
/// element's `--tint`, `.bN` colours an event's border), and per event the rule that fills its
/// mentions with its colour while one of them is under the pointer, or the event or one of its
/// mentions is the page's target (a link in the index). Only CSS: no script.
fn tints(o: &mut String, an: &Analysis, story: &StoryView) -> fmt::Result {
    let slots = |o: &mut String, dark: bool| -> fmt::Result {
        o.push_str(":root{");
        for i in 0..palette::LIGHT_TINTS.len() {
            write!(o, "--s{i}:{};", palette::tint(i, dark).hex())?;
        }
        o.push_str("}\n");
        Ok(())
    };
    slots(o, false)?;
    o.push_str("@media (prefers-color-scheme: dark) {\n");
    slots(o, true)?;
    o.push_str("}\n@media print {\n");
    slots(o, false)?;
    o.push_str("}\n");
    for i in 0..palette::LIGHT_TINTS.len() {
        writeln!(
            o,
            ".t{i}{{--tint:var(--s{i})}} .b{i}{{border-left-color:var(--s{i})}}"
        )?;
    }
    for e in &an.events {
        let id = e.id;
        writeln!(
            o,
            "body:has(.{id}:hover,#{id}:target,[id^=\"{id}-\"]:target) .m.{id}{{background:var(--s{})}}",
            story.color(id)
        )?;
    }
    Ok(())
}

/// The palette slot of an event, as in the reader.
fn tint_class(story: &StoryView, event: &Event) -> usize {
    story.color(event.id)
}

fn header(o: &mut String, an: &Analysis, title: &str, view: View) -> fmt::Result {
    let corpus = &an.corpus;
    writeln!(o, "<header>\n<h1>{}</h1>", esc(title))?;
    let differs = match an.discrepancies.len() {
        0 => String::new(),
        1 => " · <a href=\"#discrepancies\">1 discrepancy</a>".to_string(),
        n => format!(" · <a href=\"#discrepancies\">{n} discrepancies</a>"),
    };
    writeln!(
        o,
        "<p class=\"sub\">{} sources · {} shared events · <a href=\"#coverage\">coverage</a> · <a href=\"#events\">variants</a>{differs}</p>",
        corpus.articles.len(),
        an.events.len()
    )?;
    o.push_str("<ol class=\"sources\">\n");
    for a in &corpus.articles {
        write!(
            o,
            "<li><a href=\"#{}\"><b>{}</b></a> — {}",
            a.id,
            esc(&a.source),
            esc(&a.title)
        )?;
        source_meta(o, a)?;
        o.push_str("</li>\n");
    }
    o.push_str("</ol>\n");
    if let Some(e) = view.focus.and_then(|id| an.events.get(id.index())) {
        writeln!(
            o,
            "<p class=\"focus-note\">Current event: <a href=\"#{}\">{} {}</a></p>",
            e.id,
            e.id,
            esc(&e.label)
        )?;
    }
    o.push_str("</header>\n");
    Ok(())
}

/// Date and url of a source; the url is a link only when it is http(s).
fn source_meta(o: &mut String, a: &Article) -> fmt::Result {
    if let Some(date) = &a.date {
        write!(o, " <span class=\"src-meta\">· {}</span>", esc(date))?;
    }
    if let Some(url) = &a.url {
        let lower = url.trim().to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            write!(
                o,
                " <span class=\"src-meta\">· <a href=\"{}\" rel=\"noopener noreferrer nofollow\">{}</a></span>",
                esc(url.trim()),
                esc(url)
            )?;
        } else {
            write!(o, " <span class=\"src-meta\">· {}</span>", esc(url))?;
        }
    }
    Ok(())
}

fn index(o: &mut String, an: &Analysis, story: &StoryView) -> fmt::Result {
    o.push_str("<nav id=\"index\" aria-label=\"Events\">\n<h2>Events</h2>\n");
    if an.events.is_empty() {
        o.push_str("<p>No event is shared by two or more sources.</p>\n</nav>\n");
        return Ok(());
    }
    o.push_str("<ol class=\"index\">\n");
    for e in &an.events {
        write!(
            o,
            "<li class=\"{}\"><span class=\"swatch t{}\"></span><span class=\"label\"><a href=\"#{}\"><span class=\"eid\">{}</span> {}</a>",
            e.id,
            tint_class(story, e),
            e.id,
            e.id,
            esc(&e.label)
        )?;
        if e.kind == EventKind::Quote {
            o.push_str(" <span class=\"tag\">quote</span>");
        }
        if e.confidence == Confidence::Weak {
            o.push_str(WEAK_TAG);
        }
        // A conflict outweighs differences of wording in the tag.
        if let Some(d) = an
            .discrepancies
            .iter()
            .filter(|d| d.event == e.id)
            .min_by_key(|d| d.difference)
        {
            let kind = d.difference.as_str();
            write!(
                o,
                " <a class=\"tag differs {kind}\" href=\"#discrepancies\">figures differ ({kind})</a>"
            )?;
        }
        if !differing_credits(e).is_empty() {
            write!(
                o,
                " <a class=\"tag differs\" href=\"#{}\">speakers differ</a>",
                e.id
            )?;
        }
        o.push_str("</span><span class=\"chips\">");
        for (i, a) in an.corpus.articles.iter().enumerate() {
            if e.reports(a.id) {
                write!(
                    o,
                    "<a class=\"chip t{}\" href=\"#{}\" title=\"{}\">{}</a>",
                    tint_class(story, e),
                    mention_anchor(e.id, a.id, 0),
                    esc(&a.source),
                    i + 1
                )?;
            } else {
                write!(
                    o,
                    "<span class=\"chip off\" title=\"not in {}\">–</span>",
                    esc(&a.source)
                )?;
            }
        }
        o.push_str("</span></li>\n");
    }
    o.push_str("</ol>\n</nav>\n");
    Ok(())
}

fn columns(o: &mut String, an: &Analysis, story: &StoryView, view: View) -> fmt::Result {
    o.push_str("<section id=\"articles\">\n<h2>Articles</h2>\n<div class=\"cols\">\n");
    for a in &an.corpus.articles {
        write!(
            o,
            "<article class=\"col\" id=\"{}\">\n<header><h3>{}</h3><div class=\"ctitle\">{}</div>",
            a.id,
            esc(&a.source),
            esc(&a.title)
        )?;
        let reported = an.events.iter().filter(|e| e.reports(a.id)).count();
        writeln!(
            o,
            "<div class=\"meta\">{} of {} shared events</div></header>",
            reported,
            an.events.len()
        )?;
        let pieces = story
            .article(a.id.index())
            .map_or(&[][..], |v| v.pieces.as_slice());
        column_text(o, an, story, a, pieces, view)?;
        o.push_str("</article>\n");
    }
    o.push_str("</div>\n</section>\n");
    Ok(())
}

/// An article's text as paragraphs, mentions tinted, quotes marked, mention anchors placed.
fn column_text(
    o: &mut String,
    an: &Analysis,
    story: &StoryView,
    a: &Article,
    ps: &[Piece],
    view: View,
) -> fmt::Result {
    o.push_str("<p>");
    let mut empty = true;
    for p in ps {
        if p.brk {
            if !empty {
                o.push_str("</p>\n<p>");
                empty = true;
            }
            continue;
        }
        for &(event, nth) in &p.starts {
            write!(
                o,
                "<a class=\"eno\" id=\"{}\" href=\"#{event}\">{}</a>",
                mention_anchor(event, a.id, nth),
                event.index() + 1
            )?;
        }
        let text = esc(a.slice(p.span));
        if text.trim().is_empty() && p.events.is_empty() {
            o.push_str(&text);
            continue;
        }
        empty = false;
        let quote = p.quote.and_then(|i| an.quotes.get(i));
        let events: Vec<&Event> = p
            .events
            .iter()
            .filter_map(|id| an.events.get(id.index()))
            .collect();
        match events.first() {
            Some(first) => {
                let mut class = format!("m t{}", tint_class(story, first));
                for e in &events {
                    write!(class, " {}", e.id)?;
                }
                if events.len() > 1 {
                    class.push_str(" multi");
                }
                if view.focus.is_some_and(|f| p.events.contains(&f)) {
                    class.push_str(" cur");
                }
                if quote.is_some() {
                    class.push_str(" q");
                }
                if p.figure {
                    class.push_str(" fig");
                }
                let mut tip: Vec<String> = events.iter().map(|e| format!("{} {}", e.id, e.label)).collect();
                if p.figure {
                    tip.push("the sources disagree on this figure".to_string());
                }
                if let Some(q) = quote {
                    tip.push(format!(
                        "quote: {}",
                        q.speaker.as_deref().unwrap_or("speaker unknown")
                    ));
                }
                write!(
                    o,
                    "<a class=\"{class}\" href=\"#{}\" title=\"{}\">{text}</a>",
                    first.id,
                    esc(&tip.join(" · "))
                )?;
            }
            None => match quote {
                Some(q) => write!(
                    o,
                    "<span class=\"q\" title=\"quote: {}\">{text}</span>",
                    esc(q.speaker.as_deref().unwrap_or("speaker unknown"))
                )?,
                None => o.push_str(&text),
            },
        }
    }
    o.push_str("</p>\n");
    Ok(())
}

fn events(o: &mut String, an: &Analysis, story: &StoryView, notes: &[Note], view: View) -> fmt::Result {
    o.push_str("<section id=\"events\">\n<h2>Variants</h2>\n");
    let corpus = &an.corpus;
    for e in &an.events {
        let cur = if view.focus == Some(e.id) { " cur" } else { "" };
        writeln!(
            o,
            "<section class=\"event b{}{cur}\" id=\"{}\">\n<h3><span class=\"swatch t{}\"></span> <span class=\"eid\">{}</span> {}</h3>",
            tint_class(story, e),
            e.id,
            tint_class(story, e),
            e.id,
            esc(&e.label)
        )?;
        let kind = kind_name(e.kind);
        write!(o, "<p class=\"meta\">{kind}")?;
        if e.confidence == Confidence::Weak {
            o.push_str(WEAK_TAG);
        }
        if let Some(s) = &e.speaker {
            write!(o, " · speaker <b>{}</b>", esc(s))?;
        }
        write!(
            o,
            " · reported by {} of {}",
            e.sources.len(),
            corpus.articles.len()
        )?;
        let missing = left_out(corpus, e);
        if !missing.is_empty() {
            let names: Vec<String> = missing.iter().map(|a| esc(&a.source)).collect();
            write!(o, " · left out by {}", names.join(", "))?;
        }
        for d in an.discrepancies.iter().filter(|d| d.event == e.id) {
            let values: Vec<String> = d.values.values().map(|v| esc(v)).collect();
            write!(
                o,
                " · <a class=\"tag differs {kind}\" href=\"#discrepancies\">{} differs ({kind})</a> {}",
                esc(&d.what),
                values.join(" / "),
                kind = d.difference.as_str()
            )?;
        }
        if let Some(who) = credited_to(corpus, e, |s| format!("<b>{}</b>", esc(s)), esc) {
            write!(
                o,
                " · <span class=\"tag differs\">speakers differ</span> credited to {who}"
            )?;
        }
        o.push_str("</p>\n<ol class=\"variants\">\n");
        for v in variants(an, e) {
            let Some(m) = e.mentions.get(v.mention) else {
                continue;
            };
            let Some(article) = corpus.articles.get(m.article.index()) else {
                continue;
            };
            write!(
                o,
                "<li><a class=\"who\" href=\"#{}\">{}</a><span class=\"tag\">{}</span>",
                mention_anchor(e.id, m.article, 0),
                esc(&article.source),
                m.match_kind.as_str()
            )?;
            if m.quote {
                o.push_str("<span class=\"tag\">quoted</span>");
            }
            let class = if m.quote { " class=\"quote\"" } else { "" };
            write!(o, "<blockquote{class}>")?;
            for (change, text) in v.inline(corpus, e) {
                let text = esc(text);
                match change {
                    Change::Same => o.push_str(&text),
                    Change::Deleted => write!(o, "<del>{text}</del>")?,
                    Change::Inserted => write!(o, "<ins>{text}</ins>")?,
                }
            }
            o.push_str("</blockquote></li>\n");
        }
        o.push_str("</ol>\n");
        let mine = event_notes(notes, e);
        if !mine.is_empty() {
            o.push_str("<div class=\"notes\"><b>Notes</b>");
            for n in mine {
                write!(o, "<p>{}</p>", esc_block(&n.text))?;
            }
            o.push_str("</div>\n");
        }
        o.push_str("</section>\n");
    }
    o.push_str("</section>\n");
    Ok(())
}

/// Untrusted text as HTML text or attribute value (always double-quoted): the five markup
/// characters as references, controls as visible stand-ins, invisible formatting dropped,
/// line breaks as spaces.
pub fn esc(text: &str) -> String {
    escape(text, false)
}

/// Like `esc`, keeping line breaks (for notes shown with `white-space: pre-wrap`).
fn esc_block(text: &str) -> String {
    escape(text, true)
}

fn escape(text: &str, keep_lines: bool) -> String {
    let mut s = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match shown(c) {
            Shown::Keep => match c {
                '&' => s.push_str("&amp;"),
                '<' => s.push_str("&lt;"),
                '>' => s.push_str("&gt;"),
                '"' => s.push_str("&quot;"),
                '\'' => s.push_str("&#39;"),
                '\n' if !keep_lines => s.push(' '),
                c => s.push(c),
            },
            Shown::Replace(r) => s.push(r),
            Shown::Hide => {}
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esc_makes_markup_and_controls_inert() {
        assert_eq!(
            esc("<img src=x onerror=\"alert('1')\">&\u{1b}[31m\u{202e}"),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;␛[31m"
        );
        assert_eq!(esc("a\nb"), "a b");
        assert_eq!(esc_block("a\nb"), "a\nb");
    }
}
