//! Hostile articles: markup, script, `javascript:` urls, Markdown injection and terminal escapes
//! in the text and in every field that comes with it. Every export must come out inert: no
//! element, attribute, link or escape sequence from an article survives as anything but text.

use parallax::export::{Format, View, write_view};
use parallax::ingest::{RawArticle, build};
use parallax::model::{
    Analysis, ArticleId, Difference, Discrepancy, Event, EventId, EventKind, MatchKind, Mention, Note,
    NoteTarget, Quote, SentenceId, Span,
};
use parallax::{Settings, analyse};
use pulldown_cmark::{Event as Md, Options, Parser, Tag};
use scraper::{Html, Selector};
use std::collections::BTreeMap;

const ONE: &str = include_str!("fixtures/hostile/one.txt");
const TWO: &str = include_str!("fixtures/hostile/two.md");
const EVIL: &str =
    "<script>alert(9)</script><img src=x onerror=alert(9)>[x](javascript:alert(9)) \u{1b}[31m\u{202e}";

fn hostile() -> (Analysis, Vec<Note>) {
    let raws = vec![
        RawArticle {
            path: "one.txt".into(),
            source: Some("<b onmouseover=alert(1)>Wire</b>".into()),
            title: Some("\"><script>alert(1)</script>".into()),
            url: Some("javascript:alert(1)".into()),
            date: Some("<i>today</i>\u{1b}[2J".into()),
            text: ONE.into(),
        },
        RawArticle {
            path: "two.md".into(),
            source: Some("[Daily](javascript:alert(2))".into()),
            title: None,
            url: Some("https://example.org/?q=\"><script>alert(3)</script>".into()),
            date: None,
            text: TWO.into(),
        },
    ];
    let corpus = build(Some(format!("Title {EVIL}")), raws);
    let mut analysis = analyse(corpus, &Settings::default());
    // An event, a quote and a discrepancy made of the worst parts, whatever alignment finds.
    let script_in = |i: usize| {
        let text = &analysis.corpus.articles[i].text;
        let start = text.find("<script>").expect("fixture has a script tag");
        Span::new(start, text[start..].find('.').map_or(text.len(), |e| start + e))
    };
    let (s1, s2) = (script_in(0), script_in(1));
    let id = EventId::from_index(analysis.events.len());
    analysis.events.push(Event {
        id,
        label: format!("Label {EVIL}"),
        kind: EventKind::Quote,
        speaker: Some(format!("Speaker {EVIL}")),
        sources: vec![ArticleId(0), ArticleId(1)],
        mentions: vec![
            Mention {
                article: ArticleId(0),
                span: s1,
                sentence: SentenceId(0),
                quote: true,
                match_kind: MatchKind::Reworded,
                speaker: Some(format!("Lawyer {EVIL}")),
            },
            Mention {
                article: ArticleId(1),
                span: s2,
                sentence: SentenceId(0),
                quote: true,
                match_kind: MatchKind::Reworded,
                speaker: Some(format!("Spokesman {EVIL}")),
            },
        ],
        cohesion: 0.5,
        agreement: Default::default(),
        confidence: parallax::model::Confidence::Weak,
    });
    analysis.quotes.push(Quote {
        article: ArticleId(1),
        span: s2,
        speaker: Some(format!("Quoted {EVIL}")),
        person: true,
        marked: true,
    });
    analysis.discrepancies.push(Discrepancy {
        event: id,
        what: format!("number {EVIL}"),
        values: BTreeMap::from([
            (ArticleId(0), EVIL.to_string()),
            (ArticleId(1), "<b>8</b>".to_string()),
        ]),
        spans: BTreeMap::new(),
        unit: None,
        difference: Difference::Conflict,
    });
    let notes = vec![
        Note {
            target: NoteTarget::Event {
                label: format!("Label {EVIL}"),
            },
            text: format!("note {EVIL}\n- line two"),
        },
        Note {
            target: NoteTarget::Passage {
                article: 1,
                start: s2.start,
                end: s2.end,
            },
            text: EVIL.into(),
        },
        Note {
            target: NoteTarget::Passage {
                article: 7,
                start: 0,
                end: 99,
            },
            text: "points nowhere".into(),
        },
    ];
    (analysis, notes)
}

fn export(format: Format) -> String {
    let (analysis, notes) = hostile();
    let mut out = Vec::new();
    let view = View {
        focus: Some(EventId(0)),
    };
    write_view(&analysis, &notes, format, view, &mut out).expect("export to memory");
    String::from_utf8(out).expect("UTF-8 output")
}

/// No terminal escapes or text-reordering characters reach any output.
fn no_controls(out: &str) {
    assert!(!out.contains('\u{1b}'), "raw escape");
    assert!(!out.contains('\u{7}'), "raw bell");
    assert!(!out.contains('\u{202e}'), "bidi override");
}

#[test]
fn html_from_hostile_articles_is_inert() {
    let html = export(Format::Html);
    no_controls(&html);
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "no script element at all");
    assert!(!lower.contains("<img"), "no unescaped img");
    assert!(!lower.contains("<iframe"));
    assert!(!lower.contains("<b "), "no article markup");
    assert!(!lower.contains("href=\"javascript"));
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the text is still shown"
    );
    assert!(html.contains("&lt;img src=x onerror=alert(9)&gt;"));

    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "HTML5 parse errors: {:?}", doc.errors);
    let all = Selector::parse("*").unwrap();
    for el in doc.select(&all) {
        let name = el.value().name();
        assert!(
            !matches!(
                name,
                "script" | "img" | "iframe" | "object" | "embed" | "svg" | "math" | "form" | "base" | "link"
            ),
            "element <{name}> in the page"
        );
        for (attr, value) in el.value().attrs() {
            assert!(!attr.starts_with("on"), "event handler {attr}={value}");
            if attr == "href" {
                assert!(
                    value.starts_with('#') || value.starts_with("https://") || value.starts_with("http://"),
                    "live link {value}"
                );
            }
        }
    }
    assert_eq!(
        doc.select(&Selector::parse("style").unwrap()).count(),
        1,
        "only the page's own style"
    );
    assert!(doc.select(&Selector::parse("del, ins").unwrap()).count() > 0);
}

#[test]
fn parse_error_check_is_not_vacuous() {
    assert!(
        !Html::parse_document("<!DOCTYPE html><p><div></p>")
            .errors
            .is_empty()
    );
}

#[test]
fn markdown_from_hostile_articles_is_inert() {
    let md = export(Format::Markdown);
    no_controls(&md);
    // GFM autolinks `scheme://` and `www.` with no markup at all; an escaped `:` or `.` breaks them.
    assert!(!md.replace("\\://", "").contains("://"), "no autolinkable url");
    assert!(!md.to_ascii_lowercase().contains("www."), "no www autolink");
    assert!(!md.contains(" x@evil"), "no email autolink");
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    let (mut h1, mut quoted) = (0, 0);
    for event in Parser::new_ext(&md, options) {
        match event {
            Md::Start(Tag::BlockQuote(_)) => quoted += 1,
            Md::End(pulldown_cmark::TagEnd::BlockQuote(_)) => quoted -= 1,
            Md::Start(Tag::List(_) | Tag::Heading { .. } | Tag::Table(_)) if quoted > 0 => {
                panic!("structure from article text inside a quoted mention")
            }
            Md::Start(Tag::Link { dest_url, .. }) => panic!("live link to {dest_url}"),
            Md::Start(Tag::Image { dest_url, .. }) => panic!("image from {dest_url}"),
            Md::Start(Tag::CodeBlock(_)) | Md::Code(_) => panic!("code from article text"),
            Md::Start(Tag::Strikethrough) => panic!("strikethrough from article text"),
            Md::Start(Tag::Heading {
                level: pulldown_cmark::HeadingLevel::H1,
                ..
            }) => h1 += 1,
            Md::Html(h) | Md::InlineHtml(h) => {
                assert!(
                    matches!(h.trim(), "<del>" | "</del>" | "<ins>" | "</ins>" | "<br>"),
                    "raw HTML {h:?}"
                );
            }
            _ => {}
        }
    }
    assert_eq!(h1, 1, "only the title is a first-level heading");
    let mut rendered = String::new();
    pulldown_cmark::html::push_html(&mut rendered, Parser::new_ext(&md, options));
    assert!(!rendered.contains("<script") && !rendered.contains("<img") && !rendered.contains("<a "));
    assert!(rendered.contains("&lt;script&gt;"), "the text is still shown");
}

#[test]
fn json_keeps_the_text_byte_for_byte() {
    let json = export(Format::Json);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["articles"][0]["text"], ONE);
    assert_eq!(doc["notes"].as_array().map(Vec::len), Some(3));
}
