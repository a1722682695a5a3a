//! Exports of the bundled story, pinned by snapshots in each format, and the HTML checked by a
//! conforming HTML5 parser. Alignment is tuned elsewhere, so the events in these snapshots are
//! expected to change with it; review and accept them then.

use parallax::export::{Format, View, write, write_view};
use parallax::model::{EventId, Note, NoteTarget};
use parallax::{Analysis, Settings, analyse, ingest};
use scraper::{Html, Selector};

fn bundled() -> Analysis {
    analyse(ingest::bundled(), &Settings::default())
}

/// One note on the first event and one on a passage of the first article.
fn notes(analysis: &Analysis) -> Vec<Note> {
    vec![
        Note {
            target: NoteTarget::Event {
                label: analysis.events[0].label.clone(),
            },
            text: "Every source carries this one.\nCheck the wording against the transcript.".into(),
        },
        Note {
            target: NoteTarget::Passage {
                article: 0,
                start: 0,
                end: 26,
            },
            text: "Headline framing.".into(),
        },
    ]
}

fn export(analysis: &Analysis, notes: &[Note], format: Format, view: View) -> String {
    let mut out = Vec::new();
    write_view(analysis, notes, format, view, &mut out).expect("export to memory");
    String::from_utf8(out).expect("UTF-8 output")
}

#[test]
fn bundled_story_html() {
    let analysis = bundled();
    let html = export(&analysis, &notes(&analysis), Format::Html, View::default());
    insta::assert_snapshot!(html);
}

#[test]
fn bundled_story_markdown() {
    let analysis = bundled();
    let md = export(&analysis, &notes(&analysis), Format::Markdown, View::default());
    insta::assert_snapshot!(md);
}

#[test]
fn json_keeps_the_contract_and_adds_notes_last() {
    let analysis = bundled();
    let notes = notes(&analysis);
    let json = export(&analysis, &notes, Format::Json, View::default());
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    // Top-level keys in contract order (the only lines indented by exactly two spaces).
    let keys: Vec<&str> = json
        .lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .filter_map(|l| l.split('"').next())
        .collect();
    assert_eq!(
        keys,
        ["schema_version", "articles", "events", "discrepancies", "notes"]
    );
    assert_eq!(doc["schema_version"], 1);
    insta::assert_json_snapshot!(doc["notes"]);
    // Without notes the array is there and empty.
    let mut plain = Vec::new();
    write(&analysis, &[], Format::Json, &mut plain).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&plain).unwrap();
    assert_eq!(doc["notes"], serde_json::json!([]));
}

#[test]
fn json_names_the_current_event_of_the_view_and_only_then() {
    let analysis = bundled();
    let view = View {
        focus: Some(EventId(11)),
    };
    let json = export(&analysis, &[], Format::Json, view);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["current_event"], "e12");
    assert_eq!(
        doc["events"][11]["id"], "e12",
        "it names an event of the same document"
    );
    let keys: Vec<&str> = json
        .lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .filter_map(|l| l.split('"').next())
        .collect();
    assert_eq!(keys[..2], ["schema_version", "current_event"]);
    // `parallax align` and a reader on no event leave it out.
    let plain = export(&analysis, &[], Format::Json, View::default());
    assert!(!plain.contains("current_event"));
}

#[test]
fn html_parses_without_errors() {
    let analysis = bundled();
    let view = View {
        focus: Some(EventId(0)),
    };
    let html = export(&analysis, &notes(&analysis), Format::Html, view);
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "HTML5 parse errors: {:?}", doc.errors);
    let count = |css: &str| doc.select(&Selector::parse(css).unwrap()).count();
    assert_eq!(count("script"), 0);
    assert_eq!(count("link"), 0, "nothing loaded from elsewhere");
    assert_eq!(count("article.col"), 5, "one column per article");
    assert_eq!(count("section.event"), analysis.events.len());
    assert_eq!(count("table.matrix tbody tr"), analysis.events.len());
    assert!(
        count(".cur") > 1,
        "the event in focus is emphasised in the columns"
    );
    // Every in-page link lands on an element of the page.
    let ids: std::collections::HashSet<&str> = doc
        .select(&Selector::parse("[id]").unwrap())
        .filter_map(|e| e.value().id())
        .collect();
    for a in doc.select(&Selector::parse("a[href^='#']").unwrap()) {
        let target = &a.value().attr("href").unwrap()[1..];
        assert!(ids.contains(target), "dangling link #{target}");
    }
    // Each event's first mention in each source it reports has an anchor.
    for e in &analysis.events {
        for a in &e.sources {
            assert!(ids.contains(format!("{}-{}", e.id, a).as_str()));
        }
    }
    assert!(html.contains("@media print"));
    assert!(html.contains("max-width: 700px"));
    assert!(html.contains("prefers-color-scheme: dark"));
}

#[test]
fn html_marks_word_differences() {
    let analysis = bundled();
    let html = export(&analysis, &[], Format::Html, View::default());
    assert!(html.contains("<del>") && html.contains("<ins>"));
    let md = export(&analysis, &[], Format::Markdown, View::default());
    assert!(md.contains("<del>") && md.contains("<ins>"));
    assert!(md.contains("## Coverage"));
}

#[test]
fn markdown_has_a_section_per_event_and_a_coverage_row_per_event() {
    let analysis = bundled();
    let md = export(&analysis, &notes(&analysis), Format::Markdown, View::default());
    let sections = md.lines().filter(|l| l.starts_with("### e")).count();
    assert_eq!(sections, analysis.events.len());
    let coverage = md
        .split("\n## ")
        .find(|s| s.starts_with("Coverage"))
        .expect("a coverage section");
    let rows = coverage.lines().filter(|l| l.starts_with("| e")).count();
    assert_eq!(rows, analysis.events.len());
    assert!(md.contains("Every source carries this one."));
    assert!(md.contains("Headline framing."));
}

#[test]
fn coverage_lists_what_each_source_leaves_out_and_reports_alone() {
    let analysis = bundled();
    let report = parallax::coverage::coverage(&analysis);
    let html = export(&analysis, &[], Format::Html, View::default());
    let markdown = export(&analysis, &[], Format::Markdown, View::default());
    let doc = Html::parse_document(&html);
    let foot = Selector::parse("#coverage tfoot tr").expect("selector");
    let rows: Vec<Vec<String>> = doc
        .select(&foot)
        .map(|tr| tr.text().map(str::to_string).collect())
        .collect();
    let left_out = rows.iter().find(|r| r[0] == "Left out").expect("left out row");
    let counts: Vec<String> = report.iter().map(|c| c.omitted.len().to_string()).collect();
    assert_eq!(&left_out[1..=counts.len()], counts.as_slice());
    assert!(markdown.contains(&format!("| **Left out** | {} |", counts.join(" | "))));
    let busiest = report.iter().max_by_key(|c| c.exclusives.len()).expect("sources");
    let first = parallax::export::excerpt(&analysis.corpus, &busiest.exclusives[0], 200);
    let dd = Selector::parse("#coverage dl.exclusives dd").expect("selector");
    assert!(
        doc.select(&dd)
            .any(|d| d.text().collect::<String>().contains(&first))
    );
    assert!(markdown.contains("### Only in one source"));
}

#[test]
fn html_points_to_the_discrepancies_from_the_header_and_the_event_index() {
    let analysis = bundled();
    let n = analysis.discrepancies.len();
    let html = export(&analysis, &[], Format::Html, View::default());
    assert!(html.contains(&format!("<a href=\"#discrepancies\">{n} discrepanc")));
    // The meeting's length: the sources hedge and round one figure.
    let meeting = duration(&analysis);
    let event = meeting.event;
    let row = html
        .lines()
        .find(|l| {
            l.contains(&format!(
                "<a href=\"#{event}\"><span class=\"eid\">{event}</span>"
            ))
        })
        .expect("the event's index row");
    assert!(
        row.contains("class=\"tag differs wording\" href=\"#discrepancies\">figures differ (wording)<"),
        "{row}"
    );
    // Only the rows of events with a discrepancy carry the tag; the section names what differs,
    // how (the sources hedge and round one length: wording, not a conflict) and the values.
    let events: std::collections::BTreeSet<_> = analysis.discrepancies.iter().map(|d| d.event).collect();
    assert_eq!(html.matches("figures differ").count(), events.len());
    assert!(html.contains(
        "<a class=\"tag differs wording\" href=\"#discrepancies\">duration differs (wording)</a> more than \
         seven-hour / seven hours / seven-hour / nearly eight hours"
    ));
    assert!(html.contains("<th>Type</th>") && html.contains("<td>duration</td><td>wording</td>"));
    // In the articles, each source's differing figure is marked where it is written.
    let doc = Html::parse_document(&html);
    let marked: Vec<String> = doc
        .select(&Selector::parse("#articles .m.fig").expect("selector"))
        .map(|e| e.text().collect())
        .collect();
    for value in meeting.values.values() {
        assert!(marked.contains(value), "{value:?} not marked in {marked:?}");
    }
}

#[test]
fn markdown_event_sections_name_the_figures_their_sources_disagree_on() {
    let analysis = bundled();
    let md = export(&analysis, &[], Format::Markdown, View::default());
    let event = duration(&analysis).event;
    let section = md
        .split("\n### ")
        .find(|s| s.starts_with(&format!("{event} ")))
        .expect("the event's section");
    assert!(
        section.contains(
            "- **duration differs** (wording): more than seven-hour / seven hours / seven-hour / nearly eight hours"
        ),
        "{section}"
    );
    assert_eq!(md.matches("differs**").count(), analysis.discrepancies.len());
}

/// The sample story's discrepancy on how long the meeting lasted.
fn duration(analysis: &Analysis) -> &parallax::model::Discrepancy {
    analysis
        .discrepancies
        .iter()
        .find(|d| d.what == "duration")
        .expect("the meeting's length differs")
}

#[test]
fn weak_events_are_marked_in_html_and_markdown() {
    let analysis = bundled();
    let weak: Vec<&parallax::model::Event> = analysis
        .events
        .iter()
        .filter(|e| e.confidence == parallax::model::Confidence::Weak)
        .collect();
    assert!(!weak.is_empty() && weak.len() < analysis.events.len());
    let html = export(&analysis, &[], Format::Html, View::default());
    let doc = Html::parse_document(&html);
    for e in &analysis.events {
        let section = Selector::parse(&format!("section#{} .meta .tag.weak", e.id)).expect("selector");
        let marked = doc.select(&section).count() == 1;
        assert_eq!(marked, weak.iter().any(|w| w.id == e.id), "{}", e.id);
    }
    let markdown = export(&analysis, &[], Format::Markdown, View::default());
    assert_eq!(markdown.matches("- Confidence: weak").count(), weak.len());
    let json = export(&analysis, &[], Format::Json, View::default());
    assert_eq!(json.matches("\"confidence\": \"weak\"").count(), weak.len());
}

#[test]
fn a_story_without_a_title_is_named_by_the_headline_the_others_share() {
    let corpus = parallax::ingest::from_texts(&[
        "Harbour bridge reopens after lorry fire\n\nThe bridge reopened on Thursday.",
        "Council budget vote delayed\n\nThe vote was put off.",
        "Bridge reopens after fire closed it for hours\n\nTraffic flows again.",
        "Harbour bridge open again after fire\n\nDrivers were relieved.",
    ]);
    assert_eq!(corpus.display_title(), "Harbour bridge reopens after lorry fire");
    let analysis = parallax::analyse(corpus, &parallax::Settings::default());
    let mut out = Vec::new();
    parallax::export::write(&analysis, &[], parallax::export::Format::Markdown, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with("# Harbour bridge reopens after lorry fire\n"),
        "{text:.80}"
    );
    let named = parallax::Corpus {
        title: Some("Bridge story".into()),
        ..analysis.corpus.clone()
    };
    assert_eq!(named.display_title(), "Bridge story");
}

/// The page follows the reader's rule: every shared passage is marked quietly, and only the
/// event in focus, under the pointer or picked in the index is filled with its colour, by CSS
/// alone.
#[test]
fn html_fills_only_the_event_in_focus_under_the_pointer_or_picked_in_the_index() {
    let analysis = bundled();
    let focus = EventId(2);
    let html = export(&analysis, &[], Format::Html, View { focus: Some(focus) });
    let style = html
        .split("<style>")
        .nth(1)
        .and_then(|s| s.split("</style>").next())
        .expect("inline style");
    // A tint class sets a variable, never a background by itself.
    assert!(style.contains(".t0{--tint:var(--s0)}"), "tint classes");
    assert!(!style.contains(".t0{background"));
    assert!(style.contains(".m:hover, .m.cur { background: var(--tint); }"));
    let story = parallax::view::StoryView::new(&analysis, []);
    for e in &analysis.events {
        let id = e.id;
        let rule = format!(
            "body:has(.{id}:hover,#{id}:target,[id^=\"{id}-\"]:target) .m.{id}{{background:var(--s{})}}",
            story.color(id)
        );
        assert!(style.contains(&rule), "{rule}");
    }
    assert!(!html.contains("<script"));
    // Each mention names every event it belongs to, so the rules find it; only the focus is
    // marked current.
    let doc = Html::parse_document(&html);
    let mentions = Selector::parse("#articles a.m").expect("selector");
    let mut current = 0;
    for a in doc.select(&mentions) {
        let classes: Vec<&str> = a.value().classes().collect();
        let href = a.value().attr("href").expect("href").trim_start_matches('#');
        assert!(classes.contains(&href), "{classes:?} lacks {href}");
        if classes.contains(&"cur") {
            assert!(classes.contains(&focus.to_string().as_str()), "{classes:?}");
            current += 1;
        }
    }
    assert!(current > 0, "the focus is filled");
    // The index rows carry their event, so hovering one fills its mentions too.
    assert!(html.contains(&format!("<li class=\"{focus}\"><span class=\"swatch t")));
}
