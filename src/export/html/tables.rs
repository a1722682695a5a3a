//! The HTML export's tables after the articles: the coverage matrix (events × sources, with
//! the omissions and exclusives of each source), the quotes with their speakers, the
//! discrepancies and every note. All article text goes through `esc`.

use super::{esc, esc_block, tint_class};
use crate::export::{mention_anchor, note_passage};
use crate::model::{Analysis, Note, NoteTarget};
use crate::view::StoryView;
use std::fmt::{self, Write};

pub fn coverage(o: &mut String, an: &Analysis, story: &StoryView) -> fmt::Result {
    let articles = &an.corpus.articles;
    o.push_str("<section id=\"coverage\">\n<h2>Coverage</h2>\n");
    o.push_str(
        "<p class=\"meta\">Which source reports which shared event (✓), and which leaves it out (—).</p>\n",
    );
    o.push_str("<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th>Event</th>");
    for (i, a) in articles.iter().enumerate() {
        write!(
            o,
            "<th class=\"src\" title=\"{}\">{} {}</th>",
            esc(&a.title),
            i + 1,
            esc(&a.source)
        )?;
    }
    o.push_str("<th>Sources</th></tr></thead>\n<tbody>\n");
    for e in &an.events {
        write!(
            o,
            "<tr><td><span class=\"swatch t{}\"></span> <a href=\"#{}\">{} {}</a></td>",
            tint_class(story, e),
            e.id,
            e.id,
            esc(&e.label)
        )?;
        for a in articles {
            if e.reports(a.id) {
                write!(
                    o,
                    "<td class=\"yes t{}\"><a href=\"#{}\" title=\"{} reports it\">✓</a></td>",
                    tint_class(story, e),
                    mention_anchor(e.id, a.id, 0),
                    esc(&a.source)
                )?;
            } else {
                write!(
                    o,
                    "<td class=\"no\" title=\"{} leaves it out\">—</td>",
                    esc(&a.source)
                )?;
            }
        }
        writeln!(o, "<td>{}/{}</td></tr>", e.sources.len(), articles.len())?;
    }
    o.push_str("</tbody>\n<tfoot><tr><td>Reported</td>");
    for a in articles {
        let n = an.events.iter().filter(|e| e.reports(a.id)).count();
        write!(o, "<td class=\"yes\">{n}/{}</td>", an.events.len())?;
    }
    o.push_str("<td></td></tr>\n");
    let report = crate::coverage::coverage(an);
    o.push_str("<tr><td>Left out</td>");
    for c in &report {
        write!(o, "<td class=\"no\">{}</td>", c.omitted.len())?;
    }
    o.push_str("<td></td></tr>\n<tr><td>Exclusives</td>");
    for c in &report {
        write!(o, "<td>{}</td>", c.exclusives.len())?;
    }
    o.push_str("<td></td></tr></tfoot>\n</table></div>\n");
    exclusives(o, an, &report)?;
    o.push_str("</section>\n");
    Ok(())
}

/// Per source, what it alone reports: a short list, the rest counted.
fn exclusives(o: &mut String, an: &Analysis, report: &[crate::coverage::SourceCoverage]) -> fmt::Result {
    if report.iter().all(|c| c.exclusives.is_empty()) {
        return Ok(());
    }
    o.push_str("<h3>Only in one source</h3>\n<dl class=\"exclusives\">\n");
    for c in report.iter().filter(|c| !c.exclusives.is_empty()) {
        let Some(a) = an.corpus.articles.get(c.article.index()) else {
            continue;
        };
        writeln!(
            o,
            "<dt>{} {} <span class=\"meta\">· leaves out {} of {} shared events · {} exclusive{}</span></dt>",
            c.article.index() + 1,
            esc(&a.source),
            c.omitted.len(),
            an.events.len(),
            c.exclusives.len(),
            if c.exclusives.len() == 1 { "" } else { "s" }
        )?;
        for x in c.exclusives.iter().take(crate::export::EXCLUSIVES_LISTED) {
            let what = match &x.kind {
                crate::coverage::ExclusiveKind::Quote { speaker } => format!("quote · {}", esc(speaker)),
                crate::coverage::ExclusiveKind::Figure => "figure".to_string(),
            };
            writeln!(
                o,
                "<dd><span class=\"meta\">{what}:</span> {}</dd>",
                esc(&crate::export::excerpt(&an.corpus, x, 200))
            )?;
        }
        let rest = c
            .exclusives
            .len()
            .saturating_sub(crate::export::EXCLUSIVES_LISTED);
        if rest > 0 {
            writeln!(o, "<dd class=\"meta\">and {rest} more</dd>")?;
        }
    }
    o.push_str("</dl>\n");
    Ok(())
}

pub fn quotes(o: &mut String, an: &Analysis) -> fmt::Result {
    if an.quotes.is_empty() {
        return Ok(());
    }
    o.push_str("<section id=\"quotes\">\n<h2>Quotes</h2>\n<div class=\"scroll\"><table class=\"quotes\">\n");
    o.push_str("<thead><tr><th>Source</th><th>Speaker</th><th>Quote</th></tr></thead>\n<tbody>\n");
    for q in &an.quotes {
        let Some(a) = an.corpus.articles.get(q.article.index()) else {
            continue;
        };
        writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>“{}”</td></tr>",
            esc(&a.source),
            esc(q.speaker.as_deref().unwrap_or("—")),
            esc(a.slice(q.span))
        )?;
    }
    o.push_str("</tbody>\n</table></div>\n</section>\n");
    Ok(())
}

pub fn discrepancies(o: &mut String, an: &Analysis) -> fmt::Result {
    if an.discrepancies.is_empty() {
        return Ok(());
    }
    o.push_str("<section id=\"discrepancies\">\n<h2>Discrepancies</h2>\n<div class=\"scroll\"><table>\n");
    o.push_str("<thead><tr><th>Event</th><th>What</th><th>Type</th><th>Values</th></tr></thead>\n<tbody>\n");
    for d in &an.discrepancies {
        let label = an.events.get(d.event.index()).map_or("", |e| e.label.as_str());
        write!(
            o,
            "<tr><td><a href=\"#{}\">{} {}</a></td><td>{}</td><td>{}</td><td>",
            d.event,
            d.event,
            esc(label),
            esc(&d.what),
            d.difference.as_str()
        )?;
        for (i, (article, value)) in d.values.iter().enumerate() {
            let source = an
                .corpus
                .articles
                .get(article.index())
                .map_or("?", |a| a.source.as_str());
            let sep = if i == 0 { "" } else { "<br>" };
            write!(o, "{sep}<b>{}</b>: {}", esc(source), esc(value))?;
        }
        o.push_str("</td></tr>\n");
    }
    o.push_str("</tbody>\n</table></div>\n</section>\n");
    Ok(())
}

pub fn all_notes(o: &mut String, an: &Analysis, notes: &[Note]) -> fmt::Result {
    if notes.is_empty() {
        return Ok(());
    }
    o.push_str("<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
    for n in notes {
        o.push_str("<li>");
        match &n.target {
            NoteTarget::Event { label } => match an.events.iter().find(|e| e.label == *label) {
                Some(e) => write!(o, "On <a href=\"#{}\">{} {}</a>", e.id, e.id, esc(label))?,
                None => write!(o, "On an event no longer found: {}", esc(label))?,
            },
            NoteTarget::Passage { .. } => match note_passage(&an.corpus, n) {
                Some((a, passage)) => write!(
                    o,
                    "On <a href=\"#{}\">{}</a>: <q>{}</q>",
                    a.id,
                    esc(&a.source),
                    esc(passage)
                )?,
                None => o.push_str("On a passage no longer found"),
            },
        }
        writeln!(o, "<div class=\"notes\"><p>{}</p></div></li>", esc_block(&n.text))?;
    }
    o.push_str("</ul>\n</section>\n");
    Ok(())
}
