//! The JSON of the bundled story, pinned. Article texts are left out of the snapshot (they are
//! the bundled files); everything the analysis adds is in it.

use parallax::export::{Format, write};
use parallax::{Settings, analyse, ingest};

#[test]
fn bundled_story_json() {
    let analysis = analyse(ingest::bundled(), &Settings::default());
    let mut out = Vec::new();
    write(&analysis, &[], Format::Json, &mut out).unwrap();
    let mut doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    for article in doc["articles"].as_array_mut().unwrap() {
        let len = article["text"].as_str().unwrap().len();
        article["text"] = format!("<{len} bytes>").into();
    }
    insta::assert_json_snapshot!(doc);
}
