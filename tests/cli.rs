//! The command line on good and bad input: exit codes, messages, and the JSON contract.

use serde_json::Value;
use std::fs;
use std::path::Path;

#[path = "support/cli.rs"]
mod support;

use support::{align_json, parallax};

/// Runs `parallax align` and expects failure with exit code 1 and a message containing `needle`.
fn fails_with(args: &[&str], needle: &str) {
    support::fails_with_input(args, b"", &[needle]);
}

#[test]
fn bundled_story_honours_the_contract() {
    let doc = align_json(&[]);
    assert_eq!(doc["schema_version"], 1);
    let articles = doc["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 5);
    let events = doc["events"].as_array().unwrap();
    assert!(
        events.len() >= 10,
        "the sample shares many events, got {}",
        events.len()
    );
    for event in events {
        let id = event["id"].as_str().unwrap();
        assert!(id.starts_with('e'));
        assert!(matches!(event["kind"].as_str(), Some("quote" | "statement")));
        let sources = event["sources"].as_array().unwrap();
        assert!(sources.len() >= 2, "{id} has one source");
        for m in event["mentions"].as_array().unwrap() {
            let article = articles
                .iter()
                .find(|a| a["id"] == m["article"])
                .expect("mention names an article");
            let text = article["text"].as_str().unwrap().as_bytes();
            let (start, end) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert!(start < end && end <= text.len());
            assert_eq!(
                &text[start..end],
                m["text"].as_str().unwrap().as_bytes(),
                "{id}: text at offsets"
            );
            assert!(sources.contains(&m["article"]));
            assert!(matches!(
                m["match"].as_str(),
                Some("verbatim" | "reworded" | "paraphrase")
            ));
        }
    }
}

#[test]
fn plain_text_offsets_point_into_the_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/story");
    let files: Vec<String> = (0..5)
        .map(|i| {
            fs::read_dir(&dir)
                .unwrap()
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with(&format!("00{i}_"))
                })
                .map(|p| p.display().to_string())
                .next()
                .unwrap()
        })
        .collect();
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let doc = align_json(&args);
    for (article, path) in doc["articles"].as_array().unwrap().iter().zip(&files) {
        assert_eq!(article["path"].as_str().unwrap(), path);
        assert_eq!(
            article["text"].as_str().unwrap().as_bytes(),
            fs::read(path).unwrap()
        );
    }
}

#[test]
fn one_article_alone_has_no_events() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("one.txt");
    fs::write(&f, "A single article. It says things.").unwrap();
    let doc = align_json(&[f.to_str().unwrap()]);
    assert_eq!(doc["articles"].as_array().unwrap().len(), 1);
    assert!(doc["events"].as_array().unwrap().is_empty());
}

#[test]
fn missing_path() {
    fails_with(
        &["/no/such/article.txt"],
        "/no/such/article.txt: no such file or folder",
    );
}

#[test]
fn folder_without_articles() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.csv"), "a,b").unwrap();
    fails_with(&[dir.path().to_str().unwrap()], "no articles in this folder");
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("empty.txt");
    fs::write(&f, "").unwrap();
    fails_with(&[f.to_str().unwrap()], "empty.txt: the file is empty");
}

#[test]
fn invalid_utf8_names_the_byte() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("latin1.txt");
    fs::write(&f, b"Caf\xe9 talks").unwrap();
    fails_with(&[f.to_str().unwrap()], "latin1.txt: not valid UTF-8 at byte 3");
}

#[test]
fn binary_data() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("image.txt");
    fs::write(&f, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fails_with(&[f.to_str().unwrap()], "image.txt: looks like binary data");
}

#[test]
fn unreadable_file() {
    // A symlink loop cannot be read, even by root.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("loop.txt");
    std::os::unix::fs::symlink(&f, &f).unwrap();
    fails_with(&[f.to_str().unwrap()], "loop.txt: cannot read");
}

#[test]
fn output_file_is_not_clobbered_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    fs::write(&out, "keep me").unwrap();
    fails_with(&["-o", out.to_str().unwrap()], "already exists (use --force");
    assert_eq!(fs::read_to_string(&out).unwrap(), "keep me");
    parallax()
        .args(["align", "--force", "-o", out.to_str().unwrap()])
        .assert()
        .success();
    let doc: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(doc["schema_version"], 1);
}

#[test]
fn usage_errors_exit_with_2() {
    parallax().args(["align", "--format", "pdf"]).assert().code(2);
    parallax()
        .args(["align", "--set", "align.no_such_key=1"])
        .assert()
        .code(1);
}

#[test]
fn manifest_sets_sources_and_titles() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Talks end in Geneva\nThe talks ended.").unwrap();
    fs::write(
        dir.path().join("b.md"),
        "# Geneva talks over\nThe talks ended today.",
    )
    .unwrap();
    fs::write(
        dir.path().join("story.toml"),
        "title = \"Talks\"\n[[article]]\npath = \"a.txt\"\nsource = \"Wire\"\n[[article]]\npath = \"b.md\"\n",
    )
    .unwrap();
    let doc = align_json(&[dir.path().to_str().unwrap()]);
    let a = &doc["articles"];
    assert_eq!(a[0]["source"], "Wire");
    assert_eq!(a[0]["title"], "Talks end in Geneva");
    assert_eq!(
        a[1]["source"], "b",
        "the file's stem where the manifest names no source"
    );
    assert_eq!(a[1]["title"], "Geneva talks over");
}

/// A story folder holding `a.txt` and a manifest listing `a.txt` and then `path`.
fn story_listing(path: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Talks end in Geneva\nThe talks ended.").unwrap();
    let toml_path = toml::Value::String(path.to_string());
    fs::write(
        dir.path().join("story.toml"),
        format!("[[article]]\npath = \"a.txt\"\n[[article]]\npath = {toml_path}\n"),
    )
    .unwrap();
    dir
}

#[test]
fn manifest_paths_stay_inside_the_manifest_folder() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    fs::write(&secret, "The secret text.").unwrap();
    let absolute = story_listing(secret.to_str().unwrap());
    let parent = tempfile::tempdir().unwrap();
    let story = parent.path().join("story");
    fs::create_dir(&story).unwrap();
    fs::write(parent.path().join("secret.txt"), "The secret text.").unwrap();
    fs::write(story.join("a.txt"), "Talks end in Geneva").unwrap();
    fs::write(
        story.join("story.toml"),
        "[[article]]\npath = \"a.txt\"\n[[article]]\npath = \"../secret.txt\"\n",
    )
    .unwrap();
    let linked = story_listing("link.txt");
    std::os::unix::fs::symlink(&secret, linked.path().join("link.txt")).unwrap();
    for (dir, named) in [
        (absolute.path(), secret.to_str().unwrap()),
        (story.as_path(), "../secret.txt"),
        (linked.path(), "link.txt"),
    ] {
        let out = parallax()
            .args(["align", "--no-notes"])
            .arg(dir)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{named}: {err}");
        assert!(out.stdout.is_empty(), "{named}: nothing exported");
        assert!(err.contains("story.toml"), "{err}");
        assert!(err.contains(named), "{err} lacks {named}");
        assert!(err.contains("outside the manifest's folder"), "{err}");
        assert!(err.contains("ingest.manifest_outside"), "{err}");
        assert!(!err.contains("secret text"));
    }
}

#[test]
fn manifest_outside_allows_paths_outside_the_folder() {
    let outside = tempfile::tempdir().unwrap();
    let other = outside.path().join("other.txt");
    fs::write(&other, "Geneva talks over\nThe talks ended today.").unwrap();
    let dir = story_listing(other.to_str().unwrap());
    let doc = align_json(&[
        dir.path().to_str().unwrap(),
        "--set",
        "ingest.manifest_outside=true",
    ]);
    let titles: Vec<&str> = doc["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Talks end in Geneva", "Geneva talks over"]);
}

#[test]
fn manifest_paths_in_subfolders_are_read() {
    let dir = story_listing("more/./b.md");
    fs::create_dir(dir.path().join("more")).unwrap();
    fs::write(
        dir.path().join("more/b.md"),
        "# Geneva talks over\nThe talks ended today.",
    )
    .unwrap();
    let doc = align_json(&[dir.path().to_str().unwrap()]);
    assert_eq!(doc["articles"][1]["title"], "Geneva talks over");
}

#[test]
fn bad_manifest_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("story.toml");
    fs::write(&m, "title = \"T\"\n[[article]]\npaht = \"a.txt\"\n").unwrap();
    fails_with(&[m.to_str().unwrap()], "story.toml: line 3, column 1");
}

#[test]
fn config_default_prints_the_documented_example() {
    let out = parallax().args(["config", "--default"]).output().unwrap();
    assert!(out.status.success());
    let example = fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml")).unwrap();
    assert_eq!(out.stdout, example);
}

#[test]
fn config_path_follows_flag_then_environment() {
    let out = parallax()
        .env("PARALLAX_CONFIG", "/tmp/from-env.toml")
        .args(["config", "--path"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "/tmp/from-env.toml\n");
    let out = parallax()
        .env("PARALLAX_CONFIG", "/tmp/from-env.toml")
        .args(["--config", "/tmp/flag.toml", "config", "--path"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "/tmp/flag.toml\n");
    parallax().arg("config").assert().code(2);
}

#[test]
fn invalid_config_stops_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("bad.toml");
    fs::write(&c, "[align]\nstrict_threshold = \"high\"\n").unwrap();
    let out = parallax()
        .args(["--config", c.to_str().unwrap(), "align"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.toml:2:20: invalid type: string \"high\", expected f32"),
        "{err}"
    );
}

#[test]
fn config_settings_reach_the_analysis() {
    // Thresholds at the highest score a link can have keep only the strongest links.
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c.toml");
    fs::write(
        &c,
        "[align]\nstrict_threshold = 1.0\nweak_threshold = 1.0\nrescue_threshold = 1.0\n",
    )
    .unwrap();
    let out = parallax()
        .args(["--config", c.to_str().unwrap(), "align"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let strict = doc["events"].as_array().unwrap().len();
    let default = align_json(&[])["events"].as_array().unwrap().len();
    assert!(
        strict < default,
        "{strict} events at the highest thresholds, {default} by default"
    );
}

#[test]
fn align_exports_carry_the_notes_saved_for_the_story() {
    let data = tempfile::tempdir().unwrap();
    let notes_dir = data.path().join("parallax").join("notes");
    let (mut store, _) = parallax::notes::NoteStore::open(&notes_dir, &parallax::ingest::bundled()).unwrap();
    store
        .add(
            parallax::model::NoteTarget::Event { label: "any".into() },
            "check the <b>troop</b> figure",
        )
        .unwrap();
    let run = |extra: &[&str]| {
        let out = parallax()
            .env("XDG_DATA_HOME", data.path())
            .args(["align", "--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let doc = run(&[]);
    assert_eq!(doc["notes"][0]["text"], "check the <b>troop</b> figure");
    assert!(doc["notes"].as_array().unwrap().len() == 1);
    assert!(run(&["--no-notes"])["notes"].as_array().unwrap().is_empty());
    let html = parallax()
        .env("XDG_DATA_HOME", data.path())
        .args(["align", "--format", "html"])
        .output()
        .unwrap();
    let page = String::from_utf8_lossy(&html.stdout);
    assert!(page.contains("check the &lt;b&gt;troop&lt;/b&gt; figure"));
}

#[test]
fn align_with_a_damaged_notes_file_names_it_and_offers_no_notes() {
    let data = tempfile::tempdir().unwrap();
    let notes_dir = data.path().join("parallax").join("notes");
    fs::create_dir_all(&notes_dir).unwrap();
    let story = parallax::notes::story_key(&parallax::ingest::bundled());
    let file = notes_dir.join(format!("{story}.json"));
    fs::write(&file, "{ damaged").unwrap();
    let out = parallax()
        .env("XDG_DATA_HOME", data.path())
        .args(["align", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "no partial output");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&file.display().to_string()), "{err}");
    assert!(err.contains("--no-notes"), "{err}");
    let out = parallax()
        .env("XDG_DATA_HOME", data.path())
        .args(["align", "--format", "json", "--no-notes"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(fs::read_to_string(&file).unwrap(), "{ damaged", "left as it was");
}
