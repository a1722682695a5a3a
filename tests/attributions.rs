//! Who said it, according to whom, end to end: each mention carries the speaker its article
//! credits, and an event whose outlets credit the same quoted words to different speakers says
//! so in the JSON and in both readable exports.

use parallax::export::{Format, write};
use parallax::ingest::from_texts;
use parallax::{Settings, analyse};
use serde_json::Value;

const EU: &str = "Brussels answered on Tuesday.\n\n\"The U.S. decision prolongs market uncertainty, \
                  which is already affecting business decisions,\" the European Union said in a statement.";
const COMMISSION: &str = "Europe was quick to respond.\n\n\"The U.S. decision prolongs market uncertainty, \
                          which is already affecting business decisions,\" the European Commission said.";
const AGAIN: &str = "Officials met in Brussels.\n\n\"The U.S. decision prolongs market uncertainty, \
                     which is already affecting business decisions,\" the European Commission said on Tuesday.";

fn exported(format: Format) -> String {
    let analysis = analyse(from_texts(&[EU, COMMISSION, AGAIN]), &Settings::default());
    let mut out = Vec::new();
    write(&analysis, &[], format, &mut out).expect("export writes to memory");
    String::from_utf8(out).expect("exports are UTF-8")
}

/// The event holding the shared quotation.
fn quote_event(doc: &Value) -> &Value {
    doc["events"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| {
            e["mentions"].as_array().is_some_and(|ms| {
                ms.iter()
                    .all(|m| m["text"].as_str().is_some_and(|t| t.contains("uncertainty")))
            })
        })
        .expect("the shared quotation is one event")
}

#[test]
fn mentions_carry_their_own_speaker_and_the_event_lists_differing_attributions() {
    let doc: Value = serde_json::from_str(&exported(Format::Json)).expect("valid JSON");
    let event = quote_event(&doc);
    let credited: Vec<(&str, &str)> = event["mentions"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|m| {
            (
                m["article"].as_str().unwrap_or(""),
                m["speaker"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        credited,
        vec![
            ("a1", "European Union"),
            ("a2", "European Commission"),
            ("a3", "European Commission")
        ]
    );
    // The body that speaks for itself is the best single answer; the polity is listed apart.
    assert_eq!(event["speaker"], "European Commission");
    assert_eq!(
        event["attributions"],
        serde_json::json!([
            {"speaker": "European Commission", "articles": ["a2", "a3"]},
            {"speaker": "European Union", "articles": ["a1"]}
        ])
    );
}

#[test]
fn events_whose_outlets_agree_have_no_attributions() {
    let analysis = analyse(from_texts(&[COMMISSION, AGAIN]), &Settings::default());
    let mut out = Vec::new();
    write(&analysis, &[], Format::Json, &mut out).expect("export writes to memory");
    let doc: Value = serde_json::from_slice(&out).expect("valid JSON");
    let event = quote_event(&doc);
    assert!(event.get("attributions").is_none(), "{event}");
    assert_eq!(event["speaker"], "European Commission");
}

#[test]
fn readable_exports_say_the_speakers_differ_and_name_the_sources() {
    let md = exported(Format::Markdown);
    assert!(
        md.contains("- **Speakers differ**: credited to European Commission (Article 2, Article 3) / European Union (Article 1)"),
        "{md}"
    );
    let html = exported(Format::Html);
    assert!(html.contains("speakers differ</span> credited to <b>European Commission</b> (Article 2, Article 3) / <b>European Union</b> (Article 1)"), "{html}");
}
