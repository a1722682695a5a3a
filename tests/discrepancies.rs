//! Discrepancies through the whole pipeline: a small story the aligner puts together, and the
//! bundled story.

#[path = "support/stories.rs"]
mod stories;

use parallax::ingest::{self, RawArticle, build};
use parallax::model::{Analysis, ArticleId, Difference, Discrepancy};
use parallax::{Settings, analyse, coverage};
use std::collections::BTreeMap;

fn story(texts: &[&str]) -> Analysis {
    let raws = texts
        .iter()
        .map(|t| RawArticle {
            text: (*t).into(),
            ..RawArticle::default()
        })
        .collect();
    analyse(build(None, raws), &Settings::default())
}

use stories::MEETING;

#[test]
fn meeting_length_differs_between_sources() {
    let analysis = story(&MEETING);
    let found: Vec<(&str, BTreeMap<ArticleId, &str>)> = analysis
        .discrepancies
        .iter()
        .map(|d| {
            (
                d.what.as_str(),
                d.values.iter().map(|(a, v)| (*a, v.as_str())).collect(),
            )
        })
        .collect();
    let expected = BTreeMap::from([
        (ArticleId(0), "more than seven-hour"),
        (ArticleId(1), "nearly eight hours"),
        (ArticleId(2), "seven-hour"),
    ]);
    assert_eq!(found, vec![("duration", expected)]);
    // The troop figures agree ("about 100,000" / "Some 100,000"), so they are not listed.
    let d = &analysis.discrepancies[0];
    assert!(analysis.event(d.event).label.contains("meeting"));
    for (article, spans) in &d.spans {
        let text = analysis.corpus.article(*article).slice(spans[0]);
        assert_eq!(text, d.values[article]);
    }
}

#[test]
fn meeting_story_coverage() {
    let analysis = story(&MEETING);
    let report = coverage::coverage(&analysis);
    assert_eq!(report.len(), 3);
    // The first article does not report the troop figure the other two share.
    let troops = analysis
        .events
        .iter()
        .find(|e| e.label.contains("100,000"))
        .expect("troop event");
    assert_eq!(report[0].omitted, vec![troops.id]);
    // The third alone reports the drills, a number no other source gives.
    let alone: Vec<&str> = report[2]
        .exclusives
        .iter()
        .map(|x| analysis.corpus.article(x.article).slice(x.span))
        .collect();
    assert_eq!(
        alone,
        vec!["More than 1,200 servicemen took part in drills in Crimea, the ministry said."]
    );
}

#[test]
fn bundled_story_discrepancies_compare_like_with_like() {
    let analysis = analyse(ingest::bundled(), &Settings::default());
    for d in &analysis.discrepancies {
        assert!(
            ["number", "quantity", "duration", "date"].contains(&d.what.as_str()),
            "{d:?}"
        );
        assert!(d.values.len() >= 2, "a discrepancy needs two sources: {d:?}");
        let event = analysis.event(d.event);
        assert!(d.values.keys().all(|a| event.reports(*a)), "{d:?}");
        let distinct: std::collections::BTreeSet<&String> = d.values.values().collect();
        assert!(distinct.len() >= 2, "values must differ: {d:?}");
    }
    // Every source that states the troop count in one event says 100,000; the 175,000 of the
    // first article is a forecast in its own sentence, not a rival figure.
    assert!(
        analysis
            .discrepancies
            .iter()
            .all(|d| d.unit.as_deref() != Some("troop")),
        "{:?}",
        analysis.discrepancies
    );
    // The one real disagreement: how long the meeting lasted. The week of talks is dated by its
    // Wednesday meeting in one source and as "this week" in the others: at most a difference of
    // wording, never a conflict.
    let (week, rest): (Vec<&Discrepancy>, Vec<&Discrepancy>) = analysis
        .discrepancies
        .iter()
        .partition(|d| d.unit.as_deref() == Some("weekday"));
    assert!(
        week.iter().all(|d| d.difference == Difference::Wording),
        "{week:?}"
    );
    let found: Vec<(&str, Option<&str>, Vec<&str>)> = rest
        .iter()
        .map(|d| {
            (
                d.what.as_str(),
                d.unit.as_deref(),
                d.values.values().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![(
            "duration",
            Some("hour"),
            vec![
                "more than seven-hour",
                "seven hours",
                "seven-hour",
                "nearly eight hours"
            ]
        )]
    );
    let d = rest[0];
    // The sources hedge and round one length ("more than seven", "nearly eight"): both can be
    // true, so it is a difference of wording, not a conflict.
    assert_eq!(d.difference, Difference::Wording);
    let sources: Vec<usize> = d.values.keys().map(|a| a.index()).collect();
    assert_eq!(sources, vec![0, 1, 2, 4]);
    // Each value points at its words in its article.
    for (article, spans) in &d.spans {
        let text = analysis.corpus.article(*article);
        assert!(spans.iter().all(|s| text.slice(*s).contains("hour")), "{spans:?}");
    }
}

#[test]
fn the_json_says_whether_figures_conflict_or_differ_in_wording() {
    let analysis = story(&[
        "Prosecutors released a 48-page indictment of the congressman and his wife on Tuesday, saying \
         the couple converted $250,000 in campaign funds.",
        "Prosecutors released a 47-page indictment of the congressman and his wife on Tuesday, saying \
         the couple converted more than $250,000 in campaign funds.",
    ]);
    let mut out = Vec::new();
    parallax::export::write(&analysis, &[], parallax::export::Format::Json, &mut out).expect("json");
    let doc: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    let found: Vec<(&str, &str, &str, &str)> = doc["discrepancies"]
        .as_array()
        .expect("discrepancies")
        .iter()
        .map(|d| {
            (
                d["type"].as_str().unwrap_or_default(),
                d["what"].as_str().unwrap_or_default(),
                d["values"]["a1"].as_str().unwrap_or_default(),
                d["values"]["a2"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("conflict", "quantity", "48-page", "47-page"),
            ("wording", "quantity", "$250,000", "more than $250,000"),
        ]
    );
}
